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
expect_grep "name,segment,term_years,acv,renewal_date,months_to_renewal,trend,health,health_band,product,satisfaction,support,sponsorship,flags" "$T/out" "csv header"

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

# --help names every global option, --read-only and --no-mouse too.
run --help
expect_rc 0 "csm --help"
for o in --db --config --as-of --read-only --no-mouse --help --version; do
  expect_grep " $o " "$T/out" "--help lists $o"
done
run list --help
expect_grep "--read-only" "$T/out" "a command's --help names --read-only"
expect_grep "--no-mouse" "$T/out" "a command's --help names --no-mouse"
finish
