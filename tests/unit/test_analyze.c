/* SPDX-License-Identifier: ISC */
/*
 * Tests of baocao-rollup and baocao-analyze on the hand-made fixture of
 * tests/fixtures/analyze: every value below is worked out by hand from the
 * input folders (input.norm is what baocao-check writes for them), never
 * copied from the programs' output.
 *
 * The fixture (config/: cutoff_day 0; config15/: cutoff_day 15):
 *   units   DESK, PNV; PTC only up to 2024-02 (active_to = 2024-02)
 *   sheets  2024-01 DESK PNV PTC; 2024-02 DESK PTC (PNV missing);
 *           2024-03 DESK, PNV (PNV.ini rev 1 and PNV.r2.ini rev 2: rev 2
 *           wins); 2024-04 DESK.
 *           DESK sends [dossiers] in 01 and 02 only; PNV in 03 only;
 *           PNV sends a [satisfaction] tally in 01 (3, 4, 2, 1, 0).
 *           DESK 02 has documents.outgoing = 0 (a zero denominator).
 *   DESK 01 tasks 10/8/1/1  dossiers co 5 on 20 di 10 e 10 ot 15 l 2 pit 7 po 1
 *           documents 30/25/3/2 out 20 arch 5
 *   DESK 02 tasks 10/9/1/0  dossiers co 8 on 15 di 5 e 5 ot 14 l 1 pit 6 po 2
 *           documents 20/20/0/0 out 0 arch 3
 *   DESK 03 tasks 20/19/0/1 (19/20 = 95 %: exactly the objective)
 *           documents 10/9/1/0 out 40 arch 2
 *   PNV 01  tasks 5/5/0/0 documents 10/8/1/1 out 10 arch 1
 *   PNV 03  (rev 2) tasks 4/3/0/1 dossiers co 0 on 2 di 0 e 1 ot 0 l 0 pit 1
 *           po 0; documents 12/10/2/0 out 15 arch 0
 *   PTC 01  tasks 2/2/0/0 documents 4/4/0/0 out 5 arch 0
 *   PTC 02  tasks 3/1/1/1 documents 6/3/2/1 out 5 arch 1
 *   survey  folder 01: DESK 01-10 truc_tiep 5 (feedback 4), 01-15 truc_tuyen 4
 *           folder 03: DESK 03-01 truc_tiep 5 (access 5, staff 4),
 *             03-02 truc_tiep 4 (access 3), 03-05 truc_tuyen 3,
 *             03-20 truc_tuyen 5 (result 5), 03-31 buu_chinh 1 (access 2),
 *             02-28 truc_tiep 4 (a February row sent in March)
 *           folder 04: DESK 03-30 truc_tiep 2 (a March row sent in April)
 *   errors  folder 02: DESK 5/GM 02-10 khac; PTC 7/QĐ 03-01 the_thuc
 *           folder 03: PNV 12/QĐ-UBND 03-04 the_thuc corr 03-06 ver 03-07;
 *             PNV 15/BC-UBND 03-10 chinh_ta corr 04-02;
 *             PNV 20/TB-UBND 02-20 noi_dung
 *           folder 04: PNV 15/BC-UBND re-sent with corr 03-29
 *   actions folder 01: A1 khac_phuc opened 01-05 due 01-31 open;
 *             A2 cai_tien 01-10 due 03-31 closed 02-15 effective yes
 *           folder 03: A1 re-sent closed 03-10 effective no;
 *             A3 phong_ngua 03-03 due 03-15 open; A4 khac_phuc 03-20
 *             due 03-31 open
 *   suggestions (PNV, folder 03): S1 03-05 to_qmr 03-06 da_thuc_hien
 *             notified 03-20; S2 03-07 khong_chap_nhan; S3 03-08 moi
 *   complaints (DESK, folder 03): C1 03-02 truc_tiep explained 03-03
 *             resolved 03-10 justified yes; C2 03-25 no channel resolved
 *             04-05 justified no
 *   incidents (DESK, folder 03): I1 03-04 2.5 h; I2 03-18 no hours
 *   audits  (PNV, folder 03): AU1 03-12 nc closed 03-28; AU2 03-12 obs
 *   objectives tasks_on_time >= 95% (*; PNV 0.5), errors_rate <= 5% (*),
 *           dossiers_online >= 0.5 (DESK, PNV, PTC), satisfaction >= 90% (*)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "lib/indicator.h"

#define ABSENT	NULL

struct want {
	const char	*unit;
	const char	*ind;
	const char	*value;		/* ABSENT: no such row */
};

/* The indicators CSV of one run, as "unit,indicator" -> value. */
struct csv {
	char	**key, **val;
	int	 n;
};

/* strdup(3) through cmocka's checked malloc (UNIT_TESTING redefines it). */
static char *
dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

static void
run(struct csv *c, const char *fx, const char *conf, const char *period)
{
	const char *b = getenv("BUILD");
	char cmd[1024], line[512], *comma;
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "%s/bin/baocao-rollup --config "
	    "tests/fixtures/%s/%s --period %s "
	    "tests/fixtures/%s/input.norm | %s/bin/baocao-analyze "
	    "--config tests/fixtures/%s/%s --period %s",
	    b ? b : "build", fx, conf, period, fx, b ? b : "build", fx, conf,
	    period);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	memset(c, 0, sizeof(*c));
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_string_equal(line, "period,unit,indicator,value\n");
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		/* period,unit,indicator,value: drop the period */
		assert_int_equal(strncmp(line, period, strlen(period)), 0);
		comma = strrchr(line, ',');
		*comma = '\0';
		c->key = realloc(c->key, (c->n + 1) * sizeof(char *));
		c->val = realloc(c->val, (c->n + 1) * sizeof(char *));
		c->key[c->n] = dup(line + strlen(period) + 1);
		/* every name is one of SPEC §6 (the catalogue of the library) */
		{
			const char *ind = strchr(c->key[c->n], ',') + 1;

			if (!indicator_known(ind) &&
			    strncmp(ind, "objective.", 10) != 0)
				fail_msg("'%s' is not an indicator of SPEC §6",
				    ind);
		}
		c->val[c->n] = dup(comma + 1);
		c->n++;
	}
	assert_int_equal(pclose(fp), 0);
}

static void
release(struct csv *c)
{
	int i;

	for (i = 0; i < c->n; i++) {
		free(c->key[i]);
		free(c->val[i]);
	}
	free(c->key);
	free(c->val);
}

static const char *
lookup(const struct csv *c, const char *unit, const char *ind, int *idx)
{
	char k[256];
	int i;

	snprintf(k, sizeof(k), "%s,%s", unit, ind);
	for (i = 0; i < c->n; i++)
		if (strcmp(c->key[i], k) == 0) {
			if (idx)
				*idx = i;
			return c->val[i];
		}
	return NULL;
}

/*
 * Checks every wanted value; with all_listed, every row of the CSV that
 * the table does not name must be a zero count (the register counts of a
 * unit in scope, SPEC §6), and nrows is the exact number of rows.
 */
static void
check_fx(const char *fx, const char *conf, const char *period,
    const struct want *w, size_t n, int all_listed, int nrows)
{
	struct csv c;
	char *seen;
	const char *v;
	size_t i;
	int idx = 0, j;

	run(&c, fx, conf, period);
	seen = calloc((size_t)c.n + 1, 1);
	for (i = 0; i < n; i++) {
		print_message("%s %s %s %s\n", period, w[i].unit, w[i].ind,
		    w[i].value ? w[i].value : "(absent)");
		v = lookup(&c, w[i].unit, w[i].ind, &idx);
		if (w[i].value == ABSENT) {
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		assert_string_equal(v, w[i].value);
		seen[idx] = 1;
	}
	if (all_listed) {
		assert_int_equal(c.n, nrows);
		for (j = 0; j < c.n; j++)
			if (!seen[j]) {
				print_message("unlisted %s = %s\n", c.key[j],
				    c.val[j]);
				assert_string_equal(c.val[j], "0");
			}
	}
	free(seen);
	release(&c);
}

/*
 * Numeric wants: the value is a C expression of the hand arithmetic
 * (22.0 / 24, not a copied 0.9166...), so the working is the code.
 * A count (COUNT) must print as that exact integer; any other value
 * (RATE) must read back within 1e-12; NONE: no such row.
 */
enum wkind { COUNT, RATE, NONE, WLOW, WHIGH };

struct wnum {
	const char	*unit;
	const char	*ind;
	enum wkind	 kind;
	double		 v;
	double		 n;	/* WLOW, WHIGH: v satisfied of n */
};

#define C(u, i, x)	{ (u), (i), COUNT, (x), 0 }
#define R(u, i, x)	{ (u), (i), RATE, (x), 0 }
#define X(u, i)		{ (u), (i), NONE, 0, 0 }
/* the Wilson bounds of k satisfied among n, by wilson() below */
#define WL(u, i, k, n)	{ (u), (i), WLOW, (k), (n) }
#define WH(u, i, k, n)	{ (u), (i), WHIGH, (k), (n) }

/*
 * The Wilson bounds of SPEC §6 written out from the formula there, for
 * n responses of which k satisfied: (p + z²/2n ∓ z·√(p(1−p)/n + z²/4n²))
 * / (1 + z²/n), clamped to [0, 1].
 */
static double
wilson(double k, double n, int high)
{
	double z = 1.96, p = k / n;
	double c = p + z * z / (2 * n);
	double m = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n));
	double r = (high ? c + m : c - m) / (1 + z * z / n);

	return r < 0 ? 0 : r > 1 ? 1 : r;
}

static void
check_num(const char *fx, const char *conf, const char *period,
    const struct wnum *w, size_t n)
{
	struct csv c;
	const char *v;
	char want[64], *end;
	double got, exp;
	size_t i;

	run(&c, fx, conf, period);
	for (i = 0; i < n; i++) {
		v = lookup(&c, w[i].unit, w[i].ind, NULL);
		print_message("%s %s %s: %s\n", period, w[i].unit, w[i].ind,
		    v ? v : "(absent)");
		if (w[i].kind == NONE) {
			assert_null(v);
			continue;
		}
		assert_non_null(v);
		if (w[i].kind == COUNT) {
			snprintf(want, sizeof(want), "%.0f", w[i].v);
			assert_string_equal(v, want);
			continue;
		}
		exp = w[i].kind == RATE ? w[i].v :
		    wilson(w[i].v, w[i].n, w[i].kind == WHIGH);
		got = strtod(v, &end);
		assert_true(*end == '\0');
		if (fabs(got - exp) > 1e-12)
			fail_msg("%s %s = %s, want %.17g", w[i].unit, w[i].ind,
			    v, exp);
	}
	release(&c);
}

/* check_fx() on the fixture of tests/fixtures/analyze. */
static void
check(const char *conf, const char *period, const struct want *w, size_t n,
    int all_listed, int nrows)
{
	check_fx("analyze", conf, period, w, n, all_listed, nrows);
}

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * 2024-03, cutoff 0: window 2024-03-01..2024-03-31, sheets of 2024-03,
 * folders up to 2024-03 (April's rows are not read).
 * Units in scope: DESK, PNV (active); PTC (not active in March, but its
 * error 7/QĐ of 2024-03-01, sent in February's folder, is counted here).
 * Every row not listed is a zero register count.
 * Rows: DESK 74, PNV 77, PTC 38, * 87 = 276 (see each block).
 */
static const struct want month[] = {
	/* DESK: sheet 03 (13 rows) */
	{ "DESK", "tasks.planned", "20" },
	{ "DESK", "tasks.completed_on_time", "19" },
	{ "DESK", "tasks.not_completed", "1" },
	{ "DESK", "tasks.on_time_rate", "0.95" },		/* 19/20 */
	{ "DESK", "tasks.completion_rate", "0.95" },		/* (19+0)/20 */
	{ "DESK", "documents.incoming", "10" },
	{ "DESK", "documents.incoming_on_time", "9" },
	{ "DESK", "documents.incoming_late", "1" },
	{ "DESK", "documents.outgoing", "40" },
	{ "DESK", "documents.files_archived", "2" },
	{ "DESK", "documents.incoming_on_time_rate", "0.9" },	/* 9/(9+1) */
	/* no [dossiers] in DESK's March sheet */
	{ "DESK", "dossiers.carried_over", ABSENT },
	{ "DESK", "dossiers.on_time_rate", ABSENT },
	/* DESK registers: errors none: rate 0/40, correction absent */
	{ "DESK", "errors.rate", "0" },
	{ "DESK", "errors.correction_rate", ABSENT },
	/* A3 (03-03) phong_ngua, A4 (03-20) khac_phuc opened; none closed;
	 * overdue at 03-31: A3 (due 03-15, open); A4 due 03-31 is not
	 * strictly before; A1 closed 03-10 in its March copy. */
	{ "DESK", "actions.opened", "2" },
	{ "DESK", "actions.opened.khac_phuc", "1" },
	{ "DESK", "actions.opened.phong_ngua", "1" },
	{ "DESK", "actions.overdue", "1" },
	{ "DESK", "actions.effective_rate", ABSENT },	/* A3, A4 unrated */
	/* C1 explained 03-03 resolved 03-10 justified; C2 resolved 04-05 */
	{ "DESK", "complaints.received", "2" },
	{ "DESK", "complaints.explained", "1" },
	{ "DESK", "complaints.resolved", "1" },
	{ "DESK", "complaints.justified", "1" },
	{ "DESK", "incidents.count", "2" },
	{ "DESK", "incidents.downtime_hours", "2.5" },
	/* survey rows dated March in folders <= 03: 5, 4, 3, 5, 1
	 * (02-28 is February; 03-30 was sent in April) */
	{ "DESK", "satisfaction.responses", "5" },
	{ "DESK", "satisfaction.very_satisfied", "2" },
	{ "DESK", "satisfaction.satisfied", "1" },
	{ "DESK", "satisfaction.neutral", "1" },
	{ "DESK", "satisfaction.very_dissatisfied", "1" },
	{ "DESK", "satisfaction.rate", "0.6" },			/* 3/5 */
	{ "DESK", "satisfaction.mean", "3.6" },			/* 18/5 */
	/*
	 * Wilson, n = 5, p = 0.6, z² = 3.8416: centre 0.6 + 0.38416 =
	 * 0.98416; margin 1.96·√(0.048 + 0.038416) = 1.96 · 0.2939660 =
	 * 0.5761734; divided by 1 + 0.76832 = 1.76832:
	 * low 0.2307199, high 0.8823818.
	 */
	{ "DESK", "satisfaction.rate_low", "0.23071993220883702" },
	{ "DESK", "satisfaction.rate_high", "0.8823817688407467" },
	/* access: 5, 3, 2 -> 1/3; staff: 4 -> 1; result: 5 -> 1 */
	{ "DESK", "satisfaction.component.access.rate", "0.3333333333333333" },
	{ "DESK", "satisfaction.component.staff.rate", "1" },
	{ "DESK", "satisfaction.component.result.rate", "1" },
	{ "DESK", "satisfaction.component.feedback.rate", ABSENT },
	/* truc_tiep 5, 4 -> 1; truc_tuyen 3, 5 -> 1/2; buu_chinh 1 -> 0 */
	{ "DESK", "satisfaction.channel.truc_tiep.rate", "1" },
	{ "DESK", "satisfaction.channel.truc_tuyen.rate", "0.5" },
	{ "DESK", "satisfaction.channel.buu_chinh.rate", "0" },
	{ "DESK", "submission.months_missing", "0" },
	{ "DESK", "submission.missing", "0" },
	{ "DESK", "submission.incomplete", "0" },
	{ "DESK", "submission.revision", "1" },
	/* objectives: 0.95 >= 95/100 exactly; 0 <= 0.05; no dossiers value
	 * (listed: target only); 0.6 < 0.9 */
	{ "DESK", "objective.tasks_on_time.value", "0.95" },
	{ "DESK", "objective.tasks_on_time.target", "0.95" },
	{ "DESK", "objective.tasks_on_time.met", "1" },
	{ "DESK", "objective.errors_rate.value", "0" },
	{ "DESK", "objective.errors_rate.target", "0.05" },
	{ "DESK", "objective.errors_rate.met", "1" },
	{ "DESK", "objective.dossiers_online.target", "0.5" },
	{ "DESK", "objective.dossiers_online.value", ABSENT },
	{ "DESK", "objective.satisfaction.value", "0.6" },
	{ "DESK", "objective.satisfaction.target", "0.9" },
	{ "DESK", "objective.satisfaction.met", "0" },

	/* PNV: revision 2 (PNV.r2.ini) wins over PNV.ini */
	{ "PNV", "submission.revision", "2" },
	{ "PNV", "submission.months_missing", "0" },
	{ "PNV", "tasks.planned", "4" },
	{ "PNV", "tasks.completed_on_time", "3" },
	{ "PNV", "tasks.not_completed", "1" },
	{ "PNV", "tasks.on_time_rate", "0.75" },
	{ "PNV", "tasks.completion_rate", "0.75" },
	{ "PNV", "dossiers.received_online", "2" },
	{ "PNV", "dossiers.received", "2" },
	{ "PNV", "dossiers.to_handle", "2" },			/* 0 + 2 */
	{ "PNV", "dossiers.resolved", "1" },
	{ "PNV", "dossiers.resolved_early", "1" },
	{ "PNV", "dossiers.pending_in_time", "1" },
	{ "PNV", "dossiers.carried_over", "0" },
	{ "PNV", "dossiers.on_time_rate", "1" },		/* (1+0)/1 */
	{ "PNV", "dossiers.online_share", "1" },		/* 2/2 */
	{ "PNV", "dossiers.received_direct", ABSENT },	/* not an indicator */
	{ "PNV", "documents.incoming", "12" },
	{ "PNV", "documents.incoming_on_time", "10" },
	{ "PNV", "documents.incoming_late", "2" },
	{ "PNV", "documents.outgoing", "15" },
	/* 10/(10+2) */
	{ "PNV", "documents.incoming_on_time_rate", "0.8333333333333334" },
	/* errors of March: 12/QĐ (the_thuc, corrected and verified in
	 * March), 15/BC (chinh_ta, corrected 04-02 in the March copy);
	 * 20/TB is dated February. */
	{ "PNV", "errors.count", "2" },
	{ "PNV", "errors.by_type.the_thuc", "1" },
	{ "PNV", "errors.by_type.chinh_ta", "1" },
	{ "PNV", "errors.corrected", "1" },
	{ "PNV", "errors.verified", "1" },
	{ "PNV", "errors.rate", "0.13333333333333333" },	/* 2/15 */
	{ "PNV", "errors.correction_rate", "0.5" },
	{ "PNV", "suggestions.received", "3" },
	{ "PNV", "suggestions.to_qmr", "1" },
	{ "PNV", "suggestions.implemented", "1" },
	{ "PNV", "suggestions.rejected", "1" },
	{ "PNV", "suggestions.pending", "1" },
	{ "PNV", "suggestions.notified", "1" },
	{ "PNV", "suggestions.notified_rate", "0.5" },		/* 1/(1+1) */
	{ "PNV", "audits.nc", "1" },
	{ "PNV", "audits.obs", "1" },
	{ "PNV", "audits.closed", "1" },
	/* no survey rows and no tally in March: counts 0, rates absent */
	{ "PNV", "satisfaction.responses", "0" },
	{ "PNV", "satisfaction.rate", ABSENT },
	{ "PNV", "satisfaction.mean", ABSENT },
	{ "PNV", "objective.tasks_on_time.value", "0.75" },
	{ "PNV", "objective.tasks_on_time.target", "0.5" },	/* override */
	{ "PNV", "objective.tasks_on_time.met", "1" },
	{ "PNV", "objective.errors_rate.value", "0.13333333333333333" },
	{ "PNV", "objective.errors_rate.target", "0.05" },
	{ "PNV", "objective.errors_rate.met", "0" },
	{ "PNV", "objective.dossiers_online.value", "1" },
	{ "PNV", "objective.dossiers_online.target", "0.5" },
	{ "PNV", "objective.dossiers_online.met", "1" },
	{ "PNV", "objective.satisfaction.target", ABSENT },

	/* PTC: in scope by its register row only: no sheet, no submission */
	{ "PTC", "errors.count", "1" },
	{ "PTC", "errors.by_type.the_thuc", "1" },
	{ "PTC", "errors.correction_rate", "0" },		/* 0/1 */
	{ "PTC", "errors.rate", ABSENT },		/* no documents.outgoing */
	{ "PTC", "tasks.planned", ABSENT },
	{ "PTC", "submission.missing", ABSENT },
	{ "PTC", "objective.dossiers_online.target", "0.5" },
	{ "PTC", "objective.errors_rate.target", ABSENT },

	/* *: sums; rates as ratios of sums over units with the denominator */
	{ "*", "tasks.planned", "24" },				/* 20 + 4 */
	{ "*", "tasks.completed_on_time", "22" },		/* 19 + 3 */
	{ "*", "tasks.not_completed", "2" },
	{ "*", "tasks.on_time_rate", "0.9166666666666666" },	/* 22/24 */
	{ "*", "tasks.completion_rate", "0.9166666666666666" },
	{ "*", "dossiers.carried_over", "0" },			/* PNV only */
	{ "*", "dossiers.received_online", "2" },
	{ "*", "dossiers.received", "2" },
	{ "*", "dossiers.to_handle", "2" },
	{ "*", "dossiers.resolved", "1" },
	{ "*", "dossiers.resolved_early", "1" },
	{ "*", "dossiers.pending_in_time", "1" },
	{ "*", "dossiers.on_time_rate", "1" },
	{ "*", "dossiers.online_share", "1" },
	{ "*", "documents.incoming", "22" },			/* 10 + 12 */
	{ "*", "documents.incoming_on_time", "19" },
	{ "*", "documents.incoming_late", "3" },
	{ "*", "documents.outgoing", "55" },
	{ "*", "documents.files_archived", "2" },
	/* (9+10)/((9+1)+(10+2)) = 19/22 */
	{ "*", "documents.incoming_on_time_rate", "0.8636363636363636" },
	/* errors 0 + 2 + 1 = 3; the rate counts DESK's and PNV's only
	 * (PTC sent no documents.outgoing): 2/55 */
	{ "*", "errors.count", "3" },
	{ "*", "errors.by_type.the_thuc", "2" },
	{ "*", "errors.by_type.chinh_ta", "1" },
	{ "*", "errors.corrected", "1" },
	{ "*", "errors.verified", "1" },
	{ "*", "errors.rate", "0.03636363636363636" },
	/* 1/3 */
	{ "*", "errors.correction_rate", "0.3333333333333333" },
	{ "*", "actions.opened", "2" },
	{ "*", "actions.opened.khac_phuc", "1" },
	{ "*", "actions.opened.phong_ngua", "1" },
	{ "*", "actions.overdue", "1" },
	{ "*", "actions.effective_rate", ABSENT },
	{ "*", "suggestions.received", "3" },
	{ "*", "suggestions.to_qmr", "1" },
	{ "*", "suggestions.implemented", "1" },
	{ "*", "suggestions.rejected", "1" },
	{ "*", "suggestions.pending", "1" },
	{ "*", "suggestions.notified", "1" },
	{ "*", "suggestions.notified_rate", "0.5" },
	{ "*", "complaints.received", "2" },
	{ "*", "complaints.explained", "1" },
	{ "*", "complaints.resolved", "1" },
	{ "*", "complaints.justified", "1" },
	{ "*", "incidents.count", "2" },
	{ "*", "incidents.downtime_hours", "2.5" },
	{ "*", "audits.nc", "1" },
	{ "*", "audits.obs", "1" },
	{ "*", "audits.closed", "1" },
	{ "*", "satisfaction.responses", "5" },
	{ "*", "satisfaction.very_satisfied", "2" },
	{ "*", "satisfaction.satisfied", "1" },
	{ "*", "satisfaction.neutral", "1" },
	{ "*", "satisfaction.very_dissatisfied", "1" },
	{ "*", "satisfaction.rate", "0.6" },
	{ "*", "satisfaction.mean", "3.6" },
	{ "*", "satisfaction.rate_low", "0.23071993220883702" },
	{ "*", "satisfaction.rate_high", "0.8823817688407467" },
	{ "*", "satisfaction.component.access.rate", "0.3333333333333333" },
	{ "*", "satisfaction.component.staff.rate", "1" },
	{ "*", "satisfaction.component.result.rate", "1" },
	{ "*", "satisfaction.channel.truc_tiep.rate", "1" },
	{ "*", "satisfaction.channel.truc_tuyen.rate", "0.5" },
	{ "*", "satisfaction.channel.buu_chinh.rate", "0" },
	{ "*", "submission.units_expected", "2" },		/* DESK, PNV */
	{ "*", "submission.units_submitted", "2" },
	{ "*", "submission.units_missing", "0" },
	{ "*", "submission.units_incomplete", "0" },
	{ "*", "submission.months_missing", ABSENT },
	/* * objectives with the base target; 22/24 < 0.95; 2/55 <= 0.05 */
	{ "*", "objective.tasks_on_time.value", "0.9166666666666666" },
	{ "*", "objective.tasks_on_time.target", "0.95" },
	{ "*", "objective.tasks_on_time.met", "0" },
	{ "*", "objective.errors_rate.value", "0.03636363636363636" },
	{ "*", "objective.errors_rate.target", "0.05" },
	{ "*", "objective.errors_rate.met", "1" },
	{ "*", "objective.satisfaction.value", "0.6" },
	{ "*", "objective.satisfaction.target", "0.9" },
	{ "*", "objective.satisfaction.met", "0" },
	{ "*", "objective.dossiers_online.target", ABSENT },	/* a list */
};

/*
 * 2024-Q1, cutoff 0: window 01-01..03-31, sheets 01-03, folders <= 03.
 * PNV misses February: incomplete. DESK sent [dossiers] in 01 and 02:
 * opening stock from 01, closing stocks from 02.
 */
static const struct want quarter[] = {
	{ "DESK", "tasks.planned", "40" },			/* 10+10+20 */
	{ "DESK", "tasks.completed_on_time", "36" },		/* 8+9+19 */
	{ "DESK", "tasks.completed_late", "2" },
	{ "DESK", "tasks.not_completed", "2" },
	{ "DESK", "tasks.on_time_rate", "0.9" },
	{ "DESK", "tasks.completion_rate", "0.95" },		/* 38/40 */
	{ "DESK", "dossiers.carried_over", "5" },		/* January's */
	{ "DESK", "dossiers.received_online", "35" },		/* 20+15 */
	{ "DESK", "dossiers.received", "50" },			/* 35+15 */
	{ "DESK", "dossiers.to_handle", "55" },
	{ "DESK", "dossiers.resolved_early", "15" },
	{ "DESK", "dossiers.resolved_on_time", "29" },
	{ "DESK", "dossiers.resolved_late", "3" },
	{ "DESK", "dossiers.resolved", "47" },
	{ "DESK", "dossiers.pending_in_time", "6" },		/* February's */
	{ "DESK", "dossiers.pending_overdue", "2" },
	{ "DESK", "dossiers.on_time_rate", "0.9361702127659575" },	/* 44/47 */
	{ "DESK", "dossiers.online_share", "0.7" },		/* 35/50 */
	{ "DESK", "documents.incoming", "60" },
	{ "DESK", "documents.incoming_on_time", "54" },
	{ "DESK", "documents.incoming_late", "4" },
	{ "DESK", "documents.incoming_pending", "0" },		/* March's */
	{ "DESK", "documents.outgoing", "60" },			/* 20+0+40 */
	{ "DESK", "documents.files_archived", "10" },
	/* (25+20+9)/((25+3)+(20+0)+(9+1)) = 54/58 */
	{ "DESK", "documents.incoming_on_time_rate", "0.9310344827586207" },
	{ "DESK", "errors.count", "1" },			/* 5/GM */
	{ "DESK", "errors.by_type.khac", "1" },
	{ "DESK", "errors.rate", "0.016666666666666666" },	/* 1/60 */
	{ "DESK", "errors.correction_rate", "0" },
	/* ratings 5,4 (Jan) 5,4,3,5,1,4 (March folder): 3×5 3×4 1×3 1×1 */
	{ "DESK", "satisfaction.responses", "8" },
	{ "DESK", "satisfaction.very_satisfied", "3" },
	{ "DESK", "satisfaction.satisfied", "3" },
	{ "DESK", "satisfaction.rate", "0.75" },		/* 6/8 */
	{ "DESK", "satisfaction.mean", "3.875" },		/* 31/8 */
	{ "DESK", "satisfaction.channel.truc_tiep.rate", "1" },	/* 4/4 */
	/* truc_tuyen 01-15 4, 03-05 3, 03-20 5: 2/3 */
	{ "DESK", "satisfaction.channel.truc_tuyen.rate", "0.6666666666666666" },
	/* feedback 4: 1/1 */
	{ "DESK", "satisfaction.component.feedback.rate", "1" },
	/* A1 (March copy: closed 03-10, no), A2 (closed 02-15, yes), A3, A4 */
	{ "DESK", "actions.opened", "4" },
	{ "DESK", "actions.opened.khac_phuc", "2" },
	{ "DESK", "actions.opened.phong_ngua", "1" },
	{ "DESK", "actions.opened.cai_tien", "1" },
	{ "DESK", "actions.closed", "2" },	/* A2 02-15, A1 03-10 */
	{ "DESK", "actions.overdue", "1" },			/* A3 */
	{ "DESK", "actions.effective_rate", "0.5" },	/* A2 yes, A1 no: 1/2 */
	{ "DESK", "submission.months_missing", "0" },
	{ "DESK", "submission.revision", ABSENT },		/* months only */
	{ "DESK", "objective.tasks_on_time.met", "0" },	/* 0.9 < 0.95 */
	{ "DESK", "objective.dossiers_online.value", "0.7" },
	{ "DESK", "objective.dossiers_online.met", "1" },	/* 0.7 >= 0.5 */

	{ "PNV", "tasks.planned", "9" },			/* 5 + 4 */
	{ "PNV", "tasks.on_time_rate", "0.8888888888888888" },	/* 8/9 */
	{ "PNV", "dossiers.carried_over", "0" },		/* March only */
	{ "PNV", "dossiers.pending_in_time", "1" },
	{ "PNV", "documents.incoming", "22" },
	{ "PNV", "documents.outgoing", "25" },
	/* (8+10)/((8+1)+(10+2)) = 18/21 */
	{ "PNV", "documents.incoming_on_time_rate", "0.8571428571428571" },
	/* the January tally: 3, 4, 2, 1, 0 */
	{ "PNV", "satisfaction.responses", "10" },
	{ "PNV", "satisfaction.very_satisfied", "3" },
	{ "PNV", "satisfaction.satisfied", "4" },
	{ "PNV", "satisfaction.neutral", "2" },
	{ "PNV", "satisfaction.dissatisfied", "1" },
	{ "PNV", "satisfaction.rate", "0.7" },		/* (3+4)/10 */
	{ "PNV", "satisfaction.mean", "3.9" },			/* 39/10 */
	{ "PNV", "satisfaction.channel.truc_tiep.rate", ABSENT },	/* tally */
	/* errors 12/QĐ, 15/BC, 20/TB (02-20, sent in March) */
	{ "PNV", "errors.count", "3" },
	{ "PNV", "errors.by_type.noi_dung", "1" },
	{ "PNV", "errors.corrected", "1" },
	{ "PNV", "errors.rate", "0.12" },			/* 3/25 */
	{ "PNV", "submission.months_missing", "1" },		/* February */
	{ "PNV", "submission.missing", "0" },
	{ "PNV", "submission.incomplete", "1" },
	{ "PNV", "objective.tasks_on_time.met", "1" },		/* >= 0.5 */
	{ "PNV", "objective.satisfaction.value", "0.7" },
	{ "PNV", "objective.satisfaction.met", "0" },

	{ "PTC", "tasks.planned", "5" },
	{ "PTC", "tasks.completed_late", "1" },
	{ "PTC", "tasks.on_time_rate", "0.6" },		/* (2+1)/(2+3) */
	{ "PTC", "tasks.completion_rate", "0.8" },		/* (3+1)/5 */
	{ "PTC", "documents.incoming_pending", "1" },		/* February's */
	/* (4+3)/((4+0)+(3+2)) = 7/9 */
	{ "PTC", "documents.incoming_on_time_rate", "0.7777777777777778" },
	{ "PTC", "errors.rate", "0.1" },			/* 1/10 */
	{ "PTC", "submission.months_missing", "0" },	/* active 01, 02 */
	{ "PTC", "submission.incomplete", "0" },
	{ "PTC", "objective.dossiers_online.target", "0.5" },
	{ "PTC", "objective.dossiers_online.value", ABSENT },

	{ "*", "tasks.planned", "54" },
	{ "*", "tasks.on_time_rate", "0.8703703703703703" },	/* 47/54 */
	{ "*", "dossiers.carried_over", "5" },			/* 5 + 0 */
	{ "*", "dossiers.pending_in_time", "7" },		/* 6 + 1 */
	{ "*", "dossiers.pending_overdue", "2" },
	{ "*", "dossiers.received", "52" },			/* 50 + 2 */
	{ "*", "dossiers.on_time_rate", "0.9375" },		/* 45/48 */
	{ "*", "documents.incoming_pending", "1" },		/* 0 + 0 + 1 */
	{ "*", "documents.outgoing", "95" },			/* 60+25+10 */
	{ "*", "errors.count", "5" },				/* 1+3+1 */
	{ "*", "errors.rate", "0.05263157894736842" },		/* 5/95 */
	{ "*", "errors.correction_rate", "0.2" },		/* 1/5 */
	{ "*", "satisfaction.responses", "18" },		/* 8 + 10 */
	{ "*", "satisfaction.rate", "0.7222222222222222" },	/* 13/18 */
	{ "*", "satisfaction.mean", "3.888888888888889" },	/* 70/18 */
	{ "*", "actions.effective_rate", "0.5" },
	{ "*", "submission.units_expected", "3" },
	{ "*", "submission.units_submitted", "3" },
	{ "*", "submission.units_incomplete", "1" },
	{ "*", "objective.errors_rate.met", "0" },		/* 1/19 > 5 % */
};

/*
 * 2024-03 under cutoff 15: window 2024-02-15..2024-03-14, the sheets of
 * reporting month 2024-03, folders <= 2024-03. PTC is in scope by its
 * error of 03-01; DESK's 5/GM of 02-10 falls before the window.
 */
static const struct want cutoff15[] = {
	{ "DESK", "tasks.planned", "20" },	/* the March sheet, as for 0 */
	/* survey 03-01 (5), 03-02 (4), 03-05 (3), 02-28 (4) */
	{ "DESK", "satisfaction.responses", "4" },
	{ "DESK", "satisfaction.rate", "0.75" },		/* 3/4 */
	{ "DESK", "satisfaction.mean", "4" },			/* 16/4 */
	{ "DESK", "satisfaction.channel.truc_tiep.rate", "1" },
	{ "DESK", "satisfaction.channel.truc_tuyen.rate", "0" },
	{ "DESK", "satisfaction.channel.buu_chinh.rate", ABSENT },
	{ "DESK", "satisfaction.component.access.rate", "0.5" },	/* 5, 3 */
	{ "DESK", "errors.count", "0" },
	{ "DESK", "actions.opened", "1" },			/* A3 */
	{ "DESK", "actions.overdue", "0" },	/* A3 due 03-15, A1 closed */
	{ "DESK", "complaints.received", "1" },			/* C1 */
	{ "DESK", "complaints.resolved", "1" },
	{ "DESK", "incidents.count", "1" },			/* I1 */
	{ "DESK", "incidents.downtime_hours", "2.5" },
	/* 12/QĐ, 15/BC and 20/TB (02-20) all in the window */
	{ "PNV", "errors.count", "3" },
	{ "PNV", "errors.corrected", "1" },			/* 03-06 */
	{ "PNV", "errors.verified", "1" },
	{ "PNV", "errors.rate", "0.2" },			/* 3/15 */
	{ "PNV", "suggestions.received", "3" },
	{ "PNV", "suggestions.notified", "0" },			/* 03-20 */
	{ "PNV", "suggestions.notified_rate", "0" },		/* 0/2 */
	{ "PNV", "audits.closed", "0" },			/* 03-28 */
	{ "PTC", "errors.count", "1" },
	{ "*", "errors.count", "4" },
	{ "*", "errors.rate", "0.05454545454545454" },		/* 3/55 */
	{ "*", "submission.units_expected", "2" },
};

/*
 * 2024-02-15..2024-04-10, cutoff 0: only 2024-03 lies wholly inside, so
 * its sheets and submission flags; dated rows by date from folders up to
 * 2024-04 (the reporting month of 04-10): the late survey row and the
 * re-sent error count here.
 */
static const struct want range[] = {
	{ "DESK", "tasks.planned", "20" },
	{ "DESK", "dossiers.carried_over", ABSENT },
	{ "DESK", "submission.months_missing", "0" },
	{ "DESK", "submission.revision", ABSENT },
	/* 02-28 (4), March 5, 4, 3, 5, 1, and 03-30 (2) from April */
	{ "DESK", "satisfaction.responses", "7" },
	{ "DESK", "satisfaction.dissatisfied", "1" },
	{ "DESK", "satisfaction.rate", "0.5714285714285714" },	/* 4/7 */
	{ "DESK", "satisfaction.mean", "3.4285714285714284" },	/* 24/7 */
	{ "DESK", "errors.count", "0" },			/* 02-10 out */
	{ "DESK", "actions.opened", "2" },			/* A3, A4 */
	{ "DESK", "actions.overdue", "2" },	/* both due before 04-10 */
	{ "DESK", "complaints.resolved", "2" },		/* C2 on 04-05 */
	/* 15/BC: April's copy corrected 03-29 */
	{ "PNV", "errors.count", "3" },
	{ "PNV", "errors.corrected", "2" },
	{ "PNV", "errors.correction_rate", "0.6666666666666666" },
	{ "PNV", "submission.revision", ABSENT },
	{ "PTC", "errors.count", "1" },
	{ "PTC", "submission.months_missing", ABSENT },	/* not in March */
	{ "*", "submission.units_expected", "2" },
	{ "*", "errors.rate", "0.05454545454545454" },		/* 3/55 */
};

/*
 * 2024-02, cutoff 0: window 02-01..02-29, the sheets of February, folders
 * <= 02 (PNV's 20/TB of 02-20 and DESK's survey row of 02-28 were sent in
 * March: not read). PNV is active and sent nothing: *missing*, its sheet
 * numbers absent, not zero. DESK's documents.outgoing is 0.
 */
static const struct wnum february[] = {
	/* DESK 02: tasks 10/9/1/0, dossiers co 8 on 15 di 5 e 5 ot 14 l 1
	 * pit 6 po 2, documents 20/20/0/0 out 0 arch 3 */
	R("DESK", "tasks.on_time_rate", 9.0 / 10),
	R("DESK", "tasks.completion_rate", (9.0 + 1) / 10),
	C("DESK", "dossiers.received", 15 + 5),
	C("DESK", "dossiers.to_handle", 8 + 15 + 5),
	C("DESK", "dossiers.resolved", 5 + 14 + 1),
	R("DESK", "dossiers.on_time_rate", (5.0 + 14) / (5 + 14 + 1)),
	R("DESK", "dossiers.online_share", 15.0 / (15 + 5)),
	R("DESK", "documents.incoming_on_time_rate", 20.0 / (20 + 0)),
	C("DESK", "documents.outgoing", 0),
	/* 5/GM of 02-10: one error over 0 documents: the rate is absent,
	 * and so are the objective rows of errors_rate (units = *: only the
	 * units that have the indicator) */
	C("DESK", "errors.count", 1),
	C("DESK", "errors.by_type.khac", 1),
	X("DESK", "errors.rate"),
	R("DESK", "errors.correction_rate", 0.0 / 1),
	X("DESK", "objective.errors_rate.target"),
	X("DESK", "objective.errors_rate.value"),
	/* A1 (January's copy: opened 01-05, due 01-31, open) was opened
	 * before February and is overdue at 02-29; A2 was closed on 02-15
	 * but opened in January: not closed "in" February */
	C("DESK", "actions.opened", 0),
	C("DESK", "actions.overdue", 1),
	C("DESK", "actions.closed", 0),
	X("DESK", "actions.effective_rate"),
	C("DESK", "satisfaction.responses", 0),
	X("DESK", "satisfaction.rate"),
	X("DESK", "satisfaction.rate_low"),
	C("DESK", "submission.revision", 1),
	C("DESK", "submission.months_missing", 0),
	R("DESK", "objective.dossiers_online.value", 15.0 / 20),
	C("DESK", "objective.dossiers_online.met", 1),	/* 0.75 >= 0.5 */
	R("DESK", "objective.tasks_on_time.value", 9.0 / 10),
	C("DESK", "objective.tasks_on_time.met", 0),	/* 0.9 < 0.95 */

	/* PNV: missing, never zero */
	C("PNV", "submission.months_missing", 1),
	C("PNV", "submission.missing", 1),
	C("PNV", "submission.incomplete", 0),
	X("PNV", "submission.revision"),
	X("PNV", "tasks.planned"),
	X("PNV", "tasks.on_time_rate"),
	X("PNV", "documents.incoming"),
	X("PNV", "documents.outgoing"),
	X("PNV", "dossiers.carried_over"),
	X("PNV", "objective.tasks_on_time.target"),
	/* in scope: zeros (its 20/TB of 02-20 was sent in March) */
	C("PNV", "errors.count", 0),
	R("PNV", "objective.dossiers_online.target", 0.5),	/* listed */
	X("PNV", "objective.dossiers_online.value"),

	/* PTC 02: tasks 3/1/1/1, documents 6/3/2/1 out 5 arch 1; its error
	 * 7/QĐ is dated 03-01: not February's */
	R("PTC", "tasks.on_time_rate", 1.0 / 3),
	R("PTC", "tasks.completion_rate", (1.0 + 1) / 3),
	R("PTC", "documents.incoming_on_time_rate", 3.0 / (3 + 2)),
	C("PTC", "errors.count", 0),
	R("PTC", "errors.rate", 0.0 / 5),
	X("PTC", "errors.correction_rate"),			/* 0/0 */
	R("PTC", "objective.errors_rate.value", 0.0),
	C("PTC", "objective.errors_rate.met", 1),		/* 0 <= 0.05 */
	X("PTC", "dossiers.received"),

	/* *: the two sheets that came in, never PNV as zeros */
	C("*", "tasks.planned", 10 + 3),
	C("*", "tasks.completed_on_time", 9 + 1),
	C("*", "tasks.completed_late", 1 + 1),
	C("*", "tasks.not_completed", 0 + 1),
	R("*", "tasks.on_time_rate", (9.0 + 1) / (10 + 3)),
	R("*", "tasks.completion_rate", (9.0 + 1 + 1 + 1) / (10 + 3)),
	C("*", "documents.incoming", 20 + 6),
	C("*", "documents.incoming_pending", 0 + 1),
	C("*", "documents.outgoing", 0 + 5),
	C("*", "documents.files_archived", 3 + 1),
	R("*", "documents.incoming_on_time_rate", (20.0 + 3) / (20 + 3 + 2)),
	C("*", "dossiers.carried_over", 8),			/* DESK only */
	R("*", "dossiers.on_time_rate", 19.0 / 20),
	/*
	 * errors.rate over the units where documents.outgoing exists: DESK
	 * (0, it exists: the value is 0, not absent) and PTC (5): errors
	 * (1 + 0) / outgoing (0 + 5).
	 */
	C("*", "errors.count", 1 + 0 + 0),
	R("*", "errors.rate", (1.0 + 0) / (0 + 5)),
	R("*", "errors.correction_rate", 0.0 / 1),
	R("*", "objective.errors_rate.value", 1.0 / 5),
	C("*", "objective.errors_rate.met", 0),			/* 0.2 > 0.05 */
	R("*", "objective.tasks_on_time.value", 10.0 / 13),
	C("*", "objective.tasks_on_time.met", 0),
	C("*", "actions.overdue", 1),
	C("*", "satisfaction.responses", 0),
	X("*", "satisfaction.rate"),
	X("*", "objective.satisfaction.value"),
	C("*", "submission.units_expected", 3),		/* DESK PNV PTC */
	C("*", "submission.units_submitted", 2),		/* DESK PTC */
	C("*", "submission.units_missing", 1),			/* PNV */
	C("*", "submission.units_incomplete", 0),
};

/*
 * 2024-H1, cutoff 0: window 01-01..06-30, sheets of 01..06, folders
 * <= 06 (01..04 exist). April's folder is read now: DESK's survey row
 * of 03-30 and PNV's re-sent 15/BC (corrected 03-29) count here, though
 * not in March or Q1 (SPEC §6 "Folders read"). May and June have no
 * sheets: DESK and PNV are incomplete.
 */
static const struct wnum half[] = {
	/* DESK sheets 01..04: tasks 10+10+20+1 / 8+9+19+1 / 1+1+0+0 */
	C("DESK", "tasks.planned", 10 + 10 + 20 + 1),
	C("DESK", "tasks.completed_on_time", 8 + 9 + 19 + 1),
	R("DESK", "tasks.on_time_rate", (8.0 + 9 + 19 + 1) / 41),
	R("DESK", "tasks.completion_rate", (37.0 + 1 + 1) / 41),
	/* documents: incoming 30+20+10+1, on time 25+20+9+1, late 3+0+1+0;
	 * incoming_pending is a stock: April's 0 (January's was 2) */
	C("DESK", "documents.incoming", 30 + 20 + 10 + 1),
	C("DESK", "documents.incoming_pending", 0),
	C("DESK", "documents.outgoing", 20 + 0 + 40 + 1),
	R("DESK", "documents.incoming_on_time_rate", 55.0 / (55 + 4)),
	/* dossiers in 01 and 02 only: opening from 01, closing from 02 */
	C("DESK", "dossiers.carried_over", 5),
	C("DESK", "dossiers.pending_in_time", 6),
	C("DESK", "dossiers.pending_overdue", 2),
	C("DESK", "dossiers.to_handle", 5 + (20 + 10) + (15 + 5)),
	R("DESK", "errors.rate", 1.0 / 61),
	/*
	 * survey: 5, 4 (January), 5, 4, 3, 5, 1, 4 (March's folder), 2
	 * (03-30, April's folder): 3×5, 3×4, 1×3, 1×2, 1×1, n = 9
	 */
	C("DESK", "satisfaction.responses", 9),
	C("DESK", "satisfaction.very_satisfied", 3),
	C("DESK", "satisfaction.satisfied", 3),
	C("DESK", "satisfaction.dissatisfied", 1),
	R("DESK", "satisfaction.rate", (3.0 + 3) / 9),
	R("DESK", "satisfaction.mean", (3.0 * 5 + 3 * 4 + 3 + 2 + 1) / 9),
	/* ≈ (0.6667 + 0.2134 ∓ 1.96·√(0.02469 + 0.01186)) / 1.42684
	 * = (0.8801 ∓ 0.3747) / 1.42684 = 0.3542, 0.8794 */
	WL("DESK", "satisfaction.rate_low", 6, 9),
	WH("DESK", "satisfaction.rate_high", 6, 9),
	/* truc_tiep: 01-10 5, 03-01 5, 03-02 4, 02-28 4, 03-30 2 */
	R("DESK", "satisfaction.channel.truc_tiep.rate", 4.0 / 5),
	/* truc_tuyen: 01-15 4, 03-05 3, 03-20 5 */
	R("DESK", "satisfaction.channel.truc_tuyen.rate", 2.0 / 3),
	/* A1..A4 opened; closed by 06-30: A1 (03-10), A2 (02-15); overdue
	 * at 06-30: A3 (due 03-15), A4 (due 03-31); effective A2 yes, A1 no */
	C("DESK", "actions.opened", 4),
	C("DESK", "actions.closed", 2),
	C("DESK", "actions.overdue", 2),
	R("DESK", "actions.effective_rate", 1.0 / (1 + 1)),
	C("DESK", "complaints.resolved", 2),		/* 03-10, 04-05 */
	/* active 01..06, sheets 01..04 */
	C("DESK", "submission.months_missing", 2),
	C("DESK", "submission.missing", 0),
	C("DESK", "submission.incomplete", 1),
	X("DESK", "submission.revision"),

	/* PNV sheets 01 and 03 (rev 2) */
	C("PNV", "tasks.planned", 5 + 4),
	R("PNV", "tasks.on_time_rate", (5.0 + 3) / 9),
	/* incoming_pending: March's 0 is the last sheet (January's 1) */
	C("PNV", "documents.incoming_pending", 0),
	C("PNV", "documents.outgoing", 10 + 15),
	/* dossiers only in March: its stocks */
	C("PNV", "dossiers.carried_over", 0),
	C("PNV", "dossiers.pending_in_time", 1),
	/* 12/QĐ (corr 03-06 ver 03-07), 15/BC (April's copy corr 03-29),
	 * 20/TB (02-20, no correction) */
	C("PNV", "errors.count", 3),
	C("PNV", "errors.corrected", 2),
	C("PNV", "errors.verified", 1),
	R("PNV", "errors.rate", 3.0 / 25),
	R("PNV", "errors.correction_rate", 2.0 / 3),
	/* the January tally 3, 4, 2, 1, 0 */
	C("PNV", "satisfaction.responses", 3 + 4 + 2 + 1 + 0),
	R("PNV", "satisfaction.rate", (3.0 + 4) / 10),
	R("PNV", "satisfaction.mean", (3.0 * 5 + 4 * 4 + 2 * 3 + 1 * 2) / 10),
	/* ≈ (0.7 + 0.19208 ∓ 1.96·√(0.021 + 0.009604)) / 1.38416
	 * = (0.89208 ∓ 0.34288) / 1.38416 = 0.3968, 0.8922 */
	WL("PNV", "satisfaction.rate_low", 7, 10),
	WH("PNV", "satisfaction.rate_high", 7, 10),
	X("PNV", "satisfaction.channel.truc_tiep.rate"),	/* a tally */
	/* active 01..06, sheets 01, 03 */
	C("PNV", "submission.months_missing", 4),
	C("PNV", "submission.incomplete", 1),
	R("PNV", "objective.satisfaction.value", 0.7),
	C("PNV", "objective.satisfaction.met", 0),

	/* PTC active 01, 02 only: nothing missing */
	C("PTC", "submission.months_missing", 0),
	C("PTC", "submission.incomplete", 0),
	C("PTC", "documents.incoming_pending", 1),		/* February's */
	R("PTC", "errors.rate", 1.0 / (5 + 5)),

	C("*", "tasks.planned", 41 + 9 + 5),
	R("*", "tasks.on_time_rate", (37.0 + 8 + 3) / 55),
	C("*", "documents.incoming_pending", 0 + 0 + 1),
	C("*", "dossiers.carried_over", 5 + 0),
	C("*", "dossiers.pending_in_time", 6 + 1),
	C("*", "errors.count", 1 + 3 + 1),
	C("*", "errors.corrected", 0 + 2 + 0),
	R("*", "errors.rate", 5.0 / (61 + 25 + 10)),
	R("*", "errors.correction_rate", 2.0 / 5),
	C("*", "satisfaction.responses", 9 + 10),
	R("*", "satisfaction.rate", (6.0 + 7) / 19),
	R("*", "satisfaction.mean", (33.0 + 39) / 19),
	/* ≈ (0.6842 + 0.1011 ∓ 1.96·√(0.01137 + 0.00266)) / 1.20219
	 * = (0.7853 ∓ 0.2322) / 1.20219 = 0.4601, 0.8464 */
	WL("*", "satisfaction.rate_low", 13, 19),
	WH("*", "satisfaction.rate_high", 13, 19),
	/* survey rows only: DESK's */
	R("*", "satisfaction.channel.truc_tiep.rate", 4.0 / 5),
	C("*", "submission.units_expected", 3),
	C("*", "submission.units_submitted", 3),
	C("*", "submission.units_missing", 0),
	C("*", "submission.units_incomplete", 2),		/* DESK, PNV */
};

/*
 * The formula fixture of tests/fixtures/formulas (config: cutoff_day 0;
 * config15: 15), where the rules of SPEC §5-6 that the two fixtures above
 * leave untouched each move a value. Units A and B always, L from 2024-02.
 *   A 01  tasks 100/57/3/40 (57/100 against a 57 % target), documents
 *         10/6/2/2 out 10 arch 1, tally 1, 1, 0, 0, 1 (no [dossiers])
 *   A 02  tasks 10/5/5/0, dossiers co 4 on 6 di 2 e 3 ot 4 l 1 pit 3 po 1,
 *         documents 5/5/0/0 out 10 arch 0
 *   A 03  tasks 10/10/0/0, dossiers co 3 on 10 di 0 e 5 ot 5 l 0 pit 2
 *         po 1, documents 4/2/1/1 out 0 arch 0
 *   B 01  tasks 4/2/1/1, dossiers co 10 on 0 di 4 e 2 ot 2 l 2 pit 5 po 3,
 *         documents 8/4/0/4 out 5 arch 2
 *   B 02  tasks 6/3/3/0, dossiers co 8 on 2 di 2 e 1 ot 1 l 1 pit 6 po 3,
 *         documents 6/3/1/2 out 5 arch 0; B sends nothing in March
 *   L 02  tasks 1/1/0/0, documents 0/0/0/0 out 0; L 03 tasks 2/1/1/0,
 *         documents 1/1/0/0 out 2
 *   actions (A) folder 01: X1 khac_phuc 01-05 due 01-20 closed 01-15 yes;
 *             X2 phong_ngua 01-25 due 02-28 open
 *           folder 02: X1 re-sent re-opened (closed_on, effective empty);
 *             X2 re-sent opened 02-02 due 02-20
 *           folder 03: X3 cai_tien 03-01 due 03-05 closed 03-20 yes
 *   errors (B) folder 01: 1/QĐ 01-10 the_thuc corr 01-12 ver 01-13;
 *           folder 02: 1/QĐ re-sent as chinh_ta, corrections empty
 *   suggestions (A) folder 01: G1 01-08 moi; folder 02: G1 to_qmr 01-20
 *           da_thuc_hien notified 02-05, G2 02-01 khong_chap_nhan
 *   survey (A) folder 02: 02-10 truc_tiep 4, 02-11 truc_tuyen 2 (access
 *           4); folder 03: the same 02-10 truc_tiep 4 row again
 *   objectives tasks57 tasks.on_time_rate >= 57% (A);
 *           dossiers_rate dossiers.on_time_rate >= 0.8 (*; B 60%)
 */

/*
 * 2024-Q1, cutoff 0: sheets 01..03, folders <= 03. Opening stocks from
 * each unit's first month with the section, closing from its last; status
 * rows as their latest copy, whole (cleared fields stay cleared); survey
 * rows never merged.
 */
static const struct wnum fq1[] = {
	C("A", "tasks.planned", 100 + 10 + 10),
	C("A", "tasks.completed_on_time", 57 + 5 + 10),
	C("A", "tasks.completed_late", 3 + 5 + 0),
	C("A", "tasks.not_completed", 40 + 0 + 0),
	R("A", "tasks.on_time_rate", (57.0 + 5 + 10) / 120),
	R("A", "tasks.completion_rate", (72.0 + 8) / 120),
	/* [dossiers] in 02 and 03 only: opening stock from 02 (not from
	 * January, where A sent none), closing stocks from 03 */
	C("A", "dossiers.carried_over", 4),
	C("A", "dossiers.pending_in_time", 2),
	C("A", "dossiers.pending_overdue", 1),
	C("A", "dossiers.received_online", 6 + 10),
	C("A", "dossiers.received", (6 + 2) + (10 + 0)),
	C("A", "dossiers.to_handle", 4 + 18),
	C("A", "dossiers.resolved_early", 3 + 5),
	C("A", "dossiers.resolved_on_time", 4 + 5),
	C("A", "dossiers.resolved_late", 1 + 0),
	C("A", "dossiers.resolved", (3 + 4 + 1) + (5 + 5 + 0)),
	R("A", "dossiers.on_time_rate", (3.0 + 4 + 5 + 5) / 18),
	R("A", "dossiers.online_share", 16.0 / 18),
	/* documents: incoming_pending from March (1; January's was 2) */
	C("A", "documents.incoming", 10 + 5 + 4),
	C("A", "documents.incoming_on_time", 6 + 5 + 2),
	C("A", "documents.incoming_late", 2 + 0 + 1),
	C("A", "documents.incoming_pending", 1),
	C("A", "documents.outgoing", 10 + 10 + 0),
	C("A", "documents.files_archived", 1 + 0 + 0),
	R("A", "documents.incoming_on_time_rate", 13.0 / (13 + 3)),
	/*
	 * satisfaction: the January tally 1, 1, 0, 0, 1 (ratings 5, 4, 1)
	 * and the rows 02-10 (4), 02-11 (2) and 02-10 (4) again from
	 * March's folder: survey rows are never merged, so n = 3 + 3
	 */
	C("A", "satisfaction.responses", 3 + 3),
	C("A", "satisfaction.very_satisfied", 1),
	C("A", "satisfaction.satisfied", 1 + 2),
	C("A", "satisfaction.neutral", 0),
	C("A", "satisfaction.dissatisfied", 1),
	C("A", "satisfaction.very_dissatisfied", 1),
	R("A", "satisfaction.rate", (1.0 + 3) / 6),
	R("A", "satisfaction.mean", (5.0 + 4 + 1 + 4 + 2 + 4) / 6),
	/* ≈ (0.6667 + 0.3201 ∓ 1.96·√(0.03704 + 0.02668)) / 1.64027
	 * = (0.9868 ∓ 0.4947) / 1.64027 = 0.3000, 0.9032 */
	WL("A", "satisfaction.rate_low", 4, 6),
	WH("A", "satisfaction.rate_high", 4, 6),
	R("A", "satisfaction.channel.truc_tiep.rate", 2.0 / 2),
	R("A", "satisfaction.channel.truc_tuyen.rate", 0.0 / 1),
	X("A", "satisfaction.channel.buu_chinh.rate"),
	R("A", "satisfaction.component.access.rate", 1.0 / 1),
	X("A", "satisfaction.component.staff.rate"),
	/*
	 * actions as their latest copies: X1 (February's: re-opened, its
	 * closed_on and effective gone), X2 (February's: opened 02-02, due
	 * 02-20, open), X3 (closed 03-20, yes). Closed by 03-31: X3 only;
	 * overdue at 03-31: X1 (due 01-20), X2 (due 02-20); effective: X3.
	 */
	C("A", "actions.opened", 3),
	C("A", "actions.opened.khac_phuc", 1),
	C("A", "actions.opened.phong_ngua", 1),
	C("A", "actions.opened.cai_tien", 1),
	C("A", "actions.closed", 1),
	C("A", "actions.overdue", 2),
	R("A", "actions.effective_rate", 1.0 / (1 + 0)),
	/* G1 (February's copy), G2 */
	C("A", "suggestions.received", 2),
	C("A", "suggestions.to_qmr", 1),			/* G1 01-20 */
	C("A", "suggestions.implemented", 1),
	C("A", "suggestions.rejected", 1),
	C("A", "suggestions.pending", 0),
	C("A", "suggestions.notified", 1),			/* G1 02-05 */
	R("A", "suggestions.notified_rate", 1.0 / (1 + 1)),
	R("A", "errors.rate", 0.0 / 20),
	C("A", "submission.months_missing", 0),
	C("A", "submission.incomplete", 0),
	R("A", "objective.tasks57.value", 72.0 / 120),
	R("A", "objective.tasks57.target", 57.0 / 100),
	C("A", "objective.tasks57.met", 1),
	R("A", "objective.dossiers_rate.value", 17.0 / 18),
	R("A", "objective.dossiers_rate.target", 0.8),
	C("A", "objective.dossiers_rate.met", 1),

	/* B: sheets 01 and 02; nothing in March */
	C("B", "tasks.planned", 4 + 6),
	C("B", "tasks.completed_on_time", 2 + 3),
	C("B", "tasks.completed_late", 1 + 3),
	C("B", "tasks.not_completed", 1 + 0),
	R("B", "tasks.on_time_rate", 5.0 / 10),
	R("B", "tasks.completion_rate", (5.0 + 4) / 10),
	/* stocks: opening from January, closing from February (its last) */
	C("B", "dossiers.carried_over", 10),
	C("B", "dossiers.pending_in_time", 6),
	C("B", "dossiers.pending_overdue", 3),
	C("B", "dossiers.received_online", 0 + 2),
	C("B", "dossiers.received", (0 + 4) + (2 + 2)),
	C("B", "dossiers.to_handle", 10 + 8),
	C("B", "dossiers.resolved", (2 + 2 + 2) + (1 + 1 + 1)),
	R("B", "dossiers.on_time_rate", (2.0 + 2 + 1 + 1) / 9),
	R("B", "dossiers.online_share", 2.0 / 8),
	C("B", "documents.incoming", 8 + 6),
	C("B", "documents.incoming_on_time", 4 + 3),
	C("B", "documents.incoming_late", 0 + 1),
	C("B", "documents.incoming_pending", 2),	/* January's was 4 */
	C("B", "documents.outgoing", 5 + 5),
	C("B", "documents.files_archived", 2 + 0),
	R("B", "documents.incoming_on_time_rate", 7.0 / (7 + 1)),
	/* 1/QĐ as re-sent in February: chinh_ta, not corrected */
	C("B", "errors.count", 1),
	C("B", "errors.by_type.chinh_ta", 1),
	C("B", "errors.by_type.the_thuc", 0),
	C("B", "errors.corrected", 0),
	C("B", "errors.verified", 0),
	R("B", "errors.rate", 1.0 / 10),
	R("B", "errors.correction_rate", 0.0 / 1),
	C("B", "satisfaction.responses", 0),
	X("B", "satisfaction.rate"),
	C("B", "submission.months_missing", 1),
	C("B", "submission.missing", 0),
	C("B", "submission.incomplete", 1),
	/* the override 60 %: 6/9 >= 0.6 (the base 0.8 would not be met) */
	R("B", "objective.dossiers_rate.value", 6.0 / 9),
	R("B", "objective.dossiers_rate.target", 60.0 / 100),
	C("B", "objective.dossiers_rate.met", 1),
	X("B", "objective.tasks57.target"),			/* not listed */

	/* L: active 02 and 03, both sent; no [dossiers] */
	C("L", "tasks.planned", 1 + 2),
	R("L", "tasks.on_time_rate", (1.0 + 1) / 3),
	C("L", "documents.incoming_pending", 0),
	C("L", "documents.outgoing", 0 + 2),
	R("L", "errors.rate", 0.0 / 2),
	X("L", "dossiers.carried_over"),
	X("L", "objective.dossiers_rate.target"),	/* no such value */
	C("L", "submission.months_missing", 0),
	C("L", "submission.incomplete", 0),

	/* *: stocks are the sum of each unit's own opening and closing */
	C("*", "tasks.planned", 120 + 10 + 3),
	R("*", "tasks.on_time_rate", (72.0 + 5 + 2) / 133),
	C("*", "dossiers.carried_over", 4 + 10),	/* A's 02, B's 01 */
	C("*", "dossiers.pending_in_time", 2 + 6),	/* A's 03, B's 02 */
	C("*", "dossiers.pending_overdue", 1 + 3),
	C("*", "dossiers.received", 18 + 8),
	C("*", "dossiers.received_online", 16 + 2),
	C("*", "dossiers.to_handle", 22 + 18),
	C("*", "dossiers.resolved", 18 + 9),
	R("*", "dossiers.on_time_rate", (17.0 + 6) / 27),
	R("*", "dossiers.online_share", 18.0 / 26),
	C("*", "documents.incoming", 19 + 14 + 1),
	C("*", "documents.incoming_pending", 1 + 2 + 0),
	C("*", "documents.outgoing", 20 + 10 + 2),
	R("*", "documents.incoming_on_time_rate",
	    (13.0 + 7 + 1) / ((13 + 3) + (7 + 1) + (1 + 0))),
	C("*", "errors.count", 1),
	R("*", "errors.rate", 1.0 / 32),
	C("*", "satisfaction.responses", 6),
	R("*", "satisfaction.rate", 4.0 / 6),
	WL("*", "satisfaction.rate_low", 4, 6),
	WH("*", "satisfaction.rate_high", 4, 6),
	C("*", "actions.opened", 3),
	C("*", "actions.closed", 1),
	C("*", "actions.overdue", 2),
	R("*", "actions.effective_rate", 1.0),
	R("*", "suggestions.notified_rate", 1.0 / 2),
	C("*", "submission.units_expected", 3),
	C("*", "submission.units_submitted", 3),
	C("*", "submission.units_missing", 0),
	C("*", "submission.units_incomplete", 1),			/* B */
	/* the base target for *: 23/27 = 0.85 >= 0.8 */
	R("*", "objective.dossiers_rate.value", 23.0 / 27),
	R("*", "objective.dossiers_rate.target", 0.8),
	C("*", "objective.dossiers_rate.met", 1),
	X("*", "objective.tasks57.target"),			/* a list */
};

/* 2024-01, cutoff 0, folders <= 01: the first copies, before the re-sends. */
static const struct wnum fjan[] = {
	/* 57/100 and the target 57 % = 57/100 are the same double: met */
	R("A", "tasks.on_time_rate", 57.0 / 100),
	R("A", "objective.tasks57.value", 57.0 / 100),
	R("A", "objective.tasks57.target", 57.0 / 100),
	C("A", "objective.tasks57.met", 1),
	X("A", "dossiers.carried_over"),
	X("A", "objective.dossiers_rate.target"),
	/* X1 closed 01-15 (yes), X2 opened 01-25 due 02-28 */
	C("A", "actions.opened", 2),
	C("A", "actions.closed", 1),
	C("A", "actions.overdue", 0),
	R("A", "actions.effective_rate", 1.0 / 1),
	C("A", "suggestions.received", 1),
	C("A", "suggestions.pending", 1),
	X("A", "suggestions.notified_rate"),			/* 0/(0+0) */
	/* the tally only: ratings 5, 4, 1 */
	C("A", "satisfaction.responses", 3),
	R("A", "satisfaction.rate", 2.0 / 3),
	R("A", "satisfaction.mean", (5.0 + 4 + 1) / 3),
	/* ≈ (0.6667 + 0.6403 ∓ 1.96·√(0.07407 + 0.10671)) / 2.28053
	 * = (1.3069 ∓ 0.8334) / 2.28053 = 0.2077, 0.9385 */
	WL("A", "satisfaction.rate_low", 2, 3),
	WH("A", "satisfaction.rate_high", 2, 3),
	X("A", "satisfaction.channel.truc_tiep.rate"),
	C("B", "errors.count", 1),
	C("B", "errors.by_type.the_thuc", 1),
	C("B", "errors.corrected", 1),
	C("B", "errors.verified", 1),
	R("B", "errors.rate", 1.0 / 5),
	R("B", "errors.correction_rate", 1.0 / 1),
	R("B", "objective.dossiers_rate.value", (2.0 + 2) / 6),
	C("B", "objective.dossiers_rate.met", 1),	/* 0.667 >= 0.6 */
	/* L is not active in January and has no row: not in scope */
	X("L", "errors.count"),
	X("L", "submission.months_missing"),
	C("*", "submission.units_expected", 2),
	C("*", "submission.units_submitted", 2),
	R("*", "errors.rate", 1.0 / (10 + 5)),
	/* dossiers: B only; * has the base target, 4/6 < 0.8 */
	R("*", "objective.dossiers_rate.value", 4.0 / 6),
	R("*", "objective.dossiers_rate.target", 0.8),
	C("*", "objective.dossiers_rate.met", 0),
};

/* 2024-02, cutoff 0, folders <= 02 (March's copy of 02-10 not read). */
static const struct wnum ffeb[] = {
	/* X2 (February's copy, 02-02) opened; X1 re-opened, opened in
	 * January: overdue with X2 (due 02-20 < 02-29) */
	C("A", "actions.opened", 1),
	C("A", "actions.opened.phong_ngua", 1),
	C("A", "actions.closed", 0),
	C("A", "actions.overdue", 2),
	X("A", "actions.effective_rate"),
	/* G2 only (G1 was received in January): 0 notified of 0 + 1 */
	C("A", "suggestions.received", 1),
	C("A", "suggestions.rejected", 1),
	R("A", "suggestions.notified_rate", 0.0 / (0 + 1)),
	C("A", "satisfaction.responses", 2),
	R("A", "satisfaction.rate", 1.0 / 2),
	R("A", "satisfaction.mean", (4.0 + 2) / 2),
	C("B", "errors.count", 0),			/* 1/QĐ is January's */
	C("L", "submission.months_missing", 0),
	C("L", "submission.revision", 1),
	C("L", "documents.outgoing", 0),
	X("L", "errors.rate"),					/* 0/0 */
	C("*", "submission.units_expected", 3),
	R("*", "errors.rate", 0.0 / (10 + 5 + 0)),
};

/*
 * 2024-03 under cutoff 15: window 02-15..03-14, the sheets of reporting
 * month 03 (A, L; B missing), folders <= 03. X3 was closed on 03-20, in
 * a folder this report reads but after its last day.
 */
static const struct wnum fmar15[] = {
	/* X3 opened 03-01; X2 (02-02) belongs to reporting month 02 */
	C("A", "actions.opened", 1),
	C("A", "actions.opened.cai_tien", 1),
	C("A", "actions.closed", 0),			/* 03-20 > 03-14 */
	/* at 03-14: X1 (due 01-20), X2 (due 02-20), X3 (due 03-05, not
	 * closed by 03-14) */
	C("A", "actions.overdue", 3),
	/* effective yes / (yes + no) among the actions opened: X3 */
	R("A", "actions.effective_rate", 1.0 / 1),
	C("A", "satisfaction.responses", 0),		/* 02-10, 02-11 */
	C("A", "dossiers.carried_over", 3),
	R("A", "dossiers.on_time_rate", (5.0 + 5) / 10),
	C("B", "submission.months_missing", 1),
	C("B", "submission.missing", 1),
	C("B", "submission.incomplete", 0),
	X("B", "tasks.planned"),
	X("B", "dossiers.pending_in_time"),
	X("B", "objective.dossiers_rate.target"),
	C("*", "tasks.planned", 10 + 2),
	C("*", "dossiers.pending_in_time", 2),			/* A's only */
	C("*", "actions.overdue", 3),
	C("*", "submission.units_expected", 3),
	C("*", "submission.units_submitted", 2),
	C("*", "submission.units_missing", 1),
};

/*
 * 2024-01-20..2024-01-25: no reporting month lies wholly inside. Under
 * cutoff 15 the window lies in reporting month 2024-02 (01-15..02-14):
 * L (active from 02) is in scope, and February's folder is read, whose
 * X2 was opened on 02-02 and whose X1 is open again.
 */
static const struct wnum frange15[] = {
	C("L", "errors.count", 0),
	C("L", "actions.opened", 0),
	X("L", "tasks.planned"),
	X("L", "submission.months_missing"),
	C("A", "actions.opened", 0),
	C("A", "actions.overdue", 1),		/* X1: due 01-20 < 01-25 */
	X("A", "tasks.planned"),
	C("*", "submission.units_expected", 0),
};

/*
 * 2024-01-15..2024-03-14 under cutoff 15: reporting months 02
 * (01-15..02-14) and 03 (02-15..03-14) lie wholly inside, so their
 * sheets and submission flags (not January's: A's tally is out); dated
 * rows by date from folders <= 03.
 */
static const struct wnum frange15w[] = {
	C("A", "tasks.planned", 10 + 10),
	C("A", "dossiers.carried_over", 4),			/* February's */
	C("A", "dossiers.pending_in_time", 2),			/* March's */
	C("A", "documents.incoming_pending", 1),		/* March's */
	C("A", "submission.months_missing", 0),
	X("A", "submission.revision"),				/* not a month */
	/* rows 02-10 (4), 02-11 (2), 02-10 (4) again; no tally */
	C("A", "satisfaction.responses", 3),
	R("A", "satisfaction.rate", 2.0 / 3),
	R("A", "satisfaction.mean", (4.0 + 2 + 4) / 3),
	/* opened X2 (02-02), X3 (03-01); X3's close of 03-20 is after
	 * 03-14: closed 0, overdue X1, X2, X3 */
	C("A", "actions.opened", 2),
	C("A", "actions.closed", 0),
	C("A", "actions.overdue", 3),
	R("A", "actions.effective_rate", 1.0 / 1),
	C("A", "suggestions.received", 1),			/* G2 */
	R("A", "suggestions.notified_rate", 0.0 / (0 + 1)),
	/* B: February's sheet only; 1/QĐ of 01-10 is before the range */
	C("B", "tasks.planned", 6),
	C("B", "dossiers.carried_over", 8),
	C("B", "dossiers.pending_overdue", 3),
	C("B", "submission.months_missing", 1),
	C("B", "submission.missing", 0),
	C("B", "submission.incomplete", 1),
	C("B", "errors.count", 0),
	C("L", "tasks.planned", 1 + 2),
	C("L", "submission.months_missing", 0),
	C("*", "tasks.planned", 20 + 6 + 3),
	C("*", "dossiers.carried_over", 4 + 8),
	C("*", "dossiers.pending_in_time", 2 + 6),
	C("*", "submission.units_expected", 3),
	C("*", "submission.units_submitted", 3),
	C("*", "submission.units_incomplete", 1),
};

/*
 * 2024-Q1 under cutoff 15: window 2023-12-15..2024-03-14, the sheets of
 * reporting months 01..03 (as under 0), folders <= 03.
 */
static const struct wnum fq1_15[] = {
	C("A", "tasks.planned", 100 + 10 + 10),
	C("A", "dossiers.carried_over", 4),
	C("A", "satisfaction.responses", 3 + 3),
	/* X1, X2, X3 opened; X3 closed 03-20 after 03-14: all overdue */
	C("A", "actions.opened", 3),
	C("A", "actions.closed", 0),
	C("A", "actions.overdue", 3),
	C("B", "errors.count", 1),			/* 1/QĐ of 01-10 */
	C("B", "submission.months_missing", 1),
	C("*", "dossiers.carried_over", 4 + 10),
	C("*", "submission.units_incomplete", 1),
};

/* The same range under cutoff 0: January only; folders <= 01. */
static const struct wnum frange0[] = {
	X("L", "errors.count"),				/* not in scope */
	C("A", "actions.opened", 1),			/* X2 of 01-25 */
	C("A", "actions.opened.phong_ngua", 1),
	C("A", "actions.overdue", 0),			/* X1 closed 01-15 */
	C("B", "errors.count", 0),			/* 1/QĐ of 01-10 */
};

/*
 * The boundary fixture of tests/fixtures/edge (config: cutoff_day 0;
 * objective errors_rate <= 5 %, units *, and an override [errors_rate.*]
 * of 50 % that must stay unused: '*' is no unit; objective tasks_listed
 * >= 100 % with units = DESK, *, a list, not '*'): rows dated on the last
 * day of the period and sums that land exactly on a target, each of
 * which a one-character change of the code (< for <=, a dropped clamp or
 * term) would move. Units DESK, PNV always; NEW from 2024-03; OLD to 2024-02.
 *   2024-02 sheets DESK, PNV, OLD (tasks 1/1/0/0, outgoing 0); OLD's
 *           survey of 03-01..03-05 (ratings 3, 3, 2, 1, 1), sent in
 *           February's folder (a warning, not an error)
 *   2024-03 sheets DESK (tasks 4/4/0/0, outgoing 20), NEW (tasks
 *           1/1/0/0, outgoing 0); PNV sends no sheet
 *           DESK errors 1/GM 03-05 the_thuc corrected 03-31 verified 03-31
 *           DESK action A1 khac_phuc opened 03-01 due 03-20 closed 03-31
 *             effective yes
 *           DESK complaints C1 03-05 truc_tiep explained 03-31 resolved
 *             03-31 justified empty; C2 03-06 justified no
 *           DESK incident I1 03-07 9.95 hours
 *           PNV suggestions S1 03-10 to_qmr 03-31 khong_chap_nhan notified
 *             03-31; S2 03-11 khong_chap_nhan; S3 03-12 dang_thuc_hien
 *           PNV audits AU1 03-10 obs closed 03-31; AU2 03-11 obs;
 *             AU3 03-12 nc
 *           NEW survey 03-01..03-05 truc_tuyen, five ratings of 5
 */

/*
 * 2024-03: window 03-01..03-31, folders <= 03. In scope: DESK, PNV, NEW
 * (active in March) and OLD (not active, in scope by its survey rows
 * dated in March). Rows: 36 per unit in scope (30 register counts,
 * downtime, responses and 5 levels) plus DESK 22 (tasks 6, documents 6,
 * errors.rate and correction_rate, effective_rate, submission 4,
 * objectives 3 + 3) = 61; PNV 4 (notified_rate, submission 3) = 40; NEW 21
 * (tasks 6, documents 6, satisfaction rate/mean/low/high 4, channel 1,
 * submission 4) = 57; OLD 5 (rate/mean/low/high, channel) = 41;
 * * 29 (tasks 6, documents 6, four register rates, satisfaction 4, two
 * channels, units 4, objective 3) = 65. 264 in all.
 */
static const struct want edge_month[] = {
	/* "by the last day" is on or before 03-31: the 03-31 dates count */
	{ "DESK", "errors.count", "1" },
	{ "DESK", "errors.by_type.the_thuc", "1" },
	{ "DESK", "errors.corrected", "1" },			/* 03-31 */
	{ "DESK", "errors.verified", "1" },			/* 03-31 */
	{ "DESK", "errors.correction_rate", "1" },		/* 1/1 */
	/* 1/20 = 0.05 and the target 5/100 are the same double: met */
	{ "DESK", "errors.rate", "0.05" },
	{ "DESK", "objective.errors_rate.value", "0.05" },
	{ "DESK", "objective.errors_rate.target", "0.05" },
	{ "DESK", "objective.errors_rate.met", "1" },
	/* listed: 4/4 = 1 >= 100/100 */
	{ "DESK", "objective.tasks_listed.value", "1" },
	{ "DESK", "objective.tasks_listed.target", "1" },
	{ "DESK", "objective.tasks_listed.met", "1" },
	{ "DESK", "actions.opened", "1" },
	{ "DESK", "actions.opened.khac_phuc", "1" },
	{ "DESK", "actions.closed", "1" },			/* 03-31 */
	/* due 03-20 < 03-31, but closed by 03-31: not overdue */
	{ "DESK", "actions.overdue", "0" },
	{ "DESK", "actions.effective_rate", "1" },		/* 1/(1+0) */
	{ "DESK", "complaints.received", "2" },
	{ "DESK", "complaints.explained", "1" },		/* 03-31 */
	{ "DESK", "complaints.resolved", "1" },			/* 03-31 */
	/* justified: C1 empty, C2 no: neither is "yes" */
	{ "DESK", "complaints.justified", "0" },
	{ "DESK", "incidents.count", "1" },
	/* 9.95 is 9.9499999999999993 as a double: the shortest text that
	 * reads back is "9.95" (16 digits would give 9.949999999999999) */
	{ "DESK", "incidents.downtime_hours", "9.95" },
	{ "DESK", "tasks.planned", "4" },
	{ "DESK", "tasks.completed_on_time", "4" },
	{ "DESK", "tasks.on_time_rate", "1" },			/* 4/4 */
	{ "DESK", "tasks.completion_rate", "1" },
	{ "DESK", "documents.outgoing", "20" },
	{ "DESK", "documents.incoming_on_time_rate", ABSENT },	/* 0/0 */
	{ "DESK", "submission.revision", "1" },
	{ "DESK", "submission.months_missing", "0" },
	{ "DESK", "satisfaction.responses", "0" },
	{ "DESK", "satisfaction.rate", ABSENT },

	/* PNV: no sheet in March, its only month: missing, not incomplete */
	{ "PNV", "submission.months_missing", "1" },
	{ "PNV", "submission.missing", "1" },
	{ "PNV", "submission.incomplete", "0" },
	{ "PNV", "submission.revision", ABSENT },
	{ "PNV", "tasks.planned", ABSENT },
	{ "PNV", "errors.rate", ABSENT },		/* no documents.outgoing */
	{ "PNV", "objective.errors_rate.target", ABSENT },	/* units = * */
	{ "PNV", "suggestions.received", "3" },
	{ "PNV", "suggestions.to_qmr", "1" },			/* S1, 03-31 */
	{ "PNV", "suggestions.implemented", "0" },
	{ "PNV", "suggestions.rejected", "2" },			/* S1, S2 */
	{ "PNV", "suggestions.pending", "1" },			/* S3 */
	{ "PNV", "suggestions.notified", "1" },			/* S1, 03-31 */
	{ "PNV", "suggestions.notified_rate", "0.5" },		/* 1/(0+2) */
	{ "PNV", "audits.nc", "1" },				/* AU3 */
	{ "PNV", "audits.obs", "2" },				/* AU1, AU2 */
	{ "PNV", "audits.closed", "1" },			/* AU1, 03-31 */

	/*
	 * NEW: five ratings of 5, p = 1, n = 5, z² = 3.8416: centre
	 * 1 + 0.38416 = 1.38416, margin 1.96·√(0 + 0.038416) = 0.38416,
	 * divided by 1 + 0.76832 = 1.76832: low 1/1.76832 = 0.5655085,
	 * high 1.76832/1.76832 = 1 (the doubles give 1.0000000000000002:
	 * clamped to 1).
	 */
	{ "NEW", "satisfaction.responses", "5" },
	{ "NEW", "satisfaction.very_satisfied", "5" },
	{ "NEW", "satisfaction.rate", "1" },
	{ "NEW", "satisfaction.mean", "5" },
	{ "NEW", "satisfaction.rate_low", "0.565508505247919" },
	{ "NEW", "satisfaction.rate_high", "1" },
	{ "NEW", "satisfaction.channel.truc_tuyen.rate", "1" },
	{ "NEW", "tasks.planned", "1" },
	{ "NEW", "tasks.completed_on_time", "1" },
	{ "NEW", "tasks.on_time_rate", "1" },			/* 1/1 */
	{ "NEW", "tasks.completion_rate", "1" },
	{ "NEW", "documents.outgoing", "0" },
	{ "NEW", "errors.rate", ABSENT },			/* 0/0 */
	{ "NEW", "submission.months_missing", "0" },
	{ "NEW", "submission.revision", "1" },

	/*
	 * OLD: ratings 3, 3, 2, 1, 1: p = 0, n = 5, mean 10/5 = 2; Wilson
	 * centre 0.38416, margin 1.96·√(0 + 0.038416) = 0.38416: low 0
	 * (the doubles give -3.1e-17: clamped to 0), high 0.76832/1.76832
	 * = 0.4344915.
	 */
	{ "OLD", "satisfaction.responses", "5" },
	{ "OLD", "satisfaction.neutral", "2" },
	{ "OLD", "satisfaction.dissatisfied", "1" },
	{ "OLD", "satisfaction.very_dissatisfied", "2" },
	{ "OLD", "satisfaction.rate", "0" },
	{ "OLD", "satisfaction.mean", "2" },
	{ "OLD", "satisfaction.rate_low", "0" },
	{ "OLD", "satisfaction.rate_high", "0.43449149475208104" },
	{ "OLD", "satisfaction.channel.truc_tiep.rate", "0" },	/* 0/5 */
	{ "OLD", "errors.count", "0" },
	{ "OLD", "submission.months_missing", ABSENT },	/* not active */
	{ "OLD", "tasks.planned", ABSENT },		/* February's sheet */

	/* *: DESK + NEW sheets; errors over the units with outgoing 1/20 */
	{ "*", "tasks.planned", "5" },				/* 4 + 1 */
	{ "*", "tasks.completed_on_time", "5" },
	{ "*", "tasks.on_time_rate", "1" },
	{ "*", "tasks.completion_rate", "1" },
	{ "*", "documents.outgoing", "20" },			/* 20 + 0 */
	{ "*", "errors.count", "1" },
	{ "*", "errors.by_type.the_thuc", "1" },
	{ "*", "errors.corrected", "1" },
	{ "*", "errors.verified", "1" },
	{ "*", "errors.correction_rate", "1" },
	{ "*", "errors.rate", "0.05" },
	{ "*", "objective.errors_rate.value", "0.05" },
	/* the base target, not [errors_rate.*]'s 50 % */
	{ "*", "objective.errors_rate.target", "0.05" },
	{ "*", "objective.errors_rate.met", "1" },
	/* units = DESK, * is a list: nothing for the organization */
	{ "*", "objective.tasks_listed.value", ABSENT },
	{ "*", "objective.tasks_listed.target", ABSENT },
	{ "*", "actions.opened", "1" },
	{ "*", "actions.opened.khac_phuc", "1" },
	{ "*", "actions.closed", "1" },
	{ "*", "actions.effective_rate", "1" },
	{ "*", "complaints.received", "2" },
	{ "*", "complaints.explained", "1" },
	{ "*", "complaints.resolved", "1" },
	{ "*", "incidents.count", "1" },
	{ "*", "incidents.downtime_hours", "9.95" },
	{ "*", "suggestions.received", "3" },
	{ "*", "suggestions.to_qmr", "1" },
	{ "*", "suggestions.rejected", "2" },
	{ "*", "suggestions.pending", "1" },
	{ "*", "suggestions.notified", "1" },
	{ "*", "suggestions.notified_rate", "0.5" },
	{ "*", "audits.nc", "1" },
	{ "*", "audits.obs", "2" },
	{ "*", "audits.closed", "1" },
	/*
	 * NEW's 5×5 and OLD's 3, 3, 2, 1, 1: n = 10, p = 5/10 = 0.5, mean
	 * (25 + 10)/10 = 3.5; Wilson centre 0.5 + 0.19208 = 0.69208, margin
	 * 1.96·√(0.025 + 0.009604) = 1.96 · 0.1860215 = 0.3646021, divided
	 * by 1.38416: low 0.2365896, high 0.7634104.
	 */
	{ "*", "satisfaction.responses", "10" },
	{ "*", "satisfaction.very_satisfied", "5" },
	{ "*", "satisfaction.neutral", "2" },
	{ "*", "satisfaction.dissatisfied", "1" },
	{ "*", "satisfaction.very_dissatisfied", "2" },
	{ "*", "satisfaction.rate", "0.5" },
	{ "*", "satisfaction.mean", "3.5" },
	{ "*", "satisfaction.rate_low", "0.2365895936154873" },
	{ "*", "satisfaction.rate_high", "0.7634104063845127" },
	{ "*", "satisfaction.channel.truc_tuyen.rate", "1" },	/* 5/5 */
	{ "*", "satisfaction.channel.truc_tiep.rate", "0" },	/* 0/5 */
	{ "*", "submission.units_expected", "3" },	/* DESK, PNV, NEW */
	{ "*", "submission.units_submitted", "2" },		/* DESK, NEW */
	{ "*", "submission.units_missing", "1" },		/* PNV */
	{ "*", "submission.units_incomplete", "0" },
};

/*
 * 2024-02-20..2024-02-28: no reporting month lies wholly inside (February
 * runs 02-01..02-29), so no sheet and no submission flags; no row is
 * dated in it. Units in scope are those active in a reporting month the
 * window touches: February, so DESK, PNV and OLD (each with its 36 zero
 * counts; DESK also the target of tasks_listed), not NEW (from
 * 2024-03). * has the 36, the four unit counts and the base target of
 * errors_rate (units = *: "and * with the base target", not the
 * override [errors_rate.*]), without value: no document went out.
 */
static const struct want edge_range[] = {
	{ "DESK", "errors.count", "0" },
	{ "DESK", "satisfaction.responses", "0" },
	/* listed, no tasks.on_time_rate without a sheet: the target only */
	{ "DESK", "objective.tasks_listed.target", "1" },
	{ "DESK", "objective.tasks_listed.value", ABSENT },
	{ "PNV", "errors.count", "0" },
	{ "OLD", "errors.count", "0" },
	{ "OLD", "submission.months_missing", ABSENT },
	{ "NEW", "errors.count", ABSENT },
	{ "*", "errors.count", "0" },
	{ "*", "submission.units_expected", "0" },
	{ "*", "submission.units_submitted", "0" },
	{ "*", "objective.errors_rate.target", "0.05" },
	{ "*", "objective.errors_rate.value", ABSENT },
	{ "*", "objective.errors_rate.met", ABSENT },
};

/* The pinned Wilson texts above, against the SPEC formula (wilson()). */
static const struct wnum month_wilson[] = {
	WL("DESK", "satisfaction.rate_low", 3, 5),
	WH("DESK", "satisfaction.rate_high", 3, 5),
	WL("*", "satisfaction.rate_low", 3, 5),
	WH("*", "satisfaction.rate_high", 3, 5),
};

static const struct wnum edge_wilson[] = {
	WL("NEW", "satisfaction.rate_low", 5, 5),
	WH("NEW", "satisfaction.rate_high", 5, 5),		/* clamped */
	WL("OLD", "satisfaction.rate_low", 0, 5),		/* clamped */
	WH("OLD", "satisfaction.rate_high", 0, 5),
	WL("*", "satisfaction.rate_low", 5, 10),
	WH("*", "satisfaction.rate_high", 5, 10),
};

static void
test_month(void **state)
{
	(void)state;
	check("config", "2024-03", month, N(month), 1, 276);
	check_num("analyze", "config", "2024-03", month_wilson,
	    N(month_wilson));
}

static void
test_quarter(void **state)
{
	(void)state;
	check("config", "2024-Q1", quarter, N(quarter), 0, 0);
}

static void
test_cutoff15(void **state)
{
	(void)state;
	check("config15", "2024-03", cutoff15, N(cutoff15), 0, 0);
}

static void
test_range(void **state)
{
	(void)state;
	check("config", "2024-02-15..2024-04-10", range, N(range), 0, 0);
}

static void
test_february(void **state)
{
	(void)state;
	check_num("analyze", "config", "2024-02", february, N(february));
}

static void
test_half(void **state)
{
	(void)state;
	check_num("analyze", "config", "2024-H1", half, N(half));
}

static void
test_formulas_q1(void **state)
{
	(void)state;
	check_num("formulas", "config", "2024-Q1", fq1, N(fq1));
	check_num("formulas", "config15", "2024-Q1", fq1_15, N(fq1_15));
}

static void
test_formulas_months(void **state)
{
	(void)state;
	check_num("formulas", "config", "2024-01", fjan, N(fjan));
	check_num("formulas", "config", "2024-02", ffeb, N(ffeb));
	check_num("formulas", "config15", "2024-03", fmar15, N(fmar15));
}

static void
test_formulas_ranges(void **state)
{
	(void)state;
	check_num("formulas", "config15", "2024-01-20..2024-01-25", frange15,
	    N(frange15));
	check_num("formulas", "config", "2024-01-20..2024-01-25", frange0,
	    N(frange0));
	check_num("formulas", "config15", "2024-01-15..2024-03-14", frange15w,
	    N(frange15w));
}

static void
test_edge_month(void **state)
{
	(void)state;
	check_fx("edge", "config", "2024-03", edge_month, N(edge_month), 1,
	    264);
	check_num("edge", "config", "2024-03", edge_wilson, N(edge_wilson));
}

static void
test_edge_range(void **state)
{
	(void)state;
	/* 36 rows each for DESK (+ 1 target), PNV, OLD; * 36 + 4 */
	check_fx("edge", "config", "2024-02-20..2024-02-28", edge_range,
	    N(edge_range), 1, 150);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month),
		cmocka_unit_test(test_quarter),
		cmocka_unit_test(test_cutoff15),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_february),
		cmocka_unit_test(test_half),
		cmocka_unit_test(test_formulas_q1),
		cmocka_unit_test(test_formulas_months),
		cmocka_unit_test(test_formulas_ranges),
		cmocka_unit_test(test_edge_month),
		cmocka_unit_test(test_edge_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
