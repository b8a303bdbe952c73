#include "app_state.h"

#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QPalette>
#include <QQmlEngine>
#include <QSettings>
#include <QUrl>

#include "cpp_owned.h"
#include "memory_release.h"
#include "settings_lock.h"
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

QVariant AppState::storedSetting(const QString& key, const QVariant& fallback) const {
    const auto unsaved = unsaved_.constFind(key);
    return unsaved != unsaved_.cend() ? *unsaved : QSettings().value(key, fallback);
}

void AppState::setSetting(const QString& key, const QVariant& value) {
    if (screenshot_)
        return;
    unsaved_.insert(key, value);
    saveSettings();
}

void AppState::saveSettings() {
    // Written at once (not at exit) so that a failure is seen while the learner can still be told.
    const QString file = QSettings().fileName();
    QString notice;
    const QString lock = settings_lock::heldLockFile(file);
    if (!lock.isEmpty()) {
        // QSettings would wait for this lock without end: not one write is tried while it is there.
        notice = tr("Your settings could not be saved, because the lock file %1 is in the way: an earlier run of "
                    "Attention Lens left it behind (or another copy of the app that is still open holds it), and "
                    "it cannot be removed automatically. Nothing is lost: the settings saved before in %2 are "
                    "unchanged, and this change is kept while the app is open. To save again, close any other "
                    "Attention Lens window and delete %1; the next setting you change is then saved with this one.")
                     .arg(QDir::toNativeSeparators(lock), QDir::toNativeSeparators(file));
    } else {
        QSettings settings;
        for (auto it = unsaved_.cbegin(); it != unsaved_.cend(); ++it)
            settings.setValue(it.key(), it.value());
        settings.sync();
        if (settings.status() == QSettings::NoError)
            unsaved_.clear();
        else
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

QString AppState::localPath(const QUrl& url) const {
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

bool AppState::exists(const QString& path) const {
    return QFile::exists(path.startsWith(QLatin1String("qrc:")) ? path.mid(3) : path);
}
