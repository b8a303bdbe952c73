#include "temperature_lab.h"

#include "figure_words.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

#include "attention_lens/forward.h"
#include "attention_lens/generation.h"
#include "attention_lens/sampling.h"
#include "course_math.h"
#include "seeded_writing.h"
#include "token_labels.h"

std::vector<double> TemperatureLab::softmaxAt(const std::vector<double>& scores, double temperature) {
    if (temperature <= 0) {
        std::vector<double> out(scores.size(), 0.0);
        if (!scores.empty())
            out[std::max_element(scores.begin(), scores.end()) - scores.begin()] = 1.0;
        return out;
    }
    return course::softmax(scores, temperature);
}

QVariantList TemperatureLab::candidateScores() const {
    QVariantList out;
    for (double v : candidates_) out << v;
    return out;
}
void TemperatureLab::setCandidateScores(const QVariantList& s) {
    candidates_.clear();
    for (const QVariant& v : s) candidates_.push_back(v.toDouble());
    emit candidatesChanged();
}
QVariantList TemperatureLab::candidateWeights() const {
    QVariantList out;
    for (double v : softmaxAt(candidates_, temperature_)) out << v;
    return out;
}

void TemperatureLab::setTemperature(double t) {
    const double before = temperature_;
    sampleWith(temperature_, std::clamp(t, 0.0, 3.0));
    if (temperature_ != before)
        emit candidatesChanged(); // the softmax figure's weights follow the temperature
}

void TemperatureLab::recompute(const Input& in) {
    predict(in);
    headWhatIf(in);
}

void TemperatureLab::predict(const Input& in) {
    al::SamplingOptions o;
    o.temperature = float(temperature_);
    o.top_k = topK_;
    o.top_p = float(topP_);
    o.seed = uint64_t(seed_);
    const int count = generateCount_;
    runJob<Prediction>(
        Priority::Figure,
        [model = in.model, text = in.text, o, count](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            Prediction out;
            std::string textOut;
            // Seeded generation: the same seed, settings and text give the same continuation (the
            // generation figure writes it through the same function).
            auto distribution = [&](const al::ForwardResult& r) {
                const std::vector<float> dist = al::sampling_distribution(r.logits_last, o);
                const std::vector<double> p1 = course::softmax(r.logits_last);
                std::vector<double> d(dist.begin(), dist.end());
                for (float v : dist) out.kept += v > 0;
                for (int id : course::topk(d, 10))
                    out.distribution << QVariantMap{{QStringLiteral("token"), QString::fromStdString(course::tokenLabel(*model, id))},
                                                    {QStringLiteral("p"), d[id]}, {QStringLiteral("p1"), p1[id]}};
            };
            // The distribution is the whole text's; the writing reads it without the tokens that
            // leave no room to write (on a model with few positions), and then needs its own pass.
            const bool cut = course::promptWithRoom(*model, ids, count).size() < ids.size();
            if (cut) {
                al::Runner runner(model);
                al::ForwardOptions fo;
                fo.keep_scores = false;
                fo.cancel = ctx.cancelFlag();
                distribution(runner.forward(ids, fo));
            }
            al::Generation gen(model);
            course::writeSeeded(
                gen, ids, o, count, ctx.cancelFlag(), cut ? std::function<void(const al::ForwardResult&)>() : distribution,
                [&](const al::GenerationStep& s) {
                    textOut += model->tokenizer() ? model->tokenizer()->token_bytes(s.token) : std::to_string(s.token) + " ";
                });
            out.generated = QString::fromStdString(al::sanitize_utf8(textOut));
            return out;
        },
        keepIn(prediction_, &TemperatureLab::predictionChanged),
        0);
}

void TemperatureLab::headWhatIf(const Input& in) {
    const int l = layerWithin(in.model->config().n_layer);
    const int h = headWithin(in.model->config().n_head);
    const float t = float(headTemperature_);
    runJob<HeadWhatIf>(
        Priority::Figure,
        [model = in.model, text = in.text, l, h, t](JobContext& ctx) {
            al::Runner runner(model);
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::ForwardOptions plain;
            plain.keep_scores = false;
            plain.cancel = ctx.cancelFlag();
            const al::ForwardResult base = runner.forward_full(ids, plain);
            al::ForwardOptions o = plain;
            o.head_temperature = {{{l, h}, t}};
            const al::ForwardResult r = runner.forward_full(ids, o);
            HeadWhatIf out;
            const qreal nan = std::numeric_limits<qreal>::quiet_NaN();
            for (int i = 0; i < r.tokens; ++i)
                for (int j = 0; j < r.tokens; ++j)
                    out.pattern << (j > i ? nan : qreal(r.attention.at(l, h, i, j)));
            out.tokens = course::tokenLabels(*model, ids);
            out.kl = course::kl(course::softmax(base.logits_last), course::softmax(r.logits_last));
            return out;
        },
        keepIn(whatIf_, &TemperatureLab::patternChanged),
        1);
}

QString TemperatureLab::softmaxDescription() const {
    QStringList weights;
    for (const QVariant& w : candidateWeights())
        weights << figure_words::number(w.toDouble());
    return tr("At temperature %1 the six weights are %2.").arg(figure_words::number(temperature_), weights.join(QStringLiteral(", ")));
}

QString TemperatureLab::samplingDescription() const {
    if (prediction_.distribution.isEmpty())
        return tr("No prediction yet.");
    return tr("At temperature %1, with top-k %2 and top-p %3, the most likely next tokens are %4; %5 tokens keep a probability above zero.")
        .arg(figure_words::number(temperature_))
        .arg(topK_ > 0 ? QLocale().toString(topK_) : tr("off"))
        .arg(figure_words::number(topP_))
        .arg(figure_words::topTokens(prediction_.distribution))
        .arg(QLocale().toString(prediction_.kept));
}

QString TemperatureLab::headDescription() const {
    const int n = int(whatIf_.tokens.size());
    if (n == 0)
        return tr("No model loaded.");
    return figure_words::attendsMost(layer(), head(), whatIf_.tokens, n - 1, figure_words::rowPeak(whatIf_.pattern, n, n - 1)) + QLatin1Char(' ')
        + tr("At head temperature %1 the next-token prediction moves by KL %2 nats.").arg(figure_words::number(headTemperature_), figure_words::number(whatIf_.kl, 3));
}
