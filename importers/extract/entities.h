/*
 * Entities and dates in one sentence: named entities (person,
 * organisation, place, other) from runs of capitalised words, compiled-in
 * gazetteers (countries and demonyms, cities and regions, international
 * organisations, governments, companies and news outlets) and title cues
 * ("President", "Sen.", "Mr", "envoy ..."); numbers with their units
 * (percent, currency symbols and words, bn/m/million, counts, measures);
 * dates (years, "March 2023", "23 March", "Jan. 6, 2021", weekdays,
 * "yesterday", "last month", "earlier this year", "two weeks ago"), with
 * relative dates resolved against the article's published date.
 *
 * Values (struct cdk_entity.value) are normalised:
 *   date    "YYYY-MM-DD", "YYYY-MM", "YYYY", an ISO week "YYYY-Www" for
 *           "last week"; "--MM-DD" / "--MM" when a day or month has no
 *           known year; NULL when a relative date cannot be resolved
 *           (no published date)
 *   number  the number in plain decimal, then the unit when there is one:
 *           "3500000000 USD", "5.6 %", "1400 GBP", "84", "60 m"
 *   gazetteer hits carry their canonical name ("U.S." -> "United States",
 *           "Kiev" -> "Kyiv", "Russian" -> "Russia"); other names NULL.
 *
 * Deterministic, linear in the sentence, no database, no allocation but
 * the output (the array and each entity's `text` and `value`, or with
 * cdk_entities_find_into one pool reused from call to call). Any bytes
 * are accepted; invalid UTF-8 is never part of a name.
 */
#ifndef CDK_IMPORTERS_EXTRACT_ENTITIES_H
#define CDK_IMPORTERS_EXTRACT_ENTITIES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/claim.h"

/*
 * Append the entities of the sentence body[start..end) to the array *v
 * (*n used, *alloc allocated: grown with CDK_ALLOC_GROW, so a zeroed
 * triple starts empty), in order of their start.
 *
 * start/end of each entity are byte offsets into `body`; cstart/cend are
 * character (code point) offsets into `body`, computed from `cstart`, the
 * character offset of body[start], which the caller knows (0 when the
 * sentence starts the body). `published` is the article's published date
 * as ISO 8601 ("2023-03-22", "2023-03-22 10:00:00", "2023-03", "2023"),
 * in words ("Wed, 22 Mar 2023 10:00:00 GMT", "March 22, 2023"), or NULL
 * when unknown. Each entity owns `text` (a copy of its span) and
 * `value` (may be NULL); free them with cdk_entities_free or
 * cdk_claim_release. Never fails.
 */
void cdk_entities_find(const char *body, size_t start, size_t end,
                       size_t cstart, const char *published,
                       struct cdk_entity **v, size_t *n, size_t *alloc);

/* Free the strings of v[0..n) and the array itself. */
void cdk_entities_free(struct cdk_entity *v, size_t n);

/*
 * One sentence's entities at a time, their strings in one pool that the
 * next sentence reuses: for a caller that copies what it keeps (as
 * cdk_extract does), no allocation once the arrays have grown.
 *   v[0..n)   the entities of the last cdk_entities_find_into, as
 *             cdk_entities_find gives them, but their `text` and `value`
 *             point into `pool`: valid until the next call or
 *             cdk_entities_release, and not to be freed one by one.
 * The other fields are the finder's scratch. CDK_ENTITIES_INIT is empty.
 */
struct cdk_entities {
    struct cdk_entity *v;
    size_t n, alloc;
    char *pool;        /* values, then texts, each NUL-terminated */
    size_t pool_len, pool_alloc;
    size_t *voff;      /* while finding: each value's offset in pool */
    size_t voff_alloc;
};

#define CDK_ENTITIES_INIT {NULL, 0, 0, NULL, 0, 0, NULL, 0}

/*
 * Replace e's entities by those of body[start..end) (the arguments as for
 * cdk_entities_find); the same entities, offsets and strings. Never
 * fails.
 */
void cdk_entities_find_into(struct cdk_entities *e, const char *body,
                            size_t start, size_t end, size_t cstart,
                            const char *published);

/* Free e's arrays and pool; e is empty (CDK_ENTITIES_INIT) after. */
void cdk_entities_release(struct cdk_entities *e);

/*
 * The gazetteer's kind of the whole name w[0..n), exactly as spelled
 * ("Disney" -> CDK_ENTITY_ORGANISATION, "Iowa" -> CDK_ENTITY_PLACE), or
 * -1 when the name is not in it. For attribution: who a claimant is.
 */
int cdk_entities_name_kind(const char *w, size_t n);

/*
 * True when w[0..n) is a word that names a person's title or role before
 * a name: "Sen.", "Chairman", "leader", "analyst", "co-author" (a
 * trailing '.' and anything up to a '-' are ignored). Case matters:
 * titles are capitalised ("Sen"), roles lower case ("analyst").
 */
bool cdk_entities_person_title(const char *w, size_t n);

/*
 * True when the compiled-in gazetteer and word lists are sorted and free
 * of duplicates, as their binary searches need (for the test suite).
 */
bool cdk_entities_tables_ok(void);

/*
 * For the test suite: read the token at every byte offset of
 * body[start..end) with the tokenizer and with its plain reference
 * version (the byte-at-a-time loops it replaced). True when all agree;
 * otherwise false and *where (when not NULL) is the first offset where
 * they differ.
 */
bool cdk_entities_tokens_agree(const char *body, size_t start, size_t end,
                               size_t *where);

/*
 * For the test suite: read the token at every byte offset of
 * body[start..end) and put it through the fast word tests (which
 * relative-date word it is, ...) and their plain references. True when
 * all agree; otherwise false and *where (when not NULL) is the start of
 * the first token where they differ.
 */
bool cdk_entities_parts_agree(const char *body, size_t start, size_t end,
                              size_t *where);

/*
 * For the test suite: true when the value text of the number `digits`
 * (as a number token's digits, commas dropped: "5.6", "0.0042") with
 * `unit` (may be NULL) written from its digits agrees with the "%.10g"
 * of vsnprintf, or when the fast way declines it.
 */
bool cdk_entities_decimal_agrees(const char *digits, const char *unit);

/*
 * For the test suite: true when the word-at-a-time survey of the sentence
 * body[start..end) (headline, tense, "ago") agrees with its reference,
 * the byte loop it replaced.
 */
bool cdk_entities_survey_agrees(const char *body, size_t start, size_t end);

/*
 * For the test suite: true when cdk_entities_person_title(w, n) gives
 * what its reference (the lookups it replaced) gives.
 */
bool cdk_entities_title_agrees(const char *w, size_t n);

/*
 * For the test suite: true when the entities of body[start..end) (the
 * arguments as for cdk_entities_find) are the same, offsets, kinds,
 * texts and values, by the finder's fast path (the one every caller
 * gets) and by its plain one (every token read and tested in full).
 */
bool cdk_entities_fast_agrees(const char *body, size_t start, size_t end,
                              size_t cstart, const char *published);

#endif
