// The charts' SVG and JSON exports (FigureExport), one shared writer per kind of chart: signed and
// plain bars (Station 6's attribution, Station 4's row of weights), lines (Station 6's cost chart,
// Station 7's losses), probability bars (ProbBars) and grids of cells (Station 3's heads grid,
// Station 6's swap grid). Each SVG parses and renders at the size it was given (the
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
#include <QXmlStreamReader>
#include <QtTest>
#include <cmath>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "course_math.h"
#include "figure_export.h"
#include "fixture.h"
#include "gpt2_shaped_model.h"
#include "heads/heads_lab.h"
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

// The shapes an SVG draws: its <rect>s inside a crisp-edged group (a grid's cells), the widths of
// the <rect>s filled with `fill`, and its <path>s with a stroke (lines).
struct Shapes {
    int cells = 0, strokedPaths = 0;
    QList<double> widthsOf;
};
Shapes shapesOf(const QByteArray& svg, const QString& fill) {
    Shapes out;
    QXmlStreamReader xml(svg);
    int crispDepth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QXmlStreamAttributes a = xml.attributes();
            if (xml.name() == QLatin1String("g") && (crispDepth > 0 || a.value(QLatin1String("shape-rendering")) == QLatin1String("crispEdges")))
                ++crispDepth;
            if (xml.name() == QLatin1String("rect")) {
                if (crispDepth > 0) ++out.cells;
                if (a.value(QLatin1String("fill")) == fill) out.widthsOf << a.value(QLatin1String("width")).toDouble();
            }
            if (xml.name() == QLatin1String("path") && !a.value(QLatin1String("stroke")).isEmpty()) ++out.strokedPaths;
        } else if (xml.isEndElement() && xml.name() == QLatin1String("g") && crispDepth > 0) {
            --crispDepth;
        }
    }
    return out;
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

    // Station 3's grid of one layer's heads: one panel per head, a cell per unmasked weight (none
    // above the diagonal), the weights those of `golden` (the reference's, else a direct forward),
    // the JSON with the tokens, the layer and every head's rows; labels beside the cells where
    // they are large enough to read.
    void checkHeadsGrid(const std::shared_ptr<const al::Model>& model, const QString& text, const fixture::Case* golden) {
        HeadsLab lab;
        lab.setFollowHub(false);
        lab.setModel(model, text);
        QVERIFY(settle(lab));
        const int L = model->config().n_layer, H = model->config().n_head;
        lab.setLayer(L - 1);
        QVERIFY(QTest::qWaitFor([&] { return !lab.busy(); }, 60000));
        const QVariantMap figure = lab.gridFigure();
        QCOMPARE(figure.value(QStringLiteral("chart")).toString(), QStringLiteral("heatmap"));
        QCOMPARE(figure.value(QStringLiteral("layer")).toInt(), L - 1);

        const std::vector<int> ids = course::tokenize(*model, text.toStdString(), course::kTokenCap);
        const int T = int(ids.size());
        al::Runner runner(model);
        const al::ForwardResult r = runner.forward(ids, al::ForwardOptions{});
        auto expected = [&](int h, int q, int k) {
            return golden ? double(golden->att(L - 1, h, q, k)) : double(r.attention.dense(L - 1, h)[size_t(q) * T + k]);
        };
        if (golden) QCOMPARE(golden->T, T);

        const QJsonObject o = QJsonDocument::fromJson(FigureExport::render(QStringLiteral("heads-grid-json"), figure, options(1, 1, text))).object();
        QCOMPARE(o.value(QStringLiteral("figure")).toString(), QStringLiteral("heads-grid"));
        QCOMPARE(o.value(QStringLiteral("layer")).toInt(), L - 1);
        QCOMPARE(o.value(QStringLiteral("text")).toString(), text);
        QCOMPARE(o.value(QStringLiteral("weights")).toString(), QStringLiteral("raw"));
        const QJsonArray tokens = o.value(QStringLiteral("tokens")).toArray();
        const QStringList labels = course::tokenLabels(*model, ids);
        QCOMPARE(tokens.size(), T);
        for (int i = 0; i < T; ++i) QCOMPARE(tokens.at(i).toString(), labels[i]);
        const QJsonArray heads = o.value(QStringLiteral("heads")).toArray();
        QCOMPARE(heads.size(), H);
        for (int h = 0; h < H; ++h) {
            const QJsonObject head = heads.at(h).toObject();
            QCOMPARE(head.value(QStringLiteral("head")).toInt(), h);
            QVERIFY(!head.value(QStringLiteral("label")).toString().isEmpty());
            const QJsonArray rows = head.value(QStringLiteral("weights")).toArray();
            QCOMPARE(rows.size(), T);
            for (int q = 0; q < T; ++q) {
                const QJsonArray row = rows.at(q).toArray();
                QCOMPARE(row.size(), q + 1); // the keys a query sees: itself and those before it
                double sum = 0;
                for (int k = 0; k <= q; ++k) {
                    const double w = row.at(k).toDouble();
                    QVERIFY2(std::abs(w - expected(h, q, k)) < 1e-4,
                             qPrintable(QStringLiteral("head %1 row %2 key %3: %4 against %5").arg(h).arg(q).arg(k).arg(w).arg(expected(h, q, k))));
                    sum += w;
                }
                QVERIFY(std::abs(sum - 1) < 1e-4);
            }
        }

        const QSize size(900, 700);
        const QString svg = dir.filePath(QStringLiteral("grid.svg"));
        QCOMPARE(saveNow(QStringLiteral("heads-grid-svg"), svg, figure, options(size.width(), size.height(), text)), QString());
        const QByteArray bytes = readAll(svg);
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(bytes, size, &texts), QString());
        QCOMPARE(shapesOf(bytes, {}).cells, H * T * (T + 1) / 2);
        for (int h = 0; h < H; ++h)
            QVERIFY2(texts.join(QLatin1Char('|')).contains(QStringLiteral("head %1 · ").arg(h)), qPrintable(QString::number(h)));
        QVERIFY(texts.contains(figure.value(QStringLiteral("title")).toString()));
        if (T * H <= 64) // large cells (the fixture's few heads): every token beside the rows and above the columns
            for (const QString& t : labels) QVERIFY2(texts.count(t) >= 2 * H, qPrintable(t));

        // The value-weighted tiles, once their norms are in, are what the saved grid holds then.
        lab.setValueWeighted(true);
        QVERIFY(QTest::qWaitFor([&] { return lab.valueWeightsReady() && !lab.busy(); }, 60000));
        const QVariantMap weighted = lab.gridFigure();
        const QJsonObject w = QJsonDocument::fromJson(FigureExport::render(QStringLiteral("heads-grid-json"), weighted, options(1, 1, text))).object();
        QCOMPARE(w.value(QStringLiteral("weights")).toString(), QStringLiteral("value-weighted"));
        const QVariantList valuePattern = lab.heads().at(0).toMap().value(QStringLiteral("valuePattern")).toList();
        QCOMPARE(valuePattern.size(), T * T);
        const QJsonArray lastRow = w.value(QStringLiteral("heads")).toArray().at(0).toObject().value(QStringLiteral("weights")).toArray().at(T - 1).toArray();
        for (int k = 0; k < T; ++k) QCOMPARE(lastRow.at(k).toDouble(), valuePattern[(T - 1) * T + k].toDouble());
    }

    void headsGridOnTheFixture() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        checkHeadsGrid(al::Model::load(fixture::modelDir().toStdString()), c.text, &c);
    }

    void headsGridAtGpt2SmallShapes() {
        checkHeadsGrid(testing_support::gpt2ShapedModel(29), QStringLiteral("When Mary and John went to the store, John gave a drink to"), nullptr);
    }

    // Station 6's swap grid as PatternSwapView builds it: a cell per layer and head holding its KL
    // as text, deeper accent for a larger KL, every layer and head named.
    void swapGridCells() {
        QVariantList values, kls;
        QStringList layers, heads{QStringLiteral("head 0"), QStringLiteral("head 1"), QStringLiteral("head 2")};
        const double kl[2][3] = {{0.5, 0.0125, 2.0}, {0, 1.25, 0.25}};
        for (int l = 0; l < 2; ++l) {
            layers << QStringLiteral("layer %1").arg(l);
            QVariantList row;
            for (int h = 0; h < 3; ++h) {
                values << kl[l][h];
                row << kl[l][h];
            }
            kls << QVariant(row);
        }
        const QVariantMap figure{{QStringLiteral("name"), QStringLiteral("pattern-swap")}, {QStringLiteral("chart"), QStringLiteral("heatmap")},
                                 {QStringLiteral("title"), QStringLiteral("KL")}, {QStringLiteral("rowLabels"), layers},
                                 {QStringLiteral("columnLabels"), heads}, {QStringLiteral("colours"), QStringLiteral("accent")},
                                 {QStringLiteral("maxValue"), 2.0}, {QStringLiteral("cellText"), true}, {QStringLiteral("square"), false},
                                 {QStringLiteral("panels"), QVariantList{QVariantMap{{QStringLiteral("rows"), 2}, {QStringLiteral("columns"), 3},
                                                                                     {QStringLiteral("values"), values}}}},
                                 {QStringLiteral("numbers"), QVariantMap{{QStringLiteral("kl"), kls}}}};
        const QSize size(400, 160);
        const QByteArray svg = FigureExport::render(QStringLiteral("pattern-swap-svg"), figure, options(size.width(), size.height(), {}));
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(svg, size, &texts), QString());
        QCOMPARE(shapesOf(svg, {}).cells, 6);
        for (const QString& t : layers + heads) QVERIFY2(texts.contains(t), qPrintable(t));
        for (const char* v : {"0.5", "0.0125", "2", "0", "1.25", "0.25"}) QVERIFY2(texts.contains(QLatin1String(v)), v);
        QCOMPARE(shapesOf(svg, QStringLiteral("#c2185b")).widthsOf.size(), 1); // only the largest KL is the full accent
        QCOMPARE(shapesOf(svg, QStringLiteral("#ffffff")).widthsOf.size(), 2);  // the page, and the cell of KL 0
        const QJsonObject o = QJsonDocument::fromJson(FigureExport::render(QStringLiteral("pattern-swap-json"), figure, options(1, 1, {}))).object();
        QCOMPARE(o.value(QStringLiteral("kl")).toArray().at(1).toArray().at(1).toDouble(), 1.25);
    }

    // Station 3's patching grids: a share above 0 in the accent, below 0 in the second chart
    // colour, laid over the page with opacity 0.08 + 0.82 |share| as on screen.
    void signedGridColours() {
        const QVariantMap figure{{QStringLiteral("name"), QStringLiteral("patching-heads")}, {QStringLiteral("chart"), QStringLiteral("heatmap")},
                                 {QStringLiteral("colours"), QStringLiteral("signed")}, {QStringLiteral("maxValue"), 1.0},
                                 {QStringLiteral("panels"), QVariantList{QVariantMap{{QStringLiteral("rows"), 1}, {QStringLiteral("columns"), 3},
                                                                                     {QStringLiteral("values"), QVariantList{1.0, -1.0, 0.0}}}}}};
        const QByteArray svg = FigureExport::render(QStringLiteral("patching-heads-svg"), figure, options(300, 120, {}));
        QCOMPARE(shapesOf(svg, {}).cells, 3);
        QCOMPARE(shapesOf(svg, QStringLiteral("#c82f6b")).widthsOf.size(), 1); // #c2185b at 0.9 over white
        QCOMPARE(shapesOf(svg, QStringLiteral("#3167df")).widthsOf.size(), 1); // #1a56db at 0.9 over white
        QCOMPARE(shapesOf(svg, QStringLiteral("#faedf2")).widthsOf.size(), 1); // #c2185b at 0.08 over white
    }

    // Station 4's row of weights as MaskStepper builds it (no negative value: bars from the left):
    // one bar per key that the row sees, its width in proportion to the reference's weight; the
    // blocked keys none.
    void plainBarsFromTheReference() {
        const std::vector<fixture::Case> cases = fixture::cases();
        QVERIFY(!cases.empty());
        const fixture::Case& c = cases.back();
        const int q = std::min(3, c.T - 1);
        QVariantList rows;
        for (int k = 0; k < c.T; ++k)
            rows << QVariantMap{{QStringLiteral("label"), QStringLiteral("key %1").arg(k)},
                                {QStringLiteral("bars"), QVariantList{QVariantMap{{QStringLiteral("name"), QString()},
                                                                                  {QStringLiteral("value"), k <= q ? double(c.att(0, 0, q, k)) : 0.0},
                                                                                  {QStringLiteral("colour"), QStringLiteral("#c2185b")}}}}};
        const QVariantMap figure{{QStringLiteral("name"), QStringLiteral("mask-row")}, {QStringLiteral("chart"), QStringLiteral("signed-bars")},
                                 {QStringLiteral("title"), QStringLiteral("Row")}, {QStringLiteral("scale"), 1.0}, {QStringLiteral("signed"), false}, {QStringLiteral("rows"), rows}};
        const QSize size(480, 26 * c.T + 30);
        const QByteArray svg = FigureExport::render(QStringLiteral("mask-row-svg"), figure, options(size.width(), size.height(), {}));
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(svg, size, &texts), QString());
        const QList<double> widths = shapesOf(svg, QStringLiteral("#c2185b")).widthsOf;
        QCOMPARE(widths.size(), q + 1);
        double sum = 0;
        for (double w : widths) sum += w;
        for (int k = 0; k <= q; ++k) {
            QVERIFY2(std::abs(widths[k] / sum - c.att(0, 0, q, k)) < 2e-3, qPrintable(QString::number(k)));
            QVERIFY(texts.contains(QString::number(c.att(0, 0, q, k), 'f', 3)));
            QVERIFY(texts.contains(QStringLiteral("key %1").arg(k)));
        }
        QVERIFY(!svg.contains("−") && !svg.contains(">+")); // no signs: nothing here is negative
    }

    // Station 7's losses as TrainingLossChart builds them: one stroked line per series, the axes'
    // titles and the legend as text.
    void lossLines() {
        QVariantList other, context;
        for (int s = 0; s <= 10; ++s) {
            other << QVariant(QVariantList{s * 60, 5.0 - 0.2 * s});
            context << QVariant(QVariantList{s * 60, s < 5 ? 5.0 : 1.0});
        }
        const QVariantMap figure{{QStringLiteral("name"), QStringLiteral("training-loss")}, {QStringLiteral("chart"), QStringLiteral("lines")},
                                 {QStringLiteral("title"), QStringLiteral("Loss curves")}, {QStringLiteral("xTitle"), QStringLiteral("training step")},
                                 {QStringLiteral("yTitle"), QStringLiteral("loss (nats)")},
                                 {QStringLiteral("series"), QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("other loss")},
                                                                                     {QStringLiteral("colour"), QStringLiteral("#1a56db")},
                                                                                     {QStringLiteral("points"), other}},
                                                                         QVariantMap{{QStringLiteral("name"), QStringLiteral("in-context loss")},
                                                                                     {QStringLiteral("colour"), QStringLiteral("#c2185b")},
                                                                                     {QStringLiteral("points"), context}}}}};
        const QSize size(700, 220);
        const QByteArray svg = FigureExport::render(QStringLiteral("training-loss-svg"), figure, options(size.width(), size.height(), {}));
        QStringList texts;
        QCOMPARE(testing_support::checkSvg(svg, size, &texts), QString());
        QCOMPARE(shapesOf(svg, {}).strokedPaths, 2);
        for (const char* t : {"training step", "loss (nats)", "other loss", "in-context loss", "600"}) QVERIFY2(texts.contains(QLatin1String(t)), t);
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
