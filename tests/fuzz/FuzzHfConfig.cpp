// Hugging Face config.json of a Llama model: fp::engine::parseHfConfig (in memory).
#include "FuzzSupport.h"

#include "fedpilot/engine/ModelFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string text(fp::fuzz::asText(data, size));
    if (auto config = fp::engine::parseHfConfig(text, "config.json")) {
        // What the parser accepts must be a valid config (the model code builds tensors from it).
        if (!config->validate()) {
            std::fprintf(stderr, "parseHfConfig accepted a config that validate() rejects\n");
            std::abort();
        }
        (void)config->headDim();
        (void)config->kvDim();
    }
    return 0;
}
