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
# The tab bar says [2 Flags] on the account too: wait for the account to go,
# or Right may follow Esc within ESCDELAY and read as Alt-Right.
check_gone "› Customer 3" "Esc leaves the account"
check "[2 Flags]" "Esc goes back to the flags"
keys Right
check "1/2" "Right moves to the case studies"
keys j
check "2/2" "j moves in the column"
keys h Left
check "1/8" "h and Left go back to the churn risks"
keys G
check "8/8" "G in a column"
# Esc and an arrow faster than the escape delay: two keys, not one unknown.
keys g Enter
check "› " "Enter opens the churn risk"
keys Escape Right
check_gone "› " "Esc, sent with Right, leaves the account"
check "1/1" "and Right, sent with Esc, moves to the expansion column"
finish
