// The About page's data: resources/about.json (components, licences, links) compiled into the app,
// plus where this installation keeps settings, progress and downloaded models, resolved for this
// user and platform. Its texts follow the interface's language where about.LANG.json beside
// about.json translates them ({"summary", "components": {"<name>": {"what", "license"}},
// "storage": {"<location>": {"what", "note"}}}); what it lacks stays English.
#pragma once
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class AboutInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString appName READ appName CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString appId READ appId CONSTANT)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(QString license READ license CONSTANT)
    Q_PROPERTY(QString url READ url CONSTANT)
    // [{name, what, license, url, licenseFile}]
    Q_PROPERTY(QVariantList components READ components NOTIFY changed)
    // [{what, path, note}] with real paths for this user
    Q_PROPERTY(QVariantList storage READ storage NOTIFY changed)
    // Empty when about.json was read; otherwise says what is wrong with it.
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
public:
    explicit AboutInfo(QObject* parent = nullptr);
    // Reads about.json from `path` (qrc or disk); the default is the compiled-in copy.
    void load(const QString& path = QStringLiteral(":/resources/about.json"));

    QString appName() const { return appName_; }
    QString version() const;
    QString appId() const { return appId_; }
    QString summary() const { return summary_; }
    QString license() const { return license_; }
    QString url() const { return url_; }
    QVariantList components() const { return components_; }
    QVariantList storage() const { return storage_; }
    QString problem() const { return problem_; }

    // The full text of a licence file named in about.json ("licenses/x.txt"), looked up beside an
    // installed binary (share/doc/attention-lens/) or in the source tree; "" when not found.
    Q_INVOKABLE QString licenseText(const QString& licenseFile) const;

signals:
    void changed(); // read again in another language

private:
    void translate(const QString& path);
    QString path_;
    QString resolveLocation(const QString& location) const;
    QString appName_ = QStringLiteral("Attention Lens");
    QString appId_, summary_, license_, url_, problem_;
    QVariantList components_, storage_;
};
