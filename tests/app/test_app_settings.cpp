// Settings (window geometry, last station, reading pane) when they cannot be saved: a full disk,
// a read-only settings folder, and a lock file left in the way that Qt cannot remove. The app says so (AppState.settingsNotice, shown by the shell)
// and the settings saved before stay on disk as they were.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QRect>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <chrono>
#include <filesystem>

#include "app_state.h"
#include "storage_failures.h"

namespace {
QTemporaryDir* configHome = nullptr; // XDG_CONFIG_HOME for this run: never the user's own settings

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestAppSettings : public QObject {
    Q_OBJECT

private slots:
    // A save killed between its write and its rename leaves "<file>.saving-XXXXXX": the first read
    // removes one a minute old; a fresh one may be another copy's save in progress and stays.
    // (First: the app looks once per run.)
    void staleSaveTemporariesAreRemoved() {
        const QString file = AppState::settingsFile();
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        const QString old = file + QStringLiteral(".saving-AbC123");
        const QString fresh = file + QStringLiteral(".saving-XyZ789");
        for (const QString& path : {old, fresh}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[General]\nlastStation=half");
        }
        {
            QFile f(old);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-120), QFileDevice::FileModificationTime));
        }
        (void)AppState::instance()->storedSetting(QStringLiteral("lastStation"));
        QVERIFY(!QFile::exists(old));
        QVERIFY(QFile::exists(fresh));
        QFile::remove(fresh);
    }

    // QSettings reads and writes only private copies of the settings file, in a folder under TMPDIR:
    // each is removed once used, so a process killed later (kill -9) leaves no copy of the settings
    // behind, only an empty folder.
    void privateCopiesAreRemovedAfterUse() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("mask"));
        QCOMPARE(state->storedSetting(QStringLiteral("lastStation")).toString(), QStringLiteral("mask"));
        const QString tmp = qEnvironmentVariable("TMPDIR");
        QVERIFY(tmp.startsWith(configHome->path()));
        QVERIFY2(!QDir(tmp).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(), "no private folder was made under TMPDIR");
        QStringList left;
        QDirIterator it(tmp, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) left << it.next();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
    }

    void diskFullKeepsSavedSettings() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("heads"));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        const QString file = AppState::settingsFile();
        QVERIFY2(file.startsWith(configHome->path()), qPrintable(file));
        const QByteArray before = read(file);
        QVERIFY(before.contains("heads"));

        QSignalSpy noticeSpy(state, &AppState::settingsNoticeChanged);
        {
            storage_failures::DiskFull full(16);
            state->setSetting(QStringLiteral("window/geometry"), QRect(10, 20, 1280, 800));
        }
        QCOMPARE(noticeSpy.count(), 1);
        QVERIFY2(state->settingsNotice().contains(QStringLiteral("could not be saved")), qPrintable(state->settingsNotice()));
        QVERIFY(state->settingsNotice().contains(QDir::toNativeSeparators(file)));
        QCOMPARE(read(file), before); // not truncated, not replaced
        QCOMPARE(QDir(QFileInfo(file).absolutePath()).entryList(QDir::Files), QStringList{QFileInfo(file).fileName()});
        QCOMPARE(state->setting(QStringLiteral("lastStation")).toString(), QStringLiteral("heads"));

        // Room again: the next change is saved with the one that failed, and the notice goes away.
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("mask"));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        QSettings reread(file, QSettings::IniFormat);
        QCOMPARE(reread.value(QStringLiteral("lastStation")).toString(), QStringLiteral("mask"));
        QCOMPARE(reread.value(QStringLiteral("window/geometry")).toRect(), QRect(10, 20, 1280, 800));
    }

    void readOnlyFolderKeepsSavedSettings() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("temperature"));
        QVERIFY(state->settingsNotice().isEmpty());
        const QString file = AppState::settingsFile();
        const QString folder = QFileInfo(file).absolutePath();
        const QString problem = storage_failures::withoutPrivileges(configHome->path(), [&]() -> QString {
            const QByteArray before = read(file);
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            QFile::setPermissions(file, QFileDevice::ReadOwner);
            state->setSetting(QStringLiteral("lastStation"), QStringLiteral("not"));
            const QString notice = state->settingsNotice();
            const QByteArray after = read(file);
            const QStringList files = QDir(folder).entryList(QDir::Files);
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            if (!notice.contains(QStringLiteral("could not be saved")))
                return QStringLiteral("no notice: ") + notice;
            if (after != before || !after.contains("temperature"))
                return QStringLiteral("the saved settings changed");
            if (files != QStringList{QFileInfo(file).fileName()})
                return QStringLiteral("files left beside it: ") + files.join(QLatin1Char(' '));
            return {};
        });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // QSettings waits without end for its lock file ("<file>.lock"), and Qt cannot remove one that
    // is a folder. The app writes its settings itself (settings_file.h), so such a leftover is no
    // longer in the way: the change is saved at once, without a notice.
    void leftoverLockFileIsNotInTheWay() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("heads"));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        const QString file = AppState::settingsFile();
        const QString lock = file + QStringLiteral(".lock");
        QVERIFY(QDir().mkpath(lock));
        QElapsedTimer clock;
        clock.start();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("mask"));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QStringLiteral("the save took %1 ms").arg(clock.elapsed())));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        QSettings reread(file, QSettings::IniFormat);
        QCOMPARE(reread.value(QStringLiteral("lastStation")).toString(), QStringLiteral("mask"));
        QVERIFY(QDir().rmdir(lock));
    }

    // A link as the settings file: never followed, never written through. It is set aside (the
    // link itself, under a new name) with a notice, and the settings are saved in the real folder.
    void linkedSettingsFileIsSetAside() {
        AppState* state = AppState::instance();
        const QString file = AppState::settingsFile();
        QFile::remove(file);
        const QString victim = configHome->filePath(QStringLiteral("victim.txt"));
        const QByteArray victimBytes = QByteArray("someone else's file\n").repeated(60);
        { QFile f(victim); QVERIFY(f.open(QIODevice::WriteOnly)); f.write(victimBytes); }
        QVERIFY(QFile::link(victim, file));
        QSignalSpy noticeSpy(state, &AppState::settingsNoticeChanged);
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("math"));
        QCOMPARE(read(victim), victimBytes);
        QVERIFY(!QFileInfo(file).isSymLink());
        QSettings reread(file, QSettings::IniFormat);
        QCOMPARE(reread.value(QStringLiteral("lastStation")).toString(), QStringLiteral("math"));
        const QStringList aside = QDir(QFileInfo(file).absolutePath()).entryList({QFileInfo(file).fileName() + QStringLiteral(".unusable-*")}, QDir::System | QDir::Files | QDir::Hidden);
        QCOMPARE(aside.size(), 1);
        QVERIFY(QFileInfo(QFileInfo(file).absolutePath() + QLatin1Char('/') + aside.first()).isSymLink());
        QVERIFY(noticeSpy.count() >= 1);
        QVERIFY2(state->settingsNotice().contains(QStringLiteral("symbolic link")) &&
                     state->settingsNotice().contains(aside.first()), qPrintable(state->settingsNotice()));
        QFile::remove(QFileInfo(file).absolutePath() + QLatin1Char('/') + aside.first());
    }

    // Garbage (binary bytes) as the settings file: set aside with its bytes, not rewritten silently.
    void garbageSettingsFileIsSetAside() {
        AppState* state = AppState::instance();
        const QString file = AppState::settingsFile();
        const QByteArray garbage("\x00\x01\xff[General]\nlastStation=\x80", 24);
        { QFile f(file); QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate)); f.write(garbage); }
        QCOMPARE(state->storedSetting(QStringLiteral("lastStation"), QStringLiteral("none")).toString(), QStringLiteral("none"));
        const QStringList aside = QDir(QFileInfo(file).absolutePath()).entryList({QFileInfo(file).fileName() + QStringLiteral(".unusable-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        const QString asidePath = QFileInfo(file).absolutePath() + QLatin1Char('/') + aside.first();
        QCOMPARE(read(asidePath), garbage);
        QVERIFY2(state->settingsNotice().contains(QStringLiteral("binary data")), qPrintable(state->settingsNotice()));
        QFile::remove(asidePath);
    }

    // QSettings decodes "@Variant(...)" with QDataStream: a nested list 40000 deep overflows the
    // stack, a 20-byte QPolygon claiming 0x1b8eeb77 points reserves gigabytes. Such a file (or one
    // that spells the '@' as an escape, or hides the value in a list) is set aside before QSettings
    // sees it, with its bytes and a notice.
    void binaryVariantSettingsAreSetAside() {
        AppState* state = AppState::instance();
        const QString file = AppState::settingsFile();
        const QByteArray level("\\0\\0\\0\\t\\0\\0\\0\\x1");
        const QList<QByteArray> hostile = {
            "[General]\ntheme=@Variant(" + level.repeated(40000) + "\\0\\0\\0\\x2\\0\\0\\0\\x1)\n",
            "[General]\nk=@Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[General]\nlastStation=\\x40Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[General]\nlastStation=\\0100Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[General]\nlastStation=lens, @Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[window]\ngeometry=@Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[window]\ngeometry=@Variant(\\0\\0\\0\\x14\\x1b\\x8e\\xeb\\x77), @Variant(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
            "[General]\nk=@DateTime(\\0\\0\\0\\x47\\x1b\\x8e\\xeb\\x77)\n",
        };
        for (const QByteArray& bytes : hostile) {
            QVERIFY(bytes.size() < 1 << 20);
            { QFile f(file); QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate)); f.write(bytes); }
            QCOMPARE(state->storedSetting(QStringLiteral("lastStation"), QStringLiteral("none")).toString(), QStringLiteral("none"));
            const QStringList aside = QDir(QFileInfo(file).absolutePath()).entryList({QFileInfo(file).fileName() + QStringLiteral(".unusable-*")}, QDir::Files);
            QCOMPARE(aside.size(), 1);
            const QString asidePath = QFileInfo(file).absolutePath() + QLatin1Char('/') + aside.first();
            QCOMPARE(read(asidePath), bytes);
            QVERIFY2(state->settingsNotice().contains(QStringLiteral("@Variant")), qPrintable(state->settingsNotice()));
            QFile::remove(asidePath);
        }
    }

    // The window's geometry is written as "@Rect(...)", never in the binary form reading refuses;
    // the QRectF form an earlier version wrote is still read, not set aside.
    void geometryNeedsNoBinaryValue() {
        AppState* state = AppState::instance();
        const QString file = AppState::settingsFile();
        QFile::remove(file);
        state->setSetting(QStringLiteral("window/geometry"), QRectF(10.4, 20, 400, 350));
        state->setSetting(QStringLiteral("window/maximized"), true);
        state->setSetting(QStringLiteral("models/opened"), QStringList{QStringLiteral("/m/a"), QStringLiteral("/m/b, c")});
        const QByteArray written = read(file);
        QVERIFY2(!written.contains("@Variant(") && written.contains("@Rect(10 20 400 350)"), written.constData());
        QFile::remove(file);
        {
            QSettings legacy(file, QSettings::IniFormat);
            legacy.setValue(QStringLiteral("window/geometry"), QRectF(12.5, 44, 640, 480));
            legacy.setValue(QStringLiteral("lastStation"), QStringLiteral("heads"));
        }
        QVERIFY(read(file).contains("geometry=@Variant(\\0\\0\\0\\x14"));
        QCOMPARE(state->storedSetting(QStringLiteral("lastStation")).toString(), QStringLiteral("heads"));
        QCOMPARE(state->storedSetting(QStringLiteral("window/geometry")).toRectF(), QRectF(12.5, 44, 640, 480));
        QVERIFY(QDir(QFileInfo(file).absolutePath()).entryList({QStringLiteral("*.unusable-*")}, QDir::Files).isEmpty());
        QFile::remove(file);
    }

    // A hand-edited window size larger than any screen comes back cut to the screen, on it.
    void restoredGeometryFitsTheScreen() {
        AppState* state = AppState::instance();
        const QRect room = QGuiApplication::primaryScreen()->availableGeometry();
        for (const QRect saved : {QRect(0, 0, 32767, 32767), QRect(-90000, 90000, 2000, 2000), QRect(10, 20, 400, 350)}) {
            state->setSetting(QStringLiteral("window/geometry"), saved);
            const QRect r = state->restoredWindowGeometry();
            QVERIFY2(room.contains(r), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
            QCOMPARE(r.size(), saved.size().boundedTo(room.size()));
        }
        state->setSetting(QStringLiteral("window/geometry"), QStringLiteral("@Rect(nonsense)"));
        QVERIFY(state->restoredWindowGeometry().isEmpty());
    }

    // An exported image is written atomically: a full disk leaves the earlier export whole.
    void imageExportKeepsTheEarlierFileOnAFullDisk() {
        AppState* state = AppState::instance();
        const QString png = configHome->filePath(QStringLiteral("figure.png"));
        QImage small(40, 30, QImage::Format_RGB32);
        small.fill(Qt::red);
        QCOMPARE(state->saveImage(small, png), QString());
        const QByteArray before = read(png);
        QVERIFY(before.startsWith("\x89PNG"));
        QImage large(800, 600, QImage::Format_RGB32);
        for (int y = 0; y < large.height(); ++y)
            for (int x = 0; x < large.width(); ++x)
                large.setPixel(x, y, qRgb(x * 7 % 256, y * 13 % 256, (x ^ y) % 256));
        QString why;
        {
            storage_failures::DiskFull full(before.size() + 16);
            why = state->saveImage(large, png);
        }
        QVERIFY(!why.isEmpty());
        QCOMPARE(read(png), before);
        QCOMPARE(QDir(configHome->path()).entryList({QStringLiteral("figure.png*")}, QDir::Files), QStringList{QStringLiteral("figure.png")});
    }
};

int main(int argc, char** argv) {
    QTemporaryDir dir;
    configHome = &dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    QDir(dir.path()).mkpath(QStringLiteral("tmp")); // where the app's private copies go, watched by a test
    qputenv("TMPDIR", (dir.path() + QStringLiteral("/tmp")).toUtf8());
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Attention Lens"));
    QGuiApplication::setApplicationName(QStringLiteral("Attention Lens settings test"));
    TestAppSettings test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_settings.moc"
