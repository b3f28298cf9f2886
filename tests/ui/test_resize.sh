#!/bin/sh
# Resizing: too small, then larger again, on every screen.
. "$(dirname "$0")/lib.sh"

# A small terminal, then bigger again: a notice, then the table.
start 80 24
check "15 accounts" "start before resize"
tmux -S "$SOCK" resize-window -t ui -x 40 -y 8
check "terminal too small" "tiny terminal notice"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check "Customer 15" "back to a large terminal"
check "(target 70)" "the wider header shows the target"
keys Q
check "EXITED=0" "Q quits"


# Resizing on every screen, and an account, to tiny and back.
start 120 40
keys 2
check "[2 Flags]" "flags before resize"
tmux -S "$SOCK" resize-window -t ui -x 30 -y 6
check "terminal too small" "tiny flags"
tmux -S "$SOCK" resize-window -t ui -x 80 -y 24
check "Churn risks (8)" "the flags come back"
keys 3
tmux -S "$SOCK" resize-window -t ui -x 59 -y 24
check "terminal too small" "narrow renewals"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check '$54,000' "the renewals come back"
keys 1 Enter
tmux -S "$SOCK" resize-window -t ui -x 60 -y 10
check "› Customer 6" "an account at the minimum size"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check "churn (high): health 45 is red" "the account at 120x40"
keys Q
check "EXITED=0" "quit after resizing"
finish
