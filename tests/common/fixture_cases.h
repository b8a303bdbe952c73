// The shared fixture's tiny GPT-2 (AL_FIXTURE_MODEL, which ctest sets) and its expected.safetensors
// from an independent float64 implementation: where the folder is, each case's input ids and
// tensors, a data row per case, and the float64 LayerNorm the reference computations share.
#pragma once
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"

namespace testing_support {

inline std::string fixtureDir() { return qgetenv("AL_FIXTURE_MODEL").toStdString(); }

// A copy of the fixture model in `dir` whose config.json has `changes` laid over it (e.g. another
// attention scale), for a test of a model configured otherwise. False when a file could not be
// copied or written.
inline bool copyFixtureWithConfig(const QString& dir, const QJsonObject& changes) {
    const QDir from(QString::fromStdString(fixtureDir()));
    for (const char* name : {"model.safetensors", "vocab.json", "merges.txt"})
        if (!QFile::copy(from.filePath(QLatin1String(name)), QDir(dir).filePath(QLatin1String(name))))
            return false;
    QFile in(from.filePath(QStringLiteral("config.json")));
    if (!in.open(QIODevice::ReadOnly))
        return false;
    QJsonObject config = QJsonDocument::fromJson(in.readAll()).object();
    if (config.isEmpty())
        return false;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        config[it.key()] = it.value();
    QFile out(QDir(dir).filePath(QStringLiteral("config.json")));
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(config).toJson()) > 0 && out.flush();
}

// Case c's token ids, stored as I64 in expected.safetensors.
inline std::vector<int> fixtureInputIds(const al::SafetensorsFile& f, int c) {
    const al::TensorInfo& t = f.info("case" + std::to_string(c) + ".input_ids");
    std::vector<int64_t> raw(t.numel());
    std::memcpy(raw.data(), f.data(t), raw.size() * sizeof(int64_t));
    return std::vector<int>(raw.begin(), raw.end());
}

// The model and its expected outputs, as the tests that compare the engine with them load them.
struct Fixture {
    std::shared_ptr<const al::Model> model;
    std::unique_ptr<al::SafetensorsFile> expected;

    // Loads both; false (nothing loaded) where AL_FIXTURE_MODEL is not set.
    bool load() {
        if (fixtureDir().empty()) return false;
        model = al::Model::load(fixtureDir());
        expected = std::make_unique<al::SafetensorsFile>(fixtureDir() + "/expected.safetensors");
        return true;
    }
    std::vector<int> ids(int c) const { return fixtureInputIds(*expected, c); }
    // Case c's tensor `name` (hidden_states [L+1][T][C], attentions [L][H][T][T], logits_last [V],
    // logits_first256 [T][256]) as floats.
    std::vector<float> tensor(int c, const std::string& name) const {
        return expected->to_float(expected->info("case" + std::to_string(c) + "." + name));
    }
    int caseCount() const {
        int n = 0;
        while (expected->has("case" + std::to_string(n) + ".input_ids")) ++n;
        return n;
    }
};

// One data row per case, named "case N", in an int column "c"; for a test's _data() slot.
inline void addCaseRows(const std::vector<int>& cases) {
    QTest::addColumn<int>("c");
    for (int c : cases) QTest::newRow(("case " + std::to_string(c)).c_str()) << c;
}
inline void addCaseRows(int count) {
    if (count <= 0) QFAIL("the fixture has no cases");
    std::vector<int> all(static_cast<size_t>(count));
    for (int c = 0; c < count; ++c) all[static_cast<size_t>(c)] = c;
    addCaseRows(all);
}

// LayerNorm in float64 (HF's: population variance, eps inside the root), of C values from x.
template <class In>
std::vector<double> layerNorm64(const In* x, const float* w, const float* b, int C, double eps) {
    double mean = 0, var = 0;
    for (int c = 0; c < C; ++c) mean += double(x[c]);
    mean /= C;
    for (int c = 0; c < C; ++c) var += (double(x[c]) - mean) * (double(x[c]) - mean);
    const double s = std::sqrt(var / C + eps);
    std::vector<double> y(static_cast<size_t>(C));
    for (int c = 0; c < C; ++c) y[static_cast<size_t>(c)] = (double(x[c]) - mean) / s * w[c] + b[c];
    return y;
}

} // namespace testing_support
