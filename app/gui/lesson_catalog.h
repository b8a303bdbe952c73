// The course's stations, read from lessons/*/station.json (compiled into qrc:/lessons), ordered by
// their `order` field. The course map lists them; a station page reads its prose and exercises here,
// in the interface's language where the lesson has a translation (prose.LANG.md, station.LANG.json,
// exercises.LANG.json, glossary.LANG.json; see i18n/lesson_translation.h), in English otherwise.
#pragma once
#include <QAbstractListModel>
#include <QJsonObject>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include "assign_if_changed.h"

class LessonCatalog : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString root READ root WRITE setRoot NOTIFY countChanged) // ":/lessons" by default
    Q_PROPERTY(QString error READ error NOTIFY countChanged) // stations that could not be read
    // The lessons' language: follows Translations.language unless set ("en", "de", ...).
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1, OrderRole, TitleRole, GoalRole, StatusRole, PageRole,
        PrerequisitesRole, ExerciseCountRole, FolderRole
    };
    explicit LessonCatalog(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(stations_.size()); }
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(stations_.size()); }
    QString root() const { return root_; }
    void setRoot(const QString& root) { if (assignIfChanged(root_, root)) reload(); }
    QString error() const { return error_; }
    QString language() const { return language_; }
    void setLanguage(const QString& language);

    Q_INVOKABLE int indexOf(const QString& id) const;
    // `language` "" means the catalog's language; a binding that passes catalog.language re-reads
    // the texts when the language changes.
    Q_INVOKABLE QVariantMap station(const QString& id, const QString& language = {}) const; // all fields + folder
    Q_INVOKABLE QString prose(const QString& id, const QString& language = {}) const; // prose text ("" if none)
    Q_INVOKABLE QVariantList exercises(const QString& id, const QString& language = {}) const;
    // The page's qrc URL, e.g. qrc:/AttentionLens/stations/lens/LensStation.qml ("" if the file is absent).
    Q_INVOKABLE QString pageUrl(const QString& id) const;
    // A glossary term from glossary.json beside the stations ({id, term, definition, source}; {} if
    // unknown). The prose links to it as [words](glossary:id).
    Q_INVOKABLE QVariantMap glossaryEntry(const QString& id, const QString& language = {}) const;

signals:
    void countChanged();
    void languageChanged();

private:
    void reload();
    QString lang(const QString& requested) const { return requested.isEmpty() ? language_ : requested; }
    QJsonObject localized(const QJsonObject& english, const QString& folder, const QString& language) const;
    struct Station {
        QJsonObject english;
        QJsonObject json; // in language_
        QString folder;
        int exerciseCount = 0;
    };
    QVector<Station> stations_;
    QString root_ = QStringLiteral(":/lessons");
    QString error_;
    QString language_ = QStringLiteral("en");
};
