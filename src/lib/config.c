/* SPDX-License-Identifier: ISC */
/*
 * config: loads baocao.ini, units.ini and objectives.ini with iniparser.
 * iniparser fails on a byte-order mark, gives no line numbers for unknown
 * keys and prints its own messages, so each file is first read whole,
 * checked (UTF-8, line length), NFC-normalized and stripped of its BOM, and
 * the clean copy is what iniparser loads. Lines are then found again in the
 * clean text to give every message its file and line.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "indicator.h"
#include "num.h"
#include "suggest.h"
#include "date.h"
#include "diag.h"
#include "utf8.h"
#include "util.h"

#define MAXLINE	1000	/* iniparser 4.1 fails on lines past ~1022 bytes */

struct inifile {
	const char	*path;
	char		*text;		/* clean NFC text */
	dictionary	*d;
};

int config_warnings;

static char ini_err[512];

/* iniparser's own messages are captured, then reported with the file. */
static int
capture_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ini_err, sizeof(ini_err), fmt, ap);
	va_end(ap);
	return 0;
}

/*
 * The line of iniparser's "syntax error in PATH (LINE):\n-> TEXT": the
 * number right after the path, not after the last '(', which may be in
 * the quoted TEXT ("Phòng Tư pháp (mới)" gave no line, "junk (3 items)"
 * line 3).
 */
static long
ini_err_line(const char *fdpath)
{
	const char *p = strstr(ini_err, fdpath);

	if (p == NULL)
		return 0;
	p += strlen(fdpath);
	return strncmp(p, " (", 2) == 0 ? strtol(p + 2, NULL, 10) : 0;
}

/*
 * What iniparser 4.1 cannot take is taken out, line numbers kept: it reads
 * "[PNV] ; comment" (SPEC §3.3 writes comments there) as a broken key
 * line, so the comment is blanked; and it fails on any line past ~1022
 * bytes, so comment lines, which may be long, are emptied.
 */
static char *
strip_comments(char *text)
{
	char *r = text, *w = text;

	while (*r) {
		char *e = r + strcspn(r, "\n"), *q = r, *close;

		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (q < e && (*q == ';' || *q == '#'))
			r = e;
		else if (q < e && *q == '[' && (close = memchr(q, ']', e - q))) {
			char *c = close + 1;

			while (c < e && (*c == ' ' || *c == '\t' || *c == '\r'))
				c++;
			if (c < e && (*c == ';' || *c == '#'))
				memset(c, ' ', e - c);
		}
		memmove(w, r, e - r);
		w += e - r;
		if (*e)
			*w++ = '\n';
		r = *e ? e + 1 : e;
	}
	*w = '\0';
	return text;
}

/* Returns the clean text, or NULL after reporting the problem. */
static char *
clean_text(const char *path, char *raw, size_t len)
{
	struct sbuf sb = SBUF_INIT;
	size_t i, line = 1, col = 0, start = 0, bad;
	char first = 0;		/* the line's first non-blank byte */
	const char *utf16;

	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	utf16 = len >= 2 ? utf8_utf16_guess(raw[0], raw[1]) : NULL;
	if (utf16 != NULL && strcmp(utf16, "UTF-16") == 0) {
		diag_errorat(path, 1, 0, "the file is UTF-16 (it starts with a "
		    "byte-order mark); convert it with 'iconv -f UTF-16 -t "
		    "UTF-8'");
		return NULL;
	}
	for (i = start; i < len; i++) {
		if (raw[i] == '\0') {
			if (i <= 1 && utf16 != NULL)
				diag_errorat(path, 1, (long)col + 1, "NUL byte; "
				    "the file looks like UTF-16: convert it with "
				    "'iconv -f %s -t UTF-8'", utf16);
			else
				diag_errorat(path, (long)line, (long)col + 1,
				    "NUL byte");
			return NULL;
		}
		if (raw[i] == '\n') {
			line++;
			col = 0;
			first = 0;
			continue;
		}
		if (first == 0 && raw[i] != ' ' && raw[i] != '\t')
			first = raw[i];
		if (++col > MAXLINE && first != ';' && first != '#') {
			diag_errorat(path, (long)line, 0,
			    "line longer than %d bytes", MAXLINE);
			return NULL;
		}
	}
	if (!utf8_valid(raw + start, len - start, &bad)) {
		for (line = 1, i = start; i < start + bad; i++)
			line += raw[i] == '\n';
		diag_errorat(path, (long)line, 0, "invalid UTF-8 at byte "
		    "offset %zu; convert with 'iconv -f CP1258 -t UTF-8'",
		    start + bad);
		return NULL;
	}
	utf8_nfc_append(&sb, raw + start, len - start);
	return strip_comments(sbuf_detach(&sb));
}

/*
 * Whether the header q[0..e) ('[' first) names section, as iniparser reads
 * it: blanks inside the brackets are not part of the name ("[ PNV ]" is
 * [pnv]), so that a header written so is found, for its line and as a
 * section written twice.
 */
static int
header_is(const char *q, const char *e, const char *section)
{
	size_t n = strlen(section);

	for (q++; q < e && (*q == ' ' || *q == '\t'); q++)
		;
	if ((size_t)(e - q) <= n || strncasecmp(q, section, n) != 0)
		return 0;
	for (q += n; q < e && (*q == ' ' || *q == '\t'); q++)
		;
	return q < e && *q == ']';
}

/*
 * Whether the line q[0..e) ('[' first) is a section header to iniparser:
 * one that ends in ']' too. "[name = x" is a key to it, named "[name",
 * and is looked for as one (its "unknown key" message named no line).
 */
static int
header_line(const char *q, const char *e)
{
	while (e > q && isspace((unsigned char)e[-1]))
		e--;
	return e - q >= 2 && e[-1] == ']';
}

/*
 * Line (1-based) of the nth "[section]" (n from 1), or of the nth key
 * inside the section's copies; 0 when not found.
 */
static long
find_nth_line(const char *text, const char *section, const char *key,
    int nth)
{
	const char *p = text;
	long line = 1;
	int in = section == NULL;

	for (; *p; line++) {
		const char *e = strchr(p, '\n'), *q = p;
		size_t n;

		if (e == NULL)
			e = p + strlen(p);
		while (q < e && isspace((unsigned char)*q))
			q++;
		if (*q == '[' && header_line(q, e)) {
			/* keys under "[ ]" are outside any section, too */
			in = header_is(q, e, section ? section : "");
			if (in && key == NULL && --nth == 0)
				return line;
		} else if (in && key != NULL) {
			n = strlen(key);
			if ((size_t)(e - q) >= n && strncasecmp(q, key, n) == 0 &&
			    (q[n] == '=' || q[n] == ' ' || q[n] == '\t') &&
			    --nth == 0)
				return line;
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
	return 0;
}

static long
find_line(const char *text, const char *section, const char *key)
{
	return find_nth_line(text, section, key, 1);
}

/*
 * The file's last line (1 for an empty file): what is missing altogether
 * is reported there, as a sheet's missing section is, so that every
 * message names a line (SPEC §4: FILE:LINE: message).
 */
static long
last_line(const char *text)
{
	long line = 1;
	const char *p;

	for (p = text; *p; p++)
		if (*p == '\n' && p[1] != '\0')
			line++;
	return line;
}

/*
 * iniparser files a key written before any [section] as ":key" and no
 * reader ever asks for it: "encoding = cp1258" at the top of baocao.ini
 * would silently do nothing. An error instead, naming where keys go.
 */
static int
check_sectionless(const struct inifile *f)
{
	ssize_t i;
	int bad = 0;

	for (i = 0; i < f->d->size; i++) {
		const char *k = f->d->key[i];

		if (k == NULL || k[0] != ':')
			continue;
		diag_errorat(f->path, find_line(f->text, NULL, k + 1), 0,
		    "key '%s' is outside any section; write it under its "
		    "[section]", k + 1);
		bad++;
	}
	return bad;
}

/*
 * iniparser merges a section written twice ("[PNV]" and "[pnv]" alike)
 * without a word; a second copy is an error naming the first.
 */
static int
check_repeated_sections(const struct inifile *f)
{
	int i, bad = 0, nsec = iniparser_getnsec(f->d);

	for (i = 0; i < nsec; i++) {
		const char *s = iniparser_getsecname(f->d, i);
		long again = find_nth_line(f->text, s, NULL, 2);

		if (again > 0) {
			diag_errorat(f->path, again, 0, "section [%s] again; "
			    "first at line %ld", s, find_line(f->text, s,
			    NULL));
			bad++;
		}
	}
	return bad;
}

/*
 * iniparser keeps the last of a key written twice in a section without a
 * word ("1 = ..." twice in [recipients], or "target" twice in an
 * objective, which then silently changes the target): the second copy is
 * an error naming the first, as for sections and in the templates. The
 * keys of a section written twice are left to check_repeated_sections.
 */
static int
check_repeated_keys(const struct inifile *f)
{
	ssize_t i;
	int bad = 0;

	for (i = 0; i < f->d->size; i++) {
		const char *k = f->d->key[i], *colon;
		char sec[256];
		long again;

		if (k == NULL || (colon = strchr(k, ':')) == NULL ||
		    colon == k || (size_t)(colon - k) >= sizeof(sec))
			continue;
		snprintf(sec, sizeof(sec), "%.*s", (int)(colon - k), k);
		if (find_nth_line(f->text, sec, NULL, 2) > 0 ||
		    (again = find_nth_line(f->text, sec, colon + 1, 2)) == 0)
			continue;
		diag_errorat(f->path, again, 0, "duplicate key '%s' in [%s]; "
		    "first given at line %ld", colon + 1, sec,
		    find_line(f->text, sec, colon + 1));
		bad++;
	}
	return bad;
}

/*
 * iniparser reads "[]" as no header at all: the keys under it would
 * silently join the section before ([]'s unit lost, the unit before
 * renamed).
 */
static int
check_unnamed_sections(const struct inifile *f)
{
	const char *p = f->text;
	long line = 1;
	int bad = 0;

	for (; *p; line++) {
		const char *e = p + strcspn(p, "\n"), *q = p + strspn(p, " \t");

		if (*q == '[' && header_is(q, e, "")) {
			diag_errorat(f->path, line, 0, "section without a name");
			bad++;
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
	return bad;
}

/*
 * iniparser names a key "section:key", so a header "[recipients:1]" is no
 * section to it: its keys joined [recipients] as "1:x", reported at no
 * line, and the header itself took the place of a recipient with no value
 * (which crashed the loader). A ':' in a section name is refused at its
 * line.
 */
static int
check_colon_sections(const struct inifile *f)
{
	const char *p = f->text, *close;
	long line = 1;
	int bad = 0;

	for (; *p; line++) {
		const char *e = p + strcspn(p, "\n"), *q = p + strspn(p, " \t");

		if (*q == '[' && (close = memchr(q, ']', (size_t)(e - q))) !=
		    NULL && memchr(q, ':', (size_t)(close - q)) != NULL) {
			diag_errorat(f->path, line, 0, "section name '%.*s' "
			    "holds ':', which the INI reader puts between a "
			    "section and a key: rename it", (int)(close - q - 1),
			    q + 1);
			bad++;
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
	return bad;
}

/*
 * iniparser ends an unquoted value at its first ';' or '#', wherever it
 * is, and a quoted one at its closing quote: "3 = TT Đảng ủy; HĐND xã"
 * prints "- TT Đảng ủy;" under Nơi nhận, "units = PKT; CAX" lists PKT
 * alone, without a word. A ';' or '#' after a blank is the files' own
 * comment style ("code = UBND   ; ..."); one right after text, or text
 * after a closing quote, is a value cut short: a warning naming what is
 * lost, so the fix (double quotes) is made before a document is printed.
 */
static void
warn_cut_values(const struct inifile *f)
{
	const char *p = f->text;
	char sec[256] = "";
	long line = 1;

	for (; *p; line++) {
		const char *e = p + strcspn(p, "\n"), *q = p + strspn(p, " \t");
		const char *eq, *v, *k, *r = NULL, *re = e;
		int quoted = 0;

		if (*q == '[' && (k = memchr(q, ']', (size_t)(e - q))) != NULL)
			snprintf(sec, sizeof(sec), "%.*s", (int)(k - q - 1),
			    q + 1);
		else if (*q != '[' && (eq = memchr(q, '=', (size_t)(e - q))) !=
		    NULL) {
			v = eq + 1 + strspn(eq + 1, " \t");
			if (v < e && (*v == '"' || *v == '\'') &&
			    (k = memchr(v + 1, *v, (size_t)(e - v - 1))) != NULL) {
				quoted = 1;	/* what follows the quote is lost */
				r = k + 1 + strspn(k + 1, " \t\r");
				if (r < e && (*r == ';' || *r == '#'))
					r = NULL;	/* "..." ; comment */
			} else
				for (k = v; k < e; k++)
					if (*k == ';' || *k == '#') {
						/* after a blank: a comment */
						if (k > v && k[-1] != ' ' &&
						    k[-1] != '\t')
							r = k;
						break;
					}
			while (re > p && (re[-1] == ' ' || re[-1] == '\t' ||
			    re[-1] == '\r'))
				re--;
			for (k = eq; k > q && (k[-1] == ' ' || k[-1] == '\t');
			    k--)
				;
			if (r != NULL && quoted && re > r)
				diag_warnat(f->path, line, (long)(r - p) + 1,
				    "the value of '%.*s' in [%s] ends at its "
				    "closing quote: '%.*s' after it is left out; "
				    "put the whole value in the quotes",
				    (int)(k - q), q, sec, (int)(re - r), r);
			else if (r != NULL && !quoted && (v = r + 1 + strspn(r +
			    1, " \t")) < re)
				diag_warnat(f->path, line, (long)(r - p) + 1,
				    "the value of '%.*s' in [%s] ends at this "
				    "'%c': '%.*s' is read as a comment and left "
				    "out; write the whole value in double "
				    "quotes to keep it", (int)(k - q), q, sec,
				    *r, (int)(re - v), v);
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
}

static int
ini_open(struct inifile *f, const char *dir, const char *name)
{
	char *raw, path[4096];
	size_t len;
	FILE *tmp;
	char fdpath[FD_PATHSZ];

	len = strlen(dir);
	/* --config config/ names config/units.ini, as a folder's files are
	 * named, not config//units.ini */
	snprintf(path, sizeof(path), "%s%s%s", dir, len > 0 &&
	    dir[len - 1] == '/' ? "" : "/", name);
	f->path = xstrdup(path);
	f->text = NULL;
	f->d = NULL;
	raw = read_file(path, &len);
	if (raw == NULL && errno == EINVAL) {
		diag_errorat(path, 0, 0, "cannot read: not a regular file");
		return EXIT_USAGE;
	}
	if (raw == NULL) {
		diag_errorat(path, 0, 0, "cannot read:");
		return EXIT_USAGE;
	}
	f->text = clean_text(path, raw, len);
	free(raw);
	if (f->text == NULL)
		return EXIT_DATA;
	if ((tmp = memory_file()) == NULL)
		return EXIT_USAGE;
	fputs(f->text, tmp);
	fflush(tmp);
	fd_path(tmp, fdpath);
	ini_err[0] = '\0';
	iniparser_set_error_callback(capture_error);
	f->d = iniparser_load(fdpath);
	fclose(tmp);
	if (f->d == NULL) {
		diag_errorat(path, ini_err_line(fdpath), 0,
		    "cannot parse this line");
		return EXIT_DATA;
	}
	return 0;
}

static void
ini_close(struct inifile *f)
{
	if (f->d)
		iniparser_freedict(f->d);
	free(f->text);
	free((char *)f->path);
	memset(f, 0, sizeof(*f));
}

static const char *
get(const struct inifile *f, const char *sec, const char *key)
{
	char k[256];

	snprintf(k, sizeof(k), "%s:%s", sec, key);
	return iniparser_getstring(f->d, k, NULL);
}

static char *
dup_or(const struct inifile *f, const char *sec, const char *key,
    const char *def)
{
	const char *v = get(f, sec, key);

	if (v == NULL || *v == '\0')
		return def ? xstrdup(def) : NULL;
	return xstrdup(v);
}

/* Reports keys of sec not in known[] (NULL-terminated); returns errors. */
/* The sections of baocao.ini and their keys (recipients: any key). */
static const char *const org_keys[] = { "parent", "name", "short_name",
	"code", "place", NULL };
static const char *const per_keys[] = { "cutoff_day", NULL };
static const char *const inp_keys[] = { "encoding", NULL };
static const char *const fon_keys[] = { "regular", "bold", "italic",
	"bold_italic", NULL };
static const char *const sig_keys[] = { "authority", "deputy", "title",
	"name", NULL };
static const char *const xls_keys[] = { "template", NULL };
static const struct { const char *sec; const char *const *keys; }
    baocao_sections[] = {
	{ "organization", org_keys }, { "periods", per_keys },
	{ "input", inp_keys }, { "fonts", fon_keys }, { "recipients", NULL },
	{ "sign.report", sig_keys }, { "sign.improvement", sig_keys },
	{ "xlsx", xls_keys },
};

/*
 * The section of baocao.ini that has key (other than sec), or NULL: for
 * "unknown key 'encoding' in [organization]; it is a key of [input]".
 */
static const char *
home_of(const char *key, const char *sec)
{
	size_t i;
	int k;

	for (i = 0; i < sizeof(baocao_sections) / sizeof(*baocao_sections); i++)
		for (k = 0; baocao_sections[i].keys &&
		    baocao_sections[i].keys[k]; k++)
			if (strcmp(baocao_sections[i].keys[k], key) == 0 &&
			    strcmp(baocao_sections[i].sec, sec) != 0)
				return baocao_sections[i].sec;
	return NULL;
}

static int
check_keys(const struct inifile *f, const char *sec, const char *shown,
    const char *const *known, const char *(*home)(const char *, const char *))
{
	int i, n = iniparser_getsecnkeys(f->d, sec), bad = 0;
	const char **keys;

	if (n <= 0 || known == NULL)
		return 0;
	keys = xcalloc((size_t)n, sizeof(*keys));
	iniparser_getseckeys(f->d, sec, keys);
	for (i = 0; i < n; i++) {
		const char *k = strchr(keys[i], ':') + 1;
		int j, ok = 0;

		for (j = 0; known[j]; j++)
			ok |= strcmp(known[j], k) == 0;
		if (!ok && home != NULL && home(k, sec) != NULL)
			diag_errorat(f->path, find_line(f->text, sec, k), 0,
			    "unknown key '%s' in [%s]; it is a key of [%s]", k,
			    shown, home(k, sec));
		else if (!ok)
			diag_errorat(f->path, find_line(f->text, sec, k), 0,
			    "unknown key '%s' in [%s]%s", k, shown,
			    suggest_phrase(suggest_nearest(k, strlen(k),
			    known)));
		bad += !ok;
	}
	free(keys);
	return bad;
}

void
config_one_line(char *s)
{
	char *r, *w = s;

	for (r = s; *r != '\0'; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			r++;	/* a written line break: one space */
			if (w > s && w[-1] != ' ' && r[1] != ' ' && r[1] != '\0')
				*w++ = ' ';
		} else
			*w++ = *r;
	}
	*w = '\0';
}

/*
 * The collective body of an agency's name, as signatures name it
 * ("TM. ỦY BAN NHÂN DÂN"): the name up to the word of its administrative
 * level, or the whole name when it has none of them. A line break written
 * "\n" in the name (where the PDF header breaks it) counts as a space.
 */
static char *
body_name(const char *name)
{
	static const char *const level[] = { " TỈNH ", " THÀNH PHỐ ",
		" HUYỆN ", " QUẬN ", " THỊ XÃ ", " XÃ ", " PHƯỜNG ",
		" THỊ TRẤN ", " ĐẶC KHU " };
	char *flat = xstrdup(name);
	const char *cut = NULL, *p;
	size_t i;

	config_one_line(flat);
	for (i = 0; i < sizeof(level) / sizeof(level[0]); i++)
		if ((p = strstr(flat, level[i])) != NULL && (cut == NULL || p < cut))
			cut = p;
	if (cut != NULL)
		flat[cut - flat] = '\0';
	for (i = strlen(flat); i > 0 && flat[i - 1] == ' '; i--)
		flat[i - 1] = '\0';
	return flat;
}

/*
 * A signer from [sec]; without that section, the signer of Decree 30/2020
 * for a collective body (authority "TM. <short name>", then def_title) with
 * the name left blank for the pen, so that a document always keeps its
 * signature block, whatever the config.
 */
static void
load_signer(const struct inifile *f, const char *sec, struct signer *s,
    const char *def_authority, const char *def_title)
{
	int has = iniparser_find_entry(f->d, sec);

	s->authority = dup_or(f, sec, "authority", has ? "" : def_authority);
	s->deputy = dup_or(f, sec, "deputy", "");
	s->title = dup_or(f, sec, "title", has ? "" : def_title);
	s->name = dup_or(f, sec, "name", "");
}

static int
cmp_recipient_keys(const void *a, const void *b)
{
	const char *ka = strchr(*(const char *const *)a, ':') + 1;
	const char *kb = strchr(*(const char *const *)b, ':') + 1;
	long na = strtol(ka, NULL, 10), nb = strtol(kb, NULL, 10);

	return na < nb ? -1 : na > nb ? 1 : strcmp(ka, kb);
}

/*
 * A recipient as the PDF prints it between "- " and ";" (the archive
 * between "- Lưu: " and "."): lines copied from a signed document keep
 * their marks, "1 = - UBND tỉnh Nghệ An (để b/c)." or "archive = Lưu: VT,
 * VP.", which printed "- - UBND ...;" and "- Lưu: Lưu: VT, VP..". A
 * leading dash (or en dash, em dash, bullet, '+'), the archive's
 * "Lưu:", and a final '.' or ',' are taken off (';' never gets here: it
 * starts a comment). A newly allocated string.
 */
static char *
recipient_text(const char *v, int archive)
{
	static const char *const marks[] = { "-", "\u2013", "\u2014",
		"\u2022", "+", NULL };
	size_t i, n;
	char *t;

	v += strspn(v, " \t");
	for (i = 0; marks[i] != NULL; i++) {
		n = strlen(marks[i]);
		if (strncmp(v, marks[i], n) == 0 && (v[n] == ' ' ||
		    v[n] == '\t')) {
			v += n + strspn(v + n, " \t");
			break;
		}
	}
	/* "Lưu:", "LƯU:" (NFC: ư is C6 B0, Ư is C6 AF) */
	if (archive && (v[0] == 'L' || v[0] == 'l') && v[1] == '\xC6' &&
	    (v[2] == '\xB0' || v[2] == '\xAF') && (v[3] == 'u' ||
	    v[3] == 'U')) {
		n = 4 + strspn(v + 4, " \t");
		if (v[n] == ':')
			v += n + 1 + strspn(v + n + 1, " \t");
	}
	t = xstrdup(v);
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	if (n > 0 && (t[n - 1] == '.' || t[n - 1] == ','))
		t[--n] = '\0';
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	return t;
}

static int
load_recipients(struct config *c, const struct inifile *f)
{
	int i, bad = 0, n = iniparser_getsecnkeys(f->d, "recipients");
	const char **keys;

	if (n <= 0)
		return 0;
	keys = xcalloc((size_t)n, sizeof(*keys));
	iniparser_getseckeys(f->d, "recipients", keys);
	qsort(keys, (size_t)n, sizeof(*keys), cmp_recipient_keys);
	c->recipients = xcalloc((size_t)n, sizeof(char *));
	for (i = 0; i < n; i++) {
		const char *k = strchr(keys[i], ':') + 1;
		const char *v = iniparser_getstring(f->d, keys[i], "");
		static const char *const arch[] = { "archive", NULL };

		/*
		 * A section [recipients:1] is a "key" of [recipients] to
		 * iniparser, with no value (NULL): it crashed here. It is
		 * reported as an unknown section (load_baocao), its keys
		 * ("1:x") as unknown keys below.
		 */
		if (v == NULL)
			continue;
		if (strcmp(k, "archive") != 0 &&
		    strspn(k, "0123456789") != strlen(k)) {
			/* "- x1;" would print in an order no one chose */
			diag_errorat(f->path, find_line(f->text, "recipients",
			    k), 0, "unknown key '%s' in [recipients]: a "
			    "recipient's key is its number 1, 2, 3, ... or "
			    "archive%s", k, suggest_phrase(suggest_nearest(k,
			    strlen(k), arch)));
			bad++;
		} else if (strcmp(k, "archive") == 0) {
			free(c->archive);
			c->archive = recipient_text(v, 1);
		} else {
			char *t = recipient_text(v, 0);

			if (*t != '\0')
				c->recipients[c->nrecipients++] = t;
			else
				free(t);
		}
	}
	free(keys);
	return bad;
}

/*
 * [organization]'s required keys, printed on every document; a missing
 * section gets one message at the file's last line, not one per key at
 * no line.
 */
static int
check_organization(const struct inifile *f)
{
	static const char *const required[] = { "parent", "name", "code",
		"place", NULL };
	long line = find_line(f->text, "organization", NULL);
	int i, bad = 0;

	if (line == 0) {
		diag_errorat(f->path, last_line(f->text), 0, "missing section "
		    "[organization]");
		return 1;
	}
	for (i = 0; required[i]; i++)
		if (get(f, "organization", required[i]) == NULL) {
			diag_errorat(f->path, line, 0, "missing key '%s' in "
			    "[organization]", required[i]);
			bad++;
		} else if (*get(f, "organization", required[i]) == '\0') {
			/* printed on every document: blank is a slip */
			diag_errorat(f->path, find_line(f->text, "organization",
			    required[i]), 0, "'%s' in [organization] is empty",
			    required[i]);
			bad++;
		}
	return bad;
}

static int
load_baocao(struct config *c, const struct inifile *f)
{
	int i, j, bad = 0, nsec = iniparser_getnsec(f->d);
	const char *v, *digits;
	char tm[512];

	for (i = 0; i < nsec; i++) {
		const char *s = iniparser_getsecname(f->d, i);
		int ok = 0;

		for (j = 0; j < (int)(sizeof(baocao_sections) /
		    sizeof(baocao_sections[0])); j++)
			if (strcmp(baocao_sections[j].sec, s) == 0) {
				ok = 1;
				bad += check_keys(f, s, s,
				    baocao_sections[j].keys, home_of);
			}
		if (!ok) {
			static const char *const names[] = { "organization",
				"periods", "input", "fonts", "recipients",
				"sign.report", "sign.improvement", "xlsx", NULL };

			diag_errorat(f->path, find_line(f->text, s, NULL), 0,
			    "unknown section [%s]%s", s, suggest_phrase(
			    suggest_nearest(s, strlen(s), names)));
			bad++;
		}
	}
	bad += check_organization(f);
	c->parent = dup_or(f, "organization", "parent", "");
	c->name = dup_or(f, "organization", "name", "");
	c->short_name = get(f, "organization", "short_name") != NULL ?
	    dup_or(f, "organization", "short_name", "") : body_name(c->name);
	c->code = dup_or(f, "organization", "code", "");
	c->place = dup_or(f, "organization", "place", "");
	v = get(f, "periods", "cutoff_day");
	digits = v == NULL ? "" : v + strspn(v, "0");	/* "015" is 15 */
	if (*digits == '\0')
		c->cutoff_day = 0;
	else if (strcmp(digits, "15") == 0)
		c->cutoff_day = 15;
	else {
		diag_errorat(f->path, find_line(f->text, "periods",
		    "cutoff_day"), 0, "cutoff_day is '%s'; use 0 or 15", v);
		bad++;
	}
	v = get(f, "input", "encoding");
	if (v == NULL || *v == '\0' || strcasecmp(v, "utf-8") == 0 ||
	    strcasecmp(v, "utf8") == 0)
		c->cp1258 = 0;
	else if (strcasecmp(v, "cp1258") == 0 ||
	    strcasecmp(v, "windows-1258") == 0)
		c->cp1258 = 1;
	else {
		diag_errorat(f->path, find_line(f->text, "input", "encoding"),
		    0, "encoding is '%s'; use utf-8 or cp1258", v);
		bad++;
	}
	c->font_regular = dup_or(f, "fonts", "regular", NULL);
	c->font_bold = dup_or(f, "fonts", "bold", NULL);
	c->font_italic = dup_or(f, "fonts", "italic", NULL);
	c->font_bold_italic = dup_or(f, "fonts", "bold_italic", NULL);
	c->font_line[0] = find_line(f->text, "fonts", "regular");
	c->font_line[1] = find_line(f->text, "fonts", "bold");
	c->font_line[2] = find_line(f->text, "fonts", "italic");
	c->font_line[3] = find_line(f->text, "fonts", "bold_italic");
	c->xlsx_template = dup_or(f, "xlsx", "template", NULL);
	c->xlsx_template_line = find_line(f->text, "xlsx", "template");
	bad += load_recipients(c, f);
	if (c->archive == NULL)
		c->archive = xstrdup("VT");
	snprintf(tm, sizeof(tm), "TM. %s", c->short_name);
	load_signer(f, "sign.report", &c->sign_report, tm, "CHỦ TỊCH");
	load_signer(f, "sign.improvement", &c->sign_improvement, "",
	    "ĐẠI DIỆN LÃNH ĐẠO VỀ CHẤT LƯỢNG");
	return bad;
}

int
unit_code_valid(const char *s, size_t n)
{
	size_t i;

	if (n < 1 || n > 16)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static void
upper(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static int
parse_month_key(const struct inifile *f, const char *sec, const char *key,
    long def, long *out)
{
	const char *v = get(f, sec, key);

	*out = def;
	if (v == NULL || *v == '\0')
		return 0;
	if (month_parse(v, strlen(v), out) != 0) {
		diag_errorat(f->path, find_line(f->text, sec, key), 0,
		    "%s is '%s'; expected YYYY-MM", key, v);
		return 1;
	}
	return 0;
}

static int
cmp_unit(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->code,
	    ((const struct unit *)b)->code);
}

static int
load_units(struct config *c, const struct inifile *f)
{
	static const char *const keys[] = { "name", "head_title", "head_name",
		"active_from", "active_to", NULL };
	int i, bad = 0, nsec = iniparser_getnsec(f->d);

	c->units = xcalloc((size_t)(nsec > 0 ? nsec : 1), sizeof(*c->units));
	for (i = 0; i < nsec; i++) {
		const char *s = iniparser_getsecname(f->d, i);
		struct unit *u = &c->units[c->nunits];
		long line = find_line(f->text, s, NULL);

		u->code = xstrdup(s);
		u->order = i;
		upper(u->code);
		bad += check_keys(f, s, u->code, keys, NULL);
		if (!unit_code_valid(u->code, strlen(u->code))) {
			diag_errorat(f->path, line, 0, "unit code '%s' does not "
			    "match [A-Z0-9_-]{1,16}", u->code);
			bad++;
		}
		u->name = dup_or(f, s, "name", NULL);
		if (u->name == NULL && get(f, s, "name") != NULL) {
			diag_errorat(f->path, find_line(f->text, s, "name"), 0,
			    "'name' in [%s] is empty", u->code);
			bad++;
			u->name = xstrdup(u->code);
		} else if (u->name == NULL) {
			diag_errorat(f->path, line, 0, "missing key 'name' in "
			    "[%s]", u->code);
			bad++;
			u->name = xstrdup(u->code);
		}
		u->head_title = dup_or(f, s, "head_title", "Trưởng phòng");
		u->head_name = dup_or(f, s, "head_name", "");
		bad += parse_month_key(f, s, "active_from", LONG_MIN,
		    &u->active_from);
		bad += parse_month_key(f, s, "active_to", LONG_MAX,
		    &u->active_to);
		if (u->active_from > u->active_to) {
			diag_errorat(f->path, find_line(f->text, s, "active_to"),
			    0, "active_to is before active_from in [%s]",
			    u->code);
			bad++;
		}
		c->nunits++;
	}
	if (c->nunits == 0) {	/* else every sheet's unit is "unknown" */
		diag_errorat(f->path, last_line(f->text), 0, "no unit: each "
		    "unit is a section [CODE] with its name, head_title and "
		    "head_name");
		bad++;
	}
	qsort(c->units, (size_t)c->nunits, sizeof(*c->units), cmp_unit);
	c->ordered = xcalloc((size_t)(c->nunits > 0 ? c->nunits : 1),
	    sizeof(*c->ordered));
	for (i = 0; i < c->nunits; i++)
		c->ordered[c->units[i].order] = &c->units[i];
	return bad;
}

/*
 * "95%" is 95.0 / 100 (one division); "0.95" is the decimal itself. Only
 * the two forms SPEC §3.3 names: num_decimal's digits, no exponent, sign
 * or hexadecimal ("1e-1" and "0x1p-1" are not targets). -1 if bad.
 */
static int
parse_target(const char *v, double *out)
{
	size_t n = strlen(v);
	double x;

	if (n > 0 && v[n - 1] == '%') {
		if (num_decimal(v, n - 1, &x) != NUM_OK)
			return -1;
		x = x / 100;
	} else if (num_decimal(v, n, &x) != NUM_OK)
		return -1;
	*out = x;
	return 0;
}

/*
 * A target past 1 for a rate (SPEC §6 rates are fractions): 'target = 95'
 * probably meant 95%, and can never be met (or, with <=, always). A
 * warning at line, not an error: the target is well formed, and SPEC
 * §6's met compares whatever was written.
 */
static void
warn_target_past_rate(const struct inifile *f, long line, const char *sec,
    const struct objective *o, const char *text, double target)
{
	if (target <= 1 || !indicator_is_fraction(o->indicator) ||
	    !config_warnings)
		return;
	if (strchr(text, '%') != NULL)
		diag_warnat(f->path, line, 0, "target of [%s] is '%s', more "
		    "than 100%% of the rate %s", sec, text, o->indicator);
	else
		diag_warnat(f->path, line, 0, "target of [%s] is '%s', but %s "
		    "is a rate from 0 to 1: did you mean %s%% (or a fraction "
		    "such as 0.95)?", sec, text, o->indicator, text);
}

/*
 * The section name as the file spells it: iniparser folds names to lower
 * case, but an objective's name is printed in the indicators CSV exactly
 * as written (objective.<name>.value). The folded name when not found.
 */
static char *
section_spelling(const char *text, const char *folded)
{
	long line = find_line(text, folded, NULL);
	const char *p = text, *q, *e;
	size_t n = strlen(folded);

	if (line == 0)
		return xstrdup(folded);
	while (--line > 0)
		p = strchr(p, '\n') + 1;
	q = strchr(p, '[') + 1;
	q += strspn(q, " \t");		/* "[ Name ]", as header_is() */
	e = q + n;
	return e[strspn(e, " \t")] == ']' ? xstrndup(q, n) : xstrdup(folded);
}

/* "; did you mean 'PTC'?" for a unit code not in units.ini, or "". */
static const char *
unit_suggestion(const struct config *c, const char *code)
{
	const char **codes = config_unit_codes(c);
	const char *near = suggest_nearest(code, strlen(code), codes);

	free(codes);
	return suggest_phrase(near);
}

/*
 * Whether an objective's name can stand in its indicators' names,
 * objective.<name>.value: the indicators CSV writes them unquoted, so a
 * comma or a quote ("[errors,rate]") would make a row of five fields; a
 * space, another ASCII sign or a control character has no place in an
 * indicator name either. Letters beyond ASCII (UTF-8) are left alone.
 */
static int
objective_name_valid(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	if (*p == '\0')
		return 0;
	for (; *p; p++)
		if (*p < 0x80 && !isalnum(*p) && *p != '_' && *p != '-')
			return 0;
	return 1;
}

static int
load_objective(struct config *c, const struct inifile *f, const char *s)
{
	static const char *const keys[] = { "label", "indicator", "op",
		"target", "units", NULL };
	struct objective *o = &c->objectives[c->nobjectives++];
	long line = find_line(f->text, s, NULL);
	const char *v;
	int bad = check_keys(f, s, s, keys, NULL);

	o->name = section_spelling(f->text, s);
	if (!objective_name_valid(o->name)) {
		diag_errorat(f->path, line, 0, "objective name '%s' cannot "
		    "stand in its indicators (objective.<name>.value): use "
		    "letters, digits, '_' and '-'", o->name);
		bad++;
	}
	o->label = dup_or(f, s, "label", o->name);
	o->indicator = dup_or(f, s, "indicator", NULL);
	if (o->indicator == NULL) {
		diag_errorat(f->path, line, 0, "missing key 'indicator' in "
		    "[%s]", s);
		bad++;
		o->indicator = xstrdup("");
	} else if (!indicator_known(o->indicator)) {
		diag_errorat(f->path, find_line(f->text, s, "indicator"), 0,
		    "unknown indicator '%s'%s", o->indicator,
		    suggest_phrase(indicator_nearest(o->indicator)));
		bad++;
	}
	v = get(f, s, "op");
	/* an error rate's objective without op would be met above it */
	if (v == NULL && config_warnings)
		diag_warnat(f->path, line, 0, "no 'op' in [%s]: taken as >= "
		    "(met at or above the target); write op = <= for one met "
		    "at or below it", s);
	if (v == NULL || strcmp(v, ">=") == 0)
		o->op = '>';
	else if (strcmp(v, "<=") == 0)
		o->op = '<';
	else {
		diag_errorat(f->path, find_line(f->text, s, "op"), 0,
		    "op is '%s'; use >= or <=", v);
		bad++;
	}
	v = get(f, s, "target");
	o->target_text = xstrdup(v ? v : "");
	if (v == NULL || parse_target(v, &o->target) != 0) {
		diag_errorat(f->path, v ? find_line(f->text, s, "target") :
		    line, 0, "target of [%s] is '%s'; expected 0.95 or 95%%",
		    s, v ? v : "");
		bad++;
	} else
		warn_target_past_rate(f, find_line(f->text, s, "target"), s,
		    o, v, o->target);
	v = get(f, s, "units");
	if (v == NULL || strcmp(v, "*") == 0 || *v == '\0')
		o->all_units = 1;
	else {
		char *copy = xstrdup(v), *tok, *save = NULL;

		o->units = xcalloc(strlen(v) + 1, sizeof(char *));
		for (tok = strtok_r(copy, ", \t", &save); tok;
		    tok = strtok_r(NULL, ", \t", &save)) {
			upper(tok);
			o->units[o->nunits++] = xstrdup(tok);
			if (strcmp(tok, "*") == 0 && config_warnings)
				diag_warnat(f->path, find_line(f->text, s,
				    "units"), 0, "'*' in the units of [%s] is "
				    "no unit: it stands alone (units = *, every "
				    "unit) or not at all (a list of codes)", s);
			else if (config_unit(c, tok) == NULL && config_warnings)
				diag_warnat(f->path, find_line(f->text, s,
				    "units"), 0, "unknown unit '%s' in the "
				    "units of [%s] (not in units.ini)%s", tok, s,
				    unit_suggestion(c, tok));
		}
		free(copy);
	}
	return bad;
}

static int
load_objectives(struct config *c, const struct inifile *f)
{
	int i, bad = 0, nsec = iniparser_getnsec(f->d);

	c->objectives = xcalloc((size_t)(nsec > 0 ? nsec : 1),
	    sizeof(*c->objectives));
	for (i = 0; i < nsec; i++) {
		const char *s = iniparser_getsecname(f->d, i);

		if (strchr(s, '.') == NULL)
			bad += load_objective(c, f, s);
	}
	for (i = 0; i < nsec; i++) {
		const char *s = iniparser_getsecname(f->d, i);
		const char *dot = strchr(s, '.'), *v;
		long line = find_line(f->text, s, NULL);
		struct objective *o = NULL;
		struct objective_override *ov;
		char *shown;
		int j;
		static const char *const keys[] = { "target", NULL };

		if (dot == NULL)
			continue;
		shown = section_spelling(f->text, s);	/* not folded */
		bad += check_keys(f, s, shown, keys, NULL);
		for (j = 0; j < c->nobjectives; j++)
			if (strncasecmp(c->objectives[j].name, s, (size_t)(dot - s))
			    == 0 && c->objectives[j].name[dot - s] == '\0')
				o = &c->objectives[j];
		if (o == NULL) {
			const char **names = xcalloc((size_t)c->nobjectives + 1,
			    sizeof(*names));

			for (j = 0; j < c->nobjectives; j++)
				names[j] = c->objectives[j].name;
			diag_errorat(f->path, line, 0, "override [%s] names no "
			    "objective%s", shown, suggest_phrase(suggest_nearest(
			    s, (size_t)(dot - s), names)));
			free(names);
			free(shown);
			bad++;
			continue;
		}
		o->over = xrealloc(o->over, (size_t)(o->nover + 1) *
		    sizeof(*o->over));
		ov = &o->over[o->nover++];
		ov->unit = xstrdup(dot + 1);
		upper(ov->unit);
		v = get(f, s, "target");
		ov->target_text = xstrdup(v ? v : "");
		if (v == NULL || parse_target(v, &ov->target) != 0) {
			diag_errorat(f->path, v ? find_line(f->text, s,
			    "target") : line, 0, "target of [%s] is '%s'; "
			    "expected 0.95 or 95%%", shown, v ? v : "");
			bad++;
		} else
			warn_target_past_rate(f, find_line(f->text, s,
			    "target"), shown, o, v, ov->target);
		/* SPEC §3.3's own example overrides MOTCUA beside a units.ini
		 * without it: a target for a unit that is not there is unused,
		 * not wrong. */
		if (config_unit(c, ov->unit) == NULL && config_warnings)
			diag_warnat(f->path, line, 0, "unknown unit '%s' (not "
			    "in units.ini); its target is not used%s", ov->unit,
			    unit_suggestion(c, ov->unit));
		/* an override does not add its unit to a units list */
		else if (!o->all_units && !objective_lists(o, ov->unit) &&
		    config_warnings)
			diag_warnat(f->path, line, 0, "[%s.%s] sets a target "
			    "for '%s', which is not in the units of [%s]; its "
			    "target is not used: add '%s' to 'units' there",
			    o->name, ov->unit, ov->unit, o->name, ov->unit);
		free(shown);
	}
	return bad;
}

int
config_load(struct config *c, const char *dir)
{
	static const char *const names[] = { "baocao.ini", "units.ini",
		"objectives.ini" };
	struct inifile f[3];
	struct stat st;
	int i, rv = 0, bad = 0;

	memset(c, 0, sizeof(*c));
	memset(f, 0, sizeof(f));
	c->dir = xstrdup(dir);
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		/* the usual slip: a command run outside the working folder */
		diag_errorat(dir, 0, 0, "no configuration folder here: run in "
		    "the folder that holds config/ and input/, or give "
		    "--config DIR (an installed example: "
		    "share/baocao/config-example)");
		return EXIT_USAGE;
	}
	for (i = 0; i < 3; i++)
		rv = worst(rv, ini_open(&f[i], dir, names[i]));
	for (i = 0; rv == 0 && config_warnings && i < 3; i++)
		warn_cut_values(&f[i]);
	for (i = 0; rv == 0 && i < 3; i++)
		bad += check_repeated_sections(&f[i]) +
		    check_unnamed_sections(&f[i]) +
		    check_colon_sections(&f[i]) +
		    check_repeated_keys(&f[i]) + check_sectionless(&f[i]);
	if (rv == 0) {
		bad += load_baocao(c, &f[0]);
		bad += load_units(c, &f[1]);
		bad += load_objectives(c, &f[2]);
	}
	for (i = 0; i < 3; i++)
		ini_close(&f[i]);
	/*
	 * A broken configuration is the set-up's fault, not the departments'
	 * data: exit 2, so that cron's 1 always means "chase the data".
	 */
	if (rv == 0 && bad > 0)
		rv = EXIT_USAGE;
	return rv == EXIT_DATA ? EXIT_USAGE : rv;
}

static void
free_signer(struct signer *s)
{
	free(s->authority);
	free(s->deputy);
	free(s->title);
	free(s->name);
}

void
config_release(struct config *c)
{
	int i, j;

	free(c->dir);
	free(c->xlsx_template);
	free(c->parent);
	free(c->name);
	free(c->short_name);
	free(c->code);
	free(c->place);
	free(c->font_regular);
	free(c->font_bold);
	free(c->font_italic);
	free(c->font_bold_italic);
	for (i = 0; i < c->nrecipients; i++)
		free(c->recipients[i]);
	free(c->recipients);
	free(c->archive);
	free_signer(&c->sign_report);
	free_signer(&c->sign_improvement);
	for (i = 0; i < c->nunits; i++) {
		free(c->units[i].code);
		free(c->units[i].name);
		free(c->units[i].head_title);
		free(c->units[i].head_name);
	}
	free(c->units);
	free(c->ordered);
	for (i = 0; i < c->nobjectives; i++) {
		struct objective *o = &c->objectives[i];

		free(o->name);
		free(o->label);
		free(o->indicator);
		free(o->target_text);
		for (j = 0; j < o->nunits; j++)
			free(o->units[j]);
		free(o->units);
		for (j = 0; j < o->nover; j++) {
			free(o->over[j].unit);
			free(o->over[j].target_text);
		}
		free(o->over);
	}
	free(c->objectives);
	memset(c, 0, sizeof(*c));
}

const char **
config_unit_codes(const struct config *c)
{
	const char **codes = xcalloc((size_t)c->nunits + 1, sizeof(*codes));
	int i;

	for (i = 0; i < c->nunits; i++)
		codes[i] = c->units[i].code;
	return codes;
}

const struct unit *
config_unit(const struct config *c, const char *code)
{
	struct unit key = { 0 };

	if (c->nunits == 0)
		return NULL;
	key.code = (char *)code;
	return bsearch(&key, c->units, (size_t)c->nunits, sizeof(*c->units),
	    cmp_unit);
}

int
config_unit_cmp(const struct config *c, const char *a, const char *b)
{
	const struct unit *x = config_unit(c, a), *y = config_unit(c, b);

	if (x != NULL && y != NULL)
		return (x->order > y->order) - (x->order < y->order);
	if (x != NULL || y != NULL)
		return x != NULL ? -1 : 1;
	return strcmp(a, b);
}

int
unit_active(const struct unit *u, long month)
{
	return month >= u->active_from && month <= u->active_to;
}

int
unit_active_part(const struct unit *u, long first, long last, long *from,
    long *to)
{
	*from = *to = LONG_MIN;
	if (first > last)
		return 0;
	if (u->active_from > first && u->active_from <= last)
		*from = u->active_from;
	if (u->active_to < last && u->active_to >= first)
		*to = u->active_to;
	return *from != LONG_MIN || *to != LONG_MIN;
}

double
objective_target(const struct objective *o, const char *unit)
{
	int i;

	for (i = 0; i < o->nover; i++)
		if (strcmp(o->over[i].unit, unit) == 0)
			return o->over[i].target;
	return o->target;
}

int
objective_lists(const struct objective *o, const char *unit)
{
	int i;

	if (o->all_units)
		return 1;
	for (i = 0; i < o->nunits; i++)
		if (strcmp(o->units[i], unit) == 0)
			return 1;
	return 0;
}
