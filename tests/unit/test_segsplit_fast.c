/*
 * The fast paths of sentence segmentation, compound splitting and the
 * boilerplate classifier against their references, on every article of
 * both corpora (news-bbc, news-noisy), on the golden-rule inputs and on
 * generated text full of the cases the fast paths must hand back to the
 * slow ones (lists, bullets, quotes, abbreviations, newlines, odd
 * whitespace, non-ASCII).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "importers/extract/boilerplate.h"
#include "importers/extract/clean.h"
#include "importers/extract/segment.h"
#include "importers/extract/split.h"
#include "support/testutil.h"

/*
 * The references: split.c and boilerplate.c as they were before the speed
 * work (main df2941d), their public functions renamed.
 */
void ref_split_claim(const char *body, size_t start, size_t end,
                     struct cdk_parts *out);
void ref_split_claim_shared(const char *body, size_t start, size_t end,
                            const char *t, size_t n,
                            const struct cdk_toks *tk, size_t a,
                            struct cdk_parts *out);
void ref_parts_release(struct cdk_parts *p);
#define cdk_split_claim ref_split_claim
#define cdk_split_claim_shared ref_split_claim_shared
#define cdk_parts_release ref_parts_release
#include "ref/split_df2941d.inc"
#undef cdk_split_claim
#undef cdk_split_claim_shared
#undef cdk_parts_release

void ref_boilerplate_classify(const char *body, const struct cdk_lines *lines,
                              bool title_known, struct cdk_bp_blocks *out);
void ref_bp_blocks_release(struct cdk_bp_blocks *b);
const char *ref_boilerplate_line_reason(const char *line, size_t len);
#define cdk_boilerplate_classify ref_boilerplate_classify
#define cdk_bp_blocks_release ref_bp_blocks_release
#define cdk_boilerplate_line_reason ref_boilerplate_line_reason
#include "ref/boilerplate_df2941d.inc"
#undef cdk_boilerplate_classify
#undef cdk_bp_blocks_release
#undef cdk_boilerplate_line_reason

/* ---- the corpora ------------------------------------------------- */

/* A small deterministic generator (xorshift64*). */
static uint64_t
next_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* Text made of pieces that exercise every branch around a word run. */
static size_t
gen_text(uint64_t *seed, char *out, size_t cap)
{
    static const char *const pieces[] = {
        "word",     "Word",       "42",          " ",          "  ",
        "\n",       "\n\n",       "\r\n",        "\t",         ".",
        "!",        "?",          "...",         ",",          ";",
        "\"",       "'",          "(",           ")",          "Mr. ",
        "U.S. ",    "a.m. ",      "e.g. ",       "etc. ",      "No. 5",
        "1. ",      "2) ",        "3.) ",        "a. ",        "b) ",
        "- ",       "* ",         "\xe2\x80\xa2 ", "\xe2\x80\x94", "\xc2\xa0",
        "\xe2\x80\xa6", "\xc3\xa9t\xc3\xa9", "\xc3\x89t\xc3\xa9", "x@y.z",
        "www.a.b",  "end.The",    "I.",          "$1.50",      "%",
        "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe3\x80\x82", ":",   "The ",
        "he ",      "And ",       "\xe2\x80\xa8", "\xe2\x80\xa9", "\x80",
    };
    size_t n = 0;

    while (n + 8 < cap) {
        const char *p = pieces[next_rand(seed) % (sizeof(pieces) /
                                                 sizeof(pieces[0]))];
        size_t k = strlen(p);
        if (n + k >= cap)
            break;
        memcpy(out + n, p, k);
        n += k;
        if (next_rand(seed) % 3 == 0)
            out[n++] = ' ';
    }
    return n;
}

/* ---- segmentation ------------------------------------------------ */

static void
same_spans(const char *name, const char *text, size_t len)
{
    struct cdk_spans fast = CDK_SPANS_INIT, plain = CDK_SPANS_INIT;
    size_t i;

    cdk_segment_sentences(text, len, &fast);
    cdk_segment_sentences_plain(text, len, &plain);
    ck_assert_msg(fast.n == plain.n, "%s: %zu sentences, not %zu", name,
                  fast.n, plain.n);
    for (i = 0; i < fast.n; i++)
        ck_assert_msg(fast.v[i].start == plain.v[i].start &&
                          fast.v[i].end == plain.v[i].end,
                      "%s: sentence %zu is [%zu,%zu), not [%zu,%zu)", name, i,
                      fast.v[i].start, fast.v[i].end, plain.v[i].start,
                      plain.v[i].end);
    cdk_spans_release(&fast);
    cdk_spans_release(&plain);
}

static void
segment_article(const char *name, const char *text, size_t len, void *arg)
{
    size_t *sentences = arg;
    struct cdk_spans sp = CDK_SPANS_INIT;
    const char *p = text, *end = text + len;

    same_spans(name, text, len);
    /* each paragraph alone too (extract segments the kept units) */
    while (p < end) {
        const char *q = strstr(p, "\n\n");
        size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
        same_spans(name, p, n);
        p += n + 2;
    }
    cdk_segment_sentences(text, len, &sp);
    *sentences += sp.n;
    cdk_spans_release(&sp);
}

START_TEST(segment_fast_as_plain_corpora)
{
    size_t sentences = 0, n = cdk_test_each_article(segment_article, &sentences);

    if (n == 0) {
        printf("segment corpora: shared data absent, skipped\n");
        return;
    }
    ck_assert_uint_gt(n, 2000);
    ck_assert_uint_gt(sentences, 20000);
}
END_TEST

START_TEST(segment_fast_as_plain_golden_inputs)
{
    static const char *const files[] = {
        "data/sentence-boundaries/pragmatic_segmenter_readme_golden_rules_en."
        "jsonl",
        "data/sentence-boundaries/pysbd_golden_rules_en.jsonl",
    };
    size_t f, lines = 0;

    for (f = 0; f < 2; f++) {
        char *path = cdk_test_shared_path(files[f]);
        size_t len;
        char *data, *line, *save = NULL;
        if (!path)
            return;
        data = cdk_test_read_file(path, &len);
        ck_assert_ptr_nonnull(data);
        /* the JSON lines as they are: quotes, escapes and all */
        for (line = strtok_r(data, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            same_spans(path, line, strlen(line));
            lines++;
        }
        free(data);
        free(path);
    }
    ck_assert_uint_gt(lines, 50);
}
END_TEST

START_TEST(segment_fast_as_plain_generated)
{
    static const char *const cases[] = {
        "",
        " ",
        "a",
        "a b",
        "It rose. It fell",
        "Word word\nword word",
        "Word word\n\nWord",
        "1. first item 2. second item 3. third",
        "a. one thing b. another thing",
        "Word word \xe2\x80\xa2 word word",
        "Mr. Smith went to Washington D.C. The end",
        "\"Quoted words here,\" he said. And more words",
        "- dash item\n- dash item two",
        "ends in space ",
        "x  y  z",
        "tab\tseparated words here",
        "\xc3\xa9t\xc3\xa9 word word word",
    };
    char buf[600];
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        same_spans(cases[i], cases[i], strlen(cases[i]));
    for (i = 0; i < 20000; i++) {
        size_t n = gen_text(&seed, buf, 1 + next_rand(&seed) % sizeof(buf));
        buf[n] = '\0';
        same_spans(buf, buf, n);
    }
}
END_TEST

/* ---- compound splitting ------------------------------------------ */

static void
same_parts(const struct cdk_parts *x, const struct cdk_parts *y,
           const char *name, const char *text, size_t a, size_t b)
{
    size_t i;

    ck_assert_msg(x->n == y->n, "%s: \"%.*s\": %zu parts, not %zu", name,
                  (int)(b - a), text + a, x->n, y->n);
    for (i = 0; i < x->n; i++) {
        const struct cdk_part *p = &x->v[i], *q = &y->v[i];
        ck_assert_msg(strcmp(p->text, q->text) == 0 && p->start == q->start &&
                          p->end == q->end &&
                          p->frame_start == q->frame_start &&
                          p->frame_end == q->frame_end &&
                          p->head_end == q->head_end && p->item == q->item &&
                          !p->key == !q->key &&
                          (!p->key || strcmp(p->key, q->key) == 0),
                      "%s: \"%.*s\": part %zu \"%s\" [%zu,%zu) differs from "
                      "\"%s\" [%zu,%zu)",
                      name, (int)(b - a), text + a, i, p->text, p->start,
                      p->end, q->text, q->start, q->end);
    }
}

/* Split text[a..b) with the current code and the reference (into
 * reused part lists, as extract does); the parts found. */
static size_t
same_split(const char *name, const char *text, size_t a, size_t b,
           struct cdk_parts *got, struct cdk_parts *want)
{
    size_t i, n;

    cdk_parts_clear(got);
    for (i = 0; i < want->n; i++) {
        free(want->v[i].text);
        free(want->v[i].key);
    }
    want->n = 0;
    cdk_split_claim(text, a, b, got);
    ref_split_claim(text, a, b, want);
    same_parts(got, want, name, text, a, b);
    n = got->n;
    return n;
}

struct split_count {
    size_t spans, parts;
};

static void
split_article(const char *name, const char *text, size_t len, void *arg)
{
    struct split_count *k = arg;
    struct cdk_spans sp = CDK_SPANS_INIT;
    struct cdk_parts got = CDK_PARTS_INIT, want = CDK_PARTS_INIT;
    size_t i = 0;

    /* every sentence, and every line (a lede ending in ',' on one line
     * continued on the next, tabs, runs of spaces) */
    cdk_segment_sentences(text, len, &sp);
    for (i = 0; i < sp.n; i++) {
        k->parts += same_split(name, text, sp.v[i].start, sp.v[i].end, &got,
                               &want);
        k->spans++;
    }
    for (i = 0; i + 1 < sp.n; i++)
        same_split(name, text, sp.v[i].start, sp.v[i + 1].end, &got, &want);
    i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        same_split(name, text, i, e, &got, &want);
        i = e + 1;
    }
    cdk_spans_release(&sp);
    cdk_parts_release(&got);
    ref_parts_release(&want);
}

START_TEST(split_as_reference_corpora)
{
    struct split_count k = {0, 0};
    size_t n = cdk_test_each_article(split_article, &k);

    if (n == 0) {
        printf("split corpora: shared data absent, skipped\n");
        return;
    }
    ck_assert_uint_gt(k.spans, 20000);
    ck_assert_uint_gt(k.parts, k.spans);
}
END_TEST

START_TEST(split_as_reference_generated)
{
    static const char *const cases[] = {
        "",
        " ",
        "\t",
        "One.",
        " leading space and trailing ",
        "two  spaces and a\ttab",
        "NATO severed ties, and the council went dark after the vote.",
        "Prices rose, but wages fell sharply in the north last year.",
        "Washington is dangling significant concessions, including tariff "
        "cuts and visa waivers.",
        "Washington is dangling concessions Including tariff cuts, visa "
        "waivers and loans.",
        "It is not just about money but also about the law.",
        "The plan would not only cut taxes but would deliver growth.",
        "Firms such as Apple and Google have developed new chips.",
        "Fans bought items such as wallpaper, games and ringtones, for "
        "their phones.",
        "He said (and others agreed, and more) that the cuts would hurt.",
        "\"Prices rose, and wages fell,\" the report - and its authors - "
        "said.",
        "Line one ends in a comma,\nThe next line starts a sentence now.",
        "Line one ends in a comma,\r\nThe next line starts a sentence now.",
        "A cohort of photographers, including Newton and Bourdin, was "
        "making pictures.",
        "Costs rose; the council said volunteers have signed up to help.",
        "Sales grew 5%, while profits fell 3% in the quarter to March.",
        "Bloomberg and Axios reported it, and NATO and Moscow denied it.",
        "Items [including tea and coffee] rose, and bread fell sharply too.",
        "caf\xc3\xa9s\xc2\xa0including bars and clubs closed early in "
        "town.",
    };
    static const char *const pieces[] = {
        "The council ", "said ", "prices rose", ", and ", ", but ", "; ",
        ", while ", ", whereas ", " and ", ", so ", " or ", " including ",
        " Including ", " such as ", " notably ", " not just ", " not only ",
        " but also ", " but ", "tea", "coffee", "Apple", "Google", ", ", "  ",
        "\t", "\n", "\r\n", "\"", "(", ")", "[", "]", " - ", "-", ".",
        "volunteers have signed up", "it was", "they are", "\xc2\xa0",
        "\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x80\x9d", "caf\xc3\xa9",
        "He ", "a ", "an ", "as ", "is ", "in ", "new ", "big ",
    };
    struct cdk_parts got = CDK_PARTS_INIT, want = CDK_PARTS_INIT;
    char buf[400];
    uint64_t seed = 0x243F6A8885A308D3ULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        same_split("case", cases[i], 0, strlen(cases[i]), &got, &want);
    for (i = 0; i < 20000; i++) {
        size_t n = 0, cap = 1 + next_rand(&seed) % sizeof(buf);
        while (n + 40 < cap) {
            const char *p = pieces[next_rand(&seed) %
                                   (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(buf + n, p, k);
            n += k;
        }
        buf[n] = '\0';
        same_split("generated", buf, 0, n, &got, &want);
    }
    cdk_parts_release(&got);
    ref_parts_release(&want);
}
END_TEST

/* ---- boilerplate ------------------------------------------------- */

static void
same_blocks(const char *name, const char *text, size_t len, bool title_known)
{
    struct cdk_lines lines = CDK_LINES_INIT;
    struct cdk_bp_blocks got = CDK_BP_BLOCKS_INIT, want = CDK_BP_BLOCKS_INIT;
    size_t i;

    cdk_clean_lines(text, len, &lines);
    cdk_boilerplate_classify(text, &lines, title_known, &got);
    ref_boilerplate_classify(text, &lines, title_known, &want);
    ck_assert_msg(got.n == want.n, "%s: %zu blocks, not %zu", name, got.n,
                  want.n);
    for (i = 0; i < got.n; i++) {
        const struct cdk_bp_block *a = &got.v[i], *b = &want.v[i];
        ck_assert_msg(a->start == b->start && a->end == b->end &&
                          a->lineno == b->lineno && a->para == b->para &&
                          a->junk == b->junk && !a->reason == !b->reason &&
                          (!a->reason || strcmp(a->reason, b->reason) == 0),
                      "%s: block %zu \"%.*s\" is %s, not %s", name, i,
                      (int)(a->end - a->start), text + a->start,
                      a->reason ? a->reason : "content",
                      b->reason ? b->reason : "content");
    }
    cdk_lines_release(&lines);
    cdk_bp_blocks_release(&got);
    ref_bp_blocks_release(&want);
}

static void
same_line_reason(const char *name, const char *line, size_t len)
{
    const char *a = cdk_boilerplate_line_reason(line, len);
    const char *b = ref_boilerplate_line_reason(line, len);

    ck_assert_msg(!a == !b && (!a || strcmp(a, b) == 0),
                  "%s: \"%.*s\" is %s, not %s", name, (int)len, line,
                  a ? a : "content", b ? b : "content");
}

static void
boilerplate_article(const char *name, const char *text, size_t len,
                    void *arg)
{
    size_t *junk = arg, i = 0;
    struct cdk_lines lines = CDK_LINES_INIT;
    struct cdk_bp_blocks got = CDK_BP_BLOCKS_INIT;

    same_blocks(name, text, len, false);
    same_blocks(name, text, len, true);
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        same_line_reason(name, text + i, e - i);
        i = e + 1;
    }
    cdk_clean_lines(text, len, &lines);
    cdk_boilerplate_classify(text, &lines, false, &got);
    for (i = 0; i < got.n; i++)
        *junk += got.v[i].junk;
    cdk_lines_release(&lines);
    cdk_bp_blocks_release(&got);
}

/* What boilerplate.c reads in place without normalising: printable
 * ASCII, single spaces between, none at the ends. */
static bool
plain(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E ||
            (s[i] == ' ' && i + 1 < n && s[i + 1] == ' '))
            return false;
    return true;
}

/* The normaliser gives a plain line back byte for byte. */
static void
plain_lines_normalise_to_themselves(const char *name, const char *text,
                                    size_t len, void *arg)
{
    size_t *count = arg, i = 0;
    struct cdk_norm nm = CDK_NORM_INIT;

    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        if (plain(text + i, e - i)) {
            cdk_clean_normalise(text, i, e, &nm);
            ck_assert_msg(nm.text.len == e - i &&
                              memcmp(nm.text.buf, text + i, e - i) == 0,
                          "%s: plain line \"%.*s\" normalised to \"%s\"",
                          name, (int)(e - i), text + i, nm.text.buf);
            (*count)++;
        }
        i = e + 1;
    }
    cdk_norm_release(&nm);
}

/* ---- the scan for clause cuts ------------------------------------ */

/* The token scan and the byte scan on the normalised s[0..len). */
static void
same_scan(const char *name, const char *s, size_t len, struct cdk_norm *nm)
{
    size_t where = 0;

    cdk_clean_normalise(s, 0, len, nm);
    ck_assert_msg(cdk_split_scan_agrees(nm->text.buf, nm->text.len, &where),
                  "%s: the scans differ at %zu of \"%s\"", name, where,
                  nm->text.buf);
}

static void
scan_article(const char *name, const char *text, size_t len, void *arg)
{
    struct cdk_spans sp = CDK_SPANS_INIT;
    struct cdk_norm nm = CDK_NORM_INIT;
    size_t *count = arg, i;

    /* every sentence, and the whole article at once (newlines, long) */
    cdk_segment_sentences(text, len, &sp);
    for (i = 0; i < sp.n; i++)
        same_scan(name, text + sp.v[i].start, sp.v[i].end - sp.v[i].start,
                  &nm);
    same_scan(name, text, len, &nm);
    *count += sp.n;
    cdk_spans_release(&sp);
    cdk_norm_release(&nm);
}

START_TEST(split_scan_as_reference_corpora)
{
    size_t count = 0, n = cdk_test_each_article(scan_article, &count);

    if (n == 0) {
        printf("split scan corpora: shared data absent, skipped\n");
        return;
    }
    ck_assert_uint_gt(count, 20000);
}
END_TEST

/* Cues, nests and dashes in every position: at the start and the end,
 * inside words ("well-known"), in any case, cut short. */
START_TEST(split_scan_as_reference_generated)
{
    static const char *const cases[] = {
        "", "a", " a", "and", "A and b", "x, and y", "x; y", "x , y",
        "it is not just a b but also c", "Not Only x BUT y",
        "including x", "x including", "x such as y", "notably",
        "a \"quoted, and\" b", "a (bracket; x) b", "a [b, c] d", "a ) b",
        "a - dash, aside - b", "well-known, and x", "x -y, z", "x- y, z",
        "a -", "- a", "\" a", "\"", "((a, b", "\xc3\xa9 and \xc3\xa9, a",
        "2-3, and 4", "A.B. and c", "x's and y's", "a&b, and c",
    };
    static const char *const pieces[] = {
        "and", "And", "AND", "a", "an", "not", "just", "only", "but",
        "also", "including", "such", "as", "notably", "so", "while",
        "whereas", "said", ",", ";", "\"", "(", ")", "[", "]", "-", " - ",
        "well-known", "x", "Y", "3", "\xc3\xa9", ".", "'", "&",
    };
    struct cdk_norm nm = CDK_NORM_INIT;
    uint64_t seed = 7;
    char buf[200];
    size_t i, round;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        same_scan("case", cases[i], strlen(cases[i]), &nm);
    for (round = 0; round < 20000; round++) {
        size_t n = 0;
        while (n + 16 < sizeof(buf)) {
            uint64_t r = next_rand(&seed);
            const char *p = pieces[r % (sizeof(pieces) / sizeof(pieces[0]))];
            size_t k = strlen(p);
            memcpy(buf + n, p, k);
            n += k;
            if ((r >> 20) % 3 != 0)
                buf[n++] = ' ';
            if (r % 23 == 0)
                break;
        }
        same_scan("generated", buf, n, &nm);
    }
    cdk_norm_release(&nm);
}
END_TEST

START_TEST(plain_lines_are_their_own_normal_form)
{
    static const char *const cases[] = {
        "a", "A b", "x!~", "The end.", "a-b \"c\" (d) [e] {f} 1/2 @#$%^&*",
    };
    size_t i, count = 0, n;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        plain_lines_normalise_to_themselves("case", cases[i],
                                            strlen(cases[i]), &count);
    n = cdk_test_each_article(plain_lines_normalise_to_themselves, &count);
    if (n > 0)
        ck_assert_uint_gt(count, 10000);
}
END_TEST

START_TEST(boilerplate_as_reference_corpora)
{
    size_t junk = 0, n = cdk_test_each_article(boilerplate_article, &junk);

    if (n == 0) {
        printf("boilerplate corpora: shared data absent, skipped\n");
        return;
    }
    ck_assert_uint_gt(junk, 100);
}
END_TEST

/* Lines made of cue phrases (in any case, anywhere), credits, web
 * addresses and prose, one by one and as whole bodies. */
START_TEST(boilerplate_as_reference_generated)
{
    static const char *const pieces[] = {
        "Advertisement", "advertisement ", "Read more", "READ MORE ",
        "Sign up", "Subscribe here", "please subscribe", "\xc2\xa9 2024 ",
        "All Rights Reserved", "Copyright 2023", "copyright lawsuits rose ",
        "Photo: ", "Credit: NASA/GSFC/Univ. of Arizona", "credit: loans rose 5/6",
        "via Getty Images ", "Getty", "AP Photo/Jane Doe", "/AP", "/apple",
        "Reuters/", "/Reuters ", "AFP via ", "Shutterstock", "sciencepics / ",
        "(Photo: ", "https://example.com/a ", "://", "newsletter ",
        "delivered to your inbox", "to your INBOX", "pic.twitter.com/x ",
        "doi: 10.1000/x ", "Follow us on Twitter", "follow ", "Facebook",
        "social media ", "Share", "Print", "Comment ", "email ", "@x.com ",
        "By John Smith", "ad", "ads", "The council said prices rose. ",
        "Wages fell sharply in the north last year, ", "and ", "the ",
        "Continue reading", "click here to read", "Donate now ",
        "support our journalism ", "gift article ", "Toggle caption ",
        "more information to be added ", "for questions about ",
        "\xe2\x80\x9cquoted\xe2\x80\x9d ", "\xe2\x80\x94 ", ". ", "!",
        "?", ",", ":", "- ", "* ", "\xe2\x80\xa2 ", "2024 ", "\n", "\n\n",
        "\t", "  ",
    };
    char buf[1600];
    uint64_t seed = 0x13198A2E03707344ULL;
    size_t i, k;

    for (i = 0; i < 6000; i++) {
        size_t n = 0, cap = 1 + next_rand(&seed) % sizeof(buf);
        while (n + 60 < cap) {
            const char *p = pieces[next_rand(&seed) %
                                   (sizeof(pieces) / sizeof(pieces[0]))];
            size_t m = strlen(p);
            memcpy(buf + n, p, m);
            n += m;
        }
        buf[n] = '\0';
        same_blocks("generated", buf, n, i % 2 == 0);
        /* each generated line alone too */
        for (k = 0; k < n;) {
            const char *nl = memchr(buf + k, '\n', n - k);
            size_t e = nl ? (size_t)(nl - buf) : n;
            same_line_reason("generated", buf + k, e - k);
            k = e + 1;
        }
    }
    /* a long prose line (over LONG_LINE bytes) with a credit at the start */
    {
        struct cdk_buf b = CDK_BUF_INIT;
        cdk_buf_addf(&b, "Jane Doe/Getty Images ");
        for (i = 0; i < 60; i++)
            cdk_buf_addf(&b, "The council said prices rose again. ");
        same_blocks("long", b.buf, b.len, false);
        same_line_reason("long", b.buf, b.len);
        cdk_buf_release(&b);
    }
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("segsplit_fast");
    TCase *tc = tcase_create("fast");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, segment_fast_as_plain_corpora);
    tcase_add_test(tc, segment_fast_as_plain_golden_inputs);
    tcase_add_test(tc, segment_fast_as_plain_generated);
    tcase_add_test(tc, split_as_reference_corpora);
    tcase_add_test(tc, split_as_reference_generated);
    tcase_add_test(tc, split_scan_as_reference_corpora);
    tcase_add_test(tc, split_scan_as_reference_generated);
    tcase_add_test(tc, plain_lines_are_their_own_normal_form);
    tcase_add_test(tc, boilerplate_as_reference_corpora);
    tcase_add_test(tc, boilerplate_as_reference_generated);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
