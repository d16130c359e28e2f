/*
 * HTML: one article per file, parsed with libxml2's forgiving HTML parser
 * (no network, no error output, recovering from broken markup).
 *
 * The body is the text of paragraph-like blocks under the best article
 * container (<article>, <main>, role=main or itemprop=articleBody: the one
 * holding the most text; else <body>), one paragraph per block separated
 * by a blank line. Chrome is skipped by element (nav, aside, header,
 * footer, script, style, noscript, form, iframe, svg, figure, ...), by
 * class/id words (share, social, comment, newsletter, related, promo,
 * advert, sidebar, cookie, ...), by hidden/aria-hidden attributes, and a
 * block whose text is mostly link text is dropped. JSON-LD
 * (NewsArticle/Article/...) gives metadata, and its articleBody replaces
 * the extracted text when that is less than half as long.
 *
 * The tree is walked with parent/sibling pointers, never recursion, and
 * libxml2 itself stops building the tree at depth 256 (we do not pass
 * HTML_PARSE_HUGE): a deeper document keeps what came before that depth,
 * with a warning, or is reported bad when that leaves no body. Without
 * HTML_PARSE_HUGE a single text node over 10,000,000 bytes stops the
 * parser too; such a file is reported bad rather than cut short.
 */
#include "importers/reader_impl.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/utf8.h"

#define JSONLD_MAX_DEPTH 8
#define MAX_CANDIDATES 32

/* Elements whose whole subtree is never article text. */
static const char *const skip_elements[] = {
    "nav",    "aside",  "footer",   "header", "script",   "style",
    "noscript", "form", "iframe",   "svg",    "button",   "select",
    "textarea", "template", "object", "embed", "canvas",  "video",
    "audio",  "figure", "input",    "label",  "menu",     "dialog",
    "head",   "title",  "meta",     "link",   "math",     "map",
};

/* Elements that end one paragraph and start another. */
static const char *const block_elements[] = {
    "p",       "div",     "section", "article", "main",   "h1",
    "h2",      "h3",      "h4",      "h5",      "h6",     "li",
    "ul",      "ol",      "blockquote", "pre",  "table",  "tr",
    "td",      "th",      "dd",      "dt",      "dl",     "hr",
    "address", "center",  "details", "summary", "body",   "html",
    "tbody",   "thead",   "caption", "figcaption",
};

/* Words in a class or id that mark chrome. */
static const char *const chrome_words[] = {
    "share",     "sharing",    "social",      "comment",   "comments",
    "newsletter", "subscribe", "subscription", "signup",   "related",
    "promo",     "promotion",  "advert",      "advertisement", "ad",
    "ads",       "sponsor",    "sponsored",   "sidebar",   "cookie",
    "cookies",   "breadcrumb", "breadcrumbs", "nav",       "navigation",
    "menu",      "footer",     "popup",       "modal",     "paywall",
    "recommended", "outbrain", "taboola",     "widget",    "hidden",
    "toolbar",   "masthead",   "banner",
};

static bool
name_in(const xmlNode *n, const char *const *list, size_t count)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (strcasecmp((const char *)n->name, list[i]) == 0)
            return true;
    return false;
}

static bool
is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           strcasecmp((const char *)n->name, name) == 0;
}

/* Attribute value (libxml2-allocated: xmlFree it) or NULL. */
static char *
attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool
attr_equals(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    bool eq = v && strcasecmp(v, value) == 0;

    xmlFree(v);
    return eq;
}

/* Does a class/id value hold a chrome word (split on space, - and _)? */
static bool
chrome_value(const char *v)
{
    const char *p = v;
    size_t i;

    while (*p) {
        size_t n = 0;

        while (*p && !isalnum((unsigned char)*p))
            p++;
        while (isalnum((unsigned char)p[n]))
            n++;
        for (i = 0; n && i < sizeof(chrome_words) / sizeof(chrome_words[0]);
             i++)
            if (strlen(chrome_words[i]) == n &&
                strncasecmp(p, chrome_words[i], n) == 0)
                return true;
        p += n;
    }
    return false;
}

static bool
skipped(const xmlNode *n)
{
    char *v;
    bool skip = false;

    if (name_in(n, skip_elements,
                sizeof(skip_elements) / sizeof(skip_elements[0])))
        return true;
    if (xmlHasProp(n, (const xmlChar *)"hidden") ||
        attr_equals(n, "aria-hidden", "true"))
        return true;
    v = attr(n, "style");
    if (v) {
        skip = strcasestr(v, "display:none") || strcasestr(v, "display: none");
        xmlFree(v);
        if (skip)
            return true;
    }
    /* The containers an article lives in are never chrome themselves. */
    if (is_element(n, "html") || is_element(n, "body") ||
        is_element(n, "main") || is_element(n, "article"))
        return false;
    if (attr_equals(n, "role", "navigation") ||
        attr_equals(n, "role", "complementary") ||
        attr_equals(n, "role", "banner") ||
        attr_equals(n, "role", "contentinfo"))
        return true;
    v = attr(n, "class");
    if (v) {
        skip = chrome_value(v);
        xmlFree(v);
    }
    if (!skip && (v = attr(n, "id")) != NULL) {
        skip = chrome_value(v);
        xmlFree(v);
    }
    return skip;
}

/* Paragraph text being collected. */
struct para {
    struct cdk_buf text;
    size_t link_bytes;
    bool space;   /* a space is pending before the next word */
    int breaks;   /* <br>s since the last word: 1 = newline, 2 = paragraph */
};

static void
para_add(struct para *p, const char *s, bool in_link)
{
    for (; *s; s++) {
        if (cdk_read_isspace((unsigned char)*s)) {
            p->space = p->text.len > 0;
            continue;
        }
        if (p->breaks && p->text.len) {
            cdk_buf_addch(&p->text, '\n');
        } else if (p->space) {
            cdk_buf_addch(&p->text, ' ');
        }
        p->space = false;
        p->breaks = 0;
        cdk_buf_addch(&p->text, *s);
        if (in_link)
            p->link_bytes++;
    }
}

/* End the paragraph: keep it unless it is mostly links. */
static void
para_flush(struct para *p, struct cdk_buf *out)
{
    if (p->text.len > 0 && p->link_bytes * 2 <= p->text.len) {
        if (out->len)
            cdk_buf_adds(out, "\n\n");
        cdk_buf_add(out, p->text.buf, p->text.len);
    }
    cdk_buf_reset(&p->text);
    p->link_bytes = 0;
    p->space = false;
    p->breaks = 0;
}

static bool
is_block(const xmlNode *n)
{
    return name_in(n, block_elements,
                   sizeof(block_elements) / sizeof(block_elements[0]));
}

/* Text of the paragraph blocks under root, appended to out. */
static void
extract_text(xmlNode *root, struct cdk_buf *out)
{
    struct para p = {CDK_BUF_INIT, 0, false, 0};
    xmlNode *n = root;
    int links = 0;

    while (n) {
        bool entered = false;

        if (n->type == XML_ELEMENT_NODE) {
            if (n == root || !skipped(n)) {
                entered = true;
                if (is_block(n))
                    para_flush(&p, out);
                else if (is_element(n, "br") && p.text.len &&
                         ++p.breaks == 2)
                    para_flush(&p, out); /* <br><br> ends a paragraph */
                if (is_element(n, "a"))
                    links++;
                if (n->children) {
                    n = n->children;
                    continue;
                }
            }
        } else if ((n->type == XML_TEXT_NODE ||
                    n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            para_add(&p, (const char *)n->content, links > 0);
        }
        /* Leave n (if it was entered), then every ancestor whose last
         * child this was; all ancestors up to root were entered. */
        for (;;) {
            if (entered) {
                if (is_element(n, "a"))
                    links--;
                if (is_block(n))
                    para_flush(&p, out);
            }
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            entered = true;
            if (!n)
                break;
        }
    }
    para_flush(&p, out);
    cdk_buf_release(&p.text);
}

/* Next node in document order, not descending into n when skip. */
static xmlNode *
next_node(xmlNode *n, bool skip)
{
    if (!skip && n->children)
        return n->children;
    while (n) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

struct html_meta {
    char *title_tag, *og_title, *h1, *og_url, *canonical, *site_name;
    char *published, *meta_date, *author, *article_author, *lang;
    /* From JSON-LD. */
    char *ld_headline, *ld_published, *ld_author, *ld_publisher, *ld_url,
        *ld_body, *ld_lang;
    xmlNode *candidates[MAX_CANDIDATES];
    size_t ncandidates;
    xmlNode *body;
};

static void
meta_release(struct html_meta *m)
{
    char **all[] = {&m->title_tag,   &m->og_title,    &m->h1,
                    &m->og_url,      &m->canonical,   &m->site_name,
                    &m->published,   &m->meta_date,   &m->author,
                    &m->article_author, &m->lang,      &m->ld_headline,
                    &m->ld_published, &m->ld_author,  &m->ld_publisher,
                    &m->ld_url,      &m->ld_body,     &m->ld_lang};
    size_t i;

    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        free(*all[i]);
        *all[i] = NULL;
    }
}

/* Set *field to a copy of s unless already set or s is blank. */
static void
keep_first(char **field, const char *s)
{
    const char *p = s;

    if (*field || !s)
        return;
    while (*p && cdk_read_isspace((unsigned char)*p))
        p++;
    if (*p)
        *field = cdk_xstrdup(p);
}

/* All text under n, whitespace folded (for <title> and <h1>). */
static char *
node_text(xmlNode *n)
{
    struct cdk_buf b = CDK_BUF_INIT;

    extract_text(n, &b);
    return cdk_buf_detach(&b, NULL);
}

static bool
ld_is_article(json_t *o)
{
    static const char *const types[] = {
        "NewsArticle",     "Article",          "ReportageNewsArticle",
        "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
        "BackgroundNewsArticle", "ReviewNewsArticle", "Report",
        "ScholarlyArticle", "TechArticle",     "LiveBlogPosting",
    };
    json_t *t = json_object_get(o, "@type"), *v;
    size_t i, j;

    for (j = 0; j < (json_is_array(t) ? json_array_size(t) : 1); j++) {
        v = json_is_array(t) ? json_array_get(t, j) : t;
        if (!json_is_string(v))
            continue;
        for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (strcmp(json_string_value(v), types[i]) == 0)
                return true;
    }
    return false;
}

/* A name from a string, an object with "name", or an array of those. */
static void
ld_name(json_t *v, struct cdk_buf *out)
{
    size_t i;

    if (json_is_string(v)) {
        if (out->len)
            cdk_buf_adds(out, ", ");
        cdk_buf_adds(out, json_string_value(v));
    } else if (json_is_object(v)) {
        json_t *n = json_object_get(v, "name");
        if (json_is_string(n))
            ld_name(n, out);
    } else if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v) && i < 16; i++)
            if (!json_is_array(json_array_get(v, i)))
                ld_name(json_array_get(v, i), out);
    }
}

static void
ld_take(struct html_meta *m, json_t *o)
{
    struct cdk_buf b = CDK_BUF_INIT;
    json_t *v;

    keep_first(&m->ld_headline, json_string_value(json_object_get(o, "headline")));
    keep_first(&m->ld_published,
               json_string_value(json_object_get(o, "datePublished")));
    keep_first(&m->ld_body, json_string_value(json_object_get(o, "articleBody")));
    keep_first(&m->ld_lang, json_string_value(json_object_get(o, "inLanguage")));
    keep_first(&m->ld_url, json_string_value(json_object_get(o, "url")));
    ld_name(json_object_get(o, "author"), &b);
    keep_first(&m->ld_author, b.buf);
    cdk_buf_reset(&b);
    v = json_object_get(o, "publisher");
    ld_name(json_is_array(v) ? json_array_get(v, 0) : v, &b);
    keep_first(&m->ld_publisher, b.buf);
    cdk_buf_release(&b);
}

/* Find article objects: the value itself, array items, @graph,
 * mainEntity -- a few levels deep at most. */
static void
ld_search(struct html_meta *m, json_t *v, int depth)
{
    size_t i;

    if (depth > JSONLD_MAX_DEPTH)
        return;
    if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++)
            ld_search(m, json_array_get(v, i), depth + 1);
    } else if (json_is_object(v)) {
        if (ld_is_article(v))
            ld_take(m, v);
        ld_search(m, json_object_get(v, "@graph"), depth + 1);
        ld_search(m, json_object_get(v, "mainEntity"), depth + 1);
    }
}

static void
take_jsonld(struct html_meta *m, xmlNode *script)
{
    xmlChar *text = xmlNodeGetContent(script);
    json_t *root;

    if (!text)
        return;
    root = json_loads((const char *)text, 0, NULL);
    xmlFree(text);
    if (root) {
        ld_search(m, root, 0);
        json_decref(root);
    }
}

static void
take_meta(struct html_meta *m, xmlNode *n)
{
    char *key = attr(n, "property"), *content;

    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    content = attr(n, "content");
    if (key && content) {
        if (strcasecmp(key, "og:title") == 0)
            keep_first(&m->og_title, content);
        else if (strcasecmp(key, "og:url") == 0)
            keep_first(&m->og_url, content);
        else if (strcasecmp(key, "og:site_name") == 0)
            keep_first(&m->site_name, content);
        else if (strcasecmp(key, "article:published_time") == 0 ||
                 strcasecmp(key, "datePublished") == 0)
            keep_first(&m->published, content);
        else if (strcasecmp(key, "article:author") == 0) {
            /* Often a profile URL rather than a name. */
            if (strncasecmp(content, "http", 4) != 0)
                keep_first(&m->article_author, content);
        } else if (strcasecmp(key, "author") == 0)
            keep_first(&m->author, content);
        else if (strcasecmp(key, "date") == 0 ||
                 strcasecmp(key, "pubdate") == 0 ||
                 strcasecmp(key, "publish-date") == 0 ||
                 strcasecmp(key, "dc.date") == 0 ||
                 strcasecmp(key, "dcterms.date") == 0 ||
                 strcasecmp(key, "parsely-pub-date") == 0 ||
                 strcasecmp(key, "sailthru.date") == 0)
            keep_first(&m->meta_date, content);
    }
    xmlFree(key);
    xmlFree(content);
}

/* One pass over the document for metadata and article containers. */
static void
collect(struct html_meta *m, xmlNode *root)
{
    xmlNode *n = root;

    while (n) {
        bool skip = false;

        if (n->type == XML_ELEMENT_NODE) {
            if (is_element(n, "html")) {
                char *v = attr(n, "lang");
                keep_first(&m->lang, v);
                xmlFree(v);
            } else if (is_element(n, "title")) {
                if (!m->title_tag)
                    m->title_tag = node_text(n);
                skip = true;
            } else if (is_element(n, "meta")) {
                take_meta(m, n);
            } else if (is_element(n, "link")) {
                char *rel = attr(n, "rel"), *href = attr(n, "href");
                if (rel && href && strcasecmp(rel, "canonical") == 0)
                    keep_first(&m->canonical, href);
                xmlFree(rel);
                xmlFree(href);
            } else if (is_element(n, "script")) {
                if (attr_equals(n, "type", "application/ld+json"))
                    take_jsonld(m, n);
                skip = true;
            } else if (is_element(n, "style")) {
                skip = true;
            } else if (is_element(n, "body")) {
                if (!m->body)
                    m->body = n;
            } else if (is_element(n, "h1")) {
                if (!m->h1)
                    m->h1 = node_text(n);
            }
            if (!skip && m->ncandidates < MAX_CANDIDATES &&
                (is_element(n, "article") || is_element(n, "main") ||
                 attr_equals(n, "role", "main") ||
                 attr_equals(n, "itemprop", "articleBody")))
                m->candidates[m->ncandidates++] = n;
        }
        n = next_node(n, skip);
    }
}

static bool
is_descendant(const xmlNode *n, const xmlNode *ancestor)
{
    for (n = n->parent; n; n = n->parent)
        if (n == ancestor)
            return true;
    return false;
}

/*
 * Pick the text: the candidate container with the most, or a container
 * inside it that holds most of that text (more specific, less chrome);
 * <body> when no container has any.
 */
static void
body_text(struct html_meta *m, xmlNode *root, struct cdk_buf *out)
{
    struct cdk_buf t[MAX_CANDIDATES];
    size_t i, best = 0;

    for (i = 0; i < m->ncandidates; i++) {
        cdk_buf_init(&t[i], 0);
        extract_text(m->candidates[i], &t[i]);
        if (t[i].len > t[best].len)
            best = i;
    }
    if (m->ncandidates && t[best].len) {
        size_t pick = best;

        for (i = 0; i < m->ncandidates; i++)
            if (t[i].len * 10 >= t[best].len * 6 &&
                is_descendant(m->candidates[i], m->candidates[pick]))
                pick = i;
        cdk_buf_add(out, t[pick].buf, t[pick].len);
    }
    for (i = 0; i < m->ncandidates; i++)
        cdk_buf_release(&t[i]);
    if (out->len == 0)
        extract_text(m->body ? m->body : root, out);
}

/* The charset a document declares in its first bytes, if not UTF-8. */
static bool
declares_other_charset(const char *doc, size_t len)
{
    size_t n = len < 4096 ? len : 4096, i;

    for (i = 0; i + 8 <= n; i++) {
        if (strncasecmp(doc + i, "charset=", 8) == 0) {
            const char *v = doc + i + 8;
            size_t left = n - i - 8;

            while (left && (*v == '"' || *v == '\'' || *v == ' ')) {
                v++;
                left--;
            }
            return !(left >= 5 && (strncasecmp(v, "utf-8", 5) == 0 ||
                                   strncasecmp(v, "utf8", 4) == 0));
        }
    }
    return false;
}

/* libxml2 reports some errors (encoding, I/O) through its global handler,
 * which prints to stderr; library code never prints, so while we parse,
 * every error goes here instead (the parser context still records the
 * last one for us). */
static void
quiet_errors(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

/* "Headline | Site" -> "Headline" when Site is the outlet's name. */
static void
strip_site_suffix(char *title, const char *site)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ",
                                       " \xE2\x80\x93 ", " :: "};
    size_t tl = strlen(title), sl = strlen(site), i;

    /* Trailing whitespace from <title> would hide the suffix. */
    while (tl && cdk_read_isspace((unsigned char)title[tl - 1]))
        title[--tl] = '\0';
    for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
        size_t n = strlen(seps[i]);

        if (tl > sl + n && strcasecmp(title + tl - sl, site) == 0 &&
            memcmp(title + tl - sl - n, seps[i], n) == 0) {
            title[tl - sl - n] = '\0';
            return;
        }
    }
}

static char *
first_of(char **a, char **b, char **c)
{
    char **pick = *a ? a : *b ? b : c;
    char *s = *pick;

    *pick = NULL;
    return s;
}

int
cdk_read_html(struct cdk_rctx *c)
{
    struct cdk_buf doc = CDK_BUF_INIT, text = CDK_BUF_INIT;
    struct html_meta m;
    struct cdk_article a;
    htmlParserCtxtPtr ctxt = NULL;
    htmlDocPtr hdoc = NULL;
    xmlNode *root;
    const char *encoding = "UTF-8";
    bool decoded = false, encoding_declared = false, too_deep, too_long;
    int rc;

    memset(&m, 0, sizeof(m));
    cdk_article_init(&a);
    rc = cdk_src_slurp(c, &doc, c->max_article);
    if (rc < 0)
        goto out;
    if (rc > 0) {
        rc = cdk_rctx_bad(c, 0, "article is larger than %zu bytes",
                          c->max_article);
        goto out;
    }
    if (!cdk_utf8_valid(doc.buf, doc.len, NULL) && !c->opts->strict &&
        !memchr(doc.buf, '\0', doc.len) &&
        declares_other_charset(doc.buf, doc.len)) {
        encoding = NULL; /* let libxml2 decode what the page declares */
        encoding_declared = true;
    } else {
        rc = cdk_rctx_fix_document(c, &doc, &decoded);
        if (rc != 0) {
            rc = rc < 0 ? -1 : 0;
            goto out;
        }
    }
    if (doc.len > (size_t)INT32_MAX) {
        rc = cdk_rctx_bad(c, 0, "HTML document too large to parse");
        goto out;
    }
    for (;;) {
        xmlStructuredErrorFunc saved = xmlStructuredError;
        void *saved_ctx = xmlStructuredErrorContext;
        const xmlError *e;
        bool conv_failed;

        ctxt = htmlNewParserCtxt();
        if (!ctxt) {
            rc = cdk_rctx_bad(c, 0, "could not set up the HTML parser");
            goto out;
        }
        xmlSetStructuredErrorFunc(NULL, quiet_errors);
        hdoc = htmlCtxtReadMemory(ctxt, doc.buf, (int)doc.len, c->origin,
                                  encoding,
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_RECOVER);
        xmlSetStructuredErrorFunc(saved_ctx, saved);
        e = xmlCtxtGetLastError(ctxt);
        too_deep = e && e->message && strstr(e->message, "Excessive depth");
        too_long = e && e->message && strstr(e->message, "huge text node");
        conv_failed = e && (e->code == XML_IO_ENCODER ||
                            e->code == XML_I18N_CONV_FAILED ||
                            e->code == XML_ERR_INVALID_ENCODING ||
                            e->code == XML_ERR_UNSUPPORTED_ENCODING);
        if (!conv_failed || !encoding_declared)
            break;
        /* The bytes do not match the declared charset and the parser
         * stopped at them: read them as Windows-1252 instead. */
        if (hdoc)
            xmlFreeDoc(hdoc);
        htmlFreeParserCtxt(ctxt);
        hdoc = NULL;
        {
            struct cdk_buf fixed = CDK_BUF_INIT;

            cdk_cp1252_to_utf8(&fixed, doc.buf, doc.len);
            cdk_buf_release(&doc);
            doc = fixed;
        }
        encoding = "UTF-8";
        encoding_declared = false;
        decoded = true;
    }
    if (too_long) {
        /* libxml2 cuts the node at 10,000,000 bytes and stops parsing:
         * storing what is left would silently truncate the article. */
        rc = cdk_rctx_bad(c, 0, "HTML text node longer than 10000000 bytes "
                                "(the HTML parser's limit)");
        goto out;
    }
    root = hdoc ? xmlDocGetRootElement(hdoc) : NULL;
    if (!root) {
        rc = cdk_rctx_bad(c, 0, "no HTML document found");
        goto out;
    }
    collect(&m, root);
    body_text(&m, root, &text);
    /* JSON-LD's articleBody when the page's own text falls short. */
    if (m.ld_body && text.len * 2 < strlen(m.ld_body)) {
        cdk_buf_reset(&text);
        cdk_buf_adds(&text, m.ld_body);
    }
    a.outlet = first_of(&m.site_name, &m.ld_publisher, &m.ld_publisher);
    if (!m.ld_headline && !m.og_title && m.title_tag && a.outlet)
        strip_site_suffix(m.title_tag, a.outlet);
    a.title = first_of(&m.ld_headline, &m.og_title, &m.title_tag);
    if (!a.title)
        a.title = first_of(&m.h1, &m.h1, &m.h1);
    a.url = first_of(&m.canonical, &m.og_url, &m.ld_url);
    a.author = first_of(&m.author, &m.article_author, &m.ld_author);
    a.published = first_of(&m.published, &m.ld_published, &m.meta_date);
    a.language = first_of(&m.lang, &m.ld_lang, &m.ld_lang);
    if (decoded)
        cdk_article_warn(&a, "%s", cdk_read_cp1252_warning);
    if (too_deep && text.len == 0) {
        rc = cdk_rctx_bad(c, 0, "HTML nested deeper than 256 elements; no "
                                "article body before that depth");
        goto out;
    }
    if (too_deep)
        cdk_article_warn(&a, "HTML nested deeper than 256 elements; the "
                             "text below that depth was dropped");
    if (text.len == 0) {
        rc = cdk_rctx_bad(c, 0, "no article body found in the HTML%s%.200s%s",
                          a.title ? " (title '" : "",
                          a.title ? a.title : "", a.title ? "')" : "");
        goto out;
    }
    a.body = cdk_buf_detach(&text, &a.body_len);
    rc = cdk_rctx_emit(c, &a, 1);
out:
    if (hdoc)
        xmlFreeDoc(hdoc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    meta_release(&m);
    cdk_article_release(&a);
    cdk_buf_release(&text);
    cdk_buf_release(&doc);
    return rc;
}
