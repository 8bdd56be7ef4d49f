# baocao: see README.md. Knobs live in config.mk.
#   make                       build every program into build/bin/
#   make run                   install missing packages, build, run the sample
#   make test                  unit tests (cmocka), the fuzz harnesses on
#                              their seeds, golden cases, read-back checks
#   make SANITIZE=address,undefined test   the same, instrumented
#   make WERROR=1              warnings are errors (CI)
#   make fuzz [FUZZ_SECONDS=60] [FUZZ=norm ...]   the libFuzzer harnesses
#                              (tests/fuzz/run; clang; not part of test)
include config.mk

ifneq ($(SANITIZE),)
BUILD   = build-san
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
else
BUILD   = build
SANFLAGS =
endif
ifeq ($(WERROR),1)
WARN += -Werror
endif
ALL_CFLAGS = $(CPPFLAGS_BASE) $(WARN) $(CFLAGS) $(SANFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

Q = @
ifeq ($(V),1)
Q =
endif

LIBSRC  = $(sort $(wildcard src/lib/*.c))
LIBOBJ  = $(LIBSRC:src/%.c=$(BUILD)/%.o)
PROGSRC = $(sort $(wildcard src/baocao*.c))
PROGS   = $(PROGSRC:src/%.c=%)
BINS    = $(PROGS:%=$(BUILD)/bin/%)
TESTSRC = $(sort $(wildcard tests/unit/test_*.c))
TESTS   = $(TESTSRC:tests/unit/%.c=$(BUILD)/tests/%)
HDRS    = $(wildcard src/lib/*.h)

PERIODS_RUN ?=

.PHONY: all run test unit-test golden-test golden-update install uninstall clean deps bench fuzz
all: $(BINS)

$(BUILD)/lib/%.o: src/lib/%.c $(HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libbaocao.a: $(LIBOBJ)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $(LIBOBJ)

$(BUILD)/bin/%: src/%.c $(BUILD)/libbaocao.a $(HDRS)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libbaocao.a $(ALL_LDFLAGS) $(LIBS)

# A unit test may #include the program or library .c it tests (UNIT_TESTING
# hides main), so it links against the library archive only; it depends on
# the programs' sources too, or a changed program left its test stale.
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbaocao.a $(HDRS) $(PROGSRC)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -DUNIT_TESTING -Isrc -o $@ $< $(BUILD)/libbaocao.a $(ALL_LDFLAGS) $(LIBS) $(TEST_LIBS)

deps:
	$(Q)sh scripts/ensure-deps

# deps first, then the build: under make -j the two would otherwise run side
# by side and compile against headers still being installed
run: deps
	$(Q)$(MAKE) --no-print-directory $(if $(Q),-s) all
	$(Q)BUILD=$(BUILD) sh scripts/run-sample

test: all $(TESTS)
	$(Q)BUILD=$(BUILD) sh tests/run-unit $(TESTS)
	$(Q)CC="$(CC)" SANITIZE="$(SANITIZE)" sh tests/fuzz/run --replay
	$(Q)BUILD=$(BUILD) sh tests/run-cases
	$(Q)BUILD=$(BUILD) sh tests/run-readback

unit-test: $(TESTS)
	$(Q)BUILD=$(BUILD) sh tests/run-unit $(TESTS)

golden-test: all
	$(Q)BUILD=$(BUILD) sh tests/run-cases

golden-update: all
	$(Q)BUILD=$(BUILD) UPDATE=1 sh tests/run-cases

bench: all
	$(Q)BUILD=$(BUILD) sh scripts/bench

# .PHONY named it, but there was no rule: `make fuzz` did nothing
FUZZ_SECONDS ?= 60
fuzz:
	$(Q)sh tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ)

# Readable by all whatever the installer's umask: under root's umask 027
# (a hardened server) or 077, mkdir and cp -R made folders and files that
# the "baocao" user of config/crontab.example and the systemd unit could
# not read (the templates: every report failed).
SHARE = $(DESTDIR)$(PREFIX)/share
install: all
	umask 022 && mkdir -p $(DESTDIR)$(PREFIX)/bin $(SHARE)/baocao \
	    $(SHARE)/man/man1 $(SHARE)/doc/baocao
	for p in $(PROGS); do install -m 755 $(BUILD)/bin/$$p $(DESTDIR)$(PREFIX)/bin/$$p; done
	for m in $(wildcard src/*.1); do install -m 644 $$m $(SHARE)/man/man1/; done
	rm -rf $(SHARE)/baocao/templates $(SHARE)/baocao/config-example
	cp -R templates $(SHARE)/baocao/templates
	cp -R config $(SHARE)/baocao/config-example
	chmod -R u+rwX,go+rX,go-w $(SHARE)/baocao/templates \
	    $(SHARE)/baocao/config-example
	for d in README.md docs/*.md; do install -m 644 $$d $(SHARE)/doc/baocao/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(PREFIX)/bin/$$p \
	    $(DESTDIR)$(PREFIX)/share/man/man1/$$p.1; done
	rm -rf $(DESTDIR)$(PREFIX)/share/baocao $(DESTDIR)$(PREFIX)/share/doc/baocao

clean:
	rm -rf build build-san
