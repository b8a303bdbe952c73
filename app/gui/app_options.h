// The app's command line: its options, defined once, and what is answered when there is no display
// to open a window on. Also whether a --screenshot of some size fits in the memory there is.
#pragma once
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QSize>
#include <QString>

// The app's options: one definition, read by main() and, without a display, by
// answerWithoutDisplay().
struct AppOptions {
    const QCommandLineOption stationOpt{QStringLiteral("station"), QStringLiteral("Open the station with this id (e.g. lens; map: the course map)."), QStringLiteral("ID")};
    const QCommandLineOption textOpt{QStringLiteral("text"), QStringLiteral("Start with this text."), QStringLiteral("STR")};
    const QCommandLineOption modelOpt{QStringLiteral("model"), QStringLiteral("Load the GPT-2-style model in this folder (config.json, model.safetensors, vocab.json, merges.txt)."), QStringLiteral("DIR")};
    const QCommandLineOption themeOpt{QStringLiteral("theme"), QStringLiteral("Colour theme: light or dark (default: follow the system)."), QStringLiteral("light|dark")};
    const QCommandLineOption contrastOpt{QStringLiteral("contrast"), QStringLiteral("Contrast: high or normal (default: follow the desktop's high-contrast setting, or AL_HIGH_CONTRAST=1)."), QStringLiteral("high|normal")};
    const QCommandLineOption shotOpt{QStringLiteral("screenshot"), QStringLiteral("Render the station with the text, wait for the model's results, save the window as PNG to FILE and exit."), QStringLiteral("FILE")};
    const QCommandLineOption sizeOpt{QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1280x800)."), QStringLiteral("WxH")};
    const QCommandLineOption timeoutOpt{QStringLiteral("timeout"), QStringLiteral("For --screenshot: give up after SECONDS and exit with code 3 (default 120)."), QStringLiteral("SECONDS")};
    const QCommandLineOption revealOpt{QStringLiteral("reveal"), QStringLiteral("For --screenshot: commit a prediction on every exercise first, so the figures show what they show after predicting.")};

    // Adds the options to `parser` and parses the application's arguments: bad options exit with
    // code 2 (QCommandLineParser::process would exit with 1), --help and --version answer and exit
    // 0; false after printing a bad option's reason (return 2 then).
    bool parse(QCommandLineParser& parser) const;

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(QStringLiteral(
            "A desktop course on transformer self-attention that runs GPT-2 live on your own text."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({stationOpt, textOpt, modelOpt, themeOpt, contrastOpt, shotOpt, sizeOpt, timeoutOpt, revealOpt});
    }
};

// Whether no window system can start: on X11 and Wayland desktops, neither DISPLAY nor
// WAYLAND_DISPLAY is set (an ssh session, a headless machine) and no platform is chosen
// (QT_QPA_PLATFORM, -platform). QApplication would then abort before a word of ours.
bool noDisplay(int argc, char** argv);

// Without a display: --help, --version and bad options are answered as they would be with one
// (exit 0, or 2 with the reason); anything else is told why no window opens, and how to take a
// --screenshot without one. Returns the exit code.
int answerWithoutDisplay(int argc, char** argv);

// "" when a window of `size` drawn at `scale` (the screen's device pixel ratio, QT_SCALE_FACTOR)
// fits in the memory this process may still use; else why not. Drawn, grabbed and encoded, a
// screenshot holds about three images of 4 bytes a pixel; short of that memory Qt's raster engine
// crashes rather than failing.
QString screenshotMemoryProblem(QSize size, double scale);
