// The app in a second language, run with LANGUAGE=de (set by ctest): the interface and the lessons
// come up in German from the system's language, plural forms follow the count, a lesson file that
// has no translation falls back to English, exercise answers do not depend on the language, and
// every station, rendered at 1280×800, shows German texts and no cut-off text.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <functional>
#include <memory>

#include "app_state.h"
#include "exercises/head_roles.h"
#include "heads/known_heads.h"
#include "i18n/translations.h"
#include "lesson_catalog.h"
#include "main_window.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

QTemporaryDir& sandbox() {
    static QTemporaryDir dir;
    return dir;
}

bool writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// What the learner could read: the text of every visible text item and button, with the
// visible text items that are elided or clipped at their width.
struct Visible {
    QStringList texts;
    QStringList cutOff;
};

void collect(QQuickItem* item, Visible& out) {
    if (!item || !item->isVisible() || item->opacity() == 0)
        return;
    const QByteArray cls = item->metaObject()->className();
    const QVariant text = item->property("text");
    if (text.isValid() && text.canConvert<QString>() && !text.toString().isEmpty())
        out.texts << text.toString();
    if (cls.startsWith("QQuickText") && !cls.contains("Edit") && !cls.contains("Input") &&
        item->property("truncated").toBool())
        out.cutOff << text.toString();
    for (QQuickItem* c : item->childItems())
        collect(c, out);
}

// Every text below `item`, shown or not (a veiled figure's parts too).
void collectAll(QQuickItem* item, QStringList& out) {
    if (!item)
        return;
    const QVariant text = item->property("text");
    if (text.isValid() && text.canConvert<QString>() && !text.toString().isEmpty())
        out << text.toString();
    for (QQuickItem* c : item->childItems())
        collectAll(c, out);
}

// The first item of a QML type below `item`; `shown`: only among the visible ones (a station
// left earlier may still be there, hidden).
QQuickItem* findByType(QQuickItem* item, const char* type, bool shown = false) {
    if (!item || (shown && !item->isVisible()))
        return nullptr;
    if (QByteArray(item->metaObject()->className()).startsWith(type))
        return item;
    for (QQuickItem* c : item->childItems())
        if (QQuickItem* f = findByType(c, type, shown))
            return f;
    return nullptr;
}

// A head census role as its id: what must never reach a German learner's eyes or ears.
const QRegularExpression& englishRoleId() {
    static const QRegularExpression re(
        QStringLiteral("\\b(induction|previous-token|duplicate|self|sink|diffuse|long-range|mixed|first-token)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

QString englishRoleIn(const QStringList& texts) {
    for (const QString& t : texts)
        if (englishRoleId().match(t).hasMatch())
            return t;
    return {};
}

// The words each figure's lab computes for screen readers (FigureSection's `summary`).
void collectDescriptions(QQuickItem* item, QStringList& out) {
    if (!item || !item->isVisible())
        return;
    if (item->objectName() == QLatin1String("figure"))
        out << item->property("summary").toString();
    for (QQuickItem* c : item->childItems())
        collectDescriptions(c, out);
}

} // namespace

class TestAppLanguage : public QObject {
    Q_OBJECT
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow* window = nullptr;

private slots:
    void initTestCase() {
        QVERIFY(sandbox().isValid());
        qputenv("XDG_CONFIG_HOME", sandbox().path().toUtf8()); // where the app and QSettings() keep them
        QVERIFY2(qEnvironmentVariable("LANGUAGE").startsWith(QLatin1String("de")), "run with LANGUAGE=de (ctest sets it)");
        Translations::instance()->apply();
    }

    void followsTheSystemLanguage() {
        QCOMPARE(Translations::instance()->choice(), QString());
        QCOMPARE(Translations::instance()->language(), QStringLiteral("de"));
        QVERIFY(Translations::availableCodes().contains(QStringLiteral("de")));
        QCOMPARE(QCoreApplication::translate("ShellHeader", "About"), QStringLiteral("Über"));
    }

    void resolvesPreferredLanguages() {
        const QStringList codes{QStringLiteral("en"), QStringLiteral("de")};
        QCOMPARE(Translations::resolve({QStringLiteral("de-AT"), QStringLiteral("en")}, codes), QStringLiteral("de"));
        QCOMPARE(Translations::resolve({QStringLiteral("de_DE.UTF-8")}, codes), QStringLiteral("de"));
        QCOMPARE(Translations::resolve({QStringLiteral("fr-FR"), QStringLiteral("de")}, codes), QStringLiteral("de"));
        QCOMPARE(Translations::resolve({QStringLiteral("fr-FR"), QStringLiteral("ja")}, codes), QStringLiteral("en"));
        QCOMPARE(Translations::resolve({}, codes), QStringLiteral("en"));
    }

    void pluralForms() {
        const char* tokens = "%n token(s)";
        QCOMPARE(QCoreApplication::translate("LensStation", tokens, nullptr, 1), QStringLiteral("1 Token"));
        QCOMPARE(QCoreApplication::translate("LensStation", tokens, nullptr, 12), QStringLiteral("12 Token"));
        const char* heads = "%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)";
        QVERIFY(QCoreApplication::translate("AblationView", heads, nullptr, 1).startsWith(QStringLiteral("1 Head aus ·")));
        QVERIFY(QCoreApplication::translate("AblationView", heads, nullptr, 3).startsWith(QStringLiteral("3 Heads aus ·")));
    }

    void chosenLanguageIsRememberedAndWins() {
        Translations* t = Translations::instance();
        QSignalSpy changed(t, &Translations::languageChanged);
        t->setChoice(QStringLiteral("en"));
        QCOMPARE(t->language(), QStringLiteral("en"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("ShellHeader", "About"), QStringLiteral("About"));
        // English counts read as English does: "1 token", "3 tokens", never "token(s)".
        QCOMPARE(QCoreApplication::translate("LensStation", "%n token(s)", nullptr, 1), QStringLiteral("1 token"));
        QCOMPARE(QCoreApplication::translate("LensStation", "%n token(s)", nullptr, 3), QStringLiteral("3 tokens"));
        const char* heads = "%n head(s) off · KL from the intact run: %1 nats · logit of “%2”: %3 (outlines: before)";
        QVERIFY(QCoreApplication::translate("AblationView", heads, nullptr, 1).startsWith(QStringLiteral("1 head off ·")));
        QVERIFY(QCoreApplication::translate("AblationView", heads, nullptr, 2).startsWith(QStringLiteral("2 heads off ·")));
        LessonCatalog catalog;
        QCOMPARE(catalog.station(QStringLiteral("lens")).value(QStringLiteral("title")).toString(), QStringLiteral("The attention lens"));
        t->apply(); // as at the next start: the saved choice beats LANGUAGE=de
        QCOMPARE(t->language(), QStringLiteral("en"));
        t->setChoice(QString()); // back to the system's language
        QCOMPARE(t->language(), QStringLiteral("de"));
        QCOMPARE(catalog.language(), QStringLiteral("de"));
        QCOMPARE(catalog.station(QStringLiteral("lens")).value(QStringLiteral("title")).toString(), QStringLiteral("Die Attention-Linse"));
        t->setChoice(QStringLiteral("xx")); // no such translation: follow the system
        QCOMPARE(t->choice(), QString());
        QCOMPARE(t->language(), QStringLiteral("de"));
        QVERIFY(changed.count() >= 2);
    }

    void lessonsInGerman() {
        LessonCatalog catalog;
        QCOMPARE(catalog.language(), QStringLiteral("de"));
        QCOMPARE(catalog.count(), 7);
        QVERIFY(catalog.prose(QStringLiteral("forming")).startsWith(QStringLiteral("# Ein Head entsteht")));
        QVERIFY(catalog.prose(QStringLiteral("lens")).startsWith(QStringLiteral("# Was Attention ist")));
        QVERIFY(catalog.prose(QStringLiteral("lens"), QStringLiteral("en")).startsWith(QStringLiteral("# What attention is")));
        const QVariantMap mask = catalog.station(QStringLiteral("mask"));
        QCOMPARE(mask.value(QStringLiteral("title")).toString(), QStringLiteral("Die kausale Maske"));
        // A preset's text is what the English model reads: it stays English; its "why" is German.
        const QVariantMap preset = mask.value(QStringLiteral("presets")).toList().at(0).toMap();
        QCOMPARE(preset.value(QStringLiteral("text")).toString(), QStringLiteral("one two three four five six seven eight"));
        QCOMPARE(preset.value(QStringLiteral("title")).toString(), QStringLiteral("Zählen"));
        QCOMPARE(catalog.glossaryEntry(QStringLiteral("causal-mask")).value(QStringLiteral("term")).toString(), QStringLiteral("Kausale Maske"));
        QCOMPARE(catalog.glossaryEntry(QStringLiteral("causal-mask"), QStringLiteral("en")).value(QStringLiteral("term")).toString(), QStringLiteral("causal mask"));

        // Station 3's known heads: German roles and presets' reasons; the heads, their roles and
        // the presets' texts are the English file's.
        const QJsonObject en = course::knownHeadsData(QStringLiteral("en"));
        const QJsonObject de = course::knownHeadsData();
        QCOMPARE(en.value(QStringLiteral("roles")).toObject().value(QStringLiteral("induction")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Induction head"));
        QCOMPARE(de.value(QStringLiteral("roles")).toObject().value(QStringLiteral("induction")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Induktions-Head"));
        QVERIFY(de.value(QStringLiteral("about")).toString().startsWith(QStringLiteral("Heads von GPT-2 small")));
        QCOMPARE(de.value(QStringLiteral("heads")), en.value(QStringLiteral("heads")));
        const QJsonObject dePreset = de.value(QStringLiteral("presets")).toArray().at(0).toObject();
        const QJsonObject enPreset = en.value(QStringLiteral("presets")).toArray().at(0).toObject();
        QCOMPARE(dePreset.value(QStringLiteral("text")), enPreset.value(QStringLiteral("text")));
        QCOMPARE(dePreset.value(QStringLiteral("title")).toString(), QStringLiteral("IOI-Satz"));
        // A citation without a translation stays as published.
        QCOMPARE(de.value(QStringLiteral("sources")).toObject().value(QStringLiteral("wang2022")),
                 en.value(QStringLiteral("sources")).toObject().value(QStringLiteral("wang2022")));
    }

    // Everything an exercise's answer is computed from comes from the English file.
    void answersDoNotDependOnTheLanguage() {
        LessonCatalog catalog;
        const QStringList texts{QStringLiteral("prompt"), QStringLiteral("intro"), QStringLiteral("explain")};
        for (const char* id : {"lens", "math", "heads", "mask", "temperature", "not", "forming"}) {
            const QVariantList en = catalog.exercises(QString::fromLatin1(id), QStringLiteral("en"));
            const QVariantList de = catalog.exercises(QString::fromLatin1(id), QStringLiteral("de"));
            QVERIFY2(!en.isEmpty() && en.size() == de.size(), id);
            for (int i = 0; i < en.size(); ++i) {
                QVariantMap e = en[i].toMap(), d = de[i].toMap();
                QVERIFY2(e.value(QStringLiteral("prompt")) != d.value(QStringLiteral("prompt")), qPrintable(e.value(QStringLiteral("id")).toString()));
                for (const QString& k : texts) {
                    e.remove(k);
                    d.remove(k);
                }
                QVariantList eo = e.take(QStringLiteral("options")).toList(), dopt = d.take(QStringLiteral("options")).toList();
                QCOMPARE(d, e); // id, kind, compute, params, veils, start
                QCOMPARE(dopt.size(), eo.size());
                for (int j = 0; j < eo.size(); ++j)
                    QCOMPARE(dopt[j].toMap().value(QStringLiteral("value")), eo[j].toMap().value(QStringLiteral("value")));
            }
        }
    }

    // A station whose translation is partial: what is missing is English.
    void missingTranslationFallsBackToEnglish() {
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkdir(QStringLiteral("01-demo")));
        const QString f = root.path() + QStringLiteral("/01-demo/");
        QVERIFY(writeFile(f + QStringLiteral("station.json"),
            R"({"id":"demo","order":1,"title":"Demo","goal":"A goal","page":"","presets":[{"title":"P","text":"Some text","why":"Why"}]})"));
        QVERIFY(writeFile(f + QStringLiteral("prose.md"), "# English prose\n"));
        QVERIFY(writeFile(f + QStringLiteral("exercises.json"),
            R"([{"id":"a","kind":"option","prompt":"First?","compute":"c","params":{},"veils":[],"options":[{"value":"x","label":"X"},{"value":"y","label":"Y"}],"explain":"E1"},
                {"id":"b","kind":"token","prompt":"Second?","compute":"c","params":{},"veils":[],"explain":"E2"}])"));
        QVERIFY(writeFile(f + QStringLiteral("station.de.json"), R"({"title":"Vorführung","presets":[{"title":"P-de"}]})"));
        QVERIFY(writeFile(f + QStringLiteral("exercises.de.json"),
            R"({"a":{"prompt":"Erste?","options":{"x":"X-de"},"kind":"number","compute":"other"}})"));
        LessonCatalog catalog;
        catalog.setRoot(root.path());
        catalog.setLanguage(QStringLiteral("de"));
        const QVariantMap s = catalog.station(QStringLiteral("demo"));
        QCOMPARE(s.value(QStringLiteral("title")).toString(), QStringLiteral("Vorführung"));
        QCOMPARE(s.value(QStringLiteral("goal")).toString(), QStringLiteral("A goal"));
        const QVariantMap p = s.value(QStringLiteral("presets")).toList().at(0).toMap();
        QCOMPARE(p.value(QStringLiteral("title")).toString(), QStringLiteral("P-de"));
        QCOMPARE(p.value(QStringLiteral("why")).toString(), QStringLiteral("Why"));
        QCOMPARE(catalog.prose(QStringLiteral("demo")), QStringLiteral("# English prose\n"));
        const QVariantList ex = catalog.exercises(QStringLiteral("demo"));
        QCOMPARE(ex.size(), 2);
        const QVariantMap a = ex[0].toMap(), b = ex[1].toMap();
        QCOMPARE(a.value(QStringLiteral("prompt")).toString(), QStringLiteral("Erste?"));
        QCOMPARE(a.value(QStringLiteral("explain")).toString(), QStringLiteral("E1"));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("option")); // never from a translation
        QCOMPARE(a.value(QStringLiteral("compute")).toString(), QStringLiteral("c"));
        QCOMPARE(a.value(QStringLiteral("options")).toList()[0].toMap().value(QStringLiteral("label")).toString(), QStringLiteral("X-de"));
        QCOMPARE(a.value(QStringLiteral("options")).toList()[1].toMap().value(QStringLiteral("label")).toString(), QStringLiteral("Y"));
        QCOMPARE(b.value(QStringLiteral("prompt")).toString(), QStringLiteral("Second?"));
        QVERIFY(catalog.glossaryEntry(QStringLiteral("token")).isEmpty()); // no glossary here: nothing, no crash
    }

    void stationsShowGermanTexts_data() {
        QTest::addColumn<QString>("station");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("heading");   // from prose.de.md
        QTest::addColumn<QString>("figure");    // a qsTr string of the station's page
        QTest::newRow("lens") << "lens" << "Die Attention-Linse" << "Wie man die Linse liest" << "Einen Head finden";
        QTest::newRow("math") << "math" << "Die Mathematik: Queries, Keys, Values" << "Warum durch √d teilen" << "Q·K·V-Sandkasten";
        QTest::newRow("heads") << "heads" << "Viele Heads" << "Heads ausschalten" << "Alle Heads eines Layers";
        QTest::newRow("mask") << "mask" << "Die kausale Maske" << "Schritt für Schritt durch das Raster" << "Das Score-Raster, Zeile für Zeile";
        QTest::newRow("temperature") << "temperature" << "Temperatur und Sampling" << "Sechs Kandidaten" << "Softmax mit einer Temperatur";
        QTest::newRow("not") << "not" << "Was Attention nicht ist" << "Die Leitungen" << "Gewichte sind keine Erklärungen";
        QTest::newRow("forming") << "forming" << "Ein Head entsteht" << "Die Daten" << "Heads im Lauf des Trainings";
    }

    // Each station as the learner sees it at 1280×800, on the fixture model, once its figures show
    // the model's results. AL_LANGUAGE_SHOTS=DIR saves each window for a look.
    void stationsShowGermanTexts() {
        QFETCH(QString, station);
        QFETCH(QString, title);
        QFETCH(QString, heading);
        QFETCH(QString, figure);
        if (!window) {
            ModelHub* hub = ModelHub::instance();
            hub->loadModel(qEnvironmentVariable("AL_FIXTURE_MODEL"));
            QVERIFY(QTest::qWaitFor([hub] { return hub->ready(); }, 30000));
            QQuickStyle::setStyle(QStringLiteral("Basic"));
            window = testing_support::startMainWindow(engine, QSize(1280, 800), [](QQmlApplicationEngine& e) {
                Translations::instance()->setEngine(&e);
            });
            QVERIFY(window);
        }
        AppState* state = AppState::instance();
        QSignalSpy shown(state, &AppState::figuresShown);
        QMetaObject::invokeMethod(window, "openStation", Q_ARG(QVariant, station));
        QVERIFY2(QTest::qWaitFor([&] { return shown.count() > 0 && state->figuresAreShown(); }, 60000), qPrintable(station));
        QTest::qWait(600); // the page's slide-in and a few frames

        Visible v;
        collect(window->contentItem(), v);
        const QString all = v.texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(title), qPrintable(station + QStringLiteral(": no title ") + title));
        QVERIFY2(all.contains(heading), qPrintable(station + QStringLiteral(": no prose heading ") + heading));
        QVERIFY2(all.contains(figure), qPrintable(station + QStringLiteral(": no figure text ") + figure));
        QVERIFY2(all.contains(QStringLiteral("Lesetext ausblenden")), qPrintable(station));
        QVERIFY2(!all.contains(QStringLiteral("Hide the reading")), qPrintable(station));
        QVERIFY2(v.cutOff.isEmpty(), qPrintable(station + QStringLiteral(": cut off: ") + v.cutOff.join(QStringLiteral(" | "))));
        // Numbers the figures show are written the German way (0,62), and so are the figures'
        // descriptions for screen readers.
        if (station == QLatin1String("temperature")) { // the what-if head temperature, 1 at first
            QVERIFY2(v.texts.contains(QStringLiteral("1,00")), qPrintable(v.texts.join(QStringLiteral(" | "))));
            QVERIFY2(!v.texts.contains(QStringLiteral("1.00")), qPrintable(v.texts.join(QStringLiteral(" | "))));
        }
        if (station == QLatin1String("math")) {
            QStringList descriptions;
            collectDescriptions(window->contentItem(), descriptions);
            static const QRegularExpression germanNumber(QStringLiteral("\\d,\\d\\d"));
            static const QRegularExpression englishNumber(QStringLiteral("\\b\\d\\.\\d\\d\\b"));
            const QString joined = descriptions.join(QLatin1Char('\n'));
            QVERIFY2(joined.contains(germanNumber) && !joined.contains(englishNumber), qPrintable(joined));
        }

        const QString shots = qEnvironmentVariable("AL_LANGUAGE_SHOTS");
        if (!shots.isEmpty())
            QVERIFY(window->grabWindow().save(shots + QStringLiteral("/") + station + QStringLiteral("-de.png")));
    }

    // The head census's roles in German wherever a learner reads or hears them: the words for
    // each id, Station 3's tiles, focused view and figure descriptions, its known heads, Station
    // 1's head finder and Station 6's census table. The ids stay ids underneath.
    void headRolesInGerman() {
        QVERIFY2(window, "the German stations ran first");
        const QStringList ids = head_roles::ids();
        QVERIFY(ids.contains(QStringLiteral("induction")) && ids.contains(QStringLiteral("mixed")));
        for (const QString& id : ids) {
            const QString words = head_roles::label(id);
            QVERIFY2(!words.isEmpty() && !englishRoleId().match(words).hasMatch(), qPrintable(id + QStringLiteral(" -> ") + words));
        }
        QCOMPARE(head_roles::label(QStringLiteral("induction")), QStringLiteral("Induktion"));
        QCOMPARE(head_roles::label(QStringLiteral("previous-token")), QStringLiteral("vorheriges Token"));
        QCOMPARE(head_roles::label(QStringLiteral("sink")), QStringLiteral("Senke"));
        QCOMPARE(head_roles::label(QStringLiteral("no-such-role")), QStringLiteral("no-such-role"));

        // GPT-2 small's known heads: every role's title, description and check.
        const QJsonObject roles = course::knownHeadsData().value(QStringLiteral("roles")).toObject();
        QVERIFY(roles.contains(QStringLiteral("induction")));
        for (auto it = roles.begin(); it != roles.end(); ++it)
            for (const char* key : {"title", "what", "check"}) {
                const QString t = it.value().toObject().value(QLatin1String(key)).toString();
                QVERIFY2(!t.isEmpty() && !englishRoleId().match(t).hasMatch(), qPrintable(it.key() + QStringLiteral(": ") + t));
            }
        for (const char* measured : {"previous-token score on your text %1", "induction score on random tokens written twice %1"}) {
            const QString t = QCoreApplication::translate("QObject", measured);
            QVERIFY2(!englishRoleId().match(t).hasMatch(), qPrintable(t));
        }

        AppState* state = AppState::instance();
        auto open = [&](const QString& station) {
            QSignalSpy shown(state, &AppState::figuresShown);
            QMetaObject::invokeMethod(window, "openStation", Q_ARG(QVariant, station));
            return QTest::qWaitFor([&] { return shown.count() > 0 && state->figuresAreShown(); }, 60000);
        };

        // Station 3: the tiles (veiled or not), the focused view and every figure's description.
        QVERIFY(open(QStringLiteral("heads")));
        QQuickItem* heads3 = findByType(window->contentItem(), "HeadsStation", true);
        QVERIFY(heads3);
        QQuickItem* grid = findByType(heads3, "HeadsGrid"); // veiled while the exercise waits: not shown
        QVERIFY(grid);
        auto* lab = qvariant_cast<QObject*>(grid->property("lab"));
        QVERIFY(lab);
        QTRY_VERIFY_WITH_TIMEOUT(!lab->property("heads").toList().isEmpty(), 60000);
        const QVariantList heads = lab->property("heads").toList();
        for (const QVariant& v : heads) {
            const QVariantMap h = v.toMap();
            const QString id = h.value(QStringLiteral("label")).toString();
            QVERIFY2(ids.contains(id), qPrintable(id)); // the data keeps the census's id
            QCOMPARE(h.value(QStringLiteral("labelText")).toString(), head_roles::label(id));
            QStringList words{h.value(QStringLiteral("labelText")).toString(), h.value(QStringLiteral("scoreName")).toString()};
            for (const QVariant& row : h.value(QStringLiteral("scoreRows")).toList())
                words << row.toMap().value(QStringLiteral("name")).toString();
            QVERIFY2(englishRoleIn(words).isEmpty(), qPrintable(englishRoleIn(words)));
        }
        // The labels are drawn once no question about them waits (the grid shows them unveiled).
        QVERIFY(grid->setProperty("veilKey", QString()));
        grid->setProperty("focusedHead", 0);
        QTest::qWait(100);
        QStringList gridTexts;
        collectAll(grid, gridTexts);
        const QString firstWords = heads.first().toMap().value(QStringLiteral("labelText")).toString();
        QVERIFY2(gridTexts.join(QLatin1Char('\n')).contains(firstWords), qPrintable(gridTexts.join(QStringLiteral(" | "))));
        QVERIFY2(englishRoleIn(gridTexts).isEmpty(), qPrintable(englishRoleIn(gridTexts)));
        grid->setProperty("focusedHead", -1);
        QStringList descriptions;
        collectDescriptions(window->contentItem(), descriptions);
        QVERIFY(descriptions.size() >= 4);
        QVERIFY2(englishRoleIn(descriptions).isEmpty(), qPrintable(englishRoleIn(descriptions)));
        QStringList knownTexts;
        collectAll(findByType(heads3, "KnownHeadsPanel"), knownTexts);
        QVERIFY(!knownTexts.isEmpty());
        QVERIFY2(englishRoleIn(knownTexts).isEmpty(), qPrintable(englishRoleIn(knownTexts)));

        // The exercises' computed facts name the labels in German too.
        QQuickItem* list = findByType(heads3, "ExerciseList");
        QVERIFY(list);
        auto* set = qvariant_cast<QObject*>(list->property("exercises"));
        QVERIFY(set);
        QTRY_VERIFY_WITH_TIMEOUT(set->property("allAnswered").toBool(), 60000);
        QStringList facts;
        for (const QVariant& a : set->property("answers").toList())
            facts << a.toMap().value(QStringLiteral("detail")).toString() << a.toMap().value(QStringLiteral("note")).toString();
        QVERIFY2(facts.join(QString()).contains(QStringLiteral("Label")), qPrintable(facts.join(QStringLiteral(" | "))));
        QVERIFY2(englishRoleIn(facts).isEmpty(), qPrintable(englishRoleIn(facts)));

        // Station 1's head finder: its buttons and what a find says.
        QVERIFY(open(QStringLiteral("lens")));
        QQuickItem* lens = findByType(window->contentItem(), "LensStation", true);
        QVERIFY(lens);
        QStringList lensButtons;
        std::function<void(QQuickItem*)> buttons = [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).contains("Button"))
                lensButtons << i->property("text").toString();
            for (QQuickItem* c : i->childItems()) buttons(c);
        };
        buttons(lens);
        QVERIFY2(lensButtons.contains(QStringLiteral("Induktion")) && lensButtons.contains(QStringLiteral("Attention-Senke")),
                 qPrintable(lensButtons.join(QStringLiteral(" | "))));
        QVERIFY2(englishRoleIn(lensButtons).isEmpty(), qPrintable(englishRoleIn(lensButtons)));
        for (const char* kind : {"previous-token", "sink"}) {
            auto find = [&] { // once the lens has its result for the text
                QMetaObject::invokeMethod(lens, "findHead", Q_ARG(QVariant, QString::fromLatin1(kind)));
                return !lens->property("finding").toMap().value(QStringLiteral("title")).toString().isEmpty();
            };
            QVERIFY(QTest::qWaitFor(find, 60000));
            const QVariantMap finding = lens->property("finding").toMap();
            const QStringList said{finding.value(QStringLiteral("title")).toString(), finding.value(QStringLiteral("why")).toString()};
            QVERIFY2(!said.first().isEmpty() && englishRoleIn(said).isEmpty(), qPrintable(said.join(QStringLiteral(" | "))));
            // Its score is written the German way: a decimal comma, never "0.42".
            static const QRegularExpression pointDecimal(QStringLiteral("\\d\\.\\d"));
            static const QRegularExpression commaDecimal(QStringLiteral("\\d,\\d"));
            QVERIFY2(!said.last().contains(pointDecimal) && said.last().contains(commaDecimal), qPrintable(said.last()));
        }

        // Station 6's census table: its columns and labels.
        QVERIFY(open(QStringLiteral("not")));
        QStringList census;
        collectAll(findByType(findByType(window->contentItem(), "NotStation", true), "CensusTable"), census);
        for (const char* id : {"first-token", "previous-token", "self", "duplicate"})
            QVERIFY2(census.contains(head_roles::label(QString::fromLatin1(id))), qPrintable(census.join(QStringLiteral(" | "))));
        QVERIFY2(census.contains(head_roles::label(QStringLiteral("induction")) + QLatin1Char('*')), qPrintable(census.join(QStringLiteral(" | "))));
    }

    // A number prediction in German: "0.5" and "0,5" are both taken and read as 0.5 (the C-locale
    // prediction the exercise engine grades), and the field then shows it the German way.
    void numberPredictionInGerman() {
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        QVERIFY2(engine, "the German stations ran first");
        QQmlComponent component(engine.get());
        component.setData("import QtQuick\nimport AttentionLens\n"
                          "PredictCard { width: 600; definition: ({ id: \"n\", kind: \"number\", prompt: \"?\" }); answer: ({ kind: \"number\" }) }",
                          QUrl());
        std::unique_ptr<QObject> object(component.create());
        QVERIFY2(object, qPrintable(component.errorString()));
        auto* card = qobject_cast<QQuickItem*>(object.get());
        QVERIFY(card);
        QQuickWindow w;
        w.resize(640, 400);
        card->setParentItem(w.contentItem());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* field = card->findChild<QQuickItem*>(QStringLiteral("numberField"));
        QVERIFY(field);
        for (const QString& typed : {QStringLiteral("0.5"), QStringLiteral("0,5")}) {
            field->setProperty("text", QString());
            field->forceActiveFocus();
            QTRY_VERIFY(field->hasActiveFocus());
            for (const QChar ch : typed)
                QTest::keyClick(&w, ch.toLatin1());
            QCOMPARE(field->property("text").toString(), typed);
            QVERIFY2(field->property("acceptableInput").toBool(), qPrintable(typed));
            QCOMPARE(card->property("prediction").toString(), QStringLiteral("0.5"));
            QTest::keyClick(&w, Qt::Key_Return); // Enter: the typing is done (and commits, with an exercise set)
            QCOMPARE(field->property("text").toString(), QStringLiteral("0,5"));
            QCOMPARE(card->property("prediction").toString(), QStringLiteral("0.5"));
        }
    }

    // The About page: its texts from about.de.json and the language menu, showing the system's
    // language as the current choice.
    void aboutPageInGerman() {
        QVERIFY2(window, "the German stations ran first");
        QMetaObject::invokeMethod(window, "openAbout");
        Visible v;
        QVERIFY(QTest::qWaitFor([&] {
            v = {};
            collect(window->contentItem(), v);
            return v.texts.contains(QStringLiteral("Sprache"));
        }, 10000));
        QTest::qWait(600);
        v = {};
        collect(window->contentItem(), v);
        const QString all = v.texts.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("Woraus die App besteht")));
        QVERIFY(all.contains(QStringLiteral("Diese App: der Kurs, seine Engine und seine Lektionen")));
        QVERIFY(all.contains(QStringLiteral("Wie das System (Deutsch)")));
        QVERIFY2(v.cutOff.isEmpty(), qPrintable(v.cutOff.join(QStringLiteral(" | "))));
        const QString shots = qEnvironmentVariable("AL_LANGUAGE_SHOTS");
        if (!shots.isEmpty())
            QVERIFY(window->grabWindow().save(shots + QStringLiteral("/about-de.png")));
    }

    // The same window switched to English while it runs (as the About page's menu does): the
    // texts follow at once, and none is cut off at 1280×800 either.
    void switchedToEnglishWhileRunning_data() {
        QTest::addColumn<QString>("station");
        QTest::addColumn<QString>("title");
        QTest::newRow("lens") << "lens" << "The attention lens";
        QTest::newRow("math") << "math" << "The math: queries, keys, values";
        QTest::newRow("heads") << "heads" << "Many heads";
        QTest::newRow("mask") << "mask" << "The causal mask";
        QTest::newRow("temperature") << "temperature" << "Temperature and sampling";
        QTest::newRow("not") << "not" << "What attention isn't";
        QTest::newRow("forming") << "forming" << "A head forms";
    }
    void switchedToEnglishWhileRunning() {
        QFETCH(QString, station);
        QFETCH(QString, title);
        QVERIFY2(window, "the German stations ran first");
        Translations::instance()->setChoice(QStringLiteral("en"));
        AppState* state = AppState::instance();
        QSignalSpy shown(state, &AppState::figuresShown);
        QMetaObject::invokeMethod(window, "openStation", Q_ARG(QVariant, station));
        QVERIFY2(QTest::qWaitFor([&] { return shown.count() > 0 && state->figuresAreShown(); }, 60000), qPrintable(station));
        QTest::qWait(600);
        Visible v;
        collect(window->contentItem(), v);
        const QString all = v.texts.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(title), qPrintable(station));
        QVERIFY2(all.contains(QStringLiteral("Hide the reading")), qPrintable(station));
        QVERIFY2(!all.contains(QStringLiteral("Lesetext")), qPrintable(station));
        QVERIFY2(v.cutOff.isEmpty(), qPrintable(station + QStringLiteral(": cut off: ") + v.cutOff.join(QStringLiteral(" | "))));
    }

    void cleanupTestCase() { Translations::instance()->setChoice(QString()); }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("AttentionLensLanguageTests"));
    TestAppLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_language.moc"
