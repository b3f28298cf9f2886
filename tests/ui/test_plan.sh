#!/bin/sh
# The plan screen: a generated plan, saved, then tracked.
. "$(dirname "$0")/lib.sh"

# The plan screen: a generated plan, saved, then tracked (on a copy of the book).
"$CSM" --db "$T/plan.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "plan.db"
DB="$T/plan.db"
start 80 24
check "15 accounts" "start for the plan"
keys 4
check "[4 Plan]" "4 opens the plan"
check "72.5 h of 260 h [##........] 28%" "the capacity gauge"
check "not saved (w saves)" "a generated plan is marked not saved"
check "not saved 1/25" "a plan of 25 activities"
check "Ref     Status   Deadline" "the column titles"
check_line 5 "RET-01  new      2027-01-02 Customer 7" "the first activity's row"
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
keys j d
check "RET-02: done" "d marks the selected activity done"
check "RET-02  done" "its row says done"
check "done 3.0 h (4%)" "the gauge counts it"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"RET-02",[^}]*"status":"done"'; then
  ok; else bad "activities: RET-02 is not done"; fi
keys j x
check "RET-03  dropped" "x drops the selected activity"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"RET-03",[^}]*"status":"dropped"'; then
  ok; else bad "activities: RET-03 is not dropped"; fi
keys Enter
check "› Customer 1" "Enter opens the activity's account"
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
