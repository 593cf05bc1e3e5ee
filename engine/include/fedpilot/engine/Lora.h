#pragma once

#include <string>
#include <vector>

namespace fp::engine {

// LoRA adapters on a Llama decoder's linear projections: W x + (alpha / rank) * B A dropout(x).
// A is [rank, in] (Kaiming-uniform initialised as PEFT does), B is [out, rank] (zeros), so a fresh
// adapter leaves the model unchanged. Only A and B train.
struct LoraConfig {
    int rank = 8;
    float alpha = 16.f;
    float dropout = 0.05f;
    // Hugging Face module names: any of q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj.
    std::vector<std::string> targetModules = {"q_proj",    "k_proj",  "v_proj",   "o_proj",
                                              "gate_proj", "up_proj", "down_proj"};

    [[nodiscard]] float scaling() const { return alpha / float(rank); }
    friend bool operator==(const LoraConfig &, const LoraConfig &) = default;
};

// The seven projections a target may name, in the order the engine stores them.
[[nodiscard]] const std::vector<std::string> &loraModuleNames();

} // namespace fp::engine
