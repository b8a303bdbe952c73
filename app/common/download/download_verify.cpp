// Verifying: each finished .part is hashed on a worker thread against the pinned or announced
// hash, then the whole folder is loaded with the engine (also on a worker thread), so a model is
// only called ready when the course can run it. The model that load produced is kept for the app.
#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

#include "attention_lens/model.h"
#include "download/model_downloader_p.h"
#include "download/staged_file.h"

namespace al::download {

using library::HashKind;
using library::ManifestFile;

namespace {

// A finished watcher's result; the watcher is deleted later and its slot cleared.
template <typename T>
T takeResult(QFutureWatcher<T>*& watcher) {
    T result = watcher->result();
    watcher->deleteLater();
    watcher = nullptr;
    return result;
}

} // namespace

ModelDownloader::Validation ModelDownloader::validateWithEngine(const QString& dir) {
    Validation v;
    try {
        v.model = al::Model::load(QDir(dir).absolutePath().toStdString());
        if (!v.model)
            v.problem = QStringLiteral("the engine returned no model");
    } catch (const std::exception& e) {
        v.problem = QString::fromUtf8(e.what());
    }
    return v;
}

void ModelDownloader::verify(int index) {
    d->slowTimer.stop(); // hashing moves no bytes; the next file's request starts a new window
    const ManifestFile f = d->files[index];
    const QString finalPath = d->stagedPath(f.name);
    const QString partPath = finalPath + QStringLiteral(".part");
    auto accept = [this, index, f, partPath, finalPath] {
        QFile::remove(finalPath);
        if (!QFile::rename(partPath, finalPath)) {
            fail(DownloadError::NotWritable, tr("Cannot rename %1 in %2.").arg(partPath, d->staging));
            return;
        }
        d->completedBytes += f.size;
        d->currentBytes = 0;
        d->attempts = 0;
        d->retried416 = false;
        setPhase(Phase::Downloading);
        downloadNext(index + 1);
    };
    if (f.hashKind == HashKind::None) {
        accept(); // the server named no hash; the size was checked
        return;
    }
    if (!isRegularFile(partPath)) { // a link or a pipe put there is never read through
        fail(DownloadError::NotWritable, tr("%1 is not a regular file; it was not checked and nothing was installed.").arg(partPath));
        return;
    }
    setPhase(Phase::Verifying);
    setStatus(tr("Checking %1 (%2)…").arg(f.name, QLatin1String(hashName(f.hashKind))));
    d->hashWatcher = new QFutureWatcher<HashResult>(this);
    connect(d->hashWatcher, &QFutureWatcher<HashResult>::finished, this, [this, f, partPath, accept] {
        const HashResult r = takeResult(d->hashWatcher);
        if (d->cancelled) {
            fail(DownloadError::Cancelled, tr("Download paused; what was downloaded is kept and the next start resumes it."));
            return;
        }
        if (!r.error.isEmpty()) {
            fail(DownloadError::NotWritable, r.error);
            return;
        }
        if (r.hex != f.hash) {
            QFile::remove(partPath);
            fail(DownloadError::WrongHash, tr("%1 arrived damaged: its %2 is %3, not %4. The file was deleted; nothing was installed. Try again.")
                                               .arg(f.name, QLatin1String(hashName(f.hashKind)), r.hex, f.hash));
            return;
        }
        accept();
    });
    d->hashWatcher->setFuture(QtConcurrent::run(hashFile, partPath, f.hashKind, d->cancelFlag.get(), nullptr));
}

void ModelDownloader::validate() {
    setPhase(Phase::Validating);
    setStatus(tr("Loading %1 to check it…").arg(d->model.repo));
    d->validateWatcher = new QFutureWatcher<Validation>(this);
    connect(d->validateWatcher, &QFutureWatcher<Validation>::finished, this, [this] {
        Validation v = takeResult(d->validateWatcher);
        if (d->cancelled) {
            fail(DownloadError::Cancelled, tr("Download cancelled."));
            return;
        }
        if (!v.problem.isEmpty()) {
            fail(DownloadError::InvalidModel, tr("The downloaded files are intact but the model does not load: %1").arg(v.problem));
            return;
        }
        install(std::move(v.model));
    });
    const Validator validator = d->validator;
    const QString dir = d->staging;
    d->validateWatcher->setFuture(QtConcurrent::run([validator, dir] { return validator ? validator(dir) : Validation{}; }));
}

} // namespace al::download
