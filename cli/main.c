/*
 * claimdesk's front door: global options, the command table, the exit
 * status, and the final check that stdout was really written.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv, struct cli_ctx *ctx);
    unsigned flags;
    const char *summary;
};

/*
 * Commands whose subcommands need different preparation (db start needs
 * no server; db status does) connect themselves through cli_db_open.
 */
static const struct cli_command commands[] = {
    {"db", cmd_db, 0, "run the local cluster: start, stop, status, url, psql"},
    {"migrate", cmd_migrate, CDK_CMD_NEEDS_DB,
     "apply pending schema migrations (--status lists them)"},
    {"import", cmd_import, 0,
     "import articles from files, directories, stdin or a watched folder"},
    {"imports", cmd_imports, CDK_CMD_NEEDS_DB | CDK_CMD_NEEDS_SCHEMA,
     "list import runs; 'imports show N' shows one"},
    {"extract", cmd_extract, 0,
     "print the claims an article breaks into, as JSON (no database)"},
    {"model", cmd_model, 0,
     "train, evaluate and apply the check-worthiness model"},
    {"report", cmd_report, 0,
     "write claims with their verdicts as CSV, JSON, JSONL or markdown"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *out)
{
    size_t i;

    fprintf(out,
            "Usage: claimdesk [--db CONNINFO] [--quiet] COMMAND [OPTIONS] "
            "[ARGS]\n"
            "\n"
            "A fact-check desk: import articles, break them into claims, "
            "review them.\n"
            "\n"
            "Commands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "  %-10s %s\n"
            "\n"
            "Global options:\n"
            "  --db CONNINFO  database to use (else $CLAIMDESK_DB, else "
            "libpq's PG*\n"
            "                 environment, else the local cluster)\n"
            "  -q, --quiet    no progress or warnings\n"
            "  -h, --help     show this help\n"
            "  -V, --version  show the version\n"
            "\n"
            "Exit status: 0 success, 1 failure, 2 usage error, 3 not found, "
            "4 conflict,\n"
            "5 permission denied, 6 bad input data, 7 database "
            "unavailable.\n"
            "\n"
            "'claimdesk help COMMAND' or 'claimdesk COMMAND --help' "
            "describes a command.\n",
            "help", "describe a command");
}

static const struct cli_command *
find_command(const char *name)
{
    size_t i;

    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int
unknown_command(const char *name)
{
    fprintf(stderr, "claimdesk: '%s' is not a claimdesk command\n", name);
    fprintf(stderr, "Try 'claimdesk --help' for the list of commands.\n");
    return 2;
}

static int
run_command(const struct cli_command *c, int argc, char **argv,
            struct cli_ctx *ctx)
{
    int status;
    int i;

    ctx->cmd = c->name;
    /* --help needs no database, whatever the command's flags say. */
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return c->fn(argc, argv, ctx);
    }
    if (c->flags & CDK_CMD_NEEDS_DB) {
        status = cli_db_open(ctx, c->flags);
        if (status)
            return status;
    }
    status = c->fn(argc, argv, ctx);
    cli_db_close(ctx);
    return status;
}

/* Flush stdout and turn a write error (a full disk) into failure. */
static int
close_stdout(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            fprintf(stderr, "claimdesk: could not write output: %s\n",
                    strerror(errno));
        return status ? status : 1;
    }
    if (fclose(stdout) != 0 && errno != EPIPE) {
        fprintf(stderr, "claimdesk: could not write output: %s\n",
                strerror(errno));
        return status ? status : 1;
    }
    return status;
}

int
main(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"db", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct cli_ctx ctx = {0};
    const struct cli_command *c;
    int opt;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+qhV", long_options, NULL)) !=
           -1) {
        switch (opt) {
        case 'd':
            ctx.db_conninfo = optarg;
            break;
        case 'q':
            ctx.quiet = true;
            break;
        case 'h':
            usage(stdout);
            return close_stdout(0);
        case 'V':
            printf("claimdesk %s\n", CLAIMDESK_VERSION);
            return close_stdout(0);
        default:
            if (optopt == 'd' || (optind > 0 && optind <= argc &&
                                  strcmp(argv[optind - 1], "--db") == 0))
                return cli_usage_error(NULL, "option '--db' needs a value");
            return cli_usage_error(NULL, "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    argc -= optind;
    argv += optind;
    optind = 0; /* reset getopt for the command (GNU: full re-init) */

    if (strcmp(argv[0], "help") == 0) {
        char *help_argv[3];
        if (argc < 2) {
            usage(stdout);
            return close_stdout(0);
        }
        c = find_command(argv[1]);
        if (!c)
            return unknown_command(argv[1]);
        help_argv[0] = argv[1];
        help_argv[1] = (char *)"--help";
        help_argv[2] = NULL;
        return close_stdout(run_command(c, 2, help_argv, &ctx));
    }
    c = find_command(argv[0]);
    if (!c)
        return unknown_command(argv[0]);
    return close_stdout(run_command(c, argc, argv, &ctx));
}
