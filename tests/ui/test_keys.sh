#!/bin/sh
# Leaving: Esc goes back and never quits, a key sequence csm does not know
# is ignored whole, q goes back or quits from the portfolio, Q quits.
. "$(dirname "$0")/lib.sh"

start 80 24
check ">Customer 6" "the portfolio first"
# A function key this TERM has no entry for: Esc [ 9 9 ~ as one burst.
keys -l "$ESC[99~"
check "a key csm does not know was ignored" "a stray sequence is ignored"
check_not "EXITED=" "a stray sequence does not quit the portfolio"
check ">Customer 6" "nor moves: its bytes are not keys"
keys -l "${ESC}O5Z"
check_not "EXITED=" "an unknown SS3 sequence does not quit"
keys j
check ">Customer 12" "keys work after a stray sequence"
keys Escape
check "q quits (Q from anywhere)" "Esc on the portfolio says how to quit"
check_not "EXITED=" "Esc does not quit the portfolio"
keys Enter
check "› Customer 12" "an account"
keys -l "$ESC[1;9P"
check_not "EXITED=" "a stray sequence on the account does not quit"
check "› Customer 12" "nor goes back"
keys Escape
check ">Customer 12" "Esc goes back from the account"
keys 2
check "[2 Flags]" "the flags"
keys Escape
check "[1 Portfolio]" "Esc on a tab goes back to the portfolio"
keys Escape Escape
check_not "EXITED=" "Esc twice more does not quit"
keys /
keys -l "cust$ESC[99~"
check "/ cust" "a stray sequence in a prompt is not typed"
keys Escape
check_not "/ cust" "Esc cancels the prompt"
keys Enter
check "› Customer 12" "an account again"
keys Q
check "EXITED=0" "Q quits from an account"

start 80 24
check ">Customer 6" "again"
keys 3
check "[3 Renewals]" "the renewals"
keys q
check "[1 Portfolio]" "q on a tab goes back to the portfolio"
keys q
check "EXITED=0" "q quits from the portfolio"
finish
