// The course's stations, read from lessons/*/station.json (compiled into qrc:/lessons), ordered by
// their `order` field. The course map lists them; a station page reads its prose and exercises here.
#pragma once
#include <QAbstractListModel>
#include <QJsonObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class LessonCatalog : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString root READ root WRITE setRoot NOTIFY countChanged) // ":/lessons" by default
    Q_PROPERTY(QString error READ error NOTIFY countChanged) // stations that could not be read
public:
    enum Role {
        IdRole = Qt::UserRole + 1, OrderRole, TitleRole, GoalRole, StatusRole, PageRole,
        PrerequisitesRole, ExerciseCountRole, FolderRole
    };
    explicit LessonCatalog(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(stations_.size()); }
    QString root() const { return root_; }
    void setRoot(const QString& root);
    QString error() const { return error_; }

    Q_INVOKABLE int indexOf(const QString& id) const;
    Q_INVOKABLE QVariantMap station(const QString& id) const; // all station.json fields + folder
    Q_INVOKABLE QString prose(const QString& id) const;       // prose.md text ("" if none)
    Q_INVOKABLE QVariantList exercises(const QString& id) const;
    // The page's qrc URL, e.g. qrc:/AttentionLens/stations/LensStation.qml ("" if the file is absent).
    Q_INVOKABLE QString pageUrl(const QString& id) const;
    // A glossary term from glossary.json beside the stations ({id, term, definition, source}; {} if
    // unknown). The prose links to it as [words](glossary:id).
    Q_INVOKABLE QVariantMap glossaryEntry(const QString& id) const;

signals:
    void countChanged();

private:
    void reload();
    struct Station {
        QJsonObject json;
        QString folder;
        int exerciseCount = 0;
    };
    QVector<Station> stations_;
    QString root_ = QStringLiteral(":/lessons");
    QString error_;
};
