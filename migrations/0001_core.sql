-- claimdesk schema, part 1: where claims come from and the claims
-- themselves (DESIGN §3). Every key is a bigint identity column, GENERATED
-- ALWAYS so that COPY cannot set it; kinds and statuses are text with
-- CHECK constraints whose strings match core/claim.h's name functions.
-- Runs inside the transaction the migration runner opens: no BEGIN/COMMIT.

CREATE SCHEMA IF NOT EXISTS claimdesk;

CREATE DOMAIN claimdesk.claim_status AS text
    CHECK (VALUE IN ('new', 'checkworthy', 'in_review', 'reviewed',
                     'approved', 'published', 'dismissed', 'duplicate',
                     'reopened'));

-- Publishers. Upserted by name on import; the domain is unique when known.
CREATE TABLE claimdesk.outlets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> ''),
    domain text UNIQUE CHECK (domain <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per import run (claimdesk import): who, when, what it did.
CREATE TABLE claimdesk.imports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin text NOT NULL,
    actor text NOT NULL DEFAULT current_user,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz CHECK (finished_at >= started_at),
    files integer NOT NULL DEFAULT 0 CHECK (files >= 0),
    articles_new integer NOT NULL DEFAULT 0 CHECK (articles_new >= 0),
    articles_duplicate integer NOT NULL DEFAULT 0
        CHECK (articles_duplicate >= 0),
    articles_failed integer NOT NULL DEFAULT 0 CHECK (articles_failed >= 0),
    claims integer NOT NULL DEFAULT 0 CHECK (claims >= 0)
);

-- Per-file (and per-line) errors of an import run.
CREATE TABLE claimdesk.import_errors (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id bigint NOT NULL REFERENCES claimdesk.imports ON DELETE CASCADE,
    file text NOT NULL,
    line integer CHECK (line >= 0),
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_errors_import_idx ON claimdesk.import_errors (import_id);

-- Articles. content_hash (sha256 of the normalised body, computed by the
-- importer) is unique: re-importing the same article is a no-op.
CREATE TABLE claimdesk.articles (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outlet_id bigint REFERENCES claimdesk.outlets,
    url text,
    title text,
    author text,
    published_at timestamptz,
    language text,
    body text NOT NULL,
    content_hash bytea NOT NULL UNIQUE
        CHECK (octet_length(content_hash) = 32),
    source_format text NOT NULL DEFAULT 'text'
        CHECK (source_format IN ('text', 'markdown', 'html', 'json',
                                 'jsonl', 'csv', 'claimreview')),
    import_id bigint REFERENCES claimdesk.imports,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_outlet_idx ON claimdesk.articles (outlet_id);
CREATE INDEX articles_import_idx ON claimdesk.articles (import_id);
CREATE INDEX articles_published_idx ON claimdesk.articles (published_at);

-- Claims. span_start/span_end are character (code point) offsets into
-- articles.body, half open. duplicate_of_ordinal carries the extractor's
-- "same claim as ordinal N in this article" through COPY (which cannot
-- know ids); the importer then sets canonical_claim_id. row_version is
-- for optimistic concurrency: writers compare and increment it.
CREATE TABLE claimdesk.claims (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES claimdesk.articles,
    ordinal integer NOT NULL CHECK (ordinal > 0),
    text text NOT NULL CHECK (text <> ''),
    sentence text,
    span_start integer NOT NULL CHECK (span_start >= 0),
    span_end integer NOT NULL,
    claimant text,
    claimant_kind text NOT NULL DEFAULT 'article'
        CHECK (claimant_kind IN ('article', 'person', 'organisation',
                                 'outlet', 'anonymous')),
    cue text,
    modality text NOT NULL DEFAULT 'asserted'
        CHECK (modality IN ('asserted', 'reported', 'proposed', 'offered',
                            'predicted', 'denied', 'quoted_opinion')),
    claim_type text NOT NULL DEFAULT 'other'
        CHECK (claim_type IN ('other', 'quantity', 'event', 'causal', 'law',
                              'prediction')),
    checkworthiness double precision NOT NULL DEFAULT 0
        CHECK (checkworthiness >= 0 AND checkworthiness <= 1),
    status claimdesk.claim_status NOT NULL DEFAULT 'new',
    assignee text,
    canonical_claim_id bigint REFERENCES claimdesk.claims,
    duplicate_of_ordinal integer,
    row_version integer NOT NULL DEFAULT 1 CHECK (row_version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (article_id, ordinal),
    CHECK (span_end >= span_start),
    CHECK (canonical_claim_id <> id),
    CHECK (duplicate_of_ordinal > 0 AND duplicate_of_ordinal < ordinal)
);
-- The work queue (claimdesk next: best check-worthiness first).
CREATE INDEX claims_status_idx
    ON claimdesk.claims (status, checkworthiness DESC);
CREATE INDEX claims_canonical_idx ON claimdesk.claims (canonical_claim_id)
    WHERE canonical_claim_id IS NOT NULL;
CREATE INDEX claims_assignee_idx ON claimdesk.claims (assignee)
    WHERE assignee IS NOT NULL;

-- Every source a claim has: the article and outlet it appeared in, each
-- named or anonymous party it is attributed to, each outlet reporting it.
CREATE TABLE claimdesk.sources (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL
        CHECK (kind IN ('article', 'outlet', 'person', 'organisation',
                        'anonymous')),
    name text,
    article_id bigint REFERENCES claimdesk.articles,
    outlet_id bigint REFERENCES claimdesk.outlets,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'article' OR article_id IS NOT NULL),
    CHECK (kind <> 'outlet' OR outlet_id IS NOT NULL),
    CHECK (kind NOT IN ('person', 'organisation') OR name <> '')
);
-- One source row per article, per outlet and per named party.
CREATE UNIQUE INDEX sources_article_key ON claimdesk.sources (article_id)
    WHERE kind = 'article';
CREATE UNIQUE INDEX sources_outlet_key ON claimdesk.sources (outlet_id)
    WHERE kind = 'outlet';
CREATE UNIQUE INDEX sources_party_key ON claimdesk.sources (kind, name)
    WHERE kind IN ('person', 'organisation');

CREATE TABLE claimdesk.claim_sources (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id bigint NOT NULL REFERENCES claimdesk.claims ON DELETE CASCADE,
    source_id bigint NOT NULL REFERENCES claimdesk.sources,
    role text NOT NULL
        CHECK (role IN ('appeared_in', 'attributed_to', 'reported_by')),
    cue text,
    UNIQUE (claim_id, source_id, role)
);
CREATE INDEX claim_sources_source_idx ON claimdesk.claim_sources (source_id);
