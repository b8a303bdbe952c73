// Storage failures for tests, made real rather than mocked: a full disk (the kernel refuses to let a
// file grow) and a read-only folder that holds even when the tests run as root.
#pragma once
#include <QDir>
#include <QFile>
#include <QString>
#include <csignal>
#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace storage_failures {

// A full disk: while alive, no file of this process may grow past `bytes` (RLIMIT_FSIZE; the
// write fails with EFBIG as it would with ENOSPC, root included).
struct DiskFull {
    rlimit old{};
    explicit DiskFull(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &old);
        const rlimit small{bytes, old.rlim_max};
        setrlimit(RLIMIT_FSIZE, &small);
    }
    ~DiskFull() { setrlimit(RLIMIT_FSIZE, &old); }
};

// Runs `check` where folder permissions apply: directly, or as root in a child process that
// has become the unprivileged user `nobody` (who owns `dir`). Returns what went wrong, or "".
inline QString withoutPrivileges(const QString& dir, const std::function<QString()>& check) {
    if (::geteuid() != 0)
        return check();
    const uid_t nobody = 65534;
    std::function<void(const QString&)> chownAll = [&](const QString& p) {
        if (::chown(QFile::encodeName(p).constData(), nobody, nobody) != 0) return;
        for (const QString& e : QDir(p).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
            chownAll(p + QLatin1Char('/') + e);
    };
    chownAll(dir);
    int pipeFd[2];
    if (::pipe(pipeFd) != 0)
        return QStringLiteral("pipe failed");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(pipeFd[0]);
        QByteArray problem;
        if (::setgid(nobody) != 0 || ::setuid(nobody) != 0)
            problem = "could not become nobody";
        else
            problem = check().toUtf8();
        if (!problem.isEmpty() && ::write(pipeFd[1], problem.constData(), size_t(problem.size())) < 0)
            ::_exit(2);
        ::_exit(0);
    }
    ::close(pipeFd[1]);
    QByteArray out;
    char buf[512];
    for (ssize_t n; (n = ::read(pipeFd[0], buf, sizeof buf)) > 0;)
        out.append(buf, n);
    ::close(pipeFd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status))
        return QStringLiteral("the unprivileged check crashed");
    return QString::fromUtf8(out);
}

} // namespace storage_failures
