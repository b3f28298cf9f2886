#!/bin/sh
# The mouse: clicks, double clicks, the wheel, tabs and column titles; --no-mouse.
. "$(dirname "$0")/lib.sh"

# The mouse: a click selects, a double click opens, the wheel scrolls, a
# click on a tab or a column title acts.
start 80 24
check "1/15" "before the mouse"
click 5 8
check "4/15" "a click selects a row"
wheel 1
check "7/15" "the wheel moves down"
wheel -1
check "4/15" "the wheel moves up"
click 5 8 double
check "› Customer 13" "a double click opens"
keys q
click 18 2
check "[2 Flags]" "a click on a tab"
click 3 2
check "[1 Portfolio]" "a click on the first tab"
click 3 4
check "sort: Client ▲" "a click on a column title sorts"
keys Q
check "EXITED=0" "quit after the mouse"

# The terminal is asked for mouse reports, but not with --no-mouse.
mouse_flag() { tmux -S "$SOCK" display -p -t ui '#{mouse_any_flag}'; }
start 80 24
check "1/15" "before asking the terminal"
if [ "$(mouse_flag)" = 1 ]; then ok; else bad "the mouse is not turned on"; fi
keys Q
ARGS=--no-mouse
start 80 24
check "1/15" "--no-mouse starts"
if [ "$(mouse_flag)" = 0 ]; then ok; else bad "--no-mouse still asks for the mouse"; fi
keys Q
check "EXITED=0" "quit with --no-mouse"
ARGS=
finish
