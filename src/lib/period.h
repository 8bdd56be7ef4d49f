/* SPDX-License-Identifier: ISC */
/*
 * period: the report periods of SPEC §5 — month, quarter, half year, nine
 * months, year and ad-hoc date range — their windows under the cut-off
 * rule, the reporting months they hold, the folders they read, their
 * neighbours (previous period, a year earlier) and their Vietnamese titles.
 *
 * Days are day numbers and months are month numbers (date.h).
 *
 *	struct period p;
 *	const char *err;
 *	if (period_parse("2026-Q3", 15, today, &p, &err) != 0)
 *		diag_plain("bad period '%s': %s", label, err);
 *	// p.first_day = 2026-06-15, p.last_day = 2026-09-14,
 *	// p.first_month..p.last_month = 2026-07..2026-09, p.last_folder = 2026-09
 */
#ifndef BAOCAO_PERIOD_H
#define BAOCAO_PERIOD_H

#include <stddef.h>

enum period_kind {
	PK_MONTH,
	PK_QUARTER,
	PK_HALF,
	PK_9M,
	PK_YEAR,
	PK_RANGE
};

struct period {
	enum period_kind kind;
	int	 cutoff;	/* cutoff_day the window was computed with */
	int	 year;		/* label periods */
	int	 n;		/* month 1-12, quarter 1-4, half 1-2; else 0 */
	long	 first_day;	/* the window, inclusive (after the cut-off) */
	long	 last_day;
	/*
	 * The reporting months whose sheets the period takes, inclusive;
	 * empty when first_month > last_month (a range shorter than a month).
	 */
	long	 first_month;
	long	 last_month;
	/* The reporting month that holds last_day: the last folder read. */
	long	 last_folder;
};

#define PERIOD_LABELSZ	80	/* "2026-10-01..2026-10-15" and NUL, with room */
#define PERIOD_TITLESZ	160

/*
 * Parses a label of SPEC §5 into *p under cutoff_day (0 or 15). A relative
 * label (previous-month, previous-quarter, previous-half, previous-9m,
 * previous-year) resolves to the latest such period whose window ended
 * before the day today (a day number). A range is "D1..D2" with each date
 * YYYY-MM-DD or DD/MM/YYYY and D1 <= D2.
 * Returns 0, or -1 with a static message in *err.
 */
int	 period_parse(const char *label, int cutoff_day, long today,
	    struct period *p, const char **err);

/*
 * period_parse() for a program's --period and --today options: today is
 * today_text (YYYY-MM-DD or DD/MM/YYYY) or, when that is NULL,
 * date_today(). Returns 0, or -1 with a message naming the bad value in
 * msg (msgsz bytes).
 */
int	 period_from_args(const char *label, const char *today_text,
	    int cutoff_day, struct period *p, char *msg, size_t msgsz);

/* Fills *p for a label period (kind != PK_RANGE) of year y, number n. */
void	 period_make(struct period *p, enum period_kind kind, int y, int n,
	    int cutoff_day);
/* Fills *p for the range first..last (day numbers, first <= last). */
void	 period_make_range(struct period *p, long first, long last,
	    int cutoff_day);

/*
 * The previous period of the same kind (a range: the range of the same
 * length ending the day before it starts), and the same period a year
 * earlier (a range: the same dates a year earlier, 29 February becoming
 * the 28th).
 */
void	 period_prev(const struct period *p, struct period *out);
void	 period_year_before(const struct period *p, struct period *out);

/*
 * The periods a report of p compares and charts, in this order: p itself,
 * period_prev(), period_year_before(), then the 12 reporting months that
 * end with p's last folder (the p-charts), into out; returns how many
 * (PERIOD_COMPANIONS). baocao-rollup sums them and baocao-analyze reads
 * them: both take them from here.
 */
#define PERIOD_COMPANIONS	15
int	 period_companions(const struct period *p,
	    struct period out[PERIOD_COMPANIONS]);

/* The canonical label into buf (PERIOD_LABELSZ): "2026-Q3", "2026". */
void	 period_label(const struct period *p, char *buf);
/* The Vietnamese title into buf (PERIOD_TITLESZ): "quý III năm 2026". */
void	 period_title(const struct period *p, char *buf);
/* "month", "quarter", "half", "9m", "year" or "range". */
const char *period_kind_name(enum period_kind);

/* Whether day d lies in the window of p. */
int	 period_has_day(const struct period *p, long d);
/* Number of reporting months the period takes (0 for a short range). */
int	 period_nmonths(const struct period *p);

#endif
