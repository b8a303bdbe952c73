// `attention-lens-cli download [--repo openai-community/gpt2] [--revision REV] [--dest DIR]`:
// fetches a GPT-2-family model with the same downloader as the app (resumable, verified, checked by
// loading it), printing one JSON object per line: progress events, then a final "done" or "error".
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMetaEnum>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <cstdio>

#include "download/model_downloader.h"
#include "library/model_folder.h"
#include "library/model_library.h"
#include "library/model_manifest.h"

namespace {

void printJson(const QJsonObject& o) {
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int usageError(const QString& message) {
    printJson({{QStringLiteral("event"), QStringLiteral("error")},
               {QStringLiteral("error"), QStringLiteral("usage")},
               {QStringLiteral("message"), message}});
    return 2;
}

} // namespace

// Returns the process exit code: 0 installed, 1 the download failed (the JSON says why), 2 usage.
int cmdDownload(const QStringList& args) {
    using namespace al::library;
    QString repo = QStringLiteral("openai-community/gpt2");
    QString revision;
    QString dest = defaultModelsRoot();
    bool progress = true;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&](QString& out) {
            if (i + 1 >= args.size())
                return false;
            out = args[++i];
            return true;
        };
        if (a == QLatin1String("--repo")) {
            if (!value(repo)) return usageError(QStringLiteral("--repo needs a repository, e.g. openai-community/gpt2"));
        } else if (a == QLatin1String("--revision")) {
            if (!value(revision)) return usageError(QStringLiteral("--revision needs a commit or branch"));
        } else if (a == QLatin1String("--dest")) {
            if (!value(dest)) return usageError(QStringLiteral("--dest needs a folder"));
        } else if (a == QLatin1String("--no-progress")) {
            progress = false;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            std::puts("usage: attention-lens-cli download [--repo REPO] [--revision REV] [--dest DIR] [--no-progress]\n"
                      "  REPO: a Hugging Face repository or a model id of the built-in manifest (default openai-community/gpt2)\n"
                      "  DIR:  the models folder; the model is installed in DIR/<repository name>\n"
                      "  The endpoint is $HF_ENDPOINT, else https://huggingface.co. An interrupted download resumes.");
            return 0;
        } else {
            return usageError(QStringLiteral("unknown option %1 (see download --help)").arg(a));
        }
    }

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
            return usageError(QStringLiteral("\"%1\" is neither a model of the manifest nor an org/name repository").arg(repo));
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
