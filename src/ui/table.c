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

/* qsort has no context argument: the book and column whose texts break
 * ties, and whether they are compared in reverse. */
static const struct book *tie_book;
static const struct book_field *tie_field; /* the text column's field, or NULL: the names */
static int tie_comp;
static bool tie_desc;

static const char *tie_text(size_t i)
{
    if (!tie_field)
        return tie_book->acc[i].name;
    struct book_value v;
    tie_field->value(tie_book, i, tie_comp, &v);
    return v.type == BV_TEXT ? v.s : "";
}

static int compare_keys(const void *pa, const void *pb)
{
    const struct ui_sort_key *x = pa, *y = pb;
    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    if (tie_book) {
        int r = strcasecmp(tie_text(x->i), tie_text(y->i));
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

void ui_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n)
{
    /* The keys are compared, not the rows, so a million rows sort in a
     * fraction of a second; a text column's keys are its first sixteen
     * bytes, and only rows that share them are compared as strings. */
    bool ties = book_col_has_ties(col);
    struct ui_sort_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t p = 0; p < n; p++) {
        /* The rows come in their present order, the accounts in the book's:
         * fetch a few ahead rather than wait on memory for each. */
        if (p + 16 < n) {
            PREFETCH(&b->acc[idx[p + 16]]);
            PREFETCH(&b->v[idx[p + 16]]);
        }
        if (ties && p + 8 < n)
            PREFETCH(book_col_tie(b, idx[p + 8], col));
        int64_t k[2];
        book_col_key(b, idx[p], col, k);
        /* Reversed by complement, not negation: it cannot overflow. */
        keys[p] = (struct ui_sort_key){desc ? ~k[0] : k[0], desc ? ~k[1] : k[1], idx[p]};
    }
    tie_book = ties ? b : NULL;
    tie_field = &book_fields[col->def->fields[0]];
    tie_comp = col->comp;
    tie_desc = ties && desc;
    qsort(keys, n, sizeof *keys, compare_keys);
    tie_book = NULL;
    tie_field = NULL;
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

/* The least a column takes while the others are laid out. */
static int least(const struct book_col *col)
{
    return col->def->fit == BCW_FIXED ? col->def->width : col->def->min;
}

int ui_portfolio_layout(const struct book_col *cols, int ncols, int width, int *idx, int *widths)
{
    bool keep[BOOK_MAX_COLS];
    int fill = -1;
    for (int c = 0; c < ncols; c++) {
        keep[c] = true;
        if (cols[c].def->fit == BCW_FILL && fill < 0)
            fill = c;
    }
    for (;;) {
        /* The filling column (the name) takes what the others leave; while
         * that is less than it wants, the others go from the right. */
        int used = 0;
        for (int c = 0; c < ncols; c++)
            if (keep[c] && c != fill)
                used += least(&cols[c]) + 1;
        int fill_w = width - 1 - used - (fill >= 0 ? 1 : 0);
        int want = fill >= 0 ? cols[fill].def->min : 0;
        int drop = -1;
        for (int c = ncols - 1; c >= 0 && fill_w < want; c--)
            if (keep[c] && !cols[c].def->keep) {
                drop = c;
                break;
            }
        if (drop >= 0) {
            keep[drop] = false;
            continue;
        }
        if (fill >= 0 && fill_w > cols[fill].def->max)
            fill_w = cols[fill].def->max;
        int n = 0, x = 1;
        for (int c = 0; c < ncols; c++) {
            if (!keep[c])
                continue;
            const struct book_col_def *d = cols[c].def;
            idx[n] = c;
            widths[n] = d->width;
            if (c == fill)
                widths[n] = fill_w > 4 ? fill_w : 4;
            else if (d->fit == BCW_REST)
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
        ui_row_add(out, x, widths[c], col->def->right, idx[c] == sort_col ? CLR_ACCENT : CLR_HEADER, col->title);
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
        ui_row_add(out, x, widths[c], col->def->right, cell.color, cell.text);
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
