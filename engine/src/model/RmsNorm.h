#pragma once
// Engine-private: RMSNorm as one autograd node, for training.

#include <torch/torch.h>

namespace fp::engine::detail {

// x / sqrt(mean(x^2, last dim) + eps) * weight, differentiable in x only (the weight is frozen). Built from
// LibTorch ops it is six autograd nodes forward and about a dozen kernels backward per call; this is one
// loop each way. x: [N, D] fp32 on the CPU; weight: [D].
torch::Tensor rmsNormFrozenWeight(const torch::Tensor &x, const torch::Tensor &weight, double eps);

} // namespace fp::engine::detail
