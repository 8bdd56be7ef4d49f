/* SPDX-License-Identifier: ISC */
/*
 * pdffont: what baocao does about libharu 2.3.0's per-document font work.
 *
 * libharu reads, parses, subsets and compresses every embedded TrueType
 * face again in every document. This module stands in for a few of its
 * exported functions (ELF symbol interposition: libharu calls them through
 * its PLT, so the program's definitions win; `nm -D` lists them) and keeps
 * what does not change from one document to the next for the life of the
 * process. The bytes written are those libharu would write for the same
 * glyph set: docs/PDF.md "Speed" has the why and the measurements.
 *
 * - pdffont_register(path): libharu's file reader serves that file from
 *   one copy in memory (re-read when its size or time changes) instead of
 *   opening it and calling fread for every two bytes it parses.
 * - The embedded font program of a face always holds the glyphs of the
 *   fixed repertoire below (Latin, Vietnamese, the punctuation and signs
 *   documents print), plus any other glyph the document uses. A document
 *   that uses no glyph outside it (every form in practice) embeds the same
 *   bytes as every other document: they are made and compressed once per
 *   run. A document that does gets those glyphs too (made the slow way);
 *   either way the file depends only on the document, never on what else
 *   the process rendered before.
 * - The UTF-8 fonts of a document that draws only code points of that
 *   repertoire (pdfdoc_new_repertoire) get a width array and a
 *   CIDToGIDMap for those only, not for all 65,536 (pdffont_repertoire_only).
 * - Glyph ids per code point, memory copies and stream compression (see
 *   pdffont.c).
 */
#ifndef BAOCAO_PDFFONT_H
#define BAOCAO_PDFFONT_H

/* libharu's file reader serves PATH from memory from now on; 0, or -1 if
 * it cannot be read (libharu then reports the error itself). */
int	pdffont_register(const char *path);

/*
 * Whether code point cp is in the fixed repertoire (the glyphs every
 * embedded face carries: ASCII, Latin-1, Vietnamese, the documents'
 * punctuation and signs).
 */
int	pdffont_in_repertoire(unsigned long cp);

/*
 * on: the UTF-8 fonts libharu makes from now on (HPDF_GetFont) get a
 * width array and a CIDToGIDMap for the code points of the repertoire
 * only, instead of all 65,536: for a document known to draw nothing
 * else (a code point outside would show glyph 0). pdfdoc turns it on
 * around the fonts of a repertoire-only document and off again.
 */
void	pdffont_repertoire_only(int on);

/*
 * Whether the face of font (an HPDF_Font of a TrueType file) has a glyph
 * for code point cp; never for one past U+FFFF, which libharu's UTF-8
 * fonts cannot show.
 */
int	pdffont_has_glyph(void *font, unsigned long cp);

/*
 * Counters for tests and the bench, since the process started: font
 * programs written from the per-run copy, and made by libharu; font files
 * read into memory (pdffont_register and its re-reads); UTF-8 fonts made
 * for the repertoire only, and made in full.
 */
struct pdffont_stats {
	unsigned long	 program_reused;
	unsigned long	 program_made;
	unsigned long	 files_read;
	unsigned long	 fonts_short;
	unsigned long	 fonts_full;
};
void	pdffont_stats(struct pdffont_stats *);

#endif
