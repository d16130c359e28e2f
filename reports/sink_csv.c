/*
 * The CSV sink: RFC 4180 (a header line, CRLF between records, fields
 * quoted with libcsv's csv_write when they hold a comma, a quote, CR or
 * LF or are empty), UTF-8 without a byte-order mark. SQL NULL is an empty
 * unquoted field; an empty string is "".
 *
 * Spreadsheet formulas are neutralised: a text cell that starts with '=',
 * '+', '-', '@', a tab or a carriage return gets a leading apostrophe
 * ("'=SUM(A1)"), which spreadsheets show as text instead of running.
 * Numbers, ids and times are never changed (a negative rating value stays
 * a number). evidence_urls is one URL per line within its cell;
 * earlier_verdicts is the JSON array, as text.
 */
#include "sinks.h"

#include <string.h>

#include <csv.h>
#include <jansson.h>

static bool
needs_quotes(const char *v, size_t len)
{
    return len == 0 || strcspn(v, ",\"\r\n") < len;
}

static bool
looks_like_formula(const char *v, size_t len)
{
    return len > 0 && (v[0] == '=' || v[0] == '+' || v[0] == '-' ||
                       v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

/* Append `v` quoted by libcsv. */
static void
add_quoted(struct cdk_buf *b, const char *v, size_t len)
{
    size_t need = 2 * len + 2, n;

    cdk_buf_grow(b, need);
    n = csv_write(b->buf + b->len, need, v, len);
    cdk_buf_setlen(b, b->len + n);
}

static void
add_field(struct cdk_buf *b, const char *v, size_t len, bool neutralise)
{
    struct cdk_buf tmp = CDK_BUF_INIT;

    if (neutralise && looks_like_formula(v, len)) {
        cdk_buf_addch(&tmp, '\'');
        cdk_buf_add(&tmp, v, len);
        v = tmp.buf;
        len = tmp.len;
    }
    if (needs_quotes(v, len))
        add_quoted(b, v, len);
    else
        cdk_buf_add(b, v, len);
    cdk_buf_release(&tmp);
}

/* A JSON array of URLs as one URL per line. */
static int
add_urls(struct cdk_buf *b, const char *v, size_t len, struct cdk_error *err)
{
    struct cdk_buf lines = CDK_BUF_INIT;
    json_error_t jerr;
    json_t *arr, *u;
    size_t i;

    if (len == 2 && v[0] == '[' && v[1] == ']')
        return 0; /* no URLs: an empty cell */
    arr = json_loadb(v, len, 0, &jerr);
    if (!json_is_array(arr)) {
        json_decref(arr);
        return cdk_error_set(err, CDK_ERR_FAILURE,
                             "the report query gave a malformed URL list: %s",
                             jerr.text);
    }
    json_array_foreach(arr, i, u)
    {
        if (i)
            cdk_buf_addch(&lines, '\n');
        if (json_is_string(u))
            cdk_buf_add(&lines, json_string_value(u), json_string_length(u));
    }
    add_field(b, lines.buf, lines.len, true);
    cdk_buf_release(&lines);
    json_decref(arr);
    return 0;
}

static int
csv_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    size_t c;

    (void)err;
    for (c = 0; c < sink->ncols; c++) {
        if (c)
            cdk_buf_addch(&sink->buf, ',');
        add_field(&sink->buf, sink->cols[c].name, strlen(sink->cols[c].name),
                  false);
    }
    cdk_buf_add(&sink->buf, "\r\n", 2);
    return 0;
}

static int
csv_row(struct cdk_report_sink *sink, const struct cdk_report_row *row,
        struct cdk_error *err)
{
    struct cdk_buf *b = &sink->buf;
    size_t c;

    for (c = 0; c < sink->ncols; c++) {
        const char *v = row->values[c];
        size_t len = row->lengths[c];

        if (c)
            cdk_buf_addch(b, ',');
        if (!v)
            continue;
        switch (sink->cols[c].kind) {
        case CDK_REPORT_KIND_INT:
        case CDK_REPORT_KIND_REAL:
        case CDK_REPORT_KIND_NUMERIC:
            cdk_buf_add(b, v, len);
            break;
        case CDK_REPORT_KIND_TIME:
            cdk_report_add_time(b, v, len);
            break;
        case CDK_REPORT_KIND_URLS:
            if (add_urls(b, v, len, err) < 0)
                return -1;
            break;
        case CDK_REPORT_KIND_JSON:
            add_field(b, v, len, false);
            break;
        case CDK_REPORT_KIND_TEXT:
            add_field(b, v, len, true);
            break;
        }
    }
    cdk_buf_add(b, "\r\n", 2);
    return 0;
}

static int
csv_end(struct cdk_report_sink *sink, size_t nrows, struct cdk_error *err)
{
    (void)sink;
    (void)nrows;
    (void)err;
    return 0;
}

const struct cdk_report_sink_ops cdk_report_csv_ops = {
    "csv", csv_begin, csv_row, csv_end, NULL,
};
