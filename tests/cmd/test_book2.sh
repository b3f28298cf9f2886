# A second book, of another company (Ledgerline, 26 accounts, three monthly
# exports): one account per rule of the flags, each asserted with its
# severity. The exports are in tests/fixtures/ledgerline.
. "$(dirname "$0")/lib.sh"

L="$FIX/ledgerline"
# This book is read as of its last export, in the second quarter.
run() {
  "$CSM" --db "$DB" --as-of 2027-04-01 "$@" >"$T/out" 2>"$T/err"
  rc=$?
}
for d in 2027-02-01 2027-03-01 2027-04-01; do
  "$CSM" --db "$DB" --as-of $d import "$L/ledgerline-$d.csv" >"$T/out" 2>"$T/err"; rc=$?
  expect_rc 0 "import of the export of $d"
done
run flags --format csv
expect_rc 0 "flags of the second book"
F="$T/flags.csv"
cp "$T/out" "$F"

flag() { # ACCOUNT KIND SEVERITY REASON-FRAGMENT LABEL
  if awk -F, -v a="$1" -v k="$2" -v s="$3" '$1 == a && $2 == k && $3 == s { found = 1 } END { exit !found }' "$F" &&
     grep -F -- "$1,$2,$3," "$F" | grep -qF -- "$4"; then ok
  else bad "$5: no '$2 $3' flag on $1 saying '$4': $(grep -F -- "$1," "$F" | head -3)"; fi
}
noflag() { # ACCOUNT KIND LABEL
  if awk -F, -v a="$1" -v k="$2" '$1 == a && $2 == k { found = 1 } END { exit found }' "$F"; then ok
  else bad "$3: $1 has a $2 flag: $(grep -F -- "$1,$2" "$F")"; fi
}

# Churn: each signal, and the severity it earns with its ACV and renewal.
flag "Alder & Finch Foods" churn high "health 45 is red" "red health"
flag "Brightwater Dental Group" churn high "renewal date 2027-03-15 has passed" "a lapsed renewal is high, whatever the size"
flag "Cobalt Freight" churn low "renewal in 7 weeks with health 62 (amber)" "amber at the renewal, a mid-sized account"
flag "Dunmore Hotels" churn medium "product usage fell 30% in 31 days (80 -> 56)" "usage drop across a monthly export"
flag "Elmstead Veterinary" churn medium "declining, with renewal in 4 months" "declining near the renewal"
flag "Fennick Labs" churn low "health 17 points below its recent peak" "a fall from the peak, first and last alike"
flag "Greyhaven Studios" churn medium "declining in its first year: an onboarding risk" "first-year decline"
flag "Halcyon Clinics" churn low "NPS 5: a detractor" "a detractor"
flag "Ironbridge Partners" churn medium "NPS 4 on a green health of 84: the score hides a detractor" "a detractor on green"
flag "Ironbridge Partners" expansion low "fix sentiment first" "never grow a detractor"
flag "Juniper Outdoor" churn medium "KPI fell 20% since onboarding (100 -> 80), with renewal in 2 months" "KPI fall near renewal"
flag "Kestrel Insurance" churn medium "KPI fell 15% since onboarding (100 -> 85)" "KPI fall, with a weak sponsor"
flag "Lumen Architects" churn low "health uncertain: based on 50% of the model; collect product" "low coverage, a flag of its own"
noflag "Lumen Architects" advocacy "low coverage is never a candidate"
noflag "Lumen Architects" expansion "low coverage is never a target"
flag "Marlow Retail" churn low "decision maker not senior (sponsorship 38)" "weak satisfaction and sponsorship"
flag "Northgate Schools" churn medium "no satisfaction data, with renewal in 3 months" "no survey near renewal"
flag "Orchard Credit Union" churn low "your pulse is red but health is green" "the CSM's pulse"
# The same signals on $250,000 and on $8,000: in proportion.
flag "Pinecrest Health System" churn high "NPS 6: a detractor" "a large account at risk is high"
flag "Quayside Bakery" churn low "NPS 6: a detractor" "the same signals on a small account are low"
# Growth and advocacy.
flag "Redwood Logistics" expansion high "NPS 9: a promoter" "an improving promoter"
flag "Silverline Media" advocacy high "KPI up 50% since onboarding (80 -> 120): measured proof" "a KPI-proven candidate first"
flag "Tamsin & Rowe Legal" advocacy medium "pending proof: no KPI recorded" "no KPI: pending proof"
flag "Umber Aerospace" advocacy low "an anonymised story only (a backup)" "anonymised only: the backup"
noflag "Vantage Pharmacies" advocacy "MSA restricted, no anonymised story"
noflag "Wexford Analytics" advocacy "asked within the last twelve months"
noflag "Yarrow Home Care" churn "a quiet account"
noflag "Zephyr Energy" expansion "renewing next month: no time to build a case"

# Why not, in words.
run show "Vantage Pharmacies"
expect_grep "a case-study candidate: MSA restricts the name, no anonymised story" "$T/out" "why not: the MSA"
run show "Wexford Analytics"
expect_grep "a case-study candidate: asked for advocacy on 2026-12-10, within 12 months" "$T/out" "why not: asked recently"
run show "Pinecrest Health System"
expect_grep "Risk        " "$T/out" "show gives the risk"
expect_grep "  20  NPS 6: a detractor" "$T/out" "show gives each signal's points"
run show "Pinecrest Health System" --format json
expect_json 'd["risk_detail"]["severity"] == "high" and sum(s["points"] for s in d["risk_detail"]["signals"]) == d["risk_detail"]["points"]' "show json: the risk's parts add up"
run flags --format json
expect_json '[f["risk"] for f in d if f["kind"] == "churn"] == sorted([f["risk"] for f in d if f["kind"] == "churn" and f["severity"] == "high"], reverse=True) + sorted([f["risk"] for f in d if f["kind"] == "churn" and f["severity"] == "medium"], reverse=True) + sorted([f["risk"] for f in d if f["kind"] == "churn" and f["severity"] == "low"], reverse=True)' "churn flags by severity, then risk"
expect_json 'all("risk" not in f for f in d if f["kind"] != "churn")' "risk only on churn flags"
finish
