/* SPDX-License-Identifier: ISC */
/* Unit tests of num: counts to 2^63-1 and past, ratings, decimals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "num.h"

struct ccase {
	const char	*in;
	enum num_status	 st;
	long long	 v;
};

static const struct ccase counts[] = {
	{ "0", NUM_OK, 0 },
	{ "7", NUM_OK, 7 },
	{ "010", NUM_OK, 10 },				/* decimal, not octal */
	{ "0000000000000000000000000042", NUM_OK, 42 },	/* zeros never overflow */
	{ "9223372036854775806", NUM_OK, 9223372036854775806LL },
	{ "9223372036854775807", NUM_OK, 9223372036854775807LL },
	{ "09223372036854775807", NUM_OK, 9223372036854775807LL },
	{ "9223372036854775808", NUM_RANGE, 0 },	/* 2^63 */
	{ "18446744073709551615", NUM_RANGE, 0 },	/* 2^64 - 1 */
	{ "18446744073709551616", NUM_RANGE, 0 },	/* 2^64: no wrap to 0 */
	{ "99999999999999999999999999", NUM_RANGE, 0 },
	{ "99999999999999999999x", NUM_FORM, 0 },
	{ "", NUM_EMPTY, 0 },
	{ "-1", NUM_NEGATIVE, 0 },
	{ "-0", NUM_FORM, 0 },
	{ "-", NUM_FORM, 0 },
	{ "-99999999999999999999", NUM_NEGATIVE, 0 },
	{ "+1", NUM_FORM, 0 },
	{ " 1", NUM_FORM, 0 },
	{ "1 ", NUM_FORM, 0 },
	{ "12abc", NUM_FORM, 0 },
	{ "0x10", NUM_FORM, 0 },
	{ "1e3", NUM_FORM, 0 },
	{ "1.0", NUM_FORM, 0 },
	{ "1,000", NUM_FORM, 0 },
	{ "\xD9\xA1", NUM_FORM, 0 },			/* Arabic-Indic one */
	{ NULL, 0, 0 }
};

static void
test_counts(void **state)
{
	const struct ccase *c;
	long long v;

	(void)state;
	for (c = counts; c->in != NULL; c++) {
		v = -12345;
		if (num_count(c->in, strlen(c->in), &v) != c->st)
			fail_msg("'%s': status %d, want %d", c->in,
			    num_count(c->in, strlen(c->in), &v), c->st);
		if (c->st == NUM_OK && v != c->v)
			fail_msg("'%s': %lld, want %lld", c->in, v, c->v);
		if (c->st != NUM_OK && v != -12345)
			fail_msg("'%s': value written on failure", c->in);
	}
}

/* Counts are read from a length, not up to a NUL. */
static void
test_count_length(void **state)
{
	long long v;

	(void)state;
	assert_int_equal(num_count("123,456", 3, &v), NUM_OK);
	assert_int_equal(v, 123);
}

static void
test_ratings(void **state)
{
	static const struct {
		const char *in;
		enum num_status st;
		int v;
	} t[] = {
		{ "1", NUM_OK, 1 }, { "5", NUM_OK, 5 }, { "05", NUM_OK, 5 },
		{ "0", NUM_RANGE, 0 }, { "6", NUM_RANGE, 0 },
		{ "10", NUM_RANGE, 0 }, { "-1", NUM_RANGE, 0 },
		{ "", NUM_EMPTY, 0 }, { "x", NUM_FORM, 0 },
		{ "4.5", NUM_FORM, 0 }, { "99999999999999999999", NUM_RANGE, 0 },
	};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -1;
		assert_int_equal(num_rating(t[i].in, strlen(t[i].in), &v),
		    t[i].st);
		if (t[i].st == NUM_OK)
			assert_int_equal(v, t[i].v);
	}
}

static void
test_decimals(void **state)
{
	static const struct {
		const char *in;
		enum num_status st;
		double v;
	} t[] = {
		{ "0", NUM_OK, 0.0 }, { "2.5", NUM_OK, 2.5 },
		{ "007.250", NUM_OK, 7.25 }, { "12", NUM_OK, 12.0 },
		{ "0.1", NUM_OK, 0.1 },
		{ "-2.5", NUM_NEGATIVE, 0 }, { "", NUM_EMPTY, 0 },
		{ ".5", NUM_FORM, 0 }, { "5.", NUM_FORM, 0 },
		{ "2,5", NUM_FORM, 0 }, { "1e3", NUM_FORM, 0 },
		{ "1.2.3", NUM_FORM, 0 }, { "nan", NUM_FORM, 0 },
		{ "inf", NUM_FORM, 0 }, { " 1", NUM_FORM, 0 },
	};
	char lz[200], tz[200], big[400];
	size_t i;
	double v;

	(void)state;
	/* longer than any buffer: leading and trailing zeros, 400 digits */
	memset(lz, '0', sizeof(lz));
	memcpy(lz + sizeof(lz) - 4, "02.5", 4);
	assert_int_equal(num_decimal(lz, sizeof(lz), &v), NUM_OK);
	assert_true(v == 2.5);
	memset(tz, '0', sizeof(tz));
	memcpy(tz, "1.5", 3);
	assert_int_equal(num_decimal(tz, sizeof(tz), &v), NUM_OK);
	assert_true(v == 1.5);
	memset(big, '9', sizeof(big));
	assert_int_equal(num_decimal(big, sizeof(big), &v), NUM_RANGE);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -1;
		assert_int_equal(num_decimal(t[i].in, strlen(t[i].in), &v),
		    t[i].st);
		if (t[i].st == NUM_OK)
			assert_true(v == t[i].v);
	}
}

/* Command-line numbers: digits only, inside the range. */
static void
test_option(void **state)
{
	static const struct { const char *s; int ok; long v; } t[] = {
		{ "0", 1, 0 }, { "1", 1, 1 }, { "99", 1, 99 }, { "007", 1, 7 },
		{ "100", 0, 0 }, { "-1", 0, 0 }, { "", 0, 0 }, { "2x", 0, 0 },
		{ " 2", 0, 0 }, { "+2", 0, 0 },
		{ "99999999999999999999999", 0, 0 },
	};
	size_t i;
	long v;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -5;
		assert_int_equal(num_option(t[i].s, 0, 99, &v), t[i].ok ? 0 : -1);
		if (t[i].ok)
			assert_int_equal(v, t[i].v);
	}
	assert_int_equal(num_option(NULL, 0, 99, &v), -1);
	assert_int_equal(num_option("0", 1, 99, &v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_count_length),
		cmocka_unit_test(test_ratings),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
