/* SPDX-License-Identifier: ISC */
/*
 * finals: a report's files put in place whole, and a final never replaced
 * silently (SPEC §8). A run writes everything into a stage folder inside
 * the period's output folder (same file system, so installing is a rename
 * per file); nothing reaches a real name unless the whole run succeeded.
 * Before a final is installed over one already there, the two are compared
 * byte for byte (the manifest included, which lists the inputs and the
 * configuration): the same files are simply written again, others are
 * refused unless the old ones are first kept under versioned names.
 *
 * The caller holds the period folder's lock (baocao.c lock_period()), so
 * stray stage folders and temporary files found there are from a run that
 * died and are removed.
 */
#ifndef BAOCAO_FINALS_H
#define BAOCAO_FINALS_H

#include <stddef.h>

struct sbuf;

#define STAGE_NAME	".stage"
#define MANIFEST_NAME	"SHA256SUMS"

/*
 * Removes what a dead run left in outdir (its stage, "*.tmp.*" files) and
 * makes an empty stage outdir/.stage, whose path goes to stage. 0 or -1
 * (errno set).
 */
int	stage_open(const char *outdir, char *stage, size_t size);
/* Removes what a dead run left in outdir: its stage, "*.tmp.*" files. */
void	stage_leftovers(const char *outdir);
/* Removes the stage and what is in it, folders too. */
void	stage_discard(const char *stage);
/*
 * Removes outdir when the only thing in it is its lock file lockname: the
 * folder a run made and then wrote nothing into (a final refused, a failed
 * run). The caller made outdir and holds the lock: the lock file goes
 * first, so a run that waits on it finds its lock gone and starts again
 * (baocao.c lock_period()); a run that opens the folder meanwhile puts its
 * own lock file in it, and outdir then stays. 0 when removed, else -1.
 */
int	outdir_drop_unused(const char *outdir, const char *lockname);
/*
 * Moves every file of the stage into outdir, the one named manifest last
 * (its presence then means the rest is in place), and removes the stage.
 * The manifest in place is removed first when a staged file replaces one
 * with other bytes, so that it never lists a mix of old and new files.
 * 0, or -1 after a diagnostic.
 */
int	stage_install(const char *outdir, const char *stage,
	    const char *manifest);
/* As stage_install(), but the manifest in place stays until replaced. */
int	stage_install_keep(const char *outdir, const char *stage,
	    const char *manifest);

/* Whether name is a file of a final: not hidden, not a draft's
   ("-du-thao-"), not a kept version ("x.v2.pdf"), not temporary. */
int	final_file(const char *name);
/*
 * Whether outdir holds a finished final: its manifest exists and lists the
 * report (a final whose run died before its manifest was installed is
 * simply replaced).
 */
int	final_complete(const char *outdir, const char *report);
/*
 * Whether the final staged differs from the final in outdir: a file whose
 * bytes differ, or one that only one of them has (not one deleted from
 * outdir since: when the two manifests are the same, a file the final in
 * place lacks but its manifest lists is written back). Names listed in the
 * NULL-terminated exempt (may be NULL) are not compared. The manifests
 * compare their outputs' lines and their inputs by manifest_same_inputs,
 * not by where the input folders lay: templates read from another folder,
 * bytes unchanged, make the same final.
 */
int	final_differs(const char *outdir, const char *stage,
	    const char *const *exempt);
/*
 * The lines of manifest path that name a file with a '/' (the inputs,
 * configuration and templates a report was made from; its outputs are
 * bare names), without their newline, in file order; *n of them, -1 (and
 * NULL) when path cannot be read. manifest_inputs_free() frees them.
 */
char	**manifest_inputs(const char *path, int *n);
void	 manifest_inputs_free(char **v, int n);
/*
 * manifest_inputs(path) with each path cut to its last two components
 * ("HASH  2024-11/PNV.ini", "HASH  pdf/report.ini"), sorted: what the
 * inputs were, wherever their folders lie; *n of them, -1 when
 * unreadable. Freed with manifest_inputs_free().
 */
char	**manifest_input_keys(const char *path, int *n);
/* Whether manifests a and b list the same inputs (manifest_input_keys). */
int	 manifest_same_inputs(const char *a, const char *b);
/*
 * The files the manifests of outdir and stage list with a '/' (inputs,
 * configuration, templates) that the other does not list with the same
 * hash and last two path components (a folder moved is no change),
 * as "input/2024-11/PNV.ini, config/baocao.ini" (leading "../" dropped,
 * at most max names, then "and N more") into out; how many there are.
 */
int	final_changed_inputs(const char *outdir, const char *stage, int max,
	    struct sbuf *out);
/* The same for the manifests (or "HASH  name" lists) at paths a and b. */
int	manifest_changed_inputs(const char *a, const char *b, int max,
	    struct sbuf *out);
/*
 * Renames every final file F of outdir to F.vN (name.vN.ext), N the first
 * version whose manifest and F.vN names are all free (an older version is
 * never replaced), the manifest last and rewritten so that
 * it names the renamed files (sha256sum -c still checks them). A run that
 * dies half way leaves the manifest, so the next --force finishes the
 * same version. *version gets N. 0, or -1 after a diagnostic.
 */
int	final_keep_old(const char *outdir, int *version);

#endif
