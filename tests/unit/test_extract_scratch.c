/*
 * The working buffers one extraction hands to the next (struct
 * cdk_extract_scratch, extract.h): every article of both corpora
 * extracted with one scratch kept across all of them gives what it gives
 * with none, field by field; so do articles taken in an order that makes
 * the buffers shrink and grow (a long one, then short ones, then an
 * article of more than 1 MB, after which the scratch gives its buffers
 * back, then short ones again), articles that fail (a NUL byte), and two
 * scratches used in turn. Under the sanitizer build (CLAIMDESK_SANITIZE)
 * these also show that no result points into the scratch: each result
 * is compared after the scratch has served the next article, and freed
 * only after the scratch is.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mem.h"
#include "importers/extract/classify.h"
#include "importers/extract/extract.h"
#include "support/testutil.h"

static bool
same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A sorted copy of a key (linking sorts some keys in place, not all). */
static uint64_t *
sorted_key(const struct cdk_claim_info *inf)
{
    uint64_t *k = cdk_xmalloc((inf->nkey + 1) * sizeof(*k));

    if (inf->nkey)
        memcpy(k, inf->key, inf->nkey * sizeof(*k));
    cdk_classify_key_sort(k, inf->nkey);
    return k;
}

/* Fail unless extractions x and y of the article `name` are the same. */
static void
same_extraction(const struct cdk_extraction *x, const struct cdk_extraction *y,
                const char *name)
{
    size_t i, k;

    ck_assert_msg(x->nclaims == y->nclaims, "%s: %zu claims, not %zu", name,
                  x->nclaims, y->nclaims);
    ck_assert_uint_eq(x->nsentences, y->nsentences);
    ck_assert_uint_eq(x->ndropped, y->ndropped);
    ck_assert_uint_eq(x->body_chars, y->body_chars);
    for (i = 0; i < x->nsentences; i++)
        ck_assert_msg(memcmp(&x->sentences[i], &y->sentences[i],
                             sizeof(x->sentences[i])) == 0,
                      "%s: sentence %zu differs", name, i);
    for (i = 0; i < x->ndropped; i++) {
        const struct cdk_dropped *a = &x->dropped[i], *b = &y->dropped[i];
        ck_assert_str_eq(a->text, b->text);
        ck_assert_ptr_eq(a->reason, b->reason);
        ck_assert(a->start == b->start && a->end == b->end &&
                  a->cstart == b->cstart && a->cend == b->cend &&
                  a->line == b->line);
    }
    for (i = 0; i < x->nclaims; i++) {
        const struct cdk_claim *a = &x->claims[i], *b = &y->claims[i];
        const struct cdk_claim_info *ai = &x->info[i], *bi = &y->info[i];
        uint64_t *ka, *kb;

        ck_assert_msg(same_str(a->text, b->text), "%s: claim %zu: \"%s\" / \"%s\"",
                      name, i, a->text, b->text);
        ck_assert(same_str(a->sentence, b->sentence));
        ck_assert(same_str(a->claimant, b->claimant));
        ck_assert(same_str(a->cue, b->cue));
        ck_assert(a->ordinal == b->ordinal && a->start == b->start &&
                  a->end == b->end && a->cstart == b->cstart &&
                  a->cend == b->cend);
        ck_assert(a->claimant_kind == b->claimant_kind &&
                  a->modality == b->modality && a->type == b->type);
        ck_assert_msg(a->score == b->score, "%s: claim %zu: score %.17g / %.17g",
                      name, i, a->score, b->score);
        ck_assert_int_eq(a->duplicate_of, b->duplicate_of);
        ck_assert_uint_eq(a->nentities, b->nentities);
        for (k = 0; k < a->nentities; k++) {
            const struct cdk_entity *e = &a->entities[k], *f = &b->entities[k];
            ck_assert(e->kind == f->kind && e->start == f->start &&
                      e->end == f->end && e->cstart == f->cstart &&
                      e->cend == f->cend);
            ck_assert(same_str(e->text, f->text));
            ck_assert(same_str(e->value, f->value));
        }
        ck_assert(ai->sentence == bi->sentence &&
                  ai->frame_start == bi->frame_start &&
                  ai->frame_end == bi->frame_end && ai->item == bi->item &&
                  ai->quote == bi->quote);
        ck_assert_uint_eq(ai->nkey, bi->nkey);
        ck_assert_uint_eq(ai->key_chars, bi->key_chars);
        ka = sorted_key(ai);
        kb = sorted_key(bi);
        ck_assert_msg(ai->nkey == 0 ||
                          memcmp(ka, kb, ai->nkey * sizeof(*ka)) == 0,
                      "%s: claim %zu: another key", name, i);
        free(ka);
        free(kb);
    }
}

/* cdk_extract of text[0..len) with scratch sc (or none); max: the
 * longest sentence made claims (0: the default). */
static int
extract_max(const char *text, size_t len, struct cdk_extract_scratch *sc,
            size_t max, struct cdk_extraction *x, struct cdk_error *err)
{
    struct cdk_article a;
    struct cdk_extract_opts o = CDK_EXTRACT_OPTS_INIT;

    cdk_article_init(&a);
    a.body = (char *)text;
    a.body_len = len;
    o.scratch = sc;
    o.max_sentence_bytes = max;
    return cdk_extract(&a, &o, x, err);
}

static int
extract_text(const char *text, size_t len, struct cdk_extract_scratch *sc,
             struct cdk_extraction *x, struct cdk_error *err)
{
    return extract_max(text, len, sc, 0, x, err);
}

/*
 * Each article with the shared scratch, then (the scratch having served
 * it) without one; the result with the scratch is checked after the
 * scratch has moved on to the next article.
 */
struct walk {
    struct cdk_extract_scratch *sc;
    struct cdk_extraction prev; /* the last article's, with the scratch */
    struct cdk_extraction prev_own;
    char *prev_name;
    size_t articles, claims;
};

static void
check_prev(struct walk *w)
{
    if (!w->prev_name)
        return;
    same_extraction(&w->prev, &w->prev_own, w->prev_name);
    cdk_extraction_release(&w->prev);
    cdk_extraction_release(&w->prev_own);
    free(w->prev_name);
    w->prev_name = NULL;
}

static void
on_text(const char *name, const char *text, size_t len, void *arg)
{
    struct walk *w = arg;
    struct cdk_extraction x = CDK_EXTRACTION_INIT, y = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    int rx = extract_text(text, len, w->sc, &x, &err);
    int ry = extract_text(text, len, NULL, &y, &err);

    ck_assert_msg(rx == ry, "%s: %d with the scratch, %d without", name, rx,
                  ry);
    check_prev(w);
    if (rx < 0)
        return;
    w->prev = x;
    w->prev_own = y;
    w->prev_name = cdk_xstrdup(name);
    w->articles++;
    w->claims += x.nclaims;
}

START_TEST(one_scratch_for_both_corpora)
{
    struct walk w = {0};
    size_t n;

    w.sc = cdk_extract_scratch_new();
    n = cdk_test_each_article(on_text, &w);
    if (n == 0) {
        cdk_extract_scratch_free(w.sc);
        return; /* (no shared data: the other cases still run) */
    }
    /* the last result outlives the scratch */
    cdk_extract_scratch_free(w.sc);
    check_prev(&w);
    ck_assert_uint_gt(w.articles, 2000);
    ck_assert_uint_gt(w.claims, 20000);
}
END_TEST

/* Text of `n` bytes at least: sentences with lists, quotations and
 * figures, `per` sentences to a paragraph. */
static char *
gen_article(size_t n, size_t per, size_t *len)
{
    static const char *const s[] = {
        "The agency said prices rose 4.5% in March, and wages fell sharply. ",
        "\"We will not cut rates,\" the governor told reporters on Monday. ",
        "Officials offered concessions, including tax relief and new loans. ",
        "It is not just the banks but also the insurers that face losses. ",
        "Shares in Acme Corp fell by $2bn after the report was published. ",
    };
    struct cdk_buf b = CDK_BUF_INIT;
    size_t i = 0;

    while (b.len < n) {
        cdk_buf_adds(&b, s[i % 5]);
        if (++i % per == 0)
            cdk_buf_adds(&b, "\n\n");
    }
    return cdk_buf_detach(&b, len);
}

/* A scratch that serves articles of very different shapes and sizes,
 * and failures, in turn with another one: the same results as none. */
START_TEST(scratch_through_sizes_and_failures)
{
    struct cdk_extract_scratch *sc = cdk_extract_scratch_new(),
                               *sc2 = cdk_extract_scratch_new();
    static const struct {
        size_t bytes, per;
    } shapes[] = {
        {20000, 200}, {300, 1}, {5000, 2}, {1100 * 1024, 3}, {200, 1},
        {40000, 1},   {0, 1},   {9000, 50}, {700, 7},
    };
    struct cdk_extraction kept[sizeof(shapes) / sizeof(shapes[0])];
    char *texts[sizeof(shapes) / sizeof(shapes[0])];
    size_t lens[sizeof(shapes) / sizeof(shapes[0])], i, big_claims = 0;
    struct cdk_error err = CDK_ERROR_INIT;

    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        struct cdk_extract_scratch *use = i % 3 == 2 ? sc2 : sc;
        texts[i] = gen_article(shapes[i].bytes, shapes[i].per, &lens[i]);
        kept[i] = (struct cdk_extraction)CDK_EXTRACTION_INIT;
        ck_assert_int_eq(extract_text(texts[i], lens[i], use, &kept[i], &err),
                         0);
        if (shapes[i].bytes > 1024 * 1024)
            big_claims = kept[i].nclaims;
        /* a failure in between leaves the scratch fit for the next */
        {
            struct cdk_extraction bad = CDK_EXTRACTION_INIT;
            char nul[] = "The agency said prices rose.\0 And fell.";
            ck_assert_int_eq(
                extract_text(nul, sizeof(nul) - 1, use, &bad, &err), -1);
            ck_assert_uint_eq(bad.nclaims, 0);
            cdk_extraction_release(&bad);
        }
    }
    ck_assert_uint_gt(big_claims, 1000);
    /* the results, all compared after both scratches are gone */
    cdk_extract_scratch_free(sc);
    cdk_extract_scratch_free(sc2);
    cdk_extract_scratch_free(NULL);
    for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        struct cdk_extraction y = CDK_EXTRACTION_INIT;
        char name[32];
        snprintf(name, sizeof(name), "shape %zu", i);
        ck_assert_int_eq(extract_text(texts[i], lens[i], NULL, &y, &err), 0);
        same_extraction(&kept[i], &y, name);
        cdk_extraction_release(&y);
        cdk_extraction_release(&kept[i]);
        free(texts[i]);
    }
}
END_TEST

/* Seconds since t0. */
static double
since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Hostile shapes through one scratch, each timed and compared with an
 * extraction without one: a unit of 10,000 short sentences (as many
 * views), 100,000 short lines (3 MB: the scratch gives its buffers
 * back), a sentence of 10,000 "and"s, then an ordinary article.
 */
START_TEST(scratch_through_hostile_shapes)
{
    struct cdk_extract_scratch *sc = cdk_extract_scratch_new();
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_buf b[4] = {CDK_BUF_INIT, CDK_BUF_INIT, CDK_BUF_INIT,
                           CDK_BUF_INIT};
    static const char *const what[4] = {"10,000 sentences on a line",
                                        "100,000 lines", "10,000 ands",
                                        "an article"};
    size_t i, k;

    for (i = 0; i < 10000; i++)
        cdk_buf_adds(&b[0], "Prices rose 5% in May. ");
    cdk_buf_adds(&b[0], "\n");
    for (i = 0; i < 100000; i++)
        cdk_buf_addf(&b[1], "Rents rose %zu%% in ward %zu, the mayor said.\n",
                     i % 97, i);
    cdk_buf_adds(&b[2], "The mayor said that rents rose");
    for (i = 0; i < 10000; i++)
        cdk_buf_adds(&b[2], " and wages fell");
    cdk_buf_adds(&b[2], ".\n");
    cdk_buf_adds(&b[3], "The agency said prices rose 4.5% in March, and "
                        "wages fell sharply.\nShares in Acme Corp fell by "
                        "$2bn, including losses in Asia and Europe.\n");
    for (k = 0; k < 2; k++) { /* twice: the scratch as the shapes left it */
        for (i = 0; i < 4; i++) {
            struct cdk_extraction x = CDK_EXTRACTION_INIT,
                                  y = CDK_EXTRACTION_INIT;
            struct timespec t0;
            double secs;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            /* (the sentence of "and"s is made claims too) */
            size_t max = i == 2 ? b[2].len : 0;
            ck_assert_int_eq(extract_max(b[i].buf, b[i].len, sc, max, &x,
                                         &err),
                             0);
            secs = since(&t0);
            printf("%s, with a scratch: %.2f s, %zu claims\n", what[i], secs,
                   x.nclaims);
            /* (under a second each here, a few with ASan) */
            ck_assert_double_lt(secs, 30.0);
            ck_assert_int_eq(
                extract_max(b[i].buf, b[i].len, NULL, max, &y, &err), 0);
            same_extraction(&x, &y, what[i]);
            cdk_extraction_release(&x);
            cdk_extraction_release(&y);
        }
    }
    for (i = 0; i < 4; i++)
        cdk_buf_release(&b[i]);
    cdk_extract_scratch_free(sc);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("extract_scratch");
    TCase *tc = tcase_create("scratch");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, scratch_through_sizes_and_failures);
    tcase_add_test(tc, scratch_through_hostile_shapes);
    tcase_add_test(tc, one_scratch_for_both_corpora);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
