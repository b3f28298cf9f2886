/* The account screen: one account explained; e edits an attribute, a adds a note. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/import.h"
#include "csm/text.h"
#include "screens.h"

struct account_view {
    size_t i;               /* index into the book */
    long long id;
    bool open;
    struct note *notes;
    size_t nnotes;
    struct ui_lines lines;
    int built_width;
    unsigned built_gen;
    bool stale;             /* the notes changed: build the lines again */
    struct ui_list list;    /* over the lines, without a cursor */
};

static void place(struct account_view *v) { ui_list_place(&v->list, BODY_TOP, 0, COLS, ui_body_rows(0)); }

static void load_notes(struct ui *ui, struct account_view *v)
{
    store_free_notes(v->notes, v->nnotes);
    v->notes = NULL;
    v->nnotes = 0;
    if (store_load_notes(ui->st, v->id, &v->notes, &v->nnotes))
        ui_error(ui, "cannot read the notes: %s", store_error(ui->st));
    v->stale = true;
}

void ui_open_account(struct ui *ui, size_t i)
{
    struct account_view *v = ui->account->state;
    if (i >= ui->book.n)
        return;
    v->i = i;
    v->id = ui->book.acc[i].id;
    v->open = true;
    v->list.top = 0;
    load_notes(ui, v);
    ui_push(ui, ui->account);
}

static void build(struct ui *ui, struct account_view *v)
{
    place(v);
    if (v->i >= ui->book.n)
        return;
    if (v->stale || v->built_width != COLS || v->built_gen != ui->gen) {
        ui_account_lines(&ui->book, v->i, v->notes, v->nnotes, COLS - 1, ui->ascii, &v->lines);
        v->built_width = COLS;
        v->built_gen = ui->gen;
        v->stale = false;
    }
    v->list.n = (size_t)v->lines.n;
}

static void paint_line(struct ui *ui, struct ui_list *l, size_t k, int y, bool selected)
{
    (void)ui;
    (void)selected;
    struct account_view *v = l->ctx;
    ui_paint_row(y, 0, COLS, &v->lines.row[k], false);
}

static void account_draw(struct ui *ui, struct screen *s, bool full)
{
    struct account_view *v = s->state;
    (void)full; /* a page of text: scrolling repaints it all */
    if (v->i >= ui->book.n) {
        ui_clear_lines(BODY_TOP, BODY_BOTTOM);
        ui_put(BODY_TOP + 1, 2, COLS - 3, false, CLR_NORMAL, "This account is no longer in the database.");
        return;
    }
    build(ui, v);
    const struct account *a = &ui->book.acc[v->i];
    char where[96], name[64];
    text_fit(a->name, 40, false, name, sizeof name);
    snprintf(where, sizeof where, "%s %s", ui->ascii ? ">" : "\xe2\x80\xba", text_fold_space(name));
    int ww = text_width(where);
    if (COLS - 2 - ww > ui->tab_x[2][1] + 1)
        ui_put(1, COLS - 2 - ww, ww, false, CLR_ACCENT, where);
    ui_list_paint(ui, &v->list);
}

static void save_note(struct ui *ui, struct account_view *v, char *text)
{
    text_fold_space(text);
    if (!*text) {
        ui_say(ui, "the note is empty: nothing saved");
        return;
    }
    int rc = store_begin(ui->st);
    if (!rc)
        rc = store_add_note(ui->st, v->id, ui->opt->as_of, text);
    if (!rc)
        rc = store_commit(ui->st);
    if (rc) {
        ui_error(ui, "not saved: %s", store_error(ui->st));
        store_rollback(ui->st);
        return;
    }
    load_notes(ui, v);
    char date[11];
    date_format(ui->opt->as_of, date);
    ui_say(ui, "note saved, dated %s", date);
}

#define EDIT_PAIRS 16

/* Reads one key=value into *a (or, for note=, keeps the note). False with
 * the message said when it is wrong. */
static bool read_pair(struct ui *ui, char *pair, struct account *a, unsigned *fields, char **note)
{
    char safe[128];
    char *eq = strchr(pair, '=');
    if (!eq || eq == pair) {
        text_fit(pair, 30, false, safe, sizeof safe);
        ui_error(ui, "'%s' is not key=value (for example nps=9 owner=\"Jane Doe\")", text_fold_space(safe));
        return false;
    }
    *eq = '\0';
    char *key = text_lower(text_fold_space(pair)), *value = eq + 1;
    if (strcmp(key, "note") == 0 || strcmp(key, "notes") == 0) {
        *note = value;
        return true;
    }
    const char *why = NULL;
    char probe[16];
    snprintf(probe, sizeof probe, "%s", value);
    text_lower(text_fold_space(probe));
    bool ok;
    if (!*probe || !strcmp(probe, "none") || !strcmp(probe, "null") || !strcmp(probe, "-")) {
        ok = import_clear_attribute(key, a, fields);
        if (!ok)
            why = "is not an attribute that can be set";
    } else {
        ok = import_parse_attribute(&ui->opt->scoring->model, key, value, ui->opt->as_of, a, fields, &why);
    }
    if (ok)
        return true;
    text_fit(key, 24, false, safe, sizeof safe);
    text_fold_space(safe); /* text_fit pads to the width */
    if (why && strcmp(why, "is not an attribute that can be set") == 0) {
        /* The key is what is wrong: the value says nothing more. */
        ui_error(ui, "'%s' is not an attribute (nps, owner, pulse, segment...: man csm lists them)", safe);
        return false;
    }
    char shown[128];
    text_fit(value, 30, false, shown, sizeof shown);
    ui_error(ui, "%s: %s ('%s')", safe, why ? why : "cannot be set", text_fold_space(shown));
    return false;
}

/* key=value pairs from the prompt, quoted as a shell would: each checked as
 * the importer would, then all saved at once, or none when one is wrong. */
static void save_attributes(struct ui *ui, struct account_view *v, char *text)
{
    char *word[EDIT_PAIRS];
    const char *why;
    int n = ui_split_words(text, word, EDIT_PAIRS, &why);
    if (n < 0) {
        ui_error(ui, "not saved: %s", why);
        return;
    }
    if (n == 0) {
        ui_say(ui, "nothing to save");
        return;
    }
    if (n == 1) {
        char *eq = strchr(word[0], '=');
        if (eq && eq > word[0]) {
            char key[16];
            snprintf(key, sizeof key, "%.*s", (int)(eq - word[0]), word[0]);
            text_lower(text_fold_space(key));
            if (strcmp(key, "note") == 0 || strcmp(key, "notes") == 0) {
                save_note(ui, v, eq + 1);
                return;
            }
        }
    }
    struct account a;
    int rc = store_find_account(ui->st, &ui->opt->scoring->model, ui->book.acc[v->i].name, &a);
    if (rc) {
        ui_error(ui, "%s", rc < 0 ? "the account is no longer in the database" : store_error(ui->st));
        return;
    }
    unsigned fields = 0;
    char *note[EDIT_PAIRS];
    int nnotes = 0;
    char saved[160] = "";
    size_t o = 0;
    for (int k = 0; k < n; k++) {
        char *one = NULL;
        if (!read_pair(ui, word[k], &a, &fields, &one)) {
            account_free(&a);
            return;
        }
        if (one) {
            text_fold_space(one);
            if (!*one) {
                ui_error(ui, "the note is empty: nothing saved");
                account_free(&a);
                return;
            }
            note[nnotes++] = one;
        }
        /* word[k] is the key now: read_pair cut it at its '='. */
        if (o < sizeof saved)
            o += (size_t)snprintf(saved + o, sizeof saved - o, "%s%s", o ? ", " : "", word[k]);
    }
    rc = store_begin(ui->st);
    if (!rc && fields)
        rc = store_update_attributes(ui->st, &a, fields);
    for (int k = 0; !rc && k < nnotes; k++)
        rc = store_add_note(ui->st, a.id, ui->opt->as_of, note[k]);
    if (!rc)
        rc = store_commit(ui->st);
    account_free(&a);
    if (rc) {
        ui_error(ui, "not saved: %s", store_error(ui->st));
        store_rollback(ui->st);
        return;
    }
    ui_reload(ui); /* the verdict may change: health, flags, the totals */
    ui_say(ui, "%s saved", text_fold_space(saved));
}

static int prompt_done(struct ui *ui, struct account_view *v, int key)
{
    if (key != KEY_ENTER)
        return RD_ALL; /* Esc: nothing happens */
    char text[UI_EDIT_MAX];
    snprintf(text, sizeof text, "%s", ui->edit.buf);
    if (ui->prompt == PROMPT_EDIT)
        save_attributes(ui, v, text);
    else
        save_note(ui, v, text);
    return RD_ALL;
}

static int account_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct account_view *v = s->state;
    build(ui, v);
    if (a == A_NONE) {
        if (key == KEY_MOUSE)
            return ui_list_wheel(ui, &v->list) ? RD_ALL : RD_NONE;
        if ((ui->prompt == PROMPT_EDIT || ui->prompt == PROMPT_NOTE) && ui->prompt_owner == s)
            return key == 0 ? RD_NONE : prompt_done(ui, v, key);
        return RD_UNHANDLED;
    }
    if (ui_list_action(&v->list, a))
        return RD_ALL;
    switch (a) {
    case A_OPEN: return RD_NONE;
    case A_EDIT:
    case A_NOTE:
        if (v->i >= ui->book.n)
            return RD_NONE;
        if (a == A_EDIT) {
            ui_prompt(ui, s, PROMPT_EDIT, "key=value:", "");
            ui_say(ui, "e.g. nps=9 owner=\"Jane Doe\" pulse=green  (key= clears)");
        } else {
            ui_prompt(ui, s, PROMPT_NOTE, "note:", "");
        }
        return RD_CURSOR;
    case A_BACK:
    case A_QUIT:
        ui_pop(ui);
        return RD_ALL;
    default: return RD_UNHANDLED;
    }
}

static void account_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    (void)ui;
    struct account_view *v = s->state;
    ui_list_position(&v->list, buf, len);
}

static void account_reload(struct ui *ui, struct screen *s, bool before)
{
    struct account_view *v = s->state;
    if (before || !v->open)
        return;
    v->i = (size_t)-1;
    for (size_t k = 0; k < ui->book.n; k++)
        if (ui->book.acc[k].id == v->id) {
            v->i = k;
            break;
        }
    if (v->i == (size_t)-1)
        v->open = false;
    else
        load_notes(ui, v);
}

static void account_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct account_view *v = s->state;
    v->stale = true; /* the text wraps at the new width */
}

static void account_destroy(struct screen *s)
{
    struct account_view *v = s->state;
    store_free_notes(v->notes, v->nnotes);
    ui_lines_free(&v->lines);
    free(v);
}

static const struct screen_ops account_ops = {
    .name = "Account",
    .where = UI_IN_ACCOUNT,
    .show = A_NONE,
    .draw = account_draw,
    .handle_key = account_key,
    .on_resize = account_resize,
    .on_reload = account_reload,
    .position = account_position,
    .destroy = account_destroy,
};

struct screen *ui_account_screen(struct ui *ui)
{
    (void)ui;
    struct account_view *v = xcalloc(1, sizeof *v);
    v->list.no_cursor = true;
    v->list.wheel = 3;
    v->list.paint = paint_line;
    v->list.ctx = v;
    return ui_screen_new(&account_ops, v);
}
