// How a station's compute functions reach the exercise engine: each station folder's
// exercise_answers_<id>.cpp defines registerStationAnswers_<id>(), which registers its functions by
// the names the lessons' `compute` values use (registerExerciseFunction). The build writes
// registerStationAnswers() from its station list (app/gui/stations/CMakeLists.txt): it calls each
// station's, once, before the engine first looks a name up. A new station adds its id to that list
// and nothing here.
#pragma once

namespace course {

void registerStationAnswers();

} // namespace course
