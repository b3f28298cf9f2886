/* The plan screen: the plan saved for a quarter, or one generated for it
 * (not saved until w). The quarter is the three months from the as-of day
 * until another is chosen ([ and ] step, p asks for YYYY-Qn). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/plan.h"
#include "csm/text.h"
#include "screens.h"

#define ROWS_Y (BODY_TOP + 2)

struct plan_view {
    struct saved_activity *v;
    size_t n;
    bool saved;             /* v is a saved plan, else generated */
    bool want_new;          /* c: show a generated plan even when one is saved */
    int start, end;         /* the quarter shown */
    bool from_as_of;        /* it is the three months from the as-of day (no quarter chosen) */
    double capacity;
    unsigned gen;           /* the load of the book it is for; 0 none */
    struct ui_list list;    /* over the activities */
    char keep_ref[12];
    bool confirming_save;   /* w asked "replace the plan with progress?": the next key answers */
    int asking;             /* PROMPT_OUTCOME or PROMPT_QUARTER: its Enter or Esc is still to come */
    char outcome_ref[12];   /* the activity the outcome prompt is for */
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

/* "2027-Q1" for the quarter shown, or "the 3 months from 2027-01-15". */
static void quarter_label(const struct plan_view *v, char *buf, size_t len)
{
    int y, m, d;
    date_to_ymd(v->start, &y, &m, &d);
    if (d == 1 && (m - 1) % 3 == 0 && v->end == date_add_months(v->start, 3) - 1) {
        snprintf(buf, len, "%04d-Q%d", y, (m - 1) / 3 + 1);
    } else {
        char s[11];
        date_format(v->start, s);
        snprintf(buf, len, "the 3 months from %s", s);
    }
}

static void generate(struct ui *ui, struct plan_view *v)
{
    struct plan_options o = {.count = 25, .start = v->start, .end = v->end};
    o.capacity_hours = plan_capacity(&ui->opt->scoring->plan, 0, v->start, v->end);
    /* Flags are reckoned at the start of the quarter planned, as csm plan
     * --quarter does; the book is put back as it was after. */
    int as_of = ui->book.as_of;
    if (v->start != as_of) {
        ui->book.as_of = v->start;
        book_assess(&ui->book);
    }
    struct plan p;
    /* What was known when the quarter began, as csm plan reads it. */
    int *touch = book_last_touches(&ui->book, v->start);
    o.last_touch = touch;
    plan_build(&ui->book, &o, &p);
    free(touch);
    if (v->start != as_of) {
        ui->book.as_of = as_of;
        book_assess(&ui->book);
    }
    v->n = plan_saved_activities(&p, &ui->book, &v->v);
    v->capacity = p.capacity_hours;
    v->saved = false;
    plan_free(&p);
}

/* By deadline, then ref: the order the screen always showed a saved plan
 * in (store_load_plan gives ref order). */
static int by_deadline(const void *pa, const void *pb)
{
    const struct saved_activity *a = pa, *b = pb;
    if (a->deadline != b->deadline)
        return a->deadline < b->deadline ? -1 : 1;
    return strcmp(a->ref, b->ref);
}

/* The plan saved for the quarter: the one whose dates hold the as-of day
 * when the quarter holds it (the plan being worked through), else its
 * first day. */
static int load_saved(struct ui *ui, const struct plan_view *v, struct saved_activity **out, size_t *n)
{
    int as_of = ui->opt->as_of;
    int day = v->start <= as_of && as_of <= v->end ? as_of : v->start;
    return store_load_plan(ui->st, day, 0, false, out, n);
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
        if (load_saved(ui, v, &v->v, &v->n) != 0) {
            ui_error(ui, "cannot read the saved plan: %s", store_error(ui->st));
            v->v = NULL;
            v->n = 0;
        }
        v->saved = v->n > 0;
        if (!v->n) {
            free(v->v);
            v->v = NULL;
        } else {
            v->capacity = v->v[0].capacity_hours;
            qsort(v->v, v->n, sizeof *v->v, by_deadline);
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
    if (v->confirming_save && !ui->message[0])
        v->confirming_save = false; /* the question went (a click on a tab) */
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

/* The progress saving would replace: the done and dropped activities of the
 * saved plans the quarter's first or last day falls in (saving replaces
 * the plans whose dates overlap; the store does not say which those are). */
static int progress_replaced(struct ui *ui, const struct plan_view *v, int *done, int *dropped)
{
    *done = *dropped = 0;
    long long seen = 0;
    const int days[2] = {v->start, v->end};
    for (int d = 0; d < 2; d++) {
        struct saved_activity *old;
        size_t n;
        if (store_load_plan(ui->st, days[d], 0, false, &old, &n) != 0)
            return -1;
        if (n && old[0].plan_id != seen) {
            seen = old[0].plan_id;
            for (size_t k = 0; k < n; k++) {
                *done += old[k].status && strcmp(old[k].status, "done") == 0;
                *dropped += old[k].status && strcmp(old[k].status, "dropped") == 0;
            }
        }
        store_free_activities(old, n);
    }
    return 0;
}

static int save_now(struct ui *ui, struct plan_view *v)
{
    long long id;
    struct plan_carry carry;
    int rc = store_begin(ui->st);
    if (!rc)
        rc = store_save_plan(ui->st, v->start, v->end, v->capacity, v->v, v->n, &id, &carry);
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
    /* Progress recorded is never replaced unasked: say what becomes of it. */
    int done, dropped;
    if (progress_replaced(ui, v, &done, &dropped) != 0) {
        ui_error(ui, "cannot read the saved plan: %s", store_error(ui->st));
        return RD_NONE;
    }
    if (done + dropped) {
        char yes[16];
        /* Short enough for 80 columns beside the position. */
        ui_say(ui, "replace the saved plan (%d done, %d dropped: carried over)? %s/n", done, dropped,
               ui_action_key(A_YES, yes, sizeof yes));
        v->confirming_save = true;
        return RD_NONE;
    }
    return save_now(ui, v);
}

/* Done, dropped and reopened change the latest saved plan (the store's
 * terms): only when it is the one shown. */
static bool trackable(struct ui *ui, struct plan_view *v)
{
    if (!v->n)
        return false;
    if (!v->saved) {
        char w[16], d[16], x[16];
        ui_say(ui, "this plan is not saved: %s saves it, then %s and %s track it", ui_action_key(A_PLAN_SAVE, w, sizeof w),
               ui_action_key(A_PLAN_DONE, d, sizeof d), ui_action_key(A_PLAN_DROP, x, sizeof x));
        return false;
    }
    struct saved_activity *latest;
    size_t n;
    if (store_load_activities(ui->st, 0, &latest, &n) != 0) {
        ui_error(ui, "cannot read the saved plan: %s", store_error(ui->st));
        return false;
    }
    bool same = n && latest[0].plan_id == v->v[0].plan_id;
    store_free_activities(latest, n);
    if (!same)
        ui_say(ui, "only the latest saved plan is tracked: this one is kept as it was");
    return same;
}

static int set_status(struct ui *ui, struct plan_view *v, const char *ref, const char *status, const char *outcome)
{
    int rc = store_set_activity_status(ui->st, ref, status, ui->opt->as_of, outcome);
    if (rc < 0) {
        ui_error(ui, "%s is not in the latest saved plan", ref);
        return RD_NONE;
    }
    if (rc) {
        ui_error(ui, "cannot change %s: %s", ref, store_error(ui->st));
        return RD_NONE;
    }
    reload_list(ui, v);
    if (outcome)
        ui_say(ui, "%s: %s: %s", ref, status, outcome);
    else
        ui_say(ui, "%s: %s", ref, status);
    return RD_ALL;
}

static bool selected_is(const struct plan_view *v, const char *status)
{
    const char *s = v->v[v->list.cur].status;
    return s && strcmp(s, status) == 0;
}

/* Opens a prompt of this screen's, with a hint beside it. */
static int ask(struct ui *ui, struct screen *s, struct plan_view *v, int kind, const char *label, const char *text,
               const char *hint)
{
    ui_prompt(ui, s, kind, label, text);
    v->asking = kind;
    ui_say(ui, "%s", hint);
    return RD_CURSOR;
}

/* What was typed at the prompt, blanks folded. */
static void typed(const struct ui *ui, char *text, size_t len)
{
    snprintf(text, len, "%s", ui->edit.buf);
    text_fold_space(text);
}

/* d: what came of it first, on the status line (Enter alone: nothing said). */
static int ask_outcome(struct ui *ui, struct screen *s, struct plan_view *v)
{
    if (!trackable(ui, v))
        return RD_NONE;
    snprintf(v->outcome_ref, sizeof v->outcome_ref, "%s", v->v[v->list.cur].ref);
    const char *was = v->v[v->list.cur].outcome;
    return ask(ui, s, v, PROMPT_OUTCOME, "what came of it:", was ? was : "", "Enter marks it done; Esc leaves it");
}

static int outcome_done(struct ui *ui, struct plan_view *v)
{
    char text[UI_EDIT_MAX];
    typed(ui, text, sizeof text);
    return set_status(ui, v, v->outcome_ref, "done", *text ? text : NULL);
}

static int reopen(struct ui *ui, struct plan_view *v)
{
    if (!trackable(ui, v))
        return RD_NONE;
    if (selected_is(v, "planned")) {
        ui_say(ui, "%s is planned already", v->v[v->list.cur].ref);
        return RD_NONE;
    }
    char ref[12];
    snprintf(ref, sizeof ref, "%s", v->v[v->list.cur].ref);
    return set_status(ui, v, ref, "planned", NULL);
}

/* Shows the quarter start..end: its saved plan, or one generated for it. */
static int show_quarter(struct ui *ui, struct plan_view *v, int start, int end, bool from_as_of)
{
    v->start = start;
    v->end = end;
    v->from_as_of = from_as_of;
    v->want_new = false;
    v->list.cur = v->list.top = 0;
    v->gen = 0;
    ensure(ui, v);
    char q[48];
    quarter_label(v, q, sizeof q);
    if (v->saved)
        ui_say(ui, "%s: the plan saved on %s", q, v->v[0].saved_at);
    else
        ui_say(ui, "%s: a new plan of %zu activities, not saved", q, v->n);
    return RD_ALL;
}

/* [ and ]: the calendar quarter before or after the one the shown one starts in. */
static int step_quarter(struct ui *ui, struct plan_view *v, int by)
{
    int y, m, d;
    date_to_ymd(v->start, &y, &m, &d);
    int start = date_add_months(date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1), 3 * by);
    /* The years --as-of may name, as plan_quarter holds to them. */
    if (start < date_from_ymd(DATE_AS_OF_FIRST_YEAR, 1, 1) || start > date_from_ymd(DATE_AS_OF_LAST_YEAR, 10, 1)) {
        ui_say(ui, "no quarter there");
        return RD_NONE;
    }
    return show_quarter(ui, v, start, date_add_months(start, 3) - 1, false);
}

static int ask_quarter(struct ui *ui, struct screen *s, struct plan_view *v)
{
    char q[48] = "";
    if (!v->from_as_of)
        quarter_label(v, q, sizeof q);
    return ask(ui, s, v, PROMPT_QUARTER, "quarter (YYYY-Qn):", q, "empty: the 3 months from the as-of day");
}

static int quarter_done(struct ui *ui, struct plan_view *v)
{
    char text[UI_EDIT_MAX];
    typed(ui, text, sizeof text);
    for (char *c = text; *c; c++)
        if (*c == 'q')
            *c = 'Q';
    int start, end;
    if (!plan_quarter(*text ? text : NULL, ui->opt->as_of, &start, &end)) {
        char safe[32];
        text_fit(text, 20, false, safe, sizeof safe);
        ui_error(ui, "'%s' is not a quarter: YYYY-Qn, for example 2027-Q2", text_fold_space(safe));
        return RD_ALL;
    }
    return show_quarter(ui, v, start, end, !*text);
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
    if (v->asking && a == A_NONE && ui->prompt == v->asking && ui->prompt_owner == s &&
        (key == 0 || key == KEY_ENTER || key == KEY_ESC)) {
        if (key == 0)
            return RD_NONE; /* the text changed: nothing to do until Enter */
        int was = v->asking;
        v->asking = 0;
        if (key == KEY_ESC) {
            ui_say(ui, "%s", was == PROMPT_OUTCOME ? "not marked done" : "the quarter is as it was");
            return RD_ALL;
        }
        return was == PROMPT_OUTCOME ? outcome_done(ui, v) : quarter_done(ui, v);
    }
    if (v->confirming_save) {
        v->confirming_save = false;
        if (ui_action_for_key_in(key, UI_IN_QUESTION) == A_YES)
            return save_now(ui, v);
        ui_say(ui, "not saved: the saved plan is as it was");
        return RD_NONE;
    }
    if (a != A_NONE && ui_list_action(&v->list, a))
        return RD_CURSOR;
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_OPEN: return open_selected(ui, v);
    case A_PLAN_GENERATE: {
        v->want_new = true;
        v->list.cur = v->list.top = 0;
        v->gen = 0;
        ensure(ui, v);
        char w[16];
        ui_say(ui, "a new plan: %zu activities, not saved (%s saves it)", v->n, ui_action_key(A_PLAN_SAVE, w, sizeof w));
        return RD_ALL;
    }
    case A_PLAN_SAVE: return save(ui, v);
    case A_PLAN_DONE: return ask_outcome(ui, s, v);
    case A_PLAN_DROP: {
        if (!trackable(ui, v))
            return RD_NONE;
        char ref[12];
        snprintf(ref, sizeof ref, "%s", v->v[v->list.cur].ref);
        return set_status(ui, v, ref, "dropped", NULL);
    }
    case A_PLAN_REOPEN: return reopen(ui, v);
    case A_PLAN_QUARTER: return ask_quarter(ui, s, v);
    case A_PLAN_PREV_QUARTER: return step_quarter(ui, v, -1);
    case A_PLAN_NEXT_QUARTER: return step_quarter(ui, v, 1);
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
    plan_quarter(NULL, ui->opt->as_of, &v->start, &v->end);
    v->from_as_of = true;
    v->capacity = plan_capacity(&ui->opt->scoring->plan, 0, v->start, v->end);
    v->list.paint = paint_row;
    v->list.ctx = v;
    return ui_screen_new(&plan_ops, v);
}
