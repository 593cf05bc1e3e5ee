// Hugging Face model folder: fp::engine::loadHfCheckpoint (a directory).
// input = config.json kFileSeparator model.safetensors
#include "FuzzSupport.h"

#include "fedpilot/engine/ModelFiles.h"

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string dir = [] {
        const std::string path = fp::fuzz::ScratchDir::instance().path() + "/model";
        std::filesystem::create_directories(path);
        return path;
    }();
    const auto files = fp::fuzz::splitFiles(fp::fuzz::asText(data, size), 2);
    const auto &scratch = fp::fuzz::ScratchDir::instance();
    scratch.write("model/config.json", files[0]);
    scratch.write("model/model.safetensors", files[1]);
    if (auto checkpoint = fp::engine::loadHfCheckpoint(dir)) {
        // What the loader accepts is exactly the tensors of its config, each as large as its shape.
        const auto specs = fp::engine::llamaTensorSpecs(checkpoint->config);
        bool consistent = specs.size() == checkpoint->tensors.size();
        for (const auto &spec : specs) {
            const auto found = checkpoint->tensors.find(spec.name);
            consistent = consistent && found != checkpoint->tensors.end() && found->second.shape == spec.shape &&
                         found->second.hasConsistentSize();
        }
        if (!consistent) {
            std::fprintf(stderr, "loadHfCheckpoint accepted tensors that do not match its config\n");
            std::abort();
        }
    }
    return 0;
}
