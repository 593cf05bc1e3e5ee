#pragma once
// Engine-private: LoRA adapter tensors of one model.
//
// All A and B matrices live in ONE flat fp32 buffer; each is a leaf tensor sharing that buffer, and its
// .grad is pre-set to the matching slice of one flat gradient buffer. Autograd then accumulates every
// gradient straight into the flat buffer, and the optimizer updates all adapters with a handful of
// whole-buffer operations instead of a loop of small ones over 2 * 7 * layers tensors. (In training,
// project() runs through LoraProjection, whose backward adds into those same .grad slices itself.)

#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/ModelFiles.h"

#include <torch/torch.h>

#include <optional>
#include <vector>

namespace fp::engine::detail {

enum LoraModule : int { kQ = 0, kK, kV, kO, kGate, kUp, kDown, kModuleCount };

struct LoraPair {
    torch::Tensor a; // [rank, in]
    torch::Tensor b; // [out, rank]
};

class LoraState {
public:
    [[nodiscard]] bool active() const { return m_flat.defined(); }
    [[nodiscard]] const LoraConfig &config() const { return m_config; }

    // Creates fresh adapters (A Kaiming-uniform from seed, B zero) for every targeted module.
    // Errors: InvalidArgument for an unknown target, a non-positive rank or a dropout outside [0, 1).
    Result<void> attach(const LoraConfig &config, const LlamaConfig &model, torch::Device device, uint64_t seed);
    void detach();

    // base + (alpha / rank) * dropout(x) A^T B^T for consecutive modules that read one input x: bases[i]
    // ([N, out_i]) belongs to module first + i and comes back unchanged when that module has no adapter.
    // Their A matrices run as one matmul, and training draws ONE dropout mask for the shared input. PEFT
    // draws one per module: the masks are as likely, only the random stream differs.
    std::vector<torch::Tensor> applyGroup(std::vector<torch::Tensor> bases, const torch::Tensor &x, int layer,
                                          LoraModule first, bool training) const;

    // x W^T for the consecutive modules first, first + 1, ... whose output columns have the given sizes
    // (weight: their frozen weights stacked, [sum(sizes), in]), each with its adapter as applyGroup adds it.
    // When autograd records (training), projection and adapters are one node with a hand-written backward.
    std::vector<torch::Tensor> project(const torch::Tensor &x, const torch::Tensor &weight,
                                       const std::vector<int64_t> &sizes, int layer, LoraModule first,
                                       bool training) const;

    [[nodiscard]] const LoraPair *pair(int layer, LoraModule module) const;
    torch::Tensor &flatParameters() { return m_flat; }
    torch::Tensor &flatGradients() { return m_flatGrad; }
    [[nodiscard]] int64_t parameterCount() const { return m_flat.defined() ? m_flat.numel() : 0; }

    // Tensors under PEFT names ("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight"), fp32.
    [[nodiscard]] TensorMap exportPeft() const;
    // Copies PEFT-named tensors into the attached adapters. Every adapter must be present with its
    // shape; an unknown name is an error. source names the file in messages.
    Result<void> importPeft(const TensorMap &tensors, const std::string &source);

    // Hugging Face module path of a projection ("self_attn.q_proj", "mlp.down_proj").
    static const char *modulePath(LoraModule module);

private:
    // x with LoRA dropout applied (x itself outside training or at dropout 0).
    torch::Tensor dropout(const torch::Tensor &x, bool training) const;

    LoraConfig m_config;
    int m_layers = 0;
    std::vector<std::optional<LoraPair>> m_pairs; // layer * kModuleCount + module
    torch::Tensor m_flat;
    torch::Tensor m_flatGrad;
};

// The PEFT name of an adapter matrix.
std::string peftName(int layer, LoraModule module, bool isA);

} // namespace fp::engine::detail
