#pragma once
// Engine-private: what a client does with the model (features, training, evaluation), shared by LocalSite
// and the coordinator's central evaluation. Every function runs on the caller's thread.
#include "fedpilot/engine/Instruction.h"
#include "fedpilot/engine/LanguageModel.h"
#include "fedpilot/engine/Site.h"

#include <cstdint>
#include <vector>

namespace fp::engine::detail {

// splitmix64 of a and b: independent, reproducible seeds per (run seed, round, client, purpose).
[[nodiscard]] uint64_t mixSeed(uint64_t a, uint64_t b);

// prompt + response tokens fitted into maxTokens. PromptStart: BOS kept, the start of a long prompt dropped first
// (long task definitions), then the end of the response. Reference: the first maxTokens tokens (the end of the
// response goes first, then the end of the prompt). responseTokens() == 0 when nothing of the response fits.
[[nodiscard]] EncodedSample encodeWithinWindow(const Tokenizer &tokenizer, const InstructionSample &sample,
                                               int maxTokens, Truncation truncation,
                                               PromptTemplate promptTemplate = PromptTemplate::Alpaca);

// The token sequences features are taken from: each sample's training encoding (prompt + response, BOS ...
// EOS) cut to BOS + its last featureTokens - 1 tokens (PromptStart) or to its first featureTokens tokens
// (Reference). Also used by fp_bench_engine --mode features.
[[nodiscard]] std::vector<std::vector<int>> featureSequences(const Tokenizer &tokenizer,
                                                             const std::vector<InstructionSample> &samples,
                                                             const std::vector<size_t> &indices, int featureTokens,
                                                             Truncation truncation,
                                                             PromptTemplate promptTemplate = PromptTemplate::Alpaca);

// Sequences per forward pass when extracting features.
inline constexpr int kFeatureBatchSize = 16;

// Feature rows (all-layer last-token states) of the given samples' featureSequences, kFeatureBatchSize at a time.
Result<std::vector<std::vector<float>>> extractFeatures(const LanguageModel &model,
                                                        const std::vector<InstructionSample> &samples,
                                                        const std::vector<size_t> &indices, int featureTokens,
                                                        Truncation truncation,
                                                        PromptTemplate promptTemplate = PromptTemplate::Alpaca);

struct TrainingOutcome {
    int64_t trainingTokens = 0;
    int64_t steps = 0;
    int64_t skippedSteps = 0;
    double meanLoss = 0.0;
};

// Local LoRA training on the coreset (model adapters already set to the global adapter): fresh Adam, epochs
// over a seeded order, batches of batchSize. Non-finite steps are skipped and counted.
Result<TrainingOutcome> trainOnCoreset(LanguageModel &model, const std::vector<InstructionSample> &samples,
                                       const std::vector<size_t> &coreset, const TrainRequest &request);

// Held-out samples to evaluate: per category, evaluationSampleCount(rule, maxPerTask, its candidates) of them
// in a seeded order, returned in ascending index order.
[[nodiscard]] std::vector<size_t> chooseEvaluationSamples(const std::vector<InstructionSample> &samples,
                                                          const std::vector<size_t> &candidates,
                                                          EvaluationSampling rule, int maxPerTask, uint64_t seed);

// The prompt tokens greedy generation starts from at evaluation (BOS + the prompt, no response), fitted into
// `room` tokens (the model's context less the tokens to generate). PromptStart: BOS + the prompt's last room - 1
// tokens. Reference: the reference code's evaluation input (its tokenizer with truncation=True, the right side,
// max_length = max_tokens): the first min(maxTokens, room) tokens, so the end of a long prompt is lost.
[[nodiscard]] std::vector<int> generationPrompt(const Tokenizer &tokenizer, const InstructionSample &sample,
                                                int maxTokens, size_t room, Truncation truncation,
                                                PromptTemplate promptTemplate);

// How an evaluation reads and scores its samples.
struct EvaluationRules {
    int maxNewTokens = 128;
    int maxTokens = 256;
    Truncation truncation = Truncation::PromptStart;
    RougeVariant rouge = RougeVariant::RougeScore;
    PromptTemplate promptTemplate = PromptTemplate::Alpaca;
};

// Greedy generation (Rouge-L against the reference) and response loss of each chosen sample, with the
// adapters currently attached to the model.
Result<EvaluateReply> evaluateSamples(const LanguageModel &model, const std::vector<InstructionSample> &samples,
                                      const std::vector<size_t> &chosen, const EvaluationRules &rules);

} // namespace fp::engine::detail
