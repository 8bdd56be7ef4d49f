/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/atomic.c: outputs appear whole or not at all, and a
 * name that is no regular file is written, never replaced; and of the
 * temporary files of src/lib/util.c they rest on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/atomic.h"
#include "lib/util.h"

static char dir[] = "/tmp/test_atomic.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[64];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The number of entries of dir (a temporary file left behind shows). */
static int
entries(void)
{
	char cmd[96], buf[16];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fgets(buf, sizeof(buf), p) != NULL)
			n = atoi(buf);
		pclose(p);
	}
	return n;
}

/* Asserts that the file at path holds the line want. */
static void
assert_holds(const char *path, const char *want)
{
	char buf[16] = "";
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	assert_string_equal(buf, want);
}

/* A regular file appears under its name only at commit, whole. */
static void
test_regular_file(void **state)
{
	struct atomic_file af;
	char path[64];
	FILE *fp;

	(void)state;
	snprintf(path, sizeof(path), "%s/out.txt", dir);
	fp = atomic_open(&af, path);
	assert_non_null(fp);
	fputs("whole", fp);
	assert_int_equal(access(path, F_OK), -1);	/* not yet */
	assert_int_equal(atomic_commit(&af), 0);
	assert_holds(path, "whole");
	assert_int_equal(entries(), 1);

	/* an abort leaves the old file as it was and no temporary one */
	fp = atomic_open(&af, path);
	assert_non_null(fp);
	fputs("half", fp);
	atomic_abort(&af);
	assert_holds(path, "whole");
	assert_int_equal(entries(), 1);
	unlink(path);
}

/*
 * A FIFO (as /dev/null, a terminal or a link to one) is written through,
 * and stays a FIFO: renaming a plain file over it, as over a regular file,
 * put a plain file in the place of /dev/null when run as root.
 */
static void
test_special_file(void **state)
{
	struct atomic_file af;
	struct stat st;
	char path[64], link[64], buf[16];
	FILE *fp;
	ssize_t n;
	int rd;

	(void)state;
	snprintf(path, sizeof(path), "%s/fifo", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(symlink(path, link), 0);
	rd = open(path, O_RDONLY | O_NONBLOCK);	/* so the writer may open */
	assert_true(rd >= 0);

	fp = atomic_open(&af, link);
	assert_non_null(fp);
	fputs("through", fp);
	assert_int_equal(entries(), 2);	/* the temporary file is elsewhere */
	assert_int_equal(atomic_commit(&af), 0);
	n = read(rd, buf, sizeof(buf) - 1);
	assert_int_equal(n, 7);
	buf[n] = '\0';
	assert_string_equal(buf, "through");
	close(rd);

	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(entries(), 2);
	unlink(link);
	unlink(path);
}

/*
 * temp_file() and the stdout copy of atomic follow TMPDIR when it is an
 * absolute path (glibc's tmpfile() does not), leave nothing behind, and
 * fail with errno when TMPDIR cannot be written; memory_file() needs no
 * folder at all.
 */
static void
test_temp_files(void **state)
{
	struct atomic_file af;
	char missing[80], buf[8] = "";
	FILE *fp;

	(void)state;
	setenv("TMPDIR", "relative", 1);
	assert_string_equal(temp_dir(), "/tmp");
	setenv("TMPDIR", dir, 1);
	assert_string_equal(temp_dir(), dir);
	fp = temp_file();
	assert_non_null(fp);
	assert_int_equal(entries(), 0);		/* unlinked at once */
	fputs("kept", fp);
	rewind(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	assert_string_equal(buf, "kept");
	fclose(fp);
	assert_non_null(atomic_open_stdout(&af));
	assert_int_equal(entries(), 0);		/* made in TMPDIR, no name */
	atomic_abort(&af);
	assert_int_equal(entries(), 0);

	snprintf(missing, sizeof(missing), "%s/no/such/folder", dir);
	setenv("TMPDIR", missing, 1);
	assert_null(temp_file());
	assert_null(atomic_open_stdout(&af));
	fp = memory_file();
	assert_non_null(fp);
	fclose(fp);
	unsetenv("TMPDIR");
}

/*
 * A copy for standard output or a special file has no name in TMPDIR
 * from the start: a program killed before its commit (baocao passes on
 * SIGTERM and SIGINT) left its copy there. A library that writes by name
 * (libxlsxwriter, after the stream is closed) writes it through af.tmp.
 */
static void
test_copy_nameless(void **state)
{
	struct atomic_file af;
	char path[64], buf[16];
	FILE *fp;
	pid_t pid;
	ssize_t n;
	int rd, st;

	(void)state;
	setenv("TMPDIR", dir, 1);
	if ((pid = fork()) == 0) {
		if (atomic_open_stdout(&af) == NULL)
			_exit(1);
		fputs("half a document", af.fp);
		fflush(af.fp);
		raise(SIGKILL);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(entries(), 0);		/* nothing left behind */

	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	rd = open(path, O_RDONLY | O_NONBLOCK);
	assert_true(rd >= 0);
	assert_non_null(atomic_open(&af, path));
	fclose(af.fp);				/* as baocao-xlsx does */
	af.fp = NULL;
	assert_non_null(fp = fopen(af.tmp, "wb"));
	fputs("by name", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(entries(), 1);		/* the FIFO alone */
	assert_int_equal(atomic_commit(&af), 0);
	n = read(rd, buf, sizeof(buf) - 1);
	assert_int_equal(n, 7);
	buf[n] = '\0';
	assert_string_equal(buf, "by name");
	close(rd);
	unlink(path);
	unsetenv("TMPDIR");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_special_file),
		cmocka_unit_test(test_temp_files),
		cmocka_unit_test(test_copy_nameless),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
