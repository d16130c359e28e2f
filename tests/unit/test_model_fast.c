/*
 * importers/extract/model: cdk_model_score's fast pass gives bit for bit
 * the scores of the reference featurizer (cdk_model_score_reference) --
 * on every ClaimBuster sentence, on every paragraph of the news-bbc and
 * news-noisy articles (skipped, 77, without ../shared/data), on edge
 * cases (empty input, tokens longer than the model keeps, non-ASCII and
 * invalid UTF-8, numbers and years, apostrophes, every symbol) and on
 * random mixes of those pieces -- for the bundled model and for trained
 * models of every shape the fast pass handles (no vectors, dense only,
 * clusters only, both; 1, 2 and 3-grams) -- and whatever the size of
 * the fast pass's word cache (down to one slot, where every word evicts
 * the one before), with models taking turns and with threads scoring at
 * once (each thread has its own cache).
 */
#include <check.h>
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/embedded.h"
#include "core/hash.h"
#include "core/mem.h"
#include "importers/extract/model.h"
#include "importers/extract/model_image.h"
#include "importers/extract/wordvec.h"
#include "importers/labeled.h"
#include "support/testutil.h"

/* Same double, bit for bit (== would take -0.0 for 0.0). */
static int
same(double a, double b)
{
    return memcmp(&a, &b, sizeof(a)) == 0;
}

/* Fail, naming the text, when the two passes differ on text[0..len). */
static void
check_text(const struct cdk_model *m, const char *what, const char *text,
           size_t len)
{
    double fast = cdk_model_score(m, text, len);
    double ref = cdk_model_score_reference(m, text, len);

    ck_assert_msg(same(fast, ref),
                  "%s: fast %.17g, reference %.17g on "
                  "\"%.*s\"",
                  what, fast, ref, (int)(len > 200 ? 200 : len),
                  text ? text : "");
}

static void
check_s(const struct cdk_model *m, const char *what, const char *s)
{
    check_text(m, what, s, strlen(s));
}

/* Hand-picked edge cases; each is also scored inside a sentence. */
static const char *const edge[] = {
    "",
    " ",
    "a",
    "I",
    "A B C",
    /* tokens at and past TOK_MAX (40 bytes) */
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "Supercalifragilisticexpialidociousnessfulnessly said",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9\xc3\xa9 b",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9x",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa's",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'''",
    "12345678901234567890123456789012345678901234567890",
    "1234567890123456789012345678901234567890abc",
    "Y\xe2\x80\x99"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    /* non-ASCII letters, symbols, invalid UTF-8 */
    "Caf\xc3\xa9 na\xc3\xafve \xc3\x89lys\xc3\xa9"
    "e Stra\xc3\x9f"
    "e",
    "\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 emoji\xf0\x9f\x98\x80x",
    "\xc3\x97 \xc3\xb7 \xc2\xa9 \xe2\x80\xa6 \xe3\x80\x82 \xef\xbb\xbf \xef\xbf\xbd",
    "\xff\xfe\xc0\xaf\xed\xa0\x80 1,,,.5 $$ %% 1.",
    "\xc3",
    "abc\xe2\x80",
    "\xc3\xa9tude",
    /* numbers and years */
    "In 1999, 2099 and 2100 and 999 and 10000 people",
    "3.5 1,000 1,000,000 12m 12bn 5th 2019's '90s 1990s 0.5% 3.",
    "2,019 20.19 1.2.3 1..2 1,,2 9a 9-9 $3.5bn \xc2\xa3"
    "40m \xe2\x82\xac"
    "1",
    "1000 2099 0999 10000 00000",
    /* apostrophes */
    "don't can't won't I'm we'll they'd it's students' rock 'n' roll",
    "'quoted' ''' ' a' 'a O'Neil l'homme",
    "don\xe2\x80\x99t \xe2\x80\x99"
    "ello students\xe2\x80\x99 \xe2\x80\x99",
    /* symbols and breaks */
    "$ \xc2\xa3 \xe2\x82\xac % ? ! \" \xe2\x80\x9c \xe2\x80\x9d . : ; ( ) , - "
    "\xe2\x80\x94 \xe2\x80\x93 / & * # @",
    "What? Yes! \"No.\" (Maybe) \xe2\x80\x94 Then: this; that - other, more",
    "He said, \xe2\x80\x9cWe Will Win\xe2\x80\x9d. The Senate Voted.",
    /* lexicon words and near misses */
    "according accordingly would wouldn't percent percentage per cent",
    "I me my we us our you your said says allegedly might should must",
    "Reported REPORTED Reporting increased voted votes voting studies "
    "kisses bus ties ed red bed nothing n't isn't",
    "<year> <num> </s> <s>",
    /* words around the word cache's 8-byte comparisons and its longest
     * word (24 bytes): same length, different only past byte 8 or 16 */
    "abcdefg abcdefgh abcdefghi abcdefghij abcdefghik Abcdefghij",
    "internationalisation internationalisatiom internationalisation",
    "abcdefghijklmnop abcdefghijklmnoq abcdefghijklmnopq abcdefghijklmnopr",
    "abcdefghijklmnopqrstuvw abcdefghijklmnopqrstuvwx abcdefghijklmnopqrstuvwy "
    "abcdefghijklmnopqrstuvwxy abcdefghijklmnopqrstuvwxz",
    "said said said Said SAID sai saids",
    /* and such words that the model knows: with a small cache, each
     * pair shares a slot */
    "generation generating discussion discussing protection protecting "
    "economist economise argentina argentine government governmenT",
    "internationalisation internationalization telecommunications "
    "telecommunicationz telecommunication's responsibilities "
    "responsibilitiez counterrevolutionaries counterrevolutionariez",
    "\t\n\r\v\f tab\tand\nnewline",
};

/* Random sentences made of pieces that exercise the tokeniser. */
static const char *const piece[] = {
    "the",
    "The",
    "said",
    "according",
    "to",
    "2019",
    "1,000",
    "3.5",
    "45%",
    "$12m",
    "\xc2\xa3\x33\x62n", /* £3bn */
    "don't",
    "students'",
    "'",
    "\xe2\x80\x99",
    " ",
    " ",
    " ",
    ",",
    ".",
    "?",
    "!",
    "\"",
    "(",
    ")",
    "-",
    "\xe2\x80\x94",
    "\xe2\x80\x93",
    "\xe2\x80\x9c",
    "\xe2\x80\x9d",
    "caf\xc3\xa9",
    "\xc3\x89",
    "\xe4\xb8\xad",
    "\xff",
    "\xc3",
    "aaaaaaaaaaaaaaaaaaaa",
    "Would",
    "percent",
    "increased",
    "rose",
    "government",
    "Obama",
    "million",
    "jobs",
    "I",
    "We",
    "not",
    "never",
    "\t",
    "\n",
    ":",
    ";",
    "/",
    "0",
    "2100",
    "9",
    "x",
};

static void
check_model(const struct cdk_model *m, const char *what)
{
    struct cdk_buf b = CDK_BUF_INIT;
    uint64_t rng = 20240229;
    size_t i, j;

    ck_assert_msg(cdk_model_fast(m), "%s: no fast pass", what);
    check_text(m, what, NULL, 0);
    check_text(m, what, "abc", 0);
    for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
        check_s(m, what, edge[i]);
        cdk_buf_reset(&b);
        cdk_buf_addf(&b, "The Minister said %s in 2019, according to Reuters.",
                     edge[i]);
        check_text(m, what, b.buf, b.len);
        /* and cut anywhere: the text need not end on a token */
        for (j = 0; j <= strlen(edge[i]); j++)
            check_text(m, what, edge[i], j);
    }
    for (i = 0; i < 3000; i++) {
        size_t n;
        cdk_buf_reset(&b);
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        n = (size_t)(rng >> 33) % 40;
        for (j = 0; j < n; j++) {
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            cdk_buf_adds(
                &b, piece[(rng >> 33) % (sizeof(piece) / sizeof(piece[0]))]);
        }
        check_text(m, what, b.buf, b.len);
    }
    cdk_buf_release(&b);
}

START_TEST(bundled_model_edge_cases)
{
    const struct cdk_model *m = cdk_model_default(NULL);

    ck_assert_ptr_nonnull(m);
    check_model(m, "bundled");
}
END_TEST

/* The ClaimBuster sentences (NULL without ../shared/data). */
static struct cdk_labeled *
claimbuster(void)
{
    static struct cdk_labeled set = CDK_LABELED_INIT;
    static int done;
    struct cdk_error err = CDK_ERROR_INIT;
    char *path;

    if (done)
        return set.n ? &set : NULL;
    done = 1;
    path = cdk_test_shared_path("data/checkworthiness/claimbuster-train.json");
    if (!path)
        return NULL;
    ck_assert_msg(cdk_labeled_read(path, &set, &err) == 0, "%s", err.message);
    free(path);
    return &set;
}

/*
 * The word cache only remembers: with 1, 2 or 64 slots (every word
 * evicting others, words of one length sharing a slot) the scores stay
 * the reference's.
 */
START_TEST(tiny_word_caches)
{
    static const size_t slots[] = {1, 2, 64};
    const struct cdk_model *m = cdk_model_default(NULL);
    struct cdk_labeled *cb = claimbuster();
    size_t k, i;

    ck_assert_ptr_nonnull(m);
    for (k = 0; k < sizeof(slots) / sizeof(slots[0]); k++) {
        char what[32];
        snprintf(what, sizeof(what), "%zu-slot cache", slots[k]);
        cdk_model_cache_slots(slots[k]);
        check_model(m, what);
        for (i = 0; cb && i < cb->n; i += 3)
            check_text(m, what, cb->v[i].text, cb->v[i].len);
    }
    cdk_model_cache_slots(0);
    check_model(m, "default cache again");
}
END_TEST

START_TEST(bundled_model_claimbuster)
{
    const struct cdk_model *m = cdk_model_default(NULL);
    struct cdk_labeled set = CDK_LABELED_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    char *path =
        cdk_test_shared_path("data/checkworthiness/claimbuster-train.json");
    size_t i;

    ck_assert_ptr_nonnull(path);
    ck_assert_ptr_nonnull(m);
    ck_assert_msg(cdk_labeled_read(path, &set, &err) == 0, "%s", err.message);
    ck_assert_uint_gt(set.n, 1000);
    for (i = 0; i < set.n; i++)
        check_text(m, "claimbuster", set.v[i].text, set.v[i].len);
    cdk_labeled_release(&set);
    free(path);
}
END_TEST

/* Every paragraph (and each whole file) of the articles under rel. */
static size_t
check_dir(const struct cdk_model *m, const char *rel, int depth)
{
    char *dir = cdk_test_shared_path(rel);
    struct dirent *e;
    DIR *d;
    size_t files = 0;

    if (!dir)
        return 0;
    d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        struct cdk_buf sub = CDK_BUF_INIT;
        char *path, *text;
        size_t len, start = 0, k;
        struct stat st;

        if (e->d_name[0] == '.')
            continue;
        cdk_buf_addf(&sub, "%s/%s", rel, e->d_name);
        path = cdk_test_shared_path(sub.buf);
        ck_assert_ptr_nonnull(path);
        if (stat(path, &st) != 0 || S_ISDIR(st.st_mode) != (depth > 0)) {
            free(path); /* README.TXT beside the category folders */
            cdk_buf_release(&sub);
            continue;
        }
        if (depth > 0) {
            files += check_dir(m, sub.buf, depth - 1);
            free(path);
            cdk_buf_release(&sub);
            continue;
        }
        text = cdk_test_read_file(path, &len);
        ck_assert_msg(text != NULL, "cannot read %s", path);
        for (k = 0; k <= len; k++) {
            if (k == len || text[k] == '\n') {
                if (k > start)
                    check_text(m, sub.buf, text + start, k - start);
                start = k + 1;
            }
        }
        check_text(m, sub.buf, text, len);
        files++;
        free(text);
        free(path);
        cdk_buf_release(&sub);
    }
    closedir(d);
    free(dir);
    return files;
}

START_TEST(bundled_model_news)
{
    const struct cdk_model *m = cdk_model_default(NULL);
    size_t bbc, noisy;

    ck_assert_ptr_nonnull(m);
    bbc = check_dir(m, "data/news-bbc/bbc", 1);
    noisy = check_dir(m, "data/news-noisy/articles", 0);
    ck_assert_uint_gt(bbc + noisy, 0);
    printf("fast = reference on %zu bbc and %zu noisy articles\n", bbc, noisy);
}
END_TEST

/*
 * The bundled model is the build's image of the model file
 * (model_image.h), not parsed at startup: it must hold what parsing the
 * embedded text gives, table for table, bit for bit.
 */
START_TEST(bundled_image_is_the_parsed_file)
{
    const struct cdk_model *def = cdk_model_default(NULL);
    struct cdk_model *parsed = NULL, *img, *other;
    struct cdk_error err = CDK_ERROR_INIT;
    const struct cdk_embedded *e = NULL;
    size_t i;
    char *copy;

    for (i = 0; i < cdk_embedded_models_count; i++)
        if (strcmp(cdk_embedded_models[i].name, "checkworthy.model") == 0)
            e = &cdk_embedded_models[i];
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(cdk_model_images_count, cdk_embedded_models_count);
    parsed = cdk_model_parse(e->data, e->len, e->name, &err);
    ck_assert_msg(parsed != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(def);
    ck_assert(cdk_model_same(def, parsed));
    ck_assert(cdk_model_same(parsed, def));
    for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
        size_t n = strlen(edge[i]);
        ck_assert(same(cdk_model_score(def, edge[i], n),
                       cdk_model_score(parsed, edge[i], n)));
    }
    /* a fresh model from the image equals it too, and frees cleanly */
    for (i = 0; i < cdk_model_images_count; i++) {
        if (strcmp(cdk_model_images[i]->name, e->name) != 0)
            continue;
        img = cdk_model_from_image(cdk_model_images[i]);
        ck_assert_ptr_nonnull(img);
        ck_assert(cdk_model_same(img, parsed));
        cdk_model_free(img);
    }
    /* and the comparison sees a one-digit change of one weight */
    copy = cdk_xmalloc(e->len);
    memcpy(copy, e->data, e->len);
    {
        char *w = strstr(copy, "\nweights ");
        ck_assert_ptr_nonnull(w);
        w = strchr(w + 1, '\n') + 1;
        w = strchr(w, ' ') + 1;
        while (!(*w >= '1' && *w <= '8'))
            w++;
        (*w)++;
    }
    {
        /* with its checksum made right again */
        char *end = strstr(copy, "\nend ") + 1;
        char sum[17];
        snprintf(sum, sizeof(sum), "%016llx",
                 (unsigned long long)cdk_fnv1a(copy, (size_t)(end - copy),
                                               CDK_FNV1A_OFFSET));
        memcpy(end + 4, sum, 16);
    }
    other = cdk_model_parse(copy, e->len, "changed", &err);
    ck_assert_msg(other != NULL, "%s", err.message);
    ck_assert(!cdk_model_same(def, other));
    ck_assert(!cdk_model_same(other, def));
    cdk_model_free(other);
    free(copy);
    cdk_model_free(parsed);
}
END_TEST

/* Trained models of every shape. */
static const char *const train_pos[] = {
    "The budget rose by 12 percent in 2019.",
    "Unemployment fell to 4.1 percent last year.",
    "The senator voted against the bill in 2004.",
    "Congress passed the law in 1996 with 300 votes.",
    "The company paid $2 million in taxes.",
    "Exports doubled between 2010 and 2015.",
    "Crime dropped 20 percent in the city since 2012.",
    "The deficit reached $1.4 trillion in 2009.",
};
static const char *const train_neg[] = {
    "I think we can do better than this.",
    "Thank you very much for having me tonight.",
    "We believe in a great and wonderful future.",
    "What would you do about it?",
    "I hope the people will see the truth.",
    "That is a terrible idea and I feel strongly about it.",
    "We need to come together as a country.",
    "You know, I really do not agree with him.",
};
#define NTRAIN (sizeof(train_pos) / sizeof(train_pos[0]))

static struct cdk_wordvec *
train_vectors(void)
{
    static const char *text[2 * NTRAIN + 4];
    static size_t len[2 * NTRAIN + 4];
    struct cdk_wordvec_options o;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_wordvec *wv;
    size_t i;

    for (i = 0; i < NTRAIN; i++) {
        text[2 * i] = train_pos[i];
        text[2 * i + 1] = train_neg[i];
    }
    text[2 * NTRAIN] = "$ % ? . , : ; ( ) - the said according";
    text[2 * NTRAIN + 1] = "$ % ? . , : ; ( ) - the said according";
    text[2 * NTRAIN + 2] = "he said it would rise 5 percent by 2020";
    text[2 * NTRAIN + 3] = "he said it would rise 5 percent by 2020";
    for (i = 0; i < 2 * NTRAIN + 4; i++)
        len[i] = strlen(text[i]);
    cdk_wordvec_options_init(&o);
    o.dim = 8;
    o.epochs = 3;
    o.min_count = 1;
    o.clusters = 5;
    o.sample = 0;
    wv = cdk_wordvec_train(text, len, 2 * NTRAIN + 4, &o, &err);
    ck_assert_msg(wv != NULL, "%s", err.message);
    return wv;
}

static struct cdk_model *
train(const struct cdk_wordvec *wv, int ngrams, int dense, int clusters,
      int char_min)
{
    struct cdk_model_example ex[2 * NTRAIN];
    struct cdk_model_options opt;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *m;
    size_t i;

    for (i = 0; i < NTRAIN; i++) {
        ex[2 * i].text = train_pos[i];
        ex[2 * i].len = strlen(train_pos[i]);
        ex[2 * i].label = 1;
        ex[2 * i + 1].text = train_neg[i];
        ex[2 * i + 1].len = strlen(train_neg[i]);
        ex[2 * i + 1].label = 0;
    }
    cdk_model_options_init(&opt);
    opt.hash_bits = 12; /* small: many features share a weight */
    opt.word_ngrams = ngrams;
    opt.epochs = 5;
    opt.tune_folds = 0;
    opt.min_count = 1;
    opt.char_min = char_min;
    opt.char_max = char_min ? 4 : 0;
    opt.vectors = wv;
    opt.vec_dense = dense;
    opt.vec_clusters = clusters;
    m = cdk_model_train(ex, 2 * NTRAIN, &opt, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    return m;
}

START_TEST(trained_models_of_every_shape)
{
    struct cdk_wordvec *wv = train_vectors();
    int ngrams, shape;

    for (ngrams = 1; ngrams <= 3; ngrams++) {
        for (shape = 0; shape < 4; shape++) {
            struct cdk_model *m =
                train(shape ? wv : NULL, ngrams, shape & 1, shape >> 1, 0);
            char what[64];
            size_t i;

            snprintf(what, sizeof(what), "%d-grams, dense %d, clusters %d",
                     ngrams, shape & 1, shape >> 1);
            if (shape == 0) /* no vectors at all */
                ck_assert_ptr_null(cdk_model_vectors(m));
            check_model(m, what);
            for (i = 0; i < NTRAIN; i++) {
                check_s(m, what, train_pos[i]);
                check_s(m, what, train_neg[i]);
            }
            cdk_model_free(m);
        }
    }
    {
        /* character n-grams: the reference scores */
        struct cdk_model *m = train(wv, 2, 1, 1, 2);
        ck_assert(!cdk_model_fast(m));
        ck_assert(same(
            cdk_model_score(m, train_pos[0], strlen(train_pos[0])),
            cdk_model_score_reference(m, train_pos[0], strlen(train_pos[0]))));
        cdk_model_free(m);
    }
    cdk_wordvec_free(wv);
}
END_TEST

/*
 * Models taking turns on the same words: each word's cached features
 * are its model's (a cache that kept them across models would score
 * one model's words with the other's weights).
 */
START_TEST(models_taking_turns)
{
    struct cdk_wordvec *wv = train_vectors();
    struct cdk_model *a = train(wv, 2, 1, 1, 0);
    struct cdk_model *b = train(NULL, 3, 0, 0, 0);
    const struct cdk_model *def = cdk_model_default(NULL);
    const struct cdk_model *ms[3];
    size_t i, k;

    ms[0] = a;
    ms[1] = b;
    ms[2] = def;
    for (i = 0; i < NTRAIN; i++) {
        for (k = 0; k < 3; k++) {
            check_s(ms[k], "turns", train_pos[i]);
            check_s(ms[k], "turns", train_neg[i]);
        }
    }
    /* a model freed and another made (perhaps at the same address) */
    cdk_model_free(a);
    a = train(wv, 1, 0, 1, 0);
    for (i = 0; i < NTRAIN; i++) {
        check_s(a, "turns, new model", train_pos[i]);
        check_s(b, "turns", train_pos[i]);
    }
    cdk_model_free(a);
    cdk_model_free(b);
    cdk_wordvec_free(wv);
}
END_TEST

/* Threads scoring at once, each with its own cache. */
struct thread_job {
    const struct cdk_model *m;
    const struct cdk_labeled *cb;
    size_t first, step, bad;
};

static void *
score_some(void *arg)
{
    struct thread_job *j = arg;
    size_t i;

    for (i = j->first; i < j->cb->n; i += j->step) {
        double fast = cdk_model_score(j->m, j->cb->v[i].text, j->cb->v[i].len);
        double ref =
            cdk_model_score_reference(j->m, j->cb->v[i].text, j->cb->v[i].len);
        if (!same(fast, ref))
            j->bad++;
    }
    return NULL;
}

START_TEST(threads_scoring_at_once)
{
    struct cdk_labeled *cb = claimbuster();
    struct thread_job job[4];
    pthread_t t[4];
    size_t k;

    ck_assert_ptr_nonnull(cb);
    for (k = 0; k < 4; k++) {
        job[k].m = cdk_model_default(NULL);
        job[k].cb = cb;
        job[k].first = k;
        job[k].step = 4;
        job[k].bad = 0;
        ck_assert_int_eq(pthread_create(&t[k], NULL, score_some, &job[k]), 0);
    }
    for (k = 0; k < 4; k++) {
        ck_assert_int_eq(pthread_join(t[k], NULL), 0);
        ck_assert_msg(job[k].bad == 0, "thread %zu: %zu scores differ", k,
                      job[k].bad);
    }
}
END_TEST

/* Whether ../shared/data/rel is there; says so when it is not. */
static int
have(const char *rel)
{
    char *p = cdk_test_shared_path(rel);

    if (!p) {
        printf("skipped the tests on ../shared/%s: absent\n", rel);
        return 0;
    }
    free(p);
    return 1;
}

int
main(void)
{
    Suite *s = suite_create("model_fast");
    TCase *tc = tcase_create("model_fast");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, bundled_model_edge_cases);
    tcase_add_test(tc, bundled_image_is_the_parsed_file);
    if (have("data/checkworthiness/claimbuster-train.json"))
        tcase_add_test(tc, bundled_model_claimbuster);
    if (have("data/news-bbc/bbc") || have("data/news-noisy/articles"))
        tcase_add_test(tc, bundled_model_news);
    tcase_add_test(tc, trained_models_of_every_shape);
    tcase_add_test(tc, tiny_word_caches);
    tcase_add_test(tc, models_taking_turns);
    if (have("data/checkworthiness/claimbuster-train.json"))
        tcase_add_test(tc, threads_scoring_at_once);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
