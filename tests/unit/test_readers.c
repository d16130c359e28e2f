/*
 * importers/reader.h: format detection, each format's layout rules, every
 * kind of bad input the import issue lists, the directory walker, and the
 * two real corpora (news-bbc, news-noisy) read end to end.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "importers/reader.h"
#include "support/testutil.h"

/* What a read produced: copies of the articles and the errors. */
struct got {
    struct cdk_article *a;
    size_t n, alloc;
    struct cdk_error *bad;
    size_t nbad, badalloc;
    size_t stop_after; /* stop (return -1) after this many articles */
};

static int
take_article(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    struct got *g = arg;

    CDK_ALLOC_GROW(g->a, g->n + 1, g->alloc);
    g->a[g->n] = *a;
    /* Take every field; leave the reader nothing to free. */
    cdk_article_init(a);
    g->n++;
    if (g->stop_after && g->n >= g->stop_after)
        return cdk_error_set(err, CDK_ERR_FAILURE, "stopped by the test");
    return 0;
}

static int
take_bad(const struct cdk_error *e, void *arg)
{
    struct got *g = arg;

    CDK_ALLOC_GROW(g->bad, g->nbad + 1, g->badalloc);
    g->bad[g->nbad++] = *e;
    return 0;
}

static void
got_release(struct got *g)
{
    size_t i;

    for (i = 0; i < g->n; i++)
        cdk_article_release(&g->a[i]);
    free(g->a);
    free(g->bad);
    memset(g, 0, sizeof(*g));
}

static int
read_mem(struct got *g, const char *name, const char *data,
         const struct cdk_read_opts *o, struct cdk_error *err)
{
    return cdk_read_buffer(name, data, strlen(data), o, take_article,
                           take_bad, g, err);
}

static bool
has_warning(const struct cdk_article *a, const char *needle)
{
    size_t i;

    for (i = 0; i < a->nwarnings; i++)
        if (strstr(a->warnings[i], needle))
            return true;
    return false;
}

static char *
fixture(const char *name)
{
    struct cdk_buf b = CDK_BUF_INIT;
    char *p;

    cdk_buf_addf(&b, "tests/data/readers/%s", name);
    p = cdk_test_source_path(b.buf);
    cdk_buf_release(&b);
    return p;
}

/* ---- formats and detection ---- */

START_TEST(format_names_round_trip)
{
    enum cdk_format f;
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_format_parse("JSONL", &f, &err), 0);
    ck_assert_int_eq(f, CDK_FORMAT_JSONL);
    ck_assert_str_eq(cdk_format_name(f), "jsonl");
    ck_assert_int_eq(cdk_format_parse("md", &f, &err), 0);
    ck_assert_int_eq(f, CDK_FORMAT_MARKDOWN);
    ck_assert_int_eq(cdk_format_parse("yaml", &f, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(err.message, "'yaml'"));
}
END_TEST

START_TEST(format_detection)
{
    static const char html[] = "<!DOCTYPE html><html><body></body></html>";
    static const char jsonl[] = "{\"body\":\"a\"}\n{\"body\":\"b\"}\n";
    static const char json[] = "{\n  \"body\": \"a\"\n}\n";
    static const char csv[] = "title,\"Body\",url\nx,y,z\n";

    ck_assert_int_eq(cdk_format_detect("a/b/story.HTM", "", 0),
                     CDK_FORMAT_HTML);
    ck_assert_int_eq(cdk_format_detect("x.ndjson", "", 0), CDK_FORMAT_JSONL);
    ck_assert_int_eq(cdk_format_detect("x.md", "", 0), CDK_FORMAT_MARKDOWN);
    ck_assert_int_eq(cdk_format_detect("x.txt", html, strlen(html)),
                     CDK_FORMAT_TEXT);
    ck_assert_int_eq(cdk_format_detect("-", html, strlen(html)),
                     CDK_FORMAT_HTML);
    ck_assert_int_eq(cdk_format_detect("feed", jsonl, strlen(jsonl)),
                     CDK_FORMAT_JSONL);
    ck_assert_int_eq(cdk_format_detect(NULL, json, strlen(json)),
                     CDK_FORMAT_JSON);
    ck_assert_int_eq(cdk_format_detect("-", "[{}]", 4), CDK_FORMAT_JSON);
    ck_assert_int_eq(cdk_format_detect("dump", csv, strlen(csv)),
                     CDK_FORMAT_CSV);
    ck_assert_int_eq(cdk_format_detect("notes", "Hello, world\n", 13),
                     CDK_FORMAT_TEXT);
    ck_assert_int_eq(cdk_format_detect("-", "", 0), CDK_FORMAT_TEXT);
}
END_TEST

/* ---- plain text and Markdown ---- */

START_TEST(text_headline_then_body)
{
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(read_mem(&g, "a.txt",
                              "Ad sales boost Time Warner profit\n\n"
                              "Quarterly profits rose 76%.\n\nSecond "
                              "paragraph.\n",
                              NULL, &err),
                     0);
    ck_assert_uint_eq(g.nbad, 0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Ad sales boost Time Warner profit");
    ck_assert_str_eq(g.a[0].body,
                     "Quarterly profits rose 76%.\n\nSecond paragraph.");
    ck_assert_uint_eq(g.a[0].body_len, strlen(g.a[0].body));
    ck_assert_str_eq(g.a[0].format, "text");
    ck_assert_str_eq(g.a[0].origin, "a.txt");
    ck_assert_int_eq(g.a[0].line, 1);
    ck_assert_uint_eq(g.a[0].nwarnings, 0);
    got_release(&g);
}
END_TEST

START_TEST(text_questions_and_ellipses_are_headlines)
{
    struct got g = {0};

    read_mem(&g, "a.txt", "Could Yukos be a blessing in disguise?\n\nBody.\n",
             NULL, NULL);
    read_mem(&g, "b.txt", "Rivals of the \xC2\xA3" "400 Apple...\n\nBody.\n",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[0].title, "Could Yukos be a blessing in disguise?");
    ck_assert_str_eq(g.a[1].title, "Rivals of the \xC2\xA3" "400 Apple...");
    got_release(&g);
}
END_TEST

START_TEST(text_lede_is_not_a_headline)
{
    struct got g = {0};

    /* The seed's shape: blank first line, lede ending in a comma. */
    read_mem(&g, "a.txt",
             "\nWashington has proposed reviving talks (NRC),\nSuch a "
             "turn of events would signal a shift.\n",
             NULL, NULL);
    /* Short, blank line after, but a comma: it goes on. */
    read_mem(&g, "b.txt", "In the end, as always,\n\nthe council met.\n", NULL,
             NULL);
    /* A plain sentence with a full stop is a short first paragraph. */
    read_mem(&g, "c.txt",
             "The council met on Tuesday.\n\nIt agreed on nothing.\n", NULL,
             NULL);
    /* Too long for a headline. */
    {
        struct cdk_buf b = CDK_BUF_INIT;
        int i;
        for (i = 0; i < 40; i++)
            cdk_buf_adds(&b, "word ");
        cdk_buf_adds(&b, "end\n\nMore text.\n");
        read_mem(&g, "d.txt", b.buf, NULL, NULL);
        cdk_buf_release(&b);
    }
    ck_assert_uint_eq(g.n, 4);
    ck_assert_ptr_null(g.a[0].title);
    ck_assert(strncmp(g.a[0].body, "Washington has proposed", 23) == 0);
    ck_assert_ptr_nonnull(strstr(g.a[0].body, "signal a shift."));
    ck_assert_ptr_null(g.a[1].title);
    ck_assert(strncmp(g.a[1].body, "In the end", 10) == 0);
    ck_assert_ptr_null(g.a[2].title);
    ck_assert_str_eq(g.a[2].body,
                     "The council met on Tuesday.\n\nIt agreed on nothing.");
    ck_assert_ptr_null(g.a[3].title);
    got_release(&g);
}
END_TEST

START_TEST(text_full_stop_headlines)
{
    struct got g = {0};

    /* Title Case with a full stop (HuffPost style). */
    read_mem(&g, "a.txt",
             "Allergy Season Is Getting Worse. Here's What Doctors Want "
             "You To Know.\n\nAllergy season is in full swing.\n",
             NULL, NULL);
    /* Sentence case, but the scraped page repeats it. */
    read_mem(&g, "b.txt",
             "Juliette Lewis conquered Hollywood by 22. She is back.\n\n"
             "Style Juliette Lewis conquered Hollywood by 22. She is back. "
             "The actress...\n",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_ptr_nonnull(g.a[0].title);
    ck_assert(strncmp(g.a[0].title, "Allergy Season", 14) == 0);
    ck_assert_str_eq(g.a[0].body, "Allergy season is in full swing.");
    ck_assert_ptr_nonnull(g.a[1].title);
    ck_assert(strncmp(g.a[1].body, "Style Juliette", 14) == 0);
    got_release(&g);
}
END_TEST

START_TEST(text_front_matter_bare)
{
    struct got g = {0};

    read_mem(&g, "a.txt",
             "Title: Council talks revived\r\nURL: https://example.org/a?b=1\r\n"
             "OUTLET: The Example\r\nauthor: Jane Roe\r\nPublished: "
             "2025-04-01T10:00:00Z\r\nLanguage: en\r\n\r\nThe body "
             "starts here.\r\nSecond line.\r\n",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Council talks revived");
    ck_assert_str_eq(g.a[0].url, "https://example.org/a?b=1");
    ck_assert_str_eq(g.a[0].outlet, "The Example");
    ck_assert_str_eq(g.a[0].author, "Jane Roe");
    ck_assert_str_eq(g.a[0].published, "2025-04-01T10:00:00Z");
    ck_assert_str_eq(g.a[0].language, "en");
    ck_assert_str_eq(g.a[0].body, "The body starts here.\nSecond line.");
    got_release(&g);
}
END_TEST

START_TEST(text_front_matter_fenced)
{
    struct got g = {0};

    read_mem(&g, "a.md",
             "---\ntitle: \"Quoted: title\"\nurl: https://x.test/1\n"
             "tags: [a, b]\n# a comment\n---\n\n# Heading Ignored For "
             "Title\n\nBody **bold** text.\n",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Quoted: title");
    ck_assert_str_eq(g.a[0].url, "https://x.test/1");
    ck_assert_str_eq(g.a[0].format, "markdown");
    /* The body is kept as written, heading and emphasis included. */
    ck_assert_str_eq(g.a[0].body,
                     "# Heading Ignored For Title\n\nBody **bold** text.");
    got_release(&g);
}
END_TEST

START_TEST(text_front_matter_needs_known_keys)
{
    struct got g = {0};

    /* A BBC headline with a colon is not front matter. */
    read_mem(&g, "a.txt", "Analysis: No pain, no gain?\n\nBody text.\n", NULL,
             NULL);
    /* Unterminated fence: not front matter, all body. */
    read_mem(&g, "b.md", "---\ntitle: x\nno closing fence\n", NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[0].title, "Analysis: No pain, no gain?");
    ck_assert_str_eq(g.a[0].body, "Body text.");
    ck_assert_ptr_null(g.a[1].title);
    ck_assert(strncmp(g.a[1].body, "---\ntitle: x", 12) == 0);
    got_release(&g);
}
END_TEST

START_TEST(markdown_headings)
{
    struct got g = {0};

    read_mem(&g, "a.md", "# **Big news** #\nFirst paragraph.\n", NULL, NULL);
    read_mem(&g, "b.md", "Setext Title\n============\n\nText.\n", NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[0].title, "Big news");
    ck_assert_str_eq(g.a[0].body, "First paragraph.");
    ck_assert_str_eq(g.a[1].title, "Setext Title");
    ck_assert_str_eq(g.a[1].body, "Text.");
    got_release(&g);
}
END_TEST

START_TEST(text_overrides_apply)
{
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;

    o.outlet = "Override Outlet";
    o.url = "https://override.test/";
    o.published = "2024-01-02";
    read_mem(&g, "a.txt", "Outlet: From File\n\nBody.\n", &o, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].outlet, "Override Outlet");
    ck_assert_str_eq(g.a[0].url, "https://override.test/");
    ck_assert_str_eq(g.a[0].published, "2024-01-02");
    got_release(&g);
}
END_TEST

START_TEST(text_sql_metacharacters_verbatim)
{
    static const char title[] = "Robert'); DROP TABLE articles; -- \"x\"";
    static const char body[] =
        "It's a \"test\" with 'quotes', back\\slashes, $1 $$ dollar $$,\n"
        "semi;colons; -- comments /* and */ E'\\x00' %s %n {} \\N\ttab.";
    struct got g = {0};
    struct cdk_buf in = CDK_BUF_INIT;

    cdk_buf_addf(&in, "%s\n\n%s\n", title, body);
    read_mem(&g, "a.txt", in.buf, NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, title);
    ck_assert_str_eq(g.a[0].body, body);
    cdk_buf_release(&in);
    got_release(&g);
}
END_TEST

/* ---- bad input ---- */

START_TEST(bad_empty_file)
{
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    char *p = fixture("empty.txt");

    ck_assert_int_eq(cdk_read_path(p, NULL, take_article, take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].code, CDK_ERR_INPUT);
    ck_assert_str_eq(g.bad[0].message, "empty file");
    ck_assert_str_eq(g.bad[0].file, p);
    /* Every format says the same. */
    ck_assert_int_eq(cdk_read_buffer("x.json", "", 0, NULL, take_article,
                                     take_bad, &g, &err),
                     0);
    ck_assert_int_eq(cdk_read_buffer("x.csv", "", 0, NULL, take_article,
                                     take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.nbad, 3);
    ck_assert_str_eq(g.bad[2].message, "empty file");
    free(p);
    got_release(&g);
}
END_TEST

START_TEST(bad_binary_file)
{
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    char *p = fixture("binary.txt");

    ck_assert_int_eq(cdk_read_path(p, NULL, take_article, take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].code, CDK_ERR_INPUT);
    ck_assert(strncmp(g.bad[0].message, "binary file", 11) == 0);
    free(p);
    got_release(&g);
}
END_TEST

START_TEST(bad_invalid_utf8_decoded_or_strict)
{
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    static const char latin1[] = "Price rise\n\nIt costs \xA3" "5 \x96 or "
                                 "\x93more\x94.\n";

    read_mem(&g, "a.txt", latin1, NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].body, "It costs \xC2\xA3" "5 \xE2\x80\x93 or "
                                  "\xE2\x80\x9Cmore\xE2\x80\x9D.");
    ck_assert(has_warning(&g.a[0], "decoded as Windows-1252"));
    o.strict = true;
    ck_assert_int_eq(read_mem(&g, "b.txt", latin1, &o, &err), 0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "not valid UTF-8"));
    ck_assert_int_eq(g.bad[0].line, 3);
    got_release(&g);
}
END_TEST

START_TEST(bad_no_body)
{
    struct got g = {0};

    read_mem(&g, "a.txt", "Headline Only\n\n", NULL, NULL);
    read_mem(&g, "b.txt", "   \n\t\n  \n", NULL, NULL);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 2);
    ck_assert_str_eq(g.bad[0].message,
                     "no article body (title 'Headline Only')");
    ck_assert_str_eq(g.bad[0].file, "a.txt");
    ck_assert_str_eq(g.bad[1].message, "no article body");
    got_release(&g);
}
END_TEST

START_TEST(bad_unreadable_paths)
{
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;

    /* Tests may run as root, so no chmod: a directory and a dangling
     * path cannot be read by anyone. */
    ck_assert_int_eq(
        cdk_read_path("/tmp", NULL, take_article, take_bad, &g, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_str_eq(err.file, "/tmp");
    ck_assert_ptr_nonnull(strstr(err.message, "is a directory"));
    ck_assert_int_eq(cdk_read_path("/nonexistent/claimdesk/x.txt", NULL,
                                   take_article, take_bad, &g, &err),
                     -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_str_eq(err.file, "/nonexistent/claimdesk/x.txt");
    ck_assert_ptr_nonnull(strstr(err.message, "could not open"));
    ck_assert_uint_eq(g.n + g.nbad, 0);
    got_release(&g);
}
END_TEST

START_TEST(bad_without_on_bad_stops)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct got g = {0};

    ck_assert_int_eq(cdk_read_buffer("x.txt", "\0\0", 2, NULL, take_article,
                                     NULL, &g, &err),
                     -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_str_eq(err.file, "x.txt");
    ck_assert(strncmp(err.message, "binary file", 11) == 0);
    got_release(&g);
}
END_TEST

START_TEST(huge_single_line_text)
{
    size_t len = (size_t)50 << 20, i;
    char *data = cdk_xmalloc(len + 1);
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;
    struct timespec t0, t1;
    double secs;

    for (i = 0; i < len; i++)
        data[i] = "abcdefgh ."[i % 10];
    data[len] = '\0';
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(cdk_read_buffer("big.txt", data, len, NULL, take_article,
                                     take_bad, &g, NULL),
                     0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_uint_eq(g.n, 1);
    ck_assert_ptr_null(g.a[0].title);
    ck_assert_uint_eq(g.a[0].body_len, len);
    /* Linear work: tens of MB/s even under sanitizers. */
    ck_assert_msg(secs < 20.0, "50 MB line took %.1f s", secs);
    /* Capped: rejected cleanly. */
    o.max_article_bytes = 1 << 20;
    ck_assert_int_eq(cdk_read_buffer("big.txt", data, len, &o, take_article,
                                     take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "larger than 1048576"));
    free(data);
    got_release(&g);
}
END_TEST

START_TEST(callback_stop_returns_minus_one)
{
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;

    g.stop_after = 1;
    ck_assert_int_eq(read_mem(&g, "a.txt", "Body.\n", NULL, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_FAILURE);
    ck_assert_str_eq(err.message, "stopped by the test");
    got_release(&g);
}
END_TEST

START_TEST(read_path_and_stdin_name)
{
    static const char text[] = "Headline Here\n\nBody text here.\n";
    char *p = cdk_test_temp_file(".txt", text, strlen(text));
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_read_path(p, NULL, take_article, take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Headline Here");
    ck_assert_str_eq(g.a[0].origin, p);
    unlink(p);
    free(p);
    got_release(&g);
}
END_TEST

/* ---- the directory walker ---- */

static void
make_file(const char *dir, const char *rel)
{
    struct cdk_buf p = CDK_BUF_INIT;
    FILE *f;

    cdk_buf_addf(&p, "%s/%s", dir, rel);
    f = fopen(p.buf, "w");
    ck_assert_ptr_nonnull(f);
    fputs("x\n", f);
    fclose(f);
    cdk_buf_release(&p);
}

START_TEST(walk_sorted_recursive_glob)
{
    char dir[] = "/tmp/cdk-walk-XXXXXX";
    struct cdk_buf sub = CDK_BUF_INIT, link = CDK_BUF_INIT;
    struct cdk_buf empty = CDK_BUF_INIT;
    struct cdk_file_list l = CDK_FILE_LIST_INIT;
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    const char *paths[3];
    size_t i;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    cdk_buf_addf(&sub, "%s/b", dir);
    ck_assert_int_eq(mkdir(sub.buf, 0700), 0);
    cdk_buf_addf(&empty, "%s/empty", dir);
    ck_assert_int_eq(mkdir(empty.buf, 0700), 0);
    make_file(dir, "c.txt");
    make_file(dir, "a.txt");
    make_file(dir, "B.txt");
    make_file(dir, ".hidden.txt");
    make_file(dir, "skip.json");
    make_file(dir, "b/z.txt");
    make_file(dir, "b/y.txt");
    /* A loop back to the top must not be followed forever. */
    cdk_buf_addf(&link, "%s/b/loop", dir);
    ck_assert_int_eq(symlink(dir, link.buf), 0);

    paths[0] = dir;
    paths[1] = "/nonexistent/claimdesk";
    paths[2] = "-";
    ck_assert_int_eq(cdk_walk_paths(paths, 3, "*.txt", &l, take_bad, &g,
                                    &err),
                     0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_str_eq(g.bad[0].file, "/nonexistent/claimdesk");
    ck_assert_uint_eq(l.n, 6);
    {
        static const char *const want[] = {"B.txt", "a.txt", "b/y.txt",
                                           "b/z.txt", "c.txt"};
        for (i = 0; i < 5; i++) {
            struct cdk_buf w = CDK_BUF_INIT;
            cdk_buf_addf(&w, "%s/%s", dir, want[i]);
            ck_assert_str_eq(l.paths[i], w.buf);
            cdk_buf_release(&w);
        }
    }
    ck_assert_str_eq(l.paths[5], "-");
    cdk_file_list_release(&l);

    /* A glob with a slash matches the path below the directory. */
    paths[0] = dir;
    ck_assert_int_eq(cdk_walk_paths(paths, 1, "b/*", &l, NULL, NULL, &err), 0);
    ck_assert_uint_eq(l.n, 2);
    cdk_file_list_release(&l);
    /* Without on_bad the first missing path stops the walk. */
    paths[0] = "/nonexistent/claimdesk";
    ck_assert_int_eq(cdk_walk_paths(paths, 1, NULL, &l, NULL, NULL, &err),
                     -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    unlink(link.buf);
    {
        static const char *const files[] = {"c.txt", "a.txt", "B.txt",
                                            ".hidden.txt", "skip.json",
                                            "b/z.txt", "b/y.txt"};
        for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
            struct cdk_buf p = CDK_BUF_INIT;
            cdk_buf_addf(&p, "%s/%s", dir, files[i]);
            unlink(p.buf);
            cdk_buf_release(&p);
        }
    }
    rmdir(sub.buf);
    rmdir(empty.buf);
    rmdir(dir);
    cdk_buf_release(&sub);
    cdk_buf_release(&empty);
    cdk_buf_release(&link);
    got_release(&g);
}
END_TEST

/* ---- HTML ---- */

static void
read_fixture(struct got *g, const char *name, const struct cdk_read_opts *o)
{
    char *p = fixture(name);
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_read_path(p, o, take_article, take_bad, g, &err), 0);
    free(p);
}

START_TEST(html_article_body_and_metadata)
{
    struct got g = {0};
    const char *b;

    read_fixture(&g, "article.html", NULL);
    ck_assert_uint_eq(g.nbad, 0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].format, "html");
    ck_assert_str_eq(g.a[0].title, "Council talks revived");
    ck_assert_str_eq(g.a[0].url, "https://example.org/news/council-talks");
    ck_assert_str_eq(g.a[0].outlet, "The Example Times");
    ck_assert_str_eq(g.a[0].author, "Jane Roe");
    ck_assert_str_eq(g.a[0].published, "2025-04-01T10:00:00Z");
    ck_assert_str_eq(g.a[0].language, "en-GB");
    b = g.a[0].body;
    ck_assert_str_eq(b, "Washington has proposed reviving the NATO-Russia "
                        "Council, according to Bloomberg.\n\n"
                        "The council & its members have not met since 2022. "
                        "It\xE2\x80\x99s \xE2\x80\x9C" "a new start"
                        "\xE2\x80\x9D, one aide said.\n\n"
                        "What comes next\n\n"
                        "Talks could begin\nwithin weeks.");
    got_release(&g);
}
END_TEST

START_TEST(html_jsonld_metadata_and_body)
{
    struct got g = {0};

    read_fixture(&g, "jsonld.html", NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "JSON-LD headline");
    ck_assert_str_eq(g.a[0].author, "Ann One, Bob Two");
    ck_assert_str_eq(g.a[0].outlet, "LD Publisher");
    ck_assert_str_eq(g.a[0].published, "2023-03-23T22:31:00Z");
    ck_assert_str_eq(g.a[0].language, "de");
    ck_assert(strncmp(g.a[0].body, "The full body from JSON-LD.", 27) == 0);
    got_release(&g);
}
END_TEST

START_TEST(html_encodings)
{
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;

    /* Undeclared and not UTF-8: Windows-1252, with the warning. */
    read_fixture(&g, "latin1-undeclared.html", NULL);
    /* Declared ISO-8859-1: decoded as declared, no warning. */
    read_fixture(&g, "latin1-declared.html", NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[0].title, "Caf\xC3\xA9");
    ck_assert_str_eq(g.a[0].body, "Na\xC3\xAFve caf\xC3\xA9 \xE2\x82\xAC price.");
    ck_assert(has_warning(&g.a[0], "Windows-1252"));
    ck_assert_str_eq(g.a[1].body, "Na\xC3\xAFve caf\xC3\xA9.");
    ck_assert_uint_eq(g.a[1].nwarnings, 0);
    /* Declared Shift_JIS, but the bytes are not: Windows-1252, warned,
     * and nothing after the bad bytes is lost. */
    read_fixture(&g, "charset-mismatch.html", NULL);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_str_eq(g.a[2].body, "Caf\xC3\xA9 prices \xE2\x82\xAC rose."
                                  "\n\nSecond paragraph.");
    ck_assert(has_warning(&g.a[2], "Windows-1252"));
    o.strict = true;
    read_fixture(&g, "latin1-undeclared.html", &o);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "not valid UTF-8"));
    got_release(&g);
}
END_TEST

START_TEST(bad_html_no_body)
{
    struct got g = {0};

    read_fixture(&g, "nobody.html", NULL);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].code, CDK_ERR_INPUT);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "no article body"));
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "Video: weather report"));
    /* Not HTML at all, read as HTML. */
    ck_assert_int_eq(cdk_read_buffer("x.html", "\n\n   \n", 5, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.nbad, 2);
    got_release(&g);
}
END_TEST

static char *
nested_html(size_t depth, bool text_before)
{
    struct cdk_buf b = CDK_BUF_INIT;
    size_t i;

    cdk_buf_adds(&b, "<html><body>");
    if (text_before)
        cdk_buf_adds(&b, "<p>Shallow paragraph.</p>");
    for (i = 0; i < depth; i++)
        cdk_buf_adds(&b, "<div>");
    cdk_buf_adds(&b, "<p>Deep paragraph.</p>");
    for (i = 0; i < depth; i++)
        cdk_buf_adds(&b, "</div>");
    cdk_buf_adds(&b, "</body></html>");
    return cdk_buf_detach(&b, NULL);
}

START_TEST(bad_html_nested_10000_deep)
{
    struct got g = {0};
    char *deep = nested_html(10000, false), *deep2 = nested_html(10000, true);
    char *ok = nested_html(200, false);

    read_mem(&g, "deep.html", deep, NULL, NULL);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "nested deeper"));
    read_mem(&g, "deep2.html", deep2, NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].body, "Shallow paragraph.");
    ck_assert(has_warning(&g.a[0], "nested deeper"));
    read_mem(&g, "ok.html", ok, NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[1].body, "Deep paragraph.");
    free(deep);
    free(deep2);
    free(ok);
    got_release(&g);
}
END_TEST

START_TEST(bad_html_huge_text_node)
{
    size_t len = (size_t)12 << 20;
    struct cdk_buf b = CDK_BUF_INIT;
    struct got g = {0};

    cdk_buf_adds(&b, "<html><body><p>");
    cdk_buf_grow(&b, len);
    memset(b.buf + b.len, 'a', len);
    cdk_buf_setlen(&b, b.len + len);
    cdk_buf_adds(&b, "</p><p>after</p></body></html>");
    ck_assert_int_eq(cdk_read_buffer("big.html", b.buf, b.len, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    /* Not silently cut at libxml2's 10 MB text node limit. */
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "text node longer"));
    cdk_buf_release(&b);
    got_release(&g);
}
END_TEST

START_TEST(html_breaks_and_title_suffix)
{
    struct got g = {0};

    read_mem(&g, "x.html",
             "<html><head><title>Storm hits coast | Coast News </title>"
             "<meta property='og:site_name' content='Coast News'></head>"
             "<body><div>Line one<br>line two<br><br>Next paragraph"
             "<br><br><br>Third.</div></body></html>",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Storm hits coast");
    ck_assert_str_eq(g.a[0].body,
                     "Line one\nline two\n\nNext paragraph\n\nThird.");
    got_release(&g);
}
END_TEST

START_TEST(html_sql_metacharacters_verbatim)
{
    struct got g = {0};

    read_mem(&g, "x.html",
             "<html><head><title>Bobby'); DROP TABLE claims;--</title>"
             "<meta name=author content=\"O'Brien &quot;Q&quot;\"></head>"
             "<body><p>It's \"$1\" -- E'\\x00' %s; DELETE FROM x;</p>"
             "</body></html>",
             NULL, NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Bobby'); DROP TABLE claims;--");
    ck_assert_str_eq(g.a[0].author, "O'Brien \"Q\"");
    ck_assert_str_eq(g.a[0].body, "It's \"$1\" -- E'\\x00' %s; DELETE FROM x;");
    got_release(&g);
}
END_TEST

/* ---- JSON, JSON Lines, CSV ---- */

START_TEST(json_array_of_articles)
{
    struct got g = {0};

    read_fixture(&g, "articles.json", NULL);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_str_eq(g.a[0].title, "First story");
    ck_assert_str_eq(g.a[0].url, "https://example.org/1");
    ck_assert_str_eq(g.a[0].outlet, "Example News");
    ck_assert_str_eq(g.a[0].author, "A. Writer");
    ck_assert_str_eq(g.a[0].published, "2025-01-02T03:04:05Z");
    ck_assert_str_eq(g.a[0].language, "en");
    ck_assert_str_eq(g.a[0].body, "The first body.\n\nWith two paragraphs.");
    ck_assert_str_eq(g.a[0].format, "json");
    ck_assert_int_eq(g.a[0].line, 2);
    ck_assert_str_eq(g.a[1].title, "Second story");
    ck_assert_ptr_null(g.a[1].url);
    ck_assert_int_eq(g.a[1].line, 12);
    ck_assert_str_eq(g.a[2].body,
                     "Robert'); DROP TABLE articles;-- \"q\" $1 \\N");
    ck_assert_uint_eq(g.nbad, 3);
    ck_assert_int_eq(g.bad[0].line, 13);
    ck_assert_str_eq(g.bad[0].message, "article [2]: field 'title' must be a "
                                       "string, not an array");
    ck_assert_int_eq(g.bad[1].line, 14);
    ck_assert_ptr_nonnull(strstr(g.bad[1].message, "not a string"));
    ck_assert_int_eq(g.bad[2].line, 15);
    ck_assert_str_eq(g.bad[2].message, "no article body (title 'No body "
                                       "here')");
    got_release(&g);
}
END_TEST

START_TEST(bad_json_truncated_and_wrong_type)
{
    struct got g = {0};

    read_fixture(&g, "truncated.json", NULL);
    /* What came before the damage is read; the damage has line/column. */
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "Kept");
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].code, CDK_ERR_INPUT);
    ck_assert_int_eq(g.bad[0].line, 3);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message,
                                 "invalid JSON at line 3, column"));
    read_fixture(&g, "wrongtype.json", NULL);
    ck_assert_uint_eq(g.nbad, 2);
    ck_assert_int_eq(g.bad[1].line, 1);
    ck_assert_str_eq(g.bad[1].message,
                     "field 'body' must be a string, not a number");
    /* Trailing garbage and a scalar document. */
    read_mem(&g, "x.json", "{\"body\": \"b\"} {}", NULL, NULL);
    read_mem(&g, "y.json", "42", NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_uint_eq(g.nbad, 4);
    ck_assert_ptr_nonnull(strstr(g.bad[2].message, "end of file expected"));
    ck_assert_ptr_nonnull(strstr(g.bad[3].message, "not a number"));
    got_release(&g);
}
END_TEST

START_TEST(jsonl_bad_line_fails_alone)
{
    struct got g = {0};

    read_fixture(&g, "feed.jsonl", NULL);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_str_eq(g.a[0].title, "Line one");
    ck_assert_str_eq(g.a[0].outlet, "Feed");
    ck_assert_str_eq(g.a[0].format, "jsonl");
    ck_assert_int_eq(g.a[0].line, 1);
    ck_assert_str_eq(g.a[1].title, "Line six");
    ck_assert_int_eq(g.a[1].line, 6);
    ck_assert_str_eq(g.a[2].title, "Line seven");
    ck_assert_int_eq(g.a[2].line, 7);
    ck_assert_uint_eq(g.nbad, 3);
    ck_assert_int_eq(g.bad[0].line, 2);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "invalid JSON at column"));
    ck_assert_int_eq(g.bad[1].line, 4);
    ck_assert_str_eq(g.bad[1].message,
                     "field 'published' must be a string, not a number");
    ck_assert_int_eq(g.bad[2].line, 5);
    ck_assert_str_eq(g.bad[2].message,
                     "expected an article object, not an array");
    got_release(&g);
}
END_TEST

START_TEST(jsonl_invalid_utf8_one_line)
{
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;
    static const char in[] = "{\"body\": \"caf\xE9\"}\n{\"body\": \"ok\"}\n";

    ck_assert_int_eq(cdk_read_buffer("f.jsonl", in, sizeof(in) - 1, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[0].body, "caf\xC3\xA9");
    ck_assert(has_warning(&g.a[0], "Windows-1252"));
    ck_assert_uint_eq(g.a[1].nwarnings, 0);
    o.strict = true;
    ck_assert_int_eq(cdk_read_buffer("f.jsonl", in, sizeof(in) - 1, &o,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].line, 1);
    got_release(&g);
}
END_TEST

START_TEST(csv_columns_any_order_multiline)
{
    struct got g = {0};

    read_fixture(&g, "articles.csv", NULL);
    ck_assert_uint_eq(g.nbad, 0);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_str_eq(g.a[0].title, "Multi-line");
    ck_assert_str_eq(g.a[0].body, "A body with a comma, and\ntwo lines");
    ck_assert_str_eq(g.a[0].url, "https://example.org/a");
    ck_assert_str_eq(g.a[0].published, "2025-01-01");
    ck_assert_str_eq(g.a[0].format, "csv");
    ck_assert_int_eq(g.a[0].line, 2);
    ck_assert_str_eq(g.a[1].title, "Plain");
    ck_assert_ptr_null(g.a[1].published);
    ck_assert_int_eq(g.a[1].line, 4);
    ck_assert_str_eq(g.a[2].body, "Quotes \"inside\" it");
    ck_assert_ptr_null(g.a[2].url);
    ck_assert_int_eq(g.a[2].line, 5);
    got_release(&g);
}
END_TEST

START_TEST(bad_csv_unbalanced_quote_and_missing_body)
{
    struct got g = {0};

    read_fixture(&g, "unbalanced.csv", NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_str_eq(g.a[0].title, "First");
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].line, 3);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "unterminated quoted"));
    read_fixture(&g, "nobody-column.csv", NULL);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_uint_eq(g.nbad, 2);
    ck_assert_int_eq(g.bad[1].line, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[1].message, "no 'body' column"));
    /* A stray quote spoils its record only. */
    read_mem(&g, "s.csv", "title,body\nA,x\"y\nB,fine\n", NULL, NULL);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.a[1].title, "B");
    ck_assert_uint_eq(g.nbad, 3);
    ck_assert_int_eq(g.bad[2].line, 2);
    ck_assert_ptr_nonnull(strstr(g.bad[2].message, "malformed CSV record"));
    got_release(&g);
}
END_TEST

START_TEST(huge_single_line_streamed)
{
    size_t len = (size_t)50 << 20, i;
    struct cdk_buf jl = CDK_BUF_INIT, cv = CDK_BUF_INIT;
    struct got g = {0};
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;

    cdk_buf_grow(&jl, len + 64);
    cdk_buf_grow(&cv, len + 64);
    cdk_buf_adds(&jl, "{\"body\": \"");
    cdk_buf_adds(&cv, "title,body\nT,\"");
    for (i = 0; i < len; i++) {
        char ch = "abcdefgh ."[i % 10];
        jl.buf[jl.len + i] = ch;
        cv.buf[cv.len + i] = ch;
    }
    cdk_buf_setlen(&jl, jl.len + len);
    cdk_buf_setlen(&cv, cv.len + len);
    cdk_buf_adds(&jl, "\"}\n{\"body\": \"next\"}\n");
    cdk_buf_adds(&cv, "\"\nU,next\n");
    ck_assert_int_eq(cdk_read_buffer("big.jsonl", jl.buf, jl.len, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_int_eq(cdk_read_buffer("big.csv", cv.buf, cv.len, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.nbad, 0);
    ck_assert_uint_eq(g.n, 4);
    ck_assert_uint_eq(g.a[0].body_len, len);
    ck_assert_str_eq(g.a[1].body, "next");
    ck_assert_int_eq(g.a[1].line, 2);
    ck_assert_uint_eq(g.a[2].body_len, len);
    ck_assert_str_eq(g.a[3].body, "next");
    ck_assert_int_eq(g.a[3].line, 3);
    got_release(&g);
    /* Capped: the long line fails, the next one still reads. */
    o.max_article_bytes = 1 << 20;
    ck_assert_int_eq(cdk_read_buffer("big.jsonl", jl.buf, jl.len, &o,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_uint_eq(g.nbad, 1);
    ck_assert_int_eq(g.bad[0].line, 1);
    ck_assert_ptr_nonnull(strstr(g.bad[0].message, "longer than"));
    ck_assert_int_eq(cdk_read_buffer("big.csv", cv.buf, cv.len, &o,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.nbad, 2);
    ck_assert_int_eq(g.bad[1].line, 2);
    ck_assert_ptr_nonnull(strstr(g.bad[1].message, "larger than"));
    cdk_buf_release(&jl);
    cdk_buf_release(&cv);
    got_release(&g);
}
END_TEST

static int
count_article(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    (void)err;
    (*(size_t *)arg)++;
    /* JSON line k is line k; CSV record k starts on line 2k (header,
     * then two lines per record). */
    if (*(size_t *)arg == 300000)
        ck_assert(a->line == 300000 || a->line == 600000);
    return 0;
}

START_TEST(streaming_memory_is_flat)
{
    /* 300,000 JSON lines (~60 MB) and as many CSV records: memory holds
     * a chunk and one article, not the file. */
    struct cdk_read_opts o = CDK_READ_OPTS_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf pad = CDK_BUF_INIT;
    struct rusage ru;
    char jpath[] = "/tmp/cdk-readers-XXXXXX.jsonl";
    char cpath[] = "/tmp/cdk-readers-XXXXXX.csv";
    FILE *jf, *cf;
    size_t i, n = 0;

    for (i = 0; i < 150; i++)
        cdk_buf_addch(&pad, 'a' + (char)(i % 26));
    jf = fdopen(mkstemps(jpath, 6), "w");
    cf = fdopen(mkstemps(cpath, 4), "w");
    ck_assert_ptr_nonnull(jf);
    ck_assert_ptr_nonnull(cf);
    fputs("title,body\n", cf);
    for (i = 0; i < 300000; i++) {
        fprintf(jf, "{\"title\": \"t%zu\", \"body\": \"%s %zu\"}\n", i,
                pad.buf, i);
        fprintf(cf, "t%zu,\"%s\n%zu\"\n", i, pad.buf, i);
    }
    fclose(jf);
    fclose(cf);
    o.max_article_bytes = 4096; /* a whole-file read would be refused */
    ck_assert_int_eq(cdk_read_path(jpath, &o, count_article, NULL, &n, &err),
                     0);
    ck_assert_uint_eq(n, 300000);
    n = 0;
    ck_assert_int_eq(cdk_read_path(cpath, &o, count_article, NULL, &n, &err),
                     0);
    ck_assert_uint_eq(n, 300000);
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "streaming 2 x 300,000 articles: peak RSS %ld kB\n",
            ru.ru_maxrss);
#ifndef __SANITIZE_ADDRESS__
    ck_assert_int_lt(ru.ru_maxrss, 32 * 1024);
#endif
    unlink(jpath);
    unlink(cpath);
    cdk_buf_release(&pad);
}
END_TEST

START_TEST(bad_binary_streamed_formats)
{
    struct got g = {0};
    static const char jl[] = "{\"body\": \"x\"}\n\0\0\0";

    ck_assert_int_eq(cdk_read_buffer("b.jsonl", jl, sizeof(jl) - 1, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_int_eq(cdk_read_buffer("b.csv", "body\n\0", 6, NULL,
                                     take_article, take_bad, &g, NULL),
                     0);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_uint_eq(g.nbad, 2);
    ck_assert(strncmp(g.bad[0].message, "binary file", 11) == 0);
    ck_assert(strncmp(g.bad[1].message, "binary file", 11) == 0);
    got_release(&g);
}
END_TEST

/* ---- real data ---- */

/* Split a TSV line in place into at most n fields. */
static size_t
tsv_split(char *line, char **f, size_t n)
{
    size_t k = 0;

    while (k < n) {
        char *tab = strchr(line, '\t');
        f[k++] = line;
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return k;
}

/* Fold runs of spaces to one, as the readers do in metadata. */
static void
fold_spaces(char *s)
{
    char *w = s;
    const char *r;

    for (r = s; *r; r++)
        if (!(*r == ' ' && (w == s || w[-1] == ' ')))
            *w++ = *r;
    *w = '\0';
}

/*
 * Read every file index.tsv lists under `corpus` and check its headline
 * against column `title_col`. Returns the number of articles read.
 */
static size_t
check_corpus(const char *corpus, size_t title_col, size_t *nbad,
             size_t *nwarned)
{
    struct cdk_buf rel = CDK_BUF_INIT;
    char *dir, *text, *line, *save = NULL;
    size_t len, files = 0, mismatches = 0;
    struct got g = {0};

    dir = cdk_test_shared_path(corpus);
    if (!dir)
        return (size_t)-1;
    cdk_buf_addf(&rel, "%s/index.tsv", dir);
    text = cdk_test_read_file(rel.buf, &len);
    ck_assert_ptr_nonnull(text);
    *nbad = *nwarned = 0;
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *f[8];
        struct cdk_buf path = CDK_BUF_INIT;
        struct cdk_error err = CDK_ERROR_INIT;
        size_t nf = tsv_split(line, f, 8), before = g.n;

        if (files++ == 0)
            continue; /* the header */
        ck_assert_uint_gt(nf, title_col);
        fold_spaces(f[title_col]);
        cdk_buf_addf(&path, "%s/%s", dir, f[0]);
        ck_assert_int_eq(cdk_read_path(path.buf, NULL, take_article, take_bad,
                                       &g, &err),
                         0);
        if (g.n == before + 1) {
            const struct cdk_article *a = &g.a[before];
            if (!a->title || strcmp(a->title, f[title_col]) != 0) {
                if (mismatches++ < 10)
                    fprintf(stderr, "%s: headline '%s', index says '%s'\n",
                            f[0], a->title ? a->title : "(none)",
                            f[title_col]);
            }
            if (a->nwarnings)
                (*nwarned)++;
            ck_assert_uint_gt(a->body_len, 0);
        }
        *nbad += g.nbad;
        /* Keep memory flat: drop what was read. */
        got_release(&g);
        cdk_buf_release(&path);
    }
    ck_assert_msg(mismatches == 0, "%zu headlines differ from index.tsv",
                  mismatches);
    free(text);
    free(dir);
    cdk_buf_release(&rel);
    return files - 1;
}

START_TEST(real_news_bbc)
{
    char *p = cdk_test_shared_path("data/news-bbc/bbc/sport/199.txt");
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;
    size_t files, nbad, nwarned;

    if (!p) {
        fprintf(stderr, "skipped: ../shared/data/news-bbc is absent\n");
        return;
    }
    ck_assert_int_eq(cdk_read_path(p, NULL, take_article, take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert(has_warning(&g.a[0], "decoded as Windows-1252"));
    ck_assert_ptr_nonnull(strstr(g.a[0].body, "\xC2\xA3"));
    got_release(&g);
    free(p);

    /* The walker finds the same 2,225 files, in sorted order. */
    {
        struct cdk_file_list l = CDK_FILE_LIST_INIT;
        char *dir = cdk_test_shared_path("data/news-bbc/bbc");
        const char *paths[1];
        size_t i;

        paths[0] = dir;
        ck_assert_int_eq(cdk_walk_paths(paths, 1, "*.txt", &l, NULL, NULL,
                                        &err),
                         0);
        ck_assert_uint_eq(l.n, 2225);
        for (i = 1; i < l.n; i++)
            ck_assert_int_lt(strcmp(l.paths[i - 1], l.paths[i]), 0);
        ck_assert_ptr_nonnull(strstr(l.paths[0], "/business/001.txt"));
        cdk_file_list_release(&l);
        free(dir);
    }
    files = check_corpus("data/news-bbc", 3, &nbad, &nwarned);
    fprintf(stderr, "news-bbc: %zu files read, %zu bad, %zu with warnings\n",
            files, nbad, nwarned);
    ck_assert_uint_eq(files, 2225);
    ck_assert_uint_eq(nwarned, 1);
}
END_TEST

START_TEST(real_seed_article)
{
    char *p = cdk_test_shared_path("seeds/nrc-council-article.txt");
    struct got g = {0};
    struct cdk_error err = CDK_ERROR_INIT;

    if (!p) {
        fprintf(stderr, "skipped: ../shared/seeds is absent\n");
        return;
    }
    ck_assert_int_eq(cdk_read_path(p, NULL, take_article, take_bad, &g, &err),
                     0);
    ck_assert_uint_eq(g.n, 1);
    /* No headline: the lede ends in a comma; the body is all the text. */
    ck_assert_ptr_null(g.a[0].title);
    ck_assert(strncmp(g.a[0].body, "Washington has proposed reviving", 32) ==
              0);
    ck_assert_ptr_nonnull(strstr(g.a[0].body, "Source link"));
    ck_assert_uint_eq(g.a[0].nwarnings, 0);
    got_release(&g);
    free(p);
}
END_TEST

START_TEST(real_news_noisy)
{
    size_t files, nbad, nwarned;

    files = check_corpus("data/news-noisy", 4, &nbad, &nwarned);
    if (files == (size_t)-1) {
        fprintf(stderr, "skipped: ../shared/data/news-noisy is absent\n");
        return;
    }
    fprintf(stderr, "news-noisy: %zu files read, %zu no-body, %zu with "
                    "warnings\n",
            files, nbad, nwarned);
    ck_assert_uint_eq(files, 100);
}
END_TEST

static Suite *
readers_suite(void)
{
    Suite *s = suite_create("readers");
    TCase *tc = tcase_create("formats");
    TCase *bad = tcase_create("bad input");
    TCase *walk = tcase_create("walk");
    TCase *real = tcase_create("real data");

    tcase_add_test(tc, format_names_round_trip);
    tcase_add_test(tc, format_detection);
    tcase_add_test(tc, text_headline_then_body);
    tcase_add_test(tc, text_questions_and_ellipses_are_headlines);
    tcase_add_test(tc, text_lede_is_not_a_headline);
    tcase_add_test(tc, text_full_stop_headlines);
    tcase_add_test(tc, text_front_matter_bare);
    tcase_add_test(tc, text_front_matter_fenced);
    tcase_add_test(tc, text_front_matter_needs_known_keys);
    tcase_add_test(tc, markdown_headings);
    tcase_add_test(tc, text_overrides_apply);
    tcase_add_test(tc, text_sql_metacharacters_verbatim);
    tcase_add_test(tc, callback_stop_returns_minus_one);
    tcase_add_test(tc, read_path_and_stdin_name);
    tcase_add_test(tc, html_article_body_and_metadata);
    tcase_add_test(tc, html_jsonld_metadata_and_body);
    tcase_add_test(tc, html_encodings);
    tcase_add_test(tc, html_sql_metacharacters_verbatim);
    tcase_add_test(tc, html_breaks_and_title_suffix);
    tcase_add_test(tc, json_array_of_articles);
    tcase_add_test(tc, jsonl_bad_line_fails_alone);
    tcase_add_test(tc, jsonl_invalid_utf8_one_line);
    tcase_add_test(tc, csv_columns_any_order_multiline);
    tcase_add_test(tc, streaming_memory_is_flat);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);

    tcase_add_test(bad, bad_empty_file);
    tcase_add_test(bad, bad_binary_file);
    tcase_add_test(bad, bad_invalid_utf8_decoded_or_strict);
    tcase_add_test(bad, bad_no_body);
    tcase_add_test(bad, bad_unreadable_paths);
    tcase_add_test(bad, bad_without_on_bad_stops);
    tcase_add_test(bad, huge_single_line_text);
    tcase_add_test(bad, bad_html_no_body);
    tcase_add_test(bad, bad_html_nested_10000_deep);
    tcase_add_test(bad, bad_html_huge_text_node);
    tcase_add_test(bad, bad_json_truncated_and_wrong_type);
    tcase_add_test(bad, bad_csv_unbalanced_quote_and_missing_body);
    tcase_add_test(bad, huge_single_line_streamed);
    tcase_add_test(bad, bad_binary_streamed_formats);
    tcase_set_timeout(bad, 120);
    suite_add_tcase(s, bad);

    tcase_add_test(walk, walk_sorted_recursive_glob);
    suite_add_tcase(s, walk);

    tcase_add_test(real, real_news_bbc);
    tcase_add_test(real, real_news_noisy);
    tcase_add_test(real, real_seed_article);
    tcase_set_timeout(real, 120);
    suite_add_tcase(s, real);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(readers_suite());
}
