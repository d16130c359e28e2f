/*
 * The fast paths of extract.c itself against the plain versions they
 * replaced: linking duplicate claims (packed records, integer ratio test)
 * against link_duplicates of main 6f6d800 (ref/link_duplicates_6f6d800.inc)
 * on every article of both corpora (news-bbc, news-noisy) and on generated
 * keys full of the borderline cases (list items with one short word, the
 * 3/4 ratio exactly, fewer than four words, the 400-claim window); the
 * character index on plain blocks next to others; sentence segmentation
 * (its abbreviation filter) against segment.c of main 6f6d800
 * (ref/segment_6f6d800.inc) on both corpora, line by line and whole, and
 * on generated text full of abbreviations and words that look like them;
 * compound splitting given the text and tokens the content was read from
 * (whether it may be compound is then read from the tokens) against
 * splitting from scratch, on every line of both corpora and on the
 * contents that start after a comma, colon or quotation mark in them;
 * whether a part of a split sentence becomes a claim, read through the
 * attribution view's tokens and from scratch, on every sentence of both
 * corpora.
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
#include "importers/extract/attribute.h"
#include "importers/extract/classify.h"
#include "importers/extract/clean.h"
#include "importers/extract/extract.h"
#include "support/testutil.h"

#include "importers/extract/lex.h"
#include "importers/extract/segment.h"
#include "importers/extract/split.h"

#include "ref/link_duplicates_6f6d800.inc"

void ref_segment_sentences(const char *text, size_t len, struct cdk_spans *out);
void ref_segment_sentences_plain(const char *text, size_t len,
                                 struct cdk_spans *out);
void ref_spans_release(struct cdk_spans *s);
#define cdk_segment_sentences ref_segment_sentences
#define cdk_segment_sentences_plain ref_segment_sentences_plain
#define cdk_spans_release ref_spans_release
#include "ref/segment_6f6d800.inc"
#undef cdk_segment_sentences
#undef cdk_segment_sentences_plain
#undef cdk_spans_release

/* ---- the corpora ------------------------------------------------- */

typedef void (*extraction_fn)(const char *name, const char *body,
                              struct cdk_extraction *x, void *arg);

struct each_extraction {
    extraction_fn fn;
    void *arg;
    size_t total;
};

static void
extract_text(const char *name, const char *text, size_t len, void *arg)
{
    struct each_extraction *ee = arg;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_article a;

    cdk_article_init(&a);
    a.body = (char *)text; /* cdk_extract only reads it */
    a.body_len = len;
    if (cdk_extract(&a, NULL, &x, &err) == 0) {
        ee->fn(name, text, &x, ee->arg);
        ee->total++;
    } else {
        cdk_error_clear(&err); /* a noisy file that is not text */
    }
    cdk_extraction_release(&x);
}

/* Extract every article of both corpora and call fn on each extraction;
 * the number of articles extracted. */
static size_t
each_extraction(extraction_fn fn, void *arg)
{
    struct each_extraction ee = {fn, arg, 0};

    cdk_test_each_article(extract_text, &ee);
    return ee.total;
}

/* ---- duplicates -------------------------------------------------- */

/* Link x's claims with the reference and the fast version (from no
 * links), and compare; the number of links. */
static size_t
compare_links(const char *name, struct cdk_extraction *x)
{
    int *fast = cdk_xcalloc(x->nclaims + 1, sizeof(*fast));
    size_t i, links = 0;

    for (i = 0; i < x->nclaims; i++)
        x->claims[i].duplicate_of = 0;
    cdk_extract_link_duplicates(x);
    for (i = 0; i < x->nclaims; i++) {
        fast[i] = x->claims[i].duplicate_of;
        x->claims[i].duplicate_of = 0;
        /* the fast way took the keys as classify left them (in no
         * order); the reference needs them sorted */
        cdk_classify_key_sort(x->info[i].key, x->info[i].nkey);
    }
    ref_link_duplicates(x);
    for (i = 0; i < x->nclaims; i++) {
        ck_assert_msg(fast[i] == x->claims[i].duplicate_of,
                      "%s: claim %zu: duplicate_of %d, the reference %d", name,
                      i + 1, fast[i], x->claims[i].duplicate_of);
        links += fast[i] != 0;
    }
    free(fast);
    return links;
}

static void
links_of_article(const char *name, const char *body, struct cdk_extraction *x,
                 void *arg)
{
    int before[64];
    size_t i, *links = arg;

    (void)body;
    /* cdk_extract linked them already: the same links again */
    for (i = 0; i < x->nclaims && i < 64; i++)
        before[i] = x->claims[i].duplicate_of;
    *links += compare_links(name, x);
    for (i = 0; i < x->nclaims && i < 64; i++)
        ck_assert_int_eq(before[i], x->claims[i].duplicate_of);
}

START_TEST(links_on_real_articles)
{
    size_t links = 0, n = each_extraction(links_of_article, &links);

    if (n == 0) {
        fprintf(stderr, "SKIP: the shared corpora are absent\n");
        return;
    }
    fprintf(stderr, "%zu articles, %zu links\n", n, links);
    ck_assert_msg(links > 10, "only %zu links in %zu articles", links, n);
}
END_TEST

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/*
 * Claims with keys drawn from a few words (so that many overlap, some by
 * exactly 3/4), lengths 0 to 10, list items now and then, some of them
 * one-word keys of 5 or 6 characters; more than the 400-claim window.
 */
START_TEST(links_on_generated_keys)
{
    uint64_t seed = 0x5eedf00dULL + (uint64_t)_i;
    size_t n = _i == 0 ? 900 : 60 + (size_t)_i * 7, i, k, links = 0, words;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;

    x.claims = cdk_xcalloc(n, sizeof(*x.claims));
    x.info = cdk_xcalloc(n, sizeof(*x.info));
    x.nclaims = n;
    words = 6 + (size_t)(_i % 5) * 3; /* the vocabulary */
    for (i = 0; i < n; i++) {
        struct cdk_claim_info *inf = &x.info[i];
        size_t want = (size_t)(next_rand(&seed) % 11);
        uint64_t w;

        x.claims[i].ordinal = (int)i + 1;
        inf->item = next_rand(&seed) % 3 == 0;
        inf->key = cdk_xmalloc((words + 1) * sizeof(*inf->key));
        /* a sorted set of `want` words at most: word w has key w * 97
         * (some share their low six bits: the signature's collisions) */
        for (w = 0; w < words && inf->nkey < want; w++)
            if (next_rand(&seed) % words < want)
                inf->key[inf->nkey++] = w * 97 + (w % 4 == 0 ? 64 : 0);
        inf->key_chars = inf->nkey == 1 ? 5 + next_rand(&seed) % 2 : 4 * inf->nkey;
    }
    links = compare_links("generated", &x);
    /* (the big case must link some: else it tests nothing) */
    ck_assert_msg(_i != 0 || links > 20, "%zu links among %zu generated claims",
                  links, n);
    for (k = 0; k < n; k++)
        free(x.info[k].key);
    free(x.info);
    free(x.claims);
}
END_TEST

/* Edge cases by hand: ratio 3/4 exactly, just under, and list items. */
START_TEST(links_at_the_borders)
{
    static const struct {
        size_t na, nb;     /* keys 0..na-1 and 0..nb-1 (shared prefix) */
        bool ia, ib;       /* list items */
        size_t chars;      /* key_chars of both */
    } cases[] = {
        {6, 8, false, false, 30}, /* 6/8 = 3/4: linked */
        {5, 7, false, false, 30}, /* 5/7 < 3/4 */
        {3, 3, false, false, 30}, /* under four words */
        {4, 4, false, false, 30}, {1, 1, true, true, 5}, /* one short word */
        {1, 1, true, true, 6},    {2, 2, true, true, 6},
        {4, 4, true, false, 30},  {0, 4, false, false, 0},
        {3, 4, true, true, 10},   {9, 12, false, true, 40},
    };
    size_t c;

    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        struct cdk_claim claims[2];
        struct cdk_claim_info info[2];
        uint64_t ka[16], kb[16];
        size_t i;

        memset(claims, 0, sizeof(claims));
        memset(info, 0, sizeof(info));
        for (i = 0; i < 16; i++)
            ka[i] = kb[i] = i * 1000 + 7;
        claims[0].ordinal = 1;
        claims[1].ordinal = 2;
        info[0] = (struct cdk_claim_info){0, 0, 0, cases[c].ia, false, ka,
                                          cases[c].na, cases[c].chars, 0,
                                          false};
        info[1] = (struct cdk_claim_info){0, 0, 0, cases[c].ib, false, kb,
                                          cases[c].nb, cases[c].chars, 0,
                                          false};
        x.claims = claims;
        x.info = info;
        x.nclaims = 2;
        compare_links("border", &x);
    }
}
END_TEST

/* ---- the character index ---------------------------------------- */

/*
 * Plain ASCII with a two- or three-byte character put at every offset of
 * the first few blocks, in texts of every length around the 64-byte
 * blocks: whole plain blocks (counted without a look at each word) next
 * to blocks with one character that is not.
 */
START_TEST(charidx_plain_blocks)
{
    static const char *const wide[] = {"\xc3\xa9", "\xe2\x80\x94"};
    char buf[400];
    size_t len, at, w, b;

    for (len = 0; len <= 300; len += len < 140 ? 1 : 7)
        for (w = 0; w < 2; w++)
            for (at = 0; at + strlen(wide[w]) <= len + 1; at += 3) {
                struct cdk_charidx ci;
                size_t n = len;
                memset(buf, 'a', sizeof(buf));
                if (at + strlen(wide[w]) <= len)
                    memcpy(buf + at, wide[w], strlen(wide[w]));
                else
                    n = len; /* no wide character: all plain */
                cdk_charidx_init(&ci, buf, n);
                for (b = 0; b <= n + 1; b++)
                    ck_assert_uint_eq(
                        cdk_charidx_get(&ci, b),
                        cdk_test_chars_before(buf, b <= n ? b : n));
                cdk_charidx_release(&ci);
            }
}
END_TEST

/* ---- segmentation ------------------------------------------------- */

/* Segment text[0..len) with the current code and the reference (both
 * the fast and the plain way); the sentences found. */
static size_t
same_segments(const char *name, const char *text, size_t len)
{
    struct cdk_spans got = CDK_SPANS_INIT, want = CDK_SPANS_INIT;
    size_t i, n;
    int plain;

    for (plain = 0; plain < 2; plain++) {
        got.n = want.n = 0;
        if (plain) {
            cdk_segment_sentences_plain(text, len, &got);
            ref_segment_sentences_plain(text, len, &want);
        } else {
            cdk_segment_sentences(text, len, &got);
            ref_segment_sentences(text, len, &want);
        }
        ck_assert_msg(got.n == want.n, "%s: %zu sentences, the reference %zu",
                      name, got.n, want.n);
        for (i = 0; i < got.n; i++)
            ck_assert_msg(got.v[i].start == want.v[i].start &&
                              got.v[i].end == want.v[i].end,
                          "%s: sentence %zu at [%zu, %zu), the reference "
                          "[%zu, %zu): %.*s",
                          name, i, got.v[i].start, got.v[i].end,
                          want.v[i].start, want.v[i].end,
                          (int)(want.v[i].end - want.v[i].start),
                          text + want.v[i].start);
    }
    n = got.n;
    cdk_spans_release(&got);
    ref_spans_release(&want);
    return n;
}

static void
segments_of_text(const char *name, const char *text, size_t len, void *arg)
{
    size_t *count = arg, a = 0, b;

    *count += same_segments(name, text, len);
    /* line by line too, as extract segments its blocks */
    while (a < len) {
        for (b = a; b < len && text[b] != '\n'; b++)
            ;
        same_segments(name, text + a, b - a);
        a = b + 1;
    }
}

START_TEST(segments_on_real_articles)
{
    size_t count = 0, n = cdk_test_each_article(segments_of_text, &count);

    if (n == 0) {
        fprintf(stderr, "SKIP: the shared corpora are absent\n");
        return;
    }
    ck_assert_msg(count > 10000, "%zu sentences in %zu articles", count, n);
}
END_TEST

/* A small deterministic generator (xorshift64*). */
static uint64_t next_rand(uint64_t *s);

/*
 * Sentences whose words before a period are the abbreviations of every
 * list (titles, "e.g."-like, those that end a sentence only before a
 * starter word), the same in other cases and lengths, and ordinary words
 * with their first letters and lengths, followed by starters and not.
 */
START_TEST(segments_around_abbreviations)
{
    static const char *const words[] = {
        "Mr",    "MR",    "Mrs",   "Messrs", "Messr", "Gov",  "GOV",   "Gen",
        "Ge",    "Sen",   "Sens",  "Senn",   "Dr",    "DR",   "Dre",   "cf",
        "cff",   "viz",   "vis",   "Inc",    "INC",   "inc",  "Incs",  "Co",
        "co",    "CO",    "Cot",   "approx", "approxs", "vs", "Vs",    "v",
        "Sept",  "Sep",   "Septs", "Thurs",  "Thur",  "Thu",  "Th",    "St",
        "ST",    "st",    "Jr",    "jr",     "Ltd",   "LTD",  "lbs",   "lb",
        "yrs",   "yr",    "year",  "said",   "etc",   "No",   "no",    "Nos",
        "U.S",   "e.g",   "i.e",   "a.m",    "p.m",   "Prof", "Profs", "A",
        "I",     "x",     "Capt",  "Cap",    "Wyo",   "Wy",   "Natl",  "Nat",
        "\xc3\x89t", "caf\xc3\xa9", "Rev",   "Revs",   "mph",   "mphs", "oz",
    };
    static const char *const after[] = {
        " The", " the", " He", " said", " Smith", " 5", " \"", "\n", " (",
        "", " A", " It", " In",
    };
    uint64_t seed = 0xabbe77ULL + (uint64_t)_i;
    char buf[4096];
    int round;

    for (round = 0; round < 200; round++) {
        size_t len = 0;
        while (len < 3000) {
            const char *w = words[next_rand(&seed) % (sizeof(words) /
                                                       sizeof(words[0]))];
            const char *f = after[next_rand(&seed) % (sizeof(after) /
                                                       sizeof(after[0]))];
            int k = snprintf(buf + len, sizeof(buf) - len, "%s%s. %s%s",
                             next_rand(&seed) % 3 ? "Word " : "", w,
                             next_rand(&seed) % 4 ? "" : "x", f);
            ck_assert(k > 0);
            len += (size_t)k;
        }
        same_segments("generated", buf, len);
    }
}
END_TEST

/* ---- splitting through the reader's tokens ------------------------ */

static void
same_parts(const struct cdk_parts *x, const struct cdk_parts *y,
           const char *name, const char *body, size_t a, size_t b)
{
    size_t i;

    ck_assert_msg(x->n == y->n, "%s: \"%.*s\": %zu parts, not %zu", name,
                  (int)(b - a), body + a, x->n, y->n);
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

struct split_state {
    struct cdk_norm nm;
    struct cdk_toks tk;
    struct cdk_parts got, want;
    size_t splits, parts;
};

/* body[a..e) split through nm/tk (its normalised text at offset at) and
 * from scratch. */
static void
split_both(struct split_state *st, const char *name, const char *body,
           size_t a, size_t e, size_t at)
{
    cdk_parts_clear(&st->got);
    cdk_parts_clear(&st->want);
    cdk_split_claim_shared(body, a, e, st->nm.text.buf, st->nm.text.len,
                           &st->tk, at, &st->got);
    cdk_split_claim(body, a, e, &st->want);
    same_parts(&st->got, &st->want, name, body, a, e);
    st->splits++;
    st->parts += st->want.n;
}

static void
splits_of_text(const char *name, const char *text, size_t len, void *arg)
{
    struct split_state *st = arg;
    size_t i = 0, k;

    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        const char *t;

        cdk_clean_normalise(text, i, e, &st->nm);
        t = st->nm.text.buf;
        cdk_lex_tokenize(t, st->nm.text.len, &st->tk);
        for (k = 0; k < st->tk.n; k++)
            if (st->tk.v[k].word)
                st->tk.v[k].cls = cdk_lex_class(t + st->tk.v[k].start,
                                                st->tk.v[k].end -
                                                    st->tk.v[k].start);
        split_both(st, name, text, i, e, 0);
        /* contents after a ',' ':' or '"' (where attribution puts them),
         * at their place in the line's normalised text */
        for (k = 0; k + 1 < st->tk.n; k++) {
            char c = t[st->tk.v[k].start];
            size_t j = st->tk.v[k + 1].start;
            if (st->tk.v[k].word || (c != ',' && c != ':' && c != '"'))
                continue;
            split_both(st, name, text, cdk_norm_body(&st->nm, j), e, j);
        }
        i = e + 1;
    }
}

START_TEST(splits_through_tokens_on_real_articles)
{
    struct split_state st = {CDK_NORM_INIT, CDK_TOKS_INIT, CDK_PARTS_INIT,
                             CDK_PARTS_INIT, 0, 0};
    size_t n = cdk_test_each_article(splits_of_text, &st);

    cdk_norm_release(&st.nm);
    cdk_toks_release(&st.tk);
    cdk_parts_release(&st.got);
    cdk_parts_release(&st.want);
    if (n == 0) {
        fprintf(stderr, "SKIP: the shared corpora are absent\n");
        return;
    }
    fprintf(stderr, "%zu splits, %zu parts\n", st.splits, st.parts);
    ck_assert_msg(st.splits > 50000 && st.parts > st.splits / 2,
                  "%zu parts of %zu splits", st.parts, st.splits);
}
END_TEST

/* ---- parts claimable through the view ---------------------------- */

struct claimable_count {
    size_t parts, split; /* all parts; those of split sentences */
};

static void
claimable_of_article(const char *name, const char *body,
                     struct cdk_extraction *x, void *arg)
{
    struct claimable_count *cc = arg;
    struct cdk_attr_ctx ctx;
    struct cdk_attr_view view = CDK_ATTR_VIEW_INIT;
    struct cdk_parts parts = CDK_PARTS_INIT;
    struct cdk_norm nm = CDK_NORM_INIT;
    struct cdk_toks tk = CDK_TOKS_INIT;
    size_t i, j;

    cdk_attr_ctx_init(&ctx);
    for (i = 0; i < x->nsentences; i++) {
        const struct cdk_sentence *s = &x->sentences[i];
        struct cdk_attribution at;
        cdk_attribute_sentence_view(&ctx, body, s->start, s->end, s->para, &at,
                                    &view);
        cdk_parts_clear(&parts);
        cdk_split_claim_shared(body, at.start, at.end, view.t, view.n,
                               &view.tk, view.xa, &parts);
        for (j = 0; j < parts.n; j++) {
            bool fast = cdk_extract_part_claimable(&view, &parts.v[j], false,
                                                   &nm, &tk);
            /* (the parts extract asks about: of split sentences) */
            cc->split += parts.n > 1;
            bool ref = cdk_extract_part_claimable(&view, &parts.v[j], true,
                                                  &nm, &tk);
            ck_assert_msg(fast == ref, "%s: part \"%s\": claimable %d, from "
                          "scratch %d", name, parts.v[j].text, fast, ref);
            cc->parts++;
        }
        cdk_attribution_release(&at);
    }
    cdk_attr_ctx_release(&ctx);
    cdk_attr_view_release(&view);
    cdk_parts_release(&parts);
    cdk_norm_release(&nm);
    cdk_toks_release(&tk);
}

START_TEST(claimable_through_view_on_real_articles)
{
    struct claimable_count cc = {0, 0};
    size_t n = each_extraction(claimable_of_article, &cc);

    if (n == 0) {
        fprintf(stderr, "SKIP: the shared corpora are absent\n");
        return;
    }
    fprintf(stderr, "%zu parts, %zu of split sentences\n", cc.parts,
            cc.split);
    ck_assert_msg(cc.parts > 40000, "%zu parts", cc.parts);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("extract_fast");
    TCase *tc = tcase_create("duplicates");

    tcase_add_loop_test(tc, links_on_generated_keys, 0, 40);
    tcase_add_test(tc, links_at_the_borders);
    suite_add_tcase(s, tc);
    tc = tcase_create("character index");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, charidx_plain_blocks);
    suite_add_tcase(s, tc);
    tc = tcase_create("segmentation");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, segments_around_abbreviations, 0, 4);
    tcase_add_test(tc, segments_on_real_articles);
    suite_add_tcase(s, tc);
    tc = tcase_create("splitting");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, splits_through_tokens_on_real_articles);
    tcase_add_test(tc, claimable_through_view_on_real_articles);
    suite_add_tcase(s, tc);
    tc = tcase_create("real articles");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, links_on_real_articles);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
