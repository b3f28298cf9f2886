#!/bin/sh
# Whole screens on the sample as of 2027-01-01, line for line: the
# portfolio at three sizes, the flags, the renewals, an account and the
# plan, so that a column out of place, a cut title or a lost colour band's
# text fails. `make uitest T=golden UPDATE=1` writes tests/ui/golden/ again
# after a change meant to show; read the diff before committing it.
. "$(dirname "$0")/lib.sh"

start 80 24
check "1/15" "the portfolio at 80x24"
golden portfolio-80x24 "the portfolio at 80x24"
keys 2
check "[2 Flags]" "the flags"
golden flags-80x24 "the flags at 80x24"
keys 3
check "[3 Renewals]" "the renewals"
golden renewals-80x24 "the renewals at 80x24"
keys 4
check "not saved 1/25" "the plan"
golden plan-80x24 "the plan at 80x24"
keys 1 Enter
check "› Customer 6" "an account"
golden account-80x24 "Customer 6 at 80x24"
keys Q

start 120 40
check "1/15" "the portfolio at 120x40"
golden portfolio-120x40 "the portfolio at 120x40: the name takes the room"
keys Q

start 60 20
check "1/15" "the portfolio at 60x20"
golden portfolio-60x20 "the portfolio at 60x20: columns go from the right, the tabs clear of the sort"
keys 2
check "[2 Flags]" "the flags at 60x20"
golden flags-60x20 "the flags at 60x20: whole names, the severity under them"
keys Q

# Owners, NPS, coverage and the renewal's day: columns a wide terminal
# shows; the owner filter said in the title; the flags' reasons in full.
book o.db
for a in "Customer 6:José Díaz:3" "Customer 12:Ann Lee:9" "Customer 3:jose diaz:7" "Customer 1:Ann Lee:10"; do
  "$CSM" --db "$T/o.db" --as-of 2027-01-01 set "${a%%:*}" owner="$(echo "$a" | cut -d: -f2)" \
    nps="${a##*:}" >/dev/null || bad "set $a"
done
DB="$T/o.db"
start 160 30
check "1/15" "the portfolio at 160x30"
golden portfolio-160x30 "the portfolio at 160x30: owner, NPS, coverage and renewal date"
keys o
check "owner:" "o asks for an owner"
keys -l "JOSE DIAZ"
keys Enter
check "2 of 15 shown" "the owner filter: case and accents folded"
check 'owner: JOSE DIAZ  2 accounts  ACV $78,000  at risk $36,000  health avg 64' "the title's totals are the owner's"
check "1 red  0 amber  1 green   1 churn  1 expansion  0 case study" "and so are the counts"
golden portfolio-owner-160x30 "the portfolio filtered by owner: the title says so"
keys 2
check "[2 Flags]" "the flags at 160x30"
golden flags-160x30 "the flags at 160x30: the owner's, every reason"
keys 1 o C-u
keys -l "nobody"
keys Enter
check "no account has the owner 'nobody'" "an owner nobody has is said"
check "2 of 15 shown" "and the filter stays as it was"
keys o C-u Enter
check "15 of 15 shown" "an empty owner: every owner"
check_not "owner: JOSE" "the title drops the filter"
keys Q
DB="$T/p.db"
finish
