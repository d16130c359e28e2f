/*
 * The tokenizer's eight-byte scan and its branch-free lookups against the
 * plain tokenizer and the plain lookup (cdk_lex_tokenize_ref,
 * cdk_lex_class_ref): every byte value at every place around the
 * eight-byte steps, listed words at every alignment and in every case,
 * texts that end inside a word (each in a heap block of exactly its
 * size, so that a read past the end shows in the sanitizer build), both
 * corpora line by line, and hostile inputs timed (a long line that is one
 * word, one word repeated, only punctuation).
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "importers/extract/lex.h"
#include "support/testutil.h"

/* The reference tokens of s[0..len), each word's cls by the reference
 * lookup. */
static void
ref_tokens(const char *s, size_t len, struct cdk_toks *tk)
{
    size_t i;

    cdk_lex_tokenize_ref(s, len, tk);
    for (i = 0; i < tk->n; i++)
        if (tk->v[i].word)
            tk->v[i].cls = cdk_lex_class_ref(s + tk->v[i].start,
                                             tk->v[i].end - tk->v[i].start);
}

static void
assert_same(const char *s, size_t len, const struct cdk_toks *a,
            const struct cdk_toks *b, bool cls)
{
    size_t i;

    ck_assert_msg(a->n == b->n, "\"%.*s\": %zu tokens, not %zu", (int)len, s,
                  a->n, b->n);
    for (i = 0; i < a->n; i++) {
        const struct cdk_tok *x = &a->v[i], *y = &b->v[i];
        ck_assert_msg(x->start == y->start && x->end == y->end &&
                          x->word == y->word && x->cap == y->cap &&
                          x->upper == y->upper && x->digit == y->digit &&
                          (!cls || x->cls == y->cls),
                      "\"%.*s\": token %zu \"%.*s\" (cls %#x) differs from "
                      "\"%.*s\" (cls %#x)",
                      (int)len, s, i, (int)(x->end - x->start), s + x->start,
                      x->cls, (int)(y->end - y->start), s + y->start, y->cls);
    }
}

/* Both tokenizers, with and without lookups, on s[0..len), copied into a
 * heap block of exactly len bytes. */
static void
check_exact(const char *s, size_t len, struct cdk_toks *fast,
            struct cdk_toks *ref)
{
    char *b = cdk_xmalloc(len ? len : 1);

    memcpy(b, s, len);
    ref_tokens(b, len, ref);
    cdk_lex_tokenize_cls(b, len, fast);
    assert_same(b, len, fast, ref, true);
    cdk_lex_tokenize(b, len, fast);
    assert_same(b, len, fast, ref, false);
    free(b);
}

/* Every byte value at every place of a 24-byte text of words (so around
 * and across the eight-byte steps), and every prefix of each. */
START_TEST(every_byte_everywhere)
{
    static const char *const bases[] = {
        "abcdefghijklmnopqrstuvwx", "The said U.S. 3.5 x-y AB",
        "ABCDEFGH ijklmnop QRSTUVW", "unconstitutional saids a",
        "spokeswoman's yesterday,",
    };
    struct cdk_toks fast = CDK_TOKS_INIT, ref = CDK_TOKS_INIT;
    char buf[32];
    size_t b, k, cut;
    unsigned c;

    for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
        size_t n = strlen(bases[b]);
        for (k = 0; k < n; k++)
            for (c = 0; c < 256; c++) {
                memcpy(buf, bases[b], n);
                buf[k] = (char)c;
                for (cut = k; cut <= n; cut++)
                    check_exact(buf, cut, &fast, &ref);
            }
    }
    cdk_toks_release(&fast);
    cdk_toks_release(&ref);
}
END_TEST

/* Listed words (and near misses) at every alignment, in three cases,
 * followed by what may end or join a word, or by the end of the text. */
START_TEST(listed_words_aligned)
{
    static const char *const words[] = {
        "a",        "it",        "the",        "said",      "their",
        "should",   "reported",  "announced",  "yesterday", "legislation",
        "spokeswoman", "unconstitutional", "unconstitutionally", "thee",
        "sai",      "saidx",     "administration", "nevertheless", "may",
    };
    static const char *const after[] = {"", " ", ",", "-x", "'s", ".", " x"};
    struct cdk_toks fast = CDK_TOKS_INIT, ref = CDK_TOKS_INIT;
    char buf[64], w[32];
    size_t i, off, a, cs, j;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i]);
        for (cs = 0; cs < 3; cs++) {
            for (j = 0; j < n; j++) {
                char ch = words[i][j];
                if (cs == 1 || (cs == 2 && j == 0))
                    ch = (char)(ch - 32);
                w[j] = ch;
            }
            for (off = 0; off < 17; off++)
                for (a = 0; a < sizeof(after) / sizeof(after[0]); a++) {
                    size_t k = strlen(after[a]), len;
                    memset(buf, ' ', off);
                    if (off > 1)
                        buf[0] = 'q';
                    memcpy(buf + off, w, n);
                    memcpy(buf + off + n, after[a], k);
                    len = off + n + k;
                    check_exact(buf, len, &fast, &ref);
                }
        }
    }
    cdk_toks_release(&fast);
    cdk_toks_release(&ref);
}
END_TEST

/* cdk_lex_verbish_cls as first written, the reference. */
static bool
verbish_ref(const char *w, size_t n, unsigned cls)
{
    static const char *const not_verbs[] = {
        "bed",  "breed", "creed",   "feed",   "greed", "hundred",
        "indeed", "need", "red",    "seed",   "shed",  "speed",
    };
    size_t i;

    if (cls & (CDK_LEX_VERB | CDK_LEX_SPEECH))
        return true;
    if (n >= 5 && cdk_lex_eq_ref(w + n - 2, 2, "ed") &&
        !(w[0] >= 'A' && w[0] <= 'Z')) {
        for (i = 0; i < sizeof(not_verbs) / sizeof(not_verbs[0]); i++)
            if (cdk_lex_eq_ref(w, n, not_verbs[i]))
                return false;
        return true;
    }
    return false;
}

/* Literals the extraction compares words with, and near misses. */
static const char *const eq_words[] = {
    "it", "that", "the", "of", "into", "onto", "according", "said", "ad",
    "ads", "x", "", "hundred", "indeed", "speed", "red", "facebook", "a",
    "truth social", "tiktok", "e", "ed", "It's", "U.S.", "@", "`", "[", "{",
};

static void
check_eq(const char *w, size_t n)
{
    size_t j;

    for (j = 0; j < sizeof(eq_words) / sizeof(eq_words[0]); j++)
        ck_assert_msg(cdk_lex_eq(w, n, eq_words[j]) ==
                          cdk_lex_eq_ref(w, n, eq_words[j]),
                      "\"%.*s\" against \"%s\"", (int)n, w, eq_words[j]);
}

struct corpus_state {
    struct cdk_toks fast, ref;
    size_t articles, lines;
};

/* Every line of an article, in a block of its size: both tokenizers;
 * the lookups against the plain lookup on every 16th article, against
 * cdk_lex_class (checked against it in test_attribute_fast) on all. */
static void
corpus_article(const char *name, const char *text, size_t len, void *arg)
{
    struct corpus_state *st = arg;
    bool plain = st->articles++ % 16 == 0;
    size_t i, k;

    (void)name;
    for (i = 0; i < len;) {
        size_t e = i, n;
        char *b;
        while (e < len && text[e] != '\n')
            e++;
        n = e - i;
        b = cdk_xmalloc(n ? n : 1);
        memcpy(b, text + i, n);
        cdk_lex_tokenize_ref(b, n, &st->ref);
        cdk_lex_tokenize_cls(b, n, &st->fast);
        for (k = 0; k < st->ref.n; k++) {
            struct cdk_tok *t = &st->ref.v[k];
            if (t->word)
                t->cls = plain ? cdk_lex_class_ref(b + t->start,
                                                   t->end - t->start)
                               : cdk_lex_class(b + t->start,
                                               t->end - t->start);
        }
        assert_same(b, n, &st->fast, &st->ref, true);
        for (k = 0; k < st->ref.n; k++) {
            const struct cdk_tok *t = &st->ref.v[k];
            if (!t->word)
                continue;
            ck_assert(cdk_lex_verbish_cls(b + t->start, t->end - t->start,
                                          t->cls) ==
                      verbish_ref(b + t->start, t->end - t->start, t->cls));
            check_eq(b + t->start, t->end - t->start);
        }
        cdk_lex_tokenize(b, n, &st->fast);
        assert_same(b, n, &st->fast, &st->ref, false);
        free(b);
        st->lines++;
        i = e + 1;
    }
}

/* Every line of both corpora (the tokenizer sees sentences and lines). */
START_TEST(corpora_lines)
{
    struct corpus_state st;

    memset(&st, 0, sizeof(st));
    ck_assert_uint_gt(cdk_test_each_article(corpus_article, &st), 2000);
    ck_assert_uint_gt(st.lines, 10000);
    cdk_toks_release(&st.fast);
    cdk_toks_release(&st.ref);
}
END_TEST

/* cdk_lex_eq and cdk_lex_verbish_cls against their references: every
 * pair of bytes, hostile spellings of the literals and of -ed words. */
START_TEST(eq_and_verbish)
{
    static const char *const words[] = {
        "hundred", "HUNDRED", "Hundred", "indeed", "speed", "speeded",
        "visited", "VISITED", "Visited", "bed", "red", "shed", "creeds",
        "agreed", "screed", "sped", "ed", "eD", "Ed", "xxxxeD", "caf\xc3\xa9" "d",
        "hundre\xc4", "said", "SAID", "truth social", "TRUTH SOCIAL", "It",
        "iT", "ads", "AdS", "ad\x01", "\x01" "d",
    };
    char buf[4];
    size_t i;
    unsigned a, b;

    for (a = 0; a < 256; a++)
        for (b = 0; b < 256; b++) {
            unsigned char x = (unsigned char)a, y = (unsigned char)b;
            char s2[2] = {(char)y, 0};
            buf[0] = (char)x;
            ck_assert_msg(cdk_lex_eq(buf, 1, s2) == cdk_lex_eq_ref(buf, 1, s2),
                          "%#x against %#x", a, b);
            buf[1] = (char)y;
            check_eq(buf, 2);
            memcpy(buf, "ad", 2);
            buf[b % 2] = (char)x;
            check_eq(buf, 2);
        }
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i]), j;
        check_eq(words[i], n);
        for (j = 0; j <= n; j++)
            check_eq(words[i], j);
        ck_assert_msg(cdk_lex_verbish_cls(words[i], n,
                                          cdk_lex_class(words[i], n)) ==
                          verbish_ref(words[i], n, cdk_lex_class(words[i], n)),
                      "verbish \"%s\"", words[i]);
        ck_assert(cdk_lex_verbish_cls(words[i], n, CDK_LEX_VERB));
    }
}
END_TEST

static double
cpu_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Hostile inputs stay linear: a 50 MB line that is one word (joined at
 * every other byte too), one word 100,000 times, a text of punctuation
 * only. Bounds far above the linear cost, far below a quadratic one. */
START_TEST(hostile_inputs_linear)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    size_t n = 50u << 20, i;
    char *s = cdk_xmalloc(n);
    double t0;

    memset(s, 'a', n);
    t0 = cpu_now();
    cdk_lex_tokenize_cls(s, n, &tk);
    ck_assert_uint_eq(tk.n, 1);
    ck_assert_uint_eq(tk.v[0].end, n);
    for (i = 1; i + 1 < n; i += 2) /* the last byte stays a letter */
        s[i] = i % 4 == 1 ? '-' : '\'';
    cdk_lex_tokenize_cls(s, n, &tk);
    ck_assert_uint_eq(tk.n, 1);
    for (i = 0; i + 5 <= 500000; i += 5)
        memcpy(s + i, "said ", 5);
    cdk_lex_tokenize_cls(s, 500000, &tk);
    ck_assert_uint_eq(tk.n, 100000);
    ck_assert(tk.v[99999].cls & CDK_LEX_SPEECH);
    memset(s, ',', 4u << 20);
    cdk_lex_tokenize_cls(s, 4u << 20, &tk);
    ck_assert_uint_eq(tk.n, 4u << 20);
    ck_assert_msg(cpu_now() - t0 < 20.0, "hostile inputs took %.1f s",
                  cpu_now() - t0);
    free(s);
    cdk_toks_release(&tk);
}
END_TEST

/* corpora: the shared data is there */
static Suite *
lex_fast_suite(bool corpora)
{
    Suite *s = suite_create("lex_fast");
    TCase *tc = tcase_create("generated");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_byte_everywhere);
    tcase_add_test(tc, listed_words_aligned);
    tcase_add_test(tc, hostile_inputs_linear);
    tcase_add_test(tc, eq_and_verbish);
    suite_add_tcase(s, tc);
    if (!corpora)
        return s;
    tc = tcase_create("corpora");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, corpora_lines);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    char *dir = cdk_test_shared_path("data/news-bbc/bbc");

    /* without the corpora, the generated cases still run */
    if (!dir)
        printf("note: ../shared/data/news-bbc is absent: corpora skipped\n");
    free(dir);
    return cdk_test_run_suite(lex_fast_suite(dir != NULL));
}
