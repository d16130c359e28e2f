/*
 * struct cdk_claim: one checkable claim extracted from an article body.
 *
 * Offsets: `start`/`end` are byte offsets into the article body (half
 * open), `cstart`/`cend` the same span in characters (code points), which
 * is what JSON output and the database store. The kind/modality/type
 * names below are the exact strings the schema's CHECK constraints accept.
 */
#ifndef CDK_CORE_CLAIM_H
#define CDK_CORE_CLAIM_H

#include <stddef.h>

enum cdk_claimant_kind {
    CDK_CLAIMANT_ARTICLE = 0, /* the article itself says it */
    CDK_CLAIMANT_PERSON,
    CDK_CLAIMANT_ORGANISATION,
    CDK_CLAIMANT_OUTLET,
    CDK_CLAIMANT_ANONYMOUS,
};

enum cdk_modality {
    CDK_MODALITY_ASSERTED = 0,
    CDK_MODALITY_REPORTED,
    CDK_MODALITY_PROPOSED,
    CDK_MODALITY_OFFERED,
    CDK_MODALITY_PREDICTED,
    CDK_MODALITY_DENIED,
    CDK_MODALITY_QUOTED_OPINION,
};

enum cdk_claim_type {
    CDK_TYPE_OTHER = 0,
    CDK_TYPE_QUANTITY,
    CDK_TYPE_EVENT,
    CDK_TYPE_CAUSAL,
    CDK_TYPE_LAW,
    CDK_TYPE_PREDICTION,
};

enum cdk_entity_kind {
    CDK_ENTITY_PERSON = 0,
    CDK_ENTITY_ORGANISATION,
    CDK_ENTITY_PLACE,
    CDK_ENTITY_NUMBER,
    CDK_ENTITY_DATE,
    CDK_ENTITY_OTHER,
};

struct cdk_entity {
    enum cdk_entity_kind kind;
    char *text;
    size_t start, end;   /* bytes into the body */
    size_t cstart, cend; /* characters into the body */
    char *value;         /* normalised value (ISO date, number), or NULL */
};

struct cdk_claim {
    int ordinal;          /* 1-based, in body order */
    char *text;           /* the claim, readable on its own */
    char *sentence;       /* the sentence it came from, as in the body */
    size_t start, end;    /* bytes: the span of the claim's content */
    size_t cstart, cend;  /* the same in characters */
    char *claimant;       /* who makes it; NULL means the article itself */
    enum cdk_claimant_kind claimant_kind;
    char *cue;            /* "according to", "told the press", or NULL */
    enum cdk_modality modality;
    enum cdk_claim_type type;
    double score;         /* check-worthiness in [0, 1] */
    int duplicate_of;     /* ordinal of the canonical claim, 0 when none */
    struct cdk_entity *entities;
    size_t nentities, entities_alloc;
};

void cdk_claim_init(struct cdk_claim *c);
void cdk_claim_release(struct cdk_claim *c);

const char *cdk_claimant_kind_name(enum cdk_claimant_kind k);
const char *cdk_modality_name(enum cdk_modality m);
const char *cdk_claim_type_name(enum cdk_claim_type t);
const char *cdk_entity_kind_name(enum cdk_entity_kind k);

#endif
