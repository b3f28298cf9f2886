/* The order of a file's slash dates, settled column by column from the
 * whole column: a day above 12 anywhere settles it (13/5/2027 is
 * day/month), and a date that reads both ways (3/4/2027) waits until its
 * column is settled. A column that nothing settles is refused. */
#include "import_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"

bool field_is_date(int f)
{
    return f == F_RENEWAL_DATE || f == F_LAST_ASK || f == F_CUSTOMER_SINCE || f == F_SNAPSHOT_DATE;
}

void datecols_init(struct date_cols *d, int ncols)
{
    memset(d, 0, sizeof *d);
    d->n = ncols;
    d->order = xcalloc((size_t)ncols + 1, sizeof *d->order);
    d->line = xcalloc((size_t)ncols + 1, sizeof *d->line);
    d->example = xcalloc((size_t)ncols + 1, sizeof *d->example);
    d->waiting = xcalloc((size_t)ncols + 1, sizeof *d->waiting);
}

/* The cell, trimmed, in buf (dates are short: a longer cell is no date). */
static const char *cell(const struct csv_row *row, int c, char *buf, size_t len)
{
    if ((size_t)c >= row->n || row->len[c] >= len)
        return NULL;
    memcpy(buf, row->field[c], row->len[c] + 1);
    value_trim(buf);
    return buf;
}

bool datecols_scan(struct date_cols *d, const struct value_ctx *vc, const int *col_field, const struct csv_row *row,
                   bool *settled)
{
    *settled = false;
    bool wait = false;
    char buf[64];
    for (int c = 0; c < d->n; c++) {
        if (!field_is_date(col_field[c]) || d->order[c])
            continue;
        const char *v = cell(row, c, buf, sizeof buf);
        if (!v)
            continue;
        int order = value_date_order(vc, v);
        if (order) {
            d->order[c] = order;
            d->line[c] = row->line;
            snprintf(d->example[c], sizeof d->example[c], "%.23s", v);
            *settled = true;
        } else if (value_date_ambiguous(vc, v)) {
            wait = true;
            if (!d->waiting[c])
                d->waiting[c] = row->line;
        }
    }
    /* A date that waited may belong to a column this row has just settled. */
    if (wait && *settled) {
        wait = false;
        for (int c = 0; c < d->n && !wait; c++) {
            const char *v;
            wait = field_is_date(col_field[c]) && !d->order[c] && (v = cell(row, c, buf, sizeof buf)) &&
                   value_date_ambiguous(vc, v);
        }
    }
    return wait;
}

void datecols_ctx(const struct date_cols *d, int c, struct value_ctx *vc)
{
    if (d->order && d->order[c]) {
        vc->date_format = d->order[c];
        vc->date_source = DATE_FROM_COLUMN;
        vc->date_line = d->line[c];
        vc->date_example = d->example[c];
    } else {
        vc->date_format = DATE_AUTO;
    }
}

int datecols_agreed(const struct date_cols *d)
{
    int order = 0;
    for (int c = 0; c < d->n; c++) {
        if (!d->order[c])
            continue;
        if (order && order != d->order[c])
            return 0;
        order = d->order[c];
    }
    return order;
}

void datecols_free(struct date_cols *d)
{
    free(d->order);
    free(d->line);
    free(d->example);
    free(d->waiting);
    memset(d, 0, sizeof *d);
}
