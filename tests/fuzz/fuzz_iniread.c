/* SPDX-License-Identifier: ISC */
/* libFuzzer harness: the sheet tokenizer on any bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iniread.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fmemopen((void *)data, size, "rb");
	struct iniread r;
	int rv, n = 0;

	if (fp == NULL)
		return 0;
	iniread_init(&r, fp);
	while ((rv = iniread_next(&r)) != INI_END) {
		if (++n > 1000000)
			abort();		/* no endless loop */
		if (rv < 0) {
			if (r.err == INIREAD_OK || r.err_line < 1)
				abort();
			continue;
		}
		if (r.line < 1 || r.line > r.lineno || r.name.len == 0)
			abort();
		if (!utf8_valid(sbuf_str(&r.name), r.name.len, NULL) ||
		    !utf8_valid(sbuf_str(&r.value), r.value.len, NULL))
			abort();
	}
	iniread_release(&r);
	fclose(fp);
	return 0;
}
