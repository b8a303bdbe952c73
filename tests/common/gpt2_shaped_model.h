// A model of GPT-2 small's shapes (12 layers x 12 heads, d 768, 1,024 positions) built in memory
// with random weights and GPT-2's own tokenizer, read from SHARED/gpt2-tokenizer (SHARED is
// $AL_SHARED_DIR, which ctest sets). For the tests and benchmarks that must run at the scale a
// learner sees without downloading GPT-2. Throws al::Error when the tokenizer cannot be read.
#pragma once
#include <QString>

#include <memory>

#include "attention_lens/model.h"
#include "attention_lens/tokenizer.h"

namespace testing_support {

inline std::shared_ptr<const al::Model> gpt2ShapedModel(uint64_t seed,
                                                        const QString& shared = qEnvironmentVariable("AL_SHARED_DIR")) {
    const QString dir = shared + QStringLiteral("/gpt2-tokenizer/");
    al::Tokenizer tokenizer = al::Tokenizer::load((dir + QStringLiteral("vocab.json")).toStdString(),
                                                  (dir + QStringLiteral("merges.txt")).toStdString());
    return al::Model::random(al::Model::gpt2_small_config(), seed, std::move(tokenizer));
}

} // namespace testing_support
