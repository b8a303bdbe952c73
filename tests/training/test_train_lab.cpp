// The training lab (training/src/train_lab.h) and its data (synthetic_sequences.h):
//  * the data: every sequence starts with <|endoftext|>, holds a span written twice, and marks
//    exactly the second copy after its first token as in-context; every byte token occurs, the
//    common ones as often as the spec says; the byte vocabulary loads in al::Tokenizer and
//    encodes text one token per byte;
//  * a short run learns: the training loss falls well below ln 257 (chance);
//  * a run is a function of its settings: the same seed gives bit-for-bit identical records
//    (twice, and again after reset()); another seed gives different ones;
//  * the phase-change rule on hand-made records (a step, even openings, a small jump, a window
//    shorter than the drop, records read as they come) and on a lab's own records;
//  * the contrasting run's settings: shorter spans only, and fewer in-context targets;
//  * an exported model (full blocks and attention-only) loads through al::Model::load, its
//    forward runs, and its logits agree with the trainer's on the probe;
//  * with the default data the probe is the census's own repeated sequence for the exported
//    model, and the census's induction scores are the lab's.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "attention_lens/census.h"
#include "attention_lens/forward.h"
#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"
#include "synthetic_sequences.h"
#include "train_lab.h"
#include "plain_check.h"

using namespace al::train;

using testing_support::check;
using testing_support::failing_checks;

// Small enough for a test: a few seconds at most on two cores.
static LabSettings small_settings() {
    return LabSettings{.n_layer = 2,
                       .n_head = 2,
                       .n_embd = 32,
                       .steps = 300,
                       .batch = 8,
                       // bigram 0.5: plenty to learn in a few hundred steps
                       .data = {.length = 24, .min_span = 4, .max_span = 11, .bigram = 0.5f},
                       .learning_rate = 1e-2f,
                       .log_every = 50,
                       .probe_length = 10};
}

static void data() {
    SyntheticSpec spec;
    spec.length = 40;
    spec.min_span = 5;
    spec.max_span = 12;
    uint64_t rng = 42;
    bool ok = true;
    for (int n = 0; n < 200 && ok; n++) {
        const SyntheticSequence s = synthetic_sequence(spec, rng);
        ok = s.tokens.size() == 40 && s.tokens[0] == kSyntheticBos;
        int marked = 0, start = -1;
        for (int i = 0; i < 40; i++) {
            if (i > 0 && (s.tokens[i] < 0 || s.tokens[i] >= spec.tokens)) ok = false;
            if (s.in_context[i]) {
                if (start < 0) start = i - 1; // the copy's first token is not marked
                marked++;
            }
        }
        const int k = marked + 1;
        ok = ok && k >= spec.min_span && k <= spec.max_span && start >= 1;
        // The second copy repeats an earlier span of the same length, ending before it starts.
        bool found = false;
        for (int first = 1; ok && first + k <= start && !found; first++) {
            bool same = true;
            for (int j = 0; j < k && same; j++) same = s.tokens[first + j] == s.tokens[start + j];
            found = same;
        }
        ok = ok && found;
        for (int i = start + 1; ok && i < start + k; i++) ok = s.in_context[i] == 1;
    }
    check(ok, "every sequence: <|endoftext|> first, a span of 5..12 tokens repeated, the copy marked");

    std::vector<int> x, y;
    std::vector<uint8_t> ctx;
    uint64_t r1 = 9, r2 = 9;
    synthetic_batch(spec, 4, r1, x, y, ctx);
    bool shifted = x.size() == 160 && y.size() == 160;
    for (int b = 0; b < 4 && shifted; b++)
        for (int t = 0; t + 1 < 40; t++) shifted = shifted && y[b * 40 + t] == x[b * 40 + t + 1];
    check(shifted, "a batch's targets are its inputs shifted by one");
    std::vector<int> x2, y2;
    std::vector<uint8_t> ctx2;
    synthetic_batch(spec, 4, r2, x2, y2, ctx2);
    check(x == x2 && y == y2 && ctx == ctx2 && r1 == r2, "the same generator state gives the same batch");

    bool threw = false;
    try {
        SyntheticSpec bad = spec;
        bad.min_span = 30;
        bad.max_span = 30;
        synthetic_sequence(bad, rng);
    } catch (const std::invalid_argument&) {
        threw = true;
    }
    check(threw, "a span too long for two copies is refused");

    // Frequencies: a random token is one of the 64 common ids with probability 0.75 + 0.25 * 64/256
    // = 0.8125 (the rules keep common ids common), and every one of the 256 byte tokens occurs.
    {
        SyntheticSpec freq = spec;
        uint64_t fr = 5;
        std::vector<long> count(kSyntheticVocab, 0);
        long total = 0;
        for (int n = 0; n < 2000; n++) {
            const SyntheticSequence q = synthetic_sequence(freq, fr);
            for (size_t i = 1; i < q.tokens.size(); i++, total++) count[q.tokens[i]]++;
        }
        long common = 0;
        bool all = true;
        for (int id = 0; id < kSyntheticBytes; id++) {
            if (id < freq.common) common += count[id];
            all = all && count[id] > 0;
        }
        const double share = double(common) / total;
        std::printf("     common share %.4f over %ld tokens\n", share, total);
        check(freq.tokens == 256 && freq.common == 64 && std::fabs(share - 0.8125) < 0.01 && all && count[kSyntheticBos] == 0,
              "the default data: all 256 byte tokens occur, the 64 common ones 81% of the time");
        freq.common_share = 0;
        fr = 5;
        common = total = 0;
        for (int n = 0; n < 2000; n++) {
            const SyntheticSequence q = synthetic_sequence(freq, fr);
            for (size_t i = 1; i < q.tokens.size(); i++, total++) common += q.tokens[i] < freq.common;
        }
        check(std::fabs(double(common) / total - 0.25) < 0.01, "common_share 0: all tokens equally common");
        bool refused = false;
        try {
            SyntheticSpec bad = spec;
            bad.common = 300;
            validate(bad);
        } catch (const std::invalid_argument&) {
            refused = true;
        }
        check(refused, "more common tokens than tokens is refused");
    }

    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "al_test_lab_vocab";
    std::filesystem::create_directories(dir);
    {
        std::FILE* f = std::fopen((dir / "vocab.json").c_str(), "wb");
        const std::string v = synthetic_vocab_json();
        std::fwrite(v.data(), 1, v.size(), f);
        std::fclose(f);
        f = std::fopen((dir / "merges.txt").c_str(), "wb");
        const std::string m = synthetic_merges_txt();
        std::fwrite(m.data(), 1, m.size(), f);
        std::fclose(f);
    }
    const al::Tokenizer tok = al::Tokenizer::load((dir / "vocab.json").string(), (dir / "merges.txt").string());
    const std::vector<int> ids = tok.encode("Hi \xc3\xa9!");
    bool bytes = ids.size() == 6;
    const std::string text = "Hi \xc3\xa9!";
    for (size_t i = 0; i < ids.size() && bytes; i++) bytes = synthetic_byte(ids[i]) == static_cast<unsigned char>(text[i]);
    check(tok.vocab_size() == kSyntheticVocab && bytes && ids[0] == 7 && ids[1] == 26 + 8,
          "the byte vocabulary: 257 tokens, text encodes one token per byte, letters first (H = 7, i = 34)");
    bool permutation = true;
    std::vector<int> seen(256, 0);
    for (int id = 0; id < 256; id++) seen[synthetic_byte(id)]++;
    for (int c : seen) permutation = permutation && c == 1;
    check(permutation, "the 256 ids name the 256 bytes, each once");
    std::filesystem::remove_all(dir);
}

static bool same_records(const std::vector<LabRecord>& a, const std::vector<LabRecord>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++) {
        const LabRecord &p = a[i], &q = b[i];
        if (p.step != q.step || std::memcmp(&p.loss, &q.loss, sizeof(float)) != 0 ||
            std::memcmp(&p.in_context_loss, &q.in_context_loss, sizeof(float)) != 0 ||
            std::memcmp(&p.other_loss, &q.other_loss, sizeof(float)) != 0 || p.heads.size() != q.heads.size() ||
            p.attention.size() != q.attention.size())
            return false;
        for (size_t h = 0; h < p.heads.size(); h++)
            if (std::memcmp(&p.heads[h].previous_token, &q.heads[h].previous_token, sizeof(float)) != 0 ||
                std::memcmp(&p.heads[h].induction, &q.heads[h].induction, sizeof(float)) != 0)
                return false;
        if (std::memcmp(p.attention.data(), q.attention.data(), p.attention.size() * sizeof(float)) != 0)
            return false;
    }
    return true;
}

static std::vector<LabRecord> run(TrainingLab& lab, int chunk) {
    while (!lab.finished()) lab.step(chunk);
    return lab.records();
}

static void learning_and_repeatability() {
    const LabSettings s = small_settings();
    TrainingLab a(s);
    const auto ra = run(a, 7); // chunks that do not line up with the records
    const double chance = std::log(double(kSyntheticVocab));
    check(ra.size() == 6 && ra.back().step == 300 && a.finished() && a.progress() == 1.0,
          "300 steps, a record every 50");
    std::printf("     loss %.3f -> %.3f (chance %.3f)\n", ra.front().loss, ra.back().loss, chance);
    check(ra.back().loss < ra.front().loss - 0.3 && ra.back().loss < chance - 1.0,
          "the training loss falls (by more than 0.3 nats after the first record, 1 below chance)");
    bool shapes = true;
    const int P = static_cast<int>(a.probe().size());
    for (const auto& r : ra) {
        shapes = shapes && r.heads.size() == 4 && r.attention.size() == size_t(4) * P * P && r.ms > 0;
        for (const auto& h : r.heads)
            shapes = shapes && h.previous_token >= 0 && h.previous_token <= 1 && h.induction >= 0 && h.induction <= 1;
    }
    check(P == 21 && shapes, "each record: 2 x 2 heads with scores in [0, 1], attention [2][2][21][21]");
    bool rows = true;
    for (int row = 0; row < 4 * P; row++) {
        double sum = 0;
        for (int j = 0; j < P; j++) sum += ra.back().attention[size_t(row) * P + j];
        rows = rows && std::fabs(sum - 1.0) < 1e-4;
        const int i = row % P;
        for (int j = i + 1; j < P; j++) rows = rows && ra.back().attention[size_t(row) * P + j] == 0.0f;
    }
    check(rows, "attention rows sum to 1 and never look ahead");

    TrainingLab b(s);
    const auto rb = run(b, 300);
    check(same_records(ra, rb), "the same seed: bit-for-bit the same records");
    a.reset();
    check(a.steps_done() == 0 && a.records().empty(), "reset goes back to step 0");
    check(same_records(ra, run(a, 50)), "after reset: bit-for-bit the same records again");
    LabSettings other = s;
    other.seed = 2;
    TrainingLab c(other);
    check(!same_records(ra, run(c, 300)), "another seed: other records");
    check(b.step(10).empty() && b.steps_done() == 300, "a finished run trains no further");

    bool threw = false;
    try {
        LabSettings bad = s;
        bad.n_head = 3; // 32 is not divisible by 3
        TrainingLab d(bad);
    } catch (const std::invalid_argument&) {
        threw = true;
    }
    check(threw, "settings out of range are refused");
}

// The phase-change rule (phase_change.h) on hand-made records: the gap is other − in-context.
static void phase_change_rule() {
    // Records every 25 steps of a 2,000-step run; gap(step) gives each record's gap.
    auto records = [](int last, const std::function<float(int)>& gap) {
        std::vector<LabRecord> r;
        for (int step = 25; step <= last; step += 25) {
            LabRecord x;
            x.step = step;
            x.other_loss = 4.0f;
            x.in_context_loss = 4.0f - gap(step);
            r.push_back(x);
        }
        return r;
    };
    const int W = phase_window_steps(2000, 25);
    check(W == 250 && phase_window_steps(50, 25) == 25 && phase_window_steps(160, 10) == 20,
          "the window: an eighth of the run, never less than the steps between two records");

    // A step: flat, then 3 nats between steps 600 and 750, then flat again.
    auto stepped = [](int s) { return s <= 600 ? 0.0f : s >= 750 ? 3.0f : 3.0f * (s - 600) / 150.0f; };
    PhaseChange p = find_phase_change(records(2000, stepped), W);
    check(p.step && p.from_step == 600 && p.to_step == 750 && std::fabs(p.rise - 3.0f) < 1e-5f &&
              std::fabs(p.opening - 3.0f) < 1e-5f && p.window_steps == 250,
          "a gap that opens by 3 nats within 150 steps: a step, marked from 600 to 750");
    // The same opening spread evenly over the run: an eighth of it in any 250 steps.
    p = find_phase_change(records(2000, [](int s) { return 3.0f * s / 2000.0f; }), W);
    check(!p.step && std::fabs(p.rise - 0.375f) < 1e-4f, "3 nats opened evenly: gradual (0.375 in the steepest window)");
    // Ten nats evenly: more than 1 nat in a window, but only an eighth of the opening.
    p = find_phase_change(records(2000, [](int s) { return 10.0f * s / 2000.0f; }), W);
    check(!p.step && p.rise > 1.0f, "10 nats opened evenly: gradual although a window holds more than 1 nat");
    // A sudden but small opening: all of it in one window, less than 1 nat.
    p = find_phase_change(records(2000, [](int s) { return s < 1000 ? 0.0f : 0.6f; }), W);
    check(!p.step && p.from_step == 975 && p.to_step == 1000, "0.6 nats at once: too small to count as a step");
    // Spread over 300 steps, longer than the window: the window holds 2.5 of 3 nats.
    p = find_phase_change(records(2000, [](int s) { return s <= 500 ? 0.0f : s >= 800 ? 3.0f : (s - 500) / 100.0f; }), W);
    check(p.step && p.to_step - p.from_step <= 250 && std::fabs(p.rise - 2.5f) < 1e-4f,
          "3 nats over 300 steps: the steepest 250 steps hold 2.5, a step");
    // A gap that opens and closes again counts by what it did within the window.
    p = find_phase_change(records(2000, [](int s) { return s >= 700 && s < 900 ? 2.0f : 0.0f; }), W);
    check(p.step && p.from_step == 675 && p.to_step == 700, "a gap of 2 nats that closes again: a step at its opening");
    // Read as it trains: before the drop, gradual; after it, a step.
    const auto all = records(2000, stepped);
    const std::vector<LabRecord> early(all.begin(), all.begin() + 20); // up to step 500
    check(!find_phase_change(early, W).step, "records up to step 500 of the stepped run: no phase change yet");
    check(!find_phase_change(std::vector<LabRecord>(all.begin(), all.begin() + 1), W).step &&
              find_phase_change(std::vector<LabRecord>(all.begin(), all.begin() + 1), W).from_step == -1 &&
              find_phase_change(std::vector<LabRecord>{}, W).from_step == -1,
          "fewer than two records: no window, no phase change");

    // A lab reads its own records with its own window.
    LabSettings s = small_settings();
    TrainingLab lab(s);
    run(lab, 300);
    const PhaseChange mine = lab.phase_change();
    const PhaseChange again = find_phase_change(lab.records(), phase_window_steps(s.steps, s.log_every));
    check(mine.step == again.step && mine.from_step == again.from_step && mine.rise == again.rise &&
              lab.phase_change_step() == (mine.step ? mine.from_step : -1),
          "TrainingLab::phase_change is the rule on its records with its window");
}

// The contrasting run: the same settings, shorter spans, and a valid run.
static void contrast_settings() {
    LabSettings s;
    s.seed = 5;
    s.n_head = 2;
    const LabSettings c = short_span_contrast(s);
    check(c.data.min_span == kContrastMinSpan && c.data.max_span == kContrastMaxSpan &&
              kContrastMaxSpan < s.data.min_span && c.seed == 5 && c.n_head == 2 && c.n_layer == s.n_layer &&
              c.steps == s.steps && c.data.length == s.data.length && c.data.bigram == s.data.bigram,
          "the contrasting run changes the span lengths only, to spans shorter than the main run's");
    validate(c);
    // Its sequences hold a second copy of kContrastMinSpan..kContrastMaxSpan tokens: fewer in-context targets.
    uint64_t rng = 3, rng2 = 3;
    long mine = 0, main_run = 0;
    for (int n = 0; n < 500; n++) {
        for (uint8_t m : synthetic_sequence(c.data, rng).in_context) mine += m;
        for (uint8_t m : synthetic_sequence(s.data, rng2).in_context) main_run += m;
    }
    const double share = double(mine) / (500.0 * (c.data.length - 1));
    const double main_share = double(main_run) / (500.0 * (s.data.length - 1));
    std::printf("     in-context share: contrast %.3f, main %.3f\n", share, main_share);
    check(std::fabs(share - (0.5 * (kContrastMinSpan + kContrastMaxSpan) - 1) / 63.0) < 0.01 && main_share > 2 * share,
          "the contrast's in-context targets: as many as its spans give, under half the main run's");
}

// The engine's logits for the probe against the trainer's; returns the largest difference.
static float export_and_compare(const LabSettings& s, const std::string& name) {
    TrainingLab lab(s);
    run(lab, 100);
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    lab.export_hf(dir.string());
    const auto model = al::Model::load(dir.string());
    al::Runner runner(model);
    const std::vector<int>& ids = lab.probe();
    const al::ForwardResult r = runner.forward_full(ids);
    GPT2 trainer = lab.model(); // a copy: forward changes its activations
    trainer.forward(ids.data(), nullptr, 1, static_cast<int>(ids.size()));
    const int V = kSyntheticVocab, T = static_cast<int>(ids.size());
    float worst = 0;
    const float* mine = trainer.acts().logits.data() + size_t(T - 1) * V;
    for (int v = 0; v < V; v++) worst = std::max(worst, std::fabs(mine[v] - r.logits_last[v]));
    std::filesystem::remove_all(dir);
    return worst;
}

static void export_loads() {
    LabSettings s = small_settings();
    s.steps = 100;
    const float full = export_and_compare(s, "al_test_lab_export");
    check(full < 1e-3f, "exported model loads through the engine; last-position logits agree (max diff " +
                            std::to_string(full) + ")");
    s.attn_only = true;
    const float attn = export_and_compare(s, "al_test_lab_export_attn");
    check(attn < 1e-3f, "attention-only export (MLPs at 0) loads and agrees too (max diff " +
                            std::to_string(attn) + ")");
}

// With the default data, on all 256 byte tokens, the lab scores induction on the very sequence the
// engine's census draws for the exported model, so `attention-lens-cli heads` reports the lab's
// induction scores. With fewer tokens the probe is drawn from those.
static void probe_is_the_census_sequence() {
    LabSettings s; // the defaults: the model, the data and the probe as the app and the CLI train
    s.steps = 10;
    s.log_every = 10;
    TrainingLab lab(s);
    run(lab, 10);
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "al_test_lab_census";
    std::filesystem::remove_all(dir);
    lab.export_hf(dir.string());
    const auto model = al::Model::load(dir.string());
    const al::CensusOptions census;
    const std::vector<int> rep = al::induction_sequence(model->config(), census.induction_length, census.seed);
    check(rep == lab.probe() && rep.size() == 63 && rep[0] == kSyntheticBos,
          "the default probe is the census's repeated sequence for the exported model (BOS + 31 tokens, twice)");
    bool rare = false;
    for (size_t i = 1; i < rep.size(); i++) rare = rare || rep[i] >= 64;
    check(rare, "that sequence holds tokens outside the common 64 (the data must train them)");
    al::Runner runner(model);
    const std::vector<al::HeadScores> scores = al::head_census(runner, {kSyntheticBos, 0, 1, 2, 0, 1, 2});
    float worst = 1;
    if (scores.size() == lab.records().back().heads.size()) {
        worst = 0;
        for (size_t h = 0; h < scores.size(); h++)
            worst = std::max(worst, std::fabs(scores[h].induction - lab.records().back().heads[h].induction));
    }
    check(worst < 1e-4f, "the census's induction scores are the lab's (max diff " + std::to_string(worst) + ")");
    std::filesystem::remove_all(dir);

    LabSettings few = s;
    few.data.tokens = 64;
    few.data.common = 16;
    TrainingLab small(few);
    bool inside = small.probe().size() == 63 && small.probe()[0] == kSyntheticBos;
    for (size_t i = 1; i < small.probe().size(); i++) inside = inside && small.probe()[i] < 64;
    check(inside, "with 64 tokens the probe is drawn from those 64");
}

int main() {
    data();
    learning_and_repeatability();
    phase_change_rule();
    contrast_settings();
    export_loads();
    probe_is_the_census_sequence();
    std::printf("%s\n", failing_checks() ? "FAILED" : "all passed");
    return failing_checks() ? 1 : 0;
}
