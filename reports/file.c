/*
 * Report files written atomically (report.h): a temporary file in the
 * same directory (so rename stays within one file system), fsync'ed, then
 * renamed over the target. The temporary file gets the mode a plain
 * fopen would have given (0666 less the umask), not mkstemp's 0600.
 *
 * A target that exists and is not a regular file (a device such as
 * /dev/stdout or /dev/full, a FIFO) cannot be replaced: it is written
 * directly, and its write errors still fail the commit.
 */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/mem.h"

int
cdk_report_file_open(struct cdk_report_file *f, const char *path,
                     struct cdk_error *err)
{
    struct cdk_buf tmp = CDK_BUF_INIT;
    const char *slash = strrchr(path, '/');
    struct stat st;
    mode_t mask;
    int fd;

    memset(f, 0, sizeof(*f));
    if (!*path || (slash && !slash[1]))
        return cdk_error_set(err, CDK_ERR_USAGE, "'%s' is not a file name",
                             path);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return cdk_error_set(err, CDK_ERR_USAGE, "'%s' is a directory", path);
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        f->fp = fopen(path, "w");
        if (!f->fp)
            return cdk_error_set(err, CDK_ERR_FAILURE,
                                 "could not open '%s': %s", path,
                                 strerror(errno));
        f->path = cdk_xstrdup(path);
        return 0;
    }
    if (slash)
        cdk_buf_add(&tmp, path, (size_t)(slash - path + 1));
    cdk_buf_addf(&tmp, ".%s.tmp.XXXXXX", slash ? slash + 1 : path);
    fd = mkstemp(tmp.buf);
    if (fd < 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not create '%s': %s", path,
                      strerror(errno));
        cdk_buf_release(&tmp);
        return -1;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) < 0 || !(f->fp = fdopen(fd, "w"))) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not create '%s': %s", path,
                      strerror(errno));
        close(fd);
        unlink(tmp.buf);
        cdk_buf_release(&tmp);
        return -1;
    }
    f->path = cdk_xstrdup(path);
    f->tmp = cdk_buf_detach(&tmp, NULL);
    return 0;
}

int
cdk_report_file_commit(struct cdk_report_file *f, struct cdk_error *err)
{
    int failed = 0, saved;

    if (!f->fp)
        return cdk_error_set(err, CDK_ERR_FAILURE, "'%s' is not open",
                             f->path ? f->path : "");
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) ||
        (f->tmp && fsync(fileno(f->fp)) < 0))
        failed = 1;
    saved = errno;
    if (fclose(f->fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    f->fp = NULL;
    if (!failed && f->tmp && rename(f->tmp, f->path) < 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not write '%s': %s", f->path,
                      saved ? strerror(saved) : "write error");
        cdk_report_file_abort(f);
        return -1;
    }
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
    return 0;
}

void
cdk_report_file_abort(struct cdk_report_file *f)
{
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
    if (f->tmp)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    f->tmp = f->path = NULL;
}
