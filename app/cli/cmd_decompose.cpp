// `decompose`: why one head attends where it does. Its pre-softmax score for one query and key,
// taken apart into query-part x key-part terms of the residual stream (score_parts.h): the largest
// terms, the rest summed, and the same terms grouped by kind of part (token, position, heads, MLPs,
// biases), so position-driven and content-driven scores can be told apart. With --split: every head's
// (or one layer's) position/content/biases shares over its whole pattern (score_split).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

#include "attention_lens/score_parts.h"
#include "commands.h"

namespace cli {

namespace {

std::string group_of(const al::StreamPart& p) {
    switch (p.kind) {
    case al::StreamPart::Kind::Token: return "token";
    case al::StreamPart::Kind::Position: return "position";
    case al::StreamPart::Kind::Head: return "heads";
    case al::StreamPart::Kind::Mlp: return "MLPs";
    case al::StreamPart::Kind::AttentionBiases:
    case al::StreamPart::Kind::Shift: return "biases";
    }
    return "";
}

// Every head's shares of position, content and biases in its choice of keys, or one layer's heads.
int split(const Options& o) {
    for (const char* one : {"--head", "--query", "--key", "--top"})
        if (o.has(one))
            throw UsageError(std::string(one) + " is for one cell; --split takes every head of the model, or of one --layer");
    const auto m = load_model(o);
    const auto& c = m->config();
    const std::vector<int> ids = input_ids(o, *m);
    // One token: every row has one key, so no head chooses, and shares of nothing would read as 0.
    if (ids.size() < 2)
        throw UsageError("--split needs a text of at least two tokens: with one, each head's only key gets all the weight, "
                         "so there is no choice to split");
    int first = 0, last = c.n_layer - 1;
    if (o.has("--layer")) first = last = int(o.integer("--layer", 0, 0, c.n_layer - 1));
    al::Runner runner(m);
    al::ForwardOptions fo;
    fo.keep_hidden = true;
    const al::ForwardResult r = runner.forward_full(ids, fo);
    nlohmann::json heads = nlohmann::json::array();
    for (int l = first; l <= last; ++l)
        for (int h = 0; h < c.n_head; ++h) {
            const al::ScoreSplit s = al::score_split(*m, r, l, h);
            // The last query's most-weighted key: how far each group lifts its score above the
            // row's mean.
            const int T = int(ids.size()), q = T - 1;
            const std::vector<al::ScoreGroups> g = al::score_groups_row(*m, r, l, h, q); // [q + 1]
            int key = 0;
            for (int j = 1; j <= q; ++j)
                if (r.attention.at(l, h, q, j) > r.attention.at(l, h, q, key)) key = j;
            al::ScoreGroups mean;
            for (int j = 0; j <= q; ++j) {
                const al::ScoreGroups& c = g[size_t(j)];
                mean.position += c.position / (q + 1);
                mean.content += c.content / (q + 1);
                mean.biases += c.biases / (q + 1);
            }
            const al::ScoreGroups& top = g[size_t(key)];
            heads.push_back({{"layer", l}, {"head", h}, {"position", compact(float(s.position))},
                             {"content", compact(float(s.content))}, {"biases", compact(float(s.biases))},
                             {"last_row_top", {{"key", key}, {"position", compact(float(top.position - mean.position))},
                                               {"content", compact(float(top.content - mean.content))},
                                               {"biases", compact(float(top.biases - mean.biases))}}}});
        }
    print_json({{"ids", ids}, {"heads", heads}});
    return 0;
}

} // namespace

int cmd_decompose(const Args& args) {
    const Options o(args, {"--model", "--text", "--ids", "--layer", "--head", "--query", "--key", "--top"}, {"--split"});
    if (o.has("--split")) return split(o);
    if (!o.has("--layer") || !o.has("--head")) throw UsageError("give --layer and --head");
    const auto m = load_model(o);
    const auto& c = m->config();
    const int layer = int(o.integer("--layer", 0, 0, c.n_layer - 1));
    const int head = int(o.integer("--head", 0, 0, c.n_head - 1));
    const std::vector<int> ids = input_ids(o, *m);
    const int T = int(ids.size());
    const int query = int(o.integer("--query", T - 1, 0, T - 1));
    const int top = int(o.integer("--top", 10, 1, 100000));

    al::Runner runner(m);
    al::ForwardOptions fo;
    fo.keep_hidden = true;
    fo.keep_qkv = true;
    const al::ForwardResult r = runner.forward_full(ids, fo);
    // Without --key: the key the query gives the most weight.
    int best = 0;
    for (int j = 1; j <= query; ++j)
        if (r.attention.at(layer, head, query, j) > r.attention.at(layer, head, query, best)) best = j;
    const int key = int(o.integer("--key", best, 0, query));
    const al::ScoreParts s = al::decompose_score(*m, r, layer, head, query, key);

    const size_t P = s.parts.size();
    std::vector<size_t> order(P * P);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::abs(s.terms[a]) > std::abs(s.terms[b]); });
    nlohmann::json terms = nlohmann::json::array();
    double rest = 0;
    for (size_t n = 0; n < order.size(); ++n) {
        const size_t i = order[n];
        if (int(n) < top)
            terms.push_back({{"query_part", s.parts[i / P].name()}, {"key_part", s.parts[i % P].name()}, {"value", compact(float(s.terms[i]))}});
        else
            rest += s.terms[i];
    }
    std::map<std::pair<std::string, std::string>, double> grouped;
    for (size_t a = 0; a < P; ++a)
        for (size_t b = 0; b < P; ++b) grouped[{group_of(s.parts[a]), group_of(s.parts[b])}] += s.term(int(a), int(b));
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& [k, v] : grouped)
        groups.push_back({{"query_part", k.first}, {"key_part", k.second}, {"value", compact(float(v))}});

    print_json({{"ids", ids},
                {"layer", layer},
                {"head", head},
                {"query", query},
                {"key", key},
                {"weight", compact(r.attention.at(layer, head, query, key))},
                {"score", compact(float(s.score))},
                {"sum_of_terms", compact(float(s.sum))},
                {"layernorm_scale_held", true},
                {"parts", s.parts.size()},
                {"largest_terms", terms},
                {"rest", compact(float(rest))},
                {"by_kind", groups}});
    return 0;
}

} // namespace cli
