// Drives one model download for the library page: which model, how far (bytes, speed, time left),
// what went wrong in words a learner can act on, cancel / resume / discard. When the download is
// installed it switches the app to the new model through ModelHub (text and station are kept), handing
// over the model the engine's check loaded instead of loading it again.
// The work is al::download::ModelDownloader's: network on the GUI thread's event loop, hashing and
// the engine's check on worker threads.
#pragma once
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include "assign_if_changed.h"
#include "download/model_downloader.h"

class DownloadController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(QString modelId READ modelId NOTIFY stateChanged)       // the model being (or last) downloaded
    Q_PROPERTY(QString modelTitle READ modelTitle NOTIFY stateChanged) // "GPT-2 small"
    Q_PROPERTY(QString phase READ phase NOTIFY stateChanged)           // "idle", "checking", "downloading", "verifying", "validating", "installing", "done", "failed", "cancelled"
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)   // 0..1, -1 until the size is known
    Q_PROPERTY(QString bytesText READ bytesText NOTIFY progressChanged)// "120 MB of 548 MB"
    Q_PROPERTY(QString speedText READ speedText NOTIFY progressChanged)// "11.2 MB/s"
    Q_PROPERTY(QString etaText READ etaText NOTIFY progressChanged)    // "about 40 s left"
    Q_PROPERTY(QString status READ status NOTIFY progressChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)           // "" unless the last download failed
    Q_PROPERTY(QString errorKind READ errorKind NOTIFY stateChanged)   // "offline", "wrong_hash", ...
    Q_PROPERTY(bool switchWhenDone READ switchWhenDone WRITE setSwitchWhenDone NOTIFY switchWhenDoneChanged)

public:
    explicit DownloadController(QObject* parent = nullptr);

    bool busy() const;
    QString modelId() const;
    QString modelTitle() const { return title_; }
    QString phase() const;
    double progress() const;
    QString bytesText() const;
    QString speedText() const;
    QString etaText() const;
    QString status() const;
    QString error() const;
    QString errorKind() const;
    bool switchWhenDone() const { return switchWhenDone_; }
    void setSwitchWhenDone(bool on) { if (assignIfChanged(switchWhenDone_, on)) emit switchWhenDoneChanged(); }

    // Starts (or resumes) the download of a model of the shipped manifest, by id ("gpt2").
    Q_INVOKABLE void download(const QString& id);
    Q_INVOKABLE void cancel();
    // Deletes what a paused or failed download of this model left in the staging folder.
    Q_INVOKABLE void discard(const QString& id);

    al::download::ModelDownloader* downloader() { return downloader_; }

signals:
    void stateChanged();
    void progressChanged();
    void switchWhenDoneChanged();
    void finished(bool ok, const QString& dir); // the library page refreshes on this

private:
    al::download::ModelDownloader* downloader_;
    bool switchWhenDone_ = true;
    QString error_;
    QString title_;
};
