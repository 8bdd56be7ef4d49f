/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/docreg.c: the register of issued reports' numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* read_file() allocates with libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

#include "lib/diag.h"
#include "lib/docreg.h"
#include "lib/util.h"

#define D1 "1111111111111111111111111111111111111111111111111111111111111111"
#define D2 "2222222222222222222222222222222222222222222222222222222222222222"

static char path[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_docreg.XXXXXX");
	assert_non_null(mkdtemp(path));
	strcat(path, "/so.csv");
	return 0;
}

static int
teardown(void **state)
{
	char dir[64];

	(void)state;
	unlink(path);
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(path, '/') - path),
	    path);
	rmdir(dir);
	return 0;
}

static enum docreg_status
take(const char *period, const char *digest, const char *date, long want,
    struct docreg_entry *e)
{
	return docreg_take(path, period, digest, date, want, "BC-UBND",
	    "Báo cáo, \"thử\"", e);
}

/* Numbers run 1, 2, … per year of issue; a new year starts again at 1. */
static void
test_sequence_per_year(void **state)
{
	struct docreg_entry e;

	(void)state;
	assert_int_equal(take("2024-11", D1, "2024-12-20", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 1);
	assert_string_equal(e.symbol, "01/BC-UBND");
	assert_int_equal(take("2024-12", D1, "2024-12-30", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 2);
	assert_int_equal(take("2024-Q4", D1, "2025-01-06", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 1);
	assert_int_equal(e.year, 2025);
	assert_string_equal(e.date, "2025-01-06");
	assert_int_equal(take("2025-01", D1, "06/02/2025", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 2);
	assert_string_equal(e.date, "2025-02-06");
}

/*
 * The same report asked again keeps its number and date; the same period
 * made from other inputs is another document.
 */
static void
test_existing_and_new_version(void **state)
{
	struct docreg_entry e;

	(void)state;
	assert_int_equal(take("2024-11", D1, "2024-12-20", 0, &e), DOCREG_NEW);
	assert_int_equal(take("2024-11", D1, "2024-12-28", 0, &e),
	    DOCREG_EXISTING);
	assert_int_equal(e.number, 1);
	assert_string_equal(e.date, "2024-12-20");
	assert_int_equal(docreg_find(path, "2024-11", D1, &e), 1);
	assert_int_equal(docreg_find(path, "2024-11", D2, &e), 0);
	assert_int_equal(take("2024-11", D2, "2024-12-28", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 2);
}

/* A number asked for is given when free in its year, refused when not. */
static void
test_wanted_number(void **state)
{
	struct docreg_entry e;

	(void)state;
	assert_int_equal(take("2024-10", D1, "2024-11-05", 124, &e),
	    DOCREG_NEW);
	assert_string_equal(e.symbol, "124/BC-UBND");
	assert_int_equal(take("2024-11", D1, "2024-12-05", 0, &e), DOCREG_NEW);
	assert_int_equal(e.number, 125);
	assert_int_equal(take("2024-12", D1, "2024-12-30", 125, &e),
	    DOCREG_TAKEN);
	assert_string_equal(e.period, "2024-11");
	assert_int_equal(take("2024-12", D1, "2025-01-03", 125, &e),
	    DOCREG_NEW);	/* 125 of 2025 is free */
}

/* The file a clerk reads: header, one line per number, subject quoted. */
static void
test_file_text(void **state)
{
	struct docreg_entry e;
	char *text;

	(void)state;
	take("2024-11", D1, "2024-12-20", 0, &e);
	assert_non_null(text = read_file(path, NULL));
	assert_string_equal(text,
	    "nam,so,ky_hieu,ngay,ky_bao_cao,dau_vao,trich_yeu\n"
	    "2024,1,01/BC-UBND,2024-12-20,2024-11," D1 ","
	    "\"Báo cáo, \"\"thử\"\"\"\n");
	libc_free(text);
}

/* A damaged register is reported at its line, never renumbered over. */
static void
test_malformed(void **state)
{
	struct docreg_entry e;
	FILE *fp;

	(void)state;
	diag_init("test");
	take("2024-11", D1, "2024-12-20", 0, &e);
	assert_non_null(fp = fopen(path, "a"));
	fputs("2024,x,1/BC-UBND,2024-12-21,2024-12," D2 ",\"\"\n", fp);
	fclose(fp);
	assert_int_equal(take("2024-12", D1, "2024-12-30", 0, &e), DOCREG_BAD);
	assert_int_equal(docreg_find(path, "2024-11", D1, &e), -1);
	assert_true(diag_errors() >= 2);
	diag_reset();
	assert_int_equal(docreg_take(path, "2024-12", D1, "2024-12-30", 0,
	    "BC,UBND", "x", &e), DOCREG_BAD);	/* breaks the CSV */
	diag_reset();
}

/*
 * A NUL byte in the register hid the entries after it (the text was read
 * as a C string): a number already given was given again. It is refused.
 */
static void
test_nul_byte(void **state)
{
	struct docreg_entry e;
	char *text;
	FILE *fp;

	(void)state;
	diag_init("test");
	take("2024-11", D1, "2024-12-20", 0, &e);
	take("2024-12", D1, "2024-12-30", 0, &e);
	assert_non_null(text = read_file(path, NULL));
	assert_non_null(fp = fopen(path, "w"));
	/* the NUL just before the first entry's line break */
	fwrite(text, 1, (size_t)(strchr(strchr(text, '\n') + 1, '\n') -
	    text), fp);
	fputc('\0', fp);
	fputs(strchr(strchr(text, '\n') + 1, '\n'), fp);
	fclose(fp);
	assert_int_equal(docreg_find(path, "2024-12", D1, &e), -1);
	assert_int_equal(take("2025-01", D1, "2025-02-03", 0, &e), DOCREG_BAD);
	assert_true(diag_errors() >= 2);
	diag_reset();
	libc_free(text);
}

/* Two clerks at once never get one number: 8 processes, 8 numbers. */
static void
test_concurrent(void **state)
{
	enum { N = 8, EACH = 5 };
	struct docreg_entry e;
	char period[32], seen[N * EACH + 1];
	pid_t pids[N];
	int i, k, status;
	FILE *fp;

	(void)state;
	for (i = 0; i < N; i++) {
		assert_true((pids[i] = fork()) >= 0);
		if (pids[i] == 0) {
			for (k = 0; k < EACH; k++) {
				snprintf(period, sizeof(period), "2024-%02d-%d",
				    i + 1, k);
				if (take(period, D1, "2024-12-30", 0, &e) !=
				    DOCREG_NEW)
					_exit(1);
			}
			_exit(0);
		}
	}
	for (i = 0; i < N; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	memset(seen, 0, sizeof(seen));
	assert_non_null(fp = fopen(path, "r"));
	fscanf(fp, "%*[^\n]\n");
	for (i = 0; i < N * EACH; i++) {
		long year, number;

		assert_int_equal(fscanf(fp, "%ld,%ld,%*[^\n]\n", &year,
		    &number), 2);
		assert_true(number >= 1 && number <= N * EACH);
		assert_false(seen[number]);
		seen[number] = 1;
	}
	assert_int_equal(fgetc(fp), EOF);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sequence_per_year, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_existing_and_new_version,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_wanted_number, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_concurrent, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
