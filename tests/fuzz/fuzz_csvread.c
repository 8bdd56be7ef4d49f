/* SPDX-License-Identifier: ISC */
/* libFuzzer harness: csvread must never crash, hang or break its promises,
 * and its fast path must read exactly as libcsv does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Reads data with the fast path on or off (no_fast); checks the reader's
 * promises and appends what it saw (records, fields, positions, error)
 * to *out, so that the two paths can be compared.
 */
static void
read_all(const uint8_t *data, size_t size, int no_fast, char **out,
    size_t *outlen)
{
	FILE *fp = fmemopen((void *)data, size, "rb");
	FILE *o = open_memstream(out, outlen);
	struct csvread r;
	long last = 0;
	int rv, i;

	if (fp == NULL || o == NULL)
		abort();
	csvread_init(&r, fp);
	r.no_fast = no_fast;
again:
	while ((rv = csvread_next(&r)) == 1) {
		if (r.line < last || r.nf < 1)
			abort();	/* records move forward (a bare CR ends
					   a record inside a line) */
		last = r.line;
		fprintf(o, "%ld:%ld", r.line, r.col);
		for (i = 0; i < r.nf; i++) {
			if (r.f[i].len > (size_t)CSVREAD_FIELD_MAX)
				abort();
			if (r.f[i].line < r.line || r.f[i].col < 1)
				abort();
			if (!utf8_valid(r.f[i].s, r.f[i].len, NULL))
				abort();	/* every line was checked */
			if (memchr(r.f[i].s, '\0', r.f[i].len) != NULL)
				abort();
			fprintf(o, " %ld:%ld:", r.f[i].line, r.f[i].col);
			fwrite(r.f[i].s, 1, r.f[i].len, o);
		}
		fputc('\n', o);
	}
	if (rv < 0 && (r.err_line < 1 || r.err == CSVREAD_OK))
		abort();
	if (rv < 0) {
		fprintf(o, "error %d at %ld:%ld +%lld\n", (int)r.err,
		    r.err_line, r.err_col, r.err_off);
		/* read on after a typo or a record past a limit, as
		 * baocao-check does, and the two paths still agree */
		if (csvread_recover(&r) == 0)
			goto again;
	}
	csvread_release(&r);
	fclose(fp);
	fclose(o);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *fast = NULL, *slow = NULL;
	size_t nfast = 0, nslow = 0;

	read_all(data, size, 0, &fast, &nfast);
	read_all(data, size, 1, &slow, &nslow);
	/* the fast path gives what libcsv gives */
	if (nfast != nslow || memcmp(fast, slow, nfast) != 0)
		abort();
	free(fast);
	free(slow);
	return 0;
}
