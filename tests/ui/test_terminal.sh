#!/bin/sh
# The terminal given back: Ctrl-Z and fg, and a signal.
. "$(dirname "$0")/lib.sh"

# Ctrl-Z suspends and fg resumes (in an interactive shell, with job control).
tmux -S "$SOCK" kill-server 2>/dev/null
n=$((n + 1)); SOCK="$T/tmux-$n.sock"
tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 80 -y 24 \
  "env -i PATH=\"$PATH\" HOME=\"$HOME\" TZ=UTC TERM=xterm-256color LANG=C.UTF-8 PS1='shell$ ' sh -i"
sleep 0.3
keys "'$CSM' --db '$T/p.db' --as-of 2027-01-01" Enter
check "15 of 15 shown" "before Ctrl-Z"
keys C-z
check "shell$" "Ctrl-Z gives the shell back"
keys fg Enter
check "15 of 15 shown" "fg brings the interface back"
keys j
check "2/15" "keys work after resuming"
keys q
keys "echo DONE=\$?" Enter
check "DONE=0" "quit after resuming"

# A crash signal restores the terminal (the shell prints after it).
start 80 24
check "15 accounts" "start before TERM signal"
kill -TERM "$(csm_pid)" 2>/dev/null || bad "no csm to signal"
check "EXITED=" "killed by a signal, the program ends"
finish
