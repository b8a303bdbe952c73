// SafetensorsFile and write_safetensors: round trip, dtype conversions against known bit patterns,
// and reading the fixture files (whose contents expected.json describes independently).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "attention_lens/error.h"
#include "attention_lens/safetensors.h"
#include "safetensors_test_util.h"

class TestSafetensors : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    std::string path(const char* name) const { return tmp_.path().toStdString() + "/" + name; }

    // One tensor `name` of `dtype` with the given raw 16-bit words, written by hand.
    std::vector<float> decode16(const char* dtype, const std::vector<uint16_t>& words) {
        std::string data(reinterpret_cast<const char*>(words.data()), words.size() * 2);
        nlohmann::json h;
        h["t"] = {{"dtype", dtype}, {"shape", {words.size()}}, {"data_offsets", {0, data.size()}}};
        al_test::write_raw_safetensors(path("h.safetensors"), h.dump(), data);
        al::SafetensorsFile f(path("h.safetensors"));
        return f.to_float(f.info("t"));
    }

private slots:
    // The header parser on bytes in memory agrees with the file reader and reads nothing past the
    // bytes it is given (ASan would notice: the buffer is exactly as long as the file).
    void headerFromBytes() {
        std::vector<float> a = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
        al::write_safetensors(path("mem.safetensors"), {{"a", {2, 3}, a.data()}}, {{"format", "pt"}});
        std::ifstream in(path("mem.safetensors"), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());

        const al::SafetensorsHeader h = al::parse_safetensors_header(p, bytes.size(), "in memory");
        al::SafetensorsFile f(path("mem.safetensors"));
        QCOMPARE(h.tensors.size(), size_t(1));
        QCOMPARE(h.tensors.at("a").shape, f.info("a").shape);
        QCOMPARE(h.tensors.at("a").begin, f.info("a").begin);
        QCOMPARE(h.tensors.at("a").end, uint64_t(24));
        QCOMPARE(h.metadata.at("format"), std::string("pt"));
        QCOMPARE(h.data_start + 24, uint64_t(bytes.size()));
        QCOMPARE(std::memcmp(p + h.data_start, a.data(), 24), 0);

        // One byte short: the shape needs more bytes than remain, and the message names the source.
        try {
            al::parse_safetensors_header(p, bytes.size() - 1, "in memory");
            QFAIL("a truncated buffer was accepted");
        } catch (const al::Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.rfind("in memory: tensor \"a\"", 0) == 0, e.what());
            QVERIFY2(msg.find("needs more bytes than the file's 23-byte data buffer") != std::string::npos, e.what());
        }
        // Fewer bytes than the length field needs.
        QVERIFY_THROWS_EXCEPTION(al::Error, al::parse_safetensors_header(p, 7, "in memory"));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::parse_safetensors_header(p, 12, "in memory"));
    }

    void roundTrip() {
        std::vector<float> a = {1.5f, -2.25f, 3.0f, 1e-30f, -0.0f, 65504.0f};
        std::vector<float> b(7 * 3);
        for (size_t i = 0; i < b.size(); ++i) b[i] = float(i) * 0.125f - 1.0f;
        std::vector<float> empty;
        al::write_safetensors(path("rt.safetensors"),
                              {{"a", {2, 3}, a.data()}, {"block.b", {7, 3}, b.data()}, {"none", {0, 4}, empty.data()}},
                              {{"format", "pt"}, {"note", "written by a test"}});
        QVERIFY(!std::filesystem::exists(path("rt.safetensors.tmp")));
        al::SafetensorsFile f(path("rt.safetensors"));
        QCOMPARE(f.tensors().size(), size_t(3));
        QCOMPARE(f.metadata().at("note"), std::string("written by a test"));
        QCOMPARE(f.info("a").shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(f.info("a").dtype, al::DType::F32);
        QCOMPARE(f.info("block.b").numel(), int64_t(21));
        QCOMPARE(f.info("none").numel(), int64_t(0));
        QCOMPARE(f.to_float(f.info("a")), a);
        QCOMPARE(f.to_float(f.info("block.b")), b);
        QVERIFY(f.to_float(f.info("none")).empty());
        // The data buffer starts 8-byte aligned, so F32 tensors can be used in place.
        QCOMPARE(reinterpret_cast<uintptr_t>(f.data(f.info("a"))) % 8, uintptr_t(0));
        QVERIFY(f.has("a"));
        QVERIFY(!f.has("b"));
        QVERIFY_THROWS_EXCEPTION(al::Error, f.info("b"));
    }

    void float16Values() {
        // IEEE binary16 bit patterns and their exact values.
        const auto v = decode16("F16", {0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x8000, 0x3555, 0x7c00, 0xfc00});
        QCOMPARE(v[0], 1.0f);
        QCOMPARE(v[1], -2.0f);
        QCOMPARE(v[2], 65504.0f);
        QCOMPARE(v[3], std::ldexp(1.0f, -24)); // smallest subnormal
        QCOMPARE(v[4], std::ldexp(1.0f, -14)); // smallest normal
        QVERIFY(v[5] == 0.0f && std::signbit(v[5]));
        QCOMPARE(v[6], 0.333251953125f);
        QVERIFY(std::isinf(v[7]) && v[7] > 0);
        QVERIFY(std::isinf(v[8]) && v[8] < 0);
        QVERIFY(std::isnan(decode16("F16", {0x7e00})[0]));
    }

    void bfloat16Values() {
        const auto v = decode16("BF16", {0x3f80, 0xc049, 0x0000, 0x4780});
        QCOMPARE(v[0], 1.0f);
        QCOMPARE(v[1], -3.140625f);
        QCOMPARE(v[2], 0.0f);
        QCOMPARE(v[3], 65536.0f);
    }

    void otherDtypesAreWellFormed() {
        // A U32 tensor is a valid safetensors entry; it is just not readable as floats.
        nlohmann::json h;
        h["ids"] = {{"dtype", "U32"}, {"shape", {2}}, {"data_offsets", {0, 8}}};
        al_test::write_raw_safetensors(path("u32.safetensors"), h.dump(), std::string(8, '\1'));
        al::SafetensorsFile f(path("u32.safetensors"));
        QCOMPARE(f.info("ids").dtype, al::DType::Other);
        QVERIFY_THROWS_EXCEPTION(al::Error, f.to_float(f.info("ids")));
        QCOMPARE(std::string(al::dtype_name(al::DType::BF16)), std::string("BF16"));
        QCOMPARE(al::dtype_size(al::DType::I64), size_t(8));
        QCOMPARE(al::dtype_size(al::DType::Other), size_t(0));
    }

    void fixtureFiles() {
        const std::string dir = qgetenv("AL_FIXTURE_MODEL").toStdString();
        QVERIFY(!dir.empty());
        al::SafetensorsFile m(dir + "/model.safetensors");
        QCOMPARE(m.tensors().size(), size_t(28)); // 2 embeddings, 12 per layer x 2, final LayerNorm
        QCOMPARE(m.metadata().at("format"), std::string("pt"));
        QCOMPARE(m.info("wte.weight").shape, (std::vector<int64_t>{50257, 64}));

        // expected.safetensors holds each case's ids as I64; expected.json lists the same ids.
        al::SafetensorsFile e(dir + "/expected.safetensors");
        std::ifstream jf(dir + "/expected.json");
        const auto cases = nlohmann::json::parse(jf);
        for (size_t c = 0; c < cases.size(); ++c) {
            const al::TensorInfo& t = e.info("case" + std::to_string(c) + ".input_ids");
            QCOMPARE(t.dtype, al::DType::I64);
            QCOMPARE(size_t(t.numel()), cases[c]["ids"].size());
            for (int64_t i = 0; i < t.numel(); ++i) {
                int64_t id;
                std::memcpy(&id, e.data(t) + 8 * i, 8);
                QCOMPARE(id, cases[c]["ids"][size_t(i)].get<int64_t>());
            }
        }
    }

    void writeRefusesBadInput() {
        float x = 1;
        QVERIFY_THROWS_EXCEPTION(al::Error, al::write_safetensors(path("bad.safetensors"), {{"a", {-1}, &x}}));
        QVERIFY_THROWS_EXCEPTION(al::Error,
                                 al::write_safetensors(path("bad.safetensors"), {{"a", {1}, &x}, {"a", {1}, &x}}));
        QVERIFY_THROWS_EXCEPTION(al::Error, al::write_safetensors("/nonexistent-dir/x.safetensors", {{"a", {1}, &x}}));
        QVERIFY(!std::filesystem::exists(path("bad.safetensors")));
    }
};

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
