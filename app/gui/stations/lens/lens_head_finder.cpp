// The lens's "Find a head" buttons: the head of the current text that ranks highest on one census
// score (previous-token, sink) or lowest (entropy, for the most decisive head), with a sentence
// that says why. The ranking is the engine's (census::strongest_head), as everywhere else. The
// sink finder uses the census's own threshold: a head whose first-token share stays below it is
// no sink, so on such a text the finder says that there is none and shows the closest head.
#include "attention_lens/census.h"
#include "lens/lens_controller.h"
#include "figure_words.h"

QVariantMap LensController::findHead(const QString& kind) const {
    QVariantMap m;
    if (!result_ || result_->stats.empty())
        return m;
    const int H = result_->nHead;
    // Each finder ranks one census score; "decisive" wants the lowest entropy, so it ranks its negation.
    float lens::HeadStats::*score = nullptr;
    float sign = 1.f;
    if (kind == QLatin1String("previous-token")) {
        score = &lens::HeadStats::previousToken;
    } else if (kind == QLatin1String("sink")) {
        score = &lens::HeadStats::firstToken;
    } else if (kind == QLatin1String("decisive")) {
        score = &lens::HeadStats::entropyNf;
        sign = -1.f;
    } else {
        return m;
    }
    const auto& stats = result_->stats;
    const al::census::RankedHead ranked = al::census::strongest_head(
        int(stats.size()) / H, H, [&](int l, int h) { return sign * (stats[size_t(l) * H + h].*score); });
    const int best = ranked.head.layer < 0 ? -1 : ranked.head.layer * H + ranked.head.head;
    const float bestScore = sign * ranked.score;
    if (best < 0 || (kind != QLatin1String("sink") && result_->tokenCount() < 2))
        return m;
    m[QStringLiteral("layer")] = best / H;
    m[QStringLiteral("head")] = best % H;
    m[QStringLiteral("score")] = double(bestScore);
    m[QStringLiteral("kind")] = kind;
    const QString where = tr("Layer %1, head %2").arg(best / H).arg(best % H);
    if (kind == QLatin1String("previous-token")) {
        m[QStringLiteral("title")] = tr("Previous-token head");
        m[QStringLiteral("why")] = tr("%1 puts on average %2 of each token's attention on the token just "
                                      "before it — the highest of all heads for this text. (The second token is "
                                      "left out: the token before it is the first, where many heads rest anyway.)")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    } else if (kind == QLatin1String("sink") && bestScore >= al::census::kSinkMin) {
        m[QStringLiteral("sink")] = true;
        m[QStringLiteral("title")] = tr("Attention sink");
        m[QStringLiteral("why")] = tr("%1 puts on average %2 of each token's attention on the very first "
                                      "token. Models seem to use the first position as a place to park "
                                      "attention they do not need elsewhere.")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    } else if (kind == QLatin1String("sink")) {
        m[QStringLiteral("sink")] = false;
        m[QStringLiteral("title")] = tr("No attention sink on this text");
        m[QStringLiteral("why")] = tr("No head puts on average half or more of each token's attention on the "
                                      "first token here, the share from which the census calls a head a sink. The closest "
                                      "is layer %1, head %2, with on average %3 there.")
                                       .arg(best / H).arg(best % H).arg(figure_words::number(double(bestScore)));
    } else {
        m[QStringLiteral("title")] = tr("Most decisive head");
        m[QStringLiteral("why")] = tr("%1 has the lowest average entropy (%2 nats, first token left out): "
                                      "each token concentrates its attention on few others.")
                                       .arg(where).arg(figure_words::number(double(bestScore)));
    }
    return m;
}
