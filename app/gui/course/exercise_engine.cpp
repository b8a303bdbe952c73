#include "exercise_engine.h"

#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "attention_lens/census.h"
#include "attention_lens/error.h"
#include "attention_lens/sampling.h"
#include "course_math.h"

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
    a.detail = QObject::tr("This model's residual stream has %1 numbers per token, split evenly over %2 heads: "
                           "%1 / %2 = %3 numbers in each head's query, key and value.")
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
    setOption(c, a, peak > ps + 1e-6 ? QStringLiteral("up") : peak < ps - 1e-6 ? QStringLiteral("down") : QStringLiteral("same"));
    a.detail = QObject::tr("For %1 in head %2 the largest weight is %3 with the scaling and %4 without it "
                           "(scores %5 times larger). Bigger gaps between scores make the softmax more peaked.")
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
                           "first token (Xiao 2023); the labels are heuristics.").arg(l).arg(labels.join(QStringLiteral(", ")));
    if (sinks == 0)
        a.note = QObject::tr("Large trained models such as GPT-2 small have many sink heads; this model has none in "
                             "layer %1 on your text.").arg(l);
    return a;
}

ExerciseAnswer largestAblationHead(const Ctx& c) {
    const al::ForwardResult base = run(c);
    const std::vector<double> p = nextProbs(base);
    std::vector<double> kls;
    for (int l = 0; l < c.L; ++l)
        for (int h = 0; h < c.H; ++h) {
            al::ForwardOptions o;
            o.keep_scores = false;
            o.zero_ablate = {{l, h}};
            kls.push_back(kl(p, nextProbs(run(c, o))));
        }
    ExerciseAnswer a;
    setHead(c, a, kls, true);
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
        a.note = QObject::tr("Studies of GPT-2 small find previous-token heads mostly in early layers, where induction "
                             "heads build on them (Olsson 2022). This model does not show more of them in its first "
                             "layer than in its last on your text.");
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
        ids = tokenize(c0.model, defaultText(), 64);
        find();
        note = QObject::tr("Your text has no pronoun after its first word, so this exercise uses the example sentence.");
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
    a.accept = {a.answer};
    a.row = q;
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, ids[arg])).arg(arg);
    a.detail = QObject::tr("Averaged over layer %1's %2 heads (leaving out the first token), the pronoun %3 "
                           "(token %4) puts %5 of its weight on %6. Name-mover heads in GPT-2 small do this "
                           "kind of lookup (Wang 2022).")
                   .arg(l).arg(c.H).arg(quoted(c.model, ids[q])).arg(q).arg(num(mean[arg], 2)).arg(quoted(c.model, ids[arg]));
    a.note = note;
    return a;
}

// ---- Station 4: the causal mask ----

ExerciseAnswer maskedRowVisible(const Ctx& c) {
    const int row = std::clamp(paramInt(c, "row", 2), 0, c.T - 1);
    const al::ForwardResult r = run(c);
    int visible = 0;
    // The engine stores only the allowed cells of each row (row_length); the rest are −∞ scores.
    for (int j = 0; j < c.T; ++j)
        visible += j < r.scores.row_length(row) && std::isfinite(r.scores.at(0, 0, row, j)) ? 1 : 0;
    ExerciseAnswer a;
    setNumber(a, visible, 0);
    a.row = row;
    a.choices = tokenChoices(c.model, c.ids);
    a.detail = QObject::tr("Row %1 is %2. Its scores are finite for positions 0 to %3 (itself and every earlier "
                           "token) and −∞ for the %4 later ones, which the softmax turns into weight 0.")
                   .arg(row).arg(quoted(c.model, c.ids[row])).arg(row).arg(c.T - visible);
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

ExerciseAnswer firstRowSelf(const Ctx& c) {
    const int l = paramLayer(c, "layer", "first"), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    const al::ForwardResult r = run(c);
    ExerciseAnswer a;
    setNumber(a, r.attention.at(l, h, 0, 0), 0.01, 3);
    a.detail = QObject::tr("The first token can see only itself, so the softmax over its single allowed score gives "
                           "weight %1 — in every head of every layer.").arg(num(r.attention.at(l, h, 0, 0), 4));
    return a;
}

// ---- Station 5: temperature ----

ExerciseAnswer temperatureZero(const Ctx& c) {
    const al::ForwardResult r = run(c);
    al::SamplingOptions o;
    o.temperature = 0;
    const std::vector<float> dist = al::sampling_distribution(r.logits_last, o);
    int nonzero = 0;
    for (float v : dist) nonzero += v > 0;
    const int top = argmax(r.logits_last);
    ExerciseAnswer a;
    setOption(c, a, nonzero == 1 && dist[top] > 0.999f ? QStringLiteral("top") : QStringLiteral("random"));
    a.detail = QObject::tr("At temperature 0 the distribution sampled from has %1 token(s) with any probability: "
                           "%2, the top-scoring one. Every seed gives the same text.").arg(nonzero).arg(quoted(c.model, top));
    return a;
}

ExerciseAnswer topProbAtTemperature(const Ctx& c) {
    const double t = paramDouble(c, "temperature", 2.0);
    const al::ForwardResult r = run(c);
    const std::vector<double> p1 = softmax(r.logits_last), pt = softmax(r.logits_last, t);
    const int top = argmax(r.logits_last);
    ExerciseAnswer a;
    setOption(c, a, pt[top] > p1[top] + 1e-9 ? QStringLiteral("up") : pt[top] < p1[top] - 1e-9 ? QStringLiteral("down") : QStringLiteral("same"));
    a.detail = QObject::tr("The top token %1 has probability %2 at temperature 1 and %3 at temperature %4.")
                   .arg(quoted(c.model, top), num(p1[top]), num(pt[top]), num(t, 2));
    return a;
}

ExerciseAnswer topPCount(const Ctx& c) {
    const double p = paramDouble(c, "top_p", 0.9);
    const al::ForwardResult r = run(c);
    al::SamplingOptions o;
    o.top_p = float(p);
    const std::vector<float> dist = al::sampling_distribution(r.logits_last, o);
    int kept = 0;
    for (float v : dist) kept += v > 0;
    ExerciseAnswer a;
    setNumber(a, kept, std::max(1.0, 0.25 * kept), 6);
    a.detail = QObject::tr("Top-p %1 keeps the smallest set of most likely tokens whose probabilities add up to %1: "
                           "for your text that is %2 of %3 tokens. Within a quarter of that counts as right.")
                   .arg(num(p, 2)).arg(kept).arg(dist.size());
    return a;
}

// ---- Station 6: what attention isn't ----

ExerciseAnswer leastPatternSensitiveHead(const Ctx& c) {
    const std::vector<double> p = nextProbs(run(c));
    std::vector<double> kls;
    for (int l = 0; l < c.L; ++l)
        for (int h = 0; h < c.H; ++h) {
            al::ForwardOptions o;
            o.keep_scores = false;
            al::PatternReplacement rep;
            rep.head = {l, h};
            rep.kind = al::PatternKind::Uniform;
            o.replace_pattern = {rep};
            kls.push_back(kl(p, nextProbs(run(c, o))));
        }
    ExerciseAnswer a;
    setHead(c, a, kls, false);
    a.detail = QObject::tr("Replacing head %1's pattern with uniform weights moves the prediction by only %2 nats; "
                           "the most sensitive head moves it by %3. A striking pattern can matter little.")
                   .arg(a.answer, num(*std::min_element(kls.begin(), kls.end())), num(*std::max_element(kls.begin(), kls.end())));
    return a;
}

ExerciseAnswer labelStable(const Ctx& c) {
    const int l = paramLayer(c), h = std::clamp(paramInt(c, "head", 0), 0, c.H - 1);
    QStringList labels;
    std::vector<std::string> seen;
    for (const QJsonValue& t : c.params.value(QStringLiteral("texts")).toArray()) {
        const std::vector<int> ids = tokenize(c.model, t.toString().toStdString(), 64);
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
    a.detail = QObject::tr("Head %1's label on the %2 texts: %3. Labels summarise one text's pattern; a head can do "
                           "different jobs on different inputs.").arg(headName(l, h)).arg(seen.size()).arg(labels.join(QStringLiteral(", ")));
    return a;
}

ExerciseAnswer attentionCostGrowth(const Ctx& c) {
    const int t = std::clamp(paramInt(c, "tokens", 256), 2, c.model.config().n_positions / 2);
    const double hd = c.model.config().head_dim();
    // Multiply-adds of the scores (q·k) and the weighted sum of values, over allowed cells.
    auto ops = [&](double n) { return 2.0 * c.L * c.H * hd * n * (n + 1) / 2.0; };
    const double ratio = ops(2 * t) / ops(t);
    ExerciseAnswer a;
    setNumber(a, ratio, 0.5, 3);
    a.detail = QObject::tr("Counting this model's multiply-adds for the scores and the weighted sums: %1 at %2 tokens, "
                           "%3 at %4 tokens, %5 times as many. The rest of the layer grows only in proportion to the "
                           "tokens (2×).").arg(num(ops(t), 3), QString::number(t), num(ops(2 * t), 3), QString::number(2 * t), num(ratio, 3));
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
        {QStringLiteral("masked_row_visible"), maskedRowVisible},
        {QStringLiteral("unmask_top_changes"), unmaskTopChanges},
        {QStringLiteral("first_row_self"), firstRowSelf},
        {QStringLiteral("temperature_zero"), temperatureZero},
        {QStringLiteral("top_prob_at_temperature"), topProbAtTemperature},
        {QStringLiteral("top_p_count"), topPCount},
        {QStringLiteral("least_pattern_sensitive_head"), leastPatternSensitiveHead},
        {QStringLiteral("label_stable"), labelStable},
        {QStringLiteral("attention_cost_growth"), attentionCostGrowth},
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
            {QStringLiteral("row"), row}};
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
