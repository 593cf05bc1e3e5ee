#pragma once

#include "TokenizerImpl.h"

#include "fedpilot/engine/Error.h"

#include <string>

namespace fp::engine::detail {

// Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into dir (see
// Tokenizer::saveHuggingFace for the layout and the errors).
Result<void> saveHuggingFaceTokenizer(const TokenizerImpl &impl, const std::string &dir);

} // namespace fp::engine::detail
