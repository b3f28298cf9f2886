/* The interface's main loop: the terminal, colours, the header, the tab
 * bar, the status line, the prompt, and dispatch to the screens. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csm/date.h"
#include "csm/exit.h"
#include "csm/money.h"
#include "csm/text.h"
#include "screens.h"

/* ---- terminal and colours ---- */

static attr_t color_attr[CLR_COUNT];
static volatile sig_atomic_t curses_on;

static void restore_terminal(void)
{
    if (curses_on) {
        curses_on = 0;
        endwin();
    }
}

/* A crash still leaves a usable terminal: restore it, then die as we would have. */
static void on_fatal_signal(int sig)
{
    restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* 256 colours, 8 colours, or monochrome (no colours, or NO_COLOR set):
 * in every case the bands stay apart and the terminal keeps its background. */
static void setup_colors(void)
{
    const char *nc = getenv("NO_COLOR");
    bool color = has_colors() && !(nc && *nc);
    for (int i = 0; i < CLR_COUNT; i++)
        color_attr[i] = A_NORMAL;
    color_attr[CLR_HEADER] = A_BOLD;
    color_attr[CLR_TITLE] = A_BOLD | A_REVERSE;
    color_attr[CLR_SELECTED] = A_REVERSE;
    if (!color) {
        color_attr[CLR_RED_BAND] = A_BOLD | A_UNDERLINE;
        color_attr[CLR_AMBER_BAND] = A_BOLD;
        color_attr[CLR_GREEN_BAND] = A_NORMAL;
        color_attr[CLR_DIM] = A_DIM;
        color_attr[CLR_ACCENT] = A_BOLD;
        return;
    }
    start_color();
    bool default_bg = use_default_colors() == OK;
    short bg = default_bg ? -1 : COLOR_BLACK;
    bool rich = COLORS >= 256;
    init_pair(1, COLOR_RED, bg);
    init_pair(2, rich ? 214 : COLOR_YELLOW, bg);
    init_pair(3, COLOR_GREEN, bg);
    init_pair(4, rich ? 245 : COLOR_WHITE, bg);
    init_pair(5, COLOR_CYAN, bg);
    init_pair(6, COLOR_BLACK, COLOR_CYAN);
    color_attr[CLR_RED_BAND] = COLOR_PAIR(1) | A_BOLD;
    color_attr[CLR_AMBER_BAND] = COLOR_PAIR(2);
    color_attr[CLR_GREEN_BAND] = COLOR_PAIR(3);
    color_attr[CLR_DIM] = rich ? COLOR_PAIR(4) : A_DIM;
    color_attr[CLR_ACCENT] = COLOR_PAIR(5) | A_BOLD;
    color_attr[CLR_TITLE] = COLOR_PAIR(6) | A_BOLD;
}

attr_t ui_attr(int color)
{
    int base = color & 0xff;
    attr_t a = base >= 0 && base < CLR_COUNT ? color_attr[base] : A_NORMAL;
    return (color & UI_REVERSE) ? a | A_REVERSE : a;
}

void ui_put(int y, int x, int width, bool right, int color, const char *s)
{
    if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
        return;
    if (x + width > COLS)
        width = COLS - x;
    char buf[4200];
    text_fit(s, width, right, buf, sizeof buf);
    attr_t a = ui_attr(color);
    attron(a);
    mvaddstr(y, x, buf);
    attroff(a);
}

void ui_clear_lines(int from, int to)
{
    for (int y = from; y <= to && y < LINES; y++) {
        move(y, 0);
        clrtoeol();
    }
}

void ui_paint_row(int y, int x0, int width, const struct ui_row *r, bool selected)
{
    if (y < 0 || y >= LINES || x0 >= COLS)
        return;
    if (x0 + width > COLS)
        width = COLS - x0;
    attr_t sel = selected ? A_REVERSE : 0;
    mvhline(y, x0, ' ' | sel, width);
    for (int k = 0; k < r->n; k++) {
        const struct ui_span *sp = &r->span[k];
        if (sp->x >= width)
            continue;
        const char *t = r->text + sp->off;
        char clip[4200];
        if (sp->x + sp->width > width) { /* cut at the edge, by display width */
            text_fit(t, width - sp->x, false, clip, sizeof clip);
            t = clip;
        }
        attr_t a = ui_attr(sp->color) | sel;
        attron(a);
        mvaddstr(y, x0 + sp->x, t);
        attroff(a);
    }
}

__attribute__((format(printf, 3, 0))) static void vsay(struct ui *ui, bool error, const char *fmt, va_list ap)
{
    vsnprintf(ui->message, sizeof ui->message, fmt, ap);
    ui->message_error = error;
}

void ui_say(struct ui *ui, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(ui, false, fmt, ap);
    va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(ui, true, fmt, ap);
    va_end(ap);
}

/* ---- the screens' stack ---- */

void ui_push(struct ui *ui, struct screen *s)
{
    if (ui->depth < (int)(sizeof ui->stack / sizeof ui->stack[0]))
        ui->stack[ui->depth++] = s;
}

void ui_pop(struct ui *ui)
{
    if (ui->depth > 1)
        ui->depth--;
}

static void switch_tab(struct ui *ui, int tab)
{
    ui->depth = 0;
    ui_push(ui, ui->tabs[tab]);
}

/* The tabs, in the tab bar's order: their numbers, Tab and Shift-Tab follow it. */
static struct screen *(*const tab_screens[UI_TABS])(struct ui *) = {
    ui_portfolio_screen, ui_flags_screen, ui_renewals_screen, ui_plan_screen, ui_imports_screen,
};

struct screen *ui_screen_new(const struct screen_ops *ops, void *state)
{
    struct screen *s = xcalloc(1, sizeof *s);
    s->ops = ops;
    s->state = state;
    return s;
}

void ui_prompt(struct ui *ui, struct screen *owner, int kind, const char *label, const char *text)
{
    ui->prompting = true;
    ui->prompt = kind;
    ui->prompt_owner = owner;
    snprintf(ui->prompt_label, sizeof ui->prompt_label, "%s", label);
    ui_edit_init(&ui->edit, text);
}

static void each_screen(struct ui *ui, void (*fn)(struct ui *, struct screen *, bool), bool arg)
{
    for (int k = 0; k < UI_TABS; k++)
        fn(ui, ui->tabs[k], arg);
    fn(ui, ui->account, arg);
    fn(ui, ui->help, arg);
}

static void before_after(struct ui *ui, struct screen *s, bool before)
{
    if (s->ops->on_reload)
        s->ops->on_reload(ui, s, before);
}

static int load(struct ui *ui)
{
    book_free(&ui->book);
    ui->gen++;
    /* With the history: the trend and the usage drop use it, as csm show does. */
    int rc = book_load(&ui->book, ui->st, ui->opt->scoring, ui->opt->as_of, true);
    if (rc)
        ui_error(ui, "cannot read the database: %s", store_error(ui->st));
    return rc;
}

void ui_reload(struct ui *ui)
{
    each_screen(ui, before_after, true);
    int rc = load(ui);
    each_screen(ui, before_after, false);
    if (!rc)
        ui_say(ui, "reloaded: %zu accounts", ui->book.n);
}

/* ---- the lines every screen shares ---- */

const struct book_totals *ui_totals(struct ui *ui)
{
    const struct book *b = &ui->book;
    struct book_totals *t = &ui->owner_totals;
    if (!ui->owner[0]) {
        *t = (struct book_totals){.n = b->n, .acv_total = b->acv_total, .acv_at_risk = b->acv_at_risk,
                                  .health_avg = b->health_avg, .stale_count = b->stale_count};
        memcpy(t->band_count, b->band_count, sizeof t->band_count);
        memcpy(t->flag_count, b->flag_count, sizeof t->flag_count);
        ui->owner_totals_of[0] = '\0';
        return t;
    }
    /* Worked out once a filter and a load: a repaint only reads them. */
    if (ui->owner_totals_gen != ui->gen || strcmp(ui->owner_totals_of, ui->owner) != 0) {
        size_t *rows = xmalloc((b->n ? b->n : 1) * sizeof *rows);
        for (size_t i = 0; i < b->n; i++)
            rows[i] = i;
        book_totals(b, rows, ui_owner_rows(b, ui->owner, rows, b->n), t);
        free(rows);
        ui->owner_totals_gen = ui->gen;
        snprintf(ui->owner_totals_of, sizeof ui->owner_totals_of, "%s", ui->owner);
    }
    return t;
}

static void draw_title(struct ui *ui)
{
    const struct book *b = &ui->book;
    const struct book_totals *t = ui_totals(ui);
    char acv[32], risk[32], date[11], count[64], money[96], health[64], target[32];
    money_format(t->acv_total - t->acv_total % 100, acv, sizeof acv);
    money_format(t->acv_at_risk - t->acv_at_risk % 100, risk, sizeof risk);
    date_format(ui->opt->as_of, date);
    snprintf(count, sizeof count, "%zu account%s", t->n, t->n == 1 ? "" : "s");
    /* The owner filter, said first: the totals are that owner's accounts'. */
    char owner[sizeof ui->owner + 16] = "";
    if (ui->owner[0])
        snprintf(owner, sizeof owner, "  owner: %s", ui->owner);
    if (t->stale_count)
        snprintf(count + strlen(count), sizeof count - strlen(count), ", %d stale", t->stale_count);
    snprintf(money, sizeof money, "ACV $%s  at risk $%s", acv, risk);
    health[0] = target[0] = '\0';
    if (t->health_avg >= 0)
        snprintf(health, sizeof health, "health avg %.0f", t->health_avg);
    attron(ui_attr(CLR_TITLE));
    mvhline(0, 0, ' ', COLS);
    attroff(ui_attr(CLR_TITLE));
    /* What does not fit goes, least telling first: the title, the words of the target. */
    const char *title = ui->opt->title && *ui->opt->title ? ui->opt->title : NULL;
    int room = COLS - 13; /* the date at the right */
    int base = 5 + text_width(owner) + 2 + text_width(count) + 2 + text_width(money) + (health[0] ? 2 + text_width(health) : 0);
    if (health[0]) {
        snprintf(target, sizeof target, " (target %d)", b->sc->health_target);
        if (base + (int)strlen(target) > room)
            snprintf(target, sizeof target, "/%d", b->sc->health_target);
        base += (int)strlen(target);
    }
    char line[512 + sizeof owner];
    char safe_title[64] = "";
    if (title && base + 2 + text_width(title) <= room)
        snprintf(safe_title, sizeof safe_title, "  %s", title);
    snprintf(line, sizeof line, " csm%s%s  %s  %s%s%s%s", safe_title, owner, count, money, health[0] ? "  " : "",
             health, target);
    ui_put(0, 0, room, false, CLR_TITLE, line);
    ui_put(0, COLS - 11, 10, true, CLR_TITLE, date);
}

static void draw_tabs(struct ui *ui)
{
    move(1, 0);
    clrtoeol();
    int x = 1, cur = ui->stack[0]->tab;
    /* Two spaces between tabs, one when narrow: room for the sort at 60 columns. */
    int gap = COLS < 80 ? 1 : 2;
    for (int k = 0; k < UI_TABS; k++) {
        char label[48];
        const struct screen *s = ui->tabs[k];
        bool on = s->tab == cur;
        snprintf(label, sizeof label, "%s%d %s%s", on ? "[" : "", s->tab, s->ops->name, on ? "]" : "");
        int w = text_width(label);
        ui->tab_x[k][0] = x;
        ui->tab_x[k][1] = x + w;
        ui_put(1, x, w, false, on ? CLR_ACCENT : CLR_NORMAL, label);
        x += w + gap;
    }
    ui->tabs_end = x - gap;
}

static void draw_rule(struct ui *ui)
{
    attron(ui_attr(CLR_DIM));
    if (ui->ascii)
        mvhline(LINES - 2, 0, '-', COLS);
    else
        mvhline_set(LINES - 2, 0, WACS_HLINE, COLS);
    attroff(ui_attr(CLR_DIM));
}

/* The status line: a prompt, a message, or the keys of the screen. */
static void draw_status(struct ui *ui)
{
    int y = LINES - 1, width = COLS - 1; /* never the last cell: it would scroll */
    struct screen *top = ui_top(ui);
    move(y, 0);
    clrtoeol();
    if (ui->prompting) {
        int lw = text_width(ui->prompt_label);
        ui_put(y, 0, lw + 1, false, CLR_ACCENT, ui->prompt_label);
        int col, room = width - lw - 1;
        size_t start = ui_edit_view(&ui->edit, room, &col);
        ui_put(y, lw + 1, room, false, CLR_NORMAL, ui->edit.buf + start);
        if (ui->message[0]) { /* "no match" beside the text being typed */
            int tw = text_width(ui->edit.buf + start);
            int mw = text_width(ui->message) + 2;
            if (lw + 1 + tw + 2 + mw < width)
                ui_put(y, width - mw, mw, true, ui->message_error ? CLR_RED_BAND : CLR_DIM, ui->message);
        }
        move(y, lw + 1 + col);
        return;
    }
    char pos[64] = "";
    if (top->ops->position)
        top->ops->position(ui, top, pos, sizeof pos);
    int pw = text_width(pos);
    int room = width - (pw ? pw + 2 : 0);
    if (ui->message[0]) {
        ui_put(y, 1, room - 1, false, ui->message_error ? CLR_RED_BAND : CLR_ACCENT, ui->message);
    } else {
        int x = 1;
        for (int i = 0; i < ui_nactions; i++) {
            const struct action_def *d = &ui_actions[i];
            if (!d->label || (d->where && !(d->where & top->ops->where)))
                continue;
            const char *label = d->label;
            if (d->action == A_QUIT && ui->depth == 1 && top == ui->tabs[0])
                label = "quit";
            int kw = text_width(d->key_label), lw = text_width(label);
            if (x + kw + 1 + lw > room)
                break;
            ui_put(y, x, kw, false, CLR_ACCENT, d->key_label);
            ui_put(y, x + kw + 1, lw, false, CLR_DIM, label);
            x += kw + 1 + lw + 2;
        }
    }
    if (pw)
        ui_put(y, width - pw, pw, true, CLR_DIM, pos);
}

static bool too_small(void) { return COLS < MIN_COLS || LINES < MIN_LINES; }

static void draw(struct ui *ui, int dirty)
{
    if (too_small()) {
        erase();
        char msg[128];
        snprintf(msg, sizeof msg, "terminal too small (%dx%d): csm needs %dx%d", COLS, LINES, MIN_COLS, MIN_LINES);
        mvaddnstr(0, 0, msg, COLS);
        char key[16];
        snprintf(msg, sizeof msg, "make it larger, or %s to quit", ui_action_key(A_QUIT_ALL, key, sizeof key));
        if (LINES > 1)
            mvaddnstr(1, 0, msg, COLS);
        curs_set(0);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    struct screen *top = ui_top(ui);
    if (dirty >= RD_ALL) {
        erase();
        draw_title(ui);
        draw_tabs(ui);
        top->ops->draw(ui, top, true);
        draw_rule(ui);
    } else if (dirty == RD_CURSOR) {
        top->ops->draw(ui, top, false);
    }
    draw_status(ui);
    curs_set(ui->prompting ? 1 : 0);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- keys ---- */

/* Idle this long, the loop looks whether another csm changed the book. */
#define IDLE_MS 2000

/* What read_key returns for an escape sequence curses does not know. */
#define KEY_STRAY (-2)

/* After an Esc, the rest of a sequence curses did not recognise (a key
 * this TERM has no entry for, Alt and a key, a terminal's report) is
 * already waiting: Esc alone is followed by nothing within the escape
 * delay. Reads the rest without waiting; true when there was one. A CSI
 * ("Esc [") ends at its final byte (0x40-0x7E), an SS3 ("Esc O") after one
 * byte, anything else ("Esc x") at once; a second Esc is not part of
 * the first's sequence. */
static bool swallow_sequence(void)
{
    wint_t wch;
    timeout(0);
    int r = get_wch(&wch);
    bool stray = r != ERR;
    if (r == KEY_CODE_YES || (r == OK && wch == KEY_ESC)) {
        /* A key curses knows (Esc then an arrow, faster than the escape
         * delay) or another Esc: this Esc stood alone, and the next key is
         * read as itself. */
        if (r == KEY_CODE_YES)
            ungetch((int)wch);
        else
            unget_wch(wch);
        stray = false;
    } else if (r == OK && (wch == '[' || wch == 'O')) {
        bool csi = wch == '[';
        /* A sequence is short: a bound keeps a flood of bytes from holding the loop. */
        for (int k = 0; k < 32 && get_wch(&wch) == OK; k++)
            if (!csi || (wch >= 0x40 && wch <= 0x7e))
                break;
    }
    timeout(IDLE_MS);
    return stray;
}

/* Reads one key: a curses key code, or a character (its code point in *cp,
 * and the key itself when it is ASCII). ERR when nothing came, KEY_STRAY
 * for an escape sequence that was read and ignored. */
static int read_key(unsigned *cp)
{
    wint_t wch;
    int r = get_wch(&wch);
    *cp = 0;
    if (r == ERR)
        return ERR;
    if (r == KEY_CODE_YES)
        return (int)wch;
    if (wch == KEY_ESC && swallow_sequence())
        return KEY_STRAY;
    *cp = (unsigned)wch;
    return wch < 0x80 ? (int)wch : 0;
}

/* A key typed into the prompt: the editor's actions from the table, else
 * the character itself. Returns what to repaint. */
static int prompt_key(struct ui *ui, int key, unsigned cp)
{
    static const struct { enum action a; int op; } edits[] = {
        {A_EDIT_LEFT, UE_LEFT}, {A_EDIT_RIGHT, UE_RIGHT}, {A_EDIT_HOME, UE_HOME}, {A_EDIT_END, UE_END},
        {A_EDIT_BACKSPACE, UE_BACKSPACE}, {A_EDIT_DELETE, UE_DELETE}, {A_EDIT_KILL_START, UE_KILL_START},
        {A_EDIT_KILL_END, UE_KILL_END}, {A_EDIT_KILL_WORD, UE_KILL_WORD}};
    enum action a = ui_action_for_key_in(key, UI_IN_PROMPT);
    int op = -1;
    for (size_t k = 0; k < sizeof edits / sizeof edits[0]; k++)
        if (edits[k].a == a)
            op = edits[k].op;
    switch (a) {
    case A_PROMPT_COMPLETE:
        if (ui->prompt == PROMPT_IMPORT) { /* file names complete; no other prompt takes Tab */
            char done[UI_EDIT_MAX];
            int n = ui_complete_path(ui->edit.buf, done, sizeof done);
            ui->message[0] = '\0';
            if (n == 0)
                ui_say(ui, "no match");
            else if (strcmp(done, ui->edit.buf) != 0)
                ui_edit_init(&ui->edit, done);
            else if (n > 1)
                ui_say(ui, "%d matches", n);
            return RD_CURSOR;
        }
        return RD_NONE;
    case A_PROMPT_DONE:
    case A_PROMPT_CANCEL: {
        struct screen *owner = ui->prompt_owner;
        ui->prompting = false;
        ui->message[0] = '\0';
        int r = owner->ops->handle_key(ui, owner, A_NONE, a == A_PROMPT_CANCEL ? KEY_ESC : KEY_ENTER);
        return r < RD_CURSOR ? RD_CURSOR : r;
    }
    default:
        if (op < 0 && cp >= 0x20 && cp != 0x7F)
            op = UE_INSERT;
        break;
    }
    if (op < 0)
        return RD_NONE;
    if (ui_edit_apply(&ui->edit, op, cp)) {
        ui->message[0] = '\0';
        int r = ui->prompt_owner->ops->handle_key(ui, ui->prompt_owner, A_NONE, 0);
        return r < 0 ? RD_NONE : r;
    }
    return RD_NONE;
}

bool ui_mouse_click(const struct ui *ui, int *y, int *x, bool *open)
{
    if (!(ui->mouse.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return false;
    *y = ui->mouse.y;
    *x = ui->mouse.x;
    *open = ui->mouse_double;
    return true;
}

int ui_mouse_wheel(const struct ui *ui)
{
    if (ui->mouse.bstate & BUTTON4_PRESSED)
        return -1;
#ifdef BUTTON5_PRESSED
    if (ui->mouse.bstate & BUTTON5_PRESSED)
        return 1;
#endif
    return 0;
}

/* What no screen handled: moving between screens, help, reload, quit. */
static int global_action(struct ui *ui, enum action a)
{
    struct screen *top = ui_top(ui);
    int tab = ui->stack[0]->tab - 1;
    for (int k = 0; k < UI_TABS; k++)
        if (a != A_NONE && ui->tabs[k]->ops->show == (int)a) {
            switch_tab(ui, k);
            return RD_ALL;
        }
    switch (a) {
    case A_QUIT_ALL: ui->quit = true; return RD_NONE;
    case A_HELP:
        if (top == ui->help)
            ui_pop(ui);
        else
            ui_push(ui, ui->help);
        return RD_ALL;
    case A_REDRAW:
        clearok(curscr, TRUE);
        return RD_ALL;
    case A_RELOAD: ui_reload(ui); return RD_ALL;
    case A_NEXT_SCREEN: switch_tab(ui, (tab + 1) % UI_TABS); return RD_ALL;
    case A_PREV_SCREEN: switch_tab(ui, (tab + UI_TABS - 1) % UI_TABS); return RD_ALL;
    case A_QUIT: /* back, and from the portfolio out */
    case A_BACK: /* back, never out: a stray Esc must not end the session */
        if (ui->depth > 1) {
            ui_pop(ui);
        } else if (top != ui->tabs[0]) {
            switch_tab(ui, 0);
        } else if (a == A_QUIT) {
            ui->quit = true;
        } else {
            char q[16], qa[16];
            ui_say(ui, "%s quits (%s from anywhere)", ui_action_key(A_QUIT, q, sizeof q),
                   ui_action_key(A_QUIT_ALL, qa, sizeof qa));
            return RD_NONE;
        }
        return RD_ALL;
    default: return RD_NONE;
    }
}

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int mouse_event(struct ui *ui)
{
    if (getmouse(&ui->mouse) != OK)
        return RD_NONE;
    /* curses only reports a click after waiting to see if a second follows,
     * which holds back the wheel too: presses are taken at once, and two on
     * the same line within 400 ms are a double click. */
    ui->mouse_double = false;
    if (ui->mouse.bstate & BUTTON1_PRESSED) {
        long long t = now_ms();
        ui->mouse_double = ui->mouse.y == ui->last_click_y && t - ui->last_click_ms < 400;
        ui->last_click_ms = ui->mouse_double ? 0 : t;
        ui->last_click_y = ui->mouse.y;
    }
    int y, x;
    bool open;
    if (ui_mouse_click(ui, &y, &x, &open) && y == 1) {
        for (int k = 0; k < UI_TABS; k++)
            if (x >= ui->tab_x[k][0] && x < ui->tab_x[k][1]) {
                switch_tab(ui, k);
                return RD_ALL;
            }
        return RD_NONE;
    }
    struct screen *top = ui_top(ui);
    int r = top->ops->handle_key(ui, top, A_NONE, KEY_MOUSE);
    return r < 0 ? RD_NONE : r;
}

static void resize_all(struct ui *ui, struct screen *s, bool unused)
{
    (void)unused;
    if (s->ops->on_resize)
        s->ops->on_resize(ui, s);
}

static void destroy(struct screen *s)
{
    if (s->ops->destroy)
        s->ops->destroy(s);
    free(s);
}

/* Books this big show a first page while they load. */
#define UI_FIRST_PAGE_FROM 50000

/* The first accounts by name, read on their own, while the whole book is
 * read: the table's columns without the flags (they compare an account
 * with the whole book), and a line that says what is happening. */
static void draw_first_page(struct ui *ui, long long total)
{
    struct book first;
    int rows = LINES - 6 > 1 ? LINES - 6 : 1;
    if (book_load_first(&first, ui->st, ui->opt->scoring, ui->opt->as_of, (size_t)rows))
        return;
    erase();
    attron(ui_attr(CLR_TITLE));
    mvhline(0, 0, ' ', COLS);
    attroff(ui_attr(CLR_TITLE));
    char line[160];
    snprintf(line, sizeof line, " csm  loading %lld accounts\xe2\x80\xa6", total);
    ui_put(0, 0, COLS, false, CLR_TITLE, ui->ascii ? " csm  loading the accounts..." : line);
    int idx[BOOK_MAX_COLS], widths[BOOK_MAX_COLS];
    int n = ui_portfolio_layout(ui->cols, ui->ncols, COLS, idx, widths);
    struct ui_row r;
    ui_portfolio_header(ui->cols, idx, widths, n, -1, &r);
    ui_paint_row(BODY_TOP + 1, 0, COLS, &r, false);
    for (size_t k = 0; k < first.n && (int)k < rows; k++) {
        ui_portfolio_row(&first, k, ui->cols, idx, widths, n, ui->ascii, &r);
        ui_paint_row(BODY_TOP + 2 + (int)k, 0, COLS, &r, false);
    }
    draw_rule(ui);
    ui_put(LINES - 1, 1, COLS - 2, false, CLR_DIM,
           "reading the whole book: then the table opens sorted by risk, with the flags");
    wnoutrefresh(stdscr);
    doupdate();
    book_free(&first);
}

int ui_run(struct store *st, const struct ui_options *opt)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "csm: the interface needs a terminal (use csm list for plain output)\n");
        return CSM_EXIT_USAGE;
    }
    struct ui *ui = xcalloc(1, sizeof *ui);
    ui->opt = opt;
    ui->st = st;
    ui->ncols = book_columns(opt->scoring, ui->cols);
    ui->ascii = !(MB_CUR_MAX > 1);

    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        fprintf(stderr, "csm: cannot start the interface on this terminal (TERM=%s)\n",
                getenv("TERM") ? getenv("TERM") : "unset");
        free(ui);
        return CSM_EXIT_FAIL;
    }
    curses_on = 1;
    /* SIGTSTP is left to curses: Ctrl-Z suspends and fg repaints. */
    signal(SIGINT, on_fatal_signal);
    signal(SIGTERM, on_fatal_signal);
    signal(SIGHUP, on_fatal_signal);
    signal(SIGSEGV, on_fatal_signal);
    signal(SIGABRT, on_fatal_signal);
    signal(SIGBUS, on_fatal_signal);
    signal(SIGFPE, on_fatal_signal);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* Home and End as tmux, screen and the Linux console send them, when
     * TERM says otherwise: a stray Esc would otherwise quit. */
    static const struct { const char *seq; int key; } extra[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME}, {"\033OH", KEY_HOME},
        {"\033[4~", KEY_END},  {"\033[8~", KEY_END},  {"\033[F", KEY_END},  {"\033OF", KEY_END}};
    for (size_t k = 0; k < sizeof extra / sizeof extra[0]; k++)
        if (key_defined(extra[k].seq) == 0)
            define_key(extra[k].seq, extra[k].key);
    set_escdelay(25);
    curs_set(0);
    setup_colors();
    if (opt->mouse) {
        mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
        want |= BUTTON5_PRESSED;
#endif
        mousemask(want, NULL);
        mouseinterval(0);
    }

    /* A big book takes a moment to read: its first page by name comes first,
     * then the whole book replaces it. Keys typed meanwhile wait their turn. */
    long long total = 0;
    if (store_count_accounts(st, &total) == 0 && total >= UI_FIRST_PAGE_FROM && !too_small())
        draw_first_page(ui, total);
    load(ui);
    for (int k = 0; k < UI_TABS; k++) {
        ui->tabs[k] = tab_screens[k](ui);
        ui->tabs[k]->tab = k + 1;
    }
    ui->account = ui_account_screen(ui);
    ui->help = ui_help_screen(ui);
    switch_tab(ui, 0);

    /* Idle for two seconds: has another csm (an import in a shell) changed
     * the book? Then show it. */
    timeout(IDLE_MS);
    ui->data_version = store_data_version(ui->st);
    int dirty = RD_ALL;
    while (!ui->quit) {
        draw(ui, dirty);
        dirty = RD_NONE;
        unsigned cp;
        int key = read_key(&cp);
        if (key == ERR) {
            long long v = store_data_version(ui->st);
            if (v != ui->data_version && !ui->prompting) {
                ui->data_version = v;
                ui_reload(ui);
                ui_say(ui, "another csm changed the book: reloaded, %zu accounts", ui->book.n);
                dirty = RD_ALL;
            }
            continue;
        }
        if (key == KEY_RESIZE) {
            each_screen(ui, resize_all, false);
            dirty = RD_ALL;
            continue;
        }
        if (key == KEY_STRAY) { /* neither Esc nor keys: nothing happens */
            if (!ui->prompting)
                ui_say(ui, "a key csm does not know was ignored");
            dirty = RD_NONE;
            continue;
        }
        if (ui->prompting) {
            dirty = prompt_key(ui, key, cp);
            continue;
        }
        if (ui->message[0]) {
            ui->message[0] = '\0';
        }
        /* Too small to use: only quit, or q (back, or quit from the portfolio). */
        if (too_small() && key != ui_action(A_QUIT_ALL)->keys[0] && key != ui_action(A_QUIT)->keys[0])
            continue;
        if (key == KEY_MOUSE) {
            dirty = mouse_event(ui);
            continue;
        }
        struct screen *top = ui_top(ui);
        enum action a = ui_action_for_key_in(key, top->ops->where);
        if (a != A_NONE && ui->opt->read_only && (ui_action(a)->flags & UA_WRITES)) {
            /* The one place read-only is checked: every action that writes says so in the table. */
            char k[16];
            ui_error(ui, "read-only: %s (%s) would write to the database (--read-only)",
                     ui_action_key(a, k, sizeof k), ui_action(a)->name);
            dirty = RD_NONE;
            continue;
        }
        int r = top->ops->handle_key(ui, top, a, key);
        dirty = r != RD_UNHANDLED ? r : global_action(ui, a);
    }
    restore_terminal();
    delscreen(scr);
    for (int k = 0; k < UI_TABS; k++)
        destroy(ui->tabs[k]);
    destroy(ui->account);
    destroy(ui->help);
    book_free(&ui->book);
    free(ui);
    return 0;
}
