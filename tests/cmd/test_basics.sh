# Global options, exit codes, import and list in every format.
. "$(dirname "$0")/lib.sh"

"$CSM" --version >"$T/out"; rc=$?
expect_rc 0 "--version"
expect_grep "csm 0." "$T/out" "--version"
"$CSM" --help >"$T/out"; rc=$?
expect_rc 0 "--help"
expect_grep "import" "$T/out" "--help lists commands"
"$CSM" list --help >"$T/out"; rc=$?
expect_rc 0 "list --help"
expect_grep "usage: csm list" "$T/out" "list --help"
run frobnicate
expect_rc 2 "unknown command"
expect_grep "csm: unknown command 'frobnicate'" "$T/err" "unknown command message"
run list --bogus
expect_rc 2 "unknown option"
run list --format yaml
expect_rc 2 "unknown format"
expect_grep "csm: 'yaml' is not a format" "$T/err" "unknown format message"
run --as-of 2027-02-30 list
expect_rc 2 "bad --as-of"
run list
expect_rc 74 "list before any import"
expect_grep "import a health-score export first" "$T/err" "list before import says what to do"
[ ! -e "$DB" ] && ok || bad "list created a database"

run import "$T/nothing.csv"
expect_rc 66 "missing file"
expect_grep "nothing.csv" "$T/err" "missing file named"

run import "$SAMPLE"
expect_rc 0 "import sample"
expect_out "$EXP/import1.txt" "import summary"
[ "$(stat -c %a "$DB")" = 600 ] && ok || bad "database mode $(stat -c %a "$DB")"
run import "$SAMPLE"
expect_rc 0 "re-import sample"
expect_grep "as import 1 (as of 2027-01-01): nothing changed; --force imports it again" "$T/out" "the same file is not imported twice"
run import --force "$SAMPLE"
expect_rc 0 "re-import sample with --force"
expect_grep "15 accounts (0 new, 0 updated, 15 unchanged), 0 rejected" "$T/out" "re-import summary"

run list --format csv
expect_rc 0 "list csv"
expect_out "$EXP/list.csv" "list csv"
run list
expect_out "$EXP/list.csv" "list defaults to csv when not on a terminal"
run list --format table
expect_rc 0 "list table"
expect_out "$EXP/list.txt" "list table"
run list --format json
expect_rc 0 "list json"
expect_json 'len(d) == 15 and [a["health"] for a in d] == [78,70,84,53,70,45,77,63,47,52,80,41,60,52,74]' "json health equals the dashboard"
expect_json '[a for a in d if a["name"] == "Customer 12"][0]["components"] == {"product": 32, "satisfaction": None, "support": 45, "sponsorship": 70}' "json components, no data is null"
expect_json 'd[0]["renewal_date"] == "2027-02-01" and d[0]["months_to_renewal"] == 1 and d[0]["acv"] == 35000 and d[0]["segment"] == "mid-market"' "json renewal and segment"
expect_json '[a["health_band"] for a in d][:6] == ["green","amber","green","amber","amber","red"]' "json bands"
run --as-of 2027-04-01 list --format json
expect_json 'd[0]["months_to_renewal"] == -2 and [a for a in d if a["name"] == "Customer 12"][0]["months_to_renewal"] == 6' "months are derived from --as-of"
run list --format csv --output "$T/o.csv"
expect_rc 0 "list --output"
cmp -s "$T/o.csv" "$EXP/list.csv" && ok || bad "--output file content"
run list --output /nonexistent/dir/x.csv
expect_rc 74 "unwritable --output"

# A rejected file leaves the database byte for byte as it was.
sum1=$(sha256sum "$DB" | cut -d' ' -f1)
run import "$FIX/bad_score.csv"
expect_rc 65 "bad score rejected"
expect_grep "csm: bad_score.csv:3: column 'Product': is outside 0-100 ('120')" "$T/err" "bad score message"
sum2=$(sha256sum "$DB" | cut -d' ' -f1)
[ "$sum1" = "$sum2" ] && ok || bad "database changed by a rejected import"
[ ! -s "$DB-wal" ] && ok || bad "a WAL was left behind"
run import "$FIX/no_name.csv"
expect_rc 65 "no name column"
run import --dry-run "$FIX/messy.csv"
expect_rc 0 "dry run"
expect_grep "create: Smith, Jones & Co" "$T/out" "dry run says what it would do"
[ "$sum1" = "$(sha256sum "$DB" | cut -d' ' -f1)" ] && ok || bad "dry run changed the database"

# The default database lives under XDG_DATA_HOME, private.
XDG_DATA_HOME="$T/xdg" "$CSM" --as-of 2027-01-01 import "$SAMPLE" >/dev/null 2>&1; rc=$?
expect_rc 0 "import to the default database"
[ "$(stat -c %a "$T/xdg/csm/portfolio.db" 2>/dev/null)" = 600 ] && ok || bad "default database mode"
[ "$(stat -c %a "$T/xdg/csm" 2>/dev/null)" = 700 ] && ok || bad "default folder mode"
CSM_DB="$T/env.db" "$CSM" --as-of 2027-01-01 import "$SAMPLE" >/dev/null 2>&1
[ -f "$T/env.db" ] && ok || bad "CSM_DB is honoured"

finish
