/* SPDX-License-Identifier: ISC */
/* vnfmt: Vietnamese number and date formats for documents. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
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

char *
vn_num(double v, int decimals, char *buf)
{
	char tmp[VNFMT_BUFSZ], *dot, *p;
	unsigned long long ip;
	int neg;

	if (isnan(v) || isinf(v) || fabs(v) >= 1e18) {
		strcpy(buf, "-");
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, v);
	neg = tmp[0] == '-';
	p = neg ? tmp + 1 : tmp;
	dot = strchr(p, '.');
	if (dot != NULL) {
		char *e = dot + strlen(dot) - 1;

		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*dot = '\0';
	}
	/* "-0" after rounding is zero */
	if (neg && strspn(p, "0.") == strlen(p))
		neg = 0;
	if (dot != NULL && *dot == '.')
		*dot = '\0';
	else
		dot = NULL;
	ip = strtoull(p, NULL, 10);
	buf[0] = '-';
	group(ip, buf + neg);
	if (dot != NULL) {
		strcat(buf, ",");
		strcat(buf, dot + 1);
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

char *
vn_delta(double d, int pct, char *buf)
{
	char tmp[VNFMT_BUFSZ];
	const char *sign;

	if (pct)
		vn_num(d * 100.0, 1, tmp);
	else
		vn_num(d, 2, tmp);
	sign = tmp[0] != '-' && strcmp(tmp, "0") != 0 ? "+" : "";
	/* vn_num never writes more than 26 bytes: this fits VNFMT_BUFSZ */
	snprintf(buf, VNFMT_BUFSZ, "%s%.26s%s", sign, tmp,
	    pct ? " điểm %" : "");
	return buf;
}

char *
vn_date_long(long days, char *buf)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, VNFMT_BUFSZ, "ngày %02d tháng %02d năm %04d", d, m, y);
	return buf;
}

_Static_assert(VNFMT_BUFSZ >= DATE_BUFSZ, "vn_date_short writes date_vn");

char *
vn_date_short(long days, char *buf)
{
	date_vn(days, buf);	/* VNFMT_BUFSZ >= DATE_BUFSZ */
	return buf;
}

char *
vn_month(long month, char *buf)
{
	snprintf(buf, VNFMT_BUFSZ, "%02d/%04d", month_mon(month),
	    month_year(month));
	return buf;
}
