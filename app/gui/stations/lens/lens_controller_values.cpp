// LensController's value-weighted view (Kobayashi et al. 2020): the value norms of the shown head
// and of every head, computed off the GUI thread while the toggle is on.
#include "lens/lens_controller.h"

#include "attention_lens/model.h"
#include "lens/lens_export.h"

using lens::LensResultPtr;

bool LensController::valueWeightsReady() const {
    return result_ && !norms_.empty() && normsOf_.lock() == result_ && normsLayer_ == layer_ && normsHead_ == head_;
}

// The value norms of the shown head, off the GUI thread: one head's T × head_dim × n_embd
// products, a few milliseconds at GPT-2 small's shapes. A newer selection supersedes the job.
// Only while the view is on: typing with the raw weights shown does not pay for it.
void LensController::requestValueNorms() {
    if (normsJob_)
        normsJob_->cancel();
    if (valueWeightsReady())
        return;
    const bool wasReady = !norms_.empty();
    norms_.clear();
    if (wasReady)
        emit valueWeightsChanged();
    LensResultPtr r = result_;
    std::shared_ptr<const al::Model> model = r ? r->model.lock() : nullptr;
    if (!valueWeighted_ || !r || !model || r->values.empty())
        return;
    const int l = layer_, h = head_;
    auto norms = std::make_shared<std::vector<float>>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure;
    spec.name = QStringLiteral("lens-value-norms");
    spec.receiver = this;
    spec.work = [r, model, l, h, norms](compute::JobContext& ctx) {
        ctx.throwIfCancelled();
        *norms = lens::valueNorms(*model, *r, l, h);
    };
    spec.onFinished = [this, r, l, h, norms](compute::Outcome outcome, const QString&) {
        if (outcome != compute::Outcome::Done || r != result_ || l != layer_ || h != head_)
            return; // superseded; an error leaves the raw weights shown
        norms_ = std::move(*norms);
        normsOf_ = r;
        normsLayer_ = l;
        normsHead_ = h;
        emit valueWeightsChanged();
        updateWeights();
    };
    normsJob_ = compute::ComputeScheduler::instance()->submit(std::move(spec));
}

const std::vector<float>* LensController::overviewNorms() const {
    return result_ && !allNorms_.empty() && allNormsOf_.lock() == result_ ? &allNorms_ : nullptr;
}

// Every head's value norms, for the all-heads grid: 144 products of [T][64] . [64][768] at GPT-2
// small's shapes, submitted after the shown head's. Only while the toggle is on.
void LensController::requestOverviewNorms() {
    if (allNormsJob_)
        allNormsJob_->cancel();
    if (valueWeighted_ && overviewNorms())
        return;
    const bool wasReady = overviewNorms() != nullptr;
    allNorms_.clear();
    if (wasReady)
        emit overviewNormsChanged();
    LensResultPtr r = result_;
    std::shared_ptr<const al::Model> model = r ? r->model.lock() : nullptr;
    if (!valueWeighted_ || !r || !model || r->values.empty())
        return;
    auto norms = std::make_shared<std::vector<float>>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure;
    spec.name = QStringLiteral("lens-overview-norms");
    spec.receiver = this;
    spec.work = [r, model, norms](compute::JobContext& ctx) { *norms = lens::allValueNorms(*model, *r, ctx.cancelFlag()); };
    spec.onFinished = [this, r, norms](compute::Outcome outcome, const QString&) {
        if (outcome != compute::Outcome::Done || r != result_ || !valueWeighted_)
            return; // superseded; an error leaves the raw weights in the grid
        allNorms_ = std::move(*norms);
        allNormsOf_ = r;
        emit overviewNormsChanged();
    };
    allNormsJob_ = compute::ComputeScheduler::instance()->submit(std::move(spec));
}
