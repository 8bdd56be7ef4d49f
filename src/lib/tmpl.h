/* SPDX-License-Identifier: ISC */
/*
 * tmpl: the wording and layout of an output, read from an INI file under
 * templates/ with iniparser, so that changing a label needs no rebuild.
 * Values are UTF-8 NFC-normalized on load; "\n" in a value is a line break.
 */
#ifndef BAOCAO_TMPL_H
#define BAOCAO_TMPL_H

struct tmpl;

/* Loads path; NULL (after a diag message naming the file) on failure. */
struct tmpl	*tmpl_load(const char *path);
void		 tmpl_free(struct tmpl *);
/* The value of section:key, or def when absent. Borrowed from t. */
const char	*tmpl_get(const struct tmpl *t, const char *section,
		    const char *key, const char *def);
/* The keys of section in file order (borrowed array, *n set). */
const char *const *tmpl_keys(const struct tmpl *t, const char *section, int *n);
/*
 * Directory for templates: override, else $BAOCAO_TEMPLATES, else
 * "templates" under the current directory, else the installed copy
 * (PREFIX/share/baocao/templates beside PREFIX/bin of the executable),
 * else the checkout's templates/ when the executable runs from TOP/build/bin.
 */
const char	*tmpl_dir(const char *override);

#endif
