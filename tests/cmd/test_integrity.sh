# Nothing a user recorded is lost or silently overwritten (issue 12): one
# check per item, each named by its item.
. "$(dirname "$0")/lib.sh"

count() { "$CSM" --db "$1" --as-of 2027-01-01 list --format csv 2>/dev/null | tail -n +2 | wc -l; }

# item 8: an in-memory database keeps nothing: refused at the command line.
for db in ':memory:' 'file:x.db?mode=memory' 'file:p.db' ''; do
  (cd "$T" && "$CSM" --db "$db" --as-of 2027-01-01 import "$SAMPLE") >"$T/out" 2>"$T/err"; rc=$?
  expect_rc 2 "item 8: --db '$db' is refused"
  expect_grep "csm: --db" "$T/err" "item 8: --db '$db' says why"
done
(cd "$T" && CSM_DB=':memory:' "$CSM" --as-of 2027-01-01 import "$SAMPLE") >"$T/out" 2>"$T/err"; rc=$?
expect_rc 2 "item 8: CSM_DB=:memory: is refused"
expect_grep "csm: CSM_DB ':memory:' would keep nothing" "$T/err" "item 8: CSM_DB=:memory: says why"
ls "$T" | grep -q 'file:\|mode=memory' && bad "item 8: a stray file was left" || ok

# item 13: a time after a date must be a time; --as-of stays inside the
# years csm plans in; a last advocacy ask cannot come after --as-of.
run import "$SAMPLE"
for d in 2027-01-01T 2027-01-01Tgarbage 2027-01-01T25:00:00 "2027-01-01 10:61" "1/31/2027 garbage" "1/31/2027 25:00" "2027-01-01T10:00+2"; do
  printf 'Client,Renewal Date\nCustomer 1,%s\n' "$d" >"$T/d.csv"
  run import "$T/d.csv"
  expect_rc 65 "item 13: renewal '$d' is refused"
  expect_grep "column 'Renewal Date': is not a date" "$T/err" "item 13: renewal '$d' message"
done
for d in 2027-03-05T00:00:00Z "2027-03-05 10:30" 2027-03-05T10:30:00.123+02:00 2027-03-05T23:59:59-0500 "3/15/2027 0:00" "3/15/2027 12:00:00 AM"; do
  printf 'Client,Renewal Date\nCustomer 1,%s\n' "$d" >"$T/d.csv"
  run import "$T/d.csv"
  expect_rc 0 "item 13: renewal '$d' is a date"
done
for day in 9999-12-31 9991-01-01 1899-12-31 0001-01-01; do
  run --as-of "$day" plan --save
  expect_rc 2 "item 13: --as-of $day is refused"
  expect_grep "outside the years csm can plan in" "$T/err" "item 13: --as-of $day says why"
done
"$CSM" --db "$DB" --as-of 9990-12-31 plan --format json >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 13: --as-of 9990-12-31, the last day, plans"
expect_json 'd["start"] <= d["end"] and d["end"] < "9992"' "item 13: the last day's quarter ends after it starts"
printf 'Client,Last Advocacy Ask\nCustomer 1,2027-01-02\n' >"$T/ask.csv"
run import "$T/ask.csv"
expect_rc 65 "item 13: a last advocacy ask after --as-of is refused by import"
expect_grep "is after the as-of day 2027-01-01" "$T/err" "item 13: the import says why"
run set "Customer 1" last_advocacy_ask=2027-06-01
expect_rc 65 "item 13: a last advocacy ask after --as-of is refused by set"
run set "Customer 1" last_advocacy_ask=2026-06-01
expect_rc 0 "item 13: a past last advocacy ask is set"

finish
