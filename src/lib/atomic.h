/* SPDX-License-Identifier: ISC */
/*
 * atomic: outputs appear whole or not at all. Write to a temporary file in
 * the same directory, then rename it over the real name; on any failure the
 * temporary file is removed and the real name is untouched.
 */
#ifndef BAOCAO_ATOMIC_H
#define BAOCAO_ATOMIC_H

#include <stdio.h>

struct atomic_file {
	char	*path;		/* the real name */
	char	*tmp;		/* path.tmp.XXXXXX, created by atomic_open */
	FILE	*fp;		/* open for writing on tmp (atomic_open only) */
};

/*
 * Creates a unique temporary file beside path and opens it for writing.
 * Returns the stream, or NULL with errno set. For libraries that write a
 * file by name (libharu, libxlsxwriter), use af->tmp and call
 * atomic_commit() afterwards: it closes af->fp first.
 */
FILE	*atomic_open(struct atomic_file *af, const char *path);
/* Flushes, syncs and renames tmp to path. 0, or -1 with errno (tmp removed). */
int	 atomic_commit(struct atomic_file *af);
/* Removes tmp and frees af; safe after a failed commit or twice. */
void	 atomic_abort(struct atomic_file *af);

#endif
