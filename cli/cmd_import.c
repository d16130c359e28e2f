/*
 * claimdesk import: files, directories, standard input, or a watched drop
 * folder into the database; claimdesk imports: the runs, and one run with
 * its errors.
 */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/imports.h"
#include "importers/extract/model.h"
#include "importers/import.h"
#include "importers/watch.h"

static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void
catch_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static void
import_usage(FILE *out)
{
    fprintf(out,
        "Usage: claimdesk import [OPTIONS] PATH...\n"
        "       claimdesk import [OPTIONS] -\n"
        "       claimdesk import [OPTIONS] --watch DIR\n"
        "\n"
        "Store articles and the claims extracted from them. PATH may be a "
        "file,\n"
        "a directory (read recursively, in sorted order) or - for "
        "standard input.\n"
        "An article already stored (same normalised body) is reported as a\n"
        "duplicate and not stored again; each article is stored whole or "
        "not at all.\n"
        "\n"
        "Options:\n"
        "  -f, --format FMT     auto (default), text, markdown, html, json, "
        "jsonl, csv\n"
        "      --strict         reject text that is not UTF-8 (default: "
        "decode it as\n"
        "                       Windows-1252 and warn)\n"
        "      --include GLOB   in directories, only files whose name "
        "matches GLOB\n"
        "      --outlet NAME    set the outlet of every article\n"
        "      --url URL        set the URL of every article\n"
        "      --published DATE set the publication date of every article\n"
        "  -n, --dry-run        extract and report, write nothing (no "
        "database)\n"
        "      --json           print the summary as JSON\n"
        "  -w, --watch DIR      import files already in DIR, then each file "
        "as it\n"
        "                       arrives; move it to DIR/done/ or "
        "DIR/failed/\n"
        "      --once           with --watch: stop when DIR is empty\n"
        "      --batch N        articles per transaction (default 200)\n"
        "      --model FILE     score claims with this model (from 'claimdesk model\n"
        "                       train') instead of the bundled one\n"
        "  -h, --help           show this help\n"
        "\n"
        "Exit status: 0 all imported or duplicates, 6 some input was bad "
        "(the rest\n"
        "was imported), 7 database unavailable, 2 usage error.\n");
}

struct import_cli {
    struct cli_ctx *ctx;
    struct cli_progress progress;
    bool json;
    bool watch;
};

static void
hook_article(const struct cdk_article *a, bool duplicate,
             long long article_id, long long duplicate_of, size_t nclaims,
             void *arg)
{
    struct import_cli *ic = arg;
    size_t i;

    (void)nclaims;
    (void)article_id;
    if (ic->ctx->quiet)
        return;
    cli_progress_clear(&ic->progress);
    for (i = 0; i < a->nwarnings; i++) {
        if (a->line > 0)
            fprintf(stderr, "claimdesk: %s:%ld: warning: %s\n", a->origin,
                    a->line, a->warnings[i]);
        else
            fprintf(stderr, "claimdesk: %s: warning: %s\n", a->origin,
                    a->warnings[i]);
    }
    if (duplicate && duplicate_of)
        fprintf(stderr, "claimdesk: %s: duplicate of article %lld, not "
                "stored\n", a->origin, duplicate_of);
    else if (duplicate)
        fprintf(stderr, "claimdesk: %s: repeats an article earlier in "
                "this run, not stored\n", a->origin);
}

static void
hook_bad(const struct cdk_import_error *e, void *arg)
{
    struct import_cli *ic = arg;

    cli_progress_clear(&ic->progress);
    if (e->line > 0)
        fprintf(stderr, "claimdesk: %s:%ld: %s\n", e->file, e->line,
                e->message);
    else
        fprintf(stderr, "claimdesk: %s: %s\n", e->file, e->message);
}

static void
hook_file_done(size_t files_done, size_t articles_read, void *arg)
{
    struct import_cli *ic = arg;

    cli_progress_update(&ic->progress, files_done, articles_read);
}

/* "41233" -> "41,233" */
static void
thousands(char *out, size_t size, size_t v)
{
    char digits[32];
    size_t n, i, o = 0;

    n = (size_t)snprintf(digits, sizeof(digits), "%zu", v);
    for (i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void
print_summary(const struct cdk_import *imp, bool json, bool dry_run)
{
    const struct cdk_import_stats *st = cdk_import_stats(imp);
    const struct cdk_import_error *errs;
    size_t nerr, i;
    char claims[40];

    errs = cdk_import_errors(imp, &nerr);
    if (json) {
        json_t *o = json_object(), *arr = json_array();
        json_object_set_new(o, "files", json_integer((json_int_t)st->files));
        json_object_set_new(o, "imported",
                            json_integer((json_int_t)st->imported));
        json_object_set_new(o, "duplicates",
                            json_integer((json_int_t)st->duplicates));
        json_object_set_new(o, "failed", json_integer((json_int_t)st->failed));
        json_object_set_new(o, "claims", json_integer((json_int_t)st->claims));
        json_object_set_new(o, "seconds", json_real(st->seconds));
        if (!dry_run)
            json_object_set_new(o, "import_id",
                                json_integer(cdk_import_run_id(imp)));
        json_object_set_new(o, "dry_run", json_boolean(dry_run));
        for (i = 0; i < nerr; i++) {
            json_t *e = json_object();
            json_object_set_new(e, "file", json_string(errs[i].file));
            json_object_set_new(e, "line", errs[i].line > 0
                                               ? json_integer(errs[i].line)
                                               : json_null());
            json_object_set_new(e, "message", json_string(errs[i].message));
            json_array_append_new(arr, e);
        }
        json_object_set_new(o, "errors", arr);
        cli_print_json(o);
        return;
    }
    thousands(claims, sizeof(claims), st->claims);
    printf("%zu file%s: %zu %s, %zu duplicate%s, %zu failed; %s claims; "
           "%.1f s\n",
           st->files, st->files == 1 ? "" : "s", st->imported,
           dry_run ? "would be imported" : "imported", st->duplicates,
           st->duplicates == 1 ? "" : "s", st->failed, claims, st->seconds);
}

/* --- the watched folder ------------------------------------------------ */

struct watch_state {
    struct import_cli *ic;
    struct cdk_import_opts opts;
    struct cdk_import_hooks hooks;
    struct cdk_import_stats total; /* over every file taken */
};

static enum cdk_watch_outcome
watch_import(const char *path, void *arg, struct cdk_error *err)
{
    struct watch_state *ws = arg;
    struct cli_ctx *ctx = ws->ic->ctx;
    struct cdk_error first = CDK_ERROR_INIT;
    struct cdk_import *imp;
    struct cdk_buf origin = CDK_BUF_INIT;
    size_t bad = 0;
    const struct cdk_import_stats *st;
    enum cdk_watch_outcome out = CDK_WATCH_DONE;

    if (!ctx->db) { /* it went away before: connect again, quietly */
        ctx->db = cdk_db_connect(ctx->db_conninfo, err);
        if (!ctx->db)
            return CDK_WATCH_RETRY; /* not the file's fault, whatever it is */
    }
    cdk_buf_addf(&origin, "watch %s", path);
    ws->opts.origin = origin.buf;
    imp = cdk_import_begin(ctx->db, &ws->opts, &ws->hooks, err);
    if (!imp) {
        cdk_buf_release(&origin);
        if (err->code == CDK_ERR_UNAVAILABLE) {
            cli_db_close(ctx);
            return CDK_WATCH_RETRY;
        }
        return CDK_WATCH_FAILED;
    }
    if (cdk_import_file(imp, path, &bad, &first, err) ||
        cdk_import_finish(imp, err)) {
        out = err->code == CDK_ERR_UNAVAILABLE ? CDK_WATCH_RETRY
                                               : CDK_WATCH_FAILED;
        if (out == CDK_WATCH_RETRY)
            cli_db_close(ctx);
    } else if (bad) {
        cdk_error_copy(err, &first);
        if (bad > 1) {
            cdk_error_detail(err, "%zu bad inputs in this file; see "
                             "'claimdesk imports show %lld'",
                             bad, cdk_import_run_id(imp));
        }
        out = CDK_WATCH_FAILED;
    }
    if (out != CDK_WATCH_RETRY) {
        st = cdk_import_stats(imp);
        ws->total.files += st->files;
        ws->total.imported += st->imported;
        ws->total.duplicates += st->duplicates;
        ws->total.failed += st->failed;
        ws->total.claims += st->claims;
    }
    cdk_import_free(imp);
    cdk_buf_release(&origin);
    return out;
}

static void
watch_event(enum cdk_watch_event ev, const char *path,
            const struct cdk_error *e, unsigned retry_ms, void *arg)
{
    struct watch_state *ws = arg;

    if (ws->ic->ctx->quiet && ev != CDK_WATCH_EV_FAILED &&
        ev != CDK_WATCH_EV_WAITING)
        return;
    switch (ev) {
    case CDK_WATCH_EV_START:
        fprintf(stderr, "claimdesk: watching '%s'\n", path);
        break;
    case CDK_WATCH_EV_DONE:
        fprintf(stderr, "claimdesk: imported -> %s\n", path);
        break;
    case CDK_WATCH_EV_FAILED:
        fprintf(stderr, "claimdesk: failed -> %s: %s\n", path,
                e ? e->message : "");
        break;
    case CDK_WATCH_EV_WAITING:
        fprintf(stderr, "claimdesk: %s: %s; retrying in %.1f s\n", path,
                e ? e->message : "database unavailable", retry_ms / 1000.0);
        break;
    case CDK_WATCH_EV_SKIPPED:
        break;
    }
}

static int
run_watch(struct import_cli *ic, const char *dir,
          const struct cdk_import_opts *opts, bool once)
{
    struct watch_state ws = {0};
    struct cdk_watch_opts wo = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    int status;

    ws.ic = ic;
    ws.opts = *opts;
    ws.hooks.article = hook_article;
    ws.hooks.arg = ic;
    wo.dir = dir;
    wo.stop = &stop_requested;
    wo.idle_exit_ms = once ? 500 : 0;
    catch_signals();
    status = cdk_watch_run(&wo, watch_import, watch_event, &ws, &err);
    if (status)
        return cli_error(&err);
    if (!ic->ctx->quiet)
        fprintf(stderr, "claimdesk: stopped watching '%s': %zu files, %zu "
                "articles imported, %zu duplicates, %zu failed, %zu claims\n",
                dir, ws.total.files, ws.total.imported, ws.total.duplicates,
                ws.total.failed, ws.total.claims);
    return ws.total.failed ? 6 : 0;
}

/* --- import ------------------------------------------------------------ */

int
cmd_import(int argc, char **argv, struct cli_ctx *ctx)
{
    enum { OPT_STRICT = 256, OPT_INCLUDE, OPT_OUTLET, OPT_URL, OPT_PUBLISHED,
           OPT_JSON, OPT_ONCE, OPT_BATCH, OPT_MODEL };
    static const struct option long_options[] = {
        {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"outlet", required_argument, NULL, OPT_OUTLET},
        {"url", required_argument, NULL, OPT_URL},
        {"published", required_argument, NULL, OPT_PUBLISHED},
        {"dry-run", no_argument, NULL, 'n'},
        {"json", no_argument, NULL, OPT_JSON},
        {"watch", required_argument, NULL, 'w'},
        {"once", no_argument, NULL, OPT_ONCE},
        {"batch", required_argument, NULL, OPT_BATCH},
        {"model", required_argument, NULL, OPT_MODEL},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_import_opts opts = {0};
    struct cdk_import_hooks hooks = {0};
    struct import_cli ic = {0};
    struct cdk_file_list files = CDK_FILE_LIST_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf origin = CDK_BUF_INIT;
    struct cdk_import *imp = NULL;
    const char *watch_dir = NULL, *model_path = NULL;
    struct cdk_model *model = NULL;
    bool once = false;
    int opt, i, status = 0;
    char *end;

    opts.read = (struct cdk_read_opts)CDK_READ_OPTS_INIT;
    ic.ctx = ctx;
    while ((opt = getopt_long(argc, argv, "+f:nw:qh", long_options, NULL)) !=
           -1) {
        switch (opt) {
        case 'f':
            if (cdk_format_parse(optarg, &opts.read.format, &err))
                return cli_usage_error("import", "%s", err.message);
            break;
        case OPT_STRICT:
            opts.read.strict = true;
            break;
        case OPT_INCLUDE:
            opts.include_glob = optarg;
            break;
        case OPT_OUTLET:
            opts.read.outlet = optarg;
            break;
        case OPT_URL:
            opts.read.url = optarg;
            break;
        case OPT_PUBLISHED:
            opts.read.published = optarg;
            break;
        case 'n':
            opts.dry_run = true;
            break;
        case OPT_JSON:
            ic.json = true;
            break;
        case 'w':
            watch_dir = optarg;
            break;
        case OPT_ONCE:
            once = true;
            break;
        case OPT_BATCH:
            opts.batch_articles = strtoul(optarg, &end, 10);
            if (*end || !*optarg || opts.batch_articles == 0 ||
                opts.batch_articles > 100000)
                return cli_usage_error("import", "--batch needs a number "
                                       "from 1 to 100000, not '%s'", optarg);
            break;
        case OPT_MODEL:
            model_path = optarg;
            break;
        case 'q':
            ctx->quiet = true;
            break;
        case 'h':
            import_usage(stdout);
            return 0;
        default:
            return cli_usage_error("import", "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (watch_dir && optind < argc)
        return cli_usage_error("import", "--watch takes no other paths");
    if (watch_dir && opts.dry_run)
        return cli_usage_error("import", "--watch cannot be a dry run");
    if (once && !watch_dir)
        return cli_usage_error("import", "--once goes with --watch");
    if (!watch_dir && optind >= argc)
        return cli_usage_error("import", "no files to import (give PATH... "
                               "or - for standard input)");

    /* a missing or corrupt model fails before anything is read */
    if (model_path) {
        model = cdk_model_load(model_path, &err);
        if (!model)
            return cli_error(&err);
        opts.model = model;
    }
    if (!opts.dry_run) {
        status = cli_db_open(ctx, CDK_CMD_NEEDS_DB | CDK_CMD_NEEDS_SCHEMA);
        if (status) {
            cdk_model_free(model);
            return status;
        }
    }
    if (watch_dir) {
        status = run_watch(&ic, watch_dir, &opts, once);
        cli_db_close(ctx);
        cdk_model_free(model);
        return status;
    }

    for (i = optind; i < argc; i++)
        cdk_buf_addf(&origin, "%s%s", i > optind ? " " : "", argv[i]);
    opts.origin = origin.buf;
    opts.stop = &stop_requested;
    hooks.article = hook_article;
    hooks.bad = hook_bad;
    hooks.file_done = hook_file_done;
    hooks.arg = &ic;
    catch_signals();

    imp = cdk_import_begin(ctx->db, &opts, &hooks, &err);
    if (!imp) {
        status = cli_error(&err);
        goto out;
    }
    if (cdk_import_list(imp, (const char *const *)argv + optind,
                        (size_t)(argc - optind), &files, &err)) {
        status = cli_error(&err);
        goto out;
    }
    cli_progress_start(&ic.progress, ctx, files.n);
    if (cdk_import_files(imp, &files, &err)) {
        cli_progress_clear(&ic.progress);
        status = cli_error(&err);
        /* Still try to record the run; it fails quietly when the
         * database is gone. */
        cdk_import_finish(imp, NULL);
        goto out;
    }
    cli_progress_clear(&ic.progress);
    if (cdk_import_finish(imp, &err)) {
        status = cli_error(&err);
        goto out;
    }
    if (!ctx->quiet || ic.json)
        print_summary(imp, ic.json, opts.dry_run);
    if (stop_requested)
        status = cli_fail(1, "interrupted; what was read before the "
                          "interruption is stored");
    else
        status = cdk_import_stats(imp)->failed ? 6 : 0;
out:
    cdk_import_free(imp);
    cdk_model_free(model);
    cdk_file_list_release(&files);
    cdk_buf_release(&origin);
    cli_db_close(ctx);
    return status;
}

/* --- imports ----------------------------------------------------------- */

static void
imports_usage(FILE *out)
{
    fprintf(out,
        "Usage: claimdesk imports [--json] [--limit N]\n"
        "       claimdesk imports show N [--json]\n"
        "\n"
        "List import runs, newest first, with their counts; 'show' prints "
        "one run\n"
        "and the bad inputs it recorded (file, line, reason).\n"
        "\n"
        "Options:\n"
        "      --json     print JSON\n"
        "      --limit N  how many runs to list (default 20)\n"
        "  -h, --help     show this help\n");
}

static const char *const import_int_cols[] = {
    "id", "files", "imported", "duplicates", "failed", "claims", "errors",
    "line", NULL};

int
cmd_imports(int argc, char **argv, struct cli_ctx *ctx)
{
    enum { OPT_JSON = 256, OPT_LIMIT };
    static const struct option long_options[] = {
        {"json", no_argument, NULL, OPT_JSON},
        {"limit", required_argument, NULL, OPT_LIMIT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cdk_rows run = CDK_ROWS_INIT, errors = CDK_ROWS_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    bool json = false;
    long limit = 20;
    long long id;
    int opt, status = 0;
    char *end;

    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        switch (opt) {
        case OPT_JSON:
            json = true;
            break;
        case OPT_LIMIT:
            limit = strtol(optarg, &end, 10);
            if (*end || !*optarg || limit < 1)
                return cli_usage_error("imports", "--limit needs a positive "
                                       "number, not '%s'", optarg);
            break;
        case 'h':
            imports_usage(stdout);
            return 0;
        default:
            return cli_usage_error("imports", "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind == argc) {
        if (cdk_imports_list(ctx->db, limit, &run, &err))
            status = cli_error(&err);
        else
            cli_print_rows(&run, json, import_int_cols);
        goto out;
    }
    if (strcmp(argv[optind], "show") != 0)
        return cli_usage_error("imports", "unknown subcommand '%s'",
                               argv[optind]);
    if (optind + 2 != argc)
        return cli_usage_error("imports", "'show' takes one run number");
    id = strtoll(argv[optind + 1], &end, 10);
    if (*end || !argv[optind + 1][0] || id < 1)
        return cli_usage_error("imports", "'%s' is not a run number",
                               argv[optind + 1]);
    if (cdk_imports_show(ctx->db, id, &run, &errors, &err)) {
        status = cli_error(&err);
        goto out;
    }
    if (json) {
        json_t *o = cli_row_json(&run, 0, import_int_cols);
        json_t *arr = json_array();
        size_t r;
        for (r = 0; r < errors.nrows; r++)
            json_array_append_new(arr,
                                  cli_row_json(&errors, r, import_int_cols));
        json_object_set_new(o, "error_list", arr);
        cli_print_json(o);
    } else {
        cli_print_rows(&run, false, NULL);
        if (errors.nrows) {
            fputc('\n', stdout);
            cli_print_rows(&errors, false, NULL);
        }
    }
out:
    cdk_rows_release(&run);
    cdk_rows_release(&errors);
    return status;
}
