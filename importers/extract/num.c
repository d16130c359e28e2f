/*
 * Fast exact decimal reading (num.h): [-]digits[.digits] with at most
 * 2^53 (double) or 2^24 (float) as the integer of its digits and at most
 * 22 (10) digits after the point is that integer divided by a power of
 * ten that is exact in the type, so one IEEE division rounds it exactly
 * as the correctly rounding C library does.
 */
#include "num.h"

#include <float.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

static const double pow10d[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static const float pow10f[] = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f,
};

/*
 * s as [-]digits[.digits]: *neg, the digits as one integer *m, how many
 * came after the point *frac, and where it ends *end. False for anything
 * strtod could read differently: no digit, too many digits, or a next
 * byte that could go on (exponent, hex, a second point, a letter).
 */
static bool
decimal(const char *s, bool *neg, uint64_t *m, int *frac, const char **end)
{
    const char *p = s;
    uint64_t v = 0;
    int nf = 0;
    bool point = false, any = false;
    char c;

    *neg = *p == '-';
    if (*neg)
        p++;
    for (;; p++) {
        c = *p;
        if (c >= '0' && c <= '9') {
            if (v > (UINT64_MAX - 9) / 10)
                return false;
            v = v * 10 + (uint64_t)(c - '0');
            any = true;
            nf += point;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return false;
    *m = v;
    *frac = nf;
    *end = p;
    return true;
}

double
cdk_num_strtod(const char *s, char **end)
{
    bool neg;
    uint64_t m;
    int frac;
    const char *e;

#if FLT_EVAL_METHOD == 0
    if (decimal(s, &neg, &m, &frac, &e) && m <= (1ULL << 53) &&
        frac < (int)(sizeof(pow10d) / sizeof(pow10d[0]))) {
        double v = (double)m / pow10d[frac];
        if (end)
            *end = (char *)e;
        return neg ? -v : v;
    }
#endif
    return strtod(s, end);
}

float
cdk_num_strtof(const char *s, char **end)
{
    bool neg;
    uint64_t m;
    int frac;
    const char *e;

#if FLT_EVAL_METHOD == 0
    if (decimal(s, &neg, &m, &frac, &e) && m <= (1ULL << 24) &&
        frac < (int)(sizeof(pow10f) / sizeof(pow10f[0]))) {
        float v = (float)m / pow10f[frac];
        if (end)
            *end = (char *)e;
        return neg ? -v : v;
    }
#endif
    return strtof(s, end);
}
