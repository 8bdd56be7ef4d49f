/* SPDX-License-Identifier: ISC */
/* Unit tests of utf8: validation (against utf8proc), NFC, CP1258. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>
/* the library allocates with the real malloc */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "utf8.h"
#include "util.h"

struct vcase {
	const char	*in;
	int		 ok;
	size_t		 bad;
};

static const struct vcase vcases[] = {
	{ "", 1, 0 },
	{ "plain ASCII long enough for the word loop", 1, 0 },
	{ "Ủy ban nhân dân huyện Thường Xuân", 1, 0 },
	{ "\xF0\x9F\x98\x80", 1, 0 },			/* U+1F600 */
	{ "\xF4\x8F\xBF\xBF", 1, 0 },			/* U+10FFFF */
	{ "abc\x80", 0, 3 },				/* lone continuation */
	{ "L\xEA Th\xD2", 0, 1 },			/* CP1258 bytes */
	{ "\xC0\x80", 0, 0 },				/* overlong NUL */
	{ "\xC1\xBF", 0, 0 },				/* overlong */
	{ "\xE0\x9F\xBF", 0, 0 },			/* overlong 3-byte */
	{ "\xED\xA0\x80", 0, 0 },			/* surrogate D800 */
	{ "\xF0\x8F\xBF\xBF", 0, 0 },			/* overlong 4-byte */
	{ "\xF4\x90\x80\x80", 0, 0 },			/* above U+10FFFF */
	{ "\xF5\x80\x80\x80", 0, 0 },
	{ "a\xEF\xBF\xBF", 0, 1 },			/* U+FFFF: no XML holds it */
	{ "\xEF\xBF\xBE", 0, 0 },			/* U+FFFE */
	{ "\xEF\xBF\xBD", 1, 0 },			/* U+FFFD is a character */
	{ "ok \xE1\xBB", 0, 3 },			/* truncated */
	{ "12345678\xE1\xBB\x99x\xFF", 0, 12 },		/* after the word loop */
	{ NULL, 0, 0 }
};

static void
test_valid_table(void **state)
{
	const struct vcase *c;
	size_t bad;

	(void)state;
	for (c = vcases; c->in != NULL; c++) {
		bad = 999;
		if (utf8_valid(c->in, strlen(c->in), &bad) != c->ok)
			fail_msg("'%s': want ok=%d", c->in, c->ok);
		if (!c->ok && bad != c->bad)
			fail_msg("'%s': bad at %zu, want %zu", c->in, bad, c->bad);
	}
}

/*
 * Our validator agrees with utf8proc on every 1-, 2- and 3-byte string,
 * but for U+FFFE and U+FFFF, which it refuses on purpose.
 */
static void
test_against_utf8proc(void **state)
{
	unsigned char b[4];
	utf8proc_int32_t cp;
	unsigned long i;

	(void)state;
	for (i = 0; i < (1UL << 24); i++) {
		int n = i < 256 ? 1 : i < 65536 ? 2 : 3, k, ours, theirs;
		utf8proc_ssize_t len;

		for (k = 0; k < n; k++)
			b[k] = (unsigned char)(i >> (8 * (n - 1 - k)));
		if (n == 2 && b[0] == 0)
			continue;
		if (n == 3 && b[0] == 0)
			continue;
		ours = utf8_seqlen(b, (size_t)n);
		len = utf8proc_iterate(b, n, &cp);
		theirs = len > 0 ? (int)len : 0;
		if (theirs == 3 && (cp == 0xFFFE || cp == 0xFFFF))
			theirs = 0;	/* ours refuses the two non-characters */
		if (ours != theirs)
			fail_msg("bytes %02X %02X %02X (n=%d): ours %d, utf8proc "
			    "%d", b[0], n > 1 ? b[1] : 0, n > 2 ? b[2] : 0, n,
			    ours, theirs);
	}
	/* 4-byte leads with every second byte, fixed tails */
	for (i = 0; i < 256 * 256; i++) {
		utf8proc_ssize_t len;

		b[0] = (unsigned char)(i >> 8);
		b[1] = (unsigned char)i;
		b[2] = 0x80;
		b[3] = 0xBF;
		len = utf8proc_iterate(b, 4, &cp);
		assert_int_equal(utf8_seqlen(b, 4), len > 0 ? len : 0);
	}
}

static void
test_nfc(void **state)
{
	/* "Hội" composed (U+1ED9) and decomposed in both mark orders */
	static const char composed[] = "H\xE1\xBB\x99i";
	static const char decomposed[] = "Ho\xCC\xA3\xCC\x82i";
	static const char other_order[] = "Ho\xCC\x82\xCC\xA3i";
	/* "Nguyễn" with a precomposed ê plus a combining tilde */
	static const char mixed[] = "Nguy\xC3\xAA\xCC\x83n";
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_int_equal(utf8_nfc_append(&sb, decomposed, strlen(decomposed)), 0);
	assert_string_equal(sb.buf, composed);
	sbuf_reset(&sb);
	assert_int_equal(utf8_nfc_append(&sb, other_order,
	    strlen(other_order)), 0);
	assert_string_equal(sb.buf, composed);
	sbuf_reset(&sb);
	assert_int_equal(utf8_nfc_append(&sb, mixed, strlen(mixed)), 0);
	assert_string_equal(sb.buf, "Nguy\xE1\xBB\x85n");
	sbuf_reset(&sb);
	assert_int_equal(utf8_nfc_append(&sb, "ASCII", 5), 0);
	assert_string_equal(sb.buf, "ASCII");
	assert_int_equal(utf8_nfc_append(&sb, "\xFF", 1), -1);
	assert_string_equal(sb.buf, "ASCII");
	sbuf_release(&sb);
	assert_true(utf8_nfc_equal(composed, strlen(composed), decomposed,
	    strlen(decomposed)));
	assert_true(utf8_nfc_equal(decomposed, strlen(decomposed), other_order,
	    strlen(other_order)));
	assert_false(utf8_nfc_equal(composed, strlen(composed), "Hoi", 3));
	assert_true(utf8_ascii("abc", 3));
	assert_false(utf8_ascii(composed, strlen(composed)));
}

/*
 * A run of combining marks: UAX #15's Stream-Safe Text Process puts a CGJ
 * before every 31st in a row, so that normalizing a field of a million
 * marks in alternating classes (ordered by a quadratic sort in utf8proc)
 * takes a moment, not hours.
 */
static void
test_nfc_stream_safe(void **state)
{
	struct sbuf in = SBUF_INIT, want = SBUF_INIT, sb = SBUF_INIT;
	int i;

	(void)state;
	sbuf_addc(&in, 'a');
	sbuf_adds(&want, "\xC3\xA1");		/* a + the first acute */
	for (i = 1; i <= 100; i++) {
		sbuf_adds(&in, "\xCC\x81");	/* U+0301 */
		if (i > 1)
			sbuf_adds(&want, "\xCC\x81");
		if (i % 30 == 0)
			sbuf_adds(&want, "\xCD\x8F");	/* U+034F CGJ */
	}
	assert_int_equal(utf8_nfc_append(&sb, in.buf, in.len), 0);
	assert_string_equal(sb.buf, want.buf);
	/* Vietnamese stacks two marks: left as NFC has it */
	sbuf_reset(&sb);
	assert_int_equal(utf8_nfc_append(&sb, "e\xCC\xA3\xCC\x82", 5), 0);
	assert_string_equal(sb.buf, "\xE1\xBB\x87");
	/* 1 MB of marks in alternating classes 230 and 220 */
	sbuf_reset(&in);
	sbuf_addc(&in, 'a');
	for (i = 0; i < 250000; i++)
		sbuf_adds(&in, "\xCC\x81\xCC\xA3");
	sbuf_reset(&sb);
	assert_int_equal(utf8_nfc_append(&sb, in.buf, in.len), 0);
	assert_true(sb.len > in.len);
	sbuf_release(&in);
	sbuf_release(&want);
	sbuf_release(&sb);
}

static void
test_cp1258(void **state)
{
	/* "Lê Thị Bình" in Windows-1258: ê=EA, dot below=F2, grave=CC */
	static const char in[] = "L\xEA Thi\xF2 Bi\xCCnh\n";
	FILE *src = fmemopen((void *)in, sizeof(in) - 1, "rb");
	FILE *dst = tmpfile();
	char buf[64];
	size_t n;
	const char *err = NULL;
	struct sbuf sb = SBUF_INIT;

	(void)state;
	assert_non_null(src);
	assert_non_null(dst);
	assert_int_equal(cp1258_to_utf8(src, dst, &err), 0);
	rewind(dst);
	n = fread(buf, 1, sizeof(buf) - 1, dst);
	buf[n] = '\0';
	/* iconv gives the tone mark as a combining character: normalize */
	assert_int_equal(utf8_nfc_append(&sb, buf, n), 0);
	assert_string_equal(sb.buf, "L\xC3\xAA Th\xE1\xBB\x8B B\xC3\xACnh\n");
	sbuf_release(&sb);
	fclose(src);
	fclose(dst);
}

/*
 * Where a byte CP1258 does not define is, past the first 8 KiB read: the
 * offset and line count on across the reads, the column from the line's
 * start (which lies in an earlier read).
 */
static void
test_cp1258_position(void **state)
{
	static const char line[] = "L\xEA Thi\xF2 Bi\xCCnh, Ph\xF2ng N\xF4i v\xF5\n";
	const long n = 600, len = (long)sizeof(line) - 1;
	FILE *src = tmpfile(), *dst = tmpfile();
	struct cp1258_pos pos;
	const char *err = NULL;
	long i;

	(void)state;
	assert_non_null(src);
	assert_non_null(dst);
	for (i = 0; i < n; i++)
		fputs(line, src);
	fputs("abc\x81\n", src);		/* 0x81: not in CP1258 */
	rewind(src);
	assert_int_equal(cp1258_to_utf8_at(src, dst, &err, &pos), -1);
	assert_true(pos.valid);
	assert_true(n * len > 2 * 8192);	/* the byte is in a later read */
	assert_int_equal(pos.off, n * len + 3);
	assert_int_equal(pos.line, n + 1);
	assert_int_equal(pos.col, 4);
	assert_int_equal(pos.byte, 0x81);
	fclose(src);
	fclose(dst);
}

/* Whole streams, with a sequence across the 64 KiB block boundary. */
static void
test_valid_stream(void **state)
{
	static const struct { const char *tail; int ok; } t[] = {
		{ "\xE1\xBB\x8B", 1 },	/* ị straddles the boundary */
		{ "\xE1\xBB", 0 },		/* cut at the end of the file */
		{ "\xF2ng", 0 },		/* CP1258 "òng" */
		{ "", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		FILE *fp = tmpfile();
		int k;

		assert_non_null(fp);
		for (k = 0; k < 65535; k++)
			fputc('a', fp);
		fputs(t[i].tail, fp);
		rewind(fp);
		assert_int_equal(utf8_valid_stream(fp), t[i].ok);
		fclose(fp);
	}
}

static void
test_chars_and_utf16(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("Phòng Nội vụ"), 12);
	assert_int_equal(utf8_chars("\xF0\x9F\x98\x80" "a"), 2);
	assert_string_equal(utf8_utf16_guess(0xFF, 0xFE), "UTF-16");
	assert_string_equal(utf8_utf16_guess(0xFE, 0xFF), "UTF-16");
	assert_string_equal(utf8_utf16_guess('u', 0), "UTF-16LE");
	assert_string_equal(utf8_utf16_guess(0, 'u'), "UTF-16BE");
	assert_null(utf8_utf16_guess(0, 0));
	assert_null(utf8_utf16_guess(0xEA, 'x'));	/* Windows-1258 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_table),
		cmocka_unit_test(test_against_utf8proc),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_nfc_stream_safe),
		cmocka_unit_test(test_cp1258),
		cmocka_unit_test(test_cp1258_position),
		cmocka_unit_test(test_valid_stream),
		cmocka_unit_test(test_chars_and_utf16),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
