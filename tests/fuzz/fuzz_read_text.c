/*
 * libFuzzer target: the plain-text and Markdown reader (front matter,
 * headline rules) on any bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(size && (data[0] & 4) ? CDK_FORMAT_MARKDOWN : CDK_FORMAT_TEXT,
              data, size);
    return 0;
}
