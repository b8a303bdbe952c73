#include "ablation_lab.h"

#include <algorithm>

#include "attention_lens/forward.h"
#include "course_math.h"

namespace {

struct Prediction {
    QVariantList baseTop, top;
    double kl = 0;
    QString context;
};

struct Guide {
    QVariantMap strongest, compensation;
};

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

AblationLab::AblationLab(QObject* parent) : CourseLab(parent) {}

QStringList AblationLab::ablated() const { return ablated_; }

void AblationLab::setAblated(const QStringList& heads) {
    QStringList sorted = heads;
    sorted.removeDuplicates();
    sorted.sort();
    if (sorted == ablated_)
        return;
    ablated_ = sorted;
    emit ablatedChanged();
    predict();
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

void AblationLab::recompute() {
    predict();
    search();
}

void AblationLab::predict() {
    const auto model = this->model();
    if (!model)
        return;
    const std::string text = this->text().toStdString();
    const QStringList heads = ablated_;
    runJob<Prediction>(
        Priority::Figure,
        [model, text, heads](JobContext& ctx) {
            al::Runner runner(model);
            const std::vector<int> ids = course::tokenize(*model, text, 64);
            const al::Config& c = model->config();
            al::ForwardOptions plain;
            plain.keep_scores = false;
            plain.cancel = ctx.cancelFlag();
            const std::vector<double> base = course::softmax(runner.forward(ids, plain).logits_last);
            al::ForwardOptions o = plain;
            o.zero_ablate = parseHeads(heads, c.n_layer, c.n_head);
            const std::vector<double> p =
                o.zero_ablate.empty() ? base : course::softmax(runner.forward_full(ids, o).logits_last);
            Prediction out;
            out.baseTop = topList(*model, base, nullptr);
            out.top = topList(*model, p, &base);
            out.kl = course::kl(base, p);
            for (size_t i = ids.size() > 6 ? ids.size() - 6 : 0; i < ids.size(); ++i)
                out.context += QString::fromStdString(model->tokenizer() ? al::sanitize_utf8(model->tokenizer()->token_bytes(ids[i])) : "");
            return out;
        },
        [this](Prediction& p) {
            baseTop_ = p.baseTop;
            top_ = p.top;
            kl_ = p.kl;
            context_ = p.context;
            emit predictionChanged();
        },
        0);
}

void AblationLab::search() {
    const auto model = this->model();
    if (!model)
        return;
    const std::string text = this->text().toStdString();
    searching_ = true;
    emit guideChanged();
    runJob<Guide>(
        Priority::Search,
        [model, text](JobContext& ctx) {
            al::Runner runner(model);
            const std::vector<int> ids = course::tokenize(*model, text, 32);
            const int L = model->config().n_layer, H = model->config().n_head;
            al::ForwardOptions plain;
            plain.keep_scores = false;
            plain.cancel = ctx.cancelFlag();
            const std::vector<double> base = course::softmax(runner.forward_full(ids, plain).logits_last);
            // Progress for the bar: every forward below counts the same.
            const double forwards = double(L * H) + double(L) * H * (H - 1) / 2;
            int done = 0;
            auto klOf = [&](std::vector<al::HeadRef> heads) {
                ctx.setProgress(++done / forwards);
                al::ForwardOptions o = plain;
                o.zero_ablate = std::move(heads);
                return course::kl(base, course::softmax(runner.forward_full(ids, o).logits_last));
            };
            std::vector<double> single(L * H);
            for (int l = 0; l < L; ++l)
                for (int h = 0; h < H; ++h) single[l * H + h] = klOf({{l, h}});
            const int best = int(std::max_element(single.begin(), single.end()) - single.begin());
            Guide g;
            g.strongest = {{QStringLiteral("head"), headName(best / H, best % H)}, {QStringLiteral("kl"), single[best]}};
            // Pairs within a layer: the one whose joint removal exceeds the sum of its parts the most.
            double bestExcess = 0;
            for (int l = 0; l < L; ++l)
                for (int a = 0; a < H; ++a)
                    for (int b = a + 1; b < H; ++b) {
                        const double both = klOf({{l, a}, {l, b}});
                        const double excess = both - single[l * H + a] - single[l * H + b];
                        if (excess > bestExcess) {
                            bestExcess = excess;
                            g.compensation = {{QStringLiteral("a"), headName(l, a)}, {QStringLiteral("b"), headName(l, b)},
                                              {QStringLiteral("klA"), single[l * H + a]},
                                              {QStringLiteral("klB"), single[l * H + b]},
                                              {QStringLiteral("klBoth"), both}};
                        }
                    }
            return g;
        },
        [this](Guide& g) {
            strongest_ = g.strongest;
            compensation_ = g.compensation;
            searching_ = false;
            emit guideChanged();
        },
        1);
}
