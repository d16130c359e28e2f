/*
 * Compound-claim splitting over the normalised content (clean.h): find
 * the top-level positions (outside quotations, brackets and dash asides)
 * where clauses are coordinated, then list items inside each clause.
 * Texts are rebuilt from the original body bytes (whitespace runs become
 * one space), so a part reads exactly as the article wrote it.
 */
#include "split.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "core/buf.h"
#include "core/mem.h"
#include "lex.h"

#define MAX_CLAUSES 16
#define MAX_ITEMS 8

/* The first i in [i, n) whose byte is marked in tbl, or n. */
static inline size_t
next_marked(const unsigned char *tbl, const char *s, size_t i, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    for (; i + 4 <= n; i += 4) {
        if (tbl[u[i]])
            return i;
        if (tbl[u[i + 1]])
            return i + 1;
        if (tbl[u[i + 2]])
            return i + 2;
        if (tbl[u[i + 3]])
            return i + 3;
    }
    while (i < n && !tbl[u[i]])
        i++;
    return i;
}

struct ctx {
    const char *body;
    struct cdk_norm nm;
    const char *t;
    size_t n;
    struct cdk_toks tk;
    unsigned char *top; /* 1 where t[i] is at the top level */
    size_t *nwords;     /* nwords[k]: words among tokens [0, k) */
    size_t *nverbs;     /* nverbs[k]: verb-like words among [0, k) */
    bool counted;       /* nwords and nverbs are filled */
    unsigned needles;   /* bit i: top_needles[i] occurs in t */
    bool classed;       /* every word token's cls is filled */
    size_t *cand;       /* where a clause conjunction may start, ascending */
    size_t ncand, cand_alloc;
    struct cdk_parts *parts; /* whose scratch the arrays above are */
};

/* The lists word token k is in (stored, or looked up). */
static unsigned
cls_at(const struct ctx *c, size_t k)
{
    const struct cdk_tok *t = &c->tk.v[k];

    return c->classed ? t->cls
                      : cdk_lex_class(c->t + t->start, t->end - t->start);
}

static size_t
tok_from(const struct ctx *c, size_t i)
{
    return cdk_toks_first_at(&c->tk, i);
}

static bool verb_at(const struct ctx *c, size_t k);

/* The prefix counts of words and verbs, made on first need (in the
 * parts' scratch: nwords and nverbs are its two halves). */
static void
prefix_counts(const struct ctx *cc)
{
    struct ctx *c = (struct ctx *)cc;
    struct cdk_parts *p = c->parts;
    size_t i;

    if (c->counted)
        return;
    CDK_ALLOC_GROW(p->counts, 2 * (c->tk.n + 1), p->counts_alloc);
    c->nwords = p->counts;
    c->nverbs = p->counts + c->tk.n + 1;
    c->nwords[0] = c->nverbs[0] = 0;
    c->counted = true;
    for (i = 0; i < c->tk.n; i++) {
        c->nwords[i + 1] = c->nwords[i] + c->tk.v[i].word;
        c->nverbs[i + 1] = c->nverbs[i] + verb_at(c, i);
    }
}

/* Words whose tokens lie inside [a, b), from the prefix counts. */
static size_t
words_between(const struct ctx *c, size_t a, size_t b)
{
    size_t ka = tok_from(c, a), kb = tok_from(c, b);

    prefix_counts(c);
    /* a token starting before b but ending after it is not inside */
    if (kb > ka && c->tk.v[kb - 1].end > b)
        kb--;
    return kb > ka ? c->nwords[kb] - c->nwords[ka] : 0;
}

static bool
verb_at(const struct ctx *c, size_t k)
{
    const struct cdk_tok *t = &c->tk.v[k];
    return t->word && cdk_lex_verbish_cls(c->t + t->start, t->end - t->start,
                                          cls_at(c, k));
}

static bool
has_verb(const struct ctx *c, size_t a, size_t b)
{
    size_t ka = tok_from(c, a), kb = tok_from(c, b);

    prefix_counts(c);
    if (kb > ka && c->tk.v[kb - 1].end > b)
        kb--;
    return kb > ka && c->nverbs[kb] > c->nverbs[ka];
}

/* Does a clause with its own subject and verb start at byte i? */
static bool
clause_starts(const struct ctx *c, size_t i, size_t b, bool comma)
{
    size_t k = tok_from(c, i), j;
    const struct cdk_tok *t;
    unsigned cl;

    if (k >= c->tk.n || !c->tk.v[k].word)
        return false;
    t = &c->tk.v[k];
    cl = cls_at(c, k);
    if ((cl & CDK_LEX_PRONOUN) &&
        !cdk_lex_eq(c->t + t->start, t->end - t->start, "it"))
        return k + 1 < c->tk.n && c->tk.v[k + 1].end <= b && verb_at(c, k + 1);
    if (cdk_lex_eq(c->t + t->start, t->end - t->start, "it"))
        return k + 1 < c->tk.n && verb_at(c, k + 1);
    if (!(t->cap || (cl & CDK_LEX_DET))) {
        /* A bare noun subject: "..., and volunteers have signed up". */
        return comma && !(cl & CDK_LEX_STOP) &&
               !verb_at(c, k) && k + 1 < c->tk.n && c->tk.v[k + 1].end <= b &&
               verb_at(c, k + 1) && !c->tk.v[k + 1].cap;
    }
    for (j = k + 1; j < c->tk.n && j <= k + 4 && c->tk.v[j].end <= b; j++) {
        if (!c->tk.v[j].word)
            return false;
        if (verb_at(c, j))
            return j > k;
    }
    return false;
}

/* Is there a line break in the body between normalised i and i+1? */
static bool
line_break_after(const struct ctx *c, size_t i)
{
    size_t a = cdk_norm_body(&c->nm, i);
    size_t b = cdk_norm_body(&c->nm, i + 2 <= c->n ? i + 2 : c->n);
    size_t j;
    for (j = a; j < b; j++)
        if (c->body[j] == '\n' || c->body[j] == '\r')
            return true;
    return false;
}

/*
 * Where the clause that ends at byte i starts: after the last comma or
 * subordinating word ("that", "because", "if", ...) in [from, i), else
 * from.
 */
static size_t
left_clause(const struct ctx *c, size_t from, size_t i)
{
    static const char *const subs[] = {"although", "as",      "because",
                                       "if",       "since",   "that",
                                       "though",   "unless",  "when",
                                       "whether",  "which",   "while",
                                       "who"};
    size_t k = tok_from(c, i), k0 = tok_from(c, from), j;

    while (k > k0) {
        const struct cdk_tok *t = &c->tk.v[--k];
        if (!t->word) {
            if (c->t[t->start] == ',')
                return t->end;
            continue;
        }
        for (j = 0; j < sizeof(subs) / sizeof(subs[0]); j++)
            if (cdk_lex_eq(c->t + t->start, t->end - t->start, subs[j]))
                return t->end;
    }
    return from;
}

/*
 * Clause cuts in [0, n): each cut is a pair (left end, right start) in
 * normalised offsets.
 */
static size_t
clause_cuts(const struct ctx *c, size_t *lend, size_t *rstart, size_t max)
{
    static const struct {
        const char *s;
        size_t n;
    } conj[] = {{", and ", 6},   {", but ", 6},     {"; ", 2},
                {", while ", 8}, {", whereas ", 10}, {" and ", 5},
                {", so ", 5}};
    size_t i, m, ncut = 0, from = 0, next = 0;

    /* Every conjunction starts with ',' ';' or " a": scan() listed them. */
    for (m = 0; m < c->ncand && ncut < max; m++) {
        size_t j, r = 0;
        i = c->cand[m];
        if (i < next || !c->top[i])
            continue;
        if (c->t[i] == ',' && i + 2 < c->n && line_break_after(c, i) &&
            c->t[i + 2] >= 'A' && c->t[i + 2] <= 'Z') {
            r = i + 2;
        } else {
            for (j = 0; j < sizeof(conj) / sizeof(conj[0]); j++) {
                size_t k = conj[j].n;
                /* the third byte first: ", a" ", b" ", w" ", s" */
                if (i + k <= c->n && (k < 3 || c->t[i + 2] == conj[j].s[2]) &&
                    memcmp(c->t + i, conj[j].s, k) == 0 &&
                    clause_starts(c, i + k, c->n, conj[j].s[0] == ',')) {
                    r = i + k;
                    break;
                }
            }
            if (!r)
                continue;
        }
        if (words_between(c, from, i) < 4 || words_between(c, r, c->n) < 4 ||
            !has_verb(c, from, i) || !has_verb(c, r, c->n))
            continue;
        /* a bare " and " joins clauses only when the left one has a verb
         * after its own start: not "because the Department of Health and
         * Human Services won't", "the idea that the Tories and the BNP
         * appealed" (a name, a compound subject) */
        if (c->t[i] == ' ' && !has_verb(c, left_clause(c, from, i), i))
            continue;
        lend[ncut] = i;
        rstart[ncut] = r;
        ncut++;
        from = next = r;
    }
    return ncut;
}

/* The phrases find_top is asked for (each starts with a space). */
enum needle {
    N_NOT_JUST,
    N_NOT_ONLY,
    N_BUT_ALSO,
    N_BUT,
    N_INCLUDING, /* the list cues, in the order they are tried */
    N_SUCH_AS,
    N_NOTABLY,
    N_COUNT
};

static const char *const top_needles[N_COUNT] = {
    " not just ", " not only ", " but also ", " but ",
    " including ", " such as ", " notably ",
};

/* Does the needle w (lower case, w[0] == ' ') occur at t[i], the text
 * compared without case as cdk_clean_find does? */
static bool
needle_at(const char *t, size_t n, size_t i, const char *w)
{
    size_t j;

    for (j = 1; w[j] && i + j < n; j++)
        if ((t[i + j] >= 'A' && t[i + j] <= 'Z' ? t[i + j] + 32 : t[i + j]) !=
            w[j])
            return false;
    return !w[j];
}

/* The bytes scan() stops at. */
enum { S_SPACE = 1, S_PUNCT, S_NEST };
static const unsigned char scan_byte[256] = {
    [' '] = S_SPACE, [','] = S_PUNCT, [';'] = S_PUNCT, ['"'] = S_NEST,
    ['('] = S_NEST,  [')'] = S_NEST,  ['['] = S_NEST,  [']'] = S_NEST,
    ['-'] = S_NEST,
};

/* The space at t[i] (t[i + 1] starts a word): cand " a", and the
 * needles that start there. */
static inline void
scan_space(struct ctx *c, size_t i)
{
    const char *t = c->t;
    size_t n = c->n;

    switch (t[i + 1] | 0x20) {
    case 'a':
        if (t[i + 1] == 'a') {
            CDK_ALLOC_GROW(c->cand, c->ncand + 1, c->cand_alloc);
            c->cand[c->ncand++] = i;
        }
        break;
    case 'n':
        if (needle_at(t, n, i, top_needles[N_NOT_JUST]))
            c->needles |= 1u << N_NOT_JUST;
        if (needle_at(t, n, i, top_needles[N_NOT_ONLY]))
            c->needles |= 1u << N_NOT_ONLY;
        if (needle_at(t, n, i, top_needles[N_NOTABLY]))
            c->needles |= 1u << N_NOTABLY;
        break;
    case 'b':
        if (needle_at(t, n, i, top_needles[N_BUT_ALSO]))
            c->needles |= 1u << N_BUT_ALSO;
        if (needle_at(t, n, i, top_needles[N_BUT]))
            c->needles |= 1u << N_BUT;
        break;
    case 'i':
        if (needle_at(t, n, i, top_needles[N_INCLUDING]))
            c->needles |= 1u << N_INCLUDING;
        break;
    case 's':
        if (needle_at(t, n, i, top_needles[N_SUCH_AS]))
            c->needles |= 1u << N_SUCH_AS;
        break;
    default:
        break;
    }
}

/*
 * One pass over the normalised text for what the cuts need:
 *  - top[i]: 1 where t[i] is at the top level, outside quotations,
 *    brackets and " - " dash asides (only " ( ) [ ] - change it; the
 *    runs between them are filled whole);
 *  - needles: which top_needles occur anywhere (case-insensitively, as
 *    cdk_clean_find matches), so find_top searches only for those;
 *  - cand: every ',' ';' and " a" -- where a clause conjunction may start.
 * The reference, byte by byte: scan() finds the same from the tokens
 * (cdk_split_scan_agrees).
 */
static void
scan_ref(struct ctx *c)
{
    const char *t = c->t;
    size_t n = c->n, i = 0, filled = 0;
    int depth = 0;
    bool inq = false, dash = false;
    unsigned char cur = 1;

    CDK_ALLOC_GROW(c->parts->top, n + 1, c->parts->top_alloc);
    c->top = c->parts->top;
    c->ncand = 0;
    c->needles = 0;
    for (i = next_marked(scan_byte, t, 0, n); i < n;
         i = next_marked(scan_byte, t, i + 1, n)) {
        char ch = t[i];
        switch (scan_byte[(unsigned char)ch]) {
        case S_SPACE:
            if (i + 1 < n)
                scan_space(c, i);
            break;
        case S_PUNCT:
            CDK_ALLOC_GROW(c->cand, c->ncand + 1, c->cand_alloc);
            c->cand[c->ncand++] = i;
            break;
        default: /* S_NEST */
            memset(c->top + filled, cur, i - filled);
            if (ch == '"') {
                inq = !inq;
            } else if (ch == '(' || ch == '[') {
                depth++;
            } else if ((ch == ')' || ch == ']') && depth > 0) {
                depth--;
            } else if (ch == '-' && i > 0 && i + 1 < n && t[i - 1] == ' ' &&
                       t[i + 1] == ' ') {
                dash = !dash;
            }
            cur = !inq && depth == 0 && !dash;
            c->top[i] = cur;
            filled = i + 1;
            break;
        }
    }
    memset(c->top + filled, cur, n - filled);
    c->top[n] = 1;
}


/*
 * scan_ref's results from the tokens of t (c->tk) instead of its bytes:
 * a token per word, not a stop per space. It holds because t is
 * normalised (single spaces, none at either end) and the tokens cover
 * every byte but the spaces:
 *  - a space that matters is followed by a letter, so by the first byte
 *    of a word token (a token holds no space), and only such a space
 *    matters to scan_ref (" a" and the needles start with a letter);
 *  - ',' ';' '"' '(' ')' '[' ']' are never word bytes: each is a token of
 *    its own;
 *  - a '-' inside a word token ("well-known") has a word byte on either
 *    side: scan_ref toggles no dash aside for it, and the top[] it writes
 *    there is the one its next fill would write anyway.
 * Spaces and stops are met in text order, so cand comes out ascending.
 */
static void
scan(struct ctx *c)
{
    const char *t = c->t;
    const struct cdk_tok *v = c->tk.v;
    size_t n = c->n, nt = c->tk.n, k, filled = 0;
    int depth = 0;
    bool inq = false, dash = false;
    unsigned char cur = 1;

    CDK_ALLOC_GROW(c->parts->top, n + 1, c->parts->top_alloc);
    c->top = c->parts->top;
    c->ncand = 0;
    c->needles = 0;
    for (k = 0; k < nt; k++) {
        size_t i = v[k].start;
        char ch = t[i];

        if (v[k].word) {
            /* (letters only: scan_space asks for none but these) */
            if (i > 0 && t[i - 1] == ' ' &&
                ((ch | 0x20) == 'a' || (ch | 0x20) == 'n' ||
                 (ch | 0x20) == 'b' || (ch | 0x20) == 'i' ||
                 (ch | 0x20) == 's'))
                scan_space(c, i - 1);
            continue;
        }
        switch (scan_byte[(unsigned char)ch]) {
        case S_PUNCT:
            CDK_ALLOC_GROW(c->cand, c->ncand + 1, c->cand_alloc);
            c->cand[c->ncand++] = i;
            break;
        case S_NEST:
            memset(c->top + filled, cur, i - filled);
            if (ch == '"') {
                inq = !inq;
            } else if (ch == '(' || ch == '[') {
                depth++;
            } else if ((ch == ')' || ch == ']') && depth > 0) {
                depth--;
            } else if (ch == '-' && i > 0 && i + 1 < n && t[i - 1] == ' ' &&
                       t[i + 1] == ' ') {
                dash = !dash;
            }
            cur = !inq && depth == 0 && !dash;
            c->top[i] = cur;
            filled = i + 1;
            break;
        default:
            break;
        }
    }
    memset(c->top + filled, cur, n - filled);
    c->top[n] = 1;
}

/* Find a top-level needle in [a, b); its offset or b. */
static size_t
find_top(const struct ctx *c, size_t a, size_t b, enum needle which)
{
    const char *needle = top_needles[which];
    size_t k = strlen(needle);

    if (!(c->needles & (1u << which)))
        return b;
    while (a + k <= b) {
        size_t p = cdk_clean_find(c->t + a, b - a, needle);
        if (p == (size_t)-1)
            return b;
        if (c->top[a + p])
            return a + p;
        a += p + 1;
    }
    return b;
}

/* The whitespace add_collapsed folds (is_ws), as a table. */
static const unsigned char ws_byte[256] = {
    [' '] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1,
};

/* Append s[a..b) with each whitespace run as one space (none at the
 * start of the span). Written in place: the result is never longer than
 * the span, since every space put replaces at least one skipped byte.
 * Text whose whitespace is already single spaces between words comes out
 * as it is, so it is copied in chunks: a chunk runs over non-space bytes
 * and over spaces that sit alone between two of them. */
static void
add_collapsed(struct cdk_buf *out, const char *s, size_t a, size_t b)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = a, len;
    char *d;

    if (b <= a)
        return;
    cdk_buf_grow(out, b - a + 1);
    d = out->buf;
    len = out->len;
    while (i < b) {
        size_t j = i;
        if (ws_byte[u[i]]) {
            /* a run to fold: the next chunk gets one space before it */
            while (i < b && ws_byte[u[i]])
                i++;
            continue;
        }
        for (;;) {
            j = next_marked(ws_byte, s, j, b);
            if (j + 1 < b && u[j] == ' ' && !ws_byte[u[j + 1]])
                j++;
            else
                break;
        }
        if (i > a && len > 0 && d[len - 1] != ' ')
            d[len++] = ' ';
        memcpy(d + len, s + i, j - i);
        len += j - i;
        i = j;
    }
    cdk_buf_setlen(out, len);
}

/*
 * add_collapsed for the body span [bs, be) of normalised t[a..b) (as
 * cdk_norm_span gives it: no spaces at its ends). When the body bytes
 * are the normalised bytes -- plain text, whose whitespace the normaliser
 * has left as it was, single spaces (clean.h collapses every run) --
 * there is nothing to fold and they are copied whole.
 */
static void
add_span(struct cdk_buf *out, const struct ctx *c, size_t a, size_t b,
         size_t bs, size_t be)
{
    while (a < b && c->t[a] == ' ')
        a++;
    while (b > a && c->t[b - 1] == ' ')
        b--;
    if (be > bs && be - bs == b - a &&
        memcmp(c->body + bs, c->t + a, b - a) == 0)
        cdk_buf_add(out, c->body + bs, be - bs);
    else
        add_collapsed(out, c->body, bs, be);
}

/* Cut the trailing spaces, ',' and ';' of a text built in b. */
static void
trim_text(struct cdk_buf *b)
{
    while (b->len > 0 && (b->buf[b->len - 1] == ' ' ||
                          b->buf[b->len - 1] == ',' ||
                          b->buf[b->len - 1] == ';'))
        cdk_buf_setlen(b, b->len - 1);
}

/* Part p's text: out->text trimmed, put in the pool (p->text is set by
 * point_texts once the pool has stopped moving). */
static void
finish_part(struct cdk_parts *out, struct cdk_part *p)
{
    trim_text(&out->text);
    p->text_at = out->pool.len;
    cdk_buf_add(&out->pool, out->text.buf, out->text.len + 1); /* + NUL */
    p->text = NULL;
}

/* Every part's text pointer, into the pool where it is now. */
static void
point_texts(struct cdk_parts *out)
{
    size_t i;

    for (i = 0; i < out->n; i++)
        out->v[i].text = out->pool.buf + out->v[i].text_at;
}

char *
cdk_split_text(const char *body, size_t start, size_t end)
{
    struct cdk_buf b = CDK_BUF_INIT;

    add_collapsed(&b, body, start, end);
    trim_text(&b);
    return cdk_buf_detach(&b, NULL);
}

/*
 * Push a part: the item t[ia..ib); for a list item its text is the head
 * of the frame t[fa..head) followed by the item, and the frame is
 * t[fa..fb).
 */
static void
push_part(struct cdk_parts *out, const struct ctx *c, size_t fa, size_t head,
          size_t fb, size_t ia, size_t ib, bool item)
{
    struct cdk_part *p;
    struct cdk_buf *b = &out->text;
    size_t fs, fe, is, ie;

    cdk_norm_span(&c->nm, fa, fb, &fs, &fe);
    cdk_norm_span(&c->nm, ia, ib, &is, &ie);
    if (ie <= is)
        return;
    CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
    p = &out->v[out->n++];
    memset(p, 0, sizeof(*p));
    p->start = is;
    p->end = ie;
    p->item = item;
    cdk_buf_reset(b);
    if (item) {
        size_t ffs, ffe;
        cdk_norm_span(&c->nm, fa, head, &ffs, &ffe);
        add_span(b, c, fa, head, ffs, ffe);
        /* the frame ends with the cue word; one space before the item */
        if (b->len > 0 && b->buf[b->len - 1] != ' ')
            cdk_buf_addch(b, ' ');
        add_span(b, c, ia, ib, is, ie);
        finish_part(out, p);
        p->key = cdk_xstrndup(c->t + ia, ib - ia);
        p->frame_start = fs;
        p->frame_end = fe > ie ? fe : ie;
        p->head_end = ffe;
    } else {
        add_span(b, c, ia, ib, is, ie);
        finish_part(out, p);
        p->frame_start = is;
        p->frame_end = ie;
        p->head_end = ie;
    }
}

/* Items of a list t[a..b): cut at top-level ", " and the last " and ". */
static size_t
list_items(const struct ctx *c, size_t a, size_t b, size_t *ia, size_t *ib)
{
    size_t i, n = 0, s = a;
    bool commas = false;

    for (i = a; i < b; i++)
        if (c->t[i] == ',' && c->top[i])
            commas = true;
    for (i = a; i < b && n + 1 < MAX_ITEMS; i++) {
        size_t skip = 0;
        if (!c->top[i])
            continue;
        if (commas && c->t[i] == ',') {
            skip = 1;
            if (i + 6 <= b && memcmp(c->t + i, ", and ", 6) == 0)
                skip = 6;
            else if (i + 5 <= b && memcmp(c->t + i, ", or ", 5) == 0)
                skip = 5;
        } else if (!commas && i + 5 <= b &&
                   (memcmp(c->t + i, " and ", 5) == 0)) {
            skip = 5;
        } else if (!commas && i + 4 <= b && memcmp(c->t + i, " or ", 4) == 0) {
            skip = 4;
        }
        if (!skip)
            continue;
        ia[n] = s;
        ib[n] = i;
        n++;
        s = i + skip;
        i = s - 1;
        if (!commas)
            break; /* "X and Y": one cut; Y keeps its own "and"s */
    }
    ia[n] = s;
    ib[n] = b;
    n++;
    /* "X, Y" without a final "and"/"or" is an apposition, not a list. */
    if (commas) {
        bool conj = false;
        for (i = a; i + 5 <= b; i++)
            if (c->top[i] && (memcmp(c->t + i, " and ", 5) == 0 ||
                              memcmp(c->t + i, " or ", 4) == 0))
                conj = true;
        if (!conj)
            return 1;
    }
    /* Strip trailing sentence punctuation from the last item. */
    while (ib[n - 1] > ia[n - 1] &&
           (c->t[ib[n - 1] - 1] == '.' || c->t[ib[n - 1] - 1] == ' '))
        ib[n - 1]--;
    return n;
}

/* Every item a bare name (one or two capitalised words)? */
static bool
all_names(const struct ctx *c, const size_t *ia, const size_t *ib, size_t n)
{
    size_t i, k;

    for (i = 0; i < n; i++) {
        size_t w = 0;
        for (k = tok_from(c, ia[i]); k < c->tk.n && c->tk.v[k].end <= ib[i];
             k++) {
            if (!c->tk.v[k].word)
                continue;
            if (!(c->tk.v[k].cap || c->tk.v[k].upper))
                return false;
            w++;
        }
        if (w == 0 || w > 2)
            return false;
    }
    return true;
}

/*
 * Are the items of a list t[ia[i]..ib[i]) noun phrases that end the
 * clause -- "including A, B and C" -- rather than a list that ended
 * earlier, with the clause going on in its last "item": "such as X and
 * Y have developed" (a verb), "such as wallpaper, games and ringtones,
 * for their phones" (an item opening with a function word), "including
 * bread and petrol, reducing his room" (no "and" or "or" in the last
 * item after a comma)?
 */
static bool
noun_items(const struct ctx *c, const size_t *ia, const size_t *ib, size_t n)
{
    size_t i, k, comma_before_last = 0;

    for (i = 0; i < n; i++) {
        k = tok_from(c, ia[i]);
        if (has_verb(c, ia[i], ib[i]))
            return false;
        if (k < c->tk.n && c->tk.v[k].word && c->tk.v[k].start < ib[i] &&
            (cls_at(c, k) & CDK_LEX_STOP))
            return false;
    }
    /* the separator before the last item: a comma not followed by a
     * conjunction needs one inside the last item ("..., B and C") */
    for (k = ib[n - 2]; k < ia[n - 1]; k++)
        if (c->t[k] == ',')
            comma_before_last = 1;
    if (comma_before_last && ia[n - 1] >= 4 &&
        !(memcmp(c->t + ia[n - 1] - 4, "and ", 4) == 0 ||
          (ia[n - 1] >= 3 && memcmp(c->t + ia[n - 1] - 3, "or ", 3) == 0))) {
        for (k = ia[n - 1]; k + 5 <= ib[n - 1]; k++)
            if (memcmp(c->t + k, " and ", 5) == 0 ||
                memcmp(c->t + k, " or ", 4) == 0)
                return true;
        return false;
    }
    return true;
}

/* Does the word at byte i open a prepositional phrase? */
static bool
prep_at(const struct ctx *c, size_t i)
{
    size_t k = tok_from(c, i);
    const char *w;
    size_t n;

    while (k < c->tk.n && !c->tk.v[k].word)
        k++;
    if (k >= c->tk.n)
        return false;
    w = c->t + c->tk.v[k].start;
    n = c->tk.v[k].end - c->tk.v[k].start;
    return (cls_at(c, k) & CDK_LEX_LEAD_PREP) || cdk_lex_eq(w, n, "of") ||
           cdk_lex_eq(w, n, "into") || cdk_lex_eq(w, n, "onto");
}

/*
 * "not just X but also Y" splits only when X and Y are alike: both
 * prepositional phrases or neither. "is not only damaging to privacy but
 * also to the relationship" or "a choice not just of the leagues, but the
 * Premiership" would give "is to the relationship", "a choice the
 * Premiership".
 */
static bool
parallel(const struct ctx *c, size_t p, size_t xs, size_t ys)
{
    static const char *const aux[] = {"are", "did", "do",  "does", "had",
                                      "has", "have", "is", "was",  "were",
                                      "will", "would"};
    size_t kx = tok_from(c, xs), ky = tok_from(c, ys), kn = tok_from(c, p), i;

    if (prep_at(c, xs) != prep_at(c, ys) || kx >= c->tk.n || ky >= c->tk.n)
        return false;
    /* "not only was it given publicity": an inversion, no X to lift */
    for (i = 0; i < sizeof(aux) / sizeof(aux[0]); i++)
        if (cdk_lex_eq(c->t + c->tk.v[kx].start,
                       c->tk.v[kx].end - c->tk.v[kx].start, aux[i]))
            return false;
    /* "would not just be X but would deliver Y": Y repeats the word
     * before "not" (the token before p, where " not just " starts), and
     * the frame would say it twice */
    if (kn >= 1 && c->tk.v[kn - 1].word &&
        c->tk.v[kn - 1].end - c->tk.v[kn - 1].start ==
            c->tk.v[ky].end - c->tk.v[ky].start &&
        memcmp(c->t + c->tk.v[kn - 1].start, c->t + c->tk.v[ky].start,
               c->tk.v[ky].end - c->tk.v[ky].start) == 0)
        return false;
    return true;
}

/* Split one clause [a, b) into items; true when it pushed parts. */
static bool
split_items(struct cdk_parts *out, const struct ctx *c, size_t a, size_t b)
{
    size_t p, q, i, ia[MAX_ITEMS], ib[MAX_ITEMS], n;

    /* not just X but also Y */
    p = find_top(c, a, b, N_NOT_JUST);
    if (p == b)
        p = find_top(c, a, b, N_NOT_ONLY);
    if (p < b) {
        size_t xs = p + 10, ys;
        q = find_top(c, xs, b, N_BUT_ALSO);
        ys = q + 10;
        if (q == b) {
            q = find_top(c, xs, b, N_BUT);
            ys = q + 5;
        }
        if (q < b && words_between(c, xs, q) >= 1 &&
            words_between(c, ys, b) >= 1 && parallel(c, p, xs, ys)) {
            size_t ye = b;
            while (ye > ys && (c->t[ye - 1] == '.' || c->t[ye - 1] == ' '))
                ye--;
            push_part(out, c, a, p, ye, xs, q, true);
            push_part(out, c, a, p, ye, ys, ye, true);
            return true;
        }
    }
    for (i = N_INCLUDING; i <= N_NOTABLY; i++) {
        size_t k = strlen(top_needles[i]), j;
        p = find_top(c, a, b, (enum needle)i);
        if (p == b)
            continue;
        /* "A cohort of photographers, including Newton and Bourdin, was
         * making ...": the list sits inside the subject, and its clause
         * goes on after it with a verb -- no list to split the claim on */
        {
            size_t q2;
            for (q2 = p + k; q2 < b; q2++)
                if (c->t[q2] == ',' && c->top[q2] &&
                    tok_from(c, q2 + 1) < c->tk.n &&
                    verb_at(c, tok_from(c, q2 + 1)))
                    break;
            if (q2 < b)
                continue;
        }
        n = list_items(c, p + k, b, ia, ib);
        if (n < 2 || all_names(c, ia, ib, n) || !noun_items(c, ia, ib, n))
            continue;
        for (j = 0; j < n; j++)
            if (words_between(c, ia[j], ib[j]) == 0)
                break;
        if (j < n)
            continue;
        for (j = 0; j < n; j++)
            push_part(out, c, a, p + k, b, ia[j], ib[j], true);
        return true;
    }
    return false;
}

/* The bytes maybe_compound stops at, by what it does with them. */
enum { MC_CUT = 1, MC_COMMA, MC_SPACE, MC_TAB };
static const unsigned char mc_byte[256] = {
    [';'] = MC_CUT,     ['\n'] = MC_CUT,     ['\r'] = MC_CUT,
    [','] = MC_COMMA,   [' '] = MC_SPACE,    ['\t'] = MC_TAB,
};

/*
 * Could s[0..n) be split at all? Every cut needs one of these: a comma or
 * semicolon, " and ", or a list cue. Most sentences have none of the
 * clause or list cues, and are passed through without normalising.
 * *tidy is set when s has no tab and no two spaces in a row (nor, when
 * it is not compound, a line break): its whitespace needs no folding.
 */
static bool
maybe_compound(const char *s, size_t n, bool *tidy)
{
    size_t i;

    *tidy = true;
#define AT(lit) (i + sizeof(lit) - 1 <= n && memcmp(s + i, lit, sizeof(lit) - 1) == 0)
    for (i = next_marked(mc_byte, s, 0, n); i < n;
         i = next_marked(mc_byte, s, i + 1, n)) {
        switch (mc_byte[(unsigned char)s[i]]) {
        case MC_CUT:
            return true;
        case MC_COMMA:
            if (AT(", and ") || AT(", but ") || AT(", while ") ||
                AT(", whereas ") || AT(", so "))
                return true;
            break;
        case MC_SPACE:
            /* a cheap look at the next byte before the phrases */
            if (i + 1 >= n)
                break;
            if (s[i + 1] == ' ')
                *tidy = false;
            if (s[i + 1] != 'a' && s[i + 1] != 'i' && s[i + 1] != 's' &&
                s[i + 1] != 'n')
                break;
            if (AT(" and ") || AT(" including ") || AT(" such as ") ||
                AT(" notably ") || AT(" not just ") || AT(" not only "))
                return true;
            break;
        default: /* MC_TAB */
            *tidy = false;
            break;
        }
    }
#undef AT
    return false;
}

/*
 * maybe_compound for a span s[0..n) whose bytes are t[a..a+n) of a
 * normalised text t with its tokens tk: the same answer, from the tokens.
 * Normalised text has no tab, line break or two spaces in a row (so the
 * span is tidy and has no MC_CUT but ';'), every ',' and ';' is a token
 * of its own (the tokenizer joins only ' - . & inside a word), and after
 * every space that a non-space follows a token starts: the bytes
 * maybe_compound stops at and looks after are the tokens' first bytes
 * and the bytes before them -- one look per token, not per byte.
 */
static bool
maybe_compound_toks(const char *t, const struct cdk_toks *tk, size_t a,
                    size_t n)
{
    const char *s = t + a;
    size_t k;

#define AT(lit) (i + sizeof(lit) - 1 <= n && memcmp(s + i, lit, sizeof(lit) - 1) == 0)
    for (k = cdk_toks_first_at(tk, a); k < tk->n && tk->v[k].start < a + n;
         k++) {
        size_t i = tk->v[k].start - a; /* the token's offset in s */
        char c = s[i];
        if (!tk->v[k].word) {
            if (c == ';')
                return true;
            if (c == ',' && (AT(", and ") || AT(", but ") || AT(", while ") ||
                             AT(", whereas ") || AT(", so ")))
                return true;
            continue;
        }
        if ((c != 'a' && c != 'i' && c != 's' && c != 'n') || i == 0 ||
            s[i - 1] != ' ')
            continue;
        i--; /* the space before the word */
        if (AT(" and ") || AT(" including ") || AT(" such as ") ||
            AT(" notably ") || AT(" not just ") || AT(" not only "))
            return true;
    }
#undef AT
    return false;
}

/* Is token k the word "that" before a clause ("that other proposals
 * were"), not the pronoun ("that is still": a verb follows)? */
static bool
that_tok(const struct ctx *c, size_t k)
{
    const struct cdk_tok *t = &c->tk.v[k];

    return k + 1 < c->tk.n && t->word && t->end - t->start == 4 &&
           (c->t[t->start] | 0x20) == 't' &&
           cdk_lex_eq(c->t + t->start, 4, "that") && c->tk.v[k + 1].word &&
           !verb_at(c, k + 1);
}

/* Does the clause at byte a open with such a "that"? */
static bool
that_at(const struct ctx *c, size_t a)
{
    return that_tok(c, tok_from(c, a));
}

/* The end of the word before the first "that" of [a, b) that follows a
 * word ("stressing| that ..."), or 0: the head of a frame for the
 * clauses "and that ..." after it. */
static size_t
first_that(const struct ctx *c, size_t a, size_t b)
{
    size_t k;

    for (k = tok_from(c, a) + 1; k < c->tk.n && c->tk.v[k].end <= b; k++)
        if (c->tk.v[k].end - c->tk.v[k].start == 4 && c->tk.v[k - 1].word &&
            that_tok(c, k))
            return c->tk.v[k - 1].end;
    return 0;
}

void
cdk_split_claim(const char *body, size_t start, size_t end,
                struct cdk_parts *out)
{
    cdk_split_claim_shared(body, start, end, NULL, 0, NULL, 0, out);
}

void
cdk_split_claim_shared(const char *body, size_t start, size_t end,
                       const char *t, size_t n, const struct cdk_toks *tk,
                       size_t at, struct cdk_parts *out)
{
    struct ctx c;
    size_t lend[MAX_CLAUSES], rstart[MAX_CLAUSES], ncut, i, a;
    size_t that_frame = 0, that_head = 0; /* see first_that */
    size_t before = out->n;
    bool tidy, compound;

    /* the content is most often where the caller read it, byte for byte:
     * then its tokens tell whether it may be compound */
    if (t && at + (end - start) <= n && end > start &&
        memcmp(body + start, t + at, end - start) == 0) {
        tidy = true;
        compound = maybe_compound_toks(t, tk, at, end - start);
    } else {
        compound = maybe_compound(body + start, end - start, &tidy);
    }
    if (!compound) {
        struct cdk_part *p;
        while (start < end && (body[start] == ' ' || body[start] == '\n'))
            start++;
        if (start >= end)
            return;
        CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
        p = &out->v[out->n++];
        memset(p, 0, sizeof(*p));
        /* single spaces between words: the collapsed text is the span
         * itself less a trailing space, which trim_text cuts anyway */
        if (tidy) {
            /* straight into the pool, less what trim_text would cut */
            size_t e = end;
            while (e > start && (body[e - 1] == ' ' || body[e - 1] == ',' ||
                                 body[e - 1] == ';'))
                e--;
            p->text_at = out->pool.len;
            cdk_buf_grow(&out->pool, e - start + 1);
            memcpy(out->pool.buf + out->pool.len, body + start, e - start);
            out->pool.buf[out->pool.len + (e - start)] = '\0';
            cdk_buf_setlen(&out->pool, out->pool.len + (e - start) + 1);
        } else {
            cdk_buf_reset(&out->text);
            add_collapsed(&out->text, body, start, end);
            finish_part(out, p);
        }
        p->start = p->frame_start = start;
        p->end = p->frame_end = p->head_end = end;
        point_texts(out);
        return;
    }
    memset(&c, 0, sizeof(c));
    c.body = body;
    c.parts = out;
    c.nm = out->nm; /* the scratch buffers, handed back at the end */
    c.tk = out->tk;
    c.cand = out->cand;
    c.cand_alloc = out->cand_alloc;
    cdk_clean_normalise(body, start, end, &c.nm);
    c.t = c.nm.text.buf;
    c.n = c.nm.text.len;
    /* the content as normalised is most often where the caller read it */
    c.classed = t && c.n > 0 && at + c.n <= n &&
                memcmp(t + at, c.t, c.n) == 0 &&
                cdk_toks_slice(t, n, tk, at, c.n, &c.tk);
    if (!c.classed)
        cdk_lex_tokenize(c.t, c.n, &c.tk);
    scan(&c);

    ncut = clause_cuts(&c, lend, rstart, MAX_CLAUSES - 1);
    a = 0;
    for (i = 0; i <= ncut; i++) {
        size_t b = i < ncut ? lend[i] : c.n;
        size_t e = b, k;
        while (e > a && (c.t[e - 1] == '.' || c.t[e - 1] == ' '))
            e--;
        if (i > 0 && that_at(&c, a)) {
            /* "stressing that the meeting was a first step and that other
             * proposals were under consideration": the second clause
             * keeps what led to the first "that"; with no such frame
             * (the content began after "said that") it reads without
             * its "that" */
            if (that_head > 0)
                push_part(out, &c, that_frame, that_head, e, a, e, true);
            else if ((k = tok_from(&c, a) + 1) < c.tk.n)
                push_part(out, &c, c.tk.v[k].start, e, e, c.tk.v[k].start,
                          e, false);
        } else if (!split_items(out, &c, a, b)) {
            push_part(out, &c, a, e, e, a, e, false);
        }
        if (i == 0 || !that_at(&c, a)) {
            that_frame = a;
            that_head = first_that(&c, a, b);
        }
        if (i < ncut)
            a = rstart[i];
    }
    if (out->n == before && c.n > 0)
        push_part(out, &c, 0, c.n, c.n, 0, c.n, false);
    point_texts(out);
    out->cand = c.cand;
    out->cand_alloc = c.cand_alloc;
    out->tk = c.tk;
    out->nm = c.nm;
}

bool
cdk_split_scan_agrees(const char *t, size_t n, size_t *where)
{
    struct cdk_parts pf = CDK_PARTS_INIT, pr = CDK_PARTS_INIT;
    struct ctx f, r;
    size_t i;
    bool ok;

    memset(&f, 0, sizeof(f));
    f.t = t;
    f.n = n;
    cdk_lex_tokenize(t, n, &f.tk);
    r = f;
    f.parts = &pf;
    r.parts = &pr;
    scan(&f);
    scan_ref(&r);
    ok = f.needles == r.needles && f.ncand == r.ncand;
    for (i = 0; ok && i < f.ncand; i++)
        ok = f.cand[i] == r.cand[i];
    if (!ok && where)
        *where = 0;
    for (i = 0; ok && i <= n; i++)
        if (f.top[i] != r.top[i]) {
            ok = false;
            if (where)
                *where = i;
        }
    free(f.cand);
    free(r.cand);
    cdk_toks_release(&f.tk);
    cdk_parts_release(&pf);
    cdk_parts_release(&pr);
    return ok;
}

void
cdk_parts_clear(struct cdk_parts *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        free(p->v[i].key);
    p->n = 0;
    cdk_buf_reset(&p->pool);
}

void
cdk_parts_release(struct cdk_parts *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        free(p->v[i].key);
    free(p->v);
    p->v = NULL;
    p->n = p->alloc = 0;
    cdk_buf_release(&p->pool);
    cdk_norm_release(&p->nm);
    cdk_toks_release(&p->tk);
    cdk_buf_release(&p->text);
    free(p->top);
    free(p->cand);
    free(p->counts);
    p->top = NULL;
    p->cand = p->counts = NULL;
    p->top_alloc = p->cand_alloc = p->counts_alloc = 0;
}
