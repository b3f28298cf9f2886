/* Rows: text fitted to columns with semantic colours, built without a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csm/text.h"
#include "csm/ui.h"

void ui_row_init(struct ui_row *r)
{
    r->n = 0;
    r->used = 0;
    r->text[0] = '\0';
}

int ui_row_add(struct ui_row *r, int x, int width, bool right, int color, const char *s)
{
    if (r->n >= UI_ROW_SPANS)
        return x;
    char safe[1024];
    if (width < 0) {
        text_safe(s, safe, sizeof safe);
        width = text_width(safe);
        s = safe;
    }
    if (width <= 0)
        return x;
    size_t room = sizeof r->text - r->used;
    /* text_fit needs up to four bytes a column and a few more. */
    if (room < 8)
        return x;
    if ((size_t)width * 4 + 4 > room)
        width = (int)((room - 4) / 4);
    char *out = r->text + r->used;
    text_fit(s, width, right, out, room);
    struct ui_span *sp = &r->span[r->n++];
    sp->x = x;
    sp->width = width;
    sp->color = color;
    sp->off = r->used;
    r->used += (unsigned)strlen(out) + 1;
    return x + width;
}

const char *ui_row_span_text(const struct ui_row *r, int k)
{
    return k >= 0 && k < r->n ? r->text + r->span[k].off : "";
}

void ui_row_plain(const struct ui_row *r, char *buf, size_t len)
{
    size_t o = 0;
    int col = 0;
    if (!len)
        return;
    buf[0] = '\0';
    /* Spans can be added in any order: take them from left to right. */
    int order[UI_ROW_SPANS];
    for (int k = 0; k < r->n; k++) {
        int j = k;
        while (j > 0 && r->span[order[j - 1]].x > r->span[k].x) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = k;
    }
    for (int k = 0; k < r->n; k++) {
        const struct ui_span *sp = &r->span[order[k]];
        for (; col < sp->x && o + 1 < len; col++)
            buf[o++] = ' ';
        const char *t = r->text + sp->off;
        size_t n = strlen(t);
        if (o + n + 1 > len)
            n = len - o - 1;
        memcpy(buf + o, t, n);
        o += n;
        col = sp->x + sp->width;
    }
    buf[o] = '\0';
}

int ui_row_color_of(const struct ui_row *r, const char *needle)
{
    for (int k = 0; k < r->n; k++)
        if (strstr(r->text + r->span[k].off, needle))
            return r->span[k].color;
    return -1;
}

struct ui_row *ui_lines_add(struct ui_lines *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->row = xrealloc(l->row, (size_t)l->cap * sizeof *l->row);
    }
    struct ui_row *r = &l->row[l->n++];
    ui_row_init(r);
    return r;
}

void ui_lines_free(struct ui_lines *l)
{
    free(l->row);
    l->row = NULL;
    l->n = l->cap = 0;
}

/* Length of the UTF-8 sequence that starts with byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t ui_wrap(const char *s, int width, size_t *next)
{
    size_t n = strlen(s), i = 0, last_space = 0;
    int used = 0;
    if (width < 1)
        width = 1;
    while (i < n) {
        size_t l = seq_len((unsigned char)s[i]);
        if (i + l > n)
            l = n - i;
        char ch[5];
        memcpy(ch, s + i, l);
        ch[l] = '\0';
        int w = text_width(ch);
        if (used + w > width)
            break;
        if (s[i] == ' ')
            last_space = i;
        used += w;
        i += l;
    }
    if (i >= n) {
        *next = n;
        return n;
    }
    /* Break at the last space when it keeps at least a third of the line. */
    if (last_space > 0 && s[i] != ' ' && (int)last_space * 3 >= width) {
        *next = last_space + 1;
        return last_space;
    }
    size_t end = i;
    while (i < n && s[i] == ' ')
        i++;
    *next = i;
    if (i == 0) { /* not even one character fits: take one anyway */
        size_t l = seq_len((unsigned char)s[0]);
        *next = l < n ? l : n;
        return *next;
    }
    return end;
}
