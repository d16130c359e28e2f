/*
 * Lexicon and tokens shared by the extraction stages: a tokenizer over
 * normalised text (see clean.h) and the small closed word lists the
 * heuristics use (stopwords, reporting verbs, outlets, organisation
 * words, hedges, opinion words, ...). All lookups are case-insensitive,
 * thread-safe and allocation-free: one hash table built on first use.
 */
#ifndef CDK_IMPORTERS_EXTRACT_LEX_H
#define CDK_IMPORTERS_EXTRACT_LEX_H

#include <stdbool.h>
#include <stddef.h>

/* A token: a word ([A-Za-z0-9] and non-ASCII bytes, with inner ' - . &)
 * or a single punctuation byte. */
struct cdk_tok {
    size_t start, end; /* into the tokenized text */
    bool word;
    bool cap;   /* word starting with an upper-case ASCII letter */
    bool upper; /* word of 2+ letters, all upper case */
    bool digit; /* word containing a digit */
    unsigned cls; /* 0; callers that need cdk_lex_class store it here */
};

struct cdk_toks {
    struct cdk_tok *v;
    size_t n, alloc;
};

#define CDK_TOKS_INIT {0, 0, 0}

/*
 * The index of the first token of tk starting at or after byte i (tk->n
 * when none does). Inline: attribution and splitting ask it per token.
 */
static inline size_t
cdk_toks_first_at(const struct cdk_toks *tk, size_t i)
{
    size_t lo = 0, hi = tk->n;

    /* most asks are for the first or past the last token */
    if (hi == 0 || tk->v[0].start >= i)
        return 0;
    if (tk->v[hi - 1].start < i)
        return hi;
    /* tokens are in text order: bisect */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tk->v[mid].start < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Tokenize s[0..len) into *out (reset first). */
void cdk_lex_tokenize(const char *s, size_t len, struct cdk_toks *out);
/* The same, with every word's cls its cdk_lex_class (one pass). */
void cdk_lex_tokenize_cls(const char *s, size_t len, struct cdk_toks *out);
void cdk_toks_release(struct cdk_toks *t);

/*
 * The tokens of t[a..a+len) exactly as cdk_lex_tokenize would give them
 * (offsets from t + a, cls copied), taken from tk, the tokens of all of
 * t[0..n), without tokenizing again. Possible when a token of tk starts
 * at a and the byte after the slice cannot change how its last token
 * ends (the end of t, or not a word byte; see lex.c). Returns false
 * otherwise (*out's contents are then unspecified).
 */
bool cdk_toks_slice(const char *t, size_t n, const struct cdk_toks *tk,
                    size_t a, size_t len, struct cdk_toks *out);
/* The same test without the copy: those tokens are tk->v[*k0..*k1),
 * their offsets still from t. */
bool cdk_toks_range(const char *t, size_t n, const struct cdk_toks *tk,
                    size_t a, size_t len, size_t *k0, size_t *k1);

/* The lists a word is in (bits below); 0 for none. */
#define CDK_LEX_STOP (1u << 0)
#define CDK_LEX_PRONOUN (1u << 1)
#define CDK_LEX_SPEECH (1u << 2)
#define CDK_LEX_VERB (1u << 3)
#define CDK_LEX_OUTLET (1u << 4)
#define CDK_LEX_ORG (1u << 5)
#define CDK_LEX_ANON (1u << 6)
#define CDK_LEX_HEDGE (1u << 7)
#define CDK_LEX_OPINION (1u << 8)
#define CDK_LEX_DET (1u << 9)
#define CDK_LEX_DENY (1u << 10)
#define CDK_LEX_OFFER (1u << 11)
#define CDK_LEX_PROPOSE (1u << 12)
#define CDK_LEX_PREDICT (1u << 13)
#define CDK_LEX_FIRST (1u << 14)
#define CDK_LEX_LAW (1u << 15)
#define CDK_LEX_UNIT (1u << 16)
#define CDK_LEX_TIME (1u << 17)
#define CDK_LEX_CAUSAL (1u << 18)
#define CDK_LEX_PAST (1u << 19)
/* for attribution: what opens a sentence without being its subject */
#define CDK_LEX_LEAD_CONJ (1u << 20)   /* but, furthermore, yesterday */
#define CDK_LEX_LEAD_PREP (1u << 21)   /* in, during, speaking (to a comma) */
#define CDK_LEX_LEAD_SUB (1u << 22)    /* while, although (a clause) */
#define CDK_LEX_LEAD_TIME (1u << 23)   /* last, earlier (+ a time noun) */
#define CDK_LEX_TIME_NOUN (1u << 24)   /* weekend, years (+ CDK_LEX_TIME) */
#define CDK_LEX_SPEAKER_ADV (1u << 25) /* recently, has: speaker .. verb */
/* for the kind of a claimant (attribute.c) */
#define CDK_LEX_DOCUMENT (1u << 26)  /* report, study: speaks for its source */
#define CDK_LEX_PARTY (1u << 27)     /* democrats, labour, tories */
#define CDK_LEX_MEDIA (1u << 28)     /* newspaper, magazine, website */
#define CDK_LEX_HEAD_STOP (1u << 29) /* of, for, close: ends a head noun */
/* for classification: "expected to", "set to", "on track to" */
#define CDK_LEX_PREDICT_TO (1u << 30)
/* for attribution: "many states", "all reports": a speech verb's noun */
#define CDK_LEX_QUANTIFIER (1u << 31)

/* Thread-safe; the table is built on first use. */
unsigned cdk_lex_class(const char *w, size_t n);

/*
 * The plain versions the fast ones above must agree with, for the tests:
 * cdk_lex_class by comparing w with every listed word, and the tokenizer
 * as it was first written (cls 0).
 */
unsigned cdk_lex_class_ref(const char *w, size_t n);
void cdk_lex_tokenize_ref(const char *s, size_t len, struct cdk_toks *out);

/* Word lists. `w` need not be NUL-terminated. */
bool cdk_lex_stopword(const char *w, size_t n);
bool cdk_lex_pronoun_subject(const char *w, size_t n); /* he she they ... */
bool cdk_lex_speech_verb(const char *w, size_t n);     /* said says told */
bool cdk_lex_verbish(const char *w, size_t n); /* finite verb, roughly */
/* cdk_lex_verbish of w[0..n), whose cdk_lex_class is cls. */
bool cdk_lex_verbish_cls(const char *w, size_t n, unsigned cls);
bool cdk_lex_outlet(const char *w, size_t n);  /* Bloomberg, Reuters */
bool cdk_lex_org_word(const char *w, size_t n); /* Agency, Council */
bool cdk_lex_anon_word(const char *w, size_t n); /* sources, officials */
bool cdk_lex_hedge(const char *w, size_t n);     /* possible, may */
bool cdk_lex_opinion(const char *w, size_t n);   /* finally, blindly */
bool cdk_lex_determiner(const char *w, size_t n);

/* Case-insensitive equality of w[0..n) and the C string s. */
bool cdk_lex_eq(const char *w, size_t n, const char *s);
/* The same, a byte's case by table as first written (for the tests). */
bool cdk_lex_eq_ref(const char *w, size_t n, const char *s);

#endif
