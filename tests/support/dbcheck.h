/*
 * Check helpers for database tests: open a fresh database or fail the
 * test, run SQL expecting success or a given SQLSTATE.
 */
#ifndef CDK_TESTS_SUPPORT_DBCHECK_H
#define CDK_TESTS_SUPPORT_DBCHECK_H

#include <stddef.h>

struct cdk_db;
struct cdk_error;

/* A connection to a fresh migrated database; fails the test if none. */
struct cdk_db *cdk_check_fresh_db(void);

/* Run sql (no parameters); fail the test unless it succeeds. */
void cdk_check_exec(struct cdk_db *db, const char *sql);

/*
 * Run sql; fail the test unless it fails with `sqlstate`. Returns the
 * error's code for further asserts.
 */
int cdk_check_exec_fails(struct cdk_db *db, const char *sql,
                         const char *sqlstate);

/* The single value sql returns ("" for NULL); caller frees. */
char *cdk_check_value(struct cdk_db *db, const char *sql);

#endif
