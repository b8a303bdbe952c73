#include "about_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>

AboutInfo::AboutInfo(QObject* parent) : QObject(parent) { load(); }

QString AboutInfo::version() const { return QCoreApplication::applicationVersion(); }

void AboutInfo::load(const QString& path) {
    components_.clear();
    storage_.clear();
    problem_.clear();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        problem_ = tr("%1 cannot be opened").arg(path);
        return;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject()) {
        problem_ = tr("%1 is not valid JSON: %2").arg(path, err.errorString());
        return;
    }
    const QJsonObject root = doc.object();
    const QJsonObject app = root.value(QLatin1String("app")).toObject();
    appName_ = app.value(QLatin1String("name")).toString(appName_);
    appId_ = app.value(QLatin1String("id")).toString();
    summary_ = app.value(QLatin1String("summary")).toString();
    license_ = app.value(QLatin1String("license")).toString();
    url_ = app.value(QLatin1String("url")).toString();
    for (const QJsonValue& v : root.value(QLatin1String("components")).toArray()) {
        const QJsonObject c = v.toObject();
        components_.append(QVariantMap{{QStringLiteral("name"), c.value(QLatin1String("name")).toString()},
                                       {QStringLiteral("what"), c.value(QLatin1String("what")).toString()},
                                       {QStringLiteral("license"), c.value(QLatin1String("license")).toString()},
                                       {QStringLiteral("url"), c.value(QLatin1String("url")).toString()},
                                       {QStringLiteral("licenseFile"), c.value(QLatin1String("license_file")).toString()}});
    }
    for (const QJsonValue& v : root.value(QLatin1String("storage")).toArray()) {
        const QJsonObject s = v.toObject();
        storage_.append(QVariantMap{{QStringLiteral("what"), s.value(QLatin1String("what")).toString()},
                                    {QStringLiteral("path"), resolveLocation(s.value(QLatin1String("location")).toString())},
                                    {QStringLiteral("note"), s.value(QLatin1String("note")).toString()}});
    }
}

// about.json names places symbolically ("settings", "app_data/...", "install/..."); this turns them
// into this user's real paths, matching where ProgressStore, ModelLibrary and QSettings write.
QString AboutInfo::resolveLocation(const QString& location) const {
    if (location == QLatin1String("settings"))
        return QSettings().fileName();
    const auto under = [&](const QString& prefix, const QString& base) -> QString {
        QString rest = location.mid(prefix.size());
        return QDir::cleanPath(base + (rest.isEmpty() ? QString() : QStringLiteral("/") + rest));
    };
    if (location.startsWith(QLatin1String("app_data"))) {
        if (location == QLatin1String("app_data/models") && !qEnvironmentVariableIsEmpty("AL_MODELS_DIR"))
            return qEnvironmentVariable("AL_MODELS_DIR");
        return under(QStringLiteral("app_data"), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    }
    if (location.startsWith(QLatin1String("install")))
        return under(QStringLiteral("install"), QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
    return location;
}

QString AboutInfo::licenseText(const QString& licenseFile) const {
    if (licenseFile.isEmpty() || licenseFile.contains(QLatin1String("..")))
        return {};
    const QString appDir = QCoreApplication::applicationDirPath();
    const QString name = QFileInfo(licenseFile).fileName();
    QStringList candidates{appDir + QStringLiteral("/../share/doc/attention-lens/licenses/") + name,
                           QStringLiteral(":/resources/") + licenseFile};
#ifdef AL_SOURCE_LESSONS
    candidates << QStringLiteral(AL_SOURCE_LESSONS "/../resources/") + licenseFile;
#endif
    for (const QString& c : candidates) {
        QFile f(c);
        if (f.open(QIODevice::ReadOnly))
            return QString::fromUtf8(f.readAll());
    }
    return {};
}
