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
# d asks what came of it (issue 15.6); the row shows it beside the title.
keys j d
check "what came of it:" "d asks for the outcome"
keys -l "VP briefed"
keys Enter
check "$ref2: done: VP briefed" "d marks the selected activity done, with its outcome"
check "$ref2  done" "its row says done"
check ": VP briefed" "and what came of it"
check "$done2" "the gauge counts it"
act() { "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n'; }
if act | grep -q '"ref":"'"$ref2"'",[^}]*"status":"done"'; then
  ok; else bad "activities: $ref2 is not done"; fi
if act | grep -q '"ref":"'"$ref2"'",[^}]*"outcome":"VPbriefed"'; then
  ok; else bad "activities: $ref2's outcome was not saved"; fi
keys j x
check "$ref3  dropped" "x drops the selected activity"
if act | grep -q '"ref":"'"$ref3"'",[^}]*"status":"dropped"'; then
  ok; else bad "activities: $ref3 is not dropped"; fi
keys j d
keys -l "never said"
keys Escape
check "not marked done" "Esc on the outcome leaves the activity"
check_not "never said" "and says nothing"
# o reopens: planned again, what came of it kept for when it is done again.
keys k k o
check "$ref2: planned" "o reopens a done activity"
check "$ref2  planned" "its row says planned"
if act | grep -q '"ref":"'"$ref2"'",[^}]*"status":"planned"'; then
  ok; else bad "activities: $ref2 is not planned again"; fi
keys o
check "$ref2 is planned already" "o on a planned activity"
keys d
check "what came of it: VP briefed" "the outcome said before is offered again"
keys Enter
check "$ref2: done: VP briefed" "done again"
keys j Enter
check "› $client3" "Enter opens the activity's account"
keys q
check "[4 Plan]" "q goes back to the plan"
# g is the first row here too; c makes a new plan.
keys End
check "saved 25/25" "End: the last row"
keys g
check "saved 1/25" "g: the first row, as everywhere"
keys c
check "a new plan: 25 activities" "c generates a new plan"
check "not saved 1/25" "the new plan is not saved"
# w over a saved plan with progress asks first, saying what carries over.
keys w
check "replace the saved plan" "w over a plan with progress asks"
check "replace the saved plan (1 done, 1 dropped: carried over)? y/n" "saying what is carried over"
keys n
check "not saved: the saved plan is as it was" "n keeps the saved plan"
check "not saved 1/25" "the new plan is still not saved"
keys w
check "carried over)? y/n" "asked again"
keys y
check "plan saved: 25 activities; " "y saves it"
check "saved 1/25" "the new plan is the saved one"
if act | python3 -c 'import json,sys; d=json.load(sys.stdin); s=[a["status"] for a in d]; sys.exit(0 if s.count("done")==1 and s.count("dropped")==1 else 1)'; then
  ok; else bad "activities: the progress did not carry over: $(act | head -c 300)"; fi
# The quarter: [ and ] step, p asks.
keys ]
check "2027-Q2: a new plan of" "] the next quarter, generated"
check "2027-04-01..06-30" "its dates"
check "not saved 1/" "not saved"
keys d
check "this plan is not saved" "nothing to track there"
keys [
check "2027-Q1: the plan saved on" "[ back to the saved quarter"
check "saved 1/25" "the saved plan"
keys p
check "quarter (YYYY-Qn): 2027-Q1" "p asks for the quarter"
keys C-u
keys -l "2027-q3"
keys Enter
check "2027-Q3: a new plan of" "a quarter typed"
check "2027-07-01..09-30" "its dates"
keys p C-u
keys -l "2027-Q5"
keys Enter
check "'2027-Q5' is not a quarter" "a wrong quarter is refused"
check "2027-07-01..09-30" "and changes nothing"
keys p C-u Enter
check "2027-Q1: the plan saved on" "empty: the three months from the as-of day"
# The store tracks the latest saved plan: once another quarter's is saved,
# this one is shown as it was and not changed.
"$CSM" --db "$T/plan.db" --as-of 2027-01-01 plan --quarter 2027-Q2 --save >/dev/null 2>&1 || bad "a plan saved for 2027-Q2"
keys R
check "saved 1/25" "the quarter's own plan still shown"
keys d
check "only the latest saved plan is tracked" "an older plan is not changed"
keys o
check "only the latest saved plan is tracked" "nor reopened"
keys ]
check "2027-Q2: the plan saved on" "the latest is the next quarter's"
keys ? NPage
check "On the plan screen" "help lists the plan's keys"
check "create a new plan for the quarter" "help has c"
check "choose the quarter: YYYY-Qn" "help has p"
check "On the imports screen" "help lists the imports' keys"
keys q
finish
