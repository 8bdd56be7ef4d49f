/* SPDX-License-Identifier: ISC */
/* schema: the tables of SPEC §3.1 and §3.2. */
#include <string.h>

#include "schema.h"

#define N(a)	((int)(sizeof(a) / sizeof((a)[0])))

const char *const survey_channels[] = { "truc_tiep", "truc_tuyen", "buu_chinh", NULL };
const char *const survey_components[] = { "access", "procedure_rating", "staff",
	"result", "feedback", NULL };
const char *const error_types[] = { "the_thuc", "chinh_ta", "noi_dung",
	"tham_quyen", "can_cu", "khac", NULL };
const char *const action_types[] = { "khac_phuc", "phong_ngua", "cai_tien", NULL };
static const char *const action_sources[] = { "errors", "complaint", "audit",
	"suggestion", "other", NULL };
const char *const suggestion_statuses[] = { "moi", "dang_xem_xet",
	"dang_thuc_hien", "da_thuc_hien", "khong_chap_nhan", NULL };
const char *const complaint_channels[] = { "truc_tiep", "truc_tuyen",
	"buu_chinh", "dien_thoai", "khac", NULL };
static const char *const findings[] = { "nc", "obs", NULL };

/* name, type, required, values, not_before, needs */
static const struct reg_column survey_cols[] = {
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "date", FT_DATE, 1, NULL, NULL, NULL },
	{ "channel", FT_ENUM, 1, survey_channels, NULL, NULL },
	{ "procedure", FT_TEXT, 0, NULL, NULL, NULL },
	{ "rating", FT_RATING, 1, NULL, NULL, NULL },
	{ "access", FT_RATING, 0, NULL, NULL, NULL },
	{ "procedure_rating", FT_RATING, 0, NULL, NULL, NULL },
	{ "staff", FT_RATING, 0, NULL, NULL, NULL },
	{ "result", FT_RATING, 0, NULL, NULL, NULL },
	{ "feedback", FT_RATING, 0, NULL, NULL, NULL },
	{ "comment", FT_TEXT, 0, NULL, NULL, NULL },
};

static const struct reg_column errors_cols[] = {
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "doc_no", FT_TEXT, 1, NULL, NULL, NULL },
	{ "doc_date", FT_DATE, 1, NULL, NULL, NULL },
	{ "error_type", FT_ENUM, 1, error_types, NULL, NULL },
	{ "detected_on", FT_DATE, 1, NULL, "doc_date", NULL },
	{ "detected_by", FT_TEXT, 0, NULL, NULL, NULL },
	{ "description", FT_TEXT, 0, NULL, NULL, NULL },
	{ "corrected_on", FT_DATE, 0, NULL, "detected_on", NULL },
	{ "verified_on", FT_DATE, 0, NULL, "corrected_on", "corrected_on" },
};

static const struct reg_column actions_cols[] = {
	{ "id", FT_TEXT, 1, NULL, NULL, NULL },
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "type", FT_ENUM, 1, action_types, NULL, NULL },
	{ "opened_on", FT_DATE, 1, NULL, NULL, NULL },
	{ "source", FT_ENUM, 1, action_sources, NULL, NULL },
	{ "description", FT_TEXT, 1, NULL, NULL, NULL },
	{ "owner", FT_TEXT, 0, NULL, NULL, NULL },
	{ "due_on", FT_DATE, 1, NULL, "opened_on", NULL },
	{ "closed_on", FT_DATE, 0, NULL, "opened_on", NULL },
	{ "effective", FT_YESNO, 0, NULL, NULL, NULL },
};

static const struct reg_column suggestions_cols[] = {
	{ "id", FT_TEXT, 1, NULL, NULL, NULL },
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "received_on", FT_DATE, 1, NULL, NULL, NULL },
	{ "contributor", FT_TEXT, 0, NULL, NULL, NULL },
	{ "content", FT_TEXT, 1, NULL, NULL, NULL },
	{ "head_opinion", FT_TEXT, 0, NULL, NULL, NULL },
	{ "to_qmr_on", FT_DATE, 0, NULL, "received_on", NULL },
	{ "assignee", FT_TEXT, 0, NULL, NULL, NULL },
	{ "status", FT_ENUM, 1, suggestion_statuses, NULL, NULL },
	{ "result", FT_TEXT, 0, NULL, NULL, NULL },
	{ "notified_on", FT_DATE, 0, NULL, "received_on", NULL },
};

static const struct reg_column complaints_cols[] = {
	{ "id", FT_TEXT, 1, NULL, NULL, NULL },
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "received_on", FT_DATE, 1, NULL, NULL, NULL },
	{ "channel", FT_ENUM, 0, complaint_channels, NULL, NULL },
	{ "summary", FT_TEXT, 1, NULL, NULL, NULL },
	{ "explained_on", FT_DATE, 0, NULL, "received_on", NULL },
	{ "resolved_on", FT_DATE, 0, NULL, "received_on", NULL },
	{ "justified", FT_YESNO, 0, NULL, NULL, NULL },
};

static const struct reg_column incidents_cols[] = {
	{ "id", FT_TEXT, 1, NULL, NULL, NULL },
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "occurred_on", FT_DATE, 1, NULL, NULL, NULL },
	{ "equipment", FT_TEXT, 1, NULL, NULL, NULL },
	{ "description", FT_TEXT, 0, NULL, NULL, NULL },
	{ "downtime_hours", FT_DECIMAL, 0, NULL, NULL, NULL },
	{ "resolved_on", FT_DATE, 0, NULL, "occurred_on", NULL },
};

static const struct reg_column audits_cols[] = {
	{ "id", FT_TEXT, 1, NULL, NULL, NULL },
	{ "unit", FT_UNIT, 1, NULL, NULL, NULL },
	{ "audit_on", FT_DATE, 1, NULL, NULL, NULL },
	{ "finding", FT_ENUM, 1, findings, NULL, NULL },
	{ "clause", FT_TEXT, 0, NULL, NULL, NULL },
	{ "description", FT_TEXT, 1, NULL, NULL, NULL },
	{ "closed_on", FT_DATE, 0, NULL, "audit_on", NULL },
};

/*
 * A register's columns and their number, which must not exceed
 * REG_COLS_MAX (the per-column arrays of the checker): a kind with more
 * does not compile (an array of negative size), so no kind can be added
 * past the bound unnoticed.
 */
#define COLS(c)	(c), N(c) + 0 * (int)sizeof(char[N(c) <= REG_COLS_MAX ? 1 : -1])

const struct reg_kind reg_kinds[] = {
	{ "survey", COLS(survey_cols), "date", NULL },
	{ "errors", COLS(errors_cols), "doc_date", "doc_no" },
	{ "actions", COLS(actions_cols), "opened_on", "id" },
	{ "suggestions", COLS(suggestions_cols), "received_on", "id" },
	{ "complaints", COLS(complaints_cols), "received_on", "id" },
	{ "incidents", COLS(incidents_cols), "occurred_on", "id" },
	{ "audits", COLS(audits_cols), "audit_on", "id" },
};
const int nreg_kinds = N(reg_kinds);
_Static_assert(N(reg_kinds) <= REG_KINDS_MAX, "REG_KINDS_MAX too small");

const struct reg_kind *
reg_kind_find(const char *name)
{
	int i;

	for (i = 0; i < nreg_kinds; i++)
		if (strcmp(reg_kinds[i].name, name) == 0)
			return &reg_kinds[i];
	return NULL;
}

int
reg_col_index(const struct reg_kind *k, const char *name)
{
	int i;

	for (i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return i;
	return -1;
}

const struct sheet_section sheet_sections[] = {
	{ "submission", 1 },
	{ "tasks", 1 },
	{ "dossiers", 0 },
	{ "documents", 1 },
	{ "satisfaction", 0 },
	{ "narrative", 0 },
};
const int nsheet_sections = N(sheet_sections);
_Static_assert(N(sheet_sections) <= SHEET_SECTIONS_MAX,
    "raise SHEET_SECTIONS_MAX");

/* section, key, type, required, stock */
const struct sheet_key sheet_keys[] = {
	{ "submission", "unit", FT_UNIT, 1, NOT_NUMBER },
	{ "submission", "period", FT_MONTH, 1, NOT_NUMBER },
	{ "submission", "revision", FT_REVISION, 1, NOT_NUMBER },
	{ "submission", "prepared_by", FT_TEXT, 0, NOT_NUMBER },
	{ "submission", "submitted_on", FT_DATE, 0, NOT_NUMBER },
	{ "tasks", "planned", FT_COUNT, 1, FLOW },
	{ "tasks", "completed_on_time", FT_COUNT, 1, FLOW },
	{ "tasks", "completed_late", FT_COUNT, 1, FLOW },
	{ "tasks", "not_completed", FT_COUNT, 1, FLOW },
	{ "dossiers", "carried_over", FT_COUNT, 1, STOCK_OPENING },
	{ "dossiers", "received_online", FT_COUNT, 1, FLOW },
	{ "dossiers", "received_direct", FT_COUNT, 1, FLOW },
	{ "dossiers", "resolved_early", FT_COUNT, 1, FLOW },
	{ "dossiers", "resolved_on_time", FT_COUNT, 1, FLOW },
	{ "dossiers", "resolved_late", FT_COUNT, 1, FLOW },
	{ "dossiers", "pending_in_time", FT_COUNT, 1, STOCK_CLOSING },
	{ "dossiers", "pending_overdue", FT_COUNT, 1, STOCK_CLOSING },
	{ "documents", "incoming", FT_COUNT, 1, FLOW },
	{ "documents", "incoming_on_time", FT_COUNT, 1, FLOW },
	{ "documents", "incoming_late", FT_COUNT, 1, FLOW },
	{ "documents", "incoming_pending", FT_COUNT, 1, STOCK_CLOSING },
	{ "documents", "outgoing", FT_COUNT, 1, FLOW },
	{ "documents", "files_archived", FT_COUNT, 1, FLOW },
	{ "satisfaction", "very_satisfied", FT_COUNT, 1, FLOW },
	{ "satisfaction", "satisfied", FT_COUNT, 1, FLOW },
	{ "satisfaction", "neutral", FT_COUNT, 1, FLOW },
	{ "satisfaction", "dissatisfied", FT_COUNT, 1, FLOW },
	{ "satisfaction", "very_dissatisfied", FT_COUNT, 1, FLOW },
	{ "narrative", "strengths", FT_PARAGRAPHS, 0, NOT_NUMBER },
	{ "narrative", "weaknesses", FT_PARAGRAPHS, 0, NOT_NUMBER },
	{ "narrative", "causes", FT_PARAGRAPHS, 0, NOT_NUMBER },
	{ "narrative", "next_tasks", FT_PARAGRAPHS, 0, NOT_NUMBER },
};
const int nsheet_keys = N(sheet_keys);
_Static_assert(N(sheet_keys) <= SHEET_KEYS_MAX, "raise SHEET_KEYS_MAX");

static const char *const tasks_lhs[] = { "planned", NULL };
static const char *const tasks_rhs[] = { "completed_on_time", "completed_late",
	"not_completed", NULL };
static const char *const dossiers_lhs[] = { "carried_over", "received_online",
	"received_direct", NULL };
static const char *const dossiers_rhs[] = { "resolved_early", "resolved_on_time",
	"resolved_late", "pending_in_time", "pending_overdue", NULL };
static const char *const documents_lhs[] = { "incoming", NULL };
static const char *const documents_rhs[] = { "incoming_on_time", "incoming_late",
	"incoming_pending", NULL };

const struct sheet_sum sheet_sums[] = {
	{ "tasks", tasks_lhs, tasks_rhs },
	{ "dossiers", dossiers_lhs, dossiers_rhs },
	{ "documents", documents_lhs, documents_rhs },
};
const int nsheet_sums = N(sheet_sums);

const struct sheet_section *
sheet_section_find(const char *name)
{
	int i;

	for (i = 0; i < nsheet_sections; i++)
		if (strcmp(sheet_sections[i].name, name) == 0)
			return &sheet_sections[i];
	return NULL;
}

const struct sheet_key *
sheet_key_find(const char *section, const char *key)
{
	int i;

	for (i = 0; i < nsheet_keys; i++)
		if (strcmp(sheet_keys[i].section, section) == 0 &&
		    strcmp(sheet_keys[i].key, key) == 0)
			return &sheet_keys[i];
	return NULL;
}

int
input_passed_over(const char *name)
{
	return name[0] == '.' || strncmp(name, "~$", 2) == 0;
}
