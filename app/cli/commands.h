// The CLI's subcommands, one file each (cmd_<name>.cpp). main.cpp's table lists them for dispatch
// and --help; adding a command is a new file, a declaration here and a row in that table.
#pragma once
#include <QString>
#include <QStringList>

#include "cli_common.h"

namespace cli {
int cmd_info(const Args& args);
int cmd_tokenize(const Args& args);
int cmd_attention(const Args& args);
int cmd_logits(const Args& args);
int cmd_heads(const Args& args);
int cmd_bench(const Args& args);
int cmd_train_lab(const Args& args);
} // namespace cli

// Model library commands (Qt-based).
int cmdDownload(const QStringList& args);
int cmdModels(const QStringList& args, const QString& embeddedDir);
