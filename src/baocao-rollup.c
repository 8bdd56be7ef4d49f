/* SPDX-License-Identifier: ISC */
/*
 * baocao-rollup: sums the normalized stream of baocao-check into report
 * periods (SPEC §5, §6), per unit, and writes the roll-up stream of
 * docs/FORMATS.md §2 that baocao-analyze turns into indicators.
 */
#include <getopt.h>
#include <limits.h>
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
#include "statuslist.h"
#include "util.h"

/* secmask has a bit for each sheet section */
_Static_assert(SHEET_SECTIONS_MAX <= 32, "secmask needs more bits");
#define NO_DATE		LONG_MAX	/* an empty date: never "by the last day" */

/* Survey metrics of V records, in a fixed order (see metric_init). */
#define NRATING		5
#define MAXMETRIC	64
static char	*metric_name[MAXMETRIC];
static int	 nmetric;
static int	 metric_chan0;		/* first channel slot; components follow */

/* One unit's winning sheet for one reporting month. */
struct sheet {
	long		 month;
	long long	 revision;
	unsigned	 secmask;		/* bit i: sheet_sections[i] present */
	long long	 val[SHEET_KEYS_MAX];	/* by sheet_keys[] index */
};

struct unitdata {
	char		*code;
	const struct unit *cfg;			/* NULL: not in units.ini */
	struct sheet	*sheets;
	int		 nsheets, capsheets;
	long long	*surv;			/* [nperiods][nmetric] */
};

/*
 * A copy of a status-list row, reduced to what the counts need; rows[i] is
 * the copy that statuslist numbers i (its seq).
 */
struct rrow {
	int		 kind;			/* index into reg_kinds[] */
	int		 unit;
	long		 date;			/* the date the row is counted by */
	long		 d1, d2;		/* kind-specific dates, see rrow_fill */
	int		 e;			/* enumeration index, -1 empty */
	int		 yn;			/* 1 yes, 0 no, -1 empty */
	double		 hours;
};

static struct config	 cfg;
static struct period	 per[PERIOD_COMPANIONS];
static int		 nper;
static struct unitdata	*units;
static int		 nunits, capunits;
static struct status_list sl;		/* every status-list copy read */
static struct rrow	*rows;		/* by seq, parallel to sl */
static long		 nrows, caprows;

/* Cache of the last V record's folder, date and unit (they repeat). */
static struct {
	char	 folder[16], date[16];
	long	 fmonth, day;
	int	 unit;
	char	 code[32];
} vcache;

static void
usage(void)
{
	fprintf(stderr, "usage: baocao-rollup [--config DIR] --period P "
	    "[--only] [--today DATE] [FILE ...]\n");
	exit(EXIT_USAGE);
}

static void
help(void)
{
	printf("usage: baocao-rollup [--config DIR] --period P [--only] "
	    "[--today DATE] [FILE ...]\n\n"
	    "Reads the normalized stream of baocao-check (FILEs or standard "
	    "input) and\nwrites the roll-up stream (docs/FORMATS.md §2) of "
	    "period P and of the periods\nbaocao-analyze compares it with: the "
	    "previous period, the same period a year\nearlier and the 12 "
	    "reporting months ending with P's last month.\n\n"
	    "  --config DIR   configuration directory (default: config)\n"
	    "  --period P     2026-10, 2026-Q3, 2026-H1, 2026-H2, 2026-9M, 2026,\n"
	    "                 2026-10-01..2026-10-15, previous-month|quarter|"
	    "half|9m|year\n"
	    "  --only         P alone, without the companion periods\n"
	    "  --today DATE   the day previous-* counts back from "
	    "(default: today)\n"
	    "  --help, --version\n");
	diag_exit_stdout(EXIT_OK);
}

static void
metric_init(void)
{
	char buf[64];
	int i;

	for (i = 1; i <= NRATING; i++) {
		snprintf(buf, sizeof(buf), "rating.%d", i);
		metric_name[nmetric++] = xstrdup(buf);
	}
	metric_chan0 = nmetric;
	for (i = 0; survey_channels[i] != NULL; i++) {
		snprintf(buf, sizeof(buf), "channel.%s.n", survey_channels[i]);
		metric_name[nmetric++] = xstrdup(buf);
		snprintf(buf, sizeof(buf), "channel.%s.pos", survey_channels[i]);
		metric_name[nmetric++] = xstrdup(buf);
	}
	for (i = 0; survey_components[i] != NULL; i++) {
		snprintf(buf, sizeof(buf), "component.%s.n",
		    survey_components[i]);
		metric_name[nmetric++] = xstrdup(buf);
		snprintf(buf, sizeof(buf), "component.%s.pos",
		    survey_components[i]);
		metric_name[nmetric++] = xstrdup(buf);
	}
}

static int
metric_find(const char *s)
{
	int i;

	for (i = 0; i < nmetric; i++)
		if (strcmp(metric_name[i], s) == 0)
			return i;
	return -1;
}

/* Adds b to *a; an overflow is remembered and reported at the end. */
static void
add(long long *a, long long b)
{
	*a = countsum_add(*a, b);
}

static int
unit_index(const char *code)
{
	int lo = 0, hi = nunits - 1, mid, c, i;

	/* units[] is kept sorted by code, so a unit is found by bisection. */
	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = strcmp(code, units[mid].code);
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	if (nunits == capunits) {
		capunits = capunits ? capunits * 2 : 64;
		units = xrealloc(units, capunits * sizeof(*units));
	}
	memmove(&units[lo + 1], &units[lo], (nunits - lo) * sizeof(*units));
	memset(&units[lo], 0, sizeof(*units));
	units[lo].code = xstrdup(code);
	units[lo].cfg = config_unit(&cfg, code);
	units[lo].surv = xcalloc((size_t)nper * nmetric, sizeof(long long));
	nunits++;
	/* Row unit indices above lo moved up by one. */
	for (i = 0; i < nrows; i++)
		if (rows[i].unit >= lo)
			rows[i].unit++;
	vcache.unit = -1;
	vcache.code[0] = '\0';
	return lo;
}

static struct sheet *
sheet_of(struct unitdata *u, long month)
{
	int i;

	for (i = 0; i < u->nsheets; i++)
		if (u->sheets[i].month == month)
			return &u->sheets[i];
	if (u->nsheets == u->capsheets) {
		u->capsheets = u->capsheets ? u->capsheets * 2 : 16;
		u->sheets = xrealloc(u->sheets,
		    u->capsheets * sizeof(*u->sheets));
	}
	memset(&u->sheets[u->nsheets], 0, sizeof(u->sheets[0]));
	u->sheets[u->nsheets].month = month;
	return &u->sheets[u->nsheets++];
}

/* A message naming the offending value; valid until the next call. */
static const char *
bad(const char *what, const char *value)
{
	static char msg[256];

	snprintf(msg, sizeof(msg), "%s '%.120s'", what, value);
	return msg;
}

/* S <month> <unit> <section.key> <value> */
static const char *
read_s(struct norm_reader *r)
{
	char *dot;
	long month;
	const struct sheet_section *sec;
	const struct sheet_key *k;
	struct sheet *sh;
	long long v;

	if (r->nf != 5)
		return "an S record has 5 fields";
	if (month_parse(r->f[1], r->len[1], &month) != 0)
		return bad("bad month in S record:", r->f[1]);
	if (!unit_code_valid(r->f[2], r->len[2]))
		return bad("bad unit code in S record:", r->f[2]);
	if ((dot = strchr(r->f[3], '.')) == NULL)
		return bad("S record key is not section.key:", r->f[3]);
	*dot = '\0';
	sec = sheet_section_find(r->f[3]);
	if (sec == NULL)
		return bad("unknown sheet section in S record:", r->f[3]);
	k = sheet_key_find(r->f[3], dot + 1);
	if (k == NULL) {
		if (sec == sheet_section_find("submission") ||
		    sec == sheet_section_find("narrative"))
			return NULL;	/* submission.file and the like */
		return bad("unknown sheet key in S record:", dot + 1);
	}
	sh = sheet_of(&units[unit_index(r->f[2])], month);
	sh->secmask |= 1u << (sec - sheet_sections);
	if (k->type == FT_REVISION) {
		if (num_count(r->f[4], r->len[4], &v) != NUM_OK)
			return bad("bad revision in S record:", r->f[4]);
		if (v > sh->revision)
			sh->revision = v;
	} else if (k->stock != NOT_NUMBER) {
		if (num_count(r->f[4], r->len[4], &v) != NUM_OK)
			return bad("bad count in S record:", r->f[4]);
		sh->val[k - sheet_keys] = v;
	}
	return NULL;
}

/* V <folder> <date> <unit> <metric> <count> */
static const char *
read_v(struct norm_reader *r)
{
	long long v, *acc;
	int m, i;

	if (r->nf != 6)
		return "a V record has 6 fields";
	if (r->len[1] == 0 || r->len[2] == 0)
		return "empty folder or date in V record";
	if (strcmp(r->f[1], vcache.folder) != 0) {
		if (r->len[1] >= sizeof(vcache.folder) ||
		    month_parse(r->f[1], r->len[1], &vcache.fmonth) != 0) {
			vcache.folder[0] = '\0';
			return bad("bad folder month in V record:", r->f[1]);
		}
		memcpy(vcache.folder, r->f[1], r->len[1] + 1);
	}
	if (strcmp(r->f[2], vcache.date) != 0) {
		if (r->len[2] >= sizeof(vcache.date) ||
		    date_parse(r->f[2], r->len[2], &vcache.day) != DATE_OK) {
			vcache.date[0] = '\0';
			return bad("bad date in V record:", r->f[2]);
		}
		memcpy(vcache.date, r->f[2], r->len[2] + 1);
	}
	if (vcache.unit < 0 || strcmp(r->f[3], vcache.code) != 0) {
		if (!unit_code_valid(r->f[3], r->len[3]))
			return bad("bad unit code in V record:", r->f[3]);
		vcache.unit = unit_index(r->f[3]);
		memcpy(vcache.code, r->f[3], r->len[3] + 1);
	}
	if ((m = metric_find(r->f[4])) < 0)
		return bad("unknown survey metric in V record:", r->f[4]);
	if (num_count(r->f[5], r->len[5], &v) != NUM_OK)
		return bad("bad count in V record:", r->f[5]);
	acc = units[vcache.unit].surv;
	for (i = 0; i < nper; i++)
		if (vcache.fmonth <= per[i].last_folder &&
		    period_has_day(&per[i], vcache.day))
			add(&acc[(size_t)i * nmetric + m], v);
	return NULL;
}

static int
enum_index(const char *const *values, const char *s)
{
	int i;

	for (i = 0; values[i] != NULL; i++)
		if (strcmp(values[i], s) == 0)
			return i;
	return -1;
}

/* Looks up column name of kind k in record r (fields from 4 on). */
static const char *
col(const struct norm_reader *r, const struct reg_kind *k, const char *name)
{
	int i = reg_col_index(k, name);

	return i < 0 ? "" : r->f[4 + i];
}

/* A date column: "" is NO_DATE (absent); -1 on a bad date. */
static int
col_date(const struct norm_reader *r, const struct reg_kind *k,
    const char *name, long *d)
{
	const char *s = col(r, k, name);

	if (*s == '\0') {
		*d = NO_DATE;
		return 0;
	}
	return date_parse(s, strlen(s), d) == DATE_OK ? 0 : -1;
}

static int
yesno(const char *s)
{
	if (strcmp(s, "yes") == 0)
		return 1;
	if (strcmp(s, "no") == 0)
		return 0;
	return *s ? -2 : -1;
}

/*
 * Fills the kind-specific fields:
 *	errors		d1 corrected_on, d2 verified_on, e error_type
 *	actions		d1 closed_on, d2 due_on, e type, yn effective
 *	suggestions	d1 to_qmr_on, d2 notified_on, e status
 *	complaints	d1 explained_on, d2 resolved_on, e channel, yn justified
 *	incidents	hours downtime_hours
 *	audits		d1 closed_on, e finding (0 nc, 1 obs)
 */
static const char *
rrow_fill(struct rrow *w, const struct norm_reader *r,
    const struct reg_kind *k)
{
	static const char *const findings[] = { "nc", "obs", NULL };
	const char *name = k->name, *s;
	const char *d1 = NULL, *d2 = NULL, *en = NULL, *yn = NULL;
	const char *const *values = NULL;
	char *end;

	w->d1 = w->d2 = NO_DATE;
	w->e = w->yn = -1;
	w->hours = 0;
	if (strcmp(name, "errors") == 0) {
		d1 = "corrected_on", d2 = "verified_on";
		en = "error_type", values = error_types;
	} else if (strcmp(name, "actions") == 0) {
		d1 = "closed_on", d2 = "due_on", yn = "effective";
		en = "type", values = action_types;
	} else if (strcmp(name, "suggestions") == 0) {
		d1 = "to_qmr_on", d2 = "notified_on";
		en = "status", values = suggestion_statuses;
	} else if (strcmp(name, "complaints") == 0) {
		d1 = "explained_on", d2 = "resolved_on", yn = "justified";
		en = "channel", values = complaint_channels;
	} else if (strcmp(name, "audits") == 0) {
		d1 = "closed_on";
		en = "finding", values = findings;
	} else if (strcmp(name, "incidents") == 0) {
		s = col(r, k, "downtime_hours");
		if (*s) {
			w->hours = strtod(s, &end);
			if (*end != '\0' || !(w->hours >= 0))
				return bad("bad downtime_hours in R record:", s);
		}
	}
	if (col_date(r, k, k->date_col, &w->date) != 0 ||
	    w->date == NO_DATE)
		return bad("bad or empty date in R record:", k->date_col);
	if (d1 != NULL && col_date(r, k, d1, &w->d1) != 0)
		return bad("bad date in R record:", col(r, k, d1));
	if (d2 != NULL && col_date(r, k, d2, &w->d2) != 0)
		return bad("bad date in R record:", col(r, k, d2));
	if (en != NULL) {
		s = col(r, k, en);
		if (*s && (w->e = enum_index(values, s)) < 0)
			return bad("unknown value in R record:", s);
		if (!*s && strcmp(name, "complaints") != 0)
			return bad("empty value in R record:", en);
	}
	if (yn != NULL && (w->yn = yesno(col(r, k, yn))) == -2)
		return bad("not yes or no in R record:", col(r, k, yn));
	return NULL;
}

/* R <kind> <folder> <file:line> <col1> ... <colN> */
static const char *
read_r(struct norm_reader *r)
{
	const struct reg_kind *k;
	struct rrow w;
	const char *err, *unit;
	long folder;

	if (status_record_check(r, &k, &folder, &err) != SL_OK)
		return err;
	unit = col(r, k, "unit");
	if (!unit_code_valid(unit, strlen(unit)))
		return bad("bad unit code in R record:", unit);
	memset(&w, 0, sizeof(w));
	if ((err = rrow_fill(&w, r, k)) != NULL)
		return err;
	if (status_list_add(&sl, r, &err) != SL_OK)
		return err;
	w.kind = (int)(k - reg_kinds);
	w.unit = unit_index(unit);
	if (nrows == caprows) {
		caprows = caprows ? caprows * 2 : 1024;
		rows = xrealloc(rows, caprows * sizeof(*rows));
	}
	rows[nrows++] = w;
	return NULL;
}

/* What baocao-rollup reads: the normalized stream (docs/FORMATS.md §1). */
static const char *const norm_types[] = { "S", "V", "R", NULL };
static const struct norm_stream norm_stream = {
	"norm", 1, "baocao-check", norm_types
};

/* One record of the stream (norm_each_file() has checked its type). */
static const char *
read_record(struct norm_reader *r)
{
	if (strcmp(r->f[0], "V") == 0)
		return read_v(r);
	if (strcmp(r->f[0], "S") == 0)
		return read_s(r);
	return read_r(r);
}

/* Register counts of one unit in one period, by name. */
enum {
	E_COUNT, E_TYPE0,
	E_CORRECTED = E_TYPE0 + 6, E_VERIFIED,
	A_OPENED, A_TYPE0,
	A_CLOSED = A_TYPE0 + 3, A_OVERDUE, A_EFF_YES, A_EFF_NO,
	S_RECEIVED, S_TO_QMR, S_IMPLEMENTED, S_REJECTED, S_PENDING,
	S_NOTIFIED,
	C_RECEIVED, C_EXPLAINED, C_RESOLVED, C_JUSTIFIED, C_CHAN0,
	I_COUNT = C_CHAN0 + 5, AU_NC, AU_OBS, AU_CLOSED,
	NREG
};

struct regcount {
	long long	 n[NREG];
	double		 hours;
	int		 rows;		/* register rows counted in P */
};

/* Counts row w, the copy that period p reads, into c. */
static void
count_row(const struct rrow *w, const struct period *p, struct regcount *c)
{
	const char *kind = reg_kinds[w->kind].name;
	long last = p->last_day;

	if (strcmp(kind, "actions") == 0 && w->date <= last &&
	    w->d2 < last && !(w->d1 <= last))
		add(&c->n[A_OVERDUE], 1);
	if (!period_has_day(p, w->date))
		return;
	c->rows++;
	if (strcmp(kind, "errors") == 0) {
		add(&c->n[E_COUNT], 1);
		add(&c->n[E_TYPE0 + w->e], 1);
		if (w->d1 <= last)
			add(&c->n[E_CORRECTED], 1);
		if (w->d2 <= last)
			add(&c->n[E_VERIFIED], 1);
	} else if (strcmp(kind, "actions") == 0) {
		add(&c->n[A_OPENED], 1);
		add(&c->n[A_TYPE0 + w->e], 1);
		if (w->d1 <= last)
			add(&c->n[A_CLOSED], 1);
		if (w->yn == 1)
			add(&c->n[A_EFF_YES], 1);
		else if (w->yn == 0)
			add(&c->n[A_EFF_NO], 1);
	} else if (strcmp(kind, "suggestions") == 0) {
		add(&c->n[S_RECEIVED], 1);
		if (w->d1 <= last)
			add(&c->n[S_TO_QMR], 1);
		if (strcmp(suggestion_statuses[w->e], "da_thuc_hien") == 0)
			add(&c->n[S_IMPLEMENTED], 1);
		else if (strcmp(suggestion_statuses[w->e],
		    "khong_chap_nhan") == 0)
			add(&c->n[S_REJECTED], 1);
		else
			add(&c->n[S_PENDING], 1);
		if (w->d2 <= last)
			add(&c->n[S_NOTIFIED], 1);
	} else if (strcmp(kind, "complaints") == 0) {
		add(&c->n[C_RECEIVED], 1);
		if (w->d1 <= last)
			add(&c->n[C_EXPLAINED], 1);
		if (w->d2 <= last)
			add(&c->n[C_RESOLVED], 1);
		if (w->yn == 1)
			add(&c->n[C_JUSTIFIED], 1);
		/* A complaint without a channel counts as "khac". */
		add(&c->n[C_CHAN0 + (w->e >= 0 ? w->e :
		    enum_index(complaint_channels, "khac"))], 1);
	} else if (strcmp(kind, "incidents") == 0) {
		add(&c->n[I_COUNT], 1);
		c->hours += w->hours;
	} else if (strcmp(kind, "audits") == 0) {
		if (w->e == 0)
			add(&c->n[AU_NC], 1);
		else
			add(&c->n[AU_OBS], 1);
		if (w->d1 <= last)
			add(&c->n[AU_CLOSED], 1);
	}
}

static void
put_n(FILE *out, const char *p, const char *unit, const char *name,
    long long v)
{
	char buf[NUMFMT_BUFSZ];
	const char *f[5] = { "N", p, unit, name, buf };

	numfmt_count(v, buf);
	norm_put_record(out, 5, f);
}

static void
put_d(FILE *out, const char *p, const char *unit, const char *name, double v)
{
	char buf[NUMFMT_BUFSZ];
	const char *f[5] = { "N", p, unit, name, buf };

	numfmt_double(v, buf);
	norm_put_record(out, 5, f);
}

static const char *const reg_names[NREG] = {
	[E_COUNT] = "errors.count",
	[E_CORRECTED] = "errors.corrected", [E_VERIFIED] = "errors.verified",
	[A_OPENED] = "actions.opened", [A_CLOSED] = "actions.closed",
	[A_OVERDUE] = "actions.overdue",
	[A_EFF_YES] = "actions.effective_yes",
	[A_EFF_NO] = "actions.effective_no",
	[S_RECEIVED] = "suggestions.received", [S_TO_QMR] = "suggestions.to_qmr",
	[S_IMPLEMENTED] = "suggestions.implemented",
	[S_REJECTED] = "suggestions.rejected",
	[S_PENDING] = "suggestions.pending",
	[S_NOTIFIED] = "suggestions.notified",
	[C_RECEIVED] = "complaints.received",
	[C_EXPLAINED] = "complaints.explained",
	[C_RESOLVED] = "complaints.resolved",
	[C_JUSTIFIED] = "complaints.justified",
	[I_COUNT] = "incidents.count",
	[AU_NC] = "audits.nc", [AU_OBS] = "audits.obs",
	[AU_CLOSED] = "audits.closed",
};

/* The name of register count i ("errors.by_type.the_thuc"), in buf. */
static const char *
reg_name(int i, char *buf, size_t sz)
{
	if (i >= E_TYPE0 && i < E_TYPE0 + 6)
		snprintf(buf, sz, "errors.by_type.%s", error_types[i - E_TYPE0]);
	else if (i >= A_TYPE0 && i < A_TYPE0 + 3)
		snprintf(buf, sz, "actions.opened.%s",
		    action_types[i - A_TYPE0]);
	else if (i >= C_CHAN0 && i < C_CHAN0 + 5)
		snprintf(buf, sz, "complaints.channel.%s",
		    complaint_channels[i - C_CHAN0]);
	else
		snprintf(buf, sz, "%s", reg_names[i]);
	return buf;
}

/* Whether unit u is active in any month from m1 to m2. */
static int
active_in(const struct unitdata *u, long m1, long m2)
{
	long m;

	if (u->cfg == NULL)
		return 0;
	for (m = m1; m <= m2; m++)
		if (unit_active(u->cfg, m))
			return 1;
	return 0;
}

static const struct sheet *
find_sheet(const struct unitdata *u, long month)
{
	int i;

	for (i = 0; i < u->nsheets; i++)
		if (u->sheets[i].month == month)
			return &u->sheets[i];
	return NULL;
}

/*
 * Writes the sheet numbers of unit u for period p, section by section:
 * flows summed over the months that sent the section, the opening stock
 * of the first such month, closing stocks of the last. Satisfaction
 * tallies are added to tally[] (very_satisfied first) instead.
 */
static void
put_sheets(FILE *out, const char *label, const struct unitdata *u,
    const struct period *p, long long tally[NRATING], int *sent_tally)
{
	const struct sheet *first, *last, *sh;
	char name[128];
	long long sum;
	long m;
	int s, k, t;

	for (s = 0; s < nsheet_sections; s++) {
		const char *sec = sheet_sections[s].name;
		int is_sat = strcmp(sec, "satisfaction") == 0;

		first = last = NULL;
		for (m = p->first_month; m <= p->last_month; m++) {
			sh = find_sheet(u, m);
			if (sh == NULL || !(sh->secmask & (1u << s)))
				continue;
			if (first == NULL)
				first = sh;
			last = sh;
		}
		if (first == NULL)
			continue;
		if (is_sat)
			*sent_tally = 1;
		for (k = 0, t = 0; k < nsheet_keys; k++) {
			if (strcmp(sheet_keys[k].section, sec) != 0 ||
			    sheet_keys[k].stock == NOT_NUMBER)
				continue;
			switch (sheet_keys[k].stock) {
			case STOCK_OPENING:
				sum = first->val[k];
				break;
			case STOCK_CLOSING:
				sum = last->val[k];
				break;
			default:
				sum = 0;
				for (m = p->first_month; m <= p->last_month;
				    m++) {
					sh = find_sheet(u, m);
					if (sh != NULL &&
					    (sh->secmask & (1u << s)))
						add(&sum, sh->val[k]);
				}
				break;
			}
			if (is_sat) {
				/* very_satisfied ... very_dissatisfied */
				if (t < NRATING)
					add(&tally[t++], sum);
				continue;
			}
			snprintf(name, sizeof(name), "%s.%s", sec,
			    sheet_keys[k].key);
			put_n(out, label, u->code, name, sum);
		}
	}
}

static void
put_satisfaction(FILE *out, const char *label, const struct unitdata *u,
    int pi, const long long tally[NRATING])
{
	static const char *const names[NRATING] = {
		"satisfaction.very_satisfied", "satisfaction.satisfied",
		"satisfaction.neutral", "satisfaction.dissatisfied",
		"satisfaction.very_dissatisfied"
	};
	const long long *acc = &u->surv[(size_t)pi * nmetric];
	char name[128];
	long long v;
	int i;

	for (i = 0; i < NRATING; i++) {
		v = tally[i];
		add(&v, acc[NRATING - 1 - i]);	/* rating.5 first */
		if (v != 0)
			put_n(out, label, u->code, names[i], v);
	}
	for (i = metric_chan0; i < nmetric; i += 2) {
		if (acc[i] == 0)
			continue;	/* only where such rows exist */
		snprintf(name, sizeof(name), "satisfaction.%s", metric_name[i]);
		put_n(out, label, u->code, name, acc[i]);
		snprintf(name, sizeof(name), "satisfaction.%s",
		    metric_name[i + 1]);
		put_n(out, label, u->code, name, acc[i + 1]);
	}
}

/* Writes every record of period pi. */
static void
put_period(FILE *out, int pi)
{
	const struct period *p = &per[pi];
	struct regcount *rc = xcalloc((size_t)nunits ? (size_t)nunits : 1,
	    sizeof(*rc));
	char label[PERIOD_LABELSZ], a[DATE_BUFSZ], b[DATE_BUFSZ];
	char mbuf[DATE_BUFSZ], name[128], rev[NUMFMT_BUFSZ];
	struct sbuf months = SBUF_INIT;
	const struct status_row *w;
	size_t pos = 0;
	long m, wm1, wm2;
	int u, k, survey;

	period_label(p, label);
	countsum_at(NULL, label);
	/* Status lists: the copy of the latest folder this period reads. */
	while ((w = status_list_next(&sl, p->last_folder, &pos, NULL)) !=
	    NULL)
		count_row(&rows[w->seq], p, &rc[rows[w->seq].unit]);
	date_iso(p->first_day, a);
	date_iso(p->last_day, b);
	for (m = p->first_month; m <= p->last_month; m++) {
		month_iso(m, mbuf);
		if (months.len)
			sbuf_addc(&months, ',');
		sbuf_adds(&months, mbuf);
	}
	{
		char lf[DATE_BUFSZ];
		const char *f[7] = { "P", label, period_kind_name(p->kind), a,
		    b, sbuf_str(&months), lf };

		month_iso(p->last_folder, lf);
		norm_put_record(out, 7, f);
	}
	wm1 = report_month_of_date(p->first_day, p->cutoff);
	wm2 = report_month_of_date(p->last_day, p->cutoff);
	for (u = 0; u < nunits; u++) {
		const struct unitdata *ud = &units[u];
		const long long *acc = &ud->surv[(size_t)pi * nmetric];
		long long tally[NRATING] = { 0 };
		int sent_tally = 0, active;

		countsum_at(ud->code, label);
		survey = 0;
		for (k = 0; k < NRATING; k++)
			if (acc[k] != 0)
				survey = 1;
		active = active_in(ud, wm1, wm2);
		/*
		 * In scope (SPEC §6): active, or with a register row counted
		 * in P, by the date of SPEC §3.2's "counted by" column. An
		 * action overdue at P's end but opened before P is not such a
		 * row: a unit gone before P (active_to) with only that is out
		 * of scope, its overdue action in no total.
		 */
		if (!active && !survey && rc[u].rows == 0)
			continue;	/* not in scope */
		{
			const char *f[4] = { "U", label, ud->code,
			    active ? "active" : "register" };

			norm_put_record(out, 4, f);
		}
		for (m = p->first_month; m <= p->last_month; m++) {
			const struct sheet *sh = find_sheet(ud, m);
			const char *f[5] = { "E", label, ud->code, mbuf, rev };

			if (ud->cfg == NULL || !unit_active(ud->cfg, m))
				continue;
			month_iso(m, mbuf);
			rev[0] = '\0';
			if (sh != NULL)
				numfmt_count(sh->revision, rev);
			norm_put_record(out, 5, f);
		}
		put_sheets(out, label, ud, p, tally, &sent_tally);
		put_satisfaction(out, label, ud, pi, tally);
		/* Register counts: zeros are left out (absent is 0). */
		for (k = 0; k < NREG; k++)
			if (rc[u].n[k] != 0)
				put_n(out, label, ud->code,
				    reg_name(k, name, sizeof(name)), rc[u].n[k]);
		if (rc[u].hours != 0)
			put_d(out, label, ud->code, "incidents.downtime_hours",
			    rc[u].hours);
	}
	sbuf_release(&months);
	free(rc);
}

/* Adds p to the periods written, once. */
static void
want(const struct period *p)
{
	char a[PERIOD_LABELSZ], b[PERIOD_LABELSZ];
	int i;

	period_label(p, a);
	for (i = 0; i < nper; i++) {
		period_label(&per[i], b);
		if (strcmp(a, b) == 0)
			return;
	}
	if (nper < PERIOD_COMPANIONS)
		per[nper++] = *p;
}


static int
flush_out(char *buf, size_t len)
{
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		diag_plain("standard output: cannot write:");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/*
 * baocao-rollup reads the normalized stream (files or standard input),
 * keeps sheet numbers per unit and month and status-list rows in memory,
 * sums survey counts on the fly, and writes the roll-up stream of the
 * period asked for and of its companion periods. Nothing is written when
 * the input has errors (exit 1) or cannot be read (exit 2).
 */
#ifndef UNIT_TESTING
/* P itself and, unless only, what it is compared with: the period before,
 * the same period a year before, and the 12 months ending with P. */
static void
want_periods(const struct period *p, int only)
{
	struct period q[PERIOD_COMPANIONS];
	int i, n = period_companions(p, q);

	for (i = 0; i < (only ? 1 : n); i++)
		want(&q[i]);
}

/* Writes every period wanted, in memory first: nothing on standard output
 * when a sum overflows on the way. */
static int
write_periods(void)
{
	char *obuf = NULL;
	size_t olen = 0;
	FILE *out;
	int i, rv = EXIT_OK;

	status_list_sort(&sl);
	if ((out = open_memstream(&obuf, &olen)) == NULL) {
		diag_plain("out of memory");
		return EXIT_USAGE;
	}
	fputs("#baocao-rollup 1\n", out);
	for (i = 0; i < nper; i++)
		put_period(out, i);
	fclose(out);
	rv = countsum_report() ? EXIT_DATA : flush_out(obuf, olen);
	free(obuf);
	return rv;
}

static void
release_all(void)
{
	int i;

	for (i = 0; i < nunits; i++) {
		free(units[i].code);
		free(units[i].sheets);
		free(units[i].surv);
	}
	free(units);
	free(rows);
	status_list_release(&sl);
	for (i = 0; i < nmetric; i++)
		free(metric_name[i]);
	config_release(&cfg);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "only", no_argument, NULL, 'o' },
		{ "period", required_argument, NULL, 'p' },
		{ "today", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *confdir = "config", *label = NULL, *todays = NULL;
	struct period p;
	char msg[256];
	int ch, only = 0, rv = EXIT_OK, i;

	diag_init(argv[0]);
	argv[0] = (char *)diag_prog();	/* getopt's messages: the bare name */
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			confdir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'o':
			only = 1;
			break;
		case 'p':
			label = optarg;
			break;
		case 't':
			todays = optarg;
			break;
		case 'V':
			printf("baocao-rollup (baocao) %s\n", BAOCAO_VERSION);
			diag_exit_stdout(EXIT_OK);
		default:
			usage();
		}
	}
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
	want_periods(&p, only);
	metric_init();
	vcache.unit = -1;
	/* The units of the configuration are known before any record. */
	for (i = 0; i < cfg.nunits; i++)
		unit_index(cfg.units[i].code);
	rv = norm_each_file(argv + optind, &norm_stream, read_record);
	if (countsum_report())
		rv = worst(rv, EXIT_DATA);
	if (diag_errors() > 0)
		rv = worst(rv, EXIT_DATA);
	if (rv == EXIT_OK)
		rv = write_periods();
	release_all();
	return rv;
}
#endif
