#pragma once
// Engine-private: causal self-attention over a whole sequence as ONE autograd node with a hand-written
// backward, for models whose heads are too small for BLAS to pay off (stories260K: head dim 8). The LibTorch
// path materialises a [heads, T, T] score tensor, adds a mask, runs softmax, and has autograd walk five
// nodes through it; this kernel computes only the causal half, row by row, and keeps the probabilities for
// the backward pass. Results do not depend on the thread count: work is split by (sequence, kv head) and
// every sum runs in a fixed order.

#include <torch/torch.h>

namespace fp::engine::detail {

// Whether causalAttention() takes this model's attention: fp32 on the CPU, head dim a multiple of 4 up to
// 32 (larger heads are faster through BLAS).
bool causalAttentionApplies(torch::ScalarType dtype, torch::Device device, int64_t headDim);

// softmax(scale * q k^T + causal mask) v, query t seeing keys 0 .. t, with grouped-query heads
// (query head h reads kv head h / (H / kvH)). q: [B, T, H, hd]; k, v: [B, T, kvH, hd].
// Returns [B * T, H * hd]. Differentiable in q, k and v.
torch::Tensor causalAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v, double scale);

// For tests and benchmarks only: which vector width causalAttention() may use. Widest (the default) takes 8 lanes
// with AVX2 + FMA when the CPU has them and the head dim is a multiple of 8; Portable forces the 4-lane kernels
// that every other CPU runs, so that one machine can check both. Not to be changed while a kernel runs.
enum class VectorPath { Widest, Portable };
void forceVectorPath(VectorPath path);
// The lanes causalAttention() uses now for this head dim: 8 (AVX2 + FMA) or 4.
int causalAttentionLanes(int64_t headDim);

} // namespace fp::engine::detail
