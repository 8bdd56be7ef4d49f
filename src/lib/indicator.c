/* SPDX-License-Identifier: ISC */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator.h"
#include "schema.h"
#include "suggest.h"
#include "util.h"

/* The names of SPEC §6 that do not depend on a list of the schema. */
static const char *const fixed[] = {
	"tasks.planned", "tasks.completed_on_time", "tasks.completed_late",
	"tasks.not_completed", "tasks.on_time_rate", "tasks.completion_rate",
	"dossiers.carried_over", "dossiers.received", "dossiers.to_handle",
	"dossiers.received_online", "dossiers.resolved",
	"dossiers.resolved_early", "dossiers.resolved_on_time",
	"dossiers.resolved_late", "dossiers.pending_in_time",
	"dossiers.pending_overdue", "dossiers.on_time_rate",
	"dossiers.online_share",
	"documents.incoming", "documents.incoming_on_time",
	"documents.incoming_late", "documents.incoming_pending",
	"documents.outgoing", "documents.files_archived",
	"documents.incoming_on_time_rate",
	"errors.count", "errors.corrected", "errors.verified", "errors.rate",
	"errors.correction_rate",
	"satisfaction.responses", "satisfaction.very_satisfied",
	"satisfaction.satisfied", "satisfaction.neutral",
	"satisfaction.dissatisfied", "satisfaction.very_dissatisfied",
	"satisfaction.rate", "satisfaction.mean", "satisfaction.rate_low",
	"satisfaction.rate_high",
	"actions.opened", "actions.closed", "actions.overdue",
	"actions.effective_rate",
	"suggestions.received", "suggestions.to_qmr",
	"suggestions.implemented", "suggestions.rejected",
	"suggestions.pending", "suggestions.notified",
	"suggestions.notified_rate",
	"complaints.received", "complaints.explained", "complaints.resolved",
	"complaints.justified",
	"incidents.count", "incidents.downtime_hours",
	"audits.nc", "audits.obs", "audits.closed",
	"submission.months_missing", "submission.missing",
	"submission.incomplete", "submission.revision",
	"submission.units_expected", "submission.units_submitted",
	"submission.units_missing", "submission.units_incomplete",
};

/* The families named after a list of the schema: prefix, list, suffix. */
static const struct family {
	const char		*prefix;
	const char *const	*list;
	const char		*suffix;
} families[] = {
	{ "errors.by_type.", error_types, "" },
	{ "satisfaction.component.", survey_components, ".rate" },
	{ "satisfaction.channel.", survey_channels, ".rate" },
	{ "actions.opened.", action_types, "" },
};

static const char	**names;	/* built once, NULL-terminated */

static int
bytecmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *const *
indicator_names(void)
{
	size_t n = 0, cap, i, j;
	char buf[128];

	if (names != NULL)
		return names;
	cap = sizeof(fixed) / sizeof(fixed[0]) + 1;
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (j = 0; families[i].list[j] != NULL; j++)
			cap++;
	names = xcalloc(cap, sizeof(*names));
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		names[n++] = fixed[i];
	for (i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (j = 0; families[i].list[j] != NULL; j++) {
			snprintf(buf, sizeof(buf), "%s%s%s", families[i].prefix,
			    families[i].list[j], families[i].suffix);
			names[n++] = xstrdup(buf);
		}
	qsort(names, n, sizeof(*names), bytecmp);
	return names;
}

int
indicator_known(const char *name)
{
	const char *const *v = indicator_names();
	size_t n = 0;

	while (v[n] != NULL)
		n++;
	return bsearch(&name, v, n, sizeof(*v), bytecmp) != NULL;
}

int
indicator_is_fraction(const char *name)
{
	const char *last = strrchr(name, '.');
	size_t n;

	last = last ? last + 1 : name;
	n = strlen(last);
	return strcmp(last, "rate_low") == 0 || strcmp(last, "rate_high") == 0
	    || (n >= 4 && strcmp(last + n - 4, "rate") == 0)
	    || (n >= 5 && strcmp(last + n - 5, "share") == 0);
}

const char *
indicator_nearest(const char *name)
{
	return suggest_nearest(name, strlen(name), indicator_names());
}

const char *const objective_parts[] = { "value", "target", "met", NULL };

const char *
indicator_objective(const char *name, char *obj, size_t size)
{
	const char *dot = strrchr(name, '.');
	size_t n;
	int i;

	if (strncmp(name, "objective.", 10) != 0 || dot == NULL ||
	    dot <= name + 10)
		return NULL;
	n = (size_t)(dot - (name + 10));
	for (i = 0; objective_parts[i] != NULL; i++)
		if (strcmp(dot + 1, objective_parts[i]) == 0 && n < size) {
			memcpy(obj, name + 10, n);
			obj[n] = '\0';
			return objective_parts[i];
		}
	return NULL;
}

int
indicator_or_objective(const char *name)
{
	char obj[128];

	return indicator_known(name) ||
	    indicator_objective(name, obj, sizeof(obj)) != NULL;
}
