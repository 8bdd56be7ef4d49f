/* SPDX-License-Identifier: ISC */
/* atomic: write a temporary file, then rename it over the real name. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "util.h"

/*
 * Creates and opens af->tmp, a mkstemp() template; af->path may be NULL.
 * A copy's file has no name (a run killed before its commit, by baocao,
 * systemd or Ctrl-C, left a copy of the document in TMPDIR): af->fd holds
 * it, and af->tmp becomes /proc/self/fd/N, which opens it again
 * (libxlsxwriter writes by name).
 */
static FILE *
open_tmp(struct atomic_file *af)
{
	int fd;

	if (!af->copy)
		fd = mkstemp(af->tmp);
	else if ((fd = mkstemp_nameless(af->tmp)) >= 0 &&
	    (af->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		int e = errno;

		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		errno = e;
		return NULL;
	}
	if (!af->copy)	/* a copy for stdout stays the owner's */
		fchmod(fd, 0644);
	else
		sprintf(af->tmp, "/proc/self/fd/%d", af->fd);
	af->fp = fdopen(fd, "wb");
	if (af->fp == NULL) {
		int e = errno;

		close(fd);
		atomic_abort(af);
		errno = e;
		return NULL;
	}
	return af->fp;
}

/* Sets af->tmp to a mkstemp() template in $TMPDIR (else /tmp). */
static void
tmp_in_tmpdir(struct atomic_file *af)
{
	const char *dir = temp_dir();

	af->tmp = xmalloc(strlen(dir) + 32);	/* or /proc/self/fd/N */
	sprintf(af->tmp, "%s/baocao-stdout.XXXXXX", dir);
}

/* Whether path names something that exists and is no regular file or
 * folder: a device, FIFO or socket, which must be written, not replaced. */
static int
is_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode);
}

FILE *
atomic_open(struct atomic_file *af, const char *path)
{
	memset(af, 0, sizeof(*af));
	af->path = xstrdup(path);
	if (is_special(path)) {
		af->copy = 1;
		tmp_in_tmpdir(af);
	} else {
		af->tmp = xmalloc(strlen(path) + 16);
		sprintf(af->tmp, "%s.tmp.XXXXXX", path);
	}
	return open_tmp(af);
}

FILE *
atomic_open_stdout(struct atomic_file *af)
{
	memset(af, 0, sizeof(*af));
	af->copy = 1;
	tmp_in_tmpdir(af);
	return open_tmp(af);
}

/* Copies the file tmp to out and flushes it. 0, or -1 (errno). */
static int
copy_out(const char *tmp, FILE *out)
{
	char buf[65536];
	size_t n;
	FILE *in;
	int e;

	if ((in = fopen(tmp, "rb")) == NULL)	/* from its start */
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			e = errno;
			fclose(in);
			errno = e;
			return -1;
		}
	if (ferror(in)) {
		e = errno;
		fclose(in);
		errno = e ? e : EIO;
		return -1;
	}
	fclose(in);
	errno = 0;
	if (fflush(out) != 0 || ferror(out)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

/* Copies tmp to af->path, standard output when NULL, opened without
 * O_CREAT: a device that went away is an error, not a new plain file. */
static int
copy_to_path(struct atomic_file *af)
{
	FILE *out;
	int fd, rv, e;

	if (af->path == NULL)
		return copy_out(af->tmp, stdout);
	if ((fd = open(af->path, O_WRONLY | O_TRUNC)) < 0)
		return -1;
	if ((out = fdopen(fd, "wb")) == NULL) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	rv = copy_out(af->tmp, out);
	e = errno;
	if (fclose(out) != 0 && rv == 0)
		return -1;
	errno = e;
	return rv;
}

int
atomic_commit(struct atomic_file *af)
{
	int fd, e;

	if (af->fp != NULL) {
		if (fflush(af->fp) != 0 || ferror(af->fp))
			goto fail;
		fd = fileno(af->fp);
		/* a file only read back and removed needs no sync */
		if (!af->copy && fsync(fd) != 0 && errno != EINVAL)
			goto fail;
		if (fclose(af->fp) != 0) {
			af->fp = NULL;
			goto fail;
		}
		af->fp = NULL;
	}
	if (af->copy) {
		if (copy_to_path(af) != 0)
			goto fail;
	} else if (rename(af->tmp, af->path) != 0)
		goto fail;
	if (af->copy)
		close(af->fd);
	free(af->tmp);
	af->tmp = NULL;
	free(af->path);
	af->path = NULL;
	af->copy = 0;
	return 0;
fail:
	e = errno;
	atomic_abort(af);
	errno = e;
	return -1;
}

void
atomic_abort(struct atomic_file *af)
{
	if (af->fp != NULL)
		fclose(af->fp);
	if (af->copy)
		close(af->fd);	/* the copy goes with it: it has no name */
	else if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
}
