/* SPDX-License-Identifier: ISC */
/*
 * csvread: a streaming RFC 4180 reader on top of libcsv that knows where
 * things are. libcsv gives no positions, keeps a UTF-8 BOM and grows its
 * field buffer without limit, so this wrapper:
 *   - reads the file in blocks and cuts it into physical lines (LF; a CR
 *     before the LF is dropped), counting them from 1;
 *   - gives each record the line and byte column where it starts, and each
 *     field the line and column where it opens (for a quoted field, at its
 *     opening quote's field), so a field spanning lines is located where it
 *     begins and an unterminated quote where its field opens;
 *   - refuses a CR that is not followed by LF outside a quoted field
 *     (a file saved with CR-only line ends), at that CR;
 *   - skips a UTF-8 byte-order mark (columns on line 1 do not count it);
 *   - checks every physical line for valid UTF-8 and NUL bytes, reporting
 *     the first bad byte's line, column and offset in the file;
 *   - refuses a field longer than CSVREAD_FIELD_MAX (1 MiB), a physical
 *     line longer than CSVREAD_LINE_MAX (16 MiB), a record of more than
 *     CSVREAD_FIELDS_MAX fields or, across lines, of more than
 *     CSVREAD_LINE_MAX bytes of text, so memory stays bounded; a record
 *     over a limit of its own (not a line's) is read to its end first,
 *     dropping its text, so reading can go on after it.
 *
 * Speed: most lines are split here in one pass with no copy (fields point
 * into the read buffer): lines without a CR (but a CRLF end) whose quoted
 * fields, if any, open a field, close on the same line just before a comma
 * or the line's end, and hold no doubled quote, CR or NUL. libcsv (strict
 * mode) parses the other records. Both follow libcsv's rules (spaces and
 * tabs around unquoted fields trimmed, blank lines skipped) and give the
 * same fields, positions and errors (tests compare them); a field is
 * located at its first byte that is not a space or tab. Nothing is
 * allocated per record or per field: buffers are reused.
 *
 * Columns count bytes from 1 (an editor's byte column), as in diag.h.
 *
 *	struct csvread r;
 *	csvread_init(&r, fp);
 *	while ((rv = csvread_next(&r)) == 1)
 *		use r.f[0 .. r.nf) ;		// valid until the next call
 *	if (rv < 0)
 *		report csvread_strerror(&r) at r.err_line, r.err_col;
 *	csvread_release(&r);
 */
#ifndef BAOCAO_CSVREAD_H
#define BAOCAO_CSVREAD_H

#include <stdio.h>
#include <csv.h>

/* The field limits can be lowered for a fuzzer (tests/fuzz/run), whose
   inputs are a few KB, to reach the skipping of records past them. */
#ifndef CSVREAD_FIELD_MAX
#define CSVREAD_FIELD_MAX	(1024L * 1024)		/* bytes, after unquoting */
#endif
#define CSVREAD_LINE_MAX	(16L * 1024 * 1024)
#ifndef CSVREAD_FIELDS_MAX
#define CSVREAD_FIELDS_MAX	4096			/* fields of a record */
#endif

struct csvread_field {
	const char	*s;	/* not NUL-terminated; valid until next call */
	size_t		 len;
	long		 line;	/* physical line where the field opens */
	long		 col;	/* byte column where the field opens */
};

enum csvread_error {
	CSVREAD_OK = 0,
	CSVREAD_EQUOTE,		/* unterminated quoted field (at its opening) */
	CSVREAD_ESTRAY,		/* a quote inside an unquoted field */
	CSVREAD_EAFTER,		/* text after a closing quote */
	CSVREAD_EFIELD,		/* a field longer than CSVREAD_FIELD_MAX */
	CSVREAD_ELINE,		/* a line longer than CSVREAD_LINE_MAX */
	CSVREAD_EUTF8,		/* invalid UTF-8 */
	CSVREAD_ENUL,		/* a NUL byte */
	CSVREAD_EIO,		/* read error (errno kept in err_errno) */
	CSVREAD_ECR,		/* a CR outside quotes not followed by LF
				   (CR-only line ends), at the CR */
	CSVREAD_EFIELDS,	/* a record of more than CSVREAD_FIELDS_MAX
				   fields, at the record's start */
	CSVREAD_ERECORD		/* a record (spanning lines) of more than
				   CSVREAD_LINE_MAX bytes, at its start */
};

struct csvread {
	FILE		*fp;
	/* read buffer: bytes [start, end) are not yet consumed */
	char		*buf;
	size_t		 cap, start, end;
	long long	 off;		/* file offset of buf[0] */
	int		 eof;
	long long	 limit;		/* -1, or read as if the file ended here */
	int		 at_limit;	/* stopped at limit */
	int		 no_bom;	/* a BOM on the first line is text */
	int		 no_fast;	/* every line through libcsv (tests
					   compare the two paths) */
	long long	 rec_off;	/* file offset of the record's first line */
	long long	 bytes;		/* bytes read so far (0 at EOF: empty) */
	long		 lineno;	/* physical lines taken so far */
	/* the current physical line, while libcsv works through it */
	const char	*ln;
	size_t		 lnlen, lnpos;
	long		 ln_no;
	long long	 ln_off;
	int		 ln_open;
	/* libcsv and the slow path's field store */
	struct csv_parser p;
	char		*data;
	size_t		 dlen, dcap;
	size_t		*foff;
	long		 fline, fcol;	/* where the next field opens */
	size_t		 fcrlf;		/* CRs before an LF inside the quoted
					   field being built: line ends that
					   readers drop, not counted against
					   CSVREAD_FIELD_MAX */
	int		 rec_done;
	/*
	 * A field, the number of fields or the text of the record being
	 * read past its limit (EFIELD, EFIELDS, ERECORD): the rest of the
	 * record is read and dropped, memory staying bounded, and this error
	 * is returned at its end, where csvread_recover() can go on with the
	 * next record; at skip_line:skip_col.
	 */
	enum csvread_error skip;
	long		 skip_line, skip_col;
	/* the current record */
	long		 line, col;	/* where the record starts */
	int		 nf, fcap;
	struct csvread_field *f;
	/* the error, when csvread_next() returned -1 */
	enum csvread_error err;
	long		 err_line, err_col;
	/* a typo (ESTRAY, EAFTER) on a later line of a record that
	   spans lines is reported at the record's first line (SPEC §3:
	   err_line, err_col 0), err_at_line:err_at_col saying where it is;
	   err_at_line is 0 when the typo is at err_line:err_col */
	long		 err_at_line, err_at_col;
	long long	 err_off;	/* byte offset in the file (from 0) */
	int		 err_errno;
	int		 err_whole;	/* the record in error was read to its
					   end (see skip): recoverable */
};

/* Starts reading fp (borrowed; not closed by csvread). */
void	 csvread_init(struct csvread *, FILE *fp);
void	 csvread_release(struct csvread *);
/*
 * Reads the next record into r->f[0 .. r->nf). Returns 1, 0 at end of
 * input, or -1 on an error (r->err and its location). After an error the
 * reader stays at the error: the rest of the file is not read.
 */
int	 csvread_next(struct csvread *);
/*
 * Splitting a file across threads. csvread_limit() makes the reader stop at
 * file offset limit (the start of a line) as if the file ended there;
 * csvread_next() then returns 0 and csvread_cut() tells whether a record was
 * still open there (a quoted field running across the limit).
 * csvread_resume() continues at file offset off (the start of a line) with
 * lines physical lines before it; after a cut, resume at the limit itself
 * (off = the limit, lines = r->lineno) to read on as if nothing happened.
 * A reader that starts inside a file sets no_bom and off/lineno by
 * csvread_resume() before its first read. csvread_resume() returns 0, or
 * -1 with CSVREAD_EIO (err_errno) when it cannot seek to off.
 */
void	 csvread_limit(struct csvread *, long long limit);
int	 csvread_cut(const struct csvread *);
int	 csvread_resume(struct csvread *, long long off, long lines);

/*
 * After a quote inside an unquoted field, text after a closing quote or a
 * lone CR, skips the rest of that physical line and starts afresh with the
 * next one; after a field, field count or record past its limit (read to
 * its end, err_whole), starts afresh with the next record; so that one
 * typo does not hide the rest of the file. Returns 0, or -1 after the
 * other errors (an unterminated quote, a bad byte, a line over 16 MiB).
 */
int	 csvread_recover(struct csvread *);

/* The message for r->err, lower-case, without location. */
const char *csvread_strerror(const struct csvread *);

#endif
