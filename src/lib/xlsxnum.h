/* SPDX-License-Identifier: ISC */
/*
 * xlsxnum: the numbers (and carriage returns) of a finished XLSX rewritten
 * so that each reads back as the exact double (or text) that was written.
 *
 * libxlsxwriter 1.1.4 (Debian, built without its dtoa) writes every number
 * as "%.16G", one significant digit short of what a double needs: 0.028028
 * 028028028028 comes back from the file as 0.02802802802802803, a different
 * double from the indicators CSV's. The program records every number it
 * writes (xlsxnum_add: sheet, row, column, value), and after
 * workbook_close() xlsxnum_fix_file() rewrites, inside the ZIP, each <v>
 * whose text does not read back to the value with "%.17G". The ZIP is
 * rebuilt member by member (deflated again with zlib, the fixed timestamps
 * kept), so the bytes stay reproducible. Chart value caches, which
 * libxlsxwriter fills the same way (and with 0 for an empty cell), are
 * rewritten from the cells they draw. One workbook at a time.
 *
 * The shared strings are rewritten too: libxlsxwriter stores a carriage
 * return as Excel's escape "_x000D_" (a raw CR would read back as LF),
 * which Excel and LibreOffice decode but openpyxl 3.0 does not; the
 * character reference "&#13;" reads back as CR in every XML reader.
 */
#ifndef BAOCAO_XLSXNUM_H
#define BAOCAO_XLSXNUM_H

#include <stddef.h>

/* Forgets every number recorded (before a workbook, and after it). */
void	 xlsxnum_reset(void);
/* Records v written at 0-based row, col of worksheet sheet (1-based, as
 * xl/worksheets/sheetN.xml); a later write of a cell wins. */
void	 xlsxnum_add(int sheet, unsigned row, unsigned col, double v);
/*
 * Records that chart (1-based, xl/charts/chartN.xml) draws the cells of
 * column col of sheet from row1 down (0-based): its value cache is then
 * made to match them, exact numbers and no point for an empty cell (a
 * gap, where libxlsxwriter caches 0). At most XLSXNUM_MAXCHARTS: the
 * charts recorded after that many keep libxlsxwriter's cache.
 */
#define XLSXNUM_MAXCHARTS	64
void	 xlsxnum_chart(int chart, int sheet, unsigned row1, unsigned col);
/* Rewrites the XLSX at path in place; 0, or -1 (file left as it was or
 * unusable: the caller discards it). */
int	 xlsxnum_fix_file(const char *path);
/* The XML of worksheet sheet with each recorded number exact; NULL when
 * nothing changes (*outn: its length; free() it). */
char	*xlsxnum_fix_sheet(const char *xml, size_t n, int sheet, size_t *outn);
/* The shared strings with "&#13;" for "_x000D_"; NULL when the same. */
char	*xlsxnum_fix_strings(const char *xml, size_t n, size_t *outn);
/*
 * libxlsxwriter takes a chart title that starts with "=" for a formula
 * (=HYPERLINK(...) became a reference to no cell, <c:f>HYPERLINK(...)
 * </c:f>): such a title is given to it behind this mark (U+E000, of the
 * private use area), which xlsxnum_fix_chart() removes from the title's
 * text, so the title reads as typed.
 */
#define XLSXNUM_LITERAL	"\xEE\x80\x80"
/*
 * The XML of chart with its value cache as recorded and without the
 * XLSXNUM_LITERAL marks; NULL when the same.
 */
char	*xlsxnum_fix_chart(const char *xml, size_t n, int chart, size_t *outn);

#endif
