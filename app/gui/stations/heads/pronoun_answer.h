// Station 3's pronoun card (exercise function "pronoun_target"), registered with the station's
// other answers in exercise_answers_heads.cpp.
#pragma once
#include "exercise_context.h"

namespace course::answers {

ExerciseAnswer pronounTarget(const Ctx& c);

} // namespace course::answers
