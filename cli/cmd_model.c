/*
 * claimdesk model (scaffold until the scorer lands).
 */
#include "cli.h"

int
cmd_model(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'model' is not built yet");
}
