/*
 * Shared helpers for the Check suites.
 */
#ifndef CDK_TESTS_SUPPORT_TESTUTIL_H
#define CDK_TESTS_SUPPORT_TESTUTIL_H

#include <check.h>
#include <stddef.h>

/*
 * Check writes the place of every assertion that passes to a file, one
 * write(2) each, so that a test that crashes can name the last one it
 * reached. The generated-case tests make tens of millions of assertions
 * and spent most of their time in those writes (minutes under ASan). In
 * the suites an assertion calls Check only when it fails; a crash is
 * still reported, with its stack, by the sanitizer build.
 */
#undef _mark_point
#define _mark_point(file, line) ((void)0)

/*
 * Path of a file under ../shared/data (CLAIMDESK_SHARED), or NULL when
 * the shared data is absent; the caller frees it.
 */
char *cdk_test_shared_path(const char *rel);

/* Path of a file under the source tree (CLAIMDESK_SOURCE_DIR); free it. */
char *cdk_test_source_path(const char *rel);

/*
 * The article files of a directory under ../shared (rel as for
 * cdk_test_shared_path), sorted by name, without dot files, ORIGIN.md or
 * READMEs: a malloc'd array of *n malloc'd paths (free each and the
 * array), or NULL when the shared data is absent. Fails the running
 * test when the directory cannot be opened.
 */
char **cdk_test_list_dir(const char *rel, size_t *n);

/*
 * Call fn on the text of every article of both corpora (news-bbc's five
 * sections, then news-noisy), in name order: name is the file's path,
 * text[0..len) its NUL-terminated contents, freed after fn returns. The
 * number of articles; 0 when the shared data is absent.
 */
typedef void (*cdk_test_text_fn)(const char *name, const char *text,
                                 size_t len, void *arg);
size_t cdk_test_each_article(cdk_test_text_fn fn, void *arg);

/* UTF-8 characters in s[0..b), one byte at a time: the plain reference
 * for the extractor's character index. */
size_t cdk_test_chars_before(const char *s, size_t b);

/* Read a whole file (NUL-terminated; *len gets its size); NULL on error. */
char *cdk_test_read_file(const char *path, size_t *len);

/*
 * Where needle[0..nlen) first occurs in hay[0..hlen), ASCII letters
 * compared without case; (size_t)-1 when it does not. A plain reference
 * scan, independent of the extractor's own search (cdk_clean_find).
 */
size_t cdk_test_ci_find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen);

/*
 * Write data[0..len) to a fresh file /tmp/cdk-test-PID-XXXXXX<suffix>;
 * returns its path (free it). Fails the running test when it cannot.
 */
char *cdk_test_temp_file(const char *suffix, const char *data, size_t len);

/*
 * Run a Check suite and return the process exit status ctest expects:
 * 0 all passed, 1 any failed.
 */
struct Suite;
int cdk_test_run_suite(struct Suite *s);

#endif
