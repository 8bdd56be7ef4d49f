/* SPDX-License-Identifier: ISC */
/* pdfdoc: A4 administrative documents on libharu (see pdfdoc.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <utf8proc.h>

#include "pdfdoc.h"
#include "pdffont.h"
#include "util.h"
#include "vnfmt.h"

#define PT(mm)		((mm) * 72.0 / 25.4)
#define MM(pt)		((pt) * 25.4 / 72.0)
#define PAGE_W		PT(PDF_PAGE_W)
#define PAGE_H		PT(PDF_PAGE_H)
#define BODY_TOP	PT(PDF_PAGE_H - PDF_MARGIN_TOP)
#define BODY_BOT	PT(PDF_MARGIN_BOT)
#define BODY_L		PT(PDF_MARGIN_LEFT)
#define BODY_W		PT(PDF_BODY_W)
#define EPS		0.01

/* Table cell padding (pt) and line height (/ size) unless set otherwise. */
#define PAD_H		(d->tpad_h)
#define PAD_V		(d->tpad_v)
#define TLEAD		(d->tlead)
/* Header cells' size. */
#define THSIZE		(d->thsize > 0 ? d->thsize : d->tsize)

struct wline {
	size_t	 start, end;	/* bytes of the cleaned text */
	double	 width;		/* natural width, pt */
	int	 last;		/* last line of its paragraph */
	int	 first;		/* first line of its paragraph */
	int	 lead;		/* after a lead-in: its gap is one more (WRAP_LEAD) */
};

struct cell {
	char		*text;	/* cleaned */
	struct wline	*lines;
	int		 nlines;
	double		 size;	/* pt: the table's, or less (cell_size) */
	enum pdf_face	 face;	/* the row's, or bold (pdfdoc_table_bold) */
};

/*
 * The smallest size a cell's text is set in to keep a number (or a word)
 * whole in its column (cell_size); a number is never broken, even below
 * it.
 */
#define CELL_MIN_PT	7.0

struct pdfdoc {
	HPDF_Doc	 pdf;
	HPDF_Page	 page;		/* NULL: the next drawing starts a page */
	HPDF_Font	 font[PF_NFACES];	/* NULL until first used */
	const char	*fontname[PF_NFACES];	/* as loaded by libharu */
	int		 npages;
	int		 draft;
	double		 y;		/* cursor, pt from the bottom */
	char		 err[256];
	int		 failed;
	int		 write_errno;	/* pdfdoc_save's failed fwrite, else 0 */
	/* the open table */
	int		 tcols;
	double		*tx, *tw;	/* pt */
	enum pdf_align	*talign;
	double		 tsize;
	char		**thead;	/* NULL: no header */
	char		**tgroup;	/* per column: its group's label or NULL */
	unsigned long	 tbold;		/* bit i: column i's cells in bold */
	int		 tneed_header;
	/* pdfdoc_table_style() */
	double		 tpad_h, tpad_v, tlead;
	double		 thsize;	/* header cells, pt; 0: as the body */
	int		 tfit;
	double		 thead_min;	/* pt: the header row at least */
	double		 thh;		/* the header row's height, pt */
	int		 thh_ok;	/* thh is computed */
	/* pdfdoc_measure(): pages are counted, nothing is drawn */
	int		 measure;
	/* pdfdoc_new_repertoire(): its fonts hold the repertoire only */
	int		 repertoire;
	/* the first code point outside it since new or restart; 0: none */
	unsigned long	 outside;
	/* code points the regular face has no glyph for (they print blank) */
	unsigned long	 missing[PDF_MISSING_MAX];
	int		 nmissing;
	/* pdfdoc_keep_last(): for the next paragraph drawn */
	int		 keep_lines;
	double		 keep_mm;	/* pt */
};

/*
 * The page drawn on: NULL while measuring, which makes every HPDF_Page_
 * call return at once (libharu checks the page first). d->page is then a
 * marker that a page is open and is never passed to libharu.
 */
#define PG(d)		((d)->measure ? (HPDF_Page)NULL : (d)->page)
static struct _HPDF_Dict_Rec measure_page;

static HPDF_Font font_of(struct pdfdoc *, enum pdf_face);
#define FONT(d, f)	font_of((d), (f))

static void
fail(struct pdfdoc *d, const char *fmt, ...)
{
	va_list ap;

	if (d->failed)
		return;
	d->failed = 1;
	va_start(ap, fmt);
	vsnprintf(d->err, sizeof(d->err), fmt, ap);
	va_end(ap);
}

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	struct pdfdoc *d = user;

	fail(d, "libharu error 0x%04X (detail %u)", (unsigned)code,
	    (unsigned)detail);
}

const char *
pdfdoc_default_font(enum pdf_face f)
{
	static const char *const lib[PF_NFACES] = {
		"/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
		"/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
		"/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
		"/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
	};
	static const char *const noto[PF_NFACES] = {
		"/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
		"/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
		"/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
		"/usr/share/fonts/truetype/noto/NotoSerif-BoldItalic.ttf",
	};

	if ((int)f < 0 || f >= PF_NFACES)
		return NULL;
	if (access(lib[f], R_OK) == 0)
		return lib[f];
	if (access(noto[f], R_OK) == 0)
		return noto[f];
	return NULL;
}

/*
 * libharu 2.3.0 gives each UTF-8 font a "ToUnicode" stream that is really an
 * encoding CMap ("begincidrange"), which poppler rejects on every page. Its
 * codes are Unicode code points (Identity-H with a CIDToGIDMap), so the right
 * ToUnicode is the identity on the BMP: write that and point the font at it.
 */
static void
fix_tounicode(HPDF_Doc pdf, HPDF_Font font)
{
	static const char head[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n";
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	char line[64];
	int hi, n = 0, inblock = 0;

	if (s == NULL)
		return;
	if (pdf->compression_mode & HPDF_COMP_TEXT)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(s->stream, head);
	for (hi = 0; hi < 256; hi++) {
		if (hi >= 0xD8 && hi <= 0xDF)	/* surrogates are no text */
			continue;
		if (!inblock) {
			/* At most 100 ranges per block (PDF 32000 9.10.3). */
			int left = 248 - n;

			snprintf(line, sizeof(line), "%d beginbfrange\n",
			    left < 100 ? left : 100);
			HPDF_Stream_WriteStr(s->stream, line);
			inblock = 1;
		}
		snprintf(line, sizeof(line), "<%02X00> <%02XFF> <%02X00>\n", hi,
		    hi, hi);
		HPDF_Stream_WriteStr(s->stream, line);
		if (++n % 100 == 0 || n == 248) {
			HPDF_Stream_WriteStr(s->stream, "endbfrange\n");
			inblock = 0;
		}
	}
	HPDF_Stream_WriteStr(s->stream, tail);
	HPDF_Dict_Add(font, "ToUnicode", s);
}

/*
 * Face f of the document, made (and given its ToUnicode) on first use;
 * a face that cannot be made is an error recorded, and the regular face
 * (always made by pdfdoc_new) stands in for it.
 */
static HPDF_Font
font_of(struct pdfdoc *d, enum pdf_face f)
{
	if ((int)f < 0 || f >= PF_NFACES)
		f = PF_REGULAR;
	if (d->font[f] == NULL) {
		/* only this document's fonts, and only while made */
		pdffont_repertoire_only(d->repertoire);
		d->font[f] = HPDF_GetFont(d->pdf, d->fontname[f], "UTF-8");
		pdffont_repertoire_only(0);
		if (d->font[f] == NULL) {
			fail(d, "cannot use font '%s'", d->fontname[f]);
			return f == PF_REGULAR ? NULL : d->font[PF_REGULAR];
		}
		fix_tounicode(d->pdf, d->font[f]);
	}
	return d->font[f];
}

static struct pdfdoc *
doc_new(const char *const fonts[PF_NFACES], int repertoire, char *err,
    size_t errsz)
{
	struct pdfdoc *d = xcalloc(1, sizeof(*d));
	int i;

	d->repertoire = repertoire;
	d->tpad_h = PT(1.3);
	d->tpad_v = PT(0.9);
	d->tlead = 1.2;
	d->pdf = HPDF_New(on_error, d);
	if (d->pdf == NULL) {
		snprintf(err, errsz, "cannot create a PDF document");
		free(d);
		return NULL;
	}
	/* Order matters (LIBRARY-NOTES.md): compression, UTF, encoder, fonts. */
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	/*
	 * libharu writes the lowest version its features need (1.3 here);
	 * signing tools expect 1.4 or later, which this file satisfies.
	 */
	d->pdf->pdf_version = HPDF_VER_14;
	for (i = 0; i < PF_NFACES && !d->failed; i++) {
		const char *path = fonts != NULL && fonts[i] != NULL ?
		    fonts[i] : pdfdoc_default_font(i);
		const char *name;

		if (path == NULL || access(path, R_OK) != 0) {
			snprintf(err, errsz, "cannot read font '%s'%s",
			    path != NULL ? path : "LiberationSerif",
			    path == NULL ? " (install fonts-liberation2)" : "");
			pdfdoc_free(d);
			return NULL;
		}
		/* read once per process, not once per document */
		(void)pdffont_register(path);
		name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
		if (name == NULL || d->failed) {
			snprintf(err, errsz, "cannot load font '%s': %s", path,
			    d->err);
			pdfdoc_free(d);
			return NULL;
		}
		d->fontname[i] = name;
	}
	/*
	 * The regular face now, so that a font libharu cannot use fails
	 * here; the others when first used (a form may never need bold
	 * italic): each one costs libharu a 64K-entry CIDToGIDMap and
	 * its embedded file.
	 */
	if (FONT(d, PF_REGULAR) == NULL || d->failed) {
		snprintf(err, errsz, "cannot use font '%s': %s",
		    fonts != NULL && fonts[0] != NULL ? fonts[0] :
		    pdfdoc_default_font(PF_REGULAR), d->err);
		pdfdoc_free(d);
		return NULL;
	}
	return d;
}

struct pdfdoc *
pdfdoc_new(const char *const fonts[PF_NFACES], char *err, size_t errsz)
{
	return doc_new(fonts, 0, err, errsz);
}

struct pdfdoc *
pdfdoc_new_repertoire(const char *const fonts[PF_NFACES], char *err,
    size_t errsz)
{
	return doc_new(fonts, 1, err, errsz);
}

unsigned long
pdfdoc_outside(const struct pdfdoc *d)
{
	return d->outside;
}

static void
table_clear(struct pdfdoc *d)
{
	int i;

	if (d->thead != NULL) {
		for (i = 0; i < d->tcols; i++) {
			free(d->thead[i]);
			free(d->tgroup[i]);
		}
		free(d->thead);
		free(d->tgroup);
	}
	d->tgroup = NULL;
	d->thh_ok = 0;
	d->tbold = 0;
	free(d->tx);
	free(d->tw);
	free(d->talign);
	d->thead = NULL;
	d->tx = d->tw = NULL;
	d->talign = NULL;
	d->tcols = 0;
}

void
pdfdoc_free(struct pdfdoc *d)
{
	if (d == NULL)
		return;
	table_clear(d);
	if (d->pdf != NULL)
		HPDF_Free(d->pdf);
	free(d);
}

/* ---- text preparation ---- */

/*
 * Whether s is valid UTF-8 made only of characters that NFC leaves alone
 * wherever they stand (Unicode's NFC_Quick_Check = Yes, no combining
 * class, never the second of a composition): below U+0300, the
 * precomposed Latin letters of U+1E00-U+1EFF (all of Vietnamese),
 * punctuation and currency (U+2010-U+20CF), letterlike signs, arrows and
 * mathematical operators (U+2100-U+22FF) but the three whose NFC is
 * another character (Ohm, Kelvin, Angstrom signs). Checked against
 * utf8proc character by character when this was written. Most texts are
 * made only of these; they skip utf8proc's decomposition and
 * recomposition, a tenth of a form's time.
 */
static int
nfc_already(const utf8proc_uint8_t *s)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	while (*s != '\0') {
		if (*s < 0x80) {
			s++;
			continue;
		}
		k = utf8proc_iterate(s, -1, &c);
		if (k <= 0)
			return 0;
		if (!(c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF) ||
		    (c >= 0x2010 && c <= 0x20CF) ||
		    (c >= 0x2100 && c <= 0x22FF && c != 0x2126 &&
		    c != 0x212A && c != 0x212B)))
			return 0;
		s += k;
	}
	return 1;
}

/*
 * The next code point of [*p, e) (valid UTF-8) outside pdffont's
 * repertoire, *p moved past it; 0 at the end, 0xFFFD for a bad sequence.
 * ASCII, most of every text, is skipped byte by byte.
 */
static unsigned long
next_outside(const char **p, const char *e)
{
	const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)*p;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	while (q < (const utf8proc_uint8_t *)e) {
		if (*q < 0x80) {
			q++;
			continue;
		}
		k = utf8proc_iterate(q, (const utf8proc_uint8_t *)e - q, &c);
		if (k <= 0) {
			*p = e;
			return 0xFFFD;
		}
		q += k;
		if (!pdffont_in_repertoire((unsigned long)c)) {
			*p = (const char *)q;
			return (unsigned long)c;
		}
	}
	*p = e;
	return 0;
}

/*
 * The code points of s outside the repertoire that the regular face has
 * no glyph for join d->missing (an emoji, a CJK character, a dingbat a
 * department pasted): they print blank, and the program says so.
 */
static void
note_missing(struct pdfdoc *d, const char *s, size_t n)
{
	const char *e = s + n;
	unsigned long c;
	int i;

	while ((c = next_outside(&s, e)) != 0) {
		if (pdffont_has_glyph(font_of(d, PF_REGULAR), c))
			continue;
		for (i = 0; i < d->nmissing && d->missing[i] != c; i++)
			;
		if (i == d->nmissing && d->nmissing < PDF_MISSING_MAX)
			d->missing[d->nmissing++] = c;
	}
}

int
pdfdoc_missing(const struct pdfdoc *d, const unsigned long **cps)
{
	*cps = d->missing;
	return d->nmissing;
}

/*
 * Text s (cleaned) is seen: its first code point outside the repertoire
 * is remembered, and is an error in a repertoire-only document (its
 * fonts have no glyph for it). 0 if s may be drawn.
 */
static int
outside(struct pdfdoc *d, const char *s, size_t n)
{
	const char *p = s;
	unsigned long c = next_outside(&p, s + n);

	if (c == 0)
		return 0;
	if (d->outside == 0)
		d->outside = c;
	if (!d->repertoire) {
		note_missing(d, s, n);
		return 0;
	}
	fail(d, "U+%04lX is not in the fonts' repertoire and this document "
	    "was made for it only", c);
	return -1;
}

/*
 * The bytes of an invisible format character at p, dropped from a text
 * to draw: a soft hyphen (U+00AD, Word's optional hyphen: the text is
 * never hyphenated, and the font's glyph for it is a visible hyphen), a
 * zero-width space, a word joiner, a byte order mark inside a text
 * (U+200B, U+2060, U+FEFF: no width, the last no glyph). 0 otherwise.
 */
static size_t
invisible(const unsigned char *p)
{
	if (p[0] == 0xC2 && p[1] == 0xAD)
		return 2;
	if ((p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) ||
	    (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0) ||
	    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
		return 3;
	return 0;
}

/*
 * Validates s (NULL: "") as UTF-8 and returns it in NFC, with TAB and CR
 * as spaces, other control characters and the invisible() characters
 * dropped, U+2011 as U+2010, and spaces trimmed at the ends of each line.
 * Runs of spaces inside a line are kept ("Số:      /BC-UBND" leaves the
 * clerk room). Notes code points outside the repertoire (outside()). The
 * caller frees it. NULL (error recorded) for invalid UTF-8.
 */
static char *
clean(struct pdfdoc *d, const char *s)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	char *out, *o;
	const char *p;

	if (s == NULL)
		s = "";
	if (nfc_already((const utf8proc_uint8_t *)s)) {
		/* valid and NFC: what utf8proc_map would return */
		nfc = (utf8proc_uint8_t *)xstrdup(s);
		n = (utf8proc_ssize_t)strlen(s);
	} else
		n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &nfc,
		    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		fail(d, "invalid UTF-8 in a text to draw: %s",
		    utf8proc_errmsg(n));
		return NULL;
	}
	out = xmalloc((size_t)n + 1);
	o = out;
	for (p = (const char *)nfc; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		size_t k = c >= 0xC2 ? invisible((const unsigned char *)p) : 0;

		if (k > 0) {
			p += k - 1;
			continue;
		}
		/* a non-breaking hyphen (U+2011), which the fonts lack, is
		 * the hyphen U+2010: never a line break either */
		if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    (unsigned char)p[2] == 0x91) {
			memcpy(o, "\xE2\x80\x90", 3);
			o += 3;
			p += 2;
			continue;
		}
		if (c == '\t' || c == '\r')
			c = ' ';
		if (c == ' ') {
			if (o == out || o[-1] == '\n')
				continue;	/* runs inside a line are kept */
		} else if (c == '\n') {
			while (o > out && o[-1] == ' ')
				o--;
		} else if (c < 0x20 || c == 0x7f)
			continue;
		*o++ = (char)c;
	}
	while (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	free(nfc);
	(void)outside(d, out, (size_t)(o - out));
	return out;
}

static double
width_pt(HPDF_Font f, double size, const char *s, size_t n)
{
	HPDF_TextWidth tw;

	if (n == 0)
		return 0;
	tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)n);
	return tw.width * size / 1000.0;
}

/* The byte after the character at s[i], with any combining marks after it. */
static size_t
next_char(const char *s, size_t i, size_t end)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(end - i), &cp);
	i += k > 0 ? (size_t)k : 1;
	while (i < end) {
		utf8proc_category_t cat;

		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(end - i), &cp);
		if (k <= 0)
			break;
		cat = utf8proc_category(cp);
		if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
		    cat != UTF8PROC_CATEGORY_ME)
			break;
		i += (size_t)k;
	}
	return i;
}

/*
 * The character (with its combining marks) before the boundary e of
 * s[p..), or the start of the first one: never p itself, so that a cut
 * always moves on.
 */
static size_t
prev_char(const char *s, size_t p, size_t e)
{
	size_t b = next_char(s, p, e), nx;

	while (b < e && (nx = next_char(s, b, e)) < e)
		b = nx;
	return b;
}

/*
 * wrap(): the first line follows a lead-in ("Ưu điểm:" in bold, drawn
 * apart, its space taken into the indent): the space after the lead-in is
 * one of the line's gaps, counted against the three-space limit and
 * stretched with the others, else a first line one gap short of the limit
 * was set ragged where the line beside it was justified.
 */
#define WRAP_LEAD	4

/*
 * wrap()'s work: the text, the lines made so far, and the line being
 * filled, s[ls..le), lw pt wide of the avail pt its line has.
 */
struct wrapper {
	HPDF_Font	 f;
	double		 size;
	const char	*s;
	double		 w;		/* a line's width, pt */
	int		 flags;
	double		 sp;		/* a space's width */
	struct wline	*v;
	int		 n, cap;
	size_t		 ls, le;
	double		 lw, avail;
	int		 first;		/* the paragraph's first line */
	int		 empty;		/* no word on the line yet */
};

/* Adds the line s[start..end), width pt wide. */
static void
add_line(struct wrapper *r, size_t start, size_t end, double width)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, (size_t)r->cap * sizeof(*r->v));
	}
	r->v[r->n].start = start;
	r->v[r->n].end = end;
	r->v[r->n].width = width;
	r->v[r->n].last = 0;
	r->v[r->n].first = r->first;
	r->v[r->n].lead = r->n == 0 && (r->flags & WRAP_LEAD);
	r->n++;
}

/*
 * The length of a short parenthesised token at s[i..q) ("(+)", "(-)",
 * "(*)", "(1)": at most two bytes inside, followed by a space, the end or
 * a punctuation mark), or 0.
 */
static size_t
short_paren(const char *s, size_t i, size_t q)
{
	size_t j;

	if (i >= q || s[i] != '(')
		return 0;
	for (j = i + 1; j < q && j <= i + 3 && s[j] != ')' && s[j] != ' ';
	    j++)
		;
	if (j == i + 1 || j >= q || s[j] != ')')
		return 0;
	j++;
	while (j < q && strchr(",.;:", s[j]) != NULL)
		j++;
	return j == q || s[j] == ' ' ? j - i : 0;
}

/*
 * The end of the word ending at we in s[..q), taking in a lone dash after
 * it ("Lao động - Thương binh") and a short parenthesised token ("Tăng
 * (+)"): a line never starts with "- ", "– " or "(-)".
 */
static size_t
glue_dash(const char *s, size_t we, size_t q)
{
	static const char *const dash[] = { "-", "\xe2\x80\x93" };	/* -, – */
	size_t i, n;

	for (;;) {
		for (i = 0; i < sizeof(dash) / sizeof(dash[0]); i++) {
			n = strlen(dash[i]);
			if (we + 1 + n <= q && s[we] == ' ' &&
			    memcmp(s + we + 1, dash[i], n) == 0 &&
			    (we + 1 + n == q || s[we + 1 + n] == ' '))
				break;
		}
		if (i == sizeof(dash) / sizeof(dash[0])) {
			if (we < q && s[we] == ' ' &&
			    (n = short_paren(s, we + 1, q)) != 0) {
				we += 1 + n;
				continue;
			}
			return we;
		}
		we += 1 + n;
	}
}

#define WRAP_TOKENS	1	/* wrap(): break a long token, see there */
/*
 * wrap(): no line starts with the '-' of a token (an item of a dash list,
 * "Nơi nhận": "…gov.vn/van" / "-ban-chi-dao;" read as a new recipient);
 * the token is broken after another break character instead.
 */
#define WRAP_NODASH	2

/* Characters after which a long token (a URL, an address) may be broken. */
static int
break_char(char c)
{
	return c != '\0' && strchr("/?&=-_.@", c) != NULL;
}

/*
 * Whether the token s[0..n) may be broken after a break_char: it holds a
 * letter (not a number, a date or a code of digits) and is wider than a
 * quarter of the line w.
 */
static int
long_token(HPDF_Font f, double size, const char *s, size_t n, double w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
			return width_pt(f, size, s, n) > w / 4;
	return 0;
}

/*
 * Whether a long token may break between s[i - 1] and s[i]: after a break
 * character, not inside a run of them ("//"); a '-' goes to the next line
 * instead, since pdftotext takes a line-ending '-' for a hyphenation and
 * drops it ("ke-hoach-nam-" + "2024" gives back "nam2024"), except in a
 * list (WRAP_NODASH), where it may not break there at all.
 */
static int
token_break_at(const char *s, size_t i, int flags)
{
	if (s[i] == '-')
		return !(flags & WRAP_NODASH) && !break_char(s[i - 1]);
	return break_char(s[i - 1]) && s[i - 1] != '-' && !break_char(s[i]);
}

/*
 * The last place in the token s[p..we) at a token_break_at() whose start
 * s[p..) is at most room pt wide and at least least pt,
 * leaving two bytes at least before it and four after it; one after '.'
 * only when there is no other ("thuongxuan@ / thanhhoa.gov.vn"), or
 * none as wide as least ("https://dichvucong.thanhhoa." rather than a
 * cut at a character, "…thanhhoa.gov" / ".vn/…"); 0 when there is none.
 */
static size_t
token_break(HPDF_Font f, double size, const char *s, size_t p, size_t we,
    double room, double least, int flags)
{
	size_t i, best = 0, strong = 0;

	for (i = p + 2; i + 4 <= we; i++) {
		if (!token_break_at(s, i, flags))
			continue;
		if (width_pt(f, size, s + p, i - p) > room + EPS)
			break;
		best = i;
		if (s[i - 1] != '.')
			strong = i;
	}
	if (strong != 0 && width_pt(f, size, s + p, strong - p) >= least)
		return strong;
	if (best != 0 && width_pt(f, size, s + p, best - p) >= least)
		return best;
	return 0;
}

/*
 * The line is full before the word s[p..we): it ends there or, for a long
 * token that would leave gaps over three spaces wide (WRAP_TOKENS), after
 * the token's start; gap is the width between the line and the word.
 * Returns where the next line starts.
 */
static size_t
wrap_end_line(struct wrapper *r, size_t p, size_t we, double gap)
{
	const char *s = r->s;
	size_t cut, i;
	int gaps;

	gaps = r->n == 0 && (r->flags & WRAP_LEAD);
	for (i = r->ls; i < r->le; i++)
		gaps += s[i] == ' ';
	if ((r->flags & WRAP_TOKENS) &&
	    (gaps == 0 || r->avail - r->lw > 3 * r->sp * gaps) &&
	    long_token(r->f, r->size, s + p, we - p, r->w) &&
	    (cut = token_break(r->f, r->size, s, p, we,
	    r->avail - r->lw - gap, 0, r->flags)) != 0) {
		/* the token's start ends this line */
		add_line(r, r->ls, cut, r->lw + gap +
		    width_pt(r->f, r->size, s + p, cut - p));
		p = cut;
	} else
		add_line(r, r->ls, r->le, r->lw);
	r->first = 0;
	r->avail = r->w;
	r->empty = 1;
	return p;
}

/* The end of the longest start of s[p..we) that fits: a character at least. */
static size_t
chars_fitting(const struct wrapper *r, size_t p, size_t we)
{
	size_t cut = next_char(r->s, p, we), nx;

	while (cut < we) {
		nx = next_char(r->s, cut, we);
		if (width_pt(r->f, r->size, r->s + p, nx - p) > r->avail + EPS)
			break;
		cut = nx;
	}
	return cut;
}

/*
 * One word s[p..we) wider than the line: cut it, after a break character
 * if that fills half of it. Returns where the next line starts.
 */
static size_t
wrap_cut_word(struct wrapper *r, size_t p, size_t we)
{
	const char *s = r->s;
	size_t cut;

	cut = token_break(r->f, r->size, s, p, we, r->avail, r->avail / 2,
	    r->flags);
	if (cut == 0)
		cut = chars_fitting(r, p, we);
	/* a '-' starts the next line (token_break_at) */
	if (cut < we && cut > next_char(s, p, we) && s[cut - 1] == '-')
		cut--;
	/* not before a glued dash: its word's last character goes with it */
	if (cut < we && s[cut - 1] == ' ')
		cut--;
	if (cut < we && s[cut] == ' ')
		cut = prev_char(s, p, cut);
	add_line(r, p, cut, width_pt(r->f, r->size, s + p, cut - p));
	r->first = 0;
	r->avail = r->w;
	return cut;
}

/*
 * The word at s[p..) of the paragraph ending at q: on the line when it
 * fits, else the line ends (the word goes on the next) or, alone and too
 * wide, the word is cut. Returns where to go on.
 */
static size_t
wrap_word(struct wrapper *r, size_t p, size_t q)
{
	const char *s = r->s;
	size_t we = p;
	double ww, nw, gap;

	while (we < q && s[we] != ' ')
		we++;
	we = glue_dash(s, we, q);
	ww = width_pt(r->f, r->size, s + p, we - p);
	/* widths add up: libharu does not kern */
	gap = r->empty ? 0 : width_pt(r->f, r->size, s + r->le, p - r->le);
	if (!r->empty && (nw = r->lw + gap + ww) <= r->avail + EPS) {
		r->lw = nw;
		r->le = we;
	} else if (r->empty && ww <= r->avail + EPS) {
		r->ls = p;
		r->le = we;
		r->lw = ww;
		r->empty = 0;
	} else if (!r->empty)
		return wrap_end_line(r, p, we, gap);
	else
		return wrap_cut_word(r, p, we);
	p = we;
	while (p < q && s[p] == ' ')
		p++;
	return p;
}

/* The paragraph s[p..q), its first line avail pt wide. */
static void
wrap_paragraph(struct wrapper *r, size_t p, size_t q, double avail)
{
	r->ls = r->le = p;
	r->lw = 0;
	r->avail = avail;
	r->first = 1;
	r->empty = 1;
	while (p < q)
		p = wrap_word(r, p, q);
	if (!r->empty || r->first)
		add_line(r, r->empty ? p : r->ls, r->empty ? p : r->le,
		    r->empty ? 0 : r->lw);
	r->v[r->n - 1].last = 1;
}

/*
 * Breaks cleaned text s into lines of at most w pt, the first line of each
 * paragraph w - indent. Returns the number of lines; *out is the caller's
 * to free. An empty text gives one empty line. flags: WRAP_TOKENS breaks a
 * long token (a URL, an e-mail address, words joined by '_') after '/',
 * '?', '&', '=', '-', '_', '.' or '@' rather than leave a justified line
 * with gaps over three spaces wide.
 */
static int
wrap(HPDF_Font f, double size, const char *s, double w, double indent,
    int flags, struct wline **out)
{
	struct wrapper r = { .f = f, .size = size, .s = s, .w = w,
	    .flags = flags };
	size_t len = strlen(s), p = 0, q;

	r.sp = width_pt(f, size, " ", 1);
	for (;;) {
		for (q = p; q < len && s[q] != '\n'; q++)
			;
		wrap_paragraph(&r, p, q, w - indent);
		if (q >= len)
			break;
		p = q + 1;
	}
	*out = r.v;
	return r.n;
}

static size_t glued_end(const char *, size_t);

/* The widest word of cleaned text s in font f at size, pt. */
static double
font_widest_word(HPDF_Font f, double size, const char *s)
{
	double m = 0;
	size_t i = 0, j;

	while (s[i] != '\0') {
		while (s[i] == ' ' || s[i] == '\n')
			i++;
		for (j = i; s[j] != '\0' && s[j] != ' ' && s[j] != '\n'; j++)
			;
		j = glued_end(s, j);	/* as wrap() keeps it */
		m = fmax(m, width_pt(f, size, s + i, j - i));
		i = j;
	}
	return m;
}

/*
 * As wrap (no indent, no flags), in as many lines as w pt takes but each
 * as long as the others: in the narrowest band that needs no more, so
 * that no short word stands alone on a last line.
 */
static int
wrap_balanced(HPDF_Font f, double size, const char *s, double w,
    struct wline **out)
{
	double lo, hi, bw = w;
	int n = wrap(f, size, s, w, 0, 0, out), k;

	if (n < 2)
		return n;
	lo = w / (n + 1);
	hi = w;
	for (k = 0; k < 24; k++) {
		double mid = (lo + hi) / 2;
		struct wline *t;

		if (wrap(f, size, s, mid, 0, 0, &t) <= n) {
			hi = mid;
			bw = mid;
		} else
			lo = mid;
		free(t);
	}
	free(*out);
	return wrap(f, size, s, bw + EPS, 0, 0, out);
}

/* Whether line l of s holds one word only. */
static int
lone_word(const char *s, const struct wline *l)
{
	return memchr(s + l->start, ' ', l->end - l->start) == NULL;
}

/*
 * As wrap (no indent, no flags), for a table cell: a paragraph's last
 * line of one word ("Văn phòng HĐND và UBND / huyện", "Tỷ lệ đúng / hạn")
 * takes the last word of the line above with it when the cell still needs
 * no more lines then (the rows keep their heights); else as wrap.
 */
static int
wrap_cell(HPDF_Font f, double size, const char *s, double w,
    struct wline **out)
{
	int n = wrap(f, size, s, w, 0, 0, out);
	struct wline *l = *out, *t;
	double nw;

	if (n < 2 || l[n - 1].first || !lone_word(s, &l[n - 1]) ||
	    lone_word(s, &l[n - 2]))
		return n;
	/* just narrower than the line above: its last word goes down */
	nw = l[n - 2].width - 2 * EPS;
	if (nw < font_widest_word(f, size, s))
		return n;
	if (wrap(f, size, s, nw, 0, 0, &t) == n && !lone_word(s, &t[n - 1])) {
		free(*out);
		*out = t;
	} else
		free(t);
	return n;
}

/* The end of the word ending at j in s with what wrap() glues to it. */
static size_t
glued_end(const char *s, size_t j)
{
	size_t q = j;

	while (s[q] != '\0' && s[q] != '\n')
		q++;
	return glue_dash(s, j, q);
}

/* ---- pages ---- */

static void text_abs(struct pdfdoc *, enum pdf_face, double, double, double,
    const char *, enum pdf_align);

static void
decorate(struct pdfdoc *d)
{
	char buf[64];

	if (d->npages >= 2) {
		snprintf(buf, sizeof(buf), "%d", d->npages);
		text_abs(d, PF_REGULAR, 13, BODY_L + BODY_W / 2,
		    PAGE_H - PT(12), buf, PA_CENTER);
	}
	if (d->draft > 0) {
		double size = 11, w, x, y0 = PAGE_H - PT(15), h = PT(7);

		snprintf(buf, sizeof(buf), "DỰ THẢO LẦN %d", d->draft);
		w = width_pt(FONT(d, PF_BOLD), size, buf, strlen(buf)) + PT(5);
		x = PAGE_W - PT(PDF_MARGIN_RIGHT) - w;
		HPDF_Page_SetLineWidth(PG(d), 0.8);
		HPDF_Page_SetRGBStroke(PG(d), 0, 0, 0);
		HPDF_Page_Rectangle(PG(d), x, y0, w, h);
		HPDF_Page_Stroke(PG(d));
		text_abs(d, PF_BOLD, size, x + w / 2, y0 + PT(2.2), buf,
		    PA_CENTER);
	}
}

static void
ensure_page(struct pdfdoc *d)
{
	if (d->page != NULL)
		return;
	if (d->measure) {
		d->page = &measure_page;
		d->npages++;
		d->y = BODY_TOP;
		return;
	}
	d->page = HPDF_AddPage(d->pdf);
	if (d->page == NULL) {
		fail(d, "cannot add a page");
		return;
	}
	HPDF_Page_SetSize(PG(d), HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	d->npages++;
	d->y = BODY_TOP;
	decorate(d);
}

void
pdfdoc_newpage(struct pdfdoc *d)
{
	if (d->page == NULL && d->npages > 0)
		ensure_page(d);		/* an explicit blank page */
	d->page = NULL;
}

void
pdfdoc_restart(struct pdfdoc *d)
{
	table_clear(d);
	d->page = NULL;
	d->npages = 0;
	d->y = BODY_TOP;
	d->outside = 0;
	d->nmissing = 0;
}

void
pdfdoc_measure(struct pdfdoc *d, int on)
{
	d->measure = on != 0;
	d->page = NULL;
}

int
pdfdoc_pages(const struct pdfdoc *d)
{
	return d->npages;
}

void
pdfdoc_set_draft(struct pdfdoc *d, int n)
{
	d->draft = n > 0 ? n : 0;
}

void
pdfdoc_space(struct pdfdoc *d, double mm)
{
	ensure_page(d);
	if (d->y >= BODY_TOP - EPS)
		return;			/* no space at the top of a page */
	d->y -= PT(mm);
	if (d->y < BODY_BOT)
		d->y = BODY_BOT;
}

void
pdfdoc_ensure(struct pdfdoc *d, double mm)
{
	ensure_page(d);
	if (d->y - PT(mm) < BODY_BOT - EPS && d->y < BODY_TOP - EPS) {
		d->page = NULL;
		ensure_page(d);
	}
}

double
pdfdoc_y(struct pdfdoc *d)
{
	ensure_page(d);
	return MM(PAGE_H - d->y);
}

void
pdfdoc_set_y(struct pdfdoc *d, double mm)
{
	ensure_page(d);
	d->y = PAGE_H - PT(mm);
}

double
pdfdoc_room(struct pdfdoc *d)
{
	ensure_page(d);
	return MM(d->y - BODY_BOT);
}

/* ---- drawing text ---- */

/* Draws one line of cleaned text with its baseline at y, anchored at x. */
static void
text_abs(struct pdfdoc *d, enum pdf_face face, double size, double x,
    double y, const char *s, enum pdf_align align)
{
	double w;

	if (d->page == NULL || d->measure || *s == '\0')
		return;
	if (d->repertoire && outside(d, s, strlen(s)) != 0)
		return;		/* never a glyph 0 for it */
	w = width_pt(FONT(d, face), size, s, strlen(s));
	if (align == PA_CENTER)
		x -= w / 2;
	else if (align == PA_RIGHT)
		x -= w;
	HPDF_Page_BeginText(PG(d));
	HPDF_Page_SetFontAndSize(PG(d), FONT(d, face), (HPDF_REAL)size);
	HPDF_Page_TextOut(PG(d), (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(PG(d));
}

static double
leading(const struct pdf_style *st)
{
	return st->size * (st->leading > 0 ? st->leading : 1.2);
}

/* How text in st is broken into lines (see wrap). */
static int
wrap_flags(const struct pdf_style *st)
{
	return (st->align == PA_JUSTIFY ? WRAP_TOKENS : 0) |
	    (st->list ? WRAP_NODASH : 0);
}

/* The baseline below the top of a line box of height lh for size. */
static double
baseline_off(double size, double lh)
{
	/* Liberation Serif: ascent 0.891, descent 0.216 em; centred in lh */
	return (lh - 1.107 * size) / 2 + 0.891 * size;
}

/* The gaps of line l of s that justification stretches. */
static int
line_gaps(const char *s, const struct wline *l)
{
	int gaps = l->lead;
	size_t i;

	for (i = l->start; i < l->end; i++)
		gaps += s[i] == ' ';
	return gaps;
}

/*
 * Draws line l of s in the band [x, x+w) with the line box's top at top.
 */
static void
draw_line(struct pdfdoc *d, HPDF_Font f, double size, double x, double w,
    double top, double lh, const char *s, const struct wline *l,
    enum pdf_align align, double indent)
{
	double base = top - baseline_off(size, lh);
	size_t n = l->end - l->start;
	char *t;

	if (n == 0 || d->page == NULL || d->measure)
		return;
	if (d->repertoire && outside(d, s + l->start, n) != 0)
		return;		/* never a glyph 0 for it */
	if (l->first) {
		x += indent;
		w -= indent;
	}
	HPDF_Page_BeginText(PG(d));
	HPDF_Page_SetFontAndSize(PG(d), f, (HPDF_REAL)size);
	if (align == PA_JUSTIFY && !l->last && line_gaps(s, l) > 0) {
		/* words placed one by one, the slack shared between the gaps */
		int gaps = line_gaps(s, l);
		size_t i, ws;
		double extra, sp = width_pt(f, size, " ", 1), cx;

		extra = (w - l->width) / gaps;
		if (extra < 0)
			extra = 0;
		if (extra > 2 * sp)
			extra = 0;	/* gaps over three spaces: ragged */
		cx = x + (l->lead ? extra : 0);	/* the lead-in's gap */
		for (ws = i = l->start; i <= l->end; i++) {
			if (i < l->end && s[i] != ' ')
				continue;
			t = xstrndup(s + ws, i - ws);
			HPDF_Page_TextOut(PG(d), (HPDF_REAL)cx,
			    (HPDF_REAL)base, t);
			cx += width_pt(f, size, t, i - ws) + sp + extra;
			free(t);
			ws = i + 1;
		}
	} else {
		t = xstrndup(s + l->start, n);
		if (align == PA_CENTER)
			x += (w - l->width) / 2;
		else if (align == PA_RIGHT)
			x += w - l->width;
		HPDF_Page_TextOut(PG(d), (HPDF_REAL)x, (HPDF_REAL)base, t);
		free(t);
	}
	HPDF_Page_EndText(PG(d));
}

/*
 * Widow and orphan control: whether line i of lines (lh pt high, the
 * cursor at its top) must start a new page so that the page break inside
 * its paragraph leaves two lines at least on either side (a paragraph of
 * two or three lines then goes whole to the next page).
 */
static int
widow_break(const struct pdfdoc *d, const struct wline *lines, int i,
    double lh)
{
	int a = i, b = i, fit, j;

	while (!lines[a].first && a > 0)
		a--;
	while (!lines[b].last)
		b++;
	fit = (int)floor((d->y - BODY_BOT + EPS) / lh);
	if (b - i + 1 <= fit)
		return 0;		/* the rest fits on this page */
	j = i + fit;			/* the first line on the next page */
	if (j - a >= 2 && b - j + 1 < 2)
		j--;
	if (j - a < 2)
		j = a;
	return j <= i;
}

/*
 * Draws the wrapped lines of s from d->y down, starting a page whenever
 * the next line would cross the bottom margin; the first line is indented
 * by ind and, when lead is not NULL, starts with lead in lead_face.
 */
static void
flow_lines(struct pdfdoc *d, const struct pdf_style *st, double x, double w,
    const char *s, struct wline *lines, int n, double ind,
    enum pdf_face lead_face, const char *lead)
{
	double lh = leading(st);
	int i, k = d->keep_lines < n ? d->keep_lines : n;
	/* the last k lines and what follows them, if they fit a page */
	double tail = k * lh + d->keep_mm;

	if (k > 0 && k < n) {
		/* no first line alone above the kept ones */
		int a = n - k;

		while (a > 0 && !lines[a].first)
			a--;
		if (n - k - a == 1 && (n - a) * lh + d->keep_mm <=
		    BODY_TOP - BODY_BOT) {
			k = n - a;
			tail = k * lh + d->keep_mm;
		}
	}
	d->keep_lines = 0;
	d->keep_mm = 0;
	for (i = 0; i < n; i++) {
		if (d->y - lh < BODY_BOT - EPS || (k > 0 && i == n - k &&
		    d->y - tail < BODY_BOT - EPS && d->y < BODY_TOP - EPS &&
		    tail <= BODY_TOP - BODY_BOT) ||
		    (d->y < BODY_TOP - EPS && widow_break(d, lines, i, lh))) {
			d->page = NULL;
			ensure_page(d);
		}
		if (i == 0 && lead != NULL)
			text_abs(d, lead_face, st->size, x + PT(st->indent),
			    d->y - baseline_off(st->size, lh), lead, PA_LEFT);
		draw_line(d, FONT(d, st->face), st->size, x, w, d->y, lh, s,
		    &lines[i], st->align, ind);
		d->y -= lh;
	}
}

/* The space after a paragraph, never below the bottom margin. */
static void
para_after(struct pdfdoc *d, const struct pdf_style *st)
{
	d->y -= PT(st->after);
	if (d->y < BODY_BOT)
		d->y = BODY_BOT;
}

/* pdfdoc_para() in the band [x, x+w) mm from the left margin. */
static void
pdfdoc_para_in(struct pdfdoc *d, const struct pdf_style *st, double xmm,
    double wmm, const char *text)
{
	struct wline *lines;
	char *s;
	int n;
	double x = BODY_L + PT(xmm), w = PT(wmm);

	if ((s = clean(d, text)) == NULL)
		return;
	ensure_page(d);
	if (d->y < BODY_TOP - EPS)
		d->y -= PT(st->before);
	n = wrap(FONT(d, st->face), st->size, s, w, PT(st->indent),
	    wrap_flags(st), &lines);
	flow_lines(d, st, x, w, s, lines, n, PT(st->indent), 0, NULL);
	para_after(d, st);
	free(lines);
	free(s);
}

void
pdfdoc_para_lead(struct pdfdoc *d, const struct pdf_style *st,
    enum pdf_face lead_face, const char *lead, const char *text)
{
	struct wline *lines;
	struct pdf_style rest_st = *st;
	char *s, *ld, *rest;
	int n, keep_lines;
	double x = BODY_L, w = BODY_W, lw, ind, keep_mm;

	if ((ld = clean(d, lead)) == NULL)
		return;
	if ((s = clean(d, text)) == NULL) {
		free(ld);
		return;
	}
	/* only the first paragraph has the lead-in */
	if ((rest = strchr(s, '\n')) != NULL)
		*rest++ = '\0';
	keep_lines = d->keep_lines;
	keep_mm = d->keep_mm;
	if (rest != NULL)
		d->keep_lines = 0;	/* for the last paragraph */
	ensure_page(d);
	if (d->y < BODY_TOP - EPS)
		d->y -= PT(st->before);
	/* the lead-in takes the start of the first line, like an indent */
	lw = width_pt(FONT(d, lead_face), st->size, ld, strlen(ld)) +
	    width_pt(FONT(d, st->face), st->size, " ", 1);
	ind = PT(st->indent) + lw;
	n = wrap(FONT(d, st->face), st->size, s, w, ind,
	    wrap_flags(st) | WRAP_LEAD, &lines);
	if (rest != NULL && keep_lines > 0) {
		/*
		 * The paragraphs after the first have fewer lines than are
		 * to be kept: the first one's last lines make up the rest.
		 */
		struct wline *rl;
		char *rs = clean(d, rest);
		int rn = rs != NULL ? wrap(FONT(d, st->face), st->size, rs, w,
		    PT(st->indent), wrap_flags(st), &rl) : 0;

		if (rs != NULL)
			free(rl);
		free(rs);
		if (rn < keep_lines) {
			d->keep_lines = keep_lines - rn;
			d->keep_mm = keep_mm + rn * leading(st);
		}
	}
	flow_lines(d, st, x, w, s, lines, n, ind, lead_face, ld);
	free(lines);
	if (rest != NULL) {
		rest_st.before = 0;
		d->keep_lines = keep_lines;
		d->keep_mm = keep_mm;
		pdfdoc_para(d, &rest_st, rest);
	} else
		para_after(d, st);
	free(s);
	free(ld);
}

void
pdfdoc_keep_last(struct pdfdoc *d, int lines, double mm)
{
	d->keep_lines = lines > 0 ? lines : 0;
	d->keep_mm = PT(mm);
}

void
pdfdoc_para(struct pdfdoc *d, const struct pdf_style *st, const char *text)
{
	pdfdoc_para_in(d, st, 0, PDF_BODY_W, text);
}

double
pdfdoc_text_at(struct pdfdoc *d, const struct pdf_style *st, double xmm,
    double wmm, double ymm, const char *text)
{
	struct wline *lines;
	char *s;
	int i, n;
	double lh = leading(st), x = BODY_L + PT(xmm), w = PT(wmm);
	double top = PAGE_H - PT(ymm) - PT(st->before);

	if ((s = clean(d, text)) == NULL)
		return ymm;
	ensure_page(d);
	n = wrap(FONT(d, st->face), st->size, s, w, PT(st->indent),
	    wrap_flags(st), &lines);
	if (st->balance && n > 1) {
		/* the narrowest band that needs no more lines */
		double lo = w / (n + 1), hi = w, bw = w;
		int k, m;

		for (k = 0; k < 24; k++) {
			double mid = (lo + hi) / 2;
			struct wline *t;

			m = wrap(FONT(d, st->face), st->size, s, mid,
			    PT(st->indent), wrap_flags(st), &t);
			free(t);
			if (m <= n) {
				hi = mid;
				bw = mid;
			} else
				lo = mid;
		}
		free(lines);
		n = wrap(FONT(d, st->face), st->size, s, bw + EPS,
		    PT(st->indent), wrap_flags(st), &lines);
	}
	for (i = 0; i < n; i++) {
		draw_line(d, FONT(d, st->face), st->size, x, w, top, lh, s,
		    &lines[i], st->align, PT(st->indent));
		top -= lh;
	}
	free(lines);
	free(s);
	return MM(PAGE_H - top) + st->after;
}

double
pdfdoc_text_height(struct pdfdoc *d, const struct pdf_style *st, double wmm,
    const char *text)
{
	struct wline *lines;
	char *s;
	int n;

	if ((s = clean(d, text)) == NULL)
		return 0;
	n = wrap(FONT(d, st->face), st->size, s, PT(wmm), PT(st->indent),
	    wrap_flags(st), &lines);
	free(lines);
	free(s);
	return MM(n * leading(st)) + st->before + st->after;
}

/* The width of cleaned text s in font f at size, pt. */
static double
text_width_pt(HPDF_Font f, double size, const char *s)
{
	return width_pt(f, size, s, strlen(s));
}

/* measure (pt) of text cleaned, in face at size, in mm; 0 for bad text. */
static double
measure_mm(struct pdfdoc *d, enum pdf_face face, double size,
    const char *text, double (*measure)(HPDF_Font, double, const char *))
{
	char *s = clean(d, text);
	double w;

	if (s == NULL)
		return 0;
	w = measure(FONT(d, face), size, s);
	free(s);
	return MM(w);
}

double
pdfdoc_text_width(struct pdfdoc *d, enum pdf_face face, double size,
    const char *text)
{
	return measure_mm(d, face, size, text, text_width_pt);
}

double
pdfdoc_fit_size(struct pdfdoc *d, enum pdf_face face, double size, double wmm,
    const char *text)
{
	char *s = clean(d, text), *line, *p;
	double w = PT(wmm), lw;

	if (s == NULL)
		return size;
	for (p = s; (line = strsep(&p, "\n")) != NULL;) {
		lw = width_pt(FONT(d, face), size, line, strlen(line));
		if (lw > w && lw > 0)
			size *= w / lw;
	}
	free(s);
	return size;
}

void
pdfdoc_rule(struct pdfdoc *d, double x1, double x2, double ymm,
    double width_pt_)
{
	ensure_page(d);
	HPDF_Page_SetLineWidth(PG(d), (HPDF_REAL)width_pt_);
	HPDF_Page_SetRGBStroke(PG(d), 0, 0, 0);
	HPDF_Page_MoveTo(PG(d), (HPDF_REAL)(BODY_L + PT(x1)),
	    (HPDF_REAL)(PAGE_H - PT(ymm)));
	HPDF_Page_LineTo(PG(d), (HPDF_REAL)(BODY_L + PT(x2)),
	    (HPDF_REAL)(PAGE_H - PT(ymm)));
	HPDF_Page_Stroke(PG(d));
}

/* ---- tables ---- */

void
pdfdoc_table_style(struct pdfdoc *d, double pad_h, double pad_v,
    double leading, int fit)
{
	d->tpad_h = PT(pad_h >= 0 ? pad_h : 1.3);
	d->tpad_v = PT(pad_v >= 0 ? pad_v : 0.9);
	d->tlead = leading > 0 ? leading : 1.2;
	d->tfit = fit;
	d->thh_ok = 0;
}

/* The widest word of cleaned text s in face at size, pt. */
static double
widest_word(struct pdfdoc *d, enum pdf_face face, double size, const char *s)
{
	return font_widest_word(FONT(d, face), size, s);
}

double
pdfdoc_widest_word(struct pdfdoc *d, enum pdf_face face, double size,
    const char *text)
{
	return measure_mm(d, face, size, text, font_widest_word);
}

void
pdfdoc_table_begin(struct pdfdoc *d, int ncols, const double *widths,
    const enum pdf_align *align, double size, const char *const *header)
{
	pdfdoc_table_begin_in(d, 0, PDF_BODY_W, ncols, widths, align, size,
	    header);
}

void
pdfdoc_table_begin_in(struct pdfdoc *d, double xmm, double wmm, int ncols,
    const double *widths, const enum pdf_align *align, double size,
    const char *const *header)
{
	double sum = 0, x = BODY_L + PT(xmm), bw = PT(wmm);
	int i;

	table_clear(d);
	d->tcols = ncols;
	d->tx = xcalloc((size_t)ncols, sizeof(double));
	d->tw = xcalloc((size_t)ncols, sizeof(double));
	d->talign = xcalloc((size_t)ncols, sizeof(*d->talign));
	d->tsize = size;
	if (header != NULL) {
		d->thead = xcalloc((size_t)ncols, sizeof(char *));
		d->tgroup = xcalloc((size_t)ncols, sizeof(char *));
		for (i = 0; i < ncols; i++) {
			char *bar;

			d->thead[i] = clean(d, header[i]);
			if (d->thead[i] == NULL)
				d->thead[i] = xstrdup("");
			/* "Group|Sub": Sub under a cell Group spanning its run */
			if ((bar = strchr(d->thead[i], '|')) != NULL) {
				d->tgroup[i] = xstrndup(d->thead[i],
				    (size_t)(bar - d->thead[i]));
				memmove(d->thead[i], bar + 1, strlen(bar));
			}
		}
	}
	for (i = 0; i < ncols; i++)
		sum += widths[i] > 0 ? widths[i] : 1;
	for (i = 0; i < ncols; i++) {
		d->tw[i] = bw * (widths[i] > 0 ? widths[i] : 1) / sum;
		d->talign[i] = align != NULL ? align[i] : PA_LEFT;
	}
	if (d->tfit && d->thead != NULL) {
		/*
		 * No header word is cut: a column narrower than its widest
		 * word takes that width from the columns that can spare it.
		 */
		double *need = xcalloc((size_t)ncols, sizeof(double));
		double short_by = 0, spare = 0;

		for (i = 0; i < ncols; i++) {
			need[i] = widest_word(d, PF_BOLD, d->thsize > 0 ?
			    d->thsize : size, d->thead[i]) +
			    2 * PAD_H + 0.5;
			if (need[i] > d->tw[i])
				short_by += need[i] - d->tw[i];
			else
				spare += d->tw[i] - need[i];
		}
		if (short_by > 0 && spare > 0) {
			double k = fmin(1, short_by / spare);

			for (i = 0; i < ncols; i++)
				if (need[i] > d->tw[i])
					d->tw[i] += (need[i] - d->tw[i]) *
					    fmin(1, spare / short_by);
				else
					d->tw[i] -= (d->tw[i] - need[i]) * k;
		}
		free(need);
	}
	for (i = 0; i < ncols; i++) {
		d->tx[i] = x;
		x += d->tw[i];
	}
	d->tneed_header = header != NULL;
	d->thead_min = 0;
}

void
pdfdoc_table_header_size(struct pdfdoc *d, double pt)
{
	d->thsize = pt > 0 ? pt : 0;
	d->thh_ok = 0;
}

void
pdfdoc_table_header_min(struct pdfdoc *d, double mm)
{
	d->thead_min = PT(mm);
	d->thh_ok = 0;
}

void
pdfdoc_box(struct pdfdoc *d, double xmm, double ymm, double wmm, double hmm,
    double width_pt_)
{
	ensure_page(d);
	HPDF_Page_SetLineWidth(PG(d), (HPDF_REAL)width_pt_);
	HPDF_Page_SetRGBStroke(PG(d), 0, 0, 0);
	HPDF_Page_Rectangle(PG(d), (HPDF_REAL)(BODY_L + PT(xmm)),
	    (HPDF_REAL)(PAGE_H - PT(ymm + hmm)), (HPDF_REAL)PT(wmm),
	    (HPDF_REAL)PT(hmm));
	HPDF_Page_Stroke(PG(d));
}

/*
 * Whether s[0, n) is a number as the documents print them (1.234.567,
 * 94,99%, +1,5, 05/11/2024, (2)): digits and . , % + - / ( ) only, one
 * digit at least. A number is never broken across lines.
 */
static int
is_number(const char *s, size_t n)
{
	size_t i;
	int digit = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = 1;
		else if (strchr(".,%+-/()", s[i]) == NULL || s[i] == '\0')
			return 0;
	}
	return digit;
}

/*
 * The widest number and the widest other word of cleaned text s in face
 * at size, pt, into *num and *word.
 */
static void
widest_tokens(struct pdfdoc *d, enum pdf_face face, double size,
    const char *s, double *num, double *word)
{
	size_t i = 0, j, g;

	*num = *word = 0;
	while (s[i] != '\0') {
		double w;

		while (s[i] == ' ' || s[i] == '\n')
			i++;
		for (j = i; s[j] != '\0' && s[j] != ' ' && s[j] != '\n'; j++)
			;
		if (j == i)
			break;
		g = glued_end(s, j);	/* "95,5% (*)" stays whole */
		w = width_pt(FONT(d, face), size, s + i, g - i);
		if (is_number(s + i, j - i))
			*num = fmax(*num, w);
		else
			*word = fmax(*word, w);
		i = g;
	}
}

/*
 * The size of a body cell's text s in column col: the table's, or just
 * small enough for its widest number to fit the column (a number is never
 * broken), and for its widest word if that takes no less than
 * CELL_MIN_PT (a longer word, a URL, is broken at the size rather than
 * made unreadable).
 */
static double
cell_size(struct pdfdoc *d, enum pdf_face face, int col, const char *s)
{
	double avail = d->tw[col] - 2 * PAD_H, num, word, size = d->tsize;

	widest_tokens(d, face, d->tsize, s, &num, &word);
	if (avail <= 0)
		return size;
	if (num > avail + EPS)
		size = d->tsize * avail / num;
	if (word > avail + EPS && d->tsize * avail / word >= CELL_MIN_PT)
		size = fmin(size, d->tsize * avail / word);
	return size;
}

static void
cells_wrap(struct pdfdoc *d, struct cell *c, enum pdf_face face)
{
	int i;

	for (i = 0; i < d->tcols; i++) {
		c[i].face = i < TBOLD_MAX && (d->tbold >> i & 1) ? PF_BOLD :
		    face;
		c[i].size = cell_size(d, c[i].face, i, c[i].text);
		c[i].nlines = wrap_cell(FONT(d, c[i].face), c[i].size,
		    c[i].text, d->tw[i] - 2 * PAD_H, &c[i].lines);
	}
}

void
pdfdoc_table_bold(struct pdfdoc *d, unsigned long cols)
{
	d->tbold = cols;
}

/*
 * Moves width to the columns whose want exceeds their width from the
 * others, each of which keeps at least its keep: all that is wanted when
 * there is enough to spare, else a share of it in proportion.
 */
static void
give_width(struct pdfdoc *d, const double *want, const double *keep)
{
	double short_by = 0, spare = 0, f, k;
	int i;

	for (i = 0; i < d->tcols; i++) {
		if (want[i] > d->tw[i] + EPS)
			short_by += want[i] - d->tw[i];
		else if (d->tw[i] > keep[i])
			spare += d->tw[i] - keep[i];
	}
	if (short_by <= 0 || spare <= 0)
		return;
	f = fmin(1, spare / short_by);
	k = fmin(1, short_by / spare);
	for (i = 0; i < d->tcols; i++) {
		if (want[i] > d->tw[i] + EPS)
			d->tw[i] += (want[i] - d->tw[i]) * f;
		else if (d->tw[i] > keep[i])
			d->tw[i] -= (d->tw[i] - keep[i]) * k;
	}
}

/*
 * What column i needs, pt: num[i] for its widest number and keep[i] for
 * its header words and its other words (as far as it has that width).
 */
static void
column_needs(struct pdfdoc *d, int nrows, const char *const *cells,
    const enum pdf_face *faces, double *num, double *keep)
{
	double wn, ww, *word = xcalloc((size_t)d->tcols, sizeof(double));
	int i, r;

	for (r = 0; r < nrows; r++)
		for (i = 0; i < d->tcols; i++) {
			const char *t = cells[(size_t)r * d->tcols + i];
			char *s = clean(d, t != NULL ? t : "");

			if (s == NULL)
				continue;
			widest_tokens(d, faces != NULL ? faces[r] : PF_REGULAR,
			    d->tsize, s, &wn, &ww);
			num[i] = fmax(num[i], wn);
			word[i] = fmax(word[i], ww);
			free(s);
		}
	for (i = 0; i < d->tcols; i++) {
		double head = d->thead == NULL ? 0 : widest_word(d, PF_BOLD,
		    THSIZE, d->thead[i]) + 2 * PAD_H + 0.5;

		keep[i] = fmin(fmax(head, word[i] + 2 * PAD_H), d->tw[i]);
	}
	free(word);
}

void
pdfdoc_table_fit(struct pdfdoc *d, int nrows, const char *const *cells,
    const enum pdf_face *faces)
{
	double *num, *want, *keep, x;
	int i, n = d->tcols;

	if (n == 0 || nrows <= 0)
		return;
	num = xcalloc((size_t)n, sizeof(double));
	want = xcalloc((size_t)n, sizeof(double));
	keep = xcalloc((size_t)n, sizeof(double));
	/* what no column gives away: room for its header words, its words */
	column_needs(d, nrows, cells, faces, num, keep);
	/* first every number at the smallest size, then at the table's */
	for (i = 0; i < n; i++) {
		want[i] = num[i] * CELL_MIN_PT / d->tsize + 2 * PAD_H;
		keep[i] = fmax(keep[i], fmin(num[i] + 2 * PAD_H, d->tw[i]));
	}
	give_width(d, want, keep);
	for (i = 0; i < n; i++) {
		want[i] = num[i] + 2 * PAD_H;
		/* a column gives at most a quarter of its width for comfort */
		keep[i] = fmax(keep[i], 0.75 * d->tw[i]);
	}
	give_width(d, want, keep);
	for (x = d->tx[0], i = 0; i < n; i++) {
		d->tx[i] = x;
		x += d->tw[i];
	}
	d->thh_ok = 0;
	free(num);
	free(want);
	free(keep);
}

/*
 * Draws lines [from[i], from[i]+count) of each cell as one band of height
 * h whose top is the cursor, with borders, and moves the cursor down.
 */
static void
draw_band(struct pdfdoc *d, struct cell *c, const int *from, int count,
    enum pdf_face face, int header)
{
	double lh = d->tsize * TLEAD;
	double h = count * lh + 2 * PAD_V;
	int i, k;

	if (d->measure) {
		d->y -= h;
		return;
	}
	HPDF_Page_SetLineWidth(PG(d), 0.5);
	HPDF_Page_SetRGBStroke(PG(d), 0, 0, 0);
	for (i = 0; i < d->tcols; i++) {
		int have = c[i].nlines - from[i];
		double top;

		if (have > count)
			have = count;
		if (have < 0)
			have = 0;
		HPDF_Page_Rectangle(PG(d), (HPDF_REAL)d->tx[i],
		    (HPDF_REAL)(d->y - h), (HPDF_REAL)d->tw[i], (HPDF_REAL)h);
		HPDF_Page_Stroke(PG(d));
		/* centred vertically in the band */
		top = d->y - (h - have * lh) / 2;
		for (k = 0; k < have; k++)
			draw_line(d, FONT(d, header ? face : c[i].face),
			    c[i].size, d->tx[i] + PAD_H,
			    d->tw[i] - 2 * PAD_H, top - k * lh, lh,
			    c[i].text, &c[i].lines[from[i] + k],
			    header ? PA_CENTER : d->talign[i] == PA_JUSTIFY ?
			    PA_LEFT : d->talign[i], 0);
	}
	d->y -= h;
}

static int
max_lines(const struct pdfdoc *d, const struct cell *c, const int *from)
{
	int i, m = 0;

	for (i = 0; i < d->tcols; i++)
		if (c[i].nlines - from[i] > m)
			m = c[i].nlines - from[i];
	return m;
}

/*
 * The size of header text s in a cell w pt wide: the header's, or just
 * small enough for its widest word to fit if that takes no less than
 * CELL_MIN_PT (a code, "MT10", in a matrix of many columns is never cut
 * "MT1" / "0"); a longer word is broken at the header's size.
 */
static double
head_size(struct pdfdoc *d, const char *s, double w)
{
	double avail = w - 2 * PAD_H, word = widest_word(d, PF_BOLD, THSIZE, s);

	if (avail > 0 && word > avail + EPS &&
	    THSIZE * avail / word >= CELL_MIN_PT)
		return THSIZE * avail / word * 0.999;
	return THSIZE;
}

/*
 * Lines of cleaned text s in a header cell w pt wide (padding excluded
 * here), set in head_size(), and their height into *h.
 */
static int
cell_lines(struct pdfdoc *d, const char *s, double w, struct wline **out,
    double *h)
{
	double size = head_size(d, s, w);
	int n = wrap_cell(FONT(d, PF_BOLD), size, s, w - 2 * PAD_H, out);

	*h = n * size * TLEAD;
	return n;
}

/* A bordered header cell [x, x+w) from top down h pt, its text centred. */
static void
head_cell(struct pdfdoc *d, double x, double w, double top, double h,
    const char *s)
{
	struct wline *l;
	double size = head_size(d, s, w), lh = size * TLEAD, t, th;
	int k, n = cell_lines(d, s, w, &l, &th);

	HPDF_Page_SetLineWidth(PG(d), 0.5);
	HPDF_Page_SetRGBStroke(PG(d), 0, 0, 0);
	HPDF_Page_Rectangle(PG(d), (HPDF_REAL)x, (HPDF_REAL)(top - h),
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(PG(d));
	t = top - (h - th) / 2;
	for (k = 0; k < n; k++)
		draw_line(d, FONT(d, PF_BOLD), size, x + PAD_H,
		    w - 2 * PAD_H, t - k * lh, lh, s, &l[k], PA_CENTER, 0);
	free(l);
}

/*
 * The end of the run of header columns from i that share i's group (i + 1
 * for a column without one), and their width into *w.
 */
static int
group_end(const struct pdfdoc *d, int i, double *w)
{
	int j;

	*w = d->tw[i];
	for (j = i + 1; d->tgroup[i] != NULL && j < d->tcols &&
	    d->tgroup[j] != NULL && strcmp(d->tgroup[i], d->tgroup[j]) == 0;
	    j++)
		*w += d->tw[j];
	return j;
}

/*
 * The header row: its height into *hh, or drawn at the cursor when hh is
 * NULL. Columns whose headers were "Group|Sub" sit under one cell Group
 * spanning each run of them; the other header cells take both bands.
 */
static void
draw_header(struct pdfdoc *d, double *hh)
{
	double hg = 0, hs = 0, hu = 0, h, th;
	struct wline *l;
	int i, j, grouped = 0;

	if (hh != NULL && d->thh_ok) {
		/* the same header, asked again for every row */
		*hh = d->thh;
		return;
	}
	for (i = 0; i < d->tcols; i++) {
		(void)cell_lines(d, d->thead[i], d->tw[i], &l, &th);
		free(l);
		if (d->tgroup[i] != NULL) {
			grouped = 1;
			hs = fmax(hs, th + 2 * PAD_V);
		} else
			hu = fmax(hu, th + 2 * PAD_V);
	}
	for (i = 0; i < d->tcols; i = j) {
		double w;

		j = group_end(d, i, &w);
		if (d->tgroup[i] == NULL)
			continue;
		(void)cell_lines(d, d->tgroup[i], w, &l, &th);
		free(l);
		hg = fmax(hg, th + 2 * PAD_V);
	}
	h = fmax(fmax(hu, hg + hs), d->thead_min);
	d->thh = h;
	d->thh_ok = 1;
	if (hh != NULL) {
		*hh = h;
		return;
	}
	if (d->measure) {
		d->y -= h;
		return;
	}
	if (grouped)
		hs = h - hg;	/* the sub-labels take what is left */
	for (i = 0; i < d->tcols; i = j) {
		double w;

		j = group_end(d, i, &w);
		if (d->tgroup[i] == NULL) {
			head_cell(d, d->tx[i], d->tw[i], d->y, h, d->thead[i]);
			continue;
		}
		head_cell(d, d->tx[i], w, d->y, hg, d->tgroup[i]);
		for (; i < j; i++)
			head_cell(d, d->tx[i], d->tw[i], d->y - hg, hs,
			    d->thead[i]);
	}
	d->y -= h;
}

/* Height in mm of a row of these cells, with the header row when head. */
static double
table_height(struct pdfdoc *d, const char *const *cells, enum pdf_face face,
    int head)
{
	struct cell *c;
	int *from, i, m;
	double hh = 0;

	if (d->tcols == 0)
		return 0;
	c = xcalloc((size_t)d->tcols, sizeof(*c));
	from = xcalloc((size_t)d->tcols, sizeof(int));
	for (i = 0; i < d->tcols; i++) {
		c[i].text = clean(d, cells != NULL && cells[i] != NULL ?
		    cells[i] : "");
		if (c[i].text == NULL)
			c[i].text = xstrdup("");
	}
	cells_wrap(d, c, face);
	m = max_lines(d, c, from);
	if (head && d->thead != NULL)
		draw_header(d, &hh);
	for (i = 0; i < d->tcols; i++) {
		free(c[i].text);
		free(c[i].lines);
	}
	free(c);
	free(from);
	return MM(hh + m * d->tsize * TLEAD + 2 * PAD_V);
}

double
pdfdoc_table_height(struct pdfdoc *d, const char *const *cells,
    enum pdf_face face)
{
	return table_height(d, cells, face, 1);
}

double
pdfdoc_table_row_height(struct pdfdoc *d, const char *const *cells,
    enum pdf_face face)
{
	return table_height(d, cells, face, 0);
}

void
pdfdoc_table_row(struct pdfdoc *d, const char *const *cells,
    enum pdf_face face)
{
	struct cell *c;
	int *from, i, bad = 0;
	double lh = d->tsize * TLEAD, hh = 0;

	if (d->tcols == 0)
		return;
	c = xcalloc((size_t)d->tcols, sizeof(*c));
	from = xcalloc((size_t)d->tcols, sizeof(int));
	for (i = 0; i < d->tcols; i++) {
		c[i].text = clean(d, cells[i] != NULL ? cells[i] : "");
		if (c[i].text == NULL) {
			c[i].text = xstrdup("");
			bad = 1;
		}
	}
	cells_wrap(d, c, face);
	if (d->thead != NULL)
		draw_header(d, &hh);
	for (; !bad && !d->failed;) {
		int rem, fit, fresh_page;
		double need, avail, hneed;

		ensure_page(d);
		fresh_page = d->y >= BODY_TOP - EPS;
		hneed = d->tneed_header ? hh : 0;
		rem = max_lines(d, c, from);
		need = rem * lh + 2 * PAD_V;
		avail = d->y - BODY_BOT - hneed;
		if (need <= avail + EPS) {
			if (d->tneed_header)
				draw_header(d, NULL);
			d->tneed_header = 0;
			draw_band(d, c, from, rem, face, 0);
			break;
		}
		if (!fresh_page && need <= BODY_TOP - BODY_BOT - hh + EPS) {
			d->page = NULL;
			d->tneed_header = d->thead != NULL;
			continue;
		}
		fit = (int)floor((avail - 2 * PAD_V + EPS) / lh);
		if (fit < 2 && !fresh_page) {
			d->page = NULL;
			d->tneed_header = d->thead != NULL;
			continue;
		}
		if (fit < 1)
			fit = 1;	/* a header taller than a page */
		if (d->tneed_header)
			draw_header(d, NULL);
		d->tneed_header = 0;
		draw_band(d, c, from, fit, face, 0);
		for (i = 0; i < d->tcols; i++)
			from[i] += fit;
		d->page = NULL;
		d->tneed_header = d->thead != NULL;
	}
	for (i = 0; i < d->tcols; i++) {
		free(c[i].text);
		free(c[i].lines);
	}
	free(c);
	free(from);
}

void
pdfdoc_table_keep(struct pdfdoc *d, double mm)
{
	if (d->tcols == 0 || d->page == NULL || d->tneed_header ||
	    d->y >= BODY_TOP - EPS)
		return;		/* no table, or already at the top of a page */
	if (d->y - BODY_BOT < PT(mm) - EPS) {
		d->page = NULL;
		d->tneed_header = d->thead != NULL;
	}
}

void
pdfdoc_table_header_drawn(struct pdfdoc *d)
{
	d->tneed_header = 0;
}

void
pdfdoc_table_end(struct pdfdoc *d)
{
	table_clear(d);
}

/* ---- charts ---- */

static void
set_rgb(struct pdfdoc *d, int stroke, double r, double g, double b)
{
	if (stroke)
		HPDF_Page_SetRGBStroke(PG(d), (HPDF_REAL)r, (HPDF_REAL)g,
		    (HPDF_REAL)b);
	else
		HPDF_Page_SetRGBFill(PG(d), (HPDF_REAL)r, (HPDF_REAL)g,
		    (HPDF_REAL)b);
}

static void
line(struct pdfdoc *d, double x1, double y1, double x2, double y2)
{
	HPDF_Page_MoveTo(PG(d), (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(PG(d), (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(PG(d));
}

static void
dash(struct pdfdoc *d, int on)
{
	static const HPDF_UINT16 pat[] = { 4, 2 };

	if (on)
		HPDF_Page_SetDash(PG(d), pat, 2, 0);
	else
		HPDF_Page_SetDash(PG(d), NULL, 0, 0);
}

/* Draws cleaned-or-not text (cleaned here) on one line. */
static void
label(struct pdfdoc *d, enum pdf_face face, double size, double x, double y,
    const char *text, enum pdf_align align)
{
	char *s = clean(d, text);

	if (s == NULL)
		return;
	set_rgb(d, 0, 0, 0, 0);
	text_abs(d, face, size, x, y, s, align);
	free(s);
}

/* Wrapped text centred in [x, x+w) from top; returns lines drawn. */
static int
label_wrapped(struct pdfdoc *d, double size, double x, double w, double top,
    const char *text, int draw)
{
	struct wline *lines;
	char *s = clean(d, text);
	int i, n;

	if (s == NULL)
		return 0;
	n = wrap(FONT(d, PF_REGULAR), size, s, w, 0, 0, &lines);
	if (draw) {
		set_rgb(d, 0, 0, 0, 0);
		for (i = 0; i < n; i++)
			draw_line(d, FONT(d, PF_REGULAR), size, x, w,
			    top - i * size * 1.15, size * 1.15, s, &lines[i],
			    PA_CENTER, 0);
	}
	free(lines);
	free(s);
	return n;
}

static void
chart_title(struct pdfdoc *d, const char *title)
{
	struct pdf_style st = { .face = PF_BOLD, .size = 11, .align = PA_CENTER,
	    .leading = 1.2, .before = 1, .after = 1 };

	pdfdoc_para(d, &st, title);
}

/* Legend items "a|b|c" drawn after their keys by key(d, i, x, y). */
static void
legend(struct pdfdoc *d, const char *items, double y,
    void (*key)(struct pdfdoc *, int, double, double))
{
	char *copy, *p, *tok;
	double x = BODY_L, size = 9;
	int i = 0;

	if (items == NULL)
		return;
	copy = xstrdup(items);
	for (p = copy; (tok = strsep(&p, "|")) != NULL; i++) {
		key(d, i, x, y + size * 0.3);
		label(d, PF_REGULAR, size, x + PT(7), y, tok, PA_LEFT);
		x += PT(7) + PT(pdfdoc_text_width(d, PF_REGULAR, size, tok)) +
		    PT(6);
	}
	free(copy);
}

/* A key of a bar: a small blue rectangle. */
static void
key_bar(struct pdfdoc *d, double x, double y)
{
	set_rgb(d, 0, 0.42, 0.58, 0.78);
	HPDF_Page_Rectangle(PG(d), (HPDF_REAL)x, (HPDF_REAL)(y - 3),
	    (HPDF_REAL)PT(5), 6);
	HPDF_Page_Fill(PG(d));
}

/* A grey dashed line from (x0, y0) to (x1, y1): Pareto's 80 % and its key. */
static void
grey_dashed(struct pdfdoc *d, double x0, double y0, double x1, double y1)
{
	set_rgb(d, 1, 0.5, 0.5, 0.5);
	HPDF_Page_SetLineWidth(PG(d), 0.6);
	dash(d, 1);
	line(d, x0, y0, x1, y1);
	dash(d, 0);
}

static void
bars_key(struct pdfdoc *d, int i, double x, double y)
{
	if (i == 0)
		key_bar(d, x, y);
	else {
		set_rgb(d, 1, 0.8, 0, 0);
		HPDF_Page_SetLineWidth(PG(d), 1.5);
		line(d, x + PT(2.5), y - 4, x + PT(2.5), y + 4);
	}
}

/* Space under a part of the bar chart: its axis labels, and the legend. */
#define BARS_FOOT	PT(6)
#define BARS_FOOT_LAST	PT(14)

/* One bar row whose top is y: its label, bar, value and target mark. */
static void
bars_row(struct pdfdoc *d, const struct pdf_bar *b, double rowh, double y,
    double x0, double x1)
{
	double lsize = PDF_BAR_LABEL_PT, lab_w = PT(PDF_BAR_LABEL_W + 2);
	double cy = y - rowh / 2, bh = PT(3.6);
	int nl = label_wrapped(d, lsize, 0, lab_w - PT(2), 0, b->label, 0);
	double lt = cy + nl * lsize * 1.15 / 2;
	char buf[VNFMT_BUFSZ], *s = clean(d, b->label);
	struct wline *ls;
	int j, m;

	/* the label, right-aligned against the axis */
	if (s != NULL) {
		m = wrap_balanced(FONT(d, PF_REGULAR), lsize, s,
		    lab_w - PT(2), &ls);
		set_rgb(d, 0, 0, 0, 0);
		for (j = 0; j < m; j++)
			draw_line(d, FONT(d, PF_REGULAR), lsize, BODY_L,
			    lab_w - PT(2), lt - j * lsize * 1.15,
			    lsize * 1.15, s, &ls[j], PA_RIGHT, 0);
		free(ls);
		free(s);
	}
	if (!isnan(b->value)) {
		double v = fmin(fmax(b->value, 0), 1);

		set_rgb(d, 0, 0.42, 0.58, 0.78);
		HPDF_Page_Rectangle(PG(d), (HPDF_REAL)x0,
		    (HPDF_REAL)(cy - bh / 2), (HPDF_REAL)((x1 - x0) * v),
		    (HPDF_REAL)bh);
		HPDF_Page_Fill(PG(d));
		label(d, PF_REGULAR, 9, BODY_L + BODY_W, cy - 3.1,
		    b->text != NULL ? b->text : vn_rate(b->value, 0, buf),
		    PA_RIGHT);
	}
	if (!isnan(b->target)) {
		double tx = x0 + (x1 - x0) * fmin(fmax(b->target, 0), 1);

		set_rgb(d, 1, 0.8, 0, 0);
		HPDF_Page_SetLineWidth(PG(d), 1.5);
		line(d, tx, y - PT(0.5), tx, y - rowh + PT(0.5));
	}
}

/* The grid (every 10 %) of a part of the chart from top to bottom. */
static void
bars_grid(struct pdfdoc *d, double x0, double x1, double top, double bottom)
{
	int k;

	HPDF_Page_SetLineWidth(PG(d), 0.3);
	set_rgb(d, 1, 0.75, 0.75, 0.75);
	for (k = 0; k <= 10; k++) {
		double gx = x0 + (x1 - x0) * k / 10;

		line(d, gx, top, gx, bottom);
	}
}

/* The axes of a part, the scale labelled every 20 % under it. */
static void
bars_axes(struct pdfdoc *d, double x0, double x1, double top, double y)
{
	char buf[VNFMT_BUFSZ];
	int k;

	set_rgb(d, 1, 0, 0, 0);
	HPDF_Page_SetLineWidth(PG(d), 0.6);
	line(d, x0, top, x0, y);
	line(d, x0, y, x1, y);
	for (k = 0; k <= 10; k += 2)
		label(d, PF_REGULAR, 8, x0 + (x1 - x0) * k / 10, y - PT(4),
		    vn_pct(k / 10.0, 0, buf), PA_CENTER);
}

/*
 * The rows from i on that fit the page under top: at least one, all the
 * rest when they fit with the legend, else as many as fit with the
 * scale under them.
 */
static int
bars_fit(const double *rowh, int i, int n, double top)
{
	double h = 0;
	int j;

	for (j = i; j < n; j++)
		h += rowh[j];
	if (top - h >= BODY_BOT + BARS_FOOT_LAST - EPS)
		return n;
	h = rowh[i];
	for (j = i + 1; j < n && top - h - rowh[j] >= BODY_BOT + BARS_FOOT -
	    EPS; j++)
		h += rowh[j];
	return j;
}

/*
 * A chart taller than what is left of a page (a few dozen units) goes on
 * over the next pages, each part with its grid, axes and scale, the
 * legend under the last: it is never drawn past the bottom margin.
 */
void
pdfdoc_chart_bars(struct pdfdoc *d, const char *title, int n,
    const struct pdf_bar *bars, const char *legend_value,
    const char *legend_target)
{
	double lsize = PDF_BAR_LABEL_PT, lab_w = PT(PDF_BAR_LABEL_W + 2);
	double x0, x1, total, first, top, y;
	double *rowh;
	char *leg;
	int i, j, k;

	if (n <= 0)
		return;
	rowh = xcalloc((size_t)n, sizeof(double));
	total = first = 0;
	ensure_page(d);
	for (i = 0; i < n; i++) {
		int nl = label_wrapped(d, lsize, 0, lab_w - PT(2), 0,
		    bars[i].label, 0);

		rowh[i] = fmax(nl * lsize * 1.15, PT(4)) + PT(2);
		total += rowh[i];
		if (i < 3)
			first += rowh[i];
	}
	/* whole when it fits a page, else with its first rows */
	pdfdoc_ensure(d, MM(total) + 30 <= PDF_PAGE_H - PDF_MARGIN_TOP -
	    PDF_MARGIN_BOT ? MM(total) + 30 : MM(first) + 30);
	chart_title(d, title);
	x0 = BODY_L + lab_w;
	x1 = BODY_L + BODY_W - PT(16);	/* values in a column on the right */
	y = d->y;
	for (i = 0; i < n; i = j) {
		if (i > 0) {
			d->page = NULL;
			ensure_page(d);
		}
		top = d->y - PT(1);
		j = bars_fit(rowh, i, n, top);
		for (y = top, k = i; k < j; k++)
			y -= rowh[k];
		bars_grid(d, x0, x1, top, y);
		for (y = top, k = i; k < j; k++) {
			bars_row(d, &bars[k], rowh[k], y, x0, x1);
			y -= rowh[k];
		}
		bars_axes(d, x0, x1, top, y);
		d->y = y - BARS_FOOT;
	}
	/* the target's key only where a target is marked: a key for marks
	 * that are not there had the reader look for them */
	for (k = 0, i = 0; i < n; i++)
		k += !isnan(bars[i].target);
	if (k == 0 || legend_target == NULL)
		legend_target = "";
	leg = xmalloc(strlen(legend_value ? legend_value : "") +
	    strlen(legend_target) + 2);
	sprintf(leg, "%s%s%s", legend_value ? legend_value : "",
	    *legend_target ? "|" : "", legend_target);
	legend(d, leg, y - PT(10), bars_key);
	free(leg);
	d->y = y - PT(14);
	free(rowh);
}

/* A "nice" axis maximum and step for values up to v (> 0). */
static void
nice_axis(double v, double *max, double *step)
{
	double mag, f;

	if (v <= 0)
		v = 1;
	mag = pow(10, floor(log10(v)));
	f = v / mag;
	*step = f <= 2 ? 0.5 * mag : f <= 5 ? mag : 2 * mag;
	if (*step < 1)
		*step = 1;		/* counts */
	*max = ceil(v / *step) * *step;
	if (*max < v + 1e-9)
		*max += *step;
}

/*
 * The plot of a Pareto chart or a p-chart, in points: x0 to x1 wide, bot
 * to top high (h = top - bot), one slot a category; lo to hi, the p-chart's
 * value axis.
 */
struct plot {
	double	x0, x1, top, bot, h, slot;
	double	lo, hi;
};

/* Places the plot, height mm high, under the title just drawn. */
static void
plot_place(struct pdfdoc *d, struct plot *pl, double height)
{
	pl->top = d->y - PT(3);
	pl->bot = pl->top - PT(height);
	pl->h = pl->top - pl->bot;
}

/* The x of the middle of category i. */
static double
plot_x(const struct plot *pl, int i)
{
	return pl->x0 + pl->slot * (i + 0.5);
}

/* The frame: the bottom and left axes, and the right one when asked. */
static void
plot_frame(struct pdfdoc *d, const struct plot *pl, int right)
{
	set_rgb(d, 1, 0, 0, 0);
	HPDF_Page_SetLineWidth(PG(d), 0.6);
	line(d, pl->x0, pl->bot, pl->x1, pl->bot);
	line(d, pl->x0, pl->bot, pl->x0, pl->top);
	if (right)
		line(d, pl->x1, pl->bot, pl->x1, pl->top);
}

static void
pareto_key(struct pdfdoc *d, int i, double x, double y)
{
	if (i == 0)
		key_bar(d, x, y);
	else if (i == 1) {
		set_rgb(d, 1, 0.8, 0.3, 0);
		HPDF_Page_SetLineWidth(PG(d), 1.2);
		line(d, x, y, x + PT(5), y);
	} else
		grey_dashed(d, x, y, x + PT(5), y);
}

/* The most lines a category label of the Pareto chart takes (1 at least). */
static int
pareto_label_lines(struct pdfdoc *d, const struct plot *pl, int n,
    const char *const *labels)
{
	int i, nl, maxl = 1;

	for (i = 0; i < n; i++) {
		nl = label_wrapped(d, 8, 0, pl->slot - PT(1), 0, labels[i], 0);
		if (nl > maxl)
			maxl = nl;
	}
	return maxl;
}

/* The grid with the counts on the left, the shares on the right, the 80 %. */
static void
pareto_axes(struct pdfdoc *d, const struct plot *pl, double amax,
    double astep)
{
	char buf[VNFMT_BUFSZ];
	double v, gy;
	int i;

	HPDF_Page_SetLineWidth(PG(d), 0.3);
	for (v = 0; v <= amax + 1e-9; v += astep) {
		gy = pl->bot + pl->h * v / amax;
		set_rgb(d, 1, 0.8, 0.8, 0.8);
		line(d, pl->x0, gy, pl->x1, gy);
		label(d, PF_REGULAR, 8, pl->x0 - PT(1.5), gy - 2.8,
		    vn_int((long long)v, buf), PA_RIGHT);
	}
	/* right axis (cumulative %) */
	for (i = 0; i <= 4; i++)
		label(d, PF_REGULAR, 8, pl->x1 + PT(1.5),
		    pl->bot + pl->h * i / 4 - 2.8, vn_pct(i / 4.0, 0, buf),
		    PA_LEFT);
	/* 80 % reference */
	grey_dashed(d, pl->x0, pl->bot + pl->h * 0.8, pl->x1,
	    pl->bot + pl->h * 0.8);
}

/* Category i's bar, its count and its label under the axis. */
static void
pareto_bar(struct pdfdoc *d, const struct plot *pl, int i, const char *lab,
    double count, double amax)
{
	double cx = plot_x(pl, i), bw = pl->slot * 0.6;
	double bh = amax > 0 ? pl->h * count / amax : 0;
	char buf[VNFMT_BUFSZ], *s;

	set_rgb(d, 0, 0.42, 0.58, 0.78);
	if (bh > 0) {
		HPDF_Page_Rectangle(PG(d), (HPDF_REAL)(cx - bw / 2),
		    (HPDF_REAL)pl->bot, (HPDF_REAL)bw, (HPDF_REAL)bh);
		HPDF_Page_Fill(PG(d));
	}
	/* the count inside the top of a tall bar, clear of the line */
	if (bh > 14) {
		if ((s = clean(d, vn_int((long long)count, buf))) != NULL) {
			set_rgb(d, 0, 1, 1, 1);
			text_abs(d, PF_BOLD, 8, cx, pl->bot + bh - 10, s,
			    PA_CENTER);
			free(s);
		}
	} else
		label(d, PF_REGULAR, 8, cx, pl->bot + bh + PT(1),
		    vn_int((long long)count, buf), PA_CENTER);
	label_wrapped(d, 8, cx - pl->slot / 2 + PT(0.5), pl->slot - PT(1),
	    pl->bot - PT(1.5), lab, 1);
}

/* The cumulative share: a line through the categories that have one, dots. */
static void
pareto_cumulative(struct pdfdoc *d, const struct plot *pl, int n,
    const double *cumulative)
{
	double cx, cy, px = 0, py = 0;
	int i;

	set_rgb(d, 1, 0.8, 0.3, 0);
	HPDF_Page_SetLineWidth(PG(d), 1.2);
	for (i = 0; i < n; i++) {
		if (isnan(cumulative[i]))
			continue;
		cx = plot_x(pl, i);
		cy = pl->bot + pl->h * fmin(fmax(cumulative[i], 0), 1);
		if (i > 0 && !isnan(cumulative[i - 1]))
			line(d, px, py, cx, cy);
		px = cx;
		py = cy;
	}
	set_rgb(d, 0, 0.8, 0.3, 0);
	for (i = 0; i < n; i++) {
		if (isnan(cumulative[i]))
			continue;
		HPDF_Page_Circle(PG(d), (HPDF_REAL)plot_x(pl, i),
		    (HPDF_REAL)(pl->bot + pl->h * fmin(fmax(cumulative[i], 0),
		    1)), 2);
		HPDF_Page_Fill(PG(d));
	}
}

void
pdfdoc_chart_pareto(struct pdfdoc *d, const char *title, int n,
    const char *const *labels, const double *counts,
    const double *cumulative, double height, const char *legend_items)
{
	struct plot pl = { .x0 = BODY_L + PT(14), .x1 = BODY_L + BODY_W -
	    PT(14) };
	double vmax = 0, amax, astep;
	int i, maxl;

	if (n <= 0)
		return;
	ensure_page(d);
	pl.slot = (pl.x1 - pl.x0) / n;
	maxl = pareto_label_lines(d, &pl, n, labels);
	for (i = 0; i < n; i++)
		if (counts[i] > vmax)
			vmax = counts[i];
	pdfdoc_ensure(d, height + 12 + MM(maxl * 8 * 1.15));
	chart_title(d, title);
	plot_place(d, &pl, height);
	nice_axis(vmax, &amax, &astep);
	pareto_axes(d, &pl, amax, astep);
	for (i = 0; i < n; i++)
		pareto_bar(d, &pl, i, labels[i], counts[i], amax);
	pareto_cumulative(d, &pl, n, cumulative);
	plot_frame(d, &pl, 1);
	d->y = pl.bot - PT(2) - maxl * 8 * 1.15;
	legend(d, legend_items, d->y - PT(4), pareto_key);
	d->y -= PT(8);
}

static void
pchart_key(struct pdfdoc *d, int i, double x, double y)
{
	HPDF_Page_SetLineWidth(PG(d), 1);
	if (i == 0) {
		set_rgb(d, 1, 0.15, 0.3, 0.65);
		line(d, x, y, x + PT(5), y);
		set_rgb(d, 0, 0.15, 0.3, 0.65);
		HPDF_Page_Circle(PG(d), (HPDF_REAL)(x + PT(2.5)),
		    (HPDF_REAL)y, 1.8);
		HPDF_Page_Fill(PG(d));
	} else if (i == 1) {
		set_rgb(d, 1, 0.1, 0.5, 0.1);
		line(d, x, y, x + PT(5), y);
	} else if (i == 2) {
		set_rgb(d, 1, 0.8, 0, 0);
		dash(d, 1);
		line(d, x, y, x + PT(5), y);
		dash(d, 0);
	} else {
		set_rgb(d, 0, 0.8, 0, 0);
		HPDF_Page_Circle(PG(d), (HPDF_REAL)(x + PT(2.5)),
		    (HPDF_REAL)y, 2.6);
		HPDF_Page_Fill(PG(d));
	}
}

/* Widens [*lo, *hi] to take v, when v is a number; *have is then set. */
static void
take(double v, double *lo, double *hi, int *have)
{
	if (isnan(v))
		return;
	*lo = fmin(*lo, v);
	*hi = fmax(*hi, v);
	*have = 1;
}

/*
 * The step of a p-chart's value axis for a span of rates: the first row
 * whose span the chart's exceeds, so that the axis has two to five
 * steps. The rows under 1 point are for rates of a few per thousand
 * (erroneous documents: 0.1 % to 0.4 % a month): with 1 point as the
 * least step their chart ran from 0 % to 1 % with no label between, the
 * line and its limits squeezed into the lower third, no value readable.
 */
static const struct {
	double	over, step;
} pchart_steps[] = {
	{ 0.5, 0.2 }, { 0.2, 0.1 }, { 0.08, 0.05 }, { 0.04, 0.02 },
	{ 0.02, 0.01 }, { 0.008, 0.005 }, { 0.004, 0.002 }, { 0.002, 0.001 },
	{ 0.0008, 0.0005 }, { 0.0004, 0.0002 },
};

static double
pchart_step(double span)
{
	size_t i;

	for (i = 0; i < sizeof(pchart_steps) / sizeof(pchart_steps[0]); i++)
		if (span > pchart_steps[i].over)
			return pchart_steps[i].step;
	return 0.0001;
}

/*
 * The p-chart's value axis, pl->lo to pl->hi, from the rates, the limits
 * and the centre line, in steps of pchart_step(); returns the step.
 */
static double
pchart_axis(struct plot *pl, int n, const double *p, const double *lcl,
    const double *ucl, double center)
{
	double lo = 1, hi = 0, step;
	int i, have = 0;

	for (i = 0; i < n; i++) {
		take(p[i], &lo, &hi, &have);
		take(lcl[i], &lo, &hi, &have);
		take(ucl[i], &lo, &hi, &have);
	}
	take(center, &lo, &hi, &have);
	if (!have) {
		lo = 0;
		hi = 1;
	}
	step = pchart_step(hi - lo);
	lo = fmax(0, floor(lo / step - 1e-9) * step);
	hi = fmin(1, ceil(hi / step + 1e-9) * step);
	if (hi - lo < step)
		hi = fmin(1, lo + step), lo = fmax(0, hi - step);
	pl->lo = lo;
	pl->hi = hi;
	return step;
}

/* The y of the value v on the p-chart's axis. */
static double
plot_y(const struct plot *pl, double v)
{
	return pl->bot + pl->h * (v - pl->lo) / (pl->hi - pl->lo);
}

/* The grid, labelled on the left every step. */
static void
pchart_grid(struct pdfdoc *d, const struct plot *pl, double step)
{
	char buf[VNFMT_BUFSZ];
	double v;

	HPDF_Page_SetLineWidth(PG(d), 0.3);
	for (v = pl->lo; v <= pl->hi + 1e-9; v += step) {
		set_rgb(d, 1, 0.85, 0.85, 0.85);
		line(d, pl->x0, plot_y(pl, v), pl->x1, plot_y(pl, v));
		label(d, PF_REGULAR, 8, pl->x0 - PT(1.5), plot_y(pl, v) - 2.8,
		    vn_pct(v, step < 0.0009 ? 2 : step < 0.02 ? 1 : 0, buf),
		    PA_RIGHT);
	}
}

/* The control limits as steps, one per month, and the centre line. */
static void
pchart_limits(struct pdfdoc *d, const struct plot *pl, int n,
    const double *lcl, const double *ucl, double center)
{
	double xa, xb;
	int i;

	HPDF_Page_SetLineWidth(PG(d), 0.9);
	set_rgb(d, 1, 0.8, 0, 0);
	dash(d, 1);
	for (i = 0; i < n; i++) {
		xa = pl->x0 + pl->slot * i;
		xb = xa + pl->slot;
		if (!isnan(ucl[i]))
			line(d, xa, plot_y(pl, ucl[i]), xb, plot_y(pl, ucl[i]));
		if (!isnan(lcl[i]))
			line(d, xa, plot_y(pl, lcl[i]), xb, plot_y(pl, lcl[i]));
	}
	dash(d, 0);
	if (!isnan(center)) {
		set_rgb(d, 1, 0.1, 0.5, 0.1);
		HPDF_Page_SetLineWidth(PG(d), 1);
		line(d, pl->x0, plot_y(pl, center), pl->x1,
		    plot_y(pl, center));
	}
}

/*
 * The monthly rates: a line broken where a month has none, then the dots,
 * red and larger outside the limits.
 */
static void
pchart_rates(struct pdfdoc *d, const struct plot *pl, int n, const double *p,
    const int *out)
{
	double px = 0, py = 0;
	int i, prev = 0;

	set_rgb(d, 1, 0.15, 0.3, 0.65);
	HPDF_Page_SetLineWidth(PG(d), 1.1);
	for (i = 0; i < n; i++) {
		if (isnan(p[i])) {
			prev = 0;
			continue;
		}
		if (prev)
			line(d, px, py, plot_x(pl, i), plot_y(pl, p[i]));
		px = plot_x(pl, i);
		py = plot_y(pl, p[i]);
		prev = 1;
	}
	for (i = 0; i < n; i++) {
		if (isnan(p[i]))
			continue;
		if (out[i])
			set_rgb(d, 0, 0.8, 0, 0);
		else
			set_rgb(d, 0, 0.15, 0.3, 0.65);
		HPDF_Page_Circle(PG(d), (HPDF_REAL)plot_x(pl, i),
		    (HPDF_REAL)plot_y(pl, p[i]), out[i] ? 2.6 : 1.8);
		HPDF_Page_Fill(PG(d));
	}
}

void
pdfdoc_chart_pchart(struct pdfdoc *d, const char *title, int n,
    const char *const *labels, const double *p, double center,
    const double *lcl, const double *ucl, const int *out, double height,
    const char *legend_items)
{
	struct plot pl = { .x0 = BODY_L + PT(14), .x1 = BODY_L + BODY_W -
	    PT(4) };
	double step;
	int i;

	if (n <= 0)
		return;
	step = pchart_axis(&pl, n, p, lcl, ucl, center);
	pdfdoc_ensure(d, height + PDF_PCHART_EXTRA);
	chart_title(d, title);
	plot_place(d, &pl, height);
	pl.slot = (pl.x1 - pl.x0) / n;
	pchart_grid(d, &pl, step);
	pchart_limits(d, &pl, n, lcl, ucl, center);
	pchart_rates(d, &pl, n, p, out);
	for (i = 0; i < n; i++)
		label(d, PF_REGULAR, 8, plot_x(&pl, i), pl.bot - PT(4),
		    labels[i], PA_CENTER);
	plot_frame(d, &pl, 0);
	d->y = pl.bot - PT(6);
	legend(d, legend_items, d->y - PT(4), pchart_key);
	d->y -= PT(8);
}

/* ---- properties and output ---- */

void
pdfdoc_set_info(struct pdfdoc *d, const char *title, const char *author,
    const char *subject, const char *creator, long long created)
{
	const char *v[4] = { title, author, subject, creator };
	static const HPDF_InfoType k[4] = { HPDF_INFO_TITLE,
	    HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT, HPDF_INFO_CREATOR };
	int i;

	for (i = 0; i < 4; i++) {
		char *s;

		if (v[i] == NULL || (s = clean(d, v[i])) == NULL)
			continue;
		HPDF_SetInfoAttr(d->pdf, k[i], s);
		free(s);
	}
	if (created >= 0) {
		time_t t = (time_t)created;
		struct tm tm;
		HPDF_Date hd;

		gmtime_r(&t, &tm);
		memset(&hd, 0, sizeof(hd));
		hd.year = tm.tm_year + 1900;
		hd.month = tm.tm_mon + 1;
		hd.day = tm.tm_mday;
		hd.hour = tm.tm_hour;
		hd.minutes = tm.tm_min;
		hd.seconds = tm.tm_sec;
		hd.ind = 'Z';
		HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, hd);
	}
}

int
pdfdoc_save(struct pdfdoc *d, FILE *fp)
{
	HPDF_UINT32 left;
	HPDF_BYTE buf[8192];

	ensure_page(d);
	if (d->failed)
		return -1;
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK || d->failed) {
		fail(d, "cannot render the document");
		return -1;
	}
	HPDF_ResetStream(d->pdf);
	left = HPDF_GetStreamSize(d->pdf);
	while (left > 0) {
		HPDF_UINT32 n = left < sizeof(buf) ? left : sizeof(buf);

		HPDF_ReadFromStream(d->pdf, buf, &n);
		if (d->failed || n == 0) {
			fail(d, "cannot read the rendered document");
			return -1;
		}
		if (fwrite(buf, 1, n, fp) != n) {
			d->write_errno = errno ? errno : EIO;
			fail(d, "cannot write: %s", strerror(d->write_errno));
			return -1;
		}
		left -= n;
	}
	return 0;
}

const char *
pdfdoc_error(const struct pdfdoc *d)
{
	return d->failed ? d->err : NULL;
}

int
pdfdoc_write_errno(const struct pdfdoc *d)
{
	return d->write_errno;
}
