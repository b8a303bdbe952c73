// `train-lab`: trains the training lab's tiny GPT-2 from scratch on synthetic repeated sequences
// (training/src/train_lab.h) and prints one JSON line per measurement as it goes, then a summary
// line; --out writes the trained model as a Hugging Face GPT-2 folder that --model opens.
#include <sys/stat.h>

#include <cstdint>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/model.h"
#include "attention_lens/safe_file.h"
#include "attention_lens/threads.h"
#include "commands.h"
#include "train_lab.h"

namespace cli {

namespace {
// What a model folder this tool writes holds: --out replaces a folder holding nothing else, and
// refuses any other. A downloaded model holds source.json as well, so it is never replaced.
const std::vector<std::string> kModelFiles = {"config.json", "model.safetensors", "vocab.json", "merges.txt"};

// A download's source.json names the repository it came from: "" when there is none, else a
// sentence for the refusal. The folder is the learner's downloaded model, not a lab result.
std::string why_it_is_a_download(const std::string& out) {
    const std::string source = (std::filesystem::path(out) / "source.json").string();
    struct stat st {};
    if (::lstat(source.c_str(), &st) != 0) return "";
    std::string repo;
    const al::FileBytes read = al::read_regular_file(source, 64 * 1024, al::Links::Refuse);
    if (read.problem == al::FileProblem::None) {
        const nlohmann::json j = nlohmann::json::parse(read.bytes, nullptr, false);
        if (j.is_object() && j.contains("repo") && j["repo"].is_string()) repo = j["repo"].get<std::string>();
    }
    return "--out \"" + out + "\" holds a download of " + (repo.empty() ? std::string("a model") : repo) +
           " (its source.json says so); train-lab replaces only a folder it wrote itself: give another folder";
}

// One line on stdout, keys in the order written (the order the lines are documented in).
void print_line(const nlohmann::ordered_json& j) {
    const std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}
// "1.4 MB": one decimal, so that a model of half a megabyte is not "0 MB". Below 10 MB, where a
// need and what is free can round alike ("needs 0.3 MB, 0.3 MB free"), in kB instead.
std::string megabytes(std::uintmax_t bytes) {
    char buf[32];
    if (bytes < std::uintmax_t(10) << 20) std::snprintf(buf, sizeof buf, "%ju kB", (bytes + 1023) / 1024);
    else std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / (1 << 20));
    return buf;
}
} // namespace

int cmd_train_lab(const Args& args) {
    const Options o(args, {"--layers", "--heads", "--steps", "--seed", "--out"}, {"--attn-only"});
    al::train::LabSettings s;
    s.n_layer = static_cast<int>(o.integer("--layers", s.n_layer, 1, 12));
    s.n_head = static_cast<int>(o.integer("--heads", s.n_head, 1, 16));
    s.steps = static_cast<int>(o.integer("--steps", s.steps, 1, 1000000));
    s.seed = static_cast<uint64_t>(o.integer("--seed", static_cast<long long>(s.seed), 0, (1LL << 62)));
    s.attn_only = o.has("--attn-only");
    if (s.n_embd % s.n_head != 0)
        throw UsageError("--heads must divide the width " + std::to_string(s.n_embd) + " (1, 2, 4, 8 or 16)");
    const std::string out = o.value("--out");
    std::optional<al::FolderWriteLock> lock;
    if (o.has("--out")) {
        std::error_code ec;
        if (out.empty()) throw UsageError("--out needs a folder");
        if (std::filesystem::exists(out, ec) && !std::filesystem::is_directory(out, ec))
            throw UsageError("--out \"" + out + "\" exists and is not a folder");
        // One run at a time per folder: a second would replace the first's result unseen.
        lock.emplace(out);
        if (lock->busy()) throw UsageError("--out " + lock->problem());
        if (!lock->held()) throw al::Error(lock->problem());
        if (const std::string why = why_it_is_a_download(out); !why.empty()) throw UsageError(why);
        // Refused before the training, not after it: a folder holding anything else is the
        // learner's, and replacing it would delete what it holds.
        if (const std::string why = al::why_folder_cannot_be_replaced(out, kModelFiles); !why.empty())
            throw al::Error(why);
    }
    // Bit-for-bit repeatable runs need a fixed BLAS thread count; one thread is also the fastest
    // for products this small.
    al::OneBlasThread one_thread;
    std::unique_ptr<al::train::TrainingLab> lab;
    try {
        lab = std::make_unique<al::train::TrainingLab>(s);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    // Refused before the training rather than after it: the new model is written beside the old
    // one (which stays until the new one is whole), so it needs its whole size free.
    if (!out.empty()) {
        // The weights, and a margin for config.json, vocab.json and merges.txt (a few kB).
        const std::uintmax_t needed = lab->model().params().size() * sizeof(float) + (64u << 10);
        std::error_code ec;
        std::filesystem::path target = std::filesystem::absolute(out, ec);
        if (!target.has_filename()) target = target.parent_path(); // "dir/tl/" names "dir/tl"
        const std::filesystem::path folder = target.parent_path();
        const std::filesystem::space_info room = std::filesystem::space(folder, ec);
        if (!ec && room.available < needed) {
            std::string need = megabytes(needed), free = megabytes(room.available);
            if (need == free) // rounded alike: the bytes say which is larger
                need = std::to_string(needed) + " bytes", free = std::to_string(room.available) + " bytes";
            throw al::Error("not enough free space for the model in " + folder.string() + ": it needs about " + need + ", and " +
                            free + " are free");
        }
    }
    while (!lab->finished())
        for (const al::train::LabRecord& r : lab->step(s.log_every)) {
            nlohmann::ordered_json heads = nlohmann::ordered_json::array();
            for (const auto& h : r.heads)
                heads.push_back({{"layer", h.layer},
                                 {"head", h.head},
                                 {"prev_token", compact(h.previous_token)},
                                 {"induction", compact(h.induction)}});
            print_line({{"step", r.step},
                        {"loss", compact(r.loss)},
                        {"in_context_loss", compact(r.in_context_loss)},
                        {"heads", heads},
                        {"ms", static_cast<long long>(r.ms)}});
        }
    // Written into a folder beside --out and checked by loading it, then renamed into place: a full
    // disk or a kill leaves the model that was there before, whole.
    if (!out.empty())
        al::replace_folder_atomically(out, kModelFiles, [&](const std::string& dir) {
            lab->export_hf(dir);
            al::Model::load(dir);
        });
    const al::train::LabHeadScores best = lab->best_induction();
    const int phase = lab->phase_change_step();
    nlohmann::ordered_json summary = {
        {"phase_change_step", phase >= 0 ? nlohmann::ordered_json(phase) : nlohmann::ordered_json(nullptr)},
        {"best_induction", {{"layer", best.layer}, {"head", best.head}, {"score", compact(best.induction)}}},
        {"seconds", compact(static_cast<float>(lab->records().back().ms / 1000.0))}};
    if (!out.empty()) summary["out"] = out;
    print_line(summary);
    return 0;
}

} // namespace cli
