#include "model_library_model.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QSettings>
#include <QUrl>

#include "app_state.h"
#include "library/hf_cache.h"
#include "model_hub.h"
#include "model_locator.h"

using namespace al::library;

namespace {
const char* kOpenedKey = "library/openedFolders";

QString toPath(const QString& urlOrPath) {
    if (urlOrPath.startsWith(QLatin1String("file:")))
        return QUrl(urlOrPath).toLocalFile();
    return urlOrPath;
}
} // namespace

ModelLibraryModel::ModelLibraryModel(QObject* parent) : QAbstractListModel(parent) {
    ModelHub* hub = ModelHub::instance();
    connect(hub, &ModelHub::modelChanged, this, [this] {
        ModelHub* h = ModelHub::instance();
        if (h->isEmbedded() && h->modelDir() != embeddedDir_) {
            refresh(); // the embedded model became known
            return;
        }
        if (!entries_.isEmpty())
            emit dataChanged(index(0), index(int(entries_.size()) - 1), {CurrentRole});
    });
    refresh();
}

QStringList ModelLibraryModel::openedFolders() const {
    return AppState::instance()->storedSetting(QLatin1String(kOpenedKey)).toStringList();
}

void ModelLibraryModel::setOpenedFolders(const QStringList& folders) {
    AppState::instance()->setSetting(QLatin1String(kOpenedKey), folders); // says so when it cannot save
}

QString ModelLibraryModel::modelsFolder() const { return defaultModelsRoot(); }
QStringList ModelLibraryModel::cacheFolders() const { return hfCacheRoots(); }

void ModelLibraryModel::refresh() {
    ModelHub* hub = ModelHub::instance();
    if (hub->isEmbedded())
        embeddedDir_ = hub->modelDir();
    else if (embeddedDir_.isEmpty())
        embeddedDir_ = al::app::locateEmbeddedModel();
    LibraryOptions options;
    options.embeddedDir = embeddedDir_;
    options.openedFolders = openedFolders();
    // Every model loaded in this run stays listed, even one that came from --model.
    if (hub->ready() && !hub->isEmbedded() && !sessionFolders_.contains(hub->modelDir()))
        sessionFolders_.append(hub->modelDir());
    for (const QString& dir : sessionFolders_)
        if (!options.openedFolders.contains(dir))
            options.openedFolders.append(dir);
    const quint64 generation = ++scanGeneration_;
    if (pendingScans_++ == 0)
        emit scanningChanged();
    auto* watcher = new QFutureWatcher<QList<LibraryEntry>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        applyScan(generation, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([options] { return scanLibrary(options); }));
}

void ModelLibraryModel::applyScan(quint64 generation, const QList<LibraryEntry>& entries) {
    const bool latest = generation == scanGeneration_;
    if (latest) {
        beginResetModel();
        entries_ = entries;
        endResetModel();
        emit countChanged();
    }
    if (--pendingScans_ == 0)
        emit scanningChanged();
}

QVariant ModelLibraryModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= entries_.size())
        return {};
    const LibraryEntry& e = entries_[index.row()];
    switch (role) {
    case KeyRole: return e.key;
    case KindRole: return QString::fromLatin1(entryKindName(e.kind));
    case TitleRole: return e.title;
    case SourceRole:
        if (!e.repo.isEmpty())
            return e.revision.isEmpty() ? e.repo : QStringLiteral("%1 @ %2").arg(e.repo, e.revision.left(7));
        return e.dir;
    case DirRole: return e.dir;
    case ReadyRole: return e.ready;
    case ProblemRole: return e.problem;
    case SizeTextRole:
        if (e.kind == EntryKind::Download)
            return tr("%1%2 to download").arg(e.downloadBytesExact ? QString() : QStringLiteral("about "), formatBytes(e.downloadBytes));
        return tr("%1 on disk").arg(formatBytes(e.bytesOnDisk));
    case ParametersTextRole: return e.parameters > 0 ? tr("%1 parameters").arg(formatParameters(e.parameters)) : QString();
    case ShapeTextRole: return e.nLayer > 0 ? tr("%1 layers × %2 heads").arg(e.nLayer).arg(e.nHead) : QString();
    case CurrentRole: {
        ModelHub* hub = ModelHub::instance();
        return hub->ready() && !e.dir.isEmpty() && QDir::cleanPath(hub->modelDir()) == e.dir;
    }
    case DownloadableRole: return !e.manifestId.isEmpty();
    case PartialTextRole: return e.partialBytes > 0 ? tr("%1 already downloaded").arg(formatBytes(e.partialBytes)) : QString();
    case ManifestIdRole: return e.manifestId;
    }
    return {};
}

QHash<int, QByteArray> ModelLibraryModel::roleNames() const {
    return {{KeyRole, "key"},           {KindRole, "kind"},
            {TitleRole, "title"},       {SourceRole, "source"},
            {DirRole, "dir"},           {ReadyRole, "ready"},
            {ProblemRole, "problem"},   {SizeTextRole, "sizeText"},
            {ParametersTextRole, "parametersText"}, {ShapeTextRole, "shapeText"},
            {CurrentRole, "current"},   {DownloadableRole, "downloadable"},
            {PartialTextRole, "partialText"}, {ManifestIdRole, "manifestId"}};
}

void ModelLibraryModel::use(const QString& key) {
    for (const LibraryEntry& e : entries_)
        if (e.key == key && e.ready)
            ModelHub::instance()->loadModel(e.dir);
}

void ModelLibraryModel::openFolder(const QString& urlOrPath) {
    const QString path = toPath(urlOrPath);
    if (path.isEmpty()) {
        emit folderOpened(tr("No folder was chosen."));
        return;
    }
    // The check reads the folder's config, safetensors header and tokenizer files, which a hostile
    // or merely large folder makes slow: it runs on a worker, as the library's scan does.
    auto* watcher = new QFutureWatcher<FolderInfo>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const FolderInfo info = watcher->result();
        if (!info.ready()) {
            emit folderOpened(info.problem);
            return;
        }
        QStringList folders = openedFolders();
        folders.removeAll(info.dir);
        folders.prepend(info.dir);
        setOpenedFolders(folders);
        refresh();
        ModelHub::instance()->loadModel(info.dir);
        emit folderOpened(QString());
    });
    watcher->setFuture(QtConcurrent::run([path] { return inspectModelFolder(path); }));
}

QString ModelLibraryModel::removeDownloaded(const QString& key) {
    for (const al::library::LibraryEntry& e : entries_) {
        if (e.key != key)
            continue;
        const bool inModelsFolder = e.kind == al::library::EntryKind::Downloaded
                                    || (e.kind == al::library::EntryKind::Download && !e.dir.isEmpty());
        if (!inModelsFolder)
            return tr("Only models downloaded by Attention Lens can be removed here.");
        const QString dir = QDir::cleanPath(QDir(e.dir).absolutePath());
        const QString root = QDir::cleanPath(QDir(modelsFolder()).absolutePath());
        // Only ever delete a direct child of the app's own models folder.
        if (QFileInfo(dir).absolutePath() != root)
            return tr("%1 is not inside the app's models folder; it was left alone.").arg(dir);
        ModelHub* hub = ModelHub::instance();
        if (hub && QDir::cleanPath(hub->modelDir()) == dir)
            return tr("This model is in use. Switch to another model first, then remove it.");
        // A link in the models folder is removed as a link: removing "recursively" through it would
        // empty the folder it points to, which is not the app's.
        if (QFileInfo(dir).isSymLink()) {
            if (!QFile::remove(dir))
                return tr("Could not remove the link %1.").arg(dir);
        } else if (!QDir(dir).removeRecursively())
            return tr("Could not remove %1 completely (check its permissions).").arg(dir);
        refresh();
        return {};
    }
    return tr("That model is no longer in the library.");
}

void ModelLibraryModel::forget(const QString& key) {
    if (!key.startsWith(QLatin1String("folder:")))
        return;
    QStringList folders = openedFolders();
    folders.removeAll(key.mid(7));
    setOpenedFolders(folders);
    refresh();
}
