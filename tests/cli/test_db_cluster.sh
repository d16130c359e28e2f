# claimdesk db start|stop|status|url|psql on a cluster of its own (not the
# shared test cluster): first start initialises and migrates, starting
# twice and stopping twice are clear no-ops, status exits 7 when stopped,
# a stale postmaster.pid is removed, a foreign process on the socket is a
# clear error, and as root the server runs as the unprivileged user.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"

tmp=$(mktemp -d /tmp/claimdesk-test.XXXXXX)
chmod 711 "$tmp"
export CLAIMDESK_HOME=$tmp/home
listener=
cleanup() {
    [ -n "$listener" ] && kill "$listener" 2>/dev/null
    "$claimdesk" db stop --immediate >/dev/null 2>&1
    rm -rf -- "$tmp" "$t_out" "$t_err"
}
trap cleanup EXIT

expect_status 7 "$claimdesk" db status
contains "no local cluster" "$out"
expect_status 0 "$claimdesk" db stop
contains "not running" "$out"

expect_status 0 "$claimdesk" db start --no-sync
contains "initialised a new cluster in $tmp/home/data" "$out"
contains "started the local cluster" "$out"
contains "applied" "$out"

expect_status 0 "$claimdesk" db start
contains "already running" "$out"
contains "is current" "$out"

expect_status 0 "$claimdesk" db status
contains "is running" "$out"
contains "$tmp/home/run" "$out"
contains "up to date" "$out"
expect_status 0 "$claimdesk" db status --json
if command -v jq >/dev/null; then
    [ "$(jq -r .running <<<"$out")" = true ] || fail "status --json: not running"
    [ "$(jq -r .migrations_pending <<<"$out")" = 0 ] || fail "pending migrations"
fi

# No TCP at all; the socket directory is private.
grep -q "^listen_addresses = ''" "$tmp/home/data/postgresql.conf" ||
    fail "listen_addresses is not empty"
[ "$(stat -c %a "$tmp/home/run")" = 700 ] || fail "socket directory is not 0700"
if [ "$(id -u)" = 0 ]; then
    [ "$(stat -c %U "$tmp/home/data")" = claimdesk ] ||
        fail "as root the data directory should belong to 'claimdesk'"
    pid=$(head -1 "$tmp/home/data/postmaster.pid")
    [ "$(stat -c %U /proc/"$pid")" = claimdesk ] ||
        fail "as root the server should run as 'claimdesk'"
fi

expect_status 0 "$claimdesk" db url
url=$out
contains "host=$tmp/home/run" "$url"
expect_status 0 psql -X -At "$url" -c "SELECT count(*) FROM claimdesk.ratings"
[ "$out" = 7 ] || fail "db url: psql saw $out ratings"
expect_status 0 "$claimdesk" db psql -X -At -c "SELECT current_database()"
[ "$out" = claimdesk ] || fail "db psql: $out"
# The default connection goes to this cluster.
expect_status 0 "$claimdesk" migrate --status
contains "applied" "$out"

expect_status 0 "$claimdesk" db stop
contains "stopped" "$out"
expect_status 0 "$claimdesk" db stop
contains "not running" "$out"
expect_status 7 "$claimdesk" db status
contains "not running" "$out"
expect_status 7 "$claimdesk" migrate --status
contains "claimdesk db start" "$err"
expect_status 7 "$claimdesk" db psql -c "SELECT 1"

# A stale postmaster.pid (its process is gone) is removed, with a word.
dead=$(sh -c 'echo $$')   # a pid whose process has exited
printf '%s\n%s\n' "$dead" "$tmp/home/data" >"$tmp/home/data/postmaster.pid"
expect_status 0 "$claimdesk" db start
contains "stale" "$err"
contains "started" "$out"
expect_status 0 "$claimdesk" db stop

# A pid file naming another cluster's live postmaster is stale for us:
# 'db stop' must not signal that server, 'db start' replaces the file.
shared_pid=${CLAIMDESK_TEST_CLUSTER:+$CLAIMDESK_TEST_CLUSTER/data/postmaster.pid}
if [ -n "$shared_pid" ] && [ -r "$shared_pid" ]; then
    other=$(head -1 "$shared_pid")
    printf '%s\n%s\n' "$other" "$tmp/home/data" >"$tmp/home/data/postmaster.pid"
    expect_status 0 "$claimdesk" db stop
    contains "not running" "$out"
    kill -0 "$other" || fail "db stop signalled another cluster's server"
    expect_status 0 "$claimdesk" db start
    contains "stale" "$err"
    kill -0 "$other" || fail "db start signalled another cluster's server"
    expect_status 0 "$claimdesk" db stop
fi

# A server that hangs (stopped with SIGSTOP): 'db start' says so, no hang.
expect_status 0 "$claimdesk" db start
pm=$(head -1 "$tmp/home/data/postmaster.pid")
kill -STOP "$pm"
expect_status 7 timeout 60 "$claimdesk" db start --timeout 10
kill -CONT "$pm"
contains "does not answer" "$err"
expect_status 0 "$claimdesk" db stop

# Another process listening on our socket: a clear error, no hang.
if command -v perl >/dev/null; then
    perl -MIO::Socket::UNIX -e '
        my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0],
                                      Listen => 5) or die "listen: $!";
        sleep 120;' "$tmp/home/run/.s.PGSQL.5432" &
    listener=$!
    for _ in $(seq 50); do
        [ -S "$tmp/home/run/.s.PGSQL.5432" ] && break
        sleep 0.1
    done
    expect_status 4 timeout 60 "$claimdesk" db start --timeout 20
    contains "in use by another process" "$err"
    kill "$listener"
    wait "$listener" 2>/dev/null
    listener=
    rm -f "$tmp/home/run/.s.PGSQL.5432"
    expect_status 0 "$claimdesk" db start
fi

# Server programs of another major version than the cluster: refused
# before anything runs.
mkdir "$tmp/fakebin"
for prog in pg_ctl initdb postgres; do
    printf '#!/bin/sh\necho "%s (PostgreSQL) 99.1"\n' "$prog" >"$tmp/fakebin/$prog"
    chmod 755 "$tmp/fakebin/$prog"
done
expect_status 1 env CLAIMDESK_PG_BINDIR="$tmp/fakebin" "$claimdesk" db start
contains "made by PostgreSQL $(cat "$tmp/home/data/PG_VERSION")" "$err"
contains "version 99" "$err"
expect_status 1 env CLAIMDESK_PG_BINDIR="$tmp/nonexistent" "$claimdesk" db start
contains "CLAIMDESK_PG_BINDIR" "$err"

# As root, a home the server's user cannot reach is refused clearly.
if [ "$(id -u)" = 0 ]; then
    mkdir -m 700 "$tmp/private"
    expect_status 5 env CLAIMDESK_HOME="$tmp/private/home" "$claimdesk" db start
    contains "cannot reach" "$err"
    contains "CLAIMDESK_HOME" "$err"
fi
exit 0
