/*
 * libFuzzer target for the extractor: any bytes as an article body. A
 * body that is valid UTF-8 without NUL bytes must extract, and every
 * promise of extract.h must hold (spans inside the body on character
 * boundaries, character offsets that agree with the bytes, ordinals in
 * order, duplicates pointing back, scores in [0, 1], texts valid UTF-8);
 * anything else must fail with CDK_ERR_INPUT. The first byte picks
 * whether a title and a published date are known.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "importers/extract/extract.h"
#include "importers/extract/segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_span(const char *body, size_t len, size_t s, size_t e, size_t cs,
           size_t ce)
{
    if (s > e || e > len)
        abort();
    if (s < len && ((unsigned char)body[s] & 0xC0) == 0x80)
        abort();
    if (e < len && ((unsigned char)body[e] & 0xC0) == 0x80)
        abort();
    if (cs != cdk_utf8_count(body, s) || ce != cdk_utf8_count(body, e))
        abort();
}

static void
check_text(const char *s)
{
    if (!s || !cdk_utf8_valid(s, strlen(s), NULL))
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cdk_article a;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_spans sp = CDK_SPANS_INIT;
    uint8_t mode = size ? data[0] : 0;
    char *body;
    size_t len = size ? size - 1 : 0, i, k;
    bool valid;
    int rc;

    body = cdk_xmalloc(len + 1);
    if (len)
        memcpy(body, data + 1, len);
    body[len] = '\0';
    valid = cdk_utf8_valid(body, len, NULL) && !memchr(body, '\0', len);

    cdk_article_init(&a);
    a.body = body;
    a.body_len = len;
    if (mode & 1)
        a.title = (char *)"A headline";
    if (mode & 2)
        a.published = (char *)"2023-03-22";
    rc = cdk_extract(&a, NULL, &x, &err);
    if (!valid) {
        if (rc != -1 || err.code != CDK_ERR_INPUT || x.nclaims)
            abort();
    } else {
        if (rc != 0)
            abort();
        for (i = 0; i < x.nclaims; i++) {
            const struct cdk_claim *c = &x.claims[i];
            check_span(body, len, c->start, c->end, c->cstart, c->cend);
            if (c->start == c->end)
                abort();
            check_text(c->text);
            check_text(c->sentence);
            if (c->ordinal != (int)i + 1 || c->duplicate_of < 0 ||
                c->duplicate_of >= c->ordinal)
                abort();
            if (!(c->score >= 0.0 && c->score <= 1.0))
                abort();
            if (c->claimant)
                check_text(c->claimant);
            for (k = 0; k < c->nentities; k++)
                check_span(body, len, c->entities[k].start,
                           c->entities[k].end, c->entities[k].cstart,
                           c->entities[k].cend);
        }
        for (i = 0; i < x.ndropped; i++) {
            const struct cdk_dropped *d = &x.dropped[i];
            check_span(body, len, d->start, d->end, d->cstart, d->cend);
            check_text(d->text);
            if (!d->reason)
                abort();
        }
        if (cdk_extract_sentences(body, len, &sp, &err) != 0)
            abort();
        for (i = 0; i < sp.n; i++)
            if (sp.v[i].start >= sp.v[i].end || sp.v[i].end > len)
                abort();
    }
    cdk_extraction_release(&x);
    cdk_spans_release(&sp);
    a.title = NULL;
    a.published = NULL;
    free(body);
    return 0;
}
