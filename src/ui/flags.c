/* The flags screen: churn risks, expansion targets and case-study
 * candidates side by side, each column by severity then ACV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "screens.h"

struct flags_view {
    size_t *list[FLAG_KINDS];
    struct ui_list col[FLAG_KINDS]; /* over list[k], two lines an entry */
    unsigned gen;            /* the load of the book the lists are for; 0 none */
    int active;              /* the column the keys move in */
    long long keep_id[FLAG_KINDS];
    int drawn_active;
    char owner[UI_EDIT_MAX]; /* the owner filter the lists are for */
};

#define ENTRIES_Y (BODY_TOP + 1)

/* The columns side by side, each under its title. */
static void place(struct flags_view *v)
{
    int cw = COLS / FLAG_KINDS;
    for (int k = 0; k < FLAG_KINDS; k++) {
        int x = k * cw + 1, w = (k == FLAG_KINDS - 1 ? COLS - k * cw - 1 : cw) - 2;
        ui_list_place(&v->col[k], ENTRIES_Y, x, w, ui_body_rows(1));
        v->col[k].unfocused = k != v->active;
    }
}

/* The lists follow the book: built on first use after each load. */
static void ensure(struct ui *ui, struct flags_view *v)
{
    place(v);
    if (v->gen == ui->gen && strcmp(v->owner, ui->owner) == 0)
        return;
    /* The portfolio's owner filter holds here too: the title says it. */
    for (int k = 0; k < FLAG_KINDS; k++) {
        free(v->list[k]);
        size_t n = ui_flag_list(&ui->book, k, &v->list[k]);
        ui_list_resize(&v->col[k], ui_owner_rows(&ui->book, ui->owner, v->list[k], n));
        for (size_t p = 0; p < v->col[k].n && v->keep_id[k] >= 0; p++)
            if (ui->book.acc[v->list[k][p]].id == v->keep_id[k]) {
                v->col[k].cur = p;
                break;
            }
        v->keep_id[k] = -1;
    }
    v->gen = ui->gen;
    snprintf(v->owner, sizeof v->owner, "%s", ui->owner);
}

static void paint_entry(struct ui *ui, struct ui_list *l, size_t pos, int y, bool sel)
{
    struct flags_view *v = l->ctx;
    int k = (int)(l - v->col);
    struct ui_row first, second;
    ui_flag_entry(&ui->book, v->list[k][pos], k, l->width, ui->ascii, &first, &second);
    ui_paint_row(y, l->x, l->width, &first, sel);
    ui_paint_row(y + 1, l->x, l->width, &second, sel);
}

static void flags_draw(struct ui *ui, struct screen *s, bool full)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    if (!full && v->drawn_active == v->active && ui_list_update(ui, &v->col[v->active]))
        return;
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    static const char *const mark[FLAG_KINDS] = {"\xe2\x96\xb2 ", "\xe2\x86\x97 ", "\xe2\x98\x85 "};
    for (int k = 0; k < FLAG_KINDS; k++) {
        struct ui_list *l = &v->col[k];
        char title[96];
        snprintf(title, sizeof title, "%s%s (%zu)", ui->ascii ? "" : mark[k], ui_flag_title(k), l->n);
        int color = k == FLAG_CHURN ? CLR_RED_BAND : CLR_GREEN_BAND;
        ui_put(BODY_TOP, l->x, l->width, false, k == v->active ? color | UI_REVERSE : color, title);
        ui_list_paint(ui, l);
        if (!l->n)
            ui_put(ENTRIES_Y, l->x + 2, l->width - 2, false, CLR_DIM, "none");
    }
    v->drawn_active = v->active;
}

static int mouse(struct ui *ui, struct flags_view *v)
{
    int y, x;
    bool open;
    if (ui_list_wheel(ui, &v->col[v->active]))
        return RD_CURSOR;
    if (!ui_mouse_click(ui, &y, &x, &open) || y < BODY_TOP || y > BODY_BOTTOM)
        return RD_NONE;
    int k = x / (COLS / FLAG_KINDS);
    if (k >= FLAG_KINDS)
        k = FLAG_KINDS - 1;
    v->active = k;
    long pos = ui_list_at(&v->col[k], y);
    if (pos >= 0 && (size_t)pos < v->col[k].n) {
        v->col[k].cur = (size_t)pos;
        if (open) {
            ui_open_account(ui, v->list[k][pos]);
            return RD_ALL;
        }
    }
    return RD_ALL;
}

static int flags_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    struct ui_list *l = &v->col[v->active];
    if (a != A_NONE && ui_list_action(l, a))
        return RD_CURSOR;
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_MOVE_LEFT: v->active = (v->active + FLAG_KINDS - 1) % FLAG_KINDS; return RD_ALL;
    case A_MOVE_RIGHT: v->active = (v->active + 1) % FLAG_KINDS; return RD_ALL;
    case A_OPEN:
        if (!l->n) {
            ui_say(ui, "no %s", ui_flag_title(v->active));
            return RD_NONE;
        }
        ui_open_account(ui, v->list[v->active][l->cur]);
        return RD_ALL;
    default: return RD_UNHANDLED;
    }
}

static void flags_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct flags_view *v = s->state;
    ensure(ui, v);
    ui_list_position(&v->col[v->active], buf, len);
}

static void flags_reload(struct ui *ui, struct screen *s, bool before)
{
    struct flags_view *v = s->state;
    if (!before || v->gen != ui->gen)
        return;
    for (int k = 0; k < FLAG_KINDS; k++)
        v->keep_id[k] = v->col[k].n ? ui->book.acc[v->list[k][v->col[k].cur]].id : -1;
}

static void flags_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct flags_view *v = s->state;
    place(v);
    for (int k = 0; k < FLAG_KINDS; k++)
        ui_list_keep_visible(&v->col[k]);
}

static void flags_destroy(struct screen *s)
{
    struct flags_view *v = s->state;
    for (int k = 0; k < FLAG_KINDS; k++)
        free(v->list[k]);
    free(v);
}

static const struct screen_ops flags_ops = {
    .name = "Flags",
    .where = UI_IN_FLAGS,
    .show = A_SCREEN_FLAGS,
    .draw = flags_draw,
    .handle_key = flags_key,
    .on_resize = flags_resize,
    .on_reload = flags_reload,
    .position = flags_position,
    .destroy = flags_destroy,
};

struct screen *ui_flags_screen(struct ui *ui)
{
    (void)ui;
    struct flags_view *v = xcalloc(1, sizeof *v);
    for (int k = 0; k < FLAG_KINDS; k++) {
        v->keep_id[k] = -1;
        v->col[k].item_lines = 2;
        v->col[k].paint = paint_entry;
        v->col[k].ctx = v;
    }
    return ui_screen_new(&flags_ops, v);
}
