/*
 * claimdesk extract (scaffold until extraction lands).
 */
#include "cli.h"

int
cmd_extract(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'extract' is not built yet");
}
