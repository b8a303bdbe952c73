#include "lesson_catalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

#include "i18n/lesson_translation.h"
#include "i18n/translations.h"

namespace {
QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// folder/NAME.LANG.EXT, e.g. 01-lens/exercises.de.json ("" for English: the base file holds it).
QString translatedPath(const QString& folder, const QString& name, const QString& ext, const QString& language) {
    if (language.isEmpty() || language == QLatin1String("en"))
        return {};
    return folder + QLatin1Char('/') + name + QLatin1Char('.') + language + QLatin1Char('.') + ext;
}

QJsonObject readObject(const QString& path) {
    return path.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(readAll(path)).object();
}
} // namespace

LessonCatalog::LessonCatalog(QObject* parent) : QAbstractListModel(parent) {
    Translations* t = Translations::instance();
    language_ = t->language();
    connect(t, &Translations::languageChanged, this, [this, t] { setLanguage(t->language()); });
    reload();
}

void LessonCatalog::setLanguage(const QString& language) {
    if (!assignIfChanged(language_, language.isEmpty() ? QStringLiteral("en") : language))
        return;
    reload();
    emit languageChanged();
}

QJsonObject LessonCatalog::localized(const QJsonObject& english, const QString& folder, const QString& language) const {
    const QString path = translatedPath(folder, QStringLiteral("station"), QStringLiteral("json"), language);
    return path.isEmpty() ? english : lesson_translation::station(english, readObject(path));
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
        s.english = doc.object();
        s.folder = folder;
        s.json = localized(s.english, folder, language_);
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

QVariantMap LessonCatalog::station(const QString& id, const QString& language) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    QVariantMap m = localized(stations_[i].english, stations_[i].folder, lang(language)).toVariantMap();
    m.insert(QStringLiteral("folder"), stations_[i].folder);
    m.insert(QStringLiteral("exerciseCount"), stations_[i].exerciseCount);
    if (!m.contains(QStringLiteral("status")))
        m.insert(QStringLiteral("status"), QStringLiteral("in-progress"));
    return m;
}

QVariantMap LessonCatalog::glossaryEntry(const QString& id, const QString& language) const {
    const QJsonArray terms = QJsonDocument::fromJson(readAll(root_ + QStringLiteral("/glossary.json"))).array();
    for (const QJsonValue& t : terms)
        if (t.toObject().value(QStringLiteral("id")).toString() == id) {
            const QJsonObject translated =
                readObject(translatedPath(root_, QStringLiteral("glossary"), QStringLiteral("json"), lang(language)));
            return lesson_translation::glossaryEntry(t.toObject(), translated.value(id).toObject()).toVariantMap();
        }
    return {};
}

QString LessonCatalog::prose(const QString& id, const QString& language) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    const QString path = translatedPath(stations_[i].folder, QStringLiteral("prose"), QStringLiteral("md"), lang(language));
    if (!path.isEmpty() && QFile::exists(path))
        return QString::fromUtf8(readAll(path));
    return QString::fromUtf8(readAll(stations_[i].folder + QStringLiteral("/prose.md")));
}

QVariantList LessonCatalog::exercises(const QString& id, const QString& language) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    const QJsonDocument ex = QJsonDocument::fromJson(readAll(stations_[i].folder + QStringLiteral("/exercises.json")));
    if (!ex.isArray())
        return {};
    const QString path = translatedPath(stations_[i].folder, QStringLiteral("exercises"), QStringLiteral("json"), lang(language));
    return lesson_translation::exercises(ex.array(), readObject(path)).toVariantList();
}

QString LessonCatalog::pageUrl(const QString& id) const {
    const int i = indexOf(id);
    if (i < 0)
        return {};
    QString page = stations_[i].json.value(QStringLiteral("page")).toString();
    if (page.isEmpty())
        return {};
    // Accept "stations/lens/LensStation.qml" or "qml/stations/lens/LensStation.qml".
    if (page.startsWith(QLatin1String("qml/")))
        page = page.mid(4);
    if (!page.contains(QLatin1Char('/')))
        page = QStringLiteral("stations/") + page;
    const QString path = QStringLiteral(":/AttentionLens/") + page;
    return QFile::exists(path) ? QStringLiteral("qrc") + path : QString();
}
