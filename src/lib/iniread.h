/* SPDX-License-Identifier: ISC */
/*
 * iniread: the tokenizer of the monthly sheets (SPEC §3.1).
 *
 * Why not iniparser, which reads config/: iniparser 4.1 fails a whole file
 * on a line longer than about 1022 bytes (a department's narrative runs to
 * thousands of characters), reports no line numbers, keeps the last of two
 * duplicate keys silently, fails on a byte-order mark and folds names
 * before we can quote them back. Sheets are written by hand by many people,
 * so their reader must say exactly where each problem is; this one does.
 *
 * Syntax, one item per logical line:
 *	[section]			; a comment may follow
 *	key = value			; spaces around '=' optional
 *	key = "value; # kept"		; quotes keep ';' and '#'; \" and \\ inside
 *	; comment, # comment		  at the start of a line
 * A physical line ending in '\' continues on the next: the backslash and
 * the spaces around the line break become one space (a comment line ending
 * in '\' continues too, as in C, but a continuation that is not itself a
 * comment or blank is an error: a key would be lost); a continuation line
 * holding only '\' becomes a line break, so a long text can have
 * paragraphs. In an unquoted value a ';' or '#' starts a comment when it
 * comes first or after a space or tab ("95%;" stays text, "95 ; note"
 * ends at "95"). Values are trimmed; their length is bounded only by
 * INIREAD_LINE_MAX.
 * vcut is where the value would end if any ';' or '#' started a comment:
 * a reader of numbers, dates and codes takes that much ("12;note" is 12),
 * a reader of text the whole value.
 * A CR that is not followed by LF (a file saved with CR-only line ends)
 * is an error (INIREAD_ECR) at that CR.
 * A UTF-8 byte-order mark and CR before LF are accepted. Every physical line
 * is checked for NUL bytes and invalid UTF-8. A line (physical, or logical
 * with its continuations) longer than INIREAD_LINE_MAX is an error
 * (INIREAD_ELINE), so memory stays bounded whatever the file.
 *
 * Lines are physical and 1-based; columns count bytes from 1 (diag.h).
 * Positions are those of the physical lines, continuations included: an
 * item is located where its key or '[' is, an unterminated quote or text
 * after a section header where it is, and a value that opens on a
 * continuation line gets no column (vcol 0), as a CSV field that opens on
 * a later line of its record.
 */
#ifndef BAOCAO_INIREAD_H
#define BAOCAO_INIREAD_H

#include <stdio.h>

#include "util.h"

enum ini_item {
	INI_END = 0,
	INI_SECTION,		/* name = the section's name */
	INI_KEY			/* name = the key, value = its value */
};

enum ini_error {
	INIREAD_OK = 0,
	INIREAD_ESYNTAX,	/* a line that is no item (message in err) */
	INIREAD_EUTF8,		/* invalid UTF-8: stop reading the file */
	INIREAD_ENUL,		/* a NUL byte: stop reading the file */
	INIREAD_EIO,		/* read error: stop reading the file */
	INIREAD_ECR,		/* a CR not followed by LF (old Mac line
				   ends): stop reading the file */
	INIREAD_ELINE		/* a line, or a logical line with its
				   continuations, longer than
				   INIREAD_LINE_MAX: stop reading the file */
};

/* Memory stays bounded: a value over 1 MiB is an error anyway. */
#define INIREAD_LINE_MAX	(16L * 1024 * 1024)

/* A physical line of a logical line: its first byte kept is at[.] */
struct iniseg {
	size_t	 at;		/* offset in the logical line */
	long	 line, col;	/* physical line and byte column of it */
};

struct iniread {
	FILE		*fp;
	char		*raw;
	size_t		 rawcap;
	long		 lineno;	/* physical lines read so far */
	long long	 off;		/* file offset of the next line */
	long long	 bytes;		/* bytes read so far */
	struct sbuf	 logical;	/* the current logical line */
	struct iniseg	*seg;		/* where its physical lines start */
	size_t		 nseg, segcap;
	/* the current item */
	long		 line, col;	/* where it starts */
	struct sbuf	 name;
	struct sbuf	 value;
	long		 vcol;		/* column where the value starts on
					   line; 0 when it opens on a later
					   (continuation) line */
	int		 quoted;	/* the value was in double quotes */
	size_t		 vcut;		/* length of the value before its first
					   ';' or '#' (trimmed), value.len when
					   none or quoted: see below */
	long		 cline, ccol;	/* where a comment after an unquoted
					   value starts (cline 0: none), for
					   a reader of text to warn of what
					   it loses */
	char		 cchar;		/* and its ';' or '#' */
	/* the error, when iniread_next() returned -1 */
	enum ini_error	 err;
	const char	*errmsg;	/* static text */
	int		 err_section;	/* the error is text after a good
					   section header, named in name */
	int		 err_key;	/* the error is in the value of the
					   key named in name (at line), so
					   the key is not missing */
	int		 err_keyline;	/* the error is a byte-order mark
					   before a good key line, read in
					   name and value: take it */
	long		 err_line, err_col;
	long		 lost_line, lost_col;	/* a line a comment's '\'
						   swallowed: an error next */
	long long	 err_off;
	int		 err_errno;
};

/* Starts reading fp (borrowed; not closed). */
void	 iniread_init(struct iniread *, FILE *fp);
void	 iniread_release(struct iniread *);
/*
 * Reads the next item: INI_SECTION, INI_KEY, INI_END at end of input, or
 * -1 on an error (r->err, r->errmsg and the location). After
 * INIREAD_ESYNTAX the next call goes on with the next line; after the
 * others it returns INI_END.
 */
int	 iniread_next(struct iniread *);

#endif
