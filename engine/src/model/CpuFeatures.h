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
//   - runs whole batches per thread (batches are shared out to LibTorch's intra-op threads as they free up), with
//     matrix products through PackedWeight (model/PackedGemm.h) instead of BLAS and attention through
//     causalAttention()'s kernel; the rest (RMSNorm, RoPE, SiLU, residuals) are loops over rows.
// A sequence's features do not depend on the other sequences of its batch or on the thread count.

#include "model/CpuDecoder.h"
#include "model/LlamaModel.h"
#include "model/PackedGemm.h"

#include <optional>
#include <vector>

namespace fp::engine::detail {

class CpuFeatureExtractor {
public:
    // nullopt unless the model is fp32 on the CPU and causalAttention() takes its heads.
    static std::optional<CpuFeatureExtractor> create(const LlamaModel &model);

    // The features of every sequence ((nLayers + 1) * dim floats each), in the callers' order. Sequences of equal
    // length are packed into batches of at most batchSize (fewer when that keeps every thread busy).
    [[nodiscard]] std::vector<std::vector<float>> features(const std::vector<std::vector<int>> &sequences,
                                                           size_t batchSize) const;

private:
    struct Layer {
        std::vector<float> attnNorm, ffnNorm;
        PackedWeight qkv;       // every layer but the last: queries, keys and values of every position
        PackedWeight kv, query; // the last layer: keys and values of every position, the last query
        PackedWeight wo, gateUp, down;
    };
    // Activations of one thread's batch, grown to the largest batch * length it saw. x: residual stream; xb: the
    // normed input of a block.
    struct Scratch {
        int64_t rows = 0;
        std::vector<float> x, xb, qkv, out, gateUp, hidden, last, lastB, query, att;
        void reserve(const LlamaConfig &c, int64_t rows);
    };

    CpuFeatureExtractor() = default;
    // Writes the features of `batch` sequences of `length` tokens each (row-major tokens[batch * length]) to
    // out[batch * (nLayers + 1) * dim].
    void extract(Scratch &s, const int *tokens, int64_t batch, int64_t length, float *out) const;
    void fullLayer(Scratch &s, const Layer &layer, int64_t batch, int64_t length) const;
    void lastLayer(Scratch &s, const Layer &layer, int64_t batch, int64_t length) const;
    void capture(const Scratch &s, int64_t batch, int64_t length, int slot, float *out) const;

    LlamaConfig m_config;
    std::vector<float> m_embed, m_norm;
    std::vector<Layer> m_layers;
    std::vector<float> m_cos, m_sin; // [maxSeqLen, headDim / 2]
};

} // namespace fp::engine::detail
