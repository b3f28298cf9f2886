# Long work shows one line of progress on a terminal's standard error:
# import, dry run, backup, check, the upgrade (issue 15.13). In a pipe it
# prints nothing extra.
. "$(dirname "$0")/lib.sh"

# on_tty ARGS...: csm with standard error on a terminal (a pty, 100 columns)
# and standard output in $T/stdout; the exit status in $rc. What the
# terminal got goes to $T/out as JSON for expect_json: t, the text, lines,
# its pieces between \r and \n with trailing spaces cut, and secs, the time
# taken.
on_tty() {
  python3 - "$T/stdout" "$T/out" "$CSM" "$@" <<'PY'
import fcntl, json, os, pty, re, struct, subprocess, sys, termios, time
out, res, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
m, s = pty.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
t = time.monotonic()
p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=open(out, "wb"), stderr=s)
os.close(s)
got = b""
while True:
    try:
        chunk = os.read(m, 65536)
    except OSError:
        break
    if not chunk:
        break
    got += chunk
rc = p.wait()
text = got.decode("utf-8", "replace")
json.dump({"t": text, "lines": [x.rstrip(" ") for x in re.split("[\r\n]", text)],
           "secs": time.monotonic() - t}, open(res, "w"))
sys.exit(rc)
PY
  rc=$?
}

tty_check() { # PYTHON-EXPR LABEL: over t, lines and secs (and re)
  expect_json "(lambda t, lines, secs, re: $1)(d['t'], d['lines'], d['secs'], __import__('re'))" "$2"
}

# The last thing on the terminal is the line erased: nothing after the last \r but spaces.
ERASED='t.endswith("\r") and t.rstrip("\r").rsplit("\r", 1)[-1].strip() == ""'

on_tty --db "$DB" --as-of 2027-01-01 import "$SAMPLE"
expect_rc 0 "import on a terminal"
tty_check '"csm: importing partner-paradise.csv: 15 rows, 100%" in lines' "import: rows and percent on the terminal"
tty_check "$ERASED" "import: the line is erased at the end"
tty_check 'all(not l or l.startswith("csm: importing") for l in lines)' "import: nothing else on standard error"
expect_grep "partner-paradise.csv: 15 accounts (15 new, 0 updated), 0 rejected" "$T/stdout" "the summary on standard output"
expect_no_grep "importing" "$T/stdout" "no progress on standard output"

# A note during the import gets a line of its own, not the progress line's end.
printf 'Client,Product,Region\nA,50,north\nB,60,south\n' >"$T/notes.csv"
on_tty --db "$DB" --as-of 2027-01-01 import "$T/notes.csv"
expect_rc 0 "import with a note"
tty_check 'any(l.startswith("csm: notes.csv: note: 1 column is not used") for l in lines)' "the note on a line of its own"
tty_check "$ERASED" "the line erased after the note"

on_tty --db "$DB" --as-of 2027-01-02 import --dry-run --force "$SAMPLE"
expect_rc 0 "dry run on a terminal"
tty_check 'any(l.startswith("csm: checking partner-paradise.csv: 15 rows, 100%") for l in lines)' "dry run: its progress line"
tty_check "$ERASED" "dry run: erased"

# A bigger file: the line is redrawn in place, at most five times a second,
# with the rate.
awk 'BEGIN { print "Client,ACV,Product"; for (i = 1; i <= 100000; i++) printf "Account %d,%d,%d\n", i, 1000 + i, i % 101 }' >"$T/big.csv"
on_tty --db "$T/big.db" --as-of 2027-01-01 import "$T/big.csv"
expect_rc 0 "a bigger import on a terminal"
tty_check "len([l for l in lines if l.startswith('csm: importing big.csv:')]) >= 2" "redrawn as it goes"
tty_check "len([l for l in lines if l.startswith('csm: importing big.csv:')]) <= 5 * secs + 4" "at most five times a second"
tty_check 'any(re.fullmatch(r"csm: importing big\.csv: [0-9,]+ rows, [0-9]+%, [0-9,]+ rows/s", l) for l in lines)' "rows, percent and rate"
tty_check '"csm: importing big.csv: 100,000 rows, 100%: saving" in lines' "the last stage said"
tty_check 'all(len(l) < 100 for l in lines)' "the line fits the terminal"
tty_check "$ERASED" "the bigger import's line erased"

on_tty --db "$T/big.db" backup "$T/copy.db"
expect_rc 0 "backup on a terminal"
tty_check 'any(re.fullmatch(r"csm: copying the database to copy\.db: [0-9,]+ pages, [0-9]+%.*", l) for l in lines)' "backup: pages and percent"
tty_check "$ERASED" "backup: erased"
expect_grep "copied to $T/copy.db" "$T/stdout" "backup: its message on standard output"

on_tty --db "$T/big.db" check
expect_rc 0 "check on a terminal"
tty_check 'any(re.fullmatch(r"csm: checking the database: [0-9]+ s", l) for l in lines)' "check: its progress line"
tty_check "$ERASED" "check: erased"

sqlite3 "$T/v6.db" <"$FIX/schema/v6.sql"
on_tty --db "$T/v6.db" --as-of 2027-01-01 list --format csv
expect_rc 0 "an upgrade on a terminal"
tty_check 'any(l.startswith("csm: copying the database to v6.db.schema6.bak:") for l in lines)' "upgrade: the copy before it"
tty_check 'any(re.fullmatch(r"csm: upgrading the database \(schema 6 to 7\): [0-9]+ s", l) for l in lines)' "upgrade: its progress line"
tty_check "$ERASED" "upgrade: erased"

# In a pipe: nothing extra.
rm -f "$T/big.db"
"$CSM" --db "$T/big.db" --as-of 2027-01-01 import "$T/big.csv" >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "import in a pipe"
[ ! -s "$T/err" ] && ok || bad "import in a pipe: standard error not empty: $(head -c 200 "$T/err")"
"$CSM" --db "$T/big.db" --as-of 2027-01-02 import --dry-run "$T/big.csv" 2>"$T/err" | cat >"$T/out"
[ ! -s "$T/err" ] && ok || bad "dry run in a pipe: standard error not empty"
"$CSM" --db "$T/big.db" backup "$T/copy2.db" 2>&1 | cat >"$T/out"
[ "$(cat "$T/out")" = "copied to $T/copy2.db" ] && ok || bad "backup in a pipe: only its message: $(head -c 200 "$T/out")"
"$CSM" --db "$T/big.db" check 2>&1 | cat >"$T/out"
[ "$(cat "$T/out")" = "$T/big.db: ok (integrity and links between tables)" ] && ok || bad "check in a pipe: only its message"
sqlite3 "$T/v6b.db" <"$FIX/schema/v6.sql"
"$CSM" --db "$T/v6b.db" --as-of 2027-01-01 list --format csv >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "an upgrade in a pipe"
[ ! -s "$T/err" ] && ok || bad "upgrade in a pipe: standard error not empty: $(head -c 200 "$T/err")"

finish
