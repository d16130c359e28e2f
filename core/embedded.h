/*
 * Files embedded into the binary at build time by scripts/embed.cmake:
 * the migrations (cdk_embedded_migrations, sorted by name) and the
 * bundled models (cdk_embedded_models). `data` is NUL-terminated.
 */
#ifndef CDK_CORE_EMBEDDED_H
#define CDK_CORE_EMBEDDED_H

#include <stddef.h>

struct cdk_embedded {
    const char *name;
    const char *data;
    size_t len;
};

extern const struct cdk_embedded cdk_embedded_migrations[];
extern const size_t cdk_embedded_migrations_count;
extern const struct cdk_embedded cdk_embedded_models[];
extern const size_t cdk_embedded_models_count;

#endif
