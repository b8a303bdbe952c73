// The trainer learns and resumes exactly:
//  * a tiny GPT-2 overfits a short token sequence (mean loss falls from ~log V to below 0.05);
//  * training N steps straight equals training N/2, saving a checkpoint, loading it into a fresh
//    model and training N/2 more (bit-identical parameters: the checkpoint holds everything).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "gpt2_train.h"
#include "plain_check.h"

using namespace al::train;

using testing_support::check;
using testing_support::failing_checks;

static ModelShape tiny_shape() {
    return ModelShape{.vocab = 29, .max_T = 32, .n_layer = 2, .n_head = 2, .n_embd = 32};
}

// "the cat sat on the mat" as letter ids (a..z = 0..25, space = 26), three times.
static std::vector<int> text_ids() {
    const std::string text = "the cat sat on the mat and the dog ran to the cat ";
    std::vector<int> ids;
    for (char c : text) ids.push_back(c == ' ' ? 26 : c - 'a');
    return ids;
}

static void train_steps(GPT2& m, const std::vector<int>& ids, int steps, int first_step) {
    const int T = static_cast<int>(ids.size()) - 1;
    AdamW opt;
    opt.weight_decay = 0.0f;
    for (int s = first_step; s < first_step + steps; s++) {
        m.forward(ids.data(), ids.data() + 1, 1, T);
        m.backward();
        m.clip_gradients(1.0f);
        m.adamw_update(s < 10 ? 1e-2f * (s + 1) / 10 : 1e-2f, opt);
    }
}

static void overfit() {
    GPT2 m(tiny_shape());
    m.init_random(1);
    std::vector<int> ids = text_ids();
    ids.resize(33);
    const int T = 32;
    const float first = m.forward(ids.data(), ids.data() + 1, 1, T);
    train_steps(m, ids, 300, 0);
    const float last = m.forward(ids.data(), ids.data() + 1, 1, T);
    std::printf("     loss %.4f -> %.4f after 300 steps\n", first, last);
    check(std::fabs(first - std::log(29.0f)) < 0.3f, "initial loss is about log(vocab)");
    check(last < 0.05f, "a tiny model overfits a short text (loss < 0.05)");
}

static void resume_is_exact() {
    std::vector<int> ids = text_ids();
    ids.resize(25);
    GPT2 straight(tiny_shape());
    straight.init_random(3);
    train_steps(straight, ids, 20, 0);

    GPT2 first_half(tiny_shape());
    first_half.init_random(3);
    train_steps(first_half, ids, 10, 0);
    const std::string path = (std::filesystem::temp_directory_path() / "al-test-trainer-checkpoint.bin").string();
    CheckpointMeta meta;
    meta.step = 10;
    meta.rng_state = 12345;
    save_checkpoint(path, first_half, meta);

    const ModelShape shape = read_checkpoint_shape(path);
    check(shape.n_embd == 32 && shape.vocab == 29 && shape.n_layer == 2, "checkpoint records the shape");
    GPT2 resumed(shape);
    CheckpointMeta meta2;
    check(load_checkpoint(path, resumed, meta2), "checkpoint loads");
    check(meta2.step == 10 && meta2.rng_state == 12345 && resumed.adam_step() == 10, "step, sampler state and Adam step restored");
    train_steps(resumed, ids, 10, 10);
    check(resumed.params() == straight.params(), "10 + checkpoint + 10 steps == 20 steps (bit-identical)");

    GPT2 other(tiny_shape());
    bool threw = false;
    ModelShape bigger = tiny_shape();
    bigger.n_embd = 64;
    GPT2 wrong(bigger);
    try {
        load_checkpoint(path, wrong, meta2);
    } catch (const std::exception&) {
        threw = true;
    }
    check(threw, "a checkpoint of another shape is refused");
    std::filesystem::remove(path);
    check(!load_checkpoint(path, other, meta2), "a missing checkpoint reports false (fresh start)");
}

int main() {
    overfit();
    resume_is_exact();
    std::printf("%d failing check(s)\n", failing_checks());
    return failing_checks() == 0 ? 0 : 1;
}
