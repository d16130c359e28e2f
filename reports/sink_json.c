/*
 * The JSON and JSON Lines sinks. Each row becomes one object, keys in
 * column order, written compactly: JSON Lines writes one per line; JSON
 * writes the array brackets itself and one object per line between them,
 * so nothing but the current row is ever held in memory.
 *
 * Types: ids are integers, checkworthiness and rating values numbers,
 * SQL NULL is null, times are ISO 8601 strings in UTC, evidence_urls an
 * array of strings and earlier_verdicts an array of objects.
 *
 * The objects are encoded here rather than built with jansson: a jansson
 * object per row (29 keys, each copied, each value allocated, then dumped
 * a token at a time) cost 9.5 us a row, more than the database spends
 * producing it, and pushed the 1M-row report past its budget (DESIGN §8).
 * The encoding needs little: the database already gives numbers as valid
 * JSON number text (NaN and infinities become null) and the two arrays
 * as JSON, which is copied with the insignificant white space dropped;
 * strings are UTF-8 that the server has validated (the report transaction
 * sets client_encoding to UTF8) and only need escaping. The tests read
 * every format back with jansson.
 */
#include "sinks.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct json_state {
    struct cdk_buf *keys; /* "\"name\":" per column */
    bool array;           /* JSON (an array) rather than JSON Lines */
};

static const char hex[] = "0123456789abcdef";

/* Append `v` as a JSON string, quotes included. */
static void
add_string(struct cdk_buf *b, const char *v, size_t len)
{
    const unsigned char *p = (const unsigned char *)v, *end = p + len;
    const unsigned char *run = p;
    char esc[6] = {'\\', 'u', '0', '0', 0, 0};

    cdk_buf_grow(b, len + 2);
    cdk_buf_addch(b, '"');
    for (; p < end; p++) {
        unsigned char ch = *p;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        cdk_buf_add(b, run, (size_t)(p - run));
        run = p + 1;
        switch (ch) {
        case '"':
            cdk_buf_add(b, "\\\"", 2);
            break;
        case '\\':
            cdk_buf_add(b, "\\\\", 2);
            break;
        case '\n':
            cdk_buf_add(b, "\\n", 2);
            break;
        case '\r':
            cdk_buf_add(b, "\\r", 2);
            break;
        case '\t':
            cdk_buf_add(b, "\\t", 2);
            break;
        default:
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 0xf];
            cdk_buf_add(b, esc, 6);
            break;
        }
    }
    cdk_buf_add(b, run, (size_t)(end - run));
    cdk_buf_addch(b, '"');
}

/* Append JSON text without the white space outside its strings. */
static void
add_compact(struct cdk_buf *b, const char *v, size_t len)
{
    size_t i, run = 0;
    bool in_string = false;

    for (i = 0; i < len; i++) {
        char ch = v[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
            cdk_buf_add(b, v + run, i - run);
            run = i + 1;
        }
    }
    if (run < len)
        cdk_buf_add(b, v + run, len - run);
}

/* NaN and the infinities (float8, numeric) have no JSON number. */
static bool
is_json_number(const char *v, size_t len)
{
    return len > 0 && (v[0] == '-' ? len > 1 && v[1] >= '0' && v[1] <= '9'
                                   : v[0] >= '0' && v[0] <= '9');
}

static void
add_value(struct cdk_buf *b, enum cdk_report_kind kind, const char *v,
          size_t len)
{
    size_t start;

    if (!v) {
        cdk_buf_add(b, "null", 4);
        return;
    }
    switch (kind) {
    case CDK_REPORT_KIND_INT:
    case CDK_REPORT_KIND_REAL:
    case CDK_REPORT_KIND_NUMERIC:
        if (is_json_number(v, len))
            cdk_buf_add(b, v, len);
        else
            cdk_buf_add(b, "null", 4);
        return;
    case CDK_REPORT_KIND_TIME:
        cdk_buf_addch(b, '"');
        start = b->len;
        cdk_report_add_time(b, v, len);
        /* Times are digits and punctuation; escape anyway if not. */
        if (strcspn(b->buf + start, "\"\\") < b->len - start) {
            struct cdk_buf t = CDK_BUF_INIT;
            cdk_buf_add(&t, b->buf + start, b->len - start);
            cdk_buf_setlen(b, start - 1);
            add_string(b, t.buf, t.len);
            cdk_buf_release(&t);
            return;
        }
        cdk_buf_addch(b, '"');
        return;
    case CDK_REPORT_KIND_URLS:
    case CDK_REPORT_KIND_JSON:
        add_compact(b, v, len);
        return;
    case CDK_REPORT_KIND_TEXT:
        break;
    }
    add_string(b, v, len);
}

static void
json_start(struct cdk_report_sink *sink, bool array)
{
    struct json_state *st = cdk_xcalloc(1, sizeof(*st));
    size_t c;

    st->array = array;
    st->keys = cdk_xcalloc(sink->ncols ? sink->ncols : 1, sizeof(*st->keys));
    for (c = 0; c < sink->ncols; c++) {
        st->keys[c] = (struct cdk_buf)CDK_BUF_INIT;
        cdk_buf_adds(&st->keys[c], c ? "," : "{");
        add_string(&st->keys[c], sink->cols[c].name,
                   strlen(sink->cols[c].name));
        cdk_buf_addch(&st->keys[c], ':');
    }
    sink->state = st;
}

static int
json_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    (void)err;
    json_start(sink, true);
    cdk_buf_addch(&sink->buf, '[');
    return 0;
}

static int
jsonl_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    (void)err;
    json_start(sink, false);
    return 0;
}

static int
json_row(struct cdk_report_sink *sink, const struct cdk_report_row *row,
         struct cdk_error *err)
{
    struct json_state *st = sink->state;
    struct cdk_buf *b = &sink->buf;
    size_t c;

    (void)err;
    if (st->array)
        cdk_buf_add(b, sink->rows ? ",\n" : "\n", sink->rows ? 2 : 1);
    for (c = 0; c < sink->ncols; c++) {
        cdk_buf_add(b, st->keys[c].buf, st->keys[c].len);
        add_value(b, sink->cols[c].kind, row->values[c], row->lengths[c]);
    }
    cdk_buf_add(b, st->array ? "}" : "}\n", st->array ? 1 : 2);
    return 0;
}

static int
json_end(struct cdk_report_sink *sink, size_t nrows, struct cdk_error *err)
{
    (void)err;
    cdk_buf_adds(&sink->buf, nrows ? "\n]\n" : "]\n");
    return 0;
}

static int
jsonl_end(struct cdk_report_sink *sink, size_t nrows, struct cdk_error *err)
{
    (void)sink;
    (void)nrows;
    (void)err;
    return 0;
}

static void
json_release(struct cdk_report_sink *sink)
{
    struct json_state *st = sink->state;
    size_t c;

    if (!st)
        return;
    for (c = 0; c < sink->ncols; c++)
        cdk_buf_release(&st->keys[c]);
    free(st->keys);
    free(st);
    sink->state = NULL;
}

const struct cdk_report_sink_ops cdk_report_json_ops = {
    "json", json_begin, json_row, json_end, json_release,
};

const struct cdk_report_sink_ops cdk_report_jsonl_ops = {
    "jsonl", jsonl_begin, json_row, jsonl_end, json_release,
};
