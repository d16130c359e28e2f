/*
 * The import pipeline (see import.h): readers hand over articles one at a
 * time; they gather in a batch; a full batch (or the end of a file) is
 * flushed: duplicates marked by content hash, the rest extracted in a
 * worker thread while the batch before it is stored in one transaction
 * (db/store.c), results tallied. Only the worker extracts, one batch at
 * a time, so the extractor need not be thread-safe beyond that.
 */
#include "import.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "db/store.h"
#include "extract/extract.h"

/*
 * A batch is flushed at this many articles or this many bytes of body
 * text, whichever comes first: large enough that the fixed cost of a
 * transaction (a commit is an fsync) is spread thin, small enough that
 * memory stays flat and a failed batch is cheap to redo one by one.
 */
#define DEFAULT_BATCH 200
#define BATCH_BYTES ((size_t)16 << 20)

struct batch_entry {
    struct cdk_article article;
    struct cdk_extraction x;
    int extracted;
};

/* Articles read together, and what became of each (items[i] is v[i]). */
struct batch {
    struct batch_entry *v;
    struct cdk_store_item *items;
    size_t n, alloc, items_alloc;
    size_t bytes;
    const struct cdk_model *model; /* for extract_batch; NULL: bundled */
};

/* Content hashes seen in a dry run (no database to ask). */
struct hash_set {
    unsigned char (*slots)[CDK_SHA256_LEN];
    unsigned char *used;
    size_t n, cap;
};

struct cdk_import {
    struct cdk_db *db;
    struct cdk_store *store;
    struct cdk_import_opts o;
    struct cdk_import_hooks hooks;
    struct cdk_import_stats stats;
    struct cdk_import_error *errors;
    size_t nerrors, errors_alloc;
    /*
     * Two batches in flight: `cur` is being read; `ready` was extracted
     * and waits to be stored. Extracting the next batch (CPU, in a worker
     * thread) overlaps storing the previous one (waiting on the server).
     */
    struct batch cur, ready;
    struct hash_set seen;
    double started;
    /* The file being read: its bad inputs, for the watched folder. */
    size_t file_bad;
    struct cdk_error *file_first_error;
    struct cdk_error fatal;
    size_t articles_read;
};

/* --- content hash ------------------------------------------------------ */

static int
is_unicode_space(uint32_t cp)
{
    return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

/* Width of the white-space character at s[0] (len > 0), or 0. */
static size_t
space_width(const char *s, size_t len)
{
    unsigned char ch = (unsigned char)s[0];
    uint32_t cp;
    size_t n;

    if (ch == ' ' || (ch >= '\t' && ch <= '\r'))
        return 1;
    if (ch < 0x80)
        return 0;
    n = cdk_utf8_decode(s, len, &cp);
    return n && is_unicode_space(cp) ? n : 0;
}

void
cdk_import_content_hash(const char *body, size_t len,
                        unsigned char out[CDK_SHA256_LEN])
{
    struct cdk_sha256 c;
    size_t i = 0, start = 0, sp;
    int words = 0;

    /* Hash each run of text, with one space before every run but the
     * first; white space itself is never hashed. */
    cdk_sha256_init(&c);
    while (i <= len) {
        sp = i < len ? space_width(body + i, len - i) : 1;
        if (!sp) {
            i++;
            continue;
        }
        if (i > start) {
            if (words++)
                cdk_sha256_update(&c, " ", 1);
            cdk_sha256_update(&c, body + start, i - start);
        }
        i += sp;
        start = i;
    }
    cdk_sha256_final(&c, out);
}

/* --- dry-run duplicate detection --------------------------------------- */

static size_t
hash_slot(const unsigned char *h, size_t cap)
{
    size_t v;

    memcpy(&v, h, sizeof(v));
    return v & (cap - 1);
}

/* 1 when h was seen before; records it otherwise. */
static int
hash_set_seen(struct hash_set *s, const unsigned char *h)
{
    size_t i;

    if ((s->n + 1) * 2 > s->cap) {
        struct hash_set bigger = {0};
        bigger.cap = s->cap ? s->cap * 2 : 1024;
        bigger.slots = cdk_xcalloc(bigger.cap, CDK_SHA256_LEN);
        bigger.used = cdk_xcalloc(bigger.cap, 1);
        for (i = 0; i < s->cap; i++)
            if (s->used[i])
                hash_set_seen(&bigger, s->slots[i]);
        free(s->slots);
        free(s->used);
        *s = bigger;
    }
    for (i = hash_slot(h, s->cap); s->used[i]; i = (i + 1) & (s->cap - 1))
        if (memcmp(s->slots[i], h, CDK_SHA256_LEN) == 0)
            return 1;
    memcpy(s->slots[i], h, CDK_SHA256_LEN);
    s->used[i] = 1;
    s->n++;
    return 0;
}

/* --- errors ------------------------------------------------------------ */

static void
record_bad(struct cdk_import *imp, const struct cdk_error *e)
{
    struct cdk_import_error *r;

    CDK_ALLOC_GROW(imp->errors, imp->nerrors + 1, imp->errors_alloc);
    r = &imp->errors[imp->nerrors++];
    r->file = cdk_xstrdup(e->file[0] ? e->file : "-");
    r->line = e->line;
    r->message = cdk_xstrdup(e->message);
    r->code = e->code ? e->code : CDK_ERR_INPUT;
    imp->stats.failed++;
    if (imp->store)
        cdk_store_add_error(imp->store, r->file, r->line, r->message);
    if (imp->file_bad++ == 0 && imp->file_first_error)
        cdk_error_copy(imp->file_first_error, e);
    if (imp->hooks.bad)
        imp->hooks.bad(r, imp->hooks.arg);
}

/* --- batches ----------------------------------------------------------- */

static void
release_batch(struct batch *b)
{
    size_t i;

    for (i = 0; i < b->n; i++) {
        if (b->v[i].extracted)
            cdk_extraction_release(&b->v[i].x);
        cdk_article_release(&b->v[i].article);
    }
    b->n = 0;
    b->bytes = 0;
}

static void
free_batch(struct batch *b)
{
    release_batch(b);
    free(b->v);
    free(b->items);
    memset(b, 0, sizeof(*b));
}

/* Extract every PENDING item of a batch (the worker thread's job). */
static void *
extract_batch(void *arg)
{
    struct batch *b = arg;
    struct cdk_extract_opts xo = CDK_EXTRACT_OPTS_INIT;
    size_t i;

    xo.model = b->model;
    /* the batch's articles share their working buffers */
    xo.scratch = cdk_extract_scratch_new();
    for (i = 0; i < b->n; i++) {
        struct batch_entry *e = &b->v[i];
        struct cdk_store_item *it = &b->items[i];
        if (it->result != CDK_STORE_PENDING)
            continue;
        if (cdk_extract(&e->article, &xo, &e->x, &it->err)) {
            it->result = CDK_STORE_FAILED;
            continue;
        }
        e->extracted = 1;
        it->claims = e->x.claims;
        it->nclaims = e->x.nclaims;
    }
    cdk_extract_scratch_free(xo.scratch);
    return NULL;
}

/*
 * Hash the batch's articles and mark the duplicates: of stored articles,
 * of the batch waiting to be stored, of earlier ones in this batch.
 */
static int
mark_duplicates(struct cdk_import *imp, struct batch *b, struct cdk_error *err)
{
    size_t i, j;

    CDK_ALLOC_GROW(b->items, b->n, b->items_alloc);
    memset(b->items, 0, b->n * sizeof(*b->items));
    for (i = 0; i < b->n; i++) {
        struct cdk_article *a = &b->v[i].article;
        b->items[i].article = a;
        cdk_import_content_hash(a->body, a->body_len, b->items[i].hash);
    }
    if (imp->o.dry_run) {
        for (i = 0; i < b->n; i++)
            if (hash_set_seen(&imp->seen, b->items[i].hash))
                b->items[i].result = CDK_STORE_DUPLICATE;
        return 0;
    }
    for (i = 0; i < b->n; i++)
        for (j = 0; j < imp->ready.n; j++)
            if (imp->ready.items[j].result == CDK_STORE_PENDING &&
                memcmp(b->items[i].hash, imp->ready.items[j].hash,
                       CDK_SHA256_LEN) == 0) {
                b->items[i].result = CDK_STORE_DUPLICATE;
                break;
            }
    return cdk_store_mark_duplicates(imp->store, b->items, b->n, err);
}

/* Store the extracted batch and tally it: 0, or -1 (database away). */
static int
store_ready(struct cdk_import *imp, struct cdk_error *err)
{
    struct batch *b = &imp->ready;
    struct cdk_store_item *items = b->items;
    size_t i;

    if (b->n == 0)
        return 0;
    if (imp->o.dry_run) {
        for (i = 0; i < b->n; i++)
            if (items[i].result == CDK_STORE_PENDING)
                items[i].result = CDK_STORE_NEW;
    } else if (cdk_store_articles(imp->store, items, b->n, err)) {
        return -1;
    }
    for (i = 0; i < b->n; i++) {
        const struct cdk_article *a = items[i].article;
        switch (items[i].result) {
        case CDK_STORE_NEW:
            imp->stats.imported++;
            imp->stats.claims += items[i].nclaims;
            break;
        case CDK_STORE_DUPLICATE:
            imp->stats.duplicates++;
            break;
        case CDK_STORE_FAILED:
            if (!items[i].err.file[0])
                cdk_error_at(&items[i].err, a->origin, a->line);
            if (!items[i].err.code)
                items[i].err.code = CDK_ERR_INPUT;
            record_bad(imp, &items[i].err);
            continue;
        case CDK_STORE_PENDING:
            continue;
        }
        if (imp->hooks.article)
            imp->hooks.article(a, items[i].result == CDK_STORE_DUPLICATE,
                               items[i].article_id, items[i].duplicate_of,
                               items[i].nclaims, imp->hooks.arg);
    }
    release_batch(b);
    return 0;
}

/*
 * Move the batch being read along the pipeline: mark its duplicates,
 * extract it in a worker thread while the batch before it is stored, then
 * make it the one waiting to be stored. With `drain`, store it too, so
 * that everything read so far is committed. 0, or -1 when the database is
 * unavailable (both batches are dropped; importing again is safe).
 */
static int
flush(struct cdk_import *imp, bool drain, struct cdk_error *err)
{
    struct batch tmp;
    pthread_t worker;
    bool threaded = false;
    int rc = 0;

    if (imp->cur.n) {
        if (mark_duplicates(imp, &imp->cur, err)) {
            rc = -1;
            goto fail;
        }
        imp->cur.model = imp->o.model;
        threaded = imp->ready.n > 0 &&
                   pthread_create(&worker, NULL, extract_batch, &imp->cur) ==
                       0;
        if (!threaded)
            extract_batch(&imp->cur);
    }
    rc = store_ready(imp, err);
    if (threaded)
        pthread_join(worker, NULL);
    if (rc)
        goto fail;
    tmp = imp->ready;
    imp->ready = imp->cur;
    imp->cur = tmp;
    if (drain)
        rc = store_ready(imp, err);
    if (rc == 0)
        return 0;
fail:
    release_batch(&imp->cur);
    release_batch(&imp->ready);
    return -1;
}

static int
on_article(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    struct cdk_import *imp = arg;
    size_t limit = imp->o.batch_articles ? imp->o.batch_articles
                                         : DEFAULT_BATCH;
    struct batch_entry *b;

    imp->articles_read++;
    CDK_ALLOC_GROW(imp->cur.v, imp->cur.n + 1, imp->cur.alloc);
    b = &imp->cur.v[imp->cur.n++];
    memset(b, 0, sizeof(*b));
    b->article = *a; /* take every field; the reader frees nothing */
    cdk_article_init(a);
    imp->cur.bytes += b->article.body_len;
    if ((imp->cur.n >= limit || imp->cur.bytes >= BATCH_BYTES) &&
        flush(imp, false, err)) {
        cdk_error_copy(&imp->fatal, err);
        return -1;
    }
    return 0;
}

static int
on_bad(const struct cdk_error *e, void *arg)
{
    record_bad(arg, e);
    return 0;
}

/* --- the run ----------------------------------------------------------- */

struct cdk_import *
cdk_import_begin(struct cdk_db *db, const struct cdk_import_opts *o,
                 const struct cdk_import_hooks *hooks, struct cdk_error *err)
{
    struct cdk_import *imp = cdk_xcalloc(1, sizeof(*imp));

    imp->db = db;
    imp->o = *o;
    if (hooks)
        imp->hooks = *hooks;
    imp->started = cdk_clock_monotonic();
    if (!o->dry_run) {
        imp->store = cdk_store_begin(db, o->origin ? o->origin : "-", err);
        if (!imp->store) {
            free(imp);
            return NULL;
        }
    }
    return imp;
}

int
cdk_import_list(struct cdk_import *imp, const char *const *paths, size_t n,
                struct cdk_file_list *out, struct cdk_error *err)
{
    return cdk_walk_paths(paths, n, imp->o.include_glob, out, on_bad, imp,
                          err);
}

/* Read one file into the batch; 0, or -1 when the database went away. */
static int
read_one(struct cdk_import *imp, const char *path, struct cdk_error *err)
{
    struct cdk_error rerr = CDK_ERROR_INIT;

    imp->stats.files++;
    cdk_error_clear(&imp->fatal);
    if (cdk_read_path(path, &imp->o.read, on_article, on_bad, imp, &rerr)) {
        if (imp->fatal.code) {
            cdk_error_copy(err, &imp->fatal);
            return -1;
        }
        if (!rerr.file[0])
            cdk_error_at(&rerr, path, 0);
        if (!rerr.code)
            rerr.code = CDK_ERR_INPUT;
        record_bad(imp, &rerr);
    }
    return 0;
}

int
cdk_import_file(struct cdk_import *imp, const char *path, size_t *bad_in_file,
                struct cdk_error *first_error, struct cdk_error *err)
{
    int rc;

    imp->file_bad = 0;
    imp->file_first_error = first_error;
    rc = read_one(imp, path, err);
    if (rc == 0)
        rc = flush(imp, true, err);
    else {
        release_batch(&imp->cur);
        release_batch(&imp->ready);
    }
    if (bad_in_file)
        *bad_in_file = imp->file_bad;
    imp->file_first_error = NULL;
    imp->stats.seconds = cdk_clock_monotonic() - imp->started;
    return rc;
}

int
cdk_import_files(struct cdk_import *imp, const struct cdk_file_list *l,
                 struct cdk_error *err)
{
    size_t i;

    for (i = 0; i < l->n && !(imp->o.stop && *imp->o.stop); i++) {
        if (read_one(imp, l->paths[i], err)) {
            release_batch(&imp->cur);
            release_batch(&imp->ready);
            cdk_error_prefix(err, "while importing '%s'", l->paths[i]);
            return -1;
        }
        if (imp->hooks.file_done)
            imp->hooks.file_done(i + 1, imp->articles_read,
                                 imp->hooks.arg);
    }
    if (flush(imp, true, err))
        return -1;
    imp->stats.seconds = cdk_clock_monotonic() - imp->started;
    return 0;
}

int
cdk_import_finish(struct cdk_import *imp, struct cdk_error *err)
{
    struct cdk_store_counts c;

    imp->stats.seconds = cdk_clock_monotonic() - imp->started;
    if (!imp->store)
        return 0;
    c.files = (long)imp->stats.files;
    c.articles_new = (long)imp->stats.imported;
    c.articles_duplicate = (long)imp->stats.duplicates;
    c.articles_failed = (long)imp->stats.failed;
    c.claims = (long)imp->stats.claims;
    return cdk_store_finish(imp->store, &c, err);
}

const struct cdk_import_stats *
cdk_import_stats(const struct cdk_import *imp)
{
    return &imp->stats;
}

const struct cdk_import_error *
cdk_import_errors(const struct cdk_import *imp, size_t *n)
{
    *n = imp->nerrors;
    return imp->errors;
}

long long
cdk_import_run_id(const struct cdk_import *imp)
{
    return imp->store ? cdk_store_import_id(imp->store) : 0;
}

void
cdk_import_free(struct cdk_import *imp)
{
    size_t i;

    if (!imp)
        return;
    free_batch(&imp->cur);
    free_batch(&imp->ready);
    for (i = 0; i < imp->nerrors; i++) {
        free(imp->errors[i].file);
        free(imp->errors[i].message);
    }
    free(imp->errors);
    free(imp->seen.slots);
    free(imp->seen.used);
    cdk_store_free(imp->store);
    free(imp);
}
