/* SPDX-License-Identifier: ISC */
/*
 * baocao-analyze: turns the roll-up stream into the indicators CSV of
 * SPEC §6 and, on request, the analysis stream of docs/FORMATS.md §3
 * (comparisons, Pareto tables, p-charts, small samples).
 */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "countsum.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "norm.h"
#include "num.h"
#include "numfmt.h"
#include "period.h"
#include "schema.h"
#include "util.h"

#define LOWSAMPLE	30	/* fewer responses than this: a warning */

/* A number of the roll-up or of the CSV: a count or a double. */
struct num {
	int		 isint;
	long long	 i;
	double		 d;
};

struct named {
	char		*name;
	struct num	 v;
};

/* A reporting month a unit was expected in, and its revision ("" none). */
struct expect {
	long		 month;
	long long	 revision;	/* 0: no sheet */
};

struct uent {
	char		*code;
	int		 active;	/* U ... active, else register */
	const char	*ufile;		/* where its U record was; borrowed */
	long		 uline;		/* 0: no U record yet */
	struct expect	*ex;
	int		 nex, capex;
	struct named	*nums;		/* sorted by name */
	int		 nnums, capnums;
};

struct row {
	char		*unit;		/* borrowed from a struct uent or "*" */
	char		*ind;		/* owned */
	struct num	 v;
};

struct pdata {
	struct period	 p;
	char		 label[PERIOD_LABELSZ];
	int		 seen;		/* a P record was read */
	struct uent	*units;		/* sorted by code */
	int		 nunits, capunits;
	struct row	*rows;		/* the indicators, sorted */
	int		 nrows, caprows;
};

static struct config	 cfg;
static struct pdata	 pd[PERIOD_COMPANIONS];
static int		 npd;

static void
usage(void)
{
	fprintf(stderr, "usage: baocao-analyze [--config DIR] --period P "
	    "[--analysis FILE] [--today DATE] [FILE ...]\n");
	exit(EXIT_USAGE);
}

static void
help(void)
{
	printf("usage: baocao-analyze [--config DIR] --period P "
	    "[--analysis FILE] [--today DATE] [FILE ...]\n\n"
	    "Reads the roll-up stream of baocao-rollup (FILEs or standard "
	    "input) and writes\nthe indicators CSV of period P (SPEC §6) on "
	    "standard output.\n\n"
	    "  --config DIR     configuration directory (default: config)\n"
	    "  --period P       the period, as given to baocao-rollup\n"
	    "  --analysis FILE  also write the analysis stream "
	    "(docs/FORMATS.md §3) to FILE\n"
	    "  --today DATE     the day previous-* counts back from "
	    "(default: today)\n"
	    "  --help, --version\n");
	diag_exit_stdout(EXIT_OK);
}

static int
parse_num(const char *s, struct num *n)
{
	char *end;

	memset(n, 0, sizeof(*n));
	if (num_count(s, strlen(s), &n->i) == NUM_OK) {
		n->isint = 1;
		n->d = (double)n->i;
		return 0;
	}
	if (*s == '\0')
		return -1;
	n->d = strtod(s, &end);
	if (*end != '\0' || !isfinite(n->d) || !(n->d >= 0))
		return -1;
	return 0;
}

static void
num_add(struct num *a, const struct num *b)
{
	if (a->isint && b->isint) {
		a->i = countsum_add(a->i, b->i);
		a->d = (double)a->i;
	} else {
		a->isint = 0;
		a->d += b->d;
	}
}

static struct pdata *
pdata_find(const char *label)
{
	int i;

	for (i = 0; i < npd; i++)
		if (strcmp(pd[i].label, label) == 0)
			return &pd[i];
	return NULL;
}

/* Adds period p to those kept, once; returns its data. */
static struct pdata *
pdata_want(const struct period *p)
{
	char label[PERIOD_LABELSZ];
	struct pdata *d;

	period_label(p, label);
	if ((d = pdata_find(label)) != NULL || npd == PERIOD_COMPANIONS)
		return d;
	d = &pd[npd++];
	memset(d, 0, sizeof(*d));
	d->p = *p;
	memcpy(d->label, label, sizeof(label));
	return d;
}

static struct uent *
uent_get(struct pdata *d, const char *code)
{
	int lo = 0, hi = d->nunits - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(code, d->units[mid].code);
		if (c == 0)
			return &d->units[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	if (d->nunits == d->capunits) {
		d->capunits = d->capunits ? d->capunits * 2 : 32;
		d->units = xrealloc(d->units, d->capunits * sizeof(*d->units));
	}
	memmove(&d->units[lo + 1], &d->units[lo],
	    (d->nunits - lo) * sizeof(*d->units));
	memset(&d->units[lo], 0, sizeof(*d->units));
	d->units[lo].code = xstrdup(code);
	d->nunits++;
	return &d->units[lo];
}

/* The number called name of u, or NULL. */
static const struct num *
uget(const struct uent *u, const char *name)
{
	int lo = 0, hi = u->nnums - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, u->nums[mid].name);
		if (c == 0)
			return &u->nums[mid].v;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Adds v to the number called name of u (creating it). */
static void
uadd(struct uent *u, const char *name, const struct num *v)
{
	int lo = 0, hi = u->nnums - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, u->nums[mid].name);
		if (c == 0) {
			num_add(&u->nums[mid].v, v);
			return;
		}
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	if (u->nnums == u->capnums) {
		u->capnums = u->capnums ? u->capnums * 2 : 64;
		u->nums = xrealloc(u->nums, u->capnums * sizeof(*u->nums));
	}
	memmove(&u->nums[lo + 1], &u->nums[lo],
	    (u->nnums - lo) * sizeof(*u->nums));
	u->nums[lo].name = xstrdup(name);
	u->nums[lo].v = *v;
	u->nnums++;
}

/* What baocao-analyze reads: the roll-up stream (docs/FORMATS.md §2). */
static const char *const rollup_types[] = { "P", "U", "E", "N", NULL };
static const struct norm_stream rollup_stream = {
	"rollup", 1, "baocao-rollup", rollup_types
};

/*
 * A unit's U record twice: two roll-ups that share a unit were joined, and
 * their counts would add up (twice the actions) while stocks and flags
 * cannot (docs/FORMATS.md, "Merging"). Every unit and companion period of
 * such a join comes twice, so only the first is told. Returns the message
 * (static) or NULL.
 */
static const char *
unit_twice(const struct uent *u, const struct pdata *d)
{
	static char msg[PATH_MAX + 256];
	static int told;

	if (told++)
		return NULL;
	snprintf(msg, sizeof(msg), "unit %s of %s comes twice (first at "
	    "%s:%ld): roll-ups that share a unit cannot be joined; roll the "
	    "normalized streams up together", u->code, d->label, u->ufile,
	    u->uline);
	return msg;
}

/* Reads one roll-up record (norm_each_file() has checked its type);
 * returns an error message or NULL. */
static const char *
read_record(struct norm_reader *r)
{
	struct pdata *d;
	struct uent *u;
	struct num v;
	long day, month;
	char buf[DATE_BUFSZ];
	long long rev;

	if (r->nf < 2 || (d = pdata_find(r->f[1])) == NULL)
		return NULL;	/* a period not needed here */
	switch (r->f[0][0] != '\0' && r->f[0][1] == '\0' ? r->f[0][0] : 0) {
	case 'P':
		if (r->nf != 7)
			return "a P record has 7 fields";
		date_iso(d->p.first_day, buf);
		if (date_parse(r->f[3], r->len[3], &day) != DATE_OK ||
		    day != d->p.first_day ||
		    date_parse(r->f[4], r->len[4], &day) != DATE_OK ||
		    day != d->p.last_day)
			return "the roll-up's window differs from this "
			    "program's (another cutoff_day?)";
		d->seen = 1;
		return NULL;
	case 'U':
		if (r->nf != 4)
			return "a U record has 4 fields";
		u = uent_get(d, r->f[2]);
		if (u->uline != 0)
			return unit_twice(u, d);
		u->ufile = r->name;
		u->uline = r->line;
		if (strcmp(r->f[3], "active") == 0)
			u->active = 1;
		return NULL;
	case 'E':
		if (r->nf != 5)
			return "an E record has 5 fields";
		if (month_parse(r->f[3], r->len[3], &month) != 0)
			return "bad month in E record";
		rev = 0;
		if (r->len[4] > 0 && (num_count(r->f[4], r->len[4],
		    &rev) != NUM_OK || rev == 0))
			return "bad revision in E record";
		u = uent_get(d, r->f[2]);
		if (u->nex == u->capex) {
			u->capex = u->capex ? u->capex * 2 : 16;
			u->ex = xrealloc(u->ex, u->capex * sizeof(*u->ex));
		}
		u->ex[u->nex].month = month;
		u->ex[u->nex].revision = rev;
		u->nex++;
		return NULL;
	case 'N':
		if (r->nf != 5)
			return "an N record has 5 fields";
		if (parse_num(r->f[4], &v) != 0)
			return "bad number in N record";
		uadd(uent_get(d, r->f[2]), r->f[3], &v);
		return NULL;
	default:
		return NULL;	/* not reached: rollup_types */
	}
}

/* Indicator rows. */

static void
emit(struct pdata *d, const char *unit, const char *ind, const struct num *v)
{
	struct row *w;

	if (d->nrows == d->caprows) {
		d->caprows = d->caprows ? d->caprows * 2 : 256;
		d->rows = xrealloc(d->rows, d->caprows * sizeof(*d->rows));
	}
	w = &d->rows[d->nrows++];
	w->unit = (char *)unit;
	w->ind = xstrdup(ind);
	w->v = *v;
}

static void
emit_int(struct pdata *d, const char *unit, const char *ind, long long i)
{
	struct num v = { 1, i, (double)i };

	emit(d, unit, ind, &v);
}

static void
emit_dbl(struct pdata *d, const char *unit, const char *ind, double x)
{
	struct num v = { 0, 0, x };

	emit(d, unit, ind, &v);
}

/* A rate num/den; absent when den is 0. */
static void
emit_rate(struct pdata *d, const char *unit, const char *ind, long long num,
    long long den)
{
	if (den > 0)
		emit_dbl(d, unit, ind, (double)num / (double)den);
}

/* The count called name of u; 0 when absent. */
static long long
cnt(const struct uent *u, const char *name)
{
	const struct num *v = uget(u, name);

	return v ? (v->isint ? v->i : (long long)v->d) : 0;
}

/*
 * The 95 % Wilson score interval of rate p on n responses, exactly as
 * SPEC §6 writes it, clamped to [0, 1].
 */
static void
wilson(double p, double n, double *lo, double *hi)
{
	const double z = 1.96;
	double center = p + z * z / (2 * n);
	double margin = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
	double den = 1 + z * z / n;

	*lo = (center - margin) / den;
	*hi = (center + margin) / den;
	if (*lo < 0)
		*lo = 0;
	if (*lo > 1)
		*lo = 1;
	if (*hi < 0)
		*hi = 0;
	if (*hi > 1)
		*hi = 1;
}

/* Emits prefix + each name of list as a count of u. */
static void
emit_family(struct pdata *d, const struct uent *u, const char *unit,
    const char *prefix, const char *const *list)
{
	char name[128];
	int i;

	for (i = 0; list[i] != NULL; i++) {
		snprintf(name, sizeof(name), "%s%s", prefix, list[i]);
		emit_int(d, unit, name, cnt(u, name));
	}
}

/* Sheet counts and their rates, for a unit that sent the section. */
static void
derive_sheet(struct pdata *d, const struct uent *u, const char *unit)
{
	static const char *const tasks[] = { "tasks.planned",
		"tasks.completed_on_time", "tasks.completed_late",
		"tasks.not_completed", NULL };
	static const char *const documents[] = { "documents.incoming",
		"documents.incoming_on_time", "documents.incoming_late",
		"documents.incoming_pending", "documents.outgoing",
		"documents.files_archived", NULL };
	static const char *const dossiers[] = { "dossiers.carried_over",
		"dossiers.received_online", "dossiers.resolved_early",
		"dossiers.resolved_on_time", "dossiers.resolved_late",
		"dossiers.pending_in_time", "dossiers.pending_overdue", NULL };
	long long a, rec, res;

	if (uget(u, "tasks.planned") != NULL) {
		emit_family(d, u, unit, "", tasks);
		a = cnt(u, "tasks.completed_on_time");
		emit_rate(d, unit, "tasks.on_time_rate", a,
		    cnt(u, "tasks.planned"));
		emit_rate(d, unit, "tasks.completion_rate", countsum_add(a,
		    cnt(u, "tasks.completed_late")), cnt(u, "tasks.planned"));
	}
	if (uget(u, "dossiers.carried_over") != NULL) {
		emit_family(d, u, unit, "", dossiers);
		rec = countsum_add(cnt(u, "dossiers.received_online"),
		    cnt(u, "dossiers.received_direct"));
		emit_int(d, unit, "dossiers.received", rec);
		emit_int(d, unit, "dossiers.to_handle",
		    countsum_add(cnt(u, "dossiers.carried_over"), rec));
		a = countsum_add(cnt(u, "dossiers.resolved_early"),
		    cnt(u, "dossiers.resolved_on_time"));
		res = countsum_add(a, cnt(u, "dossiers.resolved_late"));
		emit_int(d, unit, "dossiers.resolved", res);
		emit_rate(d, unit, "dossiers.on_time_rate", a, res);
		emit_rate(d, unit, "dossiers.online_share",
		    cnt(u, "dossiers.received_online"), rec);
	}
	if (uget(u, "documents.incoming") != NULL) {
		emit_family(d, u, unit, "", documents);
		a = cnt(u, "documents.incoming_on_time");
		emit_rate(d, unit, "documents.incoming_on_time_rate", a,
		    countsum_add(a, cnt(u, "documents.incoming_late")));
	}
}


/* Register counts and rates: every unit in scope, zeros included. */
static void
derive_registers(struct pdata *d, const struct uent *u, const char *unit,
    long long errors_num, long long errors_den, int has_outgoing)
{
	static const char *const registers[] = { "errors.count",
		"errors.corrected", "errors.verified", "actions.opened",
		"actions.closed", "actions.overdue", "suggestions.received",
		"suggestions.to_qmr", "suggestions.implemented",
		"suggestions.rejected", "suggestions.pending",
		"suggestions.notified", "complaints.received",
		"complaints.explained", "complaints.resolved",
		"complaints.justified", "incidents.count", "audits.nc",
		"audits.obs", "audits.closed", NULL };
	const struct num *hv;
	long long a;

	emit_family(d, u, unit, "", registers);
	emit_family(d, u, unit, "errors.by_type.", error_types);
	if (has_outgoing)
		emit_rate(d, unit, "errors.rate", errors_num, errors_den);
	emit_rate(d, unit, "errors.correction_rate", cnt(u, "errors.corrected"),
	    cnt(u, "errors.count"));
	emit_family(d, u, unit, "actions.opened.", action_types);
	a = cnt(u, "actions.effective_yes");
	emit_rate(d, unit, "actions.effective_rate", a,
	    countsum_add(a, cnt(u, "actions.effective_no")));
	emit_rate(d, unit, "suggestions.notified_rate",
	    cnt(u, "suggestions.notified"),
	    countsum_add(cnt(u, "suggestions.implemented"),
	    cnt(u, "suggestions.rejected")));
	hv = uget(u, "incidents.downtime_hours");
	emit_dbl(d, unit, "incidents.downtime_hours", hv ? hv->d : 0);
}

/*
 * prefix<x>.rate = prefix<x>.pos / prefix<x>.n for each x of list (the
 * SIPAS components, the channels), where some row rated it.
 */
static void
emit_shares(struct pdata *d, const struct uent *u, const char *unit,
    const char *prefix, const char *const *list)
{
	char name[128], nname[128], pname[128];
	int i;

	for (i = 0; list[i] != NULL; i++) {
		snprintf(nname, sizeof(nname), "%s%s.n", prefix, list[i]);
		snprintf(pname, sizeof(pname), "%s%s.pos", prefix, list[i]);
		snprintf(name, sizeof(name), "%s%s.rate", prefix, list[i]);
		emit_rate(d, unit, name, cnt(u, pname), cnt(u, nname));
	}
}

/* Satisfaction: survey ratings plus sheet tallies (5 ... 1). */
static void
derive_satisfaction(struct pdata *d, const struct uent *u, const char *unit)
{
	static const char *const sat[] = { "satisfaction.very_satisfied",
		"satisfaction.satisfied", "satisfaction.neutral",
		"satisfaction.dissatisfied", "satisfaction.very_dissatisfied",
		NULL };
	long long resp = 0, s5[5];
	double lo, hi, p, ratesum = 0;
	int i;

	emit_family(d, u, unit, "", sat);
	for (i = 0; i < 5; i++) {
		s5[i] = cnt(u, sat[i]);
		resp = countsum_add(resp, s5[i]);
		ratesum += (double)(5 - i) * (double)s5[i];
	}
	emit_int(d, unit, "satisfaction.responses", resp);
	if (resp > 0) {
		p = (double)countsum_add(s5[0], s5[1]) / (double)resp;
		emit_dbl(d, unit, "satisfaction.rate", p);
		emit_dbl(d, unit, "satisfaction.mean", ratesum / (double)resp);
		wilson(p, (double)resp, &lo, &hi);
		emit_dbl(d, unit, "satisfaction.rate_low", lo);
		emit_dbl(d, unit, "satisfaction.rate_high", hi);
	}
	emit_shares(d, u, unit, "satisfaction.component.", survey_components);
	emit_shares(d, u, unit, "satisfaction.channel.", survey_channels);
}

/*
 * The indicators of one unit (or of the organization, whose numbers are
 * the units' sums) from its roll-up numbers. errors_num/errors_den give
 * errors.rate: for a unit its own count and outgoing documents, for the
 * organization the errors of the units that sent documents.outgoing.
 */
static void
derive(struct pdata *d, const struct uent *u, const char *unit,
    long long errors_num, long long errors_den, int has_outgoing)
{
	derive_sheet(d, u, unit);
	derive_registers(d, u, unit, errors_num, errors_den, has_outgoing);
	derive_satisfaction(d, u, unit);
}

/* Submission flags of u; returns 1 when it is expected in a month of P. */
static int
submission(struct pdata *d, const struct uent *u, int *sent_any,
    int *missing_all, int *incomplete)
{
	int i, missing = 0;

	if (u->nex == 0)
		return 0;
	for (i = 0; i < u->nex; i++)
		if (u->ex[i].revision == 0)
			missing++;
	*sent_any = missing < u->nex;
	*missing_all = missing == u->nex;
	*incomplete = missing > 0 && missing < u->nex;
	emit_int(d, u->code, "submission.months_missing", missing);
	emit_int(d, u->code, "submission.missing", *missing_all);
	emit_int(d, u->code, "submission.incomplete", *incomplete);
	if (d->p.kind == PK_MONTH)
		for (i = 0; i < u->nex; i++)
			if (u->ex[i].revision > 0)
				emit_int(d, u->code, "submission.revision",
				    u->ex[i].revision);
	return 1;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->unit, y->unit);

	return c ? c : strcmp(x->ind, y->ind);
}

/* The row of unit and indicator in d's sorted rows, or NULL. */
static const struct row *
find_row(const struct pdata *d, const char *unit, const char *ind)
{
	struct row key = { 0 };

	if (d == NULL || !d->seen || d->nrows == 0)
		return NULL;
	key.unit = (char *)unit;
	key.ind = (char *)ind;
	return bsearch(&key, d->rows, (size_t)d->nrows, sizeof(*d->rows),
	    cmp_row);
}

/* The rows [from, to) of d, whose unit is one, by indicator (linear). */
static const struct num *
value_of(const struct pdata *d, int from, int to, const char *ind)
{
	int i;

	for (i = from; i < to; i++)
		if (strcmp(d->rows[i].ind, ind) == 0)
			return &d->rows[i].v;
	return NULL;
}

/*
 * The objectives of one unit (or "*"), whose indicator rows are
 * d->rows[from, to): with units = *, a unit that has the indicator and
 * the organization (with the base target); with a list, each listed unit
 * in scope. The target always, value and met only with a value.
 */
static void
objectives(struct pdata *d, const char *unit, int from, int to)
{
	char name[256];
	const struct num *v;
	struct num val;
	double target, x;
	int i, is_org = strcmp(unit, "*") == 0, met;

	for (i = 0; i < cfg.nobjectives; i++) {
		const struct objective *o = &cfg.objectives[i];

		/* A copy: emit() may move d->rows. */
		v = value_of(d, from, to, o->indicator);
		if (v != NULL) {
			val = *v;
			v = &val;
		}
		/* "and * with the base target": * whether it has it or not */
		if (o->all_units) {
			if (v == NULL && !is_org)
				continue;
		} else if (is_org || !objective_lists(o, unit))
			continue;
		target = is_org ? o->target : objective_target(o, unit);
		snprintf(name, sizeof(name), "objective.%s.target", o->name);
		emit_dbl(d, unit, name, target);
		if (v == NULL)
			continue;
		x = v->isint ? (double)v->i : v->d;
		met = o->op == '<' ? x <= target : x >= target;
		snprintf(name, sizeof(name), "objective.%s.value", o->name);
		emit(d, unit, name, v);
		snprintf(name, sizeof(name), "objective.%s.met", o->name);
		emit_int(d, unit, name, met);
	}
}

/* Computes every indicator row of period d. */
static void
compute(struct pdata *d)
{
	struct uent org;
	long long enum_ = 0, eden = 0;
	int i, j, has_out = 0, from, n0;
	int expected = 0, submitted = 0, missing = 0, incomplete = 0;
	int s, m, inc;

	memset(&org, 0, sizeof(org));
	org.code = (char *)"*";
	countsum_at("*", d->label);
	for (i = 0; i < d->nunits; i++) {
		const struct uent *u = &d->units[i];
		const struct num *out = uget(u, "documents.outgoing");

		for (j = 0; j < u->nnums; j++)
			uadd(&org, u->nums[j].name, &u->nums[j].v);
		if (out != NULL) {
			has_out = 1;
			enum_ = countsum_add(enum_, cnt(u, "errors.count"));
			eden = countsum_add(eden, out->i);
		}
	}
	for (i = 0; i < d->nunits; i++) {
		const struct uent *u = &d->units[i];
		const struct num *out = uget(u, "documents.outgoing");

		from = d->nrows;
		countsum_at(u->code, d->label);
		derive(d, u, u->code, cnt(u, "errors.count"),
		    out ? out->i : 0, out != NULL);
		if (submission(d, u, &s, &m, &inc)) {
			expected++;
			submitted += s;
			missing += m;
			incomplete += inc;
		}
		objectives(d, u->code, from, d->nrows);
	}
	/* The organization row exists even when no unit is in scope yet. */
	from = d->nrows;
	countsum_at("*", d->label);
	if (d->nunits > 0)
		derive(d, &org, "*", enum_, eden, has_out);
	emit_int(d, "*", "submission.units_expected", expected);
	emit_int(d, "*", "submission.units_submitted", submitted);
	emit_int(d, "*", "submission.units_missing", missing);
	emit_int(d, "*", "submission.units_incomplete", incomplete);
	n0 = d->nrows;
	objectives(d, "*", from, n0);
	for (j = 0; j < org.nnums; j++)
		free(org.nums[j].name);
	free(org.nums);
	if (d->nrows > 0)
		qsort(d->rows, (size_t)d->nrows, sizeof(*d->rows),
		    cmp_row);
}

static void
put_num(struct sbuf *sb, const struct num *v)
{
	char buf[NUMFMT_BUFSZ];

	if (v == NULL)
		return;
	if (v->isint)
		sbuf_adds(sb, numfmt_count(v->i, buf));
	else
		sbuf_adds(sb, numfmt_double(v->d, buf));
}

static void
write_csv(FILE *out, const struct pdata *d)
{
	struct sbuf sb = SBUF_INIT;
	int i;

	fputs("period,unit,indicator,value\n", out);
	for (i = 0; i < d->nrows; i++) {
		sbuf_reset(&sb);
		put_num(&sb, &d->rows[i].v);
		/* Labels, codes and names never hold commas or quotes. */
		fprintf(out, "%s,%s,%s,%s\n", d->label, d->rows[i].unit,
		    d->rows[i].ind, sbuf_str(&sb));
	}
	sbuf_release(&sb);
}

/* Analysis stream (docs/FORMATS.md §3). */

static void
rec(FILE *out, int nf, const char *const *f)
{
	norm_put_record(out, nf, f);
}

static const char *
dbl(double x, char *buf)
{
	return numfmt_double(x, buf);
}

/* Whether Pareto category a (count na) comes before b (count nb). */
static int
pareto_before(const char *a, long long na, const char *b, long long nb)
{
	int oa = strcmp(a, "khac") == 0, ob = strcmp(b, "khac") == 0;

	if (oa != ob)
		return ob;
	if (na != nb)
		return na > nb;
	return strcmp(a, b) < 0;
}

static void
put_pareto(FILE *out, const struct pdata *d, const char *table,
    const char *prefix, const char *const *cats)
{
	struct { const char *cat; long long n; } e[16], t;
	char name[128], cb[NUMFMT_BUFSZ], sb[NUMFMT_BUFSZ], kb[NUMFMT_BUFSZ];
	const struct row *w;
	long long total = 0, cum = 0;
	int n = 0, i, j;

	for (i = 0; cats[i] != NULL && n < 16; i++) {
		snprintf(name, sizeof(name), "%s%s", prefix, cats[i]);
		e[n].cat = cats[i];
		e[n].n = 0;
		if (strcmp(table, "errors") == 0) {
			if ((w = find_row(d, "*", name)) != NULL)
				e[n].n = w->v.i;
		} else {
			/* complaints.channel.* are roll-up numbers of units */
			for (j = 0; j < d->nunits; j++)
				e[n].n = countsum_add(e[n].n,
				    cnt(&d->units[j], name));
		}
		total = countsum_add(total, e[n].n);
		n++;
	}
	/* count descending, then name; "khac" (other) last, as a Pareto
	 * chart puts its residue */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pareto_before(e[j].cat, e[j].n,
		    e[j - 1].cat, e[j - 1].n); j--) {
			t = e[j];
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const char *f[7] = { "pareto", d->label, table, e[i].cat, cb,
		    "", "" };

		cum = countsum_add(cum, e[i].n);
		numfmt_count(e[i].n, cb);
		if (total > 0) {
			f[5] = dbl((double)e[i].n / (double)total, sb);
			f[6] = dbl((double)cum / (double)total, kb);
		}
		rec(out, 7, f);
	}
}

/* Numerator and denominator of a p-chart month; 0 when absent. */
static int
pchart_point(const struct pdata *m, int errors, long long *num,
    long long *den)
{
	int i;

	*num = *den = 0;
	if (m == NULL || !m->seen)
		return 0;
	if (errors) {
		int has = 0;

		for (i = 0; i < m->nunits; i++) {
			const struct num *o = uget(&m->units[i],
			    "documents.outgoing");

			if (o == NULL)
				continue;
			has = 1;
			*num = countsum_add(*num,
			    cnt(&m->units[i], "errors.count"));
			*den = countsum_add(*den, o->i);
		}
		return has;
	}
	{
		const struct row *r = find_row(m, "*", "satisfaction.responses");
		const struct row *a = find_row(m, "*",
		    "satisfaction.very_satisfied");
		const struct row *b = find_row(m, "*", "satisfaction.satisfied");

		if (r == NULL)
			return 0;
		*den = r->v.i;
		*num = countsum_add(a ? a->v.i : 0, b ? b->v.i : 0);
		return 1;
	}
}

static void
put_pchart(FILE *out, const struct pdata *d, const char *ind, int errors)
{
	struct pdata *m[12];
	long long num[12], den[12], snum = 0, sden = 0;
	int has[12], i;
	char mb[DATE_BUFSZ], nb[NUMFMT_BUFSZ], db[NUMFMT_BUFSZ];
	char pb[NUMFMT_BUFSZ], cb[NUMFMT_BUFSZ], lb[NUMFMT_BUFSZ];
	char ub[NUMFMT_BUFSZ];
	double center = 0, p, sd, lcl, ucl;
	struct period q;

	for (i = 0; i < 12; i++) {
		long mo = d->p.last_folder - 11 + i;
		char label[PERIOD_LABELSZ];

		period_make(&q, PK_MONTH, month_year(mo), month_mon(mo),
		    d->p.cutoff);
		period_label(&q, label);
		m[i] = pdata_find(label);
		has[i] = pchart_point(m[i], errors, &num[i], &den[i]);
		if (has[i] && den[i] > 0) {
			snum = countsum_add(snum, num[i]);
			sden = countsum_add(sden, den[i]);
		}
	}
	if (sden > 0)
		center = (double)snum / (double)sden;
	for (i = 0; i < 12; i++) {
		long mo = d->p.last_folder - 11 + i;
		const char *f[11] = { "pchart", d->label, ind, mb, "", "", "",
		    "", "", "", "" };

		month_iso(mo, mb);
		if (has[i]) {
			f[4] = numfmt_count(num[i], nb);
			f[5] = numfmt_count(den[i], db);
		}
		if (sden > 0)
			f[7] = dbl(center, cb);
		if (has[i] && den[i] > 0 && sden > 0) {
			p = (double)num[i] / (double)den[i];
			sd = sqrt(center * (1 - center) / (double)den[i]);
			lcl = center - 3 * sd;
			ucl = center + 3 * sd;
			if (lcl < 0)
				lcl = 0;
			if (ucl > 1)
				ucl = 1;
			f[6] = dbl(p, pb);
			f[8] = dbl(lcl, lb);
			f[9] = dbl(ucl, ub);
			f[10] = p < lcl || p > ucl ? "1" : "0";
		}
		rec(out, 11, f);
	}
}

/*
 * Whether anything was submitted for d: a sheet or a register row counted
 * in it (the roll-up writes a unit's numbers only then; register counts
 * of 0 are left out). A period before the first folder has nothing, and
 * comparing with its zeros would tell the reader "+1.266 responses".
 * actions.overdue is no such number: it counts actions opened before the
 * period too, so a period with nothing sent or dated in it can have one.
 */
static int
has_data(const struct pdata *d)
{
	int i, j;

	for (i = 0; i < d->nunits; i++)
		for (j = 0; j < d->units[i].nnums; j++)
			if (strcmp(d->units[i].nums[j].name,
			    "actions.overdue") != 0)
				return 1;
	return 0;
}

static int
cmp_row_unit(const void *a, const void *b)
{
	return strcmp(((const struct row *)a)->unit,
	    ((const struct row *)b)->unit);
}

/*
 * The rows of the compare records into *out (allocated; its strings are
 * borrowed): every indicator row of d and, for a unit of d (or "*"), each
 * indicator that d lacks but prev or yoy (NULL: not compared) has, such
 * as a rate whose denominator is 0 in d: without it a report would show
 * the earlier value as absent too. In the CSV's order; returns how many.
 */
static int
compare_rows(const struct pdata *d, const struct pdata *prev,
    const struct pdata *yoy, struct row **out)
{
	const struct pdata *o[2] = { prev, yoy };
	struct row *w;
	int n = 0, i, k;

	w = xcalloc((size_t)d->nrows + (prev ? prev->nrows : 0) +
	    (yoy ? yoy->nrows : 0) + 1, sizeof(*w));
	for (i = 0; i < d->nrows; i++)
		w[n++] = d->rows[i];
	for (k = 0; k < 2; k++)
		for (i = 0; o[k] != NULL && i < o[k]->nrows; i++) {
			const struct row *r = &o[k]->rows[i];

			if (find_row(d, r->unit, r->ind) != NULL ||
			    d->nrows == 0 || bsearch(r, d->rows,
			    (size_t)d->nrows, sizeof(*d->rows),
			    cmp_row_unit) == NULL)
				continue;
			/* prev and yoy are one period for a year, 9M */
			if (k == 1 && prev != NULL &&
			    find_row(prev, r->unit, r->ind) != NULL)
				continue;
			w[n++] = *r;
		}
	if (n > 0)
		qsort(w, (size_t)n, sizeof(*w), cmp_row);
	*out = w;
	return n;
}

/* Appends month mo to the list in sb: "2024-01,2024-02". */
static void
add_month(struct sbuf *sb, long mo)
{
	char mb[DATE_BUFSZ];

	month_iso(mo, mb);
	if (sb->len)
		sbuf_addc(sb, ',');
	sbuf_adds(sb, mb);
}

/* The "period" record: d's period, its months, and what it is compared with. */
static void
put_period(FILE *out, const struct pdata *d, const struct pdata *prev,
    const struct pdata *yoy)
{
	struct sbuf sb = SBUF_INIT;
	char title[PERIOD_TITLESZ], fd[DATE_BUFSZ], ld[DATE_BUFSZ];
	long mo;

	period_title(&d->p, title);
	date_iso(d->p.first_day, fd);
	date_iso(d->p.last_day, ld);
	for (mo = d->p.first_month; mo <= d->p.last_month; mo++)
		add_month(&sb, mo);
	{
		const char *f[9] = { "period", d->label,
		    period_kind_name(d->p.kind), title, fd, ld, sbuf_str(&sb),
		    prev->label, yoy->label };

		rec(out, 9, f);
	}
	sbuf_release(&sb);
}

/*
 * The "unit" record of unit u: whether it sent its sheets, the months it
 * did not, and (for a month) the revision it sent.
 */
static void
put_unit(FILE *out, const struct pdata *d, const struct uent *u)
{
	struct sbuf sb = SBUF_INIT;
	char rb[NUMFMT_BUFSZ];
	const char *status;
	int j, missing = 0;
	long long rev = 0;

	for (j = 0; j < u->nex; j++) {
		if (u->ex[j].revision > 0) {
			rev = u->ex[j].revision;
			continue;
		}
		missing++;
		add_month(&sb, u->ex[j].month);
	}
	if (u->nex == 0)
		status = "register";
	else if (missing == u->nex)
		status = "missing";
	else if (missing > 0)
		status = "incomplete";
	else
		status = "submitted";
	rb[0] = '\0';
	if (d->p.kind == PK_MONTH && rev > 0)
		numfmt_count(rev, rb);
	{
		const char *f[6] = { "unit", d->label, u->code, status,
		    sbuf_str(&sb), rb };

		rec(out, 6, f);
	}
	sbuf_release(&sb);
}

/*
 * The "compare" records: each value of d beside the earlier periods'
 * (prev and yoy, when they have data).
 */
static void
put_compare(FILE *out, const struct pdata *d, const struct pdata *prev,
    const struct pdata *yoy)
{
	struct sbuf sb = SBUF_INIT, a = SBUF_INIT, b = SBUF_INIT;
	const struct row *w;
	struct row *cr;
	int i, nc, prev_data = has_data(prev), yoy_data = has_data(yoy);

	nc = compare_rows(d, prev_data ? prev : NULL, yoy_data ? yoy : NULL,
	    &cr);
	for (i = 0; i < nc; i++) {
		const struct row *r = &cr[i];

		sbuf_reset(&sb);
		sbuf_reset(&a);
		sbuf_reset(&b);
		if ((w = find_row(d, r->unit, r->ind)) != NULL)
			put_num(&sb, &w->v);
		if (prev_data && (w = find_row(prev, r->unit, r->ind)) != NULL)
			put_num(&a, &w->v);
		if (yoy_data && (w = find_row(yoy, r->unit, r->ind)) != NULL)
			put_num(&b, &w->v);
		{
			const char *f[9] = { "compare", d->label, r->unit,
			    r->ind, sbuf_str(&sb), prev->label, sbuf_str(&a),
			    yoy->label, sbuf_str(&b) };

			rec(out, 9, f);
		}
	}
	free(cr);
	sbuf_release(&sb);
	sbuf_release(&a);
	sbuf_release(&b);
}

/* The "lowsample" records: the satisfaction rates of too few responses. */
static void
put_lowsample(FILE *out, const struct pdata *d)
{
	char rb[NUMFMT_BUFSZ];
	int i;

	for (i = 0; i < d->nrows; i++) {
		const struct row *r = &d->rows[i];
		const struct row *n;

		if (strcmp(r->ind, "satisfaction.rate") != 0)
			continue;
		n = find_row(d, r->unit, "satisfaction.responses");
		if (n != NULL && n->v.i < LOWSAMPLE) {
			const char *f[4] = { "lowsample", d->label, r->unit,
			    numfmt_count(n->v.i, rb) };

			rec(out, 4, f);
		}
	}
}

/* Writes the analysis records of d, compared with prev and yoy, to out. */
static void
write_analysis(FILE *out, const struct pdata *d, const struct pdata *prev,
    const struct pdata *yoy)
{
	int i;

	fputs("#baocao-analysis 1\n", out);
	put_period(out, d, prev, yoy);
	for (i = 0; i < d->nunits; i++)
		put_unit(out, d, &d->units[i]);
	put_compare(out, d, prev, yoy);
	countsum_at("*", d->label);
	put_pareto(out, d, "errors", "errors.by_type.", error_types);
	put_pareto(out, d, "complaints", "complaints.channel.",
	    complaint_channels);
	countsum_at("*", "the 12 months of the p-charts");
	put_pchart(out, d, "errors.rate", 1);
	put_pchart(out, d, "satisfaction.rate", 0);
	put_lowsample(out, d);
}

static void
pdata_release(struct pdata *d)
{
	int i, j;

	for (i = 0; i < d->nunits; i++) {
		struct uent *u = &d->units[i];

		for (j = 0; j < u->nnums; j++)
			free(u->nums[j].name);
		free(u->nums);
		free(u->ex);
		free(u->code);
	}
	free(d->units);
	for (i = 0; i < d->nrows; i++)
		free(d->rows[i].ind);
	free(d->rows);
}


static int
write_file(const char *path, const char *buf, size_t len)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		diag_errorat(path, 0, 0, "cannot open:");
		return EXIT_USAGE;
	}
	if (fwrite(buf, 1, len, fp) != len || fflush(fp) != 0 || ferror(fp)) {
		diag_plain("%s: cannot write:", path);
		fclose(fp);
		return EXIT_USAGE;
	}
	if (fclose(fp) != 0) {
		diag_plain("%s: cannot write:", path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * baocao-analyze reads the roll-up stream, computes the indicators of the
 * period asked for and of its companions (previous period, a year earlier,
 * the 12 months of the p-charts), and writes the indicators CSV and the
 * analysis stream. Both are buffered: nothing is written on an error.
 */
#ifndef UNIT_TESTING
/*
 * The indicators CSV of d on standard output and, when apath is given, the
 * analysis (comparisons with prev and yoy) into apath; both made in memory
 * first, so that nothing half is written.
 */
static int
write_outputs(const struct pdata *d, const struct pdata *prev,
    const struct pdata *yoy, const char *apath)
{
	char *obuf = NULL, *abuf = NULL;
	size_t olen = 0, alen = 0;
	FILE *out, *aout;
	int rv = EXIT_OK;

	out = open_memstream(&obuf, &olen);
	aout = open_memstream(&abuf, &alen);
	if (out == NULL || aout == NULL) {
		diag_plain("out of memory");
		return EXIT_USAGE;
	}
	write_csv(out, d);
	if (apath != NULL)
		write_analysis(aout, d, prev, yoy);
	fclose(out);
	fclose(aout);
	if (countsum_report())
		rv = EXIT_DATA;	/* in a chart's sums: nothing written */
	else if (apath != NULL)
		rv = write_file(apath, abuf, alen);
	if (rv == EXIT_OK && (fwrite(obuf, 1, olen, stdout) != olen ||
	    fflush(stdout) != 0 || ferror(stdout))) {
		diag_plain("standard output: cannot write:");
		rv = EXIT_USAGE;
	}
	free(obuf);
	free(abuf);
	return rv;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "analysis", required_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "period", required_argument, NULL, 'p' },
		{ "today", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *confdir = "config", *label = NULL, *todays = NULL;
	const char *apath = NULL;
	struct period p, q[PERIOD_COMPANIONS];
	struct pdata *d, *prev, *yoy;
	char msg[256];
	int ch, rv = EXIT_OK, i, nq;

	diag_init(argv[0]);
	argv[0] = (char *)diag_prog();	/* getopt's messages: the bare name */
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			apath = optarg;
			break;
		case 'c':
			confdir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'p':
			label = optarg;
			break;
		case 't':
			todays = optarg;
			break;
		case 'V':
			printf("baocao-analyze (baocao) %s\n", BAOCAO_VERSION);
			diag_exit_stdout(EXIT_OK);
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (label == NULL) {
		diag_plain("--period is required");
		usage();
	}
	if ((rv = config_load(&cfg, confdir)) != 0)
		return rv == EXIT_DATA ? EXIT_DATA : EXIT_USAGE;
	if (period_from_args(label, todays, cfg.cutoff_day, &p, msg,
	    sizeof(msg)) != 0) {
		diag_plain("%s", msg);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	nq = period_companions(&p, q);
	d = pdata_want(&q[0]);
	prev = pdata_want(&q[1]);
	yoy = pdata_want(&q[2]);
	for (i = 3; i < nq; i++)
		pdata_want(&q[i]);
	rv = norm_each_file(argv, &rollup_stream, read_record);
	if (rv == EXIT_OK && diag_errors() == 0 && !d->seen) {
		diag_plain("the roll-up stream has no period '%s' (run "
		    "baocao-rollup --period %s)", d->label, label);
		rv = EXIT_DATA;
	}
	if (diag_errors() > 0)
		rv = worst(rv, EXIT_DATA);
	if (rv == EXIT_OK) {
		for (i = 0; i < npd; i++)
			if (pd[i].seen)
				compute(&pd[i]);
		if (countsum_report())
			rv = EXIT_DATA;
	}
	if (rv == EXIT_OK)
		rv = write_outputs(d, prev, yoy, apath);
	for (i = 0; i < npd; i++)
		pdata_release(&pd[i]);
	config_release(&cfg);
	return rv;
}
#endif
