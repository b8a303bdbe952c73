// The app's C++ side: the lesson catalog, the model hub on the fixture model, the token model's
// roles, the lens controller (results equal to the reference attentions; stale requests never
// shown), and the matrix and overview items' data.
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QStringList>
#include <QtQml/QQmlExtensionPlugin>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "app_state.h"
#include "attention_lens/forward.h"
#include "exercises/course_math.h"
#include "golden.h"
#include "gpt2_shaped_model.h"
#include "lens/attention_matrix_item.h"
#include "heatmap/colormap.h"
#include "lens/head_overview_item.h"
#include "lens/lens_controller.h"
#include "lens/token_model.h"
#include "lesson_catalog.h"
#include "model_hub.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

class TestAppModels : public QObject {
    Q_OBJECT
    QString fixture;
    QString expected;
    std::vector<int> caseIds;
    std::vector<float> caseAtt; // [L][H][T][T] from the independent implementation
    int L = 0, H = 0, T = 0;
    QString caseText;

    float golden(int l, int h, int i, int j) const {
        return caseAtt[((size_t(l) * H + h) * T + i) * T + j];
    }

    void loadHub() {
        ModelHub* hub = ModelHub::instance();
        if (hub->ready() && hub->modelDir().endsWith(QLatin1String("tiny-gpt2")))
            return;
        hub->loadModel(fixture);
        // Another model may be loaded (and ready) already: wait for the fixture itself.
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && hub->modelDir().endsWith(QLatin1String("tiny-gpt2")), 30000);
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture.isEmpty(), "AL_FIXTURE_MODEL is not set (run through ctest)");
        expected = fixture + QStringLiteral("/expected.safetensors");
        QFile json(fixture + QStringLiteral("/expected.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(json.readAll()).array();
        QVERIFY(!cases.isEmpty());
        caseText = cases.at(0).toObject().value(QStringLiteral("text")).toString();
        const GoldenTensor ids = readGolden(expected, QStringLiteral("case0.input_ids"));
        const GoldenTensor att = readGolden(expected, QStringLiteral("case0.attentions"));
        QCOMPARE(att.shape.size(), size_t(4));
        L = att.shape[0]; H = att.shape[1]; T = att.shape[2];
        caseIds.assign(ids.i64.begin(), ids.i64.end());
        caseAtt = att.f32;
        QCOMPARE(int(caseIds.size()), T);
    }

    // Every [words](glossary:id) link in every station's prose opens a glossary entry with a term, a
    // definition and a source; an unknown id gives an empty entry.
    void everyGlossaryLinkResolves() {
        LessonCatalog catalog;
        QVERIFY(catalog.count() >= 6);
        const QRegularExpression link(QStringLiteral("\\]\\(glossary:([^)\\s]*)\\)"));
        int links = 0;
        for (int i = 0; i < catalog.count(); ++i) {
            const QString id = catalog.data(catalog.index(i), LessonCatalog::IdRole).toString();
            const QString prose = catalog.prose(id);
            QVERIFY2(!prose.contains(QStringLiteral("(glossary ")) && !prose.contains(QStringLiteral("](glossary)")), qPrintable(id));
            for (auto m = link.globalMatch(prose); m.hasNext();) {
                const QString term = m.next().captured(1);
                const QVariantMap e = catalog.glossaryEntry(term);
                QVERIFY2(!e.value(QStringLiteral("term")).toString().isEmpty(), qPrintable(id + QStringLiteral(": ") + term));
                QVERIFY2(!e.value(QStringLiteral("definition")).toString().isEmpty(), qPrintable(term));
                QVERIFY2(!e.value(QStringLiteral("source")).toString().isEmpty(), qPrintable(term));
                ++links;
            }
        }
        QVERIFY2(links >= 20, qPrintable(QString::number(links)));
        QVERIFY(catalog.glossaryEntry(QStringLiteral("no-such-term")).isEmpty());
    }

    void catalogReadsStationsFromQrc() {
        LessonCatalog catalog;
        QVERIFY2(catalog.count() >= 1, qPrintable(catalog.error()));
        const int i = catalog.indexOf(QStringLiteral("lens"));
        QVERIFY(i >= 0);
        const QModelIndex idx = catalog.index(i);
        QCOMPARE(catalog.data(idx, LessonCatalog::OrderRole).toInt(), 1);
        QCOMPARE(catalog.data(idx, LessonCatalog::StatusRole).toString(), QStringLiteral("ready"));
        QVERIFY(!catalog.data(idx, LessonCatalog::TitleRole).toString().isEmpty());
        QCOMPARE(catalog.data(idx, LessonCatalog::ExerciseCountRole).toInt(), 1);
        QCOMPARE(catalog.pageUrl(QStringLiteral("lens")), QStringLiteral("qrc:/AttentionLens/stations/lens/LensStation.qml"));
        QVERIFY(catalog.prose(QStringLiteral("lens")).contains(QStringLiteral("Vaswani")));
        QCOMPARE(catalog.exercises(QStringLiteral("lens")).size(), 1);
        QVERIFY(catalog.station(QStringLiteral("no-such-station")).isEmpty());
        // Sorted by `order`.
        int last = -1;
        for (int r = 0; r < catalog.rowCount(); ++r) {
            const int order = catalog.data(catalog.index(r), LessonCatalog::OrderRole).toInt();
            QVERIFY(order >= last);
            last = order;
        }
    }

    void catalogReportsBrokenStationJson() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("01-a")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("02-b")));
        QFile a(dir.path() + QStringLiteral("/01-a/station.json"));
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write(R"({"id":"a","order":2,"title":"A","status":"ready"})");
        a.close();
        QFile b(dir.path() + QStringLiteral("/02-b/station.json"));
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("{ not json");
        b.close();
        LessonCatalog catalog;
        catalog.setRoot(dir.path());
        QCOMPARE(catalog.count(), 1);
        QVERIFY(catalog.error().contains(QStringLiteral("02-b")));
        QCOMPARE(catalog.pageUrl(QStringLiteral("a")), QString());
    }

    void hubLoadsTheFixture() {
        ModelHub* hub = ModelHub::instance();
        QSignalSpy changed(hub, &ModelHub::modelChanged);
        hub->loadModel(fixture);
        QVERIFY(hub->loading());
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready(), 30000);
        QVERIFY(!hub->loading());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(hub->nLayer(), 2);
        QCOMPARE(hub->nHead(), 4);
        QCOMPARE(hub->nEmbd(), 64);
        QCOMPARE(hub->nPositions(), 128);
        QVERIFY(hub->parameters() > 0);
        QVERIFY(hub->modelName().contains(QStringLiteral("tiny-gpt2")));
        QVERIFY(hub->error().isEmpty());
    }

    // The header's name: "GPT-2 small" only for its published weights; any other model of its shape
    // (random or fine-tuned) is named by its source or folder, "with GPT-2 small's shape".
    void hubNamesGpt2SmallOnlyByItsWeights() {
        const std::shared_ptr<const al::Model> shaped = testing_support::gpt2ShapedModel(5);
        const QString size = QStringLiteral("%1M").arg(double(shaped->parameter_count()) / 1e6, 0, 'f', 0);
        QTemporaryDir root;
        const QString folder = root.filePath(QStringLiteral("my-finetune"));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(ModelHub::describeModel(*shaped, folder, false), QStringLiteral("my-finetune (GPT-2 small's shape, %1)").arg(size));
        QCOMPARE(ModelHub::describeModel(*shaped, QString(), false), QStringLiteral("random model (GPT-2 small's shape, %1)").arg(size));
        QCOMPARE(ModelHub::describeModel(*shaped, folder, true), QStringLiteral("GPT-2 small (%1)").arg(size));
        QFile source(folder + QStringLiteral("/source.json"));
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write(R"({"repo": "someone/gpt2-poems", "revision": "0123"})");
        source.close();
        QCOMPARE(ModelHub::describeModel(*shaped, folder, false), QStringLiteral("someone/gpt2-poems (GPT-2 small's shape, %1)").arg(size));
        // Another shape is never called GPT-2 small, whatever the flag says.
        loadHub();
        QVERIFY(!ModelHub::describeModel(*ModelHub::instance()->model(), fixture, true).contains(QStringLiteral("GPT-2")));
        QVERIFY(ModelHub::instance()->modelName().startsWith(QStringLiteral("tiny-gpt2 (")));
    }

    void hubKeepsTheModelWhenALoadFails() {
        loadHub();
        ModelHub* hub = ModelHub::instance();
        auto before = hub->model();
        QTemporaryDir empty;
        hub->loadModel(empty.path());
        QTRY_VERIFY_WITH_TIMEOUT(!hub->loading(), 30000);
        QVERIFY(!hub->error().isEmpty());
        QVERIFY(hub->error().contains(empty.path()));
        QCOMPARE(hub->model(), before);
        hub->loadModel(QStringLiteral("/no/such/folder"));
        QVERIFY(hub->error().contains(QStringLiteral("/no/such/folder")));
        QCOMPARE(hub->model(), before);
    }

    void describeTokenNeverShowsRawMarkers() {
        const lens::TokenInfo word = lens::describeToken(" cat", false);
        QCOMPARE(word.text, QStringLiteral("cat"));
        QVERIFY(word.leadingSpace);
        QVERIFY(!word.text.contains(QChar(0x120))); // Ġ
        const lens::TokenInfo nl = lens::describeToken("\n", false);
        QCOMPARE(nl.text, QStringLiteral("⏎")); // as every other label writes a line break (course::tokenText)
        const lens::TokenInfo partial = lens::describeToken("\xE2\x80", false); // 2 of 3 bytes of "—"
        QVERIFY(partial.partialBytes);
        QVERIFY(partial.text.contains(QStringLiteral("E2 80")));
        const lens::TokenInfo special = lens::describeToken("<|endoftext|>", true);
        QVERIFY(special.special);
    }

    // The chips and every figure's labels write a token by one rule: the same escapes, the label
    // adding "·" for the leading space that a chip shows as a gap.
    void chipsAndLabelsShareOneRule() {
        bool partial = false;
        QCOMPARE(QString::fromStdString(course::tokenText("a\tb", &partial)), QStringLiteral("a⇥b"));
        QVERIFY(!partial);
        QCOMPARE(QString::fromStdString(course::tokenText("\n\n")), QStringLiteral("⏎⏎"));
        QCOMPARE(QString::fromStdString(course::tokenText("   ")), QStringLiteral("␣␣␣"));
        QCOMPARE(QString::fromStdString(course::tokenText("\xE2\x80", &partial)), QStringLiteral("‹E2 80›"));
        QVERIFY(partial);
        // A control byte draws as nothing (or moves a terminal's cursor): its value instead.
        QCOMPARE(QString::fromStdString(course::tokenText("\x1b", &partial)), QStringLiteral("‹1B›"));
        QVERIFY(partial);
        QCOMPARE(QString::fromStdString(course::tokenText("\x7f")), QStringLiteral("‹7F›"));
        // Characters that draw as nothing, or as a plain space: their code point, not an empty chip.
        QCOMPARE(QString::fromStdString(course::tokenText("\xE2\x80\x8B")), QStringLiteral("‹U+200B›")); // zero-width space
        QCOMPARE(QString::fromStdString(course::tokenText("a\xE2\x80\x8E")), QStringLiteral("a‹U+200E›")); // left-to-right mark
        QCOMPARE(QString::fromStdString(course::tokenText("\xC2\xA0", &partial)), QStringLiteral("‹U+00A0›")); // no-break space
        QVERIFY(!partial);
        QCOMPARE(QString::fromStdString(course::tokenText("\xEF\xBB\xBF")), QStringLiteral("‹U+FEFF›"));
        QCOMPARE(QString::fromStdString(course::tokenText("caf\xC3\xA9 \xE2\x80\x94")), QStringLiteral("café —"));
        QCOMPARE(QString::fromStdString(course::tokenText("\xF0\x9F\x98\x80")), QStringLiteral("😀"));
        for (const char* bytes : {",", ".", "'", "\n", "\t", "\xE2\x80", "\x1b", "don't", "\xE2\x80\x8B"}) {
            const lens::TokenInfo chip = lens::describeToken(bytes, false);
            QCOMPARE(chip.text, QString::fromStdString(course::tokenText(bytes)));
            QCOMPARE(lens::describeToken(std::string(" ") + bytes, false).text, chip.text);
        }
        // A model's labels: GPT-2's tokenizer has " ," as one token and "\n" as another.
        const auto model = testing_support::gpt2ShapedModel(7);
        const std::vector<int> ids = model->tokenizer()->encode("a ,\n");
        QStringList labels;
        for (int id : ids) labels << QString::fromStdString(course::tokenLabel(*model, id));
        QCOMPARE(labels, (QStringList{QStringLiteral("a"), QStringLiteral("·,"), QStringLiteral("⏎")}));
    }

    void tokenModelRoles() {
        TokenModel model;
        std::vector<lens::TokenInfo> tokens(3);
        tokens[0] = lens::describeToken("The", false);
        tokens[1] = lens::describeToken(" un", false);
        tokens[2] = lens::describeToken("believable", false);
        tokens[2].continuesWord = true;
        model.setTokens(tokens);
        QCOMPARE(model.rowCount(), 3);
        const QHash<int, QByteArray> roles = model.roleNames();
        QVERIFY(roles.values().contains("text"));
        QVERIFY(roles.values().contains("weight"));
        QVERIFY(roles.values().contains("continuesWord"));
        QCOMPARE(model.data(model.index(1), TokenModel::TextRole).toString(), QStringLiteral("un"));
        QCOMPARE(model.data(model.index(1), TokenModel::LeadingSpaceRole).toBool(), true);
        QCOMPARE(model.data(model.index(1), TokenModel::ContinuedRole).toBool(), true);
        QCOMPARE(model.data(model.index(2), TokenModel::ContinuesWordRole).toBool(), true);
        QCOMPARE(model.data(model.index(2), TokenModel::ContinuedRole).toBool(), false);
        QCOMPARE(model.data(model.index(0), TokenModel::WeightRole).toDouble(), -1.0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setWeights({0.25f, 0.75f, -1.f}, 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.data(model.index(1), TokenModel::WeightRole).toDouble(), 0.75);
        QCOMPARE(model.data(model.index(1), TokenModel::IsQueryRole).toBool(), true);
        QVERIFY(model.data(model.index(0), TokenModel::AccessibleRole).toString().contains(QStringLiteral("0.25")));
        // Typing at the end keeps the chips of the shared prefix.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        std::vector<lens::TokenInfo> longer = tokens;
        longer.push_back(lens::describeToken(" story", false));
        model.setTokens(longer);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.get(3).value(QStringLiteral("text")).toString(), QStringLiteral("story"));
    }

    void controllerMatchesTheReferenceAttentions() {
        loadHub();
        LensController lens;
        lens.setText(caseText);
        QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
        QVERIFY2(lens.error().isEmpty(), qPrintable(lens.error()));
        QCOMPARE(lens.tokenCount(), T);
        QCOMPARE(lens.result()->ids, caseIds);
        QCOMPARE(lens.nLayer(), L);
        QCOMPARE(lens.nHead(), H);
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h)
                for (int i = 0; i < T; ++i) {
                    double sum = 0;
                    for (int j = 0; j < T; ++j) {
                        const double w = lens.weightIn(l, h, i, j, false);
                        QVERIFY2(std::abs(w - golden(l, h, i, j)) < 1e-4,
                                 qPrintable(QStringLiteral("l%1 h%2 i%3 j%4: %5 vs %6").arg(l).arg(h).arg(i).arg(j).arg(w).arg(golden(l, h, i, j))));
                        sum += w;
                    }
                    QVERIFY(std::abs(sum - 1.0) < 1e-4);
                }
        // The argmax the exercise reveals is the reference's argmax.
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                int best = 0;
                for (int j = 1; j < T; ++j)
                    if (golden(l, h, T - 1, j) > golden(l, h, T - 1, best)) best = j;
                QCOMPARE(lens.argmaxKey(l, h, T - 1, false), best);
            }
        // Focus fills the token model with the focused row's weights.
        lens.setLayer(1);
        lens.setHead(2);
        lens.setFocusToken(5);
        TokenModel* tokens = lens.tokens();
        for (int j = 0; j < T; ++j) {
            const double w = tokens->data(tokens->index(j), TokenModel::WeightRole).toDouble();
            if (j <= 5) QVERIFY(std::abs(w - golden(1, 2, 5, j)) < 1e-4);
            else QCOMPARE(w, -1.0);
        }
        QVERIFY(tokens->data(tokens->index(5), TokenModel::IsQueryRole).toBool());
        // Hiding the first token renormalises the rest of each row to 1.
        lens.setHideFirst(true);
        double sum = 0;
        for (int j = 1; j <= 5; ++j)
            sum += lens.weight(5, j);
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QVERIFY(std::abs(lens.weight(5, 1) - golden(1, 2, 5, 1) / (1 - golden(1, 2, 5, 0))) < 1e-4);
        QCOMPARE(lens.weight(0, 0), -1.0); // nothing left in row 0
    }

    void findersPickTheStrongestHead() {
        loadHub();
        LensController lens;
        lens.setText(caseText);
        QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
        // Previous-token head: the largest mean weight on the position just before, from the reference,
        // row 1 left out (its previous token is the first token, where heads rest anyway).
        QVERIFY(T >= 3);
        double bestScore = -1;
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                double s = 0;
                for (int i = 2; i < T; ++i) s += golden(l, h, i, i - 1);
                bestScore = std::max(bestScore, s / (T - 2));
            }
        const QVariantMap prev = lens.findHead(QStringLiteral("previous-token"));
        QVERIFY(prev.contains(QStringLiteral("layer")));
        double chosen = 0;
        for (int i = 2; i < T; ++i)
            chosen += golden(prev.value(QStringLiteral("layer")).toInt(), prev.value(QStringLiteral("head")).toInt(), i, i - 1);
        chosen /= (T - 2);
        QVERIFY2(std::abs(chosen - bestScore) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(chosen).arg(bestScore)));
        QVERIFY(!prev.value(QStringLiteral("why")).toString().isEmpty());
        // Sink: the largest mean weight on position 0.
        double bestSink = -1;
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                double s = 0;
                for (int i = 0; i < T; ++i) s += golden(l, h, i, 0);
                bestSink = std::max(bestSink, s / T);
            }
        const QVariantMap sink = lens.findHead(QStringLiteral("sink"));
        double sinkChosen = 0;
        for (int i = 0; i < T; ++i)
            sinkChosen += golden(sink.value(QStringLiteral("layer")).toInt(), sink.value(QStringLiteral("head")).toInt(), i, 0);
        QVERIFY(std::abs(sinkChosen / T - bestSink) < 1e-4);
        QVERIFY(lens.findHead(QStringLiteral("decisive")).contains(QStringLiteral("head")));
        QVERIFY(lens.findHead(QStringLiteral("nonsense")).isEmpty());
        // Induction runs off the GUI thread and reports a head.
        QSignalSpy found(&lens, &LensController::inductionFindingChanged);
        lens.findInductionHead();
        QTRY_VERIFY_WITH_TIMEOUT(found.count() >= 1, 60000);
        const QVariantMap ind = lens.inductionFinding();
        QVERIFY2(ind.contains(QStringLiteral("layer")), qPrintable(ind.value(QStringLiteral("error")).toString()));
        QVERIFY(ind.value(QStringLiteral("layer")).toInt() < L);
        QVERIFY(ind.value(QStringLiteral("head")).toInt() < H);
    }

    // "Find a head → Attention sink" follows the census's threshold: where no head puts half of the
    // attention on the first token, it says that there is no sink on this text. Both cases on
    // lens-mini (a short text and a long one), each judged from a forward pass of its own.
    void sinkFinderFollowsTheCensusThreshold() {
        const QString lensMini = QDir::cleanPath(qEnvironmentVariable("AL_SOURCE_DIR") + QStringLiteral("/resources/models/lens-mini"));
        ModelHub* hub = ModelHub::instance();
        hub->loadModel(lensMini);
        QTRY_VERIFY_WITH_TIMEOUT(hub->ready() && hub->modelDir() == lensMini, 30000);
        bool sawSink = false, sawNone = false;
        // On lens-mini, head 3.2 puts about 0.96 on the first token of the short sentence, while on the
        // 64 tokens of the counting list no head reaches 0.3.
        const QStringList texts{QStringLiteral("The cat sat on the mat because it was tired."),
                                QStringLiteral("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, "
                                               "23, 24, 25, 26, 27, 28, 29, 30, 31, 32")};
        for (const QString& text : texts) {
            const std::vector<int> ids = course::tokenize(*hub->model(), text.toStdString(), course::kTokenCap);
            const al::ForwardResult r = al::Runner(hub->model()).forward_full(ids);
            const int n = int(ids.size()), layers = hub->nLayer(), heads = hub->nHead();
            double strongest = 0;
            for (int l = 0; l < layers; ++l)
                for (int h = 0; h < heads; ++h) {
                    double s = 0;
                    for (int i = 1; i < n; ++i) s += r.attention.at(l, h, i, 0);
                    strongest = std::max(strongest, s / (n - 1));
                }
            LensController lens;
            lens.setText(text);
            QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
            const QVariantMap sink = lens.findHead(QStringLiteral("sink"));
            QVERIFY2(std::abs(sink.value(QStringLiteral("score")).toDouble() - strongest) < 1e-4, qPrintable(text));
            const bool isSink = strongest >= 0.5;
            QCOMPARE(sink.value(QStringLiteral("sink")).toBool(), isSink);
            QCOMPARE(sink.value(QStringLiteral("title")).toString(),
                     isSink ? QStringLiteral("Attention sink") : QStringLiteral("No attention sink on this text"));
            QVERIFY(!sink.value(QStringLiteral("why")).toString().contains(QStringLiteral("whatever")));
            (isSink ? sawSink : sawNone) = true;
        }
        QVERIFY2(sawSink && sawNone, "the two texts should show both cases on lens-mini");
        loadHub();
    }

    void staleRequestsAreNeverShown() {
        loadHub();
        LensController lens;
        std::vector<quint64> shown;
        QStringList shownTexts;
        connect(&lens, &LensController::resultChanged, &lens, [&] {
            shown.push_back(lens.result()->generation);
            shownTexts << lens.result()->text;
        });
        QString text;
        const QString words = QStringLiteral("the quick brown fox jumps over the lazy dog and then it naps ");
        for (int k = 0; k < 40; ++k) {
            text += words.split(QLatin1Char(' ')).at(k % 13) + QLatin1Char(' ');
            lens.setText(text);
        }
        QVERIFY(lens.busy());
        QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
        QCOMPARE(lens.shownGeneration(), lens.requestedGeneration());
        QVERIFY(!shown.empty());
        QCOMPARE(shown.back(), lens.requestedGeneration());
        QCOMPARE(shownTexts.back(), text);
        QCOMPARE(lens.result()->text, text);
        // Only the newest request reaches the screen; the others are skipped or dropped.
        for (size_t k = 1; k < shown.size(); ++k)
            QVERIFY(shown[k] > shown[k - 1]);
        QCOMPARE(int(shown.size()), 1);
    }

    void matrixItemShowsTheSelectedHead() {
        loadHub();
        LensController lens;
        lens.setText(caseText);
        QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
        AttentionMatrixItem item;
        item.setSize(QSizeF(280, 280));
        item.setLens(&lens);
        lens.setLayer(1);
        lens.setHead(3);
        QCOMPARE(item.cells(), T);
        QCOMPARE(item.image().size(), QSize(T, T));
        QVERIFY(item.masked(0, 1));
        QVERIFY(item.masked(3, T - 1));
        QVERIFY(!item.masked(T - 1, 0));
        QCOMPARE(item.cellColor(2, 5).alpha(), 0); // the causal mask's cells are transparent
        QVERIFY(std::abs(item.value(7, 3) - golden(1, 3, 7, 3)) < 1e-4);
        QCOMPARE(item.value(3, 7), 0.0);
        // The colour is the colour map of the weight.
        const QColor c = item.cellColor(7, 3);
        QCOMPARE(c.rgb(), QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, golden(1, 3, 7, 3))).rgb());
        item.setLogScale(true);
        QCOMPARE(item.cellColor(7, 3).rgb(),
                 QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, lens::scaleWeight(golden(1, 3, 7, 3), true))).rgb());
        // Geometry: 20 px per cell.
        QCOMPARE(item.rowAt(0), 0);
        QCOMPARE(item.rowAt(item.cellSize() * 4.5), 4);
        QCOMPARE(item.columnAt(-1), -1);
        QCOMPARE(item.columnAt(279.9), T - 1);
        // Painting fills pixels with the heatmap's colours.
        QImage canvas(280, 280, QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::white);
        QPainter p(&canvas);
        item.paint(&p);
        p.end();
        const qreal cs = item.cellSize();
        QCOMPARE(canvas.pixelColor(int(3.5 * cs), int(7.5 * cs)).rgb(), item.cellColor(7, 3).rgb());
        // CSV: a header row plus one row per query, T + 1 columns.
        const QStringList lines = lens.matrixCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), T + 1);
        QCOMPARE(lines.at(1).count(QLatin1Char(',')), T);
    }

    void overviewItemMapsPointsToHeads() {
        loadHub();
        LensController lens;
        lens.setText(caseText);
        QTRY_VERIFY_WITH_TIMEOUT(lens.upToDate(), 30000);
        HeadOverviewItem item;
        item.setGap(4);
        item.setSize(QSizeF(4 * 40 + 3 * 4, 2 * 40 + 4));
        item.setLens(&lens);
        QCOMPARE(item.tileSize(), 40.0);
        QVariantMap h = item.headAt(44 * 2 + 10, 44 + 10);
        QCOMPARE(h.value(QStringLiteral("layer")).toInt(), 1);
        QCOMPARE(h.value(QStringLiteral("head")).toInt(), 2);
        h = item.headAt(41, 5); // in the gap
        QCOMPARE(h.value(QStringLiteral("layer")).toInt(), -1);
        QImage canvas(item.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        canvas.fill(Qt::white);
        QPainter p(&canvas);
        item.paint(&p);
        p.end();
        QCOMPARE(item.cacheRebuilds(), 1);
        // Bottom-left corner of tile (1, 2) is row T-1, column 0 of that head.
        const QColor corner = canvas.pixelColor(int(2 * 44 + 1), int(44 + 38));
        QCOMPARE(corner.rgb(), QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, golden(1, 2, T - 1, 0))).rgb());
        // Hover repaints reuse the cached tiles.
        item.setHover(0, 1);
        QPainter p2(&canvas);
        item.paint(&p2);
        p2.end();
        QCOMPARE(item.cacheRebuilds(), 1);
    }

    void colormapIsViridis() {
        // matplotlib's viridis at 0 is #440154 and at 1 is #fde725.
        const QColor lo = QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, 0.f));
        const QColor hi = QColor::fromRgb(lens::colormap(lens::ColorMap::Viridis, 1.f));
        QVERIFY(std::abs(lo.red() - 0x44) <= 3 && std::abs(lo.green() - 0x01) <= 3 && std::abs(lo.blue() - 0x54) <= 3);
        QVERIFY(std::abs(hi.red() - 0xfd) <= 3 && std::abs(hi.green() - 0xe7) <= 3 && std::abs(hi.blue() - 0x25) <= 3);
        QCOMPARE(lens::scaleWeight(1e-6f, true), 0.f);
        QCOMPARE(lens::scaleWeight(1.f, true), 1.f);
        QVERIFY(std::abs(lens::scaleWeight(0.01f, true) - 0.5f) < 1e-5);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentionLensTests"));
    TestAppModels t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_app_models.moc"
