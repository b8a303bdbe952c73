// Loads the shared tiny GPT-2 fixture and re-encodings of its weights (F16, BF16, "transformer."
// prefixed, lm_head written out, h.N.attn.bias buffers present) and checks shapes, counts, dtype and
// values against the fixture file itself (read independently through SafetensorsFile).
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/safetensors.h"
#include "safetensors_test_util.h"

namespace fs = std::filesystem;

class TestModelLoad : public QObject {
    Q_OBJECT

    std::string fixture_;

    // The fixture's tensor `name` as float32, straight from the file.
    std::vector<float> fixture_tensor(const std::string& name) {
        al::SafetensorsFile f(fixture_ + "/model.safetensors");
        return f.to_float(f.info(name));
    }

    // Max |a - b| over n floats.
    static double max_diff(const float* a, const std::vector<float>& b) {
        double m = 0;
        for (size_t i = 0; i < b.size(); ++i) m = std::max(m, std::fabs(double(a[i]) - double(b[i])));
        return m;
    }

    // Max |b| over a vector (for relative tolerances).
    static double max_abs(const std::vector<float>& b) {
        double m = 0;
        for (float x : b) m = std::max(m, std::fabs(double(x)));
        return m;
    }

    // Checks every weight of `m` against the fixture within `tol` relative to the tensor's max |value|.
    void compare_all(const al::Model& m, double rel_tol) {
        const auto& c = m.config();
        auto check = [&](const float* p, const std::string& name) {
            const auto ref = fixture_tensor(name);
            const double tol = rel_tol == 0 ? 0 : rel_tol * std::max(max_abs(ref), 1e-3);
            const double d = max_diff(p, ref);
            if (d > tol) QFAIL(qPrintable(QString::fromStdString(name) + " differs by " + QString::number(d)));
        };
        check(m.wte(), "wte.weight");
        check(m.wpe(), "wpe.weight");
        check(m.lnf_w(), "ln_f.weight");
        check(m.lnf_b(), "ln_f.bias");
        for (int l = 0; l < c.n_layer; ++l) {
            const std::string p = "h." + std::to_string(l) + ".";
            const auto& w = m.layer(l);
            check(w.ln1_w, p + "ln_1.weight");
            check(w.ln1_b, p + "ln_1.bias");
            check(w.attn_w, p + "attn.c_attn.weight");
            check(w.attn_b, p + "attn.c_attn.bias");
            check(w.proj_w, p + "attn.c_proj.weight");
            check(w.proj_b, p + "attn.c_proj.bias");
            check(w.ln2_w, p + "ln_2.weight");
            check(w.ln2_b, p + "ln_2.bias");
            check(w.fc_w, p + "mlp.c_fc.weight");
            check(w.fc_b, p + "mlp.c_fc.bias");
            check(w.fcproj_w, p + "mlp.c_proj.weight");
            check(w.fcproj_b, p + "mlp.c_proj.bias");
        }
    }

    std::string folder_with(const QTemporaryDir& tmp, const std::string& dtype, const std::string& prefix) {
        const std::string dir = tmp.path().toStdString();
        al_test::copy_side_files(fixture_, dir);
        al::SafetensorsFile src(fixture_ + "/model.safetensors");
        al_test::reencode(src, dir + "/model.safetensors", dtype, prefix);
        return dir;
    }

private slots:
    void initTestCase() {
        const QByteArray env = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY2(!env.isEmpty(), "AL_FIXTURE_MODEL must point at the tiny-gpt2 fixture");
        fixture_ = env.toStdString();
        QVERIFY(fs::exists(fixture_ + "/model.safetensors"));
    }

    void fixtureShapesAndCounts() {
        const auto m = al::Model::load(fixture_);
        const auto& c = m->config();
        QCOMPARE(c.n_layer, 2);
        QCOMPARE(c.n_head, 4);
        QCOMPARE(c.n_embd, 64);
        QCOMPARE(c.n_positions, 128);
        QCOMPARE(c.vocab_size, 50257);
        QCOMPARE(c.n_inner, 256);
        QCOMPARE(c.head_dim(), 16);
        QCOMPARE(m->dtype(), std::string("F32"));
        // V*C + P*C + L*(12C^2 + 13C) + 2C, lm_head tied: counted once.
        const int64_t C = 64, V = 50257, P = 128, L = 2;
        QCOMPARE(m->parameter_count(), V * C + P * C + L * (12 * C * C + 13 * C) + 2 * C);
        QCOMPARE(m->lm_head(), m->wte());
        QVERIFY(m->tokenizer() != nullptr);
        QCOMPARE(m->tokenizer()->vocab_size(), 50257);
        QCOMPARE(m->dir(), fixture_);
        QVERIFY_THROWS_EXCEPTION(al::Error, m->layer(2));
    }

    void fixtureValuesExact() {
        const auto m = al::Model::load(fixture_);
        compare_all(*m, 0.0);
        // F32 weights come straight from the bytes read (the fixture's data buffer is aligned).
        al::SafetensorsFile f(fixture_ + "/model.safetensors");
        QCOMPARE(m->wte()[12345], f.to_float(f.info("wte.weight"))[12345]);
    }

    void f16Reencoding() {
        QTemporaryDir tmp;
        const auto m = al::Model::load(folder_with(tmp, "F16", ""));
        QCOMPARE(m->dtype(), std::string("F16"));
        compare_all(*m, 1.0 / 1024); // half precision: 10-bit mantissa
        const auto ref = fixture_tensor("wte.weight");
        QVERIFY(max_diff(m->wte(), ref) > 0); // it really went through half precision
    }

    void bf16Reencoding() {
        QTemporaryDir tmp;
        const auto m = al::Model::load(folder_with(tmp, "BF16", ""));
        QCOMPARE(m->dtype(), std::string("BF16"));
        compare_all(*m, 1.0 / 128); // bfloat16: 7-bit mantissa
    }

    void prefixedReencoding() {
        QTemporaryDir tmp;
        const auto m = al::Model::load(folder_with(tmp, "F32", "transformer."));
        QCOMPARE(m->dtype(), std::string("F32"));
        compare_all(*m, 0.0);
    }

    void attnBiasBuffersIgnoredAndLmHeadTied() {
        // Like gpt2's own file: h.N.attn.bias / masked_bias buffers, and an explicit lm_head.weight.
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        al_test::copy_side_files(fixture_, dir);
        al::SafetensorsFile src(fixture_ + "/model.safetensors");
        std::vector<std::vector<float>> keep;
        std::vector<al::TensorToWrite> out;
        for (const auto& [name, t] : src.tensors()) {
            keep.push_back(src.to_float(t));
            out.push_back({name, t.shape, keep.back().data()});
        }
        std::vector<float> mask(128 * 128, 1.0f), masked(1, -1e4f);
        out.push_back({"h.0.attn.bias", {1, 1, 128, 128}, mask.data()});
        out.push_back({"h.1.attn.bias", {1, 1, 128, 128}, mask.data()});
        out.push_back({"h.0.attn.masked_bias", {}, masked.data()});
        out.push_back({"lm_head.weight", {50257, 64}, keep.front().data()});
        al::write_safetensors(dir + "/model.safetensors", out);
        const auto m = al::Model::load(dir);
        compare_all(*m, 0.0);
        QCOMPARE(m->lm_head(), m->wte());
        QCOMPARE(m->parameter_count(), al::Model::load(fixture_)->parameter_count());
    }

    void unalignedF32IsCopied() {
        // A header length that is not a multiple of 4 leaves the data buffer unaligned.
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        al_test::copy_side_files(fixture_, dir);
        al::SafetensorsFile src(fixture_ + "/model.safetensors");
        al_test::reencode(src, dir + "/aligned.safetensors", "F32");
        std::ifstream in(dir + "/aligned.safetensors", std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        uint64_t n = 0;
        std::memcpy(&n, bytes.data(), 8);
        std::string header = bytes.substr(8, n) + " ";
        al_test::write_raw_safetensors(dir + "/model.safetensors", header, bytes.substr(8 + n));
        const auto m = al::Model::load(dir);
        QVERIFY(reinterpret_cast<uintptr_t>(m->wte()) % alignof(float) == 0);
        compare_all(*m, 0.0);
    }

    void gpt2SmallConfigCount() {
        // GPT-2 small's published parameter count, from random weights of its exact shape.
        const auto m = al::Model::random(al::Model::gpt2_small_config(), 7);
        QCOMPARE(m->parameter_count(), int64_t(124439808));
        QCOMPARE(m->config().n_inner, 3072);
        QVERIFY(m->tokenizer() == nullptr);
        QCOMPARE(m->lm_head(), m->wte());
        // LayerNorm weight 1, biases 0, weights with std ~0.02 and mean ~0.
        QCOMPARE(m->layer(3).ln1_w[5], 1.0f);
        QCOMPARE(m->layer(3).attn_b[5], 0.0f);
        double sum = 0, sq = 0;
        const int64_t n = 50257LL * 768;
        for (int64_t i = 0; i < n; ++i) {
            sum += m->wte()[i];
            sq += double(m->wte()[i]) * m->wte()[i];
        }
        const double mean = sum / double(n), sd = std::sqrt(sq / double(n) - mean * mean);
        QVERIFY2(std::fabs(mean) < 1e-4, qPrintable(QString::number(mean)));
        QVERIFY2(std::fabs(sd - 0.02) < 2e-4, qPrintable(QString::number(sd)));
        // Same seed, same weights; another seed, other weights.
        const auto again = al::Model::random(al::Model::gpt2_small_config(), 7);
        const auto other = al::Model::random(al::Model::gpt2_small_config(), 8);
        QCOMPARE(std::memcmp(m->layer(11).fc_w, again->layer(11).fc_w, 768 * 3072 * 4), 0);
        QVERIFY(std::memcmp(m->layer(11).fc_w, other->layer(11).fc_w, 768 * 3072 * 4) != 0);
    }
};

QTEST_GUILESS_MAIN(TestModelLoad)
#include "test_model_load.moc"
