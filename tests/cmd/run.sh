#!/bin/sh
# Runs every command test script against the csm given as $1.
set -u
[ $# = 1 ] || { echo "usage: $0 PATH-TO-CSM" >&2; exit 2; }
dir=$(dirname "$0")
status=0
for t in "$dir"/test_*.sh; do
  sh "$t" "$1" || status=1
done
exit $status
