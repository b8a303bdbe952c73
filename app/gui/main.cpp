// attention-lens: the course app. Parses the command line, loads the model off the GUI thread,
// opens the QML shell, and in --screenshot mode saves the window once the station shows every
// figure and exercise answer for the model (however long that takes on a large model), or exits
// with code 3 after --timeout seconds: a watchdog thread on a steady clock, so the deadline holds
// even while the GUI thread is blocked.
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
#include <algorithm>
#include <chrono>
#include <memory>
#include <cstdio>
#include <optional>
#include <string>

#include "app_state.h"
#include "memory_release.h"
#include "compute/watchdog.h"
#include "course/progress_store.h"
#include "i18n/translations.h"
#include "model_hub.h"
#include "screenshot_reveal.h"
#include "single_instance.h"
#include "storage/app_folders.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

// An option that takes one of two words: its value in lower case, "" when it is not given, or
// nothing (after one line on stderr) when it is neither word.
std::optional<QString> oneOf(const QCommandLineParser& parser, const QCommandLineOption& option, QLatin1String a,
                             QLatin1String b) {
    if (!parser.isSet(option))
        return QString();
    const QString value = parser.value(option).toLower();
    if (value == a || value == b)
        return value;
    std::fprintf(stderr, "attention-lens: --%s must be %s or %s, not \"%s\"\n", qPrintable(option.names().constFirst()),
                 a.data(), b.data(), qPrintable(value));
    return std::nullopt;
}

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
    memory_release::configureAllocator(); // before any thread allocates: see memory_release.h
    al::configure_threads(); // before any model runs: BLAS workers that sleep instead of spin
    QApplication app(argc, argv); // QApplication (not QGuiApplication): Qt Charts needs it
    QApplication::setApplicationName(QLatin1String(al::app::kApplicationName));
    QApplication::setOrganizationName(QLatin1String(al::app::kOrganizationName));
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
    const QCommandLineOption contrastOpt(QStringLiteral("contrast"), QStringLiteral("Contrast: high or normal (default: follow the desktop's high-contrast setting, or AL_HIGH_CONTRAST=1)."), QStringLiteral("high|normal"));
    const QCommandLineOption shotOpt(QStringLiteral("screenshot"), QStringLiteral("Render the station with the text, wait for the model's results, save the window as PNG to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1280x800)."), QStringLiteral("WxH"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"), QStringLiteral("For --screenshot: give up after SECONDS and exit with code 3 (default 120)."), QStringLiteral("SECONDS"));
    const QCommandLineOption revealOpt(QStringLiteral("reveal"), QStringLiteral("For --screenshot: commit a prediction on every exercise first, so the figures show what they show after predicting."));
    parser.addOptions({stationOpt, textOpt, modelOpt, themeOpt, contrastOpt, shotOpt, sizeOpt, timeoutOpt, revealOpt});
    parser.process(app);

    AppState* state = AppState::instance();
    const std::optional<QString> theme = oneOf(parser, themeOpt, QLatin1String("light"), QLatin1String("dark"));
    if (!theme)
        return 2;
    if (!theme->isEmpty())
        state->setThemeOverride(*theme);
    const std::optional<QString> contrast = oneOf(parser, contrastOpt, QLatin1String("high"), QLatin1String("normal"));
    if (!contrast)
        return 2;
    if (!contrast->isEmpty())
        state->setContrastOverride(*contrast);
    const QString shot = parser.value(shotOpt);
    double timeoutSeconds = 120;
    if (parser.isSet(timeoutOpt)) {
        bool ok = false;
        timeoutSeconds = parser.value(timeoutOpt).toDouble(&ok);
        if (!ok || !(timeoutSeconds > 0) || timeoutSeconds > 86400) {
            std::fprintf(stderr, "attention-lens: --timeout must be a number of seconds between 0 and 86400, not \"%s\"\n",
                         qPrintable(parser.value(timeoutOpt)));
            return 2;
        }
    }
    compute::Watchdog watchdog;
    if (!shot.isEmpty())
        watchdog.arm(std::chrono::milliseconds(qint64(timeoutSeconds * 1000)),
                     "attention-lens: timed out after " + QString::number(timeoutSeconds).toStdString() +
                         " s waiting for the station's figures and answers (" + shot.toStdString() +
                         "); a larger model may need a longer --timeout",
                     3);
    state->setScreenshotMode(!shot.isEmpty());
    state->setInitialStation(parser.value(stationOpt));
    if (!shot.isEmpty() && parser.value(stationOpt).isEmpty())
        state->setInitialStation(QStringLiteral("lens"));

    // One copy per data folder (single_instance.h), settled before anything reads progress or settings.
    SingleInstance instance(QFileInfo(ProgressStore::instance()->filePath()).absolutePath());
    if (!instance.acquire(0)) {
        if (shot.isEmpty()) {
            if (instance.raiseOther(15000)) {
                std::printf("attention-lens: Attention Lens is already open; its window was brought to the front\n");
                return 0;
            }
            std::fprintf(stderr, "attention-lens: Attention Lens is already open (%s is held) but did not answer; "
                                 "close it first\n", qPrintable(QDir::toNativeSeparators(instance.lockFile())));
            return 1;
        }
        // Screenshot runs take turns: each one's answers are saved on top of those saved before it.
        std::fprintf(stderr, "attention-lens: another copy of Attention Lens is open on this data folder; waiting for it "
                             "to close\n");
        instance.acquire(std::max(1, int(timeoutSeconds * 1000))); // the watchdog ends the wait at --timeout
    }
    if (!instance.notice().isEmpty())
        std::fprintf(stderr, "attention-lens: %s\n", qPrintable(instance.notice()));

    ModelHub* hub = ModelHub::instance();
    if (parser.isSet(textOpt))
        hub->setText(parser.value(textOpt));
    if (parser.isSet(modelOpt))
        hub->loadModel(parser.value(modelOpt));
    else
        hub->loadEmbeddedModel();

    // The interface's language: the learner's choice from settings, else the system's.
    Translations* translations = Translations::instance();
    translations->apply();

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    translations->setEngine(&engine);
    engine.addImportPath(QStringLiteral("qrc:/")); // the static AttentionLens module lives at qrc:/AttentionLens
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/AttentionLens/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (window)
        instance.listen([window] {
            if (window->visibility() == QWindow::Minimized || !window->isVisible())
                window->showNormal();
            window->raise();
            window->requestActivate();
        });

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
            if (image.isNull() || !AppState::instance()->saveImage(image, shot).isEmpty()) {
                std::fprintf(stderr, "attention-lens: could not save the screenshot to %s\n", qPrintable(shot));
                QCoreApplication::exit(1);
                return;
            }
            std::printf("attention-lens: saved %dx%d screenshot to %s\n", image.width(), image.height(), qPrintable(shot));
            QCoreApplication::exit(0);
        };
        // Once the station says its figures show the model's results, give the scene graph a few
        // frames to draw them, then grab, unless the station went back to waiting meanwhile (a
        // later report starts the wait again).
        auto* settle = new QTimer(window);
        settle->setSingleShot(true);
        settle->setInterval(400);
        // --reveal: once the answers are in, commit every prediction, then wait for the figures
        // again (a commit may draw new marks) before the grab.
        // A card started just now may compute its answer first: try again, a few times at most.
        auto revealTries = std::make_shared<int>(parser.isSet(revealOpt) ? 6 : 0);
        QObject::connect(settle, &QTimer::timeout, window, [save, state, settle, revealTries, window, &engine, &watchdog] {
            if (!state->figuresAreShown())
                return;
            if (*revealTries > 0) {
                --*revealTries;
                const RevealCount n = revealAllPredictions(engine, window->contentItem());
                std::printf("attention-lens: %d of %d predictions committed\n", n.revealed, n.cards);
                if (n.revealed == n.cards)
                    *revealTries = 0;
                settle->start(1500);
                return;
            }
            watchdog.disarm();
            save();
        });
        QObject::connect(state, &AppState::figuresShown, settle, qOverload<>(&QTimer::start));
        // Without a model there is nothing to wait for: capture the "what is missing" screen.
        QObject::connect(hub, &ModelHub::errorChanged, window, [save, hub, &watchdog] {
            if (!hub->ready()) QTimer::singleShot(800, [save, &watchdog] { watchdog.disarm(); save(); });
        });
    }
    return app.exec();
}
