/*
 * Lifecycle and naming helpers for the domain records (article, claim).
 */
#include "article.h"
#include "claim.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

void
cdk_article_init(struct cdk_article *a)
{
    memset(a, 0, sizeof(*a));
}

void
cdk_article_release(struct cdk_article *a)
{
    size_t i;

    free(a->title);
    free(a->url);
    free(a->outlet);
    free(a->author);
    free(a->published);
    free(a->language);
    free(a->body);
    free(a->origin);
    for (i = 0; i < a->nwarnings; i++)
        free(a->warnings[i]);
    free(a->warnings);
    cdk_article_init(a);
}

void
cdk_article_warn(struct cdk_article *a, const char *fmt, ...)
{
    struct cdk_buf b = CDK_BUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    cdk_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    a->warnings = cdk_xreallocarray(a->warnings, a->nwarnings + 1,
                                    sizeof(*a->warnings));
    a->warnings[a->nwarnings++] = cdk_buf_detach(&b, NULL);
}

void
cdk_article_set(char **field, const char *value)
{
    free(*field);
    *field = cdk_xstrdup_or_null(value);
}

void
cdk_claim_init(struct cdk_claim *c)
{
    memset(c, 0, sizeof(*c));
}

void
cdk_claim_release(struct cdk_claim *c)
{
    size_t i;

    free(c->text);
    free(c->sentence);
    free(c->claimant);
    free(c->cue);
    for (i = 0; i < c->nentities; i++) {
        free(c->entities[i].text);
        free(c->entities[i].value);
    }
    free(c->entities);
    cdk_claim_init(c);
}

const char *
cdk_claimant_kind_name(enum cdk_claimant_kind k)
{
    static const char *const names[] = {"article", "person", "organisation",
                                        "outlet", "anonymous"};
    return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k]
                                                         : "article";
}

const char *
cdk_modality_name(enum cdk_modality m)
{
    static const char *const names[] = {"asserted",  "reported",
                                        "proposed",  "offered",
                                        "predicted", "denied",
                                        "quoted_opinion"};
    return (size_t)m < sizeof(names) / sizeof(names[0]) ? names[m]
                                                         : "asserted";
}

const char *
cdk_claim_type_name(enum cdk_claim_type t)
{
    static const char *const names[] = {"other", "quantity",   "event",
                                        "causal", "law", "prediction"};
    return (size_t)t < sizeof(names) / sizeof(names[0]) ? names[t] : "other";
}

const char *
cdk_entity_kind_name(enum cdk_entity_kind k)
{
    static const char *const names[] = {"person", "organisation", "place",
                                        "number", "date",         "other"};
    return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "other";
}
