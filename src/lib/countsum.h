/* SPDX-License-Identifier: ISC */
/*
 * countsum: sums of counts that stop at 2^63-1. The roll-up adds a unit's
 * months, the analysis adds the units and the months of a chart; each
 * count is at most 2^63-1 (num_count), but a sum of them may not be. A sum
 * past it is an error of the data: the first one is remembered with the
 * unit and period being summed (countsum_at), and the program reports it
 * (countsum_report) instead of writing anything.
 */
#ifndef BAOCAO_COUNTSUM_H
#define BAOCAO_COUNTSUM_H

/*
 * Names what the following sums are for ("" or NULL: nothing); the texts
 * are copied (cut at 63 bytes).
 */
void	countsum_at(const char *unit, const char *period);
/*
 * a + b. A sum past 2^63-1 (or below -2^63) is remembered as the first
 * overflow, where countsum_at() says; its result is then meaningless
 * (wrapped), so the program checks countsum_report() before it writes.
 */
long long countsum_add(long long a, long long b);
/* Whether a sum has overflowed since the start. */
int	countsum_overflowed(void);
/*
 * "a sum of counts of UNIT in PERIOD is larger than 2^63-1" through
 * diag_plain, when one has overflowed; returns countsum_overflowed().
 */
int	countsum_report(void);

#endif
