// ProgressStore: the learner's progress as one small JSON file, written atomically (state_file.h).
//
// File shape (version 1):
//   { "format": "attention-lens-progress", "version": 1,
//     "stations": { "<id>": { "visited": true,
//                             "exercises": { "<exercise id>": { "prediction": "...", "answer": "...",
//                                                               "correct": true, "at": "ISO time" } } } } }
//   An answer shown without a prediction has "prediction": "", "correct": false, "skipped": true.
//   One committed by the app for a --reveal screenshot has "revealed": true.
//   Keys this version does not know, at the top or in an entry, are kept as they are on save.
//
// A file we cannot use (not JSON, another shape, a newer version, unreadable, a link, a special
// file, far too large) is never overwritten:
// it is renamed aside with a timestamp and the learner is told where it went. If it cannot even be
// renamed, saving is switched off for this run so the file stays exactly as it was. A usable file
// with entries in a shape no version writes is read for the rest, and set aside the same way just
// before the first save (which could replace those entries), so nothing in it is ever lost.
#include "progress_store.h"

#include "cpp_owned.h"
#include "progress_file.h"
#include "storage/state_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJSEngine>
#include <QStandardPaths>

namespace {
// A learner's whole course is a few kilobytes; anything near this is not a progress file.
constexpr qint64 kMaxProgressBytes = 4 << 20;

QString defaultPath() {
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.attention-lens");
    return dir + QStringLiteral("/progress.json");
}
} // namespace

struct ProgressStore::Private {
    QString path;
    QJsonObject root; // the file as read: its unknown keys are written back
    QJsonObject stations;
    QString notice;
    bool loaded = false;
    bool saveBlocked = false; // an unusable file could not be set aside: never overwrite it
    bool saveFailed = false;  // the notice is about the last save, which failed
    bool unsaved = false;     // a change has not reached the file
    bool revealing = false;   // answers are the app's own (setRevealing)
    int malformed = 0;        // entries of the file as read that cannot be used (set aside at the first save)
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
    d->root = {};
    d->stations = {};
    d->unsaved = false;
    d->loaded = false;
    d->saveBlocked = false;
    d->saveFailed = false;
    d->malformed = 0;
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
    // Only this copy of the app saves here (single_instance.h): a temporary file beside the
    // progress is what a save killed before its rename left, never a save in progress.
    al::app::removeStaleTemporaries(path);
    // Read without blocking and up to a cap: a named pipe, a device or a huge sparse file in its
    // place must not hang or exhaust the app before its window opens.
    const al::app::StateFileRead read = al::app::readStateFile(path, kMaxProgressBytes);
    if (read.missing)
        return;
    QString problem = read.problem;
    if (problem.isEmpty()) {
        al::course::ProgressFileContents contents = al::course::parseProgressFile(read.bytes);
        if (contents.problem.isEmpty()) {
            d->root = contents.root;
            d->stations = contents.stations;
            d->malformed = contents.malformedEntries;
            return;
        }
        problem = contents.problem;
    }
    const QString aside = al::app::setFileAside(path);
    if (!aside.isEmpty()) {
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

void ProgressStore::setRevealing(bool revealing) { d->revealing = revealing; }

bool ProgressStore::hasUnsavedChanges() const { return d->unsaved; }

void ProgressStore::save() {
    d->unsaved = true;
    if (d->saveBlocked)
        return;
    const QString path = filePath();
    if (d->malformed > 0 && !keepFileWithMalformedEntries(path))
        return;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QJsonObject root = d->root;
    root.insert(QStringLiteral("format"), al::course::progressFormat());
    root.insert(QStringLiteral("version"), al::course::kProgressVersion);
    root.insert(QStringLiteral("stations"), d->stations);
    // Written beside the old file and renamed over it, so a read-only folder or a full disk leaves
    // the progress saved before intact, and a link put in its place is replaced, not followed.
    // Never a file larger than the app reads back (it would be set aside at the next start): an
    // indented one that would be is written compact, and one still too large is not written.
    QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (bytes.size() > kMaxProgressBytes)
        bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);
    // Kept keys that no version writes can make the file too large to save once answers are added
    // (a file read just under the cap): the file as it was is set aside, and progress is saved
    // without them, rather than every later answer being lost.
    if (bytes.size() > kMaxProgressBytes && dropUnknownKeysToFit(path, root))
        bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);
    const QString why = bytes.size() > kMaxProgressBytes
                            ? tr("it would be larger than the %1 MB the app reads back").arg(kMaxProgressBytes >> 20)
                            : al::app::writeFileAtomically(path, bytes);
    const bool ok = why.isEmpty();
    d->unsaved = !ok;
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

bool ProgressStore::dropUnknownKeysToFit(const QString& path, QJsonObject& root) {
    // Only what this version writes, at the top and inside every station and answer: data kept
    // for another version can sit anywhere, and wherever it sits it is in the file set aside.
    const QJsonObject stations = al::course::knownFieldsOnly(root.value(QStringLiteral("stations")).toObject());
    QJsonObject known;
    for (const char* key : {"format", "version"})
        known.insert(QLatin1String(key), root.value(QLatin1String(key)));
    known.insert(QStringLiteral("stations"), stations);
    if (known == root || QJsonDocument(known).toJson(QJsonDocument::Compact).size() > kMaxProgressBytes)
        return false;
    const QString aside = al::app::setFileAside(path);
    if (aside.isEmpty())
        return false;
    root = known;
    d->root = QJsonObject();
    d->stations = stations;
    setNotice(this, d->notice,
              tr("Your progress file held data that Attention Lens does not use, too large to save your new answers "
                 "beside it. The file as it was is kept as %1; your progress is saved without that data.")
                  .arg(QDir::toNativeSeparators(aside)));
    return true;
}

// Moves the file as read aside before a save replaces it: false when it could not be moved, and
// saving is then off for this run, as for a file that cannot be used at all.
bool ProgressStore::keepFileWithMalformedEntries(const QString& path) {
    const int count = d->malformed;
    d->malformed = 0;
    const QString aside = al::app::setFileAside(path);
    if (aside.isEmpty()) {
        d->saveBlocked = true;
        setNotice(this, d->notice,
                  tr("Part of your progress file %1 could not be read (%n entries are not in the shape Attention Lens "
                     "writes), and the file could not be moved aside. It is left untouched and progress in this run "
                     "will not be saved.", nullptr, count)
                      .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    d->stations = al::course::withoutMalformedEntries(d->stations);
    setNotice(this, d->notice,
              tr("Part of your progress file could not be read (%n entries are not in the shape Attention Lens "
                 "writes). The file as it was is kept as %1; the rest of your progress is carried on.", nullptr, count)
                  .arg(QDir::toNativeSeparators(aside)));
    return true;
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
    // How the learner did is what they predicted: a later skip keeps that record, and an answer
    // the app committed by itself (--reveal) never replaces anything the file holds.
    const QJsonObject before = exercises.value(exerciseId).toObject();
    const auto flag = [&before](const char* key) { return before.value(QLatin1String(key)).toBool(); };
    if (d->revealing && !before.isEmpty())
        return;
    if (skipped && !before.isEmpty() && !flag("skipped") && !flag("revealed"))
        return;
    QJsonObject entry = before; // keys this version does not know stay
    entry.insert(QStringLiteral("prediction"), prediction);
    entry.insert(QStringLiteral("answer"), answer);
    entry.insert(QStringLiteral("correct"), correct && !skipped);
    const auto mark = [&entry](const QString& key, bool on) {
        if (on)
            entry.insert(key, true);
        else
            entry.remove(key);
    };
    mark(QStringLiteral("skipped"), skipped);
    mark(QStringLiteral("revealed"), d->revealing);
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
        answered += !e.toObject().value(QStringLiteral("skipped")).toBool() &&
                    !e.toObject().value(QStringLiteral("revealed")).toBool();
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
