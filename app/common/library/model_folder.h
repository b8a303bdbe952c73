// A cheap look at a model folder before the engine loads it: which of GPT-2's four files are there,
// the shape config.json declares (read by the engine's al::Config), the parameter count that shape
// implies, the size on disk, and whether model.safetensors' header lists the tensors that shape
// needs (al::Model::check_files). Nothing here reads the weights, so a folder that is ready can still
// fail al::Model::load on their values (NaN, corrupt numbers).
#pragma once
#include <QString>
#include <QStringList>

namespace al::library {

struct FolderInfo {
    QString dir;
    bool exists = false;
    QStringList missing;     // of config.json, model.safetensors, vocab.json, merges.txt
    QString problem;         // "" when the folder passes every check short of reading the weights;
                             // otherwise one sentence for a person
    bool configOk = false;
    int nLayer = 0, nHead = 0, nEmbd = 0, nPositions = 0, vocabSize = 0, nInner = 0;
    qint64 parameters = 0;   // from config.json's shape
    qint64 bytesOnDisk = 0;  // the four files (what loading needs)
    bool ready() const { return exists && missing.isEmpty() && configOk && problem.isEmpty(); }
};

// The files a GPT-2-family folder needs, in the order they are fetched.
QStringList requiredModelFiles();

FolderInfo inspectModelFolder(const QString& dir);

} // namespace al::library
