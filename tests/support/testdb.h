/*
 * Fresh databases for integration tests.
 *
 * The ctest fixture "cluster" (tests/cluster.cmake) starts one throwaway
 * cluster per ctest run with `claimdesk db start --no-sync` and creates a
 * migrated template database, CDK_TESTDB_TEMPLATE, that nobody may
 * connect to. Each test clones it (CREATE DATABASE ... TEMPLATE), so
 * tests never see each other's rows. Connect inside the test (Check forks
 * each test): a connection must not cross fork().
 *
 * The cluster's home is $CLAIMDESK_TEST_CLUSTER; when that is unset or
 * the cluster does not answer, cdk_testdb_require() exits 77 (skip).
 */
#ifndef CDK_TESTS_SUPPORT_TESTDB_H
#define CDK_TESTS_SUPPORT_TESTDB_H

#include "core/buf.h"
#include "core/error.h"

#define CDK_TESTDB_TEMPLATE "cdk_template"

struct cdk_db;

/* A database made for one test. Strings are owned; see cdk_testdb_release. */
struct cdk_testdb {
    char *name;     /* database name */
    char *conninfo; /* conninfo for it (unix socket of the test cluster) */
};

/*
 * Exit 77 with a message on stderr unless the test cluster answers. Call
 * it first in main() of a suite that needs the database.
 */
void cdk_testdb_require(void);

/*
 * Append the conninfo of database `dbname` on the test cluster to `out`.
 * 0, or -1 when $CLAIMDESK_TEST_CLUSTER is unset.
 */
int cdk_testdb_conninfo(const char *dbname, struct cdk_buf *out,
                        struct cdk_error *err);

/*
 * Create a new database cloned from `template_name` (CDK_TESTDB_TEMPLATE:
 * migrated; "template0": empty, never migrated) and fill *t. 0 or -1.
 */
int cdk_testdb_create(const char *template_name, struct cdk_testdb *t,
                      struct cdk_error *err);

/*
 * A connection to a fresh clone of the migrated template; *t (may be
 * NULL) gets its name and conninfo. NULL and err on failure.
 */
struct cdk_db *cdk_testdb_fresh(struct cdk_testdb *t, struct cdk_error *err);

/* The same for an empty database that was never migrated. */
struct cdk_db *cdk_testdb_empty(struct cdk_testdb *t, struct cdk_error *err);

/*
 * Create CDK_TESTDB_TEMPLATE on the test cluster (dropping an old one),
 * migrate it and mark it a template nobody connects to. Used by the
 * fixture (tests/db/testdb_tool.c). 0 or -1.
 */
int cdk_testdb_make_template(struct cdk_error *err);

/* Free the strings of *t (the database stays; the cluster is throwaway). */
void cdk_testdb_release(struct cdk_testdb *t);

#endif
