/*
 * The local cluster (see cluster.h): initdb, pg_ctl start/stop and the
 * checks that turn PostgreSQL's failure modes into clear errors.
 *
 * Authentication on the socket is "trust": the socket directory is mode
 * 0700 and owned by the server's OS user, so only that user and root can
 * reach the socket at all; the directory is the access control. TCP is
 * off (listen_addresses = ''), and host lines in pg_hba.conf say reject.
 *
 * Programs run in a forked child with stdout and stderr captured; as root
 * the child drops to the server user (setgid, initgroups, setuid) before
 * exec, and changes to "/" so nothing complains about an unreadable cwd.
 */
#include "cluster.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db.h"
#include "core/mem.h"

static const char sql_select_database[] =
    "SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1::name";

/* The OS identity the server runs as; uid == -1 means "the caller". */
struct server_user {
    bool drop;
    uid_t uid;
    gid_t gid;
    char name[64];
};

static void
path_join(struct cdk_buf *out, const char *dir, const char *name)
{
    cdk_buf_addf(out, "%s/%s", dir, name);
}

void
cdk_cluster_datadir(const char *home, struct cdk_buf *out)
{
    path_join(out, home, "data");
}

void
cdk_cluster_sockdir(const char *home, struct cdk_buf *out)
{
    path_join(out, home, "run");
}

void
cdk_cluster_logfile(const char *home, struct cdk_buf *out)
{
    path_join(out, home, "server.log");
}

int
cdk_cluster_home(struct cdk_buf *out, struct cdk_error *err)
{
    struct cdk_buf path = CDK_BUF_INIT;
    const char *env = getenv("CLAIMDESK_HOME");
    char resolved[PATH_MAX];

    if (env && *env) {
        if (env[0] != '/') {
            char cwd[PATH_MAX];
            if (!getcwd(cwd, sizeof(cwd)))
                return cdk_error_set(err, CDK_ERR_FAILURE,
                                     "CLAIMDESK_HOME '%s' is relative and "
                                     "the current directory is unknown",
                                     env);
            cdk_buf_addf(&path, "%s/", cwd);
        }
        cdk_buf_adds(&path, env);
    } else if (geteuid() == 0) {
        cdk_buf_adds(&path, "/var/lib/claimdesk");
    } else if ((env = getenv("XDG_DATA_HOME")) && *env == '/') {
        cdk_buf_addf(&path, "%s/claimdesk", env);
    } else {
        const char *home = getenv("HOME");
        struct passwd *pw;
        if (!home || !*home) {
            pw = getpwuid(geteuid());
            home = pw ? pw->pw_dir : NULL;
        }
        if (!home || !*home)
            return cdk_error_set(err, CDK_ERR_FAILURE,
                                 "cannot tell where the local cluster lives: "
                                 "HOME is not set");
        cdk_buf_addf(&path, "%s/.local/share/claimdesk", home);
    }
    if (realpath(path.buf, resolved))
        cdk_buf_adds(out, resolved);
    else
        cdk_buf_add(out, path.buf, path.len);
    cdk_buf_release(&path);
    return 0;
}

void
cdk_cluster_conninfo(const char *home, const char *dbname, struct cdk_buf *out)
{
    struct cdk_buf sock = CDK_BUF_INIT;

    cdk_cluster_sockdir(home, &sock);
    cdk_buf_adds(out, "host=");
    if (strpbrk(sock.buf, " '\\"))
        cdk_db_conninfo_quote(out, sock.buf);
    else
        cdk_buf_adds(out, sock.buf);
    cdk_buf_addf(out, " port=%d dbname=", CDK_CLUSTER_PORT);
    if (strpbrk(dbname, " '\\") || !*dbname)
        cdk_db_conninfo_quote(out, dbname);
    else
        cdk_buf_adds(out, dbname);
    cdk_buf_release(&sock);
}

static bool
is_executable(const char *dir, const char *prog)
{
    struct cdk_buf p = CDK_BUF_INIT;
    bool ok;

    path_join(&p, dir, prog);
    ok = access(p.buf, X_OK) == 0;
    cdk_buf_release(&p);
    return ok;
}

static bool
is_bindir(const char *dir)
{
    return is_executable(dir, "pg_ctl") && is_executable(dir, "initdb") &&
           is_executable(dir, "postgres");
}

/* Run a program and capture its output; see run_as() below. */
static int run_as(const struct server_user *u, const char *cwd,
                  char *const argv[], struct cdk_buf *output, int *status,
                  struct cdk_error *err);

int
cdk_cluster_bindir(struct cdk_buf *out, struct cdk_error *err)
{
    const char *env = getenv("CLAIMDESK_PG_BINDIR");
    const char *path = getenv("PATH");
    struct cdk_buf buf = CDK_BUF_INIT;
    int status = 0, best = -1;
    DIR *d;
    struct dirent *e;

    if (env && *env) {
        if (!is_bindir(env))
            return cdk_error_set(err, CDK_ERR_FAILURE,
                                 "CLAIMDESK_PG_BINDIR '%s' holds no pg_ctl, "
                                 "initdb and postgres",
                                 env);
        cdk_buf_adds(out, env);
        return 0;
    }
    /* pg_ctl on PATH (with initdb and postgres beside it). */
    while (path && *path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        cdk_buf_reset(&buf);
        cdk_buf_add(&buf, path, n);
        if (n > 0 && is_bindir(buf.buf)) {
            cdk_buf_add(out, buf.buf, buf.len);
            cdk_buf_release(&buf);
            return 0;
        }
        path = end ? end + 1 : NULL;
    }
    /* pg_config --bindir (Debian's libpq-dev ships it). */
    {
        char *argv[] = {(char *)"pg_config", (char *)"--bindir", NULL};
        cdk_buf_reset(&buf);
        if (run_as(NULL, NULL, argv, &buf, &status, NULL) == 0 && status == 0) {
            cdk_buf_trim(&buf);
            if (buf.len && is_bindir(buf.buf)) {
                cdk_buf_add(out, buf.buf, buf.len);
                cdk_buf_release(&buf);
                return 0;
            }
        }
    }
    /* The newest /usr/lib/postgresql/N/bin. */
    d = opendir("/usr/lib/postgresql");
    while (d && (e = readdir(d)) != NULL) {
        char *end;
        long v = strtol(e->d_name, &end, 10);
        if (end == e->d_name || *end || v <= best || v > 1000)
            continue;
        cdk_buf_reset(&buf);
        cdk_buf_addf(&buf, "/usr/lib/postgresql/%s/bin", e->d_name);
        if (is_bindir(buf.buf))
            best = (int)v;
    }
    if (d)
        closedir(d);
    cdk_buf_release(&buf);
    if (best >= 0) {
        cdk_buf_addf(out, "/usr/lib/postgresql/%d/bin", best);
        return 0;
    }
    cdk_error_set(err, CDK_ERR_FAILURE,
                  "PostgreSQL's server programs (pg_ctl, initdb, postgres) "
                  "were not found");
    cdk_error_detail(err, "looked on PATH, in 'pg_config --bindir' and in "
                          "/usr/lib/postgresql/*/bin");
    cdk_error_hint(err, "install them (scripts/bootstrap, or apt-get install "
                        "postgresql) or set CLAIMDESK_PG_BINDIR");
    return -1;
}

/*
 * Fork, drop to `u` when asked, exec argv[0] (searched on PATH when it
 * has no slash) with stdin from /dev/null and stdout+stderr into
 * `output`; *status gets the exit status (or 128+signal). Returns -1 only
 * when the program could not be run at all.
 */
static int
run_as(const struct server_user *u, const char *cwd, char *const argv[],
       struct cdk_buf *output, int *status, struct cdk_error *err)
{
    int fds[2];
    pid_t pid;
    char chunk[4096];
    ssize_t n;
    int ws;

    if (pipe(fds) < 0)
        return cdk_error_set(err, CDK_ERR_FAILURE, "pipe: %s", strerror(errno));
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return cdk_error_set(err, CDK_ERR_FAILURE, "fork: %s", strerror(errno));
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) {
            dup2(null, 0);
            close(null);
        }
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        if (u && u->drop) {
            if (setgid(u->gid) != 0 || initgroups(u->name, u->gid) != 0 ||
                setuid(u->uid) != 0) {
                fprintf(stderr, "could not switch to OS user '%s': %s\n",
                        u->name, strerror(errno));
                _exit(126);
            }
        }
        if (chdir(cwd ? cwd : "/") != 0 && chdir("/") != 0)
            _exit(126);
        umask(077);
        execvp(argv[0], argv);
        fprintf(stderr, "could not run '%s': %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    while ((n = read(fds[0], chunk, sizeof(chunk))) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (output)
            cdk_buf_add(output, chunk, (size_t)n);
    }
    close(fds[0]);
    while (waitpid(pid, &ws, 0) < 0) {
        if (errno != EINTR)
            return cdk_error_set(err, CDK_ERR_FAILURE, "waitpid: %s",
                                 strerror(errno));
    }
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    return 0;
}

/* Put the last `max` lines of `text` into the error's detail. */
static void
detail_tail(struct cdk_error *err, const char *text, int max)
{
    size_t len = strlen(text);
    int lines = 0;
    size_t i = len;

    while (i > 0 && (text[i - 1] == '\n' || text[i - 1] == ' '))
        i--;
    len = i;
    while (i > 0) {
        if (text[i - 1] == '\n' && ++lines >= max)
            break;
        i--;
    }
    if (err && len > i)
        cdk_error_detail(err, "%.*s", (int)(len - i), text + i);
}

static void
read_log_tail(const char *home, struct cdk_error *err)
{
    struct cdk_buf log = CDK_BUF_INIT, text = CDK_BUF_INIT;
    char chunk[8192];
    size_t n;
    FILE *f;

    cdk_cluster_logfile(home, &log);
    f = fopen(log.buf, "r");
    if (f) {
        if (fseek(f, -16384, SEEK_END) != 0)
            rewind(f);
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            cdk_buf_add(&text, chunk, n);
        fclose(f);
        detail_tail(err, text.buf, 6);
    }
    cdk_buf_release(&log);
    cdk_buf_release(&text);
}

/* The major version in PG_VERSION of `datadir`, or 0. */
static long
data_version(const char *datadir)
{
    struct cdk_buf p = CDK_BUF_INIT;
    char line[32] = "";
    FILE *f;

    path_join(&p, datadir, "PG_VERSION");
    f = fopen(p.buf, "r");
    cdk_buf_release(&p);
    if (!f)
        return 0;
    if (!fgets(line, sizeof(line), f))
        line[0] = '\0';
    fclose(f);
    return strtol(line, NULL, 10);
}

/* The major version of the programs in `bindir` (pg_ctl --version), or 0. */
static long
bindir_version(const char *bindir)
{
    struct cdk_buf prog = CDK_BUF_INIT, out = CDK_BUF_INIT;
    char *argv[3];
    const char *p;
    int status = 0;
    long v = 0;

    path_join(&prog, bindir, "pg_ctl");
    argv[0] = prog.buf;
    argv[1] = (char *)"--version";
    argv[2] = NULL;
    /* "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" */
    if (run_as(NULL, NULL, argv, &out, &status, NULL) == 0 && status == 0 &&
        (p = strstr(out.buf, ") ")) != NULL)
        v = strtol(p + 2, NULL, 10);
    cdk_buf_release(&prog);
    cdk_buf_release(&out);
    return v;
}

/*
 * The server programs for the cluster in `datadir`: those of its own
 * major version when Debian has them side by side (after an upgrade
 * installed a newer one), else cdk_cluster_bindir; an existing cluster of
 * another major version than the programs is a clear error.
 */
static int
cluster_bindir(const char *datadir, struct cdk_buf *out, struct cdk_error *err)
{
    long have = data_version(datadir), bin;
    const char *env = getenv("CLAIMDESK_PG_BINDIR");
    char dir[64];

    if (have > 0 && !(env && *env)) {
        snprintf(dir, sizeof(dir), "/usr/lib/postgresql/%ld/bin", have);
        if (is_bindir(dir)) {
            cdk_buf_adds(out, dir);
            return 0;
        }
    }
    if (cdk_cluster_bindir(out, err) < 0)
        return -1;
    bin = bindir_version(out->buf);
    if (have > 0 && bin > 0 && bin != have) {
        cdk_error_set(err, CDK_ERR_FAILURE,
                      "the cluster in '%s' was made by PostgreSQL %ld, but "
                      "the server programs in '%s' are version %ld",
                      datadir, have, out->buf, bin);
        cdk_error_hint(err,
                       "install PostgreSQL %ld's server and set "
                       "CLAIMDESK_PG_BINDIR to its bin directory, or "
                       "upgrade the cluster with pg_upgrade",
                       have);
        return -1;
    }
    return 0;
}

/* Who runs the server: the caller, or (as root) the unprivileged user. */
static int
server_user(struct server_user *u, struct cdk_error *err)
{
    const char *name = getenv("CLAIMDESK_SERVER_USER");
    struct passwd *pw;
    struct cdk_buf out = CDK_BUF_INIT;
    int status;

    memset(u, 0, sizeof(*u));
    if (geteuid() != 0) {
        u->uid = geteuid();
        u->gid = getegid();
        return 0;
    }
    if (!name || !*name)
        name = CDK_CLUSTER_OS_USER;
    if (strlen(name) >= sizeof(u->name))
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "OS user name '%s' is too long", name);
    pw = getpwnam(name);
    if (!pw) {
        /* CI containers often leave /usr/sbin off root's PATH. */
        char *argv[] = {access("/usr/sbin/useradd", X_OK) == 0
                            ? (char *)"/usr/sbin/useradd"
                            : (char *)"useradd",
                        (char *)"--system",
                        (char *)"--user-group",
                        (char *)"--no-create-home",
                        (char *)"--home-dir",
                        (char *)"/nonexistent",
                        (char *)"--shell",
                        (char *)"/usr/sbin/nologin",
                        (char *)"--comment",
                        (char *)"claimdesk database server",
                        (char *)name,
                        NULL};
        if (run_as(NULL, NULL, argv, &out, &status, err) < 0)
            goto fail;
        pw = getpwnam(name);
        /* Exit 9: another start created it meanwhile. */
        if (!pw) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "could not create the OS user '%s' the server runs "
                          "as (root may not run PostgreSQL)",
                          name);
            detail_tail(err, out.buf, 4);
            cdk_error_hint(err,
                           "create it with 'useradd --system %s', or "
                           "set CLAIMDESK_SERVER_USER to an existing "
                           "unprivileged user",
                           name);
            goto fail;
        }
    }
    if (pw->pw_uid == 0) {
        cdk_error_set(err, CDK_ERR_USAGE,
                      "OS user '%s' is root; PostgreSQL refuses to run as "
                      "root",
                      name);
        goto fail;
    }
    u->drop = true;
    u->uid = pw->pw_uid;
    u->gid = pw->pw_gid;
    memcpy(u->name, name, strlen(name) + 1);
    cdk_buf_release(&out);
    return 0;
fail:
    cdk_buf_release(&out);
    return -1;
}

/* mkdir `path` (mode 0700) unless it exists; chown to the server user. */
static int
make_dir(const char *path, const struct server_user *u, bool chown_existing,
         struct cdk_error *err)
{
    struct stat st;
    bool created = false;

    if (mkdir(path, 0700) == 0)
        created = true;
    else if (errno != EEXIST)
        return cdk_error_set(
            err, errno == EACCES ? CDK_ERR_PERMISSION : CDK_ERR_FAILURE,
            "could not create directory '%s': %s", path, strerror(errno));
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return cdk_error_set(err, CDK_ERR_FAILURE, "'%s' is not a directory",
                             path);
    if (u->drop && (created || chown_existing) && st.st_uid != u->uid &&
        chown(path, u->uid, u->gid) != 0)
        return cdk_error_set(err, CDK_ERR_FAILURE,
                             "could not give '%s' to OS user '%s': %s", path,
                             u->name, strerror(errno));
    return 0;
}

/* mkdir -p for the home's parents, mode 0755 (like any data directory). */
static int
make_parents(const char *path, struct cdk_error *err)
{
    char *p = cdk_xstrdup(path), *s;

    for (s = p + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "could not create directory '%s': %s", p,
                          strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

/* Can the server user reach (search, read, write) `dir`? */
static int
check_reachable(const char *dir, const struct server_user *u,
                struct cdk_error *err)
{
    pid_t pid;
    int ws;

    if (!u->drop)
        return 0;
    pid = fork();
    if (pid < 0)
        return cdk_error_set(err, CDK_ERR_FAILURE, "fork: %s", strerror(errno));
    if (pid == 0) {
        if (setgid(u->gid) != 0 || initgroups(u->name, u->gid) != 0 ||
            setuid(u->uid) != 0)
            _exit(2);
        _exit(access(dir, R_OK | W_OK | X_OK) == 0 ? 0 : 1);
    }
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR)
            return cdk_error_set(err, CDK_ERR_FAILURE, "waitpid: %s",
                                 strerror(errno));
    if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0)
        return 0;
    cdk_error_set(err, CDK_ERR_PERMISSION,
                  "the server's OS user '%s' cannot reach '%s'", u->name, dir);
    cdk_error_detail(err,
                     "as root, claimdesk runs PostgreSQL as '%s', which "
                     "needs to search every directory above it",
                     u->name);
    cdk_error_hint(err, "set CLAIMDESK_HOME to a directory that user can "
                        "reach, such as /var/lib/claimdesk (the default for "
                        "root)");
    return -1;
}

/* Hold an exclusive lock on HOME/.lock; returns the fd or -1. */
static int
lock_home(const char *home, struct cdk_error *err)
{
    struct cdk_buf p = CDK_BUF_INIT;
    int fd;

    path_join(&p, home, ".lock");
    fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        cdk_error_set(err,
                      errno == EACCES ? CDK_ERR_PERMISSION : CDK_ERR_FAILURE,
                      "could not open '%s': %s", p.buf, strerror(errno));
        cdk_buf_release(&p);
        return -1;
    }
    cdk_buf_release(&p);
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return cdk_error_set(err, CDK_ERR_FAILURE,
                                 "could not lock '%s': %s", home,
                                 strerror(errno));
        }
    }
    return fd;
}

static bool
file_exists(const char *dir, const char *name)
{
    struct cdk_buf p = CDK_BUF_INIT;
    struct stat st;
    bool ok;

    path_join(&p, dir, name);
    ok = stat(p.buf, &st) == 0;
    cdk_buf_release(&p);
    return ok;
}

/* First line of a pid file as a number; 0 when absent or unreadable. */
static long
read_pid(const char *path)
{
    char line[64] = "";
    FILE *f = fopen(path, "r");
    char *end;
    long pid;

    if (!f)
        return 0;
    if (!fgets(line, sizeof(line), f))
        line[0] = '\0';
    fclose(f);
    pid = strtol(line, &end, 10);
    if (end == line || pid <= 0)
        return 0;
    return pid;
}

/* Is `pid` a live process whose program is postgres? */
static bool
is_live_postgres(long pid)
{
    char path[64], comm[64] = "";
    FILE *f;

    if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
        return false;
    snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
    f = fopen(path, "r");
    if (!f)
        return true; /* no /proc: trust kill() */
    if (!fgets(comm, sizeof(comm), f))
        comm[0] = '\0';
    fclose(f);
    return strncmp(comm, "postgres", 8) == 0 ||
           strncmp(comm, "postmaster", 10) == 0;
}

/*
 * Is `pid` the postmaster of `datadir`: a live postgres whose working
 * directory is that data directory (a postmaster chdirs there)? When /proc
 * does not tell (another user's process), a live postgres is trusted. This
 * keeps a pid file that names someone else's server (the pid reused by
 * another cluster) from being taken for ours, and `db stop` from
 * signalling it.
 */
static bool
is_our_postmaster(long pid, const char *datadir)
{
    char path[64], cwd[PATH_MAX], want[PATH_MAX];
    ssize_t n;

    if (!is_live_postgres(pid))
        return false;
    snprintf(path, sizeof(path), "/proc/%ld/cwd", pid);
    n = readlink(path, cwd, sizeof(cwd) - 1);
    if (n < 0 || !realpath(datadir, want))
        return true;
    cwd[n] = '\0';
    return strcmp(cwd, want) == 0;
}

/* Is something listening on the unix socket `path`? */
static bool
socket_listening(const char *path)
{
    struct sockaddr_un sa;
    int fd, rc;

    if (strlen(path) >= sizeof(sa.sun_path))
        return false;
    memset(&sa, 0, sizeof(sa));
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
    close(fd);
    return rc == 0;
}

static int
write_config(const char *datadir, const char *sockdir,
             const struct cdk_cluster_options *opts, struct cdk_error *err)
{
    struct cdk_buf p = CDK_BUF_INIT, conf = CDK_BUF_INIT;
    const char *s;
    FILE *f;
    int rc;

    cdk_buf_adds(&conf, "\n# Added by claimdesk: unix socket only, in a "
                        "directory only the server's\n# OS user (and root) "
                        "can enter; see db/cluster.c.\n"
                        "listen_addresses = ''\n"
                        "unix_socket_directories = '");
    for (s = sockdir; *s; s++) {
        if (*s == '\'')
            cdk_buf_addch(&conf, '\'');
        cdk_buf_addch(&conf, *s);
    }
    cdk_buf_addf(&conf,
                 "'\nunix_socket_permissions = 0700\nport = %d\n"
                 "logging_collector = off\n",
                 CDK_CLUSTER_PORT);
    if (opts->no_sync)
        cdk_buf_adds(&conf, "# A throwaway cluster (db start --no-sync): "
                            "a crash may lose data.\n"
                            "fsync = off\nfull_page_writes = off\n"
                            "synchronous_commit = off\n");
    path_join(&p, datadir, "postgresql.conf");
    f = fopen(p.buf, "a");
    if (!f) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not open '%s': %s", p.buf,
                      strerror(errno));
        rc = -1;
    } else {
        fwrite(conf.buf, 1, conf.len, f);
        rc = fclose(f) == 0 ? 0
                            : cdk_error_set(err, CDK_ERR_FAILURE,
                                            "could not write '%s': %s", p.buf,
                                            strerror(errno));
    }
    cdk_buf_release(&p);
    cdk_buf_release(&conf);
    return rc;
}

static int
run_initdb(const char *bindir, const char *home, const char *datadir,
           const char *sockdir, const struct server_user *u,
           const struct cdk_cluster_options *opts, struct cdk_error *err)
{
    struct cdk_buf prog = CDK_BUF_INIT, out = CDK_BUF_INIT;
    struct passwd *pw = getpwuid(geteuid());
    const char *super = pw ? pw->pw_name : "postgres";
    char *argv[16];
    int n = 0, status = 0, rc = -1;

    path_join(&prog, bindir, "initdb");
    argv[n++] = prog.buf;
    argv[n++] = (char *)"-D";
    argv[n++] = (char *)datadir;
    argv[n++] = (char *)"-U";
    argv[n++] = (char *)super;
    argv[n++] = (char *)"--auth-local=trust";
    argv[n++] = (char *)"--auth-host=reject";
    argv[n++] = (char *)"--encoding=UTF8";
    argv[n++] = (char *)"--locale=C";
    argv[n++] = (char *)"--no-instructions";
    if (opts->no_sync)
        argv[n++] = (char *)"--no-sync";
    argv[n] = NULL;
    if (run_as(u, home, argv, &out, &status, err) < 0)
        goto done;
    if (status != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "initdb failed for '%s' (exit %d)",
                      datadir, status);
        detail_tail(err, out.buf, 6);
        goto done;
    }
    rc = write_config(datadir, sockdir, opts, err);
done:
    cdk_buf_release(&prog);
    cdk_buf_release(&out);
    return rc;
}

static int
run_pg_ctl(const char *bindir, const char *home, const char *datadir,
           const struct server_user *u, const char *action, const char *mode,
           int timeout, struct cdk_buf *out, int *status, struct cdk_error *err)
{
    struct cdk_buf prog = CDK_BUF_INIT, log = CDK_BUF_INIT;
    char tbuf[16];
    char *argv[16];
    int n = 0, rc;

    path_join(&prog, bindir, "pg_ctl");
    cdk_cluster_logfile(home, &log);
    snprintf(tbuf, sizeof(tbuf), "%d", timeout);
    argv[n++] = prog.buf;
    argv[n++] = (char *)action;
    argv[n++] = (char *)"-D";
    argv[n++] = (char *)datadir;
    argv[n++] = (char *)"-w";
    argv[n++] = (char *)"-t";
    argv[n++] = tbuf;
    argv[n++] = (char *)"-s";
    if (strcmp(action, "start") == 0) {
        argv[n++] = (char *)"-l";
        argv[n++] = log.buf;
    }
    if (mode) {
        argv[n++] = (char *)"-m";
        argv[n++] = (char *)mode;
    }
    argv[n] = NULL;
    rc = run_as(u, home, argv, out, status, err);
    cdk_buf_release(&prog);
    cdk_buf_release(&log);
    return rc;
}

int
cdk_cluster_ensure_database(const char *home, const char *dbname, bool *created,
                            struct cdk_error *err)
{
    struct cdk_buf conninfo = CDK_BUF_INIT, sql = CDK_BUF_INIT;
    const char *params[1] = {dbname};
    struct cdk_db *db;
    char *one = NULL;
    int found, rc = -1;

    *created = false;
    cdk_cluster_conninfo(home, "postgres", &conninfo);
    db = cdk_db_connect_to(conninfo.buf, CDK_DB_SOURCE_LOCAL, err);
    cdk_buf_release(&conninfo);
    if (!db)
        return -1;
    found = cdk_db_query_value(db, sql_select_database, 1, params, &one, err);
    free(one);
    if (found < 0)
        goto done;
    if (found == 0) {
        cdk_buf_adds(&sql, "CREATE DATABASE ");
        cdk_db_quote_ident(&sql, dbname);
        if (cdk_db_exec(db, sql.buf, 0, NULL, NULL, err) < 0) {
            /* 42P04: a concurrent start created it first. */
            if (!err || strcmp(err->sqlstate, "42P04") != 0)
                goto done;
        } else {
            *created = true;
        }
    }
    rc = 0;
done:
    cdk_buf_release(&sql);
    cdk_db_close(db);
    return rc;
}

void
cdk_cluster_status(const char *home, struct cdk_cluster_status *st)
{
    struct cdk_buf data = CDK_BUF_INIT, p = CDK_BUF_INIT,
                   conninfo = CDK_BUF_INIT;
    FILE *f;

    memset(st, 0, sizeof(*st));
    cdk_cluster_datadir(home, &data);
    path_join(&p, data.buf, "PG_VERSION");
    f = fopen(p.buf, "r");
    if (f) {
        st->initialised = true;
        if (fgets(st->pg_version, sizeof(st->pg_version), f))
            st->pg_version[strcspn(st->pg_version, "\n")] = '\0';
        fclose(f);
    }
    cdk_buf_reset(&p);
    path_join(&p, data.buf, "postmaster.pid");
    st->pid = read_pid(p.buf);
    if (st->initialised) {
        cdk_cluster_conninfo(home, "postgres", &conninfo);
        st->running = cdk_db_ping(conninfo.buf) == 1;
    }
    if (!st->running && !is_our_postmaster(st->pid, data.buf))
        st->pid = 0;
    cdk_buf_release(&data);
    cdk_buf_release(&p);
    cdk_buf_release(&conninfo);
}

/*
 * Before pg_ctl start: a stale postmaster.pid (its process gone, or not
 * this data directory's postgres) is removed; a live postgres that does not
 * answer is an error, and so is a foreign process listening on our socket path.
 */
static int
check_before_start(const char *home, const char *datadir, const char *sockdir,
                   struct cdk_cluster_start_result *res, struct cdk_error *err)
{
    struct cdk_buf pidfile = CDK_BUF_INIT, sock = CDK_BUF_INIT,
                   lockfile = CDK_BUF_INIT;
    long pid;
    int rc = -1;

    path_join(&pidfile, datadir, "postmaster.pid");
    cdk_buf_addf(&sock, "%s/.s.PGSQL.%d", sockdir, CDK_CLUSTER_PORT);
    cdk_buf_addf(&lockfile, "%s.lock", sock.buf);
    pid = read_pid(pidfile.buf);
    if (pid > 0 || file_exists(datadir, "postmaster.pid")) {
        if (is_our_postmaster(pid, datadir)) {
            cdk_error_set(err, CDK_ERR_UNAVAILABLE,
                          "a server process (PID %ld) holds '%s' but does not "
                          "answer on '%s'",
                          pid, datadir, sockdir);
            cdk_error_hint(err,
                           "it may be starting or shutting down: wait, "
                           "or run 'claimdesk db stop'; see %s/server.log",
                           home);
            goto done;
        }
        if (unlink(pidfile.buf) != 0 && errno != ENOENT) {
            cdk_error_set(err, CDK_ERR_FAILURE,
                          "could not remove the stale '%s': %s", pidfile.buf,
                          strerror(errno));
            goto done;
        }
        res->removed_stale_pid = true;
    }
    if (socket_listening(sock.buf)) {
        cdk_error_set(err, CDK_ERR_CONFLICT,
                      "the socket '%s' is in use by another process", sock.buf);
        cdk_error_hint(err, "stop whatever listens there, or choose another "
                            "CLAIMDESK_HOME");
        goto done;
    }
    pid = read_pid(lockfile.buf);
    if (pid > 0 && !is_live_postgres(pid))
        (void)unlink(lockfile.buf);
    rc = 0;
done:
    cdk_buf_release(&pidfile);
    cdk_buf_release(&sock);
    cdk_buf_release(&lockfile);
    return rc;
}

int
cdk_cluster_start(const char *home, const struct cdk_cluster_options *opts,
                  struct cdk_cluster_start_result *res, struct cdk_error *err)
{
    static const struct cdk_cluster_options defaults = {false, 60};
    struct cdk_buf bindir = CDK_BUF_INIT, data = CDK_BUF_INIT,
                   sock = CDK_BUF_INIT, log = CDK_BUF_INIT, out = CDK_BUF_INIT,
                   conninfo = CDK_BUF_INIT;
    struct server_user u;
    struct stat st;
    int timeout, lockfd = -1, status = 0, rc = -1, fd;
    bool home_existed;

    memset(res, 0, sizeof(*res));
    if (!opts)
        opts = &defaults;
    timeout = opts->timeout > 0 ? opts->timeout : 60;
    if (home[0] != '/')
        return cdk_error_set(err, CDK_ERR_USAGE,
                             "the cluster home '%s' is not an absolute path",
                             home);
    cdk_cluster_datadir(home, &data);
    cdk_cluster_sockdir(home, &sock);
    cdk_cluster_logfile(home, &log);
    if (sock.len + 20 > sizeof(((struct sockaddr_un *)0)->sun_path)) {
        cdk_error_set(err, CDK_ERR_USAGE,
                      "the socket directory '%s' is too long for a unix "
                      "socket path",
                      sock.buf);
        cdk_error_hint(err, "choose a shorter CLAIMDESK_HOME");
        goto done;
    }
    if (cluster_bindir(data.buf, &bindir, err) < 0 || server_user(&u, err) < 0)
        goto done;

    home_existed = stat(home, &st) == 0;
    if (!home_existed && make_parents(home, err) < 0)
        goto done;
    /* A home we create belongs to the server user; an existing one keeps
     * its owner and only gets our subdirectories. */
    if (make_dir(home, &u, false, err) < 0)
        goto done;
    if ((lockfd = lock_home(home, err)) < 0)
        goto done;
    if (make_dir(data.buf, &u, false, err) < 0 ||
        make_dir(sock.buf, &u, false, err) < 0)
        goto done;
    if (chmod(sock.buf, 0700) != 0) {
        cdk_error_set(err, CDK_ERR_FAILURE, "could not chmod '%s': %s",
                      sock.buf, strerror(errno));
        goto done;
    }
    fd = open(log.buf, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
        if (u.drop && fchown(fd, u.uid, u.gid) != 0) {
            close(fd);
            cdk_error_set(err, CDK_ERR_FAILURE, "could not chown '%s': %s",
                          log.buf, strerror(errno));
            goto done;
        }
        close(fd);
    }
    if (check_reachable(data.buf, &u, err) < 0 ||
        check_reachable(sock.buf, &u, err) < 0)
        goto done;

    if (!file_exists(data.buf, "PG_VERSION")) {
        if (run_initdb(bindir.buf, home, data.buf, sock.buf, &u, opts, err) < 0)
            goto done;
        res->initialised = true;
    }

    cdk_cluster_conninfo(home, "postgres", &conninfo);
    if (cdk_db_ping(conninfo.buf) == 1) {
        res->already_running = true;
    } else {
        if (check_before_start(home, data.buf, sock.buf, res, err) < 0)
            goto done;
        if (run_pg_ctl(bindir.buf, home, data.buf, &u, "start", NULL, timeout,
                       &out, &status, err) < 0)
            goto done;
        if (status != 0) {
            cdk_error_set(err, CDK_ERR_UNAVAILABLE,
                          "the local cluster in '%s' did not start (pg_ctl "
                          "exit %d)",
                          home, status);
            read_log_tail(home, err);
            if (!err || !err->detail[0])
                detail_tail(err, out.buf, 6);
            cdk_error_hint(err, "see the server log %s", log.buf);
            goto done;
        }
    }
    if (cdk_cluster_ensure_database(home, CDK_CLUSTER_DBNAME,
                                    &res->created_database, err) < 0)
        goto done;
    rc = 0;
done:
    if (lockfd >= 0)
        close(lockfd);
    cdk_buf_release(&bindir);
    cdk_buf_release(&data);
    cdk_buf_release(&sock);
    cdk_buf_release(&log);
    cdk_buf_release(&out);
    cdk_buf_release(&conninfo);
    return rc;
}

int
cdk_cluster_stop(const char *home, bool immediate, int timeout,
                 bool *was_running, struct cdk_error *err)
{
    struct cdk_buf bindir = CDK_BUF_INIT, data = CDK_BUF_INIT,
                   out = CDK_BUF_INIT;
    struct cdk_cluster_status st;
    struct server_user u;
    int lockfd = -1, status = 0, rc = -1;

    *was_running = false;
    if (timeout <= 0)
        timeout = 60;
    cdk_cluster_status(home, &st);
    if (!st.initialised || (!st.running && st.pid == 0))
        return 0;
    cdk_cluster_datadir(home, &data);
    if (cluster_bindir(data.buf, &bindir, err) < 0 || server_user(&u, err) < 0)
        goto done;
    if ((lockfd = lock_home(home, err)) < 0)
        goto done;
    if (run_pg_ctl(bindir.buf, home, data.buf, &u, "stop",
                   immediate ? "immediate" : "fast", timeout, &out, &status,
                   err) < 0)
        goto done;
    if (status != 0) {
        /* Stopped meanwhile by someone else: not running is fine. */
        cdk_cluster_status(home, &st);
        if (!st.running && st.pid == 0) {
            rc = 0;
            goto done;
        }
        cdk_error_set(err, CDK_ERR_FAILURE,
                      "could not stop the local cluster in '%s' (pg_ctl exit "
                      "%d)",
                      home, status);
        detail_tail(err, out.buf, 6);
        goto done;
    }
    *was_running = true;
    rc = 0;
done:
    if (lockfd >= 0)
        close(lockfd);
    cdk_buf_release(&bindir);
    cdk_buf_release(&data);
    cdk_buf_release(&out);
    return rc;
}
