// The CLI's subcommands, one file each (cmd_<name>.cpp), all alike: they take the raw arguments
// after the command's name, read them with cli::Options (--long-option VALUE and bare --flags),
// print JSON on stdout and throw UsageError for bad input. main.cpp's table lists them for dispatch
// and --help; adding a command is a new file, a declaration here and a row in that table.
#pragma once
#include "cli_common.h"

namespace cli {
int cmd_info(const Args& args);
int cmd_tokenize(const Args& args);
int cmd_attention(const Args& args);
int cmd_decompose(const Args& args);
int cmd_logits(const Args& args);
int cmd_logit_lens(const Args& args);
int cmd_heads(const Args& args);
int cmd_patch(const Args& args);
int cmd_bench(const Args& args);
int cmd_train_lab(const Args& args);
int cmd_models(const Args& args);
int cmd_download(const Args& args);
int cmd_exercises(const Args& args);
} // namespace cli
