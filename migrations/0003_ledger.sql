-- claimdesk schema, part 3: the append-only audit ledger (DESIGN §3).
--
-- Each event row carries seq (its place in the chain), prev_hash (the
-- previous row's hash) and hash = sha256(prev_hash || canonical text of
-- this row), so rewriting or removing any row breaks every later hash and
-- claimdesk.events_verify() finds it. The BEFORE INSERT trigger fills
-- actor (current_user: never taken from the caller), at, seq and the
-- hashes. It serialises writers with an advisory transaction lock and
-- reads the chain head from events_head FOR UPDATE, so even under
-- REPEATABLE READ two writers cannot fork the chain (the later one gets a
-- serialization failure and retries). UPDATE, DELETE and TRUNCATE are
-- refused by triggers.

CREATE TABLE claimdesk.events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq bigint NOT NULL UNIQUE,
    actor text NOT NULL DEFAULT current_user,
    at timestamptz NOT NULL DEFAULT now(),
    entity text NOT NULL CHECK (entity <> ''),
    entity_id bigint,
    action text NOT NULL CHECK (action <> ''),
    before jsonb,
    after jsonb,
    note text,
    prev_hash bytea,
    hash bytea NOT NULL
);
CREATE INDEX events_entity_idx ON claimdesk.events (entity, entity_id);
CREATE INDEX events_at_idx ON claimdesk.events (at);

-- The chain head: one row, locked by every insert. The trigger runs as
-- the inserting role (so actor is that role), which therefore needs
-- UPDATE here; a role that moves the head by hand breaks the chain for
-- events_verify() to see, it cannot hide a rewrite.
CREATE TABLE claimdesk.events_head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash bytea
);
INSERT INTO claimdesk.events_head (id, seq, hash) VALUES (1, 0, NULL);

-- The canonical text a row's hash covers: independent of the session's
-- TimeZone and DateStyle.
CREATE FUNCTION claimdesk.event_hash(prev bytea, seq bigint, actor text,
    at timestamptz, entity text, entity_id bigint, action text,
    before jsonb, after jsonb, note text) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(coalesce(prev, '\x'::bytea) || convert_to(
        jsonb_build_array(seq, actor,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            entity, entity_id, action, before, after, note)::text,
        'UTF8'))
$$;

CREATE FUNCTION claimdesk.events_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = claimdesk, pg_catalog AS $$
DECLARE
    head claimdesk.events_head;
BEGIN
    PERFORM pg_advisory_xact_lock(7164786066815857516);
    SELECT * INTO head FROM claimdesk.events_head WHERE id = 1 FOR UPDATE;
    NEW.actor := current_user;
    NEW.at := now();
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.hash;
    NEW.hash := claimdesk.event_hash(NEW.prev_hash, NEW.seq, NEW.actor,
        NEW.at, NEW.entity, NEW.entity_id, NEW.action, NEW.before, NEW.after,
        NEW.note);
    UPDATE claimdesk.events_head SET seq = NEW.seq, hash = NEW.hash
    WHERE id = 1;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_chain BEFORE INSERT ON claimdesk.events
    FOR EACH ROW EXECUTE FUNCTION claimdesk.events_chain();

CREATE FUNCTION claimdesk.events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the events ledger is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON claimdesk.events
    FOR EACH ROW EXECUTE FUNCTION claimdesk.events_refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON claimdesk.events
    FOR EACH STATEMENT EXECUTE FUNCTION claimdesk.events_refuse_change();
CREATE TRIGGER events_head_no_truncate BEFORE TRUNCATE ON claimdesk.events_head
    FOR EACH STATEMENT EXECUTE FUNCTION claimdesk.events_refuse_change();

-- The first seq whose hash does not match its content and predecessor, or
-- NULL when the whole chain is intact (claimdesk audit verify).
CREATE FUNCTION claimdesk.events_verify() RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
    e claimdesk.events;
    prev bytea := NULL;
    expect bigint := 1;
BEGIN
    FOR e IN SELECT * FROM claimdesk.events ORDER BY seq LOOP
        IF e.seq <> expect
           OR e.prev_hash IS DISTINCT FROM prev
           OR e.hash <> claimdesk.event_hash(prev, e.seq, e.actor, e.at,
                  e.entity, e.entity_id, e.action, e.before, e.after, e.note)
        THEN
            RETURN expect;
        END IF;
        prev := e.hash;
        expect := expect + 1;
    END LOOP;
    IF (SELECT seq FROM claimdesk.events_head) <> expect - 1 THEN
        RETURN expect;
    END IF;
    RETURN NULL;
END
$$;
