/*
 * The connection layer's pure parts: SQLSTATE mapping, password masking,
 * conninfo quoting, COPY field escaping, and the order in which the
 * database is chosen (--db, CLAIMDESK_DB, PG*, local cluster).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "db/cluster.h"
#include "db/db.h"
#include "support/testutil.h"

static void
clear_env(void)
{
    static const char *const vars[] = {
        "CLAIMDESK_DB", "PGHOST",     "PGHOSTADDR",        "PGPORT",
        "PGDATABASE",   "PGUSER",     "PGSERVICE",         "PGSERVICEFILE",
        "PGPASSFILE",   "PGPASSWORD", "PGCONNECT_TIMEOUT", "PGSSLMODE",
        "PGOPTIONS"};
    size_t i;

    for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
        unsetenv(vars[i]);
    setenv("CLAIMDESK_HOME", "/tmp/cdk-unit-home", 1);
}

START_TEST(test_sqlstate_codes)
{
    bool retry = true;

    ck_assert_int_eq(cdk_db_sqlstate_code("23505", &retry), CDK_ERR_CONFLICT);
    ck_assert(!retry);
    ck_assert_int_eq(cdk_db_sqlstate_code("23514", NULL), CDK_ERR_CONFLICT);
    ck_assert_int_eq(cdk_db_sqlstate_code("42501", NULL), CDK_ERR_PERMISSION);
    ck_assert_int_eq(cdk_db_sqlstate_code("08006", NULL), CDK_ERR_UNAVAILABLE);
    ck_assert_int_eq(cdk_db_sqlstate_code("57P01", NULL), CDK_ERR_UNAVAILABLE);
    ck_assert_int_eq(cdk_db_sqlstate_code("40001", &retry), CDK_ERR_CONFLICT);
    ck_assert(retry);
    ck_assert_int_eq(cdk_db_sqlstate_code("40P01", &retry), CDK_ERR_CONFLICT);
    ck_assert(retry);
    ck_assert_int_eq(cdk_db_sqlstate_code("22P02", &retry), CDK_ERR_INPUT);
    ck_assert(!retry);
    ck_assert_int_eq(cdk_db_sqlstate_code("P0002", NULL), CDK_ERR_NOT_FOUND);
    ck_assert_int_eq(cdk_db_sqlstate_code("42P01", NULL), CDK_ERR_FAILURE);
    ck_assert_int_eq(cdk_db_sqlstate_code(NULL, NULL), CDK_ERR_FAILURE);
    ck_assert_int_eq(cdk_db_sqlstate_code("", NULL), CDK_ERR_FAILURE);
}
END_TEST

START_TEST(test_mask_password)
{
    struct cdk_buf b = CDK_BUF_INIT;

    cdk_db_conninfo_mask("host=db1 user=alice password=s3cret dbname=x", &b);
    ck_assert_ptr_null(strstr(b.buf, "s3cret"));
    ck_assert_ptr_nonnull(strstr(b.buf, "password=********"));
    ck_assert_ptr_nonnull(strstr(b.buf, "host=db1"));
    cdk_buf_reset(&b);
    cdk_db_conninfo_mask("postgresql://bob:hunter2@db2:5433/claims", &b);
    ck_assert_ptr_null(strstr(b.buf, "hunter2"));
    ck_assert_ptr_nonnull(strstr(b.buf, "user=bob"));
    ck_assert_ptr_nonnull(strstr(b.buf, "port=5433"));
    cdk_buf_reset(&b);
    /* Unparsable: nothing of it is echoed. */
    cdk_db_conninfo_mask("password='unterminated", &b);
    ck_assert_ptr_null(strstr(b.buf, "unterminated"));
    cdk_buf_release(&b);
}
END_TEST

START_TEST(test_quote)
{
    struct cdk_buf b = CDK_BUF_INIT;

    cdk_db_conninfo_quote(&b, "a b'c\\d");
    ck_assert_str_eq(b.buf, "'a b\\'c\\\\d'");
    cdk_buf_reset(&b);
    cdk_cluster_conninfo("/tmp/my home", "claimdesk", &b);
    ck_assert_str_eq(b.buf,
                     "host='/tmp/my home/run' port=5432 dbname=claimdesk");
    cdk_buf_reset(&b);
    cdk_db_quote_ident(&b, "we\"ird");
    ck_assert_str_eq(b.buf, "\"we\"\"ird\"");
    cdk_buf_release(&b);
}
END_TEST

START_TEST(test_copy_field)
{
    struct cdk_buf b = CDK_BUF_INIT;

    cdk_db_copy_field(&b, "a\tb\nc\\d\re");
    ck_assert_str_eq(b.buf, "a\\tb\\nc\\\\d\\re");
    cdk_buf_reset(&b);
    cdk_db_copy_field(&b, NULL);
    ck_assert_str_eq(b.buf, "\\N");
    cdk_buf_release(&b);
}
END_TEST

START_TEST(test_resolve_order)
{
    struct cdk_buf b = CDK_BUF_INIT;
    enum cdk_db_source src;
    struct cdk_error err = CDK_ERROR_INIT;

    clear_env();
    setenv("CLAIMDESK_DB", "dbname=fromenv", 1);
    setenv("PGHOST", "/pg", 1);
    ck_assert_int_eq(cdk_db_resolve("dbname=fromflag", &b, &src, &err), 0);
    ck_assert_int_eq(src, CDK_DB_SOURCE_FLAG);
    ck_assert_str_eq(b.buf, "dbname=fromflag");

    cdk_buf_reset(&b);
    ck_assert_int_eq(cdk_db_resolve(NULL, &b, &src, &err), 0);
    ck_assert_int_eq(src, CDK_DB_SOURCE_ENV);
    ck_assert_str_eq(b.buf, "dbname=fromenv");

    cdk_buf_reset(&b);
    unsetenv("CLAIMDESK_DB");
    ck_assert_int_eq(cdk_db_resolve(NULL, &b, &src, &err), 0);
    ck_assert_int_eq(src, CDK_DB_SOURCE_PGENV);
    ck_assert_str_eq(b.buf, "");

    /* PGPASSWORD alone does not say where to connect. */
    cdk_buf_reset(&b);
    unsetenv("PGHOST");
    setenv("PGPASSWORD", "x", 1);
    ck_assert_int_eq(cdk_db_resolve(NULL, &b, &src, &err), 0);
    ck_assert_int_eq(src, CDK_DB_SOURCE_LOCAL);
    ck_assert_str_eq(b.buf,
                     "host=/tmp/cdk-unit-home/run port=5432 dbname=claimdesk");

    cdk_buf_reset(&b);
    setenv("PGSERVICE", "claims", 1);
    ck_assert_int_eq(cdk_db_resolve(NULL, &b, &src, &err), 0);
    ck_assert_int_eq(src, CDK_DB_SOURCE_PGENV);
    cdk_buf_release(&b);
}
END_TEST

START_TEST(test_home_default)
{
    struct cdk_buf b = CDK_BUF_INIT;
    struct cdk_error err = CDK_ERROR_INIT;

    unsetenv("CLAIMDESK_HOME");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/nonexistent-home", 1);
    ck_assert_int_eq(cdk_cluster_home(&b, &err), 0);
    if (geteuid() == 0)
        ck_assert_str_eq(b.buf, "/var/lib/claimdesk");
    else
        ck_assert_str_eq(b.buf, "/nonexistent-home/.local/share/claimdesk");
    cdk_buf_release(&b);
}
END_TEST

START_TEST(test_connect_nothing_answers)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_db *db;

    clear_env();
    db = cdk_db_connect("host=/nonexistent user=u password=topsecret", &err);
    ck_assert_ptr_null(db);
    ck_assert_int_eq(err.code, CDK_ERR_UNAVAILABLE);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent"));
    ck_assert_ptr_null(strstr(err.message, "topsecret"));
    ck_assert_ptr_null(strstr(err.detail, "topsecret"));
    ck_assert_ptr_nonnull(strstr(err.hint, "claimdesk db start"));

    /* The local cluster, not started: says so and how to start it. */
    cdk_error_clear(&err);
    db = cdk_db_connect(NULL, &err);
    ck_assert_ptr_null(db);
    ck_assert_int_eq(err.code, CDK_ERR_UNAVAILABLE);
    ck_assert_ptr_nonnull(strstr(err.message, "local cluster"));
    ck_assert_ptr_nonnull(strstr(err.message, "/tmp/cdk-unit-home/run"));

    /* A malformed conninfo is a usage error, not an outage. */
    cdk_error_clear(&err);
    db = cdk_db_connect("host='unterminated", &err);
    ck_assert_ptr_null(db);
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("db_conninfo");
    TCase *tc = tcase_create("pure");

    tcase_add_test(tc, test_sqlstate_codes);
    tcase_add_test(tc, test_mask_password);
    tcase_add_test(tc, test_quote);
    tcase_add_test(tc, test_copy_field);
    tcase_add_test(tc, test_resolve_order);
    tcase_add_test(tc, test_home_default);
    tcase_add_test(tc, test_connect_nothing_answers);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
