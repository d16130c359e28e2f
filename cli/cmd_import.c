/*
 * claimdesk import / imports (scaffold until importing lands).
 */
#include "cli.h"

int
cmd_import(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'import' is not built yet");
}

int
cmd_imports(int argc, char **argv, struct cli_ctx *ctx)
{
    (void)argc;
    (void)argv;
    (void)ctx;
    return cli_fail(1, "'imports' is not built yet");
}
