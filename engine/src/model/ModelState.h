#pragma once
// Engine-private: what a LanguageModel holds.

#include "fedpilot/engine/LanguageModel.h"
#include "model/LlamaModel.h"

namespace fp::engine {

struct LanguageModel::State {
    detail::LlamaModel model;
    Tokenizer tokenizer;
    std::string source;
    Device device = Device::Cpu;
};

namespace detail {
inline torch::Device torchDevice(Device device) { return device == Device::Cuda ? torch::kCUDA : torch::kCPU; }
// bf16 weights on CUDA, fp32 on CPU.
inline torch::ScalarType computeDtype(Device device) {
    return device == Device::Cuda ? torch::kBFloat16 : torch::kFloat32;
}
// [rows, longest] int64 tensor, right-padded with padId.
torch::Tensor padBatch(const std::vector<std::vector<int>> &rows, int padId, torch::Device device);
} // namespace detail

} // namespace fp::engine
