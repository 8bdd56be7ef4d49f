/* SPDX-License-Identifier: ISC */
/* tmpl: output wording from INI templates, loaded with iniparser. */
#include <errno.h>
#include <iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "diag.h"
#include "iniread.h"
#include "suggest.h"
#include "tmpl.h"
#include "utf8.h"
#include "util.h"


struct tmpl {
	dictionary	 *d;
	char		 *path;
	struct tmpl_item *items;
	size_t		  nitems;
	const char	**keys;		/* tmpl_keys() scratch, stripped names */
	char		**norm;		/* NFC copies handed out, freed at end */
	int		  nnorm;
};

static char tmpl_errbuf[512];

static int
tmpl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmpl_errbuf, sizeof(tmpl_errbuf), fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * An ASCII lower-case copy of s[0..n) (iniparser folds names so), in NFC:
 * a misspelt name typed decomposed ('tiêu_đề') is quoted in its message
 * as the same name composed, as every text read is (SPEC §3).
 */
static char *
lower_dup(const char *s, size_t n)
{
	struct sbuf nfc = SBUF_INIT;
	char *d;
	size_t i;

	if (!utf8_ascii(s, n) && utf8_nfc_append(&nfc, s, n) == 0) {
		s = sbuf_str(&nfc);
		n = nfc.len;
	}
	d = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		d[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	d[n] = '\0';
	sbuf_release(&nfc);
	return d;
}

/*
 * Reads t->path again with iniread for the line of every item; reports
 * its syntax errors (iniparser took the file, but the two must agree on
 * what it says). Returns their number.
 */
static int
scan(struct tmpl *t)
{
	struct iniread r;
	const char *sec = "";
	FILE *fp;
	int it, bad = 0;

	if ((fp = fopen(t->path, "r")) == NULL) {
		diag_errorat(t->path, 0, 0, "cannot read template");
		return 1;
	}
	iniread_init(&r, fp);
	while ((it = iniread_next(&r)) != INI_END) {
		struct tmpl_item *x;

		if (it < 0) {
			diag_errorat(t->path, r.err_line, r.err_col, "%s%s",
			    r.errmsg, r.err == INIREAD_EUTF8 ? "; a template "
			    "is UTF-8 text: convert with 'iconv -f CP1258 -t "
			    "UTF-8'" : "");
			bad++;
			continue;
		}
		t->items = xrealloc(t->items, (t->nitems + 1) *
		    sizeof(*t->items));
		x = &t->items[t->nitems++];
		x->line = r.line;
		if (it == INI_SECTION) {
			x->sec = sec = lower_dup(sbuf_str(&r.name), r.name.len);
			x->key = NULL;
		} else {
			x->sec = sec;
			x->key = lower_dup(sbuf_str(&r.name), r.name.len);
		}
	}
	iniread_release(&r);
	fclose(fp);
	return bad;
}

/*
 * iniparser_load() of path. A file that starts with a UTF-8 byte-order
 * mark (Windows Notepad writes one; iniread skips it) is read from a
 * temporary copy without it: iniparser would take the mark for text
 * before the first section and refuse the whole file. Lines are the same.
 * A UTF-16 file (Notepad's "Unicode") is not read: *utf16 names it.
 * NULL, *utf16 NULL and no iniparser message, when the copy fails.
 */
static dictionary *
load_dict(const char *path, const char **utf16)
{
	char head[3], buf[8192], fdpath[FD_PATHSZ];
	dictionary *d;
	FILE *fp, *tmp = NULL;
	size_t n;

	*utf16 = NULL;
	if ((fp = fopen(path, "rb")) == NULL)
		return iniparser_load(path);	/* its own message */
	n = fread(head, 1, 3, fp);
	if (n >= 2 && (*utf16 = utf8_utf16_guess(head[0], head[1])) != NULL) {
		fclose(fp);
		return NULL;
	}
	if (n != 3 ||
	    memcmp(head, "\xEF\xBB\xBF", 3) != 0 || (tmp = memory_file()) == NULL) {
		fclose(fp);
		return iniparser_load(path);
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0 &&
	    fwrite(buf, 1, n, tmp) == n)
		;
	/* a short copy would load as a template missing its end */
	if (ferror(fp) || ferror(tmp) || fflush(tmp) != 0) {
		fclose(fp);
		fclose(tmp);
		return NULL;	/* "cannot read template" */
	}
	fclose(fp);
	d = iniparser_load(fd_path(tmp, fdpath));
	fclose(tmp);
	return d;
}

struct tmpl *
tmpl_load(const char *path)
{
	struct tmpl *t;
	struct stat st;
	dictionary *d;
	long line = 0;
	const char *utf16;
	char *lp;

	/* the reason, which iniparser's load does not give */
	if (stat(path, &st) != 0) {
		diag_errorat(path, 0, 0, "cannot read template: %s",
		    strerror(errno));
		return NULL;
	}
	/* iniparser would block on a FIFO: only regular files are read. */
	if (!S_ISREG(st.st_mode)) {
		diag_errorat(path, 0, 0, "cannot read template: not a regular "
		    "file");
		return NULL;
	}
	tmpl_errbuf[0] = '\0';
	iniparser_set_error_callback(tmpl_error);
	d = load_dict(path, &utf16);
	if (d == NULL && utf16 != NULL) {
		diag_errorat(path, 1, 0, "the template is UTF-16 text; a "
		    "template is UTF-8: convert it with 'iconv -f %s -t UTF-8'",
		    utf16);
		return NULL;
	}
	if (d == NULL) {
		lp = strrchr(tmpl_errbuf, '(');
		if (lp != NULL)
			line = strtol(lp + 1, NULL, 10);
		if (tmpl_errbuf[0] == '\0' || strstr(tmpl_errbuf, "cannot open"))
			diag_errorat(path, 0, 0, "cannot read template");
		else if (strstr(tmpl_errbuf, "too long"))
			diag_errorat(path, line, 0, "cannot parse template: "
			    "line too long");
		else	/* which line, and what a line may be */
			diag_errorat(path, line, 0, "cannot parse template: "
			    "a line is a [section], a key = value or a "
			    "; comment (a ] missing, or no =?)");
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->d = d;
	t->path = xstrdup(path);
	if (scan(t) != 0) {
		tmpl_free(t);
		return NULL;
	}
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	if (t == NULL)
		return;
	iniparser_freedict(t->d);
	for (i = 0; i < t->nitems; i++) {
		free((char *)t->items[i].key);
		if (t->items[i].key == NULL)
			free((char *)t->items[i].sec);
	}
	free(t->items);
	free(t->path);
	free(t->keys);
	for (i = 0; i < (size_t)t->nnorm; i++)
		free(t->norm[i]);
	free(t->norm);
	free(t);
}

/* Returns an NFC copy of s with "\n" turned into line breaks, owned by t. */
static const char *
keep(const struct tmpl *ct, const char *s)
{
	struct tmpl *t = (struct tmpl *)ct;
	struct sbuf sb = SBUF_INIT;
	utf8proc_uint8_t *nfc = NULL;
	const char *p;

	for (p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			sbuf_addc(&sb, '\n');
			p++;
		} else
			sbuf_addc(&sb, *p);
	}
	if (utf8proc_map((const utf8proc_uint8_t *)sbuf_str(&sb),
	    (utf8proc_ssize_t)sb.len, &nfc, UTF8PROC_STABLE |
	    UTF8PROC_COMPOSE) < 0) {
		nfc = (utf8proc_uint8_t *)xstrdup("?");
	}
	sbuf_release(&sb);
	t->norm = xrealloc(t->norm, (size_t)(t->nnorm + 1) * sizeof(char *));
	t->norm[t->nnorm++] = (char *)nfc;
	return (const char *)nfc;
}

const char *
tmpl_get(const struct tmpl *t, const char *section, const char *key,
    const char *def)
{
	char k[512];
	const char *v;

	if (t == NULL)
		return def;
	snprintf(k, sizeof(k), "%s:%s", section, key);
	v = iniparser_getstring(t->d, k, NULL);
	if (v == NULL)
		return def;
	return keep(t, v);
}

const char *const *
tmpl_keys(const struct tmpl *ct, const char *section, int *n)
{
	struct tmpl *t = (struct tmpl *)ct;
	int i, k;

	*n = 0;
	if (t == NULL)
		return NULL;
	k = iniparser_getsecnkeys(t->d, section);
	if (k <= 0)
		return NULL;
	free(t->keys);
	t->keys = xcalloc((size_t)k, sizeof(*t->keys));
	iniparser_getseckeys(t->d, section, t->keys);
	for (i = 0; i < k; i++) {
		const char *colon = strchr(t->keys[i], ':');

		if (colon != NULL)
			t->keys[i] = colon + 1;
	}
	*n = k;
	return t->keys;
}

const struct tmpl_item *
tmpl_items(const struct tmpl *t, size_t *n)
{
	*n = t->nitems;
	return t->items;
}

const char *
tmpl_path(const struct tmpl *t)
{
	return t->path;
}

long
tmpl_line(const struct tmpl *t, const char *sec, const char *key)
{
	long line = 0;
	size_t i;

	if (t == NULL)
		return 0;
	for (i = 0; i < t->nitems; i++) {
		const struct tmpl_item *x = &t->items[i];

		if (strcasecmp(x->sec, sec) != 0)
			continue;
		if (key == NULL && x->key == NULL)
			return x->line;
		if (key != NULL && x->key != NULL && strcasecmp(x->key, key) == 0)
			line = x->line;
	}
	return line;
}

long
tmpl_repeats(const struct tmpl *t, size_t i)
{
	const struct tmpl_item *x = &t->items[i];
	size_t j;

	for (j = 0; j < i; j++) {
		const struct tmpl_item *y = &t->items[j];

		if (strcmp(x->sec, y->sec) == 0 &&
		    (x->key == NULL) == (y->key == NULL) &&
		    (x->key == NULL || strcmp(x->key, y->key) == 0))
			return y->line;
	}
	return 0;
}

int
tmpl_lint_repeats(const struct tmpl *t)
{
	size_t i;
	long first;
	int bad = 0;

	for (i = 0; i < t->nitems; i++) {
		const struct tmpl_item *x = &t->items[i];

		if ((first = tmpl_repeats(t, i)) == 0)
			continue;
		if (x->key == NULL)
			diag_errorat(t->path, x->line, 0, "section [%s] again; "
			    "first at line %ld", x->sec, first);
		else
			diag_errorat(t->path, x->line, 0, "[%s] %s again; first "
			    "at line %ld (only one is used)", x->sec, x->key,
			    first);
		bad++;
	}
	return bad;
}

/* Whether the n bytes at s are one of known. */
static int
is_known(const char *s, size_t n, const char *const *known)
{
	for (; *known != NULL; known++)
		if (strlen(*known) == n && strncmp(*known, s, n) == 0)
			return 1;
	return 0;
}

/* The unknown placeholders of item x's value, reported; their number. */
static int
lint_value(const struct tmpl *t, const struct tmpl_item *x,
    const char *const *known)
{
	const char *v = tmpl_get(t, x->sec, x->key, ""), *p = v, *near;
	char want[64];
	size_t n;
	int bad = 0;

	while ((p = strchr(p, '{')) != NULL) {
		p++;
		n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz_");
		if (n == 0 || p[n] != '}' || is_known(p, n, known))
			continue;
		near = suggest_nearest(p, n, known);
		if (near != NULL)
			snprintf(want, sizeof(want), "{%s}", near);
		diag_errorat(t->path, tmpl_line(t, x->sec, x->key), 0,
		    "[%s] %s: unknown placeholder '{%.*s}'%s", x->sec, x->key,
		    (int)n, p, suggest_phrase(near != NULL ? want : NULL));
		bad++;
	}
	return bad;
}

int
tmpl_lint_placeholders(const struct tmpl *t, const char *const *known,
    const char *sec, const char *key, const char *const *own)
{
	const struct tmpl_item *x;
	size_t i;
	int bad = 0;

	for (i = 0; i < t->nitems; i++) {
		x = &t->items[i];
		if (x->key == NULL || tmpl_repeats(t, i) != 0)
			continue;
		if (sec != NULL && strcasecmp(x->sec, sec) == 0 &&
		    strcasecmp(x->key, key) == 0)
			bad += lint_value(t, x, own);
		else
			bad += lint_value(t, x, known);
	}
	return bad;
}

/*
 * The templates that belong to our own executable (found from
 * /proc/self/exe, so that they follow PREFIX and DESTDIR): an installed
 * copy, PREFIX/share/baocao/templates beside PREFIX/bin/PROG, or, for a
 * program run from a checkout's build directory (TOP/build/bin/PROG), the
 * checkout's TOP/templates. NULL when there is neither.
 */
static const char *
exe_dir(void)
{
	static const char *const rel[] = {
		"../share/baocao/templates", "../../templates",
	};
	static char dir[PATH_MAX];
	char exe[PATH_MAX - 64], try[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	size_t i;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(try, sizeof(try), "%s/%s", exe, rel[i]);
		/* messages name /usr/share/baocao/templates/xlsx, not
		 * /usr/bin/../share/baocao/templates/xlsx */
		if (access(try, F_OK) == 0 && realpath(try, dir) != NULL)
			return dir;
	}
	return NULL;
}

const char *
tmpl_dir(const char *override)
{
	const char *e;

	if (override != NULL && *override != '\0')
		return override;
	e = getenv("BAOCAO_TEMPLATES");
	if (e != NULL && *e != '\0')
		return e;
	/* ./templates first, so that a local copy can be edited and used. */
	if (access("templates", F_OK) != 0 && exe_dir() != NULL)
		return exe_dir();
	return "templates";
}

/* The length of name without a final ".ini". */
static size_t
stem_len(const char *name)
{
	size_t len = strlen(name);

	return len > 4 && strcmp(name + len - 4, ".ini") == 0 ? len - 4 : len;
}

/* "no such template in xdir", with the nearest .ini name there. */
static int
no_xlsx_template(const char *name, const char *cfgpath, long line,
    const char *xdir)
{
	struct dirent **ents;
	const char **names;
	int i, k = 0, ne = scandir(xdir, &ents, NULL, alphasort);

	if (ne < 0) {
		diag_plain("%s: no templates folder here (give --templates DIR "
		    "or set BAOCAO_TEMPLATES):", xdir);
		return EXIT_USAGE;
	}
	names = xcalloc((size_t)ne + 1, sizeof(*names));
	for (i = 0; i < ne; i++) {
		char *n = ents[i]->d_name;
		size_t nl = strlen(n);

		if (stem_len(n) < nl) {
			n[nl - 4] = '\0';
			names[k++] = n;
		}
	}
	diag_errorat(cfgpath, line, 0, "[xlsx] template '%s': no such template "
	    "in %s%s", name, xdir, suggest_phrase(suggest_nearest(name,
	    stem_len(name), names)));
	for (i = 0; i < ne; i++)
		free(ents[i]);
	free(ents);
	free(names);
	return EXIT_USAGE;
}

int
tmpl_xlsx_path(const char *name, const char *cfgpath, long line,
    const char *dir, char *buf, size_t size)
{
	int path = name != NULL && strchr(name, '/') != NULL, k;
	const char *use = name != NULL && *name != '\0' ? name : "default";
	char xdir[PATH_MAX];

	snprintf(xdir, sizeof(xdir), "%s/xlsx", dir);
	if (path)
		k = snprintf(buf, size, "%s", name);
	else
		k = snprintf(buf, size, "%s/%.*s.ini", xdir,
		    (int)stem_len(use), use);
	if (k < 0 || (size_t)k >= size)
		buf[0] = '\0';			/* too long: not found */
	if (use != name || access(buf, R_OK) == 0)
		return 0;	/* the default is looked for when loaded */
	if (path) {
		diag_errorat(cfgpath, line, 0, "[xlsx] template '%s': cannot "
		    "read the file:", name);
		return EXIT_USAGE;
	}
	return no_xlsx_template(name, cfgpath, line, xdir);
}

char *
tmpl_fill(const char *t, const char *key, const char *val)
{
	struct sbuf sb = SBUF_INIT;
	size_t kn = strlen(key);
	const char *p;

	while ((p = strchr(t, '{')) != NULL) {
		sbuf_add(&sb, t, (size_t)(p - t));
		if (strncmp(p + 1, key, kn) == 0 && p[kn + 1] == '}') {
			sbuf_adds(&sb, val);
			t = p + kn + 2;
		} else {
			sbuf_addc(&sb, '{');
			t = p + 1;
		}
	}
	sbuf_adds(&sb, t);
	return sbuf_detach(&sb);
}
