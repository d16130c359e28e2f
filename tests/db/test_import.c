/*
 * Importing into a real database: articles and claims stored whole or not
 * at all, duplicates by content hash, bad input recorded by file and line
 * while the rest of the batch commits, SQL metacharacters verbatim, the
 * import run and its ledger event, and the real corpora.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db/db.h"
#include "importers/import.h"
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

static long
count(struct cdk_db *db, const char *sql)
{
    struct cdk_error err = CDK_ERROR_INIT;
    char *v = NULL;
    long n;

    ck_assert_msg(cdk_db_query_value(db, sql, 0, NULL, &v, &err) == 1,
                  "%s: %s", sql, err.message);
    n = strtol(v, NULL, 10);
    free(v);
    return n;
}

static char *
value(struct cdk_db *db, const char *sql, const char *param)
{
    struct cdk_error err = CDK_ERROR_INIT;
    const char *params[1] = {param};
    char *v = NULL;

    ck_assert_msg(cdk_db_query_value(db, sql, param ? 1 : 0, params, &v,
                                     &err) >= 0,
                  "%s: %s", sql, err.message);
    return v;
}

/* Import in-memory files (name, content pairs) written to a temp dir. */
struct run {
    struct cdk_import_stats st;
    char errors[4096];
    size_t nerrors;
};

static char *
write_tree(const char *const *files, size_t n)
{
    char tmpl[] = "/tmp/cdk-import-XXXXXX";
    char *dir = mkdtemp(tmpl);
    size_t i;

    ck_assert_ptr_nonnull(dir);
    for (i = 0; i < n; i += 2) {
        struct cdk_buf p = CDK_BUF_INIT;
        FILE *f;
        cdk_buf_addf(&p, "%s/%s", dir, files[i]);
        f = fopen(p.buf, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(files[i + 1], 1, strlen(files[i + 1]), f);
        fclose(f);
        cdk_buf_release(&p);
    }
    return strdup(dir);
}

static void
remove_tree(char *dir)
{
    struct cdk_buf cmd = CDK_BUF_INIT;

    cdk_buf_addf(&cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd.buf), 0);
    cdk_buf_release(&cmd);
    free(dir);
}

static int
import_glob(struct cdk_db *db, const char *const *paths, size_t n,
            size_t batch, const char *include, struct run *r)
{
    struct cdk_import_opts o = {0};
    struct cdk_file_list files = CDK_FILE_LIST_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_import *imp;
    const struct cdk_import_error *errs;
    size_t i, nerr;
    int rc;

    o.read = (struct cdk_read_opts)CDK_READ_OPTS_INIT;
    o.origin = "test";
    o.batch_articles = batch;
    o.include_glob = include;
    imp = cdk_import_begin(db, &o, NULL, &err);
    ck_assert_msg(imp != NULL, "begin: %s", err.message);
    ck_assert_int_eq(cdk_import_list(imp, paths, n, &files, &err), 0);
    rc = cdk_import_files(imp, &files, &err);
    ck_assert_msg(rc == 0, "import: %s", err.message);
    ck_assert_msg(cdk_import_finish(imp, &err) == 0, "finish: %s",
                  err.message);
    memset(r, 0, sizeof(*r));
    r->st = *cdk_import_stats(imp);
    errs = cdk_import_errors(imp, &nerr);
    r->nerrors = nerr;
    for (i = 0; i < nerr; i++) {
        size_t len = strlen(r->errors);
        snprintf(r->errors + len, sizeof(r->errors) - len, "%s:%ld: %s\n",
                 strrchr(errs[i].file, '/') ? strrchr(errs[i].file, '/') + 1
                                            : errs[i].file,
                 errs[i].line, errs[i].message);
    }
    cdk_file_list_release(&files);
    cdk_import_free(imp);
    return rc;
}

static int
import_paths(struct cdk_db *db, const char *const *paths, size_t n,
             size_t batch, struct run *r)
{
    return import_glob(db, paths, n, batch, NULL, r);
}

START_TEST(seed_article_stored_with_claims_and_sources)
{
    struct cdk_db *db = fresh();
    char *seed = cdk_test_source_path("seeds/nrc-council-article.txt");
    const char *paths[1] = {seed};
    struct run r;
    char *v;

    import_paths(db, paths, 1, 0, &r);
    ck_assert_uint_eq(r.st.files, 1);
    ck_assert_uint_eq(r.st.imported, 1);
    ck_assert_uint_eq(r.st.failed, 0);
    ck_assert_uint_ge(r.st.claims, 8);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.articles"), 1);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.claims"),
                     (long)r.st.claims);
    /* Offsets are characters into the body: the span is the claim's. */
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.claims c "
                               "JOIN claimdesk.articles a ON a.id = "
                               "c.article_id WHERE c.span_end > "
                               "char_length(a.body)"),
                     0);
    /* Every claim appeared in the article; attributed ones have parties. */
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.claims c "
                               "WHERE NOT EXISTS (SELECT 1 FROM "
                               "claimdesk.claim_sources_all cs WHERE "
                               "cs.claim_id "
                               "= c.id AND cs.role = 'appeared_in')"),
                     0);
    ck_assert_int_ge(count(db, "SELECT count(*) FROM claimdesk.claim_sources "
                               "WHERE role IN ('attributed_to', "
                               "'reported_by')"),
                     3);
    v = value(db, "SELECT string_agg(o.name, ',' ORDER BY o.name) FROM "
                  "claimdesk.outlets o",
              NULL);
    ck_assert_ptr_nonnull(v);
    ck_assert_msg(strstr(v, "Bloomberg") != NULL, "outlets: %s", v);
    free(v);
    /* The repeated "sanctions relief" claim is linked to its first one. */
    ck_assert_int_ge(count(db, "SELECT count(*) FROM claimdesk.claims "
                               "WHERE canonical_claim_id IS NOT NULL AND "
                               "status = 'duplicate'"),
                     1);
    /* The run is recorded, finished, with a ledger event. */
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.imports "
                               "WHERE finished_at IS NOT NULL AND "
                               "articles_new = 1"),
                     1);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.events "
                               "WHERE entity = 'import' AND action = "
                               "'finished'"),
                     1);
    free(seed);
    cdk_db_close(db);
}
END_TEST

START_TEST(reimport_is_a_duplicate_and_stores_nothing)
{
    struct cdk_db *db = fresh();
    static const char *const files[] = {
        "a.txt", "Headline\n\nThe council met on Monday. It voted 7-2.\n",
        "b.txt", "Headline\n\nThe council   met on Monday.\nIt voted 7-2.\n",
    };
    char *dir = write_tree(files, 4);
    const char *paths[1] = {dir};
    struct run r;
    long claims;

    import_paths(db, paths, 1, 0, &r);
    ck_assert_uint_eq(r.st.imported, 1);
    ck_assert_uint_eq(r.st.duplicates, 1); /* same normalised body */
    claims = count(db, "SELECT count(*) FROM claimdesk.claims");
    import_paths(db, paths, 1, 0, &r);
    ck_assert_uint_eq(r.st.imported, 0);
    ck_assert_uint_eq(r.st.duplicates, 2);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.articles"), 1);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.claims"),
                     claims);
    remove_tree(dir);
    cdk_db_close(db);
}
END_TEST

START_TEST(bad_article_leaves_no_trace_and_the_batch_commits)
{
    struct cdk_db *db = fresh();
    static const char *const files[] = {
        "feed.jsonl",
        "{\"title\": \"One\", \"body\": \"The mayor said taxes rose 5% in "
        "2022.\"}\n"
        "{\"title\": \"Two\", \"body\": \"The bridge opened in 1999.\", "
        "\"published\": \"not a date at all\"}\n"
        "{\"title\": 3, \"body\": \"Wrong type of title.\"}\n"
        "{\"title\": \"Four\", \"body\": \"Prices fell by 3% last year.\"}\n"
        "{\"title\": \"Five\", \"body\"\n",
    };
    char *dir = write_tree(files, 2);
    const char *paths[1] = {dir};
    struct run r;

    import_paths(db, paths, 1, 0, &r);
    ck_assert_msg(r.st.imported == 2, "imported %zu; errors:\n%s",
                  r.st.imported, r.errors);
    ck_assert_uint_eq(r.st.failed, 3);
    ck_assert_msg(strstr(r.errors, "feed.jsonl:2:") &&
                      strstr(r.errors, "feed.jsonl:3:") &&
                      strstr(r.errors, "feed.jsonl:5:"),
                  "errors:\n%s", r.errors);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.articles"), 2);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.articles "
                               "WHERE title = 'Two'"),
                     0);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM claimdesk.claims c "
                               "WHERE NOT EXISTS (SELECT 1 FROM "
                               "claimdesk.articles a WHERE a.id = "
                               "c.article_id AND a.title IN ('One', "
                               "'Four'))"),
                     0);
    ck_assert_int_eq(count(db, "SELECT count(*) FROM "
                               "claimdesk.import_errors"),
                     3);
    remove_tree(dir);
    cdk_db_close(db);
}
END_TEST

START_TEST(sql_metacharacters_are_stored_verbatim)
{
    struct cdk_db *db = fresh();
    static const char *const files[] = {
        "evil.json",
        "{\"title\": \"Robert'); DROP TABLE claimdesk.claims;--\", "
        "\"outlet\": \"O'Brien \\\"Daily\\\" \\\\ News\", "
        "\"url\": \"https://example.org/a?b='1'&c=\\\"2\\\"\", "
        "\"author\": \"$1::text\", "
        "\"body\": \"The mayor's office said \\\"taxes rose 5%\\\" in "
        "2022; DELETE FROM claimdesk.articles; \\\\N is not null.\\t"
        "Tabs\\tand {braces, \\\"quotes\\\"} stay.\"}",
    };
    char *dir = write_tree(files, 2);
    const char *paths[1] = {dir};
    struct run r;
    char *v;

    import_paths(db, paths, 1, 0, &r);
    ck_assert_msg(r.st.imported == 1, "errors:\n%s", r.errors);
    v = value(db, "SELECT title FROM claimdesk.articles", NULL);
    ck_assert_str_eq(v, "Robert'); DROP TABLE claimdesk.claims;--");
    free(v);
    v = value(db, "SELECT name FROM claimdesk.outlets WHERE name LIKE "
                  "'O''Brien%'",
              NULL);
    ck_assert_str_eq(v, "O'Brien \"Daily\" \\ News");
    free(v);
    v = value(db, "SELECT author FROM claimdesk.articles", NULL);
    ck_assert_str_eq(v, "$1::text");
    free(v);
    v = value(db, "SELECT body FROM claimdesk.articles", NULL);
    ck_assert_str_eq(v, "The mayor's office said \"taxes rose 5%\" in 2022; "
                        "DELETE FROM claimdesk.articles; \\N is not null.\t"
                        "Tabs\tand {braces, \"quotes\"} stay.");
    free(v);
    ck_assert_int_ge(count(db, "SELECT count(*) FROM claimdesk.claims"), 1);
    remove_tree(dir);
    cdk_db_close(db);
}
END_TEST

START_TEST(content_hash_ignores_white_space_only)
{
    unsigned char a[CDK_SHA256_LEN], b[CDK_SHA256_LEN], c[CDK_SHA256_LEN];

    cdk_import_content_hash("  One two.\n\nThree\xc2\xa0" "four. ", 24, a);
    cdk_import_content_hash("One two. Three four.", 20, b);
    cdk_import_content_hash("One two. Three four!", 20, c);
    ck_assert_mem_eq(a, b, CDK_SHA256_LEN);
    ck_assert(memcmp(b, c, CDK_SHA256_LEN) != 0);
}
END_TEST

/*
 * The real corpus: 2,225 files; 98 are byte-identical copies of others and
 * 38 more repeat another file's body under a new headline (e.g.
 * business/290.txt and 438.txt): 136 duplicates. One file is Latin-1.
 */
START_TEST(news_bbc_corpus)
{
    struct cdk_db *db;
    char *bbc = cdk_test_shared_path("data/news-bbc/bbc");
    const char *paths[1];
    struct run r;
    char *v;

    if (!bbc) {
        fprintf(stderr, "news_bbc_corpus: ../shared/data/news-bbc absent, "
                        "skipped\n");
        return;
    }
    db = fresh();
    paths[0] = bbc;
    import_glob(db, paths, 1, 0, "*.txt", &r);
    fprintf(stderr, "news-bbc: %zu files: %zu imported, %zu duplicates, "
                    "%zu failed; %zu claims; %.1f s\n",
            r.st.files, r.st.imported, r.st.duplicates, r.st.failed,
            r.st.claims, r.st.seconds);
    ck_assert_uint_eq(r.st.files, 2225);
    ck_assert_msg(r.st.failed == 0, "errors:\n%s", r.errors);
    ck_assert_uint_eq(r.st.duplicates, 136);
    ck_assert_uint_eq(r.st.imported, 2225 - 136);
    /* The Latin-1 pound sign of sport/199.txt came through as U+00A3. */
    v = value(db, "SELECT count(*) FROM claimdesk.articles WHERE body LIKE "
                  "'%' || chr(163) || '%' AND body NOT LIKE '%' || "
                  "chr(65533) || '%'",
              NULL);
    ck_assert_int_ge(strtol(v, NULL, 10), 1);
    free(v);
    free(bbc);
    cdk_db_close(db);
}
END_TEST

/* Files of news-noisy whose text has nothing after the headline. */
static size_t
empty_bodied(const char *dir, struct cdk_buf *names)
{
    size_t n = 0;
    int i;

    for (i = 1; i <= 100; i++) {
        struct cdk_buf p = CDK_BUF_INIT;
        char *text, *body;
        cdk_buf_addf(&p, "%s/%03d.txt", dir, i);
        text = cdk_test_read_file(p.buf, NULL);
        ck_assert_ptr_nonnull(text);
        body = strchr(text, '\n');
        if (!body || !body[strspn(body, " \t\r\n")]) {
            cdk_buf_addf(names, "%03d.txt ", i);
            n++;
        }
        free(text);
        cdk_buf_release(&p);
    }
    return n;
}

/*
 * news-noisy: 100 scraped articles. Three stories were scraped more than
 * once (047/048/049, 063/079, 076/091): 4 duplicates. An article with
 * nothing after its headline is rejected by name ("no article body").
 */
START_TEST(news_noisy_corpus)
{
    struct cdk_buf empty = CDK_BUF_INIT;
    struct cdk_db *db;
    char *noisy = cdk_test_shared_path("data/news-noisy/articles");
    const char *paths[1];
    size_t nempty;
    struct run r;

    if (!noisy) {
        fprintf(stderr, "news_noisy: ../shared/data/news-noisy absent, "
                        "skipped\n");
        return;
    }
    nempty = empty_bodied(noisy, &empty);
    db = fresh();
    paths[0] = noisy;
    import_paths(db, paths, 1, 0, &r);
    fprintf(stderr, "news-noisy: %zu files: %zu imported, %zu duplicates, "
                    "%zu failed (empty-bodied files: %zu %s); %zu claims\n%s",
            r.st.files, r.st.imported, r.st.duplicates, r.st.failed, nempty,
            empty.buf, r.st.claims, r.errors);
    ck_assert_uint_eq(r.st.files, 100);
    ck_assert_uint_eq(r.st.duplicates, 4);
    ck_assert_uint_eq(r.st.failed, nempty);
    ck_assert_uint_eq(r.st.imported, 100 - 4 - nempty);
    if (nempty)
        ck_assert_msg(strstr(r.errors, "no article body") != NULL, "%s",
                      r.errors);
    cdk_buf_release(&empty);
    free(noisy);
    cdk_db_close(db);
}
END_TEST

static Suite *
import_suite(void)
{
    Suite *s = suite_create("import");
    TCase *tc = tcase_create("import");
    TCase *corpus = tcase_create("corpus");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, seed_article_stored_with_claims_and_sources);
    tcase_add_test(tc, reimport_is_a_duplicate_and_stores_nothing);
    tcase_add_test(tc, bad_article_leaves_no_trace_and_the_batch_commits);
    tcase_add_test(tc, sql_metacharacters_are_stored_verbatim);
    tcase_add_test(tc, content_hash_ignores_white_space_only);
    suite_add_tcase(s, tc);
    tcase_set_timeout(corpus, 600);
    tcase_add_test(corpus, news_bbc_corpus);
    tcase_add_test(corpus, news_noisy_corpus);
    suite_add_tcase(s, corpus);
    return s;
}

int
main(void)
{
    cdk_testdb_require();
    return cdk_test_run_suite(import_suite());
}
