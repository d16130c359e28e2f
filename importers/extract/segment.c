/*
 * Sentence segmentation in one left-to-right pass over the bytes.
 *
 * A terminal cluster ('.', '!', '?', an ellipsis, with any closing quotes
 * and brackets glued to it) does not end a sentence by itself: it leaves a
 * *pending* boundary with a class (plain word, number, title such as
 * "Mr.", multi-period abbreviation such as "U.S.", "a.m.", initial, ...).
 * The decision is taken at the next non-space character, from what that
 * character is (lowercase letter, capital, digit, opening quote) and, for
 * the ambiguous classes, whether the next word is a typical sentence
 * starter ("The", "He", "How" end "the U.S."; "Government" does not).
 * Whitespace runs are consumed whole: a blank line always ends a
 * sentence, a single newline ends one unless the next line plainly
 * continues it (lowercase after a capitalised line or after a trailing
 * space, or the line ended in a comma). List markers ("1.)", "2)", "b.",
 * bullets) are recognised at a sentence start and split a sentence when
 * the next marker in sequence appears inside it.
 *
 * Every look-around is bounded by a small constant (a word, a few quotes),
 * whitespace and terminal runs are consumed once, so the pass is linear
 * whatever the input; bytes that are not valid UTF-8 are plain symbols.
 */
#include "segment.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/utf8.h"

#define NONE ((size_t)-1)
#define WORD_MAX 40 /* longest word looked at around a period */

/* What a pending terminal cluster is. */
enum pend {
    P_NONE = 0,
    P_NORMAL,  /* period after an ordinary word */
    P_NUM,     /* period after a digit: "$100.00." */
    P_NO,      /* "No." / "N°." : not a boundary before a digit */
    P_TITLE,   /* "Mr.", "Gov.": never a boundary */
    P_STARTER, /* "Inc.", "Jan.", "St.", "U.S.": a boundary before "The" */
    P_EG,      /* "e.g.", "i.e.": never a boundary */
    P_ETC,     /* "etc.": a boundary before any capital */
    P_AMPM,    /* "a.m.", "P.M." */
    P_INITIAL, /* "E." in "Jonas E. Smith" */
    P_PRONOUN, /* "I." after a lowercase word: "you and I." */
    P_EXCL,    /* '!' or '?' runs */
    P_ELL3,    /* "...", "…": a boundary before a capital */
    P_ELL4,    /* "....", ". . . .": a boundary before a capital or digit */
};

/* What follows a gap. */
enum next {
    N_END = 0,
    N_LOWER,
    N_UPPER,
    N_DIGIT,
    N_CONT,  /* ',', ';', ':', ')': the sentence goes on */
    N_OTHER, /* a symbol, a letter without case */
};

enum list_kind { L_NONE = 0, L_NUM, L_ALPHA };

struct seg {
    const unsigned char *t;
    size_t len;
    struct cdk_spans *out;
    size_t first_out; /* spans before this index belong to earlier calls */

    size_t start;     /* first byte of the current sentence, or NONE */
    size_t last;      /* end of its last non-space character */
    size_t words;     /* whitespace-separated tokens in it */
    size_t content;   /* tokens holding a letter or digit */
    int cap;          /* its first letter: 0 none yet, 1 capital/digit, 2 lower */
    bool has_word;    /* it holds a letter or digit */
    bool tok_start;   /* the next non-space byte starts a token */
    bool tok_counted; /* the current token was counted in `content` */

    bool gap;         /* whitespace since the last non-space byte */
    int gap_nl;       /* newlines in that whitespace (capped at 2) */
    bool gap_sp_nl;   /* a space or tab came before its first newline */
    bool para;        /* a blank line since the last sentence was emitted */

    enum pend pend;   /* candidate boundary at `last`, decided later */
    size_t pend_word; /* start of the word before a period (for P_INITIAL) */

    enum list_kind list;
    unsigned list_next;

    size_t url_tok;   /* token whose URL-ness is cached, or NONE */
    bool url;

    bool plain;       /* no word-run fast path in step() (the reference) */
};

/* ------------------------------------------------------------------ */
/* Word lists. Each is sorted (strcmp order) for bsearch.              */

static const char *const titles[] = {
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "DR",
    "Det", "GOV", "Gen", "Gov", "Hon", "Insp", "Lt", "MR", "MRS", "MS", "Maj",
    "Messrs", "Mme", "Mmes", "Mr", "Mrs", "Ms", "Msgr", "Pres", "Prof", "Pvt",
    "REP", "Rep", "Reps", "Rev", "SEN", "Sen", "Sens", "Sgt", "Supt",
};

/* Abbreviations after which a sentence ends only before a starter word. */
static const char *const starter_abbrevs[] = {
    "Ala", "Apr", "Ariz", "Ark", "Assn", "Aug", "Ave", "Blvd", "Bros", "CO",
    "CORP", "Calif", "Co", "Colo", "Conn", "Corp", "Dec", "Del", "Dept", "Dr",
    "FT", "Feb", "Fig", "Fla", "Fri", "Ft", "Ga", "Govt", "Hwy", "INC", "Ill",
    "Inc", "Ind", "Intl", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "LTD", "La",
    "Ltd", "MT", "Mar", "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mon",
    "Mont", "Mt", "Natl", "Neb", "Nev", "Nov", "Oct", "Okla", "Ore", "Pa",
    "Ph", "Plc", "Rd", "ST", "Sat", "Sep", "Sept", "Sr", "St", "Sun", "Tenn",
    "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Va", "Vol", "Vt", "Wed",
    "Wis", "Wyo", "al", "approx", "ca", "co", "corp", "dept", "est", "fig",
    "figs", "ft", "hr", "hrs", "inc", "jr", "lb", "lbs", "ltd", "min", "mins",
    "mo", "mos", "mph", "oz", "pp", "pt", "sq", "sr", "st", "vol", "vols",
    "vs", "yr", "yrs",
};

/* Never a sentence end, whatever follows. */
static const char *const eg_abbrevs[] = {
    "cf", "viz",
};

/*
 * Capitalised words that typically open a sentence: after an ambiguous
 * abbreviation ("the U.S.", "Inc.", "co.") they mean a new sentence.
 * Left out on purpose: words that also follow those abbreviations inside
 * a name ("First Lady", "Under Secretary", "Today").
 */
static const char *const starters[] = {
    "A",        "About",     "According", "After",      "Afterwards",
    "Again",    "Against",   "All",       "Almost",     "Along",
    "Already",  "Also",      "Although",  "Always",     "Among",
    "An",       "And",       "Another",   "Any",        "Anyone",
    "Anything", "Are",       "As",        "At",         "Because",
    "Before",   "Being",     "Besides",   "Both",       "But",
    "By",       "Can",       "Could",     "Despite",    "Did",
    "Do",       "Does",      "During",    "Each",       "Earlier",
    "Either",   "Even",      "Every",     "Everyone",   "Everything",
    "Few",      "Finally",   "For",       "From",       "Furthermore",
    "Had",      "Has",       "Have",      "He",         "Her",
    "Here",     "His",       "How",       "However",    "I",
    "If",       "In",        "Indeed",    "Instead",    "Is",
    "It",       "Its",       "Just",      "Last",       "Later",
    "Many",     "Meanwhile", "Millions",  "More",       "Moreover",
    "Most",     "Much",      "My",        "Neither",    "Never",
    "Nevertheless", "No",    "Nobody",    "None",       "Nor",
    "Not",      "Nothing",   "Now",       "Of",         "On",
    "Once",     "Only",      "Or",        "Other",      "Others",
    "Our",      "Perhaps",   "Several",   "She",        "Since",
    "So",       "Some",      "Someone",   "Something",  "Still",
    "Such",     "That",      "The",       "Their",      "Then",
    "There",    "These",     "They",      "This",       "Those",
    "Though",   "Thus",      "To",        "Tomorrow",   "Tonight",
    "Unless",   "Until",     "Upon",      "We",         "Were",
    "What",     "Whatever",  "When",      "Where",      "Whether",
    "Which",    "While",     "Who",       "Whom",       "Whose",
    "Why",      "With",      "Within",    "Without",    "Yes",
    "Yesterday", "Yet",      "You",       "Your",
};

/* After "a.m."/"p.m." these continue the sentence: "10 a.m. Tuesday". */
static const char *const time_followers[] = {
    "April",    "August",   "BST",     "CDT",     "CEST",    "CET",
    "CST",      "Central",  "December", "EDT",    "EST",     "ET",
    "Eastern",  "February", "Friday",  "GMT",     "January", "July",
    "June",     "MDT",      "MST",     "MT",      "March",   "May",
    "Monday",   "Mountain", "November", "October", "PDT",    "PST",
    "PT",       "Pacific",  "Saturday", "September", "Sunday", "Thursday",
    "Tuesday",  "UTC",      "Wednesday",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
in_list(const char *const *list, size_t n, const unsigned char *w,
        size_t wlen)
{
    size_t lo = 0, hi = n;

    if (wlen == 0 || wlen >= WORD_MAX)
        return false;
    /* sorted: a word whose first byte sorts before the first entry's or
     * after the last entry's is in no entry ("said" among the titles) */
    if (w[0] < (unsigned char)list[0][0] ||
        w[0] > (unsigned char)list[n - 1][0])
        return false;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *e = (const unsigned char *)list[mid];
        size_t k = 0;
        int c;

        while (k < wlen && e[k] && e[k] == w[k])
            k++;
        if (k == wlen)
            c = e[k] ? 1 : 0; /* the entry is longer: it sorts after w */
        else
            c = (int)e[k] - (int)w[k];
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/*
 * The word before a period is looked up in three lists (titles,
 * eg_abbrevs, starter_abbrevs); most words are in none, and most have a
 * first byte and a length that no entry has. abbrev_len[c] has bit k set
 * when an entry of one of the lists starts with byte c and is k bytes
 * long: a word of fewer than 16 bytes without its bit is in none.
 */
static uint16_t abbrev_len[256];
static pthread_once_t abbrev_once = PTHREAD_ONCE_INIT;

static void
abbrev_mark(const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        size_t k = strlen(list[i]);
        /* (an entry of 16 bytes or more would let every length through) */
        abbrev_len[(unsigned char)list[i][0]] |=
            k < 16 ? (uint16_t)(1u << k) : (uint16_t)0xFFFF;
    }
}

static void
abbrev_build(void)
{
    abbrev_mark(titles, NELEM(titles));
    abbrev_mark(eg_abbrevs, NELEM(eg_abbrevs));
    abbrev_mark(starter_abbrevs, NELEM(starter_abbrevs));
}

/* Could w[0..wlen) be in titles, eg_abbrevs or starter_abbrevs? */
static bool
maybe_abbrev(const unsigned char *w, size_t wlen)
{
    pthread_once(&abbrev_once, abbrev_build);
    return wlen == 0 || wlen >= 16 || (abbrev_len[w[0]] >> wlen & 1u);
}

/* ------------------------------------------------------------------ */
/* Character classes.                                                  */

static bool
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static bool
is_alpha(unsigned char c)
{
    return is_upper(c) || is_lower(c);
}

static bool
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool
is_alnum(unsigned char c)
{
    return is_alpha(c) || is_digit(c);
}

static uint32_t
cp_at(const struct seg *s, size_t i, size_t *w)
{
    uint32_t cp;

    *w = cdk_utf8_next((const char *)s->t + i, s->len - i, &cp);
    return cp;
}

/*
 * Width of the whitespace character at i (0 when it is not one); *nl gets
 * 1 for a line break, 2 for a paragraph separator.
 */
static size_t space_at_wide(const struct seg *s, size_t i, int *nl);

/* Inline for the bytes below 0xC2 (asked about every byte); the
 * multi-byte spaces in space_at_wide. */
static inline size_t
space_at(const struct seg *s, size_t i, int *nl)
{
    unsigned char c = s->t[i];

    *nl = 0;
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
        return 1;
    if (c == '\n') {
        *nl = 1;
        return 1;
    }
    if (c == '\r') {
        *nl = (i + 1 < s->len && s->t[i + 1] == '\n') ? 0 : 1;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    return space_at_wide(s, i, nl);
}

static size_t
space_at_wide(const struct seg *s, size_t i, int *nl)
{
    uint32_t cp;
    size_t w;

    cp = cp_at(s, i, &w);
    if (cp == 0x2028)
        *nl = 1;
    else if (cp == 0x2029)
        *nl = 2;
    else if (!(cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
               cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
               cp == 0xFEFF))
        return 0;
    return w;
}

/* Letters of scripts with case; everything else is "no case". */
static int
cp_case(uint32_t cp)
{
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
        return 1;
    if ((cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
        (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F))
        return 2;
    if (cp >= 0x100 && cp <= 0x17F)
        return (cp & 1) ? 2 : 1;
    return 0;
}

/* Punctuation and symbols: they do not make a sentence out of nothing. */
static bool
cp_is_symbol(uint32_t cp)
{
    return cp == 0xFFFD || (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 ||
           cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || cp >= 0xFFF0;
}

static bool
cp_is_bullet(uint32_t cp)
{
    return cp == 0x2022 || cp == 0x2023 || cp == 0x2043 || cp == 0x25AA ||
           cp == 0x25A0 || cp == 0x25CF || cp == 0x25E6 || cp == 0x2219;
}

/* Width of a bullet at i, or 0. */
static size_t
bullet_at(const struct seg *s, size_t i)
{
    size_t w;

    if (s->t[i] < 0xC2)
        return 0;
    return cp_is_bullet(cp_at(s, i, &w)) ? w : 0;
}

/* Width of an opening quote or bracket at i, or 0; *paren when a bracket. */
static size_t
opener_at(const struct seg *s, size_t i, bool *paren)
{
    unsigned char c = s->t[i];
    uint32_t cp;
    size_t w;

    if (c == '(' || c == '[' || c == '{') {
        *paren = true;
        return 1;
    }
    if (c == '"' || c == '\'')
        return 1;
    if (c < 0xC2)
        return 0;
    cp = cp_at(s, i, &w);
    if (cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E ||
        cp == 0x201A)
        return w;
    return 0;
}

/* Width of a closing quote or bracket at i glued to a terminal, or 0. */
static size_t
closer_at(const struct seg *s, size_t i)
{
    unsigned char c = s->t[i];
    uint32_t cp;
    size_t w;

    if (c == '"' || c == ')' || c == ']' || c == '}')
        return 1;
    if (c == '\'')
        return (i + 1 < s->len && is_alpha(s->t[i + 1])) ? 0 : 1;
    if (c < 0xC2)
        return 0;
    cp = cp_at(s, i, &w);
    if (cp == 0x201D || cp == 0xBB)
        return w;
    if (cp == 0x2019) /* also the apostrophe: "Jr.’s" */
        return (i + w < s->len && is_alpha(s->t[i + w])) ? 0 : w;
    return 0;
}

/* Width of U+2026 HORIZONTAL ELLIPSIS at i, or 0. */
static size_t
hellip_at(const struct seg *s, size_t i)
{
    if (i + 2 < s->len && s->t[i] == 0xE2 && s->t[i + 1] == 0x80 &&
        s->t[i + 2] == 0xA6)
        return 3;
    return 0;
}

/* Width of a sentence-final CJK/fullwidth mark at i, or 0. */
static size_t
wide_term_at(const struct seg *s, size_t i)
{
    uint32_t cp;
    size_t w;

    if (s->t[i] != 0xE3 && s->t[i] != 0xEF)
        return 0;
    cp = cp_at(s, i, &w);
    return (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) ? w : 0;
}

/* ------------------------------------------------------------------ */
/* Looking around.                                                     */

/*
 * Classify what starts at i (after a gap): opening quotes and brackets
 * are skipped (*paren tells whether a bracket was), a spaced ellipsis
 * ". . ." is looked through. [*wb, *we) is the next word when it is a
 * run of ASCII letters.
 */
static enum next
next_at(const struct seg *s, size_t i, bool *paren, size_t *wb, size_t *we)
{
    const unsigned char *t = s->t;
    size_t j = i, w, k;
    bool dots = false;
    int nl;
    uint32_t cp;

    *paren = false;
    *wb = *we = i;
again:
    for (k = 0; k < 8 && j < s->len && (w = opener_at(s, j, paren)); k++)
        j += w;
    if (j >= s->len)
        return N_END;
    if (t[j] == '.' && !dots) {
        /* ". . . The": look through the dots and the spaces between them */
        dots = true;
        for (k = 0; k < 32 && j < s->len && (t[j] == '.' || t[j] == ' ');
             k++)
            j++;
        for (k = 0; k < 8 && j < s->len && (w = closer_at(s, j)); k++)
            j += w;
        for (k = 0; k < 16 && j < s->len && (w = space_at(s, j, &nl)); k++)
            j += w;
        goto again;
    }
    if (is_alpha(t[j])) {
        *wb = j;
        for (k = j; k < s->len && k - j < WORD_MAX && is_alpha(t[k]); k++)
            ;
        *we = k;
        return is_upper(t[j]) ? N_UPPER : N_LOWER;
    }
    if (is_digit(t[j]))
        return N_DIGIT;
    if (t[j] == ',' || t[j] == ';' || t[j] == ':' || t[j] == ')' ||
        t[j] == ']' || t[j] == '}' || t[j] == '%')
        return N_CONT;
    if (t[j] < 0x80)
        return N_OTHER;
    cp = cp_at(s, j, &w);
    switch (cp_case(cp)) {
    case 1:
        return N_UPPER;
    case 2:
        return N_LOWER;
    default:
        return N_OTHER;
    }
}

/*
 * Whether the word ending before position e within the current sentence
 * starts with a capital: 1 capital, 2 lowercase, 0 no word. Skips the
 * spaces before e.
 */
static int
prev_word_case(const struct seg *s, size_t e)
{
    size_t k, b;

    for (k = 0; k < 8 && e > s->start && e > 0; k++) {
        if (s->t[e - 1] == ' ' || s->t[e - 1] == '\t' || s->t[e - 1] == ',')
            e--;
        else
            break;
    }
    if (e <= s->start || e == 0)
        return 0;
    b = e;
    while (b > s->start && e - b < WORD_MAX && s->t[b - 1] != ' ' &&
           s->t[b - 1] != '\t' && s->t[b - 1] != '\n')
        b--;
    while (b < e && !is_alnum(s->t[b]) && s->t[b] < 0x80)
        b++; /* quotes and brackets before the word */
    if (b >= e)
        return 0;
    if (is_upper(s->t[b]) || is_digit(s->t[b]))
        return 1;
    if (is_lower(s->t[b]))
        return 2;
    return 1;
}

/* Does the whitespace-delimited token holding i look like a URL/e-mail? */
static bool
token_is_url(struct seg *s, size_t i)
{
    size_t b = i, e;
    int nl, dots = 0;

    /* find the token start, at most WORD_MAX*4 back: long tokens are URLs */
    while (b > 0 && i - b < 4 * WORD_MAX && !space_at(s, b - 1, &nl))
        b--;
    if (b > 0 && !space_at(s, b - 1, &nl))
        return true;
    if (s->url_tok == b)
        return s->url;
    s->url_tok = b;
    s->url = false;
    for (e = b; e < s->len && e - b < 4 * WORD_MAX && !space_at(s, e, &nl);
         e++) {
        /* "a@b", "a/b", "www.", or two inner periods as in "Halo.Bungie.net" */
        if (s->t[e] == '@' || s->t[e] == '/' ||
            (e - b == 3 && memcmp(s->t + b, "www", 3) == 0)) {
            s->url = true;
            break;
        }
        if (s->t[e] == '.' && e > b && is_alpha(s->t[e - 1]) &&
            e + 1 < s->len && is_alpha(s->t[e + 1]) && ++dots >= 2) {
            s->url = true;
            break;
        }
    }
    return s->url;
}

/*
 * A list marker at i: "12." "12)" "12.)" or "b." "b)" followed by
 * whitespace. Returns its width and stores the kind and value.
 */
static size_t
marker_at(const struct seg *s, size_t i, enum list_kind *kind,
          unsigned *value)
{
    const unsigned char *t = s->t;
    size_t j = i;
    unsigned v = 0;
    int nl;

    if (j < s->len && is_digit(t[j])) {
        while (j < s->len && is_digit(t[j]) && j - i < 2)
            v = v * 10 + (unsigned)(t[j++] - '0');
        *kind = L_NUM;
    } else if (j < s->len && is_lower(t[j])) {
        v = t[j++];
        *kind = L_ALPHA;
    } else {
        return 0;
    }
    if (j >= s->len)
        return 0;
    if (t[j] == '.' && j + 1 < s->len && t[j + 1] == ')')
        j += 2;
    else if (t[j] == '.' || t[j] == ')')
        j++;
    else
        return 0;
    if (j >= s->len || !space_at(s, j, &nl))
        return 0;
    *value = v;
    return j - i;
}

/* ------------------------------------------------------------------ */
/* Classifying a single period.                                        */

static enum pend
period_class(struct seg *s, size_t i)
{
    const unsigned char *t = s->t;
    size_t b = i, wlen, k, n;

    s->pend_word = i;
    while (b > 0 && i - b < WORD_MAX && (is_alpha(t[b - 1]) || t[b - 1] >= 0x80))
        b--;
    wlen = i - b;
    s->pend_word = b;
    if (wlen == 0)
        return (i > 0 && is_digit(t[i - 1])) ? P_NUM : P_NORMAL;
    if (wlen >= 2 && t[i - 2] == 0xC2 && t[i - 1] == 0xB0)
        return P_NO; /* "N°." */
    if (wlen == 1 && is_alpha(t[b])) {
        /* single letters joined by periods: "U.S", "a.m", "e.g" */
        k = b;
        n = 1;
        while (k >= 2 && t[k - 1] == '.' && is_alpha(t[k - 2]) &&
               (k == 2 || !is_alpha(t[k - 3])) && n < 8) {
            k -= 2;
            n++;
        }
        s->pend_word = k;
        if (n == 2 && (t[k] | 0x20) == 'a' && (t[k + 2] | 0x20) == 'm')
            return P_AMPM;
        if (n == 2 && (t[k] | 0x20) == 'p' && (t[k + 2] | 0x20) == 'm')
            return P_AMPM;
        if (n == 2 && ((t[k] == 'e' && t[k + 2] == 'g') ||
                       (t[k] == 'i' && t[k + 2] == 'e')))
            return P_EG;
        if (n >= 2)
            return P_STARTER;
        if (t[b] == 'I' && prev_word_case(s, b) == 2)
            return P_PRONOUN;
        return is_upper(t[b]) ? P_INITIAL : P_STARTER;
    }
    if ((wlen == 2 && (memcmp(t + b, "No", 2) == 0 ||
                       memcmp(t + b, "no", 2) == 0 ||
                       memcmp(t + b, "Nr", 2) == 0)) ||
        (wlen == 3 && (memcmp(t + b, "Nos", 3) == 0 ||
                       memcmp(t + b, "nos", 3) == 0)))
        return P_NO;
    if (wlen == 3 && memcmp(t + b, "etc", 3) == 0)
        return P_ETC;
    if (!maybe_abbrev(t + b, wlen))
        return P_NORMAL; /* in none of the three lists below */
    if (in_list(titles, NELEM(titles), t + b, wlen))
        return P_TITLE;
    if (in_list(eg_abbrevs, NELEM(eg_abbrevs), t + b, wlen))
        return P_EG;
    if (in_list(starter_abbrevs, NELEM(starter_abbrevs), t + b, wlen))
        return P_STARTER;
    return P_NORMAL;
}

/* ------------------------------------------------------------------ */
/* Decisions.                                                          */

/* "end.The": a period glued to a capitalised word in running text. */
static bool
missing_space(struct seg *s, size_t i)
{
    const unsigned char *t = s->t;
    size_t b = s->pend_word, e;

    if (s->pend != P_NORMAL)
        return false;
    if (i + 1 >= s->len || !is_upper(t[i]) || !is_lower(t[i + 1]))
        return false;
    /* the word before must be an ordinary lowercase-ending word */
    for (e = b; e < s->len && is_alpha(t[e]); e++)
        ;
    if (e - b < 2 || !is_lower(t[e - 1]))
        return false;
    return !token_is_url(s, i);
}

static bool
decide_pending(struct seg *s, size_t i)
{
    bool paren, starter;
    size_t wb, we;
    enum next nk;
    bool cut;

    if (!s->gap)
        return missing_space(s, i);
    nk = next_at(s, i, &paren, &wb, &we);
    if (nk == N_LOWER || nk == N_CONT || nk == N_END)
        return false;
    /* the next word a typical sentence starter? (only the ambiguous
     * abbreviations ask) */
    starter = (s->pend == P_STARTER || s->pend == P_INITIAL) &&
              nk == N_UPPER &&
              in_list(starters, NELEM(starters), s->t + wb, we - wb);
    switch (s->pend) {
    case P_NORMAL:
    case P_NUM:
    case P_EXCL:
        cut = true;
        break;
    case P_NO:
        cut = nk != N_DIGIT;
        break;
    case P_TITLE:
    case P_EG:
        cut = false;
        break;
    case P_STARTER:
        cut = starter;
        break;
    case P_ETC:
        cut = nk != N_DIGIT;
        break;
    case P_AMPM:
        /* "At 5 a.m. Mr. Smith went": a leading time is no sentence */
        cut = nk != N_DIGIT && s->words > 3 &&
              !(nk == N_UPPER && in_list(time_followers, NELEM(time_followers),
                                         s->t + wb, we - wb));
        break;
    case P_INITIAL:
        cut = starter && prev_word_case(s, s->pend_word) == 2;
        break;
    case P_PRONOUN:
        cut = true;
        break;
    case P_ELL3:
        cut = nk == N_UPPER && !paren;
        break;
    case P_ELL4:
        cut = nk == N_UPPER || nk == N_DIGIT;
        break;
    default:
        cut = false;
        break;
    }
    /* a line break before a capital settles the ambiguous cases */
    if (!cut && s->gap_nl && nk == N_UPPER &&
        (s->pend == P_STARTER || s->pend == P_AMPM || s->pend == P_ETC))
        cut = true;
    return cut;
}

/* A dash or asterisk bullet at the start of a line: "- item". */
static bool
dash_bullet_at(const struct seg *s, size_t i)
{
    unsigned char c = s->t[i];
    size_t w = 1;
    int nl;

    if (c == 0xE2) {
        uint32_t cp = cp_at(s, i, &w);
        if (cp != 0x2013 && cp != 0x2014)
            return false;
    } else if (c != '-' && c != '*') {
        return false;
    }
    return i + w < s->len && space_at(s, i + w, &nl);
}

/* The next marker of the current list at i: "item 2) The second". */
static bool
list_continues(const struct seg *s, size_t i)
{
    enum list_kind kind;
    unsigned value;

    return s->list != L_NONE && marker_at(s, i, &kind, &value) &&
           kind == s->list && value == s->list_next;
}

static bool
decide_gap(struct seg *s, size_t i)
{
    bool paren;
    size_t wb, we;
    enum next nk;
    unsigned char lc;

    if (!s->has_word)
        return false;
    if (bullet_at(s, i) || list_continues(s, i))
        return true;
    if (s->gap_nl) {
        if (dash_bullet_at(s, i))
            return true;
        lc = s->last > 0 ? s->t[s->last - 1] : 0;
        if (lc == ',' || lc == ';')
            return false;
        nk = next_at(s, i, &paren, &wb, &we);
        if (nk == N_CONT)
            return false;
        if (nk == N_LOWER && (s->gap_sp_nl || s->cap == 1))
            return false;
        return true;
    }
    return false;
}

/* Does a sentence end before the non-space character at i? */
static bool
decide(struct seg *s, size_t i)
{
    if (s->pend == P_NONE)
        return s->gap && decide_gap(s, i);
    if (decide_pending(s, i))
        return true;
    /* an abbreviation before a bullet or the next list item */
    return s->gap && s->has_word && (bullet_at(s, i) || list_continues(s, i));
}

/* ------------------------------------------------------------------ */
/* Building the output.                                                */

static void
emit(struct seg *s)
{
    struct cdk_spans *o = s->out;

    if (s->start == NONE)
        return;
    if (!s->has_word && !s->para && o->n > s->first_out &&
        o->v[o->n - 1].end <= s->start) {
        /* a stray ". . ." or "!!" after a sentence stays with it */
        o->v[o->n - 1].end = s->last;
    } else if (s->last > s->start) {
        CDK_ALLOC_GROW(o->v, o->n + 1, o->alloc);
        o->v[o->n].start = s->start;
        o->v[o->n].end = s->last;
        o->n++;
    }
    s->start = NONE;
    s->para = false;
    s->pend = P_NONE;
}

static void
begin(struct seg *s, size_t i)
{
    s->start = i;
    s->last = i;
    s->words = 0;
    s->content = 0;
    s->cap = 0;
    s->has_word = false;
    s->tok_start = true;
    s->tok_counted = false;
    s->pend = P_NONE;
}

/* Consume the whitespace run at i; returns its end. */
static size_t
gap(struct seg *s, size_t i)
{
    size_t j = i, w;
    int nl, nls = 0;
    bool sp = false;

    while (j < s->len && (w = space_at(s, j, &nl))) {
        if (nl && nls == 0)
            sp = j > i;
        nls += nl;
        if (nls > 2)
            nls = 2;
        j += w;
    }
    if (s->start == NONE) {
        if (nls >= 2)
            s->para = true, s->list = L_NONE;
        return j;
    }
    if (nls >= 2) {
        emit(s);
        s->para = true;
        s->list = L_NONE;
        return j;
    }
    s->gap = true;
    s->gap_nl = nls;
    s->gap_sp_nl = sp;
    s->tok_start = true;
    return j;
}

/* A terminal cluster at i ('.', '!', '?', ellipsis); returns its end. */
static size_t
cluster(struct seg *s, size_t i)
{
    const unsigned char *t = s->t;
    size_t j = i, w, dots = 0;
    enum pend kind;
    int nl;

    if (t[i] == '!' || t[i] == '?' || wide_term_at(s, i)) {
        while (j < s->len) {
            if (t[j] == '!' || t[j] == '?')
                j++;
            else if ((w = wide_term_at(s, j)))
                j += w;
            else
                break;
        }
        kind = P_EXCL;
    } else if (t[i] == '.' && (i == 0 || space_at(s, i - 1, &nl) ||
                               t[i - 1] == '[' || t[i - 1] == '(') &&
               i + 2 < s->len && t[i + 1] == ' ' && t[i + 2] == '.') {
        /* a spaced ellipsis ". . ." or ". . . ." */
        j = i + 1;
        dots = 1;
        while (j + 1 < s->len && t[j] == ' ' && t[j + 1] == '.') {
            j += 2;
            dots++;
        }
        kind = dots >= 4 ? P_ELL4 : P_NONE;
    } else {
        while (j < s->len) {
            if (t[j] == '.') {
                j++;
                dots++;
            } else if ((w = hellip_at(s, j))) {
                j += w;
                dots += 3;
            } else {
                break;
            }
        }
        if (dots == 1)
            kind = period_class(s, i);
        else if (dots == 2)
            kind = P_NORMAL;
        else if (dots == 3)
            kind = P_ELL3;
        else
            kind = P_ELL4;
    }
    while (j < s->len && (w = closer_at(s, j)))
        j += w;
    s->pend = kind;
    s->last = j;
    return j;
}

/* Consume a list marker (after optional bullets) at a sentence start. */
static size_t
list_marker(struct seg *s, size_t i)
{
    enum list_kind kind;
    unsigned value;
    size_t j = i, w, m;

    while (j < s->len && (w = bullet_at(s, j)))
        j += w;
    if (j >= s->len)
        return i;
    m = marker_at(s, j, &kind, &value);
    if (!m)
        return i;
    if (kind == L_ALPHA && value != 'a' &&
        !(s->list == L_ALPHA && value == s->list_next))
        return i;
    s->list = kind;
    s->list_next = value + 1;
    return j + m;
}

/*
 * The bytes that end an ASCII run in step(): whitespace (\t \n \v \f \r
 * and the space), the terminals '!' '.' '?', and every byte >= 0x80.
 */
static const unsigned char run_stop[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, /* 0x20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* 0x30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x50 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xA0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xB0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xC0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xD0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xE0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0xF0 */
};

/* The first run_stop byte in t[j..len), or len; four bytes a turn. */
static inline size_t
run_end(const unsigned char *t, size_t j, size_t len)
{
    for (; j + 4 <= len; j += 4) {
        if (run_stop[t[j]])
            return j;
        if (run_stop[t[j + 1]])
            return j + 1;
        if (run_stop[t[j + 2]])
            return j + 2;
        if (run_stop[t[j + 3]])
            return j + 3;
    }
    while (j < len && !run_stop[t[j]])
        j++;
    return j;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES64 0x0101010101010101ULL
#define HIGHS64 0x8080808080808080ULL

/* The high bit of each byte of l (bytes below 0x80) in [lo, hi]. */
static inline uint64_t
range64(uint64_t l, unsigned lo, unsigned hi)
{
    return (l + (0x80u - lo) * ONES64) & ~(l + (0x7Fu - hi) * ONES64);
}

/* The high bits of the run_stop bytes of w. */
static inline uint64_t
stops64(uint64_t w)
{
    uint64_t l = w & ~HIGHS64;
    uint64_t x = range64(l, 0x09, 0x0D) | range64(l, ' ', '!') |
                 range64(l, '.', '.') | range64(l, '?', '?');

    return ((x & ~w) | w) & HIGHS64;
}

/* The high bits of the ASCII letters and digits of w. */
static inline uint64_t
alnum64(uint64_t w)
{
    uint64_t l = w & ~HIGHS64;
    uint64_t x = range64(l, '0', '9') | range64(l | 0x20 * ONES64, 'a', 'z');

    return x & ~w & HIGHS64;
}
#define SEG_SWAR 1
#else
#define SEG_SWAR 0
#endif

/*
 * Where step()'s fast path ends, from j: the first run_stop byte at or
 * after j that is not a space before a letter or digit; *words gets the
 * spaces passed over (each starts a word). Eight bytes at a step while
 * nine are there (a space's next byte is looked at): the end of a word
 * varies from word to word, and a test per byte costs a branch miss
 * per word. The same as run_end, then each " x" gone over, then run_end
 * again (the plain loop below, which the last bytes take).
 */
static inline size_t
words_end(const unsigned char *t, size_t j, size_t len, size_t *words)
{
    size_t k = 0;

#if SEG_SWAR
    for (; j + 9 <= len; j += 8) {
        uint64_t w, w1, pass, bad;
        memcpy(&w, t + j, 8);
        memcpy(&w1, t + j + 1, 8);
        /* spaces whose next byte is a letter or digit */
        pass = range64(w & ~HIGHS64, ' ', ' ') & ~w & HIGHS64 & alnum64(w1);
        bad = stops64(w) & ~pass;
        if (bad) {
            uint64_t m = pass & ((bad & (0 - bad)) - 1);
            *words = k + (size_t)(((m >> 7) * ONES64) >> 56);
            return j + (size_t)__builtin_ctzll(bad) / 8;
        }
        k += (size_t)(((pass >> 7) * ONES64) >> 56);
    }
#endif
    for (; j < len; j++) {
        if (!run_stop[t[j]])
            continue;
        if (t[j] != ' ' || j + 1 >= len || !is_alnum(t[j + 1]))
            break;
        k++;
    }
    *words = k;
    return j;
}

/* Process the non-space character(s) at i; returns the next index. */
static size_t
step(struct seg *s, size_t i)
{
    const unsigned char *t = s->t;
    unsigned char c = t[i];
    size_t w, j;
    uint32_t cp;
    bool alnum = false;

    if (s->tok_start) {
        s->tok_start = false;
        s->tok_counted = false;
        s->words++;
        if (s->content == 0) {
            j = list_marker(s, i);
            if (j > i) {
                s->last = j;
                return j;
            }
        }
    }
    if (c == '.' || c == '!' || c == '?')
        return cluster(s, i);
    if (c >= 0x80) {
        if (hellip_at(s, i) || wide_term_at(s, i))
            return cluster(s, i);
        cp = cp_at(s, i, &w);
        if (!cp_is_symbol(cp)) {
            s->has_word = true;
            if (!s->tok_counted)
                s->content++, s->tok_counted = true;
            if (!s->cap)
                s->cap = cp_case(cp) == 2 ? 2 : 1;
        }
        s->last = i + w;
        return i + w;
    }
    /* an ASCII run up to the next space, terminal or non-ASCII byte */
    j = i;
    while (j < s->len) {
        c = t[j];
        if (run_stop[c])
            break;
        j++;
        if (is_alnum(c)) {
            if (!s->tok_counted) {
                s->content++;
                s->tok_counted = true;
                s->has_word = true;
            }
            if (!s->cap)
                s->cap = is_lower(c) ? 2 : 1;
            /* both are settled now: the rest of the run is only scanned */
            alnum = true;
            break;
        }
    }
    /*
     * The fast path: the next word, one space away, starts with a letter
     * or digit. The main loop would consume the space (gap), find no
     * boundary before the word (decide_gap: the sentence has a word, no
     * bullet, no list going on, no newline; nothing is pending inside an
     * ASCII run) and count the word as a token with content, its case
     * already settled -- so count it here and scan on (words_end). Anything
     * else (a newline, a quote, a terminal, a list) goes back to the main
     * loop.
     */
    if (!s->plain && s->has_word && s->list == L_NONE) {
        size_t k;
        j = words_end(t, j, s->len, &k);
        if (k) {
            s->words += k;
            s->content += k;
            s->tok_counted = true;
        }
    } else if (alnum) {
        j = run_end(t, j, s->len);
    }
    if (j == i)
        j++; /* cannot happen, but never stall */
    s->last = j;
    return j;
}

static void
segment(const char *text, size_t len, bool plain, struct cdk_spans *out)
{
    struct seg s;
    size_t i = 0;
    int nl;

    memset(&s, 0, sizeof(s));
    s.plain = plain;
    s.t = (const unsigned char *)text;
    s.len = text ? len : 0;
    s.out = out;
    s.first_out = out->n;
    s.start = NONE;
    s.url_tok = NONE;
    while (i < s.len) {
        if (space_at(&s, i, &nl)) {
            i = gap(&s, i);
            continue;
        }
        if (s.start == NONE) {
            begin(&s, i);
        } else if (s.pend != P_NONE || s.gap) {
            if (decide(&s, i)) {
                emit(&s);
                begin(&s, i);
            }
            s.pend = P_NONE;
        }
        s.gap = false;
        s.gap_nl = 0;
        s.gap_sp_nl = false;
        i = step(&s, i);
    }
    emit(&s);
}

void
cdk_segment_sentences(const char *text, size_t len, struct cdk_spans *out)
{
    segment(text, len, false, out);
}

void
cdk_segment_sentences_plain(const char *text, size_t len,
                            struct cdk_spans *out)
{
    segment(text, len, true, out);
}

void
cdk_spans_release(struct cdk_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->alloc = 0;
}
