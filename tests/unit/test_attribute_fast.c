/*
 * The fast paths of attribution and the lexicon against their plain
 * references: the lexicon lookup (a key of two word loads) against
 * comparing the word with every listed word, on every word of both
 * corpora and on hostile variants of the listed words; the tokenizer,
 * with and without the lookups folded in, against the first tokenizer
 * on both corpora and generated text; and attribution through the fast
 * scans against cdk_attribute_sentence_ref, sentence by sentence, on
 * real articles.
 */
#include <check.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mem.h"
#include "importers/extract/attribute.h"
#include "importers/extract/classify.h"
#include "importers/extract/extract.h"
#include "importers/extract/lex.h"
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

/* The files of both corpora, sorted; *n gets their count. Every
 * `every`-th file of news-bbc (all of news-noisy). */
static char **
corpus_files(size_t every, size_t *n)
{
    static const char *const dirs[] = {
        "data/news-bbc/bbc/business", "data/news-bbc/bbc/entertainment",
        "data/news-bbc/bbc/politics", "data/news-bbc/bbc/sport",
        "data/news-bbc/bbc/tech",     "data/news-noisy/articles",
    };
    char **v = NULL;
    size_t alloc = 0, d;

    *n = 0;
    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        char *dir = cdk_test_shared_path(dirs[d]);
        struct dirent **names;
        int k, m;

        ck_assert_ptr_nonnull(dir);
        m = scandir(dir, &names, NULL, alphasort);
        ck_assert_msg(m > 0, "cannot list %s", dir);
        for (k = 0; k < m; k++) {
            struct cdk_buf b = CDK_BUF_INIT;
            if (names[k]->d_name[0] != '.' &&
                (d == 5 || (size_t)k % every == 0)) {
                (void)cdk_buf_adds(&b, dir);
                (void)cdk_buf_addch(&b, '/');
                (void)cdk_buf_adds(&b, names[k]->d_name);
                CDK_ALLOC_GROW(v, *n + 1, alloc);
                v[(*n)++] = cdk_buf_detach(&b, NULL);
            }
            free(names[k]);
        }
        free(names);
        free(dir);
    }
    return v;
}

static void
free_files(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

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
assert_same_tokens(const char *s, const struct cdk_toks *a,
                   const struct cdk_toks *b)
{
    size_t i;

    ck_assert_uint_eq(a->n, b->n);
    for (i = 0; i < a->n; i++) {
        const struct cdk_tok *x = &a->v[i], *y = &b->v[i];
        ck_assert_msg(x->start == y->start && x->end == y->end &&
                          x->word == y->word && x->cap == y->cap &&
                          x->upper == y->upper && x->digit == y->digit &&
                          x->cls == y->cls,
                      "token %zu \"%.*s\" differs from \"%.*s\"", i,
                      (int)(x->end - x->start), s + x->start,
                      (int)(y->end - y->start), s + y->start);
    }
}

/* Both tokenizers (and the folded lookups) on s[0..len). */
static void
check_tokens(const char *s, size_t len, struct cdk_toks *fast,
             struct cdk_toks *ref)
{
    size_t i;

    cdk_lex_tokenize_ref(s, len, ref);
    cdk_lex_tokenize(s, len, fast);
    assert_same_tokens(s, fast, ref);
    cdk_lex_tokenize_cls(s, len, fast);
    for (i = 0; i < ref->n; i++)
        if (ref->v[i].word)
            ref->v[i].cls = cdk_lex_class(s + ref->v[i].start,
                                          ref->v[i].end - ref->v[i].start);
    assert_same_tokens(s, fast, ref);
}

static void
check_class(const char *w, size_t n)
{
    unsigned fast = cdk_lex_class(w, n), ref = cdk_lex_class_ref(w, n);

    ck_assert_msg(fast == ref, "class of \"%.*s\" (%zu bytes): %#x, not %#x",
                  (int)n, w, n, fast, ref);
}

/* The words listed, as far as a test can see them, and their hostile
 * neighbours: every byte turned into its other case and into the bytes
 * that share its low bits (b ^ 0x20, ^ 0x40, ^ 0x60, ^ 0x80), cut short
 * and made longer. */
START_TEST(lex_class_hostile)
{
    static const char *const words[] = {
        "a", "i", "he", "we", "us", "said", "says", "told", "according",
        "the", "an", "may", "yesterday", "unconstitutional", "spokeswoman",
        "acknowledged", "nevertheless", "subsequently", "conservatives",
        "documents", "familiar", "newspaper", "broadcaster", "reportedly",
        "administration", "who", "labour", "per", "vs", "via", "km", "mph",
        "responding", "throughout", "weekend", "earlier", "statement",
    };
    static const unsigned char flips[] = {0x20, 0x40, 0x60, 0x80, 0xA0};
    char buf[64];
    size_t i, j, f, hits = 0;

    check_class("", 0);
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i]);
        unsigned cls = cdk_lex_class(words[i], n);
        hits += cls != 0;
        check_class(words[i], n);
        /* every cut and every extension */
        for (j = 0; j <= n; j++)
            check_class(words[i], j);
        memcpy(buf, words[i], n);
        memcpy(buf + n, "sxyzAB", 6);
        for (j = n; j <= n + 6; j++)
            check_class(buf, j);
        /* upper case, title case */
        for (j = 0; j < n; j++)
            buf[j] = (char)(words[i][j] - 32);
        check_class(buf, n);
        ck_assert_uint_eq(cdk_lex_class(buf, n), cls);
        buf[0] = (char)(words[i][0] - 32);
        memcpy(buf + 1, words[i] + 1, n - 1);
        ck_assert_uint_eq(cdk_lex_class(buf, n), cls);
        /* one byte changed */
        for (j = 0; j < n; j++)
            for (f = 0; f < sizeof(flips); f++) {
                memcpy(buf, words[i], n);
                buf[j] = (char)((unsigned char)buf[j] ^ flips[f]);
                check_class(buf, n);
            }
    }
    ck_assert_uint_gt(hits, 30);
    ck_assert(cdk_lex_class("said", 4) & CDK_LEX_SPEECH);
    ck_assert(cdk_lex_class("SAID", 4) & CDK_LEX_SPEECH);
    ck_assert(cdk_lex_class("Unconstitutional", 16) & CDK_LEX_LAW);
    ck_assert_uint_eq(cdk_lex_class("s\x01id", 4), 0);
    ck_assert_uint_eq(cdk_lex_class("sa\x04d", 4), 0);
    ck_assert(cdk_lex_class("newspaper", 9) & CDK_LEX_MEDIA);
    ck_assert(cdk_lex_class("close", 5) & CDK_LEX_HEAD_STOP);
}
END_TEST

/* Generated text of words, joiners, digits, capitals, spaces and other
 * bytes, at every length: both tokenizers agree. */
START_TEST(tokens_generated)
{
    static const char *const pieces[] = {
        "said", "SAID", "U.S.", "3.5", "x.y.", "rock'n'roll", "-", "'", ".",
        "&", "A&E", " ", "  ", ",", "\"", "(", ")", "Ab", "AB", "A", "9",
        "\xc3\xa9", "\xe2\x80\x9c", "e.", ".e", "..", "'s", "o'", "Mc",
        "familiar", "The", "report", "x",
    };
    struct cdk_toks fast = CDK_TOKS_INIT, ref = CDK_TOKS_INIT;
    uint64_t seed = 42;
    char buf[256];
    size_t round;

    for (round = 0; round < 20000; round++) {
        size_t n = 0, cut;
        while (n + 16 < sizeof(buf)) {
            uint64_t r = next_rand(&seed);
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(buf + n, p, k);
            n += k;
            if (r % 11 == 0)
                break;
        }
        /* and every prefix of the first few */
        for (cut = round < 500 ? 0 : n; cut <= n; cut++)
            check_tokens(buf, cut, &fast, &ref);
    }
    check_tokens("", 0, &fast, &ref);
    cdk_toks_release(&fast);
    cdk_toks_release(&ref);
}
END_TEST

/* Texts that end inside a word, a joined word above all ("abc-def"):
 * every prefix, once in a heap block of exactly its size (a read past
 * the end is caught by the sanitizer build) and once followed by word
 * bytes (a read past the end changes where the last word ends). */
START_TEST(tokens_at_the_end)
{
    static const char *const texts[] = {
        "abc-def", "U.S", "U.S.", "rock'n'roll", "a.b.c", "AT&T", "x,",
        "said 3.5", "e.g. it", "The U.S.-led", "one, two-three", "o'",
        "well-known,x-y", "a", ",", "", "\xc3\xa9t\xc3\xa9-\xc3\xa9t\xc3\xa9",
    };
    struct cdk_toks fast = CDK_TOKS_INIT, ref = CDK_TOKS_INIT;
    size_t i, cut;

    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        size_t n = strlen(texts[i]);
        for (cut = 0; cut <= n; cut++) {
            char *exact = cdk_xmalloc(cut ? cut : 1);
            char padded[64];
            memcpy(exact, texts[i], cut);
            check_tokens(exact, cut, &fast, &ref);
            free(exact);
            memcpy(padded, texts[i], cut);
            memset(padded + cut, 'x', sizeof(padded) - cut);
            check_tokens(padded, cut, &fast, &ref);
        }
    }
    cdk_toks_release(&fast);
    cdk_toks_release(&ref);
}
END_TEST

static void
check_key(const char *t, size_t n)
{
    uint64_t *a, *b;
    size_t ca, cb, na = cdk_classify_key(t, n, &a, &ca),
                   nb = cdk_classify_key_ref(t, n, &b, &cb);

    ck_assert_msg(na == nb && ca == cb &&
                      (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0),
                  "key of \"%.*s\": %zu hashes of %zu bytes, not %zu of %zu",
                  (int)n, t, na, ca, nb, cb);
    free(a);
    free(b);
}

/* Content keys of generated text: curly quotes and dashes glued to
 * words, a lone 0xE2, other characters, plurals, capitals, figures. */
START_TEST(keys_generated)
{
    static const char *const pieces[] = {
        "sales", "Sales", "SALES", "class", "bus", "its", "\xe2\x80\x9c",
        "\xe2\x80\x9d", "\xe2\x80\x94", "\xe2\x82\xac", "\xe2", "\xe2\x80",
        "\xc3\xa9", "caf\xc3\xa9s", " ", " ", ",", "'", "-", ".", "3.5",
        "U.S.", "rock'n'roll", "the", "The", "and", "x", "42", "s", "S's",
    };
    uint64_t seed = 7;
    char buf[256];
    size_t round;

    for (round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n + 16 < sizeof(buf)) {
            uint64_t r = next_rand(&seed);
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(buf + n, p, k);
            n += k;
            if (r % 9 == 0)
                break;
        }
        check_key(buf, n);
    }
    /* every byte value inside a word */
    for (round = 0; round < 256; round++) {
        memcpy(buf, "ab?cd \xe2?x", 9);
        buf[2] = (char)round;
        buf[7] = (char)round;
        check_key(buf, 9);
        check_key(buf, 3);
        check_key(buf, 8);
    }
}
END_TEST

struct span {
    const char *w;
    size_t n;
};

static int
cmp_span(const void *a, const void *b)
{
    const struct span *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->w, y->w, n);

    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Every file of both corpora: the tokens of its whole text by both
 * tokenizers, and the class of each distinct word by both lookups. */
START_TEST(corpora_tokens_and_classes)
{
    struct cdk_toks fast = CDK_TOKS_INIT, ref = CDK_TOKS_INIT;
    size_t nf, f, nw = 0, walloc = 0, i, distinct = 0, listed = 0;
    char **files = corpus_files(1, &nf);
    char **texts = cdk_xcalloc(nf, sizeof(*texts));
    struct span *words = NULL;

    ck_assert_uint_gt(nf, 2000);
    for (f = 0; f < nf; f++) {
        size_t len;
        texts[f] = cdk_test_read_file(files[f], &len);
        ck_assert_ptr_nonnull(texts[f]);
        check_tokens(texts[f], len, &fast, &ref);
        for (i = 0; i < fast.n; i++) {
            if (!fast.v[i].word)
                continue;
            CDK_ALLOC_GROW(words, nw + 1, walloc);
            words[nw].w = texts[f] + fast.v[i].start;
            words[nw].n = fast.v[i].end - fast.v[i].start;
            nw++;
        }
    }
    qsort(words, nw, sizeof(*words), cmp_span);
    for (i = 0; i < nw; i++) {
        if (i > 0 && cmp_span(&words[i], &words[i - 1]) == 0)
            continue;
        check_class(words[i].w, words[i].n);
        distinct++;
        listed += cdk_lex_class(words[i].w, words[i].n) != 0;
    }
    ck_assert_uint_gt(distinct, 20000);
    ck_assert_uint_gt(listed, 800);
    free(words);
    for (f = 0; f < nf; f++)
        free(texts[f]);
    free(texts);
    free_files(files, nf);
    cdk_toks_release(&fast);
    cdk_toks_release(&ref);
}
END_TEST

static void
assert_same_attribution(const char *body, const struct cdk_sentence *s,
                        const struct cdk_attribution *a,
                        const struct cdk_attribution *b)
{
    ck_assert_msg((a->claimant == NULL) == (b->claimant == NULL) &&
                      (!a->claimant || strcmp(a->claimant, b->claimant) == 0),
                  "\"%.*s\": claimant \"%s\", not \"%s\"",
                  (int)(s->end - s->start), body + s->start,
                  a->claimant ? a->claimant : "(none)",
                  b->claimant ? b->claimant : "(none)");
    ck_assert_msg((a->cue == NULL) == (b->cue == NULL) &&
                      (!a->cue || strcmp(a->cue, b->cue) == 0),
                  "\"%.*s\": cue \"%s\", not \"%s\"",
                  (int)(s->end - s->start), body + s->start,
                  a->cue ? a->cue : "(none)", b->cue ? b->cue : "(none)");
    ck_assert_msg(a->kind == b->kind && a->start == b->start &&
                      a->end == b->end && a->quote == b->quote &&
                      a->open_quote == b->open_quote &&
                      a->words == b->words && a->verb == b->verb &&
                      a->digit == b->digit && a->question == b->question,
                  "\"%.*s\": kind %d [%zu, %zu) quote %d/%d words %zu "
                  "verb %d digit %d question %d, not kind %d [%zu, %zu) "
                  "quote %d/%d words %zu verb %d digit %d question %d",
                  (int)(s->end - s->start), body + s->start, a->kind,
                  a->start, a->end, a->quote, a->open_quote, a->words,
                  a->verb, a->digit, a->question, b->kind, b->start, b->end,
                  b->quote, b->open_quote, b->words, b->verb, b->digit,
                  b->question);
}

/*
 * Real articles (every 3rd of news-bbc, all of news-noisy): each
 * sentence attributed through the fast scans, with its context, against
 * the reference; the view's tokens against the reference tokens of its
 * text, and each claim classified through the view against classifying
 * its text.
 */
START_TEST(attribution_matches_reference)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_toks ref = CDK_TOKS_INIT;
    struct cdk_attr_view view = CDK_ATTR_VIEW_INIT;
    size_t nf, f, sentences = 0, attributed = 0, classified = 0;
    char **files = corpus_files(3, &nf);

    for (f = 0; f < nf; f++) {
        struct cdk_article a;
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        struct cdk_attr_ctx cf, cr;
        size_t len, i;
        char *data = cdk_test_read_file(files[f], &len);

        ck_assert_ptr_nonnull(data);
        cdk_article_init(&a);
        a.body = data;
        a.body_len = len;
        if (cdk_extract(&a, NULL, &x, &err) != 0) {
            cdk_error_clear(&err);
            free(data);
            continue; /* (a noisy file that is not text) */
        }
        cdk_attr_ctx_init(&cf);
        cdk_attr_ctx_init(&cr);
        for (i = 0; i < x.nsentences; i++) {
            const struct cdk_sentence *s = &x.sentences[i];
            struct cdk_attribution af, ar;
            cdk_attribute_sentence_view(&cf, data, s->start, s->end, s->para,
                                        &af, &view);
            cdk_attribute_sentence_ref(&cr, data, s->start, s->end, s->para,
                                       &ar);
            assert_same_attribution(data, s, &af, &ar);
            check_key(view.t, view.n);
            ref_tokens(view.t, view.n, &ref);
            assert_same_tokens(view.t, &view.tk, &ref);
            /* the content's tokens in place, classified */
            if (view.xb > view.xa) {
                size_t k0, k1;
                if (cdk_toks_range(view.t, view.n, &view.tk, view.xa,
                                   view.xb - view.xa, &k0, &k1)) {
                    const struct cdk_toks sub = {view.tk.v + k0, k1 - k0, 0};
                    struct cdk_classified c1, c2;
                    cdk_classify_claim_tokens(view.t, view.n, &sub,
                                              af.claimant != NULL, af.quote,
                                              af.cue, &c1);
                    cdk_classify_claim(view.t + view.xa, view.xb - view.xa,
                                       af.claimant != NULL, af.quote, af.cue,
                                       &c2);
                    ck_assert_int_eq(c1.modality, c2.modality);
                    ck_assert_int_eq(c1.type, c2.type);
                    ck_assert(c1.cue_score == c2.cue_score);
                    ck_assert_uint_eq(c1.nkey, c2.nkey);
                    ck_assert_uint_eq(c1.key_chars, c2.key_chars);
                    ck_assert(c1.nkey == 0 ||
                              memcmp(c1.key, c2.key,
                                     c1.nkey * sizeof(*c1.key)) == 0);
                    free(c1.key);
                    free(c2.key);
                    classified++;
                }
            }
            sentences++;
            attributed += af.claimant != NULL;
            cdk_attribution_release(&af);
            cdk_attribution_release(&ar);
        }
        cdk_attr_ctx_release(&cf);
        cdk_attr_ctx_release(&cr);
        cdk_extraction_release(&x);
        free(data);
    }
    ck_assert_uint_gt(sentences, 10000);
    ck_assert_uint_gt(attributed, 2000);
    ck_assert_uint_gt(classified, 8000);
    free_files(files, nf);
    cdk_attr_view_release(&view);
    cdk_toks_release(&ref);
}
END_TEST

/*
 * Generated sentences of the words attribution hangs on ("according to",
 * "per", hearsay's "is thought to", speech verbs), look-alikes of the
 * same length and first letter ("accordion", "pen", "thistle",
 * "rumbled", "runaways", "underwrite") and plain words, quotation marks
 * and commas, and "reportedly" inside longer words and look-alikes:
 * attributed through the fast scans (a sentence without any such word
 * skips the tails and hearsay) against the reference, in a running
 * context (a fresh one every 50 sentences).
 */
START_TEST(attribution_generated)
{
    static const char *const pieces[] = {
        "according to", "According to", "ACCORDING", "accordion", "per",
        "Per", "pen", "is thought to have", "was rumoured to be",
        "are rumored to", "is understood that", "It is understood that",
        "is said to have", "were reported as", "is believed to",
        "thistle", "rumbled", "runaways", "underwrite", "understand",
        "said", "says", "told reporters", "added", "warned", "reports",
        "the", "The", "firm", "Reuters", "Mr Smith", "John Smith", "he",
        "she", "it", "they", "shares", "rose", "fell", "5%", "on Monday",
        "widely", "and", "but", "which", "analysts", "reportedly",
        "REPORTEDLY", "unreportedly", "reportedlyx", "rxxxxxxxxy",
        "reporters", ",", ",", ",", "\"",
        ":", "(", ")", "'s",
    };
    struct cdk_attr_view view = CDK_ATTR_VIEW_INIT;
    struct cdk_attr_ctx cf, cr;
    uint64_t seed = 7;
    char buf[320];
    size_t round;

    cdk_attr_ctx_init(&cf);
    cdk_attr_ctx_init(&cr);
    for (round = 0; round < 4000; round++) {
        struct cdk_sentence s;
        struct cdk_attribution af, ar;
        size_t n = 0;
        while (n + 40 < sizeof(buf)) {
            uint64_t r = next_rand(&seed);
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            if (n > 0)
                buf[n++] = ' ';
            memcpy(buf + n, p, k);
            n += k;
            if (r % 13 == 0)
                break;
        }
        buf[n++] = '.';
        buf[n] = '\0';
        s.start = 0;
        s.end = n;
        s.para = (int)(round / 3);
        if (round % 50 == 0) {
            /* a fresh context now and then */
            cdk_attr_ctx_release(&cf);
            cdk_attr_ctx_release(&cr);
            cdk_attr_ctx_init(&cf);
            cdk_attr_ctx_init(&cr);
        }
        cdk_attribute_sentence_view(&cf, buf, 0, n, s.para, &af, &view);
        cdk_attribute_sentence_ref(&cr, buf, 0, n, s.para, &ar);
        assert_same_attribution(buf, &s, &af, &ar);
        cdk_attribution_release(&af);
        cdk_attribution_release(&ar);
    }
    cdk_attr_ctx_release(&cf);
    cdk_attr_ctx_release(&cr);
    cdk_attr_view_release(&view);
}
END_TEST

/* corpora: the shared data is there */
static Suite *
suite(bool corpora)
{
    Suite *s = suite_create("attribute_fast");
    TCase *tc = tcase_create("generated");

    tcase_add_test(tc, lex_class_hostile);
    tcase_add_test(tc, tokens_generated);
    tcase_add_test(tc, tokens_at_the_end);
    tcase_add_test(tc, keys_generated);
    tcase_add_test(tc, attribution_generated);
    suite_add_tcase(s, tc);
    if (!corpora)
        return s;
    tc = tcase_create("corpora");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, corpora_tokens_and_classes);
    tcase_add_test(tc, attribution_matches_reference);
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
    return cdk_test_run_suite(suite(dir != NULL));
}
