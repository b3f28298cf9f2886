#!/bin/sh
# Interface tests: the real program in a real terminal (tmux), driven with
# send-keys and read with capture-pane. $1 is the csm to test.
set -u
[ $# = 1 ] || { echo "usage: $0 PATH-TO-CSM" >&2; exit 2; }
command -v tmux >/dev/null || { echo "ui: tmux is needed"; exit 1; }
CSM=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
n=0
SOCK="$T/tmux-0.sock"
cleanup() { for s in "$T"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
export TZ=UTC HOME="$T/home"
unset XDG_DATA_HOME XDG_CONFIG_HOME CSM_DB CSM_CONFIG NO_COLOR
mkdir -p "$HOME"
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; echo "--- screen:"; cat "$T/screen"; echo "---"; }

"$CSM" --db "$T/p.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || exit 1

# start W H [ENV...]: opens csm in a fresh tmux session of that size, on
# the database $DB (the sample by default) with the options in $ARGS.
DB="$T/p.db" ARGS="" TERMNAME=xterm-256color
start() {
  w=$1 h=$2; shift 2
  tmux -S "$SOCK" kill-server 2>/dev/null
  n=$((n + 1))
  SOCK="$T/tmux-$n.sock" # a fresh server each time: no race with the old one
  tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x "$w" -y "$h" \
    "env TERM=$TERMNAME LANG=C.UTF-8 $* '$CSM' --db '$DB' --as-of 2027-01-01 $ARGS; echo EXITED=\$?; sleep 60"
}
screen() { tmux -S "$SOCK" capture-pane -p -t ui >"$T/screen" 2>/dev/null; }
keys() { tmux -S "$SOCK" send-keys -t ui "$@"; }
# wait_for TEXT: polls the screen for up to 5 s.
wait_for() {
  i=0
  while [ $i -lt 50 ]; do
    screen
    grep -qF -- "$1" "$T/screen" && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
check() { # TEXT LABEL
  if wait_for "$1"; then ok; else bad "$2: '$1' not on screen"; fi
}
check_not() { # TEXT LABEL
  sleep 0.2; screen
  if grep -qF -- "$1" "$T/screen"; then bad "$2: '$1' still on screen"; else ok; fi
}
# check_line N TEXT LABEL: line N (from 1) of the screen holds TEXT.
check_line() {
  i=0
  while [ $i -lt 50 ]; do
    screen
    sed -n "$1p" "$T/screen" | grep -qF -- "$2" && { ok; return; }
    sleep 0.1; i=$((i + 1))
  done
  bad "$3: '$2' not on line $1"
}
ESC=$(printf '\033')
# click X Y [double]: a left click at column X, line Y (from 1), as xterm sends it.
click() {
  keys -l "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"
  if [ $# = 3 ]; then sleep 0.1; keys -l "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"; fi
}
wheel() { keys -l "$ESC[<$(( $1 > 0 ? 65 : 64 ));10;10M"; } # wheel 1: down, -1: up

# 80x24: the portfolio, every account, moving, help, quit.
start 80 24
check "15 accounts" "header at 80x24"
check "Customer 15" "last account visible at 80x24"
check "Spon" "all four components fit in 80 columns"
check ">Customer 6" "the riskiest account is selected first"
keys s
check "sort: Client" "s sorts by the next column"
keys g
check ">Customer 1 " "g goes to the start"
keys j
check ">Customer 10" "j moves down"
keys Down Down
check ">Customer 12" "arrow keys move"
keys k
check ">Customer 11" "k moves up"
keys G
check ">Customer 9" "G goes to the end"
keys S
check "sort: Client ▼" "S reverses the sort"
keys '?'
check "quit from anywhere" "? shows the keys"
keys q
check "15 accounts" "q leaves help"
keys q
check "EXITED=0" "q quits with status 0"

# A small terminal, then bigger again: a notice, then the table.
start 80 24
check "15 accounts" "start before resize"
tmux -S "$SOCK" resize-window -t ui -x 40 -y 8
check "terminal too small" "tiny terminal notice"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check "Customer 15" "back to a large terminal"
check "(target 70)" "the wider header shows the target"
keys Q
check "EXITED=0" "Q quits"

# NO_COLOR: still readable, same content.
start 80 24 NO_COLOR=1
check "Customer 6" "NO_COLOR shows the table"
keys q
check "EXITED=0" "quit under NO_COLOR"

# Every screen at two sizes: the tab bar, the flags, the renewals, an account.
for size in "80 24" "120 40"; do
  set -- $size
  start "$1" "$2"
  at="at $1x$2"
  check "[1 Portfolio]  2 Flags  3 Renewals" "tab bar $at"
  check "15 of 15 shown" "shown count $at"
  check "8 churn  1 expansion  2 case study" "flag counts $at"
  keys 2
  check "[2 Flags]" "2 shows the flags $at"
  check "Churn risks (8)" "churn column $at"
  check "Expansion (1)" "expansion column $at"
  check "Case study (2)" "case study column $at"
  check "health 45 is red" "the first reason $at"
  check_line 4 "high   Customer 6" "churn by severity, then ACV $at"
  check_line 6 "high   Customer 9" "second churn risk $at"
  keys 3
  check "[3 Renewals]" "3 shows the renewals $at"
  check "overdue  ·" "the overdue row $at"
  check '2027-02  Customer 1 35k  Customer 7↓ 19k' "February's renewals $at"
  check '$54,000' "ACV due in February $at"
  check '15 renewals in 12 months, $450,000' "the year's renewals $at"
  check_line 16 "2027-12  Customer 10 34k" "December on its row $at"
  keys 1
  check "[1 Portfolio]" "1 goes back to the portfolio $at"
  keys Enter
  check "› Customer 6" "Enter opens the account $at"
  check "Renewal     2027-03-01, in 2 months" "the renewal $at"
  check "50.0% -> 50.0%" "weights and shares $at"
  check "health 45.38 -> 45 (rounded half up)" "the exact health $at"
  check "churn (high): health 45 is red" "the flag and its reasons $at"
  check "NPS —" "the attributes $at"
  check "none yet (a adds one)" "no notes $at"
  keys q
  check ">Customer 6" "q goes back to the portfolio $at"
  keys q
  check "EXITED=0" "q quits from the portfolio $at"
done

# Moving: arrows, j/k, pages, Home/End, g/G, Space, Ctrl-F/Ctrl-B.
start 80 24
check "1/15" "start at the first row"
keys j
check "2/15" "j moves down"
keys Down
check "3/15" "Down moves down"
keys k Up
check "1/15" "k and Up move up"
keys NPage
check "15/15" "PgDn goes a page down"
keys PPage
check "1/15" "PgUp goes a page up"
keys Space
check "15/15" "Space pages down"
keys C-b
check "1/15" "Ctrl-B pages up"
keys C-f
check "15/15" "Ctrl-F pages down"
keys Home
check "1/15" "Home goes to the first row"
keys End
check ">Customer 15" "End goes to the last row"
keys g
check ">Customer 6" "g goes to the first row"

# Tab, Shift-Tab and the numbers.
keys Tab
check "[2 Flags]" "Tab: the next screen"
keys Tab
check "[3 Renewals]" "Tab again"
keys Tab
check "[4 Plan]" "Tab to the plan"
keys Tab
check "[5 Imports]" "Tab to the imports"
keys Tab
check "[1 Portfolio]" "Tab wraps round"
keys BTab
check "[5 Imports]" "Shift-Tab: the previous screen"
keys BTab
check "[4 Plan]" "Shift-Tab again"
keys 3
check "[3 Renewals]" "3: the renewals"
keys 4
check "[4 Plan]" "4: the plan"
keys 5
check "[5 Imports]" "5: the imports"
keys q
check "[1 Portfolio]" "q on a tab goes back to the portfolio"

# The flags screen: columns and Enter.
keys 2
keys l
check "1/1" "l moves to the expansion column"
keys Enter
check "› Customer 3" "Enter opens the expansion target"
keys Escape
check "[2 Flags]" "Esc goes back to the flags"
keys Right
check "1/2" "Right moves to the case studies"
keys j
check "2/2" "j moves in the column"
keys h Left
check "1/8" "h and Left go back to the churn risks"
keys G
check "8/8" "G in a column"

# The renewals screen: months and the accounts in them.
keys 3
check "2027-01 0/0" "this month first"
keys j
check "2027-02 1/2" "j: the next month"
keys l
check "2027-02 2/2" "l: the next account in the month"
keys Enter
check "› Customer 7" "Enter opens the selected renewal"
keys q k
check "2027-01 0/0" "k: the month before"
keys Home
check "overdue 0/0" "Home: the overdue row"
keys q

# Search: as you type, Enter keeps, Esc cancels, n/N; case does not matter.
check "[1 Portfolio]" "back on the portfolio"
keys /
keys -l "customer 13"
check ">Customer 13" "typing a search selects the first match"
keys Enter
check "3/15" "Enter keeps the match"
keys /
keys -l "CUSTOMER 9"
check ">Customer 9 " "the search ignores case"
keys Escape
check ">Customer 13" "Esc cancels the search"
keys n
check "the only match" "n with one match"
keys / c u s t o m e r Space 1 Enter
check "3/15" "a search starts at the cursor (Customer 13 matches)"
keys n
check ">Customer 12" "n: the next match"
keys n
check ">Customer 10" "n again"
keys N N
check ">Customer 13" "N: the previous match"
keys / z z z
check "no match" "a search that finds nothing says so"
keys z
check "/ zzzz" "typing on after no match"
keys BSpace BSpace BSpace BSpace c u s t o m e r Space 7
check ">Customer 7" "erased, the search finds again"
keys Enter

# The filter cycles and counts; the header says how many are shown.
keys f
check "8 of 15 shown" "f: the churn risks"
check "filter: churn" "the filter in the header"
keys f
check "1 of 15 shown" "f: expansion"
keys f
check "2 of 15 shown" "f: case study"
keys f
check "3 of 15 shown" "f: red health"
keys f
check "8 of 15 shown" "f: amber health"
keys f
check "4 of 15 shown" "f: green health"
keys f
check "15 of 15 shown" "f: all again"

# Sort: s, <, S, and the cursor stays on its account.
keys g
check ">Customer 6" "the riskiest first"
keys s
check "sort: Client ▲" "s: by name"
check ">Customer 6" "the selected account stays selected"
keys g
check ">Customer 1 " "sorted by name"
keys '<'
check "sort: Flags ▼" "<: the previous column"
keys S
check "sort: Flags ▲" "S reverses"
keys S

# Ctrl-L redraws, R reloads, ? and F1 show the keys.
keys C-l
check "15 of 15 shown" "Ctrl-L redraws"
keys R
check "reloaded: 15 accounts" "R reloads"
keys F1
check "quit from anywhere" "F1 shows the keys"
keys PgDn
check "On the portfolio screen" "the keys scroll"
keys '?'
check "15 of 15 shown" "? again leaves help"
keys Q
check "EXITED=0" "Q quits"

# The mouse: a click selects, a double click opens, the wheel scrolls, a
# click on a tab or a column title acts.
start 80 24
check "1/15" "before the mouse"
click 5 8
check "4/15" "a click selects a row"
wheel 1
check "7/15" "the wheel moves down"
wheel -1
check "4/15" "the wheel moves up"
click 5 8 double
check "› Customer 12" "a double click opens"
keys q
click 18 2
check "[2 Flags]" "a click on a tab"
click 3 2
check "[1 Portfolio]" "a click on the first tab"
click 3 4
check "sort: Client ▲" "a click on a column title sorts"
keys Q
check "EXITED=0" "quit after the mouse"

# The terminal is asked for mouse reports, but not with --no-mouse.
mouse_flag() { tmux -S "$SOCK" display -p -t ui '#{mouse_any_flag}'; }
start 80 24
check "1/15" "before asking the terminal"
if [ "$(mouse_flag)" = 1 ]; then ok; else bad "the mouse is not turned on"; fi
keys Q
ARGS=--no-mouse
start 80 24
check "1/15" "--no-mouse starts"
if [ "$(mouse_flag)" = 0 ]; then ok; else bad "--no-mouse still asks for the mouse"; fi
keys Q
check "EXITED=0" "quit with --no-mouse"
ARGS=

# Editing: an attribute and a note, saved at once (csm show sees them).
"$CSM" --db "$T/e.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || exit 1
DB="$T/e.db"
start 80 24
check ">Customer 6" "the account to edit"
keys Enter
check "› Customer 6" "the account is open"
keys e
check "key=value:" "e asks for key=value"
keys -l "nps=11"
keys Enter
check "nps: is outside 0-10" "a wrong value is refused"
keys e
keys -l "nps=9"
keys Enter
check "nps saved" "the attribute is saved"
check "NPS 9" "and shown"
keys e
keys -l "pulse=red"
keys Enter
check "pulse red" "a second attribute"
keys a
keys -l "wrong words"
keys C-u
keys -l "Called the VP"
keys C-w
keys -l "CFO"
keys Home
keys -l "Today: "
keys End BSpace
keys -l "O."
keys C-a Delete Delete Delete Delete Delete Delete Delete C-e
keys -l " Next: QBR"
check "note: Called the CFO. Next: QBR" "the one-line editor"
keys Enter
check "note saved, dated 2027-01-01" "the note is saved"
check "2027-01-01  Called the CFO. Next: QBR" "and shown"
keys a
keys -l "never saved"
keys Escape
check_not "never saved" "Esc cancels a note"
keys q Q
check "EXITED=0" "quit after editing"
"$CSM" --db "$T/e.db" --as-of 2027-01-01 show "Customer 6" >"$T/show" 2>&1
if grep -q "NPS 9" "$T/show" && grep -q "pulse red" "$T/show"; then ok; else bad "csm show: the attributes were not saved"; cat "$T/show"; fi
if grep -q "2027-01-01  Called the CFO. Next: QBR" "$T/show"; then ok; else bad "csm show: the note was not saved"; cat "$T/show"; fi
if grep -q "never saved" "$T/show"; then bad "csm show: a cancelled note was saved"; else ok; fi

# --read-only: e and a say so and change nothing.
ARGS=--read-only
start 80 24
check ">Customer 6" "read-only start"
keys Enter e
check "read-only: e (edit) would write to the database" "e says read-only"
check_not "key=value:" "no prompt in read-only"
keys a
check "read-only: a (note) would write" "a says read-only"
keys q 4
check "[4 Plan]" "the plan in read-only"
keys w
check "read-only: w (save) would write" "w says read-only"
keys 5 u
check "read-only: u (undo) would write" "u says read-only"
keys i
check "read-only: i (import) would write" "i says read-only"
check_not "import file:" "no import prompt in read-only"
keys Q
check "EXITED=0" "quit read-only"
ARGS= DB="$T/p.db"
if "$CSM" --db "$T/p.db" activities --format json | grep -q '"ref"'; then bad "read-only saved a plan"; else ok; fi

# The plan screen: a generated plan, saved, then tracked (on a copy of the book).
"$CSM" --db "$T/plan.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "plan.db"
DB="$T/plan.db"
start 80 24
check "15 accounts" "start for the plan"
keys 4
check "[4 Plan]" "4 opens the plan"
check "74.5 h of 260 h [##........] 29%" "the capacity gauge"
check "not saved (w saves)" "a generated plan is marked not saved"
check "not saved 1/25" "a plan of 25 activities"
check "Ref     Status   Deadline" "the column titles"
check_line 5 "RET-01  new      2027-01-02 Customer 7" "the first activity's row"
keys End
check "not saved 25/25" "End: the 25th activity"
keys d
check "not saved: w saves it" "d on an unsaved plan says to save first"
keys Home w
check "plan saved: 25 activities" "w saves the plan"
check "saved 1/25" "the saved plan is shown"
check "done 0.0 h (0%)" "the gauge shows progress once saved"
n_saved=$("$CSM" --db "$T/plan.db" activities --format json | grep -c '"ref"')
if [ "$n_saved" = 25 ]; then ok; else bad "activities: $n_saved saved, not 25"; fi
keys j d
check "RET-02: done" "d marks the selected activity done"
check "RET-02  done" "its row says done"
check "done 3.0 h (4%)" "the gauge counts it"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"RET-02",[^}]*"status":"done"'; then
  ok; else bad "activities: RET-02 is not done"; fi
keys j x
check "RET-03  dropped" "x drops the selected activity"
if "$CSM" --db "$T/plan.db" activities --format json | tr -d ' \t\n' | grep -q '"ref":"RET-03",[^}]*"status":"dropped"'; then
  ok; else bad "activities: RET-03 is not dropped"; fi
keys Enter
check "› Customer 1" "Enter opens the activity's account"
keys q
check "[4 Plan]" "q goes back to the plan"
keys g
check "a new plan: 25 activities" "g generates a new plan"
check "not saved 1/25" "the new plan is not saved"
keys ? NPage
check "On the plan screen" "help lists the plan's keys"
check "generate a new plan for the quarter" "help has g"
check "On the imports screen" "help lists the imports' keys"
keys q

# The imports screen: the import, its messages, undo after y/n.
keys 5
check "[5 Imports]" "5 opens the imports"
check "partner-paradise.csv 2027-01-01" "the import's file and as-of"
check "15/15/0/0" "rows, new, updated, rejected"
check "Messages of import 1" "the selected import's messages"
keys u
check "undo import 1 (partner-paradise.csv)? y/n" "u asks first"
keys n
check "not undone" "n keeps it"
if "$CSM" --db "$T/plan.db" imports --format json | tr -d ' \t\n' | grep -q '"undone_at":null'; then ok; else bad "n undid the import"; fi
keys u
check "y/n" "u asks again"
keys y
check "import 1 undone; 0 accounts now" "y undoes the import"
check "(undone)" "the import is marked undone"
check "0 accounts" "the book is loaded again"
if "$CSM" --db "$T/plan.db" imports --format json | tr -d ' \t\n' | grep -q '"undone_at":"'; then ok; else bad "imports: not undone"; fi
keys u
check "undone already" "u on an undone import says so"
keys Q
check "EXITED=0" "quit after the plan and imports"

# Importing on the imports screen: i, a path (Tab completes), the dry run, y/n (on a book of its own).
"$CSM" --db "$T/imp.db" --as-of 2027-01-01 import "$ROOT/tests/fixtures/import/bad_date.csv" >/dev/null 2>&1
DB="$T/imp.db"
FIX="$ROOT/tests/fixtures/import"
start 100 30
check "0 accounts" "start on an empty book"
keys 5
check "i imports a health-score export" "no imports yet: i is offered"
check "i import" "the status bar shows i"
keys i
check "import file:" "i opens the file prompt"
keys -l "$FIX/bad_d"
keys Tab
check "bad_date.csv" "Tab completes the one match"
keys Enter
check "is not a date ('2027-02-30')" "a bad file: its error on the status line"
check "0 created, 0 updated, 0 unchanged, 1 rejected: the file cannot be imported" "a bad file: the counts"
check "Dry run of bad_date.csv" "a bad file: the dry run is shown"
check_not "y/n" "a bad file: no question"
keys i
keys -l "$FIX/tre"
keys Tab
check "trends.csv" "Tab completes trends.csv"
keys Enter
check "import 6 accounts from trends.csv? y/n" "the dry run asks first"
check "6 created, 0 updated, 0 unchanged, 0 rejected" "the dry run's counts"
keys n
check "not imported" "n: not imported"
n_acc=$("$CSM" --db "$T/imp.db" list --format json | grep -c '"name"')
if [ "$n_acc" = 0 ]; then ok; else bad "n imported $n_acc accounts"; fi
keys i
keys -l "$FIX/tr"
keys Tab Enter
check "import 6 accounts from trends.csv? y/n" "asks again"
keys y
check "trends.csv: 6 accounts imported (6 created, 0 updated, 0 unchanged), 0 rejected" "y imports"
check "imp.db  6 accounts" "the book is loaded again after the import"
check "1 trends.csv" "the new import in the list"
check "6/6/0/0" "its rows, new, updated, rejected"
n_acc=$("$CSM" --db "$T/imp.db" list --format json | grep -c '"name"')
if [ "$n_acc" = 6 ]; then ok; else bad "list: $n_acc accounts after y, not 6"; fi
keys i
keys -l "~/nothing-here"
keys Tab
check "no match" "Tab with nothing to complete says so"
keys Escape
check_not "import file:" "Esc closes the prompt"
keys Q
check "EXITED=0" "quit after importing"
DB="$T/p.db"

# Both screens at 120x40 and under NO_COLOR.
"$CSM" --db "$T/plan2.db" --as-of 2027-01-01 import "$ROOT/data/partner-paradise.csv" >/dev/null || bad "plan2.db"
DB="$T/plan2.db"
start 120 40 NO_COLOR=1
check "15 accounts" "start at 120x40"
keys 4
check "2027-01-01 to 2027-03-31" "the plan's quarter at 120x40"
check "RET-18" "more activities at 120x40"
keys 5
check "Imported at" "the imports at 120x40"
keys Q
check "EXITED=0" "quit at 120x40"
DB="$T/p.db"

# 8 colours and a terminal without colours: the same content.
for TERMNAME in xterm vt100; do
  start 80 24
  check ">Customer 6" "$TERMNAME: the table"
  keys 2
  check "Churn risks (8)" "$TERMNAME: the flags"
  keys 3
  check '$54,000' "$TERMNAME: the renewals"
  keys Q
  check "EXITED=0" "$TERMNAME: quit"
done
TERMNAME=xterm-256color

# NO_COLOR on every screen.
start 80 24 NO_COLOR=1
check "15 of 15 shown" "NO_COLOR: the portfolio"
keys 2
check "Churn risks (8)" "NO_COLOR: the flags"
keys 3
check '$54,000' "NO_COLOR: the renewals"
keys 1 Enter
check "› Customer 6" "NO_COLOR: an account"
keys Q

# Resizing on every screen, and an account, to tiny and back.
start 120 40
keys 2
check "[2 Flags]" "flags before resize"
tmux -S "$SOCK" resize-window -t ui -x 30 -y 6
check "terminal too small" "tiny flags"
tmux -S "$SOCK" resize-window -t ui -x 80 -y 24
check "Churn risks (8)" "the flags come back"
keys 3
tmux -S "$SOCK" resize-window -t ui -x 59 -y 24
check "terminal too small" "narrow renewals"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check '$54,000' "the renewals come back"
keys 1 Enter
tmux -S "$SOCK" resize-window -t ui -x 60 -y 10
check "› Customer 6" "an account at the minimum size"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check "churn (high): health 45 is red" "the account at 120x40"
keys Q
check "EXITED=0" "quit after resizing"

# Names from the data: accents, CJK, and control characters kept out.
printf 'Client,Term,ACV,Renewal,Trend,Health,Product,Satisfaction,Support,Sponsorship\n' >"$T/names.csv"
printf 'Café Ñandú,1,30000,2,Up,70,70,70,70,70\n' >>"$T/names.csv"
printf '顧客サービス株式会社,2,40000,3,Down,40,40,40,40,40\n' >>"$T/names.csv"
"$CSM" --db "$T/n.db" --as-of 2027-01-01 import "$T/names.csv" >/dev/null 2>&1
DB="$T/n.db"
start 80 24
check "Café Ñandú" "an accented name"
check "顧客サービ…  MM" "a CJK name cut to its column at 80x24"
tmux -S "$SOCK" resize-window -t ui -x 120 -y 40
check ">顧客サービス株式会社 " "a CJK name whole at 120x40"
# The columns after a wide name line up: the same display width before them.
w1=$(sed -n 5p "$T/screen" | sed 's/MM.*//' | LC_ALL=C.UTF-8 wc -L)
w2=$(sed -n 6p "$T/screen" | sed 's/MM.*//' | LC_ALL=C.UTF-8 wc -L)
if [ "$w1" = "$w2" ] && [ "$w1" -gt 20 ]; then ok; else bad "CJK and accented rows do not line up ($w1, $w2)"; fi
keys /
keys -l "café"
check ">Café Ñandú" "search finds an accented name"
keys Enter Q
DB="$T/p.db"

# Ctrl-Z suspends and fg resumes (in an interactive shell, with job control).
tmux -S "$SOCK" kill-server 2>/dev/null
n=$((n + 1)); SOCK="$T/tmux-$n.sock"
tmux -S "$SOCK" -f /dev/null new-session -d -s ui -x 80 -y 24 \
  "env -i PATH=\"$PATH\" HOME=\"$HOME\" TZ=UTC TERM=xterm-256color LANG=C.UTF-8 PS1='shell$ ' sh -i"
sleep 0.3
keys "'$CSM' --db '$T/p.db' --as-of 2027-01-01" Enter
check "15 of 15 shown" "before Ctrl-Z"
keys C-z
check "shell$" "Ctrl-Z gives the shell back"
keys fg Enter
check "15 of 15 shown" "fg brings the interface back"
keys j
check "2/15" "keys work after resuming"
keys q
keys "echo DONE=\$?" Enter
check "DONE=0" "quit after resuming"

# A large book: 100,000 accounts; search for one and sort.
awk 'BEGIN { print "Client,Term,ACV,Renewal,Trend,Health,Product,Satisfaction,Support,Sponsorship"
  split("Up,Down,Level", t, ",")
  for (i = 1; i <= 100000; i++)
    printf "Client %06d,%d,%d,%d,%s,%d,%d,%d,%d,%d\n", i, i % 6, 10000 + (i * 7919) % 90000, i % 14 - 1,
      t[1 + i % 3], (i * 37) % 101, (i * 53) % 101, (i * 71) % 101, (i * 13) % 101, (i * 29) % 101 }' >"$T/big.csv"
"$CSM" --db "$T/big.db" --as-of 2027-01-01 import "$T/big.csv" >/dev/null 2>&1 || { bad "the large book did not import"; }
DB="$T/big.db"
start 120 40
if wait_for "100000 accounts" || { sleep 5; wait_for "100000 accounts"; }; then ok; else bad "the large book opens"; fi
check "100000 of 100000 shown" "every account counted"
keys /
keys -l "client 077777"
check ">Client 077777" "the search selects the account"
keys Enter
check "Client 077777" "Enter keeps it"
keys s
check "sort: Client ▲" "sort the large book by name"
check ">Client 077777" "the account stays selected after the sort"
check "77777/100000" "at its place in name order"
keys G
check ">Client 100000" "G: the last by name"
keys S
check "sort: Client ▼" "reverse the large book"
keys g
check ">Client 100000" "g: the first in reverse"
keys f
check "of 100000 shown" "the filter counts the large book"
keys 3
check "[3 Renewals]" "the renewals of the large book"
keys 2
check "[2 Flags]" "the flags of the large book"
keys Q
check "EXITED=0" "quit the large book"
DB="$T/p.db"

# A crash signal restores the terminal (the shell prints after it).
start 80 24
check "15 accounts" "start before TERM signal"
pkill -TERM -f "csm --db $T/p.db" 2>/dev/null
check "EXITED=" "killed by a signal, the program ends"

echo "ui: $pass passed, $fail failed"
[ "$fail" = 0 ]
