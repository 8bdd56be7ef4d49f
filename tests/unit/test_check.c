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

/*
 * The second thread of a split survey reads the file by name: when that
 * name is another file by then (saved again, renamed over the old one), it
 * reads nothing and the reader reads on alone.
 */
static void
test_split_replaced_file(void **state)
{
	char a[] = "/tmp/test_check.XXXXXX", b[] = "/tmp/test_check.XXXXXX";
	int fa = mkstemp(a), fb = mkstemp(b);
	struct split sp;
	struct stat st;
	FILE *fp;

	(void)state;
	assert_true(fa >= 0 && fb >= 0);
	assert_int_equal(write(fb, "unit,date\nX,Y\n", 15), 15);
	assert_int_equal(fstat(fa, &st), 0);
	memset(&sp, 0, sizeof(sp));
	sp.path = b;			/* the name now names b ... */
	sp.dev = st.st_dev;		/* ... but the reader has a open */
	sp.ino = st.st_ino;
	sp.start = 10;
	split_main(&sp);
	assert_int_equal(sp.ne, 0);
	assert_true(sp.stop_off == sp.start);
	fp = fopen(b, "rb");
	assert_non_null(fp);
	assert_false(same_file(fp, st.st_dev, st.st_ino));
	assert_int_equal(fstat(fb, &st), 0);
	assert_true(same_file(fp, st.st_dev, st.st_ino));
	fclose(fp);
	close(fa);
	close(fb);
	unlink(a);
	unlink(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_codes),
		cmocka_unit_test(test_show),
		cmocka_unit_test(test_split_replaced_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
