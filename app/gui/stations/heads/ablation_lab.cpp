#include "ablation_lab.h"

#include "figure_words.h"

#include <algorithm>

#include "attention_lens/forward.h"
#include "course_math.h"
#include "knockout_search.h"

namespace {

std::vector<al::HeadRef> parseHeads(const QStringList& list, int L, int H) {
    std::vector<al::HeadRef> out;
    for (const QString& s : list) {
        const QStringList p = s.split(QLatin1Char('.'));
        if (p.size() != 2) continue;
        const int l = p[0].toInt(), h = p[1].toInt();
        if (l >= 0 && l < L && h >= 0 && h < H) out.push_back({l, h});
    }
    return out;
}

QVariantList topList(const al::Model& m, const std::vector<double>& p, const std::vector<double>* base) {
    QVariantList out;
    for (int id : course::topk(p, 5)) {
        QVariantMap e{{QStringLiteral("token"), QString::fromStdString(course::tokenLabel(m, id))},
                      {QStringLiteral("p"), p[id]}};
        if (base) e.insert(QStringLiteral("baseP"), (*base)[id]);
        out << e;
    }
    return out;
}

QString headName(int l, int h) { return QStringLiteral("%1.%2").arg(l).arg(h); }

} // namespace

QStringList AblationLab::ablated() const { return ablated_; }

void AblationLab::setAblated(const QStringList& heads) {
    QStringList sorted = heads;
    sorted.removeDuplicates();
    sorted.sort();
    if (!assignIfChanged(ablated_, sorted))
        return;
    emit ablatedChanged();
    rerun(&AblationLab::predict);
}

void AblationLab::toggle(int layer, int head) {
    QStringList next = ablated_;
    const QString name = headName(layer, head);
    if (!next.removeOne(name))
        next << name;
    setAblated(next);
}

bool AblationLab::isAblated(int layer, int head) const { return ablated_.contains(headName(layer, head)); }
void AblationLab::clear() { setAblated({}); }

void AblationLab::recompute(const Input& in) {
    predict(in);
    search(in);
}

void AblationLab::predict(const Input& in) {
    const QStringList heads = ablated_;
    runJob<Prediction>(
        Priority::Figure,
        [model = in.model, text = in.text, heads](JobContext& ctx) {
            al::Runner runner(model);
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            const al::Config& c = model->config();
            al::ForwardOptions plain;
            plain.keep_scores = false;
            plain.cancel = ctx.cancelFlag();
            const std::vector<float> baseLogits = runner.forward(ids, plain).logits_last;
            const std::vector<double> base = course::softmax(baseLogits);
            al::ForwardOptions o = plain;
            o.zero_ablate = parseHeads(heads, c.n_layer, c.n_head);
            const std::vector<float> logits = o.zero_ablate.empty() ? baseLogits : runner.forward_full(ids, o).logits_last;
            const std::vector<double> p = course::softmax(logits);
            Prediction out;
            const int top = course::argmax(baseLogits);
            out.topToken = QString::fromStdString(course::tokenLabel(*model, top));
            out.dLogit = double(logits[top]) - double(baseLogits[top]);
            out.baseTop = topList(*model, base, nullptr);
            out.top = topList(*model, p, &base);
            out.kl = course::kl(base, p);
            for (size_t i = ids.size() > 6 ? ids.size() - 6 : 0; i < ids.size(); ++i)
                out.context += QString::fromStdString(model->tokenizer() ? al::sanitize_utf8(model->tokenizer()->token_bytes(ids[i])) : "");
            return out;
        },
        keepIn(prediction_, &AblationLab::predictionChanged),
        0);
}

void AblationLab::search(const Input& in) {
    searching_ = true;
    emit guideChanged();
    runJob<Guide>(
        Priority::Search,
        [model = in.model, text = in.text](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            const course::KnockoutSearch k =
                course::runKnockoutSearch(model, ids, ctx.cancelFlag(), [&ctx](double f) { ctx.setProgress(f); });
            const int H = k.heads;
            auto name = [H](int i) { return headName(i / H, i % H); };
            Guide g;
            g.strongest = {{QStringLiteral("head"), name(k.strongest)},
                           {QStringLiteral("dLogit"), k.dLogit[k.strongest]},
                           {QStringLiteral("kl"), k.kl[k.strongest]}};
            const int widest = int(std::max_element(k.kl.begin(), k.kl.end()) - k.kl.begin());
            g.widest = {{QStringLiteral("head"), name(widest)}, {QStringLiteral("kl"), k.kl[widest]}};
            if (k.pairA >= 0)
                g.pair = {{QStringLiteral("a"), name(k.pairA)}, {QStringLiteral("b"), name(k.pairB)},
                          {QStringLiteral("dA"), k.pairDA}, {QStringLiteral("dB"), k.pairDB},
                          {QStringLiteral("dBoth"), k.pairDBoth}};
            if (k.backupFound())
                g.backup = {{QStringLiteral("of"), name(k.strongest)}, {QStringLiteral("head"), name(k.backup)},
                            {QStringLiteral("before"), k.backupDirectIntact},
                            {QStringLiteral("after"), k.backupDirectKnocked}};
            QString later;
            if (k.laterHeadsChecked == 0)
                later = QObject::tr("Head %1 is in the last layer, so no later head can take over its job.").arg(name(k.strongest));
            else if (!k.backupFound())
                later = QObject::tr("With head %1 off, no head of the %2 in later layers raised its direct effect by a "
                                    "tenth of head %1's effect or more: this test finds no backup head on this text (a head "
                                    "could still make up for it through later layers).")
                            .arg(name(k.strongest)).arg(k.laterHeadsChecked);
            else
                later = QObject::tr("With head %1 off, the direct effect of each of the %2 heads in later layers was "
                                    "compared with its value when all heads are on.")
                            .arg(name(k.strongest)).arg(k.laterHeadsChecked);
            g.searched = QObject::tr("Searched: all %1 heads one at a time; then every pair among the %2 whose single "
                                     "knock-out moved the logit most (%3 pairs, in any layers). %4")
                             .arg(k.layers * k.heads).arg(k.candidates).arg(k.pairsTried).arg(later);
            return g;
        },
        [this](Guide& g) {
            guide_ = std::move(g);
            searching_ = false;
            emit guideChanged();
        },
        1);
}

QString AblationLab::description() const {
    if (prediction_.top.isEmpty())
        return tr("No prediction yet.");
    const QStringList out = ablated();
    if (out.isEmpty())
        return tr("No head knocked out: the model predicts %1.").arg(figure_words::topTokens(prediction_.top));
    return tr("Knocked out %1: the model predicts %2; KL from the intact model %3 nats; the logit of %4 changed by %5.")
        .arg(out.join(QStringLiteral(", ")), figure_words::topTokens(prediction_.top), figure_words::number(prediction_.kl, 3),
             figure_words::token(prediction_.topToken), figure_words::number(prediction_.dLogit));
}
