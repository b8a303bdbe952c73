#include "heads_lab.h"

#include "figure_words.h"
#include "head_roles.h"
#include "i18n/translations.h"

#include <algorithm>

#include "course_math.h"
#include "token_labels.h"

struct HeadsLab::Data {
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
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::CensusOptions census;
            census.cancel = ctx.cancelFlag();
            d->census = al::head_census(runner, ids, census);
            al::ForwardOptions o;
            o.cancel = ctx.cancelFlag();
            d->result = runner.forward(ids, o);
            d->tokens = course::tokenLabels(*model, ids);
            return std::shared_ptr<const Data>(d);
        },
        [this](std::shared_ptr<const Data>& d) {
            data_ = d;
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
        });
}

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
            heads_ << QVariantMap{{QStringLiteral("head"), s.head.head},
                                  {QStringLiteral("label"), label},
                                  {QStringLiteral("labelText"), head_roles::label(label)},
                                  {QStringLiteral("score"), scoreFor(s)},
                                  {QStringLiteral("scoreName"), scoreNameFor(s.label)},
                                  {QStringLiteral("scores"), scores},
                                  {QStringLiteral("scoreRows"), scoreRows},
                                  {QStringLiteral("pattern"), pattern},
                                  {QStringLiteral("size"), r.tokens}};
        }
    }
    emit headsChanged();
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
