#pragma once

#include "TokenizerImpl.h"

#include "fedpilot/engine/Error.h"

#include <memory>
#include <string>
#include <string_view>

namespace fp::engine::detail {

// Parses a llama2.c tokenizer.bin held in memory; path only names the file in messages.
Result<std::shared_ptr<TokenizerImpl>> parseLlama2cTokenizer(std::string_view bytes, const std::string &path,
                                                             int expectedVocab);

// Reads and parses a llama2.c tokenizer.bin (see Tokenizer::loadLlama2c for the errors).
Result<std::shared_ptr<TokenizerImpl>> loadLlama2cTokenizer(const std::string &path, int expectedVocab);

} // namespace fp::engine::detail
