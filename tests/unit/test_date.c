/* SPDX-License-Identifier: ISC */
/* Unit tests of date: both forms, impossible dates, leap years, cut-off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"

struct dcase {
	const char		*in;
	enum date_status	 st;
	const char		*iso;	/* when DATE_OK */
};

static const struct dcase dates[] = {
	{ "2024-03-05", DATE_OK, "2024-03-05" },
	{ "05/03/2024", DATE_OK, "2024-03-05" },	/* DD/MM/YYYY */
	{ "1970-01-01", DATE_OK, "1970-01-01" },
	{ "1000-01-01", DATE_OK, "1000-01-01" },
	{ "9999-12-31", DATE_OK, "9999-12-31" },
	{ "2024-02-29", DATE_OK, "2024-02-29" },	/* leap */
	{ "29/02/2000", DATE_OK, "2000-02-29" },	/* 400-year leap */
	{ "2023-02-29", DATE_IMPOSSIBLE, NULL },
	{ "29/02/1900", DATE_IMPOSSIBLE, NULL },	/* century, not leap */
	{ "2100-02-29", DATE_IMPOSSIBLE, NULL },
	{ "2026-02-30", DATE_IMPOSSIBLE, NULL },
	{ "2024-04-31", DATE_IMPOSSIBLE, NULL },
	{ "31/06/2024", DATE_IMPOSSIBLE, NULL },
	{ "2024-13-01", DATE_IMPOSSIBLE, NULL },
	{ "2024-00-10", DATE_IMPOSSIBLE, NULL },
	{ "2024-01-00", DATE_IMPOSSIBLE, NULL },
	{ "0999-01-01", DATE_IMPOSSIBLE, NULL },
	{ "2024-3-5", DATE_FORM, NULL },
	{ "5/3/2024", DATE_FORM, NULL },
	{ "2024/03/05", DATE_FORM, NULL },
	{ "05-03-2024", DATE_FORM, NULL },
	{ "20240305", DATE_FORM, NULL },
	{ "2024-03-05 ", DATE_FORM, NULL },
	{ " 2024-03-05", DATE_FORM, NULL },
	{ "2024-03-0x", DATE_FORM, NULL },
	{ "2024-03-+5", DATE_FORM, NULL },
	{ "", DATE_FORM, NULL },
	{ "2024-03", DATE_FORM, NULL },
	{ NULL, 0, NULL }
};

static void
test_parse(void **state)
{
	const struct dcase *c;
	char buf[DATE_BUFSZ];
	long d;

	(void)state;
	for (c = dates; c->in != NULL; c++) {
		d = -99;
		if (date_parse(c->in, strlen(c->in), &d) != c->st)
			fail_msg("'%s': status %d, want %d", c->in,
			    date_parse(c->in, strlen(c->in), &d), c->st);
		if (c->st == DATE_OK) {
			date_iso(d, buf);
			assert_string_equal(buf, c->iso);
		} else if (d != -99)
			fail_msg("'%s': day written on failure", c->in);
	}
}

static void
test_day_numbers(void **state)
{
	long d;
	int y, m, dd;
	char buf[DATE_BUFSZ];

	(void)state;
	assert_int_equal(date_parse("1970-01-01", 10, &d), DATE_OK);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("2024-03-01", 10, &d), DATE_OK);
	assert_int_equal(d - date_from_ymd(2024, 2, 28), 2);	/* leap day */
	/* round trip over four centuries */
	for (d = date_from_ymd(1900, 1, 1); d < date_from_ymd(2300, 1, 1); d++) {
		date_to_ymd(d, &y, &m, &dd);
		assert_true(date_valid(y, m, dd));
		assert_int_equal(date_from_ymd(y, m, dd), d);
	}
	date_vn(date_from_ymd(2026, 10, 5), buf);
	assert_string_equal(buf, "05/10/2026");
	assert_int_equal(days_in_month(2024, 2), 29);
	assert_int_equal(days_in_month(2023, 2), 28);
	assert_int_equal(days_in_month(2024, 13), 0);
}

static void
test_months(void **state)
{
	long m;
	char buf[DATE_BUFSZ];

	(void)state;
	assert_int_equal(month_parse("2024-01", 7, &m), 0);
	assert_int_equal(m, month_of(2024, 1));
	assert_int_equal(m - month_of(2023, 12), 1);
	month_iso(m - 1, buf);
	assert_string_equal(buf, "2023-12");
	assert_int_equal(month_year(m), 2024);
	assert_int_equal(month_mon(m), 1);
	assert_int_equal(month_parse("2024-13", 7, &m), -1);
	assert_int_equal(month_parse("2024-00", 7, &m), -1);
	assert_int_equal(month_parse("2024-1", 6, &m), -1);
	assert_int_equal(month_parse("24-01-1", 7, &m), -1);
}

static void
test_report_month(void **state)
{
	static const struct {
		int y, m, d, cutoff;
		const char *want;
	} t[] = {
		{ 2026, 10, 20, 0, "2026-10" },
		{ 2026, 10, 20, 15, "2026-11" },	/* SPEC §5 example */
		{ 2026, 10, 14, 15, "2026-10" },
		{ 2026, 10, 15, 15, "2026-11" },
		{ 2026, 12, 15, 15, "2027-01" },	/* across the year */
		{ 2026, 12, 31, 0, "2026-12" },
		{ 2024, 2, 29, 15, "2024-03" },
	};
	char buf[DATE_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		month_iso(report_month_of_date(date_from_ymd(t[i].y, t[i].m,
		    t[i].d), t[i].cutoff), buf);
		assert_string_equal(buf, t[i].want);
	}
	/* reporting month 2026-11 with cut-off 15: 15 Oct .. 14 Nov */
	date_iso(report_month_first_day(month_of(2026, 11), 15), buf);
	assert_string_equal(buf, "2026-10-15");
	date_iso(report_month_last_day(month_of(2026, 11), 15), buf);
	assert_string_equal(buf, "2026-11-14");
	/* year 2026: 15 Dec 2025 .. 14 Dec 2026 */
	date_iso(report_month_first_day(month_of(2026, 1), 15), buf);
	assert_string_equal(buf, "2025-12-15");
	date_iso(report_month_first_day(month_of(2024, 3), 0), buf);
	assert_string_equal(buf, "2024-03-01");
	date_iso(report_month_last_day(month_of(2024, 2), 0), buf);
	assert_string_equal(buf, "2024-02-29");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_report_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
