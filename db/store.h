/*
 * Storing articles and their claims (the importer's half of db/).
 *
 * Articles are stored in batches for speed, each article whole or not at
 * all: a batch is one transaction — the article rows and the claim rows
 * go in with one COPY each, sources and claim_sources with one set-based
 * statement each — and when anything in it fails the batch is rolled back
 * and stored again one article per transaction, so a failing article
 * leaves no trace and names its own error while the others commit.
 *
 * Duplicates: an article whose content hash is already stored is not
 * written; its item gets the stored article's id in `duplicate_of`.
 */
#ifndef CDK_DB_STORE_H
#define CDK_DB_STORE_H

#include <stddef.h>

#include "core/article.h"
#include "core/claim.h"
#include "core/error.h"
#include "core/sha256.h"

struct cdk_db;

enum cdk_store_result {
    CDK_STORE_PENDING = 0,
    CDK_STORE_NEW,       /* stored: article_id is its id */
    CDK_STORE_DUPLICATE, /* not stored: duplicate_of is the stored one */
    CDK_STORE_FAILED,    /* not stored: err says why */
};

struct cdk_store_item {
    /* In (borrowed): the article, its content hash and its claims. */
    const struct cdk_article *article;
    unsigned char hash[CDK_SHA256_LEN];
    const struct cdk_claim *claims;
    size_t nclaims;
    /* Out. */
    enum cdk_store_result result;
    long long article_id;
    long long duplicate_of;
    struct cdk_error err;
};

/* The outlet-id cache and the error list of one import run. */
struct cdk_store;

/*
 * Start an import run: insert its `imports` row (origin, actor =
 * current_user) and commit it, so the run is visible while it works.
 * Returns a handle (free with cdk_store_free) or NULL. Talks to the DB.
 */
struct cdk_store *cdk_store_begin(struct cdk_db *db, const char *origin,
                                  struct cdk_error *err);

/* The id of the run's `imports` row. */
long long cdk_store_import_id(const struct cdk_store *s);

/*
 * Mark items whose hash is stored already (result = DUPLICATE, with the
 * stored article's id), and later items of the same batch that repeat an
 * earlier one (duplicate_of = 0: "earlier in this run"). Only PENDING
 * items are looked at. 0 or -1 (database error: nothing marked). Talks to
 * the DB.
 */
int cdk_store_mark_duplicates(struct cdk_store *s, struct cdk_store_item *items,
                              size_t n, struct cdk_error *err);

/*
 * Store every PENDING item (see the top of this file); each ends NEW,
 * DUPLICATE (stored meanwhile by a concurrent importer) or FAILED with
 * its own error. Returns 0, or -1 when the database became unavailable:
 * then the items not committed are left PENDING and err says why. Talks
 * to the DB.
 */
int cdk_store_articles(struct cdk_store *s, struct cdk_store_item *items,
                       size_t n, struct cdk_error *err);

/* Record a bad input (file, line, message) against the run. */
void cdk_store_add_error(struct cdk_store *s, const char *file, long line,
                         const char *message);

struct cdk_store_counts {
    long files, articles_new, articles_duplicate, articles_failed, claims;
};

/*
 * Finish the run: write its counts, finished_at, its errors and a ledger
 * event (entity "import", action "finished"). 0 or -1. Talks to the DB.
 */
int cdk_store_finish(struct cdk_store *s, const struct cdk_store_counts *c,
                     struct cdk_error *err);

void cdk_store_free(struct cdk_store *s);

#endif
