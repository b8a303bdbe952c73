// Reads the reference attentions of ../shared/fixtures/tiny-gpt2/expected.safetensors (computed by
// an independent implementation) so that tests compare the app's figures with them.
#pragma once
#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>
#include <cstring>
#include <vector>

struct GoldenTensor {
    std::vector<int> shape;
    std::vector<float> f32;
    std::vector<long long> i64;
};

inline GoldenTensor readGolden(const QString& path, const QString& name) {
    GoldenTensor t;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QByteArray all = f.readAll();
    quint64 n = 0;
    std::memcpy(&n, all.constData(), 8);
    const QJsonObject header = QJsonDocument::fromJson(all.mid(8, qsizetype(n))).object();
    const QJsonObject info = header.value(name).toObject();
    for (const QJsonValue v : info.value(QStringLiteral("shape")).toArray())
        t.shape.push_back(v.toInt());
    const QJsonArray off = info.value(QStringLiteral("data_offsets")).toArray();
    const qsizetype begin = qsizetype(8 + n + off.at(0).toInteger());
    const qsizetype end = qsizetype(8 + n + off.at(1).toInteger());
    const QString dtype = info.value(QStringLiteral("dtype")).toString();
    if (dtype == QLatin1String("F32")) {
        t.f32.resize(size_t(end - begin) / 4);
        std::memcpy(t.f32.data(), all.constData() + begin, size_t(end - begin));
    } else if (dtype == QLatin1String("I64")) {
        t.i64.resize(size_t(end - begin) / 8);
        std::memcpy(t.i64.data(), all.constData() + begin, size_t(end - begin));
    } else if (dtype == QLatin1String("I32")) {
        std::vector<int> v(size_t(end - begin) / 4);
        std::memcpy(v.data(), all.constData() + begin, size_t(end - begin));
        t.i64.assign(v.begin(), v.end());
    }
    return t;
}
