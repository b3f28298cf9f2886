#!/bin/sh
# The renewals screen: the months, the accounts in them, Enter.
. "$(dirname "$0")/lib.sh"

start 80 24
check "1/15" "the portfolio first"

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
finish
