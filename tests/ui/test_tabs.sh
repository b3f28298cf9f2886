#!/bin/sh
# The tab bar and every screen at two sizes; Tab, Shift-Tab and the numbers.
. "$(dirname "$0")/lib.sh"

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
  check_line 6 "high   Customer 12" "second churn risk: the higher risk score $at"
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
  check "Renewal     2027-03-01, in 8 weeks" "the renewal $at"
  check "50.0% -> 50.0%" "weights and shares $at"
  check "health 45.38 -> 45 (rounded half up)" "the exact health $at"
  check "churn (high): health 45 is red" "the flag and its reasons $at"
  keys End # below the risk at 80x24
  check "NPS —" "the attributes $at"
  check "none yet (a adds one)" "no notes $at"
  keys q
  check ">Customer 6" "q goes back to the portfolio $at"
  keys q
  check "EXITED=0" "q quits from the portfolio $at"
done


start 80 24
check "1/15" "the portfolio first"

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
finish
