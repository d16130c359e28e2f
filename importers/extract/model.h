/*
 * The check-worthiness model: logistic regression over hashed word
 * n-grams (and optionally character n-grams) plus cue features (numbers,
 * percentages, money, dates, named entities, reporting verbs, hedges,
 * modal verbs, first person, subjective words, comparatives, questions,
 * sentence length). Scores are in [0, 1]. A model is immutable once
 * loaded, so one may be shared by threads. The default model is embedded
 * into the binary at build time (importers/extract/models/checkworthy.model),
 * as text and pre-parsed (model_image.h).
 *
 * Training is deterministic: the same examples and options give the same
 * model file byte for byte (a fixed-seed splitmix64 generator drives the
 * shuffles and the cross-validation folds).
 *
 * Optionally the model also sees word vectors, learned from unlabelled
 * text or imported (importers/extract/wordvec.h; the bundled model uses
 * GloVe, see scripts/train-model): the sentence's mean vector as dense
 * features and the words' clusters (unigrams and pairs) as hashed ones.
 * A model trained with vectors keeps its own copy of them. Scoring folds
 * the dense weights into one number per word, so a word costs one lookup,
 * not a vector.
 *
 * The model file is text: a header line "claimdesk-model checkworthiness
 * VERSION", "key value" settings, the sparse weights as "gap weight" lines
 * (gap = index minus the previous index), the word vectors when the model
 * uses them (cdk_wordvec_write) and an "end CHECKSUM" line (FNV-1a 64 of
 * everything before it). Loading validates all of it. Version 3 added the
 * "dense" and "clusters" settings and the vectors; version 2 files (no
 * vectors) still load.
 */
#ifndef CDK_IMPORTERS_EXTRACT_MODEL_H
#define CDK_IMPORTERS_EXTRACT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

struct cdk_model;
struct cdk_wordvec;

/* One labelled sentence (the caller owns `text`). */
struct cdk_model_example {
    const char *text;
    size_t len;
    int label; /* 1 check-worthy, 0 not */
};

/* Training settings; cdk_model_options_init fills the defaults. */
struct cdk_model_options {
    unsigned hash_bits;  /* hashed feature space 2^hash_bits (10..24) */
    int word_ngrams;     /* 1..3: unigrams, + bigrams, + trigrams */
    int char_min;        /* character n-grams inside words, 0 = none */
    int char_max;        /* (char_min <= char_max <= 6) */
    int epochs;          /* passes of AdaGrad SGD over the data */
    double rate;         /* AdaGrad base learning rate */
    double l2;           /* L2 penalty per example step */
    double pos_weight;   /* weight of positive examples; 0 = neg/pos */
    double prune;        /* drop weights with |w| below this when saving */
    int min_count;       /* drop hashed features seen fewer times */
    int tune_folds;      /* inner folds to tune the threshold; 0 = 0.5 */
    uint64_t seed;       /* seed of the shuffles and folds */
    /* word vectors (borrowed; the trained model keeps a copy): */
    const struct cdk_wordvec *vectors; /* NULL = none */
    int vec_dense;       /* 1: the sentence's mean vector as features */
    int vec_clusters;    /* 1: word clusters and cluster pairs */
    int average;         /* the mean of the weights at the ends of the
                            last N epochs (Polyak-Ruppert averaging), 0 =
                            the last weights */
    int runs;            /* the mean of the weights of N runs that
                            shuffle as seeds seed, seed + 1, ... would
                            (1 = one run; the threshold folds keep seed) */
    double nb;           /* > 0: scale the hashed features by their
                            naive-Bayes log-count ratios (Wang and Manning
                            2012) smoothed by this; folded into the saved
                            weights, so scoring is unchanged */
};

/* Counts and figures for the positive class. */
struct cdk_model_metrics {
    size_t tp, fp, tn, fn;
    double precision, recall, f1, accuracy;
};

void cdk_model_options_init(struct cdk_model_options *opt);

/*
 * The bundled default model, made once on first use and kept for the
 * life of the process (do not free it): from the image the build
 * compiled in (model_image.h; nothing to parse), else parsed from the
 * embedded text. NULL and err set when the embedded data is missing or
 * corrupt.
 */
const struct cdk_model *cdk_model_default(struct cdk_error *err);

/* Load a model file written by cdk_model_save; NULL and err on failure. */
struct cdk_model *cdk_model_load(const char *path, struct cdk_error *err);

/*
 * Parse a model from memory (`name` is used in messages). Validates the
 * header, every setting, every weight and the checksum; NULL and err
 * (CDK_ERR_INPUT, with the line) on anything corrupt or truncated.
 */
struct cdk_model *cdk_model_parse(const char *data, size_t len,
                                  const char *name, struct cdk_error *err);

/* Check-worthiness of one sentence (UTF-8, need not be NUL-terminated). */
double cdk_model_score(const struct cdk_model *m, const char *text,
                       size_t len);

/*
 * cdk_model_score by the generic feature pass, one feature at a time:
 * the reference that cdk_model_score's fast pass must equal bit for bit
 * (for tests and measurements).
 */
double cdk_model_score_reference(const struct cdk_model *m, const char *text,
                                 size_t len);

/*
 * The fast pass remembers what it found about each word in a cache of
 * the calling thread (made on its first score, freed when the thread
 * ends). For tests: give the calling thread's cache `slots` slots
 * (rounded up to a power of two; 0 = the default) from its next score
 * on; a tiny cache makes every word evict another. Scores never depend
 * on it.
 */
void cdk_model_cache_slots(size_t slots);

/* 1 when cdk_model_score uses its fast pass for m (a model with character
 * n-grams, or with more than 1024 clusters, uses the reference). */
int cdk_model_fast(const struct cdk_model *m);

/* The decision threshold: a score >= it means check-worthy. */
double cdk_model_threshold(const struct cdk_model *m);

/* The word vectors the model uses (owned by m), or NULL. */
const struct cdk_wordvec *cdk_model_vectors(const struct cdk_model *m);

/* Number of nonzero weights (hashed and cue), for reports. */
size_t cdk_model_nonzero(const struct cdk_model *m);

void cdk_model_free(struct cdk_model *m);

/*
 * Call fn(arg, key) for each token of text[0..len) in order, as the model
 * tokenises it (lowercased words, <num>/<year>, "$ % ? . , ..."); key is
 * the 64-bit hash that cdk_wordvec tables are keyed by.
 */
void cdk_model_tokens(const char *text, size_t len,
                      void (*fn)(void *arg, uint64_t key), void *arg);

/*
 * Train a model on ex[0..n). Needs at least one example of each class;
 * NULL and err (CDK_ERR_INPUT or CDK_ERR_USAGE for bad options)
 * otherwise. The caller frees the result with cdk_model_free.
 */
struct cdk_model *cdk_model_train(const struct cdk_model_example *ex,
                                  size_t n,
                                  const struct cdk_model_options *opt,
                                  struct cdk_error *err);

/*
 * The naive-Bayes ratio that training with opt->nb > 0 scales the
 * unigram feature of `word` (one token as the model reads it) by:
 * log(((p + nb) / (P + 2 nb)) / ((q + nb) / (N + 2 nb))), where p of
 * the P check-worthy and q of the N other sentences of ex[0..n) have it.
 * For tests and inspection.
 */
double cdk_model_nb_ratio(const struct cdk_model_example *ex, size_t n,
                          const struct cdk_model_options *opt,
                          const char *word);

/* Append the model file's bytes to `out`. */
void cdk_model_write(const struct cdk_model *m, struct cdk_buf *out);

/* Write the model to `path` (via a temporary file); 0 or -1 and err. */
int cdk_model_save(const struct cdk_model *m, const char *path,
                   struct cdk_error *err);

/* Score ex[0..n) with `m` at its threshold and fill *out. */
void cdk_model_evaluate(const struct cdk_model *m,
                        const struct cdk_model_example *ex, size_t n,
                        struct cdk_model_metrics *out);

/*
 * Stratified k-fold cross-validation (k >= 2): the folds are drawn with
 * opt->seed; each fold's model is trained on the others with `opt`.
 * fold[0..k) gets each fold's figures, *pooled (when not NULL) the counts
 * summed over all folds. 0, or -1 and err.
 */
int cdk_model_cross_validate(const struct cdk_model_example *ex, size_t n,
                             const struct cdk_model_options *opt, int k,
                             struct cdk_model_metrics *fold,
                             struct cdk_model_metrics *pooled,
                             struct cdk_error *err);

/* Fill precision, recall, f1 and accuracy from the four counts. */
void cdk_model_metrics_finish(struct cdk_model_metrics *mt);

#endif
