/*
 * The watched drop folder (see watch.h for the protocol). One loop: a
 * queue of names to try, filled by the initial scan and by inotify; each
 * name is locked, checked, imported, moved. inotify is set up before the
 * initial scan so that nothing arriving in between is missed; a queue
 * overflow triggers a rescan.
 */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/mem.h"

struct name_queue {
    char **v;
    size_t n, alloc, head;
};

static int
ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
cdk_watch_ignored_name(const char *name)
{
    return name[0] == '.' || ends_with(name, "~") || ends_with(name, ".tmp") ||
           ends_with(name, ".part") || ends_with(name, ".swp") ||
           strcmp(name, "done") == 0 || strcmp(name, "failed") == 0;
}

static void
queue_push(struct name_queue *q, const char *name)
{
    size_t i;

    for (i = q->head; i < q->n; i++)
        if (strcmp(q->v[i], name) == 0)
            return;
    if (q->head > 0 && q->head == q->n) {
        q->head = q->n = 0;
    }
    CDK_ALLOC_GROW(q->v, q->n + 1, q->alloc);
    q->v[q->n++] = cdk_xstrdup(name);
}

static char *
queue_pop(struct name_queue *q)
{
    if (q->head == q->n)
        return NULL;
    return q->v[q->head++];
}

static void
queue_release(struct name_queue *q)
{
    size_t i;

    for (i = q->head; i < q->n; i++)
        free(q->v[i]);
    free(q->v);
    memset(q, 0, sizeof(*q));
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queue every candidate file in the folder, in sorted order. */
static int
scan(const char *dir, struct name_queue *q, struct cdk_error *err)
{
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, alloc = 0, i;
    DIR *d = opendir(dir);

    if (!d)
        return cdk_error_set(err, errno == EACCES ? CDK_ERR_PERMISSION
                                                  : CDK_ERR_FAILURE,
                             "could not read folder '%s': %s", dir,
                             strerror(errno));
    while ((de = readdir(d)) != NULL) {
        if (cdk_watch_ignored_name(de->d_name))
            continue;
        CDK_ALLOC_GROW(names, n + 1, alloc);
        names[n++] = cdk_xstrdup(de->d_name);
    }
    closedir(d);
    /* qsort(NULL, 0, ...) is undefined (UBSan stops on it): empty folder. */
    if (n > 1)
        qsort(names, n, sizeof(*names), cmp_str);
    for (i = 0; i < n; i++) {
        queue_push(q, names[i]);
        free(names[i]);
    }
    free(names);
    return 0;
}

static int
ensure_dir(const char *path, struct cdk_error *err)
{
    struct stat st;

    if (mkdir(path, 0775) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    return cdk_error_set(err, errno == EACCES ? CDK_ERR_PERMISSION
                                              : CDK_ERR_FAILURE,
                         "could not create folder '%s': %s", path,
                         errno == EEXIST ? "a file is in the way"
                                         : strerror(errno));
}

/*
 * Move dir/name into dir/sub/, never replacing a file already there
 * (NAME, NAME.1, NAME.2, ...). The final path goes to *dest.
 */
static int
move_into(const char *dir, const char *name, const char *sub,
          struct cdk_buf *dest, struct cdk_error *err)
{
    struct cdk_buf from = CDK_BUF_INIT;
    int i, r = -1;

    cdk_buf_addf(&from, "%s/%s", dir, name);
    for (i = 0; i < 10000; i++) {
        cdk_buf_reset(dest);
        cdk_buf_addf(dest, "%s/%s/%s", dir, sub, name);
        if (i)
            cdk_buf_addf(dest, ".%d", i);
        if (renameat2(AT_FDCWD, from.buf, AT_FDCWD, dest->buf,
                      RENAME_NOREPLACE) == 0) {
            r = 0;
            break;
        }
        if (errno == EINVAL || errno == ENOSYS) {
            /* File system without RENAME_NOREPLACE: link + unlink. */
            if (link(from.buf, dest->buf) == 0) {
                unlink(from.buf);
                r = 0;
                break;
            }
        }
        if (errno != EEXIST) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "could not move '%s' to '%s': %s", from.buf,
                          dest->buf, strerror(errno));
            break;
        }
    }
    if (i == 10000)
        cdk_error_set(err, CDK_ERR_FAILURE, "could not move '%s': too many "
                      "files of that name in '%s/%s'", from.buf, dir, sub);
    cdk_buf_release(&from);
    return r;
}

static int
write_error_file(const char *failed_path, const struct cdk_error *why,
                 struct cdk_error *err)
{
    struct cdk_buf path = CDK_BUF_INIT, text = CDK_BUF_INIT;
    int fd, r = 0;

    cdk_buf_addf(&path, "%s.error", failed_path);
    if (why->file[0] && why->line > 0)
        cdk_buf_addf(&text, "%s:%ld: ", why->file, why->line);
    cdk_buf_addf(&text, "%s\n", why->message);
    if (why->detail[0])
        cdk_buf_addf(&text, "detail: %s\n", why->detail);
    if (why->hint[0])
        cdk_buf_addf(&text, "hint: %s\n", why->hint);
    fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0664);
    if (fd < 0 || write(fd, text.buf, text.len) != (ssize_t)text.len ||
        fsync(fd) != 0)
        r = cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s",
                          path.buf, strerror(errno));
    if (fd >= 0)
        close(fd);
    cdk_buf_release(&path);
    cdk_buf_release(&text);
    return r;
}

static void
sleep_ms(unsigned ms, volatile sig_atomic_t *stop)
{
    struct timespec ts;

    /* Sleep in slices so that a stop request is honoured promptly. */
    while (ms > 0 && !(stop && *stop)) {
        unsigned slice = ms > 100 ? 100 : ms;
        ts.tv_sec = 0;
        ts.tv_nsec = (long)slice * 1000000L;
        nanosleep(&ts, NULL);
        ms -= slice;
    }
}

static void
notify(cdk_watch_event_fn on_event, enum cdk_watch_event ev, const char *path,
       const struct cdk_error *e, unsigned retry_ms, void *arg)
{
    if (on_event)
        on_event(ev, path, e, retry_ms, arg);
}

/*
 * Take one file: lock it, import it (retrying while the database is away),
 * move it. Returns 0, or -1 when it could not be moved (fatal).
 */
static int
take_file(const struct cdk_watch_opts *o, const char *name,
          cdk_watch_import_fn import_fn, cdk_watch_event_fn on_event,
          void *arg, struct cdk_error *err)
{
    struct cdk_buf path = CDK_BUF_INIT, dest = CDK_BUF_INIT;
    struct cdk_error why = CDK_ERROR_INIT;
    struct stat st_fd, st_path;
    enum cdk_watch_outcome outcome;
    unsigned backoff = o->initial_backoff_ms ? o->initial_backoff_ms : 250;
    unsigned max_backoff = o->max_backoff_ms ? o->max_backoff_ms : 30000;
    int fd, r = 0;

    cdk_buf_addf(&path, "%s/%s", o->dir, name);
    fd = open(path.buf, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        goto out; /* gone: another watcher took it, or never complete */
    if (fstat(fd, &st_fd) != 0 || !S_ISREG(st_fd.st_mode))
        goto out;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        notify(on_event, CDK_WATCH_EV_SKIPPED, path.buf, NULL, 0, arg);
        goto out;
    }
    /* Locked: is the name still this file, or was it moved meanwhile? */
    if (stat(path.buf, &st_path) != 0 || st_path.st_ino != st_fd.st_ino ||
        st_path.st_dev != st_fd.st_dev)
        goto out;

    for (;;) {
        cdk_error_clear(&why);
        outcome = import_fn(path.buf, arg, &why);
        if (outcome != CDK_WATCH_RETRY)
            break;
        notify(on_event, CDK_WATCH_EV_WAITING, path.buf, &why, backoff, arg);
        sleep_ms(backoff, o->stop);
        if (o->stop && *o->stop)
            goto out; /* the file stays where it was, untouched */
        backoff = backoff * 2 > max_backoff ? max_backoff : backoff * 2;
    }
    if (outcome == CDK_WATCH_DONE) {
        r = move_into(o->dir, name, "done", &dest, err);
        if (r == 0)
            notify(on_event, CDK_WATCH_EV_DONE, dest.buf, NULL, 0, arg);
    } else {
        r = move_into(o->dir, name, "failed", &dest, err);
        if (r == 0)
            r = write_error_file(dest.buf, &why, err);
        if (r == 0)
            notify(on_event, CDK_WATCH_EV_FAILED, dest.buf, &why, 0, arg);
    }
out:
    if (fd >= 0)
        close(fd); /* releases the lock, after the move */
    cdk_buf_release(&path);
    cdk_buf_release(&dest);
    return r;
}

/* Read inotify events into the queue; 1 when the queue overflowed. */
static int
drain_events(int ifd, struct name_queue *q)
{
    char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
    int overflow = 0;
    ssize_t n;

    while ((n = read(ifd, buf, sizeof(buf))) > 0) {
        char *p = buf;
        while (p < buf + n) {
            struct inotify_event *ev = (struct inotify_event *)(void *)p;
            if (ev->mask & IN_Q_OVERFLOW)
                overflow = 1;
            else if (ev->len && !(ev->mask & IN_ISDIR) &&
                     !cdk_watch_ignored_name(ev->name))
                queue_push(q, ev->name);
            p += sizeof(*ev) + ev->len;
        }
    }
    return overflow;
}

int
cdk_watch_run(const struct cdk_watch_opts *o, cdk_watch_import_fn import_fn,
              cdk_watch_event_fn on_event, void *arg, struct cdk_error *err)
{
    struct name_queue q = {0};
    struct cdk_buf sub = CDK_BUF_INIT;
    struct stat st;
    double idle_since;
    char *name;
    int ifd = -1, r = -1;

    if (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cdk_error_set(err, CDK_ERR_INPUT, "cannot watch '%s': %s", o->dir,
                      errno && stat(o->dir, &st) != 0 ? strerror(errno)
                                                      : "not a folder");
        goto out;
    }
    cdk_buf_addf(&sub, "%s/done", o->dir);
    if (ensure_dir(sub.buf, err))
        goto out;
    cdk_buf_reset(&sub);
    cdk_buf_addf(&sub, "%s/failed", o->dir);
    if (ensure_dir(sub.buf, err))
        goto out;

    ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (ifd < 0 ||
        inotify_add_watch(ifd, o->dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "cannot watch '%s': %s", o->dir,
                      strerror(errno));
        goto out;
    }
    if (scan(o->dir, &q, err))
        goto out;
    notify(on_event, CDK_WATCH_EV_START, o->dir, NULL, 0, arg);

    idle_since = cdk_clock_monotonic();
    while (!(o->stop && *o->stop)) {
        struct pollfd pfd = {.fd = ifd, .events = POLLIN};

        if (drain_events(ifd, &q) && scan(o->dir, &q, err))
            goto out;
        name = queue_pop(&q);
        if (name) {
            int failed = take_file(o, name, import_fn, on_event, arg, err);
            free(name);
            if (failed)
                goto out;
            idle_since = cdk_clock_monotonic();
            continue;
        }
        if (o->idle_exit_ms && (cdk_clock_monotonic() - idle_since) * 1000 >= o->idle_exit_ms)
            break;
        if (poll(&pfd, 1, 200) < 0 && errno != EINTR) {
            cdk_error_set(err, CDK_ERR_FAILURE, "cannot watch '%s': %s",
                          o->dir, strerror(errno));
            goto out;
        }
    }
    r = 0;
out:
    if (ifd >= 0)
        close(ifd);
    queue_release(&q);
    cdk_buf_release(&sub);
    return r;
}
