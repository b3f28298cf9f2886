/* The portfolio table without a terminal: filter, sort, search, columns and rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

size_t ui_owner_rows(const struct book *b, const char *owner, size_t *rows, size_t n)
{
    char want[UI_EDIT_MAX * 3 + 16], key[1024];
    if (!owner[0])
        return n;
    if (!text_search_key(owner, want, sizeof want))
        return 0;
    size_t k = 0;
    for (size_t p = 0; p < n; p++) {
        const char *o = b->acc[rows[p]].owner;
        if (o && text_search_key(o, key, sizeof key) && strcmp(key, want) == 0)
            rows[k++] = rows[p];
    }
    return k;
}

/* qsort has no context argument: the book whose names break ties. */
static const struct book *tie_book;

static int compare_keys(const void *pa, const void *pb)
{
    const struct ui_sort_key *x = pa, *y = pb;
    if (x->k1 != y->k1)
        return x->k1 < y->k1 ? -1 : 1;
    if (x->k2 != y->k2)
        return x->k2 < y->k2 ? -1 : 1;
    if (tie_book) {
        int r = text_natural_cmp(tie_book->acc[x->i].name, tie_book->acc[y->i].name);
        if (r)
            return r;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

void ui_sort_keys(struct ui_sort_key *keys, size_t n, const struct book *names)
{
    tie_book = names;
    qsort(keys, n, sizeof *keys, compare_keys);
    tie_book = NULL;
}

void ui_sort_rows(const struct book *b, const struct book_col *col, bool desc, size_t *idx, size_t n)
{
    book_sort_rows(b, col, desc, idx, n);
}

static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* True when the byte at s is the same in the name's search key: ASCII,
 * not a space the key folds (tabs, newlines, a run of spaces, one at the end). */
static inline bool plain_at(const unsigned char *s)
{
    return *s < 0x80 && !(*s >= '\t' && *s <= '\r') && !(*s == ' ' && (s[1] == ' ' || !s[1]));
}

/* key (a search key) within the name, the name's ASCII letters lowered as
 * they are read, in one pass: 1 found, 0 not, -1 when the name has a byte
 * its key would change before the answer is known (then the key decides).
 * Most names are ASCII and need no key made. */
static int ascii_find(const unsigned char *h, const unsigned char *key)
{
    if (*h == ' ')
        return -1; /* the key has no space at the start */
    for (; *h; h++) {
        if (!plain_at(h))
            return -1;
        if (fold(*h) != key[0])
            continue;
        size_t k = 1;
        while (key[k] && h[k] && plain_at(h + k) && fold(h[k]) == key[k])
            k++;
        if (!key[k])
            return 1;
        if (!h[k])
            return 0; /* the rest of the name is shorter than the needle */
        if (!plain_at(h + k))
            return -1;
    }
    return 0;
}

/* Whether the name holds key, a needle's search key (text_search_key):
 * case and accents folded, spaces of every kind one space. */
static bool name_holds(const char *name, const char *key)
{
    if (!key[0])
        return true;
    int r = ascii_find((const unsigned char *)name, (const unsigned char *)key);
    if (r >= 0)
        return r;
    char small[256];
    size_t len = strlen(name) * 3 + 16; /* folding can make a character three */
    char *buf = len <= sizeof small ? small : xmalloc(len);
    bool hit = text_search_key(name, buf, len) && strstr(buf, key) != NULL;
    if (buf != small)
        free(buf);
    return hit;
}

/* The needle's search key, in buf or allocated (*owned: free it); NULL
 * when it is not UTF-8 (nothing matches it). */
static char *needle_key(const char *needle, char *buf, size_t len, char **owned)
{
    *owned = NULL;
    size_t want = strlen(needle) * 3 + 16;
    if (want > len)
        buf = *owned = xmalloc(len = want);
    if (text_search_key(needle, buf, len))
        return buf;
    free(*owned);
    *owned = NULL;
    return NULL;
}

bool ui_name_matches(const char *name, const char *needle)
{
    char buf[256], *owned;
    const char *key = needle_key(needle, buf, sizeof buf, &owned);
    bool hit = key && name_holds(name, key);
    free(owned);
    return hit;
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
    char buf[256], *owned;
    const char *key = needle_key(needle, buf, sizeof buf, &owned);
    if (!key)
        return -1;
    /* Every name is tried in the book's order (one pass through memory),
     * then the rows are walked in theirs: a search with no match in a
     * million accounts reads each name once, in order. */
    unsigned char *match = xmalloc(b->n ? b->n : 1);
    bool any = false;
    for (size_t i = 0; i < b->n; i++)
        any |= (match[i] = name_holds(b->acc[i].name, key)) != 0;
    free(owned);
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
        /* The rightmost column that may go goes while the name has less
         * than its least, or (a `wide` column) less than it wants. */
        int drop = -1;
        for (int c = ncols - 1; c >= 0 && fill >= 0; c--)
            if (keep[c] && !cols[c].def->keep) {
                const struct book_col_def *fd = cols[fill].def;
                if (fill_w < (cols[c].def->wide && fd->want > fd->min ? fd->want : fd->min))
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
        /* The flags on a wide terminal: the first flag's reasons after the
         * markers, as many as the rest of the line holds. */
        int used = text_width(cell.text), room = widths[c] - used - 2;
        if (col->def->fields[0] == BF_FLAGS && b->v[i].nflags && !b->partial && room >= 16) {
            char text[1024];
            ui_flag_reasons(b, i, &b->v[i].flag[0], text, sizeof text);
            ui_row_add(out, x, used, false, cell.color, cell.text);
            ui_row_add(out, x + used + 2, room, false, CLR_DIM, text);
        } else {
            ui_row_add(out, x, widths[c], col->def->right, cell.color, cell.text);
        }
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
