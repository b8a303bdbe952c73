#include "figure_words.h"

#include <QCoreApplication>
#include <QLocale>
#include <QVariantMap>
#include <cmath>

namespace figure_words {

QString number(double v, int decimals) {
    return QLocale().toString(v, 'f', decimals);
}

QString token(const QString& text) {
    // The labs mark a token's leading space with a middle dot for the eye; a listener needs neither.
    QString t = text;
    t.replace(QChar(0x00B7), QLatin1Char(' '));
    t = t.trimmed();
    return QStringLiteral("'%1'").arg(t.isEmpty() ? text : t);
}

Peak rowPeak(const QList<qreal>& pattern, int size, int row) {
    Peak best;
    if (size <= 0 || row < 0 || row >= size || pattern.size() < qsizetype(size) * size)
        return best;
    for (int c = 0; c < size; ++c) {
        const double w = pattern[qsizetype(row) * size + c];
        if (std::isfinite(w) && (best.column < 0 || w > best.weight))
            best = {c, w};
    }
    return best;
}

Peak listPeak(const QVariantList& weights) {
    Peak best;
    for (int c = 0; c < weights.size(); ++c) {
        const double w = weights[c].toDouble();
        if (std::isfinite(w) && (best.column < 0 || w > best.weight))
            best = {c, w};
    }
    return best;
}

QString attendsMost(int layer, int head, const QStringList& tokens, int row, const Peak& peak) {
    if (row < 0 || row >= tokens.size() || peak.column < 0 || peak.column >= tokens.size())
        return QCoreApplication::translate("FigureWords", "Layer %1, head %2: no pattern yet.").arg(layer).arg(head);
    return QCoreApplication::translate("FigureWords", "Layer %1, head %2: the token %3 attends most to %4 (%5).")
        .arg(layer).arg(head).arg(token(tokens[row]), token(tokens[peak.column]), number(peak.weight));
}

QString topTokens(const QVariantList& entries, int n) {
    QStringList parts;
    for (int i = 0; i < entries.size() && i < n; ++i) {
        const QVariantMap e = entries[i].toMap();
        parts << token(e.value(QStringLiteral("token")).toString()) + QLatin1Char(' ')
                     + number(e.value(QStringLiteral("p")).toDouble());
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace figure_words
