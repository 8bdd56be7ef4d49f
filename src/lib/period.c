/* SPDX-License-Identifier: ISC */
/* period: report periods of SPEC §5, their windows, neighbours and titles. */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "period.h"

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	if (n == 0)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

void
period_make(struct period *p, enum period_kind kind, int y, int n,
    int cutoff_day)
{
	int m1, m2;

	switch (kind) {
	case PK_MONTH:
		m1 = m2 = n;
		break;
	case PK_QUARTER:
		m1 = 3 * n - 2;
		m2 = 3 * n;
		break;
	case PK_HALF:
		m1 = 6 * n - 5;
		m2 = 6 * n;
		break;
	case PK_9M:
		m1 = 1;
		m2 = 9;
		n = 0;
		break;
	case PK_YEAR:
	default:
		kind = PK_YEAR;
		m1 = 1;
		m2 = 12;
		n = 0;
		break;
	}
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->cutoff = cutoff_day;
	p->year = y;
	p->n = n;
	p->first_month = month_of(y, m1);
	p->last_month = month_of(y, m2);
	p->first_day = report_month_first_day(p->first_month, cutoff_day);
	p->last_day = report_month_last_day(p->last_month, cutoff_day);
	p->last_folder = p->last_month;
}

void
period_make_range(struct period *p, long first, long last, int cutoff_day)
{
	long m;

	memset(p, 0, sizeof(*p));
	p->kind = PK_RANGE;
	p->cutoff = cutoff_day;
	p->first_day = first;
	p->last_day = last;
	/* Only the reporting months lying wholly inside the range. */
	m = report_month_of_date(first, cutoff_day);
	if (report_month_first_day(m, cutoff_day) < first)
		m++;
	p->first_month = m;
	m = report_month_of_date(last, cutoff_day);
	p->last_folder = m;
	if (report_month_last_day(m, cutoff_day) > last)
		m--;
	p->last_month = m;
}

/* Parses "YYYY" and the label forms that start with it. */
static int
parse_label(const char *s, int cutoff_day, struct period *p,
    const char **err)
{
	size_t n = strlen(s);
	int y, v;

	if (n < 4 || digits(s, 4, &y) != 0 || y < 1000) {
		*err = "expected YYYY, YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, "
		    "YYYY-9M, DATE..DATE or previous-month|quarter|half|9m|year";
		return -1;
	}
	if (n == 4) {
		period_make(p, PK_YEAR, y, 0, cutoff_day);
		return 0;
	}
	if (s[4] != '-')
		goto bad;
	s += 5;
	n -= 5;
	if (n == 2 && digits(s, 2, &v) == 0) {
		if (v < 1 || v > 12) {
			*err = "no such month: a month is YYYY-01 to YYYY-12";
			return -1;
		}
		period_make(p, PK_MONTH, y, v, cutoff_day);
		return 0;
	}
	if (n == 2 && (s[0] == 'Q' || s[0] == 'q')) {
		if (s[1] < '1' || s[1] > '4') {
			*err = "a quarter is Q1, Q2, Q3 or Q4";
			return -1;
		}
		period_make(p, PK_QUARTER, y, s[1] - '0', cutoff_day);
		return 0;
	}
	if (n == 2 && (s[0] == 'H' || s[0] == 'h')) {
		if (s[1] != '1' && s[1] != '2') {
			*err = "a half year is H1 or H2";
			return -1;
		}
		period_make(p, PK_HALF, y, s[1] - '0', cutoff_day);
		return 0;
	}
	if (n == 2 && s[0] == '9' && (s[1] == 'M' || s[1] == 'm')) {
		period_make(p, PK_9M, y, 0, cutoff_day);
		return 0;
	}
bad:
	*err = "expected YYYY, YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, "
	    "YYYY-9M, DATE..DATE or previous-month|quarter|half|9m|year";
	return -1;
}

static int
parse_range(const char *s, const char *dots, int cutoff_day,
    struct period *p, const char **err)
{
	long d1, d2;
	enum date_status st;

	st = date_parse(s, (size_t)(dots - s), &d1);
	if (st == DATE_OK)
		st = date_parse(dots + 2, strlen(dots + 2), &d2);
	if (st == DATE_FORM) {
		*err = "a range is DATE..DATE, each date YYYY-MM-DD or "
		    "DD/MM/YYYY";
		return -1;
	}
	if (st == DATE_IMPOSSIBLE) {
		*err = "no such date in the range";
		return -1;
	}
	if (d2 < d1) {
		*err = "the range ends before it starts";
		return -1;
	}
	period_make_range(p, d1, d2, cutoff_day);
	return 0;
}

/*
 * The latest period of a kind whose window ended before today. The
 * reporting month before today's is the latest month that ended before
 * today; the period wanted is the latest one ending at or before it.
 */
static void
previous_of(struct period *p, enum period_kind kind, long today,
    int cutoff_day)
{
	long lm = report_month_of_date(today, cutoff_day) - 1;
	int y = month_year(lm), m = month_mon(lm);
	long end;

	switch (kind) {
	case PK_MONTH:
		period_make(p, PK_MONTH, y, m, cutoff_day);
		break;
	case PK_QUARTER:
		end = lm - m % 3;
		period_make(p, PK_QUARTER, month_year(end),
		    month_mon(end) / 3, cutoff_day);
		break;
	case PK_HALF:
		end = lm - m % 6;
		period_make(p, PK_HALF, month_year(end),
		    month_mon(end) / 6, cutoff_day);
		break;
	case PK_9M:
		period_make(p, PK_9M, m >= 9 ? y : y - 1, 0, cutoff_day);
		break;
	default:
		period_make(p, PK_YEAR, m == 12 ? y : y - 1, 0, cutoff_day);
		break;
	}
}

int
period_parse(const char *label, int cutoff_day, long today,
    struct period *p, const char **err)
{
	static const struct {
		const char	*name;
		enum period_kind kind;
	} rel[] = {
		{ "previous-month", PK_MONTH },
		{ "previous-quarter", PK_QUARTER },
		{ "previous-half", PK_HALF },
		{ "previous-9m", PK_9M },
		{ "previous-year", PK_YEAR },
	};
	const char *dots;
	size_t i;

	if (label == NULL || *label == '\0') {
		*err = "empty period label";
		return -1;
	}
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++)
		if (strcmp(label, rel[i].name) == 0) {
			previous_of(p, rel[i].kind, today, cutoff_day);
			return 0;
		}
	if (strncmp(label, "previous-", 9) == 0) {
		*err = "a relative period is previous-month, previous-quarter, "
		    "previous-half, previous-9m or previous-year";
		return -1;
	}
	if ((dots = strstr(label, "..")) != NULL)
		return parse_range(label, dots, cutoff_day, p, err);
	return parse_label(label, cutoff_day, p, err);
}

/* The same day a year earlier; 29 February becomes the 28th. */
static long
year_before_day(long d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	if (m == 2 && dd == 29)
		dd = 28;
	return date_from_ymd(y - 1, m, dd);
}

void
period_prev(const struct period *p, struct period *out)
{
	long len;

	switch (p->kind) {
	case PK_MONTH:
		if (p->n == 1)
			period_make(out, PK_MONTH, p->year - 1, 12, p->cutoff);
		else
			period_make(out, PK_MONTH, p->year, p->n - 1, p->cutoff);
		break;
	case PK_QUARTER:
		if (p->n == 1)
			period_make(out, PK_QUARTER, p->year - 1, 4, p->cutoff);
		else
			period_make(out, PK_QUARTER, p->year, p->n - 1,
			    p->cutoff);
		break;
	case PK_HALF:
		if (p->n == 1)
			period_make(out, PK_HALF, p->year - 1, 2, p->cutoff);
		else
			period_make(out, PK_HALF, p->year, 1, p->cutoff);
		break;
	case PK_9M:
	case PK_YEAR:
		period_make(out, p->kind, p->year - 1, 0, p->cutoff);
		break;
	case PK_RANGE:
		len = p->last_day - p->first_day + 1;
		period_make_range(out, p->first_day - len, p->first_day - 1,
		    p->cutoff);
		break;
	}
}

void
period_year_before(const struct period *p, struct period *out)
{
	if (p->kind == PK_RANGE)
		period_make_range(out, year_before_day(p->first_day),
		    year_before_day(p->last_day), p->cutoff);
	else
		period_make(out, p->kind, p->year - 1, p->n, p->cutoff);
}

int
period_companions(const struct period *p,
    struct period out[PERIOD_COMPANIONS])
{
	int n = 0, i;

	out[n++] = *p;
	period_prev(p, &out[n++]);
	period_year_before(p, &out[n++]);
	for (i = 11; i >= 0; i--)
		period_make(&out[n++], PK_MONTH, month_year(p->last_folder - i),
		    month_mon(p->last_folder - i), p->cutoff);
	return n;
}

void
period_label(const struct period *p, char *buf)
{
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	switch (p->kind) {
	case PK_MONTH:
		snprintf(buf, PERIOD_LABELSZ, "%04d-%02d", p->year, p->n);
		break;
	case PK_QUARTER:
		snprintf(buf, PERIOD_LABELSZ, "%04d-Q%d", p->year, p->n);
		break;
	case PK_HALF:
		snprintf(buf, PERIOD_LABELSZ, "%04d-H%d", p->year, p->n);
		break;
	case PK_9M:
		snprintf(buf, PERIOD_LABELSZ, "%04d-9M", p->year);
		break;
	case PK_YEAR:
		snprintf(buf, PERIOD_LABELSZ, "%04d", p->year);
		break;
	case PK_RANGE:
		date_iso(p->first_day, a);
		date_iso(p->last_day, b);
		snprintf(buf, PERIOD_LABELSZ, "%s..%s", a, b);
		break;
	}
}

void
period_title(const struct period *p, char *buf)
{
	static const char *const roman[] = { "I", "II", "III", "IV" };
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	switch (p->kind) {
	case PK_MONTH:
		snprintf(buf, PERIOD_TITLESZ, "tháng %d năm %d", p->n, p->year);
		break;
	case PK_QUARTER:
		snprintf(buf, PERIOD_TITLESZ, "quý %s năm %d",
		    roman[(p->n - 1) & 3], p->year);
		break;
	case PK_HALF:
		snprintf(buf, PERIOD_TITLESZ, "6 tháng %s năm %d",
		    p->n == 1 ? "đầu" : "cuối", p->year);
		break;
	case PK_9M:
		snprintf(buf, PERIOD_TITLESZ, "9 tháng đầu năm %d", p->year);
		break;
	case PK_YEAR:
		snprintf(buf, PERIOD_TITLESZ, "năm %d", p->year);
		break;
	case PK_RANGE:
		date_vn(p->first_day, a);
		date_vn(p->last_day, b);
		snprintf(buf, PERIOD_TITLESZ, "từ ngày %s đến ngày %s", a, b);
		break;
	}
}

const char *
period_kind_name(enum period_kind k)
{
	switch (k) {
	case PK_MONTH: return "month";
	case PK_QUARTER: return "quarter";
	case PK_HALF: return "half";
	case PK_9M: return "9m";
	case PK_YEAR: return "year";
	case PK_RANGE: return "range";
	}
	return "?";
}

int
period_has_day(const struct period *p, long d)
{
	return d >= p->first_day && d <= p->last_day;
}

int
period_nmonths(const struct period *p)
{
	return p->last_month >= p->first_month ?
	    (int)(p->last_month - p->first_month + 1) : 0;
}

int
period_from_args(const char *label, const char *today_text, int cutoff_day,
    struct period *p, char *msg, size_t msgsz)
{
	long today = date_today();
	const char *err;

	if (today_text != NULL &&
	    date_parse(today_text, strlen(today_text), &today) != DATE_OK) {
		snprintf(msg, msgsz, "bad --today '%s': expected YYYY-MM-DD or "
		    "DD/MM/YYYY", today_text);
		return -1;
	}
	if (period_parse(label, cutoff_day, today, p, &err) != 0) {
		snprintf(msg, msgsz, "bad period '%s': %s", label, err);
		return -1;
	}
	return 0;
}
