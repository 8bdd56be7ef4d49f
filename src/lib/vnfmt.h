/* SPDX-License-Identifier: ISC */
/*
 * vnfmt: numbers and dates written the Vietnamese way, for documents
 * people read (never for the machine streams): "." groups thousands, ","
 * is the decimal separator, so 1234 is "1.234", 0.955 is "95,5%", and a
 * date in a date line is "ngày 05 tháng 11 năm 2026".
 *
 * Every function writes into a caller's buffer of at least VNFMT_BUFSZ
 * bytes, always NUL-terminates, and returns that buffer.
 */
#ifndef BAOCAO_VNFMT_H
#define BAOCAO_VNFMT_H

#define VNFMT_BUFSZ	64

/* An integer with "." between groups of three digits: -1.234.567. */
char	*vn_int(long long v, char *buf);
/*
 * A decimal number rounded to at most `decimals` places (0..6), trailing
 * zeros after the comma dropped: vn_num(4.50, 2) is "4,5", vn_num(1234.5,
 * 1) is "1.234,5". Halves are rounded away from zero, on the number's 15
 * significant digits (what a spreadsheet shows): vn_num(81.25, 1) is
 * "81,3", vn_num(1.005, 2) "1,01", vn_num(-2.5, 0) "-3". -0 prints as 0.
 * NaN, infinities and magnitudes of 10^18 or more print as "-". Every
 * function below rounds so.
 */
char	*vn_num(double v, int decimals, char *buf);
/* A decimal number with exactly `decimals` places (0..6): vn_fixed(4, 2) is "4,00". */
char	*vn_fixed(double v, int decimals, char *buf);
/*
 * A rate given as a fraction, as a percentage with at most `decimals`
 * places: vn_pct(0.955, 1) is "95,5%", vn_pct(0.95, 1) is "95%".
 */
char	*vn_pct(double rate, int decimals, char *buf);
/*
 * The places vn_rate() prints rate with at least: 2, or up to 4 when
 * fewer would print 0% or 100% for a rate that is neither.
 */
int	 vn_rate_decimals(double rate);
/*
 * Every rate of a document: a percentage with at least
 * vn_rate_decimals(rate) and at most max(decimals, that) places, trailing
 * zeros dropped (81,25%, 2%, 95,5%, 99,96%); never 0% or 100% unless the
 * rate is exactly 0 or 1 (a rate too close to print otherwise at 4 places
 * is "0,0001%" or "99,9999%"). decimals above the least: to tell a result
 * from its target ("2,002%" against "2%").
 */
char	*vn_rate(double rate, int decimals, char *buf);
/*
 * The difference now - then of two figures as a document printed them
 * (vn_num, vn_rate: "1.234", "92,06%", "4,35"), so that a reader who
 * subtracts the printed figures finds it: "-0,28 điểm %" beside 92,06%
 * and 92,34% (a difference of rates is in points), "+12", "0", with the
 * places of the more precise of the two and a '+' on a rise; NULL when
 * either is not such a figure or only one is a percentage.
 */
char	*vn_delta_printed(const char *now, const char *then, char *buf);
/* "ngày 05 tháng 11 năm 2026", "ngày 04 tháng 7 năm 2024", "ngày 09 tháng
 * 02 năm 2024" (Decree 30/2020: a zero before days under 10 and months
 * 1 and 2) for a day number (date.h). */
char	*vn_date_long(long days, char *buf);
/* "05/11/2026". */
char	*vn_date_short(long days, char *buf);
/* "11/2026" for a month number (date.h). */
char	*vn_month(long month, char *buf);
struct sbuf;
/*
 * Adds to sb the months of list ("2024-10,2024-11", as the analysis stream
 * writes them) as "10/2024, 11/2024", leaving out what is no month; first
 * and last (when not NULL) get the first and the last month, or LONG_MIN.
 */
void	 vn_month_list(struct sbuf *sb, const char *list, long *first,
	    long *last);

#endif
