// `tokenize`: GPT-2 BPE ids with each token's display text, raw bytes in hex, and whether it
// continues the word the previous token started.
#include "attention_lens/tokenizer.h"
#include "commands.h"

namespace cli {

int cmd_tokenize(const Args& args) {
    const Options o(args, {"--model", "--text"});
    if (!o.has("--text")) throw UsageError("tokenize needs --text STR");
    const auto m = load_model(o);
    const al::Tokenizer* t = m->tokenizer();
    if (!t) throw UsageError("this model has no tokenizer");
    const std::vector<int> ids = t->encode(text_option(o));
    const std::vector<bool> cont = t->continues_word(ids);
    nlohmann::json tokens = nlohmann::json::array();
    static const char* hex = "0123456789abcdef";
    for (size_t i = 0; i < ids.size(); ++i) {
        const std::string bytes = t->token_bytes(ids[i]);
        std::string h;
        for (unsigned char b : bytes) {
            h.push_back(hex[b >> 4]);
            h.push_back(hex[b & 15]);
        }
        tokens.push_back({{"id", ids[i]}, {"text", token_text(*t, ids[i])}, {"bytes_hex", h},
                          {"continues_word", bool(cont[i])}});
    }
    print_json({{"ids", ids}, {"tokens", tokens}});
    return 0;
}

} // namespace cli
