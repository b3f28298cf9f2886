# The touch cadence (issue 15.11): a last touch from notes and done
# activities, the segment's cadence from the playbook (enterprise
# quarterly, mid-market semi-annual, SMB digital) making "touch due"
# visible in the list, the flags and the plan.
. "$(dirname "$0")/lib.sh"

acct() { # AS-OF NAME PYTHON-EXPR-over-a LABEL: one account of `list --format json`
  "$CSM" --db "$DB" --as-of "$1" list --format json >"$T/out" 2>"$T/err"
  expect_json "[a for a in d if a['name'] == '$2'] and (lambda a: $3)([a for a in d if a['name'] == '$2'][0])" "$4"
}

# One account of each segment, healthy and renewing next year; one at risk.
printf 'Client,Segment,ACV,Renewal Date,Product,Satisfaction,Support,Sponsorship\n%s\n%s\n%s\n%s\n' \
  'Ent,enterprise,150000,2027-12-01,85,85,85,85' \
  'Mid,mid-market,50000,2027-12-01,85,85,85,85' \
  'Small,smb,10000,2027-12-01,85,85,85,85' \
  'Risky,mid-market,60000,2027-02-20,40,40,40,40' >"$T/book.csv"
run import "$T/book.csv"
expect_rc 0 "import"

# Nothing recorded: every account is due, none has a last touch, and no
# flag says so (a book whose notes live elsewhere is not a risk).
"$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out"
expect_json 'all(a["last_touch"] is None and a["touch_due"] is True for a in d)' "no touch recorded: null and due"
"$CSM" --db "$DB" --as-of 2027-01-01 flags --format json >"$T/out"
expect_json '[f["account"] for f in d if f["kind"] == "churn"] == ["Risky"]' "the churn flags as before"
expect_no_grep "last touch" "$T/out" "no touch reason without a touch recorded"
"$CSM" --db "$DB" --as-of 2027-01-01 plan --format json >"$T/plan-new.json"

# Notes, each dated its as-of day.
"$CSM" --db "$DB" --as-of 2026-09-01 set Ent note="QBR held" >/dev/null
"$CSM" --db "$DB" --as-of 2026-10-15 set Ent note="follow-up call" >/dev/null
"$CSM" --db "$DB" --as-of 2026-06-01 set Mid note="semi-annual review" >/dev/null
"$CSM" --db "$DB" --as-of 2026-12-20 set Small note="webinar attended" >/dev/null
"$CSM" --db "$DB" --as-of 2026-05-01 set Risky note="kick-off" >/dev/null
acct 2027-01-01 Ent 'a["last_touch"] == "2026-10-15" and a["touch_due"] is False' "the latest note is the last touch"
"$CSM" --db "$DB" --as-of 2027-01-13 list --format csv >"$T/out"
python3 -c 'import csv,sys; r={x["name"]: x for x in csv.DictReader(open(sys.argv[1]))}; sys.exit(0 if (r["Ent"]["last_touch"], r["Ent"]["touch_due"]) == ("2026-10-15", "yes") else 1)' "$T/out" && ok || bad "list CSV: the last touch and touch due (the Touched column)"
acct 2027-01-12 Ent 'a["touch_due"] is False' "enterprise: not due on day 89"
acct 2027-01-13 Ent 'a["touch_due"] is True' "enterprise: due on day 90 (quarterly)"
acct 2026-11-29 Mid 'a["last_touch"] == "2026-06-01" and a["touch_due"] is False' "mid-market: not due on day 182 - 1"
acct 2026-11-30 Mid 'a["touch_due"] is True' "mid-market: due on day 182 (semi-annual)"
acct 2027-01-01 Small 'a["last_touch"] == "2026-12-20" and a["touch_due"] is False' "smb: touched"
# A book as of a past day counts the touches up to that day only.
acct 2026-09-30 Ent 'a["last_touch"] == "2026-09-01"' "a note after the as-of day does not count"
acct 2026-08-01 Ent 'a["last_touch"] is None and a["touch_due"] is True' "before the first note: none"

# In the flags: told on the churn flag, last, with no change to its risk.
run flags --format json
expect_json '[f["reasons"][-1] for f in d if f["account"] == "Risky" and f["kind"] == "churn"] == ["last touch 2026-05-01: the semi-annual business review is due (mid-market, every 182 days)"]' "the churn flag tells the touch due, last"
expect_json '[f["account"] for f in d if f["kind"] == "churn"] == ["Risky"]' "never noisier: no flag of its own for the quiet accounts due"
run flags
expect_grep "last touch 2026-05-01: the semi-annual business review is due" "$T/out" "the table's reasons"
run show Risky
expect_grep "last touch 2026-05-01: the semi-annual business review is due" "$T/out" "show tells it"

# A done activity is a touch too, on the day it was done.
"$CSM" --db "$DB" --as-of 2027-01-01 plan --save >/dev/null 2>&1
ref=$("$CSM" --db "$DB" --as-of 2027-01-01 plan --format json 2>/dev/null | python3 -c 'import json,sys; print([a["ref"] for a in json.load(sys.stdin)["activities"] if a.get("accounts", [a["client"]]) == ["Risky"]][0])')
"$CSM" --db "$DB" --as-of 2027-01-05 done "$ref" --note "recovery plan agreed" >/dev/null 2>&1
acct 2027-01-06 Risky 'a["last_touch"] == "2027-01-05" and a["touch_due"] is False' "a done activity is the last touch"
"$CSM" --db "$DB" --as-of 2027-01-06 flags --format json >"$T/out"
expect_no_grep "last touch" "$T/out" "touched: no longer told"
# A planned activity is not a touch.
acct 2027-01-06 Mid 'a["last_touch"] == "2026-06-01"' "a planned activity is no touch"

# The cadence is configurable; 0 turns a segment's off.
printf '{"flags": {"cadence_mid_market_days": 400, "cadence_smb_days": 0}}' >"$T/cadence.json"
"$CSM" --config "$T/cadence.json" --db "$DB" --as-of 2027-01-06 list --format json >"$T/out"
expect_json '[a["name"] for a in d if a["touch_due"]] == []' "flags.cadence_mid_market_days and cadence_smb_days"
printf '{"flags": {"cadence_enterprise_days": 3651}}' >"$T/bad.json"
"$CSM" --config "$T/bad.json" --db "$DB" --as-of 2027-01-06 list >"$T/out" 2>"$T/err"
rc=$?
expect_rc 65 "a cadence out of range is refused"
expect_grep "cadence_enterprise_days" "$T/err" "the message names the key"
run config
expect_json 'd["flags"]["cadence_enterprise_days"] == 90 and d["flags"]["cadence_mid_market_days"] == 182 and d["flags"]["cadence_smb_days"] == 182 and d["risk"]["touch_due"] == 0' "config prints the playbook's defaults"
# With points, silence is a signal of its own (a team's choice).
printf '{"risk": {"touch_due": 20}}' >"$T/points.json"
"$CSM" --config "$T/points.json" --db "$DB" --as-of 2027-01-13 flags --format json >"$T/out"
expect_json '"Ent" in [f["account"] for f in d if f["kind"] == "churn"]' "risk.touch_due makes a flag when set"

# The plan (on the sample book): without any touch recorded the book is
# new to the CSM, as before (a handover, introductions); a touch makes the
# account's light touch a check-in, and the book no longer new.
DB="$T/sample.db"
run import "$SAMPLE"
plan_of() { "$CSM" --db "$DB" --as-of 2027-01-01 plan --format json >"$T/out" 2>/dev/null; }
plan_of
expect_json '"Book handover and renewal triage" in [a["title"] for a in d["activities"]]' "no touch: the handover of a new book"
expect_json '[a["title"] for a in d["activities"] + d["deferred"] if a["accounts"] == ["Customer 14"] and a["title"] in ("Introduction call", "Check-in")] == ["Introduction call"]' "no touch: an introduction"
"$CSM" --db "$DB" --as-of 2026-11-01 set "Customer 14" note="quarterly call" >/dev/null
plan_of
expect_json '"Book handover and renewal triage" not in [a["title"] for a in d["activities"]]' "a touch recorded: the book is not new"
expect_json '[a["title"] for a in d["activities"] + d["deferred"] if a["accounts"] == ["Customer 14"] and a["title"] in ("Introduction call", "Check-in")] == ["Check-in"]' "the account touched gets a check-in, not an introduction"
expect_json 'len(d["activities"]) == 25 and {n for a in d["activities"] for n in a["accounts"]} >= {"Customer %d" % i for i in range(1, 16)}' "still 25 activities reaching all 15 accounts"
# The plan starts from what was known when its quarter began: work done in
# the quarter (a note, its own done activities) does not remake it.
cp "$T/out" "$T/plan-touched.json"
"$CSM" --db "$DB" --as-of 2027-01-12 set "Customer 15" note="renewal call" >/dev/null
"$CSM" --db "$DB" --as-of 2027-01-12 plan --quarter 2027-Q1 --format json >"$T/out" 2>/dev/null
cmp -s "$T/out" "$T/plan-touched.json" && ok || bad "a touch inside the quarter leaves its plan as it was"

finish
