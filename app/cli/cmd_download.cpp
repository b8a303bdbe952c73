// `download`: fetches a GPT-2-family model with the same downloader as the app (resumable,
// verified, checked by loading it), printing one JSON object per line: progress events, then a
// final "done" or "error".
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMetaEnum>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

#include "commands.h"
#include "download/download_destination.h"
#include "download/model_downloader.h"
#include "download/source_names.h"
#include "library/model_folder.h"
#include "library/model_library.h"
#include "library/model_manifest.h"

namespace cli {

namespace {

void printJson(const QJsonObject& o) {
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

} // namespace

// Returns the process exit code: 0 installed, 1 the download failed (the JSON says why); bad
// options and a destination that may not be written (see download_destination.h) throw
// UsageError (exit 2).
int cmd_download(const Args& args) {
    using namespace al::library;
    const Options o(args, {"--repo", "--revision", "--dest"}, {"--no-progress"});
    const QString repo = QString::fromStdString(o.value("--repo", "openai-community/gpt2"));
    const QString revision = QString::fromStdString(o.value("--revision"));
    const QString dest = o.has("--dest") ? QString::fromStdString(o.value("--dest")) : defaultModelsRoot();
    const bool progress = !o.has("--no-progress");
    if (repo.isEmpty()) throw UsageError("--repo needs a repository, e.g. openai-community/gpt2");
    if (dest.isEmpty()) throw UsageError("--dest needs a folder");
    // Refused before anything touches the disk: the repository's last part names a folder there.
    if (!revision.isEmpty() && !al::download::revisionProblem(revision).isEmpty())
        throw UsageError("--revision: " + al::download::revisionProblem(revision).toStdString());

    QString manifestError;
    const QList<ManifestModel> manifest = loadManifest(QString(), &manifestError);
    ManifestModel model;
    bool known = false;
    for (const ManifestModel& m : manifest) {
        if (m.repo == repo || m.id == repo || m.repo.section(QLatin1Char('/'), -1) == repo) {
            model = m;
            known = true;
        }
    }
    if (!known) {
        if (!repo.contains(QLatin1Char('/')))
            throw UsageError("--repo \"" + repo.toStdString() + "\" is neither a model of the manifest nor an org/name repository");
        if (const QString problem = al::download::repoIdProblem(repo); !problem.isEmpty())
            throw UsageError("--repo: " + problem.toStdString());
        // Any other GPT-2-family repository: nothing pinned, the server's headers say what to expect.
        model.id = repo.section(QLatin1Char('/'), -1);
        model.repo = repo;
        model.title = model.id;
        model.revision = QStringLiteral("main");
        for (const QString& name : requiredModelFiles())
            model.files.append({name, -1, HashKind::None, QString()});
    }
    if (!revision.isEmpty() && revision != model.revision) {
        model.revision = revision;
        for (ManifestFile& f : model.files) // pins belong to the manifest's revision only
            f = {f.name, -1, HashKind::None, QString()};
    }

    // A --dest that is not a folder, a link on the way, or a folder of the model's name that holds
    // anything but a model is a mistake in the command line, refused before anything is created.
    if (const QString problem = al::download::destinationProblem(dest, model); !problem.isEmpty())
        throw UsageError(problem.toStdString());

    al::download::ModelDownloader downloader;
    downloader.setModelsRoot(dest);
    QEventLoop loop;
    qint64 lastPrinted = -1;
    QElapsedTimer sinceLast;
    sinceLast.start();
    QObject::connect(&downloader, &al::download::ModelDownloader::progressChanged, &loop, [&] {
        if (!progress || (sinceLast.elapsed() < 500 && downloader.bytesDone() != downloader.bytesTotal()))
            return;
        if (downloader.bytesDone() == lastPrinted && sinceLast.elapsed() < 5000)
            return;
        sinceLast.restart();
        lastPrinted = downloader.bytesDone();
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("progress")},
                      {QStringLiteral("phase"), QString::fromLatin1(QMetaEnum::fromType<al::download::ModelDownloader::Phase>()
                                                                        .valueToKey(int(downloader.phase()))).toLower()},
                      {QStringLiteral("file"), downloader.currentFile()},
                      {QStringLiteral("bytes"), double(downloader.bytesDone())},
                      {QStringLiteral("total"), double(downloader.bytesTotal())},
                      {QStringLiteral("bytes_per_second"), qRound64(downloader.bytesPerSecond())},
                      {QStringLiteral("seconds_left"), double(downloader.secondsLeft())},
                      {QStringLiteral("status"), downloader.status()}};
        printJson(o);
    });
    QObject::connect(&downloader, &al::download::ModelDownloader::finished, &loop, [&loop] { loop.quit(); });
    downloader.start(model);
    if (!downloader.notice().isEmpty())
        printJson({{QStringLiteral("event"), QStringLiteral("notice")}, {QStringLiteral("message"), downloader.notice()}});
    if (downloader.busy())
        loop.exec();

    if (downloader.phase() == al::download::ModelDownloader::Phase::Done) {
        const FolderInfo info = inspectModelFolder(downloader.installedDir());
        printJson({{QStringLiteral("event"), QStringLiteral("done")},
                   {QStringLiteral("repo"), model.repo},
                   {QStringLiteral("revision"), downloader.resolvedRevision()},
                   {QStringLiteral("dir"), downloader.installedDir()},
                   {QStringLiteral("bytes"), double(info.bytesOnDisk)},
                   {QStringLiteral("parameters"), double(info.parameters)},
                   {QStringLiteral("n_layer"), info.nLayer},
                   {QStringLiteral("n_head"), info.nHead}});
        return 0;
    }
    printJson({{QStringLiteral("event"), QStringLiteral("error")},
               {QStringLiteral("error"), QString::fromLatin1(al::download::downloadErrorName(downloader.error()))},
               {QStringLiteral("message"), downloader.errorMessage()},
               {QStringLiteral("repo"), model.repo},
               {QStringLiteral("staging"), downloader.stagingDir()}});
    return 1;
}

} // namespace cli
