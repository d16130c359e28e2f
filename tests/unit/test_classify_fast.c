/*
 * Classification the fast way (cdk_classify_claim: phrase scans skipped
 * when no word of their list is there, the content key hashed while the
 * facts are read) against the plain way (cdk_classify_claim_ref: the
 * first tokenizer, a lookup per word, every phrase scanned, the key as
 * first written): on every claim and every sentence of both corpora, and
 * on generated text made of the words the rules look for.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mem.h"
#include "importers/extract/classify.h"
#include "importers/extract/extract.h"
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

/* Both ways on t[0..n): the same modality, type, cue score and key (the
 * fast key's hashes distinct, in no order: compared sorted). */
static void
check_classify(const char *t, size_t n, bool attributed, bool quote,
               const char *cue)
{
    struct cdk_classified a, b;
    size_t i;

    cdk_classify_claim(t, n, attributed, quote, cue, &a);
    cdk_classify_claim_ref(t, n, attributed, quote, cue, &b);
    cdk_classify_key_sort(a.key, a.nkey);
    for (i = 1; i < a.nkey; i++)
        ck_assert_msg(a.key[i - 1] != a.key[i],
                      "\"%.*s\": a hash twice in the key", (int)n, t);
    ck_assert_msg(a.modality == b.modality && a.type == b.type &&
                      a.cue_score == b.cue_score,
                  "\"%.*s\" (%d %d %s): modality %d type %d score %g, not "
                  "%d %d %g",
                  (int)n, t, attributed, quote, cue ? cue : "-", a.modality,
                  a.type, a.cue_score, b.modality, b.type, b.cue_score);
    ck_assert_msg(a.nkey == b.nkey && a.key_chars == b.key_chars &&
                      (a.nkey == 0 ||
                       memcmp(a.key, b.key, a.nkey * sizeof(*a.key)) == 0),
                  "\"%.*s\": key of %zu hashes (%zu bytes), not %zu (%zu)",
                  (int)n, t, a.nkey, a.key_chars, b.nkey, b.key_chars);
    /* the signature that linking takes from classify */
    ck_assert_msg(a.key_sig == b.key_sig, "\"%.*s\": key_sig %llx, not %llx",
                  (int)n, t, (unsigned long long)a.key_sig,
                  (unsigned long long)b.key_sig);
    free(a.key);
    free(b.key);
}

/* Every way a claim can be put: by the article, attributed, quoted. */
static void
check_all_ways(const char *t, size_t n, const char *cue)
{
    check_classify(t, n, false, false, NULL);
    check_classify(t, n, true, false, cue);
    check_classify(t, n, true, true, cue);
}

/* Words the rules look for, with figures, money, capitals, curly
 * quotes, plurals and punctuation: both ways agree. */
START_TEST(classify_generated)
{
    static const char *const pieces[] = {
        "expected", "to", "set", "going", "on track", "likely", "due",
        "led", "leads", "result", "of", "a", "resulted", "in", "driven",
        "by", "because", "caused", "thanks", "linked", "denied", "offer",
        "proposed", "will", "may", "law", "ban", "court", "percent", "%",
        "$", "\xc2\xa3", "\xe2\x82\xac", "42", "3.5", "2019", "1999",
        "March", "yesterday", "Monday", "visited", "established",
        "hundred", "was", "possibly", "clearly", "I", "we", "The", "Bank",
        "sales", "Sales", "class", "U.S.", "\xe2\x80\x9c", "\xe2\x80\x9d",
        "\xe2\x80\x94", "\xe2", "caf\xc3\xa9s", " ", " ", " ", ",", ".",
        "-", "'", "rock'n'roll", "x", "s",
    };
    static const char *const cues[] = {NULL, "said", "denied", "denies",
                                       "according to"};
    uint64_t seed = 11;
    char buf[320];
    size_t round;

    for (round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n + 24 < sizeof(buf)) {
            uint64_t r = next_rand(&seed);
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(buf + n, p, k);
            n += k;
            if (r % 13 != 0)
                buf[n++] = ' ';
            if (r % 17 == 0)
                break;
        }
        check_all_ways(buf, n, cues[round % 5]);
    }
    /* a phrase split at the end, and nothing at all */
    check_all_ways("it is expected", 14, NULL);
    check_all_ways("due", 3, NULL);
    check_all_ways("a result", 8, NULL);
    check_all_ways("", 0, NULL);
}
END_TEST

/* The files of both corpora, sorted; *n gets their count. */
static char **
corpus_files(size_t *n)
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
            if (names[k]->d_name[0] != '.') {
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

/* Every claim (as extraction made it, with its claimant and cue) and
 * every sentence of both corpora, both ways. */
START_TEST(classify_corpora)
{
    struct cdk_error err = CDK_ERROR_INIT;
    size_t nf, f, claims = 0, sentences = 0;
    char **files = corpus_files(&nf);

    ck_assert_uint_gt(nf, 2000);
    for (f = 0; f < nf; f++) {
        struct cdk_article a;
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        size_t len, i;
        char *data = cdk_test_read_file(files[f], &len);

        ck_assert_ptr_nonnull(data);
        cdk_article_init(&a);
        a.body = data;
        a.body_len = len;
        if (cdk_extract(&a, NULL, &x, &err) == 0) {
            for (i = 0; i < x.nclaims; i++) {
                const struct cdk_claim *c = &x.claims[i];
                check_classify(c->text, strlen(c->text), c->claimant != NULL,
                               false, c->cue);
                check_classify(c->text, strlen(c->text), true, true, c->cue);
                claims++;
            }
            for (i = 0; i < x.nsentences; i++) {
                const struct cdk_sentence *s = &x.sentences[i];
                check_classify(data + s->start, s->end - s->start, false,
                               false, NULL);
                sentences++;
            }
        } else {
            cdk_error_clear(&err); /* (a noisy file that is not text) */
        }
        cdk_extraction_release(&x);
        free(data);
        free(files[f]);
    }
    free(files);
    ck_assert_uint_gt(claims, 30000);
    ck_assert_uint_gt(sentences, 40000);
}
END_TEST

/* corpora: the shared data is there */
static Suite *
suite(bool corpora)
{
    Suite *s = suite_create("classify_fast");
    TCase *tc = tcase_create("generated");

    tcase_add_test(tc, classify_generated);
    suite_add_tcase(s, tc);
    if (!corpora)
        return s;
    tc = tcase_create("corpora");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, classify_corpora);
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
