/*
 * The check-worthiness model (see model.h): feature hashing, scoring,
 * training by AdaGrad SGD, threshold tuning, cross-validation and the
 * model file.
 *
 * Features come from one streaming pass over the sentence, so scoring
 * needs constant memory whatever the input: word n-grams and character
 * n-grams are hashed into 2^hash_bits slots, each group scaled by
 * 1/sqrt(its number of features) so that long and short sentences weigh
 * alike; the cue features (numbers, money, dates, entities, reporting
 * verbs, hedges, opinion words, length...) have slots of their own after
 * the hashed ones. With word vectors, each known token adds its vector to
 * the sentence's mean (dense slots after the cues) and its cluster and the
 * pair (previous cluster, cluster) to a hashed group of their own.
 * Training stores each example's features once and reuses them across
 * epochs, folds and the threshold search.
 */
#include "model.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embedded.h"
#include "core/hash.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "importers/extract/model_image.h"
#include "importers/extract/num.h"
#include "importers/extract/wordvec.h"

#define MODEL_FORMAT "claimdesk-model checkworthiness"
#define MODEL_VERSION 3
#define MODEL_DEFAULT_NAME "checkworthy.model"
#define TOK_MAX 40      /* bytes of a token kept for lexicons and chars */
#define WEIGHT_MAX 1e6  /* larger weights in a file mean corruption */

/* The cue features: slots after the hashed space. */
enum cue {
    CUE_NUMBER,
    CUE_NUMBER_MANY,
    CUE_YEAR,
    CUE_PERCENT,
    CUE_MONEY,
    CUE_NUMBER_WORD,
    CUE_MONTH,
    CUE_TIME_WORD,
    CUE_ENTITY,
    CUE_ENTITY_LOG,
    CUE_REPORTING,
    CUE_ACCORDING,
    CUE_HEDGE,
    CUE_MODAL,
    CUE_WOULD,
    CUE_FUTURE,
    CUE_FIRST_SINGULAR,
    CUE_FIRST_PLURAL,
    CUE_SECOND_PERSON,
    CUE_SUBJECTIVE,
    CUE_SUBJECTIVE_LOG,
    CUE_INTENSIFIER,
    CUE_COMPARATIVE,
    CUE_SUPERLATIVE,
    CUE_NEGATION,
    CUE_QUESTION,
    CUE_EXCLAMATION,
    CUE_QUOTE,
    CUE_STAT_WORD,
    CUE_PAST_VERB,
    CUE_LEN_1,
    CUE_LEN_2,
    CUE_LEN_3,
    CUE_LEN_4,
    CUE_LEN_5,
    CUE_LEN_LOG,
    CUE_COUNT
};

/* A model's tables (struct cdk_model_fold_slot, struct
 * cdk_model_word_slot) are in model_image.h: the build compiles them in. */
#define WS_NO_VECTOR (-1)
#define WS_EMPTY (-2)
/* Past this many clusters, the pair weights would take too much memory
 * (the table has (clusters + 2) * (clusters + 1) of them): such a model
 * is scored by the reference featurizer. */
#define FAST_MAX_CLUSTERS 1024

struct cdk_model {
    unsigned hash_bits;
    int word_ngrams, char_min, char_max;
    int dense;    /* 0 or the vector size: the sentence's mean vector */
    int clusters; /* 1: word clusters and cluster pairs as features */
    double bias, threshold;
    size_t nweights; /* 2^hash_bits + CUE_COUNT + dense */
    float *w;
    struct cdk_wordvec *wv; /* owned; NULL without dense and clusters */
    /* with dense: the scoring table, see struct cdk_model_fold_slot */
    struct cdk_model_fold_slot *ftab;
    size_t fmask; /* slots - 1, a power of two minus one */
    /* the fast scorer (model_index); NULL: model_margin scores */
    struct cdk_model_word_slot *wtab;
    size_t wmask;    /* slots - 1 */
    unsigned wshift; /* 64 - log2(slots): a hash's home slot */
    /* with clusters: the weights of the cluster features, by column
     * (0: no vector, 1 + c: cluster c) and row (0: the first token,
     * 1: after one without a vector, 2 + c: after cluster c) */
    int ncl;         /* the number of clusters */
    float *cw_uni;   /* [column] */
    float *cw_pair;  /* [row * (ncl + 1) + column] */
    /* true: the arrays (and wv's) are a compiled-in image's, not ours */
    bool image;
    /* with wtab: this model's serial, unique in the process, which tags
     * its words in the fast scorer's word caches */
    uint32_t serial;
};

/* ---- hashing and the pseudo-random generator ---- */

static int
opt_dense(const struct cdk_model_options *opt)
{
    return opt->vectors && opt->vec_dense ? cdk_wordvec_dim(opt->vectors)
                                          : 0;
}

static size_t
rng_below(uint64_t *state, size_t n)
{
    /* n is far below 2^32 here, so the modulo bias is negligible. */
    return (size_t)(cdk_splitmix64(state) % n);
}

static void
shuffle(size_t *v, size_t n, uint64_t *state)
{
    size_t i, j, t;

    for (i = n; i > 1; i--) {
        j = rng_below(state, i);
        t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* ---- lexicons ---- */

static const char *const lex_reporting[] = {
    "said", "says", "say", "saying", "told", "tells", "tell", "reported",
    "reports", "report", "reporting", "announced", "announces", "stated",
    "states", "claimed", "claims", "claim", "testified", "confirmed",
    "revealed", "noted", "added", "wrote", "according", "cited", "quoted",
    "insisted", "admitted", "acknowledged", "denied", "warned", NULL};
static const char *const lex_hedge[] = {
    "may", "might", "reportedly", "possibly", "perhaps", "allegedly",
    "apparently", "probably", "likely", "unlikely", "seems", "seem",
    "seemed", "appears", "appear", "suggest", "suggests", "maybe",
    "possible", "potential", "potentially", "unclear", "could", "supposedly",
    "presumably", "speculation", "signal", "signals", "hint", "hints", NULL};
static const char *const lex_modal[] = {
    "would", "should", "could", "can", "will", "must", "shall", "ought",
    "might", "may", "won't", "wouldn't", "shouldn't", "couldn't", "can't",
    "cannot", "i'll", "we'll", "you'll", "they'll", "he'll", "she'll",
    "it'll", "i'd", "we'd", "you'd", "they'd", "he'd", "she'd", NULL};
static const char *const lex_future[] = {
    "will", "going", "gonna", "won't", "i'll", "we'll", "you'll",
    "they'll", "he'll", "she'll", "it'll", "tomorrow", "future",
    "plan", "plans", "promise", "propose", NULL};
static const char *const lex_first_singular[] = {
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd", NULL};
static const char *const lex_first_plural[] = {
    "we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll",
    "we'd", "let's", NULL};
static const char *const lex_second[] = {
    "you", "your", "yours", "yourself", "you're", "you've", "you'll",
    "you'd", NULL};
static const char *const lex_subjective[] = {
    "believe", "believes", "think", "thinks", "thought", "feel", "feels",
    "felt", "hope", "hopes", "want", "wants", "wish", "love", "loves",
    "hate", "great", "greatest", "terrible", "wonderful", "awful", "good",
    "bad", "best", "worst", "wrong", "fair", "unfair", "important",
    "beautiful", "horrible", "disaster", "disgrace", "tremendous",
    "incredible", "amazing", "stupid", "ridiculous", "sad", "happy",
    "proud", "deserve", "deserves", "need", "needs", "should", "must",
    "finally", "clearly", "obviously", "simply", "truly", "really",
    "absolutely", "certainly", "blindly", "fact", "opinion", "agree",
    "disagree", "believe", "strong", "stronger", "weak", "weaker", "right",
    "nice", "honest", "dangerous", "failed", "failure", "mistake",
    "outrageous", "shameful", "reckless", "foolish", "wise", "brave",
    "courage", "hopefully", "unfortunately", "fortunately", "sadly",
    "frankly", "waking", "beats", "ruin", "endless", "eager", "meaningful",
    "proxy", "provocation", "seriously", "excited", "thank", "thanks",
    "pleased", "glad", "sorry", "wrongly", "crazy", "fantastic", "fine",
    NULL};
static const char *const lex_intensifier[] = {
    "very", "so", "too", "extremely", "totally", "completely", "entirely",
    "highly", "deeply", "utterly", "incredibly", "really", "quite",
    "just", "only", "ever", "never", "always", "everything", "nothing",
    "everybody", "nobody", NULL};
static const char *const lex_comparative[] = {
    "more", "less", "fewer", "than", "better", "worse", "larger", "higher",
    "lower", "bigger", "greater", "smaller", "faster", "slower", "older",
    "younger", "increase", "increased", "decrease", "decreased", "rose",
    "fell", "doubled", "tripled", "grew", "dropped", "cut", "cuts", NULL};
static const char *const lex_superlative[] = {
    "most", "least", "largest", "highest", "lowest", "biggest",
    "greatest", "smallest", "fastest", "slowest", "first", "last",
    "only", "best", "worst", "record", NULL};
static const char *const lex_negation[] = {
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
    "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
    "haven't", "hasn't", "hadn't", "won't", "wouldn't", "can't", "cannot",
    "couldn't", "shouldn't", NULL};
static const char *const lex_number_word[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "billion", "billions", "trillion", "half", "double", "twice",
    "dozen", "dozens", "third", "quarter", "percent", "per", NULL};
static const char *const lex_money[] = {
    "dollar", "dollars", "cents", "budget", "tax", "taxes", "deficit",
    "debt", "spending", "spend", "spent", "cost", "costs", "paid", "pay",
    "salary", "wages", "income", "revenue", "funding", "billion",
    "million", "trillion", "$", "£", "€", NULL};
static const char *const lex_month[] = {
    "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
    NULL};
static const char *const lex_time[] = {
    "ago", "since", "year", "years", "decade", "decades", "century",
    "month", "months", "week", "weeks", "today", "yesterday", "annual",
    "annually", "daily", "during", "until", "<year>", "originally",
    "established", "founded", "created", "passed", "signed", "enacted",
    NULL};
static const char *const lex_stat[] = {
    "percent", "rate", "rates", "average", "number", "numbers", "total",
    "increase", "increased", "decrease", "decreased", "unemployment",
    "jobs", "million", "billion", "times", "majority", "population",
    "voted", "vote", "votes", "law", "bill", "passed", "signed", "%",
    NULL};
/* Common past-tense/participle forms that do not end in -ed. */
static const char *const lex_past[] = {
    "was", "were", "had", "did", "went", "made", "took", "gave", "got",
    "came", "began", "became", "left", "led", "paid", "sent", "spent",
    "won", "lost", "built", "brought", "bought", "fought", "held", "kept",
    "met", "ran", "rose", "fell", "grew", "cut", "put", "set", "visited",
    NULL};

static const char *const lex_according[] = {"according", NULL};
static const char *const lex_would[] = {"would", NULL};
static const char *const lex_percent[] = {"percent", NULL};

/*
 * All lexicons in one open-addressing table built once: word -> bit mask
 * of the lexicons it belongs to, so a token costs one probe, not a scan.
 */
enum lexicon {
    LEX_REPORTING,
    LEX_HEDGE,
    LEX_MODAL,
    LEX_FUTURE,
    LEX_FIRST_SINGULAR,
    LEX_FIRST_PLURAL,
    LEX_SECOND,
    LEX_SUBJECTIVE,
    LEX_INTENSIFIER,
    LEX_COMPARATIVE,
    LEX_SUPERLATIVE,
    LEX_NEGATION,
    LEX_NUMBER_WORD,
    LEX_MONEY,
    LEX_MONTH,
    LEX_TIME,
    LEX_STAT,
    LEX_PAST,
    /* single words with cues of their own */
    LEX_ACCORDING,
    LEX_WOULD,
    LEX_PERCENT,
    LEX_COUNT
};

static const char *const *const lexicons[LEX_COUNT] = {
    lex_reporting,
    lex_hedge,
    lex_modal,
    lex_future,
    lex_first_singular,
    lex_first_plural,
    lex_second,
    lex_subjective,
    lex_intensifier,
    lex_comparative,
    lex_superlative,
    lex_negation,
    lex_number_word,
    lex_money,
    lex_month,
    lex_time,
    lex_stat,
    lex_past,
    lex_according,
    lex_would,
    lex_percent,
};

#define LEX_SLOTS 2048 /* a power of two, well above the word count */

struct lex_slot {
    const char *word; /* NULL: empty */
    size_t len;
    uint32_t mask;
};

static struct lex_slot lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
/* FNV-1a of the table's layout (slot, word, lexicons), which model
 * images depend on (struct cdk_model_word_slot.lex) */
static uint64_t lex_fingerprint;

/*
 * What the fast scorer's loop (fast_margin) does with a byte: an ASCII
 * letter or digit maps to itself lowercased (>= '0'); BYTE_SEP ends the
 * token and is nothing more (a space, most punctuation); BYTE_OTHER goes
 * the general way (apostrophes, the symbols featurize knows, non-ASCII).
 */
#define BYTE_SEP 0
#define BYTE_OTHER 1
static unsigned char byte_class[256];

/* See cue_log1p. */
#define LOG_TABLE 256
static float log1p_table[LOG_TABLE], len_log_table[LOG_TABLE];

static void
byte_class_build(void)
{
    unsigned c;

    for (c = 0; c < 256; c++) {
        if (c >= 'A' && c <= 'Z')
            byte_class[c] = (unsigned char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            byte_class[c] = (unsigned char)c;
        else if (c >= 0x80 || strchr("'.,$%?!\":;()-", (int)c))
            byte_class[c] = BYTE_OTHER;
        else
            byte_class[c] = BYTE_SEP;
    }
    byte_class[0] = BYTE_SEP; /* strchr finds the terminator */
}

static void
lex_build(void)
{
    size_t l, i, len, slot;

    byte_class_build();
    for (i = 0; i < LOG_TABLE; i++) {
        log1p_table[i] = (float)log1p((double)i);
        len_log_table[i] = (float)(log1p((double)i) / 4.0);
    }
    for (l = 0; l < LEX_COUNT; l++) {
        for (i = 0; lexicons[l][i]; i++) {
            const char *w = lexicons[l][i];
            len = strlen(w);
            slot =
                (size_t)cdk_fnv1a(w, len, CDK_FNV1A_OFFSET) & (LEX_SLOTS - 1);
            while (lex_table[slot].word &&
                   !(lex_table[slot].len == len &&
                     memcmp(lex_table[slot].word, w, len) == 0))
                slot = (slot + 1) & (LEX_SLOTS - 1);
            lex_table[slot].word = w;
            lex_table[slot].len = len;
            lex_table[slot].mask |= 1u << l;
        }
    }
    lex_fingerprint = CDK_FNV1A_OFFSET;
    for (slot = 0; slot < LEX_SLOTS; slot++) {
        uint32_t mask = lex_table[slot].mask;
        if (!lex_table[slot].word)
            continue;
        lex_fingerprint = cdk_fnv1a((const char *)&slot, sizeof(slot),
                                    lex_fingerprint);
        lex_fingerprint = cdk_fnv1a(lex_table[slot].word,
                                    lex_table[slot].len + 1, lex_fingerprint);
        lex_fingerprint =
            cdk_fnv1a((const char *)&mask, sizeof(mask), lex_fingerprint);
    }
}

/* The lexicons holding t[0..n) (h is its fnv1a hash). */
static uint32_t
lex_lookup(const char *t, size_t n, uint64_t h)
{
    size_t slot = (size_t)h & (LEX_SLOTS - 1);

    while (lex_table[slot].word) {
        if (lex_table[slot].len == n &&
            memcmp(lex_table[slot].word, t, n) == 0)
            return lex_table[slot].mask;
        slot = (slot + 1) & (LEX_SLOTS - 1);
    }
    return 0;
}

/* ---- feature extraction ---- */

enum group { G_WORD, G_BIGRAM, G_CHAR, G_CLUSTER, G_NGROUPS };

/*
 * Receives features as they are found; a scorer sums weights, a trainer
 * stores them.
 */
struct sink {
    void (*hashed)(struct sink *, enum group, uint32_t idx);
    void (*cue)(struct sink *, int cue, float val);
    /* every token's key (may be NULL) */
    void (*token)(struct sink *, uint64_t key);
    /* the dense features' folded contribution (only when scoring) */
    void (*dense)(struct sink *, double val);
};

struct featurizer {
    unsigned hash_bits;
    int word_ngrams, char_min, char_max;
    struct sink *sink;
    /* word vectors: the mean vector, cluster unigrams and pairs */
    const struct cdk_wordvec *wv;
    int dense, clusters;
    const struct cdk_model_fold_slot *ftab; /* the model's, when scoring */
    size_t fmask;
    double fsum;
    float acc[128], vbuf[128];
    unsigned nvec;
    int prev_cluster;
    /* the current token */
    char tok[TOK_MAX + 8];
    size_t tlen;
    bool tok_long, tok_cap, tok_digit, tok_started_digit;
    size_t ntok;
    /* the two previous tokens' hashes, for bigrams and trigrams */
    uint64_t prev1, prev2;
    bool after_break;
    /* counts for the cues */
    unsigned numbers, years, percents, money, numwords, months, times;
    unsigned entities, reporting, according, hedges, modals, woulds;
    unsigned futures, first_s, first_p, second, subjective, intensifiers;
    unsigned comparatives, superlatives, negations, questions, exclaims;
    unsigned quotes, stats, pasts;
};

static void score_hashed(struct sink *s, enum group g, uint32_t idx);

/* A hashed feature to the sink; the scorer's own sink is called directly
 * (scoring is the hot path: no indirect call per feature). */
static inline void
emit(struct featurizer *f, enum group g, uint32_t idx)
{
    if (f->sink->hashed == score_hashed)
        score_hashed(f->sink, g, idx);
    else
        f->sink->hashed(f->sink, g, idx);
}

static uint32_t
feature_index(const struct featurizer *f, uint64_t h)
{
    return (uint32_t)(cdk_mix64(h) >> (64 - f->hash_bits));
}

static void
emit_char_ngrams(struct featurizer *f)
{
    char w[TOK_MAX + 10];
    size_t n = f->tlen, len, i;
    int k;

    w[0] = '<';
    memcpy(w + 1, f->tok, n);
    w[n + 1] = '>';
    len = n + 2;
    for (k = f->char_min; k <= f->char_max; k++) {
        if ((size_t)k > len)
            break;
        for (i = 0; i + (size_t)k <= len; i++) {
            uint64_t h =
                cdk_fnv1a(w + i, (size_t)k, CDK_FNV1A_OFFSET ^ 0xc4a7ULL);
            emit(f, G_CHAR, feature_index(f, h));
        }
    }
}

static void
emit_word(struct featurizer *f, uint64_t h)
{
    emit(f, G_WORD, feature_index(f, h ^ 0x11ULL));
    if (f->word_ngrams >= 2)
        emit(
            f, G_BIGRAM,
            feature_index(f, (f->prev1 * 0x9e3779b97f4a7c15ULL) ^ h ^ 0x22ULL));
    if (f->word_ngrams >= 3 && f->ntok >= 1)
        emit(
            f, G_BIGRAM,
            feature_index(f, (((f->prev2 * 0x9e3779b97f4a7c15ULL) ^ f->prev1) *
                              0xff51afd7ed558ccdULL) ^
                                 h ^ 0x33ULL));
    f->prev2 = f->prev1;
    f->prev1 = h;
}

/* Count t[0..n) in the cues of the lexicons m (lex_lookup's answer). */
static void
count_lexicons(struct featurizer *f, const char *t, size_t n, uint32_t m)
{
    /* the endings first; most tokens are in no lexicon at all */
    if ((m & (1u << LEX_NEGATION)) ||
        (n > 3 && memcmp(t + n - 3, "n't", 3) == 0))
        f->negations++;
    if ((m & (1u << LEX_PAST)) ||
        (n > 4 && memcmp(t + n - 2, "ed", 2) == 0))
        f->pasts++;
    if (!m)
        return;
    if ((m & (1u << LEX_ACCORDING)))
        f->according++;
    if ((m & (1u << LEX_WOULD)))
        f->woulds++;
    if ((m & (1u << LEX_PERCENT)))
        f->percents++;
    if ((m & (1u << LEX_REPORTING)))
        f->reporting++;
    if ((m & (1u << LEX_HEDGE)))
        f->hedges++;
    if ((m & (1u << LEX_MODAL)))
        f->modals++;
    if ((m & (1u << LEX_FUTURE)))
        f->futures++;
    if ((m & (1u << LEX_FIRST_SINGULAR)))
        f->first_s++;
    if ((m & (1u << LEX_FIRST_PLURAL)))
        f->first_p++;
    if ((m & (1u << LEX_SECOND)))
        f->second++;
    if ((m & (1u << LEX_SUBJECTIVE)))
        f->subjective++;
    if ((m & (1u << LEX_INTENSIFIER)))
        f->intensifiers++;
    if ((m & (1u << LEX_COMPARATIVE)))
        f->comparatives++;
    if ((m & (1u << LEX_SUPERLATIVE)))
        f->superlatives++;
    if ((m & (1u << LEX_NUMBER_WORD)))
        f->numwords++;
    if ((m & (1u << LEX_MONEY)))
        f->money++;
    if ((m & (1u << LEX_MONTH)))
        f->months++;
    if ((m & (1u << LEX_TIME)))
        f->times++;
    if ((m & (1u << LEX_STAT)))
        f->stats++;
}

/*
 * A crude stem: the first five bytes of the word without a plural, -ed or
 * -ing ending, so that "voted", "votes" and "voting" share a feature.
 * stem_len gives its length, 0 for a word of 3 bytes or fewer (no stem).
 */
static inline size_t
stem_len(const char *t, size_t n)
{
    size_t sn = n;

    if (n <= 3)
        return 0;
    if (sn > 4 && memcmp(t + sn - 3, "ing", 3) == 0)
        sn -= 3;
    else if (memcmp(t + sn - 2, "ed", 2) == 0)
        sn -= 2;
    else if (memcmp(t + sn - 3, "ies", 3) == 0)
        sn -= 2;
    else if (t[sn - 1] == 's' && t[sn - 2] != 's')
        sn -= 1;
    return sn > 5 ? 5 : sn;
}

/* The stem's feature hash (sn = stem_len(t, n) > 0). */
static inline uint64_t
stem_hash(const char *t, size_t sn)
{
    return cdk_fnv1a(t, sn, CDK_FNV1A_OFFSET) ^ 0x55ULL;
}

static void
emit_stem(struct featurizer *f, const char *t, size_t n)
{
    size_t sn = stem_len(t, n);

    if (sn > 0)
        emit(f, G_WORD, feature_index(f, stem_hash(t, sn)));
}

/* The word-vector features of one token. */
static void
vector_token(struct featurizer *f, uint64_t h)
{
    const float *v = NULL;
    int c = -1, d;
    bool found;

    if (f->sink->token)
        f->sink->token(f->sink, h);
    if (!f->wv)
        return;
    if (f->ftab) {
        size_t sl = (size_t)cdk_mix64(h) & f->fmask;
        while (f->ftab[sl].cluster >= 0 && f->ftab[sl].key != h)
            sl = (sl + 1) & f->fmask;
        found = f->ftab[sl].cluster >= 0;
        if (found) {
            c = f->ftab[sl].cluster;
            f->fsum += f->ftab[sl].w;
            f->nvec++;
        }
    } else {
        found = cdk_wordvec_get(f->wv, h, f->dense ? f->vbuf : NULL, &c);
        v = f->vbuf;
        if (found && f->dense) {
            for (d = 0; d < f->dense; d++)
                f->acc[d] += v[d];
            f->nvec++;
        }
    }
    if (f->clusters) {
        uint64_t k = (uint64_t)(found ? c : 0xffff) + 1;
        emit(f, G_CLUSTER,
                        feature_index(f, cdk_mix64(k ^ 0xc1c1ULL)));
        emit(
            f, G_CLUSTER,
            feature_index(f, cdk_mix64(((uint64_t)(f->prev_cluster + 2) << 20) ^
                                       k ^ 0xc2c2ULL)));
        f->prev_cluster = found ? c : 0xffff;
    }
}

/*
 * A token that starts with a digit, f->tok[0..n), normalised into
 * norm[0..returned): "<year>" for a 4-digit year-like number, else
 * "<num>", plus up to 4 bytes of what follows the number ("m", "bn").
 * Counts it as a year or a number.
 */
static size_t
number_norm(struct featurizer *f, size_t n, char *norm)
{
    size_t d = 0, s, nn;
    long v = 0;

    while (d < n && ((f->tok[d] >= '0' && f->tok[d] <= '9') ||
                     f->tok[d] == '.' || f->tok[d] == ',')) {
        if (f->tok[d] >= '0' && f->tok[d] <= '9' && v < 100000)
            v = v * 10 + (f->tok[d] - '0');
        d++;
    }
    if (d == 4 && v >= 1000 && v <= 2099) {
        memcpy(norm, "<year>", 6);
        nn = 6;
        f->years++;
    } else {
        memcpy(norm, "<num>", 5);
        nn = 5;
        f->numbers++;
    }
    s = n - d;
    if (s > 4)
        s = 4;
    memcpy(norm + nn, f->tok + d, s);
    return nn + s;
}

/* Finish the current token: normalise it and emit its features. */
static void
end_token(struct featurizer *f)
{
    char norm[TOK_MAX + 16];
    const char *w = norm; /* the normalised token */
    size_t n = f->tlen, nn;
    uint64_t h;

    if (n == 0)
        return;
    /* trailing apostrophes are quotes, not part of the word */
    while (n > 0 && f->tok[n - 1] == '\'')
        n--;
    if (n == 0) {
        f->tlen = 0;
        f->tok_long = f->tok_cap = f->tok_digit = false;
        f->tok_started_digit = false;
        return;
    }
    if (f->tok_started_digit) {
        nn = number_norm(f, n, norm);
    } else {
        w = f->tok; /* a word is itself: no copy */
        nn = n;
    }
    if (f->tok_cap && f->ntok > 0 && !f->after_break)
        f->entities++;
    h = cdk_fnv1a(w, nn, CDK_FNV1A_OFFSET);
    if (!f->tok_long)
        count_lexicons(f, w, nn, lex_lookup(w, nn, h));
    else
        h = cdk_mix64(h ^ 0x10f6ULL);
    emit_word(f, h);
    vector_token(f, h);
    if (!f->tok_started_digit && !f->tok_long)
        emit_stem(f, w, nn);
    if (f->char_min > 0 && !f->tok_started_digit) {
        size_t keep = f->tlen;
        f->tlen = nn;
        memmove(f->tok, w, nn);
        emit_char_ngrams(f);
        f->tlen = keep;
    }
    f->ntok++;
    f->after_break = false;
    f->tlen = 0;
    f->tok_long = f->tok_cap = f->tok_digit = f->tok_started_digit = false;
}

/* A one-character token such as "$", "%" or "?". */
static void
symbol_token(struct featurizer *f, const char *sym)
{
    size_t n = strlen(sym);

    uint64_t h = cdk_fnv1a(sym, n, CDK_FNV1A_OFFSET);

    end_token(f);
    emit_word(f, h);
    vector_token(f, h);
    f->ntok++;
}

static void
tok_add(struct featurizer *f, const char *s, size_t n)
{
    if (f->tlen + n > TOK_MAX) {
        f->tok_long = true;
        return;
    }
    memcpy(f->tok + f->tlen, s, n);
    f->tlen += n;
}

static inline bool
is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false; /* Latin-1 symbols, ×, ÷ */
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return false; /* punctuation, symbols, arrows */
    if (cp >= 0x3000 && cp <= 0x303F)
        return false;
    if (cp == 0xFEFF || cp == 0xFFFD)
        return false;
    return true;
}

static inline bool
ascii_alnum(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26 ||
           (unsigned char)(c - '0') < 10;
}

static void score_cue(struct sink *s, int cue, float val);

/* A cue to the sink; the scorer's own sink is called directly. */
static inline void
cue_to(struct sink *s, int c, float val)
{
    if (s->cue == score_cue)
        score_cue(s, c, val);
    else
        s->cue(s, c, val);
}

/* (float)log1p(k) and (float)(log1p(n) / 4.0), the log cues' values:
 * from a table for small counts (the same floats, computed once). */
static inline float
cue_log1p(unsigned k)
{
    return k < LOG_TABLE ? log1p_table[k] : (float)log1p((double)k);
}

static inline float
cue_len_log(size_t n)
{
    return n < LOG_TABLE ? len_log_table[n] : (float)(log1p((double)n) / 4.0);
}

static void
emit_cues(struct featurizer *f)
{
    struct sink *s = f->sink;
    size_t n = f->ntok;

#define CUE_BIN(c, v) do { if (v) cue_to(s, (c), 1.0f); } while (0)
    CUE_BIN(CUE_NUMBER, f->numbers);
    CUE_BIN(CUE_NUMBER_MANY, f->numbers >= 2);
    CUE_BIN(CUE_YEAR, f->years);
    CUE_BIN(CUE_PERCENT, f->percents);
    CUE_BIN(CUE_MONEY, f->money);
    CUE_BIN(CUE_NUMBER_WORD, f->numwords);
    CUE_BIN(CUE_MONTH, f->months);
    CUE_BIN(CUE_TIME_WORD, f->times);
    CUE_BIN(CUE_ENTITY, f->entities);
    if (f->entities)
        cue_to(s, CUE_ENTITY_LOG, cue_log1p(f->entities));
    CUE_BIN(CUE_REPORTING, f->reporting);
    CUE_BIN(CUE_ACCORDING, f->according);
    CUE_BIN(CUE_HEDGE, f->hedges);
    CUE_BIN(CUE_MODAL, f->modals);
    CUE_BIN(CUE_WOULD, f->woulds);
    CUE_BIN(CUE_FUTURE, f->futures);
    CUE_BIN(CUE_FIRST_SINGULAR, f->first_s);
    CUE_BIN(CUE_FIRST_PLURAL, f->first_p);
    CUE_BIN(CUE_SECOND_PERSON, f->second);
    CUE_BIN(CUE_SUBJECTIVE, f->subjective);
    if (f->subjective)
        cue_to(s, CUE_SUBJECTIVE_LOG, cue_log1p(f->subjective));
    CUE_BIN(CUE_INTENSIFIER, f->intensifiers);
    CUE_BIN(CUE_COMPARATIVE, f->comparatives);
    CUE_BIN(CUE_SUPERLATIVE, f->superlatives);
    CUE_BIN(CUE_NEGATION, f->negations);
    CUE_BIN(CUE_QUESTION, f->questions);
    CUE_BIN(CUE_EXCLAMATION, f->exclaims);
    CUE_BIN(CUE_QUOTE, f->quotes);
    CUE_BIN(CUE_STAT_WORD, f->stats);
    CUE_BIN(CUE_PAST_VERB, f->pasts);
    if (n < 5)
        cue_to(s, CUE_LEN_1, 1.0f);
    else if (n < 10)
        cue_to(s, CUE_LEN_2, 1.0f);
    else if (n < 20)
        cue_to(s, CUE_LEN_3, 1.0f);
    else if (n < 35)
        cue_to(s, CUE_LEN_4, 1.0f);
    else
        cue_to(s, CUE_LEN_5, 1.0f);
    cue_to(s, CUE_LEN_LOG, cue_len_log(n));
    if (f->ftab) {
        if (f->nvec)
            s->dense(s, f->fsum / (double)f->nvec);
    } else if (f->dense && f->nvec) {
        int d;
        for (d = 0; d < f->dense; d++)
            cue_to(s, CUE_COUNT + d, f->acc[d] / (float)f->nvec);
    }
#undef CUE_BIN
}

/* The state at the start of a sentence (all but the settings). */
static void
featurize_begin(struct featurizer *f)
{
    f->tlen = 0;
    f->tok_long = f->tok_cap = f->tok_digit = f->tok_started_digit = false;
    f->ntok = 0;
    f->prev1 = f->prev2 = cdk_fnv1a("<s>", 3, CDK_FNV1A_OFFSET);
    f->after_break = true;
    f->numbers = f->years = f->percents = f->money = f->numwords = 0;
    f->months = f->times = f->entities = f->reporting = f->according = 0;
    f->hedges = f->modals = f->woulds = f->futures = f->first_s = 0;
    f->first_p = f->second = f->subjective = f->intensifiers = 0;
    f->comparatives = f->superlatives = f->negations = f->questions = 0;
    f->exclaims = f->quotes = f->stats = f->pasts = 0;
    f->nvec = 0;
    f->fsum = 0;
    f->prev_cluster = -1;
}

/*
 * What a character that ends a token means: the counters and the
 * sentence break it sets in f, and the one-character symbol token it
 * stands for ('\0': none). "$ £ €" are money, all written '$'; the dashes
 * are '-'. Shared by featurize and the fast scorer, which must agree.
 */
static char
punct(struct featurizer *f, uint32_t cp)
{
    switch (cp) {
    case '$':
    case 0xA3:
    case 0x20AC:
        f->money++;
        return '$';
    case '%':
        f->percents++;
        return '%';
    case '?':
        f->questions++;
        f->after_break = true;
        return '?';
    case '!':
        f->exclaims++;
        f->after_break = true;
        return '\0';
    case '"':
    case 0x201C:
    case 0x201D:
        f->quotes++;
        f->after_break = true;
        return '\0';
    case '.':
    case ':':
    case ';':
    case '(':
        f->after_break = true;
        return (char)cp;
    case 0x2014:
        f->after_break = true;
        return '-';
    case ',':
    case ')':
    case '-':
        return (char)cp;
    case 0x2013:
        return '-';
    default:
        return '\0';
    }
}

/*
 * Tokenise text[0..len) and send every feature to f->sink. Words are
 * runs of letters and digits (apostrophes inside words kept, ASCII
 * lowercased, non-ASCII letters kept as they are); numbers become <year>
 * or <num>; "$ £ € % ? !" are tokens of their own.
 */
static void
featurize(struct featurizer *f, const char *text, size_t len)
{
    size_t i = 0, n;
    uint32_t cp;

    pthread_once(&lex_once, lex_build);
    featurize_begin(f);
    if (f->dense)
        memset(f->acc, 0, sizeof(f->acc));

    while (i < len) {
        if (ascii_alnum((unsigned char)text[i])) {
            /* A run of ASCII letters and digits, most of the text, in one
             * go: the same as a character at a time below (only a run's
             * first character can find the token empty). */
            size_t j = i;
            if (f->tlen == 0 && !f->tok_long) {
                char c0 = text[i];
                f->tok_cap = (c0 >= 'A' && c0 <= 'Z');
                f->tok_started_digit = (c0 >= '0' && c0 <= '9');
            }
            do {
                char c = text[j];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c - 'A' + 'a');
                else if (c >= '0' && c <= '9')
                    f->tok_digit = true;
                if (f->tlen + 1 > TOK_MAX)
                    f->tok_long = true;
                else
                    f->tok[f->tlen++] = c;
                j++;
            } while (j < len && ascii_alnum((unsigned char)text[j]));
            i = j;
            continue;
        }
        if ((unsigned char)text[i] < 0x80) {
            /* ASCII, most of the text: no decoder call */
            n = 1;
            cp = (unsigned char)text[i];
        } else {
            n = cdk_utf8_next(text + i, len - i, &cp);
        }
        if (cp < 0x80 && is_word_cp(cp)) {
            char c = (char)cp;
            if (f->tlen == 0 && !f->tok_long) {
                f->tok_cap = (c >= 'A' && c <= 'Z');
                f->tok_started_digit = (c >= '0' && c <= '9');
            }
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c >= '0' && c <= '9')
                f->tok_digit = true;
            tok_add(f, &c, 1);
        } else if (is_word_cp(cp)) {
            if (f->tlen == 0 && !f->tok_long)
                f->tok_cap = false;
            tok_add(f, text + i, n);
        } else if ((cp == '\'' || cp == 0x2019) &&
                   (f->tlen > 0 || f->tok_long)) {
            tok_add(f, "'", 1);
        } else if ((cp == '.' || cp == ',') && f->tok_started_digit &&
                   i + 1 < len && text[i + 1] >= '0' && text[i + 1] <= '9') {
            tok_add(f, text + i, 1); /* 3.5, 1,000 */
        } else {
            char sym;
            end_token(f);
            sym = punct(f, cp);
            if (sym) {
                char str[2] = {sym, '\0'};
                symbol_token(f, str);
            }
        }
        i += n;
    }
    end_token(f);
    emit_word(f, cdk_fnv1a("</s>", 4, CDK_FNV1A_OFFSET));
    emit_cues(f);
}

static void
featurizer_init(struct featurizer *f, unsigned hash_bits, int word_ngrams,
                int char_min, int char_max, struct sink *sink)
{
    memset(f, 0, sizeof(*f));
    f->hash_bits = hash_bits;
    f->word_ngrams = word_ngrams;
    f->char_min = char_min;
    f->char_max = char_max;
    f->sink = sink;
}

static void
featurizer_vectors(struct featurizer *f, const struct cdk_wordvec *wv,
                   int dense, int clusters, const struct cdk_model *m)
{
    f->wv = wv;
    f->dense = wv ? dense : 0;
    f->clusters = wv ? clusters : 0;
    f->ftab = f->dense && m ? m->ftab : NULL;
    f->fmask = m ? m->fmask : 0;
}

struct token_sink {
    struct sink base;
    void (*fn)(void *, uint64_t);
    void *arg;
};

static void
token_hashed(struct sink *s, enum group g, uint32_t idx)
{
    (void)s;
    (void)g;
    (void)idx;
}

static void
token_cue(struct sink *s, int cue, float val)
{
    (void)s;
    (void)cue;
    (void)val;
}

static void
token_key(struct sink *s, uint64_t key)
{
    struct token_sink *ts = (struct token_sink *)s;

    ts->fn(ts->arg, key);
}

void
cdk_model_tokens(const char *text, size_t len,
                 void (*fn)(void *arg, uint64_t key), void *arg)
{
    struct token_sink ts;
    struct featurizer f;

    memset(&ts, 0, sizeof(ts));
    ts.base.hashed = token_hashed;
    ts.base.cue = token_cue;
    ts.base.token = token_key;
    ts.fn = fn;
    ts.arg = arg;
    featurizer_init(&f, 10, 1, 0, 0, &ts.base);
    featurize(&f, text ? text : "", text ? len : 0);
}

/* ---- scoring ---- */

/* Hashed features are summed in batches: each weight is prefetched when
 * its feature is found and added later, in the order found (so the sums
 * are bit for bit those of adding at once). The weight table is larger
 * than the near caches, and each feature is a random index into it. */
#define SCORE_BATCH 128

struct score_sink {
    struct sink base;
    const float *w;
    size_t cue_base;
    double sum[G_NGROUPS];
    size_t count[G_NGROUPS];
    double cues;
    uint32_t batch_idx[SCORE_BATCH];
    unsigned char batch_group[SCORE_BATCH];
    size_t nbatch;
};

static void
score_flush(struct score_sink *ss)
{
    size_t i;

    for (i = 0; i < ss->nbatch; i++) {
        ss->sum[ss->batch_group[i]] += ss->w[ss->batch_idx[i]];
        ss->count[ss->batch_group[i]]++;
    }
    ss->nbatch = 0;
}

static void
score_hashed(struct sink *s, enum group g, uint32_t idx)
{
    struct score_sink *ss = (struct score_sink *)s;

    __builtin_prefetch(&ss->w[idx]);
    if (ss->nbatch == SCORE_BATCH)
        score_flush(ss);
    ss->batch_idx[ss->nbatch] = idx;
    ss->batch_group[ss->nbatch++] = (unsigned char)g;
}

static void
score_cue(struct sink *s, int cue, float val)
{
    struct score_sink *ss = (struct score_sink *)s;

    ss->cues += (double)ss->w[ss->cue_base + (size_t)cue] * val;
}

static void
score_dense(struct sink *s, double val)
{
    struct score_sink *ss = (struct score_sink *)s;

    ss->cues += val;
}

static double
sigmoid(double z)
{
    if (z >= 0)
        return 1.0 / (1.0 + exp(-z));
    return exp(z) / (1.0 + exp(z));
}

static double
model_margin(const struct cdk_model *m, const char *text, size_t len)
{
    struct score_sink ss;
    struct featurizer f;
    double z;
    int g;

    memset(&ss, 0, sizeof(ss));
    ss.base.hashed = score_hashed;
    ss.base.cue = score_cue;
    ss.base.dense = score_dense;
    ss.w = m->w;
    ss.cue_base = (size_t)1 << m->hash_bits;
    featurizer_init(&f, m->hash_bits, m->word_ngrams, m->char_min,
                    m->char_max, &ss.base);
    featurizer_vectors(&f, m->wv, m->dense, m->clusters, m);
    featurize(&f, text ? text : "", text ? len : 0);
    score_flush(&ss);
    z = m->bias + ss.cues;
    for (g = 0; g < G_NGROUPS; g++)
        if (ss.count[g])
            z += ss.sum[g] / sqrt((double)ss.count[g]);
    return z;
}

/* ---- the fast scorer ---- */

/*
 * cdk_model_score's own pass over the sentence: the tokens and features
 * of featurize() with a score_sink (model_margin, kept as the reference;
 * the tests compare the two on real text), bit for bit, with what
 * depends on the token alone found once instead of computed per feature:
 *
 * - what a word gives (the weight of its unigram feature, its cluster
 *   and folded dense weight, its stem's weight, its lexicon counts) is
 *   found once per distinct word, through one probe of m->wtab (struct
 *   cdk_model_word_slot, in place of lex_lookup, feature_index and the
 *   ftab probe), and kept in the thread's word cache (struct word_entry,
 *   struct word_cache): a word seen before costs a probe and a
 *   comparison of its bytes;
 * - the loop over plain ASCII words and punctuation (fast_run) finds a
 *   word 8 bytes at a time and does not hash it byte by byte: its cache
 *   slot is a hash of its 8-byte pieces, and the entry holds its FNV-1a
 *   hash, which the n-grams need;
 * - the cluster features' weights come from m->cw_uni and m->cw_pair,
 *   indexed by cluster ids, not hashed.
 *
 * Each group's weights are added in the order the reference adds them,
 * so the sums are the same doubles. (Unlike the reference's batches, no
 * prefetching: measured, it gained nothing -- out-of-order execution
 * hides the weight table's misses, as the loaded weight only feeds its
 * group's sum.) A model with character n-grams, or too many clusters,
 * gets no table and keeps the reference.
 */

/* The groups the fast scorer sums: G_WORD, G_BIGRAM and G_CLUSTER (a
 * model with character n-grams has no fast pass). */
#define FAST_GROUPS G_NGROUPS

/*
 * The fast scorer works in two passes over batches of tokens: the first
 * finds the tokens and their entries (struct word_entry) and counts
 * what depends on a token's place (struct run_place); the second adds
 * the features of a batch's tokens in order (run_flush). Each loop then
 * has few enough variables to keep them in registers.
 *
 * What the features of the tokens so far leave for the next ones: the
 * hashed features' sums per group (score_sink's), the previous tokens'
 * hashes and cluster row, the dense sum. The groups' feature counts are
 * not counted feature by feature: every token has one unigram, one
 * bigram (2-grams up), one trigram after the first token (3-grams) and
 * two cluster features (with clusters), so they follow from ntok and
 * nstem (fast_margin).
 */
struct run_state {
    double sum[FAST_GROUPS];
    uint64_t prev1, prev2; /* the two previous tokens' hashes */
    uint32_t row;          /* the cw_pair row of the previous token,
                              times ncl1: where its pairs start */
    unsigned nvec;         /* tokens with a vector */
    size_t nstem;          /* stem features */
    double fsum;           /* the sum of their folded dense weights */
    size_t ntok;           /* tokens added */
};

/* The first pass's counts of the tokens so far. */
struct run_place {
    size_t ntok;
    unsigned entities;
    bool after_break;
};

/* The model's settings that scoring reads, copied to locals (a store
 * into a token buffer could otherwise alias them, for the compiler). */
struct run_model {
    const float *w;
    unsigned shift; /* 64 - hash_bits */
    int ngrams;
    bool dense, clusters;
    const float *cw_uni, *cw_pair;
    unsigned ncl1; /* clusters + 1, a cw_pair row's length */
};

#define RUN_BATCH 64

struct word_entry;

struct fast_scorer {
    struct featurizer f; /* the open token; the cue counts */
    const struct cdk_model *m;
    struct run_model rm;
    struct word_cache *cache; /* the thread's (word_cached) */
    uint32_t serial;          /* m's */
    uint64_t th;              /* FNV-1a of f.tok[0..f.tlen) */
    struct run_state st;
    struct run_place pl;
    unsigned lexc[LEX_COUNT]; /* bit l of a word's lex counts here */
    /* the tokens found and not yet added: their entries, in the cache
     * (no slot of which is filled again before run_flush), or in tmp at
     * the same index (a token that the cache does not keep) */
    size_t nbatch;
    const struct word_entry *batch[RUN_BATCH];
    struct word_entry *tmp; /* [RUN_BATCH] */
};

static void
run_model_init(struct run_model *rm, const struct cdk_model *m)
{
    rm->w = m->w;
    rm->shift = 64 - m->hash_bits;
    rm->ngrams = m->word_ngrams;
    rm->dense = m->wv && m->dense;
    rm->clusters = m->wv && m->clusters;
    rm->cw_uni = m->cw_uni;
    rm->cw_pair = m->cw_pair;
    rm->ncl1 = (unsigned)m->ncl + 1;
}

/* A feature of group g with weight w. */
static inline void
run_add(struct run_state *st, int g, float w)
{
    st->sum[g] += w;
}

/* A hashed feature: its weight is in the weight table. */
static inline void
run_hashed(struct run_state *st, const struct run_model *rm, int g, uint64_t h)
{
    run_add(st, g, rm->w[cdk_mix64(h) >> rm->shift]);
}

/* The n-gram features that end with the token of hash h (emit_word's
 * after the unigram), st->ntok tokens before it; h becomes the previous
 * token. */
static inline void
run_ngrams(struct run_state *st, const struct run_model *rm, uint64_t h)
{
    if (rm->ngrams >= 2)
        run_hashed(st, rm, G_BIGRAM,
                   (st->prev1 * 0x9e3779b97f4a7c15ULL) ^ h ^ 0x22ULL);
    if (rm->ngrams >= 3 && st->ntok >= 1)
        run_hashed(st, rm, G_BIGRAM,
                   (((st->prev2 * 0x9e3779b97f4a7c15ULL) ^ st->prev1) *
                    0xff51afd7ed558ccdULL) ^
                       h ^ 0x33ULL);
    st->prev2 = st->prev1;
    st->prev1 = h;
}

/* The slot of token hash h, or NULL. */
static inline const struct cdk_model_word_slot *
word_find(const struct cdk_model *m, uint64_t h)
{
    size_t i = (size_t)((h * 0x9e3779b97f4a7c15ULL) >> m->wshift);

    while (m->wtab[i].cluster != WS_EMPTY) {
        if (m->wtab[i].key == h)
            return &m->wtab[i];
        i = (i + 1) & m->wmask;
    }
    return NULL;
}

/* The lexicons of t[0..n) given its slot (NULL when it has none). */
static inline uint32_t
word_lexicons(const struct cdk_model_word_slot *ws, const char *t, size_t n)
{
    const struct lex_slot *l;

    if (!ws || !ws->lex)
        return 0;
    l = &lex_table[ws->lex - 1];
    return l->len == n && memcmp(l->word, t, n) == 0 ? l->mask : 0;
}

/*
 * What a token contributes that depends on its bytes alone (and the
 * model): found once per distinct word and kept in the calling thread's
 * word cache (struct word_cache), so that a word seen before costs one
 * probe and a comparison of its bytes instead of the wtab probe, the
 * lexicon check and the stem's hashing.
 */
#define WE_BYTES 16  /* the longest word the cache keeps */

/*
 * A token without a stem feature (or without a vector) has -0.0f for its
 * stem weight (or folded weight), so that run_features adds it all the
 * same: for every double x, x + -0.0 is x, bit for bit (x + +0.0 is not:
 * -0.0 + +0.0 is +0.0). No branch on whether a word has a stem, which
 * half of the words have, in no order a predictor can learn.
 */
#define WE_NONE (-0.0f)

struct word_entry {
    uint64_t w[WE_BYTES / 8]; /* the word's bytes, zero-padded */
    uint64_t tag;             /* word_tag(model's serial, length); 0:
                                 an empty slot */
    uint64_t h;               /* its hash (the featurizer's) */
    float uni;                /* the weight of its unigram feature */
    float stem;           /* the weight of its stem feature, or WE_NONE */
    float fold;           /* its folded dense weight, or WE_NONE */
    /* with clusters: its column of cw_pair (1 + cluster, or 0 without a
     * vector), the weight of its cluster feature, cw_uni[col], and the
     * cw_pair row that it starts for the next token, (col + 1) * ncl1 */
    uint32_t col;
    float cl_uni;
    uint32_t next_row;
    uint32_t lex;  /* bit l: it counts in lexicon l's cue */
    uint8_t nvec;  /* 1: it has a vector (fold is its weight), else 0 */
    uint8_t nstem; /* 1: it has a stem feature (stem is its weight) */
};

/* What tags the slot of an n-byte word of model `serial` (never 0). */
static inline uint64_t
word_tag(uint32_t serial, size_t n)
{
    return (uint64_t)serial << 8 | n;
}

/* count_lexicons, as bits: lexicons m, and LEX_NEGATION and LEX_PAST
 * also for a word that ends in "n't" or "ed". */
static uint32_t
lex_bits(const char *t, size_t n, uint32_t m)
{
    if (n > 3 && memcmp(t + n - 3, "n't", 3) == 0)
        m |= 1u << LEX_NEGATION;
    if (n > 4 && memcmp(t + n - 2, "ed", 2) == 0)
        m |= 1u << LEX_PAST;
    return m;
}

/* What kind of token an entry is for (end_token, symbol_token). */
enum tok_kind {
    TK_WORD,   /* lexicons and a stem */
    TK_NUMBER, /* normalised (number_norm): lexicons, no stem */
    TK_LONG,   /* longer than TOK_MAX: neither */
    TK_SYMBOL  /* "$", "%", "?"...: neither */
};

/*
 * Fill e (all but bytes, model and len) for the token t[0..n) of kind
 * `kind` with hash h (the featurizer's: for a long token, the mixed
 * one), in the terms of end_token and symbol_token.
 */
static void
word_entry_fill(const struct cdk_model *m, struct word_entry *e, const char *t,
                size_t n, uint64_t h, enum tok_kind kind)
{
    const struct cdk_model_word_slot *ws = word_find(m, h);
    bool in_lex = kind == TK_WORD || kind == TK_NUMBER;
    size_t sn;

    e->h = h;
    e->uni = ws ? ws->uni : m->w[cdk_mix64(h ^ 0x11ULL) >> (64 - m->hash_bits)];
    e->lex = in_lex ? lex_bits(t, n, word_lexicons(ws, t, n)) : 0;
    e->nvec = e->nstem = 0;
    e->stem = WE_NONE;
    e->fold = WE_NONE;
    e->col = 0;
    if (ws && ws->cluster >= 0) {
        e->nvec = 1;
        e->fold = ws->fold;
        e->col = (uint32_t)ws->cluster + 1;
    }
    e->cl_uni = m->cw_uni ? m->cw_uni[e->col] : 0;
    e->next_row = (e->col + 1) * ((uint32_t)m->ncl + 1);
    if (kind == TK_WORD && (sn = stem_len(t, n)) > 0) {
        e->nstem = 1;
        e->stem = m->w[cdk_mix64(stem_hash(t, sn)) >> (64 - m->hash_bits)];
    }
}

/*
 * The features of a token with entry e, in the order featurize sends
 * them: its unigram and n-grams (emit_word), its vector and clusters
 * (vector_token), its stem.
 */
static inline void
run_features(struct run_state *st, const struct run_model *rm,
             const struct word_entry *e)
{
    run_add(st, G_WORD, e->uni);
    run_ngrams(st, rm, e->h);
    if (rm->dense) {
        st->fsum += e->fold; /* WE_NONE without a vector */
        st->nvec += e->nvec;
    }
    if (rm->clusters) {
        /* without a vector, column 0 and then row 1 */
        run_add(st, G_CLUSTER, e->cl_uni);
        run_add(st, G_CLUSTER, rm->cw_pair[st->row + e->col]);
        st->row = e->next_row;
    }
    run_add(st, G_WORD, e->stem); /* WE_NONE without a stem */
    st->nstem += e->nstem;
    st->ntok++;
}

/* The second pass: the features of the batch's tokens, in order,
 * with the model's settings rm. */
static inline void
run_flush_with(struct fast_scorer *fs, const struct run_model rm)
{
    struct run_state st = fs->st;
    size_t k;

    for (k = 0; k < fs->nbatch; k++)
        run_features(&st, &rm, fs->batch[k]);
    fs->st = st;
    fs->nbatch = 0;
}

/* run_flush_with; for the bundled model's shape (bigrams, the dense
 * features and clusters) with the settings as constants, so that the
 * loop does not test them token by token. */
static void
run_flush(struct fast_scorer *fs)
{
    struct run_model rm = fs->rm;

    if (rm.ngrams == 2 && rm.dense && rm.clusters) {
        rm.ngrams = 2;
        rm.dense = rm.clusters = true;
        run_flush_with(fs, rm);
    } else {
        run_flush_with(fs, rm);
    }
}

/* The first pass's part of a token with entry e: its lexicon counts,
 * its place in the batch (its place in the sentence, pl, is the
 * caller's). */
static inline void
run_push(struct fast_scorer *fs, const struct word_entry *e)
{
    uint32_t lex;

    for (lex = e->lex; lex; lex &= lex - 1)
        fs->lexc[__builtin_ctz(lex)]++;
    fs->batch[fs->nbatch++] = e;
    if (fs->nbatch == RUN_BATCH)
        run_flush(fs);
}

/*
 * The calling thread's word cache: direct-mapped by the word's hash,
 * each slot tagged by the model's serial and the word's bytes (not by
 * the hash alone, so two words with one hash never share a slot). It
 * only remembers what word_entry_fill computes; a slot taken by another
 * word or model is filled again. Threads never share one (a model is
 * immutable and may be shared by threads; the cache is not part of it):
 * each thread's is made on its first score and freed when it ends.
 *
 * Its size is a trade: a smaller cache fills more slots again (each a
 * wtab probe and the stem's weight), a larger one is read from farther
 * away. Extraction does much else between two claims, and the machine
 * runs other processes: measured there (perf cpu-clock, 6x news-bbc,
 * two shared cores under load), the model's time was least with 4,096
 * to 8,192 slots and grew from 16,384 on; 32,768 (2 MB, all of L2)
 * took a fifth more than 8,192. Scoring alone, with nothing else to
 * evict it, 32,768 is a little faster.
 */
#define WORD_CACHE_SLOTS 8192 /* a power of two: 512 KB of 64-byte slots */

struct word_cache {
    size_t mask;                /* slots - 1 */
    unsigned shift;             /* 64 - log2(slots), at most 63 */
    struct word_entry sym[128]; /* the symbol tokens', by their byte */
    struct word_entry e[];
};

static _Thread_local struct word_cache *tl_cache;
static _Thread_local size_t tl_cache_slots = WORD_CACHE_SLOTS;
static pthread_key_t cache_key;
static bool cache_key_ok;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static atomic_uint_fast32_t model_serials;

static void
cache_key_make(void)
{
    /* frees a thread's cache when the thread ends */
    cache_key_ok = pthread_key_create(&cache_key, free) == 0;
}

/* A new model's serial (never 0, the empty slot's). */
static uint32_t
model_serial_next(void)
{
    uint32_t s;

    do
        s = (uint32_t)atomic_fetch_add(&model_serials, 1) + 1;
    while (s == 0);
    return s;
}

/* The calling thread's cache, made (empty) on first use. */
static struct word_cache *
word_cache(void)
{
    struct word_cache *c = tl_cache;

    if (c && c->mask + 1 == tl_cache_slots)
        return c;
    pthread_once(&cache_once, cache_key_make);
    free(c);
    c = cdk_xcalloc(1, sizeof(*c) + tl_cache_slots * sizeof(c->e[0]));
    c->mask = tl_cache_slots - 1;
    c->shift = 63;
    while (((size_t)1 << (64 - c->shift)) <= c->mask)
        c->shift--;
    tl_cache = c;
    if (cache_key_ok)
        pthread_setspecific(cache_key, c);
    return c;
}

void
cdk_model_cache_slots(size_t slots)
{
    size_t s = 1;

    while (s < slots && s < ((size_t)1 << 24))
        s *= 2;
    tl_cache_slots = slots ? s : WORD_CACHE_SLOTS;
}

/*
 * The slot of the word w[0..n) (0 < n <= WE_BYTES; w readable and zero
 * from w[n] to the next multiple of 8): a hash of the word's 8-byte
 * pieces, not of its bytes one by one, so that the loop that finds a
 * word need not hash it. (For a word of up to 8 bytes, word_slot1.)
 */
static inline struct word_entry *
word_slot(const struct word_cache *c, const char *w, size_t n)
{
    uint64_t x = 0;
    size_t i;

    for (i = 0; i < n; i += 8) {
        uint64_t k;
        memcpy(&k, w + i, 8);
        x = (x ^ k) * 0x9e3779b97f4a7c15ULL;
    }
    return (struct word_entry *)&c->e[(size_t)(x >> c->shift) & c->mask];
}

/* word_slot of a word of up to 8 bytes, k0 (its bytes, zero-padded). */
static inline struct word_entry *
word_slot1(const struct word_cache *c, uint64_t k0)
{
    return (struct word_entry *)&c
        ->e[(size_t)((k0 * 0x9e3779b97f4a7c15ULL) >> c->shift) & c->mask];
}

/* Whether slot e holds the word w[0..n) (as word_slot's) of model
 * `serial`. */
static inline bool
word_is(const struct word_entry *e, uint32_t serial, const char *w, size_t n)
{
    size_t i;

    if (e->tag != word_tag(serial, n))
        return false;
    for (i = 0; i < n; i += 8) {
        uint64_t k;
        memcpy(&k, w + i, 8);
        if (e->w[i / 8] != k)
            return false;
    }
    return true;
}

/* Fill slot e for the word w[0..n) (as word_slot's), after adding the
 * batch (which may point to e). */
static const struct word_entry *
word_fill(struct fast_scorer *fs, struct word_entry *e, const char *w, size_t n)
{
    run_flush(fs);
    word_entry_fill(fs->m, e, w, n, cdk_fnv1a(w, n, CDK_FNV1A_OFFSET), TK_WORD);
    memset(e->w, 0, sizeof(e->w));
    memcpy(e->w, w, n);
    e->tag = word_tag(fs->serial, n);
    return e;
}

/* The entry of the word w[0..n) (as word_slot's): from the cache, or
 * filled now. */
static inline const struct word_entry *
word_cached(struct fast_scorer *fs, const char *w, size_t n)
{
    struct word_entry *e = word_slot(fs->cache, w, n);

    return word_is(e, fs->serial, w, n) ? e : word_fill(fs, e, w, n);
}

/* The entry of symbol token sym ("$", "%", "?"...). */
static inline const struct word_entry *
sym_cached(const struct cdk_model *m, struct word_cache *c, uint32_t serial,
           char sym)
{
    struct word_entry *e = &c->sym[(unsigned char)sym & 127];

    if (e->tag != word_tag(serial, 1)) {
        /* the slot of byte sym is only ever sym's */
        word_entry_fill(m, e, &sym, 1, cdk_fnv1a(&sym, 1, CDK_FNV1A_OFFSET),
                        TK_SYMBOL);
        e->tag = word_tag(serial, 1);
    }
    return e;
}

/* punct() for the scorer, whose after_break is pl's. */
static inline char
run_punct(struct featurizer *f, struct run_place *pl, uint32_t cp)
{
    char sym;

    f->after_break = false;
    sym = punct(f, cp);
    if (f->after_break)
        pl->after_break = true;
    return sym;
}

static void
fast_token_done(struct fast_scorer *fs)
{
    struct featurizer *f = &fs->f;

    f->tlen = 0;
    f->tok_long = f->tok_cap = f->tok_started_digit = false;
    fs->th = CDK_FNV1A_OFFSET;
}

/* end_token */
static void
fast_end_token(struct fast_scorer *fs)
{
    struct featurizer *f = &fs->f;
    struct run_place *pl = &fs->pl;
    struct word_entry *tmp = &fs->tmp[fs->nbatch];
    char norm[TOK_MAX + 16];
    char *w = f->tok;
    size_t n = f->tlen;
    uint64_t h = fs->th;

    if (n == 0)
        return;
    if (f->tok[n - 1] == '\'') {
        /* trailing apostrophes are quotes: the hash is of the rest */
        while (n > 0 && f->tok[n - 1] == '\'')
            n--;
        if (n == 0) {
            fast_token_done(fs);
            return;
        }
        h = cdk_fnv1a(f->tok, n, CDK_FNV1A_OFFSET);
    }
    if (f->tok_cap && pl->ntok > 0 && !pl->after_break)
        pl->entities++;
    if (f->tok_started_digit) {
        n = number_norm(f, n, norm);
        w = norm;
        h = cdk_fnv1a(norm, n, CDK_FNV1A_OFFSET);
    }
    if (f->tok_long) {
        word_entry_fill(fs->m, tmp, w, n, cdk_mix64(h ^ 0x10f6ULL), TK_LONG);
        run_push(fs, tmp);
    } else if (f->tok_started_digit || n > WE_BYTES) {
        word_entry_fill(fs->m, tmp, w, n, h,
                        f->tok_started_digit ? TK_NUMBER : TK_WORD);
        run_push(fs, tmp);
    } else {
        memset(w + n, 0, 8); /* word_cached compares 8 bytes at a time */
        run_push(fs, word_cached(fs, w, n));
    }
    pl->ntok++;
    pl->after_break = false;
    fast_token_done(fs);
}

/* symbol_token (after fast_end_token) */
static void
fast_symbol(struct fast_scorer *fs, char sym)
{
    run_push(fs, sym_cached(fs->m, fs->cache, fs->serial, sym));
    fs->pl.ntok++;
}

/* tok_add */
static inline void
fast_tok_add(struct fast_scorer *fs, const char *s, size_t n)
{
    struct featurizer *f = &fs->f;

    if (f->tlen + n > TOK_MAX) {
        f->tok_long = true;
        return;
    }
    memcpy(f->tok + f->tlen, s, n);
    f->tlen += n;
    fs->th = cdk_fnv1a(s, n, fs->th);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORD_SWAR 1 /* word_at reads 8 bytes at a time */
#else
#define WORD_SWAR 0
#endif

#define BYTES8(b) (0x0101010101010101ULL * (b))

/* 0x80 in each byte of x that is an ASCII letter or digit, 0 in the
 * others: for each byte y < 0x80, y + (0x80 - lo) has its top bit set
 * iff y >= lo, and y + (0x7f - hi) iff y > hi; no sum carries into the
 * next byte. Letters are matched lowercased (y | 0x20). */
static inline uint64_t
ascii_alnum8(uint64_t x)
{
    uint64_t y = x & BYTES8(0x7f), l = y | BYTES8(0x20);
    uint64_t letter = (l + BYTES8(0x80 - 'a')) & ~(l + BYTES8(0x7f - 'z'));
    uint64_t digit = (y + BYTES8(0x80 - '0')) & ~(y + BYTES8(0x7f - '9'));

    return (letter | digit) & ~x & BYTES8(0x80);
}

/*
 * The run of ASCII letters and digits at text[i] (i < len, a letter or
 * a digit there), lowercased into buf[0..returned) and zero from there
 * to the next multiple of 8 bytes; at most WE_BYTES of it (when it
 * goes on, text[i + WE_BYTES] is a letter or digit). buf holds
 * WE_BYTES + 8 bytes.
 */
static inline size_t
word_at(const char *text, size_t i, size_t len, char *buf)
{
    size_t n = 0, stop;

#if WORD_SWAR
    /* 8 bytes at a time while 8 are there: the first byte that is not
     * a letter or digit ends the word */
    while (n < WE_BYTES && len - (i + n) >= 8) {
        uint64_t x, a, end;
        memcpy(&x, text + i + n, 8);
        a = ascii_alnum8(x);
        end = ~a & BYTES8(0x80);
        x |= a >> 2; /* 0x20 in each letter or digit: lowercase */
        if (end) {
            unsigned b = (unsigned)__builtin_ctzll(end) / 8;
            x &= b ? ~0ULL >> (64 - 8 * b) : 0; /* its first b bytes */
            memcpy(buf + n, &x, 8);
            return n + b;
        }
        memcpy(buf + n, &x, 8);
        n += 8;
    }
#endif
    /* a byte at a time (near the end of the text) */
    stop = len - i < WE_BYTES ? len : i + WE_BYTES;
    while (i + n < stop) {
        unsigned char k = byte_class[(unsigned char)text[i + n]];
        if (k < '0')
            break;
        buf[n++] = (char)k;
    }
    memset(buf + n, 0, 8);
    return n;
}

/*
 * The hot loop: from text[i], with no token open, the tokens that need
 * nothing but the cache -- words of ASCII letters and digits that start
 * with a letter and are whole (what follows is not an apostrophe or a
 * non-ASCII byte that could continue them) and at most WE_BYTES long,
 * the ASCII punctuation and separators between them -- with the state
 * in locals. Returns where it stopped: the end, or a token for the
 * general way (a number, a word with an apostrophe or non-ASCII
 * letters, a long word, non-ASCII punctuation); no token is open then.
 */
static size_t
fast_run(struct fast_scorer *fs, const char *text, size_t i, size_t len)
{
    struct run_place pl = fs->pl;
    const struct word_cache *cache = fs->cache;
    const uint32_t serial = fs->serial;
    char buf[WE_BYTES + 8];

    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        unsigned char k = byte_class[c];

        if (k >= 'a') {
            size_t n = word_at(text, i, len, buf);
            unsigned char next = i + n < len ? (unsigned char)text[i + n] : ' ';
            const struct word_entry *e;
            uint64_t k0;

            if (byte_class[next] >= '0' || next >= 0x80 || next == '\'')
                break; /* the word goes on: the general way takes it */
            if (c < 'a' && pl.ntok > 0 && !pl.after_break)
                pl.entities++; /* a capital inside a sentence */
            memcpy(&k0, buf, 8);
            if (n <= 8) {
                /* most words: word_cached, with the word in k0 */
                struct word_entry *s1 = word_slot1(cache, k0);
                e = s1->tag == word_tag(serial, n) && s1->w[0] == k0
                        ? s1
                        : word_fill(fs, s1, buf, n);
            } else {
                e = word_cached(fs, buf, n);
            }
            run_push(fs, e);
            pl.ntok++;
            pl.after_break = false;
            /* a separator after it does nothing more: skip it too */
            i += byte_class[next] == BYTE_SEP ? n + 1 : n;
        } else if (k == BYTE_SEP) {
            i++;
        } else if (k == BYTE_OTHER && c < 0x80) {
            /* ASCII punctuation with no token open: its cues and its
             * symbol token (a lone apostrophe is nothing) */
            char sym = run_punct(&fs->f, &pl, c);
            if (sym) {
                run_push(fs, sym_cached(fs->m, fs->cache, fs->serial, sym));
                pl.ntok++;
            }
            i++;
        } else {
            break; /* a digit, a non-ASCII byte */
        }
    }
    fs->pl = pl;
    return i;
}

/* Add the lexicon counts c[LEX_COUNT] to f's counters (count_lexicons). */
static void
lex_counts_to(struct featurizer *f, const unsigned *c)
{
    f->negations += c[LEX_NEGATION];
    f->pasts += c[LEX_PAST];
    f->according += c[LEX_ACCORDING];
    f->woulds += c[LEX_WOULD];
    f->percents += c[LEX_PERCENT];
    f->reporting += c[LEX_REPORTING];
    f->hedges += c[LEX_HEDGE];
    f->modals += c[LEX_MODAL];
    f->futures += c[LEX_FUTURE];
    f->first_s += c[LEX_FIRST_SINGULAR];
    f->first_p += c[LEX_FIRST_PLURAL];
    f->second += c[LEX_SECOND];
    f->subjective += c[LEX_SUBJECTIVE];
    f->intensifiers += c[LEX_INTENSIFIER];
    f->comparatives += c[LEX_COMPARATIVE];
    f->superlatives += c[LEX_SUPERLATIVE];
    f->numwords += c[LEX_NUMBER_WORD];
    f->money += c[LEX_MONEY];
    f->months += c[LEX_MONTH];
    f->times += c[LEX_TIME];
    f->stats += c[LEX_STAT];
}

/*
 * What emit_cues sends score_cue and score_dense, summed as they sum it
 * (the same terms in the same order), without the sink: wc are the cue
 * weights; dense: the model has the dense features (and m->ftab).
 */
static double
fast_cues(const struct featurizer *f, const float *wc, bool dense)
{
    double z = 0;
    size_t n = f->ntok;

#define CUE_ADD(c, val) (z += (double)wc[(c)] * (float)(val))
#define CUE_BIN(c, v)                                                          \
    do {                                                                       \
        if (v)                                                                 \
            CUE_ADD((c), 1.0f);                                                \
    } while (0)
    CUE_BIN(CUE_NUMBER, f->numbers);
    CUE_BIN(CUE_NUMBER_MANY, f->numbers >= 2);
    CUE_BIN(CUE_YEAR, f->years);
    CUE_BIN(CUE_PERCENT, f->percents);
    CUE_BIN(CUE_MONEY, f->money);
    CUE_BIN(CUE_NUMBER_WORD, f->numwords);
    CUE_BIN(CUE_MONTH, f->months);
    CUE_BIN(CUE_TIME_WORD, f->times);
    CUE_BIN(CUE_ENTITY, f->entities);
    if (f->entities)
        CUE_ADD(CUE_ENTITY_LOG, cue_log1p(f->entities));
    CUE_BIN(CUE_REPORTING, f->reporting);
    CUE_BIN(CUE_ACCORDING, f->according);
    CUE_BIN(CUE_HEDGE, f->hedges);
    CUE_BIN(CUE_MODAL, f->modals);
    CUE_BIN(CUE_WOULD, f->woulds);
    CUE_BIN(CUE_FUTURE, f->futures);
    CUE_BIN(CUE_FIRST_SINGULAR, f->first_s);
    CUE_BIN(CUE_FIRST_PLURAL, f->first_p);
    CUE_BIN(CUE_SECOND_PERSON, f->second);
    CUE_BIN(CUE_SUBJECTIVE, f->subjective);
    if (f->subjective)
        CUE_ADD(CUE_SUBJECTIVE_LOG, cue_log1p(f->subjective));
    CUE_BIN(CUE_INTENSIFIER, f->intensifiers);
    CUE_BIN(CUE_COMPARATIVE, f->comparatives);
    CUE_BIN(CUE_SUPERLATIVE, f->superlatives);
    CUE_BIN(CUE_NEGATION, f->negations);
    CUE_BIN(CUE_QUESTION, f->questions);
    CUE_BIN(CUE_EXCLAMATION, f->exclaims);
    CUE_BIN(CUE_QUOTE, f->quotes);
    CUE_BIN(CUE_STAT_WORD, f->stats);
    CUE_BIN(CUE_PAST_VERB, f->pasts);
    if (n < 5)
        CUE_ADD(CUE_LEN_1, 1.0f);
    else if (n < 10)
        CUE_ADD(CUE_LEN_2, 1.0f);
    else if (n < 20)
        CUE_ADD(CUE_LEN_3, 1.0f);
    else if (n < 35)
        CUE_ADD(CUE_LEN_4, 1.0f);
    else
        CUE_ADD(CUE_LEN_5, 1.0f);
    CUE_ADD(CUE_LEN_LOG, cue_len_log(n));
    if (dense && f->nvec)
        z += f->fsum / (double)f->nvec;
#undef CUE_BIN
#undef CUE_ADD
    return z;
}

/* model_margin by the fast scorer; featurize's loop, token for token. */
static double
fast_margin(const struct cdk_model *m, const char *text, size_t len)
{
    struct fast_scorer fs;
    struct word_entry tmp[RUN_BATCH];
    struct featurizer *f = &fs.f;
    size_t i = 0, n, count[FAST_GROUPS];
    uint32_t cp;
    double z;
    int g;

    if (!text)
        len = 0;
    fs.m = m;
    run_model_init(&fs.rm, m);
    fs.cache = word_cache();
    fs.serial = m->serial;
    memset(fs.lexc, 0, sizeof(fs.lexc));
    memset(&fs.st, 0, sizeof(fs.st));
    fs.pl.ntok = 0;
    fs.pl.entities = 0;
    fs.pl.after_break = true;
    fs.nbatch = 0;
    fs.tmp = tmp;
    fs.th = CDK_FNV1A_OFFSET;
    featurize_begin(f);
    fs.st.prev1 = fs.st.prev2 = f->prev1;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        unsigned char k;

        if (f->tlen == 0 && !f->tok_long) {
            i = fast_run(&fs, text, i, len);
            if (i >= len)
                break;
            c = (unsigned char)text[i];
        }
        k = byte_class[c];
        if (k >= '0') {
            /* A run of ASCII letters and digits, lowercased and hashed
             * as it is copied, up to the room left in f->tok; what does
             * not fit makes the token long (as tok_add). */
            size_t start = i, stop;
            uint64_t th = fs.th;
            char *dst = f->tok + f->tlen;

            if (f->tlen == 0 && !f->tok_long) {
                f->tok_cap = (c >= 'A' && c <= 'Z');
                f->tok_started_digit = (c >= '0' && c <= '9');
            }
            stop = len - i < TOK_MAX - f->tlen ? len
                                               : i + (TOK_MAX - f->tlen);
            while (i < stop &&
                   (k = byte_class[(unsigned char)text[i]]) >= '0') {
                dst[i - start] = (char)k;
                th = cdk_fnv1a((const char *)&k, 1, th);
                i++;
            }
            f->tlen += i - start;
            fs.th = th;
            if (i < len && byte_class[(unsigned char)text[i]] >= '0') {
                f->tok_long = true;
                do
                    i++;
                while (i < len && byte_class[(unsigned char)text[i]] >= '0');
            }
            continue;
        }
        if (k == BYTE_SEP) {
            /* the general way below would end the token and do no more */
            if (f->tlen > 0)
                fast_end_token(&fs);
            i++;
            continue;
        }
        if (c < 0x80) {
            n = 1;
            cp = c;
        } else {
            n = cdk_utf8_next(text + i, len - i, &cp);
        }
        if (cp < 0x80 && is_word_cp(cp)) {
            char ch = (char)cp;
            if (f->tlen == 0 && !f->tok_long) {
                f->tok_cap = (ch >= 'A' && ch <= 'Z');
                f->tok_started_digit = (ch >= '0' && ch <= '9');
            }
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            fast_tok_add(&fs, &ch, 1);
        } else if (is_word_cp(cp)) {
            if (f->tlen == 0 && !f->tok_long)
                f->tok_cap = false;
            fast_tok_add(&fs, text + i, n);
        } else if ((cp == '\'' || cp == 0x2019) &&
                   (f->tlen > 0 || f->tok_long)) {
            fast_tok_add(&fs, "'", 1);
        } else if ((cp == '.' || cp == ',') && f->tok_started_digit &&
                   i + 1 < len && text[i + 1] >= '0' && text[i + 1] <= '9') {
            fast_tok_add(&fs, text + i, 1); /* 3.5, 1,000 */
        } else {
            char sym;
            fast_end_token(&fs);
            sym = run_punct(f, &fs.pl, cp);
            if (sym)
                fast_symbol(&fs, sym);
        }
        i += n;
    }
    fast_end_token(&fs);
    run_flush(&fs);
    /* "</s>": its unigram (hashed: no entry) and n-grams */
    {
        uint64_t h = cdk_fnv1a("</s>", 4, CDK_FNV1A_OFFSET);
        run_hashed(&fs.st, &fs.rm, G_WORD, h ^ 0x11ULL);
        run_ngrams(&fs.st, &fs.rm, h);
    }

    /* the cues and the dense features, as model_margin */
    lex_counts_to(f, fs.lexc);
    f->ntok = fs.st.ntok;
    f->entities = fs.pl.entities;
    f->nvec = fs.st.nvec;
    f->fsum = fs.st.fsum;
    /* the features per group (struct run_state): each token's and
     * "</s>"'s */
    count[G_WORD] = fs.st.ntok + fs.st.nstem + 1;
    count[G_BIGRAM] = m->word_ngrams >= 2 ? fs.st.ntok + 1 : 0;
    if (m->word_ngrams >= 3)
        count[G_BIGRAM] += fs.st.ntok;
    count[G_CHAR] = 0;
    count[G_CLUSTER] = fs.rm.clusters ? 2 * fs.st.ntok : 0;
    z = m->bias + fast_cues(f, m->w + ((size_t)1 << m->hash_bits), fs.rm.dense);
    for (g = 0; g < FAST_GROUPS; g++)
        if (count[g])
            z += fs.st.sum[g] / sqrt((double)count[g]);
    return z;
}

/* Where the key's slot is in m->wtab, a new one when it has none. */
static struct cdk_model_word_slot *
word_insert(struct cdk_model *m, uint64_t key)
{
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> m->wshift);

    while (m->wtab[i].cluster != WS_EMPTY) {
        if (m->wtab[i].key == key)
            return &m->wtab[i];
        i = (i + 1) & m->wmask;
    }
    m->wtab[i].key = key;
    m->wtab[i].uni = m->w[cdk_mix64(key ^ 0x11ULL) >> (64 - m->hash_bits)];
    m->wtab[i].fold = 0;
    m->wtab[i].cluster = WS_NO_VECTOR;
    m->wtab[i].lex = 0;
    return &m->wtab[i];
}

/* The folded dense weight of word key, from m->ftab. */
static float
fold_of(const struct cdk_model *m, uint64_t key)
{
    size_t sl = (size_t)cdk_mix64(key) & m->fmask;

    while (m->ftab[sl].cluster >= 0 && m->ftab[sl].key != key)
        sl = (sl + 1) & m->fmask;
    return m->ftab[sl].cluster >= 0 ? m->ftab[sl].w : 0.0f;
}

/* The weight of cluster feature h (vector_token's hashing). */
static float
cluster_weight(const struct cdk_model *m, uint64_t h)
{
    return m->w[cdk_mix64(h) >> (64 - m->hash_bits)];
}

/*
 * Build the fast scorer's tables (see fast_margin) once the weights,
 * vectors and m->ftab are final. Leaves m->wtab NULL for a model the
 * fast scorer does not handle.
 */
static void
model_index(struct cdk_model *m)
{
    size_t n = m->wv ? cdk_wordvec_size(m->wv) : 0, nlex = 0, cap = 16, i;
    unsigned bits = 4;
    int K = 0, r, c;

    if (m->char_min > 0)
        return;
    if (m->wv && m->clusters) {
        K = cdk_wordvec_clusters(m->wv);
        if (K > FAST_MAX_CLUSTERS)
            return;
    }
    pthread_once(&lex_once, lex_build);
    for (i = 0; i < LEX_SLOTS; i++)
        if (lex_table[i].word)
            nlex++;
    while (cap < (n + nlex) + (n + nlex) / 2) {
        cap *= 2;
        bits++;
    }
    m->wmask = cap - 1;
    m->wshift = 64 - bits;
    m->wtab = cdk_xmalloc(cap * sizeof(*m->wtab));
    for (i = 0; i < cap; i++)
        m->wtab[i].cluster = WS_EMPTY;
    for (i = 0; i < n; i++) {
        uint64_t key = cdk_wordvec_key(m->wv, i);
        struct cdk_model_word_slot *ws = word_insert(m, key);

        ws->cluster = (int16_t)cdk_wordvec_cluster(m->wv, i);
        if (m->dense)
            ws->fold = fold_of(m, key);
    }
    for (i = 0; i < LEX_SLOTS; i++) {
        const struct lex_slot *l = &lex_table[i];
        struct cdk_model_word_slot *ws;

        if (!l->word)
            continue;
        ws = word_insert(m, cdk_fnv1a(l->word, l->len, CDK_FNV1A_OFFSET));
        if (ws->lex) {
            /* two lexicon words with one hash: the reference decides */
            free(m->wtab);
            m->wtab = NULL;
            return;
        }
        ws->lex = (uint16_t)(i + 1);
    }
    m->serial = model_serial_next();
    if (!K)
        return;
    /* vector_token: k = cluster + 1, or 0xffff + 1 without a vector; the
     * previous cluster -1 at the start, 0xffff after no vector */
    m->ncl = K;
    m->cw_uni = cdk_xmalloc((size_t)(K + 1) * sizeof(*m->cw_uni));
    m->cw_pair =
        cdk_xmalloc((size_t)(K + 2) * (size_t)(K + 1) * sizeof(*m->cw_pair));
    for (c = 0; c <= K; c++) {
        uint64_t k = (uint64_t)(c == 0 ? 0xffff : c - 1) + 1;

        m->cw_uni[c] = cluster_weight(m, cdk_mix64(k ^ 0xc1c1ULL));
        for (r = 0; r < K + 2; r++) {
            int prev = r == 0 ? -1 : r == 1 ? 0xffff : r - 2;
            m->cw_pair[(size_t)r * (size_t)(K + 1) + (size_t)c] =
                cluster_weight(m, cdk_mix64(((uint64_t)(prev + 2) << 20) ^ k ^
                                            0xc2c2ULL));
        }
    }
}

double
cdk_model_score(const struct cdk_model *m, const char *text, size_t len)
{
    return sigmoid(m->wtab ? fast_margin(m, text, len)
                           : model_margin(m, text, len));
}

double
cdk_model_score_reference(const struct cdk_model *m, const char *text,
                          size_t len)
{
    return sigmoid(model_margin(m, text, len));
}

int
cdk_model_fast(const struct cdk_model *m)
{
    return m->wtab != NULL;
}

double
cdk_model_threshold(const struct cdk_model *m)
{
    return m->threshold;
}

const struct cdk_wordvec *
cdk_model_vectors(const struct cdk_model *m)
{
    return m->wv;
}

size_t
cdk_model_nonzero(const struct cdk_model *m)
{
    size_t i, n = 0;

    for (i = 0; i < m->nweights; i++)
        if (m->w[i] != 0.0f)
            n++;
    return n;
}

void
cdk_model_free(struct cdk_model *m)
{
    if (!m)
        return;
    if (m->image) {
        cdk_wordvec_free(m->wv);
        free(m);
        return;
    }
    free(m->w);
    free(m->ftab);
    free(m->wtab);
    free(m->cw_uni);
    free(m->cw_pair);
    cdk_wordvec_free(m->wv);
    free(m);
}

/* ---- training ---- */

void
cdk_model_options_init(struct cdk_model_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->hash_bits = 18;
    opt->word_ngrams = 2;
    opt->char_min = 0;
    opt->char_max = 0;
    opt->epochs = 8;
    opt->rate = 0.1;
    opt->l2 = 1e-5;
    opt->pos_weight = 0;
    opt->prune = 1e-3;
    opt->min_count = 2;
    opt->tune_folds = 3;
    opt->seed = 20240229;
    opt->vectors = NULL;
    opt->vec_dense = 1;
    opt->vec_clusters = 1;
    opt->average = 0;
    opt->runs = 1;
    opt->nb = 0;
}

/* All examples' features, stored once (CSR rows). */
struct dataset {
    size_t n;
    size_t *start; /* n + 1 offsets into idx/val */
    uint32_t *idx;
    float *val;
    size_t nnz, alloc;
    unsigned char *label;
};

struct collect_sink {
    struct sink base;
    struct dataset *d;
    size_t row_start;
    size_t count[G_NGROUPS];
    size_t cue_base;
    /* which group each stored feature of the current row belongs to */
    unsigned char *grp;
    size_t grp_alloc;
};

static void
collect_push(struct collect_sink *cs, uint32_t idx, float val, int g)
{
    struct dataset *d = cs->d;

    if (d->nnz + 1 > d->alloc) {
        CDK_ALLOC_GROW(d->idx, d->nnz + 1, d->alloc);
        d->val = cdk_xreallocarray(d->val, d->alloc, sizeof(*d->val));
    }
    CDK_ALLOC_GROW(cs->grp, d->nnz - cs->row_start + 1, cs->grp_alloc);
    d->idx[d->nnz] = idx;
    d->val[d->nnz] = val;
    cs->grp[d->nnz - cs->row_start] = (unsigned char)g;
    d->nnz++;
}

static void
collect_hashed(struct sink *s, enum group g, uint32_t idx)
{
    struct collect_sink *cs = (struct collect_sink *)s;

    collect_push(cs, idx, 1.0f, g);
    cs->count[g]++;
}

static void
collect_cue(struct sink *s, int cue, float val)
{
    struct collect_sink *cs = (struct collect_sink *)s;

    collect_push(cs, (uint32_t)(cs->cue_base + (size_t)cue), val, G_NGROUPS);
}

static void
dataset_build(struct dataset *d, const struct cdk_model_example *ex,
              size_t n, const struct cdk_model_options *opt)
{
    struct collect_sink cs;
    struct featurizer f;
    size_t i, j;

    memset(d, 0, sizeof(*d));
    memset(&cs, 0, sizeof(cs));
    d->n = n;
    d->start = cdk_xcalloc(n + 1, sizeof(*d->start));
    d->label = cdk_xcalloc(n ? n : 1, 1);
    cs.base.hashed = collect_hashed;
    cs.base.cue = collect_cue;
    cs.d = d;
    cs.cue_base = (size_t)1 << opt->hash_bits;
    featurizer_init(&f, opt->hash_bits, opt->word_ngrams, opt->char_min,
                    opt->char_max, &cs.base);
    featurizer_vectors(&f, opt->vectors, opt_dense(opt), opt->vec_clusters,
                       NULL);
    for (i = 0; i < n; i++) {
        d->start[i] = d->nnz;
        d->label[i] = ex[i].label ? 1 : 0;
        cs.row_start = d->nnz;
        memset(cs.count, 0, sizeof(cs.count));
        featurize(&f, ex[i].text ? ex[i].text : "", ex[i].text ? ex[i].len : 0);
        /* the same group scaling as model_margin */
        for (j = d->start[i]; j < d->nnz; j++) {
            int g = cs.grp[j - cs.row_start];
            if (g < G_NGROUPS)
                d->val[j] = (float)(1.0 / sqrt((double)cs.count[g]));
        }
    }
    d->start[n] = d->nnz;
    free(cs.grp);
}

static void
dataset_release(struct dataset *d)
{
    free(d->start);
    free(d->idx);
    free(d->val);
    free(d->label);
    memset(d, 0, sizeof(*d));
}

static double
row_margin(const struct dataset *d, size_t r, const double *w, double bias)
{
    double z = bias;
    size_t j;

    for (j = d->start[r]; j < d->start[r + 1]; j++)
        z += w[d->idx[j]] * d->val[j];
    return z;
}

/*
 * The naive-Bayes log-count ratio of a slot (after Wang and Manning 2012),
 * from the number of check-worthy rows that have it (p of npos) and of
 * other rows (q of nneg), smoothed by alpha.
 */
static double
nb_ratio(double p, double npos, double q, double nneg, double alpha)
{
    return log(((p + alpha) / (npos + 2 * alpha)) /
               ((q + alpha) / (nneg + 2 * alpha)));
}

/*
 * scale[0..nweights) gets the naive-Bayes ratio of each hashed slot over
 * rows[0..nrows) of d (a slot counted once per row), 1 for the cue and
 * dense slots, which are not scaled.
 */
static void
nb_ratios(const struct dataset *d, const size_t *rows, size_t nrows,
          unsigned hash_bits, double alpha, size_t nweights, double *scale)
{
    size_t nh = (size_t)1 << hash_bits, i, j;
    unsigned *cnt = cdk_xcalloc(2 * nh, sizeof(*cnt)); /* [neg | pos] */
    size_t *last = cdk_xcalloc(nh, sizeof(*last));     /* row + 1 */
    double nrow[2] = {0, 0};

    for (i = 0; i < nrows; i++) {
        size_t r = rows[i];
        unsigned *c = cnt + (d->label[r] ? nh : 0);
        nrow[d->label[r]]++;
        for (j = d->start[r]; j < d->start[r + 1]; j++) {
            uint32_t k = d->idx[j];
            if (k < nh && last[k] != i + 1) {
                last[k] = i + 1;
                c[k]++;
            }
        }
    }
    for (i = 0; i < nweights; i++)
        scale[i] = i < nh ? nb_ratio(cnt[nh + i], nrow[1], cnt[i], nrow[0],
                                     alpha)
                          : 1.0;
    free(last);
    free(cnt);
}

/*
 * One run of AdaGrad SGD on the weighted logistic loss over rows[0..nrows)
 * of d, shuffling with the generator state rng. The L2 penalty is applied
 * to the weights a step touches (the usual sparse approximation). Each
 * feature is multiplied by scale[its slot] when scale is not NULL. With
 * opt->average > 0, the result is the mean of the weights at the ends of
 * the last opt->average epochs (all of them when there are fewer), so
 * the weights of the first epochs, far from the optimum, are left out.
 * w has nweights entries and is overwritten.
 */
static void
sgd_run(const struct dataset *d, const size_t *rows, size_t nrows,
        const struct cdk_model_options *opt, double pos_w,
        const double *scale, size_t nweights, double *w, double *bias,
        uint64_t rng)
{
    double *g2 = cdk_xcalloc(nweights, sizeof(*g2));
    double bg2 = 0, b = 0, bsum = 0, *wsum = NULL;
    size_t *order = cdk_xmalloc((nrows ? nrows : 1) * sizeof(*order));
    size_t i, j;
    int e, from = 0;

    if (opt->average > 0) {
        from = opt->average < opt->epochs ? opt->epochs - opt->average : 0;
        wsum = cdk_xcalloc(nweights, sizeof(*wsum));
    }
    memset(w, 0, nweights * sizeof(*w));
    for (i = 0; i < nrows; i++)
        order[i] = rows[i];
    for (e = 0; e < opt->epochs; e++) {
        shuffle(order, nrows, &rng);
        for (i = 0; i < nrows; i++) {
            size_t r = order[i];
            int y = d->label[r];
            double z = b, p, g;

            if (scale)
                for (j = d->start[r]; j < d->start[r + 1]; j++)
                    z += w[d->idx[j]] * (d->val[j] * scale[d->idx[j]]);
            else
                z = row_margin(d, r, w, b);
            p = sigmoid(z);
            g = (p - y) * (y ? pos_w : 1.0);
            for (j = d->start[r]; j < d->start[r + 1]; j++) {
                uint32_t k = d->idx[j];
                double x = scale ? d->val[j] * scale[k] : d->val[j];
                double gk = g * x + opt->l2 * w[k];

                g2[k] += gk * gk;
                w[k] -= opt->rate * gk / (sqrt(g2[k]) + 1e-8);
            }
            bg2 += g * g;
            b -= opt->rate * g / (sqrt(bg2) + 1e-8);
        }
        if (wsum && e >= from) {
            for (i = 0; i < nweights; i++)
                wsum[i] += w[i];
            bsum += b;
        }
    }
    if (wsum) {
        for (i = 0; i < nweights; i++)
            w[i] = wsum[i] / (opt->epochs - from);
        b = bsum / (opt->epochs - from);
    }
    *bias = b;
    free(wsum);
    free(order);
    free(g2);
}

/*
 * Train on rows[0..nrows) of d: opt->runs runs of sgd_run, the weights
 * averaged (run k shuffles as one run with the seed opt->seed + k); with opt->nb, the hashed features
 * scaled by their naive-Bayes ratios, which are then folded into the
 * weights (so that w scores unscaled features, as the model does). w has
 * nweights entries and is overwritten.
 */
static void
sgd_train(const struct dataset *d, const size_t *rows, size_t nrows,
          const struct cdk_model_options *opt, size_t nweights, double *w,
          double *bias)
{
    double pos_w = opt->pos_weight, *scale = NULL, *wr, b;
    size_t i, npos = 0;
    int run;

    for (i = 0; i < nrows; i++)
        npos += d->label[rows[i]];
    if (pos_w <= 0)
        pos_w = npos ? (double)(nrows - npos) / (double)npos : 1.0;
    if (opt->nb > 0) {
        scale = cdk_xmalloc(nweights * sizeof(*scale));
        nb_ratios(d, rows, nrows, opt->hash_bits, opt->nb, nweights, scale);
    }
    /* run k shuffles as a single run with seed + k would */
    sgd_run(d, rows, nrows, opt, pos_w, scale, nweights, w, bias,
            opt->seed ^ 0x5eedULL);
    if (opt->runs > 1) {
        wr = cdk_xmalloc(nweights * sizeof(*wr));
        for (run = 1; run < opt->runs; run++) {
            sgd_run(d, rows, nrows, opt, pos_w, scale, nweights, wr, &b,
                    (opt->seed + (uint64_t)run) ^ 0x5eedULL);
            for (i = 0; i < nweights; i++)
                w[i] += wr[i];
            *bias += b;
        }
        for (i = 0; i < nweights; i++)
            w[i] /= opt->runs;
        *bias /= opt->runs;
        free(wr);
    }
    if (scale)
        for (i = 0; i < nweights; i++)
            w[i] *= scale[i];
    free(scale);
}

/* Score pairs for the threshold search. */
struct scored {
    double z;
    int y;
};

static int
scored_cmp_desc(const void *a, const void *b)
{
    const struct scored *x = a, *y = b;

    if (x->z > y->z)
        return -1;
    if (x->z < y->z)
        return 1;
    return y->y - x->y;
}

/* The margin threshold that maximises positive-class F1 over s[0..n). */
static double
best_threshold(struct scored *s, size_t n)
{
    size_t i, tp = 0, npos = 0;
    double best_f1 = -1, best_t = 0;

    for (i = 0; i < n; i++)
        npos += (size_t)s[i].y;
    qsort(s, n, sizeof(*s), scored_cmp_desc);
    for (i = 0; i < n; i++) {
        tp += (size_t)s[i].y;
        /* only cut between distinct scores */
        if (i + 1 < n && s[i + 1].z == s[i].z)
            continue;
        {
            double f1 = 2.0 * (double)tp / (double)(i + 1 + npos);
            if (f1 > best_f1) {
                best_f1 = f1;
                best_t = i + 1 < n ? (s[i].z + s[i + 1].z) / 2 : s[i].z;
            }
        }
    }
    return best_t;
}

/*
 * Assign rows[0..n) to k stratified folds: positives and negatives are
 * shuffled separately and dealt round-robin. fold[r] gets row r's fold.
 */
static void
make_folds(const struct dataset *d, const size_t *rows, size_t n, int k,
           uint64_t seed, int *fold)
{
    size_t *pos = cdk_xmalloc((n ? n : 1) * sizeof(*pos));
    size_t *neg = cdk_xmalloc((n ? n : 1) * sizeof(*neg));
    size_t np = 0, nn = 0, i;
    uint64_t rng = seed ^ 0xf01dULL;

    for (i = 0; i < n; i++) {
        if (d->label[rows[i]])
            pos[np++] = rows[i];
        else
            neg[nn++] = rows[i];
    }
    shuffle(pos, np, &rng);
    shuffle(neg, nn, &rng);
    for (i = 0; i < np; i++)
        fold[pos[i]] = (int)(i % (size_t)k);
    for (i = 0; i < nn; i++)
        fold[neg[i]] = (int)((i + np) % (size_t)k);
    free(pos);
    free(neg);
}

/* Round to what the model file keeps, so saved and in-memory agree. */
#define WEIGHT_FMT "%.4g"
#define PARAM_FMT "%.9g"

static double
quantize(double v, bool weight)
{
    char tmp[64];

    if (weight)
        snprintf(tmp, sizeof(tmp), WEIGHT_FMT, v);
    else
        snprintf(tmp, sizeof(tmp), PARAM_FMT, v);
    return strtod(tmp, NULL);
}

/*
 * Train on rows[0..nrows) of d: tune the threshold by inner
 * cross-validation when asked, then fit on all rows and fold the
 * threshold into the bias so that 0.5 is the decision point.
 */
/* Build m->ftab (see struct cdk_model_fold_slot) once the weights are final. */
static void
model_fold(struct cdk_model *m)
{
    size_t n, i, cap = 16, base = ((size_t)1 << m->hash_bits) + CUE_COUNT;
    int d;

    if (!m->dense || !m->wv)
        return;
    n = cdk_wordvec_size(m->wv);
    while (cap < n + n / 2)
        cap *= 2;
    m->fmask = cap - 1;
    m->ftab = cdk_xmalloc(cap * sizeof(*m->ftab));
    for (i = 0; i < cap; i++)
        m->ftab[i].cluster = -1;
    for (i = 0; i < n; i++) {
        float v[128];
        uint64_t key = cdk_wordvec_key(m->wv, i);
        size_t sl = (size_t)cdk_mix64(key) & m->fmask;
        double s = 0;

        cdk_wordvec_vector(m->wv, i, v);
        for (d = 0; d < m->dense; d++)
            s += (double)m->w[base + (size_t)d] * v[d];
        while (m->ftab[sl].cluster >= 0)
            sl = (sl + 1) & m->fmask;
        m->ftab[sl].key = key;
        m->ftab[sl].w = (float)s;
        m->ftab[sl].cluster = cdk_wordvec_cluster(m->wv, i);
    }
}

static struct cdk_model *
train_rows(const struct dataset *d, const size_t *rows, size_t nrows,
           const struct cdk_model_options *opt)
{
    size_t nweights =
        ((size_t)1 << opt->hash_bits) + CUE_COUNT + (size_t)opt_dense(opt);
    double *w = cdk_xmalloc(nweights * sizeof(*w));
    double bias, shift = 0;
    struct cdk_model *m;
    size_t i;

    if (opt->tune_folds >= 2) {
        int k = opt->tune_folds, f;
        int *fold = cdk_xmalloc((d->n ? d->n : 1) * sizeof(*fold));
        size_t *sub = cdk_xmalloc((nrows ? nrows : 1) * sizeof(*sub));
        struct scored *sc = cdk_xmalloc((nrows ? nrows : 1) * sizeof(*sc));
        size_t nsc = 0;

        make_folds(d, rows, nrows, k, opt->seed ^ 0x7a11ULL, fold);
        for (f = 0; f < k; f++) {
            size_t ns = 0;
            for (i = 0; i < nrows; i++)
                if (fold[rows[i]] != f)
                    sub[ns++] = rows[i];
            sgd_train(d, sub, ns, opt, nweights, w, &bias);
            for (i = 0; i < nrows; i++)
                if (fold[rows[i]] == f) {
                    sc[nsc].z = row_margin(d, rows[i], w, bias);
                    sc[nsc].y = d->label[rows[i]];
                    nsc++;
                }
        }
        shift = best_threshold(sc, nsc);
        free(fold);
        free(sub);
        free(sc);
    }
    sgd_train(d, rows, nrows, opt, nweights, w, &bias);

    m = cdk_xcalloc(1, sizeof(*m));
    m->hash_bits = opt->hash_bits;
    m->word_ngrams = opt->word_ngrams;
    m->char_min = opt->char_min;
    m->char_max = opt->char_max;
    m->nweights = nweights;
    m->dense = opt_dense(opt);
    m->clusters = opt->vectors && opt->vec_clusters ? 1 : 0;
    if (m->dense || m->clusters)
        m->wv = cdk_wordvec_copy(opt->vectors);
    m->bias = quantize(bias - shift, false);
    m->threshold = 0.5;
    m->w = cdk_xcalloc(nweights, sizeof(*m->w));
    if (opt->min_count > 1) {
        /* a weight learned from one sentence is noise: keep it out */
        unsigned *cnt = cdk_xcalloc(nweights, sizeof(*cnt));
        size_t j;

        for (i = 0; i < nrows; i++)
            for (j = d->start[rows[i]]; j < d->start[rows[i] + 1]; j++)
                if (cnt[d->idx[j]] < UINT_MAX)
                    cnt[d->idx[j]]++;
        for (i = 0; i < ((size_t)1 << opt->hash_bits); i++)
            if (cnt[i] < (unsigned)opt->min_count)
                w[i] = 0;
        free(cnt);
    }
    for (i = 0; i < nweights; i++) {
        bool cue = i >= ((size_t)1 << opt->hash_bits);
        if (!cue && fabs(w[i]) < opt->prune)
            continue;
        m->w[i] = (float)quantize(w[i], true);
    }
    free(w);
    model_fold(m);
    model_index(m);
    return m;
}

static int
check_options(const struct cdk_model_options *opt, struct cdk_error *err)
{
    if (opt->hash_bits < 10 || opt->hash_bits > 24)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "hash bits must be between 10 and 24");
    if (opt->word_ngrams < 1 || opt->word_ngrams > 3)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "word n-grams must be 1, 2 or 3");
    if (opt->char_min < 0 || opt->char_max > 6 ||
        (opt->char_min == 0) != (opt->char_max == 0) ||
        opt->char_min > opt->char_max)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "character n-grams must be 0 0 or MIN MAX "
                             "with 1 <= MIN <= MAX <= 6");
    if (opt->epochs < 1 || opt->epochs > 1000)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "epochs must be between 1 and 1000");
    if (!(opt->rate > 0 && opt->rate <= 100))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the learning rate must be in (0, 100]");
    if (!(opt->l2 >= 0 && opt->l2 <= 10))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the L2 penalty must be in [0, 10]");
    if (!(opt->pos_weight >= 0 && opt->pos_weight <= 1000))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the positive weight must be in [0, 1000]");
    if (!(opt->prune >= 0 && opt->prune <= 10))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the pruning cut-off must be in [0, 10]");
    if (opt->min_count < 0 || opt->min_count > 1000000)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the minimum count must be in [0, 1000000]");
    if (opt->average < 0 || opt->average > 1000)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "averaged epochs must be between 0 and 1000");
    if (opt->runs < 1 || opt->runs > 100)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "runs must be between 1 and 100");
    if (!(opt->nb >= 0 && opt->nb <= 1000))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the naive-Bayes smoothing must be in [0, 1000]");
    if (opt->tune_folds < 0 || opt->tune_folds == 1 || opt->tune_folds > 20)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "threshold folds must be 0 or 2..20");
    return 0;
}

static int
check_classes(const struct cdk_model_example *ex, size_t n, size_t need,
              struct cdk_error *err)
{
    size_t i, npos = 0;

    for (i = 0; i < n; i++)
        npos += ex[i].label ? 1 : 0;
    if (npos < need || n - npos < need)
        return cdk_error_set(err, CDK_ERR_INPUT,
                             "training needs at least %zu check-worthy and "
                             "%zu other sentences (got %zu and %zu)",
                             need, need, npos, n - npos);
    return 0;
}

struct cdk_model *
cdk_model_train(const struct cdk_model_example *ex, size_t n,
                const struct cdk_model_options *opt, struct cdk_error *err)
{
    struct dataset d;
    struct cdk_model *m;
    size_t *rows, i;

    if (check_options(opt, err) < 0 ||
        check_classes(ex, n,
                      opt->tune_folds >= 2 ? (size_t)opt->tune_folds : 1,
                      err) < 0)
        return NULL;
    dataset_build(&d, ex, n, opt);
    rows = cdk_xmalloc(n * sizeof(*rows));
    for (i = 0; i < n; i++)
        rows[i] = i;
    m = train_rows(&d, rows, n, opt);
    free(rows);
    dataset_release(&d);
    return m;
}

static void
first_key(void *arg, uint64_t key)
{
    uint64_t *k = arg;

    if (k[1]++ == 0)
        k[0] = key;
}

double
cdk_model_nb_ratio(const struct cdk_model_example *ex, size_t n,
                   const struct cdk_model_options *opt, const char *word)
{
    size_t nweights =
        ((size_t)1 << opt->hash_bits) + CUE_COUNT + (size_t)opt_dense(opt);
    double *scale = cdk_xmalloc(nweights * sizeof(*scale)), r;
    size_t *rows = cdk_xmalloc((n ? n : 1) * sizeof(*rows)), i;
    uint64_t key[2] = {0, 0};
    struct dataset d;

    dataset_build(&d, ex, n, opt);
    for (i = 0; i < n; i++)
        rows[i] = i;
    nb_ratios(&d, rows, n, opt->hash_bits, opt->nb, nweights, scale);
    cdk_model_tokens(word, strlen(word), first_key, key);
    /* the unigram's slot, as emit_word computes it */
    r = scale[cdk_mix64(key[0] ^ 0x11ULL) >> (64 - opt->hash_bits)];
    dataset_release(&d);
    free(rows);
    free(scale);
    return r;
}

void
cdk_model_metrics_finish(struct cdk_model_metrics *mt)
{
    size_t total = mt->tp + mt->fp + mt->tn + mt->fn;

    mt->precision = mt->tp + mt->fp ? (double)mt->tp / (double)(mt->tp + mt->fp) : 0;
    mt->recall = mt->tp + mt->fn ? (double)mt->tp / (double)(mt->tp + mt->fn) : 0;
    mt->f1 = mt->precision + mt->recall > 0
                 ? 2 * mt->precision * mt->recall /
                       (mt->precision + mt->recall)
                 : 0;
    mt->accuracy = total ? (double)(mt->tp + mt->tn) / (double)total : 0;
}

static void
tally(struct cdk_model_metrics *mt, int predicted, int label)
{
    if (predicted && label)
        mt->tp++;
    else if (predicted)
        mt->fp++;
    else if (label)
        mt->fn++;
    else
        mt->tn++;
}

void
cdk_model_evaluate(const struct cdk_model *m,
                   const struct cdk_model_example *ex, size_t n,
                   struct cdk_model_metrics *out)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < n; i++) {
        double s = cdk_model_score(m, ex[i].text, ex[i].len);
        tally(out, s >= m->threshold, ex[i].label != 0);
    }
    cdk_model_metrics_finish(out);
}

int
cdk_model_cross_validate(const struct cdk_model_example *ex, size_t n,
                         const struct cdk_model_options *opt, int k,
                         struct cdk_model_metrics *fold,
                         struct cdk_model_metrics *pooled,
                         struct cdk_error *err)
{
    struct dataset d;
    size_t *rows, *train, i;
    int *fid, f;

    if (k < 2 || k > 100)
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "folds must be between 2 and 100");
    if (check_options(opt, err) < 0 ||
        check_classes(ex, n, (size_t)k * (opt->tune_folds > 1
                                              ? (size_t)opt->tune_folds
                                              : 1),
                      err) < 0)
        return -1;
    dataset_build(&d, ex, n, opt);
    rows = cdk_xmalloc(n * sizeof(*rows));
    train = cdk_xmalloc(n * sizeof(*train));
    fid = cdk_xmalloc(n * sizeof(*fid));
    for (i = 0; i < n; i++)
        rows[i] = i;
    make_folds(&d, rows, n, k, opt->seed, fid);
    if (pooled)
        memset(pooled, 0, sizeof(*pooled));
    for (f = 0; f < k; f++) {
        struct cdk_model *m;
        size_t nt = 0;

        for (i = 0; i < n; i++)
            if (fid[i] != f)
                train[nt++] = i;
        m = train_rows(&d, train, nt, opt);
        memset(&fold[f], 0, sizeof(fold[f]));
        for (i = 0; i < n; i++) {
            if (fid[i] != f)
                continue;
            /* score through the same path as a loaded model */
            {
                int pred = cdk_model_score(m, ex[i].text, ex[i].len) >=
                           m->threshold;
                tally(&fold[f], pred, d.label[i]);
                if (pooled)
                    tally(pooled, pred, d.label[i]);
            }
        }
        cdk_model_metrics_finish(&fold[f]);
        cdk_model_free(m);
    }
    if (pooled)
        cdk_model_metrics_finish(pooled);
    free(rows);
    free(train);
    free(fid);
    dataset_release(&d);
    return 0;
}

/* ---- the model file ---- */

static void
write_body(const struct cdk_model *m, struct cdk_buf *out)
{
    size_t i, prev = 0, nz = cdk_model_nonzero(m);
    bool first = true;

    cdk_buf_addf(out, "%s %d\n", MODEL_FORMAT, MODEL_VERSION);
    cdk_buf_addf(out, "hash_bits %u\n", m->hash_bits);
    cdk_buf_addf(out, "word_ngrams %d\n", m->word_ngrams);
    cdk_buf_addf(out, "char_ngrams %d %d\n", m->char_min, m->char_max);
    cdk_buf_addf(out, "cues %d\n", CUE_COUNT);
    cdk_buf_addf(out, "dense %d\n", m->dense);
    cdk_buf_addf(out, "clusters %d\n", m->clusters);
    cdk_buf_addf(out, "threshold " PARAM_FMT "\n", m->threshold);
    cdk_buf_addf(out, "bias " PARAM_FMT "\n", m->bias);
    cdk_buf_addf(out, "weights %zu\n", nz);
    for (i = 0; i < m->nweights; i++) {
        if (m->w[i] == 0.0f)
            continue;
        cdk_buf_addf(out, "%zu " WEIGHT_FMT "\n", first ? i : i - prev,
                     (double)m->w[i]);
        prev = i;
        first = false;
    }
    if (m->wv)
        cdk_wordvec_write(m->wv, out);
}

void
cdk_model_write(const struct cdk_model *m, struct cdk_buf *out)
{
    size_t start = out->len;

    write_body(m, out);
    cdk_buf_addf(out, "end %016llx\n",
                 (unsigned long long)cdk_fnv1a(
                     out->buf + start, out->len - start, CDK_FNV1A_OFFSET));
}

int
cdk_model_save(const struct cdk_model *m, const char *path,
               struct cdk_error *err)
{
    struct cdk_buf data = CDK_BUF_INIT, tmp = CDK_BUF_INIT;
    FILE *f;
    int rc = -1;

    cdk_model_write(m, &data);
    cdk_buf_addf(&tmp, "%s.tmp%ld", path, (long)getpid());
    f = fopen(tmp.buf, "wb");
    if (!f) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                      tmp.buf, strerror(errno));
        goto out;
    }
    if (fwrite(data.buf, 1, data.len, f) != data.len || fflush(f) != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                      tmp.buf, strerror(errno));
        fclose(f);
        remove(tmp.buf);
        goto out;
    }
    if (fclose(f) != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                      tmp.buf, strerror(errno));
        remove(tmp.buf);
        goto out;
    }
    if (rename(tmp.buf, path) != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not rename '%s' to '%s': %s",
                      tmp.buf, path, strerror(errno));
        remove(tmp.buf);
        goto out;
    }
    rc = 0;
out:
    cdk_buf_release(&data);
    cdk_buf_release(&tmp);
    return rc;
}

/* A cursor over the model file's lines. */
struct reader {
    const char *data;
    size_t len, pos;
    long line;
    const char *name;
    char cur[128]; /* the current line, NUL-terminated */
};

static int
bad(struct reader *r, struct cdk_error *err, const char *what)
{
    cdk_error_set(err, CDK_ERR_INPUT, "corrupt model '%s' line %ld: %s",
                  r->name, r->line, what);
    cdk_error_at(err, r->name, r->line);
    return -1;
}

/* Next line into r->cur; -1 at the end, on a NUL or an overlong line. */
static int
next_line(struct reader *r, struct cdk_error *err)
{
    const char *nl;
    size_t n;

    r->line++;
    if (r->pos >= r->len)
        return bad(r, err, "unexpected end of file (truncated?)");
    nl = memchr(r->data + r->pos, '\n', r->len - r->pos);
    if (!nl)
        return bad(r, err, "unexpected end of file (truncated?)");
    n = (size_t)(nl - (r->data + r->pos));
    if (n >= sizeof(r->cur))
        return bad(r, err, "line too long");
    if (memchr(r->data + r->pos, '\0', n))
        return bad(r, err, "NUL byte");
    memcpy(r->cur, r->data + r->pos, n);
    r->cur[n] = '\0';
    r->pos += n + 1;
    return 0;
}

/* "KEY VALUE..." -> pointer to the values, or NULL when the key differs. */
static const char *
keyed(const char *line, const char *key)
{
    size_t n = strlen(key);

    if (strncmp(line, key, n) != 0 || line[n] != ' ')
        return NULL;
    return line + n + 1;
}

static int
parse_long(const char *s, long lo, long hi, long *out, const char **end)
{
    char *e;
    long v;

    if (!(*s >= '0' && *s <= '9') && *s != '-')
        return -1;
    errno = 0;
    v = strtol(s, &e, 10);
    if (errno || e == s || v < lo || v > hi)
        return -1;
    *out = v;
    *end = e;
    return 0;
}

static int
parse_double(const char *s, double *out, const char **end)
{
    char *e;
    double v;

    if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '.'))
        return -1;
    errno = 0;
    v = cdk_num_strtod(s, &e);
    if (errno || e == s || !isfinite(v) || fabs(v) > WEIGHT_MAX)
        return -1;
    *out = v;
    *end = e;
    return 0;
}

static int
key_long(struct reader *r, const char *key, long lo, long hi, long *out,
         struct cdk_error *err)
{
    const char *v, *e;

    if (next_line(r, err) < 0)
        return -1;
    v = keyed(r->cur, key);
    if (!v || parse_long(v, lo, hi, out, &e) < 0 || *e)
        return bad(r, err, key);
    return 0;
}

static int
key_double(struct reader *r, const char *key, double *out,
           struct cdk_error *err)
{
    const char *v, *e;

    if (next_line(r, err) < 0)
        return -1;
    v = keyed(r->cur, key);
    if (!v || parse_double(v, out, &e) < 0 || *e)
        return bad(r, err, key);
    return 0;
}

/*
 * cdk_model_parse; verify = false skips the checksum, for the bundled
 * model only (when the build has no image of it): it is part of the
 * binary, and FNV-1a over its 4.9 MB is a third of the time to load it
 * (the tests and the image tool verify it).
 */
static struct cdk_model *
model_parse(const char *data, size_t len, const char *name, bool verify,
            struct cdk_error *err)
{
    struct reader r;
    struct cdk_model *m = cdk_xcalloc(1, sizeof(*m));
    long v, cmin, cmax, nz, i;
    size_t idx = 0, body_end;
    const char *p, *e;
    char want[64];
    int version = MODEL_VERSION;
    unsigned long long sum;
    char *se;

    memset(&r, 0, sizeof(r));
    r.data = data;
    r.len = data ? len : 0;
    r.name = name ? name : "(model)";

    if (next_line(&r, err) < 0)
        goto fail;
    snprintf(want, sizeof(want), "%s %d", MODEL_FORMAT, MODEL_VERSION);
    /* version 2 is version 3 without word vectors */
    if (strcmp(r.cur, MODEL_FORMAT " 2") == 0)
        version = 2;
    else if (strcmp(r.cur, want) != 0) {
        if (strncmp(r.cur, MODEL_FORMAT " ", sizeof(MODEL_FORMAT)) == 0)
            bad(&r, err, "unsupported model version");
        else
            bad(&r, err, "not a claimdesk check-worthiness model");
        goto fail;
    }
    if (key_long(&r, "hash_bits", 10, 24, &v, err) < 0)
        goto fail;
    m->hash_bits = (unsigned)v;
    if (key_long(&r, "word_ngrams", 1, 3, &v, err) < 0)
        goto fail;
    m->word_ngrams = (int)v;
    if (next_line(&r, err) < 0)
        goto fail;
    p = keyed(r.cur, "char_ngrams");
    if (!p || parse_long(p, 0, 6, &cmin, &e) < 0 || *e != ' ' ||
        parse_long(e + 1, 0, 6, &cmax, &e) < 0 || *e ||
        (cmin == 0) != (cmax == 0) || cmin > cmax) {
        bad(&r, err, "char_ngrams");
        goto fail;
    }
    m->char_min = (int)cmin;
    m->char_max = (int)cmax;
    if (key_long(&r, "cues", 0, 100000, &v, err) < 0)
        goto fail;
    if (v != CUE_COUNT) {
        bad(&r, err, "cue features differ from this build's");
        goto fail;
    }
    if (version >= 3) {
        if (key_long(&r, "dense", 0, 128, &v, err) < 0)
            goto fail;
        m->dense = (int)v;
        if (key_long(&r, "clusters", 0, 1, &v, err) < 0)
            goto fail;
        m->clusters = (int)v;
    }
    if (key_double(&r, "threshold", &m->threshold, err) < 0)
        goto fail;
    if (!(m->threshold > 0 && m->threshold < 1)) {
        bad(&r, err, "threshold must be in (0, 1)");
        goto fail;
    }
    if (key_double(&r, "bias", &m->bias, err) < 0)
        goto fail;
    m->nweights = ((size_t)1 << m->hash_bits) + CUE_COUNT + (size_t)m->dense;
    if (key_long(&r, "weights", 0, (long)m->nweights, &nz, err) < 0)
        goto fail;
    m->w = cdk_xcalloc(m->nweights, sizeof(*m->w));
    for (i = 0; i < nz; i++) {
        long gap;
        double w;

        if (next_line(&r, err) < 0)
            goto fail;
        if (parse_long(r.cur, i == 0 ? 0 : 1, (long)m->nweights, &gap, &e) <
                0 ||
            *e != ' ' || parse_double(e + 1, &w, &e) < 0 || *e || w == 0) {
            bad(&r, err, "bad weight line");
            goto fail;
        }
        idx = i == 0 ? (size_t)gap : idx + (size_t)gap;
        if (idx >= m->nweights) {
            bad(&r, err, "weight index out of range");
            goto fail;
        }
        m->w[idx] = (float)w;
    }
    if (m->dense || m->clusters) {
        m->wv = cdk_wordvec_parse(data, r.len, &r.pos, &r.line, r.name, err);
        if (!m->wv)
            goto fail;
        if (m->dense && cdk_wordvec_dim(m->wv) != m->dense) {
            bad(&r, err, "the vectors' size differs from the dense weights");
            goto fail;
        }
    }
    body_end = r.pos;
    if (next_line(&r, err) < 0)
        goto fail;
    p = keyed(r.cur, "end");
    if (!p || strlen(p) != 16 || strspn(p, "0123456789abcdef") != 16) {
        bad(&r, err, "expected the end line");
        goto fail;
    }
    errno = 0;
    sum = strtoull(p, &se, 16);
    if (errno || *se ||
        (verify && sum != (unsigned long long)cdk_fnv1a(data, body_end,
                                                        CDK_FNV1A_OFFSET))) {
        bad(&r, err, "checksum mismatch");
        goto fail;
    }
    if (r.pos != r.len) {
        r.line++;
        bad(&r, err, "data after the end line");
        goto fail;
    }
    model_fold(m);
    model_index(m);
    return m;
fail:
    cdk_model_free(m);
    return NULL;
}

struct cdk_model *
cdk_model_load(const char *path, struct cdk_error *err)
{
    struct cdk_buf data = CDK_BUF_INIT;
    char chunk[65536];
    struct cdk_model *m;
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        cdk_error_set(err, errno == ENOENT ? CDK_ERR_NOT_FOUND
                                           : CDK_ERR_FAILURE,
                      "could not open model '%s': %s", path, strerror(errno));
        return NULL;
    }
    /* a sane model is far below 64 MB; refuse to slurp anything bigger */
    data.max = (size_t)64 << 20;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (cdk_buf_add(&data, chunk, n) < 0) {
            fclose(f);
            cdk_buf_release(&data);
            cdk_error_set(err, CDK_ERR_INPUT, "model '%s' is too large",
                          path);
            return NULL;
        }
    }
    if (ferror(f)) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not read model '%s': %s",
                      path, strerror(errno));
        fclose(f);
        cdk_buf_release(&data);
        return NULL;
    }
    fclose(f);
    m = cdk_model_parse(data.buf, data.len, path, err);
    cdk_buf_release(&data);
    return m;
}

struct cdk_model *
cdk_model_parse(const char *data, size_t len, const char *name,
                struct cdk_error *err)
{
    return model_parse(data, len, name, true, err);
}

/* ---- the compiled-in image (model_image.h) ---- */

/* A float as a C literal of the very same bits. */
static void
image_float(struct cdk_buf *out, float v)
{
    if (v == 0 && !signbit(v))
        cdk_buf_adds(out, "0");
    else
        cdk_buf_addf(out, "%af", (double)v);
}

static void
image_floats(struct cdk_buf *out, const char *prefix, const char *what,
             const float *v, size_t n)
{
    size_t i;

    cdk_buf_addf(out, "static const float %s_%s[] = {\n", prefix, what);
    for (i = 0; i < n; i++) {
        image_float(out, v[i]);
        cdk_buf_adds(out, i % 8 == 7 || i + 1 == n ? ",\n" : ", ");
    }
    cdk_buf_adds(out, "};\n");
}

void
cdk_model_image_write(const struct cdk_model *m, const char *name,
                      const char *prefix, struct cdk_buf *out)
{
    size_t i;
    const char *c;

    pthread_once(&lex_once, lex_build);
    image_floats(out, prefix, "w", m->w, m->nweights);
    if (m->wv) {
        struct cdk_buf p = CDK_BUF_INIT;
        cdk_buf_addf(&p, "%s_wv", prefix);
        cdk_wordvec_image_write(m->wv, p.buf, out);
        cdk_buf_release(&p);
    }
    if (m->ftab) {
        cdk_buf_addf(out,
                     "static const struct cdk_model_fold_slot %s_ftab[] = {\n",
                     prefix);
        for (i = 0; i <= m->fmask; i++) {
            cdk_buf_addf(out, "{0x%016llxULL, ",
                         (unsigned long long)m->ftab[i].key);
            image_float(out, m->ftab[i].w);
            cdk_buf_addf(out, ", %d},\n", (int)m->ftab[i].cluster);
        }
        cdk_buf_adds(out, "};\n");
    }
    if (m->wtab) {
        cdk_buf_addf(out,
                     "static const struct cdk_model_word_slot %s_wtab[] = {\n",
                     prefix);
        for (i = 0; i <= m->wmask; i++) {
            const struct cdk_model_word_slot *ws = &m->wtab[i];
            if (ws->cluster == WS_EMPTY) {
                cdk_buf_adds(out, "{0, 0, 0, -2, 0},\n");
                continue;
            }
            cdk_buf_addf(out, "{0x%016llxULL, ", (unsigned long long)ws->key);
            image_float(out, ws->uni);
            cdk_buf_adds(out, ", ");
            image_float(out, ws->fold);
            cdk_buf_addf(out, ", %d, %u},\n", (int)ws->cluster,
                         (unsigned)ws->lex);
        }
        cdk_buf_adds(out, "};\n");
    }
    if (m->cw_uni) {
        image_floats(out, prefix, "cw_uni", m->cw_uni, (size_t)m->ncl + 1);
        image_floats(out, prefix, "cw_pair", m->cw_pair,
                     ((size_t)m->ncl + 2) * ((size_t)m->ncl + 1));
    }
    cdk_buf_addf(out, "static const struct cdk_model_image %s = {\n", prefix);
    cdk_buf_adds(out, "    .name = \"");
    for (c = name; *c; c++) {
        if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20 ||
            (unsigned char)*c >= 0x7f)
            cdk_buf_addf(out, "\\%03o", (unsigned)(unsigned char)*c);
        else
            cdk_buf_addch(out, *c);
    }
    cdk_buf_adds(out, "\",\n");
    cdk_buf_addf(out, "    .hash_bits = %u,\n", m->hash_bits);
    cdk_buf_addf(out, "    .word_ngrams = %d,\n", m->word_ngrams);
    cdk_buf_addf(out, "    .char_min = %d,\n", m->char_min);
    cdk_buf_addf(out, "    .char_max = %d,\n", m->char_max);
    cdk_buf_addf(out, "    .dense = %d,\n", m->dense);
    cdk_buf_addf(out, "    .clusters = %d,\n", m->clusters);
    cdk_buf_addf(out, "    .bias = %a,\n", m->bias);
    cdk_buf_addf(out, "    .threshold = %a,\n", m->threshold);
    cdk_buf_addf(out, "    .nweights = %zu,\n", m->nweights);
    cdk_buf_addf(out, "    .w = %s_w,\n", prefix);
    if (m->wv)
        cdk_buf_addf(out, "    .wv = &%s_wv,\n", prefix);
    if (m->ftab)
        cdk_buf_addf(out, "    .ftab = %s_ftab,\n    .fmask = %zu,\n", prefix,
                     m->fmask);
    if (m->wtab)
        cdk_buf_addf(out,
                     "    .wtab = %s_wtab,\n    .wmask = %zu,\n"
                     "    .wshift = %u,\n",
                     prefix, m->wmask, m->wshift);
    cdk_buf_addf(out, "    .lexicons = 0x%016llxULL,\n",
                 (unsigned long long)lex_fingerprint);
    if (m->cw_uni)
        cdk_buf_addf(out,
                     "    .ncl = %d,\n    .cw_uni = %s_cw_uni,\n"
                     "    .cw_pair = %s_cw_pair,\n",
                     m->ncl, prefix, prefix);
    cdk_buf_adds(out, "};\n");
}

struct cdk_model *
cdk_model_from_image(const struct cdk_model_image *img)
{
    struct cdk_model *m;

    /* the fast scorer's lexicon table, which wtab's lex fields index */
    pthread_once(&lex_once, lex_build);
    if (img->wtab && img->lexicons != lex_fingerprint)
        return NULL;
    m = cdk_xcalloc(1, sizeof(*m));
    m->image = true;
    m->hash_bits = img->hash_bits;
    m->word_ngrams = img->word_ngrams;
    m->char_min = img->char_min;
    m->char_max = img->char_max;
    m->dense = img->dense;
    m->clusters = img->clusters;
    m->bias = img->bias;
    m->threshold = img->threshold;
    m->nweights = img->nweights;
    /* The casts drop const from static data that is never written: a
     * model is immutable once built (model.h), and m->image keeps
     * cdk_model_free off these arrays. */
    m->w = (float *)img->w;
    m->wv = img->wv ? cdk_wordvec_from_image(img->wv) : NULL;
    m->ftab = (struct cdk_model_fold_slot *)img->ftab;
    m->fmask = img->fmask;
    m->wtab = (struct cdk_model_word_slot *)img->wtab;
    m->wmask = img->wmask;
    m->wshift = img->wshift;
    m->ncl = img->ncl;
    m->cw_uni = (float *)img->cw_uni;
    m->cw_pair = (float *)img->cw_pair;
    if (m->wtab)
        m->serial = model_serial_next();
    return m;
}

static int
same_floats(const float *a, const float *b, size_t n)
{
    return n == 0 || (a && b && memcmp(a, b, n * sizeof(*a)) == 0);
}

int
cdk_model_same(const struct cdk_model *a, const struct cdk_model *b)
{
    size_t i;

    if (a->hash_bits != b->hash_bits || a->word_ngrams != b->word_ngrams ||
        a->char_min != b->char_min || a->char_max != b->char_max ||
        a->dense != b->dense || a->clusters != b->clusters ||
        memcmp(&a->bias, &b->bias, sizeof(a->bias)) != 0 ||
        memcmp(&a->threshold, &b->threshold, sizeof(a->threshold)) != 0 ||
        a->nweights != b->nweights || !same_floats(a->w, b->w, a->nweights))
        return 0;
    if (!a->wv != !b->wv || (a->wv && !cdk_wordvec_same(a->wv, b->wv)))
        return 0;
    if (!a->ftab != !b->ftab || (a->ftab && a->fmask != b->fmask))
        return 0;
    for (i = 0; a->ftab && i <= a->fmask; i++)
        if (a->ftab[i].key != b->ftab[i].key ||
            !same_floats(&a->ftab[i].w, &b->ftab[i].w, 1) ||
            a->ftab[i].cluster != b->ftab[i].cluster)
            return 0;
    if (!a->wtab != !b->wtab ||
        (a->wtab && (a->wmask != b->wmask || a->wshift != b->wshift)))
        return 0;
    for (i = 0; a->wtab && i <= a->wmask; i++) {
        const struct cdk_model_word_slot *x = &a->wtab[i], *y = &b->wtab[i];
        if (x->cluster != y->cluster ||
            (x->cluster != WS_EMPTY &&
             (x->key != y->key || !same_floats(&x->uni, &y->uni, 1) ||
              !same_floats(&x->fold, &y->fold, 1) || x->lex != y->lex)))
            return 0;
    }
    if (a->ncl != b->ncl || !a->cw_uni != !b->cw_uni)
        return 0;
    return !a->cw_uni ||
           (same_floats(a->cw_uni, b->cw_uni, (size_t)a->ncl + 1) &&
            same_floats(a->cw_pair, b->cw_pair,
                        ((size_t)a->ncl + 2) * ((size_t)a->ncl + 1)));
}

/* ---- the bundled default ---- */

static pthread_once_t default_once = PTHREAD_ONCE_INIT;
static struct cdk_model *default_model;
static struct cdk_error default_err;

static void
default_load(void)
{
    size_t i;

    /* the image compiled in, when the build made one: nothing to parse */
    for (i = 0; i < cdk_model_images_count; i++) {
        const struct cdk_model_image *img = cdk_model_images[i];
        if (strcmp(img->name, MODEL_DEFAULT_NAME) == 0 &&
            (default_model = cdk_model_from_image(img)) != NULL)
            return;
    }
    for (i = 0; i < cdk_embedded_models_count; i++) {
        const struct cdk_embedded *e = &cdk_embedded_models[i];
        if (e->name && strcmp(e->name, MODEL_DEFAULT_NAME) == 0) {
            default_model = model_parse(e->data, e->len, e->name, false,
                                        &default_err);
            return;
        }
    }
    cdk_error_set(&default_err, CDK_ERR_FAILURE,
                  "no bundled model '%s' in this build", MODEL_DEFAULT_NAME);
}

const struct cdk_model *
cdk_model_default(struct cdk_error *err)
{
    pthread_once(&default_once, default_load);
    if (!default_model)
        cdk_error_copy(err, &default_err);
    return default_model;
}
