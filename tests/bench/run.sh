#!/bin/sh
# make bench: csm against what a CSM team would otherwise use, on generated
# books of 100,000 and 1,000,000 accounts. Prints one table. Not part of
# make check. BENCH_SIZES and BENCH_RUNS override the defaults.
set -eu
CSM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SIZES=${BENCH_SIZES:-"100000 1000000"}
RUNS=${BENCH_RUNS:-3}
T=$(mktemp -d)
trap 'tmux -S "$T/tmux.sock" kill-server 2>/dev/null || true; rm -rf "$T"' EXIT
export TZ=UTC HOME="$T" LC_ALL=C.UTF-8
unset XDG_DATA_HOME XDG_CONFIG_HOME CSM_DB CSM_CONFIG
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 (the command) is needed"; exit 1; }

# gen N FILE: a deterministic book in the sample's format, with "no data"
# cells and quoted names that hold commas.
gen() {
  awk -v n="$1" 'BEGIN {
    srand(20270101); print "Client,Term,ACV,Renewal,Trend,Health,Product,Satisfaction,Support,Sponsorship";
    split("Up,Level,Down", t, ",");
    for (i = 1; i <= n; i++) {
      p = int(rand() * 101); s = (i % 17 == 0) ? "no data" : int(rand() * 101);
      printf "\"Account %d, Inc\",%d,%d,%d,%s,,%d,%s,%d,%d\n", i, i % 10, 1000 + int(rand() * 200000), i % 13,
             t[1 + i % 3], p, s, int(rand() * 101), int(rand() * 101) } }' >"$2"
}

# timed LABEL CMD...: seconds and peak KB of one run, into $secs and $kb.
timed() {
  /usr/bin/time -f "%e %M" -o "$T/time" "$@" >/dev/null 2>"$T/err" || { echo "bench: failed: $*"; cat "$T/err"; exit 1; }
  secs=$(cut -d' ' -f1 "$T/time"); kb=$(cut -d' ' -f2 "$T/time")
}
median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
row() { printf '%-34s %10s %10s %10s  %s\n' "$@"; }

echo "csm benchmark on $(uname -m), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sqlite3 --version | cut -d' ' -f1) (sqlite3), $(date -u +%Y-%m-%d)"
row "measure" "accounts" "seconds" "peak MB" "note"
for n in $SIZES; do
  gen "$n" "$T/book.csv"
  csm_t="" sq_t="" peak=0
  i=0
  while [ $i -lt "$RUNS" ]; do
    rm -f "$T/csm.db"* "$T/sq.db"
    timed "$CSM" --db "$T/csm.db" --as-of 2027-01-01 import "$T/book.csv"; csm_t="$csm_t $secs"; [ "$kb" -gt "$peak" ] && peak=$kb
    timed sqlite3 "$T/sq.db" ".import --csv $T/book.csv t"; sq_t="$sq_t $secs"
    i=$((i + 1))
  done
  c=$(echo $csm_t | median); s=$(echo $sq_t | median)
  row "import (empty database)" "$n" "$c" "$((peak / 1024))" "median of $RUNS"
  row "sqlite3 .import, same file" "$n" "$s" "" "median of $RUNS"
  row "  ratio csm / sqlite3" "$n" "$(awk -v a="$c" -v b="$s" 'BEGIN { printf "%.2f", a / b }')" "" "target 0.5"
  timed "$CSM" --db "$T/csm.db" --as-of 2027-02-01 import --force "$T/book.csv"
  row "re-import (all updated, snapshot)" "$n" "$secs" "$((kb / 1024))" "ratio $(awk -v a="$secs" -v b="$s" 'BEGIN { printf "%.2f", a / b }'), target 0.8"
  timed "$CSM" --db "$T/csm.db" --as-of 2027-03-01 import --dry-run --force "$T/book.csv"
  row "import --dry-run against the book" "$n" "$secs" "$((kb / 1024))" "every row looked up"
  timed "$CSM" --db "$T/csm.db" --as-of 2027-02-01 list --format csv
  row "list --format csv" "$n" "$secs" "$((kb / 1024))" "target 1.5 s"
  timed "$CSM" --db "$T/csm.db" --as-of 2027-02-01 flags --format json
  row "flags --format json" "$n" "$secs" "$((kb / 1024))" "target 2 s"
  timed "$CSM" --db "$T/csm.db" --as-of 2027-02-01 plan --format json
  row "plan --format json" "$n" "$secs" "$((kb / 1024))" "target 2 s"

  # The interface, through tmux: start to the first screen of accounts (a big
  # book shows its first page by name while it loads), then to the whole book
  # (the table sorted by risk), then a sort. Polling tmux costs CPU too: after
  # the first screen it polls less often.
  if command -v tmux >/dev/null; then
    S="$T/tmux.sock"
    start=$(date +%s.%N)
    tmux -S "$S" -f /dev/null new-session -d -s b -x 120 -y 40 \
      "env TERM=xterm-256color '$CSM' --db '$T/csm.db' --as-of 2027-02-01; sleep 30"
    until tmux -S "$S" capture-pane -p -t b 2>/dev/null | grep -q "Account"; do sleep 0.01; done
    first=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    row "interface: start to first screen" "$n" "$first" "" "target 0.2 s (tmux polling)"
    until tmux -S "$S" capture-pane -p -t b | grep -q "sort: Flags"; do sleep 0.05; done
    row "interface: start to whole book" "$n" \
      "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')" "" "sorted by risk, flags shown"
    # Sorting by name: the status bar says so once the rows are in order.
    start=$(date +%s.%N)
    tmux -S "$S" send-keys -t b s
    until tmux -S "$S" capture-pane -p -t b | grep -q "sort: Client"; do sleep 0.005; done
    row "interface: sort by the next column" "$n" \
      "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')" "" "target 1 s"
    # On to the health column (Seg, Term, ACV, Renews, Trend, then Health):
    # the last sort is the one timed.
    tmux -S "$S" send-keys -t b s s s s s
    until tmux -S "$S" capture-pane -p -t b | grep -q "sort: Trend"; do sleep 0.02; done
    start=$(date +%s.%N)
    tmux -S "$S" send-keys -t b s
    until tmux -S "$S" capture-pane -p -t b | grep -q "sort: Health"; do sleep 0.005; done
    row "interface: sort by health" "$n" \
      "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')" "" "target 1 s"
    # A search typed in whole: the name of an account near the end.
    who="Account $((n - n / 7)), Inc"
    tmux -S "$S" send-keys -t b /
    start=$(date +%s.%N)
    tmux -S "$S" send-keys -t b -l "$who"
    until tmux -S "$S" capture-pane -p -t b | grep -qF ">$who"; do sleep 0.005; done
    row "interface: search, $(printf %s "$who" | wc -c) keys typed" "$n" \
      "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')" "" "each key searches"
    tmux -S "$S" send-keys -t b Enter
    # A keystroke: to the top, then a hundred moves down in one go; the time
    # to the hundred-and-first row, divided by a hundred (drawing included).
    tmux -S "$S" send-keys -t b g
    until tmux -S "$S" capture-pane -p -t b | grep -qE "[^0-9]1/$n( |\$)"; do sleep 0.01; done
    start=$(date +%s.%N)
    tmux -S "$S" send-keys -t b -N 100 j
    until tmux -S "$S" capture-pane -p -t b | grep -qE "[^0-9]101/$n( |\$)"; do sleep 0.005; done
    row "interface: one keystroke (j), mean" "$n" \
      "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.4f", (b - a) / 100 }')" "" "of 100; target 0.016 s"
    tmux -S "$S" kill-server 2>/dev/null || true
  fi
done
