/*
 * The sink interface (report.h): format names, handing out the right
 * implementation, and the buffered output every sink shares.
 *
 * Sinks append to sink->buf and call cdk_report_sink_flush after each
 * row; the buffer goes to the FILE in pieces of at least FLUSH_AT bytes,
 * so stdio's own small buffer is bypassed and a write error surfaces at
 * the row that hit it, not at exit.
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "sinks.h"

#define FLUSH_AT (64 * 1024)

static const struct {
    const char *name;
    enum cdk_report_format format;
} format_names[] = {
    {"csv", CDK_REPORT_CSV},     {"json", CDK_REPORT_JSON},
    {"jsonl", CDK_REPORT_JSONL}, {"markdown", CDK_REPORT_MARKDOWN},
    {"md", CDK_REPORT_MARKDOWN}, {"claimreview", CDK_REPORT_CLAIMREVIEW},
};

int
cdk_report_format_parse(const char *name, enum cdk_report_format *out,
                        struct cdk_error *err)
{
    size_t i;

    for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (strcmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return 0;
        }
    }
    return cdk_error_set(err, CDK_ERR_USAGE,
                         "unknown format '%s' (csv, json, jsonl, markdown)",
                         name);
}

const char *
cdk_report_format_name(enum cdk_report_format format)
{
    size_t i;

    for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
        if (format_names[i].format == format)
            return format_names[i].name;
    return "?";
}

struct cdk_report_sink *
cdk_report_sink_new(enum cdk_report_format format, FILE *out,
                    struct cdk_error *err)
{
    const struct cdk_report_sink_ops *ops;
    struct cdk_report_sink *sink;

    switch (format) {
    case CDK_REPORT_CSV:
        ops = &cdk_report_csv_ops;
        break;
    case CDK_REPORT_JSON:
        ops = &cdk_report_json_ops;
        break;
    case CDK_REPORT_JSONL:
        ops = &cdk_report_jsonl_ops;
        break;
    case CDK_REPORT_MARKDOWN:
        ops = &cdk_report_markdown_ops;
        break;
    default:
        cdk_error_set(err, CDK_ERR_USAGE,
                      "format '%s' is not available yet (it comes with "
                      "published verdicts)",
                      cdk_report_format_name(format));
        return NULL;
    }
    sink = cdk_xcalloc(1, sizeof(*sink));
    sink->ops = ops;
    sink->out = out;
    cdk_buf_init(&sink->buf, FLUSH_AT + 4096);
    return sink;
}

int
cdk_report_sink_begin(struct cdk_report_sink *sink,
                      const struct cdk_report_column *cols, size_t ncols,
                      struct cdk_error *err)
{
    sink->cols = cols;
    sink->ncols = ncols;
    sink->rows = 0;
    if (sink->ops->begin(sink, err) < 0)
        return -1;
    return cdk_report_sink_flush(sink, false, err);
}

int
cdk_report_sink_row(struct cdk_report_sink *sink,
                    const struct cdk_report_row *row, struct cdk_error *err)
{
    if (sink->ops->row(sink, row, err) < 0)
        return -1;
    sink->rows++;
    return cdk_report_sink_flush(sink, false, err);
}

int
cdk_report_sink_end(struct cdk_report_sink *sink, struct cdk_error *err)
{
    if (sink->ops->end(sink, sink->rows, err) < 0)
        return -1;
    return cdk_report_sink_flush(sink, true, err);
}

void
cdk_report_sink_free(struct cdk_report_sink *sink)
{
    if (!sink)
        return;
    if (sink->ops->release)
        sink->ops->release(sink);
    cdk_buf_release(&sink->buf);
    free(sink);
}

int
cdk_report_sink_flush(struct cdk_report_sink *sink, bool force,
                      struct cdk_error *err)
{
    if (sink->buf.len < FLUSH_AT && !force)
        return 0;
    errno = 0;
    if (sink->buf.len &&
        fwrite(sink->buf.buf, 1, sink->buf.len, sink->out) != sink->buf.len)
        goto failed;
    cdk_buf_reset(&sink->buf);
    if (force && fflush(sink->out) != 0)
        goto failed;
    return 0;
failed:
    cdk_buf_reset(&sink->buf);
    return cdk_error_set(err, CDK_ERR_FAILURE, "could not write the report: %s",
                         errno ? strerror(errno) : "write error");
}

void
cdk_report_add_time(struct cdk_buf *out, const char *v, size_t len)
{
    size_t i, tz;

    /* "YYYY-MM-DD HH:MM:SS[.ffffff]+00" from DateStyle ISO, TimeZone UTC;
     * anything else (BC dates, infinity) passes through unchanged. */
    if (len < 22 || v[10] != ' ') {
        cdk_buf_add(out, v, len);
        return;
    }
    for (tz = 19; tz < len && v[tz] != '+' && v[tz] != '-'; tz++)
        ;
    if (tz == len) {
        cdk_buf_add(out, v, len);
        return;
    }
    cdk_buf_add(out, v, 10);
    cdk_buf_addch(out, 'T');
    cdk_buf_add(out, v + 11, len - 11);
    for (i = tz + 1; i < len && v[i] != ':'; i++)
        ;
    if (i == len) /* "+00": give the minutes too */
        cdk_buf_add(out, ":00", 3);
}
