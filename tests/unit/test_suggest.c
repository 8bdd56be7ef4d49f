/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/suggest.c and src/lib/indicator.c: "did you mean" and
 * the catalogue of indicator names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/indicator.h"
#include "lib/suggest.h"

static void
test_nearest(void **state)
{
	static const char *const cands[] = { "planned", "completed_on_time",
		"completed_late", "not_completed", NULL };
	static const char *const codes[] = { "PNV", "VP", "MOTCUA", NULL };
	static const char *const cols[] = { "id", "unit", NULL };
	static const char *const ties[] = { "resolved_late", "resolved_date",
		NULL };

	(void)state;
	assert_string_equal(suggest_nearest("complted_late", 13, cands),
	    "completed_late");			/* a letter left out */
	assert_string_equal(suggest_nearest("planed", 6, cands), "planned");
	assert_string_equal(suggest_nearest("not_compelted", 13, cands),
	    "not_completed");			/* a transposition */
	assert_string_equal(suggest_nearest("completed_on_time", 17, cands),
	    "completed_on_time");		/* itself, distance 0 */
	assert_null(suggest_nearest("xyz", 3, cands));
	assert_string_equal(suggest_nearest("PNVV", 4, codes), "PNV");
	assert_string_equal(suggest_nearest("MOTCAU", 6, codes), "MOTCUA");
	assert_null(suggest_nearest("XYZ", 3, codes));
	/* a third of the candidate's length: 1 for "VP", so "XP" is near */
	assert_string_equal(suggest_nearest("XP", 2, codes), "VP");
	assert_null(suggest_nearest("XY", 2, codes));
	/* neighbours swapped are one edit, not two: "di" is near "id" */
	assert_string_equal(suggest_nearest("di", 2, cols), "id");
	/* letters compare in lower case: 'pnv' typed for 'PNV' */
	assert_string_equal(suggest_nearest("pnv", 3, codes), "PNV");
	assert_string_equal(suggest_nearest("PLANNED", 7, cands), "planned");
	/* on a tie the first candidate in the list's order wins */
	assert_string_equal(suggest_nearest("resolved_ate", 12, ties),
	    "resolved_late");
	assert_string_equal(suggest_phrase("x"), "; did you mean 'x'?");
	assert_string_equal(suggest_phrase(NULL), "");
}

static void
test_long_words(void **state)
{
	static const char *const cands[] = {
		"satisfaction.component.procedure_rating.rate", NULL };

	(void)state;
	/* 44 characters, one letter wrong */
	assert_string_equal(suggest_nearest(
	    "satisfaction.component.procedure_ratinq.rate", 44, cands),
	    cands[0]);
	assert_null(suggest_nearest("x", 1, cands));
}

/* Distances count characters, not bytes. */
static void
test_characters(void **state)
{
	static const char *const cands[] = { "planned", "outgoing", "id",
		NULL };

	(void)state;
	/* a byte-order mark left inside a file: one (invisible) insertion,
	 * where its three bytes were three edits */
	assert_string_equal(suggest_nearest("\xef\xbb\xbf" "planned", 10, cands),
	    "planned");
	assert_string_equal(suggest_nearest("\xef\xbb\xbf" "id", 5, cands),
	    "id");
	/* a zero-width space inside the word */
	assert_string_equal(suggest_nearest("plan\xe2\x80\x8bned", 10,
	    cands), "planned");
	/* a Vietnamese letter for an ASCII one is one substitution */
	assert_string_equal(suggest_nearest("\xc6\xa1utgoing", 9, cands),
	    "outgoing");
	/* bytes that are not UTF-8 count one each */
	assert_string_equal(suggest_nearest("plann\xff" "d", 7, cands),
	    "planned");
	assert_null(suggest_nearest("\xff\xfe\xfd", 3, cands));
}

static void
test_catalogue(void **state)
{
	const char *const *v = indicator_names();
	size_t n;

	(void)state;
	for (n = 0; v[n] != NULL; n++)
		if (n > 0 && strcmp(v[n - 1], v[n]) >= 0)
			fail_msg("not in byte order: '%s' then '%s'", v[n - 1],
			    v[n]);
	/* SPEC §6: 68 fixed names, 6 error types, 5 components, 3 channels,
	 * 3 action types */
	assert_int_equal(n, 68 + 6 + 5 + 3 + 3);
	assert_true(indicator_known("tasks.planned"));
	assert_true(indicator_known("dossiers.on_time_rate"));
	assert_true(indicator_known("errors.by_type.can_cu"));
	assert_true(indicator_known("satisfaction.component.staff.rate"));
	assert_true(indicator_known("satisfaction.channel.buu_chinh.rate"));
	assert_true(indicator_known("actions.opened.cai_tien"));
	assert_true(indicator_known("submission.units_incomplete"));
	assert_false(indicator_known("satisfaction.channel.dien_thoai.rate"));
	assert_false(indicator_known("errors.by_type"));
	assert_false(indicator_known("objective.x.value"));
	assert_false(indicator_known(""));
	assert_false(indicator_known("tasks.planned "));
	assert_string_equal(indicator_nearest("dossiers.on_time_rat"),
	    "dossiers.on_time_rate");
	assert_string_equal(indicator_nearest("errors.cuont"), "errors.count");
	assert_null(indicator_nearest("nothing.like.it"));
	/* an objective's indicators by their shape */
	assert_true(indicator_or_objective("tasks.planned"));
	assert_true(indicator_or_objective("objective.x.value"));
	assert_true(indicator_or_objective("objective.tasks_on_time.target"));
	assert_true(indicator_or_objective("objective.x.met"));
	assert_false(indicator_or_objective("objective.x.rate"));
	assert_false(indicator_or_objective("objective..met"));
	assert_false(indicator_or_objective("objective.met"));
	assert_false(indicator_or_objective("objectives.x.met"));
	assert_false(indicator_or_objective("tasks.planed"));
	{
		char obj[32];

		assert_string_equal(indicator_objective(
		    "objective.tasks_on_time.target", obj, sizeof(obj)),
		    "target");
		assert_string_equal(obj, "tasks_on_time");
		assert_null(indicator_objective("objective.x.valu", obj,
		    sizeof(obj)));
		/* a name too long for obj is none */
		assert_null(indicator_objective("objective.a_very_long_"
		    "objective_name_indeed.met", obj, 8));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_long_words),
		cmocka_unit_test(test_characters),
		cmocka_unit_test(test_catalogue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
