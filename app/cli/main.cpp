// attention-lens-cli: the engine from the command line, JSON on stdout. Every command reads its
// options the same way (--long-option VALUE, bare --flags) and answers `COMMAND --help` the same
// way. Bad input (an unknown or malformed option, a missing model folder, a malformed file) exits
// with code 2 and one line on stderr; a failure at run time (a download that fails) exits with 1.
#include <QCoreApplication>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/threads.h"
#include "commands.h"
#include "course_math.h"
#include "model_locator.h"
#include "utf8_arguments.h"

static_assert(course::kTokenCap == 64, "the exercises help names the course's token cap: keep them alike");

namespace {

struct Command {
    const char* name;
    const char* options; // the synopsis after the name
    const char* summary; // one line for the overview
    const char* details; // more lines for `COMMAND --help` ("" if none)
    int (*run)(const cli::Args&);
};

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"info", "[--model DIR]", "shape, parameter count and dtype", "", cli::cmd_info},
        {"tokenize", "[--model DIR] --text STR", "GPT-2 BPE tokens with their bytes", "", cli::cmd_tokenize},
        {"attention", "[--model DIR] (--text STR | --ids 1,2,3) [--layer L --head H]",
         "attention patterns [L][H][T][T], or one head's [T][T]", "", cli::cmd_attention},
        {"decompose", "[--model DIR] (--text STR | --ids 1,2,3) --layer L --head H [--query I] [--key J] [--top N] | --split [--layer L]",
         "why a head attends: one score q.k/sqrt(d) split by the parts of the residual stream",
         "The score of query position I (default: the last) against key J (default: its most-weighted\n"
         "key) in head L.H, as a sum of query-part x key-part terms: the token and position embeddings,\n"
         "every earlier head's output, every earlier MLP's output and the biases. With each LayerNorm's\n"
         "scale held at its value on this text the split is exact: the terms add up to the score. Prints\n"
         "the N largest terms (default 10), the rest summed, and the terms grouped by kind of part.\n"
         "--split prints each head's (or layer L's heads') shares of position, content and biases in its\n"
         "choice of keys over the whole pattern (the attention-weighted size of each group's terms,\n"
         "measured from their mean over the keys each query may see), and for the last query's most-weighted\n"
         "key how far each group lifts its score above that row's mean (last_row_top).",
         cli::cmd_decompose},
        {"logits", "[--model DIR] (--text STR | --ids 1,2,3) [--top K] [--temperature X]",
         "last position's logits, or the top K next tokens", "", cli::cmd_logits},
        {"logit-lens", "[--model DIR] (--text STR | --ids 1,2,3) [--position P] [--top K]",
         "the prediction layer by layer: ln_f and the unembedding after each layer",
         "At position P (default: the last), the residual stream after the embeddings and after each\n"
         "layer, read through the final LayerNorm and the unembedding as if the model stopped there\n"
         "(the logit lens): the top K tokens (default 5) and the rank of the model's final answer. The\n"
         "last row is the model's own prediction; early layers were not trained to be read this way.\n"
         "\"direct\": how far the answer's logit stands above the mean logit over the vocabulary\n"
         "(above_mean), split into what each layer's attention and MLP, the embeddings, the output\n"
         "biases and the final LayerNorm's bias wrote directly; the parts add up to above_mean.",
         cli::cmd_logit_lens},
        {"patch",
         "[--model DIR] (--clean STR --corrupted STR | --clean-ids 1,2 --corrupted-ids 1,2) "
         "[--answer STR --wrong STR | --answer-id N --wrong-id N] [--positions] [--json]",
         "activation patching: how much of the clean answer each head's output brings back",
         "Runs both texts (the same number of tokens), then copies one output at a time from the clean\n"
         "run into the corrupted run: each head's output at every position (its z times its rows of\n"
         "W_O, without the bias), each layer's MLP output, and with --positions the residual stream\n"
         "entering each layer at each position. A cell is (LD_patched - LD_corrupted) / (LD_clean -\n"
         "LD_corrupted), LD = logit(answer) - logit(wrong) at the last position. The answer defaults to\n"
         "the clean run's top token, the wrong token to the corrupted run's. --json prints\n"
         "{\"logit_diff_clean\", \"logit_diff_corrupted\", \"answer_id\", \"wrong_id\", \"heads\": [[...] per\n"
         "layer], \"mlps\", \"positions\" (with --positions)}.",
         cli::cmd_patch},
        {"heads", "[--model DIR] [--text STR | --ids 1,2,3]", "head census (heuristic scores and labels)", "",
         cli::cmd_heads},
        {"bench", "[--model DIR|random-gpt2-small] --tokens T [--repeat N]",
         "time one full forward keeping every attention pattern", "", cli::cmd_bench},
        {"train-lab", "[--layers N] [--heads H] [--steps S] [--seed X] [--attn-only] [--out DIR]",
         "train a tiny GPT-2 on repeated random tokens, live",
         "JSON lines as it learns, then a summary; --out writes the trained model as a folder that\n"
         "--model opens. An existing --out folder is replaced only when it is empty or holds nothing\n"
         "but a model's files (config.json, model.safetensors, vocab.json, merges.txt); any other,\n"
         "a downloaded model (one with source.json) included, is refused before training, with exit\n"
         "code 2, and left as it was.",
         cli::cmd_train_lab},
        {"models", "[--embedded DIR] [--models-dir DIR]", "the model library",
         "The embedded model, the downloadable GPT-2 family, downloaded models and Hugging Face cache\n"
         "snapshots ($HF_HUB_CACHE, $HF_HOME/hub, ~/.cache/huggingface/hub), with size on disk,\n"
         "parameters, layers x heads and readiness.",
         cli::cmd_models},
        {"download", "[--repo REPO] [--revision REV] [--dest DIR] [--no-progress]", "fetch a GPT-2-family model",
         "REPO: a Hugging Face repository or a model id of the built-in manifest (default\n"
         "openai-community/gpt2). DIR: the models folder; the model is installed in DIR/<repository\n"
         "name>. The endpoint is $HF_ENDPOINT, else https://huggingface.co. An interrupted download\n"
         "resumes. JSON lines: progress, then \"done\" (exit 0) or \"error\" (exit 1).",
         cli::cmd_download},
        {"exercises", "audit [--model DIR|lens-mini] [--texts FILE] [--json] [--check] [--values] [--source DIR]",
         "every exercise run over a corpus of texts: answers, guessing strategies, leaks",
         "Per exercise: how often each answer occurs, the hit rates of guesses that need no knowledge\n"
         "(first option, previous token, first token, middle, corpus median, the card before) against\n"
         "chance, the near-ties its grader refuses and where its answer is visible before the commit.\n"
         // The cap written out: static_assert below keeps it the course's.
         "FILE: one text per line (UTF-8, blank lines skipped), each read up to its first 64 tokens, as\n"
         "the stations read it; default: the stations' presets and\n"
         "lessons/audit-texts.txt. DIR of --source: the source tree whose lessons/ and qml/ are read\n"
         "(default: the one this program was built from). --check: exit 1 and one line on stderr per\n"
         "threshold an exercise misses (lessons/README.md). --values: what each text gave, per exercise,\n"
         "on stderr.",
         cli::cmd_exercises},
    };
    return table;
}

void print_help() {
    std::printf("usage: attention-lens-cli COMMAND [OPTIONS]   (JSON on stdout; bad input: exit 2, one line on stderr)\n\n");
    for (const auto& c : commands()) std::printf("  %s %s\n      %s\n", c.name, c.options, c.summary);
    std::printf("\nWithout --model the embedded model %s is used; --model random-gpt2-small builds random\n"
                "weights of GPT-2 small's shapes. Each command also takes --help.\n",
                al::app::embeddedModelName().toUtf8().constData());
}

void print_command_help(const Command& c) {
    std::printf("usage: attention-lens-cli %s %s\n\n%s\n", c.name, c.options, c.summary);
    if (*c.details) std::printf("%s\n", c.details);
}

bool is_help(const std::string& a) { return a == "--help" || a == "-h"; }

int fail(const std::string& message) {
    std::string line = message;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "attention-lens-cli: %s\n", line.c_str());
    return 2;
}

// Whether stdout took everything printed: a full disk, /dev/full or a closed descriptor makes the
// writes fail quietly (printf buffers), so a script reading the output would take a cut-off JSON
// for a whole one. Flushed and checked once at the end: exit 1 with a line on stderr, whatever the
// command returned.
int checkedOutput(int code) {
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int e = errno;
    if (flushed && !std::ferror(stdout)) return code;
    std::fprintf(stderr, "attention-lens-cli: the output could not be written in full (%s); what was written is incomplete\n",
                 e ? std::strerror(e) : "a write failed");
    return code ? code : 1;
}

int run(int argc, char** argv);

} // namespace

int main(int argc, char** argv) { return checkedOutput(run(argc, argv)); }

namespace {

int run(int argc, char** argv) {
    // Under a file-size limit (ulimit -f) a write past it would kill the process; ignored, it
    // fails with EFBIG and is reported like any other failed write.
    std::signal(SIGXFSZ, SIG_IGN);
    al::configure_threads(); // before any model runs: BLAS workers that sleep instead of spin
    QCoreApplication app(argc, argv); // the library commands run Qt's event loop
    QCoreApplication::setApplicationName(QStringLiteral("attention-lens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AL_VERSION));

    // Before anything reads them: Qt would turn such bytes into U+FFFD, and a path so read names
    // another file, or none.
    if (const QString why = nonUtf8Argument(argc, argv); !why.isEmpty()) return fail(why.toStdString());
    if (argc < 2) {
        print_help();
        return fail("no command given");
    }
    const std::string name = argv[1];
    if (is_help(name) || name == "help") {
        print_help();
        return 0;
    }
    if (name == "--version") {
        std::printf("attention-lens-cli %s\n", AL_VERSION);
        return 0;
    }
    // Raw bytes of the arguments, so a --text with any bytes reaches the tokenizer unchanged.
    const cli::Args args(argv + 2, argv + argc);
    for (const auto& c : commands()) {
        if (name != c.name) continue;
        // `exercises audit --help` asks for the same help as `exercises --help`: the sub-command's.
        const bool subHelp = args.size() == 2 && is_help(args[1]) && std::string(c.options).rfind(args[0] + " ", 0) == 0;
        if ((args.size() == 1 && is_help(args[0])) || subHelp) {
            print_command_help(c);
            return 0;
        }
        try {
            return c.run(args);
        } catch (const cli::UsageError& e) {
            return fail(std::string(e.what()) + "; see attention-lens-cli " + name + " --help");
        } catch (const al::Error& e) {
            return fail(e.what());
        } catch (const std::bad_alloc&) {
            std::fprintf(stderr, "attention-lens-cli: out of memory\n");
            return 1;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "attention-lens-cli: internal error: %s\n", e.what());
            return 1;
        }
    }
    return fail("unknown command \"" + name + "\" (see --help)");
}

} // namespace
