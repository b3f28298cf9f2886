/* The portfolio table without a terminal: filter, sort, search, columns and rows. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csm/prefetch.h"
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
    /* The accounts are judged in the book's order (one pass through memory),
     * the rows then picked in theirs: a million rows in milliseconds, not a
     * cache miss each. */
    unsigned char *match = xmalloc(b->n ? b->n : 1);
    for (size_t i = 0; i < b->n; i++)
        match[i] = ui_filter_match(b, i, filter);
    for (size_t p = 0; p < n; p++)
        if (match[all[p]])
            out[k++] = all[p];
    free(match);
    return k;
}

/* qsort has no context argument: the book whose names break ties, and
 * whether they are compared in reverse. */
static const struct book *tie_book;
static bool tie_desc;

static int compare_keys(const void *pa, const void *pb)
{
    const struct ui_sort_key *x = pa, *y = pb;
    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    if (tie_book) {
        int r = strcasecmp(tie_book->acc[x->i].name, tie_book->acc[y->i].name);
        if (r)
            return tie_desc ? -r : r;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

void ui_sort_keys(struct ui_sort_key *keys, size_t n, const struct book *names)
{
    tie_book = names;
    qsort(keys, n, sizeof *keys, compare_keys);
    tie_book = NULL;
}

static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* The first sixteen bytes of a name, folded as strcasecmp folds them, as two
 * numbers that order like the bytes (0 past the end, as a shorter name
 * sorts first; unsigned order carried into signed). */
static void name_key(const char *name, struct ui_sort_key *k)
{
    uint64_t w[2] = {0, 0};
    size_t j = 0;
    for (; j < 16 && name[j]; j++)
        w[j / 8] = w[j / 8] << 8 | fold((unsigned char)name[j]);
    for (; j < 16; j++)
        w[j / 8] <<= 8;
    k->k1 = (int64_t)(w[0] ^ UINT64_C(0x8000000000000000));
    k->k2 = (int64_t)(w[1] ^ UINT64_C(0x8000000000000000));
}

/* The sort key of a row for a column: the keys are compared, not the rows,
 * so a million rows sort in a fraction of a second. */
static void column_key(const struct book *b, size_t i, const struct book_col *col, struct ui_sort_key *k)
{
    const struct account *a = &b->acc[i];
    const struct verdict *v = &b->v[i];
    k->i = i;
    k->k2 = 0;
    switch (col->kind) {
    case BC_SEGMENT: k->k1 = v->segment; break;
    case BC_TERM: k->k1 = a->term_years; break;
    case BC_ACV: k->k1 = a->acv_cents; break;
    case BC_RENEWAL: k->k1 = v->months; break;
    case BC_TREND: k->k1 = v->trend; break;
    case BC_HEALTH: k->k1 = v->health; break;
    case BC_COMPONENT: k->k1 = a->score[col->comp]; break;
    case BC_FLAGS: {
        /* Risk first: churn severity, then any other flag, then the ACV at stake. */
        const struct flag *f = verdict_flag(v, FLAG_CHURN);
        k->k1 = f ? 10 + f->severity : v->nflags > 0;
        k->k2 = a->acv_cents;
        break;
    }
    default: k->k1 = 0; break;
    }
}

void ui_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n)
{
    /* Names sort on their first sixteen bytes as two numbers; only those
     * that share them are compared as strings. */
    bool names = col->kind == BC_NAME;
    struct ui_sort_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t p = 0; p < n; p++) {
        /* The rows come in their present order, the accounts in the book's:
         * fetch a few ahead rather than wait on memory for each. */
        if (p + 16 < n) {
            PREFETCH(&b->acc[idx[p + 16]]);
            PREFETCH(&b->v[idx[p + 16]]);
        }
        if (names && p + 8 < n)
            PREFETCH(b->acc[idx[p + 8]].name);
        if (names) {
            name_key(b->acc[idx[p]].name, &keys[p]);
            keys[p].i = idx[p];
            if (desc) {
                keys[p].k1 = ~keys[p].k1;
                keys[p].k2 = ~keys[p].k2;
            }
            continue;
        }
        column_key(b, idx[p], col, &keys[p]);
        if (desc) {
            keys[p].k1 = -keys[p].k1;
            keys[p].k2 = -keys[p].k2;
        }
    }
    tie_desc = names && desc;
    ui_sort_keys(keys, n, names ? b : NULL);
    tie_desc = false;
    for (size_t p = 0; p < n; p++)
        idx[p] = keys[p].i;
    free(keys);
}

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
    /* Every name is tried in the book's order (one pass through memory),
     * then the rows are walked in theirs: a search with no match in a
     * million accounts reads each name once, in order. */
    unsigned char *match = xmalloc(b->n ? b->n : 1);
    bool any = false;
    for (size_t i = 0; i < b->n; i++)
        any |= (match[i] = ui_name_matches(b->acc[i].name, needle)) != 0;
    long found = -1;
    /* Without `here`, the last step comes back to pos: it may be the only match. */
    size_t last = here ? n - 1 : n;
    for (size_t step = here ? 0 : 1; any && step <= last; step++) {
        size_t p = dir >= 0 ? (pos + step) % n : (pos + n - step % n) % n;
        if (match[idx[p]]) {
            if (wrapped)
                *wrapped = dir >= 0 ? pos + step >= n : step > pos;
            found = (long)p;
            break;
        }
    }
    free(match);
    return found;
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

size_t ui_clamp(long long pos, size_t n)
{
    if (n == 0 || pos < 0)
        return 0;
    return pos >= (long long)n ? n - 1 : (size_t)pos;
}

size_t ui_scroll_top(size_t cur, size_t top, size_t vis, size_t n)
{
    if (cur < top)
        top = cur;
    if (cur >= top + vis)
        top = cur - vis + 1;
    if (top + vis > n)
        top = n > vis ? n - vis : 0;
    return top;
}
