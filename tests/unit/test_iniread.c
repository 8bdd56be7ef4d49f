/* SPDX-License-Identifier: ISC */
/* Unit tests of iniread: items, positions, comments, quotes, continuations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
/* the library allocates with the real malloc */
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "iniread.h"
#include "util.h"

/* Starts r reading the text in (a test's case); read_done() ends it. */
static FILE *
read_text(struct iniread *r, const char *in)
{
	FILE *fp = fmemopen((void *)in, strlen(in), "rb");

	assert_non_null(fp);
	iniread_init(r, fp);
	return fp;
}

static void
read_done(struct iniread *r, FILE *fp)
{
	iniread_release(r);
	fclose(fp);
}

/*
 * Describes every item: "[name]@LINE:COL" for a section, "name=<value>
 * @LINE:COL vCOL" for a key (q after vCOL when quoted), "error: MSG
 * @LINE:COL +OFF" for an error.
 */
static char *
describe(const char *text, size_t n)
{
	FILE *fp = fmemopen((void *)text, n, "rb");
	struct iniread r;
	struct sbuf sb = SBUF_INIT;
	int rv;

	assert_non_null(fp);
	iniread_init(&r, fp);
	while ((rv = iniread_next(&r)) != INI_END) {
		if (rv < 0)
			sbuf_printf(&sb, "error: %s @%ld:%ld +%lld%s%s\n",
			    r.errmsg, r.err_line, r.err_col, r.err_off,
			    r.err_key ? " key " : r.err_keyline ? " then " : "",
			    r.err_key || r.err_keyline ? sbuf_str(&r.name) : "");
		if (rv < 0 && r.err_keyline)
			rv = INI_KEY;	/* as baocao-check takes it */
		if (rv < 0)
			;
		else if (rv == INI_SECTION)
			sbuf_printf(&sb, "[%s]@%ld:%ld\n", sbuf_str(&r.name),
			    r.line, r.col);
		else
			sbuf_printf(&sb, "%s=<%s>@%ld:%ld v%ld%s\n",
			    sbuf_str(&r.name), sbuf_str(&r.value), r.line, r.col,
			    r.vcol, r.quoted ? " q" : "");
	}
	iniread_release(&r);
	fclose(fp);
	return sbuf_detach(&sb);
}

#define LOST "this line continues the comment above it, which ends in " \
	"'\\', and is not read; remove that '\\' "

struct tcase {
	const char	*name;
	const char	*in;
	const char	*want;
};

static const struct tcase cases[] = {
	{ "basic", "[tasks]\nplanned = 12\n",
	  "[tasks]@1:1\nplanned=<12>@2:1 v11\n" },
	{ "no spaces, indented", "  [ a ]\n\tk=v\n", "[a]@1:3\nk=<v>@2:2 v4\n" },
	{ "comments", "; c1\n# c2\n[s] ; c3\nk = v ; c4\nj = w # c5\n",
	  "[s]@3:1\nk=<v>@4:1 v5\nj=<w>@5:1 v5\n" },
	{ "semicolon inside a word stays", "k = 95%;x\n", "k=<95%;x>@1:1 v5\n" },
	{ "comment right after =", "k =; c\n", "k=<>@1:1 v4\n" },
	{ "empty value", "k =\n", "k=<>@1:1 v4\n" },
	{ "quoted keeps ; and #", "k = \"a ; b # c\" ; real\n",
	  "k=<a ; b # c>@1:1 v5 q\n" },
	{ "quoted escapes", "k = \"say \\\"hi\\\" \\\\ ok\"\n",
	  "k=<say \"hi\" \\ ok>@1:1 v5 q\n" },
	{ "continuation", "k = one \\\n    two\\\n three\nj = 1\n",
	  "k=<one two three>@1:1 v5\nj=<1>@4:1 v5\n" },
	{ "continuation at end of file", "k = a \\\n", "k=<a>@1:1 v5\n" },
	{ "a lone backslash is a line break",
	  "k = a \\\n  \\ \r\n  b \\\nc\nj = 1\n",
	  "k=<a\nb c>@1:1 v5\nj=<1>@5:1 v5\n" },
	{ "quoted across a continuation", "k = \"a; \\\n b\"\n",
	  "k=<a; b>@1:1 v5 q\n" },
	{ "a value opening on a continuation line has no column",
	  "k = \\\n   12\n", "k=<12>@1:1 v0\n" },
	{ "an item after blank continued lines is where its key is",
	  "  \\\n  k = 1\n", "k=<1>@2:3 v7\n" },
	{ "an unterminated quote on a continuation line, where it opens",
	  "k = \\\n    \"abc\n", "error: unterminated quoted value @2:5 +0 key k\n" },
	{ "text after a section header on a continuation line",
	  "[s] \\\n  x\n", "error: text after section header @2:3 +0\n" },
	{ "a comment ending in '\\' swallows the next line: an error there",
	  "; D:\\\nk = 1\nj = 2\n",
	  "error: " LOST "@2:1 +0\nj=<2>@3:1 v5\n" },
	{ "... after the key whose comment it ends",
	  "k = 1 ; D:\\\n  j = 2\nm = 3\n",
	  "k=<1>@1:1 v5\nerror: " LOST "@2:3 +0\nm=<3>@3:1 v5\n" },
	{ "... after the section header whose comment it ends",
	  "[s] ; D:\\\nj = 2\n", "[s]@1:1\nerror: " LOST "@2:1 +0\n" },
	{ "... after a quoted value",
	  "k = \"a;b\" ; D:\\\nj = 2\n",
	  "k=<a;b>@1:1 v5 q\nerror: " LOST "@2:1 +0\n" },
	{ "a comment continued on a comment or a blank line loses nothing",
	  "; a \\\n ; b \\\n\nk = 1\n", "k=<1>@4:1 v5\n" },
	{ "CRLF and BOM", "\xEF\xBB\xBF[s]\r\nk = v\r\n",
	  "[s]@1:1\nk=<v>@2:1 v5\n" },
	{ "UTF-8 columns", "tên = Lê\n", "tên=<Lê>@1:1 v8\n" },
	{ "missing ]", "[s\nk = v\n",
	  "error: missing ']' in section header @1:1 +0\nk=<v>@2:1 v5\n" },
	{ "empty section", "[ ]\n", "error: empty section name @1:1 +0\n" },
	{ "text after section", "[s] x\n",
	  "error: text after section header @1:5 +0\n" },
	{ "no =", "just words\n",
	  "error: expected 'key = value', '[section]' or a comment @1:1 +0\n" },
	{ "a byte-order mark starting a later line (files joined)",
	  "[s]\n\xEF\xBB\xBF; c\n\xEF\xBB\xBF" "[t]\n",
	  "[s]@1:1\nerror: an invisible byte-order mark (U+FEFF) starts this "
	  "line (two files joined?): delete it @2:1 +0\n"
	  "error: an invisible byte-order mark (U+FEFF) starts this "
	  "line (two files joined?): delete it @3:1 +0\n" },
	{ "a key after a byte-order mark: an error, and the key without it",
	  "[s]\n\xEF\xBB\xBFk = v\n", "[s]@1:1\nerror: an invisible "
	  "byte-order mark (U+FEFF) starts this line (two files joined?): "
	  "delete it @2:1 +0 then k\nk=<v>@2:1 v8\n" },
	{ "... a bad key line after it: its own error",
	  "[s]\n\xEF\xBB\xBF = v\n\xEF\xBB\xBFk = \"v\n",
	  "[s]@1:1\nerror: missing key before '=' @2:1 +0\n"
	  "error: unterminated quoted value @3:8 +0 key k\n" },
	{ "a BOM before a broken header: the header's own error",
	  "\xEF\xBB\xBF\xEF\xBB\xBF[s\n",
	  "error: missing ']' in section header @1:1 +0\n" },
	{ "a BOM written twice", "\xEF\xBB\xBF\xEF\xBB\xBF[s]\n",
	  "error: an invisible byte-order mark (U+FEFF) starts this "
	  "line (two files joined?): delete it @1:1 +0\n" },
	{ "no key", " = 5\n", "error: missing key before '=' @1:2 +0\n" },
	{ "unterminated quote", "k = \"abc\n",
	  "error: unterminated quoted value @1:5 +0 key k\n" },
	{ "text after a quoted phrase: the quotes are text",
	  "k = \"a\"  b ; c\n", "k=<\"a\"  b>@1:1 v5\n" },
	{ "a quoted phrase keeps its ' ;' and ' #'",
	  "k = \"Một cửa ; hai # ba\" tốt ; c\n",
	  "k=<\"Một cửa ; hai # ba\" tốt>@1:1 v5\n" },
	{ "a quoted phrase and a quoted comment char",
	  "k = \"Một cửa\" tốt;x\n", "k=<\"Một cửa\" tốt;x>@1:1 v5\n" },
	{ "invalid UTF-8 stops", "[s]\nk = L\xEA\nj = 1\n",
	  "[s]@1:1\nerror: invalid UTF-8 @2:6 +9\n" },
	{ "NUL", "[s]\nk = a\0b\n", NULL },
	{ "CR-only line ends", "[s]\rk = 1\r",
	  "error: carriage return (CR) without a line feed (LF) @1:4 +3\n" },
	{ "lone CR inside a line", "[s]\r\nk = a\rb\r\n",
	  "[s]@1:1\nerror: carriage return (CR) without a line feed (LF) "
	  "@2:6 +10\n" },
	{ NULL, NULL, NULL }
};

static void
test_table(void **state)
{
	const struct tcase *c;
	char *got;

	(void)state;
	for (c = cases; c->name != NULL; c++) {
		if (c->want == NULL)
			continue;
		got = describe(c->in, strlen(c->in));
		if (strcmp(got, c->want) != 0)
			fail_msg("%s:\n got: %s want: %s", c->name, got, c->want);
		free(got);
	}
}

static void
test_nul(void **state)
{
	static const char in[] = "[s]\nk = a\0b\n";
	char *got;

	(void)state;
	got = describe(in, sizeof(in) - 1);
	assert_string_equal(got, "[s]@1:1\nerror: NUL byte @2:6 +9\n");
	free(got);
}

/* iniparser 4.1 fails past ~1022 bytes a line; we take any length. */
static void
test_long_value(void **state)
{
	struct sbuf in = SBUF_INIT, want = SBUF_INIT;
	char *got;
	int i;

	(void)state;
	sbuf_adds(&in, "[narrative]\nstrengths = ");
	sbuf_adds(&want, "[narrative]@1:1\nstrengths=<");
	for (i = 0; i < 2000; i++) {
		sbuf_adds(&in, "Hoàn thành. ");
		sbuf_adds(&want, "Hoàn thành.");
		if (i < 1999)
			sbuf_addc(&want, ' ');
	}
	sbuf_adds(&in, "\\\n  end\n");
	sbuf_adds(&want, " end>@2:1 v13\n");
	got = describe(in.buf, in.len);
	assert_true(in.len > 20000);
	assert_string_equal(got, want.buf);
	free(got);
	sbuf_release(&in);
	sbuf_release(&want);
}

/*
 * Where an unquoted value ends for each reader: vcut, where a number, date
 * or code ends (its first ';' or '#'); cline/ccol/cchar, where a comment
 * after it starts, so a reader of text can say what it loses (none after
 * a quoted value or an empty one, and a ';' that follows a letter is
 * text).
 */
static void
test_value_end(void **state)
{
	static const struct {
		const char *in;
		size_t cut;
		long line, col;
		char c;
	} c[] = {
		{ "k = 12;note\n", 2, 0, 0, 0 },
		{ "k = 12 ;note\n", 2, 1, 8, ';' },
		{ "k = 2024-03#x\n", 7, 0, 0, 0 },
		{ "k = 95%;x y\n", 3, 0, 0, 0 },
		{ "k = \"a;b\"\n", 3, 0, 0, 0 },
		{ "k = plain\n", 5, 0, 0, 0 },
		{ "k = a ;b\n", 1, 1, 7, ';' },
		{ "k =;x\n", 0, 0, 0, 0 },
		{ "k = Tốt ; cần\n", 5, 1, 11, ';' },
		{ "k = a\\\n  b # c\n", 3, 2, 5, '#' },
		{ "k = \"a ; b\" ; note\n", 5, 0, 0, 0 },
		{ "k = ; only a comment\n", 0, 0, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct iniread r;
		FILE *fp = read_text(&r, c[i].in);

		assert_int_equal(iniread_next(&r), INI_KEY);
		if (r.vcut != c[i].cut)
			fail_msg("%s: vcut %zu, want %zu", c[i].in, r.vcut,
			    c[i].cut);
		if (r.cline != c[i].line || r.ccol != c[i].col ||
		    (c[i].line > 0 && r.cchar != c[i].c))
			fail_msg("%s: comment at %ld:%ld '%c', want %ld:%ld",
			    c[i].in, r.cline, r.ccol, r.cchar, c[i].line,
			    c[i].col);
		read_done(&r, fp);
	}
}

/*
 * A section header without its ']' is an error that still names the
 * section (err_section): what follows '[' up to a comment, trimmed.
 */
static void
test_header_without_bracket(void **state)
{
	static const struct { const char *in, *name; int section; } c[] = {
		{ "[tasks\n", "tasks", 1 },
		{ "  [ tasks   ; note\n", "tasks", 1 },
		{ "[\n", "", 0 },
		{ "[ ; note\n", "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct iniread r;
		FILE *fp = read_text(&r, c[i].in);

		assert_int_equal(iniread_next(&r), -1);
		assert_string_equal(r.errmsg, "missing ']' in section header");
		assert_int_equal(r.err_section, c[i].section);
		assert_string_equal(sbuf_str(&r.name), c[i].name);
		read_done(&r, fp);
	}
}

/* Line numbers count physical lines, continuations included. */
static void
test_lines_after_continuation(void **state)
{
	static const char in[] = "a = 1 \\\n2 \\\n3\n\n; c\nb = 4\n";
	char *got;

	(void)state;
	got = describe(in, sizeof(in) - 1);
	assert_string_equal(got, "a=<1 2 3>@1:1 v5\nb=<4>@6:1 v5\n");
	free(got);
}

/*
 * A line over INIREAD_LINE_MAX, physical or joined from continuations, is
 * an error at its first line and ends the file; one of exactly the limit
 * is read.
 */
static void
test_line_max(void **state)
{
	size_t lim = (size_t)INIREAD_LINE_MAX, n, i;
	char *in = malloc(2 * lim + 64), *got;

	(void)state;
	assert_non_null(in);
	/* "k = " + value: a physical line of exactly the limit */
	memcpy(in, "[s]\nk = ", 8);
	memset(in + 8, 'a', lim - 4);
	n = 8 + lim - 4;
	memcpy(in + n, "\nz = 1\n", 7);
	n += 7;
	got = describe(in, n);
	assert_int_equal(strlen(got), lim - 4 +
	    strlen("[s]@1:1\nk=<>@2:1 v5\nz=<1>@3:1 v5\n"));
	free(got);
	/* one byte more */
	memcpy(in, "[s]\nk = ", 8);
	memset(in + 8, 'a', lim - 3);
	n = 8 + lim - 3;
	memcpy(in + n, "\nz = 1\n", 7);
	got = describe(in, n + 7);
	assert_string_equal(got, "[s]@1:1\nerror: line longer than 16 MiB "
	    "@2:0 +4\n");
	free(got);
	/* continuation lines of 1 KiB adding up to more than the limit */
	memcpy(in, "[s]\nk = ", 8);
	n = 8;
	for (i = 0; n + 1100 < 2 * lim; i++) {
		memset(in + n, 'b', 1024);
		n += 1024;
		memcpy(in + n, " \\\n", 3);
		n += 3;
	}
	memcpy(in + n, "end\n", 4);
	got = describe(in, n + 4);
	assert_non_null(strstr(got, "error: line longer than 16 MiB @2:0"));
	assert_null(strstr(got, "k=<"));
	free(got);
	free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_long_value),
		cmocka_unit_test(test_lines_after_continuation),
		cmocka_unit_test(test_header_without_bracket),
		cmocka_unit_test(test_value_end),
		cmocka_unit_test(test_line_max),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
