// Every exercise's answer computed on the fixture model, checked against independent computations
// on the reference implementation's expected outputs where one exists.
#include <QtTest>
#include <algorithm>
#include <numeric>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "course/exercise_engine.h"
#include "fixture.h"

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
    // constant), multiply by √d, and compare the largest softmax weight.
    void unscaledPeakMatchesReference() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("02-math"), QStringLiteral("math-unscaled"), c);
            const int l = c.L - 1, q = c.T - 1;
            std::vector<double> s;
            double peak = 0;
            for (int j = 0; j <= q; ++j) { s.push_back(std::log(double(c.att(l, 0, q, j))) * 4.0); peak = std::max(peak, double(c.att(l, 0, q, j))); }
            const double m = *std::max_element(s.begin(), s.end());
            double sum = 0;
            for (double v : s) sum += std::exp(v - m);
            const double unscaledPeak = 1.0 / sum;
            const QString expected = unscaledPeak > peak + 1e-6 ? QStringLiteral("up") : unscaledPeak < peak - 1e-6 ? QStringLiteral("down") : QStringLiteral("same");
            QCOMPARE(a.answer, expected);
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
        // A text without a pronoun falls back to the example sentence and says so.
        const course::ExerciseAnswer b = compute(QStringLiteral("03-heads"), QStringLiteral("heads-pronoun"), cases_[2]);
        QVERIFY(!b.note.isEmpty());
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

    void maskedRowSeesItselfAndEarlier() {
        for (const fixture::Case& c : cases_) {
            const course::ExerciseAnswer a = compute(QStringLiteral("04-mask"), QStringLiteral("mask-row-visible"), c);
            const int row = std::min(3, c.T - 1);
            QCOMPARE(a.row, row);
            // Independent: the reference's weights are zero exactly after the diagonal.
            int nonzeroOrDiag = 0;
            for (int j = 0; j < c.T; ++j) nonzeroOrDiag += (j <= row) ? 1 : (c.att(0, 0, row, j) == 0.f ? 0 : 100);
            QCOMPARE(a.answer.toInt(), nonzeroOrDiag);
            QVERIFY(course::gradePrediction(a, QString::number(row + 1)));
            QVERIFY(!course::gradePrediction(a, QString::number(row + 2)));
        }
    }

    void firstRowWeightIsOne() {
        const course::ExerciseAnswer a = compute(QStringLiteral("04-mask"), QStringLiteral("mask-first-row"), cases_[1]);
        QCOMPARE(a.answer.toDouble(), double(cases_[1].att(0, 0, 0, 0)));
        QVERIFY(course::gradePrediction(a, QStringLiteral("1")));
        QVERIFY(!course::gradePrediction(a, QStringLiteral("0.5")));
    }

    void temperatureAnswersMatchReferenceLogits() {
        for (const fixture::Case& c : cases_) {
            QCOMPARE(compute(QStringLiteral("05-temperature"), QStringLiteral("temperature-zero"), c).answer, QStringLiteral("top"));
            const course::ExerciseAnswer hi = compute(QStringLiteral("05-temperature"), QStringLiteral("temperature-high"), c);
            const std::vector<float>& z = c.logitsLast;
            const int top = int(std::max_element(z.begin(), z.end()) - z.begin());
            auto pTop = [&](double t) {
                double s = 0;
                for (float v : z) s += std::exp((v - z[top]) / t);
                return 1.0 / s;
            };
            QCOMPARE(hi.answer, pTop(2.0) < pTop(1.0) ? QStringLiteral("down") : QStringLiteral("up"));
            // Top-p 0.9: the fewest most likely tokens whose probabilities reach 0.9.
            const course::ExerciseAnswer tp = compute(QStringLiteral("05-temperature"), QStringLiteral("temperature-top-p"), c);
            std::vector<double> p(z.size());
            double s = 0;
            for (size_t i = 0; i < z.size(); ++i) s += (p[i] = std::exp(double(z[i]) - z[top]));
            for (double& v : p) v /= s;
            std::sort(p.begin(), p.end(), std::greater<>());
            int n = 0;
            double cum = 0;
            while (cum < 0.9 && n < int(p.size())) cum += p[n++];
            QVERIFY2(std::abs(tp.answer.toInt() - n) <= 1, qPrintable(QStringLiteral("%1 vs %2").arg(tp.answer).arg(n)));
            QVERIFY(tp.tolerance >= 1);
        }
    }

    void quadraticGrowth() {
        const course::ExerciseAnswer a = compute(QStringLiteral("06-not"), QStringLiteral("not-quadratic"), cases_[0]);
        // The fixture allows 128 positions, so the doubling is capped at 64 -> 128.
        const double t = std::min(256, 128 / 2);
        QCOMPARE(a.answer.toDouble(), QString::number((2 * t) * (2 * t + 1) / (t * (t + 1)), 'g', 3).toDouble());
        QVERIFY(course::gradePrediction(a, QStringLiteral("4")));
        QVERIFY(!course::gradePrediction(a, QStringLiteral("2")));
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
#include "tst_exercise_engine.moc"
