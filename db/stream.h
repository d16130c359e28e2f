/*
 * Reading a query's rows as they come, in constant memory: a server-side
 * cursor fetched a batch at a time (the way psql's FETCH_COUNT does it),
 * with the next batch requested before the caller sees the current one so
 * that the server computes it while the caller writes (one FETCH is in
 * flight at a time; at most two batches are in memory).
 *
 * Invariants: one stream per connection at a time (the cursor is named
 * "cdk_stream"); a stream lives inside a transaction the caller opened
 * (DECLARE needs one) and must be closed before that transaction ends.
 * Values are text (the server's output functions) and borrowed: they stay
 * valid until the next cdk_db_stream_next or cdk_db_stream_close.
 */
#ifndef CDK_DB_STREAM_H
#define CDK_DB_STREAM_H

#include <stddef.h>

#include "core/error.h"
#include "db.h"

struct cdk_db_stream;

/* Rows per FETCH when the caller passes 0. */
#define CDK_DB_STREAM_BATCH 2000

/*
 * Declare a cursor for `sql` (a SELECT; parameters $1..$nparams, text,
 * NULL = SQL NULL) and request the first batch of `batch` rows (0: the
 * default). Returns the stream (close it with cdk_db_stream_close) or
 * NULL with err: from the server (a bad parameter value is CDK_ERR_INPUT),
 * or CDK_ERR_FAILURE when no transaction is open. Talks to the DB.
 */
struct cdk_db_stream *cdk_db_stream_open(struct cdk_db *db, const char *sql,
                                         int nparams, const char *const *params,
                                         size_t batch, struct cdk_error *err);

/* Number of columns and the name of column `col` (borrowed). */
size_t cdk_db_stream_ncols(const struct cdk_db_stream *s);
const char *cdk_db_stream_name(const struct cdk_db_stream *s, size_t col);

/*
 * Move to the next row: 1 when there is one, 0 after the last, -1 with
 * err when the server failed (the transaction is then aborted: roll it
 * back). May wait for the server. Talks to the DB.
 */
int cdk_db_stream_next(struct cdk_db_stream *s, struct cdk_error *err);

/*
 * The current row's value in column `col` (NUL-terminated, borrowed until
 * the next call to next or close), or NULL for SQL NULL; *len (may be
 * NULL) gets its length in bytes.
 */
const char *cdk_db_stream_value(const struct cdk_db_stream *s, size_t col,
                                size_t *len);

/*
 * Drain any FETCH in flight, close the cursor (unless the transaction has
 * failed) and free the stream (NULL is allowed). 0, or -1 with err when
 * closing the cursor failed. Talks to the DB.
 */
int cdk_db_stream_close(struct cdk_db_stream *s, struct cdk_error *err);

#endif
