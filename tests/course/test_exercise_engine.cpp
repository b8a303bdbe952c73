// Every exercise's answer computed on the fixture model, checked against independent computations
// on the reference implementation's expected outputs where one exists.
#include <QtTest>
#include <algorithm>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "exercises/exercise_engine.h"
#include "fixture.h"
#include "gpt2_shaped_model.h"

using course::computeExercise;

class TestExerciseEngine : public QObject {
    Q_OBJECT
    std::shared_ptr<const al::Model> model_;
    std::vector<fixture::Case> cases_;
    std::unique_ptr<al::Runner> runner_;

    course::ExerciseAnswer compute(const QString& folder, const QString& id, const fixture::Case& c) {
        const QJsonObject def = fixture::exercise(folder, id);
        if (def.isEmpty())
            qFatal("no exercise %s in %s", qPrintable(id), qPrintable(folder));
        return computeExercise(def, *runner_, c.ids);
    }

    // The option value of the range bucket holding v: the exercise's options in order, split at edges.
    static QString bucket(const QString& folder, const QString& id, const std::vector<double>& edges, double v) {
        const QJsonArray options = fixture::exercise(folder, id).value(QStringLiteral("options")).toArray();
        if (options.size() != qsizetype(edges.size()) + 1)
            qFatal("%s: %d options for %d edges", qPrintable(id), int(options.size()), int(edges.size()));
        const int i = int(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin());
        return options[i].toObject().value(QStringLiteral("value")).toString();
    }
    // Probabilities from logits, in double, without the engine.
    static std::vector<double> probsAt(const std::vector<float>& z, double t) {
        const double m = *std::max_element(z.begin(), z.end());
        std::vector<double> p(z.size());
        double s = 0;
        for (size_t i = 0; i < z.size(); ++i) s += (p[i] = std::exp((double(z[i]) - m) / t));
        for (double& v : p) v /= s;
        return p;
    }
    // Top-p: the most likely tokens, added until their probabilities reach p.
    static int nucleus(std::vector<double> p, double topP) {
        std::sort(p.begin(), p.end(), std::greater<>());
        int n = 0;
        double cum = 0;
        while (cum < topP && n < int(p.size())) cum += p[n++];
        return n;
    }

private slots:
    void initTestCase() {
        QVERIFY2(!fixture::modelDir().isEmpty(), "AL_FIXTURE_MODEL is not set");
        model_ = al::Model::load(fixture::modelDir().toStdString());
        runner_ = std::make_unique<al::Runner>(model_);
        cases_ = fixture::cases();
        QVERIFY(cases_.size() >= 7);
    }

    // Every exercise of every station computes on the fixture, with the kind it declares, and the
    // answer is one of the choices it offers.
    void everyExerciseComputes_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("id");
        for (const char* folder : {"01-lens", "02-math", "03-heads", "04-mask", "05-temperature", "06-not"})
            for (const QJsonObject& o : fixture::exercises(QString::fromLatin1(folder)))
                QTest::newRow(qPrintable(o.value(QStringLiteral("id")).toString()))
                    << QString::fromLatin1(folder) << o.value(QStringLiteral("id")).toString();
    }
    void everyExerciseComputes() {
        QFETCH(QString, folder);
        QFETCH(QString, id);
        const QJsonObject def = fixture::exercise(folder, id);
        for (int ci : {0, 6}) {
            const course::ExerciseAnswer a = computeExercise(def, *runner_, cases_[ci].ids);
            QCOMPARE(a.kind, def.value(QStringLiteral("kind")).toString());
            QVERIFY(!a.answer.isEmpty());
            QVERIFY(!a.answerText.isEmpty());
            QVERIFY(!a.detail.isEmpty());
            QVERIFY(a.accept.contains(a.answer));
            QVERIFY(course::gradePrediction(a, a.answer));
            if (a.kind == QLatin1String("option")) {
                QStringList values;
                for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
                    values << o.toObject().value(QStringLiteral("value")).toString();
                QVERIFY2(values.contains(a.answer), qPrintable(a.answer));
            } else if (a.kind == QLatin1String("token")) {
                if (id != QLatin1String("heads-pronoun")) // may fall back to the example sentence
                    QCOMPARE(a.choices.size(), qsizetype(cases_[ci].ids.size()));
                QVERIFY(a.answer.toInt() >= 0 && a.answer.toInt() < a.choices.size());
            } else if (a.kind == QLatin1String("head")) {
                QCOMPARE(a.layers, 2);
                QCOMPARE(a.heads, 4);
                const QStringList p = a.answer.split(QLatin1Char('.'));
                QCOMPARE(p.size(), 2);
                QVERIFY(p[0].toInt() >= 0 && p[0].toInt() < 2 && p[1].toInt() >= 0 && p[1].toInt() < 4);
            }
        }
    }

    void headDimFromConfig() {
        const course::ExerciseAnswer a = compute(QStringLiteral("02-math"), QStringLiteral("math-head-dim"), cases_[0]);
        const QJsonObject cfg = QJsonDocument::fromJson(fixture::readAll(fixture::modelDir() + QStringLiteral("/config.json"))).object();
        QCOMPARE(a.answer.toInt(), cfg.value(QStringLiteral("n_embd")).toInt() / cfg.value(QStringLiteral("n_head")).toInt());
        QVERIFY(course::gradePrediction(a, QStringLiteral("16")));
        QVERIFY(!course::gradePrediction(a, QStringLiteral("64")));
    }

    // The key with the top score is the argmax of the reference's attention row.
    void topScoreKeyMatchesReference() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("02-math"), QStringLiteral("math-top-score"), c);
            const int l = c.L - 1, q = c.T - 1;
            int arg = 0;
            for (int j = 0; j <= q; ++j) if (c.att(l, 0, q, j) > c.att(l, 0, q, arg)) arg = j;
            QVERIFY2(a.accept.contains(QString::number(arg)), qPrintable(c.text));
        }
    }

    // Without the 1/√d scaling: recover the scaled scores from the reference weights (log w, up to a
    // constant), multiply by √d (4 for the fixture's head width 16), and take the largest softmax
    // weight; the answer is its range.
    void unscaledPeakMatchesReference() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("02-math"), QStringLiteral("math-unscaled"), c);
            const int l = c.L - 1, q = c.T - 1;
            std::vector<double> s;
            for (int j = 0; j <= q; ++j) s.push_back(std::log(double(c.att(l, 0, q, j))) * 4.0);
            const double m = *std::max_element(s.begin(), s.end());
            double sum = 0;
            for (double v : s) sum += std::exp(v - m);
            const double unscaledPeak = 1.0 / sum;
            const QString expected = bucket(QStringLiteral("02-math"), QStringLiteral("math-unscaled"), {0.5, 0.9, 0.99}, unscaledPeak);
            QVERIFY2(a.accept.contains(expected), qPrintable(QStringLiteral("%1: %2 not in %3").arg(c.text, expected, a.accept.join(u','))));
            QVERIFY(a.accept.size() <= 2);
        }
    }

    void lensArgmaxWithExplicitHead() {
        QJsonObject def{{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("kind"), QStringLiteral("token")},
                        {QStringLiteral("compute"), QStringLiteral("argmax_attention")},
                        {QStringLiteral("params"), QJsonObject{{QStringLiteral("head"), QStringLiteral("1.2")},
                                                               {QStringLiteral("hide_first"), true}}}};
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = computeExercise(def, *runner_, c.ids);
            int arg = 1;
            for (int j = 1; j < c.T; ++j) if (c.att(1, 2, c.T - 1, j) > c.att(1, 2, c.T - 1, arg)) arg = j;
            QVERIFY(a.accept.contains(QString::number(arg)));
            QVERIFY(!a.accept.contains(QStringLiteral("0")));
        }
    }

    // Case 0 has the pronoun "it": the answer is the argmax of the reference's last-layer weights of
    // that row, averaged over heads, leaving out the first token.
    void pronounTargetMatchesReference() {
        const fixture::Case& c = cases_[0];
        QVERIFY(c.text.contains(QStringLiteral(" it ")));
        const course::ExerciseAnswer a = compute(QStringLiteral("03-heads"), QStringLiteral("heads-pronoun"), c);
        QVERIFY(a.note.isEmpty()); // the learner's own text was used
        const al::Tokenizer* tok = model_->tokenizer();
        int q = -1;
        for (int i = c.T - 1; i > 0; --i) if (tok->token_bytes(c.ids[i]) == " it") { q = i; break; }
        QVERIFY(q > 0);
        QCOMPARE(a.row, q);
        std::vector<double> mean(q + 1, 0.0);
        for (int h = 0; h < c.H; ++h) for (int j = 1; j <= q; ++j) mean[j] += c.att(c.L - 1, h, q, j);
        const int arg = int(std::max_element(mean.begin() + 1, mean.end()) - mean.begin());
        QCOMPARE(a.answer, QString::number(arg));
        // The computed prompt names the pronoun and its position before the learner answers.
        QVERIFY2(a.promptText.contains(QStringLiteral("it")) && a.promptText.contains(QString::number(q)), qPrintable(a.promptText));
        // A text without a pronoun falls back to the example sentence and says so in the prompt.
        const course::ExerciseAnswer b = compute(QStringLiteral("03-heads"), QStringLiteral("heads-pronoun"), cases_[2]);
        QVERIFY(!b.note.isEmpty());
        QVERIFY2(b.promptText.startsWith(b.note) && b.promptText.contains(QStringLiteral("Mary")), qPrintable(b.promptText));
        // Every copy of the answer's token counts, and nothing else.
        const std::vector<int> ids = model_->tokenizer()->encode(b.promptText.section(u'“', 1, 1).section(u'”', 0, 0).toStdString());
        QCOMPARE(b.choices.size(), qsizetype(ids.size()));
        const int ans = b.answer.toInt();
        for (int j = 1; j <= b.row; ++j)
            QCOMPARE(b.accept.contains(QString::number(j)), ids[j] == ids[ans]);
    }

    void countsAreInRange() {
        const course::ExerciseAnswer s = compute(QStringLiteral("03-heads"), QStringLiteral("heads-count-sinks"), cases_[0]);
        QVERIFY(s.answer.toInt() >= 0 && s.answer.toInt() <= 4);
        QCOMPARE(s.tolerance, 0.0);
        QVERIFY(s.detail.contains(QStringLiteral("1.0 ")) && s.detail.contains(QStringLiteral("1.3 ")));
        QCOMPARE(s.note.isEmpty(), s.answer != QLatin1String("0"));
    }

    // The head whose knock-out moves the prediction most really does move it more than any other,
    // and more than the head whose uniform pattern moves it least.
    void ablationSearchIsConsistent() {
        const fixture::Case& c = cases_[6];
        const course::ExerciseAnswer big = compute(QStringLiteral("03-heads"), QStringLiteral("heads-knockout"), c);
        const course::ExerciseAnswer small = compute(QStringLiteral("06-not"), QStringLiteral("not-least-sensitive"), c);
        al::Runner runner(model_);
        auto probs = [](const std::vector<float>& logits) {
            std::vector<double> p(logits.size());
            const double m = *std::max_element(logits.begin(), logits.end());
            double s = 0;
            for (size_t i = 0; i < p.size(); ++i) s += (p[i] = std::exp(logits[i] - m));
            for (double& v : p) v /= s;
            return p;
        };
        auto kl = [](const std::vector<double>& p, const std::vector<double>& q) {
            double s = 0;
            for (size_t i = 0; i < p.size(); ++i) if (p[i] > 0) s += p[i] * std::log(p[i] / std::max(q[i], 1e-300));
            return s;
        };
        // The unablated logits agree with the reference (so the KLs below are against the real thing).
        const al::ForwardResult base = runner.forward_full(c.ids, {});
        for (size_t i = 0; i < base.logits_last.size(); i += 997) QVERIFY(std::abs(base.logits_last[i] - c.logitsLast[i]) < 1e-3);
        const std::vector<double> p = probs(c.logitsLast);
        double best = -1, answerKl = -1;
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h) {
                al::ForwardOptions o;
                o.zero_ablate = {{l, h}};
                const double k = kl(p, probs(runner.forward_full(c.ids, o).logits_last));
                best = std::max(best, k);
                if (QStringLiteral("%1.%2").arg(l).arg(h) == big.answer) answerKl = k;
            }
        QVERIFY(answerKl > 0);
        QVERIFY(std::abs(answerKl - best) <= 1e-6 * std::max(1.0, best));
        QVERIFY(small.answer != big.answer || best == 0);
        // Both are asked as a shortlist of five distinct heads that holds the answer.
        for (const course::ExerciseAnswer* a : {&big, &small}) {
            QCOMPARE(a->choices.size(), 5);
            QStringList names;
            for (const QVariant& v : a->choices) names << v.toString();
            names.removeDuplicates();
            QCOMPARE(names.size(), 5);
            QVERIFY(names.contains(a->answer));
            for (const QString& ok : a->accept) QVERIFY(names.contains(ok));
        }
    }

    // Row 3 of layer 0, head 0: the reference's largest weight among positions 0..3; later tokens
    // are never right, whatever their keys.
    void maskedRowArgmaxMatchesReference() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("04-mask"), QStringLiteral("mask-row-argmax"), c);
            const int row = std::min(3, c.T - 1);
            int arg = 0;
            for (int j = 0; j <= row; ++j) if (c.att(0, 0, row, j) > c.att(0, 0, row, arg)) arg = j;
            QVERIFY2(a.accept.contains(QString::number(arg)), qPrintable(c.text));
            QCOMPARE(a.choices.size(), qsizetype(c.T));
            for (int j = row + 1; j < c.T; ++j) QVERIFY(!course::gradePrediction(a, QString::number(j)));
        }
    }

    // The second row's weight on the first token, from the reference, as a range.
    void secondRowWeightMatchesReference() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("04-mask"), QStringLiteral("mask-second-row"), c);
            const QString expected = bucket(QStringLiteral("04-mask"), QStringLiteral("mask-second-row"), {0.25, 0.5, 0.75}, c.att(0, 0, 1, 0));
            QVERIFY2(a.accept.contains(expected), qPrintable(QStringLiteral("%1: %2").arg(c.text).arg(c.att(0, 0, 1, 0))));
        }
        // A one-token text has no second row: a clear error, not a crash.
        QVERIFY_THROWS_EXCEPTION(std::exception, computeExercise(fixture::exercise(QStringLiteral("04-mask"), QStringLiteral("mask-second-row")), *runner_, {464}));
    }

    void temperatureAnswersMatchReferenceLogits() {
        const QString st = QStringLiteral("05-temperature");
        for (const fixture::Case& c : cases_) {
            const std::vector<float>& z = c.logitsLast;
            const int top = int(std::max_element(z.begin(), z.end()) - z.begin());
            // Temperature 0.5: the top token's probability, as a range.
            const course::ExerciseAnswer sharp = compute(st, QStringLiteral("temperature-sharpen"), c);
            const double p05 = probsAt(z, 0.5)[top], p1 = probsAt(z, 1.0)[top];
            QVERIFY(p05 > p1);
            QVERIFY2(sharp.accept.contains(bucket(st, QStringLiteral("temperature-sharpen"), {0.25, 0.5, 0.9}, p05)), qPrintable(c.text));
            // Top-p 0.9 at temperatures 1 and 2: the count's order of magnitude. Float rounding may move
            // the count by one, so either neighbour's range is allowed at an edge.
            const std::vector<double> edges = {1.5, 10.5, 100.5, 1000.5};
            for (const auto& [id, t] : {std::pair{QStringLiteral("temperature-top-p"), 1.0}, std::pair{QStringLiteral("temperature-high"), 2.0}}) {
                const course::ExerciseAnswer a = compute(st, id, c);
                const int n = nucleus(probsAt(z, t), 0.9);
                QVERIFY2(a.accept.contains(bucket(st, id, edges, n)) || a.accept.contains(bucket(st, id, edges, n - 1)) ||
                         a.accept.contains(bucket(st, id, edges, n + 1)),
                         qPrintable(QStringLiteral("%1 at T=%2: %3 tokens, answer %4").arg(c.text).arg(t).arg(n).arg(a.answer)));
            }
            // Flatter never keeps fewer.
            QVERIFY(nucleus(probsAt(z, 2.0), 0.9) >= nucleus(probsAt(z, 1.0), 0.9));
        }
    }

    // Attention's multiply-adds against the rest of a layer, from the fixture's config.json (d = 64,
    // MLP 4d): 2·T²·d / 12·T·d² = T / 384 over the full grid, T / 768 over the allowed half.
    void costShareFromConfig() {
        const QJsonObject cfg = QJsonDocument::fromJson(fixture::readAll(fixture::modelDir() + QStringLiteral("/config.json"))).object();
        const double d = cfg.value(QStringLiteral("n_embd")).toInt();
        const std::vector<double> edges = {0.01, 0.05, 0.25};
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), c);
            const QString full = bucket(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), edges, c.T / (6 * d));
            const QString half = bucket(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), edges, c.T / (12 * d));
            QCOMPARE(a.answer, full);
            QVERIFY(a.accept.contains(half));
            QCOMPARE(a.accept.size(), full == half ? 1 : 2);
        }
        // Case 3 (31 tokens): 8.1% over the full grid, 4.0% over the half; case 2 (7 tokens): 1.8%, 0.9%.
        QCOMPARE(cases_[3].T, 31);
        QCOMPARE(compute(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), cases_[3]).answer, QStringLiteral("5-25"));
        QVERIFY(!course::gradePrediction(compute(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), cases_[3]), QStringLiteral("25-up")));
        QCOMPARE(compute(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), cases_[2]).accept,
                 (QStringList{QStringLiteral("1-5"), QStringLiteral("below-1")}));
    }

    // The changed exercises on lens-mini, the embedded model (4 layers of 4 heads, d 128, its own
    // 4,096-token vocabulary): sizes from its config.json, ranges that follow from the definitions.
    void changedExercisesOnLensMini() {
        const QString dir = fixture::sourceDir() + QStringLiteral("/resources/models/lens-mini");
        const QJsonObject cfg = QJsonDocument::fromJson(fixture::readAll(dir + QStringLiteral("/config.json"))).object();
        QVERIFY(!cfg.isEmpty());
        const auto mini = al::Model::load(dir.toStdString());
        al::Runner runner(mini);
        const std::vector<int> ids = mini->tokenizer()->encode("Once upon a time Lily found a red ball. She gave it to Tom because he was sad.");
        auto run = [&](const QString& folder, const QString& id) {
            const QJsonObject def = fixture::exercise(folder, id);
            const course::ExerciseAnswer a = computeExercise(def, runner, ids);
            if (a.kind != def.value(QStringLiteral("kind")).toString() || !a.accept.contains(a.answer) || a.detail.isEmpty())
                qFatal("%s: malformed answer", qPrintable(id));
            return a;
        };
        const int d = cfg.value(QStringLiteral("n_embd")).toInt(), nh = cfg.value(QStringLiteral("n_head")).toInt();
        QCOMPARE(run(QStringLiteral("02-math"), QStringLiteral("math-head-dim")).answer, QString::number(d / nh));
        // Cost: T / (6d) over the full grid.
        QCOMPARE(run(QStringLiteral("06-not"), QStringLiteral("not-quadratic")).answer,
                 bucket(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), {0.01, 0.05, 0.25}, double(ids.size()) / (6.0 * d)));
        // The pronoun is named in the prompt, and every copy of the answer's token is accepted.
        const course::ExerciseAnswer pr = run(QStringLiteral("03-heads"), QStringLiteral("heads-pronoun"));
        QVERIFY(pr.note.isEmpty());
        QVERIFY2(pr.promptText.contains(QString::number(pr.row)), qPrintable(pr.promptText));
        for (int j = 1; j <= pr.row; ++j)
            QCOMPARE(pr.accept.contains(QString::number(j)), ids[j] == ids[pr.answer.toInt()]);
        // The masked row's answer is never a later token.
        const course::ExerciseAnswer mr = run(QStringLiteral("04-mask"), QStringLiteral("mask-row-argmax"));
        for (const QString& j : mr.accept) QVERIFY(j.toInt() <= 3);
        run(QStringLiteral("04-mask"), QStringLiteral("mask-second-row"));
        run(QStringLiteral("02-math"), QStringLiteral("math-unscaled"));
        run(QStringLiteral("05-temperature"), QStringLiteral("temperature-sharpen"));
        // A flatter distribution never needs fewer tokens to reach 0.9: the range at T = 2 is not below T = 1's.
        QStringList order;
        for (const QJsonValue& o : fixture::exercise(QStringLiteral("05-temperature"), QStringLiteral("temperature-top-p")).value(QStringLiteral("options")).toArray())
            order << o.toObject().value(QStringLiteral("value")).toString();
        const int at1 = int(order.indexOf(run(QStringLiteral("05-temperature"), QStringLiteral("temperature-top-p")).answer));
        const int at2 = int(order.indexOf(run(QStringLiteral("05-temperature"), QStringLiteral("temperature-high")).answer));
        QVERIFY(at1 >= 0 && at2 >= at1);
    }

    // GPT-2 small's shape (12 x 12 heads, d 768), random weights, GPT-2's tokenizer: the 124M model
    // is built in memory, so this test is kept to two quick exercises.
    void gpt2SmallShape124M() {
        QVERIFY2(!qEnvironmentVariableIsEmpty("AL_SHARED_DIR"), "AL_SHARED_DIR is not set");
        const auto big = testing_support::gpt2ShapedModel(7);
        al::Runner runner(big);
        const std::vector<int> ids = cases_[6].ids; // the IOI sentence, 14 tokens
        // 14 / (6 · 768) = 0.30%: below 1% either way of counting.
        const course::ExerciseAnswer cost = computeExercise(fixture::exercise(QStringLiteral("06-not"), QStringLiteral("not-quadratic")), runner, ids);
        QCOMPARE(cost.answer, QStringLiteral("below-1"));
        QCOMPARE(cost.accept, QStringList{QStringLiteral("below-1")});
        QVERIFY(cost.detail.contains(QStringLiteral("768")));
        // One forward: the second row's weight is a range answer with the options the lesson offers.
        const QJsonObject def = fixture::exercise(QStringLiteral("04-mask"), QStringLiteral("mask-second-row"));
        const course::ExerciseAnswer w = computeExercise(def, runner, ids);
        QStringList values;
        for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray()) values << o.toObject().value(QStringLiteral("value")).toString();
        QVERIFY(values.contains(w.answer));
        // Weights drawn with GPT-2's small initial spread give nearly equal scores, so two cells
        // share the weight about evenly.
        QVERIFY2(w.answer == QLatin1String("0.25-0.5") || w.answer == QLatin1String("0.5-0.75"), qPrintable(w.detail));
    }

    void unknownFunctionAndWrongKindAreErrors() {
        QJsonObject def{{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("compute"), QStringLiteral("no_such_thing")}};
        QVERIFY_THROWS_EXCEPTION(std::exception, computeExercise(def, *runner_, cases_[0].ids));
        QJsonObject wrong{{QStringLiteral("id"), QStringLiteral("x")}, {QStringLiteral("kind"), QStringLiteral("token")},
                          {QStringLiteral("compute"), QStringLiteral("head_dim")}};
        QVERIFY_THROWS_EXCEPTION(std::exception, computeExercise(wrong, *runner_, cases_[0].ids));
        QVERIFY_THROWS_EXCEPTION(std::exception, computeExercise(fixture::exercise(QStringLiteral("02-math"), QStringLiteral("math-head-dim")), *runner_, {}));
    }

    void gradingRules() {
        course::ExerciseAnswer n;
        n.kind = QStringLiteral("number");
        n.answer = QStringLiteral("10");
        n.tolerance = 2;
        QVERIFY(course::gradePrediction(n, QStringLiteral(" 12 ")));
        QVERIFY(!course::gradePrediction(n, QStringLiteral("12.5")));
        QVERIFY(!course::gradePrediction(n, QStringLiteral("ten")));
        course::ExerciseAnswer t;
        t.kind = QStringLiteral("token");
        t.answer = QStringLiteral("3");
        t.accept = {QStringLiteral("3"), QStringLiteral("5")};
        QVERIFY(course::gradePrediction(t, QStringLiteral("5")));
        QVERIFY(!course::gradePrediction(t, QStringLiteral("4")));
    }
};

QTEST_GUILESS_MAIN(TestExerciseEngine)
#include "test_exercise_engine.moc"
