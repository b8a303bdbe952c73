// One copy of the course per data folder. Two copies would each keep the progress in memory and
// save it whole, so the one saving last would drop the other's answers. The first copy holds a
// lock file in the data folder (QLockFile: a copy that crashed leaves a lock the next launch
// recognises as stale; one left empty, or a folder or link in its place, is cleared too) and
// listens on a local socket; a second launch asks it to bring its window
// to the front and exits. A --screenshot run instead waits for the lock, so runs started together
// take turns and each one's answers are saved on top of the others'.
#pragma once
#include <QLocalServer>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <functional>

class SingleInstance : public QObject {
    Q_OBJECT
public:
    // `dataDir`: the folder the progress is saved in (created if missing).
    explicit SingleInstance(const QString& dataDir, QObject* parent = nullptr);

    // Takes the lock, waiting up to `waitMs` (0: not at all). False when another running copy holds
    // it; true also when the folder cannot hold a lock at all (read-only, full, out of inodes):
    // then lockProblem() says why, and the caller should first ask a running copy (raiseOther).
    bool acquire(int waitMs);
    // Why no lock could be made, translated, naming the lock file and the system's error; "" when
    // the lock is held.
    QString lockProblem() const { return lockProblem_; }
    // Asks the copy that holds the lock to show its window (trying again while it starts up):
    // whether it answered within `waitMs`.
    bool raiseOther(int waitMs);
    // Once acquired: calls `raise` (on this thread) whenever a later launch asks.
    void listen(std::function<void()> raise);
    QString lockFile() const { return lockPath_; }
    // Who holds the lock, in words for a message: "process 4242 on this computer" or "process 4242
    // on the computer \"laptop-old\"" (a data folder shared between computers); empty if unknown.
    QString holder() const;
    // What was done about an unusable lock file (a folder or a link set aside), translated; "" if
    // nothing.
    QString notice() const { return notice_; }

private:
    // Removes a lock file that names no process and sets aside anything at its place that is not a
    // regular file: whether it cleared something.
    bool clearUnusableLock();
    QString whyNoLock() const;

    QString lockPath_;
    QString serverName_;
    QLockFile lock_;
    QLocalServer server_;
    QString notice_;
    QString lockProblem_;
};
