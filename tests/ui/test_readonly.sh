#!/bin/sh
# --read-only: every key that would write says so and changes nothing.
. "$(dirname "$0")/lib.sh"

# --read-only: e and a say so and change nothing.
ARGS=--read-only
start 80 24
check ">Customer 6" "read-only start"
keys Enter e
check "read-only: e (edit) would write to the database" "e says read-only"
check_not "key=value:" "no prompt in read-only"
keys a
check "read-only: a (note) would write" "a says read-only"
keys q 4
check "[4 Plan]" "the plan in read-only"
keys w
check "read-only: w (save) would write" "w says read-only"
keys 5 u
check "read-only: u (undo) would write" "u says read-only"
keys i
check "read-only: i (import) would write" "i says read-only"
check_not "import file:" "no import prompt in read-only"
keys Q
check "EXITED=0" "quit read-only"
ARGS= DB="$T/p.db"
if "$CSM" --db "$T/p.db" activities --format json | grep -q '"ref"'; then bad "read-only saved a plan"; else ok; fi
finish
