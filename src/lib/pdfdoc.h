/* SPDX-License-Identifier: ISC */
/*
 * pdfdoc: a small layout engine on libharu for A4 Vietnamese administrative
 * documents (Decree 30/2020/NĐ-CP): margins top 20, bottom 20, left 30,
 * right 15 mm; four faces of one TrueType serif, embedded, UTF-8 text;
 * wrapped paragraphs that break between words (inside a word only when
 * it is wider than the line, after '/', '?', '&', '=', '-', '_', '.' or
 * '@' when that fills half the line, else at a character boundary; in
 * justified text also a long token that would leave gaps over three
 * spaces wide, which are otherwise set ragged; never before a lone dash
 * or a short "(x)", which stay with the word before it), keep two lines
 * of a paragraph at least on either side of a page break and flow onto
 * new pages; bordered tables that wrap cell text and repeat their header
 * row after a page break; page numbers from page 2 centred in the top
 * margin; the box "DỰ THẢO LẦN N" at the top right of every page of a
 * draft; and three simple charts (bars against targets, Pareto, p-chart).
 *
 * Every text is validated as UTF-8 and normalized to NFC with utf8proc
 * before it is measured or drawn; TAB and CR become spaces, other control
 * characters and invisible ones (soft hyphen, zero-width space, word
 * joiner, byte-order mark) are dropped, spaces at the ends of a line are
 * trimmed while runs inside it are kept ("Số:      /BC-UBND"), and LF
 * starts a new paragraph (in a table cell: a new line). An invalid text
 * is not drawn and makes pdfdoc_save() fail.
 *
 * Lengths in this interface are millimetres; font sizes are points.
 * Errors (libharu's, a font that cannot be loaded, invalid UTF-8) are
 * remembered: the first one is kept, pdfdoc_error() returns its text and
 * pdfdoc_save() refuses to write. Nothing here prints or exits.
 */
#ifndef BAOCAO_PDFDOC_H
#define BAOCAO_PDFDOC_H

#include <stdio.h>

enum pdf_face { PF_REGULAR, PF_BOLD, PF_ITALIC, PF_BOLDITALIC, PF_NFACES };
enum pdf_align { PA_LEFT, PA_CENTER, PA_RIGHT, PA_JUSTIFY };

struct pdf_style {
	enum pdf_face	 face;
	double		 size;		/* points */
	enum pdf_align	 align;
	double		 leading;	/* line height / size; 0 means 1.2 */
	double		 indent;	/* first-line indent, mm */
	double		 before;	/* space above, mm */
	double		 after;		/* space below, mm */
	int		 balance;	/* pdfdoc_text_at: lines of even length */
	int		 list;		/* an item of a dash list: no line
					 * of it starts with '-' */
};

struct pdfdoc;

/* The page geometry, in mm. */
#define PDF_PAGE_W	210.0
#define PDF_PAGE_H	297.0
#define PDF_MARGIN_TOP	20.0
#define PDF_MARGIN_BOT	20.0
#define PDF_MARGIN_LEFT	30.0
#define PDF_MARGIN_RIGHT 15.0
#define PDF_BODY_W	(PDF_PAGE_W - PDF_MARGIN_LEFT - PDF_MARGIN_RIGHT)

/*
 * The default font files (Liberation Serif of fonts-liberation2, Times New
 * Roman metrics, full Vietnamese coverage): the path of face f, or the Noto
 * Serif one when Liberation is not installed; NULL when neither exists.
 */
const char	*pdfdoc_default_font(enum pdf_face f);

/*
 * Creates a document and loads and embeds the four faces from the given
 * TrueType files (NULL entries: pdfdoc_default_font()). Returns NULL and
 * writes a message into err (errsz bytes) when libharu or a font fails.
 * The caller frees the document with pdfdoc_free().
 */
struct pdfdoc	*pdfdoc_new(const char *const fonts[PF_NFACES], char *err,
		    size_t errsz);
/*
 * As pdfdoc_new, for a document whose every text is known to be made only
 * of code points of the fonts' fixed repertoire (pdffont_in_repertoire:
 * ASCII, Latin-1, Vietnamese, the documents' punctuation and signs), as a
 * measuring pass over the same texts tells (pdfdoc_outside() 0): its
 * fonts get a width array and a CIDToGIDMap for those code points only,
 * not all 65,536 (a third of the time of a one-page form). A text with
 * another code point is an error in it (pdfdoc_save refuses) and is not
 * drawn: never a wrong glyph.
 */
struct pdfdoc	*pdfdoc_new_repertoire(const char *const fonts[PF_NFACES],
		    char *err, size_t errsz);
/*
 * The first code point outside the fonts' repertoire in a text given to
 * the document (drawn or measured) since it was made or restarted
 * (pdfdoc_restart), or 0 if there was none.
 */
unsigned long	 pdfdoc_outside(const struct pdfdoc *);
/*
 * The code points of texts given to the document (since new or restart)
 * that its regular face has no glyph for, which print blank: *cps gets
 * them in order of first use, at most PDF_MISSING_MAX; returns how many.
 */
#define PDF_MISSING_MAX	16
int		 pdfdoc_missing(const struct pdfdoc *, const unsigned long **cps);
void		 pdfdoc_free(struct pdfdoc *);

/*
 * Document properties (any may be NULL). created is seconds since the
 * epoch (UTC) for the creation date; a negative value leaves it out.
 */
void	 pdfdoc_set_info(struct pdfdoc *, const char *title,
	    const char *author, const char *subject, const char *creator,
	    long long created);
/* Marks every page made after the call "DỰ THẢO LẦN n"; 0: final. */
void	 pdfdoc_set_draft(struct pdfdoc *, int n);

/* Ends the current page; the next drawing starts a new one. */
void	 pdfdoc_newpage(struct pdfdoc *);
int	 pdfdoc_pages(const struct pdfdoc *);
/*
 * Starts over at page 1 of an empty layout (the pages made so far stay in
 * the document, unnumbered by pdfdoc_pages): for trial layouts in a
 * document that is never saved, whose fonts are made once.
 */
void	 pdfdoc_restart(struct pdfdoc *);
/*
 * on: the layouts made from now on only measure: pages are counted and
 * the cursor moves as when drawing (pdfdoc_pages, pdfdoc_y and
 * pdfdoc_room answer the same), but nothing is drawn or added to the
 * document, which must then never be saved. For trial layouts; off: draw
 * again. Either way the next drawing starts a new page.
 */
void	 pdfdoc_measure(struct pdfdoc *, int on);
/* Moves down by mm (at most to the bottom margin); nothing at a page top. */
void	 pdfdoc_space(struct pdfdoc *, double mm);
/* Starts a new page unless mm of body height remain on this one. */
void	 pdfdoc_ensure(struct pdfdoc *, double mm);
/* The cursor: distance from the top of the page, mm. */
double	 pdfdoc_y(struct pdfdoc *);
void	 pdfdoc_set_y(struct pdfdoc *, double mm);
/* Body height left below the cursor on this page, mm. */
double	 pdfdoc_room(struct pdfdoc *);

/*
 * A paragraph (or several, split at LF) across the body width, flowing onto
 * new pages as needed.
 */
void	 pdfdoc_para(struct pdfdoc *, const struct pdf_style *, const char *);
/*
 * A paragraph that starts with a lead-in in another face on its first
 * line ("Ưu điểm: " in bold, then the text), justified as st says.
 */
void	 pdfdoc_para_lead(struct pdfdoc *, const struct pdf_style *,
	    enum pdf_face lead_face, const char *lead, const char *text);
/*
 * The next paragraph drawn (pdfdoc_para, pdfdoc_para_lead;
 * with LF, its last part) keeps its last `lines` lines on one page with mm
 * of what follows them (a signature block): when they do not fit below
 * the lines before them, they start the next page. No effect when they do
 * not fit on any page.
 */
void	 pdfdoc_keep_last(struct pdfdoc *, int lines, double mm);
/*
 * Draws text wrapped in the band [x, x+w) mm from the left margin starting
 * y mm from the top of the current page, without breaking the page, and
 * returns the y below it. For header blocks and signature columns: measure
 * with pdfdoc_text_height() and pdfdoc_ensure() first.
 */
double	 pdfdoc_text_at(struct pdfdoc *, const struct pdf_style *, double x,
	    double w, double y, const char *);
/* Height in mm that text takes in a band w mm wide (style's before/after included). */
double	 pdfdoc_text_height(struct pdfdoc *, const struct pdf_style *,
	    double w, const char *);
/* Width in mm of text on one line. */
double	 pdfdoc_text_width(struct pdfdoc *, enum pdf_face, double size,
	    const char *);
/* Width in mm of the widest word of text (what a cell must hold unbroken). */
double	 pdfdoc_widest_word(struct pdfdoc *, enum pdf_face, double size,
	    const char *);
/*
 * The size, at most size, in which every line of text (split at LF) fits
 * w mm in face: for a name that must stay on one line.
 */
double	 pdfdoc_fit_size(struct pdfdoc *, enum pdf_face, double size,
	    double w, const char *);
/* A horizontal rule from x1 to x2 (mm from the left margin) at y mm from the top. */
void	 pdfdoc_rule(struct pdfdoc *, double x1, double x2, double y,
	    double width_pt);

/* A rectangle, x and y (its top) mm from the left margin and page top. */
void	 pdfdoc_box(struct pdfdoc *, double x, double y, double w, double h,
	    double width_pt);

/*
 * Tables. pdfdoc_table_begin() fixes the columns: ncols relative widths
 * (scaled to the body width), the alignment of body cells per column, the
 * font size, and the header cells (bold, centred; NULL for no header).
 * Rows wrap each cell's text; a row that does not fit goes to the next
 * page, where the header row is drawn again; a row taller than a page is
 * split between lines. The arrays are copied.
 */
void	 pdfdoc_table_begin(struct pdfdoc *, int ncols, const double *widths,
	    const enum pdf_align *align, double size,
	    const char *const *header);
/*
 * The same table in the band [x, x+w) mm from the left margin.
 */
void	 pdfdoc_table_begin_in(struct pdfdoc *, double x, double w, int ncols,
	    const double *widths, const enum pdf_align *align, double size,
	    const char *const *header);
/* Header cells of the tables begun after the call in pt points (0: as the cells). */
void	 pdfdoc_table_header_size(struct pdfdoc *, double pt);
/* The header row of the open table is at least mm tall (text centred). */
void	 pdfdoc_table_header_min(struct pdfdoc *, double mm);
/*
 * Cell padding (mm, horizontal and vertical; negative: the default 1.3 and
 * 0.9), line height of cell text (/ size; 0: 1.2), and fit: no header word
 * is cut, a column too narrow for its widest header word takes width from
 * the others. Applies to the tables begun after the call.
 */
void	 pdfdoc_table_style(struct pdfdoc *, double pad_h, double pad_v,
	    double leading, int fit);
/*
 * Height in mm of the header row plus a row of these cells: what must fit
 * below a table's title so the title does not stand alone at a page foot.
 */
double	 pdfdoc_table_height(struct pdfdoc *, const char *const *cells,
	    enum pdf_face face);
/* Height in mm of a row of these cells, without the header row. */
double	 pdfdoc_table_row_height(struct pdfdoc *, const char *const *cells,
	    enum pdf_face);
/*
 * Fits the open table's columns to the rows it will hold (nrows rows of
 * as many cells as columns, row-major; faces[r] the face of row r, NULL:
 * regular), before the first row: a number is never broken, so a column
 * whose widest number does not fit takes width from columns that can
 * spare it (each keeps room for its header words, its words and its own
 * numbers), enough for the number at 7 pt first, then as much as the
 * others can give without losing more than a quarter of their width
 * towards its full size. What still does not fit is set smaller in its
 * cell (see pdfdoc_table_row).
 */
void	 pdfdoc_table_fit(struct pdfdoc *, int nrows, const char *const *cells,
	    const enum pdf_face *faces);
/*
 * One row; NULL cells are empty. face is the face of every cell. A cell
 * whose widest number is wider than its column is set in the size that
 * makes it fit (a number is never broken across lines), and one whose
 * widest other word is, in the size that makes that fit when it is no
 * less than 7 pt; a word longer than that (a URL) is broken at a
 * character boundary.
 */
void	 pdfdoc_table_row(struct pdfdoc *, const char *const *cells,
	    enum pdf_face face);
/*
 * The cells of the columns whose bit is set in cols (bit i: column i,
 * below TBOLD_MAX) are set in bold in the rows drawn or measured after the
 * call, until the next call or the end of the table: a result that misses
 * its target ("Không đạt") stands out of a column of "Đạt".
 */
#define TBOLD_MAX	((int)(sizeof(unsigned long) * 8))
void	 pdfdoc_table_bold(struct pdfdoc *, unsigned long cols);
/*
 * Within an open table: when less than mm is left on the page, the next row
 * starts a new page (its header drawn again), so that rows that belong
 * together (the last rows and the total) do not end up split.
 */
void	 pdfdoc_table_keep(struct pdfdoc *, double mm);
/*
 * The open table's header row counts as drawn: the next rows follow
 * without it (until a page break). To measure rows alone.
 */
void	 pdfdoc_table_header_drawn(struct pdfdoc *);
void	 pdfdoc_table_end(struct pdfdoc *);

/*
 * Charts, drawn across the body width at the cursor, on a new page when
 * they do not fit below it (bars: the whole chart when a page holds it,
 * else its title and first rows; Pareto and p-chart: height mm of plot
 * and their labels). Values are fractions (0.95) unless said otherwise;
 * a NaN value is absent and draws nothing.
 */
struct pdf_bar {
	const char	*label;
	double		 value;		/* fraction */
	double		 target;	/* fraction; NaN: none */
	const char	*text;		/* the value as printed; NULL: vn_rate() */
};
/*
 * Horizontal bars, one per label, with each bar's target marked (the
 * legend has the target's key only when a bar has one). A label
 * is set in PDF_BAR_LABEL_PT points, right-aligned in a column
 * PDF_BAR_LABEL_W mm wide, wrapped into lines of even length; an LF in
 * it is a line break (a caller that breaks its labels itself).
 */
#define PDF_BAR_LABEL_W		56.0
#define PDF_BAR_LABEL_PT	9.0
void	 pdfdoc_chart_bars(struct pdfdoc *, const char *title, int n,
	    const struct pdf_bar *bars, const char *legend_value,
	    const char *legend_target);
/* Pareto: counts as bars (left axis), cumulative share as a line (right axis). */
void	 pdfdoc_chart_pareto(struct pdfdoc *, const char *title, int n,
	    const char *const *labels, const double *counts,
	    const double *cumulative, double height, const char *legend);
/*
 * p-chart: p[i] per period labelled labels[i], the centre line and the
 * (per-period) control limits; out[i] marks points outside the limits.
 * A legend is "item|item|...": the keys are drawn in the order value,
 * target (bars); count, cumulative, 80 % (Pareto); p, centre, limits,
 * outside (p-chart). It takes height + PDF_PCHART_EXTRA mm (title, month
 * labels, legend), kept on one page.
 */
#define PDF_PCHART_EXTRA	22.0
void	 pdfdoc_chart_pchart(struct pdfdoc *, const char *title, int n,
	    const char *const *labels, const double *p, double center,
	    const double *lcl, const double *ucl, const int *out,
	    double height, const char *legend);

/*
 * Writes the document to fp (a PDF 1.4 file; the caller closes fp).
 * Returns 0, or -1 when an error was recorded or writing failed.
 */
int	 pdfdoc_save(struct pdfdoc *, FILE *fp);
/* The first error recorded, or NULL. */
const char *pdfdoc_error(const struct pdfdoc *);
/* The errno of pdfdoc_save's failed write to fp; 0 when it failed
 * otherwise (or did not). */
int	 pdfdoc_write_errno(const struct pdfdoc *);

#endif
