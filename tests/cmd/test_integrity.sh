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

finish
