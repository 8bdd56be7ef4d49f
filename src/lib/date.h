/* SPDX-License-Identifier: ISC */
/*
 * date: calendar dates as day numbers, and months as month numbers.
 * A day number counts days from 1970-01-01 (proleptic Gregorian), so
 * comparisons and differences are integer arithmetic. A month number is
 * year * 12 + (month - 1), so 2024-01 and 2023-12 differ by one.
 */
#ifndef BAOCAO_DATE_H
#define BAOCAO_DATE_H

#include <stddef.h>

enum date_status {
	DATE_OK = 0,
	DATE_FORM,		/* not YYYY-MM-DD nor DD/MM/YYYY */
	DATE_IMPOSSIBLE		/* right form, no such day (2026-02-30) */
};

/*
 * Parses s[0..n) as YYYY-MM-DD or DD/MM/YYYY (exactly those digits, years
 * 1000-9999) into *days. Returns DATE_OK, DATE_FORM or DATE_IMPOSSIBLE;
 * *days is set only on DATE_OK.
 */
enum date_status date_parse(const char *s, size_t n, long *days);
/* Parses "YYYY-MM" (month 01-12) into a month number; 0 on success, -1 not. */
int	 month_parse(const char *s, size_t n, long *month);

/* Whether y-m-d is a day of the calendar, with y from 1000 to 9999. */
int	 date_valid(int y, int m, int d);
/* 28 to 31; 0 when m is not 1..12. */
int	 days_in_month(int y, int m);
long	 date_from_ymd(int y, int m, int d);	/* no validation */
void	 date_to_ymd(long days, int *y, int *m, int *d);

long	 month_of(int y, int m);		/* month number */
int	 month_year(long month);
int	 month_mon(long month);			/* 1..12 */

/*
 * The reporting month a day belongs to. cutoff_day 0: its calendar month;
 * cutoff_day 15 (Decree 09/2019): days from the 15th on belong to the next
 * month, so 2026-10-20 is in reporting month 2026-11.
 */
long	 report_month_of_date(long days, int cutoff_day);
/* First and last day of reporting month m under the cut-off rule. */
long	 report_month_first_day(long month, int cutoff_day);
long	 report_month_last_day(long month, int cutoff_day);

/*
 * Today's day number: the day of $SOURCE_DATE_EPOCH (UTC) when it is set
 * and valid (date_epoch_env), so runs are reproducible, else the local
 * date.
 */
long	 date_today(void);
/*
 * $SOURCE_DATE_EPOCH: 0 when unset or empty, 1 with its seconds in *t,
 * -1 when it is not a whole number of seconds from 1970 to 9999.
 */
int	 date_epoch_env(long long *t);

#define DATE_BUFSZ	32	/* enough for any formatted date or month */

/* Formats into buf (DATE_BUFSZ bytes): "2026-10-05". */
void	 date_iso(long days, char *buf);
/* Formats into buf (DATE_BUFSZ bytes): "05/10/2026". */
void	 date_vn(long days, char *buf);
/* Formats into buf (DATE_BUFSZ bytes): "2026-10". */
void	 month_iso(long month, char *buf);

#endif
