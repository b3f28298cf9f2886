/* The portfolio table without a terminal: filter, sort, search, columns and rows. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csm/text.h"
#include "csm/ui.h"

const char *ui_filter_name(int filter)
{
    static const char *const names[UI_FILTER_COUNT] = {"all",        "churn", "expansion", "case study",
                                                       "red health", "amber health", "green health"};
    return filter >= 0 && filter < UI_FILTER_COUNT ? names[filter] : "all";
}

bool ui_filter_match(const struct book *b, size_t i, int filter)
{
    const struct verdict *v = &b->v[i];
    switch (filter) {
    case UI_FILTER_CHURN: return verdict_flag(v, FLAG_CHURN) != NULL;
    case UI_FILTER_EXPANSION: return verdict_flag(v, FLAG_EXPANSION) != NULL;
    case UI_FILTER_ADVOCACY: return verdict_flag(v, FLAG_ADVOCACY) != NULL;
    case UI_FILTER_RED: return v->health >= 0 && v->band == BAND_RED;
    case UI_FILTER_AMBER: return v->health >= 0 && v->band == BAND_AMBER;
    case UI_FILTER_GREEN: return v->health >= 0 && v->band == BAND_GREEN;
    default: return true;
    }
}

size_t ui_filter_rows(const struct book *b, int filter, const size_t *all, size_t n, size_t *out)
{
    size_t k = 0;
    if (filter == UI_FILTER_ALL) {
        memmove(out, all, n * sizeof *out);
        return n;
    }
    for (size_t p = 0; p < n; p++)
        if (ui_filter_match(b, all[p], filter))
            out[k++] = all[p];
    return k;
}

/* qsort has no context argument: the sort in progress. */
static const struct book *sort_book;
static const struct book_col *sort_by;
static bool sort_desc;

static int compare_rows(const void *pa, const void *pb)
{
    const struct book *b = sort_book;
    size_t a = *(const size_t *)pa, c = *(const size_t *)pb;
    const struct account *x = &b->acc[a], *y = &b->acc[c];
    const struct verdict *vx = &b->v[a], *vy = &b->v[c];
    long long kx = 0, ky = 0;
    int r = 0;
    switch (sort_by->kind) {
    case BC_NAME: r = strcasecmp(x->name, y->name); break;
    case BC_SEGMENT: kx = vx->segment; ky = vy->segment; break;
    case BC_TERM: kx = x->term_years; ky = y->term_years; break;
    case BC_ACV: kx = x->acv_cents; ky = y->acv_cents; break;
    case BC_RENEWAL: kx = vx->months; ky = vy->months; break;
    case BC_TREND: kx = vx->trend; ky = vy->trend; break;
    case BC_HEALTH: kx = vx->health; ky = vy->health; break;
    case BC_COMPONENT: kx = x->score[sort_by->comp]; ky = y->score[sort_by->comp]; break;
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
    if (sort_desc)
        r = -r;
    if (!r)
        r = a < c ? -1 : a > c; /* stable: import order breaks ties */
    return r;
}

void ui_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n)
{
    sort_book = b;
    sort_by = col;
    sort_desc = desc;
    qsort(idx, n, sizeof *idx, compare_rows);
}

static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

bool ui_name_matches(const char *name, const char *needle)
{
    const unsigned char *h = (const unsigned char *)name, *n = (const unsigned char *)needle;
    if (!*n)
        return true;
    unsigned char first = fold(n[0]);
    for (; *h; h++) {
        if (fold(*h) != first)
            continue;
        size_t k = 1;
        while (n[k] && h[k] && fold(h[k]) == fold(n[k]))
            k++;
        if (!n[k])
            return true;
        if (!h[k])
            return false; /* the rest of the name is shorter than the needle */
    }
    return false;
}

long ui_search(const struct book *b, const size_t *idx, size_t n, const char *needle, size_t pos, int dir,
               bool here, bool *wrapped)
{
    if (wrapped)
        *wrapped = false;
    if (n == 0 || !needle || !*needle)
        return -1;
    if (pos >= n)
        pos = n - 1;
    /* Without `here`, the last step comes back to pos: it may be the only match. */
    size_t last = here ? n - 1 : n;
    for (size_t step = here ? 0 : 1; step <= last; step++) {
        size_t p = dir >= 0 ? (pos + step) % n : (pos + n - step % n) % n;
        if (ui_name_matches(b->acc[idx[p]].name, needle)) {
            if (wrapped)
                *wrapped = dir >= 0 ? pos + step >= n : step > pos;
            return (long)p;
        }
    }
    return -1;
}

int ui_portfolio_layout(const struct book_col *cols, int ncols, int width, int *idx, int *widths)
{
    bool keep[BOOK_MAX_COLS];
    int flags_min = 7;
    for (int c = 0; c < ncols; c++)
        keep[c] = true;
    for (;;) {
        int used = 0;
        for (int c = 1; c < ncols; c++)
            if (keep[c])
                used += (cols[c].kind == BC_FLAGS ? flags_min : cols[c].width) + 1;
        int name_w = width - 2 - used;
        int drop = -1;
        for (int c = ncols - 1; c > 1 && name_w < 11; c--)
            if (keep[c] && cols[c].kind != BC_FLAGS) {
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
        for (int c = 0; c < ncols; c++) {
            if (!keep[c])
                continue;
            idx[n] = c;
            widths[n] = c == 0 ? (name_w > 4 ? name_w : 4) : cols[c].width;
            if (cols[c].kind == BC_FLAGS)
                widths[n] = width - 1 - x > 1 ? width - 1 - x : 1;
            x += widths[n] + 1;
            n++;
        }
        return n;
    }
}

void ui_portfolio_header(const struct book_col *cols, const int *idx, const int *widths, int n, int sort_col,
                         struct ui_row *out)
{
    ui_row_init(out);
    int x = 1;
    for (int c = 0; c < n; c++) {
        const struct book_col *col = &cols[idx[c]];
        ui_row_add(out, x, widths[c], col->right, idx[c] == sort_col ? CLR_ACCENT : CLR_HEADER, col->title);
        x += widths[c] + 1;
    }
}

void ui_portfolio_row(const struct book *b, size_t i, const struct book_col *cols, const int *idx, const int *widths,
                      int n, bool ascii, struct ui_row *out)
{
    ui_row_init(out);
    int x = 1;
    for (int c = 0; c < n; c++) {
        struct cell cell;
        const struct book_col *col = &cols[idx[c]];
        book_cell(b, i, col, ascii, &cell);
        ui_row_add(out, x, widths[c], col->right, cell.color, cell.text);
        x += widths[c] + 1;
    }
}
