// llama2.c tokenizer.bin: fp::engine::Tokenizer::loadLlama2c (a path), then encode/decode with what it loaded.
#include "FuzzSupport.h"
#include "FuzzTokenizerExercise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto input = fp::fuzz::asText(data, size);
    const auto path = fp::fuzz::ScratchDir::instance().write("tokenizer.bin", input);
    if (auto tokenizer = fp::engine::Tokenizer::loadLlama2c(path)) {
        fp::fuzz::exerciseTokenizer(*tokenizer, input);
    }
    return 0;
}
