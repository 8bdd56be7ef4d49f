/* SPDX-License-Identifier: ISC */
/* diag: formats and counts every diagnostic the programs print. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static const char *prog = "baocao";
static long nerrors, nwarnings;

void
diag_init(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

const char *
diag_prog(void)
{
	return prog;
}

static void
vdiag(const char *file, long line, long col, const char *kind,
    const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		fputs(file, stderr);
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(stderr, ":%ld", col);
		fputs(": ", stderr);
	}
	fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
diag_errorat(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vdiag(file, line, col, "", fmt, ap);
	va_end(ap);
}

void
diag_warnat(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	vdiag(file, line, col, "warning: ", fmt, ap);
	va_end(ap);
}

void
diag_error(const struct diag_loc *loc, const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vdiag(loc ? loc->file : NULL, loc ? loc->line : 0, loc ? loc->col : 0,
	    "", fmt, ap);
	va_end(ap);
}

void
diag_warn(const struct diag_loc *loc, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	vdiag(loc ? loc->file : NULL, loc ? loc->line : 0, loc ? loc->col : 0,
	    "warning: ", fmt, ap);
	va_end(ap);
}

void
diag_plain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, 0, "", fmt, ap);
	va_end(ap);
}

long
diag_errors(void)
{
	return nerrors;
}

long
diag_warnings(void)
{
	return nwarnings;
}

void
diag_reset(void)
{
	nerrors = nwarnings = 0;
}
