/* SPDX-License-Identifier: ISC */
/* numfmt: shortest round-trip doubles and plain integer counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

/*
 * The programs never call setlocale(3) for LC_NUMERIC, so printf and
 * strtod use '.'; a ',' is still turned into '.' to be safe.
 */
static void
dot(char *buf)
{
	char *p;

	for (p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
}

char *
numfmt_double(double x, char *buf)
{
	static const char *const fmts[] = { "%.15g", "%.16g", "%.17g" };
	size_t i;

	if (x == 0) {
		strcpy(buf, "0");
		return buf;
	}
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		snprintf(buf, NUMFMT_BUFSZ, fmts[i], x);
		dot(buf);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

char *
numfmt_count(long long n, char *buf)
{
	snprintf(buf, NUMFMT_BUFSZ, "%lld", n);
	return buf;
}

int
numfmt_count_too_long(const char *s)
{
	size_t n;

	if (*s == '-')
		s++;
	while (*s == '0' && s[1] != '\0')
		s++;
	n = strspn(s, "0123456789");
	return s[n] == '\0' && n > NUMFMT_DOC_DIGITS;
}
