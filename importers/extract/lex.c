/*
 * Tokens and word lists for the extraction heuristics. The lists are
 * sorted (lower case, ASCII order) so a lookup is a bisection; a unit
 * test checks the order.
 */
#include "lex.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static const char *const lex_stopwords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am",
    "an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no",
    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other",
    "our", "ours", "out", "over", "own", "per", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them",
    "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "via", "vs",
    "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours",
};

static const char *const lex_pronouns[] = {
    "he", "i", "it", "she", "they", "we", "you",
};

static const char *const lex_speech[] = {
    "acknowledge", "acknowledged", "acknowledges", "added", "adds", "admit",
    "admits", "admitted", "allege", "alleged", "alleges", "announce",
    "announced", "announces", "argue", "argued", "argues", "asked", "asks",
    "believe", "believed", "believes", "cautioned", "cautions", "claimed",
    "claims", "concluded", "concludes", "confirm", "confirmed", "confirms",
    "contended", "contends", "declared", "declares", "denied", "denies",
    "deny", "emphasised", "emphasized", "estimated", "estimates", "explained",
    "explains", "insist", "insisted", "insists", "maintained", "maintains",
    "noted", "notes", "predict", "predicted", "predicts", "recalled",
    "recalls", "reported", "reports", "revealed", "reveals", "said", "say",
    "says", "stated", "states", "stressed", "stresses", "suggested",
    "suggests", "tell", "tells", "testified", "testifies", "told", "tweeted",
    "tweets", "warn", "warned", "warns", "write", "writes", "wrote",
};

static const char *const lex_verbs[] = {
    "added", "agreed", "appear", "appears", "are", "be", "became", "become",
    "becomes", "been", "began", "begins", "begun", "bring", "brings",
    "brought", "builds", "built", "came", "can", "come", "comes", "could",
    "cut", "did", "died", "do", "does", "eroded", "expect", "expected",
    "expects", "falls", "fell", "find", "finds", "floated", "found", "gave",
    "gets", "gives", "go", "goes", "got", "grew", "grows", "had", "has",
    "have", "held", "hold", "holds", "include", "included", "includes", "is",
    "keep", "keeps", "kept", "killed", "knew", "know", "knows", "lead",
    "leads", "leaves", "led", "left", "let", "lets", "lose", "loses", "lost",
    "made", "make", "makes", "may", "mean", "means", "meant", "meet", "meets",
    "met", "might", "must", "need", "needs", "offered", "paid", "passed",
    "pay", "pays", "plan", "planned", "plans", "proposed", "put", "puts",
    "ran", "rejoined", "remain", "remained", "remains", "rises", "rose",
    "run", "runs", "said", "saw", "says", "see", "seem", "seems", "sees",
    "sells", "sends", "sent", "set", "sets", "severed", "shall", "should",
    "show", "showed", "shown", "shows", "signed", "sit", "sits", "sold",
    "spends", "spent", "stand", "stands", "stood", "takes", "think", "thinks",
    "thought", "told", "took", "visited", "voted", "want", "wanted", "wants",
    "was", "went", "were", "will", "wins", "won", "would", "write", "writes",
    "wrote",
};

static const char *const lex_outlets[] = {
    "abc", "afp", "ap", "axios", "bbc", "bild", "bloomberg", "breitbart",
    "cbs", "chronicle", "cnn", "economist", "forbes", "fox", "gazette",
    "guardian", "herald", "huffpost", "journal", "khn", "msnbc", "nbc",
    "newsmax", "newsweek", "npr", "nyt", "politico", "post", "reuters", "ria",
    "salon", "slate", "spiegel", "tass", "telegraph", "tgp", "times",
    "tribune", "verge", "vox", "wired", "wsj", "yahoo",
};

static const char *const lex_orgwords[] = {
    "administration", "agency", "army", "association", "authorities",
    "authority", "bank", "board", "bureau", "cdc", "center", "centre", "cia",
    "commission", "committee", "company", "congress", "corp", "corporation",
    "council", "court", "department", "eu", "executive", "fbi", "fda",
    "foundation", "fund", "government", "group", "house", "imf", "inc",
    "institute", "kremlin", "lawmakers", "legislators", "ministers",
    "ministry", "nasa", "nato", "navy", "noaa", "office", "opec",
    "opposition", "parliament", "parties", "party", "pentagon", "police",
    "senate", "service", "services", "un", "union", "unions", "university",
    "who",
};

static const char *const lex_anon[] = {
    "administration", "aide", "aides", "analyst", "analysts", "critics",
    "diplomat", "diplomats", "expert", "experts", "insider", "insiders",
    "observers", "official", "officials", "people", "person", "report",
    "reports", "residents", "someone", "source", "sources", "spokesman",
    "spokesperson", "spokeswoman", "witnesses",
};

static const char *const lex_hedges[] = {
    "allegedly", "apparently", "appears", "could", "likely", "may", "might",
    "perhaps", "possible", "possibly", "potentially", "probably",
    "reportedly", "seemingly", "seems", "signal", "signals", "suggest",
    "suggests", "unlikely", "would",
};

static const char *const lex_opinion[] = {
    "absurd", "amazing", "awful", "bad", "beats", "beautiful", "believe",
    "best", "blindly", "brilliant", "clearly", "crazy", "disgraceful", "evil",
    "feel", "finally", "fortunately", "good", "great", "hate", "hope",
    "horrible", "incredible", "insane", "love", "must", "obviously", "only",
    "really", "ridiculous", "right", "sadly", "shameful", "should", "stupid",
    "terrible", "think", "truly", "unfortunately", "wish", "wonderful",
    "worst", "wrong",
};

static const char *const lex_determiners[] = {
    "a", "an", "another", "any", "each", "every", "her", "his", "its", "my",
    "no", "one", "our", "some", "that", "the", "their", "these", "this",
    "those", "your",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static unsigned char
lc(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Compare w[0..n) (any case) with the lower-case C string s. */
static int
cmp(const char *w, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n && s[i]; i++) {
        unsigned char a = lc((unsigned char)w[i]);
        unsigned char b = (unsigned char)s[i];
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (i < n)
        return 1;
    return s[i] ? -1 : 0;
}

static bool
in_list(const char *const *list, size_t count, const char *w, size_t n)
{
    size_t lo = 0, hi = count;

    if (n == 0 || n > 24)
        return false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(w, n, list[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

bool
cdk_lex_eq(const char *w, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!s[i] || lc((unsigned char)w[i]) != lc((unsigned char)s[i]))
            return false;
    return s[n] == '\0';
}

bool
cdk_lex_stopword(const char *w, size_t n)
{
    return in_list(lex_stopwords, NELEM(lex_stopwords), w, n);
}

bool
cdk_lex_pronoun_subject(const char *w, size_t n)
{
    return in_list(lex_pronouns, NELEM(lex_pronouns), w, n);
}

bool
cdk_lex_speech_verb(const char *w, size_t n)
{
    return in_list(lex_speech, NELEM(lex_speech), w, n);
}

bool
cdk_lex_verbish(const char *w, size_t n)
{
    static const char *const not_verbs[] = {"bed",   "breed", "creed",
                                            "feed",  "greed", "hundred",
                                            "indeed", "need", "red",
                                            "seed",  "shed",  "speed"};
    size_t i;

    if (in_list(lex_verbs, NELEM(lex_verbs), w, n) ||
        in_list(lex_speech, NELEM(lex_speech), w, n))
        return true;
    /* Regular past tense: "visited", "established" (not "hundred"). */
    if (n >= 5 && lc((unsigned char)w[n - 2]) == 'e' &&
        lc((unsigned char)w[n - 1]) == 'd' && !(w[0] >= 'A' && w[0] <= 'Z')) {
        for (i = 0; i < NELEM(not_verbs); i++)
            if (cdk_lex_eq(w, n, not_verbs[i]))
                return false;
        return true;
    }
    return false;
}

bool
cdk_lex_outlet(const char *w, size_t n)
{
    return in_list(lex_outlets, NELEM(lex_outlets), w, n);
}

bool
cdk_lex_org_word(const char *w, size_t n)
{
    return in_list(lex_orgwords, NELEM(lex_orgwords), w, n);
}

bool
cdk_lex_anon_word(const char *w, size_t n)
{
    return in_list(lex_anon, NELEM(lex_anon), w, n);
}

bool
cdk_lex_hedge(const char *w, size_t n)
{
    return in_list(lex_hedges, NELEM(lex_hedges), w, n);
}

bool
cdk_lex_opinion(const char *w, size_t n)
{
    return in_list(lex_opinion, NELEM(lex_opinion), w, n);
}

bool
cdk_lex_determiner(const char *w, size_t n)
{
    return in_list(lex_determiners, NELEM(lex_determiners), w, n);
}

static bool
word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

void
cdk_lex_tokenize(const char *s, size_t len, struct cdk_toks *out)
{
    size_t i = 0;

    out->n = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        struct cdk_tok *t;

        if (c == ' ') {
            i++;
            continue;
        }
        CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
        t = &out->v[out->n++];
        memset(t, 0, sizeof(*t));
        t->start = i;
        if (!word_byte(c)) {
            t->end = ++i;
            continue;
        }
        {
            size_t letters = 0, uppers = 0;
            while (i < len) {
                c = (unsigned char)s[i];
                if (word_byte(c)) {
                    if (c >= 'A' && c <= 'Z')
                        uppers++, letters++;
                    else if (c >= 'a' && c <= 'z')
                        letters++;
                    else if (c >= '0' && c <= '9')
                        t->digit = true;
                    i++;
                } else if ((c == '\'' || c == '-' || c == '.' || c == '&') &&
                           i + 1 < len &&
                           word_byte((unsigned char)s[i + 1]) &&
                           !(c == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9') &&
                             !(i + 2 < len && s[i + 2] == '.'))) {
                    i++;
                } else {
                    break;
                }
            }
            t->end = i;
            t->word = true;
            t->cap = s[t->start] >= 'A' && s[t->start] <= 'Z';
            t->upper = letters >= 2 && uppers == letters;
        }
    }
}

void
cdk_toks_release(struct cdk_toks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->alloc = 0;
}
