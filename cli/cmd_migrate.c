/*
 * claimdesk migrate [--status [--json]]: apply the embedded migrations, or
 * list which are applied and pending (the runner is db/migrate.c).
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "db/migrate.h"

static void
migrate_usage(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk migrate [--status [--json]]\n"
            "\n"
            "Apply the pending schema migrations, in order, each in its own "
            "transaction.\n"
            "Running it again does nothing; concurrent runs wait for each "
            "other. It\n"
            "refuses to run when an applied migration's file has changed "
            "since.\n"
            "\n"
            "  -s, --status  list every migration: applied, pending, changed "
            "or unknown\n"
            "                (exit 4 when any is changed or unknown)\n"
            "      --json    with --status: a JSON object\n"
            "  -h, --help    show this help\n");
}

static void
progress(void *arg, const struct cdk_migration *m)
{
    const struct cli_ctx *ctx = arg;

    if (!ctx->quiet)
        fprintf(stderr, "claimdesk: applying %s\n", m->name);
}

static int
show_status(struct cli_ctx *ctx, bool json)
{
    struct cdk_migration_list list = CDK_MIGRATION_LIST_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    size_t i, pending = 0, bad = 0;
    int version = 0;

    if (cdk_migrate_status(ctx->db, &list, &err) < 0)
        return cli_error(&err);
    for (i = 0; i < list.n; i++) {
        const struct cdk_migration *m = &list.items[i];
        if (m->state == CDK_MIGRATION_PENDING)
            pending++;
        else if (m->state == CDK_MIGRATION_APPLIED && m->version > version)
            version = m->version;
        else if (m->state != CDK_MIGRATION_APPLIED)
            bad++;
    }
    if (json) {
        json_t *o = json_object(), *a = json_array();
        for (i = 0; i < list.n; i++) {
            const struct cdk_migration *m = &list.items[i];
            json_t *e = json_object();
            json_object_set_new(e, "version", json_integer(m->version));
            json_object_set_new(e, "name", json_string(m->name));
            json_object_set_new(
                e, "state", json_string(cdk_migration_state_name(m->state)));
            json_object_set_new(e, "checksum", json_string(m->checksum));
            json_object_set_new(e, "applied_at",
                                m->applied_at ? json_string(m->applied_at)
                                              : json_null());
            json_object_set_new(e, "applied_by",
                                m->applied_by ? json_string(m->applied_by)
                                              : json_null());
            json_array_append_new(a, e);
        }
        json_object_set_new(o, "schema_version", json_integer(version));
        json_object_set_new(o, "pending", json_integer((json_int_t)pending));
        json_object_set_new(o, "migrations", a);
        cli_print_json(o);
    } else {
        printf("%-7s  %-8s  %-32s  %s\n", "version", "state", "name",
               "applied at");
        for (i = 0; i < list.n; i++) {
            const struct cdk_migration *m = &list.items[i];
            printf("%04d     %-8s  %-32s  %s\n", m->version,
                   cdk_migration_state_name(m->state), m->name,
                   m->applied_at ? m->applied_at : "-");
        }
        printf("schema version %d; %zu pending\n", version, pending);
    }
    cdk_migration_list_release(&list);
    if (bad) {
        /* Name the first offender the way 'migrate' itself would. */
        struct cdk_error e2 = CDK_ERROR_INIT;
        if (cdk_migrate_check(ctx->db, &e2) < 0)
            return cli_error(&e2);
        return 4;
    }
    return 0;
}

int
cmd_migrate(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"status", no_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_error err = CDK_ERROR_INIT;
    bool status_only = false, json = false;
    int opt, applied = 0, version;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+sh", long_options, NULL)) != -1) {
        switch (opt) {
        case 's':
            status_only = true;
            break;
        case 'j':
            json = true;
            break;
        case 'h':
            migrate_usage(stdout);
            return 0;
        default:
            return cli_usage_error("migrate", "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("migrate", "unexpected argument '%s'",
                               argv[optind]);
    if (json && !status_only)
        return cli_usage_error("migrate", "--json goes with --status");
    if (status_only)
        return show_status(ctx, json);
    if (cdk_migrate_apply(ctx->db, progress, ctx, &applied, &err) < 0)
        return cli_error(&err);
    version = cdk_migrate_version(ctx->db, &err);
    if (version < 0)
        return cli_error(&err);
    if (applied)
        printf("applied %d migration%s; schema version %d\n", applied,
               applied == 1 ? "" : "s", version);
    else
        printf("nothing to do: schema version %d is current\n", version);
    return 0;
}
