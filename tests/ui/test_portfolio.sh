#!/bin/sh
# The portfolio: the table, moving, search, the filter, sorting, redraw, reload and help.
. "$(dirname "$0")/lib.sh"

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
check ">Customer 2 " "j moves down (names in natural order: 2 before 10)"
keys Down Down
check ">Customer 4 " "arrow keys move"
keys k
check ">Customer 3 " "k moves up"
keys G
check ">Customer 15" "G goes to the end"
keys S
check "sort: Client ▼" "S reverses the sort"
keys '?'
check "quit from anywhere" "? shows the keys"
keys q
check "15 accounts" "q leaves help"
keys q
check "EXITED=0" "q quits with status 0"


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


# Search: as you type, Enter keeps, Esc cancels, n/N; case does not matter.
check "[1 Portfolio]" "back on the portfolio"
keys /
keys -l "customer 13"
check ">Customer 13" "typing a search selects the first match"
keys Enter
check "4/15" "Enter keeps the match"
keys /
keys -l "CUSTOMER 9"
check ">Customer 9 " "the search ignores case"
keys Escape
check ">Customer 13" "Esc cancels the search"
keys n
check "the only match" "n with one match"
keys / c u s t o m e r Space 1 Enter
check "4/15" "a search starts at the cursor (Customer 13 matches)"
keys n
check ">Customer 10" "n: the next match"
keys n
check ">Customer 1 " "n again"
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
# A page down: a later section at the top (the plan's keys put the
# portfolio's further down), then on to the portfolio's own.
keys PgDn
check_not "quit from anywhere" "the keys scroll"
keys PgDn
check "filter by owner" "the portfolio's keys, the owner filter among them"
keys '?'
check "15 of 15 shown" "? again leaves help"
keys Q
check "EXITED=0" "Q quits"
finish
