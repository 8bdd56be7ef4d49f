/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the register of issued reports (docreg.c) as read
 * before a number is given. Its reader is static, so the source is
 * included; the file itself is never touched.
 */
#include "../../src/lib/docreg.c"

#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char digest[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	struct docreg_entry e;
	struct scan s;
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&s, 0, sizeof(s));
	memset(&e, 0, sizeof(e));
	s.period = "2024-03";
	s.digest = digest;
	s.year = 2025;
	s.want = 7;
	s.e = &e;
	if (scan_text("fuzz", text, size, &s) == 0) {
		if (s.max < 0 || (s.found && strcmp(e.period, s.period) != 0))
			abort();
		if (s.taken && !s.found && (e.year != 2025 || s.max < 7))
			abort();
	}
	free(text);
	return 0;
}
