/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: a template (tmpl.c), read by iniparser and by
 * iniread, then looked through as the programs do. tmpl_load reads a
 * path, so each input is written to one file under $TMPDIR (or /tmp),
 * rewritten in place; /dev/shm as TMPDIR keeps it off the disk.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[256];

/* Removes the harness's file when the fuzzer exits. */
static void
remove_file(void)
{
	(void)unlink(path);
}

/* Writes data to the harness's one file; 0, or -1 when it cannot. */
static int
put_file(const uint8_t *data, size_t size)
{
	const char *dir = getenv("TMPDIR");
	FILE *fp;

	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "%s/baocao-fuzz-tmpl-%ld.ini",
		    dir != NULL && *dir != '\0' ? dir : "/tmp", (long)getpid());
		atexit(remove_file);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

/* Looks up every item as a program would, and fills its value. */
static void
walk(struct tmpl *t)
{
	static const char *const known[] = { "unit", "period", NULL };
	const struct tmpl_item *it;
	size_t i, n;
	int k;

	it = tmpl_items(t, &n);
	for (i = 0; i < n; i++) {
		const char *v;
		char *f;

		(void)tmpl_repeats(t, i);
		if (it[i].key == NULL) {
			(void)tmpl_keys(t, it[i].sec, &k);
			if (tmpl_line(t, it[i].sec, NULL) < 1)
				abort();	/* its header is there */
			continue;
		}
		if (tmpl_line(t, it[i].sec, it[i].key) < it[i].line)
			abort();		/* the last copy's line */
		v = tmpl_get(t, it[i].sec, it[i].key, NULL);
		if (v == NULL)
			continue;
		f = tmpl_fill(v, "unit", "Phòng Tư pháp");
		free(f);
	}
	(void)tmpl_lint_repeats(t);
	(void)tmpl_lint_placeholders(t, known, NULL, NULL, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl *t;

	if (put_file(data, size) != 0)
		return 0;
	if ((t = tmpl_load(path)) != NULL) {
		walk(t);
		tmpl_free(t);
	}
	diag_reset();
	return 0;
}
