#include "app_options.h"

#include <QCoreApplication>
#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>

#include "storage/app_folders.h"

bool noDisplay(int argc, char** argv) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "-platform") == 0 || std::strncmp(argv[i], "-platform=", 10) == 0)
            return false;
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    (void)argc;
    (void)argv;
    return false;
#endif
}

bool AppOptions::parse(QCommandLineParser& parser) const {
    addTo(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "attention-lens: %s (see --help)\n", qPrintable(parser.errorText()));
        return false;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    return true;
}

int answerWithoutDisplay(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QLatin1String(al::app::kApplicationName));
    QCoreApplication::setApplicationVersion(QStringLiteral(AL_VERSION));
    QCommandLineParser parser;
    if (!AppOptions().parse(parser))
        return 2;
    std::fprintf(stderr, "attention-lens: there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY "
                         "is set); for --screenshot without one, set QT_QPA_PLATFORM=offscreen\n");
    return 2;
}

namespace {
// Bytes this process may still allocate: the system's available memory (MemAvailable), and under
// an address-space limit (ulimit -v) what is left of it. nullopt where neither can be read.
std::optional<double> memoryLeft() {
    std::optional<double> left;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly))
        for (const QByteArray& line : meminfo.readAll().split('\n'))
            if (line.startsWith("MemAvailable:"))
                left = line.mid(13).trimmed().split(' ').value(0).toDouble() * 1024.0;
    rlimit as{};
    if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
        double used = 0;
        QFile statm(QStringLiteral("/proc/self/statm"));
        if (statm.open(QIODevice::ReadOnly))
            used = statm.readAll().split(' ').value(0).toDouble() * double(::sysconf(_SC_PAGESIZE));
        const double limitLeft = std::max(0.0, double(as.rlim_cur) - used);
        left = left ? std::min(*left, limitLeft) : limitLeft;
    }
    return left;
}
} // namespace

QString screenshotMemoryProblem(QSize size, double scale) {
    const double need = double(size.width()) * size.height() * scale * scale * 4.0 * 3.0;
    const std::optional<double> left = memoryLeft();
    if (!left || need <= *left)
        return {};
    return QStringLiteral("a screenshot of %1x%2 at scale %3 needs about %4 MB of memory, and %5 MB is free; "
                          "give a smaller --size (or QT_SCALE_FACTOR)")
        .arg(size.width()).arg(size.height()).arg(scale).arg(qRound64(need / 1e6)).arg(qRound64(*left / 1e6));
}
