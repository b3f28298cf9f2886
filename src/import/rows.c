/* Rows kept aside while the reader goes on: a report footer (skipped if
 * nothing but footers follows it), a row whose dates cannot be read until
 * its column settles the order. */
#include "import_int.h"

#include <stdlib.h>
#include <string.h>

#include "csm/text.h"

void rowset_add(struct rowset *s, const struct csv_row *row)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    struct held_row *h = &s->v[s->n++];
    h->line = row->line;
    h->n = row->n;
    h->field = xcalloc(row->n + 1, sizeof *h->field);
    h->len = xcalloc(row->n + 1, sizeof *h->len);
    for (size_t c = 0; c < row->n; c++) {
        h->field[c] = xmalloc(row->len[c] + 1);
        memcpy(h->field[c], row->field[c], row->len[c] + 1);
        h->len[c] = row->len[c];
    }
}

struct csv_row rowset_row(const struct rowset *s, size_t i)
{
    const struct held_row *h = &s->v[i];
    return (struct csv_row){h->line, h->n, h->field, h->len, 0, 0};
}

void rowset_free(struct rowset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        for (size_t c = 0; c < s->v[i].n; c++)
            free(s->v[i].field[c]);
        free(s->v[i].field);
        free(s->v[i].len);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}
