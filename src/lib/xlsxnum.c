/* SPDX-License-Identifier: ISC */
/* xlsxnum: exact numbers in a finished XLSX (see xlsxnum.h for the why). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "util.h"
#include "xlsxnum.h"

/* The first occurrence of the k bytes of w in the n bytes at h, or NULL. */
static const char *
find_bytes(const char *h, size_t n, const char *w, size_t k)
{
	const char *p = h, *end = h + n;

	while (k <= (size_t)(end - p) &&
	    (p = memchr(p, w[0], (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, w, k) == 0)
			return p;
		p++;
	}
	return NULL;
}

struct numrec {
	int		 sheet;		/* 1-based, xl/worksheets/sheetN.xml */
	unsigned	 row, col;
	size_t		 seq;		/* later writes of a cell win */
	double		 v;
};

/* The numbers of the workbook being written; sorted before a look-up. */
static struct numrec *numrecs;
static size_t nnumrecs, cnumrecs;
static int sorted;

/* A chart's values: a column of a sheet from row1 down (xlsxnum_chart). */
static struct chartsrc {
	int		 chart, sheet;
	unsigned	 row1, col;
} charts[XLSXNUM_MAXCHARTS];
static int ncharts;

void
xlsxnum_reset(void)
{
	free(numrecs);
	numrecs = NULL;
	nnumrecs = cnumrecs = 0;
	sorted = 0;
	ncharts = 0;
}

void
xlsxnum_chart(int chart, int sheet, unsigned row1, unsigned col)
{
	if (ncharts < XLSXNUM_MAXCHARTS) {
		charts[ncharts].chart = chart;
		charts[ncharts].sheet = sheet;
		charts[ncharts].row1 = row1;
		charts[ncharts].col = col;
		ncharts++;
	}
}

void
xlsxnum_add(int sheet, unsigned row, unsigned col, double v)
{
	if (nnumrecs == cnumrecs) {
		cnumrecs = cnumrecs ? 2 * cnumrecs : 1024;
		numrecs = xrealloc(numrecs, cnumrecs * sizeof(*numrecs));
	}
	numrecs[nnumrecs].sheet = sheet;
	numrecs[nnumrecs].row = row;
	numrecs[nnumrecs].col = col;
	numrecs[nnumrecs].seq = nnumrecs;
	numrecs[nnumrecs].v = v;
	nnumrecs++;
	sorted = 0;
}

static int
cmp_numrec(const void *a, const void *b)
{
	const struct numrec *x = a, *y = b;

	if (x->sheet != y->sheet)
		return x->sheet < y->sheet ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The value written last into a cell, or NULL. */
static const struct numrec *
find_num(int sheet, unsigned row, unsigned col)
{
	size_t lo = 0, hi = nnumrecs;
	const struct numrec *n = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct numrec *m = &numrecs[mid];

		if (m->sheet < sheet || (m->sheet == sheet && (m->row < row ||
		    (m->row == row && m->col <= col)))) {
			if (m->sheet == sheet && m->row == row && m->col == col)
				n = m;
			lo = mid + 1;
		} else
			hi = mid;
	}
	return n;
}

/* "AB12" → row 11, column 27; 0 on success. */
static int
parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned c = 0, r = 0;

	if (*s < 'A' || *s > 'Z')
		return -1;
	while (*s >= 'A' && *s <= 'Z')
		c = c * 26 + (unsigned)(*s++ - 'A' + 1);
	if (*s < '1' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		r = r * 10 + (unsigned)(*s++ - '0');
	if (*s != '"')
		return -1;
	*row = r - 1;
	*col = c - 1;
	return 0;
}

static void
sort_once(void)
{
	if (!sorted) {
		qsort(numrecs, nnumrecs, sizeof(*numrecs), cmp_numrec);
		sorted = 1;
	}
}

/*
 * Appends the cached number text v[0..ve) to sb, or x written exactly
 * ("%.17G") when the text is a number that does not read back as x and x
 * is finite; 1 when it rewrote it.
 */
static int
put_exact(struct sbuf *sb, const char *v, const char *ve, double x)
{
	char buf[40], *e;
	double got;

	snprintf(buf, sizeof(buf), "%.*s", (int)(ve - v), v);
	got = strtod(buf, &e);
	if (*e != '\0' || got == x || !isfinite(x)) {
		sbuf_add(sb, v, (size_t)(ve - v));
		return 0;
	}
	snprintf(buf, sizeof(buf), "%.17G", x);
	sbuf_adds(sb, buf);
	return 1;
}

/*
 * The XML of worksheet `sheet` with every number cell's <v> read back
 * exactly; NULL when nothing changes.
 */
char *
xlsxnum_fix_sheet(const char *x, size_t n, int sheet, size_t *outn)
{
	struct sbuf sb = SBUF_INIT;
	const char *p = x, *end = x + n, *c;
	int changed = 0;

	sort_once();
	while ((c = find_bytes(p, (size_t)(end - p), "<c r=\"", 6)) != NULL) {
		const char *gt, *v, *ve, *ce;
		const struct numrec *nr;
		unsigned row, col;

		c += 6;
		gt = memchr(c, '>', (size_t)(end - c));
		if (gt == NULL)
			break;
		if (gt[-1] == '/' || parse_ref(c, &row, &col) != 0 ||
		    find_bytes(c, (size_t)(gt - c), " t=\"", 4) != NULL ||
		    (nr = find_num(sheet, row, col)) == NULL) {
			sbuf_add(&sb, p, (size_t)(gt + 1 - p));
			p = gt + 1;
			continue;
		}
		ce = find_bytes(gt, (size_t)(end - gt), "</c>", 4);
		v = ce ? find_bytes(gt, (size_t)(ce - gt), "<v>", 3) : NULL;
		ve = v ? find_bytes(v, (size_t)(ce - v), "</v>", 4) : NULL;
		if (ve == NULL) {
			sbuf_add(&sb, p, (size_t)(gt + 1 - p));
			p = gt + 1;
			continue;
		}
		v += 3;
		sbuf_add(&sb, p, (size_t)(v - p));
		changed |= put_exact(&sb, v, ve, nr->v);
		p = ve;
	}
	if (!changed) {
		sbuf_release(&sb);
		return NULL;
	}
	sbuf_add(&sb, p, (size_t)(end - p));
	*outn = sb.len;
	return sbuf_detach(&sb);
}

/*
 * One <c:pt> of a chart's value cache, as the cell holds it, or none (a
 * gap) for an empty cell; 1 when it changed.
 */
static int
chart_point(struct sbuf *sb, const char *pt, size_t n,
    const struct chartsrc *src)
{
	const struct numrec *nr;
	const char *v, *ve;
	unsigned idx;
	int changed;

	if (sscanf(pt, "<c:pt idx=\"%u\"", &idx) != 1 ||
	    (v = find_bytes(pt, n, "<c:v>", 5)) == NULL ||
	    (ve = find_bytes(v, n - (size_t)(v - pt), "</c:v>", 6)) == NULL) {
		sbuf_add(sb, pt, n);	/* not understood: kept */
		return 0;
	}
	if ((nr = find_num(src->sheet, src->row1 + idx, src->col)) == NULL)
		return 1;		/* an empty cell: no point, a gap */
	v += 5;
	sbuf_add(sb, pt, (size_t)(v - pt));
	changed = put_exact(sb, v, ve, nr->v);
	sbuf_add(sb, ve, n - (size_t)(ve - pt));
	return changed;
}

/*
 * The chart XML without the XLSXNUM_LITERAL mark at the start of a text
 * run (<a:t>); NULL when it has none.
 */
static char *
unmark_title(const char *x, size_t n, size_t *outn)
{
	static const char mark[] = "<a:t>" XLSXNUM_LITERAL;
	const size_t k = sizeof(mark) - 1;
	struct sbuf sb = SBUF_INIT;
	const char *p = x, *q, *end = x + n;

	if (find_bytes(x, n, mark, k) == NULL)
		return NULL;
	while ((q = find_bytes(p, (size_t)(end - p), mark, k)) != NULL) {
		sbuf_add(&sb, p, (size_t)(q - p) + 5);	/* "<a:t>" */
		p = q + k;
	}
	sbuf_add(&sb, p, (size_t)(end - p));
	*outn = sb.len;
	return sbuf_detach(&sb);
}

static char *
fix_cache(const char *x, size_t n, int chart, size_t *outn)
{
	struct sbuf sb = SBUF_INIT;
	const char *end = x + n, *c, *ce, *p, *q, *qe;
	const struct chartsrc *src = NULL;
	int i, changed = 0;

	for (i = 0; i < ncharts; i++)
		if (charts[i].chart == chart)
			src = &charts[i];
	if (src == NULL || (c = find_bytes(x, n, "<c:numCache>", 12)) == NULL ||
	    (ce = find_bytes(c, (size_t)(end - c), "</c:numCache>", 13)) ==
	    NULL)
		return NULL;
	sort_once();
	sbuf_add(&sb, x, (size_t)(c - x));
	for (p = c; (q = find_bytes(p, (size_t)(ce - p), "<c:pt ", 6)) != NULL;
	    p = qe) {
		if ((qe = find_bytes(q, (size_t)(ce - q), "</c:pt>", 7)) == NULL)
			break;
		qe += 7;
		sbuf_add(&sb, p, (size_t)(q - p));
		changed |= chart_point(&sb, q, (size_t)(qe - q), src);
	}
	sbuf_add(&sb, p, (size_t)(end - p));
	if (!changed) {
		sbuf_release(&sb);
		return NULL;
	}
	*outn = sb.len;
	return sbuf_detach(&sb);
}

char *
xlsxnum_fix_chart(const char *x, size_t n, int chart, size_t *outn)
{
	size_t ln;
	char *lit = unmark_title(x, n, &ln), *fixed;

	if (lit == NULL)
		return fix_cache(x, n, chart, outn);
	if ((fixed = fix_cache(lit, ln, chart, outn)) == NULL) {
		*outn = ln;
		return lit;
	}
	free(lit);
	return fixed;
}

static unsigned
get16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
get32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

static void
put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8 & 0xff);
	p[2] = (unsigned char)(v >> 16 & 0xff);
	p[3] = (unsigned char)(v >> 24 & 0xff);
}

/* Raw inflate of n bytes into exactly un bytes; NULL on error. */
static char *
inflate_raw(const unsigned char *in, size_t n, size_t un)
{
	z_stream z;
	char *out = xmalloc(un + 1);
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (unsigned char *)out;
	z.avail_out = (uInt)un;
	rc = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (rc != Z_STREAM_END || z.total_out != un) {
		free(out);
		return NULL;
	}
	out[un] = '\0';
	return out;
}

/* Raw deflate (the level libxlsxwriter uses); NULL on error. */
static unsigned char *
deflate_raw(const char *in, size_t n, size_t *outn)
{
	z_stream z;
	unsigned char *out;
	uLong cap;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&z, (uLong)n);
	out = xmalloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&z);
		free(out);
		return NULL;
	}
	*outn = z.total_out;
	deflateEnd(&z);
	return out;
}

/*
 * The shared strings with each "_x000D_" that libxlsxwriter wrote for a
 * carriage return as the character reference "&#13;"; an escaped "_"
 * ("_x005F_", what a typed "_x000D_" becomes) is stepped over whole.
 * NULL when there is none.
 */
char *
xlsxnum_fix_strings(const char *x, size_t n, size_t *outn)
{
	struct sbuf sb = SBUF_INIT;
	size_t i = 0, k;
	int found = 0;

	while (i < n) {
		if (x[i] != '_' || n - i < 7 || x[i + 1] != 'x' ||
		    x[i + 6] != '_') {
			sbuf_addc(&sb, x[i++]);
			continue;
		}
		for (k = 2; k < 6 && isxdigit((unsigned char)x[i + k]); k++)
			;
		if (k == 6 && strncasecmp(x + i, "_x000D_", 7) == 0) {
			sbuf_adds(&sb, "&#13;");
			found = 1;
		} else
			sbuf_add(&sb, x + i, k == 6 ? 7 : 1);
		i += k == 6 ? 7 : 1;
	}
	if (!found) {
		sbuf_release(&sb);
		return NULL;
	}
	*outn = sb.len;
	return sbuf_detach(&sb);
}

/* The parts of a ZIP that xlsxnum_fix_file() reads. */
struct zip {
	const unsigned char	*z;	/* the whole file, n bytes */
	size_t			 n;
	const unsigned char	*eocd;	/* the end of central directory */
	const unsigned char	*cd;	/* the central directory */
	size_t			 nent, cdoff, cdsize;
};

/*
 * Finds the end record and the central directory of the n bytes at z:
 * 0, or -1 when they are not where libxlsxwriter puts them.
 */
static int
zip_open(struct zip *zp, const unsigned char *z, size_t n)
{
	zp->z = z;
	zp->n = n;
	if (n < 22 || get32((zp->eocd = z + n - 22)) != 0x06054b50UL)
		return -1;		/* libxlsxwriter writes no comment */
	zp->nent = get16(zp->eocd + 10);
	zp->cdsize = get32(zp->eocd + 12);
	zp->cdoff = get32(zp->eocd + 16);
	if (zp->cdoff > n - 22 || zp->cdsize > n - 22 - zp->cdoff)
		return -1;
	zp->cd = z + zp->cdoff;
	return 0;
}

/*
 * The member called name, cs bytes at data (us inflated), deflated again
 * after fixing when it is a sheet, chart or the shared strings and the fix
 * changes it: sets *newcs, and the CRC and sizes in its local header lh
 * and its directory entry ce. NULL to copy the member as it is; else the
 * caller frees the result.
 */
static unsigned char *
fix_member(const char *name, unsigned char *lh, unsigned char *ce,
    const unsigned char *data, size_t cs, size_t us, size_t *newcs)
{
	char *xml, *fixed;
	unsigned char *dz = NULL;
	int sheet = 0, chart = 0, strs;
	size_t fn;

	strs = strcmp(name, "xl/sharedStrings.xml") == 0;
	if (!(sscanf(name, "xl/worksheets/sheet%d.xml", &sheet) == 1 ||
	    sscanf(name, "xl/charts/chart%d.xml", &chart) == 1 || strs))
		return NULL;
	/* deflated, and with its sizes in the headers (no data descriptor) */
	if (get16(ce + 10) != 8 || (get16(ce + 8) & 0x0008) != 0 ||
	    (xml = inflate_raw(data, cs, us)) == NULL)
		return NULL;
	fixed = strs ? xlsxnum_fix_strings(xml, us, &fn) :
	    sheet > 0 ? xlsxnum_fix_sheet(xml, us, sheet, &fn) :
	    xlsxnum_fix_chart(xml, us, chart, &fn);
	if (fixed != NULL && (dz = deflate_raw(fixed, fn, newcs)) != NULL) {
		put32(lh + 14, crc32(0L, (unsigned char *)fixed, (uInt)fn));
		put32(lh + 18, *newcs);
		put32(lh + 22, fn);
		memcpy(ce + 16, lh + 14, 12);
	}
	free(xml);
	free(fixed);
	return dz;
}

/*
 * Copies the member whose directory entry is at zp->cd + *pos (the last
 * when last) to out, and its directory entry to cdir, fixed if need be
 * (*changed is then set). Moves *pos to the next entry. 0, or -1 when the
 * ZIP is not as libxlsxwriter writes it.
 */
static int
copy_member(const struct zip *zp, size_t *pos, int last, struct sbuf *out,
    struct sbuf *cdir, int *changed)
{
	const unsigned char *cd = zp->cd, *lp, *data;
	size_t nl, xl, cl, loff, lhl, cs, us, next, newcs = 0;
	unsigned char lh[30], ce[46], *dz;
	char name[64];

	if (*pos + 46 > zp->cdsize || get32(cd + *pos) != 0x02014b50UL)
		return -1;
	memcpy(ce, cd + *pos, 46);
	nl = get16(ce + 28);
	xl = get16(ce + 30);
	cl = get16(ce + 32);
	if (*pos + 46 + nl + xl + cl > zp->cdsize)
		return -1;
	cs = get32(ce + 20);
	us = get32(ce + 24);
	loff = get32(ce + 42);
	if (loff + 30 > zp->cdoff || get32(zp->z + loff) != 0x04034b50UL)
		return -1;
	lp = zp->z + loff;
	memcpy(lh, lp, 30);
	lhl = 30 + get16(lh + 26) + get16(lh + 28);
	data = lp + lhl;
	/* the member runs to the next one's header (or the directory) */
	next = (!last && *pos + 46 + nl + xl + cl + 46 <= zp->cdsize) ?
	    get32(cd + *pos + 46 + nl + xl + cl + 42) : zp->cdoff;
	if (next < loff + lhl + cs || next > zp->cdoff)
		return -1;
	snprintf(name, sizeof(name), "%.*s", (int)(nl < 63 ? nl : 63),
	    (const char *)cd + *pos + 46);
	dz = fix_member(name, lh, ce, data, cs, us, &newcs);
	put32(ce + 42, out->len);
	if (dz != NULL) {
		sbuf_add(out, (const char *)lh, 30);
		sbuf_add(out, (const char *)lp + 30, lhl - 30);
		sbuf_add(out, (const char *)dz, newcs);
		*changed = 1;
	} else
		sbuf_add(out, (const char *)lp, next - loff);
	sbuf_add(cdir, (const char *)ce, 46);
	sbuf_add(cdir, (const char *)cd + *pos + 46, nl + xl + cl);
	*pos += 46 + nl + xl + cl;
	free(dz);
	return 0;
}

/* Writes the n bytes at buf to path, replacing it: 0, or -1. */
static int
write_whole(const char *path, const char *buf, size_t n)
{
	FILE *fp;

	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(buf, 1, n, fp) != n) {
		fclose(fp);
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

/*
 * Rewrites the ZIP at path so that every number reads back exactly (see
 * above). Returns 0, or -1 when the file cannot be read, parsed or
 * written (the workbook is then left as libxlsxwriter wrote it).
 */
int
xlsxnum_fix_file(const char *path)
{
	struct sbuf out = SBUF_INIT, cdir = SBUF_INIT;
	struct zip zp;
	unsigned char *z, end[22];
	size_t n, i, pos = 0;
	int rc = -1, changed = 0;

	if ((z = (unsigned char *)read_file(path, &n)) == NULL)
		return -1;
	if (zip_open(&zp, z, n) != 0)
		goto done;
	for (i = 0; i < zp.nent; i++)
		if (copy_member(&zp, &pos, i + 1 == zp.nent, &out, &cdir,
		    &changed) != 0)
			goto done;
	if (!changed) {
		rc = 0;
		goto done;
	}
	memcpy(end, zp.eocd, 22);
	put32(end + 12, cdir.len);
	put32(end + 16, out.len);
	sbuf_add(&out, sbuf_str(&cdir), cdir.len);
	sbuf_add(&out, (const char *)end, 22);
	rc = write_whole(path, sbuf_str(&out), out.len);
done:
	free(z);
	sbuf_release(&out);
	sbuf_release(&cdir);
	return rc;
}

