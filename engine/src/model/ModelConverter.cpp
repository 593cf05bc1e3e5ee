#include "fedpilot/engine/LanguageModel.h"

#include <filesystem>

namespace fp::engine {
namespace fs = std::filesystem;

Result<Tokenizer> loadTokenizerFor(const std::string &modelPath, const std::string &tokenizerPath, int vocabSize) {
    if (!tokenizerPath.empty()) {
        const bool json = fs::path(tokenizerPath).extension() == ".json";
        return json ? Tokenizer::loadHuggingFace(tokenizerPath) : Tokenizer::loadLlama2c(tokenizerPath, vocabSize);
    }
    std::error_code ec;
    const fs::path path(modelPath);
    if (fs::is_directory(path, ec)) {
        return Tokenizer::loadHuggingFace((path / "tokenizer.json").string());
    }
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (fs::exists(folder / "tokenizer.bin", ec)) {
        return Tokenizer::loadLlama2c((folder / "tokenizer.bin").string(), vocabSize);
    }
    // llama2.c names custom vocabularies tokN.bin (tok512.bin beside stories260K.bin): take the one that fits.
    std::vector<std::string> tried;
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("tok", 0) == 0 && entry.path().extension() == ".bin") {
            auto tokenizer = Tokenizer::loadLlama2c(entry.path().string(), vocabSize);
            if (tokenizer) {
                return tokenizer;
            }
            tried.push_back(name);
        }
    }
    return fail(ErrorCode::NotFound, "no tokenizer for " + modelPath + ": expected tokenizer.bin or a tok*.bin with " +
                                         std::to_string(vocabSize) + " tokens beside it" +
                                         (tried.empty() ? std::string() : " (none of the tok*.bin files matched)") +
                                         "; pass --tokenizer FILE");
}

Result<void> convertToHuggingFace(const std::string &source, const std::string &tokenizerPath,
                                  const std::string &outDir) {
    auto checkpoint = loadCheckpoint(source);
    if (!checkpoint) {
        return std::unexpected(checkpoint.error());
    }
    auto tokenizer = loadTokenizerFor(source, tokenizerPath, checkpoint->config.vocabSize);
    if (!tokenizer) {
        return std::unexpected(tokenizer.error());
    }
    if (tokenizer->vocabSize() != checkpoint->config.vocabSize) {
        return fail(ErrorCode::InvalidArgument, "convert: the tokenizer has " + std::to_string(tokenizer->vocabSize()) +
                                                    " tokens, the model " +
                                                    std::to_string(checkpoint->config.vocabSize));
    }
    if (tokenizer->bosId() >= 0) {
        checkpoint->config.bosId = tokenizer->bosId();
    }
    if (tokenizer->eosId() >= 0) {
        checkpoint->config.eosId = tokenizer->eosId();
    }
    if (auto ok = saveHfCheckpoint(*checkpoint, outDir); !ok) {
        return ok;
    }
    return tokenizer->saveHuggingFace(outDir);
}

} // namespace fp::engine
