#include "library/model_folder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <exception>

#include "attention_lens/config.h"
#include "attention_lens/model.h"

namespace al::library {

QStringList requiredModelFiles() {
    return {QStringLiteral("config.json"), QStringLiteral("vocab.json"), QStringLiteral("merges.txt"),
            QStringLiteral("model.safetensors")};
}

namespace {

// Reads the shape with the engine's own parser (transformers' GPT2Config defaults, the same
// checks the engine makes when it loads); false with the engine's reason on failure.
bool readConfig(const QString& path, FolderInfo& info) {
    try {
        const al::Config c = al::Config::load(QFile::encodeName(path).toStdString());
        info.nLayer = c.n_layer;
        info.nHead = c.n_head;
        info.nEmbd = c.n_embd;
        info.nPositions = c.n_positions;
        info.vocabSize = c.vocab_size;
        info.nInner = c.inner();
        info.parameters = c.parameter_count();
        return true;
    } catch (const std::exception& e) {
        info.problem = QString::fromUtf8(e.what());
        return false;
    }
}

// Everything the engine checks short of reading the weights: the files regular, the safetensors
// header valid and its tensors what config.json implies. Reads the header only (a few hundred KB
// at most), so listing stays fast; a folder that fails here would fail to load.
void checkWithoutWeights(FolderInfo& info) {
    try {
        al::Model::check_files(QFile::encodeName(info.dir).toStdString());
    } catch (const std::exception& e) {
        info.problem = QString::fromUtf8(e.what());
    }
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
        // A pipe, a folder or a broken link under the name is there but wrong: the engine's check
        // below says what it is; only a name with nothing at all behind it is missing.
        if (!f.isFile() && !f.exists() && !f.isSymLink())
            info.missing.append(name);
        else if (!f.isFile())
            continue;
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
    if (info.problem.isEmpty())
        checkWithoutWeights(info);
    return info;
}

} // namespace al::library
