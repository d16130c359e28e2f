/*
 * Plain text and Markdown: one article per file.
 *
 * Layout understood, in order:
 *  1. front matter, either fenced (a first line `---`, `Key: value` lines,
 *     a closing `---` or `...`; unknown keys ignored) or bare (the first
 *     lines are all `Key: value` with known keys, ended by a blank line).
 *     Keys, case-insensitive, `-`/`_`/space ignored: title/headline,
 *     url/link/canonical, outlet/source/publisher/site, author/by/byline,
 *     published/date/publishedat/datepublished, language/lang.
 *  2. a headline, unless the front matter gave a title: a Markdown
 *     heading (`# Title`, or a line underlined with === or ---); or the
 *     first non-empty line when it is short (<= 150 characters), a blank
 *     line follows it, and it does not end like a sentence that goes on
 *     (, ; : or a dash). A line ending in a full stop is a headline only
 *     when it is in Title Case or the paragraph after it repeats it (as
 *     scraped pages do); an ellipsis, ? and ! are fine (BBC headlines).
 *  3. the body: everything after, kept as written (CRLF becomes LF;
 *     Markdown markup is left in place so offsets stay faithful).
 * The seed article's layout -- a blank first line, then a lede ending in a
 * comma with no blank line after it -- has no headline: all of it is body.
 */
#include "importers/reader_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

#define HEADLINE_MAX_CHARS 150
#define FRONT_MATTER_MAX_LINES 64

struct line {
    const char *s; /* start */
    size_t len;    /* without the newline */
    const char *next; /* start of the next line (or end) */
};

/* The line starting at p (p < end). */
static struct line
line_at(const char *p, const char *end)
{
    struct line l;
    const char *nl = memchr(p, '\n', (size_t)(end - p));

    l.s = p;
    l.len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    l.next = nl ? nl + 1 : end;
    return l;
}

static bool
is_blank(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (!cdk_read_isspace((unsigned char)s[i]))
            return false;
    return true;
}

static void
trim(const char **s, size_t *len)
{
    while (*len && cdk_read_isspace((unsigned char)**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && cdk_read_isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

static const struct {
    const char *key;
    size_t field; /* index into the article fields below */
} front_keys[] = {
    {"title", 0},         {"headline", 0},     {"url", 1},
    {"link", 1},          {"canonical", 1},    {"outlet", 2},
    {"source", 2},        {"publisher", 2},    {"site", 2},
    {"author", 3},        {"authors", 3},      {"by", 3},
    {"byline", 3},        {"published", 4},    {"date", 4},
    {"publishedat", 4},   {"datepublished", 4}, {"pubdate", 4},
    {"language", 5},      {"lang", 5},
};

static char **
article_field(struct cdk_article *a, size_t i)
{
    char **fields[] = {&a->title,  &a->url,       &a->outlet,
                       &a->author, &a->published, &a->language};
    return fields[i];
}

/*
 * Split `Key: value`. Returns the field index of a known key, -2 for a
 * key-shaped but unknown key, -1 when the line is not `Key: value`.
 */
static int
split_key(const char *s, size_t len, const char **val, size_t *vlen)
{
    char key[32];
    size_t i, k = 0;
    const char *colon = memchr(s, ':', len);

    if (!colon || colon == s || (size_t)(colon - s) > 30)
        return -1;
    for (i = 0; s + i < colon; i++) {
        unsigned char ch = (unsigned char)s[i];

        if (isalnum(ch))
            key[k++] = (char)tolower(ch);
        else if (ch != '-' && ch != '_' && ch != ' ')
            return -1;
    }
    if (k == 0 || !isalpha((unsigned char)s[0]))
        return -1;
    key[k] = '\0';
    /* "Key:value" without a space is more likely text (a URL, a time). */
    if (colon + 1 < s + len && colon[1] != ' ' && colon[1] != '\t')
        return -1;
    *val = colon + 1;
    *vlen = len - (size_t)(colon + 1 - s);
    trim(val, vlen);
    if (*vlen >= 2 && ((*val)[0] == '"' || (*val)[0] == '\'') &&
        (*val)[*vlen - 1] == (*val)[0]) {
        (*val)++;
        *vlen -= 2;
    }
    for (i = 0; i < sizeof(front_keys) / sizeof(front_keys[0]); i++)
        if (strcmp(key, front_keys[i].key) == 0)
            return (int)front_keys[i].field;
    return -2;
}

static void
set_field(struct cdk_article *a, int field, const char *val, size_t vlen)
{
    char **f = article_field(a, (size_t)field);

    free(*f);
    *f = vlen ? cdk_xstrndup(val, vlen) : NULL;
}

static bool
is_fence(const char *s, size_t len, bool closing)
{
    trim(&s, &len);
    return (len == 3 && memcmp(s, "---", 3) == 0) ||
           (closing && len == 3 && memcmp(s, "...", 3) == 0);
}

/*
 * Front matter at p. Fills the article fields it names and returns where
 * the rest starts, or p when there is none.
 */
static const char *
front_matter(struct cdk_article *a, const char *p, const char *end)
{
    struct line l;
    const char *q, *val;
    size_t vlen, n;
    int field;

    if (p < end) {
        l = line_at(p, end);
        if (is_fence(l.s, l.len, false)) {
            /* Fenced: everything up to the closing fence must be keys,
             * comments or blank lines. */
            for (q = l.next, n = 0; q < end && n < FRONT_MATTER_MAX_LINES;
                 q = l.next, n++) {
                l = line_at(q, end);
                if (is_fence(l.s, l.len, true))
                    break;
                if (!is_blank(l.s, l.len) && l.s[0] != '#' &&
                    split_key(l.s, l.len, &val, &vlen) == -1)
                    return p;
            }
            if (q >= end || n >= FRONT_MATTER_MAX_LINES)
                return p;
            for (q = line_at(p, end).next;; q = l.next) {
                l = line_at(q, end);
                if (is_fence(l.s, l.len, true))
                    return l.next;
                field = l.s[0] == '#' ? -1 : split_key(l.s, l.len, &val, &vlen);
                if (field >= 0)
                    set_field(a, field, val, vlen);
            }
        }
    }
    /* Bare: skip blank lines, then known keys only, ended by a blank line. */
    for (q = p; q < end; q = l.next) {
        l = line_at(q, end);
        if (!is_blank(l.s, l.len))
            break;
    }
    for (n = 0; q < end && n < FRONT_MATTER_MAX_LINES; q = l.next, n++) {
        l = line_at(q, end);
        if (is_blank(l.s, l.len))
            break;
        if (split_key(l.s, l.len, &val, &vlen) < 0)
            return p;
    }
    if (n == 0 || q >= end || n >= FRONT_MATTER_MAX_LINES)
        return p;
    for (q = p; q < end; q = l.next) {
        l = line_at(q, end);
        if (!is_blank(l.s, l.len))
            break;
    }
    for (; q < end; q = l.next) {
        l = line_at(q, end);
        field = split_key(l.s, l.len, &val, &vlen);
        if (field < 0)
            break;
        set_field(a, field, val, vlen);
    }
    return q;
}

static bool
is_small_word(const char *w, size_t n)
{
    static const char *const small[] = {
        "a",  "an", "and", "as",  "at", "but", "by", "for", "from", "in",
        "into", "nor", "of", "on", "or",  "the", "to", "up", "vs", "with",
    };
    size_t i;

    for (i = 0; i < sizeof(small) / sizeof(small[0]); i++)
        if (strlen(small[i]) == n && strncasecmp(w, small[i], n) == 0)
            return true;
    return false;
}

/* Most words start with a capital letter (small words aside). */
static bool
title_case(const char *s, size_t len)
{
    size_t i = 0, words = 0, caps = 0;

    while (i < len) {
        size_t start, n;

        while (i < len && s[i] == ' ')
            i++;
        start = i;
        while (i < len && s[i] != ' ')
            i++;
        n = i - start;
        if (n == 0 || !isalpha((unsigned char)s[start]) ||
            is_small_word(s + start, n))
            continue;
        words++;
        if (isupper((unsigned char)s[start]))
            caps++;
    }
    return words >= 3 && caps * 5 >= words * 4;
}

static bool
ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);

    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/*
 * Is l (trimmed: s, len) the headline? `after` is the text after the
 * blank line(s) that follow it.
 */
static bool
headline_shape(const char *s, size_t len, const char *after,
               const char *end)
{
    static const char *const closers[] = {"\"", "'", "\xE2\x80\x9D",
                                          "\xE2\x80\x99", ")"};
    size_t core = len, i;
    bool letter = false;

    if (len == 0 || cdk_utf8_count(s, len) > HEADLINE_MAX_CHARS)
        return false;
    for (i = 0; i < len && !letter; i++)
        letter = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
    if (!letter)
        return false;
    /* Look through closing quotes and brackets to the punctuation. */
    for (i = 0; i < sizeof(closers) / sizeof(closers[0]); i++)
        if (ends_with(s, core, closers[i]) && core > strlen(closers[i])) {
            core -= strlen(closers[i]);
            i = (size_t)-1;
        }
    if (ends_with(s, core, ",") || ends_with(s, core, ";") ||
        ends_with(s, core, ":") || ends_with(s, core, "-") ||
        ends_with(s, core, "\xE2\x80\x93") ||
        ends_with(s, core, "\xE2\x80\x94") || ends_with(s, core, "("))
        return false;
    if (ends_with(s, core, "...") || ends_with(s, core, "\xE2\x80\xA6"))
        return true;
    if (ends_with(s, core, ".")) {
        struct line next;
        size_t scan;

        if (title_case(s, len))
            return true;
        /* Scraped pages repeat the headline in the first paragraph. */
        if (after >= end)
            return false;
        next = line_at(after, end);
        scan = next.len < 4096 ? next.len : 4096;
        return memmem(next.s, scan, s, len) != NULL;
    }
    return true;
}

/* Strip Markdown emphasis wrapped around a whole heading (**Title**). */
static void
strip_emphasis(const char **s, size_t *len)
{
    while (*len >= 2 && ((*s)[0] == '*' || (*s)[0] == '_') &&
           (*s)[*len - 1] == (*s)[0]) {
        (*s)++;
        *len -= 2;
        trim(s, len);
    }
}

/*
 * Find the headline in [p, end). Sets the title (unless one is known) and
 * returns where the body starts.
 */
static const char *
headline(struct cdk_article *a, const char *p, const char *end)
{
    struct line l, next;
    const char *s, *after;
    size_t len, i;

    while (p < end) {
        l = line_at(p, end);
        if (!is_blank(l.s, l.len))
            break;
        p = l.next;
    }
    if (p >= end || a->title)
        return p;
    s = l.s;
    len = l.len;
    trim(&s, &len);
    /* ATX heading: 1-6 '#' and a space. */
    for (i = 0; i < len && i < 7 && s[i] == '#'; i++)
        ;
    if (i >= 1 && i <= 6 && (i == len || s[i] == ' ' || s[i] == '\t')) {
        s += i;
        len -= i;
        while (len && s[len - 1] == '#')
            len--;
        trim(&s, &len);
        strip_emphasis(&s, &len);
        if (len)
            a->title = cdk_xstrndup(s, len);
        return l.next;
    }
    if (l.next >= end)
        return p;
    next = line_at(l.next, end);
    /* Setext heading: a line of === or --- under it. */
    {
        const char *u = next.s;
        size_t ulen = next.len;

        trim(&u, &ulen);
        if (ulen >= 3 && (u[0] == '=' || u[0] == '-') && len > 0) {
            for (i = 0; i < ulen && u[i] == u[0]; i++)
                ;
            if (i == ulen) {
                strip_emphasis(&s, &len);
                if (len)
                    a->title = cdk_xstrndup(s, len);
                return next.next;
            }
        }
    }
    if (!is_blank(next.s, next.len))
        return p;
    for (after = next.next; after < end; after = next.next) {
        next = line_at(after, end);
        if (!is_blank(next.s, next.len))
            break;
    }
    if (!headline_shape(s, len, after, end))
        return p;
    a->title = cdk_xstrndup(s, len);
    return after;
}

/* CRLF to LF, in place. */
static void
unix_newlines(struct cdk_buf *b)
{
    char *w = b->buf, *r = b->buf, *end = b->buf + b->len;

    if (!memchr(b->buf, '\r', b->len))
        return;
    while (r < end) {
        if (r[0] == '\r' && r + 1 < end && r[1] == '\n')
            r++;
        *w++ = *r++;
    }
    cdk_buf_setlen(b, (size_t)(w - b->buf));
}

int
cdk_read_text(struct cdk_rctx *c)
{
    struct cdk_buf doc = CDK_BUF_INIT;
    struct cdk_article a;
    const char *p, *end;
    bool decoded;
    int rc;

    cdk_article_init(&a);
    rc = cdk_src_slurp(c, &doc, c->max_article);
    if (rc < 0)
        goto out;
    if (rc > 0) {
        rc = cdk_rctx_bad(c, 0, "article is larger than %zu bytes",
                          c->max_article);
        goto out;
    }
    rc = cdk_rctx_fix_document(c, &doc, &decoded);
    if (rc != 0) {
        rc = rc < 0 ? -1 : 0;
        goto out;
    }
    unix_newlines(&doc);
    p = doc.buf;
    end = doc.buf + doc.len;
    p = front_matter(&a, p, end);
    p = headline(&a, p, end);
    if (decoded)
        cdk_article_warn(&a, "%s", cdk_read_cp1252_warning);
    a.body_len = (size_t)(end - p);
    a.body = cdk_xstrndup(p, a.body_len);
    rc = cdk_rctx_emit(c, &a, 1);
out:
    cdk_article_release(&a);
    cdk_buf_release(&doc);
    return rc;
}
