# Shared by the attribution tests (tests/cli/test_attribution_*.sh), which
# judge claimdesk's claimants against claims labelled by hand in
# tests/data/attribution/*.json. Source it after testlib.sh:
#
#   attr_need_data          skip (77) without jq or the shared corpora;
#                           sets $shared and a temporary directory $tmp
#   attr_extract LABELS OUT extract every article LABELS names, once, and
#                           write one JSON object a line to OUT:
#                           {"article", "claims": [{sentence, claimant,
#                           claimant_kind}]}, keyed by the article's path
#                           under ../shared/data
attr_need_data() {
    command -v jq >/dev/null || { echo "skip: jq is not installed" >&2; exit 77; }
    shared=${CLAIMDESK_SHARED:-$CLAIMDESK_SOURCE_DIR/../shared}
    [ -d "$shared/data/news-noisy" ] && [ -d "$shared/data/news-bbc" ] ||
        { echo "skip: $shared/data/news-noisy or news-bbc is absent" >&2; exit 77; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp" "$t_out" "$t_err"' EXIT
}

attr_extract() {
    local labels=$1 out=$2 a
    : >"$out"
    jq -r '.items[].article' "$labels" | sort -u >"$tmp/articles"
    while read -r a; do
        "$claimdesk" --quiet extract --compact "$shared/data/$a" >"$tmp/one" ||
            fail "extract $a: exit $?"
        jq -c --arg a "$a" '{article: $a, claims: [.claims[] |
            {sentence, claimant, claimant_kind}]}' "$tmp/one" >>"$out"
    done <"$tmp/articles"
}
