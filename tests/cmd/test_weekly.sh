# The weekly import workflow (issue 15): dates without a flag every week,
# what changed after every import, re-imports that change nothing. One
# check per item, each named by its item.
. "$(dirname "$0")/lib.sh"

acct() { # NAME PYTHON-EXPR-over-a LABEL: one account of `list --format json`
  "$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out" 2>/dev/null
  expect_json "[a for a in d if a['name'] == '$1'] and (lambda a: $2)([a for a in d if a['name'] == '$1'][0])" "$3"
}
sum() { sha256sum "$DB" | cut -d' ' -f1; }

# 15.1: month/day order settled from the whole column. 1/10/2027 comes
# first, 2/15/2027 settles the column later: January 10.
DB="$T/dates.db"
printf 'Client,Renewal Date\nJan Ten,1/10/2027\nFeb,2/15/2027\nMar,3/31/2027\n' >"$T/us.csv"
run import "$T/us.csv"
expect_rc 0 "15.1: a US column settled by a later date"
expect_grep "us.csv: 3 accounts (3 new, 0 updated), 0 rejected" "$T/out" "15.1: every row of the US file"
acct "Jan Ten" 'a["renewal_date"] == "2027-01-10"' "15.1: 1/10/2027 is January 10 once 2/15/2027 settles the column"
# (Each file below has a header line of its own: one header line, one export.)
printf 'Customer,Renewal Date\nOct One,10/1/2027\nDay Fifteen,15/2/2027\n' >"$T/eu.csv"
run import "$T/eu.csv"
expect_rc 0 "15.1: a European column"
acct "Oct One" 'a["renewal_date"] == "2027-01-10"' "15.1: 10/1/2027 is 10 January once 15/2/2027 settles it"
# Nothing settles the column: an error that names the column; nothing stored.
before=$(sum)
printf 'Company,Renewal Date\nA1,1/10/2027\nA2,2/11/2027\n' >"$T/none.csv"
run import "$T/none.csv"
expect_rc 65 "15.1: a column nothing settles is refused"
expect_grep "csm: none.csv: column 'Renewal Date': its dates read both ways (month/day or day/month) and none settles the order" "$T/err" "15.1: the column is named"
expect_grep "none.csv:2: column 'Renewal Date': is ambiguous (month/day or day/month? January 10 or 1 October)" "$T/err" "15.1: the row says both readings"
[ "$(sum)" = "$before" ] && ok || bad "15.1: a refused file changed the database"
# A column that mixes the orders.
printf 'Company Name,Renewal Date\nM1,1/13/2027\nM2,13/1/2027\n' >"$T/mixed.csv"
run import "$T/mixed.csv"
expect_rc 65 "15.1: a column with both orders is refused"
expect_grep "mixed.csv:3: column 'Renewal Date': is not a month/day date like the column's other dates ('1/13/2027' on line 2)" "$T/err" "15.1: the mix is named with the line that settled it"
# Excel's forms, and the two-digit-year rule (as of 2027: 46 is 2046, 47 is 1947).
printf 'Customer Name,Renewal Date\nX1,15-Mar-2027\nX2,15-Mar-27\nX3,"Mar 15, 2027"\nX4,03/15/27\nX5,15 March 2027\nX6,1/12/46\nX7,1/12/47\n' >"$T/excel.csv"
run import "$T/excel.csv"
expect_rc 0 "15.1: Excel's date forms"
"$CSM" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out"
expect_json '{a["name"]: a["renewal_date"] for a in d if a["name"].startswith("X")} == {"X1": "2027-03-15", "X2": "2027-03-15", "X3": "2027-03-15", "X4": "2027-03-15", "X5": "2027-03-15", "X6": "2046-01-12", "X7": "1947-01-12"}' "15.1: 15-Mar-2027, 15-Mar-27, Mar 15, 2027, 03/15/27 and two-digit years"

# 15.1: the settings an export was read with are remembered by its header
# line and reused, and said so.
printf 'Kunde;Verlaengerung;Produkt\nM\303\274ller;3/4/2027;78\n' >"$T/de1.csv"
run import --delimiter ';' --map 'Kunde=name' --map 'Verlaengerung=renewal_date' --date-format D/M/YYYY "$T/de1.csv"
expect_rc 0 "15.1: an export read with three options"
printf 'Kunde;Verlaengerung;Produkt\nM\303\274ller;5/6/2027;80\nSchmidt;1/2/2027;70\n' >"$T/de2.csv"
run --as-of 2027-01-08 import "$T/de2.csv"
expect_rc 0 "15.1: next week's export needs no options"
expect_grep "de2.csv: note: read as the last import of this export (import" "$T/err" "15.1: the reuse is said"
expect_grep "--date-format D/M/YYYY, --delimiter ';', --map 'Kunde=name', --map 'Verlaengerung=renewal_date'" "$T/err" "15.1: what was reused is listed"
acct "Schmidt" 'a["renewal_date"] == "2027-02-01"' "15.1: the remembered order read 1/2/2027 as 1 February"
printf 'Kunde;Verlaengerung;Produkt;Region\nWeber;5/6/2027;80;Nord\n' >"$T/de3.csv"
run --as-of 2027-01-08 import "$T/de3.csv"
expect_rc 65 "15.1: another header line is another export: nothing is reused"
printf 'Kunde;Verlaengerung;Produkt\nM\303\274ller;5/6/2027;81\n' >"$T/de4.csv"
run --as-of 2027-01-15 import --forget "$T/de4.csv"
expect_rc 65 "15.1: --forget reads the export as new"
expect_grep "no column holds the account name" "$T/err" "15.1: --forget: the maps are not reused"
# The order a file settled by itself is remembered too.
printf 'Account,Renewal Date\nP1,13/1/2027\n' >"$T/settle1.csv"
run import "$T/settle1.csv"
printf 'Account,Renewal Date\nP1,3/4/2027\n' >"$T/settle2.csv"
run --as-of 2027-01-08 import "$T/settle2.csv"
expect_rc 0 "15.1: an order settled last week reads this week's file"
acct "P1" 'a["renewal_date"] == "2027-04-03"' "15.1: 3/4/2027 read day/month as the export's dates were"
# csm set's advice is one that csm set takes.
run set "Jan Ten" renewal_date=1/10/2027
expect_rc 65 "15.1: set refuses an ambiguous date"
expect_grep "write it as 2027-01-10 or 2027-10-01, or add --date-format M/D/YYYY or D/M/YYYY" "$T/err" "15.1: set's advice"
run set --date-format M/D/YYYY "Jan Ten" renewal_date=1/10/2027
expect_rc 0 "15.1: set takes --date-format, as it advises"
run set "Feb" renewal_date=2027-10-01
expect_rc 0 "15.1: set takes YYYY-MM-DD, as it advises"
acct "Jan Ten" 'a["renewal_date"] == "2027-01-10"' "15.1: set --date-format M/D/YYYY read January 10"

# 15.3: the same file again changes nothing without --force.
DB="$T/again.db"
run import "$SAMPLE"
before=$(sum)
run import "$SAMPLE"
expect_rc 0 "15.3: the same file again"
expect_grep "partner-paradise.csv: already imported on " "$T/out" "15.3: it says so"
expect_grep "as import 1 (as of 2027-01-01): nothing changed; --force imports it again" "$T/out" "15.3: which import, and how to import it again"
[ "$(sum)" = "$before" ] && ok || bad "15.3: the same file changed the database"
run imports --format json
expect_json 'len(d) == 1' "15.3: no second import recorded"
cat "$SAMPLE" | "$CSM" --db "$DB" --as-of 2027-01-08 import - >"$T/out" 2>"$T/err"; rc=$?
expect_grep "stdin: already imported on " "$T/out" "15.3: the same bytes piped in"
run import --dry-run "$SAMPLE"
expect_grep "dry run: partner-paradise.csv: already imported on " "$T/out" "15.3: the dry run agrees"
expect_grep "nothing would change" "$T/out" "15.3: the dry run says nothing would change"
# --dry-run and the import agree: the same day again is unchanged, both ways.
run import --dry-run --force "$SAMPLE"
expect_grep "(0 new, 0 updated, 15 unchanged)" "$T/out" "15.3: a same-day dry run: 15 unchanged"
run import --force "$SAMPLE"
expect_grep "15 accounts (0 new, 0 updated, 15 unchanged), 0 rejected" "$T/out" "15.3: the same-day import: 15 unchanged"
sed 's/^Customer 6,1,36000,2,Level,45,34/Customer 6,1,36000,2,Level,45,30/; s/^Customer 9,3,22000,6,Level,47/Customer 9,4,22000,6,Level,47/' "$SAMPLE" >"$T/two.csv"
run import --dry-run "$T/two.csv"
expect_grep "(0 new, 2 updated, 13 unchanged)" "$T/out" "15.3: a dry run of two changed rows"
run import "$T/two.csv"
expect_grep "15 accounts (0 new, 2 updated, 13 unchanged), 0 rejected" "$T/out" "15.3: the import agrees with its dry run"
run imports --undo 3
expect_rc 0 "15.3: the unchanged accounts do not stand in the undo's way"
run import "$T/two.csv"
expect_grep "two.csv: 15 accounts (0 new, 2 updated, 13 unchanged)" "$T/out" "15.3: an undone import's file can be imported again"

# 15.2: what changed, completely, after every import and kept with it.
DB="$T/watch.db"
cat >"$T/w1.csv" <<'EOF'
Account Name,Renewal Date,NPS,Product,Satisfaction,Support,Sponsorship
Alpha,2027-06-01,,80,80,80,80
Bravo,2027-09-01,,90,90,90,90
Charlie,2027-06-01,,70,70,70,70
Delta,2027-02-01,,70,70,70,70
Echo,2027-03-15,,70,70,70,70
Golf,2027-12-01,9,60,85,80,80
Hotel,2027-12-01,,70,70,70,70
EOF
cat >"$T/w2.csv" <<'EOF'
Account Name,Renewal Date,NPS,Product,Satisfaction,Support,Sponsorship
Alpha,2027-06-01,,20,40,80,80
Bravo,2027-09-01,,70,80,90,90
Charlie,2027-08-01,,70,70,70,70
Delta,2028-02-01,,70,70,70,70
Echo,2027-03-15,,70,70,70,70
Foxtrot,2027-10-01,,55,60,60,60
Golf,2027-12-01,9,90,85,80,80
EOF
run --as-of 2026-11-01 import "$T/w1.csv"
expect_no_grep "missing:" "$T/out" "15.2: a book's first import lists nothing more"
run --as-of 2026-12-15 import "$T/w2.csv"
expect_rc 0 "15.2: the second week"
cp "$T/out" "$T/w2.out"
expect_grep "  turned red:      Alpha, health 40 (was 80): Product 80 -> 20, Satisfaction 80 -> 40" "$T/out" "15.2: turned red, naming the components that moved"
expect_grep "  health dropped:  Bravo, 90 -> 78: Product 90 -> 70, Satisfaction 90 -> 80" "$T/out" "15.2: a drop of 10 or more, naming the components"
expect_grep "  renewal moved:   Charlie, 2027-06-01 -> 2027-08-01" "$T/out" "15.2: a renewal moved, old -> new"
expect_grep "  renewed:         Delta, 2027-02-01 -> 2028-02-01" "$T/out" "15.2: a renewal renewed"
expect_grep "  renewal soon:    Echo, renews 2027-03-15 (in 90 days)" "$T/out" "15.2: a renewal entered the window"
expect_grep "  new account:     Foxtrot, health 58 (amber)" "$T/out" "15.2: a new account by name"
expect_grep "  case study:      Golf, now a candidate: health 86 is green; NPS 9: a promoter" "$T/out" "15.2: a new case-study candidate, with the model's reasons"
expect_grep "  missing:         Hotel, not in this export; last data 2026-11-01" "$T/out" "15.2: an account missing from the export"
expect_no_grep "Echo, health" "$T/out" "15.2: an account that did not move is not listed"
run imports --changes 2
expect_rc 0 "15.2: the changes are kept with the import"
tail -n +2 "$T/out" >"$T/kept.out"
tail -n +2 "$T/w2.out" >"$T/told.out"
cmp -s "$T/kept.out" "$T/told.out" && ok || bad "15.2: csm imports --changes does not tell what the import told: $(diff "$T/told.out" "$T/kept.out" | head -5)"
run imports --changes 1
expect_grep "nothing to look at" "$T/out" "15.2: the first import kept an empty list"
run imports --changes 9
expect_rc 1 "15.2: the changes of an import that does not exist"
expect_grep "there is no import 9 (csm imports lists them)" "$T/err" "15.2: --changes names the import it cannot find"
# The same day again: against the snapshot it replaced (78), not last week's (90).
sed 's/^Bravo,2027-09-01,,70,80/Bravo,2027-09-01,,40,60/' "$T/w2.csv" >"$T/w2b.csv"
run --as-of 2026-12-15 import "$T/w2b.csv"
expect_grep "  health dropped:  Bravo, 78 -> 58: Product 70 -> 40, Satisfaction 80 -> 60" "$T/out" "15.2: a same-day re-import against the snapshot it replaced"
expect_no_grep "Alpha" "$T/out" "15.2: what the replaced snapshot already had is not told again"
# Stale: no data for more than flags.stale_days (45) days, in the list and its CSV.
"$CSM" --db "$DB" --as-of 2027-01-20 list --format json >"$T/out"
expect_json '[a["name"] for a in d if a["stale"]] == ["Hotel"]' "15.2: the account without data for 80 days is stale in list JSON"
"$CSM" --db "$DB" --as-of 2027-01-20 list --format csv >"$T/out"
expect_grep "Hotel," "$T/out" "15.2: list CSV"
python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); sys.exit(0 if [x["name"] for x in r if x["stale"] == "yes"] == ["Hotel"] else 1)' "$T/out" && ok || bad "15.2: the stale column of list CSV"
printf '{"flags": {"stale_days": 100}}' >"$T/stale.json"
"$CSM" --config "$T/stale.json" --db "$DB" --as-of 2027-01-20 list --format json >"$T/out"
expect_json 'not any(a["stale"] for a in d)' "15.2: the staleness is configurable"

# A fall in use the playbook calls a warning sign (25% within a month),
# which moves health only 6 points: told, and kept with the import.
U="$T/usage.db"
printf 'Account Name,Renewal Date,Product,Satisfaction,Support,Sponsorship\nKilo,2027-09-01,40,80,80,80\nLima,2027-09-01,70,70,70,70\n' >"$T/u1.csv"
printf 'Account Name,Renewal Date,Product,Satisfaction,Support,Sponsorship\nKilo,2027-09-01,28,80,80,80\nLima,2027-09-01,70,70,70,70\n' >"$T/u2.csv"
"$CSM" --db "$U" --as-of 2027-01-01 import "$T/u1.csv" >/dev/null 2>&1
"$CSM" --db "$U" --as-of 2027-01-15 import "$T/u2.csv" >"$T/out" 2>"$T/err"
expect_grep "  usage fell:      Kilo, 30% less use: Product 40 -> 28" "$T/out" "15.2: a usage drop, though health fell 6 points"
expect_no_grep "Lima" "$T/out" "15.2: an account that held is not told"
"$CSM" --db "$U" imports --changes 2 >"$T/out" 2>"$T/err"
expect_grep "  usage fell:      Kilo, 30% less use: Product 40 -> 28" "$T/out" "15.2: the usage drop kept with the import"
"$CSM" --db "$U" --as-of 2027-01-29 import --force "$T/u2.csv" >"$T/out" 2>"$T/err"
expect_grep "2 accounts (0 new, 2 updated)" "$T/out" "15.2: the same scores a fortnight later"
expect_no_grep "usage fell" "$T/out" "15.2: a drop already told is not told again"

# A renewal in months (the sample's Renewal column) is reckoned from the
# export's day: next week's export of the same months keeps the stored date
# (no "renewal moved" for all fifteen), a figure a term later is a renewal.
M="$T/months.db"
"$CSM" --db "$M" --as-of 2027-01-01 import "$SAMPLE" >/dev/null 2>&1
"$CSM" --db "$M" --as-of 2027-01-08 import --force "$SAMPLE" >"$T/out" 2>"$T/err"
expect_rc 0 "15.2: the same months a week later"
expect_no_grep "renewal moved:" "$T/out" "15.2: months a week later move no renewal"
"$CSM" --db "$M" --as-of 2027-01-08 list --format json >"$T/out"
expect_json '{a["name"]: a["renewal_date"] for a in d}["Customer 1"] == "2027-02-01"' "15.2: the stored renewal date stands"
sed 's/^Customer 1,\([0-9]*\),\([0-9]*\),1,/Customer 1,\1,\2,13,/' "$SAMPLE" >"$T/renewed.csv"
"$CSM" --db "$M" --as-of 2027-01-15 import "$T/renewed.csv" >"$T/out" 2>"$T/err"
expect_grep "  renewed:         Customer 1, 2027-02-01 -> 2028-02-15" "$T/out" "15.2: months a term later: renewed"
expect_no_grep "Customer 2," "$T/out" "15.2: and the others still unmoved"

finish
