/* SPDX-License-Identifier: ISC */
/*
 * numfmt: numbers as the indicators CSV and the streams print them
 * (SPEC §4, §6): counts as plain integers, other numbers as the shortest
 * text that strtod(3) reads back to the same double.
 */
#ifndef BAOCAO_NUMFMT_H
#define BAOCAO_NUMFMT_H

#define NUMFMT_BUFSZ	40

/*
 * Formats x into buf (NUMFMT_BUFSZ bytes) with the first of %.15g, %.16g,
 * %.17g that reads back exactly; -0 prints as "0". Always uses '.' as the
 * decimal separator, whatever the locale. Returns buf.
 */
char	*numfmt_double(double x, char *buf);
/* Formats a count into buf (NUMFMT_BUFSZ bytes). Returns buf. */
char	*numfmt_count(long long n, char *buf);

/*
 * The significant digits of a count the documents show exactly. The
 * renderers hold figures as doubles and a spreadsheet shows 15 digits:
 * 9007199254740993 would be the double 9007199254740992, shown as
 * 9,007,199,254,740,990 in Excel and off by one in a PDF.
 */
#define NUMFMT_DOC_DIGITS	15

/*
 * 1 when s, a value of the indicators CSV, is a count of more than
 * NUMFMT_DOC_DIGITS significant digits (leading zeros and a minus sign
 * not counted), else 0. Such a count is a typing mistake in practice; the
 * renderers refuse it rather than print another number.
 */
int	 numfmt_count_too_long(const char *s);

#endif
