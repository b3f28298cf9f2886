/* The renewals screen: the next twelve months as a timeline, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/money.h"
#include "csm/text.h"
#include "screens.h"

#define NROWS (UI_MONTHS + 1)
#define ROWS_Y (BODY_TOP + 1)

struct renewals_view {
    struct ui_timeline t;
    unsigned gen;            /* the load of the book the timeline is for; 0 none */
    struct ui_list rows;     /* over the timeline's rows: 0 overdue, 1.. the months */
    size_t sel;              /* the account selected within the row */
    size_t first[NROWS];     /* the first account shown in each row */
    long long keep_id;
};

static void place(struct renewals_view *v) { ui_list_place(&v->rows, ROWS_Y, 0, COLS, ui_body_rows(1)); }

static size_t count(const struct renewals_view *v) { return v->t.count[v->rows.cur]; }

static void clamp_sel(struct renewals_view *v)
{
    if (v->sel >= count(v))
        v->sel = count(v) ? count(v) - 1 : 0;
}

static void ensure(struct ui *ui, struct renewals_view *v)
{
    place(v);
    if (v->gen == ui->gen)
        return;
    ui_timeline_free(&v->t);
    ui_timeline_build(&ui->book, ui->opt->as_of, &v->t);
    v->gen = ui->gen;
    memset(v->first, 0, sizeof v->first);
    if (v->keep_id >= 0) {
        for (int r = 0; r < NROWS; r++)
            for (size_t k = 0; k < v->t.count[r]; k++)
                if (ui->book.acc[v->t.idx[v->t.off[r] + k]].id == v->keep_id) {
                    v->rows.cur = (size_t)r;
                    v->sel = k;
                }
        v->keep_id = -1;
    }
    clamp_sel(v);
}

static void build_row(struct ui *ui, struct renewals_view *v, int r, struct ui_row *out)
{
    size_t shown;
    long sel = (size_t)r == v->rows.cur ? (long)v->sel : -1;
    ui_timeline_row(&ui->book, &v->t, r, v->first[r], sel, COLS - 1, ui->ascii, out, &shown);
    /* Scroll sideways until the selected account is in view. */
    for (int tries = 0; sel >= 0 && tries < 64; tries++) {
        if ((size_t)sel < v->first[r]) {
            v->first[r] = (size_t)sel;
        } else if ((size_t)sel >= v->first[r] + shown) {
            v->first[r] += shown ? shown : 1;
            if (v->first[r] > (size_t)sel)
                v->first[r] = (size_t)sel;
        } else {
            return;
        }
        ui_timeline_row(&ui->book, &v->t, r, v->first[r], sel, COLS - 1, ui->ascii, out, &shown);
    }
}

static void paint_row(struct ui *ui, struct ui_list *l, size_t r, int y, bool selected)
{
    struct renewals_view *v = l->ctx;
    struct ui_row row;
    build_row(ui, v, (int)r, &row);
    ui_paint_row(y, 0, COLS, &row, false);
    if (selected) {
        ui_put(y, 0, 1, false, CLR_ACCENT, ">");
        if (!v->t.count[r]) /* nothing to select: mark the month itself */
            ui_put(y, 1, 8, false, CLR_HEADER | UI_REVERSE, ui_row_span_text(&row, 0));
    }
}

static void draw_summary(struct renewals_view *v)
{
    const struct ui_timeline *t = &v->t;
    char due[32], over[32], buf[256];
    int64_t sum = 0;
    size_t n = 0;
    for (int r = 1; r < NROWS; r++) {
        sum += t->acv[r];
        n += t->count[r];
    }
    money_format(sum - sum % 100, due, sizeof due);
    money_format(t->acv[0] - t->acv[0] % 100, over, sizeof over);
    struct ui_row row;
    ui_row_init(&row);
    snprintf(buf, sizeof buf, "%zu renewal%s in 12 months, $%s", n, n == 1 ? "" : "s", due);
    int x = ui_row_add(&row, 1, -1, false, CLR_HEADER, buf) + 3;
    snprintf(buf, sizeof buf, "overdue %zu ($%s)", t->count[0], over);
    x = ui_row_add(&row, x, -1, false, t->count[0] ? CLR_RED_BAND : CLR_DIM, buf) + 3;
    snprintf(buf, sizeof buf, "later %zu   no date %zu", t->later, t->unknown);
    if (x + text_width(buf) < COLS - 1)
        ui_row_add(&row, x, -1, false, CLR_DIM, buf);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
}

static void renewals_draw(struct ui *ui, struct screen *s, bool full)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    if (!full && ui_list_update(ui, &v->rows))
        return;
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    draw_summary(v);
    ui_list_paint(ui, &v->rows);
}

static int open_selected(struct ui *ui, struct renewals_view *v)
{
    if (!count(v)) {
        ui_say(ui, "no renewal there");
        return RD_NONE;
    }
    ui_open_account(ui, v->t.idx[v->t.off[v->rows.cur] + v->sel]);
    return RD_ALL;
}

static int mouse(struct ui *ui, struct renewals_view *v)
{
    int y, x;
    bool open;
    if (ui_list_wheel(ui, &v->rows)) {
        clamp_sel(v);
        return RD_CURSOR;
    }
    long r = ui_mouse_click(ui, &y, &x, &open) ? ui_list_at(&v->rows, y) : -1;
    if (r < 0)
        return RD_NONE;
    ui_list_to(&v->rows, r); /* below the last month: the last month */
    clamp_sel(v);
    return open ? open_selected(ui, v) : RD_CURSOR;
}

static int renewals_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    if (a != A_NONE && ui_list_action(&v->rows, a)) {
        clamp_sel(v);
        return RD_CURSOR;
    }
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_MOVE_LEFT:
        if (v->sel > 0)
            v->sel--;
        return RD_CURSOR;
    case A_MOVE_RIGHT:
        if (v->sel + 1 < count(v))
            v->sel++;
        return RD_CURSOR;
    case A_OPEN: return open_selected(ui, v);
    default: return RD_UNHANDLED;
    }
}

static void renewals_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct renewals_view *v = s->state;
    ensure(ui, v);
    char label[16];
    if (v->rows.cur == 0) {
        snprintf(label, sizeof label, "overdue");
    } else {
        int y, m, d;
        date_to_ymd(v->t.month[v->rows.cur], &y, &m, &d);
        snprintf(label, sizeof label, "%04d-%02d", y, m);
    }
    snprintf(buf, len, "%s %zu/%zu", label, count(v) ? v->sel + 1 : 0, count(v));
}

static void renewals_reload(struct ui *ui, struct screen *s, bool before)
{
    struct renewals_view *v = s->state;
    if (!before || v->gen != ui->gen)
        return;
    v->keep_id = count(v) ? ui->book.acc[v->t.idx[v->t.off[v->rows.cur] + v->sel]].id : -1;
}

static void renewals_resize(struct ui *ui, struct screen *s)
{
    struct renewals_view *v = s->state;
    (void)ui;
    place(v);
    ui_list_keep_visible(&v->rows);
    memset(v->first, 0, sizeof v->first); /* the rows hold more or fewer accounts now */
}

static void renewals_destroy(struct screen *s)
{
    struct renewals_view *v = s->state;
    ui_timeline_free(&v->t);
    free(v);
}

static const struct screen_ops renewals_ops = {
    .name = "Renewals",
    .where = UI_IN_RENEWALS,
    .show = A_SCREEN_RENEWALS,
    .draw = renewals_draw,
    .handle_key = renewals_key,
    .on_resize = renewals_resize,
    .on_reload = renewals_reload,
    .position = renewals_position,
    .destroy = renewals_destroy,
};

struct screen *ui_renewals_screen(struct ui *ui)
{
    (void)ui;
    struct renewals_view *v = xcalloc(1, sizeof *v);
    v->keep_id = -1;
    v->rows.n = NROWS;
    v->rows.cur = 1; /* this month */
    v->rows.paint = paint_row;
    v->rows.ctx = v;
    return ui_screen_new(&renewals_ops, v);
}
