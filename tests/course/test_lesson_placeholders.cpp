// The lesson texts' {{model.KEY}} placeholders: filled with the loaded model's sizes, written the
// way the interface's language writes numbers, "?" without a model, an unknown key left as typed;
// and every placeholder in every lesson text (prose and glossary, each language) is one the filler
// knows. The expected numbers are the configs' own fields, set here.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QtTest>

#include "model_placeholders.h"
#include "lesson_catalog.h"

class TestLessonPlaceholders : public QObject {
    Q_OBJECT

    static al::Config config(int layers, int heads, int width, int vocab, int positions) {
        al::Config c;
        c.n_layer = layers;
        c.n_head = heads;
        c.n_embd = width;
        c.vocab_size = vocab;
        c.n_positions = positions;
        return c;
    }

private slots:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanup() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void fillsTheLoadedModelsSizes() {
        const al::Config mini = config(4, 4, 128, 4096, 256);
        const QVariantMap sizes = course::modelSizes(&mini);
        QCOMPARE(course::fillModelPlaceholders(
                     QStringLiteral("{{model.n_layer}} layers of {{model.n_head}} heads, width {{model.d_model}}, "
                                    "head width {{model.d_head}}, MLP {{model.d_mlp}}, vocabulary {{model.n_vocab}}, "
                                    "context {{model.n_ctx}}."),
                     sizes),
                 QStringLiteral("4 layers of 4 heads, width 128, head width 32, MLP 512, vocabulary 4,096, context 256."));
        // Another model, another text: nothing is remembered from the last one.
        const al::Config small = config(12, 12, 768, 50257, 1024);
        QCOMPARE(course::fillModelPlaceholders(QStringLiteral("d = {{model.d_model}} / {{model.n_head}} = {{model.d_head}}"),
                                               course::modelSizes(&small)),
                 QStringLiteral("d = 768 / 12 = 64"));
        // A text without placeholders comes back as it was.
        const QString plain = QStringLiteral("GPT-2 small has 12 layers {not a placeholder}.");
        QCOMPARE(course::fillModelPlaceholders(plain, sizes), plain);
    }

    void numbersFollowTheInterfaceLanguage() {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const al::Config small = config(12, 12, 768, 50257, 1024);
        QCOMPARE(course::fillModelPlaceholders(QStringLiteral("ein Vokabular von {{model.n_vocab}} Token"),
                                               course::modelSizes(&small)),
                 QStringLiteral("ein Vokabular von 50.257 Token"));
    }

    void withoutAModelAndWithTypos() {
        QVERIFY(course::modelSizes(nullptr).isEmpty());
        QCOMPARE(course::fillModelPlaceholders(QStringLiteral("{{model.n_head}} heads"), {}), QStringLiteral("? heads"));
        const al::Config mini = config(4, 4, 128, 4096, 256);
        const QString typo = QStringLiteral("{{model.heads}} and {{ model.n_head }}");
        QCOMPARE(course::fillModelPlaceholders(typo, course::modelSizes(&mini)), typo);
        QCOMPARE(course::unknownModelPlaceholders(typo), (QStringList{QStringLiteral("heads"), QStringLiteral("{{")}));
        QVERIFY(course::unknownModelPlaceholders(QStringLiteral("{{model.d_head}} of {{model.d_model}}")).isEmpty());
    }

    // Every lesson text that the filler sees: each station's prose in each language, and every
    // glossary definition.
    void everyLessonPlaceholderIsKnown() {
        LessonCatalog catalog;
        QVERIFY(catalog.count() >= 6);
        int placeholders = 0;
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
            for (int i = 0; i < catalog.count(); ++i) {
                const QString id = catalog.data(catalog.index(i), LessonCatalog::IdRole).toString();
                const QString prose = catalog.prose(id, language);
                QVERIFY2(course::unknownModelPlaceholders(prose).isEmpty(),
                         qPrintable(id + QLatin1Char('/') + language + QStringLiteral(": ") +
                                    course::unknownModelPlaceholders(prose).join(QStringLiteral(", "))));
                placeholders += int(prose.count(QLatin1String("{{model.")));
            }
        }
        QVERIFY2(placeholders >= 10, qPrintable(QString::number(placeholders))); // the readings do use them
        for (const QString& file : {QStringLiteral(":/lessons/glossary.json"), QStringLiteral(":/lessons/glossary.de.json")}) {
            QFile f(file);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            const QByteArray bytes = f.readAll();
            QVERIFY2(course::unknownModelPlaceholders(QString::fromUtf8(bytes)).isEmpty(), qPrintable(file));
        }
    }
};

QTEST_MAIN(TestLessonPlaceholders)
#include "test_lesson_placeholders.moc"
