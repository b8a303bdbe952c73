// A station made from the template builds and shows up in the course map. The template's C++ is
// compiled into this test (as a copied station's would be into the app), its lesson folder is
// copied into a lessons folder of its own, the course map lists it, and its page runs offscreen on
// the fixture model: the figure's scores and the exercise's answer match the reference
// implementation's attention, and the figure is veiled until a prediction is committed. The shipped
// app's own course never lists the template.
#include <QDir>
#include <QFile>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <algorithm>
#include <memory>

#include "exercises/course_math.h"
#include "exercises/exercise_engine.h"
#include "course/exercise_set.h"
#include "exercise_answers_template.h"
#include "fixture.h"
#include "lesson_catalog.h"
#include "model_hub.h"
#include "template_lab.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {
QQuickItem* findByProperty(QQuickItem* root, const char* name, const QVariant& value) {
    if (!root)
        return nullptr;
    if (root->property(name) == value)
        return root;
    for (QQuickItem* child : root->childItems())
        if (QQuickItem* hit = findByProperty(child, name, value))
            return hit;
    return nullptr;
}

// Whether `o` is an instance of the QML type `type` or of a type declared in QML on top of it
// (a QML document's class is named after its file: "StationScaffold_QMLTYPE_12").
bool isQmlType(const QObject* o, const char* type) {
    const QByteArray prefix = QByteArray(type) + "_QML";
    for (const QMetaObject* m = o ? o->metaObject() : nullptr; m; m = m->superClass()) {
        const QByteArray name(m->className());
        if (name == type || name.startsWith(prefix))
            return true;
    }
    return false;
}
} // namespace

class TestStationTemplate : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString lessons_;
    fixture::Case case_;
    QJsonObject stationJson_;
    std::unique_ptr<QQmlEngine> engine_;
    QQuickWindow window_;

    std::unique_ptr<QObject> create(const QUrl& url, const QVariantMap& props) {
        QQmlComponent component(engine_.get(), url);
        if (!component.isReady()) { // Qt 6.4's createWithInitialProperties crashes on a broken component
            qWarning("%s", qPrintable(component.errorString()));
            return nullptr;
        }
        std::unique_ptr<QObject> o(component.createWithInitialProperties(props));
        if (!o)
            qWarning("%s", qPrintable(component.errorString()));
        if (auto* item = qobject_cast<QQuickItem*>(o.get())) {
            item->setParentItem(window_.contentItem());
            item->setSize(window_.size());
        }
        return o;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // progress files go to a test folder
        QVERIFY2(!fixture::modelDir().isEmpty() && !fixture::sourceDir().isEmpty(),
                 "AL_FIXTURE_MODEL and AL_SOURCE_DIR must be set");
        // What a station adds to the app: its QML types and its compute functions.
        qmlRegisterTypesAndRevisions<TemplateLab>("AttentionLens", 1);
        course::registerStationAnswers_template();
        QVERIFY(course::exerciseFunctions().contains(QStringLiteral("template_previous_token_head")));

        // A new station: the template's lesson folder copied under a name the catalog reads.
        QVERIFY(tmp_.isValid());
        lessons_ = tmp_.filePath(QStringLiteral("lessons"));
        const QString from = fixture::sourceDir() + QStringLiteral("/lessons/_template");
        const QString to = lessons_ + QStringLiteral("/99-template");
        QVERIFY(QDir().mkpath(to));
        const QStringList files = QDir(from).entryList(QDir::Files);
        QVERIFY(files.contains(QStringLiteral("station.json")) && files.contains(QStringLiteral("exercises.json")));
        for (const QString& f : files)
            QVERIFY(QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f));
        stationJson_ = QJsonDocument::fromJson(fixture::readAll(to + QStringLiteral("/station.json"))).object();

        // The fixture model, on a text whose reference attention the test compares against.
        ModelHub* hub = ModelHub::instance();
        hub->loadModel(fixture::modelDir());
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready(), 30000);
        const auto model = hub->model();
        for (const fixture::Case& c : fixture::cases())
            if (c.T >= 4 && course::tokenize(*model, c.text.toStdString(), course::kTokenCap) == c.ids) {
                case_ = c;
                break;
            }
        QVERIFY2(case_.T >= 4, "no fixture case of four tokens or more that the course tokenizes as the reference did");
        hub->setText(case_.text);

        engine_ = std::make_unique<QQmlEngine>();
        engine_->addImportPath(QStringLiteral("qrc:/"));
        window_.resize(1280, 900);
        window_.show();
    }

    void shippedCourseLeavesTheTemplateOut() {
        LessonCatalog shipped; // the app's own lessons, built into its resources
        QVERIFY(shipped.count() >= 7);
        QCOMPARE(shipped.indexOf(QStringLiteral("template")), -1);
        QVERIFY(!QFile::exists(QStringLiteral(":/lessons/_template/station.json")));
        QVERIFY(!QFile::exists(QStringLiteral(":/AttentionLens/stations/_template/TemplateStation.qml")));
    }

    void copiedTemplateShowsUpInTheCourseMap() {
        LessonCatalog catalog;
        catalog.setRoot(lessons_);
        QCOMPARE(catalog.error(), QString());
        QCOMPARE(catalog.count(), 1);
        const QVariantMap station = catalog.station(QStringLiteral("template"));
        QCOMPARE(station.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QCOMPARE(station.value(QStringLiteral("exerciseCount")).toInt(), 1);
        // `page` names the template's page under qml/, as it names a station's page in the app.
        const QString page = station.value(QStringLiteral("page")).toString();
        QVERIFY2(QFile::exists(fixture::sourceDir() + QStringLiteral("/qml/") + page), qPrintable(page));

        std::unique_ptr<QObject> map = create(QUrl(QStringLiteral("qrc:/AttentionLens/shell/CourseMap.qml")),
                                              {{QStringLiteral("catalog"), QVariant::fromValue(&catalog)}});
        QVERIFY(map);
        QQuickItem* card = findByProperty(qobject_cast<QQuickItem*>(map.get()), "stationId", QStringLiteral("template"));
        QVERIFY2(card, "the course map has no card for the copied template");
        QCOMPARE(card->property("title").toString(), stationJson_.value(QStringLiteral("title")).toString());
        QCOMPARE(card->property("ready").toBool(), true);
    }

    void pageShowsTheFigureAndTheExercise() {
        LessonCatalog catalog;
        catalog.setRoot(lessons_);
        const QString page = catalog.station(QStringLiteral("template")).value(QStringLiteral("page")).toString();
        std::unique_ptr<QObject> root =
            create(QUrl::fromLocalFile(fixture::sourceDir() + QStringLiteral("/qml/") + page),
                   {{QStringLiteral("catalog"), QVariant::fromValue(&catalog)}});
        QVERIFY(root);
        // The page fills the frame every station's page shares.
        QVERIFY2(isQmlType(root.get(), "StationScaffold"), root->metaObject()->className());
        QTRY_VERIFY_WITH_TIMEOUT(root->property("figuresReady").toBool(), 60000);

        // The figure: each head's weight on the previous token in the last layer, averaged over
        // positions 1..T-1, from the reference implementation's attention.
        const auto* lab = root->findChild<TemplateLab*>();
        QVERIFY(lab);
        QCOMPARE(lab->error(), QString());
        const int l = case_.L - 1;
        QCOMPARE(lab->shownLayer(), l);
        QCOMPARE(lab->scores().size(), qsizetype(case_.H));
        std::vector<double> want(size_t(case_.H));
        for (int h = 0; h < case_.H; ++h) {
            double sum = 0;
            for (int i = 1; i < case_.T; ++i) sum += case_.att(l, h, i, i - 1);
            want[size_t(h)] = sum / (case_.T - 1);
            QVERIFY2(std::abs(lab->scores()[h] - want[size_t(h)]) < 1e-4,
                     qPrintable(QStringLiteral("head %1: %2 vs %3").arg(h).arg(lab->scores()[h]).arg(want[size_t(h)])));
        }

        // The exercise: answered with the head the reference attention makes the largest.
        const auto* set = root->findChild<ExerciseSet*>();
        QVERIFY(set);
        QCOMPARE(set->count(), 1);
        const QVariantMap answer = set->answers().value(0).toMap();
        QCOMPARE(answer.value(QStringLiteral("error")).toString(), QString());
        QCOMPARE(answer.value(QStringLiteral("kind")).toString(), QStringLiteral("head"));
        const int best = int(std::max_element(want.begin(), want.end()) - want.begin());
        QVERIFY2(answer.value(QStringLiteral("accept")).toStringList().contains(QStringLiteral("%1.%2").arg(l).arg(best)),
                 qPrintable(answer.value(QStringLiteral("answer")).toString()));

        // Predict, then see: the figure is hidden while the exercise waits for a prediction.
        auto* veil = root->findChild<QQuickItem*>(QStringLiteral("veil:template-bars"));
        QVERIFY(veil);
        QVERIFY(veil->property("veiled").toBool());
        // The figure lies in the scaffold's scrolling column, the one that holds its exercises.
        auto* list = qobject_cast<QQuickItem*>(root->property("exercises").value<QObject*>());
        QVERIFY(list && list->parentItem());
        bool inColumn = false;
        for (QQuickItem* p = veil->parentItem(); p && !inColumn; p = p->parentItem())
            inColumn = p == list->parentItem();
        QVERIFY2(inColumn, "the figure is not in the scaffold's column");

        // Optional, for looking at the page: AL_TEMPLATE_SHOT=FILE.png saves it, figure revealed.
        const QString shot = qEnvironmentVariable("AL_TEMPLATE_SHOT");
        if (!shot.isEmpty()) {
            veil->setProperty("veils", QVariant());
            QTest::qWait(200);
            QVERIFY(window_.grabWindow().save(shot));
        }
    }

    void cleanupTestCase() { engine_.reset(); }
};

QTEST_MAIN(TestStationTemplate)
#include "test_station_template.moc"
