/* SPDX-License-Identifier: ISC */
/* vnfmt: Vietnamese number and date formats for documents. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "util.h"
#include "vnfmt.h"

/* Writes the digits of u grouped by "." into out; returns out. */
static char *
group(unsigned long long u, char *out)
{
	char tmp[32];
	int n, i, j = 0;

	n = snprintf(tmp, sizeof(tmp), "%llu", u);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = '.';
		out[j++] = tmp[i];
	}
	out[j] = '\0';
	return out;
}

char *
vn_int(long long v, char *buf)
{
	unsigned long long u;

	if (v < 0) {
		u = (unsigned long long)-(v + 1) + 1;
		buf[0] = '-';
		group(u, buf + 1);
	} else
		group((unsigned long long)v, buf);
	return buf;
}

/*
 * The decimal digits of |v| rounded to `decimals` places, half away from
 * zero: the integer part into ip, the `decimals` digits after the point
 * into fp (both NUL-terminated, ip at least 32 bytes). The rounding is
 * done on v's shortest decimal of 15 significant digits, as a reader of
 * the workbook sees it (Excel shows 15): 0.8125 (13/16, a binary tie)
 * gives 81,25 -> "81,3" where printf's ties-to-even gives "81,2", and
 * 1.005 (stored as 1.00499999999999989...) gives "1,01".
 */
static void
round_digits(double av, int decimals, char *ip, char *fp)
{
	char m[32], dig[64];
	int e, point, keep, i, n;

	snprintf(m, sizeof(m), "%.14e", av);	/* d.dddddddddddddde+XX */
	e = atoi(m + 17);
	dig[0] = '0';			/* room for a carry */
	dig[1] = m[0];
	memcpy(dig + 2, m + 2, 14);
	n = 16;
	point = e + 2;			/* digits of dig before the point */
	keep = point + decimals;	/* digits of dig kept */
	if (keep < 0)
		keep = 0;
	for (i = n; i < keep; i++)
		dig[i] = '0';
	if (keep < n && dig[keep] >= '5') {
		for (i = keep - 1; i >= 0 && dig[i] == '9'; i--)
			dig[i] = '0';
		if (i >= 0)
			dig[i]++;
	}
	/* the integer part: dig[0, point), leading zeros dropped */
	for (i = 0, n = 0; i < point && i < keep; i++)
		if (n > 0 || dig[i] != '0')
			ip[n++] = dig[i];
	for (; i < point; i++)
		if (n > 0)
			ip[n++] = '0';
	if (n == 0)
		ip[n++] = '0';
	ip[n] = '\0';
	for (i = 0; i < decimals; i++) {
		int k = point + i;

		fp[i] = k >= 0 && k < keep ? dig[k] : '0';
	}
	fp[decimals] = '\0';
}

char *
vn_num(double v, int decimals, char *buf)
{
	char ip[32], fp[8];
	int neg, n;

	if (isnan(v) || isinf(v) || fabs(v) >= 1e18) {
		strcpy(buf, "-");
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	round_digits(fabs(v), decimals, ip, fp);
	n = decimals;
	while (n > 0 && fp[n - 1] == '0')
		fp[--n] = '\0';
	/* "-0" after rounding is zero */
	neg = v < 0 && (strcmp(ip, "0") != 0 || n > 0);
	buf[0] = '-';
	group(strtoull(ip, NULL, 10), buf + neg);
	if (n > 0) {
		strcat(buf, ",");
		strcat(buf, fp);
	}
	return buf;
}

char *
vn_fixed(double v, int decimals, char *buf)
{
	char *comma;
	int have;

	vn_num(v, decimals, buf);
	if (strcmp(buf, "-") == 0 || decimals <= 0)
		return buf;
	comma = strchr(buf, ',');
	have = comma != NULL ? (int)strlen(comma + 1) : 0;
	if (comma == NULL)
		strcat(buf, ",");
	for (; have < decimals && have < 6; have++)
		strcat(buf, "0");
	return buf;
}

char *
vn_pct(double rate, int decimals, char *buf)
{
	if (isnan(rate) || isinf(rate)) {
		strcpy(buf, "-");
		return buf;
	}
	vn_num(rate * 100.0, decimals, buf);
	strcat(buf, "%");
	return buf;
}

int
vn_rate_decimals(double rate)
{
	char ip[32], fp[8];
	int dec;

	if (isnan(rate) || isinf(rate) || rate == 0 || rate == 1)
		return 2;
	for (dec = 2; dec < 4; dec++) {
		round_digits(fabs(rate) * 100.0, dec, ip, fp);
		/* what would print as 0% or 100% while it is neither */
		if (strspn(fp, "0") != strlen(fp) ||
		    (strcmp(ip, "0") != 0 && strcmp(ip, "100") != 0))
			break;
	}
	return dec;
}

char *
vn_rate(double rate, int decimals, char *buf)
{
	static const char *const nearly[2] = { "0,0001%", "99,9999%" };
	int edge;

	if (decimals < vn_rate_decimals(rate))
		decimals = vn_rate_decimals(rate);
	vn_pct(rate, decimals, buf);
	/* still "0%" or "100%" at 4 decimals: the nearest value that is not */
	edge = strcmp(buf, "0%") == 0 ? 0 : strcmp(buf, "100%") == 0 ? 1 : -1;
	if (edge >= 0 && rate != edge && rate > 0 && rate < 1)
		strcpy(buf, nearly[edge]);
	return buf;
}

/*
 * The value of a figure printed by vn_num() or vn_rate() ("-1.234,5",
 * "92,06%": 92.06), its places in *dec and whether it ends in '%' in
 * *pct; NAN when s is not one.
 */
static double
printed_value(const char *s, int *dec, int *pct)
{
	char digits[64];
	size_t n = 0;
	int neg = *s == '-', frac = -1;

	s += neg;
	*pct = 0;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9' && n < sizeof(digits) - 2)
			digits[n++] = *s;
		else if (*s == ',' && frac < 0 && n > 0) {
			digits[n++] = '.';
			frac = (int)n;
		} else if (*s == '%' && s[1] == '\0' && n > 0)
			*pct = 1;
		else if (*s != '.' || n == 0 || frac >= 0)
			return NAN;	/* '.' groups thousands */
	}
	if (n == 0 || (frac >= 0 && (int)n == frac))
		return NAN;
	digits[n] = '\0';
	*dec = frac < 0 ? 0 : (int)n - frac;
	return (neg ? -1 : 1) * strtod(digits, NULL);
}

char *
vn_delta_printed(const char *now, const char *then, char *buf)
{
	char tmp[VNFMT_BUFSZ];
	int da, db, pa, pb;
	double a = printed_value(now, &da, &pa);
	double b = printed_value(then, &db, &pb);

	if (isnan(a) || isnan(b) || pa != pb)
		return NULL;
	vn_num(a - b, da > db ? da : db, tmp);
	/* vn_num never writes more than 26 bytes: this fits VNFMT_BUFSZ */
	snprintf(buf, VNFMT_BUFSZ, "%s%.26s%s", tmp[0] != '-' &&
	    strcmp(tmp, "0") != 0 ? "+" : "", tmp, pa ? " điểm %" : "");
	return buf;
}

char *
vn_date_long(long days, char *buf)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	/* Decree 30/2020, Appendix I: a zero before days under 10 and before
	 * months 1 and 2 (so that no digit can be added), none before 3–12 */
	snprintf(buf, VNFMT_BUFSZ, "ngày %02d tháng %0*d năm %04d", d,
	    m <= 2 ? 2 : 1, m, y);
	return buf;
}

_Static_assert(VNFMT_BUFSZ >= DATE_BUFSZ, "vn_date_short writes date_vn");

char *
vn_date_short(long days, char *buf)
{
	date_vn(days, buf);	/* VNFMT_BUFSZ >= DATE_BUFSZ */
	return buf;
}

void
vn_month_list(struct sbuf *sb, const char *list, long *first, long *last)
{
	char b[VNFMT_BUFSZ];
	long mm, f = LONG_MIN, l = LONG_MIN;

	while (*list != '\0') {
		size_t n = strcspn(list, ",");

		if (month_parse(list, n, &mm) == 0) {
			sbuf_printf(sb, "%s%s", f != LONG_MIN ? ", " : "",
			    vn_month(mm, b));
			if (f == LONG_MIN)
				f = mm;
			l = mm;
		}
		list += n + (list[n] == ',');
	}
	if (first != NULL)
		*first = f;
	if (last != NULL)
		*last = l;
}

char *
vn_month(long month, char *buf)
{
	snprintf(buf, VNFMT_BUFSZ, "%02d/%04d", month_mon(month),
	    month_year(month));
	return buf;
}
