// The answers of the station template's exercises. A station's compute functions are listed by
// name in the exercise engine's registry (app/gui/course/exercise_engine.cpp), where the lessons'
// `compute` values find them.
#pragma once
#include "exercise_context.h"

namespace course::answers {

// Which head of a layer puts the most weight on the previous token ("head"; params: layer).
ExerciseAnswer templatePreviousTokenHead(const Ctx& c);

} // namespace course::answers
