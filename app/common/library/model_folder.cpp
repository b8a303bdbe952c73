#include "library/model_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "library/model_shape.h"

namespace al::library {

QStringList requiredModelFiles() {
    return {QStringLiteral("config.json"), QStringLiteral("vocab.json"), QStringLiteral("merges.txt"),
            QStringLiteral("model.safetensors")};
}

namespace {

// Reads the shape from config.json with transformers' GPT2Config defaults; false with a reason on failure.
bool readConfig(const QString& path, FolderInfo& info) {
    QFile f(path);
    if (f.size() > 1024 * 1024) {
        info.problem = QStringLiteral("config.json is %1 bytes, too large to be a GPT-2 config").arg(f.size());
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        info.problem = QStringLiteral("config.json cannot be read: %1").arg(f.errorString());
        return false;
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject()) {
        info.problem = QStringLiteral("config.json is not a JSON object (%1)").arg(err.errorString());
        return false;
    }
    const QJsonObject o = doc.object();
    info.modelType = o.value(QStringLiteral("model_type")).toString();
    if (!info.modelType.isEmpty() && info.modelType != QLatin1String("gpt2")) {
        info.problem = QStringLiteral("config.json describes a \"%1\" model; only GPT-2-family (model_type \"gpt2\") models can be opened")
                           .arg(info.modelType);
        return false;
    }
    info.nLayer = o.value(QStringLiteral("n_layer")).toInt(12);
    info.nHead = o.value(QStringLiteral("n_head")).toInt(12);
    info.nEmbd = o.value(QStringLiteral("n_embd")).toInt(768);
    info.nPositions = o.value(QStringLiteral("n_positions")).toInt(1024);
    info.vocabSize = o.value(QStringLiteral("vocab_size")).toInt(50257);
    const QJsonValue inner = o.value(QStringLiteral("n_inner"));
    info.nInner = inner.isDouble() ? inner.toInt() : 4 * info.nEmbd;
    if (info.nLayer <= 0 || info.nHead <= 0 || info.nEmbd <= 0 || info.nPositions <= 0 || info.vocabSize <= 0
        || info.nInner <= 0) {
        info.problem = QStringLiteral("config.json has a non-positive size (n_layer, n_head, n_embd, n_positions, vocab_size or n_inner)");
        return false;
    }
    if (info.nEmbd % info.nHead != 0) {
        info.problem = QStringLiteral("config.json's n_embd (%1) is not divisible by n_head (%2)").arg(info.nEmbd).arg(info.nHead);
        return false;
    }
    info.parameters = gpt2ParameterCount(info.nLayer, info.nEmbd, info.nPositions, info.vocabSize, info.nInner);
    return true;
}

} // namespace

FolderInfo inspectModelFolder(const QString& dirIn) {
    FolderInfo info;
    info.dir = QDir::cleanPath(QDir(dirIn).absolutePath());
    const QFileInfo fi(info.dir);
    info.exists = fi.isDir();
    if (!info.exists) {
        info.problem = fi.exists() ? QStringLiteral("%1 is a file, not a folder").arg(info.dir)
                                   : QStringLiteral("the folder %1 does not exist").arg(info.dir);
        return info;
    }
    const QDir d(info.dir);
    for (const QString& name : requiredModelFiles()) {
        const QFileInfo f(d.filePath(name));
        if (!f.isFile())
            info.missing.append(name);
        else
            info.bytesOnDisk += f.size();
    }
    if (!info.missing.contains(QStringLiteral("config.json")))
        info.configOk = readConfig(d.filePath(QStringLiteral("config.json")), info);
    if (!info.missing.isEmpty()) {
        QString what = info.missing.join(QStringLiteral(", "));
        if (info.missing.contains(QStringLiteral("model.safetensors")) && d.exists(QStringLiteral("pytorch_model.bin")))
            what += QStringLiteral(" (pytorch_model.bin is there, but only safetensors weights can be read)");
        info.problem = QStringLiteral("%1 is not a GPT-2 model folder: missing %2").arg(info.dir, what);
    }
    return info;
}

} // namespace al::library
