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
	char *p, *end, *start;
	long len;

	for (;;) {
		n = getline(&r->buf, &r->cap, r->fp);
		if (n < 0)
			return 0;
		r->line++;
		if (n > 0 && r->buf[0] == '#')
			continue;
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

/* Reads one stream of norm_each_file(). */
static void
each_record(FILE *fp, const char *name,
    const char *(*record)(struct norm_reader *))
{
	struct norm_reader r;
	const char *err;
	int k;

	norm_reader_init(&r, fp, name);
	while ((k = norm_read(&r, &err)) != 0)
		if (k < 0 || (err = record(&r)) != NULL)
			diag_errorat(name, r.line, 0, "%s", err);
	norm_reader_release(&r);
}

int
norm_each_file(char *const *files,
    const char *(*record)(struct norm_reader *))
{
	FILE *fp;
	int rv = EXIT_OK;

	if (*files == NULL)
		each_record(stdin, "<stdin>", record);
	for (; *files != NULL; files++) {
		if (strcmp(*files, "-") == 0) {
			each_record(stdin, "<stdin>", record);
			continue;
		}
		if ((fp = fopen(*files, "r")) == NULL) {
			diag_errorat(*files, 0, 0, "cannot open:");
			rv = EXIT_USAGE;
			continue;
		}
		each_record(fp, *files, record);
		if (ferror(fp)) {
			diag_errorat(*files, 0, 0, "read error:");
			rv = EXIT_USAGE;
		}
		fclose(fp);
	}
	return rv;
}
