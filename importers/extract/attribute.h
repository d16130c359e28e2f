/*
 * Attribution: who makes the claim in a sentence and how. Recognises
 * "According to X, ...", "..., according to (reports from) X",
 * "X reports: ...", "X said (that) ...", "..., X said" / "..., said X",
 * a quotation followed by its speaker ("“...,” one aide told the press"),
 * a following quoted sentence that continues the same speaker,
 * "reportedly", and pronoun speakers ("he said") resolved to the nearest
 * fitting name seen earlier in the text: "she" to a woman where the
 * words naming people tell their sex (gender.h).
 *
 * Sentences are attributed in body order through a context that carries
 * the last speaker, the last person named and whether a quotation is
 * still open. The attributed content span excludes the attribution
 * phrase and the quotation marks. Nothing here talks to the database.
 */
#ifndef CDK_IMPORTERS_EXTRACT_ATTRIBUTE_H
#define CDK_IMPORTERS_EXTRACT_ATTRIBUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "clean.h"
#include "core/buf.h"
#include "core/claim.h"
#include "gender.h"
#include "lex.h"

struct cdk_attribution {
    char *claimant; /* owned; NULL when the article itself says it */
    enum cdk_claimant_kind kind;
    char *cue;         /* owned; "according to", "told the press", or NULL */
    size_t start, end; /* bytes into the body: the attributed content */
    bool quote;        /* the content is a direct quotation */
    bool hearsay;      /* "is said to", "it is understood that": no source
                        * named, so a clause may name its own */
    bool open_quote;   /* a quotation opens here and does not close */
    bool carried;      /* the claimant is not named in this sentence but
                        * carried on from before (the speaker of an open
                        * quotation, the person just introduced): a
                        * speaker named where the quotation closes wins */
    /* The content's shape, for deciding whether it is a claim at all. */
    size_t words;
    bool verb;     /* a verb-like word */
    bool digit;    /* a figure */
    bool question; /* ends with '?' */
};

/* How many of the people lately named "he" and "she" may point back to. */
#define CDK_ATTR_PEOPLE 8

struct cdk_attr_person {
    char *name; /* owned: the last words that named them */
    /* what the text says of their sex; while own_unread, what it says
     * besides name's own words ("Mrs", "spokeswoman", "Beverley"), which
     * win when they tell: those are read (cdk_gender_of_phrase) only when
     * "he" or "she" asks, as most people named are never asked about */
    enum cdk_gender gender;
    bool own_unread;
    bool spoke; /* has been a speaker, not only named */
};

struct cdk_attr_ctx {
    char *last_person;  /* the last person named (for "he said") */
    /* the people lately named, newest last (people[npeople - 1] is
     * last_person), with what the text says of their sex: "she said"
     * after "Beverley Knight and Roni Size released" is Knight */
    struct cdk_attr_person people[CDK_ATTR_PEOPLE];
    size_t npeople;
    char *last_group;   /* the last organisation or group (for "they") */
    char *last_org;     /* the last organisation or outlet (for "it") */
    char *quote_speaker; /* speaker of the last attributed quotation */
    enum cdk_claimant_kind quote_kind;
    char *quote_cue;
    int quote_para;     /* paragraph of that quotation, -1 when none */
    bool in_quote;      /* a quotation opened and has not closed yet */
    bool prev_quote;    /* the previous sentence quoted someone */
    bool quote_intro;   /* the previous sentence was "He said:" */
    int last_para;      /* paragraph of the previous sentence */
    /* the last word of every person who spoke so far, each followed by
     * '\n' ("Ford\n"): "Ford said" is then the climatologist, not the
     * company */
    struct cdk_buf surnames;
    /* the kinds of last_group and last_org ("it said" after "Yukos said"
     * is the company whatever its name looks like) */
    enum cdk_claimant_kind last_group_kind, last_org_kind;
    /* the whole article (cdk_attr_ctx_set_body), or NULL: what it says
     * elsewhere of a one-word speaker decides between person and
     * organisation; the names weighed so far, each followed by its verdict
     * byte and '\n' */
    const char *body;
    size_t body_len;
    struct cdk_buf weighed;
    /* how many more names may be weighed: each reads the whole body, so
     * an article weighs at most CDK_ATTR_WEIGH_NAMES of them and time
     * stays linear in its size (the rest keep their words' kind) */
    size_t weigh_left;
    struct cdk_toks kind_tk; /* scratch: the tokens of a claimant */
    struct cdk_norm part_nm; /* scratch of cdk_attribute_part */
    struct cdk_toks part_tk;
};

void cdk_attr_ctx_init(struct cdk_attr_ctx *ctx);
void cdk_attr_ctx_release(struct cdk_attr_ctx *ctx);

/*
 * Give ctx the whole article body[0..len) its sentences come from, before
 * the first is attributed: a speaker whose kind its name alone leaves open
 * ("Yukos said", "Mido said") is then weighed by what the article says of
 * that name elsewhere ("the firm Yukos", "shares in Yukos" against
 * "striker Mido", "Mr Mido", "Ahmed Mido", "Mido, 21,", "Mido said he").
 * body is borrowed: it must outlive ctx's use (or until the next call).
 * Without it, kinds come from the claimant's words alone.
 */
void cdk_attr_ctx_set_body(struct cdk_attr_ctx *ctx, const char *body,
                           size_t len);

#define CDK_ATTR_WEIGH_NAMES 64

/*
 * Attribute the sentence body[start..end) in paragraph `para`, updating
 * ctx. *out is overwritten (release it with cdk_attribution_release).
 * Never fails; a sentence without attribution gets claimant NULL, kind
 * CDK_CLAIMANT_ARTICLE and the whole sentence as content.
 */
void cdk_attribute_sentence(struct cdk_attr_ctx *ctx, const char *body,
                            size_t start, size_t end, int para,
                            struct cdk_attribution *out);

/*
 * What attribution read of a sentence, kept for the later stages: the
 * normalised sentence after any dateline, t[0..n) (inside nm), its
 * tokens, each word's cls its cdk_lex_class (the claimable check in
 * extract.c relies on it), and the attributed content's span [xa, xb)
 * in t. One
 * view can serve sentence after sentence (its buffers are reused);
 * release it with cdk_attr_view_release.
 */
struct cdk_attr_view {
    struct cdk_norm nm;
    const char *t;
    size_t n;
    struct cdk_toks tk;
    size_t xa, xb;
};

#define CDK_ATTR_VIEW_INIT {CDK_NORM_INIT, NULL, 0, CDK_TOKS_INIT, 0, 0}

/* cdk_attribute_sentence, leaving what it read in *view. */
void cdk_attribute_sentence_view(struct cdk_attr_ctx *ctx, const char *body,
                                 size_t start, size_t end, int para,
                                 struct cdk_attribution *out,
                                 struct cdk_attr_view *view);
void cdk_attr_view_release(struct cdk_attr_view *view);

/*
 * cdk_attribute_sentence the plain way, for the tests: the first
 * tokenizer and one lexicon lookup per listed word (cdk_lex_*_ref), and
 * byte scans where the fast path reads the tokens (commas, "according
 * to", "reportedly"). It must give the same results.
 */
void cdk_attribute_sentence_ref(struct cdk_attr_ctx *ctx, const char *body,
                                size_t start, size_t end, int para,
                                struct cdk_attribution *out);

/*
 * The speaker that opens body[start..end), one clause of a sentence that
 * names no speaker as a whole ("Advocates want the rules back, but [the
 * industry says that move could worsen shortages]"). Fills *out as
 * cdk_attribute_sentence does (the content's byte span in start/end) and
 * returns true; returns false with *out empty when the clause opens with
 * no speaker, or with a pronoun (ctx holds the state after later
 * sentences, too late to resolve it). ctx's state is read, not changed
 * (its scratch is used).
 */
bool cdk_attribute_part(struct cdk_attr_ctx *ctx, const char *body,
                        size_t start, size_t end,
                        struct cdk_attribution *out);

/* Copy src into dst (dst is overwritten; release it later). */
void cdk_attribution_copy(struct cdk_attribution *dst,
                          const struct cdk_attribution *src);
void cdk_attribution_release(struct cdk_attribution *a);

/* The kind of a claimant phrase ("Bloomberg" -> outlet, "one aide" ->
 * anonymous, "Steve Witkoff" -> person, "NOAA" -> organisation). */
enum cdk_claimant_kind cdk_attribute_kind(const char *claimant);

#endif
