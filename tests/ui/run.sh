#!/bin/sh
# Runs the interface tests against the csm given as $1: every
# tests/ui/test_*.sh, or the files named after it. Each runs alone too:
#   sh tests/ui/test_plan.sh ./csm      (or: make uitest T=plan)
set -u
[ $# -ge 1 ] || { echo "usage: $0 PATH-TO-CSM [TEST-FILE...]" >&2; exit 2; }
csm=$1
shift
dir=$(dirname "$0")
[ $# -gt 0 ] || set -- "$dir"/test_*.sh
status=0
for t in "$@"; do
  sh "$t" "$csm" || status=1
done
exit $status
