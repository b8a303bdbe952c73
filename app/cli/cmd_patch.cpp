// `patch`: activation patching between a clean and a corrupted text (patching.h). For every head,
// its output (z times its rows of W_O, without the bias) at every position is copied from the
// clean run into the corrupted run, and the cell is the share of the logit difference that comes
// back: (LD_patched - LD_corrupted) / (LD_clean - LD_corrupted), LD = logit(answer) - logit(wrong)
// at the last position. Also each layer's MLP output and, with --positions, the residual stream
// entering each layer at each position.
#include <cmath>
#include <cstdio>
#include <string>

#include "attention_lens/patching.h"
#include "attention_lens/quote.h"
#include "commands.h"

namespace cli {
namespace {

std::vector<int> text_ids(const Options& o, const al::Model& m, const std::string& text_opt, const std::string& ids_opt) {
    if (o.has(text_opt) == o.has(ids_opt))
        throw UsageError("give " + text_opt + " STR or " + ids_opt + " 1,2,3 (one of them)");
    if (o.has(ids_opt)) return parse_ids(o.value(ids_opt), m.config().vocab_size);
    if (!m.tokenizer()) throw UsageError("this model has no tokenizer; give " + ids_opt + " instead of " + text_opt);
    std::vector<int> ids = m.tokenizer()->encode(o.value(text_opt));
    if (ids.empty()) throw UsageError(text_opt + " is empty: there is nothing to run the model on");
    return ids;
}

// A token as messages and the text output show it: control bytes and bytes that are not UTF-8 as \xNN.
constexpr int kMostPatchTokens = 256, kMostPositionTokens = 128;
constexpr float kSameLogitDiff = 1e-4f; // the engine matches an independent float64 GPT-2 to 1e-4 (said in the message)

std::string quoted(const al::Model& m, int id) {
    return m.tokenizer() && id >= 0 && id < m.tokenizer()->vocab_size() ? "'" + al::excerpt(m.tokenizer()->token_bytes(id)) + "'"
                                                                          : "id " + std::to_string(id);
}

// --answer STR / --answer-id N (or the same for --wrong); -1 when neither is given.
int one_token(const Options& o, const al::Model& m, const std::string& name) {
    const std::string text_opt = "--" + name, id_opt = "--" + name + "-id";
    if (o.has(text_opt) && o.has(id_opt)) throw UsageError("give " + text_opt + " or " + id_opt + ", not both");
    if (o.has(id_opt)) return int(o.integer(id_opt, 0, 0, m.config().vocab_size - 1));
    if (!o.has(text_opt)) return -1;
    if (!m.tokenizer()) throw UsageError("this model has no tokenizer; give " + id_opt + " instead of " + text_opt);
    const std::vector<int> ids = m.tokenizer()->encode(o.value(text_opt));
    if (ids.size() != 1) {
        std::string parts;
        for (int id : ids) parts += (parts.empty() ? "" : ", ") + quoted(m, id);
        throw UsageError(text_opt + " '" + o.value(text_opt) + "' is " + std::to_string(ids.size()) +
                         " tokens (" + parts + "); the logit difference compares two single tokens. "
                         "GPT-2 writes most words with their leading space, as in ' Mary'");
    }
    return ids[0];
}

int argmax(const std::vector<float>& v) {
    int best = 0;
    for (size_t i = 1; i < v.size(); i++)
        if (v[i] > v[best]) best = int(i);
    return best;
}

} // namespace

int cmd_patch(const Args& args) {
    const Options o(args, {"--model", "--clean", "--corrupted", "--clean-ids", "--corrupted-ids", "--answer", "--wrong",
                           "--answer-id", "--wrong-id"},
                    {"--json", "--positions"});
    const auto m = load_model(o);
    const std::vector<int> clean = text_ids(o, *m, "--clean", "--clean-ids");
    const std::vector<int> corrupted = text_ids(o, *m, "--corrupted", "--corrupted-ids");
    if (clean.size() != corrupted.size()) {
        const int at = al::first_difference(clean, corrupted);
        const std::string a = at < int(clean.size()) ? quoted(*m, clean[at]) : "the end";
        const std::string b = at < int(corrupted.size()) ? quoted(*m, corrupted[at]) : "the end";
        throw UsageError("the clean text has " + std::to_string(clean.size()) + " tokens and the corrupted one " +
                         std::to_string(corrupted.size()) + "; they first differ at token " + std::to_string(at) +
                         " (" + a + " against " + b + "). Patching copies position by position, so both texts need "
                         "the same number of tokens: swap a word for one that is also one token (names such as "
                         "' Mary' and ' John' are), or add or drop words until the counts match");
    }
    // Every head's patch reruns the model from its layer on, and --positions every layer at every
    // position: time grows with the length, and with its square for --positions (at 1,024 tokens,
    // minutes for the heads, hours for the positions). Longer texts are refused, not left running.
    const int most = o.has("--positions") ? kMostPositionTokens : kMostPatchTokens;
    if (int(clean.size()) > most)
        throw UsageError("patch" + std::string(o.has("--positions") ? " --positions" : "") + " takes texts of at most " +
                         std::to_string(most) + " tokens, and these have " + std::to_string(clean.size()) +
                         ": every patch reruns the model from its layer on, so the time grows " +
                         (o.has("--positions") ? "with the square of the length" : "with the length") +
                         ". Shorten both texts around the tokens that differ");
    int answer = one_token(o, *m, "answer"), wrong = one_token(o, *m, "wrong");
    if (answer < 0 || wrong < 0) {
        // The defaults: the clean run's top token against the corrupted run's.
        const al::Patching first = al::patching_prepare(m, clean, corrupted, 0, 0);
        if (answer < 0) answer = argmax(first.clean.logits);
        if (wrong < 0) wrong = argmax(first.corrupted.logits);
    }
    const al::Patching p = al::patching_prepare(m, clean, corrupted, answer, wrong);
    // Differences within float arithmetic's reach of each other are the same number: the shares
    // would be rounding noise (a gap of 1e-6 gives shares like 0.29 or -2.25).
    if (!(std::fabs(p.ld_clean - p.ld_corrupted) > kSameLogitDiff)) {
        char ld[64];
        std::snprintf(ld, sizeof ld, "%.4g (clean) and %.4g (corrupted)", double(p.ld_clean), double(p.ld_corrupted));
        throw UsageError("the logit difference " + quoted(*m, answer) + " - " + quoted(*m, wrong) + " is " +
                         ld + ": they differ by less than 0.0001, the same within float precision, so no share of it can come back; choose "
                         "texts that the model completes differently, or an answer and a wrong token that they "
                         "separate (--answer, --wrong)");
    }
    auto fractions = [&](const std::vector<float>& ld) {
        std::vector<float> f(ld.size());
        for (size_t i = 0; i < ld.size(); i++) f[i] = al::patching_fraction(p, ld[i]);
        return f;
    };
    const al::Config& cfg = m->config();
    const int L = cfg.n_layer, H = cfg.n_head, T = int(clean.size());
    const std::vector<float> heads = fractions(al::patch_heads(p)), mlps = fractions(al::patch_mlps(p));
    const std::vector<float> positions = o.has("--positions") ? fractions(al::patch_positions(p)) : std::vector<float>{};
    if (o.has("--json")) {
        nlohmann::json grid = nlohmann::json::array(), pos = nlohmann::json::array();
        for (int l = 0; l < L; l++) grid.push_back(compact_array(heads.data() + size_t(l) * H, H));
        nlohmann::json j = {{"logit_diff_clean", compact(p.ld_clean)},
                            {"logit_diff_corrupted", compact(p.ld_corrupted)},
                            {"answer_id", answer},
                            {"wrong_id", wrong},
                            {"heads", grid},
                            {"mlps", compact_array(mlps.data(), mlps.size())}};
        if (!positions.empty()) {
            for (int l = 0; l < L; l++) pos.push_back(compact_array(positions.data() + size_t(l) * T, T));
            j["positions"] = pos;
        }
        print_json(j);
        return 0;
    }
    std::printf("answer %s, wrong %s: logit difference %.4g clean, %.4g corrupted\n", quoted(*m, answer).c_str(),
                quoted(*m, wrong).c_str(), double(p.ld_clean), double(p.ld_corrupted));
    std::printf("share of it restored by patching each head's output (rows: layers, columns: heads):\n");
    for (int l = 0; l < L; l++) {
        std::printf("L%-3d", l);
        for (int h = 0; h < H; h++) std::printf(" %6.3f", double(heads[size_t(l) * H + h]));
        std::printf("   MLP %6.3f\n", double(mlps[l]));
    }
    if (!positions.empty()) {
        std::printf("residual stream entering each layer, by position:\n");
        for (int l = 0; l < L; l++) {
            std::printf("L%-3d", l);
            for (int t = 0; t < T; t++) std::printf(" %6.3f", double(positions[size_t(l) * T + t]));
            std::printf("\n");
        }
    }
    return 0;
}

} // namespace cli
