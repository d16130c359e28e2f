/*
 * The watched drop folder without a database: an import function that
 * judges files by their content drives done/, failed/ (with .error),
 * retry with backoff, files arriving while watching, ignored names and
 * two watchers sharing one folder.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "importers/watch.h"
#include "support/testutil.h"

struct counter {
    pthread_mutex_t mu;
    int imported;
    int retries_left;
    char seen[64][256];
    int nseen;
};

static enum cdk_watch_outcome
judge(const char *path, void *arg, struct cdk_error *err)
{
    struct counter *c = arg;
    size_t len;
    char *text = cdk_test_read_file(path, &len);
    enum cdk_watch_outcome r = CDK_WATCH_DONE;

    usleep(20000); /* long enough for a second watcher to collide */
    pthread_mutex_lock(&c->mu);
    if (text && strstr(text, "retry") && c->retries_left > 0) {
        c->retries_left--;
        cdk_error_set(err, CDK_ERR_UNAVAILABLE, "database went away");
        r = CDK_WATCH_RETRY;
    } else if (!text || strstr(text, "bad")) {
        cdk_error_set(err, CDK_ERR_INPUT, "not an article");
        cdk_error_at(err, path, 3);
        r = CDK_WATCH_FAILED;
    } else {
        c->imported++;
        if (c->nseen < 64)
            snprintf(c->seen[c->nseen++], 256, "%s", strrchr(path, '/') + 1);
    }
    pthread_mutex_unlock(&c->mu);
    free(text);
    return r;
}

static char *
make_dir(void)
{
    char tmpl[] = "/tmp/cdk-watch-XXXXXX";
    char *d = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(d);
    return strdup(d);
}

static void
put(const char *dir, const char *name, const char *text)
{
    struct cdk_buf p = CDK_BUF_INIT;
    FILE *f;

    cdk_buf_addf(&p, "%s/%s", dir, name);
    f = fopen(p.buf, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    cdk_buf_release(&p);
}

static int
exists(const char *dir, const char *rel)
{
    struct cdk_buf p = CDK_BUF_INIT;
    struct stat st;
    int r;

    cdk_buf_addf(&p, "%s/%s", dir, rel);
    r = stat(p.buf, &st) == 0;
    cdk_buf_release(&p);
    return r;
}

static void
rm_rf(const char *dir)
{
    struct cdk_buf cmd = CDK_BUF_INIT;
    cdk_buf_addf(&cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd.buf), 0);
    cdk_buf_release(&cmd);
}

START_TEST(existing_files_go_to_done_and_failed)
{
    struct counter c = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_watch_opts o = {0};
    char *dir = make_dir();
    char *why;

    put(dir, "b.txt", "a good article");
    put(dir, "a.txt", "another good one");
    put(dir, "c.txt", "bad input");
    put(dir, ".hidden", "ignored");
    put(dir, "partial.txt.part", "being written");
    o.dir = dir;
    o.idle_exit_ms = 300;
    ck_assert_int_eq(cdk_watch_run(&o, judge, NULL, &c, &err), 0);
    ck_assert_int_eq(c.imported, 2);
    ck_assert_str_eq(c.seen[0], "a.txt"); /* sorted order */
    ck_assert_str_eq(c.seen[1], "b.txt");
    ck_assert(exists(dir, "done/a.txt") && exists(dir, "done/b.txt"));
    ck_assert(!exists(dir, "a.txt") && !exists(dir, "b.txt"));
    ck_assert(exists(dir, "failed/c.txt"));
    ck_assert(exists(dir, ".hidden") && exists(dir, "partial.txt.part"));
    {
        struct cdk_buf p = CDK_BUF_INIT;
        cdk_buf_addf(&p, "%s/failed/c.txt.error", dir);
        why = cdk_test_read_file(p.buf, NULL);
        cdk_buf_release(&p);
    }
    ck_assert_ptr_nonnull(why);
    ck_assert_ptr_nonnull(strstr(why, ":3: not an article"));
    free(why);
    rm_rf(dir);
    free(dir);
}
END_TEST

START_TEST(same_name_twice_is_not_overwritten)
{
    struct counter c = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct cdk_watch_opts o = {0};
    char *dir = make_dir();

    o.dir = dir;
    o.idle_exit_ms = 200;
    put(dir, "x.txt", "first");
    ck_assert_int_eq(cdk_watch_run(&o, judge, NULL, &c, NULL), 0);
    put(dir, "x.txt", "second");
    ck_assert_int_eq(cdk_watch_run(&o, judge, NULL, &c, NULL), 0);
    ck_assert(exists(dir, "done/x.txt") && exists(dir, "done/x.txt.1"));
    rm_rf(dir);
    free(dir);
}
END_TEST

START_TEST(retries_while_database_is_away)
{
    struct counter c = {.mu = PTHREAD_MUTEX_INITIALIZER, .retries_left = 3};
    struct cdk_watch_opts o = {0};
    char *dir = make_dir();

    put(dir, "r.txt", "retry me");
    o.dir = dir;
    o.idle_exit_ms = 200;
    o.initial_backoff_ms = 10;
    o.max_backoff_ms = 20;
    ck_assert_int_eq(cdk_watch_run(&o, judge, NULL, &c, NULL), 0);
    ck_assert_int_eq(c.retries_left, 0);
    ck_assert_int_eq(c.imported, 1);
    ck_assert(exists(dir, "done/r.txt"));
    rm_rf(dir);
    free(dir);
}
END_TEST

struct watcher_arg {
    struct cdk_watch_opts o;
    struct counter *c;
};

static void *
watcher(void *p)
{
    struct watcher_arg *w = p;
    cdk_watch_run(&w->o, judge, NULL, w->c, NULL);
    return NULL;
}

START_TEST(arrivals_and_two_watchers_import_each_file_once)
{
    struct counter c = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct watcher_arg w1 = {{0}, &c}, w2;
    pthread_t t1, t2;
    char *dir = make_dir();
    char name[32];
    int i;

    for (i = 0; i < 10; i++) {
        snprintf(name, sizeof(name), "early%02d.txt", i);
        put(dir, name, "an article");
    }
    w1.o.dir = dir;
    w1.o.idle_exit_ms = 1500;
    w2 = w1;
    pthread_create(&t1, NULL, watcher, &w1);
    pthread_create(&t2, NULL, watcher, &w2);
    usleep(100000);
    for (i = 0; i < 10; i++) {
        snprintf(name, sizeof(name), "late%02d.txt", i);
        put(dir, name, "an article");
        usleep(10000);
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    ck_assert_int_eq(c.imported, 20);
    for (i = 0; i < 10; i++) {
        snprintf(name, sizeof(name), "done/late%02d.txt", i);
        ck_assert(exists(dir, name));
        snprintf(name, sizeof(name), "done/late%02d.txt.1", i);
        ck_assert(!exists(dir, name));
    }
    rm_rf(dir);
    free(dir);
}
END_TEST

START_TEST(not_a_folder_is_bad_input)
{
    struct cdk_error err = CDK_ERROR_INIT;
    struct cdk_watch_opts o = {0};

    o.dir = "/nonexistent/claimdesk-watch";
    ck_assert_int_eq(cdk_watch_run(&o, judge, NULL, NULL, &err), -1);
    ck_assert_int_eq(err.code, CDK_ERR_INPUT);
}
END_TEST

static Suite *
watch_suite(void)
{
    Suite *s = suite_create("watch");
    TCase *tc = tcase_create("watch");

    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, existing_files_go_to_done_and_failed);
    tcase_add_test(tc, same_name_twice_is_not_overwritten);
    tcase_add_test(tc, retries_while_database_is_away);
    tcase_add_test(tc, arrivals_and_two_watchers_import_each_file_once);
    tcase_add_test(tc, not_a_folder_is_bad_input);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return cdk_test_run_suite(watch_suite());
}
