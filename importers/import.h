/*
 * Importing: read -> extract -> store, for files, directories, standard
 * input and the watched folder (DESIGN §2, §9).
 *
 * Articles are read one at a time (the readers stream), hashed, gathered
 * into batches, checked against the stored content hashes (a duplicate is
 * neither extracted nor written), extracted, and stored a batch per
 * transaction, each article whole or not at all (db/store.h). Bad input
 * never stops a run: each bad file, line or article is recorded with its
 * position and the run goes on. Only a database that went away stops it.
 *
 * Memory stays bounded by the batch size, whatever the number of files.
 */
#ifndef CDK_IMPORTERS_IMPORT_H
#define CDK_IMPORTERS_IMPORT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/sha256.h"
#include "reader.h"

struct cdk_db;
struct cdk_model;

struct cdk_import_opts {
    struct cdk_read_opts read;
    const char *include_glob; /* directories: keep matching names only */
    bool dry_run;             /* extract and count, write nothing */
    const char *origin;       /* recorded on the run; default: the paths */
    size_t batch_articles;    /* articles per transaction; 0: 200 */
    /* The check-worthiness model (borrowed; must outlive the import);
     * NULL: the bundled default. */
    const struct cdk_model *model;
    /* Set by a signal handler: stop between files (what was read so far
     * is stored first). May be NULL. */
    volatile sig_atomic_t *stop;
};

struct cdk_import_stats {
    size_t files;      /* files read (or attempted) */
    size_t imported;   /* articles stored */
    size_t duplicates; /* articles already stored (or repeated in the run) */
    size_t failed;     /* bad articles and unreadable files */
    size_t claims;     /* claims stored */
    double seconds;
};

/* One bad input, with where it was. */
struct cdk_import_error {
    char *file;
    long line; /* 0 when the file as a whole was bad */
    char *message;
    enum cdk_err_code code;
};

/* What happened to each article, for the CLI to tell (may be NULL). */
struct cdk_import_hooks {
    /* An article stored (article_id; 0 in a dry run) or, when
     * `duplicate`, not stored: duplicate_of is the stored article's id,
     * 0 when it repeats one earlier in this run. */
    void (*article)(const struct cdk_article *a, bool duplicate,
                    long long article_id, long long duplicate_of,
                    size_t nclaims, void *arg);
    void (*bad)(const struct cdk_import_error *e, void *arg);
    /* After each file: files done so far and articles read so far. */
    void (*file_done)(size_t files_done, size_t articles_read, void *arg);
    void *arg;
};

struct cdk_import;

/*
 * Start a run. With o->dry_run, db may be NULL and nothing is written;
 * otherwise the run's `imports` row is created. NULL and err on failure.
 * Talks to the DB.
 */
struct cdk_import *cdk_import_begin(struct cdk_db *db,
                                    const struct cdk_import_opts *o,
                                    const struct cdk_import_hooks *hooks,
                                    struct cdk_error *err);

/*
 * Expand `paths` (files, directories, "-") into the list of files to
 * import; paths that cannot be listed are recorded as bad. *out is
 * appended to. 0, or -1 only on a fatal error.
 */
int cdk_import_list(struct cdk_import *imp, const char *const *paths,
                    size_t n, struct cdk_file_list *out,
                    struct cdk_error *err);

/*
 * Import one file to the end and commit what it held. Returns 0 (bad
 * articles in it are recorded, see *bad_in_file), or -1 when the database
 * is unavailable (CDK_ERR_UNAVAILABLE: the file's articles not yet
 * committed are not stored; importing the file again is safe). When
 * first_error is not NULL it gets the file's first bad input. Talks to
 * the DB.
 */
int cdk_import_file(struct cdk_import *imp, const char *path,
                    size_t *bad_in_file, struct cdk_error *first_error,
                    struct cdk_error *err);

/*
 * Import many files, batching articles across them. 0, or -1 when the
 * database became unavailable (err says which file was in hand).
 */
int cdk_import_files(struct cdk_import *imp, const struct cdk_file_list *l,
                     struct cdk_error *err);

/*
 * Finish the run: record counts, errors and the ledger event. 0 or -1.
 * Talks to the DB.
 */
int cdk_import_finish(struct cdk_import *imp, struct cdk_error *err);

const struct cdk_import_stats *cdk_import_stats(const struct cdk_import *imp);
/* The bad inputs recorded so far (borrowed). */
const struct cdk_import_error *cdk_import_errors(const struct cdk_import *imp,
                                                 size_t *n);
/* The id of the run's `imports` row (0 in a dry run). */
long long cdk_import_run_id(const struct cdk_import *imp);

void cdk_import_free(struct cdk_import *imp);

/*
 * The content hash of an article body: SHA-256 of the body with every run
 * of white space (ASCII and Unicode spaces) made one space and the ends
 * trimmed, so the same text with other line breaks is the same article.
 */
void cdk_import_content_hash(const char *body, size_t len,
                             unsigned char out[CDK_SHA256_LEN]);

#endif
