/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the Windows-1258 conversion (utf8.c) a CP1258 file
 * is read through, then NFC as the readers apply it. What converts is
 * valid UTF-8; what does not names a byte that is in the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *in = fmemopen((void *)data, size, "rb"), *out;
	struct cp1258_pos pos;
	struct sbuf sb = SBUF_INIT;
	const char *err = NULL;
	char *text = NULL;
	size_t len = 0;
	int rv;

	if (in == NULL)
		return 0;
	out = open_memstream(&text, &len);
	memset(&pos, 0, sizeof(pos));
	rv = cp1258_to_utf8_at(in, out, &err, &pos);
	fclose(out);
	fclose(in);
	if (rv == 0) {
		if (!utf8_valid(text, len, NULL))
			abort();
		if (utf8_nfc_append(&sb, text, len) != 0 ||
		    !utf8_valid(sb.buf, sb.len, NULL))
			abort();
	} else {
		if (err == NULL)
			abort();
		if (pos.valid && (pos.off < 0 || (size_t)pos.off >= size ||
		    data[pos.off] != pos.byte || pos.line < 1 || pos.col < 1))
			abort();
	}
	sbuf_release(&sb);
	free(text);
	return 0;
}
