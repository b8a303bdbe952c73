// WCAG 2.1 AA contrast over the theme's palettes (light, dark, and both high-contrast ones), read
// from Theme.qml as the app loads it: text 4.5:1 against every background it is drawn on, and the
// colours a figure needs to be read (focus ring, masked cells, chart lines, a heatmap's extremes
// and frame) 3:1. Also how the high-contrast setting is taken from the desktop.
#include <QColor>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <cmath>
#include <memory>

#include "app_state.h"
#include "colormap.h"
#include "system_contrast.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

// WCAG 2.1 relative luminance of an sRGB colour.
double luminance(const QColor& c) {
    auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestAppContrast : public QObject {
    Q_OBJECT
    QQmlEngine engine;
    std::unique_ptr<QObject> holder;
    QObject* theme = nullptr;

    QColor colour(const char* name) const {
        const QVariant v = theme->property(name);
        if (!v.isValid())
            qFatal("Theme has no colour %s", name);
        return v.value<QColor>();
    }

    // Every failing pair, so one run names them all.
    QStringList failures;
    void need(const QColor& fg, const QColor& bg, double minimum, const QString& what) {
        const double r = contrast(fg, bg);
        if (r + 1e-9 < minimum)
            failures << QStringLiteral("%1: %2 on %3 is %4:1, needs %5:1")
                            .arg(what, fg.name(), bg.name()).arg(r, 0, 'f', 2).arg(minimum);
    }

private slots:
    void initTestCase() {
        engine.addImportPath(QStringLiteral("qrc:/"));
        QQmlComponent component(&engine);
        component.setData("import QtQuick\nimport AttentionLens\nQtObject { property QtObject theme: Theme }", QUrl());
        holder.reset(component.create());
        QVERIFY2(holder, qPrintable(component.errorString()));
        theme = holder->property("theme").value<QObject*>();
        QVERIFY(theme);
    }

    void wcagFormula() {
        // The formula's own reference points: black on white is 21:1, a colour on itself 1:1, and
        // #767676 on white is the lightest grey that reaches 4.5:1.
        QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(contrast(QColor("#336699"), QColor("#336699")), 1.0);
        QVERIFY(contrast(QColor("#767676"), Qt::white) >= 4.5);
        QVERIFY(contrast(QColor("#777777"), Qt::white) < 4.5);
    }

    void palettes_data() {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("contrastMode");
        QTest::newRow("light") << "light" << "normal";
        QTest::newRow("dark") << "dark" << "normal";
        QTest::newRow("high-contrast light") << "light" << "high";
        QTest::newRow("high-contrast dark") << "dark" << "high";
    }
    void palettes() {
        QFETCH(QString, theme);
        QFETCH(QString, contrastMode);
        AppState::instance()->setThemeOverride(theme);
        AppState::instance()->setContrastOverride(contrastMode);
        QCOMPARE(this->theme->property("dark").toBool(), theme == QLatin1String("dark"));
        QCOMPARE(this->theme->property("highContrast").toBool(), contrastMode == QLatin1String("high"));
        failures.clear();

        const QColor background = colour("background"), surface = colour("surface"), surfaceAlt = colour("surfaceAlt");
        // Text: body, captions, links and marks, status words.
        for (const char* fg : {"text", "textMuted", "accent", "good", "warning"})
            for (const char* bg : {"background", "surface", "surfaceAlt"})
                need(colour(fg), colour(bg), 4.5, QStringLiteral("text %1 on %2").arg(fg, bg));
        for (const char* fg : {"text", "textMuted"})
            for (const char* bg : {"accentSoft", "warningSoft"})
                need(colour(fg), colour(bg), 4.5, QStringLiteral("text %1 on %2").arg(fg, bg));
        need(colour("warning"), colour("warningSoft"), 4.5, QStringLiteral("warning on its notice"));
        need(colour("textOnAccent"), colour("accent"), 4.5, QStringLiteral("accent button label"));
        need(colour("text"), colour("checkedFill"), 4.5, QStringLiteral("checked or highlighted button label"));
        const QVariantList keys = this->theme->property("keyColors").toList();
        QCOMPARE(keys.size(), 3);
        for (const QVariant& k : keys)
            for (const QColor& bg : {background, surface})
                need(QColor(k.toString()), bg, 4.5, QStringLiteral("key label"));
        // Graphics: focus ring, masked cells, chart lines and marks, the heatmap's frame.
        for (const char* fg : {"focusRing", "mask", "heatFrame", "chartSecond", "accent", "positionPart", "contentPart"})
            for (const QColor& bg : {background, surface, surfaceAlt})
                need(colour(fg), bg, 3.0, QStringLiteral("graphic %1").arg(fg));
        // A heatmap's extremes (the viridis map the lens and the stations draw): apart from each
        // other, and each apart from the page or, where it melts into the page, from the frame.
        const QColor low = QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, 0.f));
        const QColor high = QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, 1.f));
        need(low, high, 3.0, QStringLiteral("heatmap low vs high"));
        for (const QColor& extreme : {low, high})
            if (contrast(extreme, background) < 3.0)
                need(extreme, colour("heatFrame"), 3.0, QStringLiteral("heatmap extreme vs its frame"));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    }

    // GNOME's switch as gsettings prints it: a stub gsettings on PATH stands in for the desktop's
    // settings store, and the real reader runs it and parses what it prints.
    void gnomeSwitch() {
#ifdef Q_OS_WIN
        QSKIP("GNOME's gsettings is not read on Windows");
#else
        QCOMPARE(system_contrast::parseGsettingsBool("true\n"), std::optional<bool>(true));
        QCOMPARE(system_contrast::parseGsettingsBool("false\n"), std::optional<bool>(false));
        QVERIFY(!system_contrast::parseGsettingsBool("No such schema “org.gnome.desktop.a11y.interface”\n"));
        QVERIFY(!system_contrast::parseGsettingsBool(""));

        QTemporaryDir bin;
        QVERIFY(bin.isValid());
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.path().toUtf8());
        qunsetenv("GTK_THEME");
        qputenv("XDG_CONFIG_HOME", bin.filePath(QStringLiteral("no-config")).toUtf8());
        // The stub answers only the key the app asks for, as gsettings would.
        auto stub = [&](const QByteArray& printed, int code, bool forget = true) {
            QFile f(bin.filePath(QStringLiteral("gsettings")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("#!/bin/sh\n"
                    "if [ \"$1 $2 $3\" = \"get org.gnome.desktop.a11y.interface high-contrast\" ]; then\n"
                    "  printf '" + printed + "'\n  exit " + QByteArray::number(code) + "\nfi\nexit 1\n");
            f.close();
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            if (forget)
                system_contrast::forgetGnomeReading();
        };
        stub("true\\n", 0);
        QCOMPARE(system_contrast::gnomeHighContrast(), std::optional<bool>(true));
        QVERIFY(system_contrast::requested());
        stub("false\\n", 0);
        QCOMPARE(system_contrast::gnomeHighContrast(), std::optional<bool>(false));
        QVERIFY(!system_contrast::requested());
        // A missing schema: gsettings fails, and the GTK theme decides.
        stub("No such schema\\n", 1);
        QVERIFY(!system_contrast::gnomeHighContrast());
        QVERIFY(!system_contrast::requested());
        qputenv("GTK_THEME", "HighContrast");
        QVERIFY(system_contrast::requested());
        qunsetenv("GTK_THEME");
        // The environment override wins over GNOME's switch.
        stub("true\\n", 0);
        qputenv("AL_HIGH_CONTRAST", "0");
        QVERIFY(!system_contrast::requested());
        qunsetenv("AL_HIGH_CONTRAST");
        // Read once, then remembered: gsettings is not run again at every palette change.
        QVERIFY(system_contrast::requested());
        stub("false\\n", 0, false);
        QVERIFY(system_contrast::requested());
        // No gsettings at all: nothing to read.
        QVERIFY(QFile::remove(bin.filePath(QStringLiteral("gsettings"))));
        system_contrast::forgetGnomeReading();
        QVERIFY(!system_contrast::gnomeHighContrast());
        QVERIFY(!system_contrast::requested());
        qputenv("PATH", path);
        qunsetenv("XDG_CONFIG_HOME");
        system_contrast::forgetGnomeReading();
#endif
    }

    // The GTK theme named in the desktop's settings.ini is read, and a binary @Variant value in that
    // file (a nested list 40000 deep would overflow the stack in QSettings) is never decoded: the
    // file is then not used at all.
    void gtkSettingsFile() {
#ifndef Q_OS_WIN
        QTemporaryDir noBin, config;
        const QByteArray path = qgetenv("PATH");
        const QByteArray oldConfig = qgetenv("XDG_CONFIG_HOME");
        qputenv("PATH", noBin.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        qunsetenv("GTK_THEME");
        system_contrast::forgetGnomeReading();
        QVERIFY(QDir().mkpath(config.filePath(QStringLiteral("gtk-3.0"))));
        const auto writeIni = [&](const QByteArray& bytes) {
            QFile f(config.filePath(QStringLiteral("gtk-3.0/settings.ini")));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        };
        writeIni("[Settings]\ngtk-theme-name=HighContrast\n");
        QVERIFY(system_contrast::requested());
        writeIni("[Settings]\ngtk-theme-name=HighContrast\ngtk-x=@Variant(" + QByteArray("\\0\\0\\0\\t\\0\\0\\0\\x1").repeated(40000) +
                 "\\0\\0\\0\\x2\\0\\0\\0\\x1)\n");
        QVERIFY(!system_contrast::requested());
        if (oldConfig.isNull())
            qunsetenv("XDG_CONFIG_HOME");
        else
            qputenv("XDG_CONFIG_HOME", oldConfig);
        qputenv("PATH", path);
        system_contrast::forgetGnomeReading();
#endif
    }

    // The desktop's setting: the environment override first, then the GTK theme's name.
    void systemSetting() {
        // Without gsettings on PATH, so that the desktop running the test does not decide.
        QTemporaryDir noBin;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", noBin.path().toUtf8());
        system_contrast::forgetGnomeReading();
        qputenv("AL_HIGH_CONTRAST", "1");
        QVERIFY(system_contrast::requested());
        qputenv("AL_HIGH_CONTRAST", "0");
        qputenv("GTK_THEME", "HighContrast");
        QVERIFY(!system_contrast::requested());
        qunsetenv("AL_HIGH_CONTRAST");
#ifndef Q_OS_WIN
        QVERIFY(system_contrast::requested());
        qputenv("GTK_THEME", "HighContrastInverse:dark");
        QVERIFY(system_contrast::requested());
        qputenv("GTK_THEME", "Adwaita:dark");
        QVERIFY(!system_contrast::requested());
#endif
        qunsetenv("GTK_THEME");
        // Following the system again picks the setting up.
        qputenv("AL_HIGH_CONTRAST", "1");
        AppState::instance()->setContrastOverride(QString());
        QVERIFY(AppState::instance()->highContrast());
        QVERIFY(theme->property("highContrast").toBool());
        qunsetenv("AL_HIGH_CONTRAST");
        qputenv("PATH", path);
        system_contrast::forgetGnomeReading();
    }
};

int main(int argc, char** argv) {
    qunsetenv("AL_HIGH_CONTRAST");
    QGuiApplication app(argc, argv);
    TestAppContrast t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_app_contrast.moc"
