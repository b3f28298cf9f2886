#include "csm/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "csm/text.h"

#define ARENA_CHUNK ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

struct chunk {
    struct chunk *next;
    size_t used, cap;
    alignas(max_align_t) unsigned char data[];
};

/* A chunk and its header fill ARENA_CHUNK bytes exactly: whole huge pages. */
#define CHUNK_DATA (ARENA_CHUNK - sizeof(struct chunk))

struct arena {
    struct chunk *head;   /* the chunk being filled */
    struct chunk *big;    /* allocations larger than a chunk, one each */
    void **adopted;       /* blocks allocated elsewhere, freed with the arena */
    size_t nadopted;
};

struct arena *arena_new(void) { return xcalloc(1, sizeof(struct arena)); }

static struct chunk *chunk_new(size_t cap, struct chunk *next)
{
    struct chunk *c = xmalloc_large(sizeof *c + cap);
    c->next = next;
    c->used = 0;
    c->cap = cap;
    return c;
}

void *arena_alloc(struct arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size > CHUNK_DATA / 4) {
        a->big = chunk_new(size, a->big);
        return a->big->data;
    }
    /* Strings pack byte by byte, so the next aligned offset may be further on. */
    size_t off = a->head ? (a->head->used + align - 1) & ~(align - 1) : 0;
    if (!a->head || off > a->head->cap || a->head->cap - off < size) {
        a->head = chunk_new(CHUNK_DATA, a->head);
        off = 0;
    }
    a->head->used = off + size;
    return a->head->data + off;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    /* Strings need no alignment: pack them byte by byte. */
    if (n + 1 > CHUNK_DATA / 4) {
        char *p = arena_alloc(a, n + 1);
        memcpy(p, s, n);
        p[n] = '\0';
        return p;
    }
    if (!a->head || a->head->cap - a->head->used < n + 1)
        a->head = chunk_new(CHUNK_DATA, a->head);
    char *p = (char *)a->head->data + a->head->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->head->used += n + 1;
    return p;
}

static void chunks_free(struct chunk *c)
{
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
    }
}

void arena_adopt(struct arena *a, void *block)
{
    a->adopted = xrealloc(a->adopted, (a->nadopted + 1) * sizeof *a->adopted);
    a->adopted[a->nadopted++] = block;
}

void arena_free(struct arena *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nadopted; i++)
        free(a->adopted[i]);
    free(a->adopted);
    chunks_free(a->head);
    chunks_free(a->big);
    free(a);
}

void *xmalloc_large(size_t n)
{
    if (n < HUGE_PAGE)
        return xmalloc(n);
    void *p;
    size_t whole = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    if (posix_memalign(&p, HUGE_PAGE, whole) != 0)
        return xmalloc(n); /* reports the failure as xmalloc does */
#ifdef MADV_HUGEPAGE
    (void)madvise(p, whole, MADV_HUGEPAGE); /* advice: without it, ordinary pages */
#endif
    return p;
}
