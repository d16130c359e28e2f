/*
 * Boilerplate classification. Each line is normalised (clean.h) and
 * described by features: word count, stopwords, capitalised and
 * all-capitals words, terminal punctuation, the first letter's case, and
 * the cue lexicon below (prefix cues, anywhere cues). A line with a cue is
 * junk for that cue's reason; without one, its shape decides: a line that
 * ends like a sentence or starts in lower case (it continues the line
 * above) is content; a short line without a verb-like ending is a
 * fragment or a heading; a Title Case or ALL CAPS line in the middle of
 * the text is an injected headline of another story. Then a context pass
 * (jusText) turns short uncertain lines that sit between junk into junk.
 *
 * Lines longer than LONG_LINE bytes are content (boilerplate is short);
 * only their first bytes are looked at, for a photo credit that runs into
 * the text, so a 50 MB line costs no more than a short one.
 */
#include "boilerplate.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "lex.h"

#define LONG_LINE 1200
#define CREDIT_PEEK 300

struct cue {
    const char *text;
    const char *reason;
};

/* Cues a junk line starts with (after normalisation, any case). */
static const struct cue prefix_cues[] = {
    {"advertisement", "advertisement"},
    {"sponsored content", "advertisement"},
    {"story continues below", "advertisement"},
    {"related:", "related-link"},
    {"related -", "related-link"},
    {"related coverage", "related-link"},
    {"related stories", "related-link"},
    {"related articles", "related-link"},
    {"see related story", "related-link"},
    {"more on:", "related-link"},
    {"more from", "related-link"},
    {"photos:", "related-link"},
    {"photo gallery", "related-link"},
    {"video:", "related-link"},
    {"watch:", "related-link"},
    {"watch live", "related-link"},
    {"also read", "related-link"},
    {"read also", "related-link"},
    {"see also", "related-link"},
    {"recommended:", "related-link"},
    {"trending:", "related-link"},
    {"trending now", "related-link"},
    {"top stories", "related-link"},
    {"read more", "read-more"},
    {"read the full", "read-more"},
    {"click here", "read-more"},
    {"continue reading", "read-more"},
    {"see more", "read-more"},
    {"sign up", "newsletter"},
    {"signup", "newsletter"},
    {"subscribe", "newsletter"},
    {"get browser notifications", "newsletter"},
    {"be the first to know", "newsletter"},
    {"get the full experience", "newsletter"},
    {"follow us", "follow-us"},
    {"like us on", "follow-us"},
    {"join us on", "follow-us"},
    {"copyright", "copyright"},
    {"(c) 1", "copyright"},
    {"(c) 2", "copyright"},
    {"credit:", "photo-credit"},
    {"credits:", "photo-credit"},
    {"image:", "photo-credit"},
    {"image credit", "photo-credit"},
    {"photo credit", "photo-credit"},
    {"photo:", "photo-credit"},
    {"photo by", "photo-credit"},
    {"photograph:", "photo-credit"},
    {"illustration:", "photo-credit"},
    {"enlarge this image", "photo-credit"},
    {"view gallery", "widget"},
    {"source link", "footer"},
    {"latest video", "footer"},
    {"more videos", "footer"},
    {"editor's note", "footer"},
    {"editors' note", "footer"},
    {"*important notice", "footer"},
    {"important notice:", "footer"},
    {"this story is part of", "footer"},
    {"this is a breaking news update", "footer"},
    {"the story is developing", "footer"},
    {"this story is developing", "footer"},
    {"this article was reprinted", "footer"},
    {"this article originally appeared", "footer"},
    {"originally published", "footer"},
    {"to learn more, visit", "footer"},
    {"questions may be directed", "footer"},
    {"share your thoughts", "footer"},
    {"we need to hear from you", "footer"},
    {"example video title", "footer"},
    {"hi, i'm", "newsletter"},
    {"email:", "contact"},
    {"doi:", "footer"},
    {"contact:", "contact"},
    {"download our app", "follow-us"},
};

#define NPREFIX (sizeof(prefix_cues) / sizeof(prefix_cues[0]))
#define PREFIX_END 0xFF /* ends a chain below */
_Static_assert(NPREFIX < PREFIX_END, "prefix cue indices must fit below 0xFF");

/*
 * The prefix cues chained by their first byte, in table order: a line is
 * tried only against the cues that start with its first byte (folded).
 * Built once (tables_build).
 */
static unsigned char prefix_head[256], prefix_next[NPREFIX];

/* Cues a junk line contains anywhere (short lines only, see below). */
static const struct cue anywhere_cues[] = {
    {"\xc2\xa9", "copyright"}, /* the sign itself survives normalising */
    {"all rights reserved", "copyright"},
    {"may not be published, broadcast", "copyright"},
    {"delivered to your inbox", "newsletter"},
    {"delivered straight to your inbox", "newsletter"},
    {"to your inbox", "newsletter"},
    {"by submitting your email", "newsletter"},
    {"subscribe here", "newsletter"},
    {"please subscribe", "newsletter"},
    {"contributed to this report", "footer"},
    {"syndication source", "footer"},
    {"more information to be added", "footer"},
    {"continue reading", "read-more"},
    {"click here to read", "read-more"},
    {"toggle caption", "photo-credit"},
    {"comment on this story", "widget"},
    {"pic.twitter.com/", "social-embed"},
    {"doi: 10.", "footer"},
    {"for questions about", "contact"},
    {"for more information, visit", "footer"},
    {"we need your help", "donation"},
    {"your support is", "donation"},
    {"put a dollar value", "donation"},
    {"support our journalism", "donation"},
    {"support local journalism", "donation"},
    {"become a member", "donation"},
    {"make a donation", "donation"},
    {"donate now", "donation"},
    {"gift article", "widget"},
};

/*
 * A photo credit inside a line: the cue ends the credit, or, for the label
 * "Credit:", the sources after it run to the end of the line -- only when
 * they are a '/' list ("NASA/GSFC/Univ. of Arizona"), so that "easy
 * credit: loans rose 5/6 of the way" stays prose.
 */
static const struct credit_cue {
    const char *text;
    bool to_end;
} credit_cues[] = {
    {"via getty images", false}, {"getty images", false}, {"/getty", false},
    {"ap photo", false},         {"/ap", false},          {"/reuters", false},
    {"reuters/", false},         {"/afp", false},         {"afp via", false},
    {"/shutterstock", false},    {"shutterstock", false}, {"/istock", false},
    {"/cq-roll call", false},    {"(photo:", false},      {"credit:", true},
};

/* Words a sharing/printing widget line is made of. */
static const char *const widget_words[] = {
    "share", "print", "comment", "comments", "email", "tweet", "listen",
    "min", "gift", "article", "save", "copy", "link", "view", "gallery",
    "images", "image", "whatsapp", "reddit", "pinterest", "on", "this",
    "story", "facebook", "twitter", "flipboard", "linkedin", "text",
    "size", "a", "of", "s", "the", "sms", "more",
};

static const char *const social_names[] = {
    "facebook", "instagram", "youtube", "twitter", "linkedin", "tiktok",
    "pinterest", "snapchat", "telegram", "whatsapp", "reddit", "threads",
    "x", "truth social", "rumble", "gab", "gettr", "flipboard", "tubi",
};

struct feat {
    bool bullet;     /* starts with a list marker: "- ", "* ", "\u2022 " */
    bool open_end;   /* ends with a word that cannot end a heading ("for") */
    size_t nw;       /* words */
    size_t nstop;    /* stopwords */
    size_t ncontent; /* words that are not stopwords and contain letters */
    size_t ncap;     /* ... of those, capitalised */
    size_t nupper;   /* words in ALL CAPS */
    size_t nletters; /* words with letters */
    bool terminal;   /* ends like a sentence (. ! ? ... or a closing quote) */
    bool cont_end;   /* ends with , ; : or - (the next line continues it) */
    bool lower_start;
};

/* Does t start with cue, the cue ending at a word boundary? */
static bool
starts_with(const char *t, size_t n, const char *cue)
{
    size_t k = strlen(cue);

    if (k > n || cdk_clean_find(t, k, cue) != 0)
        return false;
    return k == n || !cdk_clean_is_word_byte((unsigned char)cue[k - 1]) ||
           !cdk_clean_is_word_byte((unsigned char)t[k]);
}

static void
features(const char *t, size_t n, const struct cdk_toks *tk, struct feat *f)
{
    size_t i;
    size_t e = n;

    memset(f, 0, sizeof(*f));
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        size_t len = k->end - k->start;
        size_t j;
        bool letters = false;

        if (!k->word)
            continue;
        f->nw++;
        for (j = k->start; j < k->end; j++)
            if ((t[j] | 32) >= 'a' && (t[j] | 32) <= 'z')
                letters = true;
        if (!letters)
            continue;
        f->nletters++;
        if (k->upper)
            f->nupper++;
        if (cdk_lex_stopword(t + k->start, len)) {
            f->nstop++;
            continue;
        }
        f->ncontent++;
        if (k->cap || k->upper)
            f->ncap++;
    }
    while (e > 0 && (t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == ')' ||
                     t[e - 1] == ']' || t[e - 1] == ' '))
        e--;
    if (e > 0) {
        char c = t[e - 1];
        f->terminal = c == '.' || c == '!' || c == '?';
        f->cont_end = c == ',' || c == ';' || c == ':' || c == '-';
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (cdk_clean_is_word_byte(c)) {
            f->lower_start = c >= 'a' && c <= 'z';
            break;
        }
    }
    f->bullet = n >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ';
    if (n >= 4 && (unsigned char)t[0] == 0xE2 && (unsigned char)t[1] == 0x80 &&
        (unsigned char)t[2] == 0xA2)
        f->bullet = true;
    /* The last word: "the", "for", "and" end no heading. */
    for (i = tk->n; i-- > 0;) {
        const struct cdk_tok *k = &tk->v[i];
        if (!k->word)
            continue;
        f->open_end = !f->terminal && !k->cap && !k->upper &&
                      (cdk_lex_stopword(t + k->start, k->end - k->start) ||
                       cdk_lex_determiner(t + k->start, k->end - k->start));
        break;
    }
}

static bool
only_words_from(const char *t, const struct cdk_toks *tk,
                const char *const *list, size_t nlist, size_t *hits)
{
    size_t i, j;

    *hits = 0;
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *k = &tk->v[i];
        bool found = false;
        if (!k->word)
            continue;
        if (k->digit) {
            found = true;
        } else {
            for (j = 0; j < nlist; j++)
                if (cdk_lex_eq(t + k->start, k->end - k->start, list[j]))
                    found = true;
        }
        if (!found)
            return false;
        (*hits)++;
    }
    return true;
}

/*
 * A line's byte pairs, ASCII letters folded to lower case, as a small
 * hashed set: a cue with a pair not in the set cannot be in the line
 * (compared without case, as cdk_clean_find and the lower-case copy in
 * cue_reason compare), so its search is skipped -- most cues on most
 * lines. Built once per line when the anywhere cues are looked for (lines
 * of 100 words at most), and then used by the web-address, newsletter
 * and credit tests too; a sketch not built rules nothing out.
 */
#define BIGRAM_SLOTS 1024

struct sketch {
    const char *t;        /* the line t[0..n) (borrowed) */
    size_t n;
    bool built;
    size_t m;             /* bytes in low: the first LONG_LINE at most */
    unsigned char seen[BIGRAM_SLOTS]; /* 1: some pair hashes here */
    char low[LONG_LINE];  /* the line's first m bytes, folded */
};

static void
sketch_init(struct sketch *sk, const char *t, size_t n)
{
    sk->t = t;
    sk->n = n;
    sk->built = false;
}

static unsigned char
fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static unsigned
bigram(unsigned char a, unsigned char b)
{
    return (a * 31u + b) % BIGRAM_SLOTS;
}

static void
sketch_build(struct sketch *sk)
{
    const unsigned char *u = (const unsigned char *)sk->t;
    const unsigned char *l = (const unsigned char *)sk->low;
    uint16_t slot[LONG_LINE];
    size_t i, n = sk->n, m = n < LONG_LINE ? n : LONG_LINE;

    if (sk->built)
        return;
    memset(sk->seen, 0, sizeof(sk->seen));
    for (i = 0; i < m; i++) /* a plain loop: vectorised */
        sk->low[i] = (char)fold(u[i]);
    sk->m = m;
    /* the pairs' slots first (a plain loop: vectorised), then marked */
    for (i = 0; i + 1 < m; i++)
        slot[i] = (uint16_t)bigram(l[i], l[i + 1]);
    for (i = 0; i + 4 < m; i += 4) {
        sk->seen[slot[i]] = 1;
        sk->seen[slot[i + 1]] = 1;
        sk->seen[slot[i + 2]] = 1;
        sk->seen[slot[i + 3]] = 1;
    }
    for (; i + 1 < m; i++)
        sk->seen[slot[i]] = 1;
    /* past LONG_LINE (a line that normalising made longer): no copy */
    for (i = m > 0 ? m - 1 : 0; i + 1 < n; i++)
        sk->seen[bigram(fold(u[i]), fold(u[i + 1]))] = 1;
    sk->built = true;
}

/*
 * A cue's pairs as sketch slots, worked out once (tables_build). A cue
 * longer than SLOTS_MAX + 1 bytes keeps its first SLOTS_MAX pairs: a
 * weaker test, never a wrong one.
 */
#define SLOTS_MAX 40

struct slots {
    size_t n;
    uint16_t v[SLOTS_MAX];
};

static void
slots_of(const char *cue, struct slots *s)
{
    size_t i;

    s->n = 0;
    for (i = 0; cue[i] && cue[i + 1] && s->n < SLOTS_MAX; i++)
        s->v[s->n++] =
            (uint16_t)bigram((unsigned char)cue[i], (unsigned char)cue[i + 1]);
}

/* Could the lower-case cue whose slots these are occur in the line? */
static bool
sketch_may_have(const struct sketch *sk, const struct slots *s)
{
    size_t i;

    if (!sk->built)
        return true;
    for (i = 0; i < s->n; i++)
        if (!sk->seen[s->v[i]])
            return false;
    return true;
}

/* cdk_clean_find(t, n, cue) != -1, the search skipped when the sketch
 * rules the cue (whose slots s are) out. */
static bool
has_cue(const char *t, size_t n, const struct sketch *sk,
        const struct slots *s, const char *cue)
{
    return sketch_may_have(sk, s) && cdk_clean_find(t, n, cue) != (size_t)-1;
}

/* What credit_maybe looks for, besides a '/'. */
static const char *const credit_words[] = {
    "getty", "ap photo", "afp", "shutterstock", "(photo",
};
#define NCREDIT_WORDS (sizeof(credit_words) / sizeof(credit_words[0]))
#define NANYWHERE (sizeof(anywhere_cues) / sizeof(anywhere_cues[0]))
#define NCREDIT_CUES (sizeof(credit_cues) / sizeof(credit_cues[0]))

static struct slots anywhere_slots[NANYWHERE], credit_cue_slots[NCREDIT_CUES],
    credit_word_slots[NCREDIT_WORDS], link_slots, newsletter_slots;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* The prefix chains and the cue slots, once per process. */
static void
tables_build(void)
{
    size_t i;

    memset(prefix_head, PREFIX_END, sizeof(prefix_head));
    for (i = NPREFIX; i-- > 0;) {
        unsigned char c = (unsigned char)prefix_cues[i].text[0];
        prefix_next[i] = prefix_head[c];
        prefix_head[c] = (unsigned char)i;
    }
    for (i = 0; i < NANYWHERE; i++)
        slots_of(anywhere_cues[i].text, &anywhere_slots[i]);
    for (i = 0; i < NCREDIT_CUES; i++)
        slots_of(credit_cues[i].text, &credit_cue_slots[i]);
    for (i = 0; i < NCREDIT_WORDS; i++)
        slots_of(credit_words[i], &credit_word_slots[i]);
    slots_of("://", &link_slots);
    slots_of("newsletter", &newsletter_slots);
}

/* Every credit cue has a '/', "getty", "ap photo", "afp", "shutterstock"
 * or "(photo" in it, or needs a '/' after it ("credit:"): a line with
 * none of them has no credit. (The sketch, when the line has one, only
 * skips the searches that cannot succeed.) */
static bool
credit_maybe(const char *t, size_t n, const struct sketch *sk)
{
    size_t i;

    if (memchr(t, '/', n))
        return true;
    for (i = 0; i < NCREDIT_WORDS; i++)
        if (has_cue(t, n, sk, &credit_word_slots[i], credit_words[i]))
            return true;
    return false;
}

/* After "Credit:": a source list -- one or two names, then a '/' that is
 * no fraction ("NASA/GSFC/...", "sciencepics / Shutterstock") -- not
 * "easy credit: loans rose 5/6". */
static bool
credit_sources(const char *t, size_t n)
{
    size_t i = 0, words = 0;
    bool in_word = false;

    for (; i < n && i < 40 && t[i] != '/'; i++) {
        if (t[i] == ' ')
            in_word = false;
        else if (!in_word) {
            in_word = true;
            words++;
        }
    }
    return i < n && t[i] == '/' && words >= 1 && words <= 2 &&
           !(i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9');
}

/*
 * Look for a photo credit in t[0..n). On a hit set *cs and *ce to the credit
 * (normalised offsets) and return true.
 */
static bool
find_credit(const char *t, size_t n, const struct cdk_toks *tk,
            struct sketch *sk, size_t *cs, size_t *ce)
{
    size_t i, at = (size_t)-1, end = 0;
    bool to_end = false;

    if (!credit_maybe(t, n, sk))
        return false;
    for (i = 0; i < sizeof(credit_cues) / sizeof(credit_cues[0]); i++) {
        size_t p, k;
        if (!sketch_may_have(sk, &credit_cue_slots[i]))
            continue;
        p = cdk_clean_find(t, n, credit_cues[i].text);
        k = strlen(credit_cues[i].text);
        if (p == (size_t)-1)
            continue;
        if (credit_cues[i].to_end && !credit_sources(t + p + k, n - p - k))
            continue;
        /* "/ap" must end a word: "Nelson/AP", not "/apple". */
        if (p + k < n && cdk_clean_is_word_byte((unsigned char)t[p + k]))
            continue;
        if (p < at) {
            at = p;
            end = p + k;
            to_end = credit_cues[i].to_end;
        }
    }
    if (at == (size_t)-1)
        return false;
    if (to_end)
        end = n;
    /* A "/Name" or "/Name Name" agency tail belongs to the credit. */
    while (end < n && t[end] == '/') {
        end++;
        while (end < n && t[end] != ' ')
            end++;
    }
    /* The credit starts after the last sentence end before the cue, at
     * most five capitalised tokens back. */
    {
        size_t start = at, ntok = 0;
        for (i = tk->n; i-- > 0;) {
            const struct cdk_tok *k = &tk->v[i];
            if (k->start >= at)
                continue;
            if (k->word && (k->cap || k->upper || k->digit) && ntok < 5) {
                start = k->start;
                ntok++;
                continue;
            }
            if (!k->word && (t[k->start] == '/' || t[k->start] == ',' ||
                             t[k->start] == ':' || t[k->start] == '-') &&
                ntok < 5)
                continue;
            break;
        }
        *cs = start;
    }
    *ce = end;
    return true;
}

/* "Copyright 2023 ...", "Copyright (c) ...", "... All rights reserved":
 * a notice, not a sentence about copyright. */
static bool
copyright_notice(const char *t, size_t n, const struct feat *f)
{
    size_t k = strlen("copyright");

    while (k < n && t[k] == ' ')
        k++;
    if (f->nw > 25)
        return false;
    if (cdk_clean_find(t, n, "rights reserved") != (size_t)-1)
        return true;
    return k < n && ((t[k] >= '0' && t[k] <= '9') || t[k] == '(' ||
                     (unsigned char)t[k] == 0xC2 || f->nw <= 6);
}

static const char *
cue_reason(const char *t, size_t n, const struct cdk_toks *tk,
           const struct feat *f, struct sketch *sk)
{
    size_t i, hits;

    unsigned char first = n ? (unsigned char)t[0] : 0;

    if (first >= 'A' && first <= 'Z')
        first = (unsigned char)(first + 32);
    for (i = f->nw > 80 ? PREFIX_END : prefix_head[first]; i != PREFIX_END;
         i = prefix_next[i]) {
        const char *r = prefix_cues[i].reason;
        if (!starts_with(t, n, prefix_cues[i].text))
            continue;
        /* "Copyright lawsuits rose" is news; a notice has a year or
         * "rights" in it. */
        if (strcmp(r, "copyright") == 0 && !copyright_notice(t, n, f))
            continue;
        return r;
    }
    /* Anywhere cues only on lines that are not long prose (100 words at
     * most): a long paragraph may quote anything. */
    if (f->nw <= 100) {
        /* the cues the sketch lets through are searched for in its
         * lower-case copy of the first LONG_LINE bytes */
        sketch_build(sk);
        for (i = 0; i < sizeof(anywhere_cues) / sizeof(anywhere_cues[0]);
             i++)
            if (sketch_may_have(sk, &anywhere_slots[i]) &&
                memmem(sk->low, sk->m, anywhere_cues[i].text,
                       strlen(anywhere_cues[i].text)))
                return anywhere_cues[i].reason;
    }
    /* A short line that carries a web address is a link, a caption's
     * source or a call to action, not a claim ("... map (National
     * Drought Mitigation Center / https://droughtmonitor.unl.edu/...)") */
    if (f->nw <= 45 && sketch_may_have(sk, &link_slots) &&
        memmem(t, n, "://", 3))
        return "link";
    if (f->nw <= 60 && has_cue(t, n, sk, &newsletter_slots, "newsletter")) {
        static const char *const with[] = {"sign up", "subscribe", "inbox",
                                           "email", "deliver", "you'll",
                                           "welcome", "your"};
        for (i = 0; i < sizeof(with) / sizeof(with[0]); i++)
            if (cdk_clean_find(t, n, with[i]) != (size_t)-1)
                return "newsletter";
    }
    if (f->nw <= 14 && (starts_with(t, n, "follow ") ||
                        starts_with(t, n, "for news updates, follow") ||
                        starts_with(t, n, "for more news, follow"))) {
        for (i = 0; i < sizeof(social_names) / sizeof(social_names[0]); i++)
            if (cdk_clean_find(t, n, social_names[i]) != (size_t)-1)
                return "follow-us";
        if (cdk_clean_find(t, n, "social media") != (size_t)-1)
            return "follow-us";
    }
    if (f->nw <= 3 && !f->terminal)
        for (i = 0; i < sizeof(social_names) / sizeof(social_names[0]); i++)
            if (cdk_lex_eq(t, n, social_names[i]))
                return "follow-us";
    if (f->nw >= 1 && f->nw <= 14 && !f->terminal &&
        only_words_from(t, tk, widget_words,
                        sizeof(widget_words) / sizeof(widget_words[0]),
                        &hits) &&
        hits > 0) {
        /* A widget line names at least one action. */
        if (cdk_clean_find(t, n, "share") != (size_t)-1 ||
            cdk_clean_find(t, n, "comment") != (size_t)-1 ||
            cdk_clean_find(t, n, "print") != (size_t)-1 ||
            cdk_clean_find(t, n, "gallery") != (size_t)-1 ||
            cdk_clean_find(t, n, "tweet") != (size_t)-1 ||
            cdk_clean_find(t, n, "email") != (size_t)-1)
            return "widget";
    }
    if (f->nw <= 4 && memchr(t, '@', n) && !f->terminal)
        return "contact";
    if (f->nw <= 6 && !f->terminal && starts_with(t, n, "by ") &&
        f->ncap >= 1 && f->ncap + 1 >= f->ncontent)
        return "byline";
    if (cdk_lex_eq(t, n, "ad") || cdk_lex_eq(t, n, "ads"))
        return "advertisement";
    return NULL;
}

/* The shape of a line without cues: junk reason or NULL for content. */
static const char *
shape_reason(const struct feat *f, bool *uncertain)
{
    *uncertain = false;
    if (f->terminal || f->cont_end || f->lower_start || f->open_end)
        return NULL;
    /* A bulleted item with a verb or a figure is content ("- Announced
     * that 80bn rupees will be spent ..."). */
    if (f->bullet && f->nw >= 5)
        return NULL;
    if (f->nletters == 0)
        return "fragment";
    if (f->nw >= 2 && f->nupper * 10 >= f->nletters * 6)
        return "injected-headline";
    if (f->nw <= 3)
        return "fragment";
    if (f->nw <= 20 && f->ncontent >= 3 && f->ncap * 4 >= f->ncontent * 3)
        return "injected-headline";
    if (f->nw <= 8)
        return "heading";
    if (f->nw <= 14)
        *uncertain = true;
    return NULL;
}

/* Reasons that come from a line's shape alone (no cue). */
static bool
shape_reason_name(const char *r)
{
    return r && (strcmp(r, "fragment") == 0 || strcmp(r, "heading") == 0 ||
                 strcmp(r, "injected-headline") == 0 ||
                 strcmp(r, "list-item") == 0);
}

static void
push(struct cdk_bp_blocks *out, size_t s, size_t e, const struct cdk_line *l,
     const char *reason)
{
    struct cdk_bp_block *b;

    if (e <= s)
        return;
    CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
    b = &out->v[out->n++];
    b->start = s;
    b->end = e;
    b->lineno = l->lineno;
    b->para = l->para;
    b->junk = reason != NULL;
    b->reason = reason;
}

/* Body offset of normalised offset i, moved past spaces. */
static size_t
body_at(const struct cdk_norm *nm, size_t i)
{
    while (i < nm->text.len && nm->text.buf[i] == ' ')
        i++;
    return cdk_norm_body(nm, i);
}

/* Body offset just after normalised t[0..i) with trailing spaces cut. */
static size_t
body_end(const struct cdk_norm *nm, size_t i)
{
    while (i > 0 && nm->text.buf[i - 1] == ' ')
        i--;
    if (i == 0)
        return cdk_norm_body(nm, 0);
    /* The end of the character that normalised byte i-1 came from. */
    {
        size_t b = cdk_norm_body(nm, i - 1), e = cdk_norm_body(nm, i);
        return e > b ? e : b + 1;
    }
}

static size_t
words_in(const struct cdk_toks *tk, size_t from, size_t to)
{
    size_t i, c = 0;
    for (i = 0; i < tk->n; i++)
        if (tk->v[i].word && tk->v[i].start >= from && tk->v[i].end <= to)
            c++;
    return c;
}

/* Credit handling: push the line as one or two blocks; true if handled. */
static bool
credit_split(const struct cdk_norm *nm, const struct cdk_toks *tk,
             struct sketch *sk, const struct cdk_line *l,
             struct cdk_bp_blocks *out, bool long_line)
{
    const char *t = nm->text.buf;
    size_t n = nm->text.len, cs, ce;

    if (!find_credit(t, n, tk, sk, &cs, &ce))
        return false;
    /* Credit first, then at least five words of caption or text. */
    if (words_in(tk, 0, cs) == 0 && words_in(tk, ce, n) >= 5) {
        size_t split = body_at(nm, ce);
        push(out, l->start, body_end(nm, ce), l, "photo-credit");
        push(out, split, l->end, l, NULL);
        return true;
    }
    if (long_line)
        return false;
    /* Caption first, the credit closing the line. */
    if (words_in(tk, ce, n) == 0 && words_in(tk, 0, cs) >= 5) {
        size_t e = body_end(nm, cs);
        push(out, l->start, e, l, NULL);
        push(out, body_at(nm, cs), l->end, l, "photo-credit");
        return true;
    }
    push(out, l->start, l->end, l, "photo-credit");
    return true;
}

/*
 * Is s[0..n) plain: printable ASCII with single spaces between, none at
 * the ends? The normaliser gives such a line back byte for byte (clean.h:
 * it changes only other characters and whitespace runs), so its text can
 * be read in place. Plain loops without carried state: vectorised.
 */
static bool
plain_line(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char bad = 0; /* byte-wide, as the lanes */
    size_t i;

    if (n == 0 || u[0] == ' ' || u[n - 1] < 0x21 || u[n - 1] > 0x7E)
        return false;
    /* one pass: the byte range and the double space together */
    for (i = 0; i + 1 < n; i++)
        bad |= (unsigned char)((u[i] < 0x20) | (u[i] > 0x7E) |
                               ((u[i] == ' ') & (u[i + 1] == ' ')));
    return !bad;
}

/*
 * Is t[0..n) prose: over 200 bytes and 15 words, ending like a sentence?
 * Then *f gets what the cue tests need (words, terminal) and the rest of
 * the features are not computed.
 */
static bool
prose_line(const char *t, size_t n, struct feat *f)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t i, e = n, words;

    if (n < 200)
        return false;
    while (e > 0 && (t[e - 1] == '"' || t[e - 1] == '\'' || t[e - 1] == ')' ||
                     t[e - 1] == ']' || t[e - 1] == ' '))
        e--;
    if (e == 0 || !(t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?'))
        return false;
    /* words: bytes other than ' ' after a ' ', counted in blocks with a
     * byte-wide counter (a plain loop the compiler vectorises) */
    words = u[0] != ' ';
    for (i = 1; i < n;) {
        size_t end = n - i > 255 ? i + 255 : n;
        unsigned char k = 0;
        for (; i < end; i++)
            k += (u[i] != ' ') & (u[i - 1] == ' ');
        words += k;
    }
    if (words <= 14)
        return false;
    memset(f, 0, sizeof(*f));
    f->nw = words;
    f->terminal = true;
    return true;
}

const char *
cdk_boilerplate_line_reason(const char *line, size_t len)
{
    struct cdk_norm nm = CDK_NORM_INIT;
    struct cdk_toks tk = CDK_TOKS_INIT;
    struct feat f;
    struct sketch sk;
    const char *r;
    size_t cs, ce;
    bool unc;

    pthread_once(&tables_once, tables_build);
    cdk_clean_normalise(line, 0, len > LONG_LINE ? CREDIT_PEEK : len, &nm);
    cdk_lex_tokenize(nm.text.buf, nm.text.len, &tk);
    features(nm.text.buf, nm.text.len, &tk, &f);
    sketch_init(&sk, nm.text.buf, nm.text.len);
    if (len > LONG_LINE)
        r = NULL;
    else if ((r = cue_reason(nm.text.buf, nm.text.len, &tk, &f, &sk)) ==
                 NULL &&
             find_credit(nm.text.buf, nm.text.len, &tk, &sk, &cs, &ce))
        r = "photo-credit";
    else if (!r)
        r = shape_reason(&f, &unc);
    cdk_norm_release(&nm);
    cdk_toks_release(&tk);
    return r;
}

void
cdk_boilerplate_classify(const char *body, const struct cdk_lines *lines,
                         bool title_known, struct cdk_bp_blocks *out)
{
    struct cdk_norm nm = CDK_NORM_INIT;
    struct cdk_toks tk = CDK_TOKS_INIT;
    bool *uncertain = cdk_xcalloc(lines->n + 1, sizeof(bool));
    size_t *first_block = cdk_xcalloc(lines->n + 1, sizeof(size_t));
    size_t i, nblocks_before;
    bool seen_text = false;

    pthread_once(&tables_once, tables_build);
    out->n = 0;
    for (i = 0; i < lines->n; i++) {
        const struct cdk_line *l = &lines->v[i];
        size_t len = l->end - l->start;
        bool long_line = len > LONG_LINE;
        const char *r = NULL, *t;
        struct feat f;
        struct sketch sk;
        size_t n;
        bool normalised;

        first_block[i] = out->n;
        if (l->blank)
            continue;
        if (!long_line && plain_line(body + l->start, len)) {
            /* the normaliser would give it back as it is: read it in
             * place, and normalise it only for a credit (which needs the
             * map back to the body) */
            t = body + l->start;
            n = len;
            normalised = false;
        } else {
            cdk_clean_normalise(
                body, l->start, long_line ? l->start + CREDIT_PEEK : l->end,
                &nm);
            t = nm.text.buf;
            n = nm.text.len;
            normalised = true;
        }
        sketch_init(&sk, t, n);
        if (!long_line && prose_line(t, n, &f)) {
            /* A long line that ends like a sentence: only cues and a
             * credit can make it junk; no tokens needed unless a credit
             * cue is there. */
            tk.n = 0;
            r = cue_reason(t, n, &tk, &f, &sk);
            if (!r && credit_maybe(t, n, &sk)) {
                if (!normalised)
                    cdk_clean_normalise(body, l->start, l->end, &nm);
                cdk_lex_tokenize(nm.text.buf, nm.text.len, &tk);
                if (credit_split(&nm, &tk, &sk, l, out, false)) {
                    seen_text = true;
                    continue;
                }
            }
            push(out, l->start, l->end, l, r);
            seen_text = true;
            continue;
        }
        if (long_line) {
            /* content unless its first bytes hold a credit: tokens only
             * when a credit cue may be there */
            bool credit = credit_maybe(t, n, &sk);
            if (credit)
                cdk_lex_tokenize(t, n, &tk);
            if (!credit || !credit_split(&nm, &tk, &sk, l, out, true))
                push(out, l->start, l->end, l, NULL);
            seen_text = true;
            continue;
        }
        cdk_lex_tokenize(t, n, &tk);
        features(t, n, &tk, &f);
        nblocks_before = out->n;
        r = cue_reason(t, n, &tk, &f, &sk);
        if (r) {
            push(out, l->start, l->end, l, r);
            seen_text = true;
            continue;
        }
        /* credit_split begins with credit_maybe: asked first here, so
         * that a plain line is normalised only when it may hold one */
        if (credit_maybe(t, n, &sk)) {
            if (!normalised)
                cdk_clean_normalise(body, l->start, l->end, &nm);
            if (credit_split(&nm, &tk, &sk, l, out, false)) {
                seen_text = true;
                continue;
            }
        }
        if (!seen_text && !title_known && !f.terminal && !f.cont_end &&
            f.nw <= 30 && i + 1 < lines->n && lines->v[i + 1].blank) {
            push(out, l->start, l->end, l, "title");
            seen_text = true;
            continue;
        }
        r = shape_reason(&f, &uncertain[i]);
        /* A line that continues the one above is never a headline. */
        if (r && i > 0 && !lines->v[i - 1].blank && out->n > 0 &&
            !out->v[out->n - 1].junk) {
            const struct cdk_bp_block *p = &out->v[out->n - 1];
            char last = body[p->end - 1];
            if (last == ',' || last == ';' || last == ':' ||
                (last >= 'a' && last <= 'z' && f.lower_start))
                r = NULL;
        }
        (void)nblocks_before;
        push(out, l->start, l->end, l, r);
        seen_text = true;
    }
    /*
     * Context (jusText): a short line that is neither clearly content nor
     * clearly junk follows its neighbours when both are junk.
     */
    for (i = 0; i < lines->n; i++) {
        size_t b = first_block[i], j;
        const struct cdk_bp_block *prev = NULL, *next = NULL;

        if (!uncertain[i] || b >= out->n || out->v[b].junk)
            continue;
        if (b > 0)
            prev = &out->v[b - 1];
        for (j = b + 1; j < out->n; j++)
            if (out->v[j].lineno != out->v[b].lineno) {
                next = &out->v[j];
                break;
            }
        if ((!prev || prev->junk) && (!next || next->junk) && (prev || next)) {
            out->v[b].junk = true;
            out->v[b].reason = "navigation";
        }
    }
    /*
     * A short line next to other short lines is a list (fixtures, award
     * winners, ingredients), not a headline injected into prose.
     */
    for (i = 0; i < out->n; i++) {
        struct cdk_bp_block *b = &out->v[i];
        const struct cdk_bp_block *p = i > 0 ? &out->v[i - 1] : NULL;
        const struct cdk_bp_block *q = i + 1 < out->n ? &out->v[i + 1] : NULL;
        if (!b->junk || !shape_reason_name(b->reason))
            continue;
        if ((p && p->junk && shape_reason_name(p->reason)) ||
            (q && q->junk && shape_reason_name(q->reason)))
            b->reason = "list-item";
    }
    free(uncertain);
    free(first_block);
    cdk_norm_release(&nm);
    cdk_toks_release(&tk);
}

/* (see boilerplate.h) */
void
cdk_boilerplate_cut_title(const char *body, const char *title,
                          struct cdk_bp_blocks *bp)
{
    size_t tl = strlen(title), i, seen = 0, rest;

    while (tl > 0 && (title[tl - 1] == ' ' || title[tl - 1] == '\t'))
        tl--;
    if (tl < 12)
        return;
    for (i = 0; i < bp->n && seen < 3; i++) {
        struct cdk_bp_block *b = &bp->v[i];
        if (b->junk)
            continue;
        seen++;
        if (b->end - b->start <= tl + 1 ||
            memcmp(body + b->start, title, tl) != 0 ||
            (body[b->start + tl] != ' ' && body[b->start + tl] != '\t'))
            continue;
        for (rest = b->start + tl; rest < b->end &&
                                   (body[rest] == ' ' || body[rest] == '\t');
             rest++)
            ;
        /* a new sentence after it, not the title as a subject ("...
         * report is the name of the segment") */
        if (!((body[rest] >= 'A' && body[rest] <= 'Z') ||
              (body[rest] >= '0' && body[rest] <= '9') || body[rest] == '"' ||
              (unsigned char)body[rest] >= 0x80))
            continue;
        CDK_ALLOC_GROW(bp->v, bp->n + 1, bp->alloc);
        b = &bp->v[i];
        memmove(b + 1, b, (bp->n - i) * sizeof(*b));
        bp->n++;
        b->end = b->start + tl;
        b->junk = true;
        b->reason = "title";
        b[1].start = rest;
        return;
    }
}

void
cdk_bp_blocks_release(struct cdk_bp_blocks *b)
{
    free(b->v);
    b->v = NULL;
    b->n = b->alloc = 0;
}
