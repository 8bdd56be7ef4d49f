/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/countsum.c: sums that stop at 2^63-1 and say where. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/countsum.h"
#include "lib/diag.h"

/* What countsum_report() writes to standard error, into buf. */
static void
report_into(char *buf, size_t size)
{
	FILE *t = tmpfile();
	int saved = dup(2);
	size_t n;

	assert_non_null(t);
	fflush(stderr);
	dup2(fileno(t), 2);
	assert_true(countsum_report());
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(t);
	n = fread(buf, 1, size - 1, t);
	buf[n] = '\0';
	fclose(t);
}

/*
 * Sums up to 2^63-1 are exact and no error; the first sum past it is
 * remembered with the unit and period named before it, later ones and
 * later names do not replace it.
 */
static void
test_overflow_named(void **state)
{
	char buf[256];

	(void)state;
	diag_init("test");
	countsum_at("PNV", "2024-Q1");
	assert_int_equal(countsum_add(INT64_MAX - 1, 1), INT64_MAX);
	assert_int_equal(countsum_add(0, 0), 0);
	assert_false(countsum_overflowed());
	assert_false(countsum_report());
	countsum_at("VP", "2024-Q2");
	(void)countsum_add(INT64_MAX, 1);
	assert_true(countsum_overflowed());
	countsum_at("*", "2024");
	(void)countsum_add(INT64_MAX, INT64_MAX);
	report_into(buf, sizeof(buf));
	assert_string_equal(buf, "test: a sum of counts of VP in 2024-Q2 is "
	    "larger than 2^63-1\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overflow_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
