/*
 * struct cdk_error: the one way library code reports failure.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
cdk_error_clear(struct cdk_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

int
cdk_error_set(struct cdk_error *err, enum cdk_err_code code, const char *fmt,
              ...)
{
    va_list ap;

    if (!err)
        return -1;
    cdk_error_clear(err);
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    return -1;
}

int
cdk_error_detail(struct cdk_error *err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
    va_end(ap);
    return -1;
}

int
cdk_error_hint(struct cdk_error *err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    vsnprintf(err->hint, sizeof(err->hint), fmt, ap);
    va_end(ap);
    return -1;
}

void
cdk_error_at(struct cdk_error *err, const char *file, long line)
{
    if (!err)
        return;
    snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
    err->line = line;
}

void
cdk_error_prefix(struct cdk_error *err, const char *fmt, ...)
{
    char old[CDK_ERR_MSG_MAX];
    size_t n;
    va_list ap;

    if (!err)
        return;
    memcpy(old, err->message, sizeof(old));
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
    n = strlen(err->message);
    if (n + 2 < sizeof(err->message)) {
        memcpy(err->message + n, ": ", 3);
        n += 2;
        memcpy(err->message + n, old,
               strnlen(old, sizeof(err->message) - n - 1));
        err->message[n + strnlen(old, sizeof(err->message) - n - 1)] = '\0';
    }
}

void
cdk_error_copy(struct cdk_error *dst, const struct cdk_error *src)
{
    if (dst && src && dst != src)
        memcpy(dst, src, sizeof(*dst));
}

const char *
cdk_error_code_name(enum cdk_err_code code)
{
    switch (code) {
    case CDK_ERR_NONE:
        return "success";
    case CDK_ERR_FAILURE:
        return "failure";
    case CDK_ERR_USAGE:
        return "usage error";
    case CDK_ERR_NOT_FOUND:
        return "not found";
    case CDK_ERR_CONFLICT:
        return "conflict";
    case CDK_ERR_PERMISSION:
        return "permission denied";
    case CDK_ERR_INPUT:
        return "bad input";
    case CDK_ERR_UNAVAILABLE:
        return "database unavailable";
    }
    return "failure";
}
