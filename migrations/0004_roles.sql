-- claimdesk schema, part 4: the five roles and what each may do
-- (DESIGN §4). Roles are cluster-wide while migrations run per database,
-- so they are created only when missing, tolerating a concurrent
-- migration in another database creating the same role meanwhile.
-- Roles nest: reviewer includes reader, editor includes reviewer, admin
-- includes editor and importer. The workflow functions (later) do the
-- status changes; until then editors may update claims directly.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['claimdesk_reader', 'claimdesk_reviewer',
                             'claimdesk_editor', 'claimdesk_importer',
                             'claimdesk_admin'] LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

DO $$
DECLARE
    m text[];
BEGIN
    FOREACH m SLICE 1 IN ARRAY ARRAY[
            ['claimdesk_reader', 'claimdesk_reviewer'],
            ['claimdesk_reviewer', 'claimdesk_editor'],
            ['claimdesk_reader', 'claimdesk_importer'],
            ['claimdesk_editor', 'claimdesk_admin'],
            ['claimdesk_importer', 'claimdesk_admin']] LOOP
        IF NOT EXISTS (
            SELECT FROM pg_catalog.pg_auth_members am
            JOIN pg_catalog.pg_roles g ON g.oid = am.roleid
            JOIN pg_catalog.pg_roles u ON u.oid = am.member
            WHERE g.rolname = m[1] AND u.rolname = m[2]) THEN
            BEGIN
                EXECUTE format('GRANT %I TO %I', m[1], m[2]);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA claimdesk TO claimdesk_reader;

-- Readers read everything.
GRANT SELECT ON ALL TABLES IN SCHEMA claimdesk TO claimdesk_reader;
GRANT EXECUTE ON FUNCTION claimdesk.events_verify() TO claimdesk_reader;

-- Everyone who writes leaves events behind.
GRANT INSERT ON claimdesk.events TO claimdesk_reviewer, claimdesk_importer;
GRANT UPDATE ON claimdesk.events_head
    TO claimdesk_reviewer, claimdesk_importer;

-- Reviewers log verdicts and their evidence.
GRANT INSERT ON claimdesk.verdicts, claimdesk.evidence TO claimdesk_reviewer;
GRANT UPDATE (status, assignee, row_version) ON claimdesk.claims
    TO claimdesk_reviewer;

-- Editors triage, assign, approve, publish, merge; they keep the scales.
GRANT UPDATE (status, assignee, canonical_claim_id, row_version)
    ON claimdesk.claims TO claimdesk_editor;
GRANT UPDATE (approved_by, approved_at, published_at) ON claimdesk.verdicts
    TO claimdesk_editor;
GRANT INSERT, UPDATE ON claimdesk.scales, claimdesk.ratings
    TO claimdesk_editor;

-- Importers store articles and their claims and sources.
GRANT INSERT ON claimdesk.outlets, claimdesk.articles, claimdesk.claims,
    claimdesk.sources, claimdesk.claim_sources, claimdesk.imports,
    claimdesk.import_errors TO claimdesk_importer;
GRANT UPDATE ON claimdesk.imports, claimdesk.outlets TO claimdesk_importer;
GRANT UPDATE (canonical_claim_id, status, row_version) ON claimdesk.claims
    TO claimdesk_importer;

-- Admins may do anything to claimdesk's tables (but the ledger's triggers
-- still refuse rewriting events).
GRANT ALL ON ALL TABLES IN SCHEMA claimdesk TO claimdesk_admin;
GRANT ALL ON SCHEMA claimdesk TO claimdesk_admin;

GRANT USAGE ON ALL SEQUENCES IN SCHEMA claimdesk TO claimdesk_reviewer,
    claimdesk_importer, claimdesk_admin;

-- Tables added by later migrations stay readable.
ALTER DEFAULT PRIVILEGES IN SCHEMA claimdesk
    GRANT SELECT ON TABLES TO claimdesk_reader;
