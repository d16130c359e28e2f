#!/usr/bin/env bash
# bench/extract.sh — extraction alone (no database): `claimdesk extract
# --summary`, which times only the calls to cdk_extract, over a corpus at
# 1x, 4x and 16x its size (the corpus given 1, 4, 16 times), so the time
# must grow linearly. Peak memory from /usr/bin/time -v.
#
#   bench/extract.sh [CORPUS_DIR] [RUNS]
#
# CORPUS_DIR defaults to ../shared/data/news-bbc/bbc (2,225 articles,
# 5.0 MB). Prints, per scale, the median of RUNS runs (default 3) of
# MB/s of extraction by the wall clock and by CPU time (the honest figure
# on a busy machine), articles/s, the whole process's wall time and its
# peak RSS. The budget of DESIGN §8 is >= 20 MB/s on one core.
# Needs: a built claimdesk (build/claimdesk, or $CLAIMDESK_BIN), jq,
# /usr/bin/time. Measure a Release build (cmake -DCMAKE_BUILD_TYPE=Release:
# -O3 and link-time optimisation); the default RelWithDebInfo (-O2, no
# LTO) is about 8% slower.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/../shared/data/news-bbc/bbc}
runs=${2:-3}
bin=${CLAIMDESK_BIN:-$top/build/claimdesk}
[ -x "$bin" ] || { echo "bench: build claimdesk first ($bin)" >&2; exit 1; }
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 1; }
command -v jq >/dev/null || { echo "bench: needs jq" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time" >&2; exit 1; }
tmp=$(mktemp -d /tmp/claimdesk-bench-extract.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '%-6s %9s %7s %9s %13s %12s %9s %10s %11s\n' scale articles MB claims \
    "MB/s (wall)" "MB/s (cpu)" "art/s" "process s" "peak RSS MB"
for scale in 1 4 16; do
    args=()
    for ((i = 0; i < scale; i++)); do args+=("$corpus"); done
    : >"$tmp/mbs"; : >"$tmp/cpu"; : >"$tmp/aps"; : >"$tmp/wall"; : >"$tmp/rss"
    for ((r = 0; r < runs; r++)); do
        /usr/bin/time -v -o "$tmp/time" "$bin" --quiet extract --compact \
            --summary "${args[@]}" >"$tmp/out"
        jq -r .mb_per_second "$tmp/out" >>"$tmp/mbs"
        jq -r .mb_per_cpu_second "$tmp/out" >>"$tmp/cpu"
        jq -r .articles_per_second "$tmp/out" >>"$tmp/aps"
        awk -F': ' '/Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0
            for (i = 1; i <= n; i++) s = s * 60 + p[i]
            print s }' "$tmp/time" >>"$tmp/wall"
        awk -F': ' '/Maximum resident set size/ {printf "%.1f\n", $2/1024}' \
            "$tmp/time" >>"$tmp/rss"
    done
    printf '%-6s %9s %7.1f %9s %13.2f %12.2f %9.0f %10.2f %11s\n' "${scale}x" \
        "$(jq -r .articles "$tmp/out")" \
        "$(jq -r '.bytes / 1e6' "$tmp/out")" \
        "$(jq -r .claims "$tmp/out")" \
        "$(median <"$tmp/mbs")" "$(median <"$tmp/cpu")" "$(median <"$tmp/aps")" \
        "$(median <"$tmp/wall")" "$(median <"$tmp/rss")"
done
echo "budget: >= 20 MB/s of article text on one core (DESIGN §8)"
