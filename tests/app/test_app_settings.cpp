// Settings (window geometry, last station, reading pane) when they cannot be saved: a full disk,
// a read-only settings folder, and a lock file left in the way that Qt cannot remove. The app says so (AppState.settingsNotice, shown by the shell)
// and the settings saved before stay on disk as they were.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QRect>
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
    void diskFullKeepsSavedSettings() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("heads"));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        const QString file = QSettings().fileName();
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
        const QString file = QSettings().fileName();
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

    // QSettings waits without end for its lock file ("<file>.lock"); Qt removes one a crashed run
    // left, but not one it cannot delete (here a folder of that name). The app must not hang: it
    // says what is in the way, that nothing is lost and what to do, and saves once it is gone.
    void leftoverLockFileKeepsSavedSettings() {
        AppState* state = AppState::instance();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("heads"));
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        const QString file = QSettings().fileName();
        const QByteArray before = read(file);
        QVERIFY(before.contains("heads"));
        const QString lock = file + QStringLiteral(".lock");
        QVERIFY(QDir().mkpath(lock));
        // Older than Qt's 30 s "stale" age, so Qt itself tries (and fails) to remove it.
        std::filesystem::last_write_time(lock.toStdString(),
                                         std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));

        QSignalSpy noticeSpy(state, &AppState::settingsNoticeChanged);
        QElapsedTimer clock;
        clock.start();
        state->setSetting(QStringLiteral("lastStation"), QStringLiteral("mask"));
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QStringLiteral("the save took %1 ms").arg(clock.elapsed())));
        QCOMPARE(noticeSpy.count(), 1);
        const QString notice = state->settingsNotice();
        // What happened, that nothing is lost, and what to do, naming the file to delete.
        QVERIFY2(notice.contains(QStringLiteral("could not be saved")), qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("lock file ") + QDir::toNativeSeparators(lock)), qPrintable(notice));
        QVERIFY2(!notice.contains(QStringLiteral("read-only")) && !notice.contains(QStringLiteral("disk is full")),
                 qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("Nothing is lost")) && notice.contains(QStringLiteral("unchanged")),
                 qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("delete ") + QDir::toNativeSeparators(lock)), qPrintable(notice));
        QCOMPARE(read(file), before); // the saved settings as they were
        QCOMPARE(state->setting(QStringLiteral("lastStation")).toString(), QStringLiteral("mask")); // kept while open

        // The lock gone: the next change is saved together with the one that waited.
        QVERIFY(QDir().rmdir(lock));
        state->setSetting(QStringLiteral("station/proseVisible"), false);
        QVERIFY2(state->settingsNotice().isEmpty(), qPrintable(state->settingsNotice()));
        QSettings reread(file, QSettings::IniFormat);
        QCOMPARE(reread.value(QStringLiteral("lastStation")).toString(), QStringLiteral("mask"));
        QCOMPARE(reread.value(QStringLiteral("station/proseVisible")).toBool(), false);
    }
};

int main(int argc, char** argv) {
    QTemporaryDir dir;
    configHome = &dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("Attention Lens"));
    QGuiApplication::setApplicationName(QStringLiteral("Attention Lens settings test"));
    TestAppSettings test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_settings.moc"
