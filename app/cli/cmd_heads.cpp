// `heads`: the head census — per head, heuristic scores (previous-token, first-token, self,
// duplicate, induction, distance, entropy) and the label they suggest (a heuristic, not a fact).
#include <string>
#include <utility>

#include "attention_lens/census.h"
#include "commands.h"

namespace cli {

int cmd_heads(const Args& args) {
    const Options o(args, {"--model", "--text", "--ids"});
    const auto m = load_model(o);
    const std::vector<int> ids =
        input_ids(o, *m, "When Mary and John went to the store, John gave a drink to Mary. The cat sat on the mat.");
    al::Runner runner(m);
    const std::vector<al::HeadScores> scores = al::head_census(runner, ids);
    nlohmann::json heads = nlohmann::json::array();
    for (const auto& s : scores) {
        nlohmann::json h = {{"layer", s.head.layer},
                            {"head", s.head.head},
                            {"label", s.label},
                            {"first_token", compact(s.first_token)}};
        // Each score beside its "_nf" twin: the same score without the first position.
        const std::pair<const char*, std::pair<float, float>> scores_and_nf[] = {
            {"previous_token", {s.previous_token, s.previous_token_nf}},
            {"self", {s.self, s.self_nf}},
            {"duplicate_token", {s.duplicate_token, s.duplicate_token_nf}},
            {"induction", {s.induction, s.induction_nf}},
            {"mean_distance", {s.mean_distance, s.mean_distance_nf}},
            {"entropy", {s.entropy, s.entropy_nf}}};
        for (const auto& [name, values] : scores_and_nf) {
            h[name] = compact(values.first);
            h[std::string(name) + "_nf"] = compact(values.second);
        }
        heads.push_back(std::move(h));
    }
    print_json({{"ids", ids}, {"labels_are_heuristic", true}, {"heads", heads}});
    return 0;
}

} // namespace cli
