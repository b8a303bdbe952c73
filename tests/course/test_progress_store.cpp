// ProgressStore: round trip, every kind of unusable file is set aside with a notice (never a
// crash, never silently lost), and a full disk or a read-only folder while saving: a notice, and
// the progress saved before stays intact.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QtTest>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_failures.h"

#include "course/progress_file.h"
#include "course/progress_store.h"

class TestProgressStore : public QObject {
    Q_OBJECT

    static void write(const QString& path, const QByteArray& bytes) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    static QStringList asideFiles(const QString& dir) {
        return QDir(dir).entryList({QStringLiteral("progress.json.unusable-*")}, QDir::Files);
    }
    static QByteArray read(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Loads `bytes` as the progress file and checks it was set aside intact, with a notice.
    void expectSetAside(const QByteArray& bytes, const QString& noticeFragment) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        write(path, bytes);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("math")));
        QVERIFY2(s->notice().contains(noticeFragment), qPrintable(s->notice()));
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QCOMPARE(read(dir.filePath(aside.first())), bytes); // the old file is kept byte for byte
        QVERIFY(s->notice().contains(aside.first()));
        s->markVisited(QStringLiteral("math")); // and the store still works
        QVERIFY(s->visited(QStringLiteral("math")));
        QVERIFY(QFile::exists(path));
    }


private slots:
    void roundTrip() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/progress.json"));
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QSignalSpy changed(s, &ProgressStore::changed);
        QVERIFY(!s->visited(QStringLiteral("heads")));
        s->markVisited(QStringLiteral("heads"));
        s->recordAnswer(QStringLiteral("heads"), QStringLiteral("count-sinks"), QStringLiteral("3"),
                        QStringLiteral("2"), false);
        QCOMPARE(changed.count(), 2);
        QVERIFY(s->notice().isEmpty());
        QVERIFY(QFile::exists(path));

        s->setFilePath(path); // forget memory, read the file again
        QVERIFY(s->visited(QStringLiteral("heads")));
        QVERIFY(!s->visited(QStringLiteral("mask")));
        const QVariantMap a = s->answer(QStringLiteral("heads"), QStringLiteral("count-sinks"));
        QCOMPARE(a.value(QStringLiteral("prediction")).toString(), QStringLiteral("3"));
        QCOMPARE(a.value(QStringLiteral("answer")).toString(), QStringLiteral("2"));
        QCOMPARE(a.value(QStringLiteral("correct")).toBool(), false);
        QCOMPARE(s->stationProgress(QStringLiteral("heads"), 2), 0.1 + 0.9 * 0.5);
        QCOMPARE(s->stationProgress(QStringLiteral("mask"), 2), 0.0);

        const QJsonObject root = QJsonDocument::fromJson(read(path)).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("attention-lens-progress"));

        s->reset();
        QVERIFY(!s->visited(QStringLiteral("heads")));
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("heads")));
    }

    // A file with the learner's answer, an unknown key in that entry and an unknown top-level key.
    static QByteArray learnersFile() {
        return R"({"format": "attention-lens-progress", "version": 1, "fromLater": {"keep": [1, 2]},
                   "stations": {"math": {"visited": true, "exercises": {"math-top-score":
                       {"prediction": "7", "answer": "32", "correct": false, "at": "2026-01-01T10:00:00Z",
                        "hint": "mine"}}}}})";
    }

    // Answers the app commits by itself for a --reveal screenshot: added where nothing is
    // recorded (marked as revealed, not counted as done), never in place of the learner's answer.
    void revealedAnswersNeverReplaceTheLearners() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        write(path, learnersFile());
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        s->setRevealing(true);
        s->recordAnswer(QStringLiteral("math"), QStringLiteral("math-top-score"), QStringLiteral("32"), QStringLiteral("32"), true);
        s->recordAnswer(QStringLiteral("math"), QStringLiteral("math-head-dim"), QStringLiteral("4"), QStringLiteral("4"), true);
        s->setRevealing(false);
        s->setFilePath(path); // read back what was saved
        const QVariantMap mine = s->answer(QStringLiteral("math"), QStringLiteral("math-top-score"));
        QCOMPARE(mine.value(QStringLiteral("prediction")).toString(), QStringLiteral("7"));
        QCOMPARE(mine.value(QStringLiteral("correct")).toBool(), false);
        QCOMPARE(mine.value(QStringLiteral("at")).toString(), QStringLiteral("2026-01-01T10:00:00Z"));
        QVERIFY(!mine.contains(QStringLiteral("revealed")));
        const QVariantMap shown = s->answer(QStringLiteral("math"), QStringLiteral("math-head-dim"));
        QCOMPARE(shown.value(QStringLiteral("prediction")).toString(), QStringLiteral("4"));
        QCOMPARE(shown.value(QStringLiteral("revealed")).toBool(), true);
        QCOMPARE(s->stationProgress(QStringLiteral("math"), 3), 0.1 + 0.9 / 3); // only the learner's answer
        // The learner's own answer later takes the revealed one's place.
        s->recordAnswer(QStringLiteral("math"), QStringLiteral("math-head-dim"), QStringLiteral("8"), QStringLiteral("4"), false);
        const QVariantMap later = s->answer(QStringLiteral("math"), QStringLiteral("math-head-dim"));
        QCOMPARE(later.value(QStringLiteral("prediction")).toString(), QStringLiteral("8"));
        QVERIFY(!later.contains(QStringLiteral("revealed")));
        QCOMPARE(s->stationProgress(QStringLiteral("math"), 3), 0.1 + 0.9 * 2 / 3);
    }

    // Keys this version does not know, in an entry and at the top, survive a save.
    void unknownKeysSurviveASave() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        write(path, learnersFile());
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        s->recordAnswer(QStringLiteral("math"), QStringLiteral("math-top-score"), QStringLiteral("32"), QStringLiteral("32"), true);
        s->markVisited(QStringLiteral("mask"));
        const QJsonObject root = QJsonDocument::fromJson(read(path)).object();
        QCOMPARE(root.value(QStringLiteral("fromLater")).toObject().value(QStringLiteral("keep")).toArray().size(), 2);
        const QJsonObject entry = root.value(QStringLiteral("stations")).toObject().value(QStringLiteral("math")).toObject()
                                      .value(QStringLiteral("exercises")).toObject().value(QStringLiteral("math-top-score")).toObject();
        QCOMPARE(entry.value(QStringLiteral("hint")).toString(), QStringLiteral("mine"));
        QCOMPARE(entry.value(QStringLiteral("prediction")).toString(), QStringLiteral("32"));
        QCOMPARE(entry.value(QStringLiteral("correct")).toBool(), true);
        QVERIFY(!s->hasUnsavedChanges());
    }

    // A usable file with entries in a shape no version writes (a station that is an array or a
    // number, exercises that are not objects): the rest is read, and before the first save, which
    // would replace them, the whole file is set aside byte for byte, with a notice that says so.
    void malformedEntriesAreKeptBeforeTheFirstSave() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        const QByteArray original = R"({"format": "attention-lens-progress", "version": 1, "stations": {
            "lens": {"visited": true},
            "heads": [1, 2, 3],
            "math": 42,
            "mask": {"visited": true, "exercises": {"mask-a": "yes", "mask-b": {"prediction": "1", "answer": "1", "correct": true}}},
            "ffn": {"visited": true, "exercises": [7]}}})";
        write(path, original);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("lens")) && s->visited(QStringLiteral("mask")));
        QVERIFY(!s->visited(QStringLiteral("heads")));
        QVERIFY2(s->notice().isEmpty(), qPrintable(s->notice())); // nothing is lost yet
        QVERIFY(asideFiles(dir.path()).isEmpty());
        s->recordAnswer(QStringLiteral("heads"), QStringLiteral("heads-x"), QStringLiteral("2"), QStringLiteral("3"), false);
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QCOMPARE(read(dir.filePath(aside.first())), original);
        QVERIFY2(s->notice().contains(aside.first()) && s->notice().contains(QStringLiteral("4 entries")),
                 qPrintable(s->notice()));
        // The new file holds the rest and the new answer, and loads without setting anything aside again.
        s->setFilePath(QString());
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("lens")) && s->visited(QStringLiteral("heads")) && s->visited(QStringLiteral("ffn")));
        s->markVisited(QStringLiteral("math"));
        QCOMPARE(asideFiles(dir.path()).size(), 1);
        QVERIFY2(s->notice().isEmpty(), qPrintable(s->notice()));
        const QJsonObject mask = QJsonDocument::fromJson(read(path)).object().value(QStringLiteral("stations")).toObject()
                                     .value(QStringLiteral("mask")).toObject().value(QStringLiteral("exercises")).toObject();
        QCOMPARE(mask.value(QStringLiteral("mask-b")).toObject().value(QStringLiteral("answer")).toString(), QStringLiteral("1"));
    }

    // A station given twice (the parser keeps only the last, so the answer under the first would
    // vanish at the next save) and a number a save cannot write back as it was: the file is set
    // aside byte for byte before the first save, with a notice; numbers that survive do not count.
    void duplicateKeysAndInexactNumbersAreKeptBeforeTheFirstSave() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        const QByteArray original = R"({"format": "attention-lens-progress", "version": 1.0,
            "sync_id": 12345678901234567891, "small": [0.1, -2.5e-3, 1e21, 9007199254740992, 150E-1],
            "stations": {
              "math": {"visited": true, "exercises": {"math-a": {"prediction": "0.3", "answer": "0.31", "correct": true}}},
              "m\u0061th": {"visited": true}}})";
        write(path, original);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY2(s->notice().isEmpty(), qPrintable(s->notice()));
        s->markVisited(QStringLiteral("lens"));
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QCOMPARE(read(dir.filePath(aside.first())), original);
        QVERIFY2(s->notice().contains(aside.first()) && s->notice().contains(QStringLiteral("2 entries")), qPrintable(s->notice()));
        // What was saved loads without setting anything aside again.
        s->setFilePath(QString());
        s->setFilePath(path);
        s->markVisited(QStringLiteral("mask"));
        QCOMPARE(asideFiles(dir.path()).size(), 1);
        QVERIFY2(s->notice().isEmpty(), qPrintable(s->notice()));
        // Each alone is enough.
        for (const QByteArray& one : {QByteArray(R"({"format": "attention-lens-progress", "version": 1, "n": 123456789012345678, "stations": {}})"),
                                      QByteArray(R"({"format": "attention-lens-progress", "version": 1, "stations": {}, "x": {"a": 1, "a": 2}})")}) {
            QTemporaryDir d;
            const QString p = d.filePath(QStringLiteral("progress.json"));
            write(p, one);
            s->setFilePath(p);
            s->markVisited(QStringLiteral("lens"));
            QCOMPARE(asideFiles(d.path()).size(), 1);
            QCOMPARE(read(d.filePath(asideFiles(d.path()).first())), one);
        }
        s->setFilePath(QString());
    }

    void garbageBytes() { expectSetAside(QByteArray("\x00\xff\xfe garbage {{{", 17), QStringLiteral("not valid JSON")); }
    void otherShape() { expectSetAside(R"({"stations": [1, 2, 3], "hello": "world"})", QStringLiteral("not an Attention Lens")); }
    void jsonArray() { expectSetAside(R"([1, 2, 3])", QStringLiteral("not an Attention Lens")); }
    void stationsNotObject() {
        expectSetAside(R"({"format": "attention-lens-progress", "version": 1, "stations": 7})",
                       QStringLiteral("\"stations\""));
    }
    void newerVersion() {
        expectSetAside(R"({"format": "attention-lens-progress", "version": 99, "stations": {}})",
                       QStringLiteral("newer version"));
    }

    // A version past int's range used to read as 0 (QJsonValue::toInt's fallback) and pass as this one.
    void hugeVersion() {
        expectSetAside(R"({"format": "attention-lens-progress", "version": 1e300, "stations": {}})",
                       QStringLiteral("newer version"));
        expectSetAside(R"({"format": "attention-lens-progress", "version": 4294967297, "stations": {}})",
                       QStringLiteral("newer version"));
    }

    // The parser on bytes alone: what the store loads and why it refuses.
    // Versions are whole numbers from 1: -1 and 0.5 were never written by any version.
    void negativeVersion() {
        expectSetAside(R"({"format": "attention-lens-progress", "version": -1, "stations": {}})",
                       QStringLiteral("not one that Attention Lens writes"));
    }
    void fractionalVersion() {
        expectSetAside(R"({"format": "attention-lens-progress", "version": 0.5, "stations": {}})",
                       QStringLiteral("not one that Attention Lens writes"));
    }

    // A link as the progress file is set aside (the link itself) and never written through.
    void linkIsSetAsideNotFollowed() {
        QTemporaryDir dir;
        const QString victim = dir.filePath(QStringLiteral("victim.json"));
        const QByteArray valid = R"({"format": "attention-lens-progress", "version": 1, "stations": {"lens": {"visited": true}}})";
        write(victim, valid);
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        QVERIFY(QFile::link(victim, path));
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("lens")));
        QVERIFY2(s->notice().contains(QStringLiteral("symbolic link")), qPrintable(s->notice()));
        s->markVisited(QStringLiteral("math"));
        QCOMPARE(read(victim), valid);
        QVERIFY(!QFileInfo(path).isSymLink());
        QVERIFY(read(path).contains("\"math\""));
        const QStringList moved = QDir(dir.path()).entryList({QStringLiteral("progress.json.unusable-*")}, QDir::System | QDir::Files);
        QCOMPARE(moved.size(), 1);
        QVERIFY(QFileInfo(dir.filePath(moved.first())).isSymLink());
    }

    // A named pipe is seen and set aside at once, never opened for reading (which would block).
    void namedPipeIsSetAside() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!s->visited(QStringLiteral("lens")));
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY2(s->notice().contains(QStringLiteral("named pipe")), qPrintable(s->notice()));
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("progress.json.unusable-*")}, QDir::System).size(), 1);
    }

    // Far larger than a progress file can be (sparse: nothing is written): set aside, not read.
    void hugeFileIsSetAside() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        { QFile f(path); QVERIFY(f.open(QIODevice::WriteOnly)); QVERIFY(f.resize(30ll << 30)); }
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("lens")));
        QVERIFY2(s->notice().contains(QStringLiteral("bytes")), qPrintable(s->notice()));
        QCOMPARE(asideFiles(dir.path()).size(), 1);
    }

    // A compact file of about 1.9 MB that the app's indented writing would grow past the 4 MB it
    // reads back: the app's own save must stay readable, so that the next start keeps everything.
    void savedFileStaysReadable() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        QJsonObject stations;
        for (int i = 0; i < 800; ++i) {
            QJsonObject exercises;
            for (int j = 0; j < 30; ++j)
                exercises.insert(QStringLiteral("e%1").arg(j), QJsonObject{{"answer", "a"}, {"prediction", "b"}, {"correct", false}, {"at", "2026"}});
            stations.insert(QStringLiteral("s%1").arg(i), QJsonObject{{"visited", true}, {"exercises", exercises}});
        }
        const QJsonObject root{{"format", "attention-lens-progress"}, {"version", 1}, {"stations", stations}};
        write(path, QJsonDocument(root).toJson(QJsonDocument::Compact));
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("s799")));
        s->markVisited(QStringLiteral("lens"));
        QVERIFY(QFileInfo(path).size() <= 4 << 20);
        s->setFilePath(QString());
        s->setFilePath(path);
        QVERIFY2(s->visited(QStringLiteral("lens")) && s->visited(QStringLiteral("s799")), qPrintable(s->notice()));
        QCOMPARE(asideFiles(dir.path()).size(), 0);
    }

    // A file just under the cap whose bulk is a key no version writes: adding an answer would
    // push it over. The file as it was is set aside byte for byte, the learner is told where, and
    // the answers are saved without that key, rather than every later answer being lost.
    void unknownBulkIsSetAsideSoAnswersAreSaved_data() {
        QTest::addColumn<bool>("inAnAnswer");
        QTest::newRow("a key at the top") << false;
        QTest::newRow("a key in a kept answer") << true;
    }
    void unknownBulkIsSetAsideSoAnswersAreSaved() {
        QFETCH(bool, inAnAnswer);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        // The bulk fills the file to 20 bytes under the 4 MB cap, so that one more answer cannot fit.
        const auto fileWith = [&](const QString& bulk) {
            QJsonObject mask{{"visited", true}};
            if (inAnAnswer)
                mask.insert(QStringLiteral("exercises"),
                            QJsonObject{{"mask-blocked", QJsonObject{{"prediction", "1"}, {"answer", "1"}, {"correct", true}, {"notes", bulk}}}});
            QJsonObject root{{"format", "attention-lens-progress"}, {"version", 1}, {"stations", QJsonObject{{"mask", mask}}}};
            if (!inAnAnswer)
                root.insert(QStringLiteral("notes"), bulk);
            return root;
        };
        const qsizetype frame = QJsonDocument(fileWith(QString())).toJson(QJsonDocument::Compact).size();
        const QJsonObject root = fileWith(QString((4 << 20) - frame - 20, QLatin1Char('x')));
        const QByteArray original = QJsonDocument(root).toJson(QJsonDocument::Compact);
        QVERIFY(original.size() < 4 << 20);
        write(path, original);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("mask")));
        s->recordAnswer(QStringLiteral("lens"), QStringLiteral("lens-predict-argmax"), QStringLiteral("1"), QStringLiteral("1"), true);
        QVERIFY(!s->hasUnsavedChanges());
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1);
        QFile kept(dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), original);
        QVERIFY2(s->notice().contains(aside.first()), qPrintable(s->notice()));
        s->setFilePath(QString());
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("mask")));
        QCOMPARE(s->answer(QStringLiteral("lens"), QStringLiteral("lens-predict-argmax")).value(QStringLiteral("prediction")).toString(), QStringLiteral("1"));
        if (inAnAnswer) // the answer itself is kept, without the data beside it
            QCOMPARE(s->answer(QStringLiteral("mask"), QStringLiteral("mask-blocked")).value(QStringLiteral("prediction")).toString(), QStringLiteral("1"));
    }

    // What a save killed between its write and its rename left is removed by the next load.
    void leftoverTemporaryIsRemoved() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        write(path, R"({"format": "attention-lens-progress", "version": 1, "stations": {"lens": {"visited": true}}})");
        write(path + QStringLiteral(".saving-x1Y2z3"), "{\"format\": \"attention-lens-pro");
        write(path + QStringLiteral(".backup"), "mine");
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(s->visited(QStringLiteral("lens")));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{"progress.json", "progress.json.backup"}));
    }

    void parseFromBytes() {
        using al::course::parseProgressFile;
        const auto ok = parseProgressFile(
            R"({"format": "attention-lens-progress", "version": 1, "stations": {"math": {"visited": true}}})");
        QVERIFY2(ok.problem.isEmpty(), qPrintable(ok.problem));
        QVERIFY(ok.stations.value(QStringLiteral("math")).toObject().value(QStringLiteral("visited")).toBool());
        // No release wrote a version below 1 or between whole numbers.
        const auto odd = parseProgressFile(R"({"format": "attention-lens-progress", "version": 0.5, "stations": {}})");
        QVERIFY2(odd.problem.contains(QStringLiteral("not one that Attention Lens writes")), qPrintable(odd.problem));
        QVERIFY(odd.stations.isEmpty());
        QVERIFY(parseProgressFile(QByteArray()).problem.contains(QStringLiteral("not valid JSON")));
        QVERIFY(parseProgressFile(R"({"format": "attention-lens-progress", "stations": {}})")
                    .problem.contains(QStringLiteral("no version")));
        const auto newer = parseProgressFile(R"({"format": "attention-lens-progress", "version": 2, "stations": {}})");
        QVERIFY2(newer.problem.contains(QStringLiteral("format 2;")), qPrintable(newer.problem));
        QVERIFY(newer.stations.isEmpty());
    }

    void unreadableFile() {
        if (::geteuid() == 0)
            QSKIP("running as root: file permissions do not apply");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        const QByteArray bytes = R"({"format": "attention-lens-progress", "version": 1, "stations": {"math": {"visited": true}}})";
        write(path, bytes);
        QFile::setPermissions(path, QFileDevice::Permissions());
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("math")));
        QVERIFY2(s->notice().contains(QStringLiteral("could not be read")), qPrintable(s->notice()));
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 1); // renamed aside (renaming needs only the directory's permission)
        QFile::setPermissions(dir.filePath(aside.first()), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(read(dir.filePath(aside.first())), bytes);
    }

    // Root-proof variants of the two above: a folder where the file should be cannot be read as a
    // file, and a folder under a regular file cannot be created.
    void pathIsADirectory() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        QVERIFY(QDir().mkpath(path));
        write(path + QStringLiteral("/keep.txt"), "mine");
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("math")));
        QVERIFY2(s->notice().contains(QStringLiteral("a folder, not a regular file")), qPrintable(s->notice()));
        const QStringList aside = asideFiles(dir.path());
        QCOMPARE(aside.size(), 0); // asideFiles lists files; the folder was moved aside whole
        const QStringList moved = QDir(dir.path()).entryList({QStringLiteral("progress.json.unusable-*")}, QDir::Dirs);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(read(dir.filePath(moved.first()) + QStringLiteral("/keep.txt")), QByteArray("mine"));
    }

    void unwritableLocation() {
        QTemporaryDir dir;
        write(dir.filePath(QStringLiteral("afile")), "x");
        const QString path = dir.filePath(QStringLiteral("afile/progress.json"));
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        s->recordAnswer(QStringLiteral("mask"), QStringLiteral("row"), QStringLiteral("2"), QStringLiteral("3"), false);
        QVERIFY2(s->notice().contains(QStringLiteral("could not be saved")), qPrintable(s->notice()));
        QCOMPARE(s->answer(QStringLiteral("mask"), QStringLiteral("row")).value(QStringLiteral("answer")).toString(),
                 QStringLiteral("3")); // kept in memory
        QCOMPARE(read(dir.filePath(QStringLiteral("afile"))), QByteArray("x"));
    }

    void readOnlyDirectory() {
        if (::geteuid() == 0)
            QSKIP("running as root: directory permissions do not apply");
        QTemporaryDir dir;
        const QString sub = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/progress.json");
        // An unusable file in a read-only folder cannot be set aside: it must stay untouched.
        write(path, "not json at all");
        QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        QVERIFY(!s->visited(QStringLiteral("math")));
        QVERIFY2(s->notice().contains(QStringLiteral("left untouched")), qPrintable(s->notice()));
        s->markVisited(QStringLiteral("math")); // kept in memory, not written over the old file
        QVERIFY(s->visited(QStringLiteral("math")));
        QCOMPARE(read(path), QByteArray("not json at all"));

        // No file yet in a read-only folder: saving fails with a notice, progress stays in memory.
        const QString path2 = sub + QStringLiteral("/fresh.json");
        s->setFilePath(path2);
        s->markVisited(QStringLiteral("heads"));
        QVERIFY(s->visited(QStringLiteral("heads")));
        QVERIFY2(s->notice().contains(QStringLiteral("could not be saved")), qPrintable(s->notice()));
        QVERIFY(!QFile::exists(path2));
        QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    // A full disk while saving: a notice, the file saved before is intact byte for byte (no half-
    // written file in its place, no temporary left behind), the new progress stays in memory, and
    // once there is room again the next save writes it all.
    void diskFullKeepsWhatWasSaved() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.json"));
        ProgressStore* s = ProgressStore::instance();
        s->setFilePath(path);
        s->recordAnswer(QStringLiteral("heads"), QStringLiteral("count-sinks"), QStringLiteral("3"), QStringLiteral("2"), false);
        QVERIFY(s->notice().isEmpty());
        const QByteArray before = read(path);
        QVERIFY(before.contains("count-sinks"));
        QSignalSpy noticeSpy(s, &ProgressStore::noticeChanged);
        {
            storage_failures::DiskFull full(64);
            s->recordAnswer(QStringLiteral("mask"), QStringLiteral("row"), QStringLiteral("2"), QStringLiteral("3"), true);
        }
        QVERIFY2(s->notice().contains(QStringLiteral("could not be saved")), qPrintable(s->notice()));
        QVERIFY2(s->notice().contains(QStringLiteral("saved before is unchanged")), qPrintable(s->notice()));
        QCOMPARE(noticeSpy.count(), 1);
        QVERIFY(s->hasUnsavedChanges());
        QCOMPARE(read(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("progress.json")});
        QCOMPARE(s->answer(QStringLiteral("mask"), QStringLiteral("row")).value(QStringLiteral("answer")).toString(),
                 QStringLiteral("3"));

        s->markVisited(QStringLiteral("not")); // room again
        QVERIFY2(s->notice().isEmpty(), qPrintable(s->notice()));
        QVERIFY(!s->hasUnsavedChanges());
        s->setFilePath(path);
        QCOMPARE(s->answer(QStringLiteral("heads"), QStringLiteral("count-sinks")).value(QStringLiteral("prediction")).toString(),
                 QStringLiteral("3"));
        QCOMPARE(s->answer(QStringLiteral("mask"), QStringLiteral("row")).value(QStringLiteral("answer")).toString(),
                 QStringLiteral("3"));
        QVERIFY(s->visited(QStringLiteral("not")));
    }

    // The data folder became read-only after progress was saved: saving fails with a notice, the
    // saved file still reads back whole, and nothing is written beside it.
    void readOnlyFolderKeepsWhatWasSaved() {
        QTemporaryDir dir;
        const QString sub = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/progress.json");
        const QString problem = storage_failures::withoutPrivileges(dir.path(), [&]() -> QString {
            ProgressStore* s = ProgressStore::instance();
            s->setFilePath(path);
            s->recordAnswer(QStringLiteral("heads"), QStringLiteral("count-sinks"), QStringLiteral("3"), QStringLiteral("2"), false);
            const QByteArray before = read(path);
            if (before.isEmpty() || !s->notice().isEmpty())
                return QStringLiteral("the first save failed: ") + s->notice();
            QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            s->recordAnswer(QStringLiteral("mask"), QStringLiteral("row"), QStringLiteral("2"), QStringLiteral("3"), true);
            const QString notice = s->notice();
            const QStringList files = QDir(sub).entryList(QDir::Files);
            const QByteArray after = read(path);
            QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            if (!notice.contains(QStringLiteral("could not be saved")))
                return QStringLiteral("no notice: ") + notice;
            if (after != before)
                return QStringLiteral("the saved file changed");
            if (files != QStringList{QStringLiteral("progress.json")})
                return QStringLiteral("files left beside it: ") + files.join(QLatin1Char(' '));
            if (s->answer(QStringLiteral("mask"), QStringLiteral("row")).isEmpty())
                return QStringLiteral("the new answer was lost from memory");
            s->setFilePath(path);
            if (s->answer(QStringLiteral("heads"), QStringLiteral("count-sinks")).value(QStringLiteral("answer")).toString()
                != QStringLiteral("2"))
                return QStringLiteral("the saved answer does not read back");
            return {};
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestProgressStore)
#include "test_progress_store.moc"
