#include "progress_file.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonValue>
#include <cmath>

namespace al::course {

QString progressFormat() { return QStringLiteral("attention-lens-progress"); }

namespace {
// Messages are translated in ProgressStore's context (written out at each call, so lupdate files them there).
bool isMalformedExercises(const QJsonValue& exercises) { return !exercises.isUndefined() && !exercises.isObject(); }

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
        out.malformedEntries = malformedCount(out.stations);
    }
    return out;
}

} // namespace al::course
