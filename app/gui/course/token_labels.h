// Tokens as the course's figures label them (course::tokenLabel: a leading space as "·", a line
// break as "⏎"), as the strings QML shows.
#pragma once
#include <QStringList>
#include <vector>

#include "attention_lens/model.h"

namespace course {

QStringList tokenLabels(const al::Model& model, const std::vector<int>& ids);

} // namespace course
