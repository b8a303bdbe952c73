// The training lab's loop and measurements (see train_lab.h).
#include "train_lab.h"

#include "attention_lens/error.h"
#include "attention_lens/safe_file.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "attention_lens/census.h"
#include "attention_lens/config.h"
#include "hf_export.h"
#include "window_sampler.h"

namespace al::train {

namespace {

// Distinct streams for weights and data from one seed (splitmix64 of the seed and a tag).
uint64_t derive(uint64_t seed, uint64_t tag) {
    uint64_t s = seed ^ (tag * 0x9E3779B97F4A7C15ull);
    return next_random(s);
}

void require(bool ok, const char* message) {
    if (!ok) throw std::invalid_argument(message);
}

} // namespace

void validate(const LabSettings& s) {
    require(s.n_layer >= 1 && s.n_layer <= 12, "layers must be between 1 and 12");
    require(s.n_head >= 1 && s.n_head <= 16, "heads must be between 1 and 16");
    require(s.n_embd >= 8 && s.n_embd <= 512, "width (n_embd) must be between 8 and 512");
    require(s.n_embd % s.n_head == 0, "width (n_embd) must be divisible by the number of heads");
    require(s.steps >= 1 && s.steps <= 1000000, "steps must be between 1 and 1000000");
    require(s.batch >= 1 && s.batch <= 1024, "batch must be between 1 and 1024");
    require(s.data.length <= 1024, "sequence length must be at most 1024");
    validate(s.data);
    require(s.learning_rate > 0 && s.learning_rate < 1, "learning rate must be in (0, 1)");
    require(s.warmup >= 0, "warm-up must not be negative");
    require(s.weight_decay >= 0 && s.weight_decay < 1, "weight decay must be in [0, 1)");
    require(s.log_every >= 1, "log_every must be at least 1");
    require(s.probe_length >= 2, "probe length must be at least 2");
    require(s.data.length >= 5, "sequence length must be at least 5");
}

LabSettings short_span_contrast(LabSettings settings) {
    settings.data.min_span = kContrastMinSpan;
    settings.data.max_span = kContrastMaxSpan;
    return settings;
}

ModelShape lab_model_shape(const LabSettings& s) {
    ModelShape m;
    m.vocab = kSyntheticVocab;
    m.max_T = s.data.length;
    m.n_layer = s.n_layer;
    m.n_head = s.n_head;
    m.n_embd = s.n_embd;
    m.attn_only = s.attn_only;
    return m;
}

static const LabSettings& checked(const LabSettings& s) {
    validate(s);
    return s;
}

TrainingLab::TrainingLab(const LabSettings& settings)
    : settings_(checked(settings)), model_(lab_model_shape(settings)) {
    // The census's probe (al::induction_sequence). When the data uses every byte token, it is the
    // very sequence the census draws for the exported model (whose config.json has this
    // vocabulary, these positions and <|endoftext|> as BOS and EOS), so the lab's scores are the
    // census's. Otherwise it is drawn from the tokens the data uses (a token the model never saw
    // has no learned embedding to match), after <|endoftext|> as in training.
    al::Config cfg;
    if (settings_.data.tokens == kSyntheticBytes) {
        cfg.vocab_size = kSyntheticVocab;
        cfg.n_positions = settings_.data.length;
        cfg.bos_token_id = cfg.eos_token_id = kSyntheticBos;
        probe_ = al::induction_sequence(cfg, settings_.probe_length, settings_.probe_seed);
    } else {
        cfg.vocab_size = settings_.data.tokens;
        cfg.n_positions = settings_.data.length - 1;
        cfg.bos_token_id = cfg.eos_token_id = -1;
        probe_ = al::induction_sequence(cfg, settings_.probe_length, settings_.probe_seed);
        probe_.insert(probe_.begin(), kSyntheticBos);
    }
    model_.exclude_from_decay("wpe.weight");
    reset();
}

void TrainingLab::reset() {
    model_.init_random(derive(settings_.seed, 1), settings_.qk_init_std, settings_.wpe_sinusoid_std);
    if (settings_.wte_init_std > 0) {
        std::mt19937_64 rng(derive(settings_.seed, 3));
        std::normal_distribution<float> normal(0.0f, settings_.wte_init_std);
        const size_t n = static_cast<size_t>(kSyntheticVocab) * settings_.n_embd; // wte comes first
        for (size_t i = 0; i < n; i++) model_.params()[i] = normal(rng);
    }
    std::fill(model_.adam_m().begin(), model_.adam_m().end(), 0.0f);
    std::fill(model_.adam_v().begin(), model_.adam_v().end(), 0.0f);
    model_.adam_step() = 0;
    data_rng_ = derive(settings_.seed, 2);
    step_ = 0;
    ms_ = 0.0;
    records_.clear();
    loss_sum_ = in_context_sum_ = other_sum_ = 0.0;
    loss_count_ = in_context_count_ = other_count_ = 0;
}

float TrainingLab::learning_rate(int step) const {
    const float peak = settings_.learning_rate;
    if (step < settings_.warmup) return peak * (step + 1) / settings_.warmup;
    const int span = std::max(1, settings_.steps - settings_.warmup);
    const double t = std::min(1.0, static_cast<double>(step - settings_.warmup) / span);
    const double floor = 0.1;
    return static_cast<float>(peak * (floor + (1.0 - floor) * 0.5 * (1.0 + std::cos(M_PI * t))));
}

std::vector<LabRecord> TrainingLab::step(int n) {
    std::vector<LabRecord> out;
    if (n <= 0) return out;
    const auto start = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    const int B = settings_.batch, T = settings_.data.length;
    AdamW opt;
    opt.weight_decay = settings_.weight_decay;
    for (int i = 0; i < n && !finished(); i++) {
        synthetic_batch(settings_.data, B, data_rng_, x_, y_, in_context_);
        const float loss = model_.forward(x_.data(), y_.data(), B, T);
        const std::vector<float>& losses = model_.acts().losses;
        for (size_t k = 0; k < in_context_.size(); k++)
            if (in_context_[k]) {
                in_context_sum_ += losses[k];
                in_context_count_++;
            } else {
                other_sum_ += losses[k];
                other_count_++;
            }
        loss_sum_ += loss;
        loss_count_++;
        model_.backward();
        model_.clip_gradients(settings_.grad_clip);
        model_.adamw_update(learning_rate(step_), opt);
        step_++;
        if (step_ % settings_.log_every == 0 || finished()) {
            LabRecord r = measure();
            loss_sum_ = in_context_sum_ = other_sum_ = 0.0;
            loss_count_ = in_context_count_ = other_count_ = 0;
            r.ms = ms_ + elapsed_ms();
            records_.push_back(r);
            out.push_back(std::move(r));
        }
    }
    ms_ += elapsed_ms();
    return out;
}

LabRecord TrainingLab::measure() {
    LabRecord r;
    r.step = step_;
    r.loss = static_cast<float>(loss_sum_ / std::max<int64_t>(1, loss_count_));
    r.in_context_loss = static_cast<float>(in_context_sum_ / std::max<int64_t>(1, in_context_count_));
    r.other_loss = static_cast<float>(other_sum_ / std::max<int64_t>(1, other_count_));
    const int P = static_cast<int>(probe_.size());
    model_.forward(probe_.data(), nullptr, 1, P);
    const ModelShape& s = model_.shape();
    const size_t PP = static_cast<size_t>(P) * P;
    const std::vector<float>& att = model_.acts().att; // [L][1][NH][P][P]
    r.attention.assign(att.begin(), att.begin() + static_cast<size_t>(s.n_layer) * s.n_head * PP);
    std::vector<float> A(PP);
    for (int l = 0; l < s.n_layer; l++)
        for (int h = 0; h < s.n_head; h++) {
            const float* src = r.attention.data() + (static_cast<size_t>(l) * s.n_head + h) * PP;
            std::copy(src, src + PP, A.begin());
            LabHeadScores hs;
            hs.layer = l;
            hs.head = h;
            hs.previous_token = al::census::previous_token(A, P, false);
            hs.induction = al::census::induction(A, probe_, false);
            r.heads.push_back(hs);
        }
    return r;
}

PhaseChange find_phase_change(const std::vector<LabRecord>& records, int window_steps) {
    std::vector<LossPoint> points;
    points.reserve(records.size());
    for (const LabRecord& r : records) points.push_back({r.step, r.in_context_loss, r.other_loss});
    return find_phase_change(points, window_steps);
}

PhaseChange TrainingLab::phase_change() const {
    return find_phase_change(records_, phase_window_steps(settings_.steps, settings_.log_every));
}

int TrainingLab::phase_change_step() const {
    const PhaseChange p = phase_change();
    return p.step ? p.from_step : -1;
}

LabHeadScores TrainingLab::best_induction() const {
    LabHeadScores best;
    if (records_.empty()) return best;
    best = records_.back().heads.front();
    for (const auto& h : records_.back().heads)
        if (h.induction > best.induction) best = h;
    return best;
}

LabHeadScores TrainingLab::best_previous_token(int layer) const {
    LabHeadScores best;
    best.layer = layer;
    if (records_.empty()) return best;
    bool any = false;
    for (const auto& h : records_.back().heads)
        if (h.layer == layer && (!any || h.previous_token > best.previous_token)) {
            best = h;
            any = true;
        }
    return best;
}

void TrainingLab::export_hf(const std::string& dir) const {
    al::train::export_hf(model_, dir, "");
    auto write = [&](const char* name, const std::string& text) {
        const std::string path = (std::filesystem::path(dir) / name).string();
        const std::string why = al::write_file_atomically(path, text);
        if (!why.empty()) throw al::Error("cannot write " + path + " (" + why + ")");
    };
    write("vocab.json", synthetic_vocab_json());
    write("merges.txt", synthetic_merges_txt());
}

} // namespace al::train
