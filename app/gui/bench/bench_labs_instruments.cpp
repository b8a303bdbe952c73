// al-bench-labs, the per-head instruments of Stations 3 and 6: the value-weighted tiles, patching,
// the score split and the three-way comparison, each on its own and as its figure shows it
// (bench_labs.h).
#include <QCoreApplication>
#include <QSignalSpy>
#include <QThread>
#include <algorithm>
#include <cmath>
#include <ctime>

#include "attention_lens/patching.h"
#include "attention_lens/score_parts.h"
#include "attention_lens/value_weighted.h"
#include "bench_labs.h"
#include "heads/heads_lab.h"
#include "heads/patching_pair.h"
#include "heads/score_split_lab.h"
#include "not/head_three_way.h"
#include "not/three_way_lab.h"

namespace bench {

// Station 3's value-weighted head tiles at T = 64: every head's value norms (al::value_norms_all,
// all layers at once, from the forward the lab kept), on their own and as the grid shows them,
// from turning the toggle on until the tiles hold the value-weighted patterns.
void timeHeadTilesValueWeighted(const std::shared_ptr<const al::Model>& model) {
    const KeptForward kept = keptForward(model, spreadIds(*model, 64), false);
    const auto& c = model->config();
    const double norms = medianMs(5, [&](int) { (void)al::value_norms_all(*model, kept.result); });
    std::printf("  %-44s median %6.1f ms (%d heads, T = %d)\n", "all heads' value norms", norms, c.n_layer * c.n_head,
                kept.result.tokens);
    HeadsLab lab;
    lab.setFollowHub(false);
    QElapsedTimer start;
    start.start();
    lab.setModel(model, longText());
    if (settle(lab, start) < 0) {
        std::printf("  the heads grid did not settle\n");
        return;
    }
    // The first toggle on a text computes the norms; later ones reuse them and only re-slice.
    std::vector<double> ms;
    for (int run = 0; run < 5; ++run) {
        lab.setValueWeighted(false);
        QElapsedTimer t;
        t.start();
        lab.setValueWeighted(true);
        while (!(lab.valueWeightsReady() && !lab.busy()) && t.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QThread::usleep(200);
        }
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const double first = ms.front();
    std::sort(ms.begin() + 1, ms.end());
    std::printf("  %-44s first %6.1f ms · again median %6.1f ms (T = %d)\n", "value-weighted head tiles after the toggle",
                first, ms[2], int(lab.tokens().size()));
    std::fflush(stdout);
}

// Station 3's patching grids on their own, at the longest text the station patches (32 tokens):
// the pair differs at its second token, so no variant can skip a common prefix (the worst case).
void timePatching(const std::shared_ptr<const al::Model>& model) {
    const QString text = QStringLiteral("When Mary and John went to the store on a sunny afternoon in the middle of May, "
                                        "John gave a cold drink and a small cake to the");
    std::vector<int> clean = model->tokenizer()->encode(text.toStdString());
    clean.resize(std::min<size_t>(clean.size(), 32));
    std::vector<int> corrupted = clean;
    corrupted[1] = model->tokenizer()->encode(" John").front();
    QElapsedTimer t;
    t.start();
    const al::Patching p = al::patching_prepare(model, clean, corrupted, 1, 2);
    const double prepare = t.restart() / 1000.0;
    al::patch_heads(p);
    const double heads = t.restart() / 1000.0;
    al::patch_mlps(p);
    const double mlps = t.restart() / 1000.0;
    const std::clock_t cpu = std::clock(); // both cores busy: about twice the wall time
    al::patch_positions(p);
    const double positions = t.restart() / 1000.0, positionsCpu = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    std::printf("  %-34s %8.2f s (both runs %.2f s, MLPs %.2f s, positions %.2f s, CPU %.2f s; T = %zu)\n",
                "Station 3: patching, 144 heads", heads, prepare, mlps, positions, positionsCpu, clean.size());
    // The learner's own text: the replacements tried and the chosen pair's two runs (the card and
    // the figure each do this before their grids).
    course::TextPatching own = course::patchText(model, clean);
    const double choose = t.restart() / 1000.0;
    std::printf("  %-34s %8.2f s (%zu replacements tried; T = %zu)\n", "Station 3: patching pair of a text", choose,
                own.tried.size(), clean.size());
    std::fflush(stdout);
}

// Station 3's score split at T = 64, in the last layer (the most parts: 2 embeddings, 11 × 12 heads,
// 11 MLPs, the biases): one cell taken apart, one head's position/content summary, a whole
// layer's summaries, each from a kept forward pass (the lab keeps one per text); then the lab
// from a clicked cell until its result is shown.
void timeScoreSplit(const std::shared_ptr<const al::Model>& model) {
    const int T = 64, L = model->config().n_layer, H = model->config().n_head;
    const KeptForward f = keptForward(model, spreadIds(*model, T), true);
    const double cell = medianMs(5, [&](int n) {
        const al::ScoreParts p = al::decompose_score(*model, f.result, L - 1, n, T - 1 - n, 3 * n);
        if (std::abs(p.sum - p.score) > 1e-3 * std::max(1.0, std::abs(p.score)))
            std::printf("  the parts do not add up to the score (%g vs %g)\n", p.sum, p.score);
    });
    const double head = medianMs(5, [&](int n) { al::score_split(*model, f.result, L - 1, n); });
    const double layer = medianMs(1, [&](int) {
        for (int h = 0; h < H; ++h) al::score_split(*model, f.result, L - 1, h);
    });
    std::printf("  %-44s %6.1f ms (the forward pass it reads, hidden states and q, k, v kept: %.1f ms)\n",
                "one cell's decomposition (median of 5)", cell, f.ms);
    std::printf("  %-44s %6.1f ms\n", "one head's position/content summary (median)", head);
    std::printf("  %-44s %6.1f ms (%d heads)\n", "a whole layer's summaries", layer, H);

    ScoreSplitLab lab;
    lab.setFollowHub(false);
    lab.setLayer(L - 1);
    const double first = secondsUntilShown(lab, model, longText());
    QSignalSpy shown(&lab, &ScoreSplitLab::resultChanged);
    QElapsedTimer t;
    t.start();
    lab.pickCell(40, 7);
    const double click = settle(lab, t, [&] { return shown.count() == 0; });
    std::printf("  %-44s %6.2f s · a cell clicked after: %.2f s (T = %d)\n", "score-split figure, first result", first, click,
                lab.result().value(QStringLiteral("size")).toInt());
    std::fflush(stdout);
}

// Station 6's three answers for one head at T = 64 (head_three_way.h): raw weights, value-weighted
// shares and the removal of each position's value, from a kept forward pass; heads of the first
// layer (eleven layers rerun after them, the most work) and of the last. Then the lab, from a new
// text until its figure is shown (its own forward pass included).
void timeThreeWay(const std::shared_ptr<const al::Model>& model) {
    const int T = 64, L = model->config().n_layer;
    const KeptForward f = keptForward(model, spreadIds(*model, T), false);
    const double first = medianMs(5, [&](int h) { course::headThreeWay(*model, f.result, 0, h); });
    const double last = medianMs(5, [&](int h) { course::headThreeWay(*model, f.result, L - 1, h); });
    std::printf("  %-44s %6.1f ms · a head of the last layer: %.1f ms (medians of 5; the forward pass it reads: %.1f ms)\n",
                "three-way comparison, a head of layer 0", first, last, f.ms);
    ThreeWayLab lab;
    const double s = secondsUntilShown(lab, model, longText());
    std::printf("  %-44s %6.2f s (T = %d)\n", "three-way figure, new text until shown", s,
                int(lab.result().value(QStringLiteral("rows")).toList().size()));
    std::fflush(stdout);
}

} // namespace bench
