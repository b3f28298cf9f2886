#!/bin/sh
# The plan screen: a generated plan, saved, then tracked.
. "$(dirname "$0")/lib.sh"

# The plan screen: a generated plan, saved, then tracked (on a copy of the book).
"$CSM" --db "$T/plan.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "plan.db"
DB="$T/plan.db"
# What the screen must show, from the planner itself (tested on its own in
# tests/unit/test_plan.c): the gauge, the first row, RET-02's hours, RET-03's client.
"$CSM" --db "$DB" --as-of 2027-01-01 plan --format json >"$T/plan.json" || bad "plan json"
eval "$(python3 - "$T/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
a = {x["ref"]: x for x in p["activities"]}
pct = int(100 * p["planned_hours"] / p["capacity_hours"] + 0.5)
bar = "#" * min(10, pct // 10) + "." * (10 - min(10, pct // 10))
print("gauge='%.1f h of %.0f h [%s] %d%%'" % (p["planned_hours"], p["capacity_hours"], bar, pct))
print("first='RET-01  new      %s %s'" % (a["RET-01"]["deadline"], a["RET-01"]["client"][:16]))
PY
)"
start 80 24
check "15 accounts" "start for the plan"
keys 4
check "[4 Plan]" "4 opens the plan"
check "$gauge" "the capacity gauge"
check "not saved (w saves)" "a generated plan is marked not saved"
check "not saved 1/25" "a plan of 25 activities"
check "Ref     Status   Deadline" "the column titles"
check_line 5 "$first" "the first activity's row"
keys End
check "not saved 25/25" "End: the 25th activity"
keys d
check "not saved: w saves it" "d on an unsaved plan says to save first"
keys Home w
check "plan saved: 25 activities" "w saves the plan"
check "saved 1/25" "the saved plan is shown"
check "done 0.0 h (0%)" "the gauge shows progress once saved"
n_saved=$("$CSM" --db "$T/plan.db" activities --format json | grep -c '"ref"')
if [ "$n_saved" = 25 ]; then ok; else bad "activities: $n_saved saved, not 25"; fi
# The saved plan's second and third rows, in the screen's order.
"$CSM" --db "$T/plan.db" activities --format json >"$T/saved.json"
eval "$(python3 - "$T/saved.json" "$T/plan.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
print("ref2='%s' ref3='%s'" % (d[1]["ref"], d[2]["ref"]))
print("done2='done %.1f h (%d%%)'" % (d[1]["duration_hours"], int(100 * d[1]["duration_hours"] / p["planned_hours"] + 0.5)))
print("client3='%s'" % d[2]["client"].replace("'", ""))
PY
)"
keys j d
check "$ref2: done" "d marks the selected activity done"
check "$ref2  done" "its row says done"
check "$done2" "the gauge counts it"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"'"$ref2"'",[^}]*"status":"done"'; then
  ok; else bad "activities: $ref2 is not done"; fi
keys j x
check "$ref3  dropped" "x drops the selected activity"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"'"$ref3"'",[^}]*"status":"dropped"'; then
  ok; else bad "activities: $ref3 is not dropped"; fi
keys Enter
check "› $client3" "Enter opens the activity's account"
keys q
check "[4 Plan]" "q goes back to the plan"
keys g
check "a new plan: 25 activities" "g generates a new plan"
check "not saved 1/25" "the new plan is not saved"
keys ? NPage
check "On the plan screen" "help lists the plan's keys"
check "generate a new plan for the quarter" "help has g"
check "On the imports screen" "help lists the imports' keys"
keys q
finish
