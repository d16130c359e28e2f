/*
 * Word vectors (see wordvec.h): the vocabulary, skip-gram training with
 * negative sampling as in word2vec (Mikolov et al. 2013; one thread so
 * that it is deterministic), int8 quantisation, spherical k-means, the
 * lookup table and the text form kept inside model files.
 */
#include "wordvec.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/mem.h"
#include "importers/extract/model.h"
#include "importers/extract/model_image.h"
#include "importers/extract/num.h"

#define EXP_TABLE 1024
#define MAX_EXP 6.0f
#define NEG_TABLE (1u << 20)

struct cdk_wordvec {
    size_t n;
    int dim, clusters;
    uint64_t *key;  /* n */
    int *cluster;   /* n */
    float *scale;   /* n: max |component| of the unit vector */
    signed char *q; /* n * dim; a component is q * scale / 127 */
    size_t mask;    /* lookup: slots of mask + 1, index + 1 or 0 */
    uint32_t *slot;
    bool image;     /* the arrays are a compiled-in image's, not ours */
};

void
cdk_wordvec_options_init(struct cdk_wordvec_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->dim = 48;
    opt->window = 5;
    opt->negative = 5;
    opt->epochs = 5;
    opt->min_count = 3;
    opt->clusters = 256;
    opt->kmeans_iter = 20;
    opt->rate = 0.025;
    opt->sample = 1e-3;
    opt->seed = 20240229;
}

/* ---- the lookup table ---- */

static void
index_build(struct cdk_wordvec *wv)
{
    size_t cap = 16, i;

    while (cap < wv->n * 2)
        cap *= 2;
    wv->mask = cap - 1;
    wv->slot = cdk_xcalloc(cap, sizeof(*wv->slot));
    for (i = 0; i < wv->n; i++) {
        size_t s = (size_t)cdk_mix64(wv->key[i]) & wv->mask;
        while (wv->slot[s])
            s = (s + 1) & wv->mask;
        wv->slot[s] = (uint32_t)(i + 1);
    }
}

static long
wordvec_index(const struct cdk_wordvec *wv, uint64_t key, int *cluster)
{
    size_t s = (size_t)cdk_mix64(key) & wv->mask;
    uint32_t v;

    while ((v = wv->slot[s]) != 0) {
        if (wv->key[v - 1] == key) {
            if (cluster)
                *cluster = wv->cluster[v - 1];
            return (long)(v - 1);
        }
        s = (s + 1) & wv->mask;
    }
    return -1;
}

void
cdk_wordvec_vector(const struct cdk_wordvec *wv, size_t i, float *out)
{
    size_t d, D = (size_t)wv->dim;
    const signed char *q = wv->q + i * D;

    for (d = 0; d < D; d++)
        out[d] = (float)q[d] * wv->scale[i] / 127.0f;
}

int
cdk_wordvec_get(const struct cdk_wordvec *wv, uint64_t key, float *out,
                int *cluster)
{
    long i = wordvec_index(wv, key, cluster);

    if (i < 0)
        return 0;
    if (out)
        cdk_wordvec_vector(wv, (size_t)i, out);
    return 1;
}

uint64_t
cdk_wordvec_key(const struct cdk_wordvec *wv, size_t i)
{
    return wv->key[i];
}

int
cdk_wordvec_cluster(const struct cdk_wordvec *wv, size_t i)
{
    return wv->cluster[i];
}

int
cdk_wordvec_dim(const struct cdk_wordvec *wv)
{
    return wv->dim;
}

int
cdk_wordvec_clusters(const struct cdk_wordvec *wv)
{
    return wv->clusters;
}

size_t
cdk_wordvec_size(const struct cdk_wordvec *wv)
{
    return wv->n;
}

static struct cdk_wordvec *
wordvec_alloc(size_t n, int dim, int clusters)
{
    struct cdk_wordvec *wv = cdk_xcalloc(1, sizeof(*wv));

    wv->n = n;
    wv->dim = dim;
    wv->clusters = clusters;
    wv->key = cdk_xcalloc(n ? n : 1, sizeof(*wv->key));
    wv->cluster = cdk_xcalloc(n ? n : 1, sizeof(*wv->cluster));
    wv->scale = cdk_xcalloc(n ? n : 1, sizeof(*wv->scale));
    wv->q = cdk_xcalloc((n ? n : 1) * (size_t)dim, 1);
    return wv;
}

/*
 * Store x (dim floats, any length) as word i: scaled to unit length, then
 * int8 with the word's own scale, which goes through the file's text form
 * so that a table read back is the table written.
 */
static void
set_vector(struct cdk_wordvec *wv, size_t i, const float *x)
{
    size_t d, D = (size_t)wv->dim;
    double norm = 0;
    float mx = 0;
    char tmp[32];

    for (d = 0; d < D; d++)
        norm += (double)x[d] * x[d];
    norm = norm > 0 ? sqrt(norm) : 1;
    for (d = 0; d < D; d++) {
        float u = (float)(x[d] / norm);
        if (fabsf(u) > mx)
            mx = fabsf(u);
    }
    if (mx <= 0)
        mx = 1;
    snprintf(tmp, sizeof(tmp), "%.6g", (double)mx);
    wv->scale[i] = strtof(tmp, NULL);
    for (d = 0; d < D; d++) {
        long q = lrintf((float)(x[d] / norm) / wv->scale[i] * 127.0f);
        if (q > 127)
            q = 127;
        if (q < -127)
            q = -127;
        wv->q[i * D + d] = (signed char)q;
    }
}

struct cdk_wordvec *
cdk_wordvec_copy(const struct cdk_wordvec *wv)
{
    struct cdk_wordvec *c = wordvec_alloc(wv->n, wv->dim, wv->clusters);
    size_t n = wv->n ? wv->n : 1;

    memcpy(c->key, wv->key, n * sizeof(*c->key));
    memcpy(c->cluster, wv->cluster, n * sizeof(*c->cluster));
    memcpy(c->scale, wv->scale, n * sizeof(*c->scale));
    memcpy(c->q, wv->q, n * (size_t)wv->dim);
    index_build(c);
    return c;
}

void
cdk_wordvec_free(struct cdk_wordvec *wv)
{
    if (!wv)
        return;
    if (wv->image) {
        free(wv);
        return;
    }
    free(wv->key);
    free(wv->cluster);
    free(wv->scale);
    free(wv->q);
    free(wv->slot);
    free(wv);
}

/* ---- the vocabulary while counting ---- */

struct vocab {
    uint64_t *key;
    uint64_t *count;
    size_t n, cap; /* cap a power of two; open addressing */
    uint32_t *slot;
};

static void vocab_grow(struct vocab *v);

static uint32_t
vocab_add(struct vocab *v, uint64_t key)
{
    size_t s;
    uint32_t id;

    if ((v->n + 1) * 2 > v->cap)
        vocab_grow(v);
    s = (size_t)cdk_mix64(key) & (v->cap - 1);
    while ((id = v->slot[s]) != 0) {
        if (v->key[id - 1] == key) {
            v->count[id - 1]++;
            return id - 1;
        }
        s = (s + 1) & (v->cap - 1);
    }
    v->key[v->n] = key;
    v->count[v->n] = 1;
    v->n++;
    v->slot[s] = (uint32_t)v->n;
    return (uint32_t)(v->n - 1);
}

static void
vocab_grow(struct vocab *v)
{
    size_t cap = v->cap ? v->cap * 2 : 1024, i;

    free(v->slot);
    v->cap = cap;
    v->slot = cdk_xcalloc(cap, sizeof(*v->slot));
    v->key = cdk_xreallocarray(v->key, cap / 2, sizeof(*v->key));
    v->count = cdk_xreallocarray(v->count, cap / 2, sizeof(*v->count));
    for (i = 0; i < v->n; i++) {
        size_t s = (size_t)cdk_mix64(v->key[i]) & (cap - 1);
        while (v->slot[s])
            s = (s + 1) & (cap - 1);
        v->slot[s] = (uint32_t)(i + 1);
    }
}

/* the corpus as word ids, sentences delimited by start offsets */
struct corpus {
    uint32_t *id;
    size_t n, alloc;
    struct vocab *v;
};

static void
corpus_token(void *arg, uint64_t key)
{
    struct corpus *c = arg;

    CDK_ALLOC_GROW(c->id, c->n + 1, c->alloc);
    c->id[c->n++] = vocab_add(c->v, key);
}

struct by_count {
    uint64_t key, count;
    uint32_t old;
};

static int
by_count_cmp(const void *a, const void *b)
{
    const struct by_count *x = a, *y = b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return 0;
}

/* The options clustering uses (training and import). */
static int
check_cluster_options(const struct cdk_wordvec_options *o,
                      struct cdk_error *err)
{
    if (o->clusters < 2 || o->clusters > 4096)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "clusters must be between 2 and 4096");
    if (o->kmeans_iter < 0 || o->kmeans_iter > 1000)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "k-means iterations must be in [0, 1000]");
    return 0;
}

static int
check_options(const struct cdk_wordvec_options *o, struct cdk_error *err)
{
    if (check_cluster_options(o, err) < 0)
        return -1;
    if (o->dim < 4 || o->dim > 128)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the vector size must be between 4 and 128");
    if (o->window < 1 || o->window > 20)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the window must be between 1 and 20");
    if (o->negative < 1 || o->negative > 50)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "negative samples must be between 1 and 50");
    if (o->epochs < 1 || o->epochs > 100)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "epochs must be between 1 and 100");
    if (o->min_count < 1 || o->min_count > 1000000)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the minimum count must be in [1, 1000000]");
    if (!(o->rate > 0 && o->rate <= 1))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the learning rate must be in (0, 1]");
    if (!(o->sample >= 0 && o->sample <= 1))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the subsampling rate must be in [0, 1]");
    return 0;
}

/* ---- skip-gram with negative sampling ---- */

static void
sgns(const uint32_t *id, const size_t *sent, size_t nsent,
     const uint64_t *count, size_t V, const struct cdk_wordvec_options *o,
     float *syn0)
{
    size_t D = (size_t)o->dim, i, s, total = 0, done = 0;
    float *syn1 = cdk_xcalloc(V * D, sizeof(*syn1));
    float *neu1e = cdk_xcalloc(D, sizeof(*neu1e));
    float exp_table[EXP_TABLE];
    uint32_t *table = cdk_xmalloc(NEG_TABLE * sizeof(*table));
    uint32_t *buf = NULL;
    size_t buf_alloc = 0;
    double pw = 0, cum, thr;
    uint64_t rng = o->seed ^ 0x77a1ULL;
    int e;

    for (i = 0; i < EXP_TABLE; i++) {
        double x = exp(((double)i / EXP_TABLE * 2 - 1) * MAX_EXP);
        exp_table[i] = (float)(x / (x + 1));
    }
    for (i = 0; i < V; i++) {
        pw += pow((double)count[i], 0.75);
        total += count[i];
    }
    {
        size_t w = 0;
        cum = pow((double)count[0], 0.75) / pw;
        for (i = 0; i < NEG_TABLE; i++) {
            table[i] = (uint32_t)w;
            if ((double)i / NEG_TABLE > cum && w + 1 < V) {
                w++;
                cum += pow((double)count[w], 0.75) / pw;
            }
        }
    }
    for (i = 0; i < V * D; i++)
        syn0[i] =
            ((float)(cdk_splitmix64(&rng) >> 40) / (float)(1 << 24) - 0.5f) /
            (float)D;
    thr = o->sample * (double)total;
    for (e = 0; e < o->epochs; e++) {
        for (s = 0; s < nsent; s++) {
            size_t len = 0, a, b;

            for (a = sent[s]; a < sent[s + 1]; a++) {
                uint32_t w = id[a];
                done++;
                if (w == UINT32_MAX)
                    continue;
                if (thr > 0) {
                    double f = (double)count[w];
                    double keep = (sqrt(f / thr) + 1) * thr / f;
                    double r = (double)(cdk_splitmix64(&rng) >> 11) /
                               9007199254740992.0;
                    if (keep < r)
                        continue;
                }
                CDK_ALLOC_GROW(buf, len + 1, buf_alloc);
                buf[len++] = w;
            }
            {
                float alpha = (float)(o->rate *
                                      (1.0 - (double)done /
                                                 ((double)o->epochs *
                                                      (double)sent[nsent] +
                                                  1)));
                if (alpha < (float)o->rate * 1e-4f)
                    alpha = (float)o->rate * 1e-4f;
                for (a = 0; a < len; a++) {
                    size_t shrink =
                        (size_t)(cdk_splitmix64(&rng) % (uint64_t)o->window);
                    size_t win = (size_t)o->window - shrink;
                    size_t lo = a >= win ? a - win : 0;
                    size_t hi = a + win < len ? a + win : len - 1;

                    for (b = lo; b <= hi; b++) {
                        float *l1;
                        int k;
                        size_t d;

                        if (b == a)
                            continue;
                        l1 = syn0 + (size_t)buf[b] * D;
                        memset(neu1e, 0, D * sizeof(*neu1e));
                        for (k = 0; k <= o->negative; k++) {
                            uint32_t target;
                            float label, f = 0, g, *l2;

                            if (k == 0) {
                                target = buf[a];
                                label = 1;
                            } else {
                                target = table[(cdk_splitmix64(&rng) >> 20) &
                                               (NEG_TABLE - 1)];
                                if (target == buf[a])
                                    continue;
                                label = 0;
                            }
                            l2 = syn1 + (size_t)target * D;
                            for (d = 0; d < D; d++)
                                f += l1[d] * l2[d];
                            if (f > MAX_EXP)
                                g = (label - 1) * alpha;
                            else if (f < -MAX_EXP)
                                g = label * alpha;
                            else
                                g = (label -
                                     exp_table[(int)((f + MAX_EXP) *
                                                     (EXP_TABLE / MAX_EXP /
                                                      2))]) *
                                    alpha;
                            for (d = 0; d < D; d++)
                                neu1e[d] += g * l2[d];
                            for (d = 0; d < D; d++)
                                l2[d] += g * l1[d];
                        }
                        for (d = 0; d < D; d++)
                            l1[d] += neu1e[d];
                    }
                }
            }
        }
    }
    free(buf);
    free(table);
    free(neu1e);
    free(syn1);
}

/* ---- spherical k-means ---- */

static void
kmeans(struct cdk_wordvec *wv, int K, int iters, uint64_t seed)
{
    size_t D = (size_t)wv->dim, n = wv->n, i, d;
    float *cen = cdk_xcalloc((size_t)K * D, sizeof(*cen));
    double *acc = cdk_xcalloc((size_t)K * D, sizeof(*acc));
    size_t *cnt = cdk_xcalloc((size_t)K, sizeof(*cnt));
    size_t *pick = cdk_xmalloc(n * sizeof(*pick));
    float *vec = cdk_xmalloc((n ? n : 1) * D * sizeof(*vec));
    uint64_t rng = seed ^ 0xc1u;
    int it, k;

    for (i = 0; i < n; i++)
        cdk_wordvec_vector(wv, i, vec + i * D);
    /* start from K distinct words drawn at random */
    for (i = 0; i < n; i++)
        pick[i] = i;
    for (k = 0; k < K; k++) {
        size_t j = (size_t)k + (size_t)(cdk_splitmix64(&rng) % (n - (size_t)k));
        size_t t = pick[k];
        pick[k] = pick[j];
        pick[j] = t;
        memcpy(cen + (size_t)k * D, vec + pick[k] * D, D * sizeof(*cen));
    }
    for (it = 0; it <= iters; it++) {
        for (i = 0; i < n; i++) {
            const float *v = vec + i * D;
            float best = -1e30f;
            int bk = 0;

            for (k = 0; k < K; k++) {
                const float *c = cen + (size_t)k * D;
                float s = 0;
                for (d = 0; d < D; d++)
                    s += v[d] * c[d];
                if (s > best) {
                    best = s;
                    bk = k;
                }
            }
            wv->cluster[i] = bk;
        }
        if (it == iters)
            break;
        memset(acc, 0, (size_t)K * D * sizeof(*acc));
        memset(cnt, 0, (size_t)K * sizeof(*cnt));
        for (i = 0; i < n; i++) {
            k = wv->cluster[i];
            cnt[k]++;
            for (d = 0; d < D; d++)
                acc[(size_t)k * D + d] += vec[i * D + d];
        }
        for (k = 0; k < K; k++) {
            double norm = 0;
            if (!cnt[k])
                continue; /* an empty cluster keeps its centre */
            for (d = 0; d < D; d++)
                norm += acc[(size_t)k * D + d] * acc[(size_t)k * D + d];
            norm = sqrt(norm);
            if (norm <= 0)
                continue;
            for (d = 0; d < D; d++)
                cen[(size_t)k * D + d] =
                    (float)(acc[(size_t)k * D + d] / norm);
        }
    }
    free(pick);
    free(vec);
    free(cnt);
    free(acc);
    free(cen);
}

struct cdk_wordvec *
cdk_wordvec_train(const char *const *text, const size_t *len, size_t n,
                  const struct cdk_wordvec_options *o, struct cdk_error *err)
{
    struct vocab v;
    struct corpus c;
    size_t *sent, i, V = 0, D;
    uint32_t *remap;
    struct by_count *bc;
    float *syn0;
    struct cdk_wordvec *wv;

    if (check_options(o, err) < 0)
        return NULL;
    memset(&v, 0, sizeof(v));
    memset(&c, 0, sizeof(c));
    c.v = &v;
    vocab_grow(&v);
    sent = cdk_xmalloc((n + 1) * sizeof(*sent));
    for (i = 0; i < n; i++) {
        sent[i] = c.n;
        cdk_model_tokens(text[i] ? text[i] : "", text[i] ? len[i] : 0,
                         corpus_token, &c);
    }
    sent[n] = c.n;

    /* keep the words seen min_count times, most frequent first */
    bc = cdk_xmalloc((v.n ? v.n : 1) * sizeof(*bc));
    for (i = 0; i < v.n; i++)
        if (v.count[i] >= (uint64_t)o->min_count) {
            bc[V].key = v.key[i];
            bc[V].count = v.count[i];
            bc[V].old = (uint32_t)i;
            V++;
        }
    if (V < (size_t)o->clusters) {
        cdk_error_set(err, CDK_ERR_INPUT,
                      "the text has %zu words seen %d times or more, fewer "
                      "than the %d clusters asked for",
                      V, o->min_count, o->clusters);
        free(bc);
        free(sent);
        free(c.id);
        free(v.key);
        free(v.count);
        free(v.slot);
        return NULL;
    }
    qsort(bc, V, sizeof(*bc), by_count_cmp);
    remap = cdk_xmalloc((v.n ? v.n : 1) * sizeof(*remap));
    for (i = 0; i < v.n; i++)
        remap[i] = UINT32_MAX;
    for (i = 0; i < V; i++)
        remap[bc[i].old] = (uint32_t)i;
    for (i = 0; i < c.n; i++)
        c.id[i] = remap[c.id[i]];
    {
        uint64_t *count = cdk_xmalloc(V * sizeof(*count));
        for (i = 0; i < V; i++)
            count[i] = bc[i].count;
        D = (size_t)o->dim;
        syn0 = cdk_xmalloc(V * D * sizeof(*syn0));
        sgns(c.id, sent, n, count, V, o, syn0);
        free(count);
    }

    /* unit length, then int8 with a scale per word */
    wv = wordvec_alloc(V, o->dim, o->clusters);
    for (i = 0; i < V; i++) {
        wv->key[i] = bc[i].key;
        set_vector(wv, i, syn0 + i * D);
    }
    index_build(wv);
    kmeans(wv, o->clusters, o->kmeans_iter, o->seed);

    free(syn0);
    free(remap);
    free(bc);
    free(sent);
    free(c.id);
    free(v.key);
    free(v.count);
    free(v.slot);
    return wv;
}

/* ---- text form ---- */

static const char hexdig[] = "0123456789abcdef";

void
cdk_wordvec_write(const struct cdk_wordvec *wv, struct cdk_buf *out)
{
    size_t i, d, D = (size_t)wv->dim;
    char *hex = cdk_xmalloc(2 * D + 1);

    cdk_buf_addf(out, "vectors %zu %d %d\n", wv->n, wv->dim, wv->clusters);
    for (i = 0; i < wv->n; i++) {
        for (d = 0; d < D; d++) {
            unsigned char b = (unsigned char)wv->q[i * D + d];
            hex[2 * d] = hexdig[b >> 4];
            hex[2 * d + 1] = hexdig[b & 15];
        }
        hex[2 * D] = '\0';
        cdk_buf_addf(out, "%016llx %d %.6g %s\n",
                     (unsigned long long)wv->key[i], wv->cluster[i],
                     (double)wv->scale[i], hex);
    }
    free(hex);
}

static int
bad(const char *name, long line, const char *what, struct cdk_error *err)
{
    cdk_error_set(err, CDK_ERR_INPUT, "corrupt model '%s' line %ld: %s",
                  name, line, what);
    cdk_error_at(err, name, line);
    return -1;
}

/* a hex digit's value; 16 for any other byte */
static const unsigned char hex_nibble[256] = {
#define X16 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16
    X16, X16, X16,
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 16, 16, 16, 16, 16, /* 0x30 */
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 10, 11, 12, 13, 14, 15, 16, 16, 16, 16, 16, 16, 16, 16, 16, /* 0x60 */
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    X16, X16, X16, X16, X16, X16, X16, X16,
#undef X16
};

/*
 * Two hex digits (the first in the low byte of the index) to their byte,
 * with PAIR_BAD_DIGIT when either is no digit and PAIR_BAD_RANGE for
 * "80" (-128, outside the components' range). Built on first use.
 */
#define PAIR_BAD_DIGIT 0x100u
#define PAIR_BAD_RANGE 0x200u
static uint16_t hex_pair_table[65536];
static pthread_once_t hex_pair_once = PTHREAD_ONCE_INIT;

static void
hex_pairs_build(void)
{
    unsigned i;

    for (i = 0; i < 65536; i++) {
        unsigned hi = hex_nibble[i & 0xff], lo = hex_nibble[i >> 8];
        unsigned v = (hi << 4 | lo) & 0xff;
        if (hi == 16 || lo == 16)
            v |= PAIR_BAD_DIGIT;
        else if (v == 0x80)
            v |= PAIR_BAD_RANGE;
        hex_pair_table[i] = (uint16_t)v;
    }
}

static const uint16_t *
hex_pairs(void)
{
    pthread_once(&hex_pair_once, hex_pairs_build);
    return hex_pair_table;
}

/* A decimal count in s ending at `end` (*next), at most max; 0 or -1. */
static int
parse_count(const char *s, char end, unsigned long long max,
            unsigned long long *out, char **next)
{
    if (!(*s >= '0' && *s <= '9'))
        return -1;
    errno = 0;
    *out = strtoull(s, next, 10);
    if (errno || **next != end || *out > max)
        return -1;
    return 0;
}

struct cdk_wordvec *
cdk_wordvec_parse(const char *data, size_t len, size_t *pos, long *line,
                  const char *name, struct cdk_error *err)
{
    char cur[512];
    const char *nl;
    size_t p = *pos, n, i, d, D;
    unsigned long long words, dim, clusters;
    char *next;
    struct cdk_wordvec *wv = NULL;

    /* the header line */
    (*line)++;
    nl = p < len ? memchr(data + p, '\n', len - p) : NULL;
    if (!nl || (size_t)(nl - (data + p)) >= sizeof(cur)) {
        bad(name, *line, "expected the vectors line", err);
        return NULL;
    }
    n = (size_t)(nl - (data + p));
    memcpy(cur, data + p, n);
    cur[n] = '\0';
    p += n + 1;
    if (memchr(cur, '\0', n) || strncmp(cur, "vectors ", 8) != 0 ||
        parse_count(cur + 8, ' ', 2000000, &words, &next) < 0 ||
        parse_count(next + 1, ' ', 128, &dim, &next) < 0 ||
        parse_count(next + 1, '\0', 4096, &clusters, &next) < 0 || dim < 4 ||
        clusters < 2) {
        bad(name, *line, "bad vectors line", err);
        return NULL;
    }
    D = (size_t)dim;
    /* never allocate more than the data could describe */
    if (words > (len - p) / (2 * D + 20)) {
        bad(name, *line, "more vectors than the file holds (truncated?)",
            err);
        return NULL;
    }
    wv = wordvec_alloc((size_t)words, (int)dim, (int)clusters);
    for (i = 0; i < wv->n; i++) {
        const char *s, *e;
        char *end;
        unsigned long long key;
        long cl;
        float sc;

        (*line)++;
        nl = p < len ? memchr(data + p, '\n', len - p) : NULL;
        if (!nl || (size_t)(nl - (data + p)) >= sizeof(cur)) {
            bad(name, *line, nl ? "line too long"
                                : "unexpected end of file (truncated?)",
                err);
            goto fail;
        }
        n = (size_t)(nl - (data + p));
        memcpy(cur, data + p, n);
        cur[n] = '\0';
        p += n + 1;
        if (memchr(cur, '\0', n) || n < 16 + 1 + 1 + 1 + 1 + 1 + 2 * D ||
            strspn(cur, hexdig) != 16 || cur[16] != ' ') {
            bad(name, *line, "bad vector line", err);
            goto fail;
        }
        /* sixteen lower-case hex digits (checked above): no strtoull */
        key = 0;
        for (d = 0; d < 16; d++)
            key = key << 4 | hex_nibble[(unsigned char)cur[d]];
        s = cur + 17;
        if (!(*s >= '0' && *s <= '9')) {
            bad(name, *line, "bad cluster", err);
            goto fail;
        }
        errno = 0;
        cl = strtol(s, &end, 10);
        if (errno || *end != ' ' || cl < 0 || (unsigned long long)cl >= clusters) {
            bad(name, *line, "bad cluster", err);
            goto fail;
        }
        s = end + 1;
        if (!((*s >= '0' && *s <= '9') || *s == '.')) {
            bad(name, *line, "bad scale", err);
            goto fail;
        }
        errno = 0;
        sc = cdk_num_strtof(s, &end);
        if (errno || *end != ' ' || !(sc > 0 && sc <= 1.0f)) {
            bad(name, *line, "bad scale", err);
            goto fail;
        }
        e = end + 1;
        if (strlen(e) != 2 * D) {
            bad(name, *line, "wrong number of components", err);
            goto fail;
        }
        {
            /* branch-free, a digit pair per lookup: the bundled model
             * has 2M components to read */
            unsigned flags = 0, bad_digit, bad_range;
            signed char *q = wv->q + i * D;
            const uint16_t *pairs = hex_pairs();
            for (d = 0; d < D; d++) {
                unsigned v = pairs[(unsigned char)e[2 * d] |
                                   (unsigned)(unsigned char)e[2 * d + 1] << 8];
                flags |= v;
                q[d] = (signed char)(unsigned char)v;
            }
            bad_digit = flags & PAIR_BAD_DIGIT;
            bad_range = flags & PAIR_BAD_RANGE;
            if (bad_digit || bad_range) {
                bad(name, *line,
                    bad_digit ? "bad component" : "component out of range",
                    err);
                goto fail;
            }
        }
        wv->key[i] = key;
        wv->cluster[i] = (int)cl;
        wv->scale[i] = sc;
    }
    index_build(wv);
    /* a key twice would make lookups depend on the order: refuse it */
    for (i = 0; i < wv->n; i++) {
        if (wordvec_index(wv, wv->key[i], NULL) != (long)i) {
            bad(name, *line, "a word appears twice", err);
            goto fail;
        }
    }
    *pos = p;
    return wv;
fail:
    cdk_wordvec_free(wv);
    return NULL;
}

/* ---- a file of its own ---- */

#define VECTORS_HEADER "claimdesk-vectors 1\n"

int
cdk_wordvec_save(const struct cdk_wordvec *wv, const char *path,
                 struct cdk_error *err)
{
    struct cdk_buf b = CDK_BUF_INIT;
    FILE *f;
    int rc = 0;

    cdk_buf_adds(&b, VECTORS_HEADER);
    cdk_wordvec_write(wv, &b);
    cdk_buf_addf(&b, "end %016llx\n",
                 (unsigned long long)cdk_fnv1a(b.buf, b.len, CDK_FNV1A_OFFSET));
    f = fopen(path, "wb");
    if (!f || fwrite(b.buf, 1, b.len, f) != b.len) {
        rc = cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                           path, strerror(errno));
        if (f)
            fclose(f);
    } else if (fclose(f) != 0) {
        rc = cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                           path, strerror(errno));
    }
    cdk_buf_release(&b);
    return rc;
}

/* fopen for reading; NULL and err (CDK_ERR_NOT_FOUND when missing). */
static FILE *
open_vectors(const char *path, struct cdk_error *err)
{
    FILE *f = fopen(path, "rb");

    if (!f)
        cdk_error_set(err, errno == ENOENT ? CDK_ERR_NOT_FOUND
                                           : CDK_ERR_FAILURE,
                      "could not open vectors '%s': %s", path,
                      strerror(errno));
    return f;
}

struct cdk_wordvec *
cdk_wordvec_load(const char *path, struct cdk_error *err)
{
    struct cdk_buf data = CDK_BUF_INIT;
    char chunk[65536], want[40];
    struct cdk_wordvec *wv = NULL;
    size_t n, pos, hl = strlen(VECTORS_HEADER);
    long line = 1;
    FILE *f = open_vectors(path, err);

    if (!f)
        return NULL;
    data.max = (size_t)256 << 20;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if (cdk_buf_add(&data, chunk, n) < 0)
            break;
    fclose(f);
    if (data.len < hl || memcmp(data.buf, VECTORS_HEADER, hl) != 0) {
        bad(path, 1, "not a claimdesk vectors file", err);
        goto out;
    }
    pos = hl;
    wv = cdk_wordvec_parse(data.buf, data.len, &pos, &line, path, err);
    if (!wv)
        goto out;
    snprintf(want, sizeof(want), "end %016llx\n",
             (unsigned long long)cdk_fnv1a(data.buf, pos, CDK_FNV1A_OFFSET));
    if (data.len - pos != strlen(want) ||
        memcmp(data.buf + pos, want, strlen(want)) != 0) {
        bad(path, line + 1, "checksum mismatch or data after the end", err);
        cdk_wordvec_free(wv);
        wv = NULL;
    }
out:
    cdk_buf_release(&data);
    return wv;
}

/* ---- pretrained vectors in the common text form ---- */

/* the keys cdk_model_tokens gives one word */
struct word_keys {
    uint64_t key;
    int n;
};

static void
word_key(void *arg, uint64_t key)
{
    struct word_keys *wk = arg;

    if (wk->n++ == 0)
        wk->key = key;
}

static int
import_bad(const char *path, long line, const char *what,
           struct cdk_error *err)
{
    /* the position goes with the error (cli prints FILE:LINE: first) */
    cdk_error_set(err, CDK_ERR_INPUT, "bad vectors line: %s", what);
    cdk_error_at(err, path, line);
    return -1;
}

struct cdk_wordvec *
cdk_wordvec_import(const char *path, size_t max_words,
                   const struct cdk_wordvec_options *o,
                   struct cdk_error *err)
{
    FILE *f;
    char *line = NULL;
    size_t cap = 0, n = 0, alloc = 0, i, D = 0;
    ssize_t got;
    long lineno = 0;
    uint64_t *keys = NULL;
    float *vecs = NULL, *x = NULL;
    struct vocab seen;
    struct cdk_wordvec *wv = NULL;

    if (check_cluster_options(o, err) < 0 ||
        (f = open_vectors(path, err)) == NULL)
        return NULL;
    memset(&seen, 0, sizeof(seen));
    vocab_grow(&seen);
    while ((max_words == 0 || n < max_words) &&
           (got = getline(&line, &cap, f)) > 0) {
        size_t len = (size_t)got, wlen, d;
        char *s, *end;
        struct word_keys wk;

        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (memchr(line, '\0', len)) {
            import_bad(path, lineno, "NUL byte", err);
            goto fail;
        }
        wlen = strcspn(line, " \t");
        if (wlen == len || wlen == 0) {
            import_bad(path, lineno, "expected a word and its vector", err);
            goto fail;
        }
        s = line + wlen;
        if (D == 0) {
            /* the first line fixes the size; "COUNT DIM" is a header */
            size_t fields = 0;
            char *p = s;
            while (*p) {
                p += strspn(p, " \t");
                if (!*p)
                    break;
                fields++;
                p += strcspn(p, " \t");
            }
            if (lineno == 1 && fields == 1 &&
                strspn(line, "0123456789") == wlen)
                continue;
            if (fields < 4 || fields > 128) {
                import_bad(path, lineno,
                           "a vector needs 4 to 128 components", err);
                goto fail;
            }
            D = fields;
            x = cdk_xmalloc(D * sizeof(*x));
        }
        for (d = 0; d < D; d++) {
            s += strspn(s, " \t");
            /* overflow gives an infinity (refused); underflow a tiny
               number or zero, which is what the file meant */
            x[d] = strtof(s, &end);
            if (end == s || !isfinite(x[d]) ||
                (*end && *end != ' ' && *end != '\t')) {
                import_bad(path, lineno, "bad or missing component", err);
                goto fail;
            }
            s = end;
        }
        s += strspn(s, " \t");
        if (*s) {
            import_bad(path, lineno, "more components than the first line",
                       err);
            goto fail;
        }
        /* keep a word the model sees as one token, once: the first
           (most frequent) line wins, as with <num> for all numbers */
        wk.n = 0;
        wk.key = 0;
        cdk_model_tokens(line, wlen, word_key, &wk);
        if (wk.n != 1)
            continue;
        {
            size_t before = seen.n;
            vocab_add(&seen, wk.key);
            if (seen.n == before)
                continue;
        }
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 4096;
            keys = cdk_xreallocarray(keys, alloc, sizeof(*keys));
            vecs = cdk_xreallocarray(vecs, alloc, D * sizeof(*vecs));
        }
        keys[n] = wk.key;
        memcpy(vecs + n * D, x, D * sizeof(*x));
        n++;
    }
    if (ferror(f)) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not read '%s': %s", path,
                      strerror(errno));
        goto fail;
    }
    if (n < (size_t)o->clusters) {
        cdk_error_set(err, CDK_ERR_INPUT,
                      "%s: %zu usable words, fewer than the %d clusters "
                      "asked for",
                      path, n, o->clusters);
        goto fail;
    }
    wv = wordvec_alloc(n, (int)D, o->clusters);
    for (i = 0; i < n; i++) {
        wv->key[i] = keys[i];
        set_vector(wv, i, vecs + i * D);
    }
    index_build(wv);
    kmeans(wv, o->clusters, o->kmeans_iter, o->seed);
fail:
    fclose(f);
    free(line);
    free(x);
    free(keys);
    free(vecs);
    free(seen.key);
    free(seen.count);
    free(seen.slot);
    return wv;
}

/* ---- the compiled-in image (model_image.h) ---- */

void
cdk_wordvec_image_write(const struct cdk_wordvec *wv, const char *prefix,
                        struct cdk_buf *out)
{
    size_t i, n = wv->n, nq = wv->n * (size_t)wv->dim;

    /* arrays of at least one element: C has no empty ones */
    cdk_buf_addf(out, "static const uint64_t %s_key[] = {\n", prefix);
    for (i = 0; i < n; i++)
        cdk_buf_addf(out, "0x%016llxULL,%s", (unsigned long long)wv->key[i],
                     i % 4 == 3 ? "\n" : " ");
    cdk_buf_addf(out, "%s};\nstatic const int %s_cluster[] = {\n",
                 n ? "" : "0", prefix);
    for (i = 0; i < n; i++)
        cdk_buf_addf(out, "%d,%s", wv->cluster[i], i % 16 == 15 ? "\n" : "");
    cdk_buf_addf(out, "%s};\nstatic const float %s_scale[] = {\n",
                 n ? "" : "0", prefix);
    for (i = 0; i < n; i++)
        cdk_buf_addf(out, "%af,%s", (double)wv->scale[i],
                     i % 6 == 5 ? "\n" : " ");
    cdk_buf_addf(out, "%s};\nstatic const signed char %s_q[] = {\n",
                 n ? "" : "0", prefix);
    for (i = 0; i < nq; i++)
        cdk_buf_addf(out, "%d,%s", (int)wv->q[i], i % 25 == 24 ? "\n" : "");
    cdk_buf_addf(out, "%s};\nstatic const uint32_t %s_slot[] = {\n",
                 nq ? "" : "0", prefix);
    for (i = 0; i <= wv->mask; i++)
        cdk_buf_addf(out, "%lu,%s", (unsigned long)wv->slot[i],
                     i % 16 == 15 ? "\n" : "");
    cdk_buf_addf(out,
                 "};\nstatic const struct cdk_wordvec_image %s = {\n"
                 "    .n = %zu,\n    .dim = %d,\n    .clusters = %d,\n"
                 "    .key = %s_key,\n    .cluster = %s_cluster,\n"
                 "    .scale = %s_scale,\n    .q = %s_q,\n"
                 "    .mask = %zu,\n    .slot = %s_slot,\n};\n",
                 prefix, n, wv->dim, wv->clusters, prefix, prefix, prefix,
                 prefix, wv->mask, prefix);
}

struct cdk_wordvec *
cdk_wordvec_from_image(const struct cdk_wordvec_image *img)
{
    struct cdk_wordvec *wv = cdk_xcalloc(1, sizeof(*wv));

    wv->image = true;
    wv->n = img->n;
    wv->dim = img->dim;
    wv->clusters = img->clusters;
    /* static data never written (a table is immutable once built);
     * wv->image keeps cdk_wordvec_free off it */
    wv->key = (uint64_t *)img->key;
    wv->cluster = (int *)img->cluster;
    wv->scale = (float *)img->scale;
    wv->q = (signed char *)img->q;
    wv->mask = img->mask;
    wv->slot = (uint32_t *)img->slot;
    return wv;
}

int
cdk_wordvec_same(const struct cdk_wordvec *a, const struct cdk_wordvec *b)
{
    size_t n = a->n;

    return a->n == b->n && a->dim == b->dim && a->clusters == b->clusters &&
           a->mask == b->mask &&
           memcmp(a->key, b->key, n * sizeof(*a->key)) == 0 &&
           memcmp(a->cluster, b->cluster, n * sizeof(*a->cluster)) == 0 &&
           memcmp(a->scale, b->scale, n * sizeof(*a->scale)) == 0 &&
           memcmp(a->q, b->q, n * (size_t)a->dim) == 0 &&
           memcmp(a->slot, b->slot, (a->mask + 1) * sizeof(*a->slot)) == 0;
}
