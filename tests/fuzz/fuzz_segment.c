/*
 * libFuzzer target for the sentence segmenter: any bytes give spans that
 * are inside the input, in order, non-empty, trimmed of ASCII whitespace,
 * and the same on a second run. A broken invariant aborts (a crash for
 * libFuzzer); so do the sanitizers.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "importers/extract/segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct cdk_spans a = CDK_SPANS_INIT, b = CDK_SPANS_INIT;
    size_t i, prev = 0;

    cdk_segment_sentences(text, size, &a);
    for (i = 0; i < a.n; i++) {
        if (a.v[i].start < prev || a.v[i].start >= a.v[i].end ||
            a.v[i].end > size)
            abort();
        if (is_ws(text[a.v[i].start]) || is_ws(text[a.v[i].end - 1]))
            abort();
        prev = a.v[i].end;
    }
    /* appending keeps what was there and is deterministic */
    cdk_segment_sentences(text, size, &b);
    cdk_segment_sentences(text, size, &b);
    if (b.n != 2 * a.n)
        abort();
    for (i = 0; i < a.n; i++)
        if (memcmp(&a.v[i], &b.v[i], sizeof(a.v[i])) != 0 ||
            memcmp(&a.v[i], &b.v[a.n + i], sizeof(a.v[i])) != 0)
            abort();
    cdk_spans_release(&a);
    cdk_spans_release(&b);
    return 0;
}
