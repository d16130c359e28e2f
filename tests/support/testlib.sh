# Shared by the end-to-end tests (tests/cli/test_*.sh): source it first.
# Runs under ctest, which exports CLAIMDESK_BIN, CLAIMDESK_TESTDB,
# CLAIMDESK_TEST_CLUSTER and CLAIMDESK_HOME (the test cluster, so nothing
# ever reaches ~/.local/share/claimdesk).
#
#   run CMD...            run CMD, keep its status in $status, stdout in
#                         $out and stderr in $err (never exits)
#   expect_status N CMD   run CMD and fail unless it exits N
#   contains TEXT HAY     fail unless HAY contains TEXT
#   lacks TEXT HAY        fail if HAY contains TEXT
#   fresh_db              print the conninfo of a fresh migrated database
#   empty_db              ... of a fresh database never migrated
#   need_cluster          skip (77) when the test cluster is not there
set -uo pipefail
: "${CLAIMDESK_BIN:?run this through ctest}"
unset CLAIMDESK_DB PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE \
    PGSERVICEFILE PGPASSFILE PGPASSWORD PGOPTIONS
claimdesk=$CLAIMDESK_BIN
t_out=$(mktemp) t_err=$(mktemp)
trap 'rm -f "$t_out" "$t_err"' EXIT

fail() {
    echo "FAIL: $*" >&2
    [ -s "$t_out" ] && { echo "--- stdout:" >&2; cat "$t_out" >&2; }
    [ -s "$t_err" ] && { echo "--- stderr:" >&2; cat "$t_err" >&2; }
    exit 1
}

run() {
    "$@" >"$t_out" 2>"$t_err"
    status=$?
    out=$(cat "$t_out")
    err=$(cat "$t_err")
}

expect_status() {
    local want=$1
    shift
    run "$@"
    [ "$status" -eq "$want" ] || fail "'$*' exited $status, want $want"
}

contains() {
    case $2 in
    *"$1"*) ;;
    *) fail "expected '$1' in: $2" ;;
    esac
}

lacks() {
    case $2 in
    *"$1"*) fail "did not expect '$1' in: $2" ;;
    esac
}

need_cluster() {
    if [ -z "${CLAIMDESK_TEST_CLUSTER:-}" ] ||
        [ ! -d "$CLAIMDESK_TEST_CLUSTER/run" ]; then
        echo "skip: no test cluster (run through ctest)" >&2
        exit 77
    fi
}

fresh_db() {
    "$CLAIMDESK_TESTDB" fresh || fail "could not create a fresh database"
}

empty_db() {
    "$CLAIMDESK_TESTDB" empty || fail "could not create an empty database"
}
