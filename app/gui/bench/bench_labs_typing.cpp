// al-bench-labs, Station 1: typing into the lens, and the value-weighted view (bench_labs.h).
#include <QCoreApplication>
#include <QThread>
#include <algorithm>
#include <cmath>

#include "bench_labs.h"
#include "lens/lens_controller.h"
#include "stall_meter.h"

namespace bench {

// Each keystroke changes the lens's text, and the time until the lens shows the result for the
// new text is one sample. Three kinds of edit on a text of up to 64 tokens: typing at the end (the
// cached prefix is reused), a letter inserted mid-text (layers recomputed from that token on) and
// a letter deleted at the start (everything recomputed).
void timeTyping(const std::shared_ptr<const al::Model>& model) {
    const QString base = QStringLiteral(
        "The attention lens shows, for every layer and head, how much each token looks at the tokens "
        "before it. When Mary and John went to the store, John gave a drink to Mary, and then they "
        "walked home slowly along the bank of the quiet");
    LensController lens;
    lens.setFollowHub(false);
    lens.setModel(model);
    auto shownAfter = [&](const QString& text) {
        QElapsedTimer t;
        t.start();
        lens.setText(text);
        while (!(lens.hasResult() && lens.upToDate() && !lens.busy()) && t.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QThread::usleep(200);
        }
        return double(t.nsecsElapsed()) / 1e6;
    };
    shownAfter(base);
    testing_support::StallMeter stall;
    const QString typed = QStringLiteral(" river to the old stone bridge");
    auto report = [&](const char* what, std::vector<double> ms) {
        std::sort(ms.begin(), ms.end());
        std::printf("  %-44s median %6.1f ms · worst %6.1f ms (%zu keystrokes, T = %d)\n", what, ms[ms.size() / 2],
                    ms.back(), ms.size(), lens.tokenCount());
    };
    std::vector<double> end, middle, start;
    QString text = base;
    for (const QChar c : typed) {
        text += c;
        end.push_back(shownAfter(text));
    }
    report("typing at the end", end);
    const int mid = int(text.size() / 2);
    for (int i = 0; i < 12; i++) {
        text.insert(mid + i, QChar(u'a' + i));
        middle.push_back(shownAfter(text));
    }
    report("a letter inserted mid-text", middle);
    for (int i = 0; i < 8; i++) {
        text.remove(0, 1);
        start.push_back(shownAfter(text));
    }
    report("a letter deleted at the start", start);
    std::printf("  %-44s %5.1f ms\n", "longest GUI stall while typing", stall.worstMs());
    std::fflush(stdout);
}

// The value-weighted view after the lens's result: from choosing a head until its value norms
// are in and the chips and matrix can show it, for each head of one layer, at T = 64.
void timeValueWeighted(const std::shared_ptr<const al::Model>& model) {
    LensController lens;
    lens.setFollowHub(false);
    lens.setModel(model);
    lens.setValueWeighted(true);
    lens.requestIds(spreadIds(*model, 64));
    QElapsedTimer wait;
    wait.start();
    while (!(lens.hasResult() && lens.upToDate() && lens.valueWeightsReady()) && wait.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        QThread::usleep(200);
    }
    std::vector<double> ms;
    for (int h = 1; h < lens.nHead(); ++h) {
        QElapsedTimer t;
        t.start();
        lens.setHead(h);
        while (!lens.valueWeightsReady() && t.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QThread::usleep(200);
        }
        double sum = 0; // the whole matrix as the lens shows it
        for (int i = 0; i < lens.tokenCount(); ++i)
            for (int j = 0; j <= i; ++j) sum += lens.weight(i, j);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (std::abs(sum - lens.tokenCount()) > 0.01 * lens.tokenCount())
            std::printf("  value-weighted rows do not sum to 1 (head %d)\n", h);
    }
    if (ms.empty())
        return;
    std::sort(ms.begin(), ms.end());
    std::printf("  %-44s median %6.1f ms · worst %6.1f ms (%zu heads, T = %d)\n", "value-weighted view after choosing a head",
                ms[ms.size() / 2], ms.back(), ms.size(), lens.tokenCount());
    std::fflush(stdout);
}

} // namespace bench
