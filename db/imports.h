/*
 * Reading import runs back (claimdesk imports): the runs, newest first,
 * and one run's per-file errors.
 */
#ifndef CDK_DB_IMPORTS_H
#define CDK_DB_IMPORTS_H

#include "core/error.h"
#include "db.h"

/*
 * The latest `limit` runs, newest first, into *rows (columns id, started,
 * finished, actor, origin, files, imported, duplicates, failed, claims,
 * errors; times in UTC ISO 8601). 0 or -1. Talks to the DB.
 */
int cdk_imports_list(struct cdk_db *db, long limit, struct cdk_rows *rows,
                     struct cdk_error *err);

/*
 * Run `id` into *run (the columns above, one row) and its errors into
 * *errors (file, line, message, in the order recorded). 0, or -1 with
 * CDK_ERR_NOT_FOUND when there is no such run. Talks to the DB.
 */
int cdk_imports_show(struct cdk_db *db, long long id, struct cdk_rows *run,
                     struct cdk_rows *errors, struct cdk_error *err);

#endif
