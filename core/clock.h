/*
 * Clocks for measuring, not for dates: seconds as a double, from a clock
 * that never jumps (CLOCK_MONOTONIC) and from this thread's CPU time.
 */
#ifndef CDK_CORE_CLOCK_H
#define CDK_CORE_CLOCK_H

/* Seconds on the monotonic clock (an arbitrary origin). */
double cdk_clock_monotonic(void);

/* CPU seconds the calling thread has used. */
double cdk_clock_thread_cpu(void);

#endif
