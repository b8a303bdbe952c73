// The learner's progress: stations visited and exercises answered (and how), saved atomically
// (state_file.h) as JSON in the standard app data location. A corrupt or foreign file is set aside
// (renamed with a timestamp) with a notice, never a crash, never silently lost.
#pragma once
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class ProgressStore : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged) // e.g. "Your progress file was unreadable..."
public:
    static ProgressStore* instance();
    static ProgressStore* create(class QQmlEngine*, class QJSEngine*);

    Q_INVOKABLE void markVisited(const QString& stationId);
    Q_INVOKABLE bool visited(const QString& stationId) const;
    // prediction: what the learner committed to; answer: what the model said; correct: whether they
    // matched; skipped: the answer was shown without a prediction (recorded as a skip, never as a
    // wrong answer, and never in place of a prediction recorded before).
    Q_INVOKABLE void recordAnswer(const QString& stationId, const QString& exerciseId,
                                  const QString& prediction, const QString& answer, bool correct,
                                  bool skipped = false);
    Q_INVOKABLE QVariantMap answer(const QString& stationId, const QString& exerciseId) const;
    // 0..1: exercises answered with a prediction / exercises in the station (visited alone counts
    // a little; a skip or an answer the app revealed by itself counts as not done).
    Q_INVOKABLE double stationProgress(const QString& stationId, int exerciseCount) const;
    Q_INVOKABLE void reset();
    QString notice() const;
    QString filePath() const;

    // For --screenshot --reveal: the answers recorded from now on are committed by the app itself,
    // not by the learner. They are only added where an exercise has no record yet (never in place
    // of one), are marked "revealed": true, and count as not done.
    void setRevealing(bool revealing);
    // True while something changed since the last save that reached the file (saving failed, or
    // was switched off because an unusable file could not be set aside).
    bool hasUnsavedChanges() const;

    // For tests: use this file instead of the standard location (forgets what was loaded).
    void setFilePath(const QString& path);

signals:
    void changed();
    void noticeChanged();

private:
    explicit ProgressStore(QObject* parent = nullptr);
    void ensureLoaded() const; // reads the file on first use (after a test has set the path)
    void save();
    bool keepFileWithMalformedEntries(const QString& path);
    // Sets the file aside and leaves `root` with only the keys this version writes, when that makes
    // it small enough to save; false (nothing done) otherwise.
    bool dropUnknownKeysToFit(const QString& path, QJsonObject& root);
    struct Private;
    Private* d;
};
