/* SPDX-License-Identifier: ISC */
/* num: strict parsing of counts, ratings and decimals. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

enum num_status
num_count(const char *s, size_t n, long long *v)
{
	unsigned long long x = 0;
	size_t i = 0;
	int neg = 0;

	if (n == 0)
		return NUM_EMPTY;
	if (s[0] == '-') {
		neg = 1;
		i = 1;
		if (n == 1)
			return NUM_FORM;
	}
	for (; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return NUM_FORM;
		if (x > ((unsigned long long)NUM_COUNT_MAX - d) / 10) {
			/* keep reading: a later non-digit makes it NUM_FORM */
			for (i++; i < n; i++)
				if ((unsigned char)s[i] - '0' > 9)
					return NUM_FORM;
			return neg ? NUM_NEGATIVE : NUM_RANGE;
		}
		x = x * 10 + d;
	}
	if (neg)
		return x == 0 ? NUM_FORM : NUM_NEGATIVE;
	*v = (long long)x;
	return NUM_OK;
}

enum num_status
num_rating(const char *s, size_t n, int *v)
{
	enum num_status st;
	long long x;

	if (n == 1) {			/* the usual case, fast */
		if (s[0] >= '1' && s[0] <= '5') {
			*v = s[0] - '0';
			return NUM_OK;
		}
		return s[0] >= '0' && s[0] <= '9' ? NUM_RANGE : NUM_FORM;
	}
	if ((st = num_count(s, n, &x)) != NUM_OK)
		return st == NUM_NEGATIVE ? NUM_RANGE : st;
	if (x < 1 || x > 5)
		return NUM_RANGE;
	*v = (int)x;
	return NUM_OK;
}

enum num_status
num_decimal(const char *s, size_t n, double *v)
{
	char buf[64], *b;
	size_t i = 0, digits = 0, frac = 0;
	int neg = 0, dot = 0;
	double x;

	if (n == 0)
		return NUM_EMPTY;
	if (s[0] == '-') {
		neg = 1;
		i = 1;
	}
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (dot)
				frac++;
			else
				digits++;
		} else if (s[i] == '.' && !dot)
			dot = 1;
		else
			return NUM_FORM;
	}
	if (digits == 0 || (dot && frac == 0))
		return NUM_FORM;
	if (neg)
		return NUM_NEGATIVE;
	/* any length: "0000…2.5" and "1.5000…0" are numbers too */
	if ((b = n < sizeof(buf) ? buf : malloc(n + 1)) == NULL)
		return NUM_RANGE;
	memcpy(b, s, n);
	b[n] = '\0';
	x = strtod(b, NULL);		/* the syntax above is locale-proof */
	if (b != buf)
		free(b);
	if (!isfinite(x))
		return NUM_RANGE;
	*v = x;
	return NUM_OK;
}

int
num_option(const char *s, long lo, long hi, long *v)
{
	long long x;

	if (s == NULL || num_count(s, strlen(s), &x) != NUM_OK || x < lo ||
	    x > hi)
		return -1;
	*v = (long)x;
	return 0;
}
