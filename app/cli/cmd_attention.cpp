// `attention`: every layer's and head's attention probabilities [L][H][T][T] (0 above the
// diagonal, where the causal mask hides a position), or one head's [T][T] with --layer/--head.
#include <algorithm>
#include <cstdio>

#include "attention_lens/forward.h"
#include "commands.h"

namespace cli {

namespace {

// Written row by row, not built as one JSON tree: the tree held some 16 bytes per weight, which
// for every head of a long text is many times the patterns themselves. The text is the same as
// print_json's (compact, keys in order).
void write(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

void write_head(const al::ForwardResult& r, int l, int h) {
    const size_t T = size_t(r.tokens);
    std::vector<float> row(T, 0.0f); // 0 above the diagonal
    write("[");
    for (size_t i = 0; i < T; ++i) {
        const size_t n = size_t(r.attention.row_length(int(i)));
        std::copy(r.attention.row(l, h, int(i)), r.attention.row(l, h, int(i)) + n, row.begin());
        if (i) write(",");
        write(compact_array(row.data(), T).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    write("]");
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
    write("{\"attention\":");
    if (o.has("--layer")) {
        write_head(r, layer, head);
        write(",\"head\":" + std::to_string(head) + ",\"ids\":" + nlohmann::json(ids).dump() +
              ",\"layer\":" + std::to_string(layer) + "}\n");
    } else {
        write("[");
        for (int l = 0; l < r.n_layer; ++l) {
            write(l ? ",[" : "[");
            for (int h = 0; h < r.n_head; ++h) {
                if (h) write(",");
                write_head(r, l, h);
            }
            write("]");
        }
        write("],\"ids\":" + nlohmann::json(ids).dump() + "}\n");
    }
    std::fflush(stdout);
    return 0;
}

} // namespace cli
