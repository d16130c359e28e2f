/*
 * claimdesk model train|eval|score: train the check-worthiness model on
 * labelled sentences, measure it (k-fold cross-validation), and score
 * sentences one per line. No database.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "core/clock.h"
#include "core/mem.h"
#include "importers/extract/model.h"
#include "importers/extract/wordvec.h"
#include "importers/labeled.h"

/* Options shared by train and eval (the training settings). */
enum {
    OPT_FOLDS = 256,
    OPT_SEED,
    OPT_EPOCHS,
    OPT_RATE,
    OPT_L2,
    OPT_HASH_BITS,
    OPT_NGRAMS,
    OPT_CHAR_NGRAMS,
    OPT_POS_WEIGHT,
    OPT_PRUNE,
    OPT_MIN_COUNT,
    OPT_TUNE_FOLDS,
    OPT_JSON,
    OPT_MODEL,
    OPT_VECTORS,
    OPT_NO_DENSE,
    OPT_NO_CLUSTERS,
    OPT_AVERAGE,
    OPT_RUNS,
    OPT_NB,
    OPT_DIM,
    OPT_WINDOW,
    OPT_NEGATIVE,
    OPT_CLUSTERS,
    OPT_IMPORT,
    OPT_MAX_WORDS,
};

/* the --vectors file named by the training options, loaded after them */
static const char *vectors_path;

#define TRAINING_OPTIONS                                                       \
    {"folds", required_argument, NULL, OPT_FOLDS},                             \
        {"seed", required_argument, NULL, OPT_SEED},                           \
        {"epochs", required_argument, NULL, OPT_EPOCHS},                       \
        {"rate", required_argument, NULL, OPT_RATE},                           \
        {"l2", required_argument, NULL, OPT_L2},                               \
        {"hash-bits", required_argument, NULL, OPT_HASH_BITS},                 \
        {"ngrams", required_argument, NULL, OPT_NGRAMS},                       \
        {"char-ngrams", required_argument, NULL, OPT_CHAR_NGRAMS},             \
        {"pos-weight", required_argument, NULL, OPT_POS_WEIGHT},               \
        {"prune", required_argument, NULL, OPT_PRUNE},                         \
        {"min-count", required_argument, NULL, OPT_MIN_COUNT},                 \
        {"tune-folds", required_argument, NULL, OPT_TUNE_FOLDS},               \
        {"json", no_argument, NULL, OPT_JSON},                                 \
        {"vectors", required_argument, NULL, OPT_VECTORS},                     \
        {"no-dense", no_argument, NULL, OPT_NO_DENSE},                         \
        {"no-clusters", no_argument, NULL, OPT_NO_CLUSTERS},                   \
        {"average", required_argument, NULL, OPT_AVERAGE},                     \
        {"runs", required_argument, NULL, OPT_RUNS},                           \
        {"nb", required_argument, NULL, OPT_NB},                               \
        {"help", no_argument, NULL, 'h'}

static const char training_help[] =
    "Training options:\n"
    "  --seed N             seed of the shuffles and folds (default "
    "20240229)\n"
    "  --epochs N           passes of AdaGrad SGD (default 8)\n"
    "  --rate R             AdaGrad learning rate (default 0.1)\n"
    "  --l2 X               L2 penalty (default 1e-5)\n"
    "  --hash-bits B        hashed feature space 2^B, 10..24 (default 18)\n"
    "  --ngrams N           word n-grams up to N, 1..3 (default 2)\n"
    "  --char-ngrams MIN,MAX  character n-grams inside words, 0 = none\n"
    "  --pos-weight W       weight of check-worthy examples (default "
    "negatives/positives)\n"
    "  --prune X            drop weights smaller than X (default 1e-3)\n"
    "  --min-count N        drop n-gram features seen fewer than N times "
    "(default 2)\n"
    "  --tune-folds K       inner folds that tune the threshold for the "
    "best F1,\n"
    "                       0 = keep 0.5 (default 3)\n"
    "  --vectors FILE|none  word vectors from 'model vectors' (default: "
    "the bundled\n"
    "                       model's); the model file keeps a copy\n"
    "  --no-dense           no mean-vector features\n"
    "  --no-clusters        no word-cluster features\n"
    "  --average N          average the weights over the last N epochs "
    "(default 0: no)\n"
    "  --runs N             average the weights of N runs with their own "
    "shuffles\n"
    "                       (default 1)\n"
    "  --nb ALPHA           scale n-gram and cluster features by "
    "naive-Bayes ratios\n"
    "                       smoothed by ALPHA (default 0: no)\n";

static const char exit_help[] =
    "Exit status: 0 success, 1 failure, 2 usage error, 3 not found, "
    "6 bad input data.\n";

static void
usage_model(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk model train DATA... [-o MODEL] [--folds K] "
            "[OPTIONS]\n"
            "       claimdesk model eval DATA... [--model MODEL] [--folds K] "
            "[--json]\n"
            "       claimdesk model score [--model MODEL] [FILE|-]\n"
            "       claimdesk model vectors TEXT... [-o VECTORS] "
            "[OPTIONS]\n"
            "\n"
            "The check-worthiness model: logistic regression over hashed "
            "word n-grams,\n"
            "cue features and word vectors learned from unlabelled text "
            "(mean vector,\n"
            "word clusters), all trained by claimdesk itself. DATA is ClaimBuster "
            "JSON\n"
            "([{\"text\", \"label\"}, ...]) or CSV with \"text\" and "
            "\"label\" columns\n"
            "(CheckThat: line_number,speaker,text,label,file_name).\n"
            "'claimdesk model SUBCOMMAND --help' describes each.\n"
            "\n%s",
            exit_help);
}

static void
usage_train(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk model train DATA... [-o MODEL] [--folds K] "
            "[OPTIONS]\n"
            "\n"
            "Train a model on every sentence of DATA (ClaimBuster JSON or "
            "CheckThat CSV;\n"
            "several files are pooled) and write it to MODEL. With --folds "
            "K, first print\n"
            "K-fold cross-validated precision, recall and F1 of the same "
            "settings.\n"
            "Training is deterministic: the same data and options give the "
            "same file.\n"
            "\n"
            "Options:\n"
            "  -o, --output MODEL   where to write the model (default "
            "checkworthy.model)\n"
            "  --folds K            cross-validate first with K folds "
            "(default 0: no)\n"
            "  --json               print the figures as JSON\n"
            "  -h, --help           show this help\n"
            "\n%s\n%s",
            training_help, exit_help);
}

static void
usage_eval(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk model eval DATA... [--model MODEL] [--folds K] "
            "[--json] [OPTIONS]\n"
            "\n"
            "Print precision, recall, F1 (of the check-worthy class) and "
            "accuracy of\n"
            "MODEL (default: the bundled model) on DATA, then the K-fold "
            "cross-validated\n"
            "figures (per fold, mean ± standard deviation, pooled) of a model "
            "trained with\n"
            "OPTIONS on the rest of DATA each time.\n"
            "\n"
            "Options:\n"
            "  --model MODEL        model file to evaluate (default: bundled)\n"
            "  --folds K            folds of the cross-validation, 0 = none "
            "(default 5)\n"
            "  --json               print the figures as JSON\n"
            "  -h, --help           show this help\n"
            "\n%s\n%s",
            training_help, exit_help);
}

static void
usage_score(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk model score [--model MODEL] [FILE|-]\n"
            "\n"
            "Read one sentence per line from FILE (default: standard input) "
            "and print\n"
            "its check-worthiness score in [0, 1] (%%.4f), one line per input "
            "line, in\n"
            "order, as each line arrives. Scores at or above the model's "
            "threshold\n"
            "(0.5 for models trained by claimdesk) mean check-worthy.\n"
            "\n"
            "Options:\n"
            "  --model MODEL        model file to use (default: bundled)\n"
            "  -h, --help           show this help\n"
            "\n%s",
            exit_help);
}

/* ---- option parsing ---- */

static int
parse_int_arg(const char *cmd, const char *name, const char *s, long lo,
              long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return cli_usage_error(cmd, "'--%s' needs a whole number from %ld "
                                    "to %ld, not '%s'",
                               name, lo, hi, s);
    *out = v;
    return 0;
}

static int
parse_double_arg(const char *cmd, const char *name, const char *s,
                 double *out)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < 0)
        return cli_usage_error(cmd, "'--%s' needs a number >= 0, not '%s'",
                               name, s);
    *out = v;
    return 0;
}

/* One of the training options; 0, 1 when `opt` is not one, or 2. */
static int
training_option(const char *cmd, int opt, struct cdk_model_options *mo)
{
    long v = 0;

    switch (opt) {
    case OPT_SEED: {
        char *end;
        unsigned long long s;
        errno = 0;
        s = strtoull(optarg, &end, 10);
        if (errno || end == optarg || *end || optarg[0] == '-')
            return cli_usage_error(cmd, "'--seed' needs a whole number, "
                                        "not '%s'",
                                   optarg);
        mo->seed = s;
        return 0;
    }
    case OPT_EPOCHS:
        if (parse_int_arg(cmd, "epochs", optarg, 1, 1000, &v))
            return 2;
        mo->epochs = (int)v;
        return 0;
    case OPT_RATE:
        return parse_double_arg(cmd, "rate", optarg, &mo->rate) ? 2 : 0;
    case OPT_L2:
        return parse_double_arg(cmd, "l2", optarg, &mo->l2) ? 2 : 0;
    case OPT_HASH_BITS:
        if (parse_int_arg(cmd, "hash-bits", optarg, 10, 24, &v))
            return 2;
        mo->hash_bits = (unsigned)v;
        return 0;
    case OPT_NGRAMS:
        if (parse_int_arg(cmd, "ngrams", optarg, 1, 3, &v))
            return 2;
        mo->word_ngrams = (int)v;
        return 0;
    case OPT_CHAR_NGRAMS: {
        char *comma = strchr(optarg, ',');
        long lo = 0, hi = 0;
        if (strcmp(optarg, "0") == 0) {
            mo->char_min = mo->char_max = 0;
            return 0;
        }
        if (!comma)
            return cli_usage_error(cmd, "'--char-ngrams' needs MIN,MAX or 0");
        *comma = '\0';
        if (parse_int_arg(cmd, "char-ngrams", optarg, 1, 6, &lo) ||
            parse_int_arg(cmd, "char-ngrams", comma + 1, lo, 6, &hi))
            return 2;
        mo->char_min = (int)lo;
        mo->char_max = (int)hi;
        return 0;
    }
    case OPT_POS_WEIGHT:
        return parse_double_arg(cmd, "pos-weight", optarg, &mo->pos_weight)
                   ? 2
                   : 0;
    case OPT_PRUNE:
        return parse_double_arg(cmd, "prune", optarg, &mo->prune) ? 2 : 0;
    case OPT_MIN_COUNT:
        if (parse_int_arg(cmd, "min-count", optarg, 0, 1000000, &v))
            return 2;
        mo->min_count = (int)v;
        return 0;
    case OPT_VECTORS:
        vectors_path = optarg;
        return 0;
    case OPT_NO_DENSE:
        mo->vec_dense = 0;
        return 0;
    case OPT_NO_CLUSTERS:
        mo->vec_clusters = 0;
        return 0;
    case OPT_AVERAGE:
        if (parse_int_arg(cmd, "average", optarg, 0, 1000, &v))
            return 2;
        mo->average = (int)v;
        return 0;
    case OPT_RUNS:
        if (parse_int_arg(cmd, "runs", optarg, 1, 100, &v))
            return 2;
        mo->runs = (int)v;
        return 0;
    case OPT_NB:
        return parse_double_arg(cmd, "nb", optarg, &mo->nb) ? 2 : 0;
    case OPT_TUNE_FOLDS:
        if (parse_int_arg(cmd, "tune-folds", optarg, 0, 20, &v))
            return 2;
        if (v == 1)
            return cli_usage_error(cmd, "'--tune-folds' must be 0 or 2..20");
        mo->tune_folds = (int)v;
        return 0;
    default:
        return 1;
    }
}

/*
 * The word vectors of the training options: the --vectors file, none for
 * "--vectors none", else the bundled model's (when it has any). *out gets
 * what was loaded from a file (the caller frees it). 0 or an exit status.
 */
static int
load_vectors(struct cdk_model_options *mo, struct cdk_wordvec **out)
{
    struct cdk_error err = CDK_ERROR_INIT;

    *out = NULL;
    if (!vectors_path) {
        const struct cdk_model *def = cdk_model_default(&err);
        if (!def)
            return cli_error(&err);
        mo->vectors = cdk_model_vectors(def);
        return 0;
    }
    if (strcmp(vectors_path, "none") == 0)
        return 0;
    *out = cdk_wordvec_load(vectors_path, &err);
    if (!*out)
        return cli_error(&err);
    mo->vectors = *out;
    return 0;
}

static int
bad_option(const char *cmd, char **argv)
{
    if (optopt && optopt < 256)
        return cli_usage_error(cmd, "unknown option '-%c'", optopt);
    return cli_usage_error(cmd, "unknown or incomplete option '%s'",
                           argv[optind - 1]);
}

static int
read_data(int n, char **paths, struct cdk_labeled *set)
{
    struct cdk_error err = CDK_ERROR_INIT;
    int i;

    for (i = 0; i < n; i++)
        if (cdk_labeled_read(paths[i], set, &err) < 0)
            return cli_error(&err);
    if (set->n == 0)
        return cli_fail(6, "no labelled sentences in the data");
    return 0;
}

/* ---- printing figures ---- */

static void
print_metrics(const char *label, const struct cdk_model_metrics *m)
{
    printf("%-8s precision %.4f  recall %.4f  F1 %.4f  accuracy %.4f  "
           "(tp %zu fp %zu fn %zu tn %zu)\n",
           label, m->precision, m->recall, m->f1, m->accuracy, m->tp, m->fp,
           m->fn, m->tn);
}

static json_t *
metrics_json(const struct cdk_model_metrics *m)
{
    return json_pack("{s:f, s:f, s:f, s:f, s:I, s:I, s:I, s:I}",
                     "precision", m->precision, "recall", m->recall, "f1",
                     m->f1, "accuracy", m->accuracy, "tp", (json_int_t)m->tp,
                     "fp", (json_int_t)m->fp, "fn", (json_int_t)m->fn, "tn",
                     (json_int_t)m->tn);
}

static void
mean_sd(const struct cdk_model_metrics *f, int k, size_t off, double *mean,
        double *sd)
{
    double s = 0, ss = 0;
    int i;

    for (i = 0; i < k; i++)
        s += *(const double *)((const char *)&f[i] + off);
    *mean = s / k;
    for (i = 0; i < k; i++) {
        double d = *(const double *)((const char *)&f[i] + off) - *mean;
        ss += d * d;
    }
    *sd = k > 1 ? sqrt(ss / (k - 1)) : 0;
}

static const struct {
    const char *name;
    size_t off;
} figures[] = {
    {"precision", offsetof(struct cdk_model_metrics, precision)},
    {"recall", offsetof(struct cdk_model_metrics, recall)},
    {"f1", offsetof(struct cdk_model_metrics, f1)},
    {"accuracy", offsetof(struct cdk_model_metrics, accuracy)},
};

/*
 * Run and report a cross-validation; into `json` when not NULL, else to
 * stdout. Returns 0 or an exit status.
 */
static int
cross_validate(const struct cdk_labeled *set,
               const struct cdk_model_options *mo, int k, json_t *json)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model_metrics *fold = cdk_xcalloc((size_t)k, sizeof(*fold));
    struct cdk_model_metrics pooled;
    double t0 = cdk_clock_monotonic(), secs;
    size_t i;
    int f;

    if (cdk_model_cross_validate(set->v, set->n, mo, k, fold, &pooled,
                                 &err) < 0) {
        free(fold);
        return cli_error(&err);
    }
    secs = cdk_clock_monotonic() - t0;
    if (json) {
        json_t *cv = json_object(), *per = json_array(), *mean = json_object(),
               *sd = json_object();
        for (f = 0; f < k; f++)
            json_array_append_new(per, metrics_json(&fold[f]));
        for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
            double mn, s;
            mean_sd(fold, k, figures[i].off, &mn, &s);
            json_object_set_new(mean, figures[i].name, json_real(mn));
            json_object_set_new(sd, figures[i].name, json_real(s));
        }
        json_object_set_new(cv, "folds", json_integer(k));
        json_object_set_new(cv, "seed", json_integer((json_int_t)mo->seed));
        json_object_set_new(cv, "per_fold", per);
        json_object_set_new(cv, "mean", mean);
        json_object_set_new(cv, "sd", sd);
        json_object_set_new(cv, "pooled", metrics_json(&pooled));
        json_object_set_new(cv, "seconds", json_real(secs));
        json_object_set_new(json, "cross_validation", cv);
    } else {
        char label[32];
        printf("%d-fold cross-validation (stratified, seed %llu, %.1f s):\n",
               k, (unsigned long long)mo->seed, secs);
        for (f = 0; f < k; f++) {
            snprintf(label, sizeof(label), "fold %d", f + 1);
            print_metrics(label, &fold[f]);
        }
        printf("mean    ");
        for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
            double mn, s;
            mean_sd(fold, k, figures[i].off, &mn, &s);
            printf(" %s %.4f ± %.4f%s", figures[i].name, mn, s,
                   i + 1 < sizeof(figures) / sizeof(figures[0]) ? " " : "\n");
        }
        print_metrics("pooled", &pooled);
    }
    free(fold);
    return 0;
}

static json_t *
data_json(const struct cdk_labeled *set)
{
    return json_pack("{s:I, s:I}", "sentences", (json_int_t)set->n,
                     "checkworthy", (json_int_t)set->positives);
}

/* ---- train ---- */

static int
cmd_model_train(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'},
        TRAINING_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "model train";
    struct cdk_model_options mo;
    struct cdk_labeled set = CDK_LABELED_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *m = NULL;
    struct cdk_wordvec *wv = NULL;
    const char *output = "checkworthy.model";
    json_t *json = NULL;
    bool as_json = false;
    long folds = 0;
    double t0, secs;
    struct stat st;
    int opt, status;

    cdk_model_options_init(&mo);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "o:h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage_train(stdout);
            return 0;
        case OPT_FOLDS:
            if (parse_int_arg(cmd, "folds", optarg, 0, 100, &folds))
                return 2;
            if (folds == 1)
                return cli_usage_error(cmd, "'--folds' must be 0 or 2..100");
            break;
        case OPT_JSON:
            as_json = true;
            break;
        default:
            status = training_option(cmd, opt, &mo);
            if (status == 1)
                return bad_option(cmd, argv);
            if (status)
                return status;
        }
    }
    if (optind >= argc)
        return cli_usage_error(cmd, "no training data given");
    status = load_vectors(&mo, &wv);
    if (status)
        return status;
    status = read_data(argc - optind, argv + optind, &set);
    if (status)
        goto out;
    if (as_json) {
        json = json_object();
        json_object_set_new(json, "data", data_json(&set));
    } else {
        printf("data: %zu sentences, %zu check-worthy\n", set.n,
               set.positives);
    }
    if (folds >= 2) {
        status = cross_validate(&set, &mo, (int)folds, json);
        if (status)
            goto out;
    }
    t0 = cdk_clock_monotonic();
    m = cdk_model_train(set.v, set.n, &mo, &err);
    if (!m) {
        status = cli_error(&err);
        goto out;
    }
    secs = cdk_clock_monotonic() - t0;
    if (cdk_model_save(m, output, &err) < 0) {
        status = cli_error(&err);
        goto out;
    }
    if (stat(output, &st) != 0)
        st.st_size = 0;
    if (json) {
        json_object_set_new(
            json, "model",
            json_pack("{s:s, s:I, s:I, s:f, s:f}", "path", output,
                      "nonzero_weights", (json_int_t)cdk_model_nonzero(m),
                      "bytes", (json_int_t)st.st_size, "threshold",
                      cdk_model_threshold(m), "seconds", secs));
        cli_print_json(json);
        json = NULL;
    } else {
        printf("model: %s (%zu nonzero weights, %lld bytes), trained in "
               "%.1f s\n",
               output, cdk_model_nonzero(m), (long long)st.st_size, secs);
    }
out:
    json_decref(json);
    cdk_model_free(m);
    cdk_wordvec_free(wv);
    cdk_labeled_release(&set);
    return status;
}

/* ---- eval ---- */

static int
cmd_model_eval(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"model", required_argument, NULL, OPT_MODEL},
        TRAINING_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "model eval";
    struct cdk_model_options mo;
    struct cdk_labeled set = CDK_LABELED_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *loaded = NULL;
    struct cdk_wordvec *wv = NULL;
    const struct cdk_model *m;
    struct cdk_model_metrics mt;
    const char *model_path = NULL;
    json_t *json = NULL;
    bool as_json = false;
    long folds = 5;
    int opt, status;

    cdk_model_options_init(&mo);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            usage_eval(stdout);
            return 0;
        case OPT_MODEL:
            model_path = optarg;
            break;
        case OPT_FOLDS:
            if (parse_int_arg(cmd, "folds", optarg, 0, 100, &folds))
                return 2;
            if (folds == 1)
                return cli_usage_error(cmd, "'--folds' must be 0 or 2..100");
            break;
        case OPT_JSON:
            as_json = true;
            break;
        default:
            status = training_option(cmd, opt, &mo);
            if (status == 1)
                return bad_option(cmd, argv);
            if (status)
                return status;
        }
    }
    if (optind >= argc)
        return cli_usage_error(cmd, "no evaluation data given");
    status = load_vectors(&mo, &wv);
    if (status)
        return status;
    if (model_path) {
        m = loaded = cdk_model_load(model_path, &err);
    } else {
        m = cdk_model_default(&err);
    }
    if (!m) {
        cdk_wordvec_free(wv);
        return cli_error(&err);
    }
    status = read_data(argc - optind, argv + optind, &set);
    if (status)
        goto out;
    cdk_model_evaluate(m, set.v, set.n, &mt);
    if (as_json) {
        json = json_object();
        json_object_set_new(json, "data", data_json(&set));
        json_object_set_new(
            json, "model",
            json_pack("{s:s, s:f, s:I}", "path",
                      model_path ? model_path : "(bundled)", "threshold",
                      cdk_model_threshold(m), "nonzero_weights",
                      (json_int_t)cdk_model_nonzero(m)));
        json_object_set_new(json, "evaluation", metrics_json(&mt));
    } else {
        printf("data: %zu sentences, %zu check-worthy\n", set.n,
               set.positives);
        printf("model: %s (threshold %.4g, %zu nonzero weights)\n",
               model_path ? model_path : "bundled", cdk_model_threshold(m),
               cdk_model_nonzero(m));
        print_metrics("model", &mt);
    }
    if (folds >= 2) {
        status = cross_validate(&set, &mo, (int)folds, json);
        if (status)
            goto out;
    }
    if (json) {
        cli_print_json(json);
        json = NULL;
    }
out:
    json_decref(json);
    cdk_model_free(loaded);
    cdk_wordvec_free(wv);
    cdk_labeled_release(&set);
    return status;
}

/* ---- score ---- */

static int
cmd_model_score(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"model", required_argument, NULL, OPT_MODEL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "model score";
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *loaded = NULL;
    const struct cdk_model *m;
    const char *model_path = NULL, *path = "-";
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    FILE *in;
    struct stat st;
    bool flush_each;
    int opt, status = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'h':
            usage_score(stdout);
            return 0;
        case OPT_MODEL:
            model_path = optarg;
            break;
        default:
            return bad_option(cmd, argv);
        }
    }
    if (argc - optind > 1)
        return cli_usage_error(cmd, "give at most one input file");
    if (optind < argc)
        path = argv[optind];
    m = model_path ? (loaded = cdk_model_load(model_path, &err))
                   : cdk_model_default(&err);
    if (!m)
        return cli_error(&err);
    in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        status = cli_fail(errno == ENOENT ? 3 : 1, "could not open '%s': %s",
                          path, strerror(errno));
        goto out;
    }
    /* answer each line as it arrives when a person or a pipe feeds us */
    flush_each = fstat(fileno(in), &st) == 0 && !S_ISREG(st.st_mode);
    while ((n = getline(&line, &cap, in)) > 0) {
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        if (printf("%.4f\n", cdk_model_score(m, line, len)) < 0)
            break;
        if (flush_each && fflush(stdout) != 0)
            break;
    }
    if (ferror(in))
        status = cli_fail(1, "could not read '%s': %s", path,
                          strerror(errno));
    if (in != stdin)
        fclose(in);
out:
    free(line);
    cdk_model_free(loaded);
    return status;
}

/* ---- vectors ---- */

static void
usage_vectors(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk model vectors TEXT... [-o VECTORS] [OPTIONS]\n"
            "       claimdesk model vectors --import FILE [--max-words N] "
            "[-o VECTORS]\n"
            "\n"
            "Learn word vectors (skip-gram with negative sampling) and "
            "k-means word\n"
            "clusters from unlabelled text, for 'model train --vectors'. "
            "TEXT is a file of\n"
            "one text per line (of a .tsv file, the third column: LIAR), "
            "labelled data\n"
            "(.json, .csv: only the sentences are used) or a folder, read "
            "recursively in\n"
            "name order. Deterministic: the same text and options give the "
            "same file.\n"
            "\n"
            "With --import, take pretrained vectors instead (GloVe, word2vec "
            "or fastText\n"
            "text form: one 'WORD X1 ... XD' line per word, most frequent "
            "first) and\n"
            "cluster them; words are keyed as the model tokenises them.\n"
            "\n"
            "Options:\n"
            "  -o, --output FILE    where to write the vectors (default "
            "vectors.txt)\n"
            "  --dim N              vector size, 4..128 (default 48)\n"
            "  --window N           context words each side (default 5)\n"
            "  --negative N         negative samples (default 5)\n"
            "  --epochs N           passes over the text (default 5)\n"
            "  --min-count N        words seen fewer times get no vector "
            "(default 3)\n"
            "  --clusters K         k-means clusters (default 256)\n"
            "  --seed N             seed (default 20240229)\n"
            "  --import FILE        read pretrained vectors from FILE\n"
            "  --max-words N        with --import, keep the first N words "
            "(default all)\n"
            "  -h, --help           show this help\n"
            "\n%s",
            exit_help);
}

struct texts {
    char **v;
    size_t *len;
    size_t n, alloc, lalloc;
};

static void
texts_add(struct texts *t, const char *s, size_t n)
{
    CDK_ALLOC_GROW(t->v, t->n + 1, t->alloc);
    CDK_ALLOC_GROW(t->len, t->n + 1, t->lalloc);
    t->v[t->n] = cdk_xstrndup(s, n);
    t->len[t->n] = n;
    t->n++;
}

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_texts(const char *path, struct texts *t);

static int
read_dir(const char *path, struct texts *t)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, alloc = 0, i;
    int status = 0;

    if (!d)
        return cli_fail(errno == ENOENT ? 3 : 1, "could not open '%s': %s",
                        path, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        struct cdk_buf b = CDK_BUF_INIT;
        if (e->d_name[0] == '.')
            continue;
        cdk_buf_addf(&b, "%s/%s", path, e->d_name);
        CDK_ALLOC_GROW(names, n + 1, alloc);
        names[n++] = cdk_xstrdup(b.buf);
        cdk_buf_release(&b);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), name_cmp);
    for (i = 0; i < n; i++) {
        if (!status)
            status = read_texts(names[i], t);
        free(names[i]);
    }
    free(names);
    return status;
}

static bool
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
read_texts(const char *path, struct texts *t)
{
    struct stat st;
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool tsv = ends_with(path, ".tsv");

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return read_dir(path, t);
    if (ends_with(path, ".json") || ends_with(path, ".csv")) {
        struct cdk_labeled set = CDK_LABELED_INIT;
        struct cdk_error err = CDK_ERROR_INIT;
        size_t i;
        if (cdk_labeled_read(path, &set, &err) < 0)
            return cli_error(&err);
        for (i = 0; i < set.n; i++)
            texts_add(t, set.v[i].text, set.v[i].len);
        cdk_labeled_release(&set);
        return 0;
    }
    f = fopen(path, "rb");
    if (!f)
        return cli_fail(errno == ENOENT ? 3 : 1, "could not open '%s': %s",
                        path, strerror(errno));
    while ((n = getline(&line, &cap, f)) > 0) {
        const char *s = line;
        size_t len = (size_t)n;
        if (tsv) {
            const char *t1 = memchr(s, '\t', len), *t2, *t3;
            if (!t1)
                continue;
            t2 = memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - s));
            if (!t2)
                continue;
            t3 = memchr(t2 + 1, '\t', len - (size_t)(t2 + 1 - s));
            s = t2 + 1;
            len = t3 ? (size_t)(t3 - s) : len - (size_t)(s - line);
        }
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            len--;
        if (len)
            texts_add(t, s, len);
    }
    free(line);
    if (ferror(f)) {
        fclose(f);
        return cli_fail(1, "could not read '%s'", path);
    }
    fclose(f);
    return 0;
}

static int
cmd_model_vectors(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"output", required_argument, NULL, 'o'},
        {"dim", required_argument, NULL, OPT_DIM},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"negative", required_argument, NULL, OPT_NEGATIVE},
        {"epochs", required_argument, NULL, OPT_EPOCHS},
        {"min-count", required_argument, NULL, OPT_MIN_COUNT},
        {"clusters", required_argument, NULL, OPT_CLUSTERS},
        {"seed", required_argument, NULL, OPT_SEED},
        {"import", required_argument, NULL, OPT_IMPORT},
        {"max-words", required_argument, NULL, OPT_MAX_WORDS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "model vectors", *output = "vectors.txt";
    const char *import = NULL;
    size_t max_words = 0;
    struct cdk_wordvec_options wo;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_wordvec *wv = NULL;
    struct texts t;
    double t0;
    size_t i;
    long v = 0;
    int opt, status = 0;

    memset(&t, 0, sizeof(t));
    cdk_wordvec_options_init(&wo);
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "o:h", long_options, NULL)) != -1) {
        switch (opt) {
        case 'o':
            output = optarg;
            break;
        case 'h':
            usage_vectors(stdout);
            return 0;
        case OPT_DIM:
            if (parse_int_arg(cmd, "dim", optarg, 4, 128, &v))
                return 2;
            wo.dim = (int)v;
            break;
        case OPT_WINDOW:
            if (parse_int_arg(cmd, "window", optarg, 1, 20, &v))
                return 2;
            wo.window = (int)v;
            break;
        case OPT_NEGATIVE:
            if (parse_int_arg(cmd, "negative", optarg, 1, 50, &v))
                return 2;
            wo.negative = (int)v;
            break;
        case OPT_EPOCHS:
            if (parse_int_arg(cmd, "epochs", optarg, 1, 100, &v))
                return 2;
            wo.epochs = (int)v;
            break;
        case OPT_MIN_COUNT:
            if (parse_int_arg(cmd, "min-count", optarg, 1, 1000000, &v))
                return 2;
            wo.min_count = (int)v;
            break;
        case OPT_CLUSTERS:
            if (parse_int_arg(cmd, "clusters", optarg, 2, 4096, &v))
                return 2;
            wo.clusters = (int)v;
            break;
        case OPT_SEED: {
            char *end;
            unsigned long long sd;
            errno = 0;
            sd = strtoull(optarg, &end, 10);
            if (errno || end == optarg || *end || optarg[0] == '-')
                return cli_usage_error(cmd, "'--seed' needs a whole number, "
                                            "not '%s'",
                                       optarg);
            wo.seed = sd;
            break;
        }
        case OPT_IMPORT:
            import = optarg;
            break;
        case OPT_MAX_WORDS:
            if (parse_int_arg(cmd, "max-words", optarg, 0, 2000000, &v))
                return 2;
            max_words = (size_t)v;
            break;
        default:
            return bad_option(cmd, argv);
        }
    }
    if (import && optind < argc)
        return cli_usage_error(cmd, "--import takes no TEXT");
    if (!import && optind >= argc)
        return cli_usage_error(cmd, "no text given");
    if (!import && max_words)
        return cli_usage_error(cmd, "--max-words goes with --import");
    for (i = (size_t)optind; i < (size_t)argc && !status; i++)
        status = read_texts(argv[i], &t);
    if (status)
        goto out;
    t0 = cdk_clock_monotonic();
    wv = import ? cdk_wordvec_import(import, max_words, &wo, &err)
                : cdk_wordvec_train((const char *const *)t.v, t.len, t.n,
                                    &wo, &err);
    if (!wv || cdk_wordvec_save(wv, output, &err) < 0) {
        status = cli_error(&err);
        goto out;
    }
    printf("vectors: %s (%zu words, %d dimensions, %d clusters) from ",
           output, cdk_wordvec_size(wv), cdk_wordvec_dim(wv),
           cdk_wordvec_clusters(wv));
    if (import)
        printf("'%s'", import);
    else
        printf("%zu texts", t.n);
    printf(" in %.1f s\n", cdk_clock_monotonic() - t0);
out:
    for (i = 0; i < t.n; i++)
        free(t.v[i]);
    free(t.v);
    free(t.len);
    cdk_wordvec_free(wv);
    return status;
}

int
cmd_model(int argc, char **argv, struct cli_ctx *ctx)
{
    const char *sub;

    (void)ctx;
    if (argc < 2) {
        usage_model(stderr);
        return 2;
    }
    sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
        strcmp(sub, "help") == 0) {
        usage_model(stdout);
        return 0;
    }
    optind = 0;
    if (strcmp(sub, "train") == 0)
        return cmd_model_train(argc - 1, argv + 1);
    if (strcmp(sub, "eval") == 0)
        return cmd_model_eval(argc - 1, argv + 1);
    if (strcmp(sub, "score") == 0)
        return cmd_model_score(argc - 1, argv + 1);
    if (strcmp(sub, "vectors") == 0)
        return cmd_model_vectors(argc - 1, argv + 1);
    return cli_usage_error("model", "unknown subcommand '%s'", sub);
}
