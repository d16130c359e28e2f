/*
 * The fast paths of the extraction pipeline against plain reference
 * versions written here: the word-at-a-time UTF-8 check and character
 * index (clean.c) on generated text with every kind of byte at every
 * alignment.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "importers/extract/clean.h"
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

/* Random text: mostly ASCII, some 2-, 3- and 4-byte characters, and,
 * when `broken`, now and then a stray continuation or lead byte. */
static size_t
gen_text(uint64_t *seed, char *out, size_t cap, bool broken)
{
    static const char *const pieces[] = {
        "a", "The ", "said ", "7", "\n", " ", ".", "\xc3\xa9", "\xe2\x80\x9c",
        "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xc2\xa0", "abcdefgh", "xyz,",
    };
    size_t n = 0;

    while (n + 8 < cap) {
        uint64_t r = next_rand(seed);
        const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
        size_t k = strlen(p);
        if (broken && r % 97 == 0)
            p = (r >> 8) % 2 ? "\x80" : "\xe2\x80", k = strlen(p);
        memcpy(out + n, p, k);
        n += k;
        if (r % 13 == 0)
            break;
    }
    return n;
}

static size_t
ref_chars(const char *s, size_t byte)
{
    size_t i, c = 0;

    for (i = 0; i < byte; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

START_TEST(charidx_matches_reference)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char buf[4096];
    int round;

    for (round = 0; round < 300; round++) {
        /* glue several pieces so that texts cross many 64-byte marks */
        size_t len = 0, b;
        struct cdk_charidx ci;
        while (len < 1000 && round % 7 != 0)
            len += gen_text(&seed, buf + len, sizeof(buf) - len, false);
        if (round % 7 == 0)
            len = gen_text(&seed, buf, 40, false);
        cdk_charidx_init(&ci, buf, len);
        for (b = 0; b <= len + 2; b++)
            ck_assert_uint_eq(cdk_charidx_get(&ci, b),
                              ref_chars(buf, b <= len ? b : len));
        cdk_charidx_release(&ci);
    }
}
END_TEST

START_TEST(clean_check_matches_reference)
{
    uint64_t seed = 42;
    char buf[4096];
    int round;

    for (round = 0; round < 2000; round++) {
        size_t len = 0, bad = 0, i;
        long line = 1;
        bool valid;
        struct cdk_error err;
        while (len < 300)
            len += gen_text(&seed, buf + len, sizeof(buf) - len, true);
        if (round % 5 == 0)
            buf[next_rand(&seed) % len] = '\0';
        valid = cdk_utf8_valid(buf, len, &bad) && !memchr(buf, '\0', len);
        memset(&err, 0, sizeof(err));
        ck_assert_int_eq(cdk_clean_check(buf, len, &err), valid ? 0 : -1);
        if (valid)
            continue;
        /* the first problem of either kind, on its line */
        if (cdk_utf8_valid(buf, len, &bad) ||
            (memchr(buf, '\0', len) &&
             (size_t)((char *)memchr(buf, '\0', len) - buf) < bad))
            bad = (size_t)((char *)memchr(buf, '\0', len) - buf);
        for (i = 0; i < bad; i++)
            line += buf[i] == '\n';
        ck_assert_int_eq(err.line, line);
        ck_assert_ptr_nonnull(strstr(err.message, "byte offset"));
        {
            char want[64];
            snprintf(want, sizeof(want), "byte offset %zu", bad);
            ck_assert_ptr_nonnull(strstr(err.message, want));
        }
    }
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("extract_shared");
    TCase *tc = tcase_create("fast paths");

    tcase_add_test(tc, charidx_matches_reference);
    tcase_add_test(tc, clean_check_matches_reference);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
