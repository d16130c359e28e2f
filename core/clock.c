/*
 * Monotonic and thread-CPU clocks as seconds (see clock.h).
 */
#include "clock.h"

#include <time.h>

static double
seconds(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
cdk_clock_monotonic(void)
{
    return seconds(CLOCK_MONOTONIC);
}

double
cdk_clock_thread_cpu(void)
{
    return seconds(CLOCK_THREAD_CPUTIME_ID);
}
