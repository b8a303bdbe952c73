// QSettings guards its file with a lock file beside it ("<file>.lock") and waits for it without a
// time limit. Qt removes a lock left by a run that crashed, but one it cannot remove (a folder
// named like it, a file the learner's account may not delete) would stop the app for good at the
// next save. So the app checks the lock itself, for a moment only, before each save.
#pragma once
#include <QString>

namespace settings_lock {

// The lock file of `settingsFile` if it is held and could not be taken within `waitMs` (another
// copy of the app saving right now releases it within that time); "" when saving may go ahead, or
// when the lock cannot even be created (a read-only folder: QSettings then reports its own error).
QString heldLockFile(const QString& settingsFile, int waitMs = 1000);

} // namespace settings_lock
