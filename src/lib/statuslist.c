/* SPDX-License-Identifier: ISC */
/* statuslist: the latest copy of each status-list row (SPEC §6). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "norm.h"
#include "schema.h"
#include "statuslist.h"
#include "utf8.h"
#include "util.h"

/* A message naming the offending value; valid until the next call. */
static const char *
bad(const char *what, const char *value)
{
	static char msg[256];

	snprintf(msg, sizeof(msg), "%s '%.120s'", what, value);
	return msg;
}

void
status_list_init(struct status_list *l)
{
	l->rows = NULL;
	l->n = l->cap = 0;
}

static void
row_free(struct status_row *w)
{
	int i;

	if (w->f != NULL)
		for (i = 0; i < w->kind->ncols; i++)
			free(w->f[i]);
	free(w->f);
	free(w->where);
}

void
status_list_release(struct status_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		row_free(&l->rows[i]);
	free(l->rows);
	status_list_init(l);
}

int
status_record_check(const struct norm_reader *r,
    const struct reg_kind **kind, long *folder, const char **err)
{
	static char msg[128];
	const struct reg_kind *k;

	k = r->nf >= 2 ? reg_kind_find(r->f[1]) : NULL;
	if (k == NULL || k->key_col == NULL) {
		*err = bad("unknown status-list kind in R record:",
		    r->nf >= 2 ? r->f[1] : "");
		return SL_SHAPE;
	}
	if (r->nf != 4 + k->ncols) {
		snprintf(msg, sizeof(msg), "R record of kind '%s' has %d "
		    "fields; expected %d", k->name, r->nf, 4 + k->ncols);
		*err = msg;
		return SL_SHAPE;
	}
	if (month_parse(r->f[2], r->len[2], folder) != 0) {
		*err = bad("bad folder month in R record:", r->f[2]);
		return SL_SHAPE;
	}
	*kind = k;
	return SL_OK;
}

/*
 * Returns a malloc'd NFC copy of s[0..n), or NULL when s is not valid
 * UTF-8 or holds a NUL byte.
 */
static char *
nfc_dup(const char *s, size_t n)
{
	struct sbuf b = SBUF_INIT;

	if (memchr(s, '\0', n) != NULL)
		return NULL;
	if (n == 0)
		return xstrdup("");
	if (utf8_nfc_append(&b, s, n) != 0) {
		sbuf_release(&b);
		return NULL;
	}
	return sbuf_detach(&b);
}

/* Copies the columns of r into w->f; SL_TEXT when one is not text. */
static int
copy_fields(struct status_row *w, const struct norm_reader *r,
    const char **err)
{
	static char msg[128];
	const struct reg_kind *k = w->kind;
	int i;

	w->f = xcalloc((size_t)k->ncols, sizeof(char *));
	for (i = 0; i < k->ncols; i++) {
		w->f[i] = nfc_dup(r->f[4 + i], r->len[4 + i]);
		if (w->f[i] == NULL) {
			snprintf(msg, sizeof(msg), "field '%s' is not valid "
			    "UTF-8 text", k->cols[i].name);
			*err = msg;
			return SL_TEXT;
		}
	}
	return SL_OK;
}

int
status_list_add(struct status_list *l, const struct norm_reader *r,
    const char **err)
{
	struct status_row w;
	int rc;

	memset(&w, 0, sizeof(w));
	if ((rc = status_record_check(r, &w.kind, &w.folder, err)) != SL_OK)
		return rc;
	if ((rc = copy_fields(&w, r, err)) != SL_OK) {
		row_free(&w);
		return rc;
	}
	w.where = xstrdup(r->f[3]);
	w.unit = w.f[reg_col_index(w.kind, "unit")];
	w.key = w.f[reg_col_index(w.kind, w.kind->key_col)];
	w.seq = (long)l->n;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->rows = xrealloc(l->rows, l->cap * sizeof(*l->rows));
	}
	l->rows[l->n++] = w;
	return SL_OK;
}

/* Whether x and y are copies of one row: same kind, unit and key. */
static int
same_key(const struct status_row *x, const struct status_row *y)
{
	return x->kind == y->kind && strcmp(x->unit, y->unit) == 0 &&
	    strcmp(x->key, y->key) == 0;
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct status_row *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->unit, y->unit)) != 0)
		return c;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if (x->folder != y->folder)
		return x->folder < y->folder ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
status_list_sort(struct status_list *l)
{
	if (l->n > 1)
		qsort(l->rows, l->n, sizeof(*l->rows), cmp_rows);
}

const struct status_row *
status_list_next(const struct status_list *l, long limit, size_t *pos,
    long *first)
{
	const struct status_row *pick;
	size_t i, j;

	for (i = *pos; i < l->n; i = j) {
		pick = NULL;
		for (j = i; j < l->n && same_key(&l->rows[j], &l->rows[i]);
		    j++) {
			if (l->rows[j].folder > limit)
				continue;
			if (first != NULL && (pick == NULL ||
			    l->rows[j].seq < *first))
				*first = l->rows[j].seq;
			pick = &l->rows[j];
		}
		if (pick != NULL) {
			*pos = j;
			return pick;
		}
	}
	*pos = l->n;
	return NULL;
}

const char *
status_field(const struct status_row *w, const char *name)
{
	int i = reg_col_index(w->kind, name);

	return i < 0 ? "" : w->f[i];
}
