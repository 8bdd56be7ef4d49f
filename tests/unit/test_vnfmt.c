/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/vnfmt.c: Vietnamese number and date formats. */
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/date.h"
#include "lib/util.h"
#include "lib/vnfmt.h"

static void
test_int(void **state)
{
	static const struct { long long v; const char *want; } t[] = {
		{ 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1.000" },
		{ 1234, "1.234" }, { 12131, "12.131" }, { 100000, "100.000" },
		{ 1234567, "1.234.567" }, { -1234, "-1.234" },
		{ INT64_MAX, "9.223.372.036.854.775.807" },
		{ INT64_MIN, "-9.223.372.036.854.775.808" },
	};
	char buf[VNFMT_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(vn_int(t[i].v, buf), t[i].want);
}

static void
test_num(void **state)
{
	static const struct { double v; int dec; const char *want; } t[] = {
		{ 4.5, 2, "4,5" }, { 4.0, 2, "4" }, { 4.04, 2, "4,04" },
		{ 1234.5, 1, "1.234,5" }, { 0.25, 1, "0,3" }, { 0.35, 1, "0,4" },
		{ -0.001, 2, "0" }, { -2.5, 1, "-2,5" }, { 1234567.891, 2,
		"1.234.567,89" }, { 3.999, 2, "4" },
	};
	char buf[VNFMT_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(vn_num(t[i].v, t[i].dec, buf), t[i].want);
	assert_string_equal(vn_num(NAN, 2, buf), "-");
	assert_string_equal(vn_num(INFINITY, 2, buf), "-");
}

/*
 * Halves round away from zero, whatever printf's ties-to-even would do
 * with the binary value: 81,25 is exact in binary (13/16), 1,005 and
 * 2,675 are stored a hair below their decimal, 0,125 exactly.
 */
static void
test_ties(void **state)
{
	static const struct { double v; int dec; const char *want; } t[] = {
		{ 81.25, 1, "81,3" }, { 0.125, 2, "0,13" }, { 2.5, 0, "3" },
		{ 3.5, 0, "4" }, { -2.5, 0, "-3" }, { -0.125, 2, "-0,13" },
		{ 1.005, 2, "1,01" }, { 2.675, 2, "2,68" }, { 4.445, 2, "4,45" },
		{ 0.5, 0, "1" }, { 0.05, 1, "0,1" }, { 0.049999, 1, "0" },
		{ 999.95, 1, "1.000" }, { 9999999.5, 0, "10.000.000" },
		{ 0.0005, 3, "0,001" }, { 0.00049, 3, "0" }, { -0.0005, 2, "0" },
		{ 1e-300, 2, "0" }, { 123456789012345.5, 0, "123.456.789.012.346" },
		{ 12.5, 6, "12,5" }, { 0, 3, "0" },
		/* past 18 digits no figure is printed (nor ip overflowed) */
		{ 1e18, 0, "-" }, { -1e300, 2, "-" },
	};
	char buf[VNFMT_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(vn_num(t[i].v, t[i].dec, buf), t[i].want);
	/* the same rounding in every format */
	assert_string_equal(vn_pct(13.0 / 16, 1, buf), "81,3%");
	assert_string_equal(vn_fixed(4.445, 2, buf), "4,45");
	assert_string_equal(vn_fixed(0.125, 2, buf), "0,13");
}

static void
test_pct(void **state)
{
	static const struct { double v; int dec; const char *want; } t[] = {
		{ 0.955, 1, "95,5%" }, { 0.95, 1, "95%" }, { 95.0 / 100, 1,
		"95%" }, { 1, 1, "100%" }, { 0, 1, "0%" }, { 0.8333333, 1,
		"83,3%" }, { 0.9939644481190575, 1, "99,4%" }, { 0.012, 1,
		"1,2%" }, { 0.94996, 2, "95%" }, { 0.94996, 3, "94,996%" },
		{ 12.34, 0, "1.234%" },
	};
	char buf[VNFMT_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(vn_pct(t[i].v, t[i].dec, buf), t[i].want);
	assert_string_equal(vn_pct(NAN, 1, buf), "-");
}

/* One rule for every rate of a document (vn_rate). */
static void
test_rate(void **state)
{
	static const struct { double v; int dec; const char *want; } t[] = {
		{ 13.0 / 16, 0, "81,25%" }, { 0.94986, 0, "94,99%" },
		{ 0.02002, 0, "2%" }, { 0.02002, 3, "2,002%" },
		{ 0.955, 0, "95,5%" }, { 0.95, 0, "95%" }, { 1, 0, "100%" },
		{ 0, 0, "0%" }, { 0.99996, 0, "99,996%" },
		{ 0.9999, 0, "99,99%" }, { 0.999996, 0, "99,9996%" },
		{ 0.99999999, 0, "99,9999%" }, { 0.00004, 0, "0,004%" },
		{ 1e-9, 0, "0,0001%" }, { 0.2, 0, "20%" }, { 0.9995, 0, "99,95%" },
		{ 0.99995, 0, "99,995%" }, { 0.00005, 0, "0,01%" },
		{ 0.8125, 1, "81,25%" }, { 0.94996, 3, "94,996%" },
		/* a ratio just past 100% (errors.rate) or below 0 is not
		 * nudged inside as a rate of 0..1 is */
		{ 1.0000000001, 0, "100%" }, { -1e-9, 0, "0%" },
	};
	char buf[VNFMT_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(vn_rate(t[i].v, t[i].dec, buf), t[i].want);
	assert_string_equal(vn_rate(NAN, 0, buf), "-");
	assert_int_equal(vn_rate_decimals(0.5), 2);
	assert_int_equal(vn_rate_decimals(0.99999), 3);
	assert_int_equal(vn_rate_decimals(0.999999), 4);
	assert_int_equal(vn_rate_decimals(1), 2);
}

static void
test_fixed(void **state)
{
	char buf[VNFMT_BUFSZ];

	(void)state;
	assert_string_equal(vn_fixed(4, 2, buf), "4,00");
	assert_string_equal(vn_fixed(3.995, 2, buf), "4,00");
	assert_string_equal(vn_fixed(4.5, 2, buf), "4,50");
	assert_string_equal(vn_fixed(4.47, 2, buf), "4,47");
	assert_string_equal(vn_fixed(1234, 1, buf), "1.234,0");
	assert_string_equal(vn_fixed(7, 0, buf), "7");
}

/* The difference of two printed figures is the difference a reader finds. */
static void
test_delta_printed(void **state)
{
	char buf[VNFMT_BUFSZ];

	(void)state;
	/* 0.920600.. - 0.923449.. is -0,2849 points, printed -0,29; the
	 * figures print 92,06% and 92,34%, whose difference is -0,28 */
	assert_string_equal(vn_delta_printed("92,06%", "92,34%", buf),
	    "-0,28 điểm %");
	assert_string_equal(vn_delta_printed("95,5%", "92,25%", buf),
	    "+3,25 điểm %");
	assert_string_equal(vn_delta_printed("100%", "99,9999%", buf),
	    "+0,0001 điểm %");
	assert_string_equal(vn_delta_printed("2%", "2%", buf), "0 điểm %");
	assert_string_equal(vn_delta_printed("1.234", "987", buf), "+247");
	assert_string_equal(vn_delta_printed("12.345.678", "12.345.679", buf),
	    "-1");
	assert_string_equal(vn_delta_printed("4,35", "4,4", buf), "-0,05");
	assert_string_equal(vn_delta_printed("-3", "2", buf), "-5");
	assert_string_equal(vn_delta_printed("0", "0", buf), "0");
	/* a rise has its '+', thousands are grouped, points keep places */
	assert_string_equal(vn_delta_printed("2.512", "1.012", buf), "+1.500");
	assert_string_equal(vn_delta_printed("81,25%", "80%", buf),
	    "+1,25 điểm %");
	assert_string_equal(vn_delta_printed("95%", "97,9%", buf),
	    "-2,9 điểm %");
	assert_string_equal(vn_delta_printed("0,01%", "0%", buf),
	    "+0,01 điểm %");
	assert_string_equal(vn_delta_printed("4,5", "4,63", buf), "-0,13");
	/* not figures, or a rate against a count */
	assert_null(vn_delta_printed("-", "12", buf));
	assert_null(vn_delta_printed("12", "", buf));
	assert_null(vn_delta_printed("95%", "95", buf));
	assert_null(vn_delta_printed("Đạt", "95%", buf));
	assert_null(vn_delta_printed("1,2,3", "1", buf));
	assert_null(vn_delta_printed("5,", "1", buf));
	assert_null(vn_delta_printed("%", "1%", buf));
}

static void
test_dates(void **state)
{
	char buf[VNFMT_BUFSZ];

	(void)state;
	assert_string_equal(vn_date_long(date_from_ymd(2026, 11, 5), buf),
	    "ngày 05 tháng 11 năm 2026");
	assert_string_equal(vn_date_long(date_from_ymd(2024, 1, 31), buf),
	    "ngày 31 tháng 01 năm 2024");
	/* Decree 30/2020: zero before months 1 and 2 only */
	assert_string_equal(vn_date_long(date_from_ymd(2024, 2, 9), buf),
	    "ngày 09 tháng 02 năm 2024");
	assert_string_equal(vn_date_long(date_from_ymd(2024, 3, 10), buf),
	    "ngày 10 tháng 3 năm 2024");
	assert_string_equal(vn_date_long(date_from_ymd(2024, 7, 4), buf),
	    "ngày 04 tháng 7 năm 2024");
	assert_string_equal(vn_date_long(date_from_ymd(2024, 9, 30), buf),
	    "ngày 30 tháng 9 năm 2024");
	assert_string_equal(vn_date_long(date_from_ymd(2024, 10, 1), buf),
	    "ngày 01 tháng 10 năm 2024");
	assert_string_equal(vn_date_short(date_from_ymd(2024, 2, 29), buf),
	    "29/02/2024");
	assert_string_equal(vn_month(month_of(2024, 12), buf), "12/2024");
	assert_string_equal(vn_month(month_of(2025, 1), buf), "01/2025");
}

/* A list of months as the analysis stream writes it, as documents say it. */
static void
test_month_list(void **state)
{
	struct sbuf sb = SBUF_INIT;
	long first, last;

	(void)state;
	vn_month_list(&sb, "2024-10,2024-11,2025-01", &first, &last);
	assert_string_equal(sbuf_str(&sb), "10/2024, 11/2024, 01/2025");
	assert_true(first == month_of(2024, 10) && last == month_of(2025, 1));
	/* what is no month is left out, its comma with it */
	sbuf_reset(&sb);
	vn_month_list(&sb, "x,2024-03,,2024-13", &first, &last);
	assert_string_equal(sbuf_str(&sb), "03/2024");
	assert_true(first == month_of(2024, 3) && last == first);
	sbuf_reset(&sb);
	vn_month_list(&sb, "", &first, &last);
	assert_string_equal(sbuf_str(&sb), "");
	assert_true(first == LONG_MIN && last == LONG_MIN);
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_pct),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_delta_printed),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_month_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
