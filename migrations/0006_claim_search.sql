-- claimdesk schema, part 5: finding claims by their text.
--
-- Two indexes on claims.text, chosen with bench/copy_claims.sh (COPY of
-- 100,000 claim rows with real PolitiFact sentences into claims as
-- migrated, each variant in its own clone of one template, same run, best
-- of 2, on the shared 2-core build machine; rows/s, ratio to no text
-- index, and the time of one "most similar check-worthy claims" lookup):
--
--   variant                                    rows/s  ratio  ms/lookup
--   bare table: PK + one btree, no FK          103092      -          -
--   claims as migrated, no text index           39635   1.00       1443
--   + full-text GIN                             29691   0.75       1206
--   + trigram GIN                               10641   0.27        430
--   + trigram GIN, pending list 32 MB           13577   0.34        359
--   + trigram GIN, fastupdate off            ~  1600   0.02          -
--   + trigram GiST                              22820   0.58        188
--   + trigram GIN partial (cw >= 0.5)           20341   0.51        195
--   + trigram GiST partial (cw >= 0.5)          23781   0.60        154
--   + full-text GIN + trigram GIN                6054   0.15        485
--   + full-text GIN + trigram GiST               6376   0.16        405
--   + full-text GIN + trigram GIN partial        7727   0.19        248
--   + full-text GIN + trigram GiST partial       9826   0.25        180
--
-- (An earlier run on a quieter machine: no text index 88339 rows/s,
-- full-text GIN 27092, trigram GIN 17421, trigram GiST 24148, trigram
-- GIN partial 27987, full-text + trigram GIN 11214 rows/s.)
--
-- The choice:
-- * Full-text search over every claim: an expression GIN index on
--   to_tsvector('simple', text) ('simple': claims come in many languages;
--   no stemming). Query with the same expression:
--     WHERE to_tsvector('simple', text) @@ websearch_to_tsquery('simple', $1)
-- * Similarity ("is this claim known already?" at import, claimdesk
--   similar) over check-worthy claims only: a trigram GiST index WHERE
--   checkworthiness >= 0.5. GiST because it inserts faster than GIN here
--   and answers "the k nearest" directly (ORDER BY text <-> $1 LIMIT k);
--   GIN cannot order and was slower per lookup on sentence-long texts.
--   Partial because matching matters for claims worth checking, and it
--   halves what the index costs at COPY. Queries must repeat the
--   predicate with the literal 0.5 (a $n parameter would not let the
--   planner use the index):
--     WHERE checkworthiness >= 0.5 AND text % $1::text
--     ORDER BY text <-> $1::text LIMIT 5
-- Together they cost about three quarters of COPY speed into claims
-- (0.25 of no text index); the trigram index alone on every claim would
-- have cost as much as both together do.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE INDEX claims_text_fts_idx ON claimdesk.claims
    USING gin (to_tsvector('simple'::regconfig, text));

CREATE INDEX claims_text_trgm_idx ON claimdesk.claims
    USING gist (text public.gist_trgm_ops)
    WHERE checkworthiness >= 0.5;
