// `heads`: the head census — per head, heuristic scores (previous-token, first-token, self,
// duplicate, induction, distance, entropy) and the label they suggest (a heuristic, not a fact).
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
        heads.push_back({{"layer", s.head.layer},
                         {"head", s.head.head},
                         {"label", s.label},
                         {"previous_token", compact(s.previous_token)},
                         {"previous_token_nf", compact(s.previous_token_nf)},
                         {"first_token", compact(s.first_token)},
                         {"self", compact(s.self)},
                         {"self_nf", compact(s.self_nf)},
                         {"duplicate_token", compact(s.duplicate_token)},
                         {"duplicate_token_nf", compact(s.duplicate_token_nf)},
                         {"induction", compact(s.induction)},
                         {"induction_nf", compact(s.induction_nf)},
                         {"mean_distance", compact(s.mean_distance)},
                         {"mean_distance_nf", compact(s.mean_distance_nf)},
                         {"entropy", compact(s.entropy)},
                         {"entropy_nf", compact(s.entropy_nf)}});
    }
    print_json({{"ids", ids}, {"labels_are_heuristic", true}, {"heads", heads}});
    return 0;
}

} // namespace cli
