/*
 * Decimal numbers as the model files write them ("-0.4279",
 * "0.105347802", "0.553424"), read without the C library's general
 * conversion. Loading the bundled model reads some 50,000 of them; the
 * exact fast path (Clinger's: at most 2^53 (2^24 for a float) as an
 * integer, divided by an exact power of ten, one correctly rounded
 * operation) gives what strtod/strtof give, and everything else (an
 * exponent, hexadecimal, inf/nan, leading spaces or '+', too many
 * digits) is handed to them.
 */
#ifndef CDK_IMPORTERS_EXTRACT_NUM_H
#define CDK_IMPORTERS_EXTRACT_NUM_H

/* strtod(s, end) and strtof(s, end): the same value, *end and errno. */
double cdk_num_strtod(const char *s, char **end);
float cdk_num_strtof(const char *s, char **end);

#endif
