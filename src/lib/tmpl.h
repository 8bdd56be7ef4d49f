/* SPDX-License-Identifier: ISC */
/*
 * tmpl: the wording and layout of an output, read from an INI file under
 * templates/ with iniparser, so that changing a label needs no rebuild.
 * Values come back NFC-normalized (tmpl_get); "\n" in a value is a line
 * break. A NULL template (none loaded) answers every tmpl_get with its
 * default.
 */
#ifndef BAOCAO_TMPL_H
#define BAOCAO_TMPL_H

struct tmpl;

/*
 * Loads path; NULL (after diag messages naming the file and line) on
 * failure. The file is read twice: by iniparser for the values, and by
 * iniread for where each section and key is written (iniparser keeps no
 * lines), so that a program can check its templates and point at a
 * mistake's line.
 */
struct tmpl	*tmpl_load(const char *path);
void		 tmpl_free(struct tmpl *);	/* NULL: nothing */
/*
 * The value of section:key (NFC, "\n" a line break), or def when absent
 * or t is NULL. Owned by t until tmpl_free(); each call makes a new copy.
 */
const char	*tmpl_get(const struct tmpl *t, const char *section,
		    const char *key, const char *def);
/*
 * A copy of a template value t with every "{key}" replaced by val (other
 * braces kept as written); owned by the caller.
 */
char		*tmpl_fill(const char *t, const char *key, const char *val);
/*
 * The keys of section in file order, *n of them; NULL (*n 0) when it has
 * none. The array is t's, valid until the next tmpl_keys() call.
 */
const char *const *tmpl_keys(const struct tmpl *t, const char *section, int *n);
/*
 * Every section header (key NULL) and key of the file, in file order, a
 * name written twice included; names lower-case, as iniparser folds them.
 */
struct tmpl_item {
	const char	*sec;
	const char	*key;
	long		 line;
};
const struct tmpl_item *tmpl_items(const struct tmpl *t, size_t *n);
/*
 * The line of key in section sec (its last copy: the value iniparser
 * keeps), or of the section's first header when key is NULL; 0 when the
 * file has none. Names compare without case.
 */
long		 tmpl_line(const struct tmpl *t, const char *sec,
		    const char *key);
const char	*tmpl_path(const struct tmpl *t);
/*
 * When item i (tmpl_items) repeats an earlier section header or an earlier
 * key of its section, the line of the first copy; else 0.
 */
long		 tmpl_repeats(const struct tmpl *t, size_t i);
/*
 * Reports, as errors, a section header or a key written twice in a
 * section (iniparser silently keeps the last value); returns how many.
 */
int		 tmpl_lint_repeats(const struct tmpl *t);
/*
 * Reports, as errors, a "{name}" in a value whose name is none of known
 * (NULL-terminated; case matters): a misspelt placeholder would otherwise
 * print as written in a signed document. The value of key in section sec
 * (NULL: none) is checked against own instead, for placeholders that only
 * that value fills (the page number of a page footer). Returns how many.
 */
int		 tmpl_lint_placeholders(const struct tmpl *t,
		    const char *const *known, const char *sec, const char *key,
		    const char *const *own);

/*
 * The workbook template of config/baocao.ini's [xlsx] template, name (NULL
 * or empty: "default"), into buf: a path when name holds a '/', else
 * DIR/xlsx/NAME.ini (".ini" may be left out of name). 0, or EXIT_USAGE
 * after a message at cfgpath:line when a named template cannot be read
 * (with the nearest name among the templates present).
 */
int		 tmpl_xlsx_path(const char *name, const char *cfgpath,
		    long line, const char *dir, char *buf, size_t size);

/*
 * Directory for templates: override, else $BAOCAO_TEMPLATES, else
 * "templates" under the current directory, else the installed copy
 * (PREFIX/share/baocao/templates beside PREFIX/bin of the executable),
 * else the checkout's templates/ when the executable runs from TOP/build/bin.
 */
const char	*tmpl_dir(const char *override);

#endif
