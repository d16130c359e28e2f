-- Every source a claim has, in one place (DESIGN §3).
--
-- claim_sources holds the links that are facts of their own: the parties
-- a claim is attributed to (attributed_to) and the outlets reporting it
-- (reported_by), plus any link added by hand. The article a claim
-- appeared in, and that article's outlet, are already exact facts of
-- claims.article_id and articles.outlet_id; storing them again as a row
-- per claim would double the rows written at import (an RI-checked row
-- per claim: measured at 2.2 s of a 9.6 s import of news-bbc, 40k rows)
-- for nothing a join cannot give. This view adds them back, so readers
-- see every source of every claim as one relation.
CREATE VIEW claimdesk.claim_sources_all (claim_id, source_id, role, cue) AS
SELECT c.id, s.id, 'appeared_in'::text, NULL::text
FROM claimdesk.claims c
JOIN claimdesk.sources s ON s.kind = 'article' AND s.article_id = c.article_id
UNION ALL
SELECT c.id, s.id, 'appeared_in'::text, NULL::text
FROM claimdesk.claims c
JOIN claimdesk.articles a ON a.id = c.article_id
JOIN claimdesk.sources s ON s.kind = 'outlet' AND s.outlet_id = a.outlet_id
UNION ALL
SELECT claim_id, source_id, role, cue
FROM claimdesk.claim_sources;

GRANT SELECT ON claimdesk.claim_sources_all TO claimdesk_reader;
