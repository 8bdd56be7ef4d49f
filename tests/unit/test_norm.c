/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/norm.c: escaping round trip and malformed lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Buffers from open_memstream come from libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

#include "lib/diag.h"
#include "lib/norm.h"
#include "lib/util.h"

static void
test_roundtrip(void **state)
{
	const char *rec[] = { "S", "2024-03", "PNV", "narrative.strengths",
		"dòng 1\ndòng\t2 \\ cuối\r" };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct norm_reader r;
	const char *err = NULL;

	(void)state;
	fputs("#baocao-norm 1\n", fp);
	norm_put_record(fp, 5, rec);
	norm_put_record(fp, 5, rec);
	fclose(fp);
	assert_string_equal(buf, "#baocao-norm 1\n"
	    "S\t2024-03\tPNV\tnarrative.strengths\t"
	    "dòng 1\\ndòng\\t2 \\\\ cuối\\r\n"
	    "S\t2024-03\tPNV\tnarrative.strengths\t"
	    "dòng 1\\ndòng\\t2 \\\\ cuối\\r\n");
	fp = fmemopen(buf, len, "r");
	norm_reader_init(&r, fp, "x");
	assert_int_equal(norm_read(&r, &err), 1);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.nf, 5);
	assert_string_equal(r.f[4], rec[4]);
	assert_int_equal(r.len[4], strlen(rec[4]));
	assert_int_equal(norm_read(&r, &err), 1);
	assert_int_equal(r.line, 3);
	assert_int_equal(norm_read(&r, &err), 0);
	norm_reader_release(&r);
	fclose(fp);
	libc_free(buf);
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"S\tbad\\xescape\n", "no final newline", "S\ta\\\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		FILE *fp = fmemopen((void *)bad[i], strlen(bad[i]), "r");
		struct norm_reader r;
		const char *err = NULL;

		norm_reader_init(&r, fp, "x");
		assert_int_equal(norm_read(&r, &err), -1);
		assert_non_null(err);
		norm_reader_release(&r);
		fclose(fp);
	}
}

/*
 * A line longer than NORM_LINE_MAX is malformed and skipped, and the next
 * is read: getline took a stream of junk with no line break whole into
 * memory (SPEC §9: memory stays bounded). The longest line is read.
 */
static void
test_line_max(void **state)
{
	size_t n = (size_t)NORM_LINE_MAX + 16;
	char *text = malloc(n), *p;
	struct norm_reader r;
	const char *err = NULL;
	FILE *fp;

	(void)state;
	assert_non_null(text);
	p = text;
	memset(p, 'a', (size_t)NORM_LINE_MAX);	/* one byte too many */
	p += NORM_LINE_MAX;
	memcpy(p, "\nS\tx\n", 5);
	assert_non_null(fp = fmemopen(text, (size_t)NORM_LINE_MAX + 5, "r"));
	norm_reader_init(&r, fp, "x");
	assert_int_equal(norm_read(&r, &err), -1);
	assert_string_equal(err, "record longer than 65 MiB");
	assert_int_equal(norm_read(&r, &err), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.f[1], "x");
	assert_int_equal(norm_read(&r, &err), 0);
	fclose(fp);
	text[NORM_LINE_MAX - 1] = '\n';	/* exactly the most: read */
	assert_non_null(fp = fmemopen(text, (size_t)NORM_LINE_MAX, "r"));
	norm_reader_release(&r);
	norm_reader_init(&r, fp, "x");
	assert_int_equal(norm_read(&r, &err), 1);
	assert_int_equal(r.len[0], (size_t)NORM_LINE_MAX - 1);
	norm_reader_release(&r);
	fclose(fp);
	free(text);
}

static void
test_empty_fields(void **state)
{
	const char line[] = "R\terrors\t\t\tx\n";
	FILE *fp = fmemopen((void *)line, strlen(line), "r");
	struct norm_reader r;
	const char *err;

	(void)state;
	norm_reader_init(&r, fp, "x");
	assert_int_equal(norm_read(&r, &err), 1);
	assert_int_equal(r.nf, 5);
	assert_string_equal(r.f[2], "");
	assert_string_equal(r.f[4], "x");
	norm_reader_release(&r);
	fclose(fp);
}

/* r.comments: comment lines come back as 2, without their LF. */
static void
test_comments(void **state)
{
	const char text[] = "#baocao-norm 1\nS\ta\n# last";
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct norm_reader r;
	const char *err;

	(void)state;
	norm_reader_init(&r, fp, "x");
	r.comments = 1;
	assert_int_equal(norm_read(&r, &err), 2);
	assert_int_equal(r.nf, 1);
	assert_string_equal(r.f[0], "#baocao-norm 1");
	assert_int_equal(r.len[0], 14);
	assert_int_equal(norm_read(&r, &err), 1);
	assert_string_equal(r.f[1], "a");
	assert_int_equal(norm_read(&r, &err), 2);
	assert_string_equal(r.f[0], "# last");
	assert_int_equal(r.line, 3);
	assert_int_equal(norm_read(&r, &err), 0);
	norm_reader_release(&r);
	fclose(fp);
}

static int
count_s(struct norm_reader *r, void *arg)
{
	if (strcmp(r->f[0], "S") == 0)
		++*(int *)arg;
	return strcmp(r->f[0], "BAD") == 0;	/* one data error */
}

/* norm_each: every record once; data errors and I/O errors apart. */
static void
test_each(void **state)
{
	char path[] = "/tmp/test_norm.XXXXXX";
	int fd = mkstemp(path), n = 0;
	FILE *fp = fdopen(fd, "w");

	(void)state;
	fputs("#baocao-norm 1\nS\ta\nS\tb\nR\tc\n", fp);
	fclose(fp);
	assert_int_equal(norm_each(path, count_s, &n), EXIT_OK);
	assert_int_equal(n, 2);
	fp = fopen(path, "a");
	fputs("BAD\nS\td\nS\tbad\\escape\nS\tnever read\n", fp);
	fclose(fp);
	n = 0;
	diag_reset();
	assert_int_equal(norm_each(path, count_s, &n), EXIT_DATA);
	assert_int_equal(n, 3);			/* reading stops at the bad line */
	assert_int_equal(diag_errors(), 1);	/* the malformed line */
	unlink(path);
	assert_int_equal(norm_each(path, count_s, &n), EXIT_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_line_max),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_each),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
