#include "not_labs.h"

#include "figure_words.h"
#include "head_roles.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "attention_lens/variants.h"
#include "attention_lens/layers.h"
#include "course_math.h"
#include "export/svg_palette.h"

// ---- PatternSwapLab ----

namespace {
QString headName(int l, int h) { return QStringLiteral("%1.%2").arg(l).arg(h); }
} // namespace

void PatternSwapLab::recompute(const Input& in) {
    const int mode = mode_;
    const uint64_t seed = uint64_t(seed_);
    runJob<Result>(
        Priority::Figure,
        [this, model = in.model, text = in.text, mode, seed](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            const int L = model->config().n_layer, H = model->config().n_head;
            // Every head's pattern replaced once; the heads of a layer run as one batch of
            // al::VariantRunner (restarting at that layer), so each layer's row can show at once.
            al::VariantRunner vr(model, ids, ctx.cancelFlag());
            const std::vector<double> base = course::softmax(vr.clean().logits_last);
            auto layerVariants = [&](int l) {
                std::vector<al::ForwardOptions> variants(static_cast<size_t>(H));
                for (int h = 0; h < H; ++h) {
                    al::PatternReplacement rep;
                    rep.head = {l, h};
                    rep.kind = mode == 0 ? al::PatternKind::Uniform : al::PatternKind::PermutedRows;
                    rep.seed = seed;
                    variants[size_t(h)].replace_pattern = {rep};
                }
                return variants;
            };
            Result out;
            std::vector<double> flat;
            for (int l = 0; l < L; ++l) {
                QVariantList row;
                const std::vector<al::VariantResult> results = vr.run(layerVariants(l));
                for (int h = 0; h < H; ++h) {
                    const double kl = course::kl(base, course::softmax(results[size_t(h)].logits_last));
                    row << kl;
                    flat.push_back(kl);
                    out.maxKl = std::max(out.maxKl, kl);
                    ctx.setProgress(double(l * H + h + 1) / double(L * H));
                }
                out.kls << QVariant(row);
                // Each layer's row shows as soon as it is measured (`this` is used on the GUI
                // thread only, and only while the lab exists).
                ctx.post([this, rows = out.kls, maxKl = out.maxKl] {
                    result_.kls = rows;
                    result_.maxKl = maxKl;
                    emit resultChanged();
                });
            }
            std::vector<int> order(flat.size());
            std::iota(order.begin(), order.end(), 0);
            std::sort(order.begin(), order.end(), [&](int a, int b) { return flat[a] < flat[b]; });
            for (int i = 0; i < std::min<int>(3, int(order.size())); ++i) {
                out.least << headName(order[i] / H, order[i] % H);
                out.most << headName(order[order.size() - 1 - i] / H, order[order.size() - 1 - i] % H);
            }
            return out;
        },
        keepIn(result_, &PatternSwapLab::resultChanged));
}

// ---- CostMeter ----

namespace {
double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

QVariantMap CostMeter::figure() const {
    if (timing_.lengths.isEmpty())
        return {};
    auto series = [this](const QString& name, const QString& colour, const QVariantList& ms) {
        QVariantList points;
        for (int i = 0; i < timing_.lengths.size() && i < ms.size(); ++i)
            points << QVariant(QVariantList{timing_.lengths[i], ms[i]});
        return QVariantMap{{QStringLiteral("name"), name}, {QStringLiteral("colour"), colour}, {QStringLiteral("points"), points}};
    };
    return {{QStringLiteral("name"), QStringLiteral("attention-cost")},
            {QStringLiteral("chart"), QStringLiteral("lines")},
            {QStringLiteral("xTitle"), tr("tokens")},
            {QStringLiteral("yTitle"), tr("milliseconds")},
            {QStringLiteral("series"),
             QVariantList{series(tr("attention (scores, softmax, weighted sum)"), al::app::svg_palette::kAccent, timing_.attention),
                          series(tr("the rest (LayerNorms, projections, MLP)"), al::app::svg_palette::kSecond, timing_.rest)}},
            {QStringLiteral("numbers"), QVariantMap{{QStringLiteral("lengths"), timing_.lengths},
                                                    {QStringLiteral("attentionMs"), timing_.attention},
                                                    {QStringLiteral("restMs"), timing_.rest}}}};
}

void CostMeter::recompute(const Input& in) {
    const int cap = std::min(maxLength_, in.model->config().n_positions);
    runJob<Timing>(
        Priority::Figure,
        [model = in.model, cap](JobContext& ctx) {
            namespace ly = al::layers;
            const al::Config& c = model->config();
            const int C = c.n_embd, NH = c.n_head, F = c.n_inner > 0 ? c.n_inner : 4 * C;
            const al::LayerWeights& w = model->layer(0);
            Timing out;
            // One core (the job asks the scheduler for one BLAS thread): the chart is about how
            // the work grows with T, and on a busy machine a product split across cores mostly
            // measures waiting for the second core.
            std::mt19937 rng(7);
            std::normal_distribution<float> normal(0.f, 1.f);
            for (int T = 16; T <= cap; T *= 2) {
                ctx.throwIfCancelled();
                std::vector<float> x(size_t(T) * C), ln(x.size()), qkv(size_t(T) * 3 * C), att(x.size()), proj(x.size()),
                    res(x.size()), fc(size_t(T) * F), gelu(fc.size()), mlp(x.size()), y(x.size());
                std::vector<float> preatt(size_t(NH) * T * T), probs(preatt.size());
                for (float& v : x) v = normal(rng);
                double attMs = 1e300, restMs = 1e300;
                // The best of many runs (at least 5, until ~40 ms of work): tiny layers take
                // microseconds, so one run is dominated by whatever else the machine is doing.
                // From T = 256 on one run is tens to hundreds of milliseconds and the best of
                // three (two at 1,024) is as steady.
                const int minReps = T >= 1024 ? 2 : (T >= 256 ? 3 : 5);
                const auto start = std::chrono::steady_clock::now();
                for (int rep = 0; rep < minReps || (rep < 200 && msSince(start) < 40.0); ++rep) {
                    auto t0 = std::chrono::steady_clock::now();
                    ly::layernorm_forward(ln.data(), nullptr, nullptr, x.data(), w.ln1_w, w.ln1_b, T, C, c.layer_norm_epsilon);
                    ly::matmul_forward(qkv.data(), ln.data(), w.attn_w, w.attn_b, T, C, 3 * C);
                    double before = msSince(t0);
                    auto t1 = std::chrono::steady_clock::now();
                    ly::attention_forward(att.data(), preatt.data(), probs.data(), qkv.data(), 1, T, C, NH,
                                          c.attention_scale(0), true);
                    const double a = msSince(t1);
                    auto t2 = std::chrono::steady_clock::now();
                    ly::matmul_forward(proj.data(), att.data(), w.proj_w, w.proj_b, T, C, C);
                    ly::residual_forward(res.data(), x.data(), proj.data(), T * C);
                    ly::layernorm_forward(ln.data(), nullptr, nullptr, res.data(), w.ln2_w, w.ln2_b, T, C, c.layer_norm_epsilon);
                    ly::matmul_forward(fc.data(), ln.data(), w.fc_w, w.fc_b, T, C, F);
                    ly::gelu_forward(gelu.data(), fc.data(), T * F);
                    ly::matmul_forward(mlp.data(), gelu.data(), w.fcproj_w, w.fcproj_b, T, F, C);
                    // Into y, not back into x: every run times the same input.
                    ly::residual_forward(y.data(), res.data(), mlp.data(), T * C);
                    attMs = std::min(attMs, a);
                    restMs = std::min(restMs, before + msSince(t2));
                }
                out.lengths << T;
                out.attention << attMs;
                out.rest << restMs;
                out.maxMs = std::max({out.maxMs, attMs, restMs});
            }
            return out;
        },
        keepIn(timing_, &CostMeter::resultChanged),
        0, true);
}

// ---- CensusAcrossTexts ----

void CensusAcrossTexts::recompute(const Input& in) {
    QStringList texts = texts_;
    if (texts.isEmpty())
        texts << this->text();
    const int l = layerWithin(in.model->config().n_layer);
    const int h = headWithin(in.model->config().n_head);
    runJob<QVariantList>(
        Priority::Figure,
        [model = in.model, texts, l, h](JobContext& ctx) {
            al::Runner runner(model);
            al::CensusOptions census;
            census.cancel = ctx.cancelFlag();
            QVariantList rows;
            for (const QString& t : texts) {
                const std::vector<int> ids = course::tokenize(*model, t.toStdString(), course::kTokenCap);
                for (const al::HeadScores& s : al::head_census(runner, ids, census)) {
                    if (s.head.layer != l || s.head.head != h)
                        continue;
                    rows << QVariantMap{
                        {QStringLiteral("text"), t.isEmpty() ? QString::fromUtf8(course::defaultText()) : t},
                        {QStringLiteral("label"), QString::fromStdString(s.label)},
                        {QStringLiteral("scores"), QVariantMap{{QStringLiteral("first-token"), s.first_token},
                                                               {QStringLiteral("previous-token"), s.previous_token_nf},
                                                               {QStringLiteral("self"), s.self_nf},
                                                               {QStringLiteral("duplicate"), s.duplicate_token_nf},
                                                               {QStringLiteral("induction"), s.induction}}}};
                }
            }
            return rows;
        },
        keepIn(rows_, &CensusAcrossTexts::resultChanged));
}

QString PatternSwapLab::description() const {
    if (result_.most.isEmpty())
        return tr("No measurement yet.");
    const QString swap = mode_ == 0 ? tr("uniform") : tr("shuffled");
    return tr("With each head's pattern replaced by a %1 one in turn, the prediction moves most for heads %2 (up to KL %3 nats) and least for heads %4.")
        .arg(swap, result_.most.join(QStringLiteral(", ")), figure_words::number(result_.maxKl, 3), result_.least.join(QStringLiteral(", ")));
}

QString CostMeter::description() const {
    const Timing& t = timing_;
    if (t.lengths.isEmpty() || t.attention.size() != t.lengths.size() || t.rest.size() != t.lengths.size())
        return tr("No measurement yet.");
    auto at = [this, &t](int i) {
        return tr("at %1 tokens attention takes %2 ms and the rest of the layer %3 ms")
            .arg(t.lengths[i].toInt()).arg(figure_words::number(t.attention[i].toDouble()), figure_words::number(t.rest[i].toDouble()));
    };
    return tr("Per layer, %1; %2.").arg(at(0), at(int(t.lengths.size()) - 1));
}

QString CensusAcrossTexts::description() const {
    if (rows_.isEmpty())
        return tr("No measurement yet.");
    QStringList labels;
    for (const QVariant& v : rows_)
        labels << head_roles::label(v.toMap().value(QStringLiteral("label")).toString());
    return tr("Head %1.%2's census label on %3 texts: %4.").arg(layer()).arg(head()).arg(rows_.size()).arg(labels.join(QStringLiteral(", ")));
}
