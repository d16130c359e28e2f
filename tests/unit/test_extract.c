/*
 * Extraction stages one by one (clean, boilerplate, attribution, split,
 * classification) and the robustness of the whole pipeline on hostile
 * input: invalid UTF-8, NUL bytes, a 50 MB line, only punctuation, deeply
 * nested quotations, offsets that must stay exact.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/article.h"
#include "core/mem.h"
#include "importers/extract/attribute.h"
#include "importers/extract/boilerplate.h"
#include "importers/extract/classify.h"
#include "importers/extract/clean.h"
#include "importers/extract/extract.h"
#include "importers/extract/lex.h"
#include "importers/extract/split.h"
#include "support/testutil.h"

/* Run the pipeline on a NUL-terminated body; 0 or -1 and err. */
static int
run(const char *body, size_t len, struct cdk_extraction *x,
    struct cdk_error *err)
{
    struct cdk_article a;

    cdk_article_init(&a);
    a.body = (char *)body;
    a.body_len = len;
    return cdk_extract(&a, NULL, x, err);
}

static bool
has_claim(const struct cdk_extraction *x, const char *text)
{
    size_t i;
    for (i = 0; i < x->nclaims; i++)
        if (strstr(x->claims[i].text, text))
            return true;
    return false;
}

START_TEST(clean_rejects_bad_utf8_and_nul)
{
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(cdk_clean_check("caf\xc3\xa9", 5, &err), 0);
    ck_assert_int_eq(cdk_clean_check("line\nbad \xff here", 15, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(cdk_clean_check("a\nb\n\0c", 6, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "NUL"));
    /* overlong and surrogate forms */
    ck_assert_int_eq(cdk_clean_check("\xc0\xaf", 2, &err), -1);
    ck_assert_int_eq(cdk_clean_check("\xed\xa0\x80", 3, &err), -1);
}
END_TEST

START_TEST(clean_normalises_with_exact_map)
{
    /* curly quotes, an em dash, NBSP, a run of spaces, an ellipsis */
    const char *s = "  \xe2\x80\x9cHi\xe2\x80\x9d\xe2\x80\x94they  said\xc2\xa0"
                    "so\xe2\x80\xa6 ";
    struct cdk_norm nm = CDK_NORM_INIT;
    size_t bs, be, p;

    cdk_clean_normalise(s, 0, strlen(s), &nm);
    ck_assert_str_eq(nm.text.buf, "\"Hi\" - they said so...");
    /* every normalised byte maps inside the original span, in order */
    for (p = 1; p <= nm.text.len; p++)
        ck_assert_uint_ge(cdk_norm_body(&nm, p), cdk_norm_body(&nm, p - 1));
    p = (size_t)(strstr(nm.text.buf, "they") - nm.text.buf);
    cdk_norm_span(&nm, p, p + 4, &bs, &be);
    ck_assert_int_eq(memcmp(s + bs, "they", 4), 0);
    ck_assert_uint_eq(be - bs, 4);
    /* the quoted word, closing quote included */
    cdk_norm_span(&nm, 0, 4, &bs, &be);
    ck_assert_uint_eq(bs, 2);
    ck_assert_uint_eq(be, 2 + 3 + 2 + 3);
    cdk_norm_release(&nm);
}
END_TEST

START_TEST(clean_char_offsets)
{
    const char *s = "a\xc3\xa9\xe2\x80\x9c\xf0\x9f\x98\x80z";
    struct cdk_charidx ci;
    char big[300];
    size_t i;

    cdk_charidx_init(&ci, s, strlen(s));
    ck_assert_uint_eq(cdk_charidx_get(&ci, 0), 0);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 1), 1);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 3), 2);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 6), 3);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 10), 4);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 11), 5);
    cdk_charidx_release(&ci);
    /* past a checkpoint */
    for (i = 0; i < sizeof(big); i += 2) {
        big[i] = '\xc3';
        big[i + 1] = '\xa9';
    }
    cdk_charidx_init(&ci, big, sizeof(big));
    ck_assert_uint_eq(cdk_charidx_get(&ci, 200), 100);
    ck_assert_uint_eq(cdk_charidx_get(&ci, 300), 150);
    cdk_charidx_release(&ci);
}
END_TEST

START_TEST(clean_lines_and_paragraphs)
{
    const char *s = "  Title \r\n\r\nOne.\nTwo.\n\n\nThree.\rFour.";
    struct cdk_lines l = CDK_LINES_INIT;

    cdk_clean_lines(s, strlen(s), &l);
    ck_assert_uint_eq(l.n, 8);
    ck_assert_int_eq(memcmp(s + l.v[0].start, "Title", 5), 0);
    ck_assert_uint_eq(l.v[0].end - l.v[0].start, 5);
    ck_assert(l.v[1].blank);
    ck_assert_int_eq(l.v[2].para, 1);
    ck_assert_int_eq(l.v[3].para, 1);
    ck_assert_int_eq(l.v[6].para, 2);
    ck_assert_int_eq(memcmp(s + l.v[7].start, "Four.", 5), 0);
    cdk_lines_release(&l);
}
END_TEST

START_TEST(boilerplate_reasons)
{
    static const struct {
        const char *line;
        const char *reason; /* NULL: content */
    } cases[] = {
        {"ADVERTISEMENT", "advertisement"},
        {"RELATED: Stillwater declares state of emergency", "related-link"},
        {"Read more: What You Should Do If You End Up Driving", "read-more"},
        {"Sign up to get unfiltered news delivered straight to your inbox.",
         "newsletter"},
        {"Follow us on Twitter and Facebook", "follow-us"},
        {"\xc2\xa9 2023 Cable News Network. All Rights Reserved.",
         "copyright"},
        {"Copyright 2023 The Associated Press. All rights reserved.",
         "copyright"},
        {"Bill Pugliano via Getty Images", "photo-credit"},
        {"Listen 9 min Comment on this story Comment Gift Article Share",
         "widget"},
        {"Source link", "footer"},
        {"Latest Video", "footer"},
        {"BYPASS THE CENSORS", "injected-headline"},
        {"German Prosecutors Warn Bill Gates 'Prison Awaits' As "
         "Cancer-Causing DNA Found in Covid Vaccines",
         "injected-headline"},
        {"Today, put a dollar value on the trustworthy reporting you rely "
         "on all year long. We need your help to keep it going.",
         "donation"},
        {"#CAwx pic.twitter.com/d235TUXXlM \xe2\x80\x94 NWS Los Angeles "
         "(@NWSLosAngeles) March 22, 2023",
         "social-embed"},
        /* news-noisy 060, 057, 087, 016, 059 */
        {"Credit: NASA/GSFC/Univ. of Arizona/Lockheed Martin", "photo-credit"},
        {"Nature Climate Change, 2023. DOI: 10.1038/s41558-023-01642-3 (About "
         "DOIs).",
         "footer"},
        {"Bethany Thayer is a registered dietitian. For more recipes, visit "
         "henryford.com/blog. For questions about today's recipe, email "
         "HenryFordLiveWell@hfhs.org.",
         "contact"},
        {"March 14, 2023 drought monitor map (National Drought Mitigation "
         "Center / https://droughtmonitor.unl.edu/CurrentMap/)",
         "link"},
        /* real content that looks a little like junk */
        {"Credit card debt rose to a record $986 billion, the New York Fed "
         "said.",
         NULL},
        {"Copyright lawsuits against AI companies rose sharply in 2023, the "
         "report found.",
         NULL},
        {"The football coaches get together and we sign up for shifts to "
         "sandbag along the river.",
         NULL},
        {"In recent weeks, the commission has reminded them of the law in "
         "conversations, webinar trainings, and newsletters.",
         NULL},
        {"According to Bloomberg, the proposal to revive the NATO-Russia "
         "Council, a forum for military and political dialogue frozen since "
         "Russia's full-scale invasion of Ukraine in 2022, is a new part "
         "added to the American proposal",
         NULL},
        {"Subscribers said the service had improved.", NULL},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *r = cdk_boilerplate_line_reason(cases[i].line,
                                                    strlen(cases[i].line));
        if (cases[i].reason)
            ck_assert_msg(r && strcmp(r, cases[i].reason) == 0,
                          "'%s': got %s, want %s", cases[i].line,
                          r ? r : "content", cases[i].reason);
        else
            ck_assert_msg(r == NULL, "'%s': dropped as %s", cases[i].line, r);
    }
}
END_TEST

START_TEST(boilerplate_credit_running_into_caption)
{
    const char *s = "Intro paragraph of the story goes here.\n\n"
                    "PixelsEffect via Getty Images Diabetics may need Ozempic "
                    "to manage their blood sugar.\n";
    struct cdk_lines l = CDK_LINES_INIT;
    struct cdk_bp_blocks b = CDK_BP_BLOCKS_INIT;
    size_t i, junk = 0, content = 0;

    cdk_clean_lines(s, strlen(s), &l);
    cdk_boilerplate_classify(s, &l, true, &b);
    for (i = 0; i < b.n; i++) {
        if (b.v[i].lineno != 3)
            continue;
        if (b.v[i].junk) {
            junk++;
            ck_assert_int_eq(memcmp(s + b.v[i].start, "PixelsEffect via Getty "
                                                      "Images",
                                    29),
                             0);
            ck_assert_uint_eq(b.v[i].end - b.v[i].start, 29);
        } else {
            content++;
            ck_assert_int_eq(memcmp(s + b.v[i].start, "Diabetics", 9), 0);
        }
    }
    ck_assert_uint_eq(junk, 1);
    ck_assert_uint_eq(content, 1);
    cdk_bp_blocks_release(&b);
    cdk_lines_release(&l);
}
END_TEST

/* "Credit:" after a caption takes the rest of its line when its sources
 * are a '/' list (news-noisy 060), and is prose otherwise. */
START_TEST(boilerplate_credit_label)
{
    const char *s = "Intro paragraph of the story goes here.\n\n"
                    "The capsule was placed inside the container. Credit: "
                    "NASA/GSFC/Univ. of Arizona\n\n"
                    "Banks offered easy credit: loans were cheap in 2021/22.\n\n"
                    "Smoke rose over the hills. Image Credit: sciencepics / "
                    "Shutterstock\n";
    struct cdk_lines l = CDK_LINES_INIT;
    struct cdk_bp_blocks b = CDK_BP_BLOCKS_INIT;
    size_t i, credit = 0, prose = 0;

    cdk_clean_lines(s, strlen(s), &l);
    cdk_boilerplate_classify(s, &l, true, &b);
    for (i = 0; i < b.n; i++) {
        if (b.v[i].lineno == 3 && b.v[i].junk) {
            credit++;
            ck_assert_int_eq(memcmp(s + b.v[i].start, "Credit: NASA", 12), 0);
            ck_assert_uint_eq(b.v[i].end - b.v[i].start,
                              strlen("Credit: NASA/GSFC/Univ. of Arizona"));
        }
        if (b.v[i].lineno == 5) {
            ck_assert_msg(!b.v[i].junk, "prose dropped as %s", b.v[i].reason);
            prose++;
        }
        if (b.v[i].lineno == 7 && b.v[i].junk) {
            credit++;
            ck_assert_int_eq(memcmp(s + b.v[i].start, "Image Credit:", 13), 0);
        }
    }
    ck_assert_uint_eq(credit, 2);
    ck_assert_uint_eq(prose, 1);
    cdk_bp_blocks_release(&b);
    cdk_lines_release(&l);
}
END_TEST

START_TEST(boilerplate_keeps_lede_continuation)
{
    /* The seed's lede: a line ending in a comma, continued below. */
    const char *s = "\nWashington has proposed reviving talks through the "
                    "NATO-Russia Council (NRC),\nSuch a turn of events would "
                    "signal a recalibration, according to reports.\n"
                    "BYPASS THE CENSORS\nThe move comes as part of a broader "
                    "effort.\n";
    struct cdk_lines l = CDK_LINES_INIT;
    struct cdk_bp_blocks b = CDK_BP_BLOCKS_INIT;
    size_t i;

    cdk_clean_lines(s, strlen(s), &l);
    cdk_boilerplate_classify(s, &l, false, &b);
    for (i = 0; i < b.n; i++) {
        if (b.v[i].lineno == 4)
            ck_assert(b.v[i].junk);
        else
            ck_assert_msg(!b.v[i].junk, "line %ld dropped as %s",
                          b.v[i].lineno, b.v[i].reason);
    }
    cdk_bp_blocks_release(&b);
    cdk_lines_release(&l);
}
END_TEST

/* Attribute the last sentence of a text (sentences end at '|', and at
 * '#', which also starts a new paragraph). */
static void
attribute_last(const char *text, struct cdk_attribution *out, char **content)
{
    struct cdk_attr_ctx ctx;
    size_t start = 0, i, n = strlen(text);
    int para = 0;

    cdk_attr_ctx_init(&ctx);
    memset(out, 0, sizeof(*out));
    for (i = 0; i <= n; i++) {
        if (i < n && text[i] != '|' && text[i] != '#')
            continue;
        cdk_attribution_release(out);
        cdk_attribute_sentence(&ctx, text, start, i, para, out);
        if (i < n && text[i] == '#')
            para++;
        start = i + 1;
    }
    *content = cdk_xstrndup(text + out->start, out->end - out->start);
    cdk_attr_ctx_release(&ctx);
}

START_TEST(attribution_patterns)
{
    static const struct {
        const char *text;
        const char *claimant; /* NULL: the article */
        enum cdk_claimant_kind kind;
        const char *cue;
        const char *content;
    } cases[] = {
        {"According to Bloomberg, the proposal is new.", "Bloomberg",
         CDK_CLAIMANT_OUTLET, "according to", "the proposal is new"},
        {"Such a turn would signal a recalibration, according to reports "
         "from Bloomberg and Axios.",
         "Bloomberg and Axios", CDK_CLAIMANT_OUTLET, "according to",
         "Such a turn would signal a recalibration"},
        {"TGP reports: The move comes as part of a broader effort.", "TGP",
         CDK_CLAIMANT_OUTLET, "reports", "The move comes as part of a "
                                         "broader effort"},
        {"\xe2\x80\x9c" "Diplomacy beats provocation,\xe2\x80\x9d one senior "
         "Republican foreign policy aide told the press.",
         "one senior Republican foreign policy aide", CDK_CLAIMANT_ANONYMOUS,
         "told the press", "Diplomacy beats provocation"},
        {"\xe2\x80\x9c" "Diplomacy beats provocation,\xe2\x80\x9d one aide "
         "told the press.|\xe2\x80\x9cThe only way forward is "
         "dialogue.\xe2\x80\x9d",
         "one aide", CDK_CLAIMANT_ANONYMOUS, "told the press",
         "The only way forward is dialogue"},
        {"According to sources close to the talks, the offer includes "
         "sanctions relief.",
         "sources close to the talks", CDK_CLAIMANT_ANONYMOUS, "according to",
         "the offer includes sanctions relief"},
        {"Envoys are reportedly working to freeze the front lines.",
         "unnamed reports", CDK_CLAIMANT_ANONYMOUS, "reportedly",
         "Envoys are reportedly working to freeze the front lines"},
        {"The agency said that the threat remains.", "The agency",
         CDK_CLAIMANT_ORGANISATION, "said", "the threat remains"},
        {"The pump will work harder, said Chuck Dougherty, the owner of a "
         "pub.",
         "Chuck Dougherty", CDK_CLAIMANT_PERSON, "said",
         "The pump will work harder"},
        {"Steve Witkoff visited Moscow last month.|The talks went well, he "
         "said.",
         "Steve Witkoff", CDK_CLAIMANT_PERSON, "said", "The talks went well"},
        {"MINNEAPOLIS -- National weather officials say flooding could be "
         "the worst since 2001.",
         "National weather officials", CDK_CLAIMANT_ANONYMOUS, "say",
         "flooding could be the worst since 2001"},
        {"A power pole snapped and its transformer was ripped off according "
         "to a report from the NWS.",
         "the NWS", CDK_CLAIMANT_ORGANISATION, "according to",
         "A power pole snapped and its transformer was ripped off"},
        {"NATO was established in 1949.", NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "NATO was established in 1949"},
        /* Openings that are not the speaker (news-noisy 037, 033, 025,
         * 021; news-bbc politics/154, sport/423). */
        {"During the public health emergency, the Drug Enforcement "
         "Administration said providers could prescribe drugs virtually.",
         "the Drug Enforcement Administration", CDK_CLAIMANT_ORGANISATION,
         "said", "providers could prescribe drugs virtually"},
        {"In December, the CDC warned that cases were on the rise.", "the CDC",
         CDK_CLAIMANT_ORGANISATION, "warned", "cases were on the rise"},
        {"For his part, Senator Creighton tells us the momentum is strong.",
         "Senator Creighton", CDK_CLAIMANT_PERSON, "tells us",
         "the momentum is strong"},
        {"But last December, the International Rugby Board confirmed that he "
         "could play for England.",
         "the International Rugby Board", CDK_CLAIMANT_ORGANISATION,
         "confirmed", "he could play for England"},
        {"Yesterday OpenAI confirmed that the service was shut down.", "OpenAI",
         CDK_CLAIMANT_ORGANISATION, "confirmed", "the service was shut down"},
        {"Speaking to the BBC, Mr Molyneux said that games would change.",
         "Mr Molyneux", CDK_CLAIMANT_PERSON, "said", "games would change"},
        {"Model and size-inclusivity advocate Remi Bader recently admitted "
         "she had been prescribed the drug.",
         "Model and size-inclusivity advocate Remi Bader", CDK_CLAIMANT_PERSON,
         "admitted", "she had been prescribed the drug"},
        /* a subordinate clause with no comma to end it: no lead speaker */
        {"When the man first sought treatment he reported pain in his eye.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "When the man first sought treatment he reported pain in his eye"},
        /* "states" the noun, not the verb */
        {"Challenges to laws in at least eight states that make it hard to "
         "vote have also arisen.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Challenges to laws in at least eight states that make it hard to "
         "vote have also arisen"},
        {"Researchers in Italy and the United States found a link.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "Researchers in Italy and the United States found a link"},
        {"The chatbot showed no history, as users reported the inability "
         "to go back.",
         "users", CDK_CLAIMANT_ANONYMOUS, "reported",
         "The chatbot showed no history"},
        /* who the claimant is */
        {"Paramount wrote that it is not a major emitter.", "Paramount",
         CDK_CLAIMANT_ORGANISATION, "wrote", "it is not a major emitter"},
        {"House Democratic leader Hakeem Jeffries said the bill would fail.",
         "House Democratic leader Hakeem Jeffries", CDK_CLAIMANT_PERSON,
         "said", "the bill would fail"},
        {"Senate Ethics Committee Chairman Chris Coons wrote that the panel "
         "had met.",
         "Senate Ethics Committee Chairman Chris Coons", CDK_CLAIMANT_PERSON,
         "wrote", "the panel had met"},
        {"Mike McGrew said the road stays closed.", "Mike McGrew",
         CDK_CLAIMANT_PERSON, "said", "the road stays closed"},
        /* a surname that is also a company, once its person has spoken */
        {"Illinois state climatologist Trent Ford said the winter was "
         "warm.|Ford said spring came early.",
         "Ford", CDK_CLAIMANT_PERSON, "said", "spring came early"},
        /* "she" stays with the profile's subject past the names of films,
         * and after a speaker a pronoun means a person */
        {"\"I went for broke,\" says Lewis.|She sits in a Four Seasons "
         "suite.|\"Movies are my jam,\" she says.",
         "Lewis", CDK_CLAIMANT_PERSON, "says", "Movies are my jam"},
        {"\"I went for broke,\" says Lewis.|She starred in National Lampoon's "
         "Christmas Vacation.|\"Movies are my jam,\" she says.",
         "Lewis", CDK_CLAIMANT_PERSON, "says", "Movies are my jam"},
        /* auxiliaries, "told X:", "as mentioned by", documents */
        {"The lack of outrage is an indictment of rights groups, Amnesty "
         "International's chief has said.",
         "Amnesty International's chief", CDK_CLAIMANT_PERSON, "said",
         "The lack of outrage is an indictment of rights groups"},
        {"Greene has claimed that the inmates were held for years.", "Greene",
         CDK_CLAIMANT_PERSON, "claimed", "the inmates were held for years"},
        {"Mr Blair told MPs and peers: \"Nothing will divide us.\"",
         "Mr Blair", CDK_CLAIMANT_PERSON, "told MPs", "Nothing will divide us"},
        {"As mentioned by the scientists, early detection can reduce the "
         "risk.",
         "the scientists", CDK_CLAIMANT_ANONYMOUS, "as mentioned by",
         "early detection can reduce the risk"},
        {"There were fewer identifications, according to the CDC report.",
         "the CDC report", CDK_CLAIMANT_ORGANISATION, "according to",
         "There were fewer identifications"},
        {"Mr Milburn is unwilling, according to another report in the Sunday "
         "Telegraph.",
         "another report in the Sunday Telegraph", CDK_CLAIMANT_OUTLET,
         "according to", "Mr Milburn is unwilling"},
        /* a paragraph that does not open with a quotation mark ends an
         * unbalanced quotation (news-noisy 081: the "About" boilerplate) */
        {"\"We are proud of the vaccine,\" said Dr. Pani. \"It works.#About "
         "the center#The center was established in 2013.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL, "The center was established in 2013"},
        /* a quotation mark opening a sentence opens a quotation, even
         * after one left open (news-bbc sport/463) */
        {"Monfils said: \"This is my first win.|\"I play my best when I am "
         "fired up,\" he said.|\"Of course I was tired.|But I was confident "
         "I could survive.\"",
         "Monfils", CDK_CLAIMANT_PERSON, "said", "But I was confident I could "
                                                 "survive"},
        /* "it said" is the organisation that spoke last (tech/206) */
        {"The BPI strongly believes that the networks are illegal.|\"We are "
         "sure of it,\" it said.",
         "The BPI", CDK_CLAIMANT_ORGANISATION, "said", "We are sure of it"},
        {"It said the plan would work.", NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "It said the plan would work"},
        /* more openings: "Consistent with ...,", "Inevitably", a number's
         * comma, a dateline with its state */
        {"Consistent with previous findings, the authors noted that "
         "insomnia is a risk.",
         "the authors", CDK_CLAIMANT_ANONYMOUS, "noted", "insomnia is a risk"},
        {"Inevitably the Tories insist there is no need to raise taxes.",
         "the Tories", CDK_CLAIMANT_ORGANISATION, "insist",
         "there is no need to raise taxes"},
        {"Beyond the 12,000 job cuts announced last year, GM said it is "
         "reducing costs.",
         "GM", CDK_CLAIMANT_ORGANISATION, "said", "it is reducing costs"},
        {"HARRISBURG, Pennsylvania -- Pennsylvania Sen. John Fetterman's "
         "office said Thursday that he will return.",
         "Pennsylvania Sen. John Fetterman's office", CDK_CLAIMANT_ORGANISATION,
         "said", "he will return"},
        /* "D-N.Y." is a party and a state, not a speaker */
        {"Asked when he might return, Senate Majority Leader Chuck Schumer, "
         "D-N.Y., said only that he is recuperating.",
         "Senate Majority Leader Chuck Schumer", CDK_CLAIMANT_PERSON, "said",
         "he is recuperating"},
        /* a relative clause is no speaker */
        {"Some aspects that Fall noted were the logo and the grid.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "Some aspects that Fall noted were the logo and the grid"},
        /* parties, plural roles, documents, a report's author */
        {"Democrats pushing the legislation forward say it will protect "
         "patients.",
         "Democrats pushing the legislation forward",
         CDK_CLAIMANT_ORGANISATION, "say", "it will protect patients"},
        {"Labour election coordinator Alan Milburn said the Tories were in "
         "turmoil.",
         "Labour election coordinator Alan Milburn", CDK_CLAIMANT_PERSON,
         "said", "the Tories were in turmoil"},
        {"Prosecutors allege that the executives orchestrated the fraud.",
         "Prosecutors", CDK_CLAIMANT_ANONYMOUS, "allege",
         "the executives orchestrated the fraud"},
        {"The toll stands at three, according to an outbreak update this week "
         "from the Centers for Disease Control and Prevention.",
         "an outbreak update this week from the Centers for Disease Control "
         "and Prevention",
         CDK_CLAIMANT_ORGANISATION, "according to", "The toll stands at three"},
        {"\"Artists doubt the lawsuits,\" said report author Mary Madden.",
         "report author Mary Madden", CDK_CLAIMANT_PERSON, "said",
         "Artists doubt the lawsuits"},
        /* a role, then the name (entertainment/056); a newspaper */
        {"His assistant, Alice Marchak, said that he looked like George "
         "Raft.",
         "Alice Marchak", CDK_CLAIMANT_PERSON, "said",
         "he looked like George Raft"},
        {"Vedomosti newspaper reported that the authorities made the demand.",
         "Vedomosti newspaper", CDK_CLAIMANT_OUTLET, "reported",
         "the authorities made the demand"},
        /* "told a reporter after the meeting that"; "emphasized them" */
        {"Witthoeft told a reporter after the meeting that the speaker had "
         "been delightful.",
         "Witthoeft", CDK_CLAIMANT_PERSON, "told a reporter",
         "the speaker had been delightful"},
        {"Instead of fudging the joins, he emphasized them, creating panels.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Instead of fudging the joins, he emphasized them, creating panels"},
        /* ... while a new person introduced with a role may speak next */
        {"\"I went for broke,\" says Lewis.|Candice Coppola, a business "
         "coach, has seen it.|\"It works,\" she said.",
         "Candice Coppola", CDK_CLAIMANT_PERSON, "said", "It works"},
        /* A quotation that opens inside the sentence, then its speaker
         * (news-noisy 037, news-bbc business/217) */
        {"Public health officials don't think \"getting all test results is "
         "the right strategy anymore,\" Hamilton said.",
         "Hamilton", CDK_CLAIMANT_PERSON, "said",
         "Public health officials don't think \"getting all test results is "
         "the right strategy anymore"},
        {"Adequate training is crucial so \"they know what they're doing,\" "
         "said Toby Edelman, a senior policy attorney.",
         "Toby Edelman", CDK_CLAIMANT_PERSON, "said",
         "Adequate training is crucial so \"they know what they're doing"},
        {"He called the plan \"a disaster,\" and left the room.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "He called the plan \"a disaster,\" and left the room"},
        /* ... but a speaker named before the quotation keeps it */
        {"Kisrty Williams, for the Lib Dems, added: \"If the policy goes on, "
         "changing the minister will serve no purpose,\" she said.",
         "Kisrty Williams", CDK_CLAIMANT_PERSON, "added",
         "If the policy goes on, changing the minister will serve no "
         "purpose"},
        /* A name with a long apposition is the speaker, not the content
         * of "said X" (news-noisy 037: the claimant was "the approach
         * reflects a fundamental challenge ...") */
        {"David Herzberg, a historian of drugs at the University at "
         "Buffalo, said the approach reflects a fundamental challenge.",
         "David Herzberg", CDK_CLAIMANT_PERSON, "said",
         "the approach reflects a fundamental challenge"},
        {"The pump will work harder, said Chuck Dougherty, the owner of a "
         "pub on the high street in the town.",
         "Chuck Dougherty", CDK_CLAIMANT_PERSON, "said",
         "The pump will work harder"},
        /* A speaker set off by commas inside the sentence (news-bbc tech) */
        {"The approach, Herzberg said, is bad for patients.", "Herzberg",
         CDK_CLAIMANT_PERSON, "said",
         "The approach, Herzberg said, is bad for patients"},
        {"The company, according to Reuters, plans to cut 500 jobs.",
         "Reuters", CDK_CLAIMANT_OUTLET, "according to",
         "The company, according to Reuters, plans to cut 500 jobs"},
        {"In 2020, officials said, the company cut 500 jobs.", "officials",
         CDK_CLAIMANT_ANONYMOUS, "said",
         "In 2020, officials said, the company cut 500 jobs"},
        {"The plan, which officials said was approved, costs $5bn.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "The plan, which officials said was approved, costs $5bn"},
        /* "told X" then the clause at once; "added, on ...: " (news-bbc
         * politics/201) */
        {"BNP leader Nick Griffin told the Independent he expected some "
         "voters to switch.",
         "BNP leader Nick Griffin", CDK_CLAIMANT_PERSON,
         "told the Independent", "he expected some voters to switch"},
        {"She told him to leave the house at once before the police "
         "arrived.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "She told him to leave the house at once before the police "
         "arrived"},
        {"Mr Howard spoke first.|He added, on BBC Radio 4's Today programme: "
         "\"You have to have firm, fair immigration controls.\"",
         "Mr Howard", CDK_CLAIMANT_PERSON, "added",
         "You have to have firm, fair immigration controls"},
        {"John Smith spoke first.|The plan, he "
         "said, was dead.",
         "John Smith", CDK_CLAIMANT_PERSON, "said",
         "The plan, he said, was dead"},
        /* from tests/data/attribution/speech.json's misses */
        {"But according to the CDC, this long-term trend has been read as "
         "better identification.",
         "the CDC", CDK_CLAIMANT_ORGANISATION, "according to",
         "this long-term trend has been read as better identification"},
        {"Altman continued and said that the problem has now been fixed.",
         "Altman", CDK_CLAIMANT_PERSON, "said",
         "the problem has now been fixed"},
        {"Mr Howard claimed, with some justification, that the campaign has "
         "got off to a great start.",
         "Mr Howard", CDK_CLAIMANT_PERSON, "claimed",
         "the campaign has got off to a great start"},
        {"The firm, which is to receive a payment of 24.5m, said it is "
         "appraising new investment opportunities.",
         "The firm", CDK_CLAIMANT_ANONYMOUS, "said",
         "it is appraising new investment opportunities"},
        {"\"I wish I was playing for Real Madrid,\" the 21-year-old told "
         "reporters.",
         "the 21-year-old", CDK_CLAIMANT_PERSON, "told reporters",
         "I wish I was playing for Real Madrid"},
        {"\"You could not keep the clothes on anybody,\" Avedon later joked.|"
         "\"Before you could say hello, they were ready.\"",
         "Avedon", CDK_CLAIMANT_PERSON, "joked",
         "Before you could say hello, they were ready"},
        {"Laying into the record of the government he said the plan had "
         "failed.",
         "he", CDK_CLAIMANT_PERSON, "said", "the plan had failed"},
        /* not speech: a figure or a thing added, a future announcement,
         * the author writing */
        {"After dropping Newsmax, DirecTV added another conservative channel "
         "to its lineup.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "After dropping Newsmax, DirecTV added another conservative channel "
         "to its lineup"},
        {"Daiwa added 5.3% to 740 yen.", NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Daiwa added 5.3% to 740 yen"},
        {"The company, which has had two headquarters since 1930, will "
         "announce the location of its head office later.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "The company, which has had two headquarters since 1930, will "
         "announce the location of its head office later"},
        {"A couple of weeks ago I wrote about how my girlfriend had lost her "
         "phone.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "A couple of weeks ago I wrote about how my girlfriend had lost her "
         "phone"},
        /* "they" that names no group: unnamed people, not a person */
        {"The plan is bad for patients, they said.", "they",
         CDK_CLAIMANT_ANONYMOUS, "said", "The plan is bad for patients"},
        /* a noun phrase after "announced", "confirmed": the whole sentence
         * is what they say, not its object alone -- but a clause after
         * the verb is still the content */
        {"Apple announced a 5% rise in profits on Tuesday.", "Apple",
         CDK_CLAIMANT_ORGANISATION, "announced",
         "Apple announced a 5% rise in profits on Tuesday"},
        {"The firm confirmed the closure of two plants, blaming the cost of "
         "energy.",
         "The firm", CDK_CLAIMANT_ANONYMOUS, "confirmed",
         "The firm confirmed the closure of two plants, blaming the cost of "
         "energy"},
        {"The minister confirmed the plan was approved in May.", "The minister",
         CDK_CLAIMANT_ANONYMOUS, "confirmed", "the plan was approved in May"},
        {"The track claimed the top spot ahead of The King's latest "
         "re-release.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "The track claimed the top spot ahead of The King's latest "
         "re-release"},
        /* a quotation of several sentences whose speaker comes with a
         * long tail */
        {"\"We are getting 500,000 applications a week.|That is 30% above "
         "last year,\" Blinken said in response to a question about wait "
         "times for passport renewals during a House hearing.",
         "Blinken", CDK_CLAIMANT_PERSON, "said", "That is 30% above last year"},
        /* "He said:" closing a paragraph opens the next one's quotation;
         * a description ("the Woorton executive") does not displace the
         * name "he" stands for */
        /* 'he said: "...' opening a quotation that runs on, each of its
         * sentences opening with a mark of its own (the BBC's style) */
        {"Mr Galloway spoke first.|Speaking in London, he said: \"I have "
         "not involved myself before.|\"But this woman has been a prominent "
         "opponent of the war.\"",
         "Mr Galloway", CDK_CLAIMANT_PERSON, "said",
         "But this woman has been a prominent opponent of the war"},
        {"Mr Smith spoke first.|He said:#\"The plan is dead.\"", "Mr Smith",
         CDK_CLAIMANT_PERSON, "said", "The plan is dead"},
        {"According to Zahreddine Touag, banks are fragile.#\"Some people "
         "are aware,\" the Woorton executive stated, adding that banks hold "
         "12%.|He said:#\"They don't have it.\"",
         "Zahreddine Touag", CDK_CLAIMANT_PERSON, "said", "They don't have it"},
        /* more verbs of saying; a trailing one takes its speaker */
        {"Tony Blair is pressing the US to cut greenhouse gases, Downing "
         "Street has indicated.",
         "Downing Street", CDK_CLAIMANT_ORGANISATION, "indicated",
         "Tony Blair is pressing the US to cut greenhouse gases"},
        {"Mr Kennedy pointed out that the Netherlands have announced their "
         "withdrawal.",
         "Mr Kennedy", CDK_CLAIMANT_PERSON, "pointed out",
         "the Netherlands have announced their withdrawal"},
        {"The company disclosed that it lost money in May.", "The company",
         CDK_CLAIMANT_ORGANISATION, "disclosed", "it lost money in May"},
        /* ... or an object: the whole sentence is what they say */
        {"Mr Howard pointed to the IFS's prediction of tax rises.",
         "Mr Howard", CDK_CLAIMANT_PERSON, "pointed to",
         "Mr Howard pointed to the IFS's prediction of tax rises"},
        {"Gerrard hinted at a move to Spain.", "Gerrard", CDK_CLAIMANT_PERSON,
         "hinted at", "Gerrard hinted at a move to Spain"},
        {"The study indicated breakthrough infection in most patients.",
         "The study",
         CDK_CLAIMANT_ANONYMOUS, "indicated",
         "The study indicated breakthrough infection in most patients"},
        {"Fiat reiterated its commitment to the plant in Turin.", "Fiat",
         CDK_CLAIMANT_ORGANISATION, "reiterated",
         "Fiat reiterated its commitment to the plant in Turin"},
        /* ... but not what cannot speak, nor a verb that says nothing */
        {"Evidence has pointed to an upturn in the US economy.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "Evidence has pointed to an upturn in the US economy"},
        {"Few games have hinted at the scope of the genre this year.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "Few games have hinted at the scope of the genre this year"},
        {"He pointed the camera at the crowd in the square.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "He pointed the camera at the crowd in the square"},
        {"Neither Rover nor its Chinese partner commented on the reports.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Neither Rover nor its Chinese partner commented on the reports"},
        /* a judgement: "described X as Y" is the describer's, whole */
        {"Putin has described the affair as a crackdown on corruption.",
         "Putin", CDK_CLAIMANT_PERSON, "described",
         "Putin has described the affair as a crackdown on corruption"},
        {"The film has been described as a masterpiece.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "The film has been described as a masterpiece"},
        {"She described how the attack unfolded in the night.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "She described how the attack unfolded in the night"},
        /* an opening participle phrase is not the speaker ... */
        {"Accepting his prize, DiCaprio said the film was a triumph.",
         "DiCaprio", CDK_CLAIMANT_PERSON, "said", "the film was a triumph"},
        {"Speaking on BBC Radio Scotland, Ms Jamieson said talks were "
         "useful.",
         "Ms Jamieson", CDK_CLAIMANT_PERSON, "said", "talks were useful"},
        /* ... but a gerund with a verb of its own is the subject */
        {"Rising fuel costs are hitting confidence, the CBI says.", "the CBI",
         CDK_CLAIMANT_ORGANISATION, "says",
         "Rising fuel costs are hitting confidence"},
        {"Some of those customers even asked to fly an escape mission.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Some of those customers even asked to fly an escape mission"},
        {"Foster, however, declared himself satisfied with the result.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "Foster, however, declared himself satisfied with the result"},
        /* a role before the comma, then the name that speaks */
        {"Formerly one of Mr Brown's closest aides, Ed Balls said the Budget "
         "would be generous.",
         "Ed Balls", CDK_CLAIMANT_PERSON, "said",
         "the Budget would be generous"},
        {"The head of the IMF, Rodrigo Rato, said growth was slowing in "
         "Europe.",
         "Rodrigo Rato", CDK_CLAIMANT_PERSON, "said",
         "growth was slowing in Europe"},
        /* ... while a tail after a clause stays a tail */
        {"Incidents like this happen, said Mr Thiemann, because banks "
         "change their networks.",
         "Mr Thiemann", CDK_CLAIMANT_PERSON, "said",
         "Incidents like this happen"},
        /* an opening phrase with a time in it, then the speaker */
        {"By 8:35 p.m., the CHP reported all lanes had been reopened.",
         "the CHP", CDK_CLAIMANT_ORGANISATION, "reported",
         "all lanes had been reopened"},
        /* hearsay with no source named: unnamed sources */
        {"He is said to have discussed the idea with Mr McCain.",
         "unnamed sources", CDK_CLAIMANT_ANONYMOUS, "is said to",
         "He is said to have discussed the idea with Mr McCain"},
        {"The FSA was widely reported as having asked firms to pay up to "
         "350m.",
         "unnamed reports", CDK_CLAIMANT_ANONYMOUS, "was widely reported as",
         "The FSA was widely reported as having asked firms to pay up to "
         "350m"},
        {"It is understood that the bank will cut rates in May.",
         "unnamed sources", CDK_CLAIMANT_ANONYMOUS, "it is understood that",
         "It is understood that the bank will cut rates in May"},
        /* ... but not a report to the police, a forecast, or a clause
         * after the main one */
        {"The theft was reported to the police on Monday.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL,
         "The theft was reported to the police on Monday"},
        {"Rates are expected to rise by 2% next year.", NULL,
         CDK_CLAIMANT_ARTICLE, NULL, "Rates are expected to rise by 2% next year"},
        {"Shops are stocking a new version, which is said to be selling "
         "well.",
         NULL, CDK_CLAIMANT_ARTICLE, NULL,
         "Shops are stocking a new version, which is said to be selling "
         "well"},
        /* a time after the speaker is no part of the name, but a
         * paper's name keeps its day */
        {"ABC News on Thursday reported that a second woman lost an eye.",
         "ABC News", CDK_CLAIMANT_OUTLET, "reported",
         "a second woman lost an eye"},
        {"The deal was done, Deputy Prime Minister Abdullatif Sener earlier "
         "this month said.",
         "Deputy Prime Minister Abdullatif Sener", CDK_CLAIMANT_PERSON, "said",
         "The deal was done"},
        {"The Mail on Sunday reported that he had resigned in March.",
         "The Mail on Sunday", CDK_CLAIMANT_OUTLET, "reported",
         "he had resigned in March"},
        /* a number's comma does not end a speaker */
        {"The survey of 5,000 households pointed to renewed optimism about "
         "jobs.",
         "The survey of 5,000 households", CDK_CLAIMANT_ANONYMOUS,
         "pointed to",
         "The survey of 5,000 households pointed to renewed optimism about "
         "jobs"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cdk_attribution a;
        char *content;
        attribute_last(cases[i].text, &a, &content);
        if (cases[i].claimant) {
            ck_assert_msg(a.claimant && strcmp(a.claimant, cases[i].claimant) == 0,
                          "case %zu: claimant '%s', want '%s'", i,
                          a.claimant ? a.claimant : "(none)",
                          cases[i].claimant);
            ck_assert_msg(a.kind == cases[i].kind, "case %zu: kind %s", i,
                          cdk_claimant_kind_name(a.kind));
            ck_assert_msg(a.cue && strcmp(a.cue, cases[i].cue) == 0,
                          "case %zu: cue '%s'", i, a.cue ? a.cue : "(none)");
        } else {
            ck_assert_msg(a.claimant == NULL, "case %zu: claimant '%s'", i,
                          a.claimant);
        }
        ck_assert_msg(strcmp(content, cases[i].content) == 0,
                      "case %zu: content '%s', want '%s'", i, content,
                      cases[i].content);
        free(content);
        cdk_attribution_release(&a);
    }
}
END_TEST

static size_t
split(const char *s, struct cdk_parts *p)
{
    cdk_parts_clear(p);
    cdk_split_claim(s, 0, strlen(s), p);
    return p->n;
}

START_TEST(split_compound_claims)
{
    struct cdk_parts p = CDK_PARTS_INIT;
    const char *s1 = "Washington is dangling significant concessions, "
                     "including sanctions relief and formal US recognition of "
                     "Crimea as part of the Russian Federation.";
    const char *s2 = "Washington floated an offer that includes not just "
                     "sanctions relief but also recognition of Russian control "
                     "over Crimea.";

    ck_assert_uint_eq(split(s1, &p), 2);
    ck_assert_str_eq(p.v[0].text, "Washington is dangling significant "
                                  "concessions, including sanctions relief");
    ck_assert_str_eq(p.v[1].text,
                     "Washington is dangling significant concessions, "
                     "including formal US recognition of Crimea as part of "
                     "the Russian Federation");
    /* offsets: the distinctive item */
    ck_assert_int_eq(memcmp(s1 + p.v[0].start, "sanctions relief", 16), 0);
    ck_assert_uint_eq(p.v[0].end - p.v[0].start, 16);
    ck_assert(p.v[0].item && p.v[1].item);
    ck_assert_uint_le(p.v[0].end, p.v[1].start);
    cdk_parts_release(&p);

    ck_assert_uint_eq(split(s2, &p), 2);
    ck_assert_ptr_null(strstr(p.v[0].text, "Crimea"));
    ck_assert_ptr_nonnull(strstr(p.v[0].text, "sanctions relief"));
    ck_assert_ptr_null(strstr(p.v[1].text, "sanctions relief"));
    ck_assert_ptr_nonnull(strstr(p.v[1].text, "recognition of Russian "
                                              "control over Crimea"));
    cdk_parts_release(&p);

    /* coordinated clauses with their own verbs */
    ck_assert_uint_eq(split("NATO severed ties with Russia in 2022, and the "
                            "council went dark for years.",
                            &p),
                      2);
    ck_assert_str_eq(p.v[1].text, "the council went dark for years");
    cdk_parts_release(&p);

    /* names and pairs stay whole */
    ck_assert_uint_eq(split("The report cited Bloomberg and Axios as its "
                            "sources.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("The NRC was a forum for dialogue between NATO and "
                            "Moscow until 2022.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("Its members include Britain and France.", &p), 1);
    cdk_parts_release(&p);
    /* a list inside the subject, its clause going on after it (news-noisy
     * 089): "including was making ..." was a claim */
    ck_assert_uint_eq(split("A younger cohort of photographers, including "
                            "Helmut Newton and Guy Bourdin, was making the two "
                            "elder statesmen look past their prime.",
                            &p),
                      1);
    cdk_parts_release(&p);
    /* a bare "and" whose left side has no verb of its own: a name, a
     * compound subject (news-noisy 037, news-bbc politics/201, sport/306) */
    ck_assert_uint_eq(split("Monitoring will change after the emergency ends, "
                            "because the Department of Health and Human "
                            "Services will not be able to require reports.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("He rejected the idea that the Tories and the BNP "
                            "appealed to the same voting instincts.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("The inexperienced Nicolas Mas, Jimmy Marlu and "
                            "Jean-Philippe Grandclaude are also included in a "
                            "22-man squad.",
                            &p),
                      1);
    cdk_parts_release(&p);
    /* lists that end before their clause does (news-bbc) */
    ck_assert_uint_eq(split("Utilities such as electricity and water have "
                            "developed the same way.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("Add-ons, such as wallpaper, games and ringtones, "
                            "for their phones are free.",
                            &p),
                      1);
    cdk_parts_release(&p);
    /* "not only X but also Y" with X and Y unlike, or inverted */
    ck_assert_uint_eq(split("Monitoring is not only damaging to privacy but "
                            "also to the relationship with staff.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("The commission would not just be a talking shop "
                            "but would deliver radical new thinking.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("It runs daily, not only on the television but "
                            "also on the radio.",
                            &p),
                      2);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("Other states, such as Arkansas, Texas, Ohio and "
                            "Louisiana, have similar proposals in the works.",
                            &p),
                      1);
    cdk_parts_release(&p);
    ck_assert_uint_eq(split("The show mixed rock and roll with country.", &p),
                      1);
    cdk_parts_release(&p);
    /* "... that A and that B": B keeps what led to the first "that" */
    ck_assert_uint_eq(split("The EU sought to allay their fears, stressing "
                            "that the meeting was only a first step and that "
                            "other proposals were under consideration.",
                            &p),
                      2);
    ck_assert_str_eq(p.v[0].text, "The EU sought to allay their fears, "
                                  "stressing that the meeting was only a "
                                  "first step");
    ck_assert_str_eq(p.v[1].text, "The EU sought to allay their fears, "
                                  "stressing that other proposals were under "
                                  "consideration");
    cdk_parts_release(&p);
    /* ... and reads without "that" when the content began after it */
    ck_assert_uint_eq(split("prices would rise by 5% this year and that wages "
                            "would fall by 2% next year.",
                            &p),
                      2);
    ck_assert_str_eq(p.v[1].text, "wages would fall by 2% next year");
    cdk_parts_release(&p);
    /* but "that" as the subject stays */
    ck_assert_uint_eq(split("When the query is passed on, rates rise to "
                            "about 70%, but that is still well below the "
                            "industry target.",
                            &p),
                      2);
    ck_assert_str_eq(p.v[1].text, "that is still well below the industry "
                                  "target");
    cdk_parts_release(&p);
}
END_TEST

START_TEST(classify_modality_and_type)
{
    struct cdk_classified c;

    memset(&c, 0, sizeof(c));
#define CLS(s, attr, q)                                                        \
    do {                                                                       \
        free(c.key);                                                           \
        cdk_classify_claim((s), strlen(s), (attr), (q), NULL, &c);             \
    } while (0)
    CLS("The minister denied the report", false, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_DENIED);
    CLS("Washington is dangling significant concessions", false, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_OFFERED);
    CLS("Washington has proposed reviving talks", true, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_PROPOSED);
    CLS("The vote will be close", false, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_PREDICTED);
    ck_assert_int_eq(c.type, CDK_TYPE_PREDICTION);
    CLS("Diplomacy beats provocation", true, true);
    ck_assert_int_eq(c.modality, CDK_MODALITY_QUOTED_OPINION);
    CLS("Profits jumped 76% to $1.13bn", false, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_ASSERTED);
    ck_assert_int_eq(c.type, CDK_TYPE_QUANTITY);
    CLS("The council was established in 2002", false, false);
    ck_assert_int_eq(c.type, CDK_TYPE_EVENT);
    CLS("The governor signed a bill repealing the law", false, false);
    ck_assert_int_eq(c.type, CDK_TYPE_LAW);
    CLS("Storms led to the higher flooding risk", true, false);
    ck_assert_int_eq(c.modality, CDK_MODALITY_REPORTED);
    ck_assert_int_eq(c.type, CDK_TYPE_CAUSAL);
    free(c.key);
#undef CLS
}
END_TEST

START_TEST(extract_offsets_are_exact)
{
    const char *body = "\xe2\x80\x9c" "Caf\xc3\xa9s closed early on Sunday,\xe2\x80\x9d the mayor "
                       "said.\nThe city has 40 caf\xc3\xa9s, including Luigi's "
                       "and Marta's.\n";
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_charidx ci;
    size_t i;

    ck_assert_int_eq(run(body, strlen(body), &x, &err), 0);
    ck_assert_uint_ge(x.nclaims, 2);
    cdk_charidx_init(&ci, body, strlen(body));
    for (i = 0; i < x.nclaims; i++) {
        const struct cdk_claim *c = &x.claims[i];
        ck_assert_uint_lt(c->start, c->end);
        ck_assert_uint_le(c->end, strlen(body));
        ck_assert_uint_eq(c->cstart, cdk_charidx_get(&ci, c->start));
        ck_assert_uint_eq(c->cend, cdk_charidx_get(&ci, c->end));
        /* spans start and end on character boundaries */
        ck_assert((body[c->start] & 0xC0) != 0x80);
        ck_assert(c->end == strlen(body) || (body[c->end] & 0xC0) != 0x80);
        ck_assert_int_eq(c->ordinal, (int)i + 1);
        ck_assert(c->score >= 0 && c->score <= 1);
    }
    /* the quotation's content, without its marks */
    ck_assert_int_eq(memcmp(body + x.claims[0].start, "Caf\xc3\xa9s closed early", 19),
                     0);
    ck_assert_uint_eq(x.claims[0].cstart, 1);
    ck_assert_str_eq(x.claims[0].claimant, "the mayor");
    cdk_charidx_release(&ci);
    cdk_extraction_release(&x);
}
END_TEST

START_TEST(extract_rejects_bad_input)
{
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;

    ck_assert_int_eq(run("Fine line.\nBad \xc3( byte.", 22, &x, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    ck_assert_int_eq(err.line, 2);
    ck_assert_uint_eq(x.nclaims, 0);
    ck_assert_int_eq(run("NUL \0 inside.", 13, &x, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
    /* empty and whitespace-only bodies give empty results */
    ck_assert_int_eq(run("", 0, &x, &err), 0);
    ck_assert_uint_eq(x.nclaims, 0);
    cdk_extraction_release(&x);
    ck_assert_int_eq(run(" \n\n\t \n", 6, &x, &err), 0);
    ck_assert_uint_eq(x.nclaims, 0);
    cdk_extraction_release(&x);
}
END_TEST

START_TEST(extract_punctuation_only)
{
    size_t n = 200000, i;
    char *s = cdk_xmalloc(n + 1);
    static const char punct[] = ".,;:!?\"'()[]{}-\xe2\x80\x9c\xe2\x80\x9d";
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;

    /* ASCII punctuation only */
    for (i = 0; i < n; i++)
        s[i] = punct[i % 15];
    s[n] = '\0';
    ck_assert_int_eq(run(s, n, &x, &err), 0);
    ck_assert_uint_eq(x.nclaims, 0);
    cdk_extraction_release(&x);
    free(s);
}
END_TEST

START_TEST(extract_nested_quotes)
{
    size_t depth = 20000, i, n = 0;
    char *s = cdk_xmalloc(depth * 12 + 64);
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;

    for (i = 0; i < depth; i++) {
        memcpy(s + n, i % 2 ? "\xe2\x80\x9c" : "\"", i % 2 ? 3 : 1);
        n += i % 2 ? 3 : 1;
        memcpy(s + n, "He said ", 8);
        n += 8;
    }
    memcpy(s + n, "stop.", 5);
    n += 5;
    s[n] = '\0';
    ck_assert_int_eq(run(s, n, &x, &err), 0);
    cdk_extraction_release(&x);
    free(s);
}
END_TEST

/* Extract s[0..n) into x (which must succeed); the seconds it took. */
static double
run_timed(const char *s, size_t n, struct cdk_extraction *x)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct timespec t0, t1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(run(s, n, x, &err), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
}

START_TEST(extract_huge_line)
{
    /* 50 MB on one line: words, no sentence end; then a normal line. */
    size_t n = 50u << 20, i;
    char *s = cdk_xmalloc(n + 64);
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    double secs;

    for (i = 0; i + 5 <= n; i += 5)
        memcpy(s + i, "word ", 5);
    memcpy(s + i, "\nThe council met in 2002.\n", 27);
    n = i + 26;
    s[n] = '\0';
    secs = run_timed(s, n, &x);
    printf("50 MB line: %.2f s, %zu claims\n", secs, x.nclaims);
    ck_assert(has_claim(&x, "The council met in 2002"));
    ck_assert_double_lt(secs, 60.0);
    cdk_extraction_release(&x);
    free(s);
}
END_TEST

START_TEST(extract_many_pointing_verbs)
{
    /* "pointed to" asks whether a later speaker has the claim; each
     * later "pointed to" once asked it again, which took seconds for 28
     * of them and would never end for a sentence of 250 */
    struct cdk_buf b = CDK_BUF_INIT;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    double secs;
    int i;

    for (i = 0; i < 250; i++)
        ck_assert_int_eq(cdk_buf_add(&b, "He pointed to ", 14), 0);
    ck_assert_int_eq(cdk_buf_add(&b, "it.\n", 4), 0);
    secs = run_timed(b.buf, b.len, &x);
    ck_assert_uint_eq(x.nclaims, 1);
    ck_assert_double_lt(secs, 5.0);
    cdk_extraction_release(&x);
    cdk_buf_release(&b);
}
END_TEST

START_TEST(extract_many_speakers)
{
    /* 60,000 speakers, each named once ("Xbcdaa said ..."): each one-word
     * name was weighed by reading the whole article for it, which took
     * 18 s here (quadratic); an article now weighs at most
     * CDK_ATTR_WEIGH_NAMES names */
    struct cdk_buf b = CDK_BUF_INIT;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    double secs;
    int i, j;

    for (i = 0; i < 60000; i++) {
        char name[8] = "X";
        int v = i;
        for (j = 1; j < 7; j++, v /= 26)
            name[j] = (char)('a' + v % 26);
        name[7] = '\0';
        ck_assert_int_eq(cdk_buf_add(&b, name, 7), 0);
        ck_assert_int_eq(cdk_buf_add(&b, " said prices rose by 5% in May. ",
                                     31),
                         0);
    }
    ck_assert_int_eq(cdk_buf_addch(&b, '\n'), 0);
    secs = run_timed(b.buf, b.len, &x);
    printf("60,000 speakers: %.2f s, %zu claims\n", secs, x.nclaims);
    ck_assert_uint_gt(x.nclaims, 1000);
    ck_assert_double_lt(secs, 12.0); /* (0.35 s here, 2.2 s with ASan) */
    cdk_extraction_release(&x);
    cdk_buf_release(&b);
}
END_TEST

/* A headline scraped again at the start of its caption is dropped as the
 * title; the rest of the line stays content. */
START_TEST(extract_repeated_title)
{
    static const char body[] =
        "NEXT Weather: 4 p.m. report WCCO meteorologist Mike Augustyniak "
        "says a 50-degree day is coming.\n\n"
        "NEXT Weather: 4 p.m. report is the name of the segment.\n";
    struct cdk_article a;
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    size_t i, titles = 0;

    cdk_article_init(&a);
    a.title = (char *)"NEXT Weather: 4 p.m. report";
    a.body = (char *)body;
    a.body_len = strlen(body);
    ck_assert_int_eq(cdk_extract(&a, NULL, &x, &err), 0);
    for (i = 0; i < x.ndropped; i++)
        if (strcmp(x.dropped[i].reason, "title") == 0) {
            titles++;
            ck_assert_uint_eq(x.dropped[i].start, 0);
            ck_assert_str_eq(x.dropped[i].text, "NEXT Weather: 4 p.m. report");
        }
    ck_assert_uint_eq(titles, 1); /* a sentence with a verb after it stays */
    ck_assert(x.nclaims >= 1);
    ck_assert_str_eq(x.claims[0].claimant, "WCCO meteorologist Mike Augustyniak");
    ck_assert_str_eq(x.claims[0].text, "a 50-degree day is coming");
    cdk_extraction_release(&x);

    /* the title as the subject of the body's first sentence stays */
    a.body = (char *)body + strcspn(body, "\n") + 2;
    a.body_len = strlen(a.body);
    ck_assert_int_eq(cdk_extract(&a, NULL, &x, &err), 0);
    for (i = 0; i < x.ndropped; i++)
        ck_assert_str_ne(x.dropped[i].reason, "title");
    cdk_extraction_release(&x);
}
END_TEST

START_TEST(extract_seedlike_duplicates)
{
    const char *body =
        "In exchange, Washington is dangling significant concessions, "
        "including sanctions relief and recognition of Crimea.\n"
        "Officials met on Tuesday.\n"
        "Washington is floating an offer that includes not just sanctions "
        "relief but also recognition of Russian control over Crimea.\n";
    struct cdk_extraction x = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;
    size_t i, relief = 0;
    int first = 0;

    ck_assert_int_eq(run(body, strlen(body), &x, &err), 0);
    for (i = 0; i < x.nclaims; i++) {
        if (!strstr(x.claims[i].text, "sanctions relief"))
            continue;
        relief++;
        if (!first)
            first = x.claims[i].ordinal;
        else
            ck_assert_int_eq(x.claims[i].duplicate_of, first);
    }
    ck_assert_uint_eq(relief, 2);
    /* the two Crimea claims differ: not linked */
    for (i = 0; i < x.nclaims; i++)
        if (strstr(x.claims[i].text, "Crimea"))
            ck_assert_int_eq(x.claims[i].duplicate_of, 0);
    cdk_extraction_release(&x);
}
END_TEST

/* A clause of a sentence that names no speaker may name its own (news-
 * noisy 037: "..., but the industry says that move could worsen ..."); a
 * pronoun there is not resolved, and "added 5.3%" is no speech. */
START_TEST(extract_clause_speaker)
{
    static const struct {
        const char *body;
        const char *text; /* a claim's text */
        const char *claimant; /* NULL: the article */
    } cases[] = {
        {"Prices rose sharply in March, and the Bank of England said it "
         "expected 6% expansion in 2005.\n",
         "it expected 6% expansion in 2005", "the Bank of England"},
        {"Prices rose sharply in March, and the central bank said it "
         "expected 6% expansion in 2005.\n",
         "Prices rose sharply in March", NULL},
        {"The firm lost money last year, but the defender said: \"Hopefully "
         "something will be sorted out.\"\n",
         "Hopefully something will be sorted out", "the defender"},
        {"Mr Smith spoke first.\nThe firm made a profit in 2004, but he said "
         "the company was still waiting on new kits.\n",
         "he said the company was still waiting on new kits", NULL},
        {"Shares in Nomura rose 2%, and Daiwa added 5.3% to 740 yen.\n",
         "Daiwa added 5.3% to 740 yen", NULL},
        /* hearsay in one clause does not hide the speaker of another,
         * and a clause may have hearsay of its own */
        {"Other countries are reported to have pledged cash, while the US "
         "State Department said it was examining what aid was needed.\n",
         "it was examining what aid was needed", "the US State Department"},
        {"Other countries are reported to have pledged cash, while the US "
         "State Department said it was examining what aid was needed.\n",
         "Other countries are reported to have pledged cash",
         "unnamed reports"},
        {"Euronext is due to hold talks with the LSE this week and it is "
         "reported to be ready to raise 1.4bn.\n",
         "it is reported to be ready to raise 1.4bn", "unnamed reports"},
        {"Euronext is due to hold talks with the LSE this week and it is "
         "reported to be ready to raise 1.4bn.\n",
         "Euronext is due to hold talks with the LSE this week", NULL},
    };
    size_t i, j;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        struct cdk_error err = CDK_ERROR_INIT;
        const struct cdk_claim *hit = NULL;

        ck_assert_int_eq(run(cases[i].body, strlen(cases[i].body), &x, &err),
                         0);
        for (j = 0; j < x.nclaims; j++)
            if (strcmp(x.claims[j].text, cases[i].text) == 0)
                hit = &x.claims[j];
        ck_assert_msg(hit != NULL, "case %zu: no claim '%s'", i,
                      cases[i].text);
        if (cases[i].claimant)
            ck_assert_msg(hit->claimant &&
                              strcmp(hit->claimant, cases[i].claimant) == 0,
                          "case %zu: claimant '%s'", i,
                          hit->claimant ? hit->claimant : "(none)");
        else
            ck_assert_msg(hit->claimant == NULL, "case %zu: claimant '%s'",
                          i, hit->claimant);
        /* the offsets are the text's own, and so are the entities */
        ck_assert_uint_eq(hit->end - hit->start, strlen(hit->text));
        for (j = 0; j < hit->nentities; j++)
            ck_assert_msg(hit->entities[j].start >= hit->start &&
                              hit->entities[j].end <= hit->end,
                          "case %zu: entity '%s' outside the claim", i,
                          hit->entities[j].text);
        ck_assert(strncmp(cases[i].body + hit->start, hit->text,
                          hit->end - hit->start) == 0);
        cdk_extraction_release(&x);
    }
}
END_TEST

/*
 * A quotation whose speaker is named only where it closes, sentences
 * later: the sentences it opened in are that speaker's, even when a
 * speaker was carried on to them from an earlier quotation; a sentence
 * that closes its own quotation keeps the speaker carried on to it.
 */
START_TEST(extract_quote_speaker_at_close)
{
    static const struct {
        const char *body;
        const char *text;     /* a claim's text */
        const char *claimant; /* NULL: the article */
    } cases[] = {
        {"\"The plan will fail,\" minister Des Browne said.\n\n"
         "Rhian Beynon of the JCWI said the rules were unfair.\n\n"
         "\"These rules make the Home Secretary a registrar. \"We are "
         "taking a legal opinion on this. We will take a case to the "
         "court,\" Ms Beynon said.\n",
         "These rules make the Home Secretary a registrar", "Ms Beynon"},
        {"\"The plan will fail,\" minister Des Browne said.\n\n"
         "Rhian Beynon of the JCWI said the rules were unfair.\n\n"
         "\"These rules make the Home Secretary a registrar. \"We are "
         "taking a legal opinion on this. We will take a case to the "
         "court,\" Ms Beynon said.\n",
         "We are taking a legal opinion on this", "Ms Beynon"},
        {"United fans vowed to fight on. \"We will fight tooth and nail to "
         "stop him. We do not want him taking over United,\" said Mark "
         "Longden of the supporters' association.\n",
         "We will fight tooth and nail to stop him",
         "Mark Longden of the supporters' association"},
        /* the second quotation closes in its own sentence: still his */
        {"\"We won the cup in 2004,\" Alan Smith said. \"It was our "
         "best season in 20 years.\" \"We lost 12 games in 2005,\" "
         "Tom Jones said.\n",
         "It was our best season in 20 years", "Alan Smith"},
        {"\"We won the cup in 2004,\" Alan Smith said. \"It was our "
         "best season in 20 years.\" \"We lost 12 games in 2005,\" "
         "Tom Jones said.\n",
         "We lost 12 games in 2005", "Tom Jones"},
        /* a speaker named again as a subject is the one "he" means */
        {"\"We will win,\" said Walter Smith. Ian Rush said the team was "
         "tired. Smith has named his squad. \"We have to meet the "
         "challenge,\" he said.\n",
         "We have to meet the challenge", "Walter Smith"},
    };
    size_t i, j;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cdk_extraction x = CDK_EXTRACTION_INIT;
        struct cdk_error err = CDK_ERROR_INIT;
        const struct cdk_claim *hit = NULL;

        ck_assert_int_eq(run(cases[i].body, strlen(cases[i].body), &x, &err),
                         0);
        for (j = 0; j < x.nclaims; j++)
            if (strcmp(x.claims[j].text, cases[i].text) == 0)
                hit = &x.claims[j];
        ck_assert_msg(hit != NULL, "case %zu: no claim '%s'", i,
                      cases[i].text);
        ck_assert_msg(hit->claimant &&
                          strcmp(hit->claimant, cases[i].claimant) == 0,
                      "case %zu: claimant '%s'", i,
                      hit->claimant ? hit->claimant : "(none)");
        cdk_extraction_release(&x);
    }
}
END_TEST

/*
 * The fast primitives against plain reference versions of the same rules
 * (the tokenizer, the substring search and the normaliser's ASCII path
 * were rewritten for speed; their results must not change). Inputs come
 * from a fixed-seed generator over the bytes the rules care about.
 */
static unsigned long long prng_state;

static unsigned
prng(unsigned n)
{
    prng_state = prng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((prng_state >> 33) % n);
}

static size_t
random_text(char *out, size_t max, const char *const *pieces, size_t np)
{
    size_t len = 0, want = prng((unsigned)max);

    while (len < want) {
        const char *pc = pieces[prng((unsigned)np)];
        size_t k = strlen(pc);
        if (len + k > max)
            break;
        memcpy(out + len, pc, k);
        len += k;
    }
    out[len] = '\0';
    return len;
}

static const char *const text_pieces[] = {
    "a", "B", "z", "Q", "e", "0", "7", " ", " ", "  ", "'", "-", ".", "&",
    ",", "\"", "(", "U.S.", "3.5", "don't", "\xc3\xa9", "\xe2\x80\x99",
    "AB", "x", "..", "said", "The",
};

static bool
ref_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* The tokenizer's rules, one byte at a time (lex.h). */
static void
ref_tokenize(const char *s, size_t len, struct cdk_tok *v, size_t *n)
{
    size_t i = 0;

    *n = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        struct cdk_tok *t;
        size_t letters = 0, uppers = 0;

        if (c == ' ') {
            i++;
            continue;
        }
        t = &v[(*n)++];
        memset(t, 0, sizeof(*t));
        t->start = i;
        if (!ref_word_byte(c)) {
            t->end = ++i;
            continue;
        }
        while (i < len) {
            c = (unsigned char)s[i];
            if (ref_word_byte(c)) {
                if (c >= 'A' && c <= 'Z')
                    uppers++, letters++;
                else if (c >= 'a' && c <= 'z')
                    letters++;
                else if (c >= '0' && c <= '9')
                    t->digit = true;
                i++;
            } else if ((c == '\'' || c == '-' || c == '.' || c == '&') &&
                       i + 1 < len && ref_word_byte((unsigned char)s[i + 1]) &&
                       !(c == '.' && !(s[i + 1] >= '0' && s[i + 1] <= '9') &&
                         !(i + 2 < len && s[i + 2] == '.'))) {
                i++;
            } else {
                break;
            }
        }
        t->end = i;
        t->word = true;
        t->cap = s[t->start] >= 'A' && s[t->start] <= 'Z';
        t->upper = letters >= 2 && uppers == letters;
    }
}

START_TEST(lex_tokenize_matches_reference)
{
    char text[400];
    struct cdk_tok ref[400];
    struct cdk_toks tk = CDK_TOKS_INIT;
    size_t round, len, n, i;

    prng_state = 42;
    for (round = 0; round < 3000; round++) {
        len = random_text(text, sizeof(text) - 1, text_pieces,
                          sizeof(text_pieces) / sizeof(text_pieces[0]));
        cdk_lex_tokenize(text, len, &tk);
        ref_tokenize(text, len, ref, &n);
        ck_assert_uint_eq(tk.n, n);
        for (i = 0; i < n; i++) {
            ck_assert_uint_eq(tk.v[i].start, ref[i].start);
            ck_assert_uint_eq(tk.v[i].end, ref[i].end);
            ck_assert_int_eq(tk.v[i].word, ref[i].word);
            ck_assert_int_eq(tk.v[i].cap, ref[i].cap);
            ck_assert_int_eq(tk.v[i].upper, ref[i].upper);
            ck_assert_int_eq(tk.v[i].digit, ref[i].digit);
            ck_assert_uint_eq(tk.v[i].cls, 0);
        }
    }
    cdk_toks_release(&tk);
}
END_TEST

START_TEST(clean_find_matches_reference)
{
    static const char *const pieces[] = {"a", "A", "n", "d", " ", " and ",
                                         "AND", "x", "an", "nd", "s", ","};
    static const char *const needles[] = {" and ", "and", "a", "nd a",
                                          " such as ", "s,", "xx"};
    char text[300];
    size_t round, len, k;

    prng_state = 7;
    for (round = 0; round < 3000; round++) {
        /* both sides of the short-text cut (96 bytes) */
        len = random_text(text, round % 2 ? 90 : sizeof(text) - 1, pieces,
                          sizeof(pieces) / sizeof(pieces[0]));
        for (k = 0; k < sizeof(needles) / sizeof(needles[0]); k++)
            ck_assert_uint_eq(cdk_clean_find(text, len, needles[k]),
                              cdk_test_ci_find(text, len, needles[k],
                                               strlen(needles[k])));
    }
}
END_TEST

static bool
ref_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' ||
           c == '\n';
}

START_TEST(clean_normalise_ascii_matches_reference)
{
    static const char *const pieces[] = {"w", "X", "9", ".", " ", "  ",
                                         "\t", "\n", "\r\n", "\x01", "\x7f",
                                         "~", "ab", "\""};
    char text[300], want[300];
    size_t wmap[301];
    struct cdk_norm nm = CDK_NORM_INIT;
    size_t round, len, a, b, i, n, space_at = 0;
    bool pending;

    prng_state = 99;
    for (round = 0; round < 3000; round++) {
        len = random_text(text, sizeof(text) - 1, pieces,
                          sizeof(pieces) / sizeof(pieces[0]));
        cdk_clean_normalise(text, 0, len, &nm);
        /* reference: trim, then each whitespace run becomes one space
         * standing for the run's first byte */
        a = 0;
        b = len;
        while (a < b && ref_space((unsigned char)text[a]))
            a++;
        while (b > a && ref_space((unsigned char)text[b - 1]))
            b--;
        n = 0;
        pending = false;
        for (i = a; i < b; i++) {
            if (ref_space((unsigned char)text[i])) {
                if (!pending)
                    space_at = i;
                pending = true;
                continue;
            }
            if (pending && n > 0) {
                want[n] = ' ';
                wmap[n++] = space_at;
            }
            pending = false;
            want[n] = text[i];
            wmap[n++] = i;
        }
        wmap[n] = b;
        ck_assert_uint_eq(nm.text.len, n);
        ck_assert_int_eq(memcmp(nm.text.buf, want, n), 0);
        ck_assert_int_eq(nm.text.buf[n], '\0');
        for (i = 0; i <= n; i++)
            ck_assert_uint_eq(cdk_norm_body(&nm, i), wmap[i]);
    }
    cdk_norm_release(&nm);
}
END_TEST

START_TEST(lex_class_any_case)
{
    /* listed words in any case; unlisted and over-long words in none */
    ck_assert(cdk_lex_class("said", 4) & CDK_LEX_SPEECH);
    ck_assert(cdk_lex_class("SAID", 4) & CDK_LEX_SPEECH);
    ck_assert(cdk_lex_class("The", 3) & CDK_LEX_STOP);
    ck_assert(cdk_lex_class("unconstitutional", 16) & CDK_LEX_LAW);
    ck_assert(cdk_lex_class("May", 3) & CDK_LEX_TIME);
    ck_assert(cdk_lex_class("may", 3) & CDK_LEX_HEDGE);
    ck_assert(cdk_lex_class("Reuters", 7) & CDK_LEX_OUTLET);
    ck_assert_uint_eq(cdk_lex_class("sai", 3), 0);
    ck_assert_uint_eq(cdk_lex_class("saidx", 5), 0);
    ck_assert_uint_eq(cdk_lex_class("saidsaidsaidsaidsaidsaidsaid", 28), 0);
    ck_assert(cdk_lex_verbish("visited", 7));
    ck_assert(cdk_lex_verbish("Said", 4));
    ck_assert(!cdk_lex_verbish("hundred", 7));
}
END_TEST

START_TEST(extract_is_deterministic)
{
    char *p = cdk_test_shared_path("seeds/nrc-council-article.txt");
    size_t len, i;
    char *body;
    struct cdk_extraction a = CDK_EXTRACTION_INIT, b = CDK_EXTRACTION_INIT;
    struct cdk_error err = CDK_ERROR_INIT;

    if (!p)
        return;
    body = cdk_test_read_file(p, &len);
    ck_assert_int_eq(run(body, len, &a, &err), 0);
    ck_assert_int_eq(run(body, len, &b, &err), 0);
    ck_assert_uint_eq(a.nclaims, b.nclaims);
    for (i = 0; i < a.nclaims; i++) {
        ck_assert_str_eq(a.claims[i].text, b.claims[i].text);
        ck_assert(a.claims[i].score == b.claims[i].score);
        ck_assert_uint_eq(a.claims[i].start, b.claims[i].start);
    }
    cdk_extraction_release(&a);
    cdk_extraction_release(&b);
    free(body);
    free(p);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("stages");
    TCase *rb = tcase_create("robustness");

    tcase_add_test(tc, clean_rejects_bad_utf8_and_nul);
    tcase_add_test(tc, clean_normalises_with_exact_map);
    tcase_add_test(tc, clean_char_offsets);
    tcase_add_test(tc, clean_lines_and_paragraphs);
    tcase_add_test(tc, clean_find_matches_reference);
    tcase_add_test(tc, clean_normalise_ascii_matches_reference);
    tcase_add_test(tc, lex_tokenize_matches_reference);
    tcase_add_test(tc, lex_class_any_case);
    tcase_add_test(tc, boilerplate_reasons);
    tcase_add_test(tc, boilerplate_credit_running_into_caption);
    tcase_add_test(tc, boilerplate_credit_label);
    tcase_add_test(tc, boilerplate_keeps_lede_continuation);
    tcase_add_test(tc, attribution_patterns);
    tcase_add_test(tc, split_compound_claims);
    tcase_add_test(tc, classify_modality_and_type);
    tcase_add_test(tc, extract_offsets_are_exact);
    tcase_add_test(tc, extract_seedlike_duplicates);
    tcase_add_test(tc, extract_clause_speaker);
    tcase_add_test(tc, extract_quote_speaker_at_close);
    tcase_add_test(tc, extract_repeated_title);
    tcase_add_test(tc, extract_is_deterministic);
    suite_add_tcase(s, tc);
    tcase_set_timeout(rb, 120);
    tcase_add_test(rb, extract_rejects_bad_input);
    tcase_add_test(rb, extract_punctuation_only);
    tcase_add_test(rb, extract_nested_quotes);
    tcase_add_test(rb, extract_huge_line);
    tcase_add_test(rb, extract_many_pointing_verbs);
    tcase_add_test(rb, extract_many_speakers);
    suite_add_tcase(s, rb);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(suite());
}
