/*
 * Formats whose readers have not landed yet: each reports the file as
 * bad input, naming the format, until its reader replaces it here.
 */
#include "importers/reader_impl.h"

static int
pending(struct cdk_rctx *c)
{
    return cdk_rctx_bad(c, 0, "reading %s is not supported yet",
                        cdk_format_name(c->format)) < 0
               ? -1
               : 0;
}

int
cdk_read_json(struct cdk_rctx *c)
{
    return pending(c);
}

int
cdk_read_jsonl(struct cdk_rctx *c)
{
    return pending(c);
}

int
cdk_read_csv(struct cdk_rctx *c)
{
    return pending(c);
}
