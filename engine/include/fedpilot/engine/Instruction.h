#pragma once

#include "fedpilot/engine/Tokenizer.h"

#include <string>
#include <vector>

namespace fp::engine {

// One instruction-tuning example, as the Alpaca/Dolly/Natural Instructions readers produce it.
struct InstructionSample {
    std::string instruction;
    std::string input; // optional context; empty when the task has none
    std::string output;
    std::string category; // task or category name (used for partitions and held-out tasks)
};

// A tokenized sample: tokens with BOS ... EOS, and per-position labels where prompt positions are
// kIgnoreLabel so that the loss covers the response only. labels.size() == tokens.size().
struct EncodedSample {
    static constexpr int kIgnoreLabel = -100;
    std::vector<int> tokens;
    std::vector<int> labels;
    [[nodiscard]] int responseTokens() const; // positions that carry a loss
};

// The Alpaca prompt ("Below is an instruction ... ### Response:\n"), with or without the input block.
[[nodiscard]] std::string alpacaPrompt(const InstructionSample &sample);

// Tokenizes prompt + output (BOS first, EOS last), masks the prompt, truncates to maxTokens
// (0: no limit). A sample whose response is truncated away has responseTokens() == 0.
[[nodiscard]] EncodedSample encodeForTraining(const Tokenizer &tokenizer, const InstructionSample &sample,
                                              int maxTokens);

} // namespace fp::engine
