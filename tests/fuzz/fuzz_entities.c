/*
 * libFuzzer target for entities and dates: the input is split into
 * sentences and each is searched, with a published date picked by the
 * input's first byte (none, a full date, a month, garbage, or the input's
 * next bytes). Entities must lie inside their sentence, come in order,
 * carry their own text, and have character offsets that match the bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "importers/extract/entities.h"
#include "importers/extract/segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const published[] = {
        NULL, "2023-03-23", "2023-01-01T00:00:00Z", "2024-02", "1999",
        "2023-12-31", "x", "2023-02-30",
    };
    const char *text = (const char *)data;
    const char *pub = size ? published[data[0] % 8] : NULL;
    char own[48];

    /* sometimes the published date is the input's own first bytes */
    if (size > 1 && data[0] % 8 == 6) {
        size_t n = size - 1 < sizeof(own) - 1 ? size - 1 : sizeof(own) - 1;
        memcpy(own, data + 1, n);
        own[n] = 0;
        pub = own;
    }
    struct cdk_spans sp = CDK_SPANS_INIT;
    size_t i, j, at = 0, cat = 0; /* character offset cat at byte at */

    cdk_segment_sentences(text, size, &sp);
    for (i = 0; i < sp.n; i++) {
        struct cdk_entity *v = NULL;
        size_t n = 0, alloc = 0, prev = sp.v[i].start, cstart;

        cat += cdk_utf8_count(text + at, sp.v[i].start - at);
        at = sp.v[i].start;
        cstart = cat;

        cdk_entities_find(text, sp.v[i].start, sp.v[i].end, cstart, pub, &v,
                          &n, &alloc);
        for (j = 0; j < n; j++) {
            const struct cdk_entity *e = &v[j];
            if (e->start < prev || e->start >= e->end ||
                e->end > sp.v[i].end || !e->text ||
                strlen(e->text) > e->end - e->start ||
                memcmp(e->text, text + e->start, strlen(e->text)) != 0)
                abort();
            if (e->cstart != cstart + cdk_utf8_count(text + sp.v[i].start,
                                                     e->start - sp.v[i].start) ||
                e->cend != e->cstart + cdk_utf8_count(text + e->start,
                                                      e->end - e->start))
                abort();
            if ((unsigned)e->kind > CDK_ENTITY_OTHER)
                abort();
            prev = e->start;
        }
        cdk_entities_free(v, n);
    }
    cdk_spans_release(&sp);
    return 0;
}
