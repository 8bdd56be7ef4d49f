/* SPDX-License-Identifier: ISC */
/*
 * schema: the shape of every input, as data (SPEC §3.1, §3.2). The checker
 * validates against these tables, the roll-up and the renderers find columns
 * by them, so a new column or key is one table row.
 */
#ifndef BAOCAO_SCHEMA_H
#define BAOCAO_SCHEMA_H

enum field_type {
	FT_TEXT,	/* free text (NFC) */
	FT_PARAGRAPHS,	/* free text whose "\n" (two characters) are
			   paragraph breaks, as a line break in the value */
	FT_DATE,	/* YYYY-MM-DD or DD/MM/YYYY; normalized to YYYY-MM-DD */
	FT_COUNT,	/* 0 .. 2^63-1, decimal */
	FT_RATING,	/* 1 .. 5 */
	FT_ENUM,	/* one of values[] */
	FT_YESNO,	/* yes / no */
	FT_DECIMAL,	/* non-negative decimal, e.g. 2.5 */
	FT_UNIT,	/* a unit code [A-Z0-9_-]{1,16}, known and active */
	FT_MONTH,	/* YYYY-MM */
	FT_REVISION	/* a count >= 1 */
};

struct reg_column {
	const char		*name;
	enum field_type		 type;
	int			 required;
	const char *const	*values;	/* FT_ENUM: NULL-terminated */
	const char		*not_before;	/* date column this one is >= */
	const char		*needs;		/* column required with this one */
};

#define REG_COLS_MAX	16	/* columns of the widest kind, at most */
#define REG_KINDS_MAX	8	/* register kinds (nreg_kinds), at most */

struct reg_kind {
	const char		*name;		/* "survey", file NAME.<name>.csv */
	const struct reg_column	*cols;
	int			 ncols;
	const char		*date_col;	/* the date a row is counted by */
	const char		*key_col;	/* "id" or "doc_no"; NULL: not a status list */
};

extern const struct reg_kind	reg_kinds[];
extern const int		nreg_kinds;

/* The register kind called name ("survey"), or NULL. */
const struct reg_kind *reg_kind_find(const char *name);
/* Index of column name in kind, or -1. */
int	reg_col_index(const struct reg_kind *, const char *name);

/* Survey SIPAS component columns and channels, in output order. */
extern const char *const survey_components[];	/* NULL-terminated */
extern const char *const survey_channels[];	/* NULL-terminated */
extern const char *const error_types[];		/* NULL-terminated */
extern const char *const action_types[];	/* NULL-terminated */
extern const char *const complaint_channels[];	/* NULL-terminated */
extern const char *const suggestion_statuses[];	/* NULL-terminated */

enum stock_kind {
	FLOW = 0,		/* summed over months */
	STOCK_OPENING,		/* taken from the first month of a period */
	STOCK_CLOSING,		/* taken from the last month of a period */
	NOT_NUMBER		/* text, dates */
};

struct sheet_key {
	const char		*section;
	const char		*key;
	enum field_type		 type;
	int			 required;	/* when its section is present */
	enum stock_kind		 stock;
};

struct sheet_section {
	const char	*name;
	int		 required;	/* the sheet must have it */
};

/* A sum rule: the lhs keys add up to the rhs keys, in one section. */
struct sheet_sum {
	const char		*section;
	const char *const	*lhs;	/* NULL-terminated */
	const char *const	*rhs;	/* NULL-terminated */
};

/* Bounds of the tables below, for fixed arrays indexed by them. */
#define SHEET_SECTIONS_MAX	16
#define SHEET_KEYS_MAX		64

extern const struct sheet_section	sheet_sections[];
extern const int			nsheet_sections;
extern const struct sheet_key		sheet_keys[];
extern const int			nsheet_keys;
extern const struct sheet_sum		sheet_sums[];
extern const int			nsheet_sums;

/*
 * 1 when a month folder's entry name is never data and is passed over
 * silently: hidden files (LibreOffice's .~lock.NAME#) and Excel's ~$NAME
 * owner files, there while NAME is open. baocao-check and baocao's input
 * manifest read the same files, so that a file left open changes neither.
 */
int	input_passed_over(const char *name);

/* The sheet section called name ("tasks"), or NULL. */
const struct sheet_section *sheet_section_find(const char *name);
/* The key of section ("tasks", "planned"), or NULL. */
const struct sheet_key *sheet_key_find(const char *section, const char *key);

#endif
