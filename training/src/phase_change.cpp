// The phase-change rule (see phase_change.h).
#include "phase_change.h"

#include <algorithm>

namespace al::train {

int phase_window_steps(int run_steps, int log_every) { return std::max({1, log_every, run_steps / 8}); }

PhaseChange find_phase_change(const std::vector<LossPoint>& points, int window_steps) {
    PhaseChange p;
    p.window_steps = window_steps;
    const size_t n = points.size();
    if (n < 2) return p;
    auto gap = [&](size_t k) { return points[k].other_loss - points[k].in_context_loss; };
    p.opening = gap(n - 1) - gap(0);
    bool any = false;
    for (size_t j = 1; j < n; j++)
        for (size_t i = j; i-- > 0 && points[j].step - points[i].step <= window_steps;) {
            const float rise = gap(j) - gap(i);
            if (!any || rise > p.rise) {
                p.rise = rise;
                p.from_step = points[i].step;
                p.to_step = points[j].step;
                any = true;
            }
        }
    p.step = any && p.rise >= kStepMinRise && p.rise >= kStepMinShare * p.opening;
    return p;
}

} // namespace al::train
