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
// Here: the overview and the stations opened as in the app; each section's timings are in
// bench_labs_*.cpp (bench_labs.h).
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "attention_lens/model.h"
#include "bench_labs.h"
#include "course/exercise_set.h"
#include "gpt2_shaped_model.h"
#include "heads/ablation_lab.h"
#include "heads/heads_lab.h"
#include "heads/patching_lab.h"
#include "lens/lens_controller.h"
#include "mask/mask_lab.h"
#include "math/qkv_inspector.h"
#include "memory_release.h"
#include "not/layer_lens_lab.h"
#include "not/not_labs.h"
#include "not/three_way_lab.h"
#include "stall_meter.h"
#include "temperature/temperature_lab.h"

using namespace bench;

namespace {

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
    testing_support::StallMeter stall;
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
            const double s = secondsUntilShown(lab, model, text);
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
        timeHeadTilesValueWeighted(model);
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
