/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/tmpl.c: values (NFC, "\n"), keys in file order, the
 * line of each section and key, names written twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#undef malloc
#undef calloc
#undef realloc
#undef free

#include "lib/diag.h"
#include "lib/tmpl.h"

static char path[64];

/* Writes text to a new temporary file, named in path. */
static void
write_tmp(const char *text)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_tmpl.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_values_and_lines(void **state)
{
	struct tmpl *t;
	const struct tmpl_item *it;
	size_t n;
	int nk;
	const char *const *k;

	(void)state;
	write_tmp("; a comment\n"
	    "[Report]\n"
	    "title = BA\xCC\x81O CA\xCC\x81O\n"		/* decomposed: NFD */
	    "intro = one\\ntwo\n"
	    "\n"
	    "[table.x]\n"
	    "columns = a, b\n"
	    "Title = X\n");
	t = tmpl_load(path);
	unlink(path);
	assert_non_null(t);
	assert_string_equal(tmpl_get(t, "report", "title", NULL),
	    "B\xC3\x81O C\xC3\x81O");		/* NFC: BÁO CÁO */
	assert_string_equal(tmpl_get(t, "report", "intro", NULL), "one\ntwo");
	assert_string_equal(tmpl_get(t, "report", "none", "def"), "def");
	k = tmpl_keys(t, "table.x", &nk);
	assert_int_equal(nk, 2);
	assert_string_equal(k[0], "columns");
	assert_string_equal(k[1], "title");
	/* lines: sections and keys, names folded as iniparser does */
	assert_int_equal(tmpl_line(t, "report", NULL), 2);
	assert_int_equal(tmpl_line(t, "REPORT", "Title"), 3);
	assert_int_equal(tmpl_line(t, "report", "intro"), 4);
	assert_int_equal(tmpl_line(t, "table.x", NULL), 6);
	assert_int_equal(tmpl_line(t, "table.x", "title"), 8);
	assert_int_equal(tmpl_line(t, "table.x", "intro"), 0);
	assert_int_equal(tmpl_line(t, "nothere", NULL), 0);
	it = tmpl_items(t, &n);
	assert_int_equal(n, 6);
	assert_string_equal(it[0].sec, "report");
	assert_null(it[0].key);
	assert_string_equal(it[5].sec, "table.x");
	assert_string_equal(it[5].key, "title");
	assert_int_equal(tmpl_lint_repeats(t), 0);
	tmpl_free(t);
}

static void
test_repeats(void **state)
{
	struct tmpl *t;
	long before = diag_errors();

	(void)state;
	write_tmp("[a]\n"
	    "x = 1\n"
	    "y = 2\n"
	    "X = 3\n"		/* line 4: x again */
	    "[b]\n"
	    "x = 4\n"		/* another section: not a repeat */
	    "[A]\n"		/* line 7: [a] again */
	    "y = 5\n");		/* line 8: y again in [a] */
	t = tmpl_load(path);
	unlink(path);
	assert_non_null(t);
	assert_string_equal(tmpl_get(t, "a", "x", NULL), "3");	/* the last */
	assert_int_equal(tmpl_line(t, "a", "x"), 4);	/* the one used */
	assert_int_equal(tmpl_line(t, "a", NULL), 1);	/* the first header */
	assert_int_equal(tmpl_lint_repeats(t), 3);
	assert_int_equal(diag_errors() - before, 3);
	tmpl_free(t);
}

static void
test_syntax_error(void **state)
{
	(void)state;
	/* iniparser takes any bytes; iniread refuses invalid UTF-8 */
	write_tmp("[a]\nx = L\xEA\n");
	assert_null(tmpl_load(path));
	unlink(path);
	assert_null(tmpl_load("/nonexistent/template.ini"));
}

/*
 * A byte-order mark (Windows Notepad saves UTF-8 with one) is no text
 * before the first section: the template loads, its lines as written.
 */
static void
test_bom(void **state)
{
	struct tmpl *t;

	(void)state;
	write_tmp("\xEF\xBB\xBF[workbook]\r\nsheets = a\r\n\r\n[sheet.a]\r\n"
	    "name = T\xE1\xBB\x95ng h\xE1\xBB\xA3p\r\n");
	t = tmpl_load(path);
	unlink(path);
	assert_non_null(t);
	assert_string_equal(tmpl_get(t, "workbook", "sheets", NULL), "a");
	assert_string_equal(tmpl_get(t, "sheet.a", "name", NULL),
	    "T\xE1\xBB\x95ng h\xE1\xBB\xA3p");
	assert_int_equal(tmpl_line(t, "workbook", NULL), 1);
	assert_int_equal(tmpl_line(t, "sheet.a", "name"), 5);
	tmpl_free(t);
	/* UTF-16 (Notepad's "Unicode"): refused, with how to convert it */
	write_tmp("\xFF\xFE[\0a\0]\0\n\0");
	assert_null(tmpl_load(path));
	unlink(path);
}

/* "{key}" filled in, other braces kept as written */
static void
test_fill(void **state)
{
	char *s;

	(void)state;
	s = tmpl_fill("MT{n}. {label} {x} {", "n", "3");
	assert_string_equal(s, "MT3. {label} {x} {");
	free(s);
	s = tmpl_fill("Chỉ có {responses} phiếu", "responses", "23");
	assert_string_equal(s, "Chỉ có 23 phiếu");
	free(s);
	/* a key that begins another's name fills only its own */
	s = tmpl_fill("{from} {from_day}", "from", "01/10/2026");
	assert_string_equal(s, "01/10/2026 {from_day}");
	free(s);
}

/*
 * A "{name}" not filled in is a mistake at its line; other braces ("{",
 * "{}", "{ x }", "{2}") are text. Case matters: {MONTHS} is not {months}.
 * One key may have placeholders of its own (a footer's {page}), known
 * there alone.
 */
static void
test_placeholders(void **state)
{
	static const char *const known[] = { "months", "rate", NULL };
	static const char *const own[] = { "b_c", NULL };
	struct tmpl *t;
	long before = diag_errors();

	(void)state;
	write_tmp("[a]\n"
	    "x = {months} th\xC3\xA1ng, {rate}, { x }, {}, {2}, {\n"
	    "y = {monts} {MONTHS}\n"	/* line 3: two mistakes */
	    "[b]\n"
	    "z = {rat\n"		/* unclosed: text */
	    "w = a {b_c}\n");		/* line 6 */
	t = tmpl_load(path);
	unlink(path);
	assert_non_null(t);
	assert_int_equal(tmpl_lint_placeholders(t, known, NULL, NULL, NULL),
	    3);
	assert_int_equal(diag_errors() - before, 3);
	/* {b_c} of [b] w is known there; [a] x is checked with own too */
	assert_int_equal(tmpl_lint_placeholders(t, known, "B", "w", own), 2);
	assert_int_equal(tmpl_lint_placeholders(t, known, "a", "x", own), 5);
	assert_int_equal(diag_errors() - before, 10);
	tmpl_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_lines),
		cmocka_unit_test(test_repeats),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_placeholders),
	};

	diag_init("test_tmpl");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
