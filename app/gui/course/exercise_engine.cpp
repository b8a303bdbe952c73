#include "exercise_engine.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "attention_lens/variants.h"
#include "course_math.h"
#include "knockout_search.h"

namespace course {
namespace {

struct Ctx {
    const QJsonObject& def;
    const QJsonObject params;
    al::Runner& runner;
    const std::vector<int>& ids;
    const al::Model& model;
    int L, H, T;
    const std::atomic<bool>* cancel = nullptr;
};

al::CensusOptions censusOptions(const Ctx& c) {
    al::CensusOptions o;
    o.cancel = c.cancel;
    return o;
}

QString label(const al::Model& m, int id) { return QString::fromStdString(tokenLabel(m, id)); }
QString quoted(const al::Model& m, int id) { return QStringLiteral("“%1”").arg(label(m, id)); }
QString num(double v, int prec = 3) { return QString::number(v, 'g', prec); }
QString headName(int l, int h) { return QStringLiteral("%1.%2").arg(l).arg(h); }

int paramLayer(const Ctx& c, const char* key = "layer", const char* dflt = "last") {
    const QJsonValue v = c.params.value(QLatin1String(key));
    const std::string spec = v.isDouble() ? std::to_string(v.toInt()) : v.toString(QLatin1String(dflt)).toStdString();
    return resolveLayer(spec, c.L);
}
int paramInt(const Ctx& c, const char* key, int dflt) { return c.params.value(QLatin1String(key)).toInt(dflt); }
double paramDouble(const Ctx& c, const char* key, double dflt) { return c.params.value(QLatin1String(key)).toDouble(dflt); }
int paramQuery(const Ctx& c) {
    const QJsonValue v = c.params.value(QStringLiteral("query"));
    if (v.isDouble())
        return std::clamp(v.toInt() < 0 ? c.T + v.toInt() : v.toInt(), 0, c.T - 1);
    return c.T - 1;
}

QVariantList tokenChoices(const al::Model& m, const std::vector<int>& ids) {
    QVariantList out;
    for (int id : ids)
        out << label(m, id);
    return out;
}

void optionChoices(const Ctx& c, ExerciseAnswer& a) {
    for (const QJsonValue& o : c.def.value(QStringLiteral("options")).toArray())
        a.choices << o.toObject().toVariantMap();
}
QString optionLabel(const Ctx& c, const QString& value) {
    for (const QJsonValue& o : c.def.value(QStringLiteral("options")).toArray())
        if (o.toObject().value(QStringLiteral("value")).toString() == value)
            return o.toObject().value(QStringLiteral("label")).toString(value);
    return value;
}
void setOption(const Ctx& c, ExerciseAnswer& a, const QString& value) {
    a.kind = QStringLiteral("option");
    optionChoices(c, a);
    a.answer = value;
    a.accept = {value};
    a.answerText = optionLabel(c, value);
}
void setNumber(ExerciseAnswer& a, double value, double tolerance, int prec = 4) {
    a.kind = QStringLiteral("number");
    a.answer = num(value, prec);
    a.accept = {a.answer};
    a.tolerance = tolerance;
    a.answerText = a.answer;
}
// Range questions: the exercise's options are buckets in order, split at `edges` (one fewer than
// the options). The answer is the bucket holding `value`; a value within `slack` of an edge also
// accepts the bucket on the other side, so rounding never decides a right or wrong answer.
void setBucket(const Ctx& c, ExerciseAnswer& a, double value, const std::vector<double>& edges, double slack) {
    QStringList values;
    for (const QJsonValue& o : c.def.value(QStringLiteral("options")).toArray())
        values << o.toObject().value(QStringLiteral("value")).toString();
    if (values.size() != int(edges.size()) + 1)
        throw al::Error("exercise \"" + c.def.value(QStringLiteral("id")).toString().toStdString() + "\" needs " +
                        std::to_string(edges.size() + 1) + " range options");
    auto bucketOf = [&](double v) { return int(std::upper_bound(edges.begin(), edges.end(), v) - edges.begin()); };
    setOption(c, a, values[bucketOf(value)]);
    for (double v : {value - slack, value + slack})
        if (!a.accept.contains(values[bucketOf(v)]))
            a.accept << values[bucketOf(v)];
}

void setHead(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest) {
    a.kind = QStringLiteral("head");
    a.layers = c.L;
    a.heads = c.H;
    const auto best = largest ? std::max_element(value.begin(), value.end()) : std::min_element(value.begin(), value.end());
    const int i = int(best - value.begin());
    a.answer = headName(i / c.H, i % c.H);
    a.answerText = QStringLiteral("head %1").arg(a.answer);
    for (size_t j = 0; j < value.size(); ++j)
        if (std::abs(value[j] - *best) <= 1e-9 + 1e-6 * std::abs(*best))
            a.accept << headName(int(j) / c.H, int(j) % c.H);
}

// A head question answered by reasoning, not by luck: instead of one head out of L x H, a shortlist
// of five, the answer and each of four other layers' own extreme head (layers spread over the
// model), topped up with the next most extreme heads on small models. `value` is [L*H].
void setHeadShortlist(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest) {
    setHead(c, a, value, largest);
    auto better = [&](int x, int y) { return largest ? value[x] > value[y] : value[x] < value[y]; };
    const int answer = a.answer.section(QLatin1Char('.'), 0, 0).toInt() * c.H + a.answer.section(QLatin1Char('.'), 1, 1).toInt();
    std::vector<int> perLayer; // each other layer's extreme head
    for (int l = 0; l < c.L; ++l) {
        if (l == answer / c.H) continue;
        int best = l * c.H;
        for (int h = 1; h < c.H; ++h) if (better(l * c.H + h, best)) best = l * c.H + h;
        perLayer.push_back(best);
    }
    std::vector<int> picks{answer};
    const int want = std::min(5, c.L * c.H);
    const int fromLayers = std::min<int>(want - 1, int(perLayer.size()));
    for (int i = 0; i < fromLayers; ++i) // evenly spread over the other layers
        picks.push_back(perLayer[size_t(i * perLayer.size() / fromLayers)]);
    std::vector<int> rest(value.size());
    std::iota(rest.begin(), rest.end(), 0);
    std::stable_sort(rest.begin(), rest.end(), better);
    for (int i : rest)
        if (int(picks.size()) < want && std::find(picks.begin(), picks.end(), i) == picks.end()) picks.push_back(i);
    std::sort(picks.begin(), picks.end());
    a.choices.clear();
    QStringList accept;
    for (int i : picks) {
        const QString name = headName(i / c.H, i % c.H);
        a.choices << name;
        if (a.accept.contains(name)) accept << name;
    }
    a.accept = accept;
}

al::ForwardResult run(const Ctx& c, al::ForwardOptions o = {}) {
    o.cancel = c.cancel;
    return c.runner.forward_full(c.ids, o);
}

std::vector<double> nextProbs(const al::ForwardResult& r) { return softmax(r.logits_last); }

// ---- Station 2: the math ----

ExerciseAnswer headDim(const Ctx& c) {
    ExerciseAnswer a;
    const al::Config& cfg = c.model.config();
    setNumber(a, cfg.head_dim(), 0);
    a.detail = QObject::tr("Every one of the %2 heads reads all %1 numbers of a position's residual stream and "
                           "projects them down with its own matrices to %1 / %2 = %3 numbers for its query, key "
                           "and value.")
                   .arg(cfg.n_embd).arg(cfg.n_head).arg(cfg.head_dim());
    return a;
}

ExerciseAnswer topScoreKey(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = paramQuery(c);
    const al::ForwardResult r = run(c);
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids);
    double best = -1;
    int arg = 0;
    for (int j = 0; j <= q; ++j)
        if (r.attention.at(l, h, q, j) > best) { best = r.attention.at(l, h, q, j); arg = j; }
    a.answer = QString::number(arg);
    for (int j = 0; j <= q; ++j)
        if (std::abs(r.attention.at(l, h, q, j) - best) <= 1e-6)
            a.accept << QString::number(j);
    a.row = q;
    a.focusHead = headName(l, h);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("In head %1, the query of %2 scores highest against the key of %3: score %4, "
                           "softmax weight %5. The largest score always gets the largest weight.")
                   .arg(headName(l, h), quoted(c.model, c.ids[q]), quoted(c.model, c.ids[arg]),
                        num(r.scores.at(l, h, q, arg)), num(best));
    return a;
}

ExerciseAnswer unscaledPeak(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1), q = paramQuery(c);
    const al::ForwardResult r = run(c);
    const double sqrtd = std::sqrt(double(c.model.config().head_dim()));
    std::vector<double> scaled, unscaled;
    for (int j = 0; j <= q; ++j) {
        scaled.push_back(r.scores.at(l, h, q, j));
        unscaled.push_back(r.scores.at(l, h, q, j) * sqrtd);
    }
    const std::vector<double> pscaled = softmax(scaled);
    const double ps = *std::max_element(pscaled.begin(), pscaled.end());
    const std::vector<double> pu = softmax(unscaled);
    const double peak = *std::max_element(pu.begin(), pu.end());
    ExerciseAnswer a;
    // Options: below 0.5, 0.5 to 0.9, 0.9 to 0.99, 0.99 or more.
    setBucket(c, a, peak, {0.5, 0.9, 0.99}, 0.002);
    a.detail = QObject::tr("For %1 in head %2 the largest weight is %3 with the scaling and %4 without it: "
                           "every score %5 times larger, so every gap between scores %5 times wider.")
                   .arg(quoted(c.model, c.ids[q]), headName(l, h), num(ps), num(peak), num(sqrtd));
    return a;
}

// Station 1's question: in a head (an index "L.H" or the head the census ranks highest for a
// label, e.g. "previous-token"), which token does the query attend to most?
ExerciseAnswer argmaxAttention(const Ctx& c) {
    const QJsonValue hv = c.params.value(QStringLiteral("head"));
    const int q = paramQuery(c);
    const bool hideFirst = c.params.value(QStringLiteral("hide_first")).toBool(false);
    int l = paramLayer(c, "layer", "last"), h = 0;
    if (hv.isDouble()) {
        h = std::clamp(hv.toInt(), 0, c.H - 1);
    } else if (hv.toString().contains(QLatin1Char('.'))) {
        l = std::clamp(hv.toString().section(QLatin1Char('.'), 0, 0).toInt(), 0, c.L - 1);
        h = std::clamp(hv.toString().section(QLatin1Char('.'), 1, 1).toInt(), 0, c.H - 1);
    } else {
        const std::string want = hv.toString(QStringLiteral("previous-token")).toStdString();
        double best = -1;
        for (const al::HeadScores& s : al::head_census(c.runner, c.ids, censusOptions(c))) {
            const double v = want == "previous-token" ? s.previous_token_nf : want == "sink" ? s.first_token
                           : want == "self" ? s.self_nf : want == "induction" ? s.induction_nf
                           : want == "duplicate" ? s.duplicate_token_nf : s.mean_distance_nf;
            if (v > best) { best = v; l = s.head.layer; h = s.head.head; }
        }
    }
    const al::ForwardResult r = run(c);
    const int from = hideFirst && q > 0 ? 1 : 0;
    double best = -1;
    int arg = from;
    for (int j = from; j <= q; ++j)
        if (r.attention.at(l, h, q, j) > best) { best = r.attention.at(l, h, q, j); arg = j; }
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids);
    a.row = q;
    a.answer = QString::number(arg);
    for (int j = from; j <= q; ++j)
        if (std::abs(r.attention.at(l, h, q, j) - best) <= 1e-6) a.accept << QString::number(j);
    a.focusHead = headName(l, h);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("Head %1: %2 gives its largest weight, %3, to %4.")
                   .arg(headName(l, h), quoted(c.model, c.ids[q]), num(best, 2), quoted(c.model, c.ids[arg]));
    return a;
}

// ---- Station 3: heads ----

ExerciseAnswer countSinks(const Ctx& c) {
    const int l = paramLayer(c);
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    int sinks = 0;
    QStringList labels;
    for (const al::HeadScores& s : census)
        if (s.head.layer == l) {
            sinks += s.label == "sink";
            labels << QStringLiteral("%1 %2").arg(headName(l, s.head.head), QString::fromStdString(s.label));
        }
    ExerciseAnswer a;
    setNumber(a, sinks, 0);
    a.detail = QObject::tr("On your text, layer %1's heads are labelled: %2. A sink puts most of its weight on the "
                           "first token (Xiao et al. 2023); the labels are heuristics.").arg(l).arg(labels.join(QStringLiteral(", ")));
    if (sinks == 0)
        a.note = QObject::tr("Trained models such as GPT-2 small usually have many heads that rest on the first token; "
                             "this model has none labelled sink in layer %1 on your text.").arg(l);
    return a;
}

ExerciseAnswer largestAblationHead(const Ctx& c) {
    // Every head knocked out once: the knock-out lab's search (batched by layer, and shared with
    // the lab when both ask about the same text).
    const KnockoutSearch k = runKnockoutSearch(c.runner.model_ptr(), c.ids, c.cancel);
    const std::vector<double>& kls = k.kl;
    ExerciseAnswer a;
    setHeadShortlist(c, a, kls, true);
    const double mx = *std::max_element(kls.begin(), kls.end());
    std::vector<double> sorted = kls;
    std::sort(sorted.begin(), sorted.end());
    a.detail = QObject::tr("Knocking out head %1 moves the next-token prediction by KL %2 nats; the median head "
                           "moves it by %3.").arg(a.answer, num(mx), num(sorted[sorted.size() / 2]));
    return a;
}

ExerciseAnswer positionalEarlyLate(const Ctx& c) {
    const std::vector<al::HeadScores> census = al::head_census(c.runner, c.ids, censusOptions(c));
    auto positional = [](const std::string& s) { return s == "previous-token" || s == "self"; };
    int first = 0, last = 0;
    for (const al::HeadScores& s : census) {
        if (s.head.layer == 0) first += positional(s.label);
        if (s.head.layer == c.L - 1) last += positional(s.label);
    }
    ExerciseAnswer a;
    setOption(c, a, first > last ? QStringLiteral("early") : first < last ? QStringLiteral("late") : QStringLiteral("same"));
    a.detail = QObject::tr("Heads labelled previous-token or self: %1 of %2 in layer 0, %3 of %2 in layer %4.")
                   .arg(first).arg(c.H).arg(last).arg(c.L - 1);
    if (a.answer != QLatin1String("early"))
        a.note = QObject::tr("In GPT-2 small the previous-token heads Wang et al. (2022) found, 2.2 and 4.11, sit in "
                             "early layers, where later induction heads can build on them (Elhage et al. 2021; Olsson "
                             "et al. 2022). This model does not show more such heads in its first layer than in its "
                             "last on your text.");
    return a;
}

bool isPronoun(std::string s) {
    while (!s.empty() && (s[0] == ' ')) s.erase(0, 1);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    static const char* list[] = {"she", "he", "it", "they", "her", "him", "them", "his", "its", "their"};
    return std::any_of(std::begin(list), std::end(list), [&](const char* p) { return s == p; });
}

ExerciseAnswer pronounTarget(const Ctx& c0) {
    std::vector<int> ids = c0.ids;
    int q = -1;
    const al::Tokenizer* tok = c0.model.tokenizer();
    auto find = [&] {
        q = -1;
        for (int i = int(ids.size()) - 1; i > 0 && tok; --i)
            if (isPronoun(tok->token_bytes(ids[i]))) { q = i; break; }
    };
    find();
    QString note;
    if (q < 0) {
        ids = tokenize(c0.model, defaultText(), kTokenCap);
        find();
        note = QObject::tr("Your text has no pronoun after its first word, so this exercise uses the example "
                           "sentence “%1”.").arg(QString::fromUtf8(defaultText()));
    }
    if (q < 0)
        throw al::Error("no pronoun to ask about");
    Ctx c{c0.def, c0.params, c0.runner, ids, c0.model, c0.L, c0.H, int(ids.size())};
    const int l = paramLayer(c);
    const al::ForwardResult r = run(c);
    std::vector<double> mean(q + 1, 0.0);
    for (int h = 0; h < c.H; ++h)
        for (int j = 1; j <= q; ++j) // the first token is left out: most heads rest there
            mean[j] += r.attention.at(l, h, q, j) / c.H;
    int arg = 1;
    for (int j = 1; j <= q; ++j)
        if (mean[j] > mean[arg]) arg = j;
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, ids);
    a.answer = QString::number(arg);
    // Every copy of the winning token counts: the learner names a word, not one of its positions.
    for (int j = 1; j <= q; ++j)
        if (ids[j] == ids[arg]) a.accept << QString::number(j);
    a.row = q;
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, ids[arg])).arg(arg);
    a.promptText = QObject::tr("In layer %1, averaged over its heads and leaving out the first token, which token "
                               "does the pronoun %2 (token %3) attend to most? Click it.")
                       .arg(l).arg(quoted(c.model, ids[q])).arg(q);
    if (!note.isEmpty())
        a.promptText = note + QLatin1Char(' ') + a.promptText;
    a.detail = QObject::tr("Averaged over layer %1's %2 heads (leaving out the first token), the pronoun %3 "
                           "(token %4) puts %5 of its weight on %6. Where a weight goes is not what the pronoun "
                           "means: in BERT, Clark et al. (2019) found single heads whose attention links a "
                           "pronoun to what it refers to fairly often, and an average over heads blurs such heads.")
                   .arg(l).arg(c.H).arg(quoted(c.model, ids[q])).arg(q).arg(num(mean[arg], 2)).arg(quoted(c.model, ids[arg]));
    a.note = note;
    return a;
}

// ---- Station 4: the causal mask ----

// Which token a row of the mask grid's head weighs most: the largest *allowed* score wins, however
// large a later token's score would have been. In layer 0 the scores do not depend on the mask (its
// inputs are the embeddings), so a maskless run shows what the blocked cells held.
ExerciseAnswer maskedRowArgmax(const Ctx& c) {
    const int row = std::clamp(paramInt(c, "row", 3), 0, c.T - 1);
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    double best = -1;
    int arg = 0;
    for (int j = 0; j <= row; ++j)
        if (r.attention.at(l, h, row, j) > best) { best = r.attention.at(l, h, row, j); arg = j; }
    ExerciseAnswer a;
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids); // every token: a later one is a possible (wrong) guess
    a.answer = QString::number(arg);
    for (int j = 0; j <= row; ++j)
        if (std::abs(r.attention.at(l, h, row, j) - best) <= 1e-6) a.accept << QString::number(j);
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[arg])).arg(arg);
    a.detail = QObject::tr("In head %1, row %2 (%3) may see tokens 0 to %2; the largest of those scores, %4, "
                           "belongs to %5, which gets weight %6. Every later token gets exactly 0.")
                   .arg(headName(l, h)).arg(row).arg(quoted(c.model, c.ids[row]))
                   .arg(num(r.scores.at(l, h, row, arg))).arg(quoted(c.model, c.ids[arg])).arg(num(best, 3));
    if (l == 0 && row + 1 < c.T) {
        al::ForwardOptions o;
        o.causal_mask = false;
        const al::ForwardResult open = run(c, o);
        int later = row + 1;
        for (int j = row + 1; j < c.T; ++j)
            if (open.scores.at(l, h, row, j) > open.scores.at(l, h, row, later)) later = j;
        if (open.scores.at(l, h, row, later) > r.scores.at(l, h, row, arg))
            a.detail += QLatin1Char(' ') +
                        QObject::tr("Without the mask, the later token %1 would have scored higher still (%2).")
                            .arg(quoted(c.model, c.ids[later])).arg(num(open.scores.at(l, h, row, later)));
    }
    return a;
}

ExerciseAnswer unmaskTopChanges(const Ctx& c) {
    const al::ForwardResult with = run(c);
    al::ForwardOptions o;
    o.causal_mask = false;
    const al::ForwardResult without = run(c, o);
    const int a1 = argmax(with.logits_last), a2 = argmax(without.logits_last);
    const std::vector<double> p = nextProbs(with), q = nextProbs(without);
    ExerciseAnswer a;
    setOption(c, a, a1 != a2 ? QStringLiteral("yes") : QStringLiteral("no"));
    a.detail = QObject::tr("With the mask the top next token is %1 (%2); without it, %3 (%4). KL between the two "
                           "predictions: %5 nats. The last token already sees everything, but the earlier tokens' "
                           "vectors now mix in later tokens, and that reaches the last position through the layers.")
                   .arg(quoted(c.model, a1), num(p[a1], 2), quoted(c.model, a2), num(q[a2], 2), num(kl(p, q)));
    return a;
}

// The second row has two allowed cells: the weight on the first token is 1 / (1 + e^(s1 - s0)).
ExerciseAnswer secondRowFirstWeight(const Ctx& c) {
    if (c.T < 2)
        throw al::Error("this exercise needs a text of at least two tokens");
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    const double w = r.attention.at(l, h, 1, 0);
    ExerciseAnswer a;
    a.row = 1;
    // Options: below 0.25, 0.25 to 0.5, 0.5 to 0.75, 0.75 or more.
    setBucket(c, a, w, {0.25, 0.5, 0.75}, 0.002);
    a.detail = QObject::tr("In head %1, %2 may see only %3 and itself. Scores: %4 for %3, %5 for itself; "
                           "the softmax of the two gives %3 weight %6.")
                   .arg(headName(l, h), quoted(c.model, c.ids[1]), quoted(c.model, c.ids[0]),
                        num(r.scores.at(l, h, 1, 0)), num(r.scores.at(l, h, 1, 1)), num(w, 3));
    return a;
}

// ---- Station 5: temperature ----

// The top token's probability at a temperature below 1: p_T(top) = p(top)^(1/T) / sum_i p(i)^(1/T).
ExerciseAnswer topProbAtTemperature(const Ctx& c) {
    const double t = paramDouble(c, "temperature", 0.5);
    if (!(t > 0))
        throw al::Error("the exercise's temperature must be above 0");
    const al::ForwardResult r = run(c);
    const std::vector<double> p1 = softmax(r.logits_last), pt = softmax(r.logits_last, t);
    const int top = argmax(r.logits_last);
    ExerciseAnswer a;
    // Options: below 0.25, 0.25 to 0.5, 0.5 to 0.9, 0.9 or more.
    setBucket(c, a, pt[top], {0.25, 0.5, 0.9}, 0.002);
    // The reasoning starts from the probability at temperature 1, which the veiled figure would show.
    a.promptText = QObject::tr("At temperature 1 the most likely next token for your text, %1, has probability %2. "
                               "Lower the temperature to %3: what probability will it get?")
                       .arg(quoted(c.model, top), num(p1[top], 2), num(t, 2));
    a.detail = QObject::tr("The top token %1 has probability %2 at temperature 1 and %3 at temperature %4.")
                   .arg(quoted(c.model, top), num(p1[top]), num(pt[top]), num(t, 2));
    return a;
}

// How many tokens top-p keeps at a temperature: the fewest most likely tokens whose probabilities
// reach p. Asked as a range, because the exact count among tens of thousands is not something to
// reason out, but its order of magnitude is.
ExerciseAnswer nucleusSize(const Ctx& c) {
    const double p = paramDouble(c, "top_p", 0.9), t = paramDouble(c, "temperature", 1.0);
    const al::ForwardResult r = run(c);
    al::SamplingOptions o;
    o.top_p = float(p);
    o.temperature = float(t);
    const std::vector<float> dist = al::sampling_distribution(r.logits_last, o);
    int kept = 0;
    for (float v : dist) kept += v > 0;
    al::SamplingOptions at1 = o;
    at1.temperature = 1.0f;
    int kept1 = 0;
    for (float v : al::sampling_distribution(r.logits_last, at1)) kept1 += v > 0;
    ExerciseAnswer a;
    // Options: 1, 2 to 10, 11 to 100, 101 to 1,000, more than 1,000 (no slack: counts are exact).
    setBucket(c, a, kept, {1.5, 10.5, 100.5, 1000.5}, 0);
    a.detail = QObject::tr("At temperature %1, top-p %2 keeps %3 of %4 tokens.").arg(num(t, 2), num(p, 2)).arg(kept).arg(dist.size());
    if (std::abs(t - 1.0) > 1e-9)
        a.detail += QLatin1Char(' ') + QObject::tr("At temperature 1 it keeps %1.").arg(kept1);
    return a;
}

// ---- Station 6: what attention isn't ----

ExerciseAnswer leastPatternSensitiveHead(const Ctx& c) {
    al::VariantRunner vr(c.runner.model_ptr(), c.ids, c.cancel);
    const std::vector<double> p = softmax(vr.clean().logits_last);
    std::vector<al::ForwardOptions> variants(size_t(c.L) * c.H);
    for (int i = 0; i < c.L * c.H; ++i) {
        al::PatternReplacement rep;
        rep.head = {i / c.H, i % c.H};
        rep.kind = al::PatternKind::Uniform;
        variants[i].replace_pattern = {rep};
    }
    std::vector<double> kls;
    for (const al::VariantResult& r : vr.run(variants)) kls.push_back(kl(p, softmax(r.logits_last)));
    ExerciseAnswer a;
    setHeadShortlist(c, a, kls, false);
    a.detail = QObject::tr("Replacing head %1's pattern with uniform weights moves the prediction by only %2 nats; "
                           "the most sensitive head moves it by %3. A pattern that is already nearly even changes little when made "
                           "uniform, and even a striking pattern can matter little if later layers make little use of "
                           "what the head writes.")
                   .arg(a.answer, num(*std::min_element(kls.begin(), kls.end())), num(*std::max_element(kls.begin(), kls.end())));
    return a;
}

ExerciseAnswer labelStable(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    QStringList labels;
    std::vector<std::string> seen;
    for (const QJsonValue& t : c.params.value(QStringLiteral("texts")).toArray()) {
        const std::vector<int> ids = tokenize(c.model, t.toString().toStdString(), kTokenCap);
        for (const al::HeadScores& s : al::head_census(c.runner, ids, censusOptions(c)))
            if (s.head.layer == l && s.head.head == h) {
                labels << QString::fromStdString(s.label);
                seen.push_back(s.label);
            }
    }
    if (seen.empty())
        throw al::Error("the exercise names no texts");
    const bool same = std::all_of(seen.begin(), seen.end(), [&](const std::string& s) { return s == seen[0]; });
    ExerciseAnswer a;
    setOption(c, a, same ? QStringLiteral("yes") : QStringLiteral("no"));
    a.detail = QObject::tr("Head %1's label on the %2 texts: %3. Labels summarise one text's pattern; whether a head "
                           "keeps its label across texts has to be tested, not assumed.").arg(headName(l, h)).arg(seen.size()).arg(labels.join(QStringLiteral(", ")));
    return a;
}

// Attention's multiply-adds against the rest of one layer, for the learner's text: the scores and
// weighted sums take 2·T²·d over the full T × T grid (T²·d over the allowed half), the projections
// and the MLP 12·T·d² (with the usual MLP width 4d; the model's own width is used when it differs).
ExerciseAnswer attentionCostShare(const Ctx& c) {
    const al::Config& cfg = c.model.config();
    const double T = c.T, d = cfg.n_embd, f = cfg.n_inner > 0 ? cfg.n_inner : 4.0 * d;
    const double attention = 2.0 * T * T * d, rest = 4.0 * T * d * d + 2.0 * T * d * f;
    const double full = attention / rest, half = full / 2;
    ExerciseAnswer a;
    // Options: below 1%, 1% to 5%, 5% to 25%, 25% or more. Either way of counting the grid is right.
    setBucket(c, a, full, {0.01, 0.05, 0.25}, 0);
    ExerciseAnswer other;
    setBucket(c, other, half, {0.01, 0.05, 0.25}, 0);
    for (const QString& v : other.accept)
        if (!a.accept.contains(v)) a.accept << v;
    a.detail = QObject::tr("Your text has %1 tokens and the model's width is %2: attention's scores and weighted "
                           "sums take %3 multiply-adds over the full grid (%4 over the allowed half), the "
                           "projections and the MLP %5. Attention's arithmetic is %6% of the rest's (%7% over "
                           "the allowed half).")
                   .arg(c.T).arg(cfg.n_embd).arg(num(attention, 3), num(attention / 2, 3), num(rest, 3),
                                                 num(100 * full, 2), num(100 * half, 2));
    return a;
}

using Fn = std::function<ExerciseAnswer(const Ctx&)>;
const std::map<QString, Fn>& registry() {
    static const std::map<QString, Fn> r = {
        {QStringLiteral("argmax_attention"), argmaxAttention},
        {QStringLiteral("head_dim"), headDim},
        {QStringLiteral("top_score_key"), topScoreKey},
        {QStringLiteral("unscaled_peak"), unscaledPeak},
        {QStringLiteral("count_sinks"), countSinks},
        {QStringLiteral("largest_ablation_head"), largestAblationHead},
        {QStringLiteral("positional_early_late"), positionalEarlyLate},
        {QStringLiteral("pronoun_target"), pronounTarget},
        {QStringLiteral("masked_row_argmax"), maskedRowArgmax},
        {QStringLiteral("unmask_top_changes"), unmaskTopChanges},
        {QStringLiteral("second_row_first_weight"), secondRowFirstWeight},
        {QStringLiteral("top_prob_at_temperature"), topProbAtTemperature},
        {QStringLiteral("nucleus_size"), nucleusSize},
        {QStringLiteral("least_pattern_sensitive_head"), leastPatternSensitiveHead},
        {QStringLiteral("label_stable"), labelStable},
        {QStringLiteral("attention_cost_share"), attentionCostShare},
    };
    return r;
}

} // namespace

QVariantMap ExerciseAnswer::toVariant() const {
    return {{QStringLiteral("kind"), kind},         {QStringLiteral("answer"), answer},
            {QStringLiteral("accept"), accept},     {QStringLiteral("tolerance"), tolerance},
            {QStringLiteral("answerText"), answerText}, {QStringLiteral("detail"), detail},
            {QStringLiteral("note"), note},         {QStringLiteral("choices"), choices},
            {QStringLiteral("layers"), layers},     {QStringLiteral("heads"), heads},
            {QStringLiteral("row"), row},           {QStringLiteral("focusHead"), focusHead},
            {QStringLiteral("promptText"), promptText}};
}

QStringList exerciseFunctions() {
    QStringList out;
    for (const auto& [name, fn] : registry())
        out << name;
    return out;
}

ExerciseAnswer computeExercise(const QJsonObject& exercise, al::Runner& runner, const std::vector<int>& ids,
                               const std::atomic<bool>* cancel) {
    const QString name = exercise.value(QStringLiteral("compute")).toString();
    const auto it = registry().find(name);
    if (it == registry().end())
        throw al::Error("unknown exercise function \"" + name.toStdString() + "\"");
    if (ids.empty())
        throw al::Error("no tokens to work on");
    const al::Model& m = runner.model();
    Ctx c{exercise, exercise.value(QStringLiteral("params")).toObject(), runner, ids, m,
          m.config().n_layer, m.config().n_head, int(ids.size()), cancel};
    ExerciseAnswer a = it->second(c);
    const QString declared = exercise.value(QStringLiteral("kind")).toString();
    if (!declared.isEmpty() && declared != a.kind)
        throw al::Error("exercise \"" + exercise.value(QStringLiteral("id")).toString().toStdString() + "\" declares kind " +
                        declared.toStdString() + " but " + name.toStdString() + " answers with a " + a.kind.toStdString());
    return a;
}

bool gradePrediction(const ExerciseAnswer& a, const QString& prediction) {
    return gradePrediction(a.toVariant(), prediction);
}

bool gradePrediction(const QVariantMap& a, const QString& prediction) {
    const QString p = prediction.trimmed();
    if (a.value(QStringLiteral("kind")).toString() == QLatin1String("number")) {
        bool ok1 = false, ok2 = false;
        const double x = p.toDouble(&ok1), y = a.value(QStringLiteral("answer")).toString().toDouble(&ok2);
        return ok1 && ok2 && std::abs(x - y) <= a.value(QStringLiteral("tolerance")).toDouble() + 1e-9;
    }
    return a.value(QStringLiteral("accept")).toStringList().contains(p);
}

} // namespace course
