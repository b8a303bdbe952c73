#include "settings_lock.h"

#include <QLockFile>

namespace settings_lock {

QString heldLockFile(const QString& settingsFile, int waitMs) {
    const QString path = settingsFile + QStringLiteral(".lock"); // the name QSettings uses
    QLockFile lock(path);
    if (lock.tryLock(waitMs)) {
        lock.unlock(); // free again for QSettings, which takes it while it writes
        return {};
    }
    return lock.error() == QLockFile::LockFailedError ? path : QString();
}

} // namespace settings_lock
