#include "induction_circuit.h"

#include "figure_words.h"

#include <QtNumeric>
#include <algorithm>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "course_math.h"
#include "token_labels.h"

namespace course {

InductionCircuit findInductionCircuit(const std::shared_ptr<const al::Model>& model, std::vector<int> passage,
                                      const std::atomic<bool>* cancel) {
    al::Runner runner(model);
    al::ForwardOptions plain;
    plain.keep_scores = false;
    plain.cancel = cancel;
    al::ForwardResult r;
    InductionCircuit c;
    static_cast<InductionCircuitHeads&>(c) = findInductionCircuitHeads(*model, runner, std::move(passage), cancel, &r);
    const int H = model->config().n_head;
    auto inductionOf = [&](const al::ForwardResult& res, int l, int h) {
        return al::census::induction(res.attention.dense(l, h), c.ids, false);
    };
    c.prevPattern = r.attention.dense(c.prevLayer, c.prevHead);
    c.indPattern = r.attention.dense(c.indLayer, c.indHead);
    // The causal test, and its control: every other head of the previous-token head's layer.
    for (int h = 0; h < H; ++h) {
        al::ForwardOptions o = plain;
        o.zero_ablate = {{c.prevLayer, h}};
        const al::ForwardResult k = runner.forward_full(c.ids, o);
        const double s = inductionOf(k, c.indLayer, c.indHead);
        if (h == c.prevHead) {
            c.indScoreWithoutPrev = s;
            c.indPatternWithoutPrev = k.attention.dense(c.indLayer, c.indHead);
        } else {
            c.controlMean += s;
            ++c.controlCount;
        }
    }
    if (c.controlCount > 0) c.controlMean /= c.controlCount;
    return c;
}

} // namespace course

namespace {
// A dense [T][T] pattern for HeatmapItem: the masked cells (after the diagonal) as NaN, drawn hatched.
QVariantList toList(const std::vector<float>& v, int T) {
    QVariantList out;
    out.reserve(qsizetype(v.size()));
    for (int i = 0; i < T; ++i)
        for (int j = 0; j < T; ++j) out << (j > i ? qQNaN() : double(v[size_t(i) * T + j]));
    return out;
}
QString name(int l, int h) { return QStringLiteral("%1.%2").arg(l).arg(h); }

QVariantMap toResult(const course::InductionCircuit& c, const QStringList& tokens) {
    const int T = int(c.ids.size());
    return {{QStringLiteral("tokens"), tokens}, {QStringLiteral("size"), T},
            {QStringLiteral("prevHead"), name(c.prevLayer, c.prevHead)}, {QStringLiteral("prevScore"), c.prevScore},
            {QStringLiteral("inductionHead"), name(c.indLayer, c.indHead)}, {QStringLiteral("inductionScore"), c.indScore},
            {QStringLiteral("inductionScoreWithoutPrev"), c.indScoreWithoutPrev},
            {QStringLiteral("controlMean"), c.controlMean}, {QStringLiteral("controlCount"), c.controlCount},
            {QStringLiteral("prevPattern"), toList(c.prevPattern, T)},
            {QStringLiteral("inductionPattern"), toList(c.indPattern, T)},
            {QStringLiteral("inductionPatternWithoutPrev"), toList(c.indPatternWithoutPrev, T)}};
}
} // namespace

InductionCircuitLab::InductionCircuitLab(QObject* parent) : CourseLab(parent), result_(toResult(c_, {})) {}

void InductionCircuitLab::recompute(const Input& in) {
    runJob<course::InductionCircuit>(
        Priority::Search, // 2 + n_head forwards of a short sequence; shown after the station's figures
        [model = in.model, text = in.text](JobContext& ctx) {
            std::vector<int> ids = course::tokenize(*model, text, course::InductionCircuit::kMaxPassage);
            if (ids.size() < 4) ids = course::tokenize(*model, course::defaultText(), course::InductionCircuit::kMaxPassage);
            return course::findInductionCircuit(model, ids, ctx.cancelFlag());
        },
        [this, model = in.model](course::InductionCircuit& c) {
            c_ = c;
            tokens_ = course::tokenLabels(*model, c.ids);
            result_ = toResult(c_, tokens_);
            emit resultChanged();
        });
}

QString InductionCircuitLab::description() const {
    if (tokens_.isEmpty() || c_.prevLayer < 0 || c_.indLayer < 0)
        return tr("No model loaded.");
    return tr("Previous-token head %1 (score %2) and head %3, the most induction-like (score %4, attention only), on %5 tokens, a passage written twice; with the first knocked out, the second scores %6.")
        .arg(name(c_.prevLayer, c_.prevHead), figure_words::number(c_.prevScore), name(c_.indLayer, c_.indHead),
             figure_words::number(c_.indScore))
        .arg(tokens_.size())
        .arg(figure_words::number(c_.indScoreWithoutPrev));
}
