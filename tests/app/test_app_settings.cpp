// Settings (window geometry, last station, reading pane) when they cannot be saved: a full disk
// and a read-only settings folder. The app says so (AppState.settingsNotice, shown by the shell)
// and the settings saved before stay on disk as they were.
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QRect>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

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
