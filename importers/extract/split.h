/*
 * Splitting compound claims. A content span (the sentence without its
 * attribution) becomes one or more parts, each readable on its own:
 *
 *  - coordinated clauses with their own verbs ("NATO severed ties, and the
 *    council went dark"; a lede line ending in ',' continued by a new
 *    sentence on the next line) give one part per clause;
 *  - a list after "including" / "such as" ("concessions, including X and
 *    Y") and "not just X but also Y" give one part per item, each keeping
 *    the shared frame: "Washington is dangling significant concessions,
 *    including X" and "... including Y".
 *
 * Offsets: a part's [start, end) is the span of its distinctive text in
 * the body: the clause for a clause part, the item alone for a list item
 * (so siblings never overlap; the frame is [frame_start, frame_end)).
 * Names and fixed pairs are not split ("Bloomberg and Axios", "NATO and
 * Moscow", "rock and roll"): a list of bare names stays whole, and "and"
 * splits clauses only when a subject and a verb follow it.
 * Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_SPLIT_H
#define CDK_IMPORTERS_EXTRACT_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

#include "clean.h"
#include "core/buf.h"
#include "lex.h"

struct cdk_part {
    char *text; /* the claim, readable alone; in the parts' text pool
                   (struct cdk_parts): never free it */
    size_t text_at;                /* its offset in the pool */
    size_t start, end;             /* bytes: the distinctive span */
    size_t frame_start, frame_end; /* bytes: the whole clause it came from */
    size_t head_end; /* bytes: end of the shared frame's head before the
                        items (list items), else `end` */
    char *key;   /* owned: the item text for list items, else NULL */
    bool item;   /* a list item (shares a frame with its siblings) */
};

/*
 * Parts, and what the splitting keeps from one call to the next: the
 * parts' texts, one after the other (each NUL-terminated) in `pool`, and
 * scratch buffers that only grow. A part's text stays valid until
 * cdk_parts_clear or cdk_parts_release; the keys are malloc'd, and freed
 * by them too.
 */
struct cdk_parts {
    struct cdk_part *v;
    size_t n, alloc;
    struct cdk_buf pool; /* the parts' texts */
    /* scratch for the splitting, kept for the next call */
    struct cdk_norm nm;
    struct cdk_toks tk;
    struct cdk_buf text;       /* a part's text while it is built */
    unsigned char *top;        /* split.c's per-byte and per-token arrays */
    size_t top_alloc;
    size_t *cand, cand_alloc;
    size_t *counts, counts_alloc;
};

#define CDK_PARTS_INIT                                                         \
    {0,    0, 0, CDK_BUF_INIT, CDK_NORM_INIT, CDK_TOKS_INIT, CDK_BUF_INIT, NULL, \
     0,    NULL, 0, NULL, 0}

/*
 * Split the content body[start..end) into parts appended to *out (not
 * cleared). Always appends at least one part for a non-empty span.
 * Never fails.
 */
void cdk_split_claim(const char *body, size_t start, size_t end,
                     struct cdk_parts *out);

/*
 * cdk_split_claim, given a normalised text t[0..n) with its tokens tk
 * (every word's cls filled; see cdk_toks_slice) in which the content,
 * normalised, may occur at offset a: its tokens are then taken from tk
 * instead of tokenizing it again. The same parts. t may be NULL.
 */
struct cdk_toks;
void cdk_split_claim_shared(const char *body, size_t start, size_t end,
                            const char *t, size_t n,
                            const struct cdk_toks *tk, size_t a,
                            struct cdk_parts *out);
/*
 * For the test suite: true when the scan of the normalised text t[0..n)
 * for clause cuts (where the top level is, which cue phrases occur, where
 * conjunctions may start) finds from its tokens what the byte-by-byte
 * reference finds; otherwise false and *where (when not NULL) is the
 * first offset whose level differs (0 when the phrases or starts do).
 */
bool cdk_split_scan_agrees(const char *t, size_t n, size_t *where);

/* Drop every part (and its text and key); the buffers are kept. */
void cdk_parts_clear(struct cdk_parts *p);
void cdk_parts_release(struct cdk_parts *p);

/*
 * A claim's text for body[start..end) as a clause part has it: each
 * whitespace run one space, no trailing space, ',' or ';'. Returns a new
 * string (free it); never fails.
 */
char *cdk_split_text(const char *body, size_t start, size_t end);

#endif
