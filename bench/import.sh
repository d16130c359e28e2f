#!/usr/bin/env bash
# bench/import.sh — `claimdesk import` of a real corpus, side by side with
# psql COPY loading the same outlet, article and claim rows into the same tables
# and indexes, in the same run on the same throwaway cluster.
#
#   bench/import.sh [CORPUS_DIR] [RUNS]
#
# CORPUS_DIR defaults to ../shared/data/news-bbc/bbc (2,225 articles);
# files matching $INCLUDE (default *.txt) are imported.
# Prints the median of RUNS runs (default 5) of each, their ratio (the
# budget of DESIGN §8 is <= 2.0), articles/s and claims/s, and the peak
# memory of the import at 1x and 4x the corpus (it must stay flat).
# Needs: a built claimdesk (build/claimdesk, or $CLAIMDESK_BIN), psql,
# hyperfine, jq, /usr/bin/time.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/../shared/data/news-bbc/bbc}
runs=${2:-5}
include=${INCLUDE:-*.txt}
bin=${CLAIMDESK_BIN:-$top/build/claimdesk}
[ -x "$bin" ] || { echo "bench: build claimdesk first ($bin)" >&2; exit 1; }
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine" >&2; exit 1; }
export PGOPTIONS='-c client_min_messages=warning'
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
# A conninfo for database $1 on the bench cluster.
url() { printf "%s dbname=%s" "$base" "$1"; }
sql() { psql -X -q -v ON_ERROR_STOP=1 "$(url postgres)" -c "$1" >/dev/null; }

# A migrated, empty database to clone for every run.
sql "DROP DATABASE IF EXISTS bench_template"
sql "CREATE DATABASE bench_template"
"$bin" --quiet --db "$(url bench_template)" migrate >/dev/null
fresh() { # fresh NAME: a new clone of the template
    sql "DROP DATABASE IF EXISTS $1"
    sql "CREATE DATABASE $1 TEMPLATE bench_template"
}

# 1. Import once to learn the rows, and dump them for COPY.
fresh bench_rows
"$bin" --quiet --db "$(url bench_rows)" import --include "$include" "$corpus" >/dev/null || true
psql -X -q -v ON_ERROR_STOP=1 "$(url bench_rows)" <<SQL
\copy (SELECT name, domain FROM claimdesk.outlets ORDER BY id) TO '$tmp/outlets.copy'
\copy (SELECT CASE WHEN a.outlet_id IS NOT NULL THEN (SELECT count(*) FROM claimdesk.outlets o2 WHERE o2.id <= a.outlet_id) END, url, title, author, published_at, language, body, content_hash, source_format, NULL FROM claimdesk.articles a ORDER BY id) TO '$tmp/articles.copy'
\copy (SELECT (SELECT count(*) FROM claimdesk.articles a2 WHERE a2.id <= c.article_id), ordinal, text, sentence, span_start, span_end, claimant, claimant_kind, cue, modality, claim_type, checkworthiness, status, duplicate_of_ordinal FROM claimdesk.claims c ORDER BY id) TO '$tmp/claims.copy'
SQL
narticles=$(wc -l <"$tmp/articles.copy")
nclaims=$(wc -l <"$tmp/claims.copy")
cat >"$tmp/copy.sql" <<SQL
BEGIN;
\copy claimdesk.outlets (name, domain) FROM '$tmp/outlets.copy'
\copy claimdesk.articles (outlet_id, url, title, author, published_at, language, body, content_hash, source_format, import_id) FROM '$tmp/articles.copy'
\copy claimdesk.claims (article_id, ordinal, text, sentence, span_start, span_end, claimant, claimant_kind, cue, modality, claim_type, checkworthiness, status, duplicate_of_ordinal) FROM '$tmp/claims.copy'
COMMIT;
SQL

cat >"$tmp/fresh.sh" <<SH
#!/bin/sh
exec psql -X -q -v ON_ERROR_STOP=1 "$(url postgres)" -c "DROP DATABASE IF EXISTS bench_run" -c "CREATE DATABASE bench_run TEMPLATE bench_template" >/dev/null
SH
chmod +x "$tmp/fresh.sh"

# Check the COPY side works once before timing it.
fresh bench_run
psql -X -q -v ON_ERROR_STOP=1 "$(url bench_run)" -f "$tmp/copy.sql" >/dev/null

echo "corpus: $corpus ($(du -sh "$corpus" | cut -f1), $narticles articles stored, $nclaims claims)"
hyperfine --runs "$runs" --style basic --export-json "$tmp/h.json" \
    --prepare "$tmp/fresh.sh" \
    -n "claimdesk import" "$bin --quiet --db '$(url bench_run)' import --include '$include' '$corpus'" \
    -n "psql COPY (same rows)" "psql -X -q -v ON_ERROR_STOP=1 '$(url bench_run)' -f '$tmp/copy.sql'" \
    >"$tmp/hyperfine.txt" 2>&1 || { cat "$tmp/hyperfine.txt"; exit 1; }

t_imp=$(jq -r '.results[0].median' "$tmp/h.json")
t_copy=$(jq -r '.results[1].median' "$tmp/h.json")
awk -v a="$t_imp" -v b="$t_copy" -v na="$narticles" -v nc="$nclaims" 'BEGIN {
    printf "%-24s %10s %12s %12s\n", "", "median s", "articles/s", "claims/s"
    printf "%-24s %10.3f %12.0f %12.0f\n", "claimdesk import", a, na / a, nc / a
    printf "%-24s %10.3f %12.0f %12.0f\n", "psql COPY (same rows)", b, na / b, nc / b
    printf "ratio import / COPY: %.2f (budget <= 2.0)\n", a / b
}'

# 2. Peak memory at 1x and 4x the corpus (4x: each file four times, with
#    a marker line so that no copy is a duplicate).
big=$tmp/corpus4
mkdir -p "$big"
for k in 1 2 3 4; do
    mkdir -p "$big/$k"
    (cd "$corpus" && find . -type f -name '*.txt') | while read -r f; do
        mkdir -p "$big/$k/$(dirname "$f")"
        { cat "$corpus/$f"; printf '\n\nCopy %d of this article.\n' "$k"; } >"$big/$k/$f"
    done
done
for c in "$corpus" "$big"; do
    fresh bench_mem
    /usr/bin/time -f "%M" -o "$tmp/rss" "$bin" --quiet --db "$(url bench_mem)" import --include "$include" "$c" >/dev/null || true
    printf "peak RSS importing %-45s %6d KiB\n" "$(basename "$(dirname "$c")")/$(basename "$c")" "$(cat "$tmp/rss")"
done
