// The phase change of a training run, found on its loss records by one stated rule.
//
// Olsson et al. (2022) saw induction heads form within a short window of training, while the loss
// on text that repeats itself fell at the same moment. In the training lab, a target inside a
// repeated span's second copy is as hard to predict as any other target until a model looks back
// at the first copy, so the two losses fall together at first; what sets the in-context loss apart
// is the gap, other loss minus in-context loss. The rule asks how suddenly that gap opened:
//
//   * the gap's opening over the run is the gap at the last record minus the gap at the first;
//   * the steepest window is the pair of records at most `window_steps` apart (an eighth of the
//     run: 250 of 2,000 steps) across which the gap grew the most;
//   * the loss fell in a step when the gap grew by at least kStepMinRise nats within that window
//     and that was at least kStepMinShare of its opening over the run. An even opening puts an
//     eighth of it into any such window; a step puts at least half into one, and 1 nat keeps a
//     small wobble of a gap that hardly opened from counting.
//
// The window is reported whether or not the rule holds (so a figure can say how close it came).
// On a run still training the rule reads the records so far, so the window can move as the gap
// keeps opening.
#pragma once

#include <vector>

namespace al::train {

constexpr float kStepMinRise = 1.0f;   // nats
constexpr float kStepMinShare = 0.5f;  // of the gap's opening over the run

struct LossPoint {
    int step = 0;
    float in_context_loss = 0.0f;
    float other_loss = 0.0f;
};

struct PhaseChange {
    bool step = false;      // the rule holds
    int from_step = -1;     // the steepest window: the records' steps (-1: fewer than 2 records)
    int to_step = -1;
    float rise = 0.0f;      // how far the gap grew across that window (nats)
    float opening = 0.0f;   // how far it grew from the first record to the last (nats)
    int window_steps = 0;   // the longest window looked at
};

// The window a run of run_steps, recorded every log_every steps, is read with: an eighth of the
// run, and never less than the steps between two records.
int phase_window_steps(int run_steps, int log_every);

// points oldest first, at increasing steps.
PhaseChange find_phase_change(const std::vector<LossPoint>& points, int window_steps);

} // namespace al::train
