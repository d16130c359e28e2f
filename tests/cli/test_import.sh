#!/usr/bin/env bash
# claimdesk import / imports end to end: exit statuses (0, 6, 7, 2), the
# --json summary, --dry-run, standard input, error lines naming FILE:LINE,
# the watched folder with --once, and the run listing.
set -euo pipefail
: "${CLAIMDESK_BIN:?}" "${CLAIMDESK_TESTDB:?}" "${CLAIMDESK_SOURCE_DIR:?}"
cd "$(mktemp -d /tmp/cdk-cli-import.XXXXXX)"
trap 'rm -rf "$PWD"' EXIT
db=$("$CLAIMDESK_TESTDB" fresh)
cdk() { "$CLAIMDESK_BIN" --db "$db" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_status() { # expect_status N CMD...
    local want=$1; shift
    set +e; "$@" >out 2>err; local got=$?; set -e
    [ "$got" -eq "$want" ] || { cat out err >&2; fail "'$*' exited $got, want $want"; }
}
q() { psql -X -qtA "$db" -c "$1"; }

seed=$CLAIMDESK_SOURCE_DIR/seeds/nrc-council-article.txt

# A plain import: summary on stdout, exit 0.
expect_status 0 cdk import "$seed"
grep -Eq '^1 file: 1 imported, 0 duplicates, 0 failed; [0-9,]+ claims; [0-9.]+ s$' out ||
    fail "summary: $(cat out)"

# Again: a duplicate, nothing stored, still exit 0; --json has the keys.
expect_status 0 cdk import --json "$seed"
for k in files imported duplicates failed claims seconds errors; do
    jq -e "has(\"$k\")" out >/dev/null || fail "--json lacks $k"
done
[ "$(jq .duplicates out)" = 1 ] && [ "$(jq .imported out)" = 0 ] || fail "$(cat out)"
grep -q 'duplicate of article 1' err || fail "no duplicate notice: $(cat err)"

# Bad input: named by FILE:LINE, exit 6, the good lines still imported.
printf '%s\n' '{"title":"A","body":"The bridge opened in 1999 at a cost of $5m."}' \
    'not json at all' \
    '{"title":"C","body":"Unemployment fell to 4.1% in March."}' >feed.jsonl
: >empty.txt
expect_status 6 cdk import --json feed.jsonl empty.txt
[ "$(jq .imported out)" = 2 ] || fail "jsonl: $(cat out)"
[ "$(jq .failed out)" = 2 ] || fail "jsonl: $(cat out)"
jq -e '.errors[] | select(.file == "feed.jsonl" and .line == 2)' out >/dev/null ||
    fail "no error for feed.jsonl line 2: $(cat out)"
grep -q '^claimdesk: feed.jsonl:2: ' err || fail "stderr: $(cat err)"
grep -q '^claimdesk: empty.txt: ' err || fail "stderr: $(cat err)"

# Standard input, with metadata from the command line.
printf 'Headline here\n\nThe port handled 3.2 million containers in 2021.\n' |
    cdk import --outlet 'Harbour Times' --published 2022-01-05 - >out 2>err ||
    fail "stdin import: $(cat err)"
[ "$(q "SELECT count(*) FROM claimdesk.articles a JOIN claimdesk.outlets o ON o.id = a.outlet_id WHERE o.name = 'Harbour Times' AND a.published_at::date = '2022-01-05'")" = 1 ] ||
    fail "stdin article not stored with its metadata"

# A batch of bad inputs: each is named, the good ones are imported, exit 6.
mkdir bad
printf '\0\1\2\3binary' >bad/binary.txt
printf 'Headline\n\nThe fund lost \243 5m in 2004, the report said.\n' >bad/latin1.txt
printf 'title,body\n"unterminated,The council met.\n' >bad/quote.csv
printf 'title,text\nA,The bridge opened in 1999.\n' >bad/nobody.csv
printf '<html><head><title>x</title></head><body><nav>Home</nav></body></html>' >bad/empty.html
{ printf '<html><body>'; for i in $(seq 10000); do printf '<div>'; done; printf 'Deep.'; } >bad/deep.html
printf '{"title": "T", "body": ' >bad/truncated.json
printf '[{"title": 5, "body": "The tower is 300 m tall."}]' >bad/wrongtype.json
: >bad/empty.txt
ln -s /nonexistent/file bad/dangling.txt
printf 'Headline\n\nThe museum drew 1.2 million visitors in 2019.\n' >bad/good.txt
expect_status 6 cdk import --json bad
for f in binary.txt quote.csv nobody.csv empty.html deep.html truncated.json wrongtype.json empty.txt dangling.txt; do
    jq -e --arg f "bad/$f" '.errors[] | select(.file == $f)' out >/dev/null ||
        fail "$f not reported: $(jq -c .errors out)"
done
[ "$(jq .imported out)" = 2 ] || fail "good.txt and latin1.txt not both imported: $(cat out)"
grep -q 'latin1.txt.*Windows-1252' err || fail "no decoding warning: $(cat err)"
[ "$(q "SELECT count(*) FROM claimdesk.articles WHERE body LIKE '%lost ' || chr(163) || ' 5m%'")" = 1 ] ||
    fail "the Latin-1 pound sign was not decoded"
printf 'Headline\n\nThe fund gained \243 7m in 2005.\n' >latin2.txt
expect_status 6 cdk import --strict latin2.txt
grep -q 'latin2.txt' err || fail "--strict: $(cat err)"

# --dry-run needs no database and writes nothing.
before=$(q "SELECT count(*) FROM claimdesk.articles")
expect_status 0 "$CLAIMDESK_BIN" --db 'host=/nonexistent' import --dry-run --json "$seed"
[ "$(jq .imported out)" = 1 ] && [ "$(jq .claims out)" -gt 5 ] || fail "dry run: $(cat out)"
! grep -q 'repeats' err || fail "dry run called a new article a repeat: $(cat err)"
[ "$(q "SELECT count(*) FROM claimdesk.articles")" = "$before" ] || fail "dry run wrote"

# No database: exit 7, saying what was tried.
expect_status 7 "$CLAIMDESK_BIN" --db 'host=/nonexistent' import "$seed"
grep -q '/nonexistent' err || fail "exit 7 message: $(cat err)"

# Usage errors.
expect_status 2 cdk import
expect_status 2 cdk import --format nosuch "$seed"
expect_status 2 cdk import --once "$seed"
expect_status 0 cdk import --help
grep -q -- '--watch' out || fail "import --help"

# The runs are listed, and one shows its errors.
expect_status 0 cdk imports --json
[ "$(jq length out)" -ge 4 ] || fail "imports: $(cat out)"
run=$(jq '[.[] | select(.failed == 2)][0].id' out)
expect_status 0 cdk imports show "$run" --json
jq -e '.error_list[] | select(.file == "feed.jsonl" and .line == 2)' out >/dev/null ||
    fail "imports show: $(cat out)"
expect_status 0 cdk imports
grep -q '^id ' out || fail "imports table: $(cat out)"
expect_status 3 cdk imports show 999999

# The watched folder: files already there go to done/, a bad one to
# failed/ with its .error; --once stops when the folder is empty.
mkdir drop
cp "$seed" drop/seed.txt
printf 'Headline\n\nThe dam holds 40 billion litres of water.\n' >drop/new.txt
printf '\0\1\2binary' >drop/blob.txt
expect_status 6 cdk --quiet import --watch drop --once
[ -f drop/done/new.txt ] && [ -f drop/done/seed.txt ] || fail "done/: $(ls -R drop)"
[ -f drop/failed/blob.txt ] && [ -f drop/failed/blob.txt.error ] || fail "failed/: $(ls -R drop)"
grep -q 'binary' drop/failed/blob.txt.error || fail ".error: $(cat drop/failed/blob.txt.error)"
[ "$(q "SELECT count(*) FROM claimdesk.articles WHERE body LIKE '%40 billion litres%'")" = 1 ] ||
    fail "watched file not stored"
# --model: claims are scored by the model given, not the bundled one (the
# stored score is the one `extract --model` prints, to its 4 decimals); a
# missing model exits 3 and a corrupt one 6, before anything is stored.
{
    echo "text,label"
    for n in 12 15 18 20 25 30 40 45 50 60; do
        echo "\"Taxes rose by $n percent in 19$((n + 40)), the report said.\",1"
        echo "Unemployment fell to $n percent last year.,1"
        echo "\"I think we can do better, and I hope we will.\",0"
        echo "Thank you so much for being here tonight.,0"
    done
} >small.csv
"$CLAIMDESK_BIN" model train small.csv -o small.model --tune-folds 0 --hash-bits 12 --vectors none >/dev/null
printf 'Tolls\n\nBridge tolls rose by 30 percent in 2019, the authority said.\n' >tolls.txt
want=$("$CLAIMDESK_BIN" extract --model small.model tolls.txt | jq -r '.claims[0].score')
bundled=$("$CLAIMDESK_BIN" extract tolls.txt | jq -r '.claims[0].score')
[ "$want" != "$bundled" ] || fail "the small model scores like the bundled one ($want)"
expect_status 3 cdk import --model missing.model tolls.txt
head -c 100 small.model >broken.model
expect_status 6 cdk import --model broken.model tolls.txt
grep -q 'broken.model' err || fail "corrupt model not named: $(cat err)"
[ "$(q "SELECT count(*) FROM claimdesk.articles WHERE body LIKE '%Bridge tolls%'")" = 0 ] ||
    fail "stored with a bad model"
expect_status 0 cdk import --model small.model tolls.txt
got=$(q "SELECT c.checkworthiness FROM claimdesk.claims c JOIN claimdesk.articles a
         ON a.id = c.article_id WHERE a.body LIKE '%Bridge tolls%' ORDER BY c.ordinal LIMIT 1")
awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; exit !(d < 6e-5 && d > -6e-5) }' ||
    fail "stored score $got, extract --model gives $want (bundled $bundled)"

echo "ok"
