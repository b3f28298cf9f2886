#!/bin/sh
# The account screen: an attribute and a note edited and saved at once.
. "$(dirname "$0")/lib.sh"

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
keys End # the attributes and notes are below the risk at 80x24
check "NPS 9" "and shown"
keys e
keys -l "pulse=red"
keys Enter
keys End
check "pulse red" "a second attribute"
# Several pairs at once, quoted as a shell would (issue 15.8); one wrong
# pair saves none of them.
keys e
keys -l 'kpi_baseline=100 colour=blue owner="Jane Doe"'
keys Enter
check "'colour' is not an attribute" "an unknown key is named"
check_not "blue" "not its value"
keys e
keys -l 'kpi_baseline=100 owner="Jane Doe" note='"'"'Spoke to "the" CFO'"'"
check 'kpi_baseline=100 owner="Jane Doe" note=' "the pairs typed"
keys Enter
check "kpi_baseline, owner, note saved" "several pairs saved together"
keys End
check "owner Jane Doe" "a quoted value with a space"
check 'Spoke to "the" CFO' "a note among the pairs"
keys e
keys -l 'owner="Jane'
keys Enter
check 'not saved: a " is not closed' "an unclosed quote saves nothing"
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
keys End
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
if grep -q "owner Jane Doe" "$T/show" && grep -q "KPI 100 ->" "$T/show"; then ok; else bad "csm show: the pairs were not saved"; cat "$T/show"; fi
if grep -q "never saved" "$T/show"; then bad "csm show: a cancelled note was saved"; else ok; fi
# History by component (issue 15.10): three exports in which Customer 6's
# product use falls; the account says which part moved.
sed 's/^Customer 6,1,36000,2,Level,45,34,44,50,89$/Customer 6,1,36000,2,Level,43,28,44,52,89/' "$ROOT/data/partner-paradise.csv" >"$T/w2.csv"
sed 's/^Customer 6,1,36000,2,Level,45,34,44,50,89$/Customer 6,1,36000,2,Down,33,15,40,,89/' "$ROOT/data/partner-paradise.csv" >"$T/w3.csv"
"$CSM" --db "$T/h.db" --as-of 2026-12-18 import "$ROOT/data/partner-paradise.csv" >/dev/null 2>&1 &&
  "$CSM" --db "$T/h.db" --as-of 2026-12-25 import "$T/w2.csv" >/dev/null 2>&1 &&
  "$CSM" --db "$T/h.db" --as-of 2027-01-01 import "$T/w3.csv" >/dev/null 2>&1 || bad "the history's imports"
DB="$T/h.db"
start 80 24
check ">Customer 6" "the account with history"
keys Enter
check "› Customer 6" "it is open"
keys j j j j j j j j
check " History     ▄▄▃  3 snapshots, 2026-12-18 .. 2027-01-01: 45 43 33" "the health's history"
check "             Product      ▃▂▂     34    28    15     -19" "product's sparkline, scores and fall"
check "             Support      ▄▄      50    52     —      +2" "a missing score"
check "             Sponsorship  ▇▇▇     89    89    89       0" "a component that held"
keys Q
check "EXITED=0" "quit"
finish
