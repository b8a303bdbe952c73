// App-wide state the shell needs: the theme (system or --theme), the station to open first,
// remembered settings (settings_file.h: window geometry, last station), and the --screenshot handshake.
#pragma once
#include <QImage>
#include <QJSEngine>
#include <QObject>
#include <QPointer>
#include <QVariantMap>
#include <QRect>
#include <QString>
#include <QUrl>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

class AppState : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool dark READ dark NOTIFY darkChanged)
    Q_PROPERTY(QString themeOverride READ themeOverride CONSTANT) // "light", "dark" or ""
    // The high-contrast palettes (Theme.qml): the desktop's setting (system_contrast.h), or
    // --contrast high|normal.
    Q_PROPERTY(bool highContrast READ highContrast NOTIFY highContrastChanged)
    Q_PROPERTY(QString initialStation READ initialStation CONSTANT)
    Q_PROPERTY(bool screenshotMode READ screenshotMode CONSTANT)
    // --screenshot --reveal: pages show what they show after predicting (a training run, on Station 7).
    Q_PROPERTY(bool revealMode READ revealMode CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    // Why the last change of a setting could not be saved (read-only folder, full disk); "" once a
    // save works again. Settings saved before stay as they were (settings_file.h writes atomically)
    // and the unsaved changes are written by the next save that works. Also where a settings file
    // that could not be used (a link, a special file, far too large, not INI text) was set aside.
    Q_PROPERTY(QString settingsNotice READ settingsNotice NOTIFY settingsNoticeChanged)
public:
    static AppState* instance();
    static AppState* create(class QQmlEngine*, class QJSEngine*);

    bool dark() const;
    QString themeOverride() const;
    Q_INVOKABLE void setThemeOverride(const QString& theme); // from --theme; "" follows the system
    bool highContrast() const;
    // "high", "normal" or "" (follow the system). Invokable so tests can check every palette.
    Q_INVOKABLE void setContrastOverride(const QString& contrast);
    QString initialStation() const;
    void setInitialStation(const QString& id);
    bool screenshotMode() const;
    void setScreenshotMode(bool on);
    bool revealMode() const { return reveal_; }
    void setRevealMode(bool on) { reveal_ = on; }
    QString version() const;

    Q_INVOKABLE QVariant setting(const QString& key, const QVariant& fallback = {}) const;
    Q_INVOKABLE void setSetting(const QString& key, const QVariant& value);
    // The remembered window geometry, made to fit the screen it was on (or the primary one): a
    // hand-edited 32767 x 32767 would otherwise ask for a window larger than any screen, which
    // X11 cannot create and an offscreen window fills with gigabytes. Empty when there is none.
    Q_INVOKABLE QRect restoredWindowGeometry() const;
    // The remembered value even in --screenshot mode (the interface's language, the model folders
    // opened): a change not saved yet counts.
    QVariant storedSetting(const QString& key, const QVariant& fallback = {}) const;
    QString settingsNotice() const { return settingsNotice_; }
    // The settings file, "<XDG config>/<organization>/<application>.conf" (QSettings' own place).
    static QString settingsFile();
    // A station page calls this once its figures (and its exercises' answers) show the model's
    // results for the current text, and reportFiguresPending() when they no longer do (a newer
    // model or text); --screenshot saves only while the last report is "shown".
    Q_INVOKABLE void reportFiguresShown();
    // A page has left the screen: give the memory it freed back to the system (memory_release.h).
    Q_INVOKABLE void releaseFreedMemory();
    Q_INVOKABLE void reportFiguresPending();
    bool figuresAreShown() const { return figuresShown_; }
    // Reads a small text file from qrc or disk ("" if absent), e.g. :/resources/about.json.
    Q_INVOKABLE QString readText(const QString& path) const;
    Q_INVOKABLE void copyToClipboard(const QString& text) const;
    // Saves `image` as PNG at `path` atomically (state_file.h): a full disk leaves the file that was
    // there before whole. "" or why it failed.
    Q_INVOKABLE QString saveImage(const QImage& image, const QString& path) const;
    Q_INVOKABLE QString localPath(const QUrl& url) const;
    Q_INVOKABLE bool exists(const QString& path) const; // qrc (":/...", "qrc:/...") or disk

    // True when the palette's window colour is dark (Qt 6.4 has no QStyleHints::colorScheme).
    static bool systemIsDark();

signals:
    void darkChanged();
    void highContrastChanged();
    void figuresShown();
    void settingsNoticeChanged();

protected:
    bool eventFilter(QObject* watched, class QEvent* event) override;

private:
    explicit AppState(QObject* parent = nullptr);
    QString theme_;
    QString initialStation_;
    bool screenshot_ = false;
    bool reveal_ = false;
    bool dark_ = false;
    QString contrast_;
    bool highContrast_ = false;
    bool figuresShown_ = false;
    QString settingsNotice_;
    // Changes not saved yet (a save failed): kept while the app runs, written by the next save.
    QVariantMap unsaved_;
    // The settings file as last read (settings_file.h), so an unchanged file is not parsed again.
    mutable QByteArray savedBytes_;
    mutable QVariantMap savedValues_;
    bool settingsBlocked_ = false;             // an unusable file could not be set aside: never overwrite it
    mutable bool settingsTemporariesCleared_ = false; // once per run, before the first read
    mutable bool settingsUnread_ = false;      // the file could not be parsed just now (settings_file.h)
    bool settingsNoticeIsAboutTheFile_ = false;
    QVariantMap savedSettings() const;
    void setSettingsAside(const QString& file, const QString& problem);
    QPointer<QJSEngine> engine_; // the QML engine that created the singleton
    void saveSettings();
};
