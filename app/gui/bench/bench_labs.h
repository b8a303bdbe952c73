// The parts of al-bench-labs (bench_labs.cpp has the overview and main): the waits every timing
// shares, and each section's timings. All of them print their lines on stdout.
#pragma once
#include <QElapsedTimer>
#include <QString>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "course/course_lab.h"
#include "heads/knockout_search.h"

namespace bench {

// Waits until the lab has shown a result and has nothing left running; returns the seconds taken
// since `start`, or -1 after a 3-minute limit.
double settle(CourseLab& lab, const QElapsedTimer& start, const std::function<bool()>& extraBusy = {});
// The lab given `text` (not following the app's text), and the seconds until its result is shown.
double secondsUntilShown(CourseLab& lab, const std::shared_ptr<const al::Model>& model, const QString& text);

// The figure's result for one lab on `text`, timed from scratch, as one line "name  seconds".
template <typename Lab>
void timeLab(const char* name, const std::shared_ptr<const al::Model>& model, const QString& text,
             const std::function<void(Lab&)>& setup = {}, const std::function<bool(Lab&)>& extraBusy = {}) {
    Lab lab;
    lab.setFollowHub(false);
    if (setup) setup(lab);
    course::clearKnockoutSearches(); // every figure and answer is timed from scratch
    QElapsedTimer t;
    t.start();
    lab.setModel(model, text);
    const double s = settle(lab, t, extraBusy ? std::function<bool()>([&] { return extraBusy(lab); }) : std::function<bool()>());
    if (s < 0)
        std::printf("  %-34s did not settle (ready %d, busy %d)\n", name, int(lab.ready()), int(lab.busy()));
    else
        std::printf("  %-34s %8.2f s%s\n", name, s, lab.error().isEmpty() ? "" : qPrintable(QStringLiteral("  (error: %1)").arg(lab.error())));
    std::fflush(stdout);
}

// T token ids spread over the vocabulary (the same for every run), for timings at a fixed T.
std::vector<int> spreadIds(const al::Model& model, int T);
// A text of more than the 64 tokens a lab keeps, so that a lab works at the course's cap.
QString longText();

// A forward pass that keeps what the per-head instruments read (hidden states and q, k, v; the
// scores only when asked), and the milliseconds it took.
struct KeptForward {
    al::ForwardResult result;
    double ms = 0;
};
KeptForward keptForward(const std::shared_ptr<const al::Model>& model, const std::vector<int>& ids, bool keepScores);
// The median milliseconds of `runs` calls of `run(i)`, i = 0..runs-1.
double medianMs(int runs, const std::function<void(int)>& run);

// Station 1: typing (bench_labs_typing.cpp).
void timeTyping(const std::shared_ptr<const al::Model>& model);
void timeValueWeighted(const std::shared_ptr<const al::Model>& model);
// Stations 3 and 6: the per-head instruments (bench_labs_instruments.cpp).
void timeHeadTilesValueWeighted(const std::shared_ptr<const al::Model>& model);
void timePatching(const std::shared_ptr<const al::Model>& model);
void timeScoreSplit(const std::shared_ptr<const al::Model>& model);
void timeThreeWay(const std::shared_ptr<const al::Model>& model);
// Station 5: writing (bench_labs_generation.cpp).
void timeGenerationSteps(const std::shared_ptr<const al::Model>& model);
void timeGenerationLab(const std::shared_ptr<const al::Model>& model, const QString& text);

} // namespace bench
