/* SPDX-License-Identifier: ISC */
/* util: allocation that never returns NULL, and a growable byte buffer. */
#define _GNU_SOURCE	/* memfd_create(2) */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

static void
oom(void)
{
	diag_plain("out of memory");
	exit(EXIT_USAGE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sbuf_init(struct sbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void
sbuf_release(struct sbuf *sb)
{
	free(sb->buf);
	sbuf_init(sb);
}

void
sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void
sbuf_grow(struct sbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void
sbuf_add(struct sbuf *sb, const void *p, size_t n)
{
	sbuf_grow(sb, n);
	if (n)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
sbuf_addc(struct sbuf *sb, int c)
{
	char ch = (char)c;

	sbuf_add(sb, &ch, 1);
}

void
sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void
sbuf_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

char *
sbuf_detach(struct sbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	sbuf_init(sb);
	return s;
}

const char *
sbuf_str(const struct sbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

int
worst(int a, int b)
{
	return a > b ? a : b;
}

char *
read_file(const char *path, size_t *len)
{
	struct sbuf sb = SBUF_INIT;
	char chunk[65536];
	struct stat st;
	size_t n;
	int err, fd;
	FILE *fp;

	/* O_NONBLOCK: a FIFO with no writer must fail, not hang the run. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ?
		    EISDIR : EINVAL;
		close(fd);
		errno = err;
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if ((fp = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		sbuf_add(&sb, chunk, n);
	if (ferror(fp)) {
		err = errno;
		fclose(fp);
		sbuf_release(&sb);
		errno = err;
		return NULL;
	}
	fclose(fp);
	if (len != NULL)
		*len = sb.len;
	sbuf_addc(&sb, 0);	/* a buffer even for an empty file */
	sb.len--;
	return sbuf_detach(&sb);
}

int
same_bytes(const char *a, const char *b)
{
	char *x, *y;
	size_t nx, ny;
	int same;

	x = read_file(a, &nx);
	y = read_file(b, &ny);
	same = x != NULL && y != NULL && nx == ny && memcmp(x, y, nx) == 0;
	free(x);
	free(y);
	return same;
}

ssize_t
getline_max(FILE *fp, char **buf, size_t *cap, size_t max)
{
	size_t n = 0;
	int c = EOF;

	flockfile(fp);
	while (n < max) {
		if (n + 2 > *cap) {
			*cap = *cap ? *cap * 2 : 256;
			if (*cap > max + 1)
				*cap = max + 1;
			*buf = xrealloc(*buf, *cap);
		}
		if ((c = getc_unlocked(fp)) == EOF)
			break;
		(*buf)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	funlockfile(fp);
	if (n == max && c != '\n')
		return -2;
	if (n > 0)
		(*buf)[n] = '\0';
	return n > 0 ? (ssize_t)n : -1;
}

const char *
temp_dir(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && t[0] == '/' ? t : "/tmp";
}

int
mkstemp_nameless(char *template)
{
	sigset_t stops, old;
	int fd, e;

	/*
	 * A stop signal is delivered as open() returns: between mkstemp()
	 * and unlink() it left an empty file in TMPDIR (baocao stops its
	 * program with the signal it got). Held back until the name is gone.
	 */
	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGHUP);
	sigaddset(&stops, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &stops, &old);
	if ((fd = mkstemp(template)) >= 0)
		unlink(template);
	e = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return fd;
}

FILE *
temp_file(void)
{
	struct sbuf path = SBUF_INIT;
	FILE *fp = NULL;
	int fd, e;

	sbuf_printf(&path, "%s/baocao-tmp.XXXXXX", temp_dir());
	fd = mkstemp_nameless(path.buf);
	e = errno;
	if (fd >= 0 && (fp = fdopen(fd, "w+b")) == NULL) {
		e = errno;
		close(fd);
	}
	sbuf_release(&path);
	if (fp == NULL) {
		errno = e;
		diag_plain("cannot create a temporary file in %s:", temp_dir());
		errno = e;
	}
	return fp;
}

char *
fd_path(FILE *fp, char buf[FD_PATHSZ])
{
	snprintf(buf, FD_PATHSZ, "/proc/self/fd/%d", fileno(fp));
	return buf;
}

FILE *
memory_file(void)
{
	FILE *fp;
	int fd;

	if ((fd = memfd_create("baocao", MFD_CLOEXEC)) < 0)
		return temp_file();
	if ((fp = fdopen(fd, "w+b")) == NULL)
		close(fd);
	return fp;
}
