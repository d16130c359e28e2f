/*
 * libFuzzer target: the HTML reader (libxml2 parse, tree walk, JSON-LD)
 * on any bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(CDK_FORMAT_HTML, data, size);
    return 0;
}
