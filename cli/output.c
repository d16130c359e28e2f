/*
 * Error and warning printing for the commands (the format of DESIGN §5).
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

int
cli_error(const struct cdk_error *err)
{
    int status = err->code ? (int)err->code : 1;

    if (err->file[0] && err->line > 0)
        fprintf(stderr, "claimdesk: %s:%ld: %s\n", err->file, err->line,
                err->message);
    else if (err->file[0])
        fprintf(stderr, "claimdesk: %s: %s\n", err->file, err->message);
    else
        fprintf(stderr, "claimdesk: error: %s\n", err->message);
    if (err->detail[0])
        fprintf(stderr, "detail: %s\n", err->detail);
    if (err->hint[0])
        fprintf(stderr, "hint: %s\n", err->hint);
    return status;
}

int
cli_fail(int status, const char *fmt, ...)
{
    va_list ap;

    fputs("claimdesk: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "claimdesk: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (cmd)
        fprintf(stderr, "Try 'claimdesk %s --help'.\n", cmd);
    else
        fprintf(stderr, "Try 'claimdesk --help'.\n");
    return 2;
}

void
cli_warn(const struct cli_ctx *ctx, const char *fmt, ...)
{
    va_list ap;

    if (ctx && ctx->quiet)
        return;
    fputs("claimdesk: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
