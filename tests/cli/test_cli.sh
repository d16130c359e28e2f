# The command-line skeleton: help everywhere, --version, and exit 2 with
# a hint for unknown commands and options.
. "$CLAIMDESK_SOURCE_DIR/tests/support/testlib.sh"

expect_status 0 "$claimdesk" --version
contains "claimdesk " "$out"

expect_status 0 "$claimdesk" --help
for cmd in db migrate import extract; do
    contains "  $cmd " "$out"
done
contains "Exit status" "$out"
contains "7 database" "$out"

expect_status 2 "$claimdesk"
contains "Usage:" "$err"

expect_status 2 "$claimdesk" nosuchcommand
contains "'nosuchcommand' is not a claimdesk command" "$err"
contains "claimdesk --help" "$err"

expect_status 2 "$claimdesk" --nosuchoption
contains "Try 'claimdesk --help'" "$err"

expect_status 2 "$claimdesk" help nosuchcommand

# help CMD and CMD --help print the same thing, to stdout.
for cmd in db migrate; do
    expect_status 0 "$claimdesk" help "$cmd"
    help=$out
    contains "Usage: claimdesk $cmd" "$help"
    expect_status 0 "$claimdesk" "$cmd" --help
    [ "$out" = "$help" ] || fail "'$cmd --help' differs from 'help $cmd'"
done

# --help needs no database even for commands that do.
expect_status 0 env CLAIMDESK_DB='host=/nonexistent' "$claimdesk" migrate --help

expect_status 2 "$claimdesk" migrate --bogus
contains "Try 'claimdesk migrate --help'" "$err"
expect_status 2 "$claimdesk" migrate extra-argument
expect_status 2 "$claimdesk" db
expect_status 2 "$claimdesk" db frobnicate
contains "Try 'claimdesk db --help'" "$err"
expect_status 2 "$claimdesk" db start --bogus
expect_status 2 "$claimdesk" db start --timeout nope
expect_status 0 "$claimdesk" db start --help
contains "db psql" "$out"
exit 0
