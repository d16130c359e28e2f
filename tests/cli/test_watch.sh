#!/usr/bin/env bash
# claimdesk import --watch against a real cluster of its own: files that
# arrive are imported and moved to done/; when the database goes away the
# watcher waits and retries, losing nothing; two watchers on one folder
# import every file exactly once; SIGTERM ends the watcher cleanly.
set -euo pipefail
: "${CLAIMDESK_BIN:?}"
unset CLAIMDESK_DB PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
tmp=$(mktemp -d /tmp/cdk-cli-watch.XXXXXX)
chmod 711 "$tmp" # as root, the server's OS user must reach $tmp/home
export CLAIMDESK_HOME=$tmp/home
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
    "$CLAIMDESK_BIN" --quiet db stop --immediate >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$tmp"/w*.log; do [ -f "$f" ] && { echo "== $f"; cat "$f"; } >&2; done; exit 1; }
# wait_for SECONDS CMD...: poll until CMD succeeds.
wait_for() {
    local n=$(($1 * 10)); shift
    while ! "$@" 2>/dev/null; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || return 1
        sleep 0.1
    done
}
article() { # article NAME N: a distinct small article
    printf 'Headline %s\n\nThe reservoir held %d million litres in %d.\n' "$1" "$2" $((1990 + $2 % 30)) >"$tmp/$1.tmp"
    mv "$tmp/$1.tmp" "$3/$1.txt"
}

"$CLAIMDESK_BIN" --quiet db start --no-sync --timeout 60 >/dev/null
db="$("$CLAIMDESK_BIN" db url)"
q() { psql -X -qtA "$db" -c "$1"; }
mkdir "$tmp/drop"

# One watcher: an arrival is imported and moved to done/.
"$CLAIMDESK_BIN" --db "$db" import --watch "$tmp/drop" 2>"$tmp/w1.log" &
pids+=($!)
w1=$!
article a 1 "$tmp/drop"
wait_for 20 test -f "$tmp/drop/done/a.txt" || fail "a.txt not imported"
[ "$(q "SELECT count(*) FROM claimdesk.articles")" = 1 ] || fail "a.txt not stored"

# The database goes away: the next file waits, in place, and is imported
# once the database is back.
"$CLAIMDESK_BIN" --quiet db stop --timeout 30 >/dev/null
article b 2 "$tmp/drop"
wait_for 20 grep -q 'retrying' "$tmp/w1.log" || fail "no retry while the database is down"
[ -f "$tmp/drop/b.txt" ] || fail "b.txt moved while the database was down"
[ ! -e "$tmp/drop/done/b.txt" ] && [ ! -e "$tmp/drop/failed/b.txt" ] || fail "b.txt moved"
"$CLAIMDESK_BIN" --quiet db start --no-sync --timeout 60 >/dev/null
wait_for 60 test -f "$tmp/drop/done/b.txt" || fail "b.txt not imported after the database came back"
[ "$(q "SELECT count(*) FROM claimdesk.articles")" = 2 ] || fail "b.txt not stored"

# A second watcher on the same folder: 30 files, each imported once.
"$CLAIMDESK_BIN" --db "$db" import --watch "$tmp/drop" 2>"$tmp/w2.log" &
pids+=($!)
w2=$!
sleep 0.5
for i in $(seq 10 39); do article "c$i" "$i" "$tmp/drop"; done
done_count() { [ "$(ls "$tmp/drop/done" | wc -l)" -eq "$1" ]; }
wait_for 60 done_count 32 || fail "not all files in done/: $(ls "$tmp/drop" "$tmp/drop/done")"
[ "$(ls "$tmp/drop/done" | grep -c '\.txt\.')" = 0 ] || fail "a file was imported twice: $(ls "$tmp/drop/done")"
[ "$(q "SELECT count(*) FROM claimdesk.articles")" = 32 ] || fail "articles: $(q "SELECT count(*) FROM claimdesk.articles")"
[ "$(q "SELECT count(*) FROM claimdesk.imports WHERE articles_duplicate > 0")" = 0 ] ||
    fail "a watcher imported a file the other had taken"

# SIGTERM: both watchers stop cleanly, exit 0.
kill -TERM "$w1" "$w2"
for p in "$w1" "$w2"; do
    set +e; wait "$p"; st=$?; set -e
    [ "$st" -eq 0 ] || fail "watcher exited $st after SIGTERM"
done
pids=()
grep -q 'stopped watching' "$tmp/w1.log" || fail "no goodbye: $(cat "$tmp/w1.log")"
echo "ok"
