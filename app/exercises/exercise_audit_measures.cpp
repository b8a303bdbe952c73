// The exercise audit's measures of one sample: how its answer is named across texts, the guesses
// that need no knowledge, the chance of a uniform guess, the near-ties its grader refuses and
// where its answer is visible before the commit (exercise_audit.h).
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "exercise_audit.h"

namespace course::audit {

int askedRow(const ExerciseAnswer& a, int tokens) { return a.row >= 0 ? a.row : tokens - 1; }

namespace {

QStringList optionValues(const QJsonObject& def) {
    QStringList out;
    for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
        out << o.toObject().value(QStringLiteral("value")).toString();
    return out;
}

// A number worth looking for in prose: one or two digits turn up everywhere ("layer 2", "Station 3")
// and tell nothing, so only numbers of ten or more and fractions count.
bool specificNumber(const QString& text) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok && std::isfinite(v) && (std::abs(v) >= 10 || v != std::floor(v));
}

// `needle` as a whole number in `hay`: not part of a longer number ("32" not in "320" or "0.32"),
// nor a head's name ("head 3.3").
int findNumber(const QString& hay, const QString& needle) {
    const QRegularExpression re(QStringLiteral(R"((?<![\d.,])(?<![Hh]ead )%1(?![\d]|[.,]\d))").arg(QRegularExpression::escape(needle)));
    const QRegularExpressionMatch m = re.match(hay);
    return m.hasMatch() ? int(m.capturedStart()) : -1;
}

QString around(const QString& text, int at, int len) {
    const int from = std::max(0, at - 40);
    return text.mid(from, at - from + len + 40).simplified();
}

// The tokens a token question offers: those it measured (answer.scores), else every token up to
// the row it asks about.
QStringList offeredTokens(const Sample& s) {
    QList<int> idx;
    for (auto it = s.answer.scores.begin(); it != s.answer.scores.end(); ++it) idx << it.key().toInt();
    if (idx.isEmpty())
        for (int j = 0; j <= askedRow(s.answer, s.tokens); ++j) idx << j;
    std::sort(idx.begin(), idx.end());
    QStringList out;
    for (int j : idx) out << QString::number(j);
    return out;
}

// Texts on the page whatever the model computes (the prose, the QML captions), as opposed to the
// cards' texts computed for this text.
bool isStatic(const QString& visible) {
    const QString tag = visible.section(QLatin1Char(']'), 0, 0);
    return tag == QLatin1String("[prose") || tag.endsWith(QLatin1String(".qml")) || tag.endsWith(QLatin1String(" prompt")) ||
           tag.endsWith(QLatin1String(" intro")) || tag.endsWith(QLatin1String(" explain"));
}
bool isReveal(const QString& visible) {
    const QString tag = visible.section(QLatin1Char(']'), 0, 0);
    return tag.endsWith(QLatin1String(" answer")) || tag.endsWith(QLatin1String(" detail")) ||
           tag.endsWith(QLatin1String(" note")) || tag.endsWith(QLatin1String(" explain"));
}

} // namespace

QString answerKey(const ExerciseAnswer& a, int tokens) {
    if (a.kind != QLatin1String("token"))
        return a.answer;
    const int q = askedRow(a, tokens), j = a.answer.toInt();
    if (j == 0) return QStringLiteral("first token");
    if (j == q) return QStringLiteral("the token itself");
    if (j == q - 1) return QStringLiteral("previous token");
    if (j > q) return QStringLiteral("a later token");
    return QStringLiteral("%1 tokens back").arg(q - j);
}

std::map<QString, QString> strategyGuesses(const QJsonObject& def, const Sample& s, const QString& median) {
    const ExerciseAnswer& a = s.answer;
    std::map<QString, QString> g;
    const QString kind = a.kind;
    QStringList offered; // the choices in the order the card offers them
    if (kind == QLatin1String("option")) offered = optionValues(def);
    else if (kind == QLatin1String("head")) for (const QVariant& v : a.choices) offered << v.toString();
    else if (kind == QLatin1String("token") || kind == QLatin1String("cell"))
        offered = offeredTokens(s);
    if (!offered.isEmpty()) {
        g[QStringLiteral("first option")] = offered.first();
        // The middle of an even list is either of two; the better of them is reported (middle2).
        g[QStringLiteral("middle")] = offered[(offered.size() - 1) / 2];
        if (offered.size() % 2 == 0) g[QStringLiteral("middle2")] = offered[offered.size() / 2];
    }
    if (kind == QLatin1String("token")) {
        const int q = askedRow(a, s.tokens);
        g[QStringLiteral("previous token")] = QString::number(std::max(0, q - 1));
        g[QStringLiteral("first token")] = QStringLiteral("0");
    }
    if (kind == QLatin1String("number") && !median.isEmpty())
        g[QStringLiteral("corpus median")] = median;
    if (!s.previousAnswer.isEmpty() && s.previousKind == kind)
        g[QStringLiteral("previous card")] = s.previousAnswer;
    return g;
}

double sampleChance(const QJsonObject& def, const Sample& s) {
    const ExerciseAnswer& a = s.answer;
    if (a.kind == QLatin1String("option")) {
        const QStringList values = optionValues(def);
        int right = 0;
        for (const QString& v : values) right += a.accept.contains(v);
        return values.isEmpty() ? 0 : double(right) / values.size();
    }
    if (a.kind == QLatin1String("head")) {
        const int n = a.choices.isEmpty() ? a.layers * a.heads : int(a.choices.size());
        return n > 0 ? double(a.accept.size()) / n : 0;
    }
    if (a.kind == QLatin1String("token") || a.kind == QLatin1String("cell")) {
        const QStringList offered = offeredTokens(s);
        int right = 0;
        for (const QString& v : a.accept) right += offered.contains(v);
        return offered.isEmpty() ? 0 : double(right) / offered.size();
    }
    return 0; // numbers: from the corpus, in summarize()
}

QStringList refusedNearTies(const ExerciseAnswer& a) {
    QStringList out;
    if (a.scores.isEmpty() || (a.extreme != QLatin1String("most") && a.extreme != QLatin1String("least")))
        return out;
    const bool most = a.extreme == QLatin1String("most");
    double best = most ? -INFINITY : INFINITY;
    for (auto it = a.scores.begin(); it != a.scores.end(); ++it)
        best = most ? std::max(best, it.value().toDouble()) : std::min(best, it.value().toDouble());
    for (auto it = a.scores.begin(); it != a.scores.end(); ++it) {
        const double v = it.value().toDouble();
        const bool near = most ? v * 2 >= best : v <= best * 2;
        if (near && !a.accept.contains(it.key()))
            out << QStringLiteral("%1 (%2 against the best %3)").arg(it.key(), QString::number(v, 'g', 3), QString::number(best, 'g', 3));
    }
    return out;
}

QStringList findLeaks(const QJsonObject& def, const ExerciseAnswer& a, const QStringList& visible, bool constant) {
    QStringList out;
    auto lookText = [&](const QString& needle, Qt::CaseSensitivity cs) {
        for (const QString& t : visible) {
            // An option's label is shared by the cards that offer the same ranges; another card's
            // reveal naming it says nothing about this card's answer.
            if (a.kind == QLatin1String("option") && isReveal(t)) continue;
            const int at = int(t.indexOf(needle, 0, cs));
            if (at >= 0) out << QStringLiteral("%1 in %2").arg(needle, around(t, at, int(needle.size())));
        }
    };
    auto lookNumber = [&](const QString& n) {
        if (!specificNumber(n)) return;
        for (const QString& t : visible) {
            // A number in the prose can only state an answer that is the same on most texts.
            if (isStatic(t) && !constant) continue;
            const int at = findNumber(t, n);
            if (at >= 0) out << QStringLiteral("%1 in %2").arg(n, around(t, at, int(n.size())));
        }
    };
    if (a.kind == QLatin1String("token")) {
        const int j = a.answer.toInt();
        if (j >= 0 && j < a.choices.size())
            lookText(QStringLiteral("“%1”").arg(a.choices[j].toString()), Qt::CaseSensitive);
    } else if (a.kind == QLatin1String("number")) {
        lookNumber(a.answer);
    } else if (a.kind == QLatin1String("head")) {
        const QRegularExpression re(QStringLiteral(R"((?<![\d.])%1(?![\d]|\.\d))").arg(QRegularExpression::escape(a.answer)));
        for (const QString& t : visible) {
            if (isStatic(t) && !constant) continue;
            const QRegularExpressionMatch m = re.match(t);
            if (m.hasMatch()) out << QStringLiteral("head %1 in %2").arg(a.answer, around(t, int(m.capturedStart()), int(a.answer.size())));
        }
    } else if (a.kind == QLatin1String("option")) {
        if (!a.measured.isEmpty()) lookNumber(a.measured);
        // A range's label ("more than 1,000") names the answer; a word such as "yes" does not.
        for (const QJsonValue& o : def.value(QStringLiteral("options")).toArray())
            if (o.toObject().value(QStringLiteral("value")).toString() == a.answer) {
                const QString label = o.toObject().value(QStringLiteral("label")).toString();
                if (label.contains(QRegularExpression(QStringLiteral("\\d"))) && label.size() >= 5)
                    lookText(label, Qt::CaseInsensitive);
            }
    }
    out.removeDuplicates();
    return out;
}

} // namespace course::audit
