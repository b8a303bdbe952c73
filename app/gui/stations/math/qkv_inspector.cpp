#include "qkv_inspector.h"

#include "figure_words.h"

#include <algorithm>
#include <cmath>

#include "course_math.h"
#include "token_labels.h"

namespace {
struct Computed {
    std::shared_ptr<const al::ForwardResult> result;
    QStringList tokens;
    al::Config config;
};
} // namespace

double QkvInspector::scale() const { return config_ ? 1.0 / double(config_->attention_scale(layer())) : 1.0; }

void QkvInspector::recompute(const Input& in) {
    runJob<Computed>(
        Priority::Figure,
        [model = in.model, text = in.text](JobContext& ctx) {
            al::Runner runner(model);
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::ForwardOptions o;
            o.keep_qkv = true;
            o.cancel = ctx.cancelFlag();
            Computed c;
            c.result = std::make_shared<const al::ForwardResult>(runner.forward(ids, o));
            c.tokens = course::tokenLabels(*model, ids);
            c.config = model->config();
            return c;
        },
        [this](Computed& c) {
            result_ = c.result;
            tokens_ = c.tokens;
            config_ = c.config;
            emit resultChanged();
            slice();
        });
}

QVariantMap QkvInspector::emptyRow() {
    const QVariantList none;
    return {{QStringLiteral("query"), 0}, {QStringLiteral("q"), none}, {QStringLiteral("keys"), none},
            {QStringLiteral("values"), none}, {QStringLiteral("dots"), none}, {QStringLiteral("scores"), none},
            {QStringLiteral("weights"), none}, {QStringLiteral("output"), none}, {QStringLiteral("range"), 1.0}};
}

void QkvInspector::slice() {
    weights_.clear();
    row_ = emptyRow();
    const al::ForwardResult* r = result_.get();
    if (!r || r->q.empty()) {
        emit sliceChanged();
        return;
    }
    const int l = layerWithin(r->n_layer), h = headWithin(r->n_head);
    query_ = token_ < 0 || token_ >= r->tokens ? r->tokens - 1 : token_;
    const int hd = r->head_dim;
    double range = 1e-6;
    auto strip = [&](const float* p) {
        QVariantList out;
        for (int i = 0; i < hd; ++i) {
            out << double(p[i]);
            range = std::max(range, double(std::abs(p[i])));
        }
        return out;
    };
    const float* qv = r->q_at(l, h, query_);
    const QVariantList q = strip(qv);
    QVariantList keys, values, dots, scores, output;
    std::vector<double> sum(hd, 0.0);
    for (int j = 0; j <= query_; ++j) {
        const float* kv = r->k_at(l, h, j);
        const float* vv = r->v_at(l, h, j);
        keys << QVariant(strip(kv));
        values << QVariant(strip(vv));
        double dot = 0;
        for (int i = 0; i < hd; ++i) dot += double(qv[i]) * kv[i];
        dots << dot;
        scores << double(r->scores.at(l, h, query_, j));
        const double w = r->attention.at(l, h, query_, j);
        weights_ << w;
        for (int i = 0; i < hd; ++i) sum[i] += w * vv[i];
    }
    for (double v : sum) {
        output << v;
        range = std::max(range, std::abs(v));
    }
    row_ = {{QStringLiteral("query"), query_}, {QStringLiteral("q"), q}, {QStringLiteral("keys"), keys},
            {QStringLiteral("values"), values}, {QStringLiteral("dots"), dots}, {QStringLiteral("scores"), scores},
            {QStringLiteral("weights"), weights_}, {QStringLiteral("output"), output}, {QStringLiteral("range"), range}};
    emit sliceChanged();
}

QString QkvInspector::description() const {
    if (tokens_.isEmpty() || weights_.isEmpty())
        return tr("No model loaded.");
    return figure_words::attendsMost(layer(), head(), tokens_, query_, figure_words::listPeak(weights_))
        + QLatin1Char(' ')
        + (scaleIsSqrtD() ? tr("Its scores are q·k divided by √%1 = %2.").arg(headDim()).arg(figure_words::number(scale()))
                          : tr("Its scores are q·k divided by %1, as this model's config.json sets it (GPT-2 divides by √%2).")
                                .arg(figure_words::number(scale()))
                                .arg(headDim()));
}
