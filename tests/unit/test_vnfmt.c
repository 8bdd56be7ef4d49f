/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/vnfmt.c: Vietnamese number and date formats. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/date.h"
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
		{ 1234.5, 1, "1.234,5" }, { 0.25, 1, "0,2" }, { 0.35, 1, "0,3" },
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

static void
test_delta(void **state)
{
	char buf[VNFMT_BUFSZ];

	(void)state;
	assert_string_equal(vn_delta(12, 0, buf), "+12");
	assert_string_equal(vn_delta(-3, 0, buf), "-3");
	assert_string_equal(vn_delta(0, 0, buf), "0");
	assert_string_equal(vn_delta(1500, 0, buf), "+1.500");
	assert_string_equal(vn_delta(0.015, 1, buf), "+1,5 điểm %");
	assert_string_equal(vn_delta(-0.029, 1, buf), "-2,9 điểm %");
	assert_string_equal(vn_delta(0.0001, 1, buf), "0 điểm %");
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
	assert_string_equal(vn_date_short(date_from_ymd(2024, 2, 29), buf),
	    "29/02/2024");
	assert_string_equal(vn_month(month_of(2024, 12), buf), "12/2024");
	assert_string_equal(vn_month(month_of(2025, 1), buf), "01/2025");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_pct),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_delta),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
