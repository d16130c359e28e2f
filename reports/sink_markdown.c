/*
 * The markdown sink: a report for a person to read, in a terminal or
 * rendered. Claims are listed in claim id order under a heading for
 * their article (a new heading whenever the article changes), each with
 * its text as a quotation and a few lines: who said it, its kind and
 * score, its status, and its verdict when it has one.
 *
 * The sink finds the columns it shows by name, so it works with any
 * column list that has them (a missing one is simply not shown). Text is
 * escaped so that markdown punctuation in a claim stays literal, and line
 * breaks inside a value become spaces.
 */
#include "sinks.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/mem.h"

enum md_col {
    MD_CLAIM_ID,
    MD_CLAIM_TEXT,
    MD_ARTICLE_ID,
    MD_ARTICLE_TITLE,
    MD_ARTICLE_URL,
    MD_OUTLET,
    MD_ARTICLE_PUBLISHED_AT,
    MD_CLAIMANT,
    MD_CLAIMANT_KIND,
    MD_CUE,
    MD_MODALITY,
    MD_CLAIM_TYPE,
    MD_CHECKWORTHINESS,
    MD_STATUS,
    MD_ASSIGNEE,
    MD_CANONICAL_CLAIM_ID,
    MD_RATING,
    MD_RATING_VALUE,
    MD_SCALE,
    MD_CONCLUSION,
    MD_REVIEWER,
    MD_REVIEWED_AT,
    MD_APPROVER,
    MD_APPROVED_AT,
    MD_PUBLISHED_AT,
    MD_EVIDENCE_URLS,
    MD_EARLIER_VERDICTS,
    MD_NCOLS
};

static const char *const md_names[MD_NCOLS] = {
    "claim_id",
    "claim_text",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "article_published_at",
    "claimant",
    "claimant_kind",
    "cue",
    "modality",
    "claim_type",
    "checkworthiness",
    "status",
    "assignee",
    "canonical_claim_id",
    "rating",
    "rating_value",
    "scale",
    "conclusion",
    "reviewer",
    "reviewed_at",
    "approver",
    "approved_at",
    "published_at",
    "evidence_urls",
    "earlier_verdicts",
};

struct md_state {
    int col[MD_NCOLS]; /* index in the row, or -1 */
    struct cdk_buf last_article;
    const struct cdk_report_row *row;
};

/* The value of `which` in the current row, or NULL. */
static const char *
get(const struct md_state *st, enum md_col which, size_t *len)
{
    int c = st->col[which];

    if (c < 0 || !st->row->values[c]) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = st->row->lengths[c];
    return st->row->values[c];
}

/* Append text with markdown punctuation escaped, line breaks as spaces. */
static void
add_text(struct cdk_buf *b, const char *v, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char ch = v[i];
        if (ch == '\n' || ch == '\r' || ch == '\t') {
            cdk_buf_addch(b, ' ');
            continue;
        }
        if (ch && strchr("\\`*_[]<>|#", ch))
            cdk_buf_addch(b, '\\');
        cdk_buf_addch(b, ch);
    }
}

static void
add_col(struct cdk_buf *b, const struct md_state *st, enum md_col which)
{
    size_t len;
    const char *v = get(st, which, &len);

    if (v)
        add_text(b, v, len);
}

/* A word from the schema's vocabulary ("in_review"): shown as it is. */
static void
add_word(struct cdk_buf *b, const struct md_state *st, enum md_col which)
{
    size_t len;
    const char *v = get(st, which, &len);

    if (v)
        cdk_buf_add(b, v, len);
}

static void
add_time(struct cdk_buf *b, const struct md_state *st, enum md_col which)
{
    size_t len;
    const char *v = get(st, which, &len);

    if (v)
        cdk_report_add_time(b, v, len);
}

/* A URL as an autolink when it has no character that would end one. */
static void
add_url(struct cdk_buf *b, const char *v, size_t len)
{
    if (strcspn(v, " <>\r\n\t") >= len) {
        cdk_buf_addch(b, '<');
        cdk_buf_add(b, v, len);
        cdk_buf_addch(b, '>');
    } else {
        add_text(b, v, len);
    }
}

static int
md_begin(struct cdk_report_sink *sink, struct cdk_error *err)
{
    struct md_state *st = cdk_xcalloc(1, sizeof(*st));
    size_t i, c;

    (void)err;
    for (i = 0; i < MD_NCOLS; i++) {
        st->col[i] = -1;
        for (c = 0; c < sink->ncols; c++)
            if (strcmp(sink->cols[c].name, md_names[i]) == 0)
                st->col[i] = (int)c;
    }
    st->last_article = (struct cdk_buf)CDK_BUF_INIT;
    sink->state = st;
    cdk_buf_adds(&sink->buf, "# Claims\n");
    return 0;
}

static void
article_heading(struct cdk_buf *b, const struct md_state *st)
{
    size_t len;
    const char *v;
    bool any = false;

    cdk_buf_adds(b, "\n## Article ");
    add_col(b, st, MD_ARTICLE_ID);
    v = get(st, MD_ARTICLE_TITLE, &len);
    if (v && len) {
        cdk_buf_adds(b, ": ");
        add_text(b, v, len);
    }
    cdk_buf_addch(b, '\n');
    if (get(st, MD_OUTLET, NULL)) {
        cdk_buf_adds(b, "\n");
        add_col(b, st, MD_OUTLET);
        any = true;
    }
    if (get(st, MD_ARTICLE_PUBLISHED_AT, NULL)) {
        cdk_buf_adds(b, any ? " · published " : "\nPublished ");
        add_time(b, st, MD_ARTICLE_PUBLISHED_AT);
        any = true;
    }
    v = get(st, MD_ARTICLE_URL, &len);
    if (v && len) {
        cdk_buf_adds(b, any ? " · " : "\n");
        add_url(b, v, len);
        any = true;
    }
    if (any)
        cdk_buf_addch(b, '\n');
}

static void
verdict_lines(struct cdk_buf *b, const struct md_state *st)
{
    const char *v;
    size_t len, i;
    json_t *arr, *u;

    if (!get(st, MD_RATING, NULL))
        return;
    cdk_buf_adds(b, "- verdict: **");
    add_col(b, st, MD_RATING);
    cdk_buf_adds(b, "**");
    if (get(st, MD_RATING_VALUE, NULL) || get(st, MD_SCALE, NULL)) {
        cdk_buf_adds(b, " (");
        add_col(b, st, MD_RATING_VALUE);
        if (get(st, MD_RATING_VALUE, NULL) && get(st, MD_SCALE, NULL))
            cdk_buf_adds(b, " on ");
        add_col(b, st, MD_SCALE);
        cdk_buf_adds(b, ")");
    }
    if (get(st, MD_CONCLUSION, NULL)) {
        cdk_buf_adds(b, ": ");
        add_col(b, st, MD_CONCLUSION);
    }
    cdk_buf_adds(b, "\n- reviewed by ");
    add_col(b, st, MD_REVIEWER);
    cdk_buf_adds(b, " at ");
    add_time(b, st, MD_REVIEWED_AT);
    if (get(st, MD_APPROVER, NULL)) {
        cdk_buf_adds(b, "; approved by ");
        add_col(b, st, MD_APPROVER);
        cdk_buf_adds(b, " at ");
        add_time(b, st, MD_APPROVED_AT);
    }
    if (get(st, MD_PUBLISHED_AT, NULL)) {
        cdk_buf_adds(b, "; published ");
        add_time(b, st, MD_PUBLISHED_AT);
    }
    cdk_buf_addch(b, '\n');
    v = get(st, MD_EVIDENCE_URLS, &len);
    arr = v && len > 2 ? json_loadb(v, len, 0, NULL) : NULL;
    if (json_array_size(arr)) {
        cdk_buf_adds(b, "- evidence:");
        json_array_foreach(arr, i, u)
        {
            if (!json_is_string(u))
                continue;
            cdk_buf_adds(b, i ? ", " : " ");
            add_url(b, json_string_value(u), json_string_length(u));
        }
        cdk_buf_addch(b, '\n');
    }
    json_decref(arr);
    v = get(st, MD_EARLIER_VERDICTS, &len);
    arr = v && len > 2 ? json_loadb(v, len, 0, NULL) : NULL;
    if (json_array_size(arr))
        cdk_buf_addf(b, "- earlier verdicts: %zu (corrected)\n",
                     json_array_size(arr));
    json_decref(arr);
}

static int
md_row(struct cdk_report_sink *sink, const struct cdk_report_row *row,
       struct cdk_error *err)
{
    struct md_state *st = sink->state;
    struct cdk_buf *b = &sink->buf;
    const char *article, *v;
    size_t len, alen;

    (void)err;
    st->row = row;
    article = get(st, MD_ARTICLE_ID, &alen);
    if (article && (sink->rows == 0 || alen != st->last_article.len ||
                    memcmp(article, st->last_article.buf, alen) != 0)) {
        cdk_buf_reset(&st->last_article);
        cdk_buf_add(&st->last_article, article, alen);
        article_heading(b, st);
    }

    cdk_buf_adds(b, "\n### Claim ");
    add_col(b, st, MD_CLAIM_ID);
    if (get(st, MD_STATUS, NULL)) {
        cdk_buf_adds(b, " · ");
        add_word(b, st, MD_STATUS);
    }
    cdk_buf_adds(b, "\n\n> ");
    add_col(b, st, MD_CLAIM_TEXT);
    cdk_buf_adds(b, "\n\n- said by: ");
    v = get(st, MD_CLAIMANT, &len);
    if (v && len)
        add_text(b, v, len);
    else
        cdk_buf_adds(b, "the article");
    if (v && len && get(st, MD_CLAIMANT_KIND, NULL)) {
        cdk_buf_adds(b, " (");
        add_word(b, st, MD_CLAIMANT_KIND);
        cdk_buf_adds(b, ")");
    }
    if (get(st, MD_CUE, NULL)) {
        cdk_buf_adds(b, ", \"");
        add_col(b, st, MD_CUE);
        cdk_buf_adds(b, "\"");
    }
    cdk_buf_adds(b, "\n- ");
    add_word(b, st, MD_CLAIM_TYPE);
    cdk_buf_adds(b, ", ");
    add_word(b, st, MD_MODALITY);
    cdk_buf_adds(b, "; check-worthiness ");
    v = get(st, MD_CHECKWORTHINESS, &len);
    if (v)
        cdk_buf_addf(b, "%.2f", strtod(v, NULL));
    cdk_buf_addch(b, '\n');
    if (get(st, MD_ASSIGNEE, NULL)) {
        cdk_buf_adds(b, "- assigned to ");
        add_col(b, st, MD_ASSIGNEE);
        cdk_buf_addch(b, '\n');
    }
    if (get(st, MD_CANONICAL_CLAIM_ID, NULL)) {
        cdk_buf_adds(b, "- same claim as claim ");
        add_col(b, st, MD_CANONICAL_CLAIM_ID);
        cdk_buf_addch(b, '\n');
    }
    verdict_lines(b, st);
    st->row = NULL;
    return 0;
}

static int
md_end(struct cdk_report_sink *sink, size_t nrows, struct cdk_error *err)
{
    (void)err;
    if (nrows == 0)
        cdk_buf_adds(&sink->buf, "\nNo claims.\n");
    else
        cdk_buf_addf(&sink->buf, "\n%zu claim%s.\n", nrows,
                     nrows == 1 ? "" : "s");
    return 0;
}

static void
md_release(struct cdk_report_sink *sink)
{
    struct md_state *st = sink->state;

    if (!st)
        return;
    cdk_buf_release(&st->last_article);
    free(st);
    sink->state = NULL;
}

const struct cdk_report_sink_ops cdk_report_markdown_ops = {
    "markdown", md_begin, md_row, md_end, md_release,
};
