#include "about_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include "app_state.h"
#include "i18n/translations.h"

AboutInfo::AboutInfo(QObject* parent) : QObject(parent) {
    load();
    connect(Translations::instance(), &Translations::languageChanged, this, [this] {
        load(path_);
        emit changed();
    });
}

QString AboutInfo::version() const { return QCoreApplication::applicationVersion(); }

void AboutInfo::load(const QString& path) {
    path_ = path;
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
                                    {QStringLiteral("note"), s.value(QLatin1String("note")).toString()},
                                    {QStringLiteral("location"), s.value(QLatin1String("location")).toString()}});
    }
    translate(path);
}

// Lays about.LANG.json's texts over the English ones; names, licences' links and paths stay.
void AboutInfo::translate(const QString& path) {
    const QString lang = Translations::instance()->language();
    if (lang == QLatin1String("en") || !path.endsWith(QLatin1String(".json")))
        return;
    QFile f(path.chopped(5) + QLatin1Char('.') + lang + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject tr = QJsonDocument::fromJson(f.readAll()).object();
    const auto overlay = [](QVariantMap& m, const QJsonObject& t, std::initializer_list<const char*> keys) {
        for (const char* k : keys) {
            const QString text = t.value(QLatin1String(k)).toString();
            if (!text.isEmpty())
                m.insert(QLatin1String(k), text);
        }
    };
    if (!tr.value(QLatin1String("summary")).toString().isEmpty())
        summary_ = tr.value(QLatin1String("summary")).toString();
    const QJsonObject comps = tr.value(QLatin1String("components")).toObject();
    for (QVariant& v : components_) {
        QVariantMap m = v.toMap();
        overlay(m, comps.value(m.value(QStringLiteral("name")).toString()).toObject(), {"what", "license"});
        v = m;
    }
    const QJsonObject places = tr.value(QLatin1String("storage")).toObject();
    for (QVariant& v : storage_) {
        QVariantMap m = v.toMap();
        overlay(m, places.value(m.value(QStringLiteral("location")).toString()).toObject(), {"what", "note"});
        v = m;
    }
}

// about.json names places symbolically ("settings", "app_data/...", "install/..."); this turns them
// into this user's real paths, matching where ProgressStore, ModelLibrary and AppState write.
QString AboutInfo::resolveLocation(const QString& location) const {
    if (location == QLatin1String("settings"))
        return AppState::settingsFile();
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
