/* SPDX-License-Identifier: ISC */
/* util: allocation that never returns NULL, and a growable byte buffer. */
#ifndef BAOCAO_UTIL_H
#define BAOCAO_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The version every program prints for --version. */
#define BAOCAO_VERSION	"0.1.0"

/* Exit statuses of every program (SPEC §4). The most severe wins. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Allocation failure prints "PROG: out of memory" and exits 2. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

/*
 * A growable buffer of bytes, always NUL-terminated after len bytes once
 * anything was added (buf is NULL before: read it with sbuf_str()).
 * sbuf_init() gives an empty buffer; sbuf_release() frees it and leaves it
 * empty again; sbuf_reset() empties it but keeps its memory for reuse.
 * The sbuf_add*() and sbuf_printf() calls append (growing with xrealloc,
 * so they never fail). sbuf_detach() hands the string to the caller
 * (free(3) it; "" for an empty buffer) and leaves the buffer empty.
 */
struct sbuf {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};
#define SBUF_INIT { NULL, 0, 0 }
void	 sbuf_init(struct sbuf *);
void	 sbuf_release(struct sbuf *);
void	 sbuf_reset(struct sbuf *);
void	 sbuf_add(struct sbuf *, const void *p, size_t n);
void	 sbuf_addc(struct sbuf *, int c);
void	 sbuf_adds(struct sbuf *, const char *s);
void	 sbuf_printf(struct sbuf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
char	*sbuf_detach(struct sbuf *);
/* Returns the buffer's string; "" for an empty buffer, never NULL. */
const char *sbuf_str(const struct sbuf *);

/*
 * The whole file at path, NUL-terminated (*len, when len is not NULL: its
 * length without the NUL); NULL with errno set when it cannot be opened or
 * read, or is not a regular file (EISDIR, EINVAL: never blocks on a FIFO).
 * free() it.
 */
char	*read_file(const char *path, size_t *len);
/*
 * getline(3) into *buf (*cap bytes, grown with xrealloc) that holds at most
 * max bytes of a line, its '\n' included, so that memory stays bounded:
 * the length, -1 at end of input or on a read error, -2 when max bytes came
 * without a '\n' (the rest of the line is left unread). *buf is
 * NUL-terminated after a line.
 */
ssize_t	 getline_max(FILE *fp, char **buf, size_t *cap, size_t max);
/*
 * The folder for temporary files: $TMPDIR when set to an absolute path,
 * else /tmp. Messages about temporary files name it, so that a full /tmp
 * points to its cure (TMPDIR=/var/tmp).
 */
const char *temp_dir(void);
/*
 * mkstemp(3) of template, the file unlinked at once, with the stop signals
 * (SIGTERM, SIGINT, SIGHUP, SIGQUIT) held back between the two, so that a
 * process stopped meanwhile leaves no file behind. The descriptor, or -1
 * with errno set.
 */
int	 mkstemp_nameless(char *template);
/*
 * tmpfile(3), but in temp_dir() (glibc's tmpfile() ignores TMPDIR): a
 * file opened "w+b" that is gone when closed or when the process ends.
 * NULL with errno set, after "cannot create a temporary file in DIR:".
 */
FILE	*temp_file(void);
#define FD_PATHSZ 32
/*
 * "/proc/self/fd/N" into buf: the name by which the file open on fp, a
 * temp_file() or memory_file() without a name of its own, opens again
 * (for libraries and threads that open files by name). Returns buf.
 */
char	*fd_path(FILE *fp, char buf[FD_PATHSZ]);
/*
 * A file in memory (memfd_create(2)), for small texts handed to a library
 * that reads only named files (as /proc/self/fd/N): a full or missing
 * temporary folder cannot stop a run from reading its configuration.
 * Falls back to temp_file(). NULL with errno set, after its message.
 */
FILE	*memory_file(void);
/*
 * Whether the regular files at a and b hold the same bytes (read_file());
 * 0 when either cannot be read.
 */
int	 same_bytes(const char *a, const char *b);

int	 worst(int a, int b);	/* the more severe of two exit statuses */

#endif
