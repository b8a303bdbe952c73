// The charts' SVG and JSON exports (FigureExport): Station 6's attribution bars and cost chart and
// the probability bars (ProbBars). Each SVG parses and renders at the size it was given (the
// figure's size on screen, the PNG's), its text elements hold the tokens and the rows' names, and
// the JSON holds the model, the text and the numbers: the attribution's equal to a direct engine
// call and its logit to the reference implementation's (the fixture), at the fixture's and at
// GPT-2 small's shapes.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "course_math.h"
#include "figure_export.h"
#include "fixture.h"
#include "gpt2_shaped_model.h"
#include "not/layer_lens_lab.h"
#include "not/not_labs.h"
#include "svg_check.h"
#include "token_labels.h"

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool settle(CourseLab& lab) {
    return QTest::qWaitFor([&] { return lab.ready() && !lab.busy(); }, 120000);
}

QVariantMap options(double w, double h, const QString& text) {
    return {{QStringLiteral("width"), w},      {QStringLiteral("height"), h},
            {QStringLiteral("model"), QStringLiteral("test-model")}, {QStringLiteral("modelFolder"), QStringLiteral("/models/test")},
            {QStringLiteral("text"), text}};
}

} // namespace

class TestFigureExport : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

    // Saves through the singleton as the page does and waits for its answer: "" or why not.
    static QString saveNow(const QString& kind, const QString& path, const QVariantMap& figure, const QVariantMap& opt) {
        FigureExport exporter;
        QSignalSpy done(&exporter, &FigureExport::exported);
        exporter.save(kind, path, figure, opt);
        if (done.isEmpty() && !done.wait(30000)) return QStringLiteral("no answer");
        const QList<QVariant> args = done.takeFirst();
        if (args.at(0).toString() != kind || args.at(1).toString() != path) return QStringLiteral("another export's answer");
        return args.at(2).toString();
    }

    // The attribution bars of `text` on `model`: SVG and JSON, the JSON against a direct engine call.
    void checkAttribution(const std::shared_ptr<const al::Model>& model, const QString& text, const float* goldenLogits) {
        LayerLensLab lab;
        lab.setFollowHub(false);
        lab.setModel(model, text);
        QVERIFY(settle(lab));
        const QVariantMap figure = lab.barsFigure();
        QCOMPARE(figure.value(QStringLiteral("chart")).toString(), QStringLiteral("signed-bars"));
        const int L = model->config().n_layer;
        const QSize size(588, 26 * (L + 1) + 80);
        const QVariantMap opt = options(size.width(), size.height(), text);

        const QString svg = dir.filePath(QStringLiteral("bars.svg"));
        QCOMPARE(saveNow(QStringLiteral("attribution-svg"), svg, figure, opt), QString());
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(readAll(svg), size, &texts), QString());
        const QString answer = lab.result().value(QStringLiteral("answer")).toString();
        const QString all = texts.join(QLatin1Char('|'));
        QVERIFY2(all.contains(answer), qPrintable(answer)); // the answer's token, as text
        for (int l = 0; l < L; ++l) QVERIFY(texts.contains(QStringLiteral("layer %1").arg(l)));
        QVERIFY(all.contains(QStringLiteral("embeddings")));

        const QString json = dir.filePath(QStringLiteral("bars.json"));
        QCOMPARE(saveNow(QStringLiteral("attribution-json"), json, figure, opt), QString());
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(readAll(json), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("figure")).toString(), QStringLiteral("direct-attribution"));
        QCOMPARE(o.value(QStringLiteral("text")).toString(), text);
        QCOMPARE(o.value(QStringLiteral("model")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("test-model"));
        QCOMPARE(o.value(QStringLiteral("answer")).toString(), answer);

        // A direct engine call on a forward of the test's own.
        const std::vector<int> ids = course::tokenize(*model, text.toStdString(), course::kTokenCap);
        al::Runner runner(model);
        al::ForwardOptions fo;
        fo.keep_hidden = true;
        const al::ForwardResult r = runner.forward(ids, fo);
        const int pos = int(ids.size()) - 1;
        const std::vector<float>& logits = r.logits_last;
        const int top = int(std::max_element(logits.begin(), logits.end()) - logits.begin());
        const al::DirectAttribution d = al::direct_attribution(*model, r, pos, top);
        QCOMPARE(o.value(QStringLiteral("position")).toInt(), pos);
        const QJsonArray attention = o.value(QStringLiteral("attention")).toArray(), mlp = o.value(QStringLiteral("mlp")).toArray();
        QCOMPARE(attention.size(), L);
        QCOMPARE(mlp.size(), L);
        for (int l = 0; l < L; ++l) {
            QVERIFY(std::abs(attention.at(l).toDouble() - d.attention[size_t(l)]) < 1e-6 * std::max(1.0, std::abs(d.attention[size_t(l)])));
            QVERIFY(std::abs(mlp.at(l).toDouble() - d.mlp[size_t(l)]) < 1e-6 * std::max(1.0, std::abs(d.mlp[size_t(l)])));
        }
        QVERIFY(std::abs(o.value(QStringLiteral("aboveMean")).toDouble() - d.above_mean) < 1e-6 * std::max(1.0, std::abs(d.above_mean)));
        if (goldenLogits) {
            // The logit and the mean against the reference implementation's logits.
            const int V = model->config().vocab_size;
            const double mean = std::accumulate(goldenLogits, goldenLogits + V, 0.0) / V;
            QVERIFY(std::abs(o.value(QStringLiteral("logit")).toDouble() - goldenLogits[top]) < 1e-3);
            QVERIFY(std::abs(o.value(QStringLiteral("meanLogit")).toDouble() - mean) < 1e-3);
        }
    }

private slots:
    void initTestCase() { QVERIFY(dir.isValid()); }

    void attributionOnTheFixture() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        checkAttribution(al::Model::load(fixture::modelDir().toStdString()), c.text, c.logitsLast.data());
    }

    void attributionAtGpt2SmallShapes() {
        checkAttribution(testing_support::gpt2ShapedModel(29), QStringLiteral("When Mary and John went to the store, John gave a drink to"), nullptr);
    }

    // The cost chart: both lines' names and the axes as text, the measured timings in the JSON.
    void costChart() {
        CostMeter meter;
        meter.setFollowHub(false);
        meter.setMaxLength(64);
        meter.setModel(al::Model::load(fixture::modelDir().toStdString()), QStringLiteral("a"));
        QVERIFY(settle(meter));
        const QVariantMap figure = meter.figure();
        const QSize size(700, 280);
        const QVariantMap opt = options(size.width(), size.height(), QString());
        const QString svg = dir.filePath(QStringLiteral("cost.svg"));
        QCOMPARE(saveNow(QStringLiteral("cost-svg"), svg, figure, opt), QString());
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(readAll(svg), size, &texts), QString());
        QVERIFY(texts.contains(QStringLiteral("tokens")));
        QVERIFY(texts.contains(QStringLiteral("milliseconds")));
        QVERIFY(texts.contains(QStringLiteral("attention (scores, softmax, weighted sum)")));
        const QString json = dir.filePath(QStringLiteral("cost.json"));
        QCOMPARE(saveNow(QStringLiteral("cost-json"), json, figure, opt), QString());
        const QJsonObject o = QJsonDocument::fromJson(readAll(json)).object();
        QCOMPARE(o.value(QStringLiteral("figure")).toString(), QStringLiteral("attention-cost"));
        const QJsonArray lengths = o.value(QStringLiteral("lengths")).toArray();
        QCOMPARE(lengths.size(), meter.lengths().size());
        QCOMPARE(lengths.size(), 3); // 16, 32, 64
        for (int i = 0; i < lengths.size(); ++i) {
            QCOMPARE(lengths.at(i).toInt(), meter.lengths()[i].toInt());
            QCOMPARE(o.value(QStringLiteral("attentionMs")).toArray().at(i).toDouble(), meter.attentionMs()[i].toDouble());
        }
    }

    // ProbBars' figure (as ProbBars.qml builds it) with tokens that XML must escape: each token is a
    // <text> of its own, unchanged, and the JSON keeps the probabilities.
    void probBarsKeepTheTokens() {
        const QStringList tokens{QStringLiteral("·the"), QStringLiteral("<&>"), QStringLiteral("\"'"), QStringLiteral("⏎")};
        const QList<double> ps{0.5, 0.25, 0.125, 0.0005};
        QVariantList bars, pList, tList;
        for (int i = 0; i < tokens.size(); ++i) {
            bars << QVariantMap{{QStringLiteral("token"), tokens[i]}, {QStringLiteral("p"), ps[i]}, {QStringLiteral("compare"), ps[i] / 2}};
            pList << ps[i];
            tList << tokens[i];
        }
        const QVariantMap figure{{QStringLiteral("name"), QStringLiteral("next-token")},
                                 {QStringLiteral("chart"), QStringLiteral("prob-bars")},
                                 {QStringLiteral("title"), QStringLiteral("Next token")},
                                 {QStringLiteral("bars"), bars},
                                 {QStringLiteral("colour"), QStringLiteral("#c2185b")},
                                 {QStringLiteral("markTop"), true},
                                 {QStringLiteral("numbers"), QVariantMap{{QStringLiteral("tokens"), tList}, {QStringLiteral("p"), pList}}}};
        const QSize size(320, 20 + 4 * 18);
        const QString svg = dir.filePath(QStringLiteral("bars.svg"));
        QCOMPARE(saveNow(QStringLiteral("next-token-svg"), svg, figure, options(size.width(), size.height(), QStringLiteral("x"))), QString());
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(readAll(svg), size, &texts), QString());
        for (const QString& t : tokens) QVERIFY2(texts.contains(t), qPrintable(t));
        QVERIFY(texts.contains(QStringLiteral("50.0%")));
        QVERIFY(texts.contains(QStringLiteral("0.05%")));
        const QJsonObject o = QJsonDocument::fromJson(FigureExport::render(QStringLiteral("next-token-json"), figure, options(1, 1, QStringLiteral("x")))).object();
        QCOMPARE(o.value(QStringLiteral("tokens")).toArray().at(1).toString(), QStringLiteral("<&>"));
        QCOMPARE(o.value(QStringLiteral("p")).toArray().at(2).toDouble(), 0.125);
    }

    // Nothing to draw, or a kind that is neither SVG nor JSON: a plain answer, no file.
    void refusesWhatItCannotSave() {
        const QString path = dir.filePath(QStringLiteral("none.svg"));
        QVERIFY(!saveNow(QStringLiteral("cost-svg"), path, {}, options(10, 10, {})).isEmpty());
        QVERIFY(!saveNow(QStringLiteral("cost-png"), path, {{QStringLiteral("chart"), QStringLiteral("lines")}}, options(10, 10, {})).isEmpty());
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestFigureExport)
#include "test_figure_export.moc"
