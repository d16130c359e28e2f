/*
 * Reports on a real database: the cursor stream across batch boundaries,
 * the CSV read back with libcsv (header, field count, quoting, formula
 * neutralisation, NULL against empty), JSON types read back with jansson,
 * a write error that rolls the transaction back, filter checking, and
 * the atomic output file.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <jansson.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/stream.h"
#include "reports/report.h"
#include "support/testdb.h"
#include "support/testutil.h"

static struct cdk_db *
fresh(void)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_db *db = cdk_testdb_fresh(NULL, &err);

    ck_assert_msg(db != NULL, "fresh database: %s", err.message);
    return db;
}

static void
exec(struct cdk_db *db, const char *sql)
{
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_msg(cdk_db_exec(db, sql, 0, NULL, NULL, &err) == 0, "%s: %s", sql,
                  err.message);
}

/* One article of outlet "Gazette" with `n` plain claims. */
static void
seed_claims(struct cdk_db *db, int n)
{
    struct cdk_buf sql = CDK_BUF_INIT;

    exec(db, "INSERT INTO claimdesk.outlets (name, domain) "
             "VALUES ('Gazette', 'gazette.example')");
    exec(db, "INSERT INTO claimdesk.articles (outlet_id, url, title, "
             "published_at, body, content_hash) "
             "SELECT id, 'https://gazette.example/1', 'A title', "
             "'2024-03-01 12:00:00+00', 'body', sha256('body') "
             "FROM claimdesk.outlets");
    cdk_buf_addf(&sql,
                 "INSERT INTO claimdesk.claims (article_id, ordinal, text, "
                 "sentence, span_start, span_end, checkworthiness) "
                 "SELECT 1, g, 'claim ' || g, 'sentence ' || g, 0, 1, "
                 "(g %% 100) / 100.0 FROM generate_series(1, %d) g",
                 n);
    exec(db, sql.buf);
    cdk_buf_release(&sql);
}

/* Run the report into a string (free it). */
static char *
report(struct cdk_db *db, enum cdk_report_format format,
       const struct cdk_report_filter *filter, size_t *nrows)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_sink *sink;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    ck_assert_ptr_nonnull(out);
    sink = cdk_report_sink_new(format, out, &err);
    ck_assert_msg(sink != NULL, "%s", err.message);
    ck_assert_msg(cdk_report_write(db, filter, sink, nrows, &err) == 0,
                  "report: %s", err.message);
    cdk_report_sink_free(sink);
    fclose(out);
    return text;
}

START_TEST(stream_crosses_batches_in_order)
{
    struct cdk_db *db = fresh();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_filter filter = {0};
    struct cdk_db_stream *s;
    long prev = 0, rows = 0;
    size_t nrows = 0, len;
    const char *v;
    char *text, *p;
    int rc;

    seed_claims(db, 4500);

    /* Outside a transaction a stream is refused. */
    s = cdk_db_stream_open(db, "SELECT 1", 0, NULL, 10, &err);
    ck_assert_ptr_null(s);

    ck_assert_int_eq(cdk_db_begin(db, &err), 0);
    s = cdk_db_stream_open(db,
                           "SELECT id, text FROM claimdesk.claims "
                           "WHERE id > $1::bigint ORDER BY id",
                           1, (const char *const[]){"10"}, 1000, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_uint_eq(cdk_db_stream_ncols(s), 2);
    ck_assert_str_eq(cdk_db_stream_name(s, 1), "text");
    while ((rc = cdk_db_stream_next(s, &err)) == 1) {
        long id = strtol(cdk_db_stream_value(s, 0, NULL), NULL, 10);
        ck_assert_int_gt(id, prev);
        prev = id;
        v = cdk_db_stream_value(s, 1, &len);
        ck_assert_uint_eq(len, strlen(v));
        rows++;
    }
    ck_assert_msg(rc == 0, "%s", err.message);
    ck_assert_int_eq(rows, 4490);
    ck_assert_int_eq(cdk_db_stream_close(s, &err), 0);

    /* No rows: names are still known. */
    s = cdk_db_stream_open(db, "SELECT 1 AS one WHERE false", 0, NULL, 0, &err);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(cdk_db_stream_name(s, 0), "one");
    ck_assert_int_eq(cdk_db_stream_next(s, &err), 0);
    ck_assert_int_eq(cdk_db_stream_close(s, &err), 0);

    /* Closed early, with a FETCH in flight: the connection stays usable. */
    s = cdk_db_stream_open(db, "SELECT g FROM generate_series(1, 10000) g", 0,
                           NULL, 100, &err);
    ck_assert_int_eq(cdk_db_stream_next(s, &err), 1);
    ck_assert_int_eq(cdk_db_stream_close(s, &err), 0);
    ck_assert_int_eq(cdk_db_commit(db, &err), 0);

    /* The whole report, several batches of the default size. */
    text = report(db, CDK_REPORT_JSONL, &filter, &nrows);
    ck_assert_uint_eq(nrows, 4500);
    rows = 0;
    prev = 0;
    for (p = text; *p; p = strchr(p, '\n') + 1) {
        json_t *o = json_loads(p, JSON_DISABLE_EOF_CHECK, NULL);
        long id;
        ck_assert_ptr_nonnull(o);
        id = (long)json_integer_value(json_object_get(o, "claim_id"));
        ck_assert_int_eq(id, prev + 1);
        prev = id;
        json_decref(o);
        rows++;
    }
    ck_assert_int_eq(rows, 4500);
    free(text);
    ck_assert(!cdk_db_in_transaction(db));
    cdk_db_close(db);
}
END_TEST

/* libcsv read-back: records of fields, NULL for an empty unquoted one. */
struct csv_doc {
    char *fields[64][40];
    int nfields[64];
    int nrec;
    int col;
};

static void
on_field(void *s, size_t len, void *arg)
{
    struct csv_doc *d = arg;

    ck_assert_int_lt(d->nrec, 64);
    ck_assert_int_lt(d->col, 40);
    d->fields[d->nrec][d->col++] = s ? strndup(s, len) : NULL;
}

static void
on_record(int c, void *arg)
{
    struct csv_doc *d = arg;

    (void)c;
    d->nfields[d->nrec++] = d->col;
    d->col = 0;
}

static const char *
cell(const struct csv_doc *d, int rec, const char *column)
{
    int c;

    for (c = 0; c < d->nfields[0]; c++)
        if (strcmp(d->fields[0][c], column) == 0)
            return d->fields[rec][c];
    ck_abort_msg("no column %s", column);
    return NULL;
}

START_TEST(csv_reads_back_with_libcsv)
{
    static const char *const texts[] = {
        "=1+1",
        "+cmd",
        "-2 million",
        "@SUM(A1)",
        "\tTabbed",
        "a, \"quoted\"\r\nmulti-line claim",
        "Zürich’s «budget» €5m",
    };
    struct cdk_db *db = fresh();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_filter filter = {0};
    struct csv_doc doc = {0};
    struct csv_parser p;
    const struct cdk_report_column *cols;
    size_t ncols, n, i, len;
    char *text;
    int r, c;

    seed_claims(db, 7);
    for (i = 0; i < 7; i++) {
        char id[8];
        snprintf(id, sizeof(id), "%zu", i + 1);
        ck_assert_int_eq(
            cdk_db_exec(db,
                        "UPDATE claimdesk.claims SET text = $1::text "
                        "WHERE id = $2::bigint",
                        2, (const char *const[]){texts[i], id}, NULL, &err),
            0);
    }
    exec(db, "UPDATE claimdesk.claims SET sentence = '' WHERE id = 1");
    /* A scale whose values go below zero: a negative number is no
     * formula. */
    exec(db, "INSERT INTO claimdesk.scales (name, best_value, worst_value) "
             "VALUES ('signed', 2, -2)");
    exec(db, "INSERT INTO claimdesk.ratings (scale_id, label, value, "
             "position) SELECT id, 'Wrong', -1, 1 FROM claimdesk.scales "
             "WHERE name = 'signed'");
    exec(db, "INSERT INTO claimdesk.verdicts (claim_id, reviewer, "
             "rating_id, conclusion, created_at) SELECT 3, 'rev', id, "
             "'=cmd|'' /C calc''!A0', '2024-05-01 08:00:00+00' "
             "FROM claimdesk.ratings WHERE label = 'Wrong'");
    exec(db, "INSERT INTO claimdesk.evidence (verdict_id, url, kind) VALUES "
             "(1, 'https://one.example/a?x=1,2', 'dataset'), "
             "(1, 'https://two.example/b', 'media')");

    text = report(db, CDK_REPORT_CSV, &filter, &n);
    ck_assert_uint_eq(n, 7);
    len = strlen(text);
    ck_assert(len > 2 && text[len - 2] == '\r' && text[len - 1] == '\n');
    ck_assert_int_eq(
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL), 0);
    ck_assert_uint_eq(csv_parse(&p, text, len, on_field, on_record, &doc), len);
    ck_assert_int_eq(csv_fini(&p, on_field, on_record, &doc), 0);
    csv_free(&p);

    cols = cdk_report_columns(&ncols);
    ck_assert_uint_eq(ncols, 29);
    ck_assert_int_eq(doc.nrec, 8);
    for (c = 0; c < (int)ncols; c++)
        ck_assert_str_eq(doc.fields[0][c], cols[c].name);
    for (r = 0; r < doc.nrec; r++)
        ck_assert_int_eq(doc.nfields[r], 29);

    ck_assert_str_eq(cell(&doc, 1, "claim_text"), "'=1+1");
    ck_assert_str_eq(cell(&doc, 2, "claim_text"), "'+cmd");
    ck_assert_str_eq(cell(&doc, 3, "claim_text"), "'-2 million");
    ck_assert_str_eq(cell(&doc, 4, "claim_text"), "'@SUM(A1)");
    ck_assert_str_eq(cell(&doc, 5, "claim_text"), "'\tTabbed");
    ck_assert_str_eq(cell(&doc, 6, "claim_text"), texts[5]);
    ck_assert_str_eq(cell(&doc, 7, "claim_text"), texts[6]);
    /* NULL is an empty field, an empty string is "". */
    ck_assert_ptr_null(cell(&doc, 1, "assignee"));
    ck_assert_ptr_nonnull(cell(&doc, 1, "sentence"));
    ck_assert_str_eq(cell(&doc, 1, "sentence"), "");
    ck_assert_str_eq(cell(&doc, 1, "claim_id"), "1");
    ck_assert_str_eq(cell(&doc, 1, "outlet"), "Gazette");
    ck_assert_str_eq(cell(&doc, 1, "article_published_at"),
                     "2024-03-01T12:00:00+00:00");
    ck_assert_str_eq(cell(&doc, 3, "rating"), "Wrong");
    ck_assert_str_eq(cell(&doc, 3, "rating_value"), "-1");
    ck_assert_str_eq(cell(&doc, 3, "scale"), "signed");
    ck_assert_str_eq(cell(&doc, 3, "conclusion"), "'=cmd|' /C calc'!A0");
    ck_assert_str_eq(cell(&doc, 3, "reviewed_at"), "2024-05-01T08:00:00+00:00");
    ck_assert_str_eq(cell(&doc, 3, "evidence_urls"),
                     "https://one.example/a?x=1,2\nhttps://two.example/b");
    ck_assert_str_eq(cell(&doc, 3, "earlier_verdicts"), "[]");
    ck_assert_ptr_null(cell(&doc, 1, "evidence_urls"));

    for (r = 0; r < doc.nrec; r++)
        for (c = 0; c < doc.nfields[r]; c++)
            free(doc.fields[r][c]);
    free(text);
    cdk_db_close(db);
}
END_TEST

START_TEST(json_has_types_and_key_order)
{
    struct cdk_db *db = fresh();
    struct cdk_report_filter filter = {0};
    const struct cdk_report_column *cols;
    json_error_t jerr;
    json_t *arr, *o;
    const char *key;
    json_t *v;
    size_t n, ncols, i;
    char *text;

    seed_claims(db, 3);
    exec(db, "INSERT INTO claimdesk.verdicts (claim_id, reviewer, "
             "rating_id, conclusion) SELECT 2, 'rev', id, 'Said so.' "
             "FROM claimdesk.ratings WHERE label = 'Half true'");
    exec(db, "INSERT INTO claimdesk.verdicts (claim_id, reviewer, "
             "rating_id, conclusion, supersedes) SELECT 2, 'rev2', id, "
             "'Not quite.', 1 FROM claimdesk.ratings WHERE label = "
             "'Misleading'");
    text = report(db, CDK_REPORT_JSON, &filter, &n);
    arr = json_loads(text, 0, &jerr);
    ck_assert_msg(json_is_array(arr), "%s", jerr.text);
    ck_assert_uint_eq(json_array_size(arr), 3);
    cols = cdk_report_columns(&ncols);
    o = json_array_get(arr, 1);
    i = 0;
    json_object_foreach(o, key, v)
    {
        ck_assert_str_eq(key, cols[i].name);
        i++;
    }
    ck_assert_uint_eq(i, ncols);
    ck_assert(json_is_integer(json_object_get(o, "claim_id")));
    ck_assert(json_is_real(json_object_get(o, "checkworthiness")));
    ck_assert(json_is_null(json_object_get(o, "assignee")));
    ck_assert_str_eq(json_string_value(json_object_get(o, "rating")),
                     "Misleading");
    ck_assert(json_is_null(json_object_get(o, "rating_value")));
    ck_assert_str_eq(json_string_value(json_object_get(o, "reviewer")), "rev2");
    v = json_object_get(o, "earlier_verdicts");
    ck_assert_uint_eq(json_array_size(v), 1);
    ck_assert_int_eq(json_integer_value(
                         json_object_get(json_array_get(v, 0), "rating_value")),
                     3);
    ck_assert(json_is_array(json_object_get(o, "evidence_urls")));
    json_decref(arr);
    free(text);

    /* No rows: still an array. */
    filter.status = "published";
    text = report(db, CDK_REPORT_JSON, &filter, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(text, "[]\n");
    free(text);
    cdk_db_close(db);
}
END_TEST

START_TEST(write_error_fails_and_rolls_back)
{
    struct cdk_db *db = fresh();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_filter filter = {0};
    struct cdk_report_sink *sink;
    FILE *full = fopen("/dev/full", "w");
    char *v = NULL;

    if (!full)
        return; /* no /dev/full here: nothing to test */
    seed_claims(db, 3000);
    sink = cdk_report_sink_new(CDK_REPORT_CSV, full, &err);
    ck_assert_int_eq(cdk_report_write(db, &filter, sink, NULL, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_FAILURE);
    ck_assert_msg(strstr(err.message, "could not write") != NULL, "%s",
                  err.message);
    cdk_report_sink_free(sink);
    fclose(full);
    ck_assert(!cdk_db_in_transaction(db));
    ck_assert_int_eq(cdk_db_query_value(db,
                                        "SELECT count(*) FROM "
                                        "claimdesk.claims",
                                        0, NULL, &v, &err),
                     1);
    ck_assert_str_eq(v, "3000");
    free(v);
    cdk_db_close(db);
}
END_TEST

START_TEST(filters_are_checked)
{
    struct cdk_db *db = fresh();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_filter f = {0};
    enum cdk_report_format fmt;

    f.status = "new,reviewed";
    f.since = "2024-01-01";
    f.until = "2024-02-01 10:00+02";
    f.article = "12";
    ck_assert_int_eq(cdk_report_filter_check(db, &f, &err), 0);
    f.status = "new,bogus";
    ck_assert_int_eq(cdk_report_filter_check(NULL, &f, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    f.status = "new,";
    ck_assert_int_eq(cdk_report_filter_check(NULL, &f, &err), -1);
    f.status = NULL;
    f.article = "0";
    ck_assert_int_eq(cdk_report_filter_check(NULL, &f, &err), -1);
    f.article = "12x";
    ck_assert_int_eq(cdk_report_filter_check(NULL, &f, &err), -1);
    f.article = NULL;
    f.since = "last tuesdayish";
    cdk_error_clear(&err);
    ck_assert_int_eq(cdk_report_filter_check(db, &f, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    ck_assert_msg(strstr(err.message, "--since") != NULL, "%s", err.message);

    ck_assert_int_eq(cdk_report_format_parse("markdown", &fmt, &err), 0);
    ck_assert_int_eq(fmt, CDK_REPORT_MARKDOWN);
    ck_assert_int_eq(cdk_report_format_parse("xml", &fmt, &err), -1);
    ck_assert_int_eq(cdk_report_format_parse("claimreview", &fmt, &err), 0);
    ck_assert_ptr_null(cdk_report_sink_new(fmt, stdout, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    cdk_db_close(db);
}
END_TEST

/* The sinks driven by hand, with values the claim report rarely has. */
START_TEST(sinks_encode_edge_values)
{
    static const struct cdk_report_column cols[] = {
        {"n", CDK_REPORT_KIND_REAL}, {"m", CDK_REPORT_KIND_NUMERIC},
        {"t", CDK_REPORT_KIND_TEXT}, {"u", CDK_REPORT_KIND_URLS},
        {"j", CDK_REPORT_KIND_JSON}, {"at", CDK_REPORT_KIND_TIME},
        {"i", CDK_REPORT_KIND_INT},
    };
    static const char *const vals[][7] = {
        {"NaN", "-1.50", "q\"uote\\ back\x01\x1f\t\n\r é", "[\"a\", \"b\"]",
         "[{\"k\" : \"v w\", \"n\" : null}]", "2024-03-01 10:00:00.5+00", "-7"},
        {"-Infinity", "Infinity", "", "[]", "[]", "infinity", NULL},
        {"1e-05", NULL, NULL, NULL, NULL, NULL, "0"},
    };
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_sink *sink;
    struct cdk_report_row row;
    size_t lengths[7], r, c;
    json_t *arr, *o;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    sink = cdk_report_sink_new(CDK_REPORT_JSON, out, &err);
    ck_assert_int_eq(cdk_report_sink_begin(sink, cols, 7, &err), 0);
    for (r = 0; r < 3; r++) {
        for (c = 0; c < 7; c++)
            lengths[c] = vals[r][c] ? strlen(vals[r][c]) : 0;
        row.values = vals[r];
        row.lengths = lengths;
        ck_assert_int_eq(cdk_report_sink_row(sink, &row, &err), 0);
    }
    ck_assert_int_eq(cdk_report_sink_end(sink, &err), 0);
    cdk_report_sink_free(sink);
    fclose(out);
    arr = json_loads(text, 0, NULL);
    ck_assert_msg(json_is_array(arr), "not JSON: %s", text);
    o = json_array_get(arr, 0);
    ck_assert(json_is_null(json_object_get(o, "n")));
    ck_assert(json_real_value(json_object_get(o, "m")) == -1.5);
    ck_assert_str_eq(json_string_value(json_object_get(o, "t")), vals[0][2]);
    ck_assert_str_eq(
        json_string_value(json_array_get(json_object_get(o, "u"), 1)), "b");
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(json_object_get(o, "j"), 0), "k")),
                     "v w");
    ck_assert_str_eq(json_string_value(json_object_get(o, "at")),
                     "2024-03-01T10:00:00.5+00:00");
    ck_assert_int_eq(json_integer_value(json_object_get(o, "i")), -7);
    o = json_array_get(arr, 1);
    ck_assert(json_is_null(json_object_get(o, "n")));
    ck_assert(json_is_null(json_object_get(o, "m")));
    ck_assert_str_eq(json_string_value(json_object_get(o, "t")), "");
    ck_assert_str_eq(json_string_value(json_object_get(o, "at")), "infinity");
    ck_assert(json_is_null(json_object_get(o, "i")));
    o = json_array_get(arr, 2);
    ck_assert(json_real_value(json_object_get(o, "n")) == 1e-05);
    ck_assert(json_is_null(json_object_get(o, "u")));
    json_decref(arr);
    /* Compact: the server's " : " is gone, the space inside "v w" kept. */
    ck_assert_ptr_nonnull(strstr(text, "[{\"k\":\"v w\",\"n\":null}]"));
    free(text);
}
END_TEST

static int
count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

START_TEST(output_file_is_replaced_atomically)
{
    char tmpl[] = "/tmp/cdk-report-XXXXXX";
    char *dir = mkdtemp(tmpl);
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_report_file f;
    struct cdk_buf path = CDK_BUF_INIT;
    char *text;

    ck_assert_ptr_nonnull(dir);
    cdk_buf_addf(&path, "%s/out.csv", dir);
    ck_assert_int_eq(cdk_report_file_open(&f, path.buf, &err), 0);
    fputs("half", f.fp);
    cdk_report_file_abort(&f);
    ck_assert_int_eq(count_entries(dir), 0);

    ck_assert_int_eq(cdk_report_file_open(&f, path.buf, &err), 0);
    fputs("first", f.fp);
    ck_assert_int_eq(cdk_report_file_commit(&f, &err), 0);
    cdk_report_file_abort(&f); /* harmless after commit */
    ck_assert_int_eq(count_entries(dir), 1);

    ck_assert_int_eq(cdk_report_file_open(&f, path.buf, &err), 0);
    fputs("second", f.fp);
    text = cdk_test_read_file(path.buf, NULL);
    ck_assert_str_eq(text, "first"); /* not replaced until commit */
    free(text);
    ck_assert_int_eq(cdk_report_file_commit(&f, &err), 0);
    text = cdk_test_read_file(path.buf, NULL);
    ck_assert_str_eq(text, "second");
    free(text);
    ck_assert_int_eq(count_entries(dir), 1);

    ck_assert_int_eq(cdk_report_file_open(&f, dir, &err), -1);
    unlink(path.buf);
    rmdir(dir);
    cdk_buf_release(&path);
}
END_TEST

static Suite *
report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, stream_crosses_batches_in_order);
    tcase_add_test(tc, csv_reads_back_with_libcsv);
    tcase_add_test(tc, json_has_types_and_key_order);
    tcase_add_test(tc, write_error_fails_and_rolls_back);
    tcase_add_test(tc, filters_are_checked);
    tcase_add_test(tc, output_file_is_replaced_atomically);
    tcase_add_test(tc, sinks_encode_edge_values);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    cdk_testdb_require();
    return cdk_test_run_suite(report_suite());
}
