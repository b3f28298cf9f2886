#ifndef CSM_TEXT_H
#define CSM_TEXT_H

/* Strings: UTF-8 checks, safe display text, padding by display width. */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* True when s[0..n) is well-formed UTF-8 without overlongs or surrogates;
 * otherwise *bad is the offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);
/* Writes code point cp as UTF-8 into out (4 bytes of room); returns the
 * bytes written, 0 for a surrogate or a value beyond U+10FFFF. */
size_t text_put_utf8(unsigned cp, char *out);
/* True when s is valid UTF-8 without control characters (C0, DEL, C1):
 * fit to store as typed text. */
bool text_clean(const char *s);
/* Trims surrounding white space and folds every inner run of white space
 * (newlines included) into one space, in place. Returns s. */
char *text_fold_space(char *s);
/* Copies s into out (of len bytes) with terminal control characters (C0, DEL,
 * C1, and invalid bytes) replaced by '?', so the text is safe to print. */
void text_safe(const char *s, char *out, size_t len);
/* Formats a message and makes it safe as text_safe does: what every
 * message csm prints goes through, whatever its parts came from (a file
 * name, a value, SQLite's own error text). */
void text_vformat_safe(char *out, size_t len, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
/* Prints "csm: ", the message made safe, and a line end on f. */
void text_say(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void text_vsay(FILE *f, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Display width of UTF-8 text in terminal columns (wcwidth), controls count 1. */
int text_width(const char *s);
/* Writes s made safe, cut with "…" or padded with spaces to exactly `width`
 * columns, left or right aligned. out needs width*4+4 bytes at least. */
void text_fit(const char *s, int width, bool right, char *out, size_t len);
/* Lower-cases ASCII letters in place. */
char *text_lower(char *s);
/* The key an account's name is matched on, everywhere a name is looked up
 * (import, show, set, search): Unicode NFC and case folding (utf8proc),
 * no-break and other spaces as a space, runs of white space as one, none at
 * the ends, zero-width characters and stray byte-order marks left out. So
 * "Café" typed with a combining accent, "ACME\u00a0Corp" and "Acme\u200b
 * Corp" are the one account they look like. False when the name is not
 * UTF-8 or its key does not fit in len bytes. */
bool text_name_key(const char *name, char *out, size_t len);
/* The key a search matches on: the name key with accents left out too, so
 * "cafe" finds "Café" and "CAFÉ" (and an owner typed "Jose" is "José").
 * False as text_name_key. */
bool text_search_key(const char *name, char *out, size_t len);
/* Natural order, as a CSM reads names: "Customer 2" before "Customer 10",
 * ASCII letters without regard to case; <0, 0 or >0 as strcmp. Texts that
 * differ only in case or in leading zeros are equal. */
int text_natural_cmp(const char *a, const char *b);
/* The first TEXT_NATURAL_KEY bytes of the same order, as bytes compared
 * with memcmp (0 past the end): two texts whose keys differ compare as
 * their keys do. */
#define TEXT_NATURAL_KEY 16
void text_natural_key(const char *s, unsigned char out[TEXT_NATURAL_KEY]);
/* Removes zero-width characters and byte-order marks in place (a stored
 * name keeps its case, accents and spaces). Returns s. */
char *text_strip_invisible(char *s);
/* strdup that exits the program with a message when memory runs out. */
char *xstrdup(const char *s);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);

/* A growable byte buffer. */
struct strbuf {
    char *buf;
    size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Gives the buffer away as a NUL-terminated string; sb is empty again. */
char *sb_take(struct strbuf *sb);

#endif
