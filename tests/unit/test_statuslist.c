/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/statuslist.c: the latest copy of each status-list row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Buffers from open_memstream come from libc; cmocka redefines free. */
static void libc_free(void *p) { free(p); }

#include <cmocka.h>

#include "lib/date.h"
#include "lib/norm.h"
#include "lib/schema.h"
#include "lib/statuslist.h"

#define NOLIMIT	2147483647L

/*
 * The R record line of kind in folder with the columns named in the
 * NULL-terminated ("column", "value", ...) list set, the others empty.
 * Free the result with libc_free.
 */
static char *
rline(const char *kind, const char *folder, ...)
{
	const struct reg_kind *k = reg_kind_find(kind);
	const char *f[NORM_MAXFIELDS], *name;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	va_list ap;
	int i;

	assert_non_null(k);
	assert_non_null(fp);
	f[0] = "R";
	f[1] = kind;
	f[2] = folder;
	f[3] = "x.csv:2";
	for (i = 0; i < k->ncols; i++)
		f[4 + i] = "";
	va_start(ap, folder);
	while ((name = va_arg(ap, const char *)) != NULL) {
		i = reg_col_index(k, name);
		assert_true(i >= 0);
		f[4 + i] = va_arg(ap, const char *);
	}
	va_end(ap);
	norm_put_record(fp, 4 + k->ncols, f);
	fclose(fp);
	return buf;
}

/* Reads the one record of text and adds it to l. */
static int
add_text(struct status_list *l, const char *text, const char **err)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	struct norm_reader r;
	int rc;

	assert_non_null(fp);
	norm_reader_init(&r, fp, "t");
	assert_int_equal(norm_read(&r, err), 1);
	rc = status_list_add(l, &r, err);
	norm_reader_release(&r);
	fclose(fp);
	return rc;
}

/* Adds a suggestion row: unit, id, folder and status. */
static void
add_sugg(struct status_list *l, const char *unit, const char *id,
    const char *folder, const char *status)
{
	char *t = rline("suggestions", folder, "unit", unit, "id", id,
	    "status", status, "received_on", "2024-03-04", NULL);
	const char *err = NULL;

	assert_int_equal(add_text(l, t, &err), SL_OK);
	libc_free(t);
}

static long
month(const char *s)
{
	long m;

	assert_int_equal(month_parse(s, strlen(s), &m), 0);
	return m;
}

/* Number of keys with a copy not after limit. */
static int
count(const struct status_list *l, long limit)
{
	size_t pos = 0;
	int n = 0;

	while (status_list_next(l, limit, &pos, NULL) != NULL)
		n++;
	return n;
}

static void
test_resent_replaces(void **state)
{
	struct status_list l;
	const struct status_row *w;
	size_t pos = 0;

	(void)state;
	status_list_init(&l);
	add_sugg(&l, "PNV", "GY-1", "2024-05", "da_thuc_hien");
	add_sugg(&l, "PNV", "GY-1", "2024-03", "cho_xu_ly");
	status_list_sort(&l);
	w = status_list_next(&l, NOLIMIT, &pos, NULL);
	assert_non_null(w);
	assert_string_equal(status_field(w, "status"), "da_thuc_hien");
	assert_string_equal(w->unit, "PNV");
	assert_string_equal(w->key, "GY-1");
	assert_string_equal(w->where, "x.csv:2");
	assert_int_equal(w->folder, month("2024-05"));
	assert_null(status_list_next(&l, NOLIMIT, &pos, NULL));
	status_list_release(&l);
	assert_int_equal(l.n, 0);
}

static void
test_after_limit_ignored(void **state)
{
	struct status_list l;
	const struct status_row *w;
	size_t pos = 0;

	(void)state;
	status_list_init(&l);
	add_sugg(&l, "PNV", "GY-1", "2024-03", "cho_xu_ly");
	add_sugg(&l, "PNV", "GY-1", "2024-05", "da_thuc_hien");
	add_sugg(&l, "VP", "GY-2", "2024-06", "cho_xu_ly");
	status_list_sort(&l);
	w = status_list_next(&l, month("2024-04"), &pos, NULL);
	assert_non_null(w);
	assert_string_equal(status_field(w, "status"), "cho_xu_ly");
	assert_int_equal(w->folder, month("2024-03"));
	assert_null(status_list_next(&l, month("2024-04"), &pos, NULL));
	assert_int_equal(count(&l, month("2024-02")), 0);
	assert_int_equal(count(&l, month("2024-05")), 1);
	assert_int_equal(count(&l, month("2024-06")), 2);
	status_list_release(&l);
}

/* Two copies in one folder: the one added later wins. */
static void
test_same_folder_later_wins(void **state)
{
	struct status_list l;
	const struct status_row *w;
	size_t pos = 0;

	(void)state;
	status_list_init(&l);
	add_sugg(&l, "PNV", "GY-1", "2024-03", "cho_xu_ly");
	add_sugg(&l, "PNV", "GY-1", "2024-03", "khong_chap_nhan");
	status_list_sort(&l);
	w = status_list_next(&l, NOLIMIT, &pos, NULL);
	assert_non_null(w);
	assert_string_equal(status_field(w, "status"), "khong_chap_nhan");
	status_list_release(&l);
}

/* Keys: unit + id, errors unit + doc_no; kinds never share a key. */
static void
test_keys(void **state)
{
	static const struct {
		const char	*kind1, *unit1, *key1, *kind2, *unit2, *key2;
		int		 want;	/* keys after both rows */
	} t[] = {
		{ "actions", "PNV", "A1", "actions", "PNV", "A1", 1 },
		{ "actions", "PNV", "A1", "actions", "VP", "A1", 2 },
		{ "actions", "PNV", "A1", "actions", "PNV", "A2", 2 },
		{ "actions", "PNV", "A1", "suggestions", "PNV", "A1", 2 },
		{ "complaints", "VP", "K", "incidents", "VP", "K", 2 },
		{ "errors", "PNV", "12/QĐ", "errors", "PNV", "12/QĐ", 1 },
		{ "errors", "PNV", "12/QĐ", "errors", "PNV", "13/QĐ", 2 },
		{ "errors", "PNV", "12/QĐ", "errors", "PTP", "12/QĐ", 2 },
	};
	struct status_list l;
	const char *err;
	char *a, *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct reg_kind *k1 = reg_kind_find(t[i].kind1);
		const char *kc2 = reg_kind_find(t[i].kind2)->key_col;

		/* the other columns differ: they are not part of the key */
		a = rline(t[i].kind1, "2024-03", "unit", t[i].unit1,
		    k1->key_col, t[i].key1, k1->date_col, "2024-03-01", NULL);
		b = rline(t[i].kind2, "2024-04", "unit", t[i].unit2, kc2,
		    t[i].key2, NULL);
		status_list_init(&l);
		assert_int_equal(add_text(&l, a, &err), SL_OK);
		assert_int_equal(add_text(&l, b, &err), SL_OK);
		status_list_sort(&l);
		assert_int_equal(count(&l, NOLIMIT), t[i].want);
		assert_int_equal(count(&l, month("2024-03")), 1);
		status_list_release(&l);
		libc_free(a);
		libc_free(b);
	}
}

static void
test_errors_key_is_doc_no(void **state)
{
	struct status_list l;
	const struct status_row *w;
	const char *err;
	char *t;
	size_t pos = 0;

	(void)state;
	status_list_init(&l);
	t = rline("errors", "2024-03", "unit", "PNV", "doc_no", "12/QĐ",
	    "error_type", "the_thuc", NULL);
	assert_int_equal(add_text(&l, t, &err), SL_OK);
	libc_free(t);
	status_list_sort(&l);
	w = status_list_next(&l, NOLIMIT, &pos, NULL);
	assert_non_null(w);
	assert_string_equal(w->key, "12/QĐ");
	assert_string_equal(status_field(w, "error_type"), "the_thuc");
	assert_string_equal(status_field(w, "no_such_column"), "");
	status_list_release(&l);
}

/* Malformed R records are refused with a message; the list is unchanged. */
static void
test_malformed(void **state)
{
	static const struct {
		const char	*text;
		int		 want;
		const char	*msg;
	} t[] = {
		{ "R\n", SL_SHAPE, "unknown status-list kind in R record: ''" },
		{ "R\tsurvey\t2024-03\tx:2\n", SL_SHAPE,
		  "unknown status-list kind in R record: 'survey'" },
		{ "R\tbogus\t2024-03\tx:2\n", SL_SHAPE,
		  "unknown status-list kind in R record: 'bogus'" },
		{ "R\terrors\t2024-03\tx:2\tDESK\n", SL_SHAPE,
		  "R record of kind 'errors' has 5 fields; expected 13" },
		{ "R\terrors\t2024-13\tx:2\tPNV\t1\t\t\t\t\t\t\t\n", SL_SHAPE,
		  "bad folder month in R record: '2024-13'" },
		{ "R\terrors\t2024-03\tx:2\tPNV\t1\t\t\t\t\t\xff\t\t\n",
		  SL_TEXT, "field 'description' is not valid UTF-8 text" },
		{ "R\terrors\t2024-03\tx:2\tPNV\t1\t\t\t\t\t\xe1\xba\t\t\n",
		  SL_TEXT, "field 'description' is not valid UTF-8 text" },
	};
	struct status_list l;
	const char *err;
	size_t i;

	(void)state;
	status_list_init(&l);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		err = NULL;
		assert_int_equal(add_text(&l, t[i].text, &err), t[i].want);
		assert_non_null(err);
		assert_string_equal(err, t[i].msg);
		assert_int_equal(l.n, 0);
	}
	status_list_release(&l);
}

/* Fields are NFC copies: a decomposed é is stored composed. */
static void
test_fields_nfc(void **state)
{
	struct status_list l;
	const char *err;
	char *t;

	(void)state;
	status_list_init(&l);
	t = rline("suggestions", "2024-03", "unit", "PNV", "id", "1",
	    "content", "Ce\xcc\x81", NULL);
	assert_int_equal(add_text(&l, t, &err), SL_OK);
	libc_free(t);
	assert_string_equal(status_field(&l.rows[0], "content"), "C\xc3\xa9");
	assert_string_equal(status_field(&l.rows[0], "assignee"), "");
	status_list_release(&l);
}

/* *first is where the key first came, among the copies not after limit. */
static void
test_first(void **state)
{
	struct status_list l;
	const struct status_row *w;
	size_t pos = 0;
	long first = -1;

	(void)state;
	status_list_init(&l);
	add_sugg(&l, "PNV", "B", "2024-02", "cho_xu_ly");	/* seq 0 */
	add_sugg(&l, "PNV", "A", "2024-01", "cho_xu_ly");	/* seq 1 */
	add_sugg(&l, "PNV", "B", "2024-01", "da_thuc_hien");	/* seq 2 */
	status_list_sort(&l);
	w = status_list_next(&l, NOLIMIT, &pos, &first);
	assert_string_equal(w->key, "A");
	assert_int_equal(first, 1);
	w = status_list_next(&l, NOLIMIT, &pos, &first);
	assert_string_equal(w->key, "B");
	assert_string_equal(status_field(w, "status"), "cho_xu_ly");
	assert_int_equal(first, 0);
	pos = 0;
	(void)status_list_next(&l, month("2024-01"), &pos, &first);
	w = status_list_next(&l, month("2024-01"), &pos, &first);
	assert_string_equal(status_field(w, "status"), "da_thuc_hien");
	assert_int_equal(first, 2);
	status_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resent_replaces),
		cmocka_unit_test(test_after_limit_ignored),
		cmocka_unit_test(test_same_folder_later_wins),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_errors_key_is_doc_no),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_fields_nfc),
		cmocka_unit_test(test_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
