/* SPDX-License-Identifier: ISC */
/* diag: formats and counts every diagnostic the programs print. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "diag.h"
#include "utf8.h"

static const char *prog = "baocao";
static long nerrors, nwarnings;

/*
 * Standard input, output and error closed by the caller (cron, a daemon,
 * `2>&-') would be reused by the next file opened: the checker's temporary
 * file became descriptor 2 and its warnings went out inside the normalized
 * stream. Each closed one is held by /dev/null opened the wrong way round,
 * so that a read or write on it fails (EBADF) and is reported, not lost.
 */
static void
hold_std_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			(void)open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
}

/*
 * Standard error is line buffered: a message goes out in one write, not in
 * the twenty or so pieces vdiag() prints it in, so it is never torn by
 * another program writing to the same log (baocao-check | baocao-rollup
 * under cron), and a file of a million bad rows is reported in seconds,
 * not minutes of system calls.
 */
static void
keep_lines_whole(void)
{
	static char buf[BUFSIZ];

	setvbuf(stderr, buf, _IOLBF, sizeof(buf));
}

void
diag_init(const char *argv0)
{
	const char *slash;

	hold_std_fds();
	keep_lines_whole();
	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	prog = slash ? slash + 1 : argv0;
}

const char *
diag_prog(void)
{
	return prog;
}

/*
 * Code points a message shows as '?' besides C0: the C1 controls (U+0085
 * NEL is a line end, U+009B a CSI), the line and paragraph separators, and
 * the characters a terminal or editor draws as nothing or uses to reorder
 * the text around them. An unknown key '\uFEFFplanned' (a byte-order mark
 * left inside a file by concatenation) printed as is reads 'planned', the
 * very key the message says is missing; a right-to-left override
 * (U+202E) in a value turns the rest of the message around on screen.
 */
static const struct { unsigned lo, hi; } unshown[] = {
	{ 0x0080, 0x009f },	/* C1 controls */
	{ 0x00ad, 0x00ad },	/* soft hyphen */
	{ 0x061c, 0x061c },	/* Arabic letter mark */
	{ 0x180e, 0x180e },	/* Mongolian vowel separator */
	{ 0x200b, 0x200f },	/* zero-width space, (non-)joiner, LRM, RLM */
	{ 0x2028, 0x202e },	/* line/paragraph separators, bidi embeddings */
	{ 0x2060, 0x206f },	/* word joiner, invisible operators, isolates */
	{ 0xfeff, 0xfeff },	/* byte-order mark (zero-width no-break space) */
};

/* Whether the UTF-8 sequence u[0..k) is shown as '?' (see unshown). */
static int
unshown_char(const unsigned char *u, int k)
{
	utf8proc_int32_t cp;
	size_t i;

	if (utf8proc_iterate(u, k, &cp) != k)
		return 0;
	for (i = 0; i < sizeof(unshown) / sizeof(unshown[0]); i++)
		if ((unsigned)cp >= unshown[i].lo &&
		    (unsigned)cp <= unshown[i].hi)
			return 1;
	return 0;
}

long
diag_hidden_at(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t c;
	size_t i = 0;
	int k;

	while (i < n) {
		if (u[i] < 0x80) {
			if (u[i] < 0x20 || u[i] == 0x7f) {
				*cp = u[i];
				return (long)i;
			}
			i++;
			continue;
		}
		k = utf8_seqlen(u + i, n - i);
		if (k <= 0)
			return -1;	/* checked before: not reached */
		if (unshown_char(u + i, k)) {
			utf8proc_iterate(u + i, k, &c);
			*cp = (unsigned)c;
			return (long)i;
		}
		i += (size_t)k;
	}
	return -1;
}

/*
 * Writes s with control characters (C0 and C1), the Unicode line and
 * paragraph separators, invisible and bidi format characters (unshown) and
 * bytes that are not UTF-8 as '?', so that a message stays one line of
 * text, read as it is, whatever a file name or a value holds.
 */
static void
put_safe(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0;
	int k;

	while (i < n) {
		if (u[i] >= 0x20 && u[i] < 0x7f) {
			i++;
			continue;
		}
		k = u[i] < 0x80 ? 0 : utf8_seqlen(u + i, n - i);
		if (k > 0 && !unshown_char(u + i, k)) {
			i += (size_t)k;
			continue;
		}
		fwrite(s + from, 1, i - from, stderr);
		fputc('?', stderr);	/* one '?' for a whole character */
		i += k > 0 ? (size_t)k : 1;
		from = i;
	}
	fwrite(s + from, 1, n - from, stderr);
}

static void
vdiag(const char *file, long line, long col, const char *kind,
    const char *fmt, va_list ap)
{
	int saved = errno, len;
	size_t n = strlen(fmt);
	char buf[1024], *msg = buf;
	va_list aq;

	va_copy(aq, ap);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (len < 0)
		len = 0;
	else if ((size_t)len >= sizeof(buf) &&
	    (msg = malloc((size_t)len + 1)) != NULL)
		vsnprintf(msg, (size_t)len + 1, fmt, aq);
	else if ((size_t)len >= sizeof(buf)) {
		msg = buf;
		len = (int)sizeof(buf) - 1;
	}
	va_end(aq);
	fprintf(stderr, "%s: ", prog);
	if (file != NULL) {
		put_safe(file, strlen(file));
		if (line > 0)
			fprintf(stderr, ":%ld", line);
		if (line > 0 && col > 0)
			fprintf(stderr, ":%ld", col);
		fputs(": ", stderr);
	}
	fputs(kind, stderr);
	put_safe(msg, (size_t)len);
	if (msg != buf)
		free(msg);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
diag_errorat(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	va_start(ap, fmt);
	vdiag(file, line, col, "", fmt, ap);
	va_end(ap);
}

void
diag_warnat(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	nwarnings++;
	va_start(ap, fmt);
	vdiag(file, line, col, "warning: ", fmt, ap);
	va_end(ap);
}

void
diag_plain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(NULL, 0, 0, "", fmt, ap);
	va_end(ap);
}

void
diag_exit_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_plain("cannot write standard output:");
		status = 2;	/* EXIT_USAGE of util.h: a failed write */
	}
	exit(status);
}

long
diag_errors(void)
{
	return nerrors;
}

long
diag_warnings(void)
{
	return nwarnings;
}

void
diag_reset(void)
{
	nerrors = nwarnings = 0;
}
