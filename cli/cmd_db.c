/*
 * claimdesk db: the local cluster (scaffold until the foundation lands).
 */
#include "cli.h"

int
cli_db_open(struct cli_ctx *ctx, unsigned flags)
{
    (void)ctx;
    (void)flags;
    return cli_fail(7, "database support is not built yet");
}

void
cli_db_close(struct cli_ctx *ctx)
{
    (void)ctx;
}

int
cmd_db(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'db' is not built yet");
}

int
cmd_migrate(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'migrate' is not built yet");
}
