#!/bin/sh
# Colours: NO_COLOR, 8 colours and none, on every screen and at 120x40.
. "$(dirname "$0")/lib.sh"

# NO_COLOR: still readable, same content.
start 80 24 NO_COLOR=1
check "Customer 6" "NO_COLOR shows the table"
keys q
check "EXITED=0" "quit under NO_COLOR"


# Both screens at 120x40 and under NO_COLOR.
"$CSM" --db "$T/plan2.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "plan2.db"
DB="$T/plan2.db"
start 120 40 NO_COLOR=1
check "15 accounts" "start at 120x40"
keys 4
check "2027-01-01 to 2027-03-31" "the plan's quarter at 120x40"
check "RET-18" "more activities at 120x40"
keys 5
check "Imported at" "the imports at 120x40"
keys Q
check "EXITED=0" "quit at 120x40"
DB="$T/p.db"


# 8 colours and a terminal without colours: the same content.
for TERMNAME in xterm vt100; do
  start 80 24
  check ">Customer 6" "$TERMNAME: the table"
  keys 2
  check "Churn risks (8)" "$TERMNAME: the flags"
  keys 3
  check '$54,000' "$TERMNAME: the renewals"
  keys Q
  check "EXITED=0" "$TERMNAME: quit"
done
TERMNAME=xterm-256color


# NO_COLOR on every screen.
start 80 24 NO_COLOR=1
check "15 of 15 shown" "NO_COLOR: the portfolio"
keys 2
check "Churn risks (8)" "NO_COLOR: the flags"
keys 3
check '$54,000' "NO_COLOR: the renewals"
keys 1 Enter
check "› Customer 6" "NO_COLOR: an account"
keys Q
finish
