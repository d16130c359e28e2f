/*
 * The extraction pipeline: an article in, its dropped boilerplate and its
 * claims out (DESIGN §2): clean -> boilerplate -> segment -> attribute ->
 * split -> classify and score -> link duplicates.
 *
 * Deterministic: the same article and options give the same result.
 * Offsets are exact, in bytes (`start`/`end`) and characters
 * (`cstart`/`cend`), into the article body as given.
 *
 * Which sentences become claims: every sentence of the content that
 * survives boilerplate removal, except questions, sentences of fewer
 * than three words, short sentences (under eight words) with neither a
 * verb-like word nor a figure
 * (headings and captions that slipped through), and sentences longer than
 * opts.max_sentence_bytes (a run-on line without punctuation is not a
 * claim anyone can check). Opinion and hedged sentences stay, with low
 * scores. A compound sentence gives several claims (split.h).
 *
 * Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_EXTRACT_H
#define CDK_IMPORTERS_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "core/claim.h"
#include "core/error.h"
#include "model.h"

struct cdk_extract_scratch;

struct cdk_extract_opts {
    const struct cdk_model *model; /* NULL: the bundled default model */
    size_t max_sentence_bytes;     /* 0: CDK_EXTRACT_MAX_SENTENCE */
    struct cdk_extract_scratch *scratch; /* NULL: buffers of its own */
};

#define CDK_EXTRACT_MAX_SENTENCE 4000
#define CDK_EXTRACT_OPTS_INIT {NULL, 0, NULL}

/*
 * Working buffers that one extraction hands to the next (the sentences'
 * views, the splitting's, the line and block lists...), so that a run
 * over many articles does not allocate them again for each: give the
 * same scratch in opts.scratch to every cdk_extract call. Nothing of an
 * extraction's result points into it, and what an extraction does is
 * the same with or without one. One scratch serves one cdk_extract at a
 * time (one per thread). What it keeps between articles is bounded: after
 * an article of more than 1 MB it gives all its buffers back (they are
 * made again on need), and it keeps the views of 64 sentences at most.
 * new never fails (out of memory ends the program, core/mem.h); free
 * takes NULL.
 */
struct cdk_extract_scratch *cdk_extract_scratch_new(void);
void cdk_extract_scratch_free(struct cdk_extract_scratch *s);

/* A line (or the credit part of one) dropped as boilerplate. */
struct cdk_dropped {
    char *text;         /* copy of the body bytes (in the arena) */
    const char *reason; /* static: "newsletter", "injected-headline", ... */
    size_t start, end;  /* bytes into the body */
    size_t cstart, cend; /* characters */
    long line;          /* 1-based line of the body */
};

/* A sentence of the content, as segmented. */
struct cdk_sentence {
    size_t start, end, cstart, cend;
    int para;  /* 0-based content block (a line or lines joined) */
    int nclaims; /* claims made from it */
};

/* What the extractor adds to each claim beyond struct cdk_claim. */
struct cdk_claim_info {
    size_t sentence;           /* index into sentences */
    size_t frame_start, frame_end; /* bytes: the clause the claim is in */
    bool item;                 /* one item of a split list */
    bool quote;                /* a direct quotation */
    uint64_t *key;             /* content key (classify.h), its hashes
                                * distinct, sorted or not; NULL when
                                * nkey is 0 */
    size_t nkey;               /* words in it */
    size_t key_chars;          /* their total length */
    uint64_t key_sig;          /* when key_sig_set: bit (h & 63) set for
                                * every hash h of key (else linking
                                * works it out) */
    bool key_sig_set;
};

/*
 * Ownership: the strings of the claims (text, sentence, claimant, cue),
 * their entity arrays with the entities' text and value, and the text of
 * the dropped lines, and the info keys live in the extraction's arena and
 * are freed all at once by cdk_extraction_release, never one by one (so
 * never call cdk_claim_release on these claims). The claims of one
 * sentence share its copy (their `sentence`). A struct copy shares them
 * all: release only one.
 */
struct cdk_extract_arena;

struct cdk_extraction {
    struct cdk_dropped *dropped;
    size_t ndropped;
    struct cdk_claim *claims; /* ordinals 1..nclaims in body order */
    size_t nclaims;
    struct cdk_claim_info *info; /* parallel to claims */
    struct cdk_sentence *sentences;
    size_t nsentences;
    size_t body_chars;
    struct cdk_extract_arena *arena; /* see above */
};

#define CDK_EXTRACTION_INIT {NULL, 0, NULL, 0, NULL, NULL, 0, 0, NULL}

/*
 * Extract the claims of article a (a->body[0..a->body_len)). o may be
 * NULL. *out must be initialised (CDK_EXTRACTION_INIT); it is filled on
 * success and left empty on failure. Returns 0, or -1 with err:
 * CDK_ERR_INPUT when the body is not valid UTF-8 or holds a NUL byte
 * (err->line is the body line), CDK_ERR_FAILURE when the default model
 * cannot be loaded.
 */
int cdk_extract(const struct cdk_article *a, const struct cdk_extract_opts *o,
                struct cdk_extraction *out, struct cdk_error *err);

void cdk_extraction_release(struct cdk_extraction *x);

/*
 * The last step of cdk_extract: set duplicate_of of every claim of x
 * whose content is that of an earlier one (list items with the same key;
 * other claims whose keys have a Jaccard similarity of 3/4 or more),
 * comparing each with the 400 claims before it. duplicate_of must be 0
 * on entry. For the tests; never fails.
 */
void cdk_extract_link_duplicates(struct cdk_extraction *x);

/*
 * Should part p of a sentence split in several parts become a claim (at
 * least three words, a verb-like word, a figure or eight words, not a
 * question)? v: what attribution read of the sentence (attribute.h), or
 * NULL. The part's text is normalised and tokenized again unless v's
 * tokens are those of the part (then they are read in place); plain:
 * always again, the reference the tests compare with. nm and tk are
 * scratch buffers. Never fails.
 */
struct cdk_attr_view;
struct cdk_part;
struct cdk_norm;
struct cdk_toks;
bool cdk_extract_part_claimable(const struct cdk_attr_view *v,
                                const struct cdk_part *p, bool plain,
                                struct cdk_norm *nm, struct cdk_toks *tk);

/*
 * Only the segmentation, for `claimdesk extract --sentences`: the
 * sentences of text[0..len) as byte spans, whitespace-trimmed, with every
 * line break treated as the segmenter treats it. Appends to *out (a
 * struct cdk_spans from segment.h). 0, or -1 with err on invalid input.
 */
struct cdk_spans;
int cdk_extract_sentences(const char *text, size_t len, struct cdk_spans *out,
                          struct cdk_error *err);

#endif
