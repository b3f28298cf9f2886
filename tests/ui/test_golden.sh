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
golden portfolio-60x20 "the portfolio at 60x20: columns go from the right"
keys Q
finish
