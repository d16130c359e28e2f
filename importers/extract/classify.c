/*
 * Modality, type, score and content keys. Everything is a rule over the
 * tokens of the normalised claim; the order of the tests is the priority
 * (a denial that is also a prediction is a denial).
 */
#include "classify.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "core/buf.h"
#include "core/mem.h"
#include "lex.h"

/* The word after token i, compared with w. */
static bool
next_is(const char *t, const struct cdk_toks *tk, size_t i, const char *w)
{
    size_t j;
    for (j = i + 1; j < tk->n; j++)
        if (tk->v[j].word)
            return cdk_lex_eq(t + tk->v[j].start,
                              tk->v[j].end - tk->v[j].start, w);
    return false;
}

static bool
tok_eq_n(const char *t, const struct cdk_tok *k, const char *w, size_t n)
{
    return k->end - k->start == n && cdk_lex_eq(t + k->start, n, w);
}

/* With a string literal: a token of another length is not compared. */
#define tok_eq(t, k, lit) tok_eq_n((t), (k), "" lit, sizeof(lit) - 1)

/* "expected to", "is set to", "going to", "on track to", "likely to"
 * (the words of CDK_LEX_PREDICT_TO; tk's words carry their cls). */
static bool
predict_phrase(const char *t, const struct cdk_toks *tk)
{
    size_t i;

    for (i = 0; i < tk->n; i++)
        if ((tk->v[i].cls & CDK_LEX_PREDICT_TO) && next_is(t, tk, i, "to"))
            return true;
    return false;
}

/* "because", "caused", "due to", "led to", "result of", "driven by"... */
static bool
causal_phrase(const char *t, const struct cdk_toks *tk)
{
    size_t i;

    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        if (!k->word || !(k->cls & CDK_LEX_CAUSAL))
            continue;
        if (tok_eq(t, k, "because") || tok_eq(t, k, "caused") ||
            tok_eq(t, k, "causes") || tok_eq(t, k, "blamed") ||
            tok_eq(t, k, "triggered"))
            return true;
        if (tok_eq(t, k, "result"))
            return next_is(t, tk, i, "of") || (i > 0 && tok_eq(t, &tk->v[i - 1], "a"));
        if (tok_eq(t, k, "resulted"))
            return next_is(t, tk, i, "in");
        if (tok_eq(t, k, "driven"))
            return next_is(t, tk, i, "by");
        if (next_is(t, tk, i, "to"))
            return true; /* due to, led to, leads to, thanks to, linked to */
    }
    return false;
}

static bool
is_year(const char *w, size_t n)
{
    return n == 4 && (memcmp(w, "19", 2) == 0 || memcmp(w, "20", 2) == 0) &&
           w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9';
}

struct facts {
    bool number;   /* a figure that is not a year */
    bool year;
    bool date;     /* month/day names, "last month" */
    bool money;
    bool percent;
    size_t names;  /* capitalised words after the first */
    bool past;     /* a past-tense verb */
    size_t words;
    size_t hedges, opinion;
    bool first_person;
};

/* The content key being made while facts_of reads the tokens: the
 * hashes of the content words so far (room for one a token) and the
 * bytes they kept (repeats counted). `distinct`: a repeated hash is left
 * out as it comes (h[0..n) stays distinct, in the order of first use);
 * sig has bit (x & 63) set for every hash x in h, so that a hash whose
 * bit is clear is new without a look (see key_add_word). */
struct key_acc {
    uint64_t *h;
    size_t n, chars;
    uint64_t sig;
    bool distinct;
};

static inline void key_add_word(struct key_acc *key,
                                const unsigned char *w, size_t len);

/* The facts of the tokens tk (each word's cls filled); the lists any of
 * its words is in go to *classes. key: when not NULL, each content word
 * (no stopword) is hashed into it as key_from_tokens would. (What the
 * loop updates is held in locals and stored at the end: the key's
 * hashes are written through a uint64_t pointer, which the compiler
 * must otherwise assume may alias tk->n and every counter, and reload
 * them all after each word. facts_of_ref is the plain loop.) */
static void
facts_of(const char *t, const struct cdk_toks *tk, struct facts *f,
         unsigned *classes, struct key_acc *key)
{
    const struct cdk_tok *const v = tk->v, *const end = tk->v + tk->n;
    const struct cdk_tok *k;
    struct key_acc acc = {NULL, 0, 0, 0, false};
    struct facts r;
    unsigned all = 0;

    memset(&r, 0, sizeof(r));
    if (key)
        acc = *key;
    for (k = v; k < end; k++) {
        const char *w = t + k->start;
        size_t len = k->end - k->start;
        unsigned cls = k->cls;
        all |= cls;
        if (!k->word) {
            if (*w == '$' || (unsigned char)*w == 0xE2 /* euro/pound */ ||
                (unsigned char)*w == 0xC2)
                r.money = true;
            if (*w == '%')
                r.percent = true;
            continue;
        }
        r.words++;
        if (!(cls & CDK_LEX_STOP)) {
            if (key)
                key_add_word(&acc, (const unsigned char *)w, len);
            if (k != v && (k->cap || k->upper))
                r.names++;
        }
        if (k->digit) {
            if (is_year(w, len))
                r.year = true;
            else
                r.number = true;
        }
        if (!r.past && !k->cap && len >= 5 && w[len - 2] == 'e' &&
            w[len - 1] == 'd' && cdk_lex_verbish_cls(w, len, cls))
            r.past = true;
        if (!(cls & (CDK_LEX_PAST | CDK_LEX_TIME | CDK_LEX_HEDGE |
                     CDK_LEX_OPINION | CDK_LEX_FIRST)))
            continue; /* (most words) */
        if (cls & CDK_LEX_PAST)
            r.past = true;
        if (cls & CDK_LEX_TIME)
            r.date = true;
        if (cls & CDK_LEX_HEDGE)
            r.hedges++;
        if (cls & CDK_LEX_OPINION)
            r.opinion++;
        if (cls & CDK_LEX_FIRST)
            r.first_person = true;
    }
    if (key)
        *key = acc;
    *f = r;
    *classes = all;
}

/* facts_of as first written, for cdk_classify_claim_ref (key NULL there):
 * the reference the fast one is tested against. */
static void
facts_of_ref(const char *t, const struct cdk_toks *tk, struct facts *f,
         unsigned *classes, struct key_acc *key)
{
    size_t i;
    unsigned all = 0;

    memset(f, 0, sizeof(*f));
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        const char *w = t + k->start;
        size_t len = k->end - k->start;
        all |= k->cls;
        if (!k->word) {
            if (*w == '$' || (unsigned char)*w == 0xE2 /* euro/pound */ ||
                (unsigned char)*w == 0xC2)
                f->money = true;
            if (*w == '%')
                f->percent = true;
            continue;
        }
        if (key && !(k->cls & CDK_LEX_STOP))
            key_add_word(key, (const unsigned char *)w, len);
        f->words++;
        if (k->digit) {
            if (is_year(w, len))
                f->year = true;
            else
                f->number = true;
        }
        if (i > 0 && (k->cap || k->upper) && !(k->cls & CDK_LEX_STOP))
            f->names++;
        if (!f->past && !k->cap && len >= 5 && w[len - 2] == 'e' &&
            w[len - 1] == 'd' && cdk_lex_verbish_cls(w, len, k->cls))
            f->past = true;
        if (!(k->cls & (CDK_LEX_PAST | CDK_LEX_TIME | CDK_LEX_HEDGE |
                        CDK_LEX_OPINION | CDK_LEX_FIRST)))
            continue; /* (most words) */
        if (k->cls & CDK_LEX_PAST)
            f->past = true;
        if (k->cls & CDK_LEX_TIME)
            f->date = true;
        if (k->cls & CDK_LEX_HEDGE)
            f->hedges++;
        if (k->cls & CDK_LEX_OPINION)
            f->opinion++;
        if (k->cls & CDK_LEX_FIRST)
            f->first_person = true;
    }
    *classes = all;
}

static size_t key_from_tokens(const char *t, const struct cdk_toks *tkp,
                              bool classed, bool ref, uint64_t **out,
                              size_t *chars);

static size_t key_sort_unique(uint64_t *h, size_t nk);

/* The signature of key h[0..n): bit (x & 63) for every hash x. */
static uint64_t
key_sig_of(const uint64_t *h, size_t n)
{
    uint64_t sig = 0;
    size_t i;

    for (i = 0; i < n; i++)
        sig |= 1ULL << (h[i] & 63);
    return sig;
}

/* The most tokens of a claim whose key drops repeats as it is made
 * (key_acc.distinct); past that the sig is too full to help. */
#define KEY_DISTINCT_MAX_TOKENS 64

static void
classify(const char *t, size_t n, const struct cdk_toks *given,
         bool attributed, bool quote, const char *cue,
         struct cdk_classified *out, bool want_key, bool ref,
         uint64_t *room);

void
cdk_classify_claim(const char *t, size_t n, bool attributed, bool quote,
                   const char *cue, struct cdk_classified *out)
{
    classify(t, n, NULL, attributed, quote, cue, out, true, false, NULL);
}

void
cdk_classify_claim_tokens(const char *t, size_t n,
                          const struct cdk_toks *tk, bool attributed,
                          bool quote, const char *cue,
                          struct cdk_classified *out)
{
    classify(t, n, tk, attributed, quote, cue, out, true, false, NULL);
}

void
cdk_classify_claim_tokens_into(const char *t, size_t n,
                               const struct cdk_toks *tk, bool attributed,
                               bool quote, const char *cue, uint64_t *room,
                               struct cdk_classified *out)
{
    classify(t, n, tk, attributed, quote, cue, out, true, false, room);
}

void
cdk_classify_claim_ref(const char *t, size_t n, bool attributed, bool quote,
                       const char *cue, struct cdk_classified *out)
{
    classify(t, n, NULL, attributed, quote, cue, out, true, true, NULL);
}

/*
 * `given`: the tokens of t[0..n) with every word's cls, or NULL to
 * tokenize t. `ref`: the plain way (cdk_classify_claim_ref): the first
 * tokenizer, a lookup per word, every phrase scanned, the key made
 * after the facts (key_from_tokens, hashing as first written). The fast
 * way skips a phrase scan when no word of the claim is in the list the
 * phrase needs, and hashes the content words while reading the facts.
 * `room`: where the fast way puts the key (room for every token and one
 * more), or NULL to malloc it.
 */
static void
classify(const char *t, size_t n, const struct cdk_toks *given,
         bool attributed, bool quote, const char *cue,
         struct cdk_classified *out, bool want_key, bool ref,
         uint64_t *room)
{
    struct cdk_toks own = CDK_TOKS_INIT;
    const struct cdk_toks *tk = given ? given : &own;
    struct key_acc key = {NULL, 0, 0, 0, false};
    struct facts f;
    int predict = -1; /* predict_phrase, once known */
    unsigned classes = 0; /* the lists any word of the claim is in */
    double s = 0.45;
    enum cdk_modality m;
    enum cdk_claim_type ty;
    size_t i;

    out->key = NULL;
    out->nkey = out->key_chars = 0;
    out->key_sig = 0;

    if (!given && ref) {
        cdk_lex_tokenize_ref(t, n, &own);
        for (i = 0; i < own.n; i++)
            if (own.v[i].word)
                own.v[i].cls = cdk_lex_class_ref(
                    t + own.v[i].start, own.v[i].end - own.v[i].start);
    } else if (!given) {
        cdk_lex_tokenize_cls(t, n, &own);
    }
    if (want_key && !ref) {
        key.h = room ? room : cdk_xmalloc((tk->n + 1) * sizeof(*key.h));
        /* repeats dropped as they come (no sort: cdk_classify_claim's
         * key is in no order); a long claim's hashes fill sig, and
         * its key is sorted instead */
        key.distinct = tk->n <= KEY_DISTINCT_MAX_TOKENS;
    }
    if (ref)
        facts_of_ref(t, tk, &f, &classes, NULL);
    else
        facts_of(t, tk, &f, &classes, key.h ? &key : NULL);
    /* a phrase needs a word of its list (predict_phrase, causal_phrase) */
    if (!ref && !(classes & CDK_LEX_PREDICT_TO))
        predict = 0;

    if (classes & CDK_LEX_DENY ||
        (cue && cue[0] == 'd' &&
         (strcmp(cue, "denied") == 0 || strcmp(cue, "denies") == 0)))
        m = CDK_MODALITY_DENIED;
    else if (classes & CDK_LEX_OFFER)
        m = CDK_MODALITY_OFFERED;
    else if (classes & CDK_LEX_PROPOSE)
        m = CDK_MODALITY_PROPOSED;
    else if (quote && !f.number && !f.money && !f.percent)
        m = CDK_MODALITY_QUOTED_OPINION;
    else if (classes & CDK_LEX_PREDICT ||
             (predict < 0 ? (predict = predict_phrase(t, tk)) : predict) == 1)
        m = CDK_MODALITY_PREDICTED;
    else if (attributed)
        m = CDK_MODALITY_REPORTED;
    else
        m = CDK_MODALITY_ASSERTED;

    if (m == CDK_MODALITY_PREDICTED ||
        (predict < 0 ? predict_phrase(t, tk) : predict == 1))
        ty = CDK_TYPE_PREDICTION;
    else if (classes & CDK_LEX_LAW)
        ty = CDK_TYPE_LAW;
    else if ((ref || (classes & CDK_LEX_CAUSAL)) && causal_phrase(t, tk))
        ty = CDK_TYPE_CAUSAL;
    else if (f.percent || f.money ||
             (f.number && (classes & CDK_LEX_UNIT)) ||
             (f.number && !f.year))
        ty = CDK_TYPE_QUANTITY;
    else if (f.year || f.date || f.past)
        ty = CDK_TYPE_EVENT;
    else
        ty = CDK_TYPE_OTHER;

    /* The cue score: what makes a sentence worth checking. */
    if (f.number || f.money || f.percent)
        s += 0.2;
    if (f.year || f.date)
        s += 0.2;
    if (f.names >= 1)
        s += 0.1;
    if (f.past)
        s += 0.1;
    s -= 0.12 * (double)(f.hedges > 3 ? 3 : f.hedges);
    s -= 0.12 * (double)(f.opinion > 3 ? 3 : f.opinion);
    if (f.first_person)
        s -= 0.1;
    if (m == CDK_MODALITY_QUOTED_OPINION)
        s -= 0.2;
    if (m == CDK_MODALITY_PREDICTED)
        s -= 0.1;
    if (f.words < 5)
        s -= 0.2;
    out->modality = m;
    out->type = ty;
    out->cue_score = s < 0 ? 0 : s > 1 ? 1 : s;
    if (key.h) {
        out->key = key.h;
        out->key_chars = key.chars;
        if (key.distinct) {
            out->nkey = key.n;
            out->key_sig = key.sig;
        } else {
            out->nkey = key_sort_unique(key.h, key.n);
            out->key_sig = key_sig_of(key.h, out->nkey);
        }
    } else if (want_key) {
        out->nkey =
            key_from_tokens(t, tk, true, true, &out->key, &out->key_chars);
        out->key_sig = key_sig_of(out->key, out->nkey);
    }
    if (!given)
        cdk_toks_release(&own);
}

enum cdk_modality
cdk_classify_modality(const char *t, size_t n, bool attributed, bool quote,
                      const char *cue)
{
    struct cdk_classified c;
    classify(t, n, NULL, attributed, quote, cue, &c, false, false, NULL);
    return c.modality;
}

enum cdk_claim_type
cdk_classify_type(const char *t, size_t n, enum cdk_modality m)
{
    struct cdk_classified c;
    classify(t, n, NULL, m == CDK_MODALITY_REPORTED,
             m == CDK_MODALITY_QUOTED_OPINION, NULL, &c, false, false, NULL);
    if (m == CDK_MODALITY_PREDICTED)
        return CDK_TYPE_PREDICTION;
    return c.type;
}

double
cdk_classify_blend(double model, double cue)
{
    double s = 0.75 * model + 0.25 * cue;
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

double
cdk_classify_score(const struct cdk_model *m, const char *claim,
                   size_t claim_len, const char *sentence,
                   size_t sentence_len, enum cdk_modality mod)
{
    struct cdk_classified c;

    classify(claim, claim_len, NULL, mod == CDK_MODALITY_REPORTED,
             mod == CDK_MODALITY_QUOTED_OPINION, NULL, &c, false, false,
             NULL);
    if (!m)
        return c.cue_score;
    (void)sentence;
    (void)sentence_len;
    return cdk_classify_blend(cdk_model_score(m, claim, claim_len),
                              c.cue_score);
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * What each byte adds to a content word's hash: itself, an ASCII capital
 * its lower case, 0 for a byte left out (ASCII punctuation; 0xE2 too,
 * which starts a curly quote or dash to leave out, see word_hash).
 */
static const unsigned char key_byte[256] = {
#define R8(a) a, a + 1, a + 2, a + 3, a + 4, a + 5, a + 6, a + 7
    ['0'] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ['A'] = R8('a'), R8('i'), R8('q'), 'y', 'z',
    ['a'] = R8('a'), R8('i'), R8('q'), 'y', 'z',
    [0x80] = R8(0x80), R8(0x88), R8(0x90), R8(0x98),
    R8(0xA0), R8(0xA8), R8(0xB0), R8(0xB8),
    R8(0xC0), R8(0xC8), R8(0xD0), R8(0xD8),
    0xE0, 0xE1, 0, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, R8(0xE8),
    R8(0xF0), R8(0xF8),
#undef R8
};

/* The FNV-1a hash of the content word w[0..len) (plural 's' already
 * cut): its letters, digits and other bytes of characters, lower case,
 * without ASCII punctuation nor the curly quotes and dashes glued to it
 * (U+2010..U+201F, E2 80 xx). *kept gets how many bytes it hashed. */
static inline uint64_t
word_hash(const unsigned char *w, size_t len, size_t *kept)
{
    const uint64_t prime = 1099511628211ULL;
    uint64_t x = 1469598103934665603ULL;
    size_t j = 0, k;

    /* Most words keep every byte: two at a step until one is left out */
    for (; j + 1 < len; j += 2) {
        unsigned c = key_byte[w[j]], d = key_byte[w[j + 1]];
        if (!c || !d)
            break;
        x = ((x ^ c) * prime ^ d) * prime;
    }
    for (k = j; j < len;) {
        unsigned c = key_byte[w[j++]];
        if (c == 0) {
            if (w[j - 1] != 0xE2)
                continue;
            if (j + 1 < len && w[j] == 0x80) {
                j += 2;
                continue;
            }
            c = 0xE2;
        }
        x = (x ^ c) * prime;
        k++;
    }
    *kept = k;
    return x;
}

/* word_hash as first written, the reference for the tests. */
static uint64_t
word_hash_ref(const unsigned char *w, size_t len, size_t *kept)
{
    uint64_t x = 1469598103934665603ULL;
    size_t j;

    *kept = 0;
    for (j = 0; j < len; j++) {
        unsigned char c = w[j];
        /* curly quotes and dashes glued to a word (U+2010..U+201F) */
        if (c == 0xE2 && j + 2 < len && w[j + 1] == 0x80) {
            j += 2;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c >= 0x80))
            continue;
        x ^= (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
        x *= 1099511628211ULL;
        (*kept)++;
    }
    return x;
}

/* Hash the content word w[0..len) into key: a plural 's' is cut
 * ("concessions" = "concession"); a word that keeps no byte is left out. */
static inline void
key_add_word(struct key_acc *key, const unsigned char *w, size_t len)
{
    size_t kept;
    uint64_t x;

    if (len > 3 && (w[len - 1] | 32) == 's' && (w[len - 2] | 32) != 's')
        len--;
    x = word_hash(w, len, &kept);
    if (kept == 0)
        return;
    key->chars += kept;
    if (key->distinct) {
        uint64_t bit = 1ULL << (x & 63);
        if (key->sig & bit) {
            /* maybe a repeat: look (rare, a few hashes at most) */
            size_t i;
            for (i = 0; i < key->n; i++)
                if (key->h[i] == x)
                    return;
        }
        key->sig |= bit;
    }
    key->h[key->n++] = x;
}

/* Sort h[0..nk) and drop repeats; returns how many are left. */
static size_t
key_sort_unique(uint64_t *h, size_t nk)
{
    size_t i, u = 0;

    if (nk <= 48) {
        /* most keys are short: an insertion sort beats qsort's calls;
         * h[0..u) is sorted and distinct, a repeat is dropped */
        for (i = 0; i < nk; i++) {
            uint64_t x = h[i];
            size_t j = u;
            for (; j > 0 && h[j - 1] > x; j--)
                h[j] = h[j - 1];
            if (j > 0 && h[j - 1] == x) {
                /* put back what moved up */
                for (; j < u; j++)
                    h[j] = h[j + 1];
                continue;
            }
            h[j] = x;
            u++;
        }
        return u;
    }
    qsort(h, nk, sizeof(*h), cmp_u64);
    for (i = 0; i < nk; i++)
        if (i == 0 || h[i] != h[i - 1])
            h[u++] = h[i];
    return u;
}

void
cdk_classify_key_sort(uint64_t *h, size_t n)
{
    size_t i;

    if (n > 48) {
        qsort(h, n, sizeof(*h), cmp_u64);
        return;
    }
    for (i = 1; i < n; i++) {
        uint64_t x = h[i];
        size_t j = i;
        for (; j > 0 && h[j - 1] > x; j--)
            h[j] = h[j - 1];
        h[j] = x;
    }
}

/*
 * The content key of a claim: the sorted, distinct hashes of its content
 * words. `classed`: every word token's cls is filled (0 = in no list), so
 * no second lookup is needed for the stopwords. `ref`: as first written:
 * the reference hashing (word_hash_ref), an insertion sort, then a pass
 * that drops repeats.
 */
static size_t
key_from_tokens(const char *t, const struct cdk_toks *tkp, bool classed,
                bool ref, uint64_t **out, size_t *chars)
{
    const struct cdk_toks tk = *tkp;
    struct key_acc key = {NULL, 0, 0, 0, false};
    size_t i, u = 0;

    key.h = cdk_xmalloc((tk.n + 1) * sizeof(*key.h));
    for (i = 0; i < tk.n; i++) {
        const struct cdk_tok *k = &tk.v[i];
        const unsigned char *w = (const unsigned char *)t + k->start;
        size_t len = k->end - k->start, kept;
        uint64_t x;
        if (!k->word || (classed || k->cls
                             ? (k->cls & CDK_LEX_STOP) != 0
                             : cdk_lex_stopword((const char *)w, len)))
            continue;
        if (!ref) {
            key_add_word(&key, w, len);
            continue;
        }
        /* a plural 's' is cut: "concessions" = "concession" */
        if (len > 3 && (w[len - 1] | 32) == 's' && (w[len - 2] | 32) != 's')
            len--;
        x = word_hash_ref(w, len, &kept);
        if (kept == 0)
            continue;
        key.h[key.n++] = x;
        key.chars += kept;
    }
    *out = key.h;
    if (chars)
        *chars = key.chars;
    if (!ref)
        return key_sort_unique(key.h, key.n);
    for (i = 1; i < key.n; i++) {
        uint64_t x = key.h[i];
        size_t j = i;
        for (; j > 0 && key.h[j - 1] > x; j--)
            key.h[j] = key.h[j - 1];
        key.h[j] = x;
    }
    for (i = 0; i < key.n; i++)
        if (i == 0 || key.h[i] != key.h[i - 1])
            key.h[u++] = key.h[i];
    return u;
}

size_t
cdk_classify_key_ref(const char *t, size_t n, uint64_t **out, size_t *chars)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    size_t u;

    cdk_lex_tokenize_ref(t, n, &tk);
    u = key_from_tokens(t, &tk, false, true, out, chars);
    cdk_toks_release(&tk);
    return u;
}

size_t
cdk_classify_key(const char *t, size_t n, uint64_t **out, size_t *chars)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    size_t u;

    cdk_lex_tokenize(t, n, &tk);
    u = key_from_tokens(t, &tk, false, false, out, chars);
    cdk_toks_release(&tk);
    return u;
}

double
cdk_classify_key_similarity(const uint64_t *a, size_t na, const uint64_t *b,
                            size_t nb)
{
    size_t i = 0, j = 0, inter = 0;

    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            inter++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return na + nb - inter ? (double)inter / (double)(na + nb - inter) : 0.0;
}
