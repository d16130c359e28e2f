/*
 * The local cluster claimdesk runs itself (DESIGN §7): a PostgreSQL data
 * directory under $CLAIMDESK_HOME, reachable only through a unix socket in
 * a private directory (no TCP at all), its server log beside it.
 *
 * Layout of a home:
 *   HOME/data/        the data directory (initdb on first start)
 *   HOME/run/         the socket directory, mode 0700, owned by the server
 *   HOME/server.log   the server's log
 *   HOME/.lock        flock()ed while starting or stopping
 *
 * HOME is $CLAIMDESK_HOME, else /var/lib/claimdesk for root (root's own
 * home is 0700, so the server user could not reach a cluster below it),
 * else $XDG_DATA_HOME/claimdesk, else ~/.local/share/claimdesk.
 *
 * When the caller is root the server runs as the unprivileged OS user
 * "claimdesk" ($CLAIMDESK_SERVER_USER overrides the name), created with
 * useradd --system when missing; the home, data and socket directories
 * are then owned by that user. The database superuser is named after the
 * calling OS user, so psql and libpq's defaults connect as it.
 *
 * PostgreSQL's programs are found through $CLAIMDESK_PG_BINDIR, else
 * pg_ctl on PATH, else `pg_config --bindir`, else the newest
 * /usr/lib/postgresql/N/bin; start and stop prefer the bin directory of
 * an existing cluster's own major version and refuse a mismatch.
 *
 * None of these functions print; they run programs (initdb, pg_ctl,
 * useradd) with their output captured into the error on failure.
 */
#ifndef CDK_DB_CLUSTER_H
#define CDK_DB_CLUSTER_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/error.h"

#define CDK_CLUSTER_DBNAME "claimdesk"
#define CDK_CLUSTER_PORT 5432
#define CDK_CLUSTER_OS_USER "claimdesk"

/*
 * Append the cluster's home to `out`: $CLAIMDESK_HOME or the default
 * above, made absolute and with symlinks resolved when it exists. Fails
 * (CDK_ERR_FAILURE) only when no home can be determined.
 */
int cdk_cluster_home(struct cdk_buf *out, struct cdk_error *err);

/*
 * Append the conninfo of database `dbname` on the cluster in `home` (as
 * given by cdk_cluster_home): host (the socket directory), port, dbname.
 * No user: libpq's default (the OS user) is the superuser's name.
 */
void cdk_cluster_conninfo(const char *home, const char *dbname,
                          struct cdk_buf *out);

/* Append HOME/data, HOME/run, HOME/server.log to `out`. */
void cdk_cluster_datadir(const char *home, struct cdk_buf *out);
void cdk_cluster_sockdir(const char *home, struct cdk_buf *out);
void cdk_cluster_logfile(const char *home, struct cdk_buf *out);

/*
 * Append the directory holding pg_ctl, initdb and postgres to `out`.
 * Fails (CDK_ERR_FAILURE, with a hint to install postgresql or set
 * CLAIMDESK_PG_BINDIR) when none is found.
 */
int cdk_cluster_bindir(struct cdk_buf *out, struct cdk_error *err);

struct cdk_cluster_options {
    bool no_sync; /* fsync, full_page_writes, synchronous_commit off:
                     for throwaway clusters (tests); a crash loses data */
    int timeout;  /* seconds to wait for start/stop; 0 = 60 */
};

/* What cdk_cluster_start did, for the caller to report. */
struct cdk_cluster_start_result {
    bool initialised;       /* initdb ran (first start) */
    bool already_running;   /* nothing done: it runs */
    bool removed_stale_pid; /* a stale postmaster.pid was removed */
    bool created_database;  /* database "claimdesk" was created */
};

/*
 * Start the cluster in `home` (initdb first when there is none), wait
 * until it accepts connections, and create the database
 * CDK_CLUSTER_DBNAME when missing. Already running is success with
 * res->already_running. Clear failures: a live server process that does
 * not answer, the socket in use by another process, a data directory the
 * server user cannot reach, pg_ctl failing (the log's tail in the detail)
 * or timing out. `opts` may be NULL. Talks to the DB (it is the server).
 */
int cdk_cluster_start(const char *home, const struct cdk_cluster_options *opts,
                      struct cdk_cluster_start_result *res,
                      struct cdk_error *err);

/*
 * Stop the cluster in `home` (fast shutdown, waiting up to the timeout;
 * `immediate` skips the checkpoint, for throwaway clusters). *was_running
 * says whether there was anything to stop; not running is success.
 */
int cdk_cluster_stop(const char *home, bool immediate, int timeout,
                     bool *was_running, struct cdk_error *err);

struct cdk_cluster_status {
    bool initialised;    /* HOME/data holds a cluster */
    bool running;        /* it accepts connections on its socket */
    long pid;            /* the postmaster's pid from postmaster.pid, or 0 */
    char pg_version[16]; /* HOME/data/PG_VERSION, or "" */
};

/* Fill *st for the cluster in `home`. Never fails. Pings the server. */
void cdk_cluster_status(const char *home, struct cdk_cluster_status *st);

/*
 * Create database `dbname` on the running cluster in `home` (connecting
 * to "postgres") unless it exists; *created says which. Talks to the DB.
 */
int cdk_cluster_ensure_database(const char *home, const char *dbname,
                                bool *created, struct cdk_error *err);

#endif
