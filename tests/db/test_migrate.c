/*
 * The migration runner: applies in order, records, is idempotent, refuses
 * a changed or unknown applied migration by name, rolls back a failing
 * one, and two concurrent runs are safe.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/embedded.h"
#include "core/error.h"
#include "db/db.h"
#include "db/migrate.h"
#include "support/dbcheck.h"
#include "support/testdb.h"
#include "support/testutil.h"

static struct cdk_db *
empty_db(struct cdk_testdb *t)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_db *db = cdk_testdb_empty(t, &err);

    ck_assert_msg(db != NULL, "empty database: %s", err.message);
    return db;
}

static size_t
count_state(struct cdk_db *db, enum cdk_migration_state state)
{
    struct cdk_migration_list list = CDK_MIGRATION_LIST_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    size_t i, n = 0;

    ck_assert_int_eq(cdk_migrate_status(db, &list, &err), 0);
    for (i = 0; i < list.n; i++)
        if (list.items[i].state == state)
            n++;
    cdk_migration_list_release(&list);
    return n;
}

START_TEST(test_apply_idempotent)
{
    struct cdk_db *db = empty_db(NULL);
    struct cdk_error err = CDK_ERROR_INIT;
    int applied = -1;
    char *v;

    ck_assert_uint_gt(cdk_embedded_migrations_count, 0);
    ck_assert_uint_eq(count_state(db, CDK_MIGRATION_PENDING),
                      cdk_embedded_migrations_count);
    ck_assert_int_eq(cdk_migrate_version(db, &err), 0);
    ck_assert_int_eq(cdk_migrate_check(db, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.hint, "claimdesk migrate"));

    ck_assert_int_eq(cdk_migrate_apply(db, NULL, NULL, &applied, &err), 0);
    ck_assert_int_eq(applied, (int)cdk_embedded_migrations_count);
    ck_assert_uint_eq(count_state(db, CDK_MIGRATION_APPLIED),
                      cdk_embedded_migrations_count);
    ck_assert_int_eq(cdk_migrate_check(db, &err), 0);
    ck_assert_int_gt(cdk_migrate_version(db, &err), 0);

    ck_assert_int_eq(cdk_migrate_apply(db, NULL, NULL, &applied, &err), 0);
    ck_assert_int_eq(applied, 0);
    v = cdk_check_value(db, "SELECT count(*) = count(DISTINCT checksum) AND "
                            "bool_and(length(checksum) = 64) "
                            "FROM claimdesk.schema_migrations");
    ck_assert_str_eq(v, "t");
    free(v);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_changed_migration_refused)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    int applied = -1;

    /* Simulate an edited file: the recorded checksum no longer matches. */
    cdk_check_exec(db, "UPDATE claimdesk.schema_migrations SET checksum = "
                       "repeat('0', 64) WHERE version = 2");
    ck_assert_int_eq(cdk_migrate_apply(db, NULL, NULL, &applied, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(err.message, "0002_"));
    ck_assert_ptr_nonnull(strstr(err.message, "changed"));
    ck_assert_int_eq(applied, 0);
    ck_assert_uint_eq(count_state(db, CDK_MIGRATION_CHANGED), 1);
    cdk_error_clear(&err);
    ck_assert_int_eq(cdk_migrate_check(db, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "0002_"));
    cdk_db_close(db);
}
END_TEST

START_TEST(test_unknown_migration_refused)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;

    cdk_check_exec(db, "INSERT INTO claimdesk.schema_migrations "
                       "(version, name, checksum) "
                       "VALUES (9999, '9999_future.sql', 'x')");
    ck_assert_int_eq(cdk_migrate_apply(db, NULL, NULL, NULL, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(err.message, "9999_future.sql"));
    ck_assert_uint_eq(count_state(db, CDK_MIGRATION_UNKNOWN), 1);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_failing_migration_rolled_back)
{
    static const char good[] = "CREATE TABLE claimdesk.t1 (x int);";
    static const char bad[] = "CREATE TABLE claimdesk.t2 (x int);\n"
                              "INSERT INTO claimdesk.t2 VALUES (1/0);";
    const struct cdk_embedded set[] = {
        {"0001_good.sql", good, sizeof(good) - 1},
        {"0002_bad.sql", bad, sizeof(bad) - 1},
    };
    struct cdk_db *db = empty_db(NULL);
    struct cdk_error err = CDK_ERROR_INIT;
    int applied = -1;
    char *v;

    ck_assert_int_eq(
        cdk_migrate_apply_set(db, set, 2, NULL, NULL, &applied, &err), -1);
    ck_assert_int_eq(applied, 1);
    ck_assert_str_eq(err.sqlstate, "22012");
    ck_assert_ptr_nonnull(strstr(err.message, "0002_bad.sql"));
    ck_assert(!cdk_db_in_transaction(db));
    v = cdk_check_value(db, "SELECT to_regclass('claimdesk.t1') IS NOT NULL "
                            "AND to_regclass('claimdesk.t2') IS NULL");
    ck_assert_str_eq(v, "t");
    free(v);
    v = cdk_check_value(db, "SELECT string_agg(name, ',') "
                            "FROM claimdesk.schema_migrations");
    ck_assert_str_eq(v, "0001_good.sql");
    free(v);
    cdk_db_close(db);
}
END_TEST

START_TEST(test_bad_file_name)
{
    static const char sql[] = "SELECT 1;";
    const struct cdk_embedded set[] = {{"first.sql", sql, sizeof(sql) - 1}};
    struct cdk_db *db = empty_db(NULL);
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_migrate_apply_set(db, set, 1, NULL, NULL, NULL, &err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err.message, "first.sql"));
    cdk_db_close(db);
}
END_TEST

START_TEST(test_duplicate_version)
{
    static const char sql[] = "SELECT 1;";
    const struct cdk_embedded set[] = {
        {"0001_a.sql", sql, sizeof(sql) - 1},
        {"0001_b.sql", sql, sizeof(sql) - 1},
    };
    struct cdk_db *db = empty_db(NULL);
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_migrate_apply_set(db, set, 2, NULL, NULL, NULL, &err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err.message, "0001_a.sql"));
    ck_assert_ptr_nonnull(strstr(err.message, "0001_b.sql"));
    cdk_db_close(db);
}
END_TEST

START_TEST(test_concurrent_migrate)
{
    struct cdk_testdb t;
    struct cdk_db *db = empty_db(&t);
    pid_t pids[3];
    int i, status;
    char *v;

    cdk_db_close(db);
    for (i = 0; i < 3; i++) {
        pids[i] = fork();
        ck_assert_int_ge(pids[i], 0);
        if (pids[i] == 0) {
            struct cdk_error err = CDK_ERROR_INIT;
            struct cdk_db *c =
                cdk_db_connect_to(t.conninfo, CDK_DB_SOURCE_EXPLICIT, &err);
            int rc = c ? cdk_migrate_apply(c, NULL, NULL, NULL, &err) : -1;
            if (rc < 0)
                fprintf(stderr, "child: %s [%s]\n", err.message, err.sqlstate);
            cdk_db_close(c);
            _exit(rc < 0 ? 1 : 0);
        }
    }
    for (i = 0; i < 3; i++) {
        ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
        ck_assert(WIFEXITED(status));
        ck_assert_int_eq(WEXITSTATUS(status), 0);
    }
    {
        struct cdk_error err = CDK_ERROR_INIT;
        db = cdk_db_connect_to(t.conninfo, CDK_DB_SOURCE_EXPLICIT, &err);
        ck_assert_ptr_nonnull(db);
    }
    v = cdk_check_value(db, "SELECT count(*) FROM claimdesk.schema_migrations");
    ck_assert_int_eq((int)strtol(v, NULL, 10),
                     (int)cdk_embedded_migrations_count);
    free(v);
    cdk_db_close(db);
    cdk_testdb_release(&t);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("migrate");
    TCase *tc = tcase_create("runner");

    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, test_apply_idempotent);
    tcase_add_test(tc, test_changed_migration_refused);
    tcase_add_test(tc, test_unknown_migration_refused);
    tcase_add_test(tc, test_failing_migration_rolled_back);
    tcase_add_test(tc, test_bad_file_name);
    tcase_add_test(tc, test_duplicate_version);
    tcase_add_test(tc, test_concurrent_migrate);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    cdk_testdb_require();
    return cdk_test_run_suite(suite());
}
