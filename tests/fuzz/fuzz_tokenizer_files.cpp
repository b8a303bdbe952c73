// vocab.json and merges.txt on arbitrary bytes. The input is vocab.json, a NUL byte, then merges.txt.
// Either one al::Error, or a tokenizer that encodes text into ids inside its vocabulary and decodes
// them back to the same bytes (after invalid UTF-8 is replaced, as encode documents).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/tokenizer.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string vocab(input.substr(0, nul));
    const std::string merges(nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1));
    try {
        const al::Tokenizer tok = al::Tokenizer::from_strings(vocab, merges, "fuzz");
        FUZZ_CHECK(tok.vocab_size() >= 256, "a byte-level vocabulary has all 256 bytes");
        for (const std::string& text : {std::string("Hello world, it's 2024 <|endoftext|> caf\xC3\xA9 \xFF!"), merges, vocab}) {
            const std::vector<int> ids = tok.encode(text);
            for (int id : ids) FUZZ_CHECK(id >= 0 && id < tok.vocab_size(), "ids inside the vocabulary");
            FUZZ_CHECK(tok.decode(ids) == al::sanitize_utf8(text), "decode(encode(x)) == x");
            FUZZ_CHECK(tok.continues_word(ids).size() == ids.size(), "one word flag per token");
            for (int id : ids) FUZZ_CHECK(tok.id_of(tok.token_string(id)) == id, "token strings map back");
        }
    } catch (const al::Error&) {
    }
    return 0;
}
