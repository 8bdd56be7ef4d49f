/* SPDX-License-Identifier: ISC */
/*
 * baocao-check: validate the departments' monthly submissions (SPEC §3) and
 * write them in the normalized stream of docs/FORMATS.md §1.
 *
 * Every rule and message is listed in docs/CHECK.md. The program reads the
 * month folders (or single files of them) named on the command line, in
 * month order, and each folder's files in byte order of their names. Every
 * error of the run is reported; the normalized stream is kept in a
 * temporary file and copied to standard output only when there was none.
 *
 * Survey registers, the bulk of the data, take a short path: each row is
 * checked with a few comparisons (the last unit and the last date are
 * remembered) and counted into a table keyed by (date, unit), so memory
 * grows with units x days, never with rows.
 *
 * Where things are, in file order: messages in line order (report_at,
 * defer_begin/defer_end); opening a file, encodings (open_input,
 * encoding_error); monthly sheets (check_sheet, sheet_key,
 * sheet_sums_check, finish_sheets, write_sheet); survey counting
 * (survey_quick, survey_row, count_row, finish_survey); register rows
 * (row_value, row_dates, row_key, status_row); a large register read by
 * two threads (split_start, split_main, split_join); register files
 * (register_header, check_rows, check_register, check_file); the command
 * line's files and folders (add_path, add_file, check_files); the checks
 * across files and the output (check_tallies, finish_output), then main.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "csvread.h"
#include "date.h"
#include "diag.h"
#include "iniread.h"
#include "norm.h"
#include "num.h"
#include "numfmt.h"
#include "schema.h"
#include "suggest.h"
#include "utf8.h"
#include "util.h"

#define WARN_MAX	20	/* out-of-month warnings per file, then a summary */

/*
 * One input file. display is the path as given (dir joined with name), or
 * the --name of standard input; path is what is opened: display, or the
 * spooled copy of standard input.
 */
struct infile {
	char	*display;
	char	*path;
	char	*base;		/* the file name */
	char	*sname;		/* as the stream writes it (stream_name) */
	long	 month;		/* its folder's month */
	dev_t	 dev;		/* the file, to see it named twice */
	ino_t	 ino;		/* (0: unknown) */
	int	 notreg;	/* a folder's entry found not regular: 'd' a
				   directory, 'o' another; said in its turn */
};

/* A unit code met in the data, interned: an index into units[]. */
struct ucode {
	char			 code[17];
	size_t			 len;
	const struct unit	*u;	/* NULL: not in units.ini */
};

/* Survey counters of one (folder, date, unit). */
enum {
	M_RATING = 0,				/* rating.1 .. rating.5 */
	M_CHANNEL = 5,				/* channel.<ch>.n, .pos: 3 x 2 */
	M_COMPONENT = 11,			/* component.<c>.n, .pos: 5 x 2 */
	M_N = 21
};

struct ventry {
	long		 days;
	int		 uidx;
	long long	 c[M_N];
};

/* An open-addressing map from a 64-bit key to an int. */
struct imap {
	uint64_t	*keys;
	int		*vals;
	size_t		 cap, n;
};

/* An open-addressing map from a string to an int. */
struct smap {
	char		**keys;
	int		*vals;
	size_t		 cap, n;
};

/* A location kept for a later message. */
struct where {
	const char	*file;		/* an infile's display; borrowed */
	long		 line;
	int		 folder;	/* sequence number of the folder */
};

/* One monthly sheet read. */
struct sheet {
	int			 uidx;
	long			 month;
	long long		 revision;
	const struct infile	*f;
	long			 rev_line;
	int			 has_sat;
	int			 nkv;
	int			*kidx;		/* index into sheet_keys[] */
	char			**val;		/* normalized text */
};

static struct config cfg;
static const char *cfgdir = "config";
static FILE *out;			/* the stream, until it is known good */
static int status = EXIT_OK;

static struct ucode *units;
static int nunits, capunits;
static struct imap unitmap;		/* hash of code -> index */

static struct ventry *vent;
static int nvent, capvent;
static struct imap vmap;		/* (days, uidx) -> index into vent */

static struct where *firstsurvey;	/* first survey row per (unit, month) */
static int nfirst, capfirst;
static struct imap firstmap;

static struct where *keys;		/* status-list keys */
static int nkeys, capkeys;
static struct smap keymap;

static struct sheet *sheets;		/* the winners of every folder */
static int nsheets, capsheets;
static struct sheet *fsheets;		/* every sheet of the current folder */
static int nfsheets, capfsheets;

static int folderseq;
static int *daycache;			/* see ventry_fast() */
static int daycache_units;

static void	usage(void);
static void	finish_survey(long month);
static int	blank(const char *s, size_t n);

/* --- messages of a sheet, in line order ----------------------------------- */

/*
 * A sheet's checks find some problems only at its end (a missing key is
 * reported at its section's header, a broken sum at its first term), so
 * while a sheet is read its error messages are kept and then printed
 * sorted by line and column (stable). At most DEFER_MAX are kept at a
 * time, so memory stays bounded whatever the file. Registers stream their
 * messages as they go (they are already in order). Every diag_errorat()
 * below goes through report_at().
 */
#define DEFER_MAX	4096

struct dmsg {
	long	 line, col;
	int	 seq;
	char	*text;
};

static struct dmsg dq[DEFER_MAX];
static int ndq;
static const char *dq_file;		/* NULL: not deferring */

static int
cmp_dmsg(const void *a, const void *b)
{
	const struct dmsg *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
defer_flush(void)
{
	int i;

	if (ndq > 1)
		qsort(dq, (size_t)ndq, sizeof(*dq), cmp_dmsg);
	for (i = 0; i < ndq; i++) {
		diag_errorat(dq_file, dq[i].line, dq[i].col, "%s", dq[i].text);
		free(dq[i].text);
	}
	ndq = 0;
}

static void
defer_begin(const char *file)
{
	dq_file = file;
	ndq = 0;
}

static void
defer_end(void)
{
	if (dq_file != NULL)
		defer_flush();
	dq_file = NULL;
}

static void report_at(const char *file, long line, long col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report_at(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n, saved = errno;
	size_t fl = strlen(fmt);

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	text = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (fl > 0 && fmt[fl - 1] == ':') {	/* diag's ": strerror" */
		char *t = xmalloc((size_t)n + strlen(strerror(saved)) + 3);

		sprintf(t, "%s %s", text, strerror(saved));
		free(text);
		text = t;
	}
	if (dq_file == NULL || strcmp(file, dq_file) != 0) {
		diag_errorat(file, line, col, "%s", text);
		free(text);
		return;
	}
	if (ndq == DEFER_MAX)
		defer_flush();
	dq[ndq].line = line;
	dq[ndq].col = col;
	dq[ndq].seq = ndq;
	dq[ndq].text = text;
	ndq++;
}

#define diag_errorat	report_at

/* --- small helpers ---------------------------------------------------- */

/*
 * Returns s[0..n) fit for a message: in NFC, control characters as '?', cut
 * at 60 bytes on a character boundary with "..." after. Four calls may be
 * used in one message. NFC first: a decomposed value (CP1258 or typed so)
 * was cut after fewer letters than the same value composed, or between a
 * letter and its tone mark.
 */
static const char *
show(const char *s, size_t n)
{
	static char bufs[4][80];
	static int which;
	static struct sbuf nfc = SBUF_INIT;
	char *b = bufs[which++ & 3];
	size_t i = 0, o = 0;

	if (!utf8_ascii(s, n)) {
		sbuf_reset(&nfc);
		if (utf8_nfc_append(&nfc, s, n) == 0) {
			s = sbuf_str(&nfc);
			n = nfc.len;
		}
	}

	while (i < n && o < 60) {
		unsigned char c = (unsigned char)s[i];
		int k = c < 0x80 ? 1 : utf8_seqlen((const unsigned char *)s + i,
		    n - i);

		if (k == 0)
			k = 1, c = '?';
		if (o + (size_t)k > 60)
			break;
		if (k == 1) {
			b[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
			i++;
		} else {
			memcpy(b + o, s + i, (size_t)k);
			o += (size_t)k;
			i += (size_t)k;
		}
	}
	if (i < n) {
		memcpy(b + o, "...", 3);
		o += 3;
	}
	b[o] = '\0';
	return b;
}

static uint64_t
hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static uint64_t
hashstr(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Returns a pointer to the value slot of key, or NULL; *isnew on insert. */
static int *
imap_slot(struct imap *m, uint64_t key, int insert)
{
	size_t i, mask;

	if (insert && (m->n + 1) * 2 > m->cap) {
		struct imap g;
		size_t k;

		g.cap = m->cap ? m->cap * 2 : 64;
		g.n = 0;
		g.keys = xcalloc(g.cap, sizeof(*g.keys));
		g.vals = xmalloc(g.cap * sizeof(*g.vals));
		for (k = 0; k < g.cap; k++)
			g.vals[k] = -1;
		for (k = 0; k < m->cap; k++)
			if (m->vals[k] >= 0)
				*imap_slot(&g, m->keys[k], 1) = m->vals[k];
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	if (m->cap == 0)
		return NULL;
	mask = m->cap - 1;
	for (i = hash64(key) & mask;; i = (i + 1) & mask) {
		if (m->vals[i] < 0) {
			if (!insert)
				return NULL;
			m->keys[i] = key;
			m->n++;
			return &m->vals[i];
		}
		if (m->keys[i] == key)
			return &m->vals[i];
	}
}

static void
imap_release(struct imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

static void
imap_clear(struct imap *m)
{
	size_t k;

	for (k = 0; k < m->cap; k++)
		m->vals[k] = -1;
	m->n = 0;
}

/* The value slot of key s[0..n) (-1 when new and inserted), or NULL. */
static int *
smap_slot(struct smap *m, const char *s, size_t n, int insert)
{
	size_t i, mask;

	if (insert && (m->n + 1) * 2 > m->cap) {
		struct smap g;
		size_t k;

		g.cap = m->cap ? m->cap * 2 : 64;
		g.n = 0;
		g.keys = xcalloc(g.cap, sizeof(*g.keys));
		g.vals = xmalloc(g.cap * sizeof(*g.vals));
		for (k = 0; k < m->cap; k++)
			if (m->keys[k] != NULL) {
				size_t j = hashstr(m->keys[k],
				    strlen(m->keys[k])) & (g.cap - 1);

				while (g.keys[j] != NULL)
					j = (j + 1) & (g.cap - 1);
				g.keys[j] = m->keys[k];
				g.vals[j] = m->vals[k];
				g.n++;
			}
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	if (m->cap == 0)
		return NULL;
	mask = m->cap - 1;
	for (i = hashstr(s, n) & mask;; i = (i + 1) & mask) {
		if (m->keys[i] == NULL) {
			if (!insert)
				return NULL;
			m->keys[i] = xstrndup(s, n);
			m->vals[i] = -1;
			m->n++;
			return &m->vals[i];
		}
		if (strncmp(m->keys[i], s, n) == 0 && m->keys[i][n] == '\0')
			return &m->vals[i];
	}
}

static void
smap_release(struct smap *m)
{
	size_t k;

	for (k = 0; k < m->cap; k++)
		free(m->keys[k]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* "a, b, c" of a NULL-terminated list. */
static const char *
joinlist(const char *const *v)
{
	static char buf[256];
	size_t o = 0;

	buf[0] = '\0';
	for (; *v != NULL; v++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    o ? ", " : "", *v);
	return buf;
}

/* NFC of s[0..n) into sb (reset first); "\r\n" becomes "\n". */
static void
normtext(struct sbuf *sb, const char *s, size_t n)
{
	size_t i, w = 0;

	sbuf_reset(sb);
	if (utf8_nfc_append(sb, s, n) < 0)
		sbuf_add(sb, s, n);	/* cannot happen: checked by readers */
	/* one pass: a field of a million CRLF breaks must not take minutes */
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] != '\r' || i + 1 == sb->len ||
		    sb->buf[i + 1] != '\n')
			sb->buf[w++] = sb->buf[i];
	if (sb->buf != NULL) {
		sb->len = w;
		sb->buf[w] = '\0';
	}
}

/*
 * A narrative's paragraphs: "\n" written as two characters is a line
 * break, like the one a continuation line holding only '\' gives; breaks
 * and blanks at either end and blanks around a break are dropped.
 */
static void
paragraphs(struct sbuf *sb)
{
	size_t i, w = 0;
	char *b = sb->buf;

	for (i = 0; i < sb->len; i++) {
		char c = b[i];

		if (c == '\\' && i + 1 < sb->len && b[i + 1] == 'n') {
			c = '\n';
			i++;
		}
		if (c == '\n')
			while (w > 0 && (b[w - 1] == ' ' || b[w - 1] == '\t'))
				w--;
		if ((c == ' ' || c == '\t' || c == '\n') &&
		    (w == 0 || b[w - 1] == '\n'))
			continue;
		b[w++] = c;
	}
	while (w > 0 && (b[w - 1] == '\n' || b[w - 1] == ' ' ||
	    b[w - 1] == '\t'))
		w--;
	sb->len = w;
	if (sb->buf != NULL)
		b[w] = '\0';
}

/* --- units ------------------------------------------------------------- */

/* The interned index of a valid code s[0..n) (1..16 bytes). */
static int
unit_intern(const char *s, size_t n)
{
	uint64_t h = hashstr(s, n);
	int *slot;

	for (;;) {
		/* the map holds hash -> index; collisions chain by rehash */
		slot = imap_slot(&unitmap, h, 1);
		if (*slot < 0)
			break;
		if (units[*slot].len == n && memcmp(units[*slot].code, s, n) == 0)
			return *slot;
		h = hash64(h + 1);
	}
	if (nunits == capunits) {
		capunits = capunits ? capunits * 2 : 64;
		units = xrealloc(units, (size_t)capunits * sizeof(*units));
	}
	memcpy(units[nunits].code, s, n);
	units[nunits].code[n] = '\0';
	units[nunits].len = n;
	units[nunits].u = config_unit(&cfg, units[nunits].code);
	*slot = nunits;
	return nunits++;
}

static const char *const *unit_codes;	/* NULL-terminated, for suggestions */

/*
 * Checks a unit code given at file:line:col for the folder's month.
 * Returns its interned index, or -1 after reporting the problem.
 */
static int
check_unit(const char *s, size_t n, long month, const char *file, long line,
    long col)
{
	const struct unit *u;
	char m1[DATE_BUFSZ], m2[DATE_BUFSZ];
	int ix;

	if (n == 0) {
		diag_errorat(file, line, col, "missing unit code");
		return -1;
	}
	if (!unit_code_valid(s, n)) {
		diag_errorat(file, line, col, "invalid unit code '%s': expected "
		    "1 to 16 of A-Z, 0-9, '_' and '-'", show(s, n));
		return -1;
	}
	ix = unit_intern(s, n);
	u = units[ix].u;
	if (u == NULL) {
		diag_errorat(file, line, col, "unknown unit '%s' (not in "
		    "units.ini)%s", units[ix].code,
		    suggest_phrase(suggest_nearest(s, n, unit_codes)));
		return -1;
	}
	if (!unit_active(u, month)) {
		month_iso(month, m1);
		if (month < u->active_from) {
			month_iso(u->active_from, m2);
			diag_errorat(file, line, col, "unit '%s' is not active "
			    "in %s (active from %s)", u->code, m1, m2);
		} else {
			month_iso(u->active_to, m2);
			diag_errorat(file, line, col, "unit '%s' is not active "
			    "in %s (active until %s)", u->code, m1, m2);
		}
		return -1;
	}
	return ix;
}

/* --- dates and values ---------------------------------------------------- */

/* Parses a date field; reports and returns -1 when bad. */
static int
check_date(const char *s, size_t n, const char *what, const char *file,
    long line, long col, long *days)
{
	switch (date_parse(s, n, days)) {
	case DATE_OK:
		return 0;
	case DATE_FORM:
		diag_errorat(file, line, col, "invalid date '%s' for '%s': "
		    "expected YYYY-MM-DD or DD/MM/YYYY", show(s, n), what);
		return -1;
	case DATE_IMPOSSIBLE:
		/* the form is right, so the year is four digits */
		if ((s[4] == '-' ? s[0] : s[6]) == '0')
			diag_errorat(file, line, col, "impossible date '%s' "
			    "for '%s': years run from 1000", show(s, n), what);
		else
			diag_errorat(file, line, col, "impossible date '%s' "
			    "for '%s'", show(s, n), what);
		return -1;
	}
	return -1;
}

static int
check_count(const char *s, size_t n, const char *what, const char *file,
    long line, long col, long long *v)
{
	switch (num_count(s, n, v)) {
	case NUM_OK:
		return 0;
	case NUM_EMPTY:
		diag_errorat(file, line, col, "missing value for '%s'", what);
		break;
	case NUM_NEGATIVE:
		diag_errorat(file, line, col, "negative count '%s' for '%s'",
		    show(s, n), what);
		break;
	case NUM_RANGE:
		diag_errorat(file, line, col, "count '%s' for '%s' is larger "
		    "than 9223372036854775807", show(s, n), what);
		break;
	case NUM_FORM:
		diag_errorat(file, line, col, "invalid count '%s' for '%s': "
		    "expected a whole number from 0", show(s, n), what);
		break;
	}
	return -1;
}

static int
check_rating(const char *s, size_t n, const char *what, const char *file,
    long line, long col, int *v)
{
	switch (num_rating(s, n, v)) {
	case NUM_OK:
		return 0;
	case NUM_EMPTY:
		diag_errorat(file, line, col, "missing value for '%s'", what);
		break;
	case NUM_RANGE:
	case NUM_NEGATIVE:
		diag_errorat(file, line, col, "%s '%s' is out of range: "
		    "expected 1 to 5", what, show(s, n));
		break;
	case NUM_FORM:
		diag_errorat(file, line, col, "invalid %s '%s': expected 1 to 5",
		    what, show(s, n));
		break;
	}
	return -1;
}

/* The byte at a file offset, for encoding messages. */
static unsigned char
byte_at(FILE *fp, long long off)
{
	long pos = ftell(fp);
	int c;

	if (fseek(fp, (long)off, SEEK_SET) != 0)
		return 0;
	c = getc(fp);
	fseek(fp, pos, SEEK_SET);
	return c == EOF ? 0 : (unsigned char)c;
}

/*
 * The byte-order mark of UTF-32 that fp starts with, as hex, or NULL.
 * UTF-32LE's (FF FE 00 00) starts with UTF-16LE's, whose advice, iconv
 * -f UTF-16, would turn the file into text with a NUL after each letter.
 */
static const char *
utf32_bom(FILE *fp)
{
	unsigned char b[4];
	long pos = ftell(fp);
	size_t n;

	if (fseek(fp, 0, SEEK_SET) != 0)
		return NULL;
	n = fread(b, 1, sizeof(b), fp);
	fseek(fp, pos, SEEK_SET);
	if (n < 4)
		return NULL;
	if (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
		return "FF FE 00 00";
	if (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
		return "00 00 FE FF";
	return NULL;
}

/* Reports a reader's encoding problem: invalid UTF-8 or a NUL byte. */
static void
encoding_error(const char *file, long line, long col, long long off,
    int nul, FILE *fp)
{
	unsigned char b[3] = { byte_at(fp, off), byte_at(fp, off + 1),
		byte_at(fp, off + 2) };
	unsigned char byte = b[0];
	const char *utf16 = off <= 1 ? utf8_utf16_guess(byte_at(fp, 0),
	    byte_at(fp, 1)) : NULL;

	const char *bom32 = off <= 1 ? utf32_bom(fp) : NULL;

	if (bom32 != NULL)
		diag_errorat(file, line, col, "the file is UTF-32 (it starts "
		    "with the byte-order mark %s); convert it with 'iconv -f "
		    "UTF-32 -t UTF-8'", bom32);
	else if (nul && utf16 != NULL)
		diag_errorat(file, line, col, "NUL byte (at byte offset %lld); "
		    "the file looks like UTF-16: convert it with 'iconv -f %s "
		    "-t UTF-8'", off, utf16);
	else if (nul)
		diag_errorat(file, line, col, "NUL byte (at byte offset %lld)",
		    off);
	else if (off == 0 && utf16 != NULL)
		/* Excel's "Unicode Text" and Notepad's "Unicode": a BOM */
		diag_errorat(file, line, col, "the file is UTF-16 (it starts "
		    "with the byte-order mark %02X %02X); convert it with "
		    "'iconv -f %s -t UTF-8'", b[0], b[1], utf16);
	else if (b[0] == 0xEF && b[1] == 0xBF && b[2] >= 0xBE)
		diag_errorat(file, line, col, "U+%s is not a character (at "
		    "byte offset %lld); delete it", b[2] == 0xBE ? "FFFE" :
		    "FFFF", off);
	else if (cfg.cp1258)	/* converted unless it has the mark */
		diag_errorat(file, line, col, "invalid UTF-8 (byte 0x%02X at "
		    "byte offset %lld) in a file that starts with the UTF-8 "
		    "byte-order mark, so it is read as UTF-8, not converted "
		    "from CP1258", byte, off);
	else
		diag_errorat(file, line, col, "invalid UTF-8 (byte 0x%02X at "
		    "byte offset %lld); if the file is in Windows-1258, convert "
		    "it with 'iconv -f CP1258 -t UTF-8' or set 'encoding = "
		    "cp1258' in [input] of baocao.ini", byte, off);
}

/* Whether fp starts with the UTF-8 byte-order mark; fp is rewound. */
static int
starts_with_bom(FILE *fp)
{
	unsigned char b[3];
	size_t n = fread(b, 1, sizeof(b), fp);

	rewind(fp);
	return n == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
}

/*
 * Opens an input file; with encoding = cp1258 returns a temporary UTF-8
 * copy instead. NULL after reporting (exit 2).
 */
static FILE *
open_input(const struct infile *f)
{
	FILE *fp, *tmp;
	const char *err;
	struct cp1258_pos pos;

	{
		/*
		 * O_NONBLOCK: a FIFO without a writer must not hang the run;
		 * only regular files are read.
		 */
		int fd = open(f->path, O_RDONLY | O_NONBLOCK);
		struct stat st;

		if (fd < 0) {
			diag_errorat(f->display, 0, 0, "cannot open:");
			status = worst(status, EXIT_USAGE);
			return NULL;
		}
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
			diag_errorat(f->display, 0, 0, "cannot open: not a "
			    "regular file");
			status = worst(status, EXIT_USAGE);
			close(fd);
			return NULL;
		}
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if ((fp = fdopen(fd, "rb")) == NULL) {
			diag_errorat(f->display, 0, 0, "cannot open:");
			status = worst(status, EXIT_USAGE);
			close(fd);
			return NULL;
		}
	}
	if (!cfg.cp1258)
		return fp;
	if ((tmp = temp_file()) == NULL) {
		status = worst(status, EXIT_USAGE);
		fclose(fp);
		return NULL;
	}
	/*
	 * A file that is valid UTF-8 already (with a byte-order mark or not)
	 * is taken as it is: Vietnamese text in CP1258 is never valid UTF-8,
	 * and a department that has switched to UTF-8 is not refused. So is
	 * one that starts with the UTF-8 byte-order mark, which says what it
	 * is: a bad byte in it is reported as invalid UTF-8, rather than the
	 * whole file turned into mojibake and its first column, 'ï»¿unit',
	 * unknown.
	 */
	if (starts_with_bom(fp) || utf8_valid_stream(fp)) {
		fclose(tmp);
		rewind(fp);
		return fp;
	}
	rewind(fp);
	if (cp1258_to_utf8_at(fp, tmp, &err, &pos) < 0) {
		if (pos.valid)
			diag_errorat(f->display, pos.line, pos.col, "cannot "
			    "convert from CP1258: byte 0x%02X (at byte offset "
			    "%lld) is not defined in CP1258", pos.byte,
			    pos.off);
		else
			diag_errorat(f->display, 1, 0, "cannot convert from "
			    "CP1258: %s", err);
		fclose(fp);
		fclose(tmp);
		return NULL;
	}
	fclose(fp);
	rewind(tmp);
	return tmp;
}

/* --- monthly sheets ------------------------------------------------------- */

static int
sheet_key_index(const struct sheet_key *k)
{
	return (int)(k - sheet_keys);
}

/* Lower-cases ASCII letters in place. */
static void
fold(struct sbuf *sb)
{
	size_t i;

	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] >= 'A' && sb->buf[i] <= 'Z')
			sb->buf[i] += 'a' - 'A';
}

static void
sheet_add(struct sheet *sh, int kidx, const char *v)
{
	sh->kidx = xrealloc(sh->kidx, (size_t)(sh->nkv + 1) * sizeof(int));
	sh->val = xrealloc(sh->val, (size_t)(sh->nkv + 1) * sizeof(char *));
	sh->kidx[sh->nkv] = kidx;
	sh->val[sh->nkv] = xstrdup(v);
	sh->nkv++;
}

static void
sheet_free(struct sheet *sh)
{
	int i;

	for (i = 0; i < sh->nkv; i++)
		free(sh->val[i]);
	free(sh->val);
	free(sh->kidx);
}

/* Prints an unsigned 128-bit sum. */
static void
u128str(unsigned __int128 v, char *buf)
{
	char tmp[48];
	int i = 0, j = 0;

	do {
		tmp[i++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0);
	while (i > 0)
		buf[j++] = tmp[--i];
	buf[j] = '\0';
}

/* Appends "a + b + c = 1 + 2 + 3 = 6" (or "a = 6") for one side of a sum. */
static unsigned __int128
sum_side(struct sbuf *msg, const char *const *names, const long long *vals)
{
	unsigned __int128 s = 0;
	char buf[48];
	int i, n;

	for (n = 0; names[n] != NULL; n++)
		;
	for (i = 0; i < n; i++)
		sbuf_printf(msg, "%s%s", i ? " + " : "", names[i]);
	sbuf_adds(msg, " = ");
	for (i = 0; i < n; i++) {
		s += (unsigned long long)vals[i];
		if (n > 1)
			sbuf_printf(msg, "%s%lld", i ? " + " : "", vals[i]);
	}
	u128str(s, buf);
	if (n > 1)
		sbuf_adds(msg, " = ");
	sbuf_adds(msg, buf);
	return s;
}

/* Keeps sh as a sheet of the current folder; reports same revisions. */
static void
folder_sheet(struct sheet *sh)
{
	int i;

	for (i = 0; i < nfsheets; i++)
		if (fsheets[i].uidx == sh->uidx &&
		    fsheets[i].revision == sh->revision) {
			char m[DATE_BUFSZ];

			month_iso(sh->month, m);
			diag_errorat(sh->f->display, sh->rev_line, 0, "sheet of "
			    "'%s' for %s has revision %lld, as has '%s'; give "
			    "the resubmission a higher revision",
			    units[sh->uidx].code, m, sh->revision,
			    fsheets[i].f->display);
			sheet_free(sh);
			return;
		}
	if (nfsheets == capfsheets) {
		capfsheets = capfsheets ? capfsheets * 2 : 32;
		fsheets = xrealloc(fsheets, (size_t)capfsheets * sizeof(*fsheets));
	}
	fsheets[nfsheets++] = *sh;
}

/* What check_sheet knows of the sheet it is reading. */
struct sheetread {
	const struct infile	*f;
	const char		*file;		/* as messages name it */
	const char		*dot;		/* end of the unit in the name */
	FILE			*fp;
	struct iniread		 r;
	struct sheet		 sh;
	struct sbuf		 name;		/* section or key, NFC, folded */
	struct sbuf		 val;
	int			 sect;		/* -1: none yet, -2: unknown */
	long			 seen[SHEET_KEYS_MAX];	/* line; < 0: bad */
	long			 blankcol[SHEET_KEYS_MAX]; /* left blank */
	long long		 nums[SHEET_KEYS_MAX];
	long			 sect_line[SHEET_SECTIONS_MAX];
	long			 unit_line;
	int			 fileunit;	/* unit of the file name */
	int			 subunit;	/* unit of [submission] */
	long long		 revision;
};

/*
 * Reports a reading error. Returns what to go on with: INI_SECTION for a
 * malformed section header taken anyway (its keys are then checked),
 * INI_KEY for a key line after a byte-order mark, or -1 to skip the line.
 */
static int
sheet_read_error(struct sheetread *s)
{
	struct iniread *r = &s->r;

	switch (r->err) {
	case INIREAD_ESYNTAX:
		diag_errorat(s->file, r->err_line, r->err_col, "%s", r->errmsg);
		if (r->err_keyline)
			return INI_KEY;
		return r->err_section ? INI_SECTION : -1;
	case INIREAD_EIO:
		errno = r->err_errno;
		diag_errorat(s->file, r->err_line, 0, "read error:");
		status = worst(status, EXIT_USAGE);
		break;
	case INIREAD_ELINE:
		diag_errorat(s->file, r->err_line, 0, "%s", r->errmsg);
		break;
	case INIREAD_ECR:
		diag_errorat(s->file, r->err_line, r->err_col, "%s; save the "
		    "file with LF or CRLF line ends", r->errmsg);
		break;
	default:
		encoding_error(s->file, r->err_line, r->err_col, r->err_off,
		    r->err == INIREAD_ENUL, s->fp);
		break;
	}
	return -1;
}

static void
sheet_section(struct sheetread *s)
{
	const struct sheet_section *sec = sheet_section_find(sbuf_str(&s->name));
	const char *names[SHEET_SECTIONS_MAX + 1], *near;
	int i;

	if (sec != NULL) {
		s->sect = (int)(sec - sheet_sections);
		if (s->sect_line[s->sect] == 0)
			s->sect_line[s->sect] = s->r.line;
		return;
	}
	for (i = 0; i < nsheet_sections; i++)
		names[i] = sheet_sections[i].name;
	names[i] = NULL;
	near = suggest_nearest(s->name.buf, s->name.len, names);
	if (near != NULL)
		diag_errorat(s->file, s->r.line, s->r.col, "unknown section "
		    "'[%s]'; did you mean '[%s]'?", show(s->r.name.buf,
		    s->r.name.len), near);
	else
		diag_errorat(s->file, s->r.line, s->r.col, "unknown section "
		    "'[%s]'", show(s->r.name.buf, s->r.name.len));
	s->sect = -2;
}

/*
 * A revision: a count from 1, so its messages say 1 where a count's say
 * 0 ("-1" is no negative count here, but no revision).
 */
static int
check_revision(const char *s, size_t n, const char *file, long line,
    long col, long long *v)
{
	switch (num_count(s, n, v)) {
	case NUM_OK:
		if (*v >= 1)
			return 0;
		diag_errorat(file, line, col, "revision must be 1 or more");
		break;
	case NUM_EMPTY:
	case NUM_RANGE:
		return check_count(s, n, "revision", file, line, col, v);
	case NUM_NEGATIVE:
	case NUM_FORM:
		diag_errorat(file, line, col, "invalid revision '%s': expected "
		    "a whole number from 1", show(s, n));
		break;
	}
	return -1;
}

/* FT_COUNT and FT_REVISION: keeps the number; -1 when it is bad. */
static int
sheet_count(struct sheetread *s, const struct sheet_key *k, int ki)
{
	long long v;

	if (k->type == FT_REVISION) {
		if (check_revision(s->val.buf, s->val.len, s->file,
		    s->r.line, s->r.vcol, &v) < 0)
			return -1;
		s->revision = v;
		s->sh.rev_line = s->r.line;
	} else if (check_count(s->val.buf, s->val.len, k->key, s->file,
	    s->r.line, s->r.vcol, &v) < 0)
		return -1;
	s->nums[ki] = v;
	sbuf_reset(&s->val);
	sbuf_printf(&s->val, "%lld", v);
	sheet_add(&s->sh, ki, s->val.buf);
	return 0;
}

/* [submission] unit: a known code, active, equal to the file name's. */
static void
sheet_unit(struct sheetread *s)
{
	const char *v = s->val.buf, *base = s->f->base;
	size_t n = s->val.len;

	s->unit_line = s->r.line;
	if (n == 0 || !unit_code_valid(v, n)) {
		check_unit(v, n, s->f->month, s->file, s->r.line, s->r.vcol);
		return;
	}
	if (s->dot != NULL && ((size_t)(s->dot - base) != n ||
	    memcmp(base, v, n) != 0)) {
		diag_errorat(s->file, s->r.line, s->r.vcol, "unit '%s' does not "
		    "match the file name '%s'", show(v, n), base);
		return;
	}
	s->subunit = check_unit(v, n, s->f->month, s->file, s->r.line,
	    s->r.vcol);
}

/* [submission] period: the folder's month. */
static void
sheet_month(struct sheetread *s)
{
	char mbuf[DATE_BUFSZ];
	long m;

	if (s->val.len == 0)
		diag_errorat(s->file, s->r.line, s->r.vcol,
		    "missing value for 'period'");
	else if (month_parse(s->val.buf, s->val.len, &m) < 0)
		diag_errorat(s->file, s->r.line, s->r.vcol, "invalid period "
		    "'%s': expected YYYY-MM", show(s->val.buf, s->val.len));
	else if (m != s->f->month) {
		month_iso(s->f->month, mbuf);
		diag_errorat(s->file, s->r.line, s->r.vcol, "period '%s' does "
		    "not match the folder '%s'", s->val.buf, mbuf);
	}
}

static int
section_required(const char *name)
{
	int i;

	for (i = 0; i < nsheet_sections; i++)
		if (strcmp(sheet_sections[i].name, name) == 0)
			return sheet_sections[i].required;
	return 1;
}

/* Checks and keeps the value of key k (index ki), already in s->val. */
static void
sheet_value(struct sheetread *s, const struct sheet_key *k, int ki)
{
	char dbuf[DATE_BUFSZ];
	long d;

	switch (k->type) {
	case FT_COUNT:
		if (s->val.len == 0 && !section_required(k->section)) {
			/* judged with the whole section: sheet_blanks() */
			s->seen[ki] = -s->r.line;
			s->blankcol[ki] = s->r.vcol > 0 ? s->r.vcol : 1;
			break;
		}
		/* FALLTHROUGH */
	case FT_REVISION:
		if (sheet_count(s, k, ki) < 0)
			s->seen[ki] = -s->r.line;	/* present, bad */
		break;
	case FT_UNIT:
		sheet_unit(s);
		break;
	case FT_MONTH:
		sheet_month(s);
		break;
	case FT_DATE:
		if (s->val.len > 0 && check_date(s->val.buf, s->val.len,
		    k->key, s->file, s->r.line, s->r.vcol, &d) == 0) {
			date_iso(d, dbuf);
			sheet_add(&s->sh, ki, dbuf);
		}
		break;
	case FT_PARAGRAPHS:
		paragraphs(&s->val);
		/* FALLTHROUGH */
	default:	/* FT_TEXT */
		if (s->val.len > 0)
			sheet_add(&s->sh, ki, s->val.buf);
		break;
	}
}

/*
 * A ';' or '#' after a blank ends an unquoted value, as the sheets' own
 * comments do ("planned = 12   ; ..."); in a narrative it is more often
 * prose ("Tốt ; cần cố gắng"), and SPEC never truncates a narrative: the
 * text left out is named, with the fix.
 */
static void
narrative_cut(const struct sheetread *s, const struct sheet_key *k)
{
	diag_warnat(s->file, s->r.cline, s->r.ccol, "what follows '%c' is "
	    "read as a comment and left out of '%s'; put the whole text in "
	    "double quotes to keep it", s->r.cchar, k->key);
}

static void
sheet_key(struct sheetread *s)
{
	const char *secname = sheet_sections[s->sect].name;
	const struct sheet_key *k = sheet_key_find(secname, sbuf_str(&s->name));
	const char *cands[SHEET_KEYS_MAX + 1];
	int i, nc = 0, ki;

	if (k == NULL) {
		const char *other = NULL;

		for (i = 0; i < nsheet_keys; i++)
			if (strcmp(sheet_keys[i].section, secname) == 0)
				cands[nc++] = sheet_keys[i].key;
			else if (strcmp(sheet_keys[i].key, s->name.buf) == 0)
				other = sheet_keys[i].section;
		cands[nc] = NULL;
		if (other != NULL)	/* a key of another section */
			diag_errorat(s->file, s->r.line, s->r.col, "unknown "
			    "key '%s' in [%s]; it is a key of [%s]",
			    show(s->r.name.buf, s->r.name.len), secname, other);
		else
			diag_errorat(s->file, s->r.line, s->r.col, "unknown "
			    "key '%s' in [%s]%s", show(s->r.name.buf,
			    s->r.name.len), secname, suggest_phrase(
			    suggest_nearest(s->name.buf, s->name.len, cands)));
		return;
	}
	ki = sheet_key_index(k);
	if (s->seen[ki]) {
		diag_errorat(s->file, s->r.line, s->r.col, "duplicate key '%s' "
		    "in [%s]; first given at line %ld", k->key, secname,
		    labs(s->seen[ki]));
		return;
	}
	if (s->r.value.len > (size_t)CSVREAD_FIELD_MAX) {
		diag_errorat(s->file, s->r.line, s->r.vcol, "value of '%s' "
		    "longer than 1 MiB (1048576 bytes)", k->key);
		s->seen[ki] = -s->r.line;
		return;
	}
	s->seen[ki] = s->r.line;
	/* numbers, dates and codes end at any ';' or '#' */
	normtext(&s->val, s->r.value.buf, k->type == FT_TEXT ||
	    k->type == FT_PARAGRAPHS ? s->r.value.len : s->r.vcut);
	if (blank(s->val.buf, s->val.len))	/* a quoted "  " is no value, */
		sbuf_reset(&s->val);		/* as in a register */
	sheet_value(s, k, ki);
	if (k->type == FT_PARAGRAPHS && s->r.cline > 0)
		narrative_cut(s, k);
}

/*
 * The blank values of an optional section. A section written with no
 * value at all is a form's section the unit does not fill (a blank sheet
 * of `baocao template` keeps every section): one message says so, rather
 * than one per key. Returns 1 when the section was left blank.
 */
static int
sheet_blanks(struct sheetread *s, const struct sheet_section *sec, long line)
{
	int k, nblank = 0, nvalue = 0;

	for (k = 0; k < nsheet_keys; k++) {
		if (strcmp(sheet_keys[k].section, sec->name) != 0)
			continue;
		if (s->blankcol[k] > 0)
			nblank++;
		else if (s->seen[k])
			nvalue++;
	}
	if (nblank > 0 && nvalue == 0) {
		diag_errorat(s->file, line, 0, "[%s] is left blank: fill in "
		    "its values, or delete the section when it does not apply "
		    "(it is optional)", sec->name);
		return 1;
	}
	for (k = 0; k < nsheet_keys; k++)
		if (s->blankcol[k] > 0 &&
		    strcmp(sheet_keys[k].section, sec->name) == 0)
			diag_errorat(s->file, -s->seen[k], s->blankcol[k],
			    "missing value for '%s'", sheet_keys[k].key);
	return 0;
}

/*
 * A key whose value could not be read (an unterminated quote), reported
 * by the reader: it is there, so it is not also named missing at its
 * section's header (a clerk who sees 'planned = "12' would look for a
 * 'planned' line that is not there). The sheet stays in error.
 */
static void
sheet_bad_key(struct sheetread *s)
{
	const struct sheet_key *k;
	int ki;

	if (s->sect < 0)
		return;
	normtext(&s->name, s->r.name.buf, s->r.name.len);
	fold(&s->name);
	k = sheet_key_find(sheet_sections[s->sect].name, sbuf_str(&s->name));
	if (k != NULL && !s->seen[ki = sheet_key_index(k)])
		s->seen[ki] = -s->r.line;
}

/* Reports missing sections, keys and values; notes a [satisfaction] tally. */
static void
sheet_required(struct sheetread *s, long lastline)
{
	int i, k;

	for (i = 0; i < nsheet_sections; i++) {
		const struct sheet_section *sec = &sheet_sections[i];

		if (s->sect_line[i] == 0) {
			if (sec->required)
				diag_errorat(s->file, lastline, 0, "missing "
				    "section [%s]", sec->name);
			continue;
		}
		if (!sec->required && sheet_blanks(s, sec, s->sect_line[i]))
			continue;	/* neither its keys nor a tally */
		for (k = 0; k < nsheet_keys; k++)
			if (strcmp(sheet_keys[k].section, sec->name) == 0 &&
			    sheet_keys[k].required && !s->seen[k])
				diag_errorat(s->file, s->sect_line[i], 0,
				    "missing key '%s' in [%s]",
				    sheet_keys[k].key, sec->name);
		if (strcmp(sec->name, "satisfaction") == 0)
			s->sh.has_sat = (int)s->sect_line[i];
	}
}

/*
 * The values of one side of a sum into v; the line of its first key in
 * *at (when at is not NULL). Returns 0 when a term is missing or bad.
 */
static int
sum_terms(const struct sheetread *s, const char *section,
    const char *const *names, long long *v, long *at)
{
	int j, ki, good = 1;

	for (j = 0; names[j] != NULL; j++) {
		ki = sheet_key_index(sheet_key_find(section, names[j]));
		if (s->seen[ki] <= 0)
			good = 0;
		else {
			v[j] = s->nums[ki];
			if (at != NULL && *at == 0)
				*at = s->seen[ki];
		}
	}
	return good;
}

/* Reports every sum rule broken, when all its terms are there and good. */
static void
sheet_sums_check(const struct sheetread *s)
{
	const struct sheet_sum *sum;
	struct sbuf msg = SBUF_INIT;
	unsigned __int128 ls, rs;
	long long lv[8], rv[8];
	long at;
	int i, good;

	for (i = 0; i < nsheet_sums; i++) {
		sum = &sheet_sums[i];
		at = 0;
		good = sum_terms(s, sum->section, sum->lhs, lv, &at);
		if (!sum_terms(s, sum->section, sum->rhs, rv, NULL) || !good)
			continue;
		sbuf_reset(&msg);
		sbuf_printf(&msg, "[%s] does not add up: ", sum->section);
		ls = sum_side(&msg, sum->lhs, lv);
		sbuf_adds(&msg, ", but ");
		rs = sum_side(&msg, sum->rhs, rv);
		if (ls != rs)
			diag_errorat(s->file, at, 0, "%s", msg.buf);
	}
	sbuf_release(&msg);
}

/* After the last line: an empty file, what is missing, the sums, and the
 * sheet kept for the folder when its unit and revision are good. */
static void
sheet_end(struct sheetread *s)
{
	const struct infile *f = s->f;
	int unit_key = sheet_key_index(sheet_key_find("submission", "unit"));

	if (s->r.bytes == 0 && s->r.err == INIREAD_OK) {
		diag_errorat(s->file, 1, 0, "empty file");
		return;
	}
	if (s->r.err != INIREAD_OK && s->r.err != INIREAD_ESYNTAX)
		return;		/* encoding: the rest is unknown */
	if (s->fileunit >= 0 && !s->seen[unit_key])
		check_unit(f->base, (size_t)(s->dot - f->base), f->month,
		    s->file, s->unit_line, 0);
	sheet_required(s, s->r.lineno > 0 ? s->r.lineno : 1);
	sheet_sums_check(s);
	if (s->fileunit >= 0 && s->revision > 0 && s->subunit == s->fileunit) {
		s->sh.uidx = s->fileunit;
		s->sh.month = f->month;
		s->sh.revision = s->revision;
		s->sh.f = f;
		folder_sheet(&s->sh);
		memset(&s->sh, 0, sizeof(s->sh));
	}
}

static void
check_sheet(const struct infile *f)
{
	struct sheetread s;
	int rv;

	memset(&s, 0, sizeof(s));
	s.f = f;
	s.file = f->display;
	s.sect = -1;
	s.unit_line = 1;
	s.fileunit = s.subunit = -1;
	s.revision = -1;
	if ((s.fp = open_input(f)) == NULL)
		return;
	s.name = (struct sbuf)SBUF_INIT;
	s.val = (struct sbuf)SBUF_INIT;
	s.dot = strchr(f->base, '.');
	/* the unit of the file name, reported first (line 1) */
	if (s.dot == NULL || !unit_code_valid(f->base, (size_t)(s.dot -
	    f->base)))
		diag_errorat(s.file, 1, 0, "file name '%s' does not start with "
		    "a unit code (UNIT.ini or UNIT.tag.ini)", f->base);
	else
		s.fileunit = unit_intern(f->base, (size_t)(s.dot - f->base));
	defer_begin(s.file);
	iniread_init(&s.r, s.fp);
	while ((rv = iniread_next(&s.r)) != INI_END) {
		if (rv < 0 && (rv = sheet_read_error(&s)) < 0) {
			if (s.r.err_key)
				sheet_bad_key(&s);
			continue;
		}
		normtext(&s.name, s.r.name.buf, s.r.name.len);
		fold(&s.name);
		if (rv == INI_SECTION)
			sheet_section(&s);
		else if (s.sect == -1)
			diag_errorat(s.file, s.r.line, s.r.col, "key '%s' "
			    "outside any section", show(s.r.name.buf,
			    s.r.name.len));
		else if (s.sect >= 0)	/* -2: an unknown section, reported */
			sheet_key(&s);
	}
	sheet_end(&s);
	defer_end();
	sheet_free(&s.sh);
	iniread_release(&s.r);
	sbuf_release(&s.name);
	sbuf_release(&s.val);
	fclose(s.fp);
}

/* Writes the S records of a sheet. */
static void
write_sheet(const struct sheet *sh)
{
	char m[DATE_BUFSZ], key[64], rev[32];
	const char *fl[5];
	int pass, i;

	month_iso(sh->month, m);
	fl[0] = "S";
	fl[1] = m;
	fl[2] = units[sh->uidx].code;
	fl[3] = "submission.revision";
	snprintf(rev, sizeof(rev), "%lld", sh->revision);
	fl[4] = rev;
	norm_put_record(out, 5, fl);
	fl[3] = "submission.file";
	fl[4] = sh->f->sname;
	norm_put_record(out, 5, fl);
	/* [submission] first, then the other sections, in schema order */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nsheet_keys; i++) {
			const struct sheet_key *k = &sheet_keys[i];
			int j;

			if ((strcmp(k->section, "submission") == 0) != (pass == 0))
				continue;
			if (k->type == FT_REVISION || k->type == FT_UNIT ||
			    k->type == FT_MONTH)
				continue;
			for (j = 0; j < sh->nkv; j++)
				if (sh->kidx[j] == i)
					break;
			if (j == sh->nkv)
				continue;
			snprintf(key, sizeof(key), "%s.%s", k->section, k->key);
			fl[3] = key;
			fl[4] = sh->val[j];
			norm_put_record(out, 5, fl);
		}
}

static int
cmp_sheet(const void *a, const void *b)
{
	const struct sheet *x = a, *y = b;
	int c = strcmp(units[x->uidx].code, units[y->uidx].code);

	if (c != 0)
		return c;
	return x->revision < y->revision ? 1 : x->revision > y->revision ? -1 : 0;
}

/* Picks each unit's highest revision of the folder and writes it. */
static void
finish_sheets(void)
{
	int i;

	if (nfsheets > 0)
		qsort(fsheets, (size_t)nfsheets, sizeof(*fsheets),
		    cmp_sheet);
	for (i = 0; i < nfsheets; i++) {
		if (i > 0 && fsheets[i].uidx == fsheets[i - 1].uidx) {
			sheet_free(&fsheets[i]);
			continue;
		}
		write_sheet(&fsheets[i]);
		if (nsheets == capsheets) {
			capsheets = capsheets ? capsheets * 2 : 64;
			sheets = xrealloc(sheets, (size_t)capsheets *
			    sizeof(*sheets));
		}
		sheets[nsheets++] = fsheets[i];
	}
	nfsheets = 0;
}

/* --- registers ---------------------------------------------------------- */

/* Per-file state of a register. */
struct reg {
	const struct infile	*f;
	const struct reg_kind	*k;
	int			 pos[REG_COLS_MAX];	/* field of each schema column */
	int			 nhdr;
	int			 kcol, dcol;	/* schema columns of the key
						   (-1: none) and the date */
	long			 mfirst, mlast;	/* the folder's reporting month */
	long			 warned;
	int			 lacking;	/* a required column is missing:
						   rows are checked, never kept */
	struct sbuf		 hdr;		/* the header's fields as written,
						   each ending in NUL */
	long			 hdrline;
};

static uint64_t
vkey(long days, int uidx)
{
	return ((uint64_t)(days + 4000000) << 24) | (uint64_t)uidx;
}

/*
 * Notes the first survey row of a unit for a reporting month, for the
 * tally-or-survey rule. The month is the row's date's (cut-off rule
 * applied), whatever folder sent it: that is the month its rating counts
 * in (SPEC §3.2, §5), so a late row beside the tally of the month it is
 * dated in would add to that tally, which is what the rule forbids.
 */
static void
note_first_survey(int uidx, long days, const struct infile *f, long line)
{
	long rm = report_month_of_date(days, cfg.cutoff_day);
	int *slot = imap_slot(&firstmap, ((uint64_t)(rm + 1000000) << 24) |
	    (uint64_t)uidx, 1);

	if (*slot >= 0)
		return;
	if (nfirst == capfirst) {
		capfirst = capfirst ? capfirst * 2 : 64;
		firstsurvey = xrealloc(firstsurvey, (size_t)capfirst *
		    sizeof(*firstsurvey));
	}
	firstsurvey[nfirst].file = f->display;
	firstsurvey[nfirst].line = line;
	firstsurvey[nfirst].folder = folderseq;
	*slot = nfirst++;
}

/*
 * At most this many (day, unit) counters are kept: past it the folder's
 * counts so far are written out and the table cleared. V records with the
 * same key add up (docs/FORMATS.md), so the stream means the same, and
 * memory stays bounded whatever the dates of a survey (rows spread over
 * years of days, each day its own counter, took 220 MB for a 27 MB file).
 */
#define VENT_MAX	(1 << 16)

static struct ventry *
ventry_get(long days, int uidx, const struct infile *f, long line)
{
	int *slot = imap_slot(&vmap, vkey(days, uidx), 1);

	if (*slot < 0 && nvent >= VENT_MAX) {
		finish_survey(f->month);
		slot = imap_slot(&vmap, vkey(days, uidx), 1);
	}
	if (*slot < 0) {
		if (nvent == capvent) {
			capvent = capvent ? capvent * 2 : 256;
			vent = xrealloc(vent, (size_t)capvent * sizeof(*vent));
		}
		memset(&vent[nvent], 0, sizeof(*vent));
		vent[nvent].days = days;
		vent[nvent].uidx = uidx;
		*slot = nvent++;
		note_first_survey(uidx, days, f, line);
	}
	return &vent[*slot];
}

static int
cmp_ventry(const void *a, const void *b)
{
	const struct ventry *x = a, *y = b;

	if (x->days != y->days)
		return x->days < y->days ? -1 : 1;
	return strcmp(units[x->uidx].code, units[y->uidx].code);
}

/* Writes the folder's V records, sorted by date and unit, and clears them. */
static void
finish_survey(long month)
{
	char folder[DATE_BUFSZ], date[DATE_BUFSZ], metric[64], cnt[32];
	const char *fl[6];
	int i, m;

	month_iso(month, folder);
	if (nvent > 0)
		qsort(vent, (size_t)nvent, sizeof(*vent), cmp_ventry);
	fl[0] = "V";
	fl[1] = folder;
	for (i = 0; i < nvent; i++) {
		date_iso(vent[i].days, date);
		fl[2] = date;
		fl[3] = units[vent[i].uidx].code;
		for (m = 0; m < M_N; m++) {
			if (vent[i].c[m] == 0)
				continue;
			if (m < M_CHANNEL)
				snprintf(metric, sizeof(metric), "rating.%d",
				    m + 1);
			else if (m < M_COMPONENT)
				snprintf(metric, sizeof(metric), "channel.%s.%s",
				    survey_channels[(m - M_CHANNEL) / 2],
				    (m - M_CHANNEL) % 2 ? "pos" : "n");
			else
				snprintf(metric, sizeof(metric),
				    "component.%s.%s",
				    survey_components[(m - M_COMPONENT) / 2],
				    (m - M_COMPONENT) % 2 ? "pos" : "n");
			snprintf(cnt, sizeof(cnt), "%lld", vent[i].c[m]);
			fl[4] = metric;
			fl[5] = cnt;
			norm_put_record(out, 6, fl);
		}
	}
	nvent = 0;
	imap_clear(&vmap);
	if (daycache != NULL)
		memset(daycache, 0, (size_t)daycache_units * 32 * sizeof(int));
}

static void
out_of_month(struct reg *g, const char *col, long days, long line, long cl)
{
	char d[DATE_BUFSZ], m[DATE_BUFSZ], rm[DATE_BUFSZ];

	if (++g->warned > WARN_MAX)
		return;
	date_iso(days, d);
	month_iso(g->f->month, m);
	month_iso(report_month_of_date(days, cfg.cutoff_day), rm);
	diag_warnat(g->f->display, line, cl, "%s %s is outside the folder's "
	    "month %s; the row counts in %s", col, d, m, rm);
}

/* Whether a[0..n) equals b[0..n); inline, for short strings. */
static inline int
eqbytes(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * A per-folder cache in front of vmap: the ventry of (day, unit) for the
 * days of the folder's reporting month, as index + 1 (0: not yet).
 */

static struct ventry *
ventry_fast(struct reg *g, long days, int uidx, long line)
{
	long d = days - g->mfirst;
	int *c;

	if (d < 0 || d >= 32)
		return ventry_get(days, uidx, g->f, line);
	if (uidx >= daycache_units) {
		int n = daycache_units ? daycache_units : 16;

		while (n <= uidx)
			n *= 2;
		daycache = xrealloc(daycache, (size_t)n * 32 * sizeof(int));
		memset(daycache + (size_t)daycache_units * 32, 0,
		    (size_t)(n - daycache_units) * 32 * sizeof(int));
		daycache_units = n;
	}
	c = &daycache[(size_t)uidx * 32 + (size_t)d];
	if (*c == 0) {
		struct ventry *e = ventry_get(days, uidx, g->f, line);

		*c = (int)(e - vent) + 1;
		return e;
	}
	return &vent[*c - 1];
}

/* A unit of units.ini active in the folder's month (survey_quick). */
struct split_unit {
	char	 code[17];
	size_t	 len;
	int	 uidx;
};

/*
 * The month of the last good date, so that a run of dates in one month is
 * read with a compare and two digits instead of date_parse().
 */
struct month_memo {
	char	 ym[9];		/* "YYYY-MM-" */
	long	 base;		/* day number of its day 0 */
	int	 dim;		/* days in it; 0: nothing remembered */
};

/*
 * Whether s[0..n) is "YYYY-MM-DD" in the remembered month; then *days.
 * Always inlined, like quick_channel(): they run once per survey row.
 */
static inline __attribute__((always_inline)) int
memo_day(const struct month_memo *mm, const char *s, size_t n, long *days)
{
	int d;

	if (n != 10 || mm->dim == 0 || !eqbytes(s, mm->ym, 8) ||
	    (unsigned)(s[8] - '0') > 9 || (unsigned)(s[9] - '0') > 9)
		return 0;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (d < 1 || d > mm->dim)
		return 0;
	*days = mm->base + d;
	return 1;
}

/* Remembers the month of the good date days. */
static void
memo_set(struct month_memo *mm, long days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(mm->ym, sizeof(mm->ym), "%04d-%02d-", y, m);
	mm->base = days - d;
	mm->dim = days_in_month(y, m);
}

/*
 * The survey channel of field fc as an index into survey_channels[], or -1.
 * The first and 7th bytes tell the candidate ("truc_tiep" and "buu_chinh"
 * share their 7th byte); two 8-byte loads confirm it.
 */
static inline __attribute__((always_inline)) int
quick_channel(const struct csvread_field *fc)
{
	static const char *const cn[3] = { "truc_tiep", "truc_tuyen",
	    "buu_chinh" };
	static const size_t cl[3] = { 9, 10, 9 };
	uint64_t a, b, x, y;
	int c;

	if (fc->len < 9)
		return -1;
	c = fc->s[0] == 'b' ? 2 : fc->s[6] == 'i' ? 0 : 1;
	if (fc->len != cl[c])
		return -1;
	memcpy(&a, fc->s, 8);
	memcpy(&b, fc->s + cl[c] - 8, 8);
	memcpy(&x, cn[c], 8);
	memcpy(&y, cn[c] + cl[c] - 8, 8);
	return ((a ^ x) | (b ^ y)) == 0 ? c : -1;
}

/* What survey_quick() remembers between rows; one per thread. */
struct quick {
	const struct split_unit	*u;	/* the active units */
	int			 nu;
	int			 last;	/* index into u of the last unit */
	struct month_memo	 mm;	/* the month of the last date */
	long			 mfirst, mlast;	/* the folder's reporting month */
	const int		*pos;	/* field of each survey column */
};

/* The values of a survey row. */
struct srow {
	int	 uidx, ch, rating, comp[5];
	long	 days;
};

/* Fills q->u with the units active in month; q->u is the caller's to free. */
static void
quick_init(struct quick *q, const struct reg *g)
{
	int i;

	memset(q, 0, sizeof(*q));
	q->u = xcalloc((size_t)cfg.nunits + 1, sizeof(*q->u));
	for (i = 0; i < cfg.nunits; i++) {
		const struct unit *u = &cfg.units[i];
		size_t len = strlen(u->code);
		struct split_unit *x = (struct split_unit *)&q->u[q->nu];

		if (!unit_code_valid(u->code, len) ||
		    !unit_active(u, g->f->month))
			continue;
		memcpy(x->code, u->code, len + 1);
		x->len = len;
		x->uidx = unit_intern(u->code, len);
		q->nu++;
	}
	q->mfirst = g->mfirst;
	q->mlast = g->mlast;
	q->pos = g->pos;
}

/* A rating field: 0 when empty, 1-5, or -1 when it would need a message. */
static inline int
quick_rating(const struct csvread_field *fx)
{
	int v;

	if (fx->len == 1 && fx->s[0] >= '1' && fx->s[0] <= '5')
		return fx->s[0] - '0';
	if (fx->len == 0)
		return 0;
	return num_rating(fx->s, fx->len, &v) == NUM_OK ? v : -1;
}

/*
 * Whether a survey row is valid, of an active unit and dated in the
 * folder's reporting month: a row survey_row() takes without any message.
 * Fills *v. Prints nothing and touches no shared state, so both threads of
 * a split file use it; a row it refuses goes to survey_row().
 */
static inline int
survey_quick(struct quick *q, const struct csvread *r, struct srow *v)
{
	const struct csvread_field *fu = &r->f[q->pos[0]];
	const struct csvread_field *fd = &r->f[q->pos[1]];
	const struct csvread_field *fc = &r->f[q->pos[2]];
	const struct split_unit *u = &q->u[q->last];
	int i;

	if (r->f[0].len >= 3 && (unsigned char)r->f[0].s[0] == 0xef)
		return 0;	/* maybe a BOM: check_row() says so */
	if (!(u->len == fu->len && q->nu > 0 && eqbytes(fu->s, u->code,
	    fu->len))) {
		for (i = 0; i < q->nu; i++)
			if (q->u[i].len == fu->len &&
			    eqbytes(fu->s, q->u[i].code, fu->len))
				break;
		if (i == q->nu)
			return 0;
		q->last = i;
		u = &q->u[i];
	}
	v->uidx = u->uidx;
	/* the date, through the month of the last one */
	if (!memo_day(&q->mm, fd->s, fd->len, &v->days)) {
		if (date_parse(fd->s, fd->len, &v->days) != DATE_OK)
			return 0;
		memo_set(&q->mm, v->days);
	}
	if (v->days < q->mfirst || v->days > q->mlast)
		return 0;
	v->ch = quick_channel(fc);
	if (v->ch < 0)
		return 0;
	if ((v->rating = quick_rating(&r->f[q->pos[4]])) <= 0)
		return 0;
	for (i = 0; i < 5; i++) {
		v->comp[i] = 0;
		if (q->pos[5 + i] >= 0 &&
		    (v->comp[i] = quick_rating(&r->f[q->pos[5 + i]])) < 0)
			return 0;
	}
	return 1;
}

/* Adds a row to its counters, without branches (values are random). */
static inline void
count_row(struct ventry *e, const struct srow *v)
{
	int i;

	e->c[M_RATING + v->rating - 1]++;
	e->c[M_CHANNEL + 2 * v->ch]++;
	e->c[M_CHANNEL + 2 * v->ch + 1] += v->rating >= 4;
	for (i = 0; i < 5; i++) {
		e->c[M_COMPONENT + 2 * i] += v->comp[i] != 0;
		e->c[M_COMPONENT + 2 * i + 1] += v->comp[i] >= 4;
	}
}

/*
 * The column of a message about field fx of record r. Messages name the
 * line where the record starts (SPEC §3), so a field that opens on a later
 * line of a multi-line record gets no column.
 */
static long
fcol(const struct csvread *r, const struct csvread_field *fx)
{
	return fx->line == r->line ? fx->col : 0;
}

/* True when the n bytes at s are only spaces, tabs and line breaks. */
static int
blank(const char *s, size_t n)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			return 0;
	return 1;
}

/*
 * The unit of a survey row into *uidx: 0, or 1 after its message. The
 * unit of the row before is taken again without a look-up.
 */
static int
survey_unit(struct reg *g, struct csvread *r, const struct csvread_field *fu,
    int *uidx)
{
	static int last_uidx = -1;
	static const struct infile *last_file;
	const char *file = g->f->display;
	int bad = 0;

	if (last_file != g->f) {	/* a unit's state depends on the month */
		last_file = g->f;
		last_uidx = -1;
	}
	if (last_uidx >= 0 && fu->len == units[last_uidx].len &&
	    eqbytes(fu->s, units[last_uidx].code, fu->len))
		*uidx = last_uidx;
	else if (blank(fu->s, fu->len)) {
		diag_errorat(file, r->line, fcol(r, fu), "missing value for "
		    "'unit'");
		*uidx = -1;
		bad = 1;
	} else {
		*uidx = check_unit(fu->s, fu->len, g->f->month, file, r->line,
		    fcol(r, fu));
		if (*uidx < 0)
			bad = 1;
		else
			last_uidx = *uidx;
	}
	return bad;
}

/*
 * The date of a survey row into *days: 0, or 1 after its message. The
 * month of the last good date is remembered.
 */
static int
survey_date(struct reg *g, struct csvread *r, const struct csvread_field *fd,
    long *days)
{
	static struct month_memo mm;
	const char *file = g->f->display;
	int bad = 0;

	if (memo_day(&mm, fd->s, fd->len, days))
		;	/* the same month as the row before */
	else if (blank(fd->s, fd->len)) {
		diag_errorat(file, r->line, fcol(r, fd), "missing value for "
		    "'date'");
		bad = 1;
	} else if (check_date(fd->s, fd->len, "date", file, r->line,
	    fcol(r, fd), days) < 0)
		bad = 1;
	else
		memo_set(&mm, *days);
	return bad;
}

/* The channel of a survey row into *ch: 0, or 1 after its message. */
static int
survey_channel(struct reg *g, struct csvread *r, const struct csvread_field *fc,
    int *ch)
{
	const char *file = g->f->display;

	*ch = quick_channel(fc);
	if (*ch >= 0)
		return 0;
	if (blank(fc->s, fc->len))
		diag_errorat(file, r->line, fcol(r, fc),
		    "missing value for 'channel'");
	else
		diag_errorat(file, r->line, fcol(r, fc),
		    "invalid channel '%s': expected one of %s",
		    show(fc->s, fc->len),
		    joinlist(survey_channels));
	return 1;
}

/*
 * The rating and the five component ratings of a survey row into v
 * (a blank component is 0): 0, or 1 after their messages.
 */
static int
survey_ratings(struct reg *g, struct csvread *r, struct srow *v)
{
	const struct csvread_field *fr = g->pos[4] >= 0 ? &r->f[g->pos[4]] :
	    NULL;
	const char *file = g->f->display;
	int i, bad = 0;

	if (fr == NULL)
		bad = 1;	/* no rating column: named at the header */
	else if (fr->len == 1 && fr->s[0] >= '1' && fr->s[0] <= '5')
		v->rating = fr->s[0] - '0';
	else if (blank(fr->s, fr->len)) {
		diag_errorat(file, r->line, fcol(r, fr), "missing value for "
		    "'rating'");
		bad = 1;
	} else if (check_rating(fr->s, fr->len, "rating", file, r->line,
	    fcol(r, fr), &v->rating) < 0)
		bad = 1;
	for (i = 0; i < 5; i++) {
		const struct csvread_field *fx;

		v->comp[i] = 0;
		if (g->pos[5 + i] < 0)
			continue;
		fx = &r->f[g->pos[5 + i]];
		if (fx->len == 1 && fx->s[0] >= '1' && fx->s[0] <= '5')
			v->comp[i] = fx->s[0] - '0';
		else if (blank(fx->s, fx->len))
			continue;
		else if (check_rating(fx->s, fx->len, survey_components[i],
		    file, r->line, fcol(r, fx), &v->comp[i]) < 0)
			bad = 1;
	}
	return bad;
}

/*
 * A survey row survey_quick() refused: validate with messages, count. A
 * quoted blank is no value, as in row_value(). In a register without a
 * required column (g->lacking, named at its header) the columns it has
 * are checked and the row is not counted.
 */
static void
survey_row(struct reg *g, struct csvread *r)
{
	const int *p = g->pos;
	const struct csvread_field *fd = p[1] >= 0 ? &r->f[p[1]] : NULL;
	struct srow v;
	int bad = g->lacking;

	v.days = 0;
	if (p[0] >= 0)
		bad |= survey_unit(g, r, &r->f[p[0]], &v.uidx);
	if (fd != NULL)
		bad |= survey_date(g, r, fd, &v.days);
	if (p[2] >= 0)
		bad |= survey_channel(g, r, &r->f[p[2]], &v.ch);
	bad |= survey_ratings(g, r, &v);
	if (bad)
		return;
	if (v.days < g->mfirst || v.days > g->mlast)
		out_of_month(g, "date", v.days, r->line, fcol(r, fd));
	count_row(ventry_fast(g, v.days, v.uidx, r->line), &v);
}

/* A row of a status list: validate every column, check the key, write R. */
/* A status-list row as it is checked: a normalized value per column. */
struct rowvals {
	struct sbuf	 v[REG_COLS_MAX];
	long		 days[REG_COLS_MAX];
	int		 have[REG_COLS_MAX];	/* days[] holds a good date */
	int		 uidx;			/* the row's unit, or -1 */
};

/* An FT_ENUM or FT_YESNO value into *dst; -1 when not one of them. */
static int
enum_value(const struct reg_column *c, const char *s, size_t n,
    struct sbuf *dst, const char *file, long line, long col)
{
	static const char *const yesno[] = { "yes", "no", NULL };
	const char *const *v = c->type == FT_YESNO ? yesno : c->values;
	int j;

	for (j = 0; v[j] != NULL; j++)
		if (strlen(v[j]) == n && memcmp(v[j], s, n) == 0) {
			sbuf_add(dst, s, n);
			return 0;
		}
	diag_errorat(file, line, col, "invalid %s '%s': expected one of %s",
	    c->name, show(s, n), joinlist(v));
	return -1;
}

/* An FT_DECIMAL value, printed back as the shortest round trip. */
static int
decimal_value(const struct reg_column *c, const char *s, size_t n,
    struct sbuf *dst, const char *file, long line, long col)
{
	char buf[NUMFMT_BUFSZ];
	double x;
	enum num_status st = num_decimal(s, n, &x);

	if (st == NUM_RANGE) {
		diag_errorat(file, line, col, "number '%s' for '%s' is too "
		    "large", show(s, n), c->name);
		return -1;
	}
	if (st != NUM_OK) {
		diag_errorat(file, line, col, "%s '%s' for '%s': expected a "
		    "number from 0 such as 2.5", st == NUM_NEGATIVE ?
		    "negative number" : "invalid number", show(s, n), c->name);
		return -1;
	}
	sbuf_adds(dst, numfmt_double(x, buf));
	return 0;
}

/* Checks column i of the row into rv; -1 when the value is bad. */
static int
row_value(struct reg *g, struct csvread *r, int i, struct rowvals *rv)
{
	const struct reg_column *c = &g->k->cols[i];
	const struct csvread_field *fx = g->pos[i] >= 0 ? &r->f[g->pos[i]] :
	    NULL;
	const char *s = fx ? fx->s : "", *file = g->f->display;
	size_t n = fx ? fx->len : 0;
	long line = r->line, col = fx ? fcol(r, fx) : 0;
	struct sbuf *dst = &rv->v[i];
	char d[DATE_BUFSZ];
	long long count;
	int rating;

	sbuf_reset(dst);
	rv->have[i] = 0;
	if (n == 0 || blank(s, n)) {	/* a quoted "  " is no value either */
		if (!c->required || fx == NULL)	/* no such column: named at
						   the header (g->lacking) */
			return 0;
		diag_errorat(file, line, col, "missing value for '%s'", c->name);
		return -1;
	}
	switch (c->type) {
	case FT_UNIT:
		if ((rv->uidx = check_unit(s, n, g->f->month, file, line,
		    col)) < 0)
			return -1;
		sbuf_adds(dst, units[rv->uidx].code);
		return 0;
	case FT_DATE:
		if (check_date(s, n, c->name, file, line, col,
		    &rv->days[i]) < 0)
			return -1;
		rv->have[i] = 1;
		date_iso(rv->days[i], d);
		sbuf_adds(dst, d);
		return 0;
	case FT_ENUM:
	case FT_YESNO:
		return enum_value(c, s, n, dst, file, line, col);
	case FT_DECIMAL:
		return decimal_value(c, s, n, dst, file, line, col);
	case FT_RATING:
		if (check_rating(s, n, c->name, file, line, col, &rating) < 0)
			return -1;
		sbuf_printf(dst, "%d", rating);
		return 0;
	case FT_COUNT:
		if (check_count(s, n, c->name, file, line, col, &count) < 0)
			return -1;
		sbuf_printf(dst, "%lld", count);
		return 0;
	default:
		normtext(dst, s, n);
		return 0;
	}
}

/*
 * SPEC §3.2: a column that needs another (verified_on needs corrected_on)
 * and dates in order. Returns -1 when a rule is broken.
 */
static int
row_dates(struct reg *g, struct csvread *r, const struct rowvals *rv)
{
	const struct reg_kind *k = g->k;
	const struct csvread_field *fx;
	int i, j, bad = 0;

	for (i = 0; i < k->ncols; i++) {
		const struct reg_column *c = &k->cols[i];

		fx = g->pos[i] >= 0 ? &r->f[g->pos[i]] : NULL;
		if (fx == NULL || blank(fx->s, fx->len))
			continue;	/* as row_value(): no value */
		if (c->needs != NULL) {
			j = reg_col_index(k, c->needs);
			if (g->pos[j] < 0 || blank(r->f[g->pos[j]].s,
			    r->f[g->pos[j]].len)) {
				diag_errorat(g->f->display, r->line,
				    fcol(r, fx), "'%s' is given without '%s'",
				    c->name, c->needs);
				bad = 1;
			}
		}
		if (c->not_before == NULL || !rv->have[i])
			continue;
		j = reg_col_index(k, c->not_before);
		if (rv->have[j] && rv->days[i] < rv->days[j]) {
			diag_errorat(g->f->display, r->line, fcol(r, fx),
			    "'%s' %s is before '%s' %s", c->name, rv->v[i].buf,
			    c->not_before, rv->v[j].buf);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

/*
 * Records the row's key (kind, unit, id): unique in the folder, and a
 * copy from an earlier folder makes this row a re-send. Returns -1 for a
 * duplicate, 1 for the first copy, 0 for a re-send.
 */
static int
row_key(struct reg *g, struct csvread *r, const struct rowvals *rv)
{
	static struct sbuf keyb;
	const struct reg_kind *k = g->k;
	int *slot, first;
	const struct sbuf *id = &rv->v[g->kcol];
	struct where *w;
	unsigned cp;

	if (diag_hidden_at(id->buf, id->len, &cp) >= 0) {
		/* 'KN-1' and 'KN-1' with a zero-width space pasted after it
		 * look the same, but would be two ids: a re-sent status
		 * row would count twice, a duplicate pass unseen */
		diag_errorat(g->f->display, r->line, fcol(r,
		    &r->f[g->pos[g->kcol]]), "%s '%s' holds %s (U+%04X): "
		    "delete it, or it is another %s than the one it looks "
		    "like", k->key_col, show(id->buf, id->len), cp == '\n' ?
		    "a line break" : cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ?
		    "a control character" : "an invisible character", cp,
		    k->key_col);
		return -1;
	}
	sbuf_reset(&keyb);
	sbuf_printf(&keyb, "%s\037%s\037%s", k->name, units[rv->uidx].code,
	    id->buf);
	slot = smap_slot(&keymap, keyb.buf, keyb.len, 1);
	if (*slot >= 0 && keys[*slot].folder == folderseq) {
		w = &keys[*slot];
		diag_errorat(g->f->display, r->line, fcol(r,
		    &r->f[g->pos[g->kcol]]), "duplicate %s '%s' of unit '%s' in "
		    "%s; first at %s:%ld", k->key_col, show(id->buf, id->len),
		    units[rv->uidx].code, k->name, w->file, w->line);
		return -1;
	}
	first = *slot < 0;
	if (first) {
		if (nkeys == capkeys) {
			capkeys = capkeys ? capkeys * 2 : 256;
			keys = xrealloc(keys, (size_t)capkeys * sizeof(*keys));
		}
		*slot = nkeys++;
	}
	w = &keys[*slot];
	w->folder = folderseq;
	w->file = g->f->display;
	w->line = r->line;
	return first;
}

/* Writes the R record of a good row (docs/FORMATS.md). */
static void
row_write(struct reg *g, struct csvread *r, const struct rowvals *rv)
{
	const struct reg_kind *k = g->k;
	char fo[DATE_BUFSZ];
	int i;

	month_iso(g->f->month, fo);
	fputs("R\t", out);
	norm_put(out, k->name, strlen(k->name));
	putc('\t', out);
	norm_put(out, fo, strlen(fo));
	putc('\t', out);
	norm_put(out, g->f->sname, strlen(g->f->sname));
	fprintf(out, ":%ld", r->line);
	for (i = 0; i < k->ncols; i++) {
		putc('\t', out);
		norm_put(out, sbuf_str(&rv->v[i]), rv->v[i].len);
	}
	putc('\n', out);
}

static void
status_row(struct reg *g, struct csvread *r)
{
	static struct rowvals rv;	/* its buffers are reused */
	const struct reg_kind *k = g->k;
	int i, bad = 0, first = 1, dcol = g->dcol;

	rv.uidx = -1;
	for (i = 0; i < k->ncols; i++)
		if (row_value(g, r, i, &rv) < 0)
			bad = 1;
	if (row_dates(g, r, &rv) < 0)
		bad = 1;
	if (rv.uidx >= 0 && rv.v[g->kcol].len > 0 &&
	    (first = row_key(g, r, &rv)) < 0)
		bad = 1;
	if (bad || g->lacking)
		return;
	if (first && (rv.days[dcol] < g->mfirst || rv.days[dcol] > g->mlast))
		out_of_month(g, k->date_col, rv.days[dcol], r->line,
		    fcol(r, &r->f[g->pos[dcol]]));
	row_write(g, r, &rv);
}


/* --- splitting a large survey register across two threads ------------- */

/*
 * A survey file of SPLIT_MIN bytes or more is read by two threads: this one
 * reads the first half (the reader stops at the line start nearest the
 * middle), a second thread reads from there on, but only while every row is
 * valid and dated in the folder's month, counting into its own table. It
 * prints nothing: at the first row that would need a message, or at any
 * doubt, it stops, and this thread reads on from there itself. Its counts
 * are taken only if this thread finds the middle to be a record boundary
 * (not inside a quoted field spanning lines). Messages and results are so
 * exactly those of one thread.
 */
#define SPLIT_MIN	(1024LL * 1024)


struct split {
	pthread_t		 th;
	const char		*path;
	dev_t			 dev;		/* the file the reader has open */
	ino_t			 ino;
	long long		 start;		/* offset of its first line */
	int			 nhdr;
	struct quick		 q;		/* its own caches, shared units */
	/* results */
	struct imap		 map;		/* (days, uidx) -> index */
	struct ventry		*e;
	long			*first;		/* line of each entry's first row */
	int			 ne, cap;
	long long		 stop_off;	/* read on from here */
	long			 stop_lines;	/* lines before stop_off */
};

/* Counts the row when survey_quick() takes it; 0 to stop. */
static int
split_row(struct split *sp, const struct csvread *r)
{
	struct srow v;
	int *slot;

	if (r->nf != sp->nhdr || !survey_quick(&sp->q, r, &v))
		return 0;
	slot = imap_slot(&sp->map, vkey(v.days, v.uidx), 1);
	if (*slot < 0) {
		if (sp->ne == sp->cap) {
			sp->cap = sp->cap ? sp->cap * 2 : 256;
			sp->e = xrealloc(sp->e, (size_t)sp->cap * sizeof(*sp->e));
			sp->first = xrealloc(sp->first, (size_t)sp->cap *
			    sizeof(*sp->first));
		}
		memset(&sp->e[sp->ne], 0, sizeof(*sp->e));
		sp->e[sp->ne].days = v.days;
		sp->e[sp->ne].uidx = v.uidx;
		sp->first[sp->ne] = r->line;
		*slot = sp->ne++;
	}
	count_row(&sp->e[*slot], &v);
	return 1;
}

/*
 * Whether every field of the record is empty: the ",,,,," rows a
 * spreadsheet exports below its data, skipped like blank lines.
 */
static int
empty_record(const struct csvread *r)
{
	int i;

	for (i = 0; i < r->nf; i++)
		if (r->f[i].len != 0)
			return 0;
	return 1;
}

/*
 * Whether fp is the file dev/ino: a survey saved again while it is read
 * (an editor writes a new file and renames it over the old) must not lend
 * its second half to the first half of the old one.
 */
static int
same_file(FILE *fp, dev_t dev, ino_t ino)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && st.st_dev == dev &&
	    st.st_ino == ino;
}

static void *
split_main(void *arg)
{
	struct split *sp = arg;
	struct csvread r;
	FILE *fp;
	int rv;

	sp->stop_off = sp->start;
	sp->stop_lines = 0;
	if ((fp = fopen(sp->path, "rb")) == NULL)
		return NULL;
	if (!same_file(fp, sp->dev, sp->ino)) {
		fclose(fp);		/* replaced since: the reader reads on */
		return NULL;
	}
	csvread_init(&r, fp);
	r.no_bom = 1;
	if (csvread_resume(&r, sp->start, 0) == 0) {
		while ((rv = csvread_next(&r)) == 1) {
			size_t k;

			/* a record ending inside a line (a bare CR): stop */
			if (r.ln_open) {
				for (k = r.lnpos; k < r.lnlen; k++)
					if (r.ln[k] != '\r' && r.ln[k] != '\n')
						break;
				if (k < r.lnlen)
					break;
			}
			if (!split_row(sp, &r))
				break;
			sp->stop_off = r.off + (long long)r.start;
			sp->stop_lines = r.lineno;
		}
	}
	csvread_release(&r);
	fclose(fp);
	return NULL;
}

/*
 * Starts the second thread on the second half of f when it is worth it.
 * Returns 1 and sets the reader's limit, or 0 to read alone.
 */
static int
split_start(struct split *sp, const struct reg *g, const struct quick *q,
    struct csvread *r, FILE *fp)
{
	struct stat st;
	long long size, mid, min = SPLIT_MIN;
	const char *env = getenv("BAOCAO_SPLIT_MIN");	/* for the tests */
	char buf[65536];
	ssize_t n;

	memset(sp, 0, sizeof(*sp));
	if (env != NULL)
		min = atoll(env);
	if (cfg.cp1258 || fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	size = (long long)st.st_size;
	if (size < min || size < 2)
		return 0;
	/* the first line start at or after the middle */
	for (mid = size / 2; mid < size; mid += n) {
		char *nl;

		n = pread(fileno(fp), buf, sizeof(buf), (off_t)mid);
		if (n <= 0)
			return 0;
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL) {
			mid += nl - buf + 1;
			break;
		}
		if (mid - size / 2 > CSVREAD_LINE_MAX)
			return 0;
	}
	if (mid >= size || mid <= r->off + (long long)r->start)
		return 0;
	sp->path = g->f->path;
	sp->dev = st.st_dev;
	sp->ino = st.st_ino;
	sp->start = mid;
	sp->nhdr = g->nhdr;
	sp->q = *q;			/* the units list is read-only */
	sp->q.last = 0;
	sp->q.mm.dim = 0;
	if (pthread_create(&sp->th, NULL, split_main, sp) != 0)
		return 0;
	csvread_limit(r, mid);
	return 1;
}

/*
 * At the reader's limit: waits for the second thread and takes its counts
 * when the limit fell between records, then lets the reader go on.
 */
static void
split_join(struct split *sp, struct reg *g, struct csvread *r)
{
	long base = r->lineno;
	int i, m;

	pthread_join(sp->th, NULL);
	if (csvread_cut(r) || sp->stop_off == sp->start)
		csvread_resume(r, r->off + (long long)r->end, r->lineno);
	else {
		for (i = 0; i < sp->ne; i++) {
			struct ventry *e = ventry_fast(g, sp->e[i].days,
			    sp->e[i].uidx, base + sp->first[i]);

			for (m = 0; m < M_N; m++)
				e->c[m] += sp->e[i].c[m];
		}
		csvread_resume(r, sp->stop_off, base + sp->stop_lines);
	}
	free(sp->e);
	free(sp->first);
	imap_release(&sp->map);
	memset(sp, 0, sizeof(*sp));
}

/* The message for a register saved with sep (';' or a tab) between columns. */
static void
separator_message(const struct reg *g, long line, long col, int sep)
{
	diag_errorat(g->f->display, line, col, "the columns are separated "
	    "by %s, not by commas: save the file as 'CSV UTF-8 (Comma "
	    "delimited)'%s", sep == ';' ? "';'" : "tabs", sep == ';' ?
	    " (Excel under Vietnamese regional settings writes ';')" : "");
}

/*
 * A header of one field holding ';' or a tab whose first part is a column
 * of the kind: a file saved with another separator (Excel under
 * Vietnamese regional settings writes ';'). Reported as such, once,
 * instead of an unknown column and every column missing; 1 when so.
 */
static int
other_separator(const struct reg *g, const struct csvread *r)
{
	const struct csvread_field *fx;
	struct sbuf nm = SBUF_INIT;
	size_t n = 0;
	int known;

	if (r->nf != 1)
		return 0;
	fx = &r->f[0];
	while (n < fx->len && fx->s[n] != ';' && fx->s[n] != '\t')
		n++;
	if (n == fx->len)
		return 0;
	normtext(&nm, fx->s, n);
	fold(&nm);
	known = reg_col_index(g->k, nm.buf) >= 0;
	sbuf_release(&nm);
	if (!known && n == 0 && fx->len == strspn(fx->s, "; \t") &&
	    fx->s[0] == ';')
		known = 1;	/* ";;;;": an empty row above the table,
				   the ",,,," of a ';' file */
	if (!known)
		return 0;
	separator_message(g, fx->line, fx->col, fx->s[n]);
	return 1;
}

/*
 * A header whose first name is quoted and followed by ';' or a tab
 * ("unit";"date";..., as LibreOffice or Google Sheets write a file with
 * every text quoted under a locale whose separator is ';'): the reader
 * stops at the text after the closing quote, which would be the only
 * message, about a quote, for a file saved with another separator.
 * 1 when so reported.
 */
static int
quoted_other_separator(const struct reg *g, const struct csvread *r,
    FILE *fp)
{
	int c;
	long long off;

	if (r->err != CSVREAD_EAFTER || r->err_at_line != 0)
		return 0;
	c = byte_at(fp, r->err_off);
	/* the reader passes blanks after a closing quote: a tab among them */
	for (off = r->err_off; c != ';' && c != '\t' && off > 0; off--) {
		int b = byte_at(fp, off - 1);

		if (b == '\t')
			c = b;
		else if (b != ' ')
			break;
	}
	if (c != ';' && c != '\t')
		return 0;
	separator_message(g, r->line, r->col, c);
	return 1;
}

/*
 * Whether the record's first field starts with a byte-order mark: the
 * reader skips one on line 1 only; elsewhere (two files joined, a BOM
 * written twice) it is invisible in an editor but part of the value, so
 * an id 'KN-1' with it is another id than 'KN-1', and a duplicate or a
 * status row re-sent in a later folder would pass unseen.
 */
static inline int
bom_record(const struct csvread *r)
{
	return r->nf > 0 && r->f[0].len >= 3 &&
	    memcmp(r->f[0].s, "\xef\xbb\xbf", 3) == 0;
}

/* The message of bom_record(), as a sheet's (src/lib/iniread.c) says it. */
static void
bom_error(const struct reg *g, const struct csvread *r)
{
	diag_errorat(g->f->display, r->line, fcol(r, &r->f[0]), "an invisible "
	    "byte-order mark (U+FEFF) starts this line (two files joined?): "
	    "delete it");
}

/* Reads the header row and maps columns; 0, or -1 after reporting. */
static int
register_header(struct reg *g, struct csvread *r)
{
	const struct reg_kind *k = g->k;
	const char *file = g->f->display;
	const char *cands[REG_COLS_MAX + 1];
	struct sbuf nm = SBUF_INIT;
	int i, j, nameless = 0, first_nameless = 0;

	/*
	 * An unknown, repeated or missing column is an error, but the rows
	 * are still checked with the columns there are, so that every error
	 * of the file is reported (SPEC §3); a missing required column is
	 * named once here, not in every row, and the rows are then neither
	 * counted nor written (g->lacking). -1 only for a file saved with
	 * another separator, whose rows are one field each.
	 */

	for (i = 0; i < k->ncols; i++) {
		g->pos[i] = -1;
		cands[i] = k->cols[i].name;
	}
	cands[k->ncols] = NULL;
	g->nhdr = r->nf;
	if (other_separator(g, r))
		return -1;
	if (bom_record(r))	/* the header below blank lines */
		bom_error(g, r);
	g->hdrline = r->line;
	for (i = 0; i < r->nf; i++) {
		sbuf_add(&g->hdr, r->f[i].s, r->f[i].len);
		sbuf_addc(&g->hdr, '\0');
	}
	for (i = 0; i < r->nf; i++) {
		const struct csvread_field *fx = &r->f[i];
		size_t b = i == 0 && bom_record(r) ? 3 : 0;

		normtext(&nm, fx->s + b, fx->len - b);
		fold(&nm);
		j = reg_col_index(k, nm.buf);
		if (j < 0 && blank(nm.buf, nm.len)) {
			/* a spreadsheet's empty columns (a quoted blank is no
			 * name either, as it is no value): one message */
			if (nameless++ == 0)
				first_nameless = i;
			continue;
		}
		if (j < 0) {
			diag_errorat(file, fx->line, fx->col, "unknown column "
			    "'%s' (%s register)%s", show(fx->s, fx->len),
			    k->name, suggest_phrase(suggest_nearest(nm.buf, nm.len,
			    cands)));
			continue;
		}
		if (g->pos[j] >= 0) {
			diag_errorat(file, fx->line, fx->col, "duplicate column "
			    "'%s'; first at column %ld", k->cols[j].name,
			    r->f[g->pos[j]].col);
			continue;
		}
		g->pos[j] = i;
	}
	if (nameless == 1)
		diag_errorat(file, r->f[first_nameless].line,
		    r->f[first_nameless].col, "column %d has no name (%s "
		    "register); delete the empty column", first_nameless + 1,
		    k->name);
	else if (nameless > 1)
		diag_errorat(file, r->f[first_nameless].line,
		    r->f[first_nameless].col, "column %d and %d more have no "
		    "name (%s register); delete the empty columns",
		    first_nameless + 1, nameless - 1, k->name);
	for (j = 0; j < k->ncols; j++)
		if (k->cols[j].required && g->pos[j] < 0) {
			diag_errorat(file, r->line, 0, "missing column '%s' "
			    "(%s register)", k->cols[j].name, k->name);
			g->lacking = 1;
		}
	sbuf_release(&nm);
	return 0;
}

/*
 * The second thread of a file the reader stopped reading before its
 * middle: waited for, its counts dropped.
 */
static void
split_abandon(struct split *sp)
{
	pthread_join(sp->th, NULL);
	free(sp->e);
	free(sp->first);
	imap_release(&sp->map);
}

/* Sets g up to check file f, a register of kind k. */
static void
reg_init(struct reg *g, const struct infile *f, const struct reg_kind *k)
{
	memset(g, 0, sizeof(*g));
	g->f = f;
	g->k = k;
	g->kcol = k->key_col != NULL ? reg_col_index(k, k->key_col) : -1;
	g->dcol = reg_col_index(k, k->date_col);
	g->mfirst = report_month_first_day(f->month, cfg.cutoff_day);
	g->mlast = report_month_last_day(f->month, cfg.cutoff_day);
}

/*
 * Whether the row repeats the header (ASCII case aside): two exports
 * joined with cat, or a header pasted twice. Said once, instead of an
 * invalid unit 'unit', an invalid date 'doc_date' and so on.
 */
static int
header_again(struct reg *g, const struct csvread *r)
{
	const char *h = g->hdr.buf;
	int i;

	for (i = 0; i < r->nf; i++) {
		size_t n = strlen(h);

		if (n != r->f[i].len || strncasecmp(h, r->f[i].s, n) != 0)
			return 0;
		h += n + 1;
	}
	diag_errorat(g->f->display, r->line, 0, "this row repeats the header "
	    "row (line %ld): two files joined? delete it", g->hdrline);
	return 1;
}

/*
 * A row short of fields whose text holds just the ';' or tabs that would
 * make up the header's number, or a row of one field holding some (a row
 * pasted from a file saved with another separator): the hint to add to
 * "row has 1 field", else "".
 */
static const char *
other_separator_row(const struct csvread *r, int nhdr)
{
	int i, semi = 0, tab = 0;
	size_t k;

	if (r->nf >= nhdr)
		return "";
	for (i = 0; i < r->nf; i++)
		for (k = 0; k < r->f[i].len; k++) {
			semi += r->f[i].s[k] == ';';
			tab += r->f[i].s[k] == '\t';
		}
	/* one field: blanks at its ends are trimmed, and tabs with them */
	if (r->nf + semi == nhdr || (r->nf == 1 && semi > 0))
		return "; its values are separated by ';', not by commas";
	if (r->nf + tab == nhdr || (r->nf == 1 && tab > 0))
		return "; its values are separated by tabs, not by commas";
	return "";
}

/* Checks and counts one row after the header; q is for a survey only. */
static inline void
check_row(struct reg *g, struct csvread *r, struct quick *q, int survey)
{
	struct srow v;

	if (empty_record(r))
		return;		/* ",,,": a spreadsheet's leftover row */
	if (bom_record(r)) {
		bom_error(g, r);	/* one message, not '?KN-1' beside it */
		return;
	}
	if (r->nf != g->nhdr) {
		diag_errorat(g->f->display, r->line, 0, "row has %d field%s, "
		    "the header has %d%s", r->nf, r->nf == 1 ? "" : "s",
		    g->nhdr, other_separator_row(r, g->nhdr));
		return;
	}
	if (survey && !g->lacking && survey_quick(q, r, &v))
		count_row(ventry_fast(g, v.days, v.uidx, r->line), &v);
	else if (header_again(g, r))
		return;
	else if (!survey)
		status_row(g, r);
	else
		survey_row(g, r);
}

/*
 * An error of the CSV reader, at its line; a typo on a later line of a
 * record that spans lines at the record's first line (SPEC §3), saying
 * where it is.
 */
static void
reader_error(const char *path, const struct csvread *r)
{
	if (r->err_at_line == 0)
		diag_errorat(path, r->err_line, r->err_col, "%s",
		    csvread_strerror(r));
	else
		diag_errorat(path, r->err_line, 0, "%s (line %ld, column %ld, "
		    "of this record)", csvread_strerror(r), r->err_at_line,
		    r->err_at_col);
}

/*
 * Checks the rows after the header. At the reader's limit the second
 * thread's half is joined (*split is then 0). A typo in a row, or a
 * record past a limit of its own (a field over 1 MiB), is reported and
 * reading goes on after it. Returns csvread_next()'s last
 * result: 0 at the end, -1 on an error that ends the file.
 */
static int
check_rows(struct reg *g, struct csvread *r, struct quick *q,
    struct split *sp, int *split, int survey)
{
	int rv = 1;

again:
	while (rv > 0 && ((rv = csvread_next(r)) > 0 || (rv == 0 && *split &&
	    r->at_limit))) {
		if (rv == 0) {
			split_join(sp, g, r);
			*split = 0;
			rv = 1;
			continue;
		}
		check_row(g, r, q, survey);
	}
	if (rv < 0 && (r->err == CSVREAD_ESTRAY || r->err ==
	    CSVREAD_EAFTER || r->err == CSVREAD_ECR || r->err_whole)) {
		/* a typo in a row, or a record past a limit read to its end:
		 * report it and read on from the next line or record */
		reader_error(g->f->display, r);
		if (csvread_recover(r) == 0) {
			rv = 1;
			goto again;
		}
	}
	return rv;
}

/* Reports the error that ended the reading of f (fp, read by r). */
static void
read_error(const struct infile *f, const struct csvread *r, FILE *fp)
{
	if (r->err == CSVREAD_EUTF8 || r->err == CSVREAD_ENUL)
		encoding_error(f->display, r->err_line, r->err_col,
		    r->err_off, r->err == CSVREAD_ENUL, fp);
	else if (r->err == CSVREAD_EIO) {
		errno = r->err_errno;
		diag_errorat(f->display, r->err_line, 0, "read error:");
		status = worst(status, EXIT_USAGE);
	} else
		reader_error(f->display, r);
}

static void
check_register(const struct infile *f, const struct reg_kind *k)
{
	struct csvread r;
	struct reg g;
	struct split sp;
	struct quick q;
	FILE *fp;
	int rv, survey = strcmp(k->name, "survey") == 0, split = 0;

	reg_init(&g, f, k);
	memset(&q, 0, sizeof(q));
	if ((fp = open_input(f)) == NULL)
		return;
	csvread_init(&r, fp);
	/* ",,,," rows are skipped as blank lines are, above the header too
	 * (a spreadsheet whose table starts on its second row) */
	while ((rv = csvread_next(&r)) > 0 && empty_record(&r))
		;
	if (rv == 0) {
		if (r.bytes == 0)
			diag_errorat(f->display, 1, 0, "empty file");
		else
			diag_errorat(f->display, 1, 0, "missing header row");
		goto done;
	}
	if (rv < 0 && quoted_other_separator(&g, &r, fp))
		goto done;
	if (rv > 0 && register_header(&g, &r) < 0)
		goto done;
	if (rv > 0 && survey && !g.lacking) {
		quick_init(&q, &g);
		split = split_start(&sp, &g, &q, &r, fp);
	}
	if (rv > 0)
		rv = check_rows(&g, &r, &q, &sp, &split, survey);
	if (split)			/* stopped before the middle */
		split_abandon(&sp);
	if (rv < 0)
		read_error(f, &r, fp);
	if (g.warned > WARN_MAX)
		diag_warnat(f->display, 0, 0, "%ld more row%s dated "
		    "outside the folder's month", g.warned - WARN_MAX,
		    g.warned - WARN_MAX == 1 ? "" : "s");
done:
	free((void *)q.u);
	sbuf_release(&g.hdr);
	csvread_release(&r);
	fclose(fp);
}

/* --- files and folders ------------------------------------------------- */

static const char *const kind_names[] = { "survey", "errors", "actions",
	"suggestions", "complaints", "incidents", "audits", NULL };

static void
check_file(const struct infile *f)
{
	const char *b = f->base;
	size_t n = strlen(b);
	const char *dot, *prev;

	/* Excel's owner file beside an open PNV.survey.csv, named on its
	 * own (a folder's are passed over): never data */
	if (strncmp(b, "~$", 2) == 0) {
		diag_warnat(f->display, 0, 0, "ignored: an Office lock file "
		    "(the file it names is open in Excel or Word)");
		return;
	}
	if (n > 4 && strcasecmp(b + n - 4, ".ini") == 0) {
		check_sheet(f);
		return;
	}
	if (n > 4 && strcasecmp(b + n - 4, ".csv") == 0) {
		const struct reg_kind *k;
		char kind[64];

		dot = b + n - 4;
		for (prev = dot; prev > b && prev[-1] != '.'; prev--)
			;
		if (prev == b || (size_t)(dot - prev) >= sizeof(kind)) {
			diag_errorat(f->display, 1, 0, "register name '%s' is "
			    "not NAME.KIND.csv (KIND one of %s)", b,
			    joinlist(kind_names));
			return;
		}
		memcpy(kind, prev, (size_t)(dot - prev));
		kind[dot - prev] = '\0';
		if ((k = reg_kind_find(kind)) == NULL) {
			const char *near = suggest_nearest(kind, strlen(kind),
			    kind_names);

			if (near != NULL)
				diag_errorat(f->display, 1, 0, "unknown register "
				    "kind '%s'; did you mean '%s'?",
				    show(kind, strlen(kind)), near);
			else
				diag_errorat(f->display, 1, 0, "unknown register "
				    "kind '%s': expected one of %s",
				    show(kind, strlen(kind)), joinlist(kind_names));
			return;
		}
		check_register(f, k);
		return;
	}
	diag_warnat(f->display, 0, 0, "ignored: not a sheet (.ini) nor a "
	    "register (.csv)");
}

static struct infile *files;
static int nfiles, capfiles;

/*
 * A file name as the stream writes it (R records, submission.file): the
 * stream is UTF-8 in NFC (docs/FORMATS.md), a name need not be (macOS
 * writes accents decomposed, a share mounted with another charset gives
 * CP1258 bytes), so it is normalized, and a byte that is not UTF-8 is
 * written '?', as messages show it.
 */
static char *
stream_name(const char *name)
{
	struct sbuf raw = SBUF_INIT, nfc = SBUF_INIT;
	const unsigned char *u = (const unsigned char *)name;
	size_t i = 0, n = strlen(name);
	int k;
	char *r;

	while (i < n) {
		k = utf8_seqlen(u + i, n - i);
		if (k == 0) {
			sbuf_addc(&raw, '?');
			i++;
			continue;
		}
		sbuf_add(&raw, name + i, (size_t)k);
		i += (size_t)k;
	}
	normtext(&nfc, sbuf_str(&raw), raw.len);
	r = xstrdup(sbuf_str(&nfc));
	sbuf_release(&raw);
	sbuf_release(&nfc);
	return r;
}

static void
add_file(const char *display, const char *base, long month)
{
	if (nfiles == capfiles) {
		capfiles = capfiles ? capfiles * 2 : 64;
		files = xrealloc(files, (size_t)capfiles * sizeof(*files));
	}
	files[nfiles].display = xstrdup(display);
	files[nfiles].path = files[nfiles].display;
	files[nfiles].base = xstrdup(base);
	files[nfiles].sname = stream_name(base);
	files[nfiles].month = month;
	files[nfiles].notreg = 0;
	{
		struct stat st;

		if (stat(display, &st) == 0) {
			files[nfiles].dev = st.st_dev;
			files[nfiles].ino = st.st_ino;
		} else {
			files[nfiles].dev = 0;
			files[nfiles].ino = 0;
		}
	}
	nfiles++;
}

/*
 * The month of a folder path's last component, or -1; a path ending in
 * "." or ".." (baocao-check . inside input/2024-03) is resolved first.
 */
static long
folder_month(const char *path, size_t n)
{
	const char *b;
	long m;
	size_t bn;

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (b = path + n; b > path && b[-1] != '/'; b--)
		;
	bn = (size_t)(path + n - b);
	if ((bn == 1 && b[0] == '.') || (bn == 2 && b[0] == '.' &&
	    b[1] == '.')) {
		char *dir = xstrndup(path, n), *real = realpath(dir, NULL);

		free(dir);
		if (real == NULL || strcmp(real, "/") == 0 ||
		    (m = folder_month(real, strlen(real))) < 0)
			m = -1;
		free(real);
		return m;
	}
	if (month_parse(b, bn, &m) < 0)
		return -1;
	return m;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether a name is that of a sheet or register (.ini, .csv, any case). */
static int
data_name(const char *name, size_t n)
{
	return n > 4 && (strncasecmp(name + n - 4, ".ini", 4) == 0 ||
	    strncasecmp(name + n - 4, ".csv", 4) == 0);
}

/*
 * A directory or other non-regular entry of a month folder: skipped with a
 * warning, unless its name says it is a sheet or a register, which then
 * cannot be read (exit 2), rather than be silently left out.
 */
static void
not_regular(const char *path, const char *name, int dir)
{
	if (!data_name(name, strlen(name))) {
		diag_warnat(path, 0, 0, "ignored: %s", dir ? "a directory" :
		    "not a regular file");
		return;
	}
	diag_errorat(path, 0, 0, "cannot open: %s", dir ? "a directory" :
	    "not a regular file");
	status = worst(status, EXIT_USAGE);
}

/*
 * A directory named that is no month folder: one named like a sheet or
 * register inside a month folder (input/2024-03/PNV.r2.ini) cannot be
 * opened, as when its folder is named (not_regular()); any other is not
 * a month folder. Both exit 2.
 */
static void
dir_not_folder(const char *path, size_t len)
{
	const char *b;

	while (len > 1 && path[len - 1] == '/')
		len--;
	for (b = path + len; b > path && b[-1] != '/'; b--)
		;
	if (data_name(b, (size_t)(path + len - b)) && b - path > 1 &&
	    folder_month(path, (size_t)(b - path - 1)) >= 0)
		diag_errorat(path, 0, 0, "cannot open: a directory");
	else
		diag_plain("'%s' is not a month folder (YYYY-MM)", path);
	status = worst(status, EXIT_USAGE);
}

static void
add_path(const char *path)
{
	struct stat st;
	long m;

	if (stat(path, &st) < 0) {
		diag_errorat(path, 0, 0, "cannot open:");
		status = worst(status, EXIT_USAGE);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d;
		struct dirent *de;
		char **names = NULL;
		size_t nn = 0, i, len = strlen(path);
		struct sbuf p = SBUF_INIT;

		if ((m = folder_month(path, len)) < 0) {
			dir_not_folder(path, len);
			return;
		}
		if ((d = opendir(path)) == NULL) {
			diag_errorat(path, 0, 0, "cannot open:");
			status = worst(status, EXIT_USAGE);
			return;
		}
		while ((de = readdir(d)) != NULL) {
			if (input_passed_over(de->d_name))
				continue;
			names = xrealloc(names, (nn + 1) * sizeof(*names));
			names[nn++] = xstrdup(de->d_name);
		}
		closedir(d);
		if (nn > 0)
			qsort(names, nn, sizeof(*names), cmp_name);
		for (i = 0; i < nn; i++) {
			struct stat fs;

			sbuf_reset(&p);
			sbuf_adds(&p, path);
			if (len > 0 && path[len - 1] != '/')
				sbuf_addc(&p, '/');
			sbuf_adds(&p, names[i]);
			add_file(p.buf, names[i], m);
			/*
			 * Said when its turn comes (not_regular()), so that
			 * messages keep the reading order, as a dangling
			 * link's 'cannot open' does.
			 */
			if (stat(p.buf, &fs) == 0 && !S_ISREG(fs.st_mode))
				files[nfiles - 1].notreg =
				    S_ISDIR(fs.st_mode) ? 'd' : 'o';
			free(names[i]);
		}
		free(names);
		sbuf_release(&p);
		return;
	}
	{
		const char *slash = strrchr(path, '/');

		if ((slash == NULL && (m = folder_month(".", 1)) < 0) ||
		    (slash != NULL && (m = folder_month(path,
		    (size_t)(slash - path))) < 0)) {
			diag_plain("'%s' is not inside a month folder (YYYY-MM)",
			    path);
			status = worst(status, EXIT_USAGE);
			return;
		}
		add_file(path, slash != NULL ? slash + 1 : path, m);
	}
}

/*
 * The spooled copy of standard input: removed from its folder at once and
 * read through /proc/self/fd, so nothing is left behind however the run
 * ends (a kill included).
 */
static FILE *stdin_copy;

/*
 * PATH "-": standard input, checked as the file name says (its folder
 * YYYY-MM the month, its name the unit and kind). It is copied to a
 * temporary file first, since a survey register is read by two threads.
 */
static void
add_stdin(const char *name)
{
	const char *slash;
	char buf[65536], path[FD_PATHSZ];
	size_t n;
	long m;

	if (name == NULL) {
		diag_plain("standard input (-) needs --name YYYY-MM/FILE, e.g. "
		    "--name 2024-03/PNV.ini: its folder gives the month, its "
		    "name the unit and kind");
		exit(EXIT_USAGE);
	}
	slash = strrchr(name, '/');
	if (slash == NULL || slash[1] == '\0' ||
	    (m = folder_month(name, (size_t)(slash - name))) < 0) {
		diag_plain("--name '%s' is not YYYY-MM/FILE (e.g. "
		    "2024-03/PNV.ini)", name);
		exit(EXIT_USAGE);
	}
	if (stdin_copy != NULL) {
		diag_plain("standard input (-) named twice");
		exit(EXIT_USAGE);
	}
	if ((stdin_copy = temp_file()) == NULL)
		exit(EXIT_USAGE);
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (fwrite(buf, 1, n, stdin_copy) != n) {
			diag_plain("cannot copy standard input:");
			exit(EXIT_USAGE);
		}
	if (ferror(stdin) || fflush(stdin_copy) != 0) {
		diag_plain("cannot read standard input:");
		exit(EXIT_USAGE);
	}
	add_file(name, slash + 1, m);
	files[nfiles - 1].path = xstrdup(fd_path(stdin_copy, path));
	files[nfiles - 1].dev = 0;
	files[nfiles - 1].ino = 0;
}

static int
cmp_file(const void *a, const void *b)
{
	const struct infile *x = a, *y = b;
	int c;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if ((c = strcmp(x->base, y->base)) != 0)
		return c;
	return strcmp(x->display, y->display);
}

/*
 * Whether sorted files[i] is a file named before it (input/x, ./input/x):
 * any earlier one of its month and name, since a copy of the same name in
 * another folder may sort between the two.
 */
static int
named_before(int i)
{
	const struct infile *f = &files[i], *e;
	int j;

	for (j = i - 1; j >= 0; j--) {
		e = &files[j];
		if (e->month != f->month || strcmp(e->base, f->base) != 0)
			return 0;
		if (strcmp(e->display, f->display) == 0 || (f->ino != 0 &&
		    f->ino == e->ino && f->dev == e->dev))
			return 1;
	}
	return 0;
}

static int
cmp_int2(const void *a, const void *b)
{
	const int *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * Reports survey rows of a unit and month whose sheet gives tallies, in
 * reading order of the survey rows (firstsurvey[] is in reading order).
 */
static void
check_tallies(void)
{
	int i, n = 0, (*hit)[2];
	char m[DATE_BUFSZ];

	hit = xmalloc((size_t)(nsheets + 1) * sizeof(*hit));
	for (i = 0; i < nsheets; i++) {
		const struct sheet *sh = &sheets[i];
		int *slot;

		if (!sh->has_sat)
			continue;
		slot = imap_slot(&firstmap, ((uint64_t)(sh->month + 1000000) <<
		    24) | (uint64_t)sh->uidx, 0);
		if (slot == NULL || *slot < 0)
			continue;
		hit[n][0] = *slot;
		hit[n][1] = i;
		n++;
	}
	if (n > 1)
		qsort(hit, (size_t)n, sizeof(*hit), cmp_int2);
	for (i = 0; i < n; i++) {
		const struct sheet *sh = &sheets[hit[i][1]];
		const struct where *w = &firstsurvey[hit[i][0]];

		month_iso(sh->month, m);
		diag_errorat(w->file, w->line, 0, "survey rows of unit '%s' for "
		    "%s, but its sheet '%s' gives [satisfaction] tallies; give "
		    "one or the other", units[sh->uidx].code, m,
		    sh->f->display);
	}
	free(hit);
}

static int
copy_out(void)
{
	char buf[65536];
	size_t n;

	if (fflush(out) != 0 || fseek(out, 0, SEEK_SET) != 0) {
		diag_plain("cannot write the temporary file in %s:",
		    temp_dir());
		return EXIT_USAGE;
	}
	while ((n = fread(buf, 1, sizeof(buf), out)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	if (ferror(out)) {
		diag_plain("cannot read the temporary file in %s:",
		    temp_dir());
		return EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_plain("cannot write standard output:");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [--config DIR] PATH...\n"
	    "       %s [--config DIR] --name YYYY-MM/FILE [-] < FILE\n",
	    diag_prog(), diag_prog());
	exit(EXIT_USAGE);
}

static void
help(void)
{
	printf("usage: %s [--config DIR] PATH...\n"
	    "       %s [--config DIR] --name YYYY-MM/FILE [-] < FILE\n"
	    "Validates the monthly submissions in the month folders (or files\n"
	    "of month folders) named by PATH, e.g. input/2024-03, and writes\n"
	    "them in the normalized stream of docs/FORMATS.md on standard\n"
	    "output. Every error is reported on standard error as\n"
	    "FILE:LINE[:COLUMN]: message; when there is one, nothing is\n"
	    "written on standard output.\n\n"
	    "  --config DIR  read baocao.ini, units.ini and objectives.ini from\n"
	    "                DIR (config)\n"
	    "  --name YYYY-MM/FILE\n"
	    "                the name of standard input, PATH '-' (the only\n"
	    "                PATH when none is given): its folder gives the\n"
	    "                month, its name the unit and kind, as in\n"
	    "                  baocao-check --name 2024-03/PNV.ini < PNV.ini\n"
	    "  --help        show this help\n"
	    "  --version     show the version\n\n"
	    "Exit status: 0 valid (warnings allowed), 1 data errors,\n"
	    "2 wrong usage, unreadable file, missing or invalid "
	    "configuration.\n", diag_prog(), diag_prog());
	diag_exit_stdout(EXIT_OK);
}

#ifndef UNIT_TESTING
/* Checks every file, one month folder after the other (files is sorted). */
static void
check_files(void)
{
	long month = -1;
	int i;

	for (i = 0; i < nfiles; i++) {
		if (named_before(i))
			continue;	/* named twice (input/x, ./input/x) */
		if (files[i].month != month) {
			if (month >= 0) {
				finish_sheets();
				finish_survey(month);
			}
			month = files[i].month;
			folderseq++;
		}
		if (files[i].notreg)
			not_regular(files[i].display, files[i].base,
			    files[i].notreg == 'd');
		else
			check_file(&files[i]);
	}
	if (month >= 0) {
		finish_sheets();
		finish_survey(month);
	}
}

/*
 * After the last file: the checks across files, then the normalized
 * stream copied to standard output if nothing was wrong. Returns the exit
 * status.
 */
static int
finish_output(void)
{
	check_tallies();
	if (diag_errors() > 0)
		status = worst(status, EXIT_DATA);
	if (ferror(out)) {
		diag_plain("cannot write the temporary file in %s:",
		    temp_dir());
		status = worst(status, EXIT_USAGE);
	}
	if (status == EXIT_OK)
		status = copy_out();
	fclose(out);
	return status;
}

/* Frees what the files, sheets and tallies hold, and the unit codes. */
static void
free_all(const char **codes)
{
	int i;

	for (i = 0; i < nsheets; i++)
		sheet_free(&sheets[i]);
	free(sheets);
	free(fsheets);
	for (i = 0; i < nfiles; i++) {
		if (files[i].path != files[i].display)
			free(files[i].path);
		free(files[i].display);
		free(files[i].base);
		free(files[i].sname);
	}
	free(files);
	free(units);
	free(vent);
	free(daycache);
	free(firstsurvey);
	free(keys);
	free(codes);
	imap_release(&unitmap);
	imap_release(&vmap);
	imap_release(&firstmap);
	smap_release(&keymap);
	config_release(&cfg);
}

/*
 * baocao-check validates every folder and file named, in month order, and
 * writes the normalized stream when no error was found.
 */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char **codes, *stdin_name = NULL;
	int ch, i, rv;

	diag_init(argv[0]);
	argv[0] = (char *)diag_prog();	/* getopt's messages: the bare name */
	while ((ch = getopt_long(argc, argv, "c:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cfgdir = optarg;
			break;
		case 'n':
			stdin_name = optarg;
			break;
		case 'h':
			help();
			break;
		case 'V':
			printf("baocao-check (baocao) %s\n", BAOCAO_VERSION);
			diag_exit_stdout(EXIT_OK);
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && stdin_name != NULL)
		argv[argc++] = (char *)"-";	/* --name alone: stdin */
	if (argc == 0) {
		diag_plain("what to check? name month folders or files, e.g. "
		    "input/2024-03, or give --name for standard input");
		usage();
	}
	config_warnings = 1;
	if ((rv = config_load(&cfg, cfgdir)) != 0)
		return rv;
	unit_codes = codes = config_unit_codes(&cfg);
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0)
			add_stdin(stdin_name);
		else
			add_path(argv[i]);
	if (stdin_name != NULL && stdin_copy == NULL) {
		diag_plain("--name names standard input, which is read only as "
		    "PATH '-' (or with no PATH)");
		return EXIT_USAGE;
	}
	if (nfiles > 0)
		qsort(files, (size_t)nfiles, sizeof(*files), cmp_file);
	if ((out = temp_file()) == NULL)
		return EXIT_USAGE;
	fputs("#baocao-norm 1\n", out);
	check_files();
	rv = finish_output();
	free_all(codes);
	return rv;
}
#endif
