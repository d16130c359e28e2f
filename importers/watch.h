/*
 * The watched drop folder: import each file that lands in DIR once it is
 * completely written, then move it to DIR/done/ (after its transaction
 * committed) or to DIR/failed/ with NAME.error beside it.
 *
 * Files present at start are taken first, in sorted order; then inotify
 * reports files closed after writing (IN_CLOSE_WRITE) or moved in
 * (IN_MOVED_TO). Dot files, names ending in ~, .tmp, .part or .swp, and
 * anything that is not a regular file are ignored, so writers may write
 * under such a name and rename when done.
 *
 * Several watchers may share a folder, on one host or several sharing a
 * file system with working flock(2): a watcher takes an exclusive,
 * non-blocking lock on a file before importing it and, once locked,
 * checks that the name still refers to the same file; a file is moved
 * while its lock is held. So no file is imported twice by two watchers,
 * and a crash between commit and move only means the file is imported
 * again later and reported as a duplicate (the content hash stops it).
 */
#ifndef CDK_IMPORTERS_WATCH_H
#define CDK_IMPORTERS_WATCH_H

#include <signal.h>

#include "core/error.h"

enum cdk_watch_outcome {
    CDK_WATCH_DONE = 0, /* stored or duplicate: move to done/ */
    CDK_WATCH_FAILED,   /* bad input: move to failed/ with the error */
    CDK_WATCH_RETRY,    /* database unavailable: keep it, retry later */
};

/*
 * Import one file. Fill `err` for FAILED (its message goes into the
 * .error file) and RETRY (reported through on_event).
 */
typedef enum cdk_watch_outcome (*cdk_watch_import_fn)(const char *path,
                                                      void *arg,
                                                      struct cdk_error *err);

enum cdk_watch_event {
    CDK_WATCH_EV_START,   /* watching: path is the folder */
    CDK_WATCH_EV_DONE,    /* path moved to done/ */
    CDK_WATCH_EV_FAILED,  /* path moved to failed/; err says why */
    CDK_WATCH_EV_WAITING, /* database unavailable; err says why; retrying */
    CDK_WATCH_EV_SKIPPED, /* path taken by another watcher */
};

/* Told what happens, for the CLI to print; may be NULL. */
typedef void (*cdk_watch_event_fn)(enum cdk_watch_event ev, const char *path,
                                   const struct cdk_error *err,
                                   unsigned retry_ms, void *arg);

struct cdk_watch_opts {
    const char *dir;
    /* Set (by a signal handler) to stop: the file in hand finishes first. */
    volatile sig_atomic_t *stop;
    unsigned initial_backoff_ms; /* default 250 */
    unsigned max_backoff_ms;     /* default 30000 */
    /* Stop once the folder has been empty for this long (0: never). */
    unsigned idle_exit_ms;
};

/*
 * Watch o->dir until *o->stop is set (or idle_exit_ms passes with nothing
 * to do), calling import_fn for each file. Creates DIR/done and
 * DIR/failed. Returns 0 when stopped; -1 and err when the folder cannot
 * be watched or a file cannot be moved (CDK_ERR_FAILURE/PERMISSION).
 */
int cdk_watch_run(const struct cdk_watch_opts *o, cdk_watch_import_fn import_fn,
                  cdk_watch_event_fn on_event, void *arg,
                  struct cdk_error *err);

/* True when a directory entry name is one the watcher ignores. */
int cdk_watch_ignored_name(const char *name);

#endif
