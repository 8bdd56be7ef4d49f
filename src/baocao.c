/* SPDX-License-Identifier: ISC */
/*
 * baocao: the command a person or cron runs (SPEC §8). It finds the input
 * folders a period reads and runs the filter programs over them:
 *
 *	baocao-check FOLDERS > norm  |  baocao-rollup  |  baocao-analyze
 *	  → chi-so-P.csv + analysis → baocao-pdf, baocao-xlsx
 *
 * Intermediate streams live in a private temporary directory; outputs are
 * written under a temporary name and renamed, and a lock on the period's
 * output folder keeps two runs on one period from interleaving.
 *
 * Where things are: the private folder and signals (make_tmpdir,
 * sweep_dead_tmp, on_stop); running a filter (run_prog) and the pipeline
 * (run_check, run_numbers); who has submitted (each_unit,
 * print_unit_status, status_by_file_names); one function per command,
 * cmd_check, cmd_indicators, cmd_report, cmd_register, cmd_template and
 * cmd_archive, dispatched by main at the end. For report: the output
 * folder and its lock (open_outdir, lock_period), the outputs into the
 * stage (make_report, render_all, write_manifest) and in place
 * (install_final, refuse_final; src/lib/finals.h); for register:
 * take_number and src/lib/docreg.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "docreg.h"
#include "finals.h"
#include "norm.h"
#include "num.h"
#include "period.h"
#include "schema.h"
#include "suggest.h"
#include "tmpl.h"
#include "utf8.h"
#include "util.h"


static const char *config_dir = "config";
static const char *input_dir = "input";
static const char *output_dir = "output";
static const char *templates_dir;
static long today = -1;
static int today_given;		/* --today: not the clock's */
static char bindir[PATH_MAX];
static char tmpdir[1024];	/* short, so paths under it always fit */
static int progress;		/* print progress: standard error is a terminal */

/* State of one run over a period. */
struct run {
	struct config	 cfg;
	struct period	 p;
	char		 label[PERIOD_LABELSZ];
	char		**folders;	/* input folders read, in month order */
	int		 nfolders;
	char		 norm[PATH_MAX], rollup[PATH_MAX], indicators[PATH_MAX];
	char		 analysis[PATH_MAX], checklog[PATH_MAX];
	char		 xlsx_template[PATH_MAX];	/* the workbook's layout */
	/*
	 * check and indicators print P's numbers alone: the periods a report
	 * compares P with are not computed, so a sum of theirs past 2^63-1
	 * (the month before, a year before) cannot fail P's own figures.
	 */
	int		 p_only;
};

static const char usage_text[] =
    "usage: baocao [--config DIR] [--input DIR] [--output DIR] "
    "[--templates DIR]\n"
    "              [--today DATE] COMMAND ...\n"
    "       baocao check PERIOD\n"
    "       baocao indicators PERIOD\n"
    "       baocao report --period PERIOD [--draft N | --final [--force]] "
    "[--allow-missing]\n"
    "                     [--date YYYY-MM-DD]\n"
    "       baocao template --unit UNIT --period YYYY-MM\n"
    "       baocao register --period PERIOD [--number N] [--date YYYY-MM-DD]\n"
    "       baocao archive [--move] [--to DIR]\n"
    "PERIOD: 2026-10, 2026-Q3, 2026-H1, 2026-H2, 2026-9M, 2026, "
    "2026-10-01..2026-10-15, previous-month|quarter|half|9m|year\n";

/*
 * The options every command takes, before or after its name
 * (baocao --today D report … or baocao report … --today D).
 */
#define GLOBAL_LONGOPTS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "input", required_argument, NULL, 'i' }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "templates", required_argument, NULL, 'T' }, \
	{ "today", required_argument, NULL, 't' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }

static void help(void) __attribute__((noreturn));

/* Drops a folder's trailing '/'s ("output/" prints as output/2024-12). */
static const char *
folder_arg(const char *arg)
{
	char *s = (char *)arg;	/* an argv string: writable */
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

/*
 * Applies global option ch (with argument arg); returns 0 when ch is one,
 * -1 when it is not, or exits on a bad --today or an empty folder.
 */
static int
global_option(int ch, const char *arg)
{
	if (strchr("cioT", ch) != NULL && arg[0] == '\0') {
		/* "--output $DIR" with DIR unset: not "/PERIOD" */
		diag_plain("--%s is empty; expected a folder", ch == 'c' ?
		    "config" : ch == 'i' ? "input" : ch == 'o' ? "output" :
		    "templates");
		exit(EXIT_USAGE);
	}
	switch (ch) {
	case 'h':		/* "baocao report --help" too */
		help();
	case 'V':		/* and "baocao report --version" */
		printf("baocao (baocao) %s\n", BAOCAO_VERSION);
		diag_exit_stdout(EXIT_OK);
	case 'c':
		config_dir = folder_arg(arg);
		return 0;
	case 'i':
		input_dir = folder_arg(arg);
		return 0;
	case 'o':
		output_dir = folder_arg(arg);
		return 0;
	case 'T':
		templates_dir = folder_arg(arg);
		return 0;
	case 't':
		today_given = 1;
		if (date_parse(arg, strlen(arg), &today) != DATE_OK) {
			diag_plain("--today is '%s'; expected YYYY-MM-DD", arg);
			exit(EXIT_USAGE);
		}
		return 0;
	default:
		return -1;
	}
}

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

static void
help(void)
{
	fputs(usage_text, stdout);
	fputs("\n"
	    "  check       validate every folder PERIOD's report reads; list "
	    "the errors,\n"
	    "              the units that have not submitted, the revisions "
	    "used\n"
	    "  indicators  the indicators CSV of PERIOD on standard output\n"
	    "  report      everything for PERIOD into OUTPUT/PERIOD/: "
	    "validation report,\n"
	    "              indicators, BM.07.01 forms (months), report and "
	    "improvement PDFs,\n"
	    "              workbook, SHA256SUMS; draft 1 unless --draft N or "
	    "--final\n"
	    "              (a draft's PDFs and validation report named "
	    "*-du-thao-N*; all its\n"
	    "              files once a final is there, so a draft never "
	    "replaces the\n"
	    "              final's)\n"
	    "  template    a blank monthly sheet and register headers for a "
	    "department\n"
	    "  register    give PERIOD's final report its document number "
	    "(sequence per\n"
	    "              year of issue, OUTPUT/so-dang-ky.csv) and print it "
	    "on the report\n"
	    "  archive     outputs past the 3-year retention (--move moves "
	    "them)\n\n"
	    "  --config DIR     config/ by default; --input DIR input/; "
	    "--output DIR output/\n"
	    "  --templates DIR  the templates (default: $BAOCAO_TEMPLATES, "
	    "./templates,\n"
	    "                   or the installed copy)\n"
	    "  --today DATE     the day previous-* periods count back from,\n"
	    "                   register's date of issue, archive's today\n"
	    "These options may also follow the command.\n"
	    "Exit status: 0 done, 1 the data has errors (or a final is "
	    "refused),\n2 usage, configuration or unreadable file.\n",
	    stdout);
	diag_exit_stdout(EXIT_OK);
}

static void
say(const char *fmt, const char *arg)
{
	if (!progress)
		return;
	fprintf(stderr, "baocao: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
}

/* Directory of our own executable, so sibling programs are found. */
static void
find_bindir(const char *argv0)
{
	ssize_t n = readlink("/proc/self/exe", bindir, sizeof(bindir) - 1);
	char *slash;

	if (n <= 0) {
		snprintf(bindir, sizeof(bindir), "%s", argv0);
		n = (ssize_t)strlen(bindir);
	}
	bindir[n] = '\0';
	slash = strrchr(bindir, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		bindir[0] = '\0';
}

/*
 * A run asked to stop (SIGTERM from systemctl stop or a timeout, SIGINT
 * from Ctrl-C, SIGHUP) stops its program, starts no other, and ends as
 * any failed run does: nothing put in place, its stage and temporary
 * files removed; then it dies of the same signal (stop_exit()).
 */
static volatile sig_atomic_t stop_sig;
static volatile pid_t child_pid;

static void
on_stop(int sig)
{
	stop_sig = sig;
	if (child_pid > 0)
		kill(child_pid, sig);
}

/* No SA_RESTART: a wait for a period's lock ends too (lock_period()). */
static void
catch_stop(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Removes folder dir and the files in it (a run's temporary folder). */
static void
remove_tmp(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char path[PATH_MAX + 256];

	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static void
cleanup_tmp(void)
{
	if (tmpdir[0] == '\0')
		return;
	remove_tmp(tmpdir);
	tmpdir[0] = '\0';
}

/*
 * Each temporary folder holds ".alive", locked while its run (or a child
 * of it, which inherits the descriptor) lives. A run killed outright
 * (SIGKILL, the OOM killer, a power cut) cleans nothing: its folder, with
 * the normalized data of every submission in it, stayed in TMPDIR for
 * good. The next run removes those of ours whose ".alive" it can lock.
 * The lock is taken before the file gets its name, so a run being born
 * is never taken for a dead one; a folder without ".alive" is left alone.
 */
static void
mark_alive(void)
{
	char tmp[PATH_MAX], path[PATH_MAX];
	int fd;

	snprintf(tmp, sizeof(tmp), "%s/.alive.new", tmpdir);
	snprintf(path, sizeof(path), "%s/.alive", tmpdir);
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_EXCL, 0600)) < 0)
		return;			/* only the sweep is lost */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		close(fd);
	}				/* else held until exit */
}

/* Whether dir/name is a dead run's temporary folder (mark_alive()). */
static int
dead_run_tmp(const char *dir, const char *name)
{
	char path[PATH_MAX + 256];
	struct stat sb;
	int fd, dead;

	if (strncmp(name, "baocao.", 7) != 0 || strlen(name) != 13)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != getuid() || strcmp(path, tmpdir) == 0)
		return 0;
	snprintf(path, sizeof(path), "%s/%s/.alive", dir, name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0)
		return 0;
	dead = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return dead;
}

static void
sweep_dead_tmp(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char path[PATH_MAX + 256];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (dead_run_tmp(dir, e->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			remove_tmp(path);
		}
	closedir(d);
}

static void
make_tmpdir(void)
{
	const char *t = temp_dir();

	snprintf(tmpdir, sizeof(tmpdir), "%s/baocao.XXXXXX", t);
	if (mkdtemp(tmpdir) == NULL) {
		diag_plain("cannot create a temporary folder in %s:", t);
		exit(EXIT_USAGE);
	}
	atexit(cleanup_tmp);
	mark_alive();
	sweep_dead_tmp(t);
}

/* After a stop: the temporary files go, then the signal ends us. */
static void
stop_exit(int sig)
{
	diag_plain("stopped by signal %d (%s)", sig, strsignal(sig));
	cleanup_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

static char *
tmppath(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", tmpdir, name);
	return buf;
}

/* In a child: path opened with flags as descriptor to; -1 after a message. */
static int
redirect(const char *path, int flags, int to)
{
	int fd;

	if ((fd = open(path, flags, 0644)) < 0 || dup2(fd, to) < 0) {
		fprintf(stderr, "baocao: %s: cannot open: %s\n", path,
		    strerror(errno));
		return -1;
	}
	if (fd != to)
		close(fd);
	return 0;
}

/*
 * Runs program prog (a sibling of ours, else found on PATH) with args,
 * standard input from in (NULL: ours), output to out and errors to err
 * (NULL: ours). Returns its exit status, or 128 + signal.
 */
static int
run_prog(const char *const argv[], const char *in, const char *out, const char *err)
{
	char path[PATH_MAX + 64];
	pid_t pid;
	int st;

	snprintf(path, sizeof(path), "%s/%s", bindir, argv[0]);
	if (stop_sig)
		return 128 + stop_sig;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		diag_plain("cannot fork:");
		return EXIT_USAGE;
	}
	if (pid == 0) {
		/*
		 * A stream that cannot be opened (TMPDIR full, out of inodes)
		 * ends the child: left on ours, the program's output (the
		 * rollup, every hash) went to baocao's own standard output,
		 * into cron's mail or the indicators CSV, and the next step
		 * only said that its input was missing.
		 */
		if ((in && redirect(in, O_RDONLY, 0) != 0) ||
		    (out && redirect(out, O_WRONLY | O_CREAT | O_TRUNC, 1)
		    != 0) || (err && redirect(err, O_WRONLY | O_CREAT |
		    O_TRUNC, 2) != 0))
			_exit(EXIT_USAGE);
		if (access(path, X_OK) == 0)
			execv(path, (char *const *)argv);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "baocao: cannot run '%s': %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	child_pid = pid;
	if (stop_sig)
		kill(pid, stop_sig);	/* came before child_pid was set */
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			child_pid = 0;
			return EXIT_USAGE;
		}
	child_pid = 0;
	if (stop_sig)
		return 128 + stop_sig;
	if (WIFSIGNALED(st)) {
		diag_plain("'%s' was killed by signal %d", argv[0],
		    WTERMSIG(st));
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}

/* Copies file path to stream fp; -1 when it cannot be opened or read. */
static int
copy_to(const char *path, FILE *fp)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int bad;

	if (in == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, fp);
	bad = ferror(in);
	fclose(in);
	return bad ? -1 : 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Whether an input/YYYY-MM entry is a folder. One that is not (a dangling
 * link to an unmounted share, a file) would make every unit of its month
 * look missing: it is reported, as a folder that cannot be opened is.
 */
static int
month_folder(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		diag_errorat(path, 0, 0, "cannot open:");
	else if (!S_ISDIR(sb.st_mode))
		diag_errorat(path, 0, 0, "cannot open: not a directory");
	else
		return 1;
	return 0;
}

/* Collects input/YYYY-MM folders up to the period's last folder. */
static int
find_folders(struct run *r)
{
	DIR *d = opendir(input_dir);
	struct dirent *e;
	char path[PATH_MAX + 256];
	long m;
	int cap = 0, rv = 0;

	if (d == NULL && errno == ENOENT) {
		/* as for config/: the usual slip is the working folder */
		diag_errorat(input_dir, 0, 0, "no input folder here: run in "
		    "the folder that holds config/ and input/, or give "
		    "--input DIR (an empty input/ is fine before the first "
		    "month)");
		return EXIT_USAGE;
	}
	if (d == NULL) {
		diag_errorat(input_dir, 0, 0, "cannot open:");
		return EXIT_USAGE;
	}
	while ((e = readdir(d)) != NULL) {
		if (month_parse(e->d_name, strlen(e->d_name), &m) != 0 ||
		    m > r->p.last_folder)
			continue;
		snprintf(path, sizeof(path), "%s/%s", input_dir, e->d_name);
		if (!month_folder(path)) {
			rv = EXIT_USAGE;
			continue;
		}
		if (r->nfolders == cap) {
			cap = cap ? cap * 2 : 32;
			r->folders = xrealloc(r->folders, (size_t)cap *
			    sizeof(char *));
		}
		r->folders[r->nfolders++] = xstrdup(path);
	}
	closedir(d);
	if (rv != 0)
		return rv;
	if (r->nfolders > 1)
		qsort(r->folders, (size_t)r->nfolders, sizeof(char *),
		    cmp_str);
	if (r->nfolders == 0)
		diag_plain("warning: no input folder YYYY-MM in '%s' up to the "
		    "end of period '%s': every unit is missing", input_dir,
		    r->label);
	return 0;
}

/* Today, unless --today said otherwise. */
static void
set_today(void)
{
	if (today < 0)
		today = date_today();
}

/* The workbook's layout (config [xlsx] template) into r->xlsx_template. */
static int
xlsx_template(struct run *r)
{
	char cfgpath[PATH_MAX + 16];

	snprintf(cfgpath, sizeof(cfgpath), "%s/baocao.ini", config_dir);
	return tmpl_xlsx_path(r->cfg.xlsx_template, cfgpath,
	    r->cfg.xlsx_template_line, tmpl_dir(templates_dir),
	    r->xlsx_template, sizeof(r->xlsx_template));
}

/*
 * A period that starts after today is most often a mistyped year or month:
 * its report would only say that every unit is missing, so say why first.
 * Today is --today's, else the clock's: SOURCE_DATE_EPOCH dates the
 * documents (date_today()), and a build that pins it to a day before the
 * period is no mistake of the user's.
 */
static void
warn_future(const struct period *p, const char *label)
{
	char first[11], now[11];
	time_t t = time(NULL);
	struct tm tm;
	long day = today;

	if (!today_given) {
		localtime_r(&t, &tm);
		day = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
	}
	if (p->first_day <= day)
		return;
	date_iso(p->first_day, first);
	date_iso(day, now);
	diag_plain("warning: period '%s' starts on %s, after today (%s): "
	    "nothing can have been submitted for it yet", label, first, now);
}

static int
run_init(struct run *r, const char *label)
{
	const char *err;
	int rv;

	memset(r, 0, sizeof(*r));
	rv = config_load(&r->cfg, config_dir);
	if (rv != 0)
		return rv;
	set_today();
	if (period_parse(label, r->cfg.cutoff_day, today, &r->p, &err) != 0) {
		diag_plain("bad period '%s': %s", label, err);
		return EXIT_USAGE;
	}
	period_label(&r->p, r->label);
	warn_future(&r->p, r->label);
	if ((rv = xlsx_template(r)) != 0)
		return rv;
	make_tmpdir();
	tmppath(r->norm, "norm.tsv");
	tmppath(r->rollup, "rollup.tsv");
	tmppath(r->indicators, "chi-so.csv");
	tmppath(r->analysis, "analysis.tsv");
	tmppath(r->checklog, "check.log");
	return find_folders(r);
}

static void
run_release(struct run *r)
{
	int i;

	for (i = 0; i < r->nfolders; i++)
		free(r->folders[i]);
	free(r->folders);
	config_release(&r->cfg);
}

/* baocao-check over the folders; its messages are kept in r->checklog. */
static int
run_check(struct run *r)
{
	const char **argv = xcalloc((size_t)r->nfolders + 4, sizeof(char *));
	int i, rv;

	argv[0] = "baocao-check";
	argv[1] = "--config";
	argv[2] = config_dir;
	for (i = 0; i < r->nfolders; i++)
		argv[3 + i] = r->folders[i];
	say("checking %s", r->label);
	if (r->nfolders == 0) {
		/* Nothing submitted yet: what baocao-check writes for no
		 * records, its header alone (an empty input is an error to
		 * baocao-rollup); every unit missing. */
		argv[0] = "printf";
		argv[1] = "#baocao-norm 1\\n";
		argv[2] = NULL;
	}
	rv = run_prog(argv, NULL, r->norm, r->checklog);
	free((void *)argv);
	copy_to(r->checklog, stderr);
	return rv;
}

/* check, roll-up and analysis: fills r->indicators and r->analysis. */
static int
run_numbers(struct run *r)
{
	const char *roll[] = { "baocao-rollup", "--config", config_dir,
		"--period", r->label, r->norm, NULL, NULL };
	const char *ana[] = { "baocao-analyze", "--config", config_dir,
		"--period", r->label, "--analysis", r->analysis, r->rollup,
		NULL };
	int rv;

	if ((rv = run_check(r)) != 0)
		return rv;
	if (r->p_only) {
		roll[5] = "--only";
		roll[6] = r->norm;
	}
	say("rolling up %s", r->label);
	if ((rv = run_prog(roll, NULL, r->rollup, NULL)) != 0)
		return rv;
	say("computing the indicators of %s", r->label);
	return run_prog(ana, NULL, r->indicators, NULL);
}

struct unit_visit {
	void	(*fn)(char **f, void *arg);
	void	*arg;
};

static int
visit_unit(struct norm_reader *nr, void *arg)
{
	struct unit_visit *v = arg;

	if (nr->nf >= 6 && strcmp(nr->f[0], "unit") == 0)
		v->fn(nr->f + 1, v->arg);
	return 0;
}

/*
 * Calls fn for each "unit" record of the analysis stream, with its
 * fields P, unit, status, months_missing, revision.
 */
static void
each_unit(const struct run *r, void (*fn)(char **f, void *arg), void *arg)
{
	struct unit_visit v = { fn, arg };

	norm_each(r->analysis, visit_unit, &v);
}

struct summary {
	FILE		*fp;
	int		 missing;	/* units missing or incomplete */
	struct sbuf	 names;		/* their codes, "PDT, PTP" */
	struct revisions *rev;		/* a longer period's, or NULL */
};

/*
 * "PNV - Phòng Nội vụ": a unit as the clerk reads it in a status line, its
 * code (what file names carry) and, when u (units.ini) is known, its name.
 */
static const char *
unit_shown(const struct unit *u, const char *code, struct sbuf *sb)
{
	sbuf_reset(sb);
	sbuf_adds(sb, code);
	if (u != NULL && u->name != NULL && u->name[0] != '\0')
		sbuf_printf(sb, " - %s", u->name);
	return sbuf_str(sb);
}

/*
 * The units with a sheet in folder (UNIT.ini or UNIT.<tag>.ini), as
 * "\nUNIT\n" entries appended to set, which starts with "\n".
 */
static void
sheet_units(const char *folder, struct sbuf *set)
{
	DIR *d = opendir(folder);
	struct dirent *e;

	sbuf_addc(set, '\n');
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *dot = strchr(e->d_name, '.');
		size_t len = strlen(e->d_name);

		if (dot != NULL && !input_passed_over(e->d_name) && len > 4 &&
		    strcasecmp(e->d_name + len - 4, ".ini") == 0) {
			sbuf_add(set, e->d_name, (size_t)(dot - e->d_name));
			sbuf_addc(set, '\n');
		}
	}
	closedir(d);
}

/*
 * Who has sent a sheet, judged by file names alone: what the clerk still
 * needs when the data has errors and there are no indicators to say it.
 * Writes the lines of print_unit_status to fp, prefixed with prefix (the
 * units that have sent everything only when all is set). Each month
 * folder is read once.
 */
static int
status_by_file_names(const struct run *r, FILE *fp, const char *prefix,
    int all)
{
	long nm = r->p.last_month - r->p.first_month + 1, m;
	struct sbuf *sent_in = xcalloc((size_t)(nm > 0 ? nm : 1),
	    sizeof(*sent_in));
	int i, nmissing = 0;

	for (m = 0; m < nm; m++) {
		char iso[DATE_BUFSZ], folder[PATH_MAX];

		month_iso(r->p.first_month + m, iso);
		snprintf(folder, sizeof(folder), "%s/%s", input_dir, iso);
		sheet_units(folder, &sent_in[m]);
	}
	for (i = 0; i < r->cfg.nunits; i++) {
		const struct unit *u = &r->cfg.units[i];
		struct sbuf months = SBUF_INIT, key = SBUF_INIT;
		struct sbuf shown = SBUF_INIT;
		int active = 0, sent = 0;

		sbuf_printf(&key, "\n%s\n", u->code);
		for (m = 0; m < nm; m++) {
			char iso[DATE_BUFSZ];

			if (!unit_active(u, r->p.first_month + m))
				continue;
			active++;
			if (strstr(sbuf_str(&sent_in[m]), sbuf_str(&key)) != NULL) {
				sent++;
				continue;
			}
			month_iso(r->p.first_month + m, iso);
			sbuf_printf(&months, "%s%s", months.len ? ", " : "", iso);
		}
		unit_shown(u, u->code, &shown);
		if (active > 0 && sent == 0)
			fprintf(fp, "%schưa nộp: %s\n", prefix, sbuf_str(&shown));
		else if (sent < active)
			fprintf(fp, "%snộp chưa đủ: %s (thiếu %s)\n", prefix,
			    sbuf_str(&shown), sbuf_str(&months));
		else if (active > 0 && all)
			fprintf(fp, "%sđã nộp: %s\n", prefix, sbuf_str(&shown));
		nmissing += sent < active;
		sbuf_release(&months);
		sbuf_release(&key);
		sbuf_release(&shown);
	}
	for (m = 0; m < nm; m++)
		sbuf_release(&sent_in[m]);
	free(sent_in);
	return nmissing;
}

/*
 * The revisions a longer period used, one sbuf per unit of r->cfg.units:
 * "lần 1" when every month's sheet was the first, else "lần 1; 2024-05
 * lần 2" (the months whose sheet was resent), from the roll-up's E
 * records (unit, month, revision) of the period itself.
 */
struct revisions {
	const struct run *r;
	struct sbuf	*unit;		/* the resent months, per unit */
};

static int
visit_revision(struct norm_reader *nr, void *arg)
{
	struct revisions *rv = arg;
	const struct unit *u;

	if (nr->nf < 5 || strcmp(nr->f[0], "E") != 0 ||
	    strcmp(nr->f[1], rv->r->label) != 0 || nr->f[4][0] == '\0' ||
	    strcmp(nr->f[4], "1") == 0 ||
	    (u = config_unit(&rv->r->cfg, nr->f[2])) == NULL)
		return 0;
	sbuf_printf(&rv->unit[u - rv->r->cfg.units], "; %s lần %s", nr->f[3],
	    nr->f[4]);
	return 0;
}

static void
revisions_read(const struct run *r, struct revisions *rv)
{
	rv->r = r;
	rv->unit = xcalloc((size_t)(r->cfg.nunits + 1), sizeof(*rv->unit));
	norm_each(r->rollup, visit_revision, rv);
}

static void
revisions_release(struct revisions *rv)
{
	int i;

	for (i = 0; i < rv->r->cfg.nunits; i++)
		sbuf_release(&rv->unit[i]);
	free(rv->unit);
}

/*
 * The stream's month list "2024-05,2024-06" as the error path writes it
 * (status_by_file_names()): "2024-05, 2024-06".
 */
static void
put_months(FILE *fp, const char *list)
{
	for (; *list != '\0'; list++)
		if (*list == ',')
			fputs(", ", fp);
		else
			putc(*list, fp);
}

static void
print_unit_status(char **f, void *arg)
{
	struct summary *s = arg;
	const struct config *cfg = s->rev != NULL ? &s->rev->r->cfg : NULL;
	const struct unit *u = cfg != NULL ? config_unit(cfg, f[1]) : NULL;
	int missing = strcmp(f[2], "missing") == 0;
	struct sbuf sb = SBUF_INIT;
	const char *shown;

	if (strcmp(f[2], "register") == 0)
		return;		/* in scope by its register rows only: no line */
	shown = unit_shown(u, f[1], &sb);
	if (missing || strcmp(f[2], "incomplete") == 0) {
		if (missing)
			fprintf(s->fp, "chưa nộp: %s\n", shown);
		else {
			fprintf(s->fp, "nộp chưa đủ: %s (thiếu ", shown);
			put_months(s->fp, f[3]);
			if (u != NULL)	/* the months it resent, as below */
				fputs(sbuf_str(&s->rev->unit[u - cfg->units]),
				    s->fp);
			fputs(")\n", s->fp);
		}
		s->missing++;
		sbuf_printf(&s->names, "%s%s", s->names.len ? ", " : "", f[1]);
	} else if (f[4][0] != '\0')
		fprintf(s->fp, "đã nộp: %s (lần %s)\n", shown, f[4]);
	else if (u != NULL)
		fprintf(s->fp, "đã nộp: %s (lần 1%s)\n", shown,
		    sbuf_str(&s->rev->unit[u - cfg->units]));
	else
		fprintf(s->fp, "đã nộp: %s\n", shown);
	sbuf_release(&sb);
}

/*
 * report and register take the period as --period P and nothing after
 * the options: says which of the two is wrong, then the usage.
 */
static void
period_option_given(const char *label, int argc, char **argv)
{
	if (optind != argc)
		diag_plain("unexpected argument '%s' (the period goes after "
		    "--period)", argv[optind]);
	else if (label == NULL)
		diag_plain("which period? give --period P, e.g. --period "
		    "2024-12");
	if (label == NULL || optind != argc)
		usage();
}

/*
 * Parses the options of a command that takes only the global ones and one
 * PERIOD; returns the period.
 */
static const char *
period_arg(int argc, char **argv, const char *cmd)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;	/* 0: glibc starts afresh (main parsed in "+" order) */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		if (global_option(ch, optarg) != 0)
			usage();
	if (optind == argc)
		diag_plain("which period? e.g. baocao %s 2024-12", cmd);
	else if (optind < argc - 1)
		diag_plain("unexpected argument '%s' (%s takes one period)",
		    argv[optind + 1], cmd);
	if (optind != argc - 1)
		usage();
	return argv[optind];
}

static int
cmd_check(int argc, char **argv)
{
	struct run r;
	struct summary s = { stdout, 0, SBUF_INIT, NULL };
	struct revisions rev;
	const char *label = period_arg(argc, argv, "check");
	int rv;

	if ((rv = run_init(&r, label)) != 0) {
		run_release(&r);
		return rv;
	}
	r.p_only = 1;
	if ((rv = run_numbers(&r)) != 0) {
		/* Errors: nothing on standard output, but who has sent. */
		if (rv == EXIT_DATA)
			status_by_file_names(&r, stderr, "baocao: ", 0);
		run_release(&r);
		return rv;
	}
	printf("kỳ báo cáo: %s; thư mục đã đọc: %d\n", r.label, r.nfolders);
	revisions_read(&r, &rev);
	s.rev = &rev;
	each_unit(&r, print_unit_status, &s);
	revisions_release(&rev);
	sbuf_release(&s.names);
	run_release(&r);
	return 0;
}

static int
cmd_indicators(int argc, char **argv)
{
	struct run r;
	const char *label = period_arg(argc, argv, "indicators");
	int rv;

	if ((rv = run_init(&r, label)) == 0) {
		r.p_only = 1;
		if ((rv = run_numbers(&r)) == 0)
			copy_to(r.indicators, stdout);
	}
	run_release(&r);
	return rv;
}

struct report_opts {
	int	 draft;		/* 0: final */
	int	 allow_missing;
	int	 date_given;	/* register: --date was given */
	char	 suffix[32];	/* "-du-thao-N" or "" */
	/*
	 * The suffix of the files a draft shares with the final (indicators,
	 * workbook, manifest): "" until a final is in the folder, so that
	 * drafts write chi-so-P.csv and bao-cao-P.xlsx as the issues name
	 * them; the draft's suffix once a final is there, so that a draft
	 * never replaces the final's files.
	 */
	char	 dsuffix[32];
	char	 date[DATE_BUFSZ];	/* --date: the date line, ISO; "" */
	char	 number[24];	/* the report's registered number; "" */
	char	 issued[DATE_BUFSZ];	/* and its date of issue; "" */
	char	 outdir[PATH_MAX];
	int	 made_outdir;	/* this run made outdir */
	int	 lockfd;	/* outdir's lock, held; -1 */
	char	 stage[PATH_MAX];	/* outputs wait here (finals.h) */
	char	**written;	/* output files of this run, for the manifest */
	int	 nwritten;
	int	 kept;		/* the final in place was left as it was */
	int	 old_version;	/* --force kept the old final as *.vN.*; 0 */
	struct sbuf identity;	/* of the inputs as the run began */
};

static void
note_written(struct report_opts *o, const char *name)
{
	o->written = xrealloc(o->written, (size_t)(o->nwritten + 1) *
	    sizeof(char *));
	o->written[o->nwritten++] = xstrdup(name);
}

/* Copies a temporary file to the stage as name. */
static int
publish(struct report_opts *o, const char *from, const char *name)
{
	struct atomic_file af;
	char path[PATH_MAX + 256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", o->stage, name);
	if ((fp = atomic_open(&af, path)) == NULL) {
		diag_errorat(path, 0, 0, "cannot write:");
		return EXIT_USAGE;
	}
	if (copy_to(from, fp) != 0 || atomic_commit(&af) != 0) {
		diag_errorat(path, 0, 0, "cannot write:");
		atomic_abort(&af);
		return EXIT_USAGE;
	}
	note_written(o, name);
	return 0;
}

/*
 * Makes folder path and its parents; *made (may be NULL) tells whether
 * path itself was made now. 0, or -1 with errno.
 */
static int
mkdirs(const char *path, int *made)
{
	struct stat sb;
	char buf[PATH_MAX];
	char *p;

	if (made != NULL)
		*made = 0;
	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	if (mkdir(buf, 0755) == 0) {
		if (made != NULL)
			*made = 1;
		return 0;
	}
	if (errno != EEXIST)
		return -1;
	/* there already, but a file (a slip of cp or of a script) is no
	 * folder to write in: say so here, not at the first file in it */
	if (stat(buf, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

#define LOCK_NAME	".lock"
#define LOCK_GONE	(-2)	/* lock_period(): made the folder again */

/* Whether fd is still the file at path (not when path went or is another). */
static int
same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * Takes the period's lock, waiting for another run to finish; -1 after a
 * message naming the lock (not the folder, which is there: a read-only
 * folder or a .lock that is no file is what the person must mend), or
 * quietly when stopped while waiting. LOCK_GONE when the folder or its
 * lock file went while we waited: a run that wrote nothing removes the
 * folder it made (outdir_drop_unused()), and a lock taken on its removed
 * file would keep no one else out.
 */
static int
lock_period(const char *outdir)
{
	char path[PATH_MAX + 16];
	int fd;

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, outdir);
	if ((fd = open(path, O_RDWR | O_CREAT, 0644)) < 0) {
		if (errno == ENOENT)
			return LOCK_GONE;
		diag_errorat(path, 0, 0, "cannot open the period's lock:");
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		say("waiting for another run on %s", outdir);
		while (flock(fd, LOCK_EX) != 0) {
			if (errno == EINTR && !stop_sig)
				continue;
			if (!stop_sig)	/* e.g. a share without locks */
				diag_errorat(path, 0, 0, "cannot lock:");
			close(fd);
			return -1;
		}
	}
	if (!same_file(fd, path)) {
		close(fd);
		return LOCK_GONE;
	}
	return fd;		/* held until exit */
}

/*
 * The validation report, check's messages and who has submitted, written
 * to r's temporary directory; *missing gets the units missing or
 * incomplete. publish_validation() puts it in place.
 */
static int
write_validation(struct run *r, const struct report_opts *o, int *missing,
    struct sbuf *names)
{
	char tmp[PATH_MAX];
	struct summary s = { NULL, 0, SBUF_INIT, NULL };
	struct revisions rev;
	FILE *fp;
	long hdr;
	int i;

	tmppath(tmp, "kiem-tra.txt");
	if ((fp = fopen(tmp, "w")) == NULL) {
		diag_errorat(tmp, 0, 0, "cannot write:");
		return EXIT_USAGE;
	}
	fprintf(fp, "BÁO CÁO KIỂM TRA DỮ LIỆU — kỳ %s\n", r->label);
	fprintf(fp, "Thư mục đã đọc:");
	for (i = 0; i < r->nfolders; i++)
		fprintf(fp, " %s", r->folders[i]);
	fprintf(fp, "\n\nLỗi và cảnh báo (mỗi dòng: tệp:dòng:cột: nội dung; "
	    "dòng có 'warning' là cảnh báo, không phải lỗi):\n");
	hdr = ftell(fp);
	copy_to(r->checklog, fp);
	if (ftell(fp) == hdr)	/* nothing said: say so, not a blank */
		fprintf(fp, "Không có lỗi, cảnh báo.\n");
	s.fp = fp;
	s.missing = 0;
	if (access(r->analysis, F_OK) == 0) {
		fprintf(fp, "\nTình hình nộp báo cáo:\n");
		revisions_read(r, &rev);
		s.rev = &rev;
		each_unit(r, print_unit_status, &s);
		revisions_release(&rev);
		if (o->draft == 0 && o->allow_missing && s.missing > 0)
			fprintf(fp, "\nBản chính thức lập khi còn %d đơn vị chưa "
			    "nộp đủ (%s), theo lệnh --allow-missing.\n",
			    s.missing, sbuf_str(&s.names));
	} else {
		/* errors: no final is made, whatever --allow-missing says */
		fprintf(fp, "\nTình hình nộp báo cáo (theo tên tệp; dữ liệu "
		    "còn lỗi nên chưa đối chiếu nội dung):\n");
		s.missing = status_by_file_names(r, fp, "", 1);
	}
	if (fclose(fp) != 0) {
		diag_errorat(tmp, 0, 0, "cannot write:");
		sbuf_release(&s.names);
		return EXIT_USAGE;
	}
	*missing = s.missing;
	*names = s.names;
	return 0;
}

static int
publish_validation(struct run *r, struct report_opts *o)
{
	char tmp[PATH_MAX], name[128];

	tmppath(tmp, "kiem-tra.txt");
	snprintf(name, sizeof(name), "kiem-tra-%s%s.txt", r->label, o->suffix);
	return publish(o, tmp, name);
}


/* Collects the units that sent their sheet (fn of each_unit). */
static void
add_submitted(char **f, void *arg)
{
	struct sbuf *units = arg;

	if (strcmp(f[2], "submitted") == 0)
		sbuf_printf(units, "%s\n", f[1]);
}

/*
 * Runs baocao-pdf for one document of kind (unit: the BM.07.01 of that
 * unit) into outdir/name; or, for kind "bm" with unit NULL, every form
 * of the units that sent their sheet in one run (the data is read once),
 * each written as outdir/BM.07.01-UNIT-PERIOD[-du-thao-N].pdf (name NULL).
 * Every file written goes to the manifest, even when another failed.
 */
#define RENDERER_NARGS	12

/*
 * Puts the arguments every renderer takes (config, period, the period's
 * streams, the draft number written into draft) at argv; returns how many.
 */
static int
renderer_args(const char **argv, const struct run *r,
    const struct report_opts *o, char *draft, size_t draftsz)
{
	int n = 0;

	snprintf(draft, draftsz, "%d", o->draft);
	argv[n++] = "--config";
	argv[n++] = config_dir;
	argv[n++] = "--period";
	argv[n++] = r->label;
	argv[n++] = "--indicators";
	argv[n++] = r->indicators;
	argv[n++] = "--analysis";
	argv[n++] = r->analysis;
	argv[n++] = "--data";
	argv[n++] = r->norm;
	argv[n++] = "--draft";		/* marks every page or sheet; 0 = final */
	argv[n++] = draft;
	return n;
}

static int
render_pdf(struct run *r, struct report_opts *o, const char *kind,
    const char *unit, const char *name)
{
	char path[PATH_MAX + 256], draft[16], listed[PATH_MAX];
	struct sbuf units = SBUF_INIT;
	const char **argv;
	char *p, *nl;
	int n = 0, rv, nu = 0, all = strcmp(kind, "bm") == 0 && unit == NULL;

	if (all) {
		each_unit(r, add_submitted, &units);
		for (p = units.buf; p != NULL && *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			*nl = '\0';
			nu++;
		}
		if (nu == 0) {
			sbuf_release(&units);
			return 0;
		}
		snprintf(path, sizeof(path), "%s/BM.07.01-{unit}-%s%s.pdf",
		    o->stage, r->label, o->suffix);
	} else
		snprintf(path, sizeof(path), "%s/%s", o->stage, name);
	argv = xcalloc((size_t)(RENDERER_NARGS + 14 + 2 * nu), sizeof(*argv));
	argv[n++] = "baocao-pdf";
	argv[n++] = "--kind";
	argv[n++] = kind;
	n += renderer_args(argv + n, r, o, draft, sizeof(draft));
	if (unit != NULL) {
		argv[n++] = "--unit";
		argv[n++] = unit;
	}
	for (p = units.buf; all && nu-- > 0; p += strlen(p) + 1) {
		argv[n++] = "--unit";
		argv[n++] = p;
	}
	if (templates_dir != NULL) {
		argv[n++] = "--templates";
		argv[n++] = templates_dir;
	}
	if (o->number[0] != '\0' && strcmp(kind, "report") == 0) {
		/* the registered report: its number and date of issue */
		argv[n++] = "--number";
		argv[n++] = o->number;
		argv[n++] = "--date";
		argv[n++] = o->issued;
	} else if (o->date[0] != '\0') {
		argv[n++] = "--date";
		argv[n++] = o->date;
	}
	argv[n++] = "-o";
	argv[n++] = path;
	argv[n] = NULL;
	if (!all) {
		if ((rv = run_prog(argv, NULL, NULL, NULL)) == 0)
			note_written(o, name);
	} else {
		/* baocao-pdf prints the path of each form once written */
		FILE *fp;
		char line[PATH_MAX + 256];

		tmppath(listed, "bm-written");
		rv = run_prog(argv, NULL, listed, NULL);
		if ((fp = fopen(listed, "r")) != NULL) {
			while (fgets(line, sizeof(line), fp) != NULL) {
				line[strcspn(line, "\n")] = '\0';
				if ((p = strrchr(line, '/')) != NULL && p[1])
					note_written(o, p + 1);
			}
			fclose(fp);
		}
		unlink(listed);
	}
	free(argv);
	sbuf_release(&units);
	return rv;
}

/*
 * Called for each unit of the analysis; the first call renders the forms
 * of every unit that sent its sheet, in one run of baocao-pdf.
 */

static int
render_xlsx(struct run *r, struct report_opts *o)
{
	char path[PATH_MAX + 256], name[128], draft[16];
	const char *argv[RENDERER_NARGS + 8];
	int n = 0, rv;

	snprintf(name, sizeof(name), "bao-cao-%s%s.xlsx", r->label, o->dsuffix);
	snprintf(path, sizeof(path), "%s/%s", o->stage, name);
	argv[n++] = "baocao-xlsx";
	n += renderer_args(argv + n, r, o, draft, sizeof(draft));
	argv[n++] = "--template";	/* config [xlsx] template */
	argv[n++] = r->xlsx_template;
	argv[n++] = "-o";
	argv[n++] = path;
	argv[n] = NULL;
	if ((rv = run_prog(argv, NULL, NULL, NULL)) == 0)
		note_written(o, name);
	return rv;
}

/*
 * Writes the manifest line "HASH  name" as sha256sum does: a name holding
 * a backslash, a line feed or a carriage return is written escaped (\\,
 * \n, \r) after a backslash at the start of the line, so that
 * `sha256sum -c` reads it back.
 */
static void
sum_line(FILE *out, const char *hash, const char *name)
{
	const char *p;

	if (strpbrk(name, "\\\n\r") == NULL) {
		fprintf(out, "%.64s  %s\n", hash, name);
		return;
	}
	fprintf(out, "\\%.64s  ", hash);
	for (p = name; *p != '\0'; p++)
		if (*p == '\\')
			fputs("\\\\", out);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else
			fputc(*p, out);
	fputc('\n', out);
}

/* Appends "HASH  name" lines for files, naming them by display names. */
static int
hash_files(FILE *out, char **paths, char **names, int n)
{
	const char **argv = xcalloc((size_t)n + 3, sizeof(char *));
	char tmp[PATH_MAX], *line = NULL;
	size_t cap = 0;
	FILE *fp;
	int i, rv;

	argv[0] = "sha256sum";
	argv[1] = "--";
	for (i = 0; i < n; i++)
		argv[2 + i] = paths[i];
	tmppath(tmp, "sums.txt");
	rv = run_prog(argv, NULL, tmp, NULL);
	free((void *)argv);
	if (rv != 0 || (fp = fopen(tmp, "r")) == NULL)
		return EXIT_USAGE;
	/* a line whose name sha256sum escaped starts with a backslash */
	for (i = 0; i < n && getline(&line, &cap, fp) > 65; i++)
		sum_line(out, line + (line[0] == '\\'), names[i]);
	free(line);
	fclose(fp);
	return i == n ? 0 : EXIT_USAGE;
}

/*
 * Adds every regular file of the folders read to the list, sorted, then
 * the configuration files: a final depends on both.
 */
static void
list_inputs(struct run *r, char ***paths, int *n)
{
	static const char *const conf[] = { "baocao.ini", "units.ini",
		"objectives.ini" };
	static const char *const pdf_templates[] = { "common.ini", "bm.ini",
		"report.ini", "improvement.ini" };
	int i, cap = 0;

	for (i = 0; i < r->nfolders; i++) {
		struct dirent **ents;
		int k, ne = scandir(r->folders[i], &ents, NULL, alphasort);

		if (ne < 0)
			continue;	/* baocao-check names it, exit 2 */
		for (k = 0; k < ne; k++) {
			char p[PATH_MAX + 256];
			struct stat sb;

			snprintf(p, sizeof(p), "%s/%s", r->folders[i],
			    ents[k]->d_name);
			if (!input_passed_over(ents[k]->d_name) &&
			    stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
				if (*n == cap) {
					cap = cap ? cap * 2 : 64;
					*paths = xrealloc(*paths, (size_t)cap *
					    sizeof(char *));
				}
				(*paths)[(*n)++] = xstrdup(p);
			}
			free(ents[k]);
		}
		free(ents);
	}
	*paths = xrealloc(*paths, (size_t)(*n + 8) * sizeof(char *));
	for (i = 0; i < 3; i++) {
		char p[PATH_MAX + 32];

		snprintf(p, sizeof(p), "%s/%s", config_dir, conf[i]);
		(*paths)[(*n)++] = xstrdup(p);
	}
	/* the wording of the PDFs and the workbook's layout: another
	 * template makes another document */
	for (i = 0; i < 4; i++) {
		char p[PATH_MAX + 32];

		snprintf(p, sizeof(p), "%s/pdf/%s", tmpl_dir(templates_dir),
		    pdf_templates[i]);
		if (access(p, R_OK) == 0)
			(*paths)[(*n)++] = xstrdup(p);
	}
	(*paths)[(*n)++] = xstrdup(r->xlsx_template);
}

/*
 * The path of file relative to directory dir (both must exist), so that
 * `sha256sum -c` run inside dir finds it; the caller frees it. NULL when
 * either cannot be resolved.
 */
static char *
relpath(const char *dir, const char *file)
{
	char a[PATH_MAX], b[PATH_MAX];
	struct sbuf sb = SBUF_INIT;
	size_t i, common = 0;

	if (realpath(dir, a) == NULL || realpath(file, b) == NULL)
		return NULL;
	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		if (a[i] == '/')
			common = i;
	if (a[i] == '\0' && b[i] == '/')
		common = i;		/* file lies under dir */
	for (i = common; a[i] != '\0'; i++)
		if (a[i] == '/' || (i == common && a[i + 1] != '\0'))
			sbuf_adds(&sb, "../");
	sbuf_adds(&sb, b + common + 1);
	return sbuf_detach(&sb);
}

/*
 * The manifest's name of input file path, relative to the output folder:
 * a submission keeps its YYYY-MM/FILE as the input folder lists it, so a
 * month folder that is a link to a share (or a file linked in) is named
 * as the folder it stands for; resolving it would name the share's folder
 * instead, and the same bytes read once through the link and once from a
 * copy would look like changed inputs to a final (final_differs()).
 */
static char *
input_name(const char *outdir, const char *path)
{
	size_t n = strlen(input_dir);
	char *top, *name;

	if (strncmp(path, input_dir, n) != 0 || path[n] != '/' ||
	    (top = relpath(outdir, input_dir)) == NULL)
		return relpath(outdir, path);
	name = xmalloc(strlen(top) + strlen(path + n) + 1);
	sprintf(name, "%s%s", top, path + n);
	free(top);
	return name;
}

/*
 * Appends "HASH  name" for every input file the run read, each named
 * relative to the output folder (input_name()).
 */
static int
hash_inputs(struct run *r, const struct report_opts *o, FILE *fp)
{
	char **paths = NULL, **names;
	int i, n = 0, rv = 0;

	list_inputs(r, &paths, &n);
	names = xcalloc((size_t)n + 1, sizeof(char *));
	for (i = 0; i < n; i++)
		if ((names[i] = input_name(o->outdir, paths[i])) == NULL)
			names[i] = xstrdup(paths[i]);
	if (n > 0)
		rv = hash_files(fp, paths, names, n);
	for (i = 0; i < n; i++) {
		free(paths[i]);
		free(names[i]);
	}
	free(paths);
	free(names);
	return rv;
}

/* The report's file name, "bao-cao-P.pdf" with suffix before ".pdf"; buf. */
static const char *
report_name(char *buf, size_t size, const char *label, const char *suffix)
{
	snprintf(buf, size, "bao-cao-%s%s.pdf", label, suffix);
	return buf;
}

/* The manifest's name for o: SHA256SUMS, a draft's suffix after it; buf. */
static const char *
manifest_name(char *buf, size_t size, const struct report_opts *o)
{
	snprintf(buf, size, "%s%s", MANIFEST_NAME, o->dsuffix);
	return buf;
}

/*
 * Whether a final of label is in o's folder: its report, or a manifest
 * that lists it. The report alone is not enough: taken away to be signed
 * (or renamed by hand), it left the final's workbook and manifest to be
 * overwritten by the next draft's plain-named ones.
 */
static int
final_exists(const struct report_opts *o, const char *label)
{
	char name[128], path[PATH_MAX + 128];

	snprintf(path, sizeof(path), "%s/%s", o->outdir,
	    report_name(name, sizeof(name), label, ""));
	return access(path, F_OK) == 0 || final_complete(o->outdir, name);
}

/* Whether o's folder holds r's finished final (finals.h). */
static int
final_done(const struct run *r, const struct report_opts *o)
{
	char report[128];

	return final_complete(o->outdir, report_name(report, sizeof(report),
	    r->label, ""));
}

/* Puts the staged files in place, o's manifest last; 0 or EXIT_USAGE. */
static int
install(const struct report_opts *o)
{
	char manifest[64];

	return stage_install(o->outdir, o->stage, manifest_name(manifest,
	    sizeof(manifest), o)) != 0 ? EXIT_USAGE : 0;
}

/*
 * SHA256SUMS: the outputs of this run and the inputs they were made from
 * (hashed before they were read: inputs.sums), into the stage.
 */
static int
write_manifest(struct report_opts *o)
{
	char tmp[PATH_MAX], ins[PATH_MAX], **paths, name[64];
	int i, rv;
	FILE *fp;

	tmppath(tmp, "SHA256SUMS");
	if ((fp = fopen(tmp, "w")) == NULL)
		return EXIT_USAGE;
	qsort(o->written, (size_t)o->nwritten, sizeof(char *), cmp_str);
	paths = xcalloc((size_t)o->nwritten + 1, sizeof(char *));
	for (i = 0; i < o->nwritten; i++) {
		paths[i] = xmalloc(strlen(o->stage) + strlen(o->written[i]) + 2);
		sprintf(paths[i], "%s/%s", o->stage, o->written[i]);
	}
	rv = hash_files(fp, paths, o->written, o->nwritten);
	for (i = 0; i < o->nwritten; i++)
		free(paths[i]);
	free(paths);
	if (rv == 0)
		rv = copy_to(tmppath(ins, "inputs.sums"), fp);
	if (fclose(fp) != 0)
		rv = EXIT_USAGE;
	if (rv == 0)
		rv = publish(o, tmp, manifest_name(name, sizeof(name), o));
	return rv;
}

/* The register of issued reports, beside the period folders. */
static void
register_path(char *buf, size_t size)
{
	snprintf(buf, size, "%s/so-dang-ky.csv", output_dir);
}

/*
 * The inputs r reads, configuration included, as "HASH  name" lines in the
 * temporary inputs.sums (what a manifest lists), hashed before they are
 * read, and their digest: the SHA-256 of manifest_input_keys() (hashes
 * and the last two components of each path: templates read from another
 * folder are the same inputs), which names the version of a final in the
 * register.
 */
static int
hash_inputs_now(struct run *r, const struct report_opts *o,
    char digest[DOCREG_DIGESTSZ])
{
	char sums[PATH_MAX], hashes[PATH_MAX], out[PATH_MAX], *text, **h;
	const char *argv[] = { "sha256sum", hashes, NULL };
	size_t len;
	FILE *fp;
	int rv, i, n;

	tmppath(sums, "inputs.sums");
	tmppath(hashes, "inputs.hashes");
	tmppath(out, "inputs.digest");
	/* each failure says why: TMPDIR full is no fault of the inputs */
	if ((fp = fopen(sums, "w")) == NULL)
		diag_errorat(sums, 0, 0, "cannot write:");
	rv = fp == NULL ? EXIT_USAGE : hash_inputs(r, o, fp);
	if (fp != NULL && fclose(fp) != 0) {
		diag_errorat(sums, 0, 0, "cannot write:");
		rv = EXIT_USAGE;
	}
	h = manifest_input_keys(sums, &n);
	if (rv == 0 && (fp = fopen(hashes, "w")) != NULL) {
		for (i = 0; i < n; i++)
			fprintf(fp, "%s\n", h[i]);
		if (fclose(fp) != 0)
			rv = EXIT_USAGE;
		if (rv != 0)
			diag_errorat(hashes, 0, 0, "cannot write:");
	} else if (rv == 0) {
		diag_errorat(hashes, 0, 0, "cannot write:");
		rv = EXIT_USAGE;
	}
	manifest_inputs_free(h, n);
	text = rv == 0 && run_prog(argv, NULL, out, NULL) == 0 ?
	    read_file(out, &len) : NULL;
	if (text == NULL || len < 64) {
		diag_plain("cannot hash the inputs of %s", r->label);
		free(text);
		return EXIT_USAGE;
	}
	snprintf(digest, DOCREG_DIGESTSZ, "%.64s", text);
	free(text);
	return 0;
}

/*
 * A final already registered prints its number and date of issue; looked
 * up by the digest of its inputs, so a final replaced with other inputs
 * (--force) is a new, unnumbered document.
 */
static int
registered_number(struct run *r, struct report_opts *o, const char *digest)
{
	char path[PATH_MAX + 32];
	struct docreg_entry e;
	int rv;

	register_path(path, sizeof(path));
	if ((rv = docreg_find(path, r->label, digest, &e)) < 0)
		return EXIT_DATA;
	if (rv == 1) {
		snprintf(o->number, sizeof(o->number), DOCREG_NUMBER_FMT,
		    e.number);
		snprintf(o->issued, sizeof(o->issued), "%s", e.date);
	}
	return 0;
}

/*
 * Which file each input is, beyond its bytes: its size and the times of
 * its last change, one line per file, into sb. A sheet removed or
 * replaced while the run read it and then put back as it was (a sync
 * tool that deletes and re-creates, a save undone) hashes the same
 * before and after the run, though what was read in between was another
 * file or none: the outputs of the one, the manifest of the other. Its
 * change time (ctime), which no one can set back, tells. Not the inode
 * number: a share mounted without server inode numbers may give a file
 * another one from one look to the next.
 */
static void
inputs_identity(struct run *r, struct sbuf *sb)
{
	char **paths = NULL;
	struct stat st;
	int i, n = 0;

	sbuf_reset(sb);
	list_inputs(r, &paths, &n);
	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) != 0)
			sbuf_adds(sb, "- - -");		/* three fields */
		else
			sbuf_printf(sb, "%jd %jd.%09ld %jd.%09ld",
			    (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
			    st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec,
			    st.st_ctim.tv_nsec);
		sbuf_printf(sb, " %s\n", paths[i]);
		free(paths[i]);
	}
	free(paths);
}

/*
 * The paths (at most max) whose lines differ in two inputs_identity() of
 * one list of files; a path follows the line's third space.
 */
static void
identity_changes(const char *a, const char *b, int max, struct sbuf *what)
{
	const char *ea, *eb, *name;
	int n = 0, k;

	for (; *a != '\0' && *b != '\0' && n < max; a = ea + 1, b = eb + 1) {
		ea = strchr(a, '\n');
		eb = strchr(b, '\n');
		if (ea - a == eb - b && memcmp(a, b, (size_t)(ea - a)) == 0)
			continue;
		for (name = b, k = 0; k < 3; name++)
			k += *name == ' ';
		sbuf_printf(what, "%s%.*s", n++ > 0 ? ", " : "",
		    (int)(eb - name), name);
	}
}

/*
 * Whether the inputs still hash as they did before the run read them
 * (inputs.sums), and are still the same files (o->identity). A
 * department saving a revised sheet, or a file removed, while the run
 * reads would give outputs made of other bytes than their manifest lists,
 * and a final that its own inputs could not make again; so nothing is put
 * in place and the run is to be made again. 0, or EXIT_USAGE after a
 * message.
 */
static int
inputs_unchanged(struct run *r, const struct report_opts *o)
{
	char before[PATH_MAX], after[PATH_MAX];
	struct sbuf what = SBUF_INIT;
	FILE *fp;
	int rv;

	tmppath(before, "inputs.sums");
	tmppath(after, "inputs.after");
	if ((fp = fopen(after, "w")) == NULL)
		diag_errorat(after, 0, 0, "cannot write:");
	rv = fp == NULL ? EXIT_USAGE : hash_inputs(r, o, fp);
	if (fp != NULL && fclose(fp) != 0) {
		diag_errorat(after, 0, 0, "cannot write:");
		rv = EXIT_USAGE;
	}
	if (rv != 0) {
		/* not "changed" (TMPDIR full, say): run again, in vain */
		diag_plain("cannot hash the inputs of %s again before putting "
		    "the outputs in place (the message above says why); "
		    "nothing was written", r->label);
		return EXIT_USAGE;
	}
	if (manifest_changed_inputs(before, after, 5, &what) == 0) {
		struct sbuf now = SBUF_INIT;

		inputs_identity(r, &now);
		identity_changes(sbuf_str(&o->identity), sbuf_str(&now), 5,
		    &what);
		sbuf_release(&now);
		if (what.len == 0) {
			sbuf_release(&what);
			return 0;
		}
	}
	diag_plain("the inputs of %s changed while the report was made%s%s; "
	    "nothing was written: run it again", r->label,
	    what.len > 0 ? ": " : "", sbuf_str(&what));
	sbuf_release(&what);
	return EXIT_USAGE;
}

/* Says why a final is not replaced: what changed, and what to do. */
static void
refuse_final(const struct report_opts *o)
{
	struct sbuf what = SBUF_INIT;

	if (final_changed_inputs(o->outdir, o->stage, 5, &what) > 0)
		diag_errorat(o->outdir, 0, 0, "a final report is already there "
		    "and this one would differ, because these changed since: "
		    "%s; use --force to replace it (the old files are kept as "
		    "*.vN.*; a registered final then needs its new number)",
		    sbuf_str(&what));
	else if (o->date[0] != '\0')
		/* the same inputs: only the date line can differ */
		diag_errorat(o->outdir, 0, 0, "a final report is already there, "
		    "made from these same inputs with another date: --date %s "
		    "would change its date line; run without --date to leave "
		    "it as it is, or use --force to replace it (the old files "
		    "are kept as *.vN.*)", o->date);
	else
		diag_errorat(o->outdir, 0, 0, "a final report is already there "
		    "and this one would differ (its date or the programs "
		    "changed); use --force to replace it (the old files are "
		    "kept as *.vN.*)");
	sbuf_release(&what);
}

/*
 * Whether the final in o's folder was made from the inputs, configuration
 * and templates of the one staged, which differs only as a rerun does: on
 * a later day (from cron or by hand, no --date asked for) or by a newer
 * build. The final in place is then the one issued, perhaps signed: it is
 * kept, not refused as if the data had changed.
 */
static int
same_final_another_day(const struct report_opts *o)
{
	char a[PATH_MAX + 16], b[PATH_MAX + 16];

	if (o->date[0] != '\0')
		return 0;
	snprintf(a, sizeof(a), "%s/%s", o->outdir, MANIFEST_NAME);
	snprintf(b, sizeof(b), "%s/%s", o->stage, MANIFEST_NAME);
	return manifest_same_inputs(a, b);
}

/*
 * Puts the staged final in place (SPEC §8): over a finished final only
 * when the two are the same files (so a rerun changes nothing), or, with
 * force, after keeping the old one as *.vN.*. A final made from the same
 * inputs on another day is left in place (o->kept).
 */
static int
install_final(struct run *r, struct report_opts *o, int force)
{
	int v;

	if (final_done(r, o) && final_differs(o->outdir, o->stage, NULL)) {
		if (!force && same_final_another_day(o)) {
			o->kept = 1;
			return 0;
		}
		if (!force) {
			refuse_final(o);
			return EXIT_DATA;
		}
		if (final_keep_old(o->outdir, &v) != 0)
			return EXIT_USAGE;
		o->old_version = v;
	}
	return install(o);
}

/*
 * The clerk needs the list of errors: the validation report alone, unless
 * it would replace a finished final's own.
 */
static int
install_validation(struct run *r, struct report_opts *o)
{
	int rv;

	if (o->draft == 0 && final_done(r, o))
		return 0;
	if ((rv = publish_validation(r, o)) != 0 || (rv = install(o)) != 0)
		return rv;
	diag_plain("%s: the data has errors, so only their list was written: "
	    "%s/kiem-tra-%s%s.txt", r->label, o->outdir, r->label, o->suffix);
	return 0;
}

/* Every output of r's period into the stage; the manifest last. */
static int
render_all(struct run *r, struct report_opts *o)
{
	char name[256];
	int rv;

	if ((rv = publish_validation(r, o)) != 0)
		return rv;
	snprintf(name, sizeof(name), "chi-so-%s%s.csv", r->label, o->dsuffix);
	if ((rv = publish(o, r->indicators, name)) != 0)
		return rv;
	/* the first failure ends the run: nothing will be put in place */
	if (r->p.kind == PK_MONTH) {
		/* One call makes the form of every unit that sent its sheet. */
		say("writing the BM.07.01 forms of %s", r->label);
		if ((rv = render_pdf(r, o, "bm", NULL, NULL)) != 0)
			return rv;
	}
	say("writing the report of %s", r->label);
	report_name(name, sizeof(name), r->label, o->suffix);
	if ((rv = render_pdf(r, o, "report", NULL, name)) != 0)
		return rv;
	snprintf(name, sizeof(name), "cai-tien-%s%s.pdf", r->label, o->suffix);
	if ((rv = render_pdf(r, o, "improvement", NULL, name)) != 0)
		return rv;
	say("writing the workbook of %s", r->label);
	if ((rv = render_xlsx(r, o)) != 0)
		return rv;
	return write_manifest(o);
}

/*
 * Everything of SPEC §7 for r's period into o->outdir, whose lock the
 * caller holds. Outputs wait in the stage and are put in place only when
 * all were written: with data errors, only the validation report; for a
 * final, only when every unit submitted (or o->allow_missing) and as
 * install_final() allows.
 */
static int
make_report(struct run *r, struct report_opts *o, int force)
{
	char digest[DOCREG_DIGESTSZ];
	struct sbuf names = SBUF_INIT;
	int rv, missing = 0, refuse;

	if (o->draft > 0)
		snprintf(o->suffix, sizeof(o->suffix), "-du-thao-%d", o->draft);
	if (o->draft > 0 && final_exists(o, r->label))
		snprintf(o->dsuffix, sizeof(o->dsuffix), "%s", o->suffix);
	inputs_identity(r, &o->identity);	/* before hashing: SPEC §9 */
	if ((rv = hash_inputs_now(r, o, digest)) != 0)
		return rv;
	rv = run_numbers(r);
	if (rv == EXIT_DATA || rv == 0)
		rv = worst(rv, write_validation(r, o, &missing, &names));
	refuse = rv == 0 && o->draft == 0 && missing > 0 && !o->allow_missing;
	if (refuse)
		diag_plain("%d unit(s) have not submitted everything for %s "
		    "(%s); a final report needs them all (or --allow-missing)",
		    missing, r->label, sbuf_str(&names));
	sbuf_release(&names);
	if (refuse)
		return EXIT_DATA;
	if (rv == EXIT_DATA)
		return worst(rv, install_validation(r, o));
	if (rv != 0)
		return rv;
	if (o->draft == 0 && o->number[0] == '\0' &&
	    (rv = registered_number(r, o, digest)) != 0)
		return rv;
	if ((rv = render_all(r, o)) != 0 || (rv = inputs_unchanged(r, o)) != 0)
		return rv;
	return o->draft == 0 ? install_final(r, o, force) : install(o);
}

/*
 * realpath() of path, which need not exist yet: its deepest existing
 * folder resolved, the rest (folders mkdirs() would make) kept as given.
 * -1 when nothing of it resolves or the rest climbs with "..".
 */
static int
resolve_to_be(const char *path, char out[PATH_MAX])
{
	char head[PATH_MAX], *slash;
	const char *rest;

	snprintf(head, sizeof(head), "%s", path);
	while (realpath(head[0] != '\0' ? head : ".", out) == NULL) {
		if (errno != ENOENT || head[0] == '\0')
			return -1;
		if ((slash = strrchr(head, '/')) == NULL)
			head[0] = '\0';	/* relative: from "." */
		else
			slash[slash == head] = '\0';	/* "/x": from "/" */
	}
	rest = path + strlen(head);
	rest += *rest == '/';
	if (*rest == '\0')
		return 0;
	if (strstr(rest, "..") != NULL ||
	    strlen(out) + strlen(rest) + 2 >= PATH_MAX)
		return -1;
	if (strcmp(out, "/") != 0)
		strcat(out, "/");
	strcat(out, rest);
	return 0;
}

/*
 * Whether folder dir, given as --opt, names the input folder itself or a
 * folder inside one of its month folders, after a message: a month's
 * period folder would be its submissions' folder, and a folder made
 * inside input/YYYY-MM changes that month's submissions (SPEC §8: inputs
 * are never modified; the next check of the month meets a stray folder);
 * archive would move submissions away, or (--to) old reports in among
 * them, as month folders of their own.
 */
static int
dir_is_input(const char *dir, const char *opt)
{
	char in[PATH_MAX], out[PATH_MAX];
	const char *month, *end;
	size_t n;
	long m;

	if (realpath(input_dir, in) == NULL || resolve_to_be(dir, out))
		return 0;
	if (strcmp(in, out) == 0) {
		diag_plain("--%s '%s' is the input folder '%s': reports are "
		    "never written among the submissions; give another --%s",
		    opt, dir, input_dir, opt);
		return 1;
	}
	n = strlen(in);
	if (strncmp(in, out, n) != 0 || out[n] != '/')
		return 0;
	month = out + n + 1;
	end = month + strcspn(month, "/");
	if (month_parse(month, (size_t)(end - month), &m) != 0)
		return 0;	/* input/other: never read */
	diag_plain("--%s '%s' is in the month folder '%s/%.*s' of the "
	    "submissions: reports are never written among them; give another "
	    "--%s", opt, dir, input_dir, (int)(end - month), month, opt);
	return 1;
}

/* Whether --output is the input folder or in a month of it (above). */
static int
output_is_input(void)
{
	return dir_is_input(output_dir, "output");
}

/*
 * Opens (creating) and locks r's output folder into o->outdir, and its
 * empty stage; -1. A folder removed while we waited for its lock is made
 * again (lock_period()); a bound on that, in case of a folder removed
 * over and over by something else.
 */
static int
open_outdir(struct run *r, struct report_opts *o)
{
	int tries = 0, fd;

	if (output_is_input())
		return -1;
	snprintf(o->outdir, sizeof(o->outdir), "%s/%s", output_dir, r->label);
	do {
		if (mkdirs(o->outdir, &o->made_outdir) != 0) {
			diag_errorat(o->outdir, 0, 0, "cannot create:");
			return -1;
		}
	} while ((fd = lock_period(o->outdir)) == LOCK_GONE && ++tries < 100);
	if (fd == LOCK_GONE)
		diag_errorat(o->outdir, 0, 0, "cannot lock: the folder was "
		    "removed %d times while this run waited", tries);
	if (fd < 0)
		return -1;
	o->lockfd = fd;
	if (stage_open(o->outdir, o->stage, sizeof(o->stage)) != 0) {
		diag_errorat(o->stage, 0, 0, "cannot create:");
		return -1;
	}
	return 0;
}

static void
report_opts_release(struct report_opts *o)
{
	int i;

	for (i = 0; i < o->nwritten; i++)
		free(o->written[i]);
	free(o->written);
	sbuf_release(&o->identity);
	if (o->stage[0] != '\0')
		stage_discard(o->stage);	/* what a failed run left */
	/*
	 * A folder this run made and wrote nothing into (a final refused,
	 * a run that failed) goes again, while its lock is still held: a
	 * clerk found an empty output/P/ after a refused final.
	 */
	if (o->made_outdir && o->lockfd >= 0 &&
	    outdir_drop_unused(o->outdir, LOCK_NAME) == 0) {
		close(o->lockfd);
		o->lockfd = -1;
	}
}

/* --date's argument as YYYY-MM-DD into date; -1 after a message. */
static int
date_option(const char *arg, char date[DATE_BUFSZ])
{
	long day;

	if (date_parse(arg, strlen(arg), &day) != DATE_OK) {
		diag_plain("--date is '%s'; expected YYYY-MM-DD or DD/MM/YYYY",
		    arg);
		return -1;
	}
	date_iso(day, date);
	return 0;
}

/*
 * A final dated (--date) before the last day of its period is most likely
 * a slip ("--date 2025-03-01" for 2025-H1): a warning, as for a number
 * dated out of order; register refuses such a date of issue. A draft may
 * be written before its period is over, to be commented on.
 */
static void
final_dated_early(const struct run *r, const struct report_opts *o)
{
	char end[DATE_BUFSZ];
	long day;

	if (o->draft != 0 || o->date[0] == '\0' || date_parse(o->date,
	    strlen(o->date), &day) != DATE_OK || day >= r->p.last_day)
		return;
	date_vn(r->p.last_day, end);
	diag_plain("warning: --date %s is before the end of %s (%s): a final "
	    "report is dated once its period is over; check the date",
	    o->date, r->label, end);
}

static int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "allow-missing", no_argument, NULL, 'a' },
		{ "date", required_argument, NULL, 'D' },
		{ "draft", required_argument, NULL, 'd' },
		{ "final", no_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'F' },
		{ "period", required_argument, NULL, 'p' },
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct report_opts o;
	struct run r;
	const char *label = NULL;
	long v;
	int ch, rv, force = 0, drafted = 0, final = 0;

	memset(&o, 0, sizeof(o));
	o.lockfd = -1;
	o.draft = 1;
	optind = 0;	/* 0: glibc starts afresh (main parsed in "+" order) */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			o.allow_missing = 1;
			break;
		case 'D':
			if (date_option(optarg, o.date) != 0)
				return EXIT_USAGE;
			break;
		case 'd':
			if (num_option(optarg, 1, 99, &v) != 0) {
				diag_plain("--draft is '%s'; expected 1 to 99",
				    optarg);
				return EXIT_USAGE;
			}
			o.draft = (int)v;
			drafted = 1;
			break;
		case 'f':
			final = 1;
			break;
		case 'F':
			force = 1;
			break;
		case 'p':
			label = optarg;
			break;
		default:
			if (global_option(ch, optarg) != 0)
				usage();
		}
	}
	period_option_given(label, argc, argv);
	if (drafted && final) {
		diag_plain("--draft and --final exclude each other");
		return EXIT_USAGE;
	}
	if (force && !final) {
		diag_plain("--force replaces a final: it goes with --final");
		return EXIT_USAGE;
	}
	if (final)
		o.draft = 0;
	if ((rv = run_init(&r, label)) == 0) {
		final_dated_early(&r, &o);
		if (open_outdir(&r, &o) != 0)
			rv = EXIT_USAGE;
		else if ((rv = make_report(&r, &o, force)) == 0 && o.kept)
			printf("%s: the final in %s/ was made from these same "
			    "inputs; it is left as it was (--force makes it "
			    "anew and keeps it as *.vN.*)\n", r.label, o.outdir);
		else if (rv == 0 && o.old_version > 0)
			/* a result for the log, not progress */
			printf("%s: %d files written in %s/; the old final's "
			    "files are kept as *.v%d.*\n", r.label, o.nwritten,
			    o.outdir, o.old_version);
		else if (rv == 0)
			printf("%s: %d files written in %s/\n", r.label,
			    o.nwritten, o.outdir);
	}
	report_opts_release(&o);
	run_release(&r);
	return rv;
}

/*
 * The value of section:key in templates/pdf/file (def when the file or
 * the key is absent), followed by tail; the caller frees it.
 */
static char *
template_text(const char *file, const char *section, const char *key,
    const char *def, const char *tail)
{
	char path[PATH_MAX];
	const char *dir = tmpl_dir(templates_dir);
	struct sbuf s = SBUF_INIT;
	struct tmpl *t = NULL;

	if (dir != NULL) {
		snprintf(path, sizeof(path), "%s/pdf/%s", dir, file);
		t = tmpl_load(path);
	}
	sbuf_printf(&s, "%s%s", t == NULL ? def : tmpl_get(t, section, key,
	    def), tail);
	if (t != NULL)
		tmpl_free(t);
	return sbuf_detach(&s);
}

/*
 * Gives the final of r's period, made from the inputs of digest, its
 * number in the register (want, or the next of the year of o->date) into
 * o->number and o->date.
 */
static int
take_number(struct run *r, struct report_opts *o, const char *digest,
    long want)
{
	char path[PATH_MAX + 32], title[PERIOD_TITLESZ + 1], code[64];
	char *subject, *suffix;
	struct docreg_entry e;
	enum docreg_status st;
	long day;
	int y, m, d;

	register_path(path, sizeof(path));
	period_title(&r->p, title + 1);
	title[0] = ' ';
	subject = template_text("report.ini", "report", "doc_title", "Báo cáo",
	    title);
	snprintf(code, sizeof(code), "-%s", r->cfg.code);
	/* "BC-UBND" as the PDF prints it after the number */
	suffix = template_text("common.ini", "header", "doc_type", "BC", code);
	st = docreg_take(path, r->label, digest, o->date, want, suffix,
	    subject, &e);
	free(subject);
	free(suffix);
	if (st == DOCREG_BAD)
		return EXIT_DATA;
	if (st == DOCREG_FAILED)
		return EXIT_USAGE;	/* a failed write (SPEC §4) */
	if (st == DOCREG_TAKEN) {
		diag_errorat(path, 0, 0, "number %s is already the report of "
		    "%s issued on %s", e.symbol, e.period, e.date);
		return EXIT_DATA;
	}
	if (st == DOCREG_EXISTING && ((want > 0 && want != e.number) ||
	    (o->date_given && strcmp(o->date, e.date) != 0))) {
		/* a registered number and date of issue never change */
		diag_errorat(path, 0, 0, "the final report of %s already has "
		    "number %s (issued on %s)", r->label, e.symbol, e.date);
		return EXIT_DATA;
	}
	if (st == DOCREG_EXISTING)
		say("already registered as %s", e.symbol);
	snprintf(o->number, sizeof(o->number), DOCREG_NUMBER_FMT, e.number);
	snprintf(o->issued, sizeof(o->issued), "%s", e.date);
	date_parse(e.date, strlen(e.date), &day);
	date_to_ymd(day, &y, &m, &d);
	printf("%s: số %s, ngày %02d/%02d/%d (%s)\n", r->label, e.symbol, d, m,
	    y, path);
	return 0;
}

/*
 * The final's manifest into the stage, with the line of the report (name)
 * carrying the hash of the numbered copy staged.
 */
static int
renumbered_manifest(struct report_opts *o, const char *name)
{
	char old[PATH_MAX + 32], staged[PATH_MAX + 256], line1[PATH_MAX];
	char *paths[1], *names[1], *text, *p, *nl;
	size_t tail;
	FILE *fp;
	int rv;

	snprintf(old, sizeof(old), "%s/%s", o->outdir, MANIFEST_NAME);
	snprintf(staged, sizeof(staged), "%s/%s", o->stage, name);
	paths[0] = staged;
	names[0] = (char *)name;
	if ((fp = fopen(tmppath(line1, "report.sum"), "w")) == NULL)
		return EXIT_USAGE;
	rv = hash_files(fp, paths, names, 1);
	fclose(fp);
	if (rv != 0 || (text = read_file(old, NULL)) == NULL)
		return EXIT_USAGE;
	if ((fp = fopen(tmppath(line1, "report.sum"), "r")) == NULL ||
	    fgets(line1, sizeof(line1), fp) == NULL) {
		if (fp != NULL)
			fclose(fp);
		free(text);
		return EXIT_USAGE;
	}
	fclose(fp);
	tail = strlen(line1 + 64);		/* "  name\n" */
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		if ((size_t)(nl - p) + 1 == 64 + tail &&
		    memcmp(p + 64, line1 + 64, tail) == 0)
			memcpy(p, line1, 64);	/* same name, new hash */
	fp = fopen(tmppath(line1, "SHA256SUMS"), "w");
	rv = fp == NULL || fputs(text, fp) < 0;
	if (fp != NULL && fclose(fp) != 0)
		rv = 1;
	free(text);
	return rv != 0 ? EXIT_USAGE : publish(o, line1, MANIFEST_NAME);
}

/*
 * The registered final: its report written again with o's number and date
 * of issue, its manifest updated; every other file stays as it was.
 */
static int
print_number(struct run *r, struct report_opts *o)
{
	char name[128];
	int rv;

	if ((rv = run_numbers(r)) != 0)
		return rv;
	report_name(name, sizeof(name), r->label, "");
	if ((rv = render_pdf(r, o, "report", NULL, name)) != 0 ||
	    (rv = renumbered_manifest(o, name)) != 0)
		return rv;
	/* over a finished final: its manifest stays until replaced */
	return stage_install_keep(o->outdir, o->stage, MANIFEST_NAME) != 0 ?
	    EXIT_USAGE : 0;
}

/*
 * A date of issue before the last day of the period ("--date 2025-03-01"
 * for 2025-H1, a slip for 2025-07-01) would go into the append-only
 * register for good: a report is issued once its period is over, so it is
 * refused (exit 1) before a number is taken. Not for a final registered
 * already (take_number() says its number) nor with --number, which copies
 * an entry written by hand, number and date as they are.
 */
static int
issued_too_early(struct run *r, struct report_opts *o, int registered,
    long want)
{
	char end[DATE_BUFSZ];
	long day;

	if (registered || !o->date_given || want > 0 || date_parse(o->date,
	    strlen(o->date), &day) != DATE_OK || day >= r->p.last_day)
		return 0;
	date_vn(r->p.last_day, end);
	diag_plain("--date %s is before the end of %s (%s): a report is "
	    "issued once its period is over; check the date", o->date,
	    r->label, end);
	return EXIT_DATA;
}

/*
 * Numbers run in the order of issue (Decree 30/2020, Art. 15): a new
 * number dated before one already given that year (--date 2025-05-20 after
 * 01/BC-UBND of 2025-06-25 gets 02 dated before 01) is most likely a
 * slip in the date; a warning naming the later entry, before the number
 * is taken (the clerk may mean it: a document signed earlier and numbered
 * late). Not with --number, nor for a final registered already.
 */
static void
warn_out_of_order(struct report_opts *o, int registered, long want)
{
	char path[PATH_MAX + 32], later[DATE_BUFSZ] = "", sym[64] = "";
	char *text, *line, *save = NULL;

	register_path(path, sizeof(path));
	if (registered || want > 0 || (text = read_file(path, NULL)) == NULL)
		return;
	/* nam,so,ky_hieu,ngay,...: the first four never hold a comma */
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[4], *p = line;
		int i;

		for (i = 0; i < 4 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, ',')) != NULL)
				*p++ = '\0';
		}
		if (i < 4 || strncmp(f[0], o->date, 4) != 0 ||
		    strlen(f[0]) != 4 || strlen(f[3]) >= sizeof(later) ||
		    strcmp(f[3], o->date) <= 0 || strcmp(f[3], later) <= 0)
			continue;
		snprintf(later, sizeof(later), "%s", f[3]);
		snprintf(sym, sizeof(sym), "%s", f[2]);
	}
	free(text);
	if (later[0] != '\0')
		diag_warnat(path, 0, 0, "the date of issue %s is before that "
		    "of %s (%s): numbers run in the order of issue, so the "
		    "new number will be dated before it; check --date",
		    o->date, sym, later);
}

/*
 * baocao register --period P [--number N] [--date D]: the clerk gives the
 * final report of P its document number (SPEC §8) in the register, and the
 * final is written again with the number and the date of issue on it.
 */
static int
cmd_register(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'D' },
		{ "number", required_argument, NULL, 'n' },
		{ "period", required_argument, NULL, 'p' },
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct report_opts o;
	struct run r;
	const char *label = NULL;
	char sums[PATH_MAX + 32], insums[PATH_MAX], digest[DOCREG_DIGESTSZ];
	char regpath[PATH_MAX + 32];
	struct docreg_entry entry;
	long want = 0;
	int ch, rv, registered;

	memset(&o, 0, sizeof(o));
	o.lockfd = -1;
	optind = 0;	/* 0: glibc starts afresh (main parsed in "+" order) */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'D':
			if (date_option(optarg, o.date) != 0)
				return EXIT_USAGE;
			break;
		case 'n':
			if (num_option(optarg, 1, DOCREG_NUMBER_MAX, &want) != 0) {
				diag_plain("--number is '%s'; expected a whole "
				    "number from 1", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'p':
			label = optarg;
			break;
		default:
			if (global_option(ch, optarg) != 0)
				usage();
		}
	}
	period_option_given(label, argc, argv);
	if ((rv = run_init(&r, label)) != 0)
		goto done;
	o.date_given = o.date[0] != '\0';
	if (!o.date_given)
		date_iso(today, o.date);	/* issued today */
	/* no folder, no final: register makes none (archive would list it) */
	snprintf(o.outdir, sizeof(o.outdir), "%s/%s", output_dir, r.label);
	if (access(o.outdir, F_OK) == 0 && open_outdir(&r, &o) != 0) {
		rv = EXIT_USAGE;
		goto done;
	}
	snprintf(sums, sizeof(sums), "%s/%s", o.outdir, MANIFEST_NAME);
	if (o.stage[0] == '\0' || !final_done(&r, &o)) {
		diag_plain("there is no final report of %s in %s/ to register; "
		    "write it first: baocao report --period %s --final",
		    r.label, o.outdir, r.label);
		rv = EXIT_DATA;
		goto done;
	}
	if ((rv = hash_inputs_now(&r, &o, digest)) != 0)
		goto done;
	if (!manifest_same_inputs(sums, tmppath(insums, "inputs.sums"))) {
		diag_plain("the inputs of %s have changed since its final "
		    "report was written; write it again first (baocao report "
		    "--period %s --final --force)", r.label, r.label);
		rv = EXIT_DATA;
		goto done;
	}
	/* read once: a damaged register is reported once, by this */
	register_path(regpath, sizeof(regpath));
	if ((registered = docreg_find(regpath, r.label, digest, &entry)) < 0) {
		rv = EXIT_DATA;
		goto done;
	}
	if ((rv = issued_too_early(&r, &o, registered, want)) == 0)
		warn_out_of_order(&o, registered, want);
	if (rv == 0 && (rv = take_number(&r, &o, digest, want)) == 0 &&
	    (rv = print_number(&r, &o)) != 0 && !stop_sig)
		/* the number stands in the register; the next register
		 * finds it and writes the final with it */
		diag_plain("%s: number %s is in the register, but the final "
		    "report could not be written with it; run this register "
		    "again", r.label, o.number);
done:
	report_opts_release(&o);
	run_release(&r);
	return rv;
}

/* Writes text to dir/name atomically; reports and returns non-zero on failure. */
static int
write_text(const char *dir, const char *name, const char *text)
{
	struct atomic_file af;
	char path[PATH_MAX + 256];
	FILE *fp;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path) || (fp = atomic_open(&af, path)) == NULL) {
		diag_errorat(path, 0, 0, "cannot write:");
		return EXIT_USAGE;
	}
	fputs(text, fp);
	if (atomic_commit(&af) != 0) {
		diag_errorat(path, 0, 0, "cannot write:");
		return EXIT_USAGE;
	}
	printf("%s\n", path);
	return 0;
}

/*
 * The blank monthly sheet of unit u for month m, commented from t; under
 * the cut-off rule (cutoff_day) it says the days the month holds.
 */
static void
blank_sheet(struct sbuf *sb, const struct tmpl *t, const struct unit *u,
    long m, int cutoff_day)
{
	const char *sec = "", *w;
	char ms[DATE_BUFSZ];
	int i;

	month_iso(m, ms);
	sbuf_printf(sb, "; %s %02d/%d\n; %s (%s)\n",
	    tmpl_get(t, "title", "sheet", "BM.07.01 — Thống kê tình hình "
	    "thực hiện công tác tháng"), month_mon(m),
	    month_year(m), u->name, u->code);
	w = tmpl_get(t, "title", "window", "Số liệu từ ngày {from} đến ngày "
	    "{to}");
	if (cutoff_day != 0 && *w != '\0') {
		char from[DATE_BUFSZ], to[DATE_BUFSZ], *a, *b;

		date_vn(report_month_first_day(m, cutoff_day), from);
		date_vn(report_month_last_day(m, cutoff_day), to);
		a = tmpl_fill(w, "from", from);
		b = tmpl_fill(a, "to", to);
		sbuf_printf(sb, "; %s\n", b);
		free(b);
		free(a);
	}
	sbuf_printf(sb, "; %s\n", tmpl_get(t, "title", "help", ""));
	for (i = 0; i < nsheet_keys; i++) {
		const struct sheet_key *k = &sheet_keys[i];
		const char *val = "";

		if (strcmp(k->section, sec) != 0) {
			sec = k->section;
			sbuf_printf(sb, "\n[%s]\t\t; %s\n", sec,
			    tmpl_get(t, sec, "_", ""));
		}
		if (strcmp(k->key, "unit") == 0)
			val = u->code;
		else if (strcmp(k->key, "period") == 0)
			val = ms;
		else if (strcmp(k->key, "revision") == 0)
			val = "1";
		/*
		 * A narrative's hint goes above it: text typed before a
		 * "; hint" would end where it starts, and baocao-check warns
		 * of a narrative cut by a comment.
		 */
		if (k->type == FT_PARAGRAPHS)
			sbuf_printf(sb, "; %s\n%-18s =\n",
			    tmpl_get(t, sec, k->key, ""), k->key);
		else
			sbuf_printf(sb, "%-18s = %-8s ; %s\n", k->key, val,
			    tmpl_get(t, sec, k->key, ""));
	}
}

/*
 * Appends text as comment lines of at most 76 characters (code points, as
 * an editor shows them), the first line after first, the others after
 * rest; a word longer than a line stays whole.
 */
static void
comment_wrapped(struct sbuf *sb, const char *first, const char *rest,
    const char *text)
{
	const char *p = text, *lead = first;

	while (*p != '\0') {
		const char *e = p, *cut = NULL;
		size_t n = utf8_chars(lead), room = 76;

		for (; *e != '\0' && (n < room || cut == NULL); e++) {
			if (*e == ' ')
				cut = e;
			if (((unsigned char)*e & 0xC0) != 0x80)
				n++;
		}
		if (*e == '\0' && n <= room)
			cut = e;
		if (cut == NULL)
			cut = e;
		sbuf_printf(sb, "%s%.*s\n", lead, (int)(cut - p), p);
		p = *cut == ' ' ? cut + 1 : cut;
		lead = rest;
	}
}

/*
 * The registers' guide, as comments after the sheet: for each kind its
 * file name and what it holds, then each column (in [ ] when optional)
 * with its meaning and allowed values from t ([registers], [register.K]).
 */
static void
register_guide(struct sbuf *sb, const struct tmpl *t, const struct unit *u)
{
	char sec[64], first[64];
	int i, j;

	sbuf_adds(sb, "\n");
	comment_wrapped(sb, "; ", "; ", tmpl_get(t, "registers", "_", ""));
	for (i = 0; i < nreg_kinds; i++) {
		const struct reg_kind *k = &reg_kinds[i];

		snprintf(sec, sizeof(sec), "register.%s", k->name);
		sbuf_printf(sb, ";\n; %s.%s.csv: %s\n", u->code, k->name,
		    tmpl_get(t, sec, "_", ""));
		for (j = 0; j < k->ncols; j++) {
			const struct reg_column *c = &k->cols[j];
			const char *help = tmpl_get(t, sec, c->name,
			    tmpl_get(t, "registers", c->name, ""));
			char col[40];

			snprintf(col, sizeof(col), c->required ? "%s" : "[%s]",
			    c->name);
			snprintf(first, sizeof(first), ";   %-19s ", col);
			comment_wrapped(sb, first, ";                       ",
			    help);
		}
	}
}

/*
 * Whether dir/name may be written with text: 0 when it is absent or holds
 * text already; EXIT_DATA (a copy being filled in) or EXIT_USAGE (cannot
 * be read, so not known to be blank) after a message naming it.
 */
static int
blank_or_absent(const char *dir, const char *name, const struct sbuf *text)
{
	char path[PATH_MAX + 64];
	size_t len;
	char *old;
	int rv = 0;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return 0;	/* too long: write_text() says so */
	if ((old = read_file(path, &len)) == NULL) {
		if (errno == ENOENT)
			return 0;
		diag_errorat(path, 0, 0, "cannot read:");
		return EXIT_USAGE;
	}
	if (len != text->len || memcmp(old, sbuf_str(text), len) != 0) {
		diag_errorat(path, 0, 0, "exists and differs from the blank "
		    "template (filled in?); move it away first");
		rv = EXIT_DATA;
	}
	free(old);
	return rv;
}

/* Adds name to the NULL-terminated list *v of *n names (a borrowed pointer). */
static void
add_name(const char ***v, size_t *n, const char *name)
{
	*v = xrealloc(*v, (*n + 2) * sizeof(**v));
	(*v)[(*n)++] = name;
	(*v)[*n] = NULL;
}

/*
 * The names mau-bieu.ini may use: sections [title], the monthly sheet's
 * sections, [registers] and [register.KIND]; keys "_" (the part's name) and
 * the sheet's keys or the register's columns. A section or key written
 * twice, or misspelt, would silently drop its comment from the blank sheet
 * that departments fill (README: a template mistake stops the run, exit
 * 2, with the nearest right name). Returns the number of errors.
 */
static int
lint_mau_bieu(const struct tmpl *t)
{
	static const char *const fills[] = { "from", "to", NULL };
	static const char *const title_keys[] = { "sheet", "help", "window",
	    NULL };
	const struct tmpl_item *it;
	size_t n, i, nsec = 0, nkey;
	const char **secs = NULL, **keys = NULL;
	char (*regsec)[64] = xcalloc((size_t)nreg_kinds + 1, sizeof(*regsec));
	int bad = tmpl_lint_repeats(t) +
	    tmpl_lint_placeholders(t, fills, NULL, NULL, NULL), k, c;

	add_name(&secs, &nsec, "title");
	add_name(&secs, &nsec, "registers");
	for (k = 0; k < nsheet_sections; k++)
		add_name(&secs, &nsec, sheet_sections[k].name);
	for (k = 0; k < nreg_kinds; k++) {
		snprintf(regsec[k], sizeof(regsec[k]), "register.%s",
		    reg_kinds[k].name);
		add_name(&secs, &nsec, regsec[k]);
	}
	it = tmpl_items(t, &n);
	for (i = 0; i < n; i++) {
		const char *sec = it[i].sec, *key = it[i].key;
		int known = 0;

		if (tmpl_repeats(t, i) != 0)
			continue;	/* reported by tmpl_lint_repeats */
		for (k = 0; secs[k] != NULL; k++)
			known |= strcmp(secs[k], sec) == 0;
		if (!known) {
			if (key == NULL) {
				diag_errorat(tmpl_path(t), it[i].line, 0,
				    "unknown section [%s]%s", sec, suggest_phrase(
				    suggest_nearest(sec, strlen(sec), secs)));
				bad++;
			}
			continue;	/* its keys: the section is reported */
		}
		if (key == NULL)
			continue;
		nkey = 0;
		free(keys);
		keys = NULL;
		if (strcmp(sec, "title") == 0)
			for (k = 0; title_keys[k] != NULL; k++)
				add_name(&keys, &nkey, title_keys[k]);
		else
			add_name(&keys, &nkey, "_");
		for (k = 0; k < nsheet_keys; k++)
			if (strcmp(sheet_keys[k].section, sec) == 0)
				add_name(&keys, &nkey, sheet_keys[k].key);
		for (k = 0; k < nreg_kinds; k++)
			if (strcmp(sec, "registers") == 0 ||
			    strcmp(sec, regsec[k]) == 0)
				for (c = 0; c < reg_kinds[k].ncols; c++)
					add_name(&keys, &nkey,
					    reg_kinds[k].cols[c].name);
		known = 0;
		for (k = 0; keys[k] != NULL; k++)
			known |= strcmp(keys[k], key) == 0;
		if (!known) {
			diag_errorat(tmpl_path(t), it[i].line, 0, "[%s] unknown "
			    "key '%s'%s", sec, key, suggest_phrase(
			    suggest_nearest(key, strlen(key), keys)));
			bad++;
		}
	}
	free(keys);
	free(secs);
	free(regsec);
	return bad;
}

/*
 * The blank sheet and the register headers of unit u for month m into
 * dir. A file there that differs from what would be written (a copy the
 * department has begun to fill in) is never overwritten: the command
 * refuses, exit 1, naming it, and writes nothing; so too, exit 2, for one
 * that cannot be read.
 */
static int
write_template(const char *dir, const struct tmpl *t, const struct unit *u,
    long m, int cutoff_day)
{
	struct sbuf text[1 + REG_KINDS_MAX];
	char name[1 + REG_KINDS_MAX][64];
	int i, j, n = 1 + nreg_kinds, rv = 0;

	for (i = 0; i < n; i++)
		sbuf_init(&text[i]);
	blank_sheet(&text[0], t, u, m, cutoff_day);
	register_guide(&text[0], t, u);
	snprintf(name[0], sizeof(name[0]), "%s.ini", u->code);
	for (i = 1; i < n; i++) {
		const struct reg_kind *k = &reg_kinds[i - 1];

		for (j = 0; j < k->ncols; j++)
			sbuf_printf(&text[i], "%s%s", j ? "," : "",
			    k->cols[j].name);
		sbuf_addc(&text[i], '\n');
		snprintf(name[i], sizeof(name[i]), "%s.%s.csv", u->code,
		    k->name);
	}
	for (i = 0; i < n; i++)
		rv = worst(rv, blank_or_absent(dir, name[i], &text[i]));
	for (i = 0; i < n && rv == 0; i++)
		rv = write_text(dir, name[i], sbuf_str(&text[i]));
	for (i = 0; i < n; i++)
		sbuf_release(&text[i]);
	return rv;
}

/*
 * On a terminal, under the list of files: where they go once filled in,
 * and what to run then (a clerk who made them has the next step at hand;
 * a script reading the list gets the list alone).
 */
static void
template_next_step(const char *code, long m)
{
	char month[DATE_BUFSZ];

	if (!progress)
		return;
	month_iso(m, month);
	fprintf(stderr, "baocao: once %s has filled them in, they go into "
	    "%s/%s/; then run: baocao check %s\n", code, input_dir, month,
	    month);
}

/* baocao template: a blank sheet and empty registers for one unit. */
static int
cmd_template(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *code = NULL, *label = NULL;
	char dir[PATH_MAX], path[PATH_MAX];
	struct config cfg;
	const struct unit *u;
	struct tmpl *t;
	long m;
	int ch, rv;

	optind = 0;	/* 0: glibc starts afresh (main parsed in "+" order) */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			label = optarg;
			break;
		case 'u':
			code = optarg;
			break;
		default:
			if (global_option(ch, optarg) != 0)
				usage();
		}
	}
	if (optind != argc)
		diag_plain("unexpected argument '%s'", argv[optind]);
	else if (code == NULL)
		diag_plain("which unit? give --unit U, e.g. --unit PNV");
	else if (label == NULL)
		diag_plain("which month? give --period YYYY-MM, e.g. --period "
		    "2025-01");
	if (code == NULL || label == NULL || optind != argc)
		usage();
	if (month_parse(label, strlen(label), &m) != 0) {
		diag_plain("--period is '%s'; a template is for one month, "
		    "YYYY-MM", label);
		return EXIT_USAGE;
	}
	if ((rv = config_load(&cfg, config_dir)) != 0)
		return rv;
	u = config_unit(&cfg, code);
	if (u == NULL) {
		const char **codes = config_unit_codes(&cfg);
		char *up = xstrdup(code), *q;
		const struct unit *near;

		/* codes are upper case: "tyt" means TYT, more than PKT */
		for (q = up; *q != '\0'; q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
		near = config_unit(&cfg, up);
		diag_plain("unknown unit '%s' (not in %s/units.ini)%s", code,
		    config_dir, suggest_phrase(near != NULL ? near->code :
		    suggest_nearest(code, strlen(code), codes)));
		free(up);
		free(codes);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	if (!unit_active(u, m)) {
		char m2[DATE_BUFSZ];

		month_iso(m < u->active_from ? u->active_from : u->active_to,
		    m2);
		diag_plain("unit '%s' is not active in %s (active %s %s)",
		    u->code, label, m < u->active_from ? "from" : "until", m2);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	snprintf(path, sizeof(path), "%s/mau-bieu.ini", tmpl_dir(templates_dir));
	t = tmpl_load(path);
	if (t != NULL && lint_mau_bieu(t) > 0) {
		tmpl_free(t);
		config_release(&cfg);
		return EXIT_USAGE;
	}
	snprintf(dir, sizeof(dir), "%s/mau-%s-%s", output_dir, label, u->code);
	if (t == NULL || mkdirs(dir, NULL) != 0) {
		if (t != NULL)
			diag_errorat(dir, 0, 0, "cannot create:");
		config_release(&cfg);
		tmpl_free(t);
		return EXIT_USAGE;
	}
	rv = write_template(dir, t, u, m, cfg.cutoff_day);
	if (rv == 0)
		template_next_step(u->code, m);
	tmpl_free(t);
	config_release(&cfg);
	return rv;
}

#define RETENTION_YEARS	3	/* QT.07 §7: records are kept 3 years */

/* Copies the file from to to, whole or not at all (atomic.h); 0 or -1. */
static int
copy_file(const char *from, const char *to)
{
	struct atomic_file af;

	if (atomic_open(&af, to) == NULL)
		return -1;
	if (copy_to(from, af.fp) != 0 || ferror(af.fp)) {
		atomic_abort(&af);
		return -1;
	}
	return atomic_commit(&af);
}

/*
 * Copies each file of from (n entries ents) into the new folder dst, after
 * a message on the first that cannot be; 0 or -1.
 */
static int
copy_folder(const char *from, const char *dst, struct dirent **ents, int n)
{
	char a[PATH_MAX + 512], b[PATH_MAX + 600];
	struct stat sb;
	int i;

	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		if (strcmp(e, ".") == 0 || strcmp(e, "..") == 0)
			continue;
		snprintf(a, sizeof(a), "%s/%s", from, e);
		snprintf(b, sizeof(b), "%s/%s", dst, e);
		if (lstat(a, &sb) != 0) {
			diag_errorat(a, 0, 0, "cannot read:");
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			diag_errorat(a, 0, 0, "not a file: cannot be copied to "
			    "another file system; move or remove it first");
			return -1;
		}
		if (copy_file(a, b) != 0) {
			diag_errorat(b, 0, 0, "cannot write:");
			return -1;
		}
	}
	return 0;
}

/* Removes from dir its n entries ents (files), then dir; 0 or -1. */
static int
remove_files(const char *dir, struct dirent **ents, int n)
{
	char a[PATH_MAX + 512];
	int i, rv = 0;

	for (i = 0; i < n; i++)
		if (strcmp(ents[i]->d_name, ".") != 0 &&
		    strcmp(ents[i]->d_name, "..") != 0) {
			snprintf(a, sizeof(a), "%s/%s", dir, ents[i]->d_name);
			if (unlink(a) != 0 && errno != ENOENT)
				rv = -1;
		}
	return rmdir(dir) != 0 ? -1 : rv;
}

/*
 * The hidden folder beside dst ("to/.NAME.tmp.XXXXXX") that a copy to
 * another file system fills before it is renamed to dst; -1.
 */
static int
copy_tmpdir(const char *dst, char *tmp, size_t size)
{
	const char *slash = strrchr(dst, '/');
	int dlen = slash != NULL ? (int)(slash - dst) + 1 : 0;

	if ((size_t)snprintf(tmp, size, "%.*s.%s.tmp.XXXXXX", dlen, dst,
	    dst + dlen) >= size || mkdtemp(tmp) == NULL)
		return -1;
	chmod(tmp, 0755);		/* mkdtemp's 0700: as mkdir() makes it */
	return 0;
}

/*
 * Removes what an archive killed while copying name into to left there:
 * its hidden copy folders (copy_tmpdir()). The caller holds the lock of
 * output's folder name, so no live run is filling one.
 */
static void
copy_leftovers(const char *to, const char *name)
{
	char prefix[PATH_MAX], path[PATH_MAX + 512];
	struct dirent **ents;
	struct stat sb;
	size_t len;
	int i, n;

	len = (size_t)snprintf(prefix, sizeof(prefix), ".%s.tmp.", name);
	if ((n = scandir(to, &ents, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", to, ents[i]->d_name);
		if (strncmp(ents[i]->d_name, prefix, len) == 0 &&
		    strlen(ents[i]->d_name) == len + 6 &&
		    lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tmp(path);
		free(ents[i]);
	}
	free(ents);
}

/*
 * The last step of a move: the originals in from removed, their copy
 * whole in dst (move_folder(), or a move move_cut_short() found); 0 or -1
 * after a message.
 */
static int
finish_move(const char *from, const char *dst)
{
	struct dirent **ents;
	int i, n, rv = -1;

	if ((n = scandir(from, &ents, NULL, alphasort)) >= 0) {
		rv = remove_files(from, ents, n);
		for (i = 0; i < n; i++)
			free(ents[i]);
		free(ents);
	}
	if (rv != 0)
		diag_errorat(from, 0, 0, "copied to '%s' but cannot be "
		    "removed:", dst);
	return rv;
}

/*
 * Moves the period folder from to dst: a rename, or, when the archive is on
 * another file system, a copy of each file into a hidden folder beside dst,
 * renamed to dst once every copy is complete, and then the removal of the
 * originals. Copied straight into dst, a run killed midway (a power cut,
 * kill -9) left a half folder under the period's name in the archive, its
 * manifest failing, which every later archive then refused as "already in
 * the archive". A failed copy is removed, so that the next archive starts
 * afresh. 0, or -1 after a message.
 */
static int
move_folder(const char *from, const char *dst)
{
	char tmp[PATH_MAX + 300];
	struct dirent **ents;
	int i, n, rv;

	if (rename(from, dst) == 0)
		return 0;
	if (errno != EXDEV || (n = scandir(from, &ents, NULL, alphasort)) < 0) {
		diag_errorat(from, 0, 0, "cannot move to '%s':", dst);
		return -1;
	}
	if ((rv = copy_tmpdir(dst, tmp, sizeof(tmp))) != 0)
		diag_errorat(dst, 0, 0, "cannot create a folder beside:");
	else if ((rv = copy_folder(from, tmp, ents, n)) != 0)
		remove_tmp(tmp);
	else if ((rv = rename(tmp, dst)) != 0) {
		diag_errorat(tmp, 0, 0, "cannot rename to '%s':", dst);
		remove_tmp(tmp);
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return rv != 0 ? rv : finish_move(from, dst);
}

/*
 * Whether every entry left in from is a file that dst holds too, with
 * the same bytes: what a move to another file system killed while it
 * removed the originals (move_folder()) left, the copy whole in the
 * archive. Refused as "already in the archive", that folder stayed in
 * output/ for good, some of its files gone and its manifest failing.
 */
static int
move_cut_short(const char *from, const char *dst)
{
	char a[PATH_MAX + 512], b[PATH_MAX + 512];
	struct dirent **ents;
	struct stat sa, sb;
	int i, n, done = 1;

	if ((n = scandir(from, &ents, NULL, alphasort)) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		snprintf(a, sizeof(a), "%s/%s", from, e);
		snprintf(b, sizeof(b), "%s/%s", dst, e);
		if (done && strcmp(e, ".") != 0 && strcmp(e, "..") != 0)
			done = lstat(a, &sa) == 0 && S_ISREG(sa.st_mode) &&
			    lstat(b, &sb) == 0 && S_ISREG(sb.st_mode) &&
			    same_bytes(a, b);
		free(ents[i]);
	}
	free(ents);
	return done;
}

/*
 * Moves the period folder from to dst (under to), unless a run on that
 * period holds its lock: that folder is skipped, with a warning, until the
 * next archive. What a dead run left (its stage) is removed first; a
 * folder already archived under that name is not touched.
 */
static int
archive_folder(const char *from, const char *to, const char *dst)
{
	char lock[PATH_MAX + 300];
	struct stat sb;
	int fd, rv = EXIT_USAGE;

	snprintf(lock, sizeof(lock), "%s/" LOCK_NAME, from);
	if ((fd = open(lock, O_RDWR)) >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		diag_warnat(from, 0, 0, "skipped: a run on this period is "
		    "writing it");
		close(fd);
		return 0;
	}
	stage_leftovers(from);
	copy_leftovers(to, strrchr(dst, '/') + 1);
	if (lstat(dst, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    move_cut_short(from, dst)) {
		if (finish_move(from, dst) == 0) {
			printf("%s -> %s (the rest of a move cut short)\n",
			    from, dst);
			rv = 0;
		}
	} else if (lstat(dst, &sb) == 0)
		diag_errorat(from, 0, 0, "not moved: '%s' is already in the "
		    "archive", dst);
	else if (mkdirs(to, NULL) != 0)
		diag_errorat(to, 0, 0, "cannot create:");
	else if (move_folder(from, dst) == 0) {
		printf("%s -> %s\n", from, dst);
		rv = 0;
	}
	if (fd >= 0)
		close(fd);		/* the lock moved with the folder */
	return rv;
}

/*
 * baocao archive: lists the period folders of output/ whose period ended
 * more than RETENTION_YEARS years before today; with --move, moves each
 * whole (its SHA256SUMS manifest with it) under the archive folder.
 */
static int
cmd_archive(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "move", no_argument, NULL, 'm' },
		{ "to", required_argument, NULL, 'A' },
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *to = "archive";
	struct dirent **ents;
	struct config cfg;
	int ch, move = 0, i, n, rv = 0, y, m, d;
	long limit;

	optind = 0;	/* 0: glibc starts afresh (main parsed in "+" order) */
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			move = 1;
			break;
		case 'A':
			if (optarg[0] == '\0') {
				diag_plain("--to is empty; expected a folder");
				return EXIT_USAGE;
			}
			to = optarg;
			break;
		default:
			if (global_option(ch, optarg) != 0)
				usage();
		}
	}
	if (optind != argc) {
		diag_plain("unexpected argument '%s'", argv[optind]);
		usage();
	}
	if (output_is_input() || (move && dir_is_input(to, "to")))
		return EXIT_USAGE;
	if ((rv = config_load(&cfg, config_dir)) != 0)
		return rv;
	set_today();
	date_to_ymd(today, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	limit = date_from_ymd(y - RETENTION_YEARS, m, d);
	if ((n = scandir(output_dir, &ents, NULL, alphasort)) < 0) {
		diag_errorat(output_dir, 0, 0, "cannot open:");
		config_release(&cfg);
		return EXIT_USAGE;
	}
	for (i = 0; i < n; i++) {
		struct period p;
		const char *err;
		char from[PATH_MAX + 256], dst[PATH_MAX + 256];

		if (ents[i]->d_name[0] != '.' &&
		    period_parse(ents[i]->d_name, cfg.cutoff_day, today, &p,
		    &err) == 0 && strncmp(ents[i]->d_name, "previous", 8) != 0 &&
		    p.last_day < limit) {
			snprintf(from, sizeof(from), "%s/%s", output_dir,
			    ents[i]->d_name);
			snprintf(dst, sizeof(dst), "%s/%s", to, ents[i]->d_name);
			if (!move)
				printf("%s\n", from);
			else
				rv = worst(rv, archive_folder(from, to, dst));
		}
		free(ents[i]);
	}
	free(ents);
	config_release(&cfg);
	return rv;
}

/*
 * baocao [--config DIR] [--input DIR] [--output DIR] [--today DATE] COMMAND
 * runs one of the commands of SPEC §8 over the folders a period reads.
 */
#ifndef UNIT_TESTING
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd;
	int ch, rv;

	diag_init(argv[0]);
	find_bindir(argv[0]);
	argv[0] = (char *)"baocao";	/* getopt's messages: the bare name */
	{
		long long sde;

		/* as baocao-pdf would refuse it, only later and half-way */
		if (date_epoch_env(&sde) < 0) {
			diag_plain("SOURCE_DATE_EPOCH is '%s'; expected a whole "
			    "number of seconds since 1970", getenv(
			    "SOURCE_DATE_EPOCH"));
			return EXIT_USAGE;
		}
	}
	progress = isatty(2);
	catch_stop();
	/* Global options come before the command ("+": stop at it). */
	while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1)
		if (global_option(ch, optarg) != 0)
			usage();
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		diag_plain("which command? check, indicators, report, "
		    "template, register or archive");
		usage();
	}
	cmd = argv[0];
	argv[0] = (char *)"baocao";	/* what getopt names in its messages */
	if (strcmp(cmd, "check") == 0)
		rv = cmd_check(argc, argv);
	else if (strcmp(cmd, "indicators") == 0)
		rv = cmd_indicators(argc, argv);
	else if (strcmp(cmd, "report") == 0)
		rv = cmd_report(argc, argv);
	else if (strcmp(cmd, "template") == 0)
		rv = cmd_template(argc, argv);
	else if (strcmp(cmd, "register") == 0)
		rv = cmd_register(argc, argv);
	else if (strcmp(cmd, "archive") == 0)
		rv = cmd_archive(argc, argv);
	else {
		diag_plain("unknown command '%s'", cmd);
		usage();
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_plain("cannot write standard output:");
		rv = worst(rv, EXIT_USAGE);
	}
	if (stop_sig && rv != 0)
		stop_exit(stop_sig);
	return rv;
}
#endif
