/*
 * The text fast paths of the cleaning stage and of core/utf8.c against
 * plain byte-at-a-time reference versions kept here: cdk_utf8_valid and
 * cdk_utf8_ascii_prefix (ASCII skipped sixteen and eight bytes at a step) and cdk_clean_find
 * (candidates found eight bytes at a step), and the entity finder's
 * tokenizer (common words read inline) against the one it replaced, on
 * both corpora (news-bbc, news-noisy) and on generated text with every
 * kind of byte at every alignment.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "importers/extract/clean.h"
#include "importers/extract/entities.h"
#include "support/testutil.h"

/* ------------------------------------------------------------------ */
/* Inputs.                                                             */

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/*
 * Random text of about `want` bytes: ASCII words and spaces, 2-, 3- and
 * 4-byte characters, NUL bytes, and, when `broken`, now and then an
 * invalid piece (a stray continuation byte, a truncated sequence, an
 * overlong form, a surrogate, a code point above U+10FFFF, 0xFF).
 */
static size_t
gen_text(uint64_t *seed, char *out, size_t want, bool broken)
{
    static const char *const good[] = {
        "a", "The ", "said ", "7", "\n", " ", ".", "\xc3\xa9", "\xe2\x80\x9c",
        "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xc2\xa0", "abcdefgh",
        "ABCDEFGHIJKLMNOP", "xyz,", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbd",
        "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
    };
    static const char *const bad[] = {
        "\x80", "\xbf", "\xe2\x80", "\xc3", "\xf0\x9f\x98", "\xc0\xaf",
        "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xff", "\xfe", "\xc3\x28",
    };
    size_t n = 0;

    while (n < want) {
        uint64_t r = next_rand(seed);
        const char *p = good[r % (sizeof(good) / sizeof(good[0]))];
        size_t k;

        if (broken && r % 61 == 0)
            p = bad[(r >> 16) % (sizeof(bad) / sizeof(bad[0]))];
        k = strlen(p);
        if (r % 53 == 0)
            p = "", k = 1; /* a NUL byte */
        memcpy(out + n, p, k);
        n += k;
    }
    return n;
}

/* Call fn on every article of both corpora; false when they are absent. */
static bool
each_article(void (*fn)(const char *text, size_t len, void *arg), void *arg)
{
    static const char *const dirs[] = {
        "data/news-noisy/articles",        "data/news-bbc/bbc/business",
        "data/news-bbc/bbc/entertainment", "data/news-bbc/bbc/politics",
        "data/news-bbc/bbc/sport",         "data/news-bbc/bbc/tech",
    };
    size_t d, files = 0;

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
            fn(text, len, arg);
            files++;
            free(text);
            cdk_buf_release(&p);
        }
        closedir(dh);
        free(dir);
    }
    if (!files)
        printf("news-bbc and news-noisy absent: corpus part skipped\n");
    return files > 0;
}

/* ------------------------------------------------------------------ */
/* UTF-8.                                                              */

/* The byte-at-a-time validator cdk_utf8_valid was (RFC 3629). */
static bool
ref_utf8_valid(const char *s, size_t len, size_t *bad)
{
    size_t i = 0, n;
    uint32_t cp;

    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = cdk_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            *bad = i;
            return false;
        }
        i += n;
    }
    return true;
}

static size_t
ref_ascii_prefix(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

/* cdk_utf8_valid agrees with the reference on s[a..b) for all a, b near
 * the edges (every alignment, sequences cut at either end). */
static void
check_valid(const char *s, size_t len)
{
    size_t a, b, bad = 0, want_bad = 0;
    bool got, want;

    for (a = 0; a < len && a < 20; a++)
        for (b = len; b > a && b + 20 > len; b--) {
            bad = want_bad = (size_t)-7;
            got = cdk_utf8_valid(s + a, b - a, &bad);
            want = ref_utf8_valid(s + a, b - a, &want_bad);
            ck_assert_msg(got == want && bad == want_bad,
                          "cdk_utf8_valid on [%zu,%zu) of %zu bytes: %d at "
                          "%zu, want %d at %zu", a, b, len, got, bad, want,
                          want_bad);
            /* bad may be NULL */
            ck_assert_int_eq(cdk_utf8_valid(s + a, b - a, NULL), want);
            ck_assert_uint_eq(cdk_utf8_ascii_prefix(s + a, b - a),
                              ref_ascii_prefix(s + a, b - a));
        }
}

START_TEST(utf8_valid_generated)
{
    uint64_t seed = 0x2545f4914f6cdd1dULL;
    char buf[512];
    int round;

    for (round = 0; round < 3000; round++) {
        size_t len = gen_text(&seed, buf, (size_t)(round % 300) + 1,
                              round % 3 != 0);
        check_valid(buf, len);
    }
}
END_TEST

START_TEST(utf8_valid_every_alignment)
{
    static const char *const seqs[] = {
        "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x98\x80", "\x80", "\xe2\x80",
        "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\x80", "\xff",
    };
    char buf[80];
    size_t s, at, len;

    /* one sequence at every offset of 40 ASCII bytes, cut or whole */
    for (s = 0; s < sizeof(seqs) / sizeof(seqs[0]); s++)
        for (at = 0; at <= 40; at++)
            for (len = at; len <= at + strlen(seqs[s]) + 20; len++) {
                memset(buf, 'x', sizeof(buf));
                memcpy(buf + at, seqs[s], strlen(seqs[s]));
                if (len < sizeof(buf))
                    check_valid(buf, len);
            }
}
END_TEST

static void
valid_article(const char *text, size_t len, void *arg)
{
    size_t bad = 0, want_bad = 0, *bytes = arg;

    ck_assert_int_eq(cdk_utf8_valid(text, len, &bad),
                     ref_utf8_valid(text, len, &want_bad));
    ck_assert_uint_eq(bad, want_bad);
    *bytes += len;
}

START_TEST(utf8_valid_corpora)
{
    size_t bytes = 0;

    each_article(valid_article, &bytes);
    printf("cdk_utf8_valid agrees on %zu bytes of articles\n", bytes);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Case-insensitive search.                                            */

static const char *const find_needles[] = {
    "a", "A", "s,", " and ", "AND", " according to ", "reportedly", "said",
    "getty", "ap photo", "(photo", "Shutterstock", "xx", "\xc2\xa3",
    "\xe2\x80\x9c", "z", "7", "~", "rights reserved",
};
#define NNEEDLES (sizeof(find_needles) / sizeof(find_needles[0]))

/* Every occurrence of every needle in s[0..len), each found again from
 * just after the previous one, as the reference finds them. */
static void
check_find_all(const char *s, size_t len)
{
    size_t k;

    for (k = 0; k < NNEEDLES; k++) {
        const char *nd = find_needles[k];
        size_t nl = strlen(nd), pos = 0;

        for (;;) {
            size_t got = cdk_clean_find(s + pos, len - pos, nd);
            size_t want = cdk_test_ci_find(s + pos, len - pos, nd, nl);

            ck_assert_msg(got == want, "cdk_clean_find(\"%s\") from %zu of "
                          "%zu bytes: %zd, want %zd", nd, pos, len,
                          (ssize_t)got, (ssize_t)want);
            if (want == (size_t)-1)
                break;
            pos += want + 1;
        }
    }
}

START_TEST(find_generated)
{
    static const char *const pieces[] = {
        "a", "A", "n", "d", " ", " and ", "AND", "x", "an", "nd", "s", ",",
        "ACCORDING", " to ", "according", "Reportedly", "reported", "Getty",
        "\xc2\xa3", "\xe2\x80", "\x9c", "`", "@", "[", "{", "z", "Z",
        "\xe1", "\xc1",
    };
    uint64_t seed = 99;
    char text[400];
    int round;

    for (round = 0; round < 4000; round++) {
        size_t want = (size_t)(round % 200) + 1, len = 0, a, k;

        while (len < want) {
            const char *p =
                pieces[next_rand(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        check_find_all(text, len);
        /* the prefix test (a span as long as the needle) at every offset */
        for (k = 0; k < NNEEDLES; k++) {
            size_t nl = strlen(find_needles[k]);
            for (a = 0; a + nl <= len; a++)
                ck_assert_uint_eq(
                    cdk_clean_find(text + a, nl, find_needles[k]),
                    cdk_test_ci_find(text + a, nl, find_needles[k], nl));
        }
    }
    ck_assert_uint_eq(cdk_clean_find("abc", 3, ""), 0);
    ck_assert_uint_eq(cdk_clean_find("", 0, ""), 0);
    ck_assert_uint_eq(cdk_clean_find("ab", 2, "abc"), (size_t)-1);
}
END_TEST

static void
find_article(const char *text, size_t len, void *arg)
{
    size_t *bytes = arg;

    check_find_all(text, len);
    *bytes += len;
}

START_TEST(find_corpora)
{
    size_t bytes = 0;

    each_article(find_article, &bytes);
    printf("cdk_clean_find agrees on %zu bytes of articles\n", bytes);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The entity finder's tokenizer.                                      */

static void
check_tokens(const char *s, size_t start, size_t end)
{
    size_t where = 0;

    if (!cdk_entities_tokens_agree(s, start, end, &where))
        ck_abort_msg("entity tokens differ at byte %zu of [%zu,%zu): "
                     "\"%.*s\"", where, start, end,
                     (int)(end - where < 40 ? end - where : 40), s + where);
    if (!cdk_entities_parts_agree(s, start, end, &where))
        ck_abort_msg("entity word tests differ at byte %zu of [%zu,%zu): "
                     "\"%.*s\"", where, start, end,
                     (int)(end - where < 40 ? end - where : 40), s + where);
}

START_TEST(tokens_generated)
{
    static const char *const pieces[] = {
        "the ", "The ", "U.S. ", "U.S", "Mr. ", "Mr ", "St. Croix ", "a.m. ",
        "O'Brien ", "Trump's ", "Trump\xe2\x80\x99s ", "don't ", "Americans' ",
        "3.5bn ", "1,000", "2023-03-22 ", "7:40", "Western-backed ", "NATO-",
        "-", ".", "'", "\xe2\x80\x99", "\xc2\xa0", "Caf\xc3\xa9 ",
        "\xce\xa9mega ", "stra\xc3\x9f" "e ", "\xc4\x80\xc4\x81 ", "\x80",
        "\xff", "\xe2\x80", "\xf0\x9f\x98\x80", "BBC,", "(Reuters) ", "\"",
        "$", "\xc2\xa3" "47m ", "I'm ", "I\xe2\x80\x99ve ", "x", "Y", "9",
        "\t", "\n", "\r\n", "  ", "ABCDEFGHIJKL", "abcdefghijklmnop", "s'",
        "s's", "a-", "-b", "a.b", "a..", "\xe2\x80\x94", "\xc3\x97",
        "yesterday ", "Today ", "LAST ", "lastly ", "later ", "tonight's ",
        "this ", "thin ", "nexT ", "past-", "Earlier ", "tomorrow", "pas",
        "March ", "Sept ", "Sep. ", "May ", "Jun ", "Wednesday ", "Thu ",
        "2023 ", "23 ", "ago ", "two weeks ", "Three ", "A ", "Mays ",
        "of ", "van ", "della ", "dellas ", "& ", "and ", "for ", "De ",
        "de.", "ibn ",
    };
    uint64_t seed = 1234;
    char text[600];
    int round;

    for (round = 0; round < 6000; round++) {
        size_t want = (size_t)(round % 120) + 1, len = 0;

        while (len < want) {
            const char *p =
                pieces[next_rand(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        if (round % 11 == 0)
            text[next_rand(&seed) % len] = '\0';
        check_tokens(text, 0, len);
        /* a sentence inside a longer body: the bytes after `end` exist */
        if (len > 4)
            check_tokens(text, 1, len - 2);
    }
}
END_TEST

START_TEST(tokens_long_and_at_the_ends)
{
    static char text[5000];
    size_t n;

    /* very long words, numbers and runs of symbols, cut anywhere */
    memset(text, 'a', 4000);
    check_tokens(text, 0, 4000);
    memset(text, 'Z', 300);
    memcpy(text + 300, "'s", 2);
    check_tokens(text, 0, 302);
    memset(text, '7', 1000);
    check_tokens(text, 0, 1000);
    for (n = 0; n < 1000; n += 2)
        memcpy(text + n, "\xc3\xa9", 2);
    check_tokens(text, 0, 1000);
    check_tokens(text, 0, 999); /* a sequence cut at the end */
    memcpy(text, "Jan. 6, 2021", 12);
    for (n = 0; n <= 12; n++)
        check_tokens(text, 0, n);
}
END_TEST

static void
tokens_article(const char *text, size_t len, void *arg)
{
    size_t *bytes = arg, a = 0, b;

    check_tokens(text, 0, len);
    /* each line without its newline, as sentences come: most end in
     * punctuation, which lets the tokenizer drop its bound checks */
    for (b = 0; b <= len; b++)
        if (b == len || text[b] == '\n') {
            if (b > a)
                check_tokens(text, a, b);
            a = b + 1;
        }
    *bytes += len;
}

START_TEST(tokens_corpora)
{
    size_t bytes = 0;

    each_article(tokens_article, &bytes);
    printf("entity tokens agree at every offset of %zu bytes of articles\n",
           bytes);
}
END_TEST

/* Numbers' value text from their digits against "%.10g": generated
 * decimals around every limit (leading and trailing zeros, ten and
 * eleven significant digits, 1e-4, 1e10, several dots) */
START_TEST(decimals_generated)
{
    static const char *const fixed[] = {
        "0.5", "5.60", "007.25", "0.0001", "0.00012", "0.00001", "9.9999",
        "123456789.5", "1234567890.5", "9999999999.9", "0.1234567891",
        "0.1234567890", "1.000000001", "1.0000000001", "3.14.15", "1,5",
        "12.", ".5", "0.0", "5.0", "1e5", "00000000000000.1",
        "99999999999.5", "4294967296.25", "0.000999999999",
    };
    uint64_t seed = 99;
    char d[48];
    size_t i;
    int round;

    for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        ck_assert_msg(cdk_entities_decimal_agrees(fixed[i], NULL),
                      "decimal \"%s\"", fixed[i]);
        ck_assert_msg(cdk_entities_decimal_agrees(fixed[i], "GBP"),
                      "decimal \"%s\" GBP", fixed[i]);
    }
    for (round = 0; round < 200000; round++) {
        uint64_t r = next_rand(&seed);
        size_t il = r % 13, fl = 1 + (r >> 4) % 12, n = 0, k;

        for (k = 0; k < il; k++)
            d[n++] = (char)('0' + (k == 0 && (r >> 8) % 3 == 0
                                       ? 0
                                       : next_rand(&seed) % 10));
        if (il == 0)
            d[n++] = '0';
        d[n++] = '.';
        for (k = 0; k < fl; k++) {
            uint64_t q = next_rand(&seed);
            /* zeros often: leading and trailing ones matter */
            d[n++] = (char)('0' + (q % 3 == 0 ? 0 : (q >> 8) % 10));
        }
        d[n] = 0;
        ck_assert_msg(cdk_entities_decimal_agrees(d, (r >> 12) % 2 ? "%" : NULL),
                      "decimal \"%s\"", d);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* The entity finder's survey of a sentence.                           */

START_TEST(survey_generated)
{
    static const char *const pieces[] = {
        "will ", "Will ", "will", "next ", "plans ", "upcoming ", "ago",
        "a", "go", "The ", "BBC ", "U.S. ", "say ", "said ", " ", "  ", "\t",
        "\n", "\v", "\f", "\r", "\x01", "\x1f", "\x7f", "\xc3\xa9",
        "\xc2\xa0", "\xe2\x80\x9c", "9 ", "(Reuters) ", "\"Yes\" ", "x",
        "Q", "[", "`", "@", "{",
    };
    uint64_t seed = 777;
    char text[400];
    int round;

    for (round = 0; round < 20000; round++) {
        size_t want = (size_t)(round % 150) + 1, len = 0, a, b;

        while (len < want) {
            const char *p =
                pieces[next_rand(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        if (round % 13 == 0)
            text[next_rand(&seed) % len] = '\0';
        a = round % 3 ? 0 : next_rand(&seed) % (len / 2 + 1);
        b = round % 5 ? len : len - next_rand(&seed) % (len - a + 1);
        ck_assert_msg(cdk_entities_survey_agrees(text, a, b),
                      "survey differs on [%zu,%zu) of \"%.*s\"", a, b,
                      (int)len, text);
    }
}
END_TEST

/* Lowercase words first, then capitals as densely as words can come: a
 * headline only at the very end, where is_headline's early "no" must
 * not be given too soon. */
START_TEST(survey_headline_at_the_end)
{
    static const char *const lows[] = {"x ", "ab ", "a\t"};
    static const char *const caps[] = {"A ", "B\n", "CD "};
    char text[600];
    size_t lo, k, m, n;

    for (lo = 0; lo < 3; lo++)
        for (k = 0; k <= 24; k++)
            for (m = 0; m <= 160; m++) {
                n = 0;
                for (size_t i = 0; i < k; i++) {
                    memcpy(text + n, lows[lo], strlen(lows[lo]));
                    n += strlen(lows[lo]);
                }
                for (size_t i = 0; i < m && n + 3 < sizeof(text); i++) {
                    const char *p = caps[(i + lo) % 3];
                    memcpy(text + n, p, strlen(p));
                    n += strlen(p);
                }
                ck_assert_msg(cdk_entities_survey_agrees(text, 0, n),
                              "survey differs on \"%.*s\"", (int)n, text);
                if (n > 1)
                    ck_assert(cdk_entities_survey_agrees(text, 0, n - 1));
            }
}
END_TEST

static void
survey_article(const char *text, size_t len, void *arg)
{
    size_t *lines = arg, a = 0, b;

    ck_assert(cdk_entities_survey_agrees(text, 0, len));
    /* every line as a sentence, and every line from its second byte */
    for (b = 0; b <= len; b++) {
        if (b < len && text[b] != '\n')
            continue;
        ck_assert_msg(cdk_entities_survey_agrees(text, a, b),
                      "survey differs on [%zu,%zu)", a, b);
        if (b > a)
            ck_assert(cdk_entities_survey_agrees(text, a + 1, b));
        (*lines)++;
        a = b + 1;
    }
}

START_TEST(survey_corpora)
{
    size_t lines = 0;

    each_article(survey_article, &lines);
    printf("entity surveys agree on %zu lines of articles\n", lines);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("text_fast");
    TCase *tc = tcase_create("text_fast");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, utf8_valid_generated);
    tcase_add_test(tc, utf8_valid_every_alignment);
    tcase_add_test(tc, utf8_valid_corpora);
    tcase_add_test(tc, find_generated);
    tcase_add_test(tc, find_corpora);
    tcase_add_test(tc, tokens_generated);
    tcase_add_test(tc, tokens_long_and_at_the_ends);
    tcase_add_test(tc, tokens_corpora);
    tcase_add_test(tc, decimals_generated);
    tcase_add_test(tc, survey_generated);
    tcase_add_test(tc, survey_headline_at_the_end);
    tcase_add_test(tc, survey_corpora);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
