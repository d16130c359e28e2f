/*
 * UTF-8 helpers. Validation follows RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF. NUL bytes are valid UTF-8 here;
 * callers that cannot store them (PostgreSQL text) reject them themselves.
 */
#ifndef CDK_CORE_UTF8_H
#define CDK_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Decode one code point from s[0..len). Returns the number of bytes it
 * takes (1..4) and stores it in *cp; on an invalid or truncated sequence
 * returns 0 and stores U+FFFD.
 */
size_t cdk_utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Step over one code point of s[0..len) (len > 0): returns its width, at
 * least 1, and stores it in *cp; an invalid or truncated sequence counts
 * as one byte of U+FFFD. For scanners that must always move forward.
 */
size_t cdk_utf8_next(const char *s, size_t len, uint32_t *cp);

/* Append the UTF-8 encoding of cp (U+FFFD when cp is not a scalar value). */
void cdk_utf8_encode(struct cdk_buf *out, uint32_t cp);

/*
 * True when s[0..len) is valid UTF-8. On false, *bad (when not NULL) is
 * the byte offset of the first invalid sequence.
 */
bool cdk_utf8_valid(const char *s, size_t len, size_t *bad);

/*
 * The length of the ASCII prefix of s[0..len): the offset of the first
 * byte >= 0x80, or len when there is none.
 */
size_t cdk_utf8_ascii_prefix(const char *s, size_t len);

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t cdk_utf8_count(const char *s, size_t len);

/* Append s[0..len), read as Windows-1252, to out as UTF-8. */
void cdk_cp1252_to_utf8(struct cdk_buf *out, const char *s, size_t len);

#endif
