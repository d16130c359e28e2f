/*
 * What the command files share: the global options, the connection the
 * dispatcher opened for them, error printing and the command functions.
 * cli/ is the only room that prints to the terminal or exits.
 */
#ifndef CDK_CLI_CLI_H
#define CDK_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"

struct cdk_db;

/* Flags of a command-table entry: what the dispatcher prepares first. */
#define CDK_CMD_NEEDS_DB 0x1     /* connect (exit 7 when nothing answers) */
#define CDK_CMD_NEEDS_SCHEMA 0x2 /* ... and the schema must be migrated */

struct cli_ctx {
    const char *db_conninfo; /* --db, or NULL */
    bool quiet;              /* --quiet */
    struct cdk_db *db;       /* set when the command has CDK_CMD_NEEDS_DB */
    const char *cmd;         /* the command's name, for messages */
};

/*
 * Print an error as "claimdesk: [FILE:LINE: ]MESSAGE" plus "detail:" and
 * "hint:" lines to stderr; return the exit status its code maps to.
 */
int cli_error(const struct cdk_error *err);

/* Print "claimdesk: MESSAGE" to stderr; return `status`. */
int cli_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A usage mistake: print "claimdesk: CMD: MESSAGE" and
 * "Try 'claimdesk CMD --help'." to stderr; return 2.
 */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Warning to stderr unless --quiet. */
void cli_warn(const struct cli_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A progress bar on stderr, drawn only when stderr is a terminal and
 * --quiet is off; redrawn at most ten times a second.
 */
struct cli_progress {
    bool enabled;
    size_t total;       /* files to do, 0 when unknown */
    double started;     /* monotonic seconds */
    double last_draw;
    int width;          /* of the last line drawn, to clear it */
};

void cli_progress_start(struct cli_progress *p, const struct cli_ctx *ctx,
                        size_t total);
/* Redraw: `done` of `total` files, `articles` articles so far. */
void cli_progress_update(struct cli_progress *p, size_t done,
                         size_t articles);
/* Erase the bar (call before printing anything else to stderr). */
void cli_progress_clear(struct cli_progress *p);

struct cdk_rows;
struct json_t;

/*
 * Print rows as an aligned table (a header, then one line a row; NULL as
 * "") or, with json, as a JSON array of objects. Columns named in
 * int_cols (NULL-terminated, may be NULL) are JSON numbers.
 */
void cli_print_rows(const struct cdk_rows *rows, bool json,
                    const char *const *int_cols);

/*
 * Print a JSON document to stdout, indented, keys in insertion order,
 * with a final newline; takes the reference to `root` (json_decref).
 */
void cli_print_json(struct json_t *root);

/* The JSON object of one row (new reference), typed as cli_print_rows. */
struct json_t *cli_row_json(const struct cdk_rows *rows, size_t r,
                            const char *const *int_cols);

/*
 * Open the connection for a command with CDK_CMD_NEEDS_DB (and check the
 * schema with CDK_CMD_NEEDS_SCHEMA); 0 or an exit status (cli/cmd_db.c).
 */
int cli_db_open(struct cli_ctx *ctx, unsigned flags);
void cli_db_close(struct cli_ctx *ctx);

/* The commands, one family per file: cmd_<family>.c. */
int cmd_db(int argc, char **argv, struct cli_ctx *ctx);
int cmd_migrate(int argc, char **argv, struct cli_ctx *ctx);
int cmd_extract(int argc, char **argv, struct cli_ctx *ctx);
int cmd_model(int argc, char **argv, struct cli_ctx *ctx);
int cmd_import(int argc, char **argv, struct cli_ctx *ctx);
int cmd_imports(int argc, char **argv, struct cli_ctx *ctx);
int cmd_report(int argc, char **argv, struct cli_ctx *ctx);

#endif
