/* SPDX-License-Identifier: ISC */
/* Unit tests of baocao-check's helpers: unit codes, quoting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
/* the program and the library allocate with the real malloc */
#undef malloc
#undef calloc
#undef realloc
#undef free

/* main is hidden; what only main calls is unused here */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "baocao-check.c"

static void
test_unit_codes(void **state)
{
	static const struct {
		const char *code;
		int ok;
	} t[] = {
		{ "PNV", 1 }, { "A", 1 }, { "A_B-9", 1 }, { "MOTCUA", 1 },
		{ "ABCDEFGHIJKLMNOP", 1 },		/* 16 */
		{ "ABCDEFGHIJKLMNOPQ", 0 },		/* 17 */
		{ "", 0 }, { "pnv", 0 }, { "Pnv", 0 }, { "../PNV", 0 },
		{ "..", 0 }, { "PNV/", 0 }, { "P NV", 0 }, { "P.NV", 0 },
		{ "M\xE1\xBB\x98T", 0 },		/* MỘT */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (unit_code_valid(t[i].code, strlen(t[i].code)) != t[i].ok)
			fail_msg("'%s': want %d", t[i].code, t[i].ok);
}

static void
test_show(void **state)
{
	char big[200];

	(void)state;
	assert_string_equal(show("a\tb\nc", 5), "a?b?c");
	assert_string_equal(show("L\xEA", 2), "L?");
	memset(big, 'x', sizeof(big));
	assert_int_equal(strlen(show(big, sizeof(big))), 63);
	/* a cut never splits a character: 30 two-byte letters fit exactly */
	{
		char v[100];
		int i;

		for (i = 0; i < 31; i++)
			memcpy(v + 2 * i, "\xC3\xAA", 2);
		assert_int_equal(strlen(show(v, 62)), 60 + 3);
		assert_true(utf8_valid(show(v, 62), 63, NULL));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_codes),
		cmocka_unit_test(test_show),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
