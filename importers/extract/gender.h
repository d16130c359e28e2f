/*
 * What the words naming a person say of the person's sex, for resolving
 * "he" and "she": a title ("Mr", "Mrs", "Dame"), a role noun
 * ("spokeswoman", "actress", "chairman") or a common first name before a
 * surname ("Beverley Knight"). Closed word lists, case-insensitive; an
 * answer only where the words are clear, CDK_GENDER_UNKNOWN otherwise
 * ("Kim", "Robin" and "Hilary" are in neither list). No allocation, no
 * state: safe from any thread.
 */
#ifndef CDK_IMPORTERS_EXTRACT_GENDER_H
#define CDK_IMPORTERS_EXTRACT_GENDER_H

#include <stdbool.h>
#include <stddef.h>

enum cdk_gender {
    CDK_GENDER_UNKNOWN = 0,
    CDK_GENDER_MALE,
    CDK_GENDER_FEMALE,
};

/* The one word w[0..n): a title, a role noun or a first name. */
enum cdk_gender cdk_gender_of_word(const char *w, size_t n);

/*
 * A person phrase p[0..n) ("R&B star Beverley Knight", "Mrs Thatcher",
 * "a spokeswoman for the firm"): the first title or role noun that tells,
 * else a first name followed by another capitalised word; words before a
 * possessive are another person's ("Ms Jowell's deputy" tells nothing).
 * A lone capitalised word is a surname as often as a first name and
 * tells nothing.
 */
enum cdk_gender cdk_gender_of_phrase(const char *p, size_t n);

/* Whether every word list is sorted and lower case, as the binary search
 * needs (for the tests). */
bool cdk_gender_lists_ok(void);

#endif
