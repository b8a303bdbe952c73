#include "lesson_catalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

LessonCatalog::LessonCatalog(QObject* parent) : QAbstractListModel(parent) { reload(); }

void LessonCatalog::setRoot(const QString& root) {
    if (root == root_)
        return;
    root_ = root;
    reload();
}

void LessonCatalog::reload() {
    beginResetModel();
    stations_.clear();
    QStringList problems;
    const QDir dir(root_);
    for (const QString& sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (sub.startsWith(QLatin1Char('_')))
            continue; // _template
        const QString folder = dir.filePath(sub);
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(folder + QStringLiteral("/station.json")), &err);
        if (!doc.isObject() || doc.object().value(QStringLiteral("id")).toString().isEmpty()) {
            problems << tr("%1/station.json: %2").arg(sub, err.error != QJsonParseError::NoError
                                                               ? err.errorString() : tr("no id"));
            continue;
        }
        Station s;
        s.json = doc.object();
        s.folder = folder;
        const QJsonDocument ex = QJsonDocument::fromJson(readAll(folder + QStringLiteral("/exercises.json")));
        s.exerciseCount = ex.isArray() ? int(ex.array().size()) : 0;
        stations_.push_back(s);
    }
    std::stable_sort(stations_.begin(), stations_.end(), [](const Station& a, const Station& b) {
        return a.json.value(QStringLiteral("order")).toInt(999) < b.json.value(QStringLiteral("order")).toInt(999);
    });
    error_ = problems.join(QLatin1Char('\n'));
    endResetModel();
    emit countChanged();
}

int LessonCatalog::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(stations_.size());
}

QVariant LessonCatalog::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= stations_.size())
        return {};
    const Station& s = stations_.at(index.row());
    switch (role) {
    case IdRole: return s.json.value(QStringLiteral("id")).toString();
    case OrderRole: return s.json.value(QStringLiteral("order")).toInt();
    case Qt::DisplayRole:
    case TitleRole: return s.json.value(QStringLiteral("title")).toString();
    case GoalRole: return s.json.value(QStringLiteral("goal")).toString();
    case StatusRole: return s.json.value(QStringLiteral("status")).toString(QStringLiteral("in-progress"));
    case PageRole: return s.json.value(QStringLiteral("page")).toString();
    case PrerequisitesRole: return s.json.value(QStringLiteral("prerequisites")).toArray().toVariantList();
    case ExerciseCountRole: return s.exerciseCount;
    case FolderRole: return s.folder;
    }
    return {};
}

QHash<int, QByteArray> LessonCatalog::roleNames() const {
    return {{IdRole, "stationId"}, {OrderRole, "order"}, {TitleRole, "title"}, {GoalRole, "goal"},
            {StatusRole, "status"}, {PageRole, "page"}, {PrerequisitesRole, "prerequisites"},
            {ExerciseCountRole, "exerciseCount"}, {FolderRole, "folder"}};
}

int LessonCatalog::indexOf(const QString& id) const {
    for (int i = 0; i < stations_.size(); ++i)
        if (stations_[i].json.value(QStringLiteral("id")).toString() == id)
            return i;
    return -1;
}

QVariantMap LessonCatalog::station(const QString& id) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    QVariantMap m = stations_[i].json.toVariantMap();
    m.insert(QStringLiteral("folder"), stations_[i].folder);
    m.insert(QStringLiteral("exerciseCount"), stations_[i].exerciseCount);
    if (!m.contains(QStringLiteral("status")))
        m.insert(QStringLiteral("status"), QStringLiteral("in-progress"));
    return m;
}

QVariantMap LessonCatalog::glossaryEntry(const QString& id) const {
    const QJsonArray terms = QJsonDocument::fromJson(readAll(root_ + QStringLiteral("/glossary.json"))).array();
    for (const QJsonValue& t : terms)
        if (t.toObject().value(QStringLiteral("id")).toString() == id)
            return t.toObject().toVariantMap();
    return {};
}

QString LessonCatalog::prose(const QString& id) const {
    const int i = indexOf(id);
    return i < 0 ? QString() : QString::fromUtf8(readAll(stations_[i].folder + QStringLiteral("/prose.md")));
}

QVariantList LessonCatalog::exercises(const QString& id) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    const QJsonDocument ex = QJsonDocument::fromJson(readAll(stations_[i].folder + QStringLiteral("/exercises.json")));
    return ex.isArray() ? ex.array().toVariantList() : QVariantList();
}

QString LessonCatalog::pageUrl(const QString& id) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    QString page = stations_[i].json.value(QStringLiteral("page")).toString();
    if (page.isEmpty())
        return {};
    // Accept "LensStation.qml", "stations/LensStation.qml" or "qml/stations/LensStation.qml".
    if (page.startsWith(QLatin1String("qml/")))
        page = page.mid(4);
    if (!page.contains(QLatin1Char('/')))
        page = QStringLiteral("stations/") + page;
    const QString path = QStringLiteral(":/AttentionLens/") + page;
    return QFile::exists(path) ? QStringLiteral("qrc") + path : QString();
}
