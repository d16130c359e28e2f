# Connecting and migrating through the binary: exit 7 with a helpful
# message when nothing answers, passwords never shown, --db over
# CLAIMDESK_DB over PG*, migrate idempotent, a changed migration refused
# by name, concurrent migrate safe, commands that need the schema say so.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"
need_cluster

# Nothing answers: exit 7, what was tried, how to fix it.
expect_status 7 "$claimdesk" --db 'host=/nonexistent' migrate --status
contains "could not connect" "$err"
contains "/nonexistent" "$err"
contains "claimdesk db start" "$err"

# Passwords are masked wherever the conninfo comes from.
expect_status 7 "$claimdesk" --db 'host=/nonexistent user=ann password=Pa55word' migrate
lacks "Pa55word" "$err"
contains "password=********" "$err"
expect_status 7 "$claimdesk" --db 'postgresql://ann:Pa55word@/claims?host=/nonexistent' migrate
lacks "Pa55word" "$err"
expect_status 7 env PGHOST=/nonexistent PGPASSWORD=Pa55word "$claimdesk" migrate
lacks "Pa55word" "$err"
contains "PGHOST=/nonexistent" "$err"

# A malformed conninfo is a usage error.
expect_status 2 "$claimdesk" --db "host='unterminated" migrate

# Resolution order: --db, then CLAIMDESK_DB, then PG*, then the cluster.
db=$(empty_db)
expect_status 0 env CLAIMDESK_DB='host=/nonexistent' "$claimdesk" --db "$db" migrate --status
expect_status 7 env CLAIMDESK_DB='host=/nonexistent' PGHOST=/tmp "$claimdesk" migrate --status
contains "CLAIMDESK_DB" "$err"
expect_status 0 env CLAIMDESK_DB="$db" PGHOST=/nonexistent "$claimdesk" migrate --status
expect_status 7 env PGHOST=/nonexistent "$claimdesk" migrate --status
contains "PGHOST" "$err"
# Without anything set: the local cluster ($CLAIMDESK_HOME, the test one).
expect_status 0 "$claimdesk" migrate --status
expect_status 7 env CLAIMDESK_HOME=/nonexistent-home "$claimdesk" migrate --status
contains "local cluster" "$err"
contains "claimdesk db start" "$err"

# An unmigrated database: everything pending; commands needing the
# schema say what to do.
expect_status 0 "$claimdesk" --db "$db" migrate --status
contains "pending" "$out"
lacks "  applied  " "$out"
expect_status 1 "$claimdesk" --db "$db" imports
contains "run 'claimdesk migrate'" "$err"

expect_status 0 "$claimdesk" --db "$db" migrate
contains "applied" "$out"
contains "applying 0001_" "$err"
expect_status 0 "$claimdesk" --db "$db" migrate
contains "nothing to do" "$out"
expect_status 0 "$claimdesk" --db "$db" migrate --status --json
if command -v jq >/dev/null; then
    [ "$(jq -r '.pending' <<<"$out")" = 0 ] || fail "pending is not 0"
    [ "$(jq -r '[.migrations[].state] | unique | join(",")' <<<"$out")" = applied ] ||
        fail "not every migration applied: $out"
fi
expect_status 0 "$claimdesk" --quiet --db "$db" migrate

# A changed migration is refused by name (simulated: tamper the record).
psql -q -X "$db" -c "UPDATE claimdesk.schema_migrations SET checksum = 'x' WHERE version = 3" ||
    fail "psql could not tamper"
expect_status 4 "$claimdesk" --db "$db" migrate
contains "0003_" "$err"
contains "changed" "$err"
expect_status 4 "$claimdesk" --db "$db" migrate --status
contains "changed" "$out"

# Two concurrent migrate runs on one empty database: both succeed, each
# migration is applied exactly once.
db2=$(empty_db)
"$claimdesk" -q --db "$db2" migrate >/dev/null 2>"$t_err.1" &
p1=$!
"$claimdesk" -q --db "$db2" migrate >/dev/null 2>"$t_err.2" &
p2=$!
wait $p1 || { cat "$t_err.1" >&2; fail "first concurrent migrate failed"; }
wait $p2 || { cat "$t_err.2" >&2; fail "second concurrent migrate failed"; }
rm -f "$t_err.1" "$t_err.2"
n=$(psql -X -At "$db2" -c "SELECT count(*) = count(DISTINCT version) AND count(*) > 0 FROM claimdesk.schema_migrations")
[ "$n" = t ] || fail "concurrent migrate recorded migrations twice"
expect_status 0 "$claimdesk" --db "$db2" migrate
contains "nothing to do" "$out"
exit 0
