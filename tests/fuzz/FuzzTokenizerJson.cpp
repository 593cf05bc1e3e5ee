// Hugging Face tokenizer.json, with the tokenizer_config.json the loader reads beside it:
// input = tokenizer.json [kFileSeparator tokenizer_config.json]. Then encode/decode with what it loaded.
#include "FuzzSupport.h"
#include "FuzzTokenizerExercise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto input = fp::fuzz::asText(data, size);
    const auto files = fp::fuzz::splitFiles(input, 2);
    const auto &dir = fp::fuzz::ScratchDir::instance();
    const auto path = dir.write("tokenizer.json", files[0]);
    if (files[1].empty()) {
        dir.remove("tokenizer_config.json");
    } else {
        dir.write("tokenizer_config.json", files[1]);
    }
    if (auto tokenizer = fp::engine::Tokenizer::loadHuggingFace(path)) {
        fp::fuzz::exerciseTokenizer(*tokenizer, files[0]);
    }
    return 0;
}
