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

FILE *
atomic_open(struct atomic_file *af, const char *path)
{
	int fd;

	memset(af, 0, sizeof(*af));
	af->path = xstrdup(path);
	af->tmp = xmalloc(strlen(path) + 16);
	sprintf(af->tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		int e = errno;

		free(af->path);
		free(af->tmp);
		memset(af, 0, sizeof(*af));
		errno = e;
		return NULL;
	}
	fchmod(fd, 0644);
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

int
atomic_commit(struct atomic_file *af)
{
	int fd, e;

	if (af->fp != NULL) {
		if (fflush(af->fp) != 0 || ferror(af->fp))
			goto fail;
		fd = fileno(af->fp);
		if (fsync(fd) != 0 && errno != EINVAL)
			goto fail;
		if (fclose(af->fp) != 0) {
			af->fp = NULL;
			goto fail;
		}
		af->fp = NULL;
	}
	if (rename(af->tmp, af->path) != 0)
		goto fail;
	free(af->tmp);
	af->tmp = NULL;
	free(af->path);
	af->path = NULL;
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
	if (af->tmp != NULL)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	memset(af, 0, sizeof(*af));
}
