/* The interface's main loop: the terminal, colours, keys and screens. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csm/book.h"
#include "csm/date.h"
#include "csm/money.h"
#include "csm/store.h"
#include "csm/text.h"
#include "csm/ui.h"

#define KEY_CTRL(c) ((c) & 0x1f)
#define MIN_COLS 60
#define MIN_LINES 10

const struct action_def ui_actions[] = {
    {A_UP, {KEY_UP, 'k', 0}, "\xe2\x86\x91/k", "move", "move up"},
    {A_DOWN, {KEY_DOWN, 'j', 0}, "\xe2\x86\x93/j", NULL, "move down"},
    {A_PAGE_UP, {KEY_PPAGE, KEY_CTRL('b'), 0}, "PgUp", NULL, "page up"},
    {A_PAGE_DOWN, {KEY_NPAGE, KEY_CTRL('f'), ' ', 0}, "PgDn/Space", NULL, "page down"},
    {A_HOME, {KEY_HOME, 'g', 0}, "Home/g", NULL, "first account"},
    {A_END, {KEY_END, 'G', 0}, "End/G", NULL, "last account"},
    {A_SORT_NEXT, {'s', '>', 0}, "s/>", "sort", "sort by the next column"},
    {A_SORT_PREV, {'<', 0}, "<", NULL, "sort by the previous column"},
    {A_SORT_REVERSE, {'S', 0}, "S", NULL, "reverse the sort"},
    {A_RELOAD, {'R', 0}, "R", NULL, "reload from the database"},
    {A_REDRAW, {KEY_CTRL('l'), 0}, "Ctrl-L", NULL, "redraw the screen"},
    {A_HELP, {'?', KEY_F(1), 0}, "?", "help", "the keys"},
    {A_BACK, {'q', 27, 0}, "q/Esc", "quit", "back, or quit from the portfolio"},
    {A_QUIT_ALL, {'Q', 0}, "Q", NULL, "quit from anywhere"},
};
const int ui_nactions = (int)(sizeof ui_actions / sizeof ui_actions[0]);

enum action ui_action_for_key(int key)
{
    for (int i = 0; i < ui_nactions; i++)
        for (int k = 0; k < 4 && ui_actions[i].keys[k]; k++)
            if (ui_actions[i].keys[k] == key)
                return ui_actions[i].action;
    return A_NONE;
}

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

static void setup_colors(void)
{
    const char *nc = getenv("NO_COLOR");
    bool color = has_colors() && !(nc && *nc);
    for (int i = 0; i < CLR_COUNT; i++)
        color_attr[i] = A_NORMAL;
    color_attr[CLR_HEADER] = A_BOLD;
    color_attr[CLR_TITLE] = A_BOLD;
    color_attr[CLR_SELECTED] = A_REVERSE;
    if (!color) {
        /* Monochrome: the bands stay apart by weight. */
        color_attr[CLR_RED_BAND] = A_BOLD | A_UNDERLINE;
        color_attr[CLR_AMBER_BAND] = A_BOLD;
        color_attr[CLR_GREEN_BAND] = A_NORMAL;
        color_attr[CLR_DIM] = A_DIM;
        color_attr[CLR_ACCENT] = A_BOLD;
        return;
    }
    start_color();
    use_default_colors();
    bool rich = COLORS >= 256;
    init_pair(1, COLOR_RED, -1);
    init_pair(2, rich ? 214 : COLOR_YELLOW, -1);
    init_pair(3, COLOR_GREEN, -1);
    init_pair(4, rich ? 245 : COLOR_WHITE, -1);
    init_pair(5, COLOR_CYAN, -1);
    init_pair(6, COLOR_BLACK, COLOR_CYAN);
    color_attr[CLR_RED_BAND] = COLOR_PAIR(1) | A_BOLD;
    color_attr[CLR_AMBER_BAND] = COLOR_PAIR(2);
    color_attr[CLR_GREEN_BAND] = COLOR_PAIR(3);
    color_attr[CLR_DIM] = rich ? COLOR_PAIR(4) : A_DIM;
    color_attr[CLR_ACCENT] = COLOR_PAIR(5) | A_BOLD;
    color_attr[CLR_TITLE] = COLOR_PAIR(6) | A_BOLD;
}

/* Prints text made safe and fitted to exactly width columns at (y, x). */
static void put_fit(int y, int x, const char *s, int width, bool right, int color)
{
    if (width <= 0)
        return;
    char buf[1024];
    text_fit(s, width, right, buf, sizeof buf);
    attr_t a = color_attr[color];
    attron(a);
    mvaddstr(y, x, buf);
    attroff(a);
}

/* ---- the portfolio screen ---- */

struct ui;

struct screen {
    const char *name;
    void (*draw)(struct ui *ui);
    bool (*handle)(struct ui *ui, enum action a, int key);
    void (*on_resize)(struct ui *ui);
};

struct ui {
    const struct ui_options *opt;
    struct store *st;
    struct book book;
    size_t *order;            /* display order: indexes into book */
    size_t norder;
    size_t cur, top;          /* cursor and first visible row, as positions in order */
    int sort_col;             /* index into cols */
    bool sort_desc;
    struct book_col cols[BOOK_MAX_COLS];
    int ncols;
    bool ascii;               /* no UTF-8 in the terminal */
    const struct screen *screen;
    bool quit;
    char message[160];
};

static int rows_visible(void) { return LINES - 5 > 1 ? LINES - 5 : 1; }

static const struct ui *sort_ui; /* qsort has no context argument */

static int compare_rows(const void *pa, const void *pb)
{
    const struct ui *ui = sort_ui;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    const struct account *x = &ui->book.acc[a], *y = &ui->book.acc[b];
    const struct verdict *vx = &ui->book.v[a], *vy = &ui->book.v[b];
    const struct book_col *c = &ui->cols[ui->sort_col];
    long long kx = 0, ky = 0;
    int r = 0;
    switch (c->kind) {
    case BC_NAME: r = strcasecmp(x->name, y->name); break;
    case BC_SEGMENT: kx = vx->segment; ky = vy->segment; break;
    case BC_TERM: kx = x->term_years; ky = y->term_years; break;
    case BC_ACV: kx = x->acv_cents; ky = y->acv_cents; break;
    case BC_RENEWAL: kx = vx->months; ky = vy->months; break;
    case BC_TREND: kx = vx->trend; ky = vy->trend; break;
    case BC_HEALTH: kx = vx->health; ky = vy->health; break;
    case BC_COMPONENT: kx = x->score[c->comp]; ky = y->score[c->comp]; break;
    case BC_FLAGS: {
        /* Risk first: churn severity, then any other flag, then the ACV at stake. */
        const struct flag *fx = verdict_flag(vx, FLAG_CHURN), *fy = verdict_flag(vy, FLAG_CHURN);
        kx = fx ? 10 + fx->severity : vx->nflags > 0;
        ky = fy ? 10 + fy->severity : vy->nflags > 0;
        if (kx == ky) {
            kx = x->acv_cents;
            ky = y->acv_cents;
        }
        break;
    }
    }
    if (!r)
        r = kx < ky ? -1 : kx > ky;
    if (ui->sort_desc)
        r = -r;
    if (!r)
        r = a < b ? -1 : a > b; /* stable: import order breaks ties */
    return r;
}

static void sort_rows(struct ui *ui)
{
    size_t keep = ui->norder ? ui->order[ui->cur] : 0;
    sort_ui = ui;
    qsort(ui->order, ui->norder, sizeof *ui->order, compare_rows);
    for (size_t i = 0; i < ui->norder; i++)
        if (ui->order[i] == keep)
            ui->cur = i;
}

static void load(struct ui *ui)
{
    book_free(&ui->book);
    free(ui->order);
    ui->order = NULL;
    ui->norder = 0;
    if (book_load(&ui->book, ui->st, ui->opt->scoring, ui->opt->as_of, false)) {
        snprintf(ui->message, sizeof ui->message, "%s", store_error(ui->st));
        return;
    }
    ui->order = xcalloc(ui->book.n ? ui->book.n : 1, sizeof *ui->order);
    for (size_t i = 0; i < ui->book.n; i++)
        ui->order[i] = i;
    ui->norder = ui->book.n;
    if (ui->cur >= ui->norder)
        ui->cur = ui->norder ? ui->norder - 1 : 0;
    sort_rows(ui);
}

static void draw_header(struct ui *ui)
{
    const struct book *b = &ui->book;
    char acv[32], risk[32], date[11], line[512];
    money_format(b->acv_total - b->acv_total % 100, acv, sizeof acv);
    money_format(b->acv_at_risk - b->acv_at_risk % 100, risk, sizeof risk);
    date_format(ui->opt->as_of, date);
    move(0, 0);
    clrtoeol();
    attron(color_attr[CLR_TITLE]);
    for (int x = 0; x < COLS; x++)
        mvaddch(0, x, ' ');
    snprintf(line, sizeof line, " csm  %zu accounts  ACV $%s  at risk $%s", b->n, acv, risk);
    mvaddstr(0, 0, line);
    attroff(color_attr[CLR_TITLE]);
    int x = (int)strlen(line);
    if (b->health_avg >= 0) {
        snprintf(line, sizeof line, "  health avg %.0f", b->health_avg);
        attron(color_attr[CLR_TITLE]);
        mvaddstr(0, x, line);
        attroff(color_attr[CLR_TITLE]);
        x += (int)strlen(line);
        snprintf(line, sizeof line, " (target %d)", b->sc->health_target);
        if (x + (int)strlen(line) >= COLS - 12)
            snprintf(line, sizeof line, "/%d", b->sc->health_target);
        attron(color_attr[CLR_TITLE]);
        if (x + (int)strlen(line) < COLS - 12)
            mvaddstr(0, x, line);
        attroff(color_attr[CLR_TITLE]);
    }
    attron(color_attr[CLR_TITLE]);
    mvaddstr(0, COLS - 11, date);
    attroff(color_attr[CLR_TITLE]);

    /* The second line: bands and flags at a glance, and the sort. */
    move(1, 0);
    clrtoeol();
    snprintf(line, sizeof line, " %d red", b->band_count[BAND_RED]);
    put_fit(1, 0, line, 8, false, CLR_RED_BAND);
    snprintf(line, sizeof line, "%d amber", b->band_count[BAND_AMBER]);
    put_fit(1, 8, line, 9, false, CLR_AMBER_BAND);
    snprintf(line, sizeof line, "%d green", b->band_count[BAND_GREEN]);
    put_fit(1, 17, line, 9, false, CLR_GREEN_BAND);
    snprintf(line, sizeof line, "%d churn  %d expansion  %d case study", b->flag_count[FLAG_CHURN],
             b->flag_count[FLAG_EXPANSION], b->flag_count[FLAG_ADVOCACY]);
    put_fit(1, 27, line, COLS - 27 - 17 > 0 ? COLS - 27 - 17 : 0, false, CLR_NORMAL);
    snprintf(line, sizeof line, "sort: %s %s", ui->cols[ui->sort_col].title,
             ui->sort_desc ? (ui->ascii ? "v" : "\xe2\x96\xbc") : (ui->ascii ? "^" : "\xe2\x96\xb2"));
    put_fit(1, COLS - 17, line, 16, true, CLR_DIM);
}

/* The columns that fit the width, as indexes into ui->cols with their
 * widths: the name takes what is left (up to 30), the flags the rest of the
 * line; on a narrow terminal, columns go from the right, flags kept. */
static int layout(const struct ui *ui, int *idx, int *widths)
{
    bool keep[BOOK_MAX_COLS];
    int flags_min = 7;
    for (int c = 0; c < ui->ncols; c++)
        keep[c] = true;
    for (;;) {
        int used = 0;
        for (int c = 1; c < ui->ncols; c++)
            if (keep[c])
                used += (ui->cols[c].kind == BC_FLAGS ? flags_min : ui->cols[c].width) + 1;
        int name_w = COLS - 2 - used;
        int drop = -1;
        for (int c = ui->ncols - 1; c > 1 && name_w < 11; c--)
            if (keep[c] && ui->cols[c].kind != BC_FLAGS) {
                drop = c;
                break;
            }
        if (name_w < 11 && drop > 0) {
            keep[drop] = false;
            continue;
        }
        if (name_w > 30)
            name_w = 30;
        int n = 0, x = 1;
        for (int c = 0; c < ui->ncols; c++) {
            if (!keep[c])
                continue;
            idx[n] = c;
            widths[n] = c == 0 ? (name_w > 4 ? name_w : 4) : ui->cols[c].width;
            if (ui->cols[c].kind == BC_FLAGS)
                widths[n] = COLS - 1 - x > 1 ? COLS - 1 - x : 1;
            x += widths[n] + 1;
            n++;
        }
        return n;
    }
}

static void draw_row(struct ui *ui, int y, size_t pos, const int *idx, const int *widths, int n)
{
    move(y, 0);
    clrtoeol();
    if (pos >= ui->norder)
        return;
    bool selected = pos == ui->cur;
    size_t i = ui->order[pos];
    int x = 1;
    if (selected) {
        attron(A_REVERSE);
        for (int k = 0; k < COLS; k++)
            mvaddch(y, k, ' ');
        attroff(A_REVERSE);
        mvaddstr(y, 0, ">");
    }
    for (int c = 0; c < n; c++) {
        struct cell cell;
        const struct book_col *col = &ui->cols[idx[c]];
        book_cell(&ui->book, i, col, ui->ascii, &cell);
        int color = cell.color;
        char buf[1024];
        text_fit(cell.text, widths[c], col->right, buf, sizeof buf);
        attr_t a = color_attr[color] | (selected ? A_REVERSE : 0);
        attron(a);
        mvaddstr(y, x, buf);
        attroff(a);
        x += widths[c] + 1;
    }
}

static void draw_status(struct ui *ui)
{
    int y = LINES - 1;
    move(y, 0);
    clrtoeol();
    char line[512];
    size_t o = 0;
    line[0] = '\0';
    if (ui->message[0]) {
        put_fit(y, 0, ui->message, COLS - 1, false, CLR_ACCENT);
        return;
    }
    for (int i = 0; i < ui_nactions && o < sizeof line; i++)
        if (ui_actions[i].label)
            o += (size_t)snprintf(line + o, sizeof line - o, " %s %s ", ui_actions[i].key_label, ui_actions[i].label);
    put_fit(y, 0, line, COLS - 14 > 0 ? COLS - 14 : 0, false, CLR_DIM);
    snprintf(line, sizeof line, "%zu/%zu", ui->norder ? ui->cur + 1 : 0, ui->norder);
    put_fit(y, COLS - 13, line, 12, true, CLR_DIM);
}

static void portfolio_draw(struct ui *ui)
{
    int idx[BOOK_MAX_COLS], widths[BOOK_MAX_COLS];
    int n = layout(ui, idx, widths);
    int vis = rows_visible();
    if (ui->cur < ui->top)
        ui->top = ui->cur;
    if (ui->cur >= ui->top + (size_t)vis)
        ui->top = ui->cur - (size_t)vis + 1;
    draw_header(ui);
    move(2, 0);
    clrtoeol();
    int x = 1;
    for (int c = 0; c < n; c++) {
        const struct book_col *col = &ui->cols[idx[c]];
        put_fit(2, x, col->title, widths[c], col->right, idx[c] == ui->sort_col ? CLR_ACCENT : CLR_HEADER);
        x += widths[c] + 1;
    }
    if (ui->norder == 0) {
        for (int y = 3; y < LINES - 2; y++) {
            move(y, 0);
            clrtoeol();
        }
        put_fit(4, 2, "No accounts yet. Import a health-score export from the shell:", COLS - 3, false, CLR_NORMAL);
        put_fit(5, 4, "csm import FILE.csv", COLS - 5, false, CLR_ACCENT);
    } else {
        for (int r = 0; r < vis; r++)
            draw_row(ui, 3 + r, ui->top + (size_t)r, idx, widths, n);
    }
    attron(color_attr[CLR_DIM]);
    move(LINES - 2, 0);
    for (int k = 0; k < COLS; k++)
        addstr(ui->ascii ? "-" : "\xe2\x94\x80");
    attroff(color_attr[CLR_DIM]);
    draw_status(ui);
}

static bool portfolio_handle(struct ui *ui, enum action a, int key)
{
    (void)key;
    size_t vis = (size_t)rows_visible();
    size_t last = ui->norder ? ui->norder - 1 : 0;
    switch (a) {
    case A_UP: if (ui->cur > 0) ui->cur--; return true;
    case A_DOWN: if (ui->cur < last) ui->cur++; return true;
    case A_PAGE_UP: ui->cur = ui->cur > vis ? ui->cur - vis : 0; return true;
    case A_PAGE_DOWN: ui->cur = ui->cur + vis < last ? ui->cur + vis : last; return true;
    case A_HOME: ui->cur = 0; return true;
    case A_END: ui->cur = last; return true;
    case A_SORT_NEXT:
    case A_SORT_PREV:
        ui->sort_col = (ui->sort_col + (a == A_SORT_NEXT ? 1 : ui->ncols - 1)) % ui->ncols;
        /* Scores read best as worst-first; names alphabetically. */
        ui->sort_desc = ui->cols[ui->sort_col].kind == BC_FLAGS || ui->cols[ui->sort_col].kind == BC_ACV;
        sort_rows(ui);
        return true;
    case A_SORT_REVERSE:
        ui->sort_desc = !ui->sort_desc;
        sort_rows(ui);
        return true;
    case A_RELOAD:
        load(ui);
        snprintf(ui->message, sizeof ui->message, "reloaded: %zu accounts", ui->norder);
        return true;
    case A_BACK: ui->quit = true; return true;
    default: return false;
    }
}

static const struct screen portfolio_screen = {"Portfolio", portfolio_draw, portfolio_handle, NULL};

/* ---- the help screen ---- */

static void help_draw(struct ui *ui)
{
    (void)ui;
    erase();
    put_fit(0, 0, " csm: keys", COLS, false, CLR_TITLE);
    int y = 2;
    for (int i = 0; i < ui_nactions && y < LINES - 2; i++, y++) {
        put_fit(y, 2, ui_actions[i].key_label, 14, false, CLR_ACCENT);
        put_fit(y, 17, ui_actions[i].help, COLS - 18, false, CLR_NORMAL);
    }
    put_fit(LINES - 1, 0, " q/Esc back", COLS, false, CLR_DIM);
}

static bool help_handle(struct ui *ui, enum action a, int key)
{
    (void)key;
    if (a == A_BACK || a == A_HELP) {
        ui->screen = &portfolio_screen;
        return true;
    }
    return false;
}

static const struct screen help_screen = {"Help", help_draw, help_handle, NULL};

/* ---- the loop ---- */

static void draw(struct ui *ui)
{
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        erase();
        char msg[96];
        snprintf(msg, sizeof msg, "terminal too small (%dx%d): csm needs %dx%d", COLS, LINES, MIN_COLS, MIN_LINES);
        mvaddnstr(0, 0, msg, COLS);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    ui->screen->draw(ui);
    wnoutrefresh(stdscr);
    doupdate();
}

int ui_run(struct store *st, const struct ui_options *opt)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "csm: the interface needs a terminal (use csm list for plain output)\n");
        return 2;
    }
    struct ui ui;
    memset(&ui, 0, sizeof ui);
    ui.opt = opt;
    ui.st = st;
    ui.ncols = book_columns(opt->scoring, ui.cols);
    ui.sort_col = 0;
    for (int c = 0; c < ui.ncols; c++)
        if (ui.cols[c].kind == BC_FLAGS)
            ui.sort_col = c;
    ui.sort_desc = true;
    ui.screen = &portfolio_screen;
    ui.ascii = !(MB_CUR_MAX > 1);
    load(&ui);
    ui.cur = 0; /* the riskiest account first */

    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr) {
        fprintf(stderr, "csm: cannot start the interface on this terminal (TERM=%s)\n",
                getenv("TERM") ? getenv("TERM") : "unset");
        book_free(&ui.book);
        free(ui.order);
        return 1;
    }
    curses_on = 1;
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
    set_escdelay(25);
    curs_set(0);
    setup_colors();
    if (opt->mouse)
        mousemask(BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);

    while (!ui.quit) {
        draw(&ui);
        int key = getch();
        if (key == ERR)
            continue;
        ui.message[0] = '\0';
        if (key == KEY_RESIZE) {
            clear();
            continue;
        }
        enum action a = ui_action_for_key(key);
        if (ui.screen->handle(&ui, a, key))
            continue;
        if (a == A_QUIT_ALL)
            ui.quit = true;
        else if (a == A_HELP)
            ui.screen = &help_screen;
        else if (a == A_REDRAW)
            clearok(curscr, TRUE);
        else if (key == KEY_MOUSE) {
            MEVENT ev;
            if (getmouse(&ev) == OK && ui.screen == &portfolio_screen) {
                if (ev.bstate & BUTTON4_PRESSED)
                    portfolio_handle(&ui, A_UP, 0);
                else if (ev.bstate & BUTTON5_PRESSED)
                    portfolio_handle(&ui, A_DOWN, 0);
                else if (ev.y >= 3 && ev.y < 3 + rows_visible() && ui.top + (size_t)(ev.y - 3) < ui.norder)
                    ui.cur = ui.top + (size_t)(ev.y - 3);
            }
        }
    }
    restore_terminal();
    delscreen(scr);
    book_free(&ui.book);
    free(ui.order);
    return 0;
}
