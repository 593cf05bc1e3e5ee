#pragma once
// Engine-private: the Llama decoder in LibTorch. Public code goes through LanguageModel.

#include "fedpilot/engine/ModelFiles.h"
#include "lora/LoraState.h"

#include <torch/torch.h>

#include <optional>
#include <vector>

namespace fp::engine::detail {

struct LayerWeights {
    torch::Tensor attnNorm; // [D]
    torch::Tensor ffnNorm;  // [D]
    torch::Tensor wqkv;     // [D + 2 kvD, D]: q, k, v stacked so one matmul serves all three
    torch::Tensor wo;       // [D, D]
    torch::Tensor wGateUp;  // [2H, D]: gate, up stacked
    torch::Tensor wDown;    // [D, H]
};

struct LlamaWeights {
    torch::Tensor embed;  // [V, D]
    torch::Tensor norm;   // [D]
    torch::Tensor lmHead; // [V, D], the embedding when tied
    std::vector<LayerWeights> layers;
};

// Keys and values of past positions for incremental decoding of one sequence.
struct KvCache {
    std::vector<torch::Tensor> keys;   // per layer [kvH, capacity, headDim]
    std::vector<torch::Tensor> values; // per layer [kvH, capacity, headDim]
    int64_t length = 0;                // positions filled
};

struct ForwardOptions {
    bool training = false;     // LoRA dropout active
    int64_t startPosition = 0; // RoPE position of tokens[:, 0] (with a cache)
    KvCache *cache = nullptr;  // read and extended when set (batch of one)
    // When set: per row, the position whose hidden states (embedding output and every layer, the last
    // one after the final norm, as Hugging Face's output_hidden_states) are captured into *features.
    const std::vector<int64_t> *captureAt = nullptr;
    torch::Tensor *features = nullptr; // [B, (L+1) * D]
    bool computeLogits = true;
    bool lastLogitsOnly = false; // logits of the last position only ([B, 1, V])
    // When set: logits of these flattened rows (b * T + t) only, as [rows, V] (training: positions with a label).
    const torch::Tensor *logitRows = nullptr;
    const torch::Tensor *causalMask = nullptr; // set by forward() for the layers
};

class LlamaModel {
public:
    // Takes the checkpoint's tensors (any float dtype) to the device and compute dtype.
    static Result<LlamaModel> fromCheckpoint(const Checkpoint &checkpoint, torch::Device device,
                                             torch::ScalarType dtype);
    // The same, spending the checkpoint: each tensor is dropped from it once converted, so a copy it owns (the
    // permuted q/k of a llama2.c file) is freed before the next is made and loading peaks near one model's size.
    static Result<LlamaModel> fromCheckpoint(Checkpoint &&checkpoint, torch::Device device, torch::ScalarType dtype);

    // tokens: [B, T] int64. Returns logits [B, T, V] (or [B, 1, V]) in fp32, or an undefined tensor when
    // computeLogits is false.
    torch::Tensor forward(const torch::Tensor &tokens, const ForwardOptions &options) const;

    [[nodiscard]] KvCache newCache(int64_t capacity) const;
    [[nodiscard]] const LlamaConfig &config() const { return m_config; }
    [[nodiscard]] torch::Device device() const { return m_device; }
    [[nodiscard]] torch::ScalarType dtype() const { return m_dtype; }
    [[nodiscard]] int64_t parameterCount() const;
    [[nodiscard]] const LlamaWeights &weights() const { return m_weights; }

    // Adapters (may be empty). The model reads them in forward; the trainer updates them in place.
    LoraState &lora() { return m_lora; }
    [[nodiscard]] const LoraState &lora() const { return m_lora; }

private:
    static Result<LlamaModel> build(const Checkpoint &checkpoint, TensorMap *spend, torch::Device device,
                                    torch::ScalarType dtype);
    torch::Tensor attention(const torch::Tensor &x, int layer, int64_t batch, int64_t length,
                            const ForwardOptions &options) const;
    torch::Tensor feedForward(const torch::Tensor &x, int layer, bool training) const;
    torch::Tensor rmsNorm(const torch::Tensor &x, const torch::Tensor &weight) const;
    torch::Tensor applyRope(const torch::Tensor &x, int64_t start, int64_t length) const;

    LlamaConfig m_config;
    torch::Device m_device = torch::kCPU;
    torch::ScalarType m_dtype = torch::kFloat32;
    LlamaWeights m_weights;
    torch::Tensor m_cos, m_sin; // [maxSeqLen, headDim], rotate_half layout
    LoraState m_lora;
};

// Mean cross-entropy of predicting position t + 1 from position t, over the positions whose label is not
// EncodedSample::kIgnoreLabel (the response). input and target: [B, T], right-padded. The head runs only on
// those rows. Used by training (training = true: LoRA dropout) and by evaluation.
torch::Tensor responseLoss(const LlamaModel &model, const torch::Tensor &input, const torch::Tensor &target,
                           bool training);

// A torch tensor holding a copy of a file tensor (any float dtype), converted to dtype on device.
torch::Tensor toTorch(const RawTensor &raw, torch::Device device, torch::ScalarType dtype);
// A file tensor (F32) holding a copy of a torch tensor.
RawTensor fromTorch(const torch::Tensor &tensor);

} // namespace fp::engine::detail
