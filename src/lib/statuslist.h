/* SPDX-License-Identifier: ISC */
/*
 * statuslist: the status lists of SPEC §6. Registers with an id (errors:
 * doc_no) are re-sent by a department in a later folder with the row's new
 * state; the copy of the latest folder read replaces the whole row. This
 * module keeps every copy of the R records of the normalized stream
 * (docs/FORMATS.md §1) and, for a folder limit, yields the latest copy of
 * each key not after it, so one sorted list serves periods with different
 * limits.
 *
 *	struct status_list sl;
 *	const struct status_row *w;
 *	size_t pos = 0;
 *
 *	status_list_init(&sl);
 *	while (norm_read(&r, &err) > 0)
 *		if (strcmp(r.f[0], "R") == 0 &&
 *		    status_list_add(&sl, &r, &err) != SL_OK)
 *			report(r.line, err);
 *	status_list_sort(&sl);
 *	while ((w = status_list_next(&sl, limit, &pos, NULL)) != NULL)
 *		use(status_field(w, "status"));
 *	status_list_release(&sl);
 */
#ifndef BAOCAO_STATUSLIST_H
#define BAOCAO_STATUSLIST_H

#include <stddef.h>

struct norm_reader;
struct reg_kind;

/*
 * One copy of a status-list row. Every string is owned by the list and
 * freed by status_list_release(); the fields are NFC copies of the R
 * record's columns, validated as UTF-8.
 */
struct status_row {
	const struct reg_kind	*kind;		/* in reg_kinds[], key_col set */
	long			 folder;	/* month number (date.h) */
	long			 seq;		/* order of status_list_add */
	char			*where;		/* "file:line", copied as is */
	char			**f;		/* kind->ncols fields, NFC */
	const char		*unit;		/* f[unit], borrowed */
	const char		*key;		/* f[key_col], borrowed */
};

/* Every copy added, in add order until status_list_sort(). */
struct status_list {
	struct status_row	*rows;
	size_t			 n, cap;
};

/* What status_list_add() and status_record_check() return. */
enum {
	SL_OK = 0,
	SL_SHAPE,	/* not a status-list kind, wrong field count, folder */
	SL_TEXT		/* a field is not valid UTF-8 */
};

void	status_list_init(struct status_list *);
/* Frees every row and its strings; the list is empty again. */
void	status_list_release(struct status_list *);

/*
 * Checks the shape of the R record in r (R <kind> <folder> <file:line>
 * <col1> ... <colN>): a kind with a key column, 4 + ncols fields, a
 * YYYY-MM folder. On success returns SL_OK with the kind and the folder
 * month in *kind and *folder; otherwise SL_SHAPE with a message in *err,
 * valid until the next call. The text is not checked.
 */
int	status_record_check(const struct norm_reader *r,
	    const struct reg_kind **kind, long *folder, const char **err);

/*
 * Adds a copy of the R record in r. Returns SL_OK, or SL_SHAPE (see
 * status_record_check) or SL_TEXT ("field 'unit' is not valid UTF-8
 * text"), with the message in *err, valid until the next call; then the
 * list is unchanged. r stays the caller's; the list copies what it keeps.
 * Rows added after status_list_sort() need another sort.
 */
int	status_list_add(struct status_list *, const struct norm_reader *r,
	    const char **err);

/*
 * Sorts the rows by kind (reg_kinds[] order), unit, key (byte order),
 * then folder and add order, so that the copies of a key are adjacent and
 * the winning copy is the last of them not after a limit. Pointers to
 * rows taken before the sort are no longer valid.
 */
void	status_list_sort(struct status_list *);

/*
 * Walks a sorted list key by key. *pos is 0 for the first call and is
 * advanced past the key returned. Returns the copy of the next key whose
 * folder is the latest not after limit (two copies in one folder: the one
 * added later), skipping keys with no copy that early; NULL at the end.
 * When first is not NULL, *first is the smallest seq among the copies not
 * after limit: the place of the key in a list that replaces rows in place.
 * The row is borrowed from the list.
 */
const struct status_row *status_list_next(const struct status_list *,
	    long limit, size_t *pos, long *first);

/*
 * The field of row w in the schema column name (schema.h), borrowed; ""
 * when the kind has no such column.
 */
const char *status_field(const struct status_row *w, const char *name);

#endif
