/*
 * claimdesk extract FILE|-: read an article with the readers (any format
 * they know), run the extraction pipeline and print what it would store,
 * as JSON (the contract in issue 3 / DESIGN §2), as a readable summary
 * (--text), or only the sentence segmentation (--sentences). No database.
 *
 * A file holding several articles (JSON array, JSON Lines, CSV) prints
 * one JSON object per article, one after the other.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/mem.h"
#include "importers/extract/extract.h"
#include "importers/extract/model.h"
#include "importers/extract/segment.h"
#include "importers/reader.h"

enum {
    OPT_TEXT = 256,
    OPT_SENTENCES,
    OPT_FORMAT,
    OPT_PUBLISHED,
    OPT_OUTLET,
    OPT_URL,
    OPT_MODEL,
    OPT_STRICT,
    OPT_COMPACT,
    OPT_SUMMARY,
};

struct extract_state {
    struct cli_ctx *ctx;
    bool text;
    bool sentences;
    bool compact;
    struct cdk_extract_opts xo;
    int status;   /* exit status so far */
    size_t narticles;
    bool summary; /* --summary: count, time, print no claims */
    size_t bytes, chars, nclaims, ndropped, nsentences;
    double seconds;     /* inside cdk_extract only, wall clock */
    double cpu_seconds; /* the same, CPU time of this thread */
};

static void
usage_extract(FILE *out)
{
    fprintf(out,
            "Usage: claimdesk extract [OPTIONS] FILE|-\n"
            "       claimdesk extract --sentences [OPTIONS] FILE|-\n"
            "       claimdesk extract --summary [OPTIONS] PATH...\n"
            "\n"
            "Break an article into claims without touching the database: "
            "drop the\n"
            "boilerplate, segment the sentences, find who makes each claim, "
            "split\n"
            "compound claims, classify and score them, link repeated claims. "
            "Prints\n"
            "one JSON object per article:\n"
            "  {\"article\": {...}, \"dropped\": [{\"text\", \"reason\", "
            "\"start\", \"end\"}],\n"
            "   \"claims\": [{\"ordinal\", \"text\", \"sentence\", \"start\", "
            "\"end\", \"claimant\",\n"
            "   \"claimant_kind\", \"cue\", \"modality\", \"type\", \"score\", "
            "\"entities\",\n"
            "   \"duplicate_of\"}]}\n"
            "start/end are character offsets into the article body.\n"
            "\n"
            "Options:\n"
            "  --text               print a readable summary instead of "
            "JSON\n"
            "  --sentences          print only the sentences, as a JSON "
            "array of strings\n"
            "  --format FMT         auto, text, markdown, html, json, jsonl, "
            "csv (default auto)\n"
            "  --published DATE     the article's publication date\n"
            "  --outlet NAME        the article's outlet\n"
            "  --url URL            the article's address\n"
            "  --model FILE         score with this model instead of the "
            "bundled one\n"
            "  --strict             reject text that is not valid UTF-8 "
            "(default: decode it\n"
            "                       as Windows-1252 with a warning)\n"
            "  --compact            one line of JSON per article\n"
            "  --summary            extract every article of the PATHs "
            "(files or\n"
            "                       directories) and print only totals and "
            "the time spent\n"
            "                       extracting, as JSON (for benchmarks)\n"
            "  -h, --help           show this help\n"
            "\n"
            "Exit status: 0 success, 1 failure, 2 usage error, 6 bad input "
            "data.\n");
}

static json_t *
str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* jansson refuses strings that are not UTF-8; ours always are, but a
 * library caller's bug must not turn into a NULL deref. */
static json_t *
jstr(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    return j ? j : json_string("");
}

static json_t *
article_json(const struct cdk_article *a, const struct cdk_extraction *x)
{
    json_t *o = json_object(), *w = json_array();
    size_t i;

    json_object_set_new(o, "title", str_or_null(a->title));
    json_object_set_new(o, "url", str_or_null(a->url));
    json_object_set_new(o, "outlet", str_or_null(a->outlet));
    json_object_set_new(o, "published", str_or_null(a->published));
    json_object_set_new(o, "author", str_or_null(a->author));
    json_object_set_new(o, "language", str_or_null(a->language));
    json_object_set_new(o, "format", str_or_null(a->format));
    json_object_set_new(o, "origin", str_or_null(a->origin));
    json_object_set_new(o, "line", json_integer(a->line));
    json_object_set_new(o, "body_chars", json_integer((json_int_t)x->body_chars));
    json_object_set_new(o, "body_bytes", json_integer((json_int_t)a->body_len));
    json_object_set_new(o, "sentences",
                        json_integer((json_int_t)x->nsentences));
    for (i = 0; i < a->nwarnings; i++)
        json_array_append_new(w, json_string(a->warnings[i]));
    json_object_set_new(o, "warnings", w);
    /* The body the offsets refer to. */
    json_object_set_new(o, "body", jstr(a->body, a->body_len));
    return o;
}

static json_t *
extraction_json(const struct cdk_article *a, const struct cdk_extraction *x)
{
    json_t *root = json_object(), *dropped = json_array(),
           *claims = json_array();
    size_t i, k;

    json_object_set_new(root, "article", article_json(a, x));
    for (i = 0; i < x->ndropped; i++) {
        const struct cdk_dropped *d = &x->dropped[i];
        json_t *o = json_object();
        json_object_set_new(o, "text", jstr(d->text, strlen(d->text)));
        json_object_set_new(o, "reason", json_string(d->reason));
        json_object_set_new(o, "start", json_integer((json_int_t)d->cstart));
        json_object_set_new(o, "end", json_integer((json_int_t)d->cend));
        json_object_set_new(o, "line", json_integer(d->line));
        json_object_set_new(o, "byte_start", json_integer((json_int_t)d->start));
        json_object_set_new(o, "byte_end", json_integer((json_int_t)d->end));
        json_array_append_new(dropped, o);
    }
    for (i = 0; i < x->nclaims; i++) {
        const struct cdk_claim *c = &x->claims[i];
        const struct cdk_claim_info *inf = &x->info[i];
        const struct cdk_sentence *s = &x->sentences[inf->sentence];
        json_t *o = json_object(), *ents = json_array();

        json_object_set_new(o, "ordinal", json_integer(c->ordinal));
        json_object_set_new(o, "text", jstr(c->text, strlen(c->text)));
        json_object_set_new(o, "sentence",
                            jstr(c->sentence, strlen(c->sentence)));
        json_object_set_new(o, "start", json_integer((json_int_t)c->cstart));
        json_object_set_new(o, "end", json_integer((json_int_t)c->cend));
        json_object_set_new(o, "claimant", str_or_null(c->claimant));
        json_object_set_new(o, "claimant_kind",
                            json_string(cdk_claimant_kind_name(c->claimant_kind)));
        json_object_set_new(o, "cue", str_or_null(c->cue));
        json_object_set_new(o, "modality",
                            json_string(cdk_modality_name(c->modality)));
        json_object_set_new(o, "type",
                            json_string(cdk_claim_type_name(c->type)));
        json_object_set_new(o, "score",
                            json_real(round(c->score * 10000.0) / 10000.0));
        for (k = 0; k < c->nentities; k++) {
            const struct cdk_entity *e = &c->entities[k];
            json_t *eo = json_object();
            json_object_set_new(eo, "kind",
                                json_string(cdk_entity_kind_name(e->kind)));
            json_object_set_new(eo, "text", str_or_null(e->text));
            json_object_set_new(eo, "start", json_integer((json_int_t)e->cstart));
            json_object_set_new(eo, "end", json_integer((json_int_t)e->cend));
            json_object_set_new(eo, "value", str_or_null(e->value));
            json_array_append_new(ents, eo);
        }
        json_object_set_new(o, "entities", ents);
        json_object_set_new(o, "duplicate_of",
                            c->duplicate_of ? json_integer(c->duplicate_of)
                                            : json_null());
        json_object_set_new(o, "sentence_start",
                            json_integer((json_int_t)s->cstart));
        json_object_set_new(o, "sentence_end", json_integer((json_int_t)s->cend));
        json_object_set_new(o, "byte_start", json_integer((json_int_t)c->start));
        json_object_set_new(o, "byte_end", json_integer((json_int_t)c->end));
        json_object_set_new(o, "split", json_boolean(inf->item));
        json_object_set_new(o, "quote", json_boolean(inf->quote));
        json_object_set_new(o, "block", json_integer(s->para));
        json_array_append_new(claims, o);
    }
    json_object_set_new(root, "dropped", dropped);
    json_object_set_new(root, "claims", claims);
    return root;
}

static void
print_text(const struct cdk_article *a, const struct cdk_extraction *x)
{
    size_t i;

    printf("%s\n", a->title ? a->title : "(no title)");
    if (a->outlet || a->published || a->url)
        printf("%s%s%s%s%s\n", a->outlet ? a->outlet : "",
               a->outlet && a->published ? ", " : "",
               a->published ? a->published : "",
               (a->outlet || a->published) && a->url ? " -- " : "",
               a->url ? a->url : "");
    printf("\n%zu sentences, %zu claims, %zu lines dropped\n",
           x->nsentences, x->nclaims, x->ndropped);
    if (x->ndropped) {
        printf("\nDropped:\n");
        for (i = 0; i < x->ndropped; i++)
            printf("  line %-4ld %-18s %.*s%s\n", x->dropped[i].line,
                   x->dropped[i].reason,
                   (int)(strlen(x->dropped[i].text) > 70
                             ? 70
                             : strlen(x->dropped[i].text)),
                   x->dropped[i].text,
                   strlen(x->dropped[i].text) > 70 ? "..." : "");
    }
    printf("\nClaims:\n");
    for (i = 0; i < x->nclaims; i++) {
        const struct cdk_claim *c = &x->claims[i];
        printf("  #%-3d %.2f  %s, %s", c->ordinal, c->score,
               cdk_modality_name(c->modality), cdk_claim_type_name(c->type));
        if (c->claimant)
            printf("  -- %s (%s%s%s)", c->claimant,
                   cdk_claimant_kind_name(c->claimant_kind),
                   c->cue ? ", " : "", c->cue ? c->cue : "");
        if (c->duplicate_of)
            printf("  [same as #%d]", c->duplicate_of);
        printf("\n        %s\n", c->text);
    }
}

static int
print_sentences(const char *text, size_t len, struct extract_state *st,
                struct cdk_error *err)
{
    struct cdk_spans sp = CDK_SPANS_INIT;
    json_t *arr;
    char *s;
    size_t i;

    if (cdk_extract_sentences(text, len, &sp, err) < 0)
        return -1;
    arr = json_array();
    for (i = 0; i < sp.n; i++)
        json_array_append_new(arr, jstr(text + sp.v[i].start,
                                        sp.v[i].end - sp.v[i].start));
    s = json_dumps(arr, st->compact ? JSON_COMPACT : JSON_INDENT(2));
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(arr);
    cdk_spans_release(&sp);
    return 0;
}

static int
on_article(struct cdk_article *a, void *arg, struct cdk_error *err)
{
    struct extract_state *st = arg;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    size_t i;

    st->narticles++;
    for (i = 0; i < a->nwarnings && !st->summary; i++)
        cli_warn(st->ctx, "%s: %s", a->origin ? a->origin : "-",
                 a->warnings[i]);
    if (st->sentences)
        return print_sentences(a->body, a->body_len, st, err);
    if (st->summary) {
        double t0 = cdk_clock_monotonic(), c0 = cdk_clock_thread_cpu();
        int rc = cdk_extract(a, &st->xo, &x, err);
        st->cpu_seconds += cdk_clock_thread_cpu() - c0;
        st->seconds += cdk_clock_monotonic() - t0;
        if (rc < 0) {
            cdk_error_at(err, a->origin ? a->origin : "-", err ? err->line : 0);
            return -1;
        }
        st->bytes += a->body_len;
        st->chars += x.body_chars;
        st->nclaims += x.nclaims;
        st->ndropped += x.ndropped;
        st->nsentences += x.nsentences;
        cdk_extraction_release(&x);
        return 0;
    }
    if (cdk_extract(a, &st->xo, &x, err) < 0) {
        if (err && err->line > 0 && a->line > 0)
            err->line += a->line - 1;
        cdk_error_at(err, a->origin ? a->origin : "-", err ? err->line : 0);
        return -1;
    }
    if (st->text) {
        print_text(a, &x);
    } else {
        json_t *j = extraction_json(a, &x);
        char *s = json_dumps(j, st->compact ? JSON_COMPACT : JSON_INDENT(2));
        if (s) {
            fputs(s, stdout);
            fputc('\n', stdout);
            free(s);
        }
        json_decref(j);
    }
    cdk_extraction_release(&x);
    return 0;
}

static int
on_bad(const struct cdk_error *e, void *arg)
{
    struct extract_state *st = arg;

    st->status = cli_error(e);
    return 0;
}

/*
 * --sentences: plain text is segmented whole (no headline rule, so a
 * one-paragraph input gives exactly its sentences); other formats go
 * through their reader and the body is segmented.
 */
static int
sentences_raw(const char *path, struct extract_state *st,
              const struct cdk_read_opts *ro)
{
    struct cdk_buf b = CDK_BUF_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char chunk[65536];
    size_t n;
    int rc = 0;

    if (!f)
        return cli_fail(6, "%s: cannot open: %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        cdk_buf_add(&b, chunk, n);
    if (ferror(f))
        rc = cli_fail(6, "%s: read error", path);
    if (f != stdin)
        fclose(f);
    if (rc == 0) {
        enum cdk_format fmt = ro->format != CDK_FORMAT_AUTO
                                  ? ro->format
                                  : cdk_format_detect(path, b.buf, b.len);
        if (fmt == CDK_FORMAT_TEXT || fmt == CDK_FORMAT_MARKDOWN) {
            if (print_sentences(b.buf, b.len, st, &err) < 0) {
                cdk_error_at(&err, path, err.line);
                rc = cli_error(&err);
            }
        } else if (cdk_read_buffer(path, b.buf, b.len, ro, on_article, on_bad,
                                   st, &err) < 0) {
            rc = cli_error(&err);
        } else if (st->status) {
            rc = st->status;
        }
    }
    cdk_buf_release(&b);
    return rc;
}

/* --summary: every article under the paths, totals as one JSON object. */
static int
summary(char **paths, size_t npaths, struct extract_state *st,
        const struct cdk_read_opts *ro)
{
    struct cdk_file_list files = CDK_FILE_LIST_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    json_t *o;
    char *s;
    size_t i;

    if (cdk_walk_paths((const char *const *)paths, npaths, NULL, &files,
                       on_bad, st, &err) < 0) {
        cdk_file_list_release(&files);
        return cli_error(&err);
    }
    for (i = 0; i < files.n; i++)
        if (cdk_read_path(files.paths[i], ro, on_article, on_bad, st,
                          &err) < 0) {
            cdk_file_list_release(&files);
            return cli_error(&err);
        }
    o = json_object();
    json_object_set_new(o, "files", json_integer((json_int_t)files.n));
    json_object_set_new(o, "articles", json_integer((json_int_t)st->narticles));
    json_object_set_new(o, "bytes", json_integer((json_int_t)st->bytes));
    json_object_set_new(o, "characters", json_integer((json_int_t)st->chars));
    json_object_set_new(o, "sentences",
                        json_integer((json_int_t)st->nsentences));
    json_object_set_new(o, "claims", json_integer((json_int_t)st->nclaims));
    json_object_set_new(o, "dropped", json_integer((json_int_t)st->ndropped));
    json_object_set_new(o, "extract_seconds", json_real(st->seconds));
    json_object_set_new(o, "mb_per_second",
                        json_real(st->seconds > 0
                                      ? (double)st->bytes / 1e6 / st->seconds
                                      : 0));
    json_object_set_new(o, "extract_cpu_seconds", json_real(st->cpu_seconds));
    json_object_set_new(o, "mb_per_cpu_second",
                        json_real(st->cpu_seconds > 0
                                      ? (double)st->bytes / 1e6 /
                                            st->cpu_seconds
                                      : 0));
    json_object_set_new(o, "articles_per_second",
                        json_real(st->seconds > 0
                                      ? (double)st->narticles / st->seconds
                                      : 0));
    s = json_dumps(o, st->compact ? JSON_COMPACT : JSON_INDENT(2));
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(o);
    cdk_file_list_release(&files);
    return st->status;
}

int
cmd_extract(int argc, char **argv, struct cli_ctx *ctx)
{
    static const struct option long_options[] = {
        {"text", no_argument, NULL, OPT_TEXT},
        {"sentences", no_argument, NULL, OPT_SENTENCES},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"published", required_argument, NULL, OPT_PUBLISHED},
        {"outlet", required_argument, NULL, OPT_OUTLET},
        {"url", required_argument, NULL, OPT_URL},
        {"model", required_argument, NULL, OPT_MODEL},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"compact", no_argument, NULL, OPT_COMPACT},
        {"summary", no_argument, NULL, OPT_SUMMARY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct extract_state st;
    struct cdk_read_opts ro = CDK_READ_OPTS_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_model *model = NULL;
    const char *model_path = NULL, *path;
    int c, rc;

    memset(&st, 0, sizeof(st));
    st.ctx = ctx;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_TEXT:
            st.text = true;
            break;
        case OPT_SENTENCES:
            st.sentences = true;
            break;
        case OPT_FORMAT:
            if (cdk_format_parse(optarg, &ro.format, &err) < 0)
                return cli_usage_error("extract", "%s", err.message);
            break;
        case OPT_PUBLISHED:
            ro.published = optarg;
            break;
        case OPT_OUTLET:
            ro.outlet = optarg;
            break;
        case OPT_URL:
            ro.url = optarg;
            break;
        case OPT_MODEL:
            model_path = optarg;
            break;
        case OPT_STRICT:
            ro.strict = true;
            break;
        case OPT_COMPACT:
            st.compact = true;
            break;
        case OPT_SUMMARY:
            st.summary = true;
            break;
        case 'h':
            usage_extract(stdout);
            return 0;
        default:
            if (optopt)
                return cli_usage_error("extract", "unknown option '-%c'",
                                       optopt);
            return cli_usage_error("extract", "unknown option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("extract", "expected a FILE (or - for "
                                          "standard input)");
    if (optind + 1 < argc && !st.summary)
        return cli_usage_error("extract", "expected one FILE, got %d",
                               argc - optind);
    if ((st.text ? 1 : 0) + (st.sentences ? 1 : 0) + (st.summary ? 1 : 0) > 1)
        return cli_usage_error("extract", "--text, --sentences and --summary "
                                          "do not go together");
    path = argv[optind];
    if (model_path) {
        model = cdk_model_load(model_path, &err);
        if (!model)
            return cli_error(&err);
        st.xo.model = model;
    }
    /* one set of working buffers for every article of the run */
    st.xo.scratch = cdk_extract_scratch_new();
    if (st.summary) {
        rc = summary(argv + optind, (size_t)(argc - optind), &st, &ro);
        cdk_extract_scratch_free(st.xo.scratch);
        cdk_model_free(model);
        return rc;
    }
    if (st.sentences) {
        rc = sentences_raw(path, &st, &ro);
        cdk_extract_scratch_free(st.xo.scratch);
        cdk_model_free(model);
        return rc;
    }
    if (cdk_read_path(path, &ro, on_article, on_bad, &st, &err) < 0) {
        cdk_extract_scratch_free(st.xo.scratch);
        cdk_model_free(model);
        return cli_error(&err);
    }
    cdk_extract_scratch_free(st.xo.scratch);
    cdk_model_free(model);
    if (st.status)
        return st.status;
    if (st.narticles == 0)
        return cli_fail(6, "%s: no article found", path);
    return 0;
}
