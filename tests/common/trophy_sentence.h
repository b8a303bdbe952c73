// The sentence the engine's tests run the fixture model on, as GPT-2 token ids:
// "The trophy didn't fit in the suitcase because it was too big."
#pragma once
#include <vector>

namespace testing_support {

inline const std::vector<int> kTrophyIds = {464, 16383, 1422, 470, 4197, 287, 262, 45391, 780, 340, 373, 1165, 1263, 13};

} // namespace testing_support
