/*
 * The JSON and JSON Lines sinks. Each row becomes one jansson object (keys
 * in column order) dumped compactly: JSON Lines writes one per line, JSON
 * writes the array brackets itself and one object per line between them,
 * so nothing but the current row is ever held in memory.
 *
 * Types: ids are integers, checkworthiness and rating values numbers,
 * SQL NULL is null, times are ISO 8601 strings in UTC, evidence_urls an
 * array of strings and earlier_verdicts an array of objects. Strings are
 * taken as UTF-8 without re-checking: the report transaction sets
 * client_encoding to UTF8, so the server has converted and validated them.
 */
#include "sinks.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/mem.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

struct json_state {
    struct cdk_buf tmp;
    bool array; /* JSON (an array) rather than JSON Lines */
};

static int
dump_to_buf(const char *data, size_t size, void *arg)
{
    cdk_buf_add(arg, data, size);
    return 0;
}

static json_t *
number(const char *v, bool integer)
{
    if (integer)
        return json_integer((json_int_t)strtoll(v, NULL, 10));
    return json_real(strtod(v, NULL));
}

static json_t *
value_json_raw(struct json_state *st, enum cdk_report_kind kind, const char *v,
           size_t len, struct cdk_error *err)
{
    json_error_t jerr;
    json_t *j;

    if (!v)
        return json_null();
    switch (kind) {
    case CDK_REPORT_KIND_INT:
        return number(v, true);
    case CDK_REPORT_KIND_REAL:
        return number(v, false);
    case CDK_REPORT_KIND_NUMERIC:
        /* NaN has no JSON number: null. */
        if (strcmp(v, "NaN") == 0)
            return json_null();
        return number(v, strpbrk(v, ".eE") == NULL);
    case CDK_REPORT_KIND_TIME:
        cdk_buf_reset(&st->tmp);
        cdk_report_add_time(&st->tmp, v, len);
        return json_stringn_nocheck(st->tmp.buf, st->tmp.len);
    case CDK_REPORT_KIND_URLS:
    case CDK_REPORT_KIND_JSON:
        if (len == 2 && v[0] == '[' && v[1] == ']')
            return json_array();
        j = json_loadb(v, len, 0, &jerr);
        if (!j)
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "the report query gave malformed JSON: %s",
                          jerr.text);
        return j;
    case CDK_REPORT_KIND_TEXT:
        break;
    }
    return json_stringn_nocheck(v, len);
}

/* value_json_raw, with an error for every value it could not convert. */
static json_t *
value_json(struct json_state *st, const struct cdk_report_column *col,
           const char *v, size_t len, struct cdk_error *err)
{
    struct cdk_error jerr = CDK_ERROR_INIT;
    json_t *j = value_json_raw(st, col->kind, v, len, &jerr);

    if (!j) {
        if (jerr.message[0]) {
            cdk_error_copy(err, &jerr);
            cdk_error_prefix(err, "column '%s'", col->name);
        } else {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "could not write column '%s' as JSON", col->name);
        }
    }
    return j;
}

static void
json_begin_common(struct cdk_report_sink *sink, bool array)
{
    struct json_state *st = cdk_xcalloc(1, sizeof(*st));

    st->tmp = (struct cdk_buf)CDK_BUF_INIT;
    st->array = array;
    sink->state = st;
}

static int
json_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    (void)err;
    json_begin_common(sink, true);
    cdk_buf_adds(&sink->buf, "[");
    return 0;
}

static int
jsonl_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    (void)err;
    json_begin_common(sink, false);
    return 0;
}

static int
json_row(struct cdk_report_sink *sink, const struct cdk_report_row *row,
         struct cdk_error *err)
{
    struct json_state *st = sink->state;
    json_t *obj = json_object(), *v;
    size_t c;
    int status = 0;

    for (c = 0; c < sink->ncols; c++) {
        v = value_json(st, &sink->cols[c], row->values[c], row->lengths[c],
                       err);
        if (!v) {
            json_decref(obj);
            return -1;
        }
        json_object_set_new_nocheck(obj, sink->cols[c].name, v);
    }
    if (st->array)
        cdk_buf_adds(&sink->buf, sink->rows ? ",\n" : "\n");
    if (json_dump_callback(obj, dump_to_buf, &sink->buf, DUMP_FLAGS) < 0)
        status = cdk_error_set(err, CDK_ERR_FAILURE,
                               "could not write a report row as JSON");
    if (!st->array)
        cdk_buf_addch(&sink->buf, '\n');
    json_decref(obj);
    return status;
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

    if (!st)
        return;
    cdk_buf_release(&st->tmp);
    free(st);
    sink->state = NULL;
}

const struct cdk_report_sink_ops cdk_report_json_ops = {
    "json", json_begin, json_row, json_end, json_release,
};

const struct cdk_report_sink_ops cdk_report_jsonl_ops = {
    "jsonl", jsonl_begin, json_row, jsonl_end, json_release,
};
