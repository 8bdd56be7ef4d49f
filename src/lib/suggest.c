/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "suggest.h"

#define WORD_MAX 64	/* longer words are never near: indicator names fit */

/*
 * The characters of s[0..n) as code points into p[WORD_MAX]: their number,
 * or -1 when there are more. Distances count characters, not bytes, so that
 * a Vietnamese letter typed for an ASCII one ('plannéd') is one edit, and
 * an invisible character ('\uFEFFplanned', a byte-order mark left inside a
 * file) is one insertion, as the user sees them. A byte that is not UTF-8
 * counts as one character. Letters are compared in lower case: 'SURVEY'
 * or 'pnv' typed for 'survey' or 'PNV' is the name itself.
 */
static int
points(const char *s, size_t n, unsigned *p)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0;
	int np = 0;

	while (i < n) {
		if (np == WORD_MAX)
			return -1;
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
		if (k < 1) {		/* not UTF-8: the byte itself */
			c = u[i];
			k = 1;
		}
		p[np++] = (unsigned)utf8proc_tolower(c);
		i += (size_t)k;
	}
	return np;
}

/* Damerau-Levenshtein distance (optimal string alignment) of short words. */
static int
distance(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
	int d[WORD_MAX + 1][WORD_MAX + 1];
	size_t i, j;

	for (i = 0; i <= na; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= nb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			int c = a[i - 1] != b[j - 1];
			int v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + c < v)
				v = d[i - 1][j - 1] + c;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb];
}

const char *
suggest_nearest(const char *w, size_t n, const char *const *cands)
{
	const char *best = NULL;
	unsigned pw[WORD_MAX], pc[WORD_MAX];
	int bd = 99, d, lim, nw, nc;

	if ((nw = points(w, n, pw)) < 0)
		return NULL;		/* longer words are never near */
	for (; *cands != NULL; cands++) {
		if ((nc = points(*cands, strlen(*cands), pc)) < 0)
			continue;
		d = distance(pw, (size_t)nw, pc, (size_t)nc);
		lim = nc / 3;
		if (lim < 1)
			lim = 1;
		if (d <= lim && d < bd) {
			bd = d;
			best = *cands;
		}
	}
	return best;
}

const char *
suggest_phrase(const char *s)
{
	static char buf[160];

	if (s == NULL)
		return "";
	snprintf(buf, sizeof(buf), "; did you mean '%s'?", s);
	return buf;
}
