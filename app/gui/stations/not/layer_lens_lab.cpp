#include "layer_lens_lab.h"

#include <QVariantList>
#include <chrono>
#include <algorithm>
#include <cmath>

#include "attention_lens/forward.h"
#include "attention_lens/logit_lens.h"
#include "course_math.h"
#include "token_labels.h"

void LayerLensLab::recompute(const Input& in) {
    runJob<QVariantMap>(
        Priority::Figure,
        [model = in.model, text = in.text](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::Runner runner(model);
            al::ForwardOptions o;
            o.keep_hidden = true;
            o.keep_scores = false;
            o.cancel = ctx.cancelFlag();
            const al::ForwardResult r = runner.forward(ids, o);
            const auto t0 = std::chrono::steady_clock::now();
            const int pos = int(ids.size()) - 1;
            const al::LogitLens lens = al::logit_lens(*model, r, pos, kTop);
            const al::DirectAttribution d = al::direct_attribution(*model, r, pos, lens.answer);
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

            const int L = model->config().n_layer;
            QVariantMap out;
            out[QStringLiteral("answer")] = course::tokenLabels(*model, {lens.answer}).value(0);
            out[QStringLiteral("answerProb")] = lens.rows.back().answer_prob;
            out[QStringLiteral("position")] = pos;
            QVariantList rows;
            for (int l = 0; l <= L; ++l) {
                const al::LensRow& row = lens.rows[size_t(l)];
                QVariantList probs;
                for (float p : row.probs) probs << double(p);
                rows << QVariantMap{{QStringLiteral("layer"), l - 1}, // -1: the embeddings
                                    {QStringLiteral("tokens"), course::tokenLabels(*model, row.top)},
                                    {QStringLiteral("probs"), probs},
                                    {QStringLiteral("rank"), row.answer_rank},
                                    {QStringLiteral("answerProb"), double(row.answer_prob)}};
            }
            out[QStringLiteral("rows")] = rows;
            out[QStringLiteral("firstTop5")] = al::first_row_in_top(lens, kTop);
            QVariantList attention, mlp;
            double maxPart = std::max(1e-9, std::abs(d.token_embedding + d.position_embedding));
            for (int l = 0; l < L; ++l) {
                attention << d.attention[size_t(l)];
                mlp << d.mlp[size_t(l)];
                maxPart = std::max({maxPart, std::abs(d.attention[size_t(l)]), std::abs(d.mlp[size_t(l)])});
            }
            out[QStringLiteral("attention")] = attention;
            out[QStringLiteral("mlp")] = mlp;
            out[QStringLiteral("embeddings")] = d.token_embedding + d.position_embedding;
            out[QStringLiteral("biases")] = d.biases;
            out[QStringLiteral("lnfBias")] = d.lnf_bias;
            out[QStringLiteral("logit")] = d.logit;
            out[QStringLiteral("attentionTotal")] = d.attention_total();
            out[QStringLiteral("mlpTotal")] = d.mlp_total();
            out[QStringLiteral("maxPart")] = maxPart;
            out[QStringLiteral("ms")] = ms;
            return out;
        },
        keepIn(result_, &LayerLensLab::resultChanged));
}

QString LayerLensLab::description() const {
    if (result_.isEmpty())
        return {};
    return tr("The final answer at the last position is %1. It first ranks among the top %2 after %3. "
              "Of its logit %4, attention wrote %5 directly and the MLPs %6.")
        .arg(result_.value(QStringLiteral("answer")).toString())
        .arg(kTop)
        .arg(result_.value(QStringLiteral("firstTop5")).toInt() == 0
                 ? tr("the embeddings")
                 : tr("layer %1").arg(result_.value(QStringLiteral("firstTop5")).toInt() - 1))
        .arg(result_.value(QStringLiteral("logit")).toDouble(), 0, 'f', 2)
        .arg(result_.value(QStringLiteral("attentionTotal")).toDouble(), 0, 'f', 2)
        .arg(result_.value(QStringLiteral("mlpTotal")).toDouble(), 0, 'f', 2);
}
