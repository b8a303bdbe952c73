// The exercise audit's run: every exercise on every text, and each exercise's samples summed up
// into its report (exercise_audit.h). Its inputs are read in exercise_audit_read.cpp, the
// measures of one sample are in exercise_audit_measures.cpp, the thresholds and printed forms in
// exercise_audit_report.cpp.
#include "exercise_audit.h"

#include <algorithm>
#include <set>

#include "course_math.h"
#include "model_placeholders.h"

namespace course::audit {
namespace {

bool isTrainingRun(const QJsonObject& def) { return def.value(QStringLiteral("compute")).toString() == QLatin1String("training_run"); }

} // namespace

double ExerciseReport::mostCommonShare() const {
    int total = 0, top = 0;
    for (const auto& [k, n] : answers) { total += n; top = std::max(top, n); }
    return total > 0 ? double(top) / total : 0;
}

QString ExerciseReport::mostCommon() const {
    QString best;
    int top = -1;
    for (const auto& [k, n] : answers)
        if (n > top) { top = n; best = k; }
    return best;
}

ExerciseReport summarize(const QString& station, const QJsonObject& def, const std::vector<Sample>& samples) {
    ExerciseReport r;
    r.station = station;
    r.id = def.value(QStringLiteral("id")).toString();
    r.surprise = def.value(QStringLiteral("surprise")).toBool(false);
    r.explain = def.value(QStringLiteral("explain")).toString();
    r.trainingRun = isTrainingRun(def);
    std::vector<const Sample*> used;
    for (const Sample& s : samples) {
        ++r.computed;
        if (s.answer.example) { ++r.example; continue; } // not the text's own answer
        used.push_back(&s);
    }
    if (used.empty()) return r;
    const bool number = used.front()->answer.kind == QLatin1String("number");
    QString median;
    if (number) {
        std::vector<double> v;
        for (const Sample* s : used) v.push_back(s->answer.answer.toDouble());
        std::sort(v.begin(), v.end());
        median = QString::number(v[v.size() / 2], 'g', 6);
    }
    std::map<QString, int> hits;
    std::set<QString> names;
    double chance = 0;
    QStringList leaks;
    for (const Sample* s : used) {
        ++r.answers[answerKey(s->answer, s->tokens)];
        r.values << (s->answer.measured.isEmpty() ? s->answer.answer : s->answer.measured);
    }
    for (const Sample* s : used) {
        for (const auto& [name, guess] : strategyGuesses(def, *s, median)) {
            names.insert(name);
            hits[name] += gradePrediction(s->answer, guess);
        }
        if (number) {
            int covered = 0;
            for (const Sample* o : used) covered += gradePrediction(s->answer, o->answer.answer);
            chance += double(covered) / used.size();
        } else {
            chance += sampleChance(def, *s);
        }
        r.refusedNearTies += !refusedNearTies(s->answer).isEmpty();
        const bool constant = 2 * r.answers[answerKey(s->answer, s->tokens)] >= int(used.size());
        leaks << findLeaks(def, s->answer, s->visible, constant);
    }
    r.chance = chance / used.size();
    for (const QString& name : names) r.strategies[name] = double(hits[name]) / used.size();
    if (r.strategies.count(QStringLiteral("middle2"))) { // the better of an even list's two middles
        r.strategies[QStringLiteral("middle")] = std::max(r.strategies[QStringLiteral("middle")], r.strategies[QStringLiteral("middle2")]);
        r.strategies.erase(QStringLiteral("middle2"));
    }
    leaks.removeDuplicates();
    r.leaks = leaks;
    r.usual = r.mostCommon();
    for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
        if (o.toObject().value(QStringLiteral("value")).toString() == r.usual)
            r.usual = o.toObject().value(QStringLiteral("label")).toString();
    return r;
}

Report run(const std::vector<Station>& stations, al::Runner& runner, const QStringList& texts,
           const std::function<void(const QString&)>& progress) {
    Report report;
    report.texts = int(texts.size());
    const QVariantMap sizes = modelSizes(&runner.model().config());
    for (const Station& st : stations) {
        const int n = int(st.exercises.size());
        std::vector<std::vector<Sample>> samples(static_cast<size_t>(n));
        std::vector<QStringList> errors(static_cast<size_t>(n));
        for (int t = 0; t < texts.size(); ++t) {
            if (progress) progress(QStringLiteral("%1: text %2 of %3").arg(st.id).arg(t + 1).arg(texts.size()));
            const std::vector<int> ids = tokenize(runner.model(), texts[t].toStdString(), kTokenCap);
            std::vector<ExerciseAnswer> answers(static_cast<size_t>(n));
            std::vector<bool> ok(static_cast<size_t>(n), false);
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                if (isTrainingRun(def)) continue;
                try {
                    answers[size_t(k)] = computeExercise(def, runner, ids);
                    ok[size_t(k)] = true;
                } catch (const NotAskable&) {
                    // Refused with its reason on the card: counted with the example sentences.
                    answers[size_t(k)] = ExerciseAnswer{};
                    answers[size_t(k)].example = true;
                    ok[size_t(k)] = true;
                } catch (const std::exception& e) {
                    if (errors[size_t(k)].size() < 3) errors[size_t(k)] << QStringLiteral("%1: %2").arg(texts[t].left(40), QString::fromUtf8(e.what()));
                }
            }
            // What every card shows before any commit: the page (its lesson texts with the loaded
            // model's sizes filled in, as the page shows them), and each card's question.
            QStringList before;
            for (const QString& text : st.pageTexts)
                before << fillModelPlaceholders(text, sizes);
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                const QString id = def.value(QStringLiteral("id")).toString();
                for (const char* key : {"prompt", "intro"})
                    if (def.contains(QLatin1String(key)))
                        before << QStringLiteral("[%1 %2] ").arg(id, QLatin1String(key)) + def.value(QLatin1String(key)).toString();
                if (ok[size_t(k)] && !answers[size_t(k)].promptText.isEmpty())
                    before << QStringLiteral("[%1 question] ").arg(id) + answers[size_t(k)].promptText;
            }
            for (int k = 0; k < n; ++k) {
                const QJsonObject def = st.exercises[k].toObject();
                if (ok[size_t(k)]) {
                    Sample s;
                    s.answer = answers[size_t(k)];
                    s.tokens = int(ids.size());
                    if (k > 0 && ok[size_t(k - 1)]) {
                        s.previousAnswer = answers[size_t(k - 1)].answer;
                        s.previousKind = answers[size_t(k - 1)].kind;
                    }
                    s.visible = before;
                    if (s.answer.kind == QLatin1String("token")) // its own question names the token asked about
                        s.visible.removeAll(QStringLiteral("[%1 question] ").arg(def.value(QStringLiteral("id")).toString()) + s.answer.promptText);
                    samples[size_t(k)].push_back(std::move(s));
                }
                // Once committed, the card's reveal is on the page for every later card.
                const QString id = def.value(QStringLiteral("id")).toString();
                before << QStringLiteral("[%1 explain] ").arg(id) + def.value(QStringLiteral("explain")).toString();
                if (ok[size_t(k)]) {
                    const ExerciseAnswer& a = answers[size_t(k)];
                    // An option's answer text is one of its labels, on the card from the start.
                    if (a.kind != QLatin1String("option")) before << QStringLiteral("[%1 answer] ").arg(id) + a.answerText;
                    before << QStringLiteral("[%1 detail] ").arg(id) + a.detail
                           << QStringLiteral("[%1 note] ").arg(id) + a.note;
                }
            }
        }
        for (int k = 0; k < n; ++k) {
            ExerciseReport r = summarize(st.id, st.exercises[k].toObject(), samples[size_t(k)]);
            r.errors = errors[size_t(k)];
            report.exercises.push_back(std::move(r));
        }
    }
    return report;
}

} // namespace course::audit
