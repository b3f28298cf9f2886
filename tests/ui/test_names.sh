#!/bin/sh
# Names from the data: accents, CJK and control characters.
. "$(dirname "$0")/lib.sh"

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
keys Enter
# Without the accents, and in capitals beyond ASCII: the name key folds both.
keys g
check ">顧客サービス株式会社" "the cursor off the accented name"
keys /
keys -l "cafe nandu"
check ">Café Ñandú" "search without accents finds the accented name"
check_not "no match" "search without accents: every letter typed matches"
keys Enter g /
keys -l "CAFÉ Ñ"
check ">Café Ñandú" "search in accented capitals finds it"
check_not "no match" "search in capitals: every letter typed matches"
keys Enter Q
DB="$T/p.db"
finish
