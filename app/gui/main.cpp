// attention-lens: the course app. Parses the command line, loads the model off the GUI thread,
// opens the QML shell, and in --screenshot mode saves the window once the station shows every
// figure and exercise answer for the model (however long that takes on a large model), or exits
// with code 3 after --timeout seconds: a watchdog thread on a steady clock, so the deadline holds
// even while the GUI thread is blocked; with code 4 when the run's progress could not be saved.
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
#include <QScreen>
#include <QSize>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>
#include <algorithm>
#include <chrono>
#include <memory>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "app_options.h"
#include "app_state.h"
#include "flag_number.h"
#include "lesson_catalog.h"
#include "memory_release.h"
#include "compute/watchdog.h"
#include "course/progress_store.h"
#include "i18n/translations.h"
#include "model_hub.h"
#include "screenshot_reveal.h"
#include "single_instance.h"
#include "utf8_arguments.h"
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

// Numbers on the command line are read whole and strictly, as the CLI reads its own
// (flag_number.h): " 5", "5 ", "+5" and "12abc" are refused, not read as 5 or 12.
std::optional<long long> wholeNumber(const char* flag, const QString& text, long long lo, long long hi) {
    try {
        const long long v = al::train::flag_number<long long>(flag, text.toStdString());
        if (v >= lo && v <= hi)
            return v;
    } catch (const std::invalid_argument&) {
    }
    return std::nullopt;
}

// --timeout: plain decimal seconds ("90", "2.5"), from 1 s (less is over before the model has
// loaded) to a day. An exponent ("1e1", "1e-300") is refused rather than read as a surprise.
std::optional<double> plainSeconds(const QString& text) {
    for (QChar c : text)
        if (!c.isDigit() && c != QLatin1Char('.'))
            return std::nullopt;
    try {
        const double v = al::train::flag_number<double>("--timeout", text.toStdString());
        if (v >= 1 && v <= 86400)
            return v;
    } catch (const std::invalid_argument&) {
    }
    return std::nullopt;
}

// --size WxH: two whole numbers from 1 to 16384 (a larger window needs gigabytes to draw).
std::optional<QSize> windowSize(const QString& text) {
    constexpr long long kMaxSide = 16384;
    const QStringList wh = text.split(QLatin1Char('x'));
    if (wh.size() != 2)
        return std::nullopt;
    const std::optional<long long> w = wholeNumber("--size", wh[0], 1, kMaxSide);
    const std::optional<long long> h = wholeNumber("--size", wh[1], 1, kMaxSide);
    if (!w || !h)
        return std::nullopt;
    return QSize(int(*w), int(*h));
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
    // Under a file-size limit (ulimit -f) a write past it would kill the app; ignored, it fails
    // with EFBIG and is reported like any other failed write.
    std::signal(SIGXFSZ, SIG_IGN);
    memory_release::configureAllocator(); // before any thread allocates: see memory_release.h
    al::configure_threads(); // before any model runs: BLAS workers that sleep instead of spin
    // Before Qt reads them: it would turn such bytes into U+FFFD, and "not found" would follow.
    if (const QString why = nonUtf8Argument(argc, argv); !why.isEmpty()) {
        std::fprintf(stderr, "attention-lens: %s\n", why.toUtf8().constData());
        return 2;
    }
    if (noDisplay(argc, argv))
        return answerWithoutDisplay(argc, argv);
    QApplication app(argc, argv); // QApplication (not QGuiApplication): Qt Charts needs it
    QApplication::setApplicationName(QLatin1String(al::app::kApplicationName));
    QApplication::setOrganizationName(QLatin1String(al::app::kOrganizationName));
    QApplication::setOrganizationDomain(QStringLiteral("attentionlens.org"));
    QApplication::setApplicationVersion(QStringLiteral(AL_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(AL_APP_ID));
    setWindowIcon(app);

    const AppOptions options;
    const QCommandLineOption& stationOpt = options.stationOpt;
    const QCommandLineOption& textOpt = options.textOpt;
    const QCommandLineOption& modelOpt = options.modelOpt;
    const QCommandLineOption& themeOpt = options.themeOpt;
    const QCommandLineOption& contrastOpt = options.contrastOpt;
    const QCommandLineOption& shotOpt = options.shotOpt;
    const QCommandLineOption& sizeOpt = options.sizeOpt;
    const QCommandLineOption& timeoutOpt = options.timeoutOpt;
    const QCommandLineOption& revealOpt = options.revealOpt;
    QCommandLineParser parser;
    if (!options.parse(parser)) // bad options exit with code 2, as every other bad input does
        return 2;
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "attention-lens: unexpected argument \"%s\"; every option is written --name VALUE "
                             "(see --help)\n", qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }

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
    if (parser.isSet(shotOpt) && shot.isEmpty()) {
        std::fprintf(stderr, "attention-lens: --screenshot needs the name of the PNG file to write\n");
        return 2;
    }
    double timeoutSeconds = 120;
    if (parser.isSet(timeoutOpt)) {
        const std::optional<double> seconds = plainSeconds(parser.value(timeoutOpt));
        if (!seconds) {
            std::fprintf(stderr, "attention-lens: --timeout must be a plain number of seconds from 1 to 86400 "
                                 "(e.g. 90 or 2.5), not \"%s\"\n", qPrintable(parser.value(timeoutOpt)));
            return 2;
        }
        timeoutSeconds = *seconds;
    }
    QSize size(1280, 800);
    if (parser.isSet(sizeOpt)) {
        const std::optional<QSize> wh = windowSize(parser.value(sizeOpt));
        if (!wh) {
            std::fprintf(stderr, "attention-lens: --size must be WIDTHxHEIGHT, two whole numbers from 1 to 16384 "
                                 "(e.g. 1280x800), not \"%s\"\n", qPrintable(parser.value(sizeOpt)));
            return 2;
        }
        size = *wh;
    }
    if (!shot.isEmpty()) {
        const QScreen* screen = QGuiApplication::primaryScreen();
        if (const QString why = screenshotMemoryProblem(size, screen ? screen->devicePixelRatio() : 1.0); !why.isEmpty()) {
            std::fprintf(stderr, "attention-lens: %s\n", qPrintable(why));
            return 2;
        }
    }
    compute::Watchdog watchdog;
    const std::string timedOutOnFigures = "attention-lens: timed out after " + QString::number(timeoutSeconds).toStdString() +
                                          " s waiting for the station's figures and answers (" + shot.toStdString() +
                                          "); a larger model, or --reveal on the forming station (it waits for "
                                          "its whole training run), may need a longer --timeout";
    if (!shot.isEmpty())
        watchdog.arm(std::chrono::milliseconds(qint64(timeoutSeconds * 1000)), timedOutOnFigures, 3);
    state->setScreenshotMode(!shot.isEmpty());
    state->setRevealMode(!shot.isEmpty() && parser.isSet(revealOpt));
    // The answers --reveal commits are the app's, not the learner's: they never replace an answer
    // the learner recorded (progress_store.h).
    ProgressStore::instance()->setRevealing(!shot.isEmpty() && parser.isSet(revealOpt));
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
            // A copy that does not answer may run on another computer that shares this data folder,
            // where this one cannot see whether it still runs: say whose lock it is and what to do.
            const QString who = instance.holder();
            std::fprintf(stderr, "attention-lens: Attention Lens is already open on this data folder (%s holds %s) but "
                                 "did not answer; close it first, or, if it is not running there, delete %s and start "
                                 "again\n",
                         qPrintable(who.isEmpty() ? QStringLiteral("another copy") : who),
                         qPrintable(QDir::toNativeSeparators(instance.lockFile())),
                         qPrintable(QDir::toNativeSeparators(instance.lockFile())));
            return 1;
        }
        // Screenshot runs take turns: each one's answers are saved on top of those saved before it.
        const QString who = instance.holder();
        std::fprintf(stderr, "attention-lens: another copy of Attention Lens is open on this data folder (%s); waiting "
                             "for it to close (if it is not running, delete %s)\n",
                     qPrintable(who.isEmpty() ? QStringLiteral("it holds the lock") : who),
                     qPrintable(QDir::toNativeSeparators(instance.lockFile())));
        // Timing out here is the other copy's doing, not the model's: the message says so.
        const std::string timedOutOnOther =
            "attention-lens: timed out after " + QString::number(timeoutSeconds).toStdString() +
            " s waiting for the other copy of Attention Lens on this data folder (" +
            (who.isEmpty() ? std::string("it holds the lock") : who.toStdString()) +
            ") to close; close it, or, if it is not running, delete " +
            QDir::toNativeSeparators(instance.lockFile()).toStdString();
        watchdog.setMessage(timedOutOnOther);
        // The watchdog ends the wait at --timeout; should the lock's own wait end first, the same.
        if (!instance.acquire(std::max(1, int(timeoutSeconds * 1000)))) {
            std::fprintf(stderr, "%s\n", timedOutOnOther.c_str());
            return 3;
        }
        watchdog.setMessage(timedOutOnFigures);
    }
    if (!instance.lockProblem().isEmpty()) {
        // Unlocked, a copy already open would not be seen: one that answers is raised instead.
        if (shot.isEmpty() && instance.raiseOther(2000)) {
            std::printf("attention-lens: Attention Lens is already open; its window was brought to the front\n");
            return 0;
        }
        std::fprintf(stderr, "attention-lens: %s\n", qPrintable(instance.lockProblem()));
    }
    if (!instance.notice().isEmpty())
        std::fprintf(stderr, "attention-lens: %s\n", qPrintable(instance.notice()));

    // A screenshot of a station that does not exist would quietly show the course map instead.
    const QString station = parser.value(stationOpt);
    if (!shot.isEmpty() && !station.isEmpty() && station != QLatin1String("map")) {
        const LessonCatalog catalog;
        if (catalog.indexOf(station) < 0) {
            QStringList ids{QStringLiteral("map")};
            for (int i = 0; i < catalog.rowCount(); ++i)
                ids.append(catalog.data(catalog.index(i), LessonCatalog::IdRole).toString());
            std::fprintf(stderr, "attention-lens: there is no station \"%s\"; the stations are %s\n",
                         qPrintable(station), qPrintable(ids.join(QStringLiteral(", "))));
            return 2;
        }
    }

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
        window->resize(size);
        // A model that cannot be loaded still gives its picture (the screen saying what is wrong),
        // but the run fails with that message, so that a script does not take it for the station.
        auto save = [window, shot, hub] {
            const QImage image = window->grabWindow();
            const QString why = image.isNull() ? QStringLiteral("the window could not be grabbed")
                                               : AppState::instance()->saveImage(image, shot);
            if (!why.isEmpty()) {
                std::fprintf(stderr, "attention-lens: could not save the screenshot to %s: %s\n", qPrintable(shot),
                             qPrintable(why));
                QCoreApplication::exit(1);
                return;
            }
            std::printf("attention-lens: saved %dx%d screenshot to %s\n", image.width(), image.height(), qPrintable(shot));
            std::fflush(stdout);
            // The picture is taken, but what the run recorded (the visit, --reveal's answers) is not
            // on disk: say so and fail, so that a script does not take it for a complete run.
            const ProgressStore* progress = ProgressStore::instance();
            if (progress->hasUnsavedChanges()) {
                // The store's notice already names the file and why; said once, not wrapped in itself.
                const QString notice = progress->notice();
                if (notice.isEmpty())
                    std::fprintf(stderr, "attention-lens: the progress of this run could not be saved to %s\n",
                                 qPrintable(QDir::toNativeSeparators(progress->filePath())));
                else
                    std::fprintf(stderr, "attention-lens: %s\n", qPrintable(notice));
                QCoreApplication::exit(4);
                return;
            }
            if (!hub->ready() && !hub->error().isEmpty()) {
                std::fprintf(stderr, "attention-lens: %s\n", qPrintable(hub->error()));
                QCoreApplication::exit(2);
                return;
            }
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
                if (n.done())
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
