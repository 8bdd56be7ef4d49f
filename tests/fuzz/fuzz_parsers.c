/* SPDX-License-Identifier: ISC */
/* libFuzzer harness: dates, months, counts, ratings, decimals, NFC. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "num.h"
#include "utf8.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char buf[DATE_BUFSZ], back[32];
	long d, m;
	long long v;
	int r;
	double x;
	struct sbuf sb = SBUF_INIT;

	if (date_parse(s, size, &d) == DATE_OK) {
		/* what parses prints back as a date that parses to it */
		long d2;

		date_iso(d, buf);
		if (date_parse(buf, strlen(buf), &d2) != DATE_OK || d2 != d)
			abort();
	}
	if (month_parse(s, size, &m) == 0) {
		month_iso(m, buf);
		if (size != 7 || memcmp(buf, s, 7) != 0)
			abort();
	}
	if (num_count(s, size, &v) == NUM_OK) {
		size_t i = 0;

		if (v < 0)
			abort();
		snprintf(back, sizeof(back), "%lld", v);
		while (i + 1 < size && s[i] == '0')
			i++;			/* leading zeros */
		if (strlen(back) != size - i || memcmp(back, s + i, size - i))
			abort();
	}
	if (num_rating(s, size, &r) == NUM_OK && (r < 1 || r > 5))
		abort();
	if (num_decimal(s, size, &x) == NUM_OK && !(x >= 0))
		abort();
	if (utf8_valid(s, size, NULL)) {
		if (utf8_nfc_append(&sb, s, size) < 0)
			abort();
		if (!utf8_valid(sb.buf, sb.len, NULL))
			abort();
		if (sb.len > 0) {
			/* NFC (with its stream-safe marks) is idempotent */
			struct sbuf again = SBUF_INIT;

			if (utf8_nfc_append(&again, sb.buf, sb.len) < 0 ||
			    again.len != sb.len ||
			    memcmp(again.buf, sb.buf, sb.len) != 0)
				abort();
			sbuf_release(&again);
		}
	} else if (utf8_nfc_append(&sb, s, size) == 0)
		abort();
	sbuf_release(&sb);
	return 0;
}
