/*
 * Allocation that never returns NULL. Out of memory is the one condition
 * library code does not report through struct cdk_error: these helpers
 * print one line to stderr and exit(1), so callers never check.
 */
#ifndef CDK_CORE_MEM_H
#define CDK_CORE_MEM_H

#include <stddef.h>

/* malloc(n); n == 0 still returns a unique pointer. */
void *cdk_xmalloc(size_t n);
/* calloc(nmemb, size), overflow-checked. */
void *cdk_xcalloc(size_t nmemb, size_t size);
/* realloc(p, n). */
void *cdk_xrealloc(void *p, size_t n);
/* realloc(p, nmemb * size), overflow-checked. */
void *cdk_xreallocarray(void *p, size_t nmemb, size_t size);
/* strdup(s); s must not be NULL. */
char *cdk_xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated. */
char *cdk_xstrndup(const char *s, size_t n);
/* strdup that passes NULL through. */
char *cdk_xstrdup_or_null(const char *s);

/*
 * Grow array `x` (of element type *x) so that it holds at least `nr`
 * elements; `alloc` is its current capacity and is updated (git's
 * ALLOC_GROW).
 */
#define CDK_ALLOC_GROW(x, nr, alloc)                                           \
    do {                                                                       \
        if ((size_t)(nr) > (size_t)(alloc)) {                                  \
            size_t cdk_ag_n_ = (size_t)(alloc) < 8 ? 16 : (size_t)(alloc) * 2;\
            if (cdk_ag_n_ < (size_t)(nr))                                      \
                cdk_ag_n_ = (size_t)(nr);                                      \
            (x) = cdk_xreallocarray((x), cdk_ag_n_, sizeof(*(x)));             \
            (alloc) = cdk_ag_n_;                                               \
        }                                                                      \
    } while (0)

#endif
