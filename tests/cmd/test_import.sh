# The importer on real-looking exports and on every kind of bad file.
. "$(dirname "$0")/lib.sh"
IMP="$FIX/import"

acct() { # NAME PYTHON-EXPR-over-a : checks one account of `list --format json`
  "$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out" 2>/dev/null
  expect_json "[a for a in d if a['name'] == '$1'] and (lambda a: $2)([a for a in d if a['name'] == '$1'][0])" "$3"
}

run import --map 'Kunde=name' "$IMP/semicolon_euro.csv"
expect_rc 0 "semicolons, decimal commas, D.M.YYYY"
acct "Müller GmbH" 'a["acv"] == 42000 and a["components"]["product"] == 78.5 and a["renewal_date"] == "2027-05-01" and a["trend"] == "up"' "European values read right"
acct "Dupont; Fils" 'a["acv"] == 1250.5 and a["renewal_date"] == "2027-03-15" and a["trend"] == "level"' "quoted delimiter, amount with the symbol after"

run import "$IMP/unicode_text.txt"
expect_rc 0 "UTF-16LE tab-separated"
expect_grep "read as UTF-16LE" "$T/err" "encoding said"
acct "東京商事" 'a["acv"] == 120000 and a["segment"] == "enterprise" and a["components"]["sponsorship"] == 45 and a["months_to_renewal"] == 2' "UTF-16 values"
run import "$IMP/unicode_text_be.txt"
expect_rc 0 "UTF-16BE"
acct "Åsa AB" 'a["acv"] == 1000' "UTF-16BE values"

run import "$IMP/pipe_cr.csv"
expect_rc 0 "pipes and CR-only lines"
acct 'The "Best" Co' 'a["acv"] == 5000 and a["components"]["sponsorship"] == 93' "doubled quotes"
acct "Two Lines Ltd" 'a["months_to_renewal"] == 8' "an embedded line break folds into one space"

run import "$IMP/cp1252.csv"
expect_rc 0 "Windows-1252"
expect_grep "read as Windows-1252" "$T/err" "Windows-1252 said"
acct "Café Noël" 'a["acv"] == 1000' "Windows-1252 converted to UTF-8"

run import "$IMP/crm_report.csv"
expect_rc 0 "a CRM report with footers"
expect_grep "3 footer lines skipped ('Grand Totals (3 records)'" "$T/err" "footers skipped with a note"
expect_grep "'Region'" "$T/err" "unused column named once"
expect_grep "crm_report.csv: 3 accounts (3 new, 0 updated), 0 rejected" "$T/out" "crm summary"
acct "Acme Corp" 'a["external_id"] == "001A" and a["acv"] == 68000 and a["renewal_date"] == "2027-05-13" and a["components"]["product"] == 45 and a["owner"] == "Dana Scully"' "CRM headers and values"
acct "Globex" 'a["renewal_date"] == "2027-01-31"' "M/D/YYYY with a time"
acct "Initech" 'a["renewal_date"] == "2027-03-05" and a["health"] is None and all(v is None for v in a["components"].values())' "no-data words"

run import "$IMP/trends.csv"
expect_rc 0 "trend words and arrows"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out"
expect_json '[a["trend"] for a in d if a["name"] in "ABCDEF" and len(a["name"]) == 1] == ["up","level","down","level","level","up"]' "trends read"
run import "$IMP/total_wine.csv"
expect_rc 0 "an account named Total"
acct "Total Wine & More" 'a["acv"] == 2000' "a last row that starts with Total is data"

# Re-import matches by external id: a renamed account is updated, not duplicated.
printf '"Account Name","Account ID","Product Usage"\n"Acme Corporation","001A","50"\n' >"$T/renamed.csv"
run --as-of 2027-01-02 import "$T/renamed.csv"
expect_rc 0 "renamed by id"
expect_grep "1 account (0 new, 1 updated)" "$T/out" "matched by external id"
acct "Acme Corporation" 'a["external_id"] == "001A" and a["acv"] == 68000' "renamed, the rest kept"

# Every bad file: its message, exit 65, and the database byte for byte as it was.
before=$(sha256sum "$DB" | cut -d' ' -f1)
bad_file() { # FILE EXPECTED-MESSAGE
  run import "$IMP/$1"
  expect_rc 65 "$1 rejected"
  expect_grep "$2" "$T/err" "$1 message"
  [ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && ok || bad "$1 changed the database"
}
bad_file nul.csv "csm: nul.csv:2: a NUL byte at byte 3 of the line"
bad_file binary.csv "csm: binary.csv:"
bad_file invalid_utf8_mixed.csv "csm: invalid_utf8_mixed.csv:3: byte 3 of the line is not valid UTF-8, and the file is not Windows-1252 either"
bad_file duplicate_header.csv "csm: duplicate_header.csv:1: columns 'Product' and 'Usage' both hold Product"
bad_file missing_name.csv "csm: missing_name.csv:3: column 'Client': the account name is missing"
bad_file negative_acv.csv "csm: negative_acv.csv:2: column 'ACV': must not be negative ('-5000')"
bad_file unknown_trend.csv "csm: unknown_trend.csv:2: column 'Trend': is not a trend (up, level, down; improving, stable, declining) ('Sideways')"
bad_file bad_date.csv "csm: bad_date.csv:2: column 'Renewal Date': is not a date ('2027-02-30')"
bad_file ambiguous_date.csv "csm: ambiguous_date.csv:2: column 'Renewal Date': is ambiguous (month/day or day/month? March 4 or 3 April), and no date in the column settles it: say --date-format M/D/YYYY or D/M/YYYY ('3/4/2027')"
expect_grep "csm: ambiguous_date.csv: column 'Renewal Date': its dates read both ways" "$T/err" "the column nothing settles is named"
bad_file long_field.csv "csm: long_field.csv:2: field 2 is longer than 65536 bytes"
bad_file skip_bad.csv "csm: skip_bad.csv:3: column 'Product': is outside 0-100 ('150')"
bad_file ../unterminated.csv "csm: unterminated.csv:3: a quoted field is not closed before the end of the file"
bad_file ../ragged.csv "csm: ragged.csv:3: the row has 2 fields, the header has 3"
bad_file ../empty.csv "csm: empty.csv: the file is empty"
bad_file ../header_only.csv "csm: header_only.csv: the file has a header but no accounts"
bad_file ../bad_number.csv "csm: bad_number.csv:2: column 'ACV': is not an amount ('12k')"
bad_file ../no_name.csv "no column holds the account name"

# --date-format settles an ambiguous date.
run import --date-format D/M/YYYY "$IMP/ambiguous_date.csv"
expect_rc 0 "--date-format D/M/YYYY"
acct "Acme" 'a["renewal_date"] == "2027-04-03"' "3/4/2027 read as 3 April"
run import --force --date-format M/D/YYYY "$IMP/ambiguous_date.csv"
acct "Acme" 'a["renewal_date"] == "2027-03-04"' "3/4/2027 read as March 4"
run import --date-format sometimes "$IMP/ambiguous_date.csv"
expect_rc 2 "bad --date-format"
run import --delimiter ';' "$FIX/../../data/partner-paradise.csv"
expect_rc 65 "--delimiter overrides detection"

# --skip-bad: the good rows in, the bad ones out with their reason.
cp "$IMP/skip_bad.csv" "$T/skip.csv"
run import --skip-bad "$T/skip.csv"
expect_rc 0 "--skip-bad"
expect_grep "skip.csv: 2 accounts (2 new, 0 updated), 2 rejected" "$T/out" "--skip-bad summary"
[ "$(stat -c %a "$T/skip.csv.rejects.csv")" = 600 ] && ok || bad "rejects file is private"
python3 - "$T/skip.csv.rejects.csv" <<'PY' && ok || bad "rejects file: the rows as read, their reasons"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["Client", "ACV", "Product", "reason"], rows[0]
assert rows[1][:3] == ["Bad One", "100", "150"] and "line 3: column 'Product': is outside 0-100" in rows[1][3], rows[1]
assert rows[2][0] == '=HYPERLINK("http://x")', rows[2]  # as read: the corrected file imports back
assert len(rows) == 3
PY
acct "Good Two" 'a["acv"] == 200' "good rows imported"

# --dry-run: created, updated or unchanged, and nothing written.
before=$(sha256sum "$DB" | cut -d' ' -f1)
run --as-of 2027-01-02 import --dry-run --force "$T/renamed.csv"
expect_grep "unchanged: Acme Corporation" "$T/out" "dry run: unchanged"
run --as-of 2027-01-03 import --dry-run --force "$T/renamed.csv"
expect_grep "update: Acme Corporation" "$T/out" "dry run: a new day is an update"
printf 'Client,Product\nBrand New,50\nBad,500\nGood One,51\n' >"$T/dry.csv"
run import --dry-run --skip-bad "$T/dry.csv"
expect_grep "create: Brand New" "$T/out" "dry run: create"
expect_grep "update: Good One" "$T/out" "dry run: update"
expect_grep "1 rejected: nothing written" "$T/out" "dry run says it wrote nothing"
[ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ] && ok || bad "dry run changed the database"
[ ! -e "$T/dry.csv.rejects.csv" ] && ok || bad "dry run wrote a rejects file"
"$CSM" --db "$T/none.db" --as-of 2027-01-01 import --dry-run "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "dry run without a database"
[ ! -e "$T/none.db" ] && ok || bad "dry run created a database"

# History and undo.
run imports --format json
expect_json 'len(d) >= 8 and all(len(i["sha256"]) == 64 for i in d) and d[0]["file"] == "semicolon_euro.csv"' "imports recorded with their hash"
sum=$(sha256sum "$IMP/semicolon_euro.csv" | cut -d' ' -f1)
expect_json "d[0]['sha256'] == '$sum'" "the recorded hash is the file's SHA-256"
last=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[-1]["id"])' "$T/out")
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$T/out")
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv >"$T/list.before"
run --as-of 2027-01-05 import "$SAMPLE"
expect_rc 0 "one more import"
run imports --undo "$first"
expect_rc 1 "undo under later imports is refused"
expect_grep "undo those first" "$T/err" "undo refusal says why"
run imports --format json
newest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[-1]["id"])' "$T/out")
run imports --undo "$newest"
expect_rc 0 "undo the latest"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format csv >"$T/list.after"
cmp -s "$T/list.before" "$T/list.after" && ok || bad "undo restores the book as it was"
run imports --undo "$newest"
expect_rc 1 "undo twice"

# Undo keeps the user's own later work unless told otherwise.
printf 'Client,Product\nKeep Me,70\n' >"$T/k.csv"
run --as-of 2027-02-01 import "$T/k.csv"
run imports --format json
kid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[-1]["id"])' "$T/out")
sleep 2
run set "Keep Me" note="Called them: happy" pulse=green
run imports --undo "$kid"
expect_rc 1 "undo refused when it would lose later work"
expect_grep "would also lose 1 account edited since and 1 note" "$T/err" "undo says what would be lost"
run imports --undo "$kid" --force
expect_rc 0 "undo --force"
run imports --undo "$kid"
expect_grep "was already undone" "$T/err" "undo twice says so"

# Changes worth a look after an import.
printf 'Client,Product,Satisfaction,Support,Sponsorship\nWatch Me,90,90,90,90\n' >"$T/w1.csv"
printf 'Client,Product,Satisfaction,Support,Sponsorship\nWatch Me,20,20,20,20\n' >"$T/w2.csv"
run --as-of 2027-01-10 import "$T/w1.csv"
run --as-of 2027-01-20 import "$T/w2.csv"
expect_grep "turned red:      Watch Me, health 20 (was 90)" "$T/out" "turned red reported"
# A big import's changes: ten of a kind by name, then how many more.
awk 'BEGIN { print "Client,Renewal Date,Product"; for (i = 1; i <= 25; i++) printf "Soon %02d,2027-03-15,80\n", i }' >"$T/s.csv"
run --as-of 2026-10-01 import "$T/s.csv"
run --as-of 2027-01-05 import --force "$T/s.csv"
expect_grep "renewal soon:    Soon 10, renews 2027-03-15 (in 69 days)" "$T/out" "the tenth renewal shown"
expect_grep "and 15 more entered the renewal window" "$T/out" "the rest counted"
if grep -q "Soon 11" "$T/out"; then bad "the eleventh renewal is counted, not listed"; else ok; fi

run import --fields
expect_rc 0 "--fields"
expect_grep "renewal_date" "$T/out" "--fields lists the fields"
run import --map 'X=nothing' "$SAMPLE"
expect_rc 2 "--map to an unknown field"

finish
