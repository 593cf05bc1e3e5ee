// safetensors container in memory (what an adapter on the wire is): fp::engine::decodeSafetensors. What it
// accepts must convert to floats and encode again into bytes that decode to the same tensors.
#include "FuzzSupport.h"

#include "fedpilot/engine/Safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fp::engine::StringMap metadata;
    auto tensors = fp::engine::decodeSafetensors(fp::fuzz::asBytes(data, size), "fuzz input", &metadata);
    if (!tensors) {
        return 0;
    }
    for (const auto &[name, tensor] : *tensors) {
        if (!tensor.hasConsistentSize() || tensor.toFloat32().size() != size_t(tensor.numel())) {
            std::fprintf(stderr, "tensor %s: bytes do not match its shape\n", name.c_str());
            std::abort();
        }
    }
    auto encoded = fp::engine::encodeSafetensors(*tensors, metadata);
    if (!encoded) {
        std::fprintf(stderr, "decoded tensors do not encode again: %s\n", encoded.error().message.c_str());
        std::abort();
    }
    fp::engine::StringMap metadataAgain;
    auto again = fp::engine::decodeSafetensors(*encoded, "re-encoded", &metadataAgain);
    if (!again || *again != *tensors || metadataAgain != metadata) {
        std::fprintf(stderr, "re-encoded tensors do not decode to the same tensors\n");
        std::abort();
    }
    return 0;
}
