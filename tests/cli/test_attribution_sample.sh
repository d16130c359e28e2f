# Attribution accuracy on real articles, on four sets of claims labelled
# by hand (tests/data/attribution/*.json say how they were drawn):
# sample.json, 80 claims drawn at random from news-noisy and news-bbc,
# attributed.json, 50 claims drawn among those attributed to someone,
# speech.json, 60 claims of sentences with a speech or attribution word,
# and fresh.json, 60 more such claims drawn later, with claimant kinds.
# Prints every miss and the scores, and fails when fewer are right than
# a set's floor below: raise a floor when attribution gets better, never
# lower it to pass.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
. "$CLAIMDESK_SOURCE_DIR/tests/support/attribution.sh"
attr_need_data

# judge LABELS FLOOR COUNT
judge() {
labels=$CLAIMDESK_SOURCE_DIR/tests/data/attribution/$1
floor=$2
attr_extract "$labels" "$tmp/extracted"

# Judge every labelled item against the first claim of its sentence.
jq -n -r --slurpfile x "$tmp/extracted" --slurpfile l "$labels" '
  ($x | map({(.article): .claims}) | add) as $by
  | $l[0].items[] as $it
  | ([$by[$it.article][] | select(.sentence | startswith($it.sentence))]
     | first) as $c
  | (if $c == null then "missing"
     elif $it.claimant_any_of == null then
       (if $c.claimant == null then "ok" else "wrong" end)
     elif $c.claimant == null then
       (if $it.or_none then "ok" else "wrong" end)
     elif any($it.claimant_any_of[]; . as $w | $c.claimant | contains($w))
          and ($it.kind == null or $it.kind == $c.claimant_kind) then "ok"
     else "wrong" end) as $verdict
  | [$verdict, $it.article, $it.sentence,
     ($it.claimant_any_of // ["(the article)"] | join(" | ")),
     (if $c == null then "-" else
        "\($c.claimant // "(the article)") (\($c.claimant_kind))" end)]
  | @tsv' >"$tmp/verdicts"

total=$(wc -l <"$tmp/verdicts")
right=$(grep -c '^ok' "$tmp/verdicts" || true)
missing=$(grep -c '^missing' "$tmp/verdicts" || true)
attributed=$(jq '[.items[] | select(.claimant_any_of != null)] | length' "$labels")
attributed_right=$(jq -n -r --slurpfile l "$labels" --rawfile v "$tmp/verdicts" '
  [$v | split("\n")[] | select(length > 0) | split("\t")] as $rows
  | [range(0; $rows|length) as $i
     | select($l[0].items[$i].claimant_any_of != null and $rows[$i][0] == "ok")]
  | length')
awk -F'\t' '$1 != "ok" { printf "  %s %s: \"%s...\"\n      want %s, got %s\n",
    $1, $2, $3, $4, $5 }' "$tmp/verdicts"
echo "attribution ($1): $right of $total labelled claims right" \
     "($attributed_right of $attributed that someone other than the article makes);" \
     "floor $floor"
[ "$total" -eq "$3" ] || fail "$1: read $total labelled items, expected $3"
[ "$missing" -eq 0 ] || fail "$1: $missing labelled sentences no longer give a claim"
[ "$right" -ge "$floor" ] || fail "$1: attribution regressed: $right < $floor right"
}

judge sample.json 78 80
judge attributed.json 48 50
judge speech.json 56 60
judge fresh.json 55 60
exit 0
