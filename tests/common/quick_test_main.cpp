// The runner of every Qt Quick Test suite (tests/qml): ctest names the file with -input.
// Qt Quick Test main: a QApplication (Qt Charts needs one), the app's static QML module, and the
// fixture model loaded into the ModelHub before the tests start.
#include <QApplication>
#include <QElapsedTimer>
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

#include "app_state.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        QCoreApplication::setOrganizationName(QStringLiteral("AttentionLensTests"));
        ModelHub* hub = ModelHub::instance();
        hub->loadModel(qEnvironmentVariable("AL_FIXTURE_MODEL"));
        QElapsedTimer t;
        t.start();
        while (!hub->ready() && t.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        // Optional, for looking at the stations: AL_TEST_THEME=light|dark, and AL_VEIL_SHOTS=DIR
        // where test_veils saves each station before and after its exercises are committed.
        if (qEnvironmentVariableIsSet("AL_TEST_THEME"))
            AppState::instance()->setThemeOverride(qEnvironmentVariable("AL_TEST_THEME"));
        engine->rootContext()->setContextProperty(QStringLiteral("veilShotsDir"), qEnvironmentVariable("AL_VEIL_SHOTS"));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "attention_lens_qml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "quick_test_main.moc"
