/* The list every list screen shows, as htop's Panel: a cursor over the
 * items, the first item shown, the keys that move them, the mouse, the
 * position text, and painting only the two rows a move changes. */
#include <stdio.h>

#include "screens.h"

static int per_item(const struct ui_list *l) { return l->item_lines > 0 ? l->item_lines : 1; }

void ui_list_place(struct ui_list *l, int y, int x, int width, int lines)
{
    l->y = y;
    l->x = x;
    l->width = width;
    l->lines = lines;
}

size_t ui_list_visible(const struct ui_list *l)
{
    int v = l->lines / per_item(l);
    return v > 0 ? (size_t)v : 1;
}

/* The furthest a list without a cursor scrolls: its last page. */
static size_t last_top(const struct ui_list *l)
{
    size_t vis = ui_list_visible(l);
    return l->n > vis ? l->n - vis : 0;
}

void ui_list_resize(struct ui_list *l, size_t n)
{
    l->n = n;
    if (l->cur >= n)
        l->cur = n ? n - 1 : 0;
}

void ui_list_to(struct ui_list *l, long long pos)
{
    if (!l->no_cursor) {
        l->cur = ui_clamp(pos, l->n);
        return;
    }
    size_t max = last_top(l);
    l->top = pos < 0 ? 0 : (unsigned long long)pos > max ? max : (size_t)pos;
}

void ui_list_move(struct ui_list *l, long long delta)
{
    ui_list_to(l, (long long)(l->no_cursor ? l->top : l->cur) + delta);
}

void ui_list_keep_visible(struct ui_list *l)
{
    if (l->no_cursor)
        ui_list_to(l, (long long)l->top);
    else
        l->top = ui_scroll_top(l->cur, l->top, ui_list_visible(l), l->n);
}

bool ui_list_action(struct ui_list *l, int action)
{
    long long page = (long long)ui_list_visible(l);
    switch (action) {
    case A_UP: ui_list_move(l, -1); return true;
    case A_DOWN: ui_list_move(l, 1); return true;
    case A_PAGE_UP: ui_list_move(l, -page); return true;
    case A_PAGE_DOWN: ui_list_move(l, page); return true;
    case A_HOME: ui_list_to(l, 0); return true;
    case A_END: ui_list_to(l, (long long)l->n - 1); return true;
    default: return false;
    }
}

long ui_list_at(const struct ui_list *l, int y)
{
    if (y < l->y || y >= l->y + l->lines)
        return -1;
    return (long)(l->top + (size_t)((y - l->y) / per_item(l)));
}

void ui_list_position(const struct ui_list *l, char *buf, size_t len)
{
    if (!l->no_cursor) {
        snprintf(buf, len, "%zu/%zu", l->n ? l->cur + 1 : 0, l->n);
        return;
    }
    size_t vis = ui_list_visible(l), last = l->top + vis < l->n ? l->top + vis : l->n;
    if (l->n > vis)
        snprintf(buf, len, "lines %zu-%zu of %zu", l->top + 1, last, l->n);
    else if (len)
        buf[0] = '\0';
}

/* Item k at its place: painted by the screen, or blank past the last. */
static void paint_item(struct ui *ui, struct ui_list *l, size_t k)
{
    int y = l->y + (int)(k - l->top) * per_item(l);
    if (k < l->n) {
        l->paint(ui, l, k, y, !l->no_cursor && !l->unfocused && k == l->cur);
        return;
    }
    struct ui_row blank;
    ui_row_init(&blank);
    for (int j = 0; j < per_item(l); j++)
        ui_paint_row(y + j, l->x, l->width, &blank, false);
}

static void painted(struct ui_list *l)
{
    l->drawn = true;
    l->drawn_cur = l->cur;
    l->drawn_top = l->top;
}

void ui_list_paint(struct ui *ui, struct ui_list *l)
{
    ui_list_keep_visible(l);
    size_t vis = ui_list_visible(l);
    for (size_t r = 0; r < vis; r++)
        paint_item(ui, l, l->top + r);
    painted(l);
}

bool ui_list_update(struct ui *ui, struct ui_list *l)
{
    ui_list_keep_visible(l);
    if (!l->drawn || l->top != l->drawn_top)
        return false;
    /* The cursor moved within the page: two rows change. */
    if (l->drawn_cur != l->cur && l->drawn_cur >= l->top && l->drawn_cur - l->top < ui_list_visible(l))
        paint_item(ui, l, l->drawn_cur);
    paint_item(ui, l, l->cur);
    painted(l);
    return true;
}

bool ui_list_wheel(struct ui *ui, struct ui_list *l)
{
    int notch = ui_mouse_wheel(ui);
    if (!notch)
        return false;
    ui_list_move(l, (long long)notch * (l->wheel > 0 ? l->wheel : 1));
    return true;
}
