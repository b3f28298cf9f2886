/* The names and external ids a file has shown so far, to refuse one given twice. */
#include "import_int.h"

#include <stdlib.h>
#include <string.h>

#include "csm/arena.h"
#include "csm/text.h"

static size_t hash_str(const char *s, size_t *len)
{
    size_t h = 1469598103934665603u;
    const char *p = s;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    *len = (size_t)(p - s);
    return h;
}

long seen_add(struct seen *s, const char *key, long line)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        struct seen_entry *v = xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->slot[i].key)
                continue;
            size_t j = s->slot[i].hash & (cap - 1);
            while (v[j].key)
                j = (j + 1) & (cap - 1);
            v[j] = s->slot[i];
        }
        free(s->slot);
        s->slot = v;
        s->cap = cap;
        if (!s->keys)
            s->keys = arena_new();
    }
    size_t len, hv = hash_str(key, &len);
    size_t j = hv & (s->cap - 1);
    while (s->slot[j].key) {
        if (s->slot[j].hash == hv && strcmp(s->slot[j].key, key) == 0)
            return s->slot[j].line;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = (struct seen_entry){hv, line, arena_strndup(s->keys, key, len)};
    s->n++;
    return 0;
}

void seen_free(struct seen *s)
{
    free(s->slot);
    arena_free(s->keys);
}

