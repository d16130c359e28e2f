#!/usr/bin/env bash
# What the claim text indexes cost at import: COPY N claim rows into
# claimdesk.claims with each index choice, side by side in one run, and
# print rows/s. Each variant gets its own database cloned from one migrated
# template (same table, same foreign keys, same other indexes); only the
# indexes on claims.text differ.
#
# Usage: bench/copy_claims.sh [ROWS]       (default 100000)
# Env:   CLAIMDESK_BIN  the binary (default build/claimdesk)
#        BENCH_RUNS     runs per variant, best one counts (default 2)
#        BENCH_ONLY     a regular expression: only variants it matches
#        BENCH_ALL      also the very slow GIN variant without fastupdate
# It starts a private cluster in a temporary directory (normal settings,
# fsync on) and removes it afterwards; it touches nothing else.
# Claim texts are the 10,269 PolitiFact statements of the LIAR data set
# (../shared/data/claims-liar), each row made distinct by a number; when
# that is absent, generated sentences.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-100000}
runs=${BENCH_RUNS:-2}
claimdesk=${CLAIMDESK_BIN:-$top/build/claimdesk}
[ -x "$claimdesk" ] || { echo "build first: $claimdesk" >&2; exit 1; }
unset CLAIMDESK_DB PGHOST PGPORT PGDATABASE PGUSER PGSERVICE
export PGOPTIONS='-c client_min_messages=warning'

tmp=$(mktemp -d /tmp/claimdesk-bench.XXXXXX)
chmod 711 "$tmp"
export CLAIMDESK_HOME=$tmp/home
trap '"$claimdesk" db stop --immediate >/dev/null 2>&1 || true; rm -rf -- "$tmp"' EXIT
"$claimdesk" --quiet db start >/dev/null
base=$("$claimdesk" db url --dbname postgres)
q() { psql -X -q -v ON_ERROR_STOP=1 "$base" "$@"; }

# The data: article_id, ordinal, text, sentence, span_start, span_end,
# claimant, claimant_kind, modality, claim_type, checkworthiness.
liar=$top/../shared/data/claims-liar/train.tsv
data=$tmp/claims.tsv
narticles=$(( (rows + 9) / 10 ))
if [ -r "$liar" ]; then
    cut -f3 "$liar" | tr -d '\\\r' >"$tmp/texts"
else
    echo "note: $liar absent; using generated sentences" >&2
    for i in $(seq 2000); do
        echo "The council said $i new homes would cost $((i * 7)) million euros by 20$((i % 30 + 10))"
    done >"$tmp/texts"
fi
awk -v rows="$rows" -F'\t' '
    { t[n++] = $0 }
    END {
        kinds[0] = "article"; kinds[1] = "person"; kinds[2] = "organisation"
        srand(42)
        for (i = 0; i < rows; i++) {
            s = t[i % n] " (" i ")"
            printf "%d\t%d\t%s\t%s\t0\t%d\t%s\t%s\tasserted\tother\t%.3f\n",
                int(i / 10) + 1, i % 10 + 1, s, s, length(s),
                (i % 3 ? "Someone " i % 97 : "\\N"), kinds[i % 3], rand()
        }
    }' "$tmp/texts" >"$data"

q -c "CREATE DATABASE bench_tpl"
CLAIMDESK_DB="$("$claimdesk" db url --dbname bench_tpl)" "$claimdesk" -q migrate >/dev/null
psql -X -q "$("$claimdesk" db url --dbname bench_tpl)" -c "
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    INSERT INTO claimdesk.articles (body, content_hash)
    SELECT 'body ' || g, sha256(convert_to('body ' || g, 'UTF8'))
    FROM generate_series(1, $narticles) g;" -c "VACUUM ANALYZE claimdesk.articles"
# Drop whatever text indexes the migrations made, so each variant is
# exactly what it says.
psql -X -q "$("$claimdesk" db url --dbname bench_tpl)" -c "
    DO \$\$DECLARE i text; BEGIN
      FOR i IN SELECT indexname FROM pg_indexes WHERE schemaname = 'claimdesk'
               AND tablename = 'claims' AND indexdef ~ '(trgm|tsvector)' LOOP
        EXECUTE format('DROP INDEX claimdesk.%I', i);
      END LOOP; END\$\$;"

variants=(
    "bare: PK + one btree, no FK (DESIGN anchor)|"
    "claims as migrated, no text index|"
    "+ full-text GIN (to_tsvector simple)|CREATE INDEX ON claimdesk.claims USING gin (to_tsvector('simple', text))"
    "+ trigram GIN|CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops)"
    "+ trigram GIN, pending list 32 MB|CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops) WITH (gin_pending_list_limit = 32768)"
    "+ trigram GiST|CREATE INDEX ON claimdesk.claims USING gist (text public.gist_trgm_ops)"
    "+ trigram GIN partial (checkworthiness >= 0.5)|CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops) WHERE checkworthiness >= 0.5"
    "+ trigram GiST partial (checkworthiness >= 0.5)|CREATE INDEX ON claimdesk.claims USING gist (text public.gist_trgm_ops) WHERE checkworthiness >= 0.5"
    "+ full-text GIN + trigram GIN|CREATE INDEX ON claimdesk.claims USING gin (to_tsvector('simple', text)); CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops)"
    "+ full-text GIN + trigram GiST|CREATE INDEX ON claimdesk.claims USING gin (to_tsvector('simple', text)); CREATE INDEX ON claimdesk.claims USING gist (text public.gist_trgm_ops)"
    "+ full-text GIN + trigram GIN partial|CREATE INDEX ON claimdesk.claims USING gin (to_tsvector('simple', text)); CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops) WHERE checkworthiness >= 0.5"
    "+ full-text GIN + trigram GiST partial|CREATE INDEX ON claimdesk.claims USING gin (to_tsvector('simple', text)); CREATE INDEX ON claimdesk.claims USING gist (text public.gist_trgm_ops) WHERE checkworthiness >= 0.5"
)
# GIN without its pending list (fastupdate = off) inserts each row's
# trigrams into the tree at once: measured at about 1,600 rows/s (0.02 of
# no text index), so it runs only with BENCH_ALL=1.
if [ -n "${BENCH_ALL:-}" ]; then
    variants+=("+ trigram GIN, fastupdate off|CREATE INDEX ON claimdesk.claims USING gin (text public.gin_trgm_ops) WITH (fastupdate = off)")
fi
cols="article_id, ordinal, text, sentence, span_start, span_end, claimant, claimant_kind, modality, claim_type, checkworthiness"

# The lookup the importer and 'claimdesk similar' make: the claims most
# like a given one, among the check-worthy. Timed after each COPY (after
# VACUUM, which also merges GIN's pending list), 50 different texts.
queries=$tmp/queries.sql
awk -F'\t' -v rows="$rows" 'NR % int(rows / 50 + 1) == 1 && n < 50 {
        sub(/ \([0-9]+\)$/, "", $3); n++
        printf "SELECT id FROM claimdesk.claims WHERE checkworthiness >= 0.5 AND text %% $q$%s$q$ ORDER BY text <-> $q$%s$q$ LIMIT 5;\n", $3, $3
    }' "$data" >"$queries"

printf '%-50s %8s %10s %6s %12s\n' "variant ($rows rows, best of $runs)" "seconds" "rows/s" "ratio" "ms/lookup"
none_rate=
for v in "${variants[@]}"; do
    name=${v%%|*}
    ddl=${v#*|}
    if [ -n "${BENCH_ONLY:-}" ] && ! grep -qE -- "$BENCH_ONLY" <<<"$name"; then
        continue
    fi
    best=
    for r in $(seq "$runs"); do
        q -c "DROP DATABASE IF EXISTS bench_run" -c "CREATE DATABASE bench_run TEMPLATE bench_tpl"
        url=$("$claimdesk" db url --dbname bench_run)
        if [ "${name%%:*}" = bare ]; then
            psql -X -q "$url" -c "CREATE TABLE claimdesk.bare (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, article_id bigint, ordinal int, text text, sentence text, span_start int, span_end int, claimant text, claimant_kind text, modality text, claim_type text, checkworthiness float8); CREATE INDEX ON claimdesk.bare (article_id, ordinal)"
            target=claimdesk.bare
        else
            [ -n "$ddl" ] && psql -X -q "$url" -c "$ddl"
            target=claimdesk.claims
        fi
        psql -X -q "$url" -c "CHECKPOINT" 2>/dev/null || true
        t0=$(date +%s.%N)
        psql -X -q -v ON_ERROR_STOP=1 "$url" -c "\\copy $target ($cols) FROM '$data'"
        t1=$(date +%s.%N)
        secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v s="$secs" -v b="$best" 'BEGIN { exit !(s < b) }'; then
            best=$secs
        fi
    done
    lookup=-
    # Without a trigram index the lookup is a sequential scan (seconds at
    # 100,000 rows): not worth timing.
    if [ "$target" = claimdesk.claims ] && [[ $ddl == *trgm* ]]; then
        psql -X -q "$url" -c "VACUUM ANALYZE claimdesk.claims"
        q0=$(date +%s.%N)
        psql -X -q -o /dev/null "$url" -f "$queries"
        q1=$(date +%s.%N)
        lookup=$(awk -v a="$q0" -v b="$q1" -v n="$(wc -l <"$queries")" 'BEGIN { printf "%.1f", (b - a) * 1000 / n }')
    fi
    rate=$(awk -v n="$rows" -v s="$best" 'BEGIN { printf "%d", n / s }')
    [ "$name" = "claims as migrated, no text index" ] && none_rate=$rate
    rel=$( [ -n "$none_rate" ] && awk -v r="$rate" -v n="$none_rate" 'BEGIN { printf "%.2f", r / n }' || echo "-")
    printf '%-50s %8s %10s %6s %12s\n' "$name" "$best" "$rate" "$rel" "$lookup"
done
q -c "DROP DATABASE IF EXISTS bench_run"
