/*
 * Entities and dates on real sentences (the seed article, news-noisy,
 * news-bbc), relative dates against a published date, character offsets,
 * and the invariants (in order, inside the sentence, text = the span) over
 * whole corpora and hostile input.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "importers/extract/entities.h"
#include "importers/extract/segment.h"
#include "support/testutil.h"

struct found {
    struct cdk_entity *v;
    size_t n, alloc;
};

static struct found
find(const char *s, const char *published)
{
    struct found f = {NULL, 0, 0};

    cdk_entities_find(s, 0, strlen(s), 0, published, &f.v, &f.n, &f.alloc);
    return f;
}

/* The entity whose text is `text`, or NULL. */
static const struct cdk_entity *
get(const struct found *f, const char *text)
{
    size_t i;

    for (i = 0; i < f->n; i++)
        if (strcmp(f->v[i].text, text) == 0)
            return &f->v[i];
    return NULL;
}

static void
dump(const struct found *f)
{
    size_t i;

    for (i = 0; i < f->n; i++)
        fprintf(stderr, "  %s [%s] %s\n", cdk_entity_kind_name(f->v[i].kind),
                f->v[i].text, f->v[i].value ? f->v[i].value : "-");
}

/* Assert an entity with this text, kind and value (NULL: no value). */
static void
expect(const char *sentence, const char *published, const char *text,
       enum cdk_entity_kind kind, const char *value)
{
    struct found f = find(sentence, published);
    const struct cdk_entity *e = get(&f, text);

    if (!e || e->kind != kind ||
        (value ? !e->value || strcmp(e->value, value) : e->value != NULL)) {
        fprintf(stderr, "in: %s\nwant %s [%s] %s, got:\n", sentence,
                cdk_entity_kind_name(kind), text, value ? value : "-");
        dump(&f);
    }
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, kind);
    if (value)
        ck_assert_str_eq(e->value, value);
    else
        ck_assert_ptr_null(e->value);
    cdk_entities_free(f.v, f.n);
}

/* Assert no entity has this text. */
static void
expect_none(const char *sentence, const char *published, const char *text)
{
    struct found f = find(sentence, published);

    if (get(&f, text)) {
        fprintf(stderr, "in: %s\nunexpected [%s]:\n", sentence, text);
        dump(&f);
    }
    ck_assert_ptr_null(get(&f, text));
    cdk_entities_free(f.v, f.n);
}

START_TEST(tables_sorted)
{
    ck_assert(cdk_entities_tables_ok());
}
END_TEST

START_TEST(seed_article_names)
{
    const char *s = "Last month, White House special envoy Steve Witkoff "
                    "visited Moscow in a quiet diplomatic overture.";

    expect(s, "2025-04-10", "Last month", CDK_ENTITY_DATE, "2025-03");
    expect(s, NULL, "Last month", CDK_ENTITY_DATE, NULL);
    expect(s, NULL, "White House", CDK_ENTITY_ORGANISATION, "White House");
    expect(s, NULL, "Steve Witkoff", CDK_ENTITY_PERSON, NULL);
    expect(s, NULL, "Moscow", CDK_ENTITY_PLACE, "Moscow");
    s = "Washington has proposed reviving long-dormant security talks with "
        "Moscow through the NATO-Russia Council (NRC), according to reports "
        "from Bloomberg and Axios.";
    expect(s, NULL, "Washington", CDK_ENTITY_PLACE, "Washington");
    expect(s, NULL, "NATO-Russia Council", CDK_ENTITY_ORGANISATION, NULL);
    expect(s, NULL, "NRC", CDK_ENTITY_ORGANISATION, NULL);
    expect(s, NULL, "Bloomberg", CDK_ENTITY_ORGANISATION, "Bloomberg");
    expect(s, NULL, "Axios", CDK_ENTITY_ORGANISATION, "Axios");
    s = "Behind the scenes, President Trump’s envoys are reportedly working "
        "to persuade Russia to freeze hostilities.";
    expect(s, NULL, "Trump", CDK_ENTITY_PERSON, NULL);
    expect(s, NULL, "Russia", CDK_ENTITY_PLACE, "Russia");
    expect_none(s, NULL, "Behind");
    s = "In exchange, Washington is dangling formal US recognition of Crimea "
        "as part of the Russian Federation.";
    expect(s, NULL, "US", CDK_ENTITY_PLACE, "United States");
    expect(s, NULL, "Crimea", CDK_ENTITY_PLACE, "Crimea");
    expect(s, NULL, "Russian Federation", CDK_ENTITY_PLACE, "Russia");
    expect_none(s, NULL, "In");
    s = "This echoes proposals floated earlier this year as part of former "
        "President Donald Trump’s own peace initiative.";
    expect(s, "2025-04-10", "earlier this year", CDK_ENTITY_DATE, "2025");
    expect(s, NULL, "Donald Trump", CDK_ENTITY_PERSON, NULL);
    s = "It went dark after NATO severed ties with Russia in 2022, though it "
        "had eroded since the 2014 Crimean referendum in Kyiv and the Donbas.";
    expect(s, NULL, "2022", CDK_ENTITY_DATE, "2022");
    expect(s, NULL, "2014", CDK_ENTITY_DATE, "2014");
    expect(s, NULL, "Crimean", CDK_ENTITY_PLACE, "Crimea");
    expect(s, NULL, "Kyiv", CDK_ENTITY_PLACE, "Kyiv");
    expect(s, NULL, "Donbas", CDK_ENTITY_PLACE, "Donbas");
    expect(s, NULL, "NATO", CDK_ENTITY_ORGANISATION, "NATO");
}
END_TEST

START_TEST(news_people_and_titles)
{
    const char *s = "U.S. President Joe Biden met Albanian Prime Minister "
                    "Fatos Nano and Sen. Amy Klobuchar.";

    expect(s, NULL, "U.S.", CDK_ENTITY_PLACE, "United States");
    expect(s, NULL, "Joe Biden", CDK_ENTITY_PERSON, NULL);
    expect(s, NULL, "Albanian", CDK_ENTITY_PLACE, "Albania");
    expect(s, NULL, "Fatos Nano", CDK_ENTITY_PERSON, NULL);
    expect(s, NULL, "Amy Klobuchar", CDK_ENTITY_PERSON, NULL);
    expect_none(s, NULL, "President");
    s = "\"We appreciate everything they do,\" said Chuck Dougherty, the "
        "owner of a pub.";
    expect(s, NULL, "Chuck Dougherty", CDK_ENTITY_PERSON, NULL);
    expect("Dougherty says this is something they expect.", NULL,
           "Dougherty", CDK_ENTITY_PERSON, NULL);
    s = "The Shadow Secretary of State for the Family, Theresa May, said the "
        "plans were announced by Gordon Brown.";
    expect(s, NULL, "Theresa May", CDK_ENTITY_PERSON, NULL);
    expect(s, NULL, "Gordon Brown", CDK_ENTITY_PERSON, NULL);
    s = "MINNEAPOLIS -- Flooding along the Mississippi River could be the "
        "worst since 2001, the National Weather Service said.";
    expect(s, NULL, "MINNEAPOLIS", CDK_ENTITY_PLACE, "Minneapolis");
    expect(s, NULL, "Mississippi River", CDK_ENTITY_PLACE, NULL);
    expect(s, NULL, "National Weather Service", CDK_ENTITY_ORGANISATION, NULL);
    s = "MnDOT crews placed barriers along the St. Croix river in downtown "
        "Stillwater, Minn., according to Reuters and the BBC.";
    expect(s, NULL, "St. Croix", CDK_ENTITY_PLACE, NULL);
    expect(s, NULL, "Reuters", CDK_ENTITY_ORGANISATION, "Reuters");
    expect(s, NULL, "BBC", CDK_ENTITY_ORGANISATION, "BBC");
    s = "The National Oceanic and Atmospheric Administration and the "
        "Centers for Disease Control and Prevention agreed, I’ve heard.";
    expect(s, NULL, "National Oceanic and Atmospheric Administration",
           CDK_ENTITY_ORGANISATION, NULL);
    expect(s, NULL, "Centers for Disease Control and Prevention",
           CDK_ENTITY_ORGANISATION, "CDC");
    expect_none(s, NULL, "I’ve");
    expect("Funding for the National Institutes of Health rose.", NULL,
           "National Institutes of Health", CDK_ENTITY_ORGANISATION,
           "National Institutes of Health");
    /* a headline yields gazetteer hits only */
    s = "German Prosecutors Warn Bill Gates 'Prison Awaits' As DNA Found";
    expect(s, NULL, "German", CDK_ENTITY_PLACE, "Germany");
    expect_none(s, NULL, "Bill Gates");
    expect_none("BYPASS THE CENSORS", NULL, "BYPASS THE CENSORS");
    expect_none("Latest Video", NULL, "Latest Video");
}
END_TEST

START_TEST(numbers_with_units)
{
    const char *s = "India's defence budget has been raised 7.8% to 830bn "
                    "rupees ($19bn), and 5.6 per cent of GDP.";

    expect(s, NULL, "7.8%", CDK_ENTITY_NUMBER, "7.8 %");
    expect(s, NULL, "830bn rupees", CDK_ENTITY_NUMBER, "830000000000 INR");
    expect(s, NULL, "$19bn", CDK_ENTITY_NUMBER, "19000000000 USD");
    expect(s, NULL, "5.6 per cent", CDK_ENTITY_NUMBER, "5.6 %");
    expect(s, NULL, "India", CDK_ENTITY_PLACE, "India");
    expect_none(s, NULL, "GDP");
    s = "Maternity pay is to rise by £1,400, a loss of 27.2m euros, $3.5 "
        "billion and €2m; he ran the 60m in 7.98 seconds with 84 barriers.";
    expect(s, NULL, "£1,400", CDK_ENTITY_NUMBER, "1400 GBP");
    expect(s, NULL, "27.2m euros", CDK_ENTITY_NUMBER, "27200000 EUR");
    expect(s, NULL, "$3.5 billion", CDK_ENTITY_NUMBER, "3500000000 USD");
    expect(s, NULL, "€2m", CDK_ENTITY_NUMBER, "2000000 EUR");
    expect(s, NULL, "60m", CDK_ENTITY_NUMBER, "60 m");
    expect(s, NULL, "84", CDK_ENTITY_NUMBER, "84");
    expect("Each weighs 3,500 lbs., the agency said.", NULL, "3,500 lbs",
           CDK_ENTITY_NUMBER, "3500 lb");
    /* capitals, a hyphen and digits name a thing; they count nothing */
    s = "The F-16 jets, COVID-19 vaccines and G-8 leaders cost $5m.";
    expect(s, NULL, "F-16", CDK_ENTITY_OTHER, NULL);
    expect(s, NULL, "COVID-19", CDK_ENTITY_OTHER, NULL);
    expect(s, NULL, "G-8", CDK_ENTITY_OTHER, NULL);
    expect_none(s, NULL, "16");
    expect_none(s, NULL, "19");
    expect_none(s, NULL, "COVID");
    expect(s, NULL, "$5m", CDK_ENTITY_NUMBER, "5000000 USD");
    expect("Sales rose 5-10% in 2010-2015.", NULL, "2010", CDK_ENTITY_DATE,
           "2010");
    /* found by fuzz_entities: too big for an integer */
    expect("It cost $888888888888888888888bn in all.", NULL,
           "$888888888888888888888bn", CDK_ENTITY_NUMBER, "8.888888889e+29 USD");
}
END_TEST

START_TEST(dates_absolute)
{
    const char *s = "The attack on Jan. 6, 2021 was discussed on March 22, "
                    "2023, in March 2023 and on 17 August.";

    expect(s, NULL, "Jan. 6, 2021", CDK_ENTITY_DATE, "2021-01-06");
    expect(s, NULL, "March 22, 2023", CDK_ENTITY_DATE, "2023-03-22");
    expect(s, NULL, "March 2023", CDK_ENTITY_DATE, "2023-03");
    expect(s, NULL, "17 August", CDK_ENTITY_DATE, "--08-17");
    expect(s, "2005-02-01", "17 August", CDK_ENTITY_DATE, "2005-08-17");
    expect("It was published on 2023-03-22 at noon.", NULL, "2023-03-22",
           CDK_ENTITY_DATE, "2023-03-22");
    expect("Talks began in May.", "2023-06-30", "May", CDK_ENTITY_DATE,
           "2023-05");
    expect_none("It raised 2015 percent.", NULL, "2015");
}
END_TEST

START_TEST(dates_relative)
{
    /* 2023-03-23 was a Thursday */
    const char *pub = "2023-03-23T14:00:00Z";

    expect("The agency said so yesterday.", pub, "yesterday", CDK_ENTITY_DATE,
           "2023-03-22");
    expect("The agency said so yesterday.", NULL, "yesterday",
           CDK_ENTITY_DATE, NULL);
    expect("The council met on Monday.", pub, "Monday", CDK_ENTITY_DATE,
           "2023-03-20");
    expect("The council met on Thursday.", pub, "Thursday", CDK_ENTITY_DATE,
           "2023-03-23");
    expect("The council will meet on Friday.", pub, "Friday", CDK_ENTITY_DATE,
           "2023-03-24");
    expect("They met last Tuesday.", pub, "last Tuesday", CDK_ENTITY_DATE,
           "2023-03-21");
    expect("They issued an outlook two weeks ago.", pub, "two weeks ago",
           CDK_ENTITY_DATE, "2023-W10");
    expect("It happened three days ago.", pub, "three days ago",
           CDK_ENTITY_DATE, "2023-03-20");
    expect("Prices rose last month.", pub, "last month", CDK_ENTITY_DATE,
           "2023-02");
    expect("Prices rose last month.", "2023-01-05", "last month",
           CDK_ENTITY_DATE, "2022-12");
    expect("Prices rose last year.", pub, "last year", CDK_ENTITY_DATE,
           "2022");
    expect("The agency said so yesterday.", "Thu, 23 Mar 2023 14:00:00 GMT",
           "yesterday", CDK_ENTITY_DATE, "2023-03-22");
    expect("The agency said so yesterday.", "March 23, 2023", "yesterday",
           CDK_ENTITY_DATE, "2023-03-22");
    expect("The agency said so yesterday.", "2023-03-23 22:31:00",
           "yesterday", CDK_ENTITY_DATE, "2023-03-22");
    expect("Prices rose last month.", "Mar 2023", "last month",
           CDK_ENTITY_DATE, "2023-02");
    expect("It will end later this year.", pub, "later this year",
           CDK_ENTITY_DATE, "2023");
    expect("Sales fell last week.", pub, "last week", CDK_ENTITY_DATE,
           "2023-W11");
    expect("The vote is next week.", pub, "next week", CDK_ENTITY_DATE,
           "2023-W13");
    expect("It was cold earlier this month.", pub, "earlier this month",
           CDK_ENTITY_DATE, "2023-03");
}
END_TEST

START_TEST(offsets_in_a_body)
{
    const char *body = "Première phrase. “Kyiv” said Mr Zelensky on 3 May.";
    size_t start = strlen("Première phrase. ");
    size_t cstart = cdk_utf8_count(body, start);
    struct found f = {NULL, 0, 0};
    size_t i;

    cdk_entities_find(body, start, strlen(body), cstart, NULL, &f.v, &f.n,
                      &f.alloc);
    ck_assert_uint_ge(f.n, 3);
    for (i = 0; i < f.n; i++) {
        const struct cdk_entity *e = &f.v[i];
        ck_assert_uint_ge(e->start, start);
        ck_assert_uint_eq(e->cstart, cdk_utf8_count(body, e->start));
        ck_assert_uint_eq(e->cend, cdk_utf8_count(body, e->end));
        ck_assert(strncmp(body + e->start, e->text, e->end - e->start) == 0);
    }
    ck_assert_ptr_nonnull(get(&f, "Kyiv"));
    ck_assert_ptr_nonnull(get(&f, "Zelensky"));
    ck_assert_ptr_nonnull(get(&f, "3 May"));
    cdk_entities_free(f.v, f.n);
}
END_TEST

/*
 * Invariants of one sentence's entities (plain tests: a Check assertion
 * per entity would dominate the run time). The sentence was given
 * cstart 0, so the character offsets must be those cdk_utf8_count gives
 * from `start` (the reference for the finder's own counting).
 */
static void
check(const char *body, size_t start, size_t end, const struct found *f,
      size_t from)
{
    size_t i, prev = start, cpos_b = start, cpos = 0;

    for (i = from; i < f->n; i++) {
        const struct cdk_entity *e = &f->v[i];
        if (e->start < prev || e->start >= e->end || e->end > end ||
            strlen(e->text) != e->end - e->start ||
            memcmp(body + e->start, e->text, e->end - e->start) != 0 ||
            e->cstart > e->cend)
            ck_abort_msg("entity %zu [%s] at %zu..%zu breaks the "
                         "invariants (sentence %zu..%zu)",
                         i, e->text, e->start, e->end, start, end);
        /* entities are in order: move a cursor, linear in the sentence */
        cpos += cdk_utf8_count(body + cpos_b, e->start - cpos_b);
        cpos_b = e->start;
        if (e->cstart != cpos ||
            e->cend != cpos + cdk_utf8_count(body + e->start,
                                             e->end - e->start))
            ck_abort_msg("entity %zu [%s] at %zu..%zu: characters "
                         "%zu..%zu, want %zu..%zu",
                         i, e->text, e->start, e->end, e->cstart, e->cend,
                         cpos, cpos + cdk_utf8_count(body + e->start,
                                                     e->end - e->start));
        prev = e->start;
    }
}

START_TEST(hostile_input)
{
    static const char *const cases[] = {
        "", "$", "£", "$$$1", "1,", ",1", "May", "the May", "Jan.", "31 ",
        "\xff\xfe Kyiv \x80", "A\0B", "'s", "U.S", "....", "2023-13-45",
        "99999999999999999999999999999999999999 bn", "last", "two weeks",
        "Mr", "of of of", "& &", "New York-", "\xe2\x80\x99s Moscow",
        /* ASCII stretches of 8+ bytes between (invalid) UTF-8 */
        "abcdefgh\xe2\x80 Kyiv said on Monday \xff\xfe\xfd Moscow "
        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 Jan. 6, 2021 London\xf0\x9f\x98",
        "Caf\xc3\xa9 owner Jos\xc3\xa9 Mart\xc3\xadnez told the BBC in "
        "S\xc3\xa3o Paulo that \xc2\xa3" "47m had gone \xe2\x80\x94 "
        "Fran\xc3\xa7ois Hollande agreed",
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct found f = {NULL, 0, 0};
        size_t len = strlen(cases[i]);

        if (strcmp(cases[i], "A") == 0)
            len = 3;
        cdk_entities_find(cases[i], 0, len, 0, "2023-03-23", &f.v, &f.n,
                          &f.alloc);
        check(cases[i], 0, len, &f, 0);
        cdk_entities_free(f.v, f.n);
        f.v = NULL;
        f.n = f.alloc = 0;
        cdk_entities_find(cases[i], 0, len, 0, "garbage", &f.v, &f.n,
                          &f.alloc);
        check(cases[i], 0, len, &f, 0);
        cdk_entities_free(f.v, f.n);
    }
}
END_TEST

/* Long sentences of repeated units finish quickly (linear time). */
START_TEST(pathological_inputs_are_linear)
{
    static const char *const units[] = {
        "Moscow 2022 ", "A ", "$1 ", "New ", "of ", "May ", "last ",
        "U.S. ", "Mr ", "NATO-", "x", "3,", "two weeks ", "’s ",
    };
    size_t u, n = 1u << 19;

    for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        struct cdk_buf b = CDK_BUF_INIT;
        struct found f = {NULL, 0, 0};
        size_t ul = strlen(units[u]);
        clock_t t0;
        double secs;

        while (b.len < n)
            cdk_buf_add(&b, units[u], ul);
        t0 = clock();
        cdk_entities_find(b.buf, 0, b.len, 0, "2023-03-23", &f.v, &f.n,
                          &f.alloc);
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        check(b.buf, 0, b.len, &f, 0);
        ck_assert_msg(secs < 5.0, "unit '%s' took %.2fs", units[u], secs);
        cdk_entities_free(f.v, f.n);
        cdk_buf_release(&b);
    }
}
END_TEST

/* cdk_entities_find_into's entities are want[0..n), field by field. */
static void
same_entities(const struct cdk_entities *got, const struct cdk_entity *want,
              size_t n)
{
    size_t i;

    ck_assert_uint_eq(got->n, n);
    for (i = 0; i < n; i++) {
        const struct cdk_entity *g = &got->v[i], *w = &want[i];

        ck_assert_int_eq(g->kind, w->kind);
        ck_assert_str_eq(g->text, w->text);
        ck_assert_uint_eq(g->start, w->start);
        ck_assert_uint_eq(g->end, w->end);
        ck_assert_uint_eq(g->cstart, w->cstart);
        ck_assert_uint_eq(g->cend, w->cend);
        if (w->value)
            ck_assert_str_eq(g->value, w->value);
        else
            ck_assert_ptr_null(g->value);
    }
}

/* The whole of news-noisy and news-bbc: invariants and counts (printed). */
START_TEST(corpora)
{
    static const char *const dirs[] = {
        "data/news-noisy/articles",  "data/news-bbc/bbc/business",
        "data/news-bbc/bbc/entertainment", "data/news-bbc/bbc/politics",
        "data/news-bbc/bbc/sport",   "data/news-bbc/bbc/tech",
    };
    size_t counts[6] = {0}, bytes = 0, d, *firsts = NULL;
    struct cdk_entities pooled = CDK_ENTITIES_INIT;
    struct timespec t0, t1;
    double secs = 0;

    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        char *dir = cdk_test_shared_path(dirs[d]);
        struct dirent *de;
        DIR *dh;

        if (!dir) {
            printf("%s absent, skipped\n", dirs[d]);
            continue;
        }
        dh = opendir(dir);
        ck_assert_ptr_nonnull(dh);
        while ((de = readdir(dh))) {
            struct cdk_buf p = CDK_BUF_INIT;
            struct cdk_spans sp = CDK_SPANS_INIT;
            struct found f = {NULL, 0, 0};
            size_t len, i;
            char *text;

            if (!strstr(de->d_name, ".txt"))
                continue;
            cdk_buf_addf(&p, "%s/%s", dir, de->d_name);
            text = cdk_test_read_file(p.buf, &len);
            ck_assert_ptr_nonnull(text);
            bytes += len;
            cdk_segment_sentences(text, len, &sp);
            firsts = realloc(firsts, (sp.n + 1) * sizeof(*firsts));
            ck_assert_ptr_nonnull(firsts);
            clock_gettime(CLOCK_MONOTONIC, &t0);
            for (i = 0; i < sp.n; i++) {
                firsts[i] = f.n;
                cdk_entities_find(text, sp.v[i].start, sp.v[i].end, 0,
                                  "2023-03-23", &f.v, &f.n, &f.alloc);
            }
            clock_gettime(CLOCK_MONOTONIC, &t1);
            secs += (double)(t1.tv_sec - t0.tv_sec) +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            /* checked apart: Check's assertions are slow to time */
            for (i = 0; i < sp.n; i++) {
                struct found one = f;
                one.n = i + 1 < sp.n ? firsts[i + 1] : f.n;
                check(text, sp.v[i].start, sp.v[i].end, &one, firsts[i]);
                /* the pooled finder gives the same, strings and all */
                cdk_entities_find_into(&pooled, text, sp.v[i].start,
                                       sp.v[i].end, 0, "2023-03-23");
                same_entities(&pooled, f.v + firsts[i], one.n - firsts[i]);
            }
            for (i = 0; i < f.n; i++)
                counts[f.v[i].kind]++;
            cdk_entities_free(f.v, f.n);
            cdk_spans_release(&sp);
            cdk_buf_release(&p);
            free(text);
        }
        closedir(dh);
        free(dir);
    }
    free(firsts);
    cdk_entities_release(&pooled);
    if (!bytes)
        return;
    printf("entities on news-noisy + news-bbc (%.1f MB, %.1f MB/s): "
           "%zu person, %zu organisation, %zu place, %zu number, %zu date, "
           "%zu other\n",
           (double)bytes / 1e6, (double)bytes / 1e6 / (secs > 0 ? secs : 1),
           counts[CDK_ENTITY_PERSON], counts[CDK_ENTITY_ORGANISATION],
           counts[CDK_ENTITY_PLACE], counts[CDK_ENTITY_NUMBER],
           counts[CDK_ENTITY_DATE], counts[CDK_ENTITY_OTHER]);
    ck_assert_uint_gt(counts[CDK_ENTITY_PERSON], 1000);
    ck_assert_uint_gt(counts[CDK_ENTITY_PLACE], 1000);
    ck_assert_uint_gt(counts[CDK_ENTITY_DATE], 1000);
    ck_assert_uint_gt(counts[CDK_ENTITY_NUMBER], 1000);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("entities");
    TCase *tc = tcase_create("entities");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, tables_sorted);
    tcase_add_test(tc, seed_article_names);
    tcase_add_test(tc, news_people_and_titles);
    tcase_add_test(tc, numbers_with_units);
    tcase_add_test(tc, dates_absolute);
    tcase_add_test(tc, dates_relative);
    tcase_add_test(tc, offsets_in_a_body);
    tcase_add_test(tc, hostile_input);
    tcase_add_test(tc, pathological_inputs_are_linear);
    tcase_add_test(tc, corpora);
    suite_add_tcase(s, tc);
    return cdk_test_run_suite(s);
}
