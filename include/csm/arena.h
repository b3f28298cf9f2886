#ifndef CSM_ARENA_H
#define CSM_ARENA_H

/* An arena: many small allocations freed together. A book of a million
 * accounts keeps its names and histories in one, so that loading it is not
 * millions of malloc calls and freeing it is a handful of free calls. */

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Never fails (exits like xmalloc when memory runs out); aligned for any type. */
void *arena_alloc(struct arena *a, size_t size);
/* A copy of the n bytes at s, NUL-terminated. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Makes a block from malloc or xmalloc_large the arena's, freed with it. */
void arena_adopt(struct arena *a, void *block);
/* Frees everything; a NULL arena is nothing to free. */
void arena_free(struct arena *a);

/* A large block (the accounts of a big book) that asks the kernel for huge
 * pages where it can: a million accounts then cost a few hundred page faults,
 * not tens of thousands. Freed with free(); never fails, like xmalloc. */
void *xmalloc_large(size_t n);


#endif
