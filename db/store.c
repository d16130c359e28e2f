/*
 * Storing articles and claims in batches (see store.h for the contract).
 *
 * A batch costs a fixed number of round trips whatever its size: BEGIN,
 * COPY articles, one SELECT for their ids, COPY claims, three set-based
 * statements for sources and claim_sources, one UPDATE linking repeated
 * claims, COMMIT. Values travel as COPY text or as array parameters built
 * here; nothing from the input is ever pasted into SQL text.
 */
#include "store.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "db.h"

static const char sql_insert_import[] =
    "INSERT INTO claimdesk.imports (origin)\n"
    "VALUES ($1::text)\n"
    "RETURNING id";

static const char sql_find_hashes[] =
    "SELECT encode(content_hash, 'hex') AS hash, id\n"
    "FROM claimdesk.articles\n"
    "WHERE content_hash = ANY (SELECT decode(h, 'hex')\n"
    "                          FROM unnest($1::text[]) AS h)";

static const char sql_upsert_outlet[] =
    "WITH found AS (\n"
    "    SELECT id FROM claimdesk.outlets\n"
    "    WHERE name = $1::text OR domain = $2::text\n"
    "    ORDER BY (name = $1::text) DESC, id\n"
    "    LIMIT 1),\n"
    "ins AS (\n"
    "    INSERT INTO claimdesk.outlets (name, domain)\n"
    "    SELECT $1::text, $2::text\n"
    "    WHERE NOT EXISTS (SELECT 1 FROM found)\n"
    "    ON CONFLICT DO NOTHING\n"
    "    RETURNING id)\n"
    "SELECT id FROM found UNION ALL SELECT id FROM ins";

static const char sql_copy_articles[] =
    "COPY claimdesk.articles (outlet_id, url, title, author, published_at,\n"
    "    language, body, content_hash, source_format, import_id)\n"
    "FROM STDIN";

static const char sql_batch_ids[] =
    "SELECT encode(content_hash, 'hex') AS hash, id\n"
    "FROM claimdesk.articles\n"
    "WHERE import_id = $1::bigint\n"
    "  AND content_hash = ANY (SELECT decode(h, 'hex')\n"
    "                          FROM unnest($2::text[]) AS h)";

static const char sql_copy_claims[] =
    "COPY claimdesk.claims (article_id, ordinal, text, sentence, span_start,\n"
    "    span_end, claimant, claimant_kind, cue, modality, claim_type,\n"
    "    checkworthiness, status, duplicate_of_ordinal)\n"
    "FROM STDIN";

/* The article's own source and its outlet's source. */
static const char sql_article_sources[] =
    "WITH a AS (\n"
    "    INSERT INTO claimdesk.sources (kind, article_id)\n"
    "    SELECT 'article', unnest($1::bigint[])\n"
    "    RETURNING id)\n"
    "INSERT INTO claimdesk.sources (kind, outlet_id)\n"
    "SELECT DISTINCT 'outlet', outlet_id\n"
    "FROM claimdesk.articles\n"
    "WHERE id = ANY ($1::bigint[]) AND outlet_id IS NOT NULL\n"
    "ON CONFLICT DO NOTHING";

/*
 * The parties claims are attributed to: $1 kinds, $2 names, $3 article
 * ids (parallel arrays). Named people and organisations are one source
 * each across articles; outlets become outlets rows; anonymous parties
 * are sources of their article only.
 */
static const char sql_party_sources[] =
    "WITH u AS (\n"
    "    SELECT DISTINCT kind, name, article_id\n"
    "    FROM unnest($1::text[], $2::text[], $3::bigint[])\n"
    "        AS u(kind, name, article_id)),\n"
    "named AS (\n"
    "    INSERT INTO claimdesk.sources (kind, name)\n"
    "    SELECT DISTINCT kind, name FROM u\n"
    "    WHERE kind IN ('person', 'organisation')\n"
    "    ON CONFLICT DO NOTHING),\n"
    "anon AS (\n"
    "    INSERT INTO claimdesk.sources (kind, name, article_id)\n"
    "    SELECT kind, name, article_id FROM u WHERE kind = 'anonymous'),\n"
    "outlet_names AS (\n"
    "    SELECT DISTINCT name FROM u WHERE kind = 'outlet'),\n"
    "new_outlets AS (\n"
    "    INSERT INTO claimdesk.outlets (name)\n"
    "    SELECT name FROM outlet_names\n"
    "    ON CONFLICT DO NOTHING\n"
    "    RETURNING id)\n"
    "INSERT INTO claimdesk.sources (kind, outlet_id)\n"
    "SELECT 'outlet', id FROM new_outlets\n"
    "UNION\n"
    "SELECT 'outlet', o.id\n"
    "FROM claimdesk.outlets o JOIN outlet_names n ON n.name = o.name\n"
    "ON CONFLICT DO NOTHING";

/*
 * Link each claim of the batch to the parties of $1..$5 (article id,
 * ordinal, kind, name, cue: parallel arrays). The article and outlet a
 * claim appeared in are not rows here: claim_sources_all (migration 0005)
 * derives them from claims.article_id.
 */
static const char sql_claim_sources[] =
    "WITH u AS (\n"
    "    SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[],\n"
    "                         $4::text[], $5::text[])\n"
    "        AS u(article_id, ordinal, kind, name, cue))\n"
    "INSERT INTO claimdesk.claim_sources (claim_id, source_id, role, cue)\n"
    "SELECT c.id, s.id, 'attributed_to', u.cue\n"
    "FROM u\n"
    "JOIN claimdesk.claims c ON c.article_id = u.article_id\n"
    "                       AND c.ordinal = u.ordinal\n"
    "JOIN claimdesk.sources s ON s.kind = u.kind AND s.name = u.name\n"
    "WHERE u.kind IN ('person', 'organisation')\n"
    "UNION ALL\n"
    "SELECT c.id, s.id, 'attributed_to', u.cue\n"
    "FROM u\n"
    "JOIN claimdesk.claims c ON c.article_id = u.article_id\n"
    "                       AND c.ordinal = u.ordinal\n"
    "JOIN claimdesk.sources s ON s.kind = 'anonymous'\n"
    "                        AND s.article_id = u.article_id\n"
    "                        AND s.name = u.name\n"
    "WHERE u.kind = 'anonymous'\n"
    "UNION ALL\n"
    "SELECT c.id, s.id, 'reported_by', u.cue\n"
    "FROM u\n"
    "JOIN claimdesk.claims c ON c.article_id = u.article_id\n"
    "                       AND c.ordinal = u.ordinal\n"
    "JOIN claimdesk.outlets o ON o.name = u.name\n"
    "JOIN claimdesk.sources s ON s.kind = 'outlet' AND s.outlet_id = o.id\n"
    "WHERE u.kind = 'outlet'\n"
    "ON CONFLICT DO NOTHING";

static const char sql_link_repeats[] =
    "UPDATE claimdesk.claims c\n"
    "SET canonical_claim_id = d.id\n"
    "FROM claimdesk.claims d\n"
    "WHERE c.article_id = ANY ($1::bigint[])\n"
    "  AND c.duplicate_of_ordinal IS NOT NULL\n"
    "  AND d.article_id = c.article_id\n"
    "  AND d.ordinal = c.duplicate_of_ordinal";

static const char sql_finish_import[] =
    "UPDATE claimdesk.imports\n"
    "SET finished_at = now(), files = $2::int, articles_new = $3::int,\n"
    "    articles_duplicate = $4::int, articles_failed = $5::int,\n"
    "    claims = $6::int\n"
    "WHERE id = $1::bigint";

static const char sql_import_errors[] =
    "INSERT INTO claimdesk.import_errors (import_id, file, line, message)\n"
    "SELECT $1::bigint, u.file, nullif(u.line, 0), u.message\n"
    "FROM unnest($2::text[], $3::int[], $4::text[]) AS u(file, line, message)";

static const char sql_import_event[] =
    "INSERT INTO claimdesk.events (entity, entity_id, action, after)\n"
    "SELECT 'import', i.id, 'finished',\n"
    "       jsonb_build_object('origin', i.origin, 'files', i.files,\n"
    "           'articles_new', i.articles_new,\n"
    "           'articles_duplicate', i.articles_duplicate,\n"
    "           'articles_failed', i.articles_failed, 'claims', i.claims,\n"
    "           'errors', (SELECT count(*) FROM claimdesk.import_errors e\n"
    "                      WHERE e.import_id = i.id))\n"
    "FROM claimdesk.imports i\n"
    "WHERE i.id = $1::bigint";

struct outlet_entry {
    char *name;
    long long id;
};

struct run_error {
    char *file;
    long line;
    char *message;
};

struct cdk_store {
    struct cdk_db *db;
    long long import_id;
    struct outlet_entry *outlets; /* committed outlet ids */
    size_t noutlets, outlets_alloc;
    struct run_error *errors;
    size_t nerrors, errors_alloc;
};

/* --- small builders ---------------------------------------------------- */

/* Append one element of a PostgreSQL array literal ("..." or NULL). */
static void
array_elem(struct cdk_buf *b, const char *s)
{
    if (b->len > 1)
        cdk_buf_addch(b, ',');
    if (!s) {
        cdk_buf_adds(b, "NULL");
        return;
    }
    cdk_buf_addch(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            cdk_buf_addch(b, '\\');
        cdk_buf_addch(b, *s);
    }
    cdk_buf_addch(b, '"');
}

static void
array_elem_ll(struct cdk_buf *b, long long v)
{
    if (b->len > 1)
        cdk_buf_addch(b, ',');
    cdk_buf_addf(b, "%lld", v);
}

static void
array_open(struct cdk_buf *b)
{
    cdk_buf_reset(b);
    cdk_buf_addch(b, '{');
}

static void
array_close(struct cdk_buf *b)
{
    cdk_buf_addch(b, '}');
}

static long long
parse_id(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

/* The host of a URL, without "www.", or NULL. */
static char *
url_domain(const char *url)
{
    const char *p, *end;

    if (!url)
        return NULL;
    p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    end = p + strcspn(p, "/?#:");
    if (end == p)
        return NULL;
    if (end - p > 4 && strncmp(p, "www.", 4) == 0)
        p += 4;
    return cdk_xstrndup(p, (size_t)(end - p));
}

/* --- the run ----------------------------------------------------------- */

struct cdk_store *
cdk_store_begin(struct cdk_db *db, const char *origin, struct cdk_error *err)
{
    const char *params[1] = {origin};
    struct cdk_store *s;
    char *id = NULL;

    if (cdk_db_query_value(db, sql_insert_import, 1, params, &id, err) != 1) {
        free(id);
        return NULL;
    }
    s = cdk_xcalloc(1, sizeof(*s));
    s->db = db;
    s->import_id = parse_id(id);
    free(id);
    return s;
}

long long
cdk_store_import_id(const struct cdk_store *s)
{
    return s->import_id;
}

void
cdk_store_add_error(struct cdk_store *s, const char *file, long line,
                    const char *message)
{
    struct run_error *e;

    CDK_ALLOC_GROW(s->errors, s->nerrors + 1, s->errors_alloc);
    e = &s->errors[s->nerrors++];
    e->file = cdk_xstrdup(file ? file : "-");
    e->line = line;
    e->message = cdk_xstrdup(message);
}

void
cdk_store_free(struct cdk_store *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->noutlets; i++)
        free(s->outlets[i].name);
    free(s->outlets);
    for (i = 0; i < s->nerrors; i++) {
        free(s->errors[i].file);
        free(s->errors[i].message);
    }
    free(s->errors);
    free(s);
}

int
cdk_store_mark_duplicates(struct cdk_store *s, struct cdk_store_item *items,
                          size_t n, struct cdk_error *err)
{
    struct cdk_buf arr = CDK_BUF_INIT;
    struct cdk_rows rows = CDK_ROWS_INIT;
    char hex[2 * CDK_SHA256_LEN + 1];
    const char *params[1];
    size_t i, j, r;
    int any = 0, rc = -1;

    /* Repeats inside the batch first: the later copy is the duplicate. */
    for (i = 0; i < n; i++) {
        if (items[i].result != CDK_STORE_PENDING)
            continue;
        for (j = 0; j < i; j++) {
            if (items[j].result != CDK_STORE_FAILED &&
                memcmp(items[i].hash, items[j].hash, CDK_SHA256_LEN) == 0) {
                items[i].result = CDK_STORE_DUPLICATE;
                items[i].duplicate_of = 0;
                break;
            }
        }
    }
    array_open(&arr);
    for (i = 0; i < n; i++) {
        if (items[i].result != CDK_STORE_PENDING)
            continue;
        cdk_sha256_hex(items[i].hash, hex);
        array_elem(&arr, hex);
        any = 1;
    }
    array_close(&arr);
    if (!any) {
        rc = 0;
        goto out;
    }
    params[0] = arr.buf;
    if (cdk_db_query(s->db, sql_find_hashes, 1, params, &rows, err))
        goto out;
    for (r = 0; r < rows.nrows; r++) {
        const char *h = cdk_rows_get(&rows, r, "hash");
        long long id = parse_id(cdk_rows_get(&rows, r, "id"));
        for (i = 0; h && i < n; i++) {
            if (items[i].result != CDK_STORE_PENDING)
                continue;
            cdk_sha256_hex(items[i].hash, hex);
            if (strcmp(hex, h) == 0) {
                items[i].result = CDK_STORE_DUPLICATE;
                items[i].duplicate_of = id;
            }
        }
    }
    rc = 0;
out:
    cdk_rows_release(&rows);
    cdk_buf_release(&arr);
    return rc;
}

/* --- one batch --------------------------------------------------------- */

/* Outlet ids found or created inside the open transaction. */
struct pending_outlets {
    struct outlet_entry *v;
    size_t n, alloc;
};

static long long
cached_outlet(const struct outlet_entry *v, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0)
            return v[i].id;
    return 0;
}

/* The outlet id of an article (0 when it names none), upserting it. */
static int
outlet_id(struct cdk_store *s, struct pending_outlets *pend,
          const struct cdk_article *a, long long *id, struct cdk_error *err)
{
    char *domain = url_domain(a->url);
    const char *name = a->outlet && a->outlet[0] ? a->outlet : domain;
    const char *params[2];
    char *value = NULL;
    int r;

    *id = 0;
    if (!name) {
        free(domain);
        return 0;
    }
    *id = cached_outlet(s->outlets, s->noutlets, name);
    if (!*id)
        *id = cached_outlet(pend->v, pend->n, name);
    if (*id) {
        free(domain);
        return 0;
    }
    params[0] = name;
    params[1] = domain;
    r = cdk_db_query_value(s->db, sql_upsert_outlet, 2, params, &value, err);
    if (r == 0) /* lost a race with a concurrent insert: it is there now */
        r = cdk_db_query_value(s->db, sql_upsert_outlet, 2, params, &value,
                               err);
    if (r == 1) {
        *id = parse_id(value);
        CDK_ALLOC_GROW(pend->v, pend->n + 1, pend->alloc);
        pend->v[pend->n].name = cdk_xstrdup(name);
        pend->v[pend->n].id = *id;
        pend->n++;
    } else if (r == 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not store outlet '%s'",
                      name);
    }
    free(value);
    free(domain);
    return r == 1 ? 0 : -1;
}

static void
copy_ll(struct cdk_buf *b, long long v)
{
    cdk_buf_addf(b, "%lld", v);
}

static void
add_article_row(struct cdk_buf *b, const struct cdk_store_item *it,
                long long outlet, long long import_id)
{
    const struct cdk_article *a = it->article;
    char hex[2 * CDK_SHA256_LEN + 1];
    char bytea[2 * CDK_SHA256_LEN + 3];

    if (outlet)
        copy_ll(b, outlet);
    else
        cdk_db_copy_field(b, NULL);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->url);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->title);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->author);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->published && a->published[0] ? a->published
                                                         : NULL);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->language);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->body);
    cdk_buf_addch(b, '\t');
    cdk_sha256_hex(it->hash, hex);
    bytea[0] = '\\';
    bytea[1] = 'x';
    memcpy(bytea + 2, hex, sizeof(hex));
    cdk_db_copy_field(b, bytea);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, a->format ? a->format : "text");
    cdk_buf_addch(b, '\t');
    copy_ll(b, import_id);
    cdk_buf_addch(b, '\n');
}

static void
add_claim_row(struct cdk_buf *b, long long article_id,
              const struct cdk_claim *c)
{
    copy_ll(b, article_id);
    cdk_buf_addf(b, "\t%d\t", c->ordinal);
    cdk_db_copy_field(b, c->text);
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, c->sentence);
    cdk_buf_addf(b, "\t%zu\t%zu\t", c->cstart, c->cend);
    cdk_db_copy_field(b, c->claimant);
    cdk_buf_addch(b, '\t');
    cdk_buf_adds(b, cdk_claimant_kind_name(c->claimant_kind));
    cdk_buf_addch(b, '\t');
    cdk_db_copy_field(b, c->cue);
    cdk_buf_addch(b, '\t');
    cdk_buf_adds(b, cdk_modality_name(c->modality));
    cdk_buf_addch(b, '\t');
    cdk_buf_adds(b, cdk_claim_type_name(c->type));
    cdk_buf_addf(b, "\t%.6f\t%s\t",
                 c->score < 0 ? 0 : c->score > 1 ? 1 : c->score,
                 c->duplicate_of > 0 && c->duplicate_of < c->ordinal
                     ? "duplicate"
                     : "new");
    if (c->duplicate_of > 0 && c->duplicate_of < c->ordinal)
        cdk_buf_addf(b, "%d", c->duplicate_of);
    else
        cdk_db_copy_field(b, NULL);
    cdk_buf_addch(b, '\n');
}

/*
 * The parties a claimant names: "Bloomberg and Axios" is two outlets; a
 * person or an anonymous source is one party. Calls fn for each.
 */
static void
each_party(const struct cdk_claim *c,
           void (*fn)(const char *name, size_t len, void *arg), void *arg)
{
    const char *p = c->claimant, *end, *cut;
    size_t len;

    if (!p || c->claimant_kind == CDK_CLAIMANT_ARTICLE)
        return;
    if (c->claimant_kind == CDK_CLAIMANT_PERSON ||
        c->claimant_kind == CDK_CLAIMANT_ANONYMOUS) {
        fn(p, strlen(p), arg);
        return;
    }
    end = p + strlen(p);
    while (p < end) {
        const char *and = strstr(p, " and ");
        const char *comma = memchr(p, ',', (size_t)(end - p));
        cut = end;
        if (and && and < cut)
            cut = and;
        if (comma && comma < cut)
            cut = comma;
        len = (size_t)(cut - p);
        while (len && p[0] == ' ') {
            p++;
            len--;
        }
        while (len && p[len - 1] == ' ')
            len--;
        if (len)
            fn(p, len, arg);
        p = cut == end ? end : cut + (cut == comma ? 1 : 5);
    }
}

struct party_arrays {
    struct cdk_buf kinds, names, art_ids, ordinals, cues;
    const char *kind;
    const char *cue;
    long long article_id;
    int ordinal;
    size_t n;
};

static void
add_party(const char *name, size_t len, void *arg)
{
    struct party_arrays *pa = arg;
    char *copy = cdk_xstrndup(name, len);

    array_elem(&pa->kinds, pa->kind);
    array_elem(&pa->names, copy);
    array_elem_ll(&pa->art_ids, pa->article_id);
    array_elem_ll(&pa->ordinals, pa->ordinal);
    array_elem(&pa->cues, pa->cue);
    pa->n++;
    free(copy);
}

static bool
is_unavailable(const struct cdk_error *err)
{
    return err->code == CDK_ERR_UNAVAILABLE;
}

/* Roll back after a failure, keeping the first error. */
static void
abandon(struct cdk_store *s)
{
    if (cdk_db_in_transaction(s->db))
        cdk_db_rollback(s->db, NULL);
}

/*
 * Store the PENDING items among items[idx[0..n)] in one transaction.
 * On success they become NEW (or DUPLICATE when a concurrent importer got
 * there first); on failure nothing of them is stored and err says why.
 */
static int
store_batch(struct cdk_store *s, struct cdk_store_item *items,
            const size_t *idx, size_t n, struct cdk_error *err)
{
    struct pending_outlets pend = {0};
    struct cdk_buf copy = CDK_BUF_INIT, hashes = CDK_BUF_INIT,
                   ids = CDK_BUF_INIT, repeat_ids = CDK_BUF_INIT,
                   numbuf = CDK_BUF_INIT;
    struct party_arrays pa = {CDK_BUF_INIT, CDK_BUF_INIT, CDK_BUF_INIT,
                              CDK_BUF_INIT, CDK_BUF_INIT, NULL, NULL, 0, 0,
                              0};
    struct cdk_rows rows = CDK_ROWS_INIT;
    char hex[2 * CDK_SHA256_LEN + 1];
    const char *params[6];
    long long *article_ids = cdk_xcalloc(n ? n : 1, sizeof(long long));
    long long *outlet_ids = cdk_xcalloc(n ? n : 1, sizeof(long long));
    size_t i, j, r;
    int rc = -1;

    if (cdk_db_begin(s->db, err))
        goto out;

    /* Articles: one COPY. */
    for (i = 0; i < n; i++)
        if (outlet_id(s, &pend, items[idx[i]].article, &outlet_ids[i], err))
            goto fail;
    if (cdk_db_copy_begin(s->db, sql_copy_articles, err))
        goto fail;
    for (i = 0; i < n; i++) {
        add_article_row(&copy, &items[idx[i]], outlet_ids[i], s->import_id);
        if (copy.len >= 1 << 20 || i + 1 == n) {
            if (cdk_db_copy_put(s->db, copy.buf, copy.len, err)) {
                cdk_db_copy_end(s->db, "could not send data", NULL, NULL);
                goto fail;
            }
            cdk_buf_reset(&copy);
        }
    }
    if (cdk_db_copy_end(s->db, NULL, NULL, err))
        goto fail;

    /* Their ids. */
    array_open(&hashes);
    for (i = 0; i < n; i++) {
        cdk_sha256_hex(items[idx[i]].hash, hex);
        array_elem(&hashes, hex);
    }
    array_close(&hashes);
    cdk_buf_addf(&numbuf, "%lld", s->import_id);
    params[0] = numbuf.buf;
    params[1] = hashes.buf;
    if (cdk_db_query(s->db, sql_batch_ids, 2, params, &rows, err))
        goto fail;
    for (r = 0; r < rows.nrows; r++) {
        const char *h = cdk_rows_get(&rows, r, "hash");
        for (i = 0; h && i < n; i++) {
            cdk_sha256_hex(items[idx[i]].hash, hex);
            if (strcmp(hex, h) == 0)
                article_ids[i] = parse_id(cdk_rows_get(&rows, r, "id"));
        }
    }
    for (i = 0; i < n; i++)
        if (!article_ids[i]) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "stored article not found after COPY");
            goto fail;
        }

    /* Claims: one COPY; and the parties they name. */
    array_open(&pa.kinds);
    array_open(&pa.names);
    array_open(&pa.art_ids);
    array_open(&pa.ordinals);
    array_open(&pa.cues);
    if (cdk_db_copy_begin(s->db, sql_copy_claims, err))
        goto fail;
    for (i = 0; i < n; i++) {
        const struct cdk_store_item *it = &items[idx[i]];
        for (j = 0; j < it->nclaims; j++) {
            const struct cdk_claim *c = &it->claims[j];
            add_claim_row(&copy, article_ids[i], c);
            pa.kind = cdk_claimant_kind_name(c->claimant_kind);
            pa.cue = c->cue;
            pa.article_id = article_ids[i];
            pa.ordinal = c->ordinal;
            each_party(c, add_party, &pa);
            if (copy.len >= 1 << 20) {
                if (cdk_db_copy_put(s->db, copy.buf, copy.len, err)) {
                    cdk_db_copy_end(s->db, "could not send data", NULL, NULL);
                    goto fail;
                }
                cdk_buf_reset(&copy);
            }
        }
    }
    if (copy.len && cdk_db_copy_put(s->db, copy.buf, copy.len, err)) {
        cdk_db_copy_end(s->db, "could not send data", NULL, NULL);
        goto fail;
    }
    if (cdk_db_copy_end(s->db, NULL, NULL, err))
        goto fail;
    array_close(&pa.kinds);
    array_close(&pa.names);
    array_close(&pa.art_ids);
    array_close(&pa.ordinals);
    array_close(&pa.cues);

    /* Sources and links: set-based, a fixed number of statements. */
    array_open(&ids);
    for (i = 0; i < n; i++)
        array_elem_ll(&ids, article_ids[i]);
    array_close(&ids);
    params[0] = ids.buf;
    if (cdk_db_exec(s->db, sql_article_sources, 1, params, NULL, err))
        goto fail;
    if (pa.n) {
        params[0] = pa.kinds.buf;
        params[1] = pa.names.buf;
        params[2] = pa.art_ids.buf;
        if (cdk_db_exec(s->db, sql_party_sources, 3, params, NULL, err))
            goto fail;
        params[0] = pa.art_ids.buf;
        params[1] = pa.ordinals.buf;
        params[2] = pa.kinds.buf;
        params[3] = pa.names.buf;
        params[4] = pa.cues.buf;
        if (cdk_db_exec(s->db, sql_claim_sources, 5, params, NULL, err))
            goto fail;
    }
    /* Only articles with a repeated claim need the UPDATE. */
    array_open(&repeat_ids);
    for (i = 0; i < n; i++) {
        const struct cdk_store_item *it = &items[idx[i]];
        for (j = 0; j < it->nclaims; j++)
            if (it->claims[j].duplicate_of > 0) {
                array_elem_ll(&repeat_ids, article_ids[i]);
                break;
            }
    }
    array_close(&repeat_ids);
    params[0] = repeat_ids.buf;
    if (repeat_ids.len > 2 &&
        cdk_db_exec(s->db, sql_link_repeats, 1, params, NULL, err))
        goto fail;

    if (cdk_db_commit(s->db, err))
        goto fail;
    for (i = 0; i < n; i++) {
        items[idx[i]].result = CDK_STORE_NEW;
        items[idx[i]].article_id = article_ids[i];
    }
    /* Committed: the outlets found or created are real now. */
    for (i = 0; i < pend.n; i++) {
        CDK_ALLOC_GROW(s->outlets, s->noutlets + 1, s->outlets_alloc);
        s->outlets[s->noutlets++] = pend.v[i];
    }
    pend.n = 0;
    rc = 0;
    goto out;
fail:
    abandon(s);
out:
    for (i = 0; i < pend.n; i++)
        free(pend.v[i].name);
    free(pend.v);
    free(article_ids);
    free(outlet_ids);
    cdk_rows_release(&rows);
    cdk_buf_release(&copy);
    cdk_buf_release(&hashes);
    cdk_buf_release(&ids);
    cdk_buf_release(&repeat_ids);
    cdk_buf_release(&numbuf);
    cdk_buf_release(&pa.kinds);
    cdk_buf_release(&pa.names);
    cdk_buf_release(&pa.art_ids);
    cdk_buf_release(&pa.ordinals);
    cdk_buf_release(&pa.cues);
    return rc;
}

int
cdk_store_articles(struct cdk_store *s, struct cdk_store_item *items, size_t n,
                   struct cdk_error *err)
{
    struct cdk_error batch_err = CDK_ERROR_INIT;
    size_t *idx = cdk_xcalloc(n ? n : 1, sizeof(size_t));
    size_t m = 0, i;
    int rc = 0;

    for (i = 0; i < n; i++)
        if (items[i].result == CDK_STORE_PENDING)
            idx[m++] = i;
    if (m == 0 || store_batch(s, items, idx, m, &batch_err) == 0)
        goto out;
    if (is_unavailable(&batch_err)) {
        cdk_error_copy(err, &batch_err);
        rc = -1;
        goto out;
    }
    /*
     * Something in the batch was refused: store each article on its own,
     * so that only the failing one fails. A concurrent importer storing
     * the same article shows up here as a unique violation on the hash.
     */
    for (i = 0; i < m; i++) {
        struct cdk_store_item *it = &items[idx[i]];
        struct cdk_error one = CDK_ERROR_INIT;
        int attempt, stored = 0;

        /* Serialization failures and deadlocks are worth another go. */
        for (attempt = 0; attempt < 4 && !stored; attempt++) {
            cdk_error_clear(&one);
            stored = store_batch(s, items, &idx[i], 1, &one) == 0;
            if (!one.retryable)
                break;
        }
        if (stored)
            continue;
        if (is_unavailable(&one)) {
            cdk_error_copy(err, &one);
            rc = -1;
            goto out;
        }
        if (strcmp(one.sqlstate, "23505") == 0 &&
            cdk_store_mark_duplicates(s, it, 1, NULL) == 0 &&
            it->result == CDK_STORE_DUPLICATE)
            continue;
        it->result = CDK_STORE_FAILED;
        cdk_error_copy(&it->err, &one);
        if (it->err.code == CDK_ERR_FAILURE && one.sqlstate[0] == '2')
            it->err.code = CDK_ERR_INPUT;
    }
out:
    free(idx);
    return rc;
}

int
cdk_store_finish(struct cdk_store *s, const struct cdk_store_counts *c,
                 struct cdk_error *err)
{
    struct cdk_buf id = CDK_BUF_INIT, nums[5], files = CDK_BUF_INIT,
                   lines = CDK_BUF_INIT, msgs = CDK_BUF_INIT;
    const char *params[6];
    long vals[5];
    size_t i;
    int rc = -1;

    vals[0] = c->files;
    vals[1] = c->articles_new;
    vals[2] = c->articles_duplicate;
    vals[3] = c->articles_failed;
    vals[4] = c->claims;
    cdk_buf_addf(&id, "%lld", s->import_id);
    params[0] = id.buf;
    for (i = 0; i < 5; i++) {
        cdk_buf_init(&nums[i], 0);
        cdk_buf_addf(&nums[i], "%ld", vals[i]);
        params[i + 1] = nums[i].buf;
    }
    if (cdk_db_begin(s->db, err) ||
        cdk_db_exec(s->db, sql_finish_import, 6, params, NULL, err))
        goto fail;
    if (s->nerrors) {
        array_open(&files);
        array_open(&lines);
        array_open(&msgs);
        for (i = 0; i < s->nerrors; i++) {
            array_elem(&files, s->errors[i].file);
            array_elem_ll(&lines, s->errors[i].line);
            array_elem(&msgs, s->errors[i].message);
        }
        array_close(&files);
        array_close(&lines);
        array_close(&msgs);
        params[1] = files.buf;
        params[2] = lines.buf;
        params[3] = msgs.buf;
        if (cdk_db_exec(s->db, sql_import_errors, 4, params, NULL, err))
            goto fail;
    }
    if (cdk_db_exec(s->db, sql_import_event, 1, params, NULL, err) ||
        cdk_db_commit(s->db, err))
        goto fail;
    rc = 0;
    goto out;
fail:
    abandon(s);
out:
    cdk_buf_release(&id);
    for (i = 0; i < 5; i++)
        cdk_buf_release(&nums[i]);
    cdk_buf_release(&files);
    cdk_buf_release(&lines);
    cdk_buf_release(&msgs);
    return rc;
}
