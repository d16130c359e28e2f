/*
 * Inside the readers (not for callers outside importers/): the reading
 * context every format reader gets, the input source it pulls bytes from,
 * and the format readers themselves. reader.c owns the context and the
 * source; text.c, html.c, json.c and csv.c each implement one format.
 *
 * A format reader turns the source into articles and hands each to
 * cdk_rctx_emit (which checks the fields, applies the overrides and calls
 * the caller's on_article) or reports a problem with cdk_rctx_bad. Both
 * return -1 when the read must stop (a callback said so); the format
 * reader then returns -1 at once. A format reader returns -1 only for
 * that or for an I/O error from the source (c->err filled either way).
 */
#ifndef CDK_IMPORTERS_READER_IMPL_H
#define CDK_IMPORTERS_READER_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/buf.h"
#include "importers/reader.h"

/* Bytes pulled from the source per read. */
#define CDK_READ_CHUNK ((size_t)64 << 10)

/*
 * Where the bytes come from: a file descriptor (fd >= 0) or memory. The
 * first bytes, already read for format detection, are served first.
 */
struct cdk_src {
    int fd;
    const char *mem; /* memory input when fd < 0 */
    size_t memlen;
    size_t mempos;
    char *head; /* bytes read ahead from fd */
    size_t headlen;
    size_t headpos;
};

struct cdk_rctx {
    const struct cdk_read_opts *opts;
    enum cdk_format format; /* the format being read (never AUTO) */
    const char *origin;     /* name for errors and articles ("-") */
    size_t max_article;     /* opts->max_article_bytes or the default */
    cdk_read_article_fn on_article;
    cdk_read_bad_fn on_bad;
    void *arg;
    struct cdk_error *err; /* filled when the read stops */
    struct cdk_src *src;
};

/*
 * Read up to cap bytes into buf. Returns the count (0 at end of input)
 * or -1 with c->err filled on a read error.
 */
ssize_t cdk_src_read(struct cdk_rctx *c, char *buf, size_t cap);

/*
 * Append the rest of the input to out, at most max bytes. Returns 0, 1
 * when the input is larger than max (out then holds max bytes or a
 * little more), or -1 on a read error.
 */
int cdk_src_slurp(struct cdk_rctx *c, struct cdk_buf *out, size_t max);

/*
 * Report a bad article starting at `line` (0: the file as a whole) to the
 * caller's on_bad. Returns 0 to go on, -1 to stop (c->err filled).
 */
int cdk_rctx_bad(struct cdk_rctx *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Finish an article a reader filled (any field may be NULL, the body
 * included; bytes as found in the input): trims title and metadata,
 * applies the command-line overrides, checks each string for NUL bytes
 * and UTF-8 (decoding Windows-1252 with a warning, or rejecting with
 * strict), rejects an empty body or one over the size cap, sets format,
 * origin and line, and calls on_article. Always releases *a. Returns 0
 * to go on (the article was delivered or reported bad), -1 to stop.
 */
int cdk_rctx_emit(struct cdk_rctx *c, struct cdk_article *a, long line);

/*
 * Make doc[0..len) valid UTF-8 for a whole-document reader: drops a
 * UTF-8 byte order mark, rejects NUL bytes ("binary file") and, for
 * invalid UTF-8, either rejects (strict) or re-decodes as Windows-1252
 * and sets *decoded. Returns 0 (doc rewritten in place when needed),
 * 1 when the file was reported bad (the caller returns 0), or -1 to stop.
 */
int cdk_rctx_fix_document(struct cdk_rctx *c, struct cdk_buf *doc,
                          bool *decoded);

/* The warning recorded on an article decoded as Windows-1252. */
extern const char cdk_read_cp1252_warning[];

/* True for the ASCII whitespace the readers trim. */
static inline bool
cdk_read_isspace(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f' || ch == '\v';
}

/* The format readers: read all of c->src. */
int cdk_read_text(struct cdk_rctx *c);
int cdk_read_html(struct cdk_rctx *c);
int cdk_read_json(struct cdk_rctx *c);
int cdk_read_jsonl(struct cdk_rctx *c);
int cdk_read_csv(struct cdk_rctx *c);

#endif
