#include "lesson_translation.h"

namespace lesson_translation {
namespace {

// Copies the listed keys from `from` into `into` where `from` has a non-empty string for them.
void overlayTexts(QJsonObject& into, const QJsonObject& from, std::initializer_list<const char*> keys) {
    for (const char* k : keys) {
        const QString key = QString::fromLatin1(k);
        const QString text = from.value(key).toString();
        if (!text.isEmpty() && into.contains(key))
            into.insert(key, text);
    }
}

} // namespace

QJsonObject station(QJsonObject english, const QJsonObject& translated) {
    overlayTexts(english, translated, {"title", "goal"});
    const QJsonArray tp = translated.value(QStringLiteral("presets")).toArray();
    QJsonArray presets = english.value(QStringLiteral("presets")).toArray();
    // A preset's text stays English: it is what the (English) model reads.
    for (int i = 0; i < presets.size() && i < tp.size(); ++i) {
        QJsonObject p = presets[i].toObject();
        overlayTexts(p, tp[i].toObject(), {"title", "why"});
        presets[i] = p;
    }
    if (english.contains(QStringLiteral("presets")))
        english.insert(QStringLiteral("presets"), presets);
    return english;
}

QJsonArray exercises(QJsonArray english, const QJsonObject& translated) {
    for (int i = 0; i < english.size(); ++i) {
        QJsonObject ex = english[i].toObject();
        const QJsonObject t = translated.value(ex.value(QStringLiteral("id")).toString()).toObject();
        if (t.isEmpty())
            continue;
        overlayTexts(ex, t, {"prompt", "intro", "explain"});
        const QJsonObject labels = t.value(QStringLiteral("options")).toObject();
        QJsonArray options = ex.value(QStringLiteral("options")).toArray();
        for (int j = 0; j < options.size(); ++j) {
            QJsonObject o = options[j].toObject();
            const QString label = labels.value(o.value(QStringLiteral("value")).toString()).toString();
            if (!label.isEmpty())
                o.insert(QStringLiteral("label"), label);
            options[j] = o;
        }
        if (ex.contains(QStringLiteral("options")))
            ex.insert(QStringLiteral("options"), options);
        english[i] = ex;
    }
    return english;
}

QJsonObject glossaryEntry(QJsonObject english, const QJsonObject& translated) {
    overlayTexts(english, translated, {"term", "definition"});
    return english;
}

QJsonObject knownHeads(QJsonObject english, const QJsonObject& translated) {
    overlayTexts(english, translated, {"about"});
    // Each keyed group ("roles", "sources"): every entry's texts, by its id.
    auto overlayGroup = [&](const char* group, std::initializer_list<const char*> keys) {
        const QString name = QString::fromLatin1(group);
        if (!english.contains(name))
            return;
        QJsonObject entries = english.value(name).toObject();
        const QJsonObject t = translated.value(name).toObject();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            QJsonObject e = it.value().toObject();
            overlayTexts(e, t.value(it.key()).toObject(), keys);
            it.value() = e;
        }
        english.insert(name, entries);
    };
    overlayGroup("roles", {"title", "what", "check"});
    overlayGroup("sources", {"short", "full"});
    // The presets as a station's: titles and reasons by index, their texts English.
    const QJsonObject presets = station(QJsonObject{{QStringLiteral("presets"), english.value(QStringLiteral("presets"))}}, translated);
    if (english.contains(QStringLiteral("presets")))
        english.insert(QStringLiteral("presets"), presets.value(QStringLiteral("presets")));
    return english;
}

} // namespace lesson_translation
