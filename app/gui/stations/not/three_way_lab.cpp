#include "three_way_lab.h"

#include <QVariantList>
#include <chrono>
#include <cmath>

#include "attention_lens/forward.h"
#include "course_math.h"
#include "figure_words.h"
#include "head_three_way.h"
#include "token_labels.h"

void ThreeWayLab::recompute(const Input& in) {
    const int l = layerWithin(in.model->config().n_layer);
    const int h = headWithin(in.model->config().n_head);
    runJob<QVariantMap>(
        Priority::Figure,
        [model = in.model, text = in.text, l, h](JobContext& ctx) {
            const std::vector<int> ids = course::tokenize(*model, text, course::kTokenCap);
            al::Runner runner(model);
            al::ForwardOptions o;
            o.keep_hidden = true;
            o.keep_qkv = true;
            o.keep_scores = false;
            o.cancel = ctx.cancelFlag();
            const al::ForwardResult r = runner.forward(ids, o);
            const auto t0 = std::chrono::steady_clock::now();
            const course::HeadThreeWay w = course::headThreeWay(*model, r, l, h, ctx.cancelFlag());
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            const QStringList tokens = course::tokenLabels(*model, ids);
            QVariantList rows;
            for (size_t j = 0; j < ids.size(); ++j)
                rows << QVariantMap{{QStringLiteral("position"), int(j)},
                                    {QStringLiteral("token"), tokens.value(int(j))},
                                    {QStringLiteral("weight"), double(w.weight[j])},
                                    {QStringLiteral("share"), double(w.share[j])},
                                    {QStringLiteral("change"), double(w.change[j])}};
            auto list = [](const std::vector<int>& v) {
                QVariantList out;
                for (int j : v) out << j;
                return out;
            };
            return QVariantMap{{QStringLiteral("layer"), l},
                               {QStringLiteral("head"), h},
                               {QStringLiteral("position"), int(ids.size()) - 1},
                               {QStringLiteral("query"), tokens.value(int(ids.size()) - 1)},
                               {QStringLiteral("answer"), course::tokenLabels(*model, {w.token}).value(0)},
                               {QStringLiteral("logit"), double(w.cleanLogit)},
                               {QStringLiteral("rows"), rows},
                               {QStringLiteral("byWeight"), list(w.byWeight)},
                               {QStringLiteral("byShare"), list(w.byShare)},
                               {QStringLiteral("byRemoval"), list(w.byRemoval)},
                               {QStringLiteral("ms"), ms}};
        },
        keepIn(result_, &ThreeWayLab::resultChanged));
}

QString ThreeWayLab::description() const {
    const QVariantList rows = result_.value(QStringLiteral("rows")).toList();
    const QVariantList byWeight = result_.value(QStringLiteral("byWeight")).toList();
    const QVariantList byShare = result_.value(QStringLiteral("byShare")).toList();
    const QVariantList byRemoval = result_.value(QStringLiteral("byRemoval")).toList();
    if (rows.isEmpty() || byWeight.isEmpty() || byShare.isEmpty() || byRemoval.isEmpty())
        return tr("No measurement yet.");
    auto row = [&rows](const QVariant& p) { return rows.value(p.toInt()).toMap(); };
    auto name = [&](const QVariant& p) {
        return tr("%1 (position %2)").arg(figure_words::token(row(p).value(QStringLiteral("token")).toString())).arg(p.toInt());
    };
    const int w = byWeight.first().toInt(), s = byShare.first().toInt(), r = byRemoval.first().toInt();
    const QVariantMap rr = row(r);
    // The direction in words: a sign alone is easy to misread as "mattered more" or "less".
    const double change = rr.value(QStringLiteral("change")).toDouble();
    const QString text = change >= 0
        ? tr("Head %1.%2 at the last position: the largest weight is on %3 (%4); weighted by what each value moves, %5 comes first (%6); removing the value of %7 changes the logit of %8 against the mean logit most: it raises it by %9.")
        : tr("Head %1.%2 at the last position: the largest weight is on %3 (%4); weighted by what each value moves, %5 comes first (%6); removing the value of %7 changes the logit of %8 against the mean logit most: it lowers it by %9.");
    QString out = text.arg(result_.value(QStringLiteral("layer")).toInt())
                      .arg(result_.value(QStringLiteral("head")).toInt())
                      .arg(name(w), figure_words::number(row(w).value(QStringLiteral("weight")).toDouble()),
                           name(s), figure_words::number(row(s).value(QStringLiteral("share")).toDouble()),
                           name(r), figure_words::token(result_.value(QStringLiteral("answer")).toString()),
                           figure_words::number(std::abs(change), 3));
    if (w == s && s == r)
        return out + QLatin1Char(' ') + tr("All three agree on this head.");
    if (w != s && w != r) {
        // The raw weight stands alone: say how small its value is, or how little its removal does.
        const QVariantMap rw = row(w);
        const int shareRank = int(byShare.indexOf(w)) + 1, removalRank = int(byRemoval.indexOf(w)) + 1;
        return out + QLatin1Char(' ')
               + tr("The raw weight disagrees with both: its top position ranks %1 by the weighted share and %2 by removal (a change of %3).")
                     .arg(shareRank).arg(removalRank)
                     .arg(figure_words::number(rw.value(QStringLiteral("change")).toDouble(), 3));
    }
    if (w == s)
        return out + QLatin1Char(' ') + tr("Weight and weighted share agree; removal, which also counts what the later layers make of the value, points elsewhere.");
    return out + QLatin1Char(' ') + tr("Weight and removal agree; the weighted share points elsewhere.");
}
