/*
 * cdk_buf: a growable byte string (after git's strbuf).
 *
 * Invariants: `buf` is never NULL and always NUL-terminated at buf[len]
 * (an initialised, empty cdk_buf points at a shared static ""); `len`
 * excludes the terminator; `alloc` is 0 exactly when `buf` is that static
 * string. A cdk_buf may hold NUL bytes inside [0, len).
 *
 * `max`, when non-zero, caps `len`: an append that would pass it appends
 * nothing and returns -1 (so text from outside can be bounded); every
 * other append returns 0. Allocation failure exits (see mem.h).
 */
#ifndef CDK_CORE_BUF_H
#define CDK_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

extern char cdk_buf_empty[];

struct cdk_buf {
    char *buf;
    size_t len;
    size_t alloc;
    size_t max;
};

#define CDK_BUF_INIT {cdk_buf_empty, 0, 0, 0}

/* Initialise to empty, reserving `hint` bytes when non-zero. */
void cdk_buf_init(struct cdk_buf *b, size_t hint);
/* Free the contents; `b` is left empty and reusable. */
void cdk_buf_release(struct cdk_buf *b);
/* Make sure `extra` more bytes fit without reallocation. */
void cdk_buf_grow(struct cdk_buf *b, size_t extra);
/* Truncate to len 0, keeping the allocation. */
void cdk_buf_reset(struct cdk_buf *b);
/* Set the length (<= current length + available room) and terminate. */
void cdk_buf_setlen(struct cdk_buf *b, size_t len);
/* Hand the string to the caller (free() it) and reset `b`. */
char *cdk_buf_detach(struct cdk_buf *b, size_t *len);

/* Append `len` bytes / a C string / one byte / formatted text. */
int cdk_buf_add(struct cdk_buf *b, const void *data, size_t len);
int cdk_buf_adds(struct cdk_buf *b, const char *s);
int cdk_buf_addch(struct cdk_buf *b, int c);
int cdk_buf_addf(struct cdk_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cdk_buf_vaddf(struct cdk_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Strip ASCII whitespace from both ends. */
void cdk_buf_trim(struct cdk_buf *b);

#endif
