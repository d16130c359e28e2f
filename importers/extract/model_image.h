/*
 * A model compiled into the binary: the arrays that cdk_model_parse
 * builds from a model file, as C data, so that the bundled model costs
 * nothing to load. At build time scripts/model_image.c parses every
 * .model file of importers/extract/models (checksum and all) with the
 * same code and writes model_images.c (cdk_model_image_write);
 * cdk_model_default takes the model from there (cdk_model_from_image) and falls
 * back to parsing the embedded text when a build has no image. The text file
 * stays the source of truth; `--model FILE` still reads text.
 *
 * Only model.c, wordvec.c, the tool and the generated file use this
 * header; the structs here are the internals of struct cdk_model and
 * struct cdk_wordvec, laid out as those keep them in memory.
 */
#ifndef CDK_IMPORTERS_EXTRACT_MODEL_IMAGE_H
#define CDK_IMPORTERS_EXTRACT_MODEL_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct cdk_model;
struct cdk_wordvec;

/*
 * One word of a model's dense scoring table (open addressing, linear
 * probing from cdk_mix64(key)): its vector times the dense weights, so
 * that scoring adds one number per word instead of a vector (the mean's
 * contribution is the mean of these), and its cluster, in one 16-byte
 * slot: one cache miss a word.
 */
struct cdk_model_fold_slot {
    uint64_t key;
    float w;
    int32_t cluster; /* -1: an empty slot */
};

/*
 * One token hash of the fast scorer's table (open addressing, linear
 * probing from the top bits of key * 0x9e3779b97f4a7c15): all that
 * scoring needs to know about a token and that depends on its hash
 * alone, found with one probe. It holds the words that have a vector and
 * the lexicon words; a token that is in neither has no slot.
 */
struct cdk_model_word_slot {
    uint64_t key;    /* the token's hash, as the featurizer computes it */
    float uni;       /* the weight of its unigram feature */
    float fold;      /* its folded dense weight (fold_slot.w), or 0 */
    int16_t cluster; /* its cluster; -1 no vector; -2 a free slot */
    uint16_t lex;    /* 1 + the lexicon table slot of the lexicon word
                        with this hash (compare the bytes), or 0 */
};

/* struct cdk_wordvec's arrays (see wordvec.c). */
struct cdk_wordvec_image {
    size_t n;
    int dim, clusters;
    const uint64_t *key;  /* n */
    const int *cluster;   /* n */
    const float *scale;   /* n */
    const signed char *q; /* n * dim */
    size_t mask;          /* the lookup: mask + 1 slots */
    const uint32_t *slot;
};

/* struct cdk_model's settings and arrays (see model.c). */
struct cdk_model_image {
    const char *name; /* the model file's name, e.g. "checkworthy.model" */
    unsigned hash_bits;
    int word_ngrams, char_min, char_max, dense, clusters;
    double bias, threshold;
    size_t nweights;
    const float *w;                         /* nweights */
    const struct cdk_wordvec_image *wv;     /* NULL without vectors */
    const struct cdk_model_fold_slot *ftab; /* NULL without dense */
    size_t fmask;
    const struct cdk_model_word_slot *wtab; /* NULL: the reference scores */
    size_t wmask;
    unsigned wshift;
    uint64_t lexicons; /* the lexicon table wtab's lex fields index (a
                          fingerprint; an image of another is refused) */
    int ncl;
    const float *cw_uni;  /* ncl + 1, or NULL */
    const float *cw_pair; /* (ncl + 2) * (ncl + 1), or NULL */
};

/* The generated table (model_images.c); count 0 in a build without. */
extern const struct cdk_model_image *const cdk_model_images[];
extern const size_t cdk_model_images_count;

/*
 * Append C definitions of m as file-local arrays named PREFIX_* and a
 * `static const struct cdk_model_image PREFIX` called `name`. Floats are
 * written as hexadecimal literals: the image holds the very bits.
 */
void cdk_model_image_write(const struct cdk_model *m, const char *name,
                           const char *prefix, struct cdk_buf *out);

/*
 * The model of an image, pointing into it (which must outlive it; the
 * generated images are static). cdk_model_free frees only what this
 * allocated. The result scores exactly as the parsed file does.
 */
struct cdk_model *cdk_model_from_image(const struct cdk_model_image *img);

/* 1 when a and b hold the same settings and tables, bit for bit (for
 * the tests: an image against the parsed file). */
int cdk_model_same(const struct cdk_model *a, const struct cdk_model *b);

/* The same for the word vectors. */
void cdk_wordvec_image_write(const struct cdk_wordvec *wv, const char *prefix,
                             struct cdk_buf *out);
struct cdk_wordvec *cdk_wordvec_from_image(const struct cdk_wordvec_image *img);
int cdk_wordvec_same(const struct cdk_wordvec *a, const struct cdk_wordvec *b);

#endif
