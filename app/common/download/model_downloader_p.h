// The downloader's state, shared by the files that each do one of its jobs: model_downloader.cpp
// (start, progress, cancel), download_probe.cpp (HEAD: sizes, hashes, the commit),
// download_transfer.cpp (the .part files, Range resume, retries), download_verify.cpp (hashing
// and loading off the GUI thread) and download_install.cpp (the one rename).
#pragma once
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QLockFile>
#include <QNetworkReply>
#include <QTimer>
#include <atomic>
#include <deque>
#include <memory>
#include <optional>

#include "download/download_parsers.h"
#include "download/file_hasher.h"
#include "download/model_downloader.h"
#include "library/model_library.h"

class QNetworkAccessManager;
class QNetworkRequest;

namespace al::download {

inline constexpr const char* kStateFile = "download.json"; // in the staging folder: see ResumeState

// A request for a file of the repository as Hugging Face's own client makes it: our user agent,
// no content encoding (byte ranges are of the file itself, never of a gzip stream). TLS
// certificates are checked as Qt does by default; nothing here relaxes that.
QNetworkRequest fileRequest(const QString& url);
// True for errors that mean no connection at all (as opposed to a server's refusal).
bool isNetworkDown(QNetworkReply::NetworkError e);
const char* hashName(library::HashKind k); // "sha256", "git blob sha1"

struct ModelDownloader::Private {
    QNetworkAccessManager* nam = nullptr;
    QString endpoint = ModelDownloader::defaultEndpoint();
    QString modelsRoot = library::defaultModelsRoot();
    int stallTimeoutMs = 30000;
    // A server that trickles keeps the stall timer from firing: fewer than slowBytes in a window of
    // slowWindowMs ends the download (the .part is kept for a later resume).
    qint64 slowBytes = 16 * 1024;
    int slowWindowMs = 60000;
    qint64 maxFileBytes = 64000000000LL; // the most one file of a download may take (64 GB; GPT-2 XL is 6.4 GB)
    int maxRetries = 5;
    int retryDelayMs = 1000;
    qint64 reserveBytes = 64LL * 1024 * 1024;
    Validator validator = &ModelDownloader::validateWithEngine;

    library::ManifestModel model;
    QList<library::ManifestFile> files; // expectations, filled in from headers where not pinned
    QString revision;                   // the commit every file is fetched at
    QString staging;
    std::optional<ResumeState> staged; // what the staged files were fetched as, read by start()
    Phase phase = Phase::Idle;
    DownloadError error = DownloadError::None;
    QString errorMessage;
    QString status;
    QString notice;
    QString installedDir;
    std::shared_ptr<const al::Model> validated; // loaded by the validation, until taken

    int index = -1;              // the file being fetched
    QNetworkReply* reply = nullptr;
    QFile part;
    QString partPath;            // the file `part` writes
    bool replyChecked = false;   // the status of the current reply was looked at
    bool restartFromZero = false;
    bool stalled = false;
    bool tooSlow = false;        // the slow-window rule stopped the current reply
    bool writeFailed = false;
    bool retried416 = false;
    int attempts = 0;            // consecutive failed attempts on the current file without progress
    qint64 partAtRequest = 0;    // .part size when the request was sent
    int mostIndex = -1;          // the file mostBytes is of
    qint64 mostBytes = 0;        // the most that file's .part ever held: only bytes past it are progress
    bool rangeIgnored = false;   // the server answered a Range request with the whole file
    QTimer stallTimer;
    QTimer slowTimer;            // fires each slowWindowMs while a file downloads, across its retries
    qint64 windowStartBytes = 0; // networkBytes when the current window began
    QTimer retryTimer;
    QTimer heartbeat;            // refreshes speed and time left while no bytes arrive
    std::shared_ptr<std::atomic<bool>> cancelFlag = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<HashResult>* hashWatcher = nullptr;
    QFutureWatcher<Validation>* validateWatcher = nullptr;
    bool cancelled = false;
    std::unique_ptr<QLockFile> lock; // <staging root>/<folder>.lock while this download runs

    qint64 completedBytes = 0;   // sizes of the files already finished
    qint64 currentBytes = 0;     // size of the current .part
    std::deque<std::pair<qint64, qint64>> samples; // (ms, network bytes) for the speed
    qint64 networkBytes = 0;
    QElapsedTimer clock;
    qint64 lastEmitMs = -1000;

    QString stagedPath(const QString& name) const { return staging + QLatin1Char('/') + name; }
};

} // namespace al::download
