// Head census: numbers that describe what a head's (causal) attention pattern does.
//
// A is one head's dense pattern [T][T]; row i holds the weights of query position i over key
// positions j <= i (cells j > i are ignored). Row 0 can only attend to itself, so every score is
// a mean over rows i >= 1 that qualify (listed per score). Scores are 0 when no row qualifies.
//
// "Without the first position" (exclude_first, the _nf fields): column 0 is dropped from every
// row and the rest renormalised, w[i][j] = A[i][j] / (1 - A[i][0]) for j >= 1; rows whose
// remaining weight is below 1e-9 are skipped. Position 0 is often an attention sink that soaks up
// most of the weight (Xiao 2023); dropping it shows what the head does with the rest.
//
//   previous_token   mean over rows i >= 1 of w[i][i-1]              (nf: rows i >= 2)
//   first_token      mean over rows i >= 1 of A[i][0]                (the sink score; no nf form)
//   self             mean over rows i >= 1 of w[i][i]
//   duplicate_token  mean over rows whose token occurred earlier (at some j < i; nf: at some
//                    1 <= j < i) of the total weight on those earlier copies
//   induction        ids = [BOS?] r_1..r_n r_1..r_n (a random sequence repeated, as in
//                    TransformerLens / Olsson 2022): mean over the second copy's rows i of
//                    w[i][i-n+1], the token right after the earlier copy of the current token
//   mean_distance    mean over rows of sum_j w[i][j] (i - j), in tokens
//   entropy          mean over rows of -sum_j w[i][j] ln w[i][j], in nats
//   entropy_share    mean over rows with at least two allowed cells of entropy / ln(cells), where
//                    cells = i + 1 (nf: i); 1 for a uniform row, 0 for a row on one position
//
// census_label (a heuristic; the app says so), first rule that holds:
//   induction >= 0.3 -> "induction"; previous_token >= 0.4 -> "previous-token";
//   duplicate_token >= 0.4 -> "duplicate"; self >= 0.4 -> "self"; first_token >= 0.5 -> "sink";
//   then the same three pattern rules on the _nf scores at 0.6 (a head hiding behind a sink);
//   entropy_share_nf >= 0.85 -> "diffuse" (spread almost evenly: a far mean distance would only
//   reflect the text's length); mean_distance_nf >= 8 -> "long-range"; otherwise "mixed".
// The induction rule reads the fixed probe sequence, so it labels the head whatever the text.
#include "attention_lens/census.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>

#include "attention_lens/error.h"

namespace al {

namespace census {

namespace {

constexpr double kEmpty = 1e-9;

// Calls f(i, weight(j), ...) for each qualifying row: weight(j) is A or the renormalised w.
// Returns the mean of f over the rows for which f returned a value (f returns false to skip).
float mean_over_rows(const std::vector<float>& A, int T, bool exclude_first, int first_row,
                     const std::function<bool(int i, const std::function<double(int)>& w, double& value)>& f) {
    if (T <= 0 || A.size() < static_cast<size_t>(T) * T) throw Error("census: the pattern is smaller than T x T");
    double total = 0.0;
    int rows = 0;
    for (int i = std::max(first_row, 1); i < T; i++) {
        const float* row = A.data() + static_cast<size_t>(i) * T;
        double norm = 1.0;
        if (exclude_first) {
            double rest = 0.0;
            for (int j = 1; j <= i; j++) rest += row[j];
            if (rest < kEmpty) continue;
            norm = rest;
        }
        auto w = [&](int j) -> double { return (exclude_first && j == 0) ? 0.0 : row[j] / norm; };
        double value = 0.0;
        if (!f(i, w, value)) continue;
        total += value;
        rows++;
    }
    return rows ? static_cast<float>(total / rows) : 0.0f;
}

int repeat_offset_and_length(const std::vector<int>& ids, int& n) {
    const int size = static_cast<int>(ids.size());
    const int offset = size % 2; // a leading BOS makes the length odd
    n = (size - offset) / 2;
    if (n < 1) throw Error("census: the induction sequence needs at least two tokens");
    for (int i = offset + n; i < size; i++)
        if (ids[i] != ids[i - n])
            throw Error("census: the induction sequence is not a sequence repeated twice (position " +
                        std::to_string(i) + ")");
    return offset;
}

} // namespace

float previous_token(const std::vector<float>& A, int T, bool exclude_first) {
    return mean_over_rows(A, T, exclude_first, exclude_first ? 2 : 1, [](int i, auto& w, double& v) {
        v = w(i - 1);
        return true;
    });
}

float first_token(const std::vector<float>& A, int T) {
    return mean_over_rows(A, T, false, 1, [](int, auto& w, double& v) {
        v = w(0);
        return true;
    });
}

float self(const std::vector<float>& A, int T, bool exclude_first) {
    return mean_over_rows(A, T, exclude_first, 1, [](int i, auto& w, double& v) {
        v = w(i);
        return true;
    });
}

float duplicate_token(const std::vector<float>& A, const std::vector<int>& ids, bool exclude_first) {
    const int T = static_cast<int>(ids.size());
    return mean_over_rows(A, T, exclude_first, 1, [&](int i, auto& w, double& v) {
        bool any = false;
        v = 0.0;
        for (int j = exclude_first ? 1 : 0; j < i; j++)
            if (ids[j] == ids[i]) {
                any = true;
                v += w(j);
            }
        return any;
    });
}

float induction(const std::vector<float>& A, const std::vector<int>& ids, bool exclude_first) {
    const int T = static_cast<int>(ids.size());
    int n = 0;
    const int offset = repeat_offset_and_length(ids, n);
    return mean_over_rows(A, T, exclude_first, offset + n, [&](int i, auto& w, double& v) {
        v = w(i - n + 1);
        return true;
    });
}

float mean_distance(const std::vector<float>& A, int T, bool exclude_first) {
    return mean_over_rows(A, T, exclude_first, 1, [](int i, auto& w, double& v) {
        v = 0.0;
        for (int j = 0; j <= i; j++) v += w(j) * (i - j);
        return true;
    });
}

float mean_entropy(const std::vector<float>& A, int T, bool exclude_first) {
    return mean_over_rows(A, T, exclude_first, 1, [](int i, auto& w, double& v) {
        v = 0.0;
        for (int j = 0; j <= i; j++) {
            const double p = w(j);
            if (p > 0.0) v -= p * std::log(p);
        }
        return true;
    });
}

float entropy_share(const std::vector<float>& A, int T, bool exclude_first) {
    return mean_over_rows(A, T, exclude_first, exclude_first ? 2 : 1, [&](int i, auto& w, double& v) {
        const int cells = exclude_first ? i : i + 1;
        if (cells < 2) return false;
        double h = 0.0;
        for (int j = 0; j <= i; j++) {
            const double p = w(j);
            if (p > 0.0) h -= p * std::log(p);
        }
        v = h / std::log(double(cells));
        return true;
    });
}

RankedHead strongest_head(int n_layer, int n_head, const std::function<float(int, int)>& score, int layer_end) {
    RankedHead best;
    for (int l = 0; l < std::min(n_layer, layer_end); l++)
        for (int h = 0; h < n_head; h++) {
            const float s = score(l, h);
            if (best.head.layer < 0 || s > best.score) best = {{l, h}, s};
        }
    return best;
}

RankedHead previous_token_head(const ForwardResult& r, int T, bool exclude_first, int layer_end) {
    return strongest_head(r.attention.n_layer(), r.attention.n_head(), [&](int l, int h) {
        return previous_token(r.attention.dense(l, h), T, exclude_first);
    }, layer_end);
}

} // namespace census

std::string census_label(const HeadScores& s) {
    if (s.induction >= 0.3f) return "induction";
    if (s.previous_token >= 0.4f) return "previous-token";
    if (s.duplicate_token >= 0.4f) return "duplicate";
    if (s.self >= 0.4f) return "self";
    if (s.first_token >= census::kSinkMin) return "sink";
    if (s.previous_token_nf >= 0.6f) return "previous-token";
    if (s.duplicate_token_nf >= 0.6f) return "duplicate";
    if (s.self_nf >= 0.6f) return "self";
    if (s.entropy_share_nf >= 0.85f) return "diffuse";
    if (s.mean_distance_nf >= 8.0f) return "long-range";
    return "mixed";
}

std::vector<int> induction_sequence(const Config& cfg, int n, uint64_t seed) {
    // Random ids from the vocabulary (never BOS/EOS), repeated twice, after a BOS as TransformerLens
    // prepends one. Shortened to fit the model's positions.
    const bool bos = cfg.bos_token_id >= 0 && cfg.bos_token_id < cfg.vocab_size;
    n = std::min(n, (cfg.n_positions - (bos ? 1 : 0)) / 2);
    if (n < 1)
        throw Error("census: the model has " + std::to_string(cfg.n_positions) +
                    " positions, too few for the induction probe (a random token written twice" +
                    (bos ? " after <|endoftext|>: 3 positions at least)" : ": 2 positions at least)"));
    std::mt19937_64 rng(seed);
    std::vector<int> half;
    while (static_cast<int>(half.size()) < n) {
        const int id = static_cast<int>(rng() % static_cast<uint64_t>(cfg.vocab_size));
        if (id == cfg.bos_token_id || id == cfg.eos_token_id) continue;
        half.push_back(id);
    }
    std::vector<int> ids;
    if (bos) ids.push_back(cfg.bos_token_id);
    ids.insert(ids.end(), half.begin(), half.end());
    ids.insert(ids.end(), half.begin(), half.end());
    return ids;
}

std::vector<HeadScores> head_census(Runner& runner, const std::vector<int>& ids, const CensusOptions& options) {
    if (options.induction_length < 1) throw Error("census: induction_length must be at least 1");
    const Config& cfg = runner.model().config();
    ForwardOptions full;
    full.cancel = options.cancel;
    const ForwardResult text = runner.forward(ids, full);
    // The induction run uses its own Runner so that the caller's cached prefix survives.
    Runner side(runner.model_ptr());
    const std::vector<int> rep = induction_sequence(cfg, options.induction_length, options.seed);
    ForwardOptions lean;
    lean.keep_scores = false;
    lean.cancel = options.cancel;
    const ForwardResult repeated = side.forward_full(rep, lean);
    const int T = text.tokens;
    std::vector<HeadScores> out;
    for (int l = 0; l < cfg.n_layer; l++)
        for (int h = 0; h < cfg.n_head; h++) {
            HeadScores s;
            s.head = {l, h};
            const std::vector<float> A = text.attention.dense(l, h);
            s.previous_token = census::previous_token(A, T, false);
            s.previous_token_nf = census::previous_token(A, T, true);
            s.first_token = census::first_token(A, T);
            s.self = census::self(A, T, false);
            s.self_nf = census::self(A, T, true);
            s.duplicate_token = census::duplicate_token(A, ids, false);
            s.duplicate_token_nf = census::duplicate_token(A, ids, true);
            s.mean_distance = census::mean_distance(A, T, false);
            s.mean_distance_nf = census::mean_distance(A, T, true);
            s.entropy = census::mean_entropy(A, T, false);
            s.entropy_nf = census::mean_entropy(A, T, true);
            s.entropy_share_nf = census::entropy_share(A, T, true);
            const std::vector<float> R = repeated.attention.dense(l, h);
            s.induction = census::induction(R, rep, false);
            s.induction_nf = census::induction(R, rep, true);
            s.label = census_label(s);
            out.push_back(std::move(s));
        }
    return out;
}

} // namespace al
