// ProgressStore: the learner's progress as one small JSON file, written atomically with QSaveFile.
//
// File shape (version 1):
//   { "format": "attention-lens-progress", "version": 1,
//     "stations": { "<id>": { "visited": true,
//                             "exercises": { "<exercise id>": { "prediction": "...", "answer": "...",
//                                                               "correct": true, "at": "ISO time" } } } } }
//   An answer shown without a prediction has "prediction": "", "correct": false, "skipped": true.
//
// A file we cannot use (not JSON, another shape, a newer version, unreadable) is never overwritten:
// it is renamed aside with a timestamp and the learner is told where it went. If it cannot even be
// renamed, saving is switched off for this run so the file stays exactly as it was.
#include "progress_store.h"

#include "cpp_owned.h"
#include "progress_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJSEngine>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
QString defaultPath() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.attention-lens");
    return dir + QStringLiteral("/progress.json");
}
} // namespace

struct ProgressStore::Private {
    QString path;
    QJsonObject stations;
    QString notice;
    bool loaded = false;
    bool saveBlocked = false; // an unusable file could not be set aside: never overwrite it
    bool saveFailed = false;  // the notice is about the last save, which failed
};

ProgressStore* ProgressStore::instance() {
    static ProgressStore* self = new ProgressStore(qApp);
    return self;
}
ProgressStore* ProgressStore::create(QQmlEngine*, QJSEngine*) { return cppOwned(instance()); }

ProgressStore::ProgressStore(QObject* parent) : QObject(parent), d(new Private) {}

QString ProgressStore::notice() const { return d->notice; }

QString ProgressStore::filePath() const { return d->path.isEmpty() ? defaultPath() : d->path; }

void ProgressStore::setFilePath(const QString& path) {
    d->path = path;
    d->stations = {};
    d->loaded = false;
    d->saveBlocked = false;
    d->saveFailed = false;
    if (!d->notice.isEmpty()) {
        d->notice.clear();
        emit noticeChanged();
    }
    emit changed();
}

// Loads lazily, on first use, so that tests and the app can choose the path first.
static void setNotice(ProgressStore* self, QString& slot, const QString& text) {
    slot = text;
    emit self->noticeChanged();
}

void ProgressStore::ensureLoaded() const {
    if (d->loaded)
        return;
    d->loaded = true;
    auto* self = const_cast<ProgressStore*>(this);
    const QString path = filePath();
    QFile f(path);
    if (!f.exists())
        return;
    QString problem;
    if (!f.open(QIODevice::ReadOnly)) {
        problem = tr("it could not be read (%1)").arg(f.errorString());
    } else {
        al::course::ProgressFileContents contents = al::course::parseProgressFile(f.readAll());
        f.close();
        if (contents.problem.isEmpty()) {
            d->stations = contents.stations;
            return;
        }
        problem = contents.problem;
    }
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString aside = path + QStringLiteral(".unusable-") + stamp;
    if (QFile::rename(path, aside)) {
        setNotice(self, d->notice,
                  tr("Your progress file could not be used because %1. It was kept as %2; the course starts "
                     "with fresh progress.").arg(problem, QDir::toNativeSeparators(aside)));
    } else {
        d->saveBlocked = true;
        setNotice(self, d->notice,
                  tr("Your progress file %1 could not be used because %2, and it could not be moved aside. "
                     "It is left untouched and progress in this run will not be saved.")
                      .arg(QDir::toNativeSeparators(path), problem));
    }
}

void ProgressStore::save() {
    if (d->saveBlocked)
        return;
    const QString path = filePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject root;
    root.insert(QStringLiteral("format"), al::course::progressFormat());
    root.insert(QStringLiteral("version"), al::course::kProgressVersion);
    root.insert(QStringLiteral("stations"), d->stations);
    // QSaveFile writes a temporary file beside the old one and renames it over it on commit, so a
    // read-only folder or a full disk leaves the progress saved before intact. Unbuffered, and the
    // byte count checked: Qt 6.4's commit() does not see a write that failed while its buffer was
    // flushed and would rename a truncated file over the good one.
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    QSaveFile f(path);
    bool ok = f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && f.write(bytes) == bytes.size();
    QString why = f.errorString();
    if (ok) {
        ok = f.commit();
        why = f.errorString();
    } else {
        f.cancelWriting();
    }
    if (!ok) {
        const QString text = tr("Your progress could not be saved to %1 (%2). The progress saved before is "
                                "unchanged; what you do now is kept while the app is open and saved as soon "
                                "as saving works again.")
                                 .arg(QDir::toNativeSeparators(path), why);
        d->saveFailed = true;
        if (text != d->notice)
            setNotice(this, d->notice, text);
    } else if (d->saveFailed) {
        d->saveFailed = false;
        setNotice(this, d->notice, QString());
    }
}

void ProgressStore::markVisited(const QString& stationId) {
    if (stationId.isEmpty())
        return;
    ensureLoaded();
    QJsonObject st = d->stations.value(stationId).toObject();
    if (st.value(QStringLiteral("visited")).toBool())
        return;
    st.insert(QStringLiteral("visited"), true);
    d->stations.insert(stationId, st);
    save();
    emit changed();
}

bool ProgressStore::visited(const QString& stationId) const {
    ensureLoaded();
    return d->stations.value(stationId).toObject().value(QStringLiteral("visited")).toBool();
}

void ProgressStore::recordAnswer(const QString& stationId, const QString& exerciseId, const QString& prediction,
                                 const QString& answer, bool correct, bool skipped) {
    if (stationId.isEmpty() || exerciseId.isEmpty())
        return;
    ensureLoaded();
    QJsonObject st = d->stations.value(stationId).toObject();
    st.insert(QStringLiteral("visited"), true);
    QJsonObject exercises = st.value(QStringLiteral("exercises")).toObject();
    // How the learner did is what they predicted: a later skip keeps that record.
    const QJsonObject before = exercises.value(exerciseId).toObject();
    if (skipped && !before.isEmpty() && !before.value(QStringLiteral("skipped")).toBool())
        return;
    QJsonObject entry;
    entry.insert(QStringLiteral("prediction"), prediction);
    entry.insert(QStringLiteral("answer"), answer);
    entry.insert(QStringLiteral("correct"), correct && !skipped);
    if (skipped)
        entry.insert(QStringLiteral("skipped"), true);
    entry.insert(QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    exercises.insert(exerciseId, entry);
    st.insert(QStringLiteral("exercises"), exercises);
    d->stations.insert(stationId, st);
    save();
    emit changed();
}

QVariantMap ProgressStore::answer(const QString& stationId, const QString& exerciseId) const {
    ensureLoaded();
    return d->stations.value(stationId).toObject().value(QStringLiteral("exercises")).toObject()
        .value(exerciseId).toObject().toVariantMap();
}

double ProgressStore::stationProgress(const QString& stationId, int exerciseCount) const {
    ensureLoaded();
    const QJsonObject st = d->stations.value(stationId).toObject();
    const bool seen = st.value(QStringLiteral("visited")).toBool();
    int answered = 0;
    for (const QJsonValue& e : st.value(QStringLiteral("exercises")).toObject())
        answered += !e.toObject().value(QStringLiteral("skipped")).toBool();
    if (exerciseCount <= 0)
        return seen ? 1.0 : 0.0;
    // Visiting counts for a tenth; the rest is shared by the exercises.
    const double p = (seen ? 0.1 : 0.0) + 0.9 * std::min(answered, exerciseCount) / double(exerciseCount);
    return std::min(1.0, p);
}

void ProgressStore::reset() {
    ensureLoaded();
    d->stations = {};
    save();
    emit changed();
}
