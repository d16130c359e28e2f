/*
 * The extraction pipeline (extract.h). Content lines are grouped into
 * blocks: a line joins the one above when that line ends in ',' or ';'
 * or runs on into a lower-case start (the seed's lede). Each block is
 * segmented on its own, so a line without a full stop never swallows the
 * next block. Sentences are attributed in order (a context carries the
 * speaker of an open quotation), split into claims, classified and
 * scored; finally claims with the same content are linked.
 *
 * A sentence is normalised, tokenized and its words looked up in the
 * lexicon once, by attribution; that view of it (struct cdk_attr_view)
 * is kept while the block's claims are made, and split and classify take
 * their tokens and word classes from it whenever the text they would
 * tokenize is the same (cdk_toks_range), which makes no difference to
 * what they find (tests/unit/test_extract_shared.c).
 */
#include "extract.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attribute.h"
#include "boilerplate.h"
#include "classify.h"
#include "clean.h"
#include "core/buf.h"
#include "core/mem.h"
#include "entities.h"
#include "lex.h"
#include "segment.h"
#include "split.h"

/* Jaccard similarity of content keys above which two claims are one
 * (link_duplicates' signature test is written for 3/4). */
#define SAME_CLAIM_SIMILARITY 0.75
/* How many earlier claims each claim is compared with. */
#define DUP_WINDOW 400
/* The largest unit whose sentences' views are all kept at once. */
#define VIEWS_MAX_BYTES (256 * 1024)

struct block {
    size_t start, end;
};

/*
 * The extraction's arena (extract.h): chunks of ARENA_CHUNK bytes, the
 * newest first; a request of more than a quarter chunk gets a chunk of
 * its own, put behind the newest so that its room is not lost.
 */
#define ARENA_CHUNK (16 * 1024)

struct cdk_extract_arena {
    struct cdk_extract_arena *next;
    size_t used, size;
    max_align_t data[]; /* size bytes */
};

/* arena_alloc when the newest chunk has no room for n (rounded) bytes. */
static void *
arena_alloc_chunk(struct cdk_extraction *x, size_t n)
{
    struct cdk_extract_arena *a = x->arena, *c;
    size_t size = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;

    c = cdk_xmalloc(sizeof(*c) + size);
    c->size = size;
    c->used = n;
    if (n > ARENA_CHUNK / 4 && a) {
        c->next = a->next;
        a->next = c;
    } else {
        c->next = a;
        x->arena = c;
    }
    return c->data;
}

/* n bytes of x's arena, aligned for anything. Inline: a claim asks for
 * a few pieces, most of them small. */
static inline void *
arena_alloc(struct cdk_extraction *x, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    struct cdk_extract_arena *a = x->arena;
    void *p;

    n = n ? (n + align - 1) / align * align : align;
    if (a && a->size - a->used >= n) {
        p = (char *)a->data + a->used;
        a->used += n;
        return p;
    }
    return arena_alloc_chunk(x, n);
}

/* Give back all but the first m bytes of p, the n bytes arena_alloc
 * gave last (a no-op when p is not the newest chunk's last). */
static void
arena_trim(struct cdk_extraction *x, void *p, size_t n, size_t m)
{
    const size_t align = _Alignof(max_align_t);
    struct cdk_extract_arena *a = x->arena;

    n = n ? (n + align - 1) / align * align : align;
    m = (m + align - 1) / align * align;
    if (a && m < n && (char *)p + n == (char *)a->data + a->used)
        a->used -= n - m;
}

/* A copy of key[0..n) in the arena (NULL when n is 0). */
static uint64_t *
arena_key(struct cdk_extraction *x, const uint64_t *key, size_t n)
{
    uint64_t *d;

    if (n == 0)
        return NULL;
    d = arena_alloc(x, n * sizeof(*d));
    memcpy(d, key, n * sizeof(*d));
    return d;
}

static char *
arena_strndup(struct cdk_extraction *x, const char *s, size_t n)
{
    char *d = arena_alloc(x, n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *
arena_strdup_or_null(struct cdk_extraction *x, const char *s)
{
    return s ? arena_strndup(x, s, strlen(s)) : NULL;
}

static void
arena_free(struct cdk_extract_arena *a)
{
    while (a) {
        struct cdk_extract_arena *next = a->next;
        free(a);
        a = next;
    }
}

static char
last_char(const char *body, size_t start, size_t end)
{
    while (end > start && (body[end - 1] == ' ' || body[end - 1] == '\t'))
        end--;
    return end > start ? body[end - 1] : '\0';
}

static bool
starts_lower(const char *body, size_t start, size_t end)
{
    size_t i;
    for (i = start; i < end; i++) {
        unsigned char c = (unsigned char)body[i];
        if (cdk_clean_is_word_byte(c))
            return c >= 'a' && c <= 'z';
    }
    return false;
}

/* Group the content blocks into segmentation units. */
static size_t
make_units(const char *body, const struct cdk_bp_blocks *bp,
           struct block **units, size_t *alloc)
{
    size_t i, n = 0;
    const struct cdk_bp_block *prev = NULL;

    for (i = 0; i < bp->n; i++) {
        const struct cdk_bp_block *b = &bp->v[i];
        bool join = false;

        if (b->junk) {
            prev = NULL;
            continue;
        }
        if (prev && n > 0 && b->lineno == prev->lineno + 1) {
            char c = last_char(body, prev->start, prev->end);
            bool terminal = c == '.' || c == '!' || c == '?' || c == '"';
            join = c == ',' || c == ';' ||
                   (!terminal && starts_lower(body, b->start, b->end));
        }
        if (join) {
            (*units)[n - 1].end = b->end;
        } else {
            CDK_ALLOC_GROW(*units, n + 1, *alloc);
            (*units)[n].start = b->start;
            (*units)[n].end = b->end;
            n++;
        }
        prev = b;
    }
    return n;
}

/* Should the text whose normalised form is t[0..n), tokens v[0..nv)
 * (offsets from base), become claims? See extract.h. classed: every
 * word's cls is filled (the lexicon is then not asked again). */
static bool
claimable_tokens(const char *base, const struct cdk_tok *v, size_t nv,
                 bool classed, const char *t, size_t n)
{
    size_t i, words = 0;
    bool verb = false, digit = false;
    char last;

    for (i = 0; i < nv; i++) {
        const struct cdk_tok *k = &v[i];
        if (!k->word)
            continue;
        words++;
        if (k->digit)
            digit = true;
        if (classed ? cdk_lex_verbish_cls(base + k->start, k->end - k->start,
                                          k->cls)
                    : cdk_lex_verbish(base + k->start, k->end - k->start))
            verb = true;
        /* "-s" verbs after a subject: "The agency warns". */
        if (!verb && i > 0 && !k->cap && k->end - k->start > 3 &&
            base[k->end - 1] == 's' && v[i - 1].word &&
            (v[i - 1].cap ||
             cdk_lex_pronoun_subject(base + v[i - 1].start,
                                     v[i - 1].end - v[i - 1].start)))
            verb = true;
        /* "-ing" forms after an auxiliary were caught by "is"/"are". */
    }
    last = n ? t[n - 1] : '\0';
    if (last == '"' && n >= 2)
        last = t[n - 2];
    return words >= 3 && (verb || digit || words >= 8) && last != '?';
}

/* claimable_tokens of body[start..end), normalised and tokenized into
 * the scratch buffers nm and tk (what they held is replaced). */
static bool
claimable(const char *body, size_t start, size_t end, struct cdk_norm *nm,
          struct cdk_toks *tk)
{
    cdk_clean_normalise(body, start, end, nm);
    cdk_lex_tokenize(nm->text.buf, nm->text.len, tk);
    return claimable_tokens(nm->text.buf, tk->v, tk->n, false, nm->text.buf,
                            nm->text.len);
}

/*
 * The tokens of text[0..tl), which starts at byte `start` of the body,
 * in the view v of its sentence, when they are there: v->tk.v[*k0..*k1)
 * (offsets from v->t). That is when the sentence normalised to one run
 * mapped to itself (ASCII, no whitespace folded: each byte of v->t is
 * the body byte at the same offset, or a space for a lone line break or
 * tab), the text is the bytes of v->t from its start on, and
 * cdk_toks_range finds them
 * tokenized as they would be alone. The text normalises to itself then
 * (no byte the normaliser would change is left in it), so claimable()
 * would read these very tokens.
 */
static bool
view_tokens(const struct cdk_attr_view *v, size_t start, const char *text,
            size_t tl, size_t *k0, size_t *k1)
{
    size_t base, off;

    if (!v || !v->t || tl == 0 || v->nm.nrun != 1 || v->nm.run[0].flat)
        return false;
    base = v->nm.run[0].body + (size_t)(v->t - v->nm.text.buf);
    if (start < base)
        return false;
    off = start - base;
    return off + tl <= v->n && memcmp(v->t + off, text, tl) == 0 &&
           cdk_toks_range(v->t, v->n, &v->tk, off, tl, k0, k1);
}

/*
 * Copy to the claim the sentence's entities that lie in its part: the
 * head of the frame [frame_start, head_end) and, for a list item, the
 * item itself (not its siblings).
 */
static bool
entity_in(const struct cdk_entity *e, const struct cdk_part *p)
{
    return (e->start >= p->frame_start && e->end <= p->head_end) ||
           (p->item && e->start >= p->start && e->end <= p->end);
}

static void
add_entities(struct cdk_extraction *x, struct cdk_claim *c,
             const struct cdk_entity *e, size_t n, const struct cdk_part *p)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += entity_in(&e[i], p);
    if (k == 0)
        return;
    c->entities = arena_alloc(x, k * sizeof(*c->entities));
    c->entities_alloc = k;
    for (i = 0; i < n; i++) {
        struct cdk_entity *d;
        if (!entity_in(&e[i], p))
            continue;
        d = &c->entities[c->nentities++];
        *d = e[i];
        d->text = arena_strdup_or_null(x, e[i].text);
        d->value = arena_strdup_or_null(x, e[i].value);
    }
}

static void
add_dropped(struct cdk_extraction *x, size_t *alloc, const char *body,
            const struct cdk_bp_block *b, const struct cdk_charidx *ci)
{
    struct cdk_dropped *d;

    CDK_ALLOC_GROW(x->dropped, x->ndropped + 1, *alloc);
    d = &x->dropped[x->ndropped++];
    d->text = arena_strndup(x, body + b->start, b->end - b->start);
    d->reason = b->reason;
    d->start = b->start;
    d->end = b->end;
    d->cstart = cdk_charidx_get(ci, b->start);
    d->cend = cdk_charidx_get(ci, b->end);
    d->line = b->lineno;
}

/*
 * A quotation opened in sentence p and attributed only where it closes,
 * in a later sentence of the paragraph: carry that speaker back over the
 * sentences of the quotation. It replaces no speaker a sentence names
 * itself, only none or one carried on from before (at[p].carried: the
 * speaker of an earlier quotation, the person just introduced), and then
 * only while the quotation is still open at the end of p, so that
 * '"A," he said. "B." "C," she said.' leaves B to him.
 */
static void
carry_quotes_back(const char *body, struct cdk_sentence *s,
                  struct cdk_attribution *at, size_t n)
{
    size_t i;

    for (i = n; i-- > 1;) {
        size_t p = i - 1;
        const unsigned char *b = (const unsigned char *)body + s[p].start;
        size_t bl = s[p].end - s[p].start;
        bool opens = (bl >= 1 && b[0] == '"') ||
                     (bl >= 3 && b[0] == 0xE2 && b[1] == 0x80 && b[2] == 0x9C);
        if (!at[i].claimant || !at[i].quote || s[p].para != s[i].para)
            continue;
        if (!at[p].claimant) {
            if (!(opens || at[p].open_quote))
                continue;
        } else if (!at[p].carried || at[i].carried || !at[p].open_quote ||
                   (at[p].kind == at[i].kind &&
                    strcmp(at[p].claimant, at[i].claimant) == 0)) {
            continue;
        }
        free(at[p].claimant);
        free(at[p].cue);
        at[p].claimant = cdk_xstrdup(at[i].claimant);
        at[p].kind = at[i].kind;
        at[p].cue = cdk_xstrdup_or_null(at[i].cue);
        at[p].quote = true;
        at[p].carried = false;
    }
}

/* Bits set in w (portable: no popcnt instruction is assumed, and the
 * builtin without it is a library call). */
static inline unsigned
bits64(uint64_t w)
{
    w = w - ((w >> 1) & 0x5555555555555555ULL);
    w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
    w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (unsigned)((w * 0x0101010101010101ULL) >> 56);
}

/* What link_duplicates compares of each claim, packed side by side so
 * that the window's scan reads one small record per earlier claim. */
struct dup_rec {
    uint64_t sig;  /* one bit per key word (of 64), see below */
    size_t nkey;   /* 0 also for a claim already linked: never matched */
    bool item;
    bool sorted;   /* its key is sorted (see key_sorted) */
};

/* Claim i's key, sorted in place the first time it is compared: the
 * keys come in no order from classify (sorting every one of them cost
 * more than all the comparisons, which few pairs reach). */
static const uint64_t *
key_sorted(struct cdk_extraction *x, struct dup_rec *r, size_t i)
{
    if (!r[i].sorted) {
        cdk_classify_key_sort(x->info[i].key, x->info[i].nkey);
        r[i].sorted = true;
    }
    return x->info[i].key;
}

/*
 * Link claims with the same content: list items with the same object
 * ("sanctions relief" offered twice), other claims whose content words
 * overlap by SAME_CLAIM_SIMILARITY or more. Each claim is compared with
 * the DUP_WINDOW claims before it, so a huge body stays linear.
 *
 * (tests/unit/test_extract_fast.c compares it with the plain loop it
 * replaced, tests/unit/ref/link_duplicates_6f6d800.inc.)
 */
void
cdk_extract_link_duplicates(struct cdk_extraction *x)
{
    size_t i, j;
    struct dup_rec *r = cdk_xmalloc((x->nclaims + 1) * sizeof(*r));

    /*
     * One bit per key word (of 64): a bit in one signature and not the
     * other comes from a word in only one key, so popcount(a ^ b) is at
     * most |A - B| + |B - A|; a Jaccard similarity of 3/4 or more allows
     * at most a quarter of |A u B| <= na + nb. Pairs beyond that are
     * skipped without the merge.
     */
    for (j = 0; j < x->nclaims; j++) {
        const struct cdk_claim_info *b = &x->info[j];
        r[j].sig = b->key_sig; /* (classify made it) */
        if (!b->key_sig_set) {
            r[j].sig = 0;
            for (i = 0; i < b->nkey; i++)
                r[j].sig |= 1ULL << (b->key[i] & 63);
        }
        r[j].nkey = x->claims[j].duplicate_of ? 0 : b->nkey;
        r[j].item = b->item;
        r[j].sorted = false;
    }
    for (j = 0; j < x->nclaims; j++) {
        const struct cdk_claim_info *b = &x->info[j];
        size_t from = j > DUP_WINDOW ? j - DUP_WINDOW : 0;
        size_t nb = b->nkey, kmin, kmax;

        /* a claim with no key matches nothing; one that is no list item
         * needs four key words (lo >= 4 below) */
        if (nb == 0 || (!b->item && nb < 4))
            continue;
        /*
         * The key sizes na that pass lo >= 4 and lo >= 3/4 hi (lo, hi the
         * smaller and larger of na, nb; 4 lo >= 3 hi in integers):
         * na in [max(4, ceil(3 nb / 4)), floor(4 nb / 3)], empty when
         * nb < 4. Most earlier claims fall outside and cost one compare.
         */
        kmin = (3 * nb + 3) / 4;
        if (kmin < 4)
            kmin = 4;
        kmax = nb < 4 ? 0 : 4 * nb / 3;
        if (!b->item) {
            /* the usual case: only the ratio branch below, one unsigned
             * compare per earlier claim (nb >= 4: kmin <= nb <= kmax) */
            for (i = from; i < j; i++) {
                const struct dup_rec *a = &r[i];
                if (a->nkey - kmin > kmax - kmin)
                    continue; /* (0 too: no key, or linked already) */
                if (4 * (size_t)bits64(a->sig ^ r[j].sig) <= a->nkey + nb &&
                    cdk_classify_key_similarity(key_sorted(x, r, i), a->nkey,
                                                key_sorted(x, r, j), nb) >=
                        SAME_CLAIM_SIMILARITY) {
                    x->claims[j].duplicate_of = x->claims[i].ordinal;
                    r[j].nkey = 0;
                    break;
                }
            }
            continue;
        }
        for (i = from; i < j; i++) {
            const struct dup_rec *a = &r[i];
            const struct cdk_claim_info *ai;
            bool same;

            if (a->item && b->item) {
                /* Two list items: the same object ("sanctions relief"). */
                if (a->nkey != nb) /* (0: no key, or linked already) */
                    continue;
                ai = &x->info[i];
                same = memcmp(key_sorted(x, r, i), key_sorted(x, r, j),
                              nb * sizeof(*b->key)) == 0 &&
                       (nb >= 2 || ai->key_chars >= 6);
            } else {
                if (a->nkey < kmin || a->nkey > kmax)
                    continue; /* (0 too: no key, or linked already) */
                same = 4 * (size_t)bits64(a->sig ^ r[j].sig) <= a->nkey + nb &&
                       cdk_classify_key_similarity(key_sorted(x, r, i),
                                                   a->nkey,
                                                   key_sorted(x, r, j), nb) >=
                           SAME_CLAIM_SIMILARITY;
            }
            if (same) {
                x->claims[j].duplicate_of = x->claims[i].ordinal;
                r[j].nkey = 0;
                break;
            }
        }
    }
    free(r);
}

bool
cdk_extract_part_claimable(const struct cdk_attr_view *v,
                           const struct cdk_part *p, bool plain,
                           struct cdk_norm *nm, struct cdk_toks *tk)
{
    size_t tl = strlen(p->text), k0, k1;

    if (!plain && view_tokens(v, p->start, p->text, tl, &k0, &k1))
        return claimable_tokens(v->t, v->tk.v + k0, k1 - k0, true, p->text,
                                tl); /* (attribution classed its words) */
    return claimable(p->text, 0, tl, nm, tk);
}

/*
 * Buffers that serve sentence after sentence and, given by the caller
 * (extract.h), article after article: nothing of an extraction points
 * into them once it returns, and each is reset (or overwritten) before
 * it is read. The last three fields are per extraction.
 */
struct cdk_extract_scratch {
    struct cdk_parts parts;
    struct cdk_norm nm; /* for claimable() */
    struct cdk_toks tk;
    struct cdk_entities ents; /* the sentence's entities, once found */
    struct cdk_attr_view *views; /* what attribution read of each
                                  * sentence of a unit */
    size_t nviews;
    struct cdk_spans spans;
    struct cdk_lines lines;
    struct cdk_bp_blocks bp;
    struct block *units;
    size_t units_alloc;
    struct cdk_attribution *at; /* each sentence's, all 0 between uses */
    size_t at_alloc;
    bool ents_done;
    size_t claims_alloc;
    size_t max_sentence;
};

#define SCRATCH_INIT                                                           \
    {CDK_PARTS_INIT, CDK_NORM_INIT, CDK_TOKS_INIT, CDK_ENTITIES_INIT, NULL, 0, \
     CDK_SPANS_INIT, CDK_LINES_INIT, CDK_BP_BLOCKS_INIT, NULL, 0, NULL, 0,     \
     false, 0, 0}

/* An article longer than this gives its buffers back when it is done, so
 * that a scratch kept for the next one does not hold on to them; nor
 * does it keep more views than this (a unit of thousands of short
 * sentences has as many). */
#define SCRATCH_KEEP_BYTES (1024 * 1024)
#define SCRATCH_KEEP_VIEWS 64

/* Free what sc holds, and leave it as new. */
static void
scratch_release(struct cdk_extract_scratch *sc)
{
    size_t i;

    cdk_parts_release(&sc->parts);
    cdk_norm_release(&sc->nm);
    cdk_toks_release(&sc->tk);
    cdk_entities_release(&sc->ents);
    for (i = 0; i < sc->nviews; i++)
        cdk_attr_view_release(&sc->views[i]);
    free(sc->views);
    cdk_spans_release(&sc->spans);
    cdk_lines_release(&sc->lines);
    cdk_bp_blocks_release(&sc->bp);
    free(sc->units);
    free(sc->at);
    *sc = (struct cdk_extract_scratch)SCRATCH_INIT;
}

struct cdk_extract_scratch *
cdk_extract_scratch_new(void)
{
    struct cdk_extract_scratch *sc = cdk_xmalloc(sizeof(*sc));

    *sc = (struct cdk_extract_scratch)SCRATCH_INIT;
    return sc;
}

void
cdk_extract_scratch_free(struct cdk_extract_scratch *sc)
{
    if (!sc)
        return;
    scratch_release(sc);
    free(sc);
}

/*
 * Classify claim text c->text[0..tl). When it is the attributed content
 * of its sentence as attribution read it (the usual case: not split),
 * or found in place in the view all the same (view_tokens, from where
 * it starts in the body, c->start: a clause of a split sentence, or the
 * content of a clause that names its own speaker), its tokens are taken
 * from the view instead of tokenizing it again; else it is tokenized
 * into tk (scratch). The key goes to x's arena.
 */
static void
classify_claim(struct cdk_extraction *x, const struct cdk_claim *c,
               size_t tl, const struct cdk_attribution *t,
               const struct cdk_attr_view *v, struct cdk_toks *tk,
               struct cdk_classified *cls)
{
    const char *base = v ? v->t : NULL;
    size_t k0, k1, room;
    struct cdk_toks sub;
    uint64_t *h;

    if (v && v->t && tl > 0 && v->xa + tl <= v->n &&
        memcmp(v->t + v->xa, c->text, tl) == 0 &&
        cdk_toks_range(v->t, v->n, &v->tk, v->xa, tl, &k0, &k1)) {
        /* the claim's tokens in place, offsets into the view's text */
        sub = (struct cdk_toks){v->tk.v + k0, k1 - k0, 0};
    } else if (view_tokens(v, c->start, c->text, tl, &k0, &k1)) {
        sub = (struct cdk_toks){v->tk.v + k0, k1 - k0, 0};
    } else {
        /* as cdk_classify_claim would, in the scratch tokens */
        cdk_lex_tokenize_cls(c->text, tl, tk);
        sub = *tk;
        base = c->text;
    }
    /* the key written straight to the arena, its unused end given back */
    room = (sub.n + 1) * sizeof(*cls->key);
    h = arena_alloc(x, room);
    cdk_classify_claim_tokens_into(base, base == c->text ? tl : v->n, &sub,
                                   t->claimant != NULL, t->quote, t->cue, h,
                                   cls);
    arena_trim(x, h, room, cls->nkey * sizeof(*cls->key));
    if (cls->nkey == 0)
        cls->key = NULL;
}

/* The claims of sentence i, attributed as *t; v: what attribution read
 * of it, or NULL; actx: attribution's context (for the speaker of one
 * clause of a sentence that names none). */
static void
claims_of(struct cdk_extraction *out, const struct cdk_article *a,
          const char *body, const struct cdk_model *model,
          const struct cdk_charidx *ci, size_t i,
          const struct cdk_attribution *t, const struct cdk_attr_view *v,
          struct cdk_attr_ctx *actx, struct cdk_extract_scratch *sc)
{
    struct cdk_sentence *s = &out->sentences[i];
    struct cdk_parts *parts = &sc->parts;
    struct cdk_classified cls;
    char *sentence = NULL; /* the arena's copy, for all its claims */
    size_t j;

    if (s->end - s->start > sc->max_sentence || t->words < 3 ||
        !(t->verb || t->digit || t->words >= 8) || t->question)
        return;
    cdk_parts_clear(parts);
    sc->ents_done = false;
    if (v && v->t)
        cdk_split_claim_shared(body, t->start, t->end, v->t, v->n, &v->tk,
                               v->xa, parts);
    else
        cdk_split_claim(body, t->start, t->end, parts);
    for (j = 0; j < parts->n; j++) {
        struct cdk_part *p = &parts->v[j];
        struct cdk_claim *c;
        struct cdk_claim_info *inf;
        struct cdk_attribution pa;
        const struct cdk_attribution *pt = t; /* the part's attribution */
        size_t tl = strlen(p->text);

        if (parts->n > 1 &&
            !cdk_extract_part_claimable(v, p, false, &sc->nm, &sc->tk))
            continue;
        /* "..., but the industry says that move could ...": a clause
         * of a sentence that names no speaker (or only hearsay: "are
         * reported to have ..., while the State Department said ...")
         * may name its own */
        memset(&pa, 0, sizeof(pa));
        if ((!t->claimant || t->hearsay) && parts->n > 1 && !p->item &&
            cdk_attribute_part(actx, body, p->start, p->end, &pa))
            pt = &pa;
        if (out->nclaims + 1 > sc->claims_alloc) {
            CDK_ALLOC_GROW(out->claims, out->nclaims + 1, sc->claims_alloc);
            out->info = cdk_xreallocarray(out->info, sc->claims_alloc,
                                          sizeof(*out->info));
        }
        c = &out->claims[out->nclaims];
        inf = &out->info[out->nclaims];
        out->nclaims++;
        cdk_claim_init(c);
        memset(inf, 0, sizeof(*inf));
        c->ordinal = (int)out->nclaims;
        if (!sentence)
            sentence = arena_strndup(out, body + s->start, s->end - s->start);
        c->sentence = sentence;
        if (pt == &pa) {
            char *text = cdk_split_text(body, pa.start, pa.end);
            tl = strlen(text);
            c->text = arena_strndup(out, text, tl);
            free(text);
            c->start = pa.start;
            c->end = pa.end;
        } else {
            c->text = arena_strndup(out, p->text, tl);
            c->start = p->start;
            c->end = p->end;
        }
        c->cstart = cdk_charidx_get(ci, c->start);
        c->cend = cdk_charidx_get(ci, c->end);
        c->claimant = arena_strdup_or_null(out, pt->claimant);
        c->claimant_kind = pt->claimant ? pt->kind : CDK_CLAIMANT_ARTICLE;
        c->cue = arena_strdup_or_null(out, pt->cue);
        classify_claim(out, c, tl, pt, v, &sc->tk, &cls);
        cdk_attribution_release(&pa);
        c->modality = cls.modality;
        c->type = cls.type;
        c->score = cdk_classify_blend(cdk_model_score(model, c->text, tl),
                                      cls.cue_score);
        c->duplicate_of = 0;
        if (!sc->ents_done) {
            cdk_entities_find_into(&sc->ents, body, s->start, s->end,
                                   s->cstart, a->published);
            sc->ents_done = true;
        }
        if (pt == &pa) {
            /* the entities of the content, not of its speaker */
            struct cdk_part q = *p;
            q.frame_start = q.start = c->start;
            q.head_end = q.end = c->end;
            add_entities(out, c, sc->ents.v, sc->ents.n, &q);
        } else {
            add_entities(out, c, sc->ents.v, sc->ents.n, p);
        }
        inf->sentence = i;
        inf->frame_start = p->frame_start;
        inf->frame_end = p->frame_end;
        inf->item = p->item;
        inf->quote = pt->quote;
        if (p->item && p->key) {
            uint64_t *key; /* (cls.key stays in the arena, unused) */
            inf->nkey = cdk_classify_key(p->key, strlen(p->key), &key,
                                         &inf->key_chars);
            inf->key = arena_key(out, key, inf->nkey);
            free(key);
            inf->key_sig_set = false;
        } else {
            inf->key = cls.key;
            inf->nkey = cls.nkey;
            inf->key_chars = cls.key_chars;
            inf->key_sig = cls.key_sig;
            inf->key_sig_set = true;
        }
        s->nclaims++;
    }
}

int
cdk_extract(const struct cdk_article *a, const struct cdk_extract_opts *o,
            struct cdk_extraction *out, struct cdk_error *err)
{
    const char *body = a->body ? a->body : "";
    size_t len = a->body ? a->body_len : 0;
    size_t max_sentence = o && o->max_sentence_bytes
                              ? o->max_sentence_bytes
                              : CDK_EXTRACT_MAX_SENTENCE;
    const struct cdk_model *model = o ? o->model : NULL;
    struct cdk_extract_scratch own = SCRATCH_INIT;
    struct cdk_extract_scratch *sc = o && o->scratch ? o->scratch : &own;
    struct cdk_charidx ci;
    struct cdk_attr_ctx actx;
    struct cdk_attribution *at;
    struct cdk_attr_view *views;
    struct block *units;
    size_t nunits, i, j, dalloc = 0, salloc = 0, first, last;

    memset(out, 0, sizeof(*out));
    if (cdk_clean_check(body, len, err) < 0)
        return -1;
    if (!model && (model = cdk_model_default(err)) == NULL)
        return -1;
    sc->max_sentence = max_sentence;
    sc->claims_alloc = 0;
    sc->ents_done = false;

    cdk_charidx_init(&ci, body, len);
    out->body_chars = cdk_charidx_get(&ci, len);
    cdk_clean_lines(body, len, &sc->lines);
    cdk_boilerplate_classify(body, &sc->lines, a->title && a->title[0],
                             &sc->bp);
    if (a->title && a->title[0])
        cdk_boilerplate_cut_title(body, a->title, &sc->bp);
    for (i = 0; i < sc->bp.n; i++)
        if (sc->bp.v[i].junk)
            add_dropped(out, &dalloc, body, &sc->bp.v[i], &ci);

    nunits = make_units(body, &sc->bp, &sc->units, &sc->units_alloc);
    units = sc->units;
    for (i = 0; i < nunits; i++) {
        struct cdk_spans *spans = &sc->spans;
        spans->n = 0;
        cdk_segment_sentences(body + units[i].start,
                              units[i].end - units[i].start, spans);
        for (j = 0; j < spans->n; j++) {
            struct cdk_sentence *s;
            size_t st = units[i].start + spans->v[j].start;
            size_t en = units[i].start + spans->v[j].end;
            if (en <= st)
                continue;
            CDK_ALLOC_GROW(out->sentences, out->nsentences + 1, salloc);
            s = &out->sentences[out->nsentences++];
            s->start = st;
            s->end = en;
            s->cstart = cdk_charidx_get(&ci, st);
            s->cend = cdk_charidx_get(&ci, en);
            s->para = (int)i;
            s->nclaims = 0;
        }
    }

    /*
     * Attribution runs over every sentence in order (context); a unit's
     * sentences are all attributed (and quotations carried back, which
     * never crosses units) before its claims are made, so that what
     * attribution read of each sentence (its view) is still at hand.
     */
    CDK_ALLOC_GROW(sc->at, out->nsentences + 1, sc->at_alloc);
    at = sc->at;
    memset(at, 0, (out->nsentences + 1) * sizeof(*at));
    cdk_attr_ctx_init(&actx);
    cdk_attr_ctx_set_body(&actx, body, len);
    for (first = 0; first < out->nsentences; first = last) {
        size_t ubytes;
        bool keep;

        for (last = first + 1; last < out->nsentences &&
                               out->sentences[last].para ==
                                   out->sentences[first].para;
             last++)
            ;
        /* the views of a huge unit are not kept: one at a time */
        ubytes = out->sentences[last - 1].end - out->sentences[first].start;
        keep = ubytes <= VIEWS_MAX_BYTES;
        if (last - first > sc->nviews) {
            sc->views = cdk_xreallocarray(sc->views, last - first,
                                          sizeof(*sc->views));
            for (; sc->nviews < last - first; sc->nviews++)
                sc->views[sc->nviews] =
                    (struct cdk_attr_view)CDK_ATTR_VIEW_INIT;
        }
        views = sc->views;
        for (i = first; i < last; i++) {
            const struct cdk_sentence *s = &out->sentences[i];
            struct cdk_attr_view *v = &views[keep ? i - first : 0];
            v->t = NULL; /* no view */
            if (s->end - s->start > max_sentence) {
                at[i].start = s->start;
                at[i].end = s->end;
                continue;
            }
            cdk_attribute_sentence_view(&actx, body, s->start, s->end,
                                        s->para, &at[i], v);
            if (!keep)
                v->t = NULL;
        }
        carry_quotes_back(body, out->sentences + first, at + first,
                          last - first);
        for (i = first; i < last; i++)
            claims_of(out, a, body, model, &ci, i, &at[i],
                      keep ? &views[i - first] : NULL, &actx, sc);
    }
    cdk_attr_ctx_release(&actx);
    cdk_extract_link_duplicates(out);

    for (i = 0; i < out->nsentences; i++)
        cdk_attribution_release(&at[i]);
    cdk_charidx_release(&ci);
    if (sc == &own || len > SCRATCH_KEEP_BYTES) {
        scratch_release(sc);
    } else {
        for (; sc->nviews > SCRATCH_KEEP_VIEWS; sc->nviews--)
            cdk_attr_view_release(&sc->views[sc->nviews - 1]);
    }
    return 0;
}

void
cdk_extraction_release(struct cdk_extraction *x)
{
    free(x->dropped);
    free(x->claims);
    free(x->info);
    free(x->sentences);
    arena_free(x->arena);
    memset(x, 0, sizeof(*x));
}

int
cdk_extract_sentences(const char *text, size_t len, struct cdk_spans *out,
                      struct cdk_error *err)
{
    if (cdk_clean_check(text, len, err) < 0)
        return -1;
    cdk_segment_sentences(text, len, out);
    return 0;
}
