/*
 * Attribution by patterns over the normalised sentence (straight quotes,
 * '-' dashes, single spaces), tried in order of reliability: a quotation
 * with its speaker, "According to X,", "X reports:", a trailing
 * "according to X" / "X said" / "said X", a leading "X said (that)",
 * "reportedly". Offsets found in the normalised copy go back to the body
 * through its map, so the content span is exact in the original text.
 */
#include "attribute.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "core/buf.h"
#include "core/mem.h"
#include "entities.h"
#include "lex.h"

/* Longest speaker phrase we believe, in tokens. */
#define MAX_SPEAKER_TOKENS 12
/* ... and how much longer a name's apposition may make it ("David
 * Herzberg, a historian of drugs at the University at Buffalo, said"). */
#define MAX_APPOSITION_TOKENS 16

/* cdk_lex_eq(w, n, lit) for a string literal: a word of another length
 * is not compared (n is read twice). */
#define LEX_IS(w, n, lit)                                                      \
    ((n) == sizeof(lit) - 1 && cdk_lex_eq((w), (n), "" lit))

void
cdk_attr_ctx_init(struct cdk_attr_ctx *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->quote_para = -1;
    cdk_buf_init(&ctx->surnames, 0);
    cdk_buf_init(&ctx->weighed, 0);
    ctx->part_nm = (struct cdk_norm)CDK_NORM_INIT;
}

void
cdk_attr_ctx_set_body(struct cdk_attr_ctx *ctx, const char *body, size_t len)
{
    ctx->body = body;
    ctx->body_len = body ? len : 0;
    ctx->weigh_left = CDK_ATTR_WEIGH_NAMES;
    cdk_buf_reset(&ctx->weighed);
}

void
cdk_attr_ctx_release(struct cdk_attr_ctx *ctx)
{
    size_t i;

    for (i = 0; i < ctx->npeople; i++)
        free(ctx->people[i].name);
    free(ctx->last_person);
    free(ctx->last_group);
    free(ctx->last_org);
    free(ctx->quote_speaker);
    free(ctx->quote_cue);
    cdk_buf_release(&ctx->surnames);
    cdk_buf_release(&ctx->weighed);
    cdk_toks_release(&ctx->kind_tk);
    cdk_norm_release(&ctx->part_nm);
    cdk_toks_release(&ctx->part_tk);
    cdk_attr_ctx_init(ctx);
}

void
cdk_attribution_release(struct cdk_attribution *a)
{
    free(a->claimant);
    free(a->cue);
    memset(a, 0, sizeof(*a));
}

void
cdk_attribution_copy(struct cdk_attribution *dst,
                     const struct cdk_attribution *src)
{
    *dst = *src;
    dst->claimant = cdk_xstrdup_or_null(src->claimant);
    dst->cue = cdk_xstrdup_or_null(src->cue);
}

static void
set_str(char **field, const char *s, size_t n)
{
    /* The same words again (one speaker quoted sentence after sentence,
     * one firm named again): the copy kept is them already. (strnlen
     * stops at the end of a shorter copy: nothing past it is read.) */
    if (*field && s && strnlen(*field, n + 1) == n &&
        memcmp(*field, s, n) == 0)
        return;
    free(*field);
    *field = s ? cdk_xstrndup(s, n) : NULL;
}

/* The last word of name[0..n): "Knight" of "R&B star Beverley Knight". */
static const char *
last_word(const char *name, size_t n, size_t *len)
{
    size_t e = n, b;

    while (e > 0 && name[e - 1] == ' ')
        e--;
    b = e;
    while (b > 0 && name[b - 1] != ' ')
        b--;
    *len = e - b;
    return name + b;
}

/* What p's words and the text say of p's sex: the name's own words are
 * read here, once, the first time anyone asks (see own_unread). */
static enum cdk_gender
person_gender(struct cdk_attr_person *p)
{
    if (p->own_unread) {
        /* (the name is whole: the text holds no NUL, cdk_clean_check) */
        enum cdk_gender own = cdk_gender_of_phrase(p->name, strlen(p->name));

        if (own != CDK_GENDER_UNKNOWN)
            p->gender = own;
        p->own_unread = false;
    }
    return p->gender;
}

/* The newest person in ctx whose name ends in the word sur[0..sl), or
 * (size_t)-1: the same surname is the same person. */
static size_t
person_with_surname(const struct cdk_attr_ctx *ctx, const char *sur,
                    size_t sl)
{
    size_t i;

    for (i = ctx->npeople; sl > 0 && i-- > 0;) {
        size_t ol;
        const char *os = last_word(ctx->people[i].name,
                                   strlen(ctx->people[i].name), &ol);
        if (ol == sl && memcmp(os, sur, sl) == 0)
            return i;
    }
    return (size_t)-1;
}

/*
 * name[0..n) is the person named last (for "he" and "she"); g is what the
 * sentence says of their sex besides the name's own words ("Knight said
 * she"), or unknown; spoke: they are the speaker of a sentence. The
 * same surname is the same person: moved to the newest place, named by
 * the newer words (but the surname alone keeps the fuller name: "he"
 * after "Smith said" is still "Scotland manager Walter Smith"), and a
 * sex once known is kept. The name's own words,
 * which win over g, are read only when asked (person_gender).
 */
static void
note_person(struct cdk_attr_ctx *ctx, const char *name, size_t n,
            enum cdk_gender g, bool spoke)
{
    struct cdk_attr_person p;
    size_t sl, i;
    const char *sur = last_word(name, n, &sl);

    i = person_with_surname(ctx, sur, sl);
    if (i != (size_t)-1 && sl == n) {
        /* the surname alone ("Smith" after "Scotland manager Walter
         * Smith"): the person keeps the fuller name */
        p = ctx->people[i];
        p.spoke = spoke || p.spoke;
        if (g != CDK_GENDER_UNKNOWN) {
            p.gender = g;
            p.own_unread = true; /* (the name's own words still win) */
        }
        memmove(ctx->people + i, ctx->people + i + 1,
                (ctx->npeople - i - 1) * sizeof(ctx->people[0]));
        ctx->people[ctx->npeople - 1] = p;
        set_str(&ctx->last_person, p.name, strlen(p.name));
        return;
    }
    set_str(&ctx->last_person, name, n);
    if (i != (size_t)-1) {
        p = ctx->people[i];
        /* the same words again ("Mr Smith" ... "Mr Smith") say what they
         * said before, still unread: only other words need the earlier
         * ones read now, as the sex they knew is kept */
        if (g == CDK_GENDER_UNKNOWN)
            g = p.own_unread && strlen(p.name) == n &&
                        memcmp(p.name, name, n) == 0
                    ? p.gender
                    : person_gender(&p);
        spoke = spoke || p.spoke;
        free(p.name);
        memmove(ctx->people + i, ctx->people + i + 1,
                (ctx->npeople - i - 1) * sizeof(ctx->people[0]));
        ctx->npeople--;
    } else if (ctx->npeople == CDK_ATTR_PEOPLE) {
        free(ctx->people[0].name);
        memmove(ctx->people, ctx->people + 1,
                (ctx->npeople - 1) * sizeof(ctx->people[0]));
        ctx->npeople--;
    }
    p.name = cdk_xstrndup(name, n);
    p.gender = g;
    p.own_unread = true;
    p.spoke = spoke;
    ctx->people[ctx->npeople++] = p;
}

/*
 * Who "he" (want = male) or "she" (female) is. "he": the newest person
 * not known to be a woman (most people named in news carry no sign of
 * their sex, and "he" is the commoner). "she": the newest known to be a
 * woman, passing over people of unknown sex who were only named
 * ("Knight and bass star Roni Size released a single. She said" is
 * Knight); but a speaker of unknown sex stops the search, and then the
 * newest of unknown sex is she. Failing all, the last person named, as
 * before there were signs. (ctx changes only by reading names' words.)
 */
static const char *
person_for(struct cdk_attr_ctx *ctx, enum cdk_gender want)
{
    const char *unknown = NULL;
    size_t i;

    for (i = ctx->npeople; i-- > 0;) {
        struct cdk_attr_person *p = &ctx->people[i];
        enum cdk_gender g = person_gender(p);

        if (g == want)
            return p->name;
        if (g != CDK_GENDER_UNKNOWN)
            continue;
        if (want == CDK_GENDER_MALE)
            return p->name;
        if (!unknown)
            unknown = p->name;
        if (p->spoke)
            return unknown;
    }
    return unknown ? unknown : ctx->last_person;
}

/* w[0..j) is a surname prefix written joined: "Mc", "Mac", "De", ... */
static bool
name_prefix(const char *w, size_t j)
{
    static const char *const prefixes[] = {"Da", "De", "Di", "Du", "La",
                                           "Le", "Mac", "Mc", "Van", "Von"};
    size_t i;

    for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (strlen(prefixes[i]) == j && memcmp(w, prefixes[i], j) == 0)
            return true;
    return false;
}

/* Is w[0..n) one of list[0..count) (lower case letters), in any case?
 * (A first letter that differs is told without the call: w[0] | 0x20 is
 * a lower-case letter only for that letter or its capital.) */
static bool
word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    size_t i;

    if (n == 0)
        return false;
    for (i = 0; i < count; i++)
        if ((w[0] | 0x20) == list[i][0] && cdk_lex_eq(w, n, list[i]))
            return true;
    return false;
}

#define WORD_IN(w, n, list) word_in((w), (n), (list), sizeof(list) / sizeof((list)[0]))

/* Lower-case roles that put a person's name after them, besides
 * cdk_entities_person_title's: "striker Mido", "executive producer Marc
 * Samuelson", "Electoral Commission boss Sam Younger". */
static const char *const person_roles[] = {
    "actor", "agent", "assistant", "athlete", "batsman", "boss", "bowler",
    "boxer", "businessman", "businesswoman", "centre", "chef", "chief",
    "comedian", "compatriot", "composer", "counterpart", "drummer",
    "flanker", "fly-half", "forward", "full-back", "golfer", "guitarist",
    "hooker", "keeper", "lock", "magnate", "midfielder", "mogul", "musician",
    "pianist", "presenter", "producer", "prop", "rapper", "runner",
    "scientist", "scrum-half", "secretary", "seed", "skipper", "sprinter",
    "swimmer", "team-mate", "teammate", "tycoon", "vocalist", "wing",
};

/* Lower-case nouns that put an organisation's name after them: "the firm
 * Yukos", "City consultancy Deloitte", "search engine Lycos". */
static const char *const org_nouns[] = {
    "airline", "analysts", "automaker", "bank", "brand", "brewer",
    "broadcaster", "business", "carmaker", "carrier", "chain", "charity",
    "chipmaker", "club", "company", "conglomerate", "consultancy",
    "consultants", "developer", "distributor", "drugmaker", "engine",
    "exporter", "firm", "giant", "group", "housebuilder", "insurer", "label",
    "lender", "maker", "manufacturer", "miner", "network", "operator",
    "outfit", "portal", "provider", "publisher", "regulator", "retailer",
    "service", "side", "site", "studio", "supermarket", "supplier", "telco",
    "watchdog", "website",
};

/* Capitalised nouns for one person that "the" makes a description of
 * someone named before: "the Scot", "The Culture Secretary", "the MEP". */
static const char *const person_nouns[] = {
    "ambassador", "american", "argentine", "argentinian", "australian",
    "austrian", "belgian", "brazilian", "briton", "bulgarian", "canadian",
    "chancellor", "commissioner", "croat", "czech", "dane", "dutchman",
    "englishman", "finn", "frenchman", "frenchwoman", "german", "governor",
    "greek", "irishman", "italian", "judge", "kiwi", "mayor", "mep",
    "minister", "mp", "msp", "norwegian", "pole", "premier", "president",
    "romanian", "russian", "scot", "scotsman", "secretary", "senator",
    "serb", "slovak", "spaniard", "speaker", "swede", "welshman",
};

/*
 * The index of the token before the run of capitalised words (and, for
 * an organisation's name, acronyms, organisation and title words: "SBC
 * Communications", "Mental Health America") that ends at tk->v[head]
 * ("Senate Ethics Committee Chairman [Chris Coons]") in *before, with the
 * run's length in *names; false when the run is empty, reaches the start
 * or holds a word that cannot be part of a name.
 */
static bool
before_name(const char *c, const struct cdk_toks *tk, size_t head,
            bool org, size_t *before, size_t *names)
{
    size_t k = head + 1;

    *names = 0;
    while (k > 0) {
        const struct cdk_tok *t = &tk->v[k - 1];
        const char *w = c + t->start;
        size_t len = t->end - t->start;
        if (!t->word)
            return false;
        if (!t->cap || (t->upper && !org) ||
            (!org && cdk_entities_person_title(w, len)) ||
            (t->cls & (org ? CDK_LEX_STOP
                                : CDK_LEX_ORG | CDK_LEX_OUTLET | CDK_LEX_STOP))) {
            *before = k - 1;
            return *names > 0;
        }
        (*names)++;
        k--;
    }
    return false;
}

/*
 * "Senate Ethics Committee Chairman Chris Coons", "House Democratic
 * leader Hakeem Jeffries", "Co-author Ben Biller of the University of
 * Edinburgh", "The Libertine's executive producer Marc Samuelson": a
 * title or role right before the capitalised name that heads the phrase
 * makes it a person, whatever institution comes first.
 */
static bool
titled_name(const char *c, const struct cdk_toks *tk, size_t head)
{
    /* words of a title that are none alone: "Health" of "Health
     * Secretary", but "Mental Health America" */
    static const char *const title_parts[] = {
        "crown", "defence", "defense", "deputy", "finance",
        "foreign", "health", "home", "interior", "prime", "shadow", "state",
        "vice",
    };
    size_t k, names;
    const char *w;
    size_t len;

    if (!before_name(c, tk, head, false, &k, &names))
        return false;
    w = c + tk->v[k].start;
    len = tk->v[k].end - tk->v[k].start;
    if (tk->v[k].cap && WORD_IN(w, len, title_parts))
        return false;
    return cdk_entities_person_title(w, len) ||
           (!tk->v[k].cap && !tk->v[k].upper && WORD_IN(w, len, person_roles));
}

/* "City consultancy Deloitte", "UK broadcaster Virgin Radio": a noun for
 * a business right before the capitalised name that heads the phrase. */
static bool
org_named(const char *c, const struct cdk_toks *tk, size_t head)
{
    size_t k, names;

    return before_name(c, tk, head, true, &k, &names) && !tk->v[k].cap &&
           !tk->v[k].upper &&
           WORD_IN(c + tk->v[k].start, tk->v[k].end - tk->v[k].start,
                   org_nouns);
}

/* The kind a source's document speaks for: "the CDC report", "state data". */
static enum cdk_claimant_kind
document_kind(bool outlet, size_t caps)
{
    return outlet     ? CDK_CLAIMANT_OUTLET
           : caps > 0 ? CDK_CLAIMANT_ORGANISATION
                      : CDK_CLAIMANT_ANONYMOUS;
}

/* The head noun of c: the last word before "of", "close to", a comma...
 * (CDK_LEX_HEAD_STOP; the '.' of "Sen." is no boundary); its index in
 * *hi, or NULL. */
static const struct cdk_tok *
head_word(const char *c, const struct cdk_toks *tk, size_t *hi)
{
    const struct cdk_tok *head = NULL;
    size_t i;

    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *t = &tk->v[i];
        bool stop = t->word ? (t->cls & CDK_LEX_HEAD_STOP) != 0
                            : c[t->start] != '.';
        if (!t->word && !stop)
            continue;
        if (stop && head)
            break;
        if (t->word) {
            head = t;
            *hi = i;
        }
    }
    return head;
}

/* The first word of "Few in Westminster", "Many of the protesters":
 * part of a group ... */
static const char *const group_parts[] = {
    "all",       "both",     "dozens",   "few",      "half",    "hundreds",
    "many",      "millions", "most",     "none",     "others",  "several",
    "some",      "thousands",
};
/* ... and the word after it */
static const char *const group_links[] = {"among", "at", "in", "inside",
                                          "of", "on", "within"};

/* cdk_attribute_kind on the claimant c and its tokens tk (each word's
 * cls its cdk_lex_class). *bare (when bare is not NULL) tells whether the
 * kind is only what capitalised words with nothing else to go on give: a
 * person ("Yukos", "Mido"). */
static enum cdk_claimant_kind
kind_of(const char *c, size_t n, const struct cdk_toks *tk, bool *bare)
{
    const struct cdk_tok *head;
    size_t i, caps = 0, words = 0, hi = 0;
    bool outlet = false, org = false, anon = false, acronym = false,
         pron = false, first_det = false;
    bool the = tk->n >= 2 && tk->v[0].word &&
               LEX_IS(c + tk->v[0].start, tk->v[0].end - tk->v[0].start,
                      "the");

    /* "the 21-year-old": someone described by age */
    if (n >= 9 && memcmp(c + n - 9, "-year-old", 9) == 0)
        return CDK_CLAIMANT_PERSON;
    /* "The Mail on Sunday", "Scotland on Sunday": a paper */
    if (n > 10 && memcmp(c + n - 10, " on Sunday", 10) == 0)
        return CDK_CLAIMANT_OUTLET;
    for (i = 0; i < tk->n; i++) {
        const struct cdk_tok *t = &tk->v[i];
        const char *w = c + t->start;
        size_t len = t->end - t->start;
        unsigned cls = t->cls;
        if (!t->word)
            continue;
        words++;
        if (words == 1 && (cls & CDK_LEX_DET))
            first_det = true;
        if (words == 1 && tk->n == 1 && (cls & CDK_LEX_PRONOUN))
            pron = true;
        if ((t->cap || t->upper) && (cls & CDK_LEX_OUTLET))
            outlet = true;
        if ((cls & CDK_LEX_ORG) && (t->cap || t->upper))
            org = true;
        if (cls & CDK_LEX_ANON)
            anon = true;
        if (t->upper && len >= 2 && len <= 6 && !t->digit)
            acronym = true;
        /* "TimeWarner", "YouTube": a brand, not a person -- but
         * "McGrew", "DeSantis", "DiCaprio", "LeBron" are names. */
        if (t->cap && !t->upper && len >= 4) {
            size_t j;
            for (j = 1; j < len; j++)
                if (w[j] >= 'A' && w[j] <= 'Z' && w[j - 1] >= 'a' &&
                    w[j - 1] <= 'z' && !name_prefix(w, j))
                    org = true;
        }
        if ((t->cap || t->upper) && !(cls & (CDK_LEX_STOP | CDK_LEX_DET)))
            caps++;
    }
    /* "Few in Westminster", "Many of the protesters", "some on the
     * left": a share of a group, not anyone named in it */
    if (tk->n >= 3 && tk->v[0].word && tk->v[1].word &&
        WORD_IN(c + tk->v[0].start, tk->v[0].end - tk->v[0].start,
                group_parts) &&
        WORD_IN(c + tk->v[1].start, tk->v[1].end - tk->v[1].start,
                group_links))
        return CDK_CLAIMANT_ANONYMOUS;
    /* "he", "she"; "they" with no group named before: unnamed people */
    if (pron)
        return LEX_IS(c, n, "they") ? CDK_CLAIMANT_ANONYMOUS
                                        : CDK_CLAIMANT_PERSON;

    if (bare)
        *bare = false;
    head = head_word(c, tk, &hi);
    if (head && titled_name(c, tk, hi))
        return CDK_CLAIMANT_PERSON;
    /* "National Bureau of Statistics chief Li Deshui": the name after
     * the role ends the phrase */
    if (head && (head->cap || head->upper) && !(head->cls & CDK_LEX_ANON) &&
        tk->v[tk->n - 1].word &&
        tk->v[tk->n - 1].cap && !tk->v[tk->n - 1].upper &&
        titled_name(c, tk, tk->n - 1))
        return CDK_CLAIMANT_PERSON;
    if (head && (head->cap || head->upper) && org_named(c, tk, hi))
        return outlet ? CDK_CLAIMANT_OUTLET : CDK_CLAIMANT_ORGANISATION;
    /* "research published in Nature", "court documents filed by X",
     * "an outbreak update this week from the CDC": a document opens the
     * phrase, its source comes later */
    for (i = 0; i < tk->n && i < 4; i++) {
        const struct cdk_tok *t = &tk->v[i];
        if (!t->word || (t->cls & CDK_LEX_DET))
            continue;
        if (!t->cap && (t->cls & CDK_LEX_DOCUMENT))
            return document_kind(outlet, caps);
    }
    if (head) {
        unsigned hcls = head->cls;
        const struct cdk_tok *first = &tk->v[the ? 1 : 0];
        /* "Democrats pushing the bill", "Labour campaign chiefs",
         * "Labour and the Liberal Democrats": a party -- but "Labour
         * election coordinator Alan Milburn" is a person */
        if (tk->n > 0 && (first->cap || first->upper) &&
            (first->cls & CDK_LEX_PARTY) &&
            ((hcls & CDK_LEX_PARTY) || !(head->cap || head->upper) ||
             (hcls & CDK_LEX_ANON)))
            return CDK_CLAIMANT_ORGANISATION;
        if (!head->cap && (hcls & CDK_LEX_DOCUMENT))
            return document_kind(outlet, caps);
        /* "Vedomosti newspaper", "the magazine": an outlet */
        if (hcls & CDK_LEX_MEDIA)
            return CDK_CLAIMANT_OUTLET;
        /* "the Drug Enforcement Administration": a name */
        if ((head->cap || head->upper) && (hcls & CDK_LEX_ORG) && !outlet)
            return CDK_CLAIMANT_ORGANISATION;
        if ((hcls & CDK_LEX_ANON) && !outlet)
            return CDK_CLAIMANT_ANONYMOUS;
        if ((hcls & CDK_LEX_ORG) && !outlet)
            return CDK_CLAIMANT_ORGANISATION;
    }
    /* "Paramount", "the BBC": the gazetteer knows the whole name. */
    {
        size_t off = the ? tk->v[1].start : 0;
        if (cdk_entities_name_kind(c + off, n - off) ==
            CDK_ENTITY_ORGANISATION)
            return outlet ? CDK_CLAIMANT_OUTLET : CDK_CLAIMANT_ORGANISATION;
    }
    /* "the Scot", "The Culture Secretary": one person, described */
    if (the && head && hi + 1 == tk->n && hi <= 3 && (head->cap || head->upper) &&
        WORD_IN(c + head->start, head->end - head->start, person_nouns))
        return CDK_CLAIMANT_PERSON;
    /* "the U.S. Drought Monitor", "The Economic Policy Institute": a
     * name with an article is an institution, not a person. */
    if (!outlet && the && (tk->v[1].cap || tk->v[1].upper))
        return CDK_CLAIMANT_ORGANISATION;
    if (outlet && words <= 6)
        return CDK_CLAIMANT_OUTLET;
    if (org || (acronym && caps <= 2))
        return CDK_CLAIMANT_ORGANISATION;
    if (anon && (first_det || caps == 0))
        return CDK_CLAIMANT_ANONYMOUS;
    if (caps > 0) {
        if (bare)
            *bare = true;
        return CDK_CLAIMANT_PERSON;
    }
    return CDK_CLAIMANT_ANONYMOUS;
}

/* The tokens of t[0..n) with each word's lists: in one pass, or (plain,
 * for the tests) with the first tokenizer and one lookup per listed
 * word, the reference the fast pass must agree with. */
static void
tokens_of(const char *t, size_t n, struct cdk_toks *tk, bool plain)
{
    size_t i;

    if (!plain) {
        cdk_lex_tokenize_cls(t, n, tk);
        return;
    }
    cdk_lex_tokenize_ref(t, n, tk);
    for (i = 0; i < tk->n; i++)
        if (tk->v[i].word)
            tk->v[i].cls = cdk_lex_class_ref(t + tk->v[i].start,
                                             tk->v[i].end - tk->v[i].start);
}

/* cdk_attribute_kind with tk as the scratch buffer for its tokens (*bare
 * as kind_of's) */
static enum cdk_claimant_kind
claimant_kind(const char *c, struct cdk_toks *tk, bool plain, bool *bare)
{
    size_t n = strlen(c);

    tokens_of(c, n, tk, plain);
    return kind_of(c, n, tk, bare);
}

enum cdk_claimant_kind
cdk_attribute_kind(const char *c)
{
    struct cdk_toks tk = CDK_TOKS_INIT;
    enum cdk_claimant_kind k = claimant_kind(c, &tk, false, NULL);

    cdk_toks_release(&tk);
    return k;
}

/* Index of the matching closing '"' after t[open], or n. */
static size_t
close_quote(const char *t, size_t n, size_t open)
{
    const char *q = memchr(t + open + 1, '"', n - open - 1);
    return q ? (size_t)(q - t) : n;
}

/* Nesting of quotations and brackets while looking for top-level
 * commas. */
struct nest {
    int depth;
    bool inq;
};

/* Feed one of the bytes " ( ) [ ] , to st: is it a top-level comma? */
static inline bool
nest_step(struct nest *st, char c)
{
    if (c == '"')
        st->inq = !st->inq;
    else if (c == '(' || c == '[')
        st->depth++;
    else if ((c == ')' || c == ']') && st->depth > 0)
        st->depth--;
    else
        return c == ',' && st->depth == 0 && !st->inq;
    return false;
}

/* The next top-level ',' at or after i (outside quotes and brackets). */
static size_t
next_comma(const char *t, size_t n, size_t i, size_t lim)
{
    struct nest st = {0, false};

    /* the bytes that matter, as bits: " ( ) , below 64, [ ] above */
    const uint64_t low = (1ULL << '"') | (1ULL << '(') | (1ULL << ')') |
                         (1ULL << ',');
    const uint64_t high = (1ULL << ('[' - 64)) | (1ULL << (']' - 64));

    if (lim > n)
        lim = n;
    for (; i < lim; i++) {
        unsigned char u = (unsigned char)t[i];
        if (u < 64 ? !((low >> u) & 1) : u >= 128 || !((high >> (u - 64)) & 1))
            continue;
        if (nest_step(&st, t[i]))
            return i;
    }
    return n;
}

/* Strip determiners of the source ("reports from", "a report by"). */
static void
clean_source(const char *t, size_t *a, size_t *b)
{
    static const char *const lead[] = {
        "reports from ", "reports by ", "a report from ", "a report by ",
        "a report in ",  "reporting by ", "reports in ", "a statement from ",
        "data from ", "figures from ", "a new report from ",
    };
    size_t i;

    while (*a < *b && (t[*a] == ' ' || t[*a] == ','))
        (*a)++;
    while (*b > *a && (t[*b - 1] == ' ' || t[*b - 1] == '.' ||
                       t[*b - 1] == ',' || t[*b - 1] == ':' ||
                       t[*b - 1] == '"'))
        (*b)--;
    for (i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
        size_t k = strlen(lead[i]);
        if (*b - *a > k && cdk_clean_find(t + *a, k, lead[i]) == 0) {
            *a += k;
            break;
        }
    }
}

/* Trim a content range: spaces, leading ':' ',' and trailing ',' '-'. */
static void
trim_content(const char *t, size_t *a, size_t *b)
{
    while (*a < *b && (t[*a] == ' ' || t[*a] == ':' || t[*a] == ','))
        (*a)++;
    while (*b > *a && (t[*b - 1] == ' ' || t[*b - 1] == ',' ||
                       t[*b - 1] == '-' || t[*b - 1] == ':'))
        (*b)--;
}

struct sent {
    const char *t;
    size_t n;
    struct cdk_toks tk;
    bool it_known; /* an organisation has spoken: "it said" resolves */
    bool plain;    /* the reference scans (cdk_attribute_sentence_ref) */
    /* From one pass over the tokens (scan_tokens; not when plain): */
    size_t commas[16], ncommas; /* the last 16 top-level commas */
    size_t last_according;      /* last_according_to() */
    size_t first_long;          /* the first word of 10 bytes or more */
    size_t first_speech;        /* the first CDK_LEX_SPEECH word after k0
                                 * ((size_t)-1: none; 0: not known) */
    bool no_cue;  /* no word a tail or hearsay could hang on (cue_free;
                   * false when not known) */
    size_t k0;     /* subject_start(), once tokens and classes are in */
};

/* First token index starting at or after byte i. */
static size_t
tok_at(const struct sent *s, size_t i)
{
    return cdk_toks_first_at(&s->tk, i);
}

/* Token k is the word w[0..n) (any case). */
static inline bool
tok_is_n(const struct sent *s, size_t k, const char *w, size_t n)
{
    return k < s->tk.n && s->tk.v[k].end - s->tk.v[k].start == n &&
           cdk_lex_eq(s->t + s->tk.v[k].start, n, w);
}

/* ... with a string literal (its length known: most tokens are not
 * compared at all) */
#define tok_is(s, k, lit) tok_is_n((s), (k), "" lit, sizeof(lit) - 1)

static bool
tok_is_punct(const struct sent *s, size_t k, char c)
{
    return k < s->tk.n && !s->tk.v[k].word && s->t[s->tk.v[k].start] == c;
}

/*
 * next_comma(s->t, n, i, lim) for n <= s->n, by the tokens: the bytes it
 * looks at (" ( ) , [ ]) are never word bytes nor inside a word, so each
 * is a one-byte token of its own, and the words between need no look.
 */
static size_t
next_comma_tok(const struct sent *s, size_t n, size_t i, size_t lim)
{
    size_t k;
    struct nest st = {0, false};

    if (s->plain)
        return next_comma(s->t, n, i, lim);
    if (lim > n)
        lim = n;
    for (k = tok_at(s, i); k < s->tk.n && s->tk.v[k].start < lim; k++) {
        if (s->tk.v[k].word)
            continue;
        if (nest_step(&st, s->t[s->tk.v[k].start]))
            return s->tk.v[k].start;
    }
    return n;
}

/* Has w[0..len), len >= 10, an 'r' with a 'y' nine bytes on (any case),
 * as "reportedly" has? Most long words have none, and are told so
 * without the search. */
static bool
r_to_y(const char *w, size_t len)
{
    size_t p;

    for (p = 0; p + 10 <= len; p++)
        if ((w[p] | 0x20) == 'r' && (w[p + 9] | 0x20) == 'y')
            return true;
    return false;
}

/* Does a word of s contain "reportedly" (any case)? The same as
 * searching the text: ten letters can only lie inside one word. */
static bool
has_reportedly(const struct sent *s)
{
    size_t k;

    if (s->plain)
        return cdk_clean_find(s->t, s->n, "reportedly") != (size_t)-1;
    for (k = s->first_long; k < s->tk.n; k++) {
        const struct cdk_tok *t = &s->tk.v[k];
        if (t->word && t->end - t->start >= 10 &&
            r_to_y(s->t + t->start, t->end - t->start) &&
            cdk_clean_find(s->t + t->start, t->end - t->start,
                           "reportedly") != (size_t)-1)
            return true;
    }
    return false;
}

/* Is token a (not the last) "according" after a space, then one space
 * and "to" with a space after it: " according to "? */
static bool
according_to_at(const struct sent *s, const struct cdk_tok *a)
{
    const struct cdk_tok *b = a + 1;

    return a->end - a->start == 9 && a->start > 0 &&
           s->t[a->start - 1] == ' ' && s->t[a->end] == ' ' &&
           b->start == a->end + 1 && b->end - b->start == 2 &&
           b->end < s->n && s->t[b->end] == ' ' &&
           LEX_IS(s->t + a->start, 9, "according") &&
           LEX_IS(s->t + b->start, 2, "to");
}

/*
 * Where the last " according to " of s starts (its space), or s->n. By
 * the tokens (scan_tokens): the word "according" after a space, one
 * space, the word "to" and a space after it are exactly the places the
 * text has it.
 */
static size_t
last_according_to(const struct sent *s)
{
    if (s->plain) {
        size_t p2 = 0, q, last = s->n;
        while ((q = cdk_clean_find(s->t + p2, s->n - p2, " according to ")) !=
               (size_t)-1) {
            last = p2 + q;
            p2 = last + 1;
        }
        return last;
    }
    return s->last_according;
}

/* The participles of hearsay: "is said to", "was widely reported as",
 * "is understood that" (hearsay, cue_free). */
static const char *const hearsay_words[] = {
    "alleged", "believed", "reported", "rumored", "rumoured",
    "said",    "thought",  "understood"};

/*
 * Has s, whose words are in no CDK_LEX_SPEECH list, no word a tail
 * (parse_tail: "according to", "per" or a speech verb) or hearsay (one
 * of hearsay_words) could start from? Then trail() and hearsay() find
 * nothing, and are not asked: most sentences quote nobody. The words
 * are told by length and first letter, not by a search of the lists
 * (that costs 2% of all extraction): a word added to hearsay_words that
 * is no speech verb must be added here too (test_attribute_fast's
 * attribution_generated fails otherwise).
 */
static bool
cue_free(const struct sent *s)
{
    const struct cdk_tok *v = s->tk.v;
    const char *text = s->t;
    size_t k, nt = s->tk.n;

    for (k = 0; k < nt; k++) {
        const struct cdk_tok *t = &v[k];
        const char *w = text + t->start;
        size_t len = t->end - t->start;
        /* a word of another first letter is no cue: the call is spared */
        char c0 = (char)(*w | 0x20);
        bool cue;
        if (!t->word)
            continue;
        switch (len) {
        case 3:
            cue = c0 == 'p' && LEX_IS(w, len, "per");
            break;
        case 7:
            cue = (c0 == 't' && LEX_IS(w, len, "thought")) ||
                  (c0 == 'r' && LEX_IS(w, len, "rumored"));
            break;
        case 8:
            cue = c0 == 'r' && LEX_IS(w, len, "rumoured");
            break;
        case 9:
            cue = c0 == 'a' && LEX_IS(w, len, "according");
            break;
        case 10:
            cue = c0 == 'u' && LEX_IS(w, len, "understood");
            break;
        default:
            cue = false;
        }
        if (cue)
            return false;
    }
    return true;
}

/*
 * One pass over the tokens for what trail() and has_reportedly() need:
 * the top-level commas (next_comma from each one on gives the same: it
 * starts afresh in the state the pass is in at such a comma; the bytes
 * it looks at, " ( ) , [ ], are one-byte tokens of their own), the last
 * " according to " and whether a word is long enough to hold
 * "reportedly" (ten letters lie inside one word).
 */
static void
scan_tokens(struct sent *s)
{
    /* What the pass finds is kept in locals until it ends: a store to
     * s->first_long (a size_t) could otherwise be taken to change
     * s->tk.n, and each token would reload the array and its length. */
    const struct cdk_tok *v = s->tk.v;
    size_t k, nc = 0, nt = s->tk.n, k0 = s->k0;
    size_t last_according = s->n, first_long = nt;
    size_t first_speech = (size_t)-1;
    unsigned classes = 0;
    struct nest st = {0, false};

    for (k = 0; k < nt; k++) {
        const struct cdk_tok *t = &v[k];
        char b;
        if (t->word) {
            size_t len = t->end - t->start;
            classes |= t->cls;
            if ((t->cls & CDK_LEX_SPEECH) && k > k0 &&
                first_speech == (size_t)-1)
                first_speech = k;
            if (len >= 10) {
                if (first_long == nt)
                    first_long = k;
            } else if (len == 9 && k + 1 < nt && according_to_at(s, t))
                last_according = t->start - 1;
            continue;
        }
        b = s->t[t->start];
        if (nest_step(&st, b)) {
            if (nc == sizeof(s->commas) / sizeof(s->commas[0])) {
                memmove(s->commas, s->commas + 1,
                        (nc - 1) * sizeof(s->commas[0]));
                nc--;
            }
            s->commas[nc++] = t->start;
        }
    }
    s->ncommas = nc;
    s->last_according = last_according;
    s->first_long = first_long;
    s->first_speech = first_speech;
    s->no_cue = !(classes & CDK_LEX_SPEECH) && cue_free(s);
}

static bool
tok_in(const struct sent *s, size_t k, const char *const *list, size_t n)
{
    return k < s->tk.n && s->tk.v[k].word &&
           word_in(s->t + s->tk.v[k].start, s->tk.v[k].end - s->tk.v[k].start,
                   list, n);
}

#define TOK_IN(s, k, list) tok_in((s), (k), (list), sizeof(list) / sizeof((list)[0]))

/* Token k is a word in one of the lexicon lists of mask (its cls). */
static bool
tok_cls(const struct sent *s, size_t k, unsigned mask)
{
    return k < s->tk.n && s->tk.v[k].word && (s->tk.v[k].cls & mask) != 0;
}

static bool speech_use(const struct sent *s, size_t k);

/* "pointed to", "hinted at" at token k: speech_use asks later_speech
 * of these */
static bool
pointing(const struct sent *s, size_t k)
{
    return (tok_is(s, k, "pointed") && tok_is(s, k + 1, "to")) ||
           ((tok_is(s, k, "hinted") || tok_is(s, k, "hints")) &&
            tok_is(s, k + 1, "at"));
}

/* "Few games have hinted at the scope of Spore, but Mr Wright explained
 * that ...": a speech verb with a subject of its own at or after token
 * k; the later speaker says the claim, not what pointed at something
 * (but "He pointed to ... and said ..." is one speaker). Pointing verbs
 * are passed over: asking speech_use of them would ask this again, from
 * each of them, which is exponential in their number. */
static bool
later_speech(const struct sent *s, size_t k)
{
    for (; k < s->tk.n; k++)
        if (s->tk.v[k].word && (s->tk.v[k].cls & CDK_LEX_SPEECH) &&
            !pointing(s, k) && speech_use(s, k) && !tok_is(s, k - 1, "and"))
            return true;
    return false;
}

/* The speech verbs (lex.c) that judge: "X described Y as Z". */
static const char *const describe_verbs[] = {"described", "describes"};

/* "described" at token k describes something as something: an "as"
 * comes later in the sentence (before a quotation or a semicolon), the
 * verb is not passive, and the sentence does not start with it. */
static bool
describing(const struct sent *s, size_t k)
{
    static const char *const passive[] = {"be",   "been", "being", "is",
                                          "was",  "were", "are",   "am",
                                          "widely"};
    size_t j;

    if (k == 0 || TOK_IN(s, k - 1, passive))
        return false;
    for (j = k + 2; j < s->tk.n; j++) {
        const struct cdk_tok *t = &s->tk.v[j];
        if (!t->word && (s->t[t->start] == ';' || s->t[t->start] == '"'))
            return false;
        if (tok_is(s, j, "as"))
            return true;
    }
    return false;
}

/* tok_speech once token k is known to be a word of CDK_LEX_SPEECH. */
static bool
speech_use(const struct sent *s, size_t k)
{
    const struct cdk_tok *p;

    /* "pointed out", "pointed to": not "pointed the gun"; "commented
     * on the reports" says nothing */
    if (tok_is(s, k, "pointed") && !tok_is(s, k + 1, "out"))
        return tok_is(s, k + 1, "to") && !later_speech(s, k + 2);
    if (tok_is(s, k + 1, "at") && (tok_is(s, k, "hinted") || tok_is(s, k, "hints")))
        return !later_speech(s, k + 2);
    if (tok_is(s, k + 1, "on") && tok_is(s, k, "commented"))
        return false;
    /* "Putin described the affair as a provocation": a speech verb only
     * with the "as" of a judgement after it, and not passive ("was
     * described as", "has been described as") */
    if (TOK_IN(s, k, describe_verbs))
        return describing(s, k);
    /* "customers even asked to fly", "has asked to be moved": a
     * request, not something said to be so */
    if (tok_is(s, k + 1, "to") &&
        (tok_is(s, k, "asked") || tok_is(s, k, "asks")))
        return false;
    if (k == 0)
        return true;
    if (s->tk.v[k].cap) /* "the United States", "Consumer Reports" */
        return false;
    p = &s->tk.v[k - 1];
    if (!p->word)
        return true;
    /* "3 states", "two reports": nouns; "the 21-year-old told": a verb */
    if ((p->digit && !memchr(s->t + p->start, '-', p->end - p->start)) ||
        (p->cls & (CDK_LEX_DET | CDK_LEX_QUANTIFIER)))
        return false;
    return true;
}

/*
 * A speech verb at token k: "said", "states", "reports" -- but not the
 * noun after a determiner or a number ("17 states", "many states", "the
 * reports", "his notes"). Inline: most words are no speech verb.
 */
static inline bool
tok_speech(const struct sent *s, size_t k)
{
    return tok_cls(s, k, CDK_LEX_SPEECH) && speech_use(s, k);
}

/* Nouns that end like adverbs: "the family said". */
static const char *const ly_nouns[] = {"ally",   "anomaly", "assembly",
                                       "family", "monopoly", "rally",
                                       "supply"};

/* An adverb in -ly ("strongly", "publicly"), by its ending. */
static bool
tok_ly_adverb(const struct sent *s, size_t k)
{
    const struct cdk_tok *t = &s->tk.v[k];
    size_t n = t->end - t->start;

    return t->word && !t->cap && n > 4 && s->t[t->end - 2] == 'l' &&
           s->t[t->end - 1] == 'y' && !TOK_IN(s, k, ly_nouns);
}

/* The end of a speaker [ka, kb): without trailing adverbs. */
static size_t
speaker_end(const struct sent *s, size_t ka, size_t kb)
{
    while (kb > ka + 1 && !s->tk.v[kb - 1].cap &&
           (tok_cls(s, kb - 1, CDK_LEX_SPEAKER_ADV) || tok_ly_adverb(s, kb - 1)))
        kb--;
    return kb;
}

/* The first top-level comma token in (k0, lim), or 0. */
static size_t
lead_comma(const struct sent *s, size_t k0, size_t lim)
{
    size_t k;

    for (k = k0 + 1; k < s->tk.n && k < lim; k++) {
        const struct cdk_tok *t = &s->tk.v[k];
        if (t->word)
            continue;
        /* "By 8:35 p.m., the CHP reported": a time, not a colon */
        if (s->t[t->start] == ':' && t->start > 0 && t->start + 1 < s->n &&
            s->t[t->start - 1] >= '0' && s->t[t->start - 1] <= '9' &&
            s->t[t->start + 1] >= '0' && s->t[t->start + 1] <= '9')
            continue;
        if (s->t[t->start] == '"' || s->t[t->start] == ':' ||
            s->t[t->start] == ';' || s->t[t->start] == '(')
            return 0;
        /* "12,000" is one number */
        if (s->t[t->start] == ',' && !(t->start > 0 && t->start + 1 < s->n &&
                                       s->t[t->start - 1] >= '0' &&
                                       s->t[t->start - 1] <= '9' &&
                                       s->t[t->start + 1] >= '0' &&
                                       s->t[t->start + 1] <= '9'))
            return k;
    }
    return 0;
}

/* A sentence adverb by its ending ("Inevitably", "Previously",
 * "Interestingly") -- not a name like "Kelly" or "Beverly". */
static bool
tok_adverb_shape(const struct sent *s, size_t k)
{
    static const char *const ends[] = {"ally", "ably", "ibly", "edly", "ngly",
                                       "ntly", "usly", "vely", "ssly", "tely"};
    const struct cdk_tok *t = &s->tk.v[k];
    size_t n = t->end - t->start, i;

    if (!t->word || n < 6)
        return false;
    for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
        if (memcmp(s->t + t->end - 4, ends[i], 4) == 0)
            return true;
    return false;
}

/* A time noun: "year", "week", "March", "Thursday" -- not "may". */
static bool
time_noun(const struct sent *s, size_t k)
{
    return tok_cls(s, k, CDK_LEX_TIME_NOUN) ||
           (tok_cls(s, k, CDK_LEX_TIME) && !tok_is(s, k, "may") &&
            !tok_is(s, k, "yesterday"));
}

static bool has_verb(const struct sent *s, size_t a, size_t b);

/* "Accepting his prize, DiCaprio said", "Writing in the Times, ...": a
 * capitalised -ing word with a lower-case word after it that is no verb
 * ("Beijing has said", "Reading Council said" are subjects). */
static bool
participle_opening(const struct sent *s, size_t k0)
{
    const struct cdk_tok *t = &s->tk.v[k0], *u;
    size_t n = t->end - t->start;

    if (k0 + 1 >= s->tk.n || !t->cap || t->upper || n < 6 ||
        memcmp(s->t + t->end - 3, "ing", 3) != 0)
        return false;
    u = &s->tk.v[k0 + 1];
    return u->word && !u->cap && !u->upper && !u->digit &&
           !cdk_lex_verbish_cls(s->t + u->start, u->end - u->start, u->cls);
}

/* One opening at token k0 (see subject_start): its end, or k0. */
static size_t
skip_opening(const struct sent *s, size_t k0)
{
    size_t c;

    if (k0 >= s->tk.n || !s->tk.v[k0].word)
        return k0;
    if ((tok_cls(s, k0, CDK_LEX_LEAD_CONJ) && !tok_is(s, k0 + 1, "of")) ||
        tok_adverb_shape(s, k0))
        return tok_is_punct(s, k0 + 1, ',') ? k0 + 2 : k0 + 1;
    /* ... with no verb of its own before the comma: "Rising costs are
     * hitting confidence, the CBI says" opens with its subject */
    if (participle_opening(s, k0)) {
        c = lead_comma(s, k0, k0 + MAX_SPEAKER_TOKENS + 8);
        if (c > 0 && !has_verb(s, s->tk.v[k0 + 1].start, s->tk.v[c].start))
            return c + 1;
    }
    if (tok_is(s, k0, "instead")) { /* "Instead of fudging the joins, he" */
        c = lead_comma(s, k0, k0 + MAX_SPEAKER_TOKENS + 8);
        return c > 0 ? c + 1 : s->tk.n;
    }
    if (tok_cls(s, k0, CDK_LEX_LEAD_TIME) && time_noun(s, k0 + 1))
        return tok_is_punct(s, k0 + 2, ',') ? k0 + 3 : k0 + 2;
    if (tok_cls(s, k0, CDK_LEX_LEAD_TIME) && tok_cls(s, k0 + 1, CDK_LEX_LEAD_TIME) &&
        time_noun(s, k0 + 2))
        return tok_is_punct(s, k0 + 3, ',') ? k0 + 4 : k0 + 3;
    if (tok_cls(s, k0, CDK_LEX_LEAD_PREP) ||
        tok_cls(s, k0, CDK_LEX_LEAD_SUB)) {
        /* (the comma is looked for only here and for "instead") */
        c = lead_comma(s, k0, k0 + MAX_SPEAKER_TOKENS + 8);
        if (c > 0)
            return c + 1;
        /* "On Thursday the agency said": a day or month and no comma */
        if (tok_cls(s, k0, CDK_LEX_LEAD_PREP) && time_noun(s, k0 + 1))
            return k0 + 2 < s->tk.n && s->tk.v[k0 + 2].digit ? k0 + 3 : k0 + 2;
        return s->tk.n;
    }
    return k0;
}

/*
 * The token where a sentence's subject can start: after the openings
 * that are not the speaker -- "But", "Furthermore,", "Yesterday", "In its
 * 2023 report,", "For his part,", "But last December,", "Earlier this
 * year", "While X says Y,". 0 when the sentence opens with its subject;
 * s->tk.n when it opens with a phrase or clause whose end cannot be found
 * ("When the man first sought treatment he reported ..."): no speaker
 * leads it then.
 */
static size_t
subject_start(const struct sent *s)
{
    size_t k0 = 0, i;

    for (i = 0; i < 3 && k0 < s->tk.n; i++) {
        size_t next = skip_opening(s, k0);
        if (next == k0)
            break;
        k0 = next;
    }
    return k0;
}

/* Does a name of one to four capitalised words ("David Herzberg") or a
 * "The" phrase ("The firm") start at token k, then a comma (an
 * apposition follows)? */
static bool
apposed_name(const struct sent *s, size_t k)
{
    size_t j = k;

    if (tok_is(s, k, "the")) {
        for (j = k + 1; j < s->tk.n && j < k + 4; j++)
            if (!s->tk.v[j].word || (s->tk.v[j].cls & CDK_LEX_STOP))
                break;
    } else {
        for (; j < s->tk.n && j < k + 4; j++)
            if (!s->tk.v[j].word || !s->tk.v[j].cap)
                break;
    }
    return j > k + (tok_is(s, k, "the") ? 1 : 0) && j < s->tk.n &&
           s->t[s->tk.v[j].start] == ',';
}

/* Is [a, b) believable as a speaker: 1..12 tokens (a name and its
 * apposition between commas: more), some word, no verb other than a
 * speech verb, not starting with a conjunction. */
static bool
speaker_ok(const struct sent *s, size_t ka, size_t kb)
{
    size_t k, words = 0;
    bool after_comma = false;

    if (kb <= ka || kb - ka > MAX_SPEAKER_TOKENS + MAX_APPOSITION_TOKENS)
        return false;
    if (kb - ka > MAX_SPEAKER_TOKENS &&
        !(apposed_name(s, ka) && s->t[s->tk.v[kb - 1].start] == ','))
        return false;
    for (k = ka; k < kb; k++) {
        const struct cdk_tok *t = &s->tk.v[k];
        const char *w = s->t + t->start;
        size_t len = t->end - t->start;
        if (!t->word) {
            if (*w == '"' || *w == ':' || *w == ';')
                return false;
            if (*w == ',') {
                after_comma = true;
                /* "..., as users (reported)", "..., and others (argued)":
                 * a clause, not an apposition */
                if (tok_cls(s, k + 1, CDK_LEX_LEAD_SUB) ||
                    (tok_cls(s, k + 1, CDK_LEX_LEAD_PREP) &&
                     !(k <= ka + 4 && apposed_name(s, ka))) ||
                    tok_is(s, k + 1, "and") || tok_is(s, k + 1, "but") ||
                    tok_is(s, k + 1, "or"))
                    return false;
            }
            continue;
        }
        words++;
        /* "Unions despise the laws and (say)": not a speaker. */
        if (k + 1 == kb && (t->cls & CDK_LEX_STOP) &&
            !(t->cls & CDK_LEX_PRONOUN))
            return false;
        if (k == ka && (LEX_IS(w, len, "and") || LEX_IS(w, len, "but") ||
                        LEX_IS(w, len, "which") ||
                        LEX_IS(w, len, "that") ||
                        (LEX_IS(w, len, "it") &&
                         !(s->it_known && kb == ka + 1)) ||
                        LEX_IS(w, len, "this")))
            return false;
        /* "Some interesting aspects that Fall noted": a relative clause */
        if (k > ka && !after_comma && LEX_IS(w, len, "that"))
            return false;
        /* "When they said", "In court on Thursday ... revealed" */
        if (k == ka && (tok_cls(s, k, CDK_LEX_LEAD_PREP) ||
                        tok_cls(s, k, CDK_LEX_LEAD_SUB)))
            return false;
        if (cdk_lex_verbish_cls(w, len, t->cls) &&
            !(t->cls & CDK_LEX_SPEECH) && !t->cap && !after_comma)
            return false;
    }
    return words > 0;
}

/* The object of "told": "told the press", "told reporters", "told KHN";
 * the particle of "pointed out", "pointed to", "hinted at". */
static size_t
cue_end(const struct sent *s, size_t kverb, size_t lim)
{
    size_t k = kverb + 1, e = s->tk.v[kverb].end;

    if (k < s->tk.n && s->tk.v[k].start < lim &&
        ((tok_is(s, kverb, "pointed") &&
          (tok_is(s, k, "out") || tok_is(s, k, "to"))) ||
         ((tok_is(s, kverb, "hinted") || tok_is(s, kverb, "hints")) &&
          tok_is(s, k, "at"))))
        return s->tk.v[k].end;
    if (!tok_is(s, kverb, "told") && !tok_is(s, kverb, "tells") &&
        !tok_is(s, kverb, "tell"))
        return e;
    if ((tok_is(s, k, "the") || tok_is(s, k, "a") || tok_is(s, k, "an")) &&
        k + 1 < s->tk.n && s->tk.v[k + 1].start < lim)
        k++;
    if (k < s->tk.n && s->tk.v[k].word && s->tk.v[k].start < lim)
        e = s->tk.v[k].end;
    return e;
}

struct found {
    size_t ca, cb;   /* claimant, normalised offsets */
    size_t qa, qb;   /* cue */
    size_t xa, xb;   /* content */
    bool quote;
    bool hit;
    bool intro; /* "He said:" ends the sentence: the next quotation's */
};

static bool noun_object(const struct sent *s, size_t k, size_t x);

/*
 * A tail like "one senior aide told the press", "said Chuck Dougherty,
 * the owner of ...", "he said", "according to NOAA": fill f's claimant
 * and cue from t[a..b).
 */
static bool
parse_tail(const struct sent *s, size_t a, size_t b, struct found *f,
           bool after_quote)
{
    size_t ka = tok_at(s, a), kb, k;

    while (b > a && (s->t[b - 1] == '.' || s->t[b - 1] == ' ' ||
                     s->t[b - 1] == '!'))
        b--;
    kb = tok_at(s, b);
    if (ka >= kb)
        return false;
    if (tok_is(s, ka, "according") && tok_is(s, ka + 1, "to")) {
        f->qa = s->tk.v[ka].start;
        f->qb = s->tk.v[ka + 1].end;
        f->ca = f->qb;
        f->cb = b;
        clean_source(s->t, &f->ca, &f->cb);
        return f->cb > f->ca;
    }
    if (tok_is(s, ka, "per") && kb - ka <= 6) {
        f->qa = s->tk.v[ka].start;
        f->qb = s->tk.v[ka].end;
        f->ca = f->qb;
        f->cb = b;
        clean_source(s->t, &f->ca, &f->cb);
        return f->cb > f->ca;
    }
    /* "said X[, apposition]" */
    if (tok_speech(s, ka)) {
        size_t e = next_comma_tok(s, b, s->tk.v[ka].end, b);
        f->qa = s->tk.v[ka].start;
        f->qb = s->tk.v[ka].end;
        f->ca = s->tk.v[ka].end;
        f->cb = e;
        clean_source(s->t, &f->ca, &f->cb);
        return f->cb > f->ca && speaker_ok(s, tok_at(s, f->ca),
                                           tok_at(s, f->cb));
    }
    /* (after a quotation the speaker may be followed by anything:
     * '"...," Blinken said in response to a question about ...') */
    if (!after_quote && kb - ka > MAX_SPEAKER_TOKENS + 3)
        return false;
    /* "..., as users reported": the speaker follows "as" */
    if (tok_is(s, ka, "as") && ka + 2 < kb)
        ka++;
    /* "X said [rest]" */
    for (k = ka + 1; k < kb && k < ka + MAX_SPEAKER_TOKENS + 1; k++) {
        if (!tok_speech(s, k))
            continue;
        if (!speaker_ok(s, ka, speaker_end(s, ka, k)))
            return false;
        f->ca = s->tk.v[ka].start;
        f->cb = s->tk.v[speaker_end(s, ka, k) - 1].end;
        f->qa = s->tk.v[k].start;
        f->qb = cue_end(s, k, b);
        /* Anything after the cue must be short (a time, "in a statement"),
         * unless the content is the quotation before it; and no object
         * ("..., Ed Balls hinted at a Budget giveaway") */
        if (!after_quote && (tok_at(s, f->qb) + 8 < kb ||
                             (k + 1 < kb && noun_object(s, k, k + 1))))
            return false;
        return true;
    }
    return false;
}

/* "According to X, CONTENT" and "As reported by X, CONTENT". */
static bool
lead_according(const struct sent *s, struct found *f)
{
    static const char *const cues[] = {"according to ", "as reported by ",
                                       "as mentioned by ", "as noted by ",
                                       "as stated by ", "as explained by ",
                                       "as reported in ", "per "};
    size_t i, b0 = 0;

    /* "But according to the CDC, ...", "However, according to ..." */
    if (s->tk.n > 2 && tok_cls(s, 0, CDK_LEX_LEAD_CONJ)) {
        b0 = s->tk.v[1].start;
        if (s->t[b0] == ',')
            b0 = s->tk.v[2].start;
    }
    /* every cue starts with 'a' or 'p' ("|= 0x20" makes 'A' 'a' and
     * 'P' 'p', and no other byte either) */
    if (!s->plain && (s->n <= b0 || ((s->t[b0] | 0x20) != 'a' &&
                                     (s->t[b0] | 0x20) != 'p')))
        return false;
    for (i = 0; i < sizeof(cues) / sizeof(cues[0]); i++) {
        size_t k = b0 + strlen(cues[i]), c;
        if (s->n <= k ||
            (s->plain ? cdk_clean_find(s->t + b0, k - b0, cues[i]) != 0
                      : !cdk_lex_eq(s->t + b0, k - b0, cues[i])))
            continue;
        c = next_comma_tok(s, s->n, k, k + 160);
        if (c >= s->n)
            return false;
        f->qa = b0;
        f->qb = k - 1;
        f->ca = k;
        f->cb = c;
        clean_source(s->t, &f->ca, &f->cb);
        f->xa = c + 1;
        f->xb = s->n;
        return f->cb > f->ca;
    }
    return false;
}

/* After "said": "on Friday that", "in a statement that": the token after
 * "that", or x when there is no such short adjunct. */
static size_t
skip_to_that(const struct sent *s, size_t x)
{
    size_t j;

    for (j = x + 1; j < s->tk.n && j <= x + 5; j++) {
        const struct cdk_tok *t = &s->tk.v[j];
        if (!t->word)
            return x;
        if (LEX_IS(s->t + t->start, t->end - t->start, "that"))
            return j + 1 < s->tk.n ? j + 1 : x;
        if (cdk_lex_verbish_cls(s->t + t->start, t->end - t->start, t->cls))
            return x;
    }
    return x;
}

/* "them", "it", "him": a verb with such an object says nothing. */
static bool
object_pronoun(const struct sent *s, size_t k)
{
    static const char *const objects[] = {"him", "it", "me", "them", "us"};

    /* "declared himself satisfied": whatever follows */
    static const char *const reflexive[] = {"herself", "himself", "itself",
                                            "myself", "themselves"};

    return (TOK_IN(s, k, objects) &&
            (k + 1 >= s->tk.n || !s->tk.v[k + 1].word)) ||
           TOK_IN(s, k, reflexive);
}

/* Words before a speech verb that say it has not been said. */
static const char *const not_yet[] = {"can",   "could", "may",   "might",
                                      "must",  "shall", "should", "to",
                                      "will",  "would"};

/* Does a clause start at token k: a subject pronoun, a determiner, a
 * possessive or a capitalised word ("told reporters [he] expected")? */
static bool
clause_start(const struct sent *s, size_t k)
{
    static const char *const starts[] = {
        "he",  "she", "they", "it",    "we",  "i",     "the",  "a",
        "an",  "his", "her",  "their", "its", "there", "this", "these"};

    if (k >= s->tk.n || !s->tk.v[k].word)
        return false;
    return s->tk.v[k].cap || tok_in(s, k, starts, sizeof(starts) /
                                                      sizeof(starts[0]));
}

/* "Daiwa added 5.3%", "DirecTV added another channel": "add" is speech
 * only before what opens a statement ("added that", "added:", "added
 * the plan was", a quotation). */
static bool
adds_object(const struct sent *s, size_t k)
{
    static const char *const adds[] = {"add", "adds", "added", "adding"};
    size_t x = k + 1;
    char c;

    if (!tok_in(s, k, adds, sizeof(adds) / sizeof(adds[0])) || x >= s->tk.n)
        return false;
    c = s->t[s->tk.v[x].start];
    if (c == ':' || c == ',' || c == '"' || tok_is(s, x, "that"))
        return false;
    return s->tk.v[x].digit || !clause_start(s, x) || tok_is(s, x, "a") ||
           tok_is(s, x, "an");
}

static bool has_verb(const struct sent *s, size_t a, size_t b);

/*
 * "Apple announced a 5% rise in profits", "The firm confirmed the closure
 * of two plants": the verb at k takes a noun phrase at x (a determiner or
 * a figure, and no verb before the next comma), not a statement. What
 * they say is then the whole sentence; the object alone reads as nothing.
 * Only verbs that often take such an object: "believes a winter break
 * carries ..." is a clause whose verb the lexicon may not know.
 */
static bool
noun_object(const struct sent *s, size_t k, size_t x)
{
    static const char *const takes_object[] = {
        "acknowledge", "acknowledged", "acknowledges", "admit",     "admits",
        "admitted",    "announce",     "announced",    "announces", "claimed",
        "claims",      "confirm",      "confirmed",    "confirms",  "declared",
        "declares",    "denied",       "denies",       "deny",      "disclosed",
        "discloses",   "indicated",    "indicates",    "predict",   "predicted",
        "predicts",    "recalled",     "recalls",      "reiterated", "reiterates",
        "reported",    "reports",      "revealed",     "reveals"};
    /* ... and verbs that are speech only before a clause: "countered
     * criticism", "indicated breakthrough infection" */
    static const char *const clause_only[] = {
        "countered", "disclosed", "discloses", "indicated", "indicates",
        "reiterated", "reiterates"};
    static const char *const possessive[] = {"her", "his", "its", "my",
                                             "our", "their", "your"};
    size_t j, end = s->n;

    if (x != k + 1 || x >= s->tk.n || !s->tk.v[x].word)
        return false;
    /* "He hinted at a rise in rates", "Mr Howard pointed to the IFS's
     * prediction": what they point at is the claim */
    if ((tok_is(s, x, "at") && (tok_is(s, k, "hinted") || tok_is(s, k, "hints"))) ||
        (tok_is(s, x, "to") && tok_is(s, k, "pointed")))
        return true;
    /* "described Ariel Sharon as a man of peace": the judgement needs
     * what it judges */
    if (TOK_IN(s, k, describe_verbs))
        return true;
    if (!TOK_IN(s, k, takes_object) || tok_is(s, x, "that") ||
        !(s->tk.v[x].digit || tok_cls(s, x, CDK_LEX_DET) ||
          TOK_IN(s, x, possessive) ||
          (TOK_IN(s, k, clause_only) && !s->tk.v[x].cap &&
           !tok_cls(s, x, CDK_LEX_PRONOUN | CDK_LEX_STOP))))
        return false;
    for (j = x + 1; j < s->tk.n; j++)
        if (!s->tk.v[j].word && s->t[s->tk.v[j].start] == ',') {
            end = s->tk.v[j].start;
            break;
        }
    return !has_verb(s, s->tk.v[x].start, end);
}

/*
 * "Mr Howard pointed to ...", "analysts hinted at ...": someone points,
 * and the claim is theirs -- but "Few games have hinted at the scope of
 * Spore" and "Evidence has pointed to an upturn" are the article's. For
 * these two verbs the speaker [ka, kb) must have a head that can speak:
 * a capitalised word (not "Evidence"), or a pronoun, organisation,
 * source, document, outlet or party word.
 */
static bool
agent_points(const struct sent *s, size_t ka, size_t kb, size_t k)
{
    static const char *const evidence[] = {"evidence", "findings", "results",
                                           "signs"};
    const unsigned agent = CDK_LEX_PRONOUN | CDK_LEX_ORG | CDK_LEX_ANON |
                           CDK_LEX_DOCUMENT | CDK_LEX_OUTLET |
                           CDK_LEX_MEDIA | CDK_LEX_PARTY;
    size_t j, head = kb;

    if (!((tok_is(s, k, "pointed") && tok_is(s, k + 1, "to")) ||
          ((tok_is(s, k, "hinted") || tok_is(s, k, "hints")) &&
           tok_is(s, k + 1, "at"))))
        return true;
    for (j = ka; j < kb; j++) {
        if (!s->tk.v[j].word)
            continue;
        if ((s->tk.v[j].cls & CDK_LEX_HEAD_STOP) && head < kb)
            break;
        head = j;
    }
    return head < kb && !TOK_IN(s, head, evidence) &&
           (s->tk.v[head].cap || (s->tk.v[head].cls & agent) != 0);
}

/* "TGP reports: CONTENT", "NOAA says CONTENT", "The agency said that ...". */
static bool
lead_speaker(const struct sent *s, struct found *f)
{
    size_t k, lim = s->tk.n < MAX_SPEAKER_TOKENS + 1 ? s->tk.n
                                                     : MAX_SPEAKER_TOKENS + 1;

    size_t k0, kspk;

    if (s->n == 0 || s->t[0] == '"')
        return false;
    /* "But opposition parties say ...", "In December, the CDC warned":
     * the opening is no speaker. */
    k0 = s->k0;
    if (k0 >= s->tk.n)
        return false;
    /* Only a speech verb within reach (tok_speech below) can make a
     * speaker: most sentences have none, and need no closer look
     * (scan_tokens found the first; the plain way looks at them all). */
    if (!s->plain && s->first_speech >= k0 + MAX_SPEAKER_TOKENS + 1 +
                                            MAX_APPOSITION_TOKENS)
        return false;
    if (apposed_name(s, k0))
        lim += MAX_APPOSITION_TOKENS;
    if (lim > s->tk.n)
        lim = s->tk.n;
    if (lim + k0 <= s->tk.n)
        lim += k0;
    else
        lim = s->tk.n;
    for (k = k0 + 1; k < lim; k++) {
        size_t x, xa;
        if (!s->tk.v[k].word)
            continue;
        if (!tok_speech(s, k))
            continue;
        /* "The company will announce the location ...", "wants to say":
         * nothing is said yet */
        if (tok_in(s, k - 1, not_yet, sizeof(not_yet) / sizeof(not_yet[0])))
            return false;
        /* "Altman continued and said that ...": the speaker is before
         * the first verb */
        if (!speaker_ok(s, k0, speaker_end(s, k0, k)) && k >= k0 + 3 &&
            tok_is(s, k - 1, "and") && s->tk.v[k - 2].word &&
            cdk_lex_verbish_cls(s->t + s->tk.v[k - 2].start,
                                s->tk.v[k - 2].end - s->tk.v[k - 2].start,
                                s->tk.v[k - 2].cls) &&
            speaker_ok(s, k0, k - 2)) {
            if (adds_object(s, k))
                return false;
            kspk = k - 2;
        } else if (!speaker_ok(s, k0, speaker_end(s, k0, k)) ||
                   adds_object(s, k)) {
            return false;
        } else {
            kspk = speaker_end(s, k0, k);
        }
        if (!agent_points(s, k0, kspk, k))
            return false;
        /* "Laying into the Tories' record he said": an opening without
         * its comma; the pronoun is the speaker */
        if (kspk >= k0 + 2 && tok_cls(s, kspk - 1, CDK_LEX_PRONOUN) &&
            !tok_is(s, kspk - 1, "it") && !tok_is(s, kspk - 1, "you"))
            k0 = kspk - 1;
        /* "I wrote about ...", "we have said": the author speaks, which
         * is the article's own claim */
        if (kspk == k0 + 1 && (tok_is(s, k0, "i") || tok_is(s, k0, "we")))
            return false;
        /* "It said" needs a resolvable subject; "This says" is not one. */
        x = k + 1;
        if (tok_is(s, k, "pointed") && tok_is(s, x, "out"))
            x++; /* "pointed out that ..." */
        if (x < s->tk.n && s->t[s->tk.v[x].start] == ':') {
            x++;
        } else if (tok_is(s, k, "told") || tok_is(s, k, "tell")) {
            size_t j;
            /* "told reporters that", "told MPs and peers: \"...\"",
             * "told a reporter after the meeting that" */
            for (j = x; j < s->tk.n && j < x + 8; j++)
                if (tok_is(s, j, "that") || s->t[s->tk.v[j].start] == ',' ||
                    s->t[s->tk.v[j].start] == ':')
                    break;
            if (j < s->tk.n && j < x + 8) {
                x = j + 1;
            } else {
                /* "told the Independent he expected ...": the clause
                 * follows the one-word object at once */
                j = tok_at(s, cue_end(s, k, s->n));
                if (j <= x || j + 2 >= s->tk.n || !clause_start(s, j))
                    return false;
                x = j;
            }
        } else if (object_pronoun(s, x)) {
            return false; /* "he emphasized them": no speech */
        } else if (skip_to_that(s, x) > x) {
            x = skip_to_that(s, x); /* "said on Friday that X" */
        } else if (tok_is(s, x, "that") && x + 1 < s->tk.n &&
                   !(s->tk.v[x + 1].word &&
                     cdk_lex_verbish_cls(s->t + s->tk.v[x + 1].start,
                                         s->tk.v[x + 1].end -
                                             s->tk.v[x + 1].start,
                                         s->tk.v[x + 1].cls))) {
            x++; /* "said that X" -- but "say that will not happen" */
        } else if (x < s->tk.n && s->t[s->tk.v[x].start] == ',') {
            /* "He added, on BBC Radio 4's Today programme: \"...\"" */
            size_t j;
            for (j = x + 1; j < s->tk.n && j < x + 12; j++)
                if (!s->tk.v[j].word && s->t[s->tk.v[j].start] != '\'')
                    break;
            if (j + 1 < s->tk.n && s->t[s->tk.v[j].start] == ',' &&
                tok_is(s, j + 1, "that") && tok_cls(s, x + 1, CDK_LEX_LEAD_PREP))
                j++; /* "claimed, with some justification, that ..." */
            else if (j >= s->tk.n || s->t[s->tk.v[j].start] != ':' ||
                     !tok_cls(s, x + 1, CDK_LEX_LEAD_PREP))
                return false; /* "Smith said, ...": a tail elsewhere */
            x = j + 1;
        } else if (x < s->tk.n && s->t[s->tk.v[x].start] == '.') {
            return false;
        }
        /* "tells us the momentum is strong": the object is the cue's */
        if (x == k + 1 && !tok_is(s, k + 1, "at") && !tok_is(s, k + 1, "to") &&
            cue_end(s, k, s->n) > s->tk.v[k].end)
            x = tok_at(s, cue_end(s, k, s->n));
        if (x >= s->tk.n) {
            /* "He said:" and no more: it opens the quotation of the
             * next paragraph */
            if (x != k + 2 || s->t[s->tk.v[k + 1].start] != ':')
                return false;
            f->intro = true;
        }
        xa = f->intro ? s->n : s->tk.v[x].start;
        if (!f->intro && noun_object(s, k, x)) {
            /* "The track claimed the top spot", "Toyota recalled 1m
             * cars": a win, a recall, nothing said */
            if (tok_is(s, k, "claimed") || tok_is(s, k, "claims") ||
                tok_is(s, k, "recalled") || tok_is(s, k, "recalls"))
                return false;
            xa = 0;
        }
        f->ca = s->tk.v[k0].start;
        f->cb = s->tk.v[kspk - 1].end;
        f->qa = s->tk.v[k].start;
        f->qb = cue_end(s, k, s->n);
        f->xa = xa;
        f->xb = s->n;
        /* "Mr Blair told MPs: \"...\"": the quotation is the content */
        if (f->xa < s->n && s->t[f->xa] == '"') {
            size_t q = close_quote(s->t, s->n, f->xa);
            struct found g;
            /* ... or 'X added: "...," she said': the tail repeats the
             * speaker */
            memset(&g, 0, sizeof(g));
            if (q < s->n && (q + 2 >= s->n ||
                             (q > 0 && s->t[q - 1] == ',' &&
                              parse_tail(s, q + 1, s->n, &g, true)))) {
                f->xa++;
                f->xb = q;
                f->quote = true;
            } else if (q >= s->n) {
                /* 'he said: "I have not ... situations.' and the
                 * quotation runs on into the sentences after it */
                f->xa++;
                f->quote = true;
            }
        }
        return true;
    }
    return false;
}

/*
 * t[0..n) is a role with no name in it: "His assistant", "the company's
 * spokesman" -- a determiner or possessive first, no capital after it.
 */
static bool
role_only(const char *t, size_t n)
{
    size_t i = 0, w, words = 1, ws;

    while (i < n && t[i] != ' ')
        i++;
    w = i;
    if (w == 0 || !cdk_lex_determiner(t, w))
        return false;
    /* at most four words, none capitalised, none a verb: not "The pump
     * will work harder" */
    while (i < n) {
        while (i < n && t[i] == ' ')
            i++;
        ws = i;
        while (i < n && t[i] != ' ')
            i++;
        if (i == ws)
            break;
        if (++words > 4 || (t[ws] >= 'A' && t[ws] <= 'Z') ||
            cdk_lex_verbish(t + ws, i - ws))
            return false;
    }
    return true;
}

/*
 * "Formerly one of Mr Brown's closest aides, Ed Balls said": a role with
 * "of" before the comma (r[0..rn)), then a bare name of one to four
 * capitalised words up to the verb or the next comma (nm[0..nn)): the
 * name speaks.
 */
static bool
role_then_name(const char *r, size_t rn, const char *nm, size_t nn)
{
    const char *comma = memchr(nm, ',', nn);
    size_t i = 0, words = 0;

    if (rn < 4 || cdk_clean_find(r, rn, " of ") == (size_t)-1)
        return false;
    if (comma) /* "Head of research, John Smith, said" */
        nn = (size_t)(comma - nm);
    while (nn > 0 && nm[nn - 1] == ' ')
        nn--;
    while (i < nn) {
        if (nm[i] < 'A' || nm[i] > 'Z' || ++words > 4)
            return false;
        while (i < nn && nm[i] != ' ')
            i++;
        while (i < nn && nm[i] == ' ')
            i++;
    }
    return words > 0;
}

/* The first comma of t[a..b) that is not inside a number ("The
 * Conference Board survey of 5,000 households"), or NULL. */
static const char *
speaker_comma(const char *t, size_t a, size_t b)
{
    const char *c = memchr(t + a, ',', b - a);

    while (c && c > t + a && c + 1 < t + b && c[-1] >= '0' && c[-1] <= '9' &&
           c[1] >= '0' && c[1] <= '9')
        c = memchr(c + 1, ',', (size_t)(t + b - c - 1));
    return c;
}

/* " D-N.Y.,", " R-Ky.": a politician's party and state, not a speaker. */
static bool
party_tag(const char *t, size_t n)
{
    size_t i = 0;

    while (i < n && t[i] == ' ')
        i++;
    if (i + 3 > n || (t[i] != 'D' && t[i] != 'R' && t[i] != 'I') ||
        t[i + 1] != '-' || t[i + 2] < 'A' || t[i + 2] > 'Z')
        return false;
    for (i += 3; i < n && t[i] != ',' && t[i] != ' '; i++)
        if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
              t[i] == '.'))
            return false;
    return true;
}

/* Is there a verb among the words of t[a..b)? Not a word after a
 * determiner: "The plan", "his report". */
static bool
has_verb(const struct sent *s, size_t a, size_t b)
{
    size_t k, k0 = tok_at(s, a);

    for (k = k0; k < s->tk.n && s->tk.v[k].end <= b; k++)
        if (s->tk.v[k].word &&
            cdk_lex_verbish_cls(s->t + s->tk.v[k].start,
                                s->tk.v[k].end - s->tk.v[k].start,
                                s->tk.v[k].cls) &&
            !(k > k0 && tok_cls(s, k - 1, CDK_LEX_DET)))
            return true;
    return false;
}

/*
 * Is t[0..c) from token k0 a name and its apposition, with no verb or
 * figure of its own ("David Herzberg, a historian of drugs at the
 * University at Buffalo")? Then the comma at c opens no speaker tail: the
 * speaker is what comes before it.
 */
static bool
apposition(const struct sent *s, size_t k0, size_t c)
{
    size_t k, kc = tok_at(s, c);
    bool comma = false;

    if (k0 >= kc || !s->tk.v[k0].cap)
        return false;
    for (k = k0; k < kc; k++) {
        const struct cdk_tok *t = &s->tk.v[k];
        if (!t->word) {
            if (s->t[t->start] == ',')
                comma = true;
            continue;
        }
        if (t->digit ||
            cdk_lex_verbish_cls(s->t + t->start, t->end - t->start, t->cls))
            return false;
    }
    return comma;
}

/* CONTENT, according to X. / CONTENT, X said. / CONTENT, said X.
 * Tried at each top-level comma from the last one back (the speaker may
 * carry an apposition with commas of its own). */
static bool
trail(const struct sent *s, struct found *f)
{
    size_t commas[16], nc = 0, c, p = 0, k0 = s->k0;
    /* role_only() needs a determiner as the first word, the first token
     * then (letters up to a space or the comma): when it is not one,
     * role_only is false at every comma */
    bool lead_det = s->plain || (s->tk.n > 0 && s->tk.v[0].word &&
                                 s->tk.v[0].start == 0 &&
                                 (s->tk.v[0].cls & CDK_LEX_DET));

    if (!s->plain && s->no_cue)
        return false;
    if (k0 >= s->tk.n)
        k0 = 0;
    /* The top-level commas, the last 16 kept (see scan_tokens). */
    if (s->plain) {
        for (;;) {
            c = next_comma(s->t, s->n, p, s->n);
            if (c >= s->n)
                break;
            if (nc == sizeof(commas) / sizeof(commas[0])) {
                memmove(commas, commas + 1, (nc - 1) * sizeof(commas[0]));
                nc--;
            }
            commas[nc++] = c;
            p = c + 1;
        }
    } else {
        nc = s->ncommas;
        memcpy(commas, s->commas, nc * sizeof(commas[0]));
    }
    /* "The DEA, he added, is ...": a speaker set off by two commas
     * inside the sentence vouches for all of it */
    for (c = 1; c < nc; c++) {
        size_t e;
        /* it interrupts the clause before its verb (not "The pump will
         * work harder, said Chuck Dougherty, the owner of a pub") */
        if (has_verb(s, 0, commas[c - 1]) ||
            !parse_tail(s, commas[c - 1] + 1, commas[c], f, false))
            continue;
        if (tok_speech(s, tok_at(s, commas[c - 1] + 1)) &&
            !has_verb(s, commas[c] + 1, s->n))
            continue;
        /* the aside is all speaker and cue: "he added", "according to
         * Reuters", not "officials said the plan, which ..." */
        e = f->qb > f->cb ? f->qb : f->cb;
        while (e < commas[c] && s->t[e] == ' ')
            e++;
        if (e == commas[c]) {
            f->xa = 0;
            f->xb = s->n;
            return true;
        }
    }
    while (nc-- > 0) {
        /* "During the emergency, the agency said X": an opening is no
         * content, its comma no tail's start */
        /* ... nor "His assistant, (Alice Marchak, said ...)": a role
         * before its name */
        if (commas[nc] == 0 || tok_at(s, commas[nc]) < k0 ||
            party_tag(s->t + commas[nc] + 1, s->n - commas[nc] - 1) ||
            (lead_det && role_only(s->t, commas[nc])) ||
            apposition(s, k0, commas[nc]))
            continue;
        if (parse_tail(s, commas[nc] + 1, s->n, f, false)) {
            /* "Formerly one of his aides, Ed Balls said the Budget
             * would ...": a phrase without a verb before a speaker who
             * is followed by a clause (or a colon) is his apposition,
             * and the clause the content (not "Incidents like this happen, said Mr
             * Thiemann, because ...": the lexicon knows few verbs) */
            if (f->qa > f->cb && tok_at(s, f->qb) < s->tk.n &&
                (has_verb(s, f->qb, s->n) ||
                 s->t[s->tk.v[tok_at(s, f->qb)].start] == ':') &&
                !has_verb(s, 0, commas[nc])) {
                memset(f, 0, sizeof(*f));
                continue;
            }
            f->xa = 0;
            f->xb = commas[nc];
            return true;
        }
    }
    /* "... was ripped off according to a report from the NWS." */
    {
        size_t last = last_according_to(s);
        if (last < s->n && last > 0 && tok_at(s, last) + 10 >= s->tk.n &&
            parse_tail(s, last + 1, s->n, f, false)) {
            f->xa = 0;
            f->xb = last;
            return true;
        }
    }
    return false;
}

/*
 * The closing mark of a quotation that opens inside the sentence and ends
 * it before the speaker ("... think \"X,\" Hamilton said"): the last '"'
 * of an even number, after ',', '?' or '!'; else s->n.
 */
static size_t
mid_quote(const struct sent *s)
{
    const char *p = s->t, *end = s->t + s->n, *open = NULL, *last = NULL;
    size_t marks = 0;

    while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        open = last;
        last = p++;
        marks++;
    }
    if (!last || marks % 2 != 0 || last == s->t)
        return s->n;
    if (last[-1] != ',' && last[-1] != '?' && last[-1] != '!')
        return s->n;
    /* 'X added: "...," she said': the speaker is named before */
    while (open > s->t && open[-1] == ' ')
        open--;
    if (open > s->t && open[-1] == ':')
        return s->n;
    return (size_t)(last - s->t);
}

/* A quotation then its speaker: "...," one aide told the press. */
static bool
quote_tail(const struct sent *s, struct found *f, bool in_quote)
{
    size_t q, xa = 1;

    if (s->n < 3)
        return false;
    if (s->t[0] == '"') {
        q = close_quote(s->t, s->n, 0);
    } else if (!in_quote && (q = mid_quote(s)) < s->n) {
        /* 'Officials don't think "getting every result is right,"
         * Hamilton said.': the speaker vouches for the whole sentence */
        xa = 0;
    } else if (in_quote) {
        /* The last sentence of a quotation opened earlier: it closes
         * with ',"' and names the speaker. */
        const char *p = memchr(s->t, '"', s->n);
        q = p ? (size_t)(p - s->t) : s->n;
        if (q == 0 || q >= s->n ||
            !(s->t[q - 1] == ',' || s->t[q - 1] == '?' || s->t[q - 1] == '!'))
            return false;
        xa = 0;
    } else {
        return false;
    }
    if (q >= s->n)
        return false;
    if (q + 1 >= s->n)
        return false; /* the whole sentence is a quotation */
    if (!parse_tail(s, q + 1, s->n, f, true))
        return false;
    f->xa = xa;
    f->xb = q;
    f->quote = true;
    return true;
}

/*
 * Length of a dateline ("MINNEAPOLIS -- ", "SALT LAKE CITY - ",
 * "WASHINGTON (AP) - ") at the start of t, or 0.
 */
static size_t
dateline(const char *t, size_t n)
{
    size_t i = 0, letters = 0;
    bool place = false; /* after "CITY,": "HARRISBURG, Pennsylvania --" */

    while (i < n && i < 48) {
        char c = t[i];
        if (c >= 'A' && c <= 'Z') {
            letters++;
        } else if (c >= 'a' && c <= 'z') {
            if (!place)
                return 0;
        } else if (c == ',') {
            if (letters < 3)
                return 0;
            place = true;
        } else if (c == ' ' || c == '.' || c == '(' || c == ')' ||
                   c == '\'') {
        } else if (c == '-' && letters >= 3 && i > 0 && t[i - 1] == ' ') {
            while (i < n && (t[i] == '-' || t[i] == ' '))
                i++;
            return i < n ? i : 0;
        } else {
            return 0;
        }
        i++;
    }
    return 0;
}

/* Has a person with this last word spoken in the article so far? */
static bool
known_surname(const struct cdk_attr_ctx *ctx, const char *w, size_t n)
{
    const char *p = ctx->surnames.buf, *end = p + ctx->surnames.len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        if ((size_t)(nl - p) == n && memcmp(p, w, n) == 0)
            return true;
        p = nl + 1;
    }
    return false;
}

/*
 * What an article says of a name elsewhere, for a speaker whose words
 * leave its kind open. Read from the bytes of the body around each
 * occurrence of the name: a handful of words either side, never more.
 */

/* Titles that put a person's name after them ("Mr Mido", "Gov. Cox"). */
static const char *const name_titles[] = {
    "ambassador", "capt", "captain", "chancellor", "col", "commissioner",
    "dame", "dr", "gen", "gov", "governor", "judge", "justice", "king",
    "lady", "lord", "lt", "mayor", "minister", "miss", "mr", "mrs", "ms",
    "pope", "president", "prince", "princess", "prof", "professor", "queen",
    "rep", "rev", "secretary", "sen", "senator", "sgt", "sheikh", "sir",
};

/* A capitalised word before a name that is no first name of it. */
static const char *const not_first_names[] = {
    "african", "american", "arab", "asian", "australian", "brazilian",
    "british", "canadian", "chinese", "dutch", "english", "european",
    "french", "german", "indian", "iranian", "iraqi", "irish", "israeli",
    "italian", "japanese", "korean", "mexican", "pakistani", "polish",
    "russian", "saudi", "scottish", "spanish", "swedish", "swiss",
    "turkish", "welsh",
};

/* "Yukos's shares", "Lycos's chief executive": what a firm has. */
static const char *const org_owned[] = {
    "assets", "board", "chief", "chairman", "customers", "debts",
    "earnings", "employees", "factory", "headquarters", "management",
    "operations", "plant", "products", "profit", "profits", "results",
    "revenue", "revenues", "sales", "share", "shareholders", "shares",
    "stake", "stock", "subscribers", "subsidiary", "workers",
};

/* "Lycos Inc", "Virgin Radio": a word after the name that makes it a
 * firm's. */
static const char *const org_suffixes[] = {
    "ag", "airlines", "airways", "bank", "co", "communications", "corp",
    "corporation", "energy", "entertainment", "group", "holdings", "inc",
    "europe", "global", "international", "llc", "ltd", "media", "mobile",
    "motors", "networks", "nv", "online", "pharmaceuticals", "pictures",
    "plc", "radio", "records", "sa", "software", "studios", "systems",
    "technologies", "telecom", "worldwide",
};

/* "Halifax chief economist", "Yukos shareholders": the firm's people or
 * parts, named after it. */
static const char *const org_people[] = {
    "analyst", "analysts", "board", "boss", "bosses", "chairman", "chief",
    "customers", "director", "directors", "economist", "economists",
    "employees", "executive", "executives", "management", "shareholders",
    "shares", "spokesman", "spokesperson", "spokeswoman", "staff",
    "subscribers", "subsidiary", "users", "workers",
};

/* "an analyst at Gartner": who works at a firm ("hit out at Ferguson"
 * is no evidence). */
static const char *const at_workers[] = {
    "analyst", "analysts", "anyone", "boss", "bosses", "chief",
    "consultant", "dealer", "director", "economist", "economists",
    "employees", "engineer", "engineers", "executive", "executives", "head",
    "insiders", "job", "jobs", "manager", "nobody", "official", "officials",
    "one", "partner", "people", "researcher", "researchers", "scientist",
    "scientists", "someone", "sources", "spokesman", "spokesperson",
    "spokeswoman", "staff", "strategist", "trader", "work", "worked",
    "workers", "working", "works",
};

#define EV_PERSON 1u
#define EV_ORG 2u

/* Is b[i] (of b[0..len)) part of a word: an ASCII letter or digit, '-',
 * an apostrophe between letters ("O'Neill", "Yukos's"), or a non-ASCII
 * letter -- not UTF-8 punctuation (E2 80 xx: quotation marks, dashes;
 * C2 A0: no-break space)? */
static bool
word_byte(const char *b, size_t len, size_t i)
{
    unsigned char c = (unsigned char)b[i];

    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9') || c == '-')
        return true;
    if (c == '\'')
        return i > 0 && i + 1 < len && word_byte(b, len, i - 1) &&
               (((unsigned char)b[i + 1] | 0x20) >= 'a' &&
                ((unsigned char)b[i + 1] | 0x20) <= 'z');
    if (c < 0x80)
        return false;
    if (c == 0xE2 && i + 1 < len && (unsigned char)b[i + 1] == 0x80)
        return false;
    if (c == 0xC2 && i + 1 < len && (unsigned char)b[i + 1] == 0xA0)
        return false;
    if (c < 0xC0 && i > 0) { /* a continuation byte: of what? */
        unsigned char p = (unsigned char)b[i - 1];
        if ((p == 0xE2 && c == 0x80) || (p == 0xC2 && c == 0xA0))
            return false;
        if (i > 1 && p == 0x80 && (unsigned char)b[i - 2] == 0xE2)
            return false;
    }
    return true;
}

/* A word of the body: [s, e), and the bytes between it and the name. */
struct near_word {
    size_t s, e;
    const char *gap; /* NULL when there is no word */
    size_t gapn;
};

/* The word that ends before byte i, within 40 bytes. */
static struct near_word
word_before(const char *b, size_t len, size_t i)
{
    struct near_word w = {0, 0, NULL, 0};
    size_t e = i;

    while (e > 0 && i - e < 40 && !word_byte(b, len, e - 1))
        e--;
    if (e == 0 || !word_byte(b, len, e - 1))
        return w;
    w.e = e;
    w.s = e;
    while (w.s > 0 && e - w.s < 40 && word_byte(b, len, w.s - 1))
        w.s--;
    w.gap = b + e;
    w.gapn = i - e;
    return w;
}

/* The word that starts after byte i, within 40 bytes. */
static struct near_word
word_after(const char *b, size_t len, size_t i)
{
    struct near_word w = {0, 0, NULL, 0};
    size_t s = i;

    while (s < len && s - i < 40 && !word_byte(b, len, s))
        s++;
    if (s >= len || !word_byte(b, len, s))
        return w;
    w.s = s;
    w.e = s;
    while (w.e < len && w.e - s < 40 && word_byte(b, len, w.e))
        w.e++;
    w.gap = b + i;
    w.gapn = s - i;
    return w;
}

/* Is the gap g[0..n) exactly the string lit? */
#define GAP_IS(w, lit)                                                         \
    ((w).gap && (w).gapn == sizeof(lit) - 1 &&                                 \
     memcmp((w).gap, lit, sizeof(lit) - 1) == 0)

#define NW_IN(b, w, list) WORD_IN((b) + (w).s, (w).e - (w).s, list)
#define NW_IS(b, w, lit) LEX_IS((b) + (w).s, (w).e - (w).s, lit)

static bool
nw_cap(const char *b, const struct near_word *w)
{
    return w->gap && b[w->s] >= 'A' && b[w->s] <= 'Z';
}

static bool
nw_lower(const char *b, const struct near_word *w)
{
    return w->gap && b[w->s] >= 'a' && b[w->s] <= 'z';
}

/* "Robinson said he", "Yukos and his" no: a person's pronoun within five
 * words after the name, in the same clause, before any other name. */
static bool
pronoun_follows(const char *b, size_t len, size_t i)
{
    int k;

    for (k = 0; k < 5; k++) {
        struct near_word w = word_after(b, len, i);
        size_t j;
        if (!w.gap || !nw_lower(b, &w))
            return false;
        for (j = 0; j < w.gapn; j++)
            if (w.gap[j] != ' ' && w.gap[j] != ',')
                return false;
        if (NW_IS(b, w, "he") || NW_IS(b, w, "she") || NW_IS(b, w, "his") ||
            NW_IS(b, w, "her") || NW_IS(b, w, "him"))
            return true;
        i = w.e;
    }
    return false;
}

/* The evidence (EV_*) of one occurrence of a name at b[s..e) (e past
 * any "'s"); poss: the name is a possessive; one_word: a name of one
 * word, which a first name before it would complete. */
static unsigned
occurrence_evidence(const char *b, size_t len, size_t s, size_t e, bool poss,
                    bool one_word)
{
    struct near_word p = word_before(b, len, s), n = word_after(b, len, e);
    unsigned ev = 0;

    if (p.gap && (GAP_IS(p, " ") || GAP_IS(p, ". ")) &&
        NW_IN(b, p, name_titles) && nw_cap(b, &p))
        ev |= EV_PERSON; /* "Mr Mido", "Gov. Cox" */
    else if (GAP_IS(p, " ") && nw_lower(b, &p) &&
             (NW_IN(b, p, person_roles) ||
              cdk_entities_person_title(b + p.s, p.e - p.s)))
        ev |= EV_PERSON; /* "striker Mido" */
    else if (GAP_IS(p, " ") && nw_lower(b, &p) && NW_IN(b, p, org_nouns))
        ev |= EV_ORG; /* "the firm Yukos" */
    else if (one_word && GAP_IS(p, " ") && nw_cap(b, &p)) {
        /* "Ahmed Mido": a first name (or an initial, "Samuel L
         * Jackson"), not "But Mido", "Russian Yukos", "Russia's Yukos",
         * "Sony Ericsson" */
        const char *w = b + p.s;
        size_t wn = p.e - p.s;
        int gz = cdk_entities_name_kind(w, wn);
        bool upper = wn >= 2 && w[1] >= 'A' && w[1] <= 'Z';
        if (!upper && !(wn > 2 && w[wn - 2] == '\'') &&
            !(cdk_lex_class(w, wn) &
              (CDK_LEX_STOP | CDK_LEX_DET | CDK_LEX_PRONOUN | CDK_LEX_ORG |
               CDK_LEX_OUTLET | CDK_LEX_LEAD_CONJ | CDK_LEX_LEAD_PREP |
               CDK_LEX_LEAD_SUB | CDK_LEX_LEAD_TIME | CDK_LEX_TIME)) &&
            gz != CDK_ENTITY_ORGANISATION && gz != CDK_ENTITY_PLACE &&
            !WORD_IN(w, wn, not_first_names) && !WORD_IN(w, wn, name_titles) &&
            !(wn == 1 && (*w == 'A' || *w == 'I')))
            ev |= EV_PERSON;
    }
    if (p.gap && GAP_IS(p, ", ") && nw_lower(b, &p) &&
        NW_IN(b, p, org_nouns)) {
        /* "The publisher, Studies Weekly, said" */
        struct near_word p2 = word_before(b, len, p.s);
        if (p2.gap && (cdk_lex_class(b + p2.s, p2.e - p2.s) & CDK_LEX_DET))
            ev |= EV_ORG;
    }
    if (GAP_IS(p, " ") && (NW_IS(b, p, "in") || NW_IS(b, p, "of") ||
                           NW_IS(b, p, "at"))) {
        /* "shares in Yukos", "an analyst at Gartner" */
        struct near_word p2 = word_before(b, len, p.s);
        if (GAP_IS(p2, " ") &&
            (NW_IS(b, p, "at")
                 ? NW_IN(b, p2, at_workers)
                 : NW_IS(b, p2, "shares") || NW_IS(b, p2, "stake") ||
                       NW_IS(b, p2, "takeover")))
            ev |= EV_ORG;
    }
    if (!n.gap)
        return ev;
    if (poss) {
        if (GAP_IS(n, " ") && nw_lower(b, &n) && NW_IN(b, n, org_owned))
            ev |= EV_ORG; /* "Yukos's shares" */
        return ev;
    }
    if (GAP_IS(n, " ") && NW_IN(b, n, org_suffixes) &&
        (nw_cap(b, &n) || NW_IS(b, n, "plc")))
        ev |= EV_ORG; /* "Lycos Inc", "Lycos Europe" */
    else if (GAP_IS(n, " ") && nw_lower(b, &n) && NW_IN(b, n, org_people))
        ev |= EV_ORG; /* "Halifax chief economist" */
    if (GAP_IS(n, ", ")) {
        if (NW_IS(b, n, "which"))
            ev |= EV_ORG; /* "Yukos, which" */
        else if (NW_IS(b, n, "who"))
            ev |= EV_PERSON; /* "Mido, who" */
        else if (n.e - n.s <= 3 && b[n.s] >= '0' && b[n.s] <= '9' &&
                 n.e < len && b[n.e] == ',')
            ev |= EV_PERSON; /* "Mido, 21," */
    }
    if (pronoun_follows(b, len, e))
        ev |= EV_PERSON;
    return ev;
}

/* The evidence (EV_*) the whole of b[0..len) gives of the name w[0..n). */
static unsigned
name_evidence(const char *b, size_t len, const char *w, size_t n,
              bool one_word)
{
    unsigned ev = 0;
    size_t i = 0;
    int gz = cdk_entities_name_kind(w, n);

    /* "Israel has asked", "Texas said": a place speaks for its
     * government */
    if (gz == CDK_ENTITY_PLACE)
        ev |= EV_ORG;
    while (i + n <= len) {
        const char *hit = memmem(b + i, len - i, w, n);
        size_t s, e;
        bool poss = false;
        if (!hit)
            break;
        s = (size_t)(hit - b);
        e = s + n;
        i = e;
        if (s > 0 && word_byte(b, len, s - 1))
            continue;
        if (e + 1 < len && b[e] == '\'' && b[e + 1] == 's' &&
            (e + 2 >= len || !word_byte(b, len, e + 2))) {
            poss = true;
            e += 2;
        } else if (e + 3 < len && (unsigned char)b[e] == 0xE2 &&
                   (unsigned char)b[e + 1] == 0x80 &&
                   (unsigned char)b[e + 2] == 0x99 && b[e + 3] == 's' &&
                   (e + 4 >= len || !word_byte(b, len, e + 4))) {
            poss = true; /* "Yukos’s" */
            e += 4;
        } else if (e < len && word_byte(b, len, e)) {
            continue;
        }
        ev |= occurrence_evidence(b, len, s, e, poss, one_word);
        if (ev == (EV_PERSON | EV_ORG))
            break; /* balanced: nothing more can change it */
    }
    return ev;
}

/*
 * The kind of the claimant c, a bare capitalised name as far as its words
 * go (kind_of's *bare; tk its tokens), weighed by what the article says of
 * it when it is nothing but a name ("Yukos", "Standard Chartered", not
 * "Wales' team physiotherapist Mark Davies"): an organisation when only
 * organisation evidence is found, else a person. Each name is weighed
 * once per article.
 */
static enum cdk_claimant_kind
weigh_name(struct cdk_attr_ctx *ctx, const char *c, const struct cdk_toks *tk)
{
    size_t k, words = 0, ns, ne, n;
    const char *p, *end;
    char verdict;

    /* only a bare name: capitalised words (and '&'), three at most */
    for (k = 0; k < tk->n; k++) {
        const struct cdk_tok *t = &tk->v[k];
        if (!t->word ? c[t->start] != '&'
                     : !(t->cap || t->upper) ||
                           (t->cls & (CDK_LEX_DET | CDK_LEX_STOP)) ||
                           ++words > 3)
            return CDK_CLAIMANT_PERSON;
    }
    if (words == 0)
        return CDK_CLAIMANT_PERSON;
    ns = tk->v[0].start;
    ne = tk->v[tk->n - 1].end;
    n = ne - ns;
    /* weighed before? ("Name" then the verdict byte and '\n') */
    p = ctx->weighed.buf;
    end = p + ctx->weighed.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            break;
        if ((size_t)(nl - p) == n + 1 && memcmp(p, c + ns, n) == 0)
            return nl[-1] == 'o' ? CDK_CLAIMANT_ORGANISATION
                                 : CDK_CLAIMANT_PERSON;
        p = nl + 1;
    }
    /* (an article of thousands of speakers: the rest keep the default,
     * not a read of the whole body each -- quadratic time) */
    if (ctx->weigh_left == 0)
        return CDK_CLAIMANT_PERSON;
    ctx->weigh_left--;
    verdict = name_evidence(ctx->body, ctx->body_len, c + ns, n, words == 1) ==
                      EV_ORG
                  ? 'o'
                  : 'p';
    if (ctx->weighed.len < 4096) {
        (void)cdk_buf_add(&ctx->weighed, c + ns, n);
        (void)cdk_buf_addch(&ctx->weighed, verdict);
        (void)cdk_buf_addch(&ctx->weighed, '\n');
    }
    return verdict == 'o' ? CDK_CLAIMANT_ORGANISATION : CDK_CLAIMANT_PERSON;
}

/*
 * The end of the speaker t[a..b) without a time after it: "Murray on
 * Monday", "The Times on Monday", "Deputy Prime Minister Abdullatif
 * Sener earlier this month" -- but not a paper's name ("The Mail on
 * Sunday", "Scotland on Sunday").
 */
static size_t
time_tail(const struct sent *s, size_t a, size_t b)
{
    static const char *const leads[] = {"earlier", "in",   "last",
                                        "late",    "on",   "over",
                                        "this"};
    static const char *const sunday_papers[] = {"express", "independent",
                                                "mail", "scotland"};
    size_t k = cdk_toks_first_at(&s->tk, b), j;

    if (k < 3 || k > s->tk.n || s->tk.v[k - 1].end != b ||
        !time_noun(s, k - 1) || !TOK_IN(s, k - 2, leads))
        return b;
    j = k - 2;
    if (tok_is(s, j, "this") && tok_is(s, j - 1, "earlier"))
        j--; /* "earlier this month" */
    if (tok_is(s, k - 1, "sunday") && tok_is(s, k - 2, "on") &&
        TOK_IN(s, k - 3, sunday_papers))
        return b;
    if (j == 0 || s->tk.v[j].start <= a || !s->tk.v[j - 1].word)
        return b;
    return s->tk.v[j - 1].end;
}

/* Claimant text, with pronouns resolved through the context. */
static void
set_claimant(struct cdk_attr_ctx *ctx, const struct sent *s,
             const struct found *f, struct cdk_attribution *out)
{
    size_t a = f->ca, b = f->cb;
    const char *res = NULL, *person = NULL;

    while (a < b && s->t[a] == ' ')
        a++;
    while (b > a && s->t[b - 1] == ' ')
        b--;
    b = time_tail(s, a, b);
    if (b - a <= 4 && LEX_IS(s->t + a, b - a, "he"))
        res = person = person_for(ctx, CDK_GENDER_MALE);
    else if (b - a <= 4 && LEX_IS(s->t + a, b - a, "she"))
        res = person = person_for(ctx, CDK_GENDER_FEMALE);
    else if (b - a <= 4 && LEX_IS(s->t + a, b - a, "they"))
        res = ctx->last_group;
    else if (b - a <= 4 && LEX_IS(s->t + a, b - a, "it"))
        res = ctx->last_org;
    if (res) {
        out->claimant = cdk_xstrdup(res);
        /* "he" and "she" are people, whatever the name looks like; "it"
         * and "they" what the name was found to be */
        out->kind = res == person ? CDK_CLAIMANT_PERSON
                    : res == ctx->last_org  ? ctx->last_org_kind
                                            : ctx->last_group_kind;
    } else {
        bool bare = false;

        /* "Rob Bieber, head of the Michigan AFL-CIO": the name. */
        const char *comma = speaker_comma(s->t, a, b);
        if (comma && !memchr(s->t + a, ' ', (size_t)(comma - s->t) - a) &&
            comma - s->t >= 2 && comma[-1] == 'y' && comma[-2] == 'l') {
            /* "Anecdotally, Flores said": the adverb is no speaker. */
            a = (size_t)(comma - s->t) + 1;
            while (a < b && s->t[a] == ' ')
                a++;
            comma = speaker_comma(s->t, a, b);
        }
        if (comma && comma > s->t + a + 2) {
            size_t c2 = (size_t)(comma - s->t) + 1;
            while (c2 < b && s->t[c2] == ' ')
                c2++;
            /* "His assistant, Alice Marchak, said": a role without a
             * name, then the name */
            if (c2 < b && s->t[c2] >= 'A' && s->t[c2] <= 'Z' &&
                (role_only(s->t + a, (size_t)(comma - s->t) - a) ||
                 role_then_name(s->t + a, (size_t)(comma - s->t) - a,
                                s->t + c2, b - c2))) {
                const char *c3 = memchr(s->t + c2, ',', b - c2);
                a = c2;
                if (c3)
                    b = (size_t)(c3 - s->t);
            } else {
                b = (size_t)(comma - s->t);
            }
        }
        out->claimant = cdk_xstrndup(s->t + a, b - a);
        /* its tokens are the sentence's, when they can be taken (see
         * cdk_toks_slice) */
        if (!s->plain &&
            cdk_toks_slice(s->t, s->n, &s->tk, a, b - a, &ctx->kind_tk))
            out->kind = kind_of(out->claimant, b - a, &ctx->kind_tk, &bare);
        else
            out->kind = claimant_kind(out->claimant, &ctx->kind_tk, s->plain,
                                      &bare);
        /* "Ford said" after "climatologist Trent Ford said" */
        if (out->kind != CDK_CLAIMANT_PERSON && !strchr(out->claimant, ' ') &&
            known_surname(ctx, out->claimant, strlen(out->claimant)))
            out->kind = CDK_CLAIMANT_PERSON;
        /* "Yukos said": what the article says of the name elsewhere */
        else if (bare && ctx->body)
            out->kind = weigh_name(ctx, out->claimant, &ctx->kind_tk);
    }
    out->cue = cdk_xstrndup(s->t + f->qa, f->qb - f->qa);
    {
        size_t i;
        for (i = 0; out->cue[i] && out->cue[i] != ' '; i++)
            if (out->cue[i] >= 'A' && out->cue[i] <= 'Z')
                out->cue[i] = (char)(out->cue[i] + 32);
    }
}

/* "But Hantuchova is in upbeat mood": someone who has spoken before,
 * named alone as the subject of a verb, is the person named last ("she
 * said" next is Hantuchova, not the player quoted before her). */
static void
note_subject(struct cdk_attr_ctx *ctx, const struct sent *s)
{
    const struct cdk_tok *t, *u;
    const char *w;
    size_t n;

    if (ctx->surnames.len == 0 || s->k0 + 1 >= s->tk.n)
        return;
    t = &s->tk.v[s->k0];
    u = &s->tk.v[s->k0 + 1];
    w = s->t + t->start;
    n = t->end - t->start;
    if (!t->word || !t->cap || t->upper || !u->word || u->cap || u->upper ||
        !cdk_lex_verbish_cls(s->t + u->start, u->end - u->start, u->cls) ||
        !known_surname(ctx, w, n))
        return;
    note_person(ctx, w, n, CDK_GENDER_UNKNOWN, false);
}

/* Remember names: a run of 2+ capitalised words not at the start. */
static void
note_names(struct cdk_attr_ctx *ctx, const struct sent *s)
{
    /* (the tokens in locals: the calls below could otherwise be taken
     * to change them, and each token would reload the array) */
    const struct cdk_tok *v = s->tk.v;
    size_t k, nt = s->tk.n, run = 0, rs = 0;

    note_subject(ctx, s);
    for (k = 0; k <= nt; k++) {
        bool capw = k < nt && v[k].word && v[k].cap && !v[k].upper &&
                    !(v[k].cls & (CDK_LEX_DET | CDK_LEX_ORG | CDK_LEX_OUTLET |
                                  CDK_LEX_STOP));
        if (capw) {
            if (run == 0)
                rs = k;
            run++;
            continue;
        }
        if (run < 2) { /* (most words: no run ends here) */
            run = 0;
            continue;
        }
        if (run <= 4 && rs > 0 &&
            ((s->tk.v[rs - 1].cls & CDK_LEX_DET) ||
             tok_is(s, rs - 1, "from") || tok_is(s, rs - 1, "in") ||
             tok_is(s, rs - 1, "at") || tok_is(s, rs - 1, "to") ||
             tok_is(s, rs - 1, "of") || tok_is(s, rs - 1, "for") ||
             tok_is(s, rs - 1, "on"))) {
            run = 0; /* "from New York": a place; "a Four Seasons suite" */
            continue;
        }
        if (run >= 2 && run <= 4 &&
            !(s->tk.v[rs + run - 1].end - s->tk.v[rs + run - 1].start > 2 &&
              s->t[s->tk.v[rs + run - 1].end - 2] == '\'' &&
              s->t[s->tk.v[rs + run - 1].end - 1] == 's')) {
            /* ("Christmas Vacation's" is a thing's, not a speaker.)
             * A title before it ("Rep. Leigh Finke"), an apposition after
             * it ("Candice Coppola, a business coach,") or a speech verb
             * makes it a person who may speak next; a bare capitalised
             * run only until someone has spoken: in a profile, "she says"
             * stays with its subject past the films and places named. */
            size_t ke = rs + run;
            size_t kt = rs > 0 ? rs - 1 : rs; /* "Dr." may open the run */
            bool titled = s->tk.v[kt].word &&
                          cdk_entities_person_title(
                              s->t + s->tk.v[kt].start,
                              s->tk.v[kt].end - s->tk.v[kt].start);
            /* ", a business coach", ", medical director of ..." */
            bool appos = tok_is_punct(s, ke, ',') && ke + 1 < s->tk.n &&
                         s->tk.v[ke + 1].word && !s->tk.v[ke + 1].cap &&
                         !s->tk.v[ke + 1].upper && !s->tk.v[ke + 1].digit &&
                         !tok_cls(s, ke + 1, CDK_LEX_LEAD_SUB) &&
                         !tok_cls(s, ke + 1, CDK_LEX_LEAD_PREP) &&
                         !tok_is(s, ke + 1, "and") && !tok_is(s, ke + 1, "but") &&
                         !tok_is(s, ke + 1, "or") && !tok_is(s, ke + 1, "which");
            if (titled || appos || tok_speech(s, ke) ||
                ctx->surnames.len == 0)
                note_person(ctx, s->t + s->tk.v[rs].start,
                            s->tk.v[rs + run - 1].end - s->tk.v[rs].start,
                            titled ? cdk_gender_of_word(
                                         s->t + s->tk.v[kt].start,
                                         s->tk.v[kt].end - s->tk.v[kt].start)
                                   : CDK_GENDER_UNKNOWN,
                            false);
        }
        run = 0;
    }
}

/* Is the claimant c, whose last word is `last`, a description: "the
 * Woorton executive", "the former Scotland international" (a head noun in
 * lower case after "the"), "the Scot", "The Culture Secretary"? */
static bool
description(const char *c, const char *last)
{
    return last >= c + 4 && cdk_lex_eq(c, 3, "the") && c[3] == ' ' &&
           ((*last >= 'a' && *last <= 'z') ||
            WORD_IN(last, strlen(last), person_nouns));
}

/* g: what the sentence says of a person speaker's sex besides the name
 * ("Knight said she"), or unknown. */
static void
remember(struct cdk_attr_ctx *ctx, const struct cdk_attribution *a,
         enum cdk_gender g)
{
    size_t n;

    if (!a->claimant)
        return;
    n = strlen(a->claimant); /* (once, for all the calls below) */
    if (a->kind == CDK_CLAIMANT_PERSON &&
        !cdk_lex_pronoun_subject(a->claimant, n)) {
        const char *c = a->claimant, *sp = strrchr(c, ' ');
        const char *last = sp ? sp + 1 : c;
        /* a description points back to the person named before, who
         * stays the one "he" means */
        if (!ctx->last_person || !description(c, last))
            note_person(ctx, c, n, g, true);
        if (*last >= 'A' && *last <= 'Z' && !description(c, last) &&
            !known_surname(ctx, last, strlen(last)) &&
            ctx->surnames.len < 4096) {
            (void)cdk_buf_adds(&ctx->surnames, last);
            (void)cdk_buf_addch(&ctx->surnames, '\n');
        }
    }
    else if (a->kind == CDK_CLAIMANT_ORGANISATION ||
             a->kind == CDK_CLAIMANT_OUTLET ||
             a->kind == CDK_CLAIMANT_ANONYMOUS) {
        set_str(&ctx->last_group, a->claimant, n);
        ctx->last_group_kind = a->kind;
    }
    if ((a->kind == CDK_CLAIMANT_ORGANISATION ||
         a->kind == CDK_CLAIMANT_OUTLET) &&
        !LEX_IS(a->claimant, n, "it")) {
        set_str(&ctx->last_org, a->claimant, n);
        ctx->last_org_kind = a->kind;
    }
}

/* Words, verbs, figures and a final '?' of the content s->t[xa..xb). */
static void
content_shape(const struct sent *s, size_t xa, size_t xb,
              struct cdk_attribution *out)
{
    /* The tokens and counts in locals: a store to out->words (a size_t)
     * could otherwise be taken to change s->tk.n, and each token would
     * reload the array, its length and the text. */
    const struct cdk_tok *v = s->tk.v;
    const char *text = s->t;
    size_t k, nt = s->tk.n, words = out->words;
    bool digit = out->digit, verb = out->verb;
    size_t e;

    for (k = tok_at(s, xa); k < nt && v[k].end <= xb; k++) {
        const struct cdk_tok *t = &v[k];
        const char *w = text + t->start;
        size_t len = t->end - t->start;
        if (!t->word)
            continue;
        words++;
        if (t->digit)
            digit = true;
        if (verb)
            continue;
        /* (cdk_lex_verbish_cls says yes only to a listed verb or a word
         * ending in "ed"; the plain way asks it of every word) */
        if (s->plain ? cdk_lex_verbish_cls(w, len, t->cls)
                     : (t->cls & (CDK_LEX_VERB | CDK_LEX_SPEECH)) ||
                           ((w[len - 1] | 0x20) == 'd' &&
                            cdk_lex_verbish_cls(w, len, t->cls)))
            verb = true;
        /* "-s" verbs after a subject: "The agency warns". */
        if (!verb && k > 0 && !t->cap && len > 3 && w[len - 1] == 's' &&
            v[k - 1].word && (v[k - 1].cap || (v[k - 1].cls & CDK_LEX_PRONOUN)))
            verb = true;
    }
    out->words = words;
    out->digit = digit;
    out->verb = verb;
    /* The sentence's own end decides: "Was it worth it?" */
    e = s->n;
    while (e > 0 && (s->t[e - 1] == '"' || s->t[e - 1] == ' ' ||
                     s->t[e - 1] == ')'))
        e--;
    out->question = e > 0 && s->t[e - 1] == '?' && xb + 3 >= s->n;
}

void
cdk_attribute_sentence(struct cdk_attr_ctx *ctx, const char *body,
                       size_t start, size_t end, int para,
                       struct cdk_attribution *out)
{
    struct cdk_attr_view view = CDK_ATTR_VIEW_INIT;

    cdk_attribute_sentence_view(ctx, body, start, end, para, out, &view);
    cdk_attr_view_release(&view);
}

/*
 * Hearsay without a source: "He is said to have discussed ...", "Sony is
 * thought to have ...", "The FSA was widely reported as having asked
 * ...", "It is understood that ...". A form of "be", perhaps an adverb,
 * a participle of hearsay, then "to" and a verb, "as" or "that": the
 * cue is t[*qa, *qb). Not "was reported to the police", "is expected to"
 * (a forecast) or "is believed" alone.
 */
static bool
hearsay(const struct sent *s, size_t *qa, size_t *qb)
{
    size_t k, p, x;

    if (!s->plain && s->no_cue)
        return false;
    for (k = 0; k + 2 < s->tk.n; k++) {
        const struct cdk_tok *t = &s->tk.v[k];
        size_t len = t->end - t->start;
        char c0 = (char)(s->t[t->start] | 0x20);
        bool be;
        /* every word looked for below is a stopword of two to five
         * letters starting with a, b, i or w: the rest ("the", "of",
         * "said") pass at the cost of a few tests */
        if (t->word && (!(t->cls & CDK_LEX_STOP) || len > 5 ||
                        (c0 != 'a' && c0 != 'b' && c0 != 'i' && c0 != 'w')))
            continue;
        /* only in the main clause, after its subject: not "..., which
         * is said to be", "X rose 5% but was said to have been" */
        if (!t->word) {
            if (k > s->k0 && (s->t[t->start] == ',' || s->t[t->start] == ';'))
                return false;
            continue;
        }
        if (k > s->k0 &&
            (len == 3 ? tok_is(s, k, "and") || tok_is(s, k, "but") ||
                            tok_is(s, k, "who")
             : len == 5 ? tok_is(s, k, "which") || tok_is(s, k, "while")
                        : false))
            return false;
        /* a form of "be" */
        be = len == 2   ? tok_is(s, k, "is")
             : len == 3 ? tok_is(s, k, "are") || tok_is(s, k, "was")
             : len == 4 ? tok_is(s, k, "were")
                        : false;
        if (!be)
            continue;
        p = k + 1;
        if (p + 1 < s->tk.n && tok_ly_adverb(s, p))
            p++; /* "widely", "generally" */
        if (!TOK_IN(s, p, hearsay_words) || p + 1 >= s->tk.n)
            continue;
        x = p + 1;
        if (tok_is(s, x, "to")) {
            /* "to have", "to be", "to own": a verb, not "to the police" */
            if (x + 1 >= s->tk.n || !s->tk.v[x + 1].word ||
                (!tok_is(s, x + 1, "have") && !tok_is(s, x + 1, "be") &&
                 !tok_cls(s, x + 1, CDK_LEX_VERB | CDK_LEX_SPEECH)))
                continue;
        } else if (!tok_is(s, x, "as") &&
                   !(tok_is(s, x, "that") && k == 1 && tok_is(s, 0, "it"))) {
            continue;
        }
        *qa = s->tk.v[tok_is(s, x, "that") ? 0 : k].start;
        *qb = s->tk.v[x].end;
        return true;
    }
    return false;
}

/* out: the unnamed sources (or reports) of hearsay, its cue t[qa, qb) in
 * lower case. */
static void
set_hearsay(const struct sent *s, size_t qa, size_t qb,
            struct cdk_attribution *out)
{
    size_t i;

    out->cue = cdk_xstrndup(s->t + qa, qb - qa);
    /* "was widely reported as": reports, as for "reportedly" */
    out->claimant = cdk_xstrdup(strstr(out->cue, "reported") ? "unnamed reports"
                                                             : "unnamed sources");
    out->kind = CDK_CLAIMANT_ANONYMOUS;
    out->hearsay = true;
    for (i = 0; out->cue[i]; i++) /* "It is understood that" */
        if (out->cue[i] >= 'A' && out->cue[i] <= 'Z')
            out->cue[i] = (char)(out->cue[i] + 32);
}

/* Trim the content t[*xa..*xb) as a sentence's: spaces, a leading ':'
 * or ',', a trailing ',' '-', a final '.' or '"'. */
static void
finish_content(const char *t, size_t *xa, size_t *xb)
{
    trim_content(t, xa, xb);
    if (*xb > *xa && (t[*xb - 1] == '.' || t[*xb - 1] == '"') &&
        !(*xb >= 2 && t[*xb - 2] == '.'))
        (*xb)--;
    trim_content(t, xa, xb);
}

bool
cdk_attribute_part(struct cdk_attr_ctx *ctx, const char *body,
                   size_t start, size_t end, struct cdk_attribution *out)
{
    struct cdk_norm *nm = &ctx->part_nm;
    struct sent s;
    struct found f;
    size_t xa, xb, qa, qb;
    bool ok;

    memset(out, 0, sizeof(*out));
    memset(&f, 0, sizeof(f));
    cdk_clean_normalise(body, start, end, nm);
    s.t = nm->text.buf;
    s.n = nm->text.len;
    s.tk = ctx->part_tk; /* its buffer, handed back at the end */
    s.it_known = false;
    s.plain = false;
    tokens_of(s.t, s.n, &s.tk, false);
    s.k0 = subject_start(&s);
    s.first_long = 0; /* (no scan_tokens: not known) */
    s.first_speech = 0;
    s.no_cue = false;
    ok = lead_speaker(&s, &f) &&
         !(s.tk.v[s.k0].cls & CDK_LEX_PRONOUN);
    if (ok) {
        xa = f.xa;
        xb = f.xb;
        finish_content(s.t, &xa, &xb);
        /* a quotation that the clause does not close: its opening mark
         * is no part of the content */
        if (xb > xa && s.t[xa] == '"' && !memchr(s.t + xa + 1, '"', xb - xa - 1))
            xa++;
        ok = xb > xa;
    }
    if (ok) {
        set_claimant(ctx, &s, &f, out);
        out->quote = f.quote;
    } else if (hearsay(&s, &qa, &qb)) {
        /* "... and it is reported to be ready to raise £1.4bn" */
        xa = 0;
        xb = s.n;
        finish_content(s.t, &xa, &xb);
        ok = xb > xa;
        if (ok)
            set_hearsay(&s, qa, qb, out);
    }
    if (ok) {
        cdk_norm_span(nm, xa, xb, &out->start, &out->end);
        content_shape(&s, xa, xb, out);
    }
    ctx->part_tk = s.tk;
    return ok;
}

void
cdk_attr_view_release(struct cdk_attr_view *view)
{
    cdk_norm_release(&view->nm);
    cdk_toks_release(&view->tk);
    view->t = NULL;
    view->n = view->xa = view->xb = 0;
}

/*
 * What sentence s says of the sex of the named speaker f found: "Knight
 * said she sang", a pronoun opening the content after the speaker (most
 * often the speaker's own). A speaker that is itself "he" or "she" tells
 * nothing: it was resolved by a guess, and a wrong guess would spread.
 */
static enum cdk_gender
speaker_gender(const struct sent *s, const struct found *f)
{
    size_t a = f->ca, b = f->cb, x = f->xa;

    while (a < b && s->t[a] == ' ')
        a++;
    while (b > a && s->t[b - 1] == ' ')
        b--;
    if (LEX_IS(s->t + a, b - a, "he") || LEX_IS(s->t + a, b - a, "she") ||
        x < f->cb)
        return CDK_GENDER_UNKNOWN;
    while (x < f->xb && s->t[x] == ' ')
        x++;
    if (x + 3 < f->xb && s->t[x + 2] == ' ' && LEX_IS(s->t + x, 2, "he"))
        return CDK_GENDER_MALE;
    if (x + 4 < f->xb && s->t[x + 3] == ' ' && LEX_IS(s->t + x, 3, "she"))
        return CDK_GENDER_FEMALE;
    return CDK_GENDER_UNKNOWN;
}

/* cdk_attribute_sentence_view; plain: see cdk_attribute_sentence_ref. */
static void
attribute(struct cdk_attr_ctx *ctx, const char *body, size_t start,
          size_t end, int para, struct cdk_attribution *out,
          struct cdk_attr_view *view, bool plain)
{
    struct cdk_norm *nm = &view->nm;
    struct sent s;
    struct found f;
    size_t quotes = 0, i, xa, xb, base, qa, qb;
    bool continues_quote = false;
    enum cdk_gender said = CDK_GENDER_UNKNOWN;

    memset(out, 0, sizeof(*out));
    cdk_clean_normalise(body, start, end, nm);
    base = dateline(nm->text.buf, nm->text.len);
    s.t = nm->text.buf + base;
    s.n = nm->text.len - base;
    s.tk = view->tk; /* its buffer, handed back at the end */
    s.it_known = ctx->last_org != NULL;
    s.plain = plain;
    /* every word's lists, looked up once for all the stages */
    tokens_of(s.t, s.n, &s.tk, plain);
    s.k0 = subject_start(&s);
    s.no_cue = false;
    if (!plain)
        scan_tokens(&s);
    /* A quotation runs on into a new paragraph only when that paragraph
     * opens with a quotation mark (the news convention): an unbalanced
     * quote does not make the rest of the article a quotation. */
    if (para != ctx->last_para && (s.n == 0 || s.t[0] != '"'))
        ctx->in_quote = false;
    memset(&f, 0, sizeof(f));
    for (i = 0; i < s.n; i++) {
        /* quotation marks are rare: jump between them */
        const char *q = memchr(s.t + i, '"', s.n - i);
        if (!q)
            break;
        quotes++;
        i = (size_t)(q - s.t);
    }

    if (quote_tail(&s, &f, ctx->in_quote) || lead_according(&s, &f) ||
        trail(&s, &f) ||
        lead_speaker(&s, &f)) {
        set_claimant(ctx, &s, &f, out);
        if (out->kind == CDK_CLAIMANT_PERSON)
            said = speaker_gender(&s, &f);
        xa = f.xa;
        xb = f.xb;
        out->quote = f.quote;
    } else {
        xa = 0;
        xb = s.n;
        /* A sentence that is all quotation (or continues an open one)
         * carries on the last speaker of this paragraph. */
        if (s.n > 0 && s.t[0] == '"' && !ctx->in_quote && !ctx->prev_quote &&
            ctx->last_person && ctx->last_para == para) {
            /* "Candice Coppola, a business coach, has ... " then a bare
             * quotation: the person just introduced speaks. */
            out->claimant = cdk_xstrdup(ctx->last_person);
            out->kind = CDK_CLAIMANT_PERSON;
            out->quote = true;
            out->carried = true;
        } else if (s.n > 0 && ctx->quote_speaker &&
                   ((ctx->in_quote) ||
                    (s.t[0] == '"' &&
                     (ctx->quote_para == para || ctx->quote_intro)))) {
            out->claimant = cdk_xstrdup(ctx->quote_speaker);
            out->kind = ctx->quote_kind;
            out->cue = cdk_xstrdup_or_null(ctx->quote_cue);
            out->quote = true;
            out->carried = true;
            continues_quote = true;
        } else if (has_reportedly(&s)) {
            out->claimant = cdk_xstrdup("unnamed reports");
            out->kind = CDK_CLAIMANT_ANONYMOUS;
            out->cue = cdk_xstrdup("reportedly");
        } else if (hearsay(&s, &qa, &qb)) {
            set_hearsay(&s, qa, qb, out);
        }
        if (s.n > 0 && s.t[0] == '"') {
            size_t q = close_quote(s.t, s.n, 0);
            xa = 1;
            if (q < s.n && q + 2 >= s.n)
                xb = q;
            out->quote = out->quote || q >= s.n || q + 2 >= s.n;
        }
    }
    trim_content(s.t, &xa, &xb);
    /* the end of a quotation that opened in an earlier sentence: its
     * closing mark is no part of the content */
    if (out->quote && xb > xa + 1 && s.t[xb - 1] == '"' &&
        !memchr(s.t + xa, '"', xb - 1 - xa))
        xb--;
    if (xb > xa && (s.t[xb - 1] == '.' || s.t[xb - 1] == '"') &&
        !(xb >= 2 && s.t[xb - 2] == '.'))
        xb--;
    trim_content(s.t, &xa, &xb);
    if (xb <= xa) {
        xa = 0;
        xb = s.n;
    }
    cdk_norm_span(nm, base + xa, base + xb, &out->start, &out->end);
    content_shape(&s, xa, xb, out);

    /* Quotation state for the sentences that follow. */
    ctx->quote_intro = f.intro && out->claimant;
    if ((out->quote || f.intro) && out->claimant && !continues_quote) {
        set_str(&ctx->quote_speaker, out->claimant, strlen(out->claimant));
        set_str(&ctx->quote_cue, out->cue, out->cue ? strlen(out->cue) : 0);
        ctx->quote_kind = out->kind;
        ctx->quote_para = para;
    } else if (out->claimant && !continues_quote) {
        ctx->quote_para = -1;
    }
    /* A quotation mark that opens a sentence can only open a quotation:
     * "...delighted. \"I play my best ...,\" he said. \"Of course I was
     * tired. But I was confident.\"" (a quotation left open before it
     * ended where the new one starts). */
    if (s.n > 0 && s.t[0] == '"')
        ctx->in_quote = false;
    if (quotes % 2 == 1)
        ctx->in_quote = !ctx->in_quote;
    out->open_quote = ctx->in_quote;
    if (!out->quote && !continues_quote && quotes == 0 && !ctx->in_quote &&
        ctx->quote_para != para)
        ctx->quote_para = -1;
    remember(ctx, out, said);
    /* the speaker just found outranks the names around it ("David
     * Cummings, head of UK equities for Standard Life Investments, said") */
    if (!(out->claimant && out->kind == CDK_CLAIMANT_PERSON))
        note_names(ctx, &s);
    ctx->prev_quote = out->quote || quotes > 0;
    ctx->last_para = para;
    view->tk = s.tk;
    view->t = s.t;
    view->n = s.n;
    view->xa = xa;
    view->xb = xb;
}

void
cdk_attribute_sentence_view(struct cdk_attr_ctx *ctx, const char *body,
                            size_t start, size_t end, int para,
                            struct cdk_attribution *out,
                            struct cdk_attr_view *view)
{
    attribute(ctx, body, start, end, para, out, view, false);
}

void
cdk_attribute_sentence_ref(struct cdk_attr_ctx *ctx, const char *body,
                           size_t start, size_t end, int para,
                           struct cdk_attribution *out)
{
    struct cdk_attr_view view = CDK_ATTR_VIEW_INIT;

    attribute(ctx, body, start, end, para, out, &view, true);
    cdk_attr_view_release(&view);
}
