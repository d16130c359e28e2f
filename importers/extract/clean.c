/*
 * Clean: UTF-8/NUL checking, lines and paragraphs, normalised copies with
 * an offset map, byte-to-character offsets. Everything is linear in the
 * input; the normalised copy is made per span (a line or a sentence), so
 * its map never costs more than the span it describes.
 */
#include "clean.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/utf8.h"

/* Eight bytes of s at once (any alignment). */
static inline uint64_t
load64(const char *s)
{
    uint64_t w;

    memcpy(&w, s, sizeof(w));
    return w;
}

#define ONES64 0x0101010101010101ULL
#define HIGHS64 0x8080808080808080ULL

int
cdk_clean_check(const char *s, size_t len, struct cdk_error *err)
{
    size_t bad = 0, i;
    long line = 1;
    const char *nul = memchr(s, '\0', len);
    bool valid = cdk_utf8_valid(s, len, &bad);

    if (valid && !nul)
        return 0;
    if (nul && (valid || (size_t)(nul - s) < bad))
        bad = (size_t)(nul - s);
    for (i = 0; i < bad; i++)
        if (s[i] == '\n')
            line++;
    if (nul && (size_t)(nul - s) == bad)
        cdk_error_set(err, CDK_ERR_INPUT, "NUL byte at byte offset %zu",
                      bad);
    else
        cdk_error_set(err, CDK_ERR_INPUT,
                      "not valid UTF-8 at byte offset %zu", bad);
    cdk_error_at(err, NULL, line);
    return -1;
}

/* Length of a Unicode space at s[0..len) (0 when none), ASCII included. */
static size_t
space_len(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;

    if (len == 0)
        return 0;
    if (p[0] == ' ' || p[0] == '\t' || p[0] == '\v' || p[0] == '\f' ||
        p[0] == '\r' || p[0] == '\n')
        return 1;
    if (len >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2; /* NBSP */
    if (len >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF))
        return 3; /* U+2000..U+200B, U+202F */
    if (len >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3; /* U+205F */
    if (len >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3; /* U+3000 */
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3; /* BOM */
    return 0;
}

static void
trim(const char *s, size_t *start, size_t *end)
{
    size_t n;

    while (*start < *end && (n = space_len(s + *start, *end - *start)) > 0)
        *start += n;
    while (*end > *start) {
        /* Back up over one character and test it. */
        size_t b = *end - 1;
        while (b > *start && ((unsigned char)s[b] & 0xC0) == 0x80 &&
               *end - b < 4)
            b--;
        n = space_len(s + b, *end - b);
        if (n == 0 || b + n != *end)
            break;
        *end = b;
    }
}

void
cdk_clean_lines(const char *s, size_t len, struct cdk_lines *out)
{
    size_t i = 0;
    long lineno = 1;
    int para = 0;
    bool prev_blank = true, any = false;

    out->n = 0;
    while (i < len) {
        size_t st = i, en, next;
        const char *nl = memchr(s + i, '\n', len - i);
        const char *cr;
        struct cdk_line *l;

        en = nl ? (size_t)(nl - s) : len;
        /* A lone \r also ends a line (old Mac files). */
        cr = memchr(s + i, '\r', en - i);
        if (cr && (size_t)(cr - s) + 1 < en) {
            en = (size_t)(cr - s);
            next = en + 1;
        } else {
            next = nl ? en + 1 : len + 1;
        }
        if (en > st && s[en - 1] == '\r')
            en--;
        trim(s, &st, &en);
        CDK_ALLOC_GROW(out->v, out->n + 1, out->alloc);
        l = &out->v[out->n++];
        l->start = st;
        l->end = en;
        l->lineno = lineno++;
        l->blank = st == en;
        if (!l->blank && prev_blank && any)
            para++;
        if (!l->blank)
            any = true;
        l->para = para;
        prev_blank = l->blank;
        i = next;
    }
}

void
cdk_lines_release(struct cdk_lines *l)
{
    free(l->v);
    l->v = NULL;
    l->n = l->alloc = 0;
}

/* A new run of the map, at normalised byte `at`. */
static struct cdk_norm_run *
run_push(struct cdk_norm *n, size_t at, size_t body, bool flat)
{
    struct cdk_norm_run *r;

    CDK_ALLOC_GROW(n->run, n->nrun + 1, n->run_alloc);
    r = &n->run[n->nrun++];
    r->at = at;
    r->body = body;
    r->flat = flat;
    return r;
}

/* The body offset of normalised byte i, which run r covers. */
static inline size_t
run_value(const struct cdk_norm_run *r, size_t i)
{
    return r->flat ? r->body : r->body + (i - r->at);
}

/*
 * Map the k bytes just appended at normalised offset `at` (the end of
 * the text so far) to body offsets orig, orig+1, ... or, when flat, all
 * to orig. The last run is extended when it goes on so.
 */
static inline void
map_put(struct cdk_norm *n, size_t at, size_t orig, size_t k, bool flat)
{
    struct cdk_norm_run *r = n->nrun ? &n->run[n->nrun - 1] : NULL;

    if (!r || run_value(r, at) != orig)
        r = run_push(n, at, orig, false);
    if (k == 1 || r->flat == flat)
        return;
    if (r->at == at)
        r->flat = flat; /* the run holds this byte alone */
    else
        run_push(n, at + 1, flat ? orig : orig + 1, flat);
}

/*
 * Append k bytes standing for body offset `orig` (all of them, or one
 * each from orig on unless flat). The caller reserved room: the
 * normalised copy is never longer than the span plus one byte (every
 * replacement is no longer than what it replaces, and the space put
 * before a dash replaces spaces or the dash's own bytes).
 */
static inline void
norm_put(struct cdk_norm *n, const char *bytes, size_t k, size_t orig,
         bool flat)
{
    size_t at = n->text.len;

    memcpy(n->text.buf + at, bytes, k);
    map_put(n, at, orig, k, flat);
    n->text.len = at + k;
}

/*
 * The high bit of each byte of w that is printable ASCII other than the
 * space (0x21..0x7E), the other bits clear. No carry crosses a byte.
 */
static inline uint64_t
graph64(uint64_t w)
{
    uint64_t l = w & ~HIGHS64;          /* the low seven bits */
    uint64_t ge21 = l + 0x5F * ONES64;  /* high bit: l >= 0x21 */
    uint64_t le7e = ~(l + ONES64);      /* high bit: l <= 0x7E */

    return ge21 & le7e & ~w & HIGHS64;
}

/* The high bit of each byte of w that is a space (0x20). */
static inline uint64_t
space64(uint64_t w)
{
    uint64_t t = w ^ (0x20 * ONES64);

    return ~(((t & ~HIGHS64) + ~HIGHS64) | t) & HIGHS64;
}

static inline bool
graph(unsigned char c)
{
    return c > ' ' && c < 0x7F;
}

/*
 * The length of the fast-path run at p[0..lim) (p[0] is printable and
 * not a space): printable ASCII other than the space, and single spaces
 * each followed by such a byte. Eight bytes at a time while nine are
 * there (a space's next byte is looked at).
 */
static inline size_t
plain_run(const unsigned char *p, size_t lim)
{
    size_t j = 1;

    while (j + 9 <= lim) {
        uint64_t w = load64((const char *)p + j);
        uint64_t ok = graph64(w) | (space64(w) &
                                    graph64(load64((const char *)p + j + 1)));
        if (ok != HIGHS64)
            return j + (size_t)__builtin_ctzll(~ok & HIGHS64) / 8;
        j += 8;
    }
    while (j < lim &&
           (graph(p[j]) || (p[j] == ' ' && j + 1 < lim && graph(p[j + 1]))))
        j++;
    return j;
}

/*
 * Is p[0..n) one fast-path run (plain_run(p, n) == n, p[0] printable):
 * printable ASCII and single spaces, no space at either end? Then the
 * normaliser copies it as it is, one run mapped to itself. A plain loop
 * without carried state, which the compiler vectorises: much less work
 * than plain_run's on the usual sentence. (The normaliser's tests compare
 * it with its previous version: tests/unit/test_extract_shared.c.)
 */
static bool
plain_span(const unsigned char *p, size_t n)
{
    unsigned char bad = 0; /* byte-wide, as the lanes */
    size_t i;

    if (n == 0 || p[0] == ' ' || p[n - 1] < 0x21 || p[n - 1] > 0x7E)
        return false;
    for (i = 0; i + 1 < n; i++)
        bad |= (unsigned char)((p[i] < 0x20) | (p[i] > 0x7E) |
                               ((p[i] == ' ') & (p[i + 1] == ' ')));
    return !bad;
}

void
cdk_clean_normalise(const char *body, size_t start, size_t end,
                    struct cdk_norm *out)
{
    size_t i;
    bool pending_space = false;
    size_t space_at = start;

    cdk_buf_reset(&out->text);
    out->nrun = 0;
    /* a span that starts and ends with printable ASCII has nothing to
     * trim (trim drops only ASCII and Unicode spaces) */
    if (!(start < end && graph((unsigned char)body[start]) &&
          graph((unsigned char)body[end - 1])))
        trim(body, &start, &end);
    if (out->text.alloc < end - start + 9)
        cdk_buf_grow(&out->text, end - start + 8);
    if (plain_span((const unsigned char *)body + start, end - start)) {
        /* what the loop below does with it, in one step */
        norm_put(out, body + start, end - start, start, false);
        out->text.buf[out->text.len] = '\0';
        out->end = end;
        return;
    }
    i = start;
    while (i < end) {
        const unsigned char *p = (const unsigned char *)body + i;
        size_t sl;
        uint32_t cp;
        size_t k;
        const char *rep = NULL;
        size_t replen = 0;
        bool spaced = false;

        /* Fast path: a run of printable ASCII other than the space, and
         * single spaces inside it (a space before such a byte comes out
         * as itself, mapped to itself, as the slow path would put it). */
        if (graph(p[0])) {
            size_t j;
            if (pending_space && out->text.len > 0)
                norm_put(out, " ", 1, space_at, false);
            pending_space = false;
            j = plain_run(p, end - i);
            norm_put(out, (const char *)p, j, i, false);
            i += j;
            continue;
        }
        if (p[0] == ' ') {
            if (!pending_space)
                space_at = i;
            pending_space = true;
            i++;
            continue;
        }
        sl = space_len(body + i, end - i);
        if (sl) {
            if (!pending_space)
                space_at = i;
            pending_space = true;
            i += sl;
            continue;
        }
        if (p[0] < 0x80) {
            k = 1;
            cp = p[0];
        } else {
            k = cdk_utf8_decode(body + i, end - i, &cp);
            if (k == 0) {
                k = 1;
                rep = "?";
                replen = 1;
            }
        }
        if (!rep) {
            switch (cp) {
            case 0x2018: case 0x2019: case 0x201A: case 0x201B:
            case 0x2032: case 0x00B4:
                rep = "'";
                break;
            case 0x201C: case 0x201D: case 0x201E: case 0x201F:
            case 0x2033: case 0x00AB: case 0x00BB:
                rep = "\"";
                break;
            case 0x2010: case 0x2011: case 0x2012: case 0x2212:
            case 0xFE63: case 0xFF0D:
                rep = "-";
                break;
            case 0x2013: case 0x2014: case 0x2015: case 0xFE58:
                rep = "-";
                spaced = true;
                break;
            case 0x2026:
                rep = "...";
                break;
            case 0x200C: case 0x200D: case 0x2060: case 0x00AD:
                i += k; /* zero-width: dropped */
                continue;
            default:
                break;
            }
            if (rep)
                replen = strlen(rep);
        }
        if (spaced && out->text.len > 0 && !pending_space) {
            pending_space = true;
            space_at = i;
        }
        if (pending_space && out->text.len > 0)
            norm_put(out, " ", 1, space_at, false);
        pending_space = false;
        if (rep)
            norm_put(out, rep, replen, i, true);
        else
            norm_put(out, body + i, k, i, true);
        i += k;
        if (spaced) {
            pending_space = true;
            space_at = i;
        }
    }
    out->text.buf[out->text.len] = '\0';
    out->end = end;
}

void
cdk_norm_release(struct cdk_norm *n)
{
    cdk_buf_release(&n->text);
    free(n->run);
    n->run = NULL;
    n->nrun = n->run_alloc = 0;
    n->end = 0;
}

/* The run that covers normalised byte i (i < text.len). */
static size_t
run_of(const struct cdk_norm *n, size_t i)
{
    size_t lo = 0, hi = n->nrun;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (n->run[mid].at <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t
cdk_norm_body(const struct cdk_norm *n, size_t i)
{
    if (i >= n->text.len)
        return n->end;
    return run_value(&n->run[run_of(n, i)], i);
}

void
cdk_norm_span(const struct cdk_norm *n, size_t a, size_t b, size_t *bs,
              size_t *be)
{
    const char *t = n->text.buf;
    size_t k, m;

    if (b > n->text.len)
        b = n->text.len;
    while (a < b && t[a] == ' ')
        a++;
    while (b > a && t[b - 1] == ' ')
        b--;
    *bs = cdk_norm_body(n, a);
    if (b <= a) {
        *be = *bs;
        return;
    }
    /* *be: map(j) for the first j >= b with map(j) > m = map(b-1), or
     * the end of the span; at least m + 1 */
    k = run_of(n, b - 1);
    m = run_value(&n->run[k], b - 1);
    *be = n->end;
    for (; k < n->nrun; k++) {
        const struct cdk_norm_run *r = &n->run[k];
        size_t hi = k + 1 < n->nrun ? n->run[k + 1].at : n->text.len;
        size_t x = b > r->at ? b : r->at;
        if (x >= hi)
            continue;
        if (run_value(r, x) > m) {
            *be = run_value(r, x);
            break;
        }
        if (!r->flat && r->at + (m - r->body) + 1 < hi) {
            *be = m + 1; /* the byte after m's, in this run */
            break;
        }
    }
    if (*be <= m)
        *be = m + 1;
}

/* Characters (bytes that are not UTF-8 continuation bytes, 10xxxxxx)
 * among the eight bytes of w. */
static inline size_t
chars64(uint64_t w)
{
    uint64_t cont = (w & ~(w << 1) & HIGHS64) >> 7; /* 10xxxxxx: 1 */

    /* the sum of the eight 0/1 bytes lands in the top byte */
    return 8 - (size_t)((cont * ONES64) >> 56);
}

/* Characters among s[a..b), eight bytes at a time. */
static size_t
count_chars(const char *s, size_t a, size_t b)
{
    size_t count = 0;

    for (; a + 8 <= b; a += 8)
        count += chars64(load64(s + a));
    for (; a < b; a++)
        count += ((unsigned char)s[a] & 0xC0) != 0x80;
    return count;
}

void
cdk_charidx_init(struct cdk_charidx *ci, const char *s, size_t len)
{
    size_t k, count = 0;

    ci->s = s;
    ci->len = len;
    ci->nmark = len / 64 + 1;
    /* the marks, then one byte per block for `plain` */
    ci->mark = cdk_xcalloc(ci->nmark, sizeof(*ci->mark) + 1);
    ci->plain = (unsigned char *)(ci->mark + ci->nmark);
    for (k = 0; k < ci->nmark; k++) {
        size_t a = k * 64, lim = (k + 1) * 64 < len ? (k + 1) * 64 : len;
        uint64_t high = 0;
        ci->mark[k] = count;
        if (lim - a == 64) {
            /* a whole block: most are plain ASCII, 64 characters, which
             * one look at the high bits of all eight words tells */
            const char *b = s + a;
            high = load64(b) | load64(b + 8) | load64(b + 16) |
                   load64(b + 24) | load64(b + 32) | load64(b + 40) |
                   load64(b + 48) | load64(b + 56);
            if (!(high & HIGHS64)) {
                ci->plain[k] = 1;
                count += 64;
                continue;
            }
        }
        for (; a + 8 <= lim; a += 8) {
            uint64_t w = load64(s + a);
            high |= w;
            count += chars64(w);
        }
        for (; a < lim; a++) {
            high |= (unsigned char)s[a];
            count += ((unsigned char)s[a] & 0xC0) != 0x80;
        }
        ci->plain[k] = !(high & HIGHS64);
    }
}

size_t
cdk_charidx_get(const struct cdk_charidx *ci, size_t byte)
{
    size_t k;

    if (byte > ci->len)
        byte = ci->len;
    k = byte / 64;
    if (k >= ci->nmark)
        k = ci->nmark - 1;
    if (ci->plain[k])
        return ci->mark[k] + (byte - k * 64);
    return ci->mark[k] + count_chars(ci->s, k * 64, byte);
}

void
cdk_charidx_release(struct cdk_charidx *ci)
{
    free(ci->mark);
    ci->mark = NULL;
    ci->plain = NULL;
    ci->nmark = 0;
}

bool
cdk_clean_is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

static inline unsigned char
lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

bool
cdk_clean_word_at(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w), i;

    if (n > len)
        return false;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)w[i]))
            return false;
    return n == len || !cdk_clean_is_word_byte((unsigned char)s[n]) ||
           !cdk_clean_is_word_byte((unsigned char)w[n - 1]);
}

/*
 * How common a byte is in English text, either case: the space most (99),
 * then the letters in the usual frequency order "etaoinshrdlcumwfgypbvkjxqz"
 * ('e' 27 down to 'z' 2), everything else (punctuation, digits) 0.
 */
static const unsigned char byte_rank[256] = {
    [' '] = 99,
#define R(l, r) [l] = r, [l - 32] = r
    R('e', 27), R('t', 26), R('a', 25), R('o', 24), R('i', 23), R('n', 22),
    R('s', 21), R('h', 20), R('r', 19), R('d', 18), R('l', 17), R('c', 16),
    R('u', 15), R('m', 14), R('w', 13), R('f', 12), R('g', 11), R('y', 10),
    R('p', 9),  R('b', 8),  R('v', 7),  R('k', 6),  R('j', 5),  R('x', 4),
    R('q', 3),  R('z', 2),
#undef R
};

/*
 * The offset in needle[0..n) of its rarest byte in English text (the
 * first of the rarest), to search for first.
 */
static size_t
anchor_of(const char *needle, size_t n)
{
    size_t i, best = 0;
    int best_rank = 100;

    for (i = 0; i < n; i++) {
        int rank = byte_rank[(unsigned char)needle[i]];
        if (rank < best_rank) {
            best_rank = rank;
            best = i;
        }
    }
    return best;
}

/* a[0..n) equals b[0..n), ASCII letters compared without case */
static bool
same_ci(const char *a, const char *b, size_t n)
{
    size_t j;

    for (j = 0; j < n; j++)
        if (lower((unsigned char)a[j]) != lower((unsigned char)b[j]))
            return false;
    return true;
}

/* The byte c and its upper-case form, the two a scan looks for. */
static void
both_cases(unsigned char c, unsigned char *lo, unsigned char *up)
{
    *lo = lower(c);
    *up = (*lo >= 'a' && *lo <= 'z') ? (unsigned char)(*lo - 32) : *lo;
}

/*
 * The high bit of each byte of w that equals `c` once the bits of `fold`
 * are set in it (fold 0x20.. folds ASCII capitals onto lower case for a
 * letter c). A byte that matches is always flagged; a byte above one
 * that matches may be flagged too (a borrow), so every flag but the
 * lowest is only a candidate.
 */
static inline uint64_t
match64(uint64_t w, uint64_t fold, uint64_t c)
{
    uint64_t x = (w | fold) ^ c;

    return (x - ONES64) & ~x & HIGHS64;
}

size_t
cdk_clean_find(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), i;
    unsigned char lo, up;

    if (n == 0)
        return 0;
    if (n > len)
        return (size_t)-1;
    if (n == len) /* the most common call: a prefix test */
        return same_ci(s, needle, n) ? 0 : (size_t)-1;
    if (len < 96) {
        /* short text (a clause): a scan for the first byte, eight bytes
         * at a step, costs less than the memchr calls */
        size_t last = len - n; /* the last start */
        uint64_t fold, pat;
        both_cases((unsigned char)needle[0], &lo, &up);
        fold = lo != up ? 0x20 * ONES64 : 0;
        pat = lo * ONES64;
        i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        for (; i + 8 <= last + 1; i += 8) {
            uint64_t m = match64(load64(s + i), fold, pat);
            while (m) {
                size_t at = i + (size_t)__builtin_ctzll(m) / 8;
                if (same_ci(s + at, needle, n))
                    return at;
                m &= m - 1;
            }
        }
#endif
        for (; i <= last; i++)
            if (((unsigned char)s[i] == lo || (unsigned char)s[i] == up) &&
                same_ci(s + i + 1, needle + 1, n - 1))
                return i;
        return (size_t)-1;
    }
    /* Jump from one occurrence of the needle's rarest byte (the anchor,
     * at offset k in it) to the next; the next occurrence of each case is
     * remembered, so the scan stays linear. */
    {
        size_t k = anchor_of(needle, n);
        const char *first = s + k, *end = s + len - n + k + 1;
        const char *a, *b;
        both_cases((unsigned char)needle[k], &lo, &up);
        a = memchr(first, lo, (size_t)(end - first));
        b = up != lo ? memchr(first, up, (size_t)(end - first)) : NULL;
        for (;;) {
            const char *p = a && (!b || a < b) ? a : b;
            if (!p)
                return (size_t)-1;
            i = (size_t)(p - s) - k;
            if (same_ci(s + i, needle, n))
                return i;
            if (p == a)
                a = memchr(a + 1, lo, (size_t)(end - a - 1));
            else
                b = memchr(b + 1, up, (size_t)(end - b - 1));
        }
    }
}
