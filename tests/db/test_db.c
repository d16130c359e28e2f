/*
 * The connection layer against a real server: search_path, error
 * harvesting and SQLSTATE codes, notices, transactions and savepoints,
 * COPY, and the harness's isolation between tests.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "db/db.h"
#include "support/dbcheck.h"
#include "support/testdb.h"
#include "support/testutil.h"

static const char sql_insert_outlet[] =
    "INSERT INTO outlets (name) VALUES ($1::text)";
static const char sql_count_outlets[] = "SELECT count(*) FROM outlets";

START_TEST(test_search_path_pinned)
{
    struct cdk_db *db = cdk_check_fresh_db();
    char *v = cdk_check_value(db, "SHOW search_path");

    ck_assert_str_eq(v, "claimdesk, public");
    free(v);
    /* Unqualified names reach the claimdesk schema. */
    v = cdk_check_value(db, "SELECT count(*) FROM ratings");
    ck_assert_str_eq(v, "7");
    free(v);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_error_harvest)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    const char *p[1] = {"NRC"};

    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, p, NULL, &err), 0);
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, p, NULL, &err), -1);
    ck_assert_str_eq(err.sqlstate, "23505");
    ck_assert_int_eq(err.code, CDK_ERR_CONFLICT);
    ck_assert(!err.retryable);
    ck_assert(err.message[0] != '\0');
    ck_assert(err.detail[0] != '\0'); /* Key (name)=(NRC) already exists. */
    ck_assert_int_eq(cdk_check_exec_fails(db, "SELECT 1/0", "22012"),
                     CDK_ERR_INPUT);
    ck_assert_int_eq(cdk_check_exec_fails(db, "SELECT nosuchcolumn", "42703"),
                     CDK_ERR_FAILURE);
    ck_assert_int_eq(cdk_check_exec_fails(
                         db, "DO $$BEGIN RAISE no_data_found; END$$", "P0002"),
                     CDK_ERR_NOT_FOUND);
    ck_assert_int_eq(
        cdk_check_exec_fails(
            db, "DO $$BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END$$",
            "40001"),
        CDK_ERR_CONFLICT);
    cdk_check_exec(db, "SET ROLE claimdesk_reader");
    ck_assert_int_eq(
        cdk_check_exec_fails(db, "INSERT INTO outlets (name) VALUES ('x')",
                             "42501"),
        CDK_ERR_PERMISSION);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_retryable_flag)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(
        cdk_db_exec(db,
                    "DO $$BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = "
                    "'40P01'; END$$",
                    0, NULL, NULL, &err),
        -1);
    ck_assert(err.retryable);
    ck_assert_int_eq(err.code, CDK_ERR_CONFLICT);
    cdk_db_close(db);
}
END_TEST

struct notices {
    int n;
    char last[256];
};

static void
on_notice(void *arg, const char *severity, const char *message)
{
    struct notices *ns = arg;

    ns->n++;
    snprintf(ns->last, sizeof(ns->last), "%s: %s", severity, message);
}

START_TEST(test_notices_routed)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct notices ns = {0, ""};

    cdk_db_set_notice_handler(db, on_notice, &ns);
    cdk_check_exec(db, "DO $$BEGIN RAISE WARNING 'careful %', 42; END$$");
    ck_assert_int_eq(ns.n, 1);
    ck_assert_str_eq(ns.last, "WARNING: careful 42");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_query_rows)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_rows rows = CDK_ROWS_INIT;
    const char *p[2] = {"a\tb", NULL};

    ck_assert_int_eq(cdk_db_query(db,
                                  "SELECT $1::text AS x, $2::text AS y, "
                                  "g AS n FROM generate_series(1, 3) g",
                                  2, p, &rows, &err),
                     0);
    ck_assert_uint_eq(rows.nrows, 3);
    ck_assert_uint_eq(rows.ncols, 3);
    ck_assert_str_eq(cdk_rows_get(&rows, 0, "x"), "a\tb");
    ck_assert_ptr_null(cdk_rows_get(&rows, 0, "y"));
    ck_assert_str_eq(cdk_rows_get(&rows, 2, "n"), "3");
    ck_assert_ptr_null(cdk_rows_get(&rows, 3, "n"));
    ck_assert_int_eq(cdk_rows_column(&rows, "nope"), -1);
    cdk_rows_release(&rows);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_transactions_savepoints)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    const char *a[1] = {"A"}, *b[1] = {"B"};
    char *v;

    ck_assert_int_eq(cdk_db_begin(db, &err), 0);
    ck_assert(cdk_db_in_transaction(db));
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, a, NULL, &err), 0);
    ck_assert_int_eq(cdk_db_savepoint(db, "article 1", &err), 0);
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, a, NULL, &err), -1);
    ck_assert_str_eq(err.sqlstate, "23505");
    ck_assert_int_eq(cdk_db_rollback_to(db, "article 1", &err), 0);
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, b, NULL, &err), 0);
    ck_assert_int_eq(cdk_db_release(db, "article 1", &err), 0);
    ck_assert_int_eq(cdk_db_commit(db, &err), 0);
    ck_assert(!cdk_db_in_transaction(db));
    v = cdk_check_value(db, sql_count_outlets);
    ck_assert_str_eq(v, "2");
    free(v);

    /* A failed transaction's COMMIT is a failure, not a silent rollback. */
    ck_assert_int_eq(cdk_db_begin(db, &err), 0);
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1, a, NULL, &err), -1);
    cdk_error_clear(&err);
    ck_assert_int_eq(cdk_db_commit(db, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_CONFLICT);
    ck_assert(!cdk_db_in_transaction(db));

    ck_assert_int_eq(cdk_db_begin(db, &err), 0);
    ck_assert_int_eq(cdk_db_exec(db, sql_insert_outlet, 1,
                                 (const char *[]){"C"}, NULL, &err),
                     0);
    ck_assert_int_eq(cdk_db_rollback(db, &err), 0);
    v = cdk_check_value(db, sql_count_outlets);
    ck_assert_str_eq(v, "2");
    free(v);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_copy_in)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf data = CDK_BUF_INIT;
    long rows = 0;
    char *v;
    int i;

    for (i = 0; i < 1000; i++) {
        char domain[64];
        snprintf(domain, sizeof(domain), "tab\there\\back %d", i);
        cdk_buf_addf(&data, "outlet %d\t", i);
        cdk_db_copy_field(&data, i % 2 ? NULL : domain);
        cdk_buf_addch(&data, '\n');
    }
    ck_assert_int_eq(
        cdk_db_copy_begin(db, "COPY outlets (name, domain) FROM STDIN", &err),
        0);
    /* Any split of the data is fine. */
    ck_assert_int_eq(cdk_db_copy_put(db, data.buf, 7, &err), 0);
    ck_assert_int_eq(cdk_db_copy_put(db, data.buf + 7, data.len - 7, &err), 0);
    ck_assert_int_eq(cdk_db_copy_end(db, NULL, &rows, &err), 0);
    ck_assert_int_eq(rows, 1000);
    v = cdk_check_value(db, "SELECT domain FROM outlets WHERE name = "
                            "'outlet 0'");
    ck_assert_str_eq(v, "tab\there\\back 0");
    free(v);

    /* Bad data: the server's error, and the connection stays usable. */
    ck_assert_int_eq(
        cdk_db_copy_begin(db, "COPY imports (origin, files) FROM STDIN", &err),
        0);
    ck_assert_int_eq(cdk_db_copy_put(db, "x\tnotanumber\n", 13, &err), 0);
    ck_assert_int_eq(cdk_db_copy_end(db, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.sqlstate, "22P02");
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    /* A duplicate inside COPY: conflict. */
    ck_assert_int_eq(
        cdk_db_copy_begin(db, "COPY outlets (name) FROM STDIN", &err), 0);
    ck_assert_int_eq(cdk_db_copy_put(db, "outlet 5\n", 9, &err), 0);
    ck_assert_int_eq(cdk_db_copy_end(db, NULL, NULL, &err), -1);
    ck_assert_str_eq(err.sqlstate, "23505");

    /* Aborting on purpose. */
    ck_assert_int_eq(
        cdk_db_copy_begin(db, "COPY outlets (name) FROM STDIN", &err), 0);
    ck_assert_int_eq(cdk_db_copy_put(db, "never\n", 6, &err), 0);
    ck_assert_int_eq(cdk_db_copy_end(db, "reader failed", NULL, &err), -1);
    v = cdk_check_value(db, sql_count_outlets);
    ck_assert_str_eq(v, "1000");
    free(v);

    /* Not a COPY statement. */
    ck_assert_int_eq(cdk_db_copy_begin(db, "SELECT 1", &err), -1);
    cdk_buf_release(&data);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_fresh_databases_isolated)
{
    struct cdk_db *a = cdk_check_fresh_db(), *b = cdk_check_fresh_db();
    char *v;

    ck_assert_str_ne(cdk_db_name(a), cdk_db_name(b));
    cdk_check_exec(a, "INSERT INTO outlets (name) VALUES ('only in a')");
    v = cdk_check_value(b, sql_count_outlets);
    ck_assert_str_eq(v, "0");
    free(v);
    cdk_db_close(a);
    cdk_db_close(b);
}
END_TEST

START_TEST(test_describe_masks)
{
    struct cdk_testdb t;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf c = CDK_BUF_INIT;
    struct cdk_db *db;

    ck_assert_int_eq(cdk_testdb_create(CDK_TESTDB_TEMPLATE, &t, &err), 0);
    /* trust auth ignores the password; it must still never show. */
    cdk_buf_addf(&c, "%s password=sekrit", t.conninfo);
    db = cdk_db_connect_to(c.buf, CDK_DB_SOURCE_FLAG, &err);
    ck_assert_ptr_nonnull(db);
    ck_assert_ptr_null(strstr(cdk_db_describe(db), "sekrit"));
    ck_assert_int_ge(cdk_db_server_version(db), 150000);
    ck_assert_str_eq(cdk_db_name(db), t.name);
    cdk_db_close(db);
    cdk_buf_release(&c);
    cdk_testdb_release(&t);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("db");
    TCase *tc = tcase_create("connection");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_search_path_pinned);
    tcase_add_test(tc, test_error_harvest);
    tcase_add_test(tc, test_retryable_flag);
    tcase_add_test(tc, test_notices_routed);
    tcase_add_test(tc, test_query_rows);
    tcase_add_test(tc, test_transactions_savepoints);
    tcase_add_test(tc, test_copy_in);
    tcase_add_test(tc, test_fresh_databases_isolated);
    tcase_add_test(tc, test_describe_masks);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    cdk_testdb_require();
    return cdk_test_run_suite(suite());
}
