// `exercises audit`: every exercise of every station run over a corpus of texts, to measure whether
// its question is worth predicting (app/exercises/exercise_audit.h). Without --texts the corpus is
// the stations' presets and lessons/audit-texts.txt. Prints a Markdown table (or --json); --check
// also exits 1 with one line per threshold an exercise misses (lessons/README.md); --values lists what
// each text gave per exercise, on stderr.
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

#include "attention_lens/error.h"
#include "commands.h"
#include "exercise_audit.h"
#include "model_locator.h"

namespace cli {

int cmd_exercises(const Args& args) {
    if (args.empty() || args[0] != "audit")
        throw UsageError("expected a subcommand: audit");
    Args rest(args.begin() + 1, args.end());
    // --model lens-mini names the embedded model, as the model library does.
    for (size_t i = 0; i + 1 < rest.size(); ++i)
        if (rest[i] == "--model" && rest[i + 1] == al::app::embeddedModelName().toStdString() &&
            !QFileInfo(QString::fromStdString(rest[i + 1])).isDir()) {
            rest.erase(rest.begin() + long(i), rest.begin() + long(i) + 2);
            break;
        }
    const Options o(rest, {"--model", "--texts", "--source"}, {"--json", "--check", "--quiet", "--values"});
    const QString source = QString::fromStdString(o.value("--source", AL_SOURCE_ROOT));
    const QString lessons = QDir(source).filePath(QStringLiteral("lessons"));
    if (!QFileInfo(lessons).isDir())
        throw UsageError("--source: no lessons folder in \"" + source.toStdString() + "\"");
    const std::vector<course::audit::Station> stations =
        course::audit::readStations(lessons, QDir(source).filePath(QStringLiteral("qml")));
    QStringList texts;
    if (o.has("--texts")) {
        const QString path = QString::fromStdString(o.value("--texts"));
        try {
            texts = course::audit::readTexts(path);
        } catch (const al::Error& e) {
            throw UsageError(std::string("--texts: ") + e.what());
        }
        if (texts.isEmpty()) throw UsageError("--texts: \"" + path.toStdString() + "\" holds no text");
    } else {
        for (const auto& s : stations) texts << s.presets;
        texts << course::audit::readTexts(QDir(lessons).filePath(QStringLiteral("audit-texts.txt")));
        texts.removeDuplicates();
    }
    const auto model = load_model(o);
    al::Runner runner(model);
    const bool quiet = o.has("--quiet");
    course::audit::Report report = course::audit::run(stations, runner, texts, [&](const QString& where) {
        if (!quiet) std::fprintf(stderr, "\r%-60s", where.toUtf8().constData());
    });
    if (!quiet) std::fprintf(stderr, "\r%-60s\r", "");
    report.model = o.has("--model") ? QFileInfo(QString::fromStdString(o.value("--model"))).fileName()
                                    : al::app::embeddedModelName();
    if (o.has("--json"))
        std::printf("%s\n", QJsonDocument(course::audit::toJson(report)).toJson(QJsonDocument::Compact).constData());
    else
        std::printf("Model %s, %d texts.\n\n%s", report.model.toUtf8().constData(), report.texts,
                    course::audit::toTable(report).toUtf8().constData());
    if (o.has("--values")) // what each text gave, for choosing a range question's edges
        for (const auto& r : report.exercises)
            if (!r.trainingRun)
                std::fprintf(stderr, "%s %s\n", r.id.toUtf8().constData(), r.values.join(QLatin1Char(' ')).toUtf8().constData());
    if (!o.has("--check")) return 0;
    const QStringList misses = course::audit::check(report);
    for (const QString& m : misses) std::fprintf(stderr, "%s\n", m.toUtf8().constData());
    return misses.isEmpty() ? 0 : 1;
}

} // namespace cli
