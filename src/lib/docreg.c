/* SPDX-License-Identifier: ISC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "docreg.h"
#include "num.h"
#include "util.h"

#define FIELDS	"nam,so,ky_hieu,ngay,ky_bao_cao,dau_vao,trich_yeu"
static const char header[] = FIELDS "\n";

/* Every line read, and the year's highest number. */
struct scan {
	const char		*period, *digest;	/* looked for */
	int			 year;			/* for max, want */
	long			 want;
	long			 max;		/* highest number of year */
	int			 found;		/* (period, digest) */
	int			 taken;		/* want is in use in year */
	struct docreg_entry	*e;
	int			 no_newline;	/* a whole last line lacks it */
};

/*
 * Copies field n (0-based, comma-separated; the first six never hold a
 * comma) of line into buf; -1 when missing or too long.
 */
static int
field(const char *line, int n, char *buf, size_t size)
{
	size_t len;

	while (n-- > 0) {
		if ((line = strchr(line, ',')) == NULL)
			return -1;
		line++;
	}
	len = strcspn(line, ",\n");
	if (len >= size)
		return -1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	return 0;
}

/*
 * Parses one register line into e; NULL, or what is wrong with it. The
 * year column must be the year of the date of issue: numbers run per year,
 * and a line that says otherwise would let a number be given twice.
 */
static const char *
parse_line(const char *line, struct docreg_entry *e)
{
	static const char malformed[] = "malformed entry; expected " FIELDS;
	char year[16], number[32];
	long y, day;
	int dy, dm, dd;
	size_t i;

	if (field(line, 0, year, sizeof(year)) != 0 ||
	    field(line, 1, number, sizeof(number)) != 0 ||
	    field(line, 2, e->symbol, sizeof(e->symbol)) != 0 ||
	    field(line, 3, e->date, sizeof(e->date)) != 0 ||
	    field(line, 4, e->period, sizeof(e->period)) != 0 ||
	    field(line, 5, e->digest, sizeof(e->digest)) != 0)
		return malformed;
	if (num_option(year, 1000, 9999, &y) != 0 ||
	    num_option(number, 1, DOCREG_NUMBER_MAX, &e->number) != 0 ||
	    date_parse(e->date, strlen(e->date), &day) != DATE_OK ||
	    strlen(e->digest) != 64)
		return malformed;
	for (i = 0; i < 64; i++)
		if (strchr("0123456789abcdef", e->digest[i]) == NULL)
			return malformed;
	date_to_ymd(day, &dy, &dm, &dd);
	if (dy != y)
		return "the year column does not match the date of issue; "
		    "mend the line by hand";
	e->year = (int)y;
	return NULL;
}

/* Whether the subject (the last field) of line is whole: quoted, closed. */
static int
subject_closed(const char *line)
{
	const char *p = line;
	size_t quotes = 0;
	int n;

	for (n = 0; n < 6; n++)
		if ((p = strchr(p, ',')) == NULL)
			return 0;
		else
			p++;
	if (*p != '"')
		return 0;
	for (; *p != '\0'; p++)
		quotes += *p == '"';
	return quotes % 2 == 0 && p[-1] == '"';
}

/*
 * Refuses a NUL byte in the register's len bytes at text: the text is read
 * as a C string, so the entries after it went unseen, and their numbers
 * were given again. -1 after a diagnostic at its line and column.
 */
static int
check_nul(const char *path, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len), *p, *bol = text;
	long lineno = 1;

	if (nul == NULL)
		return 0;
	for (p = text; p < nul; p++)
		if (*p == '\n') {
			lineno++;
			bol = p + 1;
		}
	diag_errorat(path, lineno, (long)(nul - bol) + 1, "NUL byte in the "
	    "register: the file is damaged; restore it from a backup or "
	    "remove the byte by hand");
	return -1;
}

/* Reads the register text; -1 after a diagnostic on a malformed line. */
static int
scan_text(const char *path, const char *text, size_t len, struct scan *s)
{
	const char *line = text, *nl;
	struct docreg_entry e;
	const char *why;
	long lineno = 1;

	if (check_nul(path, text, len) != 0)
		return -1;
	if (*text != '\0' && strncmp(text, header, sizeof(header) - 2) != 0) {
		diag_errorat(path, 1, 0, "not a register of issued reports: "
		    "the first line should be '%.*s'", (int)sizeof(header) - 2,
		    header);
		return -1;
	}
	for (; *line != '\0'; line = nl + 1, lineno++) {
		/*
		 * A whole entry, its subject's quotes closed, with no line
		 * break after it is the register saved by an editor, not a
		 * cut write: it stands (a number given and printed), and the
		 * next entry goes on a line of its own. "Remove it by hand"
		 * was advice to lose an issued number.
		 */
		if ((nl = strchr(line, '\n')) == NULL) {
			if (lineno == 1 || !subject_closed(line)) {
				diag_errorat(path, lineno, 0, "incomplete last "
				    "line (a write was interrupted?); remove "
				    "it by hand");
				return -1;
			}
			s->no_newline = 1;
			nl = line + strlen(line) - 1;	/* the loop ends at it */
		}
		if (lineno == 1)
			continue;
		if ((why = parse_line(line, &e)) != NULL) {
			diag_errorat(path, lineno, 0, "%s", why);
			return -1;
		}
		if (e.year == s->year && e.number > s->max)
			s->max = e.number;
		if (e.year == s->year && e.number == s->want) {
			s->taken = 1;
			if (!s->found)
				*s->e = e;
		}
		if (strcmp(e.period, s->period) == 0 &&
		    strcmp(e.digest, s->digest) == 0) {
			s->found = 1;
			*s->e = e;
		}
	}
	return 0;
}

/* Reads the register open on fd into s; -1 after a diagnostic. */
static int
scan_fd(const char *path, int fd, struct scan *s)
{
	struct sbuf sb = SBUF_INIT;
	char buf[8192];
	ssize_t n;
	int rv;

	if (lseek(fd, 0, SEEK_SET) < 0)
		n = -1;
	else
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			sbuf_add(&sb, buf, (size_t)n);
	if (n < 0) {
		diag_errorat(path, 0, 0, "cannot read:");
		sbuf_release(&sb);
		return -1;
	}
	rv = scan_text(path, sbuf_str(&sb), sb.len, s);
	sbuf_release(&sb);
	return rv;
}

/* The subject as one CSV field: quoted, quotes doubled, no line breaks. */
static void
add_quoted(struct sbuf *sb, const char *s)
{
	sbuf_addc(sb, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			sbuf_addc(sb, '"');
		sbuf_addc(sb, *s == '\n' || *s == '\r' ? ' ' : *s);
	}
	sbuf_addc(sb, '"');
}

/*
 * Appends e's line (and the header to an empty file, a line break first
 * when the last entry lacks one: scan_text()); 0 or -1. A write cut short
 * (disk full, a quota, a file size limit) is taken back: the part written
 * was a last line that scan_text() refuses, so no number could be given
 * again, in any year, until someone mended the file by hand.
 */
static int
append(int fd, const struct docreg_entry *e, const char *subject,
    int newline_first)
{
	struct sbuf sb = SBUF_INIT;
	struct stat st;
	size_t off = 0, len;
	ssize_t n = 0;
	int err;

	if (fstat(fd, &st) != 0)
		return -1;
	if (st.st_size == 0)
		sbuf_adds(&sb, header);
	else if (newline_first)
		sbuf_addc(&sb, '\n');
	sbuf_printf(&sb, "%d,%ld,%s,%s,%s,%s,", e->year, e->number, e->symbol,
	    e->date, e->period, e->digest);
	add_quoted(&sb, subject);
	sbuf_addc(&sb, '\n');
	len = sb.len;
	while (off < len && (n = write(fd, sb.buf + off, len - off)) > 0)
		off += (size_t)n;
	sbuf_release(&sb);
	if (off == len && fsync(fd) == 0)
		return 0;
	err = errno;
	if (off > 0 && ftruncate(fd, st.st_size) == 0)
		fsync(fd);
	errno = err;
	return -1;
}

int
docreg_find(const char *path, const char *period, const char *digest,
    struct docreg_entry *e)
{
	struct scan s = { period, digest, 0, 0, 0, 0, 0, e, 0 };
	int fd, rv;

	if ((fd = open(path, O_RDONLY)) < 0) {
		if (errno == ENOENT)
			return 0;
		diag_errorat(path, 0, 0, "cannot open:");
		return -1;
	}
	/* Shared: a clerk appending at the same moment finishes first. */
	rv = flock(fd, LOCK_SH) == 0 ? scan_fd(path, fd, &s) : -1;
	close(fd);
	return rv < 0 ? -1 : s.found;
}

enum docreg_status
docreg_take(const char *path, const char *period, const char *digest,
    const char *date, long want, const char *suffix, const char *subject,
    struct docreg_entry *e)
{
	struct scan s = { period, digest, 0, want, 0, 0, 0, e, 0 };
	enum docreg_status st;
	long day;
	int fd, m, d;

	if (date_parse(date, strlen(date), &day) != DATE_OK)
		return DOCREG_BAD;
	if (strpbrk(suffix, ",\"\r\n") != NULL || strlen(suffix) > 40) {
		diag_plain("the document symbol '%s' cannot go in the register "
		    "(no commas, quotes or line breaks; at most 40 bytes)",
		    suffix);
		return DOCREG_BAD;
	}
	date_to_ymd(day, &s.year, &m, &d);
	if ((fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644)) < 0 ||
	    flock(fd, LOCK_EX) != 0) {
		diag_errorat(path, 0, 0, "cannot open:");
		if (fd >= 0)
			close(fd);
		return DOCREG_BAD;
	}
	if (scan_fd(path, fd, &s) != 0)
		st = DOCREG_BAD;
	else if (s.found)
		st = DOCREG_EXISTING;
	else if (want > 0 && s.taken)
		st = DOCREG_TAKEN;
	else if (want <= 0 && s.max >= DOCREG_NUMBER_MAX) {
		/* the next one could not be read back */
		diag_errorat(path, 0, 0, "the numbers of %d have run out (the "
		    "highest is %ld); no number was given", s.year, s.max);
		st = DOCREG_BAD;
	} else {
		memset(e, 0, sizeof(*e));
		e->year = s.year;
		e->number = want > 0 ? want : s.max + 1;
		snprintf(e->symbol, sizeof(e->symbol), DOCREG_NUMBER_FMT "/%s",
		    e->number, suffix);
		date_iso(day, e->date);
		snprintf(e->period, sizeof(e->period), "%s", period);
		snprintf(e->digest, sizeof(e->digest), "%s", digest);
		st = DOCREG_NEW;
		if (append(fd, e, subject, s.no_newline) != 0) {
			diag_errorat(path, 0, 0, "cannot write (no number was "
			    "given):");
			st = DOCREG_FAILED;
		}
	}
	close(fd);		/* releases the lock */
	return st;
}
