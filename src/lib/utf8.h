/* SPDX-License-Identifier: ISC */
/*
 * utf8: validation, NFC normalization and Windows-1258 conversion of input
 * text (SPEC §3).
 *
 * Validation is our own byte loop (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) because it runs on every byte of every
 * register and must keep up with the CSV reader; the unit tests check it
 * against utf8proc on every short sequence. Normalization is utf8proc's NFC.
 * Conversion from Windows-1258 uses iconv(3) from the C library; CP1258
 * decodes to decomposed text (base letter plus combining tone mark), so the
 * result must be normalized to NFC afterwards, as every input text is.
 */
#ifndef BAOCAO_UTF8_H
#define BAOCAO_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct sbuf;

/*
 * Returns the length of the valid UTF-8 sequence starting at s[0] (1 to 4),
 * or 0 when s[0..n) does not start with one (a truncated sequence is
 * invalid; so are U+FFFE and U+FFFF, which no XML output, the workbook's
 * included, may hold). s[0] may be ASCII.
 */
int	 utf8_seqlen(const unsigned char *s, size_t n);

/*
 * Whether s[0..n) is valid UTF-8. On failure *bad (if not NULL) gets the
 * offset of the first byte of the first invalid sequence. NUL bytes are
 * valid UTF-8; callers that refuse them look for them themselves.
 */
int	 utf8_valid(const char *s, size_t n, size_t *bad);

/*
 * Bit k of the result set when byte k of the block at s is 0x80 or above;
 * *len gets the block's length: 16 bytes with SSE2 (every x86-64), else 8;
 * 0 when fewer than 8 of the n bytes are left.
 */
static inline uint32_t
high_bytes(const unsigned char *s, size_t n, size_t *len)
{
	uint64_t w;

#if defined(__SSE2__)
	if (n >= 16) {
		*len = 16;
		return (uint32_t)_mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)s));
	}
#endif
	if (n < 8) {
		*len = 0;
		return 0;
	}
	*len = 8;
	memcpy(&w, s, 8);
	/* the top bit of each byte, gathered into bits 0-7 */
	return (uint32_t)((((w & 0x8080808080808080ULL) >> 7) *
	    0x0102040810204080ULL) >> 56);
}

/*
 * Validates s[*pos .. upto) of the n bytes at s, and the rest of a
 * sequence that starts before upto, moving *pos past them: a reader that
 * goes along a line validates each stretch once. Returns 1, or 0 with
 * *pos at the first byte of the first invalid sequence. utf8_valid() is
 * this with *pos = 0 and upto = n. Inline: the CSV reader's fast path
 * calls it for every stretch of text.
 */
static inline int
utf8_valid_span(const char *str, size_t n, size_t *pos, size_t upto)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = *pos, blk;
	uint32_t hi;
	int len;

	while (i < upto) {
		hi = high_bytes(s + i, n - i, &blk);
		if (blk > 0) {
			if (hi == 0) {		/* ASCII: a block at a time */
				i += blk;
				continue;
			}
			i += (size_t)__builtin_ctz(hi);
			if (i >= upto)
				break;
		} else if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_seqlen(s + i, n - i)) == 0) {
			*pos = i;
			return 0;
		}
		i += (size_t)len;
	}
	*pos = i;
	return 1;
}


/*
 * Whether the rest of the stream fp is valid UTF-8 (read in blocks; a
 * sequence may straddle two); 0 on a read error too. The position is left
 * at the end or at the first invalid block: callers rewind.
 */
int	 utf8_valid_stream(FILE *fp);

/* The characters (code points) of valid UTF-8 text s, NUL-terminated. */
size_t	 utf8_chars(const char *s);

/*
 * Whether the first bytes b0, b1 of a file that is not UTF-8 say UTF-16:
 * "UTF-16" for a byte-order mark (FF FE or FE FF), "UTF-16LE" or
 * "UTF-16BE" when b1 or b0 is a NUL beside text, the name iconv -f takes;
 * NULL otherwise.
 */
const char *utf8_utf16_guess(int b0, int b1);

/* Whether s[0..n) is plain ASCII (then it is also valid and NFC). */
int	 utf8_ascii(const char *s, size_t n);

/*
 * Appends the NFC form of the valid UTF-8 text s[0..n) to out. Returns 0, or
 * -1 (out unchanged) when s is not valid UTF-8 or utf8proc fails. ASCII
 * text is copied as is.
 * Time stays linear whatever the text: a run of more than 30 non-starters
 * (combining marks; real text has a few) gets a U+034F COMBINING GRAPHEME
 * JOINER before its 31st, UAX #15's Stream-Safe Text Process, since
 * utf8proc orders a run with a quadratic sort.
 */
int	 utf8_nfc_append(struct sbuf *out, const char *s, size_t n);

/*
 * Whether the valid UTF-8 texts a and b are equal after NFC (composed and
 * decomposed Vietnamese compare equal). Invalid text compares bytewise.
 */
int	 utf8_nfc_equal(const char *a, size_t na, const char *b, size_t nb);

/*
 * Converts the whole of in, Windows-1258 text, to UTF-8 written to out.
 * Returns 0, or -1 with a static message in *err (an unreadable input, a
 * byte CP1258 does not define, a failed write). The output is not yet NFC.
 */
int	 cp1258_to_utf8(FILE *in, FILE *out, const char **err);

/* Where cp1258_to_utf8_at() stopped on an undefined byte. */
struct cp1258_pos {
	long long	 off;	/* byte offset in the input, from 0 */
	long		 line;	/* physical line, from 1 */
	long		 col;	/* byte column on that line, from 1 */
	unsigned char	 byte;	/* the byte */
	int		 valid;	/* 1 when the fields above are set */
};

/* cp1258_to_utf8(), telling in *pos where an undefined byte is. */
int	 cp1258_to_utf8_at(FILE *in, FILE *out, const char **err,
	    struct cp1258_pos *pos);

#endif
