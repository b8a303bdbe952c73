#include "library/model_manifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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
        m.nLayer = o.value(QStringLiteral("n_layer")).toInt();
        m.nHead = o.value(QStringLiteral("n_head")).toInt();
        m.nEmbd = o.value(QStringLiteral("n_embd")).toInt();
        m.nPositions = o.value(QStringLiteral("n_positions")).toInt(1024);
        m.vocabSize = o.value(QStringLiteral("vocab_size")).toInt(50257);
        for (const QJsonValue& fv : o.value(QStringLiteral("files")).toArray()) {
            const QJsonObject fo = fv.toObject();
            ManifestFile f;
            f.name = fo.value(QStringLiteral("name")).toString();
            f.size = fo.contains(QStringLiteral("size")) ? qint64(fo.value(QStringLiteral("size")).toDouble()) : -1;
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
