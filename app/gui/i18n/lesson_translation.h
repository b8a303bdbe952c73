// A lesson's texts in another language, laid over the English data. Only texts are replaced
// (titles, goals, prompts, explanations, option labels, the "why" of a preset); ids, computes,
// params, veils and option values always come from the English file, so an exercise's answer
// cannot depend on the language. Anything a translation lacks stays English.
//
//   station.LANG.json    {"title", "goal", "presets": [{"title", "why"}, ...]}   (presets by index)
//   exercises.LANG.json  {"<exercise id>": {"prompt", "intro", "explain", "options": {"<value>": "label"}}}
//   glossary.LANG.json   {"<term id>": {"term", "definition"}}
//   known-heads.LANG.json {"about", "roles": {"<role>": {"title", "what", "check"}},
//                         "sources": {"<id>": {"short", "full"}}, "presets": [{"title", "why"}]}
//   prose.LANG.md        the whole prose
#pragma once
#include <QJsonArray>
#include <QJsonObject>

namespace lesson_translation {

QJsonObject station(QJsonObject english, const QJsonObject& translated);
QJsonArray exercises(QJsonArray english, const QJsonObject& translated);
QJsonObject glossaryEntry(QJsonObject english, const QJsonObject& translated);
// Station 3's known heads: the heads, their roles' ids and the sources' ids stay English.
QJsonObject knownHeads(QJsonObject english, const QJsonObject& translated);

} // namespace lesson_translation
