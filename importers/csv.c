/*
 * CSV with libcsv, streamed: a header record naming the columns (title,
 * url, outlet, author, published, language, body; case-insensitive, any
 * order, others ignored; body required), then one article per record.
 *
 * libcsv reports fields and record ends but not positions, so the input
 * is fed to it one line at a time: a record starts on the first non-blank
 * line fed while no record is open, which gives each record the line it
 * starts on even when quoted fields span lines.
 *
 * The parser runs in strict mode so that a stray quote is an error, not a
 * silently merged record: the bad record is reported and parsing resumes
 * on the next line with a fresh parser. An unterminated quote at the end
 * of the file (CSV_STRICT_FINI) is reported with the line where its
 * record started. The parser lives on the stack; csv_fini follows the
 * last csv_parse and csv_free runs on every path (STYLE §5).
 */
#include "importers/reader_impl.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define NFIELDS 7
#define MAX_COLUMNS 4096

static const char *const column_names[NFIELDS] = {
    "title", "url", "outlet", "author", "published", "language", "body"};
enum { COL_BODY = 6 };

struct csv_state {
    struct cdk_rctx *c;
    bool header_done;
    bool stop;     /* a callback said stop, or the file is done for */
    int rc;        /* -1 when the read must stop */
    int *map;      /* header column -> field index, or -1 */
    size_t nmap;
    size_t field;  /* index of the next field in the record */
    char *vals[NFIELDS];
    size_t lens[NFIELDS];
    size_t record_bytes;
    bool too_big;
    long line;      /* line being fed */
    long rec_start; /* line the open record started on */
    bool in_record;
    size_t records;
};

static void
record_reset(struct csv_state *st)
{
    size_t i;

    for (i = 0; i < NFIELDS; i++) {
        free(st->vals[i]);
        st->vals[i] = NULL;
        st->lens[i] = 0;
    }
    st->field = 0;
    st->record_bytes = 0;
    st->too_big = false;
    st->in_record = false;
}

static void
on_field(void *data, size_t len, void *arg)
{
    struct csv_state *st = arg;
    const char *s = data ? data : "";
    size_t i;

    if (st->stop)
        return;
    if (!st->header_done) {
        int idx = -1;

        /* Header names: trimmed, case-insensitive, BOM dropped. */
        if (st->field == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        while (len && cdk_read_isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && cdk_read_isspace((unsigned char)s[len - 1]))
            len--;
        for (i = 0; i < NFIELDS; i++)
            if (strlen(column_names[i]) == len &&
                strncasecmp(s, column_names[i], len) == 0)
                idx = (int)i;
        /* A name seen before keeps its first column. */
        for (i = 0; idx >= 0 && i < st->nmap; i++)
            if (st->map[i] == idx)
                idx = -1;
        if (st->nmap < MAX_COLUMNS) {
            st->map = cdk_xreallocarray(st->map, st->nmap + 1,
                                        sizeof(*st->map));
            st->map[st->nmap++] = idx;
        }
        st->field++;
        return;
    }
    if (st->field < st->nmap && st->map[st->field] >= 0 && !st->too_big) {
        int idx = st->map[st->field];

        st->record_bytes += len;
        if (st->record_bytes > st->c->max_article * 4) {
            st->too_big = true;
        } else {
            free(st->vals[idx]);
            st->vals[idx] = cdk_xstrndup(s, len);
            st->lens[idx] = len;
        }
    }
    st->field++;
}

static void
on_record(int term, void *arg)
{
    struct csv_state *st = arg;
    struct cdk_rctx *c = st->c;
    struct cdk_article a;
    size_t i, has_body = 0;

    (void)term;
    if (st->stop)
        return;
    if (!st->header_done) {
        st->header_done = true;
        for (i = 0; i < st->nmap; i++)
            if (st->map[i] == COL_BODY)
                has_body = 1;
        if (!has_body) {
            st->rc = cdk_rctx_bad(c, st->rec_start,
                                  "no 'body' column in the CSV header "
                                  "(columns: title, url, outlet, author, "
                                  "published, language, body)");
            st->stop = true;
        }
        record_reset(st);
        return;
    }
    st->records++;
    if (st->too_big) {
        st->rc = cdk_rctx_bad(c, st->rec_start,
                              "record is larger than %zu bytes",
                              c->max_article * 4);
    } else {
        char **fields[NFIELDS];

        cdk_article_init(&a);
        fields[0] = &a.title;
        fields[1] = &a.url;
        fields[2] = &a.outlet;
        fields[3] = &a.author;
        fields[4] = &a.published;
        fields[5] = &a.language;
        fields[6] = &a.body;
        for (i = 0; i < NFIELDS; i++) {
            if (i != COL_BODY && st->vals[i] &&
                memchr(st->vals[i], '\0', st->lens[i])) {
                /* A C string cannot carry it; say so rather than cut. */
                st->rc = cdk_rctx_bad(c, st->rec_start,
                                      "NUL byte in the %s column",
                                      column_names[i]);
                cdk_article_release(&a);
                goto done;
            }
            *fields[i] = st->vals[i];
            st->vals[i] = NULL;
        }
        a.body_len = st->lens[COL_BODY];
        st->rc = cdk_rctx_emit(c, &a, st->rec_start);
    }
done:
    if (st->rc < 0)
        st->stop = true;
    record_reset(st);
}

static bool
blank_segment(const char *s, size_t n)
{
    return n == 0 || (n == 1 && s[0] == '\n') ||
           (n == 2 && s[0] == '\r' && s[1] == '\n');
}

int
cdk_read_csv(struct cdk_rctx *c)
{
    struct csv_parser p;
    struct csv_state st;
    char *chunk = cdk_xmalloc(CDK_READ_CHUNK);
    bool skip_line = false, eof = false;
    int rc = 0;

    memset(&st, 0, sizeof(st));
    st.c = c;
    st.line = 1;
    if (csv_init(&p, CSV_OPTIONS) != 0) {
        free(chunk);
        return cdk_rctx_bad(c, 0, "could not set up the CSV parser") < 0 ? -1
                                                                         : 0;
    }
    while (!eof && !st.stop) {
        ssize_t r = cdk_src_read(c, chunk, CDK_READ_CHUNK);
        const char *q = chunk, *end;

        if (r < 0) {
            rc = -1;
            break;
        }
        if (r == 0) {
            eof = true;
            break;
        }
        end = chunk + r;
        while (q < end && !st.stop) {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            size_t n = nl ? (size_t)(nl + 1 - q) : (size_t)(end - q);

            if (skip_line) {
                /* Resynchronising after a malformed record. */
            } else {
                if (!st.in_record && !blank_segment(q, n)) {
                    st.in_record = true;
                    st.rec_start = st.line;
                }
                /* libcsv grows its field buffer by blk_size at a time;
                 * keeping that at the buffer's size makes growth
                 * geometric, so a 50 MB field is not quadratic work. */
                csv_set_blk_size(&p, p.entry_size > 4096 ? p.entry_size
                                                         : 4096);
                if (csv_parse(&p, q, n, on_field, on_record, &st) < n) {
                    long start = st.rec_start;

                    csv_fini(&p, NULL, NULL, NULL);
                    csv_free(&p);
                    record_reset(&st);
                    if (csv_init(&p, CSV_OPTIONS) != 0) {
                        st.rc = cdk_rctx_bad(c, 0, "could not set up the "
                                                   "CSV parser");
                        st.stop = true;
                        eof = true;
                        break;
                    }
                    if (!st.header_done) {
                        st.rc = cdk_rctx_bad(c, start, "malformed CSV header "
                                                       "(a stray quote)");
                        st.stop = true;
                        break;
                    }
                    st.rc = cdk_rctx_bad(c, start,
                                         "malformed CSV record (a quote "
                                         "inside an unquoted field or after "
                                         "a closing quote)");
                    if (st.rc < 0)
                        st.stop = true;
                    skip_line = true;
                }
                if (p.entry_pos > c->max_article * 4 && !st.stop) {
                    st.rc = cdk_rctx_bad(c, st.rec_start,
                                         "field is larger than %zu bytes; "
                                         "the rest of the file is skipped",
                                         c->max_article * 4);
                    st.stop = true;
                }
            }
            if (nl) {
                st.line++;
                skip_line = false;
            }
            q += n;
        }
    }
    if (rc == 0 && eof && !st.stop) {
        if (csv_fini(&p, on_field, on_record, &st) != 0) {
            st.rc = cdk_rctx_bad(c, st.rec_start,
                                 "unterminated quoted field in the record "
                                 "starting at line %ld",
                                 st.rec_start);
        } else if (!st.stop && st.records == 0) {
            st.rc = cdk_rctx_bad(c, 0, st.header_done
                                           ? "no articles after the CSV header"
                                           : "no CSV header");
        }
    } else {
        csv_fini(&p, NULL, NULL, NULL);
    }
    csv_free(&p);
    if (rc == 0 && st.rc < 0)
        rc = -1;
    record_reset(&st);
    free(st.map);
    free(chunk);
    return rc;
}
