// attention-lens-cli as a user runs it: JSON on stdout checked against the fixture's independent
// reference (expected.json / expected.safetensors), and bad input answered with exit code 2 and
// exactly one line on stderr.
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>

#include <sys/resource.h>
#include <sys/stat.h>

#include <cmath>
#include <csignal>
#include <fstream>
#include <numeric>
#include <nlohmann/json.hpp>

#include "attention_lens/safe_file.h"
#include "attention_lens/safetensors.h"

using nlohmann::json;

namespace {

struct Run {
    int code = -1;
    QByteArray out, err;
};

Run run_cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(AL_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QString fixture_;
    json cases_;
    std::unique_ptr<al::SafetensorsFile> expected_;

    json run_json(const QStringList& args) {
        const Run r = run_cli(args);
        if (r.code != 0) {
            QTest::qFail(qPrintable("exit " + QString::number(r.code) + ": " + r.err), __FILE__, __LINE__);
            return json();
        }
        try {
            return json::parse(r.out.toStdString());
        } catch (const json::exception& e) {
            QTest::qFail(qPrintable(QString("stdout is not JSON: ") + e.what()), __FILE__, __LINE__);
            return json();
        }
    }

    // Bad input: exit code 2, nothing on stdout, one line on stderr that contains `fragment`.
    void expect_usage_error(const QStringList& args, const QString& fragment) {
        const Run r = run_cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(fragment), r.err.constData());
    }

    // A command refuses bad options alike and answers --help (see badOptionsPerCommand).
    void expectBadOptionsRefused(const QString& command, const QString& option) {
        const QString see = "; see attention-lens-cli " + command + " --help";
        expect_usage_error({command, "--bogus", "1"}, "unknown option \"--bogus\"" + see);
        expect_usage_error({command, "-x"}, "unknown option \"-x\"" + see);
        expect_usage_error({command, option}, option + " needs a value" + see);
        expect_usage_error({command, option, "1", option, "2"}, option + " is given twice" + see);

        const Run help = run_cli({command, "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.startsWith(("usage: attention-lens-cli " + command + " [").toUtf8()), help.out.constData());
        QVERIFY2(help.out.contains(option.toUtf8()), help.out.constData());
        QVERIFY(help.err.isEmpty());
        const Run h = run_cli({command, "-h"});
        QCOMPARE(h.code, 0);
        QCOMPARE(h.out, help.out);
    }

    static QString ids_arg(const json& ids) {
        QStringList parts;
        for (const auto& id : ids) parts << QString::number(id.get<int>());
        return parts.join(',');
    }

    std::vector<float> expected_tensor(const std::string& name) {
        return expected_->to_float(expected_->info(name));
    }

private slots:
    void initTestCase() {
        fixture_ = qEnvironmentVariable("AL_FIXTURE_MODEL");
        QVERIFY2(!fixture_.isEmpty(), "AL_FIXTURE_MODEL must point at the tiny-gpt2 fixture");
        std::ifstream f((fixture_ + "/expected.json").toStdString());
        cases_ = json::parse(f);
        QVERIFY(cases_.size() >= 2);
        expected_ = std::make_unique<al::SafetensorsFile>((fixture_ + "/expected.safetensors").toStdString());
    }

    void help() {
        const Run r = run_cli({"--help"});
        QCOMPARE(r.code, 0);
        for (const char* c : {"info", "tokenize", "attention", "logits", "heads", "bench", "train-lab"})
            QVERIFY2(r.out.contains(c), c);
        const Run v = run_cli({"--version"});
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith("attention-lens-cli "));
    }

    void info() {
        const json j = run_json({"info", "--model", fixture_});
        // From the fixture's config.json: 2 layers, 4 heads, d 64, 128 positions, GPT-2 vocabulary.
        QCOMPARE(j["n_layer"].get<int>(), 2);
        QCOMPARE(j["n_head"].get<int>(), 4);
        QCOMPARE(j["n_embd"].get<int>(), 64);
        QCOMPARE(j["n_positions"].get<int>(), 128);
        QCOMPARE(j["vocab_size"].get<int>(), 50257);
        const int64_t C = 64, V = 50257, P = 128, L = 2;
        QCOMPARE(j["parameters"].get<int64_t>(), V * C + P * C + L * (12 * C * C + 13 * C) + 2 * C);
        QCOMPARE(j["dtype"].get<std::string>(), std::string("F32"));
    }

    void tokenizeMatchesFixture() {
        for (const auto& c : cases_) {
            const json j = run_json({"tokenize", "--model", fixture_, "--text", QString::fromStdString(c["text"])});
            QCOMPARE(j["ids"], c["ids"]);
            QCOMPARE(j["tokens"].size(), c["ids"].size());
        }
        // Per-token fields: "The trophy" -> "The", " trophy"; the second starts a new word.
        const json j = run_json({"tokenize", "--model", fixture_, "--text", "The trophy"});
        QCOMPARE(j["tokens"][0]["text"].get<std::string>(), std::string("The"));
        QCOMPARE(j["tokens"][0]["bytes_hex"].get<std::string>(), std::string("546865"));
        QCOMPARE(j["tokens"][1]["text"].get<std::string>(), std::string(" trophy"));
        QCOMPARE(j["tokens"][1]["continues_word"].get<bool>(), false);
    }

    void oneHeadMatchesReference() {
        for (int ci : {0, 1}) {
            const json& c = cases_[size_t(ci)];
            const int T = int(c["ids"].size());
            const auto ref = expected_tensor("case" + std::to_string(ci) + ".attentions"); // [L][H][T][T]
            for (auto [l, h] : {std::pair{0, 1}, std::pair{1, 3}}) {
                const json j = run_json({"attention", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--layer",
                                         QString::number(l), "--head", QString::number(h)});
                QCOMPARE(j["layer"].get<int>(), l);
                QCOMPARE(j["head"].get<int>(), h);
                QCOMPARE(int(j["attention"].size()), T);
                double worst = 0;
                for (int i = 0; i < T; ++i)
                    for (int k = 0; k < T; ++k) {
                        const float want = ref[size_t(((l * 4 + h) * T + i) * T + k)];
                        worst = std::max(worst, std::fabs(j["attention"][i][k].get<double>() - want));
                    }
                QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
            }
        }
    }

    // decompose: the terms add up to the score; the default key is the one the reference gives the
    // query the most weight; its weight is the reference's.
    void decomposeAddsUp() {
        const json& c = cases_[size_t(1)];
        const int T = int(c["ids"].size());
        const auto ref = expected_tensor("case1.attentions"); // [L][H][T][T]
        const json j = run_json({"decompose", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--layer", "1", "--head", "2",
                                 "--top", "3"});
        QCOMPARE(j["query"].get<int>(), T - 1);
        int best = 0;
        for (int k = 1; k < T; ++k)
            if (ref[size_t(((1 * 4 + 2) * T + T - 1) * T + k)] > ref[size_t(((1 * 4 + 2) * T + T - 1) * T + best)]) best = k;
        QCOMPARE(j["key"].get<int>(), best);
        QVERIFY(std::fabs(j["weight"].get<double>() - ref[size_t(((1 * 4 + 2) * T + T - 1) * T + best)]) < 1e-4);
        QCOMPARE(j["parts"].get<int>(), 2 + 4 + 1 + 1 + 1);
        QCOMPARE(int(j["largest_terms"].size()), 3);
        double sum = j["rest"].get<double>();
        for (const json& t : j["largest_terms"]) sum += t["value"].get<double>();
        QVERIFY2(std::fabs(sum - j["score"].get<double>()) < 1e-4, qPrintable(QString::number(sum)));
        double grouped = 0;
        for (const json& g : j["by_kind"]) grouped += g["value"].get<double>();
        QVERIFY(std::fabs(grouped - j["score"].get<double>()) < 1e-4);
        expect_usage_error({"decompose", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--layer", "1"}, "give --layer and --head");
        expect_usage_error({"decompose", "--model", fixture_, "--ids", "464,464", "--layer", "1", "--head", "0", "--query", "0",
                            "--key", "1"}, "--key 1 is out of range");
    }

    // decompose --split: every head's shares add up to 1, one layer's heads when asked; the last
    // row's most-weighted key is the reference's; a layer outside the model is refused.
    void decomposeSplitsEveryHead() {
        const json& c = cases_[size_t(1)];
        const int T = int(c["ids"].size());
        const auto ref = expected_tensor("case1.attentions"); // [L][H][T][T]
        const json all = run_json({"decompose", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--split"});
        QCOMPARE(int(all["heads"].size()), 2 * 4);
        for (const json& h : all["heads"]) {
            const double sum = h["position"].get<double>() + h["content"].get<double>() + h["biases"].get<double>();
            QVERIFY2(std::fabs(sum - 1) < 1e-5, qPrintable(QString::number(sum)));
            const int l = h["layer"].get<int>(), hd = h["head"].get<int>();
            int best = 0;
            for (int k = 1; k < T; ++k)
                if (ref[size_t(((l * 4 + hd) * T + T - 1) * T + k)] > ref[size_t(((l * 4 + hd) * T + T - 1) * T + best)]) best = k;
            QCOMPARE(h["last_row_top"]["key"].get<int>(), best);
        }
        const json one = run_json({"decompose", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--split", "--layer", "1"});
        QCOMPARE(int(one["heads"].size()), 4);
        QCOMPARE(one["heads"][0]["layer"].get<int>(), 1);
        expect_usage_error({"decompose", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--split", "--layer", "2"},
                           "--layer 2 is out of range");
        // One token: no head chooses, so there are no shares (not shares of 0).
        expect_usage_error({"decompose", "--model", fixture_, "--ids", "464", "--split"}, "at least two tokens");
    }

    // logit-lens: one row per layer and the embeddings; the last row's answer is the reference's top
    // token; "direct"'s parts add up to the reference's answer logit less the mean of its logits.
    void logitLensEndsAtTheModelsAnswer() {
        const json& c = cases_[size_t(2)];
        const auto ref = expected_tensor("case2.logits_last");
        const int answer = int(std::max_element(ref.begin(), ref.end()) - ref.begin());
        const json j = run_json({"logit-lens", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--top", "2"});
        QCOMPARE(j["answer"]["id"].get<int>(), answer);
        QCOMPARE(int(j["rows"].size()), 3);
        QCOMPARE(j["rows"][2]["answer_rank"].get<int>(), 0);
        QCOMPARE(j["rows"][2]["top"][0]["id"].get<int>(), answer);
        QCOMPARE(int(j["rows"][0]["top"].size()), 2);
        // Tokens are written as `logits` writes them: decoded text, not the vocabulary's "Ġ" spelling.
        const json lg = run_json({"logits", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--top", "1"});
        QCOMPARE(lg["top"][0]["id"].get<int>(), answer);
        QCOMPARE(j["answer"]["text"].get<std::string>(), lg["top"][0]["text"].get<std::string>());
        QCOMPARE(j["rows"][2]["top"][0]["text"].get<std::string>(), lg["top"][0]["text"].get<std::string>());
        const double mean = std::accumulate(ref.begin(), ref.end(), 0.0) / double(ref.size());
        const json& d = j["direct"];
        QVERIFY(std::fabs(d["above_mean"].get<double>() - (ref[size_t(answer)] - mean)) < 1e-4);
        QVERIFY(std::fabs(d["mean_logit"].get<double>() - mean) < 1e-4);
        double sum = d["token_embedding"].get<double>() + d["position_embedding"].get<double>() + d["biases"].get<double>() +
                     d["lnf_bias"].get<double>(), absAttention = 0, absMlp = 0;
        for (const json& v : d["attention"]) sum += v.get<double>(), absAttention += std::fabs(v.get<double>());
        for (const json& v : d["mlp"]) sum += v.get<double>(), absMlp += std::fabs(v.get<double>());
        QVERIFY2(std::fabs(sum - (ref[size_t(answer)] - mean)) < 1e-4, qPrintable(QString::number(sum)));
        QVERIFY(std::fabs(d["attention_share"].get<double>() - absAttention / (absAttention + absMlp)) < 1e-9);
        expect_usage_error({"logit-lens", "--model", fixture_, "--ids", "464,464", "--position", "2"}, "--position 2 is out of range");
    }

    // patch: the two logit differences are the fixture's (case 6 clean, case 0 corrupted, 14 tokens
    // each), the answer and the wrong token default to each run's top token, and the grids have the
    // model's shape; the cells themselves are checked in test_patching.
    void patchReportsTheFixturesLogitDifferences() {
        const json& clean = cases_[size_t(6)];
        const json& corrupted = cases_[size_t(0)];
        QCOMPARE(clean["ids"].size(), corrupted["ids"].size());
        const auto lc = expected_tensor("case6.logits_last"), lk = expected_tensor("case0.logits_last");
        const int answer = int(std::max_element(lc.begin(), lc.end()) - lc.begin());
        const int wrong = int(std::max_element(lk.begin(), lk.end()) - lk.begin());
        QVERIFY(answer != wrong);
        const json j = run_json({"patch", "--model", fixture_, "--clean-ids", ids_arg(clean["ids"]), "--corrupted-ids",
                                 ids_arg(corrupted["ids"]), "--positions", "--json"});
        QCOMPARE(j["answer_id"].get<int>(), answer);
        QCOMPARE(j["wrong_id"].get<int>(), wrong);
        QVERIFY(std::fabs(j["logit_diff_clean"].get<double>() - (lc[answer] - lc[wrong])) < 1e-4);
        QVERIFY(std::fabs(j["logit_diff_corrupted"].get<double>() - (lk[answer] - lk[wrong])) < 1e-4);
        QCOMPARE(int(j["heads"].size()), 2);
        for (const auto& row : j["heads"]) {
            QCOMPARE(int(row.size()), 4);
            for (const auto& cell : row) QVERIFY(cell.is_number());
        }
        QCOMPARE(int(j["mlps"].size()), 2);
        QCOMPARE(int(j["positions"].size()), 2);
        QCOMPARE(int(j["positions"][0].size()), 14);

        // With the texts: the answer and the wrong token given as words (one token each).
        const json t = run_json({"patch", "--model", fixture_, "--clean", "When Mary and John went to the store, John gave a drink to",
                                 "--corrupted", "When Mary and John went to the store, Mary gave a drink to", "--answer",
                                 " Mary", "--wrong", " John", "--json"});
        QCOMPARE(int(t["heads"].size()), 2);
        QVERIFY(!t.contains("positions"));
    }

    void patchRefusesWhatItCannotMeasure() {
        const QString ioi = "When Mary and John went to the store, John gave a drink to";
        const QStringList longer = {"patch", "--model", fixture_, "--clean", ioi, "--corrupted",
                                    "When Mary and John went to the grocery store, Mary gave a drink to"};
        expect_usage_error(longer, "the clean text has 14 tokens and the corrupted one 15; they first differ at token 7 "
                                   "(' store' against ' grocery')");
        expect_usage_error(longer, "the same number of tokens");
        expect_usage_error({"patch", "--model", fixture_, "--clean", ioi, "--corrupted", ioi, "--answer", " Maryanne"},
                           "--answer ' Maryanne' is 2 tokens");
        expect_usage_error({"patch", "--model", fixture_, "--clean", ioi, "--corrupted", ioi, "--answer", " Mary", "--wrong", " John"},
                           "the same within float precision");
        // A token that is a control byte is named escaped, not cut off at a NUL or sent raw to a terminal.
        expect_usage_error({"patch", "--model", fixture_, "--clean", ioi, "--corrupted", ioi, "--answer-id", "188",
                            "--wrong-id", "27"},
                           "'\\x00' - '<' is");
        expect_usage_error({"patch", "--model", fixture_, "--clean", ioi, "--corrupted", ioi, "--answer-id", "188",
                            "--wrong-id", "27"},
                           "so no share of it can come back");
        // Long texts are refused before any work, with the bound and why: --positions at 128 tokens.
        const QString tokens200 = QString(" and").repeated(200), tokens300 = QString(" and").repeated(300);
        expect_usage_error({"patch", "--model", fixture_, "--clean", tokens300, "--corrupted", tokens300},
                           "patch takes texts of at most 256 tokens, and these have 300");
        expect_usage_error({"patch", "--model", fixture_, "--clean", tokens200, "--corrupted", tokens200, "--positions"},
                           "patch --positions takes texts of at most 128 tokens, and these have 200");
        expect_usage_error({"patch", "--model", fixture_, "--clean", ioi}, "give --corrupted STR or --corrupted-ids");
    }

    void allHeadsFromText() {
        const json& c = cases_[0];
        const int T = int(c["ids"].size());
        const json j = run_json({"attention", "--model", fixture_, "--text", QString::fromStdString(c["text"])});
        QCOMPARE(j["ids"], c["ids"]);
        const auto ref = expected_tensor("case0.attentions");
        QCOMPARE(int(j["attention"].size()), 2);
        QCOMPARE(int(j["attention"][0].size()), 4);
        double worst = 0;
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h)
                for (int i = 0; i < T; ++i)
                    for (int k = 0; k < T; ++k)
                        worst = std::max(worst, std::fabs(j["attention"][l][h][i][k].get<double>() -
                                                          ref[size_t(((l * 4 + h) * T + i) * T + k)]));
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    }

    void logitsMatchReference() {
        const json& c = cases_[1];
        const json j = run_json({"logits", "--model", fixture_, "--ids", ids_arg(c["ids"])});
        const auto ref = expected_tensor("case1.logits_last");
        QCOMPARE(j["logits_last"].size(), ref.size());
        double worst = 0;
        for (size_t i = 0; i < ref.size(); ++i)
            worst = std::max(worst, std::fabs(j["logits_last"][i].get<double>() - ref[i]));
        QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));

        const json top = run_json({"logits", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--top", "5"});
        QCOMPARE(top["top"].size(), size_t(5));
        for (size_t i = 0; i < 5; ++i) QCOMPARE(top["top"][i]["id"], c["top5_next_ids"][i]);
        QVERIFY(top["top"][0]["prob"].get<double>() >= top["top"][4]["prob"].get<double>());
        // Greedy: all probability on the argmax, and the runner-ups (probability 0, tied) still in
        // the model's order, not by token id.
        const json greedy = run_json({"logits", "--model", fixture_, "--ids", ids_arg(c["ids"]), "--top", "5", "--temperature", "0"});
        for (size_t i = 0; i < 5; ++i) {
            QCOMPARE(greedy["top"][i]["id"], c["top5_next_ids"][i]);
            QCOMPARE(greedy["top"][i]["prob"].get<double>(), i == 0 ? 1.0 : 0.0);
        }
    }

    void headsAndBenchRun() {
        const json heads = run_json({"heads", "--model", fixture_, "--text", "The cat sat on the mat."});
        QCOMPARE(heads["heads"].size(), size_t(8)); // 2 layers x 4 heads
        QVERIFY(heads["heads"][0].contains("label"));
        const json bench = run_json({"bench", "--model", fixture_, "--tokens", "16", "--repeat", "2"});
        QCOMPARE(bench["tokens"].get<int>(), 16);
        QVERIFY(bench["median_ms"].get<double>() > 0);
        QVERIFY(bench["min_ms"].get<double>() <= bench["median_ms"].get<double>());
        QVERIFY(bench["gflops"].get<double>() > 0);
    }

    void badInput() {
        expect_usage_error({"info", "--model", fixture_ + "/no-such-folder"}, "does not exist");
        expect_usage_error({"attention", "--model", fixture_, "--ids", "464,abc"}, "\"abc\" is not a token id");
        expect_usage_error({"attention", "--model", fixture_, "--ids", "464,99999"}, "outside the vocabulary");
        expect_usage_error({"attention", "--model", fixture_, "--ids", "464", "--layer", "2", "--head", "0"},
                           "--layer 2 is out of range");
        expect_usage_error({"attention", "--model", fixture_, "--ids", "464", "--layer", "0", "--head", "4"},
                           "--head 4 is out of range");
        expect_usage_error({"attention", "--model", fixture_, "--ids", "464", "--layer", "0"}, "together");
        expect_usage_error({"logits", "--model", fixture_, "--ids", "464", "--top", "0"}, "--top 0 is out of range");
        expect_usage_error({"tokenize", "--model", fixture_, "--bogus", "1"}, "unknown option");
        expect_usage_error({"frobnicate"}, "unknown command");
        // A corpus that is a device, a folder or not UTF-8 is named as such, not called missing.
        expect_usage_error({"exercises", "audit", "--model", fixture_, "--texts", "/dev/zero"},
                           "is a character device, not a regular file");
        expect_usage_error({"exercises", "audit", "--model", fixture_, "--texts", fixture_}, "is a folder");
        expect_usage_error({"exercises", "audit", "--model", fixture_, "--texts", fixture_ + "/none.txt"},
                           "does not exist");
        QTemporaryFile latin1;
        QVERIFY(latin1.open());
        latin1.write("caf\xe9\n");
        latin1.close();
        expect_usage_error({"exercises", "audit", "--model", fixture_, "--texts", latin1.fileName()},
                           "is not valid UTF-8 text (one text per line): byte 3 ");
        // A lesson file of --source that is a pipe is named, not opened (an open would wait for a
        // writer for ever).
        QTemporaryDir source;
        QVERIFY(QDir().mkpath(source.filePath("lessons/01-lens")) && QDir().mkpath(source.filePath("qml/stations")));
        {
            QFile meta(source.filePath("lessons/01-lens/station.json"));
            QVERIFY(meta.open(QIODevice::WriteOnly));
            meta.write(R"({"id": "lens", "order": 1})");
        }
        QVERIFY(::mkfifo(QFile::encodeName(source.filePath("lessons/01-lens/prose.md")).constData(), 0600) == 0);
        const Run piped = run_cli({"exercises", "audit", "--model", fixture_, "--source", source.path()});
        QVERIFY2(piped.code > 0 && piped.err.contains("named pipe"), (piped.err + " code " + QByteArray::number(piped.code)).constData());
    }

    // Bytes that are not UTF-8 in an argument (--text, --model...) are refused with where they
    // are, as the app refuses them, not replaced by U+FFFD and run as a text that was never given
    // or a folder that was never named. A shell passes the raw bytes (QProcess would encode).
    void invalidUtf8ArgumentsAreRefused() {
        for (const QString& command : {QStringLiteral("tokenize"), QStringLiteral("logits")}) {
            QProcess p;
            p.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"), QStringLiteral("exec \"$0\" \"$1\" --model \"$2\" --text \"$(printf 'The caf\\351 is')\""),
                     QStringLiteral(AL_CLI_PATH), command, fixture_});
            QVERIFY(p.waitForFinished(120000));
            const QByteArray err = p.readAllStandardError();
            QCOMPARE(p.exitCode(), 2);
            QVERIFY2(p.readAllStandardOutput().isEmpty(), qPrintable(command));
            QVERIFY2(err.contains("the value of --text is not valid UTF-8 (byte 7,"), err.constData());
        }
        // A folder named in such bytes: refused by name and byte, never read as U+FFFD (which
        // names another folder) and reported back as such.
        QTemporaryDir dir;
        const QByteArray base = QFile::encodeName(dir.path());
        QVERIFY(::mkdir((base + "/caf\xe9-model").constData(), 0755) == 0);
        for (const char* form : {"--model \"$1/$(printf 'caf\\351')-model\"", "--model=\"$1/$(printf 'caf\\351')-model\""}) {
            QProcess p;
            p.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"), QStringLiteral("exec \"$0\" info %1").arg(QLatin1String(form)),
                     QStringLiteral(AL_CLI_PATH), dir.path()});
            QVERIFY(p.waitForFinished(120000));
            const QByteArray err = p.readAllStandardError();
            QCOMPARE(p.exitCode(), 2);
            QVERIFY2(p.readAllStandardOutput().isEmpty(), form);
            QVERIFY2(err.contains("the value of --model is not valid UTF-8 (byte " + QByteArray::number(base.size() + 4) + ","),
                     err.constData());
            QCOMPARE(err.count('\n'), 1);
        }
        QVERIFY(::rmdir((base + "/caf\xe9-model").constData()) == 0); // QTemporaryDir cannot name it
        // Valid UTF-8 beyond ASCII is still taken.
        expect_usage_error({"tokenize", "--model", fixture_, "--text", QStringLiteral("caf\u00e9"), "--bogus", "1"}, "unknown option");
        const json ok = run_json({"tokenize", "--model", fixture_, "--text", QStringLiteral("caf\u00e9")});
        QVERIFY(ok.contains("ids") && !ok["ids"].empty());
    }

    // Weights that are finite but absurd (3e38 in one LayerNorm) overflow float32 in the first layer:
    // every command that would answer with NaN refuses the model instead, naming the tensor, rather
    // than printing nulls or blaming sampling.
    void absurdWeightsAreRefused() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char* f : {"config.json", "vocab.json", "merges.txt", "model.safetensors"})
            QVERIFY(QFile::copy(fixture_ + "/" + f, dir.filePath(f)));
        const std::string st = dir.filePath("model.safetensors").toStdString();
        const al::SafetensorsHeader h = al::read_safetensors_header(st);
        auto t = h.tensors.find("h.0.ln_1.weight");
        if (t == h.tensors.end()) t = h.tensors.find("transformer.h.0.ln_1.weight");
        QVERIFY(t != h.tensors.end());
        QCOMPARE(t->second.dtype_text, std::string("F32"));
        {
            std::fstream f(st, std::ios::in | std::ios::out | std::ios::binary);
            const float huge = 3e38f;
            for (uint64_t at = h.data_start + t->second.begin; at < h.data_start + t->second.end; at += 4) {
                f.seekp(std::streamoff(at));
                f.write(reinterpret_cast<const char*>(&huge), 4);
            }
            QVERIFY(f.good());
        }
        const QString model = dir.path();
        for (const QStringList& args : {QStringList{"logits", "--model", model, "--ids", "464,3290", "--top", "3"},
                                        QStringList{"logits", "--model", model, "--ids", "464,3290"},
                                        QStringList{"attention", "--model", model, "--ids", "464,3290"}}) {
            expect_usage_error(args, "far beyond any trained weight");
            expect_usage_error(args, "ln_1.weight");
        }
    }

    // A number is read whole, the same way with a space before or after, a sign or a base prefix.
    void numbersAreReadWholeAndStrictly() {
        for (const char* bad : {" 1", "1 ", "+1", "0x1", "1e0", "1.0", "\t1"})
            expect_usage_error({"attention", "--model", fixture_, "--ids", "464", "--layer", bad, "--head", "0"},
                               QStringLiteral("--layer: \"%1\" is not a whole number").arg(QLatin1String(bad)));
        for (const char* bad : {" 5", "5 ", "nan", "inf", "0x10"})
            expect_usage_error({"bench", "--model", fixture_, "--tokens", bad}, QStringLiteral("--tokens: \"%1\"").arg(QLatin1String(bad)));
        // Token ids too: each one between the commas, as written.
        for (const char* bad : {" 5 , 6", "5, 6", "+5", "-0", "5,"})
            expect_usage_error({"attention", "--model", fixture_, "--ids", bad, "--layer", "0", "--head", "0"},
                               "is not a token id");
        // An empty --model is a mistake, not a wish for the embedded model.
        expect_usage_error({"info", "--model", ""}, "--model needs a model folder");
        // -0 is 0, printed as 0.0 (as --temperature 0 is), not -0.0.
        const json zero = run_json({"logits", "--model", fixture_, "--ids", "464", "--top", "2", "--temperature", "-0"});
        QCOMPARE(zero["temperature"].dump(), std::string("0.0"));
        // A positive temperature is never printed (nor used) as 0: one too small for the sampler's
        // float is refused; a tiny one it can hold is printed as itself.
        expect_usage_error({"logits", "--model", fixture_, "--ids", "464", "--top", "2", "--temperature", "1e-300"},
                           "--temperature 1e-300 is too small to tell from 0");
        const json tiny = run_json({"logits", "--model", fixture_, "--ids", "464", "--top", "2", "--temperature", "1e-30"});
        QCOMPARE(tiny["temperature"].get<double>(), 1e-30);
    }

    // Every command reads its options alike: an unknown option, an option without its value and an
    // option given twice each exit 2 with one line on stderr that names the option and the command's
    // --help, before any model is loaded or any download starts; `COMMAND --help` prints the
    // command's usage line and exits 0.
    void badOptionsPerCommand() {
        // Each command with one option it takes with a value.
        const QList<QPair<QString, QString>> commands = {
            {"info", "--model"},   {"tokenize", "--text"}, {"attention", "--ids"},
            {"logits", "--top"},   {"heads", "--text"},    {"bench", "--tokens"},
            {"train-lab", "--steps"}, {"models", "--models-dir"}, {"download", "--repo"}};
        for (const auto& [command, option] : commands) {
            expectBadOptionsRefused(command, option);
            if (QTest::currentTestFailed()) return;
        }
        // A command with a sub-command answers --help after it too, with the same text.
        const Run sub = run_cli({"exercises", "audit", "--help"});
        QCOMPARE(sub.code, 0);
        QCOMPARE(sub.out, run_cli({"exercises", "--help"}).out);
        QVERIFY2(sub.out.startsWith("usage: attention-lens-cli exercises audit"), sub.out.constData());
        // A long text is read as the stations read it, up to the course's token cap: the help says so.
        QVERIFY2(sub.out.contains("each read up to its first 64 tokens"), sub.out.constData());
    }


    // train-lab: JSON lines as it learns, a summary, a model folder the other commands open, and
    // the same numbers again for the same seed. Two short runs of a one-layer model.
    void trainLab() {
        QTemporaryDir dir;
        const QString out = dir.path() + "/lab";
        const QStringList args = {"train-lab", "--layers", "1", "--heads", "2", "--steps", "50", "--seed", "3"};
        const Run r = run_cli(args + QStringList{"--out", out});
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // a record every 25 steps, then the summary
        std::vector<json> records;
        for (const auto& line : lines) records.push_back(json::parse(line.toStdString()));
        QCOMPARE(records[0]["step"].get<int>(), 25);
        QCOMPARE(records[1]["step"].get<int>(), 50);
        for (int i = 0; i < 2; i++) {
            const json& rec = records[i];
            for (const char* key : {"loss", "in_context_loss", "ms"}) QVERIFY2(rec[key].is_number(), key);
            QCOMPARE(rec["heads"].size(), size_t(2));
            for (const auto& h : rec["heads"]) {
                QCOMPARE(h["layer"].get<int>(), 0);
                QVERIFY(h["prev_token"].get<double>() >= 0 && h["prev_token"].get<double>() <= 1);
                QVERIFY(h["induction"].get<double>() >= 0 && h["induction"].get<double>() <= 1);
            }
        }
        const json& summary = records[2];
        QVERIFY(summary.contains("phase_change_step"));
        QCOMPARE(summary["best_induction"]["layer"].get<int>(), 0);
        QVERIFY(summary["best_induction"]["score"].is_number());
        QVERIFY(summary["seconds"].get<double>() > 0);

        // The folder opens like any GPT-2: its shape, and attention on text in its byte vocabulary.
        const json info = run_json({"info", "--model", out});
        QCOMPARE(info["n_layer"].get<int>(), 1);
        QCOMPARE(info["n_head"].get<int>(), 2);
        QCOMPARE(info["vocab_size"].get<int>(), 257);
        const json att = run_json({"attention", "--model", out, "--text", "abcabc", "--layer", "0", "--head", "1"});
        QCOMPARE(att["attention"].size(), size_t(6)); // one token per byte
        // The census scores the folder's heads as the lab did: the lab's probe is the census's
        // repeated sequence, so the last record's induction scores are the census's.
        const json census = run_json({"heads", "--model", out, "--text", "abcabc"});
        QCOMPARE(census["heads"].size(), size_t(2));
        for (size_t h = 0; h < 2; h++) {
            const double lab = records[1]["heads"][h]["induction"].get<double>();
            const double cen = census["heads"][h]["induction"].get<double>();
            QVERIFY2(std::fabs(lab - cen) < 1e-4, qPrintable(QString("head %1: lab %2, census %3").arg(h).arg(lab).arg(cen)));
        }

        // An attention-only model exports as an ordinary GPT-2 (its MLPs at 0) and opens the same way.
        const QString attn = dir.path() + "/attn-only";
        const Run ao = run_cli({"train-lab", "--layers", "2", "--heads", "1", "--steps", "10", "--attn-only", "--out", attn});
        QVERIFY2(ao.code == 0, ao.err.constData());
        QCOMPARE(ao.out.trimmed().split('\n').size(), 2); // the last step's record, then the summary
        const json info2 = run_json({"info", "--model", attn});
        QCOMPARE(info2["n_layer"].get<int>(), 2);
        QCOMPARE(info2["n_head"].get<int>(), 1);
        const json att2 = run_json({"attention", "--model", attn, "--text", "ABAB", "--layer", "1", "--head", "0"});
        QCOMPARE(att2["attention"].size(), size_t(4));

        // The same seed again: the same numbers (times aside).
        const Run again = run_cli(args);
        QCOMPARE(again.code, 0);
        const QList<QByteArray> lines2 = again.out.trimmed().split('\n');
        QCOMPARE(lines2.size(), 3);
        for (int i = 0; i < 2; i++) {
            json a = records[i], b = json::parse(lines2[i].toStdString());
            a.erase("ms");
            b.erase("ms");
            QCOMPARE(a.dump(), b.dump());
        }
    }

    void trainLabBadOptions() {
        expect_usage_error({"train-lab", "--layers", "0"}, "--layers 0 is out of range");
        expect_usage_error({"train-lab", "--heads", "3"}, "--heads must divide");
        expect_usage_error({"train-lab", "--steps", "many"}, "--steps");
        expect_usage_error({"train-lab", "--seed", "-1"}, "--seed -1 is out of range");
        expect_usage_error({"train-lab", "--attn-only", "yes"}, "");
        expect_usage_error({"train-lab", "--speed", "9"}, "unknown option");
        QTemporaryFile file;
        QVERIFY(file.open());
        expect_usage_error({"train-lab", "--steps", "1", "--out", file.fileName()}, "is not a folder");
    }

    // A downloaded model (its source.json names the repository) is never replaced by a lab run:
    // refused before training, every file kept.
    void trainLabKeepsADownloadedModel() {
        QTemporaryDir dir;
        const QString dl = dir.path() + "/gpt2";
        QVERIFY(QDir().mkpath(dl));
        for (const char* f : {"config.json", "model.safetensors", "vocab.json", "merges.txt"})
            QVERIFY(QFile::copy(fixture_ + "/" + f, dl + "/" + f));
        QFile source(dl + "/source.json");
        QVERIFY(source.open(QIODevice::WriteOnly));
        source.write(R"({"repo": "openai-community/gpt2", "revision": "607a30d"})");
        source.close();
        QFile weights(fixture_ + "/model.safetensors");
        QVERIFY(weights.open(QIODevice::ReadOnly));
        const QByteArray before = weights.readAll();
        expect_usage_error({"train-lab", "--steps", "1", "--out", dl},
                           "--out \"" + dl + "\" holds a download of openai-community/gpt2");
        QFile after(dl + "/model.safetensors");
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
        QVERIFY(QFileInfo::exists(dl + "/source.json"));
        // A folder train-lab wrote is still replaced.
        const QString lab = dir.path() + "/lab";
        QCOMPARE(run_cli({"train-lab", "--layers", "1", "--heads", "1", "--steps", "1", "--out", lab}).code, 0);
        const Run again = run_cli({"train-lab", "--layers", "1", "--heads", "1", "--steps", "1", "--out", lab});
        QVERIFY2(again.code == 0, again.err.constData());
    }

    // Two runs into one folder: the second is refused at once (exit 2), naming who holds it,
    // instead of replacing the first's result unseen.
    void trainLabRefusesAFolderBeingWritten() {
        QTemporaryDir dir;
        const QString out = dir.path() + "/lab";
        {
            al::FolderWriteLock other(out.toStdString()); // another process, as the CLI sees it
            QVERIFY(other.held());
            expect_usage_error({"train-lab", "--steps", "1", "--out", out},
                               "--out " + out + " is being written by another process (process " +
                                   QString::number(QCoreApplication::applicationPid()) + ")");
            QVERIFY(!QFileInfo::exists(out));
        }
        const Run r = run_cli({"train-lab", "--layers", "1", "--heads", "1", "--steps", "1", "--out", out});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(QFileInfo::exists(out + "/model.safetensors"));
        QVERIFY(!QFileInfo::exists(dir.path() + "/.lab.lock"));
    }

    // Output that cannot be written (stdout on a full disk: /dev/full) is said on stderr and ends
    // in exit 1, never a silent exit 0 with a cut-off JSON; small outputs and large ones alike.
    void outputThatCannotBeWrittenIsSaid_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("tokenize") << QStringList{"tokenize", "--model", fixture_, "--text", "hello"};
        QTest::newRow("attention") << QStringList{"attention", "--model", fixture_, "--text", QString("word ").repeated(60)};
        QTest::newRow("help") << QStringList{"--help"};
    }
    void outputThatCannotBeWrittenIsSaid() {
        QFETCH(QStringList, args);
        if (!QFileInfo::exists("/dev/full")) QSKIP("no /dev/full here");
        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(QStringLiteral(AL_CLI_PATH), args);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("the output could not be written in full"), err.constData());
    }

    // A file of the learner's that has the lock's name is refused (exit 2, naming it) and kept
    // byte for byte: never truncated, never removed at exit. Bare digits too: they are what an
    // earlier version's lock held, but a learner's file may hold them as well.
    void trainLabKeepsAFileNamedLikeItsLock_data() {
        QTest::addColumn<QByteArray>("notes");
        QTest::newRow("notes") << QByteArray("my notes\n").repeated(50);
        QTest::newRow("digits") << QByteArray("12\n");
    }
    void trainLabKeepsAFileNamedLikeItsLock() {
        QFETCH(QByteArray, notes);
        QTemporaryDir dir;
        const QString out = dir.path() + "/lab";
        const QString lockFile = dir.path() + "/.lab.lock";
        {
            QFile f(lockFile);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(notes) == notes.size());
        }
        const Run r = run_cli({"train-lab", "--layers", "1", "--heads", "1", "--steps", "1", "--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QFile::encodeName(lockFile) + " is not a lock file of this program"), r.err.constData());
        QFile f(lockFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), notes);
        QVERIFY(!QFileInfo::exists(out));
    }

    // A file-size limit met while the model is written (200 bytes: config.json is the first to
    // fail; 64 kB: model.safetensors) is a plain error, exit code 2, not an internal one, naming
    // the system's reason (not a guess at a full disk); the model written before stays whole.
    void trainLabOnAFullDiskSaysSo_data() {
        QTest::addColumn<int>("limit");
        QTest::newRow("config.json fails") << 200;
        QTest::newRow("model.safetensors fails") << 65536;
    }
    void trainLabOnAFullDiskSaysSo() {
        QFETCH(int, limit);
        QTemporaryDir dir;
        const QString out = dir.path() + "/lab";
        const QStringList args = {"train-lab", "--layers", "1", "--heads", "1", "--steps", "1", "--out", out};
        QCOMPARE(run_cli(args).code, 0);
        QFile before(out + "/model.safetensors");
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray model = before.readAll();
        before.close();
        QProcess p;
        p.setChildProcessModifier([limit] {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit small{rlim_t(limit), rlim_t(limit)};
            setrlimit(RLIMIT_FSIZE, &small);
        });
        p.start(QStringLiteral(AL_CLI_PATH), args + QStringList{"--seed", "5"});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 2, err.constData());
        QVERIFY2(!err.contains("internal error") && err.contains("cannot write"), err.constData());
        QVERIFY2(err.contains(std::strerror(EFBIG)) && !err.contains("disk full?"), err.constData());
        QVERIFY(before.open(QIODevice::ReadOnly));
        QCOMPARE(before.readAll(), model);
    }

    void noEmbeddedModel() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QTemporaryDir empty;
        env.insert("AL_EMBEDDED_MODEL", empty.path() + "/none");
        const Run r = run_cli({"info"}, env);
        // Either the embedded model is installed in the tree (then info works) or the message says so.
        if (r.code != 0) {
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("embedded model lens-mini is not installed"), r.err.constData());
            QCOMPARE(r.err.count('\n'), 1);
        }
        // Pointing AL_EMBEDDED_MODEL at the fixture makes it the default.
        env.insert("AL_EMBEDDED_MODEL", fixture_);
        const Run ok = run_cli({"info"}, env);
        QCOMPARE(ok.code, 0);
        QCOMPARE(json::parse(ok.out.toStdString())["n_layer"].get<int>(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
