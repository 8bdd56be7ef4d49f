/* SPDX-License-Identifier: ISC */
/* date: parsing and arithmetic of calendar dates and months. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "date.h"

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (m < 1 || m > 12)
		return 0;
	return dm[m - 1] + (m == 2 && leap);
}

int
date_valid(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil. */
long
date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

enum date_status
date_parse(const char *s, size_t n, long *days)
{
	int y, m, d;

	if (n != 10)
		return DATE_FORM;
	if (s[4] == '-' && s[7] == '-') {
		if (digits(s, 4, &y) || digits(s + 5, 2, &m) ||
		    digits(s + 8, 2, &d))
			return DATE_FORM;
	} else if (s[2] == '/' && s[5] == '/') {
		if (digits(s, 2, &d) || digits(s + 3, 2, &m) ||
		    digits(s + 6, 4, &y))
			return DATE_FORM;
	} else
		return DATE_FORM;
	if (!date_valid(y, m, d))
		return DATE_IMPOSSIBLE;
	*days = date_from_ymd(y, m, d);
	return DATE_OK;
}

int
month_parse(const char *s, size_t n, long *month)
{
	int y, m;

	if (n != 7 || s[4] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m))
		return -1;
	if (y < 1000 || m < 1 || m > 12)
		return -1;
	*month = month_of(y, m);
	return 0;
}

long
month_of(int y, int m)
{
	return (long)y * 12 + (m - 1);
}

int
month_year(long month)
{
	return (int)(month / 12);
}

int
month_mon(long month)
{
	return (int)(month % 12) + 1;
}

void
date_iso(long days, char *buf)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
}

void
date_vn(long days, char *buf)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%02d/%02d/%04d", d, m, y);
}

void
month_iso(long month, char *buf)
{
	snprintf(buf, DATE_BUFSZ, "%04d-%02d", month_year(month),
	    month_mon(month));
}

long
report_month_of_date(long days, int cutoff_day)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	if (cutoff_day > 0 && d >= cutoff_day)
		return month_of(y, m) + 1;
	return month_of(y, m);
}

long
report_month_first_day(long month, int cutoff_day)
{
	if (cutoff_day > 0)
		return date_from_ymd(month_year(month - 1), month_mon(month - 1),
		    cutoff_day);
	return date_from_ymd(month_year(month), month_mon(month), 1);
}

long
report_month_last_day(long month, int cutoff_day)
{
	return report_month_first_day(month + 1, cutoff_day) - 1;
}

int
date_epoch_env(long long *t)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (sde == NULL || *sde == '\0')
		return 0;
	errno = 0;
	*t = strtoll(sde, &end, 10);
	if (*end != '\0' || errno != 0 || *t < 0 || *t > 253402300799LL)
		return -1;
	return 1;
}

long
date_today(void)
{
	long long sde;
	time_t now;
	struct tm tm;

	if (date_epoch_env(&sde) == 1) {
		now = (time_t)sde;
		gmtime_r(&now, &tm);
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
	}
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
