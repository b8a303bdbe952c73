#include "mask_lab.h"

#include "figure_words.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attention_lens/forward.h"
#include "course_math.h"
#include "token_labels.h"

struct MaskLab::Data {
    al::ForwardResult result;
    QStringList tokens;
    QVariantList maskedTop, unmaskedTop;
    double kl = 0;
};

namespace {
QVariantList topList(const al::Model& m, const std::vector<double>& p) {
    QVariantList out;
    for (int id : course::topk(p, 5))
        out << QVariantMap{{QStringLiteral("token"), QString::fromStdString(course::tokenLabel(m, id))},
                           {QStringLiteral("p"), p[id]}};
    return out;
}
} // namespace

void MaskLab::setMaxTokens(int n) {
    if (assignIfChanged(maxTokens_, std::clamp(n, 2, course::kTokenCap))) {
        emit selectionChanged();
        scheduleRecompute();
    }
}

void MaskLab::recompute(const Input& in) {
    const int cap = maxTokens_;
    runJob<std::shared_ptr<const Data>>(
        Priority::Figure,
        [model = in.model, text = in.text, cap](JobContext& ctx) {
            al::Runner runner(model);
            auto d = std::make_shared<Data>();
            const std::vector<int> ids = course::tokenize(*model, text, cap);
            al::ForwardOptions on;
            on.cancel = ctx.cancelFlag();
            d->result = runner.forward_full(ids, on);
            al::ForwardOptions off = on;
            off.causal_mask = false;
            off.keep_scores = false;
            // The prediction what-if uses the whole text (up to the course's token cap), not just the grid's part.
            const std::vector<int> all = course::tokenize(*model, text, course::kTokenCap);
            const std::vector<double> p = course::softmax(runner.forward_full(all, on).logits_last);
            const std::vector<double> q = course::softmax(runner.forward_full(all, off).logits_last);
            d->maskedTop = topList(*model, p);
            d->unmaskedTop = topList(*model, q);
            d->kl = course::kl(p, q);
            d->tokens = course::tokenLabels(*model, ids);
            return std::shared_ptr<const Data>(d);
        },
        [this](std::shared_ptr<const Data>& d) {
            data_ = d;
            tokens_ = d->tokens;
            maskedTop_ = d->maskedTop;
            unmaskedTop_ = d->unmaskedTop;
            kl_ = d->kl;
            emit resultChanged();
            slice();
        });
}

void MaskLab::slice() {
    scores_.clear();
    weights_.clear();
    if (data_) {
        const al::ForwardResult& r = data_->result;
        const int l = layerWithin(r.n_layer), h = headWithin(r.n_head);
        const qreal nan = std::numeric_limits<qreal>::quiet_NaN();
        for (int i = 0; i < r.tokens; ++i)
            for (int j = 0; j < r.tokens; ++j) {
                const float s = r.scores.at(l, h, i, j);
                const bool masked = j >= r.scores.row_length(i) || !std::isfinite(s);
                scores_ << (masked ? nan : qreal(s));
                weights_ << (masked ? nan : qreal(r.attention.at(l, h, i, j)));
            }
    }
    emit gridChanged();
}

QString MaskLab::gridDescription() const {
    const int n = int(tokens_.size());
    if (n == 0)
        return tr("No model loaded.");
    return tr("%1 tokens, one row per query; in each row the cells after its own token are −∞ before the softmax.").arg(n)
        + QLatin1Char(' ') + figure_words::attendsMost(layer(), head(), tokens_, n - 1, figure_words::rowPeak(weights_, n, n - 1));
}

QString MaskLab::predictionDescription() const {
    if (maskedTop_.isEmpty())
        return tr("No prediction yet.");
    return tr("With the mask the model predicts %1; without it, %2. KL between the two: %3 nats.")
        .arg(figure_words::topTokens(maskedTop_), figure_words::topTokens(unmaskedTop_), figure_words::number(kl_, 3));
}
