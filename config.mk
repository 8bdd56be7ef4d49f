# baocao build knobs. Override on the command line: make PREFIX=/opt/baocao
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
           -Wwrite-strings -Wvla -Wno-unused-parameter
CPPFLAGS_BASE = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Isrc/lib -I/usr/include/iniparser
LIBS     = -lhpdf -lcsv -liniparser -lutf8proc \
           $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter -lz) -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
