/*
 * importers/extract/model: the check-worthiness model learns a synthetic
 * task, saves and loads without changing a score, refuses corrupt and
 * truncated files, trains deterministically, and the bundled model ranks
 * the seed article's factual sentences above its opinions.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/embedded.h"
#include "core/mem.h"
#include "importers/extract/model.h"
#include "importers/extract/wordvec.h"
#include "importers/labeled.h"
#include "support/testutil.h"

/* A separable synthetic task: numbers and past events vs opinions. */
static const char *const synth_pos[] = {
    "The budget rose by 12 percent in 2019.",
    "Unemployment fell to 4.1 percent last year.",
    "The senator voted against the bill in 2004.",
    "Congress passed the law in 1996 with 300 votes.",
    "The company paid $2 million in taxes.",
    "Exports doubled between 2010 and 2015.",
    "The treaty was signed in 1987 by both countries.",
    "Crime dropped 20 percent in the city since 2012.",
    "The governor cut school funding by $40 million.",
    "Three million people lost their insurance in 2009.",
    "The deficit reached $1.4 trillion in 2009.",
    "The army was established in 1947.",
};
static const char *const synth_neg[] = {
    "I think we can do better than this.",
    "Thank you very much for having me tonight.",
    "We believe in a great and wonderful future.",
    "What would you do about it?",
    "I hope the people will see the truth.",
    "That is a terrible idea and I feel strongly about it.",
    "Let me be clear about what I want.",
    "We need to come together as a country.",
    "Well, I love this country so much.",
    "You know, I really do not agree with him.",
    "Why should anyone believe that?",
    "It is a good question and I am glad you asked.",
};

#define NSYNTH (sizeof(synth_pos) / sizeof(synth_pos[0]))

static struct cdk_model_example synth[2 * NSYNTH];

static void
synth_init(void)
{
    size_t i;

    for (i = 0; i < NSYNTH; i++) {
        synth[2 * i].text = synth_pos[i];
        synth[2 * i].len = strlen(synth_pos[i]);
        synth[2 * i].label = 1;
        synth[2 * i + 1].text = synth_neg[i];
        synth[2 * i + 1].len = strlen(synth_neg[i]);
        synth[2 * i + 1].label = 0;
    }
}

static struct cdk_model *
synth_model_with(const struct cdk_wordvec *wv)
{
    struct cdk_model_options opt;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *m;

    synth_init();
    cdk_model_options_init(&opt);
    opt.hash_bits = 14;
    opt.epochs = 20;
    opt.tune_folds = 2;
    opt.vectors = wv;
    m = cdk_model_train(synth, 2 * NSYNTH, &opt, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    return m;
}

static struct cdk_model *
synth_model(void)
{
    return synth_model_with(NULL);
}

/*
 * A corpus where two groups of words share their contexts: fruit is
 * eaten and sweet, vehicles are driven and fast.
 */
#define NCORPUS 600
static char corpus_store[NCORPUS][64];
static const char *corpus[NCORPUS];
static size_t corpus_len[NCORPUS];
static const char *const fruit[] = {"apple", "pear", "plum", "fig", "lime"};
static const char *const vehicle[] = {"car", "truck", "bus", "van", "bike"};

static void
corpus_init(void)
{
    uint64_t rng = 42;
    size_t i;

    for (i = 0; i < NCORPUS; i++) {
        const char *w;
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        w = (i % 2 ? vehicle : fruit)[(rng >> 33) % 5];
        snprintf(corpus_store[i], sizeof(corpus_store[i]),
                 (i % 4 < 2) ? (i % 2 ? "i drove the %s home" : "i ate the %s "
                                                               "today")
                             : (i % 2 ? "the %s was very fast"
                                      : "the %s was very sweet"),
                 w);
        corpus[i] = corpus_store[i];
        corpus_len[i] = strlen(corpus_store[i]);
    }
}

static void
first_key(void *arg, uint64_t key)
{
    uint64_t *k = arg;

    if (!*k)
        *k = key;
}

/* The vector of a word (a copy in one of eight rotating buffers, so a
   test may hold a few at once), NULL when it has none. */
static const float *
vec_of(const struct cdk_wordvec *wv, const char *word)
{
    static float buf[8][128];
    static int next;
    uint64_t key = 0;
    float *out = buf[next];

    next = (next + 1) % 8;
    cdk_model_tokens(word, strlen(word), first_key, &key);
    return cdk_wordvec_get(wv, key, out, NULL) ? out : NULL;
}

static struct cdk_wordvec *
corpus_vectors(void)
{
    struct cdk_wordvec_options o;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_wordvec *wv;

    corpus_init();
    cdk_wordvec_options_init(&o);
    o.dim = 16;
    o.window = 2;
    o.epochs = 15;
    o.min_count = 1;
    o.clusters = 4;
    o.sample = 0;
    wv = cdk_wordvec_train(corpus, corpus_len, NCORPUS, &o, &err);
    ck_assert_msg(wv != NULL, "%s", err.message);
    return wv;
}

static double
score_s(const struct cdk_model *m, const char *s)
{
    return cdk_model_score(m, s, strlen(s));
}

START_TEST(learns_synthetic_task)
{
    struct cdk_model *m = synth_model();
    struct cdk_model_metrics mt;

    cdk_model_evaluate(m, synth, 2 * NSYNTH, &mt);
    ck_assert_msg(mt.f1 >= 0.95, "training F1 %.3f", mt.f1);
    /* unseen sentences of each kind */
    ck_assert_double_gt(score_s(m, "Taxes rose by 8 percent in 2001."),
                        score_s(m, "I think we need a wonderful future."));
    ck_assert_double_ge(score_s(m, ""), 0.0);
    ck_assert_double_le(score_s(m, ""), 1.0);
    cdk_model_free(m);
}
END_TEST

START_TEST(save_load_round_trip)
{
    struct cdk_model *m = synth_model(), *back;
    struct cdk_error err = CDK_ERROR_INIT;
    char path[] = "/tmp/cdk-model-XXXXXX";
    int fd = mkstemp(path);
    size_t i;

    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(cdk_model_save(m, path, &err), 0);
    back = cdk_model_load(path, &err);
    ck_assert_msg(back != NULL, "%s", err.message);
    for (i = 0; i < 2 * NSYNTH; i++)
        ck_assert(cdk_model_score(m, synth[i].text, synth[i].len) ==
                  cdk_model_score(back, synth[i].text, synth[i].len));
    ck_assert(cdk_model_threshold(m) == cdk_model_threshold(back));
    ck_assert_uint_eq(cdk_model_nonzero(m), cdk_model_nonzero(back));
    unlink(path);
    cdk_model_free(m);
    cdk_model_free(back);
}
END_TEST

START_TEST(training_is_deterministic)
{
    struct cdk_model *a = synth_model(), *b = synth_model();
    struct cdk_buf fa = CDK_BUF_INIT, fb = CDK_BUF_INIT;

    cdk_model_write(a, &fa);
    cdk_model_write(b, &fb);
    ck_assert_uint_eq(fa.len, fb.len);
    ck_assert(memcmp(fa.buf, fb.buf, fa.len) == 0);
    cdk_buf_release(&fa);
    cdk_buf_release(&fb);
    cdk_model_free(a);
    cdk_model_free(b);
}
END_TEST

static void
expect_corrupt(const char *data, size_t len)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *m = cdk_model_parse(data, len, "test", &err);

    ck_assert_msg(m == NULL, "accepted a corrupt model of %zu bytes", len);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
}

static void
check_corrupt_models(struct cdk_model *m)
{
    struct cdk_model *ok;
    struct cdk_buf f = CDK_BUF_INIT, c = CDK_BUF_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    size_t len, i;
    char *nl;

    cdk_model_write(m, &f);
    ok = cdk_model_parse(f.buf, f.len, "test", &err);
    ck_assert_msg(ok != NULL, "%s", err.message);
    cdk_model_free(ok);

    /* every truncation, on a sample of lengths including line ends */
    for (len = 0; len < f.len; len += 1 + len / 64)
        expect_corrupt(f.buf, len);
    expect_corrupt(f.buf, f.len - 1);
    /* every single flipped byte in the header and a spread of the rest */
    for (i = 0; i < f.len; i += (i < 200 ? 1 : 97)) {
        cdk_buf_reset(&c);
        cdk_buf_add(&c, f.buf, f.len);
        c.buf[i] ^= 0x01;
        expect_corrupt(c.buf, c.len);
    }
    /* trailing junk, NUL bytes, another format, a newer version */
    cdk_buf_reset(&c);
    cdk_buf_add(&c, f.buf, f.len);
    cdk_buf_adds(&c, "extra\n");
    expect_corrupt(c.buf, c.len);
    cdk_buf_reset(&c);
    cdk_buf_add(&c, f.buf, f.len);
    c.buf[40] = '\0';
    expect_corrupt(c.buf, c.len);
    expect_corrupt("", 0);
    expect_corrupt(NULL, 0);
    expect_corrupt("PK\x03\x04garbage", 11);
    cdk_buf_reset(&c);
    cdk_buf_add(&c, f.buf, f.len);
    nl = strchr(c.buf, '\n');
    ck_assert_ptr_nonnull(nl);
    nl[-1] = '9'; /* version 9 */
    expect_corrupt(c.buf, c.len);

    /* random edits: overwrite, insert or delete 1-4 bytes anywhere */
    {
        uint64_t rng = 0x1234567;
        int round, k;

        for (round = 0; round < 400; round++) {
            cdk_buf_reset(&c);
            cdk_buf_add(&c, f.buf, f.len);
            for (k = 0; k < 1 + round % 4; k++) {
                size_t at;
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                at = (size_t)(rng % c.len);
                if (rng % 3 == 0) {
                    char was = c.buf[at];
                    c.buf[at] = (char)(rng >> 24);
                    if (c.buf[at] == was)
                        c.buf[at] ^= 0x20;
                } else if (rng % 3 == 1) {
                    memmove(c.buf + at, c.buf + at + 1, c.len - at - 1);
                    cdk_buf_setlen(&c, c.len - 1);
                } else {
                    cdk_buf_addch(&c, 0);
                    memmove(c.buf + at + 1, c.buf + at, c.len - at - 1);
                    c.buf[at] = (char)(rng >> 32);
                }
            }
            if (c.len == f.len && memcmp(c.buf, f.buf, f.len) == 0)
                continue; /* the edits undid each other */
            expect_corrupt(c.buf, c.len);
        }
    }

    cdk_buf_release(&f);
    cdk_buf_release(&c);
    cdk_model_free(m);
}

START_TEST(corrupt_models_fail_cleanly)
{
    struct cdk_wordvec *wv = corpus_vectors();

    check_corrupt_models(synth_model());
    check_corrupt_models(synth_model_with(wv));
    cdk_wordvec_free(wv);
}
END_TEST

static double
cosine(const float *a, const float *b, int dim)
{
    double ab = 0, aa = 0, bb = 0;
    int d;

    for (d = 0; d < dim; d++) {
        ab += (double)a[d] * b[d];
        aa += (double)a[d] * a[d];
        bb += (double)b[d] * b[d];
    }
    return ab / sqrt(aa * bb);
}

START_TEST(word_vectors_learn_similarity)
{
    struct cdk_wordvec *wv = corpus_vectors();
    double within = 0, across = 0;
    int dim = cdk_wordvec_dim(wv), nw = 0, na = 0;
    size_t i, j;

    ck_assert_int_eq(dim, 16);
    ck_assert_int_eq(cdk_wordvec_clusters(wv), 4);
    ck_assert_ptr_null(vec_of(wv, "never"));
    for (i = 0; i < 5; i++)
        for (j = 0; j < 5; j++) {
            const float *f1 = vec_of(wv, fruit[i]), *f2 = vec_of(wv, fruit[j]);
            const float *v1 = vec_of(wv, vehicle[i]),
                        *v2 = vec_of(wv, vehicle[j]);
            ck_assert(f1 && f2 && v1 && v2);
            if (i != j) {
                within += cosine(f1, f2, dim) + cosine(v1, v2, dim);
                nw += 2;
            }
            across += cosine(f1, v2, dim);
            na++;
        }
    within /= nw;
    across /= na;
    printf("word vectors: within-group cosine %.3f, across %.3f\n", within,
           across);
    ck_assert_msg(within > across + 0.2, "within %.3f across %.3f", within,
                  across);
    cdk_wordvec_free(wv);
}
END_TEST

START_TEST(word_vectors_deterministic_and_round_trip)
{
    struct cdk_wordvec *a = corpus_vectors(), *b = corpus_vectors(), *c;
    struct cdk_buf fa = CDK_BUF_INIT, fb = CDK_BUF_INIT, fc = CDK_BUF_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_wordvec_options o;
    char path[] = "/tmp/cdk-vectors-XXXXXX";
    int fd = mkstemp(path);
    size_t pos = 0;
    long line = 0;
    FILE *f;

    cdk_wordvec_write(a, &fa);
    cdk_wordvec_write(b, &fb);
    ck_assert_uint_eq(fa.len, fb.len);
    ck_assert(memcmp(fa.buf, fb.buf, fa.len) == 0);
    c = cdk_wordvec_parse(fa.buf, fa.len, &pos, &line, "test", &err);
    ck_assert_msg(c != NULL, "%s", err.message);
    ck_assert_uint_eq(pos, fa.len);
    cdk_wordvec_write(c, &fc);
    ck_assert(fc.len == fa.len && memcmp(fc.buf, fa.buf, fa.len) == 0);
    cdk_wordvec_free(c);

    /* a file of its own: saved, loaded, and refused when damaged */
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(cdk_wordvec_save(a, path, &err), 0);
    c = cdk_wordvec_load(path, &err);
    ck_assert_msg(c != NULL, "%s", err.message);
    ck_assert_uint_eq(cdk_wordvec_size(c), cdk_wordvec_size(a));
    cdk_wordvec_free(c);
    f = fopen(path, "r+");
    ck_assert_ptr_nonnull(f);
    fseek(f, 60, SEEK_SET);
    fputc('z', f);
    fclose(f);
    ck_assert_ptr_null(cdk_wordvec_load(path, &err));
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    unlink(path);
    ck_assert_ptr_null(cdk_wordvec_load(path, &err));
    ck_assert_int_eq(err.code, CDK_ERR_NOT_FOUND);

    /* bad options and too little text */
    cdk_wordvec_options_init(&o);
    o.dim = 2;
    ck_assert_ptr_null(
        cdk_wordvec_train(corpus, corpus_len, NCORPUS, &o, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    cdk_wordvec_options_init(&o);
    ck_assert_ptr_null(cdk_wordvec_train(corpus, corpus_len, 3, &o, &err));
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    cdk_buf_release(&fa);
    cdk_buf_release(&fb);
    cdk_buf_release(&fc);
    cdk_wordvec_free(a);
    cdk_wordvec_free(b);
}
END_TEST

/* Import the vectors file text[] into *out (NULL when it fails); the
   error's code, 0 when it did not fail. */
static int
import_text(const char *text, size_t max_words, int clusters,
            struct cdk_wordvec **out, char *message, size_t msize)
{
    char *path = cdk_test_temp_file(".txt", text, strlen(text));
    struct cdk_wordvec_options o;
    struct cdk_error err = CDK_ERROR_INIT;

    cdk_wordvec_options_init(&o);
    o.clusters = clusters;
    *out = cdk_wordvec_import(path, max_words, &o, &err);
    unlink(path);
    free(path);
    if (message)
        snprintf(message, msize, "%s:%ld: %s", err.file, err.line,
                 err.message);
    return *out ? 0 : err.code;
}

START_TEST(import_pretrained_vectors)
{
    static const char good[] =
        "9 4\n" /* a word2vec header: skipped */
        "the 0.1 0.2 0.3 0.4\n"
        "Tax 1 0 0 0\n"            /* keyed lowercased, as the model */
        "taxes 0.9 0.1 0 0\n"
        "1990 0 0 1 0\n"           /* <year> */
        "2004 0 0 0 1\n"           /* <year> again: the first line won */
        "new-york 0 1 0 0\n"       /* two model tokens: skipped */
        "dog 0 -2 0 0.5\n"
        "cat\t0 -1.5 0.1 0.5\n"    /* tabs are white space too */
        "plum 3 3 3 3\n";
    struct cdk_wordvec *wv;
    const float *t, *y, *d;
    char msg[2048];
    double norm = 0;
    int i;

    ck_assert_int_eq(import_text(good, 0, 2, &wv, msg, sizeof(msg)), 0);
    ck_assert_int_eq(cdk_wordvec_dim(wv), 4);
    ck_assert_int_eq(cdk_wordvec_clusters(wv), 2);
    ck_assert_uint_eq(cdk_wordvec_size(wv), 7);
    t = vec_of(wv, "TAX");
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_nonnull(vec_of(wv, "taxes"));
    y = vec_of(wv, "1776");
    ck_assert_ptr_nonnull(y);
    ck_assert(y[2] > 0.9f && fabsf(y[3]) < 0.01f);
    ck_assert_ptr_null(vec_of(wv, "york"));
    d = vec_of(wv, "dog");
    ck_assert_ptr_nonnull(d);
    for (i = 0; i < 4; i++)
        norm += (double)d[i] * d[i];
    ck_assert(fabs(norm - 1.0) < 0.02); /* stored at unit length */
    ck_assert(t[0] > 0.99f);
    cdk_wordvec_free(wv);

    /* --max-words counts the words kept, not the lines read */
    ck_assert_int_eq(import_text(good, 4, 2, &wv, NULL, 0), 0);
    ck_assert_uint_eq(cdk_wordvec_size(wv), 4);
    ck_assert_ptr_nonnull(vec_of(wv, "1990"));
    ck_assert_ptr_null(vec_of(wv, "dog"));
    cdk_wordvec_free(wv);

    /* malformed files name the line */
    ck_assert_int_eq(import_text("a 1 2 3 4\nb 1 2 3\n", 0, 2, &wv, msg,
                                 sizeof(msg)),
                     CDK_ERR_INPUT);
    ck_assert_msg(strstr(msg, ":2: ") != NULL, "%s", msg);
    ck_assert_int_eq(import_text("a 1 2 3 4\nb 1 2 3 4 5\n", 0, 2, &wv, msg,
                                 sizeof(msg)),
                     CDK_ERR_INPUT);
    ck_assert_msg(strstr(msg, ":2: ") != NULL, "%s", msg);
    ck_assert_int_eq(import_text("a 1 2 x 4\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    ck_assert_int_eq(import_text("a 1 2 nan 4\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    ck_assert_int_eq(import_text("a 1 2 1e999 4\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    /* an underflowing component is (nearly) zero, not an error */
    ck_assert_int_eq(
        import_text("a 1 2 1e-60 4\nb 0 1 0 0\n", 0, 2, &wv, msg, sizeof(msg)),
        0);
    ck_assert_uint_eq(cdk_wordvec_size(wv), 2);
    cdk_wordvec_free(wv);
    ck_assert_int_eq(import_text("lonely\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    ck_assert_int_eq(import_text("a 1 2\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    {
        /* 129 components: more than the model takes */
        struct cdk_buf b = CDK_BUF_INIT;
        cdk_buf_adds(&b, "wide");
        for (i = 0; i < 129; i++)
            cdk_buf_adds(&b, " 0.5");
        cdk_buf_adds(&b, "\nnext 1 2 3\n");
        ck_assert_int_eq(import_text(b.buf, 0, 2, &wv, msg, sizeof(msg)),
                         CDK_ERR_INPUT);
        ck_assert_msg(strstr(msg, ":1: ") != NULL, "%s", msg);
        cdk_buf_release(&b);
    }
    /* fewer words than clusters, an empty file, a missing file */
    ck_assert_int_eq(import_text("a 1 2 3 4\n", 0, 2, &wv, NULL, 0),
                     CDK_ERR_INPUT);
    ck_assert_int_eq(import_text("", 0, 2, &wv, NULL, 0), CDK_ERR_INPUT);
    {
        struct cdk_wordvec_options o;
        struct cdk_error err = CDK_ERROR_INIT;
        cdk_wordvec_options_init(&o);
        ck_assert_ptr_null(
            cdk_wordvec_import("/nonexistent/glove.txt", 0, &o, &err));
        ck_assert_int_eq(err.code, CDK_ERR_NOT_FOUND);
        o.clusters = 1;
        ck_assert_ptr_null(
            cdk_wordvec_import("/nonexistent/glove.txt", 0, &o, &err));
        ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    }
}
END_TEST

/* The bundled model loads without its checksum test (a third of the
   load time); here every embedded model must pass the full check. */
START_TEST(embedded_models_verify)
{
    size_t i;

    ck_assert_uint_ge(cdk_embedded_models_count, 1);
    for (i = 0; i < cdk_embedded_models_count; i++) {
        const struct cdk_embedded *e = &cdk_embedded_models[i];
        struct cdk_error err = CDK_ERROR_INIT;
        struct cdk_model *m = cdk_model_parse(e->data, e->len, e->name, &err);
        char *copy;

        ck_assert_msg(m != NULL, "%s: %s", e->name, err.message);
        cdk_model_free(m);
        /* one flipped weight digit: the checksum catches it */
        copy = cdk_xmalloc(e->len);
        memcpy(copy, e->data, e->len);
        {
            char *w = strstr(copy, "\nweights ");
            ck_assert_ptr_nonnull(w);
            w = strchr(w + 1, '\n') + 1; /* the first weight line */
            w = strchr(w, ' ') + 1;
            while (!(*w >= '1' && *w <= '8'))
                w++;
            (*w)++;
        }
        expect_corrupt(copy, e->len);
        free(copy);
    }
    ck_assert_ptr_nonnull(cdk_model_default(NULL));
}
END_TEST

START_TEST(model_with_vectors_round_trip)
{
    struct cdk_wordvec *wv = corpus_vectors();
    struct cdk_model *m = synth_model_with(wv), *m2 = synth_model_with(wv),
                     *back;
    struct cdk_buf f = CDK_BUF_INIT, f2 = CDK_BUF_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    const char *novel = "I ate the plum and drove the van in 2004.";
    size_t i;

    cdk_model_write(m, &f);
    cdk_model_write(m2, &f2);
    ck_assert(f.len == f2.len && memcmp(f.buf, f2.buf, f.len) == 0);
    ck_assert_ptr_nonnull(strstr(f.buf, "\ndense 16\nclusters 1\n"));
    back = cdk_model_parse(f.buf, f.len, "test", &err);
    ck_assert_msg(back != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(cdk_model_vectors(back));
    {
        struct cdk_model *plain = synth_model();
        ck_assert_ptr_null(cdk_model_vectors(plain));
        cdk_model_free(plain);
    }
    for (i = 0; i < 2 * NSYNTH; i++)
        ck_assert(cdk_model_score(m, synth[i].text, synth[i].len) ==
                  cdk_model_score(back, synth[i].text, synth[i].len));
    ck_assert(score_s(m, novel) == score_s(back, novel));
    cdk_buf_release(&f);
    cdk_buf_release(&f2);
    cdk_model_free(m);
    cdk_model_free(m2);
    cdk_model_free(back);
    cdk_wordvec_free(wv);
}
END_TEST

START_TEST(missing_file_fails)
{
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_ptr_null(cdk_model_load("/nonexistent/x.model", &err));
    ck_assert_int_eq(err.code, CDK_ERR_NOT_FOUND);
}
END_TEST

START_TEST(training_refuses_one_class)
{
    struct cdk_model_options opt;
    struct cdk_error err = CDK_ERROR_INIT;

    synth_init();
    cdk_model_options_init(&opt);
    opt.tune_folds = 0;
    /* positives only: every even example */
    {
        struct cdk_model_example one[3] = {synth[0], synth[2], synth[4]};
        ck_assert_ptr_null(cdk_model_train(one, 3, &opt, &err));
        ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    }
    opt.hash_bits = 40;
    ck_assert_ptr_null(cdk_model_train(synth, 2 * NSYNTH, &opt, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
}
END_TEST

/* Long, odd and invalid input never breaks the scorer. */
START_TEST(scores_any_bytes)
{
    const struct cdk_model *m = cdk_model_default(NULL);
    size_t n = 3u << 20, i;
    char *big;
    double s;

    ck_assert_ptr_nonnull(m);
    big = cdk_xmalloc(n);
    for (i = 0; i < n; i++)
        big[i] = (char)(i * 7919u % 251u);
    s = cdk_model_score(m, big, n);
    ck_assert(s >= 0.0 && s <= 1.0);
    memset(big, 'a', n); /* one enormous word */
    s = cdk_model_score(m, big, n);
    ck_assert(s >= 0.0 && s <= 1.0);
    {
        static const char odd[] = "\xff\xfe\xc0\xaf\xed\xa0\x80 1,,,.5 $$ %% 1.";
        s = cdk_model_score(m, odd, sizeof(odd) - 1);
    }
    ck_assert(s >= 0.0 && s <= 1.0);
    s = cdk_model_score(m, NULL, 0);
    ck_assert(s >= 0.0 && s <= 1.0);
    free(big);
}
END_TEST

/*
 * The seed article: its factual sentences must outrank the opinions
 * (nrc-council-article.expected.json, low_checkworthiness). The texts
 * are what the extractor may score: whole sentences as they stand in the
 * article, and the attributed content without its attribution frame.
 */
static const char *const seed_factual[] = {
    "The NRC\xe2\x80\x94" "a forum for equal-footed dialogue between NATO "
    "and Moscow\xe2\x80\x94was originally established in 2002 to facilitate "
    "security cooperation.",
    "The NRC was originally established in 2002 to facilitate security "
    "cooperation.",
    "Last month, White House special envoy Steve Witkoff visited Moscow in a "
    "quiet diplomatic overture to reopen communication channels.",
    "It effectively went dark after NATO severed ties with Russia in 2022 "
    "following the escalation in Ukraine.",
};
static const char *const seed_opinion[] = {
    "\xe2\x80\x9cThe federal government is finally waking up to the fact "
    "that diplomacy beats provocation,\xe2\x80\x9d one senior Republican "
    "foreign policy aide told the press.",
    "The federal government is finally waking up to the fact that diplomacy "
    "beats provocation",
    "Such a turn of events would signal a possible recalibration of US "
    "foreign policy priorities, according to reports from Bloomberg and "
    "Axios.",
    "Such a turn of events would signal a possible recalibration of US "
    "foreign policy priorities",
};

START_TEST(default_model_ranks_seed_article)
{
    struct cdk_error err = CDK_ERROR_INIT;
    const struct cdk_model *m = cdk_model_default(&err);
    size_t i, j;

    ck_assert_msg(m != NULL, "%s", err.message);
    ck_assert_ptr_eq(m, cdk_model_default(NULL)); /* parsed once */
    for (i = 0; i < sizeof(seed_factual) / sizeof(seed_factual[0]); i++) {
        double f = score_s(m, seed_factual[i]);
        for (j = 0; j < sizeof(seed_opinion) / sizeof(seed_opinion[0]);
             j++) {
            double o = score_s(m, seed_opinion[j]);
            ck_assert_msg(f > o, "factual %.4f <= opinion %.4f:\n  %s\n  %s",
                          f, o, seed_factual[i], seed_opinion[j]);
        }
    }
    for (i = 0; i < sizeof(seed_factual) / sizeof(seed_factual[0]); i++)
        printf("seed factual %.4f  %s\n", score_s(m, seed_factual[i]),
               seed_factual[i]);
    for (j = 0; j < sizeof(seed_opinion) / sizeof(seed_opinion[0]); j++)
        printf("seed opinion %.4f  %s\n", score_s(m, seed_opinion[j]),
               seed_opinion[j]);
}
END_TEST

START_TEST(labeled_reader_errors)
{
    struct cdk_labeled set = CDK_LABELED_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    char path[] = "/tmp/cdk-labeled-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;

    ck_assert_int_ge(fd, 0);
    close(fd);

    f = fopen(path, "w");
    fputs("id,text,label\n1,\"A, quoted\nsentence\",1\n2,plain,0\n", f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), 0);
    ck_assert_uint_eq(set.n, 2);
    ck_assert_str_eq(set.v[0].text, "A, quoted\nsentence");
    ck_assert_uint_eq(set.positives, 1);

    f = fopen(path, "w");
    fputs("id,text,label\n1,fine,1\n2,bad label,7\n", f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_int_eq(err.line, 3);
    ck_assert_uint_eq(set.n, 2); /* unchanged */

    f = fopen(path, "w");
    fputs("[{\"text\": \"ok\", \"label\": 1},\n {\"text\": \"x\" \"label\": 0}]",
          f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_int_eq(err.line, 2);

    f = fopen(path, "w");
    fputs("[{\"text\": \"ok\", \"label\": 1}, {\"text\": 3, \"label\": 0}]", f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    f = fopen(path, "w");
    fputs("a,b\n1,2\n", f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    f = fopen(path, "w");
    fputs("text,label\n\"unterminated,1\n", f);
    fclose(f);
    ck_assert_int_eq(cdk_labeled_read(path, &set, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);

    ck_assert_uint_eq(set.n, 2);
    unlink(path);
    cdk_labeled_release(&set);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, learns_synthetic_task);
    tcase_add_test(tc, save_load_round_trip);
    tcase_add_test(tc, training_is_deterministic);
    tcase_add_test(tc, corrupt_models_fail_cleanly);
    tcase_add_test(tc, word_vectors_learn_similarity);
    tcase_add_test(tc, word_vectors_deterministic_and_round_trip);
    tcase_add_test(tc, import_pretrained_vectors);
    tcase_add_test(tc, model_with_vectors_round_trip);
    tcase_add_test(tc, embedded_models_verify);
    tcase_add_test(tc, missing_file_fails);
    tcase_add_test(tc, training_refuses_one_class);
    tcase_add_test(tc, scores_any_bytes);
    tcase_add_test(tc, default_model_ranks_seed_article);
    tcase_add_test(tc, labeled_reader_errors);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
