/*
 * The entity finder's fast path against its plain one
 * (cdk_entities_fast_agrees: the same entities, offsets, texts and
 * values): every sentence and every line of both corpora (news-bbc,
 * news-noisy), generated text of tricky pieces cut at every length and
 * inside longer bodies, and hostile input, timed for linearity.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "importers/extract/entities.h"
#include "importers/extract/segment.h"
#include "support/testutil.h"

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static void
check_same(const char *s, size_t start, size_t end, const char *published)
{
    if (!cdk_entities_fast_agrees(s, start, end, 0, published))
        ck_abort_msg("fast and plain entities differ on [%zu,%zu) "
                     "(published %s): \"%.*s\"",
                     start, end, published ? published : "none",
                     (int)(end - start < 200 ? end - start : 200), s + start);
}

/* Every sentence of the text, and every line (sentences as they come:
 * mostly ended by punctuation), with and without a published date. */
static void
check_article(const char *text, size_t len)
{
    struct cdk_spans sp = CDK_SPANS_INIT;
    size_t i, a = 0, b;

    cdk_segment_sentences(text, len, &sp);
    for (i = 0; i < sp.n; i++) {
        check_same(text, sp.v[i].start, sp.v[i].end, "2023-03-23");
        check_same(text, sp.v[i].start, sp.v[i].end, NULL);
    }
    cdk_spans_release(&sp);
    for (b = 0; b <= len; b++)
        if (b == len || text[b] == '\n') {
            if (b > a)
                check_same(text, a, b, "Thu, 23 Mar 2023 10:00:00 GMT");
            a = b + 1;
        }
}

START_TEST(fast_as_plain_corpora)
{
    static const char *const dirs[] = {
        "data/news-noisy/articles",        "data/news-bbc/bbc/business",
        "data/news-bbc/bbc/entertainment", "data/news-bbc/bbc/politics",
        "data/news-bbc/bbc/sport",         "data/news-bbc/bbc/tech",
    };
    size_t d, files = 0, bytes = 0;

    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        char *dir = cdk_test_shared_path(dirs[d]);
        struct dirent *de;
        DIR *dh;

        if (!dir) {
            printf("%s absent, skipped\n", dirs[d]);
            continue;
        }
        dh = opendir(dir);
        ck_assert_ptr_nonnull(dh);
        while ((de = readdir(dh))) {
            struct cdk_buf p = CDK_BUF_INIT;
            size_t len;
            char *text;

            if (!strstr(de->d_name, ".txt"))
                continue;
            cdk_buf_addf(&p, "%s/%s", dir, de->d_name);
            text = cdk_test_read_file(p.buf, &len);
            ck_assert_ptr_nonnull(text);
            check_article(text, len);
            bytes += len;
            files++;
            free(text);
            cdk_buf_release(&p);
        }
        closedir(dh);
        free(dir);
    }
    if (!files)
        printf("news-bbc and news-noisy absent: corpus part skipped\n");
    else
        printf("fast and plain entities agree on %zu articles (%zu bytes)\n",
               files, bytes);
}
END_TEST

/* Text made of pieces that stop the fast path or nearly do: relative-
 * date words and their near misses, "ago", names, connectors, numbers,
 * words ended by every kind of byte, non-ASCII letters and spaces. */
START_TEST(fast_as_plain_generated)
{
    static const char *const pieces[] = {
        "the ", "said ", "and ", "of ", "for ", "van ", "a ", "an ", "one ",
        "two ", "weeks ", "ago ", "agony ", "last ", "lastly ", "later ",
        "latest ", "this ", "thin ", "next ", "nexus ", "past ", "pasta ",
        "earlier ", "early ", "yesterday ", "today ", "todays ", "tonight ",
        "tomorrow ", "tomorrows ", "LAST ", "Last ", "week ", "month ",
        "year ", "days ", "The ", "Mr ", "Mr. ", "Smith ", "John ", "Smith's ",
        "U.S. ", "Bank ", "of England ", "New York ", "May ", "March ",
        "Tuesday ", "2023 ", "23 ", "$3.5bn ", "5.6% ", "1,000 ", "7:40 ",
        "COVID-19 ", "don't ", "O'Brien ", "well-known ", "e.g. ", "a.m. ",
        "abcdefghijklmnop ", "abcdefgh ", "abcdefg ", "xy ", "x ", "q",
        ", ", ".", "; ", "(", ") ", "\"", "'", "-", "\xe2\x80\x99", "\t",
        "\n", "  ", "\xc2\xa0", "caf\xc3\xa9 ", "stra\xc3\x9f\x65 ",
        "na\xc3\xafve ", "\xc3\x89milie ", "\xe2\x80\x9cquoted\xe2\x80\x9d ",
        "word\xe2\x80\x94word ", "9", "z9 ", "h1n1 ", "3rd ",
    };
    static const char *const published[] = {
        "2023-03-23", NULL, "2023-03", "Wed, 22 Mar 2023 10:00:00 GMT",
    };
    uint64_t seed = 4321;
    char text[700];
    int round;

    for (round = 0; round < 20000; round++) {
        size_t want = (size_t)(round % 160) + 1, len = 0, a, b;
        const char *pub = published[round % 4];

        while (len < want) {
            const char *p =
                pieces[next_rand(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        check_same(text, 0, len, pub);
        /* a sentence inside a longer body, cut anywhere */
        a = (size_t)(next_rand(&seed) % (len / 2 + 1));
        b = len - (size_t)(next_rand(&seed) % (len / 2 + 1));
        if (b > a)
            check_same(text, a, b, pub);
    }
}
END_TEST

/* Each sentence cut at every length: the fast path's reads stop at the
 * sentence's end, whatever follows it in the body. */
START_TEST(fast_as_plain_at_every_length)
{
    static const char *const sentences[] = {
        "the government said last week that the plan would go ahead.",
        "prices rose by 5.6% in the three months to March, officials said",
        "two weeks ago the company told investors it had lost $3.5bn",
        "he met the Prime Minister of the United Kingdom yesterday",
        "abcdefgh abcdefghijklmnop abcdefg xy z",
        "it was later this year; tonight, tomorrow and today",
    };
    size_t s, n;

    for (s = 0; s < sizeof(sentences) / sizeof(sentences[0]); s++) {
        const char *t = sentences[s];
        size_t len = strlen(t);

        for (n = 0; n <= len; n++) {
            check_same(t, 0, n, "2023-03-23");
            if (n > 3)
                check_same(t, 3, n, NULL);
        }
    }
}
END_TEST

/* The person-title test on every piece of both corpora between spaces,
 * with and without its punctuation, and on edge cases. */
static void
titles_of(const char *text, size_t len)
{
    size_t a = 0, b;

    for (b = 0; b <= len; b++)
        if (b == len || text[b] == ' ' || text[b] == '\n') {
            size_t x = a, y = b;

            ck_assert_msg(cdk_entities_title_agrees(text + a, b - a),
                          "person title of \"%.*s\"", (int)(b - a),
                          text + a);
            while (x < y && !((text[x] | 0x20) >= 'a' && (text[x] | 0x20) <= 'z'))
                x++;
            while (y > x && (text[y - 1] == ',' || text[y - 1] == '"' ||
                             text[y - 1] == ')' || text[y - 1] == ':'))
                y--;
            ck_assert(cdk_entities_title_agrees(text + x, y - x));
            a = b + 1;
        }
}

START_TEST(person_title_as_reference)
{
    static const char *const fixed[] = {
        "", "-", "--", "a-", "-a", ".", "..", "Sen.", "Sen..", "Co-author",
        "co-author.", "vice-chairman", "ex-President", "Mr-", "-Mr",
        "according", "according.", "said", "says", "analyst", "Analyst",
        "President", "Chief-Executive", "a-b-analyst", "x-according",
        "told-", "envoy", "envoy.", "Minister-",
    };
    static const char *const dirs[] = {
        "data/news-noisy/articles", "data/news-bbc/bbc/politics",
        "data/news-bbc/bbc/business",
    };
    char longw[200];
    size_t i, d;

    for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        ck_assert_msg(cdk_entities_title_agrees(fixed[i], strlen(fixed[i])),
                      "person title of \"%s\"", fixed[i]);
    /* long words with a dash anywhere: the part after it may be short */
    for (i = 0; i < 150; i++) {
        memset(longw, 'a', sizeof(longw));
        longw[i] = '-';
        memcpy(longw + i + 1, "analyst", 7);
        ck_assert(cdk_entities_title_agrees(longw, i + 8));
        ck_assert(cdk_entities_title_agrees(longw, i + 1));
        ck_assert(cdk_entities_title_agrees(longw, sizeof(longw)));
    }
    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        char *dir = cdk_test_shared_path(dirs[d]);
        struct dirent *de;
        DIR *dh;

        if (!dir)
            continue;
        dh = opendir(dir);
        ck_assert_ptr_nonnull(dh);
        while ((de = readdir(dh))) {
            struct cdk_buf p = CDK_BUF_INIT;
            size_t len;
            char *text;

            if (!strstr(de->d_name, ".txt"))
                continue;
            cdk_buf_addf(&p, "%s/%s", dir, de->d_name);
            text = cdk_test_read_file(p.buf, &len);
            ck_assert_ptr_nonnull(text);
            titles_of(text, len);
            free(text);
            cdk_buf_release(&p);
        }
        closedir(dh);
        free(dir);
    }
}
END_TEST

/* Seconds to find the entities of `unit` repeated to n bytes. */
static double
time_units(const char *unit, size_t n)
{
    struct cdk_buf b = CDK_BUF_INIT;
    struct cdk_entities e = CDK_ENTITIES_INIT;
    size_t ul = strlen(unit);
    struct timespec t0, t1;

    while (b.len < n)
        cdk_buf_add(&b, unit, ul);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cdk_entities_find_into(&e, b.buf, 0, b.len, 0, "2023-03-23");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    cdk_entities_release(&e);
    cdk_buf_release(&b);
    return (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* The fastest of three runs. */
static double
best_of_three(const char *unit, size_t n)
{
    double best = time_units(unit, n), t;
    int r;

    for (r = 0; r < 2; r++)
        if ((t = time_units(unit, n)) < best)
            best = t;
    return best;
}

/*
 * One long line of one repeated word (lowercase, a relative-date word,
 * a capitalised name, a number...): eight times the text takes about
 * eight times as long, far from the 64 of a quadratic loop (the bound
 * leaves room for a loaded machine), and the fast path agrees.
 */
START_TEST(hostile_input_is_linear)
{
    static const char *const units[] = {
        "the ", "last ", "Smith ", "1,234 ", "abcdefghijklmnopqrstu ",
        "ago ", "of ", "x", ", ",
    };
    size_t u, n = (size_t)1 << 18;

    for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        double small = best_of_three(units[u], n);
        double big = best_of_three(units[u], 8 * n);
        struct cdk_buf b = CDK_BUF_INIT;

        ck_assert_msg(big < 0.25 || big < 30 * (small > 0.001 ? small : 0.001),
                      "'%s': %.3fs for %zu bytes, %.3fs for eight times that",
                      units[u], small, n, big);
        while (b.len < 20000)
            cdk_buf_add(&b, units[u], strlen(units[u]));
        check_same(b.buf, 0, b.len, "2023-03-23");
        cdk_buf_release(&b);
    }
}
END_TEST

/* A line of 50 MB: words, names and numbers, read in linear time. */
START_TEST(fifty_megabyte_line)
{
    static const char unit[] = "the quick brown fox told Smith, last of 12 ";
    double secs = time_units(unit, (size_t)50 << 20);

    printf("entities of a 50 MB line in %.2fs\n", secs);
    ck_assert_msg(secs < 30, "a 50 MB line took %.1fs", secs);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("entities_fast");
    TCase *tc = tcase_create("entities_fast");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, fast_as_plain_corpora);
    tcase_add_test(tc, fast_as_plain_generated);
    tcase_add_test(tc, fast_as_plain_at_every_length);
    tcase_add_test(tc, hostile_input_is_linear);
    tcase_add_test(tc, person_title_as_reference);
    tcase_add_test(tc, fifty_megabyte_line);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
