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

#endif
