#pragma once

#include "fedpilot/engine/Error.h"
#include "fedpilot/engine/Lora.h"
#include "fedpilot/engine/Safetensors.h"

#include <string>

// PEFT adapter directories (adapter_model.safetensors + adapter_config.json) without a model: what the
// federation checkpoints each round and what resume reads back.
namespace fp::engine {

struct PeftAdapter {
    LoraConfig config;
    TensorMap tensors; // PEFT names, F32
};

// Writes dir/adapter_model.safetensors and dir/adapter_config.json (dir is created), each file atomically.
// Errors: Io (cannot create or write, e.g. disk full; the message names the file), InvalidArgument.
Result<void> writePeftAdapter(const std::string &dir, const PeftAdapter &adapter, const std::string &baseModel);

// Reads a PEFT directory. Errors: NotFound, BadFormat, Unsupported (as LanguageModel::loadAdapter).
Result<PeftAdapter> readPeftAdapter(const std::string &dir);

} // namespace fp::engine
