#include "csm/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length and the
 * code point, or 0 when the bytes are not well-formed UTF-8. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        *cp = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        *cp = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        *cp = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return len;
}

bool text_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l) {
            if (bad)
                *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *text_fold_space(char *s)
{
    char *w = s;
    const char *r = s;
    while (is_space((unsigned char)*r))
        r++;
    while (*r) {
        if (is_space((unsigned char)*r)) {
            while (is_space((unsigned char)*r))
                r++;
            if (*r)
                *w++ = ' ';
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
    return s;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

void text_safe(const char *s, char *out, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    if (!len)
        return;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l || is_control(cp)) {
            if (o + 1 >= len)
                break;
            out[o++] = (l && (cp == '\t' || cp == '\n' || cp == '\r')) ? ' ' : '?';
            i += l ? l : 1;
            continue;
        }
        if (o + l >= len)
            break;
        memcpy(out + o, u + i, l);
        o += l;
        i += l;
    }
    out[o] = '\0';
}

void text_vformat_safe(char *out, size_t len, const char *fmt, va_list ap)
{
    char raw[4096];
    vsnprintf(raw, sizeof raw, fmt, ap);
    text_safe(raw, out, len);
}

void text_vsay(FILE *f, const char *fmt, va_list ap)
{
    char safe[4096];
    text_vformat_safe(safe, sizeof safe, fmt, ap);
    fprintf(f, "csm: %s\n", safe);
}

void text_say(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_vsay(f, fmt, ap);
    va_end(ap);
}

static int cp_width(uint32_t cp)
{
    if (is_control(cp))
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int w = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l) {
            w++;
            i++;
            continue;
        }
        w += cp_width(cp);
        i += l;
    }
    return w;
}

void text_fit(const char *s, int width, bool right, char *out, size_t len)
{
    char safe[1024];
    text_safe(s, safe, sizeof safe);
    int w = text_width(safe);
    size_t o = 0;
    if (w <= width) {
        int pad = width - w;
        if (right)
            for (; pad > 0 && o + 1 < len; pad--)
                out[o++] = ' ';
        size_t n = strlen(safe);
        if (o + n >= len)
            n = len - o - 1;
        memcpy(out + o, safe, n);
        o += n;
        for (; pad > 0 && o + 1 < len; pad--)
            out[o++] = ' ';
        out[o] = '\0';
        return;
    }
    /* Too wide: keep what fits in width-1 columns, then an ellipsis. */
    const unsigned char *u = (const unsigned char *)safe;
    size_t n = strlen(safe), i = 0;
    int used = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        int cw = cp_width(cp);
        if (used + cw > width - 1 || o + l + 4 >= len)
            break;
        memcpy(out + o, u + i, l);
        o += l;
        i += l;
        used += cw;
    }
    if (width >= 1 && o + 4 < len) {
        memcpy(out + o, "\xe2\x80\xa6", 3);
        o += 3;
        used++;
    }
    for (; used < width && o + 1 < len; used++)
        out[o++] = ' ';
    out[o] = '\0';
}

char *text_lower(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

static void oom(void)
{
    fputs("csm: out of memory\n", stderr);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void sb_init(struct strbuf *sb)
{
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb_init(sb);
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap * 2 : 64;
        while (cap < sb->len + n + 1)
            cap *= 2;
        sb->buf = xrealloc(sb->buf, cap);
        sb->cap = cap;
    }
    memcpy(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s) { sb_add(sb, s, strlen(s)); }

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sb_add(sb, tmp, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_add(sb, big, (size_t)n);
    free(big);
}

char *sb_take(struct strbuf *sb)
{
    char *s = sb->buf ? sb->buf : xstrdup("");
    sb_init(sb);
    return s;
}

bool text_clean(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l || is_control(cp))
            return false;
        i += l;
    }
    return true;
}

size_t text_put_utf8(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

/* Characters that show nothing: zero-width space, non-joiner and joiner,
 * word joiner, and a byte-order mark that is not the file's first. */
static bool is_invisible(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

/* White space a name may hold, the no-break kinds included. */
static bool is_name_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x00A0 ||
           cp == 0x202F || cp == 0x2007 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x205F ||
           cp == 0x3000;
}

char *text_strip_invisible(char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l)
            l = 1; /* not UTF-8: kept as it is, byte by byte */
        else if (is_invisible(cp)) {
            i += l;
            continue;
        }
        memmove(s + o, s + i, l);
        o += l;
        i += l;
    }
    s[o] = '\0';
    return s;
}

/* The name key, and with strip_marks the search key: accents gone too. */
static bool name_key(const char *name, char *out, size_t len, bool strip_marks)
{
    /* First the characters utf8proc has no option for: invisible ones go,
     * every kind of space is one space, runs of them one, none at the ends. */
    size_t n = strlen(name), i = 0, o = 0;
    char small[256]; /* most names: no allocation (book_find asks for every account) */
    char *buf = n < sizeof small ? small : xmalloc(n + 1);
    const unsigned char *u = (const unsigned char *)name;
    bool ascii = true, space = false;
    while (i < n) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l) {
            if (buf != small)
                free(buf);
            return false;
        }
        if (is_invisible(cp)) {
            i += l;
            continue;
        }
        if (is_name_space(cp)) {
            space = o > 0;
            i += l;
            continue;
        }
        if (space)
            buf[o++] = ' ';
        space = false;
        ascii &= cp < 0x80;
        memcpy(buf + o, name + i, l);
        o += l;
        i += l;
    }
    buf[o] = '\0';
    /* Then one form for the same text: NFC, case-folded beyond ASCII
     * ("Café" composed or not, "STRASSE" and "Straße"). ASCII needs only
     * its letters lowered, and most names are ASCII. */
    bool fits;
    if (ascii) {
        fits = o < len;
        if (fits)
            memcpy(out, text_lower(buf), o + 1);
    } else {
        utf8proc_uint8_t *folded = NULL;
        /* Marks are stripped from the decomposed form: "é" is "e" and U+0301. */
        utf8proc_option_t how = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
        if (strip_marks)
            how |= UTF8PROC_STRIPMARK;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)buf, 0, &folded, how);
        fits = m >= 0 && (size_t)m < len;
        if (fits)
            memcpy(out, folded, (size_t)m + 1);
        free(folded);
    }
    if (buf != small)
        free(buf);
    return fits;
}

bool text_name_key(const char *name, char *out, size_t len) { return name_key(name, out, len, false); }

bool text_search_key(const char *name, char *out, size_t len) { return name_key(name, out, len, true); }

/* ---- natural order: "Customer 2" before "Customer 10" ----
 *
 * A text in natural order reads as a stream of bytes: ASCII letters
 * lowered, every other byte as it is, and each run of digits as one byte
 * for its length (leading zeros left out, up to nine) then its digits. The
 * length byte lies among the digits' own ('0' + length), so a number sorts
 * against letters and punctuation as a digit does, and a shorter number
 * before a longer one. Comparing the streams is the order; their first
 * sixteen bytes are the sort key (text_natural_key), so the key and the
 * comparison never disagree. */

struct natural {
    const unsigned char *s;
    const unsigned char *digits; /* the digits of the run being read */
    size_t left;                 /* how many of them are still to come */
};

/* The stream's next byte, or -1 at its end. */
static int natural_next(struct natural *it)
{
    if (it->left) {
        it->left--;
        return *it->digits++;
    }
    unsigned char c = *it->s;
    if (!c)
        return -1;
    if (c < '0' || c > '9') {
        it->s++;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
    while (*it->s == '0')
        it->s++;
    it->digits = it->s;
    while (*it->s >= '0' && *it->s <= '9')
        it->s++;
    it->left = (size_t)(it->s - it->digits);
    return '0' + (int)(it->left < 9 ? it->left : 9);
}

int text_natural_cmp(const char *a, const char *b)
{
    struct natural x = {(const unsigned char *)a, NULL, 0}, y = {(const unsigned char *)b, NULL, 0};
    for (;;) {
        int ca = natural_next(&x), cb = natural_next(&y);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca < 0)
            return 0;
    }
}

void text_natural_key(const char *s, unsigned char out[TEXT_NATURAL_KEY])
{
    struct natural it = {(const unsigned char *)s, NULL, 0};
    size_t k = 0;
    for (int c; k < TEXT_NATURAL_KEY && (c = natural_next(&it)) >= 0;)
        out[k++] = (unsigned char)c;
    /* 0 past the end: a text that ends sorts before one that goes on. */
    memset(out + k, 0, TEXT_NATURAL_KEY - k);
}
