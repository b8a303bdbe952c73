// Hostile and broken model folders: each must be refused by al::Model::load with one al::Error whose
// message names the file (and the tensor where there is one) and says what is wrong — never a crash,
// a hang or a huge allocation. Every case starts from a small valid model written here, then breaks
// one thing. The same source also runs under AddressSanitizer + UndefinedBehaviorSanitizer.
//
// Decision on NaN/Inf weights, and finite ones over 1e6: refused at load (a checkpoint holding them
// would only produce silent garbage in every attention pattern), with the tensor and element named.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "attention_lens/config.h"
#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "attention_lens/tokenizer.h"
#include "safetensors_test_util.h"

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

namespace {

// This process's peak resident memory (VmHWM), in KiB; -1 where /proc does not say.
int64_t peak_rss_kib() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
    return -1;
}

// CPU time this process has used, all threads together, in seconds.
double process_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

// The small valid model: 1 layer, 2 heads, d 8, 16 positions, 259 tokens (256 bytes, 2 merges, eos).
constexpr int kC = 8, kV = 259, kP = 16, kI = 32;

std::string config_text(const std::function<void(ojson&)>& edit = {}) {
    ojson c = {{"model_type", "gpt2"}, {"vocab_size", kV}, {"n_positions", kP}, {"n_ctx", kP},
               {"n_embd", kC},         {"n_layer", 1},     {"n_head", 2},       {"n_inner", nullptr},
               {"activation_function", "gelu_new"},        {"layer_norm_epsilon", 1e-5}};
    if (edit) edit(c);
    return c.dump(2);
}

std::string vocab_text(int extra = 0) {
    ojson v = ojson::object();
    int id = 0;
    for (int b = 0; b < 256; ++b) v[al::bytes_to_token_string(std::string(1, char(b)))] = id++;
    v[al::bytes_to_token_string(" t")] = id++;
    v["he"] = id++;
    for (int i = 0; i < extra; ++i) v["extra" + std::to_string(i)] = id++;
    v["<|endoftext|>"] = id++;
    return v.dump();
}

std::string merges_text() { return "#version: 0.2\n" + al::bytes_to_token_string(" ") + " t\nh e\n"; }

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
}

// The valid model's safetensors as an editable header plus data bytes.
struct RawModel {
    ojson header;
    std::string data;
    std::optional<uint64_t> header_len; // override of the 8-byte length field

    RawModel() {
        header["__metadata__"] = {{"format", "pt"}};
        add("wte.weight", {kV, kC});
        add("wpe.weight", {kP, kC});
        for (const char* n : {"ln_1.weight", "ln_1.bias"}) add(std::string("h.0.") + n, {kC});
        add("h.0.attn.c_attn.weight", {kC, 3 * kC});
        add("h.0.attn.c_attn.bias", {3 * kC});
        add("h.0.attn.c_proj.weight", {kC, kC});
        add("h.0.attn.c_proj.bias", {kC});
        for (const char* n : {"ln_2.weight", "ln_2.bias"}) add(std::string("h.0.") + n, {kC});
        add("h.0.mlp.c_fc.weight", {kC, kI});
        add("h.0.mlp.c_fc.bias", {kI});
        add("h.0.mlp.c_proj.weight", {kI, kC});
        add("h.0.mlp.c_proj.bias", {kC});
        add("ln_f.weight", {kC});
        add("ln_f.bias", {kC});
    }
    void add(const std::string& name, std::vector<int64_t> shape) {
        int64_t n = 1;
        for (auto d : shape) n *= d;
        const size_t begin = data.size();
        for (int64_t i = 0; i < n; ++i) {
            const float x = 0.01f * float((i * 7 + int64_t(data.size())) % 13 - 6);
            data.append(reinterpret_cast<const char*>(&x), 4);
        }
        header[name] = {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {begin, data.size()}}};
    }
    std::string header_text() const {
        std::string t = header.dump();
        while (t.size() % 8) t.push_back(' ');
        return t;
    }
    void write(const fs::path& p) const {
        const std::string t = header_text();
        al_test::write_raw_safetensors(p.string(), t, data, header_len.value_or(t.size()));
    }
    uint64_t begin_of(const std::string& name) const { return header[name]["data_offsets"][0].get<uint64_t>(); }
    // Keeps only the first `keep` bytes of a tensor's data, moving the tensors after it down: the
    // tensors still cover the data exactly, so only the change a test makes is wrong.
    void keep_bytes(const std::string& name, uint64_t keep) {
        const uint64_t b = begin_of(name), e = header[name]["data_offsets"][1].get<uint64_t>();
        data.erase(size_t(b + keep), size_t(e - b - keep));
        for (auto& [key, t] : header.items())
            if (key != "__metadata__" && t["data_offsets"][0].get<uint64_t>() >= e)
                t["data_offsets"] = {t["data_offsets"][0].get<uint64_t>() - (e - b - keep),
                                     t["data_offsets"][1].get<uint64_t>() - (e - b - keep)};
        header[name]["data_offsets"] = {b, b + keep};
    }
};

} // namespace

class TestMalformed : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> tmp_;
    fs::path dir_;

    // Writes the valid model into a fresh folder, with the given edits.
    void make(const std::function<void(RawModel&)>& edit_weights = {},
              const std::function<void(ojson&)>& edit_config = {}) {
        tmp_ = std::make_unique<QTemporaryDir>();
        QVERIFY(tmp_->isValid());
        dir_ = fs::path(tmp_->path().toStdString()) / "model";
        fs::create_directories(dir_);
        write_file(dir_ / "config.json", config_text(edit_config));
        write_file(dir_ / "vocab.json", vocab_text());
        write_file(dir_ / "merges.txt", merges_text());
        RawModel m;
        if (edit_weights) edit_weights(m);
        m.write(dir_ / "model.safetensors");
    }

    // Model::load must throw al::Error (nothing else) whose message contains every fragment.
    void expect_refused(const std::vector<std::string>& fragments) {
        try {
            al::Model::load(dir_.string());
        } catch (const al::Error& e) {
            const std::string msg = e.what();
            qInfo("refused: %s", msg.c_str());
            for (const auto& f : fragments)
                if (msg.find(f) == std::string::npos)
                    QFAIL(qPrintable(QString::fromStdString("message lacks \"" + f + "\": " + msg)));
            if (msg.find('\n') != std::string::npos) QFAIL(qPrintable("message is not one line: " + QString::fromStdString(msg)));
            return;
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("not an al::Error: ") + e.what()));
        }
        QFAIL("the folder was accepted");
    }

    // As expect_refused, for a folder with one value of many megabytes: the message quotes an
    // excerpt of it (a GUI laying out a 30 MB message stalls for a minute), and parsing stays quick.
    // Quick is measured in CPU time, which other work on the machine inflates less than wall time:
    // a linear parse of these files takes a few tenths of a second, a quadratic one hours.
    void expect_refused_briefly(const std::vector<std::string>& fragments) {
        const double start = process_cpu_seconds();
        expect_refused(fragments);
        const double seconds = process_cpu_seconds() - start;
#if defined(__SANITIZE_ADDRESS__)
        const double limit = 15; // the sanitizer slows parsing about tenfold
#else
        const double limit = 2;
#endif
        QVERIFY2(seconds < limit, qPrintable(QStringLiteral("refusing took %1 s of CPU time").arg(seconds)));
        try {
            al::Model::load(dir_.string());
        } catch (const al::Error& e) {
            // Counted without the folder's path, which a tokenizer message names twice.
            std::string msg = e.what();
            for (size_t at; (at = msg.find(dir_.string())) != std::string::npos;) msg.erase(at, dir_.string().size());
            QVERIFY2(msg.size() < 300, qPrintable(QStringLiteral("the message is %1 bytes long without the paths: ")
                                                      .arg(msg.size()) + QString::fromStdString(msg.substr(0, 1000))));
        }
    }

    std::string st() const { return (dir_ / "model.safetensors").string(); }
    std::string cfg() const { return (dir_ / "config.json").string(); }

private slots:
    void validModelLoads() {
        make();
        const auto m = al::Model::load(dir_.string());
        QCOMPARE(m->config().n_inner, kI);
        QCOMPARE(m->tokenizer()->vocab_size(), kV);
        QCOMPARE(m->parameter_count(), int64_t(kV * kC + kP * kC + 12 * kC * kC + 13 * kC + 2 * kC));
    }

    // ---- the safetensors container ----
    void emptyFile() {
        make();
        write_file(st(), "");
        expect_refused({st(), "too short", "8-byte header length"});
    }
    void truncatedInsideLength() {
        make();
        write_file(st(), std::string("\x10\x00\x00", 3));
        expect_refused({st(), "3 bytes, too short"});
    }
    void truncatedData() {
        make();
        RawModel m;
        const std::string t = m.header_text();
        al_test::write_raw_safetensors(st(), t, m.data.substr(0, m.data.size() / 2));
        expect_refused({st(), "past the end of the data buffer", "truncated"});
    }
    void bytesAfterTheLastTensor() {
        make([](RawModel& m) { m.data.append(12, '\0'); });
        expect_refused({st(), "12 bytes after the last tensor", "cover its data exactly"});
    }
    void paddedToATerabyte() {
        // A sparse terabyte (no disk, no memory): refused from the header alone, without reading the
        // padding and without first refusing the size as more than this computer's memory.
        make();
        const uint64_t before = fs::file_size(st());
        fs::resize_file(st(), uint64_t(1) << 40);
        QElapsedTimer clock;
        clock.start();
        expect_refused({st(), std::to_string((uint64_t(1) << 40) - before) + " bytes after the last tensor"});
        QVERIFY2(clock.elapsed() < 5000, "the refusal read the padding");
    }
    void gapBetweenTensors() {
        make([](RawModel& m) {
            const uint64_t b = m.begin_of("ln_f.bias");
            m.data.insert(size_t(b), 8, '\0');
            m.header["ln_f.bias"]["data_offsets"] = {b + 8, b + 8 + 4 * kC};
        });
        expect_refused({st(), "8 bytes of the data buffer before tensor \"ln_f.bias\"", "belong to no tensor"});
    }
    void headerLengthPastEnd() {
        make([](RawModel& m) { m.header_len = m.header_text().size() + m.data.size() + 1; });
        expect_refused({st(), "header length", "runs past the end"});
    }
    void headerLength2Pow63() {
        make([](RawModel& m) { m.header_len = uint64_t(1) << 63; });
        expect_refused({st(), "header length 9223372036854775808", "larger than the 100 MB"});
    }
    void headerLengthMax() {
        make([](RawModel& m) { m.header_len = std::numeric_limits<uint64_t>::max(); });
        expect_refused({st(), "header length 18446744073709551615"});
    }
    void headerNotJson() {
        make();
        al_test::write_raw_safetensors(st(), "{\"wte.weight\": {\"dtype\": \"F32\", ", "");
        expect_refused({st(), "header is not valid JSON"});
    }
    void headerBinaryGarbage() {
        make();
        al_test::write_raw_safetensors(st(), std::string("\xff\xfe\x00\x01garbage", 11), "");
        expect_refused({st(), "not valid JSON"});
    }
    void deeplyNestedHeader() {
        // 200,000 nested arrays: must not exhaust the stack while parsing or freeing.
        make();
        al_test::write_raw_safetensors(st(), std::string(200000, '[') + std::string(200000, ']'), "");
        expect_refused({st(), "the header is nested more than 16 levels deep; a safetensors header has 4"});
    }
    void headerWithMillionsOfValues() {
        // 10 million numbers in 20 MB: within the 100 MB limit, refused before the tree grows huge.
        make();
        std::string big = "{\"__metadata__\": {}, \"x\": [";
        for (int i = 0; i < 10000000; ++i) big += i ? ",0" : "0";
        big += "]}";
        al_test::write_raw_safetensors(st(), big, "");
        expect_refused({st(), "more than 8 million JSON values"});
    }
    void headerWithTooManyTensors() {
        // 200,000 empty entries: refused by count, quickly (a parser that walks the object at every
        // key took minutes over this header).
        make();
        std::string big = "{";
        for (int i = 0; i < 200000; ++i)
            big += (i ? ",\"t" : "\"t") + std::to_string(i) + "\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}";
        big += "}";
        al_test::write_raw_safetensors(st(), big, "");
        QElapsedTimer clock;
        clock.start();
        expect_refused({st(), "more than 20000 tensors"});
        qInfo("refused in %lld ms", (long long)clock.elapsed());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
    }
    void headerWithManyTensorsLoads() {
        // Just under the limit, beside the model's own tensors: accepted (the extras are ignored).
        make([](RawModel& m) {
            for (int i = 0; i < 19000; ++i)
                m.header["t" + std::to_string(i)] = {{"dtype", "F32"}, {"shape", {0}}, {"data_offsets", {0, 0}}};
        });
        QElapsedTimer clock;
        clock.start();
        const auto m = al::Model::load(dir_.string());
        QCOMPARE(m->config().n_layer, 1);
        qInfo("loaded in %lld ms", (long long)clock.elapsed());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
    }
    void headerIsParsedInLinearTime() {
        // 200,000 objects inside one object (not tensors, so no count applies): a parser that walks
        // the enclosing object at each one took 8 s for 40,000 and minutes for these.
        make();
        std::string big = "{\"__metadata__\":{";
        for (int i = 0; i < 200000; ++i) big += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":{}";
        big += "}}";
        al_test::write_raw_safetensors(st(), big, "");
        QElapsedTimer clock;
        clock.start();
        expect_refused({st(), "__metadata__ entry \"k0\" must be a string"});
        qInfo("refused in %lld ms", (long long)clock.elapsed());
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
    }
    void unusedTensorIsNotRead() {
        // A sparse 2 GiB tensor the model does not use (no disk, no memory): the load reads only the
        // model's own tensors, so its peak memory hardly grows and it takes no time.
        constexpr uint64_t kPad = uint64_t(2) << 30;
        uint64_t end = 0;
        make([&](RawModel& m) {
            end = m.data.size();
            m.header["zpad"] = {{"dtype", "U8"}, {"shape", {kPad}}, {"data_offsets", {end, end + kPad}}};
        });
        fs::resize_file(st(), fs::file_size(st()) + kPad);
        const int64_t before = peak_rss_kib();
        QVERIFY(before > 0);
        QElapsedTimer clock;
        clock.start();
        const auto m = al::Model::load(dir_.string());
        const int64_t grew = peak_rss_kib() - before;
        qInfo("peak memory grew by %lld KiB in %lld ms", (long long)grew, (long long)clock.elapsed());
        QVERIFY2(grew < 64 * 1024, qPrintable(QString("peak memory grew by %1 KiB").arg(grew)));
        QCOMPARE(m->wte()[1], 0.01f * float((1 * 7 + 4) % 13 - 6)); // as RawModel::add wrote it (element 1, byte 4)
        QCOMPARE(m->lnf_b()[kC - 1], 0.01f * float(((kC - 1) * 7 + int64_t(end) - 4) % 13 - 6)); // the last tensor's last
        // A file opened for some tensors refuses to hand out the others.
        const al::SafetensorsFile f(st(), [](const std::string& n) { return n == "ln_f.bias"; });
        QVERIFY_THROWS_EXCEPTION(al::Error, f.data(f.info("zpad")));
        QCOMPARE(f.info("zpad").end - f.info("zpad").begin, kPad);
    }
    void headerNotObject() {
        make();
        al_test::write_raw_safetensors(st(), "[1, 2, 3]", "");
        expect_refused({st(), "must be a JSON object", "array"});
    }
    void entryNotObject() {
        make([](RawModel& m) { m.header["wpe.weight"] = 42; });
        expect_refused({st(), "\"wpe.weight\"", "entry must be an object"});
    }
    void entryMissingOffsets() {
        make([](RawModel& m) { m.header["wpe.weight"].erase("data_offsets"); });
        expect_refused({st(), "\"wpe.weight\"", "data_offsets"});
    }
    void unknownDtype() {
        make([](RawModel& m) { m.header["h.0.ln_1.bias"]["dtype"] = "F33"; });
        expect_refused({st(), "\"h.0.ln_1.bias\"", "unknown dtype \"F33\""});
    }
    void dtypeNotString() {
        make([](RawModel& m) { m.header["h.0.ln_1.bias"]["dtype"] = 4; });
        expect_refused({st(), "\"h.0.ln_1.bias\"", "dtype must be a string"});
    }
    void integerDtypeForWeight() {
        // 8 x I32 is as many bytes as 8 x F32: a well-formed file, but not weights.
        make([](RawModel& m) { m.header["ln_f.bias"]["dtype"] = "I32"; });
        expect_refused({st(), "\"ln_f.bias\"", "dtype I32", "F32, F16 or BF16"});
    }
    void i64ForWeight() {
        // ln_f.weight as 4 x I64 in the 32 bytes of 8 x F32.
        make([](RawModel& m) {
            m.header["ln_f.weight"]["dtype"] = "I64";
            m.header["ln_f.weight"]["shape"] = {4};
        });
        expect_refused({st(), "\"ln_f.weight\"", "dtype I64"});
    }
    void shapeMismatchWithConfig() {
        make([](RawModel& m) { m.header["h.0.attn.c_attn.weight"]["shape"] = {3 * kC, kC}; });
        expect_refused({st(), "\"h.0.attn.c_attn.weight\"", "shape [24, 8]", "config.json implies [8, 24]"});
    }
    void configSaysMoreLayers() {
        make({}, [](ojson& c) { c["n_layer"] = 2; });
        expect_refused({st(), "\"h.1.ln_1.weight\"", "is missing"});
    }
    void missingTensor() {
        make([](RawModel& m) {
            m.keep_bytes("h.0.mlp.c_fc.bias", 0);
            m.header.erase("h.0.mlp.c_fc.bias");
        });
        expect_refused({st(), "\"h.0.mlp.c_fc.bias\"", "is missing", "[32]"});
    }
    void tensorBeyondConfigLayers() {
        make([](RawModel& m) { m.add("h.3.ln_1.weight", {kC}); });
        expect_refused({st(), "\"h.3.ln_1.weight\"", "layer 3", "n_layer 1"});
    }
    void prefixedAndPlainBoth() {
        make([](RawModel& m) { m.add("transformer.ln_f.bias", {kC}); });
        expect_refused({st(), "both \"ln_f.bias\" and \"transformer.ln_f.bias\""});
    }
    void overlappingOffsets() {
        make([](RawModel& m) {
            const uint64_t b = m.begin_of("h.0.ln_1.weight");
            m.header["h.0.ln_1.bias"]["data_offsets"] = {b + 4, b + 4 + 4 * kC};
        });
        expect_refused({st(), "\"h.0.ln_1.weight\" and \"h.0.ln_1.bias\" overlap"});
    }
    void sameOffsetsTwice() {
        make([](RawModel& m) { m.header["ln_f.bias"]["data_offsets"] = m.header["ln_f.weight"]["data_offsets"]; });
        expect_refused({st(), "overlap", "ln_f."});
    }
    void offsetsPastEnd() {
        make([](RawModel& m) {
            const uint64_t end = m.data.size();
            m.header["ln_f.bias"]["data_offsets"] = {end, end + 4 * kC};
        });
        expect_refused({st(), "\"ln_f.bias\"", "past the end of the data buffer"});
    }
    void beginAfterEnd() {
        make([](RawModel& m) { m.header["ln_f.bias"]["data_offsets"] = {64, 32}; });
        expect_refused({st(), "\"ln_f.bias\"", "begin 64 is after end 32"});
    }
    void sizeNotDtypeTimesShape() {
        make([](RawModel& m) {
            const uint64_t b = m.begin_of("ln_f.bias");
            m.header["ln_f.bias"]["data_offsets"] = {b, b + 4 * kC - 4};
        });
        expect_refused({st(), "\"ln_f.bias\"", "28 bytes in data_offsets", "needs 32"});
    }
    void negativeDimension() {
        make([](RawModel& m) { m.header["wpe.weight"]["shape"] = {-16, -8}; });
        expect_refused({st(), "\"wpe.weight\"", "shape dimension -16 is not a non-negative integer"});
    }
    void hugeDimensions() {
        // 2^62 x 2^62 overflows 64 bits; must be caught before any product wraps or allocates.
        make([](RawModel& m) { m.header["wpe.weight"]["shape"] = {uint64_t(1) << 62, uint64_t(1) << 62}; });
        expect_refused({st(), "\"wpe.weight\"", "needs more bytes than"});
    }
    void hugeDimensionsOfAnEmptyTensor() {
        // Zero elements, so no bytes, but 2^62 x 4 still overflows numel()'s 64-bit product.
        make([](RawModel& m) {
            m.header["extra.empty"] = {{"dtype", "F32"}, {"shape", {uint64_t(1) << 62, 4, 0}}, {"data_offsets", {0, 0}}};
        });
        expect_refused({st(), "\"extra.empty\"", "shape [4611686018427387904,4,0] has more elements than a 64-bit count holds"});
    }
    void dimensionPastInt64() {
        make([](RawModel& m) { m.header["wpe.weight"]["shape"] = {std::numeric_limits<uint64_t>::max()}; });
        expect_refused({st(), "\"wpe.weight\"", "too large"});
    }
    void tooManyDimensions() {
        make([](RawModel& m) { m.header["ln_f.bias"]["shape"] = std::vector<int>(40, 1); });
        expect_refused({st(), "\"ln_f.bias\"", "40 dimensions"});
    }
    void fractionalOffsets() {
        make([](RawModel& m) { m.header["ln_f.bias"]["data_offsets"] = {0.5, 32.5}; });
        expect_refused({st(), "\"ln_f.bias\"", "must be non-negative integers"});
    }
    void stringOffsets() {
        make([](RawModel& m) { m.header["ln_f.bias"]["data_offsets"] = {"0", "32"}; });
        expect_refused({st(), "\"ln_f.bias\"", "must be non-negative integers"});
    }
    void threeOffsets() {
        make([](RawModel& m) { m.header["ln_f.bias"]["data_offsets"] = {0, 16, 32}; });
        expect_refused({st(), "\"ln_f.bias\"", "must be [begin, end]"});
    }
    void fractionalDimension() {
        make([](RawModel& m) { m.header["ln_f.bias"]["shape"] = {8.0}; });
        expect_refused({st(), "\"ln_f.bias\"", "not a non-negative integer"});
    }
    void duplicateKeys() {
        make();
        RawModel m;
        std::string t = m.header.dump();
        // A second "ln_f.bias" entry appended by hand (a JSON library would merge it silently).
        const std::string again = ",\"ln_f.bias\":" + m.header["ln_f.bias"].dump() + "}";
        t.replace(t.size() - 1, 1, again);
        al_test::write_raw_safetensors(st(), t, m.data);
        expect_refused({st(), "\"ln_f.bias\" appears twice"});
    }
    void metadataNotStrings() {
        make([](RawModel& m) { m.header["__metadata__"] = {{"format", 3}}; });
        expect_refused({st(), "__metadata__", "\"format\""});
    }
    void nanInWeights() {
        make([](RawModel& m) {
            const float nan = std::numeric_limits<float>::quiet_NaN();
            std::memcpy(&m.data[m.begin_of("h.0.attn.c_proj.weight") + 4 * 5], &nan, 4);
        });
        expect_refused({st(), "\"h.0.attn.c_proj.weight\"", "non-finite", "element 5"});
    }
    void hugeFiniteWeight() {
        // Finite but absurd: 3e38 overflows float32 within a layer, so every answer would be NaN.
        make([](RawModel& m) {
            const float huge = 3e38f;
            std::memcpy(&m.data[m.begin_of("h.0.ln_1.weight") + 4 * 3], &huge, 4);
        });
        expect_refused({st(), "\"h.0.ln_1.weight\"", "3e+38", "element 3", "far beyond any trained weight"});
    }
    void infInF16Weights() {
        make([](RawModel& m) {
            // ln_f.weight re-declared as F16 [8] in its first 16 bytes, with +inf (0x7c00) at element 2.
            const uint64_t b = m.begin_of("ln_f.weight");
            m.keep_bytes("ln_f.weight", 2 * kC);
            m.header["ln_f.weight"] = {{"dtype", "F16"}, {"shape", {kC}}, {"data_offsets", {b, b + 2 * kC}}};
            for (int i = 0; i < kC; ++i) {
                const uint16_t h = i == 2 ? 0x7c00 : al_test::f32_to_f16(1.0f);
                std::memcpy(&m.data[b + 2 * i], &h, 2);
            }
        });
        expect_refused({st(), "\"ln_f.weight\"", "non-finite", "element 2"});
    }
    void safetensorsIsFolder() {
        make();
        fs::remove(st());
        fs::create_directory(st());
        expect_refused({st(), "not a regular file"});
    }

    // ---- config.json ----
    void configMissing() {
        make();
        fs::remove(cfg());
        expect_refused({dir_.string(), "has no config.json"});
    }
    void configInvalidJson() {
        make();
        write_file(cfg(), "{\"n_layer\": 1,, }");
        expect_refused({cfg(), "not valid JSON"});
    }
    void configNotObject() {
        make();
        write_file(cfg(), "\"gpt2\"");
        expect_refused({cfg(), "expected a JSON object"});
    }
    void configEmbdNotDivisible() {
        make({}, [](ojson& c) { c["n_head"] = 3; });
        expect_refused({cfg(), "n_embd (8) is not divisible by n_head (3)"});
    }
    void configZeroLayers() {
        make({}, [](ojson& c) { c["n_layer"] = 0; });
        expect_refused({cfg(), "\"n_layer\" must be positive"});
    }
    void configNegativeHeads() {
        make({}, [](ojson& c) { c["n_head"] = -2; });
        expect_refused({cfg(), "\"n_head\" must be positive, found -2"});
    }
    void configAbsurdVocab() {
        make({}, [](ojson& c) { c["vocab_size"] = 1000000000000LL; });
        expect_refused({cfg(), "\"vocab_size\"", "more than"});
    }
    void configAbsurdProduct() {
        // Each size is within its own bound; together they describe far too many parameters.
        make({}, [](ojson& c) {
            c["n_embd"] = 65536;
            c["n_head"] = 1;
            c["n_layer"] = 1024;
        });
        expect_refused({cfg(), "parameters, far more"});
    }
    void configWrongType() {
        make({}, [](ojson& c) { c["n_embd"] = "64"; });
        expect_refused({cfg(), "\"n_embd\" must be an integer"});
    }
    void configUnsupportedActivation() {
        make({}, [](ojson& c) { c["activation_function"] = "relu"; });
        expect_refused({cfg(), "activation_function \"relu\" is not supported"});
    }
    void configOtherArchitecture() {
        make({}, [](ojson& c) { c["model_type"] = "llama"; });
        expect_refused({cfg(), "model_type is \"llama\""});
        // Named only by its architectures, with model_type null or left out.
        make({}, [](ojson& c) {
            c["model_type"] = nullptr;
            c["architectures"] = ojson::array({"LlamaForCausalLM"});
        });
        expect_refused({cfg(), "architectures names \"LlamaForCausalLM\"; only GPT-2-family models"});
        make({}, [](ojson& c) {
            c.erase("model_type");
            c["architectures"] = ojson::array({"GPT2LMHeadModel", "MistralForCausalLM"});
        });
        expect_refused({cfg(), "architectures names \"MistralForCausalLM\""});
        make({}, [](ojson& c) { c["architectures"] = "GPT2LMHeadModel"; });
        expect_refused({cfg(), "\"architectures\" must be a list of model class names"});
        // GPT-2's own names load.
        make({}, [](ojson& c) { c["architectures"] = ojson::array({"GPT2LMHeadModel"}); });
        al::Model::load(dir_.string());
    }
    void configTokenIdsOutsideTheVocabulary() {
        for (const char* key : {"bos_token_id", "eos_token_id"}) {
            make({}, [key](ojson& c) { c[key] = kV; });
            expect_refused({cfg(), std::string("\"") + key + "\" is 259, not a token of the vocabulary (ids 0..258)"});
        }
        make({}, [](ojson& c) { c["bos_token_id"] = c["eos_token_id"] = kV - 1; }); // the last token is fine
        al::Model::load(dir_.string());
    }
    void configBadEpsilon() {
        make({}, [](ojson& c) { c["layer_norm_epsilon"] = -1; });
        expect_refused({cfg(), "layer_norm_epsilon"});
    }

    void configDeeplyNested() {
        // 50,000 nested arrays as a value: refused with a one-line message, without the recursion
        // (printing or copying the value) that overflowed the stack.
        make();
        write_file(cfg(), "{\"model_type\":\"gpt2\",\"n_layer\":" + std::string(50000, '[') + std::string(50000, ']') + "}");
        expect_refused({cfg(), "config.json is nested more than 64 levels deep"});
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Model::check_files(dir_.string()));
    }
    void configWrongTypeIsDescribedNotPrinted() {
        make({}, [](ojson& c) { c["n_layer"] = ojson::array({ojson::array({1, 2}), 3}); });
        expect_refused({cfg(), "\"n_layer\" must be an integer, found an array of 2 values"});
        make({}, [](ojson& c) { c["n_embd"] = std::string(5000, 'x'); });
        expect_refused({cfg(), "\"n_embd\" must be an integer, found \"" + std::string(60, 'x') + "\u2026\" (5,000 bytes)"});
    }
    void configWithNulByte() {
        // The parser stops at a NUL as at the end: the garbage after it would pass unseen.
        make();
        write_file(cfg(), std::string("{\"model_type\":\"gpt2\"}\0garbage", 29));
        expect_refused({cfg(), "config.json holds a NUL byte at offset 21; not a JSON text file"});
    }
    void configSymlinkLoop() {
        make();
        fs::remove(cfg());
        fs::create_symlink("config.json", cfg());
        expect_refused({cfg(), "symbolic link that cannot be followed", "loop"});
    }
    void configDanglingSymlink() {
        make();
        fs::remove(cfg());
        fs::create_symlink("elsewhere.json", cfg());
        expect_refused({cfg(), "symbolic link that cannot be followed", "target does not exist"});
    }

    // ---- tokenizer files ----
    void vocabWithNulByte() {
        make();
        write_file(dir_ / "vocab.json", vocab_text() + std::string("\0{}", 3));
        expect_refused({"vocab.json holds a NUL byte at offset"});
    }
    void vocabDeeplyNested() {
        make();
        write_file(dir_ / "vocab.json", std::string(100000, '[') + std::string(100000, ']'));
        expect_refused({"vocab.json is nested more than"});
    }
    void mergesEmpty() {
        // With no merges every text splits byte by byte: not GPT-2's tokenizer, however it looks.
        make();
        write_file(dir_ / "merges.txt", "");
        expect_refused({"merges.txt lists no merges", "259 tokens"});
        write_file(dir_ / "merges.txt", "#version: 0.2\n\n");
        expect_refused({"merges.txt lists no merges"});
        // The model library's check (what makes a folder "ready") says so too.
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Model::check_files(dir_.string()));
        // The 256 bytes and <|endoftext|> alone need none.
        ojson bytes_only;
        for (int b = 0; b < 256; ++b) bytes_only[al::bytes_to_token_string(std::string(1, char(b)))] = b;
        bytes_only["<|endoftext|>"] = 256;
        QCOMPARE(al::Tokenizer::from_strings(bytes_only.dump(), "", "bytes only").vocab_size(), 257);
    }
    void vocabMissing() {
        make();
        fs::remove(dir_ / "vocab.json");
        expect_refused({dir_.string(), "has no vocab.json"});
    }
    void mergesMissing() {
        make();
        fs::remove(dir_ / "merges.txt");
        expect_refused({dir_.string(), "has no merges.txt"});
    }
    void vocabLargerThanConfig() {
        make();
        write_file(dir_ / "vocab.json", vocab_text(5));
        expect_refused({"vocab.json", "264 tokens", "vocab_size 259"});
    }
    void mergesNeedAbsentToken() {
        make();
        write_file(dir_ / "merges.txt", merges_text() + "q z\n");
        expect_refused({"merges.txt", "vocab/merges mismatch"});
    }
    void folderMissing() {
        make();
        dir_ = dir_ / "no-such-model";
        expect_refused({"no-such-model", "does not exist"});
    }

    // ---- values too long to quote whole ----
    void mergesLineOf30MB() {
        make();
        write_file(dir_ / "merges.txt", merges_text() + std::string(30 << 20, 'a') + "\n");
        expect_refused_briefly({"merges.txt line 4 is malformed", "\"" + std::string(60, 'a') + "\u2026\" (31,457,280 bytes)"});
        write_file(dir_ / "merges.txt", merges_text() + std::string(30 << 20, 'a') + " t\n");
        expect_refused_briefly({"merges.txt line 4 \"aaa", "(31,457,282 bytes) needs token \"aaa", "(31,457,280 bytes), which vocab.json lacks"});
    }
    void configModelTypeOf10MB() {
        make({}, [](ojson& c) { c["model_type"] = std::string(10 << 20, 'x'); });
        expect_refused_briefly({cfg(), "model_type is \"" + std::string(60, 'x') + "\u2026\" (10,485,760 bytes); only GPT-2"});
        make({}, [](ojson& c) { c["activation_function"] = std::string(10 << 20, 'x'); });
        expect_refused_briefly({cfg(), "activation_function \"xxx", "(10,485,760 bytes) is not supported"});
    }
    void dtypeOf20MB() {
        make([](RawModel& m) { m.header["ln_f.bias"]["dtype"] = std::string(20 << 20, 'F'); });
        expect_refused_briefly({st(), "tensor \"ln_f.bias\": unknown dtype \"" + std::string(60, 'F') + "\u2026\" (20,971,520 bytes)"});
    }
    void tensorNameOf20MB() {
        make([](RawModel& m) { m.add("h.7." + std::string(20 << 20, 'w'), {kC}); });
        expect_refused_briefly({st(), "tensor \"h.7.www", "(20,971,524 bytes) belongs to layer 7"});
        make([](RawModel& m) {
            m.add(std::string(20 << 20, 'w'), {kC});
            m.header[std::string(20 << 20, 'w')]["dtype"] = "F64";
        });
        expect_refused_briefly({st(), "tensor \"www", "(20,971,520 bytes): 32 bytes in data_offsets"});
    }
    void vocabKeyOf20MB() {
        make();
        std::string vocab = vocab_text();
        vocab.insert(1, "\"" + std::string(20 << 20, 'k') + "\":\"x\",");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"vocab.json entry \"" + std::string(60, 'k') + "\u2026\" (20,971,520 bytes) has a non-integer id"});
        // A key outside GPT-2's byte-to-unicode form: the tokenizer's own message quotes it.
        vocab = vocab_text();
        const size_t he = vocab.find("\"he\":");
        QVERIFY(he != std::string::npos);
        vocab.replace(he, 5, "\"" + std::string(20 << 20, 'k') + "\u4e00\":");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"vocab.json: token string \"kkk", "(20,971,523 bytes) is not in GPT-2's byte-to-unicode form"});
    }
    void vocabKeyWithNul() {
        // A NUL inside a key (written as \u0000 in the JSON) must not end the message early: what()
        // is read as a C string by every caller. Each message that quotes a key is checked.
        make();
        std::string vocab = vocab_text();
        vocab.insert(1, "\"ab\\u0000cd\\u001b[2J\":\"x\",");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"vocab.json entry \"ab\\x00cd\\x1b[2J\" has a non-integer id"});
        // Not in GPT-2's byte-to-unicode form: the tokenizer's message, passed on.
        vocab = vocab_text();
        const size_t he = vocab.find("\"he\":");
        QVERIFY(he != std::string::npos);
        vocab.replace(he, 5, "\"ab\\u0000cd\":");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"token string \"ab\\x00cd\" is not in GPT-2's byte-to-unicode form"});
        // A second key for id 0 (byte 0's token, U+0100), sorted after every other key (U+0800
        // first): both keys named.
        vocab = vocab_text();
        vocab.insert(1, "\"\\u0800ab\\u0000cd\":0,");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"gives id 0 to more than one token (\"\xc4\x80\" and \"\xe0\xa0\x80" "ab\\x00cd\")"});
    }
    void vocabEmptyToken() {
        // "" sorts before every key, so it was taken first and the token whose id it took was
        // blamed; an empty token is refused for what it is.
        make();
        std::string vocab = vocab_text();
        vocab.insert(1, "\"\":5,");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"vocab.json holds an empty token \"\" (id 5); every token stands for at least one byte"});
    }

    void vocabTokenOfAMegabyte() {
        // A token that long would be laid out whole in every label and sentence that names it:
        // refused at load, quoted briefly.
        make();
        std::string vocab = vocab_text();
        vocab.insert(1, "\"" + std::string(1 << 20, 'W') + "\":5,");
        write_file(dir_ / "vocab.json", vocab);
        expect_refused_briefly({"vocab.json token id 5 \"" + std::string(60, 'W'), "(1,048,576 bytes) is longer than the 4096 bytes a token may have here"});
    }

    // ---- direct API use ----
    void toFloatRefusesIntegers() {
        make([](RawModel& m) { m.header["ln_f.bias"]["dtype"] = "I32"; });
        al::SafetensorsFile f(st());
        QVERIFY_THROWS_EXCEPTION(al::Error, f.to_float(f.info("ln_f.bias")));
        QVERIFY_THROWS_EXCEPTION(al::Error, f.info("no.such.tensor"));
    }
    void configParseDirect() {
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Config::parse("", "x"));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Config::parse("{\"n_positions\": 1e300}", "x"));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Config::parse("{\"scale_attn_weights\": \"yes\"}", "x"));
    }
};

QTEST_GUILESS_MAIN(TestMalformed)
#include "test_malformed.moc"
