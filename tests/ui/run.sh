#!/bin/sh
# Interface tests: the real program in a real terminal (tmux), driven with
# send-keys and read with capture-pane. $1 is the csm to test.
set -u
[ $# = 1 ] || { echo "usage: $0 PATH-TO-CSM" >&2; exit 2; }
command -v tmux >/dev/null || { echo "ui: tmux is needed"; exit 1; }
CSM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
n=0
SOCK="$T/tmux-0.sock"
cleanup() { for s in "$T"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
export TZ=UTC HOME="$T/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME CSM_DB CSM_CONFIG NO_COLOR
mkdir -p "$HOME"
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; echo "--- screen:"; cat "$T/screen"; echo "---"; }

"$CSM" --db "$T/p.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || exit 1

# start W H [ENV...]: opens csm in a fresh tmux session of that size.
start() {
  w=$1 h=$2; shift 2
  tmux -S "$SOCK" kill-server 2>/dev/null
  n=$((n + 1))
  SOCK="$T/tmux-$n.sock" # a fresh server each time: no race with the old one
  tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x "$w" -y "$h" \
    "env TERM=xterm-256color LANG=C.UTF-8 $* '$CSM' --db '$T/p.db' --as-of 2027-01-01; echo EXITED=\$?; sleep 60"
}
screen() { tmux -S "$SOCK" capture-pane -p -t ui >"$T/screen" 2>/dev/null; }
keys() { tmux -S "$SOCK" send-keys -t ui "$@"; }
# wait_for TEXT: polls the screen for up to 5 s.
wait_for() {
  i=0
  while [ $i -lt 50 ]; do
    screen
    grep -qF -- "$1" "$T/screen" && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
check() { # TEXT LABEL
  if wait_for "$1"; then ok; else bad "$2: '$1' not on screen"; fi
}
check_not() { # TEXT LABEL
  sleep 0.2; screen
  if grep -qF -- "$1" "$T/screen"; then bad "$2: '$1' still on screen"; else ok; fi
}

# 80x24: the portfolio, every account, moving, help, quit.
start 80 24
check "15 accounts" "header at 80x24"
check "Customer 15" "last account visible at 80x24"
check "Spon" "all four components fit in 80 columns"
check ">Customer 6" "the riskiest account is selected first"
keys s
check "sort: Client" "s sorts by the next column"
keys g
check ">Customer 1 " "g goes to the start"
keys j
check ">Customer 10" "j moves down"
keys Down Down
check ">Customer 12" "arrow keys move"
keys k
check ">Customer 11" "k moves up"
keys G
check ">Customer 9" "G goes to the end"
keys S
check "sort: Client ▼" "S reverses the sort"
keys '?'
check "quit from anywhere" "? shows the keys"
keys q
check "15 accounts" "q leaves help"
keys q
check "EXITED=0" "q quits with status 0"

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

# NO_COLOR: still readable, same content.
start 80 24 NO_COLOR=1
check "Customer 6" "NO_COLOR shows the table"
keys q
check "EXITED=0" "quit under NO_COLOR"

# A crash signal restores the terminal (the shell prints after it).
start 80 24
check "15 accounts" "start before TERM signal"
pkill -TERM -f "csm --db $T/p.db" 2>/dev/null
check "EXITED=" "killed by a signal, the program ends"

echo "ui: $pass passed, $fail failed"
[ "$fail" = 0 ]
