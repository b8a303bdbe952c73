#include "heads_lab.h"

#include "figure_words.h"
#include "head_roles.h"
#include "i18n/translations.h"

#include <algorithm>
#include <cmath>

#include "attention_lens/value_weighted.h"
#include "course_math.h"
#include "token_labels.h"

struct HeadsLab::Data {
    std::shared_ptr<const al::Model> model; // the one `result` comes from (its W_O for the norms)
    al::ForwardResult result;
    std::vector<al::HeadScores> census;
    QStringList tokens;
};

HeadsLab::HeadsLab(QObject* parent) : CourseLab(parent) {
    // The labels' words follow the interface's language: the same results, sliced again.
    connect(Translations::instance(), &Translations::languageChanged, this, &HeadsLab::slice);
}

QString HeadsLab::scoreNameFor(const std::string& label) {
    if (label == "sink") return tr("first-token weight");
    if (label == "previous-token") return tr("previous-token weight");
    if (label == "self") return tr("self weight");
    if (label == "duplicate") return tr("duplicate-token weight");
    if (label == "induction") return tr("induction (fixed probe)");
    if (label == "diffuse") return tr("entropy share (1 = even)");
    if (label == "long-range") return tr("mean distance (tokens)");
    return tr("entropy (nats)");
}

double HeadsLab::scoreFor(const al::HeadScores& s) {
    if (s.label == "sink") return s.first_token;
    if (s.label == "previous-token") return s.previous_token_nf;
    if (s.label == "self") return s.self_nf;
    if (s.label == "duplicate") return s.duplicate_token_nf;
    if (s.label == "induction") return s.induction; // the raw probe share, which the label reads
    if (s.label == "diffuse") return s.entropy_share_nf;
    if (s.label == "long-range") return s.mean_distance_nf;
    return s.entropy_nf;
}

void HeadsLab::recompute(const Input& in) {
    runJob<std::shared_ptr<const Data>>(
        Priority::Figure,
        [model = in.model, text = in.text](JobContext& ctx) {
            al::Runner runner(model);
            auto d = std::make_shared<Data>();
            d->model = model;
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::CensusOptions census;
            census.cancel = ctx.cancelFlag();
            d->census = al::head_census(runner, ids, census);
            al::ForwardOptions o;
            o.cancel = ctx.cancelFlag();
            o.keep_qkv = true; // the values, for the value-weighted view
            d->result = runner.forward(ids, o);
            d->tokens = course::tokenLabels(*model, ids);
            return std::shared_ptr<const Data>(d);
        },
        [this](std::shared_ptr<const Data>& d) {
            data_ = d;
            norms_.reset();
            tokens_ = d->tokens;
            layers_ = d->result.n_layer;
            labels_.clear();
            for (int l = 0; l < layers_; ++l) {
                QStringList row;
                for (const al::HeadScores& s : d->census)
                    if (s.head.layer == l) row << QString::fromStdString(s.label);
                labels_ << row;
            }
            emit resultChanged();
            slice();
            requestNorms();
        });
}

void HeadsLab::setValueWeighted(bool on) {
    if (!assignIfChanged(valueWeighted_, on))
        return;
    emit valueWeightedChanged();
    if (on && !norms_)
        requestNorms();
    else
        slice();
}

void HeadsLab::requestNorms() {
    if (!valueWeighted_ || !data_ || norms_)
        return;
    const std::shared_ptr<const Data> d = data_;
    runJob<std::shared_ptr<const std::vector<float>>>(
        Priority::Figure,
        [d](JobContext& ctx) {
            return std::make_shared<const std::vector<float>>(al::value_norms_all(*d->model, d->result, ctx.cancelFlag()));
        },
        [this, d](std::shared_ptr<const std::vector<float>>& n) {
            if (d != data_)
                return; // a newer text's forward came in meanwhile; its own request follows
            norms_ = n;
            slice();
        },
        /*channel=*/1);
}

namespace {

// Head h's pattern in layer l, value-weighted: weight(i, j)·n_j / Σ_k weight(i, k)·n_k, as in
// Station 1's view (lens::valueWeighted), so a row sums to 1 and shares the lens's colour scale.
QVariantList valueWeightedPattern(const al::ForwardResult& r, const float* norms, int l, int h) {
    const int T = r.tokens;
    QVariantList out;
    out.reserve(T * T);
    for (int i = 0; i < T; ++i) {
        const float* row = r.attention.row(l, h, i);
        const int n = r.attention.row_length(i); // the positions the mask lets row i see
        double sum = 0;
        for (int k = 0; k < n; ++k)
            sum += double(row[k]) * norms[k];
        for (int j = 0; j < T; ++j)
            out << (j < n && sum > 0 ? double(row[j]) * norms[j] / sum : 0.0);
    }
    return out;
}

} // namespace

void HeadsLab::slice() {
    heads_.clear();
    if (data_) {
        const al::ForwardResult& r = data_->result;
        const int l = std::clamp(layer_, 0, r.n_layer - 1);
        for (const al::HeadScores& s : data_->census) {
            if (s.head.layer != l)
                continue;
            QVariantList pattern;
            for (float v : r.attention.dense(l, s.head.head)) pattern << double(v);
            const QVariantMap scores{
                {QStringLiteral("first-token"), s.first_token},
                {QStringLiteral("previous-token"), s.previous_token_nf},
                {QStringLiteral("self"), s.self_nf},
                {QStringLiteral("duplicate"), s.duplicate_token_nf},
                {QStringLiteral("induction (fixed probe)"), s.induction},
                {QStringLiteral("mean distance"), s.mean_distance_nf},
                {QStringLiteral("entropy"), s.entropy_nf},
                {QStringLiteral("entropy share"), s.entropy_share_nf}};
            const QVariantList scoreRows{
                QVariantMap{{QStringLiteral("name"), head_roles::label(QStringLiteral("first-token"))}, {QStringLiteral("value"), s.first_token}},
                QVariantMap{{QStringLiteral("name"), head_roles::label(QStringLiteral("previous-token"))}, {QStringLiteral("value"), s.previous_token_nf}},
                QVariantMap{{QStringLiteral("name"), head_roles::label(QStringLiteral("self"))}, {QStringLiteral("value"), s.self_nf}},
                QVariantMap{{QStringLiteral("name"), head_roles::label(QStringLiteral("duplicate"))}, {QStringLiteral("value"), s.duplicate_token_nf}},
                QVariantMap{{QStringLiteral("name"), tr("induction (fixed probe)")}, {QStringLiteral("value"), s.induction}},
                QVariantMap{{QStringLiteral("name"), tr("mean distance")}, {QStringLiteral("value"), s.mean_distance_nf}},
                QVariantMap{{QStringLiteral("name"), tr("entropy")}, {QStringLiteral("value"), s.entropy_nf}},
                QVariantMap{{QStringLiteral("name"), tr("entropy share")}, {QStringLiteral("value"), s.entropy_share_nf}}};
            const QString label = QString::fromStdString(s.label);
            QVariantMap entry{{QStringLiteral("head"), s.head.head},
                                  {QStringLiteral("label"), label},
                                  {QStringLiteral("labelText"), head_roles::label(label)},
                                  {QStringLiteral("score"), scoreFor(s)},
                                  {QStringLiteral("scoreName"), scoreNameFor(s.label)},
                                  {QStringLiteral("scores"), scores},
                                  {QStringLiteral("scoreRows"), scoreRows},
                                  {QStringLiteral("pattern"), pattern},
                                  {QStringLiteral("size"), r.tokens}};
            if (valueWeightsReady())
                entry.insert(QStringLiteral("valuePattern"),
                             valueWeightedPattern(r, norms_->data() + (size_t(l) * r.n_head + s.head.head) * r.tokens, l, s.head.head));
            heads_ << entry;
        }
    }
    emit headsChanged();
}

QVariantMap HeadsLab::gridFigure() const {
    if (heads_.isEmpty())
        return {};
    const bool valueWeights = valueWeightsReady();
    QVariantList panels, numbersHeads;
    for (const QVariant& v : heads_) {
        const QVariantMap h = v.toMap();
        const int T = h.value(QStringLiteral("size")).toInt();
        const QVariantList pattern = h.value(valueWeights ? QStringLiteral("valuePattern") : QStringLiteral("pattern")).toList();
        QVariantList cells, rows;
        for (int q = 0; q < T; ++q) {
            QVariantList row;
            for (int k = 0; k < T; ++k) {
                const double w = pattern.value(q * T + k).toDouble();
                cells << (k > q ? std::nan("") : w); // above the diagonal: the mask, no weight at all
                if (k <= q) row << w;
            }
            rows << QVariant(row);
        }
        const int head = h.value(QStringLiteral("head")).toInt();
        panels << QVariantMap{{QStringLiteral("title"), tr("head %1 · %2 %3")
                                                            .arg(head)
                                                            .arg(h.value(QStringLiteral("labelText")).toString(),
                                                                 figure_words::number(h.value(QStringLiteral("score")).toDouble()))},
                              {QStringLiteral("rows"), T},
                              {QStringLiteral("columns"), T},
                              {QStringLiteral("values"), cells}};
        numbersHeads << QVariantMap{{QStringLiteral("head"), head},
                                    {QStringLiteral("label"), h.value(QStringLiteral("label"))},
                                    {QStringLiteral("score"), h.value(QStringLiteral("score"))},
                                    {QStringLiteral("scoreName"), h.value(QStringLiteral("scoreName"))},
                                    {QStringLiteral("scores"), h.value(QStringLiteral("scores"))},
                                    {QStringLiteral("weights"), rows}};
    }
    const QVariantMap numbers{{QStringLiteral("tokens"), tokens_},
                              {QStringLiteral("weights"), valueWeights ? QStringLiteral("value-weighted") : QStringLiteral("raw")},
                              {QStringLiteral("heads"), numbersHeads}};
    return {{QStringLiteral("name"), QStringLiteral("heads-grid")},
            {QStringLiteral("chart"), QStringLiteral("heatmap")},
            {QStringLiteral("title"), valueWeights ? tr("Layer %1, every head: value-weighted attention").arg(layer_)
                                                   : tr("Layer %1, every head: attention weights").arg(layer_)},
            {QStringLiteral("layer"), layer_},
            {QStringLiteral("rowLabels"), tokens_},
            {QStringLiteral("columnLabels"), tokens_},
            {QStringLiteral("panels"), panels},
            {QStringLiteral("perRow"), 6},
            {QStringLiteral("colours"), QStringLiteral("weights")},
            {QStringLiteral("maxValue"), 1.0},
            {QStringLiteral("note"), tr("Rows are queries, columns keys. Labels are heuristics read off this text's patterns.")},
            {QStringLiteral("numbers"), numbers}};
}

QString HeadsLab::description() const {
    if (heads_.isEmpty())
        return tr("No model loaded.");
    QStringList parts;
    for (const QVariant& v : heads_) {
        const QVariantMap h = v.toMap();
        parts << tr("head %1 %2 (%3)").arg(h.value(QStringLiteral("head")).toInt())
                     .arg(h.value(QStringLiteral("labelText")).toString(), figure_words::number(h.value(QStringLiteral("score")).toDouble()));
    }
    return tr("Layer %1, %2 heads by their census label and score: %3.").arg(layer_).arg(heads_.size()).arg(parts.join(QStringLiteral(", ")));
}
