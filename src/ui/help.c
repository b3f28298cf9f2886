/* The help screen: every key, from the one action table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "screens.h"

struct help_view {
    struct ui_lines lines;
    int built_width;
    struct ui_list list;    /* over the lines, without a cursor */
};

static void place(struct help_view *v) { ui_list_place(&v->list, BODY_TOP, 0, COLS, ui_body_rows(0)); }

static void text_line(struct ui_lines *l, int color, const char *s)
{
    ui_row_add(ui_lines_add(l), 2, -1, false, color, s);
}

static void build(struct help_view *v)
{
    if (v->built_width == COLS)
        return;
    v->lines.n = 0;
    int kw = 12;
    /* One section for each set of screens (then the prompt's keys), in the
     * order of the table. */
    unsigned groups[32];
    int ngroups = ui_action_groups(groups, 32);
    for (int g = 0; g < ngroups; g++) {
        unsigned where = groups[g];
        char title[128];
        ui_where_title(where, title, sizeof title);
        if (v->lines.n)
            ui_lines_add(&v->lines);
        text_line(&v->lines, CLR_HEADER, title);
        for (int j = 0; j < ui_nactions; j++) {
            const struct action_def *d = &ui_actions[j];
            if (d->where != where)
                continue;
            struct ui_row *r = ui_lines_add(&v->lines);
            int x = ui_row_add(r, 2, kw, false, CLR_ACCENT, d->key_label) + 1;
            ui_row_add(r, x, COLS - 2 - x, false, CLR_NORMAL, d->help);
        }
    }
    ui_lines_add(&v->lines);
    text_line(&v->lines, CLR_HEADER, "The mouse (unless --no-mouse)");
    text_line(&v->lines, CLR_NORMAL, "a click selects, a double click opens, the wheel scrolls;");
    text_line(&v->lines, CLR_NORMAL, "a click on a column title sorts by it, on a tab shows that screen.");
    v->built_width = COLS;
}

static void paint_line(struct ui *ui, struct ui_list *l, size_t k, int y, bool selected)
{
    (void)ui;
    (void)selected;
    struct help_view *v = l->ctx;
    ui_paint_row(y, 0, COLS, &v->lines.row[k], false);
}

/* The keys laid out for this width, the list over them. */
static void ensure(struct help_view *v)
{
    build(v);
    place(v);
    v->list.n = (size_t)v->lines.n;
}

static void help_draw(struct ui *ui, struct screen *s, bool full)
{
    (void)full; /* a page of text: scrolling repaints it all */
    struct help_view *v = s->state;
    ensure(v);
    ui_list_paint(ui, &v->list);
}

static int help_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct help_view *v = s->state;
    ensure(v);
    if (ui_list_action(&v->list, a))
        return RD_ALL;
    switch (a) {
    case A_BACK:
    case A_QUIT:
    case A_HELP:
        ui_pop(ui);
        return RD_ALL;
    case A_NONE: return key == KEY_MOUSE && ui_list_wheel(ui, &v->list) ? RD_ALL : RD_UNHANDLED;
    default: return RD_UNHANDLED;
    }
}

static void help_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    (void)ui;
    struct help_view *v = s->state;
    ensure(v);
    ui_list_position(&v->list, buf, len);
}

static void help_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct help_view *v = s->state;
    v->built_width = 0; /* lay the keys out again */
}

static void help_destroy(struct screen *s)
{
    struct help_view *v = s->state;
    ui_lines_free(&v->lines);
    free(v);
}

static const struct screen_ops help_ops = {
    .name = "Help",
    .where = UI_IN_HELP,
    .show = A_NONE,
    .draw = help_draw,
    .handle_key = help_key,
    .on_resize = help_resize,
    .position = help_position,
    .destroy = help_destroy,
};

struct screen *ui_help_screen(struct ui *ui)
{
    (void)ui;
    struct help_view *v = xcalloc(1, sizeof *v);
    v->list.no_cursor = true;
    v->list.wheel = 3;
    v->list.paint = paint_line;
    v->list.ctx = v;
    return ui_screen_new(&help_ops, v);
}
