/*
 * Accuracy expectations: the seed article (../shared/seeds) and the
 * articles in tests/data/expectations (NAME.expected.json) are read with the
 * readers, extracted, and every rule of their expectation file is
 * applied exactly as the seed's "about" describes (case-insensitive
 * substrings):
 *  - boilerplate_lines_dropped: no claim's text or sentence contains it;
 *  - claims_required: some claim's text has every all_of, one any_of,
 *    no none_of, and a claimant with one of attribution_any_of;
 *    checkworthy: that claim scores above every low_checkworthiness claim;
 *  - attributions_required: every claim whose sentence has claim_phrase
 *    has a claimant with one of speaker_any_of (and there is one);
 *  - same_claim_twice: two claims with the phrase, one linked to the other;
 *  - low_checkworthiness: some claim matches each phrase.
 * Each rule prints PASS/FAIL; any FAIL fails the test.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/article.h"
#include "core/mem.h"
#include "importers/extract/extract.h"
#include "importers/reader.h"
#include "support/testutil.h"

static bool
icontains(const char *hay, const char *needle)
{
    return hay && needle &&
           cdk_test_ci_find(hay, strlen(hay), needle, strlen(needle)) !=
               (size_t)-1;
}

static bool
contains_any(const char *hay, json_t *list)
{
    size_t i;
    json_t *v;

    json_array_foreach(list, i, v) if (icontains(hay, json_string_value(v)))
        return true;
    return false;
}

static int
take_first(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    struct cdk_article *dst = arg;

    (void)err;
    if (dst->body)
        return 0;
    *dst = *a;
    cdk_article_init(a);
    return 0;
}

/* Does claim c match a claims_required spec (text/claimant rules)? */
static bool
matches(const struct cdk_claim *c, json_t *spec)
{
    json_t *all = json_object_get(spec, "all_of");
    json_t *any = json_object_get(spec, "any_of");
    json_t *none = json_object_get(spec, "none_of");
    json_t *attr = json_object_get(spec, "attribution_any_of");
    size_t i;
    json_t *v;

    json_array_foreach(all, i, v) if (!icontains(c->text,
                                                 json_string_value(v)))
        return false;
    if (any && json_array_size(any) && !contains_any(c->text, any))
        return false;
    json_array_foreach(none, i, v) if (icontains(c->text,
                                                 json_string_value(v)))
        return false;
    if (attr && json_array_size(attr) &&
        !(c->claimant && contains_any(c->claimant, attr)))
        return false;
    return true;
}

/* Apply every rule of one expectation file; returns the failures. */
static int
evaluate(const char *exp_path, const char *name, int *npass)
{
    json_error_t jerr;
    json_t *root = json_load_file(exp_path, 0, &jerr), *rules, *r, *v;
    struct cdk_article art;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    const char *rel;
    char *apath = NULL;
    size_t i, k, j;
    int fails = 0;

    ck_assert_msg(root, "%s: %s", exp_path, jerr.text);
    rel = json_string_value(json_object_get(root, "article"));
    ck_assert_ptr_nonnull(rel);
    /* The seed names its article beside it; ours are under shared/data. */
    {
        struct cdk_buf b = CDK_BUF_INIT;
        const char *slash = strrchr(exp_path, '/');
        FILE *f;
        cdk_buf_add(&b, exp_path, slash ? (size_t)(slash - exp_path + 1) : 0);
        cdk_buf_adds(&b, rel);
        f = fopen(b.buf, "rb");
        if (f) {
            fclose(f);
            apath = cdk_buf_detach(&b, NULL);
        } else {
            struct cdk_buf d = CDK_BUF_INIT;
            cdk_buf_addf(&d, "data/%s", rel);
            apath = cdk_test_shared_path(d.buf);
            cdk_buf_release(&d);
            cdk_buf_release(&b);
        }
    }
    ck_assert_msg(apath, "%s: article '%s' not found", name, rel);
    cdk_article_init(&art);
    ck_assert_int_eq(cdk_read_path(apath, NULL, take_first, NULL, &art, &err),
                     0);
    ck_assert_ptr_nonnull(art.body);
    ck_assert_msg(cdk_extract(&art, NULL, &x, &err) == 0, "%s", err.message);
    printf("%s: %zu sentences, %zu claims, %zu dropped\n", name, x.nsentences,
           x.nclaims, x.ndropped);

#define RESULT(ok, ...)                                                        \
    do {                                                                       \
        printf("  %s ", (ok) ? "PASS" : "FAIL");                               \
        printf(__VA_ARGS__);                                                   \
        printf("\n");                                                          \
        if (ok)                                                                \
            (*npass)++;                                                        \
        else                                                                   \
            fails++;                                                           \
    } while (0)

    rules = json_object_get(root, "boilerplate_lines_dropped");
    json_array_foreach(rules, i, v) {
        const char *line = json_string_value(v);
        bool ok = true;
        for (k = 0; k < x.nclaims; k++)
            if (icontains(x.claims[k].text, line) ||
                icontains(x.claims[k].sentence, line))
                ok = false;
        RESULT(ok, "dropped: %s", line);
    }

    rules = json_object_get(root, "claims_required");
    json_array_foreach(rules, i, r) {
        const char *id = json_string_value(json_object_get(r, "id"));
        double best = -1;
        bool found = false;
        for (k = 0; k < x.nclaims; k++)
            if (matches(&x.claims[k], r)) {
                found = true;
                if (x.claims[k].score > best)
                    best = x.claims[k].score;
            }
        RESULT(found, "claim %s", id ? id : "?");
        if (found && json_is_true(json_object_get(r, "checkworthy"))) {
            json_t *low = json_object_get(root, "low_checkworthiness");
            bool ok = true;
            double worst = 0;
            for (k = 0; k < x.nclaims; k++)
                if (contains_any(x.claims[k].text, low) &&
                    x.claims[k].score >= best) {
                    ok = false;
                    worst = x.claims[k].score;
                }
            RESULT(ok, "claim %s scores %.3f, above every low claim%s", id,
                   best, ok ? "" : " (a low claim scores higher)");
            (void)worst;
        }
    }

    rules = json_object_get(root, "attributions_required");
    json_array_foreach(rules, i, r) {
        const char *phrase =
            json_string_value(json_object_get(r, "claim_phrase"));
        json_t *sp = json_object_get(r, "speaker_any_of");
        size_t seen = 0;
        bool ok = true;
        for (k = 0; k < x.nclaims; k++) {
            if (!icontains(x.claims[k].sentence, phrase))
                continue;
            seen++;
            if (!x.claims[k].claimant || !contains_any(x.claims[k].claimant, sp)) {
                ok = false;
                printf("    claim %d claimant: %s\n", x.claims[k].ordinal,
                       x.claims[k].claimant ? x.claims[k].claimant : "(none)");
            }
        }
        RESULT(ok && seen > 0, "attribution of '%s' (%zu claims)", phrase,
               seen);
    }

    rules = json_object_get(root, "same_claim_twice");
    json_array_foreach(rules, i, r) {
        const char *phrase = json_string_value(json_object_get(r, "phrase"));
        size_t n = 0;
        bool linked = false;
        for (k = 0; k < x.nclaims; k++) {
            if (!icontains(x.claims[k].text, phrase))
                continue;
            n++;
            for (j = 0; j < x.nclaims; j++)
                if (j != k && icontains(x.claims[j].text, phrase) &&
                    (x.claims[k].duplicate_of == x.claims[j].ordinal ||
                     (x.claims[k].duplicate_of &&
                      x.claims[k].duplicate_of == x.claims[j].duplicate_of)))
                    linked = true;
        }
        RESULT(n >= 2 && linked, "same claim twice: '%s' (%zu claims)", phrase,
               n);
    }

    rules = json_object_get(root, "low_checkworthiness");
    json_array_foreach(rules, i, v) {
        bool found = false;
        for (k = 0; k < x.nclaims; k++)
            if (icontains(x.claims[k].text, json_string_value(v)))
                found = true;
        RESULT(found, "low-checkworthiness claim present: %s",
               json_string_value(v));
    }
    if (fails) {
        printf("  claims of %s:\n", name);
        for (k = 0; k < x.nclaims; k++)
            printf("    #%d %.3f [%s] %s\n", x.claims[k].ordinal,
                   x.claims[k].score,
                   x.claims[k].claimant ? x.claims[k].claimant : "-",
                   x.claims[k].text);
    }
    cdk_extraction_release(&x);
    cdk_article_release(&art);
    free(apath);
    json_decref(root);
    return fails;
}

START_TEST(seed_expectations)
{
    char *p = cdk_test_shared_path("seeds/nrc-council-article.expected.json");
    int pass = 0, fails;

    if (!p) {
        printf("shared seeds absent: skipping\n");
        return;
    }
    fails = evaluate(p, "nrc-council-article", &pass);
    printf("seed: %d passed, %d failed\n", pass, fails);
    ck_assert_int_eq(fails, 0);
    ck_assert_int_gt(pass, 20);
    free(p);
}
END_TEST

START_TEST(more_articles)
{
    char *dir = cdk_test_source_path("tests/data/expectations");
    DIR *d = opendir(dir);
    struct dirent *e;
    int pass = 0, fails = 0, files = 0;
    char *probe = cdk_test_shared_path("data");

    ck_assert_ptr_nonnull(d);
    if (!probe) {
        printf("shared data absent: skipping\n");
        closedir(d);
        free(dir);
        return;
    }
    free(probe);
    while ((e = readdir(d)) != NULL) {
        struct cdk_buf b = CDK_BUF_INIT;
        size_t n = strlen(e->d_name);
        if (n < 14 || strcmp(e->d_name + n - 14, ".expected.json") != 0)
            continue;
        cdk_buf_addf(&b, "%s/%s", dir, e->d_name);
        fails += evaluate(b.buf, e->d_name, &pass);
        files++;
        cdk_buf_release(&b);
    }
    closedir(d);
    printf("%d expectation files: %d passed, %d failed\n", files, pass, fails);
    ck_assert_int_ge(files, 5);
    ck_assert_int_eq(fails, 0);
    free(dir);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("extract_seed");
    TCase *tc = tcase_create("expectations");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, seed_expectations);
    tcase_add_test(tc, more_articles);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    char *p = cdk_test_shared_path("seeds/nrc-council-article.expected.json");

    if (!p) {
        printf("skipped: ../shared/seeds is absent (set CLAIMDESK_SHARED)\n");
        return 77;
    }
    free(p);
    return cdk_test_run_suite(suite());
}
