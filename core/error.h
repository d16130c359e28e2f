/*
 * Errors: a function that can fail returns -1 (or NULL) and fills the
 * struct cdk_error its caller passed last. Only the function that failed
 * writes it, with the whole sentence and its context; callers may add a
 * detail or hint. Only cli/ prints an error and exits, mapping `code` to
 * the exit status (the codes ARE the exit statuses of DESIGN §5).
 *
 * Passing err == NULL is allowed everywhere: the error is then discarded.
 */
#ifndef CDK_CORE_ERROR_H
#define CDK_CORE_ERROR_H

#include <stdbool.h>

enum cdk_err_code {
    CDK_ERR_NONE = 0,
    CDK_ERR_FAILURE = 1,     /* anything else */
    CDK_ERR_USAGE = 2,       /* bad command line */
    CDK_ERR_NOT_FOUND = 3,   /* no such claim, article, run, ... */
    CDK_ERR_CONFLICT = 4,    /* refused transition, concurrent change */
    CDK_ERR_PERMISSION = 5,  /* the database or the OS said no */
    CDK_ERR_INPUT = 6,       /* bad input data */
    CDK_ERR_UNAVAILABLE = 7, /* database unavailable */
};

#define CDK_ERR_MSG_MAX 1024

struct cdk_error {
    enum cdk_err_code code;
    bool retryable;       /* serialization failure, deadlock: try again */
    char sqlstate[6];     /* "" unless the database said no */
    char message[CDK_ERR_MSG_MAX];
    char detail[CDK_ERR_MSG_MAX];
    char hint[CDK_ERR_MSG_MAX];
    char file[512];       /* input position, "" when none */
    long line;            /* 0 when none */
};

#define CDK_ERROR_INIT {0}

/* Reset to "no error". */
void cdk_error_clear(struct cdk_error *err);

/*
 * Set code and message (printf-style; lowercase first word, no trailing
 * period). Clears detail, hint, sqlstate and position. Returns -1 so that
 * `return cdk_error_set(err, ...)` reads naturally.
 */
int cdk_error_set(struct cdk_error *err, enum cdk_err_code code,
                  const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set the detail / hint line of an error already set. Return -1. */
int cdk_error_detail(struct cdk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int cdk_error_hint(struct cdk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record the input position (file may be NULL, line 0 for none). */
void cdk_error_at(struct cdk_error *err, const char *file, long line);

/* Prefix the message with "PREFIX: " (e.g. the article being stored). */
void cdk_error_prefix(struct cdk_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Copy src into dst (either may be NULL). */
void cdk_error_copy(struct cdk_error *dst, const struct cdk_error *src);

/* Name of a code, e.g. "bad input" for CDK_ERR_INPUT. */
const char *cdk_error_code_name(enum cdk_err_code code);

#endif
