// The model library page's list: the embedded course model, the downloadable GPT-2 family,
// downloaded models, Hugging Face cache snapshots and folders the learner opened (remembered in
// QSettings), each with its size on disk, parameters, layers × heads and whether it is ready.
// Checking a folder reads config.json, the safetensors header, vocab.json and merges.txt (up to
// hundreds of MB for a hostile folder), so refresh() scans on a worker thread and swaps the list in
// when the scan is done; a scan overtaken by a newer refresh() is dropped.
#pragma once
#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include "library/model_library.h"

class ModelLibraryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(QString modelsFolder READ modelsFolder CONSTANT)
    Q_PROPERTY(QStringList cacheFolders READ cacheFolders NOTIFY countChanged)
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanningChanged)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        KindRole,          // "embedded", "download", "downloaded", "hf-cache", "folder"
        TitleRole,
        SourceRole,        // "openai-community/gpt2 @ 607a30d", or the folder
        DirRole,
        ReadyRole,
        ProblemRole,
        SizeTextRole,      // "548 MB on disk", "548 MB to download"
        ParametersTextRole,// "124M parameters"
        ShapeTextRole,     // "12 layers × 12 heads"
        CurrentRole,       // the loaded model
        DownloadableRole,  // has a manifest entry (download, re-download, resume)
        PartialTextRole,   // "120 MB already downloaded"
        ManifestIdRole,
    };
    Q_ENUM(Role)

    explicit ModelLibraryModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(entries_.size()); }
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString modelsFolder() const;
    QStringList cacheFolders() const;
    bool scanning() const { return pendingScans_ > 0; }

    // Starts a scan off the GUI thread; the list changes when it is done (countChanged).
    Q_INVOKABLE void refresh();
    // Switches the app to the entry's folder through ModelHub (text and station are kept).
    Q_INVOKABLE void use(const QString& key);
    // Checks a folder the learner picked (a file:// URL or a path) off the GUI thread, then
    // remembers and loads it when it looks like a GPT-2 folder. folderOpened says how it went.
    Q_INVOKABLE void openFolder(const QString& urlOrPath);
    // Forgets a folder the learner opened (the files stay).
    Q_INVOKABLE void forget(const QString& key);
    // Deletes a downloaded model's folder from the app's models folder. Refuses (and says why) for
    // the model in use and for anything that is not a download of this app. Returns "" on success.
    Q_INVOKABLE QString removeDownloaded(const QString& key);

signals:
    void countChanged();
    // After openFolder: "" when the folder was opened, else the reason, naming what is missing.
    void folderOpened(const QString& problem);
    void scanningChanged();

private:
    QList<al::library::LibraryEntry> entries_;
    QString embeddedDir_;
    QStringList sessionFolders_; // folders loaded during this run (e.g. from --model)
    quint64 scanGeneration_ = 0; // the latest refresh(); older scans' results are stale
    int pendingScans_ = 0;
    void applyScan(quint64 generation, const QList<al::library::LibraryEntry>& entries);
    QStringList openedFolders() const;
    void setOpenedFolders(const QStringList& folders);
};
