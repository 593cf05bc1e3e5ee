#pragma once
// Engine-private: a frozen projection and its LoRA adapters as ONE autograd node with a hand-written backward.

#include "lora/LoraState.h"

#include <torch/torch.h>

#include <vector>

namespace fp::engine::detail {

// One adapted module of a projection: its adapters and its output columns.
struct AdapterSlot {
    const LoraPair *pair;
    int64_t column; // first output column
    int64_t width;  // output columns (rows of B)
};

// y = x W^T, plus scaling * (x * mask) A^T B^T in each slot's columns (mask: dropout, undefined for none).
// x: [N, in] fp32, weight: [out, in] frozen. Differentiable in x; the adapters' gradients are added straight
// into their .grad tensors (slices of LoraState's flat gradient buffer) by the backward pass, which spares
// autograd a dozen nodes per projection. The adapters are inputs all the same, so the node is recorded
// whenever they require grad, even for an x that does not (layer 0's input).
torch::Tensor projectWithAdapters(const torch::Tensor &x, const torch::Tensor &weight, const torch::Tensor &mask,
                                  const std::vector<AdapterSlot> &slots, double scaling);

} // namespace fp::engine::detail
