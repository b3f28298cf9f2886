#ifndef CSM_PREFETCH_H
#define CSM_PREFETCH_H

/* Asks for the memory at p ahead of its use, for loops that walk a big
 * book in an order other than its own. A macro, not a function: GCC finds
 * a function of prefetches free of effects and drops its calls. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch((p), 0, 3)
#else
#define PREFETCH(p) ((void)(p))
#endif

#endif
