/* SPDX-License-Identifier: ISC */
/*
 * num: strict parsers for the numbers of the inputs (SPEC §3). Unlike
 * strtol(3) or iniparser's getint, they accept only the whole text: no sign,
 * no spaces, no "0x", and leading zeros mean decimal ("010" is 10).
 */
#ifndef BAOCAO_NUM_H
#define BAOCAO_NUM_H

#include <stddef.h>

#define NUM_COUNT_MAX	9223372036854775807LL	/* 2^63 - 1 */

enum num_status {
	NUM_OK = 0,
	NUM_EMPTY,		/* no text at all */
	NUM_FORM,		/* not a number of the kind asked */
	NUM_NEGATIVE,		/* a minus sign before an otherwise good number */
	NUM_RANGE		/* a number, but outside the range */
};

/*
 * Each parser takes the n bytes at s (no NUL needed) and sets *v only on
 * NUM_OK.
 *
 * A count: [0-9]+ with value 0 .. 2^63-1 into *v ("-0" is NUM_FORM).
 */
enum num_status num_count(const char *s, size_t n, long long *v);
/* A rating: a count from 1 to 5 ("05" is 5) into *v. */
enum num_status num_rating(const char *s, size_t n, int *v);
/*
 * A non-negative decimal: [0-9]+ or [0-9]+.[0-9]+ (a '.' separator only),
 * finite, into *v; NUM_RANGE when it overflows a double.
 */
enum num_status num_decimal(const char *s, size_t n, double *v);
/*
 * A command-line number such as a draft number: a count from lo to hi
 * into *v. Returns 0, or -1 when s is not one.
 */
int	num_option(const char *s, long lo, long hi, long *v);

#endif
