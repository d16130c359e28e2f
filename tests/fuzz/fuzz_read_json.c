/*
 * libFuzzer target: the JSON reader (element-by-element arrays) and the
 * JSON Lines reader on any bytes; bit 2 of the first byte picks which.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(size && (data[0] & 4) ? CDK_FORMAT_JSONL : CDK_FORMAT_JSON,
              data, size);
    return 0;
}
