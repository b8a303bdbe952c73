// The answers of the station template's exercises. A station registers its compute functions by
// the names the lessons' `compute` values use: the app's build calls registerStationAnswers_<id>()
// of every station in its list (app/exercises/station_answers.h); the template's test calls it
// itself, as the template is never in that list.
#pragma once

namespace course {

// Registers "template_previous_token_head": which head of a layer puts the most weight on the
// previous token ("head"; params: layer).
void registerStationAnswers_template();

} // namespace course
