#include "layer_lens_lab.h"

#include <QVariantList>
#include <algorithm>
#include <chrono>
#include <cmath>

#include "attention_lens/logit_lens.h"
#include "course_math.h"
#include "export/svg_palette.h"
#include "token_labels.h"

// A short everyday sentence, and another for when the learner's text is that one,
// so the example never shows the learner's own answer.
const char* const LayerLensLab::kExampleText = "She opened the door and saw a";
const char* const LayerLensLab::kOtherExampleText = "The cat sat on the";

namespace {

int strongestHead(const std::vector<double>& parts) {
    int best = 0;
    for (size_t i = 1; i < parts.size(); ++i)
        if (std::abs(parts[i]) > std::abs(parts[size_t(best)])) best = int(i);
    return best;
}

// One head's pushes, read for the map the figure shows.
QVariantMap effectMap(const al::Model& model, const al::ForwardResult& r, const std::vector<double>& headParts,
                      const std::vector<double>& mean, int layer, int head, bool strongest) {
    const al::HeadDirectEffect e =
        al::head_direct_effect(model, r, int(r.ids.size()) - 1, layer, head, LayerLensLab::kPushes, &mean);
    auto list = [&](const std::vector<al::TokenPush>& pushes) {
        std::vector<int> ids;
        for (const al::TokenPush& p : pushes) ids.push_back(p.token);
        const QStringList labels = course::tokenLabels(model, ids);
        QVariantList out;
        for (size_t i = 0; i < pushes.size(); ++i)
            out << QVariantMap{{QStringLiteral("token"), labels.value(int(i))}, {QStringLiteral("push"), pushes[i].push}};
        return out;
    };
    return {{QStringLiteral("layer"), layer},
            {QStringLiteral("head"), head},
            {QStringLiteral("strongest"), strongest},
            {QStringLiteral("part"), headParts[size_t(layer * model.config().n_head + head)]},
            {QStringLiteral("up"), list(e.up)},
            {QStringLiteral("down"), list(e.down)}};
}

struct Computed {
    QVariantMap result, effect;
    std::shared_ptr<const al::ForwardResult> forward;
    std::vector<double> headParts;
    std::shared_ptr<const std::vector<double>> mean;
};

std::shared_ptr<const std::vector<double>> meanOf(const al::Model& model, std::shared_ptr<const std::vector<double>> known) {
    return known ? known : std::make_shared<const std::vector<double>>(al::unembedding_mean(model));
}

} // namespace

void LayerLensLab::recompute(const Input& in) {
    keptModel_.reset();
    kept_.reset();
    runJob<Computed>(
        Priority::Figure,
        [model = in.model, text = in.text, pl = pickedLayer_, ph = pickedHead_, known = meanFor(in.model)](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::Runner runner(model);
            al::ForwardOptions o;
            o.keep_hidden = true;
            o.keep_scores = false;
            o.cancel = ctx.cancelFlag();
            auto r = std::make_shared<al::ForwardResult>(runner.forward(ids, o));
            Computed c;
            c.mean = meanOf(*model, known); // once per model, not per text: outside `ms`
            const auto t0 = std::chrono::steady_clock::now();
            const int pos = int(ids.size()) - 1;
            const al::LogitLens lens = al::logit_lens(*model, *r, pos, kTop);
            const al::DirectAttribution d = al::direct_attribution(*model, *r, pos, lens.answer, c.mean.get());
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

            const int L = model->config().n_layer, H = model->config().n_head;
            QVariantMap& out = c.result;
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
            out[QStringLiteral("meanLogit")] = d.mean_logit;
            out[QStringLiteral("aboveMean")] = d.above_mean;
            out[QStringLiteral("attentionTotal")] = d.attention_total();
            out[QStringLiteral("mlpTotal")] = d.mlp_total();
            out[QStringLiteral("maxPart")] = maxPart;
            out[QStringLiteral("ms")] = ms;

            c.headParts = d.heads;
            const bool strongest = pl < 0 || pl >= L || ph < 0 || ph >= H;
            const int flat = strongest ? strongestHead(d.heads) : pl * H + ph;
            c.effect = effectMap(*model, *r, c.headParts, *c.mean, flat / H, flat % H, strongest);
            c.forward = std::move(r);
            return c;
        },
        [this, model = in.model](Computed& c) {
            result_ = std::move(c.result);
            headEffect_ = std::move(c.effect);
            keptModel_ = model;
            kept_ = std::move(c.forward);
            headParts_ = std::move(c.headParts);
            meanFor_ = model;
            mean_ = std::move(c.mean);
            emit resultChanged();
            emit headEffectChanged();
        });
    runExample(in);
}

// The worked example: computed once per model (the text is fixed), again only when the learner's
// text becomes the example's and the other text takes its place (the check tokenizes, so it runs
// in the job, off the GUI thread).
void LayerLensLab::runExample(const Input& in) {
    runJob<QVariantMap>(
        Priority::Figure,
        [model = in.model, learnerText = in.text, shownKey = exampleKey_, known = meanFor(in.model)](JobContext& ctx) -> QVariantMap {
            const std::vector<int> learner = course::tokenize(*model, learnerText, course::kTokenCap);
            std::vector<int> ids = course::tokenize(*model, kExampleText, course::kTokenCap);
            std::string text = kExampleText;
            if (ids == learner) {
                text = kOtherExampleText;
                ids = course::tokenize(*model, text, course::kTokenCap);
            }
            const std::string key = std::to_string(reinterpret_cast<quintptr>(model.get())) + '\n' + text;
            if (key == shownKey)
                return {}; // already shown
            al::Runner runner(model);
            al::ForwardOptions o;
            o.keep_hidden = true;
            o.keep_scores = false;
            o.cancel = ctx.cancelFlag();
            const al::ForwardResult r = runner.forward(ids, o);
            const int pos = int(ids.size()) - 1;
            const al::LogitLens lens = al::logit_lens(*model, r, pos, 1);
            const auto mean = meanOf(*model, known);
            const al::DirectAttribution d = al::direct_attribution(*model, r, pos, lens.answer, mean.get());
            QVariantList attention, mlp;
            double attentionSize = 0, mlpSize = 0;
            for (size_t l = 0; l < d.attention.size(); ++l) {
                attention << d.attention[l];
                mlp << d.mlp[l];
                attentionSize += std::abs(d.attention[l]);
                mlpSize += std::abs(d.mlp[l]);
            }
            return QVariantMap{{QStringLiteral("key"), QString::fromStdString(key)},
                               {QStringLiteral("text"), QString::fromStdString(text)},
                               {QStringLiteral("answer"), course::tokenLabels(*model, {lens.answer}).value(0)},
                               {QStringLiteral("attention"), attention},
                               {QStringLiteral("mlp"), mlp},
                               {QStringLiteral("attentionSize"), attentionSize},
                               {QStringLiteral("mlpSize"), mlpSize},
                               {QStringLiteral("share"), d.attention_share()},
                               {QStringLiteral("aboveMean"), d.above_mean}};
        },
        [this](QVariantMap& r) {
            if (r.isEmpty())
                return;
            exampleKey_ = r.take(QStringLiteral("key")).toString().toStdString();
            example_ = std::move(r);
            emit exampleChanged();
        },
        1);
}
void LayerLensLab::pickHead(int layer, int head) {
    if (layer == pickedLayer_ && head == pickedHead_)
        return;
    pickedLayer_ = layer;
    pickedHead_ = head;
    runHeadEffect();
}

void LayerLensLab::pickStrongest() { pickHead(-1, -1); }

// A head picked on the pass already kept: only its pushes are computed.
void LayerLensLab::runHeadEffect() {
    if (!kept_ || !keptModel_)
        return; // the next pass reads the pick
    runJob<QVariantMap>(
        Priority::Figure,
        [model = keptModel_, r = kept_, parts = headParts_, mean = mean_, pl = pickedLayer_, ph = pickedHead_](JobContext&) {
            const int L = model->config().n_layer, H = model->config().n_head;
            const bool strongest = pl < 0 || pl >= L || ph < 0 || ph >= H;
            const int flat = strongest ? strongestHead(parts) : pl * H + ph;
            return effectMap(*model, *r, parts, *meanOf(*model, mean), flat / H, flat % H, strongest);
        },
        keepIn(headEffect_, &LayerLensLab::headEffectChanged), 2);
}

QString LayerLensLab::description() const {
    if (result_.isEmpty())
        return {};
    return tr("The final answer at the last position is %1. It first ranks among the top %2 after %3. "
              "Its logit stands %4 above the average token's; of that, attention wrote %5 directly and the MLPs %6.")
        .arg(result_.value(QStringLiteral("answer")).toString())
        .arg(kTop)
        .arg(result_.value(QStringLiteral("firstTop5")).toInt() == 0
                 ? tr("the embeddings")
                 : tr("layer %1").arg(result_.value(QStringLiteral("firstTop5")).toInt() - 1))
        .arg(result_.value(QStringLiteral("aboveMean")).toDouble(), 0, 'f', 2)
        .arg(result_.value(QStringLiteral("attentionTotal")).toDouble(), 0, 'f', 2)
        .arg(result_.value(QStringLiteral("mlpTotal")).toDouble(), 0, 'f', 2);
}

QVariantMap LayerLensLab::barsFigure() const {
    if (result_.isEmpty())
        return {};
    namespace palette = al::app::svg_palette;
    auto number = [this](const char* key) { return result_.value(QLatin1String(key)).toDouble(); };
    auto plain = [](double v) { return (v < 0 ? QStringLiteral("−") : QString()) + QString::number(std::abs(v), 'f', 2); };
    auto sign = [](double v) { return (v >= 0 ? QStringLiteral("+") : QStringLiteral("−")) + QString::number(std::abs(v), 'f', 2); };
    const QVariantList attention = result_.value(QStringLiteral("attention")).toList();
    const QVariantList mlp = result_.value(QStringLiteral("mlp")).toList();
    QVariantList rows{QVariantMap{{QStringLiteral("label"), tr("embeddings")},
                                  {QStringLiteral("bars"), QVariantList{QVariantMap{{QStringLiteral("name"), tr("emb.")},
                                                                                    {QStringLiteral("value"), number("embeddings")},
                                                                                    {QStringLiteral("colour"), palette::kMuted}}}}}};
    for (int l = 0; l < attention.size() && l < mlp.size(); ++l)
        rows << QVariantMap{{QStringLiteral("label"), tr("layer %1").arg(l)},
                            {QStringLiteral("bars"),
                             QVariantList{QVariantMap{{QStringLiteral("name"), tr("attn")}, {QStringLiteral("value"), attention[l]},
                                                      {QStringLiteral("colour"), palette::kAccent}},
                                          QVariantMap{{QStringLiteral("name"), tr("MLP")}, {QStringLiteral("value"), mlp[l]},
                                                      {QStringLiteral("colour"), palette::kSecond}}}}};
    const QString answer = result_.value(QStringLiteral("answer")).toString();
    QVariantMap numbers;
    for (const char* key : {"answer", "position", "attention", "mlp", "embeddings", "biases", "lnfBias", "logit",
                            "meanLogit", "aboveMean", "attentionTotal", "mlpTotal"})
        numbers.insert(QLatin1String(key), result_.value(QLatin1String(key)));
    return {{QStringLiteral("name"), QStringLiteral("direct-attribution")},
            {QStringLiteral("chart"), QStringLiteral("signed-bars")},
            {QStringLiteral("title"), tr("written into how far %1 stands above the average token").arg(answer)},
            {QStringLiteral("scale"), std::max(1e-9, number("maxPart"))},
            {QStringLiteral("rows"), rows},
            {QStringLiteral("note"),
             tr("Logit %1 − mean logit over the vocabulary (%2) = %3 = attention %4 + MLPs %5 + embeddings %6 + output biases %7 + final LayerNorm's bias %8.")
                 .arg(plain(number("logit")), plain(number("meanLogit")), plain(number("aboveMean")),
                      sign(number("attentionTotal")), sign(number("mlpTotal")), sign(number("embeddings")),
                      sign(number("biases")), sign(number("lnfBias")))},
            {QStringLiteral("numbers"), numbers}};
}
