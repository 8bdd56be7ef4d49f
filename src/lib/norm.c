/* SPDX-License-Identifier: ISC */
/* norm: writing and reading the normalized TAB-separated record stream. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "norm.h"
#include "util.h"

void
norm_put(FILE *fp, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *esc = NULL;

		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		fwrite(s + start, 1, i - start, fp);
		fputs(esc, fp);
		start = i + 1;
	}
	fwrite(s + start, 1, n - start, fp);
}

void
norm_put_record(FILE *fp, int nf, const char *const *fields)
{
	int i;

	for (i = 0; i < nf; i++) {
		if (i)
			putc('\t', fp);
		norm_put(fp, fields[i], strlen(fields[i]));
	}
	putc('\n', fp);
}

void
norm_reader_init(struct norm_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
}

void
norm_reader_release(struct norm_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
}

/* Unescapes field [s, e) in place; returns its new length or -1. */
static long
unescape(char *s, char *e)
{
	char *w = s, *p;

	for (p = s; p < e; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		if (++p == e)
			return -1;
		switch (*p) {
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case '\\': *w++ = '\\'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return (long)(w - s);
}

int
norm_read(struct norm_reader *r, const char **err)
{
	ssize_t n;
	int c;
	char *p, *end, *start;
	long len;

	for (;;) {
		n = getline_max(r->fp, &r->buf, &r->cap,
		    (size_t)NORM_LINE_MAX);
		if (n == -1)
			return 0;
		r->line++;
		if (n == -2) {	/* its rest dropped: the next line is read on */
			while ((c = getc(r->fp)) != EOF && c != '\n')
				;
			*err = "record longer than 65 MiB";
			return -1;
		}
		if (n > 0 && r->buf[0] == '#') {
			if (!r->comments)
				continue;
			if (r->buf[n - 1] == '\n')
				r->buf[--n] = '\0';
			r->nf = 1;
			r->f[0] = r->buf;
			r->len[0] = (size_t)n;
			return 2;
		}
		break;
	}
	if (r->buf[n - 1] != '\n') {
		*err = "record without a final newline";
		return -1;
	}
	if (memchr(r->buf, '\0', (size_t)n) != NULL) {
		*err = "NUL byte in record";
		return -1;
	}
	end = r->buf + n - 1;
	*end = '\0';
	r->nf = 0;
	for (start = p = r->buf;; p++) {
		if (p < end && *p != '\t')
			continue;
		if (r->nf == NORM_MAXFIELDS) {
			*err = "too many fields in record";
			return -1;
		}
		*p = '\0';
		len = unescape(start, p);
		if (len < 0) {
			*err = "bad escape in record";
			return -1;
		}
		r->f[r->nf] = start;
		r->len[r->nf] = (size_t)len;
		r->nf++;
		if (p >= end)
			break;
		start = p + 1;
	}
	return 1;
}

int
norm_each(const char *path, int (*fn)(struct norm_reader *, void *),
    void *arg)
{
	struct norm_reader r;
	const char *err;
	FILE *fp = fopen(path, "r");
	int k, bad = 0, rv;

	if (fp == NULL) {
		diag_errorat(path, 0, 0, "cannot open:");
		return EXIT_USAGE;
	}
	norm_reader_init(&r, fp, path);
	while ((k = norm_read(&r, &err)) != 0) {
		if (k < 0) {
			diag_errorat(path, r.line, 0, "%s", err);
			bad++;
			break;
		}
		bad += fn(&r, arg);
	}
	norm_reader_release(&r);
	rv = bad > 0 ? EXIT_DATA : EXIT_OK;
	if (ferror(fp)) {
		diag_plain("cannot read '%s':", path);
		rv = EXIT_USAGE;
	}
	fclose(fp);
	return rv;
}

/* The streams of docs/FORMATS.md and their writers, for messages. */
static const struct {
	const char	*name, *writer;
} writers[] = {
	{ "norm", "baocao-check" },
	{ "rollup", "baocao-rollup" },
	{ "analysis", "baocao-analyze" },
};

#define HEADER_PREFIX	"#baocao-"

/* The header of stream s, "#baocao-norm 1", in buf[64]. */
static void
header_of(const struct norm_stream *s, char *buf, size_t sz)
{
	snprintf(buf, sz, HEADER_PREFIX "%s %d", s->name, s->version);
}

/* Reports line 1 of r as not starting stream s. */
static void
not_stream(const struct norm_reader *r, const struct norm_stream *s)
{
	char want[64];

	header_of(s, want, sizeof(want));
	diag_errorat(r->name, r->line, 0, "not a %s stream (it should start "
	    "with '%s'); %s reads what %s writes", s->writer, want,
	    diag_prog(), s->writer);
}

/*
 * Checks comment line r (f[0]) against the header of s; a line that is
 * not the header is an error on line 1 and, later, when it starts with
 * "#baocao-". Returns 0 when the line is fine, else -1 after reporting it.
 */
static int
check_header(const struct norm_reader *r, const struct norm_stream *s)
{
	const char *line = r->f[0], *name, *prog = diag_prog();
	char want[64];
	size_t i, nlen, plen = strlen(HEADER_PREFIX);

	header_of(s, want, sizeof(want));
	if (r->len[0] == strlen(want) && memcmp(line, want, r->len[0]) == 0)
		return 0;
	if (r->len[0] < plen || memcmp(line, HEADER_PREFIX, plen) != 0) {
		if (r->line > 1)
			return 0;	/* an ordinary comment */
		not_stream(r, s);
		return -1;
	}
	name = line + plen;
	nlen = strcspn(name, " ");
	if (nlen == strlen(s->name) && memcmp(name, s->name, nlen) == 0) {
		diag_errorat(r->name, r->line, 0, "'%.60s': a version of the "
		    "%s stream that this %s does not read (it reads '%s'; "
		    "are both programs of one release?)", line, s->writer,
		    prog, want);
		return -1;
	}
	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (nlen == strlen(writers[i].name) &&
		    memcmp(name, writers[i].name, nlen) == 0) {
			diag_errorat(r->name, r->line, 0, "'%.60s' starts "
			    "the output of %s, not of %s; %s reads what %s "
			    "writes", line, writers[i].writer, s->writer,
			    prog, s->writer);
			return -1;
		}
	diag_errorat(r->name, r->line, 0, "'%.60s' is not the header of a "
	    "%s stream ('%s'); %s reads what %s writes", line, s->writer,
	    want, prog, s->writer);
	return -1;
}

/* Whether s has records of the type of r. */
static int
known_type(const struct norm_reader *r, const struct norm_stream *s)
{
	const char *const *t;

	for (t = s->types; *t != NULL; t++)
		if (strcmp(r->f[0], *t) == 0)
			return 1;
	return 0;
}

/* Reports the record type of r as unknown to s. */
static void
unknown_type(const struct norm_reader *r, const struct norm_stream *s)
{
	char list[128];
	size_t n = 0;
	const char *const *t;

	list[0] = '\0';
	for (t = s->types; *t != NULL && n < sizeof(list); t++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		    t == s->types ? "" : t[1] == NULL ? " and " : ", ", *t);
	diag_errorat(r->name, r->line, 0, "unknown record type '%.40s%s' "
	    "(a %s stream has %s records)", r->f[0],
	    r->len[0] > 40 ? "..." : "", s->writer, list);
}

/* Reads one stream of norm_each_file(). */
static void
each_record(FILE *fp, const char *name, const struct norm_stream *s,
    const char *(*record)(struct norm_reader *))
{
	struct norm_reader r;
	const char *err;
	char want[64];
	int k;

	norm_reader_init(&r, fp, name);
	r.comments = 1;
	while ((k = norm_read(&r, &err)) != 0) {
		if (k == 2) {
			if (check_header(&r, s) != 0)
				break;	/* what follows is no such stream */
			continue;
		}
		if (r.line == 1) {
			not_stream(&r, s);
			break;
		}
		if (k < 0)
			diag_errorat(name, r.line, 0, "%s", err);
		else if (!known_type(&r, s))
			unknown_type(&r, s);
		else if ((err = record(&r)) != NULL)
			diag_errorat(name, r.line, 0, "%s", err);
	}
	if (r.line == 0 && !ferror(fp)) {
		header_of(s, want, sizeof(want));
		diag_errorat(name, 0, 0, "empty input, not a %s stream (%s "
		    "writes at least the line '%s'; did it fail?)", s->writer,
		    s->writer, want);
	}
	norm_reader_release(&r);
}

int
norm_each_file(char *const *files, const struct norm_stream *s,
    const char *(*record)(struct norm_reader *))
{
	FILE *fp;
	int rv = EXIT_OK;

	if (*files == NULL)
		each_record(stdin, "<stdin>", s, record);
	for (; *files != NULL; files++) {
		if (strcmp(*files, "-") == 0) {
			each_record(stdin, "<stdin>", s, record);
			continue;
		}
		if ((fp = fopen(*files, "r")) == NULL) {
			diag_errorat(*files, 0, 0, "cannot open:");
			rv = EXIT_USAGE;
			continue;
		}
		each_record(fp, *files, s, record);
		if (ferror(fp)) {
			diag_errorat(*files, 0, 0, "read error:");
			rv = EXIT_USAGE;
		}
		fclose(fp);
	}
	return rv;
}
