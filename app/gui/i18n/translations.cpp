#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QQmlEngine>
#include <QSettings>
#include <QTranslator>

#include "app_state.h"
#include "cpp_owned.h"

namespace {
const QString kSettingKey = QStringLiteral("language");
const QString kQmDir = QStringLiteral(":/i18n");
const QString kQmPrefix = QStringLiteral("attention-lens_");
} // namespace

Translations* Translations::instance() {
    static Translations* self = new Translations(QCoreApplication::instance());
    return self;
}

Translations* Translations::create(QQmlEngine* engine, QJSEngine*) {
    Translations* t = instance();
    t->setEngine(engine);
    return cppOwned(t);
}

Translations::Translations(QObject* parent) : QObject(parent) {}

void Translations::setEngine(QQmlEngine* engine) { engine_ = engine; }

QStringList Translations::availableCodes() {
    QStringList codes{QStringLiteral("en")};
    const QStringList files = QDir(kQmDir).entryList({kQmPrefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const QString code = f.mid(kQmPrefix.size(), f.size() - kQmPrefix.size() - 3);
        if (!codes.contains(code))
            codes << code;
    }
    return codes;
}

QVariantList Translations::available() const {
    QVariantList list;
    for (const QString& code : availableCodes()) {
        QString name = code == QLatin1String("en") ? QStringLiteral("English") : QLocale(code).nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        list << QVariantMap{{QStringLiteral("code"), code}, {QStringLiteral("name"), name}};
    }
    return list;
}

QString Translations::resolve(const QStringList& preferred, const QStringList& codes) {
    for (QString tag : preferred) {
        tag.replace(QLatin1Char('_'), QLatin1Char('-'));
        const QString lang = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('.'), 0, 0).toLower();
        if (codes.contains(lang))
            return lang;
    }
    return QStringLiteral("en");
}

void Translations::apply() {
    choice_ = AppState::instance()->storedSetting(kSettingKey).toString();
    if (!availableCodes().contains(choice_))
        choice_.clear();
    // QLocale::system().uiLanguages() reads LANGUAGE (a colon-separated list) before LC_*/LANG.
    install(choice_.isEmpty() ? resolve(QLocale::system().uiLanguages(), availableCodes()) : choice_);
}

void Translations::setChoice(const QString& code) {
    const QString c = availableCodes().contains(code) ? code : QString();
    AppState::instance()->setSetting(kSettingKey, c); // says so when it cannot save
    if (c == choice_)
        return;
    choice_ = c;
    install(c.isEmpty() ? resolve(QLocale::system().uiLanguages(), availableCodes()) : c);
}

void Translations::install(const QString& code) {
    if (translator_) {
        QCoreApplication::removeTranslator(translator_);
        delete translator_;
        translator_ = nullptr;
    }
    language_ = QStringLiteral("en");
    // English loads its file too: it holds the plural forms of the strings with a count ("1 token",
    // "3 tokens"). A language whose file is missing falls back to it.
    auto load = [this](const QString& c) {
        auto* t = new QTranslator(this);
        if (!t->load(kQmPrefix + c, kQmDir)) {
            delete t;
            return false;
        }
        QCoreApplication::installTranslator(t);
        translator_ = t;
        return true;
    };
    if (load(code))
        language_ = code;
    else if (code != QLatin1String("en"))
        load(QStringLiteral("en"));
    // Numbers shown to the learner (figures' descriptions, QML's Qt.locale()) follow the
    // interface's language: German writes 0,62. Nothing computed or saved is formatted by it.
    QLocale::setDefault(QLocale(language_));
    if (engine_)
        engine_->retranslate();
    emit languageChanged();
}
