#!/bin/sh
# History by component (issue 15.10): the account's history says how each
# component moved, not only the overall health, in text and in JSON.
. "$(dirname "$0")/lib.sh"

at() { # DAY ARGS...: csm as of DAY
  day=$1; shift
  "$CSM" --db "$DB" --as-of "$day" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
# Three weekly exports: Customer 6's product use falls, its support score
# goes missing, its sponsorship holds.
sed 's/^Customer 6,1,36000,2,Level,45,34,44,50,89$/Customer 6,1,36000,2,Level,43,28,44,52,89/' "$SAMPLE" >"$T/w2.csv"
sed 's/^Customer 6,1,36000,2,Level,45,34,44,50,89$/Customer 6,1,36000,2,Down,33,15,40,,89/' "$SAMPLE" >"$T/w3.csv"
at 2026-12-18 import "$SAMPLE"
at 2026-12-25 import "$T/w2.csv"
at 2027-01-01 import "$T/w3.csv"
expect_rc 0 "15.10: three snapshots"

at 2027-01-01 show "Customer 6"
expect_rc 0 "15.10: show"
expect_grep "History     ▄▄▃  3 snapshots, 2026-12-18 .. 2027-01-01: 45 43 33" "$T/out" "15.10: the health's history as before"
expect_grep "            product      ▃▂▂     34    28    15    -19" "$T/out" "15.10: product's sparkline, scores and fall"
expect_grep "            satisfaction ▄▄▃     44    44    40     -4" "$T/out" "15.10: satisfaction"
expect_grep "            support      ▄▄      50    52     -     +2" "$T/out" "15.10: a missing score is a gap and a dash"
expect_grep "            sponsorship  ▇▇▇     89    89    89      0" "$T/out" "15.10: a component that held"
at 2027-01-01 show "Customer 7"
expect_grep "            product      ▇▇▇     90    90    90      0" "$T/out" "15.10: every account with history"

at 2027-01-01 show --format json "Customer 6"
expect_json '[h["components"]["product"] for h in d["history"]] == [34, 28, 15]' "15.10: JSON: each snapshot's components"
expect_json '[h["components"]["support"] for h in d["history"]] == [50, 52, None]' "15.10: JSON: no data is null"
expect_json '[h["health"] for h in d["history"]] == [45, 43, 33]' "15.10: JSON: and the health"

# One snapshot: nothing has moved, so no lines by component.
rm -f "$DB"
run import "$SAMPLE"
run show "Customer 6"
expect_grep "1 snapshot, 2027-01-01 .. 2027-01-01: 45" "$T/out" "15.10: one snapshot"
if sed -n '/^History/{n;p;}' "$T/out" | grep -q '^Flags'; then ok; else bad "15.10: no component lines for one snapshot: $(sed -n '/^History/{n;p;}' "$T/out")"; fi
finish
