/* Writing the plan: text for printing, Markdown, CSV, JSON and iCalendar. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/csvout.h"
#include "csm/plan.h"
#include "csm/text.h"

#define PAGE_LINES 60
#define WIDTH 80

static const char *const month_names[12] = {"January", "February", "March", "April", "May", "June",
                                            "July", "August", "September", "October", "November", "December"};

static void deps_text(const struct plan *p, const struct activity *x, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int d = 0; d < x->ndeps && o < len; d++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", d ? ", " : "", p->all[x->dep[d]].ref);
}

/* A saved activity's progress: "done on 2027-01-15: renewal signed",
 * "planned, overdue (due 2027-01-20)", "dropped". */
static void status_text(const struct plan *p, const struct activity *x, char *buf, size_t len)
{
    char d[11];
    if (strcmp(x->status, "done") == 0) {
        size_t o = (size_t)snprintf(buf, len, "done");
        if (x->done_on != DATE_NONE && o < len) {
            date_format(x->done_on, d);
            o += (size_t)snprintf(buf + o, len - o, " on %s", d);
        }
        if (x->outcome && *x->outcome && o < len)
            snprintf(buf + o, len - o, ": %s", x->outcome);
    } else if (strcmp(x->status, "dropped") == 0) {
        snprintf(buf, len, "dropped%s%s", x->outcome && *x->outcome ? ": " : "", x->outcome ? x->outcome : "");
    } else if (x->deadline < p->progress_day) {
        date_format(x->deadline, d);
        snprintf(buf, len, "planned, overdue (due %s)", d);
    } else {
        snprintf(buf, len, "planned");
    }
}

/* "12.5 of 180.0 h done (7%): 3 done, 1 dropped, 21 to do, 2 of them overdue, as of 2027-01-20" */
static void progress_text(const struct plan *p, char *buf, size_t len)
{
    char d[11];
    date_format(p->progress_day, d);
    int todo = (int)p->n - p->ndone - p->ndropped;
    snprintf(buf, len, "%.1f of %.1f h done (%.0f%%): %d done, %d dropped, %d to do%s%.0d%s, as of %s; the plan was "
                       "saved on %s.",
             p->done_hours, p->planned_hours, p->planned_hours > 0 ? 100.0 * p->done_hours / p->planned_hours : 0.0,
             p->ndone, p->ndropped, todo, p->noverdue ? ", " : "", p->noverdue, p->noverdue ? " of them overdue" : "",
             d, p->saved_at[0] ? p->saved_at : "an earlier day");
}

/* "April 61 of 84 h (73%); May ..." */
static void load_text(const struct plan *p, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < p->nload && o < len; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s %.1f of %.0f h (%.0f%%)", k ? "; " : "",
                              month_names[p->load[k].month % 12], p->load[k].hours, p->load[k].capacity,
                              p->load[k].capacity > 0 ? 100.0 * p->load[k].hours / p->load[k].capacity : 0.0);
}

/* What every activity assumes, said once for the plan: how risk scores
 * read, how meetings are booked, what the hours and the calendar count. */
#define HEADER_NOTES 4
static void header_notes(const struct plan *p, const struct book *b, char out[HEADER_NOTES][640])
{
    const struct scoring *sc = b->sc;
    const struct plan_settings *ps = &sc->plan;
    char median[32], export[11], hol[300] = "";
    money_format(b->ctx.median_acv_cents, median, sizeof median);
    date_format(b->as_of, export);
    /* The holidays that fall in this quarter: the reader checks those. */
    size_t o = 0;
    int in = 0;
    for (int d = p->start; d <= p->end && o < sizeof hol; d++) {
        int y, m, dd;
        date_to_ymd(d, &y, &m, &dd);
        for (int k = 0; k < ps->nholidays; k++)
            if (ps->holiday[k] == m * 100 + dd && o < sizeof hol)
                o += (size_t)snprintf(hol + o, sizeof hol - o, "%s%d %s", in++ ? ", " : "the holidays set (", dd,
                                      month_names[m - 1]);
    }
    if (in && o < sizeof hol)
        snprintf(hol + o, sizeof hol - o, ") left out; a country's public holidays, if the team keeps them, come "
                                          "out of the buffer");
    else if (!in)
        snprintf(hol, sizeof hol, "no public holiday counted in this quarter (a country's, if the team keeps "
                                  "them, come out of the buffer)");
    snprintf(out[0], 640, "Churn risks in the notes are rated from the signals' points, weighed by how near the "
                          "renewal is and by the account's ACV against the book's median ($%s): a score of %d or more "
                          "is medium, %d or more high.",
             median, sc->flags.risk_medium_from, sc->flags.risk_high_from);
    snprintf(out[1], 640, "Customer meetings are booked with %d working days' notice from the export of %s (a call "
                          "to a champion can be made within days); every duration includes the preparation and the "
                          "notes, and %d h of travel for an enterprise account met on site.",
             ps->lead_time_days, export, ps->onsite_travel_hours);
    snprintf(out[2], 640, "Assumed for every renewal: at least today's ACV, sales owns the price and any uplift, and "
                          "procurement needs about two weeks after the verbal yes (thirty days, the playbook's, for "
                          "a new term or an enterprise); where less is left, the order form goes with the proposal "
                          "and a short extension is agreed with sales in advance.");
    snprintf(out[3], 640, "The capacity is %.0f h: %d h on each working day for this book, %s. Team meetings and CRM "
                          "upkeep come out of the buffer too.", p->capacity_hours, ps->hours_per_day, hol);
}

/* Short of the target: the list is complete before the hours are, and
 * the time left is buffer, most of it in the month with the most free. */
static bool below_target(const struct plan *p, char *buf, size_t len)
{
    if (p->saved || p->planned_hours + 1.0 > p->target_hours || !p->nload)
        return false;
    int most = 0;
    for (int k = 1; k < p->nload; k++)
        if (p->load[k].capacity - p->load[k].hours > p->load[most].capacity - p->load[most].hours)
            most = k;
    snprintf(buf, len, "The %zu activities need %.1f h, below the %.0f h aimed at: the time left is buffer, the most of "
                       "it in %s (%.1f h free).", p->n, p->planned_hours, p->target_hours,
             month_names[p->load[most].month % 12], p->load[most].capacity - p->load[most].hours);
    return true;
}

/* A month whose work due exceeds its working time: said, with what to do. */
static bool over_committed(const struct plan *p, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < p->nload && o < len; k++)
        if (p->load[k].hours > p->load[k].capacity + 0.05) /* the header says it: over 100% is over */
            o += (size_t)snprintf(buf + o, len - o, "%s%s needs %.1f h against %.0f h", o ? "; " : "",
                                  month_names[p->load[k].month % 12], p->load[k].hours, p->load[k].capacity);
    if (!o)
        return false;
    snprintf(buf + o, len - o, ". The must-do work does not fit: take this plan to your manager now, to move some of "
                               "the onboarding time, hand an account to a colleague or agree which risk waits.");
    return true;
}

/* ---- text, paginated ---- */

struct page {
    FILE *f;
    struct strbuf block;   /* the lines of one activity, kept together on a page */
    int block_lines;
    int line;              /* lines used on the current page */
    int page;
    char running[256];     /* the header of pages after the first */
};

static void block_line(struct page *pg, const char *s)
{
    sb_puts(&pg->block, s);
    sb_puts(&pg->block, "\n");
    pg->block_lines++;
}

static void flush_block(struct page *pg)
{
    if (pg->line + pg->block_lines > PAGE_LINES && pg->line > 3) {
        fprintf(pg->f, "\f");
        pg->page++;
        fprintf(pg->f, "%s, page %d\n\n", pg->running, pg->page);
        pg->line = 2;
    }
    if (pg->block.len)
        fputs(pg->block.buf, pg->f);
    pg->line += pg->block_lines;
    sb_free(&pg->block);
    pg->block_lines = 0;
}

/* Word-wraps text made safe into lines of `width` columns after `indent`
 * (the first line after `first`, a label of the same width). */
static void wrap(struct page *pg, const char *first, const char *text, int indent, int width)
{
    char safe[4096];
    text_safe(text, safe, sizeof safe);
    char line[1024];
    int col = 0;
    size_t o = 0;
    const char *p = safe;
    bool at_start = true;
    snprintf(line, sizeof line, "%-*s", indent, first);
    o = strlen(line);
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char word[512];
        size_t n = (size_t)(e - p) < sizeof word - 1 ? (size_t)(e - p) : sizeof word - 1;
        memcpy(word, p, n);
        word[n] = '\0';
        int w = text_width(word);
        if (!at_start && col + 1 + w > width) {
            line[o] = '\0';
            block_line(pg, line);
            snprintf(line, sizeof line, "%*s", indent, "");
            o = strlen(line);
            col = 0;
            at_start = true;
        }
        if (!at_start && o + 1 < sizeof line) {
            line[o++] = ' ';
            col++;
        }
        if (o + n < sizeof line) {
            memcpy(line + o, word, n);
            o += n;
        }
        col += w;
        at_start = false;
        p = e;
    }
    line[o] = '\0';
    block_line(pg, line);
}

static void kind_totals(const struct plan *p, int *count, double *hours)
{
    for (int k = 0; k < AK_KINDS; k++) {
        count[k] = 0;
        hours[k] = 0;
    }
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &p->all[p->order[k]];
        if (x->status && strcmp(x->status, "dropped") == 0)
            continue; /* a saved plan's dropped work is not planned */
        count[x->kind]++;
        hours[x->kind] += x->hours;
    }
}

static size_t *by_deadline(const struct plan *p)
{
    size_t *v = xcalloc(p->n + 1, sizeof *v);
    memcpy(v, p->order, p->n * sizeof *v);
    /* insertion sort: stable, and plans are small */
    for (size_t i = 1; i < p->n; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && p->all[v[j - 1]].deadline > p->all[x].deadline) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
    return v;
}

void plan_write_text(FILE *f, const struct plan *p, const struct book *b, const char *title)
{
    struct page pg;
    memset(&pg, 0, sizeof pg);
    pg.f = f;
    pg.page = 1;
    char s[11], e[11], line[512], money[32], safe_title[64];
    date_format(p->start, s);
    date_format(p->end, e);
    text_safe(title, safe_title, sizeof safe_title);
    snprintf(pg.running, sizeof pg.running, "Activity plan %s to %s, %s", s, e, safe_title);
    money_format(b->acv_total, money, sizeof money);
    int count[AK_KINDS];
    double hours[AK_KINDS];
    kind_totals(p, count, hours);
    block_line(&pg, p->saved ? "QUARTERLY ACTIVITY PLAN: PROGRESS" : "QUARTERLY ACTIVITY PLAN");
    snprintf(line, sizeof line, "Book:     %s, %zu accounts, ACV $%s", safe_title, b->n, money);
    block_line(&pg, line);
    snprintf(line, sizeof line, "Quarter:  %s to %s", s, e);
    block_line(&pg, line);
    snprintf(line, sizeof line, "Capacity: %.1f h planned of %.1f h (%.0f%%), %zu activities", p->planned_hours,
             p->capacity_hours, p->capacity_hours > 0 ? 100.0 * p->planned_hours / p->capacity_hours : 0.0, p->n);
    if (!p->saved) /* what was deferred is not kept with a saved plan */
        snprintf(line + strlen(line), sizeof line - strlen(line), ", %zu deferred", p->deferred_total);
    block_line(&pg, line);
    snprintf(line, sizeof line, "Buffer:   %.1f h (%.0f%%) kept for reactive work: escalations, support issues,",
             p->capacity_hours - p->planned_hours,
             p->capacity_hours > 0 ? 100.0 * (p->capacity_hours - p->planned_hours) / p->capacity_hours : 0.0);
    block_line(&pg, line);
    block_line(&pg, "          what the export does not show. Deadlines are working days.");
    char progress[400];
    if (p->saved) {
        progress_text(p, progress, sizeof progress);
        wrap(&pg, "Progress:", progress, 10, WIDTH - 10);
    }
    char below[400];
    if (over_committed(p, below, sizeof below))
        wrap(&pg, "Over:", below, 10, WIDTH - 10);
    if (below_target(p, below, sizeof below))
        wrap(&pg, "", below, 10, WIDTH - 10);
    snprintf(line, sizeof line, "          retention %d (%.1f h), expansion %d (%.1f h), advocacy %d (%.1f h)",
             count[AK_RETENTION], hours[AK_RETENTION], count[AK_EXPANSION], hours[AK_EXPANSION],
             count[AK_ADVOCACY], hours[AK_ADVOCACY]);
    block_line(&pg, line);
    char load[512];
    load_text(p, load, sizeof load);
    if (!p->saved) /* a saved plan keeps its deadlines, not when the hours fall */
        wrap(&pg, "Load:", load, 10, WIDTH - 10);
    block_line(&pg, "Priorities: keep customers first, then grow renewals, then advocacy.");
    char notes[HEADER_NOTES][640];
    header_notes(p, b, notes);
    for (int k = 0; k < HEADER_NOTES; k++)
        wrap(&pg, k ? "" : "Reading:", notes[k], 10, WIDTH - 10);
    flush_block(&pg);

    size_t *v = by_deadline(p);
    int month = -1;
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &p->all[v[k]];
        int y, m, d;
        date_to_ymd(x->deadline, &y, &m, &d);
        if (y * 12 + m != month) {
            month = y * 12 + m;
            block_line(&pg, "");
            snprintf(line, sizeof line, "%s %d", month_names[m - 1], y);
            block_line(&pg, line);
            block_line(&pg, "--------------------------------------------------------------------------------");
        }
        char client[128], what[128], due[11], head[512], deps[64];
        text_fit(activity_client(x, b), 18, false, client, sizeof client);
        text_fit(x->title, 27, false, what, sizeof what);
        date_format(x->deadline, due);
        snprintf(head, sizeof head, "%-7s %s %s due %s %5.1f h", x->ref, client, what, due, x->hours);
        block_line(&pg, "");
        block_line(&pg, head);
        wrap(&pg, "", x->description, 8, WIDTH - 8);
        wrap(&pg, "  Purpose", x->purpose, 15, WIDTH - 15);
        wrap(&pg, "  Results", x->results, 15, WIDTH - 15);
        wrap(&pg, "  Measurement", x->measurement, 15, WIDTH - 15);
        wrap(&pg, "  Duration", x->duration ? x->duration : "", 15, WIDTH - 15);
        deps_text(p, x, deps, sizeof deps);
        wrap(&pg, "  Depends on", x->ndeps ? deps : "-", 15, WIDTH - 15);
        wrap(&pg, "  Notes", x->notes, 15, WIDTH - 15);
        if (x->status) {
            char st[600];
            status_text(p, x, st, sizeof st);
            wrap(&pg, "  Status", st, 15, WIDTH - 15);
        }
        flush_block(&pg);
    }
    free(v);
    if (p->ndeferred) {
        block_line(&pg, "");
        if (p->deferred_total > p->ndeferred)
            snprintf(line, sizeof line, "Deferred (%zu), the %zu most valuable first", p->deferred_total, p->ndeferred);
        else
            snprintf(line, sizeof line, "Deferred (%zu), most valuable first", p->ndeferred);
        block_line(&pg, line);
        block_line(&pg, "--------------------------------------------------------------------------------");
        flush_block(&pg);
        for (int r = 0; r < DEFER_REASONS; r++)
        for (size_t k = 0, any = 0; k < p->ndeferred; k++) {
            const struct activity *x = &p->all[p->deferred[k]];
            if (x->deferred_reason != r)
                continue;
            if (!any++) {
                block_line(&pg, "");
                block_line(&pg, plan_deferred_heading(r));
                flush_block(&pg);
            }
            char client[128], desc[512];
            text_fit(activity_client(x, b), 20, false, client, sizeof client);
            snprintf(desc, sizeof desc, "%s %s (%.1f h): %s", client, x->title, x->hours,
                     x->why_deferred ? x->why_deferred : "");
            char ref[16];
            snprintf(ref, sizeof ref, "%s", x->ref);
            wrap(&pg, ref, desc, 8, WIDTH - 8);
            flush_block(&pg);
        }
    }
}

/* ---- Markdown ---- */

static void md_text(FILE *f, const char *s)
{
    char safe[4096];
    text_safe(s, safe, sizeof safe);
    /* Escape only what Markdown would read as markup here: emphasis, code,
     * links and tables anywhere; a tag only where '<' opens one; a quote or
     * heading only at the start of the text, where a line starts.  "80 -> 56"
     * stays as the reader typed it. */
    for (const char *p = safe; *p; p++) {
        int markup = strchr("\\`*_[]|", *p) != NULL ||
                     (*p == '<' && (isalpha((unsigned char)p[1]) || (p[1] && strchr("/!?", p[1])))) ||
                     (p == safe && (*p == '>' || *p == '#'));
        if (markup)
            fputc('\\', f);
        fputc(*p, f);
    }
}

void plan_write_md(FILE *f, const struct plan *p, const struct book *b, const char *title)
{
    char s[11], e[11], deps[64], due[11];
    date_format(p->start, s);
    date_format(p->end, e);
    fprintf(f, "# Quarterly activity plan: ");
    md_text(f, title);
    fprintf(f, "\n\n%s to %s: %zu activities, %.1f h planned of %.1f h, %.1f h (%.0f%%) kept as a buffer for "
               "reactive work (escalations, support issues, what the export does not show)",
            s, e, p->n, p->planned_hours, p->capacity_hours, p->capacity_hours - p->planned_hours,
            p->capacity_hours > 0 ? 100.0 * (p->capacity_hours - p->planned_hours) / p->capacity_hours : 0.0);
    if (p->saved) /* what was deferred is not kept with a saved plan */
        fputs(".\n", f);
    else
        fprintf(f, "; %zu deferred.\n", p->deferred_total);
    char cs[11];
    date_format(p->case_study_due, cs);
    if (p->saved) {
        char progress[400];
        progress_text(p, progress, sizeof progress);
        fprintf(f, "\n**Progress:** %s\n", progress);
    }
    char below[400];
    if (over_committed(p, below, sizeof below))
        fprintf(f, "\nOver-committed: %s\n", below);
    if (below_target(p, below, sizeof below))
        fprintf(f, "\n%s\n", below);
    char load[512];
    load_text(p, load, sizeof load);
    if (!p->saved)
        fprintf(f, "\nThe load by month, the hours due in it against its working time for this book: %s.\n", load);
    if (p->saved)
        fprintf(f, "\nPriorities: keep customers first, then grow renewals, then advocacy.\n");
    else
        fprintf(f, "\nPriorities: keep customers first, then grow renewals, then advocacy (marketing's case study is "
                   "due %s).\n", cs);
    char notes[HEADER_NOTES][640];
    header_notes(p, b, notes);
    fputc('\n', f);
    for (int k = 0; k < HEADER_NOTES; k++) {
        fputs("- ", f);
        md_text(f, notes[k]);
        fputc('\n', f);
    }
    size_t *v = by_deadline(p);
    int month = -1;
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &p->all[v[k]];
        int y, m, d;
        date_to_ymd(x->deadline, &y, &m, &d);
        if (y * 12 + m != month) {
            month = y * 12 + m;
            fprintf(f, "\n## %s %d\n", month_names[m - 1], y);
        }
        date_format(x->deadline, due);
        fprintf(f, "\n### %s ", x->ref);
        md_text(f, activity_client(x, b));
        fprintf(f, ": %s (%s), due %s, %.1f h\n\n", x->title, activity_kind_name(x->kind), due, x->hours);
        md_text(f, x->description);
        fprintf(f, "\n\n- **Purpose:** ");
        md_text(f, x->purpose);
        fprintf(f, "\n- **Results:** ");
        md_text(f, x->results);
        fprintf(f, "\n- **Measurement:** ");
        md_text(f, x->measurement);
        fprintf(f, "\n- **Duration:** ");
        md_text(f, x->duration ? x->duration : "");
        deps_text(p, x, deps, sizeof deps);
        fprintf(f, "\n- **Dependencies:** %s\n- **Notes:** ", x->ndeps ? deps : "none");
        md_text(f, x->notes);
        fputc('\n', f);
        if (x->status) {
            char st[600];
            status_text(p, x, st, sizeof st);
            fprintf(f, "- **Status:** ");
            md_text(f, st);
            fputc('\n', f);
        }
    }
    free(v);
    if (p->ndeferred) {
        if (p->deferred_total > p->ndeferred)
            fprintf(f, "\n## Deferred (%zu), the %zu most valuable first\n", p->deferred_total, p->ndeferred);
        else
            fprintf(f, "\n## Deferred, most valuable first\n");
        for (int r = 0; r < DEFER_REASONS; r++) {
            bool any = false;
            for (size_t k = 0; k < p->ndeferred; k++) {
                const struct activity *x = &p->all[p->deferred[k]];
                if (x->deferred_reason != r)
                    continue;
                if (!any)
                    fprintf(f, "\n### %s\n\n", plan_deferred_heading(r));
                any = true;
                fprintf(f, "- %s ", x->ref);
                md_text(f, activity_client(x, b));
                fprintf(f, ", %s (%.1f h): ", x->title, x->hours);
                md_text(f, x->why_deferred ? x->why_deferred : "");
                fputc('\n', f);
            }
        }
    }
}

/* ---- CSV ---- */

static void csv_row(FILE *f, const struct plan *p, const struct book *b, const struct activity *x, const char *status)
{
    char num[32], due[11], deps[64];
    csv_cell(f, x->ref, true);
    fputc(',', f);
    csv_cell(f, activity_client(x, b), true);
    fputc(',', f);
    csv_cell(f, activity_kind_name(x->kind), true);
    fputc(',', f);
    csv_cell(f, x->description, true);
    fputc(',', f);
    csv_cell(f, x->purpose, true);
    fputc(',', f);
    csv_cell(f, x->results, true);
    fputc(',', f);
    csv_cell(f, x->measurement, true);
    snprintf(num, sizeof num, "%g", x->hours);
    fprintf(f, ",%s,", num);
    date_format(x->deadline, due);
    fprintf(f, "%s,", due);
    deps_text(p, x, deps, sizeof deps);
    csv_cell(f, deps, true);
    fputc(',', f);
    csv_cell(f, x->notes, true);
    fprintf(f, ",%s,", x->status ? x->status : status);
    csv_cell(f, x->why_deferred ? x->why_deferred : "", true);
    char done[11] = "";
    if (x->done_on != DATE_NONE && x->status)
        date_format(x->done_on, done);
    fprintf(f, ",%s,", done);
    csv_cell(f, x->outcome ? x->outcome : "", true);
    fputs("\r\n", f);
}

void plan_write_csv(FILE *f, const struct plan *p, const struct book *b)
{
    fputs("ref,client,kind,description,purpose,results,measurement,duration_hours,deadline,dependencies,notes,"
          "status,why_deferred,done_on,outcome\r\n", f);
    for (size_t k = 0; k < p->n; k++)
        csv_row(f, p, b, &p->all[p->order[k]], "planned");
    for (size_t k = 0; k < p->ndeferred; k++)
        csv_row(f, p, b, &p->all[p->deferred[k]], "deferred");
}

/* ---- JSON ---- */

static cJSON *activity_json(const struct plan *p, const struct book *b, const struct activity *x)
{
    char due[11];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "ref", x->ref);
    cJSON_AddStringToObject(o, "client", activity_client(x, b));
    /* A saved plan's, as saved (an older csm kept only the client). */
    cJSON *accounts = x->accounts_json ? cJSON_Parse(x->accounts_json) : NULL;
    if (!cJSON_IsArray(accounts)) {
        cJSON_Delete(accounts);
        accounts = cJSON_CreateArray();
        if (p->saved)
            cJSON_AddItemToArray(accounts, cJSON_CreateString(activity_client(x, b)));
        else if (x->group)
            for (int g = 0; g < x->ngroup; g++)
                cJSON_AddItemToArray(accounts, cJSON_CreateString(b->acc[x->group[g]].name));
        else
            cJSON_AddItemToArray(accounts, cJSON_CreateString(b->acc[x->account].name));
    }
    cJSON_AddItemToObject(o, "accounts", accounts);
    cJSON_AddStringToObject(o, "kind", activity_kind_name(x->kind));
    cJSON_AddStringToObject(o, "description", x->description);
    cJSON_AddStringToObject(o, "purpose", x->purpose);
    cJSON_AddStringToObject(o, "results", x->results);
    cJSON_AddStringToObject(o, "measurement", x->measurement);
    cJSON_AddNumberToObject(o, "duration_hours", x->hours);
    if (x->duration)
        cJSON_AddStringToObject(o, "duration", x->duration);
    date_format(x->deadline, due);
    cJSON_AddStringToObject(o, "deadline", due);
    cJSON *deps = cJSON_AddArrayToObject(o, "dependencies");
    for (int d = 0; d < x->ndeps; d++)
        cJSON_AddItemToArray(deps, cJSON_CreateString(p->all[x->dep[d]].ref));
    cJSON_AddStringToObject(o, "notes", x->notes);
    cJSON_AddStringToObject(o, "template", x->template_id);
    cJSON_AddStringToObject(o, "title", x->title);
    if (x->why_deferred)
        cJSON_AddStringToObject(o, "why_deferred", x->why_deferred);
    if (x->status) {
        cJSON_AddStringToObject(o, "status", x->status);
        if (x->done_on != DATE_NONE) {
            date_format(x->done_on, due);
            cJSON_AddStringToObject(o, "done_on", due);
        } else {
            cJSON_AddNullToObject(o, "done_on");
        }
        if (x->outcome)
            cJSON_AddStringToObject(o, "outcome", x->outcome);
        else
            cJSON_AddNullToObject(o, "outcome");
        cJSON_AddBoolToObject(o, "overdue", strcmp(x->status, "planned") == 0 && x->deadline < p->progress_day);
    }
    return o;
}

static void json_date_to(cJSON *o, const char *key, int day)
{
    char d[11];
    date_format(day, d);
    cJSON_AddStringToObject(o, key, d);
}

char *plan_to_json(const struct plan *p, const struct book *b)
{
    char d[11];
    cJSON *root = cJSON_CreateObject();
    date_format(p->start, d);
    cJSON_AddStringToObject(root, "start", d);
    date_format(p->end, d);
    cJSON_AddStringToObject(root, "end", d);
    cJSON_AddNumberToObject(root, "capacity_hours", p->capacity_hours);
    cJSON_AddNumberToObject(root, "planned_hours", p->planned_hours);
    cJSON_AddNumberToObject(root, "target_hours", p->target_hours);
    cJSON_AddNumberToObject(root, "buffer_hours", p->capacity_hours - p->planned_hours);
    if (!p->saved)
        json_date_to(root, "case_study_due", p->case_study_due);
    if (p->saved) {
        cJSON *pr = cJSON_AddObjectToObject(root, "progress");
        cJSON_AddStringToObject(pr, "saved_at", p->saved_at);
        json_date_to(pr, "as_of", p->progress_day);
        cJSON_AddNumberToObject(pr, "done_hours", p->done_hours);
        cJSON_AddNumberToObject(pr, "done", p->ndone);
        cJSON_AddNumberToObject(pr, "dropped", p->ndropped);
        cJSON_AddNumberToObject(pr, "to_do", (double)p->n - p->ndone - p->ndropped);
        cJSON_AddNumberToObject(pr, "overdue", p->noverdue);
    }
    cJSON *acts = cJSON_AddArrayToObject(root, "activities");
    for (size_t k = 0; k < p->n; k++)
        cJSON_AddItemToArray(acts, activity_json(p, b, &p->all[p->order[k]]));
    cJSON_AddNumberToObject(root, "deferred_count", (double)p->deferred_total);
    cJSON *def = cJSON_AddArrayToObject(root, "deferred");
    for (size_t k = 0; k < p->ndeferred; k++)
        cJSON_AddItemToArray(def, activity_json(p, b, &p->all[p->deferred[k]]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

/* ---- iCalendar (RFC 5545) ---- */

/* Writes one content line, folded at 75 octets without splitting a UTF-8
 * character, ended with CRLF. */
static void ics_line(FILE *f, const char *s)
{
    size_t n = strlen(s), col = 0;
    for (size_t i = 0; i < n;) {
        size_t len = 1;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xF0)
            len = 4;
        else if (c >= 0xE0)
            len = 3;
        else if (c >= 0xC0)
            len = 2;
        if (col + len > 75) {
            fputs("\r\n ", f);
            col = 1;
        }
        fwrite(s + i, 1, len, f);
        col += len;
        i += len;
    }
    fputs("\r\n", f);
}

/* TEXT value escaping: backslash, semicolon, comma and newlines. */
static void ics_escape(struct strbuf *sb, const char *s)
{
    char safe[4096];
    text_safe(s, safe, sizeof safe);
    for (const char *p = safe; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            sb_add(sb, "\\", 1);
        sb_add(sb, p, 1);
    }
}

static void ics_prop(FILE *f, const char *name, const char *value)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_puts(&sb, name);
    sb_puts(&sb, ":");
    ics_escape(&sb, value);
    ics_line(f, sb.buf);
    sb_free(&sb);
}

static uint64_t fnv1a(const char *s, uint64_t h)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void ics_date(int day, char buf[9])
{
    char d[11];
    date_format(day, d);
    memcpy(buf, d, 4);
    memcpy(buf + 4, d + 5, 2);
    memcpy(buf + 6, d + 8, 2);
    buf[8] = '\0';
}

void plan_write_ics(FILE *f, const struct plan *p, const struct book *b, int stamp_day)
{
    char line[256], d[9], stamp[9];
    ics_line(f, "BEGIN:VCALENDAR");
    ics_line(f, "VERSION:2.0");
    ics_line(f, "PRODID:-//csm//csm quarterly plan//EN");
    ics_line(f, "CALSCALE:GREGORIAN");
    ics_line(f, "METHOD:PUBLISH");
    ics_date(stamp_day, stamp);
    char start[9];
    ics_date(p->start, start);
    for (size_t k = 0; k < p->n; k++) {
        const struct activity *x = &p->all[p->order[k]];
        ics_line(f, "BEGIN:VEVENT");
        /* Stable: the same activity of the same quarter keeps its UID. */
        uint64_t h = fnv1a(activity_client(x, b), fnv1a(x->template_id, fnv1a(start, 1469598103934665603u)));
        snprintf(line, sizeof line, "UID:%016llx-%s@csm", (unsigned long long)h, start);
        ics_line(f, line);
        snprintf(line, sizeof line, "DTSTAMP:%sT000000Z", stamp);
        ics_line(f, line);
        ics_date(x->deadline, d);
        snprintf(line, sizeof line, "DTSTART;VALUE=DATE:%s", d);
        ics_line(f, line);
        ics_date(x->deadline + 1, d);
        snprintf(line, sizeof line, "DTEND;VALUE=DATE:%s", d);
        ics_line(f, line);
        char summary[512];
        snprintf(summary, sizeof summary, "%s %s: %s", x->ref, activity_client(x, b), x->title);
        ics_prop(f, "SUMMARY", summary);
        struct strbuf desc;
        sb_init(&desc);
        char deps[64];
        deps_text(p, x, deps, sizeof deps);
        sb_printf(&desc, "%s\nPurpose: %s\nResults: %s\nMeasurement: %s\nDuration: %.1f h\nDependencies: %s\nNotes: %s",
                  x->description, x->purpose, x->results, x->measurement, x->hours, x->ndeps ? deps : "none", x->notes);
        /* Newlines are escaped as \n after the rest. */
        struct strbuf esc;
        sb_init(&esc);
        sb_puts(&esc, "DESCRIPTION:");
        for (char *line_start = desc.buf, *nl; line_start; line_start = nl ? nl + 1 : NULL) {
            nl = strchr(line_start, '\n');
            if (nl)
                *nl = '\0';
            ics_escape(&esc, line_start);
            if (nl)
                sb_puts(&esc, "\\n");
        }
        ics_line(f, esc.buf);
        sb_free(&esc);
        sb_free(&desc);
        if (x->status) {
            char st[600];
            status_text(p, x, st, sizeof st);
            ics_prop(f, "COMMENT", st);
            if (strcmp(x->status, "dropped") == 0)
                ics_line(f, "STATUS:CANCELLED");
        }
        ics_prop(f, "CATEGORIES", activity_kind_name(x->kind));
        ics_line(f, "TRANSP:TRANSPARENT");
        ics_line(f, "END:VEVENT");
    }
    ics_line(f, "END:VCALENDAR");
}
