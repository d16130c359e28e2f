# The readers seen from the command line (through 'claimdesk extract',
# which needs no database): each format read, and every kind of bad input
# reported as 'claimdesk: FILE:LINE: reason' with exit status 6 while the
# good articles in the same file are still read.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
command -v jq >/dev/null || { echo "skip: jq is not installed" >&2; exit 77; }
data=$CLAIMDESK_SOURCE_DIR/tests/data/readers
tmp=$(mktemp -d /tmp/cdk-cli-readers.XXXXXX)
trap 'rm -rf "$tmp" "$t_out" "$t_err"' EXIT

# Good input in each format, found by extension and by content.
expect_status 0 "$claimdesk" extract "$data/article.html"
[ "$(echo "$out" | jq -r .article.title)" = "Council talks revived" ] || fail "html title"
[ "$(echo "$out" | jq -r .article.outlet)" = "The Example Times" ] || fail "html outlet"
expect_status 0 "$claimdesk" extract "$data/articles.csv"
[ "$(echo "$out" | jq -s length)" = 3 ] || fail "csv: want 3 articles"
cp "$data/article.html" "$tmp/no-extension"
expect_status 0 "$claimdesk" extract "$tmp/no-extension"
[ "$(echo "$out" | jq -r .article.format)" = html ] || fail "detected format"
printf 'Title: From stdin\nOutlet: Pipe Post\n\nThe council met on Tuesday.\n' >"$tmp/in"
expect_status 0 "$claimdesk" extract --outlet 'Override' - <"$tmp/in"
[ "$(echo "$out" | jq -r .article.title)" = "From stdin" ] || fail "stdin title"
[ "$(echo "$out" | jq -r .article.outlet)" = "Override" ] || fail "--outlet"

# Bad lines fail alone, named by line; exit 6.
expect_status 6 "$claimdesk" extract "$data/feed.jsonl"
[ "$(echo "$out" | jq -s length)" = 3 ] || fail "jsonl: want the 3 good lines"
contains "claimdesk: $data/feed.jsonl:2: invalid JSON at column" "$err"
contains "claimdesk: $data/feed.jsonl:4: field 'published' must be a string, not a number" "$err"
contains "claimdesk: $data/feed.jsonl:5: expected an article object, not an array" "$err"

expect_status 6 "$claimdesk" extract "$data/truncated.json"
contains "claimdesk: $data/truncated.json:3: invalid JSON at line 3, column" "$err"
expect_status 6 "$claimdesk" extract "$data/unbalanced.csv"
contains "claimdesk: $data/unbalanced.csv:3: unterminated quoted field" "$err"
expect_status 6 "$claimdesk" extract "$data/nobody-column.csv"
contains "claimdesk: $data/nobody-column.csv:1: no 'body' column" "$err"

# Whole-file problems: named without a line.
expect_status 6 "$claimdesk" extract "$data/empty.txt"
contains "claimdesk: $data/empty.txt: empty file" "$err"
expect_status 6 "$claimdesk" extract "$data/binary.txt"
contains "claimdesk: $data/binary.txt: binary file" "$err"
expect_status 6 "$claimdesk" extract "$data/nobody.html"
contains "no article body found in the HTML (title 'Video: weather report')" "$err"
expect_status 6 "$claimdesk" extract "$tmp"
contains "claimdesk: $tmp: could not open: is a directory" "$err"
expect_status 6 "$claimdesk" extract "$tmp/dangling"
contains "claimdesk: $tmp/dangling: could not open:" "$err"

# Windows-1252 decoded with a warning, or refused with --strict.
printf 'Price rise\n\nIt costs \243%s5.\n' '' >"$tmp/latin1.txt"
expect_status 0 "$claimdesk" extract "$tmp/latin1.txt"
echo "$out" | jq -e '.article.warnings | index("not valid UTF-8; decoded as Windows-1252")' \
    >/dev/null || fail "warning: $out"
contains "£5" "$(echo "$out" | jq -r .article.body)"
expect_status 6 "$claimdesk" extract --strict "$tmp/latin1.txt"
contains "claimdesk: $tmp/latin1.txt:3: not valid UTF-8" "$err"
