// The excerpts that messages quote of a file's or a server's value: short, one printable line,
// never cut inside a character, and saying the full length when they are shortened.
#include <QtTest>

#include <cstring>
#include <string>

#include "attention_lens/quote.h"

class TestQuote : public QObject {
    Q_OBJECT

private slots:
    void shortValuesAreQuotedWhole() {
        QCOMPARE(al::quote_value("gpt2"), std::string("\"gpt2\""));
        QCOMPARE(al::quote_value(""), std::string("\"\""));
        QCOMPARE(al::quote_value(std::string(60, 'a')), "\"" + std::string(60, 'a') + "\"");
        QCOMPARE(al::excerpt("a plain message"), std::string("a plain message"));
    }
    void longValuesAreCutAndSayTheirLength() {
        const std::string big(10485760, 'x');
        QCOMPARE(al::quote_value(big), "\"" + std::string(60, 'x') + "\u2026\" (10,485,760 bytes)");
        QCOMPARE(al::quote_value(std::string(61, 'a')), "\"" + std::string(60, 'a') + "\u2026\" (61 bytes)");
        QCOMPARE(al::excerpt(std::string(1000, 'm'), 10), std::string(10, 'm') + "\u2026 (1,000 bytes)");
        QCOMPARE(al::quote_value("abcdef", 3), std::string("\"abc\u2026\" (6 bytes)"));
    }
    void controlBytesAndNulAreEscaped() {
        using namespace std::string_literals;
        const std::string v = "ab\0cd\x1b[2J\n\t\x7f"s;
        const std::string q = al::quote_value(v);
        QCOMPARE(q, std::string("\"ab\\x00cd\\x1b[2J\\x0a\\x09\\x7f\""));
        QCOMPARE(std::strlen(q.c_str()), q.size()); // a C-string reader sees all of it
        // Quote marks and backslashes inside the value cannot end the quotation early.
        QCOMPARE(al::quote_value("say \"hi\" \\"), std::string("\"say \\\"hi\\\" \\\\\""));
        QCOMPARE(al::excerpt("say \"hi\""), std::string("say \"hi\""));
    }
    void invalidUtf8IsEscapedByteByByte() {
        QCOMPARE(al::quote_value("\xff\xfe" "a"), std::string("\"\\xff\\xfea\""));
        QCOMPARE(al::quote_value("\xc3"), std::string("\"\\xc3\""));             // cut short
        QCOMPARE(al::quote_value("\xc0\xaf"), std::string("\"\\xc0\\xaf\""));   // overlong "/"
        QCOMPARE(al::quote_value("\xed\xa0\x80"), std::string("\"\\xed\\xa0\\x80\"")); // a surrogate
        QCOMPARE(al::quote_value("\xf4\x90\x80\x80"), std::string("\"\\xf4\\x90\\x80\\x80\"")); // past U+10FFFF
    }
    void validUtf8IsKeptAndNeverCutInside() {
        QCOMPARE(al::quote_value("Gr\xc3\xb6\xc3\x9f" "e \xe4\xb8\x80 \xf0\x9f\x98\x80"),
                 std::string("\"Gr\xc3\xb6\xc3\x9f" "e \xe4\xb8\x80 \xf0\x9f\x98\x80\""));
        // 100 four-byte characters: 60 kept whole (240 bytes), the rest said by the length.
        std::string emoji;
        for (int i = 0; i < 100; ++i) emoji += "\xf0\x9f\x98\x80";
        std::string kept;
        for (int i = 0; i < 60; ++i) kept += "\xf0\x9f\x98\x80";
        QCOMPARE(al::quote_value(emoji), "\"" + kept + "\u2026\" (400 bytes)");
    }
    void invisibleCharactersAreShown() {
        // A right-to-left override would reorder the rest of the message on screen.
        QCOMPARE(al::quote_value("a\xe2\x80\xae" "b"), std::string("\"a\\u{202E}b\""));
        QCOMPARE(al::quote_value("\xc2\x85"), std::string("\"\\u{0085}\"")); // C1 next-line
        QCOMPARE(al::quote_value("\xef\xbb\xbfx"), std::string("\"\\u{FEFF}x\""));
    }
    void escapesCountTowardsTheLimit() {
        // 1,000 NUL bytes: at most 60 characters of escapes, not 1,000 of them.
        const std::string q = al::quote_value(std::string(1000, '\0'));
        QVERIFY2(q.size() < 100, q.c_str());
        QVERIFY(q.find("(1,000 bytes)") != std::string::npos);
    }
    void groupedCounts() {
        QCOMPARE(al::grouped_count(0), std::string("0"));
        QCOMPARE(al::grouped_count(999), std::string("999"));
        QCOMPARE(al::grouped_count(1000), std::string("1,000"));
        QCOMPARE(al::grouped_count(31457280), std::string("31,457,280"));
    }
};

QTEST_GUILESS_MAIN(TestQuote)
#include "test_quote.moc"
