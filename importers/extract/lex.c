/*
 * Tokens and word lists for the extraction heuristics. The lists (lower
 * case) are loaded on first use into one hash table that maps a word to
 * the set of lists it is in, so a word is classified by one lookup.
 */
#include "lex.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
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
    "claims", "commented", "complained", "complains", "conceded", "concedes",
    "concluded", "concludes", "confirm", "confirmed", "confirms", "contended",
    "contends", "countered", "declared", "declares", "denied", "denies",
    "deny", "described", "describes", "disclosed", "discloses", "emphasised",
    "emphasized", "estimated", "estimates", "explained", "explains", "hinted",
    "hints", "indicated", "indicates", "insist", "insisted", "insists",
    "joked", "jokes", "maintained", "maintains", "noted", "notes",
    "observed", "pointed", "predict", "predicted", "predicts", "quipped",
    "quips", "recalled", "recalls", "reckoned", "reckons", "reiterated",
    "reiterates", "remarked", "replied", "replies", "reported", "reports",
    "retorted", "revealed", "reveals", "said", "say", "says", "stated",
    "states", "stressed", "stresses", "suggested", "suggests", "tell",
    "tells", "testified", "testifies", "told", "tweeted", "tweets", "warn",
    "warned", "warns", "write", "writes", "wrote",
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
    "activists", "administration", "advocates", "aide", "aides", "analyst",
    "analysts", "attorneys", "authors", "campaigners", "critics", "diplomat",
    "diplomats", "doctors", "economists", "expert", "experts", "insider",
    "insiders", "investigators", "lawyers", "meps", "mps", "msps",
    "observers", "official",
    "officials", "people", "person", "prosecutors", "report", "researchers",
    "scientists",
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

static const char *const lex_deny[] = {
    "denied", "denies", "deny", "denying", "dismissed", "refuted", "refutes",
    "rejected", "rejects",
};

static const char *const lex_offer[] = {
    "concession", "concessions", "dangled", "dangling", "offer", "offered",
    "offering", "offers",
};

static const char *const lex_propose[] = {
    "floated", "floating", "proposal", "proposals", "propose", "proposed",
    "proposes", "proposing", "reviving", "suggested",
};

static const char *const lex_predict[] = {
    "could", "expected", "forecast", "forecasts", "likely", "may", "might",
    "predicted", "predicts", "projected", "will", "would",
};

static const char *const lex_first[] = {
    "i", "me", "my", "our", "us", "we",
};

static const char *const lex_law[] = {
    "ban", "banned", "bans", "bill", "bills", "constitution", "convicted",
    "conviction", "court", "illegal", "indicted", "indictment", "judge",
    "law", "laws", "lawsuit", "legal", "legislation", "ordinance",
    "regulation", "regulations", "rule", "ruled", "rules", "ruling",
    "statute", "treaty", "unconstitutional",
};

static const char *const lex_unit[] = {
    "acres", "billion", "cases", "deaths", "decrease", "decreased",
    "degrees", "dollars", "doubled", "dozens", "euros", "fell", "half",
    "hundred", "inches", "increase", "increased", "km", "lbs", "majority",
    "miles", "million", "mph", "people", "per", "percent", "points",
    "pounds", "quarter", "rose", "third", "thousand", "times", "tons",
    "tripled", "trillion", "votes",
};

static const char *const lex_time[] = {
    "april", "august", "december", "february", "friday", "january", "july",
    "june", "march", "may", "monday", "month", "november", "october",
    "saturday", "september", "sunday", "thursday", "tuesday", "wednesday",
    "week", "year", "yesterday",
};

/* Irregular past forms that mark an event. */
static const char *const lex_past[] = {
    "did", "had", "saw", "was", "went", "were",
};

/* Causal words; "due", "led", "result" ... need the next word (classify.c). */
static const char *const lex_causal[] = {
    "because", "blamed", "caused", "causes", "contributed", "driven", "due",
    "lead", "leads", "led", "linked", "result", "resulted", "thanks",
    "triggered",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Byte classes: CT_WORD [A-Za-z0-9] and non-ASCII, CT_UPPER, CT_LOWER,
 * CT_DIGIT (ASCII), CT_JOIN the bytes that may join two runs of word
 * bytes into one word (' - . &; see joins_word). A table because every
 * stage asks per byte. */
#define CT_WORD 1u
#define CT_UPPER 2u
#define CT_LOWER 4u
#define CT_DIGIT 8u
#define CT_JOIN 16u

static const unsigned char ctype[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 16, 16, 0, 0, 0, 0, 0, 16, 16, 0,
    9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 0,
    0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
    5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline unsigned char
lc(unsigned char c)
{
    return (unsigned char)(c | ((ctype[c] & CT_UPPER) << 4));
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

/* Openings that are not a subject: "But", "Furthermore,", "Yesterday". */
static const char *const lex_lead_conj[] = {
    "additionally", "afterwards", "also", "and", "but", "finally",
    "furthermore", "however", "indeed", "instead", "likewise", "meanwhile",
    "moreover", "nevertheless", "nonetheless", "now", "overall", "separately",
    "similarly", "so", "still", "then", "thus", "today", "tonight",
    "ultimately", "yesterday", "yet",
};

/* ... a phrase up to its comma: "In December,", "Speaking to the BBC,". */
static const char *const lex_lead_prep[] = {
    "about", "above", "across", "addressing", "after", "against", "along",
    "alongside", "amid", "among", "apart", "around", "aside", "asked", "at",
    "based", "before", "behind", "below", "beneath", "besides", "between",
    "beyond", "by", "commenting", "compared", "consistent", "contrary",
    "despite", "due", "during", "following", "for", "from", "given", "in",
    "inside", "like", "near", "on", "outlining", "outside", "over", "pressed",
    "prior", "reacting", "referring", "regardless", "responding", "similar",
    "since", "speaking", "talking", "thanks", "through", "throughout", "to",
    "toward", "towards", "under", "unlike", "upon", "with", "within",
    "without", "writing",
};

/* ... a clause: "While X says Y,". */
static const char *const lex_lead_sub[] = {
    "after", "although", "as", "because", "before", "if", "once", "since",
    "though", "unless", "until", "when", "whereas", "while",
};

/* ... a time phrase with a time noun: "Last year", "Earlier this month". */
static const char *const lex_lead_time[] = {
    "earlier", "last", "later", "next", "this",
};

/* ... with the month and day names of lex_time (but "may", "yesterday"):
 * the other time nouns */
static const char *const lex_time_noun[] = {
    "autumn", "fall",    "months", "night",   "season", "spring",
    "summer", "weekend", "weeks",  "winter", "years",
};

/* Between a speaker and the verb: "recently", "has", "also". */
static const char *const lex_speaker_adv[] = {
    "afterwards", "again", "already", "also", "did", "does", "earlier",
    "finally", "first",
    "had", "has", "have", "initially", "later", "never", "now", "often",
    "once", "openly", "originally", "previously", "privately", "publicly",
    "recently", "repeatedly", "reportedly", "separately", "still",
    "subsequently", "then", "too", "will", "would",
};

/* The kind of a claimant: "the CDC report", "an analysis by the Human
 * Rights Campaign": an institution's document speaks for it */
static const char *const lex_documents[] = {
    "analysis", "data",   "documents", "figures",   "filing",
    "paper",    "papers", "report",    "reports",   "research",
    "statement", "study", "survey",    "update",
};

/* ... "Democrats pushing the bill", "Labour campaign chiefs": a party */
static const char *const lex_parties[] = {
    "conservatives", "democrats", "gop", "labour", "republicans", "tories",
};

/* ... "Vedomosti newspaper", "the magazine": an outlet */
static const char *const lex_media[] = {
    "broadcaster", "magazine", "newspaper", "tabloid", "website",
};

/* ... the head noun is the last word before one of these: "aide to",
 * "sources close to", "officials familiar with" */
static const char *const lex_head_stops[] = {
    "at", "by", "close", "familiar", "for", "from", "in", "of", "on", "who",
    "with",
};

/* Before "to", a prediction: "expected to", "is set to", "going to",
 * "on track to", "likely to" (classify.c). */
static const char *const lex_predict_to[] = {
    "expected", "going", "likely", "set", "track",
};

/* Before a speech verb, its noun: "17 states", "many states",
 * "several reports" (attribute.c, with the determiners and figures). */
static const char *const lex_quantifiers[] = {
    "all", "both", "eight", "few", "fifty", "five", "four", "many",
    "more", "most", "nine", "other", "several", "seven", "six", "such",
    "ten", "three", "two",
};

/* Every list with its bit: the table below is built from these, and
 * cdk_lex_class_ref reads them directly. */
static const struct {
    const char *const *words;
    size_t count;
    unsigned mask;
} lex_lists[] = {
#define LIST(list, mask) {(list), NELEM(list), (mask)}
    LIST(lex_stopwords, CDK_LEX_STOP),
    LIST(lex_pronouns, CDK_LEX_PRONOUN),
    LIST(lex_speech, CDK_LEX_SPEECH),
    LIST(lex_verbs, CDK_LEX_VERB),
    LIST(lex_outlets, CDK_LEX_OUTLET),
    LIST(lex_orgwords, CDK_LEX_ORG),
    LIST(lex_anon, CDK_LEX_ANON),
    LIST(lex_hedges, CDK_LEX_HEDGE),
    LIST(lex_opinion, CDK_LEX_OPINION),
    LIST(lex_determiners, CDK_LEX_DET),
    LIST(lex_deny, CDK_LEX_DENY),
    LIST(lex_offer, CDK_LEX_OFFER),
    LIST(lex_propose, CDK_LEX_PROPOSE),
    LIST(lex_predict, CDK_LEX_PREDICT),
    LIST(lex_first, CDK_LEX_FIRST),
    LIST(lex_law, CDK_LEX_LAW),
    LIST(lex_unit, CDK_LEX_UNIT),
    LIST(lex_time, CDK_LEX_TIME),
    LIST(lex_causal, CDK_LEX_CAUSAL),
    LIST(lex_past, CDK_LEX_PAST),
    LIST(lex_lead_conj, CDK_LEX_LEAD_CONJ),
    LIST(lex_lead_prep, CDK_LEX_LEAD_PREP),
    LIST(lex_lead_sub, CDK_LEX_LEAD_SUB),
    LIST(lex_lead_time, CDK_LEX_LEAD_TIME),
    LIST(lex_time_noun, CDK_LEX_TIME_NOUN),
    LIST(lex_speaker_adv, CDK_LEX_SPEAKER_ADV),
    LIST(lex_documents, CDK_LEX_DOCUMENT),
    LIST(lex_parties, CDK_LEX_PARTY),
    LIST(lex_media, CDK_LEX_MEDIA),
    LIST(lex_head_stops, CDK_LEX_HEAD_STOP),
    LIST(lex_predict_to, CDK_LEX_PREDICT_TO),
    LIST(lex_quantifiers, CDK_LEX_QUANTIFIER),
#undef LIST
};

/*
 * One open-addressing hash table maps every listed word to the set of
 * lists it is in (a bit mask), built once. A word is looked up by its
 * key (word_key): its length and two 8-byte (or 4-byte) loads, so the
 * cost does not grow with the word, no byte is lower-cased one at a
 * time and a hit needs no string comparison.
 */
#define TABLE_BITS 11
#define TABLE_SIZE (1u << TABLE_BITS) /* > 2 x the words listed */

/*
 * 16 bytes, so that the table (32 KB) takes less of the nearest cache:
 * the second half of a key (hi, not 0 only for words of 9 to 16 bytes,
 * a sixth of those listed) is kept aside in long_hi, the slot holding
 * its index (0: hi is 0).
 */
struct slot {
    uint64_t lo;   /* word_key of the word */
    uint32_t mask;
    uint16_t len;  /* 0 when empty */
    uint16_t hix;  /* its key's hi is long_hi[hix] */
};

#define LONG_MAX_WORDS 256
static uint64_t long_hi[LONG_MAX_WORDS]; /* [0] is 0 */
static size_t long_n = 1;

static struct slot table[TABLE_SIZE];
/* A one-bit-per-word filter over other hash bits (2 KB, so it stays in
 * the nearest cache): most words of a text are in no list, and most of
 * those are answered here without touching the table. */
#define FILTER_BITS 16384
static uint64_t filter[FILTER_BITS / 64];
static size_t lex_maxlen;  /* the longest word listed */
static bool lex_verify;    /* see word_key: false with the lists as they are */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static int table_ready; /* set once the table is built (fast path) */

#define FOLD 0x2020202020202020ULL

/* Eight bytes at a step where the bytes of a load are in text order from
 * its low bits up (word_key, word_end_swar). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LEX_SWAR 1
#else
#define LEX_SWAR 0
#endif

/*
 * The key of w[0..n), 1 <= n <= 16: up to 8 bytes, its bytes in lo (the
 * rest zero) and hi zero; longer, its first and last 8 bytes,
 * overlapping so that every byte is in it. Every byte of the word has
 * bit 0x20 set. Setting 0x20 turns an ASCII capital into its lower case
 * and leaves a lower-case letter alone; so for a listed word, all a-z,
 * the text words with its length and key are exactly the word in any
 * mix of case (a byte b with b | 0x20 == 'x' is 'x' or 'X'). A word of
 * other bytes or longer than 16 would make the key ambiguous: lex_verify
 * then sends every lookup to cdk_lex_class_ref (no such word is listed).
 * key_short is the key of a word of up to 8 bytes from its first 8
 * bytes as one load (the tokenizer has them at hand).
 */
static inline void
word_key(const unsigned char *w, size_t n, uint64_t *lo, uint64_t *hi)
{
    uint64_t a = 0, b;

    if (n > 8) {
        memcpy(&a, w, 8);
        memcpy(&b, w + n - 8, 8);
        *lo = a | FOLD;
        *hi = b | FOLD;
        return;
    }
    /* byte k at bits 8k (as key_short's load puts them), from two loads
     * that overlap or three bytes that cover the word */
#if LEX_SWAR
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, w, 4);
        memcpy(&y, w + n - 4, 4);
        a = (uint64_t)x | (uint64_t)y << (8 * (n - 4));
    } else {
        a = (uint64_t)w[0] | (uint64_t)w[n / 2] << (8 * (n / 2)) |
            (uint64_t)w[n - 1] << (8 * (n - 1));
    }
#else
    {
        size_t k;
        for (k = 0; k < n; k++)
            a |= (uint64_t)w[k] << (8 * k);
    }
#endif
    *lo = a | (FOLD & (~0ULL >> (64 - 8 * n)));
    *hi = 0;
}

#if LEX_SWAR
/* word_key's lo for a word of n <= 8 bytes whose first 8 are first8 (the
 * word's bytes are the low ones: little-endian only) */
static inline uint64_t
key_short(uint64_t first8, size_t n)
{
    return (first8 | FOLD) & (~0ULL >> (64 - 8 * n));
}
#endif

/* The hash of a key: the top bits of a multiply are well mixed. */
static inline uint64_t
key_hash(uint64_t lo, uint64_t hi, size_t n)
{
    return (lo * 0x9E3779B97F4A7C15ULL) ^ ((hi + n) * 0xC2B2AE3D27D4EB4FULL);
}

#define SLOT_OF(h) ((size_t)((h) >> (64 - TABLE_BITS)))
#define FILTER_BIT(h) ((size_t)((h) >> 20) % FILTER_BITS)

static void
table_build(void)
{
    size_t l, i, j;

    for (l = 0; l < NELEM(lex_lists); l++) {
        for (i = 0; i < lex_lists[l].count; i++) {
            const char *wd = lex_lists[l].words[i];
            size_t n = strlen(wd), k;
            uint64_t lo, hi, h;
            for (j = 0; j < n; j++)
                if (wd[j] < 'a' || wd[j] > 'z')
                    lex_verify = true;
            if (n > 16)
                lex_verify = true;
            if (n > lex_maxlen)
                lex_maxlen = n;
            word_key((const unsigned char *)wd, n, &lo, &hi);
            h = key_hash(lo, hi, n);
            k = SLOT_OF(h);
            while (table[k].len &&
                   !(table[k].len == n && table[k].lo == lo &&
                     long_hi[table[k].hix] == hi))
                k = (k + 1) & (TABLE_SIZE - 1);
            if (!table[k].len && hi != 0) {
                if (long_n == LONG_MAX_WORDS) {
                    lex_verify = true; /* no room: the slow way */
                    continue;
                }
                long_hi[long_n] = hi;
                table[k].hix = (uint16_t)long_n++;
            }
            table[k].lo = lo;
            table[k].len = (uint16_t)n;
            table[k].mask |= lex_lists[l].mask;
            filter[FILTER_BIT(h) / 64] |= 1ULL << (FILTER_BIT(h) % 64);
        }
    }
    __atomic_store_n(&table_ready, 1, __ATOMIC_RELEASE);
}

/*
 * The lists of the word whose key (word_key) is lo, hi and length n.
 * Whether a word of a text is listed is as good as random from word to
 * word, so the home slot is read and compared without a branch; a
 * branch follows only when the word may sit further on (the home slot
 * holds another word and the filter lets the word through), which is
 * rare both for listed words (most are in their home slot) and for the
 * others (most are stopped by the filter).
 */
static inline unsigned
lookup_key(uint64_t lo, uint64_t hi, size_t n)
{
    uint64_t h = key_hash(lo, hi, n);
    size_t k = SLOT_OF(h);
    const struct slot *sl = &table[k];
    unsigned home = (unsigned)(sl->len == n) & (unsigned)(sl->lo == lo) &
                    (unsigned)(long_hi[sl->hix] == hi);
    unsigned maybe =
        (unsigned)(filter[FILTER_BIT(h) / 64] >> (FILTER_BIT(h) % 64)) & 1u;

    if (__builtin_expect((maybe & ~home & (unsigned)(sl->len != 0)) != 0, 0)) {
        for (k = (k + 1) & (TABLE_SIZE - 1); table[k].len;
             k = (k + 1) & (TABLE_SIZE - 1))
            if (table[k].len == n && table[k].lo == lo &&
                long_hi[table[k].hix] == hi)
                return table[k].mask;
        return 0;
    }
    return sl->mask & (0u - home);
}

/* cdk_lex_class once the table is built; maxlen is lex_maxlen (0 for
 * "no lookup": every word is then in no list), verify lex_verify. (As
 * arguments, they are read once per text, not once per word.) */
static inline unsigned
lookup(const unsigned char *w, size_t n, size_t maxlen, bool verify)
{
    uint64_t lo, hi;

    if (n - 1 >= maxlen) /* n == 0 or n > maxlen */
        return 0;
    if (verify) /* the key alone would not decide: the slow way */
        return cdk_lex_class_ref((const char *)w, n);
    word_key(w, n, &lo, &hi);
    return lookup_key(lo, hi, n);
}

static inline void
table_once_build(void)
{
    if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE))
        pthread_once(&table_once, table_build);
}

unsigned
cdk_lex_class(const char *w, size_t n)
{
    table_once_build();
    return lookup((const unsigned char *)w, n, lex_maxlen, lex_verify);
}

unsigned
cdk_lex_class_ref(const char *w, size_t n)
{
    unsigned mask = 0;
    size_t l, i;

    for (l = 0; l < NELEM(lex_lists); l++)
        for (i = 0; i < lex_lists[l].count; i++)
            if (n > 0 && cmp(w, n, lex_lists[l].words[i]) == 0)
                mask |= lex_lists[l].mask;
    return mask;
}

static bool
in_class(const char *w, size_t n, unsigned mask)
{
    return (cdk_lex_class(w, n) & mask) != 0;
}

/*
 * Two bytes are the same but for case (lc) when they are equal, or when
 * they differ in bit 0x20 alone and are letters (a and A); no table is
 * read for the bytes that are equal, most of those compared.
 */
bool
cdk_lex_eq(const char *w, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)s[i];
        if (a == b) {
            if (!b) /* s ended */
                return false;
            continue;
        }
        if ((a ^ b) != 0x20 || (unsigned char)((a | 0x20) - 'a') > 'z' - 'a')
            return false;
    }
    return s[n] == '\0';
}

/* cdk_lex_eq as it was first written: the reference of the tests. */
bool
cdk_lex_eq_ref(const char *w, size_t n, const char *s)
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
    return in_class(w, n, CDK_LEX_STOP);
}

bool
cdk_lex_pronoun_subject(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_PRONOUN);
}

bool
cdk_lex_speech_verb(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_SPEECH);
}

bool
cdk_lex_verbish(const char *w, size_t n)
{
    return cdk_lex_verbish_cls(w, n, cdk_lex_class(w, n));
}

bool
cdk_lex_verbish_cls(const char *w, size_t n, unsigned cls)
{
    /* (with their lengths: most words are compared with none) */
    static const struct {
        const char *w;
        size_t n;
    } not_verbs[] = {
#define NV(s) {s, sizeof(s) - 1}
        NV("bed"),  NV("breed"), NV("creed"), NV("feed"), NV("greed"),
        NV("hundred"), NV("indeed"), NV("need"), NV("red"), NV("seed"),
        NV("shed"), NV("speed"),
#undef NV
    };
#define NOT_VERB_MAX 7 /* "hundred" */
    size_t i;

    if (cls & (CDK_LEX_VERB | CDK_LEX_SPEECH))
        return true;
    /* Regular past tense: "visited", "established" (not "hundred").
     * (b | 0x20 == 'e' holds for 'e' and 'E' alone, as lc(b) == 'e') */
    if (n >= 5 && (w[n - 2] | 0x20) == 'e' && (w[n - 1] | 0x20) == 'd' &&
        !(w[0] >= 'A' && w[0] <= 'Z')) {
        if (n > NOT_VERB_MAX) /* longer than any not-verb */
            return true;
        for (i = 0; i < NELEM(not_verbs); i++)
            if (not_verbs[i].n == n && cdk_lex_eq(w, n, not_verbs[i].w))
                return false;
        return true;
    }
    return false;
}

bool
cdk_lex_outlet(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_OUTLET);
}

bool
cdk_lex_org_word(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_ORG);
}

bool
cdk_lex_anon_word(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_ANON);
}

bool
cdk_lex_hedge(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_HEDGE);
}

bool
cdk_lex_opinion(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_OPINION);
}

bool
cdk_lex_determiner(const char *w, size_t n)
{
    return in_class(w, n, CDK_LEX_DET);
}

/* Does the byte p[i], between word bytes, join them into one word? An
 * inner ' - . & does ("don't", "Jean-Paul", "AT&T"), '.' only in "3.5"
 * and "U.S.". Shared by both tokenizers. */
static inline bool
joins_word(const unsigned char *p, size_t i, size_t len)
{
    unsigned char c = p[i];

    return (c == '\'' || c == '-' || c == '.' || c == '&') && i + 1 < len &&
           (ctype[p[i + 1]] & CT_WORD) &&
           !(c == '.' && !(ctype[p[i + 1]] & CT_DIGIT) &&
             !(i + 2 < len && p[i + 2] == '.'));
}

#if !LEX_SWAR
/*
 * The word whose first byte is p[st]: its end, and the classes of its
 * bytes in *acc. A byte that is no word byte ends the word unless
 * joins_word says it joins two runs of them (CT_JOIN first, so a space
 * or a comma costs one test). fence: one past the last byte of p[0..len)
 * that is no word byte (0 when none); a run of word bytes that starts
 * before it ends before it, so its bytes are read without testing the
 * end of the text. (The byte-at-a-time scan: word_end_swar's tail, and
 * the whole of it where the machine is not little-endian.)
 */
static inline size_t
word_end(const unsigned char *p, size_t st, size_t len, size_t fence,
         unsigned *acc)
{
    size_t i = st;
    unsigned a = 0, x;

    for (;;) {
        if (i < fence) {
            while ((x = ctype[p[i]]) & CT_WORD) {
                a |= x;
                i++;
            }
        } else {
            while (i < len && ((x = ctype[p[i]]) & CT_WORD)) {
                a |= x;
                i++;
            }
            if (i >= len)
                break;
        }
        if (!(ctype[p[i]] & CT_JOIN) || !joins_word(p, i, len))
            break;
        i++;
    }
    *acc = a;
    return i;
}
#endif

#if LEX_SWAR
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The high bit of each byte of l (bytes below 0x80) that is in [lo, hi]:
 * the sums stay inside their byte. */
static inline uint64_t
range64(uint64_t l, unsigned lo, unsigned hi)
{
    return (l + (0x80u - lo) * ONES) & ~(l + (0x7Fu - hi) * ONES);
}

/*
 * The classes of the eight bytes of w as high bits: *u ASCII capitals,
 * *lw lower case, *d digits (a byte >= 0x80 is a word byte of no case).
 * Returns the high bits of the bytes that are no word bytes.
 */
static inline uint64_t
chunk_classes(uint64_t w, uint64_t *u, uint64_t *lw, uint64_t *d)
{
    uint64_t l = w & ~HIGHS, ascii = ~w & HIGHS;

    *u = range64(l, 'A', 'Z') & ascii;
    *lw = range64(l, 'a', 'z') & ascii;
    *d = range64(l, '0', '9') & ascii;
    return ~(*u | *lw | *d | w) & HIGHS;
}

/*
 * word_end eight bytes at a step, p[i..i+8) loaded whole while it lies
 * in the text (the rest byte by byte): each byte's class as a high bit
 * (ASCII digit, capital, lower case; a byte >= 0x80 is a word byte of
 * no case), the first byte that is no word byte found by counting zero
 * bits. A word ends at a byte that varies from word to word; one test
 * per eight bytes instead of per byte spares the branch predictor most
 * of its misses. *first8: the word's first 8 bytes as loaded (for its
 * key), valid when the word fits in them and the load was made (the
 * return value is then at most st + 8 and *loaded true).
 */
static inline size_t
word_end_swar(const unsigned char *p, size_t st, size_t len, unsigned *acc,
              uint64_t *first8, bool *loaded)
{
    uint64_t up = 0, low = 0, dig = 0;
    size_t i = st;
    unsigned tail;

    *loaded = false;
    for (;;) {
        while (i + 8 <= len) {
            uint64_t w, u, lw, d, stop;
            memcpy(&w, p + i, 8);
            stop = chunk_classes(w, &u, &lw, &d);
            if (i == st) {
                *first8 = w;
                *loaded = true;
            }
            if (stop) {
                uint64_t below = (stop & (0 - stop)) - 1;
                up |= u & below;
                low |= lw & below;
                dig |= d & below;
                i += (size_t)__builtin_ctzll(stop) / 8;
                goto ended;
            }
            up |= u;
            low |= lw;
            dig |= d;
            i += 8;
        }
        /* the last bytes of the text */
        tail = 0;
        while (i < len && (ctype[p[i]] & CT_WORD))
            tail |= ctype[p[i++]];
        up |= tail & CT_UPPER;
        low |= tail & CT_LOWER;
        dig |= tail & CT_DIGIT;
        if (i >= len)
            break;
    ended:
        if (!(ctype[p[i]] & CT_JOIN) || !joins_word(p, i, len))
            break;
        i++;
    }
    *acc = (up ? CT_UPPER : 0) | (low ? CT_LOWER : 0) | (dig ? CT_DIGIT : 0);
    return i;
}
#endif

/* The tokens a first allocation has room for (a sentence of about 1 KB). */
#define TOKS_FIRST 256

/*
 * The tokenizer; `classed`: each word's cls is its cdk_lex_class. The
 * token array and its count are kept in locals while it runs (stores
 * to a token could otherwise be taken to change out->n or out->v).
 * cdk_lex_tokenize_ref is the plain version it must agree with.
 */
static inline void
tokenize(const char *s, size_t len, struct cdk_toks *out, bool classed)
{
    const unsigned char *p = (const unsigned char *)s;
    struct cdk_tok *v;
    size_t i = 0, nt = 0, alloc, maxlen = 0, fence;

    if (classed) {
        table_once_build();
        maxlen = lex_maxlen;
        if (lex_verify) {
            /* the keys would not decide (see word_key): the slow way */
            cdk_lex_tokenize_ref(s, len, out);
            for (i = 0; i < out->n; i++)
                if (out->v[i].word)
                    out->v[i].cls = cdk_lex_class_ref(
                        s + out->v[i].start, out->v[i].end - out->v[i].start);
            return;
        }
    }
    /*
     * One allocation for a typical sentence (a token per 4 bytes or so),
     * and at first room for most sentences: a buffer reused from sentence
     * to sentence then grows once, not every time a longer one comes.
     */
    CDK_ALLOC_GROW(out->v,
                   len / 4 + 16 > TOKS_FIRST ? len / 4 + 16 : TOKS_FIRST,
                   out->alloc);
    v = out->v;
    alloc = out->alloc;
    /* one past the last byte that is no word byte (see word_end) */
    fence = 0;
    if (!LEX_SWAR)
        for (fence = len; fence > 0 && (ctype[p[fence - 1]] & CT_WORD);
             fence--)
            ;
    while (i < len) {
        unsigned c = p[i], acc;
        size_t st = i, n;
        struct cdk_tok *t;
        uint64_t first8 = 0;
        bool loaded = false;

        if (c == ' ') {
            i++;
            continue;
        }
        if (nt == alloc) {
            CDK_ALLOC_GROW(out->v, nt + 1, out->alloc);
            v = out->v;
            alloc = out->alloc;
        }
        t = &v[nt++];
        t->start = st;
        if (!(ctype[c] & CT_WORD)) {
            t->end = ++i;
            t->word = t->cap = t->upper = t->digit = false;
            t->cls = 0;
            continue;
        }
#if LEX_SWAR
        /*
         * Most words end inside their first eight bytes at a byte that
         * joins nothing: one load tells where, the classes of the word's
         * bytes and its key, without a branch per byte.
         */
        if (st + 8 <= len) {
            uint64_t u, lw, d, stop, below, ub;
            memcpy(&first8, p + st, 8);
            stop = chunk_classes(first8, &u, &lw, &d);
            if (stop) {
                i = st + (size_t)__builtin_ctzll(stop) / 8;
                if (!(ctype[p[i]] & CT_JOIN) || !joins_word(p, i, len)) {
                    below = (stop & (0 - stop)) - 1; /* the word's bytes */
                    ub = u & below;
                    t->end = i;
                    t->word = true;
                    t->digit = (d & below) != 0;
                    t->cap = (u & 0x80) != 0;
                    /* 2+ capitals, no lower case */
                    t->upper = !(lw & below) && (ub & (ub - 1)) != 0;
                    n = i - st;
                    t->cls = n - 1 < maxlen
                                 ? lookup_key(key_short(first8, n), 0, n)
                                 : 0;
                    if (i < len && p[i] == ' ')
                        i++;
                    continue;
                }
            }
        }
        i = word_end_swar(p, st, len, &acc, &first8, &loaded);
#else
        i = word_end(p, st, len, fence, &acc);
#endif
        t->end = i;
        t->word = true;
        t->digit = (acc & CT_DIGIT) != 0;
        t->cap = (ctype[c] & CT_UPPER) != 0;
        /* "upper" is 2+ letters, none lower: letters are counted only
         * for a word with capitals and no lower case (the inner ' - . &
         * are no letters) */
        t->upper = false;
        if ((acc & CT_UPPER) && !(acc & CT_LOWER)) {
            size_t j, letters = 0;
            for (j = st; j < i && letters < 2; j++)
                letters += (ctype[p[j]] & CT_UPPER) != 0;
            t->upper = letters >= 2;
        }
        n = i - st;
        if (n - 1 >= maxlen) /* no word, or longer than any listed */
            t->cls = 0;
#if LEX_SWAR
        else if (loaded) {
            /* word_key from loads inside the text: the first eight bytes
             * (all of them or the word's), and for a longer word its
             * last eight (n <= maxlen <= 16 here) */
            uint64_t last8, mask = ~0ULL >> (64 - 8 * (n < 8 ? n : 8));
            memcpy(&last8, p + st + (n > 8 ? n - 8 : 0), 8);
            t->cls = lookup_key((first8 | FOLD) & mask,
                                n > 8 ? last8 | FOLD : 0, n);
        }
#endif
        else
            t->cls = lookup(p + st, n, maxlen, false);
        /* (the space after a word, skipped here, saves a round) */
        if (i < len && p[i] == ' ')
            i++;
    }
    out->n = nt;
}

void
cdk_lex_tokenize(const char *s, size_t len, struct cdk_toks *out)
{
    tokenize(s, len, out, false);
}

void
cdk_lex_tokenize_cls(const char *s, size_t len, struct cdk_toks *out)
{
    tokenize(s, len, out, true);
}

void
cdk_lex_tokenize_ref(const char *s, size_t len, struct cdk_toks *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    out->n = 0;
    while (i < len) {
        unsigned c = p[i], acc;
        struct cdk_tok *t;

        if (c == ' ') {
            i++;
            continue;
        }
        CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
        t = &out->v[out->n++];
        t->start = i;
        t->cls = 0;
        if (!(ctype[c] & CT_WORD)) {
            t->end = ++i;
            t->word = t->cap = t->upper = t->digit = false;
            continue;
        }
        acc = 0;
        for (;;) {
            unsigned ct;
            while (i < len && ((ct = ctype[p[i]]) & CT_WORD)) {
                acc |= ct;
                i++;
            }
            if (i >= len)
                break;
            if (joins_word(p, i, len))
                i++;
            else
                break;
        }
        t->end = i;
        t->word = true;
        t->digit = (acc & CT_DIGIT) != 0;
        t->cap = (ctype[p[t->start]] & CT_UPPER) != 0;
        t->upper = false;
        if ((acc & CT_UPPER) && !(acc & CT_LOWER)) {
            size_t j, letters = 0;
            for (j = t->start; j < i && letters < 2; j++)
                letters += (ctype[p[j]] & CT_UPPER) != 0;
            t->upper = letters >= 2;
        }
    }
}

bool
cdk_toks_range(const char *t, size_t n, const struct cdk_toks *tk, size_t a,
               size_t len, size_t *k0, size_t *k1)
{
    const unsigned char *p = (const unsigned char *)t;
    size_t e = a + len, k;

    if (len == 0 || e > n)
        return false;
    /*
     * Tokenizing t[a..e) alone reads no byte at or past e where
     * tokenizing all of t would decide differently, as long as t[e] is
     * not a word byte (no word and no inner ' - . & runs on into it) and
     * is not the second '.' of "x.y." (the only look two bytes ahead).
     */
    if (e < n && ((ctype[p[e]] & CT_WORD) ||
                  (p[e] == '.' && e >= 2 && p[e - 2] == '.')))
        return false;
    /* ... and a must start a token (where the tokenizer starts afresh) */
    k = cdk_toks_first_at(tk, a);
    if (k >= tk->n || tk->v[k].start != a)
        return false;
    *k0 = k;
    /* ... and no token may run past e: tokens are in order and apart,
     * so only the last one starting before e could */
    k = cdk_toks_first_at(tk, e);
    if (tk->v[k - 1].end > e) /* (k > *k0: token *k0 starts before e) */
        return false;
    *k1 = k;
    return true;
}

bool
cdk_toks_slice(const char *t, size_t n, const struct cdk_toks *tk, size_t a,
               size_t len, struct cdk_toks *out)
{
    size_t k0, k1, k;

    if (!cdk_toks_range(t, n, tk, a, len, &k0, &k1))
        return false;
    CDK_ALLOC_GROW(out->v, k1 - k0 + 1, out->alloc);
    for (k = k0; k < k1; k++) {
        out->v[k - k0] = tk->v[k];
        out->v[k - k0].start -= a;
        out->v[k - k0].end -= a;
    }
    out->n = k1 - k0;
    return true;
}

void
cdk_toks_release(struct cdk_toks *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->alloc = 0;
}
