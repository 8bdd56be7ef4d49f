/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/xlsxnum.c: numbers that read back exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the library allocates comes from the real malloc(3). */
static void
real_free(void *p)
{
	free(p);
}

#include <cmocka.h>

#include "lib/xlsxnum.h"

/*
 * libxlsxwriter writes numbers as "%.16G": the sheet XML is rewritten so
 * each remembered number reads back as the same double; strings, blanks,
 * cells not remembered and numbers already exact are left alone.
 */
static void
test_exact_numbers(void **state)
{
	static const char xml[] =
	    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c>"
	    "<c r=\"B2\" s=\"3\"><v>0.02802802802802803</v></c>"
	    "<c r=\"C2\" s=\"3\"><f>SUM(B2:B2)</f><v>0.1666666666666667</v></c>"
	    "<c r=\"D2\" s=\"3\"><v>0.5</v></c><c r=\"E2\" s=\"3\"/>"
	    "<c r=\"AA2\"><v>0.4428152492668622</v></c></row>";
	char buf[40], *out;
	size_t n = 0;
	double v;

	(void)state;
	xlsxnum_reset();
	xlsxnum_add(1, 1, 1, 0.028028028028028028);
	xlsxnum_add(1, 1, 2, 1.0 / 6);
	xlsxnum_add(1, 1, 3, 0.5);
	xlsxnum_add(2, 1, 26, 0.44281524926686217);	/* another sheet's */
	snprintf(buf, sizeof(buf), "%.16G", 0.028028028028028028);
	v = strtod(buf, NULL);
	assert_true(v != 0.028028028028028028);	/* why this exists */
	out = xlsxnum_fix_sheet(xml, sizeof(xml) - 1, 1, &n);
	assert_non_null(out);
	assert_int_equal(n, strlen(out));
	assert_non_null(strstr(out, "<c r=\"B2\" s=\"3\"><v>0.028028028028028028</v>"));
	assert_non_null(strstr(out, "<f>SUM(B2:B2)</f><v>0.16666666666666666</v>"));
	assert_non_null(strstr(out, "<c r=\"D2\" s=\"3\"><v>0.5</v>"));
	assert_non_null(strstr(out, "<c r=\"A2\" t=\"s\"><v>0</v>"));
	assert_non_null(strstr(out, "<v>0.4428152492668622</v>"));
	real_free(out);
	/* nothing to change: NULL */
	assert_null(xlsxnum_fix_sheet(xml, sizeof(xml) - 1, 3, &n));
	xlsxnum_reset();
}

/*
 * A chart's value cache follows its cells: exact numbers, and no point
 * where the cell is empty (libxlsxwriter caches 0 there, a 0 bar).
 */
static void
test_chart_cache(void **state)
{
	static const char xml[] =
	    "<c:cat><c:strRef><c:strCache><c:pt idx=\"0\"><c:v>A</c:v></c:pt>"
	    "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache>"
	    "<c:ptCount val=\"3\"/>"
	    "<c:pt idx=\"0\"><c:v>0</c:v></c:pt>"
	    "<c:pt idx=\"1\"><c:v>0.02802802802802803</c:v></c:pt>"
	    "<c:pt idx=\"2\"><c:v>0.5</c:v></c:pt>"
	    "</c:numCache></c:numRef></c:val>";
	char *out;
	size_t n = 0;

	(void)state;
	xlsxnum_reset();
	xlsxnum_add(4, 9, 9, 0.028028028028028028);	/* J10 */
	xlsxnum_add(4, 10, 9, 0.5);			/* J11; J9 empty */
	xlsxnum_chart(1, 4, 8, 9);			/* J9 down */
	out = xlsxnum_fix_chart(xml, sizeof(xml) - 1, 1, &n);
	assert_non_null(out);
	assert_int_equal(n, strlen(out));
	assert_string_equal(out,
	    "<c:cat><c:strRef><c:strCache><c:pt idx=\"0\"><c:v>A</c:v></c:pt>"
	    "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:numCache>"
	    "<c:ptCount val=\"3\"/>"
	    "<c:pt idx=\"1\"><c:v>0.028028028028028028</c:v></c:pt>"
	    "<c:pt idx=\"2\"><c:v>0.5</c:v></c:pt>"
	    "</c:numCache></c:numRef></c:val>");
	real_free(out);
	assert_null(xlsxnum_fix_chart(xml, sizeof(xml) - 1, 2, &n));
	xlsxnum_reset();
}

/*
 * A chart title given to libxlsxwriter behind XLSXNUM_LITERAL (a title
 * starting with "=", which it takes for a formula) reads as typed: the
 * mark is removed from the title's text run, with or without a value
 * cache to fix, and a chart without one is left alone.
 */
static void
test_chart_title_literal(void **state)
{
	static const char xml[] = "<c:title><a:r><a:t>" XLSXNUM_LITERAL
	    "=HYPERLINK(&quot;x&quot;)</a:t></a:r></c:title>";
	static const char want[] = "<c:title><a:r><a:t>"
	    "=HYPERLINK(&quot;x&quot;)</a:t></a:r></c:title>";
	static const char plain[] = "<c:title><a:r><a:t>T" XLSXNUM_LITERAL
	    "</a:t></a:r></c:title>";
	size_t n = 0;
	char *out;

	(void)state;
	xlsxnum_reset();
	out = xlsxnum_fix_chart(xml, sizeof(xml) - 1, 1, &n);
	assert_non_null(out);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	real_free(out);
	assert_null(xlsxnum_fix_chart(plain, sizeof(plain) - 1, 1, &n));
	xlsxnum_reset();
}

/*
 * A carriage return that libxlsxwriter wrote as "_x000D_" becomes "&#13;";
 * a typed "_x000D_" (escaped "_x005F_x000D_"), other escapes and text
 * without one are left alone.
 */
static void
test_carriage_returns(void **state)
{
	static const char xml[] = "<si><t>_x000D_CR</t></si>"
	    "<si><t>a_x000d_b</t></si><si><t>_x005F_x000D_</t></si>"
	    "<si><t>__x005F_x000D__x0009_ _x00D_</t></si>";
	static const char want[] = "<si><t>&#13;CR</t></si>"
	    "<si><t>a&#13;b</t></si><si><t>_x005F_x000D_</t></si>"
	    "<si><t>__x005F_x000D__x0009_ _x00D_</t></si>";
	static const char plain[] = "<si><t>_x005F_x000D_ _x0009_</t></si>";
	size_t n = 0;
	char *out;

	(void)state;
	out = xlsxnum_fix_strings(xml, strlen(xml), &n);
	assert_non_null(out);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(out, want, n);
	real_free(out);
	assert_null(xlsxnum_fix_strings(plain, strlen(plain), &n));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_numbers),
		cmocka_unit_test(test_chart_cache),
		cmocka_unit_test(test_chart_title_literal),
		cmocka_unit_test(test_carriage_returns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
