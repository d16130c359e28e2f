/*
 * Small non-cryptographic hashing and the deterministic pseudo-random
 * generator the model and the word vectors share (content hashes use
 * core/sha256.h). All are fixed algorithms, so trained files are the same
 * on every machine: changing one changes every model trained with it.
 */
#ifndef CDK_CORE_HASH_H
#define CDK_CORE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The FNV-1a 64-bit offset basis: the `h` to start a new hash with. */
#define CDK_FNV1A_OFFSET 0xcbf29ce484222325ULL

/* splitmix64's finaliser: a bijective mix of the bits of z. */
static inline uint64_t
cdk_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* FNV-1a over s[0..n), continuing from h (CDK_FNV1A_OFFSET to start). */
static inline uint64_t
cdk_fnv1a(const char *s, size_t n, uint64_t h)
{
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* splitmix64: advance *state and return the next 64 random bits. */
static inline uint64_t
cdk_splitmix64(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15ULL;
    return cdk_mix64(*state);
}

#endif
