-- claimdesk schema, part 2: rating scales, verdicts and their evidence,
-- and the workflow's transition table (DESIGN §3, §4). The functions that
-- move a claim through the workflow come with the workflow; the rows that
-- say which moves exist and who may make them are here.

-- Rating scales as data. best_value/worst_value bound the numeric range
-- (ClaimReview bestRating/worstRating); a rating whose value is NULL lies
-- outside it (Misleading, Unverifiable).
CREATE TABLE claimdesk.scales (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> ''),
    description text,
    best_value numeric NOT NULL,
    worst_value numeric NOT NULL,
    direction text NOT NULL DEFAULT 'higher_is_truer'
        CHECK (direction IN ('higher_is_truer', 'lower_is_truer')),
    is_default boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (best_value <> worst_value)
);
-- At most one default scale.
CREATE UNIQUE INDEX scales_default_key ON claimdesk.scales (is_default)
    WHERE is_default;

CREATE TABLE claimdesk.ratings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scale_id bigint NOT NULL REFERENCES claimdesk.scales ON DELETE CASCADE,
    label text NOT NULL CHECK (label <> ''),
    value numeric,
    position integer NOT NULL,
    description text,
    -- ClaimReview reviewRating.alternateName (defaults to the label).
    claimreview_name text,
    UNIQUE (scale_id, label),
    UNIQUE (scale_id, position)
);

-- A numeric rating must lie within its scale's range.
CREATE FUNCTION claimdesk.ratings_check_range() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    s claimdesk.scales;
BEGIN
    IF NEW.value IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT * INTO s FROM claimdesk.scales WHERE id = NEW.scale_id;
    IF NEW.value < least(s.best_value, s.worst_value)
       OR NEW.value > greatest(s.best_value, s.worst_value) THEN
        RAISE EXCEPTION 'rating "%" value % is outside scale "%" (% to %)',
            NEW.label, NEW.value, s.name, s.worst_value, s.best_value
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ratings_check_range
    BEFORE INSERT OR UPDATE ON claimdesk.ratings
    FOR EACH ROW EXECUTE FUNCTION claimdesk.ratings_check_range();

WITH s AS (
    INSERT INTO claimdesk.scales
        (name, description, best_value, worst_value, is_default)
    VALUES ('default',
            'True to False, plus Misleading and Unverifiable outside the '
            'numeric range', 5, 1, true)
    RETURNING id
)
INSERT INTO claimdesk.ratings
    (scale_id, label, value, position, description, claimreview_name)
SELECT s.id, r.label, r.value, r.position, r.description, r.label
FROM s, (VALUES
    ('True', 5, 1, 'accurate, nothing significant missing'),
    ('Mostly true', 4, 2, 'accurate but needs clarification or context'),
    ('Half true', 3, 3, 'partly accurate, leaves out important details'),
    ('Mostly false', 2, 4, 'contains an element of truth but misleads'),
    ('False', 1, 5, 'not accurate'),
    ('Misleading', NULL, 6, 'accurate facts arranged to mislead'),
    ('Unverifiable', NULL, 7, 'cannot be checked with the evidence available')
) AS r(label, value, position, description);

-- Verdicts: a reviewer's rating of a claim with a one-sentence conclusion.
-- A correction is a new verdict that supersedes the old one (which stays).
CREATE TABLE claimdesk.verdicts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id bigint NOT NULL REFERENCES claimdesk.claims,
    reviewer text NOT NULL DEFAULT current_user,
    rating_id bigint NOT NULL REFERENCES claimdesk.ratings,
    conclusion text NOT NULL CHECK (btrim(conclusion) <> ''),
    explanation text,
    created_at timestamptz NOT NULL DEFAULT now(),
    supersedes bigint UNIQUE REFERENCES claimdesk.verdicts,
    approved_by text,
    approved_at timestamptz,
    published_at timestamptz,
    CHECK (supersedes <> id),
    CHECK (approved_by IS NULL OR approved_by <> reviewer),
    CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
    CHECK (published_at IS NULL OR approved_at IS NOT NULL)
);
CREATE INDEX verdicts_claim_idx ON claimdesk.verdicts (claim_id);
CREATE INDEX verdicts_rating_idx ON claimdesk.verdicts (rating_id);

CREATE TABLE claimdesk.evidence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    verdict_id bigint NOT NULL REFERENCES claimdesk.verdicts
        ON DELETE CASCADE,
    url text NOT NULL CHECK (url <> ''),
    title text,
    publisher text,
    kind text NOT NULL
        CHECK (kind IN ('primary_document', 'official_statement', 'expert',
                        'dataset', 'media', 'archive')),
    excerpt text,
    accessed_at timestamptz,
    archived_url text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_verdict_idx ON claimdesk.evidence (verdict_id);

-- The workflow (DESIGN §4) as data: which status may follow which,
-- through which command, and which roles may make the move. The workflow
-- functions consult this table; guards live in those functions.
CREATE TABLE claimdesk.transitions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_status claimdesk.claim_status NOT NULL,
    to_status claimdesk.claim_status NOT NULL,
    action text NOT NULL,
    allowed_roles text[] NOT NULL,
    note text,
    UNIQUE (from_status, to_status),
    CHECK (from_status <> to_status),
    CHECK (cardinality(allowed_roles) > 0)
);

INSERT INTO claimdesk.transitions
    (from_status, to_status, action, allowed_roles, note)
VALUES
    ('new', 'checkworthy', 'triage', '{claimdesk_editor}',
     'worth checking'),
    ('new', 'dismissed', 'triage', '{claimdesk_editor}',
     'not worth checking'),
    ('checkworthy', 'dismissed', 'triage', '{claimdesk_editor}',
     'changed mind'),
    ('dismissed', 'checkworthy', 'triage', '{claimdesk_editor}',
     'changed mind'),
    ('checkworthy', 'in_review', 'assign',
     '{claimdesk_reviewer,claimdesk_editor}',
     'taken by a reviewer (claimdesk next) or assigned by an editor'),
    ('in_review', 'checkworthy', 'unassign',
     '{claimdesk_reviewer,claimdesk_editor}', 'handed back'),
    ('in_review', 'reviewed', 'verdict', '{claimdesk_reviewer}',
     'needs a rating, a conclusion and at least one evidence link'),
    ('reviewed', 'approved', 'approve', '{claimdesk_editor}',
     'the approver is not the reviewer'),
    ('reviewed', 'in_review', 'send-back', '{claimdesk_editor}',
     'sent back to the reviewer'),
    ('approved', 'in_review', 'send-back', '{claimdesk_editor}',
     'sent back before publication'),
    ('approved', 'published', 'publish', '{claimdesk_editor}', NULL),
    ('published', 'reopened', 'reopen', '{claimdesk_editor}',
     'a correction: needs a reason; the new verdict supersedes the old'),
    ('reopened', 'in_review', 'assign',
     '{claimdesk_reviewer,claimdesk_editor}', 'the correction is reviewed'),
    ('new', 'duplicate', 'merge', '{claimdesk_editor,claimdesk_importer}',
     'merged into a canonical claim'),
    ('checkworthy', 'duplicate', 'merge', '{claimdesk_editor}',
     'merged into a canonical claim'),
    ('in_review', 'duplicate', 'merge', '{claimdesk_editor}',
     'merged into a canonical claim'),
    ('reviewed', 'duplicate', 'merge', '{claimdesk_editor}',
     'merged into a canonical claim'),
    ('approved', 'duplicate', 'merge', '{claimdesk_editor}',
     'merged into a canonical claim'),
    ('dismissed', 'duplicate', 'merge', '{claimdesk_editor}',
     'merged into a canonical claim'),
    ('duplicate', 'new', 'unmerge', '{claimdesk_editor}',
     'not the same claim after all');
