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

/* Every name of the catalogue, NULL-terminated, in byte order. */
const char *const	*indicator_names(void);

/* 1 when name is in the catalogue, else 0. */
int			 indicator_known(const char *name);

/*
 * 1 when name is in the catalogue or has the shape of an objective's
 * indicator, objective.<name>.value|target|met (a template may show them;
 * the objectives themselves are in config/, not here), else 0.
 */
int			 indicator_or_objective(const char *name);

/* The catalogue name nearest to a misspelt one, or NULL. */
const char		*indicator_nearest(const char *name);

#endif
