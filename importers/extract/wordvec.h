/*
 * Word vectors learned here from unlabelled text: skip-gram with negative
 * sampling (word2vec) over the check-worthiness model's own tokens
 * (lowercased words, numbers as <num>/<year>, "$ % ?" ...), then k-means
 * clusters of the vectors. The check-worthiness model uses them to see
 * that words it never met in its labelled sentences behave like words it
 * did: the average vector of a sentence and the clusters of its words
 * (and of word pairs) are features next to the word n-grams.
 *
 * Invariants: words are keyed by the 64-bit hash of the normalised token
 * (cdk_model_tokens); every vector has `dim` components and unit length
 * up to the int8 quantisation the file keeps (q * scale / 127); cluster
 * ids are in [0, clusters). A table is immutable once built or parsed.
 *
 * Training is deterministic: one thread, a fixed-seed generator, the
 * vocabulary sorted by count then key.
 */
#ifndef CDK_IMPORTERS_EXTRACT_WORDVEC_H
#define CDK_IMPORTERS_EXTRACT_WORDVEC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

struct cdk_wordvec;

struct cdk_wordvec_options {
    int dim;         /* vector size, 4..128 */
    int window;      /* context words on each side, 1..20 */
    int negative;    /* negative samples per pair, 1..50 */
    int epochs;      /* passes over the corpus, 1..100 */
    int min_count;   /* words seen fewer times get no vector */
    int clusters;    /* k-means clusters, 2..4096 */
    int kmeans_iter; /* k-means iterations */
    double rate;     /* starting learning rate, decays linearly */
    double sample;   /* subsampling of frequent words, 0 = none */
    uint64_t seed;
};

void cdk_wordvec_options_init(struct cdk_wordvec_options *opt);

/*
 * Learn vectors and clusters from text[0..n) (each text[i] of len[i]
 * bytes, UTF-8; a line, a sentence or a paragraph). NULL and err
 * (CDK_ERR_USAGE for bad options, CDK_ERR_INPUT when the text has fewer
 * words than clusters) on failure. The caller frees the result.
 */
struct cdk_wordvec *cdk_wordvec_train(const char *const *text,
                                      const size_t *len, size_t n,
                                      const struct cdk_wordvec_options *opt,
                                      struct cdk_error *err);

/*
 * Read pretrained vectors in the common text form (GloVe, word2vec and
 * fastText .vec text): one "WORD X1 ... XD" line per word (4 <= D <= 128),
 * most frequent first, an optional "COUNT DIM" first line. Each word is
 * keyed as the model tokenises it (cdk_model_tokens); a word that is not
 * one model token, or whose key an earlier line took (every number is
 * <num>), is skipped. Reading stops after max_words kept words (0 = no
 * limit). Vectors are stored at unit length, int8, then clustered with
 * opt->clusters, opt->kmeans_iter and opt->seed as in training. NULL and
 * err (CDK_ERR_INPUT naming the file and line for a malformed line,
 * CDK_ERR_NOT_FOUND for a missing file) on failure.
 */
struct cdk_wordvec *cdk_wordvec_import(const char *path, size_t max_words,
                                       const struct cdk_wordvec_options *opt,
                                       struct cdk_error *err);

/*
 * Copy the vector of a token hash (dim floats) to out and its cluster to
 * *cluster (either may be NULL): 1 when the word has a vector, 0 when not.
 * The table keeps int8 components; the copy is q * scale / 127, the same
 * floats every time.
 */
int cdk_wordvec_get(const struct cdk_wordvec *wv, uint64_t key, float *out,
                    int *cluster);

/* Word i < size: its vector copied to out (dim floats), key and cluster. */
void cdk_wordvec_vector(const struct cdk_wordvec *wv, size_t i, float *out);
uint64_t cdk_wordvec_key(const struct cdk_wordvec *wv, size_t i);
int cdk_wordvec_cluster(const struct cdk_wordvec *wv, size_t i);

int cdk_wordvec_dim(const struct cdk_wordvec *wv);
int cdk_wordvec_clusters(const struct cdk_wordvec *wv);
size_t cdk_wordvec_size(const struct cdk_wordvec *wv);

/* A copy sharing nothing with wv. */
struct cdk_wordvec *cdk_wordvec_copy(const struct cdk_wordvec *wv);

/*
 * Append the table as text lines: "vectors WORDS DIM CLUSTERS", then one
 * "KEY CLUSTER SCALE HEX" line per word (KEY 16 hex digits, HEX the
 * int8 components as 2 hex digits each).
 */
void cdk_wordvec_write(const struct cdk_wordvec *wv, struct cdk_buf *out);

/*
 * Parse what cdk_wordvec_write wrote from data[*pos..len); *pos moves past
 * it and *line counts the lines read. NULL and err (CDK_ERR_INPUT naming
 * `name` and the line) on anything malformed.
 */
struct cdk_wordvec *cdk_wordvec_parse(const char *data, size_t len,
                                      size_t *pos, long *line,
                                      const char *name,
                                      struct cdk_error *err);

/*
 * A vectors file: "claimdesk-vectors 1", the table, "end CHECKSUM"
 * (FNV-1a 64 of what precedes it). 0 / the table, or -1 / NULL and err.
 */
int cdk_wordvec_save(const struct cdk_wordvec *wv, const char *path,
                     struct cdk_error *err);
struct cdk_wordvec *cdk_wordvec_load(const char *path,
                                     struct cdk_error *err);

void cdk_wordvec_free(struct cdk_wordvec *wv);

#endif
