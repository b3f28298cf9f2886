/* A one-line editor for the prompts, on UTF-8 text, without a terminal. */
#include <string.h>

#include "csm/text.h"
#include "csm/ui.h"

static bool is_cont(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

static size_t prev_char(const struct ui_edit *e, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && is_cont(e->buf[pos]))
        pos--;
    return pos;
}

static size_t next_char(const struct ui_edit *e, size_t pos)
{
    if (pos >= e->len)
        return e->len;
    pos++;
    while (pos < e->len && is_cont(e->buf[pos]))
        pos++;
    return pos;
}

static void cut(struct ui_edit *e, size_t from, size_t to)
{
    memmove(e->buf + from, e->buf + to, e->len - to + 1);
    e->len -= to - from;
    e->pos = from;
}

void ui_edit_init(struct ui_edit *e, const char *text)
{
    e->len = 0;
    e->buf[0] = '\0';
    if (text) {
        size_t n = strlen(text);
        if (n >= sizeof e->buf)
            n = sizeof e->buf - 1;
        while (n > 0 && is_cont(text[n])) /* never cut a character in two */
            n--;
        memcpy(e->buf, text, n);
        e->buf[n] = '\0';
        e->len = n;
    }
    e->pos = e->len;
}

bool ui_edit_apply(struct ui_edit *e, int op, unsigned cp)
{
    size_t p;
    switch (op) {
    case UE_INSERT: {
        /* Control characters never enter the text: they would reach the terminal. */
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return false;
        char ch[4];
        size_t l = text_put_utf8(cp, ch);
        if (!l || e->len + l >= sizeof e->buf)
            return false;
        memmove(e->buf + e->pos + l, e->buf + e->pos, e->len - e->pos + 1);
        memcpy(e->buf + e->pos, ch, l);
        e->len += l;
        e->pos += l;
        return true;
    }
    case UE_LEFT: e->pos = prev_char(e, e->pos); return false;
    case UE_RIGHT: e->pos = next_char(e, e->pos); return false;
    case UE_HOME: e->pos = 0; return false;
    case UE_END: e->pos = e->len; return false;
    case UE_BACKSPACE:
        if (e->pos == 0)
            return false;
        cut(e, prev_char(e, e->pos), e->pos);
        return true;
    case UE_DELETE:
        if (e->pos >= e->len)
            return false;
        p = e->pos;
        cut(e, p, next_char(e, p));
        return true;
    case UE_KILL_START:
        if (e->pos == 0)
            return false;
        cut(e, 0, e->pos);
        return true;
    case UE_KILL_END:
        if (e->pos >= e->len)
            return false;
        e->buf[e->pos] = '\0';
        e->len = e->pos;
        return true;
    case UE_KILL_WORD:
        /* Like a shell: the spaces before the cursor, then the word before them. */
        if (e->pos == 0)
            return false;
        p = e->pos;
        while (p > 0 && e->buf[p - 1] == ' ')
            p--;
        while (p > 0 && e->buf[p - 1] != ' ')
            p--;
        cut(e, p, e->pos);
        return true;
    default:
        return false;
    }
}

size_t ui_edit_view(const struct ui_edit *e, int width, int *col)
{
    char head[UI_EDIT_MAX];
    size_t start = 0;
    if (width < 2)
        width = 2;
    for (;;) {
        size_t n = e->pos - start;
        memcpy(head, e->buf + start, n);
        head[n] = '\0';
        int w = text_width(head);
        /* Keep one column for the cursor at the end of the text. */
        if (w < width) {
            *col = w;
            return start;
        }
        start = next_char(e, start);
    }
}
