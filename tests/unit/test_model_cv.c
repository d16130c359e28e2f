/*
 * The check-worthiness model's accuracy: 5-fold stratified
 * cross-validation of the default training settings, with the bundled
 * model's word vectors as `claimdesk model eval` uses them, on the
 * ClaimBuster training file (../shared/data/checkworthiness), printing
 * per-fold and mean figures, failing when the mean positive-class F1 drops below
 * CV_F1_FLOOR. CheckThat 2019 (2.7% positive) is reported, not asserted.
 * Skips (77) when the shared data is absent. About 1 s in a normal
 * build, under 15 s with the sanitizers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "importers/extract/model.h"
#include "importers/labeled.h"
#include "support/testutil.h"

/*
 * Our measured mean is 0.788 (seed 20240229; 0.771 without the GloVe
 * vectors); the target is 0.80, which this model does not reach
 * yet. The floor catches regressions, such as the vectors going missing.
 */
#define CV_F1_FLOOR 0.78
#define FOLDS 5

static double
run_cv(const char *rel, const char *name)
{
    struct cdk_labeled set = CDK_LABELED_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model_options opt;
    struct cdk_model_metrics fold[FOLDS], pooled;
    char *path = cdk_test_shared_path(rel);
    double f1 = 0;
    int i;

    ck_assert_ptr_nonnull(path);
    ck_assert_msg(cdk_labeled_read(path, &set, &err) == 0, "%s",
                  err.message);
    cdk_model_options_init(&opt);
    opt.vectors = cdk_model_vectors(cdk_model_default(NULL));
    ck_assert_ptr_nonnull(opt.vectors);
    ck_assert_msg(cdk_model_cross_validate(set.v, set.n, &opt, FOLDS, fold,
                                           &pooled, &err) == 0,
                  "%s", err.message);
    printf("%s: %zu sentences, %zu check-worthy\n", name, set.n,
           set.positives);
    for (i = 0; i < FOLDS; i++) {
        printf("  fold %d: precision %.4f recall %.4f F1 %.4f\n", i + 1,
               fold[i].precision, fold[i].recall, fold[i].f1);
        f1 += fold[i].f1;
    }
    f1 /= FOLDS;
    printf("  mean F1 %.4f; pooled precision %.4f recall %.4f F1 %.4f "
           "accuracy %.4f\n",
           f1, pooled.precision, pooled.recall, pooled.f1, pooled.accuracy);
    fflush(stdout);
    cdk_labeled_release(&set);
    free(path);
    return f1;
}

START_TEST(claimbuster_cross_validation)
{
    double f1 = run_cv("data/checkworthiness/claimbuster-train.json",
                       "ClaimBuster");

    ck_assert_msg(f1 >= CV_F1_FLOOR, "5-fold F1 %.4f below %.2f", f1,
                  CV_F1_FLOOR);
}
END_TEST

START_TEST(checkthat_cross_validation)
{
    double f1 = run_cv("data/checkworthiness/checkthat2019-train.csv",
                       "CheckThat 2019");

    /* a much harder set; no target, but a model that learned nothing
       scores about 0.05 (all positive) */
    ck_assert_msg(f1 > 0.10, "5-fold F1 %.4f", f1);
}
END_TEST

int
main(void)
{
    Suite *s;
    TCase *tc;
    char *probe =
        cdk_test_shared_path("data/checkworthiness/claimbuster-train.json");

    if (!probe) {
        printf("skip: ../shared/data/checkworthiness is absent\n");
        return 77;
    }
    free(probe);
    s = suite_create("model_cv");
    tc = tcase_create("cv");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, claimbuster_cross_validation);
    tcase_add_test(tc, checkthat_cross_validation);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
