/*
 * Queries over import runs and their errors.
 */
#include "imports.h"

#include <stdio.h>

#include "core/buf.h"

#define RUN_COLUMNS                                                           \
    "SELECT i.id,\n"                                                          \
    "       to_char(i.started_at AT TIME ZONE 'UTC',\n"                       \
    "               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS started,\n"          \
    "       to_char(i.finished_at AT TIME ZONE 'UTC',\n"                      \
    "               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS finished,\n"         \
    "       i.actor, i.origin, i.files, i.articles_new AS imported,\n"        \
    "       i.articles_duplicate AS duplicates, i.articles_failed AS failed,\n" \
    "       i.claims,\n"                                                      \
    "       (SELECT count(*) FROM claimdesk.import_errors e\n"                \
    "        WHERE e.import_id = i.id) AS errors\n"                           \
    "FROM claimdesk.imports i\n"

static const char sql_list_imports[] =
    RUN_COLUMNS
    "ORDER BY i.id DESC\n"
    "LIMIT $1::bigint";

static const char sql_show_import[] =
    RUN_COLUMNS
    "WHERE i.id = $1::bigint";

static const char sql_import_errors[] =
    "SELECT file, line, message\n"
    "FROM claimdesk.import_errors\n"
    "WHERE import_id = $1::bigint\n"
    "ORDER BY id";

int
cdk_imports_list(struct cdk_db *db, long limit, struct cdk_rows *rows,
                 struct cdk_error *err)
{
    char n[32];
    const char *params[1] = {n};

    snprintf(n, sizeof(n), "%ld", limit);
    return cdk_db_query(db, sql_list_imports, 1, params, rows, err);
}

int
cdk_imports_show(struct cdk_db *db, long long id, struct cdk_rows *run,
                 struct cdk_rows *errors, struct cdk_error *err)
{
    char n[32];
    const char *params[1] = {n};

    snprintf(n, sizeof(n), "%lld", id);
    if (cdk_db_query(db, sql_show_import, 1, params, run, err))
        return -1;
    if (run->nrows == 0)
        return cdk_error_set(err, CDK_ERR_NOT_FOUND, "no import run %lld",
                             id);
    return cdk_db_query(db, sql_import_errors, 1, params, errors, err);
}
