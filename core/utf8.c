/*
 * UTF-8 validation, decoding and the Windows-1252 fallback decoder used
 * for files that are not UTF-8 (the real case: a Latin-1 pound sign).
 */
#include "utf8.h"

#include <string.h>

size_t
cdk_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c;
    size_t n, i;

    *cp = 0xFFFD;
    if (len == 0)
        return 0;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    } else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
        n = 2;
        c = p[0] & 0x1F;
    } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        c = p[0] & 0x0F;
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        c = p[0] & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t
cdk_utf8_next(const char *s, size_t len, uint32_t *cp)
{
    size_t n = cdk_utf8_decode(s, len, cp);

    return n ? n : 1;
}

void
cdk_utf8_encode(struct cdk_buf *out, uint32_t cp)
{
    char b[4];

    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        cdk_buf_addch(out, (int)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        cdk_buf_add(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        cdk_buf_add(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        cdk_buf_add(out, b, 4);
    }
}

/* Eight bytes of s at once (any alignment). */
static inline uint64_t
load64(const char *s)
{
    uint64_t w;

    memcpy(&w, s, sizeof(w));
    return w;
}

#define HIGHS64 0x8080808080808080ULL

/*
 * Sixteen bytes at a step, then eight, then one (an English text is
 * nearly all ASCII). Where the byte order is known, the step that finds
 * a high byte goes straight to it.
 */
size_t
cdk_utf8_ascii_prefix(const char *s, size_t len)
{
    size_t i = 0;

    while (len - i >= 16 && !((load64(s + i) | load64(s + i + 8)) & HIGHS64))
        i += 16;
    while (len - i >= 8) {
        uint64_t m = load64(s + i) & HIGHS64;

        if (m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + (size_t)__builtin_ctzll(m) / 8;
#else
            break;
#endif
        }
        i += 8;
    }
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

bool
cdk_utf8_valid(const char *s, size_t len, size_t *bad)
{
    size_t i = 0, n;
    uint32_t cp;

    for (;;) {
        i += cdk_utf8_ascii_prefix(s + i, len - i);
        if (i >= len)
            return true;
        n = cdk_utf8_decode(s + i, len - i, &cp);
        if (!n) {
            if (bad)
                *bad = i;
            return false;
        }
        i += n;
    }
}

size_t
cdk_utf8_count(const char *s, size_t len)
{
    size_t i = 0, count = 0;
    uint32_t cp;

    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
        } else {
            i += cdk_utf8_next(s + i, len - i, &cp);
        }
        count++;
    }
    return count;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

void
cdk_cp1252_to_utf8(struct cdk_buf *out, const char *s, size_t len)
{
    size_t i;

    cdk_buf_grow(out, len + len / 4);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            cdk_buf_addch(out, c);
        else if (c < 0xA0)
            cdk_utf8_encode(out, cp1252_high[c - 0x80] ? cp1252_high[c - 0x80]
                                                       : 0xFFFD);
        else
            cdk_utf8_encode(out, c);
    }
}
