# csm list on a book with what breaks writers: quotes and commas in names,
# a name that a spreadsheet would run, a line break, wide letters, a cent
# amount, an amount beyond 32 bits, missing values of every kind, every
# attribute set, and a history. The expected files are what csm wrote
# without the column table (main at 9746ba3), byte for byte.
. "$(dirname "$0")/lib.sh"
LFIX="$FIX/list"

"$CSM" --db "$DB" --as-of 2026-10-01 import "$LFIX/history.csv" >/dev/null 2>&1
run import "$LFIX/tricky.csv"
expect_rc 0 "import the tricky book"

run list --format csv
expect_rc 0 "list --format csv"
expect_out "$EXP/list-tricky.csv" "list csv: quoting, formulas, missing values, cents"
run list --format json
expect_rc 0 "list --format json"
expect_out "$EXP/list-tricky.json" "list json: the contract's fields, then every attribute"
expect_json 'all(set(x) >= {"name","segment","acv","term_years","renewal_date","months_to_renewal","trend","health","health_band","components","flags"} for x in d)' "json keys"
expect_json '{x["name"]: x["acv"] for x in d}["Acme, Inc"] == 1234.56 and {x["name"]: x["acv"] for x in d}["-minus"] == 25000000000' "json amounts"
run list --format table
expect_rc 0 "list --format table"
expect_out "$EXP/list-tricky.txt" "list table: widths and cells of the interface"

# The CSV header is the columns' fields, in the columns' order.
run list --format csv
expect_grep "name,segment,term_years,acv,renewal_date,months_to_renewal,trend,health,health_band,product,satisfaction,support,sponsorship,owner,nps,coverage_pct,last_touch,touch_due,flags,stale" "$T/out" "csv header: owner, NPS and coverage are columns"

# Another model: one column a component, in CSV and JSON.
cat >"$T/playbook.json" <<'JSON'
{"model": "playbook"}
JSON
"$CSM" --db "$DB" --config "$T/playbook.json" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "list under the playbook model"
head -1 "$T/out" >"$T/head"
expect_grep "health_band," "$T/head" "playbook header"
"$CSM" --db "$DB" --config "$T/playbook.json" --as-of 2027-01-01 list --format json >"$T/out" 2>"$T/err"
expect_json 'len(d[0]["components"]) == 4 and all(k == k.lower() for k in d[0]["components"])' "playbook components"
# Names in natural order, as the interface sorts them: Customer 2 before
# Customer 10, case and leading zeros aside; the same in every format.
NDB="$T/natural.db"
cat >"$T/natural.csv" <<'CSV'
Client,Term,ACV,Renewal,Trend,Health,Product,Satisfaction,Support,Sponsorship
Customer 10,1,10000,3,Up,,50,50,50,50
customer 2,1,10000,3,Up,,50,50,50,50
Customer 1,1,10000,3,Up,,50,50,50,50
Customer 9b,1,10000,3,Up,,50,50,50,50
Beta,1,10000,3,Up,,50,50,50,50
Customer 100,1,10000,3,Up,,50,50,50,50
CSV
"$CSM" --db "$NDB" --as-of 2027-01-01 import "$T/natural.csv" >/dev/null 2>&1
"$CSM" --db "$NDB" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "list a book of numbered names"
cut -d, -f1 "$T/out" | tail -n +2 | tr '\n' '|' >"$T/names"
expect_grep "Beta|Customer 1|customer 2|Customer 9b|Customer 10|Customer 100|" "$T/names" "csv: names in natural order"
"$CSM" --db "$NDB" --as-of 2027-01-01 list --format json >"$T/out" 2>"$T/err"
expect_json '[x["name"] for x in d] == ["Beta", "Customer 1", "customer 2", "Customer 9b", "Customer 10", "Customer 100"]' "json: names in natural order"
"$CSM" --db "$NDB" --as-of 2027-01-01 list --format table >"$T/out" 2>"$T/err"
awk 'NR > 1 { print $1 " " $2 }' "$T/out" | tr '\n' '|' >"$T/names"
expect_grep "Beta SMB|Customer 1|customer 2|Customer 9b|Customer 10|Customer 100|" "$T/names" "table: names in natural order"

# --owner NAME: list, flags and plan of one owner's accounts, the name
# matched as names are (case and accents folded); the flags as the whole
# book made them.
ODB="$T/owners.db"
"$CSM" --db "$ODB" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null 2>&1
o() { "$CSM" --db "$ODB" --as-of 2027-01-01 "$@" >"$T/out" 2>"$T/err"; rc=$?; }
o set "Customer 6" owner="José Díaz" nps=3
o set "Customer 3" owner="jose  diaz"
o set "Customer 1" owner="Ann Lee" nps=10
o flags --format json
cp "$T/out" "$T/flags-all.json"
o list --owner "JOSE DIAZ" --format csv
expect_rc 0 "list --owner"
cut -d, -f1 "$T/out" | tr '\n' '|' >"$T/names"
expect_grep "name|Customer 3|Customer 6|" "$T/names" "list --owner: that owner's accounts, case and accents folded"
expect_grep "José Díaz,3,100,,yes,churn" "$T/out" "list csv: owner, nps and coverage_pct in the columns' order"
o list --owner "ann lee" --format json
expect_json '[(x["name"], x["owner"], x["nps"], x["coverage_pct"]) for x in d] == [("Customer 1", "Ann Lee", 10, 100)]' "list --owner json: owner, nps, coverage_pct"
o list --owner=nobody --format csv
expect_rc 0 "list --owner with no account"
expect_grep "no account has the owner 'nobody'" "$T/err" "an owner nobody has is said"
[ "$(wc -l <"$T/out")" = 1 ] && ok || bad "list --owner nobody: the header only"
o flags --owner "josé díaz" --format json
expect_rc 0 "flags --owner"
expect_json '[(x["account"], x["kind"]) for x in d] == [("Customer 6", "churn"), ("Customer 3", "expansion")]' "flags --owner: that owner's flags"
python3 -c '
import json, sys
a = {(x["account"], x["kind"]): x for x in json.load(open(sys.argv[1]))}
b = json.load(open(sys.argv[2]))
sys.exit(0 if all(a[(x["account"], x["kind"])] == x for x in b) else 1)' "$T/flags-all.json" "$T/out" && ok ||
  bad "flags --owner: each flag as the whole book has it"
o plan --owner "Jose Diaz" --format json
expect_rc 0 "plan --owner"
expect_json 'len(d["activities"]) > 0 and all(set(x["accounts"]) <= {"Customer 6", "Customer 3"} for x in d["activities"] + d["deferred"])' "plan --owner: activities of that owner's accounts only"
o plan --owner "Jose Diaz" --save
expect_rc 2 "plan --owner --save is refused"
expect_grep "would replace the quarter's plan" "$T/err" "plan --owner --save says why"
o plan --save --format json
o plan --owner "ann lee" --format json
expect_json 'len(d["activities"]) > 0 and all("Customer 1" in x["accounts"] for x in d["activities"])' "plan --owner over a saved plan: the saved activities of that owner's accounts"
expect_grep "with its progress" "$T/err" "plan --owner over a saved plan: the saved plan"
o list --owner "$(printf 'bad\377')" --format csv
expect_rc 2 "--owner that is not UTF-8"

# --help names every global option, --read-only and --no-mouse too.
run --help
expect_rc 0 "csm --help"
for o in --db --config --as-of --read-only --no-mouse --help --version; do
  expect_grep " $o " "$T/out" "--help lists $o"
done
# Four months and nineteen days: the Renews cell, show, the reasons and
# months_to_renewal count whole months alike ("4 mo", "in 4 months", 4),
# as the bands do; no rounded "5 months" beside them.
printf 'Client,ACV,Renewal Date,Product,Satisfaction,Support,Sponsorship\nMay Co,50000,2027-05-20,30,30,30,30\n' >"$T/may.csv"
"$CSM" --db "$T/may.db" --as-of 2027-01-01 import "$T/may.csv" >/dev/null 2>&1
"$CSM" --db "$T/may.db" --as-of 2027-01-01 list --format table >"$T/out" 2>"$T/err"
expect_grep "   4 mo " "$T/out" "the Renews cell: 4 months 19 days are 4 months"
"$CSM" --db "$T/may.db" --as-of 2027-01-01 show "May Co" >"$T/out" 2>"$T/err"
expect_grep "Renewal     2027-05-20, in 4 months (amber)" "$T/out" "show: the same months"
expect_grep "renewal in 4 months" "$T/out" "the risk's parts: the same months"
expect_no_grep "5 months" "$T/out" "show: no rounded count beside them"
"$CSM" --db "$T/may.db" --as-of 2027-01-01 flags --format json >"$T/out" 2>"$T/err"
expect_json 'd[0]["months_to_renewal"] == 4' "months_to_renewal: the same months"

run list --help
expect_grep "--read-only" "$T/out" "a command's --help names --read-only"
expect_grep "--no-mouse" "$T/out" "a command's --help names --no-mouse"
finish
