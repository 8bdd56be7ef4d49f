/* SPDX-License-Identifier: ISC */
/*
 * pdffont: stand-ins for libharu 2.3.0 functions that make its per-document
 * font work cheap (see pdffont.h and docs/PDF.md "Speed").
 *
 * Each definition below has the name and the signature of an exported
 * libharu function that libharu itself calls through its PLT from another
 * of its source files, so the dynamic linker binds those calls to the
 * program's definition (symbol interposition). Where the stand-in needs
 * libharu's own, it finds it with dlsym(RTLD_NEXT). Every one gives the
 * result libharu's own would give for the same input; the tests compare
 * the documents byte for byte.
 */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <hpdf.h>
#include <hpdf_font.h>
#include <zlib.h>

#include "pdffont.h"
#include "util.h"

static struct pdffont_stats stats;

void
pdffont_stats(struct pdffont_stats *out)
{
	*out = stats;
}

/* ------------------------------------------------------------------ */
/* Font files from memory                                              */
/* ------------------------------------------------------------------ */

/*
 * libharu parses a TrueType file through a stdio stream, two or four
 * bytes per fread, and keeps it open to copy the glyphs out when the
 * document is written: for three faces of 400 KB in every document that
 * was a tenth of the run. A registered file is read once; each document
 * gets a stream over that one copy (never freed: a document may still
 * hold a stream over it when the file is read again).
 */
struct fontfile {
	char		*path;
	unsigned char	*data;
	size_t		 size;
	dev_t		 dev;
	ino_t		 ino;
	off_t		 fsize;
	struct timespec	 mtime;
};

static struct fontfile	*files;
static int		 nfiles;

struct memreader {
	HPDF_Stream_Rec	 s;		/* first: libharu frees the block */
	const unsigned char *data;
	size_t		 size, pos;
};

static int
same_file(const struct fontfile *f, const struct stat *st)
{
	return f->data != NULL && f->dev == st->st_dev &&
	    f->ino == st->st_ino && f->fsize == st->st_size &&
	    f->mtime.tv_sec == st->st_mtim.tv_sec &&
	    f->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* The registered file PATH, read again if it changed; NULL otherwise. */
static struct fontfile *
file_of(const char *path)
{
	struct fontfile *f = NULL;
	struct stat st;
	FILE *fp;
	int i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0) {
			f = &files[i];
			break;
		}
	if (f == NULL || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	if (same_file(f, &st))
		return f;
	if (st.st_size <= 0 || st.st_size > 64L * 1024 * 1024 ||
	    (fp = fopen(path, "rb")) == NULL)
		return NULL;
	f->data = xmalloc((size_t)st.st_size);	/* the old copy stays */
	f->size = fread(f->data, 1, (size_t)st.st_size, fp);
	fclose(fp);
	if (f->size != (size_t)st.st_size) {
		f->data = NULL;		/* libharu reads it and reports */
		return NULL;
	}
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->fsize = st.st_size;
	f->mtime = st.st_mtim;
	stats.files_read++;
	return f;
}

int
pdffont_register(const char *path)
{
	int i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0)
			break;
	if (i == nfiles) {
		files = xrealloc(files, (size_t)(nfiles + 1) * sizeof(*files));
		memset(&files[nfiles], 0, sizeof(files[nfiles]));
		files[nfiles++].path = xstrdup(path);
	}
	return file_of(path) != NULL ? 0 : -1;
}

/* As libharu's HPDF_FileReader_ReadFunc: a short read is HPDF_STREAM_EOF. */
static HPDF_STATUS
mem_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct memreader *m = (struct memreader *)s;
	size_t left = m->pos < m->size ? m->size - m->pos : 0;
	size_t n = *siz < left ? *siz : left;

	memcpy(ptr, m->data + m->pos, n);
	m->pos += n;
	if (n < *siz) {
		memset(ptr + n, 0, *siz - n);
		*siz = (HPDF_UINT)n;
		return HPDF_STREAM_EOF;
	}
	return HPDF_OK;
}

static HPDF_STATUS
mem_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct memreader *m = (struct memreader *)s;
	long base = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ?
	    (long)m->pos : (long)m->size;

	if (base + pos < 0)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	m->pos = (size_t)(base + pos);
	return HPDF_OK;
}

static HPDF_INT32
mem_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct memreader *)s)->pos;
}

static HPDF_UINT32
mem_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct memreader *)s)->size;
}

HPDF_Stream	HPDF_FileReader_New(HPDF_MMgr, const char *);

HPDF_Stream
HPDF_FileReader_New(HPDF_MMgr mmgr, const char *fname)
{
	typedef HPDF_Stream (*reader_fn)(HPDF_MMgr, const char *);
	static reader_fn real;
	struct fontfile *f;
	struct memreader *m;

	if (real == NULL && (real = (reader_fn)(uintptr_t)dlsym(RTLD_NEXT,
	    "HPDF_FileReader_New")) == NULL)
		return NULL;
	if (mmgr == NULL || fname == NULL || (f = file_of(fname)) == NULL)
		return real(mmgr, fname);
	m = HPDF_GetMem(mmgr, sizeof(*m));
	if (m == NULL)
		return NULL;
	memset(m, 0, sizeof(*m));
	m->s.sig_bytes = HPDF_STREAM_SIG_BYTES;
	m->s.type = HPDF_STREAM_CALLBACK;
	m->s.mmgr = mmgr;
	m->s.error = mmgr->error;
	m->s.read_fn = mem_read;
	m->s.seek_fn = mem_seek;
	m->s.tell_fn = mem_tell;
	m->s.size_fn = mem_size;
	m->s.free_fn = NULL;		/* HPDF_Stream_Free frees the block */
	m->data = f->data;
	m->size = f->size;
	return &m->s;
}

/* ------------------------------------------------------------------ */
/* Glyph ids                                                           */
/* ------------------------------------------------------------------ */

/*
 * libharu 2.3.0 builds the CIDToGIDMap and the width array (W) of every
 * UTF-8 font it makes by looking up all 65,536 code points one by one,
 * HPDF_TTFontDef_GetGlyphid then HPDF_TTFontDef_GetGidWidth (exported,
 * called through the PLT), and measures text with
 * HPDF_TTFontDef_GetCharWidth: that was half of the time of a one-page
 * form, paid again in every document. These stand in for them: the glyph
 * of a code point is asked of libharu's own function once per face, and
 * the width of each glyph computed once, for the life of the process.
 *
 * A face is known by its PostScript name without the document's tag, its
 * glyph count and its table directory (check sums, offsets, lengths). The
 * 65,536 calls in a row for one font skip that comparison; the fontdef
 * they came for is remembered together with a count of the fonts libharu
 * has loaded (HPDF_TTFontDef_Load below), so that a font loaded later at
 * the same address is never taken for the one before.
 */
struct fcache {
	char		 name[HPDF_LIMIT_MAX_NAME_LEN + 1];	/* untagged */
	HPDF_UINT16	 nglyphs;
	uint32_t	 sig;
	HPDF_INT16	*width;		/* per glyph, as libharu's */
	HPDF_UINT16	 gid[65536];
	uint8_t		 known[65536 / 8];
};

static unsigned long	 loads;		/* fonts libharu has loaded */

static uint32_t	dir_sig(HPDF_TTFontDefAttr);

/* The PostScript name without a subset tag ("HPDFAA+"). */
static const char *
untagged(const char *name)
{
	const char *plus = strchr(name, '+');

	return plus != NULL && plus - name == HPDF_TTF_FONT_TAG_LEN ?
	    plus + 1 : name;
}

static HPDF_INT16 real_gidwidth(HPDF_FontDef, HPDF_UINT16);

static struct fcache	*fc_last;
static HPDF_FontDef	 fc_last_def;
static unsigned long	 fc_last_loads;

static struct fcache *fcache_find(HPDF_FontDef) __attribute__((noinline));

/* The 65,536 calls in a row take this path: two compares. */
static inline struct fcache *
fcache_of(HPDF_FontDef fontdef)
{
	if (fontdef == fc_last_def && loads == fc_last_loads &&
	    fc_last != NULL)
		return fc_last;
	return fcache_find(fontdef);
}

static struct fcache *
fcache_find(HPDF_FontDef fontdef)
{
	static struct fcache *cache[16];
	HPDF_TTFontDefAttr attr;
	const char *name;
	struct fcache *c;
	uint32_t sig;
	int i;

	if (fontdef == NULL || fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    (attr = fontdef->attr) == NULL || attr->offset_tbl.table == NULL)
		return NULL;
	name = untagged(attr->base_font);
	sig = dir_sig(attr);
	for (i = 0; cache[i] != NULL && i < 16; i++)
		if (cache[i]->nglyphs == attr->num_glyphs &&
		    cache[i]->sig == sig && strcmp(cache[i]->name, name) == 0)
			break;
	if (i == 16)
		return NULL;
	if ((c = cache[i]) == NULL) {
		HPDF_UINT g;

		c = cache[i] = xcalloc(1, sizeof(*c));
		snprintf(c->name, sizeof(c->name), "%s", name);
		c->nglyphs = attr->num_glyphs;
		c->sig = sig;
		c->width = xmalloc(((size_t)c->nglyphs + 1) * sizeof(*c->width));
		for (g = 0; g <= c->nglyphs; g++)
			c->width[g] = real_gidwidth(fontdef, (HPDF_UINT16)g);
	}
	fc_last_def = fontdef;
	fc_last_loads = loads;
	return fc_last = c;
}

HPDF_UINT16	HPDF_TTFontDef_GetGlyphid(HPDF_FontDef, HPDF_UINT16);
HPDF_INT16	HPDF_TTFontDef_GetGidWidth(HPDF_FontDef, HPDF_UINT16);
HPDF_INT16	HPDF_TTFontDef_GetCharWidth(HPDF_FontDef, HPDF_UINT16);
HPDF_FontDef	HPDF_TTFontDef_Load(HPDF_MMgr, HPDF_Stream, HPDF_BOOL);
HPDF_FontDef	HPDF_TTFontDef_Load2(HPDF_MMgr, HPDF_Stream, HPDF_UINT,
		    HPDF_BOOL);

#define REAL(var, name) \
	((var) != NULL || ((var) = (__typeof__(var))(uintptr_t)dlsym( \
	    RTLD_NEXT, name)) != NULL)

HPDF_UINT16
HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	static HPDF_UINT16 (*real)(HPDF_FontDef, HPDF_UINT16);
	struct fcache *c;

	if (!REAL(real, "HPDF_TTFontDef_GetGlyphid"))
		return 0;
	if ((c = fcache_of(fontdef)) == NULL)
		return real(fontdef, unicode);
	if (!(c->known[unicode >> 3] & (1u << (unicode & 7)))) {
		c->gid[unicode] = real(fontdef, unicode);
		c->known[unicode >> 3] |= (uint8_t)(1u << (unicode & 7));
	}
	return c->gid[unicode];
}

static HPDF_INT16
real_gidwidth(HPDF_FontDef fontdef, HPDF_UINT16 gid)
{
	static HPDF_INT16 (*real)(HPDF_FontDef, HPDF_UINT16);

	if (!REAL(real, "HPDF_TTFontDef_GetGidWidth"))
		return 0;
	return real(fontdef, gid);
}

HPDF_INT16
HPDF_TTFontDef_GetGidWidth(HPDF_FontDef fontdef, HPDF_UINT16 gid)
{
	struct fcache *c = fcache_of(fontdef);

	if (c == NULL)
		return real_gidwidth(fontdef, gid);
	return gid < c->nglyphs ? c->width[gid] :
	    (HPDF_INT16)fontdef->missing_width;
}

/*
 * libharu's own also marks the glyph as used by the document (and, the
 * first time, the glyphs a composite one is made of): a glyph not marked
 * yet goes to it.
 */
HPDF_INT16
HPDF_TTFontDef_GetCharWidth(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
	static HPDF_INT16 (*real)(HPDF_FontDef, HPDF_UINT16);
	HPDF_TTFontDefAttr attr;
	struct fcache *c;
	HPDF_UINT16 gid;

	if (!REAL(real, "HPDF_TTFontDef_GetCharWidth"))
		return 0;
	if ((c = fcache_of(fontdef)) == NULL)
		return real(fontdef, unicode);
	attr = fontdef->attr;
	gid = HPDF_TTFontDef_GetGlyphid(fontdef, unicode);
	if (gid >= c->nglyphs || attr->glyph_tbl.flgs == NULL ||
	    !attr->glyph_tbl.flgs[gid])
		return real(fontdef, unicode);
	return c->width[gid];
}

HPDF_FontDef
HPDF_TTFontDef_Load(HPDF_MMgr mmgr, HPDF_Stream stream, HPDF_BOOL embedding)
{
	static HPDF_FontDef (*real)(HPDF_MMgr, HPDF_Stream, HPDF_BOOL);

	loads++;
	if (!REAL(real, "HPDF_TTFontDef_Load"))
		return NULL;
	return real(mmgr, stream, embedding);
}

HPDF_FontDef
HPDF_TTFontDef_Load2(HPDF_MMgr mmgr, HPDF_Stream stream, HPDF_UINT index,
    HPDF_BOOL embedding)
{
	static HPDF_FontDef (*real)(HPDF_MMgr, HPDF_Stream, HPDF_UINT,
	    HPDF_BOOL);

	loads++;
	if (!REAL(real, "HPDF_TTFontDef_Load2"))
		return NULL;
	return real(mmgr, stream, index, embedding);
}

/* ------------------------------------------------------------------ */
/* The embedded font program                                           */
/* ------------------------------------------------------------------ */

/*
 * The code points whose glyphs every embedded face carries: what
 * Vietnamese and Latin text and the documents' signs need. A glyph
 * outside is still embedded when a document uses it.
 */
static const struct { uint16_t lo, hi; } repertoire[] = {
	{ 0x0020, 0x007E },	/* ASCII */
	{ 0x00A0, 0x00FF },	/* Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý, signs */
	{ 0x0102, 0x0103 },	/* Ă ă */
	{ 0x0110, 0x0111 },	/* Đ đ */
	{ 0x0128, 0x0129 },	/* Ĩ ĩ */
	{ 0x0168, 0x0169 },	/* Ũ ũ */
	{ 0x01A0, 0x01A1 },	/* Ơ ơ */
	{ 0x01AF, 0x01B0 },	/* Ư ư */
	{ 0x0300, 0x0301 },	/* the five tone marks, combining */
	{ 0x0303, 0x0303 },
	{ 0x0309, 0x0309 },
	{ 0x0323, 0x0323 },
	{ 0x1EA0, 0x1EF9 },	/* Ạ … ỹ: the Vietnamese letters with tones */
	{ 0x2013, 0x2014 },	/* – — */
	{ 0x2018, 0x2019 },	/* ‘ ’ */
	{ 0x201C, 0x201D },	/* “ ” */
	{ 0x2022, 0x2022 },	/* • */
	{ 0x2026, 0x2026 },	/* … */
	{ 0x2030, 0x2030 },	/* ‰ */
	{ 0x20AB, 0x20AC },	/* ₫ € */
	{ 0x2116, 0x2116 },	/* № */
	{ 0x2122, 0x2122 },	/* ™ */
	{ 0x2190, 0x2193 },	/* ← ↑ → ↓ */
	{ 0x2212, 0x2212 },	/* − */
	{ 0x2248, 0x2248 },	/* ≈ */
	{ 0x2260, 0x2260 },	/* ≠ */
	{ 0x2264, 0x2265 },	/* ≤ ≥ */
};

/*
 * One per face and tag seen: the glyphs always embedded (the repertoire
 * and the glyphs their composite glyphs are made of, at every level) and
 * the font program libharu made with exactly those.
 */
struct face {
	char		 name[HPDF_LIMIT_MAX_NAME_LEN + 1];	/* tag+name */
	HPDF_UINT16	 nglyphs;
	uint32_t	 sig;		/* of the table directory */
	uint8_t		*always;	/* nglyphs flags */
	unsigned char	*program;	/* NULL until made */
	size_t		 plen;
	HPDF_UINT	 length1;
};

static struct face	*faces;
static int		 nfaces;

static uint32_t
dir_sig(HPDF_TTFontDefAttr a)
{
	uint32_t h = 2166136261u;
	HPDF_UINT i;

	for (i = 0; i < a->offset_tbl.num_tables; i++) {
		const HPDF_TTFTable *t = &a->offset_tbl.table[i];

		h = (h ^ t->check_sum) * 16777619u;
		h = (h ^ t->offset) * 16777619u;
		h = (h ^ t->length) * 16777619u;
	}
	return h;
}

/* Byte offset and length of glyph g in the font's stream; 0 if empty. */
static size_t
glyph_at(HPDF_TTFontDefAttr a, HPDF_UINT16 g, size_t *len)
{
	uint32_t o0 = a->glyph_tbl.offsets[g], o1 = a->glyph_tbl.offsets[g + 1];
	size_t m = a->header.index_to_loc_format == 0 ? 2 : 1;

	*len = o1 > o0 ? (size_t)(o1 - o0) * m : 0;
	return a->glyph_tbl.base_offset + (size_t)o0 * m;
}

/* Marks g and, if it is composite, its components (at every level). */
static void
mark(HPDF_TTFontDefAttr a, uint8_t *set, HPDF_UINT16 g)
{
	HPDF_UINT16 stack[256];
	int sp = 0;

	if (g >= a->num_glyphs || set[g])
		return;
	set[g] = 1;
	stack[sp++] = g;
	while (sp > 0) {
		unsigned char buf[4096];
		size_t off, len, p;
		HPDF_UINT n;

		g = stack[--sp];
		off = glyph_at(a, g, &len);
		if (len < 10 || len > sizeof(buf))
			continue;
		n = (HPDF_UINT)len;
		if (HPDF_Stream_Seek(a->stream, (HPDF_INT)off, HPDF_SEEK_SET)
		    != HPDF_OK || HPDF_Stream_Read(a->stream, buf, &n) !=
		    HPDF_OK || n != len)
			continue;
		if ((int16_t)(buf[0] << 8 | buf[1]) >= 0)
			continue;	/* simple glyph */
		for (p = 10; p + 4 <= len;) {
			unsigned flags = (unsigned)buf[p] << 8 | buf[p + 1];
			HPDF_UINT16 c = (HPDF_UINT16)(buf[p + 2] << 8 |
			    buf[p + 3]);

			if (c < a->num_glyphs && !set[c] &&
			    sp < (int)(sizeof(stack) / sizeof(stack[0]))) {
				set[c] = 1;
				stack[sp++] = c;
			}
			p += 4 + ((flags & 0x0001) ? 4 : 2);
			if (flags & 0x0008)
				p += 2;		/* WE_HAVE_A_SCALE */
			else if (flags & 0x0040)
				p += 4;		/* X_AND_Y_SCALE */
			else if (flags & 0x0080)
				p += 8;		/* TWO_BY_TWO */
			if (!(flags & 0x0020))	/* MORE_COMPONENTS */
				break;
		}
	}
}

static struct face *
face_of(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = def->attr;
	uint32_t sig = dir_sig(a);
	struct face *f;
	size_t i;
	int k;

	for (k = 0; k < nfaces; k++)
		if (faces[k].nglyphs == a->num_glyphs && faces[k].sig == sig &&
		    strcmp(faces[k].name, a->base_font) == 0)
			return &faces[k];
	faces = xrealloc(faces, (size_t)(nfaces + 1) * sizeof(*faces));
	f = &faces[nfaces++];
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "%s", a->base_font);
	f->nglyphs = a->num_glyphs;
	f->sig = sig;
	f->always = xcalloc(a->num_glyphs, 1);
	mark(a, f->always, 0);			/* .notdef, as libharu */
	for (i = 0; i < sizeof(repertoire) / sizeof(repertoire[0]); i++) {
		unsigned cp;

		for (cp = repertoire[i].lo; cp <= repertoire[i].hi; cp++)
			mark(a, f->always, HPDF_TTFontDef_GetGlyphid(def,
			    (HPDF_UINT16)cp));
	}
	return f;
}

/* The whole content of a memory stream, in a new buffer. */
static unsigned char *
slurp(HPDF_Stream s, size_t *len)
{
	size_t cap = HPDF_Stream_Size(s) + 1, n = 0;
	unsigned char *p = xmalloc(cap);

	if (HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET) != HPDF_OK) {
		free(p);
		return NULL;
	}
	for (;;) {
		HPDF_UINT k = (HPDF_UINT)(cap - n);
		HPDF_STATUS r;

		if (k == 0) {
			cap *= 2;
			p = xrealloc(p, cap);
			continue;
		}
		r = HPDF_Stream_Read(s, p + n, &k);
		n += k;
		if (r == HPDF_STREAM_EOF)
			break;
		if (r != HPDF_OK) {
			free(p);
			return NULL;
		}
	}
	*len = n;
	return p;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The TrueType check sum of n bytes (n a multiple of 4). */
static uint32_t
tt_sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 4 <= n; i += 4)
		s += be32(p + i);
	return s;
}

/*
 * The font program libharu wrote, rewritten with a format 3 'post' table
 * (its first 32 bytes: no glyph names, which a PDF reader never uses for
 * a CIDFontType2; they were a third of every face's program) and each
 * table on a 4-byte boundary with its check sum, then the file's
 * checkSumAdjustment, as the TrueType specification wants. The tables
 * and their order are libharu's. NULL if it is not what libharu writes.
 */
static unsigned char *
rewrite_program(const unsigned char *in, size_t len, size_t *outlen)
{
	unsigned ntab, i;
	size_t pos, head = 0;
	unsigned char *out;

	if (len < 12)
		return NULL;
	ntab = (unsigned)in[4] << 8 | in[5];
	if (ntab == 0 || len < 12 + 16 * (size_t)ntab)
		return NULL;
	for (i = 0; i < ntab; i++) {
		const unsigned char *e = in + 12 + 16 * i;

		if (be32(e + 8) > len || be32(e + 12) > len - be32(e + 8))
			return NULL;
	}
	out = xcalloc(1, len + 4 * (size_t)ntab + 4);
	memcpy(out, in, 12);
	pos = 12 + 16 * (size_t)ntab;
	for (i = 0; i < ntab; i++) {
		const unsigned char *e = in + 12 + 16 * i;
		unsigned char *o = out + 12 + 16 * i;
		size_t off = be32(e + 8), n = be32(e + 12);

		if (memcmp(e, "post", 4) == 0 && n > 32)
			n = 32;
		memcpy(out + pos, in + off, n);
		if (memcmp(e, "post", 4) == 0 && n == 32)
			put32(out + pos, 0x00030000);
		if (memcmp(e, "head", 4) == 0 && n >= 12) {
			head = pos;
			put32(out + pos + 8, 0);	/* checkSumAdjustment */
		}
		memcpy(o, e, 4);
		put32(o + 4, tt_sum(out + pos, (n + 3) & ~(size_t)3));
		put32(o + 8, (uint32_t)pos);
		put32(o + 12, (uint32_t)n);
		pos += (n + 3) & ~(size_t)3;
	}
	if (head != 0)
		put32(out + head + 8, 0xB1B0AFBAu - tt_sum(out, pos));
	*outlen = pos;
	return out;
}

/*
 * libharu writes the font program of an embedded face when the document
 * is saved: the tables it keeps, with the glyphs the document used
 * (glyph_tbl.flgs) and empty ones in their place, a new name table with
 * the document's tag, and the check sums. This stand-in adds the glyphs
 * of the repertoire to those flags and has libharu write the program
 * into memory, then rewrites it (rewrite_program). If the repertoire
 * holds all the document used, the program is the one already made for
 * this face in this run (from the same flags, font and tag), written
 * without making it again, and the compression memo below then finds its
 * compressed bytes too.
 */
HPDF_STATUS	HPDF_TTFontDef_SaveFontData(HPDF_FontDef, HPDF_Stream);

HPDF_STATUS
HPDF_TTFontDef_SaveFontData(HPDF_FontDef def, HPDF_Stream stream)
{
	typedef HPDF_STATUS (*save_fn)(HPDF_FontDef, HPDF_Stream);
	static save_fn real;
	HPDF_TTFontDefAttr a;
	HPDF_Stream tmp;
	HPDF_STATUS ret;
	unsigned char *made, *prog;
	size_t mlen, plen;
	struct face *f;
	int extra = 0;
	HPDF_UINT i;

	if (real == NULL && (real = (save_fn)(uintptr_t)dlsym(RTLD_NEXT,
	    "HPDF_TTFontDef_SaveFontData")) == NULL)
		return HPDF_INVALID_OPERATION;
	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    (a = def->attr) == NULL || a->stream == NULL ||
	    a->glyph_tbl.flgs == NULL || a->glyph_tbl.offsets == NULL ||
	    a->offset_tbl.table == NULL)
		return real(def, stream);
	f = face_of(def);
	for (i = 0; i < a->num_glyphs; i++) {
		if (a->glyph_tbl.flgs[i] && !f->always[i])
			extra = 1;
		a->glyph_tbl.flgs[i] |= f->always[i];
	}
	if (!extra && f->program != NULL) {
		stats.program_reused++;
		a->length1 = f->length1;
		return HPDF_Stream_Write(stream, f->program,
		    (HPDF_UINT)f->plen);
	}
	stats.program_made++;
	if ((tmp = HPDF_MemStream_New(def->mmgr, 65536)) == NULL)
		return real(def, stream);
	ret = real(def, tmp);
	made = ret == HPDF_OK ? slurp(tmp, &mlen) : NULL;
	HPDF_Stream_Free(tmp);
	if (ret != HPDF_OK)
		return ret;
	if (made == NULL)
		return HPDF_INVALID_STREAM;
	if ((prog = rewrite_program(made, mlen, &plen)) != NULL) {
		free(made);
		a->length1 = (HPDF_UINT)plen;
	} else {
		prog = made;		/* written as libharu made it */
		plen = mlen;
	}
	ret = HPDF_Stream_Write(stream, prog, (HPDF_UINT)plen);
	if (!extra) {
		f->program = prog;
		f->plen = plen;
		f->length1 = a->length1;
	} else
		free(prog);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Fonts of repertoire-only documents                                  */
/* ------------------------------------------------------------------ */

/*
 * The repertoire as a bit per BMP code point, made on first use.
 */
static uint8_t	rep_bits[65536 / 8];
static int	rep_made;
static unsigned	rep_max;		/* its highest code point */

static void
rep_make(void)
{
	size_t i;
	unsigned cp;

	if (rep_made)
		return;
	for (i = 0; i < sizeof(repertoire) / sizeof(repertoire[0]); i++)
		for (cp = repertoire[i].lo; cp <= repertoire[i].hi; cp++) {
			rep_bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
			if (cp > rep_max)
				rep_max = cp;
		}
	rep_made = 1;
}

int
pdffont_in_repertoire(unsigned long cp)
{
	rep_make();
	return cp < 65536 && (rep_bits[cp >> 3] & (1u << (cp & 7))) != 0;
}

/*
 * libharu 2.3.0 makes the descendant CIDFontType2 of a UTF-8 font
 * (CIDFontType2_New, static, called by HPDF_Type0Font_New) by looking up
 * every code point from 0 to 0xFFFF: HPDF_TTFontDef_GetGlyphid for each,
 * then HPDF_TTFontDef_GetGidWidth for each CID below the highest (0xFFFF)
 * and a number object in the W array for each width that is not the
 * default (about 2,300), then a CIDToGIDMap of 65,535 entries, each byte
 * swapped with an HPDF_MemCpy: a third of the time of a one-page form.
 * Only an encoder whose to_unicode_fn is libharu's
 * HPDF_CMapEncoder_ToUnicode takes the other path, which looks up only
 * the codes its cid_map maps (the UTF-8 encoder replaces that function
 * and uses the first bytes of cid_map as its parsing state).
 *
 * For a font made while pdffont_repertoire_only(1) is on, this stand-in
 * hands libharu a copy of the UTF-8 encoder whose cid_map and unicode_map
 * hold the repertoire only (code point = CID = Unicode, as the UTF-8
 * path), with libharu's ToUnicode function so that that path is taken,
 * and then points the font at the real encoder (the copy is used only
 * while the font is made; text is encoded and measured with the real
 * one). The loops then touch a few hundred code points, the W array and
 * the CIDToGIDMap stop at the highest code point of the repertoire: the
 * glyph and width of every code point of the repertoire are those of the
 * full path; a code point outside has no glyph in such a font, which is
 * why pdfdoc refuses to draw one in a repertoire-only document. One more
 * CID, unmapped, is given above the highest, because libharu writes the
 * CIDs below its highest only.
 */
HPDF_Font	HPDF_Type0Font_New(HPDF_MMgr, HPDF_FontDef, HPDF_Encoder,
		    HPDF_Xref);

static int	short_fonts;

void
pdffont_repertoire_only(int on)
{
	short_fonts = on != 0;
}

HPDF_Font
HPDF_Type0Font_New(HPDF_MMgr mmgr, HPDF_FontDef def, HPDF_Encoder enc,
    HPDF_Xref xref)
{
	static HPDF_Font (*real)(HPDF_MMgr, HPDF_FontDef, HPDF_Encoder,
	    HPDF_Xref);
	static HPDF_CMapEncoderAttr fattr;	/* the repertoire's maps */
	static HPDF_Encoder_Rec fake;
	const size_t tail = offsetof(HPDF_CMapEncoderAttr_Rec, jww_line_head);
	HPDF_Font font;
	size_t i;
	unsigned cp;

	if (!REAL(real, "HPDF_Type0Font_New"))
		return NULL;
	if (!short_fonts || def == NULL || enc == NULL || enc->attr == NULL ||
	    def->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
	    enc->to_unicode_fn == HPDF_CMapEncoder_ToUnicode ||
	    strcmp(enc->name, "UTF-8") != 0) {
		stats.fonts_full++;
		return real(mmgr, def, enc, xref);
	}
	if (fattr == NULL) {
		rep_make();
		fattr = xcalloc(1, sizeof(*fattr));
		for (i = 0; i < sizeof(repertoire) / sizeof(repertoire[0]);
		    i++)
			for (cp = repertoire[i].lo; cp <= repertoire[i].hi;
			    cp++) {
				fattr->cid_map[cp >> 8][cp & 0xFF] =
				    (HPDF_UINT16)cp;
				fattr->unicode_map[cp >> 8][cp & 0xFF] =
				    (HPDF_UNICODE)cp;
			}
		/* the end: libharu stops below it (its glyph 0, unwritten) */
		cp = rep_max + 1;
		fattr->cid_map[cp >> 8][cp & 0xFF] = (HPDF_UINT16)cp;
	}
	/* the encoder's ranges, names and mode, the repertoire's maps */
	memcpy((char *)fattr + tail, (const char *)enc->attr + tail,
	    sizeof(*fattr) - tail);
	fake = *enc;
	fake.attr = fattr;
	fake.to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	font = real(mmgr, def, &fake, xref);
	if (font != NULL && font->attr != NULL) {
		((HPDF_FontAttr)font->attr)->encoder = enc;
		stats.fonts_short++;
	}
	return font;
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/*
 * libharu copies and clears memory one byte at a time in these two
 * (hpdf_utils.c), a sixth of the time of writing a form with its fonts;
 * they stand in for them with the C library's (same results: both return
 * the end of the area, as libharu's do).
 */
HPDF_BYTE	*HPDF_MemCpy(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT);
void		*HPDF_MemSet(void *, HPDF_BYTE, HPDF_UINT);

HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	/* most calls copy 2 or 4 bytes (byte swaps, 65,536 for each
	 * CIDToGIDMap): no library call for those */
	if (n <= 4) {
		switch (n) {
		case 4: out[3] = in[3];	/* FALLTHROUGH */
		case 3: out[2] = in[2];	/* FALLTHROUGH */
		case 2: out[1] = in[1];	/* FALLTHROUGH */
		case 1: out[0] = in[0];	/* FALLTHROUGH */
		default: break;
		}
		return out + n;
	}
	memmove(out, in, n);
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n == 0)
		return s;
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

/* ------------------------------------------------------------------ */
/* Compression                                                         */
/* ------------------------------------------------------------------ */

/*
 * libharu compresses every stream of every document again, and in a form
 * of one page most of those bytes are the same from one document to the
 * next: each face's 128 KB CIDToGIDMap and its font program (see above).
 * This stands in for its HPDF_Stream_WriteToStreamWithDeflate
 * (hpdf_streams.c, called through the PLT): the stream is read whole and
 * compressed in one call with the same zlib settings (the default level;
 * zlib's output does not depend on how its input is cut up), and the
 * compressed bytes of large streams are kept, with a copy of the stream
 * to compare, so that a stream seen before is written without compressing
 * it again. Encrypted streams (never here) go to libharu's own.
 */
HPDF_STATUS	HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream, HPDF_Stream,
		    HPDF_Encrypt);

#define ZMEMO_MIN	4096		/* bytes: smaller streams are not kept */
#define ZMEMO_MAX	32		/* streams kept */

struct zmemo {
	unsigned char	*raw, *out;
	size_t		 rawlen, outlen;
};

HPDF_STATUS
HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst,
    HPDF_Encrypt e)
{
	typedef HPDF_STATUS (*deflate_fn)(HPDF_Stream, HPDF_Stream,
	    HPDF_Encrypt);
	static deflate_fn real;
	static struct zmemo memo[ZMEMO_MAX];
	static int nmemo;
	unsigned char *raw = NULL, *out;
	size_t len = 0, cap = 0;
	HPDF_STATUS ret;
	z_stream z;
	int i, zr;

	if (real == NULL && (real = (deflate_fn)(uintptr_t)dlsym(RTLD_NEXT,
	    "HPDF_Stream_WriteToStreamWithDeflate")) == NULL)
		return HPDF_INVALID_OPERATION;
	if (e != NULL)
		return real(src, dst, e);
	if (HPDF_Stream_Seek(src, 0, HPDF_SEEK_SET) != HPDF_OK)
		return real(src, dst, e);
	for (;;) {
		HPDF_UINT n;

		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 131072;
			raw = xrealloc(raw, cap);
		}
		n = (HPDF_UINT)(cap - len);
		ret = HPDF_Stream_Read(src, raw + len, &n);
		len += n;
		if (ret == HPDF_STREAM_EOF)
			break;
		if (ret != HPDF_OK) {
			free(raw);
			return real(src, dst, e);
		}
	}
	/* memcmp stops at the first difference: no hash needed */
	if (len >= ZMEMO_MIN)
		for (i = 0; i < nmemo; i++)
			if (memo[i].rawlen == len &&
			    memcmp(memo[i].raw, raw, len) == 0) {
				free(raw);
				return HPDF_Stream_Write(dst, memo[i].out,
				    (HPDF_UINT)memo[i].outlen);
			}
	memset(&z, 0, sizeof(z));
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(raw);
		return real(src, dst, e);
	}
	out = xmalloc(deflateBound(&z, (uLong)len));
	z.next_in = raw;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)deflateBound(&z, (uLong)len);
	zr = deflate(&z, Z_FINISH);
	deflateEnd(&z);
	if (zr != Z_STREAM_END) {
		free(out);
		free(raw);
		return real(src, dst, e);
	}
	ret = HPDF_Stream_Write(dst, out, (HPDF_UINT)z.total_out);
	if (len >= ZMEMO_MIN && nmemo < ZMEMO_MAX) {
		memo[nmemo].raw = raw;
		memo[nmemo].rawlen = len;
		memo[nmemo].out = out;
		memo[nmemo].outlen = z.total_out;
		nmemo++;
	} else {
		free(out);
		free(raw);
	}
	return ret;
}

int
pdffont_has_glyph(void *font, unsigned long cp)
{
	HPDF_Font f = font;
	HPDF_FontAttr attr;

	if (f == NULL || cp > 0xFFFF)
		return 0;
	attr = (HPDF_FontAttr)f->attr;
	return attr != NULL && attr->fontdef != NULL &&
	    attr->fontdef->type == HPDF_FONTDEF_TYPE_TRUETYPE &&
	    HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) != 0;
}
