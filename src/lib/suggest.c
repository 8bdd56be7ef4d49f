/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <string.h>

#include "suggest.h"

#define WORD_MAX 64	/* longer words are never near: indicator names fit */

/* Damerau-Levenshtein distance (optimal string alignment) of short words. */
static int
distance(const char *a, size_t na, const char *b, size_t nb)
{
	int d[WORD_MAX + 1][WORD_MAX + 1];
	size_t i, j;

	if (na > WORD_MAX || nb > WORD_MAX)
		return 99;
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
	int bd = 99, d, lim;

	for (; *cands != NULL; cands++) {
		d = distance(w, n, *cands, strlen(*cands));
		lim = (int)strlen(*cands) / 3;
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
