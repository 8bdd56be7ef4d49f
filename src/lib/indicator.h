/* SPDX-License-Identifier: ISC */
/*
 * indicator: the names of the indicators CSV (SPEC §6), as one catalogue,
 * so that a name typed in config/objectives.ini or in a workbook template
 * is checked, and a misspelt one gets a "did you mean".
 * objective.<name>.value|target|met are not in it: they come from the
 * objectives themselves.
 */
#ifndef BAOCAO_INDICATOR_H
#define BAOCAO_INDICATOR_H

#include <stddef.h>

/* Every name of the catalogue, NULL-terminated, in byte order. */
const char *const	*indicator_names(void);

/* 1 when name is in the catalogue, else 0. */
int			 indicator_known(const char *name);

/* The parts of an objective's indicators: "value", "target", "met". */
extern const char *const objective_parts[];

/*
 * For objective.<name>.<part> (objective_parts) copies <name> into obj
 * (size bytes) and returns the part; NULL for any other name, or when
 * <name> does not fit in obj. The objectives themselves are in config/,
 * not in the catalogue.
 */
const char		*indicator_objective(const char *name, char *obj,
			    size_t size);

/* 1 when name is in the catalogue or is an objective's (shape only). */
int			 indicator_or_objective(const char *name);

/*
 * 1 when name is a rate or share of SPEC §6 (…rate, …share, rate_low,
 * rate_high): a fraction from 0 to 1, printed 0.95, never 95.
 */
int			 indicator_is_fraction(const char *name);

/* The catalogue name nearest to a misspelt one, or NULL. */
const char		*indicator_nearest(const char *name);

#endif
