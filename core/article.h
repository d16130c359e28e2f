/*
 * struct cdk_article: one article as a reader produced it, before and
 * after extraction. A plain record: every string is owned by the article
 * (free with cdk_article_release) and may be NULL when unknown, except
 * `body`, which is never NULL after a reader succeeds and is valid UTF-8
 * without NUL bytes.
 */
#ifndef CDK_CORE_ARTICLE_H
#define CDK_CORE_ARTICLE_H

#include <stddef.h>

struct cdk_article {
    char *title;
    char *url;
    char *outlet;
    char *author;
    char *published; /* as given; ISO 8601 when the reader could tell */
    char *language;
    char *body;
    size_t body_len; /* bytes */
    const char *format; /* "text", "markdown", "html", "json", "jsonl", "csv" */
    char *origin;       /* file name ("-" for standard input) */
    long line;          /* line in `origin` where the article starts, or 0 */
    char **warnings;    /* e.g. "not valid UTF-8; decoded as Windows-1252" */
    size_t nwarnings;
};

void cdk_article_init(struct cdk_article *a);
void cdk_article_release(struct cdk_article *a);
/* Append a warning (printf-style) to a->warnings. */
void cdk_article_warn(struct cdk_article *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Replace a string field: frees *field, stores a copy of value (or NULL). */
void cdk_article_set(char **field, const char *value);

#endif
