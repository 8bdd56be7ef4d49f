/* SPDX-License-Identifier: ISC */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "diag.h"
#include "finals.h"
#include "util.h"

/* A manifest line is sha256sum's: 64 hex digits, two spaces, the name. */
#define NAME_AT	66

/*
 * Where line's name starts: one further when sha256sum escaped the name
 * and put a backslash first ("\HASH  a\\b.csv" for the file a\b.csv).
 */
static size_t
name_at(const char *line)
{
	return NAME_AT + (line[0] == '\\');
}

/* The entries of dir in byte order, without "." and ".."; -1. */
static int
entries(const char *dir, struct dirent ***ents)
{
	return scandir(dir, ents, NULL, alphasort);
}

static void
free_entries(struct dirent **ents, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
}

static int
dot_entry(const char *e)
{
	return strcmp(e, ".") == 0 || strcmp(e, "..") == 0;
}

/* "x.v12.pdf", "SHA256SUMS.v3": a kept version. */
static int
versioned_name(const char *e)
{
	const char *p;

	for (p = strstr(e, ".v"); p != NULL; p = strstr(p + 1, ".v")) {
		const char *q = p + 2;

		if (!isdigit((unsigned char)*q))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q == '\0' || *q == '.')
			return 1;
	}
	return 0;
}

int
final_file(const char *e)
{
	return e[0] != '.' && strstr(e, "-du-thao-") == NULL &&
	    !versioned_name(e) && strstr(e, ".tmp.") == NULL;
}

/* name → name.vN.ext (or name.vN without an extension) into buf. */
static void
version_of(char *buf, size_t size, const char *name, int v)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL || dot == name)
		snprintf(buf, size, "%s.v%d", name, v);
	else
		snprintf(buf, size, "%.*s.v%d%s", (int)(dot - name), name, v,
		    dot);
}

/* Renames dir/name to todir/toname; 0, or -1 after a diagnostic. */
static int
move(const char *dir, const char *name, const char *todir,
    const char *toname)
{
	char from[4096], to[4096];

	snprintf(from, sizeof(from), "%s/%s", dir, name);
	snprintf(to, sizeof(to), "%s/%s", todir, toname);
	if (rename(from, to) == 0)
		return 0;
	diag_errorat(from, 0, 0, "cannot move to '%s':", to);
	return -1;
}

/*
 * Folders too: runs only put files in a stage, but a folder left in one
 * (by hand, by a file manager) made every later run of the period fail
 * on "cannot create .stage: File exists" until someone found it. Links
 * are removed, never followed.
 */
void
stage_discard(const char *stage)
{
	struct dirent **ents;
	struct stat sb;
	char path[4096];
	int i, n;

	if ((n = entries(stage, &ents)) < 0)
		return;
	for (i = 0; i < n; i++)
		if (!dot_entry(ents[i]->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", stage,
			    ents[i]->d_name);
			if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
				stage_discard(path);
			else
				unlink(path);
		}
	free_entries(ents, n);
	rmdir(stage);
}

void
stage_leftovers(const char *outdir)
{
	struct dirent **ents;
	char path[4096];
	int i, n;

	snprintf(path, sizeof(path), "%s/%s", outdir, STAGE_NAME);
	stage_discard(path);
	/* temporary files of a run that died (atomic.h names them) */
	if ((n = entries(outdir, &ents)) >= 0) {
		for (i = 0; i < n; i++)
			if (strstr(ents[i]->d_name, ".tmp.") != NULL) {
				snprintf(path, sizeof(path), "%s/%s", outdir,
				    ents[i]->d_name);
				unlink(path);
			}
		free_entries(ents, n);
	}
}

int
outdir_drop_unused(const char *outdir, const char *lockname)
{
	struct dirent **ents;
	char path[4096];
	int i, n, other = 0;

	if ((n = entries(outdir, &ents)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (!dot_entry(ents[i]->d_name) &&
		    strcmp(ents[i]->d_name, lockname) != 0)
			other = 1;
	free_entries(ents, n);
	if (other)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", outdir, lockname);
	if (unlink(path) != 0 && errno != ENOENT)
		return -1;
	return rmdir(outdir);
}

int
stage_open(const char *outdir, char *stage, size_t size)
{
	stage_leftovers(outdir);
	snprintf(stage, size, "%s/%s", outdir, STAGE_NAME);
	return mkdir(stage, 0755);
}

/*
 * Whether a file of the stage (not the manifest) would replace one of
 * outdir that holds other bytes.
 */
static int
replaces_other_bytes(const char *outdir, const char *stage,
    struct dirent **ents, int n, const char *manifest)
{
	char a[4096], b[4096];
	struct stat sb;
	int i;

	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		if (dot_entry(e) || strcmp(e, manifest) == 0)
			continue;
		snprintf(a, sizeof(a), "%s/%s", outdir, e);
		snprintf(b, sizeof(b), "%s/%s", stage, e);
		if (lstat(a, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    !same_bytes(a, b))
			return 1;
	}
	return 0;
}

/*
 * The manifest in place goes first when the stage replaces files it
 * lists with other bytes: the install is a series of moves, and a run
 * killed between two (or one that puts in place only its validation
 * report, the data having errors) left a folder of old and new files
 * under the old manifest, whose `sha256sum -c` then said the new ones
 * were tampered with. A folder without its manifest is one a run did not
 * finish (final_complete()), and says so.
 */
static int
install_files(const char *outdir, const char *stage, const char *manifest,
    int drop_old)
{
	struct dirent **ents;
	char path[4096];
	int i, n, pass, rv = 0;

	if ((n = entries(stage, &ents)) < 0) {
		diag_errorat(stage, 0, 0, "cannot open:");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", outdir, manifest);
	if (drop_old && replaces_other_bytes(outdir, stage, ents, n,
	    manifest) && unlink(path) != 0 && errno != ENOENT) {
		diag_errorat(path, 0, 0, "cannot remove:");
		free_entries(ents, n);
		stage_discard(stage);
		return -1;
	}
	for (pass = 0; pass < 2 && rv == 0; pass++)
		for (i = 0; i < n && rv == 0; i++) {
			const char *e = ents[i]->d_name;

			if (dot_entry(e) ||
			    (strcmp(e, manifest) == 0) != (pass == 1))
				continue;
			if (move(stage, e, outdir, e) != 0)
				rv = -1;
		}
	free_entries(ents, n);
	stage_discard(stage);
	return rv;
}

int
stage_install(const char *outdir, const char *stage, const char *manifest)
{
	return install_files(outdir, stage, manifest, 1);
}

/*
 * A finished final's manifest is what keeps it from being replaced by
 * another (final_complete()): the numbered report that register puts in
 * its place must not leave it, even for a moment, without one.
 */
int
stage_install_keep(const char *outdir, const char *stage,
    const char *manifest)
{
	return install_files(outdir, stage, manifest, 0);
}

int
final_complete(const char *outdir, const char *report)
{
	char path[4096], *text, *p;
	size_t n = strlen(report);
	int found = 0;

	snprintf(path, sizeof(path), "%s/%s", outdir, MANIFEST_NAME);
	if ((text = read_file(path, NULL)) == NULL)
		return 0;
	/* a line "HASH  report" */
	for (p = strstr(text, report); p != NULL && !found;
	    p = strstr(p + 1, report))
		found = p >= text + 2 && p[-1] == ' ' && p[-2] == ' ' &&
		    (p[n] == '\n' || p[n] == '\0');
	free(text);
	return found;
}

static int
listed(const char *const *names, const char *e)
{
	for (; names != NULL && *names != NULL; names++)
		if (strcmp(*names, e) == 0)
			return 1;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The last two components of a manifest line's path ("2024-11/PNV.ini",
 * "pdf/report.ini"): what the file is, wherever its folder lies.
 */
static const char *
line_key(const char *line)
{
	const char *name = line + name_at(line), *p = name + strlen(name);
	const char *key = name;
	int slashes = 0;

	while (p > name && slashes < 2)
		if (*--p == '/' && ++slashes == 2)
			key = p + 1;
	return key;
}

char **
manifest_input_keys(const char *path, int *n)
{
	char **v = manifest_inputs(path, n);
	int i;

	for (i = 0; i < *n; i++) {
		const char *key = line_key(v[i]);

		memmove(v[i] + name_at(v[i]), key, strlen(key) + 1);
	}
	if (*n > 0)
		qsort(v, (size_t)*n, sizeof(*v), cmp_str);
	return v;
}

int
manifest_same_inputs(const char *a, const char *b)
{
	int na, nb, i, same;
	char **x = manifest_input_keys(a, &na);
	char **y = manifest_input_keys(b, &nb);

	same = na >= 0 && na == nb;
	for (i = 0; same && i < na; i++)
		same = strcmp(x[i], y[i]) == 0;
	manifest_inputs_free(x, na);
	manifest_inputs_free(y, nb);
	return same;
}

/* The output lines of manifest text (bare names), in order, joined. */
static char *
output_lines(const char *path)
{
	struct sbuf sb = SBUF_INIT;
	char *text = read_file(path, NULL), *p, *e;

	if (text == NULL)
		return NULL;
	for (p = text; *p != '\0'; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (e - p > NAME_AT && memchr(p + NAME_AT, '/', e - p - NAME_AT)
		    == NULL)
			sbuf_add(&sb, p, (size_t)(e - p + 1));
	}
	free(text);
	return sbuf_detach(&sb);
}

/* Whether two manifests list the same outputs and inputs of one content. */
static int
same_manifest(const char *a, const char *b)
{
	char *x = output_lines(a), *y = output_lines(b);
	int same = x != NULL && y != NULL && strcmp(x, y) == 0 &&
	    manifest_same_inputs(a, b);

	free(x);
	free(y);
	return same;
}

/*
 * Whether a final file of dir is missing in other or, bytes, differs. With
 * restore (the two manifests are the same), a file missing in other that
 * other's manifest lists is none: it is the file the final had, deleted
 * since, and is written back with the same bytes.
 */
static int
side_differs(const char *dir, const char *other, int bytes, int restore,
    const char *const *exempt)
{
	struct dirent **ents;
	char a[4096], b[4096];
	int i, n, differs = 0;

	if ((n = entries(dir, &ents)) < 0)
		return 1;
	for (i = 0; i < n && !differs; i++) {
		const char *e = ents[i]->d_name;

		if (!final_file(e) || listed(exempt, e))
			continue;
		snprintf(a, sizeof(a), "%s/%s", dir, e);
		snprintf(b, sizeof(b), "%s/%s", other, e);
		if (access(b, F_OK) != 0)
			differs = !(restore && final_complete(other, e));
		else
			differs = bytes && (strcmp(e, MANIFEST_NAME) == 0 ?
			    !same_manifest(a, b) : !same_bytes(a, b));
	}
	free_entries(ents, n);
	return differs;
}

int
final_differs(const char *outdir, const char *stage,
    const char *const *exempt)
{
	char a[4096], b[4096];

	snprintf(a, sizeof(a), "%s/%s", outdir, MANIFEST_NAME);
	snprintf(b, sizeof(b), "%s/%s", stage, MANIFEST_NAME);
	return side_differs(stage, outdir, 1, same_manifest(a, b), exempt) ||
	    side_differs(outdir, stage, 0, 0, exempt);
}

/*
 * The manifest at from rewritten to to (atomically) with each output name
 * (no '/': inputs are paths) replaced by its version v.
 */
static int
rewrite_manifest(const char *from, const char *to, int v)
{
	struct atomic_file af;
	char *line = NULL, vname[1024];
	size_t cap = 0;
	ssize_t len;
	FILE *in, *out;
	int rv = 0;

	if ((in = fopen(from, "r")) == NULL)
		return -1;
	if ((out = atomic_open(&af, to)) == NULL) {
		fclose(in);
		return -1;
	}
	while ((len = getline(&line, &cap, in)) > 0) {
		char *name = len > NAME_AT ? line + NAME_AT : NULL;

		if (name != NULL)
			name[strcspn(name, "\n")] = '\0';
		if (name == NULL || strchr(name, '/') != NULL) {
			fputs(line, out);
			if (name != NULL)
				fputc('\n', out);
			continue;
		}
		version_of(vname, sizeof(vname), name, v);
		fprintf(out, "%.*s%s\n", NAME_AT, line, vname);
	}
	free(line);
	fclose(in);
	if (atomic_commit(&af) != 0) {
		atomic_abort(&af);
		rv = -1;
	}
	return rv;
}

/* Whether name is among the n entries ents. */
static int
has_entry(struct dirent **ents, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(ents[i]->d_name, name) == 0)
			return 1;
	return 0;
}

/*
 * Whether version v of the final whose folder holds the n entries ents is
 * free: no manifest.vN, and no final file F whose F.vN is there. The
 * manifest alone would do if no one removed a kept manifest by hand; a
 * rename would then replace an older version without a word. A run that
 * died half way left its files already renamed, so the same N is still
 * free.
 */
static int
version_free(struct dirent **ents, int n, int v)
{
	char vname[1024];
	int i;

	version_of(vname, sizeof(vname), MANIFEST_NAME, v);
	if (has_entry(ents, n, vname))
		return 0;
	for (i = 0; i < n; i++) {
		if (!final_file(ents[i]->d_name))
			continue;
		version_of(vname, sizeof(vname), ents[i]->d_name, v);
		if (has_entry(ents, n, vname))
			return 0;
	}
	return 1;
}

int
final_keep_old(const char *outdir, int *version)
{
	char from[4096], to[4096], vname[1024];
	struct dirent **ents;
	int i, n, v, rv = 0;

	if ((n = entries(outdir, &ents)) < 0) {
		diag_errorat(outdir, 0, 0, "cannot open:");
		return -1;
	}
	for (v = 1; !version_free(ents, n, v); v++)
		;
	*version = v;
	for (i = 0; i < n && rv == 0; i++) {
		const char *e = ents[i]->d_name;

		if (!final_file(e) || strcmp(e, MANIFEST_NAME) == 0)
			continue;
		version_of(vname, sizeof(vname), e, v);
		if (move(outdir, e, outdir, vname) != 0)
			rv = -1;
	}
	free_entries(ents, n);
	snprintf(from, sizeof(from), "%s/%s", outdir, MANIFEST_NAME);
	version_of(vname, sizeof(vname), MANIFEST_NAME, v);
	snprintf(to, sizeof(to), "%s/%s", outdir, vname);
	if (rv == 0 && access(from, F_OK) == 0 &&
	    (rewrite_manifest(from, to, v) != 0 || unlink(from) != 0)) {
		diag_errorat(to, 0, 0, "cannot write:");
		rv = -1;
	}
	return rv;
}

char **
manifest_inputs(const char *path, int *n)
{
	char **v = NULL, *line = NULL;
	size_t cap = 0;
	FILE *fp;

	*n = -1;
	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	*n = 0;
	while (getline(&line, &cap, fp) > NAME_AT) {
		line[strcspn(line, "\n")] = '\0';
		if (strchr(line + NAME_AT, '/') == NULL)
			continue;
		v = xrealloc(v, (size_t)(*n + 1) * sizeof(*v));
		v[(*n)++] = xstrdup(line);
	}
	free(line);
	fclose(fp);
	return v;
}

void
manifest_inputs_free(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Whether a line of v[0..n) has the hash and the key (line_key) of line:
 * the same file, though its folder may lie elsewhere now.
 */
static int
has_line(char **v, int n, const char *line)
{
	int i;

	for (i = 0; i < n; i++)
		if (strncmp(v[i], line, NAME_AT) == 0 &&
		    strcmp(line_key(v[i]), line_key(line)) == 0)
			return 1;
	return 0;
}

/* The name of manifest line, leading "../" dropped. */
static const char *
line_name(const char *line)
{
	const char *name = line + name_at(line);

	while (strncmp(name, "../", 3) == 0)
		name += 3;
	return name;
}

/* Adds the name of line to names[0..*n) unless it is there. */
static void
add_name(const char **names, int *n, const char *line)
{
	const char *name = line_name(line);
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return;
	names[(*n)++] = name;
}

int
final_changed_inputs(const char *outdir, const char *stage, int max,
    struct sbuf *out)
{
	char a[4096], b[4096];

	snprintf(a, sizeof(a), "%s/%s", outdir, MANIFEST_NAME);
	snprintf(b, sizeof(b), "%s/%s", stage, MANIFEST_NAME);
	return manifest_changed_inputs(a, b, max, out);
}

int
manifest_changed_inputs(const char *a, const char *b, int max,
    struct sbuf *out)
{
	char **old, **new;
	const char **names;
	int nold, nnew, i, n = 0;

	old = manifest_inputs(a, &nold);
	new = manifest_inputs(b, &nnew);
	if (nold < 0)
		nold = 0;
	if (nnew < 0)
		nnew = 0;
	names = xcalloc((size_t)(nold + nnew + 1), sizeof(*names));
	for (i = 0; i < nnew; i++)
		if (!has_line(old, nold, new[i]))
			add_name(names, &n, new[i]);
	for (i = 0; i < nold; i++)
		if (!has_line(new, nnew, old[i]))
			add_name(names, &n, old[i]);
	for (i = 0; i < n && i < max; i++)
		sbuf_printf(out, "%s%s", i ? ", " : "", names[i]);
	if (n > max)
		sbuf_printf(out, " and %d more", n - max);
	free(names);
	manifest_inputs_free(old, nold);
	manifest_inputs_free(new, nnew);
	return n;
}
