#pragma once
// Engine-private: single-stream incremental decoding on the CPU without per-operation framework overhead.
//
// Generating one token of a small model through LibTorch costs ~300 tensor operations whose dispatch
// dominates the arithmetic (stories260K: ~0.5 MFLOP per token). This decoder runs the same math on raw
// fp32 buffers: it copies the weights once per generation (merging LoRA: W + (alpha/r) B A), keeps its
// own KV cache, and calls LibTorch only for matrix-vector products large enough to pay for it.

#include "model/LlamaModel.h"

#include <optional>
#include <vector>

namespace fp::engine::detail {

// weight with each targeted module's adapter merged into its rows: W + (alpha/r) B A (a copy of W without
// adapters). blocks: (module, first row of its block in W).
torch::Tensor mergedLora(const torch::Tensor &weight, const LoraState &lora, int layer,
                         std::initializer_list<std::pair<LoraModule, int64_t>> blocks);

// One decoder layer's weights as raw-buffer kernels read them: contiguous fp32, each adapter merged (mergedLora).
struct MergedLayer {
    torch::Tensor attnNorm, ffnNorm, wqkv, wo, wGateUp, wDown;
};
// The model's layers with its current adapters merged.
std::vector<MergedLayer> mergedLayers(const LlamaModel &model);

// RoPE angles' cos and sin for positions 0 .. positions - 1, [positions, headDim / 2], as LlamaModel's tables.
void ropeTables(const LlamaConfig &config, int64_t positions, std::vector<float> &cos, std::vector<float> &sin);

class CpuDecoder {
public:
    // nullopt unless the model is fp32 on the CPU. capacity: positions the cache holds.
    static std::optional<CpuDecoder> create(const LlamaModel &model, int64_t capacity);

    // Feeds the token at the next position; returns the logits [vocab] (valid until the next call).
    const float *step(int token);
    [[nodiscard]] int64_t position() const { return m_position; }

private:
    using Layer = MergedLayer;
    CpuDecoder() = default;
    void attention(const Layer &layer, size_t index);
    void feedForward(const Layer &layer);

    LlamaConfig m_config;
    torch::Tensor m_embed, m_norm, m_lmHead;
    std::vector<Layer> m_layers;
    std::vector<float> m_cos, m_sin;     // [capacity, headDim / 2]
    std::vector<float> m_keys, m_values; // [layers, capacity, kvDim]
    int64_t m_capacity = 0;
    int64_t m_position = 0;
    // Scratch, sized once.
    std::vector<float> m_x, m_xb, m_qkv, m_att, m_scores, m_out, m_gateUp, m_hidden, m_logits;
};

} // namespace fp::engine::detail
