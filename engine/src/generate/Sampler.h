#pragma once
// Engine-private: picks the next token from a row of logits.

#include "fedpilot/engine/LanguageModel.h"

#include <random>

namespace fp::engine::detail {

class Sampler {
public:
    explicit Sampler(const GenerationOptions &options) : m_options(options), m_rng(options.seed) {}
    // Greedy (argmax, lowest id on ties) when temperature is 0; else softmax(logits / T), restricted to the
    // smallest set of tokens whose probability reaches topP, sampled with the seeded generator.
    int next(const float *logits, int vocab);

private:
    GenerationOptions m_options;
    std::mt19937_64 m_rng;
    std::vector<std::pair<float, int>> m_candidates;
};

} // namespace fp::engine::detail
