#pragma once
// Engine-private: feature extraction (LanguageModel::lastTokenFeatures) on the CPU in fp32 without autograd or
// per-operation tensors.
//
// Features are the last token's hidden state after the embedding and after every layer (the last one after the
// final norm). Being inference only, the extractor:
//   - merges LoRA into the weights once per call (W + (alpha/r) B A), as the CPU decoder does;
//   - packs sequences of equal length into a batch, so no row is padding (callers sort by length);
//   - runs the last layer's query, attention output and feed-forward on the last token only (its keys and
//     values still cover every position), and never the LM head;
//   - keeps every activation in buffers sized once and reused by every batch.
// Matrix products go through LibTorch (BLAS), attention through causalAttention()'s kernel; the rest (RMSNorm,
// RoPE, SiLU, residuals) are loops over rows, split over LibTorch's intra-op threads.

#include "model/CpuDecoder.h"
#include "model/LlamaModel.h"

#include <optional>
#include <vector>

namespace fp::engine::detail {

class CpuFeatureExtractor {
public:
    // nullopt unless the model is fp32 on the CPU and causalAttention() takes its heads.
    static std::optional<CpuFeatureExtractor> create(const LlamaModel &model);

    // Writes the features of `batch` sequences of `length` tokens each (row-major tokens[batch * length]) to
    // out[batch * (nLayers + 1) * dim].
    void extract(const int *tokens, int64_t batch, int64_t length, float *out);

private:
    using Layer = MergedLayer;
    CpuFeatureExtractor() = default;
    void reserve(int64_t rows);
    void fullLayer(const Layer &layer, int64_t batch, int64_t length);
    void lastLayer(const Layer &layer, int64_t batch, int64_t length);
    void capture(int64_t batch, int64_t length, int slot, float *out) const;

    LlamaConfig m_config;
    torch::Tensor m_embed, m_norm;
    std::vector<Layer> m_layers;
    std::vector<float> m_cos, m_sin; // [maxSeqLen, headDim / 2]
    int64_t m_rows = 0;              // rows the buffers hold
    // Scratch, grown to the largest batch * length seen. x: residual stream; xb: normed input of a block.
    std::vector<float> m_x, m_xb, m_qkv, m_out, m_gateUp, m_hidden, m_last, m_lastB, m_query, m_att;
};

} // namespace fp::engine::detail
