// The exercise audit's verdict and its two printed forms: the thresholds (check), JSON and a
// Markdown table (exercise_audit.h).
#include <QJsonArray>
#include <map>

#include "exercise_audit.h"

namespace course::audit {
namespace {

QString fmt(double v) { return QString::number(v, 'f', 2); }

} // namespace

QStringList check(const Report& report) {
    QStringList out;
    std::map<QString, int> surprises;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) continue;
        const QString who = r.station + QLatin1Char('/') + r.id;
        if (!r.errors.isEmpty())
            out << QStringLiteral("%1: could not run on every text (%2)").arg(who, r.errors.join(QStringLiteral("; ")));
        if (r.computed - r.example <= 0) {
            out << QStringLiteral("%1: no text of its own to answer on").arg(who);
            continue;
        }
        if (r.surprise) {
            ++surprises[r.station];
            const QString usual = r.usual;
            if (!r.explain.contains(usual, Qt::CaseInsensitive))
                out << QStringLiteral("%1: a surprise card whose explain does not name its usual answer \"%2\"").arg(who, usual);
        } else {
            if (r.mostCommonShare() > kMaxMostCommon + 1e-9)
                out << QStringLiteral("%1: its most common answer \"%2\" covers %3 of the texts (at most %4)")
                           .arg(who, r.mostCommon(), fmt(r.mostCommonShare()), fmt(kMaxMostCommon));
            for (const auto& [name, rate] : r.strategies)
                if (rate > r.chance + kMaxAboveChance + 1e-9)
                    out << QStringLiteral("%1: the strategy \"%2\" is right on %3 of the texts, chance %4")
                               .arg(who, name, fmt(rate), fmt(r.chance));
        }
        for (const QString& leak : r.leaks) out << QStringLiteral("%1: leak: %2").arg(who, leak);
        if (r.refusedNearTies > 0)
            out << QStringLiteral("%1: refuses a near-tie on %2 texts").arg(who).arg(r.refusedNearTies);
    }
    for (const auto& [station, n] : surprises)
        if (n > 1) out << QStringLiteral("%1: %2 surprise cards (at most one)").arg(station).arg(n);
    return out;
}

QJsonObject toJson(const Report& report) {
    QJsonArray list, training;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) {
            training << QJsonObject{{QStringLiteral("station"), r.station}, {QStringLiteral("id"), r.id}};
            continue;
        }
        QJsonObject answers, strategies;
        for (const auto& [k, n] : r.answers) answers.insert(k, n);
        for (const auto& [k, v] : r.strategies) strategies.insert(k, v);
        QJsonArray leaks;
        for (const QString& l : r.leaks) leaks << l;
        list << QJsonObject{{QStringLiteral("station"), r.station}, {QStringLiteral("id"), r.id},
                            {QStringLiteral("answers"), answers}, {QStringLiteral("chance"), r.chance},
                            {QStringLiteral("strategies"), strategies}, {QStringLiteral("leaks"), leaks},
                            {QStringLiteral("refused_near_ties"), r.refusedNearTies}, {QStringLiteral("surprise"), r.surprise}};
    }
    QJsonObject out{{QStringLiteral("model"), report.model}, {QStringLiteral("texts"), report.texts},
                    {QStringLiteral("exercises"), list}};
    if (!training.isEmpty()) out.insert(QStringLiteral("training_run"), training);
    return out;
}

QString toTable(const Report& report) {
    QString out = QStringLiteral("| station | exercise | most common answer | chance | best strategy | leaks | refused near-ties |\n"
                                 "|---|---|---|---|---|---|---|\n");
    QStringList training;
    for (const ExerciseReport& r : report.exercises) {
        if (r.trainingRun) { training << r.id; continue; }
        QString best = QStringLiteral("–");
        double rate = -1;
        for (const auto& [name, v] : r.strategies)
            if (v > rate) { rate = v; best = QStringLiteral("%1 %2").arg(name, fmt(v)); }
        out += QStringLiteral("| %1 | %2%3 | %4 (%5) | %6 | %7 | %8 | %9 |\n")
                   .arg(r.station, r.id, r.surprise ? QStringLiteral(" (surprise)") : QString(), r.mostCommon(),
                        fmt(r.mostCommonShare()), fmt(r.chance), best)
                   .arg(r.leaks.size()).arg(r.refusedNearTies);
    }
    if (!training.isEmpty())
        out += QStringLiteral("\nAnswered by a training run, not the loaded model (not graded against these thresholds): %1\n")
                   .arg(training.join(QStringLiteral(", ")));
    return out;
}

} // namespace course::audit
