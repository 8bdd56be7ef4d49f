/* SPDX-License-Identifier: ISC */
/*
 * norm: the normalized record stream between baocao-check and the programs
 * after it (docs/FORMATS.md). One record per line, fields separated by TAB,
 * and inside a field TAB, LF, CR and backslash are written \t \n \r \\.
 * Lines starting with '#' are comments. Streams concatenate.
 */
#ifndef BAOCAO_NORM_H
#define BAOCAO_NORM_H

#include <stdio.h>

#define NORM_MAXFIELDS	32
/*
 * The longest line read (LF included): NORM_MAXFIELDS fields of a CSV
 * field's most (CSVREAD_FIELD_MAX, 1 MiB), each at most twice as long
 * escaped, and their TABs. A longer line is malformed, so that a stream
 * of junk with no line break cannot take all memory (SPEC §9).
 */
#define NORM_LINE_MAX	(65L * 1024 * 1024)

/* Writes s[0..n) escaped (no separator). */
void	norm_put(FILE *, const char *s, size_t n);
/* Writes fields[0..nf) escaped, TAB-separated, then LF. */
void	norm_put_record(FILE *, int nf, const char *const *fields);

/*
 * A reader of one stream. Fields of the current record are unescaped in
 * place and stay valid until the next norm_read(); copy what you keep.
 */
struct norm_reader {
	FILE		*fp;
	const char	*name;		/* for messages; borrowed */
	long		 line;		/* line of the current record */
	char		*buf;
	size_t		 cap;
	int		 comments;	/* set: norm_read returns them too */
	int		 nf;
	char		*f[NORM_MAXFIELDS];
	size_t		 len[NORM_MAXFIELDS];
};

void	norm_reader_init(struct norm_reader *, FILE *, const char *name);
void	norm_reader_release(struct norm_reader *);
/*
 * Reads the next record: 1 when there is one, 0 at end of stream, -1 on a
 * malformed line (too many fields, bad escape, NUL, missing final LF,
 * longer than NORM_LINE_MAX: the rest of it is skipped), with
 * the message in *err (static text). Comment lines are skipped, unless
 * r->comments is set: then such a line is returned as 2, the line without
 * its LF in f[0] (nf 1, not unescaped).
 */
int	norm_read(struct norm_reader *, const char **err);

/*
 * Reads the stream in file path record by record and calls fn(r, arg) for
 * each; fn returns the number of data errors it reported through diag (0
 * when none). The file that cannot be opened or read and a malformed line
 * (reading stops there) are reported through diag too. Returns EXIT_OK,
 * EXIT_DATA when there was any data error, or EXIT_USAGE (util.h).
 */
int	norm_each(const char *path, int (*fn)(struct norm_reader *r, void *arg),
	    void *arg);

/*
 * The stream a filter reads (docs/FORMATS.md): its header comment is
 * "#baocao-<name> <version>", writer is the program that writes it, and
 * types the record types it may hold (NULL-terminated).
 */
struct norm_stream {
	const char		*name;		/* "norm" */
	int			 version;	/* 1 */
	const char		*writer;	/* "baocao-check" */
	const char *const	*types;		/* { "S", "V", "R", NULL } */
};

/*
 * Reads the streams of the NULL-terminated list files, and standard input
 * ("<stdin>") when the list is empty or names "-", as a filter reads its
 * arguments, calling record(r) for each record. Each input must start with
 * the header of stream s; a later comment starting with "#baocao-" must be
 * that header again (streams concatenate); an empty input (no line at all)
 * is refused, since the writer always writes the header: a missing or
 * wrong header is reported once and reading that input stops. A record of
 * a type s does not list, a malformed line, or a record for which record()
 * returns a message is reported through diag at its file and line, and
 * reading goes on (a filter reports every bad line; diag counts them). A
 * file that cannot be opened or read is reported too. Returns EXIT_OK or
 * EXIT_USAGE (util.h).
 */
int	norm_each_file(char *const *files, const struct norm_stream *s,
	    const char *(*record)(struct norm_reader *r));

#endif
