/* SPDX-License-Identifier: ISC */
/*
 * Glyph coverage of the PDF fonts: every Vietnamese letter, lower and upper
 * case, with every tone, has a glyph in each of the four faces that
 * src/lib/pdfdoc.c embeds. pdftotext extracts the right text even from a
 * wrongly drawn glyph, so coverage is checked here, in the font itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_font.h>
#include <stdlib.h>
#include <utf8proc.h>

/* utf8proc allocates with libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

#include "lib/pdfdoc.h"
#include "lib/pdffont.h"

/* The vowels that take tones, then the combining tone marks. */
static const utf8proc_int32_t vowels[] = {
	'a', 0x0103, 0x00E2, 'e', 0x00EA, 'i', 'o', 0x00F4, 0x01A1, 'u',
	0x01B0, 'y'
};
static const utf8proc_int32_t tones[] = {
	0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323	/* huyền sắc hỏi ngã nặng */
};

/* Fills out with the code points of all 134 letters; returns the count. */
static int
letters(utf8proc_int32_t *out)
{
	size_t v, t;
	int n = 0;

	for (v = 0; v < sizeof(vowels) / sizeof(vowels[0]); v++)
		for (t = 0; t < sizeof(tones) / sizeof(tones[0]); t++) {
			utf8proc_uint8_t in[16], *nfc = NULL;
			utf8proc_ssize_t k = 0, m;
			utf8proc_int32_t c;

			k += utf8proc_encode_char(vowels[v], in + k);
			if (tones[t] != 0)
				k += utf8proc_encode_char(tones[t], in + k);
			in[k] = '\0';
			m = utf8proc_map(in, k, &nfc, UTF8PROC_STABLE |
			    UTF8PROC_COMPOSE);
			assert_true(m > 0);
			/* NFC has one precomposed code point for each */
			assert_int_equal(utf8proc_iterate(nfc, m, &c), m);
			libc_free(nfc);
			out[n++] = c;
			out[n++] = utf8proc_toupper(c);
		}
	out[n++] = 0x0111;	/* đ */
	out[n++] = 0x0110;	/* Đ */
	return n;
}

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
	(void)detail;
	*(HPDF_STATUS *)user = code;
}

static void
test_letters(void **state)
{
	utf8proc_int32_t cp[200];
	int n;

	(void)state;
	n = letters(cp);
	assert_int_equal(n, 12 * 6 * 2 + 2);
	/* spot checks of the composition */
	assert_int_equal(cp[0], 0x61);		/* a */
	assert_int_equal(cp[1], 0x41);		/* A */
}

static void
test_coverage(void **state)
{
	utf8proc_int32_t cp[200];
	int n = letters(cp), f, i;

	(void)state;
	for (f = 0; f < PF_NFACES; f++) {
		const char *path = pdfdoc_default_font((enum pdf_face)f);
		HPDF_STATUS err = 0;
		HPDF_Doc pdf;
		HPDF_FontDef def;
		const char *name;

		assert_non_null(path);
		pdf = HPDF_New(on_error, &err);
		assert_non_null(pdf);
		HPDF_UseUTFEncodings(pdf);
		HPDF_SetCurrentEncoder(pdf, "UTF-8");
		name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		assert_non_null(name);
		assert_int_equal(err, 0);
		def = HPDF_GetFontDef(pdf, name);
		assert_non_null(def);
		for (i = 0; i < n; i++) {
			if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp[i]) ==
			    0)
				fail_msg("%s: no glyph for U+%04X", path,
				    (unsigned)cp[i]);
		}
		/* and the signs the documents print */
		assert_int_not_equal(HPDF_TTFontDef_GetGlyphid(def, 0x2265), 0);
		assert_int_not_equal(HPDF_TTFontDef_GetGlyphid(def, 0x2264), 0);
		HPDF_Free(pdf);
	}
}

/* The default faces are Liberation Serif (Times New Roman metrics), not DejaVu. */
static void
test_default_is_liberation(void **state)
{
	int f;

	(void)state;
	for (f = 0; f < PF_NFACES; f++) {
		const char *path = pdfdoc_default_font((enum pdf_face)f);

		assert_non_null(path);
		assert_non_null(strstr(path, "liberation2/LiberationSerif-"));
	}
}

/* The bytes of a one-page document with TEXT in three faces. */
static char *
render(const char *text, size_t *len)
{
	static const struct pdf_style st[3] = {
		{ .face = PF_REGULAR, .size = 12, .align = PA_LEFT },
		{ .face = PF_BOLD, .size = 12, .align = PA_LEFT },
		{ .face = PF_ITALIC, .size = 12, .align = PA_LEFT },
	};
	char err[256], *buf = NULL;
	struct pdfdoc *d = pdfdoc_new(NULL, err, sizeof(err));
	FILE *fp;
	int i;

	assert_non_null(d);
	pdfdoc_set_info(d, "T", "A", "S", "baocao", 0);
	for (i = 0; i < 3; i++)
		pdfdoc_para(d, &st[i], text);
	fp = open_memstream(&buf, len);
	assert_non_null(fp);
	assert_int_equal(pdfdoc_save(d, fp), 0);
	fclose(fp);
	pdfdoc_free(d);
	return buf;
}

/*
 * The font programs are made once per face and run, and a document's
 * bytes never depend on what the process rendered before: a document
 * with a letter outside the repertoire (Greek) embeds its glyph, and the
 * next ordinary document is the same as the first one.
 */
static void
test_program_reuse(void **state)
{
	static const char vi[] = "Cộng hòa xã hội chủ nghĩa Việt Nam – "
	    "Độc lập - Tự do - Hạnh phúc ≥ 95,5% “ngày” …";
	struct pdffont_stats s0, s1, s2;
	size_t n1, n2, n3, n4;
	char *a, *b, *c, *e;

	(void)state;
	pdffont_stats(&s0);
	a = render(vi, &n1);
	pdffont_stats(&s1);
	b = render(vi, &n2);
	pdffont_stats(&s2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	/* the second document made no program: three reused */
	assert_int_equal(s2.program_made, s1.program_made);
	assert_int_equal(s2.program_reused - s1.program_reused, 3);
	assert_true(s1.program_made - s0.program_made <= 3);
	c = render("Hệ số αβγ", &n3);
	pdffont_stats(&s1);
	assert_int_equal(s1.program_made - s2.program_made, 3);
	e = render(vi, &n4);
	assert_int_equal(n1, n4);
	assert_memory_equal(a, e, n1);
	assert_true(n3 > 0);
	libc_free(a);
	libc_free(b);
	libc_free(c);
	libc_free(e);
}

/* Each font file is read once per process, not once per document. */
static void
test_file_read_once(void **state)
{
	struct pdffont_stats s0, s1;
	size_t n;
	char *a;

	(void)state;
	libc_free(render("a", &n));
	pdffont_stats(&s0);
	a = render("b", &n);
	pdffont_stats(&s1);
	assert_int_equal(s1.files_read, s0.files_read);
	libc_free(a);
}

/* CID c's width in a CIDFontType2's W array, or dw. */
static int
w_of(HPDF_Array w, unsigned c, int dw)
{
	HPDF_UINT i;

	for (i = 0; w != NULL && i + 1 < w->list->count; i += 2) {
		HPDF_Number first = HPDF_Array_GetItem(w, i, HPDF_OCLASS_NUMBER);
		HPDF_Array ws = HPDF_Array_GetItem(w, i + 1, HPDF_OCLASS_ARRAY);

		assert_non_null(first);
		assert_non_null(ws);
		if (c >= (unsigned)first->value &&
		    c < (unsigned)first->value + ws->list->count)
			return ((HPDF_Number)HPDF_Array_GetItem(ws,
			    c - (unsigned)first->value,
			    HPDF_OCLASS_NUMBER))->value;
	}
	return dw;
}

/* The UTF-8 font of face f in a new document, for the repertoire only
 * or in full; its CIDToGIDMap (big-endian, n bytes) and W array. */
static HPDF_Doc
font(int f, int rep, HPDF_Font *font, unsigned char **map, size_t *n,
    HPDF_Array *w)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_FontAttr attr;
	HPDF_Stream s;
	const char *name;
	HPDF_UINT k;

	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	name = HPDF_LoadTTFontFromFile(pdf,
	    pdfdoc_default_font((enum pdf_face)f), HPDF_TRUE);
	assert_non_null(name);
	pdffont_repertoire_only(rep);
	*font = HPDF_GetFont(pdf, name, "UTF-8");
	pdffont_repertoire_only(0);
	assert_non_null(*font);
	attr = (*font)->attr;
	/* text is encoded and measured with the document's encoder */
	assert_ptr_equal(attr->encoder, HPDF_GetEncoder(pdf, "UTF-8"));
	s = attr->map_stream->stream;
	*n = HPDF_Stream_Size(s);
	*map = test_malloc(*n + 1);
	assert_int_equal(HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET), HPDF_OK);
	k = (HPDF_UINT)*n;
	HPDF_Stream_Read(s, *map, &k);
	assert_int_equal(k, *n);
	*w = HPDF_Dict_GetItem(attr->descendant_font, "W", HPDF_OCLASS_ARRAY);
	assert_non_null(*w);
	return pdf;
}

/*
 * A font made for the repertoire only maps every code point of the
 * repertoire to the glyph, and gives it the width, of the full font, in
 * every face; its CIDToGIDMap stops after the highest (U+2265), and its
 * W array is shorter. pdffont_in_repertoire agrees with the table.
 */
static void
test_repertoire_fonts(void **state)
{
	struct pdffont_stats s0, s1;
	int f;

	(void)state;
	assert_true(pdffont_in_repertoire('A'));
	assert_true(pdffont_in_repertoire(0x1EC7));	/* ệ */
	assert_true(pdffont_in_repertoire(0x0111));	/* đ */
	assert_true(pdffont_in_repertoire(0x2265));	/* ≥ */
	assert_false(pdffont_in_repertoire(0x03B1));	/* α */
	assert_false(pdffont_in_repertoire(0x2266));
	assert_false(pdffont_in_repertoire(0x10000));
	for (f = 0; f < PF_NFACES; f++) {
		HPDF_Font ff, fs;
		HPDF_Array wf, ws;
		unsigned char *mf, *ms;
		size_t nf, ns;
		HPDF_Doc a, b;
		unsigned c;
		int dw, checked = 0;

		pdffont_stats(&s0);
		a = font(f, 0, &ff, &mf, &nf, &wf);
		b = font(f, 1, &fs, &ms, &ns, &ws);
		pdffont_stats(&s1);
		assert_int_equal(s1.fonts_full - s0.fonts_full, 1);
		assert_int_equal(s1.fonts_short - s0.fonts_short, 1);
		assert_int_equal(nf, 65535 * 2);
		assert_int_equal(ns, (0x2265 + 1) * 2);
		assert_true(ws->list->count < wf->list->count);
		dw = ((HPDF_FontAttr)ff->attr)->fontdef->missing_width;
		for (c = 0; c < 65536; c++) {
			if (!pdffont_in_repertoire(c))
				continue;
			assert_true(2 * c + 1 < ns);
			assert_int_equal(ms[2 * c], mf[2 * c]);
			assert_int_equal(ms[2 * c + 1], mf[2 * c + 1]);
			if (w_of(ws, c, dw) != w_of(wf, c, dw))
				fail_msg("face %d: U+%04X width %d, full %d", f,
				    c, w_of(ws, c, dw), w_of(wf, c, dw));
			checked++;
		}
		assert_true(checked > 300);
		test_free(mf);
		test_free(ms);
		HPDF_Free(a);
		HPDF_Free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_coverage),
		cmocka_unit_test(test_default_is_liberation),
		cmocka_unit_test(test_program_reuse),
		cmocka_unit_test(test_file_read_once),
		cmocka_unit_test(test_repertoire_fonts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
