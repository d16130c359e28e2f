/*
 * Labelled sentences for the check-worthiness model: the ClaimBuster
 * JSON form (an array of objects with "text" and "label") and the
 * CheckThat CSV form (a header naming "text" and "label" columns, e.g.
 * line_number,speaker,text,label,file_name). The format is chosen by
 * the content: a file whose first non-blank byte is '[' is JSON.
 *
 * Invariants: every example's text is valid UTF-8, NUL-terminated, owned
 * by the set; labels are 0 or 1; line[i] is the input line where example
 * i starts (0 when unknown).
 */
#ifndef CDK_IMPORTERS_LABELED_H
#define CDK_IMPORTERS_LABELED_H

#include <stddef.h>

#include "core/error.h"
#include "importers/extract/model.h"

struct cdk_labeled {
    struct cdk_model_example *v;
    long *line;
    size_t n, alloc;
    size_t positives;
};

#define CDK_LABELED_INIT {0, 0, 0, 0, 0}

/*
 * Read all labelled sentences of `path` ("-" for stdin) and append them to
 * *out. 0, or -1 and err (CDK_ERR_INPUT with the file and line for
 * malformed data, CDK_ERR_NOT_FOUND / CDK_ERR_FAILURE when unreadable);
 * on failure *out keeps what it had before the call. No database.
 */
int cdk_labeled_read(const char *path, struct cdk_labeled *out,
                     struct cdk_error *err);

/* Free the texts and arrays; *set is left empty. */
void cdk_labeled_release(struct cdk_labeled *set);

#endif
