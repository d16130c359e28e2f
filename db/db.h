/*
 * The connection layer: the only code that includes libpq-fe.h.
 *
 * A struct cdk_db is one open connection, opaque outside db/db.c. Every
 * connection has search_path pinned to "claimdesk, public" and its server
 * notices routed to a callback (never printed by db/). PGresult never
 * leaves db/: the query helpers copy values into struct cdk_rows.
 *
 * Where the database comes from (DESIGN §5): --db, else $CLAIMDESK_DB,
 * else libpq's own environment when any PG* connection variable is set,
 * else the local cluster (db/cluster.h). When nothing answers the error
 * is CDK_ERR_UNAVAILABLE (exit 7) and says which source was tried, where
 * (host, socket, port; never a password) and how to fix it.
 *
 * Errors from the server are harvested into struct cdk_error (sqlstate,
 * message, detail, hint) and the SQLSTATE mapped to a code by
 * cdk_db_sqlstate_code. Functions marked "talks to the DB" send a query.
 */
#ifndef CDK_DB_DB_H
#define CDK_DB_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"

struct cdk_db;

enum cdk_db_source {
    CDK_DB_SOURCE_FLAG = 0, /* --db CONNINFO */
    CDK_DB_SOURCE_ENV,      /* $CLAIMDESK_DB */
    CDK_DB_SOURCE_PGENV,    /* libpq's PG* environment */
    CDK_DB_SOURCE_LOCAL,    /* the local cluster under $CLAIMDESK_HOME */
    CDK_DB_SOURCE_EXPLICIT, /* a conninfo the program chose itself */
};

/* "--db", "CLAIMDESK_DB", "libpq environment (PG*)", "local cluster", ... */
const char *cdk_db_source_name(enum cdk_db_source source);

/*
 * Decide where to connect: `flag` (the --db value, may be NULL), else
 * $CLAIMDESK_DB, else the PG* environment (conninfo ""), else the local
 * cluster's conninfo. Appends the conninfo to `out` and sets *source.
 * Fails only when the local cluster's home cannot be determined. Does not
 * talk to the DB.
 */
int cdk_db_resolve(const char *flag, struct cdk_buf *out,
                   enum cdk_db_source *source, struct cdk_error *err);

/* True when a PG* variable that libpq reads for connecting is set. */
bool cdk_db_pgenv_set(void);

/*
 * Append `conninfo` to `out` with any password replaced by "********", in
 * key=value form (URIs are rewritten). An unparsable conninfo is shown as
 * "(unparsable conninfo)" so a password cannot leak through it.
 */
void cdk_db_conninfo_mask(const char *conninfo, struct cdk_buf *out);

/*
 * Append `value` to `out` quoted for a key=value conninfo ('...' with \'
 * and \\ escaped).
 */
void cdk_db_conninfo_quote(struct cdk_buf *out, const char *value);

/*
 * Resolve (see cdk_db_resolve) and connect. Returns a new connection (free
 * with cdk_db_close) or NULL: CDK_ERR_UNAVAILABLE when nothing answers,
 * with what was tried and a hint; CDK_ERR_PERMISSION when the server
 * refused the login. Talks to the DB.
 */
struct cdk_db *cdk_db_connect(const char *flag, struct cdk_error *err);

/*
 * Connect to exactly `conninfo` ("" = libpq defaults and environment);
 * `source` only shapes the error message. Talks to the DB.
 */
struct cdk_db *cdk_db_connect_to(const char *conninfo,
                                 enum cdk_db_source source,
                                 struct cdk_error *err);

/* Close the connection and free `db` (NULL is allowed). */
void cdk_db_close(struct cdk_db *db);

/*
 * Notices (NOTICE, WARNING, ...) from the server go to `fn` with their
 * severity and the message without its trailing newline; by default they
 * are dropped. `arg` is passed through; the strings are borrowed.
 */
typedef void (*cdk_db_notice_fn)(void *arg, const char *severity,
                                 const char *message);
void cdk_db_set_notice_handler(struct cdk_db *db, cdk_db_notice_fn fn,
                               void *arg);

/* Where this connection went, masked (borrowed; lives as long as db). */
const char *cdk_db_describe(const struct cdk_db *db);
/* The connected role (borrowed). */
const char *cdk_db_user(const struct cdk_db *db);
/* The database name (borrowed). */
const char *cdk_db_name(const struct cdk_db *db);
/* Server version as an integer, e.g. 150004. */
int cdk_db_server_version(const struct cdk_db *db);

/*
 * Map a SQLSTATE to an error code: 23xxx conflict, 42501 permission,
 * 08xxx/57P0x/53300 unavailable, 40001/40P01 conflict and *retryable,
 * 22xxx bad input, P0002/02000 not found, 28xxx permission, else failure.
 * `retryable` may be NULL.
 */
enum cdk_err_code cdk_db_sqlstate_code(const char *sqlstate, bool *retryable);

/*
 * Rows copied out of a result. Invariant: values[r * ncols + c] is a
 * NUL-terminated string, or NULL for SQL NULL; names[c] are the column
 * names. All of it belongs to the struct; cdk_rows_release frees it.
 */
struct cdk_rows {
    size_t nrows, ncols;
    char **names;
    char **values;
    char *cmd_tuples; /* rows affected ("" when not applicable) */
};

#define CDK_ROWS_INIT                                                          \
    {                                                                          \
        0, 0, NULL, NULL, NULL                                                 \
    }

void cdk_rows_release(struct cdk_rows *rows);
/* Column index by name, or -1. */
int cdk_rows_column(const struct cdk_rows *rows, const char *name);
/* Value at (row, column name); NULL when SQL NULL or no such column. */
const char *cdk_rows_get(const struct cdk_rows *rows, size_t row,
                         const char *name);

/*
 * Run `sql` with text parameters params[0..nparams) (NULL = SQL NULL) and
 * copy the result into *rows (initialised by the callee; release it even
 * on failure is allowed). Any statement works: commands give 0 rows and
 * their count in cmd_tuples. 0 or -1 with err from the server. Talks to
 * the DB.
 */
int cdk_db_query(struct cdk_db *db, const char *sql, int nparams,
                 const char *const *params, struct cdk_rows *rows,
                 struct cdk_error *err);

/*
 * Run a statement with parameters, discarding any rows. If `affected` is
 * not NULL it gets the number of rows affected. 0 or -1. Talks to the DB.
 */
int cdk_db_exec(struct cdk_db *db, const char *sql, int nparams,
                const char *const *params, long *affected,
                struct cdk_error *err);

/*
 * Run a query expected to return at most one row of one column: 1 and
 * *value (malloc'd, caller frees; NULL for SQL NULL) when there was a row,
 * 0 when there was none (*value = NULL), -1 on error. Talks to the DB.
 */
int cdk_db_query_value(struct cdk_db *db, const char *sql, int nparams,
                       const char *const *params, char **value,
                       struct cdk_error *err);

/*
 * Run a script of several statements (simple query protocol; used for
 * migration files only). 0 or -1. Talks to the DB.
 */
int cdk_db_exec_script(struct cdk_db *db, const char *sql,
                       struct cdk_error *err);

/*
 * Transactions and savepoints. `name` is an identifier and is quoted. Each
 * returns 0 or -1 with err. Talk to the DB.
 */
int cdk_db_begin(struct cdk_db *db, struct cdk_error *err);
int cdk_db_commit(struct cdk_db *db, struct cdk_error *err);
int cdk_db_rollback(struct cdk_db *db, struct cdk_error *err);
int cdk_db_savepoint(struct cdk_db *db, const char *name,
                     struct cdk_error *err);
int cdk_db_release(struct cdk_db *db, const char *name, struct cdk_error *err);
int cdk_db_rollback_to(struct cdk_db *db, const char *name,
                       struct cdk_error *err);
/* True while a transaction is open (or failed and not yet rolled back). */
bool cdk_db_in_transaction(const struct cdk_db *db);

/*
 * COPY FROM STDIN, the psql/copy.c way: cdk_db_copy_begin runs `sql`
 * (a "COPY ... FROM STDIN" statement) and expects PGRES_COPY_IN;
 * cdk_db_copy_put sends `len` bytes of data (any split is fine);
 * cdk_db_copy_end ends the copy (or aborts it with `abort_reason` when not
 * NULL), checks the final result and drains PQgetResult to NULL. After a
 * failed put, call cdk_db_copy_end anyway (with an abort reason) to leave
 * the connection usable. All return 0 or -1 with err. Talk to the DB.
 */
int cdk_db_copy_begin(struct cdk_db *db, const char *sql,
                      struct cdk_error *err);
int cdk_db_copy_put(struct cdk_db *db, const void *data, size_t len,
                    struct cdk_error *err);
int cdk_db_copy_end(struct cdk_db *db, const char *abort_reason, long *rows,
                    struct cdk_error *err);

/*
 * Append `s` to `out` as a COPY text-format field: backslash, tab, newline
 * and carriage return escaped; NULL becomes \N.
 */
void cdk_db_copy_field(struct cdk_buf *out, const char *s);

/*
 * Append `name` as a quoted SQL identifier ("..." with "" doubled). For
 * names that cannot be parameters (databases, savepoints).
 */
void cdk_db_quote_ident(struct cdk_buf *out, const char *name);

/*
 * Ping the server described by `conninfo` without logging in for real:
 * 1 when it accepts connections (or refuses only the login), 0 when
 * nothing answers (within 5 seconds). Does not fail. Talks to the
 * network.
 */
int cdk_db_ping(const char *conninfo);

#endif
