/*
 * Fresh databases for integration tests (see testdb.h): clones of a
 * migrated template on the throwaway cluster of the ctest fixture.
 */
#include "testdb.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "db/cluster.h"
#include "db/db.h"
#include "db/migrate.h"

static const char sql_select_template[] =
    "SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1::name";

/* The cluster's home with symlinks resolved (keeps socket paths short). */
static int
cluster_home(struct cdk_buf *out, struct cdk_error *err)
{
    const char *home = getenv("CLAIMDESK_TEST_CLUSTER");
    char resolved[PATH_MAX];

    if (!home || !*home)
        return cdk_error_set(err, CDK_ERR_UNAVAILABLE,
                             "CLAIMDESK_TEST_CLUSTER is not set (run the "
                             "tests through ctest)");
    cdk_buf_adds(out, realpath(home, resolved) ? resolved : home);
    return 0;
}

int
cdk_testdb_conninfo(const char *dbname, struct cdk_buf *out,
                    struct cdk_error *err)
{
    struct cdk_buf home = CDK_BUF_INIT;

    if (cluster_home(&home, err) < 0)
        return -1;
    cdk_cluster_conninfo(home.buf, dbname, out);
    cdk_buf_release(&home);
    return 0;
}

void
cdk_testdb_require(void)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf c = CDK_BUF_INIT;

    if (cdk_testdb_conninfo("postgres", &c, &err) < 0) {
        fprintf(stderr, "skip: %s\n", err.message);
        exit(77);
    }
    if (!cdk_db_ping(c.buf)) {
        fprintf(stderr, "skip: the test cluster does not answer (%s)\n", c.buf);
        exit(77);
    }
    cdk_buf_release(&c);
}

static struct cdk_db *
connect_db(const char *dbname, struct cdk_error *err)
{
    struct cdk_buf c = CDK_BUF_INIT;
    struct cdk_db *db;

    if (cdk_testdb_conninfo(dbname, &c, err) < 0)
        return NULL;
    db = cdk_db_connect_to(c.buf, CDK_DB_SOURCE_EXPLICIT, err);
    cdk_buf_release(&c);
    return db;
}

int
cdk_testdb_create(const char *template_name, struct cdk_testdb *t,
                  struct cdk_error *err)
{
    static unsigned counter;
    struct cdk_buf name = CDK_BUF_INIT, sql = CDK_BUF_INIT,
                   conninfo = CDK_BUF_INIT;
    struct timespec ts;
    struct cdk_db *db;
    int rc = -1;

    memset(t, 0, sizeof(*t));
    clock_gettime(CLOCK_REALTIME, &ts);
    cdk_buf_addf(&name, "t_%ld_%u_%ld", (long)getpid(), ++counter,
                 (long)(ts.tv_nsec % 1000000));
    db = connect_db("postgres", err);
    if (!db)
        goto done;
    cdk_buf_adds(&sql, "CREATE DATABASE ");
    cdk_db_quote_ident(&sql, name.buf);
    cdk_buf_adds(&sql, " TEMPLATE ");
    cdk_db_quote_ident(&sql, template_name);
    if (cdk_db_exec(db, sql.buf, 0, NULL, NULL, err) < 0)
        goto done;
    if (cdk_testdb_conninfo(name.buf, &conninfo, err) < 0)
        goto done;
    t->name = cdk_buf_detach(&name, NULL);
    t->conninfo = cdk_buf_detach(&conninfo, NULL);
    rc = 0;
done:
    cdk_db_close(db);
    cdk_buf_release(&name);
    cdk_buf_release(&sql);
    cdk_buf_release(&conninfo);
    return rc;
}

static struct cdk_db *
fresh_from(const char *template_name, struct cdk_testdb *out,
           struct cdk_error *err)
{
    struct cdk_testdb t;
    struct cdk_db *db;

    if (cdk_testdb_create(template_name, &t, err) < 0)
        return NULL;
    db = cdk_db_connect_to(t.conninfo, CDK_DB_SOURCE_EXPLICIT, err);
    if (out && db)
        *out = t;
    else
        cdk_testdb_release(&t);
    return db;
}

struct cdk_db *
cdk_testdb_fresh(struct cdk_testdb *t, struct cdk_error *err)
{
    return fresh_from(CDK_TESTDB_TEMPLATE, t, err);
}

struct cdk_db *
cdk_testdb_empty(struct cdk_testdb *t, struct cdk_error *err)
{
    return fresh_from("template0", t, err);
}

int
cdk_testdb_make_template(struct cdk_error *err)
{
    const char *params[1] = {CDK_TESTDB_TEMPLATE};
    struct cdk_db *admin, *db = NULL;
    char *one = NULL;
    int found, rc = -1;

    admin = connect_db("postgres", err);
    if (!admin)
        return -1;
    found =
        cdk_db_query_value(admin, sql_select_template, 1, params, &one, err);
    free(one);
    if (found < 0)
        goto done;
    if (found && (cdk_db_exec(admin,
                              "ALTER DATABASE " CDK_TESTDB_TEMPLATE
                              " WITH IS_TEMPLATE false ALLOW_CONNECTIONS true",
                              0, NULL, NULL, err) < 0 ||
                  cdk_db_exec(admin, "DROP DATABASE " CDK_TESTDB_TEMPLATE, 0,
                              NULL, NULL, err) < 0))
        goto done;
    if (cdk_db_exec(admin, "CREATE DATABASE " CDK_TESTDB_TEMPLATE, 0, NULL,
                    NULL, err) < 0)
        goto done;
    db = connect_db(CDK_TESTDB_TEMPLATE, err);
    if (!db || cdk_migrate_apply(db, NULL, NULL, NULL, err) < 0)
        goto done;
    cdk_db_close(db);
    db = NULL;
    if (cdk_db_exec(admin,
                    "ALTER DATABASE " CDK_TESTDB_TEMPLATE
                    " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false",
                    0, NULL, NULL, err) < 0)
        goto done;
    rc = 0;
done:
    cdk_db_close(db);
    cdk_db_close(admin);
    return rc;
}

void
cdk_testdb_release(struct cdk_testdb *t)
{
    free(t->name);
    free(t->conninfo);
    t->name = t->conninfo = NULL;
}
