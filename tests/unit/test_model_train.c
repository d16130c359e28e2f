/*
 * importers/extract/model training options that leave scoring as it is:
 * weight averaging over the last epochs (--average), the mean of several
 * runs (--runs) and naive-Bayes feature scaling (--nb). Each is
 * deterministic, changes the weights when on and nothing when off; an
 * averaged model and a mean of runs score with the mean of the margins of
 * the models they average; the naive-Bayes ratio of a word equals the
 * hand-computed value.
 */
#include <check.h>
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "importers/extract/model.h"
#include "support/testutil.h"

static const char *const pos_text[] = {
    "The budget rose by 12 percent in 2019.",
    "Unemployment fell to 4.1 percent last year.",
    "The senator voted against the tax bill in 2004.",
    "Congress passed the tax law in 1996 with 300 votes.",
    "The company paid $2 million in taxes.",
    "Exports doubled between 2010 and 2015.",
    "The treaty was signed in 1987 by both countries.",
    "Crime dropped 20 percent in the city since 2012.",
};
static const char *const neg_text[] = {
    "I think we can do better than this.",
    "Thank you very much for having me tonight.",
    "We believe in a great and wonderful future.",
    "What would you do about the tax?",
    "I hope the people will see the truth.",
    "That is a terrible idea and I feel strongly about it.",
    "Let me be clear about what I want.",
    "We need to come together as a country.",
};

#define NHALF (sizeof(pos_text) / sizeof(pos_text[0]))
#define NEX (2 * NHALF)

static struct cdk_model_example ex[NEX];

static void
examples_init(void)
{
    size_t i;

    for (i = 0; i < NHALF; i++) {
        ex[2 * i].text = pos_text[i];
        ex[2 * i].len = strlen(pos_text[i]);
        ex[2 * i].label = 1;
        ex[2 * i + 1].text = neg_text[i];
        ex[2 * i + 1].len = strlen(neg_text[i]);
        ex[2 * i + 1].label = 0;
    }
}

/* Small, fast settings that keep every weight: nothing pruned, no
 * threshold folds (so the bias is the trained one). */
static void
options_small(struct cdk_model_options *opt)
{
    cdk_model_options_init(opt);
    opt->hash_bits = 14;
    opt->epochs = 6;
    opt->tune_folds = 0;
    opt->min_count = 0;
    opt->prune = 0;
}

static struct cdk_model *
train(const struct cdk_model_options *opt)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *m;

    examples_init();
    m = cdk_model_train(ex, NEX, opt, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    return m;
}

/* The model file of m, into *out (released by the caller). */
static void
bytes_of(const struct cdk_model *m, struct cdk_buf *out)
{
    cdk_buf_init(out, 0);
    cdk_model_write(m, out);
}

static int
same_bytes(const struct cdk_model *a, const struct cdk_model *b)
{
    struct cdk_buf fa, fb;
    int same;

    bytes_of(a, &fa);
    bytes_of(b, &fb);
    same = fa.len == fb.len && memcmp(fa.buf, fb.buf, fa.len) == 0;
    cdk_buf_release(&fa);
    cdk_buf_release(&fb);
    return same;
}

static double
margin(const struct cdk_model *m, const char *s)
{
    double p = cdk_model_score(m, s, strlen(s));

    return log(p / (1 - p));
}

/* Every example still lands on its side. */
static void
assert_separates(const struct cdk_model *m)
{
    struct cdk_model_metrics mt;

    cdk_model_evaluate(m, ex, NEX, &mt);
    ck_assert_msg(mt.f1 >= 0.99, "training F1 %.3f", mt.f1);
}

START_TEST(off_options_change_nothing)
{
    struct cdk_model_options opt;
    struct cdk_model *a, *b;

    options_small(&opt);
    a = train(&opt);
    opt.average = 0;
    opt.runs = 1;
    opt.nb = 0;
    b = train(&opt);
    ck_assert(same_bytes(a, b));
    cdk_model_free(a);
    cdk_model_free(b);
}
END_TEST

static const char *const probe[] = {
    "The deficit fell by 3 percent in 2011.",
    "I really believe in this wonderful country.",
    "Tax",
    "",
};
#define NPROBE (sizeof(probe) / sizeof(probe[0]))

/* m's margin on each probe is the mean of the margins of the n models in
 * parts, up to the model file's 4 significant digits. */
static void
assert_mean_margins(const struct cdk_model *m, struct cdk_model *const *parts,
                    int n)
{
    size_t i;
    int k;

    for (i = 0; i < NPROBE; i++) {
        double want = 0, got = margin(m, probe[i]);

        for (k = 0; k < n; k++)
            want += margin(parts[k], probe[i]) / n;
        ck_assert_msg(fabs(got - want) < 2e-3,
                      "'%s': margin %.6f, the mean of the parts' %.6f",
                      probe[i], got, want);
    }
}

/* Averaging the last 3 of 6 epochs scores with the mean of the margins
 * of the models trained for 4, 5 and 6 epochs (the first epochs of a
 * longer training are those of a shorter one). */
START_TEST(averaging_is_the_mean_of_the_last_epochs)
{
    struct cdk_model_options opt;
    struct cdk_model *part[3], *avg, *again, *all, *more;
    int k;

    options_small(&opt);
    for (k = 0; k < 3; k++) {
        opt.epochs = 4 + k;
        part[k] = train(&opt);
    }
    opt.epochs = 6;
    opt.average = 3;
    avg = train(&opt);
    again = train(&opt);
    ck_assert(same_bytes(avg, again));
    ck_assert(!same_bytes(avg, part[2]));
    assert_separates(avg);
    assert_mean_margins(avg, part, 3);
    /* averaging over more epochs than there are is over all of them */
    opt.average = opt.epochs;
    all = train(&opt);
    opt.average = opt.epochs + 5;
    more = train(&opt);
    ck_assert(same_bytes(all, more));
    ck_assert(!same_bytes(all, avg));
    for (k = 0; k < 3; k++)
        cdk_model_free(part[k]);
    cdk_model_free(avg);
    cdk_model_free(again);
    cdk_model_free(all);
    cdk_model_free(more);
}
END_TEST

/* A model of three runs scores with the mean of the margins of the three
 * single runs (seeds s, s + 1, s + 2), up to the file's 4 digits. */
START_TEST(runs_average_single_runs)
{
    struct cdk_model_options opt;
    struct cdk_model *one[3], *mean, *again;
    int k;

    options_small(&opt);
    for (k = 0; k < 3; k++) {
        opt.seed = 77 + (uint64_t)k;
        one[k] = train(&opt);
    }
    ck_assert(!same_bytes(one[0], one[1]));
    opt.seed = 77;
    opt.runs = 3;
    mean = train(&opt);
    again = train(&opt);
    ck_assert(same_bytes(mean, again));
    assert_separates(mean);
    assert_mean_margins(mean, one, 3);
    for (k = 0; k < 3; k++)
        cdk_model_free(one[k]);
    cdk_model_free(mean);
    cdk_model_free(again);
}
END_TEST

START_TEST(nb_ratio_by_hand)
{
    struct cdk_model_options opt;
    struct cdk_model *plain, *nb, *again;

    options_small(&opt);
    examples_init();
    opt.nb = 1;
    /* "tax": in 2 of the 8 check-worthy sentences ("tax bill", "tax
     * law"; "taxes" is another word) and 1 of the 8 others */
    ck_assert_double_eq_tol(cdk_model_nb_ratio(ex, NEX, &opt, "tax"),
                            log(((2 + 1.0) / (8 + 2)) / ((1 + 1.0) / (8 + 2))),
                            1e-12);
    /* "percent": 3 and 0; the case of the word does not matter */
    ck_assert_double_eq_tol(cdk_model_nb_ratio(ex, NEX, &opt, "Percent"),
                            log((3 + 1.0) / (0 + 1.0)), 1e-12);
    /* "i": in 4 of the others only ("I think", "I hope", "I feel",
     * "what I want") */
    ck_assert_double_eq_tol(cdk_model_nb_ratio(ex, NEX, &opt, "I"),
                            log((0 + 1.0) / (4 + 1.0)), 1e-12);
    /* "the": in 6 and 2 sentences, twice in one of each: counted once */
    ck_assert_double_eq_tol(cdk_model_nb_ratio(ex, NEX, &opt, "the"),
                            log((6 + 1.0) / (2 + 1.0)), 1e-12);
    opt.nb = 0.5;
    ck_assert_double_eq_tol(cdk_model_nb_ratio(ex, NEX, &opt, "tax"),
                            log(((2 + 0.5) / 9) / ((1 + 0.5) / 9)), 1e-12);

    /* training with it is deterministic, changes the weights and still
     * learns the task */
    opt.nb = 1;
    nb = train(&opt);
    again = train(&opt);
    opt.nb = 0;
    plain = train(&opt);
    ck_assert(same_bytes(nb, again));
    ck_assert(!same_bytes(nb, plain));
    assert_separates(nb);
    cdk_model_free(plain);
    cdk_model_free(nb);
    cdk_model_free(again);
}
END_TEST

START_TEST(bad_options_refused)
{
    struct cdk_model_options opt;
    struct cdk_error err = CDK_ERROR_INIT;

    examples_init();
    options_small(&opt);
    opt.runs = 0;
    ck_assert_ptr_null(cdk_model_train(ex, NEX, &opt, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    options_small(&opt);
    opt.average = -1;
    ck_assert_ptr_null(cdk_model_train(ex, NEX, &opt, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
    options_small(&opt);
    opt.nb = -0.5;
    ck_assert_ptr_null(cdk_model_train(ex, NEX, &opt, &err));
    ck_assert_int_eq(err.code, CDK_ERR_USAGE);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("model_train");
    TCase *tc = tcase_create("model_train");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, off_options_change_nothing);
    tcase_add_test(tc, averaging_is_the_mean_of_the_last_epochs);
    tcase_add_test(tc, runs_average_single_runs);
    tcase_add_test(tc, nb_ratio_by_hand);
    tcase_add_test(tc, bad_options_refused);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
