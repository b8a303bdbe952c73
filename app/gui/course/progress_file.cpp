#include "progress_file.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSet>
#include <cmath>
#include <cstring>
#include <vector>

namespace al::course {

QString progressFormat() { return QStringLiteral("attention-lens-progress"); }

namespace {
// Messages are translated in ProgressStore's context (written out at each call, so lupdate files them there).
bool isMalformedExercises(const QJsonValue& exercises) { return !exercises.isUndefined() && !exercises.isObject(); }

// A number as its exact decimal value: sign, digits without leading or trailing zeros, and the
// power of ten of the last digit ("1.50e2" and "150" are both {"", "15", 1}).
struct Decimal {
    bool negative = false;
    QByteArray digits;
    qint64 exponent = 0;
    bool operator==(const Decimal& o) const {
        return digits == o.digits && (digits.isEmpty() || (negative == o.negative && exponent == o.exponent));
    }
};

Decimal decimalOf(const QByteArray& text) {
    Decimal d;
    qsizetype i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        d.negative = text[i++] == '-';
    qint64 fractionDigits = 0;
    bool inFraction = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        if (text[i] == '.') {
            inFraction = true;
        } else {
            d.digits += text[i];
            fractionDigits += inFraction ? 1 : 0;
        }
    }
    const qint64 written = i + 1 < text.size() ? text.mid(i + 1).toLongLong() : 0;
    qsizetype lead = 0;
    while (lead < d.digits.size() && d.digits[lead] == '0')
        ++lead;
    d.digits = d.digits.mid(lead);
    qsizetype end = d.digits.size();
    while (end > 0 && d.digits[end - 1] == '0')
        --end;
    d.exponent = written - fractionDigits + (d.digits.size() - end);
    d.digits.truncate(end);
    return d;
}

// Whether saving writes `literal` back as the same number: QJsonDocument keeps a double, so
// 12345678901234567891 would come back as 12345678901234567000.
bool survivesSaving(const QByteArray& literal) {
    const double value = literal.toDouble();
    const QByteArray saved = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return std::isfinite(value) && decimalOf(literal) == decimalOf(saved.mid(1, saved.size() - 2));
}

// What QJsonDocument hides of text it parses without complaint: a key given twice in one object
// (it keeps the last, so an answer recorded under the first would be lost at the next save) and a
// number a save would write differently. `bytes` is valid JSON; read without recursion.
int entriesLostBySaving(const QByteArray& bytes) {
    struct Level {
        bool object = false;
        bool expectKey = false;
        QSet<QString> keys;
    };
    std::vector<Level> levels;
    int lost = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '{' || c == '[') {
            levels.push_back({c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!levels.empty())
                levels.pop_back();
        } else if (c == ',') {
            if (!levels.empty() && levels.back().object)
                levels.back().expectKey = true;
        } else if (c == '"') {
            qsizetype end = i + 1;
            bool escaped = false;
            for (; end < bytes.size() && bytes[end] != '"'; ++end) {
                if (bytes[end] == '\\') {
                    escaped = true;
                    ++end;
                }
            }
            if (!levels.empty() && levels.back().object && levels.back().expectKey) {
                const QByteArray token = bytes.mid(i, end + 1 - i);
                const QString key = escaped ? QJsonDocument::fromJson("[" + token + "]").array().at(0).toString()
                                            : QString::fromUtf8(token.mid(1, token.size() - 2));
                if (levels.back().keys.contains(key))
                    ++lost;
                levels.back().keys.insert(key);
                levels.back().expectKey = false;
            }
            i = end;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            qsizetype end = i;
            while (end < bytes.size() && std::strchr("+-0123456789.eE", bytes[end]) && bytes[end] != '\0')
                ++end;
            if (!survivesSaving(bytes.mid(i, end - i)))
                ++lost;
            i = end - 1;
        }
    }
    return lost;
}

int malformedCount(const QJsonObject& stations) {
    int count = 0;
    for (const QJsonValue station : stations) {
        if (!station.isObject()) {
            ++count;
            continue;
        }
        const QJsonValue exercises = station.toObject().value(QStringLiteral("exercises"));
        if (isMalformedExercises(exercises)) {
            ++count;
            continue;
        }
        for (const QJsonValue exercise : exercises.toObject())
            count += exercise.isObject() ? 0 : 1;
    }
    return count;
}
} // namespace

QJsonObject withoutMalformedEntries(const QJsonObject& stations) {
    QJsonObject out;
    for (auto it = stations.begin(); it != stations.end(); ++it) {
        if (!it.value().isObject())
            continue;
        QJsonObject station = it.value().toObject();
        const QJsonValue exercises = station.value(QStringLiteral("exercises"));
        if (isMalformedExercises(exercises)) {
            station.remove(QStringLiteral("exercises"));
        } else if (exercises.isObject()) {
            QJsonObject kept;
            const QJsonObject all = exercises.toObject();
            for (auto e = all.begin(); e != all.end(); ++e)
                if (e.value().isObject())
                    kept.insert(e.key(), e.value());
            station.insert(QStringLiteral("exercises"), kept);
        }
        out.insert(it.key(), station);
    }
    return out;
}

QJsonObject knownFieldsOnly(const QJsonObject& stations) {
    static const QStringList kEntryKeys{QStringLiteral("prediction"), QStringLiteral("answer"), QStringLiteral("correct"),
                                        QStringLiteral("at"), QStringLiteral("skipped"), QStringLiteral("revealed")};
    QJsonObject out;
    const QJsonObject usable = withoutMalformedEntries(stations);
    for (auto it = usable.begin(); it != usable.end(); ++it) {
        const QJsonObject station = it.value().toObject();
        QJsonObject kept;
        if (station.contains(QStringLiteral("visited")))
            kept.insert(QStringLiteral("visited"), station.value(QStringLiteral("visited")));
        QJsonObject exercises;
        const QJsonObject all = station.value(QStringLiteral("exercises")).toObject();
        for (auto e = all.begin(); e != all.end(); ++e) {
            QJsonObject entry;
            const QJsonObject from = e.value().toObject();
            for (const QString& key : kEntryKeys)
                if (from.contains(key))
                    entry.insert(key, from.value(key));
            exercises.insert(e.key(), entry);
        }
        if (!exercises.isEmpty())
            kept.insert(QStringLiteral("exercises"), exercises);
        out.insert(it.key(), kept);
    }
    return out;
}

ProgressFileContents parseProgressFile(const QByteArray& bytes) {
    ProgressFileContents out;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    const QJsonObject root = doc.object();
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (err.error != QJsonParseError::NoError)
        out.problem = QCoreApplication::translate("ProgressStore", "it is not valid JSON (%1 at byte %2)").arg(err.errorString()).arg(err.offset);
    else if (!doc.isObject() || root.value(QStringLiteral("format")).toString() != progressFormat())
        out.problem = QCoreApplication::translate("ProgressStore", "it is not an Attention Lens progress file");
    else if (!version.isDouble())
        out.problem = QCoreApplication::translate("ProgressStore", "it has no version number");
    // Versions are whole numbers from 1 up: -1 or 0.5 was never written by any version.
    else if (version.toDouble() < 1 || version.toDouble() != std::floor(version.toDouble()))
        out.problem = QCoreApplication::translate("ProgressStore", "its version number %1 is not one that Attention Lens writes").arg(version.toDouble());
    // Compared as a double: QJsonValue::toInt() gives 0 for a number outside int's range, which
    // would let a file from a far newer version pass as this one and be overwritten.
    else if (version.toDouble() > kProgressVersion)
        out.problem = QCoreApplication::translate("ProgressStore", "it was written by a newer version of Attention Lens (format %1; this one reads %2)")
                          .arg(version.toDouble()).arg(kProgressVersion);
    else if (!root.value(QStringLiteral("stations")).isObject())
        out.problem = QCoreApplication::translate("ProgressStore", "its \"stations\" entry is missing or not an object");
    else {
        out.root = root;
        out.stations = root.value(QStringLiteral("stations")).toObject();
        out.malformedEntries = malformedCount(out.stations) + entriesLostBySaving(bytes);
    }
    return out;
}

} // namespace al::course
