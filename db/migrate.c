/*
 * The migration runner (see migrate.h). Migration files run through the
 * simple query protocol (several statements per file) inside a
 * transaction the runner opens, so a file must not contain BEGIN/COMMIT.
 */
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/sha256.h"

/* "claimdsk" as a 64-bit advisory lock key. */
#define MIGRATE_LOCK_KEY "7164786066815857515"

static const char sql_lock_migrations[] =
    "SELECT pg_catalog.pg_advisory_lock($1::bigint)";
static const char sql_unlock_migrations[] =
    "SELECT pg_catalog.pg_advisory_unlock($1::bigint)";
static const char sql_create_schema[] = "CREATE SCHEMA IF NOT EXISTS claimdesk";
static const char sql_create_migrations[] =
    "CREATE TABLE IF NOT EXISTS claimdesk.schema_migrations (\n"
    "    version integer PRIMARY KEY,\n"
    "    name text NOT NULL,\n"
    "    checksum text NOT NULL,\n"
    "    applied_at timestamptz NOT NULL DEFAULT now(),\n"
    "    applied_by text NOT NULL DEFAULT current_user\n"
    ")";
static const char sql_select_table_exists[] =
    "SELECT pg_catalog.to_regclass($1::text) IS NOT NULL";
static const char sql_select_migrations[] =
    "SELECT version, name, checksum, applied_at, applied_by\n"
    "FROM claimdesk.schema_migrations\n"
    "ORDER BY version";
static const char sql_insert_migration[] =
    "INSERT INTO claimdesk.schema_migrations (version, name, checksum)\n"
    "VALUES ($1::integer, $2::text, $3::text)";
static const char sql_select_version[] =
    "SELECT coalesce(max(version), 0) FROM claimdesk.schema_migrations";

const char *
cdk_migration_state_name(enum cdk_migration_state s)
{
    switch (s) {
    case CDK_MIGRATION_APPLIED:
        return "applied";
    case CDK_MIGRATION_PENDING:
        return "pending";
    case CDK_MIGRATION_CHANGED:
        return "changed";
    case CDK_MIGRATION_UNKNOWN:
        return "unknown";
    }
    return "unknown";
}

void
cdk_migration_list_release(struct cdk_migration_list *list)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        free(list->items[i].name);
        free(list->items[i].checksum);
        free(list->items[i].applied_at);
        free(list->items[i].applied_by);
    }
    free(list->items);
    list->items = NULL;
    list->n = list->alloc = 0;
}

/* Version from "NNNN_slug.sql"; -1 when the name has no leading number. */
static int
parse_version(const char *name)
{
    char *end;
    long v = strtol(name, &end, 10);

    if (end == name || *end != '_' || v <= 0 || v > 99999)
        return -1;
    return (int)v;
}

static void
file_checksum(const struct cdk_embedded *f, char hex[65])
{
    unsigned char digest[CDK_SHA256_LEN];

    cdk_sha256(f->data, f->len, digest);
    cdk_sha256_hex(digest, hex);
}

static struct cdk_migration *
list_add(struct cdk_migration_list *list)
{
    struct cdk_migration *m;

    CDK_ALLOC_GROW(list->items, list->n + 1, list->alloc);
    m = &list->items[list->n++];
    memset(m, 0, sizeof(*m));
    return m;
}

static int
cmp_version(const void *a, const void *b)
{
    const struct cdk_migration *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

/*
 * Merge the files in `set` with the rows recorded in the database into
 * `out`, in version order.
 */
static int
build_list(struct cdk_db *db, const struct cdk_embedded *set, size_t nset,
           struct cdk_migration_list *out, struct cdk_error *err)
{
    const char *params[1] = {"claimdesk.schema_migrations"};
    struct cdk_rows rows = CDK_ROWS_INIT;
    char *exists = NULL;
    size_t i, r;
    int rc = -1;

    for (i = 0; i < nset; i++) {
        struct cdk_migration *m;
        char hex[65];
        if (!set[i].name)
            continue;
        if (parse_version(set[i].name) < 0) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "migration file name '%s' does not start with "
                          "NNNN_",
                          set[i].name);
            goto done;
        }
        for (r = 0; r < out->n; r++) {
            if (out->items[r].version == parse_version(set[i].name)) {
                cdk_error_set(err, CDK_ERR_FAILURE,
                              "migrations '%s' and '%s' have the same "
                              "version number",
                              out->items[r].name, set[i].name);
                cdk_error_hint(err, "renumber the newer one");
                goto done;
            }
        }
        m = list_add(out);
        m->version = parse_version(set[i].name);
        m->name = cdk_xstrdup(set[i].name);
        file_checksum(&set[i], hex);
        m->checksum = cdk_xstrdup(hex);
        m->state = CDK_MIGRATION_PENDING;
    }
    if (cdk_db_query_value(db, sql_select_table_exists, 1, params, &exists,
                           err) < 0)
        goto done;
    if (!exists || strcmp(exists, "t") != 0) {
        rc = 0;
        goto done;
    }
    if (cdk_db_query(db, sql_select_migrations, 0, NULL, &rows, err) < 0)
        goto done;
    for (r = 0; r < rows.nrows; r++) {
        const char *v = cdk_rows_get(&rows, r, "version");
        const char *sum = cdk_rows_get(&rows, r, "checksum");
        int version = v ? (int)strtol(v, NULL, 10) : 0;
        struct cdk_migration *m = NULL;
        size_t n = out->n;
        for (i = 0; i < n; i++)
            if (out->items[i].version == version)
                m = &out->items[i];
        if (!m) {
            m = list_add(out);
            m->version = version;
            m->name = cdk_xstrdup(cdk_rows_get(&rows, r, "name")
                                      ? cdk_rows_get(&rows, r, "name")
                                      : "?");
            m->checksum = cdk_xstrdup(sum ? sum : "");
            m->state = CDK_MIGRATION_UNKNOWN;
        } else {
            m->state = sum && strcmp(sum, m->checksum) == 0
                           ? CDK_MIGRATION_APPLIED
                           : CDK_MIGRATION_CHANGED;
        }
        m->applied_at =
            cdk_xstrdup_or_null(cdk_rows_get(&rows, r, "applied_at"));
        m->applied_by =
            cdk_xstrdup_or_null(cdk_rows_get(&rows, r, "applied_by"));
    }
    qsort(out->items, out->n, sizeof(out->items[0]), cmp_version);
    rc = 0;
done:
    free(exists);
    cdk_rows_release(&rows);
    return rc;
}

int
cdk_migrate_status(struct cdk_db *db, struct cdk_migration_list *out,
                   struct cdk_error *err)
{
    return build_list(db, cdk_embedded_migrations,
                      cdk_embedded_migrations_count, out, err);
}

/* Refuse when an applied migration changed or is unknown. */
static int
check_applied(const struct cdk_migration_list *list, struct cdk_error *err)
{
    size_t i;

    for (i = 0; i < list->n; i++) {
        const struct cdk_migration *m = &list->items[i];
        if (m->state == CDK_MIGRATION_CHANGED) {
            cdk_error_set(err, CDK_ERR_CONFLICT,
                          "migration '%s' was changed after it was applied",
                          m->name);
            cdk_error_detail(err, "its checksum no longer matches the one "
                                  "recorded in claimdesk.schema_migrations");
            cdk_error_hint(err, "migrations are forward-only: restore the "
                                "file and put the change in a new migration");
            return -1;
        }
        if (m->state == CDK_MIGRATION_UNKNOWN) {
            cdk_error_set(err, CDK_ERR_CONFLICT,
                          "the database has migration %04d ('%s') that this "
                          "claimdesk does not know",
                          m->version, m->name);
            cdk_error_hint(err, "the database is newer than this program: "
                                "upgrade claimdesk");
            return -1;
        }
    }
    return 0;
}

static const struct cdk_embedded *
find_file(const struct cdk_embedded *set, size_t nset, const char *name)
{
    size_t i;

    for (i = 0; i < nset; i++)
        if (set[i].name && strcmp(set[i].name, name) == 0)
            return &set[i];
    return NULL;
}

static int
apply_one(struct cdk_db *db, const struct cdk_migration *m,
          const struct cdk_embedded *f, struct cdk_error *err)
{
    char version[16];
    const char *params[3];

    snprintf(version, sizeof(version), "%d", m->version);
    params[0] = version;
    params[1] = m->name;
    params[2] = m->checksum;
    if (cdk_db_begin(db, err) < 0)
        return -1;
    if (cdk_db_exec_script(db, f->data, err) < 0 ||
        cdk_db_exec(db, sql_insert_migration, 3, params, NULL, err) < 0 ||
        cdk_db_commit(db, err) < 0) {
        if (cdk_db_in_transaction(db))
            (void)cdk_db_rollback(db, NULL);
        cdk_error_prefix(err, "migration '%s'", m->name);
        return -1;
    }
    return 0;
}

int
cdk_migrate_apply_set(struct cdk_db *db, const struct cdk_embedded *set,
                      size_t nset, cdk_migrate_progress_fn progress, void *arg,
                      int *applied, struct cdk_error *err)
{
    const char *key[1] = {MIGRATE_LOCK_KEY};
    struct cdk_migration_list list = CDK_MIGRATION_LIST_INIT;
    size_t i;
    int rc = -1, count = 0;

    if (applied)
        *applied = 0;
    if (cdk_db_exec(db, sql_lock_migrations, 1, key, NULL, err) < 0)
        return -1;
    if (cdk_db_exec(db, sql_create_schema, 0, NULL, NULL, err) < 0 ||
        cdk_db_exec(db, sql_create_migrations, 0, NULL, NULL, err) < 0)
        goto done;
    if (build_list(db, set, nset, &list, err) < 0 ||
        check_applied(&list, err) < 0)
        goto done;
    for (i = 0; i < list.n; i++) {
        const struct cdk_migration *m = &list.items[i];
        if (m->state != CDK_MIGRATION_PENDING)
            continue;
        if (progress)
            progress(arg, m);
        if (apply_one(db, m, find_file(set, nset, m->name), err) < 0)
            goto done;
        count++;
    }
    rc = 0;
done:
    if (applied)
        *applied = count;
    (void)cdk_db_exec(db, sql_unlock_migrations, 1, key, NULL, NULL);
    cdk_migration_list_release(&list);
    return rc;
}

int
cdk_migrate_apply(struct cdk_db *db, cdk_migrate_progress_fn progress,
                  void *arg, int *applied, struct cdk_error *err)
{
    return cdk_migrate_apply_set(db, cdk_embedded_migrations,
                                 cdk_embedded_migrations_count, progress, arg,
                                 applied, err);
}

int
cdk_migrate_check(struct cdk_db *db, struct cdk_error *err)
{
    struct cdk_migration_list list = CDK_MIGRATION_LIST_INIT;
    size_t i, pending = 0;
    int rc = -1;

    if (cdk_migrate_status(db, &list, err) < 0)
        goto done;
    if (check_applied(&list, err) < 0)
        goto done;
    for (i = 0; i < list.n; i++)
        if (list.items[i].state == CDK_MIGRATION_PENDING)
            pending++;
    if (pending) {
        cdk_error_set(err, CDK_ERR_FAILURE,
                      "the database schema is not up to date (%zu "
                      "migration%s pending)",
                      pending, pending == 1 ? "" : "s");
        cdk_error_hint(err, "run 'claimdesk migrate'");
        goto done;
    }
    rc = 0;
done:
    cdk_migration_list_release(&list);
    return rc;
}

int
cdk_migrate_version(struct cdk_db *db, struct cdk_error *err)
{
    const char *params[1] = {"claimdesk.schema_migrations"};
    char *v = NULL;
    int version = 0;

    if (cdk_db_query_value(db, sql_select_table_exists, 1, params, &v, err) < 0)
        return -1;
    if (!v || strcmp(v, "t") != 0) {
        free(v);
        return 0;
    }
    free(v);
    v = NULL;
    if (cdk_db_query_value(db, sql_select_version, 0, NULL, &v, err) < 0)
        return -1;
    if (v)
        version = (int)strtol(v, NULL, 10);
    free(v);
    return version;
}
