/* SPDX-License-Identifier: ISC */
/* csvread: RFC 4180 records with physical line numbers, over libcsv. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csvread.h"
#include "utf8.h"
#include "util.h"

/* libcsv's parser states (libcsv.c); struct csv_parser is public. */
#define ROW_NOT_BEGUN		0
#define FIELD_BEGUN		2
#define FIELD_MIGHT_HAVE_ENDED	3

#define BLOCK	(1024 * 1024)
/*
 * libcsv gets a line in segments of at most SEGMAX bytes, and grows its
 * field buffer SEGMAX at a time: a huge field is refused after at most
 * CSVREAD_FIELD_MAX + SEGMAX bytes, with a few reallocations.
 */
#define SEGMAX	(64 * 1024)

/*
 * Byte classes of the fast path: 0 ordinary, 1 comma, 2 needs libcsv or an
 * error (quote, CR, NUL), 3 non-ASCII (check the UTF-8 sequence).
 */
static unsigned char cls[256];

static void
init_cls(void)
{
	int c;

	if (cls[0] == 2)
		return;
	for (c = 0x80; c < 256; c++)
		cls[c] = 3;
	cls[','] = 1;
	cls['"'] = 2;
	cls['\r'] = 2;
	cls[0] = 2;
}

void
csvread_init(struct csvread *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	init_cls();
	r->fp = fp;
	r->limit = -1;
	r->cap = BLOCK;
	r->buf = xmalloc(r->cap);
	r->fcap = 16;
	r->f = xmalloc(r->fcap * sizeof(*r->f));
	r->foff = xmalloc(r->fcap * sizeof(*r->foff));
	r->dcap = 4096;
	r->data = xmalloc(r->dcap);
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fputs("csv_init failed\n", stderr);
		abort();
	}
	csv_set_blk_size(&r->p, SEGMAX);
}

void
csvread_release(struct csvread *r)
{
	csv_free(&r->p);
	free(r->buf);
	free(r->f);
	free(r->foff);
	free(r->data);
	memset(r, 0, sizeof(*r));
}

const char *
csvread_strerror(const struct csvread *r)
{
	switch (r->err) {
	case CSVREAD_OK:
		return "no error";
	case CSVREAD_EQUOTE:
		return "unterminated quoted field";
	case CSVREAD_ESTRAY:
		return "quote '\"' inside an unquoted field (quote the whole field and double the quote)";
	case CSVREAD_EAFTER:
		return "text after the closing quote of a field";
	case CSVREAD_EFIELD:
		return "field longer than 1 MiB (1048576 bytes)";
	case CSVREAD_ELINE:
		return "line longer than 16 MiB";
	case CSVREAD_EUTF8:
		return "invalid UTF-8";
	case CSVREAD_ENUL:
		return "NUL byte";
	case CSVREAD_EIO:
		return strerror(r->err_errno);
	case CSVREAD_ECR:
		return "carriage return (CR) without a line feed (LF); save the file with LF or CRLF line ends";
	case CSVREAD_EFIELDS:
		return "record with more than 4096 fields";
	case CSVREAD_ERECORD:
		return "record longer than 16 MiB";
	}
	return "?";
}

static int
fail(struct csvread *r, enum csvread_error e, long line, long col,
    long long off)
{
	r->err = e;
	r->err_line = line;
	r->err_col = col;
	r->err_off = off;
	r->err_at_line = r->err_at_col = 0;
	r->err_whole = 0;
	return -1;
}

/*
 * A typo at line:col inside the current record (a field is open, so
 * r->line is where the record starts), reported at that line.
 */
static int
fail_in_record(struct csvread *r, enum csvread_error e, long line, long col,
    long long off)
{
	fail(r, e, line, col, off);
	if (line > r->line) {
		r->err_line = r->line;
		r->err_col = 0;
		r->err_at_line = line;
		r->err_at_col = col;
	}
	return -1;
}

/*
 * A record past a limit of its own (skip): the first such error is kept,
 * for when the record has been read to its end (skip_done).
 */
static void
skip_start(struct csvread *r, enum csvread_error e, long line, long col)
{
	if (r->skip != CSVREAD_OK)
		return;
	r->skip = e;
	r->skip_line = line;
	r->skip_col = col;
}

/* The end of a skipped record: its error, which can be recovered from. */
static int
skip_done(struct csvread *r)
{
	fail(r, r->skip, r->skip_line, r->skip_col, 0);
	r->err_whole = 1;
	r->skip = CSVREAD_OK;
	r->rec_done = 0;
	return -1;
}

/*
 * Room for one more field; past CSVREAD_FIELDS_MAX, -1 and the record is
 * skipped, reported where it starts (its first field). The fast path
 * leaves such a record to libcsv (fast_field).
 */
static int
grow_fields_slow(struct csvread *r)
{
	if (r->fcap >= CSVREAD_FIELDS_MAX) {
		skip_start(r, CSVREAD_EFIELDS, r->f[0].line, r->f[0].col);
		return -1;
	}
	r->fcap *= 2;
	r->f = xrealloc(r->f, r->fcap * sizeof(*r->f));
	r->foff = xrealloc(r->foff, r->fcap * sizeof(*r->foff));
	return 0;
}

static inline int
grow_fields(struct csvread *r)
{
	return r->nf == r->fcap ? grow_fields_slow(r) : 0;
}

/*
 * Takes the next physical line: *lp and *lenp (without LF), *nl whether it
 * ended in LF. Returns 1, 0 at end of input, -1 on error.
 */
static int
take_line(struct csvread *r, const char **lp, size_t *lenp, int *nl)
{
	size_t scanned = 0;

	for (;;) {
		char *s = r->buf + r->start, *e;
		size_t avail = r->end - r->start, n;

		e = memchr(s + scanned, '\n', avail - scanned);
		if (e != NULL || (r->eof && avail > 0)) {
			*lp = s;
			*lenp = e ? (size_t)(e - s) : avail;
			*nl = e != NULL;
			r->start += *lenp + (e != NULL);
			r->lineno++;
			r->ln_no = r->lineno;
			r->ln_off = r->off + (s - r->buf);
			if (r->lineno == 1 && !r->no_bom && *lenp >= 3 &&
			    memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
				*lp += 3;
				*lenp -= 3;
				r->ln_off += 3;
			}
			return 1;
		}
		if (r->eof)
			return 0;
		scanned = avail;
		if (r->start > 0) {
			memmove(r->buf, s, avail);
			r->off += (long long)r->start;
			r->end = avail;
			r->start = 0;
		}
		if (r->end == r->cap) {
			if (r->cap >= (size_t)CSVREAD_LINE_MAX)
				return fail(r, CSVREAD_ELINE, r->lineno + 1, 0,
				    r->off);
			r->cap *= 2;
			r->buf = xrealloc(r->buf, r->cap);
		}
		n = r->cap - r->end;
		if (r->limit >= 0 && r->off + (long long)(r->end + n) > r->limit)
			n = (size_t)(r->limit - r->off - (long long)r->end);
		if (n == 0 && r->limit >= 0) {
			r->eof = r->at_limit = 1;
			continue;
		}
		n = fread(r->buf + r->end, 1, n, r->fp);
		if (n == 0) {
			if (ferror(r->fp)) {
				r->err_errno = errno;
				return fail(r, CSVREAD_EIO, r->lineno + 1, 0,
				    r->off + (long long)r->end);
			}
			r->eof = 1;
		}
		r->end += n;
		r->bytes += (long long)n;
	}
}

/* Checks a whole physical line for NUL bytes and invalid UTF-8. */
static int
check_line(struct csvread *r, const char *l, size_t len)
{
	const char *z = memchr(l, '\0', len);
	size_t bad = len;

	if (!utf8_valid(l, len, &bad))
		bad = bad < len ? bad : len;
	if (z != NULL && (size_t)(z - l) <= bad)
		return fail(r, CSVREAD_ENUL, r->ln_no, (long)(z - l) + 1,
		    r->ln_off + (z - l));
	if (bad < len)
		return fail(r, CSVREAD_EUTF8, r->ln_no, (long)bad + 1,
		    r->ln_off + (long long)bad);
	return 0;
}

/* libcsv callbacks (slow path). */
/* Keeps field s[0 .. len) of the record; 0, or -1 when it is skipped. */
static int
keep_field(struct csvread *r, const void *s, size_t len)
{
	/* a CRLF file's line ends inside the field are no text (see fcrlf) */
	if (len - (r->fcrlf < len ? r->fcrlf : len) >
	    (size_t)CSVREAD_FIELD_MAX)
		skip_start(r, CSVREAD_EFIELD, r->fline, r->fcol);
	r->fcrlf = 0;
	if (r->skip != CSVREAD_OK || grow_fields(r) < 0)
		return -1;
	/* the record's text so far (dlen less a NUL per field) and this */
	if (r->dlen - (size_t)r->nf + len > (size_t)CSVREAD_LINE_MAX) {
		skip_start(r, CSVREAD_ERECORD, r->line, r->col);
		return -1;
	}
	if (r->dlen + len + 1 > r->dcap) {
		while (r->dlen + len + 1 > r->dcap)
			r->dcap *= 2;
		r->data = xrealloc(r->data, r->dcap);
	}
	if (len)
		memcpy(r->data + r->dlen, s, len);
	r->foff[r->nf] = r->dlen;
	r->f[r->nf].len = len;
	r->f[r->nf].line = r->fline;
	r->f[r->nf].col = r->fcol;
	r->dlen += len;
	r->data[r->dlen++] = '\0';
	r->nf++;
	return 0;
}

static void
cb_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;

	if (r->err)
		return;
	(void)keep_field(r, s, len);
	/*
	 * The terminator is the last byte fed: the next field opens after it,
	 * at its first byte that is not a space or tab, as on the fast path
	 * (and in a skipped record, where an unterminated quote would be).
	 */
	r->fline = r->ln_no;
	{
		size_t k = r->lnpos + 1;

		while (k < r->lnlen && (r->ln[k] == ' ' || r->ln[k] == '\t'))
			k++;
		r->fcol = (long)k + 1;
	}
}

static void
cb_record(int c, void *data)
{
	struct csvread *r = data;

	(void)c;
	r->rec_done = 1;
}

/*
 * The length of the field libcsv is building. Its buffer also holds, for
 * now, the spaces after an unquoted field's text, and a closing quote and
 * the spaces after it (FIELD_MIGHT_HAVE_ENDED); they are dropped at the end
 * of the field.
 */
static size_t
field_len(const struct csvread *r)
{
	size_t drop = r->p.spaces + (r->p.pstate == FIELD_MIGHT_HAVE_ENDED);

	return r->p.entry_pos > drop ? r->p.entry_pos - drop : 0;
}

/*
 * In a skipped record, drops the text libcsv holds of the field it is
 * building, but for the bytes it may still take back at the field's end
 * (the spaces after an unquoted field's text, a closing quote: see
 * field_len), so that its buffer stays within a segment and a line.
 */
static void
skip_trim(struct csvread *r)
{
	size_t keep = r->p.spaces + (r->p.pstate == FIELD_MIGHT_HAVE_ENDED);

	if (r->p.entry_pos <= keep + SEGMAX)
		return;
	memmove(r->p.entry_buf, r->p.entry_buf + r->p.entry_pos - keep, keep);
	r->p.entry_pos = keep;
}

static int
special(unsigned char c)
{
	return c == ',' || c == '"' || c == '\r' || c == '\n';
}

/*
 * Feeds the rest of the current line to libcsv, segment by segment (each
 * ends just after a comma, quote, CR or LF), until a record is complete
 * (returns 1) or the line is used up (returns 0). -1 on error.
 */
static int
feed_line(struct csvread *r)
{
	while (r->lnpos < r->lnlen) {
		size_t j = r->lnpos, n, got;

		if (r->p.pstate == ROW_NOT_BEGUN) {
			size_t k = j;

			while (k < r->lnlen && (r->ln[k] == ' ' ||
			    r->ln[k] == '\t' || r->ln[k] == '\r' ||
			    r->ln[k] == '\n'))
				k++;
			if (k < r->lnlen) {
				r->rec_off = r->ln_off;
				r->line = r->fline = r->ln_no;
				r->col = r->fcol = (long)k + 1;
				r->nf = 0;
				r->dlen = 0;
			}
		}
		while (j < r->lnlen && j - r->lnpos < SEGMAX &&
		    !special((unsigned char)r->ln[j]))
			j++;
		if (j < r->lnlen && j - r->lnpos < SEGMAX)
			j++;
		n = j - r->lnpos;
		/* cb_field reads lnpos as the column of the terminator */
		{
			size_t from = r->lnpos;

			r->lnpos = j - 1;
			got = csv_parse(&r->p, r->ln + from, n, cb_field,
			    cb_record, r);
			r->lnpos = j;
			if (r->err)
				return -1;
			/* a CR ending the segment, outside quotes, no LF next */
			if (got == n && r->ln[j - 1] == '\r' && j < r->lnlen &&
			    r->ln[j] != '\n' && !(r->p.quoted &&
			    r->p.pstate == FIELD_BEGUN))
				return fail(r, CSVREAD_ECR, r->ln_no, (long)j,
				    r->ln_off + (long long)(j - 1));
			/* a CRLF inside a quoted field: see fcrlf */
			if (got == n && r->ln[j - 1] == '\r' && j < r->lnlen &&
			    r->ln[j] == '\n' && r->p.quoted &&
			    r->p.pstate == FIELD_BEGUN)
				r->fcrlf++;
			if (got < n) {
				size_t at = from + got;

				return fail_in_record(r, r->ln[at] == '"' &&
				    !r->p.quoted ?
				    CSVREAD_ESTRAY : r->p.quoted ?
				    CSVREAD_EAFTER : CSVREAD_ESTRAY,
				    r->ln_no, (long)at + 1, r->ln_off +
				    (long long)at);
			}
		}
		if (r->rec_done)
			return r->skip != CSVREAD_OK ? skip_done(r) : 1;
		if (field_len(r) > (size_t)CSVREAD_FIELD_MAX + r->fcrlf)
			skip_start(r, CSVREAD_EFIELD, r->fline, r->fcol);
		if (r->skip != CSVREAD_OK)
			skip_trim(r);
	}
	return 0;
}

static void
finish_record(struct csvread *r)
{
	int i;

	for (i = 0; i < r->nf; i++)
		r->f[i].s = r->data + r->foff[i];
	r->rec_done = 0;
}

/* 0x80 in each byte of w that equals the byte of pat (exact, no carries). */
static inline uint64_t
eqmask(uint64_t w, uint64_t pat)
{
	uint64_t x = w ^ pat;
	uint64_t t = (x & 0x7f7f7f7f7f7f7f7fULL) + 0x7f7f7f7f7f7f7f7fULL;

	return ~(t | x | 0x7f7f7f7f7f7f7f7fULL);
}

#define ONES	0x0101010101010101ULL
#define HIGH	(ONES * 0x80)

/* Bit k set for each byte k of m that is 0x80 (an eqmask() result). */
static inline uint32_t
bits8(uint64_t m)
{
	return (uint32_t)(((m >> 7) * 0x0102040810204080ULL) >> 56);
}

/*
 * Looks at the block of bytes at p (n available): bit k of *special is set
 * when byte k is a quote, CR or NUL, of *high when it is 0x80 or above, of
 * *commas when it is a comma. Returns the block's length: 16 bytes with
 * SSE2 (every x86-64), else 8; 0 when fewer than 8 bytes are left.
 */
static inline size_t
scan_block(const unsigned char *p, size_t n, uint32_t *special,
    uint32_t *high, uint32_t *commas)
{
	uint64_t w;

#if defined(__SSE2__)
	if (n >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

		*special = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
		    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
		    _mm_cmpeq_epi8(v, _mm_setzero_si128())));
		*high = (uint32_t)_mm_movemask_epi8(v);
		*commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8(',')));
		return 16;
	}
#endif
	if (n < 8)
		return 0;
	memcpy(&w, p, 8);
	*special = bits8(eqmask(w, ONES * '"') | eqmask(w, ONES * '\r') |
	    eqmask(w, 0));
	*high = bits8(w & HIGH);
	*commas = bits8(eqmask(w, ONES * ','));
	return 8;
}

/*
 * Validates the UTF-8 of u[*v .. upto) (utf8_valid_span); -1 at an
 * invalid sequence, reported where it starts.
 */
static inline int
fast_utf8(struct csvread *r, const unsigned char *u, size_t len, size_t *v,
    size_t upto)
{
	if (utf8_valid_span((const char *)u, len, v, upto))
		return 0;
	return fail(r, CSVREAD_EUTF8, r->ln_no, (long)*v + 1,
	    r->ln_off + (long long)*v);
}

/*
 * Adds the field l[from .. to): a quoted one (from is past its opening
 * quote) is located at that quote; an unquoted one is trimmed of spaces
 * and tabs as libcsv does, and located where its text starts. Returns 0,
 * or 1 for a field or record past its limit: libcsv reads the line then,
 * to skip the record to its end (a quoted field after this one may run
 * over later lines).
 */
static inline int
fast_field(struct csvread *r, const char *l, size_t from, size_t to,
    int quoted)
{
	struct csvread_field *f;

	if (r->nf == r->fcap) {
		if (r->fcap >= CSVREAD_FIELDS_MAX)
			return 1;
		(void)grow_fields_slow(r);
	}
	f = &r->f[r->nf++];
	f->line = r->ln_no;
	if (quoted)
		f->col = (long)from;		/* the opening quote's column */
	else {
		while (from < to && (l[from] == ' ' || l[from] == '\t'))
			from++;
		while (to > from && (l[to - 1] == ' ' || l[to - 1] == '\t'))
			to--;
		f->col = (long)from + 1;
	}
	f->s = l + from;
	f->len = to - from;
	return f->len > (size_t)CSVREAD_FIELD_MAX;
}

/*
 * A quoted field opening at u[i] that ends on this line with a closing
 * quote followed by a comma or the line's end, and holds no doubled quote,
 * CR or NUL: the common "a, b". Adds it and returns the index after the
 * closing quote; 0 for any other quoted field (libcsv's case); (size_t)-1
 * on error.
 */
static size_t
fast_quoted(struct csvread *r, const char *l, size_t len, size_t i,
    size_t *v)
{
	const unsigned char *u = (const unsigned char *)l;
	const char *q = memchr(l + i + 1, '"', len - i - 1);
	size_t end;

	if (q == NULL)
		return 0;
	end = (size_t)(q - l);
	if (end + 1 < len && l[end + 1] != ',')
		return 0;
	if (memchr(l + i + 1, '\r', end - i - 1) != NULL ||
	    memchr(l + i + 1, '\0', end - i - 1) != NULL)
		return 0;
	if (*v < i + 1)
		*v = i + 1;
	if (fast_utf8(r, u, len, v, end) < 0)
		return (size_t)-1;
	if (fast_field(r, l, i + 1, end, 1) != 0)
		return 0;		/* past a limit: libcsv's case */
	return end + 1;
}

/*
 * Splits a line into fields, in place: lines without quotes, and lines
 * whose quoted fields are simple (see fast_quoted). Returns 1 with a
 * record, 0 for a blank line, -1 on error, 2 when the line needs libcsv.
 * UTF-8 is validated as far as the line is read (v: validated up to).
 */
static int
fast_line(struct csvread *r, const char *l, size_t len)
{
	const unsigned char *u = (const unsigned char *)l;
	size_t i = 0, fs = 0, v = 0, next, n;
	uint32_t special, high, commas;
	int quoted = 0, ended = 0;

	r->nf = 0;
	while (i < len) {
		/* a block at a time while it holds no quote, CR or NUL */
		n = scan_block(u + i, len - i, &special, &high, &commas);
		if (n > 0 && special == 0) {
			if (high != 0 && v < i + n) {
				if (v < i)
					v = i;
				if (fast_utf8(r, u, len, &v, i + n) < 0)
					return -1;
			}
			while (commas != 0) {
				size_t at = i + (size_t)__builtin_ctz(commas);

				if (fast_field(r, l, fs, at, 0) != 0)
					return 2;
				fs = at + 1;
				commas &= commas - 1;
			}
			i += n;
			continue;
		}
		switch (cls[u[i]]) {
		case 0:
			i++;
			continue;
		case 1:				/* a comma */
			if (fast_field(r, l, fs, i, 0) != 0)
				return 2;
			fs = ++i;
			continue;
		case 3:				/* non-ASCII */
			if (i >= v) {
				v = i;
				if (fast_utf8(r, u, len, &v, i + 1) < 0)
					return -1;
			}
			i++;
			continue;
		}
		if (u[i] == '\0')
			return fail(r, CSVREAD_ENUL, r->ln_no, (long)i + 1,
			    r->ln_off + (long long)i);
		if (u[i] != '"' || i != fs)
			return 2;		/* a CR, or a quote inside a field */
		if ((next = fast_quoted(r, l, len, i, &v)) == (size_t)-1)
			return -1;
		if (next == 0)
			return 2;
		quoted = 1;
		if (next == len) {
			ended = 1;
			break;
		}
		fs = i = next + 1;		/* past the comma */
	}
	if (!ended && fast_field(r, l, fs, len, 0) != 0)
		return 2;
	if (r->nf == 1 && !quoted && r->f[0].len == 0)
		return 0;		/* a blank line is no record */
	r->line = r->ln_no;
	r->col = r->f[0].col;
	r->rec_off = r->ln_off;
	return 1;
}

int
csvread_next(struct csvread *r)
{
	const char *l;
	size_t len;
	int nl, rv;

	if (r->err)
		return -1;
	for (;;) {
		if (r->ln_open) {
			if ((rv = feed_line(r)) != 0) {
				if (rv == 1)
					finish_record(r);
				return rv;
			}
			r->ln_open = 0;
		}
		if ((rv = take_line(r, &l, &len, &nl)) < 0)
			return -1;
		if (rv == 0) {
			if (r->p.pstate == ROW_NOT_BEGUN || r->at_limit)
				return 0;	/* at a limit: see csvread_cut */
			r->lnpos = r->lnlen = 0;
			if (csv_fini(&r->p, cb_field, cb_record, r) != 0)
				return fail(r, CSVREAD_EQUOTE, r->fline,
				    r->fcol, 0);
			if (r->err)
				return -1;
			if (r->skip != CSVREAD_OK)
				return skip_done(r);
			finish_record(r);
			return 1;
		}
		if (r->p.pstate == ROW_NOT_BEGUN && !r->no_fast) {
			size_t fl = len;

			if (fl > 0 && l[fl - 1] == '\r')
				fl--;
			if ((rv = fast_line(r, l, fl)) == 1)
				return 1;
			if (rv < 0)
				return -1;
			if (rv == 0)
				continue;
		}
		if (check_line(r, l, len) < 0)
			return -1;
		r->ln = l;
		r->lnlen = len + (size_t)nl;	/* libcsv sees the LF */
		r->lnpos = 0;
		r->ln_open = 1;
	}
}

int
csvread_recover(struct csvread *r)
{
	if (r->err != CSVREAD_ESTRAY && r->err != CSVREAD_EAFTER &&
	    r->err != CSVREAD_ECR && !r->err_whole)
		return -1;
	csv_free(&r->p);
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fputs("csv_init failed\n", stderr);
		abort();
	}
	csv_set_blk_size(&r->p, SEGMAX);
	r->err = CSVREAD_OK;
	r->skip = CSVREAD_OK;		/* a typo ended a skipped record */
	r->ln_open = 0;			/* the rest of the line is dropped */
	r->rec_done = 0;
	r->nf = 0;
	r->dlen = 0;
	r->fcrlf = 0;
	return 0;
}

void
csvread_limit(struct csvread *r, long long limit)
{
	r->limit = limit;
	/* bytes already read past the limit are given back to the file */
	if (limit >= r->off && r->off + (long long)r->end > limit) {
		r->end = (size_t)(limit - r->off);
		if (r->start > r->end)
			r->start = r->end;
		fseeko(r->fp, (off_t)limit, SEEK_SET);
	}
}

int
csvread_cut(const struct csvread *r)
{
	return r->at_limit && r->p.pstate != ROW_NOT_BEGUN;
}

int
csvread_resume(struct csvread *r, long long off, long lines)
{
	if (!r->at_limit || off != r->off + (long long)r->end) {
		if (fseeko(r->fp, (off_t)off, SEEK_SET) != 0) {
			r->err_errno = errno;
			return fail(r, CSVREAD_EIO, lines + 1, 0, off);
		}
		r->off = off;
		r->start = r->end = 0;
	}
	r->lineno = lines;
	r->limit = -1;
	r->eof = r->at_limit = 0;
	return 0;
}
