/*
 * claimdesk db start|stop|status|url|psql: the local cluster claimdesk
 * runs itself (DESIGN §7; the work is in db/cluster.c), and the
 * connection every database command gets from the dispatcher.
 *
 * The db verbs always act on the local cluster under $CLAIMDESK_HOME,
 * whatever --db says: they manage a server, they are not clients of one.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/buf.h"
#include "db/cluster.h"
#include "db/db.h"
#include "db/migrate.h"

static void
print_notice(void *arg, const char *severity, const char *message)
{
    const struct cli_ctx *ctx = arg;

    /* NOTICEs ("already exists, skipping") are noise; warnings are not. */
    if (strcmp(severity, "WARNING") == 0)
        cli_warn(ctx, "%s", message);
}

int
cli_db_open(struct cli_ctx *ctx, unsigned flags)
{
    struct cdk_error err = CDK_ERROR_INIT;
    int status;

    ctx->db = cdk_db_connect(ctx->db_conninfo, &err);
    if (!ctx->db)
        return cli_error(&err);
    cdk_db_set_notice_handler(ctx->db, print_notice, ctx);
    if ((flags & CDK_CMD_NEEDS_SCHEMA) &&
        cdk_migrate_check(ctx->db, &err) < 0) {
        status = cli_error(&err);
        cli_db_close(ctx);
        return status;
    }
    return 0;
}

void
cli_db_close(struct cli_ctx *ctx)
{
    cdk_db_close(ctx->db);
    ctx->db = NULL;
}

static void
db_usage(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk db start [--no-sync] [--timeout SECONDS]\n"
            "       claimdesk db stop [--immediate] [--timeout SECONDS]\n"
            "       claimdesk db status [--json]\n"
            "       claimdesk db url [--dbname NAME]\n"
            "       claimdesk db psql [--] [PSQL-ARGS...]\n"
            "\n"
            "Run the private PostgreSQL cluster claimdesk manages itself, "
            "under\n"
            "$CLAIMDESK_HOME (default ~/.local/share/claimdesk; "
            "/var/lib/claimdesk for\n"
            "root). It listens on a unix socket in HOME/run only (no TCP); "
            "as root the\n"
            "server runs as the OS user 'claimdesk'.\n"
            "\n"
            "  start    initdb on first use, start the server, create the "
            "database and\n"
            "           migrate it (already running is fine)\n"
            "      --no-sync         fsync off: for throwaway clusters "
            "(tests), a crash\n"
            "                        may lose data (applies at initdb)\n"
            "      --timeout SECONDS how long to wait for the server "
            "(default 60)\n"
            "  stop     stop the server (not running is fine)\n"
            "      --immediate       skip the shutdown checkpoint\n"
            "  status   whether it runs, where, and the schema version; "
            "exit 7 when it\n"
            "           does not run\n"
            "      --json            as a JSON object\n"
            "  url      print a conninfo for psql or CLAIMDESK_DB\n"
            "      --dbname NAME     another database on the cluster\n"
            "  psql     run psql on the claimdesk database; other arguments "
            "go to psql\n"
            "\n"
            "Environment: CLAIMDESK_HOME, CLAIMDESK_PG_BINDIR (where "
            "pg_ctl is),\n"
            "CLAIMDESK_SERVER_USER (the OS user for the server when run as "
            "root).\n");
}

static int
parse_seconds(const char *s, int *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v <= 0 || v > 3600)
        return cli_usage_error("db",
                               "--timeout wants 1 to 3600 seconds, "
                               "not '%s'",
                               s);
    *out = (int)v;
    return 0;
}

static int
home_or_fail(struct cdk_buf *home)
{
    struct cdk_error err = CDK_ERROR_INIT;

    if (cdk_cluster_home(home, &err) < 0)
        return cli_error(&err);
    return 0;
}

static void
migrate_progress(void *arg, const struct cdk_migration *m)
{
    const struct cli_ctx *ctx = arg;

    if (!ctx->quiet)
        fprintf(stderr, "claimdesk: applying %s\n", m->name);
}

static int
db_start(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"no-sync", no_argument, NULL, 'n'},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_cluster_options opts = {false, 60};
    struct cdk_cluster_start_result res;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf home = CDK_BUF_INIT, conninfo = CDK_BUF_INIT;
    struct cdk_db *db = NULL;
    int opt, status = 0, applied = 0, version;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'n':
            opts.no_sync = true;
            break;
        case 't':
            if ((status = parse_seconds(optarg, &opts.timeout)) != 0)
                return status;
            break;
        case 'h':
            db_usage(stdout);
            return 0;
        default:
            return cli_usage_error("db", "unknown option '%s' for 'db start'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("db", "unexpected argument '%s'", argv[optind]);
    if ((status = home_or_fail(&home)) != 0)
        return status;
    if (cdk_cluster_start(home.buf, &opts, &res, &err) < 0) {
        status = cli_error(&err);
        goto done;
    }
    if (res.removed_stale_pid)
        cli_warn(ctx, "removed a stale postmaster.pid left by a server "
                      "that is gone");
    if (res.initialised)
        printf("initialised a new cluster in %s/data\n", home.buf);
    cdk_cluster_conninfo(home.buf, CDK_CLUSTER_DBNAME, &conninfo);
    if (res.already_running)
        printf("the local cluster is already running: %s\n", conninfo.buf);
    else
        printf("started the local cluster: %s\n", conninfo.buf);

    db = cdk_db_connect_to(conninfo.buf, CDK_DB_SOURCE_LOCAL, &err);
    if (!db) {
        status = cli_error(&err);
        goto done;
    }
    cdk_db_set_notice_handler(db, print_notice, ctx);
    if (cdk_migrate_apply(db, migrate_progress, ctx, &applied, &err) < 0) {
        status = cli_error(&err);
        goto done;
    }
    version = cdk_migrate_version(db, &err);
    if (version < 0) {
        status = cli_error(&err);
        goto done;
    }
    if (applied)
        printf("applied %d migration%s; schema version %d\n", applied,
               applied == 1 ? "" : "s", version);
    else
        printf("schema version %d is current\n", version);
done:
    cdk_db_close(db);
    cdk_buf_release(&home);
    cdk_buf_release(&conninfo);
    return status;
}

static int
db_stop(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"immediate", no_argument, NULL, 'i'},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf home = CDK_BUF_INIT;
    bool immediate = false, was_running = false;
    int opt, timeout = 60, status = 0;

    (void)ctx;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'i':
            immediate = true;
            break;
        case 't':
            if ((status = parse_seconds(optarg, &timeout)) != 0)
                return status;
            break;
        case 'h':
            db_usage(stdout);
            return 0;
        default:
            return cli_usage_error("db", "unknown option '%s' for 'db stop'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("db", "unexpected argument '%s'", argv[optind]);
    if ((status = home_or_fail(&home)) != 0)
        return status;
    if (cdk_cluster_stop(home.buf, immediate, timeout, &was_running, &err) < 0)
        status = cli_error(&err);
    else if (was_running)
        printf("stopped the local cluster in %s\n", home.buf);
    else
        printf("the local cluster in %s is not running\n", home.buf);
    cdk_buf_release(&home);
    return status;
}

static int
db_status(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf home = CDK_BUF_INIT, conninfo = CDK_BUF_INIT,
                   data = CDK_BUF_INIT, sock = CDK_BUF_INIT, log = CDK_BUF_INIT;
    struct cdk_migration_list list = CDK_MIGRATION_LIST_INIT;
    struct cdk_cluster_status st;
    struct cdk_db *db = NULL;
    bool json = false;
    int opt, status = 0, version = -1;
    size_t i, pending = 0;

    (void)ctx;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'j':
            json = true;
            break;
        case 'h':
            db_usage(stdout);
            return 0;
        default:
            return cli_usage_error("db", "unknown option '%s' for 'db status'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("db", "unexpected argument '%s'", argv[optind]);
    if ((status = home_or_fail(&home)) != 0)
        return status;
    cdk_cluster_status(home.buf, &st);
    cdk_cluster_conninfo(home.buf, CDK_CLUSTER_DBNAME, &conninfo);
    cdk_cluster_datadir(home.buf, &data);
    cdk_cluster_sockdir(home.buf, &sock);
    cdk_cluster_logfile(home.buf, &log);
    if (st.running) {
        db = cdk_db_connect_to(conninfo.buf, CDK_DB_SOURCE_LOCAL, &err);
        if (db && cdk_migrate_status(db, &list, &err) == 0) {
            version = cdk_migrate_version(db, &err);
            for (i = 0; i < list.n; i++)
                if (list.items[i].state == CDK_MIGRATION_PENDING)
                    pending++;
        }
    }
    if (json) {
        json_t *o = json_object();
        json_object_set_new(o, "running", json_boolean(st.running));
        json_object_set_new(o, "initialised", json_boolean(st.initialised));
        json_object_set_new(o, "home", json_string(home.buf));
        json_object_set_new(o, "data_directory", json_string(data.buf));
        json_object_set_new(o, "socket_directory", json_string(sock.buf));
        json_object_set_new(o, "port", json_integer(CDK_CLUSTER_PORT));
        json_object_set_new(o, "log", json_string(log.buf));
        json_object_set_new(o, "pid",
                            st.pid ? json_integer(st.pid) : json_null());
        json_object_set_new(o, "postgresql",
                            st.pg_version[0] ? json_string(st.pg_version)
                                             : json_null());
        json_object_set_new(o, "url", json_string(conninfo.buf));
        json_object_set_new(o, "schema_version",
                            version >= 0 ? json_integer(version) : json_null());
        json_object_set_new(o, "migrations_pending",
                            version >= 0 ? json_integer((json_int_t)pending)
                                         : json_null());
        cli_print_json(o);
    } else {
        if (st.running)
            printf("the local cluster is running\n");
        else if (st.initialised)
            printf("the local cluster is not running\n");
        else
            printf("there is no local cluster yet\n");
        printf("  home:        %s\n", home.buf);
        printf("  data:        %s%s\n", data.buf,
               st.initialised ? "" : " (not initialised)");
        printf("  socket:      %s (port %d, no TCP)\n", sock.buf,
               CDK_CLUSTER_PORT);
        printf("  log:         %s\n", log.buf);
        if (st.pid)
            printf("  pid:         %ld\n", st.pid);
        if (st.pg_version[0])
            printf("  postgresql:  %s\n", st.pg_version);
        if (st.running)
            printf("  url:         %s\n", conninfo.buf);
        if (version >= 0) {
            if (pending)
                printf("  schema:      version %d, %zu migration%s pending "
                       "(run 'claimdesk migrate')\n",
                       version, pending, pending == 1 ? "" : "s");
            else
                printf("  schema:      version %d, up to date\n", version);
        } else if (st.running) {
            printf("  schema:      unknown (%s)\n", err.message);
        }
    }
    if (!st.running) {
        if (!json)
            fprintf(stderr, "hint: start it with 'claimdesk db start'\n");
        status = 7;
    }
    cdk_migration_list_release(&list);
    cdk_db_close(db);
    cdk_buf_release(&home);
    cdk_buf_release(&conninfo);
    cdk_buf_release(&data);
    cdk_buf_release(&sock);
    cdk_buf_release(&log);
    return status;
}

static int
db_url(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"dbname", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_buf home = CDK_BUF_INIT, conninfo = CDK_BUF_INIT;
    const char *dbname = CDK_CLUSTER_DBNAME;
    int opt, status;

    (void)ctx;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'd':
            dbname = optarg;
            break;
        case 'h':
            db_usage(stdout);
            return 0;
        default:
            if (optopt == 'd')
                return cli_usage_error("db", "option '%s' needs a value",
                                       "--dbname");
            return cli_usage_error("db", "unknown option '%s' for 'db url'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("db", "unexpected argument '%s'", argv[optind]);
    if ((status = home_or_fail(&home)) != 0)
        return status;
    cdk_cluster_conninfo(home.buf, dbname, &conninfo);
    printf("%s\n", conninfo.buf);
    cdk_buf_release(&home);
    cdk_buf_release(&conninfo);
    return 0;
}

static int
db_psql(int argc, char **argv, struct cli_ctx *ctx)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf home = CDK_BUF_INIT, conninfo = CDK_BUF_INIT,
                   bindir = CDK_BUF_INIT, psql = CDK_BUF_INIT;
    char **args;
    int i, n = 0, status, first = 1;

    (void)ctx;
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    if ((status = home_or_fail(&home)) != 0)
        return status;
    cdk_cluster_conninfo(home.buf, CDK_CLUSTER_DBNAME, &conninfo);
    if (!cdk_db_ping(conninfo.buf)) {
        cdk_buf_release(&home);
        cdk_buf_release(&conninfo);
        return cli_fail(7, "the local cluster is not running; start it with "
                           "'claimdesk db start'");
    }
    /* The psql of the server's own version when there is one. */
    if (cdk_cluster_bindir(&bindir, &err) == 0) {
        cdk_buf_addf(&psql, "%s/psql", bindir.buf);
        if (access(psql.buf, X_OK) != 0)
            cdk_buf_reset(&psql);
    }
    if (!psql.len)
        cdk_buf_adds(&psql, "psql");
    args = calloc((size_t)argc + 4, sizeof(char *));
    if (!args)
        return cli_fail(1, "out of memory");
    args[n++] = psql.buf;
    args[n++] = (char *)"-d";
    args[n++] = conninfo.buf;
    for (i = first; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    fflush(stdout);
    execvp(args[0], args);
    status = cli_fail(1, "could not run '%s': %s", args[0], strerror(errno));
    free(args);
    cdk_buf_release(&home);
    cdk_buf_release(&conninfo);
    cdk_buf_release(&bindir);
    cdk_buf_release(&psql);
    return status;
}

int
cmd_db(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **, struct cli_ctx *);
    } verbs[] = {
        {"start", db_start}, {"stop", db_stop}, {"status", db_status},
        {"url", db_url},     {"psql", db_psql},
    };
    size_t i;

    if (argc < 2) {
        db_usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        db_usage(stdout);
        return 0;
    }
    for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        if (strcmp(argv[1], verbs[i].name) == 0) {
            optind = 0;
            return verbs[i].fn(argc - 1, argv + 1, ctx);
        }
    }
    if (argv[1][0] == '-')
        return cli_usage_error("db", "unknown option '%s'", argv[1]);
    return cli_usage_error("db",
                           "'%s' is not a db command (start, stop, status, "
                           "url, psql)",
                           argv[1]);
}
