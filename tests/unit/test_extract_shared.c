/*
 * The fast paths of the extraction pipeline against plain reference
 * versions: the word-at-a-time UTF-8 check and character index and the
 * normaliser (clean.c; the normaliser against its previous version) on
 * generated text with every kind of byte at every alignment and on real
 * article lines; tokens shared between stages (cdk_toks_slice) against
 * tokenizing again; compound splitting through shared tokens against
 * splitting from scratch; every claim of real articles, classified
 * through its sentence's shared tokens, against classifying its text from
 * scratch; the model files' number reader against strtod/strtof, and
 * their vector components.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "importers/extract/classify.h"
#include "importers/extract/clean.h"
#include "importers/extract/extract.h"
#include "importers/extract/lex.h"
#include "importers/extract/model.h"
#include "importers/extract/num.h"
#include "importers/extract/split.h"
#include "importers/extract/wordvec.h"
#include "support/testutil.h"

/* Real articles: some BBC business stories and noisy web pages. */
static const char *const articles[] = {
    "data/news-bbc/bbc/business/001.txt", "data/news-bbc/bbc/business/002.txt",
    "data/news-bbc/bbc/business/003.txt", "data/news-bbc/bbc/politics/004.txt",
    "data/news-bbc/bbc/politics/005.txt", "data/news-bbc/bbc/sport/006.txt",
    "data/news-bbc/bbc/tech/007.txt",     "data/news-bbc/bbc/entertainment/008.txt",
    "data/news-noisy/articles/001.txt",   "data/news-noisy/articles/002.txt",
    "data/news-noisy/articles/003.txt",   "data/news-noisy/articles/004.txt",
    "data/news-noisy/articles/005.txt",   "data/news-noisy/articles/006.txt",
    "data/news-noisy/articles/007.txt",   "data/news-noisy/articles/008.txt",
};
#define NARTICLES (sizeof(articles) / sizeof(articles[0]))

static char *
read_shared(const char *rel, size_t *len)
{
    char *path = cdk_test_shared_path(rel);
    char *data;

    ck_assert_ptr_nonnull(path);
    data = cdk_test_read_file(path, len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    free(path);
    return data;
}

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Random text: mostly ASCII, some 2-, 3- and 4-byte characters, and,
 * when `broken`, now and then a stray continuation or lead byte. */
static size_t
gen_text(uint64_t *seed, char *out, size_t cap, bool broken)
{
    static const char *const pieces[] = {
        "a", "The ", "said ", "7", "\n", " ", ".", "\xc3\xa9", "\xe2\x80\x9c",
        "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xc2\xa0", "abcdefgh", "xyz,",
    };
    size_t n = 0;

    while (n + 8 < cap) {
        uint64_t r = next_rand(seed);
        const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
        size_t k = strlen(p);
        if (broken && r % 97 == 0)
            p = (r >> 8) % 2 ? "\x80" : "\xe2\x80", k = strlen(p);
        memcpy(out + n, p, k);
        n += k;
        if (r % 13 == 0)
            break;
    }
    return n;
}

static double
pow10_of(int k)
{
    double p = 1;

    for (; k > 0; k--)
        p *= 10;
    for (; k < 0; k++)
        p /= 10;
    return p;
}

START_TEST(charidx_matches_reference)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char buf[4096];
    int round;

    for (round = 0; round < 300; round++) {
        /* glue several pieces so that texts cross many 64-byte marks */
        size_t len = 0, b;
        struct cdk_charidx ci;
        while (len < 1000 && round % 7 != 0)
            len += gen_text(&seed, buf + len, sizeof(buf) - len, false);
        if (round % 7 == 0)
            len = gen_text(&seed, buf, 40, false);
        cdk_charidx_init(&ci, buf, len);
        for (b = 0; b <= len + 2; b++)
            ck_assert_uint_eq(cdk_charidx_get(&ci, b),
                              cdk_test_chars_before(buf, b <= len ? b : len));
        cdk_charidx_release(&ci);
    }
}
END_TEST

START_TEST(clean_check_matches_reference)
{
    uint64_t seed = 42;
    char buf[4096];
    int round;

    for (round = 0; round < 2000; round++) {
        size_t len = 0, bad = 0, i;
        long line = 1;
        bool valid;
        struct cdk_error err;
        while (len < 300)
            len += gen_text(&seed, buf + len, sizeof(buf) - len, true);
        if (round % 5 == 0)
            buf[next_rand(&seed) % len] = '\0';
        valid = cdk_utf8_valid(buf, len, &bad) && !memchr(buf, '\0', len);
        memset(&err, 0, sizeof(err));
        ck_assert_int_eq(cdk_clean_check(buf, len, &err), valid ? 0 : -1);
        if (valid)
            continue;
        /* the first problem of either kind, on its line */
        if (cdk_utf8_valid(buf, len, &bad) ||
            (memchr(buf, '\0', len) &&
             (size_t)((char *)memchr(buf, '\0', len) - buf) < bad))
            bad = (size_t)((char *)memchr(buf, '\0', len) - buf);
        for (i = 0; i < bad; i++)
            line += buf[i] == '\n';
        ck_assert_int_eq(err.line, line);
        ck_assert_ptr_nonnull(strstr(err.message, "byte offset"));
        {
            char want[64];
            snprintf(want, sizeof(want), "byte offset %zu", bad);
            ck_assert_ptr_nonnull(strstr(err.message, want));
        }
    }
}
END_TEST


/* Every slice of t[0..n) of up to `span` bytes: when cdk_toks_slice
 * takes it, its tokens are those of tokenizing the slice alone. Returns
 * how many it took. */
static size_t
check_slices(const char *t, size_t n, size_t span)
{
    struct cdk_toks all = CDK_TOKS_INIT, got = CDK_TOKS_INIT,
                    want = CDK_TOKS_INIT;
    size_t k, e, i, a, taken = 0;

    cdk_lex_tokenize(t, n, &all);
    /* a cls planted in the shared tokens must come through */
    for (k = 0; k < all.n; k++)
        all.v[k].cls = (unsigned)k + 1;
    for (a = 0, k = 0; a < n; a++) {
        while (k < all.n && all.v[k].start < a)
            k++; /* the first token at or after a */
        for (e = a + 1; e <= n && e <= a + span; e++) {
            if (!cdk_toks_slice(t, n, &all, a, e - a, &got))
                continue;
            taken++;
            cdk_lex_tokenize(t + a, e - a, &want);
            ck_assert_msg(got.n == want.n, "slice [%zu,%zu) of \"%.*s\": "
                          "%zu tokens, not %zu", a, e, (int)n, t, got.n,
                          want.n);
            for (i = 0; i < got.n; i++) {
                const struct cdk_tok *g = &got.v[i], *w = &want.v[i];
                ck_assert_msg(g->start == w->start && g->end == w->end &&
                                  g->word == w->word && g->cap == w->cap &&
                                  g->upper == w->upper &&
                                  g->digit == w->digit,
                              "slice [%zu,%zu) of \"%.*s\": token %zu "
                              "differs", a, e, (int)n, t, i);
                ck_assert_uint_eq(g->cls, (unsigned)(k + i) + 1);
            }
        }
    }
    cdk_toks_release(&all);
    cdk_toks_release(&got);
    cdk_toks_release(&want);
    return taken;
}

START_TEST(toks_slice_hostile)
{
    static const char *const hostile[] = {
        "the U.S. said so", "U.S. U.S.A. a.b.c. x.y", "it rose 3.5% to 1,000.",
        "don't rock'n'roll AT&T x-ray -x- a--b", "\"Yes,\" he said. \"No.\"",
        "caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 dash",
        "end.", ".", "a", "a.", "..a..b..", "x&", "&x", "'a' 'b", "3.x 3.4.5 e.g. i.e.",
    };
    size_t i, taken = 0;

    for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
        taken += check_slices(hostile[i], strlen(hostile[i]), 64);
    ck_assert_uint_gt(taken, 100);
}
END_TEST

START_TEST(toks_slice_real_text)
{
    size_t f, taken = 0, lines = 0;

    for (f = 0; f < NARTICLES; f++) {
        size_t len, i = 0;
        char *data = read_shared(articles[f], &len);
        struct cdk_norm nm = CDK_NORM_INIT;
        while (i < len) {
            const char *nl = memchr(data + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - data) : len;
            cdk_clean_normalise(data, i, e, &nm);
            if (nm.text.len > 0) {
                taken += check_slices(nm.text.buf, nm.text.len, 32);
                lines++;
            }
            i = e + 1;
        }
        cdk_norm_release(&nm);
        free(data);
    }
    ck_assert_uint_gt(lines, 100);
    ck_assert_uint_gt(taken, 10000);
}
END_TEST

/* Each claim as the pipeline classified it (through shared tokens when
 * it could) against cdk_classify_claim of its text from scratch. */
START_TEST(claims_classified_as_from_scratch)
{
    struct cdk_error err = CDK_ERROR_INIT;
    const struct cdk_model *m = cdk_model_default(&err);
    size_t f, claims = 0;

    ck_assert_ptr_nonnull(m);
    for (f = 0; f < NARTICLES; f++) {
        size_t len, i;
        char *data = read_shared(articles[f], &len);
        struct cdk_article a;
        struct cdk_extraction x = CDK_EXTRACTION_INIT;

        cdk_article_init(&a);
        a.body = data;
        a.body_len = len;
        ck_assert_int_eq(cdk_extract(&a, NULL, &x, &err), 0);
        for (i = 0; i < x.nclaims; i++) {
            const struct cdk_claim *c = &x.claims[i];
            const struct cdk_claim_info *inf = &x.info[i];
            struct cdk_classified cls;
            size_t tl = strlen(c->text);
            double score;

            cdk_classify_claim(c->text, tl, c->claimant != NULL, inf->quote,
                               c->cue, &cls);
            ck_assert_int_eq(c->modality, cls.modality);
            ck_assert_int_eq(c->type, cls.type);
            score = cdk_classify_blend(cdk_model_score(m, c->text, tl),
                                       cls.cue_score);
            ck_assert_msg(c->score == score, "\"%s\": score %.17g, not %.17g",
                          c->text, c->score, score);
            if (!inf->item) {
                ck_assert_uint_eq(inf->nkey, cls.nkey);
                ck_assert_uint_eq(inf->key_chars, cls.key_chars);
                /* the same set (linking sorted some keys in place) */
                cdk_classify_key_sort(inf->key, inf->nkey);
                cdk_classify_key_sort(cls.key, cls.nkey);
                ck_assert(cls.nkey == 0 ||
                          memcmp(inf->key, cls.key,
                                 cls.nkey * sizeof(*cls.key)) == 0);
            }
            free(cls.key);
            claims++;
        }
        cdk_extraction_release(&x);
        free(data);
    }
    ck_assert_uint_gt(claims, 100);
}
END_TEST

/* cdk_num_strtod/strtof give strtod/strtof's value (bit for bit) and end. */
static void
check_number(const char *str)
{
    char *e1, *e2;
    double d1 = cdk_num_strtod(str, &e1), d2 = strtod(str, &e2);
    float f1, f2;

    ck_assert_msg(memcmp(&d1, &d2, sizeof(d1)) == 0 && e1 == e2,
                  "strtod(\"%s\"): %.17g at %td, not %.17g at %td", str, d1,
                  e1 - str, d2, e2 - str);
    f1 = cdk_num_strtof(str, &e1);
    f2 = strtof(str, &e2);
    ck_assert_msg(memcmp(&f1, &f2, sizeof(f1)) == 0 && e1 == e2,
                  "strtof(\"%s\"): %.9g at %td, not %.9g at %td", str,
                  (double)f1, e1 - str, (double)f2, e2 - str);
}

START_TEST(numbers_read_as_strtod)
{
    static const char *const odd[] = {
        "0", "-0", "0.", ".5", "-.5", ".", "-", "", "1e5", "1.5e-3", "0x1p3",
        "inf", "-nan", " 1", "+1", "1.2.3", "1,5", "12 ", "3.5x", "007.100",
        "9007199254740993", "9007199254740992", "9007199254740992.5",
        "16777217", "16777216", "0.16777217", "123456789012345678901",
        "0.0000000000000000000001", "0.00000000000000000000001",
        "1.0000000000000000000000001", "99999999999999999999", "1e",
        "0.1", "0.2", "0.3", "2.5", "-1.176", "0.105347802", "0.553424",
    };
    uint64_t seed = 7;
    size_t i;
    char buf[64];

    for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
        check_number(odd[i]);
    {
        /* every field of the bundled model, as its loader reads them */
        char *path = cdk_test_source_path(
            "importers/extract/models/checkworthy.model");
        size_t len, fields = 0;
        char *data = cdk_test_read_file(path, &len), *p, *q;
        ck_assert_ptr_nonnull(data);
        for (p = data; *p; p = q) {
            char keep;
            for (q = p; *q && *q != ' ' && *q != '\n'; q++)
                ;
            keep = *q;
            *q = '\0';
            if (q - p < 40) {
                check_number(p);
                fields++;
            }
            *q = keep;
            if (*q)
                q++;
        }
        ck_assert_uint_gt(fields, 50000);
        free(data);
        free(path);
    }
    for (i = 0; i < 200000; i++) {
        uint64_t r = next_rand(&seed);
        /* magnitudes from 1e-8 to 1e8, both signs */
        double v = (double)(r >> 11) / 9007199254740992.0 *
                   pow10_of((int)(r % 17) - 8);
        if (r & 1)
            v = -v;
        switch ((r >> 5) % 7) {
        case 0: snprintf(buf, sizeof(buf), "%.4g", v); break;
        case 1: snprintf(buf, sizeof(buf), "%.9g", v); break;
        case 2: snprintf(buf, sizeof(buf), "%.6g", v); break;
        case 3: snprintf(buf, sizeof(buf), "%.17g", v); break;
        case 4: snprintf(buf, sizeof(buf), "%f", v); break;
        case 5: snprintf(buf, sizeof(buf), "%.3f", v); break;
        default: snprintf(buf, sizeof(buf), "%.12f", v); break;
        }
        check_number(buf);
    }
    for (i = 0; i < 100000; i++) {
        /* random digit strings with a point somewhere */
        uint64_t r = next_rand(&seed);
        size_t n = 1 + r % 24, k, pt = (r >> 8) % (n + 1);
        size_t o = 0;
        if (r & (1u << 20))
            buf[o++] = '-';
        for (k = 0; k < n; k++) {
            if (k == pt)
                buf[o++] = '.';
            buf[o++] = (char)('0' + next_rand(&seed) % 10);
        }
        buf[o] = '\0';
        check_number(buf);
    }
}
END_TEST

static void
same_parts(const struct cdk_parts *x, const struct cdk_parts *y,
           const char *line)
{
    size_t i;

    ck_assert_msg(x->n == y->n, "\"%s\": %zu parts, not %zu", line, x->n,
                  y->n);
    for (i = 0; i < x->n; i++) {
        const struct cdk_part *p = &x->v[i], *q = &y->v[i];
        ck_assert_str_eq(p->text, q->text);
        ck_assert(p->start == q->start && p->end == q->end &&
                  p->frame_start == q->frame_start &&
                  p->frame_end == q->frame_end &&
                  p->head_end == q->head_end && p->item == q->item);
        ck_assert(!p->key == !q->key);
        if (p->key)
            ck_assert_str_eq(p->key, q->key);
    }
}

/* Each line of real articles as one content span, split through its
 * classed tokens (at the right offset, and at a wrong one) and from
 * scratch. */
START_TEST(split_shared_as_from_scratch)
{
    size_t f, lines = 0, parts = 0;

    for (f = 0; f < NARTICLES; f++) {
        size_t len, i = 0, k;
        char *data = read_shared(articles[f], &len);
        struct cdk_norm nm = CDK_NORM_INIT;
        struct cdk_toks tk = CDK_TOKS_INIT;
        while (i < len) {
            const char *nl = memchr(data + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - data) : len;
            struct cdk_parts want = CDK_PARTS_INIT, got = CDK_PARTS_INIT,
                             off = CDK_PARTS_INIT;
            char *line;
            cdk_clean_normalise(data, i, e, &nm);
            cdk_lex_tokenize(nm.text.buf, nm.text.len, &tk);
            for (k = 0; k < tk.n; k++)
                if (tk.v[k].word)
                    tk.v[k].cls = cdk_lex_class(nm.text.buf + tk.v[k].start,
                                                tk.v[k].end - tk.v[k].start);
            line = strndup(data + i, e - i);
            cdk_split_claim(data, i, e, &want);
            cdk_split_claim_shared(data, i, e, nm.text.buf, nm.text.len, &tk,
                                   0, &got);
            cdk_split_claim_shared(data, i, e, nm.text.buf, nm.text.len, &tk,
                                   1, &off);
            same_parts(&got, &want, line);
            same_parts(&off, &want, line);
            parts += want.n;
            lines += e > i;
            free(line);
            cdk_parts_release(&want);
            cdk_parts_release(&got);
            cdk_parts_release(&off);
            i = e + 1;
        }
        cdk_norm_release(&nm);
        cdk_toks_release(&tk);
        free(data);
    }
    ck_assert_uint_gt(lines, 100);
    ck_assert_uint_gt(parts, lines);
}
END_TEST

/* Parse a one-vector block whose components are `hex`; NULL and the
 * error message in err on failure. */
static struct cdk_wordvec *
parse_vector(const char *hex, struct cdk_error *err)
{
    char text[256];
    size_t pos = 0;
    long line = 0;

    snprintf(text, sizeof(text),
             "vectors 2 4 2\n0123456789abcdef 1 0.5 %s\n"
             "fedcba9876543210 0 0.25 7f81ff00\n",
             hex);
    memset(err, 0, sizeof(*err));
    return cdk_wordvec_parse(text, strlen(text), &pos, &line, "test", err);
}

START_TEST(vector_components_decode)
{
    struct cdk_error err;
    struct cdk_wordvec *wv = parse_vector("0a9cf17b", &err);
    float v[4];
    static const signed char want0[4] = {0x0a, -100, -15, 0x7b};
    static const signed char want1[4] = {127, -127, -1, 0};
    int d;

    ck_assert_msg(wv != NULL, "%s", err.message);
    ck_assert_uint_eq(cdk_wordvec_size(wv), 2);
    ck_assert(cdk_wordvec_key(wv, 0) == 0x0123456789abcdefULL);
    ck_assert(cdk_wordvec_key(wv, 1) == 0xfedcba9876543210ULL);
    cdk_wordvec_vector(wv, 0, v);
    for (d = 0; d < 4; d++)
        ck_assert(v[d] == (float)want0[d] * 0.5f / 127.0f);
    cdk_wordvec_vector(wv, 1, v);
    for (d = 0; d < 4; d++)
        ck_assert(v[d] == (float)want1[d] * 0.25f / 127.0f);
    cdk_wordvec_free(wv);
    ck_assert_ptr_null(parse_vector("0a9cf180", &err));
    ck_assert_ptr_nonnull(strstr(err.message, "component out of range"));
    ck_assert_ptr_null(parse_vector("0a9cf1x0", &err));
    ck_assert_ptr_nonnull(strstr(err.message, "bad component"));
    ck_assert_ptr_null(parse_vector("0A9cf17b", &err));
    ck_assert_ptr_nonnull(strstr(err.message, "bad component"));
    ck_assert_ptr_null(parse_vector("8g9cf17b", &err));
    ck_assert_ptr_nonnull(strstr(err.message, "bad component"));
}
END_TEST

/* ---- the normaliser before its fast path took single spaces: the
 * reference (clean.c at the commit before) ---- */

static size_t
ref_space_len(const char *s, size_t len)
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
ref_trim(const char *s, size_t *start, size_t *end)
{
    size_t n;

    while (*start < *end && (n = ref_space_len(s + *start, *end - *start)) > 0)
        *start += n;
    while (*end > *start) {
        /* Back up over one character and test it. */
        size_t b = *end - 1;
        while (b > *start && ((unsigned char)s[b] & 0xC0) == 0x80 &&
               *end - b < 4)
            b--;
        n = ref_space_len(s + b, *end - b);
        if (n == 0 || b + n != *end)
            break;
        *end = b;
    }
}

/* The reference's normalised copy: one body offset per byte, as the
 * map was kept before it became runs. */
struct ref_norm {
    struct cdk_buf text;
    size_t *map;
    size_t map_alloc;
};

static inline void
ref_norm_put(struct ref_norm *n, const char *bytes, size_t k, size_t orig)
{
    size_t j, at = n->text.len;

    for (j = 0; j < k; j++) {
        n->map[at + j] = orig;
        n->text.buf[at + j] = bytes[j];
    }
    n->text.len = at + k;
}

static void
ref_normalise(const char *body, size_t start, size_t end,
              struct ref_norm *out)
{
    size_t i;
    bool pending_space = false;
    size_t space_at = start;

    cdk_buf_reset(&out->text);
    ref_trim(body, &start, &end);
    cdk_buf_grow(&out->text, end - start + 8);
    CDK_ALLOC_GROW(out->map, end - start + 8, out->map_alloc);
    i = start;
    while (i < end) {
        const unsigned char *p = (const unsigned char *)body + i;
        size_t sl;
        uint32_t cp;
        size_t k;
        const char *rep = NULL;
        size_t replen = 0;
        bool spaced = false;

        /* Fast path: a run of printable ASCII other than the space. */
        if (p[0] > ' ' && p[0] < 0x7F) {
            size_t j = 0, at, lim = end - i;
            char *d;
            size_t *mp;
            if (pending_space && out->text.len > 0)
                ref_norm_put(out, " ", 1, space_at);
            pending_space = false;
            at = out->text.len;
            d = out->text.buf + at;
            mp = out->map + at;
            do {
                d[j] = (char)p[j];
                mp[j] = i + j;
                j++;
            } while (j < lim && p[j] > ' ' && p[j] < 0x7F);
            out->text.len = at + j;
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
        sl = ref_space_len(body + i, end - i);
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
            ref_norm_put(out, " ", 1, space_at);
        pending_space = false;
        if (rep)
            ref_norm_put(out, rep, replen, i);
        else
            ref_norm_put(out, body + i, k, i);
        i += k;
        if (spaced) {
            pending_space = true;
            space_at = i;
        }
    }
    out->text.buf[out->text.len] = '\0';
    out->map[out->text.len] = end;
}

/* cdk_norm_span as it was written over the per-byte map. */
static void
ref_span(const struct ref_norm *n, size_t a, size_t b, size_t *bs,
         size_t *be)
{
    const char *t = n->text.buf;
    size_t j;

    if (b > n->text.len)
        b = n->text.len;
    while (a < b && t[a] == ' ')
        a++;
    while (b > a && t[b - 1] == ' ')
        b--;
    *bs = n->map[a];
    if (b <= a) {
        *be = *bs;
        return;
    }
    for (j = b; j < n->text.len && n->map[j] <= n->map[b - 1]; j++)
        ;
    *be = n->map[j];
    if (*be <= n->map[b - 1])
        *be = n->map[b - 1] + 1;
}

/*
 * Normalising gives the reference's text, and its map (kept as runs)
 * the reference's per-byte map at every offset and the same spans: all
 * of them in a short text, `spans` pseudo-random ones in a long one.
 */
static void
check_normalise(const char *s, size_t a, size_t b, size_t spans,
                uint64_t *seed)
{
    struct cdk_norm got = CDK_NORM_INIT;
    struct ref_norm want = {CDK_BUF_INIT, NULL, 0};
    size_t i, j, n, gs, ge, ws, we;

    cdk_clean_normalise(s, a, b, &got);
    ref_normalise(s, a, b, &want);
    n = want.text.len;
    ck_assert_uint_eq(got.text.len, n);
    ck_assert(memcmp(got.text.buf, want.text.buf, n) == 0);
    for (i = 0; i <= n + 1; i++)
        ck_assert_uint_eq(cdk_norm_body(&got, i),
                          want.map[i <= n ? i : n]);
    if (n <= 48) {
        for (i = 0; i <= n; i++) /* a start past the text is no span */
            for (j = 0; j <= n + 1; j++) {
                cdk_norm_span(&got, i, j, &gs, &ge);
                ref_span(&want, i, j, &ws, &we);
                ck_assert_uint_eq(gs, ws);
                ck_assert_uint_eq(ge, we);
            }
    } else {
        for (i = 0; i < spans; i++) {
            size_t x = next_rand(seed) % (n + 1);
            size_t y = x + next_rand(seed) % (n - x + 1);
            cdk_norm_span(&got, x, y, &gs, &ge);
            ref_span(&want, x, y, &ws, &we);
            ck_assert_uint_eq(gs, ws);
            ck_assert_uint_eq(ge, we);
        }
    }
    cdk_norm_release(&got);
    cdk_buf_release(&want.text);
    free(want.map);
}

/* On generated text with every kind of space, at every span, and on
 * real article lines. */
START_TEST(normalise_matches_reference)
{
    static const char *const pieces[] = {
        "a", "Ab", " ", "  ", "\t", "\n", ".", ",", "\xe2\x80\x94",
        "\xe2\x80\x9c", "\xe2\x80\x99", "\xc2\xa0", "\xe2\x80\x8c",
        "\xe2\x80\xa6", "\xc3\xa9", "x y", " z", "\x7f", "\x01", "\xff",
    };
    uint64_t seed = 99;
    char buf[512];
    size_t f, round;

    for (round = 0; round < 20000; round++) {
        size_t n = 0, a, b;
        while (n + 8 < sizeof(buf) && next_rand(&seed) % 40 != 0) {
            const char *p = pieces[next_rand(&seed) %
                                   (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
        }
        a = n ? next_rand(&seed) % (n + 1) : 0;
        b = a + (n > a ? next_rand(&seed) % (n - a + 1) : 0);
        check_normalise(buf, 0, n, 64, &seed);
        check_normalise(buf, a, b, 64, &seed);
    }
    for (f = 0; f < NARTICLES; f++) {
        size_t len, i = 0;
        char *data = read_shared(articles[f], &len);
        while (i < len) {
            const char *nl = memchr(data + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - data) : len;
            check_normalise(data, i, e, 64, &seed);
            i = e + 1;
        }
        check_normalise(data, 0, len, 4096, &seed);
        free(data);
    }
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("extract_shared");
    TCase *tc = tcase_create("fast paths");

    /* (the normaliser's generated cases take a minute or more with the
     * sanitizers on a loaded machine) */
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, charidx_matches_reference);
    tcase_add_test(tc, clean_check_matches_reference);
    tcase_add_test(tc, toks_slice_hostile);
    tcase_add_test(tc, numbers_read_as_strtod);
    tcase_add_test(tc, vector_components_decode);
    tcase_add_test(tc, normalise_matches_reference);
    suite_add_tcase(s, tc);
    tc = tcase_create("real articles");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, toks_slice_real_text);
    tcase_add_test(tc, claims_classified_as_from_scratch);
    tcase_add_test(tc, split_shared_as_from_scratch);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    char *dir = cdk_test_shared_path("data/news-bbc/bbc");

    if (!dir) {
        printf("skipped: ../shared/data/news-bbc is absent\n");
        return 77;
    }
    free(dir);
    return cdk_test_run_suite(suite());
}
