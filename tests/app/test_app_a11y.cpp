// Every station as a screen reader and a keyboard-only learner meet it, in the real window
// (Main.qml as the app loads it, offscreen) on the fixture model:
//  - the accessibility tree (QAccessible) has a name for every item that can take focus;
//  - every figure has a description in words computed from its data; while part of a figure is
//    veiled, its description says it is hidden and reads none of that data;
//  - the first exercise of every station is answered by keys alone (Tab, arrow keys between the
//    choices, Enter, Escape, typing), ending with the model's answer shown, and nothing of that
//    answer is in the accessibility tree before the prediction is committed;
//  - the lens' all-heads overview of a 12 x 12 model (GPT-2 small's shape) fits beside the open
//    reading at 1280 x 800.
// AL_A11Y_SCREENSHOTS=DIR saves what each step shows there, to look at.
#include <QAccessible>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <functional>
#include <memory>

#include "app_state.h"
#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "gpt2_shaped_model.h"
#include "lens/lens_controller.h"
#include "main_window.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

QTemporaryDir& sandbox() {
    static QTemporaryDir dir;
    return dir;
}

bool isInside(const QQuickItem* item, const QQuickItem* ancestor) {
    for (const QQuickItem* p = item; p; p = p->parentItem())
        if (p == ancestor) return true;
    return false;
}

bool visibleOnScreen(const QQuickItem* item) {
    for (const QQuickItem* p = item; p; p = p->parentItem())
        if (!p->isVisible() || p->opacity() <= 0.0) return false;
    return true;
}

QString describe(const QQuickItem* item) {
    QString s = QString::fromLatin1(item->metaObject()->className());
    if (!item->objectName().isEmpty()) s += QLatin1String(" \"") + item->objectName() + QLatin1Char('"');
    if (const QQuickItem* p = item->parentItem()) s += QLatin1String(" in ") + QString::fromLatin1(p->metaObject()->className());
    const QVariant text = item->property("text");
    if (text.isValid()) s += QLatin1String(" text=") + text.toString().left(40);
    return s;
}

} // namespace

class TestAppA11y : public QObject {
    Q_OBJECT
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow* window = nullptr;
    QString shotDir;

    QObject* root() const { return engine->rootObjects().constFirst(); }

    void shot(const QString& name) {
        if (shotDir.isEmpty()) return;
        QTest::qWait(150);
        window->grabWindow().save(QDir(shotDir).filePath(name + QStringLiteral(".png")));
    }

    static void collect(QQuickItem* item, const std::function<void(QQuickItem*)>& f) {
        f(item);
        for (QQuickItem* c : item->childItems()) collect(c, f);
    }

    // Opens a station and waits until its figures and its exercises' answers are shown.
    QQuickItem* openStation(const QString& id) {
        QMetaObject::invokeMethod(root(), "openStation", Q_ARG(QVariant, id));
        QQuickItem* page = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            page = nullptr;
            collect(window->contentItem(), [&](QQuickItem* i) {
                if (!page && i->property("stationId").toString() == id && i->property("figuresReady").isValid()
                    && i->isVisible())
                    page = i;
            });
            return page && page->property("figuresReady").toBool();
        }, 60000);
        if (!shown) return nullptr;
        QQuickItem* stack = nullptr;
        collect(window->contentItem(), [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).contains("StackView")) stack = i;
        });
        if (!stack || !QTest::qWaitFor([&] { return !stack->property("busy").toBool(); }, 5000))
            return nullptr;
        QTest::qWait(200);
        return page;
    }

    // Items a learner can Tab to: visible, enabled, and taking focus from the Tab key.
    static bool tabbable(QQuickItem* i) {
        if (!i->isEnabled() || !visibleOnScreen(i)) return false;
        if (i->activeFocusOnTab()) return true;
        const QVariant policy = i->property("focusPolicy");
        return policy.isValid() && (policy.toInt() & Qt::TabFocus) == Qt::TabFocus;
    }

    // The accessible tree under an interface, depth first.
    static void walk(QAccessibleInterface* iface, const std::function<void(QAccessibleInterface*)>& f, int depth = 0) {
        if (!iface || depth > 200) return;
        f(iface);
        for (int i = 0; i < iface->childCount(); ++i)
            walk(iface->child(i), f, depth + 1);
    }

    // All names and descriptions in the tree, leaving out what lies inside `skip` (an exercise's
    // own choices name every possible answer).
    QString accessibleText(QQuickItem* skip = nullptr) const {
        QString all;
        walk(QAccessible::queryAccessibleInterface(window), [&](QAccessibleInterface* a) {
            if (a->state().invisible) return;
            auto* item = qobject_cast<QQuickItem*>(a->object());
            if (skip && item && item != skip && isInside(item, skip)) return;
            all += a->text(QAccessible::Name) + QLatin1Char('\n') + a->text(QAccessible::Description) + QLatin1Char('\n');
        });
        return all;
    }

    QStringList unnamedFocusable(QQuickItem* page) const {
        QStringList bad;
        // Through the accessible tree: whatever says it is focusable has a name.
        walk(QAccessible::queryAccessibleInterface(window), [&](QAccessibleInterface* a) {
            const QAccessible::State st = a->state();
            if (st.focusable && !st.invisible && !st.disabled && a->text(QAccessible::Name).trimmed().isEmpty()) {
                auto* item = qobject_cast<QQuickItem*>(a->object());
                bad << QStringLiteral("accessible %1 (role %2)").arg(item ? describe(item) : QStringLiteral("?")).arg(int(a->role()));
            }
        });
        // Through the items: a focusable item that is not in the accessible tree at all is as
        // unnamed to a screen reader as one with an empty name.
        collect(page, [&](QQuickItem* i) {
            if (!tabbable(i)) return;
            // A control's own editor (an editable SpinBox's text) is read as part of the control.
            if (QQuickItem* p = i->parentItem())
                if (p->property("contentItem").value<QQuickItem*>() == i) {
                    QAccessibleInterface* pa = QAccessible::queryAccessibleInterface(p);
                    if (pa && !pa->text(QAccessible::Name).trimmed().isEmpty()) return;
                }
            QAccessibleInterface* a = QAccessible::queryAccessibleInterface(i);
            if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
                bad << QStringLiteral("item %1").arg(describe(i));
        });
        bad.removeDuplicates();
        return bad;
    }

    // Every figure of the page has an accessible description, with the words its lab computes
    // from the data (`summary`); while part of it is veiled, the description says it is hidden
    // and reads none of that data, nor `answer`. Returns what is wrong, one line per figure;
    // `veiledCount` gets the number of figures that are veiled now.
    QStringList figureProblems(QQuickItem* page, const QString& answer, int* veiledCount = nullptr) const {
        QStringList bad;
        int veiled = 0;
        collect(page, [&](QQuickItem* f) {
            // Station 1's figures describe themselves (the selected head's pattern in words).
            const QByteArray cls = f->metaObject()->className();
            if ((cls.startsWith("MatrixView_") || cls.startsWith("HeadOverview_") || cls.startsWith("TokenStrip_")) && visibleOnScreen(f)) {
                QAccessibleInterface* a = QAccessible::queryAccessibleInterface(f);
                if (!a || a->text(QAccessible::Description).trimmed().isEmpty())
                    bad << QStringLiteral("%1 has no description").arg(describe(f));
                return;
            }
            if (f->objectName() != QLatin1String("figure") || !visibleOnScreen(f)) return;
            const QString title = f->property("title").toString();
            QAccessibleInterface* a = QAccessible::queryAccessibleInterface(f);
            const QString desc = a ? a->text(QAccessible::Description) : QString();
            const QString summary = f->property("summary").toString();
            if (desc.trimmed().isEmpty()) {
                bad << QStringLiteral("figure \"%1\" has no description").arg(title);
                return;
            }
            if (f->property("summaryVeiled").toBool()) {
                ++veiled;
                if (!desc.contains(f->property("hiddenNote").toString()))
                    bad << QStringLiteral("veiled figure \"%1\" does not say it is hidden: %2").arg(title, desc);
                if (!summary.isEmpty() && desc.contains(summary))
                    bad << QStringLiteral("veiled figure \"%1\" reads its data: %2").arg(title, desc);
                if (answer.size() > 3 && desc.contains(answer))
                    bad << QStringLiteral("veiled figure \"%1\" names the answer \"%2\": %3").arg(title, answer, desc);
            } else if (summary.trimmed().isEmpty() || !desc.contains(summary)) {
                bad << QStringLiteral("figure \"%1\" does not describe its data: %2").arg(title, desc);
            }
        });
        if (veiledCount) *veiledCount = veiled;
        return bad;
    }

    void key(Qt::Key k, Qt::KeyboardModifiers m = Qt::NoModifier) {
        QTest::keyClick(window, k, m);
        QTest::qWait(20);
    }

    // Tabs forward until `wanted` holds the active focus item (at most `limit` presses).
    QQuickItem* tabTo(const std::function<bool(QQuickItem*)>& wanted, int limit = 300) {
        for (int n = 0; n < limit; ++n) {
            QQuickItem* f = window->activeFocusItem();
            if (f && wanted(f)) return f;
            key(Qt::Key_Tab);
        }
        return nullptr;
    }

    static bool isButtonWithText(QQuickItem* i, const QString& text) {
        return QByteArray(i->metaObject()->className()).contains("Button")
            && i->property("text").toString() == text;
    }

    QQuickItem* firstCard(QQuickItem* page) {
        QQuickItem* card = nullptr;
        collect(page, [&](QQuickItem* i) {
            if (!card && i->objectName().startsWith(QLatin1String("exercise:"))) card = i;
        });
        return card;
    }

    // A focus ring is shown on the item with keyboard focus: a visible FocusRing under it, the
    // Basic style's own focus frame (visualFocus), or a ring item of the figure.
    static bool showsFocus(QQuickItem* f) {
        if (f->property("visualFocus").toBool()) return true;
        bool ring = false;
        collect(f, [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).startsWith("FocusRing") && i->isVisible()) ring = true;
        });
        return ring;
    }

private slots:
    void initTestCase() {
        shotDir = qEnvironmentVariable("AL_A11Y_SCREENSHOTS");
        if (!shotDir.isEmpty()) QDir().mkpath(shotDir);
        const QString fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        ModelHub* hub = ModelHub::instance();
        hub->setText(QStringLiteral("When Mary and John went to the store, John gave a drink to"));
        hub->loadModel(fixture);
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && !hub->loading(), 30000);

        window = testing_support::startMainWindow(engine, QSize(1280, 800));
        QVERIFY(window);
        window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window));
    }

    void stations_data() {
        QTest::addColumn<QString>("station");
        for (const char* id : {"lens", "math", "heads", "mask", "temperature", "not"})
            QTest::newRow(id) << QString::fromLatin1(id);
    }

    // The tree a screen reader reads, then one exercise by keys alone.
    void stations() {
        QFETCH(QString, station);
        QQuickItem* page = openStation(station);
        QVERIFY2(page, "the station did not show its figures");
        const QStringList bad = unnamedFocusable(window->contentItem());
        QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("focusable without an accessible name:\n") + bad.join(QLatin1Char('\n'))));

        QQuickItem* card = firstCard(page);
        QVERIFY2(card, "no exercise on the station");
        QVERIFY(!card->property("revealed").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!card->property("computing").toBool(), 30000);
        const QString kind = card->property("kind").toString();
        const QVariantMap answer = card->property("answer").toMap();

        // Start the exercise where it waits for a Start press.
        window->contentItem()->forceActiveFocus();
        if (card->property("startVisible").toBool()) {
            QQuickItem* start = tabTo([&](QQuickItem* f) { return isInside(f, card) && isButtonWithText(f, QStringLiteral("Start")); });
            QVERIFY2(start, "Tab never reaches the exercise's Start button");
            QVERIFY2(showsFocus(start), "no focus ring on the Start button");
            key(Qt::Key_Return);
            QTRY_VERIFY(card->property("open").toBool());
        }
        // Predict, then see: while the card waits, the tree does not speak its answer.
        const QString answerText = answer.value(QStringLiteral("answerText")).toString();
        int veiled = 0;
        const QStringList figures = figureProblems(page, answerText, &veiled);
        QVERIFY2(figures.isEmpty(), qPrintable(figures.join(QLatin1Char('\n'))));
        // A part the exercise veils inside a figure makes that figure's description say so.
        bool veilsAFigure = false;
        for (const QVariant& k : card->property("definition").toMap().value(QStringLiteral("veils")).toList())
            collect(page, [&](QQuickItem* i) {
                if (i->objectName() != QLatin1String("veil:") + k.toString()) return;
                for (QQuickItem* p = i->parentItem(); p; p = p->parentItem())
                    if (p->objectName() == QLatin1String("figure")) veilsAFigure = true;
            });
        if (veilsAFigure && card->property("open").toBool())
            QVERIFY2(veiled > 0, "the exercise veils part of a figure, but no figure's description says so");
        if (!answerText.isEmpty() && answerText.size() > 3)
            QVERIFY2(!accessibleText(card).contains(answerText),
                     qPrintable(QStringLiteral("the answer \"%1\" is readable before the prediction").arg(answerText)));

        // Pick a choice: the first one the exercise accepts as an input.
        // Station 1 asks for a token of the lens' own token strip (the chips above its figures).
        auto isChoice = [&](QQuickItem* f) {
            if (f->property("choosing").toBool()) return true;
            if (!isInside(f, card)) return false;
            const QByteArray cls = f->metaObject()->className();
            if (kind == QLatin1String("number")) return cls.contains("TextField");
            if (kind == QLatin1String("option")) return cls.contains("RadioButton");
            return cls.contains("Button") && f->property("checkable").toBool();
        };
        QQuickItem* choice = tabTo(isChoice);
        QVERIFY2(choice, qPrintable(QStringLiteral("Tab never reaches a choice of the %1 exercise").arg(kind)));
        QVERIFY2(showsFocus(choice) || choice->hasActiveFocus(), "no focus ring on the choice");
        if (kind == QLatin1String("number")) {
            key(Qt::Key_1);
        } else if (!isInside(choice, card)) {
            key(Qt::Key_Right); // the first token
            key(Qt::Key_Return);
        } else {
            // Enter picks, Escape takes the pick back, Enter picks again.
            key(Qt::Key_Return);
            QTRY_VERIFY(!card->property("prediction").toString().isEmpty());
            key(Qt::Key_Escape);
            QTRY_VERIFY(card->property("prediction").toString().isEmpty());
            key(Qt::Key_Return);
            QTRY_VERIFY(!card->property("prediction").toString().isEmpty());
            const QString first = card->property("prediction").toString();
            // The arrow keys move to the next choice and pick it, and back again.
            key(Qt::Key_Right);
            QQuickItem* second = window->activeFocusItem();
            QVERIFY2(second && second != choice && isChoice(second), "the right arrow does not move to the next choice");
            QVERIFY2(showsFocus(second), "no focus ring on the choice the arrow moved to");
            QTRY_VERIFY(!card->property("prediction").toString().isEmpty() && card->property("prediction").toString() != first);
            key(Qt::Key_Left);
            QCOMPARE(window->activeFocusItem(), choice);
            QTRY_COMPARE(card->property("prediction").toString(), first);
            key(Qt::Key_Down);
            QCOMPARE(window->activeFocusItem(), second);
            key(Qt::Key_Up);
            QCOMPARE(window->activeFocusItem(), choice);
        }
        QTRY_VERIFY(!card->property("prediction").toString().isEmpty());
        shot(station + QStringLiteral("-predicting"));
        const bool pickedInCard = kind != QLatin1String("number") && isInside(choice, card);
        if (pickedInCard) {
            // Enter on the picked choice commits it.
            key(Qt::Key_Return);
            QTRY_VERIFY2(card->property("revealed").toBool(), "Enter on the picked choice did not commit it");
        } else {
            QQuickItem* commit = tabTo([&](QQuickItem* f) {
                return isInside(f, card) && isButtonWithText(f, card->property("revealText").toString());
            });
            QVERIFY2(commit, "Tab never reaches the commit button");
            QVERIFY2(showsFocus(commit), "no focus ring on the commit button");
            // Scrolled into view, so the learner sees the ring.
            QTRY_VERIFY2(QRectF(QPointF(0, 0), window->size()).contains(commit->mapRectToScene(QRectF(0, 0, commit->width(), commit->height()))),
                         "the focused commit button is off screen");
            key(Qt::Key_Return);
            QTRY_VERIFY2(card->property("revealed").toBool(), "Enter on the commit button did not reveal the answer");
        }
        shot(station + QStringLiteral("-revealed"));
        // The reveal is read out too, and the figures read their data again.
        QVERIFY(accessibleText().contains(card->property("answerText").toString()));
        const QStringList after = figureProblems(page, QString());
        QVERIFY2(after.isEmpty(), qPrintable(after.join(QLatin1Char('\n'))));
        key(Qt::Key_Escape); // nothing to take back after the reveal: stays revealed
        QVERIFY(card->property("revealed").toBool());
    }

    // Station 7 has no veils (its predictions are answered by a run that has not happened yet):
    // every figure describes its state in words.
    void formingFiguresDescribed() {
        QQuickItem* page = openStation(QStringLiteral("forming"));
        QVERIFY2(page, "the station did not show its figures");
        int figures = 0;
        collect(page, [&](QQuickItem* f) { if (f->objectName() == QLatin1String("figure")) ++figures; });
        QVERIFY(figures >= 5);
        const QStringList bad = figureProblems(page, QString());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // All 12 x 12 heads visible beside the reading, at 1280 x 800.
    void overviewOfGpt2SmallFits() {
        QQuickItem* page = openStation(QStringLiteral("lens"));
        QVERIFY(page);
        auto* lens = page->findChild<LensController*>();
        QVERIFY(lens);
        QVERIFY2(!qEnvironmentVariableIsEmpty("AL_SHARED_DIR"), "AL_SHARED_DIR is not set (run through ctest)");
        lens->setFollowHub(false);
        lens->setModel(testing_support::gpt2ShapedModel(1234));
        QTRY_VERIFY_WITH_TIMEOUT(lens->nLayer() == 12 && lens->hasResult() && !lens->busy(), 60000);
        QQuickItem* overview = nullptr;
        QQuickItem* prose = nullptr;
        collect(window->contentItem(), [&](QQuickItem* i) {
            if (QByteArray(i->metaObject()->className()).startsWith("HeadOverview_")) overview = i;
            if (i->objectName() == QLatin1String("proseText")) prose = i;
        });
        QVERIFY(overview);
        QVERIFY2(prose && visibleOnScreen(prose), "the reading panel is not open");
        QTest::qWait(200);
        shot(QStringLiteral("lens-gpt2-small-overview"));
        // The overview's right edge lies left of the reading panel and inside its own scroll
        // view's viewport.
        const QRectF grid = overview->mapRectToScene(QRectF(0, 0, overview->width(), overview->height()));
        const QRectF reading = prose->mapRectToScene(QRectF(0, 0, prose->width(), prose->height()));
        QVERIFY2(grid.right() <= reading.left(),
                 qPrintable(QStringLiteral("the overview ends at x = %1, the reading starts at %2").arg(grid.right()).arg(reading.left())));
        for (QQuickItem* p = overview->parentItem(); p; p = p->parentItem())
            if (p->clip()) {
                const QRectF viewport = p->mapRectToScene(QRectF(0, 0, p->width(), p->height()));
                QVERIFY2(grid.right() <= viewport.right() + 0.5,
                         qPrintable(QStringLiteral("the overview ends at x = %1, its view at %2").arg(grid.right()).arg(viewport.right())));
            }
        QCOMPARE(overview->property("nH").toInt(), 12);
        QVERIFY2(overview->property("tile").toReal() >= 14, "the heads are too small to read");
    }
};

int main(int argc, char** argv) {
    if (!sandbox().isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", sandbox().filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", sandbox().filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv);
    // As a screen reader does: Qt Quick Controls give themselves names only while it is active.
    QAccessible::setActive(true);
    QApplication::setOrganizationName(QStringLiteral("AttentionLensA11yTests"));
    QApplication::setApplicationName(QStringLiteral("Attention Lens"));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    TestAppA11y t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_app_a11y.moc"
