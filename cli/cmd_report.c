/*
 * claimdesk report: one row per claim, with its article, its current
 * verdict and the verdicts before it, as CSV, JSON, JSON Lines or
 * markdown, streamed from the database to standard output or, with -o,
 * to a file replaced atomically.
 */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "reports/report.h"

static void
report_usage(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk report [OPTIONS]\n"
            "\n"
            "Write one row per claim, in claim id order, with its article, its "
            "outlet,\n"
            "its current verdict (rating, conclusion, reviewer, approval, "
            "evidence) and\n"
            "the verdicts it replaced. Rows are streamed: memory stays flat "
            "whatever\n"
            "the number of claims. Times are UTC, ISO 8601.\n"
            "\n"
            "Options:\n"
            "  -f, --format FMT     csv (default), json, jsonl, markdown\n"
            "      --status S       only claims in status S (several: "
            "new,checkworthy)\n"
            "      --since D        only claims whose article was published at "
            "or after D\n"
            "                       (imported, when it has no date); D is a "
            "date or time\n"
            "      --until D        ... at or before D (a bare YYYY-MM-DD "
            "covers that day)\n"
            "      --outlet O       only claims from outlet O (name or "
            "domain)\n"
            "      --article ID     only claims of article ID\n"
            "      --reviewer R     only claims whose current verdict is by R\n"
            "  -o, --output FILE    write to FILE, replaced atomically when "
            "complete\n"
            "      --show-sql       print the query and its parameters; run "
            "nothing\n"
            "  -h, --help           show this help\n"
            "\n"
            "CSV is RFC 4180 with a header and CRLF line ends. A text cell "
            "starting\n"
            "with =, +, -, @, tab or CR gets a leading ' so that spreadsheets "
            "do not\n"
            "run it as a formula. evidence_urls is one URL per line in its "
            "cell.\n"
            "JSON is one array of objects; JSON Lines one object per line.\n"
            "\n"
            "Exit status: 0 written, 1 failure (the output could not be "
            "written),\n"
            "2 usage error, 7 database unavailable.\n");
}

/*
 * An interrupted report must not leave its temporary file behind: the
 * handler removes it (unlink is async-signal-safe) and dies of the signal.
 */
static char tmp_path[4096];
static volatile sig_atomic_t have_tmp;

static void
on_signal(int sig)
{
    if (have_tmp)
        unlink(tmp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
remove_tmp_on_signal(const char *path)
{
    struct sigaction sa;

    if (strlen(path) >= sizeof(tmp_path))
        return;
    memcpy(tmp_path, path, strlen(path) + 1);
    have_tmp = 1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
}

static void
show_sql(const struct cdk_report_filter *filter)
{
    const char *params[CDK_REPORT_NPARAMS];
    const char *sql = cdk_report_sql(filter, params);
    int i;

    printf("%s;\n", sql);
    for (i = 0; i < CDK_REPORT_NPARAMS; i++)
        printf("-- $%d = %s\n", i + 1, params[i] ? params[i] : "NULL");
}

int
cmd_report(int argc, char **argv, struct cli_ctx *ctx)
{
    enum {
        OPT_STATUS = 256,
        OPT_SINCE,
        OPT_UNTIL,
        OPT_OUTLET,
        OPT_ARTICLE,
        OPT_REVIEWER,
        OPT_SHOW_SQL
    };
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'},
        {"status", required_argument, NULL, OPT_STATUS},
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"outlet", required_argument, NULL, OPT_OUTLET},
        {"article", required_argument, NULL, OPT_ARTICLE},
        {"reviewer", required_argument, NULL, OPT_REVIEWER},
        {"output", required_argument, NULL, 'o'},
        {"show-sql", no_argument, NULL, OPT_SHOW_SQL},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_report_filter filter = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_file file = {0};
    struct cdk_report_sink *sink = NULL;
    enum cdk_report_format format = CDK_REPORT_CSV;
    const char *output = NULL;
    bool sql_only = false;
    size_t nrows = 0;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "+f:o:qh", long_options, NULL)) !=
           -1) {
        switch (opt) {
        case 'f':
            if (cdk_report_format_parse(optarg, &format, &err) < 0)
                return cli_usage_error("report", "%s", err.message);
            break;
        case OPT_STATUS:
            filter.status = optarg;
            break;
        case OPT_SINCE:
            filter.since = optarg;
            break;
        case OPT_UNTIL:
            filter.until = optarg;
            break;
        case OPT_OUTLET:
            filter.outlet = optarg;
            break;
        case OPT_ARTICLE:
            filter.article = optarg;
            break;
        case OPT_REVIEWER:
            filter.reviewer = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_SHOW_SQL:
            sql_only = true;
            break;
        case 'q':
            ctx->quiet = true;
            break;
        case 'h':
            report_usage(stdout);
            return 0;
        default:
            return cli_usage_error("report", "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument '%s'",
                               argv[optind]);
    if (cdk_report_filter_check(NULL, &filter, &err) < 0)
        return cli_usage_error("report", "%s", err.message);
    if (sql_only) {
        show_sql(&filter);
        return 0;
    }
    sink = cdk_report_sink_new(format, stdout, &err);
    if (!sink)
        return cli_usage_error("report", "%s", err.message);

    status = cli_db_open(ctx, CDK_CMD_NEEDS_DB | CDK_CMD_NEEDS_SCHEMA);
    if (status)
        goto out;
    if (cdk_report_filter_check(ctx->db, &filter, &err) < 0) {
        status = err.code == CDK_ERR_USAGE
                     ? cli_usage_error("report", "%s", err.message)
                     : cli_error(&err);
        goto out;
    }
    if (output) {
        if (cdk_report_file_open(&file, output, &err) < 0) {
            status = cli_error(&err);
            goto out;
        }
        sink->out = file.fp;
        if (file.tmp)
            remove_tmp_on_signal(file.tmp);
    } else {
        /* The sink buffers already; unbuffered, a failed write leaves
         * nothing behind for main's final flush to fail on again. */
        setvbuf(stdout, NULL, _IONBF, 0);
    }
    if (cdk_report_write(ctx->db, &filter, sink, &nrows, &err) < 0) {
        status = cli_error(&err);
        if (!output)
            clearerr(stdout); /* reported once, here */
        goto out;
    }
    if (output) {
        if (cdk_report_file_commit(&file, &err) < 0) {
            status = cli_error(&err);
            goto out;
        }
        if (!ctx->quiet)
            fprintf(stderr, "claimdesk: %zu claim%s written to '%s'\n", nrows,
                    nrows == 1 ? "" : "s", output);
    }
out:
    if (output) {
        have_tmp = 0;
        cdk_report_file_abort(&file);
    }
    cdk_report_sink_free(sink);
    cli_db_close(ctx);
    return status;
}
