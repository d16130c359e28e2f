/*
 * The migration runner: numbered SQL files (migrations/NNNN_slug.sql),
 * embedded into the binary at build time, applied in order, each in its
 * own transaction, forward only.
 *
 * Applied migrations are recorded in claimdesk.schema_migrations
 * (version, name, checksum = sha256 hex of the file, applied_at,
 * applied_by). The whole run holds a session advisory lock, so concurrent
 * runs queue up and the later ones find nothing to do. A run refuses to
 * start when an applied migration's file changed since (or is unknown to
 * this binary), naming it.
 */
#ifndef CDK_DB_MIGRATE_H
#define CDK_DB_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/embedded.h"
#include "core/error.h"

struct cdk_db;

enum cdk_migration_state {
    CDK_MIGRATION_APPLIED = 0,
    CDK_MIGRATION_PENDING,
    CDK_MIGRATION_CHANGED, /* applied, but the file's checksum differs */
    CDK_MIGRATION_UNKNOWN, /* applied, but this binary has no such file */
};

/* "applied", "pending", "changed", "unknown". */
const char *cdk_migration_state_name(enum cdk_migration_state s);

struct cdk_migration {
    int version;
    char *name;       /* file name, e.g. "0001_schema.sql" */
    char *checksum;   /* sha256 hex: of the file, or as recorded */
    char *applied_at; /* timestamptz text, NULL when not applied */
    char *applied_by; /* role, NULL when not applied */
    enum cdk_migration_state state;
};

/* A list in version order; owns everything it points to. */
struct cdk_migration_list {
    struct cdk_migration *items;
    size_t n, alloc;
};

#define CDK_MIGRATION_LIST_INIT                                                \
    {                                                                          \
        NULL, 0, 0                                                             \
    }

void cdk_migration_list_release(struct cdk_migration_list *list);

/*
 * The state of every migration known to the binary or recorded in the
 * database, in version order. A database never migrated lists all as
 * pending. 0 or -1. Talks to the DB (read only).
 */
int cdk_migrate_status(struct cdk_db *db, struct cdk_migration_list *out,
                       struct cdk_error *err);

/* Called before each migration is applied (progress), may be NULL. */
typedef void (*cdk_migrate_progress_fn)(void *arg,
                                        const struct cdk_migration *m);

/*
 * Apply the pending embedded migrations. *applied (may be NULL) gets how
 * many were applied. Fails with CDK_ERR_CONFLICT naming the migration
 * when an applied one changed or is unknown, or with the server's error
 * prefixed by the migration's name when one fails (that one is rolled
 * back; earlier ones stay). Talks to the DB.
 */
int cdk_migrate_apply(struct cdk_db *db, cdk_migrate_progress_fn progress,
                      void *arg, int *applied, struct cdk_error *err);

/* The same with an explicit set of files (tests). */
int cdk_migrate_apply_set(struct cdk_db *db, const struct cdk_embedded *set,
                          size_t nset, cdk_migrate_progress_fn progress,
                          void *arg, int *applied, struct cdk_error *err);

/*
 * For commands that need the schema: 0 when every embedded migration is
 * applied and none changed; else -1 with "run 'claimdesk migrate'" as the
 * hint (CDK_ERR_FAILURE). Talks to the DB.
 */
int cdk_migrate_check(struct cdk_db *db, struct cdk_error *err);

/* The schema version: highest applied version, 0 for none, -1 on error. */
int cdk_migrate_version(struct cdk_db *db, struct cdk_error *err);

#endif
