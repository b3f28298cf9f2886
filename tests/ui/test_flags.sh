#!/bin/sh
# The flags screen: three columns by severity, moving between them, Enter.
. "$(dirname "$0")/lib.sh"

start 80 24
check "1/15" "the portfolio first"

# The flags screen: columns and Enter.
keys 2
keys l
check "1/1" "l moves to the expansion column"
keys Enter
check "› Customer 3" "Enter opens the expansion target"
keys Escape
check "[2 Flags]" "Esc goes back to the flags"
keys Right
check "1/2" "Right moves to the case studies"
keys j
check "2/2" "j moves in the column"
keys h Left
check "1/8" "h and Left go back to the churn risks"
keys G
check "8/8" "G in a column"
finish
