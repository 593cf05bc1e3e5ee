// llama2.c checkpoint (legacy and v1 headers): fp::engine::loadLlama2cCheckpoint, which only takes a path.
#include "FuzzSupport.h"

#include "fedpilot/engine/ModelFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string name = "model.bin";
    const auto path = fp::fuzz::ScratchDir::instance().write(name, fp::fuzz::asText(data, size));
    auto checkpoint = fp::engine::loadLlama2cCheckpoint(path);
    if (checkpoint) {
        // Every tensor the loader returns must be as large as its shape says (the model code trusts it).
        for (const auto &[tensorName, tensor] : checkpoint->tensors) {
            if (!tensor.hasConsistentSize()) {
                std::fprintf(stderr, "tensor %s: bytes do not match its shape\n", tensorName.c_str());
                std::abort();
            }
        }
    }
    return 0;
}
