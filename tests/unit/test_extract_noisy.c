/*
 * Boilerplate across the 100 scraped articles of ../shared/data/news-noisy:
 *  - junk in claims: lines that are ADVERTISEMENT markers, RELATED: /
 *    Read more: links, newsletter or follow-us calls, copyright lines,
 *    editorial notices, donation appeals or photo credits -- recognised here by our own patterns, independent of
 *    the classifier -- must never end up in a claim (count must be 0);
 *  - content dropped: real article sentences (lines of ten words or more
 *    that end like a sentence and match no junk pattern) must not be
 *    dropped; the count is printed with every line and must stay small.
 */
#include <check.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/mem.h"
#include "importers/extract/extract.h"
#include "importers/reader.h"
#include "support/testutil.h"

/* Most real sentences any run may drop (all printed). */
#define MAX_CONTENT_DROPPED 3

struct junk_pattern {
    const char *kind;
    const char *re;  /* POSIX extended, case-insensitive, on a trimmed line */
    bool whole_line; /* the marker is the whole line, else the match */
};

static const struct junk_pattern patterns[] = {
    {"advertisement", "^advertisement$", true},
    {"related", "^(see )?related( story)?:", true},
    {"read-more", "^read more:", true},
    {"newsletter", "(sign up|subscribe).*newsletter|newsletter.*(inbox|subscribe|sign up)|to your inbox|^sign up", true},
    {"follow-us", "^follow (us|fox)|^for news updates, follow", true},
    {"copyright", "\xc2\xa9|^copyright [0-9(]|all rights reserved", true},
    {"notice", "^\\*?important notice:|^this (article|story) (was reprinted|is part of)|^this is a breaking news update|^questions may be directed|^get browser notifications|^editor'?s'? note|contributed to this report\\.$", true},
    {"donation", "put a dollar value|we need your help to keep|support (our|local) journalism|make a donation", true},
    {"photo-credit", "[A-Za-z]+( [A-Z][A-Za-z]+)? via getty images|^getty images$|image credit:|toggle caption", false},
};

struct line_span {
    size_t start, end;
};

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

static bool
ci_contains(const char *hay, const char *needle, size_t n)
{
    return cdk_test_ci_find(hay, strlen(hay), needle, n) != (size_t)-1;
}

static bool
sentence_like(const char *s, size_t n)
{
    size_t words = 0, i;
    bool in = false;
    const char *e = s + n;

    for (i = 0; i < n; i++) {
        bool w = s[i] != ' ' && s[i] != '\t';
        if (w && !in)
            words++;
        in = w;
    }
    if (words < 10)
        return false;
    while (e > s && (e[-1] == ' ' || e[-1] == '"' || e[-1] == ')'))
        e--;
    if (e - s >= 3 && (unsigned char)e[-3] == 0xE2 &&
        (unsigned char)e[-2] == 0x80 &&
        ((unsigned char)e[-1] == 0x9D || (unsigned char)e[-1] == 0x99))
        e -= 3;
    return e > s && (e[-1] == '.' || e[-1] == '!' || e[-1] == '?');
}

START_TEST(noisy_boilerplate)
{
    char *dir = cdk_test_shared_path("data/news-noisy/articles");
    regex_t re[sizeof(patterns) / sizeof(patterns[0])];
    struct dirent **names;
    int nfiles, f;
    size_t p, junk_lines = 0, junk_in_claims = 0, real = 0, dropped_real = 0;
    size_t articles = 0;

    ck_assert_ptr_nonnull(dir);
    for (p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++)
        ck_assert_int_eq(
            regcomp(&re[p], patterns[p].re, REG_EXTENDED | REG_ICASE), 0);
    nfiles = scandir(dir, &names, NULL, alphasort);
    ck_assert_int_gt(nfiles, 0);
    for (f = 0; f < nfiles; f++) {
        struct cdk_buf path = CDK_BUF_INIT;
        struct cdk_article art;
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        struct cdk_error err = CDK_ERROR_INIT;
        size_t i, k;
        const char *b;

        if (!strstr(names[f]->d_name, ".txt")) {
            free(names[f]);
            continue;
        }
        cdk_buf_addf(&path, "%s/%s", dir, names[f]->d_name);
        cdk_article_init(&art);
        ck_assert_int_eq(cdk_read_path(path.buf, NULL, take_first, NULL, &art,
                                       &err),
                         0);
        if (!art.body) { /* an empty video page */
            cdk_buf_release(&path);
            free(names[f]);
            continue;
        }
        articles++;
        ck_assert_msg(cdk_extract(&art, NULL, &x, &err) == 0, "%s: %s",
                      path.buf, err.message);
        b = art.body;
        for (i = 0; i < art.body_len;) {
            const char *nl = memchr(b + i, '\n', art.body_len - i);
            size_t e = nl ? (size_t)(nl - b) : art.body_len, s = i;
            char *line;
            bool junk = false;

            i = e + 1;
            while (s < e && (b[s] == ' ' || b[s] == '\t' || b[s] == '\r'))
                s++;
            while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t' ||
                             b[e - 1] == '\r'))
                e--;
            if (e == s)
                continue;
            line = cdk_xstrndup(b + s, e - s);
            for (p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
                regmatch_t m;
                const char *marker = line;
                size_t mlen = e - s;
                if (regexec(&re[p], line, 1, &m, 0) != 0)
                    continue;
                junk = true;
                junk_lines++;
                if (!patterns[p].whole_line) {
                    marker = line + m.rm_so;
                    mlen = (size_t)(m.rm_eo - m.rm_so);
                }
                for (k = 0; k < x.nclaims; k++)
                    if (ci_contains(x.claims[k].text, marker, mlen) ||
                        ci_contains(x.claims[k].sentence, marker, mlen)) {
                        junk_in_claims++;
                        printf("JUNK IN CLAIM %s (%s): %s\n",
                               names[f]->d_name, patterns[p].kind, line);
                        break;
                    }
                break;
            }
            if (!junk && sentence_like(line, e - s)) {
                real++;
                /* (a line cut in two -- a credit or a repeated
                 * headline before its text -- keeps its sentence) */
                for (k = 0; k < x.ndropped; k++)
                    if (x.dropped[k].start <= s && x.dropped[k].end >= e) {
                        dropped_real++;
                        printf("CONTENT DROPPED %s (%s): %s\n",
                               names[f]->d_name, x.dropped[k].reason, line);
                        break;
                    }
            }
            free(line);
        }
        cdk_extraction_release(&x);
        cdk_article_release(&art);
        cdk_buf_release(&path);
        free(names[f]);
    }
    free(names);
    printf("news-noisy: %zu articles, %zu junk lines, %zu in claims; "
           "%zu real sentences, %zu dropped\n",
           articles, junk_lines, junk_in_claims, real, dropped_real);
    fflush(stdout);
    ck_assert_uint_ge(articles, 90);
    ck_assert_uint_gt(junk_lines, 30);
    ck_assert_uint_eq(junk_in_claims, 0);
    ck_assert_uint_gt(real, 500);
    ck_assert_uint_le(dropped_real, MAX_CONTENT_DROPPED);
    for (p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++)
        regfree(&re[p]);
    free(dir);
}
END_TEST

int
main(void)
{
    Suite *s;
    TCase *tc;
    char *dir = cdk_test_shared_path("data/news-noisy/articles");

    if (!dir) {
        printf("skipped: ../shared/data/news-noisy is absent\n");
        return 77;
    }
    free(dir);
    s = suite_create("extract_noisy");
    tc = tcase_create("boilerplate");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, noisy_boilerplate);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
