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
 * 1) is "1.234,5". -0 prints as 0. NaN and infinities print as "-".
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
 * A signed difference for comparisons: "+12", "-3", "0"; with pct set the
 * value is a difference of rates in percentage points: "+1,5 điểm %".
 */
char	*vn_delta(double d, int pct, char *buf);
/* "ngày 05 tháng 11 năm 2026" for a day number (date.h). */
char	*vn_date_long(long days, char *buf);
/* "05/11/2026". */
char	*vn_date_short(long days, char *buf);
/* "11/2026" for a month number (date.h). */
char	*vn_month(long month, char *buf);

#endif
