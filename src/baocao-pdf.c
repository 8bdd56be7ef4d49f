/* SPDX-License-Identifier: ISC */
/*
 * baocao-pdf: renders the signed-ready PDFs of SPEC §7.1 — a unit's monthly
 * form BM.07.01, the periodic report of QT.07 §5.1, and the improvement
 * summary of QT.07 §5.2 — from the indicators CSV, the analysis stream and
 * the normalized stream, with every word taken from templates/pdf/ (INI files).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <utf8proc.h>

#include "atomic.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "indicator.h"
#include "norm.h"
#include "num.h"
#include "numfmt.h"
#include "pdfdoc.h"
#include "period.h"
#include "schema.h"
#include "statuslist.h"
#include "suggest.h"
#include "tmpl.h"
#include "util.h"
#include "vnfmt.h"


enum kind { K_BM, K_REPORT, K_IMPROVEMENT };

/* One value keyed by unit and name (indicators, comparisons, sheet text). */
struct item {
	char	*unit;
	char	*name;
	double	 v, prev, yoy;	/* NaN when absent */
	char	*text;		/* sheet text (S records) */
	long	 month;		/* the month text came from */
};

struct itemset {
	struct item	*v;
	size_t		 n, cap;
	int		 sorted;
};

struct unitrow {
	char	*code;
	char	*status;	/* submitted, incomplete, missing, register */
	char	*months_missing;
	char	*revision;
};

struct pareto {
	char	*table, *category;
	double	 count, share, cum;
};

/* A unit whose satisfaction rate rests on fewer than 30 responses. */
struct lowsample {
	char		*unit;
	double		 responses;
};

struct pchart {
	char	*indicator;
	long	 month;
	double	 p, center, lcl, ucl;
	int	 out;
};

/* A suggestion as read; the strings are borrowed from G.sl. */
struct suggestion {
	const char	*unit, *id, *received, *to_qmr, *assignee, *status,
			*notified, *content, *contributor;
	long		 folder;
};

static struct {
	enum kind	 kind;
	const char	*config_dir, *period_arg, *indicators, *analysis;
	const char	*data, *unit, *templates, *out, *date_arg, *number;
	const char	**units_arg;	/* --unit, each time given */
	int		 nunits_arg;
	int		 all_units;	/* --all-units */
	struct pdfdoc	*scratch;	/* trial layouts (layout_bm) */
	int		 trials;
	int		 draft;
	struct config	 cfg;
	struct tmpl	*t, *common;
	/* the period */
	char		 label[PERIOD_LABELSZ];
	char		 title[PERIOD_TITLESZ];
	char		*pkind;
	char		*months_text;	/* "2024-10,2024-11,2024-12" */
	long		 first_day, last_day;
	long		 first_month, last_month;
	/* the latest folder the period reads (SPEC §6): a range's is the
	 * month of its last day, which last_month (a whole month) is not */
	long		 last_folder;
	char		*prev_label, *yoy_label;
	int		 have_period;
	/* data */
	struct itemset	 ind;		/* indicators (and comparisons) */
	struct itemset	 sheet;		/* S text values */
	struct unitrow	*units;
	int		 nunits;
	struct pareto	*pareto;
	int		 npareto;
	struct pchart	*pch;
	int		 npch;
	struct lowsample *lowsample;	/* rates on < 30 responses */
	int		 nlowsample;
	struct status_list sl;		/* suggestions R records */
	struct suggestion *sugg;
	int		 nsugg;
	long		 date_days;
	long long	 created;
	struct pdfdoc	*doc;
} G;

static void	 usage(FILE *, int) __attribute__((noreturn));
static char	*unit_path(const char *);
static const char *unit_name(const char *);

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: baocao-pdf --kind bm|report|improvement "
	    "[--config DIR] --period P\n"
	    "           --indicators CSV --analysis FILE --data NORM "
	    "[--unit U] [--draft N]\n"
	    "           [--number N] [--date YYYY-MM-DD] [--templates DIR] "
	    "[-o OUT.pdf]\n"
	    "       baocao-pdf --kind bm (--unit U ... | --all-units) ... "
	    "-o DIR | -o PATTERN\n");
	if (status == EXIT_OK)
		fprintf(fp, "\nOne document is written to -o OUT.pdf or, "
		    "without -o or with -o -,\nto standard output (not a "
		    "terminal). Several forms (--all-units, --unit\nmore "
		    "than once) need -o DIR or -o PATTERN (a path with "
		    "{unit}).\n"
		    "--config DIR is config by default; man baocao-pdf and "
		    "docs/PDF.md\ngive every option.\n\n"
		    "Exit status: 0 written, 1 the data has errors (nothing "
		    "written),\n2 usage, unreadable file, missing font or a "
		    "template with mistakes.\n");
	diag_exit_stdout(status);
}

/* ---- small helpers ---- */

/*
 * The templates' answers, remembered: a form asks for the same few
 * hundred words again and again, and each tmpl_get() is an iniparser
 * look-up plus an NFC copy kept until the template is freed. The value
 * (owned by G.t or G.common, or NULL: in neither) is keyed by
 * "section\x1fkey"; the templates never change once loaded.
 */
struct tmemo {
	char		*k;
	const char	*v;
	size_t		 h;
};
static struct tmemo	*tmemo;
static size_t		 tmemo_cap, tmemo_n;

static size_t
tmemo_hash(const char *sec, const char *key)
{
	size_t h = 2166136261u;
	const char *p;

	for (p = sec; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0x1f) * 16777619u;
	for (p = key; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h;
}

static int
tmemo_is(const char *k, const char *sec, const char *key)
{
	size_t n = strlen(sec);

	return strncmp(k, sec, n) == 0 && k[n] == '\x1f' &&
	    strcmp(k + n + 1, key) == 0;
}

static void
tmemo_free(void)
{
	size_t i;

	for (i = 0; i < tmemo_cap; i++)
		free(tmemo[i].k);
	free(tmemo);
	tmemo = NULL;
	tmemo_cap = tmemo_n = 0;
}

static const char *
T(const char *sec, const char *key, const char *def)
{
	const char *v;
	size_t h, i;

	if (G.t == NULL || G.common == NULL) {
		v = tmpl_get(G.t, sec, key, NULL);
		return v != NULL ? v : tmpl_get(G.common, sec, key, def);
	}
	if (tmemo_n * 2 >= tmemo_cap) {
		struct tmemo *old = tmemo;
		size_t ocap = tmemo_cap, j;

		tmemo_cap = ocap ? ocap * 2 : 512;
		tmemo = xcalloc(tmemo_cap, sizeof(*tmemo));
		for (j = 0; j < ocap; j++) {
			if (old[j].k == NULL)
				continue;
			for (i = old[j].h & (tmemo_cap - 1); tmemo[i].k != NULL;
			    i = (i + 1) & (tmemo_cap - 1))
				;
			tmemo[i] = old[j];
		}
		free(old);
	}
	h = tmemo_hash(sec, key);
	for (i = h & (tmemo_cap - 1); tmemo[i].k != NULL;
	    i = (i + 1) & (tmemo_cap - 1))
		if (tmemo_is(tmemo[i].k, sec, key))
			return tmemo[i].v != NULL ? tmemo[i].v : def;
	v = tmpl_get(G.t, sec, key, NULL);
	if (v == NULL)
		v = tmpl_get(G.common, sec, key, NULL);
	{
		size_t ns = strlen(sec), nk = strlen(key);
		char *k = xmalloc(ns + nk + 2);

		memcpy(k, sec, ns);
		k[ns] = '\x1f';
		memcpy(k + ns + 1, key, nk + 1);
		tmemo[i].k = k;
	}
	tmemo[i].v = v;
	tmemo[i].h = h;
	tmemo_n++;
	return v != NULL ? v : def;
}

static char *
xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Upper case of UTF-8 s with utf8proc (Vietnamese letters included). */
static char *
upper(const char *s)
{
	struct sbuf sb = SBUF_INIT;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	while (*p != '\0') {
		utf8proc_uint8_t enc[4];

		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0) {
			sbuf_addc(&sb, *p++);
			continue;
		}
		p += k;
		k = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		sbuf_add(&sb, enc, (size_t)k);
	}
	return sbuf_detach(&sb);
}

/* Adds item to the comma-separated list in sb. */
static void
list_add(struct sbuf *sb, const char *item)
{
	sbuf_printf(sb, "%s%s", sb->len ? ", " : "", item);
}

/*
 * Template sentence fmt with "{units}" replaced by the names, in list
 * order, of the units for which pick(unit index, arg) is true; NULL when
 * none is, or fmt is empty (the template turned the sentence off). Owned.
 */
static char *
units_sentence(const char *fmt, int (*pick)(int, const void *),
    const void *arg)
{
	struct sbuf names = SBUF_INIT;
	char *s = NULL;
	int u;

	for (u = 0; *fmt != '\0' && u < G.nunits; u++)
		if (pick(u, arg))
			list_add(&names, unit_name(G.units[u].code));
	if (names.len > 0)
		s = tmpl_fill(fmt, "units", sbuf_str(&names));
	sbuf_release(&names);
	return s;
}

/* Template text t with "{k1}" replaced by v1, then "{k2}" by v2; owned. */
static char *
fill2(const char *t, const char *k1, const char *v1, const char *k2,
    const char *v2)
{
	char *a = tmpl_fill(t, k1, v1), *s = tmpl_fill(a, k2, v2);

	free(a);
	return s;
}

/*
 * s with each "\n" (backslash, n: a line break a clerk wrote in
 * config/baocao.ini or in a sheet) made a line break (brk set) or a
 * space. The caller frees it.
 */
static char *
unescape_breaks(const char *s, int brk)
{
	struct sbuf sb = SBUF_INIT;

	for (; s != NULL && *s != '\0'; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			sbuf_addc(&sb, brk ? '\n' : ' ');
			s++;
		} else
			sbuf_addc(&sb, *s);
	}
	return sbuf_detach(&sb);
}

static int
parse_num(const char *s, double *v)
{
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return *end != '\0' || errno == ERANGE ? -1 : 0;
}

static double
num_or_nan(const char *s)
{
	double v;

	return parse_num(s, &v) == 0 ? v : NAN;
}

static void
set_add(struct itemset *s, const char *unit, const char *name,
    struct item **out)
{
	struct item *it;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	it = &s->v[s->n++];
	memset(it, 0, sizeof(*it));
	it->unit = xstrdup(unit);
	it->name = xstrdup(name);
	it->v = it->prev = it->yoy = NAN;
	it->month = LONG_MIN;
	s->sorted = 0;
	*out = it;
}

static int
cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = strcmp(x->unit, y->unit);

	return c != 0 ? c : strcmp(x->name, y->name);
}

static struct item *
set_find(struct itemset *s, const char *unit, const char *name)
{
	struct item key = { 0 };

	if (!s->sorted) {
		if (s->n > 0)
			qsort(s->v, s->n, sizeof(*s->v), cmp_item);
		s->sorted = 1;
	}
	if (s->n == 0)
		return NULL;
	key.unit = (char *)unit;
	key.name = (char *)name;
	return bsearch(&key, s->v, s->n, sizeof(*s->v), cmp_item);
}

static void
set_free(struct itemset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].unit);
		free(s->v[i].name);
		free(s->v[i].text);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The value of an indicator, NaN when absent. */
static double
ind(const char *unit, const char *name)
{
	struct item *it = set_find(&G.ind, unit, name);

	return it != NULL ? it->v : NAN;
}

static const char *
sheet_text(const char *unit, const char *key)
{
	struct item *it = set_find(&G.sheet, unit, key);

	return it != NULL && it->text != NULL && *it->text != '\0' ?
	    it->text : NULL;
}

/* units.ini's names on one line ("\n" a space), made when first asked */
static char	**flat_names;

static const char *
unit_name(const char *code)
{
	const struct unit *u;
	size_t i;

	if (strcmp(code, "*") == 0)
		return T("labels", "organization", "Toàn cơ quan");
	u = config_unit(&G.cfg, code);
	if (u == NULL || u->name == NULL || *u->name == '\0')
		return code;
	if (flat_names == NULL)
		flat_names = xcalloc((size_t)G.cfg.nunits + 1,
		    sizeof(*flat_names));
	i = (size_t)(u - G.cfg.units);
	if (flat_names[i] == NULL)
		flat_names[i] = unescape_breaks(u->name, 0);
	return flat_names[i];
}

static const struct objective *
objective_by_name(const char *name)
{
	int i;

	for (i = 0; i < G.cfg.nobjectives; i++)
		if (strcmp(G.cfg.objectives[i].name, name) == 0)
			return &G.cfg.objectives[i];
	return NULL;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * How a figure is printed, by the end of its indicator's name: rates and
 * shares as percentages (vn_rate), means with two decimals, hours with
 * up to two (a quarter hour, 0,25, as the register gives it), counts
 * grouped (other numbers with up to two decimals).
 */
enum fig { FIG_COUNT, FIG_RATE, FIG_MEAN, FIG_HOURS };

static const struct {
	const char	*suffix;
	enum fig	 kind;
	int		 decimals;	/* the least printed */
} fig_kinds[] = {
	{ "rate", FIG_RATE, 0 }, { "share", FIG_RATE, 0 },
	{ "rate_low", FIG_RATE, 0 }, { "rate_high", FIG_RATE, 0 },
	{ ".mean", FIG_MEAN, 2 }, { "hours", FIG_HOURS, 2 },
};

static int
fig_kind(const char *name, int *decimals)
{
	size_t i;

	for (i = 0; i < sizeof(fig_kinds) / sizeof(fig_kinds[0]); i++)
		if (ends_with(name, fig_kinds[i].suffix)) {
			*decimals = fig_kinds[i].decimals;
			return fig_kinds[i].kind;
		}
	*decimals = 2;
	return FIG_COUNT;
}

/* v printed as a figure of kind k with at least dec decimals. */
static char *
fig_print(enum fig k, double v, int dec, char *buf)
{
	switch (k) {
	case FIG_RATE:
		return vn_rate(v, dec, buf);
	case FIG_MEAN:
		return vn_fixed(v, dec, buf);
	case FIG_HOURS:
		return vn_num(v, dec, buf);
	default:
		if (v == floor(v) && fabs(v) < 9e18)
			return vn_int((long long)v, buf);
		return vn_num(v, dec, buf);
	}
}

static double objective_ind(const char *, const struct objective *,
    const char *);

/*
 * The decimals that unit's figure v of indicator name takes at least: the
 * kind's, more wherever the unit has an objective on that indicator that
 * v did not meet while it would print as equal to the target (2,002%
 * against "≤ 2%", 94,996% against "≥ 95%"). Every place that prints the
 * figure asks here, so that it reads the same everywhere.
 */
static int
fig_decimals(const char *unit, const char *name, enum fig k, double v,
    int dec)
{
	char vb[VNFMT_BUFSZ], tb[VNFMT_BUFSZ];
	int i, tdec;

	for (i = 0; unit != NULL && i < G.cfg.nobjectives; i++) {
		const struct objective *o = &G.cfg.objectives[i];
		double t, met;

		if (strcmp(o->indicator, name) != 0)
			continue;
		t = objective_ind(unit, o, "target");
		met = objective_ind(unit, o, "met");
		if (isnan(t) || isnan(met) || met != 0 || v == t)
			continue;
		(void)fig_kind(name, &tdec);
		fig_print(k, t, tdec, tb);	/* as target_text prints it */
		while (dec < 6 && strcmp(fig_print(k, v, dec, vb), tb) == 0)
			dec++;
	}
	return dec;
}

/*
 * Formats figure v of indicator name (of unit, or NULL for a figure that
 * belongs to no unit of this period: an earlier period's) the Vietnamese
 * way: see fig_kinds and fig_decimals.
 */
static char *
fmt_ind(const char *unit, const char *name, double v, char *buf)
{
	char obj[128];
	const char *p;
	enum fig k;
	int dec;

	if (isnan(v)) {
		snprintf(buf, VNFMT_BUFSZ, "%s", T("labels", "absent", "-"));
		return buf;
	}
	if ((p = indicator_objective(name, obj, sizeof(obj))) != NULL &&
	    strcmp(p, "met") != 0) {
		const struct objective *o = objective_by_name(obj);

		if (o != NULL)
			return fmt_ind(strcmp(p, "value") == 0 ? unit : NULL,
			    o->indicator, v, buf);
		return vn_num(v, 3, buf);
	}
	k = fig_kind(name, &dec);
	return fig_print(k, v, fig_decimals(unit, name, k, v, dec), buf);
}

/* A figure that belongs to no unit's objective (a target, a share). */
static char *
fmt_value(const char *name, double v, char *buf)
{
	return fmt_ind(NULL, name, v, buf);
}

/* Splits "a, b, c" into trimmed items; the caller frees the array and s. */
static int
split_list(char *s, char ***out)
{
	char **v = NULL, *tok, *p = s;
	int n = 0;

	while ((tok = strsep(&p, ",")) != NULL) {
		char *e;

		while (*tok == ' ' || *tok == '\t')
			tok++;
		e = tok + strlen(tok);
		while (e > tok && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (*tok == '\0')
			continue;
		v = xrealloc(v, (size_t)(n + 1) * sizeof(*v));
		v[n++] = tok;
	}
	*out = v;
	return n;
}

/* A copy of the keys of a template section (tmpl_keys reuses its array). */
static int
keys_of(const char *sec, char ***out)
{
	int n = 0, i;
	const char *const *k = tmpl_keys(G.t, sec, &n);
	char **v;

	if (n == 0)
		k = tmpl_keys(G.common, sec, &n);
	v = xcalloc((size_t)n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = xstrdup(k[i]);
	*out = v;
	return n;
}

static void
free_strv(char **v, int n)
{
	int i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- reading the inputs ---- */

static int
read_indicators(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rv = 0;

	if (fp == NULL) {
		diag_errorat(path, 0, 0, "cannot open:");
		return EXIT_USAGE;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		char *f[4], *p = line;
		struct item *it;
		int k;
		double v;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (lineno == 1) {
			if (strcmp(line, "period,unit,indicator,value") != 0) {
				diag_errorat(path, 1, 0, "header is not "
				    "'period,unit,indicator,value'");
				rv = EXIT_DATA;
				break;
			}
			continue;
		}
		for (k = 0; k < 4; k++)
			f[k] = strsep(&p, ",");
		if (f[3] == NULL || p != NULL || parse_num(f[3], &v) != 0) {
			diag_errorat(path, lineno, 0, "expected "
			    "period,unit,indicator,value with a number");
			rv = EXIT_DATA;
			continue;
		}
		if (strcmp(f[0], G.label) != 0)
			continue;
		if (numfmt_count_too_long(f[3])) {
			diag_errorat(path, lineno, 0, "value %s of '%s' of unit "
			    "'%s' has more than %d digits: the documents cannot "
			    "show it exactly (check that count in the input)",
			    f[3], f[2], f[1], NUMFMT_DOC_DIGITS);
			rv = EXIT_DATA;
			continue;
		}
		set_add(&G.ind, f[1], f[2], &it);
		it->v = v;
	}
	if (ferror(fp)) {
		diag_plain("cannot read '%s':", path);
		rv = EXIT_USAGE;
	}
	free(line);
	fclose(fp);
	return rv;
}

/* Whether every field of the current record is valid UTF-8. */
static int
record_utf8(const struct norm_reader *r)
{
	int i;

	for (i = 0; i < r->nf; i++) {
		const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)r->f[i];
		utf8proc_ssize_t left = (utf8proc_ssize_t)r->len[i], k;
		utf8proc_int32_t cp;

		while (left > 0) {
			k = utf8proc_iterate(p, left, &cp);
			if (k <= 0)
				return 0;
			p += k;
			left -= k;
		}
	}
	return 1;
}

static long
month_of_text(const char *s)
{
	long m;

	return month_parse(s, strlen(s), &m) == 0 ? m : LONG_MIN;
}

static long
day_of_text(const char *s)
{
	long d;

	return s != NULL && date_parse(s, strlen(s), &d) == DATE_OK ? d :
	    LONG_MIN;
}

/* A period record: the period's title, kind, window, months and labels. */
static void
keep_period(char **f)
{
	G.have_period = 1;
	snprintf(G.title, sizeof(G.title), "%s", f[3]);
	free(G.pkind);
	G.pkind = xstrdup(f[2]);
	free(G.months_text);
	G.months_text = xstrdup(f[6]);
	G.first_day = day_of_text(f[4]);
	G.last_day = day_of_text(f[5]);
	free(G.prev_label);
	free(G.yoy_label);
	G.prev_label = xstrdup(f[7]);
	G.yoy_label = xstrdup(f[8]);
	if (*f[6] != '\0') {
		char *m = xstrdup(f[6]), *c = strrchr(m, ',');

		G.last_month = month_of_text(c ? c + 1 : m);
		if (c)
			*strchr(m, ',') = '\0';
		G.first_month = month_of_text(m);
		free(m);
	}
}

/* A unit record: its status, the months it lacks, its revision. */
static void
keep_unit(char **f)
{
	struct unitrow *u;

	G.units = xrealloc(G.units, (size_t)(G.nunits + 1) * sizeof(*G.units));
	u = &G.units[G.nunits++];
	u->code = xstrdup(f[2]);
	u->status = xstrdup(f[3]);
	u->months_missing = xstrdup(f[4]);
	u->revision = xstrdup(f[5]);
}

/* A compare record: an indicator's earlier values. */
static void
keep_compare(char **f)
{
	struct item *it = set_find(&G.ind, f[2], f[3]);

	/* an indicator P lacks (a rate of a zero denominator) still
	 * shows its earlier values: absent now, not then */
	if (it == NULL)
		set_add(&G.ind, f[2], f[3], &it);
	it->prev = num_or_nan(f[6]);
	it->yoy = num_or_nan(f[8]);
}

/* A pareto record: one category of a Pareto table. */
static void
keep_pareto(char **f)
{
	struct pareto *p;

	G.pareto = xrealloc(G.pareto, (size_t)(G.npareto + 1) *
	    sizeof(*G.pareto));
	p = &G.pareto[G.npareto++];
	p->table = xstrdup(f[2]);
	p->category = xstrdup(f[3]);
	p->count = num_or_nan(f[4]);
	p->share = num_or_nan(f[5]);
	p->cum = num_or_nan(f[6]);
}

/* A pchart record: one month of an indicator's p-chart. */
static void
keep_pchart(char **f)
{
	struct pchart *p;

	G.pch = xrealloc(G.pch, (size_t)(G.npch + 1) * sizeof(*G.pch));
	p = &G.pch[G.npch++];
	p->indicator = xstrdup(f[2]);
	p->month = month_of_text(f[3]);
	p->p = num_or_nan(f[6]);
	p->center = num_or_nan(f[7]);
	p->lcl = num_or_nan(f[8]);
	p->ucl = num_or_nan(f[9]);
	p->out = strcmp(f[10], "1") == 0;
}

/* A lowsample record: a unit whose rate rests on few responses. */
static void
keep_lowsample(char **f)
{
	struct lowsample *l;

	G.lowsample = xrealloc(G.lowsample, (size_t)(G.nlowsample + 1) *
	    sizeof(*G.lowsample));
	l = &G.lowsample[G.nlowsample++];
	l->unit = xstrdup(f[2]);
	l->responses = num_or_nan(f[3]);
}

/* The records of the analysis stream the documents use; the others pass. */
static const struct {
	const char	*kind;
	int		 nf;		/* fields it has at least */
	void		(*keep)(char **f);
} analysis_kinds[] = {
	{ "period", 9, keep_period },
	{ "unit", 6, keep_unit },
	{ "compare", 9, keep_compare },
	{ "pareto", 7, keep_pareto },
	{ "pchart", 11, keep_pchart },
	{ "lowsample", 4, keep_lowsample },
};

/* One record of the analysis stream: keeps what the documents of G.label use. */
static int
analysis_record(struct norm_reader *r, void *arg)
{
	size_t i;

	(void)arg;
	if (r->nf < 2 || strcmp(r->f[1], G.label) != 0)
		return 0;
	if (!record_utf8(r)) {
		diag_errorat(r->name, r->line, 0, "invalid UTF-8");
		return 1;
	}
	for (i = 0; i < sizeof(analysis_kinds) / sizeof(analysis_kinds[0]);
	    i++)
		if (strcmp(r->f[0], analysis_kinds[i].kind) == 0) {
			if (r->nf >= analysis_kinds[i].nf)
				analysis_kinds[i].keep(r->f);
			break;
		}
	return 0;
}

/* units.ini's order, unknown units after by code (config_unit_cmp) */
static int
cmp_unitrow(const void *a, const void *b)
{
	return config_unit_cmp(&G.cfg, ((const struct unitrow *)a)->code,
	    ((const struct unitrow *)b)->code);
}

static int
cmp_lowsample(const void *a, const void *b)
{
	return config_unit_cmp(&G.cfg, ((const struct lowsample *)a)->unit,
	    ((const struct lowsample *)b)->unit);
}

static int
read_analysis(const char *path)
{
	int rv = norm_each(path, analysis_record, NULL);

	if (rv == 0 && !G.have_period) {
		diag_errorat(path, 0, 0, "no 'period' record for '%s'",
		    G.label);
		rv = EXIT_DATA;
	}
	return rv;
}

/* Orders picked suggestions by where their key first appeared. */
struct spick {
	const struct status_row	*w;
	long			 first;
};

static int
cmp_spick(const void *a, const void *b)
{
	const struct spick *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * Fills G.sugg from G.sl: of each key the copy of the latest folder not
 * after the period's last month (SPEC §6), in the order in which the keys
 * first came in the stream. The strings are borrowed from G.sl.
 */
static void
pick_suggestions(void)
{
	struct spick *p = xcalloc(G.sl.n + 1, sizeof(*p));
	const struct status_row *w;
	size_t pos = 0, n = 0, i;
	long first;

	status_list_sort(&G.sl);
	while ((w = status_list_next(&G.sl, G.last_folder, &pos, &first)) !=
	    NULL) {
		p[n].w = w;
		p[n++].first = first;
	}
	qsort(p, n, sizeof(*p), cmp_spick);
	G.sugg = xcalloc(n + 1, sizeof(*G.sugg));
	for (i = 0; i < n; i++) {
		struct suggestion *s = &G.sugg[i];

		w = p[i].w;
		s->unit = w->unit;
		s->id = w->key;
		s->received = status_field(w, "received_on");
		s->to_qmr = status_field(w, "to_qmr_on");
		s->assignee = status_field(w, "assignee");
		s->status = status_field(w, "status");
		s->notified = status_field(w, "notified_on");
		s->content = status_field(w, "content");
		s->contributor = status_field(w, "contributor");
		s->folder = w->folder;
	}
	G.nsugg = (int)n;
	free(p);
}

/*
 * One record of the normalized stream: keeps the narratives and preparers
 * of the period's sheets and the suggestions register.
 */
static int
data_record(struct norm_reader *r, void *arg)
{
	const struct reg_kind *sk = reg_kind_find("suggestions");
	const char *path = r->name, *err;
	char **f = r->f;

	(void)arg;
	if ((f[0][0] == 'S' || f[0][0] == 'R') && !record_utf8(r)) {
		diag_errorat(path, r->line, 0, "invalid UTF-8");
		return 1;
	}
	if (strcmp(f[0], "S") == 0 && r->nf >= 5) {
		long m = month_of_text(f[1]);
		struct item *it;

		if (m == LONG_MIN || m < G.first_month ||
		    m > G.last_month)
			return 0;
		if (strncmp(f[3], "narrative.", 10) != 0 &&
		    strcmp(f[3], "submission.prepared_by") != 0)
			return 0;
		/* the latest month of the period wins */
		it = set_find(&G.sheet, f[2], f[3]);
		if (it == NULL) {
			set_add(&G.sheet, f[2], f[3], &it);
		} else if (it->month > m)
			return 0;
		free(it->text);
		/*
		 * A narrative's line break is LF (baocao-check makes one of a
		 * blank continuation line and of a "\n" written in the sheet);
		 * a "\n" that reaches here from older data is one too, never
		 * printed as such.
		 */
		it->text = strncmp(f[3], "narrative.", 10) == 0 ?
		    unescape_breaks(f[4], 1) : xstrdup(f[4]);
		it->month = m;
	} else if (strcmp(f[0], "R") == 0 && r->nf >= 4 &&
	    strcmp(f[1], "suggestions") == 0 && sk != NULL) {
		long folder = month_of_text(f[2]);

		if (r->nf != 4 + sk->ncols) {
			diag_errorat(path, r->line, 0, "suggestions "
			    "row has %d fields, expected %d", r->nf,
			    4 + sk->ncols);
			return 1;
		}
		if (folder == LONG_MIN || folder > G.last_folder)
			return 0;
		if (status_list_add(&G.sl, r, &err) != SL_OK) {
			diag_errorat(path, r->line, 0, "%s", err);
			return 1;
		}
	}
	return 0;
}

static int
read_data(const char *path)
{
	int rv = norm_each(path, data_record, NULL);

	pick_suggestions();
	return rv;
}

/* ---- document pieces ---- */

static struct pdf_style ST_BODY = { .face = PF_REGULAR, .size = 13,
    .align = PA_JUSTIFY, .leading = 1.2, .indent = 10, .after = 1.5 };
static struct pdf_style ST_H1 = { .face = PF_BOLD, .size = 13, .align = PA_LEFT,
    .leading = 1.2, .before = 4, .after = 2 };
static struct pdf_style ST_H2 = { .face = PF_BOLD, .size = 13, .align = PA_LEFT,
    .leading = 1.2, .before = 2.5, .after = 1.5 };
static struct pdf_style ST_H3 = { .face = PF_BOLDITALIC, .size = 13,
    .align = PA_LEFT, .leading = 1.2, .before = 1.5, .after = 1 };
static struct pdf_style ST_NOTE = { .face = PF_ITALIC, .size = 12,
    .align = PA_JUSTIFY, .leading = 1.2, .before = 1, .after = 1.5 };

#define TABLE_PT	table_pt
static double table_pt = 11;
/* mm that the last narrative paragraph keeps below it (the signatures) */
static double keep_after;
/* mm of space for signatures, from the template */
static double sign_space = 20;
static int compact;		/* the second, tighter attempt at one page */
/*
 * BM: the width (mm) of the column that holds each table's numbered title
 * on its left, spanning its header and value rows (0: titles as headings
 * above the tables), and the space between two such tables (mm).
 */
static double section_col;
static double section_gap;
/* table cell padding (mm) and line height (/ size); < 0: the defaults */
static double tab_pad_h = -1, tab_pad_v = -1, tab_lead;
static double tab_head_pt;	/* header cells and section titles; 0: table_pt */
/* BM.07.01's narrative and headings, and its tables, at least (pt) */
#define BM_BODY_MIN_PT	13.0
#define BM_TABLE_MIN_PT	11.0

/*
 * Sizes from the template's [layout] (body_pt, heading_pt, table_pt), so
 * that a form can be set tighter than a report without a rebuild.
 */
static void
apply_layout(void)
{
	double body = atof(T("layout", "body_pt", "13"));
	double head = atof(T("layout", "heading_pt", "13"));
	double tab = atof(T("layout", "table_pt", "11"));
	double gap = atof(T("layout", "heading_space_mm", "2.5"));
	double lead;

	sign_space = atof(T("bm", "signature_space_mm", "20"));
	section_col = atof(T("layout", "section_column_mm", "0"));
	section_gap = atof(T("layout", "section_gap_mm", "0"));
	tab_pad_h = atof(T("layout", "table_pad_h_mm", "-1"));
	tab_pad_v = atof(T("layout", "table_pad_v_mm", "-1"));
	tab_lead = atof(T("layout", "table_leading", "0"));
	tab_head_pt = atof(T("layout", "table_header_pt", "0"));
	if (section_col < 0 || section_col > PDF_BODY_W / 2)
		section_col = 0;
	if (section_gap < 0 || section_gap > 10)
		section_gap = 0;
	if (tab_pad_h > 5)
		tab_pad_h = -1;
	if (tab_pad_v > 5)
		tab_pad_v = -1;
	if (tab_lead != 0 && (tab_lead < 1 || tab_lead > 2))
		tab_lead = 0;
	if (tab_head_pt != 0 && (tab_head_pt < 6 || tab_head_pt > 14))
		tab_head_pt = 0;
	if (G.kind == K_BM) {
		/* SPEC §7.1: body text 13-14 pt; tables no smaller than 11 */
		body = fmax(body, BM_BODY_MIN_PT);
		head = fmax(head, BM_BODY_MIN_PT);
		tab = fmax(tab, BM_TABLE_MIN_PT);
		if (tab_head_pt > 0)
			tab_head_pt = fmax(tab_head_pt, BM_TABLE_MIN_PT);
	}
	if (compact) {
		/* tighter, to fit a form on one page: spaces, never the text */
		gap *= 0.5;
		sign_space *= compact == 1 ? 0.8 : 0.75;
	}
	if (compact == 2) {
		/* and the lines of the tables, as far as they stay clear of
		 * the borders (a line 1.1 times the size, 0.4 mm above) */
		tab_pad_v = 0.8 * (tab_pad_v >= 0 ? tab_pad_v : 0.9);
		tab_lead = fmax(1.1, (tab_lead > 0 ? tab_lead : 1.2) - 0.05);
	}

	lead = atof(T("layout", "body_leading", "1.2"));
	if (lead >= 1 && lead <= 2)
		ST_BODY.leading = lead;
	if (body >= 8 && body <= 16) {
		ST_BODY.size = body;
		ST_NOTE.size = body - 1;
	}
	lead = atof(T("layout", "paragraph_space_mm", "1.5"));
	if (lead >= 0 && lead <= 10)
		ST_BODY.after = compact ? lead * 0.5 : lead;
	if (head >= 8 && head <= 16) {
		ST_H1.size = ST_H2.size = ST_H3.size = head;
	}
	if (tab >= 7 && tab <= 14)
		table_pt = tab;
	if (gap >= 0 && gap <= 10) {
		ST_H2.before = gap;
		ST_H2.after = gap * 0.6;
	}
}

static char *
number_line(void)
{
	if (G.number != NULL && *G.number != '\0')
		return xasprintf("%s %s/%s-%s", T("header", "number", "Số:"),
		    G.number, T("header", "doc_type", "BC"), G.cfg.code);
	return xasprintf("%s       /%s-%s", T("header", "number", "Số:"),
	    T("header", "doc_type", "BC"), G.cfg.code);
}

static char *
date_line(void)
{
	char d[VNFMT_BUFSZ];

	return xasprintf("%s, %s", G.cfg.place, vn_date_long(G.date_days, d));
}

/*
 * The date line for the band [*x, *x + *w) mm: on one line, the band
 * widened to the left up to maxw mm (it still ends where the band ends)
 * when the line is longer; else broken after the place name, never
 * leaving the year alone on a line.
 */
static char *
date_line_in(const struct pdf_style *st, double *x, double *w, double maxw)
{
	char d[VNFMT_BUFSZ], *dl = date_line();
	double tw = pdfdoc_text_width(G.doc, st->face, st->size, dl) + 2;

	if (tw <= *w)
		return dl;
	free(dl);
	if (tw <= maxw) {
		*x -= tw - *w;
		*w = tw;
		return date_line();
	}
	return xasprintf("%s,\n%s", G.cfg.place, vn_date_long(G.date_days,
	    d));
}

/* The upper case of a configured name, its "\n" made line breaks. */
static char *
config_upper(const char *s)
{
	char *t = unescape_breaks(s, 1), *u = upper(t);

	free(t);
	return u;
}

/* The width in mm of the widest line of text (lines split at LF). */
static double
lines_width(enum pdf_face face, double size, const char *text)
{
	char *s = xstrdup(text), *p = s, *line;
	double w = 0;

	while ((line = strsep(&p, "\n")) != NULL)
		w = fmax(w, pdfdoc_text_width(G.doc, face, size, line));
	free(s);
	return w;
}

/*
 * Header names (the agency, its parent, the unit, the titles of
 * signature blocks) are broken into lines between words, never inside the
 * set phrases of [header] keep_together ("ỦY BAN NHÂN DÂN", "VĂN PHÒNG")
 * nor inside an administrative level and its place name ([header]
 * levels: "HUYỆN THƯỜNG XUÂN", up to a comma, "VÀ", a bracket or the
 * end), never before a lone dash, unless nothing else fits: the fewest
 * lines that fit, of the most even length, natural breaks preferred (see
 * struct hcost). Greedy breaking gave "VĂN PHÒNG HỘI ĐỒNG / NHÂN DÂN VÀ
 * ỦY BAN NHÂN / DÂN THÀNH PHỐ THỦ ĐỨC".
 */
struct hwords {
	char	**w;		/* the words */
	char	**u;		/* the words matched: w, or w in upper case */
	int	 n;
	char	*glue;		/* glue[i]: no break between words i, i+1 */
	char	*good;		/* good[i]: a natural break there */
	char	*name;		/* name[i]: a break there is inside a name
				   (mixed-case text only; NULL: none) */
	int	 mixed;		/* 0 a header's upper-case name; 1 a
				   recipient (no break before a level
				   preferred); 2 a chart's label */
};

/* Whether the words from i are the words of phrase ph (upper case). */
static int
words_match(const struct hwords *h, int i, char **ph, int nph)
{
	int k;

	if (i + nph > h->n)
		return 0;
	for (k = 0; k < nph; k++)
		if (strcmp(h->u[i + k], ph[k]) != 0)
			return 0;
	return 1;
}

/* A phrase of a template list, split into its words (in place). */
struct phrase {
	char	**w;
	int	  n;
};

/*
 * The phrases of list ("Ủy ban nhân dân, Hội đồng nhân dân", upper case),
 * each split into its words in place; the caller frees each w, the array
 * and list.
 */
static int
split_phrases(char *list, struct phrase **out)
{
	char **items, *p, *tok;
	int n = split_list(list, &items), j;
	struct phrase *ph = xcalloc((size_t)n + 1, sizeof(*ph));

	for (j = 0; j < n; j++) {
		ph[j].w = xcalloc(strlen(items[j]) + 1, sizeof(*ph[j].w));
		for (p = items[j]; (tok = strsep(&p, " ")) != NULL;)
			if (*tok != '\0')
				ph[j].w[ph[j].n++] = tok;
	}
	free(items);
	*out = ph;
	return n;
}

static void
free_phrases(struct phrase *ph, int n)
{
	int j;

	for (j = 0; j < n; j++)
		free(ph[j].w);
	free(ph);
}

/* Whether one of the n phrases ph starts at word i of h. */
static int
phrases_at(const struct hwords *h, int i, const struct phrase *ph, int n)
{
	int j;

	for (j = 0; j < n; j++)
		if (ph[j].n > 0 && words_match(h, i, ph[j].w, ph[j].n))
			return 1;
	return 0;
}

/*
 * Glues the words of h matched by a phrase of the template list key; a
 * level (level set) glues on to the end of its place name, which ends
 * where another level starts ("HUYỆN THƯỜNG XUÂN / TỈNH THANH HÓA": glued
 * on, it was broken "… HUYỆN / THƯỜNG XUÂN TỈNH THANH HÓA"), and a break
 * before it is a natural one, as before a phrase of good (set).
 */
static void
glue_phrases(struct hwords *h, const char *key, const char *def, int level,
    int good)
{
	char *list = upper(T("header", key, def)), **pw;
	struct phrase *ph;
	int n = split_phrases(list, &ph), i, j, k, nw;

	for (j = 0; j < n; j++) {
		pw = ph[j].w;
		nw = ph[j].n;
		for (i = 0; nw > 0 && i < h->n; i++) {
			if (!words_match(h, i, pw, nw))
				continue;
			/* (not before a level in a recipient's line:
			 * "Ủy ban nhân dân / tỉnh Thanh Hóa (để báo cáo)") */
			if (i > 0 && (good || (level && h->mixed != 1)))
				h->good[i - 1] = 1;
			if (good)
				continue;
			for (k = i; k < i + nw - 1; k++)
				h->glue[k] = 1;
			/* a level: on to the end of the place's name */
			for (; level && k + 1 < h->n &&
			    h->u[k][strlen(h->u[k]) - 1] != ',' &&
			    strcmp(h->u[k + 1], "VÀ") != 0 &&
			    h->u[k + 1][0] != '(' && (k == i + nw - 1 ||
			    !phrases_at(h, k + 1, ph, n)); k++)
				h->glue[k] = 1;
		}
	}
	free_phrases(ph, n);
	free(list);
}

/* [header] levels when the template has none */
#define LEVELS_DEF	"TỈNH, THÀNH PHỐ, HUYỆN, QUẬN, THỊ XÃ, XÃ, " \
	"PHƯỜNG, THỊ TRẤN, ĐẶC KHU"

/*
 * The words of one line of text, and where it must not break; with
 * mixed (a recipient's mixed-case text), the phrases are matched on the
 * words in upper case (h->u, freed by hwords_free).
 */
static void
hwords_init(struct hwords *h, char *line, int mixed)
{
	char *p = line, *tok;
	int i;

	memset(h, 0, sizeof(*h));
	h->mixed = mixed;
	while ((tok = strsep(&p, " ")) != NULL) {
		if (*tok == '\0')
			continue;
		h->w = xrealloc(h->w, (size_t)(h->n + 1) * sizeof(*h->w));
		h->w[h->n++] = tok;
	}
	h->u = h->w;
	if (mixed && h->n > 0) {
		h->u = xcalloc((size_t)h->n, sizeof(*h->u));
		for (i = 0; i < h->n; i++)
			h->u[i] = upper(h->w[i]);
	}
	h->glue = xcalloc((size_t)h->n + 1, 1);
	h->good = xcalloc((size_t)h->n + 1, 1);
	glue_phrases(h, "keep_together", "ỦY BAN NHÂN DÂN, HỘI ĐỒNG NHÂN "
	    "DÂN, VĂN PHÒNG, MẶT TRẬN TỔ QUỐC", 0, 0);
	glue_phrases(h, "levels", LEVELS_DEF, 1, 0);
	glue_phrases(h, "break_before", "VÀ", 0, 1);
	for (i = 0; i + 1 < h->n; i++) {
		/* no line starts with a dash */
		if (strcmp(h->w[i + 1], "-") == 0 ||
		    strcmp(h->w[i + 1], "–") == 0)
			h->glue[i] = 1;
		if (h->w[i][strlen(h->w[i]) - 1] == ',' || h->w[i + 1][0] == '(')
			h->good[i] = 1;
	}
}

static void
hwords_free(struct hwords *h)
{
	int i;

	if (h->u != h->w) {
		for (i = 0; i < h->n; i++)
			free(h->u[i]);
		free(h->u);
	}
	free(h->w);
	free(h->glue);
	free(h->good);
	free(h->name);
}

/*
 * What a way of breaking costs, compared in this order. A break elsewhere
 * than in a natural place (before "VÀ", a level, a bracket; after a comma)
 * may fall inside a two-word noun ("XÂY / DỰNG"): it costs as much as a
 * fifth of the column's width more on the longest line.
 */
struct hcost {
	int	 over;		/* lines wider than the column */
	int	 glued;		/* breaks inside a set phrase */
	int	 names;		/* breaks inside a name (h->name) */
	int	 lines;
	int	 stubs;		/* lines but the last under STUB_LINE of the
				   column (mixed-case text only) */
	int	 plain;		/* breaks elsewhere than in natural places */
	double	 maxw;		/* the longest line, mm */
};
#define PLAIN_BREAK	0.2	/* of the column's width */
/*
 * A line of a recipient or a chart label, not its last, narrower than
 * this share of the column is a stub: "Ủy ban Mặt trận Tổ quốc Việt Nam /
 * thành phố / và các tổ chức chính trị - xã hội thành phố;" took one
 * plain break fewer than "… Việt Nam / thành phố và các tổ chức / chính
 * trị - xã hội thành phố;" in as many lines. (A short last line, "(để
 * b/c);", is how a text ends.)
 */
#define STUB_LINE	0.25

/* Whether a costs less than b in a column w mm wide (0: plain not counted). */
static int
hcost_less(const struct hcost *a, const struct hcost *b, double w)
{
	if (a->over != b->over)
		return a->over < b->over;
	if (a->glued != b->glued)
		return a->glued < b->glued;
	if (a->names != b->names)
		return a->names < b->names;
	if (a->lines != b->lines)
		return a->lines < b->lines;
	if (a->stubs != b->stubs)
		return a->stubs < b->stubs;
	return a->maxw + a->plain * PLAIN_BREAK * w <
	    b->maxw + b->plain * PLAIN_BREAK * w - 0.01;
}

/* Words [i, j) of h as one line: the caller frees it. */
static char *
hwords_line(const struct hwords *h, int i, int j)
{
	struct sbuf sb = SBUF_INIT;
	int k;

	for (k = i; k < j; k++)
		sbuf_printf(&sb, "%s%s", k > i ? " " : "", h->w[k]);
	return sbuf_detach(&sb);
}

/*
 * The words of h broken into lines of w mm, appended to out. The best way
 * is found for each number of plain breaks (the cost of the others
 * combines exactly, line by line), then the best of those.
 */
static void
hwords_break(const struct hwords *h, const struct pdf_style *st, double w,
    struct sbuf *out)
{
	size_t m = (size_t)h->n + 1;	/* states: words placed x plain */
	struct hcost *best = xcalloc(m * m, sizeof(*best)), *c, *b;
	int *from = xcalloc(m * m, sizeof(int)), *cut = xcalloc(m, sizeof(int));
	int i, j, p, q, bp = 0;
	char *line;

	for (j = 0; j < (int)(m * m); j++)
		best[j].over = j == 0 ? 0 : INT_MAX;	/* none: unreachable */
	for (j = 1; j <= h->n; j++)
		for (i = 0; i < j; i++) {
			int plain = j < h->n && !h->glue[j - 1] && !h->good[j - 1];
			double lw;

			line = hwords_line(h, i, j);
			lw = pdfdoc_text_width(G.doc, st->face, st->size, line);
			free(line);
			for (p = 0; p + plain < (int)m; p++) {
				struct hcost e = best[(size_t)i * m + p];

				if (e.over == INT_MAX)
					continue;
				e.over += lw > w;
				e.glued += j < h->n && h->glue[j - 1];
				e.names += j < h->n && h->name != NULL &&
				    h->name[j - 1];
				e.plain += plain;
				e.lines++;
				e.stubs += h->mixed && j < h->n &&
				    lw < STUB_LINE * w;
				e.maxw = fmax(e.maxw, lw);
				c = &best[(size_t)j * m + p + plain];
				/*
				 * of equals, mixed-case text fills its first
				 * lines ("… / thành phố và các tổ chức /
				 * chính trị - xã hội thành phố;", not "… các
				 * tổ / chức chính trị …": the first line,
				 * the longest, was as long in both)
				 */
				if (c->over == INT_MAX || hcost_less(&e, c, 0) ||
				    (h->mixed && !hcost_less(c, &e, 0))) {
					*c = e;
					from[(size_t)j * m + p + plain] = i;
				}
			}
		}
	b = &best[(size_t)h->n * m];
	for (p = 1; p < (int)m; p++)
		if (b[p].over != INT_MAX && hcost_less(&b[p], &b[bp], w))
			bp = p;
	/* the breaks, from the end */
	for (j = h->n, p = bp; j > 0; j = i, p = q) {
		i = from[(size_t)j * m + p];
		q = p - (j < h->n && !h->glue[j - 1] && !h->good[j - 1]);
		cut[i] = 1;
	}
	for (i = 0; i < h->n; i++)
		sbuf_printf(out, "%s%s", i == 0 ? "" : cut[i] ? "\n" : " ",
		    h->w[i]);
	free(cut);
	free(from);
	free(best);
}

/*
 * An upper-case name (its forced line breaks as LF) broken into lines for
 * a column w mm wide in style st, as struct hwords says: the lines joined
 * by LF, for pdfdoc_text_at() without balance. The caller frees it.
 */
static char *
header_lines(const struct pdf_style *st, double w, const char *name)
{
	struct sbuf out = SBUF_INIT;
	char *s = xstrdup(name), *p = s, *line;
	struct hwords h;

	while ((line = strsep(&p, "\n")) != NULL) {
		hwords_init(&h, line, 0);
		if (h.n > 0) {
			if (out.len > 0)
				sbuf_addc(&out, '\n');
			hwords_break(&h, st, w - 0.5, &out);
		}
		hwords_free(&h);
	}
	free(s);
	return sbuf_detach(&out);
}

/* Whether word s starts (after an opening sign) with a capital letter. */
static int
capitalized(const char *s)
{
	utf8proc_int32_t cp;

	while (*s != '\0' && strchr("(\"'[", *s) != NULL)
		s++;
	return *s != '\0' && utf8proc_iterate((const utf8proc_uint8_t *)s, -1,
	    &cp) > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

/*
 * Whether a level in lower case ("thành phố", "tỉnh") starts at word i
 * of h: the name before it ends there. A break after "Việt Nam" in "Ủy
 * ban Mặt trận Tổ quốc Việt Nam thành phố và …" counted as one inside a
 * name, and the recipient was set "Ủy ban / Mặt trận Tổ quốc Việt Nam
 * thành phố / …", its first line two words long.
 */
static int
lower_level_at(const struct hwords *h, int i)
{
	struct phrase *ph;
	char *list;
	int n, at;

	if (i >= h->n || capitalized(h->w[i]))
		return 0;
	list = upper(T("header", "levels", LEVELS_DEF));
	n = split_phrases(list, &ph);
	at = phrases_at(h, i, ph, n);
	free_phrases(ph, n);
	free(list);
	return at;
}

/*
 * Glues the words in lower case around the dash at word i of h, two on
 * either side: "chính trị - xã hội", "kinh tế - xã hội".
 */
static void
dash_compound(struct hwords *h, int i)
{
	int k;

	for (k = i - 2; k <= i + 1; k++)
		if (k >= 0 && k + 1 < h->n && !capitalized(h->w[k]) &&
		    !capitalized(h->w[k + 1]) &&
		    strchr(",;.)", h->w[k][strlen(h->w[k]) - 1]) == NULL)
			h->glue[k] = 1;
}

/* One line of mixed_lines(), appended to out. */
static void
mixed_line(const struct pdf_style *st, double w, char *line, int kind,
    struct sbuf *out)
{
	struct hwords h;
	int i, j, k;

	hwords_init(&h, line, kind);
	h.name = xcalloc((size_t)h.n + 1, 1);
	for (i = 0; i < h.n; i++) {
		const char *e = h.w[i] + strlen(h.w[i]) - 1;

		if (i + 1 < h.n && capitalized(h.w[i]) &&
		    strchr(",;.)", *e) == NULL && h.w[i + 1][0] != '(' &&
		    !lower_level_at(&h, i + 1))
			h.name[i] = 1;
		/*
		 * "nghề nghiệp - / Giáo dục": a dash between names; one
		 * between words in lower case joins two words of two
		 * syllables, held whole ("các tổ chức chính trị - / xã
		 * hội thành phố" was preferred to "… / chính trị - xã
		 * hội …", and then "… chính / trị - xã hội …")
		 */
		if (i > 0 && i + 1 < h.n && (strcmp(h.w[i], "-") == 0 ||
		    strcmp(h.w[i], "–") == 0)) {
			if (capitalized(h.w[i + 1]))
				h.good[i] = 1;
			else
				dash_compound(&h, i);
		}
		if (h.w[i][0] != '(' || strchr(h.w[i], ')') != NULL)
			continue;
		/* "(để báo cáo)": up to three words, whole */
		for (j = i + 1; j < h.n && j < i + 3 &&
		    strchr(h.w[j], ')') == NULL; j++)
			;
		if (j < h.n && strchr(h.w[j], ')') != NULL)
			for (k = i; k < j; k++)
				h.glue[k] = 1;
	}
	if (h.n > 0)
		hwords_break(&h, st, w - 0.5, out);
	hwords_free(&h);
}

/*
 * Mixed-case text (a recipient of "Nơi nhận": "Ủy ban nhân dân tỉnh
 * Thanh Hóa (để báo cáo);", a unit's name as a chart label) broken into
 * lines of w mm in style st, joined by LF (an LF in text is kept), as
 * the header's names are (struct hwords: the fewest lines, of the most
 * even length), with the phrases of [header] keep_together matched in
 * any case ("Ủy ban nhân dân" whole), an administrative level kept with
 * its place ("tỉnh Thanh Hóa"), a parenthesised group of up to three
 * words kept whole ("(để báo cáo)"), a lone dash between words in lower
 * case kept with two on each side ("chính trị - xã hội"), breaks after a comma, after
 * a lone dash or before "(" or "và" preferred; first the fewest breaks
 * after a capitalized word followed by another word (inside a name: "Sở
 * Tài / nguyên"; not before a level in lower case, lower_level_at()),
 * then the fewest lines, then the fewest lines but the last narrower
 * than a quarter of the column (STUB_LINE), and of equals the one that
 * fills its first lines. The caller frees it.
 */
static char *
mixed_lines(const struct pdf_style *st, double w, const char *text, int kind)
{
	struct sbuf out = SBUF_INIT;
	utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)text);
	char *s = xstrdup(nfc != NULL ? (char *)nfc : text), *p = s, *line;
	int more = 0;

	free(nfc);
	while ((line = strsep(&p, "\n")) != NULL) {
		if (more++)
			sbuf_addc(&out, '\n');
		mixed_line(st, w, line, kind, &out);
	}
	free(s);
	return sbuf_detach(&out);
}

/*
 * A name in a signature block on one line, in st's size or smaller if it
 * is wider than the column [x, x + w) mm: a name is never broken. Returns
 * the y below it.
 */
static double
sign_name(const struct pdf_style *st, double x, double w, double y,
    const char *name)
{
	struct pdf_style one = *st;
	char *s = unescape_breaks(name, 0);

	one.size = pdfdoc_fit_size(G.doc, st->face, st->size, w - 1, s);
	y = pdfdoc_text_at(G.doc, &one, x, w, y, s);
	free(s);
	return y;
}

/*
 * The header of Decree 30/2020: agency on the left, the national motto and
 * the date line on the right.
 */
static void
admin_header(void)
{
	struct pdf_style reg = { .face = PF_REGULAR, .size = 13,
	    .align = PA_CENTER, .leading = 1.15 };
	struct pdf_style bold = { .face = PF_BOLD, .size = 13,
	    .align = PA_CENTER, .leading = 1.15 };
	struct pdf_style motto = { .face = PF_BOLD, .size = 12,
	    .align = PA_CENTER, .leading = 1.15 };
	struct pdf_style m2s = { .face = PF_BOLD, .size = 13,
	    .align = PA_CENTER, .leading = 1.15 };
	struct pdf_style ital = { .face = PF_ITALIC, .size = 13,
	    .align = PA_CENTER, .leading = 1.15, .balance = 1 };
	const char *m1 = T("header", "motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	const char *m2 = T("header", "motto2", "Độc lập - Tự do - Hạnh phúc");
	double rw, lw, y0, yl, yr, w;
	char *parent = config_upper(G.cfg.parent), *pl;
	char *name = config_upper(G.cfg.name), *nl;
	char *num = number_line(), *dl;

	/* the right column is as wide as the motto; the left takes the rest */
	rw = pdfdoc_text_width(G.doc, PF_BOLD, 12, m1) + 3;
	if (rw < 90)
		rw = 90;
	if (rw > PDF_BODY_W * 0.62)
		rw = PDF_BODY_W * 0.62;
	/* the left column keeps 4 mm clear of the right one */
	lw = PDF_BODY_W - rw - 4;
	y0 = pdfdoc_y(G.doc);
	/* left: parent agency, agency in bold with a short rule, number */
	yl = y0;
	pl = header_lines(&reg, lw, parent);
	nl = header_lines(&bold, lw, name);
	if (*pl != '\0')
		yl = pdfdoc_text_at(G.doc, &reg, 0, lw, yl, pl);
	yl = pdfdoc_text_at(G.doc, &bold, 0, lw, yl, nl);
	w = fmin(lines_width(PF_BOLD, 13, nl), lw) / 3;
	if (w < 15)
		w = 15;
	pdfdoc_rule(G.doc, lw / 2 - w / 2, lw / 2 + w / 2, yl + 1.2, 0.6);
	yl = pdfdoc_text_at(G.doc, &reg, 0, lw, yl + 3.5, num);
	/* right: the motto, a rule as long as its second line, the date */
	lw += 4;
	yr = pdfdoc_text_at(G.doc, &motto, lw, rw, y0, m1);
	yr = pdfdoc_text_at(G.doc, &m2s, lw, rw, yr, m2);
	w = fmin(pdfdoc_text_width(G.doc, PF_BOLD, 13, m2), rw);
	pdfdoc_rule(G.doc, lw + rw / 2 - w / 2, lw + rw / 2 + w / 2, yr + 0.8,
	    0.6);
	{
		double dx = lw, dw = rw;

		dl = date_line_in(&ital, &dx, &dw, rw);
		yr = pdfdoc_text_at(G.doc, &ital, dx, dw, yr + 3, dl);
	}
	pdfdoc_set_y(G.doc, fmax(yl, yr) + 6);
	free(parent);
	free(name);
	free(pl);
	free(nl);
	free(num);
	free(dl);
}

static void
title_block(const char *title, const char *subject, const char *note)
{
	struct pdf_style t = { .face = PF_BOLD, .size = 14, .align = PA_CENTER,
	    .leading = 1.2 };
	struct pdf_style s = { .face = PF_BOLD, .size = 14, .align = PA_CENTER,
	    .leading = 1.2, .balance = 1 };
	double w, y;

	pdfdoc_para(G.doc, &t, title);
	/* the subject in lines of even length, on this page (the first) */
	y = pdfdoc_text_at(G.doc, &s, 0, PDF_BODY_W, pdfdoc_y(G.doc),
	    subject);
	if (note != NULL) {	/* window_line(), under the subject */
		struct pdf_style n = { .face = PF_ITALIC, .size = 13,
		    .align = PA_CENTER, .leading = 1.2 };

		y = pdfdoc_text_at(G.doc, &n, 0, PDF_BODY_W, y, note);
	}
	pdfdoc_set_y(G.doc, y);
	w = 40;
	pdfdoc_rule(G.doc, PDF_BODY_W / 2 - w / 2, PDF_BODY_W / 2 + w / 2,
	    pdfdoc_y(G.doc) + 1.8, 0.6);
	pdfdoc_space(G.doc, 6);
}

/*
 * The height of the recipient whose first line is ls[i]: that line and
 * the lines hung after it (each after a tab).
 */
static double
recipient_height(char *const *ls, int n, int i, const struct pdf_style *rec,
    const struct pdf_style *hung, double w)
{
	double h = 0;

	do {
		h += pdfdoc_text_height(G.doc, *ls[i] == '\t' ? rec : hung, w,
		    *ls[i] == '\t' ? ls[i] + 1 : ls[i]);
	} while (++i < n && *ls[i] == '\t');
	return h;
}

/*
 * Draws the lines of "Nơi nhận" (LF-separated; a line after a tab hangs)
 * hang mm in from y down. A list longer than what is left of the page
 * goes on at the top of the next, a recipient never split: *paged is then
 * set. Returns the y below the last line.
 */
static double
recipients_draw(const char *lines, const struct pdf_style *rec,
    const struct pdf_style *hung, double hang, double w, double y,
    int *paged)
{
	char *copy = xstrdup(lines), *p, *l, **ls = NULL;
	double bottom = pdfdoc_y(G.doc) + pdfdoc_room(G.doc), top = -1;
	int i, n = 0;

	for (p = copy; (l = strsep(&p, "\n")) != NULL; n++) {
		ls = xrealloc(ls, ((size_t)n + 1) * sizeof(*ls));
		ls[n] = l;
	}
	*paged = 0;
	for (i = 0; i < n; i++) {
		/* (one taller than a page is drawn from a page's top) */
		if (*ls[i] != '\t' && y > top + 0.01 && y + recipient_height(ls,
		    n, i, rec, hung, w) > bottom + 0.01) {
			pdfdoc_newpage(G.doc);
			top = y = pdfdoc_y(G.doc);
			bottom = y + pdfdoc_room(G.doc);
			*paged = 1;
		}
		y = pdfdoc_text_at(G.doc, *ls[i] == '\t' ? rec : hung, hang, w,
		    y, *ls[i] == '\t' ? ls[i] + 1 : ls[i]);
	}
	free(ls);
	free(copy);
	return y;
}

/* The closing's columns: "Nơi nhận" on the left, 4 mm clear of the signer's. */
#define CLOSING_LW	71	/* the left column, wide */
#define CLOSING_RX	75	/* where the signer's column starts */

static const struct pdf_style CLOSING_HEAD = { .face = PF_BOLDITALIC,
	.size = 12, .align = PA_LEFT, .leading = 1.15 };
/* a line of it never starts with a '-' that is not its dash (.list) */
static const struct pdf_style CLOSING_REC = { .face = PF_REGULAR, .size = 11,
	.align = PA_LEFT, .leading = 1.15, .list = 1 };
static const struct pdf_style CLOSING_SIGNER = { .face = PF_BOLD, .size = 13,
	.align = PA_CENTER, .leading = 1.15 };
static const struct pdf_style CLOSING_NAME = { .face = PF_BOLD, .size = 14,
	.align = PA_CENTER, .leading = 1.15 };

/*
 * The lines of "Nơi nhận", LF-separated: each recipient, then the archive,
 * broken into w mm as mixed_lines() says, its first line after "- ", the
 * others after a tab (they hang). The caller frees them.
 */
static char *
recipient_lines(double w)
{
	struct sbuf lines = SBUF_INIT, one = SBUF_INIT;
	char *rl, *l, *p;
	int i;

	for (i = 0; i <= G.cfg.nrecipients; i++) {
		sbuf_reset(&one);
		if (i < G.cfg.nrecipients)
			sbuf_printf(&one, "%s;", G.cfg.recipients[i]);
		else
			sbuf_printf(&one, "%s %s.", T("closing", "archive",
			    "Lưu:"), G.cfg.archive != NULL &&
			    *G.cfg.archive ? G.cfg.archive : "VT");
		rl = mixed_lines(&CLOSING_REC, w, sbuf_str(&one), 1);
		for (p = rl; (l = strsep(&p, "\n")) != NULL;)
			sbuf_printf(&lines, "%s%s%s", lines.len > 0 ? "\n" : "",
			    l == rl ? "- " : "\t", l);
		free(rl);
	}
	sbuf_release(&one);
	return sbuf_detach(&lines);
}

/* The height of "Nơi nhận:" and its lines, as recipients_draw() draws them. */
static double
recipients_height(const char *lines, const struct pdf_style *hung,
    double hang)
{
	double h;
	char *copy = xstrdup(lines), *p, *l;

	h = pdfdoc_text_height(G.doc, &CLOSING_HEAD, CLOSING_LW,
	    T("closing", "recipients", "Nơi nhận:"));
	for (p = copy; (l = strsep(&p, "\n")) != NULL;)
		h += pdfdoc_text_height(G.doc, *l == '\t' ? &CLOSING_REC : hung,
		    CLOSING_LW - hang, *l == '\t' ? l + 1 : l);
	free(copy);
	return h;
}

/* A title of the signer (authority, deputy, title) as drawn, or NULL. */
static char *
signer_line(const char *s, double w)
{
	char *t, *u;

	if (s == NULL || *s == '\0')
		return NULL;
	t = config_upper(s);
	u = header_lines(&CLOSING_SIGNER, w, t);
	free(t);
	return u;
}

/* The height of the signer's column: its lines, the space, the name. */
static double
signer_height(const char *const *sign, double w)
{
	double h = atof(T("closing", "signature_space_mm", "30")) + 7;
	char *u;
	int i;

	for (i = 0; i < 3; i++)
		if ((u = signer_line(sign[i], w)) != NULL) {
			h += pdfdoc_text_height(G.doc, &CLOSING_SIGNER, w, u);
			free(u);
		}
	return h;
}

/* Draws the signer's column at x, w mm wide, from y down; the y below it. */
static double
signer_draw(const char *const *sign, const char *name, double x, double w,
    double y)
{
	char *u;
	int i;

	for (i = 0; i < 3; i++)
		if ((u = signer_line(sign[i], w)) != NULL) {
			y = pdfdoc_text_at(G.doc, &CLOSING_SIGNER, x, w, y, u);
			free(u);
		}
	y += atof(T("closing", "signature_space_mm", "30"));
	if (name != NULL)
		y = sign_name(&CLOSING_NAME, x, w, y, name);
	return y;
}

/*
 * The closing paragraph (may be ""), then "Nơi nhận" on the left and the
 * signer on the right, all kept on one page so that the signature never
 * stands alone on the last page; a "Nơi nhận" taller than a page is kept
 * with the signer's column only, and goes on over the next page.
 */
static void
closing(const struct signer *sg, const char *last_para)
{
	const char *sign[3] = { sg->authority, sg->deputy, sg->title };
	double rw = PDF_BODY_W - CLOSING_RX, hang, hl, hr, y, yl, yr;
	struct pdf_style hung = CLOSING_REC;
	char *lines;
	int paged;

	/*
	 * "- X;" lines hang after their dash: each broken as
	 * mixed_lines() says, its first line after "- ", the others
	 * as far in (drawn one by one below)
	 */
	hang = pdfdoc_text_width(G.doc, CLOSING_REC.face, CLOSING_REC.size,
	    "- x") - pdfdoc_text_width(G.doc, CLOSING_REC.face,
	    CLOSING_REC.size, "x");
	lines = recipient_lines(CLOSING_LW - hang);
	/*
	 * a first line wider than the column (a URL mixed_lines() cannot
	 * break) is wrapped by pdfdoc: its rest hangs too (hung)
	 */
	hung.indent = -hang;
	hl = recipients_height(lines, &hung, hang);
	hr = signer_height(sign, rw);
	if (hl + 2 > PDF_PAGE_H - PDF_MARGIN_TOP - PDF_MARGIN_BOT)
		hl = 0;		/* longer than a page: it goes on over the next */
	if (*last_para != '\0') {
		pdfdoc_ensure(G.doc, pdfdoc_text_height(G.doc, &ST_BODY,
		    PDF_BODY_W, last_para) + 4 + fmax(hl, hr) + 2);
		pdfdoc_para(G.doc, &ST_BODY, last_para);
	}
	pdfdoc_space(G.doc, 4);
	pdfdoc_ensure(G.doc, fmax(hl, hr) + 2);
	y = pdfdoc_y(G.doc);
	yl = pdfdoc_text_at(G.doc, &CLOSING_HEAD, 0, CLOSING_LW, y + 0.5,
	    T("closing", "recipients", "Nơi nhận:"));
	yr = signer_draw(sign, sg->name, CLOSING_RX, rw, y);
	/* then the recipients, which may go on over the next page: a line
	 * after a tab hangs, drawn hang mm in; a first line starts hang mm
	 * further out */
	yl = recipients_draw(lines, &CLOSING_REC, &hung, hang,
	    CLOSING_LW - hang, yl, &paged);
	pdfdoc_set_y(G.doc, paged ? yl : fmax(yl, yr));
	free(lines);
}

/* Roman numerals for section numbers. */
static const char *
roman(int n)
{
	static const char *const r[] = { "", "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
	    "XV" };

	return n >= 0 && n < (int)(sizeof(r) / sizeof(r[0])) ? r[n] : "";
}

/* The code of report row u: a unit's, then "*" (the organization) last. */
static const char *
row_code(int u)
{
	return u < G.nunits ? G.units[u].code : "*";
}

/* The report's row of unit code (G.units, in units.ini's order), or NULL. */
static const struct unitrow *
unitrow(const char *code)
{
	int i;

	for (i = 0; i < G.nunits; i++)
		if (strcmp(G.units[i].code, code) == 0)
			return &G.units[i];
	return NULL;
}

static char *
unit_label(const char *code)
{
	const struct unitrow *u = unitrow(code);

	if (u != NULL && strcmp(u->status, "missing") == 0)
		return xasprintf("%s (%s)", unit_name(code),
		    T("labels", "missing", "chưa nộp"));
	return xstrdup(unit_name(code));
}

/*
 * Headings wait until the content under them is known, so that a heading
 * never stands alone at the foot of a page: flush_headings(need) keeps them
 * on one page with need mm of what follows.
 */
#define MAXPEND	4
static struct {
	const struct pdf_style	*st;
	char			*text;
} pend[MAXPEND];
static int npend;

static void flush_headings(double need);

static void
heading(const struct pdf_style *st, const char *text)
{
	if (npend == MAXPEND)
		flush_headings(0);
	pend[npend].st = st;
	pend[npend].text = xstrdup(text);
	npend++;
}

static void
flush_headings(double need)
{
	double h = 0;
	int i;

	if (npend == 0)
		return;
	for (i = 0; i < npend; i++)
		h += pdfdoc_text_height(G.doc, pend[i].st, PDF_BODY_W,
		    pend[i].text);
	pdfdoc_ensure(G.doc, h + need);
	for (i = 0; i < npend; i++) {
		pdfdoc_para(G.doc, pend[i].st, pend[i].text);
		free(pend[i].text);
	}
	npend = 0;
}

/* A numbered ("1. Title") or plain heading for the blocks of a document. */
static void
block_heading(const struct pdf_style *st, int number, const char *title)
{
	char *t = number > 0 ? xasprintf("%d. %s", number, title) :
	    xstrdup(title);

	heading(st, t);
	free(t);
}

/*
 * Every table is held until tbl_end(), so that its columns are fitted to
 * all its rows (pdfdoc_table_fit: a number is never broken) before any is
 * drawn. The tables of the report and the improvement summary are then
 * measured (in the scratch document, which only measures) and drawn: a
 * table no taller than [layout] keep_table_mm is kept on one page with
 * its title, a longer one starts only where its header and first rows
 * (keep_rows) fit, so that a page never ends with a title and one row,
 * nor starts with a short table's last row; the last rows keep tail mm
 * (tbl_tail: a note about the table) below them. BM.07.01 draws its rows
 * with its title (its trial layouts use the scratch document).
 */
static struct {
	int		 on, ncols, n, cap;
	double		*w, size, tail;
	enum pdf_align	*al;
	char		**head;		/* NULL: no header */
	char		**cells;	/* n rows of ncols */
	enum pdf_face	*face;
	unsigned long	*bold;		/* per row: its cells in bold */
} TB;

static struct pdfdoc *scratch_doc(void);

/* The face of held row i, its bold cells set in d for the row's call. */
static enum pdf_face
tbl_face(struct pdfdoc *d, int i)
{
	pdfdoc_table_bold(d, TB.bold[i]);
	return TB.face[i];
}

/* mm kept below the next table drawn by a block (run_blocks) */
static double block_tail;
/* a table of this section of the report was a "nothing" sentence */
static int said_none;

static void
tbl_begin(int ncols, const double *w, const enum pdf_align *al, double size,
    const char *const *head)
{
	int i;

	pdfdoc_table_begin(G.doc, ncols, w, al, size, head);
	if (ncols < 1)
		return;
	TB.on = 1;
	TB.ncols = ncols;
	TB.size = size;
	TB.n = 0;
	TB.tail = 0;
	TB.w = xcalloc((size_t)ncols, sizeof(*TB.w));
	TB.al = xcalloc((size_t)ncols, sizeof(*TB.al));
	memcpy(TB.w, w, (size_t)ncols * sizeof(*TB.w));
	memcpy(TB.al, al, (size_t)ncols * sizeof(*TB.al));
	TB.head = NULL;
	if (head != NULL) {
		TB.head = xcalloc((size_t)ncols, sizeof(*TB.head));
		for (i = 0; i < ncols; i++)
			TB.head[i] = xstrdup(head[i] != NULL ? head[i] : "");
	}
}

/* The open table's last rows keep mm below them (a note on the table). */
static void
tbl_tail(double mm)
{
	TB.tail = mm;
}

/*
 * Heights in mm of the n held rows from row first, measured in the scratch
 * document (with the header row counted in the first when with_head), into
 * h; returns how many fit on one page (n when all do; fewer when the rows
 * are longer than a page or cannot be measured).
 */
static int
tbl_heights(int first, int n, int with_head, double *h)
{
	struct pdfdoc *m = scratch_doc();
	double y;
	int i;

	if (m == NULL)
		return 0;
	pdfdoc_restart(m);
	pdfdoc_table_style(m, tab_pad_h, tab_pad_v, tab_lead,
	    strcmp(T("layout", "table_fit", "no"), "yes") == 0);
	pdfdoc_table_header_size(m, tab_head_pt);
	pdfdoc_table_begin(m, TB.ncols, TB.w, TB.al, TB.size,
	    (const char *const *)TB.head);
	/* the columns of the table drawn */
	pdfdoc_table_fit(m, TB.n, (const char *const *)TB.cells, TB.face);
	if (!with_head)
		pdfdoc_table_header_drawn(m);
	y = pdfdoc_y(m);
	for (i = 0; i < n && first + i < TB.n; i++) {
		double y2;

		pdfdoc_table_row(m, (const char *const *)TB.cells +
		    (size_t)(first + i) * TB.ncols, tbl_face(m, first + i));
		y2 = pdfdoc_y(m);
		if (pdfdoc_pages(m) != 1 || pdfdoc_error(m) != NULL)
			break;
		h[i] = y2 - y;
		y = y2;
	}
	pdfdoc_table_end(m);
	pdfdoc_restart(m);
	return i;
}

/* A row taller than this (mm) is a text, not a total left alone. */
#define TALL_ROW_MM	15

/* Height in mm of n held rows from row first, without the header. */
static double
tbl_rows_height(int first, int n)
{
	double *h = xcalloc((size_t)n, sizeof(*h)), sum = 0;
	int i, got = tbl_heights(first, n, 0, h);

	for (i = 0; i < got; i++)
		sum += h[i];
	free(h);
	return got == n ? sum : 0;
}

/* The held row i of the table, drawn. */
static void
tbl_row(int i)
{
	pdfdoc_table_row(G.doc, (const char *const *)TB.cells +
	    (size_t)i * TB.ncols, tbl_face(G.doc, i));
}

/*
 * The first of the report's last rows that go to a page together (-1:
 * none), their height in *hl: the last `last` rows when no taller than
 * half keep mm; else, when the last row is a short one (a total), as
 * many rows before it as are no taller, and at least the row above it,
 * however tall. Two units of six-line names above the total made the
 * last three rows 48 mm, and the total stood alone under a repeated
 * header on the next page; so did a total whose table keeps its
 * low-sample note below it, when the note did not fit under the total.
 * Rows among the first k are never moved.
 */
static int
tbl_tail_first(int last, int k, double keep, double *hl)
{
	int j;

	if (last < 2 || TB.n - last < k)
		return -1;
	if ((*hl = tbl_rows_height(TB.n - last, last)) <= keep / 2)
		return TB.n - last;
	if (tbl_rows_height(TB.n - 1, 1) > TALL_ROW_MM)
		return -1;	/* a tall last row (a text) is no widow */
	for (j = last - 1; j > 1; j--)
		if ((*hl = tbl_rows_height(TB.n - j, j)) > 0 &&
		    (*hl <= keep / 2 || j == 2))
			return TB.n - j;
	return -1;
}

/*
 * The report's held rows: measured, then drawn, kept on a page as the
 * comment of TB says.
 */
static void
tbl_draw_kept(void)
{
	double *h = xcalloc((size_t)TB.n, sizeof(*h)), need = 0, keep, hl = 0;
	int i, got, k = atoi(T("layout", "keep_rows", "3"));
	int last = atoi(T("layout", "keep_last_rows", "3")), tail;

	keep = atof(T("layout", "keep_table_mm", "90"));
	if ((got = tbl_heights(0, TB.n, 1, h)) == TB.n) {
		for (i = 0; i < TB.n; i++)
			need += h[i];
		need += TB.tail;
		if (need > keep) {
			/*
			 * its header and first k rows, or all of them when
			 * only a short last row (a total) would be left: three
			 * units of long names and the total were 93 mm, and
			 * the total went alone to the next page
			 */
			int kk = TB.n - k == 1 &&
			    h[TB.n - 1] <= TALL_ROW_MM ? TB.n : k;

			for (need = 0, i = 0; i < TB.n && i < kk; i++)
				need += h[i];
			if (i == TB.n)
				need += TB.tail;
		}
	} else if (got > 0) {
		/* longer than a page: its header and first rows together */
		for (i = 0; i < got && i < k; i++)
			need += h[i];
	} else
		need = pdfdoc_table_height(G.doc, (const char *const *)TB.cells,
		    tbl_face(G.doc, 0));
	/*
	 * A table without a title of its own (the second and third parts
	 * of the objectives matrix) still starts only where need fits: the
	 * part "MT13" ... "MT16" began at a page foot with its header and
	 * one row. (Only here: flush_headings() keeps nothing without a
	 * heading, so that BM.07.01's last paragraph, kept whole with the
	 * signatures under a heading, is not pushed whole to the next page
	 * without one, leaving most of a page blank.)
	 */
	if (npend == 0)
		pdfdoc_ensure(G.doc, need);
	flush_headings(need);
	/*
	 * The last rows (the total among them) go together when they are
	 * short: tall rows (a suggestion's text) are no widow and would
	 * leave a gap at the page foot.
	 */
	tail = tbl_tail_first(last, k, keep, &hl);
	for (i = 0; i < TB.n; i++) {
		if (i == tail)
			pdfdoc_table_keep(G.doc, hl + TB.tail);
		else if (i == TB.n - 1 && i >= k && TB.tail > 0)
			pdfdoc_table_keep(G.doc, tbl_rows_height(i, 1) +
			    TB.tail);
		tbl_row(i);
	}
	free(h);
}

/* Ends the open table without drawing what it holds. */
static void
tbl_discard(void)
{
	int i;

	pdfdoc_table_end(G.doc);
	for (i = 0; i < TB.n * TB.ncols; i++)
		free(TB.cells[i]);
	if (TB.head != NULL)
		free_strv(TB.head, TB.ncols);
	free(TB.cells);
	free(TB.face);
	free(TB.bold);
	free(TB.w);
	free(TB.al);
	memset(&TB, 0, sizeof(TB));
}

/*
 * Height in mm of the last two held rows of BM.07.01's table, which go to
 * the next page together: the objectives table of seven rows left its
 * last row alone there under the repeated header (the table is split
 * only when it has four rows or more, two staying with its title).
 */
static double
bm_last_rows_height(void)
{
	double h = 0;
	int i;

	for (i = TB.n - 2; i < TB.n; i++)
		h += pdfdoc_table_row_height(G.doc, (const char *const *)
		    TB.cells + (size_t)i * TB.ncols, tbl_face(G.doc, i));
	return h;
}

static void
tbl_end(void)
{
	int i;

	if (!TB.on) {
		pdfdoc_table_end(G.doc);
		return;
	}
	TB.on = 0;
	if (TB.n > 0) {
		pdfdoc_table_fit(G.doc, TB.n, (const char *const *)TB.cells,
		    TB.face);
		if (G.kind != K_BM)
			tbl_draw_kept();
		else {
			/* the title with the header and the first row */
			flush_headings(pdfdoc_table_height(G.doc,
			    (const char *const *)TB.cells, tbl_face(G.doc, 0)));
			for (i = 0; i < TB.n; i++) {
				if (i == TB.n - 2 && TB.n >= 4)
					pdfdoc_table_keep(G.doc,
					    bm_last_rows_height() + TB.tail);
				/* with the header's height: enough */
				else if (i == TB.n - 1 && TB.tail > 0 &&
				    TB.n < 4)
					pdfdoc_table_keep(G.doc,
					    pdfdoc_table_height(G.doc,
					    (const char *const *)TB.cells +
					    (size_t)i * TB.ncols,
					    tbl_face(G.doc, i)) +
					    TB.tail);
				tbl_row(i);
			}
		}
	}
	tbl_discard();
}

/*
 * A row of the open table, held until tbl_end(); the cells of the columns
 * in bold (bit i: column i) are set in bold.
 */
static void
table_row_bold(int *nrows, const char *const *cells, enum pdf_face face,
    unsigned long bold)
{
	int i;

	if (!TB.on)
		return;
	if (TB.n == TB.cap) {
		TB.cap = TB.cap ? 2 * TB.cap : 16;
		TB.cells = xrealloc(TB.cells, (size_t)TB.cap *
		    (size_t)TB.ncols * sizeof(*TB.cells));
		TB.face = xrealloc(TB.face, (size_t)TB.cap * sizeof(*TB.face));
		TB.bold = xrealloc(TB.bold, (size_t)TB.cap * sizeof(*TB.bold));
	}
	for (i = 0; i < TB.ncols; i++)
		TB.cells[(size_t)TB.n * TB.ncols + i] = xstrdup(
		    cells[i] != NULL ? cells[i] : "");
	TB.bold[TB.n] = bold;
	TB.face[TB.n++] = face;
	(*nrows)++;
}

/* A row of the open table, held until tbl_end(). */
static void
table_row(int *nrows, const char *const *cells, enum pdf_face face)
{
	table_row_bold(nrows, cells, face, 0);
}

/* The height of two lines of st, in mm: what a heading keeps under it. */
static double
two_lines(const struct pdf_style *st)
{
	return 2 * st->size * 1.2 * 25.4 / 72;
}

/* A paragraph, after the headings above it (kept with two lines of it). */
static void
para(const struct pdf_style *st, const char *text)
{
	flush_headings(two_lines(st) + st->before);
	pdfdoc_para(G.doc, st, text);
}

/*
 * BM with [layout] section_column_mm: the table of one row in the band
 * right of a column that holds its numbered title, the title's cell as tall
 * as the header and value rows together, all kept on one page with tail mm
 * below it (the note on the table). Returns 0
 * (nothing drawn) when that layout is off or the title would be taller
 * than the table; the caller then draws a heading and the table.
 */
static int
section_table(int number, const char *title, int ncols, const double *w,
    const enum pdf_align *al, const char *const *head,
    const char *const *cells, double tail)
{
	struct pdf_style ts = { .face = PF_BOLD, .size = TABLE_PT,
	    .align = PA_LEFT, .leading = 1.2 };
	double pad_h = tab_pad_h >= 0 ? tab_pad_h : 1.3;
	double pad_v = tab_pad_v >= 0 ? tab_pad_v : 0.9;
	double ht, hs, y0, y1;
	char *t;

	if (section_col <= 0)
		return 0;
	ts.leading = tab_lead > 0 ? tab_lead : 1.2;
	if (tab_head_pt > 0)
		ts.size = tab_head_pt;
	t = number > 0 ? xasprintf("%d. %s", number, title) : xstrdup(title);
	pdfdoc_table_begin_in(G.doc, section_col, PDF_BODY_W - section_col,
	    ncols, w, al, TABLE_PT, head);
	pdfdoc_table_fit(G.doc, 1, cells, NULL);
	ht = pdfdoc_table_height(G.doc, cells, PF_REGULAR);
	hs = pdfdoc_text_height(G.doc, &ts, section_col - 2 * pad_h, t) +
	    2 * pad_v;
	if (hs > ht + 0.01) {
		/* a title taller than the table: a taller header row */
		double row = TABLE_PT * (tab_lead > 0 ? tab_lead : 1.2) *
		    25.4 / 72 + 2 * pad_v;

		pdfdoc_table_header_min(G.doc, hs - row);
		ht = pdfdoc_table_height(G.doc, cells, PF_REGULAR);
		if (hs > ht + 0.01) {
			pdfdoc_table_end(G.doc);
			free(t);
			return 0;
		}
	}
	/* with the note under it (tail), if any */
	flush_headings(ht + section_gap + tail);
	pdfdoc_space(G.doc, section_gap);
	pdfdoc_ensure(G.doc, ht + tail);
	y0 = pdfdoc_y(G.doc);
	pdfdoc_table_row(G.doc, cells, PF_REGULAR);
	y1 = pdfdoc_y(G.doc);
	pdfdoc_box(G.doc, 0, y0, section_col, y1 - y0, 0.5);
	pdfdoc_text_at(G.doc, &ts, pad_h, section_col - 2 * pad_h,
	    y0 + (y1 - y0 - hs) / 2 + pad_v, t);
	free(t);
	return 1;
}

/* Whether the analysis flags unit's satisfaction rate (< 30 responses). */
static int
is_lowsample(const char *unit)
{
	int i;

	for (i = 0; i < G.nlowsample; i++)
		if (strcmp(G.lowsample[i].unit, unit) == 0)
			return 1;
	return 0;
}

/*
 * A table of indicators, from template section [sec]: key "title", key
 * "columns" (comma-separated indicator names), one key per indicator
 * giving its column header, "widths", "require" (see the templates).
 */
struct tspec {
	const char	*sec;
	char		*cols_s, **cols, *req_s, **req;
	int		 n, nreq, ncells;	/* columns; with the unit's */
	const char	**head, **cells;
	double		*w;
	enum pdf_align	*al;
	char		**vals;		/* ncells buffers of VNFMT_BUFSZ */
};

/* Whether the period takes no month's sheet (a range without one whole). */
static int
no_months(void)
{
	return G.pkind != NULL && strcmp(G.pkind, "range") == 0 &&
	    (G.months_text == NULL || *G.months_text == '\0');
}

/* How many units had to send their sheets, and what came of it. */
struct submission {
	int	expected, sent, missing, incomplete;
};

static struct submission
submission_count(void)
{
	struct submission c = { 0 };
	int i;

	for (i = 0; i < G.nunits; i++) {
		const char *s = G.units[i].status;

		if (strcmp(s, "register") == 0)
			continue;
		c.expected++;
		if (strcmp(s, "missing") == 0)
			c.missing++;
		else
			c.sent++;
		if (strcmp(s, "incomplete") == 0)
			c.incomplete++;
	}
	return c;
}

/* Whether no unit's sheet is in the period (every unit missing). */
static int
no_sheets(void)
{
	return submission_count().sent == 0;
}

/*
 * The "nothing in the period" sentence of template section sec: "none",
 * or, when some unit's figures are not in (and some are), "none_sent",
 * which speaks of the units that sent theirs: "the units had no
 * complaints" is not known of a unit whose sheet is missing.
 */
static const char *
none_text(const char *sec)
{
	const char *none = T(sec, "none", "Trong kỳ không có số liệu.");
	struct submission c = submission_count();

	/* some unit's figures are not all in (its registers go with its
	 * sheets), and some are */
	return c.missing + c.incomplete > 0 && c.sent > 0 ?
	    T(sec, "none_sent", none) : none;
}

/*
 * Whether a column of t is a figure of the monthly sheets only (tasks,
 * dossiers, documents): the satisfaction section also counts survey rows,
 * which a range counts by day.
 */
static int
from_sheets(const struct tspec *t)
{
	int i, k;

	for (i = 0; i < t->n; i++)
		for (k = 0; k < nsheet_sections; k++) {
			const char *sec = sheet_sections[k].name;
			size_t n = strlen(sec);

			if (strncmp(t->cols[i], sec, n) == 0 &&
			    t->cols[i][n] == '.' &&
			    strcmp(sec, "satisfaction") != 0)
				return 1;
		}
	return 0;
}

static void
tspec_init(struct tspec *t, const char *sec)
{
	char *ws, **wv;
	int i, j = 0, nw;

	memset(t, 0, sizeof(*t));
	t->sec = sec;
	t->cols_s = xstrdup(T(sec, "columns", ""));
	t->n = split_list(t->cols_s, &t->cols);
	t->req_s = xstrdup(T(sec, "require", ""));
	t->nreq = split_list(t->req_s, &t->req);
	t->ncells = G.kind == K_BM ? t->n : t->n + 1;
	t->head = xcalloc((size_t)t->ncells + 1, sizeof(*t->head));
	t->cells = xcalloc((size_t)t->ncells + 1, sizeof(*t->cells));
	t->vals = xcalloc((size_t)t->ncells + 1, sizeof(*t->vals));
	t->w = xcalloc((size_t)t->ncells + 1, sizeof(*t->w));
	t->al = xcalloc((size_t)t->ncells + 1, sizeof(*t->al));
	for (i = 0; i < t->ncells; i++)
		t->vals[i] = xmalloc(VNFMT_BUFSZ);
	if (G.kind != K_BM) {
		t->head[0] = T("labels", "unit_column", "Đơn vị");
		t->w[0] = atof(T(sec, "unit_width", "3"));
		t->al[0] = PA_LEFT;
		j = 1;
	}
	/* relative column widths: [sec] widths = 1.5, 1, ... */
	ws = xstrdup(T(sec, "widths", ""));
	nw = split_list(ws, &wv);
	for (i = 0; i < t->n; i++, j++) {
		t->head[j] = T(sec, t->cols[i], t->cols[i]);
		t->w[j] = i < nw ? atof(wv[i]) : 1;
		if (!(t->w[j] >= 0.2 && t->w[j] <= 10))
			t->w[j] = 1;
		t->al[j] = PA_CENTER;
	}
	free(wv);
	free(ws);
}

static void
tspec_release(struct tspec *t)
{
	free_strv(t->vals, t->ncells);
	free(t->head);
	free(t->cells);
	free(t->w);
	free(t->al);
	free(t->cols);
	free(t->cols_s);
	free(t->req);
	free(t->req_s);
}

/* Whether unit has a value of the table. */
static int
tspec_any(const struct tspec *t, const char *unit)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (!isnan(ind(unit, t->cols[i])))
			return 1;
	return 0;
}

/* Whether unit has a value of "require" above 0, or there is no require. */
static int
tspec_req(const struct tspec *t, const char *unit)
{
	int i;

	for (i = 0; i < t->nreq; i++)
		if (ind(unit, t->req[i]) > 0)
			return 1;
	return t->nreq == 0;	/* e.g. no survey this month */
}

/*
 * BM: the low-sample note, once a band has marked its rate. It goes under
 * the last band of the form, not under the satisfaction band: there it cut
 * the bordered form in two. Until then every band keeps its height below
 * it, so the note is never left alone at the top of a page. Tables with
 * headings (no section_column_mm) have it right under the marked one.
 */
static const char *bm_note;

/* mm that the pending low-sample note takes under a band, or 0. */
static double
bm_note_height(void)
{
	/* with the note's space above and below */
	return bm_note == NULL ? 0 :
	    pdfdoc_text_height(G.doc, &ST_NOTE, PDF_BODY_W, bm_note);
}

/* The pending low-sample note, under the bands drawn so far. */
static void
bm_note_flush(void)
{
	if (bm_note == NULL)
		return;
	pdfdoc_para(G.doc, &ST_NOTE, bm_note);
	bm_note = NULL;
}

/*
 * BM: the unit's one row, beside its numbered title (section_table) or
 * under it; a satisfaction rate on fewer than 30 responses is marked and
 * noted under the form (bm_note).
 */
static int
bm_table(struct tspec *t, int number)
{
	const char *note = T(t->sec, "lowsample_note", "");
	const char *mcol = T(t->sec, "lowsample_column", "satisfaction.rate");
	int low = *note != '\0' && is_lowsample(G.unit), i, shown = 0;
	char *marked = NULL;
	double tail;

	for (i = 0; i < t->n; i++) {
		double v = ind(G.unit, t->cols[i]);

		t->cells[i] = fmt_ind(G.unit, t->cols[i], v, t->vals[i]);
		if (low && strcmp(t->cols[i], mcol) == 0 && !isnan(v))
			t->cells[i] = marked = xasprintf("%s%s", t->cells[i],
			    T(t->sec, "lowsample_mark", " (*)"));
	}
	if (marked != NULL)
		bm_note = note;
	tail = bm_note_height();
	if (section_table(number, T(t->sec, "title", t->sec), t->ncells,
	    t->w, t->al, t->head, t->cells, tail))
		pdfdoc_table_end(G.doc);
	else {
		block_heading(&ST_H2, number, T(t->sec, "title", t->sec));
		tbl_begin(t->ncells, t->w, t->al, TABLE_PT, t->head);
		table_row(&shown, t->cells, PF_REGULAR);
		tbl_tail(tail);
		tbl_end();
		pdfdoc_space(G.doc, 3);
		/* a table of its own, not a band: the note right under it */
		bm_note_flush();
	}
	free(marked);
	return 1;
}

/*
 * The note under a report table with errors.rate when units without
 * documents.outgoing (no sheet) have erroneous documents: SPEC §6 leaves
 * them out of the organization's rate, which then is not the table's
 * count over its documents; NULL when there is none. Owned.
 */
static char *
errors_rate_note(const struct tspec *t)
{
	struct sbuf names = SBUF_INIT;
	double n = 0;
	char nb[VNFMT_BUFSZ], *s;
	int i, u, has = 0;

	for (i = 0; i < t->n; i++)
		has |= strcmp(t->cols[i], "errors.rate") == 0;
	if (no_months())
		has = 0;	/* no sheet at all: said at the start */
	for (u = 0; has && u < G.nunits; u++) {
		const char *code = G.units[u].code;
		double e = ind(code, "errors.count");

		if (!isnan(e) && e > 0 &&
		    isnan(ind(code, "documents.outgoing"))) {
			n += e;
			list_add(&names, unit_name(code));
		}
	}
	if (n == 0) {
		sbuf_release(&names);
		return NULL;
	}
	s = xasprintf("%s %s (%s).", T("labels", "errors_rate_note", "Tỷ lệ "
	    "sai lỗi toàn cơ quan không tính văn bản sai lỗi của đơn vị không "
	    "có số văn bản ban hành trong kỳ (chưa gửi báo cáo tháng):"),
	    vn_int((long long)n, nb), sbuf_str(&names));
	sbuf_release(&names);
	return s;
}

/*
 * [sec] absent_note with {units}: the units that meet the table's require
 * but have none of its values, so that have no row (the SIPAS table: a
 * unit that sent only its sheet's tallies, counted in the satisfaction
 * table above, has no component or channel rate); NULL when none, or the
 * template has no such note. Owned.
 */
/* A unit the table asks for with none of its values (absent_note()). */
static int
has_no_row(int u, const void *t)
{
	return tspec_req(t, G.units[u].code) && !tspec_any(t, G.units[u].code);
}

static char *
absent_note(const struct tspec *t)
{
	if (t->nreq == 0)
		return NULL;
	return units_sentence(T(t->sec, "absent_note", ""), has_no_row, t);
}

/* Notes a and b (either NULL) as one, a first; both are freed. */
static char *
notes_join(char *a, char *b)
{
	char *s;

	if (a == NULL || b == NULL)
		return a != NULL ? a : b;
	s = xasprintf("%s %s", a, b);
	free(a);
	free(b);
	return s;
}

/*
 * Report: a row per unit that has any of the values (and the missing
 * units), then the organization; or, when every value is 0 and the
 * template has [sec] none (or the table has a require that not even the
 * organization meets), that sentence instead ("no complaints"); nothing
 * at all for an optional table of which the organization has no value.
 */
static int
report_table(struct tspec *t, double tail)
{
	int u, i, shown = 0, nonzero = 0;
	char *note;

	/*
	 * [sec] optional = yes: a detail that may not exist (the SIPAS
	 * components are rated on survey rows only, never on a sheet's
	 * tallies): no table of "-", nor a sentence under the one that
	 * said there was no survey.
	 */
	if (strcmp(T(t->sec, "optional", "no"), "yes") == 0 &&
	    !tspec_any(t, "*"))
		return 0;
	note = notes_join(errors_rate_note(t), absent_note(t));
	if (note != NULL)	/* kept with the table's last rows */
		tail += pdfdoc_text_height(G.doc, &ST_NOTE, PDF_BODY_W, note) +
		    ST_NOTE.before + ST_NOTE.after;
	block_heading(&ST_H2, 0, T(t->sec, "title", t->sec));
	tbl_begin(t->ncells, t->w, t->al, TABLE_PT, t->head);
	for (u = 0; u <= G.nunits; u++) {
		const char *code = row_code(u);
		int missing = u < G.nunits &&
		    strcmp(G.units[u].status, "missing") == 0;
		char *lab;

		/* a unit with values or missing; the organization always */
		if (!tspec_any(t, code) && !missing)
			continue;
		if (u < G.nunits && !tspec_req(t, code))
			continue;	/* nothing to show */
		lab = unit_label(code);
		t->cells[0] = lab;
		for (i = 0; i < t->n; i++) {
			double v = ind(code, t->cols[i]);

			nonzero |= !isnan(v) && v != 0;
			t->cells[i + 1] = fmt_ind(code, t->cols[i], v,
			    t->vals[i + 1]);
		}
		table_row(&shown, t->cells,
		    u == G.nunits ? PF_BOLD : PF_REGULAR);
		free(lab);
	}
	/*
	 * All zero: the sentence when there is one, and always when the
	 * table would hold only an organization row that has none of its
	 * required values (no dossiers, no survey in the period). Not
	 * "the units had no tasks" when the figures are the sheets' and no
	 * unit sent one: that is not known. With some units missing, the
	 * totals are the others', as everywhere (the submission section
	 * names those), and the sentence speaks of them (none_text).
	 */
	if (!nonzero && (*T(t->sec, "none", "") != '\0' ||
	    !tspec_req(t, "*"))) {
		tbl_discard();
		para(&ST_BODY, !from_sheets(t) ? none_text(t->sec) :
		    no_months() ? T("labels",
		    "no_months", "Kỳ báo cáo không có tháng nào nằm trọn "
		    "trong kỳ nên mục này không có số liệu biểu tháng "
		    "BM.07.01.") : no_sheets() ? T("labels", "no_sheets",
		    "Chưa có đơn vị nào nộp biểu tháng BM.07.01 của kỳ báo "
		    "cáo nên mục này chưa có số liệu.") : none_text(t->sec));
		said_none = 1;
		free(note);
		return 1;
	}
	tbl_tail(tail);
	tbl_end();
	if (note != NULL)
		para(&ST_NOTE, note);
	free(note);
	pdfdoc_space(G.doc, 3);
	return shown;
}

/*
 * A table of indicators (struct tspec). BM: one row for the unit, or
 * nothing when the unit has no such values. Report: see report_table;
 * tail mm are kept below its last rows (the note that follows it).
 */
static int
block_table(const char *sec, int number)
{
	double tail = block_tail;

	struct tspec t;
	int shown = 0;

	tspec_init(&t, sec);
	if (t.n > 0 && G.kind == K_BM && tspec_any(&t, G.unit) &&
	    tspec_req(&t, G.unit))
		shown = bm_table(&t, number);
	else if (t.n > 0 && G.kind != K_BM)
		shown = report_table(&t, tail);
	tspec_release(&t);
	return shown;
}

/* "≥ 95%" for objective o and a target value. */
static char *
target_text(const struct objective *o, double t)
{
	char b[VNFMT_BUFSZ];

	return xasprintf("%s %s", o->op == '<' ? "≤" : "≥",
	    fmt_value(o->indicator, t, b));
}

static const char *
met_text(double met)
{
	return isnan(met) ? T("objectives", "no_data", "Chưa có số liệu") :
	    met != 0 ? T("objectives", "yes", "Đạt") :
	    T("objectives", "no", "Không đạt");
}

static double
objective_ind(const char *code, const struct objective *o, const char *what)
{
	char key[256];

	snprintf(key, sizeof(key), "objective.%s.%s", o->name, what);
	return ind(code, key);
}

/* Whether a unit of the report has a result of objective o. */
static int
unit_has_result(const struct objective *o)
{
	int u;

	for (u = 0; u < G.nunits; u++)
		if (!isnan(objective_ind(G.units[u].code, o, "value")))
			return 1;
	return 0;
}

/*
 * The assessment of objective o for code: no result gives the same words
 * whether or not there is a target; a result without a target is not
 * assessed.
 */
static const char *
met_cell(const char *code, const struct objective *o)
{
	/* an objective of listed units only: none for the organization,
	 * see the units' results, when one has a result */
	if (strcmp(code, "*") == 0 && !objective_lists(o, "*") &&
	    isnan(objective_ind(code, o, "value")) && unit_has_result(o))
		return T("objectives", "by_unit", "Theo từng đơn vị");
	if (isnan(objective_ind(code, o, "value")))
		return met_text(NAN);
	if (isnan(objective_ind(code, o, "target")))
		return T("labels", "absent", "-");
	return met_text(objective_ind(code, o, "met"));
}

/*
 * Widens column col of the n relative widths w so that text fits it on one
 * line (in bold: a "Không đạt" is), taking the width from column from,
 * which keeps at least two thirds of its own; the table's width does not
 * change.
 */
static void
widen_for(double *w, int n, int col, int from, const char *text)
{
	double sum = 0, need, extra;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	/* the text, the cell's padding on both sides and a margin */
	need = (pdfdoc_text_width(G.doc, PF_BOLD, TABLE_PT, text) + 3) *
	    sum / PDF_BODY_W;
	if (need <= w[col])
		return;
	extra = need - w[col];
	if (extra > w[from] / 3)
		extra = w[from] / 3;
	w[col] += extra;
	w[from] -= extra;
}

/*
 * Whether objective o is assessed: BM, when it applies to the unit (SPEC
 * §6: a target); the report, when it has a target for a unit or for the
 * organization.
 */
static int
objective_shown(const struct objective *o)
{
	int u;

	if (G.kind == K_BM)
		return !isnan(objective_ind(G.unit, o, "target"));
	for (u = 0; u <= G.nunits; u++)
		if (!isnan(objective_ind(row_code(u), o, "target")))
			return 1;
	return 0;
}

/* The columns of the table of objectives; a width 0: not in that document. */
static const struct objective_column {
	const char	*key, *def;
	const char	*report_key, *report_def;	/* NULL: as key */
	double		 w_bm, w_report;
	enum pdf_align	 al;
} objective_columns[] = {
	{ "code", "Ký hiệu", NULL, NULL, 0, 1.1, PA_CENTER },
	{ "objective", "Mục tiêu chất lượng", NULL, NULL, 10, 6.1, PA_LEFT },
	{ "target", "Chỉ tiêu", NULL, NULL, 1.4, 1.3, PA_CENTER },
	{ "value", "Kết quả", "value_org", "Kết quả toàn cơ quan", 1.6, 1.5,
	    PA_CENTER },
	{ "met", "Đánh giá", NULL, NULL, 1.6, 2.0, PA_CENTER },
};

/* The heads, widths and alignments of this document's columns; how many. */
static int
objective_table_columns(const char **head, double *w, enum pdf_align *al)
{
	const struct objective_column *c;
	size_t i;
	int k = 0;

	for (i = 0; i < sizeof(objective_columns) /
	    sizeof(objective_columns[0]); i++) {
		c = &objective_columns[i];
		w[k] = G.kind == K_BM ? c->w_bm : c->w_report;
		if (w[k] == 0)
			continue;
		head[k] = G.kind != K_BM && c->report_key != NULL ?
		    T("objectives", c->report_key, c->report_def) :
		    T("objectives", c->key, c->def);
		al[k++] = c->al;
	}
	return k;
}

/* Whether code has a result of objective o that misses its target. */
static int
missed(const char *code, const struct objective *o)
{
	return !isnan(objective_ind(code, o, "value")) &&
	    !isnan(objective_ind(code, o, "target")) &&
	    objective_ind(code, o, "met") == 0;
}

/* Objective o's row, the i-th: (MTn,) objective, target, result, met. */
static void
objective_row(int *nrows, int i, const struct objective *o, const char *met,
    const char *who)
{
	double t = objective_ind(who, o, "target");
	const char *cells[5];
	char b[VNFMT_BUFSZ], *tt, *mt = xasprintf("MT%d", i + 1);
	int c = 0;

	if (isnan(t))
		t = objective_target(o, who);
	tt = target_text(o, t);
	if (G.kind != K_BM)
		cells[c++] = mt;
	cells[c++] = o->label != NULL ? o->label : o->name;
	cells[c++] = tt;
	cells[c++] = fmt_ind(who, o->indicator, objective_ind(who, o, "value"),
	    b);
	cells[c++] = met;
	/* "Không đạt" in bold, to be found in a column of "Đạt" */
	table_row_bold(nrows, cells, PF_REGULAR, missed(who, o) ?
	    1UL << (c - 1) : 0);
	free(tt);
	free(mt);
}

/* The objectives, one row each: the unit's or the organization's result. */
static void
objectives_table(const struct objective *const *obj, int nobj)
{
	const char *head[5], **met;	/* met: each one's assessment */
	/* the rows' code */
	const char *who = G.kind == K_BM ? G.unit : "*";
	double w[5];
	enum pdf_align al[5];
	int i, k, nrows = 0;

	k = objective_table_columns(head, w, al);
	met = xcalloc((size_t)nobj, sizeof(*met));
	/* the assessment on one line: its column widens, the objective's
	 * narrows (a word such as "Chưa có số liệu" would break) */
	for (i = 0; i < nobj; i++) {
		met[i] = met_cell(who, obj[i]);
		widen_for(w, k, k - 1, k - 4, met[i]);
	}
	tbl_begin(k, w, al, TABLE_PT, head);
	for (i = 0; i < nobj; i++)
		objective_row(&nrows, i, obj[i], met[i], who);
	tbl_end();
	free(met);
	pdfdoc_space(G.doc, 3);
}

/* Whether a unit or the organization has a target and a result of one. */
static int
matrix_has_result(const struct objective *const *obj, int nobj)
{
	int u, i;

	for (u = 0; u <= G.nunits; u++)
		for (i = 0; i < nobj; i++)
			if (!isnan(objective_ind(row_code(u), obj[i],
			    "target")) && !isnan(objective_ind(row_code(u),
			    obj[i], "value")))
				return 1;
	return 0;
}

/*
 * The cell of code for objective o in the matrix: empty without a target,
 * "-" without a result, else the result and whether it met the target,
 * with that target when it is not the organization's. The caller frees it.
 */
static char *
matrix_cell(const char *code, const struct objective *o)
{
	double t = objective_ind(code, o, "target");
	double v = objective_ind(code, o, "value");
	double base = objective_ind("*", o, "target");
	char b[VNFMT_BUFSZ], *tt, *s;

	if (isnan(t))
		return xstrdup("");
	if (isnan(v))
		return xstrdup(T("labels", "absent", "-"));
	if (isnan(base) || t == base)
		return xasprintf("%s\n%s", fmt_ind(code, o->indicator, v, b),
		    met_text(objective_ind(code, o, "met")));
	tt = target_text(o, t);
	s = xasprintf("%s\n%s\n(%s)", fmt_ind(code, o->indicator, v, b),
	    met_text(objective_ind(code, o, "met")), tt);
	free(tt);
	return s;
}

/*
 * Objectives per table of the matrix: seven columns of results beside the
 * units' names at 9.5 pt; fifteen in one table broke the names a word a
 * line and "Không đạt" inside the word, the rows a third of a page tall.
 */
#define MATRIX_COLS 7

/*
 * The row of code in the matrix, when it has a target of one of the nobj
 * (at most MATRIX_COLS) objectives.
 */
static void
matrix_row(int *nrows, const char *code, const struct objective *const *obj,
    int nobj)
{
	const char *cells[MATRIX_COLS + 1];
	char *own[MATRIX_COLS], *lab;
	unsigned long bold = 0;
	int i, any = 0;

	for (i = 0; i < nobj; i++) {
		any |= !isnan(objective_ind(code, obj[i], "target"));
		cells[i + 1] = own[i] = matrix_cell(code, obj[i]);
		if (missed(code, obj[i]))	/* as in objective_row */
			bold |= 1UL << (i + 1);
	}
	if (any) {
		lab = unit_label(code);
		cells[0] = lab;
		table_row_bold(nrows, cells, strcmp(code, "*") == 0 ?
		    PF_BOLD : PF_REGULAR, bold);
		free(lab);
	}
	for (i = 0; i < nobj; i++)
		free(own[i]);
}

/*
 * One table of the matrix: objectives first + 1 ... first + n (n at most
 * MATRIX_COLS), headed MT<first + 1> ...; the rows of the units with a
 * target of one of them.
 */
static void
matrix_part(const struct objective *const *obj, int first, int n,
    double tail)
{
	const char *head[MATRIX_COLS + 1];
	double w[MATRIX_COLS + 1];
	enum pdf_align al[MATRIX_COLS + 1];
	int u, i, nrows = 0;

	head[0] = T("labels", "unit_column", "Đơn vị");
	w[0] = 2.1;
	al[0] = PA_LEFT;
	for (i = 0; i < n; i++) {
		head[i + 1] = xasprintf("MT%d", first + i + 1);
		w[i + 1] = 1;
		al[i + 1] = PA_CENTER;
	}
	tbl_begin(n + 1, w, al, TABLE_PT - 1.5, head);
	for (u = 0; u <= G.nunits; u++)
		matrix_row(&nrows, row_code(u), obj + first, n);
	tbl_tail(tail);
	tbl_end();
	for (i = 0; i < n; i++)
		free((char *)head[i + 1]);
	flush_headings(0);
	pdfdoc_space(G.doc, 3);
}

/*
 * The report's matrix of units by objective ("MT1", ...), or a sentence
 * when no unit has a result. More than MATRIX_COLS objectives make
 * several tables of even size, one under the other (MT1-MT5, MT6-MT10,
 * MT11-MT15), rather than columns too narrow to read.
 */
static void
objectives_matrix(const struct objective *const *obj, int nobj)
{
	int parts = (nobj + MATRIX_COLS - 1) / MATRIX_COLS;
	int per = (nobj + parts - 1) / parts, first;
	const char *note;
	double tail;

	heading(&ST_H3, T("objectives", "matrix_title",
	    "Kết quả theo đơn vị"));
	if (!matrix_has_result(obj, nobj)) {
		para(&ST_BODY, T("objectives", "matrix_none", "Trong kỳ chưa "
		    "có số liệu để đánh giá mục tiêu chất lượng của các đơn "
		    "vị."));
		pdfdoc_space(G.doc, 3);
		return;
	}
	/*
	 * the key to the cells under the last part, kept with its last rows
	 * ([objectives] matrix_note; empty: none): an empty cell, a "-" and
	 * a target in brackets each mean something else
	 */
	note = T("objectives", "matrix_note", "Ô để trống: mục tiêu không áp "
	    "dụng cho đơn vị. Dấu \"-\": chưa có số liệu. Chỉ tiêu trong "
	    "ngoặc: chỉ tiêu riêng của đơn vị.");
	tail = *note == '\0' ? 0 : pdfdoc_text_height(G.doc, &ST_NOTE,
	    PDF_BODY_W, note) + ST_NOTE.before + ST_NOTE.after;
	for (first = 0; first < nobj; first += per)
		matrix_part(obj, first, nobj - first < per ? nobj - first :
		    per, first + per >= nobj ? tail : 0);
	if (*note != '\0') {
		para(&ST_NOTE, note);
		pdfdoc_space(G.doc, 3);
	}
}

/*
 * BM: the unit's objectives, one row each (objective, target, result,
 * met). Report: the objectives with the organization's result, then a
 * matrix of units by objective ("MT1", ...) whose cells hold the unit's
 * result and whether it met its target (with the target when it differs
 * from the organization's).
 */
static int
block_objectives(const char *arg, int number)
{
	const struct objective **obj;
	int i, nobj = 0;

	/* every one: a sixteenth was left out of the signed documents */
	obj = xcalloc((size_t)G.cfg.nobjectives + 1, sizeof(*obj));
	for (i = 0; i < G.cfg.nobjectives; i++)
		if (objective_shown(&G.cfg.objectives[i]))
			obj[nobj++] = &G.cfg.objectives[i];
	if (nobj == 0 && G.kind != K_BM) {
		free(obj);
		return 0;
	}
	block_heading(&ST_H2, number, T("objectives", "title",
	    "Thực hiện mục tiêu chất lượng"));
	if (nobj == 0) {
		/* said, not left out: the form has the section */
		para(&ST_BODY, T("objectives", "none_for_unit", "Trong tháng "
		    "chưa có số liệu của chỉ tiêu nào để đánh giá mục tiêu "
		    "chất lượng của đơn vị."));
		free(obj);
		return 1;
	}
	objectives_table(obj, nobj);
	if (G.kind != K_BM)
		objectives_matrix(obj, nobj);
	free(obj);
	return nobj;
}

/*
 * The latest month of the period whose sheet of unit has a narrative (the
 * one the report takes it from), or LONG_MIN.
 */
static long
narrative_month(const char *unit)
{
	long m = LONG_MIN;
	size_t i;

	for (i = 0; i < G.sheet.n; i++) {
		const struct item *it = &G.sheet.v[i];

		if (strcmp(it->unit, unit) == 0 &&
		    strncmp(it->name, "narrative.", 10) == 0 &&
		    it->text != NULL && *it->text != '\0' && it->month > m)
			m = it->month;
	}
	return m;
}

/*
 * The text of narrative key of unit from month m, or NULL: a report over
 * several months takes a unit's narrative from one month, its latest,
 * never parts of it from earlier months.
 */
static const char *
narrative_text(const char *unit, const char *key, long m)
{
	struct item *it;
	char name[128];

	snprintf(name, sizeof(name), "narrative.%s", key);
	it = set_find(&G.sheet, unit, name);
	return it != NULL && it->month == m && it->text != NULL &&
	    *it->text != '\0' ? it->text : NULL;
}

/*
 * The report's heading of a unit's narrative: its name, and for a period
 * of several months the month it comes from: "Phòng Nội vụ (báo cáo tháng
 * 12/2024)". The bracket is never broken: a heading wider than the body
 * puts it on a line of its own ("Trung tâm Phát triển quỹ đất huyện" /
 * "(báo cáo tháng 12/2024)").
 */
static char *
narrative_heading(const char *unit, long m)
{
	char mb[VNFMT_BUFSZ], *h;

	if (G.first_month == G.last_month || m == LONG_MIN)
		return xstrdup(unit_name(unit));
	h = xasprintf("%s (%s %s)", unit_name(unit), T("narrative",
	    "month", "báo cáo tháng"), vn_month(m, mb));
	if (pdfdoc_text_width(G.doc, ST_H3.face, ST_H3.size, h) >
	    PDF_BODY_W - ST_H3.indent) {
		free(h);
		h = xasprintf("%s\n(%s %s)", unit_name(unit),
		    T("narrative", "month", "báo cáo tháng"),
		    vn_month(m, mb));
	}
	return h;
}

/*
 * The height in mm of the last paragraph with what must stay with it
 * (keep_after: BM.07.01's signatures), or 0 when that is a page or more.
 */
static double
keep_with_last(const char *lead, const char *text)
{
	char *all = xasprintf("%s %s", lead, text);
	double h = pdfdoc_text_height(G.doc, &ST_BODY, PDF_BODY_W, all) +
	    keep_after;

	free(all);
	return h < PDF_PAGE_H - PDF_MARGIN_TOP - PDF_MARGIN_BOT - 20 ? h : 0;
}

/* The narrative keys of a unit, each as a labelled paragraph. */
static int
narrative_of(const char *code, int with_unit)
{
	char **keys, *h;
	int n = keys_of("narrative_labels", &keys), i, shown = 0, last = -1;
	long m = narrative_month(code);

	for (i = 0; i < n; i++)
		if (narrative_text(code, keys[i], m) != NULL)
			last = i;
	for (i = 0; i < n; i++) {
		const char *text = narrative_text(code, keys[i], m);
		const char *lead = T("narrative_labels", keys[i], keys[i]);
		double need = two_lines(&ST_BODY);

		if (text == NULL)
			continue;
		if (shown == 0 && with_unit) {
			h = narrative_heading(code, m);
			heading(&ST_H3, h);
			free(h);
		}
		/*
		 * The last paragraph stays with what follows it (the
		 * signatures): all of it under a heading, else its last
		 * two lines at least.
		 */
		if (i == last && keep_after > 0 && keep_with_last(lead, text) > 0)
			need = keep_with_last(lead, text);
		flush_headings(need);
		if (i == last && keep_after > 0)
			pdfdoc_keep_last(G.doc, 2, keep_after);
		pdfdoc_para_lead(G.doc, &ST_BODY, with_unit ? PF_ITALIC :
		    PF_BOLD, lead, text);
		shown++;
	}
	free_strv(keys, n);
	return shown;
}

/*
 * The sentence naming the units that sent a sheet in the period but no
 * self-assessment in it (template [narrative] without; empty: none), or
 * NULL: a unit simply absent from the section left the reader to guess
 * whether it had written none or had been left out. It opens the section,
 * so that it is not read as a paragraph of the last unit's. Units that
 * sent no sheet are named in section I.
 */
/* A unit that sent a sheet but wrote no narrative (narrative_without()). */
static int
sent_no_narrative(int u, const void *unused)
{
	(void)unused;
	return (strcmp(G.units[u].status, "submitted") == 0 ||
	    strcmp(G.units[u].status, "incomplete") == 0) &&
	    narrative_month(G.units[u].code) == LONG_MIN;
}

static char *
narrative_without(void)
{
	return units_sentence(T("narrative", "without", "Đơn vị đã nộp báo "
	    "cáo nhưng không có phần tự đánh giá: {units}."),
	    sent_no_narrative, NULL);
}

static int
block_narrative(const char *arg, int number)
{
	const char *intro = NULL;
	char *without;
	int u, any = 0;

	if (G.kind == K_BM) {
		if (narrative_month(G.unit) == LONG_MIN)
			return 0;
		block_heading(&ST_H2, number, T("narrative", "title",
		    "Tự đánh giá của đơn vị"));
		return narrative_of(G.unit, 0);
	}
	for (u = 0; u < G.nunits; u++)
		any += narrative_month(G.units[u].code) != LONG_MIN;
	if (any == 0) {
		para(&ST_BODY, T("narrative", "none",
		    "Không có đơn vị nào gửi phần tự đánh giá trong kỳ."));
		return 0;
	}
	/*
	 * several months: say that each unit's text is its latest month's;
	 * then the units without one; with room after them for the first
	 * unit's heading and two lines
	 */
	if (G.first_month != G.last_month)
		intro = T("narrative", "several_months", "Phần tự đánh giá "
		    "của mỗi đơn vị dưới đây lấy từ báo cáo tháng gần nhất "
		    "trong kỳ của đơn vị đó.");
	without = narrative_without();
	if (intro != NULL || without != NULL)
		flush_headings((intro ? pdfdoc_text_height(G.doc, &ST_BODY,
		    PDF_BODY_W, intro) : 0) + (without ?
		    pdfdoc_text_height(G.doc, &ST_BODY, PDF_BODY_W, without) :
		    0) + pdfdoc_text_height(G.doc, &ST_H3, PDF_BODY_W, "Ay") +
		    two_lines(&ST_BODY));
	if (intro != NULL)
		para(&ST_BODY, intro);
	if (without != NULL)
		para(&ST_BODY, without);
	free(without);
	for (any = 0, u = 0; u < G.nunits; u++)
		any += narrative_of(G.units[u].code, 1);
	return any;
}

/*
 * Under the cut-off rule a reporting month is not its calendar month
 * (04/2024 runs from 15/03 to 14/04): adds to ms the days that the months
 * first..last cover, from template [submission] range_window.
 */
static void
range_window(struct sbuf *ms, long first, long last)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ], *s;

	date_vn(report_month_first_day(first, G.cfg.cutoff_day), from);
	date_vn(report_month_last_day(last, G.cfg.cutoff_day), to);
	s = fill2(T("submission", "range_window",
	    "(từ ngày {from} đến ngày {to})"), "from", from, "to", to);
	sbuf_printf(ms, " %s", s);
	free(s);
}

/* The names of the units whose status is status, comma-separated. */
static void
names_with_status(struct sbuf *names, const char *status)
{
	int i;

	sbuf_reset(names);
	for (i = 0; i < G.nunits; i++)
		if (strcmp(G.units[i].status, status) == 0)
			list_add(names, unit_name(G.units[i].code));
}

/* The sentence of counts, the units missing or incomplete named. */
static void
submission_summary(const struct submission *c)
{
	struct sbuf msg = SBUF_INIT, names = SBUF_INIT;
	char b[VNFMT_BUFSZ];

	sbuf_printf(&msg, "%s %s; ", T("submission", "expected",
	    "Số đơn vị phải nộp báo cáo:"), vn_int(c->expected, b));
	/* the three counts add up to the expected: a unit that sent some
	 * months is counted once, as incomplete (as the validation report) */
	sbuf_printf(&msg, "%s %s; ", T("submission", "submitted",
	    "đã nộp đủ:"), vn_int(c->sent - c->incomplete, b));
	if (c->incomplete > 0) {
		names_with_status(&names, "incomplete");
		sbuf_printf(&msg, "%s %s (%s); ", T("submission",
		    "incomplete_count", "nộp chưa đủ các tháng:"),
		    vn_int(c->incomplete, b), sbuf_str(&names));
	}
	sbuf_printf(&msg, "%s %s", T("submission", "missing_count",
	    "chưa nộp:"), vn_int(c->missing, b));
	if (c->missing > 0) {
		names_with_status(&names, "missing");
		sbuf_printf(&msg, " (%s)", sbuf_str(&names));
	}
	sbuf_addc(&msg, '.');
	if (G.draft == 0 && c->missing + c->incomplete > 0)
		/* a final with units missing: only with --allow-missing,
		 * which SPEC §8 wants the report to state */
		sbuf_printf(&msg, " %s", T("submission", "final_missing",
		    "Báo cáo được ban hành khi chưa đủ báo cáo của các đơn vị "
		    "nêu trên; số liệu tổng hợp chỉ gồm các tháng đơn vị đã "
		    "nộp."));
	para(&ST_BODY, sbuf_str(&msg));
	sbuf_release(&msg);
	sbuf_release(&names);
}

/* SPEC §5: a range says which months' sheets it took. */
static void
submission_range_months(void)
{
	struct sbuf ms = SBUF_INIT;
	long first, last;
	char *t;

	vn_month_list(&ms, G.months_text ? G.months_text : "", &first, &last);
	if (ms.len > 0 && G.cfg.cutoff_day != 0)
		range_window(&ms, first, last);
	if (ms.len > 0)
		t = xasprintf("%s %s. %s", T("submission", "range_months",
		    "Số liệu biểu tháng BM.07.01 lấy từ các tháng nằm trọn "
		    "trong kỳ:"), sbuf_str(&ms), T("submission", "range_mixed",
		    "Số liệu các sổ theo dõi tính theo ngày trong cả kỳ, nên "
		    "tỷ lệ ghép hai nguồn (như tỷ lệ văn bản sai lỗi trên số "
		    "văn bản ban hành) chỉ để tham khảo."));
	else
		t = xstrdup(T("submission", "range_no_months",
		    "Không có tháng nào nằm trọn trong kỳ: báo cáo chỉ gồm số "
		    "liệu các sổ theo dõi tính theo ngày."));
	para(&ST_BODY, t);
	free(t);
	sbuf_release(&ms);
}

/*
 * The part of the period's months that unit u was active in, when not all
 * of them (a unit merged, renamed or set up within the period: SPEC §3.3
 * active_from, active_to), as "Hoạt động đến tháng 06/2025" in sb; 0 when
 * it was active in every month of the period or the period has none.
 */
static int
active_span(struct sbuf *sb, const struct unitrow *u)
{
	const struct unit *c = config_unit(&G.cfg, u->code);
	char b[VNFMT_BUFSZ];
	long from, to;

	if (c == NULL || G.months_text == NULL || *G.months_text == '\0' ||
	    !unit_active_part(c, G.first_month, G.last_month, &from, &to))
		return 0;
	if (from != LONG_MIN)
		sbuf_printf(sb, "%s %s", T("submission", "active_from",
		    "Hoạt động từ tháng"), vn_month(from, b));
	if (to != LONG_MIN)
		sbuf_printf(sb, "%s%s %s", from != LONG_MIN ? "; " : "",
		    T("submission", "active_to", "Hoạt động đến tháng"),
		    vn_month(to, b));
	return 1;
}

/*
 * The note of unit u's row ("Thiếu tháng 10/2024", "Bản gửi lần 2",
 * "Hoạt động đến tháng 06/2024"; the span after the others), or NULL;
 * owned.
 */
static char *
submission_note(const struct unitrow *u)
{
	struct sbuf sb = SBUF_INIT, span = SBUF_INIT;

	if (*u->months_missing != '\0') {
		struct sbuf ms = SBUF_INIT;

		vn_month_list(&ms, u->months_missing, NULL, NULL);
		sbuf_printf(&sb, "%s %s", T("submission", "months_missing",
		    "Thiếu tháng"), sbuf_str(&ms));
		sbuf_release(&ms);
	} else if (*u->revision != '\0' && strcmp(u->revision, "1") != 0)
		sbuf_printf(&sb, "%s %s", T("submission", "revision",
		    "Bản gửi lần"), u->revision);
	if (active_span(&span, u))
		sbuf_printf(&sb, "%s%s", sb.len > 0 ? "; " : "",
		    sbuf_str(&span));
	sbuf_release(&span);
	if (sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}

/* Whether unit u's row has a note (submission_note()). */
static int
has_note(const struct unitrow *u)
{
	char *note = submission_note(u);
	int has = note != NULL;

	free(note);
	return has;
}

/* Each unit's status, with a note column only when a unit has one. */
static void
submission_table(void)
{
	const char *head[3];
	double w[3] = { 4, 2, 3 };
	enum pdf_align al[3] = { PA_LEFT, PA_CENTER, PA_LEFT };
	int i, notes, nrows = 0;

	for (notes = 0, i = 0; i < G.nunits; i++)
		notes |= has_note(&G.units[i]);
	head[0] = T("labels", "unit_column", "Đơn vị");
	head[1] = T("submission", "status", "Tình trạng");
	head[2] = T("submission", "note", "Ghi chú");
	if (!notes)
		w[1] = 3;
	tbl_begin(notes ? 3 : 2, w, al, TABLE_PT, head);
	for (i = 0; i < G.nunits; i++) {
		const struct unitrow *u = &G.units[i];
		const char *cells[3];
		char key[64], *note = submission_note(u);

		snprintf(key, sizeof(key), "status_%s", u->status);
		cells[0] = unit_name(u->code);
		cells[1] = T("submission", key, u->status);
		cells[2] = note != NULL ? note : "";
		table_row(&nrows, cells, PF_REGULAR);
		free(note);
	}
	tbl_end();
}

/*
 * Under the cut-off rule the period's title ("tháng 5 năm 2025") does not
 * say its days (15/04/2025 to 14/05/2025): the line [labels] window of
 * common.ini that says them, as the workbook's subtitle does; NULL under
 * calendar months, for a range (its title has its days) or when the
 * template leaves the line empty.
 */
static char *
window_line(void)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	const char *w = T("labels", "window",
	    "(Số liệu từ ngày {from} đến ngày {to})");

	if (G.cfg.cutoff_day == 0 || *w == '\0' || strstr(G.label, "..") ||
	    G.first_day == LONG_MIN || G.last_day == LONG_MIN)
		return NULL;
	date_vn(G.first_day, from);
	date_vn(G.last_day, to);
	return fill2(w, "from", from, "to", to);
}

/* Who submitted, who is missing, who sent only some months. */
static int
block_submission(const char *arg, int number)
{
	struct submission c = submission_count();

	/* a range without a whole month has no sheet due: "Số đơn vị phải
	 * nộp báo cáo: 0; đã nộp đủ: 0; chưa nộp: 0." said nothing */
	if (!no_months())
		submission_summary(&c);
	if (G.pkind != NULL && strcmp(G.pkind, "range") == 0)
		submission_range_months();
	if (c.expected > 0)	/* every unit "not due": no table of that */
		submission_table();
	pdfdoc_space(G.doc, 3);
	return 1;
}

/* The period label as a title, "quý III năm 2024", from period.h. */
static char *
title_of(const char *label)
{
	struct period p;
	const char *err;
	char buf[PERIOD_TITLESZ];

	if (label == NULL || *label == '\0' ||
	    period_parse(label, G.cfg.cutoff_day, 0, &p, &err) != 0)
		return xstrdup(label ? label : "");
	period_title(&p, buf);
	return xstrdup(buf);
}

/*
 * The change from then to now, printed as the difference of the two
 * figures as printed (now_s, then_s: fmt_ind's numbers); "-" when either
 * is absent.
 */
static const char *
compare_delta(double now, double then, const char *now_s, const char *then_s,
    char *buf)
{
	if (isnan(now) || isnan(then) ||
	    vn_delta_printed(now_s, then_s, buf) == NULL)
		return T("labels", "absent", "-");
	return buf;
}

enum compare_what { CMP_NOW, CMP_PREVIOUS, CMP_YEAR_BEFORE };

/* Whether a compare row of any of the n columns has a value of what. */
static int
compare_has(char **cols, int n, enum compare_what what)
{
	int i;

	for (i = 0; i < n; i++) {
		struct item *it = set_find(&G.ind, "*", cols[i]);

		if (it != NULL && !isnan(what == CMP_NOW ? it->v :
		    what == CMP_PREVIOUS ? it->prev : it->yoy))
			return 1;
	}
	return 0;
}

/* Whether every value of the n indicators, in every period, is 0 or none. */
static int
compare_all_zero(char **cols, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct item *it = set_find(&G.ind, "*", cols[i]);

		if (it != NULL && ((!isnan(it->v) && it->v != 0) ||
		    (!isnan(it->prev) && it->prev != 0) ||
		    (!isnan(it->yoy) && it->yoy != 0)))
			return 0;
	}
	return 1;
}

/*
 * The indicators whose figures come from the monthly sheets (wholly or in
 * part: a unit's [satisfaction] tallies, errors.rate's documents issued):
 * a comparison of them compares the months the periods took.
 */
static const char *const sheet_prefixes[] = { "tasks.", "dossiers.",
	"documents.", "satisfaction.", "errors.rate", "objective.", NULL };

/* Whether any of the n columns is a sheet figure. */
static int
compare_from_sheets(char **cols, int n)
{
	const char *const *p;
	int i;

	for (i = 0; i < n; i++)
		for (p = sheet_prefixes; *p != NULL; p++)
			if (strncmp(cols[i], *p, strlen(*p)) == 0)
				return 1;
	return 0;
}

/*
 * The whole months whose sheets the period label takes, as "tháng
 * 01/2024, 02/2024" (under the cut-off rule with their days) into sb, or
 * [compare] range_no_months; returns how many.
 */
static int
compare_months_of(struct sbuf *sb, const char *label)
{
	struct period p;
	const char *err;
	char b[VNFMT_BUFSZ];
	long m;

	if (label == NULL || period_parse(label, G.cfg.cutoff_day, 0, &p,
	    &err) != 0 || p.first_month > p.last_month) {
		sbuf_printf(sb, "%s", T("compare", "range_no_months",
		    "không có tháng nào"));
		return 0;
	}
	sbuf_printf(sb, "%s ", T("compare", "range_month", "tháng"));
	for (m = p.first_month; m <= p.last_month; m++)
		sbuf_printf(sb, "%s%s", m > p.first_month ? ", " : "",
		    vn_month(m, b));
	if (G.cfg.cutoff_day != 0)
		range_window(sb, p.first_month, p.last_month);
	return (int)(p.last_month - p.first_month + 1);
}

/*
 * For a range, the months of the periods compared (sp: the previous, sy:
 * the year before) into sb; nothing when none of them has a whole month.
 */
static void
compare_range_months(struct sbuf *sb, int sp, int sy)
{
	struct sbuf ms = SBUF_INIT;
	int n;

	sbuf_printf(&ms, "%s %s ", T("compare", "range_months", "Số liệu biểu "
	    "tháng BM.07.01 (chỉ gồm các tháng nằm trọn trong kỳ):"),
	    T("compare", "range_current", "kỳ này"));
	n = compare_months_of(&ms, G.label);
	if (sp) {
		sbuf_printf(&ms, "; %s ", T("compare", "range_previous",
		    "kỳ trước"));
		n += compare_months_of(&ms, G.prev_label);
	}
	if (sy) {
		sbuf_printf(&ms, "; %s ", T("compare", "range_year_before",
		    "cùng kỳ năm trước"));
		n += compare_months_of(&ms, G.yoy_label);
	}
	if (n > 0)
		sbuf_printf(sb, "%s.", sbuf_str(&ms));
	sbuf_release(&ms);
}

/* A unit missing or incomplete in the period (compare_note()). */
static int
sent_not_all(int u, const void *unused)
{
	(void)unused;
	return strcmp(G.units[u].status, "missing") == 0 ||
	    strcmp(G.units[u].status, "incomplete") == 0;
}

/*
 * The note under a comparison of sheet figures, or NULL; owned. A range
 * takes the sheets of the months lying wholly inside it, so the periods
 * compared may hold different months (10/03-20/05/2024 took April's
 * sheets, the range before it January's and February's: "-193 tasks"
 * read as a fall); and a period with units missing sums fewer units'
 * sheets than the periods it is compared with. The note says both.
 */
static char *
compare_note(char **cols, int n, int sp, int sy)
{
	struct sbuf sb = SBUF_INIT;
	char *t;

	if (!compare_from_sheets(cols, n))
		return NULL;
	if (G.pkind != NULL && strcmp(G.pkind, "range") == 0)
		compare_range_months(&sb, sp, sy);
	t = units_sentence(T("compare", "missing_note", "Số liệu biểu tháng "
	    "của kỳ này chưa gồm biểu chưa nộp của: {units}; so sánh các số "
	    "đếm chỉ để tham khảo."), sent_not_all, NULL);
	if (t != NULL) {
		sbuf_printf(&sb, "%s%s", sb.len > 0 ? " " : "", t);
		free(t);
	}
	if (sb.len == 0) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}

/*
 * Organization indicators against the previous period and a year before:
 * the columns of a period of which no indicator has a value (the sample's
 * year before, 2023) are left out, and the table is a sentence when
 * neither has one; a year's (9 months') previous period is the year
 * before's, shown once.
 */
static int
block_compare(const char *sec, int number)
{
	char *cols_s = xstrdup(T(sec, "columns", "")), **cols;
	int n = split_list(cols_s, &cols), i;
	const char *head[6];
	/* the change columns hold "+18,8 điểm %" on one line */
	double w[6] = { 3.4, 1.5, 1.7, 2.1, 1.7, 2.1 };
	enum pdf_align al[6] = { PA_LEFT, PA_CENTER, PA_CENTER, PA_CENTER,
	    PA_CENTER, PA_CENTER };
	char *pt = title_of(G.prev_label), *yt = title_of(G.yoy_label);
	char *hp = xasprintf("%s (%s)", T("compare", "previous", "Kỳ trước"), pt);
	char *hy = xasprintf("%s (%s)", T("compare", "year_before",
	    "Cùng kỳ năm trước"), yt);
	char *note = NULL;
	int nrows = 0, once = G.prev_label != NULL && G.yoy_label != NULL &&
	    strcmp(G.prev_label, G.yoy_label) == 0;
	int sp = !once && compare_has(cols, n, CMP_PREVIOUS);
	int sy = compare_has(cols, n, CMP_YEAR_BEFORE);

	/* nothing of this period to compare (a range without a whole month:
	 * the section has said its BM.07.01 figures are absent) */
	if (n == 0 || !compare_has(cols, n, CMP_NOW)) {
		n = 0;
		goto out;
	}
	/* nothing in any period (no survey, no action this year nor the
	 * last): the section's sentence has said so, a table of 0 and "-"
	 * would only say it again */
	if (said_none && compare_all_zero(cols, n)) {
		n = 0;
		goto out;
	}
	heading(&ST_H3, once || (!sp && sy) ? T("compare",
	    "title_year_before", "So sánh với cùng kỳ năm trước") :
	    sp && !sy ? T("compare", "title_previous", "So sánh với kỳ "
	    "trước") : T(sec, "title", "So sánh"));
	if (!sp && !sy) {
		para(&ST_BODY, once ? T("compare", "none_year_before", "Chưa "
		    "có số liệu cùng kỳ năm trước để so sánh.") : T("compare",
		    "none", "Chưa có số liệu của kỳ trước và cùng kỳ năm trước "
		    "để so sánh."));
		pdfdoc_space(G.doc, 3);
		goto out;
	}
	head[0] = T("compare", "indicator", "Chỉ tiêu (toàn cơ quan)");
	head[1] = T("compare", "current", "Kỳ này");
	head[2] = sp ? hp : hy;
	head[3] = T("compare", "change", "Tăng (+), giảm (-)");
	head[4] = hy;
	head[5] = T("compare", "change", "Tăng (+), giảm (-)");
	if (!sp || !sy) {	/* one period's columns only */
		w[0] = 4.4;
		w[2] = 2.4;
		w[3] = 2.6;
	}
	tbl_begin(sp && sy ? 6 : 4, w, al, TABLE_PT, head);
	for (i = 0; i < n; i++) {
		struct item *it = set_find(&G.ind, "*", cols[i]);
		char b[5][VNFMT_BUFSZ];
		const char *cells[6];
		double v = it ? it->v : NAN, p = it ? it->prev : NAN;
		double y = it ? it->yoy : NAN;

		cells[0] = T(sec, cols[i], cols[i]);
		cells[1] = fmt_ind("*", cols[i], v, b[0]);
		cells[2] = fmt_value(cols[i], p, b[1]);
		cells[3] = compare_delta(v, p, cells[1], cells[2], b[2]);
		cells[4] = fmt_value(cols[i], y, b[3]);
		cells[5] = compare_delta(v, y, cells[1], cells[4], b[4]);
		if (!sp) {
			cells[2] = cells[4];
			cells[3] = cells[5];
		}
		table_row(&nrows, cells, PF_REGULAR);
	}
	/* the note stays on the page of the table's last rows */
	if ((note = compare_note(cols, n, sp, sy)) != NULL)
		tbl_tail(pdfdoc_text_height(G.doc, &ST_NOTE, PDF_BODY_W,
		    note));
	tbl_end();
	if (note != NULL)
		pdfdoc_para(G.doc, &ST_NOTE, note);
	pdfdoc_space(G.doc, 3);
out:
	free(note);
	free(pt); free(yt); free(hp); free(hy);
	free(cols);
	free(cols_s);
	return n;
}

static int
block_pareto(const char *table, int number)
{
	const char *head[4];
	double w[4] = { 4, 1.5, 1.5, 1.8 };
	enum pdf_align al[4] = { PA_LEFT, PA_CENTER, PA_CENTER, PA_CENTER };
	char sec[64], lsec[64];
	const char **labels;
	double *counts, *cums, total = 0;
	int i, n = 0;

	snprintf(sec, sizeof(sec), "pareto.%s", table);
	snprintf(lsec, sizeof(lsec), "%s_labels", table);
	labels = xcalloc((size_t)G.npareto + 1, sizeof(*labels));
	counts = xcalloc((size_t)G.npareto + 1, sizeof(double));
	cums = xcalloc((size_t)G.npareto + 1, sizeof(double));
	for (i = 0; i < G.npareto; i++)
		if (strcmp(G.pareto[i].table, table) == 0) {
			labels[n] = T(lsec, G.pareto[i].category,
			    G.pareto[i].category);
			counts[n] = G.pareto[i].count;
			cums[n] = G.pareto[i].cum;
			total += isnan(counts[n]) ? 0 : counts[n];
			n++;
		}
	if (n > 0 && !(total > 0)) {
		/* nothing to classify: a sentence, not a table of zeros,
		 * unless the section said so already */
		if (!said_none)
			para(&ST_BODY, none_text(sec));
	} else if (n > 0) {
		int nrows = 0;

		heading(&ST_H3, T(sec, "title", "Pareto"));
		head[0] = T(sec, "category", "Loại");
		head[1] = T(sec, "count", "Số lượng");
		head[2] = T(sec, "share", "Tỷ lệ");
		head[3] = T(sec, "cumulative", "Tỷ lệ tích lũy");
		tbl_begin(4, w, al, TABLE_PT, head);
		for (i = 0; i < G.npareto; i++) {
			char b[3][VNFMT_BUFSZ];
			const char *cells[4];
			const struct pareto *p = &G.pareto[i];

			if (strcmp(p->table, table) != 0)
				continue;
			cells[0] = T(lsec, p->category, p->category);
			cells[1] = fmt_value("count", p->count, b[0]);
			cells[2] = fmt_value("share", p->share, b[1]);
			cells[3] = fmt_value("share", p->cum, b[2]);
			table_row(&nrows, cells, PF_REGULAR);
		}
		tbl_end();
		pdfdoc_space(G.doc, 3);
		if (strcmp(T(sec, "chart", "yes"), "yes") == 0) {
			flush_headings(85);
			pdfdoc_chart_pareto(G.doc, T(sec, "chart_title",
			    "Biểu đồ Pareto"), n, labels, counts, cums, 55,
			    T(sec, "legend", "Số lượng|Tỷ lệ tích lũy|Mức 80%"));
		}
	}
	free(labels);
	free(counts);
	free(cums);
	return n;
}

/* t with each "{months}" replaced by n and "{rate}" by rate; owned. */
static char *
pchart_text(const char *t, int n, const char *rate)
{
	char nb[16];

	snprintf(nb, sizeof(nb), "%d", n);
	return fill2(t, "months", nb, "rate", rate);
}

#define PCHART_MM	50	/* a p-chart's plot, high */

/* One indicator's months of the p-chart, as the analysis gave them. */
struct pseries {
	const char	**labels;	/* "10/24"; owned */
	double		 *p, *lcl, *ucl, center;
	int		 *out, n;
	int		  nout;		/* months outside the limits */
	struct sbuf	  outside;	/* those months, with their rates */
};

/* The series of indicator; pseries_free() releases it. */
static void
pseries_read(struct pseries *s, const char *indicator)
{
	char b[VNFMT_BUFSZ], pb[VNFMT_BUFSZ];
	int i;

	memset(s, 0, sizeof(*s));
	s->center = NAN;
	s->labels = xcalloc((size_t)G.npch + 1, sizeof(*s->labels));
	s->p = xcalloc((size_t)G.npch + 1, sizeof(double));
	s->lcl = xcalloc((size_t)G.npch + 1, sizeof(double));
	s->ucl = xcalloc((size_t)G.npch + 1, sizeof(double));
	s->out = xcalloc((size_t)G.npch + 1, sizeof(int));
	for (i = 0; i < G.npch; i++) {
		const struct pchart *c = &G.pch[i];

		if (strcmp(c->indicator, indicator) != 0)
			continue;
		/* MM/YYYY, as a month is written in the documents; "09/24"
		 * had a two-digit year (and reads as a day and month) */
		s->labels[s->n] = xasprintf("%02d/%04d", month_mon(c->month),
		    month_year(c->month));
		s->p[s->n] = c->p;
		s->lcl[s->n] = c->lcl;
		s->ucl[s->n] = c->ucl;
		s->out[s->n] = c->out;
		if (!isnan(c->center))
			s->center = c->center;
		if (c->out) {
			/* the period's own month: its figure as elsewhere */
			sbuf_printf(&s->outside, "%s%s (%s)", s->nout ? ", " :
			    "", vn_month(c->month, b), G.first_month ==
			    c->month && G.last_month == c->month ?
			    fmt_ind("*", indicator, c->p, pb) :
			    vn_rate(c->p, 0, pb));
			s->nout++;
		}
		s->n++;
	}
}

static void
pseries_free(struct pseries *s)
{
	int i;

	for (i = 0; i < s->n; i++)
		free((char *)s->labels[i]);
	free(s->labels);
	free(s->p);
	free(s->lcl);
	free(s->ucl);
	free(s->out);
	sbuf_release(&s->outside);
}

/* How many months of s have a rate. */
static int
pseries_months(const struct pseries *s)
{
	int i, any = 0;

	for (i = 0; i < s->n; i++)
		any += !isnan(s->p[i]);
	return any;
}

/*
 * One month, or every month at 0 % (100 %): limits of nothing, a flat
 * line; said in a sentence instead.
 */
static void
pchart_sentence(const struct pseries *s, int any)
{
	char pb[VNFMT_BUFSZ];
	char *t = pchart_text(any < 2 ? T("pchart", "few", "Chưa đủ số liệu "
	    "các tháng để vẽ biểu đồ kiểm soát (có số liệu {months} tháng).") :
	    T("pchart", "flat", "Trong {months} tháng có số liệu, tỷ lệ đều là "
	    "{rate}: không có biến động để vẽ biểu đồ kiểm soát."), any,
	    vn_rate(s->center, 0, pb));

	para(&ST_NOTE, t);
	free(t);
}

/* The sentence under the chart: the months outside the limits, or none. */
static char *
pchart_note(const struct pseries *s, int any)
{
	if (s->nout > 0)
		return xasprintf("%s %s.", T("pchart", "outside", "Tháng nằm "
		    "ngoài giới hạn kiểm soát (cần tìm nguyên nhân):"),
		    sbuf_str(&s->outside));
	return pchart_text(T("pchart", "inside", "Trong {months} tháng có số "
	    "liệu, không có tháng nào nằm ngoài giới hạn kiểm soát."), any, "");
}

/*
 * The chart from the first month with data to the last (a new agency's or
 * a range's early months have none, a month of a cut-off not yet sent
 * neither); the sentence under it stays on its page.
 */
static void
pchart_drawn(const struct pseries *s, const char *indicator, int any)
{
	int f = 0, l = s->n - 1;
	double need;
	char sec[96], *title, *note;

	while (isnan(s->p[f]))
		f++;
	while (isnan(s->p[l]))
		l--;
	snprintf(sec, sizeof(sec), "pchart.%s", indicator);
	/* "{months} tháng gần nhất": the months drawn */
	title = pchart_text(T(sec, "title", "Biểu đồ p"), l - f + 1, "");
	note = pchart_note(s, any);
	need = PCHART_MM + PDF_PCHART_EXTRA + pdfdoc_text_height(G.doc,
	    &ST_NOTE, PDF_BODY_W, note);
	flush_headings(need);
	pdfdoc_ensure(G.doc, need);
	pdfdoc_chart_pchart(G.doc, title, l - f + 1, s->labels + f, s->p + f,
	    s->center, s->lcl + f, s->ucl + f, s->out + f, PCHART_MM,
	    T("pchart", "legend", "Tỷ lệ tháng|Đường tâm|Giới hạn kiểm soát "
	    "(±3σ)|Ngoài giới hạn"));
	para(&ST_NOTE, note);
	free(note);
	free(title);
}

/* The p-chart of indicator, or a sentence when it would show nothing. */
static int
block_pchart(const char *indicator, int number)
{
	struct pseries s;
	int any, n;

	pseries_read(&s, indicator);
	any = pseries_months(&s);
	if (any > 0 && (any < 2 || s.center == 0 || s.center == 1))
		pchart_sentence(&s, any);
	else if (any > 0)
		pchart_drawn(&s, indicator, any);
	n = s.n;
	pseries_free(&s);
	return n;
}

/* Satisfaction by unit against each unit's target. */
static int
block_satisfaction_chart(const char *arg, int number)
{
	struct pdf_bar *bars;
	const struct objective *obj = NULL;
	struct pdf_style lab = { .face = PF_REGULAR, .size = PDF_BAR_LABEL_PT,
	    .align = PA_RIGHT, .leading = 1.15 };
	char *texts;
	int i, n = 0;

	for (i = 0; i < G.cfg.nobjectives; i++)
		if (strcmp(G.cfg.objectives[i].indicator,
		    "satisfaction.rate") == 0) {
			obj = &G.cfg.objectives[i];
			break;
		}
	bars = xcalloc((size_t)G.nunits + 1, sizeof(*bars));
	texts = xcalloc((size_t)G.nunits + 1, VNFMT_BUFSZ);
	for (i = 0; i <= G.nunits; i++) {
		const char *code = i < G.nunits ? G.units[i].code : "*";
		double v = ind(code, "satisfaction.rate");

		if (isnan(v))
			continue;
		/* broken as a recipient is: "Trung tâm Văn hóa, Thông
		 * tin, / Thể thao và Du lịch huyện" */
		bars[n].label = mixed_lines(&lab, PDF_BAR_LABEL_W,
		    unit_name(code), 2);
		bars[n].value = v;
		/* as the tables print it */
		bars[n].text = fmt_ind(code, "satisfaction.rate", v,
		    texts + (size_t)n * VNFMT_BUFSZ);
		bars[n].target = NAN;
		if (obj != NULL) {
			char key[256];

			snprintf(key, sizeof(key), "objective.%s.target",
			    obj->name);
			bars[n].target = ind(code, key);
			if (isnan(bars[n].target) &&
			    objective_lists(obj, code))
				bars[n].target = objective_target(obj, code);
		}
		n++;
	}
	for (i = 0; i < n && isnan(bars[i].target); i++)
		;
	if (n > 0) {
		flush_headings(n * 6 + 30);
		/* no unit with a target: a title "so với mục tiêu" over bars
		 * that have none had the reader look for them */
		pdfdoc_chart_bars(G.doc, i < n ? T("chart.satisfaction",
		    "title", "Tỷ lệ hài lòng theo đơn vị so với mục tiêu") :
		    T("chart.satisfaction", "title_no_target", "Tỷ lệ hài "
		    "lòng theo đơn vị"), n, bars,
		    T("chart.satisfaction", "legend_value", "Tỷ lệ hài lòng"),
		    T("chart.satisfaction", "legend_target",
		    "Mục tiêu chất lượng của đơn vị"));
	}
	for (i = 0; i < n; i++)
		free((char *)bars[i].label);
	free(bars);
	free(texts);
	return n;
}

/*
 * The note on the units whose satisfaction rate rests on fewer than 30
 * responses, or NULL when there is none. The caller frees it.
 */
static char *
lowsample_text(void)
{
	struct sbuf sb = SBUF_INIT;
	char b[VNFMT_BUFSZ], *s;
	int i;

	if (G.nlowsample == 0)
		return NULL;
	for (i = 0; i < G.nlowsample; i++) {
		const struct lowsample *l = &G.lowsample[i];

		sbuf_printf(&sb, "%s%s (%s)", i ? ", " : "", unit_name(l->unit),
		    isnan(l->responses) ? "-" : vn_int((long long)l->responses,
		    b));
	}
	s = xasprintf("%s %s.", T("lowsample", "text", "Lưu ý: tỷ lệ hài lòng "
	    "của các đơn vị sau dựa trên dưới 30 phiếu nên độ tin cậy thấp:"),
	    sbuf_str(&sb));
	sbuf_release(&sb);
	return s;
}

static int
block_lowsample(const char *arg, int number)
{
	char *s = lowsample_text();

	if (s == NULL)
		return 0;
	para(&ST_NOTE, s);
	free(s);
	return 1;
}

static int
block_text(const char *key, int number)
{
	para(&ST_BODY, T("text", key, ""));
	return 1;
}

/*
 * The blocks a template lists: the name, or its start when it ends with
 * '.' (the rest is the block's argument); numbered: the block takes the
 * next number (tables and objectives only in BM.07.01) when it draws.
 */
enum { NUM_NONE, NUM_BM, NUM_ALWAYS };
static const struct {
	const char	*name;
	int		 (*fn)(const char *arg, int number);
	int		 numbered;
	int		 whole;		/* the argument is the whole name */
} blocks[] = {
	{ "table.", block_table, NUM_BM, 1 },
	{ "objectives", block_objectives, NUM_BM, 0 },
	{ "narrative", block_narrative, NUM_ALWAYS, 0 },
	{ "submission", block_submission, NUM_NONE, 0 },
	{ "compare.", block_compare, NUM_NONE, 1 },
	{ "pareto.", block_pareto, NUM_NONE, 0 },
	{ "pchart.", block_pchart, NUM_NONE, 0 },
	{ "chart.satisfaction", block_satisfaction_chart, NUM_NONE, 0 },
	{ "lowsample", block_lowsample, NUM_NONE, 0 },
	{ "text.", block_text, NUM_NONE, 0 },
};

/* The block named x, or -1; *arg its argument. */
static int
block_find(const char *x, const char **arg)
{
	size_t i, n;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
		n = strlen(blocks[i].name);
		if (blocks[i].name[n - 1] == '.' ?
		    strncmp(x, blocks[i].name, n) != 0 :
		    strcmp(x, blocks[i].name) != 0)
			continue;
		*arg = blocks[i].whole ? x : x + n;
		return (int)i;
	}
	return -1;
}

/*
 * Runs the blocks listed in the template value list ("table.tasks,
 * objectives, ..."), numbering tables from *number.
 */
static void
run_blocks(const char *list, int *number)
{
	char *s = xstrdup(list), **b, *note;
	int n = split_list(s, &b), i, k, num;
	const char *arg;

	for (i = 0; i < n; i++) {
		if ((k = block_find(b[i], &arg)) < 0)
			continue;	/* not reached: lint_blocks refused it */
		/* a table keeps the low-sample note after it on its page */
		block_tail = 0;
		if (i + 1 < n && strcmp(b[i + 1], "lowsample") == 0 &&
		    (note = lowsample_text()) != NULL) {
			block_tail = pdfdoc_text_height(G.doc, &ST_NOTE,
			    PDF_BODY_W, note);
			free(note);
		}
		/* BM: the low-sample note under the form's last band */
		if (blocks[k].fn != block_table)
			bm_note_flush();
		num = blocks[k].numbered == NUM_BM && G.kind != K_BM ? 0 :
		    *number;
		if (blocks[k].fn(arg, num) && blocks[k].numbered != NUM_NONE)
			(*number)++;
	}
	block_tail = 0;
	bm_note_flush();
	free(b);
	free(s);
}

/* ---- checking the templates before anything is drawn ---- */

/* BM.07.01's blocks when bm.ini lists none. */
#define BM_BLOCKS "table.tasks, table.dossiers, table.documents, " \
	"table.errors, table.satisfaction, table.actions, table.complaints, " \
	"objectives, narrative"

/* The analysis file's Pareto tables and p-charts (docs/FORMATS.md). */
static const char *const pareto_tables[] = { "errors", "complaints", NULL };
static const char *const pchart_names[] = { "satisfaction.rate",
	"errors.rate", NULL };

/* Keys of [table.X] and [compare.X] besides indicator column labels. */
static const char *const table_keys[] = { "title", "columns", "require",
	"none", "unit_width", "widths", "lowsample_column", "lowsample_mark",
	"lowsample_note", "optional", "none_sent", "absent_note", NULL };
static const char *const compare_keys[] = { "title", "columns", NULL };

/* Whether name is in the NULL-terminated list. */
static int
in_list(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/* The template that holds sec:key (the kind's, else common.ini's); *line. */
static const struct tmpl *
tmpl_of(const char *sec, const char *key, long *line)
{
	if ((*line = tmpl_line(G.t, sec, key)) > 0 ||
	    (*line = tmpl_line(G.common, sec, key)) == 0)
		return G.t;
	return G.common;
}

/* An error about sec:key at its line, naming the template file. */
static void
lint_error(const char *sec, const char *key, const char *fmt, ...)
{
	long line;
	const struct tmpl *t = tmpl_of(sec, key, &line);
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_errorat(tmpl_path(t), line, 0, "[%s] %s: %s", sec, key, msg);
}

/*
 * Whether name is an indicator: SPEC §6's, or objective.<name>.value,
 * .target or .met of an objective of config/objectives.ini.
 */
static int
lint_known(const char *name)
{
	char obj[128];

	return indicator_known(name) || (indicator_objective(name, obj,
	    sizeof(obj)) != NULL && objective_by_name(obj) != NULL);
}

/* The indicator nearest to a misspelt name, or NULL; static storage. */
static const char *
lint_nearest(const char *name)
{
	static char best[256];
	const char **cands;
	const char *near;
	int i, k, n = 0, nparts = 0;

	if (strncmp(name, "objective.", 10) != 0)
		return indicator_nearest(name);
	/* every indicator of every objective */
	while (objective_parts[nparts] != NULL)
		nparts++;
	cands = xcalloc((size_t)(G.cfg.nobjectives * nparts) + 1,
	    sizeof(*cands));
	for (i = 0; i < G.cfg.nobjectives; i++)
		for (k = 0; objective_parts[k] != NULL; k++)
			cands[n++] = xasprintf("objective.%s.%s",
			    G.cfg.objectives[i].name, objective_parts[k]);
	near = suggest_nearest(name, strlen(name), cands);
	snprintf(best, sizeof(best), "%s", near != NULL ? near : "");
	for (i = 0; i < n; i++)
		free((char *)cands[i]);
	free(cands);
	return best[0] != '\0' ? best : NULL;
}

/* Each name of the list sec:key that is not an indicator; their number. */
static int
lint_indicators(const char *sec, const char *key)
{
	char *s = xstrdup(T(sec, key, "")), **v;
	int n = split_list(s, &v), i, bad = 0;

	for (i = 0; i < n; i++) {
		if (lint_known(v[i]))
			continue;
		lint_error(sec, key, "'%s' is not an indicator (SPEC §6 or "
		    "an objective's)%s", v[i], suggest_phrase(lint_nearest(v[i])));
		bad++;
	}
	free(v);
	free(s);
	return bad;
}

/*
 * [table.X] and [compare.X] of both templates: their indicator lists, and
 * keys that are neither theirs nor an indicator's column label (a
 * misspelt label key would leave the indicator's name as the heading).
 */
static int
lint_tables(const struct tmpl *t)
{
	size_t n, i;
	const struct tmpl_item *it = tmpl_items(t, &n);
	int bad = 0;

	for (i = 0; i < n; i++) {
		const char *sec = it[i].sec, *key = it[i].key;
		int table = strncmp(sec, "table.", 6) == 0;
		const char *const *keys = table ? table_keys : compare_keys;

		if (!table && strncmp(sec, "compare.", 8) != 0)
			continue;
		if (key == NULL) {
			if (*T(sec, "columns", "") == '\0') {
				diag_errorat(tmpl_path(t), it[i].line, 0,
				    "[%s] has no columns", sec);
				bad++;
			}
			continue;
		}
		if (strcmp(key, "columns") == 0 || strcmp(key, "require") == 0)
			bad += lint_indicators(sec, key);
		if (in_list(keys, key) || lint_known(key))
			continue;
		{
			const char *near = suggest_nearest(key, strlen(key), keys);

			diag_errorat(tmpl_path(t), it[i].line, 0, "[%s] unknown "
			    "key '%s'%s", sec, key, suggest_phrase(near != NULL ?
			    near : lint_nearest(key)));
		}
		bad++;
	}
	return bad;
}


/*
 * The keys each wording section of a PDF template may hold (docs/PDF.md).
 * T() falls back to its built-in wording for a key it does not find, so a
 * misspelt key would be silently ignored: lint_wording() refuses it. The
 * golden case tests/cases/baocao-pdf/0010-wording-table-covers-source
 * holds this table to the T() calls of this file.
 */
static const char *const labels_keys[] = { "organization", "unit_column",
	"absent", "missing", "no_months", "no_sheets", "window",
	"errors_rate_note", NULL };
static const char *const header_keys[] = { "motto", "motto2", "number",
	"doc_type", "keep_together", "levels", "break_before", NULL };
static const char *const closing_keys[] = { "recipients", "archive",
	"signature_space_mm", NULL };
static const char *const objectives_keys[] = { "title", "code", "objective",
	"target", "value", "value_org", "met", "yes", "no", "no_data", "by_unit",
	"matrix_title", "matrix_none", "matrix_note", "none_for_unit", NULL };
static const char *const narrative_keys[] = { "title", "none",
	"several_months", "month", "without", NULL };
static const char *const pchart_keys[] = { "legend", "outside", "inside",
	"flat", "few", NULL };
static const char *const lowsample_keys[] = { "text", NULL };
static const char *const doc_keys[] = { "title", "subject", "doc_title",
	"doc_subject", NULL };
static const char *const improvement_keys[] = { "title", "subject",
	"doc_title", "doc_subject", "summary_title", "units_title",
	"open_title", "open_earlier", "no_open", "no_units", "metric",
	"value", "received", "to_qmr", "assigned", "implemented", "rejected", "pending", "notified",
	"notified_rate", "days_mean", "days_median", "col_received",
	"col_to_qmr", "col_implemented", "col_rejected", "col_pending",
	"col_notified", "col_no", "col_date", "col_content", "col_assignee",
	"col_status",
	/* "status_" and an open state of the list (improvement_open()) */
	"status_moi", "status_dang_xem_xet", "status_dang_thuc_hien", NULL };
static const char *const submission_keys[] = { "expected", "submitted",
	"missing_count", "incomplete_count", "final_missing", "status", "note",
	/* "status_" and a unit's status in the analysis (struct unitrow) */
	"status_submitted", "status_incomplete", "status_missing",
	"status_register", "months_missing", "revision", "active_from",
	"active_to", "range_months", "range_mixed", "range_window",
	"range_no_months", NULL };
static const char *const layout_keys[] = { "body_pt", "heading_pt",
	"table_pt", "table_header_pt", "table_pad_h_mm", "table_pad_v_mm",
	"table_leading", "table_fit", "section_column_mm", "section_gap_mm",
	"heading_space_mm", "body_leading", "paragraph_space_mm", "header_pt",
	"title_pt", "subtitle_pt", "signature_pt", "header_space_mm",
	"title_space_mm", "keep_table_mm", "keep_rows", "keep_last_rows", NULL };
static const char *const bm_keys[] = { "form_code", "title",
	"show_subtitle", "subtitle", "procedure", "doc_subject", "prepared_by",
	"head_title", "signature_space_mm", "blocks", NULL };
static const char *const compare_wording_keys[] = { "indicator", "current",
	"previous", "year_before", "change", "title_year_before",
	"title_previous", "none", "none_year_before", "range_months",
	"range_current", "range_previous", "range_year_before", "range_month",
	"range_no_months", "missing_note", NULL };
static const char *const pareto_keys[] = { "title", "none", "none_sent",
	"category", "count", "share", "cumulative", "chart", "chart_title",
	"legend", NULL };
static const char *const chart_keys[] = { "title", "title_no_target",
	"legend_value", "legend_target", NULL };
static const char *const pchart_one_keys[] = { "title", NULL };
static const char *const section_keys[] = { "blocks", NULL };
/* the sheet's [narrative] keys (schema.c), filled by wording_parts() */
static const char *narrative_parts[SHEET_KEYS_MAX + 1];
static const char *const chart_names[] = { "satisfaction", NULL };

/*
 * A section name, or a family "prefix." whose names are the prefix and
 * one of names; keys NULL: any key ([text] and [sections] name blocks and
 * sections, checked by lint_blocks() and lint_templates()).
 */
static const struct wording_section {
	const char		*sec;
	const char *const	*names;
	const char *const	*keys;
} wording_sections[] = {
	{ "labels", NULL, labels_keys },
	{ "header", NULL, header_keys },
	{ "closing", NULL, closing_keys },
	{ "objectives", NULL, objectives_keys },
	{ "narrative", NULL, narrative_keys },
	{ "narrative_labels", NULL, narrative_parts },
	{ "errors_labels", NULL, error_types },
	{ "complaints_labels", NULL, complaint_channels },
	{ "pchart", NULL, pchart_keys },
	{ "lowsample", NULL, lowsample_keys },
	{ "report", NULL, doc_keys },
	{ "improvement", NULL, improvement_keys },
	{ "submission", NULL, submission_keys },
	{ "layout", NULL, layout_keys },
	{ "bm", NULL, bm_keys },
	{ "compare", NULL, compare_wording_keys },
	{ "text", NULL, NULL },
	{ "sections", NULL, NULL },
	{ "section.", NULL, section_keys },
	{ "pareto.", pareto_tables, pareto_keys },
	{ "pchart.", pchart_names, pchart_one_keys },
	{ "chart.", chart_names, chart_keys },
};
#define NWORDING (sizeof(wording_sections) / sizeof(wording_sections[0]))

/* Fills narrative_parts from the sheet's schema, once. */
static void
wording_parts(void)
{
	int i, n = 0;

	if (narrative_parts[0] != NULL)
		return;
	for (i = 0; i < nsheet_keys; i++)
		if (strcmp(sheet_keys[i].section, "narrative") == 0)
			narrative_parts[n++] = sheet_keys[i].key;
}

/* The entry of wording_sections for section sec, or NULL. */
static const struct wording_section *
wording_find(const char *sec)
{
	const struct wording_section *w;
	size_t i, n;

	for (i = 0; i < NWORDING; i++) {
		w = &wording_sections[i];
		n = strlen(w->sec);
		if (w->sec[n - 1] != '.' ? strcmp(sec, w->sec) == 0 :
		    strncmp(sec, w->sec, n) == 0 && (w->names == NULL ||
		    in_list(w->names, sec + n)))
			return w;
	}
	return NULL;
}

/*
 * The known section nearest to sec, or NULL; static storage. The report's
 * [section.X] are those of the keys X of [sections] (secs, ns).
 */
static const char *
wording_nearest_section(const char *sec, char **secs, int ns)
{
	static char best[128];
	char **own = NULL;
	const char **cands, *near;
	size_t i, k, n = 0, no = 0;

	/* each family "prefix." as its names, secs as "section.X" */
	for (i = 0; i < NWORDING; i++)
		for (k = 0; wording_sections[i].names != NULL &&
		    wording_sections[i].names[k] != NULL; k++) {
			own = xrealloc(own, (no + 1) * sizeof(*own));
			own[no++] = xasprintf("%s%s", wording_sections[i].sec,
			    wording_sections[i].names[k]);
		}
	for (k = 0; k < (size_t)ns; k++) {
		own = xrealloc(own, (no + 1) * sizeof(*own));
		own[no++] = xasprintf("section.%s", secs[k]);
	}
	cands = xcalloc(NWORDING + no + 1, sizeof(*cands));
	for (i = 0; i < NWORDING; i++)
		if (wording_sections[i].names == NULL)
			cands[n++] = wording_sections[i].sec;
	for (i = 0; i < no; i++)
		cands[n++] = own[i];
	near = suggest_nearest(sec, strlen(sec), cands);
	snprintf(best, sizeof(best), "%s", near != NULL ? near : "");
	free(cands);
	free_strv(own, (int)no);
	return best[0] != '\0' ? best : NULL;
}

/* Adds to v (n strings) the X of each block text.X of the block list. */
static char **
text_blocks(char **v, int *n, const char *list)
{
	char *s = xstrdup(list), **b;
	int nb = split_list(s, &b), k;

	for (k = 0; k < nb; k++)
		if (strncmp(b[k], "text.", 5) == 0) {
			v = xrealloc(v, (size_t)(*n + 2) * sizeof(*v));
			v[(*n)++] = xstrdup(b[k] + 5);
		}
	free(b);
	free(s);
	return v;
}

/*
 * The keys of [text] this document reads: "intro" and "closing" (the
 * report and the improvement summary) and the X of each block text.X of
 * its block lists; a NULL-terminated array the caller frees (free_strv).
 */
static int
text_keys(char ***out)
{
	char **v = xcalloc(3, sizeof(*v)), **secs;
	int n = 0, ns, i;

	if (G.kind == K_BM)
		v = text_blocks(v, &n, T("bm", "blocks", BM_BLOCKS));
	else {
		v[n++] = xstrdup("intro");
		v[n++] = xstrdup("closing");
	}
	if (G.kind == K_REPORT) {
		ns = keys_of("sections", &secs);
		for (i = 0; i < ns; i++) {
			char sec[128];

			snprintf(sec, sizeof(sec), "section.%s", secs[i]);
			v = text_blocks(v, &n, T(sec, "blocks", ""));
		}
		free_strv(secs, ns);
	}
	v[n] = NULL;
	*out = v;
	return n;
}

/*
 * Every section of t that is neither a table's ([table.X], [compare.X]:
 * lint_tables) nor a known wording section, and every key a wording
 * section does not have, as errors at their lines; their number. A
 * [section.X] is read only for a key X of [sections], and only by the
 * report: one of the document's own template that no key names (a
 * misspelt [section.erorrs]) is as unknown as [hedaer]; in common.ini,
 * which every document reads, only the report can tell.
 */
static int
lint_wording(const struct tmpl *t)
{
	size_t n, i;
	const struct tmpl_item *it = tmpl_items(t, &n);
	const struct wording_section *w;
	char **secs, **texts;
	int bad = 0, ns = keys_of("sections", &secs), nt = text_keys(&texts);

	wording_parts();

	for (i = 0; i < n; i++) {
		const char *sec = it[i].sec, *key = it[i].key;

		if (strncmp(sec, "table.", 6) == 0 ||
		    strncmp(sec, "compare.", 8) == 0)
			continue;	/* lint_tables' */
		w = wording_find(sec);
		if (w != NULL && key == NULL &&
		    strncmp(sec, "section.", 8) == 0 &&
		    (t == G.t || G.kind == K_REPORT) &&
		    !in_list((const char *const *)secs, sec + 8))
			w = NULL;
		if (w == NULL && key == NULL) {
			diag_errorat(tmpl_path(t), it[i].line, 0, "unknown "
			    "section [%s]%s", sec, suggest_phrase(
			    wording_nearest_section(sec, secs, ns)));
			bad++;
		}
		/*
		 * [text] takes the keys its document reads (text_keys):
		 * a misspelt 'intor' would drop the opening paragraph
		 * without a word. Only the document's own template: one
		 * in common.ini may be another document's.
		 */
		if (w != NULL && key != NULL && strcmp(sec, "text") == 0 &&
		    t == G.t && !in_list((const char *const *)texts, key)) {
			diag_errorat(tmpl_path(t), it[i].line, 0, "[%s] "
			    "unknown key '%s'%s", sec, key, suggest_phrase(
			    suggest_nearest(key, strlen(key),
			    (const char *const *)texts)));
			bad++;
			continue;
		}
		if (w == NULL || key == NULL || w->keys == NULL ||
		    in_list(w->keys, key))
			continue;
		diag_errorat(tmpl_path(t), it[i].line, 0, "[%s] unknown key "
		    "'%s'%s", sec, key, suggest_phrase(suggest_nearest(key,
		    strlen(key), w->keys)));
		bad++;
	}
	free_strv(secs, ns);
	free_strv(texts, nt);
	return bad;
}

/* The names a block list may hold, for "did you mean"; NULL-terminated. */
static char **
block_names(void)
{
	const struct tmpl *ts[2] = { G.t, G.common };
	char **v = NULL;
	size_t n = 0, i, k, j;

	/* the blocks without an argument */
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (blocks[i].name[strlen(blocks[i].name) - 1] != '.') {
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = xstrdup(blocks[i].name);
		}
	for (i = 0; pareto_tables[i] != NULL; i++) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = xasprintf("pareto.%s", pareto_tables[i]);
	}
	for (i = 0; pchart_names[i] != NULL; i++) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = xasprintf("pchart.%s", pchart_names[i]);
	}
	for (k = 0; k < 2; k++) {
		const struct tmpl_item *it = tmpl_items(ts[k], &j);

		for (i = 0; i < j; i++) {
			const char *sec = it[i].sec;

			if (it[i].key == NULL ? strncmp(sec, "table.", 6) != 0 &&
			    strncmp(sec, "compare.", 8) != 0 :
			    strcmp(sec, "text") != 0)
				continue;
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n++] = it[i].key == NULL ? xstrdup(sec) :
			    xasprintf("text.%s", it[i].key);
		}
	}
	v = xrealloc(v, (n + 1) * sizeof(*v));
	v[n] = NULL;
	return v;
}

/* What is wrong with block b of a list (NULL: nothing); static text. */
static const char *
block_problem(const char *b, char *buf, size_t size)
{
	const char *arg;
	int k = block_find(b, &arg);

	if (k < 0)
		return "unknown block";
	/* a [table.X] or [compare.X] without columns is lint_tables' */
	if ((blocks[k].fn == block_table || blocks[k].fn == block_compare) &&
	    tmpl_line(G.t, arg, NULL) == 0 && tmpl_line(G.common, arg, NULL) == 0)
		snprintf(buf, size, "no section [%s]", arg);
	else if (blocks[k].fn == block_pareto && !in_list(pareto_tables, arg))
		snprintf(buf, size, "no Pareto table '%s' (errors, complaints)",
		    arg);
	else if (blocks[k].fn == block_pchart && !in_list(pchart_names, arg))
		snprintf(buf, size, "no p-chart of '%s' (satisfaction.rate, "
		    "errors.rate)", arg);
	else if (blocks[k].fn == block_text && T("text", arg, NULL) == NULL)
		snprintf(buf, size, "no key '%s' in [text]", arg);
	else
		return NULL;
	return buf;
}

/* The blocks of the list sec:key (def when absent); errors, counted. */
static int
lint_blocks(const char *sec, const char *key, const char *def)
{
	char *s = xstrdup(T(sec, key, def)), **v, **names = block_names();
	int n = split_list(s, &v), i, bad = 0;
	char buf[256];

	for (i = 0; i < n; i++) {
		const char *why = block_problem(v[i], buf, sizeof(buf));

		if (why == NULL)
			continue;
		lint_error(sec, key, "'%s': %s%s", v[i], why, suggest_phrase(
		    in_list((const char *const *)names, v[i]) ? NULL :
		    suggest_nearest(v[i], strlen(v[i]),
		    (const char *const *)names)));
		bad++;
	}
	for (i = 0; names[i] != NULL; i++)
		free(names[i]);
	free(names);
	free(v);
	free(s);
	return bad;
}

/*
 * Checks the templates of this document: a name written twice, block
 * lists, table and comparison columns. Every mistake is reported at its
 * file and line; returns their number (nothing is drawn when not 0).
 */
static int
lint_templates(void)
{
	/* the "{...}" that pchart_text(), range_window(), window_line() and
	 * compare_note() fill */
	static const char *const fills[] = { "months", "rate", "from", "to",
	    "units", "earlier", NULL };
	int bad = tmpl_lint_repeats(G.common) + tmpl_lint_repeats(G.t);
	char **secs;
	int n, i;

	bad += lint_tables(G.t) + lint_tables(G.common);
	bad += lint_wording(G.t) + lint_wording(G.common);
	bad += tmpl_lint_placeholders(G.common, fills, NULL, NULL, NULL) +
	    tmpl_lint_placeholders(G.t, fills, NULL, NULL, NULL);
	if (G.kind == K_BM)
		return bad + lint_blocks("bm", "blocks", BM_BLOCKS);
	if (G.kind != K_REPORT)
		return bad;
	n = keys_of("sections", &secs);
	for (i = 0; i < n; i++) {
		char sec[128];

		snprintf(sec, sizeof(sec), "section.%s", secs[i]);
		if (*T(sec, "blocks", "") == '\0') {
			lint_error("sections", secs[i], "no [%s] with blocks",
			    sec);
			bad++;
		} else
			bad += lint_blocks(sec, "blocks", "");
	}
	free_strv(secs, n);
	return bad;
}

/* ---- the three documents ---- */

/* BM.07.01's sizes and spaces, from [layout] of bm.ini. */
struct bm_look {
	struct pdf_style reg, bold, code, title, sub, sh, sn, si;
	double gap_head, gap_title;
};

static void
bm_look(struct bm_look *k)
{
	static const struct pdf_style reg = { .face = PF_REGULAR, .size = 12,
	    .align = PA_CENTER, .leading = 1.15 };
	double hs = atof(T("layout", "header_pt", "12")), v;

	k->reg = k->bold = k->code = k->sh = k->sn = k->si = reg;
	k->bold.face = k->code.face = k->sh.face = k->sn.face = PF_BOLD;
	k->code.align = PA_RIGHT;
	k->si.face = PF_ITALIC;
	k->title = k->sub = reg;
	k->title.face = PF_BOLD;
	k->sub.face = PF_ITALIC;
	k->title.leading = k->sub.leading = 1.2;
	k->title.size = 14;
	k->sub.size = k->sh.size = k->sn.size = 13;
	if (hs >= 9 && hs <= 14)
		k->reg.size = k->bold.size = k->code.size = hs;
	if ((v = atof(T("layout", "title_pt", "14"))) >= 10 && v <= 16)
		k->title.size = v;
	if ((v = atof(T("layout", "subtitle_pt", "13"))) >= 9 && v <= 16)
		k->sub.size = v;
	if ((v = atof(T("layout", "signature_pt", "13"))) >= 9 && v <= 16)
		k->sh.size = k->sn.size = v;
	k->gap_head = atof(T("layout", "header_space_mm", "6"));
	k->gap_title = atof(T("layout", "title_space_mm", "4"));
	if (k->gap_head < 0 || k->gap_head > 20)
		k->gap_head = 6;
	if (k->gap_title < 0 || k->gap_title > 20)
		k->gap_title = 4;
	if (compact) {
		/* the header and signature titles, never the body text */
		k->gap_head *= 0.5;
		k->gap_title *= 0.5;
		k->reg.size -= 0.5 * compact;
		k->bold.size -= 0.5 * compact;
		k->code.size -= 0.5 * compact;
		k->title.size -= 0.5 * compact;
		k->sub.size -= 0.5 * compact;
		k->si.size -= 0.5 * compact;
		k->sh.size -= 0.5 * compact;
		k->sn.size -= 0.5 * compact;
	}
}

/*
 * The agency and the unit on the left, as wide as the form code on the
 * right allows, the unit in bold with a short rule under it; the title
 * and the line "(Kèm theo quy trình ...)".
 */
static void
bm_header(const struct bm_look *k)
{
	const char *fc = T("bm", "form_code", "BM.07.01");
	const struct unit *u = config_unit(&G.cfg, G.unit);
	char *agency = config_upper(G.cfg.name), *uname = config_upper(
	    u != NULL && u->name != NULL && *u->name ? u->name : G.unit);
	char *al, *ul, mb[VNFMT_BUFSZ], *t;
	double lw, y, yl, yr, w;

	lw = fmin(PDF_BODY_W - pdfdoc_text_width(G.doc, PF_BOLD,
	    k->code.size, fc) - 8, 135);
	al = header_lines(&k->reg, lw, agency);
	ul = header_lines(&k->bold, lw, uname);
	y = pdfdoc_y(G.doc);
	yl = pdfdoc_text_at(G.doc, &k->reg, 0, lw, y, al);
	yl = pdfdoc_text_at(G.doc, &k->bold, 0, lw, yl, ul);
	w = fmax(fmin(lines_width(PF_BOLD, k->bold.size, ul), lw) / 3, 15);
	pdfdoc_rule(G.doc, lw / 2 - w / 2, lw / 2 + w / 2, yl + 1.6, 0.6);
	yr = pdfdoc_text_at(G.doc, &k->code, lw, PDF_BODY_W - lw, y, fc);
	pdfdoc_set_y(G.doc, fmax(yl + 2.2, yr) + k->gap_head);
	t = xasprintf("%s %s", T("bm", "title",
	    "THỐNG KÊ TÌNH HÌNH THỰC HIỆN CÔNG TÁC THÁNG"),
	    vn_month(G.first_month, mb));
	pdfdoc_para(G.doc, &k->title, t);
	free(t);
	t = xasprintf("(%s %s)", T("bm", "subtitle", "Kèm theo quy trình"),
	    T("bm", "procedure",
	    "QT.07 - Thống kê, phân tích và cải tiến"));
	if (strcmp(T("bm", "show_subtitle", "yes"), "yes") == 0)
		pdfdoc_para(G.doc, &k->sub, t);
	free(t);
	if ((t = window_line()) != NULL)
		pdfdoc_para(G.doc, &k->sub, t);
	free(t);
	pdfdoc_space(G.doc, k->gap_title);
	free(agency);
	free(uname);
	free(al);
	free(ul);
}

/* mm between the date line and the signers' titles under it */
#define DATE_GAP	1.5
/* mm between a signer's name and the edge of its column */
#define NAME_INSET	2
/* pt: the least the names shrink to stay on one line (the tables' floor) */
#define NAME_MIN_PT	11

/*
 * The style of both signers' names, one size for the two so that a long
 * name never stands small beside a short one: the largest (up to st's) at
 * which each fits its column on one line; when that would be below
 * NAME_MIN_PT, st's size, and the long name wraps onto two lines of even
 * length, as a clerk's narrow column would show it.
 */
static struct pdf_style
bm_name_style(const struct pdf_style *st, double w, const char *a,
    const char *b)
{
	struct pdf_style one = *st;
	const char *nm[2] = { a, b };
	int i;

	for (i = 0; i < 2; i++)
		if (nm[i] != NULL)
			one.size = fmin(one.size, pdfdoc_fit_size(G.doc,
			    st->face, st->size, w - 1, nm[i]));
	if (one.size < fmin(NAME_MIN_PT, st->size))
		one.size = st->size;
	one.balance = 1;
	return one;
}

/*
 * The date line and two signature columns: NGƯỜI LẬP BIỂU with the
 * preparer, the unit's head title with the head's name (bm_name_style).
 * With height set, only the height they take, in mm.
 */
static double
bm_signatures(const struct bm_look *k, const char *dl, double dx, double dw,
    int height)
{
	const struct unit *u = config_unit(&G.cfg, G.unit);
	const char *pb = T("bm", "prepared_by", "NGƯỜI LẬP BIỂU");
	char *t = config_upper(u && u->head_title && *u->head_title ?
	    u->head_title : T("bm", "head_title", "Trưởng phòng"));
	double half = PDF_BODY_W / 2, nw = half - 2 * NAME_INSET, y, yl, yr;
	char *ht = header_lines(&k->sh, half, t), *pn = NULL, *hn = NULL;
	struct pdf_style ns;

	free(t);
	if (sheet_text(G.unit, "submission.prepared_by") != NULL)
		pn = unescape_breaks(sheet_text(G.unit,
		    "submission.prepared_by"), 0);
	if (u != NULL && u->head_name != NULL && *u->head_name)
		hn = unescape_breaks(u->head_name, 0);
	ns = bm_name_style(&k->sn, nw, pn, hn);

	y = pdfdoc_y(G.doc);
	if (height)
		y = pdfdoc_text_height(G.doc, &k->si, dw, dl) + DATE_GAP +
		    fmax(pdfdoc_text_height(G.doc, &k->sh, half, ht),
		    pdfdoc_text_height(G.doc, &k->sh, half, pb)) + sign_space +
		    fmax(pdfdoc_text_height(G.doc, &ns, nw, pn ? pn : "Ay"),
		    pdfdoc_text_height(G.doc, &ns, nw, hn ? hn : "Ay"));
	else {
		y = pdfdoc_text_at(G.doc, &k->si, dx, dw, y, dl) + DATE_GAP;
		yl = pdfdoc_text_at(G.doc, &k->sh, 0, half, y, pb);
		yr = pdfdoc_text_at(G.doc, &k->sh, half, half, y, ht);
		y = yl = yr = fmax(yl, yr) + sign_space;
		if (pn != NULL)
			yl = pdfdoc_text_at(G.doc, &ns, NAME_INSET, nw, y, pn);
		if (hn != NULL)
			yr = pdfdoc_text_at(G.doc, &ns, half + NAME_INSET, nw,
			    y, hn);
		y = fmax(yl, yr);
	}
	free(ht);
	free(pn);
	free(hn);
	return y;
}

static void
render_bm(void)
{
	struct bm_look k;
	char *dl;
	double sig_h, dx, dw;
	int number = 1;

	bm_note = NULL;		/* left by a layout that failed */
	bm_look(&k);
	bm_header(&k);
	/* the date line over the right column, or longer, ending with it */
	dx = dw = PDF_BODY_W / 2;
	dl = date_line_in(&k.si, &dx, &dw, PDF_BODY_W * 0.75);
	sig_h = bm_signatures(&k, dl, dx, dw, 1);
	keep_after = 2 + sig_h;
	run_blocks(T("bm", "blocks", BM_BLOCKS), &number);
	flush_headings(0);
	pdfdoc_space(G.doc, 2);
	pdfdoc_ensure(G.doc, sig_h);
	bm_signatures(&k, dl, dx, dw, 0);
	free(dl);
}

/*
 * The first lines of a report: the administrative header, the title and
 * subject of template section sec (the period's title after it), and the
 * introduction, if the template has one.
 */
static void
opening(const char *sec, const char *def_subject)
{
	const char *lead = T(sec, "subject", def_subject);
	char *subject, *note;

	admin_header();
	subject = xasprintf("%s %s", lead, G.title);
	/*
	 * too long for one line: broken before the period's title when
	 * each part fits one ("… và kết quả cải tiến" / "từ ngày … đến
	 * ngày …"), rather than evenly inside a word pair ("cải / tiến")
	 */
	if (strchr(lead, '\n') == NULL && pdfdoc_text_width(G.doc, PF_BOLD,
	    14, subject) > PDF_BODY_W && pdfdoc_text_width(G.doc, PF_BOLD, 14,
	    lead) <= PDF_BODY_W && pdfdoc_text_width(G.doc, PF_BOLD, 14,
	    G.title) <= PDF_BODY_W) {
		free(subject);
		subject = xasprintf("%s\n%s", lead, G.title);
	}
	note = window_line();
	title_block(T(sec, "title", "BÁO CÁO"), subject, note);
	free(note);
	free(subject);
	if (strcmp(T("text", "intro", ""), "") != 0)
		pdfdoc_para(G.doc, &ST_BODY, T("text", "intro", ""));
}

static void
render_report(void)
{
	char **secs;
	int n = keys_of("sections", &secs), i, number = 1;

	opening("report", "Kết quả thống kê, phân tích và cải tiến");
	for (i = 0; i < n; i++) {
		char sec[128], *h, *up;

		snprintf(sec, sizeof(sec), "section.%s", secs[i]);
		up = upper(T("sections", secs[i], secs[i]));
		h = xasprintf("%s. %s", roman(i + 1), up);
		free(up);
		heading(&ST_H1, h);
		free(h);
		said_none = 0;
		run_blocks(T(sec, "blocks", ""), &number);
		flush_headings(0);
	}
	closing(&G.cfg.sign_report, T("text", "closing", ""));
	free_strv(secs, n);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static int
is_open(const char *status)
{
	return strcmp(status, "da_thuc_hien") != 0 &&
	    strcmp(status, "khong_chap_nhan") != 0;
}

/* Whether day text d is in the period's window. */
static int
in_window(const char *d)
{
	long day = day_of_text(d);

	return day != LONG_MIN && day >= G.first_day && day <= G.last_day;
}

/* Whether day text d is a day by the period's last day. */
static int
by_last_day(const char *d)
{
	long day = day_of_text(d);

	return day != LONG_MIN && day <= G.last_day;
}

/* A numbered heading of the improvement summary: "1. Title". */
static void
numbered_heading(int *number, const char *key, const char *def)
{
	char *t = xasprintf("%d. %s", (*number)++, T("improvement", key, def));

	heading(&ST_H2, t);
	free(t);
}

/*
 * The figures of the suggestions received in the window, as printed,
 * into b (10 buffers), in the order of the rows of table 1; returns how
 * many were received.
 */
static int
improvement_figures(char b[][VNFMT_BUFSZ])
{
	long *delays = xcalloc((size_t)G.nsugg + 1, sizeof(long));
	long c[7] = { 0 };	/* received ... notified */
	const char *absent = T("labels", "absent", "-");
	int nd = 0, i;

	for (i = 0; i < G.nsugg; i++) {
		const struct suggestion *s = &G.sugg[i];

		if (!in_window(s->received))
			continue;
		c[0]++;
		if (by_last_day(s->to_qmr)) {
			c[1]++;
			delays[nd++] = day_of_text(s->to_qmr) -
			    day_of_text(s->received);
		}
		c[2] += *s->assignee != '\0';
		c[3] += strcmp(s->status, "da_thuc_hien") == 0;
		c[4] += strcmp(s->status, "khong_chap_nhan") == 0;
		c[5] += is_open(s->status);
		c[6] += by_last_day(s->notified);
	}
	for (i = 0; i < 7; i++)
		vn_int(c[i], b[i]);
	if (c[3] + c[4] > 0)
		vn_rate((double)c[6] / (double)(c[3] + c[4]), 0, b[7]);
	else
		snprintf(b[7], VNFMT_BUFSZ, "%s", absent);
	snprintf(b[8], VNFMT_BUFSZ, "%s", absent);
	snprintf(b[9], VNFMT_BUFSZ, "%s", absent);
	if (nd > 0) {
		double sum = 0, med;

		for (i = 0; i < nd; i++)
			sum += (double)delays[i];
		qsort(delays, (size_t)nd, sizeof(long), cmp_long);
		med = nd % 2 ? (double)delays[nd / 2] :
		    (delays[nd / 2 - 1] + delays[nd / 2]) / 2.0;
		vn_num(sum / nd, 1, b[8]);
		vn_num(med, 1, b[9]);
	}
	free(delays);
	return (int)c[0];
}

/* 1. the figures, one row each */
static void
improvement_summary(char b[][VNFMT_BUFSZ])
{
	static const char *const metric_keys[] = { "received", "to_qmr",
	    "assigned", "implemented", "rejected", "pending", "notified",
	    "notified_rate", "days_mean", "days_median" };
	const char *head[2];
	double w[2] = { 5, 1.6 };
	enum pdf_align al[2] = { PA_LEFT, PA_CENTER };
	int i, nrows = 0;

	head[0] = T("improvement", "metric", "Nội dung");
	head[1] = T("improvement", "value", "Kết quả");
	tbl_begin(2, w, al, TABLE_PT, head);
	for (i = 0; i < 10; i++) {
		const char *cells[2];

		cells[0] = T("improvement", metric_keys[i], metric_keys[i]);
		cells[1] = b[i];
		table_row(&nrows, cells, PF_REGULAR);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
}

/* 2. the counts of each unit that received any, then the organization */
static void
improvement_by_unit(void)
{
	static const char *const k[] = { "received", "to_qmr",
	    "implemented", "rejected", "pending", "notified" };
	const char *head[7];
	double w[7] = { 3, 1, 1, 1, 1, 1, 1 };
	enum pdf_align al[7] = { PA_LEFT, PA_CENTER, PA_CENTER, PA_CENTER,
	    PA_CENTER, PA_CENTER, PA_CENTER };
	int i, u, nrows = 0;

	head[0] = T("labels", "unit_column", "Đơn vị");
	for (i = 0; i < 6; i++) {
		char key[64];

		snprintf(key, sizeof(key), "col_%s", k[i]);
		head[i + 1] = T("improvement", key, k[i]);
	}
	tbl_begin(7, w, al, TABLE_PT, head);
	for (u = 0; u <= G.cfg.nunits; u++) {
		const char *code = u < G.cfg.nunits ? G.cfg.ordered[u]->code :
		    "*";
		long c[6] = { 0 };
		char cb[6][VNFMT_BUFSZ];
		const char *cells[7];

		for (i = 0; i < G.nsugg; i++) {
			const struct suggestion *s = &G.sugg[i];

			if (!in_window(s->received) || (strcmp(code, "*") != 0 &&
			    strcmp(s->unit, code) != 0))
				continue;
			c[0]++;
			c[1] += by_last_day(s->to_qmr);
			c[2] += strcmp(s->status, "da_thuc_hien") == 0;
			c[3] += strcmp(s->status, "khong_chap_nhan") == 0;
			c[4] += is_open(s->status);
			c[5] += by_last_day(s->notified);
		}
		if (c[0] == 0 && strcmp(code, "*") != 0)
			continue;
		cells[0] = unit_name(code);
		for (i = 0; i < 6; i++)
			cells[i + 1] = vn_int(c[i], cb[i]);
		table_row(&nrows, cells,
		    strcmp(code, "*") == 0 ? PF_BOLD : PF_REGULAR);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
}

/* Whether a is listed before b: by unit code, then by received date. */
static int
sugg_before(const struct suggestion *a, const struct suggestion *b)
{
	int c = strcmp(a->unit, b->unit);

	if (c != 0)
		return c < 0;
	return day_of_text(a->received) < day_of_text(b->received);
}

/*
 * The open suggestions in the order of the list: by unit in the order of
 * units.ini (unknown units last, by code), each unit's by received date.
 * Fills idx (room for G.nsugg) and returns how many.
 */
static int
open_order(int *idx)
{
	int i, u, n = 0;

	for (u = 0; u < G.cfg.nunits + 1; u++) {
		int first = n, j;

		for (i = 0; i < G.nsugg; i++) {
			const struct suggestion *s = &G.sugg[i];
			int known = config_unit(&G.cfg, s->unit) != NULL;

			if (!by_last_day(s->received) || !is_open(s->status))
				continue;
			if (u < G.cfg.nunits ? strcmp(s->unit,
			    G.cfg.ordered[u]->code) != 0 : known)
				continue;
			/* stable insertion among this unit's */
			for (j = n; j > first && sugg_before(&G.sugg[i],
			    &G.sugg[idx[j - 1]]); j--)
				idx[j] = idx[j - 1];
			idx[j] = i;
			n++;
		}
	}
	return n;
}

/* The cells of row k (1-based number k) of the open list for suggestion s. */
static void
open_cells(const struct suggestion *s, int k, const char **cells,
    char *nb, char *db)
{
	char sk[64];

	snprintf(sk, sizeof(sk), "status_%s", s->status);
	cells[0] = vn_int(k, nb);
	cells[1] = unit_name(s->unit);
	cells[2] = vn_date_short(day_of_text(s->received), db);
	cells[3] = s->content;
	cells[4] = s->assignee;
	cells[5] = T("improvement", sk, s->status);
}

/*
 * mm a table cell's text is narrower than its column: the padding on both
 * sides (the template's, else pdfdoc's 1.3) and half a mm of rounding.
 */
static double
cell_pad(void)
{
	return 2 * (tab_pad_h >= 0 ? tab_pad_h : 1.3) + 0.5;
}

#define OPEN_STEP	2.0	/* mm between the widths tried */
#define OPEN_MAXW	200	/* mm, more than the body is wide */

/* The header cells of the open list. */
static void
open_head(const char **head)
{
	head[0] = T("improvement", "col_no", "TT");
	head[1] = T("labels", "unit_column", "Đơn vị");
	head[2] = T("improvement", "col_date", "Ngày tiếp nhận");
	head[3] = T("improvement", "col_content", "Nội dung ý kiến");
	head[4] = T("improvement", "col_assignee", "Người thực hiện");
	head[5] = T("improvement", "col_status", "Tình trạng");
}

/* The i-th of the n widths tried from lo to hi: OPEN_STEP apart, hi last. */
static double
open_try(double lo, double hi, int n, int i)
{
	return i == n - 1 ? hi : lo + i * OPEN_STEP;
}

/* Height in mm of a cell of the open list holding text in a column w mm wide. */
static double
open_cell_h(const char *text, double w)
{
	struct pdf_style st = { .face = PF_REGULAR, .size = TABLE_PT,
	    .align = PA_LEFT, .leading = tab_lead };

	if (text == NULL || *text == '\0')
		return 0;
	return pdfdoc_text_height(G.doc, &st, w - cell_pad(), text);
}

/* The heights of column c's cells at width w, for the n rows of idx. */
static double *
open_heights(const int *idx, int n, int c, double w)
{
	double *h = xcalloc((size_t)n, sizeof(*h));
	const char *cells[6];
	char nb[VNFMT_BUFSZ], db[VNFMT_BUFSZ];
	int i;

	for (i = 0; i < n; i++) {
		open_cells(&G.sugg[idx[i]], i + 1, cells, nb, db);
		h[i] = open_cell_h(cells[c], w);
	}
	return h;
}

/* Width in mm that the widest cell of column c needs on one line. */
static double
open_widest(const int *idx, int n, int c)
{
	const char *cells[6];
	char nb[VNFMT_BUFSZ], db[VNFMT_BUFSZ];
	double most = 0;
	int i;

	for (i = 0; i < n; i++) {
		open_cells(&G.sugg[idx[i]], i + 1, cells, nb, db);
		if (cells[c] != NULL)
			most = fmax(most, pdfdoc_text_width(G.doc,
			    PF_REGULAR, TABLE_PT, cells[c]));
	}
	return most + cell_pad();
}

/*
 * Widths (mm) of the open list's columns. TT and the date keep their
 * share of the page; the unit, assignee and status columns are tried at
 * widths from their widest header word up to their default share, and
 * the content column, the one that runs to many lines, gets the rest:
 * the widths that make the table shortest win. A state ("Đang thực
 * hiện") stays on one line when its default share allows. An empty assignee column
 * must not keep a fifth of the page while the suggestions wrap into
 * narrow paragraphs beside it, nor a long unit name run to six lines
 * beside a two-line suggestion.
 */
static void
open_widths(double *w, const int *idx, int n)
{
	static const double share[6] = { 0.7, 2.8, 1.75, 3.95, 1.9, 2.15 };
	static const int fit[3] = { 1, 4, 5 };
	const char *head[6];
	double lo[3], hi[3], *hc[OPEN_MAXW + 1] = { NULL };
	double *hf[3][64], best = -1, sum = 0, fixed, t[3];
	int c, i, k, nk[3], a[3];

	for (c = 0; c < 6; c++)
		sum += share[c];
	for (c = 0; c < 6; c++)
		w[c] = share[c] * PDF_BODY_W / sum;
	fixed = w[0] + w[2];
	open_head(head);
	for (k = 0; k < 3; k++) {
		c = fit[k];
		hi[k] = w[c];
		lo[k] = fmin(hi[k], pdfdoc_widest_word(G.doc, PF_BOLD,
		    TABLE_PT, head[c]) + cell_pad());
		if (c == 1)	/* "Phòng Nội vụ" stays on one line */
			lo[k] = fmax(lo[k], 0.75 * hi[k]);
		if (c == 5)	/* a state reads on one line where it can */
			lo[k] = fmin(hi[k], fmax(lo[k], open_widest(idx, n,
			    c)));
		nk[k] = (int)ceil((hi[k] - lo[k]) / OPEN_STEP) + 1;
		if (nk[k] > 64)
			nk[k] = 64;
		for (i = 0; i < nk[k]; i++)
			hf[k][i] = open_heights(idx, n, c,
			    open_try(lo[k], hi[k], nk[k], i));
	}
	/* widest first, so that of equally short tables the one whose
	 * names wrap least wins */
	for (a[0] = nk[0] - 1; a[0] >= 0; a[0]--)
	for (a[1] = nk[1] - 1; a[1] >= 0; a[1]--)
	for (a[2] = nk[2] - 1; a[2] >= 0; a[2]--) {
		double wc = PDF_BODY_W - fixed, total = 0;
		int q;

		for (k = 0; k < 3; k++) {
			t[k] = open_try(lo[k], hi[k], nk[k], a[k]);
			wc -= t[k];
		}
		/* content heights on a 1 mm grid, rounded down: never
		 * shorter than drawn */
		q = (int)floor(wc);
		if (q < 1 || q > OPEN_MAXW)
			continue;
		if (hc[q] == NULL)
			hc[q] = open_heights(idx, n, 3, q);
		for (i = 0; i < n; i++)
			total += fmax(fmax(hc[q][i], hf[0][a[0]][i]),
			    fmax(hf[1][a[1]][i], hf[2][a[2]][i]));
		if (best < 0 || total < best - 0.01) {
			best = total;
			for (k = 0; k < 3; k++)
				w[fit[k]] = t[k];
			w[3] = wc;
		}
	}
	for (k = 0; k < 3; k++)
		for (i = 0; i < nk[k]; i++)
			free(hf[k][i]);
	for (i = 0; i <= OPEN_MAXW; i++)
		free(hc[i]);
}

/*
 * The sentence over the open list when it holds suggestions received
 * before the period ([improvement] open_earlier, {earlier} their number;
 * empty: none): section 1 counts those received in the period only, so
 * its "chưa xử lý xong" of 2 stood over a list of 21 with no word why.
 */
static void
open_earlier(const int *idx, int n)
{
	const char *fmt = T("improvement", "open_earlier", "Danh sách gồm "
	    "cả {earlier} ý kiến tiếp nhận từ các kỳ trước, đến cuối kỳ "
	    "chưa xử lý xong.");
	char nb[VNFMT_BUFSZ], *t;
	int i, earlier = 0;

	for (i = 0; i < n; i++)
		earlier += !in_window(G.sugg[idx[i]].received);
	if (earlier == 0 || *fmt == '\0')
		return;
	t = tmpl_fill(fmt, "earlier", vn_int(earlier, nb));
	/* held with the section's title, to go with the table's first rows */
	heading(&ST_BODY, t);
	free(t);
}

/*
 * 3. every suggestion received by the last day still open, earlier
 * periods included, in the order of open_order().
 */
static void
improvement_open(void)
{
	const char *head[6];
	double w[6];
	enum pdf_align al[6] = { PA_CENTER, PA_LEFT, PA_CENTER, PA_LEFT,
	    PA_LEFT, PA_LEFT };
	int i, n, nrows = 0, *idx;

	idx = xcalloc((size_t)G.nsugg + 1, sizeof(*idx));
	if ((n = open_order(idx)) == 0) {
		free(idx);
		para(&ST_BODY, T("improvement", "no_open",
		    "Không còn ý kiến đóng góp nào chưa xử lý xong."));
		pdfdoc_space(G.doc, 3);
		return;
	}
	open_earlier(idx, n);
	open_widths(w, idx, n);
	open_head(head);
	tbl_begin(6, w, al, TABLE_PT, head);
	for (i = 0; i < n; i++) {
		const char *cells[6];
		char nb[VNFMT_BUFSZ], db[VNFMT_BUFSZ];

		open_cells(&G.sugg[idx[i]], i + 1, cells, nb, db);
		table_row(&nrows, cells, PF_REGULAR);
	}
	free(idx);
	tbl_end();
	pdfdoc_space(G.doc, 3);
}

static void
render_improvement(void)
{
	char b[10][VNFMT_BUFSZ];
	int number = 1, received;

	opening("improvement", "Tổng hợp ý kiến đóng góp và kết quả cải tiến");
	received = improvement_figures(b);
	numbered_heading(&number, "summary_title",
	    "Kết quả tiếp nhận và xử lý ý kiến đóng góp trong kỳ");
	improvement_summary(b);
	numbered_heading(&number, "units_title",
	    "Ý kiến đóng góp theo đơn vị tiếp nhận");
	if (received > 0)
		improvement_by_unit();
	else {
		/* a table of one row of zeros says less than this */
		para(&ST_BODY, T("improvement", "no_units",
		    "Trong kỳ các đơn vị không tiếp nhận ý kiến đóng góp "
		    "nào."));
		pdfdoc_space(G.doc, 3);
	}
	numbered_heading(&number, "open_title",
	    "Các ý kiến đóng góp chưa xử lý xong (tính đến cuối kỳ)");
	improvement_open();
	flush_headings(0);
	closing(&G.cfg.sign_improvement, T("text", "closing", ""));
}

/* ---- main ---- */

/*
 * The day of the date line: --date, else SOURCE_DATE_EPOCH's UTC day,
 * else the day after the period's last day. The document's creation date
 * is SOURCE_DATE_EPOCH itself, else midnight UTC of that day, so the same
 * inputs give the same bytes.
 */
static int
pick_date(void)
{
	long long t;
	int sde = date_epoch_env(&t);

	if (sde < 0) {
		diag_plain("bad SOURCE_DATE_EPOCH '%s'",
		    getenv("SOURCE_DATE_EPOCH"));
		return EXIT_USAGE;
	}
	if (sde > 0) {
		G.created = t;
		G.date_days = (long)(t / 86400);
	} else {
		G.date_days = G.last_day + 1;
		G.created = (long long)G.date_days * 86400;
	}
	if (G.date_arg != NULL) {
		long d;

		if (date_parse(G.date_arg, strlen(G.date_arg), &d) != DATE_OK) {
			diag_plain("bad date '%s': expected YYYY-MM-DD",
			    G.date_arg);
			return EXIT_USAGE;
		}
		G.date_days = d;
		if (sde == 0)
			G.created = (long long)d * 86400;
	}
	return 0;
}

static struct tmpl *
load_template(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/pdf/%s.ini", tmpl_dir(G.templates),
	    name);
	return tmpl_load(path);
}

/* layout(NULL) makes a repertoire-only document (pdfdoc_new_repertoire) */
static int	repertoire_doc;

/*
 * Lays the document out into G.doc. A BM.07.01 that takes more than one
 * page is laid out again one size smaller (compact) and kept that way
 * when that makes it one page.
 */
static int
layout(struct pdfdoc *trial)
{
	const char *fonts[PF_NFACES];
	char err[512], mb[VNFMT_BUFSZ];
	char *title, *subject, *author;

	fonts[PF_REGULAR] = G.cfg.font_regular;
	fonts[PF_BOLD] = G.cfg.font_bold;
	fonts[PF_ITALIC] = G.cfg.font_italic;
	fonts[PF_BOLDITALIC] = G.cfg.font_bold_italic;
	if (trial != NULL) {
		pdfdoc_restart(trial);
		G.doc = trial;
	} else if (repertoire_doc)
		G.doc = pdfdoc_new_repertoire(fonts, err, sizeof(err));
	else
		G.doc = pdfdoc_new(fonts, err, sizeof(err));
	if (G.doc == NULL) {
		diag_plain("%s", err);
		return EXIT_USAGE;
	}
	pdfdoc_set_draft(G.doc, G.draft);
	pdfdoc_table_style(G.doc, tab_pad_h, tab_pad_v, tab_lead,
	    strcmp(T("layout", "table_fit", "no"), "yes") == 0);
	pdfdoc_table_header_size(G.doc, tab_head_pt);
	switch (G.kind) {
	case K_BM:
		title = xasprintf("%s %s - %s", T("bm", "form_code", "BM.07.01"),
		    vn_month(G.first_month, mb), unit_name(G.unit));
		subject = xasprintf("%s %s", T("bm", "doc_subject",
		    "Thống kê tình hình thực hiện công tác tháng"), mb);
		break;
	case K_REPORT:
		title = xasprintf("%s %s", T("report", "doc_title",
		    "Báo cáo kết quả thống kê, phân tích và cải tiến"), G.title);
		subject = xasprintf("%s", T("report", "doc_subject",
		    "QT.07 - Thống kê, phân tích và cải tiến"));
		break;
	default:
		title = xasprintf("%s %s", T("improvement", "doc_title",
		    "Báo cáo tổng hợp ý kiến đóng góp, cải tiến"), G.title);
		subject = xasprintf("%s", T("improvement", "doc_subject",
		    "QT.07 mục 5.2 - Hoạt động cải tiến"));
		break;
	}
	author = unescape_breaks(G.cfg.name, 0);
	pdfdoc_set_info(G.doc, title, author, subject, "baocao", G.created);
	free(author);
	free(title);
	free(subject);
	if (G.kind == K_BM)
		render_bm();
	else if (G.kind == K_REPORT)
		render_report();
	else
		render_improvement();
	return 0;
}

/*
 * The scratch document of the trial layouts: made once and kept from form
 * to form (libharu spends most of a small document's time making fonts),
 * made again after an error and now and then (memory); it only measures
 * (pdfdoc_measure): nothing is drawn in it and it is never saved.
 */
static struct pdfdoc *
scratch_doc(void)
{
	const char *fonts[PF_NFACES];
	char err[512];

	if (G.scratch != NULL && (pdfdoc_error(G.scratch) != NULL ||
	    ++G.trials % 64 == 0)) {
		pdfdoc_free(G.scratch);
		G.scratch = NULL;
	}
	if (G.scratch == NULL) {
		fonts[PF_REGULAR] = G.cfg.font_regular;
		fonts[PF_BOLD] = G.cfg.font_bold;
		fonts[PF_ITALIC] = G.cfg.font_italic;
		fonts[PF_BOLDITALIC] = G.cfg.font_bold_italic;
		if ((G.scratch = pdfdoc_new(fonts, err, sizeof(err))) == NULL) {
			diag_plain("%s", err);
			return NULL;
		}
		pdfdoc_measure(G.scratch, 1);
	}
	return G.scratch;
}

/*
 * BM: a form longer than a page is laid out again, one point smaller and
 * tighter, then one and a half; the first layout that fits one page is
 * kept, else the first of all. The trials only measure, in the scratch
 * document; the chosen layout is then made, once, in the document
 * written. Sets compact.
 */
static int
layout_bm(void)
{
	struct pdfdoc *scratch;
	int level, rv, rep = 1;

	if ((scratch = scratch_doc()) == NULL)
		return EXIT_USAGE;
	for (level = 0; level <= 2; level++) {
		compact = level;
		apply_layout();
		if ((rv = layout(scratch)) != 0)
			return rv;
		/* every text of every trial in the fonts' repertoire */
		rep = rep && pdfdoc_outside(scratch) == 0;
		if (pdfdoc_pages(scratch) <= 1 || pdfdoc_error(scratch) != NULL)
			break;
	}
	if (level > 2) {
		compact = 0;	/* no better: the first layout */
		apply_layout();
	}
	G.doc = NULL;
	/* its fonts then need no widths or glyphs for anything else */
	repertoire_doc = rep && pdfdoc_error(scratch) == NULL;
	rv = layout(NULL);
	repertoire_doc = 0;
	return rv;
}

/*
 * Characters of the data the fonts cannot draw (an emoji, a CJK or
 * dingbat character a department pasted) print blank: say which, so the
 * clerk can have the text fixed before the document is signed.
 */
static void
warn_missing(const char *name)
{
	const unsigned long *cps;
	int i, n = pdfdoc_missing(G.doc, &cps);
	struct sbuf sb = SBUF_INIT;

	const char *stage = strstr(name, "/.stage/");
	struct sbuf shown = SBUF_INIT;

	if (n == 0)
		return;
	/* baocao renders into OUTPUT/P/.stage: name the file it becomes */
	if (stage != NULL) {
		sbuf_add(&shown, name, (size_t)(stage - name));
		sbuf_adds(&shown, stage + 7);
	} else
		sbuf_adds(&shown, name);
	for (i = 0; i < n; i++) {
		utf8proc_uint8_t u8[5] = { 0 };

		utf8proc_encode_char((utf8proc_int32_t)cps[i], u8);
		sbuf_printf(&sb, "%s%s (U+%04lX)", i ? ", " : "", (char *)u8,
		    cps[i]);
	}
	diag_warnat(sbuf_str(&shown), 0, 0, "the fonts have no glyph for "
	    "%s%s: %s print blank; replace them in the data", sbuf_str(&sb),
	    n == PDF_MISSING_MAX ? " and maybe more" : "",
	    n == 1 ? "it" : "they");
	sbuf_release(&sb);
	sbuf_release(&shown);
}

/*
 * Write failures of several forms. A full disk, or a folder that is gone
 * or read-only, fails every form after the first the same way: that is
 * said once, with the first form's path, and the other forms it stopped
 * are named together at the end (wfail_flush), not a message per form.
 * A failure is one kind (what failed, and errno); the order of the list
 * decides which form is the first, so the messages are the same whatever
 * the number of processes making the forms. render() leaves a form's
 * failure in wfail_last instead of saying it while wfail_defer is set.
 */
enum { WF_NONE, WF_CREATE, WF_WRITE };
static const char *const wfail_text[] = { "", "cannot create", "cannot write" };

struct wfail {
	int		 what, err;
	int		 more;		/* forms after the first */
	struct sbuf	 units;		/* their codes */
};

static struct wfail wfails[8];
static int nwfails;
static int wfail_defer;
static struct { int what, err; } wfail_last;

/* A failed write of the document, said, or left in wfail_last. */
static int
write_failed(const char *name, int what, int err)
{
	if (wfail_defer) {
		wfail_last.what = what;
		wfail_last.err = err;
	} else
		diag_errorat(name, 0, 0, "%s: %s", wfail_text[what],
		    strerror(err));
	return EXIT_USAGE;
}

/* Unit's form failed so: said if it is the first of its kind, else kept. */
static void
wfail_note(const char *unit, int what, int err)
{
	char *path;
	int i;

	for (i = 0; i < nwfails; i++)
		if (wfails[i].what == what && wfails[i].err == err) {
			sbuf_printf(&wfails[i].units, "%s%s",
			    wfails[i].more++ ? ", " : "", unit);
			return;
		}
	path = unit_path(unit);
	diag_errorat(path, 0, 0, "%s: %s", wfail_text[what], strerror(err));
	free(path);
	if (nwfails < (int)(sizeof(wfails) / sizeof(wfails[0]))) {
		memset(&wfails[nwfails], 0, sizeof(wfails[0]));
		wfails[nwfails].what = what;
		wfails[nwfails].err = err;
		nwfails++;
	}
}

/* The forms each failure stopped after its first, one line each. */
static void
wfail_flush(void)
{
	int i;

	for (i = 0; i < nwfails; i++) {
		if (wfails[i].more > 0)
			diag_plain("%s %d more form%s, for the same reason "
			    "(%s): %s", wfail_text[wfails[i].what],
			    wfails[i].more, wfails[i].more > 1 ? "s" : "",
			    strerror(wfails[i].err),
			    sbuf_str(&wfails[i].units));
		sbuf_release(&wfails[i].units);
	}
	nwfails = 0;
}

static int
render(void)
{
	struct atomic_file af;
	FILE *fp;
	int rv = 0, e;
	/* -o - (or no -o): standard output, once the document is whole */
	int out_std = strcmp(G.out, "-") == 0;
	const char *name = out_std ? "standard output" : G.out;

	if ((rv = G.kind == K_BM ? layout_bm() : layout(NULL)) != 0)
		return rv;
	warn_missing(name);
	if ((fp = out_std ? atomic_open_stdout(&af) :
	    atomic_open(&af, G.out)) == NULL) {
		if (!out_std)
			return write_failed(G.out, WF_CREATE, errno);
		diag_errorat(temp_dir(), 0, 0,
		    "cannot create a temporary file:");
		return EXIT_USAGE;
	}
	if (pdfdoc_save(G.doc, fp) != 0) {
		e = pdfdoc_write_errno(G.doc);
		atomic_abort(&af);
		if (e != 0)
			return write_failed(name, WF_WRITE, e);
		diag_errorat(name, 0, 0, "%s", pdfdoc_error(G.doc));
		return EXIT_USAGE;
	}
	if (atomic_commit(&af) != 0)
		rv = write_failed(name, WF_WRITE, errno);
	return rv;
}

/*
 * The path of unit's form: G.out with "{unit}" replaced by the code, or,
 * without it, DIR/BM.07.01-UNIT-PERIOD[-du-thao-N].pdf, the name that
 * baocao report gives it.
 */
static char *
unit_path(const char *unit)
{
	const char *p = strstr(G.out, "{unit}");
	size_t n = strlen(G.out);

	if (p != NULL)
		return xasprintf("%.*s%s%s", (int)(p - G.out), G.out, unit,
		    p + 6);
	while (n > 1 && G.out[n - 1] == '/')
		n--;
	if (G.draft > 0)
		return xasprintf("%.*s/%s-%s-%s-du-thao-%d.pdf", (int)n, G.out,
		    T("bm", "form_code", "BM.07.01"), unit, G.label, G.draft);
	return xasprintf("%.*s/%s-%s-%s.pdf", (int)n, G.out,
	    T("bm", "form_code", "BM.07.01"), unit, G.label);
}

/* Whether unit can have a form: known, and its sheet sent for the month. */
static int
unit_ok(const char *unit)
{
	const struct unitrow *u;

	if (!unit_code_valid(unit, strlen(unit)) ||
	    config_unit(&G.cfg, unit) == NULL) {
		diag_plain("unknown unit '%s'", unit);
		return 0;
	}
	u = unitrow(unit);
	if (u == NULL || strcmp(u->status, "missing") == 0 ||
	    strcmp(u->status, "register") == 0) {
		diag_plain("unit '%s' sent no sheet for %s: no BM.07.01 "
		    "to render", unit, G.label);
		return 0;
	}
	return 1;
}

/* One form of a list: checked, laid out, written, its path printed. */
static int
render_one(const char *unit)
{
	const char *out = G.out;
	char *path;
	int r;

	wfail_last.what = WF_NONE;
	if (!unit_ok(unit))
		return EXIT_DATA;
	path = unit_path(unit);
	G.unit = unit;
	G.out = path;
	compact = 0;
	apply_layout();
	r = render();
	if (r == 0)
		printf("%s\n", path);
	pdfdoc_free(G.doc);
	G.doc = NULL;
	G.out = out;
	G.unit = NULL;
	free(path);
	return r;
}

/*
 * Forms on several cores. Process k of jobs (0: this one, the others
 * forked) makes the forms i with i % jobs == k, its standard output and
 * error going to unnamed temporary files; after each form it appends a
 * record (the form's status and where its output ends in those files) to
 * a third. When all are done, this process copies each form's messages
 * and path out in the order of the list: the same bytes, the same order
 * and the same status as one process making them all. A worker that dies
 * is reported; the forms it wrote are whole (atomic_commit) and those
 * recorded are listed.
 */
struct share {
	FILE	*out, *err, *idx;
	pid_t	 pid;		/* 0: made by this process */
};

struct share_rec {
	int		 i, rv;
	long long	 out_end, err_end;
	int		 wwhat, werr;	/* its write failure (wfail_last) */
};

/* The end of fd's file, flushed from fp first; -1 on error. */
static long long
flushed_end(FILE *fp, FILE *file)
{
	if (fflush(fp) != 0)
		return -1;
	return (long long)lseek(fileno(file), 0, SEEK_END);
}

/* Makes share k's forms with stdout and stderr in its files. */
static int
run_share(const char **list, int n, int k, int jobs, struct share *sh)
{
	struct share_rec rec;
	int i, rv = 0;

	fflush(stdout);
	fflush(stderr);
	if (dup2(fileno(sh->out), STDOUT_FILENO) < 0 ||
	    dup2(fileno(sh->err), STDERR_FILENO) < 0)
		return EXIT_USAGE;
	for (i = k; i < n; i += jobs) {
		memset(&rec, 0, sizeof(rec));
		rec.i = i;
		rec.rv = render_one(list[i]);
		rec.wwhat = wfail_last.what;
		rec.werr = wfail_last.err;
		rec.out_end = flushed_end(stdout, sh->out);
		rec.err_end = flushed_end(stderr, sh->err);
		if (rec.out_end < 0 || rec.err_end < 0)
			rec.rv = worst(rec.rv, EXIT_USAGE);
		rv = worst(rv, rec.rv);
		if (fwrite(&rec, sizeof(rec), 1, sh->idx) != 1 ||
		    fflush(sh->idx) != 0)
			rv = worst(rv, EXIT_USAGE);
	}
	return rv;
}

/* Copies bytes [*pos, end) of file to fp; end < 0: to its end. */
static void
copy_out(FILE *file, long long *pos, long long end, FILE *fp)
{
	char buf[8192];
	ssize_t m;

	if (end < 0)
		end = (long long)lseek(fileno(file), 0, SEEK_END);
	while (*pos < end) {
		size_t want = end - *pos < (long long)sizeof(buf) ?
		    (size_t)(end - *pos) : sizeof(buf);

		m = pread(fileno(file), buf, want, (off_t)*pos);
		if (m <= 0)
			break;
		fwrite(buf, 1, (size_t)m, fp);
		*pos += m;
	}
}

/*
 * How many processes make n forms: BAOCAO_JOBS when set (1: this one
 * alone), else one per online CPU, at most 4, and none forked for fewer
 * than 8 forms (a fork and its copy of the data cost more than it saves).
 */
static int
jobs_for(int n)
{
	const char *e = getenv("BAOCAO_JOBS");
	long cpus, j;
	char *end;

	if (e != NULL && *e != '\0') {
		j = strtol(e, &end, 10);
		if (*end != '\0' || j < 1)
			j = 1;
		if (j > 16)
			j = 16;
	} else {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		j = cpus < 1 ? 1 : cpus > 4 ? 4 : cpus;
		if (n < 8)
			j = 1;
		else if (j > n / 4)
			j = n / 4;
	}
	if (j > n)
		j = n;
	return j < 1 ? 1 : (int)j;
}

/* Duplicates standard output and error into saved, to come back to. */
static int
std_save(int saved[2])
{
	fflush(stdout);
	fflush(stderr);
	saved[0] = dup(STDOUT_FILENO);
	saved[1] = dup(STDERR_FILENO);
	if (saved[0] >= 0 && saved[1] >= 0)
		return 0;
	if (saved[0] >= 0)
		close(saved[0]);
	if (saved[1] >= 0)
		close(saved[1]);
	return -1;
}

/* Puts back the standard output and error std_save() saved. */
static int
std_restore(const int saved[2])
{
	int rv = 0;

	fflush(stdout);
	fflush(stderr);
	if (dup2(saved[0], STDOUT_FILENO) < 0 ||
	    dup2(saved[1], STDERR_FILENO) < 0)
		rv = EXIT_USAGE;
	close(saved[0]);
	close(saved[1]);
	return rv;
}

/* Closes the files of the jobs shares sh (those open) and frees sh. */
static void
shares_close(struct share *sh, int jobs)
{
	int k;

	for (k = 0; k < jobs; k++) {
		if (sh[k].out)
			fclose(sh[k].out);
		if (sh[k].err)
			fclose(sh[k].err);
		if (sh[k].idx)
			fclose(sh[k].idx);
	}
	free(sh);
}

/* jobs shares, each with its three temporary files; NULL (said) if not. */
static struct share *
shares_open(int jobs)
{
	struct share *sh = xcalloc((size_t)jobs, sizeof(*sh));
	int k;

	for (k = 0; k < jobs; k++) {
		/* one at a time: a failure is said once */
		if ((sh[k].out = temp_file()) == NULL ||
		    (sh[k].err = temp_file()) == NULL ||
		    (sh[k].idx = temp_file()) == NULL) {
			shares_close(sh, jobs);
			return NULL;
		}
	}
	return sh;
}

/*
 * Forks a worker for each share but the first; a share whose fork failed
 * keeps pid 0 and is made by this process.
 */
static void
shares_fork(const char **list, int n, int jobs, struct share *sh)
{
	pid_t pid, me = getpid();
	int k, st;

	for (k = 1; k < jobs; k++) {
		if ((pid = fork()) == 0) {
#ifdef __linux__
			/* never outlive this process */
			prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
			if (getppid() != me)
				_exit(EXIT_USAGE);
			st = run_share(list, n, k, jobs, &sh[k]);
			fflush(stdout);
			fflush(stderr);
			_exit(st);
		}
		sh[k].pid = pid > 0 ? pid : 0;
	}
}

/*
 * Waits for the workers: the worst of their statuses; dead[k] is the
 * signal that killed worker k, or -1 when it could not be waited for.
 */
static int
shares_wait(const struct share *sh, int jobs, int *dead)
{
	pid_t w;
	int k, st, rv = 0;

	for (k = 1; k < jobs; k++) {
		if (sh[k].pid == 0)
			continue;
		while ((w = waitpid(sh[k].pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (w < 0)
			dead[k] = -1;
		else if (WIFSIGNALED(st))
			dead[k] = WTERMSIG(st);
		else if (WIFEXITED(st))
			rv = worst(rv, WEXITSTATUS(st));
	}
	return rv;
}

/*
 * Share sh stopped before form name: what it wrote is copied out, the
 * stop said, and its index closed, so that its later forms are passed over.
 */
static void
share_stopped(struct share *sh, long long *opos, long long *epos,
    const char *name, int dead)
{
	copy_out(sh->err, epos, -1, stderr);
	copy_out(sh->out, opos, -1, stdout);
	if (dead > 0)
		diag_plain("the process making form %s and the next ones died "
		    "of signal %d", name, dead);
	else
		diag_plain("the process making form %s and the next ones "
		    "stopped", name);
	fclose(sh->idx);
	sh->idx = NULL;
}

/* Copies the messages and paths of the forms out, in the order of list. */
static int
shares_copy(const char **list, int n, int jobs, struct share *sh,
    const int *dead)
{
	struct share_rec rec;
	long long *opos = xcalloc((size_t)jobs, sizeof(*opos));
	long long *epos = xcalloc((size_t)jobs, sizeof(*epos));
	int i, k, rv = 0;

	for (k = 0; k < jobs; k++)
		rewind(sh[k].idx);
	for (i = 0; i < n; i++) {
		k = i % jobs;
		if (sh[k].idx == NULL)
			continue;	/* already reported */
		if (fread(&rec, sizeof(rec), 1, sh[k].idx) != 1 ||
		    rec.i != i) {
			/* the worker stopped before this form */
			share_stopped(&sh[k], &opos[k], &epos[k], list[i],
			    dead[k]);
			rv = worst(rv, EXIT_USAGE);
			continue;
		}
		copy_out(sh[k].err, &epos[k], rec.err_end, stderr);
		if (rec.wwhat != WF_NONE)
			wfail_note(list[i], rec.wwhat, rec.werr);
		copy_out(sh[k].out, &opos[k], rec.out_end, stdout);
		fflush(stderr);
		rv = worst(rv, rec.rv);
	}
	free(opos);
	free(epos);
	return rv;
}

/*
 * The n forms of list made by jobs processes: the worst status, or -1
 * when they could not be set up (the caller then makes them here).
 */
static int
render_parallel(const char **list, int n, int jobs)
{
	struct share *sh;
	int k, rv = 0, saved[2], *dead;

	/* the real outputs, to come back to */
	if (std_save(saved) != 0)
		return -1;
	if ((sh = shares_open(jobs)) == NULL) {
		close(saved[0]);
		close(saved[1]);
		return -1;
	}
	shares_fork(list, n, jobs, sh);
	for (k = 0; k < jobs; k++)
		if (k == 0 || sh[k].pid == 0)
			rv = worst(rv, run_share(list, n, k, jobs, &sh[k]));
	rv = worst(rv, std_restore(saved));
	dead = xcalloc((size_t)jobs, sizeof(int));
	rv = worst(rv, shares_wait(sh, jobs, dead));
	rv = worst(rv, shares_copy(list, n, jobs, sh, dead));
	shares_close(sh, jobs);
	fflush(stdout);
	free(dead);
	return rv;
}

/*
 * Several forms in one run (--unit more than once, or --all-units): the
 * data is read once, each form is laid out and written (atomically) on
 * its own, and its path printed on standard output once written. A unit
 * that cannot have a form is reported and skipped; the status is the
 * worst of all. Many forms are made on all the CPUs (render_parallel).
 */
static int
render_units(void)
{
	int i, n, rv = 0, jobs;
	const char **list;

	if (G.all_units) {
		list = xcalloc((size_t)G.nunits + 1, sizeof(*list));
		for (i = n = 0; i < G.nunits; i++)
			if (strcmp(G.units[i].status, "submitted") == 0 ||
			    strcmp(G.units[i].status, "incomplete") == 0)
				list[n++] = G.units[i].code;
	} else {
		list = xcalloc((size_t)G.nunits_arg + 1, sizeof(*list));
		for (n = 0; n < G.nunits_arg; n++)
			list[n] = G.units_arg[n];
	}
	wfail_defer = 1;
	jobs = jobs_for(n);
	if (jobs > 1 && (rv = render_parallel(list, n, jobs)) >= 0) {
		wfail_flush();
		free(list);
		return rv;
	}
	for (rv = 0, i = 0; i < n; i++) {
		rv = worst(rv, render_one(list[i]));
		if (wfail_last.what != WF_NONE)
			wfail_note(list[i], wfail_last.what, wfail_last.err);
		fflush(stdout);
	}
	wfail_flush();
	free(list);
	return rv;
}

static void
cleanup(void)
{
	int i;

	pdfdoc_free(G.doc);
	pdfdoc_free(G.scratch);
	tmemo_free();
	tmpl_free(G.t);
	tmpl_free(G.common);
	for (i = 0; flat_names != NULL && i < G.cfg.nunits; i++)
		free(flat_names[i]);
	free(flat_names);
	flat_names = NULL;
	config_release(&G.cfg);
	set_free(&G.ind);
	set_free(&G.sheet);
	for (i = 0; i < G.nunits; i++) {
		free(G.units[i].code);
		free(G.units[i].status);
		free(G.units[i].months_missing);
		free(G.units[i].revision);
	}
	free(G.units);
	for (i = 0; i < G.npareto; i++) {
		free(G.pareto[i].table);
		free(G.pareto[i].category);
	}
	free(G.pareto);
	for (i = 0; i < G.npch; i++)
		free(G.pch[i].indicator);
	free(G.pch);
	for (i = 0; i < G.nlowsample; i++)
		free(G.lowsample[i].unit);
	free(G.lowsample);
	free(G.sugg);
	status_list_release(&G.sl);
	free(G.pkind);
	free(G.months_text);
	free(G.prev_label);
	free(G.yoy_label);
	free(G.units_arg);
}

/*
 * The fonts baocao.ini names, checked once before any document: a wrong
 * path is one message naming it, not one per form.
 */
static int
fonts_readable(const struct config *c)
{
	const char *const f[] = { c->font_regular, c->font_bold,
		c->font_italic, c->font_bold_italic };
	size_t i, len;
	int rv = 0;
	char *data;

	char *ini = xasprintf("%s/baocao.ini", c->dir);

	/*
	 * The message names baocao.ini and the key's line (the mistake is
	 * there, SPEC §4), and the path it gives.
	 */
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const unsigned char *m;

		if (f[i] == NULL)
			continue;	/* the default, found at run time */
		if ((data = read_file(f[i], &len)) == NULL)
			diag_errorat(ini, c->font_line[i], 0, "cannot read the "
			    "font '%s' that [fonts] names:", f[i]);
		else if (len < 4)
			diag_errorat(ini, c->font_line[i], 0, "the font '%s' "
			    "that [fonts] names is empty", f[i]);
		else if (m = (const unsigned char *)data,
		    memcmp(m, "\0\1\0\0", 4) != 0 &&
		    memcmp(m, "true", 4) != 0) {
			/* else libharu's bare "error 0x105F" per document */
			diag_errorat(ini, c->font_line[i], 0, "'%s' that "
			    "[fonts] names is not a TrueType font (.ttf)",
			    f[i]);
			len = 0;
		}
		if (data == NULL || len < 4)
			rv = EXIT_USAGE;
		free(data);
	}
	free(ini);
	return rv;
}

/* The kinds of document, as --kind names them. */
static const struct {
	const char	*name;
	enum kind	 kind;
} kinds[] = {
	{ "bm", K_BM },
	{ "report", K_REPORT },
	{ "improvement", K_IMPROVEMENT },
};

/* A usage error naming NAME when the required option was not given. */
static void
require_option(const char *name, const char *value)
{
	if (value != NULL)
		return;
	/* a bare usage text leaves the user to find which one is missing */
	diag_plain("%s is required", name);
	usage(stderr, EXIT_USAGE);
}

/* Sets G from the options; *kind and *draft get their text. */
static void
parse_options(int argc, char *argv[], const char **kind, const char **draft)
{
	static const struct option longopts[] = {
		{ "all-units", no_argument, NULL, 'A' },
		{ "analysis", required_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "data", required_argument, NULL, 'D' },
		{ "date", required_argument, NULL, 'T' },
		{ "draft", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "indicators", required_argument, NULL, 'i' },
		{ "kind", required_argument, NULL, 'k' },
		{ "number", required_argument, NULL, 'n' },
		{ "period", required_argument, NULL, 'p' },
		{ "templates", required_argument, NULL, 't' },
		{ "unit", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A': G.all_units = 1; break;
		case 'D': G.data = optarg; break;
		case 'T': G.date_arg = optarg; break;
		case 'V':
			printf("baocao-pdf (baocao) %s\n", BAOCAO_VERSION);
			diag_exit_stdout(EXIT_OK);
		case 'a': G.analysis = optarg; break;
		case 'c': G.config_dir = optarg; break;
		case 'd': *draft = optarg; break;
		case 'h': usage(stdout, EXIT_OK);
		case 'i': G.indicators = optarg; break;
		case 'k': *kind = optarg; break;
		case 'n': G.number = optarg; break;
		case 'o': G.out = optarg; break;
		case 'p': G.period_arg = optarg; break;
		case 't': G.templates = optarg; break;
		case 'u':
			G.units_arg = xrealloc(G.units_arg,
			    (size_t)(G.nunits_arg + 1) * sizeof(char *));
			G.units_arg[G.nunits_arg++] = optarg;
			G.unit = optarg;
			break;
		default: usage(stderr, EXIT_USAGE);
		}
	}
	if (optind != argc) {
		diag_plain("unexpected argument '%s' (inputs go after "
		    "--indicators, --analysis and --data)", argv[optind]);
		usage(stderr, EXIT_USAGE);
	}
	require_option("--kind", *kind);
	require_option("--period", G.period_arg);
	require_option("--indicators", G.indicators);
	require_option("--analysis", G.analysis);
	require_option("--data", G.data);
	if (G.out == NULL)
		G.out = "-";	/* one document: standard output */
}

/* Sets G.kind from --kind's name; an unknown one is a usage error. */
static void
set_kind(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(name, kinds[i].name) == 0) {
			G.kind = kinds[i].kind;
			return;
		}
	diag_plain("unknown kind '%s': expected bm, report or improvement",
	    name);
	usage(stderr, EXIT_USAGE);
}

/* --unit and --all-units against the kind and -o; a usage error if wrong. */
static void
check_units(void)
{
	if (G.kind == K_BM && G.unit == NULL && !G.all_units) {
		diag_plain("--kind bm needs --unit with a unit code, or "
		    "--all-units");
		usage(stderr, EXIT_USAGE);
	}
	if (G.kind != K_BM && (G.unit != NULL || G.all_units)) {
		diag_plain("--unit and --all-units are for --kind bm");
		usage(stderr, EXIT_USAGE);
	}
	if (G.nunits_arg == 1 && !G.all_units && strstr(G.out, "{unit}") ==
	    NULL && !unit_code_valid(G.unit, strlen(G.unit))) {
		diag_plain("--kind bm needs --unit with a unit code");
		usage(stderr, EXIT_USAGE);
	}
	if (G.all_units && G.nunits_arg > 0) {
		diag_plain("--all-units and --unit exclude each other");
		usage(stderr, EXIT_USAGE);
	}
	if ((G.all_units || G.nunits_arg > 1) && strcmp(G.out, "-") == 0) {
		diag_plain("%s writes one file per unit: it needs -o DIR (a "
		    "directory) or -o PATTERN (a path with {unit}); standard "
		    "output takes one document", G.all_units ? "--all-units" :
		    "--unit given more than once");
		usage(stderr, EXIT_USAGE);
	}
}

/*
 * Several forms without {unit} go into the folder -o names: one that is
 * missing is said once, before anything is read, rather than once per
 * form as each fails to be created.
 */
static int
out_dir_ok(void)
{
	struct stat st;

	if (G.kind != K_BM || !(G.all_units || G.nunits_arg > 1) ||
	    strstr(G.out, "{unit}") != NULL)
		return 0;
	if (stat(G.out, &st) != 0) {
		if (errno == ENOENT)
			diag_errorat(G.out, 0, 0, "no such folder for -o: make "
			    "it first, or give -o PATTERN with {unit}");
		else
			diag_errorat(G.out, 0, 0, "cannot read the -o folder: "
			    "%s", strerror(errno));
		return EXIT_USAGE;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_errorat(G.out, 0, 0, "not a folder: several forms need "
		    "-o DIR (a folder) or -o PATTERN with {unit}");
		return EXIT_USAGE;
	}
	return 0;
}

/* The checks of the options that need no file: 0, or the exit status. */
static int
check_options(const char *kind, const char *draft)
{
	long v;

	set_kind(kind);
	check_units();
	if (out_dir_ok() != 0)
		return EXIT_USAGE;
	if (strcmp(G.out, "-") == 0 && isatty(STDOUT_FILENO)) {
		diag_plain("standard output is a terminal: give -o FILE.pdf "
		    "or redirect it (> FILE.pdf)");
		return EXIT_USAGE;
	}
	if (draft == NULL)
		return 0;
	if (num_option(draft, 0, 99, &v) != 0) {
		diag_plain("draft number is %s: expected 0 to 99", draft);
		return EXIT_USAGE;
	}
	G.draft = (int)v;
	return 0;
}

/* G's period from --period: 0, or the exit status. */
static int
set_period(struct period *per)
{
	const char *err;

	/* relative labels (previous-month, ...) count from today */
	if (period_parse(G.period_arg, G.cfg.cutoff_day, date_today(), per,
	    &err) != 0) {
		diag_plain("bad period '%s': %s", G.period_arg, err);
		return EXIT_USAGE;
	}
	period_label(per, G.label);
	period_title(per, G.title);
	G.first_day = per->first_day;
	G.last_day = per->last_day;
	G.first_month = per->first_month;
	G.last_month = per->last_month;
	G.last_folder = per->last_folder;
	if (G.kind == K_BM && per->kind != PK_MONTH) {
		diag_plain("BM.07.01 is monthly: '%s' is not a month",
		    G.period_arg);
		return EXIT_USAGE;
	}
	return 0;
}

/* common.ini and the kind's template, checked: 0, or the exit status. */
static int
load_templates(const char *kind)
{
	G.common = load_template("common");
	G.t = load_template(kind);
	if (G.common == NULL || G.t == NULL || lint_templates() > 0)
		return EXIT_USAGE;
	return 0;
}

/* The indicators, the analysis and the data: 0, or the exit status. */
static int
read_inputs(const struct period *per)
{
	int rv;

	if ((rv = read_indicators(G.indicators)) != 0 ||
	    (rv = read_analysis(G.analysis)) != 0)
		return rv;
	/* documents list units in the organization's order */
	if (G.nunits > 1)
		qsort(G.units, (size_t)G.nunits, sizeof(*G.units),
		    cmp_unitrow);
	if (G.nlowsample > 1)
		qsort(G.lowsample, (size_t)G.nlowsample,
		    sizeof(*G.lowsample), cmp_lowsample);
	/* the analysis is authoritative for the window */
	if (G.first_day == LONG_MIN)
		G.first_day = per->first_day;
	if (G.last_day == LONG_MIN)
		G.last_day = per->last_day;
	return read_data(G.data);
}

/* The document, or the forms of several units (-o DIR or PATTERN). */
static int
render_asked(void)
{
	if (G.kind == K_BM && (G.all_units || G.nunits_arg > 1 ||
	    strstr(G.out, "{unit}") != NULL))
		return render_units();
	if (G.kind == K_BM && !unit_ok(G.unit))
		return EXIT_DATA;
	return render();
}

/*
 * baocao-pdf renders one document of the kind asked for into -o OUT (or
 * standard output: no -o, or -o -), through a temporary file, so OUT is
 * either the whole new document or untouched; or, for BM.07.01 of several
 * units (--all-units, --unit more than once, a PATTERN with {unit}), one
 * form per unit into -o DIR or PATTERN (render_units()).
 */
#ifndef UNIT_TESTING
int
main(int argc, char *argv[])
{
	const char *kind = NULL, *draft = NULL;
	struct period per;
	int rv;

	diag_init(argv[0]);
	argv[0] = (char *)diag_prog();	/* getopt's messages: the bare name */
	G.config_dir = "config";
	parse_options(argc, argv, &kind, &draft);
	if ((rv = check_options(kind, draft)) != 0)
		return rv;
	if ((rv = config_load(&G.cfg, G.config_dir)) != 0 ||
	    (rv = fonts_readable(&G.cfg)) != 0 ||
	    (rv = set_period(&per)) != 0 ||
	    (rv = load_templates(kind)) != 0) {
		cleanup();
		return rv;
	}
	apply_layout();
	if ((rv = read_inputs(&per)) == 0 && (rv = pick_date()) == 0)
		rv = render_asked();
	cleanup();
	return rv;
}
#endif
