#!/usr/bin/env bash
# bench/report.sh — `claimdesk report` side by side with PostgreSQL doing
# the same work alone, on N generated claims in a throwaway cluster:
#   CSV:        claimdesk report --format csv     vs  psql \copy (the same query) TO STDOUT CSV
#   JSON Lines: claimdesk report --format jsonl   vs  COPY (SELECT row_to_json(q) FROM (the same query) q) TO STDOUT
#   JSON:       claimdesk report --format json    vs  the same COPY
# "The same query" is the report's own SQL (claimdesk report --show-sql)
# with no filter. Prints hyperfine medians and the ratios (DESIGN §8:
# CSV <= 1.25x, JSON <= 1.5x), then the peak RSS of the report at SMALL and
# N claims (<= 32 MB and flat).
#
#   bench/report.sh [N] [RUNS]        N defaults to 1000000, RUNS to 5
#   SMALL=10000                       the small database for the RSS check
#
# Data: 100 outlets, an article per 10 claims, a verdict (two evidence
# URLs) on every 10th claim, an earlier superseded verdict on every 100th.
# Needs: a built claimdesk (build/claimdesk, or $CLAIMDESK_BIN), psql,
# hyperfine, jq, /usr/bin/time.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000000}
runs=${2:-5}
small=${SMALL:-10000}
bin=${CLAIMDESK_BIN:-$top/build/claimdesk}
[ -x "$bin" ] || { echo "bench: build claimdesk first ($bin)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine" >&2; exit 1; }
# Both sides read in UTC (the report sets it for its transaction).
export PGOPTIONS='-c client_min_messages=warning -c TimeZone=UTC'
unset CLAIMDESK_DB PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE

tmp=$(mktemp -d /tmp/claimdesk-bench.XXXXXX)
chmod 711 "$tmp"
export CLAIMDESK_HOME=$tmp/home
cleanup() {
    "$bin" --quiet db stop --immediate >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT
"$bin" --quiet db start >/dev/null
base=$("$bin" db url)
base=${base% dbname=*}
url() { printf "%s dbname=%s" "$base" "$1"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 "$(url postgres)" -c "$1" >/dev/null; }

cat >"$tmp/gen.sql" <<'SQL'
\set ON_ERROR_STOP 1
INSERT INTO claimdesk.outlets (name, domain)
SELECT 'Outlet ' || g, 'outlet' || g || '.example' FROM generate_series(1, 100) g;
INSERT INTO claimdesk.articles (outlet_id, url, title, author, published_at, language, body,
    content_hash, source_format)
SELECT 1 + g % 100, 'https://outlet' || (1 + g % 100) || '.example/news/' || g,
       'Council approves budget for item ' || g, 'Reporter ' || g % 37,
       timestamptz '2020-01-01 00:00:00+00' + g * interval '17 minutes', 'en',
       'body ' || g, sha256(convert_to('article ' || g, 'UTF8')), 'text'
FROM generate_series(1, greatest(:n / 10, 1)) g;
INSERT INTO claimdesk.claims (article_id, ordinal, text, sentence, span_start, span_end,
    claimant, claimant_kind, cue, modality, claim_type, checkworthiness, status)
SELECT 1 + (g - 1) / 10, 1 + (g - 1) % 10,
       'The council spent ' || g || ' million pounds on the new bridge, which opened in '
           || (1990 + g % 30),
       'According to the finance director, the council spent ' || g
           || ' million pounds on the new bridge, which opened in ' || (1990 + g % 30)
           || ', a figure disputed by the opposition.',
       0, 90,
       CASE g % 4 WHEN 0 THEN NULL ELSE 'Jane Doe ' || g % 1000 END,
       (ARRAY['article', 'person', 'organisation', 'anonymous'])[1 + g % 4],
       CASE g % 4 WHEN 0 THEN NULL ELSE 'according to' END,
       (ARRAY['asserted', 'reported', 'proposed', 'predicted'])[1 + g % 4],
       (ARRAY['quantity', 'event', 'causal', 'other'])[1 + g % 4],
       (g % 997) / 997.0,
       (ARRAY['new', 'checkworthy', 'in_review', 'reviewed', 'published'])[1 + g % 5]
FROM generate_series(1, :n) g;
INSERT INTO claimdesk.verdicts (claim_id, reviewer, rating_id, conclusion, created_at)
SELECT g, 'reviewer' || g % 7, 1 + g % 7, 'A first look: the figure seems right.',
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(100, :n, 100) g;
INSERT INTO claimdesk.verdicts (claim_id, reviewer, rating_id, conclusion, explanation,
    created_at, supersedes, approved_by, approved_at, published_at)
SELECT g, 'reviewer' || g % 7, 1 + (g / 10) % 7,
       'The council accounts show a different figure.',
       'The audited accounts for that year list the bridge at a lower cost.',
       timestamptz '2024-06-01 00:00:00+00' + g * interval '1 minute',
       (SELECT e.id FROM claimdesk.verdicts e WHERE e.claim_id = g),
       CASE WHEN g % 20 = 0 THEN 'editor' END,
       CASE WHEN g % 20 = 0 THEN timestamptz '2024-07-01 00:00:00+00' END,
       CASE WHEN g % 40 = 0 THEN timestamptz '2024-07-02 00:00:00+00' END
FROM generate_series(10, :n, 10) g;
INSERT INTO claimdesk.evidence (verdict_id, url, kind)
SELECT v.id, 'https://source' || k || '.example/doc/' || v.id, 'primary_document'
FROM claimdesk.verdicts v, generate_series(1, 2) k;
VACUUM ANALYZE;
SQL

make_db() { # make_db NAME N
    sql "DROP DATABASE IF EXISTS $1"
    sql "CREATE DATABASE $1"
    "$bin" --quiet --db "$(url "$1")" migrate >/dev/null
    psql -X -q -v n="$2" "$(url "$1")" -f "$tmp/gen.sql" >/dev/null
}
t0=$(date +%s)
make_db bench_big "$n"
make_db bench_small "$small"
echo "generated $n and $small claims in $(($(date +%s) - t0)) s"

# The report's own query, unfiltered: every $n parameter is NULL.
"$bin" report --show-sql | grep -v '^-- ' | sed -E 's/\$[0-9]+::/NULL::/g; s/;$//' |
    tr '\n' ' ' >"$tmp/query.sql"
printf '\\copy (%s) TO STDOUT WITH (FORMAT csv, HEADER)\n' "$(cat "$tmp/query.sql")" >"$tmp/copy_csv.sql"
printf 'COPY (SELECT row_to_json(q) FROM (%s) q) TO STDOUT\n' "$(cat "$tmp/query.sql")" >"$tmp/copy_json.sql"

big=$(url bench_big)
# Same rows on both sides, checked once before timing.
rows_cd=$("$bin" --db "$big" report --format jsonl | wc -l)
rows_pg=$(psql -X -q "$big" -f "$tmp/copy_json.sql" | wc -l)
[ "$rows_cd" -eq "$n" ] && [ "$rows_pg" -eq "$n" ] ||
    { echo "bench: row counts differ: claimdesk $rows_cd, COPY $rows_pg, want $n" >&2; exit 1; }

hyperfine --runs "$runs" --warmup 1 --style basic --export-json "$tmp/h.json" \
    -n "claimdesk report csv" "$bin --db '$big' report --format csv" \
    -n "psql \\copy CSV" "psql -X -q '$big' -f '$tmp/copy_csv.sql'" \
    -n "claimdesk report jsonl" "$bin --db '$big' report --format jsonl" \
    -n "claimdesk report json" "$bin --db '$big' report --format json" \
    -n "COPY row_to_json" "psql -X -q '$big' -f '$tmp/copy_json.sql'" \
    >"$tmp/hyperfine.txt" 2>&1 || { cat "$tmp/hyperfine.txt"; exit 1; }

median() { jq -r ".results[$1].median" "$tmp/h.json"; }
awk -v n="$n" -v a="$(median 0)" -v b="$(median 1)" -v c="$(median 2)" \
    -v d="$(median 3)" -v e="$(median 4)" 'BEGIN {
    printf "%-26s %10s %12s\n", "", "median s", "rows/s"
    printf "%-26s %10.3f %12.0f\n", "claimdesk report csv", a, n / a
    printf "%-26s %10.3f %12.0f\n", "psql \\copy CSV", b, n / b
    printf "%-26s %10.3f %12.0f\n", "claimdesk report jsonl", c, n / c
    printf "%-26s %10.3f %12.0f\n", "claimdesk report json", d, n / d
    printf "%-26s %10.3f %12.0f\n", "COPY row_to_json", e, n / e
    printf "ratio csv / \\copy CSV:        %.2f (budget <= 1.25)\n", a / b
    printf "ratio jsonl / COPY row_to_json: %.2f (budget <= 1.5)\n", c / e
    printf "ratio json / COPY row_to_json:  %.2f (budget <= 1.5)\n", d / e
}'

# Peak memory, small and big, every format (budget: <= 32 MB, flat).
for db in bench_small bench_big; do
    for f in csv jsonl json markdown; do
        /usr/bin/time -f "%M" -o "$tmp/rss" "$bin" --db "$(url $db)" report --format $f >/dev/null
        printf "peak RSS %-12s %-9s %8d KiB\n" "$db" "$f" "$(cat "$tmp/rss")"
    done
done
