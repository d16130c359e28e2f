/*
 * JSON and JSON Lines, with jansson.
 *
 * JSON: one article object, or an array of them. The array is taken apart
 * element by element (json_loadb with JSON_DISABLE_EOF_CHECK on the rest
 * of the buffer), so each article knows the line it starts on, a wrong
 * element fails alone, and a truncated file still yields the articles
 * before the damage, which is then reported with its line and column.
 *
 * JSON Lines: one object per line, read in chunks so memory holds one
 * line at a time whatever the file size; a bad line fails alone.
 *
 * Fields: title, url, outlet, author, published, language, body -- each a
 * string or null (absent); other keys are ignored; any other type fails
 * the article ("field 'title' must be a string, not a number").
 */
#include "importers/reader_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

static const char *
type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "a value";
}

/*
 * Fill a from object o. Returns 0, or 1 with *why filled when a field
 * has the wrong type.
 */
static int
object_to_article(json_t *o, struct cdk_article *a, struct cdk_buf *why)
{
    static const char *const keys[] = {"title",     "url",      "outlet",
                                       "author",    "published", "language",
                                       "body"};
    char **fields[] = {&a->title,     &a->url,      &a->outlet, &a->author,
                       &a->published, &a->language, &a->body};
    size_t i;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        json_t *v = json_object_get(o, keys[i]);

        if (!v || json_is_null(v))
            continue;
        if (!json_is_string(v)) {
            cdk_buf_addf(why, "field '%s' must be a string, not %s", keys[i],
                         type_name(v));
            return 1;
        }
        free(*fields[i]);
        *fields[i] = cdk_xstrndup(json_string_value(v), json_string_length(v));
        if (fields[i] == &a->body)
            a->body_len = json_string_length(v);
    }
    return 0;
}

/*
 * Turn one parsed value into an article and emit it; `label` names it in
 * messages ("" for a lone object). Returns 0 or -1 (stop).
 */
static int
emit_value(struct cdk_rctx *c, json_t *v, long line, const char *label,
           bool decoded)
{
    struct cdk_article a;
    struct cdk_buf why = CDK_BUF_INIT;
    int rc;

    if (!json_is_object(v))
        return cdk_rctx_bad(c, line, "%sexpected an article object, not %s",
                            label, type_name(v));
    cdk_article_init(&a);
    if (object_to_article(v, &a, &why)) {
        rc = cdk_rctx_bad(c, line, "%s%s", label, why.buf);
        cdk_article_release(&a);
        cdk_buf_release(&why);
        return rc;
    }
    cdk_buf_release(&why);
    if (decoded)
        cdk_article_warn(&a, "%s", cdk_read_cp1252_warning);
    return cdk_rctx_emit(c, &a, line);
}

/* Line and column (1-based, bytes) of offset off, counting on from a
 * known position (*line, *line_start at some offset <= off). */
static void
advance_lines(const char *buf, size_t from, size_t off, long *line,
              size_t *line_start)
{
    const char *p = buf + from, *end = buf + off;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        (*line)++;
        p++;
        *line_start = (size_t)(p - buf);
    }
}

static size_t
skip_space(const char *buf, size_t pos, size_t len)
{
    while (pos < len && cdk_read_isspace((unsigned char)buf[pos]))
        pos++;
    return pos;
}

int
cdk_read_json(struct cdk_rctx *c)
{
    struct cdk_buf doc = CDK_BUF_INIT;
    size_t pos, seen = 0, line_start = 0, index = 0;
    long line = 1;
    bool decoded, array;
    int rc;

    rc = cdk_src_slurp(c, &doc, c->max_article * 4);
    if (rc < 0)
        goto out;
    if (rc > 0) {
        rc = cdk_rctx_bad(c, 0, "JSON document is larger than %zu bytes",
                          c->max_article * 4);
        goto out;
    }
    rc = cdk_rctx_fix_document(c, &doc, &decoded);
    if (rc != 0) {
        rc = rc < 0 ? -1 : 0;
        goto out;
    }
    pos = skip_space(doc.buf, 0, doc.len);
    advance_lines(doc.buf, 0, pos, &line, &line_start);
    seen = pos;
    if (pos >= doc.len) {
        rc = cdk_rctx_bad(c, 0, "no JSON value in the file");
        goto out;
    }
    array = doc.buf[pos] == '[';
    if (array)
        pos++;
    for (;;) {
        json_error_t e;
        json_t *v;
        size_t used;
        long at;
        char label[48] = "";

        pos = skip_space(doc.buf, pos, doc.len);
        advance_lines(doc.buf, seen, pos, &line, &line_start);
        seen = pos;
        if (array && index == 0 && pos < doc.len && doc.buf[pos] == ']')
            break;
        at = line;
        v = json_loadb(doc.buf + pos, doc.len - pos,
                       JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &e);
        if (!v) {
            size_t off = pos + (size_t)(e.position > 0 ? e.position : 0);

            if (off > doc.len)
                off = doc.len;
            advance_lines(doc.buf, seen, off, &line, &line_start);
            seen = off;
            rc = cdk_rctx_bad(c, line,
                              "invalid JSON at line %ld, column %zu: %s", line,
                              off - line_start + 1, e.text);
            goto out;
        }
        used = (size_t)e.position;
        /* A bare scalar may have been read one byte too far. */
        if (!json_is_object(v) && !json_is_array(v) && !json_is_string(v) &&
            used > 0 &&
            (doc.buf[pos + used - 1] == ',' || doc.buf[pos + used - 1] == ']' ||
             cdk_read_isspace((unsigned char)doc.buf[pos + used - 1])))
            used--;
        if (array)
            snprintf(label, sizeof(label), "article [%zu]: ", index);
        rc = emit_value(c, v, at, label, decoded);
        json_decref(v);
        if (rc < 0)
            goto out;
        index++;
        pos = skip_space(doc.buf, pos + used, doc.len);
        advance_lines(doc.buf, seen, pos, &line, &line_start);
        seen = pos;
        if (!array) {
            if (pos < doc.len)
                rc = cdk_rctx_bad(c, line, "invalid JSON at line %ld, column "
                                           "%zu: end of file expected",
                                  line, pos - line_start + 1);
            goto out;
        }
        if (pos < doc.len && doc.buf[pos] == ',') {
            pos++;
            continue;
        }
        if (pos < doc.len && doc.buf[pos] == ']')
            break;
        rc = cdk_rctx_bad(c, line,
                          "invalid JSON at line %ld, column %zu: %s", line,
                          pos - line_start + 1,
                          pos < doc.len ? "',' or ']' expected"
                                        : "']' expected near end of file");
        goto out;
    }
    pos = skip_space(doc.buf, pos + 1, doc.len);
    if (pos < doc.len) {
        advance_lines(doc.buf, seen, pos, &line, &line_start);
        rc = cdk_rctx_bad(c, line,
                          "invalid JSON at line %ld, column %zu: end of file "
                          "expected",
                          line, pos - line_start + 1);
        goto out;
    }
    if (index == 0)
        rc = cdk_rctx_bad(c, 0, "no articles in the JSON array");
out:
    cdk_buf_release(&doc);
    return rc;
}

/* One JSON line (without its newline). Returns 0 or -1 (stop). */
static int
jsonl_line(struct cdk_rctx *c, struct cdk_buf *l, long line)
{
    json_error_t e;
    json_t *v;
    const char *nul;
    size_t bad;
    bool decoded = false;
    int rc;

    if (line == 1 && l->len >= 3 && memcmp(l->buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(l->buf, l->buf + 3, l->len - 3);
        cdk_buf_setlen(l, l->len - 3);
    }
    {
        size_t i = 0;
        while (i < l->len && cdk_read_isspace((unsigned char)l->buf[i]))
            i++;
        if (i == l->len)
            return 0; /* blank lines separate nothing */
    }
    nul = memchr(l->buf, '\0', l->len);
    if (nul)
        return cdk_rctx_bad(c, line, "NUL byte in the line (column %zu)",
                            (size_t)(nul - l->buf) + 1);
    if (!cdk_utf8_valid(l->buf, l->len, &bad)) {
        struct cdk_buf fixed = CDK_BUF_INIT;

        if (c->opts->strict)
            return cdk_rctx_bad(c, line,
                                "not valid UTF-8 (byte 0x%02x at column %zu)",
                                (unsigned char)l->buf[bad], bad + 1);
        cdk_cp1252_to_utf8(&fixed, l->buf, l->len);
        cdk_buf_release(l);
        *l = fixed;
        decoded = true;
    }
    v = json_loadb(l->buf, l->len, 0, &e);
    if (!v)
        return cdk_rctx_bad(c, line, "invalid JSON at column %d: %s",
                            e.column, e.text);
    rc = emit_value(c, v, line, "", decoded);
    json_decref(v);
    return rc;
}

int
cdk_read_jsonl(struct cdk_rctx *c)
{
    struct cdk_buf l = CDK_BUF_INIT;
    char *chunk = cdk_xmalloc(CDK_READ_CHUNK);
    size_t cap = c->max_article * 4;
    long line = 1;
    bool overlong = false;
    int rc = 0;

    for (;;) {
        ssize_t r = cdk_src_read(c, chunk, CDK_READ_CHUNK);
        const char *p = chunk, *end;

        if (r < 0) {
            rc = -1;
            break;
        }
        if (r == 0) {
            if (l.len || overlong)
                rc = overlong ? cdk_rctx_bad(c, line, "line is longer than "
                                                      "%zu bytes",
                                             cap)
                              : jsonl_line(c, &l, line);
            break;
        }
        end = chunk + r;
        while (p < end && rc == 0) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

            if (!overlong) {
                if (l.len + n > cap) {
                    overlong = true;
                    cdk_buf_release(&l);
                } else {
                    cdk_buf_add(&l, p, n);
                }
            }
            if (!nl)
                break;
            rc = overlong ? cdk_rctx_bad(c, line,
                                         "line is longer than %zu bytes", cap)
                          : jsonl_line(c, &l, line);
            overlong = false;
            cdk_buf_reset(&l);
            line++;
            p = nl + 1;
        }
        if (rc < 0)
            break;
    }
    free(chunk);
    cdk_buf_release(&l);
    return rc;
}
