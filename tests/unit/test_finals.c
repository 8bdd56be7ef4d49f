/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/finals.c: which files make a final, staging, versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* read_file() allocates with libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

#include "lib/finals.h"
#include "lib/util.h"

static char dir[64];

/* Writes text to the file name of folder d. */
static void
put_in(const char *d, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", d, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static void
put(const char *name, const char *text)
{
	put_in(dir, name, text);
}

static char *
get(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return read_file(path, NULL);
}

/* The file name of the folder is there and holds text (any, when NULL). */
static void
assert_file(const char *name, const char *text)
{
	char *m;

	assert_non_null(m = get(name));
	if (text != NULL)
		assert_string_equal(m, text);
	libc_free(m);
}
static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/test_finals.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* A final's files: not hidden, drafts, kept versions or temporary. */
static void
test_final_file(void **state)
{
	(void)state;
	assert_true(final_file("bao-cao-2024-12.pdf"));
	assert_true(final_file("BM.07.01-PNV-2024-12.pdf"));
	assert_true(final_file("SHA256SUMS"));
	assert_true(final_file("bao-cao-2024-12.vn.pdf"));	/* not a version */
	assert_false(final_file("bao-cao-2024-12-du-thao-2.pdf"));
	assert_false(final_file("bao-cao-2024-12.v1.pdf"));
	assert_false(final_file("SHA256SUMS.v12"));
	assert_false(final_file("chi-so-2024.csv.tmp.Ab12Cd"));
	assert_false(final_file(".lock"));
	assert_false(final_file(".stage"));
}

/*
 * The same files are no change; a byte, a new file or a missing one is,
 * but not a file deleted from the final that its manifest lists; exempt
 * names are not compared. Only a manifest naming the report makes
 * a finished final.
 */
static void
test_differs_and_complete(void **state)
{
	char stage[256], path[300];
	FILE *fp;

	(void)state;
	put("bao-cao-P.pdf", "report");
	put("chi-so-P.csv", "a,b\n");
	assert_false(final_complete(dir, "bao-cao-P.pdf"));
	put("SHA256SUMS", "0000000000000000000000000000000000000000000000000"
	    "000000000000000  bao-cao-P.pdf\n");
	assert_true(final_complete(dir, "bao-cao-P.pdf"));
	assert_false(final_complete(dir, "bao-cao-Q.pdf"));
	put("stray.pdf.tmp.x1", "half");
	assert_int_equal(stage_open(dir, stage, sizeof(stage)), 0);
	snprintf(path, sizeof(path), "%s/stray.pdf.tmp.x1", dir);
	assert_int_not_equal(access(path, F_OK), 0);	/* a dead run's */
	snprintf(path, sizeof(path), "%s/bao-cao-P.pdf", stage);
	assert_non_null(fp = fopen(path, "w"));
	fputs("report", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/chi-so-P.csv", stage);
	assert_non_null(fp = fopen(path, "w"));
	fputs("a,b\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/SHA256SUMS", stage);
	assert_non_null(fp = fopen(path, "w"));
	fputs("0000000000000000000000000000000000000000000000000"
	    "000000000000000  bao-cao-P.pdf\n", fp);
	fclose(fp);
	assert_false(final_differs(dir, stage, NULL));
	put("chi-so-P.csv", "a,c\n");
	assert_true(final_differs(dir, stage, NULL));
	{
		const char *exempt[] = { "chi-so-P.csv", NULL };

		assert_false(final_differs(dir, stage, exempt));
	}
	/* the new file only a beginning of the old one: they differ */
	put("chi-so-P.csv", "a,b\nc,d\n");
	assert_true(final_differs(dir, stage, NULL));
	put("chi-so-P.csv", "a,b\n");
	put("BM.07.01-X-P.pdf", "form");	/* only the old final has it */
	assert_true(final_differs(dir, stage, NULL));
	snprintf(path, sizeof(path), "%s/BM.07.01-X-P.pdf", dir);
	unlink(path);
	/* deleted from the final since: the same manifests list it, so it is
	   written back; a file the final's manifest does not list is new */
	snprintf(path, sizeof(path), "%s/bao-cao-P.pdf", dir);
	unlink(path);
	assert_false(final_differs(dir, stage, NULL));
	snprintf(path, sizeof(path), "%s/chi-so-P.csv", dir);
	unlink(path);
	assert_true(final_differs(dir, stage, NULL));
	stage_discard(stage);
}

/* Kept versions: every file renamed, the manifest naming the new names. */
static void
test_keep_old(void **state)
{
	int v;

	(void)state;
	put("bao-cao-P.pdf", "report");
	put("kiem-tra-P.txt", "ok");
	put("SHA256SUMS",
	    "1111111111111111111111111111111111111111111111111111111111111111"
	    "  bao-cao-P.pdf\n"
	    "2222222222222222222222222222222222222222222222222222222222222222"
	    "  ../../input/2024-12/PNV.ini\n");
	put("bao-cao-P-du-thao-1.pdf", "draft");
	assert_int_equal(final_keep_old(dir, &v), 0);
	assert_int_equal(v, 1);
	assert_file("SHA256SUMS.v1",
	    "1111111111111111111111111111111111111111111111111111111111111111"
	    "  bao-cao-P.v1.pdf\n"
	    "2222222222222222222222222222222222222222222222222222222222222222"
	    "  ../../input/2024-12/PNV.ini\n");
	assert_file("kiem-tra-P.v1.txt", NULL);
	assert_null(get("SHA256SUMS"));
	assert_file("bao-cao-P-du-thao-1.pdf", NULL);	/* a draft stays */
	put("bao-cao-P.pdf", "report 2");
	put("SHA256SUMS", "x\n");
	assert_int_equal(final_keep_old(dir, &v), 0);
	assert_int_equal(v, 2);
	assert_file("bao-cao-P.v2.pdf", "report 2");
}

/*
 * A kept version is never overwritten: when a file's *.v1.* is there but
 * the v1 manifest is not (removed by hand), the next version is v2.
 */
static void
test_keep_old_never_overwrites(void **state)
{
	int v;

	(void)state;
	put("bao-cao-P.v1.pdf", "first final");
	put("bao-cao-P.pdf", "second final");
	put("SHA256SUMS", "x\n");
	assert_int_equal(final_keep_old(dir, &v), 0);
	assert_int_equal(v, 2);
	assert_file("bao-cao-P.v1.pdf", "first final");
	assert_file("bao-cao-P.v2.pdf", "second final");
	assert_file("SHA256SUMS.v2", NULL);
}

/*
 * A file of the stage that cannot be put in place (a directory in the way
 * of a.pdf) fails the install, and the manifest, moved last, is not put in
 * place: its presence means a complete set.
 */
static void
test_install_failure(void **state)
{
	char stage[256], path[300];
	struct stat st;

	(void)state;
	assert_int_equal(stage_open(dir, stage, sizeof(stage)), 0);
	snprintf(path, sizeof(path), "%s/a.pdf", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	put("a.pdf/keep", "x");			/* non-empty: rename fails */
	put_in(stage, "a.pdf", "a");
	put_in(stage, "SHA256SUMS", "sums");
	assert_int_equal(stage_install(dir, stage, "SHA256SUMS"), -1);
	snprintf(path, sizeof(path), "%s/SHA256SUMS", dir);
	assert_int_not_equal(stat(path, &st), 0);
	assert_int_not_equal(stat(stage, &st), 0);	/* the stage is gone */
}

/* A new stage in *stage holding a.pdf (text a), b.pdf and their manifest. */
static void
stage_ab(char *stage, size_t size, const char *a)
{
	assert_int_equal(stage_open(dir, stage, size), 0);
	put_in(stage, "a.pdf", a);
	put_in(stage, "b.pdf", "b");
	put_in(stage, "SHA256SUMS", "new sums");
}

/*
 * An install that stops after a file of other bytes was put in place (a
 * directory in the way of b.pdf here; kill -9 between two moves in life)
 * leaves no manifest: the old one listed a.pdf's old bytes. One whose
 * files already in place are the same bytes keeps it, and so does
 * stage_install_keep() (register over a finished final).
 */
static void
test_install_mix(void **state)
{
	char stage[256], path[300];
	struct stat st;

	(void)state;
	put("a.pdf", "old");
	put("SHA256SUMS", "old sums");
	snprintf(path, sizeof(path), "%s/b.pdf", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	put("b.pdf/keep", "x");			/* non-empty: rename fails */
	stage_ab(stage, sizeof(stage), "old");
	assert_int_equal(stage_install(dir, stage, "SHA256SUMS"), -1);
	assert_file("SHA256SUMS", "old sums");	/* a.pdf: the same bytes */
	/* register's numbered report: the final keeps its manifest */
	stage_ab(stage, sizeof(stage), "numbered");
	assert_int_equal(stage_install_keep(dir, stage, "SHA256SUMS"), -1);
	assert_file("SHA256SUMS", "old sums");
	stage_ab(stage, sizeof(stage), "new");
	assert_int_equal(stage_install(dir, stage, "SHA256SUMS"), -1);
	assert_file("a.pdf", "new");
	snprintf(path, sizeof(path), "%s/SHA256SUMS", dir);
	assert_int_not_equal(stat(path, &st), 0);
}

static const char *const h1 = "1111111111111111111111111111111111111111111111111111111111111111";
static const char *const h2 = "2222222222222222222222222222222222222222222222222222222222222222";

/* A manifest at name: the report (hash h1) and one input (hash h2). */
static void
put_one_input(const char *name, const char *input)
{
	char text[512];

	snprintf(text, sizeof(text), "%s  bao-cao.pdf\n%s  %s\n", h1, h2,
	    input);
	put(name, text);
}

/* manifest_same_inputs() of the manifests of dir and of its stage. */
static int
same_inputs(void)
{
	char a[256], b[256];

	snprintf(a, sizeof(a), "%s/SHA256SUMS", dir);
	snprintf(b, sizeof(b), "%s/.stage/SHA256SUMS", dir);
	return manifest_same_inputs(a, b);
}

/* What changed between two manifests: inputs and configuration only. */
static void
test_changed_inputs(void **state)
{
	char text[1024], stage[128];
	struct sbuf what = SBUF_INIT;

	(void)state;
	snprintf(stage, sizeof(stage), "%s/.stage", dir);
	assert_int_equal(mkdir(stage, 0755), 0);
	snprintf(text, sizeof(text), "%s  bao-cao.pdf\n%s  ../../input/"
	    "2024-11/PNV.ini\n%s  ../../config/baocao.ini\n%s  ../../input/"
	    "2024-11/OLD.ini\n", h1, h1, h1, h1);
	put("SHA256SUMS", text);
	/* the report differs (not listed), PNV.ini changed, OLD.ini went,
	   NEW.ini came, baocao.ini is the same */
	snprintf(text, sizeof(text), "%s  bao-cao.pdf\n%s  ../../input/"
	    "2024-11/PNV.ini\n%s  ../../config/baocao.ini\n%s  ../../input/"
	    "2024-11/NEW.ini\n", h2, h2, h1, h1);
	put(".stage/SHA256SUMS", text);
	assert_int_equal(final_changed_inputs(dir, stage, 5, &what), 3);
	assert_string_equal(sbuf_str(&what), "input/2024-11/PNV.ini, "
	    "input/2024-11/NEW.ini, input/2024-11/OLD.ini");
	sbuf_reset(&what);
	assert_int_equal(final_changed_inputs(dir, stage, 1, &what), 3);
	assert_string_equal(sbuf_str(&what), "input/2024-11/PNV.ini and 2 "
	    "more");
	sbuf_reset(&what);
	/* the templates read from another folder, bytes unchanged: no
	   change, and the two finals are the same */
	put_one_input("SHA256SUMS", "../../templates/pdf/report.ini");
	put_one_input(".stage/SHA256SUMS",
	    "../../../usr/share/baocao/templates/pdf/report.ini");
	sbuf_reset(&what);
	assert_int_equal(final_changed_inputs(dir, stage, 5, &what), 0);
	assert_true(same_inputs());
	/* the same bytes sent in another month's folder: a change */
	put_one_input("SHA256SUMS", "../../input/2024-11/PNV.ini");
	put_one_input(".stage/SHA256SUMS", "../../input/2024-12/PNV.ini");
	assert_int_equal(final_changed_inputs(dir, stage, 5, &what), 2);
	assert_false(same_inputs());
	put(".stage/SHA256SUMS", "");
	put("SHA256SUMS", "");
	sbuf_reset(&what);
	assert_int_equal(final_changed_inputs(dir, stage, 5, &what), 0);
	sbuf_release(&what);
}

/*
 * A period folder that holds only its lock goes, lock file and all; one
 * with anything else in it (a validation report, a hidden stage) stays,
 * its lock file too.
 */
static void
test_drop_unused(void **state)
{
	char sub[128], path[192];
	struct stat sb;

	(void)state;
	snprintf(sub, sizeof(sub), "%s/2024-11", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	put_in(sub, ".lock", "");
	put_in(sub, "kiem-tra-2024-11.txt", "errors\n");
	assert_int_equal(outdir_drop_unused(sub, ".lock"), -1);
	snprintf(path, sizeof(path), "%s/.lock", sub);
	assert_int_equal(stat(path, &sb), 0);
	snprintf(path, sizeof(path), "%s/kiem-tra-2024-11.txt", sub);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/.stage", sub);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(outdir_drop_unused(sub, ".lock"), -1);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(outdir_drop_unused(sub, ".lock"), 0);
	assert_int_equal(stat(sub, &sb), -1);
	assert_int_equal(outdir_drop_unused(sub, ".lock"), -1);	/* gone */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_final_file),
		cmocka_unit_test_setup_teardown(test_drop_unused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_differs_and_complete,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_inputs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_install_failure,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_install_mix, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_keep_old_never_overwrites,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_old, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
