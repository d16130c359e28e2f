/*
 * Article readers: turn a file (or standard input, or a buffer) in one of
 * the supported formats into struct cdk_article records, one callback per
 * article, and report each bad article without stopping at it.
 *
 * Formats (DESIGN §2, issue 4):
 *   text, markdown  one article per file: optional front matter
 *                   (`Key: value` lines ended by a blank line, or fenced
 *                   by `---`), an optional headline line, then the body
 *   html            one article per file, parsed with libxml2's HTML
 *                   parser; body from article/main paragraph blocks,
 *                   metadata from <title>, og:/article: meta tags,
 *                   <meta name=author>, canonical link, JSON-LD
 *   json            one article object or an array of them
 *   jsonl           one article object per line, streamed
 *   csv             a header naming the columns, one article per record,
 *                   streamed (libcsv)
 * Article fields in JSON, JSON Lines and CSV: title, url, outlet, author,
 * published, language, body (CSV header names are case-insensitive, in any
 * order; other keys and columns are ignored).
 *
 * Text encoding: input is UTF-8 (a leading byte order mark is dropped).
 * Text that is not valid UTF-8 is decoded as Windows-1252 and the article
 * carries the warning "not valid UTF-8; decoded as Windows-1252" -- or,
 * with opts.strict, the article is rejected. A NUL byte makes a
 * whole-document file a "binary file"; in a JSON line or CSV record it
 * rejects that line or record.
 *
 * Bad input never stops a read by itself: each article that cannot be
 * read is reported to the `on_bad` callback as a struct cdk_error with
 * code CDK_ERR_INPUT, `file` set to the origin and `line` to where the
 * article (line, record, array element) starts (0 when the problem is
 * the file as a whole, such as an empty or binary file), and the reader
 * goes on with the next article when there is one. Messages are
 * lowercase and name the reason ("no article body", "binary file (NUL
 * byte at offset 12)", "field 'title' must be a string, not a number").
 *
 * None of these functions prints, exits or talks to the database.
 */
#ifndef CDK_IMPORTERS_READER_H
#define CDK_IMPORTERS_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/article.h"
#include "core/error.h"

enum cdk_format {
    CDK_FORMAT_AUTO = 0, /* detect from the name and the first bytes */
    CDK_FORMAT_TEXT,
    CDK_FORMAT_MARKDOWN,
    CDK_FORMAT_HTML,
    CDK_FORMAT_JSON,
    CDK_FORMAT_JSONL,
    CDK_FORMAT_CSV,
};

/* The `--format` name of f ("auto", "text", "markdown", "html", "json",
 * "jsonl", "csv"); a static string. */
const char *cdk_format_name(enum cdk_format f);

/*
 * Parse a `--format` value (case-insensitive; also accepted: "txt",
 * "md", "htm", "ndjson"). Returns 0 and stores *out, or -1 with
 * CDK_ERR_USAGE ("unknown format 'x'; expected one of ...").
 */
int cdk_format_parse(const char *name, enum cdk_format *out,
                     struct cdk_error *err);

/*
 * Guess the format of a file from its name (may be NULL or "-") and its
 * first bytes head[0..len). The extension decides when it is known
 * (.txt .text .md .markdown .htm .html .xhtml .json .jsonl .ndjson .csv,
 * case-insensitive); otherwise the content: markup -> html, '{' or '['
 * -> json (jsonl when the first line is a whole object and another
 * follows), a first line with commas naming a body column -> csv,
 * anything else -> text. Never returns CDK_FORMAT_AUTO.
 */
enum cdk_format cdk_format_detect(const char *name, const char *head,
                                  size_t len);

/* Default cap on one article's raw input, see cdk_read_opts. */
#define CDK_READ_MAX_ARTICLE_DEFAULT ((size_t)64 << 20)

struct cdk_read_opts {
    enum cdk_format format; /* CDK_FORMAT_AUTO: cdk_format_detect */
    bool strict;            /* reject invalid UTF-8 instead of decoding it */
    /* Command-line overrides: when not NULL they replace what the input
     * says, for every article read. */
    const char *outlet;
    const char *url;
    const char *published;
    /*
     * Largest article in bytes; 0 means CDK_READ_MAX_ARTICLE_DEFAULT.
     * It caps each body, and the whole file for text and HTML; a JSON
     * document, a JSON line or a CSV record may be four times as large
     * (escapes, other fields). Anything larger is reported bad ("article
     * is larger than N bytes", "line is longer than N bytes", ...).
     * Memory use stays proportional to this, not to the size of a JSON
     * Lines or CSV file.
     */
    size_t max_article_bytes;
};

/* Zero options: detect the format, lenient, no overrides, default cap. */
#define CDK_READ_OPTS_INIT {CDK_FORMAT_AUTO, false, NULL, NULL, NULL, 0}

/*
 * Called for every article read. The article is filled: body (never NULL,
 * non-empty, valid UTF-8, no NUL bytes) and body_len, the other fields or
 * NULL, format, origin, line and warnings. The callee may take any field
 * (set the pointer to NULL after taking it); the reader releases the rest
 * when the callback returns. Return 0 to go on, or -1 with err filled to
 * stop the read (cdk_read_* then returns -1 with that error).
 */
typedef int (*cdk_read_article_fn)(struct cdk_article *a, void *arg,
                                   struct cdk_error *err);

/*
 * Called for every bad article (or a bad file as a whole), with e->code
 * CDK_ERR_INPUT and e->file/e->line set. Return 0 to go on, -1 to stop
 * (cdk_read_* then returns -1 with a copy of e in its err).
 * When on_bad is NULL, the first bad article stops the read that way.
 */
typedef int (*cdk_read_bad_fn)(const struct cdk_error *e, void *arg);

/*
 * Read the file at `path` ("-" for standard input), calling on_article
 * for each article and on_bad for each bad one, in input order.
 * Returns 0 when the file was read to its end (even if articles in it
 * were bad, which on_bad was told about). Returns -1 with err filled
 * when the file cannot be read at all -- it does not exist, is a
 * directory, permission denied, a read error (CDK_ERR_INPUT, err->file
 * set) -- or when a callback stopped the read.
 */
int cdk_read_path(const char *path, const struct cdk_read_opts *o,
                  cdk_read_article_fn on_article, cdk_read_bad_fn on_bad,
                  void *arg, struct cdk_error *err);

/*
 * As cdk_read_path, for input already in memory: data[0..len) (need not
 * be NUL-terminated) read as if from a file called `name` (used for
 * format detection and as the articles' origin; NULL means "-").
 */
int cdk_read_buffer(const char *name, const char *data, size_t len,
                    const struct cdk_read_opts *o,
                    cdk_read_article_fn on_article, cdk_read_bad_fn on_bad,
                    void *arg, struct cdk_error *err);

/*
 * A list of input files, in the order they are to be read.
 * paths[i] are owned by the list.
 */
struct cdk_file_list {
    char **paths;
    size_t n;
    size_t alloc;
};

#define CDK_FILE_LIST_INIT {NULL, 0, 0}

/* Free the paths and the array; the list is left empty and reusable. */
void cdk_file_list_release(struct cdk_file_list *l);

/*
 * Expand command-line paths into the files to read, appending to *out:
 * "-" and regular files as given (in argument order, whatever
 * include_glob says); a directory is walked recursively and its files
 * are added in byte-wise sorted order of their names, directory by
 * directory, keeping those whose name matches include_glob (fnmatch(3);
 * a glob containing '/' is matched against the path below the directory;
 * NULL keeps every file). Names starting with '.' are skipped inside
 * directories; symbolic links are followed, directory loops are not.
 *
 * A path that cannot be listed (does not exist, permission denied, too
 * deep) is reported to on_bad (CDK_ERR_INPUT, file set) and skipped; with
 * on_bad NULL, or when it returns -1, the walk stops and returns -1 with
 * that error. Returns 0 otherwise. *out keeps what was added either way.
 */
int cdk_walk_paths(const char *const *paths, size_t npaths,
                   const char *include_glob, struct cdk_file_list *out,
                   cdk_read_bad_fn on_bad, void *arg, struct cdk_error *err);

#endif
