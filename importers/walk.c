/*
 * Expanding command-line paths into the list of files to read:
 * directories are walked depth-first, each directory's entries sorted
 * byte-wise (strcmp), so an import of a tree always runs in the same
 * order. Directory loops through symbolic links are cut by remembering
 * the (device, inode) of the directories on the current path.
 */
#include "importers/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/mem.h"

#define WALK_MAX_DEPTH 128

struct walk {
    const char *glob;
    bool glob_has_slash;
    struct cdk_file_list *out;
    cdk_read_bad_fn on_bad;
    void *arg;
    struct cdk_error *err;
    dev_t devs[WALK_MAX_DEPTH];
    ino_t inos[WALK_MAX_DEPTH];
    size_t depth;
};

void
cdk_file_list_release(struct cdk_file_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    l->paths = NULL;
    l->n = l->alloc = 0;
}

static void
list_add(struct cdk_file_list *l, const char *path)
{
    CDK_ALLOC_GROW(l->paths, l->n + 1, l->alloc);
    l->paths[l->n++] = cdk_xstrdup(path);
}

__attribute__((format(printf, 3, 4))) static int
walk_bad(struct walk *w, const char *path, const char *fmt, ...)
{
    struct cdk_error e = CDK_ERROR_INIT;
    va_list ap;

    e.code = CDK_ERR_INPUT;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof(e.message), fmt, ap);
    va_end(ap);
    cdk_error_at(&e, path, 0);
    if (w->on_bad && w->on_bad(&e, w->arg) == 0)
        return 0;
    cdk_error_copy(w->err, &e);
    return -1;
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
wanted(const struct walk *w, const char *name, const char *rel)
{
    if (!w->glob)
        return true;
    if (w->glob_has_slash)
        return fnmatch(w->glob, rel, FNM_PATHNAME) == 0;
    return fnmatch(w->glob, name, 0) == 0;
}

/* Walk directory `dir` (rel: its path below the top, "" at the top). */
static int
walk_dir(struct walk *w, const char *dir, const char *rel,
         const struct stat *dst)
{
    DIR *d;
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, alloc = 0, i;
    int rc = 0;

    for (i = 0; i < w->depth; i++)
        if (w->devs[i] == dst->st_dev && w->inos[i] == dst->st_ino)
            return 0; /* a symlink loop: seen on this path already */
    if (w->depth >= WALK_MAX_DEPTH)
        return walk_bad(w, dir, "directories nested deeper than %d levels",
                        WALK_MAX_DEPTH);
    d = opendir(dir);
    if (!d)
        return walk_bad(w, dir, "could not list the directory: %s",
                        strerror(errno));
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        CDK_ALLOC_GROW(names, n + 1, alloc);
        names[n++] = cdk_xstrdup(de->d_name);
    }
    closedir(d);
    if (n > 1) /* names is NULL for an empty directory */
        qsort(names, n, sizeof(*names), cmp_names);
    w->devs[w->depth] = dst->st_dev;
    w->inos[w->depth] = dst->st_ino;
    w->depth++;
    for (i = 0; i < n && rc == 0; i++) {
        struct cdk_buf path = CDK_BUF_INIT, sub = CDK_BUF_INIT;
        struct stat st;

        cdk_buf_addf(&path, "%s%s%s", dir,
                     dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
        cdk_buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        if (stat(path.buf, &st) != 0)
            rc = walk_bad(w, path.buf, "could not open: %s", strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = walk_dir(w, path.buf, sub.buf, &st);
        else if (S_ISREG(st.st_mode) && wanted(w, names[i], sub.buf))
            list_add(w->out, path.buf);
        cdk_buf_release(&path);
        cdk_buf_release(&sub);
    }
    w->depth--;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int
cdk_walk_paths(const char *const *paths, size_t npaths,
               const char *include_glob, struct cdk_file_list *out,
               cdk_read_bad_fn on_bad, void *arg, struct cdk_error *err)
{
    struct walk *w = cdk_xcalloc(1, sizeof(*w));
    size_t i;
    int rc = 0;

    w->glob = include_glob;
    w->glob_has_slash = include_glob && strchr(include_glob, '/');
    w->out = out;
    w->on_bad = on_bad;
    w->arg = arg;
    w->err = err;
    for (i = 0; i < npaths && rc == 0; i++) {
        struct stat st;

        if (strcmp(paths[i], "-") == 0)
            list_add(out, paths[i]);
        else if (stat(paths[i], &st) != 0)
            rc = walk_bad(w, paths[i], "could not open: %s", strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = walk_dir(w, paths[i], "", &st);
        else
            list_add(out, paths[i]);
    }
    free(w);
    return rc;
}
