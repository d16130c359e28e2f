/*
 * The segmenter's eight-byte word scan (words_end in segment.c) against
 * the plain state machine (cdk_segment_sentences_plain), where the scan
 * can go wrong: every byte value at every place of short texts of words,
 * so around and across the eight-byte steps and the ninth byte the scan
 * looks at, and every prefix of each, in heap blocks of exactly their
 * size (a read past the end shows in the sanitizer build); and hostile
 * inputs timed. Both corpora and the golden rules are compared in
 * test_segsplit_fast.c.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "importers/extract/segment.h"
#include "support/testutil.h"

/* Both segmenters on s[0..len), copied into a block of exactly len
 * bytes: the same spans. */
static void
check_exact(const char *s, size_t len, struct cdk_spans *fast,
            struct cdk_spans *plain)
{
    char *b = cdk_xmalloc(len ? len : 1);
    size_t i;

    memcpy(b, s, len);
    fast->n = plain->n = 0;
    cdk_segment_sentences(b, len, fast);
    cdk_segment_sentences_plain(b, len, plain);
    ck_assert_msg(fast->n == plain->n, "\"%.*s\": %zu sentences, not %zu",
                  (int)len, s, fast->n, plain->n);
    for (i = 0; i < fast->n; i++)
        ck_assert_msg(fast->v[i].start == plain->v[i].start &&
                          fast->v[i].end == plain->v[i].end,
                      "\"%.*s\": sentence %zu is [%zu, %zu), not [%zu, %zu)",
                      (int)len, s, i, fast->v[i].start, fast->v[i].end,
                      plain->v[i].start, plain->v[i].end);
    free(b);
}

/* Every byte value at every place of each text, and every prefix. */
START_TEST(every_byte_everywhere)
{
    static const char *const bases[] = {
        "Word word word word word word",
        "It rose. It fell a b c d e f",
        "The U.S. said x 12 y-z Ab cd",
        "one two\nthree four  five six",
        "a1 b2 c3 d4 e5 f6 g7 h8 i9 j0",
        "Rates ... rose! Why? Sales 3",
        /* the count of words decides after "a.m." (more than three) */
        "So At 5 a.m. Mr Smith ran",
        "Up x.y b c a.m. Mr Lee",
        "1. At a.m. b. It c. d",
    };
    struct cdk_spans fast = CDK_SPANS_INIT, plain = CDK_SPANS_INIT;
    char buf[40];
    size_t b, k, cut;
    unsigned c;

    for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
        size_t n = strlen(bases[b]);
        ck_assert_uint_le(n, sizeof(buf));
        for (k = 0; k < n; k++)
            for (c = 0; c < 256; c++) {
                memcpy(buf, bases[b], n);
                buf[k] = (char)c;
                for (cut = k; cut <= n; cut++)
                    check_exact(buf, cut, &fast, &plain);
            }
    }
    cdk_spans_release(&fast);
    cdk_spans_release(&plain);
}
END_TEST

/* Words of every length from 1 to 20 in a row, at every start offset,
 * with single spaces, double spaces, and a terminal after each. */
START_TEST(word_lengths_and_offsets)
{
    static const char *const seps[] = {" ", "  ", ". ", ", ", "\n", "! A"};
    struct cdk_spans fast = CDK_SPANS_INIT, plain = CDK_SPANS_INIT;
    char buf[512];
    size_t len, off, sp, w;

    for (sp = 0; sp < sizeof(seps) / sizeof(seps[0]); sp++)
        for (len = 1; len <= 20; len++)
            for (off = 0; off < 9; off++) {
                size_t n = 0;
                memset(buf, 'x', off);
                n = off;
                for (w = 0; w < 12 && n + len + 4 < sizeof(buf); w++) {
                    size_t k;
                    for (k = 0; k < len; k++)
                        buf[n + k] = (char)((w + k) % 3 == 0 ? 'A' + k % 26
                                                              : 'a' + k % 26);
                    n += len;
                    memcpy(buf + n, seps[(sp + w) % 6 == 0 ? sp : 0],
                           strlen(seps[(sp + w) % 6 == 0 ? sp : 0]));
                    n += strlen(seps[(sp + w) % 6 == 0 ? sp : 0]);
                }
                check_exact(buf, n, &fast, &plain);
                check_exact(buf, n - 1, &fast, &plain);
            }
    cdk_spans_release(&fast);
    cdk_spans_release(&plain);
}
END_TEST

static double
cpu_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A 50 MB line of words, one word repeated 100,000 times as sentences,
 * 4 MB of punctuation: linear time, the same spans as the plain pass. */
START_TEST(hostile_inputs_linear)
{
    struct cdk_spans fast = CDK_SPANS_INIT, plain = CDK_SPANS_INIT;
    size_t n = 50u << 20, i;
    char *s = cdk_xmalloc(n);
    double t0 = cpu_now();

    for (i = 0; i + 5 <= n; i += 5)
        memcpy(s + i, "word ", 5);
    memset(s + i, 'x', n - i);
    cdk_segment_sentences(s, n, &fast);
    ck_assert_uint_eq(fast.n, 1);
    for (i = 0; i + 6 <= 600000; i += 6)
        memcpy(s + i, "Word. ", 6);
    fast.n = plain.n = 0;
    cdk_segment_sentences(s, 600000, &fast);
    cdk_segment_sentences_plain(s, 600000, &plain);
    ck_assert_uint_eq(fast.n, 100000);
    ck_assert_uint_eq(plain.n, 100000);
    memset(s, ',', 4u << 20);
    fast.n = plain.n = 0;
    cdk_segment_sentences(s, 4u << 20, &fast);
    cdk_segment_sentences_plain(s, 4u << 20, &plain);
    ck_assert_uint_eq(fast.n, plain.n);
    ck_assert_msg(cpu_now() - t0 < 20.0, "hostile inputs took %.1f s",
                  cpu_now() - t0);
    free(s);
    cdk_spans_release(&fast);
    cdk_spans_release(&plain);
}
END_TEST

static Suite *
segment_fast_suite(void)
{
    Suite *s = suite_create("segment_fast");
    TCase *tc = tcase_create("generated");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_byte_everywhere);
    tcase_add_test(tc, word_lengths_and_offsets);
    tcase_add_test(tc, hostile_inputs_linear);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(segment_fast_suite());
}
