// GPT-2's tokenizer against the shared fixture (ids and bytes two reference tokenizers agree on),
// plus invalid UTF-8, the special token, word continuation, loading errors, threads and a 1 MB paste.
#include "attention_lens/error.h"
#include "attention_lens/tokenizer.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;

namespace {

std::string shared_dir() {
    const QByteArray dir = qgetenv("AL_SHARED_DIR");
    return dir.toStdString();
}

std::string to_hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

std::string write_temp(const QTemporaryDir& dir, const std::string& name, const std::string& content) {
    const std::string path = (fs::path(dir.path().toStdString()) / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

// Expects `fn` to throw al::Error whose message contains every one of `parts`.
template <class Fn>
void expect_error(Fn fn, std::initializer_list<std::string> parts) {
    try {
        fn();
    } catch (const al::Error& e) {
        const std::string msg = e.what();
        for (const auto& p : parts)
            QVERIFY2(msg.find(p) != std::string::npos, ("message lacks \"" + p + "\": " + msg).c_str());
        return;
    }
    QFAIL("expected al::Error");
}

// A small vocabulary with all 256 byte tokens plus a few merges, for the loading-error tests.
nlohmann::json byte_vocab() {
    nlohmann::json v = nlohmann::json::object();
    for (int b = 0; b < 256; ++b) v[al::bytes_to_token_string(std::string(1, static_cast<char>(b)))] = b;
    return v;
}

} // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
    std::unique_ptr<al::Tokenizer> tok_;
    nlohmann::json cases_;

private slots:
    void initTestCase() {
        const std::string dir = shared_dir();
        QVERIFY2(!dir.empty(), "AL_SHARED_DIR is not set");
        tok_ = std::make_unique<al::Tokenizer>(al::Tokenizer::load(dir + "/gpt2-tokenizer/vocab.json",
                                                                   dir + "/gpt2-tokenizer/merges.txt"));
        std::ifstream in(dir + "/fixtures/gpt2-tokenizer-cases.json");
        QVERIFY(in.good());
        cases_ = nlohmann::json::parse(in);
        QVERIFY(cases_.is_array() && cases_.size() >= 20);
    }

    void vocabularyBasics() {
        QCOMPARE(tok_->vocab_size(), 50257);
        QCOMPARE(tok_->eos_id(), 50256);
        QVERIFY(tok_->is_special(50256));
        QVERIFY(!tok_->is_special(464));
        QCOMPARE(tok_->id_of("Ġthe"), 262);
        QCOMPARE(tok_->id_of("no-such-token-here"), -1);
        QCOMPARE(tok_->token_string(262), std::string("Ġthe"));
        QCOMPARE(tok_->token_bytes(262), std::string(" the"));
        QCOMPARE(tok_->token_bytes(198), std::string("\n"));
    }

    void fixtureCases() {
        int checked = 0;
        for (const auto& c : cases_) {
            const std::string text = c["text"];
            const std::vector<int> expected = c["ids"];
            const std::vector<int> got = tok_->encode(text);
            if (got != expected) {
                std::string msg = "text: " + text + "\n got:";
                for (int id : got) msg += " " + std::to_string(id);
                msg += "\n want:";
                for (int id : expected) msg += " " + std::to_string(id);
                QFAIL(msg.c_str());
            }
            const auto& hex = c["token_bytes_hex"];
            QCOMPARE(hex.size(), got.size());
            for (size_t i = 0; i < got.size(); ++i)
                QCOMPARE(to_hex(tok_->token_bytes(got[i])), hex[i].get<std::string>());
            QCOMPARE(tok_->decode(got), text);
            ++checked;
        }
        QCOMPARE(checked, static_cast<int>(cases_.size()));
    }

    void decodeRoundTripsRandomText() {
        // Random mixes of ASCII, accented letters, CJK, emoji and whitespace decode back exactly.
        const std::vector<std::string> atoms = {"a", "Z", "7", " ", "  ", "\n", "\t", "'s", "'ll", "é", "ß",
                                                "日本", "😀", "—", ",", "!!", "\r\n", "x²", "Ω", "-"};
        std::mt19937 rng(1234);
        for (int round = 0; round < 300; ++round) {
            std::string text;
            const int len = static_cast<int>(rng() % 40);
            for (int i = 0; i < len; ++i) text += atoms[rng() % atoms.size()];
            QCOMPARE(tok_->decode(tok_->encode(text)), text);
        }
    }

    void pretokenizeMatchesGpt2Regex() {
        const std::vector<std::string> want = {"Hello", " world", "'s", "  ", " end", "!!", "\n", " 42", "x", "\n"};
        QCOMPARE(al::pretokenize("Hello world's   end!!\n 42x\n"), want);
        const std::vector<std::string> trailing = {"a", "   "};
        QCOMPARE(al::pretokenize("a   "), trailing);
        QVERIFY(al::pretokenize("").empty());
        // Unicode letters and digits are classes of their own (\p{L}, \p{N}).
        const std::vector<std::string> uni = {"naïve", " café", " ٣٤"};
        QCOMPARE(al::pretokenize("naïve café ٣٤"), uni);
    }

    void byteToUnicodeMap() {
        QCOMPARE(al::bytes_to_token_string(" "), std::string("Ġ"));
        QCOMPARE(al::bytes_to_token_string("\n"), std::string("Ċ"));
        QCOMPARE(al::bytes_to_token_string("A!"), std::string("A!"));
        std::string all;
        for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
        QCOMPARE(al::token_string_to_bytes(al::bytes_to_token_string(all)), all);
        // Every byte's stand-in is a single GPT-2 vocabulary token.
        for (int b = 0; b < 256; ++b)
            QVERIFY(tok_->id_of(al::bytes_to_token_string(std::string(1, static_cast<char>(b)))) >= 0);
        expect_error([] { al::token_string_to_bytes("€"); }, {"byte-to-unicode"});
        expect_error([] { al::token_string_to_bytes(" "); }, {"byte-to-unicode"});  // space maps to Ġ
    }

    void sanitizeFollowsPythonReplace() {
        // Expected strings are Python's bytes.decode("utf-8", errors="replace").
        const std::string R = "\xEF\xBF\xBD";
        struct Case { std::string in, out; };
        const std::vector<Case> cases = {
            {"a\x80" "b", "a" + R + "b"},                        // lone continuation byte
            {"\xF0\x9F\x98", R},                                  // truncated 4-byte sequence
            {"x\xF0\x9F\x98y", "x" + R + "y"},
            {"\xC0\x80", R + R},                                  // overlong NUL
            {"\xE0\x80\x80", R + R + R},                          // overlong 3-byte
            {"\xED\xA0\x80", R + R + R},                          // UTF-16 surrogate in UTF-8
            {"\xFF", R},
            {"\xF4\x90\x80\x80", R + R + R + R},                  // above U+10FFFF
            {"\xE2\x82", R},
            {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},             // valid emoji untouched
        };
        for (const auto& c : cases) {
            bool invalid = false;
            QCOMPARE(to_hex(al::sanitize_utf8(c.in, &invalid)), to_hex(c.out));
            QCOMPARE(invalid, c.in != c.out);
        }
    }

    void invalidUtf8GivesDocumentedIds() {
        const std::string R = "\xEF\xBF\xBD";
        // GPT-2's vocab.json has U+FFFD ("ï¿½") as one token, id 4210.
        QCOMPARE(tok_->id_of("ï¿½"), 4210);
        bool invalid = false;
        QCOMPARE(tok_->encode("\xFF", {}, &invalid), std::vector<int>{4210});
        QVERIFY(invalid);
        QCOMPARE(tok_->encode("\x80", {}, &invalid), std::vector<int>{4210});
        QCOMPARE(tok_->encode("\xF0\x9F\x98", {}, &invalid), std::vector<int>{4210});
        tok_->encode("plain", {}, &invalid);
        QVERIFY(!invalid);
        const std::vector<std::pair<std::string, std::string>> same = {
            {"a\x80" "b", "a" + R + "b"},
            {"hello \xC0\x80 world", "hello " + R + R + " world"},
            {"\xED\xA0\x80tail", R + R + R + "tail"},
            {"end \xF0\x9F\x98", "end " + R},
        };
        for (const auto& [bad, replaced] : same) {
            const auto ids = tok_->encode(bad, {}, &invalid);
            QVERIFY(invalid);
            QCOMPARE(ids, tok_->encode(replaced));
            QCOMPARE(tok_->decode(ids), replaced);
        }
        // Random byte soup never crashes and always decodes to valid, replaced text.
        std::mt19937 rng(7);
        for (int round = 0; round < 500; ++round) {
            std::string soup;
            const int len = static_cast<int>(rng() % 24);
            for (int i = 0; i < len; ++i) soup.push_back(static_cast<char>(rng() & 0xFF));
            QCOMPARE(tok_->decode(tok_->encode(soup)), al::sanitize_utf8(soup));
        }
    }

    void endOfTextLiteralIsSpecial() {
        QCOMPARE(tok_->encode("<|endoftext|>"), std::vector<int>{50256});
        QCOMPARE(tok_->encode("a<|endoftext|>b"), (std::vector<int>{64, 50256, 65}));
        // Text on each side is tokenized on its own: " The" keeps its space token.
        QCOMPARE(tok_->encode("<|endoftext|> The"), (std::vector<int>{50256, 383}));
        QCOMPARE(tok_->decode({64, 50256, 65}), std::string("a<|endoftext|>b"));
        // A near miss is ordinary text.
        QVERIFY(tok_->encode("<|endoftext|").size() > 1);
    }

    void bosOption() {
        QCOMPARE(tok_->encode("Hello"), std::vector<int>{15496});
        al::EncodeOptions bos;
        bos.prepend_bos = true;
        QCOMPARE(tok_->encode("Hello", bos), (std::vector<int>{50256, 15496}));
        QCOMPARE(tok_->encode("", bos), std::vector<int>{50256});
    }

    void continuesWord() {
        // "antidisestablishmentarianism Supercalifragilisticexpialidocious" from the fixture.
        const std::vector<int> ids = {415, 29207, 44390, 3699, 1042, 3115, 9948, 361, 22562, 346, 396, 501, 42372, 498, 312, 32346};
        const std::vector<bool> want = {false, true, true, true, true, false, true, true, true, true, true, true, true, true, true, true};
        QCOMPARE(tok_->continues_word(ids), want);
        // " antidisestablishmentarianism" with its leading space: the first piece starts a word.
        const auto spaced = tok_->encode(" antidisestablishmentarianism");
        QVERIFY(spaced.size() > 2);
        const auto cw = tok_->continues_word(spaced);
        QVERIFY(!cw[0]);
        for (size_t i = 1; i < cw.size(); ++i) QVERIFY(cw[i]);
        // Punctuation, spaces and the special token break words; non-ASCII letters join them.
        QCOMPARE(tok_->continues_word(tok_->encode("Hello, world")), (std::vector<bool>{false, false, false}));
        QCOMPARE(tok_->continues_word({87, 31185}), (std::vector<bool>{false, true}));  // "x" "²"
        QCOMPARE(tok_->continues_word({64, 50256, 65}), (std::vector<bool>{false, false, false}));
        QVERIFY(tok_->continues_word({}).empty());
    }

    void badIdsAreErrors() {
        expect_error([&] { tok_->decode({15496, 50257}); }, {"50257", "outside"});
        expect_error([&] { tok_->token_bytes(-1); }, {"-1"});
        expect_error([&] { tok_->continues_word({1, 999999}); }, {"999999"});
    }

    void loadingErrors() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string shared = shared_dir();
        expect_error([&] { al::Tokenizer::load("/nonexistent/vocab.json", shared + "/gpt2-tokenizer/merges.txt"); },
                     {"/nonexistent/vocab.json", "cannot open"});
        expect_error([&] { al::Tokenizer::load(shared + "/gpt2-tokenizer/vocab.json", "/nonexistent/merges.txt"); },
                     {"/nonexistent/merges.txt", "cannot open"});

        const std::string bad_json = write_temp(dir, "bad.json", "{\"a\": 0,");
        const std::string merges = write_temp(dir, "merges.txt", "#version: 0.2\nĠ t\n");
        expect_error([&] { al::Tokenizer::load(bad_json, merges); }, {"bad.json", "not valid JSON"});
        // A number past a double's range is nlohmann's out_of_range, not a parse_error; it used to
        // escape as an uncaught exception (found by fuzzing).
        expect_error([&] { al::Tokenizer::from_strings("{\"a\": 2.0e746402}", "", "huge"); },
                     {"huge", "vocab.json is not valid JSON", "number overflow"});

        nlohmann::json dup = byte_vocab();
        dup["Ġt"] = 5;  // id 5 already belongs to a byte token
        expect_error([&] { al::Tokenizer::from_strings(dup.dump(), "", "dup-test"); },
                     {"dup-test", "more than one token"});

        nlohmann::json ok = byte_vocab();
        ok["Ġt"] = 256;
        al::Tokenizer small = al::Tokenizer::from_strings(ok.dump(), "#version: 0.2\nĠ t\n", "ok");
        QCOMPARE(small.encode(" t"), std::vector<int>{256});
        QCOMPARE(small.eos_id(), -1);
        expect_error([&] { small.encode("x", al::EncodeOptions{true}); }, {"<|endoftext|>"});

        expect_error([&] { al::Tokenizer::from_strings(ok.dump(), "#version: 0.2\nĠt\n", "m1"); },
                     {"m1", "line 2", "malformed"});
        expect_error([&] { al::Tokenizer::from_strings(ok.dump(), "Ġ t extra\n", "m2"); },
                     {"m2", "line 1", "malformed"});
        expect_error([&] { al::Tokenizer::from_strings(ok.dump(), "Ġ t\nt h\n", "m3"); },
                     {"m3", "line 2", "\"th\"", "mismatch"});

        nlohmann::json gap = byte_vocab();
        gap["Ġt"] = 300;
        expect_error([&] { al::Tokenizer::from_strings(gap.dump(), "", "gap"); }, {"gap", "300"});
        nlohmann::json missing_byte = byte_vocab();
        missing_byte.erase(al::bytes_to_token_string("A"));
        missing_byte["Ġt"] = 'A';
        expect_error([&] { al::Tokenizer::from_strings(missing_byte.dump(), "", "mb"); }, {"mb", "0x41"});
        expect_error([&] { al::Tokenizer::from_strings("[1,2]", "", "arr"); }, {"arr", "object"});
    }

    void concurrentEncodesAgree() {
        std::vector<std::string> texts;
        for (const auto& c : cases_) texts.push_back(c["text"]);
        std::vector<std::vector<int>> want;
        for (const auto& c : cases_) want.push_back(c["ids"]);
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 50; ++round)
                    for (size_t i = 0; i < texts.size(); ++i) {
                        const size_t k = (i + static_cast<size_t>(t) * 7) % texts.size();
                        if (tok_->encode(texts[k]) != want[k]) ++mismatches;
                    }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void hugePasteCompletes() {
        // 1 MB of ordinary text (the fixture texts repeated) round-trips exactly.
        std::string text;
        while (text.size() < (1u << 20))
            for (const auto& c : cases_) text += c["text"].get<std::string>() + "\n";
        const auto ids = tok_->encode(text);
        QVERIFY(ids.size() > text.size() / 8);
        QCOMPARE(tok_->decode(ids), text);
        // 1 MB with no spaces at all (one giant "word") and 1 MB of spaces.
        std::string word;
        std::mt19937 rng(99);
        for (size_t i = 0; i < (1u << 20); ++i) word.push_back(static_cast<char>('a' + rng() % 26));
        const auto word_ids = tok_->encode(word);
        QVERIFY(word_ids.size() > 1000 && word_ids.size() < word.size());
        QCOMPARE(tok_->decode(word_ids), word);
        const std::string spaces(1u << 20, ' ');
        QCOMPARE(tok_->decode(tok_->encode(spaces)), spaces);
    }

    void longWordsMergeLikeShortWords() {
        // Words over a few hundred bytes take a heap-based merge path; on a hand-checkable
        // vocabulary both paths must give GPT-2's merge-all-occurrences-left-to-right result.
        nlohmann::json v = byte_vocab();
        v["aa"] = 256;
        v["aaa"] = 257;
        v["ab"] = 258;
        v["abab"] = 259;
        const al::Tokenizer t = al::Tokenizer::from_strings(v.dump(), "a a\naa a\na b\nab ab\n", "hand");
        const int a = 'a', aa = 256, aaa = 257, abab = 259, ab = 258;
        for (size_t n : {5u, 101u, 255u, 257u, 601u, 4001u}) {
            // n odd: pairs of "a" merge left to right, the last "aa" takes the leftover "a".
            std::vector<int> want((n - 3) / 2, aa);
            want.push_back(aaa);
            QCOMPARE(t.encode(std::string(n, 'a')), want);
        }
        for (size_t n : {4u, 100u, 256u, 258u, 600u, 4000u}) {
            // n even: only "aa" pairs.
            QCOMPARE(t.encode(std::string(n, 'a')), std::vector<int>(n / 2, aa));
        }
        for (size_t pairs : {3u, 100u, 301u}) {
            std::string text;
            for (size_t i = 0; i < pairs; ++i) text += "ab";
            std::vector<int> want(pairs / 2, abab);
            if (pairs % 2) want.push_back(ab);
            QCOMPARE(t.encode(text), want);
        }
        Q_UNUSED(a);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
