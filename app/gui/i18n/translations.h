// The language of the interface and of the lessons. Follows the system locale (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG) unless the learner picked one, which is remembered in QSettings ("language").
// Installs the matching QTranslator (the .qm files embedded under :/i18n) and asks the QML engine
// to re-evaluate every qsTr when the language changes while the app runs.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QTranslator;

class Translations : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    // The learner's choice: a language code such as "de", or "" to follow the system.
    Q_PROPERTY(QString choice READ choice WRITE setChoice NOTIFY languageChanged)
    // The language in use: "en" or a code with a translation (e.g. "de").
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    // [{code, name}] for every language with a translation, English first, names in their own language.
    Q_PROPERTY(QVariantList available READ available CONSTANT)
public:
    static Translations* instance();
    static Translations* create(QQmlEngine* engine, class QJSEngine*);

    QString choice() const { return choice_; }
    void setChoice(const QString& code); // saves the choice and switches at once
    QString language() const { return language_; }
    QVariantList available() const;
    static QStringList availableCodes(); // "en" plus one per embedded .qm

    // Reads the saved choice (or the system's languages) and installs the translator; call once
    // after the QCoreApplication exists and before QML is loaded.
    void apply();
    // The engine whose qsTr bindings follow a runtime switch (set by create() for QML's engine).
    void setEngine(QQmlEngine* engine);

    // The first of `preferred` (e.g. "de-DE", "de_AT", "fr") with a translation, else "en".
    static QString resolve(const QStringList& preferred, const QStringList& codes);

signals:
    void languageChanged();

private:
    explicit Translations(QObject* parent = nullptr);
    void install(const QString& code);
    QString choice_;
    QString language_ = QStringLiteral("en");
    QTranslator* translator_ = nullptr;
    QPointer<QQmlEngine> engine_;
};
