/* SPDX-License-Identifier: ISC */
/*
 * Tests of src/lib/period.c: a table of period arithmetic under both
 * cut-off rules (SPEC §5), worked out by hand from the calendar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/date.h"
#include "lib/numfmt.h"
#include "lib/period.h"

struct pcase {
	const char	*label;
	int		 cutoff;
	const char	*today;		/* for previous-*; NULL: unused */
	const char	*want_label;	/* canonical label */
	const char	*kind;
	const char	*first, *last;	/* the window */
	const char	*m1, *m2;	/* reporting months; NULL: none */
	const char	*folder;	/* last folder read */
	const char	*title;
};

static const struct pcase cases[] = {
	/* Months; February of leap and common years. */
	{ "2026-10", 0, NULL, "2026-10", "month", "2026-10-01", "2026-10-31",
	  "2026-10", "2026-10", "2026-10", "tháng 10 năm 2026" },
	{ "2026-10", 15, NULL, "2026-10", "month", "2026-09-15", "2026-10-14",
	  "2026-10", "2026-10", "2026-10", "tháng 10 năm 2026" },
	{ "2026-01", 15, NULL, "2026-01", "month", "2025-12-15", "2026-01-14",
	  "2026-01", "2026-01", "2026-01", "tháng 1 năm 2026" },
	{ "2026-12", 15, NULL, "2026-12", "month", "2026-11-15", "2026-12-14",
	  "2026-12", "2026-12", "2026-12", "tháng 12 năm 2026" },
	{ "2024-02", 0, NULL, "2024-02", "month", "2024-02-01", "2024-02-29",
	  "2024-02", "2024-02", "2024-02", "tháng 2 năm 2024" },
	{ "2023-02", 0, NULL, "2023-02", "month", "2023-02-01", "2023-02-28",
	  "2023-02", "2023-02", "2023-02", "tháng 2 năm 2023" },
	{ "2100-02", 0, NULL, "2100-02", "month", "2100-02-01", "2100-02-28",
	  "2100-02", "2100-02", "2100-02", "tháng 2 năm 2100" },
	{ "2000-02", 0, NULL, "2000-02", "month", "2000-02-01", "2000-02-29",
	  "2000-02", "2000-02", "2000-02", "tháng 2 năm 2000" },
	{ "2024-03", 15, NULL, "2024-03", "month", "2024-02-15", "2024-03-14",
	  "2024-03", "2024-03", "2024-03", "tháng 3 năm 2024" },
	/* Quarters, halves, nine months, years. */
	{ "2026-Q3", 0, NULL, "2026-Q3", "quarter", "2026-07-01", "2026-09-30",
	  "2026-07", "2026-09", "2026-09", "quý III năm 2026" },
	{ "2026-Q3", 15, NULL, "2026-Q3", "quarter", "2026-06-15",
	  "2026-09-14", "2026-07", "2026-09", "2026-09", "quý III năm 2026" },
	{ "2026-q1", 15, NULL, "2026-Q1", "quarter", "2025-12-15",
	  "2026-03-14", "2026-01", "2026-03", "2026-03", "quý I năm 2026" },
	{ "2026-Q4", 0, NULL, "2026-Q4", "quarter", "2026-10-01", "2026-12-31",
	  "2026-10", "2026-12", "2026-12", "quý IV năm 2026" },
	{ "2026-Q2", 0, NULL, "2026-Q2", "quarter", "2026-04-01", "2026-06-30",
	  "2026-04", "2026-06", "2026-06", "quý II năm 2026" },
	{ "2026-H1", 0, NULL, "2026-H1", "half", "2026-01-01", "2026-06-30",
	  "2026-01", "2026-06", "2026-06", "6 tháng đầu năm 2026" },
	{ "2026-H1", 15, NULL, "2026-H1", "half", "2025-12-15", "2026-06-14",
	  "2026-01", "2026-06", "2026-06", "6 tháng đầu năm 2026" },
	{ "2026-H2", 15, NULL, "2026-H2", "half", "2026-06-15", "2026-12-14",
	  "2026-07", "2026-12", "2026-12", "6 tháng cuối năm 2026" },
	{ "2026-9M", 0, NULL, "2026-9M", "9m", "2026-01-01", "2026-09-30",
	  "2026-01", "2026-09", "2026-09", "9 tháng đầu năm 2026" },
	{ "2026-9M", 15, NULL, "2026-9M", "9m", "2025-12-15", "2026-09-14",
	  "2026-01", "2026-09", "2026-09", "9 tháng đầu năm 2026" },
	{ "2026", 0, NULL, "2026", "year", "2026-01-01", "2026-12-31",
	  "2026-01", "2026-12", "2026-12", "năm 2026" },
	{ "2026", 15, NULL, "2026", "year", "2025-12-15", "2026-12-14",
	  "2026-01", "2026-12", "2026-12", "năm 2026" },
	/* Ad-hoc ranges: only months lying wholly inside; either date form. */
	{ "2026-10-01..2026-10-15", 0, NULL, "2026-10-01..2026-10-15", "range",
	  "2026-10-01", "2026-10-15", NULL, NULL, "2026-10",
	  "từ ngày 01/10/2026 đến ngày 15/10/2026" },
	{ "2026-10-01..2026-10-15", 15, NULL, "2026-10-01..2026-10-15",
	  "range", "2026-10-01", "2026-10-15", NULL, NULL, "2026-11",
	  "từ ngày 01/10/2026 đến ngày 15/10/2026" },
	{ "2024-03-10..2024-05-20", 0, NULL, "2024-03-10..2024-05-20", "range",
	  "2024-03-10", "2024-05-20", "2024-04", "2024-04", "2024-05",
	  "từ ngày 10/03/2024 đến ngày 20/05/2024" },
	/* 15: 2024-04 is 03-15..04-14, 2024-05 is 04-15..05-14. */
	{ "2024-03-10..2024-05-20", 15, NULL, "2024-03-10..2024-05-20",
	  "range", "2024-03-10", "2024-05-20", "2024-04", "2024-05", "2024-06",
	  "từ ngày 10/03/2024 đến ngày 20/05/2024" },
	{ "01/01/2024..31/12/2024", 0, NULL, "2024-01-01..2024-12-31", "range",
	  "2024-01-01", "2024-12-31", "2024-01", "2024-12", "2024-12",
	  "từ ngày 01/01/2024 đến ngày 31/12/2024" },
	{ "2023-12-15..14/12/2024", 15, NULL, "2023-12-15..2024-12-14",
	  "range", "2023-12-15", "2024-12-14", "2024-01", "2024-12", "2024-12",
	  "từ ngày 15/12/2023 đến ngày 14/12/2024" },
	{ "2024-01-14..2024-02-14", 15, NULL, "2024-01-14..2024-02-14",
	  "range", "2024-01-14", "2024-02-14", "2024-02", "2024-02", "2024-02",
	  "từ ngày 14/01/2024 đến ngày 14/02/2024" },
	{ "2024-01-15..2024-02-13", 15, NULL, "2024-01-15..2024-02-13",
	  "range", "2024-01-15", "2024-02-13", NULL, NULL, "2024-02",
	  "từ ngày 15/01/2024 đến ngày 13/02/2024" },
	{ "2024-02-01..2024-02-29", 0, NULL, "2024-02-01..2024-02-29", "range",
	  "2024-02-01", "2024-02-29", "2024-02", "2024-02", "2024-02",
	  "từ ngày 01/02/2024 đến ngày 29/02/2024" },
	{ "2026-05-05..2026-05-05", 0, NULL, "2026-05-05..2026-05-05", "range",
	  "2026-05-05", "2026-05-05", NULL, NULL, "2026-05",
	  "từ ngày 05/05/2026 đến ngày 05/05/2026" },
	/*
	 * previous-*: the latest period whose window ended before today.
	 * 14/15 December across the year under the cut-off of 15.
	 */
	{ "previous-month", 15, "2026-12-15", "2026-12", "month", "2026-11-15",
	  "2026-12-14", "2026-12", "2026-12", "2026-12", "tháng 12 năm 2026" },
	{ "previous-month", 15, "2026-12-14", "2026-11", "month", "2026-10-15",
	  "2026-11-14", "2026-11", "2026-11", "2026-11", "tháng 11 năm 2026" },
	{ "previous-month", 0, "2026-12-14", "2026-11", "month", "2026-11-01",
	  "2026-11-30", "2026-11", "2026-11", "2026-11", "tháng 11 năm 2026" },
	{ "previous-month", 0, "2027-01-01", "2026-12", "month", "2026-12-01",
	  "2026-12-31", "2026-12", "2026-12", "2026-12", "tháng 12 năm 2026" },
	{ "previous-month", 0, "2026-12-31", "2026-11", "month", "2026-11-01",
	  "2026-11-30", "2026-11", "2026-11", "2026-11", "tháng 11 năm 2026" },
	{ "previous-month", 15, "2026-01-10", "2025-12", "month", "2025-11-15",
	  "2025-12-14", "2025-12", "2025-12", "2025-12", "tháng 12 năm 2025" },
	{ "previous-year", 15, "2026-12-15", "2026", "year", "2025-12-15",
	  "2026-12-14", "2026-01", "2026-12", "2026-12", "năm 2026" },
	{ "previous-year", 15, "2026-12-14", "2025", "year", "2024-12-15",
	  "2025-12-14", "2025-01", "2025-12", "2025-12", "năm 2025" },
	{ "previous-year", 0, "2026-12-31", "2025", "year", "2025-01-01",
	  "2025-12-31", "2025-01", "2025-12", "2025-12", "năm 2025" },
	{ "previous-year", 0, "2027-01-01", "2026", "year", "2026-01-01",
	  "2026-12-31", "2026-01", "2026-12", "2026-12", "năm 2026" },
	{ "previous-quarter", 0, "2026-10-01", "2026-Q3", "quarter",
	  "2026-07-01", "2026-09-30", "2026-07", "2026-09", "2026-09",
	  "quý III năm 2026" },
	{ "previous-quarter", 0, "2026-09-30", "2026-Q2", "quarter",
	  "2026-04-01", "2026-06-30", "2026-04", "2026-06", "2026-06",
	  "quý II năm 2026" },
	{ "previous-quarter", 15, "2026-09-15", "2026-Q3", "quarter",
	  "2026-06-15", "2026-09-14", "2026-07", "2026-09", "2026-09",
	  "quý III năm 2026" },
	{ "previous-quarter", 15, "2026-09-14", "2026-Q2", "quarter",
	  "2026-03-15", "2026-06-14", "2026-04", "2026-06", "2026-06",
	  "quý II năm 2026" },
	{ "previous-quarter", 0, "2026-02-10", "2025-Q4", "quarter",
	  "2025-10-01", "2025-12-31", "2025-10", "2025-12", "2025-12",
	  "quý IV năm 2025" },
	{ "previous-quarter", 15, "2025-12-15", "2025-Q4", "quarter",
	  "2025-09-15", "2025-12-14", "2025-10", "2025-12", "2025-12",
	  "quý IV năm 2025" },
	{ "previous-half", 0, "2026-07-01", "2026-H1", "half", "2026-01-01",
	  "2026-06-30", "2026-01", "2026-06", "2026-06",
	  "6 tháng đầu năm 2026" },
	{ "previous-half", 0, "2026-06-30", "2025-H2", "half", "2025-07-01",
	  "2025-12-31", "2025-07", "2025-12", "2025-12",
	  "6 tháng cuối năm 2025" },
	{ "previous-half", 15, "2026-06-15", "2026-H1", "half", "2025-12-15",
	  "2026-06-14", "2026-01", "2026-06", "2026-06",
	  "6 tháng đầu năm 2026" },
	{ "previous-9m", 0, "2026-10-01", "2026-9M", "9m", "2026-01-01",
	  "2026-09-30", "2026-01", "2026-09", "2026-09",
	  "9 tháng đầu năm 2026" },
	{ "previous-9m", 0, "2026-09-30", "2025-9M", "9m", "2025-01-01",
	  "2025-09-30", "2025-01", "2025-09", "2025-09",
	  "9 tháng đầu năm 2025" },
	{ "previous-9m", 15, "2026-09-15", "2026-9M", "9m", "2025-12-15",
	  "2026-09-14", "2026-01", "2026-09", "2026-09",
	  "9 tháng đầu năm 2026" },
};

static long
day(const char *s)
{
	long d = 0;

	assert_int_equal(date_parse(s, strlen(s), &d), DATE_OK);
	return d;
}

static void
test_table(void **state)
{
	char buf[PERIOD_TITLESZ], lab[PERIOD_LABELSZ];
	struct period p;
	const char *err = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct pcase *c = &cases[i];
		long today = c->today ? day(c->today) : 0;

		print_message("%s cutoff %d today %s\n", c->label, c->cutoff,
		    c->today ? c->today : "-");
		assert_int_equal(period_parse(c->label, c->cutoff, today, &p,
		    &err), 0);
		period_label(&p, lab);
		assert_string_equal(lab, c->want_label);
		assert_string_equal(period_kind_name(p.kind), c->kind);
		date_iso(p.first_day, buf);
		assert_string_equal(buf, c->first);
		date_iso(p.last_day, buf);
		assert_string_equal(buf, c->last);
		if (c->m1 == NULL) {
			assert_true(p.first_month > p.last_month);
			assert_int_equal(period_nmonths(&p), 0);
		} else {
			month_iso(p.first_month, buf);
			assert_string_equal(buf, c->m1);
			month_iso(p.last_month, buf);
			assert_string_equal(buf, c->m2);
		}
		month_iso(p.last_folder, buf);
		assert_string_equal(buf, c->folder);
		period_title(&p, buf);
		assert_string_equal(buf, c->title);
	}
}

/* The 14th and the 15th of every month of 2026, and of December 2025. */
static void
test_cutoff_days(void **state)
{
	char buf[DATE_BUFSZ], want[DATE_BUFSZ];
	int m;

	(void)state;
	for (m = 1; m <= 12; m++) {
		long d14 = date_from_ymd(2026, m, 14), d15 = d14 + 1;

		month_iso(month_of(2026, m), want);
		month_iso(report_month_of_date(d14, 15), buf);
		assert_string_equal(buf, want);
		month_iso(report_month_of_date(d14, 0), buf);
		assert_string_equal(buf, want);
		month_iso(report_month_of_date(d15, 0), buf);
		assert_string_equal(buf, want);
		month_iso(month_of(2026, m) + 1, want);
		month_iso(report_month_of_date(d15, 15), buf);
		assert_string_equal(buf, want);
	}
	month_iso(report_month_of_date(day("2026-12-15"), 15), buf);
	assert_string_equal(buf, "2027-01");
	month_iso(report_month_of_date(day("2025-12-14"), 15), buf);
	assert_string_equal(buf, "2025-12");
	month_iso(report_month_of_date(day("2025-12-15"), 15), buf);
	assert_string_equal(buf, "2026-01");
	/* A survey row of 2026-10-20 counts in 2026-11 (SPEC §5). */
	month_iso(report_month_of_date(day("2026-10-20"), 15), buf);
	assert_string_equal(buf, "2026-11");
}

struct ncase {
	const char	*label;
	int		 cutoff;
	const char	*prev, *year_before;
};

static const struct ncase neighbours[] = {
	{ "2026-01", 0, "2025-12", "2025-01" },
	{ "2026-10", 15, "2026-09", "2025-10" },
	{ "2026-Q1", 0, "2025-Q4", "2025-Q1" },
	{ "2026-Q3", 15, "2026-Q2", "2025-Q3" },
	{ "2026-H1", 0, "2025-H2", "2025-H1" },
	{ "2026-H2", 0, "2026-H1", "2025-H2" },
	{ "2026-9M", 0, "2025-9M", "2025-9M" },
	{ "2026", 15, "2025", "2025" },
	{ "2026-10-01..2026-10-15", 0, "2026-09-16..2026-09-30",
	  "2025-10-01..2025-10-15" },
	/* 29 February a year earlier is the 28th; 2024-03-01 - 7 days. */
	{ "2024-02-29..2024-03-06", 0, "2024-02-22..2024-02-28",
	  "2023-02-28..2023-03-06" },
	/* 365 days before 2025-01-01 start on 2024-01-02: 2024 has 366. */
	{ "2025-01-01..2025-12-31", 0, "2024-01-02..2024-12-31",
	  "2024-01-01..2024-12-31" },
};

static void
test_neighbours(void **state)
{
	char buf[PERIOD_LABELSZ];
	struct period p, q;
	const char *err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(neighbours) / sizeof(neighbours[0]); i++) {
		const struct ncase *c = &neighbours[i];

		assert_int_equal(period_parse(c->label, c->cutoff, 0, &p, &err),
		    0);
		period_prev(&p, &q);
		period_label(&q, buf);
		assert_string_equal(buf, c->prev);
		assert_int_equal(q.cutoff, c->cutoff);
		period_year_before(&p, &q);
		period_label(&q, buf);
		assert_string_equal(buf, c->year_before);
	}
}

static void
test_bad_labels(void **state)
{
	static const char *const bad[] = { "", "2026-13", "2026-00", "2026-Q5",
		"2026-Q0", "2026-H3", "2026-8M", "26", "2026-1", "2026-10-1",
		"2026-10-15..2026-10-01", "2026-02-30..2026-03-01",
		"2026-10-01..", "..2026-10-01", "2026/10/01..2026/10/02",
		"previous-week", "previous-", "0999", "2026-Q3x", "x2026",
		"2026-10-01...2026-10-02", NULL };
	struct period p;
	const char *err;
	int i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		err = NULL;
		print_message("'%s'\n", bad[i]);
		assert_int_equal(period_parse(bad[i], 0, 0, &p, &err), -1);
		assert_non_null(err);
	}
}

static void
test_numfmt(void **state)
{
	char buf[NUMFMT_BUFSZ];

	(void)state;
	assert_string_equal(numfmt_double(0.95, buf), "0.95");
	assert_string_equal(numfmt_double(19.0 / 20.0, buf), "0.95");
	assert_string_equal(numfmt_double(1, buf), "1");
	assert_string_equal(numfmt_double(0, buf), "0");
	assert_string_equal(numfmt_double(-0.0, buf), "0");
	assert_string_equal(numfmt_double(2.5, buf), "2.5");
	/* 1/3 needs 16 digits; 0.1 + 0.2 needs 17. */
	assert_string_equal(numfmt_double(1.0 / 3, buf), "0.3333333333333333");
	assert_string_equal(numfmt_double(0.1 + 0.2, buf),
	    "0.30000000000000004");
	assert_string_equal(numfmt_double(2.0 / 3, buf), "0.6666666666666666");
	assert_string_equal(numfmt_count(0, buf), "0");
	assert_string_equal(numfmt_count(9223372036854775807LL, buf),
	    "9223372036854775807");
	/* the documents show counts of up to 15 significant digits */
	assert_int_equal(numfmt_count_too_long("999999999999999"), 0);
	assert_int_equal(numfmt_count_too_long("1000000000000000"), 1);
	assert_int_equal(numfmt_count_too_long("000999999999999999"), 0);
	assert_int_equal(numfmt_count_too_long("-1000000000000000"), 1);
	assert_int_equal(numfmt_count_too_long("9223372036854775807"), 1);
	assert_int_equal(numfmt_count_too_long("0"), 0);
	/* not a count: a rate or a decimal is printed from its double */
	assert_int_equal(numfmt_count_too_long("0.12345678901234567"), 0);
	assert_int_equal(numfmt_count_too_long("1234567890123456.5"), 0);
	assert_int_equal(numfmt_count_too_long("1e16"), 0);
	assert_int_equal(numfmt_count_too_long("9007199254740993"), 1);
}

/* The --period/--today pair of the programs, with their messages. */
static void
test_from_args(void **state)
{
	struct period p;
	char msg[256], label[PERIOD_LABELSZ];

	(void)state;
	assert_int_equal(period_from_args("previous-quarter", "15/11/2026", 0,
	    &p, msg, sizeof(msg)), 0);
	period_label(&p, label);
	assert_string_equal(label, "2026-Q3");
	assert_int_equal(period_from_args("2026-Q3", "2026-02-30", 0, &p, msg,
	    sizeof(msg)), -1);
	assert_string_equal(msg, "bad --today '2026-02-30': expected "
	    "YYYY-MM-DD or DD/MM/YYYY");
	assert_int_equal(period_from_args("2026-Q5", NULL, 0, &p, msg,
	    sizeof(msg)), -1);
	assert_true(strncmp(msg, "bad period '2026-Q5': ", 22) == 0);
}

/* What a report of 2024-Q1 compares and charts, under the 15th cut-off. */
static void
test_companions(void **state)
{
	static const char *const want[] = { "2024-Q1", "2023-Q4", "2023-Q1",
		"2023-04", "2023-05", "2023-06", "2023-07", "2023-08",
		"2023-09", "2023-10", "2023-11", "2023-12", "2024-01",
		"2024-02", "2024-03" };
	struct period p, q[PERIOD_COMPANIONS];
	char label[PERIOD_LABELSZ];
	int i, n;

	(void)state;
	period_make(&p, PK_QUARTER, 2024, 1, 15);
	n = period_companions(&p, q);
	assert_int_equal(n, 15);
	for (i = 0; i < n; i++) {
		period_label(&q[i], label);
		assert_string_equal(label, want[i]);
		assert_int_equal(q[i].cutoff, 15);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_cutoff_days),
		cmocka_unit_test(test_neighbours),
		cmocka_unit_test(test_bad_labels),
		cmocka_unit_test(test_numfmt),
		cmocka_unit_test(test_from_args),
		cmocka_unit_test(test_companions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
