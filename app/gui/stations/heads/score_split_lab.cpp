#include "score_split_lab.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "attention_lens/error.h"
#include "attention_lens/forward.h"
#include "attention_lens/score_parts.h"
#include "course_math.h"
#include "figure_words.h"
#include "token_labels.h"

// The forward pass the decomposition reads, kept while the model and text stay.
struct ScoreSplitLab::Forward {
    std::shared_ptr<const al::Model> model;
    std::string text;
    al::ForwardResult result;
    QStringList tokens;
};

void ScoreSplitLab::setQuery(int q) {
    if (assignIfChanged(query_, q)) {
        emit selectionChanged();
        selectionMoved();
    }
}

void ScoreSplitLab::setKey(int k) {
    if (assignIfChanged(key_, k)) {
        emit selectionChanged();
        selectionMoved();
    }
}

void ScoreSplitLab::pickCell(int query, int key) {
    const bool moved = assignIfChanged(query_, query) | assignIfChanged(key_, key);
    if (moved) {
        emit selectionChanged();
        selectionMoved();
    }
}

namespace {

QVariantMap splitMap(const al::ScoreSplit& s) {
    return {{QStringLiteral("head"), s.head},
            {QStringLiteral("position"), s.position},
            {QStringLiteral("content"), s.content},
            {QStringLiteral("biases"), s.biases}};
}

} // namespace

void ScoreSplitLab::recompute(const Input& in) {
    std::shared_ptr<const Forward> kept = forward_;
    if (kept && (kept->model != in.model || kept->text != in.text))
        kept.reset();
    const int wantLayer = layer(), wantHead = head(), wantQuery = query_, wantKey = key_;
    // The layer's shares stay while the text and layer do: a new cell or head of the same layer
    // takes only its own decomposition.
    QVariantList keptSplits;
    if (kept && result_.value(QStringLiteral("layer")).toInt() == wantLayer)
        keptSplits = result_.value(QStringLiteral("layerSplits")).toList();
    struct Out {
        std::shared_ptr<const Forward> forward;
        QVariantMap result;
    };
    runJob<Out>(
        Priority::Figure,
        [model = in.model, text = in.text, kept, keptSplits, wantLayer, wantHead, wantQuery, wantKey](JobContext& ctx) {
            Out out;
            if (kept) {
                out.forward = kept;
            } else {
                auto f = std::make_shared<Forward>();
                f->model = model;
                f->text = text;
                const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
                al::Runner runner(model);
                al::ForwardOptions o;
                o.cancel = ctx.cancelFlag();
                o.keep_hidden = true;
                o.keep_qkv = true;
                f->result = runner.forward_full(ids, o);
                f->tokens = course::tokenLabels(*model, ids);
                out.forward = f;
            }
            const al::Model& m = *model;
            const al::ForwardResult& r = out.forward->result;
            const int L = m.config().n_layer, H = m.config().n_head, T = int(r.ids.size());
            const int l = std::clamp(wantLayer, 0, L - 1), h = std::clamp(wantHead, 0, H - 1);
            // The cell: the last query and its most-weighted key unless one was picked.
            const int q = wantQuery < 0 || wantQuery >= T ? T - 1 : wantQuery;
            int k = wantKey;
            if (k < 0 || k > q) {
                k = 0;
                for (int j = 1; j <= q; ++j)
                    if (r.attention.at(l, h, q, j) > r.attention.at(l, h, q, k)) k = j;
            }
            QVariantList layerSplits = keptSplits.size() == H ? keptSplits : QVariantList();
            for (int hh = int(layerSplits.size()); hh < H; ++hh) {
                if (ctx.cancelled()) throw al::Cancelled();
                layerSplits << splitMap(al::score_split(m, r, l, hh));
            }
            const QVariantMap split = layerSplits[h].toMap();
            const al::ScoreParts parts = al::decompose_score(m, r, l, h, q, k);
            const size_t P = parts.parts.size();
            std::vector<size_t> order(P * P);
            std::iota(order.begin(), order.end(), size_t(0));
            std::stable_sort(order.begin(), order.end(),
                             [&](size_t a, size_t b) { return std::abs(parts.terms[a]) > std::abs(parts.terms[b]); });
            QVariantList terms;
            double rest = 0;
            for (size_t n = 0; n < order.size(); ++n) {
                const size_t i = order[n];
                if (int(n) < kTerms)
                    terms << QVariantMap{{QStringLiteral("query"), QString::fromStdString(parts.parts[i / P].name())},
                                         {QStringLiteral("key"), QString::fromStdString(parts.parts[i % P].name())},
                                         {QStringLiteral("value"), parts.terms[i]}};
                else
                    rest += parts.terms[i];
            }
            QVariantList pattern;
            for (float v : r.attention.dense(l, h)) pattern << double(v);
            const QVariantMap cell{{QStringLiteral("query"), q},
                                   {QStringLiteral("key"), k},
                                   {QStringLiteral("weight"), double(r.attention.at(l, h, q, k))},
                                   {QStringLiteral("score"), parts.score},
                                   {QStringLiteral("sum"), parts.sum},
                                   {QStringLiteral("terms"), terms},
                                   {QStringLiteral("rest"), rest},
                                   {QStringLiteral("restCount"), int(P * P) - int(terms.size())},
                                   {QStringLiteral("parts"), int(P)}};
            out.result = {{QStringLiteral("layer"), l},
                          {QStringLiteral("head"), h},
                          {QStringLiteral("layers"), L},
                          {QStringLiteral("heads"), H},
                          {QStringLiteral("size"), T},
                          {QStringLiteral("tokens"), out.forward->tokens},
                          {QStringLiteral("pattern"), pattern},
                          {QStringLiteral("split"), split},
                          {QStringLiteral("layerSplits"), layerSplits},
                          {QStringLiteral("cell"), cell}};
            return out;
        },
        [this](Out& out) {
            forward_ = out.forward;
            result_ = out.result;
            emit resultChanged();
        });
}

QString ScoreSplitLab::description() const {
    if (result_.isEmpty())
        return tr("No model loaded.");
    const QVariantMap s = result_.value(QStringLiteral("split")).toMap();
    const QVariantMap c = result_.value(QStringLiteral("cell")).toMap();
    return tr("Head %1.%2: %3% of its choice of keys comes from position, %4% from content, %5% from the fixed biases. "
              "Its score from query %6 to key %7 is %8.")
        .arg(result_.value(QStringLiteral("layer")).toInt())
        .arg(result_.value(QStringLiteral("head")).toInt())
        .arg(std::lround(100 * s.value(QStringLiteral("position")).toDouble()))
        .arg(std::lround(100 * s.value(QStringLiteral("content")).toDouble()))
        .arg(std::lround(100 * s.value(QStringLiteral("biases")).toDouble()))
        .arg(c.value(QStringLiteral("query")).toInt())
        .arg(c.value(QStringLiteral("key")).toInt())
        .arg(figure_words::number(c.value(QStringLiteral("score")).toDouble()));
}
