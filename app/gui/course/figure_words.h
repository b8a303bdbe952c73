// Pieces of the sentences a screen reader reads for a figure (its accessible description): each
// lab builds its figure's sentence from its own data with tr(), and these keep the numbers and
// tokens in them alike across the course. Numbers follow the interface language (QLocale()), so
// German reads 0,62; nothing computed or saved goes through here.
#pragma once
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace figure_words {

// `v` with `decimals` digits after the decimal separator of the interface language.
QString number(double v, int decimals = 2);

// A token as a listener should hear it: in quotes, without its surrounding spaces (or the middle
// dot that marks a leading space on screen).
QString token(const QString& text);

// The key a query row attends to most in a T x T row-major pattern (NaN or masked cells skipped):
// {column, weight}, or {-1, 0} when the row is empty or out of range.
struct Peak {
    int column = -1;
    double weight = 0;
};
Peak rowPeak(const QList<qreal>& pattern, int size, int row);
Peak listPeak(const QVariantList& weights);

// "Layer 5, head 1: the last token 'to' attends most to 'Mary' (0.62)." for a pattern's row.
QString attendsMost(int layer, int head, const QStringList& tokens, int row, const Peak& peak);

// The first `n` entries of a [{token, p}] list as "'Mary' 0.41, 'John' 0.12".
QString topTokens(const QVariantList& entries, int n = 3);

} // namespace figure_words
