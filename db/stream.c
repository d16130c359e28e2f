/*
 * Streaming a query through a server-side cursor (see stream.h).
 *
 * COPY TO STDOUT would stream as well but takes no parameters; a cursor
 * declared with PQexecParams does, and the FETCH of the next batch is sent
 * as soon as the current one has arrived, so the server works on batch
 * k+1 while the caller formats batch k. While the caller walks a batch,
 * PQconsumeInput now and then moves what the server sent into libpq's
 * buffer, so the server is not stalled on a full socket either.
 */
#include "stream.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "core/buf.h"
#include "core/mem.h"
#include "db_internal.h"

#define CURSOR_NAME "cdk_stream"

static const char sql_close_cursor[] = "CLOSE " CURSOR_NAME;

struct cdk_db_stream {
    struct cdk_db *db;
    PGconn *conn;
    PGresult *cur; /* the batch being walked, or NULL */
    int row;       /* index of the current row in cur */
    int nrows;     /* rows in cur */
    bool pending;  /* a FETCH has been sent and not yet read */
    bool failed;   /* the server reported an error */
    size_t batch;
    size_t ncols;
    char **names;
    char fetch_sql[80];
};

static int
send_fetch(struct cdk_db_stream *s, struct cdk_error *err)
{
    if (!PQsendQuery(s->conn, s->fetch_sql)) {
        s->failed = true;
        return cdk_db_harvest_error(s->db, NULL, err);
    }
    s->pending = true;
    return 0;
}

/*
 * Read the result of the FETCH in flight and drain to NULL. Returns the
 * result (TUPLES_OK) or NULL with err.
 */
static PGresult *
receive_fetch(struct cdk_db_stream *s, struct cdk_error *err)
{
    PGresult *res, *out = NULL;

    s->pending = false;
    while ((res = PQgetResult(s->conn)) != NULL) {
        if (!out && !s->failed && PQresultStatus(res) == PGRES_TUPLES_OK) {
            out = res;
            continue;
        }
        if (!s->failed) {
            s->failed = true;
            cdk_db_harvest_error(s->db, res, err);
        }
        PQclear(res);
        if (PQstatus(s->conn) == CONNECTION_BAD)
            break;
    }
    if (s->failed) {
        PQclear(out);
        return NULL;
    }
    if (!out) {
        s->failed = true;
        cdk_db_harvest_error(s->db, NULL, err);
    }
    return out;
}

struct cdk_db_stream *
cdk_db_stream_open(struct cdk_db *db, const char *sql, int nparams,
                   const char *const *params, size_t batch,
                   struct cdk_error *err)
{
    struct cdk_db_stream *s;
    struct cdk_buf declare = CDK_BUF_INIT;
    PGconn *conn = cdk_db_pgconn(db);
    PGresult *res;
    size_t c;

    if (!cdk_db_in_transaction(db)) {
        cdk_error_set(err, CDK_ERR_FAILURE,
                      "a streamed query needs an open transaction");
        return NULL;
    }
    cdk_buf_adds(&declare, "DECLARE " CURSOR_NAME " NO SCROLL CURSOR FOR\n");
    cdk_buf_adds(&declare, sql);
    res = PQexecParams(conn, declare.buf, nparams, NULL, params, NULL, NULL, 0);
    cdk_buf_release(&declare);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        cdk_db_harvest_error(db, res, err);
        PQclear(res);
        return NULL;
    }
    PQclear(res);

    /* The column names, known even when there are no rows. */
    res = PQdescribePortal(conn, CURSOR_NAME);
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK) {
        cdk_db_harvest_error(db, res, err);
        PQclear(res);
        return NULL;
    }
    s = cdk_xcalloc(1, sizeof(*s));
    s->db = db;
    s->conn = conn;
    s->batch = batch ? batch : CDK_DB_STREAM_BATCH;
    if (s->batch > 1000000)
        s->batch = 1000000;
    s->ncols = (size_t)PQnfields(res);
    s->names = cdk_xcalloc(s->ncols ? s->ncols : 1, sizeof(char *));
    for (c = 0; c < s->ncols; c++)
        s->names[c] = cdk_xstrdup(PQfname(res, (int)c));
    PQclear(res);
    snprintf(s->fetch_sql, sizeof(s->fetch_sql), "FETCH FORWARD %zu FROM %s",
             s->batch, CURSOR_NAME);
    if (send_fetch(s, err) < 0) {
        cdk_db_stream_close(s, NULL);
        return NULL;
    }
    return s;
}

size_t
cdk_db_stream_ncols(const struct cdk_db_stream *s)
{
    return s->ncols;
}

const char *
cdk_db_stream_name(const struct cdk_db_stream *s, size_t col)
{
    return col < s->ncols ? s->names[col] : NULL;
}

int
cdk_db_stream_next(struct cdk_db_stream *s, struct cdk_error *err)
{
    PGresult *res;
    int n;

    if (s->failed)
        return cdk_error_set(err, CDK_ERR_FAILURE,
                             "the streamed query failed earlier");
    if (s->cur && s->row + 1 < s->nrows) {
        s->row++;
        /* Let the server go on sending the next batch meanwhile. */
        if (s->pending && (s->row & 63) == 0)
            PQconsumeInput(s->conn);
        return 1;
    }
    PQclear(s->cur);
    s->cur = NULL;
    s->nrows = 0;
    if (!s->pending)
        return 0;
    res = receive_fetch(s, err);
    if (!res)
        return -1;
    n = PQntuples(res);
    if (n == 0) {
        PQclear(res);
        return 0;
    }
    /* A short batch was the last one: nothing more to ask for. */
    if ((size_t)n == s->batch && send_fetch(s, err) < 0) {
        PQclear(res);
        return -1;
    }
    s->cur = res;
    s->nrows = n;
    s->row = 0;
    return 1;
}

const char *
cdk_db_stream_value(const struct cdk_db_stream *s, size_t col, size_t *len)
{
    if (!s->cur || col >= s->ncols || PQgetisnull(s->cur, s->row, (int)col)) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = (size_t)PQgetlength(s->cur, s->row, (int)col);
    return PQgetvalue(s->cur, s->row, (int)col);
}

int
cdk_db_stream_close(struct cdk_db_stream *s, struct cdk_error *err)
{
    PGresult *res;
    int status = 0;
    size_t c;

    if (!s)
        return 0;
    PQclear(s->cur);
    if (s->pending) {
        res = receive_fetch(s, NULL);
        PQclear(res);
    }
    if (!s->failed && PQtransactionStatus(s->conn) == PQTRANS_INTRANS) {
        res = PQexec(s->conn, sql_close_cursor);
        if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
            status = cdk_db_harvest_error(s->db, res, err);
        PQclear(res);
    }
    for (c = 0; c < s->ncols; c++)
        free(s->names[c]);
    free(s->names);
    free(s);
    return status;
}
