#!/bin/sh
# A large book: 100,000 accounts searched, sorted, filtered.
. "$(dirname "$0")/lib.sh"

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
finish
