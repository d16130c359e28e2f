/*
 * Error and warning printing for the commands (the format of DESIGN §5).
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "core/clock.h"
#include "core/utf8.h"
#include "db/db.h"

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

void
cli_progress_start(struct cli_progress *p, const struct cli_ctx *ctx,
                   size_t total)
{
    p->enabled = !(ctx && ctx->quiet) && isatty(STDERR_FILENO);
    p->total = total;
    p->started = cdk_clock_monotonic();
    p->last_draw = 0;
    p->width = 0;
}

void
cli_progress_update(struct cli_progress *p, size_t done, size_t articles)
{
    double now = cdk_clock_monotonic(), elapsed, rate;
    char bar[31];
    int filled, i, n;

    if (!p->enabled || now - p->last_draw < 0.1)
        return;
    p->last_draw = now;
    elapsed = now - p->started;
    rate = elapsed > 0 ? (double)articles / elapsed : 0;
    if (p->total) {
        filled = (int)(30.0 * (double)done / (double)p->total);
        for (i = 0; i < 30; i++)
            bar[i] = i < filled ? '#' : '.';
        bar[30] = '\0';
        n = fprintf(stderr, "\r[%s] %zu/%zu files  %.0f articles/s", bar,
                    done, p->total, rate);
        if (done > 0 && done < p->total)
            n += fprintf(stderr, "  ETA %.0fs",
                         elapsed / (double)done * (double)(p->total - done));
    } else {
        n = fprintf(stderr, "\r%zu files  %zu articles  %.0f articles/s",
                    done, articles, rate);
    }
    for (i = n; i < p->width; i++)
        fputc(' ', stderr);
    p->width = n;
    fflush(stderr);
}

void
cli_progress_clear(struct cli_progress *p)
{
    int i;

    if (!p->enabled || !p->width)
        return;
    fputc('\r', stderr);
    for (i = 0; i < p->width; i++)
        fputc(' ', stderr);
    fputc('\r', stderr);
    fflush(stderr);
    p->width = 0;
}

static bool
in_list(const char *name, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

void
cli_print_json(json_t *root)
{
    json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(root);
}

json_t *
cli_row_json(const struct cdk_rows *rows, size_t r,
             const char *const *int_cols)
{
    json_t *obj = json_object();
    size_t c;

    for (c = 0; c < rows->ncols; c++) {
        const char *v = rows->values[r * rows->ncols + c];
        json_t *jv;
        if (!v)
            jv = json_null();
        else if (in_list(rows->names[c], int_cols))
            jv = json_integer(strtoll(v, NULL, 10));
        else
            jv = json_string(v);
        if (!jv) /* not UTF-8: cannot happen with a UTF-8 database */
            jv = json_null();
        json_object_set_new(obj, rows->names[c], jv);
    }
    return obj;
}

void
cli_print_rows(const struct cdk_rows *rows, bool json,
               const char *const *int_cols)
{
    size_t r, c, *width;

    if (json) {
        json_t *arr = json_array();
        for (r = 0; r < rows->nrows; r++)
            json_array_append_new(arr, cli_row_json(rows, r, int_cols));
        cli_print_json(arr);
        return;
    }
    width = calloc(rows->ncols ? rows->ncols : 1, sizeof(*width));
    if (!width)
        return;
    for (c = 0; c < rows->ncols; c++) {
        width[c] = cdk_utf8_count(rows->names[c], strlen(rows->names[c]));
        for (r = 0; r < rows->nrows; r++) {
            const char *v = rows->values[r * rows->ncols + c];
            size_t w = v ? cdk_utf8_count(v, strlen(v)) : 0;
            if (w > width[c])
                width[c] = w > 60 ? 60 : w;
        }
    }
    for (c = 0; c < rows->ncols; c++)
        printf("%s%-*s", c ? "  " : "", c + 1 < rows->ncols ? (int)width[c] : 0,
               rows->names[c]);
    fputc('\n', stdout);
    for (r = 0; r < rows->nrows; r++) {
        for (c = 0; c < rows->ncols; c++) {
            const char *v = rows->values[r * rows->ncols + c];
            size_t w;
            if (!v)
                v = "";
            w = cdk_utf8_count(v, strlen(v));
            printf("%s%s", c ? "  " : "", v);
            for (; c + 1 < rows->ncols && w < width[c]; w++)
                fputc(' ', stdout);
        }
        fputc('\n', stdout);
    }
    free(width);
}
