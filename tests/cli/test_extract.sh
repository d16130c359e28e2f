# claimdesk extract: the JSON contract (checked with jq), --text,
# --sentences, reading standard input, and exit statuses on bad input.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed" >&2; exit 77; }
shared=${CLAIMDESK_SHARED:-$CLAIMDESK_SOURCE_DIR/../shared}
seed=$shared/seeds/nrc-council-article.txt
[ -f "$seed" ] || { echo "skip: $seed is absent" >&2; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$t_out" "$t_err"' EXIT

expect_status 0 "$claimdesk" extract --help
contains "Usage: claimdesk extract" "$out"
contains "Exit status" "$out"

# The contract: keys and their types.
expect_status 0 "$claimdesk" extract "$seed"
json=$out
echo "$json" | jq -e '
  (.article | has("title") and has("url") and has("outlet") and has("published"))
  and (.dropped | type == "array" and length >= 5)
  and all(.dropped[]; (.text|type=="string") and (.reason|type=="string")
                      and (.start|type=="number") and (.end|type=="number")
                      and .start < .end)
  and (.claims | type == "array" and length >= 8)
  and all(.claims[]; (.ordinal|type=="number") and (.text|type=="string")
      and (.sentence|type=="string") and (.start|type=="number")
      and (.end|type=="number") and .start < .end
      and has("claimant") and (.claimant_kind|type=="string")
      and has("cue") and (.modality|type=="string") and (.type|type=="string")
      and (.score >= 0 and .score <= 1) and (.entities|type=="array")
      and (.duplicate_of == null or (.duplicate_of|type=="number")))
' >/dev/null || fail "JSON shape: $json"

# Ordinals are 1..n in order; duplicate_of points to an earlier claim.
echo "$json" | jq -e '[.claims[].ordinal] == [range(1; (.claims|length)+1)]' \
    >/dev/null || fail "ordinals"
echo "$json" | jq -e 'all(.claims[]; .duplicate_of == null or .duplicate_of < .ordinal)' \
    >/dev/null || fail "duplicate_of"
echo "$json" | jq -e '[.claims[] | select(.duplicate_of != null)] | length >= 1' \
    >/dev/null || fail "the repeated 'sanctions relief' is not linked"

# start/end are character offsets into the body (article.body): the text
# at [start, end) is the claim's content -- for an unsplit claim its text,
# for a list item its distinctive part, which ends its text.
echo "$json" | jq -e '.article.body as $b | all(.claims[];
    ($b[.start:.end]) as $span
    | if .split then (.text | endswith($span)) else $span == .text end)' \
    >/dev/null || fail "claim offsets do not match the body"
echo "$json" | jq -e '.article.body as $b | all(.dropped[]; $b[.start:.end] == .text)' \
    >/dev/null || fail "dropped offsets do not match the body"

# Dropped lines carry reasons.
echo "$json" | jq -e '[.dropped[].reason] | index("newsletter") != null and index("injected-headline") != null' \
    >/dev/null || fail "dropped reasons"

# Standard input and --compact: one line.
run "$claimdesk" extract --compact - <"$seed"
[ "$status" -eq 0 ] || fail "stdin exited $status"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "--compact is not one line"
echo "$out" | jq -e '.claims | length >= 8' >/dev/null || fail "stdin JSON"

# Metadata from the command line.
expect_status 0 "$claimdesk" extract --outlet "The Gateway Pundit" \
    --published 2025-04-15 --url https://example.com/a "$seed"
echo "$out" | jq -e '.article.outlet == "The Gateway Pundit" and .article.published == "2025-04-15" and .article.url == "https://example.com/a"' \
    >/dev/null || fail "metadata overrides: $out"

# --text: a summary for people.
expect_status 0 "$claimdesk" extract --text "$seed"
contains "Claims:" "$out"
contains "Dropped:" "$out"
contains "BYPASS THE CENSORS" "$out"
contains "Bloomberg" "$out"
contains "same as #" "$out"

# --sentences: exactly the sentences of a paragraph, trimmed.
printf '  Mr. Smith went to Washington. He arrived at 5 p.m. on Jan. 3!  Was it worth it?  \n' \
    >"$tmp/para.txt"
expect_status 0 "$claimdesk" extract --sentences "$tmp/para.txt"
echo "$out" | jq -e '. == ["Mr. Smith went to Washington.", "He arrived at 5 p.m. on Jan. 3!", "Was it worth it?"]' \
    >/dev/null || fail "--sentences: $out"
run "$claimdesk" extract --sentences - <"$tmp/para.txt"
[ "$status" -eq 0 ] || fail "--sentences from stdin exited $status"
echo "$out" | jq -e 'length == 3' >/dev/null || fail "--sentences stdin: $out"

# Bad input: exit 6 with FILE:LINE: reason.
printf 'A good line.\nA bad \377 byte.\n' >"$tmp/bad.txt"
expect_status 6 "$claimdesk" extract --strict "$tmp/bad.txt"
contains "claimdesk: $tmp/bad.txt:" "$err"
printf 'binary\0file\n' >"$tmp/nul.txt"
expect_status 6 "$claimdesk" extract "$tmp/nul.txt"
contains "claimdesk: $tmp/nul.txt" "$err"
: >"$tmp/empty.txt"
expect_status 6 "$claimdesk" extract "$tmp/empty.txt"
expect_status 6 "$claimdesk" extract "$tmp/does-not-exist.txt"
contains "does-not-exist.txt" "$err"
printf '{"title": "x", "body": 3}' >"$tmp/bad.json"
expect_status 6 "$claimdesk" extract "$tmp/bad.json"
contains "bad.json" "$err"

# Lenient by default: Windows-1252 is decoded, with a warning.
expect_status 0 "$claimdesk" extract "$tmp/bad.txt"
contains "warning" "$err"

# Usage errors: exit 2 with a hint.
expect_status 2 "$claimdesk" extract
contains "Try 'claimdesk extract --help'" "$err"
expect_status 2 "$claimdesk" extract --bogus "$seed"
contains "Try 'claimdesk extract --help'" "$err"
expect_status 2 "$claimdesk" extract --format nosuch "$seed"
expect_status 2 "$claimdesk" extract a b
expect_status 2 "$claimdesk" extract --text --sentences "$seed"
exit 0
