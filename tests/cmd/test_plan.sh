# The quarterly plan: formats, capacity, printing, saving and tracking.
. "$(dirname "$0")/lib.sh"

run import "$SAMPLE"
expect_rc 0 "import"

run plan --format json
expect_rc 0 "plan json"
expect_json 'all(k in d for k in ("start","end","capacity_hours","planned_hours","activities","deferred"))' "plan json shape"
expect_json 'd["start"] == "2027-01-01" and d["end"] == "2027-03-31" and d["capacity_hours"] == 252 and len(d["activities"]) == 25' "the exercise's quarter, capacity and count"
expect_json 'all(all(a[k] not in ("", None) for k in ("ref","client","kind","description","purpose","results","measurement","duration_hours","deadline","notes")) for a in d["activities"])' "every field filled"
expect_json 'len({a["ref"] for a in d["activities"] + d["deferred"]}) == len(d["activities"]) + len(d["deferred"])' "refs unique"
expect_json 'all(dep in {x["ref"] for x in d["activities"]} for a in d["activities"] for dep in a["dependencies"])' "dependencies inside the plan"
expect_json 'sum(a["duration_hours"] for a in d["activities"]) == d["planned_hours"] <= d["capacity_hours"]' "hours add up, within capacity"
expect_json '{a["kind"] for a in d["activities"]} == {"retention","expansion","advocacy"}' "all three kinds"
cp "$T/out" "$T/plan1.json"
run plan --format json
cmp -s "$T/out" "$T/plan1.json" && ok || bad "the same inputs give the same plan, byte for byte"

run plan --format csv
expect_rc 0 "plan csv"
python3 - "$T/out" "$T/plan1.json" <<'PY' && ok || bad "csv parses back to the json's rows"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
plan = json.load(open(sys.argv[2]))
planned = [r for r in rows if r["status"] == "planned"]
assert len(planned) == len(plan["activities"]), (len(planned), len(plan["activities"]))
for r, a in zip(planned, plan["activities"]):
    for k in ("ref", "client", "kind", "description", "purpose", "results", "measurement", "deadline", "notes"):
        assert r[k] == a[k], (k, r[k], a[k])
    assert float(r["duration_hours"]) == a["duration_hours"]
    assert r["dependencies"] == ", ".join(a["dependencies"])
assert len(rows) - len(planned) == len(plan["deferred"])
PY

run plan --format ics
expect_rc 0 "plan ics"
python3 - "$T/out" <<'PY' && ok || bad "ics passes the RFC 5545 checks"
import re, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "ends with CRLF"
assert b"\n" not in raw.replace(b"\r\n", b""), "bare LF"
assert b"\r" not in raw.replace(b"\r\n", b""), "bare CR"
lines = raw.split(b"\r\n")[:-1]
for l in lines:
    assert len(l) <= 75, ("line longer than 75 octets", l)
    l.decode("utf-8")  # folding never splits a character
# unfold
text = raw.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
props = text.split("\r\n")[:-1]
assert props[0] == "BEGIN:VCALENDAR" and props[-1] == "END:VCALENDAR"
assert "VERSION:2.0" in props and any(p.startswith("PRODID:") for p in props)
stack, uids, events = [], set(), 0
for p in props:
    assert re.match(r"^[A-Z-]+(;[A-Z-]+=[^:;]+)*:", p), ("malformed content line", p)
    if p.startswith("BEGIN:"):
        stack.append(p[6:]); cur = {}
    elif p.startswith("END:"):
        assert stack.pop() == p[4:]
        if p == "END:VEVENT":
            events += 1
            for req in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert req in cur, ("missing", req)
            assert cur["UID"] not in uids; uids.add(cur["UID"])
            assert re.match(r"^\d{8}T\d{6}Z$", cur["DTSTAMP"])
            assert cur["DTEND"] > cur["DTSTART"]
    elif stack and stack[-1] == "VEVENT":
        name, _, value = p.partition(":")
        cur[name.split(";")[0]] = value
        if name.split(";")[0] in ("SUMMARY", "DESCRIPTION"):
            # TEXT: commas and semicolons escaped, no raw newline
            assert not re.search(r"(?<!\\)[,;]", value), ("unescaped", value)
assert not stack and events == 25, events
PY
cp "$T/out" "$T/plan1.ics"
run plan --format ics
cmp -s "$T/out" "$T/plan1.ics" && ok || bad "ics UIDs and stamps are stable"

run plan --format md
expect_rc 0 "plan md"
expect_grep "# Quarterly activity plan" "$T/out" "md title"
run plan
expect_rc 0 "plan text"
expect_grep "QUARTERLY ACTIVITY PLAN" "$T/out" "text header"
[ "$(wc -L <"$T/out")" -le 80 ] && ok || bad "text plan fits 80 columns (characters): $(wc -L <"$T/out")"
grep -q "$(printf '\f')" "$T/out" && ok || bad "text plan is paginated"
run plan --quarter 2027-Q2 --format json
expect_json 'd["start"] == "2027-04-01" and d["end"] == "2027-06-30" and all("2027-04-01" <= a["deadline"] <= "2027-06-30" for a in d["activities"])' "--quarter"
run plan --count 10 --format json
expect_json 'len(d["activities"]) == 10' "--count"
run plan --capacity 20 --format json
expect_json 'd["planned_hours"] <= 20 and d["capacity_hours"] == 20 and any("capacity" in a["why_deferred"] for a in d["deferred"])' "--capacity bounds the plan"
run plan --quarter 2027-Q9
expect_rc 2 "bad quarter"
run plan --format pdf
expect_rc 2 "bad plan format"

# --print: lp through a pipe, never a shell.
mkdir -p "$T/bin"
cat >"$T/bin/lp" <<SH
#!/bin/sh
printf '%s\n' "\$@" >"$T/lp.args"
cat >"$T/lp.in"
SH
chmod +x "$T/bin/lp"
# A hostile account name, renewing soon so that the plan names it.
printf 'Client,ACV,Renewal,Product,Satisfaction,Support,Sponsorship\n"Evil $(touch %s/pwned); `touch %s/pwned2`",99000,1,30,30,30,30\n' "$T" "$T" >"$T/evil.csv"
run import "$T/evil.csv"
expect_rc 0 "import a hostile name"
PATH="$T/bin:$PATH" "$CSM" --db "$DB" --as-of 2027-01-01 plan --print >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "plan --print"
expect_grep "QUARTERLY ACTIVITY PLAN" "$T/lp.in" "the printer got the text plan"
expect_grep 'Evil $(touch' "$T/lp.in" "the hostile name is printed as text"
[ ! -e "$T/pwned" ] && [ ! -e "$T/pwned2" ] && ok || bad "a name ran as a command"
PATH="/nonexistent" "$CSM" --db "$DB" --as-of 2027-01-01 plan --print >"$T/out" 2>"$T/err"; rc=$?
expect_rc 1 "plan --print without lp"
expect_grep "--print needs lp or lpr" "$T/err" "no printer message"

# Saving and tracking.
run plan --save --format json
expect_rc 0 "plan --save"
run activities --format json
expect_json 'len(d) == 25 and all(a["status"] == "planned" for a in d)' "saved activities"
cp "$T/out" "$T/saved.json"
one=$(python3 -c 'import json,sys; print([a["ref"] for a in json.load(open(sys.argv[1])) if not a["client"][0].isdigit() and a["ref"] != "RET-03"][0])' "$T/saved.json")
run done "$one"
expect_rc 0 "done"
run drop ret-03
expect_rc 0 "drop (any case)"
run activities --format json
expect_json '[a["status"] for a in d if a["ref"] == "'"$one"'"] == ["done"] and [a["status"] for a in d if a["ref"] == "RET-03"] == ["dropped"]' "status changed"
run done RET-99
expect_rc 1 "done unknown ref"
first=$(python3 -c 'import json,sys; print([a["client"] for a in json.load(open(sys.argv[1])) if a["ref"] == sys.argv[2]][0])' "$T/saved.json" "$one")
run show "$first" --format json
expect_json 'any(a["ref"] == "'"$one"'" and a["status"] == "done" for a in d["activities"])' "show lists the saved activities"
run plan --save --format json
run activities --format json
expect_json 'len(d) == 25 and len(set(a["ref"] for a in d)) == 25 and [a["status"] for a in d if a["ref"] == "'"$one"'"] == ["done"] and [a["status"] for a in d if a["ref"] == "RET-03"] == ["dropped"] and sum(a["status"] == "planned" for a in d) == 23' "saving again replaces the quarter's plan, keeping what was recorded (issue 12 item 4)"

# A book with more deferred work than is listed: Markdown, like text and
# JSON, counts all of it, and says how many it shows.
awk 'BEGIN { print "Client,ACV,Renewal,Product,Satisfaction,Support,Sponsorship"
  for (i = 1; i <= 300; i++) printf "Big %03d,%d,%d,30,30,30,30\n", i, 50000 + i * 100, 1 + i % 3 }' >"$T/big.csv"
DB="$T/big.db"
run import "$T/big.csv"
run plan --format json
total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deferred_count"])' "$T/out")
run plan --format md
expect_grep "; $total deferred." "$T/out" "md counts every deferred activity"
expect_grep "## Deferred ($total), the 100 most valuable first" "$T/out" "md says how many it lists"

# A book in crisis (Northwind, 42 accounts, three monthly exports: its
# must-do work alone is most of the quarter): the list is still whole, the
# heavy work does not take the places of the light touches.
DB="$T/northwind.db"
for d in 2027-05-01 2027-06-01 2027-07-01; do
  "$CSM" --db "$DB" --as-of $d import "$FIX/northwind/northwind-$d.csv" >/dev/null 2>&1
done
"$CSM" --db "$DB" --as-of 2027-07-01 plan --format json >"$T/out" 2>/dev/null
expect_json 'len(d["activities"]) == 25 and d["planned_hours"] <= d["capacity_hours"]' "a book in crisis still gets the 25 activities within its hours"
expect_json 'len(set(n for a in d["activities"] for n in a["accounts"])) >= 30' "a book in crisis: most accounts served"
# Another (a CRM's export, 41 accounts, $3.4M, two of this week): its
# must-do work is more than the quarter; every renewal of the quarter is in
# the plan all the same, the first ones too, each lighter.
DB="$T/crisis.db"
"$CSM" --db "$DB" --as-of 2027-01-04 import "$FIX/crisis/export-2027-01-04.csv" >/dev/null 2>&1
"$CSM" --db "$DB" --as-of 2027-01-06 import "$FIX/crisis/export-2027-01-06.csv" >/dev/null 2>&1
"$CSM" --db "$DB" --as-of 2027-01-08 list --format json >"$T/crisis-list.json"
"$CSM" --db "$DB" --as-of 2027-01-08 plan --format json >"$T/out" 2>/dev/null
expect_json 'len(d["activities"]) == 25 and d["planned_hours"] <= d["capacity_hours"]' "a book whose must-do work is more than the quarter: 25 activities within the hours"
expect_json 'not [x["name"] for x in json.load(open("'"$T/crisis-list.json"'")) if x["renewal_date"] and d["start"] <= x["renewal_date"] <= d["end"] and x["name"] not in set(n for a in d["activities"] for n in a["accounts"])]' "a book whose must-do work is more than the quarter: every renewal in it is planned"

finish
