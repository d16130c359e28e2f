/*
 * The check-worthiness model: logistic regression over hashed word
 * n-grams plus cue features (numbers, dates, named entities, reporting
 * verbs, hedges, modal verbs, first person, subjective words). Scores are
 * in [0, 1]. A model is immutable once loaded, so one may be shared by
 * threads. The default model is embedded into the binary at build time
 * (importers/extract/models/checkworthy.model).
 */
#ifndef CDK_IMPORTERS_EXTRACT_MODEL_H
#define CDK_IMPORTERS_EXTRACT_MODEL_H

#include <stddef.h>

#include "core/error.h"

struct cdk_model;

/*
 * The bundled default model, parsed once on first use and kept for the
 * life of the process (do not free it). NULL and err set when the
 * embedded data is missing or corrupt.
 */
const struct cdk_model *cdk_model_default(struct cdk_error *err);

/* Load a model file written by cdk_model_save; NULL and err on failure. */
struct cdk_model *cdk_model_load(const char *path, struct cdk_error *err);

/* Check-worthiness of one sentence (UTF-8, need not be NUL-terminated). */
double cdk_model_score(const struct cdk_model *m, const char *text,
                       size_t len);

void cdk_model_free(struct cdk_model *m);

#endif
