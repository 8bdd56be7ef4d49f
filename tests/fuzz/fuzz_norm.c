/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer harness: the normalized-stream reader (norm.c) that
 * baocao-rollup and baocao-analyze read their input with. Whatever it
 * returns must hold together, and a record it reads must write back
 * (norm_put_record) as a line that reads to the same fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "norm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes r's fields again and reads them back: the same fields. */
static void
round_trip(const struct norm_reader *r)
{
	const char *f[NORM_MAXFIELDS], *err;
	struct norm_reader back;
	char *text = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&text, &len), *in;
	int i;

	for (i = 0; i < r->nf; i++) {
		if (memchr(r->f[i], '\0', r->len[i]) != NULL)
			return;		/* not written: a NUL was refused */
		f[i] = r->f[i];
	}
	norm_put_record(o, r->nf, f);
	fclose(o);
	if ((in = fmemopen(text, len, "r")) == NULL)
		abort();
	norm_reader_init(&back, in, "back");
	if (norm_read(&back, &err) != 1 || back.nf != r->nf)
		abort();
	for (i = 0; i < r->nf; i++)
		if (back.len[i] != r->len[i] ||
		    memcmp(back.f[i], r->f[i], r->len[i]) != 0)
			abort();
	if (norm_read(&back, &err) != 0)
		abort();
	norm_reader_release(&back);
	fclose(in);
	free(text);
}

static void
read_all(const uint8_t *data, size_t size, int comments)
{
	FILE *fp = fmemopen((void *)data, size, "r");
	struct norm_reader r;
	const char *err;
	long last = 0;
	int k, i;

	if (fp == NULL)
		return;
	norm_reader_init(&r, fp, "fuzz");
	r.comments = comments;
	while ((k = norm_read(&r, &err)) != 0) {
		if (r.line <= last)
			abort();	/* one line per call */
		last = r.line;
		if (k < 0) {
			if (err == NULL || *err == '\0')
				abort();
			continue;	/* as norm_each_file reads on */
		}
		if (r.nf < 1 || r.nf > NORM_MAXFIELDS)
			abort();
		for (i = 0; i < r.nf; i++)
			if (r.f[i][r.len[i]] != '\0')
				abort();
		if (k == 2 && (!comments || r.f[0][0] != '#'))
			abort();
		if (k == 1)
			round_trip(&r);
	}
	norm_reader_release(&r);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all(data, size, 0);
	read_all(data, size, 1);
	return 0;
}
