// The waits and fixed inputs al-bench-labs' timings share (bench_labs.h).
#include <QCoreApplication>
#include <QtTest/QTest>
#include <algorithm>

#include "bench_labs.h"

namespace bench {

double settle(CourseLab& lab, const QElapsedTimer& start, const std::function<bool()>& extraBusy) {
    while (start.elapsed() < 180000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (lab.ready() && !lab.busy() && !(extraBusy && extraBusy()))
            return double(start.elapsed()) / 1000.0;
        QTest::qWait(10);
    }
    return -1;
}

double secondsUntilShown(CourseLab& lab, const std::shared_ptr<const al::Model>& model, const QString& text) {
    lab.setFollowHub(false);
    QElapsedTimer t;
    t.start();
    lab.setModel(model, text);
    return settle(lab, t);
}

std::vector<int> spreadIds(const al::Model& model, int T) {
    std::vector<int> ids(static_cast<size_t>(std::max(0, T)));
    for (int i = 0; i < T; ++i) ids[size_t(i)] = (i * 7919 + 13) % model.config().vocab_size;
    return ids;
}

QString longText() {
    return QStringLiteral("When Mary and John went to the store, John gave a drink to Mary. ").repeated(6);
}

KeptForward keptForward(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids, bool keepScores) {
    al::Runner runner(model);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    o.keep_scores = keepScores;
    QElapsedTimer t;
    t.start();
    KeptForward out{runner.forward_full(ids, o), 0};
    out.ms = double(t.nsecsElapsed()) / 1e6;
    return out;
}

double medianMs(int runs, const std::function<void(int)>& run) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        run(i);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    if (ms.empty())
        return 0;
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace bench
