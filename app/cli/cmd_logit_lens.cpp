// `logit-lens`: the prediction layer by layer at one position (logit_lens.h): the final LayerNorm
// and the unembedding applied to the residual stream after each layer, with the top tokens and the
// rank of the model's final answer. Early rows are a rough view: those layers were not trained to
// be read this way. "direct": how far the final answer's logit stands above the vocabulary's mean
// logit, split into what each layer's attention and MLP, the embeddings and the biases wrote
// directly (al::direct_attribution), and attention's share of the layers' parts by size.
#include <string>

#include "attention_lens/logit_lens.h"
#include "commands.h"

namespace cli {

int cmd_logit_lens(const Args& args) {
    const Options o(args, {"--model", "--text", "--ids", "--position", "--top"});
    const auto m = load_model(o);
    const std::vector<int> ids = input_ids(o, *m);
    const int T = int(ids.size());
    const int position = int(o.integer("--position", T - 1, 0, T - 1));
    const int top = int(o.integer("--top", 5, 1, 100));
    al::Runner runner(m);
    al::ForwardOptions fo;
    fo.keep_hidden = true;
    const al::ForwardResult r = runner.forward_full(ids, fo);
    const al::LogitLens lens = al::logit_lens(*m, r, position, top);
    const al::DirectAttribution d = al::direct_attribution(*m, r, position, lens.answer);
    const al::Tokenizer* tok = m->tokenizer();
    // The decoded text, as `logits` prints it (not the vocabulary's byte-level spelling, "Ġrests").
    auto text = [&](int id) { return tok ? token_text(*tok, id) : std::string(); };
    nlohmann::json rows = nlohmann::json::array();
    for (size_t l = 0; l < lens.rows.size(); ++l) {
        const al::LensRow& r = lens.rows[l];
        nlohmann::json tops = nlohmann::json::array();
        for (size_t i = 0; i < r.top.size(); ++i)
            tops.push_back({{"id", r.top[i]}, {"text", text(r.top[i])}, {"p", compact(r.probs[i])}});
        rows.push_back({{"after", l == 0 ? std::string("embeddings") : "layer " + std::to_string(l - 1)},
                        {"top", tops},
                        {"answer_rank", r.answer_rank},
                        {"answer_p", compact(r.answer_prob)}});
    }
    print_json({{"ids", ids}, {"position", position}, {"answer", {{"id", lens.answer}, {"text", text(lens.answer)}}},
                {"rows", rows},
                {"direct", {{"logit", d.logit}, {"mean_logit", d.mean_logit}, {"above_mean", d.above_mean},
                            {"attention", d.attention}, {"mlp", d.mlp}, {"heads", d.heads},
                            {"token_embedding", d.token_embedding}, {"position_embedding", d.position_embedding},
                            {"biases", d.biases}, {"lnf_bias", d.lnf_bias}, {"attention_share", d.attention_share()}}}});
    return 0;
}

} // namespace cli
