/* The plan screen: the saved plan's activities, or a plan generated for the
 * quarter from the as-of day (not saved until w). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/plan.h"
#include "csm/text.h"
#include "screens.h"

#define ROWS_Y (BODY_TOP + 2)

struct plan_view {
    struct saved_activity *v;
    size_t n;
    bool saved;             /* v is the saved plan (store_free_activities), else generated */
    bool want_new;          /* g: show a generated plan even when one is saved */
    double capacity;
    unsigned gen;           /* the load of the book it is for; 0 none */
    size_t cur, top;
    size_t drawn_cur, drawn_top;
    char keep_ref[12];
};

static int visible(void) { return ui_body_rows(2); }

static void drop_list(struct plan_view *v)
{
    /* Saved or generated, the list is freed the same way. */
    store_free_activities(v->v, v->n);
    v->v = NULL;
    v->n = 0;
    v->saved = false;
}

static void generate(struct ui *ui, struct plan_view *v)
{
    struct plan_options o = {.count = 25, .capacity_hours = v->capacity};
    plan_quarter(NULL, ui->opt->as_of, &o.start, &o.end);
    struct plan p;
    plan_build(&ui->book, &o, &p);
    v->n = plan_saved_activities(&p, &ui->book, &v->v);
    v->capacity = p.capacity_hours;
    v->saved = false;
    plan_free(&p);
}

/* The list follows the book and the database: built on first use after each load. */
static void ensure(struct ui *ui, struct plan_view *v)
{
    if (v->gen == ui->gen)
        return;
    drop_list(v);
    v->gen = ui->gen;
    if (!v->want_new) {
        if (store_load_activities(ui->st, 0, &v->v, &v->n) != 0) {
            ui_error(ui, "cannot read the saved plan: %s", store_error(ui->st));
            v->v = NULL;
            v->n = 0;
        }
        v->saved = v->n > 0;
        if (!v->n) {
            free(v->v);
            v->v = NULL;
        }
    }
    if (!v->saved)
        generate(ui, v);
    if (v->keep_ref[0])
        for (size_t k = 0; k < v->n; k++)
            if (strcmp(v->v[k].ref, v->keep_ref) == 0)
                v->cur = k;
    v->keep_ref[0] = '\0';
    if (v->cur >= v->n)
        v->cur = v->n ? v->n - 1 : 0;
}

/* Loads again at once (after a change of ours), keeping the selection. */
static void reload_list(struct ui *ui, struct plan_view *v)
{
    if (v->cur < v->n)
        snprintf(v->keep_ref, sizeof v->keep_ref, "%s", v->v[v->cur].ref);
    v->gen = 0;
    ensure(ui, v);
}

static void keep_visible(struct plan_view *v) { v->top = ui_scroll_top(v->cur, v->top, (size_t)visible(), v->n); }

static void paint_row(struct ui *ui, struct plan_view *v, size_t k)
{
    int y = ROWS_Y + (int)(k - v->top);
    if (k < v->top || y > BODY_BOTTOM)
        return;
    struct ui_row row;
    if (k < v->n)
        ui_plan_row(&v->v[k], ui->opt->as_of, COLS - 1, &row);
    else
        ui_row_init(&row);
    ui_paint_row(y, 0, COLS, &row, k < v->n && k == v->cur);
}

static void plan_draw(struct ui *ui, struct screen *s, bool full)
{
    struct plan_view *v = s->state;
    ensure(ui, v);
    keep_visible(v);
    if (!full && v->top == v->drawn_top) {
        if (v->drawn_cur != v->cur)
            paint_row(ui, v, v->drawn_cur);
        paint_row(ui, v, v->cur);
        v->drawn_cur = v->cur;
        return;
    }
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    struct ui_row row;
    ui_plan_gauge(v->v, v->n, v->capacity, v->saved, COLS - 1, &row);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
    ui_plan_header(COLS - 1, &row);
    ui_paint_row(BODY_TOP + 1, 0, COLS, &row, false);
    if (!v->n)
        ui_put(ROWS_Y, 2, COLS - 3, false, CLR_DIM, "no activity: the book has nothing to plan for this quarter");
    int vis = visible();
    for (int r = 0; r < vis && v->top + (size_t)r < v->n; r++)
        paint_row(ui, v, v->top + (size_t)r);
    v->drawn_cur = v->cur;
    v->drawn_top = v->top;
}

static void move_to(struct plan_view *v, long long pos) { v->cur = ui_clamp(pos, v->n); }

static int open_selected(struct ui *ui, struct plan_view *v)
{
    if (!v->n) {
        ui_say(ui, "no activity");
        return RD_NONE;
    }
    long long id = v->v[v->cur].account_id;
    for (size_t i = 0; id && i < ui->book.n; i++)
        if (ui->book.acc[i].id == id) {
            ui_open_account(ui, i);
            return RD_ALL;
        }
    ui_say(ui, "the account of %s is no longer in the book", v->v[v->cur].ref);
    return RD_NONE;
}

static bool refuse_read_only(struct ui *ui, const char *what)
{
    if (!ui->opt->read_only)
        return false;
    ui_error(ui, "read-only: cannot %s", what);
    return true;
}

static int save(struct ui *ui, struct plan_view *v)
{
    if (v->saved) {
        ui_say(ui, "this plan is saved already: g generates a new one");
        return RD_NONE;
    }
    if (refuse_read_only(ui, "save the plan"))
        return RD_NONE;
    if (!v->n) {
        ui_say(ui, "nothing to save");
        return RD_NONE;
    }
    long long id;
    struct plan_carry carry;
    int rc = store_begin(ui->st);
    if (!rc)
        rc = store_save_plan(ui->st, v->v[0].plan_start, v->v[0].plan_end, v->capacity, v->v, v->n, &id, &carry);
    if (!rc)
        rc = store_commit(ui->st);
    if (rc) {
        ui_error(ui, "cannot save the plan: %s", store_error(ui->st));
        store_rollback(ui->st);
        return RD_ALL;
    }
    size_t n = v->n;
    v->want_new = false;
    reload_list(ui, v);
    if (carry.replaced)
        ui_say(ui, "plan saved: %zu activities; %d carried over and %d kept from the plan it replaced", n,
               carry.carried, carry.kept);
    else
        ui_say(ui, "plan saved: %zu activities", n);
    store_free_carry(&carry);
    return RD_ALL;
}

static int set_status(struct ui *ui, struct plan_view *v, const char *status)
{
    if (!v->n)
        return RD_NONE;
    if (!v->saved) {
        ui_say(ui, "this plan is not saved: w saves it, then d and x track it");
        return RD_NONE;
    }
    if (refuse_read_only(ui, "change an activity"))
        return RD_NONE;
    char ref[12];
    snprintf(ref, sizeof ref, "%s", v->v[v->cur].ref);
    int rc = store_set_activity_status(ui->st, ref, status);
    if (rc < 0) {
        ui_error(ui, "%s is not in the latest saved plan", ref);
        return RD_NONE;
    }
    if (rc) {
        ui_error(ui, "cannot change %s: %s", ref, store_error(ui->st));
        return RD_NONE;
    }
    reload_list(ui, v);
    ui_say(ui, "%s: %s", ref, status);
    return RD_ALL;
}

static int mouse(struct ui *ui, struct plan_view *v)
{
    int wheel = ui_mouse_wheel(ui), y, x;
    bool open;
    if (wheel) {
        move_to(v, (long long)v->cur + wheel);
        return RD_CURSOR;
    }
    if (!ui_mouse_click(ui, &y, &x, &open) || y < ROWS_Y || y > BODY_BOTTOM)
        return RD_NONE;
    size_t pos = v->top + (size_t)(y - ROWS_Y);
    if (pos >= v->n)
        return RD_NONE;
    v->cur = pos;
    return open ? open_selected(ui, v) : RD_CURSOR;
}

static int plan_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct plan_view *v = s->state;
    ensure(ui, v);
    long long cur = (long long)v->cur, vis = visible();
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_UP: move_to(v, cur - 1); return RD_CURSOR;
    case A_DOWN: move_to(v, cur + 1); return RD_CURSOR;
    case A_PAGE_UP: move_to(v, cur - vis); return RD_CURSOR;
    case A_PAGE_DOWN: move_to(v, cur + vis); return RD_CURSOR;
    case A_HOME: move_to(v, 0); return RD_CURSOR;
    case A_END: move_to(v, (long long)v->n - 1); return RD_CURSOR;
    case A_OPEN: return open_selected(ui, v);
    case A_PLAN_GENERATE:
        v->want_new = true;
        v->cur = v->top = 0;
        v->gen = 0;
        ensure(ui, v);
        ui_say(ui, "a new plan: %zu activities, not saved (w saves it)", v->n);
        return RD_ALL;
    case A_PLAN_SAVE: return save(ui, v);
    case A_PLAN_DONE: return set_status(ui, v, "done");
    case A_PLAN_DROP: return set_status(ui, v, "dropped");
    default: return RD_UNHANDLED;
    }
}

static void plan_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct plan_view *v = s->state;
    ensure(ui, v);
    snprintf(buf, len, "%s %zu/%zu", v->saved ? "saved" : "not saved", v->n ? v->cur + 1 : 0, v->n);
}

static void plan_reload(struct ui *ui, struct screen *s, bool before)
{
    struct plan_view *v = s->state;
    if (!before || v->gen != ui->gen || v->cur >= v->n)
        return;
    snprintf(v->keep_ref, sizeof v->keep_ref, "%s", v->v[v->cur].ref);
}

static void plan_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    keep_visible(s->state);
}

static void plan_destroy(struct screen *s)
{
    struct plan_view *v = s->state;
    drop_list(v);
    free(v);
}

struct screen *ui_plan_screen(struct ui *ui)
{
    struct screen *s = xcalloc(1, sizeof *s);
    struct plan_view *v = xcalloc(1, sizeof *v);
    int start, end;
    plan_quarter(NULL, ui->opt->as_of, &start, &end);
    v->capacity = plan_capacity(&ui->opt->scoring->plan, 0, start, end);
    s->name = "Plan";
    s->tab = 4;
    s->where = UI_IN_PLAN;
    s->draw = plan_draw;
    s->handle_key = plan_key;
    s->on_reload = plan_reload;
    s->on_resize = plan_resize;
    s->position = plan_position;
    s->destroy = plan_destroy;
    s->state = v;
    return s;
}
