#include "library/staged_download.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <sys/stat.h>

#include "library/model_library.h"

namespace al::library {

namespace {
bool isRealFolder(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISDIR(st.st_mode);
}
} // namespace

qint64 stagedBytes(const QString& modelsRoot, const QString& folderName) {
    constexpr int kMaxEntries = 10000; // a download stages a few dozen files at most
    const QString staging = stagingRoot(modelsRoot);
    const QString dir = staging + QLatin1Char('/') + folderName;
    if (!isRealFolder(staging) || !isRealFolder(dir))
        return 0;
    qint64 total = 0;
    int entries = 0;
    // Files only, no links among them (their size is another file's), into real folders only.
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext() && ++entries <= kMaxEntries) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

void discardStaged(const QString& modelsRoot, const QString& folderName) {
    const QString staging = stagingRoot(modelsRoot);
    const QString dir = staging + QLatin1Char('/') + folderName;
    if (!isRealFolder(staging))
        return;
    if (isRealFolder(dir))
        QDir(dir).removeRecursively(); // a link inside is removed as a link
    else
        QFile::remove(dir);
}

} // namespace al::library
