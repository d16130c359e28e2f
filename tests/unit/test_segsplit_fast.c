/*
 * The fast paths of sentence segmentation, compound splitting and the
 * boilerplate classifier against their references, on every article of
 * both corpora (news-bbc, news-noisy), on the golden-rule inputs and on
 * generated text full of the cases the fast paths must hand back to the
 * slow ones (lists, bullets, quotes, abbreviations, newlines, odd
 * whitespace, non-ASCII).
 */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "importers/extract/segment.h"
#include "support/testutil.h"

/* ---- the corpora ------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of a shared directory (sorted); NULL when the
 * shared data is absent. */
static char **
list_dir(const char *rel, size_t *n)
{
    char *dir = cdk_test_shared_path(rel);
    DIR *d;
    struct dirent *e;
    char **v = NULL;
    size_t alloc = 0;

    *n = 0;
    if (!dir)
        return NULL;
    d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        struct cdk_buf p = CDK_BUF_INIT;
        if (e->d_name[0] == '.' || strcmp(e->d_name, "ORIGIN.md") == 0 ||
            strstr(e->d_name, "README") != NULL)
            continue;
        cdk_buf_addf(&p, "%s/%s", dir, e->d_name);
        CDK_ALLOC_GROW(v, *n + 1, alloc);
        v[(*n)++] = cdk_buf_detach(&p, NULL);
    }
    closedir(d);
    free(dir);
    qsort(v, *n, sizeof(*v), cmp_str);
    return v;
}

typedef void (*text_fn)(const char *name, const char *text, size_t len,
                        void *arg);

/* Call fn on every article of both corpora; the number of articles. */
static size_t
each_article(text_fn fn, void *arg)
{
    static const char *const dirs[] = {
        "data/news-bbc/bbc/business", "data/news-bbc/bbc/entertainment",
        "data/news-bbc/bbc/politics", "data/news-bbc/bbc/sport",
        "data/news-bbc/bbc/tech",     "data/news-noisy/articles",
    };
    size_t d, i, total = 0;

    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        size_t n;
        char **files = list_dir(dirs[d], &n);
        for (i = 0; i < n; i++) {
            size_t len;
            char *data = cdk_test_read_file(files[i], &len);
            ck_assert_msg(data != NULL, "cannot read %s", files[i]);
            fn(files[i], data, len, arg);
            total++;
            free(data);
            free(files[i]);
        }
        free(files);
    }
    return total;
}

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Text made of pieces that exercise every branch around a word run. */
static size_t
gen_text(uint64_t *seed, char *out, size_t cap)
{
    static const char *const pieces[] = {
        "word",     "Word",       "42",          " ",          "  ",
        "\n",       "\n\n",       "\r\n",        "\t",         ".",
        "!",        "?",          "...",         ",",          ";",
        "\"",       "'",          "(",           ")",          "Mr. ",
        "U.S. ",    "a.m. ",      "e.g. ",       "etc. ",      "No. 5",
        "1. ",      "2) ",        "3.) ",        "a. ",        "b) ",
        "- ",       "* ",         "\xe2\x80\xa2 ", "\xe2\x80\x94", "\xc2\xa0",
        "\xe2\x80\xa6", "\xc3\xa9t\xc3\xa9", "\xc3\x89t\xc3\xa9", "x@y.z",
        "www.a.b",  "end.The",    "I.",          "$1.50",      "%",
        "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe3\x80\x82", ":",   "The ",
        "he ",      "And ",       "\xe2\x80\xa8", "\xe2\x80\xa9", "\x80",
    };
    size_t n = 0;

    while (n + 8 < cap) {
        const char *p = pieces[next_rand(seed) % (sizeof(pieces) /
                                                 sizeof(pieces[0]))];
        size_t k = strlen(p);
        if (n + k >= cap)
            break;
        memcpy(out + n, p, k);
        n += k;
        if (next_rand(seed) % 3 == 0)
            out[n++] = ' ';
    }
    return n;
}

/* ---- segmentation ------------------------------------------------ */

static void
same_spans(const char *name, const char *text, size_t len)
{
    struct cdk_spans fast = CDK_SPANS_INIT, plain = CDK_SPANS_INIT;
    size_t i;

    cdk_segment_sentences(text, len, &fast);
    cdk_segment_sentences_plain(text, len, &plain);
    ck_assert_msg(fast.n == plain.n, "%s: %zu sentences, not %zu", name,
                  fast.n, plain.n);
    for (i = 0; i < fast.n; i++)
        ck_assert_msg(fast.v[i].start == plain.v[i].start &&
                          fast.v[i].end == plain.v[i].end,
                      "%s: sentence %zu is [%zu,%zu), not [%zu,%zu)", name, i,
                      fast.v[i].start, fast.v[i].end, plain.v[i].start,
                      plain.v[i].end);
    cdk_spans_release(&fast);
    cdk_spans_release(&plain);
}

static void
segment_article(const char *name, const char *text, size_t len, void *arg)
{
    size_t *sentences = arg;
    struct cdk_spans sp = CDK_SPANS_INIT;
    const char *p = text, *end = text + len;

    same_spans(name, text, len);
    /* each paragraph alone too (extract segments the kept units) */
    while (p < end) {
        const char *q = strstr(p, "\n\n");
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        same_spans(name, p, n);
        p += n + 2;
    }
    cdk_segment_sentences(text, len, &sp);
    *sentences += sp.n;
    cdk_spans_release(&sp);
}

START_TEST(segment_fast_as_plain_corpora)
{
    size_t sentences = 0, n = each_article(segment_article, &sentences);

    if (n == 0) {
        printf("segment corpora: shared data absent, skipped\n");
        return;
    }
    ck_assert_uint_gt(n, 2000);
    ck_assert_uint_gt(sentences, 20000);
}
END_TEST

START_TEST(segment_fast_as_plain_golden_inputs)
{
    static const char *const files[] = {
        "data/sentence-boundaries/pragmatic_segmenter_readme_golden_rules_en."
        "jsonl",
        "data/sentence-boundaries/pysbd_golden_rules_en.jsonl",
    };
    size_t f, lines = 0;

    for (f = 0; f < 2; f++) {
        char *path = cdk_test_shared_path(files[f]);
        size_t len;
        char *data, *line, *save = NULL;
        if (!path)
            return;
        data = cdk_test_read_file(path, &len);
        ck_assert_ptr_nonnull(data);
        /* the JSON lines as they are: quotes, escapes and all */
        for (line = strtok_r(data, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            same_spans(path, line, strlen(line));
            lines++;
        }
        free(data);
        free(path);
    }
    ck_assert_uint_gt(lines, 50);
}
END_TEST

START_TEST(segment_fast_as_plain_generated)
{
    static const char *const cases[] = {
        "",
        " ",
        "a",
        "a b",
        "It rose. It fell",
        "Word word\nword word",
        "Word word\n\nWord",
        "1. first item 2. second item 3. third",
        "a. one thing b. another thing",
        "Word word \xe2\x80\xa2 word word",
        "Mr. Smith went to Washington D.C. The end",
        "\"Quoted words here,\" he said. And more words",
        "- dash item\n- dash item two",
        "ends in space ",
        "x  y  z",
        "tab\tseparated words here",
        "\xc3\xa9t\xc3\xa9 word word word",
    };
    char buf[600];
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        same_spans(cases[i], cases[i], strlen(cases[i]));
    for (i = 0; i < 20000; i++) {
        size_t n = gen_text(&seed, buf, 1 + next_rand(&seed) % sizeof(buf));
        buf[n] = '\0';
        same_spans(buf, buf, n);
    }
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("segsplit_fast");
    TCase *tc = tcase_create("fast");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, segment_fast_as_plain_corpora);
    tcase_add_test(tc, segment_fast_as_plain_golden_inputs);
    tcase_add_test(tc, segment_fast_as_plain_generated);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
