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

static bool
any_word(const char *t, const struct cdk_toks *tk, const char *const *list,
         size_t nlist)
{
    size_t i, j;

    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        if (!k->word)
            continue;
        for (j = 0; j < nlist; j++)
            if (cdk_lex_eq(t + k->start, k->end - k->start, list[j]))
                return true;
    }
    return false;
}

static bool
any_phrase(const char *t, size_t n, const char *const *list, size_t nlist)
{
    size_t j;

    for (j = 0; j < nlist; j++) {
        size_t p = cdk_clean_find(t, n, list[j]);
        if (p != (size_t)-1 &&
            (p == 0 || !cdk_clean_is_word_byte((unsigned char)t[p - 1])))
            return true;
    }
    return false;
}

#define ANY_WORD(t, tk, list)                                                 \
    any_word((t), (tk), (list), sizeof(list) / sizeof((list)[0]))
#define ANY_PHRASE(t, n, list)                                                \
    any_phrase((t), (n), (list), sizeof(list) / sizeof((list)[0]))

static const char *const w_denied[] = {"denied", "denies", "deny",
                                       "denying", "refuted", "refutes",
                                       "rejected", "rejects", "dismissed"};
static const char *const w_offered[] = {"offer",  "offered",  "offers",
                                        "offering", "dangling", "dangled",
                                        "concessions", "concession"};
static const char *const w_proposed[] = {
    "proposed", "propose", "proposes", "proposal", "proposals", "proposing",
    "floated",  "floating", "suggested", "reviving"};
static const char *const w_predict[] = {"will",   "would",    "could",
                                        "might",  "may",      "forecast",
                                        "forecasts", "predicted", "predicts",
                                        "likely", "expected", "projected"};
static const char *const p_predict[] = {"expected to", "is set to",
                                        "are set to", "going to",
                                        "on track to", "likely to"};
static const char *const w_first_person[] = {"i", "we", "our", "my", "us",
                                             "me"};
static const char *const w_law[] = {
    "law",        "laws",      "bill",     "bills",     "legislation",
    "statute",    "regulation", "regulations", "rule",  "rules",
    "ruling",     "ruled",     "court",    "judge",     "legal",
    "illegal",    "unconstitutional", "constitution", "ordinance",
    "banned",     "ban",       "bans",     "treaty",
    "indictment", "indicted",  "convicted", "conviction", "lawsuit"};
static const char *const p_causal[] = {
    "because", "due to", "caused", "causes", "cause ", "led to", "leads to",
    "lead to", "result of", "resulted in", "as a result", "driven by",
    "thanks to", "blamed", "contributed to", "linked to", "triggered"};
static const char *const w_units[] = {
    "percent", "per", "million", "billion", "trillion", "thousand",
    "hundred", "dozens", "inches", "degrees", "miles", "mph", "km",
    "pounds", "lbs", "dollars", "euros", "tons", "acres", "votes",
    "people", "cases", "deaths", "points", "times", "half", "third",
    "quarter", "majority", "doubled", "tripled", "rose", "fell",
    "increase", "decrease", "increased", "decreased"};
static const char *const w_months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "month", "year", "week"};

static bool
is_year(const char *w, size_t n)
{
    return n == 4 && (w[0] == '1' || w[0] == '2') &&
           (memcmp(w, "19", 2) == 0 || memcmp(w, "20", 2) == 0) &&
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
};

static void
facts_of(const char *t, size_t n, const struct cdk_toks *tk, struct facts *f)
{
    size_t i;

    memset(f, 0, sizeof(*f));
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        const char *w = t + k->start;
        size_t len = k->end - k->start;
        if (!k->word) {
            if (*w == '$' || (unsigned char)*w == 0xE2 /* euro/pound */)
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
        if (i > 0 && (k->cap || k->upper) && !cdk_lex_stopword(w, len))
            f->names++;
        if (!k->cap && len >= 5 && w[len - 2] == 'e' && w[len - 1] == 'd' &&
            cdk_lex_verbish(w, len))
            f->past = true;
        if (cdk_lex_eq(w, len, "was") || cdk_lex_eq(w, len, "were") ||
            cdk_lex_eq(w, len, "had") || cdk_lex_eq(w, len, "did") ||
            cdk_lex_eq(w, len, "went") || cdk_lex_eq(w, len, "saw"))
            f->past = true;
    }
    if (ANY_WORD(t, tk, w_months))
        f->date = true;
    (void)n;
}

enum cdk_modality
cdk_classify_modality(const char *t, size_t n, bool attributed, bool quote,
                      const char *cue)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    enum cdk_modality m;
    struct facts f;

    cdk_lex_tokenize(t, n, &tk);
    facts_of(t, n, &tk, &f);
    if (ANY_WORD(t, &tk, w_denied) ||
        (cue && (strcmp(cue, "denied") == 0 || strcmp(cue, "denies") == 0)))
        m = CDK_MODALITY_DENIED;
    else if (ANY_WORD(t, &tk, w_offered))
        m = CDK_MODALITY_OFFERED;
    else if (ANY_WORD(t, &tk, w_proposed))
        m = CDK_MODALITY_PROPOSED;
    else if (quote && !f.number && !f.money && !f.percent)
        m = CDK_MODALITY_QUOTED_OPINION;
    else if (ANY_WORD(t, &tk, w_predict) || ANY_PHRASE(t, n, p_predict))
        m = CDK_MODALITY_PREDICTED;
    else if (attributed)
        m = CDK_MODALITY_REPORTED;
    else
        m = CDK_MODALITY_ASSERTED;
    cdk_toks_release(&tk);
    return m;
}

enum cdk_claim_type
cdk_classify_type(const char *t, size_t n, enum cdk_modality m)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    enum cdk_claim_type ty;
    struct facts f;

    cdk_lex_tokenize(t, n, &tk);
    facts_of(t, n, &tk, &f);
    if (m == CDK_MODALITY_PREDICTED || ANY_PHRASE(t, n, p_predict))
        ty = CDK_TYPE_PREDICTION;
    else if (ANY_WORD(t, &tk, w_law))
        ty = CDK_TYPE_LAW;
    else if (ANY_PHRASE(t, n, p_causal))
        ty = CDK_TYPE_CAUSAL;
    else if (f.percent || f.money ||
             (f.number && ANY_WORD(t, &tk, w_units)) ||
             (f.number && !f.year))
        ty = CDK_TYPE_QUANTITY;
    else if (f.year || f.date || f.past)
        ty = CDK_TYPE_EVENT;
    else
        ty = CDK_TYPE_OTHER;
    cdk_toks_release(&tk);
    return ty;
}

/* A cue score in [0, 1]: what makes a sentence worth checking. */
static double
cue_score(const char *t, size_t n, enum cdk_modality mod)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    struct facts f;
    double s = 0.45;
    size_t i, hedges = 0, opinion = 0;

    cdk_lex_tokenize(t, n, &tk);
    facts_of(t, n, &tk, &f);
    for (i = 0; i < tk.n; i++) {
        const struct cdk_tok *k = &tk.v[i];
        if (!k->word)
            continue;
        if (cdk_lex_hedge(t + k->start, k->end - k->start))
            hedges++;
        if (cdk_lex_opinion(t + k->start, k->end - k->start))
            opinion++;
    }
    if (f.number || f.money || f.percent)
        s += 0.2;
    if (f.year || f.date)
        s += 0.2;
    if (f.names >= 1)
        s += 0.1;
    if (f.past)
        s += 0.1;
    s -= 0.12 * (double)(hedges > 3 ? 3 : hedges);
    s -= 0.12 * (double)(opinion > 3 ? 3 : opinion);
    if (ANY_WORD(t, &tk, w_first_person))
        s -= 0.1;
    if (mod == CDK_MODALITY_QUOTED_OPINION)
        s -= 0.2;
    if (mod == CDK_MODALITY_PREDICTED)
        s -= 0.1;
    if (f.words < 5)
        s -= 0.2;
    cdk_toks_release(&tk);
    return s < 0 ? 0 : s > 1 ? 1 : s;
}

double
cdk_classify_score(const struct cdk_model *m, const char *claim,
                   size_t claim_len, const char *sentence,
                   size_t sentence_len, enum cdk_modality mod)
{
    double c = cue_score(claim, claim_len, mod), s;

    if (!m)
        return c;
    s = 0.6 * cdk_model_score(m, claim, claim_len) +
        0.2 * cdk_model_score(m, sentence, sentence_len) + 0.2 * c;
    return s < 0 ? 0 : s > 1 ? 1 : s;
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
        free(words[i]);
    }
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
