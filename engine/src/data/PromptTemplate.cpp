#include "fedpilot/engine/Instruction.h"

#include <algorithm>

namespace fp::engine {

int EncodedSample::responseTokens() const {
    // A label at position 0 never carries loss: the model predicts position t from positions < t.
    return int(std::count_if(labels.begin() + (labels.empty() ? 0 : 1), labels.end(),
                             [](int label) { return label != kIgnoreLabel; }));
}

std::string alpacaPrompt(const InstructionSample &sample) {
    if (sample.input.empty()) {
        return "Below is an instruction that describes a task. Write a response that appropriately completes "
               "the request.\n\n### Instruction:\n" +
               sample.instruction + "\n\n### Response:\n";
    }
    return "Below is an instruction that describes a task, paired with an input that provides further context. "
           "Write a response that appropriately completes the request.\n\n### Instruction:\n" +
           sample.instruction + "\n\n### Input:\n" + sample.input + "\n\n### Response:\n";
}

EncodedSample encodeForTraining(const Tokenizer &tokenizer, const InstructionSample &sample, int maxTokens) {
    const std::string prompt = alpacaPrompt(sample);
    // Tokenize the whole text once (as alpaca-lora does) so the boundary merges like at inference time,
    // then mask as many leading positions as the prompt alone takes.
    const size_t promptLength = tokenizer.encode(prompt, true, false).size();
    EncodedSample encoded;
    encoded.tokens = tokenizer.encode(prompt + sample.output, true, true);
    if (maxTokens > 0 && encoded.tokens.size() > size_t(maxTokens)) {
        encoded.tokens.resize(size_t(maxTokens));
    }
    encoded.labels = encoded.tokens;
    std::fill_n(encoded.labels.begin(), std::min(promptLength, encoded.labels.size()), EncodedSample::kIgnoreLabel);
    return encoded;
}

} // namespace fp::engine
