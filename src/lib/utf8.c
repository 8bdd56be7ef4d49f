/* SPDX-License-Identifier: ISC */
/* utf8: UTF-8 validation, NFC normalization (utf8proc), CP1258 via iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"
#include "util.h"

int
utf8_seqlen(const unsigned char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)			/* continuation byte or overlong 2-byte */
		return 0;
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)	/* overlong */
			return 0;
		if (c == 0xED && s[1] >= 0xA0)	/* surrogates */
			return 0;
		/* U+FFFE, U+FFFF: not characters, and no XML may hold them */
		if (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)
			return 0;
		return 3;
	}
	if (c < 0xF5) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)	/* overlong */
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)	/* above U+10FFFF */
			return 0;
		return 4;
	}
	return 0;
}

/* Whether s[0..n) is a lead byte and continuation bytes only. */
static int
cut_tail(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

const char *
utf8_utf16_guess(int b0, int b1)
{
	b0 &= 0xFF;
	b1 &= 0xFF;
	if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF))
		return "UTF-16";
	if (b0 != 0 && b1 == 0)
		return "UTF-16LE";	/* "u\0n\0i\0t\0" */
	if (b0 == 0 && b1 != 0)
		return "UTF-16BE";	/* "\0u\0n\0i\0t" */
	return NULL;
}

int
utf8_valid_stream(FILE *fp)
{
	unsigned char buf[65536 + 4];
	size_t have = 0, n, i;

	for (;;) {
		n = fread(buf + have, 1, sizeof(buf) - 4 - have, fp);
		if (n == 0)
			return have == 0 && !ferror(fp);
		n += have;
		for (i = 0; i < n; ) {
			int k = utf8_seqlen(buf + i, n - i);

			if (k > 0) {
				i += (size_t)k;
				continue;
			}
			/* a sequence cut by the block's end: carry it over */
			if (n - i < 4 && (buf[i] & 0xC0) == 0xC0 && cut_tail(buf +
			    i, n - i))
				break;
			return 0;
		}
		have = n - i;
		memmove(buf, buf + i, have);
	}
}

int
utf8_ascii(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int
utf8_valid(const char *str, size_t n, size_t *bad)
{
	size_t pos = 0;

	if (utf8_valid_span(str, n, &pos, n))
		return 1;
	if (bad != NULL)
		*bad = pos;
	return 0;
}

#define SAFE_RUN	30	/* UAX #15: non-starters in a row, at most */

static int
ccc(utf8proc_int32_t c)
{
	return utf8proc_get_property(c)->combining_class;
}

/*
 * UAX #15's Stream-Safe Text Process on the valid UTF-8 s[0..n): a CGJ
 * (U+034F) before the non-starter that would make a run of more than
 * SAFE_RUN, counting the non-starters of each character's canonical
 * decomposition. Returns 1 with the text in *safe (reset first) when one
 * was needed, else 0 (s is fine as it is).
 */
static int
stream_safe(const char *s, size_t n, struct sbuf *safe)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c, d[32];
	utf8proc_ssize_t k, nd, lead, trail;
	size_t at = 0, last = 0;
	int run = 0, bound = 0, needed = 0;

	while (at < n) {
		if ((k = utf8proc_iterate(u + at, (utf8proc_ssize_t)(n - at),
		    &c)) <= 0)
			break;			/* cannot happen: validated */
		if (c < 0xC0)		/* no decomposition, a starter */
			run = 0;
		else {
			nd = utf8proc_decompose_char(c, d, 32,
			    UTF8PROC_DECOMPOSE, &bound);
			if (nd < 1 || nd > 32) {
				nd = 1;
				d[0] = c;
			}
			for (lead = 0; lead < nd && ccc(d[lead]) != 0; lead++)
				;
			for (trail = 0; trail < nd && ccc(d[nd - 1 - trail]) != 0;
			    trail++)
				;
			if (run + lead > SAFE_RUN) {
				if (!needed)
					sbuf_reset(safe);
				needed = 1;
				sbuf_add(safe, s + last, at - last);
				sbuf_add(safe, "\xCD\x8F", 2);	/* U+034F */
				last = at;
				run = 0;
			}
			run = lead == nd ? run + (int)nd : (int)trail;
		}
		at += (size_t)k;
	}
	if (needed)
		sbuf_add(safe, s + last, n - last);
	return needed;
}

int
utf8_nfc_append(struct sbuf *out, const char *s, size_t n)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t len;
	struct sbuf safe = SBUF_INIT;

	if (utf8_ascii(s, n)) {
		sbuf_add(out, s, n);
		return 0;
	}
	if (!utf8_valid(s, n, NULL))
		return -1;
	if (stream_safe(s, n, &safe)) {
		s = safe.buf;
		n = safe.len;
	}
	/* utf8proc stops at NUL only with UTF8PROC_NULLTERM; we pass n. */
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	sbuf_release(&safe);
	if (len < 0) {
		free(dst);
		return -1;
	}
	sbuf_add(out, dst, (size_t)len);
	free(dst);
	return 0;
}

int
utf8_nfc_equal(const char *a, size_t na, const char *b, size_t nb)
{
	struct sbuf x = SBUF_INIT, y = SBUF_INIT;
	int eq;

	if (na == nb && memcmp(a, b, na) == 0)
		return 1;
	if (utf8_nfc_append(&x, a, na) < 0 || utf8_nfc_append(&y, b, nb) < 0) {
		sbuf_release(&x);
		sbuf_release(&y);
		return 0;
	}
	eq = x.len == y.len && memcmp(sbuf_str(&x), sbuf_str(&y), x.len) == 0;
	sbuf_release(&x);
	sbuf_release(&y);
	return eq;
}

int
cp1258_to_utf8(FILE *in, FILE *out, const char **err)
{
	struct cp1258_pos pos;

	return cp1258_to_utf8_at(in, out, err, &pos);
}

/* Counts the lines of the input bytes [p, e), consumed at offset base. */
static void
count_lines(struct cp1258_pos *pos, long long *linestart, const char *p,
    const char *e, long long base)
{
	const char *q;

	for (q = p; q < e; q++)
		if (*q == '\n') {
			pos->line++;
			*linestart = base + (q - p) + 1;
		}
}

int
cp1258_to_utf8_at(FILE *in, FILE *out, const char **err,
    struct cp1258_pos *pos)
{
	char ibuf[8192], obuf[4 * 8192 + 16];
	size_t have = 0, n;
	iconv_t cd;
	int rv = -1, eof = 0;
	long long base = 0, linestart = 0;	/* offset of ibuf[0] */

	memset(pos, 0, sizeof(*pos));
	pos->line = 1;

	if ((cd = iconv_open("UTF-8", "CP1258")) == (iconv_t)-1) {
		*err = "this system's iconv cannot convert from CP1258";
		return -1;
	}
	while (!eof) {
		char *ip = ibuf, *op = obuf;
		size_t il, ol = sizeof(obuf);

		n = fread(ibuf + have, 1, sizeof(ibuf) - have, in);
		if (n == 0) {
			if (ferror(in)) {
				*err = "read error";
				goto out;
			}
			eof = 1;
		}
		have += n;
		il = have;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 &&
		    errno != EINVAL) {
			*err = "byte not defined in CP1258";
			count_lines(pos, &linestart, ibuf, ip, base);
			pos->off = base + (ip - ibuf);
			pos->col = (long)(pos->off - linestart) + 1;
			pos->byte = (unsigned char)*ip;
			pos->valid = 1;
			goto out;
		}
		count_lines(pos, &linestart, ibuf, ip, base);
		if (eof) {
			/* flush any pending base letter */
			if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
				*err = "incomplete CP1258 text at end of file";
				goto out;
			}
			if (il > 0) {
				*err = "incomplete CP1258 text at end of file";
				goto out;
			}
		}
		if (fwrite(obuf, 1, (size_t)(op - obuf), out) !=
		    (size_t)(op - obuf)) {
			*err = "write error";
			goto out;
		}
		base += ip - ibuf;
		memmove(ibuf, ip, il);
		have = il;
	}
	rv = 0;
out:
	iconv_close(cd);
	return rv;
}
