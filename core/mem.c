/*
 * Allocation wrappers that die on out-of-memory (see mem.h).
 */
#include "mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
die_oom(size_t n)
{
    fprintf(stderr, "claimdesk: fatal: out of memory allocating %zu bytes\n",
            n);
    exit(1);
}

void *
cdk_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *
cdk_xcalloc(size_t nmemb, size_t size)
{
    void *p;
    if (nmemb == 0 || size == 0)
        nmemb = size = 1;
    p = calloc(nmemb, size);
    if (!p)
        die_oom(nmemb * size);
    return p;
}

void *
cdk_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

void *
cdk_xreallocarray(void *p, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        die_oom(SIZE_MAX);
    return cdk_xrealloc(p, nmemb * size);
}

char *
cdk_xstrdup(const char *s)
{
    return cdk_xstrndup(s, strlen(s));
}

char *
cdk_xstrndup(const char *s, size_t n)
{
    char *p = cdk_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
cdk_xstrdup_or_null(const char *s)
{
    return s ? cdk_xstrdup(s) : NULL;
}
