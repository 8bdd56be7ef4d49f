/* SPDX-License-Identifier: ISC */
/* iniread: a line tokenizer of monthly sheets with exact positions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "iniread.h"
#include "utf8.h"

void
iniread_init(struct iniread *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	sbuf_init(&r->logical);
	sbuf_init(&r->name);
	sbuf_init(&r->value);
}

void
iniread_release(struct iniread *r)
{
	free(r->raw);
	free(r->seg);
	sbuf_release(&r->logical);
	sbuf_release(&r->name);
	sbuf_release(&r->value);
	memset(r, 0, sizeof(*r));
}

static int
fail(struct iniread *r, enum ini_error e, const char *msg, long line,
    long col, long long off)
{
	r->err = e;
	r->errmsg = msg;
	r->err_section = 0;
	r->err_key = 0;
	r->err_keyline = 0;
	r->err_line = line;
	r->err_col = col;
	r->err_off = off;
	return -1;
}

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * Reads one physical line into r->raw (without LF, CR or BOM); sets *pl,
 * *plen. Returns 1, 0 at end, -1 on error.
 */
static int
physical(struct iniread *r, char **pl, size_t *plen)
{
	ssize_t n;
	char *l;
	size_t len, bad;
	long long off;

	errno = 0;
	n = getline_max(r->fp, &r->raw, &r->rawcap,
	    (size_t)INIREAD_LINE_MAX + 1);	/* and its '\n' */
	if (n == -2)
		return fail(r, INIREAD_ELINE, "line longer than 16 MiB",
		    r->lineno + 1, 0, r->off);
	if (n < 0) {
		if (ferror(r->fp)) {
			r->err_errno = errno;
			return fail(r, INIREAD_EIO, "read error", r->lineno + 1,
			    0, r->off);
		}
		return 0;
	}
	r->lineno++;
	r->bytes += n;
	off = r->off;
	r->off += n;
	l = r->raw;
	len = (size_t)n;
	if (len > 0 && l[len - 1] == '\n')
		len--;
	if (r->lineno == 1 && len >= 3 && memcmp(l, "\xEF\xBB\xBF", 3) == 0) {
		l += 3;
		len -= 3;
		off += 3;
	}
	{
		char *z = memchr(l, '\0', len);

		if (!utf8_valid(l, len, &bad))
			;
		else
			bad = len;
		if (z != NULL && (size_t)(z - l) <= bad)
			return fail(r, INIREAD_ENUL, "NUL byte", r->lineno,
			    (long)(z - l) + 1, off + (z - l));
		if (bad < len)
			return fail(r, INIREAD_EUTF8, "invalid UTF-8",
			    r->lineno, (long)bad + 1, off + (long long)bad);
	}
	if (len > 0 && l[len - 1] == '\r')
		len--;
	{
		char *cr = memchr(l, '\r', len);

		if (cr != NULL)
			return fail(r, INIREAD_ECR, "carriage return (CR) "
			    "without a line feed (LF)", r->lineno,
			    (long)(cr - l) + 1, off + (cr - l));
	}
	*pl = l;
	*plen = len;
	return 1;
}

/* Whether l[0..len) is a lone '\' (trailing blanks and CR allowed). */
static int
only_backslash(const char *l, size_t len)
{
	while (len > 0 && (blank(l[len - 1]) || l[len - 1] == '\r'))
		len--;
	return len == 1 && l[0] == '\\';
}

/* Notes that the next bytes of the logical line come from line:col. */
static void
add_seg(struct iniread *r, long line, long col)
{
	if (r->nseg == r->segcap) {
		r->segcap = r->segcap ? r->segcap * 2 : 8;
		r->seg = xrealloc(r->seg, r->segcap * sizeof(*r->seg));
	}
	r->seg[r->nseg].at = r->logical.len;
	r->seg[r->nseg].line = line;
	r->seg[r->nseg].col = col;
	r->nseg++;
}

/* The physical line and column of offset at of the logical line. */
static void
locate(const struct iniread *r, size_t at, long *line, long *col)
{
	size_t i = r->nseg - 1;

	while (i > 0 && r->seg[i].at > at)
		i--;
	*line = r->seg[i].line;
	*col = r->seg[i].col + (long)(at - r->seg[i].at);
}

/* Reads a logical line (continuations joined) into r->logical. */
static int
logical(struct iniread *r)
{
	char *l;
	size_t len, lead;
	int rv, first = 1;

	sbuf_reset(&r->logical);
	r->nseg = 0;
	for (;;) {
		if ((rv = physical(r, &l, &len)) <= 0) {
			if (rv == 0 && !first)
				return 1;	/* '\' on the last line */
			return rv;
		}
		lead = 0;
		if (first)
			r->line = r->lineno;
		else {
			while (len > 0 && blank(*l)) {
				l++;
				len--;
				lead++;
			}
			if (only_backslash(l, len) &&
			    r->logical.len < (size_t)INIREAD_LINE_MAX) {
				sbuf_addc(&r->logical, '\n');	/* paragraph */
				continue;
			}
			if (len > 0 && r->logical.len > 0 &&
			    r->logical.buf[r->logical.len - 1] != '\n')
				sbuf_addc(&r->logical, ' ');
		}
		add_seg(r, r->lineno, (long)lead + 1);
		first = 0;
		{
			size_t e = len;

			while (e > 0 && blank(l[e - 1]))
				e--;
			if (r->logical.len + e > (size_t)INIREAD_LINE_MAX)
				return fail(r, INIREAD_ELINE, "line longer than "
				    "16 MiB", r->line, 0, r->off);
			if (e > 0 && l[e - 1] == '\\') {
				e--;
				while (e > 0 && blank(l[e - 1]))
					e--;
				sbuf_add(&r->logical, l, e);
				continue;
			}
		}
		sbuf_add(&r->logical, l, len);
		return 1;
	}
}

/* The error of the line comment_swallows() found. */
static int
lost_line_error(struct iniread *r)
{
	long line = r->lost_line;

	r->lost_line = 0;
	return fail(r, INIREAD_ESYNTAX, "this line continues the comment "
	    "above it, which ends in '\\', and is not read; remove that '\\'",
	    line, r->lost_col, 0);
}

static int
comment_start(const char *s, size_t i)
{
	return (s[i] == ';' || s[i] == '#') && (i == 0 || blank(s[i - 1]));
}

/* Only blanks or a comment from s[i] on. */
static int
rest_empty(const char *s, size_t i, size_t n)
{
	while (i < n && blank(s[i]))
		i++;
	return i == n || s[i] == ';' || s[i] == '#';
}

/*
 * Whether the comment that starts at offset from of the logical line ends
 * in a '\' and the line it continues on holds more than a comment (a key,
 * swallowed: "; C:\" then "planned = 12"); that line's place goes to
 * r->lost_line and r->lost_col, an error iniread_next() returns after the
 * item. As in C, a comment ending in '\' goes on; losing a line to it
 * silently is what C compilers warn of (-Wcomment).
 */
static int
comment_swallows(struct iniread *r, size_t from)
{
	const char *s = r->logical.buf;
	size_t k, p, end;

	for (k = 1; k < r->nseg; k++) {
		if (r->seg[k].at <= from)
			continue;
		end = k + 1 < r->nseg ? r->seg[k + 1].at : r->logical.len;
		for (p = r->seg[k].at; p < end && (blank(s[p]) ||
		    s[p] == '\n'); p++)
			;
		if (p < end && s[p] != ';' && s[p] != '#') {
			r->lost_line = r->seg[k].line;
			r->lost_col = r->seg[k].col;
			return 1;
		}
	}
	return 0;
}

/*
 * A section header "[name]" opening at s[i] of the logical line s[0..n):
 * INI_SECTION, or -1 on a syntax error.
 */
static inline int
section_line(struct iniread *r, const char *s, size_t n, size_t i)
{
	size_t j, k;

	for (j = i + 1; j < n && s[j] != ']'; j++)
		;
	if (j == n) {
		/*
		 * "[tasks": the name is what follows '[' up to a comment,
		 * entered anyway (err_section), so that its keys are not
		 * each reported as strangers to the section before it
		 */
		for (k = i + 1; k < n && blank(s[k]); k++)
			;
		for (j = k; j < n && !comment_start(s, j); j++)
			;
		for (; j > k && blank(s[j - 1]); j--)
			;
		fail(r, INIREAD_ESYNTAX, "missing ']' in section header",
		    r->line, r->col, 0);
		sbuf_add(&r->name, s + k, j - k);
		r->err_section = j > k;
		return -1;
	}
	for (k = i + 1; k < j && blank(s[k]); k++)
		;
	for (; j > k && blank(s[j - 1]); j--)
		;
	if (j == k)
		return fail(r, INIREAD_ESYNTAX, "empty section name", r->line,
		    r->col, 0);
	sbuf_add(&r->name, s + k, j - k);
	for (j = i + 1; s[j] != ']'; j++)
		;
	if (!rest_empty(s, j + 1, n)) {
		long el, ec;

		for (j++; blank(s[j]); j++)
			;
		locate(r, j, &el, &ec);
		fail(r, INIREAD_ESYNTAX, "text after section header", el, ec,
		    0);
		r->err_section = 1;
		return -1;
	}
	comment_swallows(r, j + 1);	/* of a comment after the header */
	return INI_SECTION;
}

/*
 * A value opening with '"' at s[j]: 1 when the quotes hold the whole
 * value (with its escapes undone), 0 when text follows them (the value is
 * then read as unquoted, and *q is where its comment may start), -1 when
 * they are not closed.
 */
static inline int
quoted_value(struct iniread *r, const char *s, size_t n, size_t j, size_t *q)
{
	size_t k;

	r->quoted = 1;
	for (k = j + 1; k < n && s[k] != '"'; k++) {
		if (s[k] == '\\' && k + 1 < n &&
		    (s[k + 1] == '"' || s[k + 1] == '\\'))
			k++;
		sbuf_addc(&r->value, s[k]);
	}
	if (k == n) {
		long ql, qc;

		locate(r, j, &ql, &qc);	/* at the quote */
		fail(r, INIREAD_ESYNTAX, "unterminated quoted value", ql, qc,
		    0);
		r->err_key = 1;		/* the key is there, in name */
		return -1;
	}
	if (rest_empty(s, k + 1, n)) {
		r->vcut = r->value.len;
		comment_swallows(r, k + 1);
		return 1;
	}
	/*
	 * '"Một cửa" hoạt động tốt': the quotes belong to the text, which is
	 * read as any unquoted value, its comment looked for after the quotes
	 * only (they keep their ';' and '#').
	 */
	r->quoted = 0;
	sbuf_reset(&r->value);
	*q = k + 1;
	return 0;
}

/*
 * A "key = value" line whose key opens at s[i] of the logical line
 * s[0..n): INI_KEY, or -1 on a syntax error.
 */
static inline int
key_line(struct iniread *r, const char *s, size_t n, size_t i)
{
	size_t j, k, q;
	int rv;

	for (j = i; j < n && s[j] != '='; j++)
		;
	if (j == n)
		return fail(r, INIREAD_ESYNTAX,
		    "expected 'key = value', '[section]' or a comment",
		    r->line, r->col, 0);
	for (k = j; k > i && blank(s[k - 1]); k--)
		;
	if (k == i)
		return fail(r, INIREAD_ESYNTAX, "missing key before '='",
		    r->line, r->col, 0);
	sbuf_add(&r->name, s + i, k - i);
	for (j++; j < n && blank(s[j]); j++)
		;
	{
		long vl;

		locate(r, j, &vl, &r->vcol);
		if (vl != r->line)
			r->vcol = 0;	/* opens on a later line */
	}
	q = j;			/* where a comment may start */
	if (j < n && s[j] == '"' && (rv = quoted_value(r, s, n, j, &q)) != 0)
		return rv < 0 ? -1 : INI_KEY;
	for (k = q; k < n; k++)
		if ((s[k] == ';' || s[k] == '#') &&
		    (k == j || comment_start(s, k)))
			break;
	if (k < n) {
		comment_swallows(r, k);
		if (k > j) {
			locate(r, k, &r->cline, &r->ccol);
			r->cchar = s[k];
		}
	}
	while (k > j && blank(s[k - 1]))
		k--;
	sbuf_add(&r->value, s + j, k - j);
	for (i = j; i < k && s[i] != ';' && s[i] != '#'; i++)
		;
	while (i > j && blank(s[i - 1]))
		i--;
	r->vcut = i - j;
	return INI_KEY;
}

/*
 * A line that starts with a byte-order mark, opening at s[i] of the
 * logical line s[0..n): accepted at the start of the file only, elsewhere
 * (two files joined, a BOM written twice) it is invisible in an editor,
 * and the line looks like the comment or section header it is not. A
 * section header after it is reported and entered anyway (err_section),
 * as "[tasks" is, so that its keys are not each reported as strangers to
 * the section before; so is a key line, read without the mark
 * (err_keyline), not an unknown key '?planned' beside a missing key
 * 'planned' on the line the clerk sees 'planned' on. Returns -1.
 */
static int
bom_line(struct iniread *r, const char *s, size_t n, size_t i)
{
	static const char msg[] = "an invisible byte-order mark (U+FEFF) "
	    "starts this line (two files joined?): delete it";
	size_t b = i + 3;

	while (b < n && blank(s[b]))
		b++;
	if (b < n && s[b] == '[' && section_line(r, s, n, b) != INI_SECTION)
		return -1;		/* its own error, [x or [x] y */
	if (b < n && s[b] == '[') {
		fail(r, INIREAD_ESYNTAX, msg, r->line, r->col, 0);
		r->err_section = 1;
		return -1;
	}
	if (b == n || s[b] == ';' || s[b] == '#' ||
	    memchr(s + b, '=', n - b) == NULL)
		return fail(r, INIREAD_ESYNTAX, msg, r->line, r->col, 0);
	if (key_line(r, s, n, b) < 0)
		return -1;		/* its own error */
	fail(r, INIREAD_ESYNTAX, msg, r->line, r->col, 0);
	r->err_keyline = 1;		/* the key is read, without the mark */
	return -1;
}

int
iniread_next(struct iniread *r)
{
	const char *s;
	size_t n, i;
	int rv;

	if (r->err && r->err != INIREAD_ESYNTAX)
		return INI_END;
	r->err = INIREAD_OK;
	if (r->lost_line > 0)
		return lost_line_error(r);
	for (;;) {
		if ((rv = logical(r)) <= 0)
			return rv < 0 ? -1 : INI_END;
		s = sbuf_str(&r->logical);
		n = r->logical.len;
		for (i = 0; i < n && blank(s[i]); i++)
			;
		if (i < n && (s[i] == ';' || s[i] == '#') &&
		    comment_swallows(r, i))
			return lost_line_error(r);
		if (i == n || s[i] == ';' || s[i] == '#')
			continue;
		locate(r, i, &r->line, &r->col);
		sbuf_reset(&r->name);
		sbuf_reset(&r->value);
		r->quoted = 0;
		r->vcut = 0;
		r->cline = r->ccol = 0;
		if (s[i] == '[')
			return section_line(r, s, n, i);
		if (n - i >= 3 && memcmp(s + i, "\xef\xbb\xbf", 3) == 0)
			return bom_line(r, s, n, i);
		return key_line(r, s, n, i);
	}
}
