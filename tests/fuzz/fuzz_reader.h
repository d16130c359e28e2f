/*
 * Shared by the reader fuzz targets: run cdk_read_buffer on the input
 * with a forced format and check what every article promises
 * (importers/reader.h): a non-empty body of body_len bytes, valid UTF-8
 * without NUL bytes, and bad input reported as CDK_ERR_INPUT with the
 * file set. The first input byte picks strict mode and a small size cap
 * so both paths are explored.
 */
#ifndef CDK_TESTS_FUZZ_FUZZ_READER_H
#define CDK_TESTS_FUZZ_FUZZ_READER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "importers/reader.h"

static int
fuzz_on_article(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    const char *const fields[] = {a->title,     a->url,      a->outlet,
                                  a->author,    a->published, a->language};
    size_t i;

    (void)arg;
    (void)err;
    if (!a->body || a->body_len == 0 || strlen(a->body) != a->body_len ||
        !cdk_utf8_valid(a->body, a->body_len, NULL) || !a->origin ||
        !a->format)
        abort();
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (fields[i] &&
            (!*fields[i] || !cdk_utf8_valid(fields[i], strlen(fields[i]), NULL)))
            abort();
    return 0;
}

static int
fuzz_on_bad(const struct cdk_error *e, void *arg)
{
    (void)arg;
    if (e->code != CDK_ERR_INPUT || !e->file[0] || !e->message[0])
        abort();
    return 0;
}

static inline void
fuzz_read(enum cdk_format format, const uint8_t *data, size_t size)
{
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    unsigned flags = size ? data[0] : 0;

    o.format = format;
    o.strict = flags & 1;
    o.max_article_bytes = (flags & 2) ? 64 : (size_t)1 << 20;
    if (cdk_read_buffer("fuzz", (const char *)data, size, &o,
                        fuzz_on_article, fuzz_on_bad, NULL, &err) != 0)
        abort(); /* memory input cannot fail to read; nothing stops it */
}

#endif
