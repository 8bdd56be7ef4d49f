/* SPDX-License-Identifier: ISC */
/*
 * config: the organization, its units and its quality objectives, read from
 * a config directory (baocao.ini, units.ini, objectives.ini; SPEC §3.3).
 * Files are read with iniparser; every problem is reported through diag with
 * the file and line, and config_load() returns non-zero.
 */
#ifndef BAOCAO_CONFIG_H
#define BAOCAO_CONFIG_H

#include <limits.h>

struct unit {
	char	*code;		/* upper case, [A-Z0-9_-]{1,16} */
	char	*name;		/* "Phòng Nội vụ" */
	char	*head_title;	/* "Trưởng phòng" */
	char	*head_name;
	long	 active_from;	/* month number (date.h); LONG_MIN if unset */
	long	 active_to;	/* month number; LONG_MAX if unset */
	int	 order;		/* its place in units.ini, from 0 */
};

struct objective_override {
	char	*unit;
	double	 target;
	char	*target_text;	/* as written: "98%" */
};

struct objective {
	char	*name;		/* the section name: "dossiers_on_time" */
	char	*label;		/* Vietnamese label */
	char	*indicator;	/* "dossiers.on_time_rate" */
	int	 op;		/* '>' for >=, '<' for <= */
	double	 target;	/* 95% is 95/100 in one division */
	char	*target_text;
	int	 all_units;	/* units = * */
	char	**units;	/* the list when not all_units */
	int	 nunits;
	struct objective_override *over;
	int	 nover;
};

/* Who signs a document: lines above the signature space, then the name. */
struct signer {
	char	*authority;	/* "TM. ỦY BAN NHÂN DÂN" (may be "") */
	char	*deputy;	/* "KT. CHỦ TỊCH" (may be "") */
	char	*title;		/* "PHÓ CHỦ TỊCH" */
	char	*name;
};

struct config {
	char	*dir;
	/* [organization] */
	char	*parent;	/* ỦY BAN NHÂN DÂN TỈNH THANH HÓA */
	char	*name;		/* ỦY BAN NHÂN DÂN HUYỆN THƯỜNG XUÂN */
	char	*short_name;	/* "ỦY BAN NHÂN DÂN" for signatures; default: name up to its level word */
	char	*code;		/* UBND */
	char	*place;		/* Thường Xuân */
	/* [periods] */
	int	 cutoff_day;	/* 0 or 15 */
	/* [input] */
	int	 cp1258;	/* encoding = cp1258: convert input */
	/* [xlsx] template: the workbook's layout, a name in TEMPLATES/xlsx/
	   or a path, as written; NULL when not set (default) */
	char	*xlsx_template;
	long	 xlsx_template_line;	/* its line in baocao.ini */
	/* [fonts]: paths, NULL when not set (search the defaults) */
	char	*font_regular, *font_bold, *font_italic, *font_bold_italic;
	long	 font_line[4];	/* their lines in baocao.ini, same order */
	/* [recipients]: lines of "Nơi nhận", in key order; archive = "VT, VP" */
	char	**recipients;
	int	 nrecipients;
	char	*archive;
	/* [sign.report], [sign.improvement]; BM.07.01's signers are the
	   unit's head (units.ini) and its preparer (the sheet) */
	struct signer sign_report, sign_improvement;
	/* units.ini, sorted by code (byte order) */
	struct unit *units;
	int	 nunits;
	/* the same units in the order of units.ini (the organization's) */
	const struct unit **ordered;
	/* objectives.ini, in its order (the agency's MT1, MT2, ...): the
	 * documents number them so; the indicators CSV sorts its rows */
	struct objective *objectives;
	int	 nobjectives;
};

/*
 * Turns the line breaks written "\n" in s (in the agency's names, where
 * the PDF header breaks them) into single spaces, in place: for places that
 * print a name on one line (signatures, spreadsheet titles, properties).
 */
void	 config_one_line(char *s);

/*
 * Loads dir/baocao.ini, dir/units.ini and dir/objectives.ini into *c.
 * Returns 0 on success; otherwise prints every problem (diag) and returns
 * EXIT_USAGE (bad content, or a missing or unreadable file). *c is
 * initialized either way: config_release() frees what was loaded.
 */
int	 config_load(struct config *c, const char *dir);
/*
 * Warnings about the configuration (a target for a unit not in units.ini)
 * are printed only when this is set: baocao-check, the validator, sets it,
 * so a run of the whole pipeline says it once, not once per program.
 */
extern int config_warnings;
void	 config_release(struct config *c);

/* The unit with this code, or NULL. */
const struct unit *config_unit(const struct config *, const char *code);
/* The codes of c's units (by code), NULL-terminated, for "did you mean";
 * free(3) the array, not the codes. */
const char	**config_unit_codes(const struct config *c);
/*
 * Whether unit code a comes before b in the organization's order, the
 * order of units.ini in which documents list units (units.ini's own are
 * sorted by code for lookups): its units first, unknown codes ("*" among
 * them) after them by code. A qsort(3) comparison of codes.
 */
int	 config_unit_cmp(const struct config *, const char *a, const char *b);
/* Whether u exists in month (a month number). */
int	 unit_active(const struct unit *u, long month);
/*
 * Whether u was active in only part of the months first..last (merged,
 * renamed or set up within them): *from is its first month when it began
 * after first, *to its last when it ended before last, LONG_MIN otherwise.
 * 0 when it was active throughout, or first > last.
 */
int	 unit_active_part(const struct unit *u, long first, long last,
	    long *from, long *to);
/* The target of o for unit ("*" for the organization). */
double	 objective_target(const struct objective *o, const char *unit);
/* Whether o applies to unit by its units list ("*" → all_units). */
int	 objective_lists(const struct objective *o, const char *unit);
/* Whether code matches [A-Z0-9_-]{1,16}. */
int	 unit_code_valid(const char *code, size_t n);

#endif
