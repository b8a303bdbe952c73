// Config::parse against published GPT-2-family config.json files and transformers' defaults.
#include <QtTest>

#include "attention_lens/config.h"
#include "attention_lens/error.h"

namespace {

// openai-community/distilgpt2's config.json as published (extra fields a GPT-2 config may carry).
const char* kDistilGpt2 = R"({"_num_labels":1,"activation_function":"gelu_new","architectures":["GPT2LMHeadModel"],
"attn_pdrop":0.1,"bos_token_id":50256,"embd_pdrop":0.1,"eos_token_id":50256,"id2label":{"0":"LABEL_0"},
"initializer_range":0.02,"label2id":{"LABEL_0":0},"layer_norm_epsilon":1e-05,"model_type":"gpt2","n_ctx":1024,
"n_embd":768,"n_head":12,"n_layer":6,"n_positions":1024,"resid_pdrop":0.1,"summary_activation":null,
"summary_first_dropout":0.1,"summary_proj_to_labels":true,"summary_type":"cls_index","summary_use_proj":true,
"task_specific_params":{"text-generation":{"do_sample":true,"max_length":50}},"vocab_size":50257})";

// openai-community/gpt2-medium's config.json as published.
const char* kGpt2Medium = R"({"activation_function":"gelu_new","architectures":["GPT2LMHeadModel"],"attn_pdrop":0.1,
"bos_token_id":50256,"embd_pdrop":0.1,"eos_token_id":50256,"initializer_range":0.02,"layer_norm_epsilon":1e-05,
"model_type":"gpt2","n_ctx":1024,"n_embd":1024,"n_head":16,"n_layer":24,"n_positions":1024,"n_special":0,
"predict_special_tokens":true,"resid_pdrop":0.1,"summary_activation":null,"summary_first_dropout":0.1,
"summary_proj_to_labels":true,"summary_type":"cls_index","summary_use_proj":true,
"task_specific_params":{"text-generation":{"do_sample":true,"max_length":50}},"vocab_size":50257})";

} // namespace

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void fixtureConfig() {
        const QByteArray dir = qgetenv("AL_FIXTURE_MODEL");
        QVERIFY(!dir.isEmpty());
        const al::Config c = al::Config::load(dir.toStdString() + "/config.json");
        QCOMPARE(c.n_layer, 2);
        QCOMPARE(c.n_head, 4);
        QCOMPARE(c.n_embd, 64);
        QCOMPARE(c.n_positions, 128);
        QCOMPARE(c.vocab_size, 50257);
        QCOMPARE(c.n_inner, 256); // absent: 4 * n_embd
        QCOMPARE(c.head_dim(), 16);
        QCOMPARE(c.layer_norm_epsilon, 1e-5f);
        QVERIFY(c.tie_word_embeddings);
    }

    void publishedConfigs() {
        const al::Config d = al::Config::parse(kDistilGpt2, "distilgpt2");
        QCOMPARE(d.n_layer, 6);
        QCOMPARE(d.n_embd, 768);
        QCOMPARE(d.n_inner, 3072);
        QCOMPARE(d.activation_function, std::string("gelu_new"));
        const al::Config m = al::Config::parse(kGpt2Medium, "gpt2-medium");
        QCOMPARE(m.n_layer, 24);
        QCOMPARE(m.n_head, 16);
        QCOMPARE(m.n_embd, 1024);
        QCOMPARE(m.n_inner, 4096);
        QCOMPARE(m.head_dim(), 64);
    }

    void transformersDefaults() {
        // An empty object is GPT2Config(): GPT-2 small.
        const al::Config c = al::Config::parse("{}", "empty");
        QCOMPARE(c.n_layer, 12);
        QCOMPARE(c.n_head, 12);
        QCOMPARE(c.n_embd, 768);
        QCOMPARE(c.n_positions, 1024);
        QCOMPARE(c.vocab_size, 50257);
        QCOMPARE(c.n_inner, 3072);
        QVERIFY(c.scale_attn_weights);
        QVERIFY(!c.scale_attn_by_inverse_layer_idx);
        QCOMPARE(c.bos_token_id, 50256);
    }

    void legacyNctxAndExplicitFields() {
        QCOMPARE(al::Config::parse(R"({"n_ctx": 512})", "x").n_positions, 512);
        QCOMPARE(al::Config::parse(R"({"n_ctx": 512, "n_positions": 256})", "x").n_positions, 256);
        QCOMPARE(al::Config::parse(R"({"n_inner": 1000})", "x").n_inner, 1000);
        QCOMPARE(al::Config::parse(R"({"n_inner": null, "n_embd": 64, "n_head": 4})", "x").n_inner, 256);
        const al::Config c = al::Config::parse(
            R"({"scale_attn_weights": false, "scale_attn_by_inverse_layer_idx": true, "layer_norm_epsilon": 1e-6,
                "tie_word_embeddings": false})", "x");
        QVERIFY(!c.scale_attn_weights);
        QVERIFY(c.scale_attn_by_inverse_layer_idx);
        QCOMPARE(c.layer_norm_epsilon, 1e-6f);
        QVERIFY(!c.tie_word_embeddings);
    }

    void activations() {
        // gelu_pytorch_tanh is the same tanh approximation as gelu_new.
        QCOMPARE(al::Config::parse(R"({"activation_function": "gelu_pytorch_tanh"})", "x").activation_function,
                 std::string("gelu_new"));
        for (const char* a : {"gelu", "relu", "silu", "swish"}) {
            try {
                al::Config::parse(std::string(R"({"activation_function": ")") + a + "\"}", "cfg.json");
                QFAIL("accepted an unsupported activation");
            } catch (const al::Error& e) {
                QVERIFY2(std::string(e.what()).find(std::string("\"") + a + "\" is not supported") != std::string::npos,
                         e.what());
                QVERIFY(std::string(e.what()).rfind("cfg.json: ", 0) == 0);
            }
        }
    }

    void toJsonRoundTrip() {
        al::Config c = al::Config::parse(kGpt2Medium, "x");
        c.scale_attn_by_inverse_layer_idx = true;
        c.layer_norm_epsilon = 1e-6f;
        c.n_inner = 1234;
        const al::Config back = al::Config::parse(c.to_json(), "round trip");
        QCOMPARE(back.n_layer, c.n_layer);
        QCOMPARE(back.n_head, c.n_head);
        QCOMPARE(back.n_embd, c.n_embd);
        QCOMPARE(back.n_positions, c.n_positions);
        QCOMPARE(back.vocab_size, c.vocab_size);
        QCOMPARE(back.n_inner, 1234);
        QCOMPARE(back.layer_norm_epsilon, 1e-6f);
        QVERIFY(back.scale_attn_by_inverse_layer_idx);
        QVERIFY2(c.to_json().find("\"layer_norm_epsilon\": 1e-06") != std::string::npos, c.to_json().c_str());
    }

    void refusals() {
        // Each message names the source and the field (more cases in test_malformed).
        const std::vector<std::pair<const char*, const char*>> bad = {
            {R"({"n_embd": 100, "n_head": 12})", "not divisible by n_head"},
            {R"({"n_layer": 0})", "\"n_layer\" must be positive"},
            {R"({"n_head": -1})", "\"n_head\" must be positive"},
            {R"({"n_embd": 1.5})", "\"n_embd\" must be an integer"},
            {R"({"n_embd": true})", "\"n_embd\" must be an integer"},
            {R"({"vocab_size": 18446744073709551615})", "far too large"},
            {R"({"n_positions": 100000000})", "\"n_positions\""},
            {R"({"n_embd": 65536, "n_head": 1, "n_layer": 1024})", "far more than this program can hold"},
            {R"({"layer_norm_epsilon": "small"})", "layer_norm_epsilon"},
            // Positive as a double, zero as the float it is kept in (found by fuzzing).
            {R"({"layer_norm_epsilon": 1e-50})", "\"layer_norm_epsilon\" must be a small positive number"},
            {R"({"layer_norm_epsilon": 1e-40})", "\"layer_norm_epsilon\" must be a small positive number"},
            {R"({"scale_attn_weights": 1})", "must be true or false"},
            {R"({"model_type": "gpt_neox"})", "model_type is \"gpt_neox\""},
            {R"([1, 2])", "expected a JSON object"},
            {R"({"n_layer": 2,})", "not valid JSON"},
        };
        for (const auto& [text, fragment] : bad) {
            try {
                al::Config::parse(text, "cfg.json");
                QFAIL(qPrintable(QString("accepted ") + text));
            } catch (const al::Error& e) {
                const std::string msg = e.what();
                QVERIFY2(msg.rfind("cfg.json: ", 0) == 0 && msg.find(fragment) != std::string::npos, e.what());
            }
        }
        QVERIFY_THROWS_EXCEPTION(al::Error, al::Config::load("/nonexistent/config.json"));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
