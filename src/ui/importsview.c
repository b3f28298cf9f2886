/* The imports screen: past imports, the selected one's messages, undoing
 * the latest after a y/n on the status line, and importing a file after its
 * dry run and a y/n. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/date.h"
#include "csm/import.h"
#include "csm/path.h"
#include "csm/text.h"
#include "csm/watch.h"
#include "screens.h"

#define LIST_Y (BODY_TOP + 1)

struct imports_view {
    struct import_record *v;
    size_t n;
    unsigned gen;            /* the load of the book the list is for; 0 none */
    struct ui_list list;     /* over the imports; every move repaints the messages too */
    long long keep_id;
    bool confirming;         /* u asked "undo?": the next key answers */
    bool confirming_import;  /* i asked "import?": the next key answers */
    bool asking_file;        /* i opened the prompt: its Enter or Esc is still to come */
    char *preview;           /* the dry run of the file: shown instead of the messages */
    char preview_title[200];
    char path[UI_EDIT_MAX];  /* the file of the dry run, $HOME in place of "~" */
    char file[160];          /* its name as shown */
    struct ui_lines msgs;
    /* What the selected import changed and its messages, as shown (kept
     * until the selection or the book moves: the store is asked once). */
    char *told;
    long long told_id;
    unsigned told_gen;
};

/* "What changed" as csm imports --changes says it, then the messages. */
static const char *told(struct ui *ui, struct imports_view *v, const struct import_record *r)
{
    if (v->told && v->told_id == r->id && v->told_gen == ui->gen)
        return v->told;
    free(v->told);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    v->told = NULL;
    if (!f)
        return r->messages;
    if (watch_show(ui->st, r->id, f) != 0)
        fprintf(f, "import %lld: what it changed cannot be read: %s\n", r->id, store_error(ui->st));
    fprintf(f, "messages:\n%s\n", r->messages && *r->messages ? r->messages : "  none");
    fclose(f);
    v->told = buf;
    v->told_id = r->id;
    v->told_gen = ui->gen;
    return v->told;
}

static void drop_preview(struct imports_view *v)
{
    free(v->preview);
    v->preview = NULL;
}

/* The list takes up to half the body (at least 3 rows); the messages the rest. */
static int list_rows(const struct imports_view *v)
{
    int body = ui_body_rows(1);
    int half = body / 2 > 3 ? body / 2 : 3;
    int want = v->n ? (int)v->n : 1;
    return want < half ? want : half;
}

static void place(struct imports_view *v) { ui_list_place(&v->list, LIST_Y, 0, COLS, list_rows(v)); }

static void ensure(struct ui *ui, struct imports_view *v)
{
    place(v);
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
    v->list.n = v->n;
    for (size_t k = 0; k < v->n && v->keep_id >= 0; k++)
        if (v->v[k].id == v->keep_id)
            v->list.cur = k;
    v->keep_id = -1;
    ui_list_resize(&v->list, v->n);
    place(v);
}

static void paint_row(struct ui *ui, struct ui_list *l, size_t k, int y, bool selected)
{
    (void)ui;
    struct imports_view *v = l->ctx;
    struct ui_row row;
    ui_import_row(&v->v[k], COLS - 1, &row);
    ui_paint_row(y, 0, COLS, &row, selected);
}

static void imports_draw(struct ui *ui, struct screen *s, bool full)
{
    struct imports_view *v = s->state;
    (void)full; /* the messages change with the selection: always the whole body */
    ensure(ui, v);
    if (v->confirming && !ui->message[0])
        v->confirming = false; /* the question went (a click on a tab) */
    if (v->confirming_import && !ui->message[0])
        v->confirming_import = false;
    ui_clear_lines(BODY_TOP, BODY_BOTTOM);
    struct ui_row row;
    ui_import_header(COLS - 1, &row);
    ui_paint_row(BODY_TOP, 0, COLS, &row, false);
    int rows = list_rows(v);
    ui_list_paint(ui, &v->list);
    if (!v->n) {
        char key[16], hint[96];
        snprintf(hint, sizeof hint, "no imports yet: %s imports a health-score export",
                 ui_action_key(A_IMPORT_FILE, key, sizeof key));
        ui_put(LIST_Y, 2, COLS - 3, false, CLR_DIM, hint);
        if (!v->preview)
            return;
    }
    int y = LIST_Y + rows + 1;
    if (y > BODY_BOTTOM)
        return;
    int max = BODY_BOTTOM - y;
    if (v->preview) {
        ui_put(y, 1, COLS - 2, false, CLR_HEADER, v->preview_title);
        ui_import_messages(v->preview, COLS - 1, max, &v->msgs);
    } else {
        const struct import_record *r = &v->v[v->list.cur];
        char title[128];
        snprintf(title, sizeof title, "What import %lld changed, and its messages%s", r->id,
                 r->undone_at ? " (undone)" : "");
        ui_put(y, 1, COLS - 2, false, CLR_HEADER, title);
        ui_import_messages(told(ui, v, r), COLS - 1, max, &v->msgs);
    }
    for (int k = 0; k < v->msgs.n && y + 1 + k <= BODY_BOTTOM; k++)
        ui_paint_row(y + 1 + k, 0, COLS, &v->msgs.row[k], false);
}

static int ask_undo(struct ui *ui, struct imports_view *v)
{
    if (!v->n) {
        ui_say(ui, "no import to undo");
        return RD_NONE;
    }
    const struct import_record *r = &v->v[v->list.cur];
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
    char yes[16];
    ui_say(ui, "undo import %lld (%s)? %s/n", r->id, file, ui_action_key(A_YES, yes, sizeof yes));
    v->confirming = true;
    return RD_NONE;
}

static int undo(struct ui *ui, struct imports_view *v)
{
    long long id = v->v[v->list.cur].id;
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

/* Reads what a stream in memory collected (NULL: nothing), closing it. */
static char *take(FILE *f, char **buf)
{
    if (!f)
        return NULL;
    if (fclose(f) != 0) {
        free(*buf);
        *buf = NULL;
    }
    return *buf;
}

static int ask_file(struct ui *ui, struct screen *s)
{
    ui_prompt(ui, s, PROMPT_IMPORT, "import file:", "");
    ((struct imports_view *)s->state)->asking_file = true;
    return RD_CURSOR;
}

/* Enter on the prompt: the dry run, shown, then "import?". */
static int dry_run(struct ui *ui, struct imports_view *v)
{
    char typed[UI_EDIT_MAX];
    /* Spaces around the name are dropped; inside it they are kept. */
    const char *t = ui->edit.buf;
    while (*t == ' ')
        t++;
    snprintf(typed, sizeof typed, "%s", t);
    size_t tl = strlen(typed);
    while (tl > 0 && typed[tl - 1] == ' ')
        typed[--tl] = '\0';
    if (!typed[0]) {
        ui_say(ui, "no file: nothing imported");
        return RD_ALL;
    }
    if (!ui_expand_home(typed, v->path, sizeof v->path)) {
        ui_error(ui, "the file name is too long");
        return RD_ALL;
    }
    char safe[160];
    text_safe(path_base(v->path), safe, sizeof safe);
    if (text_width(safe) > 30)
        text_fit(safe, 30, false, v->file, sizeof v->file); /* cut with an ellipsis */
    else
        snprintf(v->file, sizeof v->file, "%s", safe);
    char *out_buf = NULL, *msg_buf = NULL;
    size_t out_len = 0, msg_len = 0;
    FILE *out = open_memstream(&out_buf, &out_len), *msg = open_memstream(&msg_buf, &msg_len);
    if (!out || !msg) {
        if (out)
            fclose(out);
        if (msg)
            fclose(msg);
        free(out_buf);
        free(msg_buf);
        ui_error(ui, "out of memory");
        return RD_ALL;
    }
    struct import_options o = {
        .scoring = ui->opt->scoring, .as_of = ui->opt->as_of, .dry_run = true, .dry_out = out, .maps = NULL,
    };
    struct import_result res;
    memset(&res, 0, sizeof res);
    int rc = import_file(ui->st, v->path, &o, &res, msg);
    take(out, &out_buf);
    take(msg, &msg_buf);
    free(out_buf); /* one line an account: the counts say it shorter */
    int total = res.created + res.updated + res.unchanged;
    char head[256];
    snprintf(head, sizeof head, "%d created, %d updated, %d unchanged, %d rejected%s\n", res.created,
             res.updated, res.unchanged, res.rejected, rc ? ": the file cannot be imported" : "");
    /* Then the first error lines (painting makes them safe; the screen cuts them to its rows). */
    size_t mlen = msg_buf ? strlen(msg_buf) : 0;
    if (mlen > 8192)
        mlen = 8192;
    drop_preview(v);
    size_t plen = strlen(head) + mlen + 1;
    v->preview = xcalloc(1, plen);
    snprintf(v->preview, plen, "%s%.*s", head, (int)mlen, msg_buf ? msg_buf : "");
    snprintf(v->preview_title, sizeof v->preview_title, "Dry run of %s", v->file);
    if (rc) {
        char first[200] = "", raw[200];
        if (msg_buf) {
            snprintf(raw, sizeof raw, "%.*s", (int)strcspn(msg_buf, "\n"), msg_buf);
            text_safe(raw, first, sizeof first);
        }
        ui_error(ui, "%s", first[0] ? first : "the file cannot be imported");
        free(msg_buf);
        return RD_ALL;
    }
    free(msg_buf);
    if (res.before_id) { /* the same bytes as an import in force */
        char day[11];
        date_format(res.before_as_of, day);
        ui_say(ui, "%s: already imported on %.10s as import %lld (as of %s): nothing would change (csm import "
                   "--force imports it again)", v->file, res.before_at, res.before_id, day);
        return RD_ALL;
    }
    if (!total) {
        ui_say(ui, "%s: no accounts to import", v->file);
        return RD_ALL;
    }
    char yes[16];
    ui_say(ui, "import %d account%s from %s? %s/n", total, total == 1 ? "" : "s", v->file,
           ui_action_key(A_YES, yes, sizeof yes));
    v->confirming_import = true;
    return RD_ALL;
}

/* y after the dry run: the import itself, then the book again. */
static int import_now(struct ui *ui, struct imports_view *v)
{
    char *msg_buf = NULL;
    size_t msg_len = 0;
    FILE *msg = open_memstream(&msg_buf, &msg_len);
    if (!msg) {
        ui_error(ui, "out of memory");
        return RD_ALL;
    }
    struct import_options o = {
        .scoring = ui->opt->scoring, .as_of = ui->opt->as_of, .dry_run = false, .maps = NULL,
    };
    struct import_result res;
    memset(&res, 0, sizeof res);
    int rc = import_file(ui->st, v->path, &o, &res, msg);
    take(msg, &msg_buf);
    drop_preview(v);
    if (rc) {
        char first[200] = "", raw[200];
        if (msg_buf) {
            snprintf(raw, sizeof raw, "%.*s", (int)strcspn(msg_buf, "\n"), msg_buf);
            text_safe(raw, first, sizeof first);
        }
        free(msg_buf);
        ui_error(ui, "%s: not imported: %s", v->file, first[0] ? first : store_error(ui->st));
        return RD_ALL;
    }
    free(msg_buf);
    if (res.before_id) { /* the same bytes as an import in force: nothing done */
        char day[11];
        date_format(res.before_as_of, day);
        ui_say(ui, "%s: already imported on %.10s as import %lld (as of %s): nothing changed", v->file,
               res.before_at, res.before_id, day);
        return RD_ALL;
    }
    /* What changed, worked out and kept with the import as csm import does. */
    char why[200] = "";
    if (watch_import(ui->st, ui->opt->scoring, res.import_id, ui->opt->as_of, NULL) != 0)
        snprintf(why, sizeof why, "%s", store_error(ui->st));
    v->keep_id = res.import_id;
    ui_reload(ui);
    if (why[0]) {
        ui_error(ui, "%s: imported, but what changed could not be worked out: %s", v->file, why);
        return RD_ALL;
    }
    int total = res.created + res.updated + res.unchanged;
    ui_say(ui, "%s: %d account%s imported (%d created, %d updated, %d unchanged), %d rejected", v->file, total,
           total == 1 ? "" : "s", res.created, res.updated, res.unchanged, res.rejected);
    return RD_ALL;
}

static int mouse(struct ui *ui, struct imports_view *v)
{
    int y, x;
    bool open;
    if (ui_list_wheel(ui, &v->list)) {
        drop_preview(v);
        return RD_ALL;
    }
    long pos = ui_mouse_click(ui, &y, &x, &open) ? ui_list_at(&v->list, y) : -1;
    if (pos < 0 || (size_t)pos >= v->n)
        return RD_NONE;
    v->list.cur = (size_t)pos;
    drop_preview(v);
    return RD_ALL;
}

static int imports_key(struct ui *ui, struct screen *s, enum action a, int key)
{
    struct imports_view *v = s->state;
    ensure(ui, v);
    if (v->asking_file && a == A_NONE && ui->prompt == PROMPT_IMPORT && ui->prompt_owner == s &&
        (key == 0 || key == KEY_ENTER || key == KEY_ESC)) {
        if (key == 0)
            return RD_NONE; /* the text changed: nothing to do until Enter */
        v->asking_file = false;
        return key == KEY_ENTER ? dry_run(ui, v) : RD_ALL;
    }
    if (v->confirming) {
        v->confirming = false;
        if (ui_action_for_key_in(key, UI_IN_QUESTION) == A_YES && v->list.cur < v->n)
            return undo(ui, v);
        ui_say(ui, "not undone");
        return RD_NONE;
    }
    if (v->confirming_import) {
        v->confirming_import = false;
        if (ui_action_for_key_in(key, UI_IN_QUESTION) == A_YES)
            return import_now(ui, v);
        drop_preview(v);
        ui_say(ui, "not imported");
        return RD_ALL;
    }
    if (a != A_NONE && ui_list_action(&v->list, a)) {
        drop_preview(v); /* the messages follow the selection */
        return RD_ALL;
    }
    switch (a) {
    case A_NONE: return key == KEY_MOUSE ? mouse(ui, v) : RD_UNHANDLED;
    case A_IMPORT_FILE: return ask_file(ui, s);
    case A_IMPORT_UNDO: return ask_undo(ui, v);
    default: return RD_UNHANDLED;
    }
}

static void imports_position(struct ui *ui, struct screen *s, char *buf, size_t len)
{
    struct imports_view *v = s->state;
    ensure(ui, v);
    ui_list_position(&v->list, buf, len);
}

static void imports_reload(struct ui *ui, struct screen *s, bool before)
{
    struct imports_view *v = s->state;
    if (!before || v->gen != ui->gen || v->list.cur >= v->n || v->keep_id >= 0)
        return;
    v->keep_id = v->v[v->list.cur].id;
}

static void imports_resize(struct ui *ui, struct screen *s)
{
    (void)ui;
    struct imports_view *v = s->state;
    place(v);
    ui_list_keep_visible(&v->list);
}

static void imports_destroy(struct screen *s)
{
    struct imports_view *v = s->state;
    store_free_imports(v->v, v->n);
    ui_lines_free(&v->msgs);
    drop_preview(v);
    free(v->told);
    free(v);
}

static const struct screen_ops imports_ops = {
    .name = "Imports",
    .where = UI_IN_IMPORTS,
    .show = A_SCREEN_IMPORTS,
    .draw = imports_draw,
    .handle_key = imports_key,
    .on_resize = imports_resize,
    .on_reload = imports_reload,
    .position = imports_position,
    .destroy = imports_destroy,
};

struct screen *ui_imports_screen(struct ui *ui)
{
    (void)ui;
    struct imports_view *v = xcalloc(1, sizeof *v);
    v->keep_id = -1;
    v->list.paint = paint_row;
    v->list.ctx = v;
    return ui_screen_new(&imports_ops, v);
}
