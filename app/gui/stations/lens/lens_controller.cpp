#include "lens/lens_controller.h"

#include <QElapsedTimer>
#include <QLocale>
#include <mutex>
#include <QStringList>
#include <algorithm>
#include <climits>
#include <limits>
#include <QSizeF>
#include <cmath>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "course_math.h"
#include "figure_words.h"
#include "lens/lens_export.h"
#include "storage/state_file.h"
#include "model_hub.h"

using lens::LensResult;
using lens::LensResultPtr;

namespace {

std::vector<lens::HeadStats> headStats(const al::AttentionStore& att, int T) {
    std::vector<lens::HeadStats> stats(size_t(att.n_layer()) * att.n_head());
    if (T < 1)
        return stats;
    for (int l = 0; l < att.n_layer(); ++l)
        for (int h = 0; h < att.n_head(); ++h) {
            const std::vector<float> A = att.dense(l, h); // [T][T]
            lens::HeadStats& s = stats[size_t(l) * att.n_head() + h];
            s.firstToken = al::census::first_token(A, T);
            if (T >= 2) {
                // Row 1 is left out as the card does (exercise_answers_lens.cpp): its previous token is
                // the first token, where many heads rest whatever the text.
                s.previousToken = al::census::previous_token(A, T, T >= 3);
                s.entropyNf = al::census::mean_entropy(A, T, true);
            }
        }
    return stats;
}

} // namespace

// Owns the Runner (its cached keys/values make typing cheap); jobs take the mutex to use it.
class LensWorker {
public:
    std::mutex mutex;
    std::unique_ptr<al::Runner> runner;
    std::shared_ptr<const al::Model> runnerModel;

    al::Runner& runnerFor(const std::shared_ptr<const al::Model>& model) {
        if (!runner || runnerModel != model) {
            runner = std::make_unique<al::Runner>(model);
            runnerModel = model;
        }
        return *runner;
    }

    // Tokenizes (unless ids are given), runs the forward and gathers what the lens shows.
    LensResultPtr compute(const std::shared_ptr<const al::Model>& model, const QString& text,
                          bool useIds, std::vector<int> ids, quint64 generation, bool keepValues,
                          const std::atomic<bool>* cancel) {
        QElapsedTimer timer;
        timer.start();
        auto r = std::make_shared<LensResult>();
        r->generation = generation;
        r->text = text;
        r->model = model;
        const al::Tokenizer* tok = model->tokenizer();
        if (!useIds) {
            if (!tok)
                throw al::Error("this model has no tokenizer (vocab.json and merges.txt)");
            const QByteArray utf8 = text.toUtf8();
            ids = tok->encode(std::string_view(utf8.constData(), size_t(utf8.size())));
        }
        // The lens reads the same tokens as every other figure and exercise of the course.
        const int maxT = std::min(model->config().n_positions, course::kTokenCap);
        if (int(ids.size()) > maxT) {
            r->truncatedFrom = int(ids.size());
            ids.resize(size_t(maxT));
        }
        r->ids = ids;
        r->nLayer = model->config().n_layer;
        r->nHead = model->config().n_head;
        const int T = int(ids.size());
        std::vector<bool> cont = tok && T > 0 ? tok->continues_word(ids) : std::vector<bool>(size_t(T), false);
        r->tokens.reserve(size_t(T));
        for (int i = 0; i < T; ++i) {
            lens::TokenInfo t;
            if (tok) {
                const bool special = tok->is_special(ids[i]);
                t = lens::describeToken(tok->token_bytes(ids[i]), special);
            } else {
                t.text = QStringLiteral("#%1").arg(ids[i]);
            }
            t.id = ids[i];
            t.continuesWord = i < int(cont.size()) && cont[size_t(i)];
            r->tokens.push_back(t);
        }
        if (T > 0) {
            al::ForwardOptions opt;
            opt.keep_scores = false;
            opt.keep_qkv = keepValues; // v, for the value-weighted view (it slows typing, so only while on)
            opt.last_logits = false; // the lens shows attention only
            opt.cancel = cancel;
            al::ForwardResult fwd = runnerFor(model).forward(ids, opt);
            r->attention = std::move(fwd.attention);
            r->values = std::move(fwd.v);
            r->reusedPrefix = fwd.reused_prefix;
            r->stats = headStats(r->attention, T);
        }
        r->milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return r;
    }
};

LensController::LensController(QObject* parent)
    : QObject(parent), worker_(std::make_shared<LensWorker>()) {
    connect(ModelHub::instance(), &ModelHub::modelChanged, this, &LensController::onHubModelChanged);
    model_ = ModelHub::instance()->model();
}

LensController::~LensController() {
    // Running jobs stop within one layer; they keep the worker (and its runner) alive till then.
    if (job_)
        job_->cancel();
    if (inductionJob_)
        inductionJob_->cancel();
    if (normsJob_)
        normsJob_->cancel();
}

void LensController::setFollowHub(bool on) {
    if (!assignIfChanged(followHub_, on))
        return;
    emit followHubChanged();
    if (on)
        onHubModelChanged();
}

void LensController::onHubModelChanged() {
    if (!followHub_)
        return;
    model_ = ModelHub::instance()->model();
    if (inductionJob_)
        inductionJob_->cancel();
    induction_.clear();
    emit inductionFindingChanged();
    request();
}

void LensController::setModel(std::shared_ptr<const al::Model> model) {
    followHub_ = false;
    model_ = std::move(model);
    if (inductionJob_)
        inductionJob_->cancel();
    induction_.clear();
    request();
}

void LensController::setText(const QString& text) {
    if (text == text_ && !useIds_)
        return;
    text_ = text;
    useIds_ = false;
    emit textChanged();
    request();
}

void LensController::requestIds(const std::vector<int>& ids) {
    useIds_ = true;
    ids_ = ids;
    request();
}

void LensController::request() {
    if (!model_)
        return;
    const quint64 generation = ++requested_;
    if (job_)
        job_->cancel(); // superseded: a queued job never starts, a running one stops
    emit busyChanged();
    auto model = model_;
    const QString text = text_;
    const bool useIds = useIds_;
    const std::vector<int> ids = ids_;
    const bool keepValues = valueWeighted_;
    auto worker = worker_;
    auto result = std::make_shared<LensResultPtr>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure;
    spec.name = QStringLiteral("lens");
    spec.receiver = this;
    spec.work = [worker, model, text, useIds, ids, generation, keepValues, result](compute::JobContext& ctx) {
        std::lock_guard lock(worker->mutex);
        ctx.throwIfCancelled(); // superseded while waiting for the runner
        *result = worker->compute(model, text, useIds, ids, generation, keepValues, ctx.cancelFlag());
    };
    spec.onFinished = [this, result, generation](compute::Outcome outcome, const QString& error) {
        if (outcome == compute::Outcome::Cancelled) {
            ++dropped_; // never shown: a newer request is on its way
            return;
        }
        acceptResult(outcome == compute::Outcome::Done ? *result : nullptr, error, generation);
    };
    job_ = compute::ComputeScheduler::instance()->submit(std::move(spec));
}

void LensController::acceptResult(LensResultPtr result, const QString& error, quint64 generation) {
    if (generation != requested_) {
        ++dropped_; // a newer request is on its way; showing this one would flash old figures
        return;
    }
    shown_ = generation;
    if (!error.isEmpty()) {
        error_ = error;
        emit errorChanged();
        emit busyChanged();
        return;
    }
    if (!error_.isEmpty()) {
        error_.clear();
        emit errorChanged();
    }
    setResultForTesting(std::move(result));
    emit busyChanged();
}

void LensController::setResultForTesting(LensResultPtr result) {
    result_ = std::move(result);
    if (result_) {
        if (shown_ < result_->generation)
            shown_ = requested_ = result_->generation;
        const bool selectionFits = layer_ < result_->nLayer && head_ < result_->nHead;
        if (!selectionFits) {
            layer_ = std::min(layer_, std::max(0, result_->nLayer - 1));
            head_ = std::min(head_, std::max(0, result_->nHead - 1));
            emit selectionChanged();
        }
        tokens_.setTokens(result_->tokens);
        if (focus_ >= result_->tokenCount()) {
            focus_ = -1;
            emit focusTokenChanged();
        }
    }
    emit resultChanged();
    requestValueNorms();
    requestOverviewNorms();
    updateWeights();
}

void LensController::setLayer(int layer) { choose(layer_, layer, result_ ? result_->nLayer : INT_MAX); }
void LensController::setHead(int head) { choose(head_, head, result_ ? result_->nHead : INT_MAX); }

// A layer or head from 0 up to the result's count (before the first result, any from 0: the
// result clamps it).
void LensController::choose(int& field, int value, int count) {
    if (value < 0 || value >= count || !assignIfChanged(field, value))
        return;
    emit selectionChanged();
    requestValueNorms();
    updateWeights();
}

void LensController::setFocusToken(int token) {
    if (token < -1 || (result_ && token >= result_->tokenCount()))
        token = -1;
    if (assignIfChanged(focus_, token)) {
        emit focusTokenChanged();
        updateWeights();
    }
}

void LensController::setHideFirst(bool on) {
    if (assignIfChanged(hideFirst_, on)) {
        emit hideFirstChanged();
        updateWeights();
    }
}

void LensController::setValueWeighted(bool on) {
    if (assignIfChanged(valueWeighted_, on)) {
        emit valueWeightedChanged();
        if (on && result_ && result_->values.empty() && result_->tokenCount() > 0 && model_)
            request(); // the shown result kept no values: once more with them (then its norms)
        else
            requestValueNorms();
        requestOverviewNorms();
        updateWeights();
    }
}

void LensController::updateWeights() {
    if (!result_ || focus_ < 0 || focus_ >= result_->tokenCount()) {
        tokens_.setWeights({}, -1);
        return;
    }
    std::vector<float> w(size_t(result_->tokenCount()), -1.f);
    for (int j = 0; j <= focus_; ++j) {
        if (hideFirst_ && j == 0)
            continue;
        w[size_t(j)] = float(weight(focus_, j));
    }
    tokens_.setWeights(w, focus_);
}

QString LensController::notice() const {
    if (!result_ || result_->truncatedFrom == 0)
        return {};
    return tr("Showing the first %1 of %2 tokens; the rest of the text is left out.")
        .arg(result_->tokenCount()).arg(QLocale(QLocale::English).toString(result_->truncatedFrom));
}


double LensController::weight(int i, int j) const {
    return showsValueWeighted() ? valueWeightedWeight(i, j) : weightIn(layer_, head_, i, j, hideFirst_);
}

double LensController::valueWeightedWeight(int i, int j) const {
    if (!valueWeightsReady())
        return -2.0;
    return double(lens::valueWeighted(*result_, norms_, layer_, head_, i, j, hideFirst_));
}

double LensController::weightIn(int layer, int head, int i, int j, bool hideFirst) const {
    return result_ ? double(result_->weight(layer, head, i, j, hideFirst)) : 0.0;
}

int LensController::argmaxKey(int layer, int head, int query, bool hideFirst) const {
    if (!result_ || query < 0 || query >= result_->tokenCount())
        return -1;
    int best = -1;
    float bestW = -1.f;
    for (int j = hideFirst ? 1 : 0; j <= query; ++j) {
        const float w = result_->weight(layer, head, query, j, hideFirst);
        if (w > bestW) {
            bestW = w;
            best = j;
        }
    }
    return best;
}

QString LensController::tokenText(int i) const {
    if (!result_ || i < 0 || i >= result_->tokenCount())
        return {};
    return result_->tokens[size_t(i)].text;
}
