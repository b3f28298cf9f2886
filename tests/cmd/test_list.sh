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
expect_json '[x["acv"] for x in d][:2] == [1234.56, 99999.99] and d[3]["acv"] == 25000000000' "json amounts"
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
finish
