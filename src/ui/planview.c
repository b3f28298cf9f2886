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
    struct ui_list list;    /* over the activities */
    char keep_ref[12];
};

static void place(struct plan_view *v) { ui_list_place(&v->list, ROWS_Y, 0, COLS, ui_body_rows(2)); }

static void drop_list(struct plan_view *v)
{
    /* Saved or generated, the list is freed the same way. */
    store_free_activities(v->v, v->n);
    v->v = NULL;
    v->n = v->list.n = 0;
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
    place(v);
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
    v->list.n = v->n;
    if (v->keep_ref[0])
        for (size_t k = 0; k < v->n; k++)
            if (strcmp(v->v[k].ref, v->keep_ref) == 0)
                v->list.cur = k;
    v->keep_ref[0] = '\0';
    ui_list_resize(&v->list, v->n);
}

/* Loads again at once (after a change of ours), keeping the selection. */
static void reload_list(struct ui *ui, struct plan_view *v)
{
    if (v->list.cur < v->n)
        snprintf(v->keep_ref, sizeof v->keep_ref, "%s", v->v[v->list.cur].ref);
    v->gen = 0;
    ensure(ui, v);
}

static void paint_row(struct ui *ui, struct ui_list *l, size_t k, int y, bool selected)
{
    struct plan_view *v = l->ctx;
    struct ui_row row;
    ui_plan_row(&v->v[k], ui->opt->as_of, COLS - 1, &row);
    ui_paint_row(y, 0, COLS, &row, selected);
}

static void plan_draw(struct ui *ui, struct screen *s, bool full)
{
    struct plan_view *v = s->state;
    ensure(ui, v);
    if (!full && ui_list_update(ui, &v->list))
        return;
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    struct ui_row row;
    ui_plan_gauge(v->v, v->n, v->capacity, v->saved, COLS - 1, &row);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
    ui_plan_header(COLS - 1, &row);
    ui_paint_row(BODY_TOP + 1, 0, COLS, &row, false);
    ui_list_paint(ui, &v->list);
    if (!v->n)
        ui_put(ROWS_Y, 2, COLS - 3, false, CLR_DIM, "no activity: the book has nothing to plan for this quarter");
}

static int open_selected(struct ui *ui, struct plan_view *v)
{
    if (!v->n) {
        ui_say(ui, "no activity");
        return RD_NONE;
    }
    long long id = v->v[v->list.cur].account_id;
    for (size_t i = 0; id && i < ui->book.n; i++)
        if (ui->book.acc[i].id == id) {
            ui_open_account(ui, i);
            return RD_ALL;
        }
    ui_say(ui, "the account of %s is no longer in the book", v->v[v->list.cur].ref);
    return RD_NONE;
}

static int save(struct ui *ui, struct plan_view *v)
{
    if (v->saved) {
        char key[16];
        ui_say(ui, "this plan is saved already: %s generates a new one", ui_action_key(A_PLAN_GENERATE, key, sizeof key));
        return RD_NONE;
    }
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
        char w[16], d[16], x[16];
        ui_say(ui, "this plan is not saved: %s saves it, then %s and %s track it", ui_action_key(A_PLAN_SAVE, w, sizeof w),
               ui_action_key(A_PLAN_DONE, d, sizeof d), ui_action_key(A_PLAN_DROP, x, sizeof x));
        return RD_NONE;
    }
    char ref[12];
    snprintf(ref, sizeof ref, "%s", v->v[v->list.cur].ref);
    int rc = store_set_activity_status(ui->st, ref, status, ui->opt->as_of, NULL);
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
    int y, x;
    bool open;
    if (ui_list_wheel(ui, &v->list))
        return RD_CURSOR;
    long pos = ui_mouse_click(ui, &y, &x, &open) ? ui_list_at(&v->list, y) : -1;
    if (pos < 0 || (size_t)pos >= v->n)
        return RD_NONE;
    v->list.cur = (size_t)pos;
    return open ? open_selected(ui, v) : RD_CURSOR;
}

static int plan_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct plan_view *v = s->state;
    ensure(ui, v);
    if (a != A_NONE && ui_list_action(&v->list, a))
        return RD_CURSOR;
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_OPEN: return open_selected(ui, v);
    case A_PLAN_GENERATE:
        v->want_new = true;
        v->list.cur = v->list.top = 0;
        v->gen = 0;
        ensure(ui, v);
        char w[16];
        ui_say(ui, "a new plan: %zu activities, not saved (%s saves it)", v->n, ui_action_key(A_PLAN_SAVE, w, sizeof w));
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
    char pos[32];
    ui_list_position(&v->list, pos, sizeof pos);
    snprintf(buf, len, "%s %s", v->saved ? "saved" : "not saved", pos);
}

static void plan_reload(struct ui *ui, struct screen *s, bool before)
{
    struct plan_view *v = s->state;
    if (!before || v->gen != ui->gen || v->list.cur >= v->n)
        return;
    snprintf(v->keep_ref, sizeof v->keep_ref, "%s", v->v[v->list.cur].ref);
}

static void plan_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct plan_view *v = s->state;
    place(v);
    ui_list_keep_visible(&v->list);
}

static void plan_destroy(struct screen *s)
{
    struct plan_view *v = s->state;
    drop_list(v);
    free(v);
}

static const struct screen_ops plan_ops = {
    .name = "Plan",
    .where = UI_IN_PLAN,
    .show = A_SCREEN_PLAN,
    .draw = plan_draw,
    .handle_key = plan_key,
    .on_resize = plan_resize,
    .on_reload = plan_reload,
    .position = plan_position,
    .destroy = plan_destroy,
};

struct screen *ui_plan_screen(struct ui *ui)
{
    struct plan_view *v = xcalloc(1, sizeof *v);
    int start, end;
    plan_quarter(NULL, ui->opt->as_of, &start, &end);
    v->capacity = plan_capacity(&ui->opt->scoring->plan, 0, start, end);
    v->list.paint = paint_row;
    v->list.ctx = v;
    return ui_screen_new(&plan_ops, v);
}
