/*
 * cdk_buf: growable strings (see buf.h for the invariants).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

char cdk_buf_empty[1];

void
cdk_buf_init(struct cdk_buf *b, size_t hint)
{
    b->buf = cdk_buf_empty;
    b->len = 0;
    b->alloc = 0;
    b->max = 0;
    if (hint)
        cdk_buf_grow(b, hint);
}

void
cdk_buf_release(struct cdk_buf *b)
{
    size_t max = b->max;

    if (b->alloc)
        free(b->buf);
    cdk_buf_init(b, 0);
    b->max = max;
}

void
cdk_buf_grow(struct cdk_buf *b, size_t extra)
{
    size_t want;

    if (b->len + extra + 1 <= b->alloc)
        return;
    want = b->alloc < 64 ? 64 : b->alloc;
    while (want < b->len + extra + 1)
        want *= 2;
    if (!b->alloc) {
        b->buf = cdk_xmalloc(want);
        b->buf[0] = '\0';
    } else {
        b->buf = cdk_xrealloc(b->buf, want);
    }
    b->alloc = want;
}

void
cdk_buf_reset(struct cdk_buf *b)
{
    cdk_buf_setlen(b, 0);
}

void
cdk_buf_setlen(struct cdk_buf *b, size_t len)
{
    if (!b->alloc) {
        if (len == 0)
            return;
        cdk_buf_grow(b, len);
    }
    b->len = len;
    b->buf[len] = '\0';
}

char *
cdk_buf_detach(struct cdk_buf *b, size_t *len)
{
    char *s;

    if (!b->alloc)
        cdk_buf_grow(b, 0);
    s = b->buf;
    if (len)
        *len = b->len;
    cdk_buf_init(b, 0);
    return s;
}

static int
over_max(const struct cdk_buf *b, size_t extra)
{
    return b->max && (extra > b->max || b->len > b->max - extra);
}

int
cdk_buf_add(struct cdk_buf *b, const void *data, size_t len)
{
    if (over_max(b, len))
        return -1;
    if (!len)
        return 0;
    cdk_buf_grow(b, len);
    memcpy(b->buf + b->len, data, len);
    cdk_buf_setlen(b, b->len + len);
    return 0;
}

int
cdk_buf_adds(struct cdk_buf *b, const char *s)
{
    return cdk_buf_add(b, s, strlen(s));
}

int
cdk_buf_addch(struct cdk_buf *b, int c)
{
    char ch = (char)c;
    return cdk_buf_add(b, &ch, 1);
}

int
cdk_buf_vaddf(struct cdk_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return -1;
    if (over_max(b, (size_t)n)) {
        if (b->alloc)
            b->buf[b->len] = '\0';
        return -1;
    }
    if (b->len + (size_t)n + 1 > b->alloc) {
        cdk_buf_grow(b, (size_t)n);
        va_copy(cp, ap);
        vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, cp);
        va_end(cp);
    }
    cdk_buf_setlen(b, b->len + (size_t)n);
    return 0;
}

int
cdk_buf_addf(struct cdk_buf *b, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = cdk_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return r;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

void
cdk_buf_trim(struct cdk_buf *b)
{
    size_t start = 0, end = b->len;

    while (end > 0 && is_space(b->buf[end - 1]))
        end--;
    while (start < end && is_space(b->buf[start]))
        start++;
    if (start)
        memmove(b->buf, b->buf + start, end - start);
    cdk_buf_setlen(b, end - start);
}
