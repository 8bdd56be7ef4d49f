/* SPDX-License-Identifier: ISC */
/*
 * docreg: the register of issued reports (sổ đăng ký văn bản đi, SPEC §8).
 * One CSV file, append-only: a header, then one line per number given,
 *
 *	nam,so,ky_hieu,ngay,ky_bao_cao,dau_vao,trich_yeu
 *	2025,1,01/BC-UBND,2025-01-06,2024-12,<sha256 of the inputs>,"Báo cáo …"
 *
 * Numbers run in sequence per year of issue. A final report is identified
 * by its period and the digest of the inputs it was made from, so asking
 * again for the same report gives back its number, and a final replaced
 * with other inputs (report --final --force) is a new document with a new
 * number. An exclusive flock(2) on the file while it is read and appended
 * to means that two clerks at once never get one number.
 */
#ifndef BAOCAO_DOCREG_H
#define BAOCAO_DOCREG_H

#include "date.h"

#define DOCREG_DIGESTSZ	65	/* 64 hex digits */
/*
 * How a number is printed: "01" … "09", "10", "125" (Decree 30/2020,
 * Art. 15: numbers run "from 01" on 1 January each year).
 */
#define DOCREG_NUMBER_FMT "%02ld"
#define DOCREG_FIELDSZ	64
#define DOCREG_NUMBER_MAX 999999999L	/* the highest number a year holds */

struct docreg_entry {
	int	 year;
	long	 number;
	char	 symbol[2 * DOCREG_FIELDSZ];	/* "125/BC-UBND" */
	char	 date[DATE_BUFSZ];		/* of issue, YYYY-MM-DD */
	char	 period[DOCREG_FIELDSZ];	/* the report's period label */
	char	 digest[DOCREG_DIGESTSZ];
};

enum docreg_status {
	DOCREG_NEW,		/* a number was given and appended */
	DOCREG_EXISTING,	/* the report already had its number */
	DOCREG_TAKEN,		/* the number asked for belongs to another */
	DOCREG_BAD,		/* unreadable or malformed register (diag said) */
	DOCREG_FAILED		/* the line could not be written (diag said);
				   the register is left as it was */
};

/*
 * Looks up the report (period, digest) in the register at path. 1 and *e
 * when found; 0 when not (or the file does not exist); -1 after a
 * diagnostic when the file cannot be read or is malformed.
 */
int	docreg_find(const char *path, const char *period, const char *digest,
	    struct docreg_entry *e);

/*
 * Gives the report (period, digest) its number, under the file's lock
 * (the file is created when missing), and fills *e:
 *   - the number it already has: DOCREG_EXISTING;
 *   - else, when want > 0, want if it is free in the year of date
 *     (DOCREG_NEW), or DOCREG_TAKEN with *e the entry that holds it;
 *   - else the year's highest number plus one (DOCREG_NEW).
 * A new line is appended and synced; when it cannot be, the file is cut
 * back to its old size (DOCREG_FAILED). date is the day of issue
 * (YYYY-MM-DD or DD/MM/YYYY; one that does not parse is DOCREG_BAD with
 * no message: the caller makes it). suffix follows the number in the
 * symbol ("BC-UBND": no comma, quote or line break, at most 40 bytes,
 * else DOCREG_BAD); subject is the register's trích yếu. DOCREG_BAD also
 * when the register cannot be opened or read, is malformed, or has no
 * number left for the year (DOCREG_NUMBER_MAX).
 */
enum docreg_status docreg_take(const char *path, const char *period,
	    const char *digest, const char *date, long want,
	    const char *suffix, const char *subject, struct docreg_entry *e);

#endif
