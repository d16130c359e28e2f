#!/usr/bin/env bash
# claimdesk report end to end: the seed article imported into a fresh
# database, then every format checked by a parser (jq for JSON and JSON
# Lines), the exact CSV header, formula neutralisation, filters, claim id
# order, -o written atomically, and the exit statuses (0, 1 on a full
# disk, 2 on mistakes, 7 without a database).
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
need_cluster
cd "$(mktemp -d /tmp/cdk-cli-report.XXXXXX)"
trap 'rm -rf "$PWD" "$t_out" "$t_err"' EXIT
db=$(fresh_db)
cdk() { "$claimdesk" --db "$db" "$@"; }
q() { psql -X -qtA -v ON_ERROR_STOP=1 "$db" -c "$1"; }

header='claim_id,claim_text,sentence,article_id,article_title,article_url,outlet,article_published_at,claimant,claimant_kind,cue,modality,claim_type,checkworthiness,status,assignee,canonical_claim_id,rating,rating_value,scale,conclusion,explanation,reviewer,reviewed_at,approver,approved_at,published_at,evidence_urls,earlier_verdicts'

# An empty database: a header and nothing else; JSON an empty array.
expect_status 0 cdk report
[ "$(tr -d '\r' <"$t_out")" = "$header" ] || fail "empty CSV: $out"
expect_status 0 cdk report --format json
[ "$(jq length "$t_out")" = 0 ] || fail "empty JSON"
expect_status 0 cdk report --format jsonl
[ -z "$out" ] || fail "empty JSONL: $out"

seed=$CLAIMDESK_SOURCE_DIR/seeds/nrc-council-article.txt
expect_status 0 cdk import --outlet 'Seed Gazette' --published 2024-03-05 "$seed"
printf 'Harbour news\n\nThe port handled 3.2 million containers in 2021, the harbour master said.\n' |
    cdk import --outlet 'Harbour Times' --published 2022-01-05 - >/dev/null 2>&1 ||
    fail "second import"
nclaims=$(q "SELECT count(*) FROM claimdesk.claims")
[ "$nclaims" -gt 5 ] || fail "the seed gave only $nclaims claims"
seed_claims=$(q "SELECT count(*) FROM claimdesk.claims c JOIN claimdesk.articles a ON a.id = c.article_id WHERE a.id = 1")

# Claims that a spreadsheet would run, one with a comma, quote and line
# break, and a verdict with evidence and an earlier, superseded one.
q "UPDATE claimdesk.claims SET text = '=HYPERLINK(\"http://evil.example\",\"x\")' WHERE id = 1"
q "UPDATE claimdesk.claims SET text = '+1 (555) 0100, \"quoted\"' || chr(10) || 'next line' WHERE id = 2"
q "UPDATE claimdesk.claims SET text = '@SUM(A1:A2)', claimant = '-2+3' WHERE id = 3"
q "INSERT INTO claimdesk.verdicts (claim_id, reviewer, rating_id, conclusion, created_at)
   SELECT 4, 'alice', id, 'First look.', '2024-03-06 09:00:00+00' FROM claimdesk.ratings WHERE label = 'Half true'"
q "INSERT INTO claimdesk.verdicts (claim_id, reviewer, rating_id, conclusion, created_at, supersedes, approved_by, approved_at)
   SELECT 4, 'bob', r.id, 'Corrected.', '2024-03-07 09:00:00+00', v.id, 'carol', '2024-03-07 10:00:00+00'
   FROM claimdesk.ratings r, claimdesk.verdicts v WHERE r.label = 'Mostly true' AND v.claim_id = 4"
q "INSERT INTO claimdesk.evidence (verdict_id, url, kind)
   SELECT id, u, 'primary_document' FROM claimdesk.verdicts, (VALUES ('https://a.example/1'), ('https://b.example/2')) AS x(u)
   WHERE reviewer = 'bob'"

# CSV: the header, one record per claim (RFC 4180 fields can hold line
# breaks, so count records with a CSV-aware awk), formulas neutralised.
expect_status 0 cdk report --format csv
head -n 1 "$t_out" | tr -d '\r' | grep -qx -- "$header" || fail "CSV header"
grep -q "^1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"," "$t_out" ||
    fail "=formula not neutralised"
grep -q "^2,\"'+1 (555) 0100, \"\"quoted\"\"" "$t_out" || fail "+formula not neutralised"
grep -q "^3,'@SUM(A1:A2)," "$t_out" || fail "@formula not neutralised"
grep -q ",'-2+3," "$t_out" || fail "-formula in claimant not neutralised"
records=$(awk 'BEGIN { RS = "\r\n" } { q += gsub(/"/, "\""); if (q % 2 == 0) { n++; q = 0 } } END { print n }' "$t_out")
[ "$records" -eq $((nclaims + 1)) ] || fail "CSV has $records records, want $((nclaims + 1))"
grep -q 'https://a.example/1'$'\n''https://b.example/2' "$t_out" ||
    fail "evidence URLs not one per line"

# JSON: an array of objects, keys in order, types, claim id order.
expect_status 0 cdk report --format json
[ "$(jq length "$t_out")" = "$nclaims" ] || fail "JSON length"
[ "$(jq -r '.[0] | keys_unsorted | join(",")' "$t_out")" = "$header" ] ||
    fail "JSON keys: $(jq -c '.[0] | keys_unsorted' "$t_out")"
jq -e '[.[].claim_id] as $ids | $ids == ($ids | sort) and ($ids | unique | length) == length' "$t_out" >/dev/null ||
    fail "JSON not in claim id order"
jq -e 'all(.[]; (.claim_id | type) == "number" and (.checkworthiness | type) == "number"
    and (.evidence_urls | type) == "array" and (.earlier_verdicts | type) == "array")' "$t_out" >/dev/null ||
    fail "JSON types"
jq -e '.[] | select(.claim_id == 4) | .rating == "Mostly true" and .rating_value == 4
    and .reviewer == "bob" and .approver == "carol" and .approved_at == "2024-03-07T10:00:00+00:00"
    and .evidence_urls == ["https://a.example/1", "https://b.example/2"]
    and (.earlier_verdicts | length) == 1 and .earlier_verdicts[0].rating == "Half true"' "$t_out" >/dev/null ||
    fail "verdict columns: $(jq -c '.[] | select(.claim_id == 4)' "$t_out")"
jq -e '.[] | select(.claim_id == 5) | .rating == null and .reviewed_at == null' "$t_out" >/dev/null ||
    fail "a claim without a verdict has null verdict columns"
jq -e '.[0].claim_text | startswith("=HYPERLINK")' "$t_out" >/dev/null ||
    fail "JSON must not neutralise formulas"

# JSON Lines: one valid object per line, the same rows.
expect_status 0 cdk report --format jsonl
[ "$(wc -l <"$t_out")" -eq "$nclaims" ] || fail "JSONL lines"
jq -e -s 'length as $n | map(type == "object") | all and $n > 0' "$t_out" >/dev/null || fail "JSONL objects"
while IFS= read -r line; do
    printf '%s\n' "$line" | jq -e 'type == "object"' >/dev/null || fail "JSONL line: $line"
done <"$t_out"

# Markdown: a heading per article, one section per claim.
expect_status 0 cdk report --format markdown
contains "# Claims" "$out"
contains "### Claim 4" "$out"
contains "verdict: **Mostly true**" "$out"
contains "$nclaims claims." "$out"

# Filters.
expect_status 0 cdk report --format jsonl --article 1
[ "$(wc -l <"$t_out")" -eq "$seed_claims" ] || fail "--article 1"
expect_status 0 cdk report --format jsonl --outlet 'harbour times'
jq -e -s 'length > 0 and all(.outlet == "Harbour Times")' "$t_out" >/dev/null || fail "--outlet"
expect_status 0 cdk report --format jsonl --since 2024-01-01
jq -e -s "length == $seed_claims" "$t_out" >/dev/null || fail "--since"
expect_status 0 cdk report --format jsonl --until 2022-01-05
jq -e -s 'length > 0 and all(.outlet == "Harbour Times")' "$t_out" >/dev/null || fail "--until (a whole day)"
expect_status 0 cdk report --format jsonl --until '2022-01-04 23:59:59+00'
[ -z "$out" ] || fail "--until a time"
q "UPDATE claimdesk.claims SET status = 'dismissed' WHERE id IN (5, 6)"
expect_status 0 cdk report --format jsonl --status dismissed
jq -e -s '[.[].claim_id] == [5, 6]' "$t_out" >/dev/null || fail "--status"
expect_status 0 cdk report --format jsonl --status dismissed,new
[ "$(wc -l <"$t_out")" -eq "$(q "SELECT count(*) FROM claimdesk.claims WHERE status IN ('dismissed', 'new')")" ] ||
    fail "--status list"
expect_status 0 cdk report --format jsonl --reviewer bob
jq -e -s '[.[].claim_id] == [4]' "$t_out" >/dev/null || fail "--reviewer"

# -o: written atomically, nothing left beside it; replaced on a re-run.
expect_status 0 cdk report --format json -o report.json
[ "$(jq length report.json)" = "$nclaims" ] || fail "-o content"
contains "$nclaims claims written to 'report.json'" "$err"
echo old >report.csv
expect_status 0 cdk --quiet report -o report.csv
head -n 1 report.csv | tr -d '\r' | grep -qx -- "$header" || fail "-o did not replace the file"
[ -z "$err" ] || fail "--quiet: $err"
[ "$(ls -A | grep -c tmp)" = 0 ] || fail "temporary files left: $(ls -A)"
expect_status 1 cdk report -o nosuchdir/report.csv
# A failure leaves the old file alone.
expect_status 2 cdk report --status bogus -o report.csv
head -n 1 report.csv | tr -d '\r' | grep -qx -- "$header" || fail "old file damaged"

# A full disk fails, never exits 0: on stdout and with -o.
run cdk report --format csv
expect_status 1 sh -c "'$claimdesk' --db '$db' report --format jsonl >/dev/full"
contains "could not write" "$err"
expect_status 1 cdk report --format json -o /dev/full
contains "No space left" "$err"
[ -c /dev/full ] || fail "/dev/full was replaced"

# Mistakes: exit 2 with a hint; no database: exit 7.
expect_status 2 cdk report --format xml
contains "Try 'claimdesk report --help'" "$err"
expect_status 2 cdk report --format claimreview
expect_status 2 cdk report --status bogus
expect_status 2 cdk report --article abc
expect_status 2 cdk report --since 'not a date'
contains "--since" "$err"
expect_status 2 cdk report extra
expect_status 2 cdk report --as-of 2024-01-01
expect_status 7 "$claimdesk" --db 'host=/nonexistent' report
expect_status 0 "$claimdesk" --db 'host=/nonexistent' report --show-sql --status new
contains "ORDER BY c.id" "$out"
contains '-- $1 = new' "$out"
expect_status 0 cdk report --help
contains "--format" "$out"
contains "formula" "$out"
exit 0
