#include "app_state.h"

#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QScreen>
#include <QQmlEngine>
#include <QStandardPaths>
#include <QUrl>
#include <algorithm>

#include "cpp_owned.h"
#include "memory_release.h"
#include "settings_file.h"
#include "storage/state_file.h"
#include "system_contrast.h"

AppState* AppState::instance() {
    static AppState* self = new AppState(qApp);
    return self;
}

namespace {
// Markdown text (the stations' prose) takes its link colour from the application palette when it
// is read, not from the QML Label, so the palette's link colour follows the theme's accent
// (Theme.qml) to stay readable on dark backgrounds.
void followLinkColour(bool dark) {
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance()))
        return;
    QPalette p = QGuiApplication::palette();
    const QColor link = dark ? QColor(0xff, 0x6f, 0x9f) : QColor(0xc2, 0x18, 0x5b);
    if (p.color(QPalette::Link) == link)
        return;
    p.setColor(QPalette::Link, link);
    QGuiApplication::setPalette(p);
}
} // namespace

AppState* AppState::create(QQmlEngine*, QJSEngine* engine) {
    AppState* s = instance();
    s->engine_ = engine;
    return cppOwned(s);
}

AppState::AppState(QObject* parent) : QObject(parent) {
    dark_ = systemIsDark();
    highContrast_ = system_contrast::requested();
    followLinkColour(dark_);
    // Follow the system when the palette changes (desktop theme switch), unless overridden.
    if (qApp)
        qApp->installEventFilter(this);
}

bool AppState::eventFilter(QObject* watched, QEvent* event) {
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && contrast_.isEmpty()) {
        // A desktop's contrast switch changes its palette too: look again.
        const bool hc = system_contrast::requested();
        if (hc != highContrast_) {
            highContrast_ = hc;
            emit highContrastChanged();
        }
    }
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange && theme_.isEmpty()) {
        const bool d = systemIsDark();
        if (d != dark_) {
            dark_ = d;
            followLinkColour(dark_);
            emit darkChanged();
        }
    }
    return QObject::eventFilter(watched, event);
}

bool AppState::systemIsDark() {
    const QColor window = QGuiApplication::palette().color(QPalette::Window);
    return window.lightnessF() < 0.5;
}

bool AppState::dark() const { return dark_; }
QString AppState::themeOverride() const { return theme_; }

void AppState::setThemeOverride(const QString& theme) {
    theme_ = theme;
    const bool d = theme == QLatin1String("dark") ? true
                 : theme == QLatin1String("light") ? false
                 : systemIsDark();
    if (d != dark_) {
        dark_ = d;
        followLinkColour(dark_);
        emit darkChanged();
    }
}

bool AppState::highContrast() const { return highContrast_; }

void AppState::setContrastOverride(const QString& contrast) {
    contrast_ = contrast;
    const bool hc = contrast == QLatin1String("high") ? true
                  : contrast == QLatin1String("normal") ? false
                  : system_contrast::requested();
    if (hc != highContrast_) {
        highContrast_ = hc;
        emit highContrastChanged();
    }
}

QString AppState::initialStation() const { return initialStation_; }
void AppState::setInitialStation(const QString& id) { initialStation_ = id; }
bool AppState::screenshotMode() const { return screenshot_; }
void AppState::setScreenshotMode(bool on) { screenshot_ = on; }
QString AppState::version() const { return QStringLiteral(AL_VERSION); }

QVariant AppState::setting(const QString& key, const QVariant& fallback) const {
    if (screenshot_)
        return fallback; // screenshots are reproducible: remembered state does not leak into them
    return storedSetting(key, fallback);
}

QRect AppState::restoredWindowGeometry() const {
    const QVariant value = setting(QStringLiteral("window/geometry"));
    if (!value.canConvert<QRectF>())
        return {};
    const QRectF savedF = value.toRectF();
    if (!savedF.isValid() || !qIsFinite(savedF.width()) || !qIsFinite(savedF.height()))
        return {};
    // Clamped as doubles first: a hand-edited 1e300 must not overflow int.
    const auto fit = [](double v) { return int(std::clamp(v, -1.0e6, 1.0e6)); };
    const QRect saved(fit(savedF.x()), fit(savedF.y()), fit(savedF.width()), fit(savedF.height()));
    QScreen* screen = QGuiApplication::screenAt(saved.center());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen)
        return {};
    const QRect room = screen->availableGeometry();
    QRect r(saved.topLeft(), saved.size().boundedTo(room.size()));
    // On the screen: a window placed beyond every screen could not be found again.
    r.moveLeft(std::clamp(r.left(), room.left(), room.left() + room.width() - r.width()));
    r.moveTop(std::clamp(r.top(), room.top(), room.top() + room.height() - r.height()));
    return r;
}

QVariant AppState::storedSetting(const QString& key, const QVariant& fallback) const {
    const auto unsaved = unsaved_.constFind(key);
    if (unsaved != unsaved_.cend())
        return *unsaved;
    return savedSettings().value(key, fallback);
}

QString AppState::settingsFile() {
    // Where QSettings() keeps them on Linux (INI under XDG_CONFIG_HOME), found without opening it.
    QString org = QCoreApplication::organizationName();
    if (org.isEmpty())
        org = QStringLiteral("Unknown Organization");
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QLatin1Char('/') + org +
           QLatin1Char('/') + QCoreApplication::applicationName() + QStringLiteral(".conf");
}

QVariantMap AppState::savedSettings() const {
    const QString file = settingsFile();
    if (!settingsTemporariesCleared_) {
        // What a save killed before its rename left. The single-instance lock covers the data
        // folder, not this one (two data folders may share one config folder), so only a temporary
        // file a minute old goes: another copy's save in progress is milliseconds old.
        settingsTemporariesCleared_ = true;
        al::app::removeStaleTemporaries(file, 60);
    }
    const al::app::StateFileRead raw = al::app::readStateFile(file, settings_file::kMaxBytes);
    if (raw.missing)
        return {};
    if (raw.problem.isEmpty() && raw.bytes == savedBytes_)
        return savedValues_; // unchanged since last read: not parsed again
    settings_file::Contents contents;
    if (raw.problem.isEmpty())
        contents = settings_file::parse(raw.bytes);
    else
        contents.problem = raw.problem;
    if (contents.notParsed) {
        settingsUnread_ = true; // what was read before stands in; nothing is saved over the file
        return savedValues_;
    }
    if (!contents.problem.isEmpty()) {
        const_cast<AppState*>(this)->setSettingsAside(file, contents.problem);
        return {};
    }
    settingsUnread_ = false;
    savedBytes_ = contents.bytes;
    savedValues_ = contents.values;
    return savedValues_;
}

// A settings file the app cannot use (a link, a special file, far too large, not INI text) is
// never rewritten in place or followed: it is renamed aside and the learner is told where it went.
void AppState::setSettingsAside(const QString& file, const QString& problem) {
    const QString aside = al::app::setFileAside(file);
    QString notice;
    if (!aside.isEmpty()) {
        notice = tr("Your settings file could not be used because %1. It was kept as %2; the app starts with its "
                    "default settings.")
                     .arg(problem, QDir::toNativeSeparators(aside));
    } else {
        settingsBlocked_ = true;
        notice = tr("Your settings file %1 could not be used because %2, and it could not be moved aside. It is left "
                    "untouched and settings changed in this run will not be saved.")
                     .arg(QDir::toNativeSeparators(file), problem);
    }
    settingsNoticeIsAboutTheFile_ = true;
    if (notice != settingsNotice_) {
        settingsNotice_ = notice;
        emit settingsNoticeChanged();
    }
}

void AppState::setSetting(const QString& key, const QVariant& value) {
    if (screenshot_)
        return;
    unsaved_.insert(key, value);
    saveSettings();
}

void AppState::saveSettings() {
    // Written at once (not at exit) so that a failure is seen while the learner can still be told.
    const QString file = settingsFile();
    QVariantMap values = savedSettings(); // sets an unusable file aside first: it is never overwritten
    if (settingsBlocked_)
        return;
    for (auto it = unsaved_.cbegin(); it != unsaved_.cend(); ++it)
        values.insert(it.key(), it.value());
    QString notice;
    QByteArray written;
    // A settings file that could not be parsed just now must not be replaced by this change alone.
    const QString why = settingsUnread_ ? tr("no temporary folder") : settings_file::write(file, values, &written);
    if (why.isEmpty()) {
        unsaved_.clear();
        savedBytes_ = written; // what is on disk now, so the next read need not parse it
        savedValues_ = values;
        if (settingsNoticeIsAboutTheFile_)
            return; // the notice about the file set aside stays until the learner has read it
    } else {
        settingsNoticeIsAboutTheFile_ = false;
        notice = tr("Your settings could not be saved to %1: the folder is read-only or the disk is full. "
                    "The settings saved before are unchanged; this change is kept while the app is open "
                    "and saved as soon as saving works again.")
                     .arg(QDir::toNativeSeparators(file));
    }
    if (notice != settingsNotice_) {
        settingsNotice_ = notice;
        emit settingsNoticeChanged();
    }
}

void AppState::reportFiguresShown() {
    figuresShown_ = true;
    emit figuresShown();
}

void AppState::releaseFreedMemory() { memory_release::releaseSoon(engine_); }

void AppState::reportFiguresPending() { figuresShown_ = false; }

QString AppState::readText(const QString& path) const {
    QFile f(path.startsWith(QLatin1String("qrc:")) ? path.mid(3) : path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void AppState::copyToClipboard(const QString& text) const {
    if (auto* cb = QGuiApplication::clipboard())
        cb->setText(text);
}

QString AppState::saveImage(const QImage& image, const QString& path) const {
    QByteArray png;
    QBuffer buffer(&png);
    if (image.isNull() || !buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG"))
        return tr("the image could not be encoded");
    return al::app::writeFileAtomically(path, png);
}

QString AppState::localPath(const QUrl& url) const {
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

bool AppState::exists(const QString& path) const {
    return QFile::exists(path.startsWith(QLatin1String("qrc:")) ? path.mid(3) : path);
}
