// setFileAside: an unusable file is renamed, never overwritten and never overwriting. Two files set
// aside in the same second each keep a name of their own.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/state_file.h"

namespace {
bool put(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}
QByteArray slurp(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestStateFile : public QObject {
    Q_OBJECT
private slots:
    void filesSetAsideInOneSecondKeepTheirOwnNames() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("progress.json"));
        // The names this second and the next would get, already taken: they must stay as they are.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList taken;
        for (const QDateTime& t : {now, now.addSecs(1)}) {
            taken << file + QStringLiteral(".unusable-") + t.toString(QStringLiteral("yyyyMMdd-HHmmss"));
            QVERIFY(put(taken.last(), "set aside before"));
        }
        QStringList asides;
        for (const QByteArray& bytes : {QByteArray("first"), QByteArray("second"), QByteArray("third")}) {
            QVERIFY(put(file, bytes));
            const QString aside = al::app::setFileAside(file);
            QVERIFY2(!aside.isEmpty(), "not set aside");
            QVERIFY(!QFile::exists(file));
            QVERIFY2(!asides.contains(aside) && !taken.contains(aside), qPrintable(aside));
            QCOMPARE(slurp(aside), bytes);
            asides << aside;
        }
        for (const QString& t : taken)
            QCOMPARE(slurp(t), QByteArray("set aside before"));
        for (int i = 0; i < asides.size(); ++i)
            QCOMPARE(slurp(asides[i]), (QList<QByteArray>{"first", "second", "third"}[i]));
    }

    // A link is moved as it is (its target untouched); a folder is moved whole.
    void linksAndFoldersAreMovedAsTheyAre() {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("target.txt"));
        QVERIFY(put(target, "keep"));
        const QString link = dir.filePath(QStringLiteral("instance.lock"));
        QVERIFY(QFile::link(target, link));
        const QString movedLink = al::app::setFileAside(link);
        QVERIFY(QFileInfo(movedLink).isSymLink());
        QCOMPARE(slurp(target), QByteArray("keep"));
        QVERIFY(QDir().mkpath(link + QStringLiteral("/inside")));
        const QString movedDir = al::app::setFileAside(link);
        QVERIFY(!movedDir.isEmpty() && movedDir != movedLink);
        QVERIFY(QFileInfo(movedDir + QStringLiteral("/inside")).isDir());
    }
};

QTEST_GUILESS_MAIN(TestStateFile)
#include "test_state_file.moc"
