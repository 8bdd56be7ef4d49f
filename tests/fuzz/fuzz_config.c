/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the configuration (config.c), baocao.ini, units.ini
 * and objectives.ini. The input holds the three, in that order, split at
 * lines "%%\n"; config_load reads a folder, so they are written to one
 * folder under $TMPDIR (or /tmp), rewritten in place for each input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[256];

static const char *const names[] = { "baocao.ini", "units.ini",
	"objectives.ini" };

/* Removes the harness's folder when the fuzzer exits. */
static void
remove_dir(void)
{
	char path[320];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		(void)unlink(path);
	}
	(void)rmdir(dir);
}

/* Writes s[0..n) to dir/name; 0 or -1. */
static int
put(const char *name, const char *s, size_t n)
{
	char path[320];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	if (fwrite(s, 1, n, fp) != n) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

/* The end of the part starting at s (the next "\n%%\n", else e). */
static const char *
part_end(const char *s, const char *e)
{
	const char *p;

	for (p = s; p + 4 <= e; p++)
		if (memcmp(p, "\n%%\n", 4) == 0)
			return p + 1;
	return e;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *e = s + size, *pe;
	struct config c;
	int i;

	if (dir[0] == '\0') {
		const char *t = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/baocao-fuzz-config-%ld",
		    t != NULL && *t != '\0' ? t : "/tmp", (long)getpid());
		(void)mkdir(dir, 0700);
		atexit(remove_dir);
		config_warnings = 1;
	}
	for (i = 0; i < 3; i++) {
		pe = part_end(s, e);
		if (put(names[i], s, (size_t)(pe - s)) != 0)
			return 0;
		s = pe < e ? pe + 3 : e;
	}
	if (config_load(&c, dir) == 0) {
		const char **codes = config_unit_codes(&c);
		int k;

		for (k = 0; codes != NULL && codes[k] != NULL; k++)
			if (config_unit(&c, codes[k]) == NULL)
				abort();
		free(codes);
	}
	config_release(&c);
	diag_reset();
	return 0;
}
