/*
 * "he" and "she": what a person's words say of their sex (gender.c) and
 * how attribution uses it to resolve a pronoun speaker (attribute.c,
 * person_for). Each article case stands for one rule; without the rule
 * the pronoun goes to the last person named, as it did before.
 */
#include <check.h>
#include <string.h>

#include "core/article.h"
#include "importers/extract/extract.h"
#include "importers/extract/gender.h"
#include "support/testutil.h"

#define G(p) cdk_gender_of_phrase((p), strlen(p))

START_TEST(lists_sorted)
{
    ck_assert(cdk_gender_lists_ok());
}
END_TEST

START_TEST(words_and_phrases)
{
    ck_assert_int_eq(cdk_gender_of_word("Mrs", 3), CDK_GENDER_FEMALE);
    ck_assert_int_eq(cdk_gender_of_word("Mr.", 3), CDK_GENDER_MALE);
    ck_assert_int_eq(cdk_gender_of_word("SPOKESWOMAN", 11), CDK_GENDER_FEMALE);
    ck_assert_int_eq(cdk_gender_of_word("Beverley", 8), CDK_GENDER_FEMALE);
    ck_assert_int_eq(cdk_gender_of_word("Kim", 3), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(cdk_gender_of_word("", 0), CDK_GENDER_UNKNOWN);
    /* a prefix or an extension of a listed word is not it */
    ck_assert_int_eq(cdk_gender_of_word("Mrsx", 4), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(cdk_gender_of_word("Ma", 2), CDK_GENDER_UNKNOWN);

    ck_assert_int_eq(G("R&B star Beverley Knight"), CDK_GENDER_FEMALE);
    ck_assert_int_eq(G("Mrs Thatcher"), CDK_GENDER_FEMALE);
    ck_assert_int_eq(G("a spokeswoman for the firm"), CDK_GENDER_FEMALE);
    ck_assert_int_eq(G("His wife Sharon"), CDK_GENDER_FEMALE);
    ck_assert_int_eq(G("Mr Irish"), CDK_GENDER_MALE);
    ck_assert_int_eq(G("David Gill"), CDK_GENDER_MALE);
    /* a role outranks a first name anywhere in the phrase */
    ck_assert_int_eq(G("James Hardie chairwoman"), CDK_GENDER_FEMALE);
    /* before a possessive: someone else's words */
    ck_assert_int_eq(G("Ms Jowell's deputy"), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(G("Mr Glazer's daughter"), CDK_GENDER_FEMALE);
    /* a lone first name may be a surname ("Mark" in "Gary Mark") */
    ck_assert_int_eq(G("Beverley"), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(G("Knight"), CDK_GENDER_UNKNOWN);
    /* "chairman" is said of women too */
    ck_assert_int_eq(G("UKIP chairman Petrina Holdsworth"), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(G(""), CDK_GENDER_UNKNOWN);
    ck_assert_int_eq(G("'s"), CDK_GENDER_UNKNOWN);
}
END_TEST

struct pronoun_case {
    const char *rule;
    const char *body;
    const char *text;     /* the start of the claim's text */
    const char *claimant; /* who the claim must be attributed to */
};

static const struct pronoun_case cases[] = {
    {"she: a woman before a man only named",
     "R&B star Beverley Knight said she sang on the single.\n\n"
     "Knight and bass star Roni Size have released No More. She said she "
     "was horrified by the deaths of two girls in 2003.\n",
     "she was horrified", "R&B star Beverley Knight"},
    {"she: Knight said she (the pronoun after the speaker)",
     "Knight said she sang on the single in 2004.\n\n"
     "Knight and bass star Roni Size have released No More. She said she "
     "was horrified by the deaths of two girls in 2003.\n",
     "she was horrified", "Knight"},
    {"she: a speaker of unknown sex outranks an older woman",
     "Ms Jane Brown said the show made $2m in 2004.\n\n"
     "Juliette Lewis said the series had 12 episodes. She said it was "
     "shot in 40 days in 2021.\n",
     "it was shot in 40 days", "Juliette Lewis"},
    {"he: the newest person not known to be a woman",
     "Tom Ellis said the firm lost $5m in 2004.\n\n"
     "Chief executive Helen Ward met analysts in London. He said the "
     "firm would cut 300 jobs in 2005.\n",
     "the firm would cut 300 jobs", "Tom Ellis"},
    {"he: 'Quinn said she' makes Quinn a woman",
     "Dale Ellis said the firm lost $5m in 2004.\n\n"
     "Pat Quinn said she would stay until 2006. He said the firm would "
     "cut 300 jobs in 2005.\n",
     "the firm would cut 300 jobs", "Dale Ellis"},
    /* the name's own words are read only when "he" or "she" asks: the
     * same words named twice, and other words for the same surname,
     * must still tell */
    {"she: the same words twice, a man between",
     "Mrs Ann Cole said the firm lost $5m in 2004.\n\n"
     "Mrs Ann Cole said the firm had 12 shops in 2003. Chief executive Tom "
     "Hart met analysts in London. She said it would cut 300 jobs in "
     "2005.\n",
     "it would cut 300 jobs", "Mrs Ann Cole"},
    {"she: a surname alone keeps the full name and what 'Ms' said",
     "Ms Sue Reed said the firm lost $5m in 2004.\n\n"
     "Reed said the firm had 12 shops in 2003. Dan Hart said he would stay "
     "until 2006. She said it would cut 300 jobs in 2005.\n",
     "it would cut 300 jobs", "Ms Sue Reed"},
};

START_TEST(pronoun_speakers)
{
    const struct pronoun_case *c = &cases[_i];
    struct cdk_article a;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    const struct cdk_claim *hit = NULL;
    size_t j;

    cdk_article_init(&a);
    a.body = (char *)c->body;
    a.body_len = strlen(c->body);
    ck_assert_int_eq(cdk_extract(&a, NULL, &x, &err), 0);
    for (j = 0; j < x.nclaims && !hit; j++)
        if (strncmp(x.claims[j].text, c->text, strlen(c->text)) == 0)
            hit = &x.claims[j];
    ck_assert_msg(hit != NULL, "%s: no claim '%s'", c->rule, c->text);
    ck_assert_msg(hit->claimant && strcmp(hit->claimant, c->claimant) == 0,
                  "%s: claimant '%s', want '%s'", c->rule,
                  hit->claimant ? hit->claimant : "(none)", c->claimant);
    ck_assert_int_eq(hit->claimant_kind, CDK_CLAIMANT_PERSON);
    cdk_extraction_release(&x);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("gender");
    TCase *tc = tcase_create("gender");

    tcase_add_test(tc, lists_sorted);
    tcase_add_test(tc, words_and_phrases);
    tcase_add_loop_test(tc, pronoun_speakers, 0,
                        (int)(sizeof(cases) / sizeof(cases[0])));
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
