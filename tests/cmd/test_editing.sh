#!/bin/sh
# Editing an account from the command line (issue 15.8): an unknown
# attribute is named, with the keys that can be set, not its value; a wrong
# pair changes nothing, several pairs are saved together.
. "$(dirname "$0")/lib.sh"

run import "$SAMPLE"
run set "Customer 11" colour=blue
expect_rc 2 "15.8: an unknown attribute is a usage error"
expect_grep "csm: 'colour' is not an attribute that can be set" "$T/err" "15.8: the error names the key"
expect_no_grep "blue" "$T/err" "15.8: not the value, which is not what is wrong"
expect_grep "nps, msa_restricted" "$T/err" "15.8: it lists the keys that can be set"
expect_grep "owner" "$T/err" "15.8: owner among them"
expect_no_grep "trend" "$T/err" "15.8: not the keys set only by an import"
run set "Customer 11" colour=
expect_rc 2 "15.8: clearing an unknown attribute"
expect_grep "csm: 'colour' is not an attribute that can be set" "$T/err" "15.8: the same error when clearing"
run set "Customer 11" nps=abc
expect_rc 65 "15.8: a wrong value is bad data"
expect_grep "nps: is not a whole number ('abc')" "$T/err" "15.8: a wrong value is still shown"
run set "Customer 11" nps=9 "owner=Jane Doe" colour=blue
expect_rc 2 "15.8: one wrong pair among good ones"
run show --format json "Customer 11"
expect_json 'd["nps"] is None and d["owner"] is None' "15.8: a wrong pair changes nothing"
run set "Customer 11" nps=9 "owner=Jane Doe"
expect_rc 0 "15.8: several pairs"
run show --format json "Customer 11"
expect_json 'd["nps"] == 9 and d["owner"] == "Jane Doe"' "15.8: both saved"

# A name not quite right: the names it may have meant, case and accents aside.
printf 'Client,ACV\nCaf\303\251 Nouveau,1000\nHarbor View Dental,2000\n' >"$T/more.csv"
run import "$T/more.csv"
run show "cafe nouveau"
expect_rc 1 "show: a name without its accent is not the account"
expect_grep "no account named 'cafe nouveau': did you mean 'Café Nouveau'? (csm list shows them)" "$T/err" "show: and says which it may be"
run set "harbor view" pulse=red
expect_rc 1 "set: a name's start is not the account"
expect_grep "did you mean 'Harbor View Dental'?" "$T/err" "set: and says which it may be"
run show "Zanzibar Freight"
expect_grep "no account named 'Zanzibar Freight' (csm list shows them)" "$T/err" "no likely name: none offered"
run show "ustomer 1"
expect_grep "did you mean 'Customer 1', 'Customer 10', 'Customer 11' or another?" "$T/err" "three offered, then 'or another'"
finish
