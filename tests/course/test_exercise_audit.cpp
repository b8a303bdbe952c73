// The exercise audit's measures on handmade samples, where every number can be counted by hand:
// leaks (a planted number and token found, coincidences of numbers left out), strategy hit rates
// and chance, near-ties the grader refuses, the thresholds, and reading a lesson folder.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "exercises/exercise_audit.h"
#include "exercises/exercise_context.h"

using namespace course;
using namespace course::audit;

namespace {

QJsonObject optionExercise(const QString& id, const QStringList& values) {
    QJsonArray options;
    for (const QString& v : values) options << QJsonObject{{"value", v}, {"label", "Label " + v}};
    return {{"id", id}, {"kind", "option"}, {"compute", "none"}, {"options", options}, {"explain", "why"}};
}

Sample optionSample(const QString& answer, const QStringList& accept = {}) {
    Sample s;
    s.answer.kind = "option";
    s.answer.answer = answer;
    s.answer.accept = accept.isEmpty() ? QStringList{answer} : accept;
    s.tokens = 5;
    return s;
}

Sample tokenSample(int answer, int tokens, const QStringList& accept = {}) {
    Sample s;
    s.answer.kind = "token";
    s.answer.answer = QString::number(answer);
    s.answer.accept = accept.isEmpty() ? QStringList{s.answer.answer} : accept;
    for (int j = 0; j < tokens; ++j) s.answer.choices << QStringLiteral("t%1").arg(j);
    s.tokens = tokens;
    return s;
}

} // namespace

class TestExerciseAudit : public QObject {
    Q_OBJECT

private slots:
    void plantedNumberLeakIsFound() {
        const QJsonObject def{{"id", "x"}, {"kind", "number"}};
        ExerciseAnswer a;
        a.kind = "number";
        a.answer = "1234";
        // In a card's reveal, always a leak; in the prose only when the answer is the usual one.
        QCOMPARE(findLeaks(def, a, {"[other detail] it keeps 1234 tokens"}, false).size(), 1);
        QCOMPARE(findLeaks(def, a, {"[prose] GPT-2 keeps 1234 of them"}, true).size(), 1);
        QCOMPARE(findLeaks(def, a, {"[prose] GPT-2 keeps 1234 of them"}, false).size(), 0);
        QCOMPARE(findLeaks(def, a, {"[Page.qml] 1234 tokens"}, true).size(), 1);
        // Part of another number, or a head's name, is no leak.
        QCOMPARE(findLeaks(def, a, {"[other detail] 12345 and 1234.5 and 0.1234"}, false).size(), 0);
        a.answer = "3.3";
        QCOMPARE(findLeaks(def, a, {"[other detail] head 3.3 rests on the first token"}, false).size(), 0);
        QCOMPARE(findLeaks(def, a, {"[other detail] a share of 3.3%"}, false).size(), 1);
        // One or two digits tell nothing: they are everywhere ("layer 2").
        a.answer = "2";
        QCOMPARE(findLeaks(def, a, {"[other detail] layer 2"}, true).size(), 0);
    }

    void plantedTokenAndRangeLeaksAreFound() {
        const QJsonObject def{{"id", "x"}, {"kind", "token"}};
        Sample s = tokenSample(2, 4);
        QCOMPARE(findLeaks(def, s.answer, {"[other detail] it looks at “t2” most"}, false).size(), 1);
        QCOMPARE(findLeaks(def, s.answer, {"[other detail] it looks at “t1” most"}, false).size(), 0);
        // A range question: the measured value behind its answer, and its label in the prose.
        QJsonObject range = optionExercise("r", {"low", "high"});
        ExerciseAnswer r;
        r.kind = "option";
        r.answer = "high";
        r.measured = "523";
        QCOMPARE(findLeaks(range, r, {"[temperature-high detail] At temperature 1 it keeps 523."}, false).size(), 1);
        QJsonArray options{QJsonObject{{"value", "low"}, {"label", "Up to 1,000"}},
                           QJsonObject{{"value", "high"}, {"label", "More than 1,000"}}};
        range["options"] = options;
        r.measured.clear();
        QCOMPARE(findLeaks(range, r, {"[prose] usually more than 1,000 are kept"}, false).size(), 1);
        // Another card offering the same ranges names the label in its own reveal: no leak.
        QCOMPARE(findLeaks(range, r, {"[other explain] More than 1,000 is usual at temperature 2"}, false).size(), 0);
    }

    void strategyHitRatesAndChanceOnAHandmadeSet() {
        const QJsonObject def = optionExercise("x", {"a", "b", "c", "d"});
        // Answers a, a, b, c: "first option" is right on 2 of 4; the middle pair (b, c) on 1 of 4
        // each; a uniform guess among 4 options on 1 in 4; the second text also accepts d.
        std::vector<Sample> samples{optionSample("a"), optionSample("a", {"a", "d"}), optionSample("b"), optionSample("c")};
        samples[1].previousAnswer = "d";
        samples[1].previousKind = "option";
        const ExerciseReport r = summarize("s", def, samples);
        QCOMPARE(r.answers.at("a"), 2);
        QCOMPARE(r.mostCommonShare(), 0.5);
        QCOMPARE(r.strategies.at("first option"), 0.5);
        QCOMPARE(r.strategies.at("middle"), 0.25);
        QCOMPARE(r.strategies.at("previous card"), 0.25);
        QCOMPARE(r.chance, (0.25 + 0.5 + 0.25 + 0.25) / 4);
        QVERIFY(!r.strategies.count("previous token"));
    }

    void tokenStrategiesAndNumberChance() {
        const QJsonObject def{{"id", "t"}, {"kind", "token"}};
        // Rows asked about: the last token. Answers: previous, previous, first, 2 back (of 5 tokens).
        std::vector<Sample> samples{tokenSample(3, 5), tokenSample(3, 5), tokenSample(0, 5), tokenSample(2, 5)};
        ExerciseReport r = summarize("s", def, samples);
        QCOMPARE(r.strategies.at("previous token"), 0.5);
        QCOMPARE(r.strategies.at("first token"), 0.25);
        QCOMPARE(r.strategies.at("middle"), 0.25); // token 2 of 0..4
        QCOMPARE(r.chance, 0.2);
        QCOMPARE(r.answers.at("previous token"), 2);
        QCOMPARE(r.answers.at("2 tokens back"), 1);
        // Numbers: chance is the share of the corpus the tolerance covers, averaged over the texts.
        const QJsonObject num{{"id", "n"}, {"kind", "number"}};
        std::vector<Sample> ns(4);
        const double values[] = {1, 2, 2, 10};
        for (int i = 0; i < 4; ++i) {
            ns[size_t(i)].answer.kind = "number";
            ns[size_t(i)].answer.answer = QString::number(values[i]);
            ns[size_t(i)].answer.tolerance = 1;
        }
        r = summarize("s", num, ns);
        QCOMPARE(r.chance, (3.0 + 3 + 3 + 1) / 16);
        QCOMPARE(r.strategies.at("corpus median"), 0.75); // median 2: right for 1, 2, 2
    }

    void nearTiesTheGraderRefuses() {
        ExerciseAnswer a;
        a.extreme = "most";
        a.scores = {{"1.0", 0.5}, {"1.1", 0.3}, {"1.2", 0.1}};
        a.accept = {"1.0"};
        QCOMPARE(refusedNearTies(a).size(), 1); // 0.3 is within 2x of 0.5
        a.accept = {"1.0", "1.1"};
        QVERIFY(refusedNearTies(a).isEmpty());
        a.extreme = "least";
        a.scores = {{"1.0", 0.001}, {"1.1", 0.0015}, {"1.2", 0.01}};
        a.accept = {"1.0"};
        QCOMPARE(refusedNearTies(a).size(), 1);
        // The engine's own rule accepts exactly those.
        QVERIFY(answers::nearBest(0.3, 0.5, true) && !answers::nearBest(0.24, 0.5, true));
        QVERIFY(answers::nearBest(0.0015, 0.001, false) && !answers::nearBest(0.0021, 0.001, false));
    }

    void thresholds() {
        Report report;
        ExerciseReport ok;
        ok.station = "s";
        ok.id = "fine";
        ok.computed = 10;
        ok.answers = {{"a", 5}, {"b", 5}};
        ok.chance = 0.5;
        ok.strategies = {{"first option", 0.7}};
        report.exercises.push_back(ok);
        QVERIFY(check(report).isEmpty());
        ExerciseReport bad = ok;
        bad.id = "bad";
        bad.answers = {{"a", 7}, {"b", 3}};          // 70% > 60%
        bad.strategies = {{"first option", 0.71}};  // 21 points above chance
        bad.leaks = {"1234 in [prose] ..."};
        bad.refusedNearTies = 2;
        report.exercises.push_back(bad);
        QCOMPARE(check(report).size(), 4);
        // Surprise cards: exempt from the first two, at most one per station, explain names the usual answer.
        report.exercises.pop_back();
        ExerciseReport s1 = bad;
        s1.id = "s1";
        s1.surprise = true;
        s1.leaks.clear();
        s1.refusedNearTies = 0;
        s1.usual = "More than 1,000";
        s1.explain = "More than 1,000 is the usual result.";
        report.exercises.push_back(s1);
        QVERIFY(check(report).isEmpty());
        ExerciseReport s2 = s1;
        s2.id = "s2";
        s2.explain = "Nothing said.";
        report.exercises.push_back(s2);
        QCOMPARE(check(report).size(), 2); // two surprises in one station; s2 does not say why
        // Station 7's cards are not held to the thresholds.
        report.exercises.clear();
        ExerciseReport run = bad;
        run.trainingRun = true;
        report.exercises.push_back(run);
        QVERIFY(check(report).isEmpty());
        QVERIFY(toTable(report).contains("training run"));
    }

    void readsALessonFolder() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir root(dir.path());
        QVERIFY(root.mkpath("lessons/01-one") && root.mkpath("lessons/_skip") && root.mkpath("qml/stations/one"));
        auto write = [&](const QString& path, const QByteArray& text) {
            QFile f(root.filePath(path));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write("lessons/01-one/station.json", R"({"id":"one","order":1,"presets":[{"title":"t","text":"A preset."}]})");
        write("lessons/01-one/exercises.json", R"([{"id":"e1","kind":"number","compute":"x"}])");
        write("lessons/01-one/prose.md", "The prose.");
        write("lessons/_skip/station.json", R"({"id":"skip","order":0})");
        write("qml/stations/one/OnePage.qml", "Text { text: qsTr(\"A \\\"caption\\\" of 1234\") }");
        write("texts.txt", "first\n\n  \nsecond line\n");
        const std::vector<Station> st = readStations(root.filePath("lessons"), root.filePath("qml"));
        QCOMPARE(int(st.size()), 1);
        QCOMPARE(st[0].id, QStringLiteral("one"));
        QCOMPARE(st[0].presets, QStringList{"A preset."});
        QCOMPARE(st[0].exercises.size(), 1);
        QVERIFY(st[0].pageTexts.contains("[prose] The prose."));
        QVERIFY(st[0].pageTexts.contains("[OnePage.qml] A \"caption\" of 1234"));
        QCOMPARE(readTexts(root.filePath("texts.txt")), (QStringList{"first", "second line"}));
    }
};

QTEST_GUILESS_MAIN(TestExerciseAudit)
#include "test_exercise_audit.moc"
