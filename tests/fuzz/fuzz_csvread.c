/* SPDX-License-Identifier: ISC */
/* libFuzzer harness: csvread must never crash, hang or break its promises. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fmemopen((void *)data, size, "rb");
	struct csvread r;
	long last = 0;
	int rv, i;

	if (fp == NULL)
		return 0;
	csvread_init(&r, fp);
	while ((rv = csvread_next(&r)) == 1) {
		if (r.line < last || r.nf < 1)
			abort();	/* records move forward (a bare CR ends
					   a record inside a line) */
		last = r.line;
		for (i = 0; i < r.nf; i++) {
			if (r.f[i].len > (size_t)CSVREAD_FIELD_MAX)
				abort();
			if (r.f[i].line < r.line || r.f[i].col < 1)
				abort();
			if (!utf8_valid(r.f[i].s, r.f[i].len, NULL))
				abort();	/* every line was checked */
			if (memchr(r.f[i].s, '\0', r.f[i].len) != NULL)
				abort();
		}
	}
	if (rv < 0 && (r.err_line < 1 || r.err == CSVREAD_OK))
		abort();
	csvread_release(&r);
	fclose(fp);
	return 0;
}
