// kill -9 at random moments while the progress is being saved, many times over: after every kill
// the progress file is whole and holds every answer the killed process had committed (recordAnswer
// returned), and the temporary file a kill between write and rename leaves is cleaned up by the
// next load. The writer is this same program started with --writer.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>

#include "course/progress_file.h"
#include "course/progress_store.h"

namespace {

// Records answers "<round>-<n>" one after another, saying on stdout each time one was committed.
int writer(const QString& file, const QString& round) {
    ProgressStore* store = ProgressStore::instance();
    store->setFilePath(file);
    for (int n = 0;; ++n) {
        const QString id = round + QLatin1Char('-') + QString::number(n);
        store->recordAnswer(QStringLiteral("lens"), id, QStringLiteral("3"), QStringLiteral("3"), true);
        std::printf("committed %s\n", qPrintable(id));
        std::fflush(stdout);
    }
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProgressKillLoop : public QObject {
    Q_OBJECT

private slots:
    void killedSavesLoseNothing() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("progress.json"));
        QSet<QString> committed;
        int killedMidSave = 0;
        const int rounds = qEnvironmentVariableIntValue("AL_KILL_ROUNDS") > 0 ? qEnvironmentVariableIntValue("AL_KILL_ROUNDS") : 80;
        for (int round = 0; round < rounds; ++round) {
            QProcess p;
            p.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--writer"), file, QString::number(round)});
            QVERIFY(p.waitForStarted(10000));
            // Wait for the first commit, then kill at a random moment among the next saves.
            QVERIFY2(p.waitForReadyRead(10000), "the writer never committed an answer");
            QThread::usleep(QRandomGenerator::global()->bounded(1, 30000));
            ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(10000));
            for (const QByteArray& line : p.readAllStandardOutput().split('\n'))
                if (line.startsWith("committed "))
                    committed.insert(QString::fromUtf8(line.mid(10)));
            if (!QDir(dir.path()).entryList({QStringLiteral("progress.json.saving-*")}).isEmpty())
                ++killedMidSave;

            const al::course::ProgressFileContents contents = al::course::parseProgressFile(read(file));
            QVERIFY2(contents.problem.isEmpty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(contents.problem)));
            const QJsonObject saved =
                contents.stations.value(QStringLiteral("lens")).toObject().value(QStringLiteral("exercises")).toObject();
            for (const QString& id : committed)
                QVERIFY2(saved.contains(id), qPrintable(QStringLiteral("round %1: committed answer %2 lost").arg(round).arg(id)));
        }
        qInfo("%d rounds, %lld answers committed, %d kills left a temporary file", rounds,
              qlonglong(committed.size()), killedMidSave);

        // The next load removes any temporary file a kill left, and keeps every answer.
        ProgressStore* store = ProgressStore::instance();
        store->setFilePath(file);
        for (const QString& id : committed)
            QVERIFY(!store->answer(QStringLiteral("lens"), id).isEmpty());
        QVERIFY(store->notice().isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("progress.json")});
    }
};

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc == 4 && QByteArray(argv[1]) == "--writer")
        return writer(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    TestProgressKillLoop test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_progress_kill_loop.moc"
