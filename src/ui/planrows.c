/* The rows of the plan and imports screens, built without a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/text.h"
#include "csm/ui.h"

static bool status_is(const struct saved_activity *a, const char *s) { return a->status && strcmp(a->status, s) == 0; }

void ui_plan_hours(const struct saved_activity *v, size_t n, double *planned, double *done)
{
    *planned = *done = 0;
    for (size_t k = 0; k < n; k++) {
        if (!status_is(&v[k], "dropped"))
            *planned += v[k].hours;
        if (status_is(&v[k], "done"))
            *done += v[k].hours;
    }
}

void ui_plan_gauge(const struct saved_activity *v, size_t n, double capacity, bool saved, int width,
                   struct ui_row *out)
{
    double planned, done;
    ui_plan_hours(v, n, &planned, &done);
    int pct = capacity > 0 ? (int)(100 * planned / capacity + 0.5) : 0;
    int cells = pct >= 100 ? 10 : pct / 10;
    char bar[16], buf[160];
    for (int k = 0; k < 10; k++)
        bar[k] = k < cells ? '#' : '.';
    bar[10] = '\0';
    ui_row_init(out);
    snprintf(buf, sizeof buf, "%.1f h of %.0f h [%s] %d%%", planned, capacity, bar, pct);
    int color = pct > 100 ? CLR_RED_BAND : CLR_HEADER;
    int x = ui_row_add(out, 1, -1, false, color, buf) + 3;
    if (saved) {
        int dp = planned > 0 ? (int)(100 * done / planned + 0.5) : 0;
        snprintf(buf, sizeof buf, "done %.1f h (%d%%)", done, dp);
        x = ui_row_add(out, x, -1, false, done > 0 ? CLR_GREEN_BAND : CLR_DIM, buf) + 3;
    } else {
        char key[16];
        snprintf(buf, sizeof buf, "not saved (%s saves)", ui_action_key(A_PLAN_SAVE, key, sizeof key));
        x = ui_row_add(out, x, -1, false, CLR_AMBER_BAND, buf) + 3;
    }
    if (n) {
        char s[11], e[11];
        date_format(v[0].plan_start, s);
        date_format(v[0].plan_end, e);
        snprintf(buf, sizeof buf, "%s to %s", s, e);
        if (x + text_width(buf) >= width && memcmp(s, e, 5) == 0)
            snprintf(buf, sizeof buf, "%s..%s", s, e + 5); /* 2027-04-01..06-30: the quarter is always said */
        if (x + text_width(buf) < width)
            ui_row_add(out, x, -1, false, CLR_DIM, buf);
    }
}

/* The columns: ref, status, deadline, client, title, hours. */
struct plan_cols {
    int ref, status, deadline, client, cw, title, tw, hours;
};

static struct plan_cols plan_layout(int width)
{
    struct plan_cols c;
    c.ref = 1;
    c.status = c.ref + 8;
    c.deadline = c.status + 9;
    c.client = c.deadline + 11;
    int rest = width - c.client - 8; /* the hours: 7 at the right, a space before */
    if (rest < 10)
        rest = 10;
    c.cw = rest * 2 / 5;
    c.title = c.client + c.cw + 1;
    c.tw = rest - c.cw - 1;
    c.hours = c.title + c.tw + 1;
    return c;
}

void ui_plan_header(int width, struct ui_row *out)
{
    struct plan_cols c = plan_layout(width);
    ui_row_init(out);
    ui_row_add(out, c.ref, 7, false, CLR_HEADER, "Ref");
    ui_row_add(out, c.status, 8, false, CLR_HEADER, "Status");
    ui_row_add(out, c.deadline, 10, false, CLR_HEADER, "Deadline");
    ui_row_add(out, c.client, c.cw, false, CLR_HEADER, "Client");
    ui_row_add(out, c.title, c.tw, false, CLR_HEADER, "Activity");
    ui_row_add(out, c.hours, 7, true, CLR_HEADER, "Hours");
}

void ui_plan_row(const struct saved_activity *a, int as_of, int width, struct ui_row *out)
{
    struct plan_cols c = plan_layout(width);
    const char *status = a->status ? a->status : "new";
    int scolor = status_is(a, "done") ? CLR_GREEN_BAND : status_is(a, "dropped") ? CLR_DIM : CLR_NORMAL;
    bool late = a->deadline != DATE_NONE && a->deadline < as_of && !status_is(a, "done") && !status_is(a, "dropped");
    char d[11] = "", h[32];
    if (a->deadline != DATE_NONE)
        date_format(a->deadline, d);
    snprintf(h, sizeof h, "%.1f h", a->hours);
    ui_row_init(out);
    ui_row_add(out, c.ref, 7, false, CLR_ACCENT, a->ref);
    ui_row_add(out, c.status, 8, false, scolor, status);
    ui_row_add(out, c.deadline, 10, false, late ? CLR_RED_BAND : CLR_NORMAL, d);
    ui_row_add(out, c.client, c.cw, false, status_is(a, "dropped") ? CLR_DIM : CLR_NORMAL,
               a->client ? a->client : "(gone)");
    const char *title = a->title ? a->title : plan_template_title(a->template_id ? a->template_id : "");
    if (a->outcome && *a->outcome) {
        /* What came of it beside the title: the title keeps at least half
         * the column, the outcome the rest. */
        char said[UI_ROW_BYTES];
        snprintf(said, sizeof said, ": %s", a->outcome);
        int want = text_width(title), rest = c.tw - text_width(said);
        int tw1 = want <= rest ? want : rest > c.tw / 2 ? rest : c.tw / 2;
        int x = ui_row_add(out, c.title, tw1, false, CLR_NORMAL, title);
        if (c.tw - tw1 > 2)
            ui_row_add(out, x, c.tw - tw1, false, CLR_DIM, said);
    } else {
        ui_row_add(out, c.title, c.tw, false, CLR_NORMAL, title);
    }
    ui_row_add(out, c.hours, 7, true, CLR_NORMAL, h);
}

/* ---- imports ---- */

struct import_cols {
    int id, file, fw, as_of, at, counts, undone;
};

static struct import_cols import_layout(int width)
{
    struct import_cols c;
    c.id = 0;
    c.file = 5;
    bool at = width >= 72;
    int fixed = 1 + 11 + (at ? 17 : 0) + 17 + 8; /* a space after the file */ /* as-of, imported at, counts, (undone) */
    c.fw = width - c.file - fixed;
    if (c.fw < 8)
        c.fw = 8;
    c.as_of = c.file + c.fw + 1;
    c.at = at ? c.as_of + 11 : -1;
    c.counts = (at ? c.at + 17 : c.as_of + 11);
    c.undone = c.counts + 17;
    return c;
}

void ui_import_header(int width, struct ui_row *out)
{
    struct import_cols c = import_layout(width);
    ui_row_init(out);
    ui_row_add(out, c.id, 4, true, CLR_HEADER, "Id");
    ui_row_add(out, c.file, c.fw, false, CLR_HEADER, "File");
    ui_row_add(out, c.as_of, 10, false, CLR_HEADER, "As of");
    if (c.at >= 0)
        ui_row_add(out, c.at, 16, false, CLR_HEADER, "Imported at");
    ui_row_add(out, c.counts, 16, false, CLR_HEADER, "Rows/new/upd/rej");
}

void ui_import_row(const struct import_record *r, int width, struct ui_row *out)
{
    struct import_cols c = import_layout(width);
    char id[24], d[11] = "", counts[64], at[32] = "";
    snprintf(id, sizeof id, "%lld", r->id);
    if (r->as_of != DATE_NONE)
        date_format(r->as_of, d);
    snprintf(counts, sizeof counts, "%d/%d/%d/%d", r->rows, r->created, r->updated, r->rejected);
    if (r->imported_at) { /* "2027-01-01T09:30:00Z" as "2027-01-01 09:30" */
        snprintf(at, sizeof at, "%.16s", r->imported_at);
        if (at[10] == 'T')
            at[10] = ' ';
    }
    int color = r->undone_at ? CLR_DIM : CLR_NORMAL;
    ui_row_init(out);
    ui_row_add(out, c.id, 4, true, CLR_ACCENT, id);
    ui_row_add(out, c.file, c.fw, false, color, r->file ? r->file : "");
    ui_row_add(out, c.as_of, 10, false, color, d);
    if (c.at >= 0)
        ui_row_add(out, c.at, 16, false, color, at);
    ui_row_add(out, c.counts, 16, false, r->rejected ? CLR_AMBER_BAND : color, counts);
    if (r->undone_at)
        ui_row_add(out, c.undone, 8, false, CLR_DIM, "(undone)");
}

void ui_import_messages(const char *messages, int width, int max, struct ui_lines *out)
{
    out->n = 0;
    if (max <= 0)
        return;
    if (!messages || !*messages) {
        ui_row_add(ui_lines_add(out), 2, -1, false, CLR_DIM, "no messages");
        return;
    }
    int w = width - 3 > 10 ? width - 3 : 10;
    const char *s = messages;
    while (*s && out->n < max) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char *line = xmalloc(len + 1);
        memcpy(line, s, len);
        line[len] = '\0';
        const char *p = line;
        do {
            size_t next;
            size_t n = ui_wrap(p, w, &next);
            char piece[UI_ROW_BYTES];
            if (n >= sizeof piece)
                n = sizeof piece - 1;
            memcpy(piece, p, n);
            piece[n] = '\0';
            ui_row_add(ui_lines_add(out), 2, -1, false, CLR_NORMAL, piece);
            p += next ? next : (n ? n : strlen(p));
        } while (*p && out->n < max);
        free(line);
        s += len + (nl ? 1 : 0);
    }
}
