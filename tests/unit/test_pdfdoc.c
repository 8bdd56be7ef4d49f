/* SPDX-License-Identifier: ISC */
/*
 * Tests of src/lib/pdfdoc.c: text cleaning (UTF-8 validation, NFC) and line
 * breaking (between words; inside a word only at a character boundary, an
 * address after a '.' rather than there; no line wider than its band;
 * never a line that starts with a lone dash),
 * table cells (a number never broken: its column widened, its cell's text
 * smaller), a paragraph's last lines kept with what follows, and a
 * document that renders and saves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The file under test first: cmocka redefines malloc and free after it. */
#include "lib/pdfdoc.c"

/* Memory from the code under test comes from libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

static const char *const faces[PF_NFACES] = { NULL, NULL, NULL, NULL };

static struct pdfdoc *
doc(void)
{
	char err[256];
	struct pdfdoc *d = pdfdoc_new(faces, err, sizeof(err));

	if (d == NULL)
		fail_msg("%s", err);
	return d;
}

static void
test_clean(void **state)
{
	struct pdfdoc *d = doc();
	char *s;

	(void)state;
	/* decomposed "Việt" (e + circumflex + dot below) becomes NFC */
	s = clean(d, "Vie\xcc\x82\xcc\xa3t  Nam\tA\r\n  B ");
	assert_string_equal(s, "Vi\xe1\xbb\x87t  Nam A\nB");
	libc_free(s);
	s = clean(d, "Số:      /BC-UBND");
	assert_string_equal(s, "Số:      /BC-UBND");
	libc_free(s);
	assert_null(pdfdoc_error(d));
	/* invalid UTF-8 is refused and remembered */
	assert_null(clean(d, "bad \xff byte"));
	assert_non_null(pdfdoc_error(d));
	assert_int_equal(pdfdoc_save(d, stdout), -1);
	pdfdoc_free(d);
}

/*
 * The quick path of clean() (nfc_already) agrees with utf8proc's NFC on
 * texts it takes and leaves the others to it.
 */
static void
test_nfc_quick(void **state)
{
	static const char *const texts[] = {
		"Cộng hòa xã hội chủ nghĩa Việt Nam",
		"Độc lập - Tự do - Hạnh phúc “ngày” … – ≥ 95,5%",
		"ĐẮK LẮK Ưu điểm ợ Ỹ ỹ",
		"Vie\xcc\x82\xcc\xa3t",		/* decomposed: not quick */
		"A\xcc\x8a",			/* A + ring: Å */
		"\xe2\x84\xab",			/* Angstrom sign: Å */
		"\xe2\x84\xa6",			/* Ohm sign: Ω */
		"plain ascii",
		"",
	};
	static const int quick[] = { 1, 1, 1, 0, 0, 0, 0, 1, 1 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		utf8proc_uint8_t *nfc = NULL;

		assert_int_equal(nfc_already((const utf8proc_uint8_t *)
		    texts[i]), quick[i]);
		assert_true(utf8proc_map((const utf8proc_uint8_t *)texts[i],
		    0, &nfc, UTF8PROC_NULLTERM | UTF8PROC_STABLE |
		    UTF8PROC_COMPOSE) >= 0);
		if (quick[i])
			assert_string_equal((const char *)nfc, texts[i]);
		libc_free(nfc);
	}
	assert_int_equal(nfc_already((const utf8proc_uint8_t *)"a\xff"), 0);
	assert_int_equal(nfc_already((const utf8proc_uint8_t *)"\xed\xa0\x80"),
	    0);				/* a surrogate */
}

/* Every line fits its band, and the lines give back the text. */
static void
check_wrap(struct pdfdoc *d, const char *text, double w, int want_lines)
{
	struct wline *l;
	char *s = clean(d, text);
	int n, i;

	n = wrap(d->font[PF_REGULAR], 13, s, w, 0, 0, &l);
	if (want_lines > 0)
		assert_int_equal(n, want_lines);
	for (i = 0; i < n; i++) {
		size_t k;

		assert_true(l[i].width <= w + EPS);
		assert_true(width_pt(d->font[PF_REGULAR], 13, s + l[i].start,
		    l[i].end - l[i].start) <= w + EPS);
		/* never inside a UTF-8 sequence */
		k = l[i].start;
		assert_true(((unsigned char)s[k] & 0xC0) != 0x80);
		k = l[i].end;
		assert_true(s[k] == '\0' || ((unsigned char)s[k] & 0xC0) !=
		    0x80);
	}
	libc_free(l);
	libc_free(s);
}

static void
test_wrap(void **state)
{
	struct pdfdoc *d = doc();

	(void)state;
	check_wrap(d, "Ủy ban nhân dân huyện Thường Xuân", 1000, 1);
	check_wrap(d, "Ủy ban nhân dân huyện Thường Xuân", 80, 0);
	/* one word wider than the band is cut at character boundaries */
	check_wrap(d, "ỦYBANNHÂNDÂNHUYỆNTHƯỜNGXUÂNTỈNHTHANHHÓA", 40, 0);
	/* paragraphs and an empty one */
	check_wrap(d, "một\n\nhai", 1000, 3);
	check_wrap(d, "", 100, 1);
	pdfdoc_free(d);
}

/*
 * An address wider than its band whose breaks after '/' leave less than
 * half a line ("https://") is broken after a '.', not cut inside a name
 * ("…thanhhoa.gov" / ".vn/…").
 */
static void
test_wrap_address(void **state)
{
	struct pdfdoc *d = doc();
	char *s = clean(d, "https://dichvucong.thanhhoa.gov.vn/portaldvc/"
	    "KenhTin/tra-cuu-ho-so.aspx?ma=ABC_123");
	struct wline *l;
	double w = width_pt(d->font[PF_REGULAR], 11, s,
	    strlen("https://dichvucong.thanhhoa.gov")) + 0.5;
	int n;

	(void)state;
	n = wrap(d->font[PF_REGULAR], 11, s, w, 0, 0, &l);
	assert_true(n > 1);
	assert_int_equal(l[0].end - l[0].start,
	    strlen("https://dichvucong.thanhhoa."));
	libc_free(l);
	libc_free(s);
	pdfdoc_free(d);
}

/* A lone dash stays with the word before it, at every width. */
static void
test_dash(void **state)
{
	static const char *const texts[] = {
		"Phòng Lao động - Thương binh và Xã hội",
		"Phòng Tài chính – Kế hoạch huyện - thị xã - thành phố",
	};
	struct pdfdoc *d = doc();
	size_t t;
	double w;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (w = 20; w < 300; w += 3) {
			char *s = clean(d, texts[t]);
			struct wline *l;
			int n = wrap(d->font[PF_REGULAR], 13, s, w, 0, 0, &l), i;

			for (i = 0; i < n; i++) {
				assert_false(strncmp(s + l[i].start, "- ", 2) == 0);
				assert_false(strncmp(s + l[i].start, "– ", 4) == 0);
				assert_false(l[i].end > l[i].start &&
				    s[l[i].end - 1] == ' ');
			}
			libc_free(l);
			libc_free(s);
		}
	pdfdoc_free(d);
}

static void
test_is_number(void **state)
{
	static const struct { const char *s; int want; } t[] = {
		{ "1.111.111.110.110", 1 }, { "94,99%", 1 }, { "+1,5", 1 },
		{ "05/11/2024", 1 }, { "(2)", 1 }, { "-", 0 }, { "%", 0 },
		{ "Đạt", 0 }, { "MT1", 0 }, { "12a", 0 }, { "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(is_number(t[i].s, strlen(t[i].s)), t[i].want);
}

/*
 * A number wider than its cell is never broken: its column takes width
 * from a text column (which keeps room for its longest word), and what
 * still does not fit is set smaller; a long word that would take less
 * than 7 pt is broken instead, at the table's size.
 */
static void
test_cells(void **state)
{
	static const char big[] = "1.111.111.110.110";
	static const char url[] = "https://dichvucong.thuongxuan.thanhhoa."
	    "gov.vn/thu-tuc-hanh-chinh/chi-tiet?ma=1.004227&co-quan=ubnd";
	const char *head[4] = { "Đơn vị", "Số", "Tỷ lệ", "Ghi chú" };
	const char *rows[8] = { "Phòng Lao động - Thương binh và Xã hội", big,
	    "94,99%", url, "Toàn cơ quan", "9.999.999.999.999.999", "100%",
	    "Không" };
	double w[4] = { 3, 0.6, 1, 2 }, before;
	struct pdfdoc *d = doc();
	struct cell c[4];
	char *word;
	int i;

	(void)state;
	pdfdoc_table_begin(d, 4, w, NULL, 11, head);
	before = d->tw[1];
	pdfdoc_table_fit(d, 2, rows, NULL);
	assert_true(d->tw[1] > before);		/* widened */
	assert_true(fabs(d->tw[0] + d->tw[1] + d->tw[2] + d->tw[3] -
	    BODY_W) < 0.01);
	/* the text column keeps its longest word ("Thương") whole */
	word = clean(d, "Thương");
	assert_true(d->tw[0] - 2 * PAD_H >= width_pt(d->font[PF_REGULAR],
	    11, word, strlen(word)) - EPS);
	libc_free(word);
	for (i = 0; i < 4; i++)
		c[i].text = clean(d, rows[i]);
	cells_wrap(d, c, PF_REGULAR);
	assert_int_equal(c[1].nlines, 1);	/* the number: one line */
	assert_true(c[1].size <= 11);
	assert_true(width_pt(d->font[PF_REGULAR], c[1].size, c[1].text,
	    strlen(c[1].text)) <= d->tw[1] - 2 * PAD_H + EPS);
	assert_true(c[2].size == 11);		/* fits: as the table */
	assert_true(c[3].size == 11);		/* the URL: broken instead */
	assert_true(c[3].nlines > 1);
	for (i = 0; i < 4; i++) {
		libc_free(c[i].text);
		libc_free(c[i].lines);
	}
	/* a number no column can make room for: smaller still, one line */
	c[0].text = clean(d, "9.999.999.999.999.999.999.999.999.999.999.999");
	c[0].size = cell_size(d, PF_REGULAR, 1, c[0].text);
	assert_true(c[0].size < CELL_MIN_PT);
	c[0].nlines = wrap(d->font[PF_REGULAR], c[0].size, c[0].text,
	    d->tw[1] - 2 * PAD_H, 0, 0, &c[0].lines);
	assert_int_equal(c[0].nlines, 1);
	libc_free(c[0].text);
	libc_free(c[0].lines);
	/* the rows draw, measured as drawn */
	pdfdoc_table_row(d, rows, PF_REGULAR);
	pdfdoc_table_row(d, rows + 4, PF_BOLD);
	pdfdoc_table_end(d);
	assert_null(pdfdoc_error(d));
	pdfdoc_free(d);
}

/*
 * pdfdoc_keep_last: a paragraph's last lines go to the next page with
 * what follows them when that does not fit below the lines before.
 */
static void
test_keep_last(void **state)
{
	static const char text[] = "Cán bộ, công chức có tinh thần trách "
	    "nhiệm, thái độ phục vụ tận tình, chu đáo; hồ sơ được giải quyết "
	    "đúng hạn, công khai, minh bạch, đúng quy định của pháp luật.";
	struct pdf_style st = { .face = PF_REGULAR, .size = 13,
	    .align = PA_JUSTIFY, .leading = 1.2, .indent = 10 };
	double lh = 13 * 1.2 * 25.4 / 72, room;
	int keep;

	(void)state;
	for (keep = 0; keep <= 1; keep++) {
		struct pdfdoc *d = doc();

		pdfdoc_measure(d, 1);
		/* four lines of room: the paragraph's three fit, 30 mm not */
		pdfdoc_set_y(d, PDF_PAGE_H - PDF_MARGIN_BOT - 4 * lh + 0.1);
		room = pdfdoc_room(d);
		assert_true(room > 3 * lh && room < 4 * lh);
		if (keep)
			pdfdoc_keep_last(d, 2, 30);
		pdfdoc_para(d, &st, text);
		assert_int_equal(pdfdoc_pages(d), keep ? 2 : 1);
		if (keep)	/* two lines on the new page */
			assert_true(fabs(pdfdoc_y(d) - PDF_MARGIN_TOP -
			    2 * lh) < 0.01);
		/* used once: the next paragraph is not held */
		pdfdoc_set_y(d, PDF_PAGE_H - PDF_MARGIN_BOT - 4 * lh + 0.1);
		pdfdoc_para(d, &st, text);
		assert_int_equal(pdfdoc_pages(d), keep ? 2 : 1);
		pdfdoc_free(d);
	}
}

/* pdfdoc_fit_size: a name on one line in its column. */
static void
test_fit_size(void **state)
{
	static const char name[] = "Nguyễn Hoàng Tôn Nữ Phương Thảo Bảo Ngọc";
	struct pdfdoc *d = doc();
	double size;

	(void)state;
	assert_true(pdfdoc_fit_size(d, PF_BOLD, 14, 200, name) == 14);
	size = pdfdoc_fit_size(d, PF_BOLD, 14, 60, name);
	assert_true(size < 14);
	assert_true(pdfdoc_text_width(d, PF_BOLD, size, name) <= 60 + 0.01);
	size = pdfdoc_fit_size(d, PF_BOLD, 14, 60, "Ngắn\nNguyễn Hoàng "
	    "Tôn Nữ Phương Thảo Bảo Ngọc");
	assert_true(pdfdoc_text_width(d, PF_BOLD, size, name) <= 60 + 0.01);
	pdfdoc_free(d);
}

/* A table that outgrows a page, a long paragraph, and a saved file. */
static void
test_render(void **state)
{
	struct pdfdoc *d = doc();
	const char *head[3] = { "Đơn vị", "Số lượng", "Tỷ lệ" };
	const char *row[3] = { "Phòng Tài nguyên và Môi trường", "1.234",
	    "95,5%" };
	double w[3] = { 3, 1, 1 };
	struct pdf_style st = { .face = PF_REGULAR, .size = 13,
	    .align = PA_JUSTIFY, .leading = 1.2, .indent = 10, .after = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	int i;

	(void)state;
	pdfdoc_set_draft(d, 2);
	pdfdoc_set_info(d, "Tiêu đề", "Cơ quan", "Trích yếu", "baocao", 0);
	pdfdoc_table_begin(d, 3, w, NULL, 11, head);
	for (i = 0; i < 120; i++)
		pdfdoc_table_row(d, row, PF_REGULAR);
	pdfdoc_table_end(d);
	assert_true(pdfdoc_pages(d) >= 3);
	for (i = 0; i < 40; i++)
		pdfdoc_para(d, &st, "Cán bộ, công chức có tinh thần trách "
		    "nhiệm, thái độ phục vụ tận tình, chu đáo.");
	assert_true(pdfdoc_y(d) >= PDF_MARGIN_TOP - 0.01);
	assert_true(pdfdoc_y(d) <= PDF_PAGE_H - PDF_MARGIN_BOT + 0.01);
	fp = open_memstream(&buf, &len);
	assert_int_equal(pdfdoc_save(d, fp), 0);
	fclose(fp);
	assert_true(len > 1000);
	assert_memory_equal(buf, "%PDF-1.4", 8);
	libc_free(buf);
	pdfdoc_free(d);
}

/*
 * One layout of every kind of piece, long enough for several pages; the
 * cursor after each piece goes into ys.
 */
static int
layout_all(struct pdfdoc *d, double *ys)
{
	const char *head[3] = { "Nhóm|Đơn vị", "Nhóm|Số lượng", "Tỷ lệ" };
	const char *row[3] = { "Phòng Tài nguyên và Môi trường huyện", "1.234",
	    "95,5%" };
	double w[3] = { 3, 1, 1 };
	struct pdf_style st = { .face = PF_REGULAR, .size = 13,
	    .align = PA_JUSTIFY, .leading = 1.2, .indent = 10, .after = 1 };
	struct pdf_style c = { .face = PF_BOLD, .size = 12, .align = PA_CENTER,
	    .leading = 1.15, .balance = 1 };
	struct pdf_bar bars[2] = { { "Một", 0.9, 0.95, NULL },
	    { "Hai", 0.5, NAN, "50%" } };
	const char *lab[3] = { "T10", "T11", "T12" };
	double cnt[3] = { 5, 3, 1 }, cum[3] = { 0.5, 0.8, 1 };
	double p[3] = { 0.1, 0.2, 0.15 }, lcl[3] = { 0, 0, 0 };
	double ucl[3] = { 0.3, 0.3, 0.3 };
	int out[3] = { 0, 0, 0 }, i, n = 0;

	pdfdoc_set_draft(d, 1);
	ys[n++] = pdfdoc_text_at(d, &c, 0, 60, pdfdoc_y(d),
	    "ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN TỈNH THANH HÓA");
	pdfdoc_rule(d, 10, 50, ys[0] + 1, 0.6);
	pdfdoc_table_header_min(d, 0);
	pdfdoc_table_style(d, -1, -1, 0, 1);
	pdfdoc_table_begin(d, 3, w, NULL, 11, head);
	pdfdoc_table_header_min(d, 12);
	ys[n++] = pdfdoc_table_height(d, row, PF_REGULAR);
	for (i = 0; i < 70; i++)
		pdfdoc_table_row(d, row, PF_REGULAR);
	pdfdoc_table_end(d);
	ys[n++] = pdfdoc_y(d);
	for (i = 0; i < 30; i++)
		pdfdoc_para_lead(d, &st, PF_BOLD, "Ưu điểm:", "Cán bộ, công "
		    "chức có tinh thần trách nhiệm, thái độ phục vụ tận tình.");
	ys[n++] = pdfdoc_y(d);
	pdfdoc_chart_bars(d, "Biểu đồ", 2, bars, "Giá trị", "Mục tiêu");
	pdfdoc_chart_pareto(d, "Pareto", 3, lab, cnt, cum, 60, "a|b|c");
	pdfdoc_chart_pchart(d, "p", 3, lab, p, 0.15, lcl, ucl, out, 60,
	    "p|c|l|o");
	ys[n++] = pdfdoc_y(d);
	pdfdoc_box(d, 0, pdfdoc_y(d), 20, 10, 0.5);
	pdfdoc_ensure(d, 200);
	ys[n++] = pdfdoc_room(d);
	return n;
}

/* Measuring counts the pages and moves the cursor as drawing does. */
static void
test_measure(void **state)
{
	struct pdfdoc *d = doc(), *m = doc();
	double yd[8], ym[8];
	int i, n;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	n = layout_all(d, yd);
	pdfdoc_measure(m, 1);
	assert_int_equal(layout_all(m, ym), n);
	assert_true(pdfdoc_pages(d) >= 3);
	assert_int_equal(pdfdoc_pages(m), pdfdoc_pages(d));
	for (i = 0; i < n; i++)
		assert_true(fabs(yd[i] - ym[i]) < 1e-9);
	assert_null(pdfdoc_error(m));
	/* nothing was added to the measuring document */
	assert_int_equal(HPDF_GetCurrentPage(m->pdf) == NULL, 1);
	/* again, after a restart, as the trial layouts do */
	pdfdoc_restart(m);
	assert_int_equal(layout_all(m, ym), n);
	assert_int_equal(pdfdoc_pages(m), pdfdoc_pages(d));
	fp = open_memstream(&buf, &len);
	assert_int_equal(pdfdoc_save(d, fp), 0);
	fclose(fp);
	libc_free(buf);
	pdfdoc_free(m);
	pdfdoc_free(d);
}

/*
 * Code points outside the fonts' repertoire are noticed in every document
 * (pdfdoc_outside, until a restart) and refused in one made for the
 * repertoire only: an error, nothing saved, never a glyph 0 drawn.
 */
static void
test_repertoire(void **state)
{
	static const struct pdf_style st = { .face = PF_REGULAR, .size = 12,
	    .align = PA_LEFT };
	static const char vi[] = "Cộng hòa xã hội chủ nghĩa Việt Nam – ≥ 95,5% "
	    "“Ưu điểm” … № 5 ₫";
	struct pdfdoc *d = doc();
	char err[256], *buf = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	pdfdoc_para(d, &st, vi);
	assert_int_equal(pdfdoc_outside(d), 0);
	pdfdoc_para(d, &st, "Hệ số α và β");
	assert_int_equal(pdfdoc_outside(d), 0x03B1);
	pdfdoc_para(d, &st, "Ω");
	assert_int_equal(pdfdoc_outside(d), 0x03B1);	/* the first */
	assert_null(pdfdoc_error(d));	/* drawn with full fonts */
	pdfdoc_restart(d);
	assert_int_equal(pdfdoc_outside(d), 0);
	/* decomposed text is seen in NFC: no combining mark left over */
	pdfdoc_para(d, &st, "Vie\xcc\x82\xcc\xa3t");
	assert_int_equal(pdfdoc_outside(d), 0);
	pdfdoc_free(d);

	d = pdfdoc_new_repertoire(faces, err, sizeof(err));
	assert_non_null(d);
	pdfdoc_para(d, &st, vi);
	assert_null(pdfdoc_error(d));
	fp = open_memstream(&buf, &len);
	assert_int_equal(pdfdoc_save(d, fp), 0);
	fclose(fp);
	assert_true(len > 1000);
	libc_free(buf);
	pdfdoc_free(d);

	d = pdfdoc_new_repertoire(faces, err, sizeof(err));
	assert_non_null(d);
	pdfdoc_para(d, &st, "Hệ số α");
	assert_non_null(pdfdoc_error(d));
	assert_non_null(strstr(pdfdoc_error(d), "U+03B1"));
	buf = NULL;
	fp = open_memstream(&buf, &len);
	assert_int_equal(pdfdoc_save(d, fp), -1);
	fclose(fp);
	libc_free(buf);
	pdfdoc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_nfc_quick),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_address),
		cmocka_unit_test(test_dash),
		cmocka_unit_test(test_is_number),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_keep_last),
		cmocka_unit_test(test_fit_size),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_measure),
		cmocka_unit_test(test_repertoire),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
