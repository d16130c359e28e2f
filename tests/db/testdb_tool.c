/*
 * cdk-testdb: the test harness from the shell (tests/support/testdb.h).
 *   cdk-testdb template   create and migrate the template (fixture setup)
 *   cdk-testdb fresh      print the conninfo of a fresh migrated database
 *   cdk-testdb empty      print the conninfo of a fresh unmigrated one
 * It works on the cluster in $CLAIMDESK_TEST_CLUSTER only.
 */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "support/testdb.h"

int
main(int argc, char **argv)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_testdb t;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: cdk-testdb template|fresh|empty\n");
        return 2;
    }
    if (strcmp(argv[1], "template") == 0) {
        rc = cdk_testdb_make_template(&err);
    } else if (strcmp(argv[1], "fresh") == 0 || strcmp(argv[1], "empty") == 0) {
        rc = cdk_testdb_create(
            strcmp(argv[1], "fresh") == 0 ? CDK_TESTDB_TEMPLATE : "template0",
            &t, &err);
        if (rc == 0) {
            printf("%s\n", t.conninfo);
            cdk_testdb_release(&t);
        }
    } else {
        fprintf(stderr, "cdk-testdb: unknown command '%s'\n", argv[1]);
        return 2;
    }
    if (rc < 0) {
        fprintf(stderr, "cdk-testdb: %s\n", err.message);
        if (err.detail[0])
            fprintf(stderr, "detail: %s\n", err.detail);
        return err.code ? (int)err.code : 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
