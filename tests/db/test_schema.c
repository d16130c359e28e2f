/*
 * The v1 schema's promises: unique content hashes, the CHECKs on claims
 * (with the exact names core/claim.h uses), the default rating scale, the
 * verdict and evidence rules, the transition rows, the roles, and the
 * events ledger (append-only, hash-chained, actor from the session).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/claim.h"
#include "core/error.h"
#include "db/db.h"
#include "support/dbcheck.h"
#include "support/testdb.h"
#include "support/testutil.h"

#define ARTICLE                                                                \
    "INSERT INTO articles (body, content_hash) "                               \
    "VALUES ('body', sha256('body'))"
#define CLAIM(cols, vals)                                                      \
    "INSERT INTO claims (article_id, ordinal, text, span_start, span_end" cols \
    ") SELECT id, 1, 'x', 0, 1" vals " FROM articles"

static void
expect_value(struct cdk_db *db, const char *sql, const char *want)
{
    char *v = cdk_check_value(db, sql);

    ck_assert_msg(strcmp(v, want) == 0, "%s\n-> '%s', want '%s'", sql, v, want);
    free(v);
}

START_TEST(test_content_hash_unique)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, ARTICLE);
    ck_assert_int_eq(cdk_check_exec_fails(db, ARTICLE, "23505"),
                     CDK_ERR_CONFLICT);
    cdk_check_exec_fails(db,
                         "INSERT INTO articles (body, content_hash) "
                         "VALUES ('b', '\\x00')",
                         "23514");
    cdk_check_exec_fails(db,
                         "INSERT INTO articles (body, content_hash) "
                         "VALUES ('b', NULL)",
                         "23502");
    cdk_check_exec_fails(db,
                         "INSERT INTO articles (body, content_hash, "
                         "source_format) VALUES ('c', sha256('c'), 'pdf')",
                         "23514");
    /* Ids are GENERATED ALWAYS: nobody (and no COPY) sets them. */
    cdk_check_exec_fails(db,
                         "INSERT INTO articles (id, body, content_hash) "
                         "VALUES (5, 'd', sha256('d'))",
                         "428C9");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_claim_checks)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, ARTICLE);
    cdk_check_exec(db, CLAIM("", ""));
    expect_value(db,
                 "SELECT status || ' ' || row_version || ' ' || "
                 "claimant_kind || ' ' || modality || ' ' || claim_type "
                 "FROM claims",
                 "new 1 article asserted other");
    /* (article_id, ordinal) is unique. */
    cdk_check_exec_fails(db, CLAIM("", ""), "23505");
    cdk_check_exec(db, "DELETE FROM claims");
    cdk_check_exec_fails(db, CLAIM(", checkworthiness", ", 1.5"), "23514");
    cdk_check_exec_fails(db, CLAIM(", checkworthiness", ", -0.1"), "23514");
    cdk_check_exec_fails(db, CLAIM(", status", ", 'done'"), "23514");
    cdk_check_exec_fails(db, CLAIM(", modality", ", 'rumoured'"), "23514");
    cdk_check_exec_fails(db, CLAIM(", claim_type", ", 'law/rule'"), "23514");
    cdk_check_exec_fails(db, CLAIM(", claimant_kind", ", 'organization'"),
                         "23514");
    cdk_check_exec_fails(db,
                         "INSERT INTO claims (article_id, ordinal, text, "
                         "span_start, span_end) "
                         "SELECT id, 1, 'x', 5, 4 FROM articles",
                         "23514");
    cdk_check_exec_fails(db,
                         "INSERT INTO claims (article_id, ordinal, text, "
                         "span_start, span_end) "
                         "SELECT id, 0, 'x', 0, 1 FROM articles",
                         "23514");
    cdk_check_exec_fails(db, CLAIM(", duplicate_of_ordinal", ", 1"), "23514");
    cdk_check_exec_fails(db,
                         "INSERT INTO claims (article_id, ordinal, text, "
                         "span_start, span_end) VALUES (424242, 1, 'x', 0, 1)",
                         "23503");
    cdk_db_close(db);
}
END_TEST

/* Every name core/claim.h produces is accepted by the schema. */
START_TEST(test_claim_names_match_core)
{
    struct cdk_db *db = cdk_check_fresh_db();
    struct cdk_error err = CDK_ERROR_INIT;
    char ord[16];
    int i, n = 1;

    cdk_check_exec(db, ARTICLE);
    for (i = 0; i <= CDK_MODALITY_QUOTED_OPINION; i++) {
        const char *p[4];
        snprintf(ord, sizeof(ord), "%d", n++);
        p[0] = ord;
        p[1] = cdk_claimant_kind_name(
            (enum cdk_claimant_kind)(i % (CDK_CLAIMANT_ANONYMOUS + 1)));
        p[2] = cdk_modality_name((enum cdk_modality)i);
        p[3] = cdk_claim_type_name(
            (enum cdk_claim_type)(i % (CDK_TYPE_PREDICTION + 1)));
        ck_assert_msg(
            cdk_db_exec(db,
                        "INSERT INTO claims (article_id, ordinal, text, "
                        "span_start, span_end, claimant_kind, modality, "
                        "claim_type) SELECT id, $1::int, 'x', 0, 1, "
                        "$2::text, $3::text, $4::text FROM articles",
                        4, p, NULL, &err) == 0,
            "%s/%s/%s: %s", p[1], p[2], p[3], err.message);
    }
    expect_value(db,
                 "SELECT count(DISTINCT claimant_kind) || ' ' || "
                 "count(DISTINCT modality) || ' ' || "
                 "count(DISTINCT claim_type) FROM claims",
                 "5 7 6");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_default_scale)
{
    struct cdk_db *db = cdk_check_fresh_db();

    expect_value(db,
                 "SELECT string_agg(label || '=' || coalesce(value::text, "
                 "'-'), ', ' ORDER BY position) FROM ratings r "
                 "JOIN scales s ON s.id = r.scale_id WHERE s.is_default",
                 "True=5, Mostly true=4, Half true=3, Mostly false=2, "
                 "False=1, Misleading=-, Unverifiable=-");
    cdk_check_exec_fails(db,
                         "INSERT INTO ratings (scale_id, label, value, "
                         "position) SELECT id, 'Pants on fire', 0, 8 "
                         "FROM scales",
                         "23514");
    cdk_check_exec_fails(db,
                         "INSERT INTO scales (name, best_value, "
                         "worst_value, is_default) VALUES ('b', 1, 0, true)",
                         "23505");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_verdicts_evidence)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, ARTICLE);
    cdk_check_exec(db, CLAIM("", ""));
    cdk_check_exec(db, "INSERT INTO verdicts (claim_id, rating_id, "
                       "conclusion) SELECT c.id, r.id, 'It is false.' "
                       "FROM claims c, ratings r WHERE r.label = 'False'");
    expect_value(db, "SELECT reviewer = current_user FROM verdicts", "t");
    cdk_check_exec_fails(db,
                         "INSERT INTO verdicts (claim_id, rating_id, "
                         "conclusion) SELECT c.id, r.id, '  ' "
                         "FROM claims c, ratings r WHERE r.label = 'False'",
                         "23514");
    /* The approver is not the reviewer. */
    cdk_check_exec_fails(db,
                         "UPDATE verdicts SET approved_by = reviewer, "
                         "approved_at = now()",
                         "23514");
    cdk_check_exec(db, "INSERT INTO evidence (verdict_id, url, kind) "
                       "SELECT id, 'https://cbs.nl/x', 'dataset' "
                       "FROM verdicts");
    cdk_check_exec_fails(db,
                         "INSERT INTO evidence (verdict_id, url, kind) "
                         "SELECT id, 'https://x', 'rumour' FROM verdicts",
                         "23514");
    /* A correction supersedes once. */
    cdk_check_exec(db, "INSERT INTO verdicts (claim_id, rating_id, "
                       "conclusion, supersedes) SELECT claim_id, rating_id, "
                       "'Corrected.', id FROM verdicts");
    cdk_check_exec_fails(db,
                         "INSERT INTO verdicts (claim_id, rating_id, "
                         "conclusion, supersedes) SELECT claim_id, "
                         "rating_id, 'Again.', min(id) FROM verdicts "
                         "GROUP BY claim_id, rating_id",
                         "23505");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_transitions)
{
    struct cdk_db *db = cdk_check_fresh_db();

    expect_value(db,
                 "SELECT action FROM transitions WHERE from_status = 'new' "
                 "AND to_status = 'checkworthy'",
                 "triage");
    expect_value(db,
                 "SELECT count(*) FROM transitions WHERE to_status = "
                 "'duplicate' AND from_status = 'published'",
                 "0");
    expect_value(db,
                 "SELECT 'claimdesk_editor' = ANY(allowed_roles) FROM "
                 "transitions WHERE from_status = 'published'",
                 "t");
    cdk_check_exec_fails(db,
                         "INSERT INTO transitions (from_status, to_status, "
                         "action, allowed_roles) VALUES ('new', 'gone', "
                         "'x', '{claimdesk_editor}')",
                         "23514");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_roles)
{
    struct cdk_db *db = cdk_check_fresh_db();

    expect_value(db,
                 "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM "
                 "pg_roles WHERE rolname LIKE 'claimdesk\\_%'",
                 "claimdesk_admin,claimdesk_editor,claimdesk_importer,"
                 "claimdesk_reader,claimdesk_reviewer");
    expect_value(db,
                 "SELECT pg_has_role('claimdesk_admin', 'claimdesk_reader', "
                 "'USAGE') AND pg_has_role('claimdesk_editor', "
                 "'claimdesk_reviewer', 'USAGE') AND NOT pg_has_role("
                 "'claimdesk_reviewer', 'claimdesk_editor', 'USAGE')",
                 "t");
    cdk_check_exec(db, "SET ROLE claimdesk_importer");
    cdk_check_exec(db, ARTICLE);
    cdk_check_exec(db, CLAIM("", ""));
    cdk_check_exec_fails(db,
                         "INSERT INTO verdicts (claim_id, rating_id, "
                         "conclusion) SELECT c.id, r.id, 'x' FROM "
                         "claims c, ratings r LIMIT 1",
                         "42501");
    cdk_check_exec(db, "RESET ROLE");
    cdk_check_exec(db, "SET ROLE claimdesk_reader");
    expect_value(db, "SELECT count(*) FROM claims", "1");
    cdk_check_exec_fails(db, "DELETE FROM claims", "42501");
    cdk_check_exec_fails(db, "UPDATE claims SET text = 'y'", "42501");
    cdk_check_exec(db, "RESET ROLE");
    cdk_check_exec(db, "SET ROLE claimdesk_reviewer");
    cdk_check_exec_fails(db, "UPDATE claims SET text = 'y'", "42501");
    cdk_check_exec(db, "UPDATE claims SET assignee = current_user");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_events_ledger)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, "SET ROLE claimdesk_reviewer");
    cdk_check_exec(db, "INSERT INTO events (entity, entity_id, action, after, "
                       "actor) VALUES ('claim', 1, 'assign', "
                       "'{\"assignee\": \"ann\"}', 'forged')");
    cdk_check_exec(db, "RESET ROLE");
    cdk_check_exec(db, "INSERT INTO events (entity, entity_id, action, "
                       "before, after, note) VALUES ('claim', 1, 'verdict', "
                       "'{\"status\": \"in_review\"}', "
                       "'{\"status\": \"reviewed\"}', 'first look')");
    cdk_check_exec(db, "SET TIME ZONE 'America/New_York'");
    cdk_check_exec(db, "INSERT INTO events (entity, action) "
                       "VALUES ('import', 'start')");
    expect_value(db,
                 "SELECT string_agg(seq::text, ',' ORDER BY seq) "
                 "FROM events",
                 "1,2,3");
    /* The actor is the role, never what the caller wrote. */
    expect_value(db, "SELECT actor FROM events WHERE seq = 1",
                 "claimdesk_reviewer");
    expect_value(db,
                 "SELECT bool_and(prev_hash IS NOT DISTINCT FROM lag) FROM "
                 "(SELECT prev_hash, lag(hash) OVER (ORDER BY seq) FROM "
                 "events) x",
                 "t");
    expect_value(db, "SELECT events_verify() IS NULL", "t");

    ck_assert_int_eq(cdk_check_exec_fails(
                         db, "UPDATE events SET note = 'rewritten'", "42501"),
                     CDK_ERR_PERMISSION);
    cdk_check_exec_fails(db, "DELETE FROM events WHERE seq = 2", "42501");
    cdk_check_exec_fails(db, "TRUNCATE events", "42501");

    /* A superuser who bypasses the trigger is caught by the chain. */
    cdk_check_exec(db, "ALTER TABLE events DISABLE TRIGGER events_no_update");
    cdk_check_exec(db, "UPDATE events SET note = 'rewritten' WHERE seq = 2");
    cdk_check_exec(db, "ALTER TABLE events ENABLE TRIGGER events_no_update");
    expect_value(db, "SELECT events_verify()", "2");
    cdk_db_close(db);
}
END_TEST

START_TEST(test_events_delete_detected)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, "INSERT INTO events (entity, action) VALUES "
                       "('a', '1'), ('a', '2'), ('a', '3')");
    expect_value(db, "SELECT events_verify() IS NULL", "t");
    cdk_check_exec(db, "ALTER TABLE events DISABLE TRIGGER events_no_update");
    cdk_check_exec(db, "DELETE FROM events WHERE seq = 3");
    expect_value(db, "SELECT events_verify()", "3");
    cdk_db_close(db);
}
END_TEST

static void
expect_plan_uses(struct cdk_db *db, const char *sql, const char *index)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_rows rows = CDK_ROWS_INIT;
    struct cdk_buf plan = CDK_BUF_INIT;
    size_t r;

    ck_assert_int_eq(cdk_db_query(db, sql, 0, NULL, &rows, &err), 0);
    for (r = 0; r < rows.nrows; r++)
        cdk_buf_addf(&plan, "%s\n", rows.values[r * rows.ncols]);
    ck_assert_msg(strstr(plan.buf, index) != NULL, "%s not used:\n%s", index,
                  plan.buf);
    cdk_buf_release(&plan);
    cdk_rows_release(&rows);
}

START_TEST(test_text_indexes)
{
    struct cdk_db *db = cdk_check_fresh_db();

    cdk_check_exec(db, ARTICLE);
    cdk_check_exec(db, "INSERT INTO claims (article_id, ordinal, text, "
                       "span_start, span_end, checkworthiness) "
                       "SELECT a.id, g, 'The council will build ' || g || "
                       "' homes by 2030', 0, 10, (g % 10) / 10.0 "
                       "FROM articles a, generate_series(1, 500) g");
    cdk_check_exec(db, "ANALYZE claims");
    cdk_check_exec(db, "SET enable_seqscan = off");
    expect_plan_uses(db,
                     "EXPLAIN SELECT id FROM claims WHERE to_tsvector("
                     "'simple', text) @@ websearch_to_tsquery('simple', "
                     "'homes council')",
                     "claims_text_fts_idx");
    expect_plan_uses(db,
                     "EXPLAIN SELECT id FROM claims WHERE checkworthiness "
                     ">= 0.5 AND text % 'The council will build 42 homes' "
                     "ORDER BY text <-> 'The council will build 42 homes' "
                     "LIMIT 5",
                     "claims_text_trgm_idx");
    /* The nearest check-worthy claim comes first. */
    expect_value(db,
                 "SELECT text FROM claims WHERE checkworthiness >= 0.5 "
                 "ORDER BY text <-> 'The council will build 47 homes by "
                 "2030' LIMIT 1",
                 "The council will build 47 homes by 2030");
    cdk_db_close(db);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("v1");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_content_hash_unique);
    tcase_add_test(tc, test_claim_checks);
    tcase_add_test(tc, test_claim_names_match_core);
    tcase_add_test(tc, test_default_scale);
    tcase_add_test(tc, test_verdicts_evidence);
    tcase_add_test(tc, test_transitions);
    tcase_add_test(tc, test_roles);
    tcase_add_test(tc, test_events_ledger);
    tcase_add_test(tc, test_events_delete_detected);
    tcase_add_test(tc, test_text_indexes);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    cdk_testdb_require();
    return cdk_test_run_suite(suite());
}
