// al-bench-labs, Station 5: writing one token at a time, and the figure that shows it (bench_labs.h).
#include <QCoreApplication>
#include <QtTest/QTest>
#include <algorithm>
#include <ctime>

#include "attention_lens/generation.h"
#include "bench_labs.h"
#include "stall_meter.h"
#include "temperature/generation_lab.h"

namespace bench {

// One written token at a time with the KV cache: milliseconds per step while the sequence grows to
// T tokens (a typed text of T - 8 tokens, then 8 written ones), as the station's figure steps it on
// one worker. Beside the wall time, the process's CPU time per step: on a machine that others load,
// the wall time counts waiting for a core, the CPU time does not.
void timeGenerationSteps(const std::shared_ptr<const al::Model>& model) {
    std::printf("Station 5, one written token (KV cache; ms per step, median and worst of 8; CPU ms median):\n");
    auto cpuMs = [] {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    };
    for (int T : {16, 64, 128}) {
        al::Generation gen(model);
        gen.begin(spreadIds(*model, T - 8));
        std::vector<double> ms, cpu;
        for (int i = 0; i < 8; i++) {
            QElapsedTimer t;
            const double c0 = cpuMs();
            t.start();
            gen.step((i * 104729 + 5) % model->config().vocab_size);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
            cpu.push_back(cpuMs() - c0);
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpu.begin(), cpu.end());
        std::printf("  %-44s %5.1f ms (worst %.1f), CPU %.1f ms\n", qPrintable(QStringLiteral("one generation step, up to T = %1").arg(T)),
                    (ms[3] + ms[4]) / 2, ms.back(), (cpu[3] + cpu[4]) / 2);
    }
    std::fflush(stdout);
}

// The generation figure's lab writing 32 tokens after `text` on the scheduler, each step read on
// the GUI thread as the figure reads it (the matrix and the all-heads rows): seconds until the
// last token is shown, and the GUI thread's longest stall meanwhile.
void timeGenerationLab(const std::shared_ptr<const al::Model>& model, const QString& text) {
    GenerationLab lab;
    lab.setFollowHub(false);
    lab.setCount(32);
    qsizetype cells = 0;
    QObject::connect(&lab, &GenerationLab::shownChanged, [&] { cells += lab.matrix().size() + lab.overview().size(); });
    testing_support::StallMeter stall;
    QElapsedTimer t;
    t.start();
    lab.setModel(model, text);
    while (t.elapsed() < 60000 && !(lab.done() && !lab.busy())) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QTest::qWait(2);
    }
    std::printf("  %-44s %5.2f s, %d steps shown, longest GUI stall %.1f ms%s\n", "32 written tokens, shown as they come",
                double(t.elapsed()) / 1000.0, lab.steps(), stall.worstMs(), cells > 0 ? "" : " (nothing shown)");
    std::fflush(stdout);
}

} // namespace bench
