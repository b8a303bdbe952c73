// `attention`: every layer's and head's attention probabilities [L][H][T][T] (0 above the
// diagonal, where the causal mask hides a position), or one head's [T][T] with --layer/--head.
#include "attention_lens/forward.h"
#include "commands.h"

namespace cli {

namespace {

nlohmann::json head_matrix(const al::ForwardResult& r, int l, int h) {
    const std::vector<float> a = r.attention.dense(l, h, 0.0f); // [T][T]
    const size_t T = size_t(r.tokens);
    nlohmann::json rows = nlohmann::json::array();
    for (size_t i = 0; i < T; ++i) rows.push_back(compact_array(a.data() + i * T, T));
    return rows;
}

} // namespace

int cmd_attention(const Args& args) {
    const Options o(args, {"--model", "--text", "--ids", "--layer", "--head"});
    if (o.has("--layer") != o.has("--head")) throw UsageError("give --layer and --head together (or neither)");
    const auto m = load_model(o);
    const auto& c = m->config();
    const int layer = int(o.integer("--layer", 0, 0, c.n_layer - 1));
    const int head = int(o.integer("--head", 0, 0, c.n_head - 1));
    const std::vector<int> ids = input_ids(o, *m);

    al::Runner runner(m);
    al::ForwardOptions fo;
    fo.keep_scores = false;
    const al::ForwardResult r = runner.forward_full(ids, fo);
    if (o.has("--layer")) {
        print_json({{"ids", ids}, {"layer", layer}, {"head", head}, {"attention", head_matrix(r, layer, head)}});
        return 0;
    }
    nlohmann::json all = nlohmann::json::array();
    for (int l = 0; l < r.n_layer; ++l) {
        nlohmann::json heads = nlohmann::json::array();
        for (int h = 0; h < r.n_head; ++h) heads.push_back(head_matrix(r, l, h));
        all.push_back(std::move(heads));
    }
    print_json({{"ids", ids}, {"attention", std::move(all)}});
    return 0;
}

} // namespace cli
