/*
 * Check helpers for database tests (see dbcheck.h).
 */
#include "dbcheck.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/mem.h"
#include "db/db.h"
#include "testdb.h"

struct cdk_db *
cdk_check_fresh_db(void)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_db *db = cdk_testdb_fresh(NULL, &err);

    ck_assert_msg(db != NULL, "fresh database: %s (%s)", err.message,
                  err.detail);
    return db;
}

void
cdk_check_exec(struct cdk_db *db, const char *sql)
{
    struct cdk_error err = CDK_ERROR_INIT;
    int rc = cdk_db_exec(db, sql, 0, NULL, NULL, &err);

    ck_assert_msg(rc == 0, "%s\n-> %s [%s] %s", sql, err.message, err.sqlstate,
                  err.detail);
}

int
cdk_check_exec_fails(struct cdk_db *db, const char *sql, const char *sqlstate)
{
    struct cdk_error err = CDK_ERROR_INIT;
    int rc = cdk_db_exec(db, sql, 0, NULL, NULL, &err);

    ck_assert_msg(rc < 0, "expected %s but succeeded: %s", sqlstate, sql);
    ck_assert_msg(strcmp(err.sqlstate, sqlstate) == 0,
                  "expected %s, got %s (%s): %s", sqlstate, err.sqlstate,
                  err.message, sql);
    return (int)err.code;
}

char *
cdk_check_value(struct cdk_db *db, const char *sql)
{
    struct cdk_error err = CDK_ERROR_INIT;
    char *v = NULL;
    int rc = cdk_db_query_value(db, sql, 0, NULL, &v, &err);

    ck_assert_msg(rc >= 0, "%s\n-> %s [%s]", sql, err.message, err.sqlstate);
    return v ? v : cdk_xstrdup("");
}
