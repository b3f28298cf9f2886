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

expect_out() { # FILE LABEL: stdout equals the file
  if cmp -s "$T/out" "$1"; then ok; else bad "$2: output differs from $1:"; diff "$1" "$T/out" | head -10; fi
}

expect_grep() { # PATTERN FILE LABEL (fixed string)
  if grep -qF -- "$1" "$2"; then ok; else bad "$3: '$1' not in $(basename "$2"): $(head -3 "$2")"; fi
}

expect_no_grep() { # PATTERN FILE LABEL
  if grep -qF -- "$1" "$2"; then bad "$3: '$1' found in $(basename "$2")"; else ok; fi
}

expect_json() { # PYTHON-EXPRESSION-OVER-d LABEL: on stdout
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$T/out" 2>"$T/pyerr"; then ok
  else bad "$2: JSON check failed: $1 $(cat "$T/pyerr" | tail -1)"; fi
}

finish() {
  echo "$(basename "$0" .sh) ($(basename "$CSM")): $pass passed, $fail failed"
  [ "$fail" = 0 ]
}
