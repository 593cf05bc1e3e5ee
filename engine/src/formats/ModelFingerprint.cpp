#include "fedpilot/engine/ModelFingerprint.h"

#include "fedpilot/engine/Sha256.h"
#include "fedpilot/engine/Tokenizer.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace fp::engine {

Result<std::string> modelFilesSha256(const std::string &modelPath) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(modelPath, ec)) {
        auto digest = sha256File(modelPath);
        if (!digest) {
            return std::unexpected(digest.error());
        }
        return digest->sha256;
    }
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(modelPath, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && (name == "config.json" || entry.path().extension() == ".safetensors")) {
            names.push_back(name);
        }
    }
    if (ec) {
        return fail(ErrorCode::Io, "model folder " + modelPath + ": " + ec.message());
    }
    std::sort(names.begin(), names.end());
    if (std::none_of(names.begin(), names.end(), [](const std::string &n) { return n.ends_with(".safetensors"); })) {
        return fail(ErrorCode::NotFound, "model folder " + modelPath + " holds no .safetensors file");
    }
    Sha256 all;
    for (const auto &name : names) {
        auto digest = sha256File((fs::path(modelPath) / name).string());
        if (!digest) {
            return std::unexpected(digest.error());
        }
        all.update(name + " " + digest->sha256 + "\n");
    }
    return Sha256::hex(all.finish());
}

std::string tokenizerSha256(const Tokenizer &tokenizer) {
    Sha256 hash;
    hash.update("bos " + std::to_string(tokenizer.bosId()) + " eos " + std::to_string(tokenizer.eosId()) + " unk " +
                std::to_string(tokenizer.unkId()) + " vocab " + std::to_string(tokenizer.vocabSize()) + "\n");
    for (int id = 0; id < tokenizer.vocabSize(); ++id) {
        const std::string piece = tokenizer.piece(id);
        hash.update(std::to_string(piece.size()) + ":");
        hash.update(piece);
    }
    return Sha256::hex(hash.finish());
}

} // namespace fp::engine
