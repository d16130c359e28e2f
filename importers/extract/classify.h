/*
 * Classify a claim: its modality (how it is put forward), its type (what
 * kind of fact it is), a check-worthiness score that blends the model
 * with cue features, and the content key used to link the same claim
 * made twice in one article. Rules over the normalised claim text (see
 * classify.c for the word lists). Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_CLASSIFY_H
#define CDK_IMPORTERS_EXTRACT_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/claim.h"
#include "model.h"

/* Everything about one claim, from one pass over its tokens. */
struct cdk_classified {
    enum cdk_modality modality;
    enum cdk_claim_type type;
    double cue_score; /* [0, 1], see cdk_classify_score */
    uint64_t *key;    /* cdk_classify_claim only: the content key (owned):
                       * its distinct hashes in no set order (unlike
                       * cdk_classify_key's; cdk_classify_key_sort) */
    size_t nkey, key_chars;
    uint64_t key_sig; /* bit (h & 63) set for every hash h of key */
};

/*
 * Classify claim text t[0..n): `attributed` when someone other than the
 * article makes it, `quote` when it is a direct quotation, `cue` the
 * attribution cue or NULL. out->key is the text's content key (see
 * cdk_classify_key), its hashes distinct but not sorted; the caller
 * frees it.
 */
void cdk_classify_claim(const char *t, size_t n, bool attributed, bool quote,
                        const char *cue, struct cdk_classified *out);

/*
 * cdk_classify_claim with the claim's tokens already made: tk, offsets
 * into t (which may hold text around the claim; see cdk_toks_range),
 * each word's cls its cdk_lex_class and 0 for the other tokens. The same
 * result as classifying the text they span.
 */
struct cdk_toks;
void cdk_classify_claim_tokens(const char *t, size_t n,
                               const struct cdk_toks *tk,
                               bool attributed, bool quote, const char *cue,
                               struct cdk_classified *out);

/*
 * cdk_classify_claim_tokens with the key written to room, the caller's
 * array with room for tk->n + 1 hashes (out->key is room; out->nkey of
 * them are the key): nothing to free.
 */
void cdk_classify_claim_tokens_into(const char *t, size_t n,
                                    const struct cdk_toks *tk,
                                    bool attributed, bool quote,
                                    const char *cue, uint64_t *room,
                                    struct cdk_classified *out);

/* cdk_classify_claim the plain way, for the tests: the first tokenizer,
 * a lookup per word, every phrase scanned, the key made as first
 * written (cdk_classify_key_ref). It must give the same results. */
void cdk_classify_claim_ref(const char *t, size_t n, bool attributed,
                            bool quote, const char *cue,
                            struct cdk_classified *out);

/* 0.75 x the model's score of the claim + 0.25 x the cue score. */
double cdk_classify_blend(double model, double cue);

/*
 * Modality of claim text t[0..n) (normalised or not): denied, offered,
 * proposed, quoted opinion (a quotation without figures), predicted,
 * reported (attributed to someone), asserted.
 */
enum cdk_modality cdk_classify_modality(const char *t, size_t n,
                                        bool attributed, bool quote,
                                        const char *cue);

/* Type: prediction, law/rule, causal, quantity, event, other. */
enum cdk_claim_type cdk_classify_type(const char *t, size_t n,
                                      enum cdk_modality m);

/*
 * Check-worthiness in [0, 1]: 0.75 x the model's score of the claim text
 * + 0.25 x a cue score (figures, dates and names raise it; hedges,
 * opinion words and quoted opinion lower it). The sentence is not scored
 * again (one model call per claim keeps extraction fast); it is accepted
 * for callers that have it. m may be NULL: then only the cue score counts.
 */
double cdk_classify_score(const struct cdk_model *m, const char *claim,
                          size_t claim_len, const char *sentence,
                          size_t sentence_len, enum cdk_modality mod);

/*
 * The content key of a text: hashes of its lower-cased content words
 * (stopwords and punctuation dropped, a plural 's' cut), sorted and
 * unique. Returns the number of hashes; *out is malloc'd (free it).
 * *chars (when not NULL) gets the total length of those words.
 */
size_t cdk_classify_key(const char *t, size_t n, uint64_t **out,
                        size_t *chars);
/* The same as first written (a byte-by-byte test of what a word keeps),
 * for the tests. */
size_t cdk_classify_key_ref(const char *t, size_t n, uint64_t **out,
                            size_t *chars);

/* Sort the n hashes of a key (distinct or not) in place, ascending. */
void cdk_classify_key_sort(uint64_t *h, size_t n);

/* |A ∩ B| / |A ∪ B| of two sorted keys; 0 when either is empty. */
double cdk_classify_key_similarity(const uint64_t *a, size_t na,
                                   const uint64_t *b, size_t nb);

#endif
