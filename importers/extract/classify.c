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

/* Does any word token carry one of the classes in mask? */
static bool
any_class(const struct cdk_toks *tk, unsigned mask)
{
    size_t i;

    for (i = 0; i < tk->n; i++)
        if (tk->v[i].word && (tk->v[i].cls & mask))
            return true;
    return false;
}

/* Is one of the phrases in the lower-cased text, starting a word? */
static bool
any_phrase(const char *low, size_t n, const char *const *list, size_t nlist)
{
    size_t j;

    for (j = 0; j < nlist; j++) {
        size_t k = strlen(list[j]);
        const char *p = low, *end = low + n;
        while (p + k <= end) {
            const char *q = memmem(p, (size_t)(end - p), list[j], k);
            if (!q)
                break;
            if (q == low || !cdk_clean_is_word_byte((unsigned char)q[-1]))
                return true;
            p = q + 1;
        }
    }
    return false;
}

#define ANY_PHRASE(low, n, list)                                              \
    any_phrase((low), (n), (list), sizeof(list) / sizeof((list)[0]))

static const char *const p_predict[] = {"expected to", "is set to",
                                        "are set to", "going to",
                                        "on track to", "likely to"};
static const char *const p_causal[] = {
    "because", "due to", "caused", "causes", "cause ", "led to", "leads to",
    "lead to", "result of", "resulted in", "as a result", "driven by",
    "thanks to", "blamed", "contributed to", "linked to", "triggered"};

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

static void
facts_of(const char *t, const struct cdk_toks *tk, struct facts *f)
{
    size_t i;

    memset(f, 0, sizeof(*f));
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        const char *w = t + k->start;
        size_t len = k->end - k->start;
        if (!k->word) {
            if (*w == '$' || (unsigned char)*w == 0xE2 /* euro/pound */ ||
                (unsigned char)*w == 0xC2)
                f->money = true;
            if (*w == '%')
                f->percent = true;
            continue;
        }
        f->words++;
        if (k->digit) {
            if (is_year(w, len))
                f->year = true;
            else
                f->number = true;
        }
        if (i > 0 && (k->cap || k->upper) && !(k->cls & CDK_LEX_STOP))
            f->names++;
        if (!k->cap && len >= 5 && w[len - 2] == 'e' && w[len - 1] == 'd' &&
            cdk_lex_verbish(w, len))
            f->past = true;
        if (cdk_lex_eq(w, len, "was") || cdk_lex_eq(w, len, "were") ||
            cdk_lex_eq(w, len, "had") || cdk_lex_eq(w, len, "did") ||
            cdk_lex_eq(w, len, "went") || cdk_lex_eq(w, len, "saw"))
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
}

void
cdk_classify_claim(const char *t, size_t n, bool attributed, bool quote,
                   const char *cue, struct cdk_classified *out)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    struct facts f;
    char *low = cdk_xmalloc(n + 1);
    size_t i;
    double s = 0.45;
    enum cdk_modality m;
    enum cdk_claim_type ty;

    for (i = 0; i < n; i++)
        low[i] = (t[i] >= 'A' && t[i] <= 'Z') ? (char)(t[i] + 32) : t[i];
    low[n] = '\0';
    cdk_lex_tokenize(t, n, &tk);
    for (i = 0; i < tk.n; i++)
        if (tk.v[i].word)
            tk.v[i].cls =
                cdk_lex_class(t + tk.v[i].start, tk.v[i].end - tk.v[i].start);
    facts_of(t, &tk, &f);

    if (any_class(&tk, CDK_LEX_DENY) ||
        (cue && (strcmp(cue, "denied") == 0 || strcmp(cue, "denies") == 0)))
        m = CDK_MODALITY_DENIED;
    else if (any_class(&tk, CDK_LEX_OFFER))
        m = CDK_MODALITY_OFFERED;
    else if (any_class(&tk, CDK_LEX_PROPOSE))
        m = CDK_MODALITY_PROPOSED;
    else if (quote && !f.number && !f.money && !f.percent)
        m = CDK_MODALITY_QUOTED_OPINION;
    else if (any_class(&tk, CDK_LEX_PREDICT) || ANY_PHRASE(low, n, p_predict))
        m = CDK_MODALITY_PREDICTED;
    else if (attributed)
        m = CDK_MODALITY_REPORTED;
    else
        m = CDK_MODALITY_ASSERTED;

    if (m == CDK_MODALITY_PREDICTED || ANY_PHRASE(low, n, p_predict))
        ty = CDK_TYPE_PREDICTION;
    else if (any_class(&tk, CDK_LEX_LAW))
        ty = CDK_TYPE_LAW;
    else if (ANY_PHRASE(low, n, p_causal))
        ty = CDK_TYPE_CAUSAL;
    else if (f.percent || f.money ||
             (f.number && any_class(&tk, CDK_LEX_UNIT)) ||
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
    cdk_toks_release(&tk);
    free(low);
}

enum cdk_modality
cdk_classify_modality(const char *t, size_t n, bool attributed, bool quote,
                      const char *cue)
{
    struct cdk_classified c;
    cdk_classify_claim(t, n, attributed, quote, cue, &c);
    return c.modality;
}

enum cdk_claim_type
cdk_classify_type(const char *t, size_t n, enum cdk_modality m)
{
    struct cdk_classified c;
    cdk_classify_claim(t, n, m == CDK_MODALITY_REPORTED,
                       m == CDK_MODALITY_QUOTED_OPINION, NULL, &c);
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

    cdk_classify_claim(claim, claim_len, mod == CDK_MODALITY_REPORTED,
                       mod == CDK_MODALITY_QUOTED_OPINION, NULL, &c);
    if (!m)
        return c.cue_score;
    (void)sentence;
    (void)sentence_len;
    return cdk_classify_blend(cdk_model_score(m, claim, claim_len),
                              c.cue_score);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
cdk_classify_key(const char *t, size_t n)
{
    struct cdk_norm nm = CDK_NORM_INIT;
    struct cdk_toks tk = CDK_TOKS_INIT;
    struct cdk_buf out = CDK_BUF_INIT;
    char **words;
    size_t i, nw = 0;

    cdk_buf_init(&nm.text, 0);
    cdk_clean_normalise(t, 0, n, &nm);
    cdk_lex_tokenize(nm.text.buf, nm.text.len, &tk);
    words = cdk_xcalloc(tk.n + 1, sizeof(*words));
    for (i = 0; i < tk.n; i++) {
        const struct cdk_tok *k = &tk.v[i];
        size_t len = k->end - k->start, j;
        char *w;
        if (!k->word || cdk_lex_stopword(nm.text.buf + k->start, len))
            continue;
        w = cdk_xstrndup(nm.text.buf + k->start, len);
        for (j = 0; j < len; j++)
            if (w[j] >= 'A' && w[j] <= 'Z')
                w[j] = (char)(w[j] + 32);
        if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's')
            w[len - 1] = '\0';
        words[nw++] = w;
    }
    qsort(words, nw, sizeof(*words), cmp_str);
    for (i = 0; i < nw; i++) {
        if (i == 0 || strcmp(words[i], words[i - 1]) != 0) {
            if (out.len)
                cdk_buf_addch(&out, ' ');
            cdk_buf_adds(&out, words[i]);
        }
    }
    for (i = 0; i < nw; i++) /* after the loop: it compares with words[i-1] */
        free(words[i]);
    free(words);
    cdk_toks_release(&tk);
    cdk_norm_release(&nm);
    return cdk_buf_detach(&out, NULL);
}

/* Next word of a key (space-separated); advances *p. */
static size_t
next_word(const char **p, const char **w)
{
    const char *s = *p, *e;

    while (*s == ' ')
        s++;
    if (!*s)
        return 0;
    e = strchr(s, ' ');
    if (!e)
        e = s + strlen(s);
    *w = s;
    *p = e;
    return (size_t)(e - s);
}

double
cdk_classify_key_similarity(const char *a, const char *b)
{
    const char *pa = a, *pb = b, *wa = NULL, *wb = NULL;
    size_t la = next_word(&pa, &wa), lb = next_word(&pb, &wb);
    size_t inter = 0, uni = 0;

    /* Both keys are sorted: merge them. */
    while (la || lb) {
        int c;
        if (!la)
            c = 1;
        else if (!lb)
            c = -1;
        else {
            size_t m = la < lb ? la : lb;
            c = memcmp(wa, wb, m);
            if (c == 0)
                c = la < lb ? -1 : la > lb ? 1 : 0;
        }
        uni++;
        if (c == 0) {
            inter++;
            la = next_word(&pa, &wa);
            lb = next_word(&pb, &wb);
        } else if (c < 0) {
            la = next_word(&pa, &wa);
        } else {
            lb = next_word(&pb, &wb);
        }
    }
    return uni ? (double)inter / (double)uni : 0.0;
}
