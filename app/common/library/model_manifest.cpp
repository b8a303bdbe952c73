#include "library/model_manifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

#include "attention_lens/config.h"

namespace al::library {

QString ManifestModel::folderName() const {
    const qsizetype slash = repo.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? repo.mid(slash + 1) : repo;
}

qint64 ManifestModel::parameters() const {
    al::Config shape;
    shape.n_layer = nLayer;
    shape.n_head = nHead;
    shape.n_embd = nEmbd;
    shape.n_positions = nPositions;
    shape.vocab_size = vocabSize;
    shape.n_inner = 4 * nEmbd;
    return shape.parameter_count();
}

qint64 ManifestModel::pinnedBytes() const {
    qint64 total = 0;
    for (const ManifestFile& f : files) {
        if (f.size < 0)
            return -1;
        total += f.size;
    }
    return total;
}

qint64 ManifestModel::estimatedBytes() const {
    // Pinned sizes where known; otherwise float32 weights plus the causal-mask buffers
    // (attn.bias, [1, 1, n_positions, n_positions] per layer) GPT-2 checkpoints carry, and the tokenizer.
    qint64 total = 0;
    for (const ManifestFile& f : files) {
        if (f.size >= 0)
            total += f.size;
        else if (f.name == QLatin1String("model.safetensors"))
            total += parameters() * 4 + qint64(nLayer) * nPositions * nPositions * 4;
        else if (f.name == QLatin1String("vocab.json"))
            total += 1042301;
        else if (f.name == QLatin1String("merges.txt"))
            total += 456318;
        else
            total += 1024;
    }
    return total;
}

namespace {

// Bounds far above any GPT-2-family model (those config.json is held to), low enough that the
// parameter count, the size estimate and the sum of a model's file sizes stay inside qint64.
constexpr int kMaxLayers = 1024;
constexpr int kMaxHeads = 1024;
constexpr int kMaxEmbd = 65536;
constexpr int kMaxPositions = 1 << 20;
constexpr int kMaxVocab = 1 << 22;
constexpr double kMaxFileBytes = double(qint64(1) << 44); // 16 TiB
constexpr qsizetype kMaxFiles = 1000;

// A whole number in [lo, hi] (JSON numbers are doubles); false for anything else.
bool wholeNumber(const QJsonValue& v, double lo, double hi, double* out) {
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= lo && d <= hi) || d != std::floor(d))
        return false;
    *out = d;
    return true;
}

// A shape field: absent gives `fallback`; present must be a whole number from 1 to `max`.
bool readShape(const QJsonObject& o, const char* key, int fallback, int max, int* out, QString* problem) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        *out = fallback;
        return true;
    }
    double d = 0;
    if (!wholeNumber(v, 1, max, &d)) {
        *problem = QStringLiteral("its %1 must be a whole number from 1 to %2").arg(QLatin1String(key)).arg(max);
        return false;
    }
    *out = int(d);
    return true;
}

} // namespace

bool isCommitId(const QString& revision) {
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{40}$"));
    return re.match(revision).hasMatch();
}

QList<ManifestModel> parseManifest(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("the model manifest is not valid JSON: %1").arg(parseError.errorString());
        return {};
    }
    QList<ManifestModel> out;
    for (const QJsonValue& v : doc.object().value(QStringLiteral("models")).toArray()) {
        const QJsonObject o = v.toObject();
        ManifestModel m;
        m.id = o.value(QStringLiteral("id")).toString();
        m.repo = o.value(QStringLiteral("repo")).toString();
        m.title = o.value(QStringLiteral("title")).toString(m.id);
        m.revision = o.value(QStringLiteral("revision")).toString(QStringLiteral("main"));
        m.note = o.value(QStringLiteral("note")).toString();
        QString problem;
        const bool shapeOk = readShape(o, "n_layer", 0, kMaxLayers, &m.nLayer, &problem) &&
                             readShape(o, "n_head", 0, kMaxHeads, &m.nHead, &problem) &&
                             readShape(o, "n_embd", 0, kMaxEmbd, &m.nEmbd, &problem) &&
                             readShape(o, "n_positions", 1024, kMaxPositions, &m.nPositions, &problem) &&
                             readShape(o, "vocab_size", 50257, kMaxVocab, &m.vocabSize, &problem);
        const QJsonArray files = o.value(QStringLiteral("files")).toArray();
        if (shapeOk && files.size() > kMaxFiles)
            problem = QStringLiteral("it lists %1 files, more than the %2 a model may have").arg(files.size()).arg(kMaxFiles);
        for (const QJsonValue& fv : files) {
            if (!problem.isEmpty())
                break;
            const QJsonObject fo = fv.toObject();
            ManifestFile f;
            f.name = fo.value(QStringLiteral("name")).toString();
            if (fo.contains(QStringLiteral("size"))) {
                double size = 0;
                if (!wholeNumber(fo.value(QStringLiteral("size")), 0, kMaxFileBytes, &size)) {
                    problem = QStringLiteral("the size of its file \"%1\" must be a whole number of bytes from 0 to %2")
                                  .arg(f.name).arg(qint64(kMaxFileBytes));
                    break;
                }
                f.size = qint64(size);
            }
            if (fo.contains(QStringLiteral("sha256"))) {
                f.hashKind = HashKind::Sha256;
                f.hash = fo.value(QStringLiteral("sha256")).toString().toLower();
            } else if (fo.contains(QStringLiteral("git_sha1"))) {
                f.hashKind = HashKind::GitSha1;
                f.hash = fo.value(QStringLiteral("git_sha1")).toString().toLower();
            }
            if (!f.name.isEmpty())
                m.files.append(f);
        }
        if (!problem.isEmpty()) {
            if (error)
                *error = QStringLiteral("the model manifest's entry \"%1\" is unusable: %2").arg(m.id, problem);
            return {};
        }
        if (m.id.isEmpty() || m.repo.isEmpty() || m.files.isEmpty()) {
            if (error)
                *error = QStringLiteral("the model manifest has an entry without id, repo or files");
            return {};
        }
        out.append(m);
    }
    if (out.isEmpty() && error)
        *error = QStringLiteral("the model manifest lists no models");
    return out;
}

QList<ManifestModel> loadManifest(const QString& pathIn, QString* error) {
    QString path = pathIn;
    if (path.isEmpty())
        path = qEnvironmentVariable("AL_MANIFEST"); // a researcher's own list (or a test's)
    if (path.isEmpty())
        path = QStringLiteral(":/manifest/models.json");
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read the model manifest %1").arg(path.isEmpty() ? QStringLiteral("(none built in)") : path);
        return {};
    }
    return parseManifest(f.readAll(), error);
}

} // namespace al::library
