// Fetches a GPT-2-family model from a Hugging Face endpoint into the app's models folder:
// {endpoint}/{repo}/resolve/{revision}/{file} for config.json, vocab.json, merges.txt and
// model.safetensors, each checked against the manifest's pinned size and hash or, where none is
// pinned, the server's X-Linked-Size / X-Linked-Etag (LFS, sha256) or Content-Length / ETag (git blob
// sha1) headers. Files grow as <file>.part in a staging folder next to the models (Range requests
// resume them after a dropped connection or a restart), are hashed on a worker thread, and the
// finished folder is checked by loading it with the engine before one rename installs it. A folder
// already at the target is replaced only when it holds nothing but a model's files (checked before
// any transfer and again at install; see download_destination.h), and one lock file per model in
// the staging folder keeps two downloads of it from writing the same files. The model
// that check loaded is handed on (takeModel), so the app need not load it a second time. A failed
// or cancelled download never touches an installed model.
#pragma once
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "library/model_manifest.h"

namespace al {
class Model;
}

namespace al::download {

enum class DownloadError {
    None,
    Offline,             // no connection to the server (DNS, refused, unreachable)
    NotFound,            // 404: no such repository, revision or file
    Unauthorized,        // 401/403: gated or private repository
    RangeNotSatisfiable, // 416 that a fresh start did not cure
    Truncated,           // the connection dropped mid-file more times than the retries allow
    Stalled,             // no bytes for the stall timeout, more times than the retries allow, or too few in the slow window
    WrongSize,           // the server sent more bytes than expected
    WrongHash,           // the file's hash is not the expected one (the file was deleted)
    DiskFull,            // not enough free space, before starting or while writing
    NotWritable,         // the models folder cannot be created or written (read-only, permissions)
    ServerError,         // another HTTP status (5xx after retries, unexpected 3xx/4xx)
    InvalidModel,        // every file arrived intact but the engine cannot load the folder
    InvalidSource,       // a repository id, revision or file name that is not one (nothing was touched)
    DestinationTaken,    // the models folder is not a folder, a link is on the way, or the model's folder holds other files
    InProgress,          // another download of the same model into the same folder is running
    Cancelled,
};
const char* downloadErrorName(DownloadError e); // "offline", "not_found", "wrong_hash", ...

class ModelDownloader : public QObject {
    Q_OBJECT
public:
    enum class Phase { Idle, Checking, Downloading, Verifying, Validating, Installing, Done, Failed, Cancelled };
    Q_ENUM(Phase)

    // What checking a finished folder found: the loaded model, or why it does not load.
    struct Validation {
        std::shared_ptr<const al::Model> model; // may be null even when the folder is fine
        QString problem;                        // "" when the folder loads
    };
    // Checks a finished folder. Runs on a worker thread.
    using Validator = std::function<Validation(const QString& dir)>;

    explicit ModelDownloader(QObject* parent = nullptr);
    ~ModelDownloader() override;

    // $HF_ENDPOINT when set (a mirror, or a test server), else https://huggingface.co.
    static QString defaultEndpoint();
    // Loads the folder with al::Model::load: the model, or the engine's message.
    static Validation validateWithEngine(const QString& dir);

    void setEndpoint(const QString& endpoint);
    void setModelsRoot(const QString& dir);          // default: library::defaultModelsRoot()
    void setStallTimeoutMs(int ms);                  // no bytes for this long counts as a dropped connection
    void setSlowRule(qint64 bytes, int windowMs);    // fewer bytes than this in a window ends the download
    void setMaxFileBytes(qint64 bytes);              // a file announced larger is refused
    void setMaxRetries(int retries);                 // automatic resumes per file without progress
    void setRetryDelayMs(int ms);
    void setReserveBytes(qint64 bytes);              // free space to leave on the disk after downloading
    void setValidator(Validator validator);

    void start(const library::ManifestModel& model);
    void cancel();   // stops; the .part files stay, so a later start resumes
    void discard();  // stops and deletes the staging folder

    Phase phase() const;
    bool busy() const;
    QString modelId() const;
    DownloadError error() const;
    QString errorMessage() const;
    QString status() const;          // one line for a person: what is happening now
    QString notice() const;          // something start() set right on the way (a lock file set aside), or empty
    QString currentFile() const;
    qint64 bytesDone() const;        // bytes of the model on disk (including resumed parts)
    qint64 bytesTotal() const;       // -1 until every file's size is known
    double bytesPerSecond() const;   // over the last few seconds
    qint64 secondsLeft() const;      // -1 when unknown
    QString installedDir() const;    // set when phase() == Done
    QString stagingDir() const;
    QString resolvedRevision() const;
    // The model the validation loaded, named by its installed folder (phase() == Done); null when
    // the validator kept none or it was taken already. Taking it releases the downloader's hold.
    std::shared_ptr<const al::Model> takeModel();

signals:
    void phaseChanged();
    void progressChanged();
    void finished(bool ok);

private:
    struct Private;
    std::unique_ptr<Private> d;

    QString clearUnusableLock(const QString& path);
    bool heldByAnEarlierVersion(const QString& oldPath);
    void headNext(int index, const QString& url = QString(), int hops = 0);
    void checkSpaceAndDownload();
    void downloadNext(int index);
    void onReadyRead();
    void onGetFinished();
    void stopForTooManyBytes(const QString& what);
    void verify(int index);
    void validate();
    void install(std::shared_ptr<const al::Model> validated);
    void retryOrFail(DownloadError error, const QString& message);
    QString tooSlowMessage() const;
    void fail(DownloadError error, const QString& message);
    void setPhase(Phase phase);
    void setStatus(const QString& status);
    void noteProgress(bool force = false);
    QString fileUrl(const QString& name) const;
};

} // namespace al::download
