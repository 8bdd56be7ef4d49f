/* SPDX-License-Identifier: ISC */
/*
 * baocao-xlsx: render the workbook the province receives (SPEC §7.2) from
 * the indicators CSV, the analysis stream and, optionally, the normalized
 * stream. Which indicator goes in which column, with what header and number
 * format, comes from a template (templates/xlsx/, docs/XLSX.md).
 */
#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include "atomic.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "indicator.h"
#include "iniread.h"
#include "norm.h"
#include "num.h"
#include "numfmt.h"
#include "period.h"
#include "schema.h"
#include "statuslist.h"
#include "suggest.h"
#include "tmpl.h"
#include "utf8.h"
#include "util.h"
#include "vnfmt.h"
#include "xlsxnum.h"

#define MAXTERMS	8
#define MAXWIDTH	60.0	/* widest column; longer text wraps */
#define CELL_MAX	32767	/* characters in one cell (Excel) */
#define MOREDEC		6	/* most decimals of an objective's result */
#define MAXBREAKS	64	/* printed pages across, at most */
#define TITLE_MIN_W	12.0	/* narrowest span a title is written over */

/* ---------------------------------------------------------------- model */

/* One row of the indicators CSV for the period. Strings are owned. */
struct ival {
	char	*period;
	char	*unit;
	char	*ind;
	double	 v;
	long	 line;
};

enum ustat { US_NONE, US_SUBMITTED, US_INCOMPLETE, US_MISSING, US_REGISTER };

/* One unit row of the units sheets. */
struct urow {
	char		*code;
	const char	*name;		/* borrowed from config, or code */
	enum ustat	 st;
	char		*months;	/* missing months, "2024-03,2024-05" */
	char		*lowsample;	/* responses, when the analysis stream
					   flags fewer than 30 (else NULL) */
};

enum src { S_IND, S_CALC, S_CODE, S_NAME, S_STATUS, S_REG, S_UNITNAME,
	S_MET, S_LOWSAMPLE, S_OBJECTIVES };
enum fmt { FM_TEXT, FM_COUNT, FM_NUMBER, FM_RATE, FM_DATE, FM_N };
enum tot { T_NONE, T_LABEL, T_SUM, T_VALUE, T_RATIO };

struct term {
	double	 k;
	int	 col;
};

struct col {
	enum src	 src;
	char		*spec;		/* owned copy the fields below point into */
	const char	*ind;		/* indicator, or register column */
	int		 regcol;	/* S_REG: index in rk->cols */
	const char	*group;		/* NULL: no group header */
	const char	*header;
	char		*totexpr;	/* T_RATIO: "= a + b / c" */
	char		*calcexpr;	/* S_CALC: "= a - b" */
	struct term	 calc[MAXTERMS];
	int		 ncalc;
	enum fmt	 fmt;
	enum tot	 tot;
	struct term	 num[MAXTERMS], den[MAXTERMS];
	int		 nnum, nden;
	double		 width;
	int		 wrap;
	const char	*number;	/* the numbered row's text: "(3)=(1)+(2)" */
	const struct objective *obj;	/* objective columns (@objectives) */
	int		 op;		/* '>' or '<': a target, shown "≥ 95%" */
	char		*gbuf;		/* owned group header behind group */
	char		 key[24];	/* the template key, "col04" */
	long		 line;		/* its line in the template */
};

enum kind { K_UNITS, K_DATA, K_REGISTER };

struct sheet {
	const char		*key;
	const char		*name;
	const char		*title;
	const char		*subtitle;
	const char		*note;
	enum kind		 kind;
	const struct reg_kind	*rk;
	struct col		*cols;
	int			 ncols;
	const char		*chart;		/* indicator charted by unit */
	const char		*chart_title;
	char			*keybuf;	/* owned copy behind key */
	char			**unknown;	/* "colNN\0source" of each
						   column refused */
	int			 nunknown;
	/* the first column of each printed page after the first, from the
	 * measured widths (page_breaks()), 0-terminated; nbreaks: how many */
	lxw_col_t		 breaks[MAXBREAKS];
	int			 nbreaks;
	/* the print scale in % when not PRINT_SCALE with breaks or fitted
	 * one page wide: fewer pages (page_breaks()), a one page wide
	 * sheet's chart's bars (chart_scale()); 0: neither */
	int			 scale;
	/* the chart's bars are named by the unit codes though the sheet
	 * has no code column (chart_scale()) */
	int			 chart_codes;
};

/* Everything the workbook is made from. */
struct book {
	struct config	 cfg;
	int		 have_cfg;
	struct tmpl	*t;
	const char	*tpath;
	double		 wfont;		/* width factor of the font */
	struct period	 per;
	char		 label[PERIOD_LABELSZ];
	char		*title;		/* Vietnamese period title */
	char		*months;	/* the months whose sheets P takes,
					   "2025-03,2025-04" (analysis
					   stream), or NULL: from per */
	const char	*indpath;
	struct ival	*iv;		/* rows of the period, in file order */
	size_t		 niv, civ;
	struct ival	**ix;		/* sorted by unit, indicator */
	struct urow	*u;
	size_t		 nu, cu;
	struct status_list sl;		/* R records of the folders read */
	const struct status_row **rr;	/* the rows shown, borrowed from sl */
	size_t		 nrr;
	int		 have_data;
	struct sheet	*sh;
	int		 nsh;
	/* formats */
	const char	*font;
	double		 fsize;
	const char	*numfmt[FM_N];
	char		*low_star;	/* the organization's low-sample flag */
	int		 draft;		/* 0: final; N: "Dự thảo lần N" */
};

static void	usage(void) __attribute__((noreturn));

/* --------------------------------------------------------------- text */

/*
 * Returns a malloc'd NFC copy of s[0..n), or NULL when s is not valid
 * UTF-8 or holds a NUL byte.
 */
static char *
nfc_dup(const char *s, size_t n)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	if (memchr(s, '\0', n) != NULL)
		return NULL;
	if (n == 0)
		return xstrdup("");
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (r < 0)
		return NULL;
	return (char *)out;
}

/* NFC copy of a string already known to be text; "?" when it is not. */
static char *
nfc_or(const char *s)
{
	char *r = nfc_dup(s, strlen(s));

	return r != NULL ? r : xstrdup("?");
}

/*
 * The display width of s[0..n) in Excel column units at 11 pt: one per
 * ordinary character, more for capitals and wide characters, nothing for
 * combining marks. Counts characters, never bytes.
 */
static double
span_width(const char *s, size_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	double w = 0;
	size_t i = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			w += 1;
			continue;
		}
		i += (size_t)k;
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU:
			w += cp == 'M' || cp == 'W' ? 1.75 : 1.2;
			break;
		case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_ME:
			break;
		case UTF8PROC_CATEGORY_ND:
			w += 1.0;
			break;
		default:
			w += utf8proc_charwidth(cp) >= 2 ? 2.0 :
			    cp == 'm' || cp == 'w' ? 1.3 :
			    strchr(" .,:;'()[]!|ijlrtf", (int)(cp < 128 ? cp : 1))
			    != NULL && cp != 0 ? 0.55 : 0.85;
			break;
		}
	}
	return w;
}

static double
text_width(const char *s)
{
	return span_width(s, strlen(s));
}

/* Width of the longest line of s (lines split at LF). */
static double
line_width(const char *s)
{
	double w, best = 0;
	const char *e;

	for (;;) {
		e = strchr(s, '\n');
		w = span_width(s, e ? (size_t)(e - s) : strlen(s));
		if (w > best)
			best = w;
		if (e == NULL)
			return best;
		s = e + 1;
	}
}

/* Width of the longest word of s. */
static double
word_width(const char *s)
{
	double w, best = 0;
	size_t n;

	while (*s) {
		n = strcspn(s, " \n");
		w = span_width(s, n);
		if (w > best)
			best = w;
		s += n;
		if (*s)
			s++;
	}
	return best;
}

/*
 * Widths are measured in characters of a Times-like font (text_width());
 * a font that sets the same text wider gets its columns widened by its
 * factor. Calibri gets more than its own metrics need, since a reader
 * without it (LibreOffice on Linux) shows it in a wider substitute. A font
 * not in the table gets the widest factor, so its text is never clipped.
 */
static const struct {
	const char	*name;
	double		 k;
} font_factors[] = {
	{ "Times New Roman", 1.0 }, { "Liberation Serif", 1.0 },
	{ "Nimbus Roman", 1.0 }, { "Tinos", 1.0 },
	{ "Cambria", 1.12 }, { "Caladea", 1.12 },
	{ "Calibri", 1.15 }, { "Carlito", 1.15 },
	{ "Arial", 1.15 }, { "Liberation Sans", 1.15 }, { "Arimo", 1.15 },
	{ "Helvetica", 1.15 },
	{ "Tahoma", 1.2 }, { "Segoe UI", 1.2 },
	{ "DejaVu Sans", 1.35 }, { "Verdana", 1.35 },
};
#define FONT_FACTOR_WIDE	1.35

/* The width factor of font (case ignored). */
static double
font_factor(const char *font)
{
	size_t i;

	for (i = 0; i < sizeof(font_factors) / sizeof(font_factors[0]); i++)
		if (strcasecmp(font, font_factors[i].name) == 0)
			return font_factors[i].k;
	return FONT_FACTOR_WIDE;
}

/* Column units per measured character at the template's font and size. */
static double
wscale(const struct book *b)
{
	return b->fsize / 11 * b->wfont;
}

/*
 * Lines that s takes when wrapped at words into a column of width w; with
 * mark (s itself, writable), the space before each line's first word is
 * made a LF there.
 */
static int
wrap_walk(const char *s, double w, char *mark)
{
	const char *s0 = s;
	double cur = 0, ww, sp = 0.6;
	int lines = 1;
	size_t n;

	if (w < 1)
		w = 1;
	while (*s) {
		if (*s == '\n') {
			lines++;
			cur = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			s++;
			continue;
		}
		n = strcspn(s, " \n");
		ww = span_width(s, n);
		if (cur > 0 && cur + sp + ww > w) {
			lines++;
			cur = 0;
			if (mark != NULL)	/* the space before this word */
				mark[s - s0 - 1] = '\n';
		}
		cur += (cur > 0 ? sp : 0) + ww;
		while (cur > w) {	/* a word longer than the column */
			lines++;
			cur -= w;
		}
		s += n;
	}
	return lines;
}

/* Lines that s takes when wrapped at words into a column of width w. */
static int
wrap_lines(const char *s, double w)
{
	return wrap_walk(s, w, NULL);
}

/* Upper-cases valid UTF-8 s (Vietnamese letters included); owned result. */
static char *
upper_dup(const char *s)
{
	struct sbuf sb = SBUF_INIT;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	utf8proc_uint8_t enc[4];
	size_t n = strlen(s), i = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			sbuf_addc(&sb, s[i++]);
			continue;
		}
		i += (size_t)k;
		k = utf8proc_encode_char(utf8proc_toupper(cp), enc);
		sbuf_add(&sb, enc, (size_t)k);
	}
	return sbuf_detach(&sb);
}

/* Trims spaces and tabs at both ends of s in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* -------------------------------------------------- indicators CSV */

struct csvstate {
	struct book	*b;
	const char	*path;
	long		 line;		/* physical line being fed */
	long		 recline;	/* line where the current record starts */
	int		 nf;
	char		*f[4];
	size_t		 flen[4];
	int		 toomany;
	long		 nrec;
	int		 bad;		/* bad records */
	int		 broken;	/* the CSV syntax is broken: stop */
};

static void
csv_field(void *s, size_t n, void *data)
{
	struct csvstate *cs = data;

	if (cs->nf == 0 && cs->recline == 0)
		cs->recline = cs->line;
	if (cs->nf < 4) {
		cs->f[cs->nf] = xstrndup(s, n);
		cs->flen[cs->nf] = n;
	} else
		cs->toomany = 1;
	cs->nf++;
}

static int
unit_ok(const char *u)
{
	return strcmp(u, "*") == 0 || unit_code_valid(u, strlen(u));
}

/*
 * An indicator name: SPEC §6 names are [a-z0-9._], but an objective's is
 * its section name as written (objective.Tasks_On_Time.value), so any
 * printable text without a comma or a quote.
 */
static int
ind_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == ',' ||
		    *s == '"' || *s == '=')
			return 0;
	return 1;
}

/* Parses a value of the indicators CSV strictly; 0 or -1. */
static int
parse_value(const char *s, double *v)
{
	char *end;

	if (*s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(*v))
		return -1;
	return 0;
}

static void
csv_record(int c, void *data)
{
	struct csvstate *cs = data;
	struct book *b = cs->b;
	long line = cs->recline ? cs->recline : cs->line;
	static const char *const hdr[] = { "period", "unit", "indicator",
		"value" };
	struct ival *r;
	char *nf[3] = { NULL, NULL, NULL };
	double v;
	int i;

	(void)c;
	cs->nrec++;
	if (cs->nf == 0)
		goto done;
	if (cs->nf != 4 || cs->toomany) {
		diag_errorat(cs->path, line, 0, "record has %d fields, want 4",
		    cs->nf);
		cs->bad++;
		goto done;
	}
	if (cs->nrec == 1) {
		for (i = 0; i < 4; i++)
			if (strcmp(cs->f[i], hdr[i]) != 0)
				break;
		if (i < 4) {
			diag_errorat(cs->path, line, 0, "header is not "
			    "'period,unit,indicator,value'");
			cs->bad++;
		}
		goto done;
	}
	for (i = 0; i < 3; i++) {
		nf[i] = nfc_dup(cs->f[i], cs->flen[i]);
		if (nf[i] == NULL) {
			diag_errorat(cs->path, line, 0, "field %d (%s) is not "
			    "valid UTF-8 text", i + 1, hdr[i]);
			cs->bad++;
			goto done;
		}
	}
	if (!unit_ok(nf[1])) {
		diag_errorat(cs->path, line, 0, "bad unit code '%s'", nf[1]);
		cs->bad++;
		goto done;
	}
	if (!ind_ok(nf[2])) {
		diag_errorat(cs->path, line, 0, "bad indicator name '%s'",
		    nf[2]);
		cs->bad++;
		goto done;
	}
	if (parse_value(cs->f[3], &v) != 0) {
		diag_errorat(cs->path, line, 0, "value '%s' of '%s' is not a "
		    "number", cs->f[3], nf[2]);
		cs->bad++;
		goto done;
	}
	if (strcmp(nf[0], b->label) != 0)
		goto done;		/* another period: not ours */
	if (numfmt_count_too_long(cs->f[3])) {
		diag_errorat(cs->path, line, 0, "value %s of '%s' of unit "
		    "'%s' has more than %d digits: a spreadsheet cannot hold "
		    "or show it exactly (check that count in the input)",
		    cs->f[3], nf[2], nf[1], NUMFMT_DOC_DIGITS);
		cs->bad++;
		goto done;
	}
	if (b->niv == b->civ) {
		b->civ = b->civ ? b->civ * 2 : 256;
		b->iv = xrealloc(b->iv, b->civ * sizeof(*b->iv));
	}
	r = &b->iv[b->niv++];
	r->period = nf[0];
	r->unit = nf[1];
	r->ind = nf[2];
	r->v = v;
	r->line = line;
	nf[0] = nf[1] = nf[2] = NULL;
done:
	for (i = 0; i < 3; i++)
		free(nf[i]);
	for (i = 0; i < 4 && i < cs->nf; i++)
		free(cs->f[i]);
	cs->nf = 0;
	cs->toomany = 0;
	cs->recline = 0;
}

static int
cmp_ival(const void *a, const void *b)
{
	const struct ival *x = *(const struct ival *const *)a;
	const struct ival *y = *(const struct ival *const *)b;
	int c = strcmp(x->unit, y->unit);

	if (c == 0)
		c = strcmp(x->ind, y->ind);
	if (c == 0)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

/*
 * Reads the indicators CSV at path, keeping the rows of the period.
 * Returns 0, EXIT_DATA after reporting bad rows, EXIT_USAGE when the file
 * cannot be read.
 */
static int
read_indicators(struct book *b, const char *path)
{
	struct csv_parser p;
	struct csvstate cs;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0, i;
	ssize_t n;
	int rv = 0;

	memset(&cs, 0, sizeof(cs));
	cs.b = b;
	cs.path = path;
	fp = fopen(path, "rb");
	if (fp == NULL) {
		diag_errorat(path, 0, 0, "cannot open:");
		return EXIT_USAGE;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(fp);
		diag_plain("out of memory");
		return EXIT_USAGE;
	}
	while ((n = getline(&line, &cap, fp)) > 0) {
		const char *s = line;

		cs.line++;
		if (cs.line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (csv_parse(&p, s, (size_t)n, csv_field, csv_record, &cs) !=
		    (size_t)n) {
			diag_errorat(path, cs.recline ? cs.recline : cs.line, 0,
			    "%s", csv_strerror(csv_error(&p)));
			cs.bad++;
			cs.broken = 1;
			break;
		}
	}
	if (ferror(fp)) {
		diag_plain("cannot read '%s':", path);
		rv = EXIT_USAGE;
	} else if (!cs.broken && csv_fini(&p, csv_field, csv_record,
	    &cs) != 0) {
		diag_errorat(path, cs.recline ? cs.recline : cs.line, 0,
		    "unterminated quoted field");
		cs.bad++;
	}
	for (i = 0; i < (size_t)cs.nf && i < 4; i++)
		free(cs.f[i]);
	csv_free(&p);
	free(line);
	fclose(fp);
	if (rv == 0 && cs.nrec == 0) {
		diag_errorat(path, 0, 0, "empty file, want a header "
		    "'period,unit,indicator,value'");
		cs.bad++;
	}
	b->ix = xcalloc(b->niv + 1, sizeof(*b->ix));
	for (i = 0; i < b->niv; i++)
		b->ix[i] = &b->iv[i];
	qsort(b->ix, b->niv, sizeof(*b->ix), cmp_ival);
	for (i = 1; i < b->niv; i++)
		if (strcmp(b->ix[i]->unit, b->ix[i - 1]->unit) == 0 &&
		    strcmp(b->ix[i]->ind, b->ix[i - 1]->ind) == 0) {
			diag_errorat(path, b->ix[i]->line, 0, "duplicate "
			    "indicator '%s' of unit '%s' (first on line %ld)",
			    b->ix[i]->ind, b->ix[i]->unit, b->ix[i - 1]->line);
			cs.bad++;
		}
	if (rv == 0 && cs.bad == 0 && b->niv == 0) {
		diag_errorat(path, 0, 0, "no indicator of period '%s'",
		    b->label);
		cs.bad++;
	}
	if (rv == 0 && cs.bad > 0)
		rv = EXIT_DATA;
	return rv;
}

/* The row of unit's indicator, or NULL when it has no value. */
static const struct ival *
ind_find(const struct book *b, const char *unit, const char *ind)
{
	size_t lo = 0, hi = b->niv, mid;
	int c;

	while (lo < hi) {		/* the first row not below (unit, ind) */
		mid = (lo + hi) / 2;
		c = strcmp(b->ix[mid]->unit, unit);
		if (c == 0)
			c = strcmp(b->ix[mid]->ind, ind);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->niv || strcmp(b->ix[lo]->unit, unit) != 0 ||
	    strcmp(b->ix[lo]->ind, ind) != 0)
		return NULL;
	return b->ix[lo];
}

/* --------------------------------------------------- analysis stream */

static struct urow *
urow_get(struct book *b, const char *code)
{
	const struct unit *cu;
	struct urow *u;
	size_t i;

	for (i = 0; i < b->nu; i++)
		if (strcmp(b->u[i].code, code) == 0)
			return &b->u[i];
	if (b->nu == b->cu) {
		b->cu = b->cu ? b->cu * 2 : 32;
		b->u = xrealloc(b->u, b->cu * sizeof(*b->u));
	}
	u = &b->u[b->nu++];
	memset(u, 0, sizeof(*u));
	u->code = xstrdup(code);
	cu = config_unit(&b->cfg, code);
	u->name = cu != NULL && cu->name != NULL && *cu->name ? cu->name :
	    u->code;
	return u;
}

/* The configuration whose units.ini order sheets list units in. */
static const struct config *order_cfg;

/* Units in the organization's order (config_unit_cmp), else by code. */
static int
cmp_unit_code(const char *a, const char *b)
{
	return order_cfg != NULL ? config_unit_cmp(order_cfg, a, b) :
	    strcmp(a, b);
}

static int
cmp_urow(const void *a, const void *b)
{
	return cmp_unit_code(((const struct urow *)a)->code,
	    ((const struct urow *)b)->code);
}

/* What read_analysis() keeps while it reads. */
struct analysis_read {
	struct book	*b;
	const char	*path;
	int		 seen;	/* a period record of the period was read */
};

/* One record of the analysis stream: the title, unit statuses, low samples. */
static int
analysis_record(struct norm_reader *nr, void *arg)
{
	struct analysis_read *a = arg;
	struct book *b = a->b;
	const char *path = a->path;
	int bad = 0;

	if (nr->nf < 2 || strcmp(nr->f[1], b->label) != 0)
		return 0;
	if (strcmp(nr->f[0], "period") == 0) {
		if (nr->nf < 6) {
			diag_errorat(path, nr->line, 0, "period record "
			    "has %d fields, want 9", nr->nf);
			return 1;
		}
		free(b->title);
		b->title = nfc_dup(nr->f[3], nr->len[3]);
		if (b->title == NULL) {
			diag_errorat(path, nr->line, 0, "period title is "
			    "not valid UTF-8 text");
			bad++;
		}
		free(b->months);
		b->months = nr->nf > 6 ? xstrdup(nr->f[6]) : NULL;
		a->seen = 1;
	} else if (strcmp(nr->f[0], "unit") == 0) {
		struct urow *u;

		if (nr->nf < 5 || !unit_code_valid(nr->f[2],
		    nr->len[2])) {
			diag_errorat(path, nr->line, 0, "bad unit record");
			return 1;
		}
		u = urow_get(b, nr->f[2]);
		if (strcmp(nr->f[3], "submitted") == 0)
			u->st = US_SUBMITTED;
		else if (strcmp(nr->f[3], "incomplete") == 0)
			u->st = US_INCOMPLETE;
		else if (strcmp(nr->f[3], "missing") == 0)
			u->st = US_MISSING;
		else if (strcmp(nr->f[3], "register") == 0)
			u->st = US_REGISTER;
		else {
			diag_errorat(path, nr->line, 0, "unknown unit "
			    "status '%s'", nr->f[3]);
			bad++;
		}
		free(u->months);
		u->months = nfc_dup(nr->f[4], nr->len[4]);
	} else if (strcmp(nr->f[0], "lowsample") == 0) {
		char **dst;

		if (nr->nf < 4 || !unit_ok(nr->f[2])) {
			diag_errorat(path, nr->line, 0, "bad lowsample "
			    "record");
			return 1;
		}
		dst = strcmp(nr->f[2], "*") == 0 ? &b->low_star :
		    &urow_get(b, nr->f[2])->lowsample;
		free(*dst);
		*dst = nfc_dup(nr->f[3], nr->len[3]);
		if (*dst == NULL)
			*dst = xstrdup("?");
	}
	return bad;
}

/*
 * Reads the period record (its title) and the unit records of the period
 * from the analysis stream; other records are for other renderers.
 */
static int
read_analysis(struct book *b, const char *path)
{
	struct analysis_read a = { b, path, 0 };
	int rv = norm_each(path, analysis_record, &a);

	if (rv == 0 && !a.seen)
		diag_warnat(path, 0, 0, "no period record for '%s'; using the "
		    "standard title", b->label);
	return rv;
}

/* ----------------------------------------------- normalized stream */

static int
cmp_rrow(const void *a, const void *b)
{
	const struct status_row *x = *(const struct status_row *const *)a;
	const struct status_row *y = *(const struct status_row *const *)b;
	int c = strcmp(x->kind->name, y->kind->name);

	if (c != 0)
		return c;
	if ((c = cmp_unit_code(x->unit, y->unit)) != 0)
		return c;
	if ((c = strcmp(status_field(x, x->kind->date_col),
	    status_field(y, y->kind->date_col))) != 0)
		return c;
	return strcmp(x->key, y->key);
}

/*
 * Adds the R record in nr to b->sl when its folder is read by the period.
 * Returns 0, or 1 after reporting a malformed record.
 */
static int
add_rrow(struct book *b, const struct norm_reader *nr)
{
	const struct reg_kind *rk;
	const char *err;
	long folder;

	if (status_record_check(nr, &rk, &folder, &err) != SL_OK) {
		diag_errorat(nr->name, nr->line, 0, "bad register record");
		return 1;
	}
	if (folder > b->per.last_folder)
		return 0;
	if (status_list_add(&b->sl, nr, &err) != SL_OK) {
		diag_errorat(nr->name, nr->line, 0, "%s", err);
		return 1;
	}
	return 0;
}

/*
 * Points b->rr at the rows the register sheets show: of each kind and key
 * the copy of the latest folder read (SPEC §6), when its date lies in the
 * period; sorted by kind, unit, date and key. The rows stay in b->sl.
 */
static void
pick_rrows(struct book *b)
{
	const struct status_row *w;
	size_t pos = 0;
	long d;
	const char *ds;

	status_list_sort(&b->sl);
	b->rr = xcalloc(b->sl.n + 1, sizeof(*b->rr));
	b->nrr = 0;
	while ((w = status_list_next(&b->sl, b->per.last_folder, &pos,
	    NULL)) != NULL) {
		ds = status_field(w, w->kind->date_col);
		if (date_parse(ds, strlen(ds), &d) != DATE_OK ||
		    d < b->per.first_day || d > b->per.last_day)
			continue;
		b->rr[b->nrr++] = w;
	}
	qsort(b->rr, b->nrr, sizeof(*b->rr), cmp_rrow);
}

/* One record of the normalized stream: its register rows. */
static int
data_record(struct norm_reader *nr, void *arg)
{
	if (nr->nf >= 1 && strcmp(nr->f[0], "R") == 0)
		return add_rrow(arg, nr);
	return 0;
}

/*
 * Reads the register rows (R records) of the normalized stream: for each
 * kind and key, the copy of the latest folder not after the period's last
 * folder, kept when its date lies in the period (SPEC §6).
 */
static int
read_data(struct book *b, const char *path)
{
	int rv = norm_each(path, data_record, b);

	if (rv == EXIT_USAGE)
		return rv;
	pick_rrows(b);
	b->have_data = 1;
	return rv;
}

/* --------------------------------------------------------- template */

/* NULL-terminated: also the keys of [formats] */
static const char *const fmt_names[FM_N + 1] = { "text", "count", "number",
	"rate", "date", NULL };
static const char *const fmt_defaults[FM_N] = { "@", "#,##0", "#,##0.00",
	"0.00%", "dd/mm/yyyy" };

/* Whether name is a valid worksheet name; *why says what is wrong. */
static int
sheet_name_ok(const char *name, const char **why)
{
	size_t n = 0, len = strlen(name), i;

	for (i = 0; i < len; i++)	/* UTF-16 units, as Excel counts */
		n += ((unsigned char)name[i] & 0xC0) != 0x80 ?
		    1 + ((unsigned char)name[i] >= 0xF0) : 0;
	if (n == 0 || n > 31) {
		*why = "must have 1 to 31 characters";
		return 0;
	}
	if (strpbrk(name, "[]:*?/\\") != NULL) {
		*why = "must not contain any of []:*?/\\";
		return 0;
	}
	if (name[0] == '\'' || name[len - 1] == '\'') {
		*why = "must not start or end with an apostrophe";
		return 0;
	}
	if (strcasecmp(name, "History") == 0) {
		*why = "is reserved by Excel";
		return 0;
	}
	return 1;
}

/*
 * Whether two sheet names are the same to Excel, which ignores case in
 * every script ("HÀI LÒNG" is "Hài lòng").
 */
static int
same_sheet_name(const char *a, const char *b)
{
	utf8proc_uint8_t *fa = NULL, *fb = NULL;
	int same;

	if (utf8proc_map((const utf8proc_uint8_t *)a, 0, &fa,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD) < 0 ||
	    utf8proc_map((const utf8proc_uint8_t *)b, 0, &fb,
	    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    UTF8PROC_CASEFOLD) < 0)
		same = strcmp(a, b) == 0;
	else
		same = strcmp((char *)fa, (char *)fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/*
 * What a template may hold: its sections and, for each, its keys (a
 * [sheet.KEY] section also its columns, col01, col02, ...; [values] any
 * "column.value"). A name not in this table is a mistake, reported with
 * the nearest known name.
 */
static const char *const wb_keys[] = { "title", "subject", "keywords",
	"font", "font_size", "total_label", "no_rows", "chart_data", "draft",
	"footer", "sheets", NULL };
static const char *const status_keys[] = { "submitted", "incomplete",
	"missing", "register", "active_from", "active_to", NULL };
static const char *const obj_keys[] = { "target", "value", "met", "yes",
	"no", "no_data", NULL };
static const char *const notes_keys[] = { "lowsample", "range_months",
	"range_no_months", NULL };
static const char *const tsheet_keys[] = { "name", "kind", "title",
	"subtitle", "note", "chart", "chart_title", "col01", NULL };
static const struct tsection {
	const char		*name;
	const char *const	*keys;		/* NULL: [values] */
} tsections[] = {
	{ "workbook", wb_keys },
	{ "formats", fmt_names },
	{ "status", status_keys },
	{ "objectives", obj_keys },
	{ "notes", notes_keys },
	{ "values", NULL },
};
#define NTSECTIONS	(sizeof(tsections) / sizeof(tsections[0]))

static const char *const unit_sources[] = { "@code", "@name", "@status",
	"@lowsample", "@objectives", NULL };

/* Whether key is a column key: "col" and digits. */
static int
is_col_key(const char *key)
{
	return strncmp(key, "col", 3) == 0 && key[3] != '\0' &&
	    strspn(key + 3, "0123456789") == strlen(key + 3);
}

/* Whether key is a sheet key of the [workbook] sheets list. */
static int
listed_sheet(const char *list, const char *key)
{
	size_t n = strlen(key);
	const char *p = list;

	while (*p) {
		size_t k;

		p += strspn(p, ", ");
		k = strcspn(p, ", ");
		if (k == n && strncasecmp(p, key, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/*
 * For a [sheet.X] that [workbook] sheets does not list: the nearest
 * [sheet.KEY] of a listed sheet that has no section ("[sheet.muc_iteu]"
 * for the list's muc_tieu), or NULL.
 */
static const char *
unlisted_nearest(const struct book *b, const char *sec, char **sheets,
    int ns)
{
	const char *cands[65];
	int k, n = 0;

	for (k = 0; k < ns && n < 64; k++)
		if (tmpl_line(b->t, sheets[k], NULL) == 0)
			cands[n++] = sheets[k];
	cands[n] = NULL;
	return suggest_nearest(sec, strlen(sec), cands);
}

/*
 * A [values] key is "column.value" of an enumerated register column
 * (SPEC §3.2): a misspelt one ("error_type.noi_dugn") would silently show
 * the code noi_dung in the workbook instead of its label. 1 after the
 * message (with the nearest right key), else 0.
 */
static int
lint_value_key(const struct book *b, const struct tmpl_item *t)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	const char **cands = NULL;
	size_t n = 0, i;
	int k, c, found = 0;

	for (k = 0; k < nreg_kinds; k++)
		for (c = 0; c < reg_kinds[k].ncols; c++) {
			const struct reg_column *rc = &reg_kinds[k].cols[c];
			const char *const *v = rc->type == FT_ENUM ?
			    rc->values : rc->type == FT_YESNO ? yesno : NULL;

			for (; v != NULL && *v != NULL; v++) {
				char buf[128], *key;

				snprintf(buf, sizeof(buf), "%s.%s", rc->name, *v);
				key = xstrdup(buf);

				found |= strcmp(key, t->key) == 0;
				cands = xrealloc(cands, (n + 2) * sizeof(*cands));
				cands[n++] = key;
			}
		}
	if (cands != NULL)
		cands[n] = NULL;
	if (!found)
		diag_errorat(b->tpath, t->line, 0, "[values] unknown key "
		    "'%s': not column.value of a register's listed values%s",
		    t->key, suggest_phrase(cands ? suggest_nearest(t->key,
		    strlen(t->key), cands) : NULL));
	for (i = 0; i < n; i++)
		free((char *)cands[i]);
	free(cands);
	return !found;
}

/*
 * Reports every section and key of the template that is written twice
 * (tmpl_lint_repeats) or is not in the table above, at its line; returns
 * the number of errors.
 */
static int
lint_template(struct book *b)
{
	/* the "{...}" that subst(), tmpl_fill() and the notes fill */
	static const char *const fills[] = { "period", "period_title",
	    "PERIOD_TITLE", "agency", "from", "to", "draft", "responses",
	    "months", "months_from", "months_to", "n", "label", "name", NULL };
	/* and those of the page footer alone (footer_text()) */
	static const char *const foot[] = { "period", "period_title",
	    "PERIOD_TITLE", "agency", "from", "to", "draft", "page", "pages",
	    "sheet", NULL };
	const char *list = tmpl_get(b->t, "workbook", "sheets", "");
	/* the sections, [sheet.KEY] of up to 64 listed sheets, and NULL */
	const char *cands[NTSECTIONS + 64 + 1], *p = list;
	char *sheets[64];
	size_t i, j, ntl;
	const struct tmpl_item *tl = tmpl_items(b->t, &ntl);
	int bad = tmpl_lint_repeats(b->t), nc = 0, ns = 0;

	bad += tmpl_lint_placeholders(b->t, fills, "workbook", "footer", foot);
	for (i = 0; i < NTSECTIONS; i++)
		cands[nc++] = tsections[i].name;
	/* and [sheet.KEY] of each listed sheet: "[hseet.chinh]" */
	while (*p && ns < 64) {
		size_t k;

		p += strspn(p, ", ");
		if ((k = strcspn(p, ", ")) == 0)
			break;
		sheets[ns] = xmalloc(k + 7);
		memcpy(sheets[ns], "sheet.", 6);
		memcpy(sheets[ns] + 6, p, k);
		sheets[ns][k + 6] = '\0';
		cands[nc++] = sheets[ns++];
		p += k;
	}
	cands[nc] = NULL;
	for (i = 0; i < ntl; i++) {
		const struct tmpl_item *t = &tl[i];
		const struct tsection *ts = NULL;
		const char *const *keys;
		int sheet = strncmp(t->sec, "sheet.", 6) == 0, known = 0;

		for (j = 0; j < NTSECTIONS; j++)
			if (strcmp(t->sec, tsections[j].name) == 0)
				ts = &tsections[j];
		if (tmpl_repeats(b->t, i) != 0)
			continue;	/* reported by tmpl_lint_repeats */
		if (t->key == NULL) {
			if (sheet && !listed_sheet(list, t->sec + 6)) {
				diag_errorat(b->tpath, t->line, 0, "[%s] is not "
				    "listed in [workbook] sheets%s", t->sec,
				    suggest_phrase(unlisted_nearest(b, t->sec,
				    sheets, ns)));
				bad++;
			} else if (!sheet && ts == NULL) {
				diag_errorat(b->tpath, t->line, 0, "unknown "
				    "section [%s]%s", t->sec, suggest_phrase(
				    suggest_nearest(t->sec, strlen(t->sec),
				    cands)));
				bad++;
			}
			continue;
		}
		if (*t->sec == '\0') {
			diag_errorat(b->tpath, t->line, 0, "key '%s' outside "
			    "any section", t->key);
			bad++;
			continue;
		}
		if (!sheet && ts == NULL)
			continue;	/* the section is reported */
		if (sheet)
			keys = tsheet_keys;
		else if ((keys = ts->keys) == NULL) {
			if (strchr(t->key, '.') == NULL) {
				diag_errorat(b->tpath, t->line, 0, "[values] "
				    "%s: want column.value = label", t->key);
				bad++;
			} else
				bad += lint_value_key(b, t);
			continue;
		}
		for (j = 0; keys[j] != NULL; j++)
			known |= strcmp(keys[j], t->key) == 0;
		if (known || (sheet && is_col_key(t->key)))
			continue;
		if (sheet && t->key[strcspn(t->key, "0123456789")] != '\0') {
			/* "clo18", "ocl17", "co1l3": the column key col18 */
			char col[64] = "col";
			const char *one[2] = { col, NULL }, *d;
			size_t nd = 3;

			for (d = t->key; *d != '\0' && nd + 1 < sizeof(col); d++)
				if (*d >= '0' && *d <= '9')
					col[nd++] = *d;
			col[nd] = '\0';
			if (is_col_key(col) && suggest_nearest(t->key,
			    strlen(t->key), one) != NULL) {
				diag_errorat(b->tpath, t->line, 0, "[%s] unknown "
				    "key '%s'%s", t->sec, t->key,
				    suggest_phrase(col));
				bad++;
				continue;
			}
		}
		if (sheet && strcmp(t->key, "width") == 0)
			diag_errorat(b->tpath, t->line, 0, "[%s] unknown key "
			    "'width': column widths follow the text and "
			    "cannot be set by a template", t->sec);
		else
			diag_errorat(b->tpath, t->line, 0, "[%s] unknown key "
			    "'%s'%s", t->sec, t->key, suggest_phrase(
			    suggest_nearest(t->key, strlen(t->key), keys)));
		bad++;
	}
	while (ns > 0)
		free(sheets[--ns]);
	return bad;
}

/*
 * Why f is not an Excel number format for fmt (unbalanced quotes or
 * brackets, more than four sections, no digit or date code), or NULL.
 */
static const char *
numfmt_bad(const char *f, enum fmt fmt)
{
	int q = 0, br = 0, sect = 1, digit = 0, date = 0;
	const char *p;

	if (*f == '\0')
		return "it is empty";
	if (fmt == FM_TEXT)
		return strcmp(f, "@") == 0 ? NULL : "want '@'";
	for (p = f; *p; p++) {
		if (q) {
			q = *p != '"';
			continue;
		}
		if (br) {
			br = *p != ']';
			continue;
		}
		switch (*p) {
		case '"':
			q = 1;
			break;
		case '[':
			br = 1;
			break;
		case ']':
			return "a ']' without '['";
		case '\\':
			if (p[1] != '\0')
				p++;
			break;
		case ';':
			if (++sect > 4)
				return "more than four sections";
			break;
		case '0': case '#': case '?':
			digit = 1;
			break;
		case 'd': case 'm': case 'y': case 'D': case 'M': case 'Y':
			date = 1;
			break;
		}
	}
	if (q)
		return "a quote is not closed";
	if (br)
		return "a '[' is not closed";
	if (fmt == FM_DATE ? !date : !digit)
		return fmt == FM_DATE ? "no d, m or y" : "no digit (0 or #)";
	return NULL;
}

/* Index of the units-sheet column showing indicator ind, or -1. */
static int
col_of(const struct sheet *s, int upto, const char *ind)
{
	int i;

	for (i = 0; i < upto; i++)
		if (s->cols[i].src == S_IND && strcmp(s->cols[i].ind, ind) == 0)
			return i;
	return -1;
}

/*
 * Strips the brackets around the whole of e, "(a + b)", in place; 0, or -1
 * when a bracket is left inside: terms are only added and subtracted, so
 * "a - (b + c)" would silently be read a - b + c.
 */
static int
unbracket(char **e)
{
	char *p;
	int depth;

	for (;;) {
		*e = trim(*e);
		if (**e != '(')
			break;
		for (depth = 0, p = *e; *p; p++)
			if ((depth += *p == '(' ? 1 : *p == ')' ? -1 : 0) == 0)
				break;
		if (*p != ')' || p[1] != '\0')
			break;
		*p = '\0';
		(*e)++;
	}
	return strpbrk(*e, "()") != NULL ? -1 : 0;
}

/*
 * Parses "k*a + b" into terms over the columns of s; returns the number of
 * terms, or -1 with *bad naming the offending term and *why saying what is
 * wrong with it ("" when it is not an indicator column of s).
 */
static int
parse_terms(const struct sheet *s, char *expr, struct term *t,
    const char **bad, const char **why)
{
	char *p = expr, *tok, *star, *end, save;
	double k, sign = 1;
	int n = 0;

	*why = "";
	if (unbracket(&p) != 0) {
		*bad = p;
		*why = "has a bracket inside: brackets may only enclose a "
		    "whole numerator, denominator or computed column, whose "
		    "terms are only added and subtracted";
		return -1;
	}
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		tok = p;
		p += strcspn(p, "+-");
		save = *p;
		*p = '\0';
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		k = 1;
		if ((star = strchr(tok, '*')) != NULL) {
			*star = '\0';
			k = strtod(trim(tok), &end);
			if (*end != '\0' || !isfinite(k) || k <= 0) {
				*bad = tok;
				*why = "is not a positive factor";
				return -1;
			}
			tok = trim(star + 1);
		}
		if (n == MAXTERMS) {
			*bad = tok;
			*why = "is one term too many (at most 8)";
			return -1;
		}
		t[n].k = sign * k;
		t[n].col = col_of(s, s->ncols, tok);
		if (t[n].col < 0) {
			*bad = tok;
			return -1;
		}
		n++;
		if (save == '\0')
			break;
		sign = save == '-' ? -1 : 1;
		p++;
	}
	if (n == 0) {
		*bad = expr;
		*why = "has no term";
	}
	return n > 0 ? n : -1;
}

/*
 * Reports the term bad of column c's formula (what: "ratio" or "computed
 * column") that parse_terms() refused: a misspelt indicator is named with
 * the nearest one; a known one that is no column of the sheet, with the
 * rejected column that was probably meant.
 */
static void
term_error(const struct book *b, const struct sheet *s, const struct col *c,
    const char *what, const char *bad, const char *why)
{
	const char *near = NULL;
	int i;

	if (*why != '\0') {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: %s term '%s' "
		    "%s", s->key, c->key, what, bad, why);
		return;
	}
	if (!indicator_or_objective(bad)) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: %s term '%s' "
		    "is not an indicator%s", s->key, c->key, what, bad,
		    suggest_phrase(indicator_nearest(bad)));
		return;
	}
	for (i = 0; i < s->nunknown && near == NULL; i++) {
		const char *nm = s->unknown[i] + strlen(s->unknown[i]) + 1;

		if (strcmp(nm, bad) == 0) {
			diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: %s "
			    "term '%s' is column %s, which has an error", s->key,
			    c->key, what, bad, s->unknown[i]);
			return;
		}
		if (!indicator_or_objective(nm) &&
		    indicator_nearest(nm) != NULL &&
		    strcmp(indicator_nearest(nm), bad) == 0)
			near = s->unknown[i];
	}
	if (near != NULL)
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: %s term '%s' "
		    "is not an indicator column of this sheet (%s has '%s', "
		    "which is not an indicator)", s->key, c->key, what, bad,
		    near, near + strlen(near) + 1);
	else
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: %s term '%s' "
		    "is not an indicator column of this sheet", s->key, c->key,
		    what, bad);
}

/* Remembers that column key of s, refused, has the source ind. */
static void
add_unknown(struct sheet *s, const char *key, const char *ind)
{
	size_t kn = strlen(key), in = strlen(ind);
	char *u = xmalloc(kn + in + 2);

	memcpy(u, key, kn + 1);
	memcpy(u + kn + 1, ind, in + 1);
	s->unknown = xrealloc(s->unknown, (size_t)(s->nunknown + 1) *
	    sizeof(*s->unknown));
	s->unknown[s->nunknown++] = u;
}

/* The source of a units-sheet column: an @name, a formula, an indicator. */
static int
unit_source(struct book *b, struct sheet *s, struct col *c, char *f0)
{
	static const enum src at[] = { S_CODE, S_NAME, S_STATUS,
		S_LOWSAMPLE, S_OBJECTIVES };
	int i;

	if (f0[0] == '@') {
		for (i = 0; unit_sources[i] != NULL; i++)
			if (strcmp(f0, unit_sources[i]) == 0) {
				c->src = at[i];
				return 0;
			}
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: unknown "
		    "source '%s' (@code, @name, @status, @lowsample, "
		    "@objectives)%s", s->key, c->key, f0, suggest_phrase(
		    suggest_nearest(f0, strlen(f0), unit_sources)));
		return -1;
	}
	if (f0[0] == '=') {
		c->src = S_CALC;
		c->calcexpr = f0 + 1;
		return 0;
	}
	if (ind_ok(f0) && indicator_or_objective(f0)) {
		c->src = S_IND;
		return 0;
	}
	if (ind_ok(f0)) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: '%s' is not "
		    "an indicator (SPEC §6)%s", s->key, c->key, f0,
		    suggest_phrase(indicator_nearest(f0)));
	} else
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: '%s' is "
		    "neither an indicator nor @code, @name, @status, "
		    "@lowsample, @objectives", s->key, c->key, f0);
	return -1;
}

/*
 * Splits spec at '|' into at most five trimmed fields, f[i] NULL past the
 * last. Returns how many fields spec has, which may be more than five.
 */
static int
split_col_spec(char *spec, char *f[5])
{
	char *p;
	int n = 0, i;

	for (i = 0; i < 5; i++)
		f[i] = NULL;
	for (p = spec; n < 5; n++) {
		f[n] = p;
		p = strchr(p, '|');
		if (p == NULL) {
			n++;
			break;
		}
		*p++ = '\0';
	}
	for (i = 0; i < 5; i++)
		f[i] = f[i] ? trim(f[i]) : NULL;
	if (p != NULL)
		for (n = 6; (p = strchr(p, '|')) != NULL; p++)
			n++;
	return n;
}

/*
 * The source of column c of a register sheet: a column of the register
 * or "@unitname". 0, or -1 after the message.
 */
static int
register_source(struct book *b, struct sheet *s, struct col *c,
    const char *key, const char *f0)
{
	const char *cands[64];
	int k;

	c->src = S_REG;
	if (strcmp(f0, "@unitname") == 0) {
		c->src = S_UNITNAME;
		return 0;
	}
	if ((c->regcol = reg_col_index(s->rk, f0)) >= 0)
		return 0;
	for (k = 0; k < s->rk->ncols && k < 62; k++)
		cands[k] = s->rk->cols[k].name;
	cands[k++] = "@unitname";
	cands[k] = NULL;
	diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: '%s' is not a "
	    "column of the %s register%s", s->key, key, f0, s->rk->name,
	    suggest_phrase(suggest_nearest(f0, strlen(f0), cands)));
	return -1;
}

/*
 * The FORMAT field of column c, one of fmt_names. 0, or -1 after the
 * message.
 */
static int
col_format(struct book *b, struct sheet *s, struct col *c, const char *key,
    const char *f2)
{
	int i;

	for (i = 0; i < FM_N; i++)
		if (strcmp(f2, fmt_names[i]) == 0)
			break;
	if (i == FM_N) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: unknown "
		    "format '%s' (text, count, number, rate, date)%s", s->key,
		    key, f2, suggest_phrase(suggest_nearest(f2, strlen(f2),
		    fmt_names)));
		return -1;
	}
	c->fmt = (enum fmt)i;
	return 0;
}

/*
 * What a column shows, for the formats that fit it. A rate is a fraction
 * (0.955) that only the rate format reads right: as a count it read 1, as
 * a number 0.96; a count as a rate read 3400%; a register's date as text
 * read 2024-12-02, no date a filter or sort knows, and a count as a date
 * 31/01/1900. Such a slip of a province's template was shown so, without
 * a word; now it is a template mistake, and a FORMAT left out is the
 * first that fits (a rate left out was a count).
 */
enum shows { SH_TEXT, SH_DATE, SH_COUNT, SH_NUMBER, SH_RATE, SH_ANY };

#define FMB(f)	(1u << (f))
static const struct {
	unsigned	 fits;		/* FMB() of the formats that fit */
	enum fmt	 dflt;
	const char	*what, *use;
} shows[] = {
	[SH_TEXT] = { FMB(FM_TEXT), FM_TEXT, "text", "text" },
	[SH_DATE] = { FMB(FM_DATE), FM_DATE, "a date", "date" },
	[SH_COUNT] = { FMB(FM_COUNT) | FMB(FM_NUMBER), FM_COUNT, "a count",
		"count or number" },
	[SH_NUMBER] = { FMB(FM_NUMBER), FM_NUMBER, "a number with decimals",
		"number" },
	[SH_RATE] = { FMB(FM_RATE), FM_RATE, "a rate (a fraction, 0.955 "
		"shown 95.50%)", "rate" },
	[SH_ANY] = { FMB(FM_COUNT) | FMB(FM_NUMBER) | FMB(FM_RATE), FM_COUNT,
		"a number", "count, number or rate" },
};

/* What indicator ind shows: a rate, a mean or hours, or a count. */
static enum shows
ind_shows(const char *ind)
{
	if (indicator_is_fraction(ind))
		return SH_RATE;
	if (strstr(ind, "mean") != NULL || strstr(ind, "hours") != NULL)
		return SH_NUMBER;
	return SH_COUNT;
}

/*
 * What column c of sheet s shows; an objective's value and target show
 * what its indicator does (objectives.ini), its met 1 or 0.
 */
static enum shows
col_shows(const struct book *b, const struct sheet *s, const struct col *c)
{
	char obj[128];
	const char *part;
	int i;

	if (c->src == S_REG) {
		switch (s->rk->cols[c->regcol].type) {
		case FT_DATE:
			return SH_DATE;
		case FT_COUNT: case FT_RATING: case FT_REVISION:
			return SH_COUNT;
		case FT_DECIMAL:
			return SH_NUMBER;
		default:
			return SH_TEXT;
		}
	}
	if (c->src == S_CALC)
		return SH_ANY;
	if (c->src != S_IND)
		return SH_TEXT;
	if ((part = indicator_objective(c->ind, obj, sizeof(obj))) == NULL)
		return ind_shows(c->ind);
	if (strcmp(part, "met") == 0)
		return SH_COUNT;
	for (i = 0; i < b->cfg.nobjectives; i++)
		if (strcmp(b->cfg.objectives[i].name, obj) == 0)
			return ind_shows(b->cfg.objectives[i].indicator);
	return SH_ANY;
}

/*
 * Checks the format of column c against what it shows (shows[]), or sets
 * it when left out. 0, or -1 after the message.
 */
static int
col_format_fits(struct book *b, struct sheet *s, struct col *c,
    const char *key, int given)
{
	enum shows w = col_shows(b, s, c);

	if (!given) {
		c->fmt = shows[w].dflt;
		return 0;
	}
	if (shows[w].fits & FMB(c->fmt))
		return 0;
	diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: format '%s' does "
	    "not fit '%s', %s: use %s", s->key, key, fmt_names[c->fmt],
	    c->ind, shows[w].what, shows[w].use);
	return -1;
}

/*
 * Whether the organization's value of ind is the sum of the units' (SPEC
 * §6: counts and hours): not a mean, an objective's value, target or met,
 * nor a submission flag (the organization has submission.units_* instead).
 * A 'sum' of any other gave a total unlike the CSV's '*' value, which was
 * reported as the CSV contradicting itself (exit 1), the template unnamed.
 */
static int
ind_summed(const char *ind)
{
	return ind_shows(ind) != SH_RATE && strstr(ind, "mean") == NULL &&
	    strncmp(ind, "objective.", 10) != 0 &&
	    strncmp(ind, "submission.", 11) != 0;
}

/* The totals named by a word; "= a + b / c" is T_RATIO. */
static const struct {
	const char	*name;
	enum tot	 tot;
} tot_names[] = {
	{ "none", T_NONE },
	{ "label", T_LABEL },
	{ "sum", T_SUM },
	{ "value", T_VALUE },
	{ NULL, T_NONE }
};

/*
 * The TOTAL field of column c, whose source and format are known. 0, or -1
 * after the message.
 */
static int
col_total(struct book *b, struct sheet *s, struct col *c, const char *key,
    char *f3)
{
	int i;

	for (i = 0; tot_names[i].name != NULL; i++)
		if (strcmp(f3, tot_names[i].name) == 0)
			break;
	if (tot_names[i].name != NULL)
		c->tot = tot_names[i].tot;
	else if (f3[0] == '=' && strchr(f3, '/') != NULL) {
		c->tot = T_RATIO;
		c->totexpr = f3;
	} else {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: unknown "
		    "total '%s' (none, label, sum, value, = a + b / c)", s->key,
		    key, f3);
		return -1;
	}
	if (c->tot != T_NONE && c->tot != T_LABEL && c->src != S_IND &&
	    !(c->src == S_CALC && c->tot == T_SUM)) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: only an "
		    "indicator column has the total '%s'", s->key, key, f3);
		return -1;
	}
	if (c->fmt == FM_RATE && c->tot == T_SUM) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: a rate "
		    "column's total must be a ratio (= a / b), 'value' or "
		    "none, not 'sum'", s->key, key);
		return -1;
	}
	if (c->tot == T_SUM && c->src == S_IND && !ind_summed(c->ind)) {
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: '%s' is "
		    "not a sum over the units (SPEC §6): its total must be "
		    "'value', none or, for a mean, a ratio, not 'sum'", s->key,
		    key, c->ind);
		return -1;
	}
	return 0;
}

/*
 * Parses one column spec "SOURCE | HEADER | FORMAT | TOTAL | NUMBER" of
 * sheet s, key key at line line. Ratio totals are resolved later, when
 * every column is known. 0, or -1 after the message.
 */
static int
parse_col(struct book *b, struct sheet *s, const char *key, long line,
    const char *v, struct col *c)
{
	char *f[5], *gt;
	int n;

	memset(c, 0, sizeof(*c));
	snprintf(c->key, sizeof(c->key), "%s", key);
	c->line = line;
	c->spec = xstrdup(v);
	n = split_col_spec(c->spec, f);
	if (n < 2 || n > 5) {
		diag_errorat(b->tpath, line, 0, "[sheet.%s] %s: %d field%s, "
		    "want 2 to 5: 'source | header | format | total | number'",
		    s->key, key, n, n == 1 ? "" : "s");
		return -1;
	}
	if (n > 4 && *f[4])
		c->number = f[4];
	c->ind = f[0];
	if (s->kind == K_REGISTER) {
		if (register_source(b, s, c, key, f[0]) != 0)
			return -1;
	} else if (unit_source(b, s, c, f[0]) != 0)
		return -1;
	if (c->src == S_OBJECTIVES) {
		c->header = f[1];
		return 0;
	}
	gt = strstr(f[1], ">>");
	if (gt != NULL) {
		*gt = '\0';
		c->group = trim(f[1]);
		c->header = trim(gt + 2);
	} else
		c->header = f[1];
	if (n > 2 && *f[2] && col_format(b, s, c, key, f[2]) != 0)
		return -1;
	if (col_format_fits(b, s, c, key, n > 2 && *f[2]) != 0)
		return -1;
	c->tot = T_NONE;
	if (n > 3 && *f[3] && col_total(b, s, c, key, f[3]) != 0)
		return -1;
	return 0;
}

/* Resolves the ratio totals of s once all its columns are known. */
static int
resolve_ratios(struct book *b, struct sheet *s)
{
	const char *bad = NULL, *why;
	char *slash, *e;
	int i, nbad = 0;

	for (i = 0; i < s->ncols; i++) {
		struct col *c = &s->cols[i];

		if (c->src == S_CALC) {
			char *e2 = xstrdup(c->calcexpr);

			c->ncalc = parse_terms(s, e2, c->calc, &bad, &why);
			if (c->ncalc < 0) {
				term_error(b, s, c, "computed column", bad, why);
				nbad++;
			}
			free(e2);
		}
		if (c->tot != T_RATIO)
			continue;
		e = c->totexpr + 1;
		slash = strrchr(e, '/');
		*slash = '\0';
		if ((c->nnum = parse_terms(s, e, c->num, &bad, &why)) < 0 ||
		    (c->nden = parse_terms(s, slash + 1, c->den, &bad,
		    &why)) < 0) {
			term_error(b, s, c, "ratio", bad, why);
			nbad++;
		}
	}
	return nbad;
}

/* Reports an indicator shown twice on s (ratios could not tell which). */
static int
check_twice(const struct book *b, const struct sheet *s)
{
	int i, j, bad = 0;

	for (i = 0; i < s->ncols; i++) {
		const struct col *c = &s->cols[i];

		if (c->src == S_OBJECTIVES) {
			for (j = 0; j < i; j++)
				if (s->cols[j].src == S_OBJECTIVES)
					break;
			if (j < i) {
				diag_errorat(b->tpath, c->line, 0, "[sheet.%s] "
				    "%s: @objectives is already column %s (line "
				    "%ld)", s->key, c->key, s->cols[j].key,
				    s->cols[j].line);
				bad++;
			}
			continue;
		}
		if (c->src != S_IND || c->line == 0 ||
		    (j = col_of(s, i, c->ind)) < 0)
			continue;
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: indicator "
		    "'%s' is already column %s (line %ld)", s->key, c->key,
		    c->ind, s->cols[j].key, s->cols[j].line);
		bad++;
	}
	return bad;
}

/* Whether the indicators CSV has indicator ind for any unit or '*'. */
static int
ind_any(const struct book *b, const char *ind)
{
	size_t i;

	for (i = 0; i < b->niv; i++)
		if (strcmp(b->iv[i].ind, ind) == 0)
			return 1;
	return 0;
}

/* The number format of an objective's indicator: rates, means, counts. */
static enum fmt
objective_fmt(const char *ind)
{
	return shows[ind_shows(ind)].dflt;
}

/*
 * Replaces the @objectives column of s by three columns for each quality
 * objective of objectives.ini (in its order, as the PDF report numbers them
 * MT1, MT2, ...) that has a target in the period: target, value and met,
 * under a group header made from the column's header ({n}, {label},
 * {name}). Their organization row is the CSV's '*' value.
 */
static void
expand_objectives(struct book *b, struct sheet *s)
{
	static const char *const what[3] = { "target", "value", "met" };
	static const char *const defh[3] = { "Chỉ tiêu", "Kết quả",
		"Đánh giá" };
	struct col *nc;
	int i, j, k, n = 0, nn = 0, o, nobj = 0;
	char key[300], num[16];

	for (i = 0; i < s->ncols; i++)
		if (s->cols[i].src == S_OBJECTIVES)
			nobj++;
	if (nobj == 0)
		return;
	nc = xcalloc((size_t)s->ncols + 3 * (size_t)nobj *
	    (size_t)b->cfg.nobjectives + 1, sizeof(*nc));
	for (j = 0; j < s->ncols; j++) {
		struct col *c = &s->cols[j];
		const char *pat;

		if (c->src != S_OBJECTIVES) {
			nc[n++] = *c;
			continue;
		}
		pat = c->header != NULL && *c->header ? c->header : "{label}";
		for (o = 0; o < b->cfg.nobjectives; o++) {
			const struct objective *ob = &b->cfg.objectives[o];
			char *g1, *g2;

			snprintf(key, sizeof(key), "objective.%s.target",
			    ob->name);
			if (!ind_any(b, key))
				continue;
			snprintf(num, sizeof(num), "%d", ++nn);
			g1 = tmpl_fill(pat, "n", num);
			g2 = tmpl_fill(g1, "label", ob->label != NULL &&
			    *ob->label ? ob->label : ob->name);
			free(g1);
			g1 = tmpl_fill(g2, "name", ob->name);
			free(g2);
			for (k = 0; k < 3; k++) {
				struct col *x = &nc[n++];

				memset(x, 0, sizeof(*x));
				snprintf(key, sizeof(key), "objective.%s.%s",
				    ob->name, what[k]);
				x->spec = xstrdup(key);
				x->ind = x->spec;
				x->src = k < 2 ? S_IND : S_MET;
				x->fmt = k < 2 ? objective_fmt(ob->indicator) :
				    FM_TEXT;
				x->tot = T_VALUE;
				x->op = k == 0 ? ob->op : 0;
				x->obj = ob;
				x->header = tmpl_get(b->t, "objectives", what[k],
				    defh[k]);
				x->group = g1;
				if (k == 0)
					x->gbuf = g1;
			}
		}
		free(c->spec);
	}
	free(s->cols);
	s->cols = nc;
	s->ncols = n;
}

/* [formats] and the font of [workbook]; returns the mistakes reported. */
static int
template_formats(struct book *b)
{
	const char *v, *why;
	int i, bad = 0;

	for (i = 0; i < FM_N; i++) {
		b->numfmt[i] = tmpl_get(b->t, "formats", fmt_names[i],
		    fmt_defaults[i]);
		if ((why = numfmt_bad(b->numfmt[i], (enum fmt)i)) != NULL) {
			diag_errorat(b->tpath, tmpl_line(b->t, "formats",
			    fmt_names[i]), 0, "[formats] %s '%s' is not an "
			    "Excel number format for %s: %s", fmt_names[i],
			    b->numfmt[i], fmt_names[i], why);
			bad++;
		}
	}
	b->font = tmpl_get(b->t, "workbook", "font", "Times New Roman");
	b->wfont = font_factor(b->font);
	v = tmpl_get(b->t, "workbook", "font_size", "12");
	b->fsize = strtod(v, NULL);
	if (!(b->fsize >= 6 && b->fsize <= 36)) {
		diag_errorat(b->tpath, tmpl_line(b->t, "workbook",
		    "font_size"), 0, "[workbook] font_size '%s' is not "
		    "between 6 and 36", v);
		b->fsize = 12;
		bad++;
	}
	return bad;
}

/* The sheet's kind from its "kind" key; -1 (reported) when unknown. */
static int
sheet_kind(struct book *b, struct sheet *s, const char *sec)
{
	const char *kind = tmpl_get(b->t, sec, "kind", "units");
	const char **kinds;
	struct sbuf names = SBUF_INIT;
	int i, n = 0;

	if (strcmp(kind, "units") == 0)
		s->kind = K_UNITS;
	else if (strcmp(kind, "data") == 0)
		s->kind = K_DATA;
	else if (strncmp(kind, "register:", 9) == 0 &&
	    (s->rk = reg_kind_find(kind + 9)) != NULL &&
	    s->rk->key_col != NULL)
		s->kind = K_REGISTER;
	else {
		/* the registers that can be listed: those with a key */
		kinds = xcalloc((size_t)nreg_kinds + 3, sizeof(*kinds));
		for (i = 0; i < nreg_kinds; i++)
			if (reg_kinds[i].key_col != NULL) {
				size_t len = strlen(reg_kinds[i].name) + 10;
				char *k = xmalloc(len);

				snprintf(k, len, "register:%s",
				    reg_kinds[i].name);
				kinds[n++] = k;
				sbuf_printf(&names, "%s%s", names.len ? ", " :
				    "", reg_kinds[i].name);
			}
		kinds[n] = "units";
		kinds[n + 1] = "data";
		diag_errorat(b->tpath, tmpl_line(b->t, sec, "kind"), 0,
		    "[%s] kind '%s' is not units, data or register:<kind> "
		    "(%s)%s", sec, kind, sbuf_str(&names),
		    suggest_phrase(suggest_nearest(kind, strlen(kind),
		    kinds)));
		for (i = 0; i < n; i++)
			free((char *)kinds[i]);
		free(kinds);
		sbuf_release(&names);
		return -1;
	}
	return 0;
}

/* The name of sheet s of [sec]: present, valid, not used before. */
static int
sheet_name(struct book *b, struct sheet *s, const char *sec)
{
	const char *why;
	long l;
	int k, bad = 0;

	s->name = tmpl_get(b->t, sec, "name", NULL);
	if (s->name == NULL) {
		l = tmpl_line(b->t, sec, NULL);
		diag_errorat(b->tpath, l ? l : tmpl_line(b->t, "workbook",
		    "sheets"), 0, "[%s] is missing or has no name", sec);
		return -1;
	}
	if (!sheet_name_ok(s->name, &why)) {
		diag_errorat(b->tpath, tmpl_line(b->t, sec, "name"), 0,
		    "[%s] sheet name '%s' %s", sec, s->name, why);
		return -1;
	}
	for (k = 0; k < b->nsh - 1; k++)
		if (b->sh[k].name != NULL && same_sheet_name(b->sh[k].name,
		    s->name)) {
			diag_errorat(b->tpath, tmpl_line(b->t, sec, "name"), 0,
			    "[%s] sheet name '%s' is used twice", sec, s->name);
			bad++;
		}
	return bad;
}

/* The col... keys of [sec] into s->cols; returns the mistakes reported. */
static int
sheet_columns(struct book *b, struct sheet *s, const char *sec)
{
	const char *const *keys = NULL;
	char **kcopy;
	struct col *c;
	int nk, k, bad = 0;

	keys = tmpl_keys(b->t, sec, &nk);
	kcopy = xcalloc((size_t)nk + 1, sizeof(char *));
	for (k = 0; k < nk; k++)
		kcopy[k] = xstrdup(keys[k]);
	s->cols = xcalloc((size_t)nk + 1, sizeof(*s->cols));
	for (k = 0; k < nk; k++) {
		if (!is_col_key(kcopy[k]))
			continue;	/* reported by lint_template */
		c = &s->cols[s->ncols];
		if (parse_col(b, s, kcopy[k], tmpl_line(b->t, sec, kcopy[k]),
		    tmpl_get(b->t, sec, kcopy[k], ""), c) != 0) {
			if (c->ind != NULL)
				add_unknown(s, c->key, c->ind);
			free(c->spec);
			bad++;
			continue;
		}
		s->ncols++;
	}
	for (k = 0; k < nk; k++)
		free(kcopy[k]);
	free(kcopy);
	return bad;
}

/* The chart of sheet s: an indicator column of it; 1 when it is not. */
static int
sheet_chart(struct book *b, struct sheet *s, const char *sec)
{
	const char **ic;
	int k, ni = 0;

	for (k = 0; k < s->nunknown && s->chart != NULL; k++)
		if (strcmp(s->unknown[k] + strlen(s->unknown[k]) + 1,
		    s->chart) == 0)
			s->chart = NULL;	/* its column is reported */
	if (s->chart == NULL || col_of(s, s->ncols, s->chart) >= 0)
		return 0;
	ic = xcalloc((size_t)s->ncols + 1, sizeof(*ic));
	for (k = 0; k < s->ncols; k++)
		if (s->cols[k].src == S_IND)
			ic[ni++] = s->cols[k].ind;
	diag_errorat(b->tpath, tmpl_line(b->t, sec, "chart"), 0, "[%s] chart "
	    "'%s' is not an indicator column of this sheet%s", sec, s->chart,
	    suggest_phrase(suggest_nearest(s->chart, strlen(s->chart), ic)));
	free(ic);
	return 1;
}

/*
 * A sheet of units without @code or @name: its rows would not say which
 * unit each is, and its chart would name the bars by its first column
 * (the numbers it charts). 1 when so, unless a refused column, a
 * misspelt @name, is already reported.
 */
static int
sheet_named(const struct book *b, const struct sheet *s, const char *sec)
{
	int j;

	if (s->kind != K_UNITS || s->nunknown > 0)
		return 0;
	for (j = 0; j < s->ncols; j++)
		if (s->cols[j].src == S_CODE || s->cols[j].src == S_NAME)
			return 0;
	diag_errorat(b->tpath, tmpl_line(b->t, sec, NULL), 0, "[%s] has no "
	    "@code or @name column: its rows would not say which unit each "
	    "is", sec);
	return 1;
}

/*
 * The organization row of a sheet of units says what it is: when no
 * column has the total 'label' but some have a total, the name column
 * (else the code column) gets it. Left out, the row of totals under the
 * last unit had no name at all, as if it were one more unit's.
 */
static void
default_label(struct sheet *s)
{
	static const enum src pref[] = { S_NAME, S_CODE };
	int j, k, totals = 0;

	if (s->kind != K_UNITS)
		return;
	for (j = 0; j < s->ncols; j++) {
		if (s->cols[j].tot == T_LABEL)
			return;
		totals |= s->cols[j].tot != T_NONE;
	}
	for (k = 0; totals && k < 2; k++)
		for (j = 0; j < s->ncols; j++)
			if (s->cols[j].src == pref[k]) {
				s->cols[j].tot = T_LABEL;
				return;
			}
}

/* Sheet tok of [workbook] sheets, appended to b->sh; returns the mistakes
 * reported. */
static int
load_sheet(struct book *b, const char *tok)
{
	struct sheet *s;
	char sec[300];
	int bad;

	b->sh = xrealloc(b->sh, (size_t)(b->nsh + 1) * sizeof(*b->sh));
	s = &b->sh[b->nsh++];
	memset(s, 0, sizeof(*s));
	s->keybuf = xstrdup(tok);
	s->key = s->keybuf;
	snprintf(sec, sizeof(sec), "sheet.%s", tok);
	if ((bad = sheet_name(b, s, sec)) < 0)
		return 1;
	s->title = tmpl_get(b->t, sec, "title", "");
	s->subtitle = tmpl_get(b->t, sec, "subtitle", "");
	s->note = tmpl_get(b->t, sec, "note", "");
	s->chart = tmpl_get(b->t, sec, "chart", NULL);
	s->chart_title = tmpl_get(b->t, sec, "chart_title", "");
	if (sheet_kind(b, s, sec) < 0)
		return bad + 1;
	if (s->kind == K_DATA)
		return bad;
	bad += sheet_columns(b, s, sec);
	bad += check_twice(b, s);
	expand_objectives(b, s);
	if (s->ncols == 0 && s->nunknown > 0)
		;	/* its columns are reported */
	else if (s->ncols == 0) {
		diag_errorat(b->tpath, tmpl_line(b->t, sec, NULL), 0, "[%s] has "
		    "no columns (col... = source | header | format | total)",
		    sec);
		bad++;
	} else
		bad += resolve_ratios(b, s) + sheet_named(b, s, sec);
	default_label(s);
	return bad + sheet_chart(b, s, sec);
}

/*
 * Loads the template into b->sh; 0 or EXIT_USAGE (every mistake reported):
 * a template mistake is the installation's, as for baocao-pdf and the
 * configuration, not the departments' data.
 */
static int
load_template(struct book *b)
{
	const char *list;
	char *copy, *save = NULL, *tok;
	int bad = 0;

	bad += lint_template(b);
	bad += template_formats(b);
	list = tmpl_get(b->t, "workbook", "sheets", NULL);
	if (list == NULL || *list == '\0') {
		diag_errorat(b->tpath, tmpl_line(b->t, "workbook", NULL), 0,
		    "[workbook] sheets is missing");
		return EXIT_USAGE;
	}
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		bad += load_sheet(b, tok);
	free(copy);
	if (b->nsh == 0) {
		diag_errorat(b->tpath, tmpl_line(b->t, "workbook", "sheets"), 0,
		    "[workbook] sheets names no sheet");
		bad++;
	}
	return bad ? EXIT_USAGE : 0;
}

/* ---------------------------------------------------- totals */

/* Whether two values agree: both absent, or equal to 1e-9 (relative). */
static int
same(int ha, double a, int hb, double bv)
{
	if (!ha || !hb)
		return ha == hb;
	return fabs(a - bv) <= 1e-9 * fmax(1.0, fabs(bv));
}

/*
 * The value of column c (an indicator or a sum of indicator columns) for
 * unit; returns whether there is one. A computed column has a value when
 * every term has one.
 */
static int
colval(const struct book *b, const struct sheet *s, const struct col *c,
    const char *unit, double *v)
{
	const struct ival *r;
	int j;

	if (c->src == S_IND) {
		r = ind_find(b, unit, c->ind);
		if (r != NULL)
			*v = r->v;
		return r != NULL;
	}
	if (c->src != S_CALC)
		return 0;
	*v = 0;
	for (j = 0; j < c->ncalc; j++) {
		r = ind_find(b, unit, s->cols[c->calc[j].col].ind);
		if (r == NULL)
			return 0;
		*v += c->calc[j].k * r->v;
	}
	return 1;
}

/*
 * What the total formula of column c computes from the unit rows, the
 * way a spreadsheet does: SUM ignores blanks and text; a ratio sums, over
 * the units whose first denominator cell holds a number, the weighted
 * numerator and denominator cells. Returns whether there is a value.
 */
static int
total_of(const struct book *b, const struct sheet *s, const struct col *c,
    double *out)
{
	const struct ival *r;
	double num = 0, den = 0;
	size_t i;
	int j, any = 0;

	if (c->tot == T_SUM) {
		double x;

		for (i = 0; i < b->nu; i++)
			if (colval(b, s, c, b->u[i].code, &x)) {
				num += x;
				any = 1;
			}
		*out = num;
		return any;
	}
	for (i = 0; i < b->nu; i++) {
		if (ind_find(b, b->u[i].code, s->cols[c->den[0].col].ind) ==
		    NULL)
			continue;
		for (j = 0; j < c->nnum; j++)
			if ((r = ind_find(b, b->u[i].code,
			    s->cols[c->num[j].col].ind)) != NULL)
				num += c->num[j].k * r->v;
		for (j = 0; j < c->nden; j++)
			if ((r = ind_find(b, b->u[i].code,
			    s->cols[c->den[j].col].ind)) != NULL)
				den += c->den[j].k * r->v;
	}
	if (den == 0)
		return 0;
	*out = num / den;
	return 1;
}

/*
 * Ratio c of sheet s over one unit's values, as total_of() takes it over
 * all: none without the first denominator or with a zero denominator.
 */
static int
unit_ratio(const struct book *b, const struct sheet *s, const struct col *c,
    const char *unit, double *out)
{
	const struct ival *r;
	double num = 0, den = 0;
	int j;

	if (ind_find(b, unit, s->cols[c->den[0].col].ind) == NULL)
		return 0;
	for (j = 0; j < c->nnum; j++)
		if ((r = ind_find(b, unit, s->cols[c->num[j].col].ind)) != NULL)
			num += c->num[j].k * r->v;
	for (j = 0; j < c->nden; j++)
		if ((r = ind_find(b, unit, s->cols[c->den[j].col].ind)) != NULL)
			den += c->den[j].k * r->v;
	if (den == 0)
		return 0;
	*out = num / den;
	return 1;
}

/*
 * Whether the ratio total of column c is how its indicator is computed:
 * it must give each unit's own value of the CSV. A ratio that is not
 * (online / (received + online) for dossiers.online_share) was reported
 * as the CSV contradicting itself at the '*' row (exit 1), the template's
 * line unnamed; it is the template's mistake (exit 2). 1 after the
 * message.
 */
static int
ratio_not_definition(const struct book *b, const struct sheet *s,
    const struct col *c)
{
	char x[NUMFMT_BUFSZ], y[NUMFMT_BUFSZ];
	double v = 0, rv = 0;
	size_t i;
	int hv, hr;

	if (c->tot != T_RATIO || c->src != S_IND)
		return 0;
	for (i = 0; i < b->nu; i++) {
		const char *u = b->u[i].code;
		const struct ival *r = ind_find(b, u, c->ind);

		hv = r != NULL;
		if (hv)
			v = r->v;
		hr = unit_ratio(b, s, c, u, &rv);
		if (same(hr, rv, hv, v))
			continue;
		diag_errorat(b->tpath, c->line, 0, "[sheet.%s] %s: its ratio "
		    "total is not how %s is computed (SPEC §6): for %s it "
		    "gives %s, the indicators CSV has %s", s->key, c->key,
		    c->ind, u, hr ? numfmt_double(rv, x) : "no value",
		    hv ? numfmt_double(v, y) : "none");
		return 1;
	}
	return 0;
}

/*
 * Checks that every total formula computes the organization's value of
 * the indicators CSV. A difference means the CSV contradicts itself, once
 * each ratio is known to be its indicator's definition (a template
 * mistake, exit 2, when it is not).
 */
static int
check_totals(const struct book *b)
{
	char x[NUMFMT_BUFSZ], y[NUMFMT_BUFSZ];
	double v = 0, sv = 0;
	int i, j, bad = 0, tbad = 0, has, hs;
	const struct ival *star;

	for (i = 0; i < b->nsh; i++) {
		const struct sheet *s = &b->sh[i];

		if (s->kind != K_UNITS)
			continue;
		for (j = 0; j < s->ncols; j++) {
			const struct col *c = &s->cols[j];

			if (c->tot != T_SUM && c->tot != T_RATIO)
				continue;
			if (ratio_not_definition(b, s, c)) {
				tbad++;
				continue;
			}
			hs = colval(b, s, c, "*", &sv);
			has = total_of(b, s, c, &v);
			if (same(has, v, hs, sv))
				continue;
			star = c->src == S_IND ? ind_find(b, "*", c->ind) : NULL;
			diag_errorat(b->indpath, star ? star->line : 0, 0,
			    "'*' %s is %s but the units' values give %s "
			    "(template [sheet.%s])", c->ind,
			    hs ? numfmt_double(sv, x) : "absent",
			    has ? numfmt_double(v, y) : "no value", s->key);
			bad++;
		}
	}
	return tbad ? EXIT_USAGE : bad ? EXIT_DATA : 0;
}

/* ------------------------------------------------------- writing */

enum style { ST_TEXT, ST_COUNT, ST_NUMBER, ST_RATE, ST_DATE, ST_WRAP,
	ST_MISSING, ST_MET, ST_FAIL, ST_FLAG, ST_NSTYLE };

struct fmts {
	lxw_format	*cell[ST_NSTYLE][2];	/* [style][total row] */
	lxw_format	*target[FM_N][2][2];	/* [format][op '<'][total row] */
	lxw_format	*more[2][MOREDEC + 1][2]; /* [rate][decimals][total] */
	int		 dec[FM_N];		/* decimals the formats show */
	lxw_format	*agency, *agency_bold, *title, *subtitle, *header;
	lxw_format	*note, *data_head, *data, *data_text, *number, *draft;
};

/*
 * The number format of a target: "≥ " (or "≤ ") before each section of
 * format f, so the cell holds the number and shows "≥ 95.00%".
 */
static char *
target_numfmt(const char *f, int le)
{
	struct sbuf sb = SBUF_INIT;
	const char *pre = le ? "\"\xE2\x89\xA4 \"" : "\"\xE2\x89\xA5 \"";
	int q = 0;

	sbuf_adds(&sb, pre);
	for (; *f; f++) {
		sbuf_addc(&sb, *f);
		if (*f == '"')
			q = !q;
		else if (*f == ';' && !q)
			sbuf_adds(&sb, pre);
	}
	return sbuf_detach(&sb);
}

/* The first library error; later calls keep it. */
static lxw_error lxw_err;
static const char *lxw_what;

static void
chk(lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && lxw_err == LXW_NO_ERROR) {
		lxw_err = e;
		lxw_what = what;
	}
}

/* --------------------------------------------------------- exact numbers */

static int cur_sheet;		/* 1-based: xl/worksheets/sheetN.xml */
static const char *cur_name;	/* its name, for warnings */
static const struct status_row *cur_row;	/* the register row written */
static int cur_chart;		/* 1-based: xl/charts/chartN.xml */

/*
 * Every number goes through these two, so that xlsxnum can make it read
 * back exactly once the workbook is closed (see lib/xlsxnum.h).
 */
static void
remember_num(lxw_row_t r, lxw_col_t c, double v)
{
	xlsxnum_add(cur_sheet, r, c, v);
}

static lxw_error
put_number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
    lxw_format *f)
{
	remember_num(r, c, v);
	return worksheet_write_number(ws, r, c, v, f);
}

static lxw_error
put_formula_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *formula, lxw_format *f, double v)
{
	remember_num(r, c, v);
	return worksheet_write_formula_num(ws, r, c, formula, f, v);
}

static lxw_format *
newfmt(lxw_workbook *wb, const struct book *b, int bold)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_font_name(f, b->font);
	format_set_font_size(f, b->fsize);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (bold)
		format_set_bold(f);
	return f;
}

/* The format of a result shown with d decimals: "0.00%", "#,##0.00". */
static void
more_numfmt(char *buf, size_t n, int rate, int d)
{
	snprintf(buf, n, "%s0.%.*s%s", rate ? "" : "#,##", d, "000000000",
	    rate ? "%" : "");
}

/* A cell of a table: bordered, and bold on grey in the total row. */
static lxw_format *
grid_fmt(lxw_workbook *wb, const struct book *b, int tot)
{
	lxw_format *f = newfmt(wb, b, tot);

	format_set_border(f, LXW_BORDER_THIN);
	if (tot)
		format_set_bg_color(f, 0xF2F2F2);
	return f;
}

/*
 * How each cell style differs from a plain table cell. The text styles
 * have the text format so that text stays text when a person edits it
 * ("0012").
 */
static const struct cell_look {
	int		 numfmt;	/* enum fmt, or -1: General */
	int		 center, wrap, italic;
	lxw_color_t	 color;		/* of the font; 0: the workbook's */
} cell_looks[ST_NSTYLE] = {
	[ST_TEXT] =	{ FM_TEXT, 0, 0, 0, 0 },
	[ST_COUNT] =	{ FM_COUNT, 0, 0, 0, 0 },
	[ST_NUMBER] =	{ FM_NUMBER, 0, 0, 0, 0 },
	[ST_RATE] =	{ FM_RATE, 0, 0, 0, 0 },
	[ST_DATE] =	{ FM_DATE, 1, 0, 0, 0 },
	[ST_WRAP] =	{ FM_TEXT, 0, 1, 0, 0 },
	[ST_MISSING] =	{ FM_TEXT, 0, 0, 1, 0xC00000 },
	/* an objective's "Đạt" centred, apart from the value before it */
	[ST_MET] =	{ FM_TEXT, 1, 0, 0, 0 },
	[ST_FAIL] =	{ FM_TEXT, 1, 0, 0, 0xC00000 },
	[ST_FLAG] =	{ FM_TEXT, 0, 1, 1, 0x9C5700 },
};

/* The table cells of each style, F->cell, as cell_looks describes them. */
static void
make_cell_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	int st, tot;

	for (st = 0; st < ST_NSTYLE; st++)
		for (tot = 0; tot < 2; tot++) {
			const struct cell_look *k = &cell_looks[st];
			lxw_format *f = grid_fmt(wb, b, tot);

			if (k->numfmt >= 0)
				format_set_num_format(f, b->numfmt[k->numfmt]);
			if (k->center)
				format_set_align(f, LXW_ALIGN_CENTER);
			if (k->wrap)
				format_set_text_wrap(f);
			if (k->italic)
				format_set_italic(f);
			if (k->color != 0)
				format_set_font_color(f, k->color);
			F->cell[st][tot] = f;
		}
}

/* The cells of a target, "≥ 95.00%", in each number format: F->target. */
static void
make_target_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	int st, le, tot;

	for (st = FM_COUNT; st <= FM_RATE; st++)
		for (le = 0; le < 2; le++)
			for (tot = 0; tot < 2; tot++) {
				lxw_format *f = grid_fmt(wb, b, tot);
				char *nf = target_numfmt(b->numfmt[st], le);

				format_set_num_format(f, nf);
				free(nf);
				F->target[st][le][tot] = f;
			}
}

/* F->dec: the decimals each number format shows ("0.00%" shows 2). */
static void
count_decimals(const struct book *b, struct fmts *F)
{
	int st;

	for (st = 0; st < FM_N; st++) {
		const char *p = strchr(b->numfmt[st], '.');

		F->dec[st] = 0;
		while (p != NULL && (*++p == '0' || *p == '#'))
			F->dec[st]++;
	}
}

/* The cells of a result shown with 1 to MOREDEC decimals: F->more. */
static void
make_more_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	int rate, d, tot;

	for (rate = 0; rate < 2; rate++)
		for (d = 1; d <= MOREDEC; d++)
			for (tot = 0; tot < 2; tot++) {
				lxw_format *f = grid_fmt(wb, b, tot);
				char nf[32];

				more_numfmt(nf, sizeof(nf), rate, d);
				format_set_num_format(f, nf);
				F->more[rate][d][tot] = f;
			}
}

/* The formats around the tables: title, headers, notes, the draft mark. */
static void
make_page_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	F->number = newfmt(wb, b, 0);
	format_set_italic(F->number);
	format_set_align(F->number, LXW_ALIGN_CENTER);
	format_set_border(F->number, LXW_BORDER_THIN);
	format_set_bg_color(F->number, 0xDDEBF7);
	F->draft = newfmt(wb, b, 1);
	format_set_font_color(F->draft, 0xC00000);
	format_set_align(F->draft, LXW_ALIGN_CENTER);
	format_set_border(F->draft, LXW_BORDER_MEDIUM);
	format_set_border_color(F->draft, 0xC00000);
	F->agency = newfmt(wb, b, 0);
	F->agency_bold = newfmt(wb, b, 1);
	F->title = newfmt(wb, b, 1);
	format_set_font_size(F->title, b->fsize + 2);
	format_set_align(F->title, LXW_ALIGN_CENTER);
	format_set_text_wrap(F->title);
	F->subtitle = newfmt(wb, b, 0);
	format_set_italic(F->subtitle);
	format_set_align(F->subtitle, LXW_ALIGN_CENTER);
	format_set_text_wrap(F->subtitle);
	F->header = newfmt(wb, b, 1);
	format_set_align(F->header, LXW_ALIGN_CENTER);
	format_set_text_wrap(F->header);
	format_set_border(F->header, LXW_BORDER_THIN);
	format_set_bg_color(F->header, 0xDDEBF7);
	F->note = newfmt(wb, b, 0);
	format_set_italic(F->note);
	format_set_text_wrap(F->note);
	format_set_align(F->note, LXW_ALIGN_VERTICAL_TOP);
}

/* The formats of the data sheets, plain rows under a header. */
static void
make_data_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	F->data = newfmt(wb, b, 0);	/* the workbook's font */
	F->data_text = newfmt(wb, b, 0);
	format_set_num_format(F->data_text, b->numfmt[FM_TEXT]);
	F->data_head = newfmt(wb, b, 1);
	format_set_border(F->data_head, LXW_BORDER_THIN);
	format_set_bg_color(F->data_head, 0xDDEBF7);
}

/* Every format of the workbook, into F. */
static void
make_formats(lxw_workbook *wb, const struct book *b, struct fmts *F)
{
	make_cell_formats(wb, b, F);
	make_target_formats(wb, b, F);
	count_decimals(b, F);
	make_more_formats(wb, b, F);
	make_page_formats(wb, b, F);
	make_data_formats(wb, b, F);
}

static enum style
style_of(enum fmt f)
{
	switch (f) {
	case FM_COUNT:
		return ST_COUNT;
	case FM_NUMBER:
		return ST_NUMBER;
	case FM_RATE:
		return ST_RATE;
	case FM_DATE:
		return ST_DATE;
	default:
		return ST_TEXT;
	}
}

/* The format of a number cell of column c (a target shows "≥ "). */
static lxw_format *
num_cell_fmt(const struct fmts *F, const struct col *c, int tot)
{
	if (c->op != 0 && c->fmt >= FM_COUNT && c->fmt <= FM_RATE)
		return F->target[c->fmt][c->op == '<'][tot];
	return F->cell[style_of(c->fmt)][tot];
}

/* The first objective of objectives.ini on indicator ind, or NULL. */
static const struct objective *
objective_on(const struct book *b, const char *ind)
{
	int i;

	for (i = 0; ind != NULL && i < b->cfg.nobjectives; i++)
		if (strcmp(b->cfg.objectives[i].indicator, ind) == 0)
			return &b->cfg.objectives[i];
	return NULL;
}

/*
 * The decimals, d or more (up to MOREDEC), that rate v needs not to read
 * 0.00% or 100.00% while it is neither: of a billion dossiers, 50 late
 * is 99.999995% on time, and "100.00%" beside them says none was (the
 * PDF's vn_rate() prints "99,9999%"). A rate nearer than MOREDEC decimals
 * tell keeps d.
 */
static int
rate_edge_decimals(double v, int d)
{
	char x[64];
	double shown;
	int e;

	if (!(v > 0 && v < 1))
		return d;
	for (e = d; e <= MOREDEC; e++) {
		snprintf(x, sizeof(x), "%.*f", e, v * 100);
		shown = strtod(x, NULL);
		if (shown != 0 && shown != 100)
			return e;
	}
	return d;	/* 1 in 10^10: no decimals tell it from 0 */
}

/*
 * The decimals value v of an objective's indicator needs, d or more, not
 * to look equal to the unit's target while it is not.
 */
static int
target_decimals(const struct book *b, const struct objective *o,
    const char *unit, double v, double k, int d)
{
	char key[300], x[64], y[64];
	const struct ival *t;

	snprintf(key, sizeof(key), "objective.%s.target", o->name);
	if ((t = ind_find(b, unit, key)) == NULL || t->v == v)
		return d;
	for (; d < MOREDEC; d++) {
		snprintf(x, sizeof(x), "%.*f", d, v * k);
		snprintf(y, sizeof(y), "%.*f", d, t->v * k);
		if (strcmp(x, y) != 0)
			break;
	}
	return d;
}

/*
 * The format of value v for unit in an indicator column: the column's, or,
 * when the indicator has an objective (the column's own, or one of
 * objectives.ini on it), one with more decimals when rounding would make
 * it look equal to its target while it is not (94.96% against 95% must
 * not show "95.00%" beside "Không đạt"), in every sheet, as the PDF
 * report does: one figure reads the same everywhere; a rate next to 0 or
 * 1 with the decimals that tell it from them (rate_edge_decimals()).
 */
static lxw_format *
result_fmt(const struct book *b, const struct fmts *F, const struct col *c,
    const char *unit, double v, int tot)
{
	const struct objective *o = c->obj != NULL ? c->obj :
	    objective_on(b, c->ind);
	int d, rate = c->fmt == FM_RATE;

	if (c->op != 0 || c->src != S_IND ||
	    (c->fmt != FM_RATE && c->fmt != FM_NUMBER && c->fmt != FM_COUNT))
		return num_cell_fmt(F, c, tot);
	d = F->dec[c->fmt];
	if (rate)
		d = rate_edge_decimals(v, d);
	if (o != NULL)
		d = target_decimals(b, o, unit, v, rate ? 100 : 1, d);
	if (d == F->dec[c->fmt] || d < 1 || d > MOREDEC)
		return num_cell_fmt(F, c, tot);
	return F->more[rate][d][tot];
}

/*
 * The text of an objective's met column for unit: "Đạt", "Không đạt",
 * "Chưa có số liệu" (a target but no value), or NULL (not applicable).
 * *fail says whether it is a failure.
 */
static const char *
met_text(const struct book *b, const struct col *c, const char *unit,
    int *fail)
{
	char key[300];
	const struct ival *r = ind_find(b, unit, c->ind);

	*fail = 0;
	if (r != NULL) {
		*fail = r->v == 0;
		return r->v != 0 ? tmpl_get(b->t, "objectives", "yes", "Đạt") :
		    tmpl_get(b->t, "objectives", "no", "Không đạt");
	}
	snprintf(key, sizeof(key), "objective.%s.target", c->obj != NULL ?
	    c->obj->name : "");
	if (c->obj != NULL && ind_find(b, unit, key) != NULL)
		return tmpl_get(b->t, "objectives", "no_data",
		    "Chưa có số liệu");
	return NULL;
}

/*
 * The low-sample note of a unit (responses is the analysis stream's
 * count), from the template's [notes] lowsample; owned, or NULL.
 */
static char *
lowsample_text(const struct book *b, const char *responses)
{
	if (responses == NULL)
		return NULL;
	return tmpl_fill(tmpl_get(b->t, "notes", "lowsample",
	    "Chỉ có {responses} phiếu (dưới 30), tỷ lệ chưa đủ tin cậy"),
	    "responses", responses);
}

/* The width a number takes in format f (for column widths). */
static double
num_width(const struct book *b, enum fmt f, double v)
{
	char buf[64];
	size_t n, digits;

	switch (f) {
	case FM_RATE:
		/*
		 * one decimal: the padding covers the format's own; not
		 * the more a rate next to 0 or 1 shows (result_fmt())
		 */
		snprintf(buf, sizeof(buf), "%.*f%%",
		    rate_edge_decimals(v, 1), v * 100);
		return (double)strlen(buf);
	case FM_DATE:
		return 10;
	case FM_NUMBER:
		snprintf(buf, sizeof(buf), "%.2f", v);
		break;
	default:
		if (v == floor(v) && fabs(v) < 1e15)
			snprintf(buf, sizeof(buf), "%.0f", v);
		else
			snprintf(buf, sizeof(buf), "%.2f", v);
		break;
	}
	(void)b;
	n = strlen(buf);
	digits = strcspn(buf, ".");
	if (buf[0] == '-')
		digits--;
	return (double)n + (digits > 3 ? (double)((digits - 1) / 3) : 0);
}

/* Whether p starts with "_xHHHH_" (four hexadecimal digits). */
static int
is_xhex(const char *p)
{
	int k;

	if (p[0] != '_' || p[1] != 'x')
		return 0;
	for (k = 2; k < 6 && isxdigit((unsigned char)p[k]); k++)
		;
	return k == 6 && p[6] == '_';
}

/*
 * A reader turns "_xHHHH_" in a cell's text into the character U+HHHH
 * (how OOXML writes control characters, and libxlsxwriter writes them so),
 * so text that holds those 7 characters itself gets its '_' written as
 * "_x005F_". NULL when s has none.
 */
static char *
escape_xhex(const char *s)
{
	struct sbuf sb = SBUF_INIT;
	const char *p;
	int found = 0;

	for (p = s; *p != '\0'; p++) {
		if (is_xhex(p)) {
			sbuf_adds(&sb, "_x005F");
			found = 1;
		}
		sbuf_addc(&sb, *p);
	}
	if (!found) {
		sbuf_release(&sb);
		return NULL;
	}
	return sbuf_detach(&sb);
}

/*
 * Warns that a text of n characters, units long as Excel's limit counts
 * it (cell_units()), was cut in row r of the current sheet, at the
 * register row it came from when it came from one: its file as
 * FOLDER/NAME (the input folder is not known here) and line.
 */
static void
warn_cut(int n, int units, int r)
{
	const char *w = cur_row ? cur_row->where : NULL;
	const char *colon = w ? strrchr(w, ':') : NULL;
	char file[PATH_MAX], mb[DATE_BUFSZ], counted[48] = "";
	long line = 0;

	if (colon != NULL && colon - w < (long)sizeof(file) - DATE_BUFSZ) {
		month_iso(cur_row->folder, mb);
		snprintf(file, sizeof(file), "%s/%.*s", mb, (int)(colon - w),
		    w);
		line = strtol(colon + 1, NULL, 10);
	}
	if (units != n)		/* emoji, "_xHHHH_": say what was counted */
		snprintf(counted, sizeof(counted), " (%d as Excel counts them)",
		    units);
	diag_warnat(line > 0 ? file : NULL, line, 0, "text of %d characters%s "
	    "cut to Excel's limit of %d in sheet '%s', row %d", n, counted,
	    CELL_MAX, cur_name ? cur_name : "", r + 1);
}

/*
 * The length of text s in a cell as Excel's limit counts it: in UTF-16
 * units (a character past U+FFFF, an emoji or a Hán Nôm character of
 * CJK extension B, is 2), and each "_xHHHH_" the text holds with the 6
 * characters of its "_x005F" (escape_xhex()), since libxlsxwriter checks
 * the limit on the text as written. *at is set to the end of the longest
 * prefix of at most lim.
 */
static size_t
cell_units(const char *s, size_t lim, size_t *at)
{
	size_t i = 0, n = 0;

	*at = 0;
	while (s[i] != '\0') {
		n += ((unsigned char)s[i] >= 0xF0 ? 2 : 1) +
		    (is_xhex(s + i) ? 6 : 0);
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
		if (n <= lim)
			*at = i;
	}
	return n;
}

/*
 * Text written into a cell: always as a string, never as a formula, so a
 * name such as "=HYPERLINK(...)" or "+1" stays text (SPEC §7.2). The
 * string is validated and NFC-normalized first; text past Excel's cell
 * limit is cut with a warning.
 */
static void
put_text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	char *n = nfc_or(s), *cut;
	size_t at, len = cell_units(n, CELL_MAX - 1, &at);

	if (len > CELL_MAX) {
		int chars = (int)utf8_chars(n);

		cut = xmalloc(at + 4);
		memcpy(cut, n, at);
		memcpy(cut + at, "\xE2\x80\xA6", 4);	/* … */
		free(n);
		n = cut;
		warn_cut(chars, (int)len, r);
	}
	if (*n == '\0')
		chk(worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f),
		    "write");
	else {
		char *e = escape_xhex(n);

		chk(worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
		    e != NULL ? e : n, f), "write");
		free(e);
	}
	free(n);
}

/* Replaces {period}, {period_title}, {PERIOD_TITLE}, {agency}, {from}, {to}. */
static char *
subst(const struct book *b, const char *s)
{
	struct sbuf sb = SBUF_INIT;
	char from[DATE_BUFSZ], to[DATE_BUFSZ], *up;
	const char *e;

	date_vn(b->per.first_day, from);
	date_vn(b->per.last_day, to);
	while (*s) {
		if (*s != '{' || (e = strchr(s, '}')) == NULL) {
			sbuf_addc(&sb, *s++);
			continue;
		}
#define IS(k) ((size_t)(e - s - 1) == strlen(k) && \
	    strncmp(s + 1, k, strlen(k)) == 0)
		if (IS("period"))
			sbuf_adds(&sb, b->label);
		else if (IS("period_title"))
			sbuf_adds(&sb, b->title);
		else if (IS("PERIOD_TITLE")) {
			up = upper_dup(b->title);
			sbuf_adds(&sb, up);
			free(up);
		} else if (IS("agency"))
			sbuf_adds(&sb, b->cfg.name ? b->cfg.name : "");
		else if (IS("from"))
			sbuf_adds(&sb, from);
		else if (IS("to"))
			sbuf_adds(&sb, to);
		else if (IS("draft"))
			sbuf_printf(&sb, "%d", b->draft);
		else {
			sbuf_add(&sb, s, (size_t)(e - s + 1));
		}
#undef IS
		s = e + 1;
	}
	return sbuf_detach(&sb);
}

static double
line_height(const struct book *b)
{
	return b->fsize * 1.35;
}

/* Sets row r to the height of lines lines of text at scale. */
static void
row_height(lxw_worksheet *ws, const struct book *b, int r, double lines,
    double scale)
{
	chk(worksheet_set_row(ws, (lxw_row_t)r,
	    fmin(409, lines * line_height(b) * scale + 4), NULL), "set_row");
}

/* Sets row r to the height of lines lines when it needs more than one. */
static void
row_lines(lxw_worksheet *ws, const struct book *b, int r, int lines)
{
	if (lines > 1)
		row_height(ws, b, r, lines, 1);
}

/*
 * Text merged over rows r1..r2 and columns c1..c2, its "_xHHHH_" escaped
 * as put_text() escapes a cell's (template wording, objectives' labels).
 */
static void
put_merged(lxw_worksheet *ws, int r1, int c1, int r2, int c2,
    const char *text, lxw_format *f)
{
	char *e = escape_xhex(text);

	chk(worksheet_merge_range(ws, (lxw_row_t)r1, (lxw_col_t)c1,
	    (lxw_row_t)r2, (lxw_col_t)c2, e != NULL ? e : text, f),
	    "merge_range");
	free(e);
}

/* Writes text in row r merged over columns c0..c1 (one cell when equal). */
static void
merged_text(lxw_worksheet *ws, int r, int c0, int c1, const char *text,
    lxw_format *f)
{
	if (c1 > c0)
		put_merged(ws, r, c0, r, c1, text, f);
	else
		put_text(ws, r, c0, text, f);
}

/*
 * Breaks s (lines lines at width w) at its space at, when that takes no
 * more lines; returns the lines s then takes.
 */
static int
break_at(char *s, char *at, double w, int lines)
{
	int n;

	*at = '\n';
	if ((n = wrap_lines(s, w)) <= lines)
		return n;
	*at = ' ';
	return lines;
}

/* Whether s[0..n) takes one line at width w. */
static int
one_line(char *s, size_t n, double w)
{
	char c = s[n];
	int one;

	s[n] = '\0';
	one = wrap_lines(s, w) == 1;
	s[n] = c;
	return one;
}

/*
 * s (owned) with the spaces of its n bytes from at made no-break spaces,
 * so that no reader breaks a line there; returns the new s.
 */
static char *
keep_whole(char *s, size_t at, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	size_t i;

	sbuf_add(&sb, s, at);
	for (i = at; i < at + n; i++)
		if (s[i] == ' ')
			sbuf_adds(&sb, "\u00a0");
		else
			sbuf_addc(&sb, s[i]);
	sbuf_adds(&sb, s + at + n);
	free(s);
	return sbuf_detach(&sb);
}

/*
 * Where a title too long for one line breaks: before the period's title
 * ("… THỦ TỤC HÀNH CHÍNH" / "THÁNG 12 NĂM 2024") rather than inside it,
 * and what comes before that, when too long itself, after its last comma
 * whose start fits a line ("… KHẮC PHỤC," / "PHÒNG NGỪA, CẢI TIẾN", not
 * inside "PHÒNG / NGỪA"). Never in more lines than the reader's own
 * wrapping takes. When what comes before the period's title is too long
 * for that break ("DANH SÁCH HÀNH ĐỘNG KHẮC PHỤC, PHÒNG NGỪA, CẢI TIẾN"
 * over three narrow columns), the period's title is kept whole with
 * no-break spaces: a reader whose columns are wider than counted
 * (LibreOffice) printed "… CẢI TIẾN THÁNG 12 NĂM" / "2024". Returns the
 * lines of *sp (changed in place, or replaced).
 */
static int
title_break(const struct book *b, char **sp, double w, int lines)
{
	char *pt = subst(b, "{PERIOD_TITLE}"), *s = *sp, *at = strstr(s, pt);
	char *nl;
	size_t i, end;

	if (at != NULL && at > s && at[-1] == ' ' && wrap_lines(pt, w) == 1) {
		lines = break_at(s, at - 1, w, lines);
		/* not on a line of its own: at least never cut */
		if (at[-1] == ' ') {
			s = *sp = keep_whole(s, (size_t)(at - s), strlen(pt));
			lines = wrap_lines(s, w);
		}
	}
	free(pt);
	end = (nl = strchr(s, '\n')) != NULL ? (size_t)(nl - s) : strlen(s);
	if (one_line(s, end, w))
		return lines;
	for (i = end; i-- > 0;)
		if (s[i] == ',' && s[i + 1] == ' ' && one_line(s, i + 1, w))
			return break_at(s, s + i + 1, w, lines);
	return lines;
}

/* Makes LF of the spaces where s, wrapped at width w, starts its lines. */
static void
break_greedy(char *s, double w)
{
	(void)wrap_walk(s, w, s);
}

/*
 * Whether s wrapped at width w has a line of one word (not a period's
 * title kept whole with no-break spaces, which reads as a line).
 */
static int
lone_word_at(const char *s, double w)
{
	char *t = xstrdup(s), *l = t, *e;
	int lone = 0;

	break_greedy(t, w);
	for (; !lone && l != NULL; l = e != NULL ? e + 1 : NULL) {
		if ((e = strchr(l, '\n')) != NULL)
			*e = '\0';
		l += strspn(l, " ");
		lone = *l != '\0' && strchr(l, ' ') == NULL &&
		    strstr(l, "\u00a0") == NULL;
	}
	free(t);
	return lone;
}

/*
 * Whether a reader may wrap s at width w with a word alone on a line: at
 * w or in a column up to a fifth narrower, since readers set the text
 * wider than counted (LibreOffice's bold title wrapped "… MỤC TIÊU CHẤT"
 * / "LƯỢNG" where the count put "CHẤT LƯỢNG" on the second line).
 */
static int
lone_word(const char *s, double w)
{
	int i;

	for (i = 0; i <= 10; i++)
		if (lone_word_at(s, w * (1 - 0.02 * i)))
			return 1;
	return 0;
}

/*
 * Breaks s[0..n) (a line of a title, no LF in it) that a reader would
 * wrap at width w with a word alone on a line ("KẾT QUẢ THỰC HIỆN MỤC
 * TIÊU CHẤT" / "LƯỢNG" over three narrow columns) into as many lines,
 * evenly: where it breaks at the narrowest width that takes no more
 * ("KẾT QUẢ THỰC HIỆN" / "MỤC TIÊU CHẤT LƯỢNG"). The lines are then no
 * wider than a reader's own, so one whose text is wider than counted
 * (LibreOffice) has the more room. Other text is left to the reader,
 * which breaks where its own widths allow (LibreOffice kept "… Ý KIẾN
 * ĐÓNG GÓP VÀ PHẢN ÁNH" whole, where an even break cut "ĐÓNG / GÓP").
 */
static void
balance_line(char *s, size_t n, double w)
{
	char c = s[n];
	double lo, hi, mid;
	int k, i;

	s[n] = '\0';
	k = wrap_lines(s, w);
	lo = word_width(s);
	if (k > 1 && lo <= w && lone_word(s, w)) {
		/* lines only fall as the width grows: bisect for the least */
		for (hi = w, i = 0; i < 40; i++) {
			mid = (lo + hi) / 2;
			if (wrap_lines(s, mid) <= k)
				hi = mid;
			else
				lo = mid;
		}
		break_greedy(s, hi);
	}
	s[n] = c;
}

/* balance_line() for each line of s (split at LF) at width w. */
static void
balance_lines(char *s, double w)
{
	size_t n;

	for (;;) {
		n = strcspn(s, "\n");
		balance_line(s, n, w);
		if (s[n] == '\0')
			return;
		s += n + 1;
	}
}

/* Writes a title row merged over columns c0..c1, sized to its text. */

static void
title_row(lxw_worksheet *ws, const struct book *b, int r, int c0, int c1,
    double totw, const char *text, lxw_format *f, double scale)
{
	char *s = subst(b, text), *n;
	int lines;

	if (*s == '\0') {
		free(s);
		return;
	}
	n = nfc_or(s);
	lines = wrap_lines(n, totw / scale - 1);
	if (lines > 1) {
		lines = title_break(b, &n, totw / scale - 1, lines);
		balance_lines(n, totw / scale - 1);
	}
	merged_text(ws, r, c0, c1, n, f);
	row_height(ws, b, r, lines, scale);
	free(n);
	free(s);
}

/* The draft text, "Dự thảo lần 2" (template [workbook] draft); owned. */
static char *
draft_text(const struct book *b)
{
	return subst(b, tmpl_get(b->t, "workbook", "draft",
	    "Dự thảo lần {draft}"));
}

static int first_page_cols(const struct sheet *);

/*
 * A draft's mark at the top right of the sheet, "DỰ THẢO LẦN 2" in a red
 * box as on the PDF pages, over as many of the last columns of the first
 * printed page as it needs (never the first, which holds the agency): a
 * box over a page break would print in two halves.
 */
static void
draft_mark(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F)
{
	char *t, *up;
	double need, w = 0;
	int j, last = first_page_cols(s) - 1;

	if (b->draft <= 0)
		return;
	t = draft_text(b);
	up = upper_dup(t);
	need = text_width(up) * 1.15 * wscale(b) + 2;
	if (s->ncols < 2) {
		put_text(ws, 0, s->ncols, up, F->draft);
		chk(worksheet_set_column(ws, (lxw_col_t)s->ncols,
		    (lxw_col_t)s->ncols, need, NULL), "set_column");
	} else {
		for (j = last; j > 1; j--) {
			w += s->cols[j].width;
			if (w >= need)
				break;
		}
		if (j == last)
			put_text(ws, 0, j, up, F->draft);
		else
			put_merged(ws, 0, j, 0, last, up, F->draft);
	}
	free(up);
	free(t);
}

/*
 * The printed page header of a draft's mark t (draft_text()), owned: at
 * the right, in the workbook's font, bold and red. '&' in the template's
 * wording is written "&&" (a code of the header language otherwise); '"'
 * is dropped from the font name.
 */
static char *
header_text(const struct book *b, const char *t)
{
	struct sbuf sb = SBUF_INIT;
	char *up = upper_dup(t);
	const char *p;

	sbuf_adds(&sb, "&R&\"");
	for (p = b->font; *p; p++)
		if (*p != '"')
			sbuf_addc(&sb, *p);
	sbuf_adds(&sb, ",Bold\"&KC00000");
	for (p = up; *p; p++) {
		if (*p == '&')
			sbuf_addc(&sb, '&');
		if (*p != '\n')
			sbuf_addc(&sb, *p);
	}
	free(up);
	return sbuf_detach(&sb);
}

/*
 * A draft's mark in the printed page header too, at the right of every
 * page: a sheet printed two pages wide shows the cell of draft_mark() on
 * one page only.
 */
static void
draft_header(lxw_worksheet *ws, const struct book *b)
{
	char *t, *h;

	if (b->draft <= 0)
		return;
	t = draft_text(b);
	h = header_text(b, t);
	chk(worksheet_set_header(ws, h), "set_header");
	free(h);
	free(t);
}

/*
 * Whether a draft's page header, with any draft number, fits the 255
 * characters Excel (and libxlsxwriter) allow a header; else reported at
 * the template's draft (or font) line, a template mistake: a draft would
 * otherwise fail when the workbook is written. 0 or EXIT_USAGE.
 */
static int
check_draft_header(const struct book *b)
{
	const char *v = tmpl_get(b->t, "workbook", "draft",
	    "Dự thảo lần {draft}");
	char *w = tmpl_fill(v, "draft", "99");
	char *t = subst(b, w), *h = header_text(b, t);
	size_t n = utf8_chars(h);
	long line = tmpl_line(b->t, "workbook", "draft");

	if (n > LXW_HEADER_FOOTER_MAX)
		diag_errorat(b->tpath, line ? line : tmpl_line(b->t,
		    "workbook", "font"), 0, "[workbook] draft '%s' is too long "
		    "for the printed page header: %zu characters for draft 99 "
		    "with the font and its codes, Excel holds %d", v, n,
		    LXW_HEADER_FOOTER_MAX);
	free(h);
	free(t);
	free(w);
	return n > LXW_HEADER_FOOTER_MAX ? EXIT_USAGE : 0;
}

/*
 * The printed page footer of every sheet (template [workbook] footer),
 * owned; NULL when the template leaves it empty. Centred, in the
 * workbook's font and size: {page}, {pages} and {sheet} become the codes
 * of the page number, the number of pages and the sheet's name, which
 * the reader fills on each page (a sheet printed five pages wide and two
 * high had nothing to put its ten pages back in order by, and a page
 * after the first of a sheet has no title to say whose it is); the
 * other placeholders as in a title; '&' is written "&&".
 */
static char *
footer_text(const struct book *b)
{
	static const struct {
		const char *ph, *code;
	} codes[] = { { "{pages}", "&N" }, { "{page}", "&P" },
		{ "{sheet}", "&A" } };
	struct sbuf sb = SBUF_INIT;
	char *t = subst(b, tmpl_get(b->t, "workbook", "footer",
	    "{sheet} - Trang {page}/{pages}"));
	const char *p;
	size_t i, n;

	if (*t == '\0') {
		free(t);
		return NULL;
	}
	/* the size of the table's text, before the font: "&12" then a digit
	 * of the text would read as one size */
	sbuf_printf(&sb, "&C&%ld&\"", lround(b->fsize));
	for (p = b->font; *p; p++)
		if (*p != '"')
			sbuf_addc(&sb, *p);
	sbuf_adds(&sb, ",Regular\"");
	for (p = t; *p; p++) {
		for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
			n = strlen(codes[i].ph);
			if (strncmp(p, codes[i].ph, n) == 0)
				break;
		}
		if (i < sizeof(codes) / sizeof(codes[0])) {
			sbuf_adds(&sb, codes[i].code);
			p += strlen(codes[i].ph) - 1;
		} else if (*p == '&')
			sbuf_adds(&sb, "&&");
		else if (*p != '\n')
			sbuf_addc(&sb, *p);
	}
	free(t);
	return sbuf_detach(&sb);
}

/*
 * Whether the page footer fits the 255 characters Excel allows; else a
 * template mistake at its line (libxlsxwriter would refuse it when the
 * workbook is written). 0 or EXIT_USAGE.
 */
static int
check_footer(const struct book *b)
{
	char *f = footer_text(b);
	size_t n = f != NULL ? utf8_chars(f) : 0;
	long line = tmpl_line(b->t, "workbook", "footer");

	if (n > LXW_HEADER_FOOTER_MAX)
		diag_errorat(b->tpath, line ? line : tmpl_line(b->t,
		    "workbook", "font"), 0, "[workbook] footer '%s' is too "
		    "long for the printed page footer: %zu characters with "
		    "the font and its codes, Excel holds %d", tmpl_get(b->t,
		    "workbook", "footer", ""), n, LXW_HEADER_FOOTER_MAX);
	free(f);
	return n > LXW_HEADER_FOOTER_MAX ? EXIT_USAGE : 0;
}

/* The page footer of footer_text() on ws. */
static void
page_footer(lxw_worksheet *ws, const struct book *b)
{
	char *f = footer_text(b);

	if (f != NULL)
		chk(worksheet_set_footer(ws, f), "set_footer");
	free(f);
}

/*
 * A column's width as libxlsxwriter 1.1.4 writes it, the unit readers
 * lay out pages in: whole pixels of a 7-pixel digit, plus 5 of padding,
 * in 1/256 of a digit (a width of 12 is written 12.7109375). A page of
 * ten or twenty columns is some six to fourteen of those wider than the
 * widths asked for.
 */
static double
written_px(double w)
{
	return floor(w * 7 + 0.5) + 5;
}

static double
written_width(double w)
{
	return floor(written_px(w) / 7 * 256) / 256;
}

/* The written width of a sheet's columns (page_breaks(), print_scale()). */
static double
sum_widths(const struct sheet *s)
{
	double w = 0;
	int j;

	for (j = 0; j < s->ncols; j++)
		w += written_width(s->cols[j].width);
	return w;
}

static void
set_widths(lxw_worksheet *ws, const struct sheet *s)
{
	int j;

	for (j = 0; j < s->ncols; j++)
		chk(worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		    s->cols[j].width, NULL), "set_column");
}

/* Leading text columns (code, name) stay in view when scrolling right. */
static int
freeze_cols(const struct sheet *s)
{
	int j;

	for (j = 0; j < s->ncols && j < 3; j++)
		if (s->cols[j].src != S_CODE && s->cols[j].src != S_NAME)
			break;
	return j;
}

/*
 * Leading columns repeated on every printed page of a sheet printed
 * across pages: the code and name of a sheet of units, the unit, its
 * name and the row's key of a register.
 */
static int
repeat_cols(const struct sheet *s)
{
	int j;

	if (s->kind == K_UNITS)
		return freeze_cols(s);
	for (j = 0; j < s->ncols && j < 2; j++)
		if (s->cols[j].src != S_UNITNAME && (s->cols[j].src != S_REG ||
		    strcmp(s->cols[j].ind, "unit") != 0))
			break;
	/* and the row's key right after them (doc_no, id): a continued
	 * page's rows are then known by their document */
	if (j == 2 && j < s->ncols && s->rk != NULL &&
	    s->rk->key_col != NULL && s->cols[j].src == S_REG &&
	    strcmp(s->cols[j].ind, s->rk->key_col) == 0)
		j++;
	return j;
}

/*
 * Printed A4 landscape pages. A sheet that fits one page at PRINT_SCALE %
 * or more (or nearly: FIT_SCALE_MIN) is fitted to one page wide. A wider one (a 39-column objectives
 * sheet on one page would print at 4 pt) is printed at PRINT_SCALE with
 * column breaks of our own, never inside a group header that fits a page,
 * and the frozen name columns repeat on every page: Excel ignores manual
 * breaks under fit-to-width, and with our own breaks the titles can be
 * centred on the first page instead of cut at a break.
 */
#define PRINT_SCALE	60
/*
 * Written widths (written_width()) on a page at PRINT_SCALE %. LibreOffice
 * measures a width in digits of the default style's font, Calibri 11; a
 * Debian without Carlito draws it in DejaVu Sans, whose wider digit
 * leaves 176 on a page (measured: 177 spills the last column onto a page
 * of its own, and with it a cut title or note), Excel some 235.
 */
#define PAGE_UNITS	174
#define PRINT_H_PT	(595.3 - 2 * 54)	/* A4 landscape, 0.75 in margins */
/*
 * A sheet a little wider than a page at PRINT_SCALE is still fitted to one
 * page wide, down to FIT_SCALE_MIN %: breaks would print a second page of
 * one or two columns beside the repeated name (the empty "Ghi chú" of a
 * month where every unit is missing, the code of a form that puts it last).
 */
#define FIT_SCALE_MIN	55

/* Whether s prints one page wide, without column breaks of its own. */
static int
one_page_wide(const struct sheet *s)
{
	return s->kind == K_DATA ||
	    sum_widths(s) <= PAGE_UNITS * PRINT_SCALE / FIT_SCALE_MIN;
}

/* Columns from j under the same group header as j (at least 1). */
static int
group_run(const struct sheet *s, int j)
{
	int g = j + 1;

	if (s->cols[j].group == NULL)
		return 1;
	while (g < s->ncols && s->cols[g].group != NULL &&
	    strcmp(s->cols[g].group, s->cols[j].group) == 0)
		g++;
	return g - j;
}

/*
 * The first column of each printed page after the first into breaks[]
 * (0-terminated, as worksheet_set_v_pagebreaks wants), for pages of page
 * written widths; returns how many.
 */
static int
breaks_at(const struct sheet *s, lxw_col_t *breaks, double page)
{
	double rep = 0, used = 0, run;
	int j, k, n, nb = 0, start = repeat_cols(s), split = 0;

	for (j = 0; j < repeat_cols(s); j++)
		rep += written_width(s->cols[j].width);
	for (j = 0; j < s->ncols; j += n) {
		n = group_run(s, j);
		for (run = 0, k = j; k < j + n; k++)
			run += written_width(s->cols[k].width);
		if (run + rep > page)
			n = 1;		/* a group wider than a page: by column */
		/*
		 * A group that fits a page but not what is left of this one
		 * goes whole to the next, unless that leaves a lone column
		 * here beside the repeated ones (the status beside code and
		 * name, the title wrapped in seven lines over it): then it
		 * is split, its header written over each part
		 * (header_rows()).
		 */
		if (n > 1 && used > rep && used + run > page &&
		    j - start <= 1)
			split = j + n;
		if (j < split)
			n = 1;
		if (n == 1)
			run = written_width(s->cols[j].width);
		if (used > rep && used + run > page &&
		    nb < MAXBREAKS - 1) {
			breaks[nb++] = (lxw_col_t)j;
			used = rep;
			start = j;
		}
		used += run;
	}
	breaks[nb] = 0;
	return nb;
}

/*
 * The written width of the widest printed page of s with its nb column
 * breaks (the repeated columns counted on every page after the first).
 */
static double
widest_page(const struct sheet *s, const lxw_col_t *breaks, int nb)
{
	double rep = 0, w = 0, most = 0;
	int j, k = 0;

	for (j = 0; j < repeat_cols(s); j++)
		rep += written_width(s->cols[j].width);
	for (j = 0; j < s->ncols; j++) {
		if (k < nb && (int)breaks[k] == j) {
			most = fmax(most, w);
			w = rep;
			k++;
		}
		w += written_width(s->cols[j].width);
	}
	return fmax(most, w);
}

/*
 * The column breaks at the largest scale under PRINT_SCALE, down to
 * FIT_SCALE_MIN, whose pages are fewer than n (fit 0) or all fit (fit 1),
 * into breaks, the scale into s->scale; returns their number, or -1 when
 * no scale does.
 */
static int
fit_breaks(struct sheet *s, lxw_col_t *breaks, int n, int fit)
{
	double page;
	int m, pct;

	for (pct = PRINT_SCALE - 1; pct >= FIT_SCALE_MIN; pct--) {
		page = (double)PAGE_UNITS * PRINT_SCALE / pct;
		m = breaks_at(s, breaks, page);
		if (fit ? widest_page(s, breaks, m) <= page : m < n) {
			s->scale = pct;
			return m;
		}
	}
	return -1;
}

/*
 * The column breaks of s (breaks_at()) at PRINT_SCALE, or at the largest
 * scale down to FIT_SCALE_MIN that prints fewer pages, s->scale (a third
 * page of the four "Phản ánh" columns of a sheet a little wider than
 * two), or, when a column is wider than what is left beside the repeated
 * ones, that fits it on its page (the 60-wide "Mô tả lỗi" of a register
 * beside code, 150-character names and document numbers made a page of
 * 178.8 at 60 %); returns how many (0: the sheet prints one page wide).
 */
static int
page_breaks(struct sheet *s, lxw_col_t *breaks)
{
	lxw_col_t fewer[MAXBREAKS];
	int n, m, over;

	s->scale = 0;
	if (one_page_wide(s)) {
		breaks[0] = 0;
		return 0;
	}
	n = breaks_at(s, breaks, PAGE_UNITS);
	over = widest_page(s, breaks, n) > PAGE_UNITS;
	/*
	 * A page too wide looks for the scale that fits it first: fewer
	 * pages at 59 % still printed the hostile organization's name
	 * column (tinh-c.ini, last, beside a code column widened for the
	 * agency rows) a page of 188 into the margin, where 55 % fits it.
	 */
	if (over && (m = fit_breaks(s, fewer, n, 1)) >= 0) {
		memcpy(breaks, fewer, sizeof(fewer));
		return m;
	}
	if ((m = fit_breaks(s, fewer, n, 0)) >= 0) {
		memcpy(breaks, fewer, sizeof(fewer));
		return m;
	}
	return n;
}

/* Whether column j starts a printed page after the first. */
static int
page_starts(const struct sheet *s, int j)
{
	int i;

	for (i = 0; i < s->nbreaks; i++)
		if ((int)s->breaks[i] == j)
			return 1;
	return 0;
}

/* Columns on the first printed page. */
static int
first_page_cols(const struct sheet *s)
{
	return s->nbreaks > 0 ? (int)s->breaks[0] : s->ncols;
}

/* The width of columns c0..c1 of s. */
static double
span_cols(const struct sheet *s, int c0, int c1)
{
	double w = 0;
	int j;

	for (j = c0; j <= c1 && j < s->ncols; j++)
		w += s->cols[j].width;
	return w;
}

/*
 * The columns titles and notes are written over, and their width: the
 * first printed page's; on a sheet printed across pages, after the name
 * columns, which repeat on every page and would show a clipped copy,
 * when two columns or more are left there, or one wide enough for a title
 * in a few lines (a status column after a name column of 100-character
 * names, the "Hành động" group then starting the second page).
 */
static void
title_span(const struct sheet *s, int *c0, int *c1, double *w)
{
	*c0 = 0;
	*c1 = first_page_cols(s) - 1;
	if (*c1 < s->ncols - 1 && repeat_cols(s) > 0 &&
	    (repeat_cols(s) < *c1 || (repeat_cols(s) == *c1 &&
	    span_cols(s, *c1, *c1) >= TITLE_MIN_W)))
		*c0 = repeat_cols(s);
	if (*c1 < *c0)
		*c1 = *c0;
	*w = span_cols(s, *c0, *c1);
}

/*
 * On a sheet printed across pages the repeated columns carry the agency
 * rows onto every later page, cut at their right edge: beside a name
 * column of short unit names the second page read "ỦY BAN NHÂN DÂN TỈNH
 * THA". Their last column is widened to hold those lines (and the bold
 * caption of a chart's data, also in the first column).
 */
static void
widen_repeated(const struct book *b, struct sheet *s)
{
	double need = 0, have = 0;
	int j, n = repeat_cols(s);

	if (n == 0 || one_page_wide(s))
		return;
	if (b->cfg.parent != NULL)
		need = fmax(need, text_width(b->cfg.parent));
	if (b->cfg.name != NULL)
		need = fmax(need, text_width(b->cfg.name) * 1.1);
	if (s->chart != NULL)
		need = fmax(need, text_width(tmpl_get(b->t, "workbook",
		    "chart_data", "Số liệu của biểu đồ")) * 1.1);
	need = need * wscale(b) + 2;
	for (j = 0; j < n; j++)
		have += s->cols[j].width;
	if (have < need)
		s->cols[n - 1].width += need - have;
}

/*
 * Page set-up: landscape A4, one page wide or our own column breaks; the
 * data sheet, four narrow columns, portrait, one page wide (in landscape
 * its rows took half as many pages again).
 */
static void
page_setup(lxw_worksheet *ws, const struct sheet *s)
{
	lxw_col_t breaks[MAXBREAKS];

	worksheet_set_paper(ws, 9);	/* A4 */
	if (s->kind == K_DATA) {
		worksheet_set_portrait(ws);
		worksheet_fit_to_pages(ws, 1, 0);
		return;
	}
	worksheet_set_landscape(ws);
	if (s->nbreaks == 0 && s->scale > 0) {
		worksheet_set_print_scale(ws, (uint16_t)s->scale);
		return;
	}
	if (s->nbreaks == 0) {
		worksheet_fit_to_pages(ws, 1, 0);
		return;
	}
	worksheet_set_print_scale(ws, (uint16_t)(s->scale > 0 ? s->scale :
	    PRINT_SCALE));
	/* the table's pages side by side first, then what is below it */
	worksheet_print_across(ws);
	/* libxlsxwriter takes a non-const list */
	memcpy(breaks, s->breaks, sizeof(breaks));
	chk(worksheet_set_v_pagebreaks(ws, breaks), "set_v_pagebreaks");
	if (repeat_cols(s) > 0)
		chk(worksheet_repeat_columns(ws, 0,
		    (lxw_col_t)(repeat_cols(s) - 1)), "repeat_columns");
}

/*
 * SPEC §5: a range takes the sheets of the reporting months lying wholly
 * inside it, not its window, and says which: the line under the
 * subtitle of a units sheet (template [notes] range_months, with
 * {months} "03/2025, 04/2025" and {months_from}, {months_to} the days
 * they cover under the cut-off rule; range_no_months when there is
 * none), as the PDF report's section I says it. NULL for a period of
 * whole months, or an empty wording; owned.
 */
static char *
range_months_text(const struct book *b)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ], iso[16], *t, *u;
	struct sbuf ms = SBUF_INIT, list = SBUF_INIT;
	long m, first, last;

	if (b->per.kind != PK_RANGE)
		return NULL;
	/* the analysis stream's months, which its unit statuses count */
	if (b->months != NULL)
		sbuf_adds(&ms, b->months);
	else
		for (m = b->per.first_month; m <= b->per.last_month; m++) {
			month_iso(m, iso);
			sbuf_printf(&ms, "%s%s", m > b->per.first_month ?
			    "," : "", iso);
		}
	vn_month_list(&list, sbuf_str(&ms), &first, &last);
	sbuf_release(&ms);
	if (list.len == 0) {
		sbuf_release(&list);
		return xstrdup(tmpl_get(b->t, "notes", "range_no_months",
		    "(Không có tháng nào nằm trọn trong kỳ: chỉ có số liệu "
		    "các sổ theo dõi, tính theo ngày)"));
	}
	date_vn(report_month_first_day(first, b->per.cutoff), from);
	date_vn(report_month_last_day(last, b->per.cutoff), to);
	t = tmpl_fill(tmpl_get(b->t, "notes", "range_months",
	    "(Số liệu biểu tháng BM.07.01 lấy từ các tháng nằm trọn trong "
	    "kỳ: {months}, từ ngày {months_from} đến ngày {months_to})"),
	    "months", sbuf_str(&list));
	u = tmpl_fill(t, "months_from", from);
	free(t);
	t = tmpl_fill(u, "months_to", to);
	free(u);
	sbuf_release(&list);
	return t;
}

/* The agency rows (parent, name) and title rows; returns the next row. */
static int
head_rows(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F)
{
	char *t;
	double w;
	int r = 0, c0, c1;

	draft_mark(ws, b, s, F);
	if (b->cfg.parent != NULL && *b->cfg.parent)
		put_text(ws, r++, 0, b->cfg.parent, F->agency);
	if (b->cfg.name != NULL && *b->cfg.name)
		put_text(ws, r++, 0, b->cfg.name, F->agency_bold);
	r++;
	title_span(s, &c0, &c1, &w);
	title_row(ws, b, r++, c0, c1, w, s->title, F->title,
	    (b->fsize + 2) / 11 * b->wfont * 1.1);
	if (*s->subtitle)
		title_row(ws, b, r++, c0, c1, w, s->subtitle, F->subtitle,
		    wscale(b));
	if (s->kind == K_UNITS && (t = range_months_text(b)) != NULL) {
		if (*t != '\0')
			title_row(ws, b, r++, c0, c1, w, t, F->subtitle,
			    wscale(b));
		free(t);
	}
	return r + 1;
}

/*
 * The months of the period that unit u was active in, when not all of them
 * (merged, renamed or set up within it: active_from, active_to of
 * units.ini), as " (hoạt động đến tháng 06/2024)" added to sb, as the
 * report's note says it.
 */
static void
add_active_span(struct sbuf *sb, const struct book *b, const struct urow *u)
{
	const struct unit *c = config_unit(&b->cfg, u->code);
	char m[VNFMT_BUFSZ];
	long from, to;

	if (c == NULL || !unit_active_part(c, b->per.first_month,
	    b->per.last_month, &from, &to))
		return;
	if (from != LONG_MIN)
		sbuf_printf(sb, " (%s %s", tmpl_get(b->t, "status",
		    "active_from", "hoạt động từ tháng"), vn_month(from, m));
	if (to != LONG_MIN)
		sbuf_printf(sb, "%s%s %s", from != LONG_MIN ? "; " : " (",
		    tmpl_get(b->t, "status", "active_to",
		    "hoạt động đến tháng"), vn_month(to, m));
	sbuf_addc(sb, ')');
}

/*
 * The text of unit u's submission status: the [status] wording of its
 * state, "{months}" filled with the months it did not send, then the part
 * of the period it was active in; *owned is what the caller frees.
 */
static const char *
status_text(const struct book *b, const struct urow *u, char **owned)
{
	static const char *const keys[][2] = {
		[US_SUBMITTED] = { "submitted", "Đã nộp đủ" },
		[US_INCOMPLETE] = { "incomplete",
		    "Nộp chưa đủ, thiếu tháng {months}" },
		[US_MISSING] = { "missing", "Chưa nộp" },
		[US_REGISTER] = { "register", "Không phải nộp biểu tháng" },
	};
	struct sbuf sb = SBUF_INIT;
	const char *t, *m;

	*owned = NULL;
	if ((size_t)u->st >= sizeof(keys) / sizeof(keys[0]) ||
	    keys[u->st][0] == NULL)
		return "";
	t = tmpl_get(b->t, "status", keys[u->st][0], keys[u->st][1]);
	if ((m = strstr(t, "{months}")) != NULL) {
		sbuf_add(&sb, t, (size_t)(m - t));
		vn_month_list(&sb, u->months ? u->months : "", NULL, NULL);
		sbuf_adds(&sb, m + 8);
	} else
		sbuf_adds(&sb, t);
	add_active_span(&sb, b, u);
	*owned = sbuf_detach(&sb);
	return *owned;
}

/*
 * The lines of status t (status_text(), owned) in a column of width w.
 * A status too long for one line breaks before its active part, "Đã nộp
 * đủ" / "(hoạt động đến tháng 06/2024)", when that takes no more lines:
 * every reader then shows the same lines. Left to the reader, the break
 * falls where its font and column width put it: LibreOffice, whose
 * columns are wider than Excel's, keeps that status on one line in a row
 * made two lines tall for Excel.
 */
static int
status_lines(char *t, double w)
{
	char *at = strstr(t, " (");
	int lines = wrap_lines(t, w);

	/* the last " (": the active part comes after the wording */
	while (at != NULL && strstr(at + 1, " (") != NULL)
		at = strstr(at + 1, " (");
	if (lines > 1 && at != NULL && at > t && strchr(t, '\n') == NULL)
		lines = break_at(t, at, w, lines);
	return lines;
}

static void
col_letters(int c, char *buf)
{
	char tmp[8];
	int n = 0, i;

	c++;
	while (c > 0) {
		tmp[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

static void
range_of(int c, int r1, int r2, char *buf, size_t n)
{
	char l[8];

	col_letters(c, l);
	snprintf(buf, n, "%s%d:%s%d", l, r1 + 1, l, r2 + 1);
}

/* Appends "=k*E8-F8" for the computed column c in row r to sb. */
static void
calc_formula(struct sbuf *sb, const struct col *c, int r)
{
	char l[8], kb[NUMFMT_BUFSZ];
	int i;

	sbuf_addc(sb, '=');
	for (i = 0; i < c->ncalc; i++) {
		double k = c->calc[i].k;

		col_letters(c->calc[i].col, l);
		if (k < 0)
			sbuf_addc(sb, '-');
		else if (i > 0)
			sbuf_addc(sb, '+');
		if (fabs(k) != 1)
			sbuf_printf(sb, "%s*", numfmt_double(fabs(k), kb));
		sbuf_printf(sb, "%s%d", l, r + 1);
	}
}

/* Appends the SUMIF terms of t over the unit rows to sb. */
static void
terms_formula(struct sbuf *sb, const struct term *t, int n,
    const char *keyrange, int r1, int r2)
{
	char rg[48], kb[48];
	int i;

	for (i = 0; i < n; i++) {
		range_of(t[i].col, r1, r2, rg, sizeof(rg));
		if (i > 0)
			sbuf_addc(sb, '+');
		if (t[i].k != 1)
			sbuf_printf(sb, "%s*", numfmt_double(t[i].k, kb));
		if (strcmp(rg, keyrange) == 0)
			sbuf_printf(sb, "SUM(%s)", rg);
		else
			sbuf_printf(sb, "SUMIF(%s,\">=0\",%s)", keyrange, rg);
	}
}

/*
 * The text a register sheet shows for column c of row rr: the unit's
 * name, an enumerated value's label from [values], or the field as is.
 * Borrowed from the row, the config or the template.
 */
static const char *
reg_text(const struct book *b, const struct sheet *s, const struct col *c,
    const struct status_row *rr)
{
	char key[128];
	const char *v;

	if (c->src == S_UNITNAME) {
		const char *code = rr->unit;
		const struct unit *cu = config_unit(&b->cfg, code);

		return cu && cu->name && *cu->name ? cu->name : code;
	}
	v = rr->f[c->regcol];
	if (*v && s->rk->cols[c->regcol].type != FT_TEXT) {
		snprintf(key, sizeof(key), "%s.%s", s->rk->cols[c->regcol].name,
		    v);
		v = tmpl_get(b->t, "values", key, v);
	}
	return v;
}

/* The width of the cell of column c for unit u, on a units sheet. */
static double
unit_cell_width(struct book *b, struct sheet *s, struct col *c,
    const struct urow *u)
{
	double x, v;
	char *own;

	switch (c->src) {
	case S_CODE:
		x = text_width(u->code);
		break;
	case S_NAME:
		x = line_width(u->name);
		break;
	case S_STATUS:
		x = text_width(status_text(b, u, &own));
		free(own);
		break;
	case S_MET: {
		int fl;
		const char *t = met_text(b, c, u->code, &fl);

		x = t != NULL ? text_width(t) : 0;
		break;
	}
	case S_LOWSAMPLE:
		own = lowsample_text(b, u->lowsample);
		x = own != NULL ? text_width(own) : 0;
		free(own);
		break;
	default:
		x = colval(b, s, c, u->code, &v) ? num_width(b, c->fmt, v) : 0;
		break;
	}
	return x;
}

/* The width of the widest cell of column c above the total row. */
static double
widest_cell(struct book *b, struct sheet *s, struct col *c)
{
	double w = 0;
	size_t i;

	if (s->kind == K_UNITS)
		for (i = 0; i < b->nu; i++)
			w = fmax(w, unit_cell_width(b, s, c, &b->u[i]));
	else
		for (i = 0; i < b->nrr; i++) {
			const struct status_row *rr = b->rr[i];
			const char *t;

			if (rr->kind != s->rk)
				continue;
			t = reg_text(b, s, c, rr);
			w = fmax(w, c->fmt == FM_DATE ? 10 : line_width(t));
		}
	return w;
}

/* The width of column c's cell in the total row (bold: a tenth wider). */
static double
total_width(struct book *b, struct sheet *s, struct col *c)
{
	double w = 0, v;
	char *own;

	if (c->tot == T_LABEL)
		w = fmax(w, text_width(tmpl_get(b->t, "workbook",
		    "total_label", "Toàn cơ quan")) * 1.1);
	if (c->tot == T_SUM || c->tot == T_RATIO || c->tot == T_VALUE)
		if (colval(b, s, c, "*", &v))
			w = fmax(w, num_width(b, c->fmt, v) * 1.1);
	if (s->kind == K_UNITS && c->src == S_MET) {
		int fl;
		const char *t = met_text(b, c, "*", &fl);

		if (t != NULL)
			w = fmax(w, text_width(t) * 1.1);
	}
	if (s->kind == K_UNITS && c->src == S_LOWSAMPLE &&
	    (own = lowsample_text(b, b->low_star)) != NULL) {
		w = fmax(w, text_width(own) * 1.1);
		free(own);
	}
	return w;
}

/*
 * Sets the width of column c from its cells and header, in Excel's units
 * (scale of them to a character), and whether it wraps.
 */
static void
measure_col(struct book *b, struct sheet *s, struct col *c, double scale)
{
	double w, hw;

	w = fmax(widest_cell(b, s, c), total_width(b, s, c));
	if (c->op != 0)		/* "≥ " */
		w += 2;
	if (c->number != NULL)
		w = fmax(w, text_width(c->number));
	/* the header wraps at words, over at most three lines */
	hw = text_width(c->header) * 1.2;
	w = fmax(w, word_width(c->header) * 1.2);
	if (hw > w)
		w = fmax(w, fmin(hw, fmax(10, hw / 3)));
	w = w * scale + 2;
	if (w > MAXWIDTH) {
		w = MAXWIDTH;
		c->wrap = 1;
	}
	/*
	 * A note or status column wraps rather than widen the printed
	 * page ("Nộp chưa đủ, thiếu tháng 03/2024, …" of a long
	 * period would push the figures to the next page).
	 */
	if ((c->src == S_LOWSAMPLE || c->src == S_STATUS) &&
	    w > 28 * scale + 2) {
		w = fmax(28 * scale + 2, word_width(c->header) * 1.2 *
		    scale + 2);
		c->wrap = 1;
	}
	c->width = w;
}

/*
 * Column widths and header heights of a units or register sheet, computed
 * from every cell's text (libxlsxwriter 1.1.4 has no autofit).
 */
static void
measure(struct book *b, struct sheet *s)
{
	double scale = wscale(b);
	int j;

	for (j = 0; j < s->ncols; j++)
		measure_col(b, s, &s->cols[j], scale);
}

/*
 * The numbered column row under the headers, as on the national statistics
 * forms ("A", "(1)", "(3)=(1)+(2)"), when a column of s has a NUMBER
 * field; returns the row after it.
 */
static int
number_row(lxw_worksheet *ws, const struct sheet *s, const struct fmts *F,
    int r)
{
	int j;

	for (j = 0; j < s->ncols; j++)
		if (s->cols[j].number != NULL)
			break;
	if (j == s->ncols)
		return r;
	for (j = 0; j < s->ncols; j++)
		put_text(ws, r, j, s->cols[j].number != NULL ?
		    s->cols[j].number : "", F->number);
	return r + 1;
}

/* Writes the header rows at r; returns the row after them. */
static int
header_rows(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F, int r)
{
	double scale = wscale(b) * 1.2;
	int j, k, two = 0, lg = 1, lsub = 1, lone = 1;

	for (j = 0; j < s->ncols; j++)
		two |= s->cols[j].group != NULL;
	for (j = 0; j < s->ncols; j = k) {
		const struct col *c = &s->cols[j];
		double w = c->width;
		char *h = nfc_or(c->header);

		k = j + 1;
		if (!two) {
			put_text(ws, r, j, h, F->header);
			lone = fmax(lone, wrap_lines(h, c->width / scale - 1));
			free(h);
			continue;
		}
		if (c->group == NULL) {
			put_merged(ws, r, j, r + 1, j, h, F->header);
			lone = fmax(lone, wrap_lines(h, c->width / scale - 1));
			free(h);
			continue;
		}
		free(h);
		/* a group split by a page break (page_breaks()): its
		   header over each page's part */
		while (k < s->ncols && s->cols[k].group != NULL &&
		    strcmp(s->cols[k].group, c->group) == 0 &&
		    !page_starts(s, k))
			w += s->cols[k++].width;
		h = nfc_or(c->group);
		if (k - j > 1)
			put_merged(ws, r, j, r, k - 1, h, F->header);
		else
			put_text(ws, r, j, h, F->header);
		lg = fmax(lg, wrap_lines(h, w / scale - 1));
		free(h);
		for (; j < k; j++) {
			h = nfc_or(s->cols[j].header);
			put_text(ws, r + 1, j, h, F->header);
			lsub = fmax(lsub, wrap_lines(h,
			    s->cols[j].width / scale - 1));
			free(h);
		}
	}
	if (!two) {
		row_height(ws, b, r, lone, 1);
		return number_row(ws, s, F, r + 1);
	}
	if (lone > lg + lsub)
		lsub = lone - lg;
	row_height(ws, b, r, lg, 1);
	row_height(ws, b, r + 1, lsub, 1);
	return number_row(ws, s, F, r + 2);
}

/*
 * The sheet's note under its table, wrapped over the columns of titles
 * (a long note in one cell runs on and is cut at a page break).
 */
static void
note_row(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    int r, const struct fmts *F)
{
	char *t, *n;
	double w;
	int c0, c1, lines;

	if (*s->note == '\0')
		return;
	t = subst(b, s->note);
	n = nfc_or(t);
	title_span(s, &c0, &c1, &w);
	lines = wrap_lines(n, w / wscale(b) - 1);
	merged_text(ws, r, c0, c1, n, F->note);
	row_lines(ws, b, r, lines);
	free(n);
	free(t);
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/*
 * Writes the cell of unit u in column j at row r; returns the lines the
 * row needs for it (a wrapped name, status or note).
 */
static int
unit_cell(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F, const struct urow *u, int r, int j)
{
	const struct col *c = &s->cols[j];
	lxw_format *tf = F->cell[c->wrap ? ST_WRAP : ST_TEXT][0];
	double v, cw = c->width / wscale(b) - 1;
	const char *t;
	char *own = NULL;
	int lines = 1, fl;

	switch (c->src) {
	case S_CODE:
		put_text(ws, r, j, u->code, tf);
		break;
	case S_NAME:
		put_text(ws, r, j, u->name, tf);
		if (c->wrap)
			lines = wrap_lines(u->name, cw);
		break;
	case S_STATUS:
		t = status_text(b, u, &own);
		/* "Nộp chưa đủ, thiếu tháng 01/2024, …" of a long period
		   wraps: the row grows with it */
		if (c->wrap && own != NULL)
			lines = status_lines(own, cw);
		put_text(ws, r, j, t, u->st == US_MISSING ?
		    F->cell[ST_MISSING][0] : tf);
		break;
	case S_MET:
		t = met_text(b, c, u->code, &fl);
		put_text(ws, r, j, t != NULL ? t : "",
		    F->cell[fl ? ST_FAIL : ST_MET][0]);
		break;
	case S_LOWSAMPLE:
		own = lowsample_text(b, u->lowsample);
		put_text(ws, r, j, own != NULL ? own : "", F->cell[ST_FLAG][0]);
		if (own != NULL && c->wrap)
			lines = wrap_lines(own, cw);
		break;
	default:
		if (!colval(b, s, c, u->code, &v))
			chk(worksheet_write_blank(ws, (lxw_row_t)r,
			    (lxw_col_t)j, num_cell_fmt(F, c, 0)),
			    "write_blank");
		else if (c->src == S_CALC) {
			struct sbuf fo = SBUF_INIT;

			calc_formula(&fo, c, r);
			chk(put_formula_num(ws, (lxw_row_t)r, (lxw_col_t)j,
			    sbuf_str(&fo), F->cell[style_of(c->fmt)][0], v),
			    "write_formula");
			sbuf_release(&fo);
		} else
			chk(put_number(ws, (lxw_row_t)r, (lxw_col_t)j, v,
			    result_fmt(b, F, c, u->code, v, 0)),
			    "write_number");
		break;
	}
	free(own);
	return lines;
}

/*
 * The organization's formula of column j over the unit rows r1..r2 into
 * fo: a sum, or a ratio of sums; blank ("") when there is nothing.
 */
static void
total_formula(struct sbuf *fo, const struct col *c, int j, int r1, int r2)
{
	struct sbuf den = SBUF_INIT;
	char rg[48], key[48];

	range_of(j, r1, r2, rg, sizeof(rg));
	if (c->tot == T_SUM) {
		sbuf_printf(fo, "=IF(COUNT(%s)=0,\"\",SUM(%s))", rg, rg);
		return;
	}
	range_of(c->den[0].col, r1, r2, key, sizeof(key));
	terms_formula(&den, c->den, c->nden, key, r1, r2);
	sbuf_printf(fo, "=IF((%s)=0,\"\",(", sbuf_str(&den));
	terms_formula(fo, c->num, c->nnum, key, r1, r2);
	sbuf_printf(fo, ")/(%s))", sbuf_str(&den));
	sbuf_release(&den);
}

/*
 * Writes the organization's cell of column j at row r (units in rows
 * r1..r2): the total label, a text, a plain value, or a formula with the
 * computed value cached. Returns the lines it needs.
 */
static int
total_cell(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F, int r, int j, int r1, int r2)
{
	const struct col *c = &s->cols[j];
	lxw_format *f = num_cell_fmt(F, c, 1);
	struct sbuf fo = SBUF_INIT;
	double sv = 0;
	int hs = colval(b, s, c, "*", &sv), fl, lines = 1;
	const char *t;
	char *own;

	if (c->tot == T_LABEL) {
		put_text(ws, r, j, tmpl_get(b->t, "workbook", "total_label",
		    "Toàn cơ quan"), F->cell[ST_TEXT][1]);
	} else if (c->src == S_MET) {
		t = met_text(b, c, "*", &fl);
		put_text(ws, r, j, t != NULL ? t : "",
		    F->cell[fl ? ST_FAIL : ST_MET][1]);
	} else if (c->src == S_LOWSAMPLE) {
		own = lowsample_text(b, b->low_star);
		put_text(ws, r, j, own != NULL ? own : "", F->cell[ST_FLAG][1]);
		if (own != NULL && c->wrap)
			lines = wrap_lines(own, c->width / wscale(b) - 1);
		free(own);
	} else if (c->tot == T_NONE || (c->tot == T_VALUE && !hs) ||
	    (b->nu == 0 && !hs)) {
		chk(worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)j, f),
		    "write_blank");
	} else if (c->tot == T_VALUE || b->nu == 0) {
		chk(put_number(ws, (lxw_row_t)r, (lxw_col_t)j, sv,
		    result_fmt(b, F, c, "*", sv, 1)), "write_number");
	} else {
		total_formula(&fo, c, j, r1, r2);
		if (hs)
			chk(put_formula_num(ws, (lxw_row_t)r, (lxw_col_t)j,
			    sbuf_str(&fo), result_fmt(b, F, c, "*", sv, 1), sv),
			    "write_formula");
		else
			chk(worksheet_write_formula_str(ws, (lxw_row_t)r,
			    (lxw_col_t)j, sbuf_str(&fo), f, ""),
			    "write_formula");
		sbuf_release(&fo);
	}
	return lines;
}

/* The scale a sheet prints at (page_setup()): 1 is 100 %. */
static double
print_scale(const struct sheet *s)
{
	double w = sum_widths(s);

	if (s->scale > 0)	/* page_breaks(), chart_scale() */
		return s->scale / 100.0;
	if (s->nbreaks > 0 || w <= 0)
		return PRINT_SCALE / 100.0;
	return fmin(1, PAGE_UNITS * (PRINT_SCALE / 100.0) / w);
}

/*
 * Whether rows 0..last surely print on one A4 landscape page (a fifth of
 * it kept for the readers' own row heights): then the header rows need
 * not repeat, and the page of the chart below shows no header without a
 * table under it.
 */
static int
fits_one_page(lxw_worksheet *ws, const struct book *b,
    const struct sheet *s, int last)
{
	double pt = 0;
	int r;

	for (r = 0; r <= last; r++) {
		lxw_row *row = lxw_worksheet_find_row(ws, (lxw_row_t)r);

		pt += row != NULL && row->height_changed ? row->height :
		    fmax(LXW_DEF_ROW_HEIGHT, line_height(b)) + 1;
	}
	return pt * print_scale(s) <= 0.8 * PRINT_H_PT;
}

/*
 * The bars of a units' chart: the units with a value in its column, in
 * the sheet's order (a unit without one gets no category: an empty
 * category reads as a bar at 0), the rows of their copy under the table
 * (a series takes one range of cells) and how they are drawn.
 */
struct bars {
	size_t		*iu, n;		/* the units charted: indices of b->u */
	int		 vc, cc;	/* the value and category columns */
	int		 codes;		/* cc holds the codes, not its own text */
	int		 row;		/* the first row of the chart's data */
	double		 px, pt;	/* pixels per bar; points of the names */
};

/*
 * Pixels per bar of the units' chart: a reader wraps a long unit name
 * on the category axis (at 40 to 64 characters a line in LibreOffice,
 * as wide as the chart lets it: 40 is safe) and leaves out every other
 * name when they do not fit.
 */
static double
bar_px(const struct book *b, const struct bars *k)
{
	size_t i, most = 0;

	for (i = 0; i < k->n; i++)
		if (utf8_chars(b->u[k->iu[i]].name) > most)
			most = utf8_chars(b->u[k->iu[i]].name);
	return fmax(24, 16 * ceil((double)most / 40) + 8);
}

/*
 * The pixels of the whole columns of s, and of the default width past
 * them, that a page printed at s->scale % holds (PAGE_UNITS at
 * PRINT_SCALE %): a reader lays a chart over the columns it is anchored
 * to, in its own widths, and breaks the page before a column that does
 * not fit whole.
 */
static double
page_cols_px(const struct sheet *s)
{
	double room = (double)PAGE_UNITS * PRINT_SCALE / s->scale, w, px = 0;
	int j;

	for (j = 0; j < LXW_COL_MAX; j++) {
		w = j < s->ncols ? s->cols[j].width : LXW_DEF_COL_WIDTH;
		if (written_width(w) > room)
			break;
		room -= written_width(w);
		px += written_px(w);
	}
	return px;
}

/*
 * The chart's width, as a scale of libxlsxwriter's 480 pixels: 1.8, but
 * no wider than the whole columns a page holds when it is printed at a
 * scale of our own (chart_scale(); page_cols_px()), and on a sheet printed
 * across pages no wider than the first page's columns (written_px()): a
 * chart anchored past the page's last column is cut at the break, its
 * title and right half printed on the next page (a chart 860 pixels wide
 * beside four columns of 836 at 85 %: LibreOffice printed its last 24 on
 * a page of their own).
 */
static double
chart_x_scale(const struct sheet *s)
{
	double px = 0;
	int j;

	if (s->nbreaks == 0 && s->scale > 0)
		return fmin(1.8, page_cols_px(s) / 480);
	if (s->nbreaks == 0)
		return 1.8;
	for (j = 0; j < first_page_cols(s); j++)
		px += written_px(s->cols[j].width);
	return fmin(1.8, px / 480);
}

/* The tallest chart a printed page holds, in pixels at 100 %. */
static double
chart_max_px(const struct sheet *s)
{
	return 0.9 * PRINT_H_PT / print_scale(s) * 96 / 72;
}

/* The smallest type of the bars' names, and a bar's pixels per point. */
#define NAME_PT_MIN	6
#define BAR_PX_PER_PT	2.4
/*
 * The smallest scale a sheet without a code column is printed at to keep
 * its bars' names: smaller, the bars are named by the codes instead
 * (chart_scale()). The hostile organization's 40 names of 150 characters
 * printed the sheet, its table too, at 12 %: nothing on it could be read.
 */
#define CHART_NAMES_SCALE_MIN	50

/*
 * The column that names the bars k of the units' chart (k->cc), the
 * pixels per bar and the points of the names (0: the reader's 10): the
 * first name column, unless the names of every bar do not fit the page's
 * height (a reader would leave out every other one, so half the bars had
 * no name, 36 units of 100-character names): then the code column, one
 * short line a bar, 24 px at 10 pt, in smaller type (down to 6 pt) for
 * more bars than that fits (48 units: 7 pt).
 */
static void
chart_cats(const struct book *b, const struct sheet *s, struct bars *k)
{
	double n = (double)k->n;
	int j, name = -1, code = -1;

	for (j = 0; j < s->ncols; j++) {
		if (s->cols[j].src == S_NAME && name < 0)
			name = j;
		if (s->cols[j].src == S_CODE && code < 0)
			code = j;
	}
	k->px = bar_px(b, k);
	k->pt = 0;
	k->cc = name;
	k->codes = 0;
	if (name >= 0 && !s->chart_codes &&
	    (code < 0 || n * k->px + 80 <= chart_max_px(s)))
		return;
	k->px = 24;
	if (n * k->px + 80 > chart_max_px(s)) {
		k->pt = fmax(NAME_PT_MIN, floor((chart_max_px(s) - 80) / n /
		    BAR_PX_PER_PT));
		k->px = k->pt * BAR_PX_PER_PT;
	}
	k->cc = code >= 0 ? code : name >= 0 ? name : 0;
	k->codes = code < 0;
}

/*
 * The print scale of a sheet one page wide whose chart's bars do not fit
 * a page at its width's scale even named by codes in the smallest type
 * (40 units on a sheet of five columns, printed at 100 %: a reader left
 * out every other name): s->scale, small enough for them; else 0.
 * A sheet without a code column keeps the names down to
 * CHART_NAMES_SCALE_MIN, then names the bars by the codes
 * (s->chart_codes) in the smallest type, as a sheet with one would.
 * A sheet with column breaks keeps its scale (62 bars at 6 pt at 60 %).
 */
static void
chart_scale(const struct book *b, struct sheet *s)
{
	struct bars k = { 0 };
	double need, v;
	size_t i;
	int j, code = 0;

	s->chart_codes = 0;
	if (s->kind != K_UNITS || s->chart == NULL || s->nbreaks > 0 ||
	    (k.vc = col_of(s, s->ncols, s->chart)) < 0)
		return;
	k.iu = xcalloc(b->nu + 1, sizeof(*k.iu));
	for (i = 0; i < b->nu; i++)
		if (colval(b, s, &s->cols[k.vc], b->u[i].code, &v))
			k.iu[k.n++] = i;
	for (j = 0; j < s->ncols; j++)
		code |= s->cols[j].src == S_CODE;
	/* chart_cats(): the codes in the smallest type, else the names */
	need = (double)k.n * (code ? NAME_PT_MIN * BAR_PX_PER_PT :
	    bar_px(b, &k)) + 80;
	if (!code && need > chart_max_px(s) && chart_max_px(s) *
	    print_scale(s) / need * 100 < CHART_NAMES_SCALE_MIN) {
		s->chart_codes = 1;
		need = (double)k.n * NAME_PT_MIN * BAR_PX_PER_PT + 80;
	}
	if (need > chart_max_px(s))
		s->scale = (int)fmax(10, floor(chart_max_px(s) *
		    print_scale(s) / need * 100));
	free(k.iu);
}

/*
 * The number format of the labels of a chart of column vc: the column's,
 * with as many more decimals as the cell of any bar has (result_fmt():
 * 94.996% against a 95% target), so that no bar reads "95.00%" where its
 * cell reads "94.996%" beside "Không đạt"; buf holds it when built.
 */
static const char *
chart_numfmt(const struct book *b, const struct fmts *F,
    const struct sheet *s, int vc, char *buf, size_t n)
{
	const struct col *c = &s->cols[vc];
	int rate = c->fmt == FM_RATE, d, most = 0;
	lxw_format *f;
	size_t i;
	double v;

	for (i = 0; i < b->nu; i++) {
		if (!colval(b, s, c, b->u[i].code, &v))
			continue;
		f = result_fmt(b, F, c, b->u[i].code, v, 0);
		for (d = most + 1; d <= MOREDEC; d++)
			if (f == F->more[rate][d][0])
				most = d;
	}
	if (most == 0)
		return b->numfmt[c->fmt];
	more_numfmt(buf, n, rate, most);
	return buf;
}

/*
 * The sheet's bar chart of the bars k (column k->vc, named by column
 * k->cc, rows from k->row), put at row at, on a printed page of its own;
 * its labels and axis in the column's format (a chart of counts shows
 * "20", not "2000.00%").
 */
static void
draw_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct book *b,
    const struct sheet *s, const struct fmts *F, const struct bars *k,
    int at)
{
	int vc = k->vc, r2 = k->row + (int)k->n - 1;
	lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_BAR);
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	lxw_chart_font cf = { 0 };
	lxw_chart_options co = { 0 };
	lxw_row_t brk[] = { (lxw_row_t)(at - 1), 0 };
	char *ct = subst(b, s->chart_title), *ctn = nfc_or(ct), lf[32];
	lxw_chart_font nf = { 0 };

	/* a value cell emptied by hand: no bar, not a bar at 0 */
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	cf.name = (char *)b->font;
	cf.size = 12;
	cf.bold = 1;
	chart_series_set_categories(se, s->name, (lxw_row_t)k->row,
	    (lxw_col_t)k->cc, (lxw_row_t)r2, (lxw_col_t)k->cc);
	chart_series_set_values(se, s->name, (lxw_row_t)k->row, (lxw_col_t)vc,
	    (lxw_row_t)r2, (lxw_col_t)vc);
	xlsxnum_chart(++cur_chart, cur_sheet, (unsigned)k->row, (unsigned)vc);
	chart_series_set_labels(se);
	chart_series_set_labels_num_format(se, chart_numfmt(b, F, s, vc, lf,
	    sizeof(lf)));
	if (*ctn) {
		/* "=…" would be taken for a formula: as text (xlsxnum.h) */
		size_t ln = strlen(ctn) + sizeof(XLSXNUM_LITERAL);
		char *lit = xcalloc(ln, 1);

		snprintf(lit, ln, "%s%s", *ctn == '=' ? XLSXNUM_LITERAL : "",
		    ctn);

		chart_title_set_name(ch, lit);
		chart_title_set_name_font(ch, &cf);
		free(lit);
	}
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	/* a bar chart: the value axis is x, units read top down */
	if (s->cols[vc].fmt == FM_RATE) {
		chart_axis_set_num_format(ch->x_axis, "0%");
		chart_axis_set_min(ch->x_axis, 0);
		chart_axis_set_max(ch->x_axis, 1);
	} else
		chart_axis_set_num_format(ch->x_axis,
		    b->numfmt[s->cols[vc].fmt]);
	chart_axis_set_reverse(ch->y_axis);
	/*
	 * The names, scale and labels in the sheet's font, as the title:
	 * without a name the reader draws them in its own (Calibri, a
	 * sans-serif beside a Times title)
	 */
	nf.name = (char *)b->font;
	chart_axis_set_num_font(ch->x_axis, &nf);
	chart_series_set_labels_font(se, &nf);
	if (k->pt > 0)		/* the names: smaller, to keep every one */
		nf.size = k->pt;
	chart_axis_set_num_font(ch->y_axis, &nf);
	co.x_scale = chart_x_scale(s);
	/* as tall as its bars need, but no taller than a printed page */
	co.y_scale = fmin(fmax(1.0, ((double)k->n * k->px + 80) / 288),
	    chart_max_px(s) / 288);
	chk(worksheet_insert_chart_opt(ws, (lxw_row_t)at, 0, ch, &co),
	    "insert_chart");
	/* printed on a page of its own, never cut across two */
	chk(worksheet_set_h_pagebreaks(ws, brk), "set_h_pagebreaks");
	free(ct);
	free(ctn);
}

/*
 * The chart's data from row at: a caption ([workbook] chart_data), then
 * a row per charted unit, its name (or code: the bars' names) and its
 * value, a formula on its cell of the table (units from row r1) with
 * that value cached, in the cell's format. A person reading it sees the
 * very figures of the table; it lies below the table's autofilter, so
 * no sorting moves it. Returns its last row.
 */
static int
chart_data(lxw_worksheet *ws, const struct book *b, const struct sheet *s,
    const struct fmts *F, struct bars *k, int r1, int at)
{
	const struct col *c = &s->cols[k->vc];
	char l[8], fo[32], *cap = subst(b, tmpl_get(b->t, "workbook",
	    "chart_data", "Số liệu của biểu đồ"));
	size_t i;
	double v;

	put_text(ws, at, 0, cap, F->agency_bold);
	free(cap);
	col_letters(k->vc, l);
	k->row = at + 1;
	for (i = 0; i < k->n; i++) {
		const struct urow *u = &b->u[k->iu[i]];
		int r = k->row + (int)i;

		if (k->codes)	/* the bars' names: no column shows them */
			put_text(ws, r, k->cc, u->code,
			    F->cell[ST_TEXT][0]);
		else
			row_lines(ws, b, r, unit_cell(ws, b, s, F, u, r,
			    k->cc));
		colval(b, s, c, u->code, &v);
		snprintf(fo, sizeof(fo), "=%s%d", l, r1 + (int)k->iu[i] + 1);
		chk(put_formula_num(ws, (lxw_row_t)r, (lxw_col_t)k->vc, fo,
		    result_fmt(b, F, c, u->code, v, 0), v), "write_formula");
	}
	return k->row + (int)k->n - 1;
}

/*
 * The sheet's chart of column s->chart by unit (the table's units from
 * row r1): its data from row at, the chart below it; neither when no
 * unit has a value, as for a sheet without units.
 */
static void
units_chart(lxw_workbook *wb, lxw_worksheet *ws, const struct book *b,
    const struct sheet *s, const struct fmts *F, int r1, int at)
{
	struct bars k = { 0 };
	size_t i;
	double v;

	k.vc = col_of(s, s->ncols, s->chart);
	k.iu = xcalloc(b->nu + 1, sizeof(*k.iu));
	for (i = 0; i < b->nu; i++)
		if (colval(b, s, &s->cols[k.vc], b->u[i].code, &v))
			k.iu[k.n++] = i;
	if (k.n > 0) {
		chart_cats(b, s, &k);
		/* the chart after the data and a blank row */
		draw_chart(wb, ws, b, s, F, &k,
		    chart_data(ws, b, s, F, &k, r1, at) + 2);
	}
	free(k.iu);
}

/*
 * A sheet of units: agency and title rows, headers, a row per unit, the
 * organization's row of formulas, the note, the chart's data and the chart.
 */
static void
write_units_sheet(lxw_workbook *wb, lxw_worksheet *ws, const struct book *b,
    const struct sheet *s, const struct fmts *F)
{
	int r, r1, r2, j, hdr, lines;
	size_t i;

	set_widths(ws, s);
	r = head_rows(ws, b, s, F);
	hdr = r;
	r = header_rows(ws, b, s, F, r);
	r1 = r;
	for (i = 0; i < b->nu; i++, r++) {
		for (lines = 1, j = 0; j < s->ncols; j++)
			lines = imax(lines, unit_cell(ws, b, s, F, &b->u[i], r,
			    j));
		row_lines(ws, b, r, lines);
	}
	r2 = r - 1;
	for (lines = 1, j = 0; j < s->ncols; j++)
		lines = imax(lines, total_cell(ws, b, s, F, r, j, r1, r2));
	row_lines(ws, b, r, lines);
	note_row(ws, b, s, r + 2, F);
	worksheet_freeze_panes(ws, (lxw_row_t)r1, (lxw_col_t)freeze_cols(s));
	if (s->ncols > 0)
		chk(worksheet_autofilter(ws, (lxw_row_t)(r1 - 1), 0,
		    (lxw_row_t)(b->nu > 0 ? r2 : r1 - 1),
		    (lxw_col_t)(s->ncols - 1)), "autofilter");
	/*
	 * printed pages repeat the header rows, when the table has pages
	 * (the chart's data below it is not under them)
	 */
	if (!fits_one_page(ws, b, s, r + 2))
		chk(worksheet_repeat_rows(ws, (lxw_row_t)hdr,
		    (lxw_row_t)(r1 - 1)), "repeat_rows");
	if (s->chart != NULL)
		units_chart(wb, ws, b, s, F, r1, r + 4);
}

static void
write_register_sheet(lxw_worksheet *ws, const struct book *b,
    const struct sheet *s, const struct fmts *F)
{
	double scale = wscale(b);
	int r, r1, j, n = 0;
	size_t i;

	set_widths(ws, s);
	r = head_rows(ws, b, s, F);
	r1 = header_rows(ws, b, s, F, r);
	/* printed pages repeat the header rows */
	chk(worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)(r1 - 1)),
	    "repeat_rows");
	r = r1;
	for (i = 0; i < b->nrr; i++) {
		const struct status_row *rr = b->rr[i];
		int lines = 1;

		if (rr->kind != s->rk)
			continue;
		n++;
		cur_row = rr;
		for (j = 0; j < s->ncols; j++) {
			const struct col *c = &s->cols[j];
			lxw_format *tf;
			const char *v = reg_text(b, s, c, rr);
			long d;

			if (c->fmt == FM_DATE && *v &&
			    date_parse(v, strlen(v), &d) == DATE_OK) {
				lxw_datetime dt = { 0 };
				int y, m, dd;

				date_to_ymd(d, &y, &m, &dd);
				dt.year = y;
				dt.month = m;
				dt.day = dd;
				chk(worksheet_write_datetime(ws, (lxw_row_t)r,
				    (lxw_col_t)j, &dt, F->cell[ST_DATE][0]),
				    "write_datetime");
				continue;
			}
			if ((c->fmt == FM_COUNT || c->fmt == FM_NUMBER) &&
			    *v) {
				double x;

				if (parse_value(v, &x) == 0) {
					chk(put_number(ws,
					    (lxw_row_t)r, (lxw_col_t)j, x,
					    F->cell[style_of(c->fmt)][0]),
					    "write_number");
					continue;
				}
			}
			/* long or multi-line text wraps; the row grows */
			tf = F->cell[c->wrap || strchr(v, '\n') ? ST_WRAP :
			    ST_TEXT][0];
			put_text(ws, r, j, v, tf);
			if (c->wrap || strchr(v, '\n'))
				lines = fmax(lines, wrap_lines(v,
				    c->width / scale - 1));
		}
		row_lines(ws, b, r, lines);
		r++;
	}
	cur_row = NULL;
	if (n == 0) {
		const char *none = tmpl_get(b->t, "workbook", "no_rows",
		    "Không có");

		/* across the table: the first column is a narrow code */
		if (s->ncols > 1)
			put_merged(ws, r, 0, r, s->ncols - 1, none, F->note);
		else
			put_text(ws, r, 0, none, F->note);
	}
	note_row(ws, b, s, r + 2, F);
	worksheet_freeze_panes(ws, (lxw_row_t)r1, 0);
	chk(worksheet_autofilter(ws, (lxw_row_t)(r1 - 1), 0,
	    (lxw_row_t)(n > 0 ? r - 1 : r1 - 1), (lxw_col_t)(s->ncols - 1)),
	    "autofilter");
}

/* The indicators CSV as a table for machines: header in row 1. */
static void
write_data_sheet(lxw_worksheet *ws, const struct book *b,
    const struct fmts *F)
{
	static const char *const hdr[] = { "period", "unit", "indicator",
		"value" };
	double w[4] = { 6, 4, 9, 5 }, x;
	char buf[NUMFMT_BUFSZ];
	size_t i;
	int j;

	for (j = 0; j < 4; j++)
		put_text(ws, 0, j, hdr[j], F->data_head);
	for (i = 0; i < b->niv; i++) {
		const struct ival *r = &b->iv[i];

		put_text(ws, (int)i + 1, 0, r->period, F->data_text);
		put_text(ws, (int)i + 1, 1, r->unit, F->data_text);
		put_text(ws, (int)i + 1, 2, r->ind, F->data_text);
		chk(put_number(ws, (lxw_row_t)i + 1, 3, r->v,
		    F->data), "write_number");
		w[0] = fmax(w[0], text_width(r->period));
		w[1] = fmax(w[1], text_width(r->unit));
		w[2] = fmax(w[2], text_width(r->ind));
		x = (double)strlen(numfmt_double(r->v, buf));
		w[3] = fmax(w[3], fmin(x, 12));
	}
	for (j = 0; j < 4; j++)
		chk(worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
		    w[j] * wscale(b) + 2, NULL), "set_column");
	worksheet_freeze_panes(ws, 1, 0);
	/* its header on every printed page, as on the other sheets */
	chk(worksheet_repeat_rows(ws, 0, 0), "repeat_rows");
	chk(worksheet_autofilter(ws, 0, 0, (lxw_row_t)b->niv, 3),
	    "autofilter");
}

/* The creation time: SOURCE_DATE_EPOCH, else the period's last day. */
static time_t
created_time(const struct book *b)
{
	long long v;
	int sde = date_epoch_env(&v);

	if (sde > 0)
		return (time_t)v;
	if (sde < 0)
		diag_warnat(NULL, 0, 0, "SOURCE_DATE_EPOCH '%s' is not a "
		    "number of seconds; using the period's last day",
		    getenv("SOURCE_DATE_EPOCH"));
	return (time_t)b->per.last_day * 86400;
}

/* Every sheet of the template, in order (registers when there is data). */
static void
write_sheets(lxw_workbook *wb, struct book *b, const struct fmts *F)
{
	struct sheet *s;
	lxw_worksheet *ws;
	int i;

	xlsxnum_reset();
	cur_sheet = 0;
	cur_chart = 0;
	for (i = 0; i < b->nsh; i++) {
		s = &b->sh[i];
		if (s->kind == K_REGISTER && !b->have_data)
			continue;
		if (s->kind != K_DATA) {
			measure(b, s);
			widen_repeated(b, s);
		}
		/* its printed pages, once its widths are known */
		s->nbreaks = page_breaks(s, s->breaks);
		chart_scale(b, s);
		ws = workbook_add_worksheet(wb, s->name);
		if (ws == NULL) {
			chk(LXW_ERROR_PARAMETER_VALIDATION, "add_worksheet");
			break;
		}
		cur_sheet++;	/* xl/worksheets/sheetN.xml */
		cur_name = s->name;
		page_setup(ws, s);
		page_footer(ws, b);
		if (s->kind != K_DATA)
			draft_header(ws, b);
		if (s->kind == K_UNITS)
			write_units_sheet(wb, ws, b, s, F);
		else if (s->kind == K_REGISTER)
			write_register_sheet(ws, b, s, F);
		else
			write_data_sheet(ws, b, F);
	}
}

/* Document properties: title (with the draft's mark), subject, keywords,
 * the agency as author and company, the parent agency as manager. */
static void
set_properties(lxw_workbook *wb, const struct book *b)
{
	lxw_doc_properties dp;
	struct sbuf sb = SBUF_INIT;
	char *title, *subject, *keywords, *draft = NULL;

	title = subst(b, tmpl_get(b->t, "workbook", "title",
	    "Báo cáo thống kê, phân tích và cải tiến {period_title}"));
	if (b->draft > 0) {
		draft = draft_text(b);
		sbuf_printf(&sb, "%s (%s)", title, draft);
		free(title);
		title = sbuf_detach(&sb);
	}
	subject = subst(b, tmpl_get(b->t, "workbook", "subject", ""));
	keywords = subst(b, tmpl_get(b->t, "workbook", "keywords", ""));
	memset(&dp, 0, sizeof(dp));
	dp.title = title;
	dp.subject = subject;
	dp.keywords = keywords;
	dp.author = b->cfg.name;
	dp.company = b->cfg.name;
	dp.manager = b->cfg.parent;
	dp.created = created_time(b);
	dp.status = draft;
	chk(workbook_set_properties(wb, &dp), "set_properties");
	free(title);
	free(subject);
	free(keywords);
	free(draft);
}

/*
 * Writes the workbook to out through a temporary file, its numbers made
 * exact (xlsxnum), and renames it into place (or, out "-", copies it to
 * standard output) only when all went well.
 */
static int
write_book(struct book *b, const char *path)
{
	struct atomic_file af;
	lxw_workbook *wb;
	struct fmts F;
	lxw_error e;
	int out_std = strcmp(path, "-") == 0;
	const char *out = out_std ? "standard output" : path;

	if ((out_std ? atomic_open_stdout(&af) : atomic_open(&af, path)) ==
	    NULL) {
		diag_plain("%s: %s:", out_std ? temp_dir() : out, out_std ?
		    "cannot create a temporary file" : "cannot write");
		return EXIT_USAGE;
	}
	fclose(af.fp);
	af.fp = NULL;
	if ((wb = workbook_new(af.tmp)) == NULL) {
		diag_plain("%s: cannot create the workbook", out);
		atomic_abort(&af);
		return EXIT_USAGE;
	}
	memset(&F, 0, sizeof(F));
	make_formats(wb, b, &F);
	write_sheets(wb, b, &F);
	set_properties(wb, b);
	if (lxw_err != LXW_NO_ERROR) {
		diag_plain("%s: %s: %s", out, lxw_what, lxw_strerror(lxw_err));
		lxw_workbook_free(wb);
		atomic_abort(&af);
		return EXIT_USAGE;
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		diag_errorat(out, 0, 0, "cannot write: %s", lxw_strerror(e));
		atomic_abort(&af);
		return EXIT_USAGE;
	}
	if (xlsxnum_fix_file(af.tmp) != 0) {
		diag_errorat(out, 0, 0, "cannot write the exact numbers:");
		atomic_abort(&af);
		return EXIT_USAGE;
	}
	if (atomic_commit(&af) != 0) {
		diag_errorat(out, 0, 0, "cannot write:");
		return EXIT_USAGE;
	}
	return 0;
}

/* ------------------------------------------------------------ main */

static void
book_release(struct book *b)
{
	size_t i;
	int j, k;

	for (i = 0; i < b->niv; i++) {
		free(b->iv[i].period);
		free(b->iv[i].unit);
		free(b->iv[i].ind);
	}
	free(b->iv);
	free(b->ix);
	for (i = 0; i < b->nu; i++) {
		free(b->u[i].code);
		free(b->u[i].months);
	}
	for (i = 0; i < b->nu; i++)
		free(b->u[i].lowsample);
	free(b->u);
	free(b->low_star);
	free(b->rr);
	status_list_release(&b->sl);
	for (j = 0; j < b->nsh; j++) {
		for (k = 0; k < b->sh[j].ncols; k++) {
			free(b->sh[j].cols[k].spec);
			free(b->sh[j].cols[k].gbuf);
		}
		free(b->sh[j].cols);
		free(b->sh[j].keybuf);
		for (k = 0; k < b->sh[j].nunknown; k++)
			free(b->sh[j].unknown[k]);
		free(b->sh[j].unknown);
	}
	free(b->sh);
	free(b->title);
	free(b->months);
	tmpl_free(b->t);
	if (b->have_cfg)
		config_release(&b->cfg);
	xlsxnum_reset();
}

static void
usage(void)
{
	diag_plain("usage: baocao-xlsx --config DIR --period P --indicators CSV "
	    "--analysis FILE [--data NORM] [--template FILE] [--draft N] "
	    "[-o OUT.xlsx]");
	exit(EXIT_USAGE);
}

static void
help(void)
{
	printf("usage: baocao-xlsx --config DIR --period P --indicators CSV\n"
	    "           --analysis FILE [--data NORM] [--template FILE]\n"
	    "           [--draft N] [-o OUT.xlsx]\n\n"
	    "Writes the workbook for the province (SPEC 7.2): one sheet per\n"
	    "template section, organization totals as formulas, the\n"
	    "indicators as a table. See docs/XLSX.md.\n\n"
	    "  -c, --config DIR       configuration directory\n"
	    "  -p, --period P         period label (2024-12, 2024-Q4, ...)\n"
	    "  -i, --indicators CSV   indicators CSV of baocao-analyze\n"
	    "  -a, --analysis FILE    analysis stream of baocao-analyze\n"
	    "  -d, --data NORM        normalized stream (register lists)\n"
	    "  -t, --template FILE    layout (default: config [xlsx] template,\n"
	    "                         else xlsx/default.ini in the templates:\n"
	    "                         $BAOCAO_TEMPLATES, ./templates or the\n"
	    "                         installed copy)\n"
	    "      --draft N          draft number (1-99): \"DỰ THẢO LẦN N\" on\n"
	    "                         every sheet but the data sheet, in\n"
	    "                         the page headers and the properties;\n"
	    "                         0, the default, is the final\n"
	    "  -o, --output OUT       the workbook to write; without -o or\n"
	    "                         with -o -, standard output (not a\n"
	    "                         terminal), written once it is whole\n"
	    "      --help, --version\n"
	    "\nExit status: 0 written, 1 bad data, 2 usage, a template with\n"
	    "mistakes, or I/O error.\n");
	diag_exit_stdout(EXIT_OK);
}

#ifndef UNIT_TESTING

/* A usage error naming NAME when the required option was not given. */
static void
require_option(const char *name, const char *value)
{
	if (value != NULL)
		return;
	/* a bare usage line leaves the user to find which one is missing */
	diag_plain("%s is required", name);
	usage();
}

/* A cell holds a name on one line: "\n" written for the PDF is a space. */
static void
one_line_names(struct config *c)
{
	int i;

	config_one_line(c->parent);
	config_one_line(c->name);
	for (i = 0; i < c->nunits; i++)
		config_one_line(c->units[i].name);
}

/* The command line. */
struct xopts {
	const char	*analysis, *confdir, *data, *indicators, *draft;
	const char	*period, *tpath, *out;
};

/*
 * Everything the workbook is made from, read and checked: configuration,
 * period, template, indicators, analysis, registers. Returns an exit
 * status; diag said what is wrong.
 */
static int
load_book(struct book *b, const struct xopts *o)
{
	static char deftmpl[4096];
	char ptitle[PERIOD_TITLESZ];
	const char *err;
	size_t i;
	long v;
	int rv;

	if (o->draft != NULL) {
		if (num_option(o->draft, 0, 99, &v) != 0) {
			diag_plain("draft number is %s: expected 0 to 99",
			    o->draft);
			return EXIT_USAGE;
		}
		b->draft = (int)v;
	}
	status_list_init(&b->sl);
	b->indpath = o->indicators;
	rv = config_load(&b->cfg, o->confdir);
	b->have_cfg = 1;
	if (rv != 0)
		return rv;
	order_cfg = &b->cfg;	/* sheets list units as units.ini does */
	b->tpath = o->tpath;
	if (b->tpath == NULL) {		/* config [xlsx] template */
		char cfgpath[4096];

		snprintf(cfgpath, sizeof(cfgpath), "%s/baocao.ini",
		    o->confdir);
		if (tmpl_xlsx_path(b->cfg.xlsx_template, cfgpath,
		    b->cfg.xlsx_template_line, tmpl_dir(NULL), deftmpl,
		    sizeof(deftmpl)) != 0)
			return EXIT_USAGE;
		b->tpath = deftmpl;
	}
	one_line_names(&b->cfg);
	if (period_parse(o->period, b->cfg.cutoff_day, date_today(), &b->per,
	    &err) != 0) {
		diag_plain("bad period '%s': %s", o->period, err);
		return EXIT_USAGE;
	}
	period_label(&b->per, b->label);
	if ((b->t = tmpl_load(b->tpath)) == NULL)
		return EXIT_USAGE;
	/* the CSV first: the template's @objectives needs the period's rows */
	rv = worst(rv, read_indicators(b, b->indpath));
	rv = worst(rv, load_template(b));
	rv = worst(rv, read_analysis(b, o->analysis));
	if (o->data != NULL)
		rv = worst(rv, read_data(b, o->data));
	if (rv != 0)
		return rv;
	if (b->title == NULL) {
		period_title(&b->per, ptitle);
		b->title = xstrdup(ptitle);
	}
	/* every unit with a value gets a row, even one the analysis lacks */
	for (i = 0; i < b->niv; i++)
		if (strcmp(b->iv[i].unit, "*") != 0)
			urow_get(b, b->iv[i].unit);
	qsort(b->u, b->nu, sizeof(*b->u), cmp_urow);
	if (check_draft_header(b) != 0 || check_footer(b) != 0)
		return EXIT_USAGE;
	if (b->niv + 1 >= LXW_ROW_MAX || b->nu + 100 >= LXW_ROW_MAX ||
	    b->nrr + 100 >= LXW_ROW_MAX) {
		diag_errorat(b->indpath, 0, 0, "too many rows for one sheet "
		    "(Excel holds %d)", LXW_ROW_MAX);
		return EXIT_DATA;
	}
	return check_totals(b);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "analysis", required_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "data", required_argument, NULL, 'd' },
		{ "draft", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "indicators", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "period", required_argument, NULL, 'p' },
		{ "template", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct xopts o;
	struct book b;
	int ch, rv;

	diag_init(argv[0]);
	memset(&o, 0, sizeof(o));
	opterr = 0;		/* diag writes every message */
	while ((ch = getopt_long(argc, argv, ":Va:c:d:hi:o:p:t:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'V':
			printf("baocao-xlsx (baocao) %s, libxlsxwriter %s\n",
			    BAOCAO_VERSION, LXW_VERSION);
			diag_exit_stdout(EXIT_OK);
		case 'a': o.analysis = optarg; break;
		case 'c': o.confdir = optarg; break;
		case 'd': o.data = optarg; break;
		case 'D': o.draft = optarg; break;
		case 'h': help(); break;
		case 'i': o.indicators = optarg; break;
		case 'o': o.out = optarg; break;
		case 'p': o.period = optarg; break;
		case 't': o.tpath = optarg; break;
		case ':':
			diag_plain("option '%s' needs a value", argv[optind - 1]);
			usage();
			break;
		default:
			diag_plain("unknown option '%s'", argv[optind - 1]);
			usage();
		}
	}
	if (optind != argc) {
		diag_plain("unexpected argument '%s'", argv[optind]);
		usage();
	}
	require_option("--config", o.confdir);
	require_option("--period", o.period);
	require_option("--indicators", o.indicators);
	require_option("--analysis", o.analysis);
	if (o.out == NULL)
		o.out = "-";
	if (strcmp(o.out, "-") == 0 && isatty(STDOUT_FILENO)) {
		diag_plain("standard output is a terminal: give -o FILE.xlsx "
		    "or redirect it (> FILE.xlsx)");
		return EXIT_USAGE;
	}
	memset(&b, 0, sizeof(b));
	rv = load_book(&b, &o);
	if (rv == 0)
		rv = write_book(&b, o.out);
	book_release(&b);
	return rv;
}
#endif
