# Claimant kinds on real articles: tests/data/attribution/kinds.json holds
# 162 attributed claims drawn at random (draw_kinds.py, seed 1717; most
# with a claimant of one or two capitalised words, where the kind is
# hardest) with their true claimant and its kind, labelled by hand.
# Scores the kind of the first claim of each labelled sentence (and
# reports claimant and kind both right), prints every miss, and fails when
# fewer kinds are right than the floor: raise the floor when kinds get
# better, never lower it to pass.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
. "$CLAIMDESK_SOURCE_DIR/tests/support/attribution.sh"
attr_need_data

labels=$CLAIMDESK_SOURCE_DIR/tests/data/attribution/kinds.json
floor=158
count=162

attr_extract "$labels" "$tmp/extracted"

jq -n -r --slurpfile x "$tmp/extracted" --slurpfile l "$labels" '
  ($x | map({(.article): .claims}) | add) as $by
  | $l[0].items[] as $it
  | ([$by[$it.article][] | select(.sentence | startswith($it.sentence))]
     | first) as $c
  | (if $c == null then "missing"
     elif $c.claimant_kind == $it.kind then "ok" else "wrong" end) as $kind
  | (if $c == null or $c.claimant == null then "no"
     elif any($it.claimant_any_of[]; . as $w | $c.claimant | contains($w))
     then "yes" else "no" end) as $who
  | [$kind, $who, $it.stratum, $it.article, $it.sentence,
     "\($it.claimant_any_of | join(" | ")) (\($it.kind))",
     (if $c == null then "-" else
        "\($c.claimant // "(the article)") (\($c.claimant_kind))" end)]
  | @tsv' >"$tmp/verdicts"

total=$(wc -l <"$tmp/verdicts")
right=$(grep -c '^ok' "$tmp/verdicts" || true)
both=$(grep -c '^ok	yes' "$tmp/verdicts" || true)
missing=$(grep -c '^missing' "$tmp/verdicts" || true)
awk -F'\t' '$1 != "ok" { printf "  %s kind [%s] %s: \"%s...\"\n      want %s, got %s\n",
    $1, $3, $4, $5, $6, $7 }' "$tmp/verdicts"
for s in A1 A2 B; do
    n=$(awk -F'\t' -v s=$s '$3 == s' "$tmp/verdicts" | wc -l)
    r=$(awk -F'\t' -v s=$s '$3 == s && $1 == "ok"' "$tmp/verdicts" | wc -l)
    echo "  stratum $s: $r of $n kinds right"
done
echo "claimant kinds (kinds.json): $right of $total kinds right" \
     "($both with the claimant right too); floor $floor"
[ "$total" -eq "$count" ] || fail "read $total labelled items, expected $count"
[ "$missing" -eq 0 ] || fail "$missing labelled sentences no longer give a claim"
[ "$right" -ge "$floor" ] || fail "claimant kinds regressed: $right < $floor right"
exit 0
