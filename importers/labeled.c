/*
 * Reading labelled sentences (ClaimBuster JSON, CheckThat CSV) for
 * training and evaluating the check-worthiness model.
 *
 * JSON is parsed whole with jansson (its syntax errors carry a line);
 * CSV is fed to libcsv one input line at a time so that each record's
 * errors can name the line where the record ends.
 */
#include "labeled.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <jansson.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

static void
add_example(struct cdk_labeled *set, const char *text, size_t len,
            int label, long line)
{
    size_t alloc = set->alloc;

    CDK_ALLOC_GROW(set->v, set->n + 1, set->alloc);
    if (set->alloc != alloc)
        set->line = cdk_xreallocarray(set->line, set->alloc,
                                      sizeof(*set->line));
    set->v[set->n].text = cdk_xstrndup(text, len);
    set->v[set->n].len = len;
    set->v[set->n].label = label;
    set->line[set->n] = line;
    set->n++;
    set->positives += label ? 1 : 0;
}

/* Drop examples added after `keep` (a failed read leaves *out as it was). */
static void
truncate_set(struct cdk_labeled *set, size_t keep)
{
    while (set->n > keep) {
        set->n--;
        set->positives -= set->v[set->n].label ? 1 : 0;
        free((char *)set->v[set->n].text);
    }
}

void
cdk_labeled_release(struct cdk_labeled *set)
{
    truncate_set(set, 0);
    free(set->v);
    free(set->line);
    set->v = NULL;
    set->line = NULL;
    set->n = set->alloc = set->positives = 0;
}

static int input_error(struct cdk_error *err, const char *path, long line,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
input_error(struct cdk_error *err, const char *path, long line,
            const char *fmt, ...)
{
    char msg[CDK_ERR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cdk_error_set(err, CDK_ERR_INPUT, "%s", msg);
    cdk_error_at(err, path, line);
    return -1;
}

static int
check_text(const char *s, size_t len, const char *path, long line,
           struct cdk_error *err)
{
    if (!cdk_utf8_valid(s, len, NULL))
        return input_error(err, path, line, "%s", "text is not valid UTF-8");
    if (memchr(s, '\0', len))
        return input_error(err, path, line, "%s", "text contains a NUL byte");
    return 0;
}

/* ---- JSON ---- */

static int
read_json(const char *path, const char *data, size_t len,
          struct cdk_labeled *out, struct cdk_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(data, len, 0, &jerr);
    size_t i;
    int rc = -1;

    if (!root) {
        cdk_error_set(err, CDK_ERR_INPUT, "invalid JSON: %s", jerr.text);
        cdk_error_at(err, path, jerr.line > 0 ? jerr.line : 0);
        return -1;
    }
    if (!json_is_array(root)) {
        input_error(err, path, 1, "%s",
                    "expected an array of {\"text\", \"label\"} objects");
        goto out;
    }
    for (i = 0; i < json_array_size(root); i++) {
        json_t *o = json_array_get(root, i);
        json_t *t = json_object_get(o, "text");
        json_t *l = json_object_get(o, "label");
        int label;
        char where[64];

        snprintf(where, sizeof(where), "element %zu", i + 1);
        if (!json_is_object(o)) {
            input_error(err, path, 0, "%s: not an object", where);
            goto out;
        }
        if (!json_is_string(t)) {
            input_error(err, path, 0, "%s: \"text\" missing or not a string",
                        where);
            goto out;
        }
        if (json_is_integer(l) &&
            (json_integer_value(l) == 0 || json_integer_value(l) == 1))
            label = (int)json_integer_value(l);
        else if (json_is_boolean(l))
            label = json_is_true(l);
        else {
            input_error(err, path, 0, "%s: \"label\" must be 0 or 1", where);
            goto out;
        }
        if (memchr(json_string_value(t), '\0', json_string_length(t))) {
            input_error(err, path, 0, "%s: text contains a NUL byte", where);
            goto out;
        }
        add_example(out, json_string_value(t), json_string_length(t), label,
                    0);
    }
    rc = 0;
out:
    json_decref(root);
    return rc;
}

/* ---- CSV ---- */

struct csv_state {
    const char *path;
    struct cdk_labeled *out;
    struct cdk_error *err;
    long line;        /* input line being parsed */
    bool header_done, failed;
    int text_col, label_col;
    int field;        /* index of the next field in the record */
    struct cdk_buf text, label;
};

static void
csv_field(void *s, size_t len, void *data)
{
    struct csv_state *st = data;

    if (st->failed)
        return;
    if (!st->header_done) {
        if (len == 4 && strncasecmp(s, "text", 4) == 0)
            st->text_col = st->field;
        else if (len == 5 && strncasecmp(s, "label", 5) == 0)
            st->label_col = st->field;
    } else if (st->field == st->text_col) {
        cdk_buf_add(&st->text, s, len);
    } else if (st->field == st->label_col) {
        if (cdk_buf_add(&st->label, s, len) < 0)
            cdk_buf_reset(&st->label); /* too long: cannot be 0 or 1 */
    }
    st->field++;
}

static void
csv_record(int c, void *data)
{
    struct csv_state *st = data;
    int label;

    (void)c;
    if (st->failed)
        return;
    if (!st->header_done) {
        st->header_done = true;
        if (st->text_col < 0 || st->label_col < 0) {
            input_error(st->err, st->path, st->line, "%s",
                        "the header must name a \"text\" and a \"label\" "
                        "column");
            st->failed = true;
        }
    } else if (st->field <= st->text_col || st->field <= st->label_col) {
        input_error(st->err, st->path, st->line, "%s",
                    "too few fields in this record");
        st->failed = true;
    } else {
        cdk_buf_trim(&st->label);
        if (strcmp(st->label.buf, "0") == 0)
            label = 0;
        else if (strcmp(st->label.buf, "1") == 0)
            label = 1;
        else {
            input_error(st->err, st->path, st->line, "%s",
                        "label must be 0 or 1");
            st->failed = true;
            goto next;
        }
        if (check_text(st->text.buf, st->text.len, st->path, st->line,
                       st->err) < 0) {
            st->failed = true;
            goto next;
        }
        add_example(st->out, st->text.buf, st->text.len, label, st->line);
    }
next:
    st->field = 0;
    cdk_buf_reset(&st->text);
    cdk_buf_reset(&st->label);
}

static int
read_csv(const char *path, const char *data, size_t len,
         struct cdk_labeled *out, struct cdk_error *err)
{
    struct csv_parser p;
    struct csv_state st;
    size_t pos = 0;
    int rc = -1;

    memset(&st, 0, sizeof(st));
    st.path = path;
    st.out = out;
    st.err = err;
    st.text_col = st.label_col = -1;
    cdk_buf_init(&st.text, 0);
    cdk_buf_init(&st.label, 0);
    st.label.max = 16;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not start the CSV parser");
        goto out_nofree;
    }
    while (pos < len && !st.failed) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;

        st.line++;
        if (csv_parse(&p, data + pos, n, csv_field, csv_record, &st) != n) {
            input_error(err, path, st.line, "malformed CSV: %s",
                        csv_strerror(csv_error(&p)));
            goto out;
        }
        pos += n;
    }
    if (!st.failed &&
        csv_fini(&p, csv_field, csv_record, &st) != 0) {
        input_error(err, path, st.line, "malformed CSV: %s",
                    csv_strerror(csv_error(&p)));
        goto out;
    }
    if (st.failed)
        goto out;
    if (!st.header_done) {
        input_error(err, path, 1, "%s", "empty file: no CSV header");
        goto out;
    }
    rc = 0;
out:
    csv_free(&p);
out_nofree:
    cdk_buf_release(&st.text);
    cdk_buf_release(&st.label);
    return rc;
}

static int
slurp(const char *path, struct cdk_buf *data, struct cdk_error *err)
{
    char chunk[65536];
    size_t n;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");

    if (!f)
        return cdk_error_set(err,
                             errno == ENOENT ? CDK_ERR_NOT_FOUND
                                             : CDK_ERR_FAILURE,
                             "could not open '%s': %s", path,
                             strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        cdk_buf_add(data, chunk, n);
    if (ferror(f)) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not read '%s': %s", path,
                      strerror(errno));
        if (!is_stdin)
            fclose(f);
        return -1;
    }
    if (!is_stdin)
        fclose(f);
    return 0;
}

int
cdk_labeled_read(const char *path, struct cdk_labeled *out,
                 struct cdk_error *err)
{
    struct cdk_buf data = CDK_BUF_INIT;
    size_t keep = out->n, i = 0, bad;
    int rc;

    if (slurp(path, &data, err) < 0) {
        cdk_buf_release(&data);
        return -1;
    }
    if (!cdk_utf8_valid(data.buf, data.len, &bad)) {
        long line = 1;
        size_t j;
        for (j = 0; j < bad; j++)
            line += data.buf[j] == '\n';
        cdk_buf_release(&data);
        return input_error(err, path, line, "%s", "not valid UTF-8");
    }
    while (i < data.len && (data.buf[i] == ' ' || data.buf[i] == '\t' ||
                            data.buf[i] == '\r' || data.buf[i] == '\n'))
        i++;
    if (i < data.len && data.buf[i] == '[')
        rc = read_json(path, data.buf, data.len, out, err);
    else
        rc = read_csv(path, data.buf, data.len, out, err);
    if (rc < 0)
        truncate_set(out, keep);
    cdk_buf_release(&data);
    return rc;
}
