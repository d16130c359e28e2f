/*
 * Shared helpers for the Check suites.
 */
#ifndef CDK_TESTS_SUPPORT_TESTUTIL_H
#define CDK_TESTS_SUPPORT_TESTUTIL_H

#include <stddef.h>

/*
 * Path of a file under ../shared/data (CLAIMDESK_SHARED), or NULL when
 * the shared data is absent; the caller frees it.
 */
char *cdk_test_shared_path(const char *rel);

/* Path of a file under the source tree (CLAIMDESK_SOURCE_DIR); free it. */
char *cdk_test_source_path(const char *rel);

/* Read a whole file (NUL-terminated; *len gets its size); NULL on error. */
char *cdk_test_read_file(const char *path, size_t *len);

/*
 * Run a Check suite and return the process exit status ctest expects:
 * 0 all passed, 1 any failed.
 */
struct Suite;
int cdk_test_run_suite(struct Suite *s);

#endif
