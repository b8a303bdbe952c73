// Soak benchmark: the real window (Main.qml, offscreen) with Station 1 open, and thousands of edits
// typed into the lens's text box as key events (characters, Backspace, Ctrl+V of a sentence,
// Ctrl+Z), with a trip to another station every few hundred edits (the lens page is destroyed and
// rebuilt, the other station computes its figures and is left again). It records resident memory
// (RSS, /proc/self/statm) over time and checks that:
//   - after the warm-up, RSS at the checkpoints (Station 1 settled after each trip) grows < 5%;
//   - every lens result that is applied matches the current text and model: its text, its token
//     ids (tokenized again here with the loaded model, capped as the course caps them), the model
//     that computed it and its shape. A stale figure is a failure.
// Models: lens-mini (the embedded model) or a GPT-2-small-shaped folder (random weights, GPT-2's
// tokenizer), written once to --gpt2-dir.
// Usage: al-bench-soak [--model lens-mini|gpt2|DIR] [--edits N] [--switch-every N] [--warmup N]
//                      [--type-ms MS] [--seed N] [--gpt2-dir DIR] [--visit-limit S]
// RSS is read 1.5 s after Station 1 is back (once the app has released what the pages freed).
// Each checkpoint also prints glibc's heap figures (mallinfo2): the bytes malloc hands out ("in
// use") and the free bytes it keeps ("free"), so a growth of RSS can be told apart as live objects
// (in use grows) or memory the allocator holds on to (free grows).
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QtQml/QQmlExtensionPlugin>
#include <QtTest/QTest>
#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <random>
#include <unistd.h>

#include "app_state.h"
#include "attention_lens/model.h"
#include "attention_lens/threads.h"
#include "exercises/course_math.h"
#include "lens/lens_controller.h"
#include "memory_release.h"
#include "model_hub.h"
#include "write_model_folder.h"
#include "main_window.h"
#include "process_probes.h"

Q_IMPORT_QML_PLUGIN(AttentionLensPlugin)

namespace {
using probes::findByName;
using probes::rssMb;

const char* const kPastes[] = {
    " When Mary and John went to the store, John gave a drink to",
    " The cat sat on the mat because it was tired.",
    " Mira painted the old boat green and sailed to the island.",
    " One, two, three, four, five, six, seven,",
    " The keys to the cabinet are on the table.",
};

// glibc's heap: bytes in use (main arena and mmapped blocks), and free bytes kept in the arenas.
struct Heap { double inUseMb, freeMb; };
Heap heap() {
    const struct mallinfo2 m = ::mallinfo2();
    return {double(m.uordblks + m.hblkhd) / 1048576.0, double(m.fordblks) / 1048576.0};
}

struct Checker {
    int applied = 0, failures = 0;
    // Every applied result must be the one for the text and model on screen now.
    void check(const LensController& lens) {
        const lens::LensResultPtr r = lens.result();
        if (!r)
            return;
        ++applied;
        const auto model = ModelHub::instance()->model();
        const QString text = ModelHub::instance()->text();
        QString why;
        if (r->text != text || lens.text() != text)
            why = QStringLiteral("result for \"%1\" while the text is \"%2\"").arg(r->text.right(40), text.right(40));
        else if (r->model.lock() != model)
            why = QStringLiteral("result computed by another model");
        else if (r->nLayer != model->config().n_layer || r->nHead != model->config().n_head)
            why = QStringLiteral("result of another shape");
        else {
            const QByteArray utf8 = text.toUtf8();
            std::vector<int> ids = model->tokenizer()->encode(std::string_view(utf8.constData(), size_t(utf8.size())));
            const int cap = std::min(model->config().n_positions, course::kTokenCap);
            const int total = int(ids.size());
            if (total > cap) ids.resize(size_t(cap));
            if (r->ids != ids)
                why = QStringLiteral("token ids differ from the text's");
            else if ((total > cap ? total : 0) != r->truncatedFrom)
                why = QStringLiteral("truncation note says %1 tokens, the text has %2").arg(r->truncatedFrom).arg(total);
        }
        if (!why.isEmpty()) {
            if (++failures <= 10)
                std::fprintf(stderr, "STALE: %s\n", qPrintable(why));
        }
    }
};

} // namespace

int main(int argc, char** argv) {
    memory_release::configureAllocator(); // as the app does (main.cpp)
    al::configure_threads();
    // Settings and progress in a folder of this run's own: never the user's, and never another
    // run's (a station remembered by a soak running beside this one would open before Station 1).
    QTemporaryDir home;
    if (!home.isValid()) {
        std::fprintf(stderr, "cannot make a temporary folder for settings: %s\n", qPrintable(home.errorString()));
        return 1;
    }
    for (const char* var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(var, QDir(home.path()).filePath(QString::fromLatin1(var)).toUtf8());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Attention Lens soak"));
    QStringList args = app.arguments().mid(1);
    auto take = [&](const QString& name, const QString& fallback) {
        const qsizetype i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) return fallback;
        const QString v = args[i + 1];
        args.remove(i, 2);
        return v;
    };
    const QString modelArg = take(QStringLiteral("--model"), QStringLiteral("lens-mini"));
    const int edits = take(QStringLiteral("--edits"), QStringLiteral("10000")).toInt();
    const int switchEvery = std::max(1, take(QStringLiteral("--switch-every"), QStringLiteral("500")).toInt());
    const int warmup = take(QStringLiteral("--warmup"), QString::number(std::min(1000, edits / 5))).toInt();
    const int typeMs = take(QStringLiteral("--type-ms"), QStringLiteral("10")).toInt();
    const unsigned seed = take(QStringLiteral("--seed"), QStringLiteral("7")).toUInt();
    const QString gpt2Dir = take(QStringLiteral("--gpt2-dir"), QDir::tempPath() + QStringLiteral("/al-gpt2-shaped"));
    // How long one station may take to show its figures (Station 3 on GPT-2's shapes computes all
    // 144 heads, the knock-out search and its answers; on a loaded 2-core machine that passes 5 min).
    const int visitLimitMs = take(QStringLiteral("--visit-limit"), QStringLiteral("1800")).toInt() * 1000;
    if (!args.isEmpty() || edits <= 0 || visitLimitMs <= 0) {
        std::fprintf(stderr, "usage: al-bench-soak [--model lens-mini|gpt2|DIR] [--edits N] [--switch-every N] "
                             "[--warmup N] [--type-ms MS] [--seed N] [--gpt2-dir DIR] [--visit-limit S]\n");
        return 2;
    }

    QString modelDir = modelArg;
    if (modelArg == QLatin1String("lens-mini")) {
        modelDir = QStringLiteral(AL_SOURCE_DIR "/resources/models/lens-mini");
    } else if (modelArg == QLatin1String("gpt2")) {
        const QString shared = qEnvironmentVariable("AL_SHARED_DIR", QStringLiteral(AL_DEFAULT_SHARED_DIR));
        std::printf("writing a GPT-2-small-shaped model to %s (once)...\n", qPrintable(gpt2Dir));
        std::fflush(stdout);
        try {
            testing_support::gpt2ShapedFolder(gpt2Dir.toStdString(), (shared + QStringLiteral("/gpt2-tokenizer")).toStdString());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "cannot write the model: %s (set AL_SHARED_DIR to the folder holding gpt2-tokenizer/)\n", e.what());
            return 1;
        }
        modelDir = gpt2Dir;
    }

    ModelHub* hub = ModelHub::instance();
    hub->setText(QStringLiteral("The cat sat on the mat"));
    hub->loadModel(modelDir);
    if (!QTest::qWaitFor([&] { return hub->ready() || !hub->error().isEmpty(); }, 300000) || !hub->ready()) {
        std::fprintf(stderr, "cannot load %s: %s\n", qPrintable(modelDir), qPrintable(hub->error()));
        return 1;
    }
    std::printf("model: %s (%s)\n", qPrintable(hub->modelName()), qPrintable(modelDir));

    QQuickStyle::setStyle(QStringLiteral("Basic"));
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/AttentionLens/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    window->resize(1280, 800);
    window->show();
    QObject* root = window;

    Checker checker;
    LensController* lens = nullptr;
    QQuickItem* input = nullptr;
    auto settled = [&] { return lens && lens->hasResult() && lens->upToDate() && !lens->busy(); };
    // Opens Station 1 (a new page, as the app does) and waits for its first result.
    auto openLens = [&]() -> bool {
        QMetaObject::invokeMethod(root, "openStation", Q_ARG(QVariant, QStringLiteral("lens")));
        lens = nullptr;
        if (!QTest::qWaitFor([&] { return (lens = testing_support::onScreen<LensController>(window)) != nullptr; }, 300000)) {
            std::fprintf(stderr, "no lens on the page\n");
            return false;
        }
        QObject::connect(lens, &LensController::resultChanged, lens, [&checker, l = lens] { checker.check(*l); });
        input = qobject_cast<QQuickItem*>(findByName(window->contentItem(), QStringLiteral("lensInput")));
        if (!input || !QTest::qWaitFor(settled, 300000)) {
            std::fprintf(stderr, "the lens did not settle: text box %s, result %d, up to date %d, busy %d, error \"%s\"\n",
                         input ? "found" : "missing", lens->hasResult(), lens->upToDate(), lens->busy(),
                         qPrintable(lens->error()));
            return false;
        }
        input->forceActiveFocus();
        input->setProperty("cursorPosition", input->property("length"));
        return true;
    };
    if (!openLens()) {
        std::fprintf(stderr, "Station 1 did not open\n");
        return 1;
    }

    const char* const others[] = {"math", "heads", "mask", "temperature", "not"};
    std::mt19937 rng(seed);
    auto uniform = [&](int n) { return int(rng() % unsigned(n)); };
    struct Sample { int edits; double rss; double seconds; Heap heap; };
    std::vector<Sample> samples;
    QElapsedTimer clock;
    clock.start();
    samples.push_back({0, rssMb(), 0, heap()});
    auto printSample = [&](const Sample& s) {
        std::printf("  %6d edits  %7.1f MB  %6.0f s  heap in use %6.1f MB, free %5.1f MB  (%d results applied, %d stale)\n",
                    s.edits, s.rss, s.seconds, s.heap.inUseMb, s.heap.freeMb, checker.applied, checker.failures);
        std::fflush(stdout);
    };
    int inserts = 0, deletes = 0, pastes = 0, undos = 0, trips = 0, longestVisit = 0, dropped = 0;
    double worstWait = 0;
    for (int e = 1; e <= edits; ++e) {
        const int len = input->property("length").toInt();
        const int r = uniform(100);
        if (uniform(10) == 0) // now and then the learner clicks somewhere else in the text
            input->setProperty("cursorPosition", uniform(len + 1));
        if (len > 420) {
            // Keep the text around the course's 64-token window: select a tail and delete it.
            QMetaObject::invokeMethod(input, "select", Q_ARG(int, 80 + uniform(200)), Q_ARG(int, len));
            QTest::keyClick(window, Qt::Key_Backspace);
            ++deletes;
        } else if (r < 50) {
            static const char kChars[] = "abcdefghijklmnopqrstuvwxyz    ,.'";
            QTest::keyClick(window, kChars[uniform(int(sizeof(kChars)) - 1)]);
            ++inserts;
        } else if (r < 75) {
            QTest::keyClick(window, uniform(4) == 0 ? Qt::Key_Delete : Qt::Key_Backspace);
            ++deletes;
        } else if (r < 85) {
            QGuiApplication::clipboard()->setText(QString::fromUtf8(kPastes[uniform(int(std::size(kPastes)))]));
            QTest::keyClick(window, Qt::Key_V, Qt::ControlModifier);
            ++pastes;
        } else {
            QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
            ++undos;
        }
        QTest::qWait(typeMs);
        if (input->property("text").toString() != hub->text()) {
            std::fprintf(stderr, "the text box and the course's text differ after edit %d\n", e);
            return 1;
        }
        if (e % 50 == 0) { // a pause in typing: the lens must catch up with the text
            QElapsedTimer w;
            w.start();
            if (!QTest::qWaitFor(settled, 300000)) {
                std::fprintf(stderr, "the lens did not catch up after edit %d\n", e);
                return 1;
            }
            worstWait = std::max(worstWait, double(w.elapsed()) / 1000.0);
        }
        if (e == edits) {
            // The page that took the last edits, before it leaves: printed, not compared (what
            // a page holds while it is open is given back when it goes, see the checkpoints).
            if (!QTest::qWaitFor(settled, 300000)) {
                std::fprintf(stderr, "the lens did not catch up at the end\n");
                return 1;
            }
            const Heap h = heap();
            std::printf("  end of typing, Station 1 still open: %.1f MB, heap in use %.1f MB, free %.1f MB\n", rssMb(),
                        h.inUseMb, h.freeMb);
        }
        if (e % switchEvery == 0 || e == edits) {
            // A trip to another station and back: it computes its figures for the current text.
            // The last one, after the last edit, gives the final checkpoint, taken like the others.
            dropped += lens->droppedResults(); // the page (and its lens) goes away with the trip
            QElapsedTimer visit;
            visit.start();
            AppState::instance()->reportFiguresPending();
            QMetaObject::invokeMethod(root, "openStation", Q_ARG(QVariant, QString::fromLatin1(others[trips % 5])));
            if (!QTest::qWaitFor([] { return AppState::instance()->figuresAreShown(); }, visitLimitMs)) {
                std::fprintf(stderr, "station %s did not show its figures after edit %d\n", others[trips % 5], e);
                return 1;
            }
            longestVisit = std::max(longestVisit, int(visit.elapsed()));
            ++trips;
            if (!openLens()) {
                std::fprintf(stderr, "Station 1 did not come back after edit %d\n", e);
                return 1;
            }
            // The app hands the memory a page freed back a second after a switch
            // (memory_release.h): read RSS after that, so every checkpoint is taken alike.
            QTest::qWait(1500);
            samples.push_back({e, rssMb(), double(clock.elapsed()) / 1000.0, heap()});
            printSample(samples.back());
            std::fflush(stdout);
        }
    }

    // Growth after the warm-up: the last checkpoint against the first one at or after it.
    const auto base = std::find_if(samples.begin(), samples.end(), [&](const Sample& s) { return s.edits >= warmup; });
    const double baseRss = base != samples.end() ? base->rss : samples.front().rss;
    const double growth = (samples.back().rss - baseRss) / baseRss;
    const double peak = std::max_element(samples.begin(), samples.end(),
                                          [](const Sample& a, const Sample& b) { return a.rss < b.rss; })->rss;
    std::printf("edits %d (insert %d, delete %d, paste %d, undo %d), station trips %d (longest %.1f s), "
                "longest catch-up %.1f s\n", edits, inserts, deletes, pastes, undos, trips, longestVisit / 1000.0, worstWait);
    std::printf("lens results applied %d, stale %d, superseded and dropped %d\n", checker.applied, checker.failures,
                dropped + lens->droppedResults());
    std::printf("RSS after warm-up (%d edits) %.1f MB, at the end %.1f MB: %+.2f%% (limit +5%%); peak checkpoint %.1f MB; "
                "%.0f s in all\n", base != samples.end() ? base->edits : 0, baseRss, samples.back().rss, growth * 100, peak,
                samples.back().seconds);
    const bool ok = checker.failures == 0 && checker.applied > 0 && growth < 0.05;
    std::printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
