/*
 * Boilerplate: classify every line of a body as content or junk, with a
 * reason. Works on features of each line (length, stopword density,
 * capitalisation, terminal punctuation, a cue lexicon, position) and of
 * its neighbours (a jusText-style pass lets short uncertain lines follow
 * the lines around them), not on a list of exact strings.
 *
 * A line may be cut in two: a photo credit that runs into a real caption
 * ("PixelsEffect via Getty Images Diabetics may need ...") gives a junk
 * block for the credit and a content block for the rest.
 *
 * Reasons (static strings): "title", "advertisement", "related-link",
 * "read-more", "newsletter", "follow-us", "copyright", "photo-credit",
 * "widget", "footer", "injected-headline", "heading", "fragment",
 * "list-item" (a short line among short lines: fixtures, ingredients),
 * "byline", "contact", "navigation", "social-embed" (a pasted tweet),
 * "donation" (a membership or donation appeal). Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_BOILERPLATE_H
#define CDK_IMPORTERS_EXTRACT_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "clean.h"

struct cdk_bp_block {
    size_t start, end; /* bytes into the body, trimmed */
    long lineno;       /* 1-based line of the body */
    int para;          /* paragraph number (clean.h) */
    bool junk;
    const char *reason; /* NULL for content */
};

struct cdk_bp_blocks {
    struct cdk_bp_block *v;
    size_t n, alloc;
};

#define CDK_BP_BLOCKS_INIT {0, 0, 0}

/*
 * Classify the non-blank lines of body (found by cdk_clean_lines) into
 * blocks in body order; *out is reset first. `title_known` says the
 * reader already took the headline out of the body (so the first line is
 * not taken for one). Never fails.
 */
void cdk_boilerplate_classify(const char *body, const struct cdk_lines *lines,
                              bool title_known, struct cdk_bp_blocks *out);
void cdk_bp_blocks_release(struct cdk_bp_blocks *b);

/*
 * "NEXT Weather: 4 p.m. weather report WCCO meteorologist Mike
 * Augustyniak says ...": a page's headline (title, known from the
 * reader), scraped again at the start of the caption it heads. A content
 * block of *bp among the first three that opens with the whole title (of
 * 12 bytes or more) and goes on with a new sentence (a capital, a digit,
 * a quotation mark) is cut in two: the title as a junk block (reason
 * "title"), the rest as content. At most one block is cut.
 */
void cdk_boilerplate_cut_title(const char *body, const char *title,
                               struct cdk_bp_blocks *bp);

/*
 * Classify one line on its own (no neighbours, not first): the reason it
 * is junk, or NULL for content. For tests and the import preview.
 */
const char *cdk_boilerplate_line_reason(const char *line, size_t len);

#endif
