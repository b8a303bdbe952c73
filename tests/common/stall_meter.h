// How long the GUI thread froze: the worst lateness of a 5 ms timer on it while the meter lives.
// Shared by the long-text test (no freeze allowed) and the labs' benchmark (which reports it).
#pragma once
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace testing_support {

class StallMeter {
public:
    StallMeter() {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(5);
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            const qint64 now = clock_.nsecsElapsed();
            worstMs_ = std::max(worstMs_, double(now - last_) / 1e6 - 5.0);
            last_ = now;
        });
        clock_.start();
        timer_.start();
    }
    double worstMs() const { return std::max(0.0, worstMs_); }

private:
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0;
    double worstMs_ = 0;
};

} // namespace testing_support
