/*
 * The readers' front: format names and detection, opening the input,
 * and the checks every article passes on its way to the caller
 * (UTF-8 or Windows-1252, NUL bytes, empty bodies, size cap, overrides).
 *
 * Input is pulled through struct cdk_src so that the streaming formats
 * (JSON Lines, CSV) never hold more than a chunk and one article, while
 * the whole-document formats slurp with a cap. The first chunk is read
 * ahead for format detection and served again to the format reader.
 */
#include "importers/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"
#include "importers/reader_impl.h"

const char cdk_read_cp1252_warning[] =
    "not valid UTF-8; decoded as Windows-1252";

static const struct {
    const char *name;
    enum cdk_format format;
} format_names[] = {
    {"auto", CDK_FORMAT_AUTO},     {"text", CDK_FORMAT_TEXT},
    {"markdown", CDK_FORMAT_MARKDOWN}, {"html", CDK_FORMAT_HTML},
    {"json", CDK_FORMAT_JSON},     {"jsonl", CDK_FORMAT_JSONL},
    {"csv", CDK_FORMAT_CSV},       {"txt", CDK_FORMAT_TEXT},
    {"md", CDK_FORMAT_MARKDOWN},   {"htm", CDK_FORMAT_HTML},
    {"ndjson", CDK_FORMAT_JSONL},
};

const char *
cdk_format_name(enum cdk_format f)
{
    size_t i;

    for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
        if (format_names[i].format == f)
            return format_names[i].name;
    return "auto";
}

int
cdk_format_parse(const char *name, enum cdk_format *out,
                 struct cdk_error *err)
{
    size_t i;

    for (i = 0; name && i < sizeof(format_names) / sizeof(format_names[0]);
         i++) {
        if (strcasecmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return 0;
        }
    }
    return cdk_error_set(err, CDK_ERR_USAGE,
                         "unknown format '%s'; expected one of auto, text, "
                         "markdown, html, json, jsonl, csv",
                         name ? name : "");
}

static const struct {
    const char *ext;
    enum cdk_format format;
} extensions[] = {
    {"txt", CDK_FORMAT_TEXT},      {"text", CDK_FORMAT_TEXT},
    {"md", CDK_FORMAT_MARKDOWN},   {"markdown", CDK_FORMAT_MARKDOWN},
    {"htm", CDK_FORMAT_HTML},      {"html", CDK_FORMAT_HTML},
    {"xhtml", CDK_FORMAT_HTML},    {"json", CDK_FORMAT_JSON},
    {"jsonl", CDK_FORMAT_JSONL},   {"ndjson", CDK_FORMAT_JSONL},
    {"csv", CDK_FORMAT_CSV},
};

/* Case-insensitive search for needle in s[0..len). */
static const char *
memcasemem(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), i;

    for (i = 0; n <= len && i <= len - n; i++)
        if (strncasecmp(s + i, needle, n) == 0)
            return s + i;
    return NULL;
}

static bool
looks_like_html(const char *p, size_t len)
{
    static const char *const tags[] = {
        "<!doctype html", "<html", "<head", "<body", "<article", "<meta",
        "<title", "<div",  "<p>",   "<p ",   "<main",    "<!--",
    };
    size_t i;

    if (len == 0 || p[0] != '<')
        return false;
    for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
        if (memcasemem(p, len, tags[i]))
            return true;
    return false;
}

/* A CSV header: a first line with a comma that names a body column. */
static bool
looks_like_csv(const char *p, size_t len)
{
    const char *nl = memchr(p, '\n', len);
    size_t n = nl ? (size_t)(nl - p) : len;
    const char *f = p, *end = p + n;

    if (!memchr(p, ',', n))
        return false;
    while (f <= end) {
        const char *comma = memchr(f, ',', (size_t)(end - f));
        const char *fe = comma ? comma : end;
        const char *a = f, *b = fe;

        while (a < b && (cdk_read_isspace((unsigned char)*a) || *a == '"'))
            a++;
        while (b > a &&
               (cdk_read_isspace((unsigned char)b[-1]) || b[-1] == '"'))
            b--;
        if (b - a == 4 && strncasecmp(a, "body", 4) == 0)
            return true;
        if (!comma)
            break;
        f = comma + 1;
    }
    return false;
}

enum cdk_format
cdk_format_detect(const char *name, const char *head, size_t len)
{
    const char *base, *dot;
    const char *p = head, *end = head + len;
    size_t i;

    if (name && strcmp(name, "-") != 0) {
        base = strrchr(name, '/');
        base = base ? base + 1 : name;
        dot = strrchr(base, '.');
        if (dot && dot != base) {
            for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++)
                if (strcasecmp(dot + 1, extensions[i].ext) == 0)
                    return extensions[i].format;
        }
    }
    if (!head)
        return CDK_FORMAT_TEXT;
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end && cdk_read_isspace((unsigned char)*p))
        p++;
    if (looks_like_html(p, (size_t)(end - p)))
        return CDK_FORMAT_HTML;
    if (p < end && *p == '{') {
        /* JSON Lines: the first line is a whole object, then another. */
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *q = nl, *last = nl;

        if (nl) {
            while (last > p && cdk_read_isspace((unsigned char)last[-1]))
                last--;
            while (q < end && cdk_read_isspace((unsigned char)*q))
                q++;
            if (last > p && last[-1] == '}' && q < end && *q == '{')
                return CDK_FORMAT_JSONL;
        }
        return CDK_FORMAT_JSON;
    }
    if (p < end && *p == '[')
        return CDK_FORMAT_JSON;
    if (looks_like_csv(p, (size_t)(end - p)))
        return CDK_FORMAT_CSV;
    if (end - p >= 4 && memcmp(p, "---", 3) == 0 &&
        (p[3] == '\n' || p[3] == '\r'))
        return CDK_FORMAT_MARKDOWN;
    return CDK_FORMAT_TEXT;
}

static ssize_t
fd_read(struct cdk_rctx *c, char *buf, size_t cap)
{
    ssize_t r;

    do
        r = read(c->src->fd, buf, cap);
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        cdk_error_set(c->err, CDK_ERR_INPUT, "could not read: %s",
                      strerror(errno));
        cdk_error_at(c->err, c->origin, 0);
    }
    return r;
}

ssize_t
cdk_src_read(struct cdk_rctx *c, char *buf, size_t cap)
{
    struct cdk_src *s = c->src;
    size_t n;

    if (cap == 0)
        return 0;
    if (s->headpos < s->headlen) {
        n = s->headlen - s->headpos;
        if (n > cap)
            n = cap;
        memcpy(buf, s->head + s->headpos, n);
        s->headpos += n;
        return (ssize_t)n;
    }
    if (s->fd < 0) {
        n = s->memlen - s->mempos;
        if (n > cap)
            n = cap;
        if (n)
            memcpy(buf, s->mem + s->mempos, n);
        s->mempos += n;
        return (ssize_t)n;
    }
    return fd_read(c, buf, cap);
}

int
cdk_src_slurp(struct cdk_rctx *c, struct cdk_buf *out, size_t max)
{
    for (;;) {
        ssize_t r;

        cdk_buf_grow(out, CDK_READ_CHUNK);
        r = cdk_src_read(c, out->buf + out->len, CDK_READ_CHUNK);
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        cdk_buf_setlen(out, out->len + (size_t)r);
        if (out->len > max)
            return 1;
    }
}

int
cdk_rctx_bad(struct cdk_rctx *c, long line, const char *fmt, ...)
{
    struct cdk_error e = CDK_ERROR_INIT;
    va_list ap;

    e.code = CDK_ERR_INPUT;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof(e.message), fmt, ap);
    va_end(ap);
    cdk_error_at(&e, c->origin, line);
    if (c->on_bad && c->on_bad(&e, c->arg) == 0)
        return 0;
    cdk_error_copy(c->err, &e);
    return -1;
}

/* Line number (1-based) of byte offset `off` in s. */
static long
line_of(const char *s, size_t off)
{
    long line = 1;
    const char *p = s, *end = s + off;

    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        line++;
        p++;
    }
    return line;
}

int
cdk_rctx_fix_document(struct cdk_rctx *c, struct cdk_buf *doc,
                      bool *decoded)
{
    const char *nul;
    size_t bad;

    *decoded = false;
    if (doc->len >= 2 && (memcmp(doc->buf, "\xFF\xFE", 2) == 0 ||
                          memcmp(doc->buf, "\xFE\xFF", 2) == 0))
        return cdk_rctx_bad(c, 0,
                            "UTF-16 text is not supported; convert the "
                            "file to UTF-8") < 0
                   ? -1
                   : 1;
    nul = memchr(doc->buf, '\0', doc->len);
    if (nul)
        return cdk_rctx_bad(c, 0, "binary file (NUL byte at offset %zu)",
                            (size_t)(nul - doc->buf)) < 0
                   ? -1
                   : 1;
    if (doc->len >= 3 && memcmp(doc->buf, "\xEF\xBB\xBF", 3) == 0) {
        memmove(doc->buf, doc->buf + 3, doc->len - 3);
        cdk_buf_setlen(doc, doc->len - 3);
    }
    if (cdk_utf8_valid(doc->buf, doc->len, &bad))
        return 0;
    if (c->opts->strict)
        return cdk_rctx_bad(c, line_of(doc->buf, bad),
                            "not valid UTF-8 (byte 0x%02x at offset %zu)",
                            (unsigned char)doc->buf[bad], bad) < 0
                   ? -1
                   : 1;
    {
        struct cdk_buf fixed = CDK_BUF_INIT;

        cdk_buf_grow(&fixed, doc->len + doc->len / 8);
        cdk_cp1252_to_utf8(&fixed, doc->buf, doc->len);
        cdk_buf_release(doc);
        *doc = fixed;
    }
    *decoded = true;
    return 0;
}

static bool
has_warning(const struct cdk_article *a, const char *w)
{
    size_t i;

    for (i = 0; i < a->nwarnings; i++)
        if (strcmp(a->warnings[i], w) == 0)
            return true;
    return false;
}

/*
 * Make one field valid UTF-8 without NUL bytes (len bytes; the field is a
 * C string unless it holds a NUL). Returns 0, or 1 when the article is bad
 * (*why filled).
 */
static int
fix_string(struct cdk_rctx *c, struct cdk_article *a, char **field,
           size_t len, const char *name, struct cdk_buf *why)
{
    size_t bad;
    struct cdk_buf fixed = CDK_BUF_INIT;

    if (!*field)
        return 0;
    if (memchr(*field, '\0', len)) {
        cdk_buf_addf(why, "NUL byte in the %s", name);
        return 1;
    }
    if (cdk_utf8_valid(*field, len, &bad))
        return 0;
    if (c->opts->strict) {
        cdk_buf_addf(why, "not valid UTF-8 in the %s (byte 0x%02x at offset "
                          "%zu)",
                     name, (unsigned char)(*field)[bad], bad);
        return 1;
    }
    cdk_cp1252_to_utf8(&fixed, *field, len);
    free(*field);
    *field = cdk_buf_detach(&fixed, NULL);
    if (!has_warning(a, cdk_read_cp1252_warning))
        cdk_article_warn(a, "%s", cdk_read_cp1252_warning);
    return 0;
}

/* Trim a metadata field and fold its whitespace runs to one space; an
 * empty result becomes NULL. */
static void
tidy_meta(char **field)
{
    char *s = *field, *w;
    const char *r;
    bool space = false;

    if (!s)
        return;
    w = s;
    for (r = s; *r; r++) {
        if (cdk_read_isspace((unsigned char)*r)) {
            space = w != s;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
    if (w == s) {
        free(s);
        *field = NULL;
    }
}

static void
trim_body(struct cdk_article *a)
{
    char *s = a->body;
    size_t start = 0, end = a->body_len;

    while (start < end && cdk_read_isspace((unsigned char)s[start]))
        start++;
    while (end > start && cdk_read_isspace((unsigned char)s[end - 1]))
        end--;
    if (start)
        memmove(s, s + start, end - start);
    s[end - start] = '\0';
    a->body_len = end - start;
}

int
cdk_rctx_emit(struct cdk_rctx *c, struct cdk_article *a, long line)
{
    struct cdk_buf why = CDK_BUF_INIT;
    char **meta[] = {&a->title,     &a->url,      &a->outlet,
                     &a->author,    &a->published, &a->language};
    static const char *const meta_names[] = {"title",  "url",
                                             "outlet", "author",
                                             "published date", "language"};
    size_t i;
    int rc = 0;

    if (a->body && a->body_len == 0)
        a->body_len = strlen(a->body);
    if (a->body && a->body_len > c->max_article) {
        cdk_buf_addf(&why, "article body is larger than %zu bytes",
                     c->max_article);
        goto bad;
    }
    if (fix_string(c, a, &a->body, a->body_len, "body", &why))
        goto bad;
    if (a->body)
        a->body_len = strlen(a->body);
    for (i = 0; i < sizeof(meta) / sizeof(meta[0]); i++) {
        if (*meta[i] &&
            fix_string(c, a, meta[i], strlen(*meta[i]), meta_names[i], &why))
            goto bad;
        tidy_meta(meta[i]);
    }
    if (c->opts->outlet)
        cdk_article_set(&a->outlet, c->opts->outlet);
    if (c->opts->url)
        cdk_article_set(&a->url, c->opts->url);
    if (c->opts->published)
        cdk_article_set(&a->published, c->opts->published);
    if (a->body)
        trim_body(a);
    if (!a->body || a->body_len == 0) {
        if (a->title)
            cdk_buf_addf(&why, "no article body (title '%.200s')", a->title);
        else
            cdk_buf_adds(&why, "no article body");
        goto bad;
    }
    a->format = cdk_format_name(c->format);
    cdk_article_set(&a->origin, c->origin);
    a->line = line;
    if (c->on_article(a, c->arg, c->err) < 0)
        rc = -1;
    goto out;
bad:
    rc = cdk_rctx_bad(c, line, "%s", why.buf);
out:
    cdk_buf_release(&why);
    cdk_article_release(a);
    return rc;
}

static int
read_source(struct cdk_rctx *c)
{
    struct cdk_src *s = c->src;
    enum cdk_format f = c->opts->format;

    if (f == CDK_FORMAT_AUTO) {
        const char *head = s->fd >= 0 ? s->head : s->mem;
        size_t len = s->fd >= 0 ? s->headlen : s->memlen;

        if (len > CDK_READ_CHUNK)
            len = CDK_READ_CHUNK;
        f = cdk_format_detect(c->origin, head, len);
    }
    c->format = f;
    if (s->fd >= 0 ? s->headlen == 0 : s->memlen == 0)
        return cdk_rctx_bad(c, 0, "empty file") < 0 ? -1 : 0;
    if (f == CDK_FORMAT_JSONL || f == CDK_FORMAT_CSV) {
        /* The streaming readers see the file a line at a time; judge a
         * binary file by its first chunk, as the others do by all of it. */
        const char *head = s->fd >= 0 ? s->head : s->mem;
        size_t len = s->fd >= 0 ? s->headlen : s->memlen;
        const char *nul;

        if (len > CDK_READ_CHUNK)
            len = CDK_READ_CHUNK;
        if (len >= 2 && (memcmp(head, "\xFF\xFE", 2) == 0 ||
                         memcmp(head, "\xFE\xFF", 2) == 0))
            return cdk_rctx_bad(c, 0, "UTF-16 text is not supported; "
                                      "convert the file to UTF-8") < 0
                       ? -1
                       : 0;
        nul = memchr(head, '\0', len);
        if (nul)
            return cdk_rctx_bad(c, 0, "binary file (NUL byte at offset %zu)",
                                (size_t)(nul - head)) < 0
                       ? -1
                       : 0;
    }
    switch (f) {
    case CDK_FORMAT_HTML:
        return cdk_read_html(c);
    case CDK_FORMAT_JSON:
        return cdk_read_json(c);
    case CDK_FORMAT_JSONL:
        return cdk_read_jsonl(c);
    case CDK_FORMAT_CSV:
        return cdk_read_csv(c);
    case CDK_FORMAT_AUTO:
    case CDK_FORMAT_TEXT:
    case CDK_FORMAT_MARKDOWN:
        break;
    }
    return cdk_read_text(c);
}

static void
rctx_init(struct cdk_rctx *c, const char *origin,
          const struct cdk_read_opts *o, cdk_read_article_fn on_article,
          cdk_read_bad_fn on_bad, void *arg, struct cdk_error *err,
          struct cdk_src *src)
{
    static const struct cdk_read_opts defaults = CDK_READ_OPTS_INIT;

    memset(c, 0, sizeof(*c));
    c->opts = o ? o : &defaults;
    c->origin = origin;
    c->max_article = c->opts->max_article_bytes
                         ? c->opts->max_article_bytes
                         : CDK_READ_MAX_ARTICLE_DEFAULT;
    c->on_article = on_article;
    c->on_bad = on_bad;
    c->arg = arg;
    c->err = err;
    c->src = src;
}

int
cdk_read_buffer(const char *name, const char *data, size_t len,
                const struct cdk_read_opts *o, cdk_read_article_fn on_article,
                cdk_read_bad_fn on_bad, void *arg, struct cdk_error *err)
{
    struct cdk_src src = {.fd = -1, .mem = data, .memlen = len};
    struct cdk_rctx c;

    rctx_init(&c, name ? name : "-", o, on_article, on_bad, arg, err, &src);
    return read_source(&c);
}

static int
open_failed(struct cdk_error *err, const char *path, const char *why)
{
    /* The CLI prints err->file before the message: no need to repeat it. */
    cdk_error_set(err, CDK_ERR_INPUT, "could not open: %s", why);
    cdk_error_at(err, path, 0);
    return -1;
}

int
cdk_read_path(const char *path, const struct cdk_read_opts *o,
              cdk_read_article_fn on_article, cdk_read_bad_fn on_bad,
              void *arg, struct cdk_error *err)
{
    struct cdk_src src = {.fd = -1};
    struct cdk_rctx c;
    struct stat st;
    bool is_stdin = strcmp(path, "-") == 0;
    int rc;

    if (is_stdin) {
        src.fd = STDIN_FILENO;
    } else {
        src.fd = open(path, O_RDONLY | O_CLOEXEC);
        if (src.fd < 0)
            return open_failed(err, path, strerror(errno));
    }
    if (fstat(src.fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(src.fd);
        return open_failed(err, path, "is a directory");
    }
    rctx_init(&c, path, o, on_article, on_bad, arg, err, &src);
    /* Read ahead for detection; a pipe may hand over less at a time. */
    src.head = cdk_xmalloc(CDK_READ_CHUNK);
    while (src.headlen < CDK_READ_CHUNK) {
        ssize_t r = fd_read(&c, src.head + src.headlen,
                            CDK_READ_CHUNK - src.headlen);
        if (r < 0) {
            rc = -1;
            goto out;
        }
        if (r == 0)
            break;
        src.headlen += (size_t)r;
    }
    rc = read_source(&c);
out:
    free(src.head);
    if (!is_stdin)
        close(src.fd);
    return rc;
}
