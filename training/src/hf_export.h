// Writing the trainer's model as a Hugging Face GPT-2 folder (config.json, model.safetensors with
// HF's key names, F32, lm_head tied to wte) and reading such a folder back into the trainer.
#pragma once
#include <string>

#include "gpt2_train.h"

namespace al::train {

// config.json text for GPT2LMHeadModel of this shape; <|endoftext|> (id vocab-1) is bos and eos.
std::string hf_config_json(const ModelShape& s);
// Writes config.json and model.safetensors into dir (created if needed); copies vocab.json and
// merges.txt from tokenizer_dir when it is not empty.
void export_hf(const GPT2& model, const std::string& dir, const std::string& tokenizer_dir);
// Reads config.json + model.safetensors (F32/F16/BF16, with or without "transformer.") into a
// model of the stored shape.
GPT2 load_hf(const std::string& dir);

} // namespace al::train
