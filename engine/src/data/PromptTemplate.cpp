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

namespace {

// The paper's reference code (zhenqincn/FedHDS). utils_data/natural_instruction_loader.py writes a Natural
// Instructions sample as `{definition}\n\nInput: {input}\n\nOutput:`, or with --use_prompts (as its authors run
// it) always with the input block (empty or not):
const char *const kReferenceNaturalInstructions =
    "Below is an instruction that describes a task, paired with an input that provides further context. Write a "
    "response that appropriately completes the request.\n\n### Instruction:\n";
// utils_data/llm_dataset.py (PROMPT_DICT, Dolly and Alpaca): the input block only when the input is not empty,
// and "for the task request" where alpaca-lora says "that appropriately completes the request".
const char *const kReferenceRecordWithInput =
    "Below is an instruction that describes a task, paired with an input that provides further context. Write a "
    "response for the task request.\n\n### Instruction:\n";
const char *const kReferenceRecordWithoutInput =
    "Below is an instruction that describes a task. Write a response for the task request.\n\n### Instruction:\n";

// Both loaders append the response (and the EOS token's text) to the prompt directly: no newline or space after
// "### Response:" or "Output:".
std::string referencePrompt(const InstructionSample &sample, bool usePrompts) {
    if (sample.source == SampleSource::NaturalInstructions) {
        if (!usePrompts) {
            return sample.instruction + "\n\nInput: " + sample.input + "\n\nOutput:";
        }
        return kReferenceNaturalInstructions + sample.instruction + "\n\n### Input:\n" + sample.input +
               "\n\n### Response:";
    }
    if (sample.input.empty()) {
        return kReferenceRecordWithoutInput + sample.instruction + "\n\n### Response:";
    }
    return kReferenceRecordWithInput + sample.instruction + "\n\n### Input:\n" + sample.input + "\n\n### Response:";
}

} // namespace

std::string promptText(const InstructionSample &sample, PromptTemplate promptTemplate) {
    switch (promptTemplate) {
    case PromptTemplate::Alpaca: return alpacaPrompt(sample);
    case PromptTemplate::Reference: return referencePrompt(sample, true);
    case PromptTemplate::ReferencePlain: return referencePrompt(sample, false);
    }
    return alpacaPrompt(sample);
}

EncodedSample encodeForTraining(const Tokenizer &tokenizer, const InstructionSample &sample, int maxTokens,
                                PromptTemplate promptTemplate) {
    const std::string prompt = promptText(sample, promptTemplate);
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
