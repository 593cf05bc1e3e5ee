#pragma once

#include "fedpilot/engine/Tokenizer.h"

#include <string>
#include <vector>

namespace fp::engine {

// Where a sample was read from: a record file (Alpaca, Dolly, Self-Instruct JSON/JSONL) or a Natural Instructions
// task file. The paper's reference code writes the prompts of the two differently (PromptTemplate::Reference).
enum class SampleSource { Record, NaturalInstructions };

// One instruction-tuning example, as the Alpaca/Dolly/Natural Instructions readers produce it.
struct InstructionSample {
    std::string instruction; // a Natural Instructions task's definition
    std::string input;       // optional context; empty when the task has none
    std::string output;
    std::string category; // task or category name (used for partitions and held-out tasks)
    SampleSource source = SampleSource::Record;
};

// Which prompt wraps a sample (trial key model.prompt_template; docs/trial-format.md gives every string).
enum class PromptTemplate {
    Alpaca,         // alpaca-lora's: with or without the input block, ending "### Response:\n" (the default)
    Reference,      // the paper's reference code as its authors run it (--use_prompts): Natural Instructions tasks with
                    // its NI loader's template, records (Dolly, Alpaca) with its llm_dataset.py template
    ReferencePlain, // the reference code without --use_prompts: NI tasks as "{definition}\n\nInput: {input}\n\n
                    // Output:"; records as with Reference (its Dolly loader has no such switch)
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

// The prompt `promptTemplate` writes for the sample; the response follows it directly.
[[nodiscard]] std::string promptText(const InstructionSample &sample, PromptTemplate promptTemplate);

// Tokenizes prompt + output (BOS first, EOS last), masks the prompt, truncates to maxTokens
// (0: no limit). A sample whose response is truncated away has responseTokens() == 0.
[[nodiscard]] EncodedSample encodeForTraining(const Tokenizer &tokenizer, const InstructionSample &sample,
                                              int maxTokens, PromptTemplate promptTemplate = PromptTemplate::Alpaca);

} // namespace fp::engine
