// attention-lens-cli: the engine from the command line, JSON on stdout. Bad input (a missing model
// folder, a malformed file, an option out of range) exits with code 2 and one line on stderr.
#include <QCoreApplication>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "attention_lens/error.h"
#include "attention_lens/threads.h"
#include "commands.h"
#include "model_locator.h"

namespace {

struct Command {
    const char* name;
    const char* usage;
    std::function<int(const cli::Args&)> run;
};

[[maybe_unused]] QStringList to_qt(const cli::Args& args) {
    QStringList out;
    for (const auto& a : args) out << QString::fromStdString(a);
    return out;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"info", "info [--model DIR]                     shape, parameter count and dtype", cli::cmd_info},
        {"tokenize", "tokenize [--model DIR] --text STR       GPT-2 BPE tokens with their bytes", cli::cmd_tokenize},
        {"attention",
         "attention [--model DIR] (--text STR | --ids 1,2,3) [--layer L --head H]\n"
         "                                           attention patterns [L][H][T][T], or one head's [T][T]",
         cli::cmd_attention},
        {"logits",
         "logits [--model DIR] (--text STR | --ids ...) [--top K] [--temperature X]\n"
         "                                           last position's logits, or the top K next tokens",
         cli::cmd_logits},
        {"heads", "heads [--model DIR] [--text STR | --ids ...]  head census (heuristic scores and labels)", cli::cmd_heads},
        {"bench",
         "bench [--model DIR|random-gpt2-small] --tokens T [--repeat N]\n"
         "                                           time one full forward keeping every attention pattern",
         cli::cmd_bench},
#ifdef AL_CLI_HAS_TRAIN_LAB
        {"train-lab",
         "train-lab [--layers N] [--heads H] [--steps S] [--seed X] [--attn-only] [--out DIR]\n"
         "                                           train a tiny GPT-2 on repeated random tokens, live\n"
         "                                           (JSON lines as it learns, then a summary)",
         cli::cmd_train_lab},
#endif
#ifdef AL_CLI_HAS_MODELS
        {"models", "models [--embedded DIR] [--models-dir DIR]  the model library",
         [](const cli::Args& a) { return cmdModels(to_qt(a), al::app::locateEmbeddedModel()); }},
#endif
#ifdef AL_CLI_HAS_DOWNLOAD
        {"download", "download [--repo REPO] [--revision REV] [--dest DIR]  fetch a GPT-2-family model",
         [](const cli::Args& a) { return cmdDownload(to_qt(a)); }},
#endif
    };
    return table;
}

void print_help() {
    std::printf("usage: attention-lens-cli COMMAND [OPTIONS]   (JSON on stdout; bad input: exit 2, one line on stderr)\n\n");
    for (const auto& c : commands()) std::printf("  %s\n", c.usage);
    std::printf("\nWithout --model the embedded model %s is used; --model random-gpt2-small builds random\n"
                "weights of GPT-2 small's shapes. Each command also takes --help.\n",
                al::app::embeddedModelName().toUtf8().constData());
}

int fail(const std::string& message) {
    std::string line = message;
    for (char& c : line)
        if (c == '\n' || c == '\r') c = ' ';
    std::fprintf(stderr, "attention-lens-cli: %s\n", line.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    al::configure_threads(); // before any model runs: BLAS workers that sleep instead of spin
    QCoreApplication app(argc, argv); // the library commands run Qt's event loop
    QCoreApplication::setApplicationName(QStringLiteral("attention-lens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AL_VERSION));

    if (argc < 2) {
        print_help();
        return fail("no command given");
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
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
        if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h") && name != "models" && name != "download") {
            std::printf("usage: attention-lens-cli %s\n", c.usage);
            return 0;
        }
        try {
            return c.run(args);
        } catch (const cli::UsageError& e) {
            return fail(e.what());
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
