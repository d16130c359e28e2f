/*
 * Sentence segmentation. Works on byte offsets into the caller's text and
 * never copies it: a sentence is a half-open span [start, end) with
 * surrounding whitespace excluded. Handles abbreviations (Mr., Gov., U.S.,
 * a.m., Inc., Jan.), initials, decimals and money, quotations that end or
 * continue a sentence, ellipses, parentheses, em-dash asides, lists and a
 * missing space after a full stop. Deterministic, linear in the input,
 * no allocation beyond the output array; any bytes are accepted.
 */
#ifndef CDK_IMPORTERS_EXTRACT_SEGMENT_H
#define CDK_IMPORTERS_EXTRACT_SEGMENT_H

#include <stddef.h>

struct cdk_span {
    size_t start, end; /* bytes, half open */
};

struct cdk_spans {
    struct cdk_span *v;
    size_t n, alloc;
};

#define CDK_SPANS_INIT {0, 0, 0}

/*
 * Append the sentences of text[0..len) to *out (which is not cleared).
 * Offsets are relative to `text`. Never fails.
 */
void cdk_segment_sentences(const char *text, size_t len,
                           struct cdk_spans *out);

/*
 * cdk_segment_sentences without its fast paths: every byte goes through
 * the state machine one step at a time. The same spans; the reference
 * the tests compare the fast version with.
 */
void cdk_segment_sentences_plain(const char *text, size_t len,
                                 struct cdk_spans *out);

void cdk_spans_release(struct cdk_spans *s);

#endif
