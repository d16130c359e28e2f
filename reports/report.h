/*
 * Reports (DESIGN §6): one row per claim, streamed from the database to a
 * sink that writes one format.
 *
 * A sink is an interface of three calls -- begin (the columns), row (one
 * row's values), end (the row count) -- with one implementation per
 * format: csv, json, jsonl, markdown. A new format (claimreview) is a new
 * sink; the query and the loop stay as they are. Sinks buffer their
 * output and write it to a FILE in large pieces; a failed write (a full
 * disk) fails the call that made it.
 *
 * The report query reads through a cursor (db/stream.h), so memory does
 * not grow with the number of rows: one batch of rows in libpq, one row's
 * worth of formatting, and the output buffer.
 */
#ifndef CDK_REPORTS_REPORT_H
#define CDK_REPORTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/error.h"

struct cdk_db;

enum cdk_report_format {
    CDK_REPORT_CSV = 0,
    CDK_REPORT_JSON,
    CDK_REPORT_JSONL,
    CDK_REPORT_MARKDOWN,
    CDK_REPORT_CLAIMREVIEW, /* named, not yet written: sink_new refuses it */
};

/*
 * Parse a format name ("csv", "json", "jsonl", "markdown" or "md",
 * "claimreview"). 0, or -1 with CDK_ERR_USAGE naming the formats.
 */
int cdk_report_format_parse(const char *name, enum cdk_report_format *out,
                            struct cdk_error *err);
const char *cdk_report_format_name(enum cdk_report_format format);

/* How a column's text is to be read (the database sends text). */
enum cdk_report_kind {
    CDK_REPORT_KIND_TEXT,    /* a string */
    CDK_REPORT_KIND_INT,     /* an integer */
    CDK_REPORT_KIND_REAL,    /* a float8 in shortest exact form */
    CDK_REPORT_KIND_NUMERIC, /* a numeric: integer or decimal */
    CDK_REPORT_KIND_TIME,    /* timestamptz in UTC, ISO 8601 on output */
    CDK_REPORT_KIND_URLS,    /* a JSON array of strings */
    CDK_REPORT_KIND_JSON,    /* a JSON array of objects */
};

struct cdk_report_column {
    const char *name;
    enum cdk_report_kind kind;
};

/*
 * One row for a sink: values[i] is column i's text (NUL-terminated) or
 * NULL for SQL NULL, lengths[i] its length. Borrowed for the call only.
 */
struct cdk_report_row {
    const char *const *values;
    const size_t *lengths;
};

struct cdk_report_sink;

struct cdk_report_sink_ops {
    const char *name;
    /* The columns (borrowed; they outlive the sink). Header, "[", ... */
    int (*begin)(struct cdk_report_sink *sink, struct cdk_error *err);
    int (*row)(struct cdk_report_sink *sink, const struct cdk_report_row *row,
               struct cdk_error *err);
    /* After the last row; `nrows` rows were written. Flushes. */
    int (*end)(struct cdk_report_sink *sink, size_t nrows,
               struct cdk_error *err);
    /* Free the format's state (not the sink itself). */
    void (*release)(struct cdk_report_sink *sink);
};

/*
 * A sink: its operations, where it writes, its buffer, and the columns it
 * was begun with. Fields are for sink implementations (reports/sink_*.c).
 */
struct cdk_report_sink {
    const struct cdk_report_sink_ops *ops;
    FILE *out;                            /* borrowed */
    struct cdk_buf buf;                   /* pending output */
    const struct cdk_report_column *cols; /* set by cdk_report_sink_begin */
    size_t ncols;
    size_t rows; /* rows written so far */
    void *state; /* the format's own */
};

/*
 * A new sink writing `format` to `out` (borrowed: the caller closes it).
 * NULL with CDK_ERR_USAGE for a format that is not available yet.
 * Free with cdk_report_sink_free.
 */
struct cdk_report_sink *cdk_report_sink_new(enum cdk_report_format format,
                                            FILE *out, struct cdk_error *err);

/*
 * Drive a sink by hand (cdk_report_write does this): begin with the
 * columns (borrowed for the sink's life), one row per call, end with the
 * flush. Each returns 0 or -1 with err (CDK_ERR_FAILURE "could not write
 * the report: <reason>" when the output failed).
 */
int cdk_report_sink_begin(struct cdk_report_sink *sink,
                          const struct cdk_report_column *cols, size_t ncols,
                          struct cdk_error *err);
int cdk_report_sink_row(struct cdk_report_sink *sink,
                        const struct cdk_report_row *row,
                        struct cdk_error *err);
int cdk_report_sink_end(struct cdk_report_sink *sink, struct cdk_error *err);

/* Free the sink and its buffer (NULL is allowed); `out` stays open. */
void cdk_report_sink_free(struct cdk_report_sink *sink);

/* The claim report's columns, in order (DESIGN §6); *n gets the count. */
const struct cdk_report_column *cdk_report_columns(size_t *n);

/*
 * Which claims a report covers; NULL members do not filter.
 *   status    one status or several separated by commas ("new,checkworthy")
 *   since     the article's publication time (its import time when it has
 *             none) is at or after this date/time (UTC unless it says)
 *   until     ... at or before it; a bare date YYYY-MM-DD covers that day
 *   outlet    the outlet's name or domain, case-insensitively
 *   article   an article id (decimal)
 *   reviewer  the reviewer of the claim's current verdict
 */
struct cdk_report_filter {
    const char *status;
    const char *since;
    const char *until;
    const char *outlet;
    const char *article;
    const char *reviewer;
};

/*
 * Check a filter before running it: status names, that the dates parse
 * (asking the server when db is not NULL), that article is a positive
 * integer. 0, or -1 with CDK_ERR_USAGE and a message naming the option
 * ("--since: ..."). Talks to the DB when db is not NULL.
 */
int cdk_report_filter_check(struct cdk_db *db,
                            const struct cdk_report_filter *filter,
                            struct cdk_error *err);

/*
 * The report's SQL, with $1..$n parameters, and the text values of the
 * parameters for `filter` into params[0..CDK_REPORT_NPARAMS) (pointing
 * into `filter` or static strings). For auditing (report --show-sql) and
 * the benchmark's "same query".
 */
#define CDK_REPORT_NPARAMS 7
const char *cdk_report_sql(const struct cdk_report_filter *filter,
                           const char *params[CDK_REPORT_NPARAMS]);

/*
 * Run the report for `filter` and write every row to `sink` (begin, rows
 * in claim id order, end), streaming: memory stays flat whatever the row
 * count. In one read-only transaction, times in UTC. *nrows (may be NULL)
 * gets the row count. 0 or -1 with err (from the server, or the sink's
 * write error); the transaction is rolled back on failure. Talks to the
 * DB.
 */
int cdk_report_write(struct cdk_db *db, const struct cdk_report_filter *filter,
                     struct cdk_report_sink *sink, size_t *nrows,
                     struct cdk_error *err);

/*
 * An output file replaced atomically: written to a temporary file beside
 * `path`, then fsync'ed and renamed over it by cdk_report_file_commit, or
 * removed by cdk_report_file_abort. A reader never sees half a report.
 */
struct cdk_report_file {
    FILE *fp; /* write here */
    char *path;
    char *tmp;
};

/* Create the temporary file. 0 or -1 with err (CDK_ERR_FAILURE). */
int cdk_report_file_open(struct cdk_report_file *f, const char *path,
                         struct cdk_error *err);
/* Flush, fsync, close and rename into place. 0, or -1 (and the
 * temporary file removed) with err. */
int cdk_report_file_commit(struct cdk_report_file *f, struct cdk_error *err);
/* Close and remove the temporary file (safe after commit or twice). */
void cdk_report_file_abort(struct cdk_report_file *f);

/*
 * Helpers shared by the sinks (reports/sink.c).
 */
/* Append the pending output to the file when it is large (or `force`). */
int cdk_report_sink_flush(struct cdk_report_sink *sink, bool force,
                          struct cdk_error *err);
/*
 * Append a timestamptz text in UTC ("2024-03-01 10:00:00+00") as ISO 8601
 * ("2024-03-01T10:00:00+00:00").
 */
void cdk_report_add_time(struct cdk_buf *out, const char *v, size_t len);

#endif
