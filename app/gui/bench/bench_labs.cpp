// Course benchmark: how long each station's lab and each station's exercise answers take to
// compute on a model of GPT-2 small's exact shape (random weights, 12 layers x 12 heads, d 768),
// for the text a learner typically works with. Every lab runs on a worker thread in the app; these
// are the waits a learner sees before a figure or an answer appears.
// GPT-2's own tokenizer comes from AL_SHARED_DIR/gpt2-tokenizer (default ../shared beside the
// checkout), since the labs tokenize the learner's text.
// Usage: al-bench-labs [TEXT]
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest/QTest>
#include <cstdio>
#include <functional>
#include <memory>

#include "attention_lens/model.h"
#include "course/ablation_lab.h"
#include "course/exercise_set.h"
#include "course/heads_lab.h"
#include "course/mask_lab.h"
#include "course/not_labs.h"
#include "course/qkv_inspector.h"
#include "course/temperature_lab.h"

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

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QString text = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                  : QStringLiteral("When Mary and John went to the store, John gave a drink to");
    std::printf("al-bench-labs: building a random model of GPT-2 small's shape...\n");
    std::fflush(stdout);
    const QString shared = qEnvironmentVariable("AL_SHARED_DIR", QStringLiteral(AL_DEFAULT_SHARED_DIR));
    std::shared_ptr<const al::Model> model;
    try {
        al::Tokenizer tokenizer = al::Tokenizer::load((shared + QStringLiteral("/gpt2-tokenizer/vocab.json")).toStdString(),
                                                      (shared + QStringLiteral("/gpt2-tokenizer/merges.txt")).toStdString());
        model = al::Model::random(al::Model::gpt2_small_config(), 1234, std::move(tokenizer));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cannot build the model: %s (set AL_SHARED_DIR to the folder holding gpt2-tokenizer/)\n", e.what());
        return 1;
    }
    std::printf("text: \"%s\"\nlabs (seconds until the figure's result is shown):\n", qPrintable(text));

    timeLab<QkvInspector>("Station 2: real q, k, v", model, text);
    timeLab<HeadsLab>("Station 3: all heads of a layer", model, text);
    timeLab<AblationLab>("Station 3: knock-out + guided search", model, text, {},
                         [](AblationLab& l) { return l.searching(); });
    timeLab<MaskLab>("Station 4: score grid + no-mask run", model, text);
    timeLab<TemperatureLab>("Station 5: sampling + head temperature", model, text);
    timeLab<PatternSwapLab>("Station 6: pattern swaps (144 heads)", model, text);
    timeLab<CostMeter>("Station 6: cost meter (T = 16..1024)", model, text);
    timeLab<CensusAcrossTexts>("Station 6: one head across texts", model, text);

    std::printf("exercise answers per station:\n");
    for (const char* folder : {"02-math", "03-heads", "04-mask", "05-temperature", "06-not"}) {
        QFile f(QStringLiteral(AL_LESSONS_DIR "/%1/exercises.json").arg(QLatin1String(folder)));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
            return 1;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
        const QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("exercises")).toArray();
        QVariantList defs;
        for (const QJsonValue v : list) defs << v.toObject().toVariantMap();
        const QString id = QString::fromLatin1(folder).mid(3);
        timeLab<ExerciseSet>(qPrintable(QStringLiteral("%1 (%2 exercises)").arg(id).arg(defs.size())), model, text,
                             [&](ExerciseSet& s) { s.setStationId(id); s.setDefinitions(defs); });
    }
    return 0;
}
