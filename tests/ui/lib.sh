# Helpers for the interface tests: the real program in a real terminal
# (tmux), driven with send-keys and read with capture-pane. A test file
# sources this with the csm to test as $1, checks, then calls `finish`.
set -u
[ $# -ge 1 ] || { echo "usage: $0 PATH-TO-CSM" >&2; exit 2; }
command -v tmux >/dev/null || { echo "ui: tmux is needed"; exit 1; }
CSM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NAME=$(basename "$0" .sh)
NAME=${NAME#test_}
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

# The sample book as of 2027-01-01, in $T/p.db; book NAME makes another copy.
"$CSM" --db "$T/p.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || exit 1
book() { "$CSM" --db "$T/$1" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "book $1"; }

# start W H [ENV...]: opens csm in a fresh tmux session of that size, on
# the database $DB (the sample by default) with the options in $ARGS.
DB="$T/p.db" ARGS="" TERMNAME=xterm-256color
start() {
  w=$1 h=$2; shift 2
  tmux -S "$SOCK" kill-server 2>/dev/null
  n=$((n + 1)); rm -f "$T/before"
  SOCK="$T/tmux-$n.sock" # a fresh server each time: no race with the old one
  tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x "$w" -y "$h" \
    "env TERM=$TERMNAME LANG=C.UTF-8 $* '$CSM' --db '$DB' --as-of 2027-01-01 $ARGS; echo EXITED=\$?; sleep 60"
}
screen() { tmux -S "$SOCK" capture-pane -p -t ui >"$T/screen" 2>/dev/null; }
# keys KEY...: sends keys. UI_AUDIT=1 keeps the screen from before them, so
# that check can say when its text was there already (a check that cannot
# tell whether the keys took effect, and races a slow machine).
keys() {
  if [ "${UI_AUDIT:-}" = 1 ]; then screen; cp "$T/screen" "$T/before"; fi
  tmux -S "$SOCK" send-keys -t ui "$@"
}
# wait_for TEXT: polls the screen for up to 10 s (a loaded CI machine runs
# the ASan build beside valgrind).
wait_for() {
  i=0
  while [ $i -lt 100 ]; do
    screen
    grep -qF -- "$1" "$T/screen" && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
check() { # TEXT LABEL
  if [ "${UI_AUDIT:-}" = 1 ] && [ -f "$T/before" ] && grep -qF -- "$1" "$T/before"; then
    echo "AUDIT: $NAME: '$1' ($2) was on screen before the keys"
  fi
  if wait_for "$1"; then ok; else bad "$2: '$1' not on screen"; fi
}
# check_gone TEXT LABEL: waits up to 10 s for TEXT to leave the screen.
check_gone() {
  i=0
  while [ $i -lt 100 ]; do
    screen
    grep -qF -- "$1" "$T/screen" || { ok; return; }
    sleep 0.1; i=$((i + 1))
  done
  bad "$2: '$1' still on screen"
}
check_not() { # TEXT LABEL
  sleep 0.2; screen
  if grep -qF -- "$1" "$T/screen"; then bad "$2: '$1' still on screen"; else ok; fi
}
# check_line N TEXT LABEL: line N (from 1) of the screen holds TEXT.
check_line() {
  i=0
  while [ $i -lt 100 ]; do
    screen
    sed -n "$1p" "$T/screen" | grep -qF -- "$2" && { ok; return; }
    sleep 0.1; i=$((i + 1))
  done
  bad "$3: '$2' not on line $1"
}
ESC=$(printf '\033')
# click X Y [double]: a left click at column X, line Y (from 1), as xterm sends it.
click() {
  keys -l "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"
  if [ $# = 3 ]; then sleep 0.1; keys -l "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"; fi
}
wheel() { keys -l "$ESC[<$(( $1 > 0 ? 65 : 64 ));10;10M"; } # wheel 1: down, -1: up
# The process id of the csm running in the session (the pane's shell's child).
csm_pid() { pgrep -P "$(tmux -S "$SOCK" display -p -t ui '#{pane_pid}')"; }

# golden NAME LABEL: the whole screen is tests/ui/golden/NAME.txt, line for
# line (so a column out of place fails); it is compared until it matches or
# 6 s have gone. UPDATE=1 writes the file from the screen instead.
golden() {
  want="$ROOT/tests/ui/golden/$1.txt"
  if [ "${UPDATE:-}" = 1 ]; then
    sleep 0.5; screen; cp "$T/screen" "$want"; echo "golden: wrote tests/ui/golden/$1.txt"; ok; return
  fi
  [ -f "$want" ] || { bad "$2: no tests/ui/golden/$1.txt (make uitest T=golden UPDATE=1 writes it)"; return; }
  i=0
  while [ $i -lt 60 ]; do
    screen
    cmp -s "$T/screen" "$want" && { ok; return; }
    sleep 0.1; i=$((i + 1))
  done
  bad "$2: the screen is not tests/ui/golden/$1.txt:"; diff "$want" "$T/screen" | head -20
}

finish() {
  tmux -S "$SOCK" kill-server 2>/dev/null
  echo "ui $NAME ($(basename "$CSM")): $pass passed, $fail failed"
  [ "$fail" = 0 ]
}
