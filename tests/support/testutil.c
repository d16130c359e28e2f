/*
 * Helpers shared by the Check suites: locating data, reading files,
 * running a suite.
 */
#include "testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"

static char *
join(const char *dir, const char *rel)
{
    struct cdk_buf b = CDK_BUF_INIT;
    cdk_buf_addf(&b, "%s/%s", dir, rel);
    return cdk_buf_detach(&b, NULL);
}

char *
cdk_test_shared_path(const char *rel)
{
    const char *dir = getenv("CLAIMDESK_SHARED");
    struct stat st;
    char *p;

    if (!dir)
        dir = "../shared";
    p = join(dir, rel);
    if (stat(p, &st) != 0) {
        free(p);
        return NULL;
    }
    return p;
}

char *
cdk_test_source_path(const char *rel)
{
    const char *dir = getenv("CLAIMDESK_SOURCE_DIR");
    return join(dir ? dir : ".", rel);
}

char *
cdk_test_read_file(const char *path, size_t *len)
{
    struct cdk_buf b = CDK_BUF_INIT;
    char chunk[65536];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f)
        return NULL;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        cdk_buf_add(&b, chunk, n);
    fclose(f);
    return cdk_buf_detach(&b, len);
}

int
cdk_test_run_suite(struct Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}

size_t
cdk_test_ci_find(const char *hay, size_t hlen, const char *needle,
                 size_t nlen)
{
    size_t i, j;

    for (i = 0; i + nlen <= hlen; i++) {
        for (j = 0; j < nlen; j++) {
            unsigned char a = (unsigned char)hay[i + j];
            unsigned char b = (unsigned char)needle[j];
            if (a >= 'A' && a <= 'Z')
                a = (unsigned char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (unsigned char)(b + 32);
            if (a != b)
                break;
        }
        if (j == nlen)
            return i;
    }
    return (size_t)-1;
}

char *
cdk_test_temp_file(const char *suffix, const char *data, size_t len)
{
    struct cdk_buf p = CDK_BUF_INIT;
    FILE *f;
    int fd;

    cdk_buf_addf(&p, "/tmp/cdk-test-%ld-XXXXXX%s", (long)getpid(), suffix);
    fd = mkstemps(p.buf, (int)strlen(suffix));
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return cdk_buf_detach(&p, NULL);
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
cdk_test_list_dir(const char *rel, size_t *n)
{
    char *dir = cdk_test_shared_path(rel);
    DIR *d;
    struct dirent *e;
    char **v = NULL;
    size_t alloc = 0;

    *n = 0;
    if (!dir)
        return NULL;
    d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        struct cdk_buf p = CDK_BUF_INIT;
        if (e->d_name[0] == '.' || strcmp(e->d_name, "ORIGIN.md") == 0 ||
            strstr(e->d_name, "README") != NULL)
            continue;
        cdk_buf_addf(&p, "%s/%s", dir, e->d_name);
        CDK_ALLOC_GROW(v, *n + 1, alloc);
        v[(*n)++] = cdk_buf_detach(&p, NULL);
    }
    closedir(d);
    free(dir);
    qsort(v, *n, sizeof(*v), cmp_str);
    return v;
}

size_t
cdk_test_each_article(cdk_test_text_fn fn, void *arg)
{
    static const char *const dirs[] = {
        "data/news-bbc/bbc/business", "data/news-bbc/bbc/entertainment",
        "data/news-bbc/bbc/politics", "data/news-bbc/bbc/sport",
        "data/news-bbc/bbc/tech",     "data/news-noisy/articles",
    };
    size_t d, i, total = 0;

    for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        size_t n;
        char **files = cdk_test_list_dir(dirs[d], &n);
        for (i = 0; i < n; i++) {
            size_t len;
            char *data = cdk_test_read_file(files[i], &len);
            ck_assert_msg(data != NULL, "cannot read %s", files[i]);
            fn(files[i], data, len, arg);
            total++;
            free(data);
            free(files[i]);
        }
        free(files);
    }
    return total;
}

size_t
cdk_test_chars_before(const char *s, size_t b)
{
    size_t i, n = 0;

    for (i = 0; i < b; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}
