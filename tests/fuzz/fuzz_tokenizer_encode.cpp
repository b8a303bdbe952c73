// GPT-2's tokenizer on arbitrary bytes: every id is inside the vocabulary, and decode(encode(x)) is x
// itself for valid UTF-8, or x with each invalid sequence replaced by U+FFFD otherwise.
// The vocabulary is GPT-2's own, read once from $AL_FUZZ_TOKENIZER_DIR (default: the shared
// gpt2-tokenizer folder beside the checkout).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/tokenizer.h"
#include "fuzz_check.h"

namespace {
std::unique_ptr<al::Tokenizer> g_tokenizer;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* env = std::getenv("AL_FUZZ_TOKENIZER_DIR");
    const std::string dir = env && *env ? env : AL_FUZZ_DEFAULT_TOKENIZER_DIR;
    try {
        g_tokenizer = std::make_unique<al::Tokenizer>(al::Tokenizer::load(dir + "/vocab.json", dir + "/merges.txt"));
    } catch (const al::Error& e) {
        std::fprintf(stderr, "fuzz_tokenizer_encode: %s (set AL_FUZZ_TOKENIZER_DIR)\n", e.what());
        std::exit(2);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const al::Tokenizer& tok = *g_tokenizer;
    bool had_invalid = true;
    const std::vector<int> ids = tok.encode(text, {}, &had_invalid);
    for (int id : ids) FUZZ_CHECK(id >= 0 && id < tok.vocab_size(), "ids inside the vocabulary");
    const std::string back = tok.decode(ids);
    bool sanitized_invalid = false;
    const std::string expected = al::sanitize_utf8(text, &sanitized_invalid);
    FUZZ_CHECK(had_invalid == sanitized_invalid, "encode reports invalid UTF-8 exactly when there is some");
    if (!had_invalid) FUZZ_CHECK(back == text, "decode(encode(x)) == x for valid UTF-8");
    FUZZ_CHECK(back == expected, "decode(encode(x)) == x with invalid sequences replaced");
    FUZZ_CHECK(al::sanitize_utf8(expected) == expected, "replacement output is valid UTF-8");
    FUZZ_CHECK(tok.continues_word(ids).size() == ids.size(), "one word flag per token");
    // With <|endoftext|> prepended the rest is unchanged.
    const std::vector<int> with_bos = tok.encode(text, al::EncodeOptions{true});
    FUZZ_CHECK(!with_bos.empty() && with_bos.front() == tok.eos_id() &&
                   std::vector<int>(with_bos.begin() + 1, with_bos.end()) == ids,
               "prepend_bos only prepends");
    return 0;
}
