/*
 * The claim report (DESIGN §6): its columns, its query, and the loop that
 * streams the query's rows into a sink.
 *
 * The query joins each claim to its article and outlet and to its current
 * verdict: the latest verdict of the claim that no other verdict
 * supersedes, with its rating, scale and evidence URLs; every other
 * verdict of the claim is in earlier_verdicts. Verdicts and evidence are
 * aggregated once, as relations joined by claim and verdict id, rather
 * than looked up per claim, because at a million claims three index
 * probes a row cost more than the whole aggregation.
 *
 * It runs in one read-only transaction with TimeZone UTC and DateStyle
 * ISO (so the sinks can write ISO 8601 without parsing dates) and
 * client_encoding UTF8 (so text is valid UTF-8), through a cursor
 * (db/stream.h): rows are written as they arrive. cursor_tuple_fraction
 * is 1 because every row is read: the planner must plan for the whole
 * result, as it does for COPY, not for the first tenth of it.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "db/db.h"
#include "db/stream.h"

static const struct cdk_report_column columns[] = {
    {"claim_id", CDK_REPORT_KIND_INT},
    {"claim_text", CDK_REPORT_KIND_TEXT},
    {"sentence", CDK_REPORT_KIND_TEXT},
    {"article_id", CDK_REPORT_KIND_INT},
    {"article_title", CDK_REPORT_KIND_TEXT},
    {"article_url", CDK_REPORT_KIND_TEXT},
    {"outlet", CDK_REPORT_KIND_TEXT},
    {"article_published_at", CDK_REPORT_KIND_TIME},
    {"claimant", CDK_REPORT_KIND_TEXT},
    {"claimant_kind", CDK_REPORT_KIND_TEXT},
    {"cue", CDK_REPORT_KIND_TEXT},
    {"modality", CDK_REPORT_KIND_TEXT},
    {"claim_type", CDK_REPORT_KIND_TEXT},
    {"checkworthiness", CDK_REPORT_KIND_REAL},
    {"status", CDK_REPORT_KIND_TEXT},
    {"assignee", CDK_REPORT_KIND_TEXT},
    {"canonical_claim_id", CDK_REPORT_KIND_INT},
    {"rating", CDK_REPORT_KIND_TEXT},
    {"rating_value", CDK_REPORT_KIND_NUMERIC},
    {"scale", CDK_REPORT_KIND_TEXT},
    {"conclusion", CDK_REPORT_KIND_TEXT},
    {"explanation", CDK_REPORT_KIND_TEXT},
    {"reviewer", CDK_REPORT_KIND_TEXT},
    {"reviewed_at", CDK_REPORT_KIND_TIME},
    {"approver", CDK_REPORT_KIND_TEXT},
    {"approved_at", CDK_REPORT_KIND_TIME},
    {"published_at", CDK_REPORT_KIND_TIME},
    {"evidence_urls", CDK_REPORT_KIND_URLS},
    {"earlier_verdicts", CDK_REPORT_KIND_JSON},
};

#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/*
 * $1 statuses (comma-separated), $2 since, $3 until (a time), $4 until (a
 * whole day), $5 outlet, $6 article id, $7 reviewer.
 */
static const char sql_report_claims[] =
    "WITH current_verdict AS MATERIALIZED (\n"
    "    SELECT DISTINCT ON (v.claim_id) v.id, v.claim_id\n"
    "    FROM claimdesk.verdicts v\n"
    "    WHERE NOT EXISTS (SELECT FROM claimdesk.verdicts n WHERE n.supersedes = v.id)\n"
    "    ORDER BY v.claim_id, v.created_at DESC, v.id DESC\n"
    ")\n"
    "SELECT c.id AS claim_id,\n"
    "       c.text AS claim_text,\n"
    "       c.sentence,\n"
    "       c.article_id,\n"
    "       a.title AS article_title,\n"
    "       a.url AS article_url,\n"
    "       o.name AS outlet,\n"
    "       a.published_at AS article_published_at,\n"
    "       c.claimant,\n"
    "       c.claimant_kind,\n"
    "       c.cue,\n"
    "       c.modality,\n"
    "       c.claim_type,\n"
    "       c.checkworthiness,\n"
    "       c.status,\n"
    "       c.assignee,\n"
    "       c.canonical_claim_id,\n"
    "       r.label AS rating,\n"
    "       r.value AS rating_value,\n"
    "       s.name AS scale,\n"
    "       v.conclusion,\n"
    "       v.explanation,\n"
    "       v.reviewer,\n"
    "       v.created_at AS reviewed_at,\n"
    "       v.approved_by AS approver,\n"
    "       v.approved_at,\n"
    "       v.published_at,\n"
    "       coalesce(ev.urls, '[]'::json) AS evidence_urls,\n"
    "       coalesce(ea.verdicts, '[]'::json) AS earlier_verdicts\n"
    "FROM claimdesk.claims c\n"
    "JOIN claimdesk.articles a ON a.id = c.article_id\n"
    "LEFT JOIN claimdesk.outlets o ON o.id = a.outlet_id\n"
    "LEFT JOIN current_verdict cv ON cv.claim_id = c.id\n"
    "LEFT JOIN claimdesk.verdicts v ON v.id = cv.id\n"
    "LEFT JOIN claimdesk.ratings r ON r.id = v.rating_id\n"
    "LEFT JOIN claimdesk.scales s ON s.id = r.scale_id\n"
    "LEFT JOIN (SELECT e.verdict_id, json_agg(e.url ORDER BY e.id) AS urls\n"
    "           FROM claimdesk.evidence e\n"
    "           GROUP BY e.verdict_id) ev ON ev.verdict_id = v.id\n"
    "LEFT JOIN (SELECT pv.claim_id,\n"
    "                  json_agg(json_build_object(\n"
    "                      'verdict_id', pv.id,\n"
    "                      'rating', pr.label,\n"
    "                      'rating_value', pr.value,\n"
    "                      'conclusion', pv.conclusion,\n"
    "                      'reviewer', pv.reviewer,\n"
    "                      'reviewed_at', pv.created_at,\n"
    "                      'approver', pv.approved_by,\n"
    "                      'approved_at', pv.approved_at,\n"
    "                      'published_at', pv.published_at,\n"
    "                      'supersedes', pv.supersedes)\n"
    "                    ORDER BY pv.created_at, pv.id) AS verdicts\n"
    "           FROM claimdesk.verdicts pv\n"
    "           JOIN claimdesk.ratings pr ON pr.id = pv.rating_id\n"
    "           WHERE NOT EXISTS (SELECT FROM current_verdict x WHERE x.id = pv.id)\n"
    "           GROUP BY pv.claim_id) ea ON ea.claim_id = c.id\n"
    "WHERE ($1::text IS NULL OR c.status = ANY (string_to_array($1::text, ',')))\n"
    "  AND ($2::timestamptz IS NULL OR coalesce(a.published_at, c.created_at) >= $2::timestamptz)\n"
    "  AND ($3::timestamptz IS NULL OR coalesce(a.published_at, c.created_at) <= $3::timestamptz)\n"
    "  AND ($4::date IS NULL OR coalesce(a.published_at, c.created_at) < $4::date + 1)\n"
    "  AND ($5::text IS NULL OR lower(o.name) = lower($5::text) OR lower(o.domain) = lower($5::text))\n"
    "  AND ($6::bigint IS NULL OR c.article_id = $6::bigint)\n"
    "  AND ($7::text IS NULL OR v.reviewer = $7::text)\n"
    "ORDER BY c.id";

/* Session settings of the report transaction (see the file comment). */
static const char sql_report_settings[] =
    "SELECT pg_catalog.set_config('TimeZone', 'UTC', true),\n"
    "       pg_catalog.set_config('DateStyle', 'ISO, YMD', true),\n"
    "       pg_catalog.set_config('IntervalStyle', 'iso_8601', true),\n"
    "       pg_catalog.set_config('client_encoding', 'UTF8', true),\n"
    "       pg_catalog.set_config('cursor_tuple_fraction', '1', true)";

static const char sql_read_only[] = "SET TRANSACTION READ ONLY";

static const char sql_check_time[] = "SELECT $1::timestamptz";

static const char *const statuses[] = {
    "new",       "checkworthy", "in_review", "reviewed", "approved",
    "published", "dismissed",   "duplicate", "reopened",
};

const struct cdk_report_column *
cdk_report_columns(size_t *n)
{
    *n = NCOLUMNS;
    return columns;
}

static bool
is_status(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
        if (strlen(statuses[i]) == len && memcmp(statuses[i], s, len) == 0)
            return true;
    return false;
}

/* YYYY-MM-DD and nothing else: a whole day. */
static bool
is_bare_date(const char *s)
{
    size_t i;

    if (strlen(s) != 10)
        return false;
    for (i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return false;
        } else if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

static int
check_time(struct cdk_db *db, const char *option, const char *value,
           struct cdk_error *err)
{
    char *parsed = NULL;
    int rc;

    if (!*value)
        return cdk_error_set(err, CDK_ERR_USAGE, "--%s needs a date", option);
    if (!db)
        return 0;
    rc = cdk_db_query_value(db, sql_check_time, 1, &value, &parsed, err);
    free(parsed);
    if (rc < 0) {
        if (err && err->sqlstate[0] == '2' && err->sqlstate[1] == '2')
            return cdk_error_set(err, CDK_ERR_USAGE,
                                 "--%s: '%s' is not a date or time", option,
                                 value);
        return -1;
    }
    return 0;
}

int
cdk_report_filter_check(struct cdk_db *db,
                        const struct cdk_report_filter *filter,
                        struct cdk_error *err)
{
    const char *p, *comma;
    char *end;
    long long id;

    if (filter->status) {
        for (p = filter->status;; p = comma + 1) {
            comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            if (!is_status(p, len))
                return cdk_error_set(
                    err, CDK_ERR_USAGE,
                    "--status: '%.*s' is not a status (new, checkworthy, "
                    "in_review, reviewed, approved, published, dismissed, "
                    "duplicate, reopened)",
                    (int)len, p);
            if (!comma)
                break;
        }
    }
    if (filter->article) {
        id = strtoll(filter->article, &end, 10);
        if (!*filter->article || *end || id < 1)
            return cdk_error_set(err, CDK_ERR_USAGE,
                                 "--article: '%s' is not an article id",
                                 filter->article);
    }
    if (filter->outlet && !*filter->outlet)
        return cdk_error_set(err, CDK_ERR_USAGE, "--outlet needs a name");
    if (filter->reviewer && !*filter->reviewer)
        return cdk_error_set(err, CDK_ERR_USAGE, "--reviewer needs a name");
    if (filter->since && check_time(db, "since", filter->since, err) < 0)
        return -1;
    if (filter->until && check_time(db, "until", filter->until, err) < 0)
        return -1;
    return 0;
}

const char *
cdk_report_sql(const struct cdk_report_filter *filter,
               const char *params[CDK_REPORT_NPARAMS])
{
    bool day = filter->until && is_bare_date(filter->until);

    params[0] = filter->status;
    params[1] = filter->since;
    params[2] = day ? NULL : filter->until;
    params[3] = day ? filter->until : NULL;
    params[4] = filter->outlet;
    params[5] = filter->article;
    params[6] = filter->reviewer;
    return sql_report_claims;
}

/* Stream the rows of an open cursor into the sink. */
static int
pump(struct cdk_db_stream *stream, struct cdk_report_sink *sink,
     struct cdk_error *err)
{
    const char *values[NCOLUMNS];
    size_t lengths[NCOLUMNS];
    struct cdk_report_row row = {values, lengths};
    size_t c;
    int rc;

    if (cdk_db_stream_ncols(stream) != NCOLUMNS)
        return cdk_error_set(err, CDK_ERR_FAILURE,
                             "the report query gave %zu columns, not %zu",
                             cdk_db_stream_ncols(stream), NCOLUMNS);
    for (c = 0; c < NCOLUMNS; c++)
        if (strcmp(cdk_db_stream_name(stream, c), columns[c].name) != 0)
            return cdk_error_set(err, CDK_ERR_FAILURE,
                                 "the report query's column %zu is '%s', "
                                 "not '%s'",
                                 c + 1, cdk_db_stream_name(stream, c),
                                 columns[c].name);
    if (cdk_report_sink_begin(sink, columns, NCOLUMNS, err) < 0)
        return -1;
    while ((rc = cdk_db_stream_next(stream, err)) == 1) {
        for (c = 0; c < NCOLUMNS; c++)
            values[c] = cdk_db_stream_value(stream, c, &lengths[c]);
        if (cdk_report_sink_row(sink, &row, err) < 0)
            return -1;
    }
    if (rc < 0)
        return -1;
    return cdk_report_sink_end(sink, err);
}

int
cdk_report_write(struct cdk_db *db, const struct cdk_report_filter *filter,
                 struct cdk_report_sink *sink, size_t *nrows,
                 struct cdk_error *err)
{
    const char *params[CDK_REPORT_NPARAMS];
    struct cdk_db_stream *stream = NULL;
    const char *sql;

    if (cdk_report_filter_check(NULL, filter, err) < 0)
        return -1;
    sql = cdk_report_sql(filter, params);
    if (cdk_db_begin(db, err) < 0)
        return -1;
    if (cdk_db_exec(db, sql_read_only, 0, NULL, NULL, err) < 0 ||
        cdk_db_exec(db, sql_report_settings, 0, NULL, NULL, err) < 0)
        goto failed;
    stream = cdk_db_stream_open(db, sql, CDK_REPORT_NPARAMS, params, 0, err);
    if (!stream)
        goto failed;
    if (pump(stream, sink, err) < 0)
        goto failed;
    if (cdk_db_stream_close(stream, err) < 0) {
        stream = NULL;
        goto failed;
    }
    if (cdk_db_commit(db, err) < 0)
        return -1;
    if (nrows)
        *nrows = sink->rows;
    return 0;
failed:
    cdk_db_stream_close(stream, NULL);
    cdk_db_rollback(db, NULL);
    return -1;
}
