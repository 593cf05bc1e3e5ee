#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Instruction.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace fp::engine {

class LanguageModel;

struct TrainOptions {
    float learningRate = 3e-4f; // paper: 3e-4 on Natural Instructions, 3e-5 on Dolly
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    float weightDecay = 0.f;  // L2 added to the gradient, as torch.optim.Adam
    float clipGradNorm = 0.f; // > 0: scale gradients to at most this global L2 norm
    uint64_t seed = 0;        // LoRA dropout masks
};

struct StepStats {
    double loss = 0.0;         // mean cross-entropy over response tokens
    int64_t lossTokens = 0;    // response tokens that carried loss
    int64_t inputTokens = 0;   // tokens fed (padding excluded)
    double gradientNorm = 0.0; // global L2 norm before clipping
    bool skipped = false;      // loss or gradients not finite: no update was applied
};

// Adam on the LoRA adapters of a model (only adapters change). Batches are right-padded; the loss
// covers response tokens only. Holds the optimizer state; the model must outlive the trainer.
class LoraTrainer {
public:
    // Errors: InvalidArgument when the model has no adapters or an option is out of range.
    static Result<LoraTrainer> create(LanguageModel &model, const TrainOptions &options);
    LoraTrainer(LoraTrainer &&) noexcept;
    LoraTrainer &operator=(LoraTrainer &&) noexcept;
    ~LoraTrainer();

    // One optimisation step over a batch (one or more samples). A step whose loss or gradient is NaN/inf
    // is skipped (stats.skipped) and leaves the adapters unchanged.
    // Errors: InvalidArgument (empty batch, no response tokens, a sequence beyond the model's context,
    // token ids outside the vocabulary), Runtime (backend failure).
    Result<StepStats> step(const std::vector<EncodedSample> &batch);

    [[nodiscard]] int64_t stepsTaken() const;

private:
    struct State;
    explicit LoraTrainer(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace fp::engine
