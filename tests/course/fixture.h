// The tiny GPT-2 fixture for the course tests: the model, and the independent implementation's
// expected outputs (expected.json + expected.safetensors), read here without the engine's reader.
#pragma once
#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <vector>

namespace fixture {

inline QString modelDir() { return qEnvironmentVariable("AL_FIXTURE_MODEL"); }
inline QString sourceDir() { return qEnvironmentVariable("AL_SOURCE_DIR"); }

struct Case {
    QString text;
    std::vector<int> ids;
    std::vector<float> attentions;   // [L][H][T][T]
    std::vector<float> logitsLast;   // [V]
    int L = 0, H = 0, T = 0;
    float att(int l, int h, int i, int j) const { return attentions[((size_t(l) * H + h) * T + i) * T + j]; }
};

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A minimal safetensors reader: u64 header length, JSON header, raw little-endian data.
inline std::vector<float> tensorF32(const QByteArray& file, const QString& name, QJsonArray* shape = nullptr) {
    quint64 n = 0;
    std::memcpy(&n, file.constData(), 8);
    const QJsonObject header = QJsonDocument::fromJson(file.mid(8, int(n))).object();
    const QJsonObject t = header.value(name).toObject();
    if (shape) *shape = t.value(QStringLiteral("shape")).toArray();
    const QJsonArray off = t.value(QStringLiteral("data_offsets")).toArray();
    const qint64 b = off[0].toInteger(), e = off[1].toInteger();
    std::vector<float> out(size_t(e - b) / 4);
    std::memcpy(out.data(), file.constData() + 8 + n + b, size_t(e - b));
    return out;
}

inline std::vector<Case> cases() {
    std::vector<Case> out;
    const QByteArray st = readAll(modelDir() + QStringLiteral("/expected.safetensors"));
    const QJsonArray list = QJsonDocument::fromJson(readAll(modelDir() + QStringLiteral("/expected.json"))).array();
    for (const QJsonValue& v : list) {
        const QJsonObject o = v.toObject();
        Case c;
        c.text = o.value(QStringLiteral("text")).toString();
        for (const QJsonValue& id : o.value(QStringLiteral("ids")).toArray()) c.ids.push_back(id.toInt());
        const QString prefix = QStringLiteral("case%1.").arg(o.value(QStringLiteral("case")).toInt());
        QJsonArray shape;
        c.attentions = tensorF32(st, prefix + QStringLiteral("attentions"), &shape);
        c.L = shape[0].toInt(); c.H = shape[1].toInt(); c.T = shape[2].toInt();
        c.logitsLast = tensorF32(st, prefix + QStringLiteral("logits_last"));
        out.push_back(std::move(c));
    }
    return out;
}

// The lessons' exercise definitions, from the source tree.
inline std::vector<QJsonObject> exercises(const QString& folder) {
    std::vector<QJsonObject> out;
    const QJsonArray a = QJsonDocument::fromJson(readAll(sourceDir() + QStringLiteral("/lessons/") + folder +
                                                         QStringLiteral("/exercises.json"))).array();
    for (const QJsonValue& v : a) out.push_back(v.toObject());
    return out;
}

inline QJsonObject exercise(const QString& folder, const QString& id) {
    for (const QJsonObject& o : exercises(folder))
        if (o.value(QStringLiteral("id")).toString() == id) return o;
    return {};
}

} // namespace fixture
