/* SPDX-License-Identifier: ISC */
/* countsum: sums of counts that remember their first overflow. */
#include <stdio.h>

#include "countsum.h"
#include "diag.h"

static char	 cur_unit[64], cur_period[64];
static char	 first_at[160];	/* where the first overflow happened */
static int	 overflowed;

void
countsum_at(const char *unit, const char *period)
{
	snprintf(cur_unit, sizeof(cur_unit), "%s", unit ? unit : "");
	snprintf(cur_period, sizeof(cur_period), "%s", period ? period : "");
}

long long
countsum_add(long long a, long long b)
{
	long long s;

	if (__builtin_add_overflow(a, b, &s) && !overflowed++)
		snprintf(first_at, sizeof(first_at), "%s%s%s%s",
		    *cur_unit || *cur_period ? " of " : "", cur_unit,
		    *cur_unit && *cur_period ? " in " : "", cur_period);
	return s;
}

int
countsum_overflowed(void)
{
	return overflowed != 0;
}

int
countsum_report(void)
{
	if (overflowed)
		diag_plain("a sum of counts%s is larger than 2^63-1",
		    first_at);
	return overflowed != 0;
}
