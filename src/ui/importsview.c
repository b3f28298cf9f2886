/* The imports screen: past imports, the selected one's messages, and undoing
 * the latest after a y/n on the status line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "screens.h"

#define LIST_Y (BODY_TOP + 1)

struct imports_view {
    struct import_record *v;
    size_t n;
    unsigned gen;            /* the load of the book the list is for; 0 none */
    size_t cur, top;
    long long keep_id;
    bool confirming;         /* u asked "undo?": the next key answers */
    struct ui_lines msgs;
};

/* The list takes up to half the body (at least 3 rows); the messages the rest. */
static int list_rows(const struct imports_view *v)
{
    int body = ui_body_rows(1);
    int half = body / 2 > 3 ? body / 2 : 3;
    int want = v->n ? (int)v->n : 1;
    return want < half ? want : half;
}

static void ensure(struct ui *ui, struct imports_view *v)
{
    if (v->gen == ui->gen)
        return;
    store_free_imports(v->v, v->n);
    v->v = NULL;
    v->n = 0;
    v->gen = ui->gen;
    if (store_list_imports(ui->st, &v->v, &v->n) != 0) {
        ui_error(ui, "cannot read the imports: %s", store_error(ui->st));
        v->v = NULL;
        v->n = 0;
    }
    for (size_t k = 0; k < v->n && v->keep_id >= 0; k++)
        if (v->v[k].id == v->keep_id)
            v->cur = k;
    v->keep_id = -1;
    if (v->cur >= v->n)
        v->cur = v->n ? v->n - 1 : 0;
}

static void keep_visible(struct imports_view *v)
{
    size_t vis = (size_t)list_rows(v);
    if (v->cur < v->top)
        v->top = v->cur;
    if (v->cur >= v->top + vis)
        v->top = v->cur - vis + 1;
    if (v->top + vis > v->n)
        v->top = v->n > vis ? v->n - vis : 0;
}

static void imports_draw(struct ui *ui, struct screen *s, bool full)
{
    struct imports_view *v = s->state;
    (void)full; /* the messages change with the selection: always the whole body */
    ensure(ui, v);
    if (v->confirming && !ui->message[0])
        v->confirming = false; /* the question went (a click on a tab) */
    keep_visible(v);
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    struct ui_row row;
    ui_import_header(COLS - 1, &row);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
    if (!v->n) {
        ui_put(LIST_Y, 2, COLS - 3, false, CLR_DIM, "no imports yet: csm import FILE reads a health-score export");
        return;
    }
    int rows = list_rows(v);
    for (int r = 0; r < rows && v->top + (size_t)r < v->n; r++) {
        size_t k = v->top + (size_t)r;
        ui_import_row(&v->v[k], COLS - 1, &row);
        ui_paint_row(LIST_Y + r, 0, COLS, &row, k == v->cur);
    }
    int y = LIST_Y + rows + 1;
    if (y > BODY_BOTTOM)
        return;
    const struct import_record *r = &v->v[v->cur];
    char title[128];
    snprintf(title, sizeof title, "Messages of import %lld%s", r->id, r->undone_at ? " (undone)" : "");
    ui_put(y, 1, COLS - 2, false, CLR_HEADER, title);
    int max = BODY_BOTTOM - y;
    ui_import_messages(r->messages, COLS - 1, max, &v->msgs);
    for (int k = 0; k < v->msgs.n && y + 1 + k <= BODY_BOTTOM; k++)
        ui_paint_row(y + 1 + k, 0, COLS, &v->msgs.row[k], false);
}

static void move_to(struct imports_view *v, long long pos)
{
    if (pos >= (long long)v->n)
        pos = (long long)v->n - 1;
    if (pos < 0)
        pos = 0;
    v->cur = (size_t)pos;
}

static int ask_undo(struct ui *ui, struct imports_view *v)
{
    if (!v->n) {
        ui_say(ui, "no import to undo");
        return RD_NONE;
    }
    if (ui->opt->read_only) {
        ui_error(ui, "read-only: cannot undo an import");
        return RD_NONE;
    }
    const struct import_record *r = &v->v[v->cur];
    if (r->undone_at) {
        ui_say(ui, "import %lld is undone already", r->id);
        return RD_NONE;
    }
    char file[160];
    text_safe(r->file ? r->file : "", file, sizeof file);
    if (text_width(file) > 30) {
        char cut[160];
        text_fit(file, 30, false, cut, sizeof cut);
        snprintf(file, sizeof file, "%s", cut);
    }
    ui_say(ui, "undo import %lld (%s)? y/n", r->id, file);
    v->confirming = true;
    return RD_NONE;
}

static int undo(struct ui *ui, struct imports_view *v)
{
    long long id = v->v[v->cur].id;
    int rc = store_undo_import(ui->st, id);
    if (rc) {
        char why[200];
        text_safe(store_error(ui->st), why, sizeof why);
        ui_error(ui, "import %lld not undone: %s", id, why);
        return RD_ALL;
    }
    v->keep_id = id;
    ui_reload(ui);
    ui_say(ui, "import %lld undone; %zu accounts now", id, ui->book.n);
    return RD_ALL;
}

static int mouse(struct ui *ui, struct imports_view *v)
{
    int wheel = ui_mouse_wheel(ui), y, x;
    bool open;
    if (wheel) {
        move_to(v, (long long)v->cur + wheel);
        return RD_ALL;
    }
    if (!ui_mouse_click(ui, &y, &x, &open) || y < LIST_Y || y >= LIST_Y + list_rows(v))
        return RD_NONE;
    size_t pos = v->top + (size_t)(y - LIST_Y);
    if (pos >= v->n)
        return RD_NONE;
    v->cur = pos;
    return RD_ALL;
}

static int imports_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct imports_view *v = s->state;
    ensure(ui, v);
    if (v->confirming) {
        v->confirming = false;
        if ((key == 'y' || key == 'Y') && v->cur < v->n)
            return undo(ui, v);
        ui_say(ui, "not undone");
        return RD_NONE;
    }
    long long cur = (long long)v->cur, vis = list_rows(v);
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_UP: move_to(v, cur - 1); return RD_ALL;
    case A_DOWN: move_to(v, cur + 1); return RD_ALL;
    case A_PAGE_UP: move_to(v, cur - vis); return RD_ALL;
    case A_PAGE_DOWN: move_to(v, cur + vis); return RD_ALL;
    case A_HOME: move_to(v, 0); return RD_ALL;
    case A_END: move_to(v, (long long)v->n - 1); return RD_ALL;
    case A_IMPORT_UNDO: return ask_undo(ui, v);
    default: return RD_UNHANDLED;
    }
}

static void imports_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct imports_view *v = s->state;
    ensure(ui, v);
    snprintf(buf, len, "%zu/%zu", v->n ? v->cur + 1 : 0, v->n);
}

static void imports_reload(struct ui *ui, struct screen *s, bool before)
{
    struct imports_view *v = s->state;
    if (!before || v->gen != ui->gen || v->cur >= v->n || v->keep_id >= 0)
        return;
    v->keep_id = v->v[v->cur].id;
}

static void imports_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    keep_visible(s->state);
}

static void imports_destroy(struct screen *s)
{
    struct imports_view *v = s->state;
    store_free_imports(v->v, v->n);
    ui_lines_free(&v->msgs);
    free(v);
}

struct screen *ui_imports_screen(struct ui *ui)
{
    (void)ui;
    struct screen *s = xcalloc(1, sizeof *s);
    struct imports_view *v = xcalloc(1, sizeof *v);
    v->keep_id = -1;
    s->name = "Imports";
    s->tab = 5;
    s->where = UI_IN_IMPORTS;
    s->draw = imports_draw;
    s->handle_key = imports_key;
    s->on_reload = imports_reload;
    s->on_resize = imports_resize;
    s->position = imports_position;
    s->destroy = imports_destroy;
    s->state = v;
    return s;
}
