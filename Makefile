# csm: a terminal portfolio manager for Customer Success Managers.
#   make          build ./csm
#   make demo     install what is missing, build, open the sample book
#   make check    install what is missing, build, run every test
#   make bench    the benchmark (not part of check)

CC      ?= cc
PREFIX  ?= /usr/local
PKGS     = ncursesw sqlite3 libcjson libutf8proc libmd
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lncursesw -ltinfo -lsqlite3 -lcjson -lutf8proc -lmd)
WARN     = -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla
CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -pthread -Iinclude $(PKG_CFLAGS)
CFLAGS  ?= -O2 -g
LDLIBS  += $(PKG_LIBS) -lcsv -lm -pthread

SRC      := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/main.c,$(SRC))
OBJ      := $(LIB_SRC:%.c=build/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)

# The sanitizer build: the library, csm and the unit tests under ASan and
# UBSan, compiled by clang while the plain build uses $(CC) (gcc by
# default), so that check builds everything with both compilers. The same
# objects carry libFuzzer's coverage counters and make the fuzzers too:
# one sanitizer build, not two.
SAN_CC   ?= clang
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_OBJ  := $(LIB_SRC:%.c=build/asan/%.o)
SAN_BIN  := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

# Every object lists the headers it read (-MMD) and survives a header that
# goes away (-MP): touching a header rebuilds exactly what includes it, in
# every variant.
DEPFLAGS = -MMD -MP

# V=1 shows the commands; otherwise one line a file.
ifeq ($(V),1)
Q   :=
say :=
else
Q   := @
say  = echo "$(1) $(2)";
endif

.PHONY: all deps deps-check demo check unit unit-asan cmdtest uitest valgrind contract layers bench clean install \
        fuzz fuzz-short man

all: csm

csm: build/src/cli/main.o build/libcsm.a
	$(Q)$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/libcsm.a: $(OBJ)
	$(Q)$(call say,AR,$@)rm -f $@ && $(AR) rcs $@ $^

build/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC,$<)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC,$<)$(CC) $(CPPFLAGS) -Itests/unit $(WARN) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/tests/%: build/tests/%.o build/libcsm.a
	$(Q)$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

SAN_CFLAGS = -O1 -g $(SAN) -fsanitize=fuzzer-no-link

build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC (asan),$<)$(SAN_CC) $(CPPFLAGS) $(WARN) $(SAN_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/asan/tests/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC (asan),$<)$(SAN_CC) $(CPPFLAGS) -Itests/unit $(WARN) $(SAN_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/asan/libcsm.a: $(SAN_OBJ)
	$(Q)$(call say,AR,$@)rm -f $@ && $(AR) rcs $@ $^

build/asan/tests/%: build/asan/tests/%.o build/asan/libcsm.a
	$(Q)$(call say,LD,$@)$(SAN_CC) $(SAN) -o $@ $^ $(LDLIBS) -lcmocka

build/asan/csm: build/asan/src/cli/main.o build/asan/libcsm.a
	$(Q)$(call say,LD,$@)$(SAN_CC) $(SAN) -o $@ $^ $(LDLIBS)

# The man page's KEYS section comes from the action list (include/csm/ui_actions.h):
# `make man` writes it between the markers in doc/csm.1; test_keys fails while
# the page is stale.
build/doc/%.o: doc/%.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC,$<)$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/doc/man-keys: build/doc/man-keys.o build/libcsm.a
	$(Q)$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

SPLICE_KEYS = /^\.\\" BEGIN KEYS/ { print; while ((getline l < gen) > 0) print l; skip = 1; next } /^\.\\" END KEYS/ { skip = 0 } !skip

man: build/doc/man-keys
	$(Q)build/doc/man-keys >build/keys.roff
	$(Q)awk -v gen=build/keys.roff '$(SPLICE_KEYS)' doc/csm.1 >build/csm.1
	$(Q)if cmp -s build/csm.1 doc/csm.1; then echo "doc/csm.1: KEYS already current"; \
	    else cp build/csm.1 doc/csm.1 && echo "GEN doc/csm.1 (KEYS)"; fi

# Fuzzing with libFuzzer (clang): `make fuzz` runs each harness for
# FUZZ_SECONDS (default 300); `make check` runs a short burst. New inputs
# that find new paths stay in tests/fuzz/corpus/.
FUZZ_SECONDS ?= 300
FUZZ_NAMES   = reader import config
FUZZERS      = $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
# check's burst: seconds per harness (the reader alone runs thousands of
# times faster than the importer, which writes a database each time).
FUZZ_SHORT  ?= 10

build/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(Q)$(call say,CC (fuzz),$<)$(SAN_CC) $(CPPFLAGS) $(WARN) $(SAN_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: build/fuzz/fuzz_%.o build/asan/libcsm.a
	$(Q)$(call say,LD,$@)$(SAN_CC) -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

# Objects and test programs are kept between runs (no rebuild for nothing).
.SECONDARY:

# The importer starts from the reader's inputs too; what either finds stays
# in its own folder.
fuzz_seeds = tests/fuzz/corpus/$(1) $(if $(filter import,$(1)),tests/fuzz/corpus/reader)

fuzz: $(FUZZERS)
	@for f in $(FUZZ_NAMES); do mkdir -p tests/fuzz/corpus/$$f; done
	@$(foreach f,$(FUZZ_NAMES),build/fuzz/fuzz_$(f) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	  $(call fuzz_seeds,$(f)) || exit 1;)

fuzz-short: $(FUZZ_NAMES:%=fuzz-short-%)

# One harness for FUZZ_SHORT seconds, new inputs kept aside (not in the corpus).
fuzz-short-%: build/fuzz/fuzz_%
	@tmp=$$(mktemp -d); \
	  $< -max_total_time=$(FUZZ_SHORT) -max_len=16384 -timeout=10 $$tmp $(call fuzz_seeds,$*) 2>$$tmp.log \
	  || { tail -40 $$tmp.log; rm -rf $$tmp $$tmp.log; exit 1; }; \
	  echo "fuzz $*: $$(grep -o 'Done [0-9]* runs' $$tmp.log) in $(FUZZ_SHORT) s, no crash"; rm -rf $$tmp $$tmp.log

deps:
	@sh .ci/deps build

deps-check:
	@sh .ci/deps check

demo: deps
	@$(MAKE) --no-print-directory all
	./csm demo

# The layers of doc/architecture: curses only in ui/, SQLite only in store/,
# libcsv only in import/reader.c.
layers:
	@bad=$$(grep -lE '#include *<(n?curses|ncursesw/curses)\.h>' $$(find src include -name '*.[ch]' ! -path 'src/ui/*')); \
	 bad="$$bad $$(grep -l '#include *<sqlite3\.h>' $$(find src include -name '*.[ch]' ! -path 'src/store/*'))"; \
	 bad="$$bad $$(grep -l '#include *<csv\.h>' $$(find src include -name '*.[ch]' ! -path 'src/import/*'))"; \
	 if [ -n "$$(echo $$bad | tr -d ' ')" ]; then echo "layer violation in:$$bad"; exit 1; fi; \
	 echo "layers: ok"

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do (cd tests && TZ=UTC ../$$t); done

unit-asan: $(SAN_BIN)
	@set -e; for t in $(SAN_BIN); do (cd tests && TZ=UTC ASAN_OPTIONS=detect_leaks=1 ../$$t); done

ASAN_ENV = TZ=UTC ASAN_OPTIONS=detect_leaks=1

cmdtest: csm build/asan/csm
	@TZ=UTC sh tests/cmd/run.sh ./csm
	@$(ASAN_ENV) sh tests/cmd/run.sh ./build/asan/csm

# The command tests with csm under valgrind: any error or leak fails. Not
# the ones whose runs are timed and killed (reliability): under valgrind
# they prove nothing more and take longest. Valgrind's start-up (half a
# second a run) makes these the longest jobs of check: import first.
VALGRIND_TESTS = import plan scoring basics

valgrind: csm
	@for t in $(VALGRIND_TESTS); do TZ=UTC sh tests/cmd/test_$$t.sh tests/cmd/valgrind-csm || exit 1; done

# make uitest            every interface test, with csm and with the ASan build
# make uitest T=plan     tests/ui/test_plan.sh only (T="plan mouse": both)
# make uitest T=golden UPDATE=1   writes tests/ui/golden/ from the screens
UI_TESTS = $(if $(T),$(T:%=tests/ui/test_%.sh),$(sort $(wildcard tests/ui/test_*.sh)))

uitest: csm build/asan/csm
	@TZ=UTC UPDATE=$(UPDATE) sh tests/ui/run.sh ./csm $(UI_TESTS)
	@if [ "$(UPDATE)" != 1 ]; then $(ASAN_ENV) sh tests/ui/run.sh ./build/asan/csm $(UI_TESTS); fi

# The command-line contract kept beside the repository (CI has it there);
# CONTRACT=path points elsewhere. Under CI a missing contract is a failure.
CONTRACT ?= ../shared/checks/contract.sh
contract: csm
	@if [ -f $(CONTRACT) ]; then bash $(CONTRACT); \
	 elif [ -n "$$CI" ]; then echo "contract: $(CONTRACT) not found"; exit 1; \
	 else echo "contract: $(CONTRACT) not found beside the repository, skipped (set CONTRACT=path)"; fi

# ---- make check: every suite, as independent jobs on CHECK_JOBS cores ----
#
# Each job's output is printed whole when it ends (make -O), and a failing
# job does not stop the others (-k). Nothing runs twice: each command test
# runs under ASan, and against the release build either under valgrind or
# (the ones valgrind leaves out) plainly; the interface tests run under
# ASan, with the release build for the whole-screen captures; the fuzzers
# share the ASan objects. The longest jobs are listed first.
# Two cores, and one more job for the interface and fuzzing jobs that
# mostly wait on tmux or the clock.
CHECK_JOBS ?= 3
CMD_NAMES   = $(patsubst tests/cmd/test_%.sh,%,$(sort $(wildcard tests/cmd/test_*.sh)))
UI_NAMES    = $(patsubst tests/ui/test_%.sh,%,$(sort $(wildcard tests/ui/test_*.sh)))
# Tests that race the clock (reliability kills an import 0.2 s in) run
# after the rest, two at a time, so that the other jobs do not slow csm past
# their deadlines.
CHECK_ALONE = reliability
CHECK_CMD   = $(filter-out $(CHECK_ALONE),$(CMD_NAMES))
CHECK_JOBS_LIST = $(VALGRIND_TESTS:%=check-valgrind-%) $(CHECK_CMD:%=check-cmd-asan-%) \
                  $(filter-out $(VALGRIND_TESTS:%=check-cmd-%),$(CHECK_CMD:%=check-cmd-%)) \
                  $(UI_NAMES:%=check-ui-asan-%) check-ui-golden $(FUZZ_NAMES:%=fuzz-short-%) \
                  check-unit check-unit-asan check-contract check-layers
CHECK_ALONE_LIST = $(CHECK_ALONE:%=check-cmd-asan-%) \
                   $(filter-out $(VALGRIND_TESTS:%=check-cmd-%),$(CHECK_ALONE:%=check-cmd-%))
# (Not .PHONY: make finds no pattern rule for phony targets; no file has their names.)
.PHONY: check-run check-alone

check: deps-check
	@s=0; $(MAKE) --no-print-directory -k -O -j$(CHECK_JOBS) check-run || s=1; \
	 $(MAKE) --no-print-directory -k -O -j2 check-alone || s=1; \
	 if [ $$s = 0 ]; then echo "check: every suite passed"; else echo "check: a suite failed (FAIL above)"; exit 1; fi

check-run: $(CHECK_JOBS_LIST)
check-alone: $(CHECK_ALONE_LIST)

check-valgrind-%: csm
	@TZ=UTC sh tests/cmd/test_$*.sh tests/cmd/valgrind-csm
check-cmd-asan-%: build/asan/csm
	@$(ASAN_ENV) sh tests/cmd/test_$*.sh build/asan/csm
check-cmd-%: csm
	@TZ=UTC sh tests/cmd/test_$*.sh ./csm
check-ui-asan-%: build/asan/csm
	@$(ASAN_ENV) sh tests/ui/test_$*.sh build/asan/csm
check-ui-golden: csm
	@TZ=UTC sh tests/ui/test_golden.sh ./csm
check-unit: unit
check-unit-asan: unit-asan
check-contract: contract
check-layers: layers

bench: csm
	@sh tests/bench/run.sh ./csm

install: csm
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/csm
	install -m 755 csm $(DESTDIR)$(PREFIX)/bin/csm
	install -m 644 doc/csm.1 $(DESTDIR)$(PREFIX)/share/man/man1/csm.1
	install -m 644 data/partner-paradise.csv $(DESTDIR)$(PREFIX)/share/csm/

clean:
	rm -rf build csm

ALL_OBJ = $(OBJ) $(SAN_OBJ) build/src/cli/main.o build/asan/src/cli/main.o \
          $(UNIT_BIN:=.o) $(SAN_BIN:=.o) $(FUZZERS:=.o) build/doc/man-keys.o
-include $(ALL_OBJ:.o=.d)
