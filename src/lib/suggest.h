/* SPDX-License-Identifier: ISC */
/*
 * suggest: "did you mean" for a misspelt name (unknown key, section,
 * unit code, register kind, indicator). A candidate is near enough when
 * its Damerau-Levenshtein distance (optimal string alignment, over code
 * points, case ignored) from the word is at most a third of the
 * candidate's length (and at least 1). Words or candidates of more than
 * 64 characters are never near.
 */
#ifndef BAOCAO_SUGGEST_H
#define BAOCAO_SUGGEST_H

#include <stddef.h>

/*
 * The candidate of NULL-terminated cands nearest to the n bytes at w (the
 * first of equally near ones), or NULL when none is near enough.
 */
const char	*suggest_nearest(const char *w, size_t n,
		    const char *const *cands);

/*
 * "; did you mean 's'?", or "" when s is NULL. Static storage: use it
 * before the next call.
 */
const char	*suggest_phrase(const char *s);

#endif
