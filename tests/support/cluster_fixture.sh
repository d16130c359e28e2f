#!/usr/bin/env bash
# The ctest fixture "cluster" (tests/cluster.cmake): one throwaway
# PostgreSQL cluster per ctest run, started with the same code as
# `claimdesk db start`.
#   cluster_fixture.sh setup    start it, create the migrated template
#   cluster_fixture.sh cleanup  stop it and remove it
# The cluster lives in a mkdtemp directory under /tmp (as root the server
# runs as an unprivileged user, who could not reach a build directory
# under /root); $CLAIMDESK_TEST_CLUSTER is a symlink to its home.
set -euo pipefail
: "${CLAIMDESK_TEST_CLUSTER:?}" "${CLAIMDESK_BIN:?}" "${CLAIMDESK_TESTDB:?}"
unset CLAIMDESK_DB PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE \
    PGSERVICEFILE PGPASSFILE PGPASSWORD
link=$CLAIMDESK_TEST_CLUSTER

cleanup() {
    [ -L "$link" ] || return 0
    local home tmp
    home=$(readlink "$link")
    tmp=$(dirname "$home")
    if [ -d "$home" ]; then
        CLAIMDESK_HOME=$home "$CLAIMDESK_BIN" db stop --immediate \
            --timeout 30 >/dev/null || true
    fi
    case $tmp in
    /tmp/claimdesk-test.*) rm -rf -- "$tmp" ;;
    esac
    rm -f -- "$link"
}

case ${1:-} in
setup)
    cleanup
    mkdir -p "$(dirname "$link")"
    tmp=$(mktemp -d /tmp/claimdesk-test.XXXXXX)
    chmod 711 "$tmp"   # the server's OS user must reach $tmp/home
    ln -s "$tmp/home" "$link"
    CLAIMDESK_HOME=$tmp/home "$CLAIMDESK_BIN" --quiet db start --no-sync \
        --timeout 60
    "$CLAIMDESK_TESTDB" template
    echo "test cluster: $tmp/home"
    ;;
cleanup)
    cleanup
    ;;
*)
    echo "usage: $0 setup|cleanup" >&2
    exit 2
    ;;
esac
