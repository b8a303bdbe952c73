// Station 1's exports drawn from the figure's own numbers: each SVG parses and renders at the size
// it was given (the figure's size on screen, the PNG's), its text elements hold the tokens however
// odd they are, the JSON holds the weights of the reference implementation (the fixture) or of a
// direct engine call (at GPT-2 small's shapes, 144 heads), and a link at the destination is
// replaced, never written through.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest>
#include <cmath>

#include "attention_lens/forward.h"
#include "export/svg_writer.h"
#include "golden.h"
#include "gpt2_shaped_model.h"
#include "lens/lens_controller.h"
#include "model_hub.h"
#include "svg_check.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

using testing_support::svgTexts;

} // namespace

class TestLensExport : public QObject {
    Q_OBJECT
    QString fixture;
    QString caseText;
    std::vector<float> caseAtt; // [L][H][T][T] from the independent implementation
    int L = 0, H = 0, T = 0;
    QTemporaryDir dir;

    float golden(int l, int h, int i, int j) const { return caseAtt[((size_t(l) * H + h) * T + i) * T + j]; }

    void waitFor(LensController& lens) { QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000); }

    // Asks for an export as the page does and waits for its answer: "" or why it failed.
    static QString exportNow(LensController& lens, const QString& kind, const QString& path,
                             const QVariantMap& options) {
        QSignalSpy done(&lens, &LensController::exported);
        lens.exportFigure(kind, path, options);
        if (done.isEmpty() && !done.wait(30000)) return QStringLiteral("no answer");
        const QList<QVariant> args = done.takeFirst();
        if (args.at(0).toString() != kind || args.at(1).toString() != path)
            return QStringLiteral("the answer is about another export");
        return args.at(2).toString();
    }

    // The SVG at `path` is well-formed, Qt's renderer takes it, and it is `size` large and not blank.
    void checkSvg(const QString& path, QSize size, QStringList* texts) {
        const QByteArray bytes = readAll(path);
        QVERIFY2(!bytes.isEmpty(), qPrintable(path));
        const QString wrong = testing_support::checkSvg(bytes, size, texts, QFileInfo(path).completeBaseName());
        QVERIFY2(wrong.isEmpty(), qPrintable(path + QStringLiteral(": ") + wrong));
    }

private slots:
    void initTestCase() {
        QVERIFY(dir.isValid());
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        QFile json(fixture + QStringLiteral("/expected.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(json.readAll()).array();
        QVERIFY(!cases.isEmpty());
        caseText = cases.at(0).toObject().value(QStringLiteral("text")).toString();
        const GoldenTensor att =
            readGolden(fixture + QStringLiteral("/expected.safetensors"), QStringLiteral("case0.attentions"));
        QCOMPARE(att.shape.size(), size_t(4));
        L = att.shape[0];
        H = att.shape[1];
        T = att.shape[2];
        caseAtt = att.f32;
        ModelHub::instance()->loadModel(fixture);
        QTRY_VERIFY_WITH_TIMEOUT(ModelHub::instance()->ready(), 30000);
    }

    // The selected head: the SVG at the figure's size with a text per row token, the JSON equal to
    // the reference attentions, with the model, the text and the layer/head.
    void matrixExportsHoldTheFigure() {
        LensController lens;
        lens.setText(caseText);
        waitFor(lens);
        QCOMPARE(lens.tokenCount(), T);
        lens.setLayer(1);
        lens.setHead(2);
        const QVariantMap options{{QStringLiteral("width"), 561},
                                  {QStringLiteral("height"), 603},
                                  {QStringLiteral("model"), QStringLiteral("tiny-gpt2")},
                                  {QStringLiteral("modelFolder"), fixture}};
        const QString svg = dir.filePath(QStringLiteral("matrix.svg"));
        QCOMPARE(exportNow(lens, QStringLiteral("matrix-svg"), svg, options), QString());
        QStringList texts;
        checkSvg(svg, QSize(561, 603), &texts);
        for (int i = 0; i < T; ++i) QVERIFY2(texts.contains(lens.tokenText(i)), qPrintable(lens.tokenText(i)));
        QVERIFY(texts.join(QLatin1Char('|')).contains(QStringLiteral("Layer 1, head 2")));

        const QString json = dir.filePath(QStringLiteral("matrix.json"));
        QCOMPARE(exportNow(lens, QStringLiteral("matrix-json"), json, options), QString());
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(readAll(json), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("layer")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("head")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("text")).toString(), caseText);
        QCOMPARE(o.value(QStringLiteral("view")).toString(), QStringLiteral("raw"));
        QCOMPARE(o.value(QStringLiteral("model")).toObject().value(QStringLiteral("folder")).toString(), fixture);
        const QJsonArray tokens = o.value(QStringLiteral("tokens")).toArray();
        QCOMPARE(tokens.size(), T);
        QString joined;
        for (const QJsonValue t : tokens) joined += t.toObject().value(QStringLiteral("text")).toString();
        QCOMPARE(joined, caseText); // the token strings are the text's own pieces
        const QJsonArray rows = o.value(QStringLiteral("weights")).toArray();
        QCOMPARE(rows.size(), T);
        for (int i = 0; i < T; ++i) {
            const QJsonArray row = rows.at(i).toArray();
            QCOMPARE(row.size(), i + 1); // causal: keys 0..i
            for (int j = 0; j <= i; ++j)
                QVERIFY2(std::abs(row.at(j).toDouble() - golden(1, 2, i, j)) < 1e-4,
                         qPrintable(QStringLiteral("%1,%2: %3 vs %4")
                                        .arg(i)
                                        .arg(j)
                                        .arg(row.at(j).toDouble())
                                        .arg(golden(1, 2, i, j))));
        }

        // With the first token hidden, its row and column are null and the rest renormalised.
        lens.setHideFirst(true);
        QCOMPARE(exportNow(lens, QStringLiteral("matrix-json"), json, options), QString());
        const QJsonArray hidden =
            QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("weights")).toArray();
        QVERIFY(hidden.at(0).toArray().at(0).isNull());
        QVERIFY(hidden.at(3).toArray().at(0).isNull());
        const double rest = 1.0 - golden(1, 2, 3, 0);
        QVERIFY(std::abs(hidden.at(3).toArray().at(2).toDouble() - golden(1, 2, 3, 2) / rest) < 1e-4);
    }

    // Every head of the grid: its SVG at the overview's size, its JSON equal to the reference.
    void headGridExportsHoldEveryHead() {
        LensController lens;
        lens.setText(caseText);
        waitFor(lens);
        const QVariantMap options{{QStringLiteral("width"), 26 + H * 44 - 6},
                                  {QStringLiteral("height"), 18 + L * 44 - 6},
                                  {QStringLiteral("tile"), 38},
                                  {QStringLiteral("gap"), 6}};
        const QString svg = dir.filePath(QStringLiteral("heads.svg"));
        QCOMPARE(exportNow(lens, QStringLiteral("heads-svg"), svg, options), QString());
        QStringList texts;
        checkSvg(svg, QSize(26 + H * 44 - 6, 18 + L * 44 - 6), &texts);
        for (int l = 0; l < L; ++l) QVERIFY(texts.contains(QStringLiteral("L%1").arg(l)));

        const QString json = dir.filePath(QStringLiteral("heads.json"));
        QCOMPARE(exportNow(lens, QStringLiteral("heads-json"), json, options), QString());
        const QJsonArray patterns =
            QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("patterns")).toArray();
        QCOMPARE(patterns.size(), L * H);
        for (const QJsonValue p : patterns) {
            const int l = p[QStringLiteral("layer")].toInt(), h = p[QStringLiteral("head")].toInt();
            const QJsonArray rows = p[QStringLiteral("weights")].toArray();
            QCOMPARE(rows.size(), T);
            for (int i = 0; i < T; ++i)
                for (int j = 0; j <= i; ++j)
                    QVERIFY(std::abs(rows.at(i).toArray().at(j).toDouble() - golden(l, h, i, j)) < 1e-4);
        }
    }

    // The token strip: each chip where the screen has it with its token as text, arcs to the
    // focused token's strongest keys, and the JSON of that row equal to the reference.
    void arcsExportHoldsTheFocusedRow() {
        LensController lens;
        lens.setText(caseText);
        waitFor(lens);
        lens.setLayer(0);
        lens.setHead(1);
        const int q = T - 1;
        lens.setFocusToken(q);
        QVariantList chips;
        for (int j = 0; j < T; ++j) // four chips a line, as a narrow strip would wrap them
            chips << QRectF(8 + (j % 4) * 70, 30 + (j / 4) * 66, 62, 30);
        const QVariantMap options{{QStringLiteral("width"), 300},
                                  {QStringLiteral("height"), 66 * ((T + 3) / 4)},
                                  {QStringLiteral("chips"), chips}};
        const QString svg = dir.filePath(QStringLiteral("arcs.svg"));
        QCOMPARE(exportNow(lens, QStringLiteral("arcs-svg"), svg, options), QString());
        QStringList texts;
        checkSvg(svg, QSize(300, 66 * ((T + 3) / 4)), &texts);
        for (int j = 0; j < T; ++j) QVERIFY2(texts.contains(lens.tokenText(j)), qPrintable(lens.tokenText(j)));
        // Under each chip its weight, as the strip shows it (the query's own included).
        for (int j = 0; j <= q; ++j)
            QVERIFY2(texts.contains(QString::number(golden(0, 1, q, j), 'f', 2)), qPrintable(QString::number(j)));
        QVERIFY(readAll(svg).count("<path") >= 1); // at least one arc: some earlier token takes >= 0.02

        const QString json = dir.filePath(QStringLiteral("arcs.json"));
        QCOMPARE(exportNow(lens, QStringLiteral("arcs-json"), json, options), QString());
        const QJsonObject o = QJsonDocument::fromJson(readAll(json)).object();
        QCOMPARE(o.value(QStringLiteral("query")).toInt(), q);
        const QJsonArray row = o.value(QStringLiteral("weights")).toArray();
        QCOMPARE(row.size(), q + 1);
        for (int j = 0; j <= q; ++j) QVERIFY(std::abs(row.at(j).toDouble() - golden(0, 1, q, j)) < 1e-4);
        // Chips that do not fit the tokens draw no chip at all rather than the wrong ones.
        QCOMPARE(exportNow(lens, QStringLiteral("arcs-svg"), svg,
                           {{QStringLiteral("width"), 300}, {QStringLiteral("height"), 100}}),
                 QString());
        QString error;
        QVERIFY(svgTexts(readAll(svg), &error).size() <= 1);
    }

    // Markup characters, non-ASCII, pieces of a character and leading spaces: each token's label is
    // a text element that reads back exactly, and the document stays well-formed.
    void oddTokensStayText() {
        LensController lens;
        lens.setText(QStringLiteral("Tom & Jerry <b>\"hi\"</b> 'x' café 日本語 🙂\tend"));
        waitFor(lens);
        QVERIFY(lens.tokenCount() > 10);
        const QString svg = dir.filePath(QStringLiteral("odd.svg"));
        QCOMPARE(exportNow(lens, QStringLiteral("matrix-svg"), svg,
                           {{QStringLiteral("width"), 600}, {QStringLiteral("height"), 640}}),
                 QString());
        QStringList texts;
        checkSvg(svg, QSize(600, 640), &texts);
        bool sawBytes = false, sawAmp = false, sawLt = false;
        for (int i = 0; i < lens.tokenCount(); ++i) {
            const QString t = lens.tokenText(i);
            QVERIFY2(texts.contains(t), qPrintable(t));
            sawBytes |= t.startsWith(QStringLiteral("‹"));
            sawAmp |= t.contains(QLatin1Char('&'));
            sawLt |= t.contains(QLatin1Char('<'));
        }
        QVERIFY(sawBytes && sawAmp && sawLt); // the text really has such tokens
        const QString json = dir.filePath(QStringLiteral("odd.json"));
        QCOMPARE(exportNow(lens, QStringLiteral("matrix-json"), json, {}), QString());
        const QJsonArray tokens =
            QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("tokens")).toArray();
        QCOMPARE(tokens.at(1).toObject().value(QStringLiteral("token")).toString(),
                 QStringLiteral("Ġ&")); // GPT-2's space marker
        QVERIFY(tokens.at(1).toObject().value(QStringLiteral("leadingSpace")).toBool());
    }

    // Characters XML 1.0 forbids become visible stand-ins; the rest is escaped, never dropped.
    void escapingKeepsTheDocumentWellFormed() {
        al::app::SvgWriter svg(10, 10, QStringLiteral("t"));
        const QString nasty =
            QStringLiteral("a&b<c>\"d'") + QChar(1) + QChar(0x1f) + QChar(0xfffe) + QChar(0xd800) + QStringLiteral("é");
        svg.text(1, 1, nasty, 5, QStringLiteral("#000"));
        QString error;
        const QStringList texts = svgTexts(svg.finish(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(texts.value(0), QStringLiteral("a&b<c>\"d'␁␟\uFFFD\uFFFDé"));
    }

    // A link at the destination is replaced by the export; the file it pointed at stays as it was.
    // A folder that does not exist gives a reason, not a crash.
    void aLinkIsReplacedNotWrittenThrough() {
        LensController lens;
        lens.setText(caseText);
        waitFor(lens);
        const QString target = dir.filePath(QStringLiteral("precious.txt"));
        QFile f(target);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
        f.close();
        for (const QString& kind : {QStringLiteral("matrix-svg"), QStringLiteral("heads-json")}) {
            const QString link = dir.filePath(kind + QStringLiteral(".link"));
            QFile::remove(link);
            QVERIFY(QFile::link(target, link));
            QCOMPARE(exportNow(lens, kind, link, {{QStringLiteral("width"), 300}, {QStringLiteral("height"), 300}}),
                     QString());
            QVERIFY(!QFileInfo(link).isSymLink());
            QVERIFY(readAll(link).size() > 100);
            QCOMPARE(readAll(target), QByteArray("keep me"));
        }
        const QString why =
            exportNow(lens, QStringLiteral("matrix-svg"), dir.filePath(QStringLiteral("no/such/folder/x.svg")), {});
        QVERIFY(!why.isEmpty());
        QVERIFY(!exportNow(lens, QStringLiteral("matrix-pdf"), dir.filePath(QStringLiteral("x.pdf")), {}).isEmpty());
    }

    // GPT-2 small's shapes (12 × 12 heads, 64 tokens): the grid's SVG stays a drawing of every head
    // that Qt renders, and its JSON equals a direct forward of the engine.
    void gpt2ShapedHeadGrid() {
        const std::shared_ptr<const al::Model> model = testing_support::gpt2ShapedModel(7);
        LensController lens;
        lens.setFollowHub(false);
        lens.setModel(model);
        QString text;
        for (int k = 0; text.isEmpty() || lens.tokenCount() < 64; ++k) {
            text += QStringLiteral("The cat & the dog <sat> on \"mats\", café %1. ").arg(k);
            lens.setText(text);
            waitFor(lens);
        }
        QCOMPARE(lens.tokenCount(), 64);
        const int side = 12 * 44 - 6;
        const QVariantMap options{{QStringLiteral("width"), 26 + side},
                                  {QStringLiteral("height"), 18 + side},
                                  {QStringLiteral("tile"), 38},
                                  {QStringLiteral("gap"), 6}};
        QElapsedTimer timer;
        timer.start();
        const QString svg = dir.filePath(QStringLiteral("gpt2-heads.svg"));
        QCOMPARE(exportNow(lens, QStringLiteral("heads-svg"), svg, options), QString());
        const qint64 svgMs = timer.restart();
        QStringList texts;
        checkSvg(svg, QSize(26 + side, 18 + side), &texts);
        QVERIFY(texts.contains(QStringLiteral("L11")) && texts.contains(QStringLiteral("11")));
        const QString json = dir.filePath(QStringLiteral("gpt2-heads.json"));
        timer.restart();
        QCOMPARE(exportNow(lens, QStringLiteral("heads-json"), json, options), QString());
        const qint64 jsonMs = timer.elapsed();
        qInfo("GPT-2 shapes, 64 tokens: heads SVG %lld KB in %lld ms, JSON %lld KB in %lld ms",
              QFileInfo(svg).size() / 1024, svgMs, QFileInfo(json).size() / 1024, jsonMs);
        QVERIFY(QFileInfo(svg).size() < 8 * 1024 * 1024);

        const QJsonObject o = QJsonDocument::fromJson(readAll(json)).object();
        const QJsonArray tokens = o.value(QStringLiteral("tokens")).toArray();
        std::vector<int> ids;
        for (const QJsonValue t : tokens) ids.push_back(t[QStringLiteral("id")].toInt());
        QCOMPARE(int(ids.size()), 64);
        al::Runner runner(model);
        const al::ForwardResult direct = runner.forward(ids);
        const QJsonArray patterns = o.value(QStringLiteral("patterns")).toArray();
        QCOMPARE(patterns.size(), 144);
        for (const QJsonValue p : patterns) {
            const int l = p[QStringLiteral("layer")].toInt(), h = p[QStringLiteral("head")].toInt();
            const QJsonArray rows = p[QStringLiteral("weights")].toArray();
            for (int i : {0, 31, 63})
                for (int j = 0; j <= i; j += 7)
                    QVERIFY(std::abs(rows.at(i).toArray().at(j).toDouble() - direct.attention.at(l, h, i, j)) < 1e-5);
        }
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentionLensTests"));
    TestLensExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_lens_export.moc"
