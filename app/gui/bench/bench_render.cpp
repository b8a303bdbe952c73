// Render benchmark for Station 1: GPT-2-small-sized random model (12 layers x 12 heads = 144 heads),
// 64 tokens, in two parts.
//  1. Painting: a synthetic hover loop over the all-heads overview and the matrix; each frame
//     repaints both items (their real paint() code) into an image the size of the window.
//  2. Scene-graph frames: the station's own QML components (HeadOverview, MatrixView) in a real
//     QQuickWindow; the mouse moves over the overview's tiles and the matrix's cells, and each
//     step is timed from the mouse event to the window's frameSwapped (event handling, QML
//     bindings, polish, sync, render and present), plus the interval between presented frames.
// Prints median and 95th-percentile times.
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QSurfaceFormat>
#include <QtTest/QTest>
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
    // No vsync: a frame is presented as soon as it is rendered, so the times below are the work
    // per frame rather than the wait for the display's next refresh.
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setSwapInterval(0);
    QSurfaceFormat::setDefaultFormat(format);
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

    // ---- 2. Scene-graph frames in a real window ----
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQuick
        import AttentionLens
        Window {
            id: w
            width: 1280; height: 800; visible: true
            property LensController lens
            color: Theme.background
            MatrixView { objectName: "matrix"; x: 40; y: 120; side: 460; lens: w.lens }
            HeadOverview { objectName: "overview"; x: 600; y: 120; gridWidth: 520; lens: w.lens }
        }
    )", QUrl(QStringLiteral("qrc:/bench/Scene.qml")));
    QScopedPointer<QObject> root(component.createWithInitialProperties({{QStringLiteral("lens"), QVariant::fromValue(&lens)}}));
    auto* window = qobject_cast<QQuickWindow*>(root.data());
    if (!window) {
        std::fprintf(stderr, "could not build the scene: %s\n", qPrintable(component.errorString()));
        return 1;
    }
    if (!QTest::qWaitForWindowExposed(window)) {
        std::fprintf(stderr, "the window was never exposed\n");
        return 1;
    }
    QQuickItem* overviewItem = nullptr;
    QQuickItem* matrixItem = nullptr;
    for (QQuickItem* child : window->contentItem()->childItems()) {
        if (child->objectName() == QLatin1String("overview")) overviewItem = child;
        if (child->objectName() == QLatin1String("matrix")) matrixItem = child;
    }
    if (!overviewItem || !matrixItem) {
        std::fprintf(stderr, "the scene lacks its figures\n");
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    std::vector<double> swaps;
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] { swaps.push_back(double(clock.nsecsElapsed()) / 1e6); },
                     Qt::DirectConnection);
    QTest::qWait(500); // first frames: tile caches, textures
    const auto api = window->rendererInterface()->graphicsApi();
    const QString backend = api == QSGRendererInterface::Software ? QStringLiteral("Qt Quick software renderer")
                          : api == QSGRendererInterface::OpenGL  ? QStringLiteral("OpenGL through the RHI")
                                                                 : QStringLiteral("RHI graphics API %1").arg(int(api));

    // One step: move the mouse, then wait for the frame that shows it.
    const QRectF ov = overviewItem->mapRectToScene(QRectF(0, 0, overviewItem->width(), overviewItem->height()));
    const QRectF mx = matrixItem->mapRectToScene(QRectF(0, 0, matrixItem->width(), matrixItem->height()));
    auto hoverLoop = [&](std::vector<double>& latency, std::vector<double>& interval) {
        double lastSwap = -1;
        for (int f = 0; f < frames; ++f) {
            // Alternate between a tile of the overview and a cell of the matrix, always a new spot.
            const QRectF r = f % 2 == 0 ? ov : mx;
            const double u = double((f * 37) % 97) / 97.0, v = double((f * 53) % 89) / 89.0;
            const QPoint at(int(r.left() + 4 + u * (r.width() - 8)), int(r.top() + 30 + v * (r.height() - 34)));
            const size_t before = swaps.size();
            const double t0 = double(clock.nsecsElapsed()) / 1e6;
            QTest::mouseMove(window, at);
            window->update();
            QElapsedTimer guard;
            guard.start();
            while (swaps.size() == before && guard.elapsed() < 1000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (swaps.size() == before)
                continue;
            latency.push_back(swaps.back() - t0);
            if (lastSwap >= 0)
                interval.push_back(swaps.back() - lastSwap);
            lastSwap = swaps.back();
        }
    };
    std::vector<double> latency, interval, emptyLatency, emptyInterval;
    hoverLoop(latency, interval);
    // The peer, same window and loop: the figures hidden, so only the window itself is drawn.
    overviewItem->setVisible(false);
    matrixItem->setVisible(false);
    QTest::qWait(200);
    hoverLoop(emptyLatency, emptyInterval);
    if (latency.empty() || emptyLatency.empty()) {
        std::fprintf(stderr, "no frames were presented\n");
        return 1;
    }
    const Stats ls = summarize(latency), is = summarize(interval), es = summarize(emptyLatency);
    std::printf("scene graph (%s, platform %s, %dx%d, no vsync):\n", qPrintable(backend),
                qPrintable(QGuiApplication::platformName()), window->width(), window->height());
    std::printf("  mouse move to presented frame (%zu): median %.3f ms, p95 %.3f ms, max %.3f ms\n", latency.size(), ls.median, ls.p95, ls.max);
    std::printf("  interval between frames (%zu):      median %.3f ms, p95 %.3f ms, max %.3f ms\n", interval.size(), is.median, is.p95, is.max);
    std::printf("  same loop, figures hidden (%zu):      median %.3f ms, p95 %.3f ms: the figures add %.2fx\n",
                emptyLatency.size(), es.median, es.p95, ls.median / es.median);
    std::printf("budget at 60 Hz: 16.7 ms per frame\n");
    return 0;
}
