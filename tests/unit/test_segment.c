/*
 * Sentence segmentation: the English "Golden Rules" of pragmatic_segmenter
 * and pySBD (printed pass counts; fails below 48/51), sentences from the
 * news corpora, span invariants on hostile input, and the throughput on
 * news-bbc (printed).
 *
 * Golden-rule scoring: a rule passes when the list of sentences equals the
 * expected list. Two things are normalised, both because a segmenter that
 * returns spans of its input cannot do otherwise: the README transcription
 * writes some inputs as source literals (`\"`, `\n`), which are decoded
 * (pySBD's copy of rule 26 has the plain quotes), and runs of whitespace
 * inside a sentence compare equal to one space (rule 41 expects the
 * newline in "a cold \nnight" deleted). The exact comparison is printed
 * too.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/buf.h"
#include "importers/extract/segment.h"
#include "support/testutil.h"

/* Segment s and return the sentences joined by '|' (for short asserts). */
static char *
seg_join(const char *s)
{
    struct cdk_spans sp = CDK_SPANS_INIT;
    struct cdk_buf b = CDK_BUF_INIT;
    size_t i;

    cdk_segment_sentences(s, strlen(s), &sp);
    for (i = 0; i < sp.n; i++) {
        if (i)
            cdk_buf_addch(&b, '|');
        cdk_buf_add(&b, s + sp.v[i].start, sp.v[i].end - sp.v[i].start);
    }
    cdk_spans_release(&sp);
    return cdk_buf_detach(&b, NULL);
}

#define SEG_EQ(in, want)                                                       \
    do {                                                                       \
        char *got_ = seg_join(in);                                             \
        ck_assert_msg(strcmp(got_, want) == 0, "segmenting\n  %s\ngave\n  %s\n" \
                      "want\n  %s", in, got_, want);                          \
        free(got_);                                                            \
    } while (0)

static void
collapse_ws(struct cdk_buf *out, const char *s, size_t len)
{
    size_t i;
    bool sp = false;

    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            sp = true;
            continue;
        }
        if (sp && out->len)
            cdk_buf_addch(out, ' ');
        sp = false;
        cdk_buf_addch(out, c);
    }
}

/* Undo the README's source-literal escapes: \" and \n. */
static void
unescape(struct cdk_buf *out, const char *s)
{
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            cdk_buf_addch(out, '\n');
            s++;
        } else if (s[0] == '\\' && s[1] == '"') {
            cdk_buf_addch(out, '"');
            s++;
        } else {
            cdk_buf_addch(out, *s);
        }
    }
}

/* Run a golden-rules file; returns the rules passed, *total the count. */
static int
run_golden(const char *rel, int *total, int *exact)
{
    char *path = cdk_test_shared_path(rel);
    json_error_t jerr;
    char *data, *line, *save = NULL;
    size_t len;
    int pass = 0;

    *total = *exact = 0;
    if (!path)
        return -1;
    data = cdk_test_read_file(path, &len);
    ck_assert_ptr_nonnull(data);
    for (line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        json_t *rule = json_loads(line, 0, &jerr);
        json_t *exp;
        struct cdk_buf in = CDK_BUF_INIT;
        struct cdk_spans sp = CDK_SPANS_INIT;
        bool ok, ok_exact;
        size_t i;

        ck_assert_msg(rule, "%s: %s", rel, jerr.text);
        exp = json_object_get(rule, "expected");
        unescape(&in, json_string_value(json_object_get(rule, "input")));
        cdk_segment_sentences(in.buf, in.len, &sp);
        ok = ok_exact = sp.n == json_array_size(exp);
        for (i = 0; ok && i < sp.n; i++) {
            struct cdk_buf a = CDK_BUF_INIT, b = CDK_BUF_INIT;
            const char *want = json_string_value(json_array_get(exp, i));
            size_t n = sp.v[i].end - sp.v[i].start;

            if (strlen(want) != n || memcmp(want, in.buf + sp.v[i].start, n))
                ok_exact = false;
            collapse_ws(&a, in.buf + sp.v[i].start, n);
            collapse_ws(&b, want, strlen(want));
            ok = strcmp(a.buf, b.buf) == 0;
            cdk_buf_release(&a);
            cdk_buf_release(&b);
        }
        (*total)++;
        pass += ok;
        *exact += ok && ok_exact;
        if (!ok) {
            printf("  FAIL %s (%s):", json_string_value(json_object_get(
                                           rule, "id")),
                   json_string_value(json_object_get(rule, "name")));
            for (i = 0; i < sp.n; i++)
                printf(" [%.*s]", (int)(sp.v[i].end - sp.v[i].start),
                       in.buf + sp.v[i].start);
            printf("\n");
        }
        cdk_spans_release(&sp);
        cdk_buf_release(&in);
        json_decref(rule);
    }
    free(data);
    free(path);
    return pass;
}

START_TEST(golden_rules_pragmatic)
{
    int total, exact;
    int pass = run_golden(
        "data/sentence-boundaries/pragmatic_segmenter_readme_golden_rules_en."
        "jsonl",
        &total, &exact);

    if (pass < 0) {
        printf("golden rules: shared data absent, skipped\n");
        return;
    }
    printf("golden rules (pragmatic_segmenter README): %d/%d pass "
           "(%d byte-exact)\n",
           pass, total, exact);
    ck_assert_int_eq(total, 51);
    ck_assert_int_ge(pass, 48);
}
END_TEST

START_TEST(golden_rules_pysbd)
{
    int total, exact;
    int pass = run_golden("data/sentence-boundaries/pysbd_golden_rules_en.jsonl",
                          &total, &exact);

    if (pass < 0) {
        printf("pySBD rules: shared data absent, skipped\n");
        return;
    }
    printf("golden rules (pySBD): %d/%d pass (%d byte-exact)\n", pass, total,
           exact);
    ck_assert_int_eq(total, 48);
    ck_assert_int_ge(pass, 45);
}
END_TEST

START_TEST(news_abbreviations_and_numbers)
{
    SEG_EQ("U.S. President Joe Biden spoke. He left.",
           "U.S. President Joe Biden spoke.|He left.");
    SEG_EQ("The deal is worth $3.5bn. Shares rose 5.6% on Jan. 2 in New "
           "York.",
           "The deal is worth $3.5bn.|Shares rose 5.6% on Jan. 2 in New York.");
    SEG_EQ("Gov. Tim Walz and Sen. Amy Klobuchar met Rep. Ilhan Omar at 9 "
           "a.m. Friday. They talked.",
           "Gov. Tim Walz and Sen. Amy Klobuchar met Rep. Ilhan Omar at 9 "
           "a.m. Friday.|They talked.");
    SEG_EQ("Apple Inc. said profits rose. Acme Corp. The firm declined.",
           "Apple Inc. said profits rose.|Acme Corp.|The firm declined.");
    SEG_EQ("It happened at the U.S. Capitol on Jan. 6, 2021. But in a sealed "
           "order last week, the judge ruled.",
           "It happened at the U.S. Capitol on Jan. 6, 2021.|But in a sealed "
           "order last week, the judge ruled.");
    SEG_EQ("Each barrier weighs 3,500 lbs., along the St. Croix river. Police "
           "said so.",
           "Each barrier weighs 3,500 lbs., along the St. Croix river.|Police "
           "said so.");
    SEG_EQ("Push at State Capitol\nST. PAUL, Minn. -- For decades, it's "
           "been legal. DR. JONES agreed.",
           "Push at State Capitol|ST. PAUL, Minn. -- For decades, it's "
           "been legal.|DR. JONES agreed.");
    SEG_EQ("Mr. and Mrs. Smith, e.g. the couple next door, left at 5 p.m. "
           "The house was empty.",
           "Mr. and Mrs. Smith, e.g. the couple next door, left at 5 p.m.|The "
           "house was empty.");
    SEG_EQ("It was signed by George W. Bush in 2002. Critics objected.",
           "It was signed by George W. Bush in 2002.|Critics objected.");
    SEG_EQ("Visit https://example.com/a.b. Or e-mail info@news.example.org. "
           "Thanks.",
           "Visit https://example.com/a.b.|Or e-mail info@news.example.org.|"
           "Thanks.");
    SEG_EQ("Borrowing rose to £1.2bn.The Treasury said it was fine.",
           "Borrowing rose to £1.2bn.|The Treasury said it was fine.");
    SEG_EQ("Claude Errera, editor of fansite Halo.Bungie.net. He agreed.",
           "Claude Errera, editor of fansite Halo.Bungie.net.|He agreed.");
    SEG_EQ("It ended badly.The council met again.",
           "It ended badly.|The council met again.");
}
END_TEST

START_TEST(news_quotations)
{
    SEG_EQ("“The only way forward is through dialogue—not by blindly fueling "
           "a proxy war,” one aide said. Others disagreed.",
           "“The only way forward is through dialogue—not by blindly fueling "
           "a proxy war,” one aide said.|Others disagreed.");
    SEG_EQ("“The federal government is finally waking up to the fact that "
           "diplomacy beats provocation,” one senior Republican foreign "
           "policy aide told the press. “The only way forward is through "
           "dialogue.”",
           "“The federal government is finally waking up to the fact that "
           "diplomacy beats provocation,” one senior Republican foreign "
           "policy aide told the press.|“The only way forward is through "
           "dialogue.”");
    SEG_EQ("Ms Hewitt said: \"We have taken it up to 26 weeks. \"We are going "
           "to extend the pay.\" She said new mothers were entitled to it.",
           "Ms Hewitt said: \"We have taken it up to 26 weeks.|\"We are going "
           "to extend the pay.\"|She said new mothers were entitled to it.");
    SEG_EQ("\"Is it over?\" she asked. \"Yes!\" he said.",
           "\"Is it over?\" she asked.|\"Yes!\" he said.");
    SEG_EQ("The plan (which was leaked on Monday.) failed. (Officials denied "
           "it.) Nobody knew.",
           "The plan (which was leaked on Monday.) failed.|(Officials denied "
           "it.)|Nobody knew.");
    SEG_EQ("He hesitated… Then he spoke.", "He hesitated…|Then he spoke.");
}
END_TEST

START_TEST(news_lines_and_lists)
{
    /* the seed article: a lede ending in a comma continues on the next line */
    SEG_EQ("Washington has proposed reviving talks (NRC),\nSuch a turn of "
           "events would signal a shift, according to reports.\nBYPASS THE "
           "CENSORS\nSign up to get news.",
           "Washington has proposed reviving talks (NRC),\nSuch a turn of "
           "events would signal a shift, according to reports.|BYPASS THE "
           "CENSORS|Sign up to get news.");
    SEG_EQ("Labour plans maternity pay rise\n\nMaternity pay is to rise by "
           "£1,400.",
           "Labour plans maternity pay rise|Maternity pay is to rise by "
           "£1,400.");
    SEG_EQ("The budget also:\n - Pledged 102.16bn rupees ($2.3bn) for "
           "victims\n - Increased spending on health",
           "The budget also:|- Pledged 102.16bn rupees ($2.3bn) for "
           "victims|- Increased spending on health");
    SEG_EQ("Source link", "Source link");
    SEG_EQ("A headline without a stop\nThe story starts here.",
           "A headline without a stop|The story starts here.");
    SEG_EQ("He said he was \nnot sure.", "He said he was \nnot sure.");
    SEG_EQ("First paragraph without a stop\n\nsecond paragraph",
           "First paragraph without a stop|second paragraph");
}
END_TEST

/* Every span is inside the text, ordered, non-empty and trimmed. */
static void
check_spans(const char *t, size_t len, const struct cdk_spans *sp)
{
    size_t i, prev = 0;

    for (i = 0; i < sp->n; i++) {
        const struct cdk_span *s = &sp->v[i];
        if (s->start < prev || s->start >= s->end || s->end > len ||
            (t[s->start] && strchr(" \t\n\r", t[s->start])) ||
            (t[s->end - 1] && strchr(" \t\n\r", t[s->end - 1])))
            ck_abort_msg("span %zu (%zu..%zu) breaks the invariants", i,
                         s->start, s->end);
        prev = s->end;
    }
}

START_TEST(hostile_input)
{
    static const char *const cases[] = {
        "", " ", "\n\n\n", ".", "...", ". . . .", "!!!?", "\"\"\"",
        "\xff\xfe\x80 abc. \xc3", "a\0b. C", "\xe2\x80", "1. 2. 3.",
        "a.b.c.d.e.f", "Mr.", "U.S.", "• • •", "(((((", "“”‘’",
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cdk_spans sp = CDK_SPANS_INIT;
        size_t len = strlen(cases[i]);

        if (i == 9)
            len = 6;
        cdk_segment_sentences(cases[i], len, &sp);
        check_spans(cases[i], len, &sp);
        cdk_spans_release(&sp);
    }
    SEG_EQ("", "");
    SEG_EQ("  \n ", "");
    SEG_EQ("Hello. !!!", "Hello. !!!");
    SEG_EQ("Hello.\n\n***\n\nBye.", "Hello.|***|Bye.");
}
END_TEST

/* Pathological 1 MB inputs finish quickly (linear time). */
START_TEST(pathological_inputs_are_linear)
{
    static const char *const units[] = {
        ".",  ". ", "a.", "A. ", "\"", "U.S. ", " . . .", "1) ", "\n",
        "x",  "!?", "…", "Mr. ", "a b ", "\xe2\x80\xa2 ", "www.a@b.",
    };
    size_t u, n = 1u << 20;

    for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        struct cdk_buf b = CDK_BUF_INIT;
        struct cdk_spans sp = CDK_SPANS_INIT;
        size_t ul = strlen(units[u]);
        clock_t t0;
        double secs;

        cdk_buf_grow(&b, n + ul);
        while (b.len < n)
            cdk_buf_add(&b, units[u], ul);
        t0 = clock();
        cdk_segment_sentences(b.buf, b.len, &sp);
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        check_spans(b.buf, b.len, &sp);
        ck_assert_msg(secs < 3.0, "unit '%s' took %.2fs", units[u], secs);
        cdk_spans_release(&sp);
        cdk_buf_release(&b);
    }
}
END_TEST

/* Throughput on news-bbc (printed; the extractor's budget is 20 MB/s). */
START_TEST(throughput_news_bbc)
{
    static const char *const cats[] = {"business", "entertainment",
                                       "politics", "sport", "tech"};
    struct cdk_buf all = CDK_BUF_INIT;
    struct cdk_spans sp = CDK_SPANS_INIT;
    char *root = cdk_test_shared_path("data/news-bbc/bbc");
    size_t c, sentences = 0;
    struct timespec t0, t1;
    double secs;
    int rounds = 5, r;

    if (!root) {
        printf("news-bbc absent, throughput skipped\n");
        return;
    }
    for (c = 0; c < 5; c++) {
        struct cdk_buf dir = CDK_BUF_INIT;
        struct dirent *de;
        DIR *d;

        cdk_buf_addf(&dir, "%s/%s", root, cats[c]);
        d = opendir(dir.buf);
        ck_assert_ptr_nonnull(d);
        while ((de = readdir(d))) {
            struct cdk_buf p = CDK_BUF_INIT;
            size_t len;
            char *text;

            if (!strstr(de->d_name, ".txt"))
                continue;
            cdk_buf_addf(&p, "%s/%s", dir.buf, de->d_name);
            text = cdk_test_read_file(p.buf, &len);
            ck_assert_ptr_nonnull(text);
            cdk_buf_add(&all, text, len);
            cdk_buf_adds(&all, "\n\n");
            free(text);
            cdk_buf_release(&p);
        }
        closedir(d);
        cdk_buf_release(&dir);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (r = 0; r < rounds; r++) {
        sp.n = 0;
        cdk_segment_sentences(all.buf, all.len, &sp);
        sentences = sp.n;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) +
           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("segmenter on news-bbc: %.1f MB, %zu sentences, %.1f MB/s\n",
           (double)all.len / 1e6, sentences,
           (double)all.len * rounds / 1e6 / secs);
    check_spans(all.buf, all.len, &sp);
    ck_assert_uint_gt(sentences, 40000);
    cdk_spans_release(&sp);
    cdk_buf_release(&all);
    free(root);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("segment");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, golden_rules_pragmatic);
    tcase_add_test(tc, golden_rules_pysbd);
    tcase_add_test(tc, news_abbreviations_and_numbers);
    tcase_add_test(tc, news_quotations);
    tcase_add_test(tc, news_lines_and_lists);
    tcase_add_test(tc, hostile_input);
    tcase_add_test(tc, pathological_inputs_are_linear);
    tcase_add_test(tc, throughput_news_bbc);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
