/*
 * The connection layer (see db.h): conninfo resolution, connecting with
 * a helpful error, error harvesting, query helpers that copy values out
 * of PGresult, transactions and COPY FROM STDIN.
 *
 * Every PGresult is cleared in the function that obtained it. Parameter
 * values are never logged or put into error messages.
 */
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "cluster.h"
#include "core/mem.h"
#include "db_internal.h"

struct cdk_db {
    PGconn *conn;
    char *describe; /* masked conninfo, for messages */
    cdk_db_notice_fn notice_fn;
    void *notice_arg;
};

static const char sql_set_search_path[] =
    "SELECT pg_catalog.set_config('search_path', $1::text, false)";

/* The PG* variables libpq reads when it decides where to connect. */
static const char *const pg_connect_vars[] = {
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGSERVICE",
    "PGSERVICEFILE",
    "PGPASSFILE",
    "PGPASSWORD",
    "PGSSLMODE",
    "PGOPTIONS",
    "PGTARGETSESSIONATTRS",
    "PGCONNECT_TIMEOUT",
};

const char *
cdk_db_source_name(enum cdk_db_source source)
{
    switch (source) {
    case CDK_DB_SOURCE_FLAG:
        return "--db";
    case CDK_DB_SOURCE_ENV:
        return "CLAIMDESK_DB";
    case CDK_DB_SOURCE_PGENV:
        return "libpq environment (PG*)";
    case CDK_DB_SOURCE_LOCAL:
        return "local cluster";
    case CDK_DB_SOURCE_EXPLICIT:
        break;
    }
    return "conninfo";
}

bool
cdk_db_pgenv_set(void)
{
    size_t i;

    for (i = 0; i < sizeof(pg_connect_vars) / sizeof(pg_connect_vars[0]); i++) {
        const char *v = getenv(pg_connect_vars[i]);
        /* PGPASSWORD or PGCONNECT_TIMEOUT alone does not say where. */
        if (strcmp(pg_connect_vars[i], "PGPASSWORD") == 0 ||
            strcmp(pg_connect_vars[i], "PGCONNECT_TIMEOUT") == 0 ||
            strcmp(pg_connect_vars[i], "PGSSLMODE") == 0 ||
            strcmp(pg_connect_vars[i], "PGOPTIONS") == 0)
            continue;
        if (v && *v)
            return true;
    }
    return false;
}

int
cdk_db_resolve(const char *flag, struct cdk_buf *out,
               enum cdk_db_source *source, struct cdk_error *err)
{
    struct cdk_buf home = CDK_BUF_INIT;
    const char *env;

    if (flag) {
        *source = CDK_DB_SOURCE_FLAG;
        cdk_buf_adds(out, flag);
        return 0;
    }
    env = getenv("CLAIMDESK_DB");
    if (env && *env) {
        *source = CDK_DB_SOURCE_ENV;
        cdk_buf_adds(out, env);
        return 0;
    }
    if (cdk_db_pgenv_set()) {
        *source = CDK_DB_SOURCE_PGENV;
        return 0;
    }
    *source = CDK_DB_SOURCE_LOCAL;
    if (cdk_cluster_home(&home, err) < 0)
        return -1;
    cdk_cluster_conninfo(home.buf, CDK_CLUSTER_DBNAME, out);
    cdk_buf_release(&home);
    return 0;
}

void
cdk_db_conninfo_quote(struct cdk_buf *out, const char *value)
{
    const char *p;

    cdk_buf_addch(out, '\'');
    for (p = value; *p; p++) {
        if (*p == '\'' || *p == '\\')
            cdk_buf_addch(out, '\\');
        cdk_buf_addch(out, *p);
    }
    cdk_buf_addch(out, '\'');
}

void
cdk_db_conninfo_mask(const char *conninfo, struct cdk_buf *out)
{
    PQconninfoOption *opts, *o;
    char *errmsg = NULL;
    bool first = true;

    opts = PQconninfoParse(conninfo, &errmsg);
    if (!opts) {
        PQfreemem(errmsg);
        cdk_buf_adds(out, "(unparsable conninfo)");
        return;
    }
    for (o = opts; o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        if (!first)
            cdk_buf_addch(out, ' ');
        first = false;
        cdk_buf_addf(out, "%s=", o->keyword);
        if (strcmp(o->keyword, "password") == 0)
            cdk_buf_adds(out, "********");
        else if (strpbrk(o->val, " '\\") || !*o->val)
            cdk_db_conninfo_quote(out, o->val);
        else
            cdk_buf_adds(out, o->val);
    }
    if (first)
        cdk_buf_adds(out, "(libpq defaults)");
    PQconninfoFree(opts);
}

enum cdk_err_code
cdk_db_sqlstate_code(const char *sqlstate, bool *retryable)
{
    if (retryable)
        *retryable = false;
    if (!sqlstate || strlen(sqlstate) != 5)
        return CDK_ERR_FAILURE;
    if (strcmp(sqlstate, "40001") == 0 || strcmp(sqlstate, "40P01") == 0) {
        if (retryable)
            *retryable = true;
        return CDK_ERR_CONFLICT;
    }
    if (strncmp(sqlstate, "23", 2) == 0)
        return CDK_ERR_CONFLICT;
    if (strcmp(sqlstate, "42501") == 0 || strncmp(sqlstate, "28", 2) == 0)
        return CDK_ERR_PERMISSION;
    if (strncmp(sqlstate, "08", 2) == 0 || strncmp(sqlstate, "57P0", 4) == 0 ||
        strcmp(sqlstate, "53300") == 0)
        return CDK_ERR_UNAVAILABLE;
    if (strncmp(sqlstate, "22", 2) == 0)
        return CDK_ERR_INPUT;
    if (strcmp(sqlstate, "P0002") == 0 || strcmp(sqlstate, "02000") == 0)
        return CDK_ERR_NOT_FOUND;
    return CDK_ERR_FAILURE;
}

/* Copy a libpq message without its trailing newline into err->message. */
static void
set_trimmed(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);

    while (n > 0 && (src[n - 1] == '\n' || src[n - 1] == ' '))
        n--;
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/*
 * The one place a server error becomes a struct cdk_error: SQLSTATE,
 * primary message, detail and hint, and the code it maps to. When the
 * result carries no SQLSTATE (the connection broke), the error is
 * "unavailable" with libpq's message.
 */
static int
harvest_error(struct cdk_db *db, const PGresult *res, struct cdk_error *err)
{
    const char *state = NULL, *msg = NULL, *detail, *hint;
    bool retryable = false;
    enum cdk_err_code code;

    if (!err)
        return -1;
    if (res) {
        state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    }
    if (!state || !msg) {
        const char *m = res && *PQresultErrorMessage(res)
                            ? PQresultErrorMessage(res)
                            : PQerrorMessage(db->conn);
        bool bad = PQstatus(db->conn) == CONNECTION_BAD;
        cdk_error_set(err, bad ? CDK_ERR_UNAVAILABLE : CDK_ERR_FAILURE, "%s",
                      "");
        set_trimmed(err->message, sizeof(err->message),
                    *m ? m : "unknown database error");
        if (bad)
            cdk_error_hint(err, "the connection to %s was lost", db->describe);
        return -1;
    }
    code = cdk_db_sqlstate_code(state, &retryable);
    cdk_error_set(err, code, "%s", "");
    set_trimmed(err->message, sizeof(err->message), msg);
    memcpy(err->sqlstate, state, 5);
    err->sqlstate[5] = '\0';
    err->retryable = retryable;
    detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
    if (detail)
        set_trimmed(err->detail, sizeof(err->detail), detail);
    if (hint)
        set_trimmed(err->hint, sizeof(err->hint), hint);
    return -1;
}

static void
notice_receiver(void *arg, const PGresult *res)
{
    struct cdk_db *db = arg;
    const char *sev, *msg;

    if (!db->notice_fn)
        return;
    sev = PQresultErrorField(res, PG_DIAG_SEVERITY);
    msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    db->notice_fn(db->notice_arg, sev ? sev : "NOTICE", msg ? msg : "");
}

void
cdk_db_set_notice_handler(struct cdk_db *db, cdk_db_notice_fn fn, void *arg)
{
    db->notice_fn = fn;
    db->notice_arg = arg;
}

/* Describe where a failed connection attempt went, for the message. */
static void
describe_target(const char *conninfo, enum cdk_db_source source,
                struct cdk_buf *out)
{
    size_t i;
    bool any = false;

    switch (source) {
    case CDK_DB_SOURCE_PGENV:
        cdk_buf_adds(out, "the libpq environment (");
        for (i = 0; i < sizeof(pg_connect_vars) / sizeof(pg_connect_vars[0]);
             i++) {
            const char *v = getenv(pg_connect_vars[i]);
            if (!v || !*v)
                continue;
            if (any)
                cdk_buf_adds(out, ", ");
            any = true;
            if (strcmp(pg_connect_vars[i], "PGPASSWORD") == 0)
                cdk_buf_adds(out, "PGPASSWORD=********");
            else
                cdk_buf_addf(out, "%s=%s", pg_connect_vars[i], v);
        }
        cdk_buf_addch(out, ')');
        return;
    case CDK_DB_SOURCE_FLAG:
        cdk_buf_adds(out, "--db '");
        break;
    case CDK_DB_SOURCE_ENV:
        cdk_buf_adds(out, "CLAIMDESK_DB '");
        break;
    case CDK_DB_SOURCE_LOCAL:
        cdk_buf_adds(out, "the local cluster '");
        break;
    case CDK_DB_SOURCE_EXPLICIT:
        cdk_buf_adds(out, "'");
        break;
    }
    cdk_db_conninfo_mask(conninfo, out);
    cdk_buf_addch(out, '\'');
}

static void
connect_hint(enum cdk_db_source source, struct cdk_error *err)
{
    switch (source) {
    case CDK_DB_SOURCE_LOCAL:
        cdk_error_hint(err, "start it with 'claimdesk db start', or point "
                            "claimdesk elsewhere with --db or CLAIMDESK_DB");
        break;
    case CDK_DB_SOURCE_PGENV:
        cdk_error_hint(err, "check the PG* variables, or unset them to use "
                            "the local cluster ('claimdesk db start'), or "
                            "set CLAIMDESK_DB");
        break;
    default:
        cdk_error_hint(err, "check that the server runs and the conninfo is "
                            "right, or start the local cluster with "
                            "'claimdesk db start' and set CLAIMDESK_DB");
        break;
    }
}

struct cdk_db *
cdk_db_connect_to(const char *conninfo, enum cdk_db_source source,
                  struct cdk_error *err)
{
    const char *keys[4], *vals[4];
    struct cdk_buf where = CDK_BUF_INIT;
    struct cdk_db *db;
    const char *params[1] = {"claimdesk, public"};
    char *errmsg = NULL;
    PQconninfoOption *opts;
    int n = 0;

    /* A malformed conninfo is a usage problem, not an outage. */
    opts = PQconninfoParse(conninfo, &errmsg);
    if (!opts) {
        cdk_error_set(err, CDK_ERR_USAGE, "invalid conninfo from %s",
                      cdk_db_source_name(source));
        if (errmsg)
            set_trimmed(err->detail, sizeof(err->detail), errmsg);
        PQfreemem(errmsg);
        return NULL;
    }
    PQconninfoFree(opts);

    /* Later keywords override the expanded conninfo, earlier ones don't. */
    if (!getenv("PGCONNECT_TIMEOUT")) {
        keys[n] = "connect_timeout";
        vals[n++] = "10";
    }
    keys[n] = "dbname";
    vals[n++] = conninfo;
    keys[n] = "fallback_application_name";
    vals[n++] = "claimdesk";
    keys[n] = NULL;
    vals[n] = NULL;

    db = cdk_xcalloc(1, sizeof(*db));
    describe_target(conninfo, source, &where);
    db->describe = cdk_buf_detach(&where, NULL);
    db->conn = PQconnectdbParams(keys, vals, 1);
    if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        const char *m = db->conn ? PQerrorMessage(db->conn) : "out of memory";
        bool auth =
            m && (strstr(m, "authentication failed") ||
                  strstr(m, "no pg_hba.conf entry") ||
                  (strstr(m, "role \"") && strstr(m, "does not exist")));
        cdk_error_set(err, auth ? CDK_ERR_PERMISSION : CDK_ERR_UNAVAILABLE,
                      "could not connect to %s", db->describe);
        set_trimmed(err->detail, sizeof(err->detail), m ? m : "");
        if (!auth)
            connect_hint(source, err);
        cdk_db_close(db);
        return NULL;
    }
    PQsetNoticeReceiver(db->conn, notice_receiver, db);
    if (cdk_db_exec(db, sql_set_search_path, 1, params, NULL, err) < 0) {
        cdk_db_close(db);
        return NULL;
    }
    return db;
}

struct cdk_db *
cdk_db_connect(const char *flag, struct cdk_error *err)
{
    struct cdk_buf conninfo = CDK_BUF_INIT;
    enum cdk_db_source source;
    struct cdk_db *db;

    if (cdk_db_resolve(flag, &conninfo, &source, err) < 0)
        return NULL;
    db = cdk_db_connect_to(conninfo.buf, source, err);
    cdk_buf_release(&conninfo);
    return db;
}

void
cdk_db_close(struct cdk_db *db)
{
    if (!db)
        return;
    if (db->conn)
        PQfinish(db->conn);
    free(db->describe);
    free(db);
}

const char *
cdk_db_describe(const struct cdk_db *db)
{
    return db->describe;
}

const char *
cdk_db_user(const struct cdk_db *db)
{
    return PQuser(db->conn);
}

const char *
cdk_db_name(const struct cdk_db *db)
{
    return PQdb(db->conn);
}

int
cdk_db_server_version(const struct cdk_db *db)
{
    return PQserverVersion(db->conn);
}

void
cdk_rows_release(struct cdk_rows *rows)
{
    size_t i, n;

    if (!rows)
        return;
    n = rows->nrows * rows->ncols;
    for (i = 0; rows->values && i < n; i++)
        free(rows->values[i]);
    for (i = 0; rows->names && i < rows->ncols; i++)
        free(rows->names[i]);
    free(rows->values);
    free(rows->names);
    free(rows->cmd_tuples);
    memset(rows, 0, sizeof(*rows));
}

int
cdk_rows_column(const struct cdk_rows *rows, const char *name)
{
    size_t c;

    for (c = 0; c < rows->ncols; c++)
        if (strcmp(rows->names[c], name) == 0)
            return (int)c;
    return -1;
}

const char *
cdk_rows_get(const struct cdk_rows *rows, size_t row, const char *name)
{
    int c = cdk_rows_column(rows, name);

    if (c < 0 || row >= rows->nrows)
        return NULL;
    return rows->values[row * rows->ncols + (size_t)c];
}

/* Run a statement; the caller clears the result. NULL after an error. */
static PGresult *
run(struct cdk_db *db, const char *sql, int nparams, const char *const *params,
    struct cdk_error *err)
{
    PGresult *res;
    ExecStatusType st;

    res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return res;
    harvest_error(db, res, err);
    PQclear(res);
    return NULL;
}

int
cdk_db_query(struct cdk_db *db, const char *sql, int nparams,
             const char *const *params, struct cdk_rows *rows,
             struct cdk_error *err)
{
    PGresult *res;
    size_t r, c;

    memset(rows, 0, sizeof(*rows));
    res = run(db, sql, nparams, params, err);
    if (!res)
        return -1;
    rows->nrows = (size_t)PQntuples(res);
    rows->ncols = (size_t)PQnfields(res);
    rows->cmd_tuples = cdk_xstrdup(PQcmdTuples(res));
    rows->names = cdk_xcalloc(rows->ncols ? rows->ncols : 1, sizeof(char *));
    for (c = 0; c < rows->ncols; c++)
        rows->names[c] = cdk_xstrdup(PQfname(res, (int)c));
    rows->values = cdk_xcalloc(rows->nrows * rows->ncols + 1, sizeof(char *));
    for (r = 0; r < rows->nrows; r++)
        for (c = 0; c < rows->ncols; c++)
            if (!PQgetisnull(res, (int)r, (int)c))
                rows->values[r * rows->ncols + c] =
                    cdk_xstrndup(PQgetvalue(res, (int)r, (int)c),
                                 (size_t)PQgetlength(res, (int)r, (int)c));
    PQclear(res);
    return 0;
}

int
cdk_db_exec(struct cdk_db *db, const char *sql, int nparams,
            const char *const *params, long *affected, struct cdk_error *err)
{
    PGresult *res = run(db, sql, nparams, params, err);

    if (!res)
        return -1;
    if (affected)
        *affected = strtol(PQcmdTuples(res), NULL, 10);
    PQclear(res);
    return 0;
}

int
cdk_db_query_value(struct cdk_db *db, const char *sql, int nparams,
                   const char *const *params, char **value,
                   struct cdk_error *err)
{
    PGresult *res = run(db, sql, nparams, params, err);
    int found = 0;

    *value = NULL;
    if (!res)
        return -1;
    if (PQntuples(res) > 0 && PQnfields(res) > 0) {
        found = 1;
        if (!PQgetisnull(res, 0, 0))
            *value = cdk_xstrdup(PQgetvalue(res, 0, 0));
    }
    PQclear(res);
    return found;
}

int
cdk_db_exec_script(struct cdk_db *db, const char *sql, struct cdk_error *err)
{
    PGresult *res;
    int status = 0;

    /* PQexec returns the last result; an error stops the script. */
    res = PQexec(db->conn, sql);
    if (!res || (PQresultStatus(res) != PGRES_COMMAND_OK &&
                 PQresultStatus(res) != PGRES_TUPLES_OK &&
                 PQresultStatus(res) != PGRES_EMPTY_QUERY))
        status = harvest_error(db, res, err);
    PQclear(res);
    return status;
}

static int
simple(struct cdk_db *db, const char *sql, struct cdk_error *err)
{
    return cdk_db_exec(db, sql, 0, NULL, NULL, err);
}

static int
simple_named(struct cdk_db *db, const char *verb, const char *name,
             struct cdk_error *err)
{
    struct cdk_buf sql = CDK_BUF_INIT;
    int status;

    cdk_buf_adds(&sql, verb);
    cdk_db_quote_ident(&sql, name);
    status = simple(db, sql.buf, err);
    cdk_buf_release(&sql);
    return status;
}

int
cdk_db_begin(struct cdk_db *db, struct cdk_error *err)
{
    return simple(db, "BEGIN", err);
}

int
cdk_db_commit(struct cdk_db *db, struct cdk_error *err)
{
    PGresult *res;
    int status = 0;

    /* COMMIT of a failed transaction answers ROLLBACK: that is a failure. */
    res = PQexec(db->conn, "COMMIT");
    if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
        status = harvest_error(db, res, err);
    else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
        status = cdk_error_set(err, CDK_ERR_CONFLICT,
                               "the transaction was rolled back because an "
                               "earlier statement in it failed");
    PQclear(res);
    return status;
}

int
cdk_db_rollback(struct cdk_db *db, struct cdk_error *err)
{
    return simple(db, "ROLLBACK", err);
}

int
cdk_db_savepoint(struct cdk_db *db, const char *name, struct cdk_error *err)
{
    return simple_named(db, "SAVEPOINT ", name, err);
}

int
cdk_db_release(struct cdk_db *db, const char *name, struct cdk_error *err)
{
    return simple_named(db, "RELEASE SAVEPOINT ", name, err);
}

int
cdk_db_rollback_to(struct cdk_db *db, const char *name, struct cdk_error *err)
{
    return simple_named(db, "ROLLBACK TO SAVEPOINT ", name, err);
}

bool
cdk_db_in_transaction(const struct cdk_db *db)
{
    PGTransactionStatusType st = PQtransactionStatus(db->conn);

    return st == PQTRANS_INTRANS || st == PQTRANS_INERROR ||
           st == PQTRANS_ACTIVE;
}

int
cdk_db_copy_begin(struct cdk_db *db, const char *sql, struct cdk_error *err)
{
    PGresult *res = PQexec(db->conn, sql);
    int status = 0;

    if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
        if (res && PQresultStatus(res) != PGRES_FATAL_ERROR)
            status = cdk_error_set(err, CDK_ERR_FAILURE,
                                   "statement is not a COPY FROM STDIN");
        else
            status = harvest_error(db, res, err);
    }
    PQclear(res);
    return status;
}

int
cdk_db_copy_put(struct cdk_db *db, const void *data, size_t len,
                struct cdk_error *err)
{
    const char *p = data;

    /* PQputCopyData takes an int length: feed large buffers in pieces. */
    while (len > 0) {
        int n = len > (1u << 30) ? (1 << 30) : (int)len;
        if (PQputCopyData(db->conn, p, n) != 1) {
            cdk_error_set(err, CDK_ERR_UNAVAILABLE, "could not send COPY data");
            set_trimmed(err->detail, sizeof(err->detail),
                        PQerrorMessage(db->conn));
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int
cdk_db_copy_end(struct cdk_db *db, const char *abort_reason, long *rows,
                struct cdk_error *err)
{
    PGresult *res;
    int status = 0;
    bool first = true;

    if (PQputCopyEnd(db->conn, abort_reason) != 1) {
        cdk_error_set(err, CDK_ERR_UNAVAILABLE, "could not end COPY");
        set_trimmed(err->detail, sizeof(err->detail), PQerrorMessage(db->conn));
        status = -1;
    }
    /* Drain to NULL so the connection is ready for the next command. */
    while ((res = PQgetResult(db->conn)) != NULL) {
        if (first && status == 0) {
            if (PQresultStatus(res) != PGRES_COMMAND_OK)
                status = harvest_error(db, res, err);
            else if (rows)
                *rows = strtol(PQcmdTuples(res), NULL, 10);
        }
        first = false;
        PQclear(res);
        if (PQstatus(db->conn) == CONNECTION_BAD)
            break;
    }
    if (status == 0 && abort_reason)
        status = cdk_error_set(err, CDK_ERR_FAILURE, "COPY aborted: %s",
                               abort_reason);
    return status;
}

void
cdk_db_copy_field(struct cdk_buf *out, const char *s)
{
    const char *p, *run_start;

    if (!s) {
        cdk_buf_adds(out, "\\N");
        return;
    }
    run_start = s;
    for (p = s; *p; p++) {
        const char *esc = NULL;
        switch (*p) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            continue;
        }
        cdk_buf_add(out, run_start, (size_t)(p - run_start));
        cdk_buf_adds(out, esc);
        run_start = p + 1;
    }
    cdk_buf_add(out, run_start, (size_t)(p - run_start));
}

void
cdk_db_quote_ident(struct cdk_buf *out, const char *name)
{
    const char *p;

    cdk_buf_addch(out, '"');
    for (p = name; *p; p++) {
        if (*p == '"')
            cdk_buf_addch(out, '"');
        cdk_buf_addch(out, *p);
    }
    cdk_buf_addch(out, '"');
}

int
cdk_db_ping(const char *conninfo)
{
    const char *keys[] = {"connect_timeout", "dbname", NULL};
    const char *vals[] = {"5", conninfo, NULL};
    PGPing p = PQpingParams(keys, vals, 1);

    return p == PQPING_OK || p == PQPING_REJECT;
}

PGconn *
cdk_db_pgconn(struct cdk_db *db)
{
    return db->conn;
}

int
cdk_db_harvest_error(struct cdk_db *db, const PGresult *res,
                     struct cdk_error *err)
{
    return harvest_error(db, res, err);
}
