# Nothing a user recorded is lost or silently overwritten (issue 12): one
# check per item, each named by its item.
. "$(dirname "$0")/lib.sh"

count() { "$CSM" --db "$1" --as-of 2027-01-01 list --format csv 2>/dev/null | tail -n +2 | wc -l; }
# fresh NAME: a database of its own for one item, holding the sample book,
# so that an item's failure cannot spill into the next.
fresh() { DB="$T/$1.db"; "$CSM" --db "$DB" --as-of 2027-01-01 import "$SAMPLE" >/dev/null 2>&1; }

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
fresh item13
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
for q in 9999-Q4 9991-Q1 1899-Q4 0001-Q1; do
  run plan --quarter "$q" --save
  expect_rc 2 "item 13: --quarter $q is refused"
  expect_grep "in the years 1900 to 9990" "$T/err" "item 13: --quarter $q says why"
done
run plan --quarter 9990-Q4 --format json
expect_json 'd["start"] == "9990-10-01" and d["end"] == "9990-12-31"' "item 13: --quarter 9990-Q4, the last, plans"
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

# item 1: no --output, rejects file or backup ever writes the database or
# its -wal, -shm and -journal files, however it is named.
fresh item1
sum=$(sha256sum "$DB" | cut -d' ' -f1)
ln -s "$DB" "$T/link.db"
ln "$DB" "$T/hard.db"
intact() { [ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$sum" ] && [ "$(count "$DB")" = 15 ] && ok || bad "item 1: $1 changed the database"; }
for cmd in list plan flags export show activities; do
  for target in "$DB" "$DB-wal" "$DB-shm" "$DB-journal" "$T/link.db" "$T/hard.db"; do
    if [ "$cmd" = show ]; then run show "Customer 6" --output "$target"; else run $cmd --output "$target"; fi
    expect_rc 73 "item 1: $cmd --output $(basename "$target") is refused"
    expect_grep "is the database itself" "$T/err" "item 1: $cmd --output $(basename "$target") says why"
  done
done
intact "--output"
"$CSM" --db "$T/link.db" --as-of 2027-01-01 list --output "$DB" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 73 "item 1: --output the file a symlinked --db names"
"$CSM" --db "$T/link.db" --as-of 2027-01-01 list --output "$DB-wal" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 73 "item 1: --output the -wal of the file a symlinked --db names"
for target in "$DB" "$DB-wal" "$T/link.db" "$T/hard.db"; do
  run backup "$target"
  expect_rc 73 "item 1: backup onto $(basename "$target") is refused"
done
printf 'Client,Product\nGood,50\nBad,500\n' >"$T/rej.csv"
run import --skip-bad --rejects "$DB" "$T/rej.csv"
expect_rc 73 "item 1: --rejects onto the database is refused"
run import --skip-bad --force --rejects "$T/link.db" "$T/rej.csv"
expect_rc 73 "item 1: --rejects onto a link to the database is refused, --force or not"
intact "backup and --rejects"
[ -L "$T/link.db" ] && ok || bad "item 1: the link to the database was replaced"

# item 9: --output to something that is not a regular file is written
# through; a link to a file writes the file; rejects files go where asked
# and never replace one without --force.
fresh item9
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv >"$T/list.csv"
mkfifo "$T/fifo"
timeout 10 cat "$T/fifo" >"$T/fifo.out" & reader=$!
run list --format csv --output "$T/fifo"
expect_rc 0 "item 9: --output a FIFO"
wait "$reader"
[ -p "$T/fifo" ] && ok || bad "item 9: the FIFO was replaced by a file"
cmp -s "$T/fifo.out" "$T/list.csv" && ok || bad "item 9: the FIFO's reader got the list"
if [ "$(id -u)" = 0 ]; then mknod "$T/null" c 1 3; dev="$T/null"; else dev=/dev/null; fi
run list --output "$dev"
expect_rc 0 "item 9: --output a character device"
[ -c "$dev" ] && ok || bad "item 9: the device was replaced by a file"
ln -s /proc/self/fd/1 "$T/fd1"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv --output "$T/fd1" >"$T/through.csv" 2>"$T/err"; rc=$?
expect_rc 0 "item 9: --output a link to /proc/self/fd/1"
[ -L "$T/fd1" ] && cmp -s "$T/through.csv" "$T/list.csv" && ok || bad "item 9: a link to fd 1 was written through"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv --output /dev/stdout | cat >"$T/through.csv"
cmp -s "$T/through.csv" "$T/list.csv" && ok || bad "item 9: --output /dev/stdout into a pipe"
echo old >"$T/real.csv"
ln -s real.csv "$T/tolink.csv"
run list --format csv --output "$T/tolink.csv"
expect_rc 0 "item 9: --output a link to a regular file"
[ -L "$T/tolink.csv" ] && cmp -s "$T/real.csv" "$T/list.csv" && ok || bad "item 9: the link's file was written, the link kept"
ln -s new.csv "$T/dangling.csv"
run list --format csv --output "$T/dangling.csv"
[ -L "$T/dangling.csv" ] && cmp -s "$T/new.csv" "$T/list.csv" && ok || bad "item 9: a dangling link's file was created"
[ "$(stat -c %a "$T/new.csv")" = 600 ] && ok || bad "item 9: the file a link names is private"
ls "$T" | grep -q 'tmp[A-Za-z0-9]\{6\}$' && bad "item 9: a temporary file was left" || ok
had=$(ls /dev/stdin.rejects.csv 2>/dev/null)
printf 'Client,Product\nGood,50\nBad,500\n' | "$CSM" --db "$DB" --as-of 2027-01-01 import --skip-bad /dev/stdin >"$T/out" 2>"$T/err"; rc=$?
expect_rc 2 "item 9: --skip-bad on standard input without --rejects"
expect_grep "needs --rejects FILE" "$T/err" "item 9: it says to name the rejects file"
if [ -z "$had" ] && [ -e /dev/stdin.rejects.csv ]; then
  bad "item 9: a rejects file was written into /dev"; rm -f /dev/stdin.rejects.csv  # the csm under test made it
else ok; fi
printf 'Client,Product\nGood,50\nBad,500\n' | "$CSM" --db "$DB" --as-of 2027-01-01 import --skip-bad --rejects "$T/stdin.rejects.csv" - >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 9: --skip-bad --rejects FILE on standard input"
grep -q '^Bad,500,' "$T/stdin.rejects.csv" && ok || bad "item 9: the rejected row is in the --rejects file"
cp "$T/rej.csv" "$T/r2.csv"
run import --skip-bad "$T/r2.csv"
expect_rc 0 "item 9: a first --skip-bad writes its rejects file"
echo "my notes" >>"$T/r2.csv.rejects.csv"
cp "$T/r2.csv.rejects.csv" "$T/keep.csv"
run import --skip-bad "$T/r2.csv"
expect_rc 73 "item 9: an existing rejects file is not replaced"
expect_grep "exists already: add --force" "$T/err" "item 9: it says how to replace it"
cmp -s "$T/r2.csv.rejects.csv" "$T/keep.csv" && ok || bad "item 9: the existing rejects file was changed"
run import --skip-bad --force "$T/r2.csv"
expect_rc 0 "item 9: --force replaces the rejects file"
grep -q "my notes" "$T/r2.csv.rejects.csv" && bad "item 9: --force did not replace it" || ok

# item 10: an input named by path must be a regular file: a FIFO, a device
# or a folder is refused at once (no hang); standard input is '-'.
fresh item10
mkfifo "$T/in.fifo"
timeout 10 "$CSM" --db "$DB" --as-of 2027-01-01 import "$T/in.fifo" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 66 "item 10: a FIFO named by path is refused without blocking"
expect_grep "is a FIFO, not an export file" "$T/err" "item 10: the FIFO message"
timeout 10 "$CSM" --db "$DB" --as-of 2027-01-01 import --dry-run "$T/in.fifo" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 66 "item 10: a dry run of a FIFO is refused without blocking"
run import "$dev"
expect_rc 66 "item 10: a device is refused"
mkdir -p "$T/folder.csv"
run import "$T/folder.csv"
expect_rc 66 "item 10: a folder is refused"
expect_grep "is a folder" "$T/err" "item 10: the folder message"
"$CSM" --db "$DB" --as-of 2027-01-02 import --force - <"$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 10: '-' reads standard input"
expect_grep "stdin: 15 accounts (0 new, 15 updated)" "$T/out" "item 10: standard input is named stdin"
cat "$SAMPLE" | "$CSM" --db "$DB" --as-of 2027-01-03 import --force /dev/stdin >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 10: /dev/stdin from a pipe"

# item 11: nothing csm prints on standard error carries a control
# character: not a file name, not SQLite's own error text, not a key typed.
fresh item11
esc=$(printf '\033')
noesc() { if grep -q "$esc" "$T/err"; then bad "item 11: $1: an escape sequence reached stderr"; else ok; fi; }
evil="$T/$(printf 'ev\033[2Jil\033]0;pwned\007.csv')"
printf 'Client,Product\nAcme,500\n' >"$evil"
run import "$evil"
expect_rc 65 "item 11: a bad file with escapes in its name is rejected"
noesc "a file name"
expect_grep "ev?[2Jil?]0;pwned?.csv:2: column 'Product'" "$T/err" "item 11: the file name is shown made safe"
run import "$T/$(printf 'no\033[2Jne.csv')"
expect_rc 66 "item 11: a missing file with escapes in its name"
noesc "a missing file's name"
run set "Customer 1" "$(printf 'k\033[2Jey')=1"
expect_rc 2 "item 11: an unknown set key"
noesc "an unknown set key"
run set "$(printf 'Nobody\033[2J')" nps=1
noesc "an unknown account"
cp "$DB" "$T/crafted.db"
sqlite3 "$T/crafted.db" "CREATE TRIGGER t BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, '$(printf 'x\033[2J\033]0;pwned\007y')'); END;"
"$CSM" --db "$T/crafted.db" --as-of 2027-01-01 set "Customer 1" nps=3 >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "item 11: SQLite's error from a crafted schema fails the write"
noesc "SQLite's own error text"
expect_grep "x?[2J?]0;pwned?y" "$T/err" "item 11: SQLite's text is shown made safe"
"$CSM" --db "$T/crafted.db" --as-of 2027-01-02 import --force "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "item 11: an import through the crafted schema fails"
noesc "an import's store error"

# item 6: a NUL byte in any field (piped, so no first look at the whole
# file) is a row error: exit 65 and nothing stored.
fresh item6
sum=$(sha256sum "$DB" | cut -d' ' -f1)
printf 'Client,Product\nAc\000me,50\nGood,60\n' | "$CSM" --db "$DB" --as-of 2027-01-01 import /dev/stdin >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "item 6: a NUL in a piped name"
expect_grep "stdin:2: column 'Client': holds a NUL byte (byte 3 of the field)" "$T/err" "item 6: the NUL is named with its line and column"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$sum" ] && ok || bad "item 6: a file with a NUL changed the database"
printf 'Client,Product,Region\nAcme,50,E\000U\n' | "$CSM" --db "$DB" --as-of 2027-01-01 import - >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "item 6: a NUL in a column that is not used"
printf 'Client,Product\nAc\000me,50\nGood,60\n' | "$CSM" --db "$DB" --as-of 2027-01-01 import --skip-bad --rejects "$T/nul.rejects.csv" - >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 6: --skip-bad sets a row with a NUL aside"
expect_grep "1 account (1 new, 0 updated), 1 rejected" "$T/out" "item 6: the good row only"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv >"$T/out"
grep -q '^Ac,' "$T/out" && bad "item 6: a name cut at its NUL was stored" || ok

# item 12: the field limit holds while a field is read: a quoted field
# spread over 650,000 lines is refused without being held in memory.
fresh item12
awk 'BEGIN { printf "Client,Notes\nAcme,\""; for (i = 0; i < 650000; i++) print "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; print "\"" }' >"$T/long.csv"
/usr/bin/time -f %M -o "$T/rss" "$CSM" --db "$DB" --as-of 2027-01-01 import "$T/long.csv" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "item 12: a 64 MB field is refused"
expect_grep "long.csv:2: field 2 is longer than 65536 bytes" "$T/err" "item 12: the field is named with the line it starts on"
rss=$(tail -1 "$T/rss")
[ "$rss" -lt 49152 ] && ok || bad "item 12: reading a 64 MB field took $rss KB: it was buffered"
rm -f "$T/long.csv"

# item 5: undo knows an edit made right after the import (a change counter,
# not the clock), whatever wrote it: set, a note; --force still undoes.
fresh item5
last_import() { "$CSM" --db "$DB" imports --format csv | tail -1 | cut -d, -f1; }
printf 'Client,Product\nKeep Me,70\nCustomer 1,50\n' >"$T/k.csv"
run --as-of 2027-01-02 import "$T/k.csv"
id=$(last_import)
run set "Keep Me" pulse=green
run imports --undo "$id"
expect_rc 1 "item 5: undo refuses right after a set on an account the import created"
expect_grep "would also lose 1 account edited since" "$T/err" "item 5: undo names the edit"
run --as-of 2027-01-03 import --force "$T/k.csv"
id=$(last_import)
run set "Customer 1" note="called: all good"
run imports --undo "$id"
expect_rc 1 "item 5: undo refuses right after a note on an account the import updated"
run --as-of 2027-01-04 import --force "$T/k.csv"
id=$(last_import)
run set "Customer 1" nps=7
run imports --undo "$id"
expect_rc 1 "item 5: undo refuses right after a set on an account the import updated"
run imports --undo "$id" --force
expect_rc 0 "item 5: --force undoes all the same"
run --as-of 2027-01-05 import --force "$T/k.csv"
run imports --undo "$(last_import)"
expect_rc 0 "item 5: an import nobody touched since is undone at once"
sqlite3 "$T/v4.db" <"$FIX/schema/v4.sql"
"$CSM" --db "$T/v4.db" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 5: a schema 4 book is upgraded"
[ "$(sqlite3 "$T/v4.db" 'PRAGMA user_version')" = 7 ] && ok || bad "item 5: the book is not at schema 7"
[ "$(stat -c %a "$T/v4.db.schema4.bak" 2>/dev/null)" = 600 ] && ok || bad "item 5: no private copy before the upgrade"
[ "$(sqlite3 "$T/v4.db.schema4.bak" 'PRAGMA user_version')" = 4 ] && ok || bad "item 5: the copy is not the schema 4 book"
"$CSM" --db "$T/v4.db" --as-of 2027-01-01 imports --undo 3 >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 5: an import from before the upgrade is still undone"

# item 7: names that look alike are one account: composed or not, any kind
# of space, invisible characters, case beyond ASCII; in a file, in show and
# set; an old book is re-keyed, and refused when two accounts would merge.
fresh item7
printf 'Client,Product\nCaf\303\251 Noir,50\nAcme Corp,50\nZ\342\200\213eta,40\n\303\211cole,30\n' >"$T/n1.csv"
run import "$T/n1.csv"
expect_rc 0 "item 7: names with accents and an invisible character import"
expect_grep "4 accounts (4 new, 0 updated)" "$T/out" "item 7: four accounts"
printf 'Client,Product\nCafe\314\201 noir,60\nAcme\302\240Corp,61\n\357\273\277Zeta,62\n\303\251COLE,63\n' >"$T/n2.csv"
run --as-of 2027-01-02 import "$T/n2.csv"
expect_rc 0 "item 7: the look-alike spellings import"
expect_grep "4 accounts (0 new, 4 updated)" "$T/out" "item 7: combining accent, no-break space, BOM, case: the same accounts"
[ "$(count "$DB")" = 19 ] && ok || bad "item 7: the book has $(count "$DB") accounts, not 19"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv | grep -q "$(printf 'Z\342\200\213')" && bad "item 7: a zero-width space was stored in a name" || ok
run show "$(printf 'CAF\303\211 NOIR')"
expect_rc 0 "item 7: show finds an account by its name in capitals beyond ASCII"
run set "$(printf 'cafe\314\201\302\240noir')" nps=5
expect_rc 0 "item 7: set finds an account by a look-alike name"
printf 'Client,Product\nCaf\303\251 Bleu,50\nCafe\314\201 Bleu,60\n' >"$T/n3.csv"
run import "$T/n3.csv"
expect_rc 65 "item 7: one file with two spellings of a name"
expect_grep "n3.csv:3: the account is already on line 2" "$T/err" "item 7: the file's own duplicate is named"
sqlite3 "$T/old7.db" <"$FIX/schema/v4.sql"
sqlite3 "$T/old7.db" "INSERT INTO accounts(name, name_key, created_at, updated_at) VALUES('Cafe$(printf '\314\201') Noir', 'cafe$(printf '\314\201') noir', 0, 0)"
"$CSM" --db "$T/old7.db" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "item 7: a schema 4 book with a decomposed name is upgraded"
printf 'Client,Product\nCaf\303\251 noir,55\n' >"$T/n4.csv"
"$CSM" --db "$T/old7.db" --as-of 2027-01-01 import "$T/n4.csv" >"$T/out" 2>"$T/err"; rc=$?
expect_grep "1 account (0 new, 1 updated)" "$T/out" "item 7: the upgrade re-keyed the old name"
sqlite3 "$T/clash.db" <"$FIX/schema/v4.sql"
sqlite3 "$T/clash.db" "INSERT INTO accounts(name, name_key, created_at, updated_at) VALUES('Caf$(printf '\303\251') Noir', 'caf$(printf '\303\251') noir', 0, 0), ('CAFE$(printf '\314\201') NOIR', 'cafe$(printf '\314\201') noir', 0, 0)"
sum=$(sha256sum "$T/clash.db" | cut -d' ' -f1)
"$CSM" --db "$T/clash.db" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 74 "item 7: an upgrade that would merge two accounts is refused"
expect_grep "the accounts 'Caf" "$T/err" "item 7: the refusal names the accounts"
[ "$(sha256sum "$T/clash.db" | cut -d' ' -f1)" = "$sum" ] && [ ! -e "$T/clash.db.schema4.bak" ] && ok || bad "item 7: the refused upgrade changed something"

# item 2: a partial export changes only what it has columns for.
fresh item2
"$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/before.json"
health() { python3 -c 'import json,sys; print(" ".join(str(a["health"]) for a in json.load(open(sys.argv[1]))))' "$1"; }
printf 'Client,ACV,Owner\nCustomer 1,40000,Dana\nCustomer 6,37000,Dana\n' >"$T/attrs.csv"
run import "$T/attrs.csv"
expect_rc 0 "item 2: a file without score columns imports"
expect_grep "no score columns: health unchanged" "$T/err" "item 2: it says health is unchanged"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out"
[ "$(health "$T/out")" = "$(health "$T/before.json")" ] && ok || bad "item 2: a file without score columns changed health: $(health "$T/out")"
expect_json '[a for a in d if a["name"] == "Customer 1"][0]["acv"] == 40000 and [a for a in d if a["name"] == "Customer 6"][0]["owner"] == "Dana"' "item 2: its attributes were updated"
run --as-of 2027-01-02 import "$T/attrs.csv"
run --as-of 2027-01-02 show "Customer 1" --format json
expect_json 'len(d["history"]) == 1 and d["health"] == 78' "item 2: a new day without score columns adds no snapshot"
printf 'Client,ACV\nBrand New,1000\n' >"$T/new.csv"
run import "$T/new.csv"
run show "Brand New" --format json
expect_json 'd["history"] == [] and d["health"] is None' "item 2: a new account from a file without scores has no snapshot"
printf 'Client,Product\nCustomer 1,50\nCustomer 12,\n' >"$T/product.csv"
run import --dry-run "$T/product.csv"
expect_grep "update: Customer 1" "$T/out" "item 2: the dry run agrees (an update)"
run import "$T/product.csv"
run list --format json
expect_json '[a for a in d if a["name"] == "Customer 1"][0]["components"] == {"product": 50, "satisfaction": 84, "support": 72, "sponsorship": 70}' "item 2: only Product replaced on the same day"
expect_json '[a for a in d if a["name"] == "Customer 1"][0]["trend"] == "level" and [a for a in d if a["name"] == "Customer 1"][0]["reported_health"] == 78' "item 2: the same day keeps the trend and health the file lacks"
expect_json '[a for a in d if a["name"] == "Customer 12"][0]["components"] == {"product": None, "satisfaction": None, "support": 45, "sponsorship": 70}' "item 2: an empty cell in a column the file has is no data"
run import --dry-run --force "$T/product.csv"
expect_grep "unchanged: Customer 1" "$T/out" "item 2: the dry run agrees (now unchanged)"
printf 'Client,Product\nCustomer 1,60\n' >"$T/p2.csv"
run --as-of 2027-02-01 import "$T/p2.csv"
run --as-of 2027-02-01 show "Customer 1" --format json
expect_json 'len(d["history"]) == 2 and d["history"][1]["components"] == {"product": 60, "satisfaction": 84, "support": 72, "sponsorship": 70}' "item 2: a new day carries the other components forward"
expect_json 'd["reported_health"] is None' "item 2: a new day's reported health comes from the file alone"

# item 3: an older export adds its day to the history and leaves today's
# attributes alone; reading as of a past day ignores later snapshots.
fresh item3
printf 'Client,ACV,Renewal Date,Owner,Product,Satisfaction,Support,Sponsorship\nCustomer 1,1000,2026-12-01,Old Owner,10,20,30,40\nOld Only,500,2027-03-01,Someone,50,50,50,50\n' >"$T/old.csv"
run --as-of 2026-10-01 import --dry-run "$T/old.csv"
expect_grep "(1 new, 1 updated, 0 unchanged), 0 rejected, 1 history only" "$T/out" "item 3: the dry run says history only"
run --as-of 2026-10-01 import "$T/old.csv"
expect_rc 0 "item 3: an older export imports"
expect_grep "2 accounts (1 new, 1 updated), 0 rejected, 1 history only" "$T/out" "item 3: the summary counts history-only accounts"
run show "Customer 1" --format json
expect_json 'd["acv"] == 35000 and d["renewal_date"] == "2027-02-01" and d["owner"] is None' "item 3: today's attributes are kept"
expect_json '[h["date"] for h in d["history"]] == ["2026-10-01", "2027-01-01"] and d["components"]["product"] == 78' "item 3: the old day joins the history; the latest stays current"
run show "Old Only" --format json
expect_json 'd["acv"] == 500 and d["owner"] == "Someone"' "item 3: a new account from an older export gets its attributes"
run --as-of 2026-11-01 list --format json
expect_json '[a for a in d if a["name"] == "Customer 1"][0]["components"] == {"product": 10, "satisfaction": 20, "support": 30, "sponsorship": 40}' "item 3: list as of a past day reads that day's snapshot"
expect_json '[a for a in d if a["name"] == "Customer 2"][0]["health"] is None' "item 3: an account with no snapshot by then has no health"
run --as-of 2026-11-01 show "Customer 1" --format json
expect_json '[h["date"] for h in d["history"]] == ["2026-10-01"]' "item 3: show as of a past day leaves later snapshots out"
run --as-of 2026-11-01 flags --format json
expect_json 'any(f["account"] == "Customer 1" and f["kind"] == "churn" and "health 19 is red" in f["reasons"] for f in d)' "item 3: flags as of a past day judge that day's health"
printf 'Client,Product,Satisfaction,Support,Sponsorship\nCustomer 3,90,90,90,90\n' >"$T/sep.csv"
printf 'Client,Product,Satisfaction,Support,Sponsorship\nCustomer 3,10,10,10,10\n' >"$T/oct.csv"
run --as-of 2026-09-01 import "$T/sep.csv"
run --as-of 2026-10-15 import "$T/oct.csv"
expect_grep "1 history only" "$T/out" "item 3: a second older export is history only"
expect_no_grep "turned red" "$T/out" "item 3: an old day's change is not reported as the account's now"
run --as-of 2026-11-01 export --format json
expect_json 'len([a for a in d["accounts"] if a["name"] == "Customer 1"][0]["snapshots"]) == 2' "item 3: export keeps every snapshot"

# item 4: saving a plan again keeps what was recorded: statuses carried to
# the same activity, done and dropped work the new plan lacks kept, and no
# two saved plans overlap, so nothing is listed twice.
fresh item4
run plan --save
run done RET-01
run drop RET-02
run done ADV-04
run plan --save
expect_rc 0 "item 4: the same plan saved again"
expect_grep "RET-01: done, as recorded in the plan replaced" "$T/err" "item 4: the carried status is reported"
run activities --format json
expect_json 'len(d) == 25 and [a["status"] for a in d if a["ref"] in ("RET-01", "RET-02", "ADV-04")] == ["done", "dropped", "done"]' "item 4: saving again carries done and dropped"
run plan --save --count 5
expect_rc 0 "item 4: a smaller plan saved over it"
expect_grep "ADV-04: kept, done: the new plan has no such activity" "$T/err" "item 4: a done activity the new plan lacks is kept and named"
expect_grep "planned activities of the plan replaced that the new plan lacks removed" "$T/err" "item 4: the planned ones removed are counted"
run activities --format json
expect_json 'sum(a["status"] == "done" for a in d) == 2 and sum(a["status"] == "dropped" for a in d) == 1 and len(set(a["ref"] for a in d)) == len(d)' "item 4: nothing recorded is lost, no ref twice"
run --as-of 2027-02-01 plan --save --count 5
expect_rc 0 "item 4: a plan for overlapping dates"
"$CSM" --db "$DB" --as-of 2027-01-01 export --format json >"$T/out"
expect_json 'len(set((a["plan_start"], a["plan_end"]) for a in d["activities"])) == 1 and sum(a["status"] == "done" for a in d["activities"]) == 2' "item 4: the overlapping plan replaced the other, its record kept"
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM plans')" = 1 ] && ok || bad "item 4: two saved plans overlap"
run activities --format json
adv=$(python3 -c 'import json,sys; print([a["client"] for a in json.load(open(sys.argv[1])) if a["ref"] == "ADV-04"][0])' "$T/out")
run show "$adv" --format json
expect_json 'len([a for a in d["activities"] if a["ref"] == "ADV-04"]) == 1' "item 4: show lists the activity once"

# Every other way csm writes: none destroys or silently replaces what the
# user has.
fresh writes
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv >"$T/keep.csv"
cp "$T/keep.csv" "$T/keep.orig"
(ulimit -f 1; "$CSM" --db "$DB" --as-of 2027-01-01 export --format json --output "$T/keep.csv") >"$T/out" 2>"$T/err"; rc=$?
expect_rc 74 "writes: --output on a full disk fails"
cmp -s "$T/keep.csv" "$T/keep.orig" && ok || bad "writes: a failed --output replaced the file it was to replace"
ls "$T" | grep -q 'keep.csv.tmp' && bad "writes: a failed --output left its temporary file" || ok
echo old >"$T/copy.db"
ln -s copy.db "$T/copy-link.db"
run backup "$T/copy-link.db"
expect_rc 0 "writes: backup through a symbolic link"
[ -L "$T/copy-link.db" ] && [ "$(sqlite3 "$T/copy.db" 'SELECT count(*) FROM accounts')" = 15 ] && ok || bad "writes: backup wrote the link's file and kept the link"
mkfifo "$T/copy.fifo"
timeout 10 "$CSM" --db "$DB" --as-of 2027-01-01 backup "$T/copy.fifo" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 73 "writes: backup onto a FIFO is refused"
[ -p "$T/copy.fifo" ] && ok || bad "writes: backup replaced a FIFO"
mkdir -p "$T/conf"
printf '{"model": "dashboard", "health_target": 70}\n' >"$T/conf/config.json"
sum=$(sha256sum "$T/conf/config.json")
conf() { "$CSM" --db "$DB" --config "$T/conf/config.json" --as-of 2027-01-01 "$@" >/dev/null 2>&1; }
conf list; conf flags; conf plan --save; conf config; conf show "Customer 1"; conf set "Customer 1" nps=8
conf export; conf check; conf imports; conf activities; conf import "$SAMPLE"
XDG_CONFIG_HOME="$T" "$CSM" --db "$DB" --as-of 2027-01-01 config >/dev/null 2>&1
[ "$(sha256sum "$T/conf/config.json")" = "$sum" ] && [ "$(ls "$T/conf")" = config.json ] && ok || bad "writes: a command wrote the configuration or beside it"

finish
