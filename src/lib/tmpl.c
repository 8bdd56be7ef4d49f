/* SPDX-License-Identifier: ISC */
/* tmpl: output wording from INI templates, loaded with iniparser. */
#include <iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "diag.h"
#include "tmpl.h"
#include "util.h"


struct tmpl {
	dictionary	 *d;
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

struct tmpl *
tmpl_load(const char *path)
{
	struct tmpl *t;
	struct stat st;
	dictionary *d;
	long line = 0;
	char *lp;

	/* iniparser would block on a FIFO: only regular files are read. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag_errorat(path, 0, 0, "cannot read template: not a regular "
		    "file");
		return NULL;
	}
	tmpl_errbuf[0] = '\0';
	iniparser_set_error_callback(tmpl_error);
	d = iniparser_load(path);
	if (d == NULL) {
		lp = strrchr(tmpl_errbuf, '(');
		if (lp != NULL)
			line = strtol(lp + 1, NULL, 10);
		if (tmpl_errbuf[0] == '\0' || strstr(tmpl_errbuf, "cannot open"))
			diag_errorat(path, 0, 0, "cannot read template");
		else
			diag_errorat(path, line, 0, "cannot parse template");
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->d = d;
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	int i;

	if (t == NULL)
		return;
	iniparser_freedict(t->d);
	free(t->keys);
	for (i = 0; i < t->nnorm; i++)
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
	char exe[PATH_MAX - 64];
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
		snprintf(dir, sizeof(dir), "%s/%s", exe, rel[i]);
		if (access(dir, F_OK) == 0)
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
