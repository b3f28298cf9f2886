/* A saved plan read back, so that `csm plan` for its quarter reports its
 * progress in every format: the activities as they were saved (not a plan
 * made again from today's book), each with its status, what came of it and
 * the hours done. */
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/plan.h"
#include "csm/store.h"
#include "csm/text.h"

static char *dup_or_null(const char *s) { return s ? xstrdup(s) : NULL; }

static int kind_of(const char *name)
{
    for (int k = 0; k < AK_KINDS; k++)
        if (name && strcmp(activity_kind_name(k), name) == 0)
            return k;
    return AK_RETENTION;
}

/* The statuses the store keeps, as the writers' static words. */
static const char *status_word(const char *s)
{
    if (s && strcmp(s, "done") == 0)
        return "done";
    if (s && strcmp(s, "dropped") == 0)
        return "dropped";
    return "planned";
}

/* The book's index of the account saved as `id`, or the first account
 * (the label then names it: activity_client never reads the book). */
static size_t index_of(const struct book *b, long long id)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->acc[i].id == id)
            return i;
    return 0;
}

/* Dependencies saved as refs ("RET-01 RET-02") back to indexes. */
static void link_deps(struct plan *p, const struct saved_activity *v)
{
    for (size_t k = 0; k < p->nall; k++) {
        struct activity *x = &p->all[k];
        const char *s = v[k].dependencies ? v[k].dependencies : "";
        while (*s && x->ndeps < PLAN_MAX_DEPS) {
            while (*s == ' ')
                s++;
            size_t len = strcspn(s, " ");
            for (size_t j = 0; j < p->nall && len; j++)
                if (j != k && strlen(p->all[j].ref) == len && strncmp(p->all[j].ref, s, len) == 0) {
                    x->dep[x->ndeps++] = (int)j;
                    break;
                }
            s += len;
        }
    }
}

void plan_from_saved(const struct book *b, const struct saved_activity *v, size_t n, int as_of, struct plan *p)
{
    memset(p, 0, sizeof *p);
    p->saved = true;
    p->progress_day = as_of;
    p->start = n ? v[0].plan_start : as_of;
    p->end = n ? v[0].plan_end : as_of;
    p->capacity_hours = n ? v[0].capacity_hours : 0;
    p->target_hours = p->capacity_hours;
    if (n)
        memcpy(p->saved_at, v[0].saved_at, sizeof p->saved_at);
    p->all = xcalloc(n + 1, sizeof *p->all);
    p->order = xcalloc(n + 1, sizeof *p->order);
    p->nall = p->n = n;
    for (size_t k = 0; k < n; k++) {
        struct activity *x = &p->all[k];
        const struct saved_activity *a = &v[k];
        p->order[k] = k;
        snprintf(x->ref, sizeof x->ref, "%s", a->ref);
        x->account = index_of(b, a->account_id);
        x->kind = kind_of(a->kind);
        x->saved_template = xstrdup(a->template_id ? a->template_id : "");
        x->template_id = x->saved_template;
        x->saved_title = xstrdup(a->title ? a->title : plan_template_title(a->template_id));
        x->title = x->saved_title;
        x->label = xstrdup(a->client ? a->client : "");
        x->description = xstrdup(a->description ? a->description : "");
        x->purpose = xstrdup(a->purpose ? a->purpose : "");
        x->results = xstrdup(a->results ? a->results : "");
        x->measurement = xstrdup(a->measurement ? a->measurement : "");
        x->notes = xstrdup(a->notes ? a->notes : "");
        x->duration = dup_or_null(a->duration);
        x->hours = a->hours;
        x->deadline = x->earliest = x->latest = a->deadline;
        x->selected = true;
        x->status = status_word(a->status);
        x->outcome = dup_or_null(a->outcome);
        x->done_on = a->done_on;
        x->accounts_json = dup_or_null(a->accounts);
        if (strcmp(x->status, "dropped") != 0)
            p->planned_hours += x->hours;
        if (strcmp(x->status, "done") == 0) {
            p->ndone++;
            p->done_hours += x->hours;
        } else if (strcmp(x->status, "dropped") == 0) {
            p->ndropped++;
        } else if (x->deadline < as_of) {
            p->noverdue++;
        }
    }
    link_deps(p, v);
    /* The plan's order, as it was made: by kind, then ref (refs number
     * each kind's activities in the plan's order). Insertion: plans are small. */
    for (size_t i = 1; i < p->n; i++) {
        size_t x = p->order[i], j = i;
        while (j > 0 && (p->all[p->order[j - 1]].kind > p->all[x].kind ||
                         (p->all[p->order[j - 1]].kind == p->all[x].kind &&
                          strcmp(p->all[p->order[j - 1]].ref, p->all[x].ref) > 0))) {
            p->order[j] = p->order[j - 1];
            j--;
        }
        p->order[j] = x;
    }
}
