// The lens's "Find a head" buttons: the head of the current text that ranks highest on one census
// score (previous-token, sink) or lowest (entropy, for the most decisive head), with a sentence
// that says why. The ranking is the engine's (census::strongest_head), as everywhere else. The
// sink finder uses the census's own threshold: a head whose first-token share stays below it is
// no sink, so on such a text the finder says that there is none and shows the closest head.
// "Find the induction head" runs the census's induction test on a copy of the model, off the GUI
// thread, and offers the sample text that shows it.
#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "lens/lens_controller.h"
#include "figure_words.h"

namespace {
// A phrase said twice: in an induction head, a token of the second copy attends to the token
// that followed it in the first copy (Olsson et al. 2022).
const char* kInductionSample =
    "Mira painted the old boat green and sailed to the island. Later, Mira painted the old boat green and sailed";

} // namespace

QString LensController::inductionSample() const { return QString::fromUtf8(kInductionSample); }

QVariantMap LensController::findHead(const QString& kind) const {
    QVariantMap m;
    if (!result_ || result_->stats.empty())
        return m;
    const int H = result_->nHead;
    // Each finder ranks one census score; "decisive" wants the lowest entropy, so it ranks its negation.
    float lens::HeadStats::*score = nullptr;
    float sign = 1.f;
    if (kind == QLatin1String("previous-token")) {
        score = &lens::HeadStats::previousToken;
    } else if (kind == QLatin1String("sink")) {
        score = &lens::HeadStats::firstToken;
    } else if (kind == QLatin1String("decisive")) {
        score = &lens::HeadStats::entropyNf;
        sign = -1.f;
    } else {
        return m;
    }
    const auto& stats = result_->stats;
    const al::census::RankedHead ranked = al::census::strongest_head(
        int(stats.size()) / H, H, [&](int l, int h) { return sign * (stats[size_t(l) * H + h].*score); });
    const int best = ranked.head.layer < 0 ? -1 : ranked.head.layer * H + ranked.head.head;
    const float bestScore = sign * ranked.score;
    if (best < 0 || (kind != QLatin1String("sink") && result_->tokenCount() < 2))
        return m;
    m[QStringLiteral("layer")] = best / H;
    m[QStringLiteral("head")] = best % H;
    m[QStringLiteral("score")] = double(bestScore);
    m[QStringLiteral("kind")] = kind;
    const QString where = tr("Layer %1, head %2").arg(best / H).arg(best % H);
    if (kind == QLatin1String("previous-token")) {
        m[QStringLiteral("title")] = tr("Previous-token head");
        m[QStringLiteral("why")] = tr("%1 puts on average %2 of each token's attention on the token just "
                                      "before it — the highest of all heads for this text. (The second token is "
                                      "left out: the token before it is the first, where many heads rest anyway.)")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    } else if (kind == QLatin1String("sink") && bestScore >= al::census::kSinkMin) {
        m[QStringLiteral("sink")] = true;
        m[QStringLiteral("title")] = tr("Attention sink");
        m[QStringLiteral("why")] = tr("%1 puts on average %2 of each token's attention on the very first "
                                      "token. Models seem to use the first position as a place to park "
                                      "attention they do not need elsewhere.")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    } else if (kind == QLatin1String("sink")) {
        m[QStringLiteral("sink")] = false;
        m[QStringLiteral("title")] = tr("No attention sink on this text");
        m[QStringLiteral("why")] = tr("No head puts on average half or more of each token's attention on the "
                                      "first token here, the share from which the census calls a head a sink. The closest "
                                      "is layer %1, head %2, with on average %3 there.")
                                       .arg(best / H).arg(best % H).arg(figure_words::number(double(bestScore)));
    } else {
        m[QStringLiteral("title")] = tr("Most decisive head");
        m[QStringLiteral("why")] = tr("%1 has the lowest average entropy (%2 nats, first token left out): "
                                      "each token concentrates its attention on few others.")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    }
    return m;
}

void LensController::findInductionHead() {
    if (!model_)
        return;
    auto model = model_;
    const std::vector<int> ids = result_ ? result_->ids : std::vector<int>{};
    if (inductionJob_)
        inductionJob_->cancel();
    auto found = std::make_shared<QVariantMap>();
    compute::JobSpec spec;
    spec.priority = compute::Priority::Figure; // the learner asked for it and waits for it
    spec.name = QStringLiteral("lens-induction");
    spec.receiver = this;
    spec.work = [model, ids, found](compute::JobContext& ctx) {
        QVariantMap& m = *found;
        try {
            al::Runner runner(model); // its own runner: the lens keeps its cached prefix
            al::CensusOptions opt;
            opt.cancel = ctx.cancelFlag();
            opt.induction_length = std::max(4, std::min(50, (model->config().n_positions - 1) / 2));
            const std::vector<int> text = ids.empty() ? std::vector<int>{model->config().eos_token_id} : ids;
            const std::vector<al::HeadScores> scores = al::head_census(runner, text, opt);
            const al::HeadScores* best = nullptr;
            for (const al::HeadScores& s : scores)
                if (!best || s.induction > best->induction)
                    best = &s;
            if (best) {
                m[QStringLiteral("layer")] = best->head.layer;
                m[QStringLiteral("head")] = best->head.head;
                m[QStringLiteral("score")] = double(best->induction);
                m[QStringLiteral("kind")] = QStringLiteral("induction");
                m[QStringLiteral("title")] = QObject::tr("Induction head");
                m[QStringLiteral("why")] = QObject::tr(
                    "Layer %1, head %2 scores highest on the induction test: on a random sequence "
                    "of %3 tokens repeated twice, tokens in the second copy put on average %4 of their "
                    "attention on the token that followed them in the first copy. In the sample text, "
                    "point at a word of the second sentence and look where its attention goes.")
                    .arg(best->head.layer).arg(best->head.head).arg(opt.induction_length)
                    .arg(figure_words::number(double(best->induction)));
            }
        } catch (const al::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            m[QStringLiteral("error")] = QString::fromUtf8(e.what());
        }
    };
    spec.onFinished = [this, found](compute::Outcome outcome, const QString&) {
        if (outcome != compute::Outcome::Done)
            return;
        induction_ = *found;
        emit inductionFindingChanged();
    };
    inductionJob_ = compute::ComputeScheduler::instance()->submit(std::move(spec));
}
