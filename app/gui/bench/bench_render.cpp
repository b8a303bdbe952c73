// Render benchmark for Station 1: GPT-2-small-sized random model (12 layers x 12 heads = 144 heads),
// 64 tokens. A synthetic hover loop moves the pointer over the all-heads overview and the matrix
// and across the tokens; each frame repaints both items (their real paint() code) into an image
// the size of the window. Prints median and 95th-percentile frame times.
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQml/QQmlExtensionPlugin>
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "attention_lens/model.h"
#include "lens/attention_matrix_item.h"
#include "lens/head_overview_item.h"
#include "lens/lens_controller.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {

struct Stats { double median, p95, max; };

Stats summarize(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size() - 1) + 0.5))]; };
    return {at(0.5), at(0.95), ms.back()};
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int T = argc > 1 ? std::max(2, atoi(argv[1])) : 64;
    const int frames = argc > 2 ? std::max(10, atoi(argv[2])) : 600;

    std::printf("al-bench-render: building a random GPT-2-small-sized model...\n");
    std::fflush(stdout);
    auto model = al::Model::random(al::Model::gpt2_small_config(), 1234);
    LensController lens;
    std::mt19937 rng(7);
    std::vector<int> ids(static_cast<size_t>(T));
    for (int& id : ids)
        id = int(rng() % 50257);
    QElapsedTimer forwardTimer;
    forwardTimer.start();
    lens.setModel(model);
    lens.requestIds(ids);
    while (!lens.upToDate()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!lens.error().isEmpty()) {
            std::fprintf(stderr, "forward failed: %s\n", qPrintable(lens.error()));
            return 1;
        }
    }
    const double forwardMs = double(forwardTimer.nsecsElapsed()) / 1e6;
    const int L = lens.nLayer(), H = lens.nHead();
    std::printf("model: %d layers x %d heads = %d heads, %d tokens; forward on the worker thread: %.1f ms\n",
                L, H, L * H, T, forwardMs);

    // The station's layout at 1280 x 800: the overview beside a 460 px matrix.
    HeadOverviewItem overview;
    overview.setGap(3);
    overview.setSize(QSizeF(12 * 36 + 11 * 3, 12 * 36 + 11 * 3));
    overview.setLens(&lens);
    AttentionMatrixItem matrix;
    matrix.setSize(QSizeF(460, 460));
    matrix.setLens(&lens);

    QImage frame(1280, 800, QImage::Format_ARGB32_Premultiplied);
    auto paintFrame = [&] {
        frame.fill(Qt::white);
        QPainter p(&frame);
        p.translate(40, 200);
        matrix.paint(&p);
        p.translate(560, 0);
        overview.paint(&p);
    };

    // First frame: builds the overview's tile cache (once per result, not per hover).
    QElapsedTimer t;
    t.start();
    paintFrame();
    const double firstMs = double(t.nsecsElapsed()) / 1e6;

    // Hover loop: every frame the pointer moves to another head tile and matrix cell, and the
    // focused token (whose weights fill the chips) changes.
    std::vector<double> hover;
    hover.reserve(size_t(frames));
    for (int f = 0; f < frames; ++f) {
        t.restart();
        const int l = (f / H) % L, h = f % H;
        overview.setHover(l, h);
        const int r = f % T, c = (f * 7) % (r + 1);
        matrix.setHoverRow(r);
        matrix.setHoverColumn(c);
        lens.setFocusToken(r);
        paintFrame();
        hover.push_back(double(t.nsecsElapsed()) / 1e6);
    }

    // Selecting another head (a click on a tile): the matrix image is rebuilt.
    std::vector<double> select;
    for (int f = 0; f < std::min(frames, 144); ++f) {
        t.restart();
        lens.setLayer((f / H) % L);
        lens.setHead(f % H);
        paintFrame();
        select.push_back(double(t.nsecsElapsed()) / 1e6);
    }

    // A new result (typing): the overview's 144 tiles are redrawn.
    std::vector<double> rebuild;
    for (int f = 0; f < 30; ++f) {
        t.restart();
        lens.setHideFirst(f % 2 == 0); // invalidates every tile like a new result does
        paintFrame();
        rebuild.push_back(double(t.nsecsElapsed()) / 1e6);
    }

    const Stats hs = summarize(hover), ss = summarize(select), rs = summarize(rebuild);
    std::printf("first frame (tile cache built): %.2f ms\n", firstMs);
    std::printf("hover frames (%d):        median %.3f ms, p95 %.3f ms, max %.3f ms\n", frames, hs.median, hs.p95, hs.max);
    std::printf("select-head frames (%zu): median %.3f ms, p95 %.3f ms, max %.3f ms\n", select.size(), ss.median, ss.p95, ss.max);
    std::printf("new-result frames (%zu):   median %.3f ms, p95 %.3f ms, max %.3f ms\n", rebuild.size(), rs.median, rs.p95, rs.max);
    std::printf("overview cache rebuilds: %d (hover frames reuse the cache)\n", overview.cacheRebuilds());
    std::printf("budget at 60 Hz: 16.7 ms per frame\n");
    return 0;
}
