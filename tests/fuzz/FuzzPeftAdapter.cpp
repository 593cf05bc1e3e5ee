// PEFT adapter folder: fp::engine::readPeftAdapter (a directory).
// input = adapter_config.json kFileSeparator adapter_model.safetensors
#include "FuzzSupport.h"

#include "fedpilot/engine/PeftAdapter.h"

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string dir = [] {
        const std::string path = fp::fuzz::ScratchDir::instance().path() + "/adapter";
        std::filesystem::create_directories(path);
        return path;
    }();
    const auto files = fp::fuzz::splitFiles(fp::fuzz::asText(data, size), 2);
    const auto &scratch = fp::fuzz::ScratchDir::instance();
    scratch.write("adapter/adapter_config.json", files[0]);
    scratch.write("adapter/adapter_model.safetensors", files[1]);
    if (auto adapter = fp::engine::readPeftAdapter(dir)) {
        for (const auto &[name, tensor] : adapter->tensors) {
            if (!tensor.hasConsistentSize()) {
                std::fprintf(stderr, "tensor %s: bytes do not match its shape\n", name.c_str());
                std::abort();
            }
        }
    }
    return 0;
}
