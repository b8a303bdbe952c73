#include "screenshot_reveal.h"

#include <QJSEngine>
#include <QJSValue>
#include <QQuickItem>

namespace {

// Exercise cards are named "exercise:<id>" (ExerciseList.qml) and shown inside the frames of the
// figures they ask about, so walk the visual tree.
void collectCards(QQuickItem* item, QList<QQuickItem*>& out) {
    if (item->objectName().startsWith(QLatin1String("exercise:")))
        out.append(item);
    for (QQuickItem* child : item->childItems())
        collectCards(child, out);
}

} // namespace

RevealCount revealAllPredictions(QJSEngine& engine, QQuickItem* root) {
    if (!root)
        return {};
    QList<QQuickItem*> cards;
    collectCards(root, cards);
    // The same steps a learner takes: Start (where asked), pick, commit.
    QJSValue commit = engine.evaluate(QStringLiteral(
        "(function (card) {"
        "  if (card.needsStart && !card.started) card.started = true;"
        "  const a = card.answer;"
        "  if (!card.revealed && card.errorText) return 'refused';"
        "  if (card.revealed || !a || a.kind === undefined) return card.revealed === true;"
        "  const pick = a.kind === 'option' ? (a.choices && a.choices.length ? a.choices[0].value : '')"
        "                                   : (a.accept && a.accept.length ? String(a.accept[0]) : '');"
        "  if (pick === '') return false;"
        "  card.prediction = pick;"
        "  card.commit();"
        "  return card.revealed === true;"
        "})"));
    RevealCount count;
    count.cards = int(cards.size());
    for (QQuickItem* card : cards) {
        const QJSValue r = commit.call({engine.newQObject(card)});
        if (r.isString())
            ++count.refused;
        else if (r.toBool())
            ++count.revealed;
    }
    return count;
}
