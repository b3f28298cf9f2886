# A plan that reports progress (issue 15.6): once a quarter's plan is saved,
# `plan` for it shows the saved plan, in every format, with each activity's
# status, what came of it and the hours done; `done` takes an outcome, a
# done activity can be reopened.
. "$(dirname "$0")/lib.sh"

at() { # DAY ARGS...: csm as of DAY
  day=$1; shift
  "$CSM" --db "$DB" --as-of "$day" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

run import "$SAMPLE"
# Before any plan is saved, done says what to do first.
run done RET-01
expect_rc 1 "15.6: done with no saved plan"
expect_grep "no saved plan yet: csm plan --save" "$T/err" "15.6: done with no saved plan says to save one"
run plan --save --format json
expect_rc 0 "15.6: a plan saved"
cp "$T/out" "$T/saved.json"
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["activities"][0]["ref"])' "$T/saved.json")
second=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["activities"][1]["ref"])' "$T/saved.json")
last=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["activities"][-1]["ref"])' "$T/saved.json")
hours=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([a["duration_hours"] for a in d["activities"] if a["ref"] == sys.argv[2]][0])' "$T/saved.json" "$first")

at 2027-01-20 done "$first" --note "VP briefed; the sponsor meeting is booked"
expect_rc 0 "15.6: done with an outcome"
expect_grep "$first: done" "$T/out" "15.6: done says so"
at 2027-01-21 drop "$second" --note "the customer asked to wait until March"
expect_rc 0 "15.6: dropped with a reason"
at 2027-01-22 done "$last"
expect_rc 0 "15.6: done without an outcome"
at 2027-01-22 done "$last" --note ""
expect_rc 2 "15.6: an empty outcome is refused"
at 2027-01-22 done "$last" --note "$(printf 'bad\033[2J')"
expect_rc 65 "15.6: an outcome with control characters is refused"
at 2027-01-22 done NOPE-99 --note "x"
expect_rc 1 "15.6: done on an activity that is not there"

# The plan of the quarter being worked through is the saved one, with its
# progress, in JSON ...
at 2027-01-25 plan --format json
expect_rc 0 "15.6: plan, a week later"
expect_grep "note: the plan saved on " "$T/err" "15.6: it says the saved plan is shown"
expect_json "[a['ref'] for a in d['activities']] == $(python3 -c 'import json,sys; print([a["ref"] for a in json.load(open(sys.argv[1]))["activities"]])' "$T/saved.json")" "15.6: the activities as saved, in the plan's order"
expect_json "[(a['status'], a['done_on'], a['outcome']) for a in d['activities'] if a['ref'] == '$first'] == [('done', '2027-01-20', 'VP briefed; the sponsor meeting is booked')]" "15.6: JSON: status, day and outcome"
expect_json "[a['status'] for a in d['activities'] if a['ref'] == '$second'] == ['dropped']" "15.6: JSON: dropped"
expect_json "[a['outcome'] for a in d['activities'] if a['ref'] == '$last'] == [None]" "15.6: JSON: no outcome said"
expect_json "d['progress']['done'] == 2 and d['progress']['dropped'] == 1 and d['progress']['to_do'] == len(d['activities']) - 3" "15.6: JSON: the counts"
expect_json "abs(d['progress']['done_hours'] - ($hours + [a['duration_hours'] for a in d['activities'] if a['ref'] == '$last'][0])) < 1e-9" "15.6: JSON: the hours done"
expect_json "d['progress']['overdue'] == len([a for a in d['activities'] if a['status'] == 'planned' and a['deadline'] < '2027-01-25'])" "15.6: JSON: what is overdue"
expect_json "all(a['accounts'] for a in d['activities']) and any(len(a['accounts']) > 1 for a in d['activities'])" "15.6: JSON: a group's accounts are kept"
expect_json "abs(d['planned_hours'] - sum(a['duration_hours'] for a in d['activities'] if a['status'] != 'dropped')) < 1e-9" "15.6: JSON: a dropped activity's hours are not planned"
# ... in text, Markdown and CSV ...
at 2027-01-25 plan --format text
expect_grep "QUARTERLY ACTIVITY PLAN: PROGRESS" "$T/out" "15.6: text: the heading says progress"
expect_grep "2 done, 1 dropped" "$T/out" "15.6: text: the progress line"
expect_grep "Status       done on 2027-01-20: VP briefed; the sponsor meeting is booked" "$T/out" "15.6: text: the activity's status"
at 2027-01-25 plan --format md
expect_grep "**Progress:** " "$T/out" "15.6: md: the progress line"
expect_grep "- **Status:** dropped: the customer asked to wait until March" "$T/out" "15.6: md: a dropped activity and why"
at 2027-01-25 plan --format csv
python3 - "$T/out" "$first" <<'EOF' && ok || bad "15.6: csv: the status, day and outcome columns"
import csv, sys
rows = {r["ref"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
r = rows[sys.argv[2]]
sys.exit(0 if (r["status"], r["done_on"], r["outcome"]) == ("done", "2027-01-20", "VP briefed; the sponsor meeting is booked") else 1)
EOF
at 2027-01-25 plan --format ics
expect_grep "STATUS:CANCELLED" "$T/out" "15.6: ics: a dropped activity is cancelled"
# ... and the same with the quarter named; --fresh makes a new one.
at 2027-01-25 plan --quarter 2027-Q1 --format json
expect_json "d['progress']['done'] == 2" "15.6: --quarter of the saved plan: its progress"
at 2027-01-25 plan --fresh --format json
expect_json "'progress' not in d and all('status' not in a for a in d['activities'])" "15.6: --fresh: a new plan"
expect_no_grep "plan saved on" "$T/err" "15.6: --fresh says nothing of the saved plan"
at 2027-04-05 plan --format json
expect_json "'progress' not in d" "15.6: after the quarter, a new plan"

# Reopen: planned again, the day goes, the outcome stays.
at 2027-01-26 reopen "$first"
expect_rc 0 "15.6: reopen"
expect_grep "$first: planned" "$T/out" "15.6: reopen says so"
at 2027-01-26 plan --format json
expect_json "[(a['status'], a['done_on'], a['outcome']) for a in d['activities'] if a['ref'] == '$first'] == [('planned', None, 'VP briefed; the sponsor meeting is booked')]" "15.6: reopened: planned, no day, the outcome kept"
at 2027-01-26 reopen "$first" --note x
expect_rc 2 "15.6: reopen takes no note"

# Saving again carries the status, the day and the outcome over.
at 2027-01-27 done "$first" --note "renewal call held"
"$CSM" --db "$DB" --as-of 2027-01-01 plan --save >/dev/null 2>"$T/err"
at 2027-01-27 plan --format json
expect_json "[(a['status'], a['done_on'], a['outcome']) for a in d['activities'] if a['ref'] == '$first'] == [('done', '2027-01-27', 'renewal call held')]" "15.6: saved again: the outcome and the day carried over"
run done NOPE-99
expect_rc 1 "15.6: done with a reference the saved plan lacks"
expect_grep "no activity NOPE-99 in the saved plan" "$T/err" "15.6: and says which"

# One owner's activities of the saved plan (15.5), with their own totals.
client=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([a["client"] for a in d["activities"] if a["ref"] == sys.argv[2]][0])' "$T/saved.json" "$first")
run set "$client" owner="Dana Reyes"
expect_rc 0 "15.5: an owner set"
run activities --owner "dana reyes" --format json
expect_rc 0 "15.5: activities --owner"
expect_json "len(d) >= 1 and all(a['client'] == '$client' or '$client' in (a.get('accounts') or []) for a in d) and '$first' in [a['ref'] for a in d]" "15.5: activities --owner: that owner's accounts only"
# A group session serves each of its accounts: the owner of one sees it.
group=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); g=[a for a in d["activities"] if len(a.get("accounts") or []) > 1][-1]; print(g["ref"] + "|" + g["accounts"][-1])' "$T/saved.json")
run set "${group#*|}" owner="Lee Park"
run activities --owner "Lee Park" --format json
expect_json "'${group%|*}' in [a['ref'] for a in d]" "15.5: activities --owner: a group session with one of the owner's accounts"
run plan --owner "Lee Park" --format json
expect_json "'${group%|*}' in [a['ref'] for a in d['activities']]" "15.5: plan --owner: the same group session"
run activities --owner "Nobody Here" --format table
expect_rc 0 "15.5: activities of an owner with no account"
expect_grep "No activity of the owner's accounts in the saved plan." "$T/out" "15.5: and says so, not 'no saved plan'"
expect_grep "no account has the owner 'Nobody Here'" "$T/err" "15.5: and names the owner"
run plan --format markdown
expect_rc 0 "plan --format markdown is md"
run plan --format md
cp "$T/out" "$T/md"
run plan --format markdown
expect_out "$T/md" "plan --format markdown writes what md writes"

finish
