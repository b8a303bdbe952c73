// attention-lens: the course app. Parses the command line, loads the model off the GUI thread,
// opens the QML shell, and in --screenshot mode saves the window once the station shows results.
#include "attention_lens/threads.h"
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>
#include <cstdio>

#include "app_state.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

void setWindowIcon(QApplication& app) {
    QIcon icon;
    for (const char* path : {":/resources/icons/attention-lens.svg", ":/resources/icons/attention-lens.png",
                             ":/resources/icons/org.attentionlens.AttentionLens.svg",
                             ":/resources/icons/org.attentionlens.AttentionLens.png"})
        if (QFileInfo::exists(QString::fromLatin1(path)))
            icon.addFile(QString::fromLatin1(path));
    if (icon.isNull())
        icon = QIcon::fromTheme(QStringLiteral(AL_APP_ID));
    if (!icon.isNull())
        app.setWindowIcon(icon);
}

} // namespace

int main(int argc, char* argv[]) {
    al::configure_threads(); // before any model runs: BLAS workers that sleep instead of spin
    QApplication app(argc, argv); // QApplication (not QGuiApplication): Qt Charts needs it
    QApplication::setApplicationName(QStringLiteral("Attention Lens"));
    QApplication::setOrganizationName(QStringLiteral("Attention Lens"));
    QApplication::setOrganizationDomain(QStringLiteral("attentionlens.org"));
    QApplication::setApplicationVersion(QStringLiteral(AL_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(AL_APP_ID));
    setWindowIcon(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A desktop course on transformer self-attention that runs GPT-2 live on your own text."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption stationOpt(QStringLiteral("station"), QStringLiteral("Open the station with this id (e.g. lens; map: the course map)."), QStringLiteral("ID"));
    const QCommandLineOption textOpt(QStringLiteral("text"), QStringLiteral("Start with this text."), QStringLiteral("STR"));
    const QCommandLineOption modelOpt(QStringLiteral("model"), QStringLiteral("Load the GPT-2-style model in this folder (config.json, model.safetensors, vocab.json, merges.txt)."), QStringLiteral("DIR"));
    const QCommandLineOption themeOpt(QStringLiteral("theme"), QStringLiteral("Colour theme: light or dark (default: follow the system)."), QStringLiteral("light|dark"));
    const QCommandLineOption shotOpt(QStringLiteral("screenshot"), QStringLiteral("Render the station with the text, wait for the model's results, save the window as PNG to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1280x800)."), QStringLiteral("WxH"));
    parser.addOptions({stationOpt, textOpt, modelOpt, themeOpt, shotOpt, sizeOpt});
    parser.process(app);

    AppState* state = AppState::instance();
    if (parser.isSet(themeOpt)) {
        const QString theme = parser.value(themeOpt).toLower();
        if (theme != QLatin1String("light") && theme != QLatin1String("dark")) {
            std::fprintf(stderr, "attention-lens: --theme must be light or dark, not \"%s\"\n", qPrintable(theme));
            return 2;
        }
        state->setThemeOverride(theme);
    }
    const QString shot = parser.value(shotOpt);
    state->setScreenshotMode(!shot.isEmpty());
    state->setInitialStation(parser.value(stationOpt));
    if (!shot.isEmpty() && parser.value(stationOpt).isEmpty())
        state->setInitialStation(QStringLiteral("lens"));

    ModelHub* hub = ModelHub::instance();
    if (parser.isSet(textOpt))
        hub->setText(parser.value(textOpt));
    if (parser.isSet(modelOpt))
        hub->loadModel(parser.value(modelOpt));
    else
        hub->loadEmbeddedModel();

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/")); // the static AttentionLens module lives at qrc:/AttentionLens
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/AttentionLens/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());

    if (!shot.isEmpty() && window) {
        QSize size(1280, 800);
        if (parser.isSet(sizeOpt)) {
            const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
            if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
                size = QSize(wh[0].toInt(), wh[1].toInt());
        }
        window->resize(size);
        auto save = [window, shot] {
            const QImage image = window->grabWindow();
            if (image.isNull() || !image.save(shot, "PNG")) {
                std::fprintf(stderr, "attention-lens: could not save the screenshot to %s\n", qPrintable(shot));
                QCoreApplication::exit(1);
                return;
            }
            std::printf("attention-lens: saved %dx%d screenshot to %s\n", image.width(), image.height(), qPrintable(shot));
            QCoreApplication::exit(0);
        };
        // Once the station says its figures show the model's results, give the scene graph a few
        // frames to draw them, then grab.
        QObject::connect(state, &AppState::figuresShown, window, [save] { QTimer::singleShot(400, save); },
                         Qt::SingleShotConnection);
        // Without a model there is nothing to wait for: capture the "what is missing" screen.
        QObject::connect(hub, &ModelHub::errorChanged, window, [save, hub] {
            if (!hub->ready()) QTimer::singleShot(800, save);
        });
        QTimer::singleShot(60000, window, [shot] {
            std::fprintf(stderr, "attention-lens: timed out waiting for the station's results (%s)\n", qPrintable(shot));
            QCoreApplication::exit(3);
        });
    }
    return app.exec();
}
