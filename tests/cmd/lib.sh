# Helpers for the command tests: a hermetic environment and assertions that
# count. Source it, call the checks, then `finish`.
set -u
CSM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=UTC HOME="$T/home" NO_COLOR=1 LC_ALL=C.UTF-8
unset XDG_DATA_HOME XDG_CONFIG_HOME CSM_DB CSM_CONFIG
mkdir -p "$HOME"
SAMPLE="$ROOT/data/partner-paradise.csv"
FIX="$ROOT/tests/fixtures"
EXP="$ROOT/tests/cmd/expected"
DB="$T/p.db"
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run ARGS...: runs csm on the test database; sets $rc, $T/out and $T/err.
run() {
  "$CSM" --db "$DB" --as-of 2027-01-01 "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

expect_rc() { # CODE LABEL
  if [ "$rc" = "$1" ]; then ok; else bad "$2: exit $rc, expected $1; stderr: $(head -3 "$T/err")"; fi
}

expect_out() { # FILE LABEL: stdout equals the file (UPDATE=1 rewrites it, after a deliberate change)
  if [ "${UPDATE:-}" = 1 ] && ! cmp -s "$T/out" "$1"; then cp "$T/out" "$1"; echo "updated $1"; fi
  if cmp -s "$T/out" "$1"; then ok; else bad "$2: output differs from $1:"; diff "$1" "$T/out" | head -10; fi
}

expect_grep() { # PATTERN FILE LABEL (fixed string)
  if grep -qF -- "$1" "$2"; then ok; else bad "$3: '$1' not in $(basename "$2"): $(head -3 "$2")"; fi
}

expect_no_grep() { # PATTERN FILE LABEL
  if grep -qF -- "$1" "$2"; then bad "$3: '$1' found in $(basename "$2")"; else ok; fi
}

# One python3 for every JSON check of a test file, not one for each (their
# start-up was most of the time): started at the first check, it reads a
# file name and an expression from a pipe and answers "ok", "false" or the
# error, one line. The expression sees d (the file's JSON), json and sys.
JSON_CHECKER='
import json, sys, traceback
req = open(sys.argv[1]); resp = open(sys.argv[2], "w")
while True:
    path = req.readline()
    if not path:
        break
    lines = []
    for line in req:
        if line == "\x1e\n":
            break
        lines.append(line)
    try:
        d = json.load(open(path.rstrip("\n")))
        ans = "ok" if eval("".join(lines).rstrip("\n"), {"json": json, "sys": sys, "d": d}) else "false"
    except BaseException as e:
        ans = traceback.format_exception_only(type(e), e)[-1].strip().replace("\n", " ")
    resp.write(ans + "\n")
    resp.flush()
'
json_checker_start() {
  mkfifo "$T/json.req" "$T/json.resp" || return 1
  python3 -c "$JSON_CHECKER" "$T/json.req" "$T/json.resp" &
  exec 3>"$T/json.req" 4<"$T/json.resp"
  JSON_CHECKER_ON=1
}

expect_json() { # PYTHON-EXPRESSION-OVER-d LABEL: on stdout
  [ "${JSON_CHECKER_ON:-}" ] || json_checker_start || { bad "$2: cannot start the JSON checker"; return; }
  printf '%s\n%s\n\036\n' "$T/out" "$1" >&3
  IFS= read -r ans <&4 || ans="the JSON checker stopped"
  case $ans in
    ok) ok ;;
    false) bad "$2: JSON check failed: $1 " ;;
    *) bad "$2: JSON check failed: $1 $ans" ;;
  esac
}

finish() {
  echo "$(basename "$0" .sh) ($(basename "$CSM")): $pass passed, $fail failed"
  [ "$fail" = 0 ]
}
