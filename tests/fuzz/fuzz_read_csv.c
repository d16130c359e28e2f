/*
 * libFuzzer target: the CSV reader (libcsv fed line by line, header
 * mapping, resynchronising after malformed records) on any bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(CDK_FORMAT_CSV, data, size);
    return 0;
}
