/* SPDX-License-Identifier: ISC */
/*
 * atomic: outputs appear whole or not at all. Write to a temporary file in
 * the same directory, then rename it over the real name; on any failure the
 * temporary file is removed and the real name is untouched. Standard
 * output is the same: the whole output is made in a temporary file first
 * and copied out only once it is complete (atomic_open_stdout).
 */
#ifndef BAOCAO_ATOMIC_H
#define BAOCAO_ATOMIC_H

#include <stdio.h>

struct atomic_file {
	char	*path;		/* the real name; NULL for standard output */
	char	*tmp;		/* path.tmp.XXXXXX, created by atomic_open */
	FILE	*fp;		/* open for writing on tmp (atomic_open only) */
	int	 copy;		/* commit copies tmp out instead of renaming */
	int	 fd;		/* copy: holds the nameless tmp until commit */
};

/*
 * Creates a unique temporary file beside path and opens it for writing.
 * Returns the stream, or NULL with errno set (af is then empty: nothing
 * to abort). For libraries that write a
 * file by name (libharu, libxlsxwriter), use af->tmp and call
 * atomic_commit() afterwards: it closes af->fp first. A path that names
 * something other than a regular file or folder (/dev/null, a FIFO, a
 * terminal, or a link to one) is written as standard output is: the
 * temporary file is made in $TMPDIR and copied to it, never renamed over
 * it (as root, that would put a plain file in the place of /dev/null).
 */
FILE	*atomic_open(struct atomic_file *af, const char *path);
/*
 * The same for standard output: the temporary file is made in $TMPDIR
 * (else /tmp), and atomic_commit() copies its bytes to standard output,
 * flushed, instead of renaming it; nothing reaches standard output before.
 * Such a copy (here and for a special file above) is unlinked as it is
 * made, so that a program killed before its commit leaves nothing in
 * $TMPDIR; af->tmp is then /proc/self/fd/N, a name that opens it again
 * while af is open (closing af->fp does not end it).
 */
FILE	*atomic_open_stdout(struct atomic_file *af);
/*
 * Flushes, syncs and renames tmp to path (or copies it to standard output
 * or the special file and flushes that). 0, or -1 with errno (tmp
 * removed); either way af holds nothing more to free.
 */
int	 atomic_commit(struct atomic_file *af);
/* Removes tmp and frees af; safe after any commit or twice. */
void	 atomic_abort(struct atomic_file *af);

#endif
