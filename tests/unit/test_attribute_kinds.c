/*
 * Claimant kinds that the claimant's words leave open, decided by what the
 * article says of the name elsewhere (attribute.c, weigh_name): one small
 * article per rule, run through the whole pipeline, and the kind of the
 * claim it attributes. Each case names the rule it stands for: without
 * that rule the kind comes out otherwise (a bare capitalised speaker is a
 * person by default; with an organisation cue alone it is an
 * organisation, and one person cue is enough to keep it a person).
 */
#include <check.h>
#include <string.h>

#include "core/article.h"
#include "core/claim.h"
#include "importers/extract/attribute.h"
#include "importers/extract/extract.h"
#include "support/testutil.h"

struct kind_case {
    const char *rule;
    const char *body;
    const char *text;     /* the start of the claim's text */
    const char *claimant; /* who the claim must be attributed to */
    enum cdk_claimant_kind kind;
};

/* The claim of body whose text starts with c->text: its claimant and
 * kind must be c's. */
static void
check_case(const struct kind_case *c)
{
    struct cdk_article a;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    const struct cdk_claim *hit = NULL;
    size_t i;

    cdk_article_init(&a);
    a.body = (char *)c->body;
    a.body_len = strlen(c->body);
    ck_assert_int_eq(cdk_extract(&a, NULL, &x, &err), 0);
    for (i = 0; i < x.nclaims && !hit; i++)
        if (strncmp(x.claims[i].text, c->text, strlen(c->text)) == 0)
            hit = &x.claims[i];
    ck_assert_msg(hit != NULL, "%s: no claim '%s'", c->rule, c->text);
    ck_assert_msg(hit->claimant && strcmp(hit->claimant, c->claimant) == 0,
                  "%s: claimant '%s', expected '%s'", c->rule,
                  hit->claimant ? hit->claimant : "(the article)",
                  c->claimant);
    ck_assert_msg(hit->claimant_kind == c->kind, "%s: %s is a %s, expected %s",
                  c->rule, hit->claimant,
                  cdk_claimant_kind_name(hit->claimant_kind),
                  cdk_claimant_kind_name(c->kind));
    cdk_extraction_release(&x);
}

#define SAYS_YUKOS                                                             \
    "Yukos said the tax bill of $27bn would force it into bankruptcy.\n"
#define TAX "the tax bill of $27bn"
#define SAYS_MIDO                                                              \
    "Mido said the tax bill of $27bn would force it into bankruptcy.\n"

START_TEST(organisation_evidence)
{
    static const struct kind_case cases[] = {
        {"no evidence: a bare name stays a person",
         "The match ended 2-2 on Monday.\n\n" SAYS_MIDO, TAX, "Mido",
         CDK_CLAIMANT_PERSON},
        {"shares in X", "Shares in Yukos fell 5% on Monday.\n\n" SAYS_YUKOS,
         TAX, "Yukos", CDK_CLAIMANT_ORGANISATION},
        {"X's shares", "Yukos's shares fell 5% on Monday.\n\n" SAYS_YUKOS, TAX,
         "Yukos", CDK_CLAIMANT_ORGANISATION},
        {"the firm X",
         "The Russian oil firm Yukos has filed for bankruptcy.\n\n" SAYS_YUKOS,
         TAX, "Yukos", CDK_CLAIMANT_ORGANISATION},
        {"X Inc",
         "Sales at Lycos Inc fell 5% last year.\n\nLycos said the spam "
         "campaign had been a success.\n",
         "the spam campaign", "Lycos", CDK_CLAIMANT_ORGANISATION},
        {"X Europe",
         "Sales at Lycos Europe fell 5% last year.\n\nLycos said the spam "
         "campaign had been a success.\n",
         "the spam campaign", "Lycos", CDK_CLAIMANT_ORGANISATION},
        {"X, which",
         "The plan came from Lycos, which runs a portal in Europe.\n\nLycos "
         "said the spam campaign had been a success.\n",
         "the spam campaign", "Lycos", CDK_CLAIMANT_ORGANISATION},
        {"no one at X",
         "No one at Lycos was available for comment on Monday.\n\nLycos said "
         "the spam campaign had been a success.\n",
         "the spam campaign", "Lycos", CDK_CLAIMANT_ORGANISATION},
        {"X chief economist",
         "Halifax chief economist Martin Ellis expects a slowdown.\n\nHalifax "
         "said prices rose by 3% in December.\n",
         "prices rose by 3%", "Halifax", CDK_CLAIMANT_ORGANISATION},
        {"the publisher, X,",
         "The publisher, Studies Weekly, sells books to schools.\n\nStudies "
         "Weekly said the changes were made to comply with the law.\n",
         "the changes were made", "Studies Weekly",
         CDK_CLAIMANT_ORGANISATION},
        {"a place speaks for its government",
         "The deal was agreed on Monday.\n\nIsrael said the new bank chief "
         "would start in May.\n",
         "the new bank chief", "Israel", CDK_CLAIMANT_ORGANISATION},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(&cases[i]);
}
END_TEST

/* "Shares in Mido" says organisation; one person cue outweighs it. */
START_TEST(person_evidence)
{
    static const struct kind_case cases[] = {
        {"the organisation cue alone",
         "Shares in Mido fell 5% on Monday.\n\n" SAYS_MIDO, TAX, "Mido",
         CDK_CLAIMANT_ORGANISATION},
        {"a full name ending in the word",
         "Shares in Mido fell 5% on Monday, a day after Ahmed Mido "
         "left.\n\n" SAYS_MIDO,
         TAX, "Mido", CDK_CLAIMANT_PERSON},
        {"a title",
         "Shares in Mido fell 5% on Monday, a day after Mr Mido left.\n\n" SAYS_MIDO,
         TAX, "Mido", CDK_CLAIMANT_PERSON},
        {"a role before the name",
         "Shares in Mido fell 5% on Monday, a day after striker Mido "
         "left.\n\n" SAYS_MIDO,
         TAX, "Mido", CDK_CLAIMANT_PERSON},
        {"he after the name",
         "Shares in Mido fell 5% on Monday.\n\nMido said he had scored 12 "
         "goals in 20 games this season.\n",
         "he had scored 12 goals", "Mido", CDK_CLAIMANT_PERSON},
        {"an age",
         "Shares in Mido fell 5% on Monday, a day after Mido, 21, "
         "left.\n\n" SAYS_MIDO,
         TAX, "Mido", CDK_CLAIMANT_PERSON},
        {"X, who",
         "Shares in Mido fell 5% on Monday, a day after Mido, who scored "
         "twice, left.\n\n" SAYS_MIDO,
         TAX, "Mido", CDK_CLAIMANT_PERSON},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(&cases[i]);
}
END_TEST

/* A name found to be an organisation is no longer who "he" is, and "it"
 * is then the organisation. */
START_TEST(pronouns_follow_the_kind)
{
    static const struct kind_case cases[] = {
        {"he skips the organisation",
         "Mikhail Khodorkovsky was jailed in 2003.\n\nShares in Yukos fell 5% "
         "on Monday.\n\n" "Yukos said the tax bill of $27bn would force it "
         "into bankruptcy. He said the company had paid all its taxes since "
         "1999.\n",
         "the company had paid", "Mikhail Khodorkovsky", CDK_CLAIMANT_PERSON},
        {"a description keeps he for the name",
         "Ryan Giggs was named captain on Monday.\n\n\"We are ready,\" "
         "said the Welshman. He said the squad had trained well all week.\n",
         "the squad had trained well", "Ryan Giggs", CDK_CLAIMANT_PERSON},
        {"it is the organisation",
         "Shares in Yukos fell 5% on Monday.\n\n" "Yukos said the tax bill "
         "of $27bn would force it into bankruptcy. It said the company had "
         "paid all its taxes since 1999.\n",
         "the company had paid", "Yukos", CDK_CLAIMANT_ORGANISATION},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(&cases[i]);
}
END_TEST

/* What the claimant's own words say, without the article. */
START_TEST(claimant_words)
{
    ck_assert_int_eq(cdk_attribute_kind("The Libertine's executive producer "
                                        "Marc Samuelson"),
                     CDK_CLAIMANT_PERSON); /* a role before the name */
    ck_assert_int_eq(cdk_attribute_kind("Bank of Japan chief Toshihiko Fukui"),
                     CDK_CLAIMANT_PERSON); /* ... ending the phrase */
    ck_assert_int_eq(cdk_attribute_kind("a spokesman for Mr Prescott"),
                     CDK_CLAIMANT_ANONYMOUS); /* not when it names a client */
    ck_assert_int_eq(cdk_attribute_kind("City consultancy Deloitte"),
                     CDK_CLAIMANT_ORGANISATION); /* a business noun */
    ck_assert_int_eq(cdk_attribute_kind("US phone company SBC Communications"),
                     CDK_CLAIMANT_ORGANISATION);
    /* "Health" is part of a title, not one: the business noun decides */
    ck_assert_int_eq(cdk_attribute_kind("the national advocacy group Mental "
                                        "Health America"),
                     CDK_CLAIMANT_ORGANISATION);
    ck_assert_int_eq(cdk_attribute_kind("Health Secretary John Reid"),
                     CDK_CLAIMANT_PERSON);
    /* "the" and one person's noun: a description of someone, not an
     * institution */
    ck_assert_int_eq(cdk_attribute_kind("the Scot"), CDK_CLAIMANT_PERSON);
    ck_assert_int_eq(cdk_attribute_kind("The Culture Secretary"),
                     CDK_CLAIMANT_PERSON);
    ck_assert_int_eq(cdk_attribute_kind("the Russian government"),
                     CDK_CLAIMANT_ORGANISATION);
    /* a share of a group is nobody named */
    ck_assert_int_eq(cdk_attribute_kind("Few in Westminster"),
                     CDK_CLAIMANT_ANONYMOUS);
    ck_assert_int_eq(cdk_attribute_kind("Many of the protesters"),
                     CDK_CLAIMANT_ANONYMOUS);
    ck_assert_int_eq(cdk_attribute_kind("some on the left"),
                     CDK_CLAIMANT_ANONYMOUS);
    /* a bare name alone is a person: only the article can say otherwise */
    ck_assert_int_eq(cdk_attribute_kind("Yukos"), CDK_CLAIMANT_PERSON);
}
END_TEST

/* Without the article (cdk_attr_ctx_set_body never called) sentences are
 * attributed as before: "Yukos" is a bare name. */
START_TEST(no_body_no_evidence)
{
    static const char body[] = "Shares in Yukos fell 5% on Monday. " SAYS_YUKOS;
    const char *s2 = strstr(body, "Yukos said");
    struct cdk_attr_ctx ctx;
    struct cdk_attribution a;

    cdk_attr_ctx_init(&ctx);
    cdk_attribute_sentence(&ctx, body, (size_t)(s2 - body), strlen(body), 0,
                           &a);
    ck_assert_str_eq(a.claimant, "Yukos");
    ck_assert_int_eq(a.kind, CDK_CLAIMANT_PERSON);
    cdk_attribution_release(&a);
    /* with it, the same sentence is the company's */
    cdk_attr_ctx_set_body(&ctx, body, strlen(body));
    cdk_attribute_sentence(&ctx, body, (size_t)(s2 - body), strlen(body), 0,
                           &a);
    ck_assert_int_eq(a.kind, CDK_CLAIMANT_ORGANISATION);
    cdk_attribution_release(&a);
    cdk_attr_ctx_release(&ctx);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("attribute_kinds");
    TCase *tc = tcase_create("kinds");

    tcase_add_test(tc, organisation_evidence);
    tcase_add_test(tc, person_evidence);
    tcase_add_test(tc, pronouns_follow_the_kind);
    tcase_add_test(tc, claimant_words);
    tcase_add_test(tc, no_body_no_evidence);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
