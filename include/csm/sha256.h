#ifndef CSM_SHA256_H
#define CSM_SHA256_H

/* SHA-256 (FIPS 180-4), to record which file an import read. */

#include <stddef.h>
#include <stdint.h>

struct sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* Writes the digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(struct sha256 *c, char out[65]);

#endif
