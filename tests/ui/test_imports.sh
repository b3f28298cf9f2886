#!/bin/sh
# The imports screen: past imports, undo after y/n, and importing a file after its dry run.
. "$(dirname "$0")/lib.sh"

book plan.db
DB="$T/plan.db"
start 80 24
check "15 accounts" "start for the imports"
# The imports screen: the import, its messages, undo after y/n.
keys 5
check "[5 Imports]" "5 opens the imports"
check "partner-paradise.csv 2027-01-01" "the import's file and as-of"
check "15/15/0/0" "rows, new, updated, rejected"
check "What import 1 changed, and its messages" "the selected import's changes and messages"
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
check "What import 1 changed" "the panel tells what the import changed"
check "nothing to look at" "a book's first import: nothing to look at"
# The same file again: nothing done, and said.
keys i
keys -l "$FIX/tr"
keys Tab Enter
check "already imported on" "the same file again is not imported twice"
check_not "y/n" "the same file again: no question"
# What a later import changed, worked out and kept as csm import does (issue 15.2).
printf 'Client,Trend,Product\nA,down,10\nB,level,50\nC,down,50\nD,level,50\nE,level,50\nF,up,50\nG,up,70\n' >"$T/week2.csv"
keys i
keys -l "$T/week2.csv"
keys Enter
check "import 7 accounts from week2.csv? y/n" "the second week's dry run"
keys y
check "week2.csv: 7 accounts imported" "the second week imported"
check "new account:     G" "the panel lists the new account"
check "health dropped:  A, 50 -> 10: Product 50 -> 10" "the panel names the drop and the component that moved"
"$CSM" --db "$T/imp.db" imports --changes 2 >"$T/kept.txt" 2>&1
grep -q "new account:     G" "$T/kept.txt" && ok || bad "the interface's import did not keep what changed: $(head -3 "$T/kept.txt")"
keys i
keys -l "~/nothing-here"
keys Tab
check "no match" "Tab with nothing to complete says so"
keys Escape
check_not "import file:" "Esc closes the prompt"
keys Q
check "EXITED=0" "quit after importing"
DB="$T/p.db"
finish
