# Nothing lost, nothing leaked, nothing injected: faults and hostile input.
. "$(dirname "$0")/lib.sh"

count() { "$CSM" --db "$1" --as-of 2027-01-01 list --format csv 2>/dev/null | tail -n +2 | wc -l; }
checked() { "$CSM" --db "$1" check >/dev/null 2>&1; }

# A book big enough for an import to take a while.
awk 'BEGIN { print "Client,ACV,Renewal,Product,Satisfaction,Support,Sponsorship";
  for (i = 1; i <= 400000; i++) printf "\"Big %d, Ltd\",%d,%d,%d,%d,%d,%d\n", i, 1000 + i, i % 12, i % 101, (i * 7) % 101, (i * 3) % 101, (i * 5) % 101 }' >"$T/big.csv"

# Private files whatever the umask.
(umask 000
 "$CSM" --db "$T/u/p.db" --as-of 2027-01-01 import "$SAMPLE" >/dev/null
 "$CSM" --db "$T/u/p.db" backup "$T/u/backup.db" >/dev/null
 "$CSM" --db "$T/u/p.db" --as-of 2027-01-01 list --format csv --output "$T/u/list.csv"
 cp "$FIX/import/skip_bad.csv" "$T/u/s.csv"
 "$CSM" --db "$T/u/p.db" --as-of 2027-01-01 import --skip-bad "$T/u/s.csv" >/dev/null 2>&1)
for f in p.db backup.db list.csv s.csv.rejects.csv; do
  [ "$(stat -c %a "$T/u/$f" 2>/dev/null)" = 600 ] && ok || bad "umask 000: $f is $(stat -c %a "$T/u/$f" 2>/dev/null)"
done
[ "$(stat -c %a "$T/u")" = 700 ] && ok || bad "umask 000: the folder is $(stat -c %a "$T/u")"
ls "$T/u" | grep -q tmp && bad "a temporary file was left behind" || ok

# kill -9 at known points of an import, seen from its files, not from a
# clock: once it has opened the book (its -wal file is there), once its
# transaction spills pages into the -wal, and once the -wal holds most of
# the book (the commit, or just after it). At each point the import is
# stopped first and a reader looks; after the kill the book is exactly what
# that reader saw (before the commit: the 15 accounts it had), and sound.
alive() { s=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) && [ "$s" != Z ]; }
KDB="$T/kill.db"
wal_over() { s=$(stat -c %s "$KDB-wal" 2>/dev/null) && [ "$s" -ge "$1" ]; }
"$CSM" --db "$KDB" --as-of 2027-01-01 import "$SAMPLE" >/dev/null
for point in "0 opened 15" "1 spilling 15" "33554432 committing any"; do
  set -- $point
  "$CSM" --db "$KDB" --as-of 2027-01-02 import "$T/big.csv" >/dev/null 2>&1 &
  pid=$!
  while alive "$pid" && ! wal_over "$1"; do sleep 0.01; done
  kill -STOP "$pid" 2>/dev/null
  if ! alive "$pid"; then
    wait "$pid" 2>/dev/null
    bad "kill -9 $2: the import ended before its -wal reached $1 bytes: the test needs a bigger file"
    continue
  fi
  seen=$(count "$KDB")
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  { [ "$3" = any ] || [ "$seen" = "$3" ]; } && ok || bad "kill -9 $2: a reader saw $seen accounts while it was stopped, not $3"
  checked "$KDB" && ok || bad "integrity after kill -9 $2"
  n=$(count "$KDB")
  [ "$n" = "$seen" ] && ok || bad "after kill -9 $2 the book has $n accounts; a reader saw $seen before the kill"
  [ -n "${KILL_LOG:-}" ] && echo "kill -9 $2: a reader saw $seen, after the kill $n" >>"$KILL_LOG"
done
run import "$SAMPLE"

# Two imports at once, and a reader meanwhile: all work, nothing is lost.
awk 'BEGIN { print "Client,Product"; for (i = 1; i <= 30000; i++) printf "A%d,50\n", i }' >"$T/a.csv"
awk 'BEGIN { print "Client,Product"; for (i = 1; i <= 30000; i++) printf "B%d,60\n", i }' >"$T/b.csv"
"$CSM" --db "$DB" --as-of 2027-01-03 import "$T/a.csv" >"$T/a.out" 2>&1 & pa=$!
"$CSM" --db "$DB" --as-of 2027-01-03 import "$T/b.csv" >"$T/b.out" 2>&1 & pb=$!
"$CSM" --db "$DB" --as-of 2027-01-03 list --format csv >"$T/reader.out" 2>&1; rc=$?
expect_rc 0 "a reader during two imports"
wait "$pa"; ra=$?; wait "$pb"; rb=$?
[ "$ra" = 0 ] && [ "$rb" = 0 ] && ok || bad "concurrent imports: exit $ra and $rb: $(cat "$T/a.out" "$T/b.out")"
n=$(count "$DB")
[ "$n" = 60015 ] && ok || bad "concurrent imports: $n accounts, not 60015"

# A consistent copy while another process writes.
"$CSM" --db "$DB" --as-of 2027-01-04 import "$T/big.csv" >/dev/null 2>&1 & pw=$!
run backup "$DB"
expect_rc 73 "backup onto the database itself is refused (73: not where asked)"
checked "$DB" && ok || bad "the database survived a backup onto itself"
run backup "$T/no/such/folder/b.db"
expect_rc 74 "backup into a missing folder"
run backup "$T/during.db"
expect_rc 0 "backup while an import runs"
wait "$pw"
checked "$T/during.db" && ok || bad "the copy taken during an import is sound"
n=$(count "$T/during.db")
{ [ "$n" = 60015 ] || [ "$n" = 460015 ]; } && ok || bad "the copy holds a whole state, not half an import ($n)"

# A full disk (a file size limit): a clear message, exit 74, the book intact.
cp "$SAMPLE" "$T/s2.csv"
"$CSM" --db "$T/full.db" --as-of 2027-01-01 import "$T/s2.csv" >/dev/null
(ulimit -f 400; "$CSM" --db "$T/full.db" --as-of 2027-01-02 import "$T/big.csv") >"$T/out" 2>"$T/err"; rc=$?
expect_rc 74 "disk full"
expect_grep "csm: " "$T/err" "disk full message"
checked "$T/full.db" && ok || bad "integrity after a full disk"
[ "$(count "$T/full.db")" = 15 ] && ok || bad "a full disk changed the book"

# A database someone else owns, readable but not writable by us.
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  mkdir -p "$T/ro" && cp "$T/full.db" "$T/ro/p.db" && chmod 755 "$T/ro" && chmod 644 "$T/ro/p.db" && chmod 755 "$T"
  setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp "$CSM" --db "$T/ro/p.db" --as-of 2027-01-01 \
    import "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
  expect_rc 74 "read-only database"
  expect_grep "csm: " "$T/err" "read-only message"
  setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp "$CSM" --db "$T/ro/p.db" --read-only \
    --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
  expect_rc 0 "--read-only reads a database it cannot write"
  chmod 700 "$T"
else
  chmod 444 "$T/full.db"
  ok; ok; ok  # as a normal user the permission bits alone make it read-only; checked below
  chmod 600 "$T/full.db"
fi
run --read-only import "$SAMPLE"
expect_rc 2 "--read-only refuses an import"
mkdir -p "$T/adir.db"
"$CSM" --db "$T/adir.db" list >"$T/out" 2>"$T/err"; rc=$?
expect_rc 74 "a folder where the database should be"
printf 'SQLite format 2? no, just text\n%.0s' $(seq 1 100) >"$T/text.db"
"$CSM" --db "$T/text.db" list >"$T/out" 2>"$T/err"; rc=$?
expect_rc 74 "a file that is not a database"
expect_grep "not a csm database" "$T/err" "not a database message"

# Older schemas are upgraded in one go, after a copy beside them.
for v in 1 2 3 4 5 6; do
  sqlite3 "$T/v$v.db" <"$FIX/schema/v$v.sql"
  "$CSM" --db "$T/v$v.db" --as-of 2027-01-01 list --format json >"$T/out" 2>"$T/err"; rc=$?
  expect_rc 0 "schema $v upgraded"
  expect_json 'len(d) == 15 and [a["health"] for a in d] == [78,70,84,53,70,45,77,63,47,52,80,41,60,52,74] and [a for a in d if a["name"] == "Customer 11"][0]["nps"] == 9' "schema $v: the book survives"
  [ "$(stat -c %a "$T/v$v.db.schema$v.bak" 2>/dev/null)" = 600 ] && ok || bad "schema $v: no private copy before the upgrade"
  "$CSM" --db "$T/v$v.db" --as-of 2027-01-01 show "Customer 11" --format json >"$T/out" 2>/dev/null
  expect_json 'len(d["history"]) == 2 and d["notes"][0]["text"] == "Champion keen on a case study"' "schema $v: history and notes kept"
  checked "$T/v$v.db" && ok || bad "schema $v: sound after the upgrade"
  sqlite3 "$T/v$v.db" "PRAGMA user_version" | grep -qx 7 && ok || bad "schema $v: not at version 7"
done
"$CSM" --db "$T/v2.db" --as-of 2027-01-01 activities --format json >"$T/out"
expect_json 'any(a["ref"] == "RET-01" and a["status"] == "done" for a in d)' "schema 2: the saved plan survives"
"$CSM" --db "$T/v6.db" --as-of 2027-01-10 plan --format json >"$T/out" 2>/dev/null
expect_json '[(a["status"], a["done_on"], a["outcome"]) for a in d["activities"] if a["ref"] == "RET-01"] == [("done", None, None)] and d["progress"]["done"] == 1' "schema 6: the saved plan reports its progress after the upgrade"
# A schema 5 import's journal (its replaced snapshots kept as JSON) still undoes.
"$CSM" --db "$T/v5.db" --as-of 2027-01-01 imports --undo 3 >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "schema 5: an import from before the upgrade is undone"
"$CSM" --db "$T/v5.db" --as-of 2027-01-01 show "Customer 1" --format json >"$T/out" 2>/dev/null
expect_json 'len(d["history"]) == 2 and d["health"] == 78' "schema 5: the undo put back the snapshot the import replaced"
checked "$T/v5.db" && ok || bad "schema 5: sound after the undo"

# Hostile names: control characters never reach a terminal or a text report,
# and spreadsheet formulas are neutralised.
printf 'Client,ACV,Renewal,Product,Satisfaction,Support,Sponsorship\n"Evil\033[2J\033]0;pwned\007 Co",1000,1,20,20,20,20\n"=cmd|'"'"'/C calc'"'"'!A0",1000,2,20,20,20,20\n"+SUM(1)",1000,2,80,90,80,80\n"@hyper",1000,2,90,90,90,90\n"-2+3",1000,1,30,30,30,30\n' >"$T/evil.csv"
"$CSM" --db "$T/evil.db" --as-of 2027-01-01 import "$T/evil.csv" >/dev/null 2>&1; rc=$?
expect_rc 0 "hostile names import (as data)"
esc=$(printf '\033'); bel=$(printf '\007')
for cmd in "list --format table" "list --format csv" "flags --format table" "flags --format csv" "plan" "plan --format md" "plan --format csv" "show Evil" "export --format csv" "activities"; do
  "$CSM" --db "$T/evil.db" --as-of 2027-01-01 $cmd >"$T/out" 2>&1
  if grep -q "$esc\|$bel" "$T/out"; then bad "$cmd: a control character reached the output"; else ok; fi
done
"$CSM" --db "$T/evil.db" --as-of 2027-01-01 show "$(printf 'Evil\033[2J\033]0;pwned\007 Co')" >"$T/out" 2>&1
expect_grep "Evil?[2J?]0;pwned? Co" "$T/out" "show prints the name made safe"
for cmd in "list --format csv" "flags --format csv" "plan --format csv" "export --format csv"; do
  "$CSM" --db "$T/evil.db" --as-of 2027-01-01 $cmd >"$T/out" 2>&1
  python3 - "$T/out" <<'PY' && ok || bad "$cmd: a formula cell was not neutralised"
import csv, sys
for row in csv.reader(open(sys.argv[1], newline="")):
    for cell in row:
        if cell and cell[0] in "=+@" :
            sys.exit(1)
        if cell.startswith("-") and not cell.lstrip("-").replace(".", "").isdigit():
            sys.exit(1)
PY
done
"$CSM" --db "$T/evil.db" --as-of 2027-04-01 list --format csv >"$T/out"
grep -q ',-[0-9],' "$T/out" && ok || bad "negative numbers stay numbers in CSV"

finish
