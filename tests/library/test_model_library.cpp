// The model library: the shipped manifest against the real GPT-2 tokenizer files, the cheap folder
// check (ready, or which file is missing), parameter counts from config.json, Hugging Face cache
// snapshots, the library listing, and GPT-2 folder layout variants (prefixed keys, fp16) that the
// engine must load.
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>
#include <sys/stat.h>
#include <algorithm>

#include "attention_lens/safetensors.h"
#include "download/file_hasher.h"
#include "download/model_downloader.h"
#include "library/hf_cache.h"
#include "library/model_folder.h"
#include "library/model_library.h"
#include "library/staged_download.h"
#include "library/model_manifest.h"

using namespace al::library;

namespace {

const QStringList kFiles{QStringLiteral("config.json"), QStringLiteral("vocab.json"), QStringLiteral("merges.txt"),
                         QStringLiteral("model.safetensors")};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

// Rewrites a safetensors file tensor by tensor: renamed keys, and F32 stored as F16 when asked.
QByteArray rewriteSafetensors(const QByteArray& in, const QString& prefix, bool toF16) {
    const quint64 n = qFromLittleEndian<quint64>(in.constData());
    const QJsonObject header = QJsonDocument::fromJson(in.mid(8, qsizetype(n))).object();
    const QByteArray data = in.mid(8 + qsizetype(n));
    QJsonObject outHeader;
    QByteArray outData;
    QStringList names = header.keys();
    names.sort();
    for (const QString& name : names) {
        if (name == QLatin1String("__metadata__")) {
            outHeader[name] = header[name];
            continue;
        }
        QJsonObject t = header[name].toObject();
        const QJsonArray off = t[QStringLiteral("data_offsets")].toArray();
        QByteArray bytes = data.mid(qsizetype(off[0].toDouble()), qsizetype(off[1].toDouble() - off[0].toDouble()));
        if (toF16 && t[QStringLiteral("dtype")].toString() == QLatin1String("F32")) {
            QByteArray half(bytes.size() / 2, Qt::Uninitialized);
            const float* src = reinterpret_cast<const float*>(bytes.constData());
            qfloat16* dst = reinterpret_cast<qfloat16*>(half.data());
            for (qsizetype i = 0; i < bytes.size() / 4; ++i)
                dst[i] = qfloat16(src[i]);
            bytes = half;
            t[QStringLiteral("dtype")] = QStringLiteral("F16");
        }
        t[QStringLiteral("data_offsets")] = QJsonArray{double(outData.size()), double(outData.size() + bytes.size())};
        outData += bytes;
        outHeader[prefix + name] = t;
    }
    QByteArray headerBytes = QJsonDocument(outHeader).toJson(QJsonDocument::Compact);
    while (headerBytes.size() % 8)
        headerBytes += ' ';
    QByteArray out(8, '\0');
    qToLittleEndian<quint64>(quint64(headerBytes.size()), out.data());
    return out + headerBytes + outData;
}

} // namespace

class TestModelLibrary : public QObject {
    Q_OBJECT
    QString fixture;
    QString shared;

    void copyFixture(const QString& to, const QStringList& files = kFiles) {
        QVERIFY(QDir().mkpath(to));
        for (const QString& f : files)
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + f, to + QLatin1Char('/') + f));
    }

private slots:
    void initTestCase() {
        fixture = qEnvironmentVariable("AL_FIXTURE_MODEL");
        shared = qEnvironmentVariable("AL_SHARED_DIR");
        QVERIFY2(!fixture.isEmpty() && !shared.isEmpty(), "AL_FIXTURE_MODEL / AL_SHARED_DIR are not set");
    }

    // The shipped manifest pins GPT-2 small to the right commit, weights and tokenizer files; the
    // tokenizer pins are checked against GPT-2's own files, hashed here independently.
    void shippedManifestPinsGpt2() {
        QString error;
        const QList<ManifestModel> manifest = loadManifest(QString(), &error);
        QVERIFY2(!manifest.isEmpty(), qPrintable(error));
        QCOMPARE(manifest.first().id, QStringLiteral("gpt2"));
        const ManifestModel& gpt2 = manifest.first();
        QCOMPARE(gpt2.repo, QStringLiteral("openai-community/gpt2"));
        QCOMPARE(gpt2.revision, QStringLiteral("607a30d783dfa663caf39e06633721c8d4cfcd7e"));
        QCOMPARE(gpt2.parameters(), qint64(124439808)); // GPT-2 small's published count (tied lm_head)
        QCOMPARE(gpt2.nLayer * gpt2.nHead, 144);
        int checked = 0;
        for (const ManifestFile& f : gpt2.files) {
            if (f.name == QLatin1String("model.safetensors")) {
                QCOMPARE(f.size, qint64(548105171));
                QCOMPARE(f.hashKind, HashKind::Sha256);
                QCOMPARE(f.hash, QStringLiteral("248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707"));
                ++checked;
            } else if (f.name == QLatin1String("vocab.json") || f.name == QLatin1String("merges.txt")) {
                const QByteArray data = readAll(shared + QStringLiteral("/gpt2-tokenizer/") + f.name);
                QVERIFY(!data.isEmpty());
                QCOMPARE(f.size, qint64(data.size()));
                QCOMPARE(f.hashKind, HashKind::GitSha1);
                const QByteArray independent = QCryptographicHash::hash(
                    "blob " + QByteArray::number(data.size()) + QByteArray(1, '\0') + data, QCryptographicHash::Sha1).toHex();
                QCOMPARE(f.hash, QString::fromLatin1(independent));
                const auto hashed = al::download::hashFile(shared + QStringLiteral("/gpt2-tokenizer/") + f.name, HashKind::GitSha1);
                QCOMPARE(hashed.hex, f.hash);
                ++checked;
            } else {
                QCOMPARE(f.name, QStringLiteral("config.json"));
                QVERIFY(!f.pinned()); // read from the server's headers
            }
        }
        QCOMPARE(checked, 3);
        QVERIFY(gpt2.pinnedBytes() < 0); // config.json's size comes from the server
        QStringList ids;
        for (const ManifestModel& m : manifest)
            ids << m.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("gpt2"), QStringLiteral("gpt2-medium"), QStringLiteral("distilgpt2")}));
        QCOMPARE(manifest[1].parameters(), qint64(354823168)); // GPT-2 medium
    }

    // Numbers a hostile manifest might hold are refused with the entry and the field named, before
    // any size arithmetic (a file size of 1e300 was cast to qint64, undefined behaviour).
    void manifestRefusesImpossibleNumbers() {
        const auto entry = [](const QString& fields, const QString& file) {
            return QStringLiteral(R"({"models": [{"id": "m", "repo": "o/m", %1 "files": [%2]}]})")
                .arg(fields, file).toUtf8();
        };
        const QString plain = QStringLiteral(R"({"name": "model.safetensors"})");
        QString error;
        const QList<ManifestModel> ok = parseManifest(
            entry(QStringLiteral(R"("n_layer": 12, "n_head": 12, "n_embd": 768,)"),
                  QStringLiteral(R"({"name": "model.safetensors", "size": 548105171})")), &error);
        QCOMPARE(ok.size(), 1);
        QCOMPARE(ok[0].files[0].size, qint64(548105171));
        QCOMPARE(ok[0].nPositions, 1024); // defaults when absent
        QCOMPARE(ok[0].vocabSize, 50257);
        QCOMPARE(ok[0].parameters(), qint64(124439808));

        const struct { const char* fields; const char* file; const char* says; } bad[] = {
            {"", R"({"name": "model.safetensors", "size": 1e300})", "size of its file \"model.safetensors\""},
            {"", R"({"name": "model.safetensors", "size": -5})", "whole number of bytes"},
            {"", R"({"name": "model.safetensors", "size": 1.5})", "whole number of bytes"},
            {"", R"({"name": "model.safetensors", "size": "10"})", "whole number of bytes"},
            {R"("n_layer": 2147483647,)", "", "n_layer must be a whole number from 1 to 1024"},
            {R"("n_embd": 1e300,)", "", "n_embd must be"},
            {R"("vocab_size": -1,)", "", "vocab_size must be"},
            {R"("n_positions": 0,)", "", "n_positions must be"},
            {R"("n_head": "12",)", "", "n_head must be"},
        };
        for (const auto& b : bad) {
            error.clear();
            const QString file = *b.file ? QString::fromUtf8(b.file) : plain;
            QVERIFY(parseManifest(entry(QString::fromUtf8(b.fields), file), &error).isEmpty());
            QVERIFY2(error.contains(QStringLiteral("entry \"m\"")) && error.contains(QString::fromUtf8(b.says)),
                     qPrintable(error));
        }
        // More files than any model has.
        QStringList many;
        for (int i = 0; i < 1001; ++i)
            many << QStringLiteral(R"({"name": "f%1"})").arg(i);
        QVERIFY(parseManifest(entry(QString(), many.join(QLatin1Char(','))), &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("1001 files")), qPrintable(error));
    }

    void sha256OfAFile() {
        QTemporaryDir dir;
        QVERIFY(writeAll(dir.filePath(QStringLiteral("abc")), "abc"));
        QCOMPARE(al::download::hashFile(dir.filePath(QStringLiteral("abc")), HashKind::Sha256).hex,
                 QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")); // FIPS 180-2 example
        QVERIFY(!al::download::hashFile(dir.filePath(QStringLiteral("missing")), HashKind::Sha256).error.isEmpty());
    }

    // The folder check reads config.json only; its parameter count must equal the tensors' sizes.
    void fixtureFolderIsReady() {
        const FolderInfo info = inspectModelFolder(fixture);
        QVERIFY2(info.ready(), qPrintable(info.problem));
        QCOMPARE(info.nLayer, 2);
        QCOMPARE(info.nHead, 4);
        QCOMPARE(info.nEmbd, 64);
        qint64 bytes = 0;
        for (const QString& f : kFiles)
            bytes += QFileInfo(fixture + QLatin1Char('/') + f).size();
        QCOMPARE(info.bytesOnDisk, bytes);
        // Count the stored tensors' elements (skipping GPT-2's attention-mask buffers and a tied lm_head).
        const QByteArray st = readAll(fixture + QStringLiteral("/model.safetensors"));
        const quint64 n = qFromLittleEndian<quint64>(st.constData());
        const QJsonObject header = QJsonDocument::fromJson(st.mid(8, qsizetype(n))).object();
        qint64 numel = 0;
        for (auto it = header.begin(); it != header.end(); ++it) {
            if (it.key() == QLatin1String("__metadata__") || it.key().endsWith(QLatin1String(".attn.bias"))
                || it.key().endsWith(QLatin1String(".attn.masked_bias")) || it.key() == QLatin1String("lm_head.weight"))
                continue;
            qint64 e = 1;
            for (const QJsonValue& d : it.value().toObject()[QStringLiteral("shape")].toArray())
                e *= qint64(d.toDouble());
            numel += e;
        }
        QVERIFY(numel > 3000000);
        QCOMPARE(info.parameters, numel);
    }

    void wrongFolderNamesWhatIsMissing() {
        QTemporaryDir dir;
        copyFixture(dir.path(), {QStringLiteral("config.json"), QStringLiteral("vocab.json")});
        FolderInfo info = inspectModelFolder(dir.path());
        QVERIFY(!info.ready());
        QCOMPARE(info.missing, (QStringList{QStringLiteral("merges.txt"), QStringLiteral("model.safetensors")}));
        QVERIFY2(info.problem.contains(QStringLiteral("merges.txt")) && info.problem.contains(QStringLiteral("model.safetensors")),
                 qPrintable(info.problem));
        QVERIFY(writeAll(dir.filePath(QStringLiteral("pytorch_model.bin")), "x"));
        QVERIFY(inspectModelFolder(dir.path()).problem.contains(QStringLiteral("pytorch_model.bin")));

        QTemporaryDir bert;
        copyFixture(bert.path());
        QVERIFY(writeAll(bert.filePath(QStringLiteral("config.json")), R"({"model_type": "bert", "n_layer": 2})"));
        info = inspectModelFolder(bert.path());
        QVERIFY(!info.ready());
        QVERIFY2(info.problem.contains(QStringLiteral("bert")), qPrintable(info.problem));

        QVERIFY(writeAll(bert.filePath(QStringLiteral("config.json")), R"({"n_layer": 2, "n_head": 3, "n_embd": 64})"));
        info = inspectModelFolder(bert.path());
        QVERIFY2(!info.ready() && info.problem.contains(QStringLiteral("divisible")), qPrintable(info.problem));
        QVERIFY(writeAll(bert.filePath(QStringLiteral("config.json")), "{ not json"));
        QVERIFY(!inspectModelFolder(bert.path()).ready());

        info = inspectModelFolder(dir.filePath(QStringLiteral("nowhere")));
        QVERIFY(!info.exists);
        QVERIFY(info.problem.contains(QStringLiteral("does not exist")));
    }

    // "Ready" means what can be checked without reading the weights: a folder whose config is fine
    // but whose model.safetensors cannot serve it is not ready, and says why.
    void unloadableWeightsAreNotReady() {
        QTemporaryDir dir;
        copyFixture(dir.path(), {QStringLiteral("config.json"), QStringLiteral("vocab.json"), QStringLiteral("merges.txt")});
        const QString st = dir.filePath(QStringLiteral("model.safetensors"));
        QVERIFY(writeAll(st, QByteArray(64, 'x')));
        FolderInfo info = inspectModelFolder(dir.path());
        QVERIFY(info.configOk);
        QVERIFY2(!info.ready() && info.problem.contains(QStringLiteral("model.safetensors")), qPrintable(info.problem));

        // A valid file whose tensors are not the config's: the first one found wrong is named.
        const std::vector<float> one(4, 0.0f);
        al::write_safetensors(QFile::encodeName(st).toStdString(), {{"wte.weight", {2, 2}, one.data()}});
        info = inspectModelFolder(dir.path());
        QVERIFY2(!info.ready() && info.problem.contains(QStringLiteral("\"wte.weight\" has shape [2, 2]")),
                 qPrintable(info.problem));

        // model.safetensors a folder, not a file.
        QVERIFY(QFile::remove(st));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("model.safetensors")));
        info = inspectModelFolder(dir.path());
        QVERIFY2(!info.ready() && info.problem.contains(QStringLiteral("is a folder")), qPrintable(info.problem));

        // A named pipe, or a link that leads round in a loop: said as what they are, not "missing".
        QVERIFY(QDir(dir.path()).rmdir(QStringLiteral("model.safetensors")));
        QVERIFY(::mkfifo(QFile::encodeName(st).constData(), 0600) == 0);
        info = inspectModelFolder(dir.path());
        QVERIFY2(!info.ready() && info.missing.isEmpty() && info.problem.contains(QStringLiteral("named pipe")),
                 qPrintable(info.problem));
        QVERIFY(QFile::remove(st));
        QVERIFY(QFile::link(QStringLiteral("model.safetensors"), st));
        info = inspectModelFolder(dir.path());
        QVERIFY2(!info.ready() && info.missing.isEmpty() && info.problem.contains(QStringLiteral("loop")),
                 qPrintable(info.problem));
    }

    // GPT-2 folders come with or without the "transformer." prefix, in F32 or F16: the folder check
    // accepts them and the engine loads them (the downloader's and the library's last check).
    void layoutVariantsLoad_data() {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<bool>("f16");
        QTest::newRow("plain F32") << QString() << false;
        QTest::newRow("transformer. prefix") << QStringLiteral("transformer.") << false;
        QTest::newRow("F16") << QString() << true;
        QTest::newRow("prefix and F16") << QStringLiteral("transformer.") << true;
    }
    void layoutVariantsLoad() {
        QFETCH(QString, prefix);
        QFETCH(bool, f16);
        QTemporaryDir dir;
        copyFixture(dir.path(), {QStringLiteral("config.json"), QStringLiteral("vocab.json"), QStringLiteral("merges.txt")});
        const QByteArray st = rewriteSafetensors(readAll(fixture + QStringLiteral("/model.safetensors")), prefix, f16);
        QVERIFY(writeAll(dir.filePath(QStringLiteral("model.safetensors")), st));
        const FolderInfo info = inspectModelFolder(dir.path());
        QVERIFY2(info.ready(), qPrintable(info.problem));
        const auto validation = al::download::ModelDownloader::validateWithEngine(dir.path());
        QVERIFY2(validation.problem.isEmpty(), qPrintable(validation.problem));
        QVERIFY(validation.model);
    }

    void hfCacheSnapshotsAreFound() {
        QTemporaryDir cache;
        const QString rev = QStringLiteral("607a30d783dfa663caf39e06633721c8d4cfcd7e");
        const QString repoDir = cache.path() + QStringLiteral("/models--openai-community--gpt2");
        const QString snap = repoDir + QStringLiteral("/snapshots/") + rev;
        QVERIFY(QDir().mkpath(snap));
        QVERIFY(QDir().mkpath(repoDir + QStringLiteral("/blobs")));
        // As huggingface_hub lays it out: the snapshot's files are links into blobs/.
        for (const QString& f : kFiles) {
            const QString blob = repoDir + QStringLiteral("/blobs/") + f + QStringLiteral(".blob");
            QVERIFY(QFile::copy(fixture + QLatin1Char('/') + f, blob));
            QVERIFY(QFile::link(blob, snap + QLatin1Char('/') + f));
        }
        // A snapshot without weights (a tokenizer-only download) is not listed.
        QVERIFY(QDir().mkpath(cache.path() + QStringLiteral("/models--gpt2/snapshots/abc")));
        QVERIFY(writeAll(cache.path() + QStringLiteral("/models--gpt2/snapshots/abc/config.json"), "{}"));

        qputenv("HF_HUB_CACHE", cache.path().toUtf8());
        QVERIFY(hfCacheRoots().contains(QDir::cleanPath(cache.path())));
        qunsetenv("HF_HUB_CACHE");

        const QList<CachedSnapshot> snaps = findCachedSnapshots({cache.path()});
        QCOMPARE(snaps.size(), 1);
        QCOMPARE(snaps[0].repo, QStringLiteral("openai-community/gpt2"));
        QCOMPARE(snaps[0].revision, rev);

        QTemporaryDir models;
        LibraryOptions options;
        options.modelsRoot = models.path();
        options.hfCacheRoots = {cache.path()};
        const QList<LibraryEntry> entries = scanLibrary(options);
        const auto it = std::find_if(entries.begin(), entries.end(), [](const LibraryEntry& e) { return e.kind == EntryKind::HfCache; });
        QVERIFY(it != entries.end());
        QVERIFY2(it->ready, qPrintable(it->problem));
        QCOMPARE(it->repo, QStringLiteral("openai-community/gpt2"));
        QCOMPARE(it->nLayer, 2);
        QCOMPARE(it->bytesOnDisk, inspectModelFolder(fixture).bytesOnDisk);
    }

    void libraryListsEmbeddedDownloadsAndFolders() {
        QTemporaryDir models;
        QTemporaryDir emptyCache;
        LibraryOptions options;
        options.modelsRoot = models.path();
        options.hfCacheRoots = {emptyCache.path()};
        options.embeddedDir = fixture;
        QList<LibraryEntry> entries = scanLibrary(options);
        QVERIFY(entries.size() >= 4);
        QCOMPARE(entries[0].kind, EntryKind::Embedded);
        QVERIFY(entries[0].ready);
        QCOMPARE(entries[1].key, QStringLiteral("gpt2"));
        QCOMPARE(entries[1].kind, EntryKind::Download);
        QVERIFY(!entries[1].ready);
        QCOMPARE(entries[1].parameters, qint64(124439808));
        QCOMPARE(entries[1].nHead, 12);
        QVERIFY(entries[1].downloadBytes > 548105171);

        // A paused download shows how much is already there.
        QVERIFY(QDir().mkpath(stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        QVERIFY(writeAll(stagingRoot(models.path()) + QStringLiteral("/gpt2/model.safetensors.part"), QByteArray(1234, 'x')));
        entries = scanLibrary(options);
        QCOMPARE(entries[1].partialBytes, qint64(1234));
        // A link in the staging folder is no paused download: not followed (here to the whole
        // file system), and a link among the staged files does not count its target's bytes.
        QTemporaryDir elsewhere;
        QVERIFY(writeAll(elsewhere.path() + QStringLiteral("/big.bin"), QByteArray(5000, 'b')));
        QVERIFY(QFile::link(elsewhere.path() + QStringLiteral("/big.bin"),
                            stagingRoot(models.path()) + QStringLiteral("/gpt2/vocab.json")));
        entries = scanLibrary(options);
        QCOMPARE(entries[1].partialBytes, qint64(1234));
        QVERIFY(QDir(stagingRoot(models.path()) + QStringLiteral("/gpt2")).removeRecursively());
        QVERIFY(QFile::link(QStringLiteral("/"), stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        QElapsedTimer walk;
        walk.start();
        entries = scanLibrary(options);
        QCOMPARE(entries[1].partialBytes, qint64(0));
        QVERIFY2(walk.elapsed() < 5000, qPrintable(QString::number(walk.elapsed())));
        QVERIFY(QFile::remove(stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        // Discarding it removes the link, never what it points to.
        QVERIFY(QFile::link(elsewhere.path(), stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        al::library::discardStaged(models.path(), QStringLiteral("gpt2"));
        QVERIFY(!QFileInfo(stagingRoot(models.path()) + QStringLiteral("/gpt2")).isSymLink());
        QVERIFY(!QFileInfo::exists(stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        QCOMPARE(QFileInfo(elsewhere.path() + QStringLiteral("/big.bin")).size(), qint64(5000));
        QVERIFY(QDir().mkpath(stagingRoot(models.path()) + QStringLiteral("/gpt2")));
        QVERIFY(writeAll(stagingRoot(models.path()) + QStringLiteral("/gpt2/model.safetensors.part"), QByteArray(1234, 'x')));

        // Once installed, the same entry is a downloaded, ready model.
        copyFixture(models.path() + QStringLiteral("/gpt2"));
        QVERIFY(writeAll(models.path() + QStringLiteral("/gpt2/source.json"),
                         R"({"repo": "openai-community/gpt2", "revision": "607a30d783dfa663caf39e06633721c8d4cfcd7e"})"));
        // Another folder copied there by hand, and one the learner opened that lacks its weights.
        copyFixture(models.path() + QStringLiteral("/my-gpt2"));
        QTemporaryDir opened;
        copyFixture(opened.path(), {QStringLiteral("config.json")});
        options.openedFolders = {opened.path()};
        entries = scanLibrary(options);
        QCOMPARE(entries[1].kind, EntryKind::Downloaded);
        QVERIFY(entries[1].ready);
        QCOMPARE(entries[1].revision, QStringLiteral("607a30d783dfa663caf39e06633721c8d4cfcd7e"));
        QCOMPARE(entries[1].nLayer, 2); // the shape on disk, not the manifest's
        QStringList titles;
        for (const LibraryEntry& e : entries)
            titles << e.title;
        QVERIFY(titles.contains(QStringLiteral("my-gpt2")));
        const LibraryEntry& last = entries.last();
        QCOMPARE(last.kind, EntryKind::Folder);
        QVERIFY(!last.ready);
        QVERIFY(last.problem.contains(QStringLiteral("model.safetensors")));
        const QJsonArray json = libraryToJson(entries);
        QCOMPARE(json.size(), entries.size());
        QCOMPARE(json[1].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("downloaded"));
    }

    // A folder in the models folder whose name is not UTF-8 (bytes Qt reads as U+FFFD, so no path
    // built from the name exists) is listed as such, not as a model that lacks its files.
    void folderNamedInBytesThatAreNotUtf8IsNamedSo() {
        QTemporaryDir models;
        QTemporaryDir emptyCache;
        const QByteArray raw = QFile::encodeName(models.path()) + "/caf\xe9-gpt2";
        QVERIFY(::mkdir(raw.constData(), 0755) == 0);
        LibraryOptions options;
        options.modelsRoot = models.path();
        options.hfCacheRoots = {emptyCache.path()};
        const QList<LibraryEntry> entries = scanLibrary(options);
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [](const LibraryEntry& e) { return e.title.startsWith(QStringLiteral("caf")); });
        QVERIFY(it != entries.end());
        QVERIFY(!it->ready);
        QVERIFY2(it->problem.contains(QStringLiteral("not valid UTF-8")), qPrintable(it->problem));
    }

    void formats() {
        QCOMPARE(formatBytes(548105171), QStringLiteral("548 MB"));
        QCOMPARE(formatBytes(1042301), QStringLiteral("1.0 MB"));
        QCOMPARE(formatParameters(124439808), QStringLiteral("124M"));
        QCOMPARE(formatParameters(1557611200), QStringLiteral("1.6B"));
    }
};

QTEST_GUILESS_MAIN(TestModelLibrary)
#include "test_model_library.moc"
