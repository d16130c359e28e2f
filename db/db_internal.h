/*
 * What the other files of db/ need from db.c and nobody else may see: the
 * libpq connection behind a struct cdk_db and the one function that turns
 * a server error into a struct cdk_error. Include only from the files of db/.
 */
#ifndef CDK_DB_DB_INTERNAL_H
#define CDK_DB_DB_INTERNAL_H

#include <libpq-fe.h>

#include "core/error.h"

struct cdk_db;

/* The libpq connection of `db` (borrowed; lives as long as db). */
PGconn *cdk_db_pgconn(struct cdk_db *db);

/*
 * Fill err from `res` (may be NULL: the connection's message is used) the
 * way every db/ function does: SQLSTATE, message, detail, hint, code.
 * Returns -1. Does not clear `res`.
 */
int cdk_db_harvest_error(struct cdk_db *db, const PGresult *res,
                         struct cdk_error *err);

#endif
