/* SPDX-License-Identifier: ISC */
/* Tests of src/lib/config.c on the fixtures in tests/fixtures/config/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/config.h"
#include "lib/date.h"
#include "lib/diag.h"
#include "lib/util.h"

/*
 * unit_active_part over the fixture's units: PNV active from 2020-01 on,
 * MOTCUA (no active_from) up to 2024-06.
 */
static void
test_active_part(const struct config *c)
{
	const struct unit *pnv = config_unit(c, "PNV");
	const struct unit *mc = config_unit(c, "MOTCUA");
	long from, to;

	/* the year 2024: MOTCUA ends in June, within it */
	assert_true(unit_active_part(mc, month_of(2024, 1), month_of(2024, 12),
	    &from, &to));
	assert_true(from == LONG_MIN && to == month_of(2024, 6));
	/* Q2 ends with June: active throughout, no note */
	assert_false(unit_active_part(mc, month_of(2024, 4), month_of(2024, 6),
	    &from, &to));
	/* 2019-07..2020-06: PNV begins in January 2020, within it */
	assert_true(unit_active_part(pnv, month_of(2019, 7), month_of(2020, 6),
	    &from, &to));
	assert_true(from == month_of(2020, 1) && to == LONG_MIN);
	/* a period starting with its first month: no note */
	assert_false(unit_active_part(pnv, month_of(2020, 1),
	    month_of(2020, 12), &from, &to));
	/* no whole month (a short range): nothing to say */
	assert_false(unit_active_part(mc, month_of(2024, 5), month_of(2024, 4),
	    &from, &to));
}

static void
test_good(void **state)
{
	struct config c;
	const struct unit *u;
	const struct objective *o;

	(void)state;
	assert_int_equal(config_load(&c, "tests/fixtures/config/good"), 0);
	assert_string_equal(c.name, "ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN");
	/* short_name defaults to the name up to its administrative level */
	assert_string_equal(c.short_name, "ỦY BAN NHÂN DÂN");
	assert_int_equal(c.cutoff_day, 15);
	/* Recipients in numeric key order, archive apart. */
	assert_int_equal(c.nrecipients, 3);
	assert_string_equal(c.recipients[0], "UBND tỉnh (để b/c)");
	assert_string_equal(c.recipients[2], "Lưu hồ sơ ISO");
	assert_string_equal(c.archive, "VT, VP");
	assert_string_equal(c.sign_report.deputy, "KT. CHỦ TỊCH");
	/* no [sign.improvement]: the QMR's title, the name left blank */
	assert_string_equal(c.sign_improvement.authority, "");
	assert_string_equal(c.sign_improvement.title,
	    "ĐẠI DIỆN LÃNH ĐẠO VỀ CHẤT LƯỢNG");
	assert_string_equal(c.sign_improvement.name, "");
	/* BOM and CRLF accepted; section names folded back to upper case. */
	assert_int_equal(c.nunits, 2);
	assert_string_equal(c.units[0].code, "MOTCUA");
	u = config_unit(&c, "PNV");
	assert_non_null(u);
	/* "Pho\u0300ng" (decomposed) is normalized to NFC "Phòng". */
	assert_string_equal(u->name, "Phòng Nội vụ");
	assert_true(unit_active(u, month_of(2020, 1)));
	assert_false(unit_active(u, month_of(2019, 12)));
	u = config_unit(&c, "MOTCUA");
	assert_true(unit_active(u, month_of(2024, 6)));
	assert_false(unit_active(u, month_of(2024, 7)));
	test_active_part(&c);
	assert_null(config_unit(&c, "PTC"));
	/* Objectives sorted by name; 95% is 95/100 in one division. */
	assert_int_equal(c.nobjectives, 2);
	o = &c.objectives[0];
	assert_string_equal(o->name, "dossiers_on_time");
	assert_true(o->target == 95.0 / 100);
	assert_true(objective_target(o, "MOTCUA") == 0.98);
	assert_true(objective_target(o, "PNV") == 95.0 / 100);
	assert_true(objective_lists(o, "ANY"));
	o = &c.objectives[1];
	assert_int_equal(o->op, '<');
	assert_true(objective_lists(o, "MOTCUA"));
	assert_false(objective_lists(o, "VP"));
	config_release(&c);
}

static void
test_bad(void **state)
{
	struct config c;

	(void)state;
	diag_reset();
	config_warnings = 1;
	assert_int_equal(config_load(&c, "tests/fixtures/config/bad"),
	    EXIT_USAGE);
	/* a key before any section, unknown key, bad month, bad code, an
	 * override naming no objective ([dossiers.PNV]: dossiers_on_time
	 * only begins so); an unknown unit in an override or a units list
	 * is only a warning */
	assert_int_equal(diag_errors(), 5);
	assert_int_equal(diag_warnings(), 2);
	config_warnings = 0;
	config_release(&c);
	diag_reset();
	/* a set-up fault, like a missing file: exit 2, not the data's 1 */
	assert_int_equal(config_load(&c, "tests/fixtures/config/none"),
	    EXIT_USAGE);
	config_release(&c);
}

/* A Windows-1258 file is refused with its line and byte offset. */
static void
test_not_utf8(void **state)
{
	struct config c;

	(void)state;
	diag_reset();
	assert_int_equal(config_load(&c, "tests/fixtures/config/cp1258"),
	    EXIT_USAGE);
	assert_int_equal(diag_errors(), 1);
	config_release(&c);
}

/* A "\n" in the name breaks the header, not the body's name in "TM. …". */
static void
test_name_line_break(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(config_load(&c, "tests/fixtures/config/linebreak"),
	    0);
	assert_string_equal(c.short_name, "ỦY BAN NHÂN DÂN");
	assert_string_equal(c.sign_report.authority, "TM. ỦY BAN NHÂN DÂN");
	config_release(&c);
}

/* The configuration of SPEC §3.3 alone: a report still has its signer. */
static void
test_minimal(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(config_load(&c, "tests/fixtures/config/minimal"), 0);
	assert_string_equal(c.short_name, "ỦY BAN NHÂN DÂN");
	assert_string_equal(c.sign_report.authority, "TM. ỦY BAN NHÂN DÂN");
	assert_string_equal(c.sign_report.deputy, "");
	assert_string_equal(c.sign_report.title, "CHỦ TỊCH");
	assert_string_equal(c.sign_report.name, "");
	assert_int_equal(c.nrecipients, 0);
	assert_string_equal(c.archive, "VT");
	assert_int_equal(c.nobjectives, 1);
	assert_string_equal(c.objectives[0].name, "Tasks_On_Time");
	assert_true(objective_target(&c.objectives[0], "PNV") == 95.0 / 100);
	assert_true(objective_target(&c.objectives[0], "*") == 90.0 / 100);
	config_release(&c);
}

/*
 * What may be written more than one way: encoding's other name, a section
 * [sign.report] without authority (none printed, not the default), a
 * unit without head_title, an objective with an empty units (every unit).
 * "THỊ XÃ" is the level word of "ỦY BAN NHÂN DÂN THỊ XÃ NGHI SƠN", not
 * its "XÃ".
 */
static void
test_variants(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(config_load(&c, "tests/fixtures/config/variants"),
	    0);
	assert_int_equal(c.cp1258, 1);
	assert_string_equal(c.short_name, "ỦY BAN NHÂN DÂN");
	assert_string_equal(c.sign_report.authority, "");
	assert_string_equal(c.sign_report.title, "CHỦ TỊCH");
	assert_string_equal(config_unit(&c, "PNV")->head_title,
	    "Trưởng phòng");
	assert_int_equal(c.nobjectives, 1);
	assert_true(objective_lists(&c.objectives[0], "PNV"));
	assert_true(objective_lists(&c.objectives[0], "*"));
	config_release(&c);
}

static void
test_unit_codes(void **state)
{
	static const struct { const char *s; int ok; } t[] = {
		{ "PNV", 1 }, { "A", 1 }, { "MOT_CUA-2", 1 },
		{ "0123456789ABCDEF", 1 }, { "0123456789ABCDEFG", 0 },
		{ "", 0 }, { "pnv", 0 }, { "../X", 0 }, { "P.NV", 0 },
		{ "PHÒNG", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(unit_code_valid(t[i].s, strlen(t[i].s)),
		    t[i].ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_name_line_break),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_unit_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
