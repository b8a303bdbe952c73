// Reading an exercise's params, filling in an answer of each kind, and running the model (see
// exercise_context.h).
#include "exercise_context.h"

#include <QJsonArray>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "attention_lens/error.h"
#include "course_math.h"

namespace course::answers {

al::CensusOptions censusOptions(const Ctx& c) {
    al::CensusOptions o;
    o.cancel = c.cancel;
    return o;
}

QString label(const al::Model& m, int id) { return QString::fromStdString(tokenLabel(m, id)); }
QString quoted(const al::Model& m, int id) { return QStringLiteral("“%1”").arg(label(m, id)); }
// Written as the interface's language writes numbers (0.5 or 0,5): the texts a learner reads.
QString num(double v, int prec) {
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(v, 'g', prec);
}
QString headName(int l, int h) { return QStringLiteral("%1.%2").arg(l).arg(h); }

int paramLayer(const Ctx& c, const char* key, const char* dflt) {
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

std::vector<double> paramEdges(const Ctx& c, const std::vector<double>& dflt) {
    const QJsonArray list = c.params.value(QStringLiteral("edges")).toArray();
    if (list.isEmpty()) return dflt;
    std::vector<double> out;
    for (const QJsonValue& e : list) out.push_back(e.toDouble());
    if (!std::is_sorted(out.begin(), out.end()))
        throw al::Error("exercise \"" + c.def.value(QStringLiteral("id")).toString().toStdString() + "\": params.edges must increase");
    return out;
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
QString optionValueAt(const Ctx& c, int index) {
    const QJsonArray options = c.def.value(QStringLiteral("options")).toArray();
    if (index < 0 || index >= options.size())
        throw al::Error("exercise \"" + c.def.value(QStringLiteral("id")).toString().toStdString() + "\" needs " +
                        std::to_string(index + 1) + " options");
    return options[index].toObject().value(QStringLiteral("value")).toString();
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
void setNumber(ExerciseAnswer& a, double value, double tolerance, int prec) {
    a.kind = QStringLiteral("number");
    a.answer = QString::number(value, 'g', prec); // what grading reads: always with a point
    a.accept = {a.answer};
    a.tolerance = tolerance;
    a.answerText = num(value, prec);
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
    a.measured = QString::number(value, 'g', 6);
    for (double v : {value - slack, value + slack})
        if (!a.accept.contains(values[bucketOf(v)]))
            a.accept << values[bucketOf(v)];
}

// A "most" question accepts every head within 2x of the best, a "least" one every head within 2x
// above it: a guess that close to the best is not wrong, and rounding must not decide.
void setHead(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& value, bool largest) {
    a.kind = QStringLiteral("head");
    a.layers = c.L;
    a.heads = c.H;
    const auto best = largest ? std::max_element(value.begin(), value.end()) : std::min_element(value.begin(), value.end());
    const int i = int(best - value.begin());
    a.answer = headName(i / c.H, i % c.H);
    a.answerText = QStringLiteral("head %1").arg(a.answer);
    a.extreme = largest ? QStringLiteral("most") : QStringLiteral("least");
    a.scores.clear();
    for (size_t j = 0; j < value.size(); ++j) {
        const QString name = headName(int(j) / c.H, int(j) % c.H);
        a.scores.insert(name, value[j]);
        if (nearBest(value[j], *best, largest))
            a.accept << name;
    }
}

bool nearBest(double v, double best, bool largest) {
    return largest ? v * 2 >= best - 1e-12 : v <= best * 2 + 1e-12;
}

void setTokenArgmax(const Ctx& c, ExerciseAnswer& a, const std::vector<double>& weight, int from, int to, int row) {
    a.kind = QStringLiteral("token");
    a.choices = tokenChoices(c.model, c.ids);
    a.row = row;
    int arg = from;
    for (int j = from; j <= to; ++j)
        if (weight[size_t(j)] > weight[size_t(arg)]) arg = j;
    a.answer = QString::number(arg);
    a.extreme = QStringLiteral("most");
    a.scores.clear();
    a.accept.clear();
    for (int j = from; j <= to; ++j) {
        a.scores.insert(QString::number(j), weight[size_t(j)]);
        if (nearBest(weight[size_t(j)], weight[size_t(arg)], true)) a.accept << QString::number(j);
    }
    a.answerText = QObject::tr("%1 (token %2)").arg(quoted(c.model, c.ids[size_t(arg)])).arg(arg);
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
    QVariantMap offered; // only the shortlist is offered, so only it is compared
    for (const QVariant& name : a.choices) offered.insert(name.toString(), a.scores.value(name.toString()));
    a.scores = offered;
}

al::ForwardResult run(const Ctx& c, al::ForwardOptions o) {
    o.cancel = c.cancel;
    return c.runner.forward_full(c.ids, o);
}

std::vector<double> nextProbs(const al::ForwardResult& r) { return softmax(r.logits_last); }

} // namespace course::answers
