/*
 * Clean: the first stage of extraction. Checks that a body is UTF-8
 * without NUL bytes, finds its lines and paragraphs, converts byte
 * offsets to character offsets, and builds normalised copies of spans
 * for matching (curly quotes to straight ones, dashes to '-', odd spaces
 * to ' ', whitespace collapsed, zero-width characters removed) with a
 * map from every normalised byte back to the original body.
 *
 * Invariants: the original body is never modified or copied; every
 * offset handed out is a byte offset into it, on a character boundary.
 * Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_CLEAN_H
#define CDK_IMPORTERS_EXTRACT_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

/*
 * 0 when s[0..len) is valid UTF-8 without NUL bytes; otherwise -1 and err
 * (CDK_ERR_INPUT, with the 1-based line of the first bad byte in
 * err->line and its byte offset in the message).
 */
int cdk_clean_check(const char *s, size_t len, struct cdk_error *err);

/* One line of a body: [start, end) without the line break, trimmed. */
struct cdk_line {
    size_t start, end; /* bytes; start == end for a blank line */
    long lineno;       /* 1-based */
    int para;          /* 0-based paragraph (blank lines separate) */
    bool blank;        /* only whitespace */
};

struct cdk_lines {
    struct cdk_line *v;
    size_t n, alloc;
};

#define CDK_LINES_INIT {0, 0, 0}

/*
 * Split s[0..len) into lines (\n, \r\n or \r) and number the paragraphs.
 * Leading/trailing whitespace (ASCII and Unicode spaces) is trimmed from
 * each span. *out is reset first; free with cdk_lines_release.
 */
void cdk_clean_lines(const char *s, size_t len, struct cdk_lines *out);
void cdk_lines_release(struct cdk_lines *l);

/*
 * A normalised copy of a span, with a map from every normalised byte
 * back to the body (read it with cdk_norm_body / cdk_norm_span): byte i
 * stands for body offset map(i), and map(text.len) is the end of the
 * span. Bytes that stand for a collapsed run or a replaced character
 * map to the start of the original run or character.
 *
 * The map is kept as runs, not one offset per byte: run k covers
 * normalised bytes [run[k].at, run[k+1].at) (the last one up to
 * text.len), which map to run[k].body + (i - run[k].at), or all to
 * run[k].body when run[k].flat (the bytes of a multi-byte character or
 * of a replacement such as "..."). Plain text is one run.
 */
struct cdk_norm_run {
    size_t at;   /* first normalised byte of the run */
    size_t body; /* its body offset */
    bool flat;   /* every byte of the run maps to `body` */
};

struct cdk_norm {
    struct cdk_buf text;
    struct cdk_norm_run *run;
    size_t nrun, run_alloc;
    size_t end; /* map(text.len): the end of the span */
};

#define CDK_NORM_INIT {CDK_BUF_INIT, NULL, 0, 0, 0}

/*
 * Normalise body[start..end) into *out (reset first). Leading and
 * trailing whitespace is dropped. Invalid UTF-8 bytes are copied as '?'
 * (callers check first; this never fails).
 */
void cdk_clean_normalise(const char *body, size_t start, size_t end,
                         struct cdk_norm *out);
void cdk_norm_release(struct cdk_norm *n);

/* Byte offset in the body of normalised offset `i` (0 <= i <= len). */
size_t cdk_norm_body(const struct cdk_norm *n, size_t i);

/*
 * The body span [*bs, *be) of normalised text [a, b): spaces at both ends
 * are skipped and *be is the end of the character that byte b-1 came
 * from. An empty range gives an empty span at a.
 */
void cdk_norm_span(const struct cdk_norm *n, size_t a, size_t b, size_t *bs,
                   size_t *be);

/*
 * Byte-to-character offset conversion in O(1) per lookup after a linear
 * build (a checkpoint every 64 bytes; inside a block of plain ASCII a
 * character is a byte). `s` is borrowed.
 */
struct cdk_charidx {
    const char *s;
    size_t len;
    size_t *mark; /* characters before byte 64*k */
    size_t nmark;
    unsigned char *plain; /* 1 when block k holds no byte >= 0x80; in
                           * mark's allocation */
};

void cdk_charidx_init(struct cdk_charidx *ci, const char *s, size_t len);
size_t cdk_charidx_get(const struct cdk_charidx *ci, size_t byte);
void cdk_charidx_release(struct cdk_charidx *ci);

/* ASCII helpers used by the later stages (on normalised text). */
bool cdk_clean_is_word_byte(unsigned char c);
/* Case-insensitive: does s[0..len) start with the C string `w` as a word? */
bool cdk_clean_word_at(const char *s, size_t len, const char *w);
/* Case-insensitive substring search; returns the offset or (size_t)-1. */
size_t cdk_clean_find(const char *s, size_t len, const char *needle);

#endif
