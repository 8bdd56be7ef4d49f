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
#include "norm.h"
#include "num.h"
#include "pdfdoc.h"
#include "period.h"
#include "schema.h"
#include "statuslist.h"
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

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: baocao-pdf --kind bm|report|improvement "
	    "--config DIR --period P\n"
	    "           --indicators CSV --analysis FILE --data NORM "
	    "[--unit U] [--draft N]\n"
	    "           [--number N] [--date YYYY-MM-DD] [--templates DIR] "
	    "-o OUT.pdf\n"
	    "       baocao-pdf --kind bm (--unit U ... | --all-units) ... "
	    "-o DIR | -o PATTERN\n");
	exit(status);
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

static const char *
unit_name(const char *code)
{
	const struct unit *u;

	if (strcmp(code, "*") == 0)
		return T("labels", "organization", "Toàn cơ quan");
	u = config_unit(&G.cfg, code);
	return u != NULL && u->name != NULL && *u->name ? u->name : code;
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
 * Formats the value of indicator name the Vietnamese way: rates and shares
 * as percentages, means with two decimals, hours with one, counts grouped.
 */
static char *
fmt_value(const char *name, double v, char *buf)
{
	const char *p;

	if (isnan(v)) {
		snprintf(buf, VNFMT_BUFSZ, "%s", T("labels", "absent", "-"));
		return buf;
	}
	if (strncmp(name, "objective.", 10) == 0 &&
	    (ends_with(name, ".value") || ends_with(name, ".target"))) {
		char obj[128];
		const struct objective *o;

		p = strrchr(name, '.');
		snprintf(obj, sizeof(obj), "%.*s", (int)(p - name - 10),
		    name + 10);
		o = objective_by_name(obj);
		if (o != NULL)
			return fmt_value(o->indicator, v, buf);
		return vn_num(v, 3, buf);
	}
	if (ends_with(name, "rate") || ends_with(name, "share") ||
	    ends_with(name, "rate_low") || ends_with(name, "rate_high"))
		return vn_pct(v, 1, buf);
	if (ends_with(name, ".mean"))
		return vn_fixed(v, 2, buf);
	if (ends_with(name, "hours"))
		return vn_num(v, 1, buf);
	if (v == floor(v) && fabs(v) < 9e18)
		return vn_int((long long)v, buf);
	return vn_num(v, 2, buf);
}

/*
 * An objective's result, with more decimals when rounding would make it
 * look equal to its target while it is not (94,96% against 95% must not
 * print as "95%" beside "Không đạt").
 */
static char *
fmt_result(const char *indicator, double v, double target, char *buf)
{
	char tb[VNFMT_BUFSZ];
	int dec;

	fmt_value(indicator, v, buf);
	if (isnan(v) || isnan(target) || v == target)
		return buf;
	fmt_value(indicator, target, tb);
	if (strcmp(buf, tb) != 0)
		return buf;
	for (dec = 2; dec <= 6; dec++) {
		if (ends_with(indicator, "rate") || ends_with(indicator, "share"))
			vn_pct(v, dec, buf);
		else
			vn_num(v, dec + 1, buf);
		if (ends_with(indicator, "rate") || ends_with(indicator, "share"))
			vn_pct(target, dec, tb);
		else
			vn_num(target, dec + 1, tb);
		if (strcmp(buf, tb) != 0)
			break;
	}
	return buf;
}

static int
is_rate(const char *name)
{
	return ends_with(name, "rate") || ends_with(name, "share");
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
	const char *const *k = tmpl_keys(G.t, sec, &(int){ 0 });
	int n = 0, i;
	char **v;

	k = tmpl_keys(G.t, sec, &n);
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
		diag_plain("cannot open '%s':", path);
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

/* One record of the analysis stream: keeps what the documents of G.label use. */
static int
analysis_record(struct norm_reader *r, void *arg)
{
	const char *path = r->name;
	char **f = r->f;

	(void)arg;
	if (r->nf < 2 || strcmp(f[1], G.label) != 0)
		return 0;
	if (!record_utf8(r)) {
		diag_errorat(path, r->line, 0, "invalid UTF-8");
		return 1;
	}
	if (strcmp(f[0], "period") == 0 && r->nf >= 9) {
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
	} else if (strcmp(f[0], "unit") == 0 && r->nf >= 6) {
		struct unitrow *u;

		G.units = xrealloc(G.units, (size_t)(G.nunits + 1) *
		    sizeof(*G.units));
		u = &G.units[G.nunits++];
		u->code = xstrdup(f[2]);
		u->status = xstrdup(f[3]);
		u->months_missing = xstrdup(f[4]);
		u->revision = xstrdup(f[5]);
	} else if (strcmp(f[0], "compare") == 0 && r->nf >= 9) {
		struct item *it = set_find(&G.ind, f[2], f[3]);

		if (it != NULL) {
			it->prev = num_or_nan(f[6]);
			it->yoy = num_or_nan(f[8]);
		}
	} else if (strcmp(f[0], "pareto") == 0 && r->nf >= 7) {
		struct pareto *p;

		G.pareto = xrealloc(G.pareto, (size_t)(G.npareto + 1) *
		    sizeof(*G.pareto));
		p = &G.pareto[G.npareto++];
		p->table = xstrdup(f[2]);
		p->category = xstrdup(f[3]);
		p->count = num_or_nan(f[4]);
		p->share = num_or_nan(f[5]);
		p->cum = num_or_nan(f[6]);
	} else if (strcmp(f[0], "pchart") == 0 && r->nf >= 11) {
		struct pchart *p;

		G.pch = xrealloc(G.pch, (size_t)(G.npch + 1) *
		    sizeof(*G.pch));
		p = &G.pch[G.npch++];
		p->indicator = xstrdup(f[2]);
		p->month = month_of_text(f[3]);
		p->p = num_or_nan(f[6]);
		p->center = num_or_nan(f[7]);
		p->lcl = num_or_nan(f[8]);
		p->ucl = num_or_nan(f[9]);
		p->out = strcmp(f[10], "1") == 0;
	} else if (strcmp(f[0], "lowsample") == 0 && r->nf >= 4) {
		struct lowsample *l;

		G.lowsample = xrealloc(G.lowsample,
		    (size_t)(G.nlowsample + 1) * sizeof(*G.lowsample));
		l = &G.lowsample[G.nlowsample++];
		l->unit = xstrdup(f[2]);
		l->responses = num_or_nan(f[3]);
	}
	return 0;
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
	while ((w = status_list_next(&G.sl, G.last_month, &pos, &first)) !=
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
		it->text = xstrdup(f[4]);
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
		if (folder == LONG_MIN || folder > G.last_month)
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

static struct pdf_style ST_BODY = { PF_REGULAR, 13, PA_JUSTIFY, 1.2,
    10, 0, 1.5, 0 };
static struct pdf_style ST_H1 = { PF_BOLD, 13, PA_LEFT, 1.2, 0, 4, 2, 0 };
static struct pdf_style ST_H2 = { PF_BOLD, 13, PA_LEFT, 1.2, 0, 2.5,
    1.5, 0 };
static struct pdf_style ST_H3 = { PF_BOLDITALIC, 13, PA_LEFT, 1.2, 0,
    1.5, 1, 0 };
static struct pdf_style ST_NOTE = { PF_ITALIC, 12, PA_JUSTIFY, 1.2, 0,
    1, 1.5, 0 };

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
	if (compact) {
		/* smaller and tighter, to fit a form on one page */
		double k = compact == 1 ? 1 : 1.5;

		if (tab_head_pt > 0)
			tab_head_pt -= k;
		body -= k;
		head -= k;
		tab -= k;
		gap *= 0.5;
		sign_space *= compact == 1 ? 0.8 : 0.75;
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

/*
 * The header of Decree 30/2020: agency on the left, the national motto and
 * the date line on the right.
 */
static void
admin_header(void)
{
	struct pdf_style reg = { PF_REGULAR, 13, PA_CENTER, 1.15, 0, 0, 0, 1 };
	struct pdf_style bold = { PF_BOLD, 13, PA_CENTER, 1.15, 0, 0, 0, 1 };
	struct pdf_style motto = { PF_BOLD, 12, PA_CENTER, 1.15, 0, 0, 0, 0 };
	struct pdf_style m2s = { PF_BOLD, 13, PA_CENTER, 1.15, 0, 0, 0, 0 };
	struct pdf_style ital = { PF_ITALIC, 13, PA_CENTER, 1.15, 0, 0, 0, 1 };
	const char *m1 = T("header", "motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	const char *m2 = T("header", "motto2", "Độc lập - Tự do - Hạnh phúc");
	double rw, lw, y0, yl, yr, w;
	char *parent = upper(G.cfg.parent ? G.cfg.parent : "");
	char *name = upper(G.cfg.name ? G.cfg.name : "");
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
	if (*parent != '\0')
		yl = pdfdoc_text_at(G.doc, &reg, 0, lw, yl, parent);
	yl = pdfdoc_text_at(G.doc, &bold, 0, lw, yl, name);
	w = fmin(pdfdoc_text_width(G.doc, PF_BOLD, 13, name), lw) / 3;
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
	free(num);
	free(dl);
}

static void
title_block(const char *title, const char *subject)
{
	struct pdf_style t = { PF_BOLD, 14, PA_CENTER, 1.2, 0, 0, 0, 0 };
	struct pdf_style s = { PF_BOLD, 14, PA_CENTER, 1.2, 0, 0, 0, 1 };
	double w, y;

	pdfdoc_para(G.doc, &t, title);
	/* the subject in lines of even length, on this page (the first) */
	y = pdfdoc_text_at(G.doc, &s, 0, PDF_BODY_W, pdfdoc_y(G.doc),
	    subject);
	pdfdoc_set_y(G.doc, y);
	w = 40;
	pdfdoc_rule(G.doc, PDF_BODY_W / 2 - w / 2, PDF_BODY_W / 2 + w / 2,
	    pdfdoc_y(G.doc) + 1.8, 0.6);
	pdfdoc_space(G.doc, 6);
}

/*
 * The closing paragraph (may be ""), then "Nơi nhận" on the left and the
 * signer on the right, all kept on one page so that the signature never
 * stands alone on the last page.
 */
static void
closing(const struct signer *sg, const char *last_para)
{
	struct pdf_style head = { PF_BOLDITALIC, 12, PA_LEFT, 1.15, 0, 0, 0, 0 };
	struct pdf_style rec = { PF_REGULAR, 11, PA_LEFT, 1.15, 0, 0, 0, 0 };
	struct pdf_style sb = { PF_BOLD, 13, PA_CENTER, 1.15, 0, 0, 0, 0 };
	struct pdf_style nm = { PF_BOLD, 14, PA_CENTER, 1.15, 0, 0, 0, 0 };
	/* Nơi nhận on the left, 4 mm clear of the signer's column */
	double lw = 71, rw = PDF_BODY_W - 75, rx = 75, hl = 0, hr, y, yl, yr;
	struct sbuf lines = SBUF_INIT;
	const char *sign[3];
	int i;

	sign[0] = sg->authority;
	sign[1] = sg->deputy;
	sign[2] = sg->title;
	for (i = 0; i < G.cfg.nrecipients; i++)
		sbuf_printf(&lines, "- %s;\n", G.cfg.recipients[i]);
	sbuf_printf(&lines, "- %s %s.", T("closing", "archive", "Lưu:"),
	    G.cfg.archive != NULL && *G.cfg.archive ? G.cfg.archive : "VT");
	hl = pdfdoc_text_height(G.doc, &head, lw, T("closing", "recipients",
	    "Nơi nhận:")) + pdfdoc_text_height(G.doc, &rec, lw,
	    sbuf_str(&lines));
	hr = 3 * 6 + atof(T("closing", "signature_space_mm", "30")) + 7;
	if (*last_para != '\0') {
		pdfdoc_ensure(G.doc, pdfdoc_text_height(G.doc, &ST_BODY,
		    PDF_BODY_W, last_para) + 4 + fmax(hl, hr) + 2);
		pdfdoc_para(G.doc, &ST_BODY, last_para);
	}
	pdfdoc_space(G.doc, 4);
	pdfdoc_ensure(G.doc, fmax(hl, hr) + 2);
	y = pdfdoc_y(G.doc);
	yl = pdfdoc_text_at(G.doc, &head, 0, lw, y + 0.5,
	    T("closing", "recipients", "Nơi nhận:"));
	yl = pdfdoc_text_at(G.doc, &rec, 0, lw, yl, sbuf_str(&lines));
	yr = y;
	for (i = 0; i < 3; i++) {
		char *u;

		if (sign[i] == NULL || *sign[i] == '\0')
			continue;
		u = upper(sign[i]);
		yr = pdfdoc_text_at(G.doc, &sb, rx, rw, yr, u);
		free(u);
	}
	yr += atof(T("closing", "signature_space_mm", "30"));
	if (sg->name != NULL)
		yr = pdfdoc_text_at(G.doc, &nm, rx, rw, yr, sg->name);
	pdfdoc_set_y(G.doc, fmax(yl, yr));
	sbuf_release(&lines);
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

/* The units of the report in the order of the analysis (byte order of code). */
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

/* Begins rows: the header and the first row must fit under the headings. */
static void
first_row(const char *const *cells, enum pdf_face face)
{
	flush_headings(pdfdoc_table_height(G.doc, cells, face));
	pdfdoc_table_row(G.doc, cells, face);
}

/*
 * The tables of the report and the improvement summary are held until
 * tbl_end(), then measured (in the scratch document, which only measures)
 * and drawn: a table no taller than [layout] keep_table_mm is kept on one
 * page with its title, a longer one starts only where its header and
 * first rows (keep_rows) fit, so that a page never ends with a title and
 * one row, nor starts with a short table's last row. BM.07.01 draws its
 * rows at once (its trial layouts use the scratch document).
 */
static struct {
	int		 on, ncols, n, cap;
	double		*w, size;
	enum pdf_align	*al;
	char		**head;		/* NULL: no header */
	char		**cells;	/* n rows of ncols */
	enum pdf_face	*face;
} TB;

static struct pdfdoc *scratch_doc(void);

static void
tbl_begin(int ncols, const double *w, const enum pdf_align *al, double size,
    const char *const *head)
{
	int i;

	pdfdoc_table_begin(G.doc, ncols, w, al, size, head);
	if (G.kind == K_BM || ncols < 1)
		return;
	TB.on = 1;
	TB.ncols = ncols;
	TB.size = size;
	TB.n = 0;
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
	if (with_head)
		pdfdoc_table_header_size(m, tab_head_pt);
	pdfdoc_table_begin(m, TB.ncols, TB.w, TB.al, TB.size,
	    with_head ? (const char *const *)TB.head : NULL);
	y = pdfdoc_y(m);
	for (i = 0; i < n && first + i < TB.n; i++) {
		double y2;

		pdfdoc_table_row(m, (const char *const *)TB.cells +
		    (size_t)(first + i) * TB.ncols, TB.face[first + i]);
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

static void
tbl_end(void)
{
	double *h, need = 0, keep;
	int i, k, last;

	if (!TB.on) {
		pdfdoc_table_end(G.doc);
		return;
	}
	TB.on = 0;
	if (TB.n > 0) {
		h = xcalloc((size_t)TB.n, sizeof(*h));
		keep = atof(T("layout", "keep_table_mm", "90"));
		k = atoi(T("layout", "keep_rows", "3"));
		if (tbl_heights(0, TB.n, 1, h) == TB.n) {
			for (i = 0; i < TB.n; i++)
				need += h[i];
			if (need > keep) {
				for (need = 0, i = 0; i < TB.n && i < k; i++)
					need += h[i];
			}
		} else
			need = pdfdoc_table_height(G.doc,
			    (const char *const *)TB.cells, TB.face[0]);
		last = atoi(T("layout", "keep_last_rows", "3"));
		flush_headings(need);
		for (i = 0; i < TB.n; i++) {
			/* the last rows (the total among them) go together */
			if (last > 1 && i == TB.n - last && i >= k)
				pdfdoc_table_keep(G.doc, tbl_rows_height(i, last));
			pdfdoc_table_row(G.doc, (const char *const *)TB.cells +
			    (size_t)i * TB.ncols, TB.face[i]);
		}
		free(h);
	}
	pdfdoc_table_end(G.doc);
	for (i = 0; i < TB.n * TB.ncols; i++)
		free(TB.cells[i]);
	if (TB.head != NULL)
		free_strv(TB.head, TB.ncols);
	free(TB.cells);
	free(TB.face);
	free(TB.w);
	free(TB.al);
	memset(&TB, 0, sizeof(TB));
}

/* A row, the first of its table through first_row(); held in a report. */
static void
table_row(int *nrows, const char *const *cells, enum pdf_face face)
{
	if (TB.on) {
		int i;

		if (TB.n == TB.cap) {
			TB.cap = TB.cap ? 2 * TB.cap : 16;
			TB.cells = xrealloc(TB.cells, (size_t)TB.cap *
			    (size_t)TB.ncols * sizeof(*TB.cells));
			TB.face = xrealloc(TB.face, (size_t)TB.cap *
			    sizeof(*TB.face));
		}
		for (i = 0; i < TB.ncols; i++)
			TB.cells[(size_t)TB.n * TB.ncols + i] = xstrdup(
			    cells[i] != NULL ? cells[i] : "");
		TB.face[TB.n++] = face;
		(*nrows)++;
		return;
	}
	if ((*nrows)++ == 0)
		first_row(cells, face);
	else
		pdfdoc_table_row(G.doc, cells, face);
}

/* A paragraph, after the headings above it (kept with two lines of it). */
static void
para(const struct pdf_style *st, const char *text)
{
	flush_headings(2 * st->size * 1.2 * 25.4 / 72 + st->before);
	pdfdoc_para(G.doc, st, text);
}

/*
 * BM with [layout] section_column_mm: the table of one row in the band
 * right of a column that holds its numbered title, the title's cell as tall
 * as the header and value rows together, all kept on one page. Returns 0
 * (nothing drawn) when that layout is off or the title would be taller
 * than the table; the caller then draws a heading and the table.
 */
static int
section_table(int number, const char *title, int ncols, const double *w,
    const enum pdf_align *al, const char *const *head,
    const char *const *cells)
{
	struct pdf_style ts = { PF_BOLD, TABLE_PT, PA_LEFT, 1.2, 0, 0, 0, 0 };
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
	flush_headings(ht + section_gap);
	pdfdoc_space(G.doc, section_gap);
	pdfdoc_ensure(G.doc, ht);
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
 * "columns" (comma-separated indicator names) and one key per indicator
 * giving its column header. BM: one row for the unit. Report: a row per
 * unit that has any of the values (and missing units), then the
 * organization.
 */
static int
block_table(const char *sec, int number)
{
	char *cols_s = xstrdup(T(sec, "columns", "")), **cols;
	int n = split_list(cols_s, &cols), i, j, ncells, shown = 0, nreq;
	int banded = 0;		/* drawn by section_table() */
	int tbl_ended = 0;
	char *req_s, **req, **marked;
	const char **head, **cells;
	double *w;
	enum pdf_align *al;
	char **vals;

	if (n == 0) {
		free(cols);
		free(cols_s);
		return 0;
	}
	req_s = xstrdup(T(sec, "require", ""));
	nreq = split_list(req_s, &req);
	if (G.kind == K_BM) {
		for (i = 0; i < n; i++)
			if (!isnan(ind(G.unit, cols[i])))
				break;
		if (i < n && nreq > 0) {
			int k;

			for (k = 0; k < nreq; k++)
				if (ind(G.unit, req[k]) > 0)
					break;
			if (k == nreq)
				i = n;	/* e.g. no survey this month */
		}
		if (i == n) {
			free(cols);
			free(cols_s);
			free(req);
			free(req_s);
			return 0;	/* the unit has no such section */
		}
	}
	ncells = G.kind == K_BM ? n : n + 1;
	head = xcalloc((size_t)ncells, sizeof(*head));
	cells = xcalloc((size_t)ncells, sizeof(*cells));
	vals = xcalloc((size_t)ncells, sizeof(*vals));
	marked = xcalloc((size_t)n, sizeof(*marked));
	w = xcalloc((size_t)ncells, sizeof(*w));
	al = xcalloc((size_t)ncells, sizeof(*al));
	for (i = 0; i < ncells; i++)
		vals[i] = xmalloc(VNFMT_BUFSZ);
	j = 0;
	if (G.kind != K_BM) {
		head[0] = T("labels", "unit_column", "Đơn vị");
		w[0] = atof(T(sec, "unit_width", "3"));
		al[0] = PA_LEFT;
		j = 1;
	}
	{
		/* relative column widths: [sec] widths = 1.5, 1, ... */
		char *ws = xstrdup(T(sec, "widths", "")), **wv;
		int nw = split_list(ws, &wv);

		for (i = 0; i < n; i++, j++) {
			head[j] = T(sec, cols[i], cols[i]);
			w[j] = i < nw ? atof(wv[i]) : 1;
			if (!(w[j] >= 0.2 && w[j] <= 10))
				w[j] = 1;
			al[j] = PA_CENTER;
		}
		free(wv);
		free(ws);
	}
	if (G.kind == K_BM) {
		const char *note = T(sec, "lowsample_note", "");
		const char *mcol = T(sec, "lowsample_column",
		    "satisfaction.rate");
		int low = *note != '\0' && is_lowsample(G.unit);

		for (i = 0; i < n; i++) {
			cells[i] = fmt_value(cols[i], ind(G.unit, cols[i]),
			    vals[i]);
			/* a rate on fewer than 30 responses: marked, noted */
			if (low && strcmp(cols[i], mcol) == 0 &&
			    !isnan(ind(G.unit, cols[i])))
				cells[i] = marked[i] = xasprintf("%s%s",
				    cells[i], T(sec, "lowsample_mark", " (*)"));
		}
		if (section_table(number, T(sec, "title", sec), ncells, w, al,
		    head, cells))
			shown = banded = 1;
		else {
			block_heading(&ST_H2, number, T(sec, "title", sec));
			tbl_begin(ncells, w, al, TABLE_PT,
			    head);
			table_row(&shown, cells, PF_REGULAR);
		}
		if (low && shown) {
			tbl_end();
			tbl_ended = 1;
			pdfdoc_para(G.doc, &ST_NOTE, note);
		}
	} else {
		block_heading(&ST_H2, number, T(sec, "title", sec));
		tbl_begin(ncells, w, al, TABLE_PT, head);
		int u;

		for (u = 0; u <= G.nunits; u++) {
			const char *code = u < G.nunits ? G.units[u].code : "*";
			int any = 0;
			char *lab;

			for (i = 0; i < n; i++)
				if (!isnan(ind(code, cols[i])))
					any = 1;
			if (!any && (u == G.nunits ||
			    strcmp(G.units[u].status, "missing") != 0))
				continue;
			if (nreq > 0 && u < G.nunits) {
				for (i = 0; i < nreq; i++)
					if (ind(code, req[i]) > 0)
						break;
				if (i == nreq)
					continue;	/* nothing to show */
			}
			lab = unit_label(code);
			cells[0] = lab;
			for (i = 0; i < n; i++)
				cells[i + 1] = fmt_value(cols[i],
				    ind(code, cols[i]), vals[i + 1]);
			table_row(&shown, cells,
			    u == G.nunits ? PF_BOLD : PF_REGULAR);
			free(lab);
		}
	}
	if (!tbl_ended)
		tbl_end();
	if (!banded)
		pdfdoc_space(G.doc, 3);
	free_strv(vals, ncells);
	for (i = 0; i < n; i++)
		free(marked[i]);
	free(marked);
	free(head);
	free(cells);
	free(w);
	free(al);
	free(cols);
	free(cols_s);
	free(req);
	free(req_s);
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

/*
 * BM: the unit's objectives, one row each (objective, target, result,
 * met). Report: the objectives with the organization's result, then a
 * matrix of units by objective ("MT1", ...) whose cells hold the unit's
 * result and whether it met its target (with the target when it differs
 * from the organization's).
 */
static int
block_objectives(int number)
{
	const char *head[16];
	double w[16];
	enum pdf_align al[16];
	const struct objective *obj[16];
	char b[4][VNFMT_BUFSZ];
	int u, i, k, nobj = 0, nrows = 0;

	for (i = 0; i < G.cfg.nobjectives && nobj < 15; i++) {
		const struct objective *o = &G.cfg.objectives[i];

		if (G.kind == K_BM) {
			if (!isnan(objective_ind(G.unit, o, "target")))
				obj[nobj++] = o;
			continue;
		}
		for (u = 0; u <= G.nunits; u++) {
			const char *code = u < G.nunits ? G.units[u].code : "*";

			if (!isnan(objective_ind(code, o, "target"))) {
				obj[nobj++] = o;
				break;
			}
		}
	}
	if (nobj == 0)
		return 0;
	block_heading(&ST_H2, number, T("objectives", "title",
	    "Thực hiện mục tiêu chất lượng"));
	/* the objectives: one row each */
	k = 0;
	if (G.kind != K_BM) {
		head[k] = T("objectives", "code", "Ký hiệu");
		w[k] = 1.1;
		al[k++] = PA_CENTER;
	}
	head[k] = T("objectives", "objective", "Mục tiêu chất lượng");
	w[k] = G.kind == K_BM ? 10 : 6;
	al[k++] = PA_LEFT;
	head[k] = T("objectives", "target", "Chỉ tiêu");
	w[k] = G.kind == K_BM ? 1.4 : 1.5;
	al[k++] = PA_CENTER;
	head[k] = G.kind == K_BM ? T("objectives", "value", "Kết quả") :
	    T("objectives", "value_org", "Kết quả toàn cơ quan");
	w[k] = 1.6;
	al[k++] = PA_CENTER;
	head[k] = T("objectives", "met", "Đánh giá");
	w[k] = 1.6;
	al[k++] = PA_CENTER;
	tbl_begin(k, w, al, TABLE_PT, head);
	for (i = 0; i < nobj; i++) {
		const struct objective *o = obj[i];
		const char *code = G.kind == K_BM ? G.unit : "*";
		double t = objective_ind(code, o, "target");
		const char *cells[5];
		char *tt, *mt = xasprintf("MT%d", i + 1);
		int c = 0;

		if (isnan(t))
			t = o->target;
		tt = target_text(o, t);
		if (G.kind != K_BM)
			cells[c++] = mt;
		cells[c++] = o->label != NULL ? o->label : o->name;
		cells[c++] = tt;
		cells[c++] = fmt_result(o->indicator,
		    objective_ind(code, o, "value"), t, b[0]);
		cells[c++] = isnan(objective_ind(code, o, "target")) ?
		    T("labels", "absent", "-") :
		    met_text(objective_ind(code, o, "met"));
		table_row(&nrows, cells, PF_REGULAR);
		free(tt);
		free(mt);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
	if (G.kind == K_BM)
		return nobj;
	/* the matrix of units */
	heading(&ST_H3, T("objectives", "matrix_title",
	    "Kết quả theo đơn vị"));
	head[0] = T("labels", "unit_column", "Đơn vị");
	w[0] = 2.1;
	al[0] = PA_LEFT;
	for (i = 0; i < nobj; i++) {
		head[i + 1] = xasprintf("MT%d", i + 1);
		w[i + 1] = 1;
		al[i + 1] = PA_CENTER;
	}
	tbl_begin(nobj + 1, w, al, TABLE_PT - 1.5, head);
	nrows = 0;
	for (u = 0; u <= G.nunits; u++) {
		const char *code = u < G.nunits ? G.units[u].code : "*";
		const char *cells[16];
		char *own[16];
		int any = 0;

		for (i = 0; i < nobj; i++) {
			double t = objective_ind(code, obj[i], "target");
			double v = objective_ind(code, obj[i], "value");
			double base = objective_ind("*", obj[i], "target");

			own[i] = NULL;
			if (isnan(t)) {
				cells[i + 1] = "";
				continue;
			}
			any = 1;
			if (isnan(v)) {
				cells[i + 1] = T("labels", "absent", "-");
				continue;
			}
			if (!isnan(base) && t != base) {
				char *tt = target_text(obj[i], t);

				own[i] = xasprintf("%s\n%s\n(%s)",
				    fmt_result(obj[i]->indicator, v, t, b[0]),
				    met_text(objective_ind(code, obj[i],
				    "met")), tt);
				free(tt);
			} else
				own[i] = xasprintf("%s\n%s",
				    fmt_result(obj[i]->indicator, v, t, b[0]),
				    met_text(objective_ind(code, obj[i],
				    "met")));
			cells[i + 1] = own[i];
		}
		if (any) {
			char *lab = unit_label(code);

			cells[0] = lab;
			table_row(&nrows, cells,
			    strcmp(code, "*") == 0 ? PF_BOLD : PF_REGULAR);
			free(lab);
		}
		for (i = 0; i < nobj; i++)
			free(own[i]);
	}
	tbl_end();
	for (i = 0; i < nobj; i++)
		free((char *)head[i + 1]);
	flush_headings(0);
	pdfdoc_space(G.doc, 3);
	return nobj;
}

/* The narrative keys of a unit, each as a labelled paragraph. */
static int
narrative_of(const char *code, int with_unit)
{
	char **keys;
	int n = keys_of("narrative_labels", &keys), i, shown = 0, last = -1;
	char key[128];

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "narrative.%s", keys[i]);
		if (sheet_text(code, key) != NULL)
			last = i;
	}
	for (i = 0; i < n; i++) {
		const char *text;
		double need = 2 * ST_BODY.size * 1.2 * 25.4 / 72;

		snprintf(key, sizeof(key), "narrative.%s", keys[i]);
		text = sheet_text(code, key);
		if (text == NULL)
			continue;
		if (shown == 0 && with_unit)
			heading(&ST_H3, unit_name(code));
		if (i == last && keep_after > 0) {
			/* the last paragraph stays with what follows it */
			char *all = xasprintf("%s %s", T("narrative_labels",
			    keys[i], keys[i]), text);
			double h = pdfdoc_text_height(G.doc, &ST_BODY,
			    PDF_BODY_W, all) + keep_after;

			if (h < PDF_PAGE_H - PDF_MARGIN_TOP - PDF_MARGIN_BOT -
			    20)
				need = h;
			free(all);
		}
		flush_headings(need);
		pdfdoc_para_lead(G.doc, &ST_BODY, with_unit ? PF_ITALIC :
		    PF_BOLD, T("narrative_labels", keys[i], keys[i]), text);
		shown++;
	}
	free_strv(keys, n);
	return shown;
}

static int
block_narrative(int number)
{
	int u, any = 0;

	if (G.kind == K_BM) {
		int i;
		char **keys;
		int n = keys_of("narrative_labels", &keys);
		char key[128];

		for (i = 0; i < n; i++) {
			snprintf(key, sizeof(key), "narrative.%s", keys[i]);
			if (sheet_text(G.unit, key) != NULL)
				any = 1;
		}
		free_strv(keys, n);
		if (!any)
			return 0;
		block_heading(&ST_H2, number, T("narrative", "title",
		    "Đánh giá, nhận xét"));
		return narrative_of(G.unit, 0);
	}
	for (u = 0; u < G.nunits; u++)
		any += narrative_of(G.units[u].code, 1);
	if (any == 0)
		para(&ST_BODY, T("narrative", "none",
		    "Không có đơn vị nào gửi đánh giá."));
	return any;
}

/* Who submitted, who is missing, who sent only some months. */
static int
block_submission(int number)
{
	const char *head[3];
	double w[3] = { 4, 2, 3 };
	enum pdf_align al[3] = { PA_LEFT, PA_CENTER, PA_LEFT };
	int i, expected = 0, sent = 0, missing = 0, incomplete = 0, nrows = 0;
	struct sbuf msg = SBUF_INIT, names = SBUF_INIT;
	char b1[VNFMT_BUFSZ];

	for (i = 0; i < G.nunits; i++) {
		const char *s = G.units[i].status;

		if (strcmp(s, "register") == 0)
			continue;
		expected++;
		if (strcmp(s, "missing") == 0)
			missing++;
		else
			sent++;
		if (strcmp(s, "incomplete") == 0)
			incomplete++;
	}
	sbuf_printf(&msg, "%s %s; ", T("submission", "expected",
	    "Số đơn vị phải báo cáo:"), vn_int(expected, b1));
	sbuf_printf(&msg, "%s %s; ", T("submission", "submitted",
	    "đã gửi báo cáo:"), vn_int(sent, b1));
	sbuf_printf(&msg, "%s %s", T("submission", "missing_count",
	    "chưa gửi:"), vn_int(missing, b1));
	if (missing > 0) {
		for (i = 0; i < G.nunits; i++)
			if (strcmp(G.units[i].status, "missing") == 0)
				sbuf_printf(&names, "%s%s", names.len ? ", " :
				    "", unit_name(G.units[i].code));
		sbuf_printf(&msg, " (%s)", sbuf_str(&names));
	}
	if (incomplete > 0) {
		sbuf_reset(&names);
		for (i = 0; i < G.nunits; i++)
			if (strcmp(G.units[i].status, "incomplete") == 0)
				sbuf_printf(&names, "%s%s", names.len ? ", " :
				    "", unit_name(G.units[i].code));
		sbuf_printf(&msg, "; %s %s (%s)", T("submission",
		    "incomplete_count", "gửi chưa đủ các tháng:"),
		    vn_int(incomplete, b1), sbuf_str(&names));
	}
	sbuf_addc(&msg, '.');
	para(&ST_BODY, sbuf_str(&msg));
	if (G.pkind != NULL && strcmp(G.pkind, "range") == 0) {
		/* SPEC §5: a range says which months' sheets it took */
		struct sbuf ms = SBUF_INIT;
		char *m = xstrdup(G.months_text ? G.months_text : ""), *p = m;
		char *tok, *t;

		while ((tok = strsep(&p, ",")) != NULL) {
			long mm = month_of_text(tok);

			if (mm != LONG_MIN)
				sbuf_printf(&ms, "%s%s", ms.len ? ", " : "",
				    vn_month(mm, b1));
		}
		if (ms.len > 0)
			t = xasprintf("%s %s.", T("submission", "range_months",
			    "Số liệu biểu tháng BM.07.01 lấy từ các tháng nằm "
			    "trọn trong kỳ:"), sbuf_str(&ms));
		else
			t = xstrdup(T("submission", "range_no_months",
			    "Không có tháng nào nằm trọn trong kỳ: báo cáo chỉ "
			    "gồm số liệu các sổ theo dõi tính theo ngày."));
		para(&ST_BODY, t);
		free(t);
		free(m);
		sbuf_release(&ms);
	}
	head[0] = T("labels", "unit_column", "Đơn vị");
	head[1] = T("submission", "status", "Tình trạng");
	head[2] = T("submission", "note", "Ghi chú");
	tbl_begin(3, w, al, TABLE_PT, head);
	for (i = 0; i < G.nunits; i++) {
		const struct unitrow *u = &G.units[i];
		const char *cells[3];
		char key[64], *note = NULL;

		snprintf(key, sizeof(key), "status_%s", u->status);
		cells[0] = unit_name(u->code);
		cells[1] = T("submission", key, u->status);
		if (*u->months_missing != '\0') {
			/* "2024-10,2024-11" → "10/2024, 11/2024" */
			struct sbuf sb = SBUF_INIT;
			char *m = xstrdup(u->months_missing), *p = m, *tok;

			while ((tok = strsep(&p, ",")) != NULL) {
				long mm = month_of_text(tok);

				if (mm != LONG_MIN)
					sbuf_printf(&sb, "%s%s", sb.len ? ", " :
					    "", vn_month(mm, b1));
			}
			note = xasprintf("%s %s", T("submission",
			    "months_missing", "Thiếu tháng"), sbuf_str(&sb));
			sbuf_release(&sb);
			free(m);
		} else if (*u->revision != '\0' && strcmp(u->revision, "1"))
			note = xasprintf("%s %s", T("submission", "revision",
			    "Bản gửi lần"), u->revision);
		cells[2] = note != NULL ? note : "";
		table_row(&nrows, cells, PF_REGULAR);
		free(note);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
	sbuf_release(&msg);
	sbuf_release(&names);
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

/* Organization indicators against the previous period and a year before. */
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
	int nrows = 0;

	if (n == 0)
		goto out;
	heading(&ST_H3, T(sec, "title", "So sánh"));
	head[0] = T("compare", "indicator", "Chỉ tiêu (toàn cơ quan)");
	head[1] = T("compare", "current", "Kỳ này");
	head[2] = hp;
	head[3] = T("compare", "change", "Tăng (+), giảm (-)");
	head[4] = hy;
	head[5] = T("compare", "change", "Tăng (+), giảm (-)");
	tbl_begin(6, w, al, TABLE_PT, head);
	for (i = 0; i < n; i++) {
		struct item *it = set_find(&G.ind, "*", cols[i]);
		char b[5][VNFMT_BUFSZ];
		const char *cells[6];
		double v = it ? it->v : NAN, p = it ? it->prev : NAN;
		double y = it ? it->yoy : NAN;

		cells[0] = T(sec, cols[i], cols[i]);
		cells[1] = fmt_value(cols[i], v, b[0]);
		cells[2] = fmt_value(cols[i], p, b[1]);
		cells[3] = isnan(v) || isnan(p) ? T("labels", "absent", "-") :
		    vn_delta(v - p, is_rate(cols[i]), b[2]);
		cells[4] = fmt_value(cols[i], y, b[3]);
		cells[5] = isnan(v) || isnan(y) ? T("labels", "absent", "-") :
		    vn_delta(v - y, is_rate(cols[i]), b[4]);
		table_row(&nrows, cells, PF_REGULAR);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
out:
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
	if (n > 0) {
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
		if (total > 0 && strcmp(T(sec, "chart", "yes"), "yes") == 0) {
			flush_headings(85);
			pdfdoc_chart_pareto(G.doc, T(sec, "chart_title",
			    "Biểu đồ Pareto"), n, labels, counts, cums, 55,
			    T(sec, "legend", "Số lượng|Tỷ lệ tích lũy|80%"));
		}
	}
	free(labels);
	free(counts);
	free(cums);
	return n;
}

static int
block_pchart(const char *indicator, int number)
{
	const char **labels;
	char **lab;
	double *p, *lcl, *ucl, center = NAN;
	int *out, i, n = 0, nout = 0;
	char sec[96];
	struct sbuf note = SBUF_INIT;
	char b[VNFMT_BUFSZ];

	snprintf(sec, sizeof(sec), "pchart.%s", indicator);
	labels = xcalloc((size_t)G.npch + 1, sizeof(*labels));
	lab = xcalloc((size_t)G.npch + 1, sizeof(*lab));
	p = xcalloc((size_t)G.npch + 1, sizeof(double));
	lcl = xcalloc((size_t)G.npch + 1, sizeof(double));
	ucl = xcalloc((size_t)G.npch + 1, sizeof(double));
	out = xcalloc((size_t)G.npch + 1, sizeof(int));
	for (i = 0; i < G.npch; i++) {
		const struct pchart *c = &G.pch[i];

		if (strcmp(c->indicator, indicator) != 0)
			continue;
		lab[n] = xasprintf("%02d/%02d", month_mon(c->month),
		    month_year(c->month) % 100);
		labels[n] = lab[n];
		p[n] = c->p;
		lcl[n] = c->lcl;
		ucl[n] = c->ucl;
		out[n] = c->out;
		if (!isnan(c->center))
			center = c->center;
		if (c->out) {
			sbuf_printf(&note, "%s%s (%s)", nout ? ", " : "",
			    vn_month(c->month, b), vn_pct(c->p, 1, b + 32));
			nout++;
		}
		n++;
	}
	if (n > 0) {
		int any = 0;

		for (i = 0; i < n; i++)
			any |= !isnan(p[i]);
		if (any) {
			flush_headings(80);
			pdfdoc_chart_pchart(G.doc, T(sec, "title", "Biểu đồ p"),
			    n, labels, p, center, lcl, ucl, out, 50,
			    T("pchart", "legend", "Tỷ lệ tháng|Đường tâm|Giới "
			    "hạn kiểm soát (±3σ)|Ngoài giới hạn"));
			if (nout > 0) {
				char *s = xasprintf("%s %s.", T("pchart",
				    "outside", "Tháng nằm ngoài giới hạn kiểm "
				    "soát:"), sbuf_str(&note));

				para(&ST_NOTE, s);
				free(s);
			} else {
				char *s = xasprintf("%s", T("pchart", "inside",
				    "Không có tháng nào nằm ngoài giới hạn "
				    "kiểm soát."));

				para(&ST_NOTE, s);
				free(s);
			}
		}
	}
	for (i = 0; i < n; i++)
		free(lab[i]);
	free(lab); free(labels); free(p); free(lcl); free(ucl); free(out);
	sbuf_release(&note);
	return n;
}

/* Satisfaction by unit against each unit's target. */
static int
block_satisfaction_chart(int number)
{
	struct pdf_bar *bars;
	const struct objective *obj = NULL;
	int i, n = 0;

	for (i = 0; i < G.cfg.nobjectives; i++)
		if (strcmp(G.cfg.objectives[i].indicator,
		    "satisfaction.rate") == 0) {
			obj = &G.cfg.objectives[i];
			break;
		}
	bars = xcalloc((size_t)G.nunits + 1, sizeof(*bars));
	for (i = 0; i <= G.nunits; i++) {
		const char *code = i < G.nunits ? G.units[i].code : "*";
		double v = ind(code, "satisfaction.rate");

		if (isnan(v))
			continue;
		bars[n].label = unit_name(code);
		bars[n].value = v;
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
	if (n > 0) {
		flush_headings(n * 6 + 30);
		pdfdoc_chart_bars(G.doc, T("chart.satisfaction", "title",
		    "Tỷ lệ hài lòng theo đơn vị so với mục tiêu"), n, bars,
		    T("chart.satisfaction", "legend_value", "Tỷ lệ hài lòng"),
		    T("chart.satisfaction", "legend_target", "Mục tiêu"));
	}
	free(bars);
	return n;
}

static int
block_lowsample(int number)
{
	struct sbuf sb = SBUF_INIT;
	int i;
	char b[VNFMT_BUFSZ];

	if (G.nlowsample == 0)
		return 0;
	for (i = 0; i < G.nlowsample; i++) {
		const struct lowsample *l = &G.lowsample[i];

		sbuf_printf(&sb, "%s%s (%s)", i ? ", " : "", unit_name(l->unit),
		    isnan(l->responses) ? "-" : vn_int((long long)l->responses,
		    b));
	}
	{
		char *s = xasprintf("%s %s.", T("lowsample", "text",
		    "Lưu ý: tỷ lệ hài lòng của các đơn vị sau dựa trên dưới 30 "
		    "phiếu nên chưa đủ tin cậy:"), sbuf_str(&sb));

		para(&ST_NOTE, s);
		free(s);
	}
	sbuf_release(&sb);
	return 1;
}

/*
 * Runs the blocks listed in the template value list ("table.tasks,
 * objectives, ..."), numbering tables from *number.
 */
static void
run_blocks(const char *list, int *number)
{
	char *s = xstrdup(list), **b;
	int n = split_list(s, &b), i;

	for (i = 0; i < n; i++) {
		const char *x = b[i];

		if (strncmp(x, "table.", 6) == 0) {
			if (block_table(x, G.kind == K_BM ? *number : 0))
				(*number)++;
		} else if (strcmp(x, "objectives") == 0) {
			if (block_objectives(G.kind == K_BM ? *number : 0))
				(*number)++;
		} else if (strcmp(x, "narrative") == 0) {
			if (block_narrative(*number))
				(*number)++;
		} else if (strcmp(x, "submission") == 0) {
			block_submission(*number);
		} else if (strncmp(x, "compare.", 8) == 0) {
			block_compare(x, *number);
		} else if (strncmp(x, "pareto.", 7) == 0) {
			block_pareto(x + 7, *number);
		} else if (strncmp(x, "pchart.", 7) == 0) {
			block_pchart(x + 7, *number);
		} else if (strcmp(x, "chart.satisfaction") == 0) {
			block_satisfaction_chart(*number);
		} else if (strcmp(x, "lowsample") == 0) {
			block_lowsample(*number);
		} else if (strncmp(x, "text.", 5) == 0) {
			para(&ST_BODY, T("text", x + 5, ""));
		} else
			diag_warn(NULL, "template: unknown block '%s'", x);
	}
	free(b);
	free(s);
}

/* ---- the three documents ---- */

static void
render_bm(void)
{
	double hs = atof(T("layout", "header_pt", "12"));
	struct pdf_style reg = { PF_REGULAR, 12, PA_CENTER, 1.15, 0, 0, 0, 1 };
	struct pdf_style bold = { PF_BOLD, 12, PA_CENTER, 1.15, 0, 0, 0, 1 };
	struct pdf_style code = { PF_BOLD, 12, PA_RIGHT, 1.15, 0, 0, 0, 0 };
	struct pdf_style title = { PF_BOLD, 14, PA_CENTER, 1.2, 0, 0, 0, 0 };
	struct pdf_style sub = { PF_ITALIC, 13, PA_CENTER, 1.2, 0, 0, 0, 0 };
	struct pdf_style sh = { PF_BOLD, 13, PA_CENTER, 1.15, 0, 0, 0, 0 };
	struct pdf_style sn = { PF_BOLD, 13, PA_CENTER, 1.15, 0, 0, 0, 0 };
	struct pdf_style si = { PF_ITALIC, 12, PA_CENTER, 1.15, 0, 0, 0, 0 };
	const struct unit *u = config_unit(&G.cfg, G.unit);
	char *agency = upper(G.cfg.name ? G.cfg.name : "");
	char *uname = upper(unit_name(G.unit));
	char *head_title = upper(u && u->head_title && *u->head_title ?
	    u->head_title : T("bm", "head_title", "Trưởng phòng"));
	char mb[VNFMT_BUFSZ], *t, *dl;
	const char *fc = T("bm", "form_code", "BM.07.01");
	const char *prepared = sheet_text(G.unit, "submission.prepared_by");
	double lw, y, yl, yr, w, v, sig_h, dx, dw;
	double gap_head = atof(T("layout", "header_space_mm", "6"));
	double gap_title = atof(T("layout", "title_space_mm", "4"));
	int number = 1;

	if (hs >= 9 && hs <= 14)
		reg.size = bold.size = code.size = hs;
	if ((v = atof(T("layout", "title_pt", "14"))) >= 10 && v <= 16)
		title.size = v;
	if ((v = atof(T("layout", "subtitle_pt", "13"))) >= 9 && v <= 16)
		sub.size = v;
	if ((v = atof(T("layout", "signature_pt", "13"))) >= 9 && v <= 16)
		sh.size = sn.size = v;
	if (gap_head < 0 || gap_head > 20)
		gap_head = 6;
	if (gap_title < 0 || gap_title > 20)
		gap_title = 4;
	if (compact) {
		gap_head *= 0.5;
		gap_title *= 0.5;
		reg.size = bold.size = code.size = reg.size - 0.5 * compact;
		title.size -= 0.5 * compact;
		sub.size -= 0.5 * compact;
		si.size -= 0.5 * compact;
		sh.size -= 0.5 * compact;
		sn.size -= 0.5 * compact;
	}
	/*
	 * The agency and the unit on the left, as wide as the form code on
	 * the right allows; the unit in bold with a short rule under it.
	 */
	lw = fmin(PDF_BODY_W - pdfdoc_text_width(G.doc, PF_BOLD, code.size,
	    fc) - 8, 135);
	y = pdfdoc_y(G.doc);
	yl = pdfdoc_text_at(G.doc, &reg, 0, lw, y, agency);
	yl = pdfdoc_text_at(G.doc, &bold, 0, lw, yl, uname);
	w = fmin(pdfdoc_text_width(G.doc, PF_BOLD, bold.size, uname), lw) / 3;
	if (w < 15)
		w = 15;
	pdfdoc_rule(G.doc, lw / 2 - w / 2, lw / 2 + w / 2, yl + 1.6, 0.6);
	yr = pdfdoc_text_at(G.doc, &code, lw, PDF_BODY_W - lw, y, fc);
	pdfdoc_set_y(G.doc, fmax(yl + 2.2, yr) + gap_head);
	t = xasprintf("%s %s", T("bm", "title",
	    "THỐNG KÊ TÌNH HÌNH THỰC HIỆN CÔNG TÁC THÁNG"),
	    vn_month(G.first_month, mb));
	pdfdoc_para(G.doc, &title, t);
	free(t);
	t = xasprintf("(%s %s)", T("bm", "subtitle", "Kèm theo quy trình"),
	    T("bm", "procedure", "QT.07"));
	if (strcmp(T("bm", "show_subtitle", "yes"), "yes") == 0)
		pdfdoc_para(G.doc, &sub, t);
	free(t);
	pdfdoc_space(G.doc, gap_title);
	/* the date line, the two titles, the space to sign, the names */
	dx = dw = PDF_BODY_W / 2;
	dl = date_line_in(&si, &dx, &dw, PDF_BODY_W * 0.75);
	sig_h = pdfdoc_text_height(G.doc, &si, dw, dl) +
	    fmax(pdfdoc_text_height(G.doc, &sh, PDF_BODY_W / 2, head_title),
	    pdfdoc_text_height(G.doc, &sh, PDF_BODY_W / 2, T("bm",
	    "prepared_by", "NGƯỜI LẬP BIỂU"))) + sign_space +
	    pdfdoc_text_height(G.doc, &sn, PDF_BODY_W / 2, "Ay");
	keep_after = 2 + sig_h;
	run_blocks(T("bm", "blocks", "table.tasks, table.dossiers, "
	    "table.documents, table.errors, table.satisfaction, table.actions, "
	    "table.complaints, objectives, narrative"), &number);
	flush_headings(0);
	/* date line and two signature columns */
	pdfdoc_space(G.doc, 2);
	pdfdoc_ensure(G.doc, sig_h);
	y = pdfdoc_y(G.doc);
	y = pdfdoc_text_at(G.doc, &si, dx, dw, y, dl);
	yl = pdfdoc_text_at(G.doc, &sh, 0, PDF_BODY_W / 2, y,
	    T("bm", "prepared_by", "NGƯỜI LẬP BIỂU"));
	yr = pdfdoc_text_at(G.doc, &sh, PDF_BODY_W / 2, PDF_BODY_W / 2, y,
	    head_title);
	y = fmax(yl, yr) + sign_space;
	if (prepared != NULL)
		pdfdoc_text_at(G.doc, &sn, 0, PDF_BODY_W / 2, y, prepared);
	if (u != NULL && u->head_name != NULL && *u->head_name)
		y = pdfdoc_text_at(G.doc, &sn, PDF_BODY_W / 2, PDF_BODY_W / 2,
		    y, u->head_name);
	free(dl);
	free(agency);
	free(uname);
	free(head_title);
}

static void
render_report(void)
{
	char **secs;
	int n = keys_of("sections", &secs), i, number = 1;
	char *subject;

	admin_header();
	subject = xasprintf("%s %s", T("report", "subject",
	    "Kết quả thống kê, phân tích và cải tiến"), G.title);
	title_block(T("report", "title", "BÁO CÁO"), subject);
	free(subject);
	if (strcmp(T("text", "intro", ""), "") != 0)
		pdfdoc_para(G.doc, &ST_BODY, T("text", "intro", ""));
	for (i = 0; i < n; i++) {
		char sec[128], *h, *up;

		snprintf(sec, sizeof(sec), "section.%s", secs[i]);
		up = upper(T("sections", secs[i], secs[i]));
		h = xasprintf("%s. %s", roman(i + 1), up);
		free(up);
		heading(&ST_H1, h);
		free(h);
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

static void
render_improvement(void)
{
	const char *head[8];
	double w[8];
	enum pdf_align al[8];
	long *delays = xcalloc((size_t)G.nsugg + 1, sizeof(long));
	int nd = 0, i, u, received = 0, to_qmr = 0, assigned = 0, impl = 0;
	int rej = 0, pending = 0, notified = 0, nopen = 0, nrows = 0;
	char b[10][VNFMT_BUFSZ], *subject;
	static const char *const metric_keys[] = { "received", "to_qmr",
	    "assigned", "implemented", "rejected", "pending", "notified",
	    "notified_rate", "days_mean", "days_median" };
	const char *vals[10];
	int number = 1;

	admin_header();
	subject = xasprintf("%s %s", T("improvement", "subject",
	    "Tổng hợp ý kiến đóng góp và kết quả cải tiến"), G.title);
	title_block(T("improvement", "title", "BÁO CÁO"), subject);
	free(subject);
	if (strcmp(T("text", "intro", ""), "") != 0)
		pdfdoc_para(G.doc, &ST_BODY, T("text", "intro", ""));
	for (i = 0; i < G.nsugg; i++) {
		const struct suggestion *s = &G.sugg[i];
		long rd = day_of_text(s->received), qd = day_of_text(s->to_qmr);
		long nd2 = day_of_text(s->notified);

		if (rd == LONG_MIN || rd < G.first_day || rd > G.last_day)
			continue;
		received++;
		if (qd != LONG_MIN && qd <= G.last_day) {
			to_qmr++;
			delays[nd++] = qd - rd;
		}
		if (*s->assignee != '\0')
			assigned++;
		if (strcmp(s->status, "da_thuc_hien") == 0)
			impl++;
		else if (strcmp(s->status, "khong_chap_nhan") == 0)
			rej++;
		else
			pending++;
		if (nd2 != LONG_MIN && nd2 <= G.last_day)
			notified++;
	}
	vn_int(received, b[0]);
	vn_int(to_qmr, b[1]);
	vn_int(assigned, b[2]);
	vn_int(impl, b[3]);
	vn_int(rej, b[4]);
	vn_int(pending, b[5]);
	vn_int(notified, b[6]);
	if (impl + rej > 0)
		vn_pct((double)notified / (impl + rej), 1, b[7]);
	else
		snprintf(b[7], VNFMT_BUFSZ, "%s", T("labels", "absent", "-"));
	if (nd > 0) {
		double sum = 0, med;

		for (i = 0; i < nd; i++)
			sum += (double)delays[i];
		qsort(delays, (size_t)nd, sizeof(long), cmp_long);
		med = nd % 2 ? (double)delays[nd / 2] :
		    (delays[nd / 2 - 1] + delays[nd / 2]) / 2.0;
		vn_num(sum / nd, 1, b[8]);
		vn_num(med, 1, b[9]);
	} else {
		snprintf(b[8], VNFMT_BUFSZ, "%s", T("labels", "absent", "-"));
		snprintf(b[9], VNFMT_BUFSZ, "%s", T("labels", "absent", "-"));
	}
	for (i = 0; i < 10; i++)
		vals[i] = b[i];
	/* 1. the figures */
	{
		char *t = xasprintf("%d. %s", number++, T("improvement",
		    "summary_title", "Kết quả tiếp nhận và xử lý ý kiến đóng góp"));

		heading(&ST_H2, t);
		free(t);
	}
	head[0] = T("improvement", "metric", "Nội dung");
	head[1] = T("improvement", "value", "Số lượng");
	w[0] = 5; w[1] = 1.6;
	al[0] = PA_LEFT; al[1] = PA_CENTER;
	tbl_begin(2, w, al, TABLE_PT, head);
	for (i = 0; i < 10; i++) {
		const char *cells[2];

		cells[0] = T("improvement", metric_keys[i], metric_keys[i]);
		cells[1] = vals[i];
		table_row(&nrows, cells, PF_REGULAR);
	}
	tbl_end();
	pdfdoc_space(G.doc, 3);
	/* 2. by unit */
	{
		char *t = xasprintf("%d. %s", number++, T("improvement",
		    "units_title", "Theo đơn vị"));

		heading(&ST_H2, t);
		free(t);
	}
	head[0] = T("labels", "unit_column", "Đơn vị");
	for (i = 0; i < 6; i++) {
		static const char *const k[] = { "received", "to_qmr",
		    "implemented", "rejected", "pending", "notified" };
		char key[64];

		snprintf(key, sizeof(key), "col_%s", k[i]);
		head[i + 1] = T("improvement", key, k[i]);
		w[i + 1] = 1;
		al[i + 1] = PA_CENTER;
	}
	w[0] = 3;
	al[0] = PA_LEFT;
	tbl_begin(7, w, al, TABLE_PT, head);
	nrows = 0;
	for (u = 0; u <= G.cfg.nunits; u++) {
		const char *code = u < G.cfg.nunits ? G.cfg.units[u].code : "*";
		long c[6] = { 0 };
		char cb[6][VNFMT_BUFSZ];
		const char *cells[7];

		for (i = 0; i < G.nsugg; i++) {
			const struct suggestion *s = &G.sugg[i];
			long rd = day_of_text(s->received);
			long qd = day_of_text(s->to_qmr);
			long nd2 = day_of_text(s->notified);

			if (rd == LONG_MIN || rd < G.first_day ||
			    rd > G.last_day)
				continue;
			if (strcmp(code, "*") != 0 && strcmp(s->unit, code))
				continue;
			c[0]++;
			c[1] += qd != LONG_MIN && qd <= G.last_day;
			c[2] += strcmp(s->status, "da_thuc_hien") == 0;
			c[3] += strcmp(s->status, "khong_chap_nhan") == 0;
			c[4] += is_open(s->status);
			c[5] += nd2 != LONG_MIN && nd2 <= G.last_day;
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
	/* 3. open suggestions */
	{
		char *t = xasprintf("%d. %s", number++, T("improvement",
		    "open_title", "Các ý kiến đóng góp đang xử lý"));

		heading(&ST_H2, t);
		free(t);
	}
	for (i = 0; i < G.nsugg; i++) {
		long rd = day_of_text(G.sugg[i].received);

		if (rd != LONG_MIN && rd <= G.last_day &&
		    is_open(G.sugg[i].status))
			nopen++;
	}
	if (nopen == 0) {
		para(&ST_BODY, T("improvement", "no_open",
		    "Không có ý kiến đóng góp nào đang xử lý."));
	} else {
		head[0] = T("improvement", "col_no", "TT");
		head[1] = T("labels", "unit_column", "Đơn vị");
		head[2] = T("improvement", "col_date", "Ngày tiếp nhận");
		head[3] = T("improvement", "col_content", "Nội dung");
		head[4] = T("improvement", "col_assignee", "Người thực hiện");
		head[5] = T("improvement", "col_status", "Tình trạng");
		/* the status column holds "Đang thực hiện" on one line */
		w[0] = 0.8; w[1] = 2.1; w[2] = 1.75; w[3] = 4.0; w[4] = 2;
		w[5] = 2.3;
		al[0] = PA_CENTER; al[1] = PA_LEFT; al[2] = PA_CENTER;
		al[3] = PA_LEFT; al[4] = PA_LEFT; al[5] = PA_LEFT;
		tbl_begin(6, w, al, TABLE_PT, head);
		nopen = 0;
		nrows = 0;
		for (u = 0; u < G.cfg.nunits + 1; u++) {
			for (i = 0; i < G.nsugg; i++) {
				const struct suggestion *s = &G.sugg[i];
				long rd = day_of_text(s->received);
				const char *cells[6];
				char nb[VNFMT_BUFSZ], db[VNFMT_BUFSZ], sk[64];
				int known = config_unit(&G.cfg, s->unit) != NULL;

				if (rd == LONG_MIN || rd > G.last_day ||
				    !is_open(s->status))
					continue;
				if (u < G.cfg.nunits ? strcmp(s->unit,
				    G.cfg.units[u].code) != 0 : known)
					continue;
				snprintf(sk, sizeof(sk), "status_%s",
				    s->status);
				cells[0] = vn_int(++nopen, nb);
				cells[1] = unit_name(s->unit);
				cells[2] = vn_date_short(rd, db);
				cells[3] = s->content;
				cells[4] = s->assignee;
				cells[5] = T("improvement", sk, s->status);
				table_row(&nrows, cells, PF_REGULAR);
			}
		}
		tbl_end();
	}
	pdfdoc_space(G.doc, 3);
	flush_headings(0);
	closing(&G.cfg.sign_improvement, T("text", "closing", ""));
	free(delays);
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
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde != NULL && *sde != '\0') {
		char *end;
		long long t;

		errno = 0;
		t = strtoll(sde, &end, 10);
		if (*end != '\0' || errno != 0 || t < 0 || t > 253402300799LL) {
			diag_plain("bad SOURCE_DATE_EPOCH '%s'", sde);
			return EXIT_USAGE;
		}
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
		if (sde == NULL || *sde == '\0')
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
	char *title, *subject;

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
		    "QT.07 Thống kê, phân tích và cải tiến"));
		break;
	default:
		title = xasprintf("%s %s", T("improvement", "doc_title",
		    "Báo cáo tổng hợp ý kiến đóng góp, cải tiến"), G.title);
		subject = xasprintf("%s", T("improvement", "doc_subject",
		    "QT.07 mục 5.2 Hoạt động cải tiến"));
		break;
	}
	pdfdoc_set_info(G.doc, title, G.cfg.name, subject, "baocao",
	    G.created);
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

static int
render(void)
{
	struct atomic_file af;
	FILE *fp;
	int rv = 0;

	if ((rv = G.kind == K_BM ? layout_bm() : layout(NULL)) != 0)
		return rv;
	if ((fp = atomic_open(&af, G.out)) == NULL) {
		diag_plain("%s: cannot create:", G.out);
		return EXIT_USAGE;
	}
	if (pdfdoc_save(G.doc, fp) != 0) {
		diag_plain("%s: %s", G.out, pdfdoc_error(G.doc));
		atomic_abort(&af);
		return EXIT_DATA;
	}
	if (atomic_commit(&af) != 0) {
		diag_plain("%s: cannot write:", G.out);
		rv = EXIT_USAGE;
	}
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

static int
render_parallel(const char **list, int n, int jobs)
{
	struct share *sh;
	int k, i, rv = 0, saved_out, saved_err, st;
	pid_t me = getpid();
	struct share_rec rec;
	long long *opos, *epos;
	int *dead;

	fflush(stdout);
	fflush(stderr);
	/* the real outputs, to come back to */
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	if (saved_out < 0 || saved_err < 0) {
		if (saved_out >= 0)
			close(saved_out);
		if (saved_err >= 0)
			close(saved_err);
		return -1;	/* the caller makes them here */
	}
	sh = xcalloc((size_t)jobs, sizeof(*sh));
	for (k = 0; k < jobs; k++) {
		sh[k].out = tmpfile();
		sh[k].err = tmpfile();
		sh[k].idx = tmpfile();
		if (sh[k].out == NULL || sh[k].err == NULL ||
		    sh[k].idx == NULL) {
			diag_plain("cannot create a temporary file:");
			for (; k >= 0; k--) {
				if (sh[k].out) fclose(sh[k].out);
				if (sh[k].err) fclose(sh[k].err);
				if (sh[k].idx) fclose(sh[k].idx);
			}
			free(sh);
			close(saved_out);
			close(saved_err);
			return -1;	/* the caller makes them here */
		}
	}
	for (k = 1; k < jobs; k++) {
		pid_t pid = fork();

		if (pid == 0) {
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
		sh[k].pid = pid > 0 ? pid : 0;	/* no fork: made here */
	}
	for (k = 0; k < jobs; k++)
		if (k == 0 || sh[k].pid == 0)
			rv = worst(rv, run_share(list, n, k, jobs, &sh[k]));
	fflush(stdout);
	fflush(stderr);
	if (dup2(saved_out, STDOUT_FILENO) < 0 ||
	    dup2(saved_err, STDERR_FILENO) < 0)
		rv = worst(rv, EXIT_USAGE);
	close(saved_out);
	close(saved_err);
	dead = xcalloc((size_t)jobs, sizeof(int));
	for (k = 1; k < jobs; k++) {
		pid_t w;

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
	/* the messages and paths of the forms, in the order of the list */
	opos = xcalloc((size_t)jobs, sizeof(*opos));
	epos = xcalloc((size_t)jobs, sizeof(*epos));
	for (k = 0; k < jobs; k++)
		rewind(sh[k].idx);
	for (i = 0; i < n; i++) {
		k = i % jobs;
		if (sh[k].idx == NULL)
			continue;	/* already reported */
		if (fread(&rec, sizeof(rec), 1, sh[k].idx) != 1 ||
		    rec.i != i) {
			/* the worker stopped before this form */
			copy_out(sh[k].err, &epos[k], -1, stderr);
			copy_out(sh[k].out, &opos[k], -1, stdout);
			if (dead[k] > 0)
				diag_plain("the process making form %s and "
				    "the next ones died of signal %d", list[i],
				    dead[k]);
			else
				diag_plain("the process making form %s and "
				    "the next ones stopped", list[i]);
			rv = worst(rv, EXIT_USAGE);
			fclose(sh[k].idx);
			sh[k].idx = NULL;
			continue;
		}
		copy_out(sh[k].err, &epos[k], rec.err_end, stderr);
		copy_out(sh[k].out, &opos[k], rec.out_end, stdout);
		fflush(stderr);
		rv = worst(rv, rec.rv);
	}
	for (k = 0; k < jobs; k++) {
		fclose(sh[k].out);
		fclose(sh[k].err);
		if (sh[k].idx != NULL)
			fclose(sh[k].idx);
	}
	fflush(stdout);
	free(opos);
	free(epos);
	free(dead);
	free(sh);
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
	jobs = jobs_for(n);
	if (jobs > 1 && (rv = render_parallel(list, n, jobs)) >= 0) {
		free(list);
		return rv;
	}
	for (rv = 0, i = 0; i < n; i++) {
		rv = worst(rv, render_one(list[i]));
		fflush(stdout);
	}
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
 * baocao-pdf renders one document of the kind asked for into -o OUT, through
 * a temporary file, so OUT is either the whole new document or untouched.
 */
#ifndef UNIT_TESTING
int
main(int argc, char *argv[])
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
	const char *kind = NULL, *draft = NULL, *err;
	struct period per;
	int ch, rv;

	diag_init(argv[0]);
	G.config_dir = "config";
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'A': G.all_units = 1; break;
		case 'D': G.data = optarg; break;
		case 'T': G.date_arg = optarg; break;
		case 'V': printf("baocao-pdf (baocao) %s\n", BAOCAO_VERSION); return 0;
		case 'a': G.analysis = optarg; break;
		case 'c': G.config_dir = optarg; break;
		case 'd': draft = optarg; break;
		case 'h': usage(stdout, EXIT_OK);
		case 'i': G.indicators = optarg; break;
		case 'k': kind = optarg; break;
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
	if (optind != argc || kind == NULL || G.period_arg == NULL ||
	    G.indicators == NULL || G.analysis == NULL || G.data == NULL ||
	    G.out == NULL)
		usage(stderr, EXIT_USAGE);
	if (strcmp(kind, "bm") == 0)
		G.kind = K_BM;
	else if (strcmp(kind, "report") == 0)
		G.kind = K_REPORT;
	else if (strcmp(kind, "improvement") == 0)
		G.kind = K_IMPROVEMENT;
	else {
		diag_plain("unknown kind '%s': expected bm, report or "
		    "improvement", kind);
		usage(stderr, EXIT_USAGE);
	}
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
	if (draft != NULL) {
		long v;

		if (num_option(draft, 0, 99, &v) != 0) {
			diag_plain("draft number is %s: expected 0 to 99",
			    draft);
			return EXIT_USAGE;
		}
		G.draft = (int)v;
	}
	if ((rv = config_load(&G.cfg, G.config_dir)) != 0) {
		cleanup();
		return rv;
	}
	/* relative labels (previous-month, ...) count from today */
	if (period_parse(G.period_arg, G.cfg.cutoff_day, date_today(), &per,
	    &err) != 0) {
		diag_plain("bad period '%s': %s", G.period_arg, err);
		cleanup();
		return EXIT_USAGE;
	}
	period_label(&per, G.label);
	period_title(&per, G.title);
	G.first_day = per.first_day;
	G.last_day = per.last_day;
	G.first_month = per.first_month;
	G.last_month = per.last_month;
	if (G.kind == K_BM && per.kind != PK_MONTH) {
		diag_plain("BM.07.01 is monthly: '%s' is not a month",
		    G.period_arg);
		cleanup();
		return EXIT_USAGE;
	}
	G.common = load_template("common");
	G.t = load_template(kind);
	if (G.common == NULL || G.t == NULL) {
		cleanup();
		return EXIT_USAGE;
	}
	apply_layout();
	rv = read_indicators(G.indicators);
	if (rv == 0)
		rv = read_analysis(G.analysis);
	if (rv == 0) {
		/* the analysis is authoritative for the window */
		if (G.first_day == LONG_MIN)
			G.first_day = per.first_day;
		if (G.last_day == LONG_MIN)
			G.last_day = per.last_day;
		rv = read_data(G.data);
	}
	if (rv == 0)
		rv = pick_date();
	if (rv == 0 && G.kind == K_BM && (G.all_units || G.nunits_arg > 1 ||
	    strstr(G.out, "{unit}") != NULL))
		rv = render_units();
	else if (rv == 0 && G.kind == K_BM && !unit_ok(G.unit))
		rv = EXIT_DATA;
	else if (rv == 0)
		rv = render();
	cleanup();
	return rv;
}
#endif
