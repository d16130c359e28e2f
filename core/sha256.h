/*
 * SHA-256 (FIPS 180-4), for content hashes of article bodies: the
 * importer hashes the normalised body before extraction, so a duplicate is
 * recognised without extracting or writing anything.
 */
#ifndef CDK_CORE_SHA256_H
#define CDK_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CDK_SHA256_LEN 32

struct cdk_sha256 {
    uint32_t h[8];
    uint64_t nbytes;
    unsigned char block[64];
    size_t fill;
};

void cdk_sha256_init(struct cdk_sha256 *c);
void cdk_sha256_update(struct cdk_sha256 *c, const void *data, size_t len);
void cdk_sha256_final(struct cdk_sha256 *c, unsigned char out[CDK_SHA256_LEN]);
/* One-shot digest of data[0..len). */
void cdk_sha256(const void *data, size_t len,
                unsigned char out[CDK_SHA256_LEN]);
/* Lowercase hex of a digest into out (65 bytes, NUL-terminated). */
void cdk_sha256_hex(const unsigned char digest[CDK_SHA256_LEN],
                    char out[2 * CDK_SHA256_LEN + 1]);

#endif
