// safetensors file: fp::engine::readSafetensors (a path; the reader a model or adapter file goes through).
#include "FuzzSupport.h"

#include "fedpilot/engine/Safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto path = fp::fuzz::ScratchDir::instance().write("model.safetensors", fp::fuzz::asText(data, size));
    fp::engine::StringMap metadata;
    if (auto tensors = fp::engine::readSafetensors(path, &metadata)) {
        for (const auto &[name, tensor] : *tensors) {
            if (!tensor.hasConsistentSize()) {
                std::fprintf(stderr, "tensor %s: bytes do not match its shape\n", name.c_str());
                std::abort();
            }
        }
    }
    return 0;
}
