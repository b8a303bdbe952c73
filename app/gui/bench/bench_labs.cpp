// Course benchmark: how long each station's lab and each station's exercise answers take to
// compute on a model of GPT-2 small's exact shape (random weights, 12 layers x 12 heads, d 768),
// for the text a learner typically works with. Every lab runs on the app's ComputeScheduler; these
// are the waits a learner sees before a figure or an answer appears. Then, per station, all of its
// labs and its exercise set start together (as when the app opens the station): the time until
// the first figure is shown, until every figure, every answer and everything (searches included),
// and the longest stall of the GUI thread meanwhile (a 5 ms timer's worst lateness).
// Station 5's writing is timed per written token (the KV cache's step at T up to 128) and as the
// figure shows it, 32 tokens with the GUI thread's longest stall.
// GPT-2's own tokenizer comes from AL_SHARED_DIR/gpt2-tokenizer (default ../shared beside the
// checkout), since the labs tokenize the learner's text.
// Usage: al-bench-labs [--stations-only | --patching] [--station N] [--skip-searches] [TEXT]
//   --patching: only Station 3's patching grids and the choice of a text's pair.
//   --station N: only station N in the second part; --skip-searches: stop a station once its
//   figures and answers are shown, without waiting for its background searches.
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <QtTest/QTest>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/generation.h"
#include "attention_lens/model.h"
#include "memory_release.h"
#include "heads/ablation_lab.h"
#include "course/exercise_set.h"
#include "heads/knockout_search.h"
#include "heads/patching_lab.h"
#include "attention_lens/patching.h"
#include "heads/patching_pair.h"
#include "heads/heads_lab.h"
#include "heads/score_split_lab.h"
#include "attention_lens/score_parts.h"
#include "mask/mask_lab.h"
#include "not/not_labs.h"
#include "not/layer_lens_lab.h"
#include "not/three_way_lab.h"
#include "not/head_three_way.h"
#include "math/qkv_inspector.h"
#include "temperature/generation_lab.h"
#include "temperature/temperature_lab.h"
#include "gpt2_shaped_model.h"
#include "lens/lens_controller.h"
#include "stall_meter.h"

namespace {

// Waits until the lab has shown a result and has nothing left running; returns the seconds taken
// since `start`, or -1 after a 3-minute limit.
double settle(CourseLab& lab, const QElapsedTimer& start, const std::function<bool()>& extraBusy = {}) {
    while (start.elapsed() < 180000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (lab.ready() && !lab.busy() && !(extraBusy && extraBusy()))
            return double(start.elapsed()) / 1000.0;
        QTest::qWait(10);
    }
    return -1;
}

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

using testing_support::StallMeter;

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

QVariantList exerciseDefinitions(const char* folder) {
    QFile f(QStringLiteral(AL_LESSONS_DIR "/%1/exercises.json").arg(QLatin1String(folder)));
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    const QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("exercises")).toArray();
    QVariantList defs;
    for (const QJsonValue v : list) defs << v.toObject().toVariantMap();
    return defs;
}

// One station opened as the app opens it: its labs and exercise set all start in the same pass of
// the event loop. `figures` says whether every figure shows its result; `background` whether
// everything (searches included) has finished.
struct StationRun {
    const char* name;
    std::vector<std::unique_ptr<CourseLab>> labs;        // figures
    std::unique_ptr<ExerciseSet> exercises;
    std::unique_ptr<LensController> lens;
    std::function<bool()> firstFigure, allFigures;
    // Optional: once every figure is shown and 5 s have passed, the learner changes something
    // (e.g. knocks a head out); returns what says that the figure shows the new result.
    std::function<std::function<bool()>()> interact;
};

bool skipSearches = false;

void timeStation(StationRun& run, const std::shared_ptr<const al::Model>& model, const QString& text) {
    course::clearKnockoutSearches(); // a station opened for the first time on this text
    StallMeter stall;
    QElapsedTimer t;
    t.start();
    for (auto& lab : run.labs) {
        lab->setFollowHub(false);
        lab->setModel(model, text);
    }
    if (run.exercises)
        run.exercises->setModel(model, text);
    if (run.lens) {
        run.lens->setModel(model);
        run.lens->setText(text);
    }
    auto busy = [&] {
        for (auto& lab : run.labs)
            if (lab->busy()) return true;
        return run.exercises && run.exercises->busy();
    };
    auto answered = [&] { return !run.exercises || run.exercises->allAnswered(); };
    double first = -1, figures = -1, answers = -1, all = -1, interacted = -1, interactStart = -1;
    std::function<bool()> interactDone;
    while (t.elapsed() < 300000 && (all < 0 || (interactDone && interacted < 0))) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const double s = double(t.elapsed()) / 1000.0;
        if (first < 0 && run.firstFigure()) first = s;
        if (figures < 0 && run.allFigures()) figures = s;
        // The click comes 5 s in, when the long answers and the search hold the cores.
        if (run.interact && !interactDone && figures >= 0 && s >= 5.0) {
            interactStart = s;
            interactDone = run.interact();
        }
        if (interactDone && interacted < 0 && interactDone()) interacted = s - interactStart;
        if (answers < 0 && answered()) answers = s;
        const bool interactionOver = !interactDone || interacted >= 0;
        if (skipSearches && figures >= 0 && answers >= 0 && interactionOver)
            break;
        if (all < 0 && figures >= 0 && answers >= 0 && !busy()) all = s;
        QThread::msleep(1);
    }
    auto show = [](double v) { return v < 0 ? QStringLiteral("   n/a") : QString::asprintf("%6.2f", v); };
    std::printf("  %-14s first figure %s s · all figures %s s · answers %s s · everything %s s · longest GUI stall %5.1f ms\n",
                run.name, qPrintable(show(first)), qPrintable(show(figures)),
                qPrintable(run.exercises ? show(answers) : QStringLiteral("     -")), qPrintable(show(all)), stall.worstMs());
    if (run.interact)
        std::printf("  %-14s a knock-out clicked 5 s in (long answers and the search running): shown after %s s\n", "",
                    qPrintable(show(interacted)));
    std::fflush(stdout);
}

// Typing in Station 1: each keystroke changes the lens's text, and the time until the lens
// shows the result for the new text is one sample. Three kinds of edit on a text of up to 64
// tokens: typing at the end (the cached prefix is reused), a letter inserted mid-text (layers
// recomputed from that token on) and a letter deleted at the start (everything recomputed).
void timeTyping(const std::shared_ptr<const al::Model>& model) {
    const QString base = QStringLiteral(
        "The attention lens shows, for every layer and head, how much each token looks at the tokens "
        "before it. When Mary and John went to the store, John gave a drink to Mary, and then they "
        "walked home slowly along the bank of the quiet");
    LensController lens;
    lens.setFollowHub(false);
    lens.setModel(model);
    auto settle = [&](const QString& text) {
        QElapsedTimer t;
        t.start();
        lens.setText(text);
        while (!(lens.hasResult() && lens.upToDate() && !lens.busy()) && t.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            QThread::usleep(200);
        }
        return double(t.nsecsElapsed()) / 1e6;
    };
    settle(base);
    StallMeter stall;
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
        end.push_back(settle(text));
    }
    report("typing at the end", end);
    const int mid = int(text.size() / 2);
    for (int i = 0; i < 12; i++) {
        text.insert(mid + i, QChar(u'a' + i));
        middle.push_back(settle(text));
    }
    report("a letter inserted mid-text", middle);
    for (int i = 0; i < 8; i++) {
        text.remove(0, 1);
        start.push_back(settle(text));
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
    std::vector<int> ids(64);
    for (int i = 0; i < 64; ++i) ids[size_t(i)] = (i * 7919 + 13) % model->config().vocab_size;
    lens.requestIds(ids);
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

// Station 3's score split at T = 64, in the last layer (the most parts: 2 embeddings, 11 × 12 heads,
// 11 MLPs, the biases): one cell taken apart, one head's position/content summary, a whole
// layer's summaries, each from a kept forward pass (the lab keeps one per text); then the lab
// from a clicked cell until its result is shown.
void timeScoreSplit(const std::shared_ptr<const al::Model>& model) {
    const int T = 64, L = model->config().n_layer, H = model->config().n_head;
    std::vector<int> ids(T);
    for (int i = 0; i < T; ++i) ids[size_t(i)] = (i * 7919 + 13) % model->config().vocab_size;
    al::Runner runner(model);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    QElapsedTimer t;
    t.start();
    const al::ForwardResult r = runner.forward_full(ids, o);
    const double forwardMs = double(t.nsecsElapsed()) / 1e6;
    auto median = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; };
    std::vector<double> cell, head;
    for (int n = 0; n < 5; ++n) {
        t.restart();
        const al::ScoreParts p = al::decompose_score(*model, r, L - 1, n, T - 1 - n, 3 * n);
        cell.push_back(double(t.nsecsElapsed()) / 1e6);
        if (std::abs(p.sum - p.score) > 1e-3 * std::max(1.0, std::abs(p.score)))
            std::printf("  the parts do not add up to the score (%g vs %g)\n", p.sum, p.score);
        t.restart();
        al::score_split(*model, r, L - 1, n);
        head.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    t.restart();
    for (int h = 0; h < H; ++h) al::score_split(*model, r, L - 1, h);
    const double layerMs = double(t.nsecsElapsed()) / 1e6;
    std::printf("  %-44s %6.1f ms (the forward pass it reads, hidden states and q, k, v kept: %.1f ms)\n",
                "one cell's decomposition (median of 5)", median(cell), forwardMs);
    std::printf("  %-44s %6.1f ms\n", "one head's position/content summary (median)", median(head));
    std::printf("  %-44s %6.1f ms (%d heads)\n", "a whole layer's summaries", layerMs, H);

    ScoreSplitLab lab;
    lab.setFollowHub(false);
    lab.setLayer(L - 1);
    // More than 64 tokens, so the lab keeps the first 64.
    const QString text = QStringLiteral("When Mary and John went to the store, John gave a drink to Mary. ").repeated(6);
    t.restart();
    lab.setModel(model, text);
    const double first = settle(lab, t);
    QSignalSpy shown(&lab, &ScoreSplitLab::resultChanged);
    t.restart();
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
    std::vector<int> ids(T);
    for (int i = 0; i < T; ++i) ids[size_t(i)] = (i * 7919 + 13) % model->config().vocab_size;
    al::Runner runner(model);
    al::ForwardOptions o;
    o.keep_hidden = true;
    o.keep_qkv = true;
    o.keep_scores = false;
    QElapsedTimer t;
    t.start();
    const al::ForwardResult r = runner.forward_full(ids, o);
    const double forwardMs = double(t.nsecsElapsed()) / 1e6;
    std::vector<double> first, last;
    for (int h = 0; h < 5; ++h) {
        t.restart();
        course::headThreeWay(*model, r, 0, h);
        first.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        course::headThreeWay(*model, r, L - 1, h);
        last.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(first.begin(), first.end());
    std::sort(last.begin(), last.end());
    std::printf("  %-44s %6.1f ms · a head of the last layer: %.1f ms (medians of 5; the forward pass it reads: %.1f ms)\n",
                "three-way comparison, a head of layer 0", first[2], last[2], forwardMs);
    ThreeWayLab lab;
    lab.setFollowHub(false);
    const QString text = QStringLiteral("When Mary and John went to the store, John gave a drink to Mary. ").repeated(6);
    t.restart();
    lab.setModel(model, text);
    const double s = settle(lab, t);
    std::printf("  %-44s %6.2f s (T = %d)\n", "three-way figure, new text until shown", s,
                int(lab.result().value(QStringLiteral("rows")).toList().size()));
    std::fflush(stdout);
}

// Station 5's generation, one written token at a time with the KV cache: milliseconds per step
// while the sequence grows to T tokens (a typed text of T - 8 tokens, then 8 written ones), as the
// station's figure steps it on one worker. Beside the wall time, the process's CPU time per step:
// on a machine that others load, the wall time counts waiting for a core, the CPU time does not.
void timeGenerationSteps(const std::shared_ptr<const al::Model>& model) {
    std::printf("Station 5, one written token (KV cache; ms per step, median and worst of 8; CPU ms median):\n");
    auto cpuMs = [] {
        timespec t{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
    };
    for (int T : {16, 64, 128}) {
        std::vector<int> prompt;
        for (int i = 0; i < T - 8; i++) prompt.push_back((i * 7919 + 13) % model->config().vocab_size);
        al::Generation gen(model);
        gen.begin(prompt);
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
    StallMeter stall;
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

bool shows(const CourseLab& lab) { return lab.ready(); }
bool settled(const CourseLab& lab) { return lab.ready() && !lab.busy(); }

} // namespace

int main(int argc, char** argv) {
    memory_release::configureAllocator(); // as the app does (main.cpp)
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool stationsOnly = args.removeAll(QStringLiteral("--stations-only")) > 0;
    const bool patchingOnly = args.removeAll(QStringLiteral("--patching")) > 0;
    skipSearches = args.removeAll(QStringLiteral("--skip-searches")) > 0;
    QString onlyStation;
    if (const qsizetype i = args.indexOf(QStringLiteral("--station")); i >= 0 && i + 1 < args.size()) {
        onlyStation = args[i + 1];
        args.remove(i, 2);
    }
    const QString text = !args.isEmpty() ? args.front()
                                         : QStringLiteral("When Mary and John went to the store, John gave a drink to");
    std::printf("al-bench-labs: building a random model of GPT-2 small's shape...\n");
    std::fflush(stdout);
    const QString shared = qEnvironmentVariable("AL_SHARED_DIR", QStringLiteral(AL_DEFAULT_SHARED_DIR));
    std::shared_ptr<const al::Model> model;
    try {
        model = testing_support::gpt2ShapedModel(1234, shared);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cannot build the model: %s (set AL_SHARED_DIR to the folder holding gpt2-tokenizer/)\n", e.what());
        return 1;
    }
    if (patchingOnly) { // Station 3's patching grids and pair choice alone
        timePatching(model);
        return 0;
    }
    std::printf("text: \"%s\"\n", qPrintable(text));
    if (!stationsOnly) {
        std::printf("labs (seconds until the figure's result is shown):\n");

        {
            // The whole job (its own forward pass included), and the part after the forward pass.
            LayerLensLab lab;
            lab.setFollowHub(false);
            QElapsedTimer t;
            t.start();
            lab.setModel(model, text);
            const double s = settle(lab, t);
            std::printf("  %-34s %8.2f s  (lens + direct attribution after the forward pass: %.1f ms)\n",
                        "Station 6: the prediction by layer", s, lab.result().value(QStringLiteral("ms")).toDouble());
            std::fflush(stdout);
        }
        timeLab<QkvInspector>("Station 2: real q, k, v", model, text);
        timeLab<HeadsLab>("Station 3: all heads of a layer", model, text);
        timeLab<AblationLab>("Station 3: knock-out + guided search", model, text, {},
                             [](AblationLab& l) { return l.searching(); });
        timeLab<PatchingLab>("Station 3: patching figure (IOI pair)", model, text);
        timePatching(model);
        timeLab<MaskLab>("Station 4: score grid + no-mask run", model, text);
        timeLab<TemperatureLab>("Station 5: sampling + head temperature", model, text);
        timeLab<PatternSwapLab>("Station 6: pattern swaps (144 heads)", model, text);
        timeLab<CostMeter>("Station 6: cost meter (T = 16..1024)", model, text);
        timeLab<CensusAcrossTexts>("Station 6: one head across texts", model, text);

        std::printf("exercise answers per station:\n");
        for (const char* folder : {"02-math", "03-heads", "04-mask", "05-temperature", "06-not"}) {
            const QVariantList defs = exerciseDefinitions(folder);
            if (defs.isEmpty())
                return 1;
            const QString id = QString::fromLatin1(folder).mid(3);
            timeLab<ExerciseSet>(qPrintable(QStringLiteral("%1 (%2 exercises)").arg(id).arg(defs.size())), model, text,
                                 [&](ExerciseSet& s) { s.setStationId(id); s.setDefinitions(defs); });
        }
    }

    if (onlyStation.isEmpty() || onlyStation == QLatin1String("1")) {
        std::printf("typing in Station 1 (from a keystroke until the lens shows the new text):\n");
        timeTyping(model);
        timeValueWeighted(model);
    }

    if (onlyStation.isEmpty() || onlyStation == QLatin1String("3")) {
        std::printf("Station 3, why a head attends (GPT-2 small's shapes, T = 64, last layer):\n");
        timeScoreSplit(model);
    }

    if (onlyStation.isEmpty() || onlyStation == QLatin1String("6")) {
        std::printf("Station 6, which position mattered to a head (GPT-2 small's shapes, T = 64):\n");
        timeThreeWay(model);
    }

    if (onlyStation.isEmpty() || onlyStation == QLatin1String("5")) {
        timeGenerationSteps(model);
        timeGenerationLab(model, text);
    }

    std::printf("stations opened as in the app (labs and exercise set started together; seconds):\n");
    if (onlyStation.isEmpty() || onlyStation == QLatin1String("1")) {
        StationRun run{"1 lens", {}, nullptr, std::make_unique<LensController>(), {}, {}, {}};
        LensController* lens = run.lens.get();
        run.firstFigure = run.allFigures = [lens] { return lens->hasResult() && lens->upToDate(); };
        timeStation(run, model, text);
    }
    const struct {
        const char* name;
        const char* folder;
        std::function<std::vector<std::unique_ptr<CourseLab>>()> make;
    } stations[] = {
        {"2 math", "02-math", [] { std::vector<std::unique_ptr<CourseLab>> v; v.push_back(std::make_unique<QkvInspector>()); return v; }},
        {"3 heads", "03-heads", [] { std::vector<std::unique_ptr<CourseLab>> v; v.push_back(std::make_unique<HeadsLab>());
                                     v.push_back(std::make_unique<AblationLab>()); v.push_back(std::make_unique<PatchingLab>()); return v; }},
        {"4 mask", "04-mask", [] { std::vector<std::unique_ptr<CourseLab>> v; v.push_back(std::make_unique<MaskLab>()); return v; }},
        {"5 temperature", "05-temperature", [] { std::vector<std::unique_ptr<CourseLab>> v; v.push_back(std::make_unique<TemperatureLab>()); return v; }},
        {"6 not", "06-not", [] { std::vector<std::unique_ptr<CourseLab>> v; v.push_back(std::make_unique<PatternSwapLab>());
                                 v.push_back(std::make_unique<CostMeter>()); v.push_back(std::make_unique<CensusAcrossTexts>());
                                 v.push_back(std::make_unique<LayerLensLab>()); v.push_back(std::make_unique<ThreeWayLab>()); return v; }},
    };
    for (const auto& st : stations) {
        if (!onlyStation.isEmpty() && !QString::fromLatin1(st.name).startsWith(onlyStation + QLatin1Char(' ')))
            continue;
        StationRun run{st.name, st.make(), std::make_unique<ExerciseSet>(), nullptr, {}, {}, {}};
        run.exercises->setFollowHub(false);
        run.exercises->setDefinitions(exerciseDefinitions(st.folder));
        std::vector<CourseLab*> labs;
        for (auto& l : run.labs) labs.push_back(l.get());
        run.firstFigure = [labs] { return std::any_of(labs.begin(), labs.end(), [](CourseLab* l) { return shows(*l); }); };
        for (CourseLab* l : labs)
            if (auto* a = qobject_cast<AblationLab*>(l))
                run.interact = [a] {
                    auto spy = std::make_shared<QSignalSpy>(a, &AblationLab::predictionChanged);
                    a->setAblated({QStringLiteral("0.1")});
                    return std::function<bool()>([spy] { return spy->count() > 0; });
                };
        run.allFigures = [labs] {
            // The knock-out's search is not a figure of its own: its prediction is.
            return std::all_of(labs.begin(), labs.end(), [](CourseLab* l) {
                auto* a = qobject_cast<AblationLab*>(l);
                return a ? !a->top().isEmpty() : settled(*l);
            });
        };
        timeStation(run, model, text);
    }
    return 0;
}
