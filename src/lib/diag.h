/* SPDX-License-Identifier: ISC */
/*
 * diag: the one place that writes diagnostics to standard error, as
 *     PROG: FILE:LINE:COL: message      (located; LINE and COL 1-based)
 *     PROG: FILE:LINE: message          (col 0 = no column)
 *     PROG: FILE: message               (line 0 = no line)
 *     PROG: message
 * LINE is the physical line where the offending record starts. COL counts
 * bytes from 1 (an editor's byte column), which for Vietnamese text may be
 * larger than the character column.
 * Warnings print "warning: " before the message and are not errors.
 * A format ending in ':' gets ": strerror(errno)" appended.
 */
#ifndef BAOCAO_DIAG_H
#define BAOCAO_DIAG_H

#include <stddef.h>

/*
 * Keeps the basename of argv0 as the "PROG: " prefix (NULL or "": keeps
 * "baocao"), makes standard error line buffered so that a message is one
 * write, and holds a closed descriptor 0-2 with /dev/null opened the wrong
 * way round, so that no file opened later takes its place.
 */
void	diag_init(const char *argv0);
/* The prefix diag_init() kept: "baocao-check". */
const char *diag_prog(void);
/*
 * An error at file:line:col (file NULL: unlocated; line 0: no line; col
 * 0: no column); counts towards diag_errors(). Control, invisible and bidi
 * characters of file and message print as '?' (see diag_hidden_at).
 */
void	diag_errorat(const char *file, long line, long col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* The same as a warning: "warning: " before the message; diag_warnings(). */
void	diag_warnat(const char *file, long line, long col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* An unlocated message; does not count as a data error. */
void	diag_plain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * The byte offset in the UTF-8 text s[0..n) of its first character that
 * a message shows as '?' (a control character, an invisible or bidi
 * format character such as U+200B or U+FEFF), its code point in *cp; or
 * -1 when there is none. s is valid UTF-8 (checked before): an invalid
 * sequence ends the search with -1.
 */
long	diag_hidden_at(const char *s, size_t n, unsigned *cp);
/* Number of diag_errorat() calls so far (since diag_reset()). */
long	diag_errors(void);
/* Number of diag_warnat() calls so far (since diag_reset()). */
long	diag_warnings(void);
/*
 * Flushes standard output and exits with status, or with 2 after a
 * message when standard output could not be written (--help or --version
 * into a full disk or a closed pipe).
 */
void	diag_exit_stdout(int status) __attribute__((noreturn));
/* Forget the counts (tests). */
void	diag_reset(void);

#endif
