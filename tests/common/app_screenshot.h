// Runs the built app with --screenshot in a throw-away settings folder and returns what it wrote:
// the PNG (null if none) and the app's log. Shared by the smoke test and the per-station tests.
#pragma once
#include <QImage>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

struct AppScreenshot {
    bool finished = false; // exited normally with code 0 within the time limit
    QString log;
    QImage image;
};

inline AppScreenshot runAppScreenshot(const QString& binary, const QString& model, const QString& station,
                                      const QString& text, const QString& theme) {
    AppScreenshot out;
    QTemporaryDir dir;
    const QString png = dir.filePath(station + QStringLiteral(".png"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(binary, {QStringLiteral("--model"), model, QStringLiteral("--station"), station, QStringLiteral("--text"), text,
                       QStringLiteral("--theme"), theme, QStringLiteral("--screenshot"), png});
    const bool done = app.waitForFinished(90000);
    out.log = QString::fromUtf8(app.readAll());
    out.finished = done && app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0;
    out.image = QImage(png);
    return out;
}
