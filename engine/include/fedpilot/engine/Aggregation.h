#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Safetensors.h"

#include <vector>

// Server-side aggregation of the LoRA adapters clients send back after a round. Adapters are TensorMaps in
// PEFT naming ("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight" [r, in] and the matching
// "...lora_B.weight" [out, r]), every tensor F32.
//
// Both functions are deterministic: the same inputs give bit-identical outputs (clients are accumulated in
// the order given, tensors in name order). Weights are normalised to sum to 1; FedIT and FedHDS weight a
// client by the number of samples it trained on.
//
// Errors (InvalidArgument, naming the tensor or the client): no updates; weights.size() != updates.size();
// a negative or non-finite weight, or all weights zero; a null update; tensor names, shapes or dtypes that
// differ between clients; a dtype other than F32; (FlexLoRA) a lora_A without its lora_B or the reverse,
// a rank < 1. Runtime for a numerical failure of the SVD.
namespace fp::engine {

// FedAvg: every tensor is the element-wise weighted mean over clients, accumulated in double and rounded to
// float once. Returns tensors with the clients' names and shapes.
[[nodiscard]] Result<TensorMap> aggregateFedAvg(const std::vector<const TensorMap *> &updates,
                                                const std::vector<double> &weights);

// FlexLoRA (Bai et al., NeurIPS 2024): per adapted module, the full-rank weighted sum of the clients' updates
// W = sum_i w_i B_i A_i, then its truncated SVD W ~ U_r S_r V_r^T redistributed as
// B = U_r sqrt(S_r) [out, rank] and A = sqrt(S_r) V_r^T [rank, in]. Clients may use different ranks (the
// products must agree in shape); the result has the given rank, zero-padded when W has fewer than `rank`
// singular values (rank > min(out, in)). The SVD is computed in double from the factors (QR of the stacked
// B_i and A_i, then the SVD of a small core), which is exact without materialising W. Signs are fixed so
// that the largest-magnitude entry of each column of U is positive, which makes the result unique when the
// singular values are distinct. B A carries the clients' scaling alpha / r; all clients must share it.
// Tensors that are not lora_A/lora_B pairs are averaged as FedAvg does.
[[nodiscard]] Result<TensorMap> aggregateFlexLora(const std::vector<const TensorMap *> &updates,
                                                  const std::vector<double> &weights, int rank);

} // namespace fp::engine
